/*
 * pdf.c — one file on libharu: document and page tree, pages showing
 * the drawing's pages (draw.c) as they are or wrapped (moved, clipped,
 * with crop marks), one shared /Resources, and saving.  Links, outlines
 * and page labels are in navigation.c, the structure tree of a tagged
 * file in structure.c, PDF/X-4 and PDF/A in conformance.c.
 */
#include "pdf_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libdeflate.h>

/* libharu reports errors through this handler; we record the first one
 * and check after each group of calls (no longjmp: every path out of a
 * function stays its ordinary cleanup).                               */
static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
    dw_pdf *p = user;
    if (!p->error) {
        p->error = error;
        p->detail = detail;
    }
}

/* libharu's error codes (hpdf_error.h) in words: "error 0x1043" told a
 * member of staff nothing.  The code stays in the message for us.       */
static const char *hpdf_words(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_IO_ERROR: return "a file could not be read or written";
    case HPDF_FILE_OPEN_ERROR: return "a file could not be opened";
    case HPDF_INVALID_IMAGE:
    case HPDF_INVALID_PNG_IMAGE:
    case HPDF_LIBPNG_ERROR: return "an image file is damaged or not a PNG the PDF library reads";
    case HPDF_INVALID_JPEG_DATA:
    case HPDF_UNSUPPORTED_JPEG_FORMAT: return "a JPEG file is damaged or of a kind the PDF "
                                              "library does not read (use baseline JPEG)";
    case HPDF_INVALID_COLOR_SPACE: return "an image has a colour space PDF cannot hold";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "a font's licence forbids embedding it";
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONTDEF_DATA: return "a font file is damaged or of an unsupported kind";
    case HPDF_ZLIB_ERROR: return "compressing a stream failed";
    case HPDF_PAGE_INVALID_SIZE: return "a page size is out of the range PDF allows";
    case HPDF_REAL_OUT_OF_RANGE: return "a number is out of the range PDF allows (a length "
                                        "in the layout?)";
    case HPDF_STRING_OUT_OF_RANGE:
    case HPDF_BINARY_LENGTH_ERR: return "a text is longer than PDF allows";
    case HPDF_INVALID_DOCUMENT: return "the PDF library stopped after an earlier failure it "
                                       "did not name (a text longer than PDF allows?)";
    case HPDF_INVALID_URI: return "a link address is not valid";
    default: return "an internal error of the PDF library";
    }
}

bool dw_pdf_check(dw_pdf *p, const char *what)
{
    if (!p->error)
        return true;
    dw_error(p->diag, dw_loc_none(), "the PDF could not be made while %s: %s (libharu error "
             "0x%04X, detail %u)", what, hpdf_words(p->error), (unsigned)p->error,
             (unsigned)p->detail);
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
    HPDF_Binary bin = HPDF_Binary_New(dw_haru_mmgr(p->doc), (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    dw_buf_fini(&b);
    return bin;
}

HPDF_Dict dw_pdf_zstream(dw_pdf *p, const dw_buf *z)
{
    return dw_haru_stream_in_place(p->doc, z, p->arena);
}

/* One /Resources for every page: the drawing's fonts /F<i>, images
 * /Im<i> and the graphics state /GS0 for black (overprint in files for
 * the print shop, nothing elsewhere).                                  */
static bool resources(dw_pdf *p)
{
    const dw_drawing *g = p->g;
    HPDF_MMgr mm = dw_haru_mmgr(p->doc);
    p->resources = HPDF_Dict_New(mm);
    if (!p->resources || HPDF_Xref_Add(dw_haru_xref(p->doc), p->resources) != HPDF_OK)
        return false;
    HPDF_Array procs = HPDF_Array_New(mm);
    HPDF_Array_AddName(procs, "PDF");
    HPDF_Array_AddName(procs, "Text");
    HPDF_Array_AddName(procs, "ImageB");
    HPDF_Array_AddName(procs, "ImageC");
    HPDF_Dict_Add(p->resources, "ProcSet", procs);
    char name[32];
    if (g->n_fonts) {
        HPDF_Dict fonts = HPDF_Dict_New(mm);
        p->font_descriptors = dw_alloc_array(p->arena, g->n_fonts, sizeof *p->font_descriptors);
        for (size_t i = 0; i < g->n_fonts; i++) {
            HPDF_Dict type0 = dw_pdf_font_dict(p, g->fonts[i], &p->font_descriptors[i]);
            if (!type0)
                return false;
            snprintf(name, sizeof name, "F%zu", i);
            HPDF_Dict_Add(fonts, name, type0);
        }
        HPDF_Dict_Add(p->resources, "Font", fonts);
    }
    if (g->n_images) {
        HPDF_Dict xobjects = HPDF_Dict_New(mm);
        for (size_t i = 0; i < g->n_images; i++) {
            const char *path = g->images[i].path;
            char why[300];
            if (!dw_image_decodes(path, &g->images[i].meta, why, sizeof why)) {
                dw_error(p->diag, g->images[i].loc, "cannot use the image '%s': %s", path, why);
                return false;
            }
            const dw_image_meta *m = &g->images[i].meta;
            HPDF_Image img;
            if (dw_image_needs_cmyk(m)) { /* decoded, flattened, CMYK (image_cmyk.c) */
                unsigned w = 0, h = 0;
                int ch = 0;
                unsigned char *px = dw_image_cmyk(path, m, p->info.icc, &w, &h, &ch, why,
                                                  sizeof why);
                if (!px) {
                    dw_error(p->diag, g->images[i].loc, "image '%s': %s", path, why);
                    return false;
                }
                img = HPDF_LoadRawImageFromMem(p->doc, px, w, h,
                                               ch == 4 ? HPDF_CS_DEVICE_CMYK : HPDF_CS_DEVICE_GRAY,
                                               8);
                free(px);
            } else {
                img = HPDF_LoadJpegImageFromFile(p->doc, path);
            }
            if (!img || p->error) {
                dw_error(p->diag, g->images[i].loc, "the PDF library cannot read the image '%s': "
                         "%s (libharu error 0x%04X)", path, hpdf_words(p->error),
                         (unsigned)p->error);
                return false;
            }
            snprintf(name, sizeof name, "Im%zu", i);
            HPDF_Dict_Add(xobjects, name, img);
        }
        HPDF_Dict_Add(p->resources, "XObject", xobjects);
    }
    HPDF_ExtGState gs = HPDF_CreateExtGState(p->doc);
    if (!gs)
        return false;
    if (p->info.overprint_black) {
        /* overprint mode 1: 100 % K over a background keeps the
         * background's CMY inks, so black text never shows white gaps  */
        HPDF_Dict_AddBoolean(gs, "OP", HPDF_TRUE);
        HPDF_Dict_AddBoolean(gs, "op", HPDF_TRUE);
        HPDF_Dict_AddNumber(gs, "OPM", 1);
    }
    HPDF_Dict states = HPDF_Dict_New(mm);
    HPDF_Dict_Add(states, "GS0", gs);
    HPDF_Dict_Add(p->resources, "ExtGState", states);
    if (p->info.registration) {
        /* crop marks print on every plate: [/Separation /All /DeviceCMYK
         * f] with f(t) = t·(1 1 1 1) (PDF 32000 8.6.6.4, 7.10.3)         */
        HPDF_Dict f = HPDF_Dict_New(mm);
        HPDF_Dict_AddNumber(f, "FunctionType", 2);
        HPDF_Array dom = HPDF_Array_New(mm), c0 = HPDF_Array_New(mm), c1 = HPDF_Array_New(mm);
        HPDF_Array_AddNumber(dom, 0);
        HPDF_Array_AddNumber(dom, 1);
        for (int i = 0; i < 4; i++) {
            HPDF_Array_AddNumber(c0, 0);
            HPDF_Array_AddNumber(c1, 1);
        }
        HPDF_Dict_Add(f, "Domain", dom);
        HPDF_Dict_Add(f, "C0", c0);
        HPDF_Dict_Add(f, "C1", c1);
        HPDF_Dict_AddNumber(f, "N", 1);
        HPDF_Array sep = HPDF_Array_New(mm);
        HPDF_Array_AddName(sep, "Separation");
        HPDF_Array_AddName(sep, "All");
        HPDF_Array_AddName(sep, "DeviceCMYK");
        HPDF_Array_Add(sep, f);
        HPDF_Dict spaces = HPDF_Dict_New(mm);
        HPDF_Dict_Add(spaces, "CS0", sep);
        HPDF_Dict_Add(p->resources, "ColorSpace", spaces);
    }
    return dw_pdf_check(p, "writing the fonts and resources");
}

dw_pdf *dw_pdf_new(const dw_pdf_info *info, const dw_drawing *g, dw_diag *d)
{
    dw_pdf *p = dw_xcalloc(1, sizeof *p);
    p->info = *info;
    p->diag = d;
    p->g = g;
    p->arena = dw_arena_new();
    dw_buf_init(&p->out);
    p->doc = HPDF_New(on_error, p);
    if (!p->doc) {
        dw_error(d, dw_loc_none(), "cannot create a PDF document (out of memory?)");
        dw_arena_free(p->arena);
        free(p);
        return NULL;
    }
    /* what libharu compresses itself (images) goes through
     * deflate_streams; the drawing's streams come deflated             */
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    dw_haru_set_version(p->doc, HPDF_VER_16); /* no setter in libharu 2.3.0 */
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_PRODUCER, "druckwerk");
    HPDF_Dict infod = dw_haru_info(p->doc);
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
    /* written by hand: libharu writes UTC as "Z00'00'", which PDFBox
     * does not read as the XMP date's equal (PDF/A-1 6.7.3, 7.2)       */
    char date[40];
    strftime(date, sizeof date, "D:%Y%m%d%H%M%S+00'00'", &tm);
    if (infod) {
        HPDF_Dict_Add(infod, "CreationDate", HPDF_String_New(dw_haru_mmgr(p->doc), date, NULL));
        HPDF_Dict_Add(infod, "ModDate", HPDF_String_New(dw_haru_mmgr(p->doc), date, NULL));
    }
    HPDF_Dict cat = dw_haru_catalog(p->doc);
    if (info->lang)
        HPDF_Dict_Add(cat, "Lang", HPDF_String_New(dw_haru_mmgr(p->doc), info->lang, NULL));
    HPDF_Dict vp = HPDF_Dict_New(dw_haru_mmgr(p->doc));
    HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
    if (info->rtl)
        HPDF_Dict_AddName(vp, "Direction", "R2L");
    HPDF_Dict_Add(cat, "ViewerPreferences", vp);
    HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
    /* File identifier (PDF 32000 14.4): a hash of what the file is, not
     * of the time it was written.                                     */
    const char *seed = info->id_seed ? info->id_seed : "";
    uint64_t h1 = dw_fnv1a(ID_BASIS, seed, strlen(seed));
    uint64_t h2 = dw_fnv1a(h1 ^ 0x9E3779B97F4A7C15ull, seed, strlen(seed));
    HPDF_BYTE id[16];
    for (int i = 0; i < 8; i++) {
        id[i] = (HPDF_BYTE)(h1 >> (8 * i));
        id[8 + i] = (HPDF_BYTE)(h2 >> (8 * i));
    }
    HPDF_Array ida = HPDF_Array_New(dw_haru_mmgr(p->doc));
    HPDF_Array_Add(ida, HPDF_Binary_New(dw_haru_mmgr(p->doc), id, 16));
    HPDF_Array_Add(ida, HPDF_Binary_New(dw_haru_mmgr(p->doc), id, 16));
    HPDF_Dict_Add(dw_haru_trailer(p->doc), "ID", ida);
    p->shown = dw_alloc_array(p->arena, (size_t)g->n_pages + 1, sizeof *p->shown);
    for (size_t i = 0; i < g->n_pages; i++)
        p->shown[i].page = -1;
    if (!dw_pdf_check(p, "creating the document") || !resources(p)) {
        dw_pdf_free(p);
        return NULL;
    }
    return p;
}

void dw_pdf_free(dw_pdf *p)
{
    if (!p)
        return;
    free(p->pages);
    free(p->contents);
    if (p->doc)
        HPDF_Free(p->doc);
    dw_arena_free(p->arena);
    dw_buf_fini(&p->out);
    free(p);
}

int dw_pdf_page(dw_pdf *p, double w, double h)
{
    HPDF_Page pg = HPDF_AddPage(p->doc);
    if (!pg)
        return -1;
    HPDF_Page_SetWidth(pg, (HPDF_REAL)w);
    HPDF_Page_SetHeight(pg, (HPDF_REAL)h);
    HPDF_Dict_Add(pg, "Resources", p->resources);
    dw_haru_page_unfiltered(pg);
    if (p->n_pages == p->cap_pages) {
        p->cap_pages = p->cap_pages ? p->cap_pages * 2 : 16;
        p->pages = dw_xrealloc(p->pages, p->cap_pages * sizeof *p->pages);
        p->contents = dw_xrealloc(p->contents, p->cap_pages * sizeof *p->contents);
    }
    p->pages[p->n_pages] = pg;
    p->contents[p->n_pages] = NULL;
    p->page = pg;
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
    HPDF_Dict_Add(p->page, "TrimBox", HPDF_Box_Array_New(dw_haru_mmgr(p->doc), t));
    HPDF_Dict_Add(p->page, "BleedBox", HPDF_Box_Array_New(dw_haru_mmgr(p->doc), b));
}

/* The current page's /Contents, as an array once it has several parts:
 * the page's own stream (libharu's) is the first part.                 */
static void add_part(dw_pdf *p, HPDF_Dict stream)
{
    size_t i = p->n_pages - 1;
    if (!p->contents[i]) {
        p->contents[i] = HPDF_Array_New(dw_haru_mmgr(p->doc));
        HPDF_Array_Add(p->contents[i], dw_haru_page_stream(p->page));
        HPDF_Dict_Add(p->page, "Contents", p->contents[i]);
    }
    HPDF_Array_Add(p->contents[i], stream);
}

/* A small uncompressed stream of operators, one per distinct text. */
static HPDF_Dict wrap(dw_pdf *p, const char *ops)
{
    for (size_t i = 0; i < p->n_wraps; i++)
        if (strcmp(p->wraps[i].ops, ops) == 0)
            return p->wraps[i].stream;
    HPDF_Dict s = dw_haru_stream_new(p->doc, false);
    if (!s)
        return NULL;
    dw_haru_stream_puts(s, ops);
    if (p->n_wraps < sizeof p->wraps / sizeof *p->wraps)
        p->wraps[p->n_wraps++] = (pdf_wrap){dw_strdup(p->arena, ops), s};
    return s;
}

/* Page content is a sequence of parts: the page's own stream, which
 * takes the first text written to it, then shared and drawn streams.   */
void dw_pdf_ops(dw_pdf *p, const char *ops)
{
    size_t len;
    if (!p->contents[p->n_pages - 1] && dw_haru_page_own(p->page, &len)) {
        dw_haru_stream_puts(dw_haru_page_stream(p->page), ops); /* still the only part: uncompressed */
    } else {
        HPDF_Dict s = wrap(p, ops);
        if (s)
            add_part(p, s);
    }
}

void dw_pdf_show(dw_pdf *p, int k, double x, double y, const double *clip)
{
    const dw_drawing *g = p->g;
    if (k < 0 || (size_t)k >= g->n_pages)
        return;
    bool moved = x != 0 || y != 0 || clip;
    if (moved) {
        dw_buf b;
        dw_buf_init(&b);
        dw_buf_puts(&b, "q 1 0 0 1 ");
        dw_buf_num(&b, x, 3);
        dw_buf_putc(&b, ' ');
        dw_buf_num(&b, y, 3);
        dw_buf_puts(&b, " cm");
        if (clip) {
            dw_buf_puts(&b, " 0 0 ");
            dw_buf_num(&b, clip[0], 3);
            dw_buf_putc(&b, ' ');
            dw_buf_num(&b, clip[1], 3);
            dw_buf_puts(&b, " re W n");
        }
        dw_buf_putc(&b, '\n');
        dw_pdf_ops(p, b.data);
        dw_buf_fini(&b);
    }
    /* the drawn page: the page's own stream when it is still empty */
    size_t len;
    if (!p->contents[p->n_pages - 1] && dw_haru_page_own(p->page, &len) && len == 0) {
        dw_haru_page_in_place(p->doc, p->page, &g->pages[k].z, p->arena);
    } else {
        HPDF_Dict s = dw_pdf_zstream(p, &g->pages[k].z);
        if (s)
            add_part(p, s);
    }
    if (moved)
        dw_pdf_ops(p, "Q\n");
    p->shown[k] = (pdf_shown){(int)p->n_pages - 1, x, y, NULL};
    dw_pdf_show_links(p, k, false);
}

bool dw_pdf_save(dw_pdf *p, const char *path, dw_diag *d)
{
    p->diag = d;
    if (!dw_pdf_check(p, "drawing the pages"))
        return false;
    if (p->info.tagged && !dw_pdf_tagged_finish(p))
        return false;
    if (!dw_haru_deflate_streams(p->doc)) {
        dw_error(d, dw_loc_none(), "compressing the PDF's streams failed (out of memory?)");
        return false;
    }
    dw_buf_reset(&p->out);
    /* a failed save is reported even when libharu did not call the handler */
    HPDF_STATUS saved = dw_haru_save(p->doc, &p->out);
    if (saved != HPDF_OK && !p->error)
        p->error = saved;
    if (!dw_pdf_check(p, "saving"))
        return false;
    if (!dw_write_file_atomic(path, p->out.data, p->out.len)) {
        p->write_failed = true;
        dw_error(d, dw_loc_none(), "cannot write '%s': %s", path, strerror(errno));
        return false;
    }
    return true;
}

bool dw_pdf_write_failed(const dw_pdf *p)
{
    return p->write_failed;
}

size_t dw_pdf_bytes(const dw_pdf *p)
{
    return p->out.len;
}
