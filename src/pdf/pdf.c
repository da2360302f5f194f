/*
 * pdf.c — document, pages, drawing, navigation and saving on libharu;
 * shaped lines are written as glyph IDs with TJ positioning.
 */
#include "pdf_int.h"

#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <libdeflate.h>

/* libharu reports errors through this handler; we record the first one
 * and check after each group of calls (no longjmp: see STYLE.md).      */
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    dw_pdf *p = user;
    if (!p->error) {
        p->error = error;
        p->detail = detail;
    }
}

bool dw_pdf_check(dw_pdf *p, const char *what)
{
    if (!p->error)
        return true;
    dw_error(p->diag, dw_loc_none(), "PDF library error 0x%04X (detail %u) while %s",
             (unsigned)p->error, (unsigned)p->detail, what);
    return false;
}

/* A PDF text string: UTF-16BE with byte order mark, as hex. */
HPDF_Binary dw_pdf_text_string(dw_pdf *p, const char *utf8)
{
    size_t len = strlen(utf8), i = 0;
    dw_buf b;
    dw_buf_init(&b);
    unsigned char bom[2] = {0xFE, 0xFF};
    dw_buf_put(&b, bom, 2);
    while (i < len) {
        int32_t c = dw_utf8_next(utf8, len, &i);
        uint32_t u = c < 0 ? 0xFFFD : (uint32_t)c;
        if (u >= 0x10000) {
            u -= 0x10000;
            uint32_t hi = 0xD800 + (u >> 10), lo = 0xDC00 + (u & 0x3FF);
            unsigned char q[4] = {(unsigned char)(hi >> 8), (unsigned char)hi,
                                  (unsigned char)(lo >> 8), (unsigned char)lo};
            dw_buf_put(&b, q, 4);
        } else {
            unsigned char q[2] = {(unsigned char)(u >> 8), (unsigned char)u};
            dw_buf_put(&b, q, 2);
        }
    }
    HPDF_Binary bin = HPDF_Binary_New(p->doc->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    dw_buf_fini(&b);
    return bin;
}

static void tagged_finish(dw_pdf *p);

static uint64_t fnv(const char *s, uint64_t h)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

dw_pdf *dw_pdf_new(const dw_pdf_info *info, dw_diag *d)
{
    dw_pdf *p = dw_xcalloc(1, sizeof *p);
    p->info = *info;
    p->diag = d;
    p->doc = HPDF_New(on_error, p);
    if (!p->doc) {
        dw_error(d, dw_loc_none(), "cannot create a PDF document (out of memory?)");
        free(p);
        return NULL;
    }
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    p->doc->pdf_version = HPDF_VER_16; /* no setter in libharu 2.3.0 */
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, "druckwerk");
    HPDF_Dict infod = p->doc->info;
    if (infod) {
        if (info->title)
            HPDF_Dict_Add(infod, "Title", dw_pdf_text_string(p, info->title));
        if (info->subject)
            HPDF_Dict_Add(infod, "Subject", dw_pdf_text_string(p, info->subject));
        if (info->author)
            HPDF_Dict_Add(infod, "Author", dw_pdf_text_string(p, info->author));
        HPDF_Dict_Add(infod, "Creator", dw_pdf_text_string(p, "druckwerk"));
    }
    /* Dates from SOURCE_DATE_EPOCH or the edition: same input, same bytes. */
    time_t t = (time_t)info->epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                      tm.tm_min, tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date);
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, date);
    HPDF_Catalog cat = p->doc->catalog;
    if (info->lang)
        HPDF_Dict_Add(cat, "Lang", HPDF_String_New(p->doc->mmgr, info->lang, NULL));
    HPDF_Dict vp = HPDF_Dict_New(p->doc->mmgr);
    HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
    if (info->rtl)
        HPDF_Dict_AddName(vp, "Direction", "R2L");
    HPDF_Dict_Add(cat, "ViewerPreferences", vp);
    HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
    /* File identifier (PDF 32000 14.4): a hash of what the file is, not
     * of the time it was written.                                     */
    uint64_t h1 = fnv(info->id_seed ? info->id_seed : "", 1469598103934665603ull);
    uint64_t h2 = fnv(info->id_seed ? info->id_seed : "", h1 ^ 0x9E3779B97F4A7C15ull);
    HPDF_BYTE id[16];
    for (int i = 0; i < 8; i++) {
        id[i] = (HPDF_BYTE)(h1 >> (8 * i));
        id[8 + i] = (HPDF_BYTE)(h2 >> (8 * i));
    }
    HPDF_Array ida = HPDF_Array_New(p->doc->mmgr);
    HPDF_Array_Add(ida, HPDF_Binary_New(p->doc->mmgr, id, 16));
    HPDF_Array_Add(ida, HPDF_Binary_New(p->doc->mmgr, id, 16));
    HPDF_Dict_Add(p->doc->trailer, "ID", ida);
    if (info->overprint_black) {
        /* overprint mode 1: 100 % K over a background keeps the
         * background's CMY inks, so black text never shows white gaps  */
        p->gs_overprint = HPDF_CreateExtGState(p->doc);
        if (p->gs_overprint) {
            HPDF_Dict_AddBoolean(p->gs_overprint, "OP", HPDF_TRUE);
            HPDF_Dict_AddBoolean(p->gs_overprint, "op", HPDF_TRUE);
            HPDF_Dict_AddNumber(p->gs_overprint, "OPM", 1);
        }
    }
    if (!dw_pdf_check(p, "creating the document")) {
        dw_pdf_free(p);
        return NULL;
    }
    return p;
}

void dw_pdf_free(dw_pdf *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_fonts; i++)
        dw_pdf_font_free(p->fonts[i]);
    free(p->fonts);
    free(p->pages);
    free(p->page_parents);
    free(p->page_mcids);
    free(p->annot_links);
    for (size_t i = 0; i < p->n_ses; i++) {
        dw_buf_fini(&p->ses[i]->text);
        free(p->ses[i]);
    }
    free(p->ses);
    for (size_t i = 0; i < p->n_images; i++)
        free(p->image_paths[i]);
    free(p->image_paths);
    free(p->images);
    if (p->doc)
        HPDF_Free(p->doc);
    free(p);
}

int dw_pdf_page(dw_pdf *p, double w, double h)
{
    HPDF_Page pg = HPDF_AddPage(p->doc);
    if (!pg)
        return -1;
    HPDF_Page_SetWidth(pg, (HPDF_REAL)w);
    HPDF_Page_SetHeight(pg, (HPDF_REAL)h);
    if (p->n_pages == p->cap_pages) {
        p->cap_pages = p->cap_pages ? p->cap_pages * 2 : 16;
        p->pages = dw_xrealloc(p->pages, p->cap_pages * sizeof *p->pages);
    }
    p->pages[p->n_pages] = pg;
    p->page = pg;
    /* libharu writes an empty page as an empty Flate stream, which
     * Ghostscript cannot read ("error reading a stream")               */
    HPDF_Page_GSave(pg);
    HPDF_Page_GRestore(pg);
    return (int)p->n_pages++;
}

int dw_pdf_page_count(const dw_pdf *p)
{
    return (int)p->n_pages;
}

void dw_pdf_boxes(dw_pdf *p, const double trim[4], const double bleed[4])
{
    /* HPDF_Page_SetBoxValue refuses TrimBox (0x104A): add them directly */
    HPDF_Box t = {(HPDF_REAL)trim[0], (HPDF_REAL)trim[1], (HPDF_REAL)trim[2], (HPDF_REAL)trim[3]};
    HPDF_Box b = {(HPDF_REAL)bleed[0], (HPDF_REAL)bleed[1], (HPDF_REAL)bleed[2],
                  (HPDF_REAL)bleed[3]};
    HPDF_Dict_Add(p->page, "TrimBox",
                  HPDF_Box_Array_New(p->doc->mmgr, t));
    HPDF_Dict_Add(p->page, "BleedBox", HPDF_Box_Array_New(p->doc->mmgr, b));
}

static void put_fill(dw_buf *b, dw_cmyk c)
{
    dw_buf_num(b, c.c, 4);
    dw_buf_putc(b, ' ');
    dw_buf_num(b, c.m, 4);
    dw_buf_putc(b, ' ');
    dw_buf_num(b, c.y, 4);
    dw_buf_putc(b, ' ');
    dw_buf_num(b, c.k, 4);
}

static void emit(dw_pdf *p, const dw_buf *b)
{
    HPDF_Stream s = ((HPDF_PageAttr)p->page->attr)->stream;
    HPDF_Stream_Write(s, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
}

static bool is_black(dw_cmyk c)
{
    return c.c == 0 && c.m == 0 && c.y == 0 && c.k >= 1;
}

static void overprint(dw_pdf *p, dw_cmyk c)
{
    if (p->gs_overprint && is_black(c))
        HPDF_Page_SetExtGState(p->page, p->gs_overprint);
}

static bool is_mark(const dw_run *r, const dw_glyph *g)
{
    if (!g->text_len)
        return false;
    hb_unicode_general_category_t gc =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), r->chars[g->text_off]);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/* Emission order of a run's glyphs.  In right-to-left runs HarfBuzz puts
 * a base's combining marks before it (visual order); readers combine a
 * diacritic with the base drawn before it, so the base goes first and its
 * marks follow.  Positions do not change: TJ moves the pen back.  Only
 * marks by Unicode category move: Naskh draws lam-alef as lam plus a
 * zero-advance alef, which must stay where it is.                      */
static void emission_order(const dw_run *r, size_t *order)
{
    size_t n = r->n_glyphs, i = 0, o = 0;
    while (i < n) {
        size_t j = i;
        if (r->rtl)
            while (j < n && is_mark(r, &r->glyphs[j]))
                j++;
        if (j > i && j < n) {
            order[o++] = j;
            for (size_t k = i; k < j; k++)
                order[o++] = k;
            i = j + 1;
        } else {
            for (size_t k = i; k <= j && k < n; k++)
                order[o++] = k;
            i = j + 1;
        }
    }
}

/* One run: TJ with the font's /W widths corrected to HarfBuzz's advances;
 * mark offsets by TJ shifts (x) and text rise (y); a cluster of several
 * glyphs is wrapped in /ActualText so that it reads back once.          */
static void write_run(dw_pdf *p, dw_buf *b, const dw_run *r, double x, double y)
{
    pdf_font *f = dw_pdf_font_for(p, r->face);
    if (!f)
        return;
    const char *fname = HPDF_Page_GetLocalFontName(p->page, (HPDF_Font)f->type0);
    if (!fname)
        return;
    const double upem = r->face->upem, size = r->size_pt;
    dw_buf_printf(b, "/%s ", fname);
    dw_buf_num(b, size, 3);
    dw_buf_puts(b, " Tf 1 0 0 1 ");
    dw_buf_num(b, x, 3);
    dw_buf_putc(b, ' ');
    dw_buf_num(b, y, 3);
    dw_buf_puts(b, " Tm\n[");
    size_t *order = dw_xmalloc((r->n_glyphs + 1) * sizeof *order);
    emission_order(r, order);
    /* pen positions in thousandths of an em: where each glyph's origin is */
    double *at = dw_xmalloc((r->n_glyphs + 1) * sizeof *at);
    double pen = 0;
    for (size_t i = 0; i < r->n_glyphs; i++) {
        at[i] = pen;
        pen += r->glyphs[i].x_advance_du * 1000.0 / upem + r->glyphs[i].extra_pt * 1000.0 / size;
    }
    double cur = 0; /* where the PDF's pen is now */
    size_t in_cluster = 0;
    bool str = false; /* a hex string is open: glyphs without a move between
                         them share one, 4 hex digits a glyph (Identity-H) */
#define CLOSE_STR()              \
    do {                         \
        if (str)                 \
            dw_buf_putc(b, '>'); \
        str = false;             \
    } while (0)
    for (size_t oi = 0; oi < r->n_glyphs; oi++) {
        size_t i = order[oi];
        const dw_glyph *g = &r->glyphs[i];
        if (in_cluster == 0 && g->cluster_glyphs > 1) {
            const dw_glyph *t = NULL;
            for (size_t k = i; k < i + g->cluster_glyphs && k < r->n_glyphs; k++)
                if (r->glyphs[k].text_len)
                    t = &r->glyphs[k];
            if (t) {
                CLOSE_STR();
                dw_buf_puts(b, "] TJ /Span << /ActualText <FEFF");
                dw_pdf_utf16be_hex(b, r->chars + t->text_off, t->text_len);
                dw_buf_puts(b, "> >> BDC [");
                in_cluster = g->cluster_glyphs;
            }
        }
        double dy = g->y_offset_du * size / upem;
        double want_x = at[i] + g->x_offset_du * 1000.0 / upem;
        if (dy != 0) {
            CLOSE_STR();
            dw_buf_puts(b, "] TJ ");
            dw_buf_num(b, dy, 3);
            dw_buf_puts(b, " Ts [");
        }
        if (fabs(want_x - cur) >= 0.005) { /* positive TJ numbers move left */
            CLOSE_STR();
            dw_buf_num(b, cur - want_x, 2);
        }
        /* A glyph for several characters in right-to-left text (lam-alef,
         * the Allah ligature) maps to them in visual order: poppler, MuPDF
         * and pdf.js all reverse a glyph's characters with the line, so
         * this is what reads back in logical order (measured, see README). */
        uint32_t rev[16];
        const uint32_t *txt = g->text_len ? r->chars + g->text_off : NULL;
        if (txt && r->rtl && g->text_len > 1 && g->text_len <= 16) {
            for (size_t k = 0; k < g->text_len; k++)
                rev[k] = txt[g->text_len - 1 - k];
            txt = rev;
        }
        uint32_t cid = dw_pdf_font_cid(f, g->gid, txt, g->text_len);
        static const char hex[] = "0123456789ABCDEF";
        char code[4] = {hex[(cid >> 12) & 15], hex[(cid >> 8) & 15], hex[(cid >> 4) & 15],
                        hex[cid & 15]};
        if (!str)
            dw_buf_putc(b, '<');
        str = true;
        dw_buf_put(b, code, 4);
        cur = want_x + dw_pdf_font_advance(f, g->gid);
        if (dy != 0) {
            CLOSE_STR();
            dw_buf_puts(b, "] TJ 0 Ts [");
        }
        if (in_cluster && --in_cluster == 0) {
            CLOSE_STR();
            dw_buf_puts(b, "] TJ EMC [");
        }
    }
    CLOSE_STR();
#undef CLOSE_STR
    if (fabs(pen - cur) >= 0.005) { /* leave the pen at the run's end */
        dw_buf_num(b, cur - pen, 2);
    }
    dw_buf_puts(b, "] TJ\n");
    free(order);
    free(at);
}

void dw_pdf_line(dw_pdf *p, const dw_line *line, double x, double y, dw_cmyk color,
                 dw_cmyk link_color)
{
    if (!line->n_runs)
        return;
    bool op = p->gs_overprint && is_black(color);
    if (op) {
        HPDF_Page_GSave(p->page);
        overprint(p, color);
    }
    HPDF_Page_BeginText(p->page);
    dw_buf b;
    dw_buf_init(&b);
    put_fill(&b, color);
    dw_buf_puts(&b, " k\n");
    int cur = 0; /* 0: text colour, 1: link colour */
    for (size_t i = 0; i < line->n_runs; i++) {
        int want = line->runs[i].href ? 1 : 0;
        if (want != cur) {
            put_fill(&b, want ? link_color : color);
            dw_buf_puts(&b, " k\n");
            cur = want;
        }
        /* tagged PDF: text in another language says so (PDF 32000 14.9.2) */
        const char *lang = p->struct_root && p->open_se ? line->runs[i].lang : NULL;
        dw_pdf_se *parent = p->open_se;
        if (lang && !p->open_actual) {
            /* its own Span element with /Lang: the element's marked
             * content ends, the Span's follows (marked content and text
             * objects nest, so both are closed), then the element's
             * resumes with a new MCID                                   */
            char tag[sizeof p->open_tag];
            memcpy(tag, p->open_tag, sizeof tag);
            dw_buf_puts(&b, "ET\nEMC\n");
            emit(p, &b);
            dw_buf_reset(&b);
            dw_pdf_mark_begin(p, dw_pdf_se_new(p, parent, "Span", lang), "Span", NULL);
            dw_buf_puts(&b, "BT\n");
            write_run(p, &b, &line->runs[i], x + line->x_pt + line->runs[i].x_pt, y);
            dw_buf_puts(&b, "ET\nEMC\n");
            emit(p, &b);
            dw_buf_reset(&b);
            dw_pdf_mark_begin(p, parent, tag, NULL);
            dw_buf_puts(&b, "BT\n");
            continue;
        }
        if (lang) /* inside /ActualText: a property list is all it takes */
            dw_buf_printf(&b, "/Span <</Lang (%s)>> BDC\n", lang);
        write_run(p, &b, &line->runs[i], x + line->x_pt + line->runs[i].x_pt, y);
        if (lang)
            dw_buf_puts(&b, "EMC\n");
    }
    emit(p, &b);
    dw_buf_fini(&b);
    HPDF_Page_EndText(p->page);
    if (op)
        HPDF_Page_GRestore(p->page);
    for (size_t i = 0; i < line->n_runs; i++) {
        const dw_run *r = &line->runs[i];
        if (r->href && r->width_pt > 0) {
            /* one link per run; adjacent runs of the same link merge */
            double x0 = x + line->x_pt + r->x_pt, w = r->width_pt;
            while (i + 1 < line->n_runs && line->runs[i + 1].href == r->href) {
                i++;
                w = x + line->x_pt + line->runs[i].x_pt + line->runs[i].width_pt - x0;
            }
            dw_pdf_link_uri(p, x0, y - line->descent_pt, w, line->ascent_pt + line->descent_pt,
                            r->href);
        }
    }
}

void dw_pdf_rect(dw_pdf *p, double x, double y, double w, double h, dw_cmyk fill)
{
    HPDF_Page_GSave(p->page);
    HPDF_Page_SetCMYKFill(p->page, (HPDF_REAL)fill.c, (HPDF_REAL)fill.m, (HPDF_REAL)fill.y,
                          (HPDF_REAL)fill.k);
    HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
    HPDF_Page_Fill(p->page);
    HPDF_Page_GRestore(p->page);
}

void dw_pdf_rule(dw_pdf *p, double x1, double y1, double x2, double y2, double width,
                 dw_cmyk c)
{
    HPDF_Page_GSave(p->page);
    overprint(p, c);
    HPDF_Page_SetCMYKStroke(p->page, (HPDF_REAL)c.c, (HPDF_REAL)c.m, (HPDF_REAL)c.y,
                            (HPDF_REAL)c.k);
    HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width);
    HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, (HPDF_REAL)y2);
    HPDF_Page_Stroke(p->page);
    HPDF_Page_GRestore(p->page);
}

void dw_pdf_mark(dw_pdf *p, double x1, double y1, double x2, double y2, double width)
{
    /* 100 % K: registration colour (all four inks) would need a
     * /Separation /All colour space libharu cannot set, and 400 % ink
     * fails the total-ink check; black alone cuts just as well.        */
    dw_pdf_rule(p, x1, y1, x2, y2, width, (dw_cmyk){0, 0, 0, 1});
}

/* Tagged PDF (PDF/UA-1 7.18): a link annotation belongs to a Link
 * element (an OBJR kid) under the element whose content it covers, has a
 * /StructParent into the ParentTree and a /Contents description.  The
 * annotations' ParentTree keys start at ANNOT_KEYS, after any page's.  */
#define ANNOT_KEYS 100000

static void tag_annot(dw_pdf *p, HPDF_Annotation a, const char *description)
{
    if (!p->struct_root || !p->open_se)
        return;
    HPDF_MMgr mm = p->doc->mmgr;
    dw_pdf_se *link = dw_pdf_se_new(p, p->open_se, "Link", NULL);
    HPDF_Dict objr = HPDF_Dict_New(mm);
    HPDF_Dict_AddName(objr, "Type", "OBJR");
    HPDF_Dict_Add(objr, "Pg", p->page);
    HPDF_Dict_Add(objr, "Obj", a);
    HPDF_Array_Add(link->kids, objr);
    HPDF_Dict_AddNumber(a, "StructParent", ANNOT_KEYS + p->n_annots);
    HPDF_Dict_Add(a, "Contents", dw_pdf_text_string(p, description));
    p->annot_links = dw_xrealloc(p->annot_links, (size_t)(p->n_annots + 1) * sizeof *p->annot_links);
    p->annot_links[p->n_annots++] = link->dict;
}

void dw_pdf_link_parent(dw_pdf *p, dw_pdf_se *se)
{
    p->open_se = se;
}

void dw_pdf_link_uri(dw_pdf *p, double x, double y, double w, double h, const char *uri)
{
    HPDF_Rect r = {(HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(x + w), (HPDF_REAL)(y + h)};
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(p->page, r, uri);
    if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4); /* print flag: required by PDF/A */
        tag_annot(p, a, uri);
    }
}

void dw_pdf_link_page(dw_pdf *p, double x, double y, double w, double h, int page, double top,
                      const char *description)
{
    if (page < 0 || (size_t)page >= p->n_pages)
        return;
    HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[page]);
    HPDF_Destination_SetFitH(dst, (HPDF_REAL)top); /* SetXYZ refuses zoom 0 */
    HPDF_Rect r = {(HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)(x + w), (HPDF_REAL)(y + h)};
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(p->page, r, dst);
    if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4);
        tag_annot(p, a, description ? description : "");
    }
}

void dw_pdf_outline(dw_pdf *p, int level, const char *title, int page, double top)
{
    if (level < 1 || level > 7 || page < 0 || (size_t)page >= p->n_pages)
        return;
    HPDF_Outline parent = level > 1 ? p->outline_stack[level - 1] : NULL;
    HPDF_Outline o = HPDF_CreateOutline(p->doc, parent, "", NULL);
    if (!o)
        return;
    /* libharu writes titles in PDFDocEncoding: replace with UTF-16BE */
    HPDF_Dict_Add(o, "Title", dw_pdf_text_string(p, title));
    HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[page]);
    HPDF_Destination_SetFitH(dst, (HPDF_REAL)top); /* SetXYZ refuses zoom 0 */
    HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, level == 1 ? HPDF_FALSE : HPDF_FALSE);
    p->outline_stack[level] = o;
}

void dw_pdf_page_labels(dw_pdf *p, int first)
{
    if (first > 0)
        HPDF_AddPageLabel(p->doc, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
    HPDF_AddPageLabel(p->doc, (HPDF_UINT)first, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
}

/* Deflate every stream libharu would deflate (page contents, font
 * programs, ToUnicode and CIDSet) with libdeflate instead of zlib: the
 * same format, a third of the time, a few per cent smaller (zlib was a
 * third of a whole build).  The stream is then written unfiltered by
 * libharu and flate_filter adds its /Filter.                           */
#define DW_DEFLATE_LEVEL 6

static HPDF_STATUS flate_filter(HPDF_Dict dict, HPDF_Stream out);

/* in[0…n) deflated in the zlib format (what /FlateDecode reads), in a
 * heap buffer; NULL when libdeflate fails.                             */
static char *deflated(struct libdeflate_compressor *z, const void *in, size_t n, size_t *len)
{
    size_t cap = libdeflate_zlib_compress_bound(z, n);
    char *out = dw_xmalloc(cap ? cap : 1);
    *len = libdeflate_zlib_compress(z, in, n, out, cap);
    if (*len == 0) {
        free(out);
        return NULL;
    }
    return out;
}

static bool deflate_streams(dw_pdf *p)
{
    struct libdeflate_compressor *z = libdeflate_alloc_compressor(DW_DEFLATE_LEVEL);
    if (!z)
        return false;
    dw_buf raw;
    dw_buf_init(&raw);
    bool ok = true;
    HPDF_Xref x = p->doc->xref;
    for (HPDF_UINT i = 0; i < x->entries->count && ok; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
        HPDF_Obj_Header *h = e ? (HPDF_Obj_Header *)e->obj : NULL;
        if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        HPDF_Dict dict = (HPDF_Dict)e->obj;
        if (!dict->stream || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
            dict->filterParams || dict->write_fn || dict->stream->type != HPDF_STREAM_MEMORY)
            continue; /* not ours to touch: left to libharu */
        dw_buf_reset(&raw);
        for (HPDF_UINT k = 0; k < HPDF_MemStream_GetBufCount(dict->stream); k++) {
            HPDF_UINT n = 0;
            HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(dict->stream, k, &n);
            if (b && n)
                dw_buf_put(&raw, b, n);
        }
        size_t zlen;
        char *zd = deflated(z, raw.data, raw.len, &zlen);
        if (!zd) {
            ok = false;
            break;
        }
        HPDF_MemStream_FreeData(dict->stream);
        ok = HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)zd, (HPDF_UINT)zlen) == HPDF_OK;
        free(zd);
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = flate_filter;
    }
    dw_buf_fini(&raw);
    libdeflate_free_compressor(z);
    return ok;
}

bool dw_pdf_save_mem(dw_pdf *p, char **data, size_t *len, dw_diag *d)
{
    p->diag = d;
    *data = NULL;
    *len = 0;
    if (!dw_pdf_check(p, "drawing the pages") || !dw_pdf_fonts_finish(p))
        return false;
    tagged_finish(p);
    if (!deflate_streams(p)) {
        dw_error(d, dw_loc_none(), "compressing the PDF's streams failed (out of memory?)");
        return false;
    }
    if (HPDF_SaveToStream(p->doc) != HPDF_OK || !dw_pdf_check(p, "saving"))
        return false;
    HPDF_UINT32 size = HPDF_GetStreamSize(p->doc);
    char *buf = dw_xmalloc(size ? size : 1);
    HPDF_UINT32 got = size;
    HPDF_ResetStream(p->doc);
    if (HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)buf, &got) != HPDF_OK && got != size) {
        free(buf);
        return dw_pdf_check(p, "reading the saved stream");
    }
    p->error = 0;
    HPDF_ResetError(p->doc);
    *data = buf;
    *len = got;
    return true;
}

bool dw_pdf_save(dw_pdf *p, const char *path, dw_diag *d)
{
    char *data;
    size_t len;
    if (!dw_pdf_save_mem(p, &data, &len, d))
        return false;
    bool ok = dw_write_file_atomic(path, data, len);
    if (!ok)
        dw_error(d, dw_loc_none(), "cannot write '%s': %s", path, strerror(errno));
    free(data);
    return ok;
}

size_t dw_pdf_font_sizes(const dw_pdf *p, const char **names, size_t *bytes, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < p->n_fonts && k < n; i++, k++) {
        names[k] = p->fonts[i]->name;
        bytes[k] = p->fonts[i]->embedded_bytes;
    }
    return k;
}

/* ---- tagged PDF ------------------------------------------------------------ */

static void tagged_init(dw_pdf *p)
{
    if (p->struct_root)
        return;
    HPDF_MMgr mm = p->doc->mmgr;
    p->struct_root = HPDF_Dict_New(mm);
    HPDF_Xref_Add(p->doc->xref, p->struct_root);
    HPDF_Dict_AddName(p->struct_root, "Type", "StructTreeRoot");
    p->doc_elem = HPDF_Dict_New(mm);
    HPDF_Xref_Add(p->doc->xref, p->doc_elem);
    HPDF_Dict_AddName(p->doc_elem, "Type", "StructElem");
    HPDF_Dict_AddName(p->doc_elem, "S", "Document");
    HPDF_Dict_Add(p->doc_elem, "P", p->struct_root);
    HPDF_Dict_Add(p->doc_elem, "K", HPDF_Array_New(mm));
    HPDF_Dict_Add(p->struct_root, "K", p->doc_elem);
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(p->doc->catalog, "MarkInfo", mark);
    HPDF_Dict_Add(p->doc->catalog, "StructTreeRoot", p->struct_root);
}

dw_pdf_se *dw_pdf_se_new(dw_pdf *p, dw_pdf_se *parent, const char *type, const char *lang)
{
    tagged_init(p);
    HPDF_MMgr mm = p->doc->mmgr;
    dw_pdf_se *se = dw_xcalloc(1, sizeof *se); /* freed in dw_pdf_free */
    dw_buf_init(&se->text);
    p->ses = dw_xrealloc(p->ses, (p->n_ses + 1) * sizeof *p->ses);
    p->ses[p->n_ses++] = se;
    se->dict = HPDF_Dict_New(mm);
    HPDF_Xref_Add(p->doc->xref, se->dict);
    HPDF_Dict_AddName(se->dict, "Type", "StructElem");
    HPDF_Dict_AddName(se->dict, "S", type);
    HPDF_Dict pd = parent ? parent->dict : p->doc_elem;
    HPDF_Dict_Add(se->dict, "P", pd);
    se->kids = HPDF_Array_New(mm);
    HPDF_Dict_Add(se->dict, "K", se->kids);
    if (lang)
        HPDF_Dict_Add(se->dict, "Lang", HPDF_String_New(mm, lang, NULL));
    HPDF_Array_Add(HPDF_Dict_GetItem(pd, "K", HPDF_OCLASS_ARRAY), se->dict);
    return se;
}

void dw_pdf_se_alt(dw_pdf *p, dw_pdf_se *se, const char *alt)
{
    HPDF_Dict_Add(se->dict, "Alt", dw_pdf_text_string(p, alt));
}

bool dw_pdf_image(dw_pdf *p, const char *path, double x, double y, double w, double h,
                  dw_diag *d)
{
    HPDF_Image img = NULL;
    for (size_t i = 0; i < p->n_images && !img; i++)
        if (strcmp(p->image_paths[i], path) == 0)
            img = p->images[i];
    if (!img) {
        size_t n = strlen(path);
        bool png = n > 4 && strcasecmp(path + n - 4, ".png") == 0;
        img = png ? HPDF_LoadPngImageFromFile(p->doc, path) : HPDF_LoadJpegImageFromFile(p->doc, path);
        if (!img || p->error) {
            dw_error(d, dw_loc_none(), "the PDF library cannot read the image '%s' (error 0x%04X)",
                     path, (unsigned)p->error);
            p->error = 0;
            HPDF_ResetError(p->doc);
            return false;
        }
        p->image_paths = dw_xrealloc(p->image_paths, (p->n_images + 1) * sizeof *p->image_paths);
        p->images = dw_xrealloc(p->images, (p->n_images + 1) * sizeof *p->images);
        p->image_paths[p->n_images] = dw_xstrdup(path);
        p->images[p->n_images++] = img;
    }
    return HPDF_Page_DrawImage(p->page, img, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w,
                               (HPDF_REAL)h) == HPDF_OK;
}

void dw_pdf_se_scope_column(dw_pdf *p, dw_pdf_se *se)
{
    HPDF_Dict a = HPDF_Dict_New(p->doc->mmgr);
    HPDF_Dict_AddName(a, "O", "Table");
    HPDF_Dict_AddName(a, "Scope", "Column");
    HPDF_Dict_Add(se->dict, "A", a);
}

static void emit_str(dw_pdf *p, const char *s)
{
    HPDF_Stream_WriteStr(((HPDF_PageAttr)p->page->attr)->stream, s);
}

void dw_pdf_mark_begin(dw_pdf *p, dw_pdf_se *se, const char *tag, const char *actual_text)
{
    size_t pg = p->n_pages - 1;
    if (pg >= p->n_page_parents) {
        size_t n = p->n_pages + 16;
        p->page_parents = dw_xrealloc(p->page_parents, n * sizeof *p->page_parents);
        p->page_mcids = dw_xrealloc(p->page_mcids, n * sizeof *p->page_mcids);
        for (size_t i = p->n_page_parents; i < n; i++) {
            p->page_parents[i] = NULL;
            p->page_mcids[i] = 0;
        }
        p->n_page_parents = n;
    }
    if (!p->page_parents[pg])
        p->page_parents[pg] = HPDF_Array_New(p->doc->mmgr);
    int mcid = p->page_mcids[pg]++;
    char buf[96];
    snprintf(buf, sizeof buf, "/%s <</MCID %d", tag, mcid);
    emit_str(p, buf);
    if (actual_text) {
        dw_buf b;
        dw_buf_init(&b);
        dw_buf_puts(&b, " /ActualText <FEFF");
        size_t len = strlen(actual_text), i = 0;
        while (i < len) {
            int32_t c = dw_utf8_next(actual_text, len, &i);
            uint32_t u = c < 0 ? 0xFFFD : (uint32_t)c;
            dw_pdf_utf16be_hex(&b, &u, 1);
        }
        dw_buf_puts(&b, ">");
        emit_str(p, b.data);
        dw_buf_fini(&b);
        if (se->text.len)
            dw_buf_putc(&se->text, ' ');
        dw_buf_puts(&se->text, actual_text);
    }
    emit_str(p, ">> BDC\n");
    /* the element's kids: a marked-content reference with its page */
    HPDF_Dict mcr = HPDF_Dict_New(p->doc->mmgr);
    HPDF_Dict_AddName(mcr, "Type", "MCR");
    HPDF_Dict_Add(mcr, "Pg", p->page);
    HPDF_Dict_AddNumber(mcr, "MCID", mcid);
    HPDF_Array_Add(se->kids, mcr);
    HPDF_Array_Add(p->page_parents[pg], se->dict);
    p->open_se = se;
    snprintf(p->open_tag, sizeof p->open_tag, "%s", tag);
    p->open_actual = actual_text != NULL;
}

void dw_pdf_artifact_begin(dw_pdf *p)
{
    emit_str(p, "/Artifact BMC\n");
}

void dw_pdf_mark_end(dw_pdf *p)
{
    emit_str(p, "EMC\n");
    p->open_se = NULL;
}

/* ParentTree (a number tree with one flat /Nums array): page i's
 * /StructParents i → the elements of its MCIDs, in MCID order.       */
static void tagged_finish(dw_pdf *p)
{
    if (!p->struct_root)
        return;
    HPDF_MMgr mm = p->doc->mmgr;
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Xref_Add(p->doc->xref, tree);
    HPDF_Array nums = HPDF_Array_New(mm);
    for (size_t i = 0; i < p->n_pages; i++) {
        HPDF_Dict_AddNumber(p->pages[i], "StructParents", (HPDF_INT32)i);
        HPDF_Dict_AddName(p->pages[i], "Tabs", "S");
        HPDF_Array_AddNumber(nums, (HPDF_INT32)i);
        HPDF_Array a = i < p->n_page_parents && p->page_parents[i] ? p->page_parents[i]
                                                                   : HPDF_Array_New(mm);
        HPDF_Array_Add(nums, a);
    }
    for (int i = 0; i < p->n_annots; i++) { /* keys after the pages' */
        HPDF_Array_AddNumber(nums, ANNOT_KEYS + i);
        HPDF_Array_Add(nums, p->annot_links[i]);
    }
    HPDF_Dict_Add(tree, "Nums", nums);
    /* The element's own /ActualText: readers that take text from the
     * structure tree (poppler's) ignore marked content's.              */
    for (size_t i = 0; i < p->n_ses; i++)
        if (p->ses[i]->text.len)
            HPDF_Dict_Add(p->ses[i]->dict, "ActualText", dw_pdf_text_string(p, p->ses[i]->text.data));
    HPDF_Dict_Add(p->struct_root, "ParentTree", tree);
    HPDF_Dict_AddNumber(p->struct_root, "ParentTreeNextKey",
                        (HPDF_INT32)(p->n_annots ? ANNOT_KEYS + p->n_annots : (int)p->n_pages));
}

/* ---- conformance: XMP, output intent ------------------------------------ */
/* The profile (140 KB) goes into every print and web file: read and
 * deflated once per process (deflating it took 7 ms a file), kept until
 * exit.  The stream is written unfiltered by libharu, and /Filter is
 * added by flate_filter: libharu removes /Filter from streams whose
 * filter flag is unset.                                                */
static HPDF_STATUS flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

static const unsigned char *icc_deflated(const char *path, size_t *len)
{
    static char *cached_path;
    static char *cached;
    static size_t cached_len;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (!cached_path || strcmp(cached_path, path) != 0) {
        size_t raw_len, z_len = 0;
        char *raw = dw_read_file(path, &raw_len);
        struct libdeflate_compressor *c = raw ? libdeflate_alloc_compressor(DW_DEFLATE_LEVEL) : NULL;
        char *z = c ? deflated(c, raw, raw_len, &z_len) : NULL;
        if (z) {
            free(cached);
            free(cached_path);
            cached = z;
            cached_len = z_len;
            cached_path = dw_xstrdup(path);
        }
        if (c)
            libdeflate_free_compressor(c);
        free(raw);
    }
    const unsigned char *r =
        cached_path && strcmp(cached_path, path) == 0 ? (const unsigned char *)cached : NULL;
    *len = cached_len;
    pthread_mutex_unlock(&lock);
    return r;
}

static void xml_escaped(dw_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': dw_buf_puts(b, "&lt;"); break;
        case '>': dw_buf_puts(b, "&gt;"); break;
        case '&': dw_buf_puts(b, "&amp;"); break;
        case '"': dw_buf_puts(b, "&quot;"); break;
        default: dw_buf_putc(b, *s);
        }
    }
}

bool dw_pdf_conform(dw_pdf *p, enum dw_pdf_conformance level, const char *icc_path,
                    const char *condition, dw_diag *d)
{
    if (level == DW_PDF_PLAIN)
        return true;
    HPDF_MMgr mm = p->doc->mmgr;
    size_t icc_len;
    const unsigned char *icc = icc_deflated(icc_path, &icc_len);
    if (!icc) {
        dw_error(d, dw_loc_none(), "cannot read the colour profile '%s' (run 'make': it builds "
                 "the profile from Debian's FOGRA39 data)", icc_path);
        return false;
    }
    p->cidset = level == DW_PDF_A1B || level == DW_PDF_A1B_UA1;
    if (p->cidset)
        p->doc->pdf_version = HPDF_VER_14; /* PDF/A-1 is based on PDF 1.4 */
    /* output intent with the embedded profile (PDF/X-4 and PDF/A need it) */
    HPDF_Dict prof = HPDF_DictStream_New(mm, p->doc->xref);
    prof->filter = HPDF_STREAM_FILTER_NONE;
    prof->write_fn = flate_filter;
    HPDF_Dict_AddNumber(prof, "N", 4);
    HPDF_Stream_Write(prof->stream, icc, (HPDF_UINT)icc_len);
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Xref_Add(p->doc->xref, oi);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", level == DW_PDF_X4 ? "GTS_PDFX" : "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, condition, NULL));
    HPDF_Dict_Add(oi, "OutputCondition", HPDF_String_New(mm, condition, NULL));
    HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "Offset printing on coated paper (FOGRA39); "
                                              "profile built from FOGRA39L.ti3", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", prof);
    HPDF_Array ois = HPDF_Array_New(mm);
    HPDF_Array_Add(ois, oi);
    HPDF_Dict_Add(p->doc->catalog, "OutputIntents", ois);

    HPDF_Dict info = p->doc->info;
    HPDF_Dict_AddName(info, "Trapped", "False");
    if (level == DW_PDF_X4)
        HPDF_Dict_Add(info, "GTS_PDFXVersion", HPDF_String_New(mm, "PDF/X-4", NULL));

    /* XMP (written by hand: libharu's is not XML-escaped and not
     * reproducible); dates equal the Info dictionary's.                 */
    time_t t = (time_t)p->info.epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    dw_buf x;
    dw_buf_init(&x);
    dw_buf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "<rdf:Description rdf:about=\"\"\n"
                    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                    " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
                    " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n"
                    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                    "<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&x, p->info.title ? p->info.title : "");
    dw_buf_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
    xml_escaped(&x, p->info.author ? p->info.author : "");
    dw_buf_puts(&x, "</rdf:li></rdf:Seq></dc:creator>\n<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&x, p->info.subject ? p->info.subject : "");
    dw_buf_printf(&x, "</rdf:li></rdf:Alt></dc:description>\n"
                      "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n"
                      "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                      "<xmp:MetadataDate>%s</xmp:MetadataDate>\n<xmp:CreatorTool>druckwerk</xmp:CreatorTool>\n"
                      "<pdf:Producer>druckwerk</pdf:Producer>\n<pdf:Trapped>False</pdf:Trapped>\n",
                  p->info.lang ? p->info.lang : "x-unknown", date, date, date);
    uint64_t h = fnv(p->info.id_seed ? p->info.id_seed : "", 1469598103934665603ull);
    dw_buf_printf(&x, "<xmpMM:DocumentID>uuid:%08x-%04x-4%03x-8%03x-%012llx</xmpMM:DocumentID>\n"
                      "<xmpMM:InstanceID>uuid:%08x-%04x-4%03x-8%03x-%012llx</xmpMM:InstanceID>\n"
                      "<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n",
                  (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xFFFF, (unsigned)(h & 0xFFF),
                  (unsigned)((h >> 12) & 0xFFF), (unsigned long long)(h & 0xFFFFFFFFFFFFull),
                  (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xFFFF, (unsigned)(h & 0xFFF),
                  (unsigned)((h >> 12) & 0xFFF), (unsigned long long)(h & 0xFFFFFFFFFFFFull));
    if (level == DW_PDF_X4)
        dw_buf_puts(&x, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n");
    else
        dw_buf_puts(&x, "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    if (level == DW_PDF_A1B_UA1)
        dw_buf_puts(&x, "<pdfuaid:part xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">1</pdfuaid:part>\n");
    dw_buf_puts(&x, "</rdf:Description>\n");
    if (level == DW_PDF_A1B_UA1) /* PDF/A-1 wants every non-standard schema declared */
        dw_buf_puts(&x, "<rdf:Description rdf:about=\"\"\n"
                        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
                        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                        "<pdfaProperty:name>part</pdfaProperty:name>\n"
                        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                        "<pdfaProperty:category>internal</pdfaProperty:category>\n"
                        "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
                        "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
                        "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n");
    dw_buf_puts(&x, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    HPDF_Dict meta = HPDF_DictStream_New(mm, p->doc->xref);
    meta->filter = HPDF_STREAM_FILTER_NONE; /* XMP stays readable (PDF/A) */
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len);
    dw_buf_fini(&x);
    HPDF_Dict_Add(p->doc->catalog, "Metadata", meta);
    return dw_pdf_check(p, "writing the metadata and output intent");
}
