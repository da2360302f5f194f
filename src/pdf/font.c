/*
 * font.c — one Type0 font per face and drawing: CIDFontType2 with
 * Identity-H, the face subset by hb-subset (libharu's own subsetter
 * follows composite glyphs one level only and loses Arabic dots), /W
 * from the font's advances, CIDToGIDMap to the subset's glyph IDs and a
 * ToUnicode CMap from HarfBuzz clusters.  The font program and the
 * streams are made and deflated once per drawing (dw_pdf_font_finish);
 * each file then only writes the dictionaries (dw_pdf_font_dict).
 */
#include "pdf_int.h"

#include <hb-subset.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pdf_font *dw_pdf_font_new(const dw_face *face)
{
    pdf_font *f = dw_xcalloc(1, sizeof *f);
    f->face = face;
    f->n_glyphs = hb_face_get_glyph_count(face->hb_face);
    dw_buf_init(&f->program);
    dw_buf_init(&f->cidmap);
    dw_buf_init(&f->tounicode);
    dw_buf_init(&f->cidset);
    return f;
}

int32_t dw_pdf_font_advance(pdf_font *f, uint32_t gid)
{
    if (gid >= f->n_glyphs)
        return (int32_t)lround(hb_font_get_glyph_h_advance(f->face->hb_font, gid) * 1000.0 /
                               f->face->upem);
    if (!f->advance) {
        f->advance = dw_xmalloc(f->n_glyphs * sizeof *f->advance);
        for (unsigned i = 0; i < f->n_glyphs; i++)
            f->advance[i] = INT32_MIN;
    }
    if (f->advance[gid] == INT32_MIN) {
        f->advance[gid] = (int32_t)lround(hb_font_get_glyph_h_advance(f->face->hb_font, gid) *
                                          1000.0 / f->face->upem);
        /* a glyph without advance (the alef of Naskh's lam-alef, marks)
         * is 1/1000 em wide in /W, and the content moves the pen back by
         * as much: pdf.js does not advance past a zero-width glyph and
         * took the word space before it again as a space inside the word
         * ("ل ا" for "لا"); PDFBox accepts the difference to the font    */
        if (f->advance[gid] == 0)
            f->advance[gid] = 1;
    }
    return f->advance[gid];
}

void dw_pdf_font_free(pdf_font *f)
{
    free(f->advance);
    for (size_t i = 0; i < f->n_cids; i++)
        free(f->cids[i].text);
    free(f->cids);
    dw_buf_fini(&f->program);
    dw_buf_fini(&f->cidmap);
    dw_buf_fini(&f->tounicode);
    dw_buf_fini(&f->cidset);
    free(f);
}

static char *utf8_of(const uint32_t *text, size_t len)
{
    char *s = dw_xmalloc(len * 4 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len; i++)
        o += (size_t)dw_utf8_put(s + o, text[i]);
    s[o] = 0;
    return s;
}

static void grow(pdf_font *f, size_t n)
{
    if (n <= f->n_cids)
        return;
    f->cids = dw_xrealloc(f->cids, n * sizeof *f->cids);
    for (size_t i = f->n_cids; i < n; i++)
        f->cids[i] = (pdf_cid){UINT32_MAX, NULL};
    f->n_cids = n;
}

uint32_t dw_pdf_font_cid(pdf_font *f, uint32_t gid, const uint32_t *text, size_t len)
{
    /* the common case, a glyph seen before with the same text, allocates
     * nothing (this runs for every glyph of every page)                 */
    char buf[16 * 4 + 1];
    if (len && len <= 16) {
        size_t o = 0;
        for (size_t i = 0; i < len; i++)
            o += (size_t)dw_utf8_put(buf + o, text[i]);
        buf[o] = 0;
        if (gid < f->n_cids && f->cids[gid].gid == gid && f->cids[gid].text &&
            strcmp(f->cids[gid].text, buf) == 0)
            return gid;
    } else if (!len && gid < f->n_cids && f->cids[gid].gid == gid) {
        return gid;
    }
    char *t = len ? utf8_of(text, len) : NULL;
    grow(f, (size_t)gid + 1);
    pdf_cid *c = &f->cids[gid];
    if (c->gid == UINT32_MAX || (!c->text && t)) {
        c->gid = gid;
        free(c->text);
        c->text = t;
        return gid;
    }
    if (!t || (c->text && strcmp(c->text, t) == 0)) {
        free(t);
        return gid;
    }
    for (size_t i = f->n_glyphs; i < f->n_cids; i++)
        if (f->cids[i].gid == gid && strcmp(f->cids[i].text, t) == 0) {
            free(t);
            return (uint32_t)i;
        }
    size_t cid = f->n_cids > f->n_glyphs ? f->n_cids : f->n_glyphs;
    if (cid > 0xFFFF) { /* Identity-H has two-byte codes */
        free(t);
        return gid;
    }
    grow(f, cid + 1);
    f->cids[cid] = (pdf_cid){gid, t};
    return (uint32_t)cid;
}

static void put_hex4(dw_buf *b, uint32_t v)
{
    static const char hex[] = "0123456789ABCDEF";
    char q[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    dw_buf_put(b, q, 4);
}

void dw_pdf_utf16be_hex(dw_buf *b, const uint32_t *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint32_t c = text[i];
        if (c >= 0x10000) { /* a surrogate pair */
            c -= 0x10000;
            put_hex4(b, 0xD800 + (c >> 10));
            put_hex4(b, 0xDC00 + (c & 0x3FF));
        } else {
            put_hex4(b, c);
        }
    }
}

void dw_pdf_utf8_hex(dw_buf *b, const char *s)
{
    size_t len = strlen(s), i = 0;
    while (i < len) {
        int32_t c = dw_utf8_next(s, len, &i);
        uint32_t u = c < 0 ? 0xFFFD : (uint32_t)c;
        dw_pdf_utf16be_hex(b, &u, 1);
    }
}

/* Six capital letters from the glyph set: the subset tag (PDF 32000
 * 9.6.4) is then the same for the same glyphs, build after build.     */
static void subset_tag(const pdf_font *f, char tag[8])
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < f->n_cids; i++)
        if (f->cids[i].gid != UINT32_MAX) {
            h ^= f->cids[i].gid + i * 65536u;
            h *= 1099511628211ull;
        }
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = '+';
    tag[7] = 0;
}

bool dw_pdf_font_finish(pdf_font *f, struct libdeflate_compressor *z)
{
    const dw_face *face = f->face;
    bool ok = false;
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_subset_plan_t *plan = NULL;
    hb_face_t *sub = NULL;
    hb_blob_t *blob = NULL;
    dw_buf cmap, map;
    dw_buf_init(&cmap);
    dw_buf_init(&map);
    if (!in)
        goto done;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    hb_set_add(glyphs, 0);
    for (size_t i = 0; i < f->n_cids; i++)
        if (f->cids[i].gid != UINT32_MAX)
            hb_set_add(glyphs, f->cids[i].gid);
    /* The PDF needs outlines and metrics only: no layout tables, no
     * hinting (the reader rasterises at any size).                     */
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const tables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH",
                                         "DSIG", "kern", "morx", "kerx", "feat", "meta"};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        hb_set_add(drop, hb_tag_from_string(tables[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    plan = hb_subset_plan_create_or_fail(face->hb_face, in);
    if (!plan)
        goto done;
    sub = hb_subset_plan_execute_or_fail(plan);
    if (!sub)
        goto done;
    const hb_map_t *old2new = hb_subset_plan_old_to_new_glyph_mapping(plan);
    blob = hb_face_reference_blob(sub);
    unsigned blen;
    const char *bdata = hb_blob_get_data(blob, &blen);
    f->embedded_bytes = blen;
    char tag[8];
    subset_tag(f, tag);
    snprintf(f->name, sizeof f->name, "%s%s", tag, face->ps_name);
    if (!dw_pdf_deflate(z, bdata, blen, &f->program))
        goto done;

    /* CIDToGIDMap: two bytes per CID, big-endian, the subset's glyph ID */
    for (size_t i = 0; i < f->n_cids; i++) {
        uint32_t ng = 0;
        if (f->cids[i].gid != UINT32_MAX) {
            hb_codepoint_t nv = hb_map_get(old2new, f->cids[i].gid);
            ng = nv == HB_MAP_VALUE_INVALID ? 0 : nv;
        }
        unsigned char be[2] = {(unsigned char)(ng >> 8), (unsigned char)ng};
        dw_buf_put(&map, be, 2);
    }
    if (!dw_pdf_deflate(z, map.data ? map.data : "", map.len, &f->cidmap))
        goto done;

    /* PDF/A-1 (ISO 19005-1 6.3.5) CIDSet: a bit per CID, most significant
     * bit first, set for every CID the subset has                       */
    size_t nbytes = (f->n_cids + 7) / 8;
    unsigned char *bits = dw_xcalloc(nbytes ? nbytes : 1, 1);
    for (size_t i = 0; i < f->n_cids; i++)
        if (f->cids[i].gid != UINT32_MAX || i == 0)
            bits[i / 8] |= (unsigned char)(0x80 >> (i % 8));
    bool set_ok = dw_pdf_deflate(z, bits, nbytes, &f->cidset);
    free(bits);
    if (!set_ok)
        goto done;

    /* ToUnicode: bfchar maps a CID to the UTF-16BE of the characters of
     * its cluster (several characters for a ligature such as lam-alef). */
    dw_buf_puts(&cmap, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    size_t n_map = 0;
    for (size_t i = 0; i < f->n_cids; i++)
        n_map += f->cids[i].gid != UINT32_MAX && f->cids[i].text;
    size_t done_n = 0;
    for (size_t i = 0; i < f->n_cids; i++) {
        if (f->cids[i].gid == UINT32_MAX || !f->cids[i].text)
            continue;
        if (done_n % 100 == 0) /* at most 100 entries per block (PDF 32000 9.10.3) */
            dw_buf_printf(&cmap, "%zu beginbfchar\n", n_map - done_n < 100 ? n_map - done_n : 100);
        dw_buf_printf(&cmap, "<%04zX> <", i);
        dw_pdf_utf8_hex(&cmap, f->cids[i].text);
        dw_buf_puts(&cmap, ">\n");
        if (++done_n % 100 == 0 || done_n == n_map)
            dw_buf_puts(&cmap, "endbfchar\n");
    }
    dw_buf_puts(&cmap, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    ok = dw_pdf_deflate(z, cmap.data, cmap.len, &f->tounicode);
done:
    dw_buf_fini(&cmap);
    dw_buf_fini(&map);
    if (blob)
        hb_blob_destroy(blob);
    if (sub)
        hb_face_destroy(sub);
    if (plan)
        hb_subset_plan_destroy(plan);
    if (in)
        hb_subset_input_destroy(in);
    return ok;
}

HPDF_Dict dw_pdf_font_dict(dw_pdf *p, pdf_font *f, HPDF_Dict *descriptor)
{
    const dw_face *face = f->face;
    HPDF_MMgr mm = dw_haru_mmgr(p->doc);
    HPDF_Dict type0 = HPDF_Dict_New(mm);
    if (!type0 || HPDF_Xref_Add(dw_haru_xref(p->doc), type0) != HPDF_OK)
        return NULL;
    HPDF_Dict file = dw_pdf_zstream(p, &f->program);
    if (!file)
        return NULL;
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)f->embedded_bytes);

    double k = 1000.0 / face->upem;
    HPDF_Dict fd = HPDF_Dict_New(mm);
    if (!fd || HPDF_Xref_Add(dw_haru_xref(p->doc), fd) != HPDF_OK)
        return NULL;
    HPDF_Array bbox = HPDF_Array_New(mm);
    for (int i = 0; i < 4; i++)
        HPDF_Array_AddNumber(bbox, (HPDF_INT32)(face->bbox[i] * k));
    /* Flags: 4 = symbolic (glyphs outside the standard Latin set), plus
     * 64 for italic; serif fonts get 2.                                 */
    int flags = 4 | (face->italic_angle != 0 ? 64 : 0) | (face->serif ? 2 : 0);
    HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    HPDF_Dict_AddName(fd, "FontName", f->name);
    HPDF_Dict_AddNumber(fd, "Flags", flags);
    HPDF_Dict_Add(fd, "FontBBox", bbox);
    HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)face->italic_angle);
    HPDF_Dict_AddNumber(fd, "Ascent", (HPDF_INT32)(face->ascender * k));
    HPDF_Dict_AddNumber(fd, "Descent", (HPDF_INT32)(face->descender * k));
    HPDF_Dict_AddNumber(fd, "CapHeight", (HPDF_INT32)(face->cap_height * k));
    HPDF_Dict_AddNumber(fd, "StemV", (face->style & DW_FONT_BOLD) ? 140 : 80);
    HPDF_Dict_Add(fd, "FontFile2", file);
    *descriptor = fd;

    /* /W: widths are the font's advances, the very numbers the content
     * stream's TJ adjustments were computed against (HarfBuzz's positions
     * differ by kerning: TJ carries that), as c [w1 w2 …] for each run
     * of consecutive CIDs used.                                         */
    HPDF_Array warr = HPDF_Array_New(mm);
    for (size_t i = 0; i < f->n_cids;) {
        if (f->cids[i].gid == UINT32_MAX) {
            i++;
            continue;
        }
        HPDF_Array_AddNumber(warr, (HPDF_INT32)i);
        HPDF_Array ws = HPDF_Array_New(mm);
        for (; i < f->n_cids && f->cids[i].gid != UINT32_MAX; i++)
            HPDF_Array_AddNumber(ws, dw_pdf_font_advance(f, f->cids[i].gid));
        HPDF_Array_Add(warr, ws);
    }

    HPDF_Dict cidmap = dw_pdf_zstream(p, &f->cidmap);
    HPDF_Dict cidfont = HPDF_Dict_New(mm);
    if (!cidmap || !cidfont || HPDF_Xref_Add(dw_haru_xref(p->doc), cidfont) != HPDF_OK)
        return NULL;
    HPDF_Dict sysinfo = HPDF_Dict_New(mm);
    HPDF_Dict_Add(sysinfo, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(sysinfo, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(sysinfo, "Supplement", 0);
    HPDF_Dict_AddName(cidfont, "Type", "Font");
    HPDF_Dict_AddName(cidfont, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cidfont, "BaseFont", f->name);
    HPDF_Dict_Add(cidfont, "CIDSystemInfo", sysinfo);
    HPDF_Dict_Add(cidfont, "FontDescriptor", fd);
    HPDF_Dict_Add(cidfont, "W", warr);
    HPDF_Dict_Add(cidfont, "CIDToGIDMap", cidmap);

    HPDF_Dict tounicode = dw_pdf_zstream(p, &f->tounicode);
    if (!tounicode)
        return NULL;
    HPDF_Array desc = HPDF_Array_New(mm);
    HPDF_Array_Add(desc, cidfont);
    HPDF_Dict_AddName(type0, "Type", "Font");
    HPDF_Dict_AddName(type0, "Subtype", "Type0");
    HPDF_Dict_AddName(type0, "BaseFont", f->name);
    HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    HPDF_Dict_Add(type0, "DescendantFonts", desc);
    HPDF_Dict_Add(type0, "ToUnicode", tounicode);
    return dw_pdf_check(p, "writing a font") ? type0 : NULL;
}
