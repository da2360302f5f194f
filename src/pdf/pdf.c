/*
 * pdf.c — one file on libharu: document and page tree, pages showing
 * the drawing's pages (draw.c) as they are or wrapped (moved, clipped,
 * with crop marks), one shared /Resources, links, outlines, page
 * labels, the structure tree of a tagged file, conformance and saving.
 */
#include "pdf_int.h"

#include <errno.h>
#include <pthread.h>
#include <math.h>
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
    HPDF_Binary bin = HPDF_Binary_New(p->doc->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    dw_buf_fini(&b);
    return bin;
}

static HPDF_STATUS flate_filter(HPDF_Dict dict, HPDF_Stream out);

/* Start of the hash behind /ID and the XMP document ID: FNV's offset
 * basis without its last digit, as the first builds had it; kept, so
 * that a file's ID does not change between druckwerk versions.          */
#define ID_BASIS 1469598103934665603ull

/* Tagged annotations' ParentTree keys start here, after any page's. */
#define ANNOT_KEYS 100000

/* Streams the drawing made are read by libharu straight from the
 * drawing's buffers (a callback reader per stream and file), and the
 * file is written into p->out by a callback writer: libharu's memory
 * streams copy byte by byte, and that was 5 % of a build.              */
typedef struct zreader {
    const dw_buf *z;
    size_t pos;
} zreader;

static HPDF_STATUS zread(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    zreader *r = s->attr;
    size_t left = r->z->len - r->pos, n = *size < left ? *size : left;
    if (n)
        memcpy(ptr, r->z->data + r->pos, n);
    r->pos += n;
    *size = (HPDF_UINT)n;
    return r->pos >= r->z->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS zseek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    zreader *r = s->attr;
    long at = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ? (long)r->pos + pos
                                                                   : (long)r->z->len + pos;
    if (at < 0 || (size_t)at > r->z->len)
        return HPDF_STREAM_EOF;
    r->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 ztell(HPDF_Stream s)
{
    return (HPDF_INT32)((zreader *)s->attr)->pos;
}

static HPDF_UINT32 zsize(HPDF_Stream s)
{
    return (HPDF_UINT32)((zreader *)s->attr)->z->len;
}

/* dict's data becomes z (deflated), read in place. */
static bool use_z(dw_pdf *p, HPDF_Dict dict, const dw_buf *z)
{
    zreader *r = dw_alloc(p->arena, sizeof *r);
    r->z = z;
    HPDF_Stream s = HPDF_CallbackReader_New(p->doc->mmgr, zread, zseek, ztell, zsize, r);
    if (!s)
        return false;
    HPDF_Stream_Free(dict->stream);
    dict->stream = s;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = flate_filter;
    return true;
}

HPDF_Dict dw_pdf_zstream(dw_pdf *p, const dw_buf *z)
{
    HPDF_Dict s = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
    return s && use_z(p, s, z) ? s : NULL;
}

static HPDF_STATUS out_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    dw_buf_put(s->attr, ptr, size);
    return HPDF_OK;
}

/* One /Resources for every page: the drawing's fonts /F<i>, images
 * /Im<i> and the graphics state /GS0 for black (overprint in files for
 * the print shop, nothing elsewhere).                                  */
static bool resources(dw_pdf *p)
{
    const dw_drawing *g = p->g;
    HPDF_MMgr mm = p->doc->mmgr;
    p->resources = HPDF_Dict_New(mm);
    if (!p->resources || HPDF_Xref_Add(p->doc->xref, p->resources) != HPDF_OK)
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
    /* written by hand: libharu writes UTC as "Z00'00'", which PDFBox
     * does not read as the XMP date's equal (PDF/A-1 6.7.3, 7.2)       */
    char date[40];
    strftime(date, sizeof date, "D:%Y%m%d%H%M%S+00'00'", &tm);
    if (infod) {
        HPDF_Dict_Add(infod, "CreationDate", HPDF_String_New(p->doc->mmgr, date, NULL));
        HPDF_Dict_Add(infod, "ModDate", HPDF_String_New(p->doc->mmgr, date, NULL));
    }
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
    const char *seed = info->id_seed ? info->id_seed : "";
    uint64_t h1 = dw_fnv1a(ID_BASIS, seed, strlen(seed));
    uint64_t h2 = dw_fnv1a(h1 ^ 0x9E3779B97F4A7C15ull, seed, strlen(seed));
    HPDF_BYTE id[16];
    for (int i = 0; i < 8; i++) {
        id[i] = (HPDF_BYTE)(h1 >> (8 * i));
        id[8 + i] = (HPDF_BYTE)(h2 >> (8 * i));
    }
    HPDF_Array ida = HPDF_Array_New(p->doc->mmgr);
    HPDF_Array_Add(ida, HPDF_Binary_New(p->doc->mmgr, id, 16));
    HPDF_Array_Add(ida, HPDF_Binary_New(p->doc->mmgr, id, 16));
    HPDF_Dict_Add(p->doc->trailer, "ID", ida);
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
    ((HPDF_PageAttr)pg->attr)->contents->filter = HPDF_STREAM_FILTER_NONE;
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
    HPDF_Dict_Add(p->page, "TrimBox", HPDF_Box_Array_New(p->doc->mmgr, t));
    HPDF_Dict_Add(p->page, "BleedBox", HPDF_Box_Array_New(p->doc->mmgr, b));
}

/* The current page's /Contents, as an array once it has several parts:
 * the page's own stream (libharu's) is the first part.                 */
static void add_part(dw_pdf *p, HPDF_Dict stream)
{
    size_t i = p->n_pages - 1;
    if (!p->contents[i]) {
        p->contents[i] = HPDF_Array_New(p->doc->mmgr);
        HPDF_Array_Add(p->contents[i], ((HPDF_PageAttr)p->page->attr)->contents);
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
    HPDF_Dict s = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
    if (!s)
        return NULL;
    s->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_Stream_WriteStr(s->stream, ops);
    if (p->n_wraps < sizeof p->wraps / sizeof *p->wraps)
        p->wraps[p->n_wraps++] = (pdf_wrap){dw_strdup(p->arena, ops), s};
    return s;
}

/* Page content is a sequence of parts: the page's own stream, which
 * takes the first text written to it, then shared and drawn streams.   */
void dw_pdf_ops(dw_pdf *p, const char *ops)
{
    HPDF_Dict own = ((HPDF_PageAttr)p->page->attr)->contents;
    if (!p->contents[p->n_pages - 1] && own->stream->type == HPDF_STREAM_MEMORY) {
        HPDF_Stream_WriteStr(own->stream, ops); /* still the only part: uncompressed */
    } else {
        HPDF_Dict s = wrap(p, ops);
        if (s)
            add_part(p, s);
    }
}

static void show_links(dw_pdf *p, int k, bool pages);

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
    HPDF_Dict own = ((HPDF_PageAttr)p->page->attr)->contents;
    if (!p->contents[p->n_pages - 1] && own->stream->type == HPDF_STREAM_MEMORY &&
        own->stream->size == 0) {
        if (use_z(p, own, &g->pages[k].z))
            ((HPDF_PageAttr)p->page->attr)->stream = own->stream;
    } else {
        HPDF_Dict s = dw_pdf_zstream(p, &g->pages[k].z);
        if (s)
            add_part(p, s);
    }
    if (moved)
        dw_pdf_ops(p, "Q\n");
    p->shown[k] = (pdf_shown){(int)p->n_pages - 1, x, y, NULL};
    show_links(p, k, false);
}

static void show_links(dw_pdf *p, int k, bool pages)
{
    const draw_page *dp = &p->g->pages[k];
    pdf_shown *sh = &p->shown[k];
    if (sh->page < 0 || p->info.no_links)
        return;
    HPDF_Page page = p->pages[sh->page];
    for (size_t i = 0; i < dp->n_links; i++) {
        const draw_link *l = &dp->links[i];
        if ((l->uri == NULL) != pages)
            continue;
        HPDF_Rect r = {(HPDF_REAL)(sh->x + l->x), (HPDF_REAL)(sh->y + l->y),
                       (HPDF_REAL)(sh->x + l->x + l->w), (HPDF_REAL)(sh->y + l->y + l->h)};
        HPDF_Annotation a;
        if (l->uri) {
            a = HPDF_Page_CreateURILinkAnnot(page, r, l->uri);
        } else {
            const pdf_shown *to = &p->shown[l->page];
            if (to->page < 0)
                continue;
            HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[to->page]);
            HPDF_Destination_SetFitH(dst, (HPDF_REAL)(to->y + l->top)); /* SetXYZ refuses zoom 0 */
            a = HPDF_Page_CreateLinkAnnot(page, r, dst);
        }
        if (!a)
            continue;
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4); /* print flag: required by PDF/A */
        if (!p->info.tagged || l->se == DW_SE_DOC)
            continue;
        /* Tagged PDF (PDF/UA-1 7.18): a /StructParent into the ParentTree
         * (keys after the pages', from ANNOT_KEYS) and a /Contents
         * description; the OBJR kid is written with the tree.            */
        if (!sh->annots)
            sh->annots = dw_alloc_array(p->arena, dp->n_links, sizeof *sh->annots);
        sh->annots[i] = a;
        HPDF_Dict_AddNumber(a, "StructParent", (HPDF_INT32)(ANNOT_KEYS + p->n_annots));
        HPDF_Dict_Add(a, "Contents", dw_pdf_text_string(p, l->description));
        p->annot_se = dw_arena_grow(p->arena, p->annot_se, p->n_annots, &p->cap_annots,
                                    sizeof *p->annot_se, 16);
        p->annot_se[p->n_annots++] = l->se;
    }
}

void dw_pdf_page_links(dw_pdf *p)
{
    for (size_t k = 0; k < p->g->n_pages; k++)
        show_links(p, (int)k, true);
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
    /* The destination as a direct array: libharu's is an indirect object,
     * which PDFBox's PDF/A check cannot read as a destination (1.2.3);
     * /Type /Outlines belongs to the outline root only.                 */
    HPDF_Array dst = HPDF_Array_New(p->doc->mmgr);
    HPDF_Array_Add(dst, p->pages[page]);
    HPDF_Array_AddName(dst, "FitH"); /* XYZ with zoom 0 is refused by libharu */
    HPDF_Array_AddReal(dst, (HPDF_REAL)top);
    HPDF_Dict_Add(o, "Dest", dst);
    HPDF_Dict_RemoveElement(o, "Type");
    HPDF_Outline_SetOpened(o, HPDF_FALSE);
    p->outline_stack[level] = o;
}

void dw_pdf_page_labels(dw_pdf *p, int first)
{
    if (first > 0)
        HPDF_AddPageLabel(p->doc, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
    HPDF_AddPageLabel(p->doc, (HPDF_UINT)first, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
}

/* ---- tagged PDF ------------------------------------------------------------ */
/* The drawing's structure tree as objects of this file: every drawn page
 * is shown once (web).  ParentTree (a number tree with one flat /Nums
 * array): page i's /StructParents i → the elements of its MCIDs, in MCID
 * order; annotations follow from ANNOT_KEYS.                           */
static bool tagged_finish(dw_pdf *p)
{
    const dw_drawing *g = p->g;
    HPDF_MMgr mm = p->doc->mmgr;
    HPDF_Xref xref = p->doc->xref;
    HPDF_Dict root = HPDF_Dict_New(mm), doc = HPDF_Dict_New(mm);
    if (!root || !doc || HPDF_Xref_Add(xref, root) != HPDF_OK || HPDF_Xref_Add(xref, doc) != HPDF_OK)
        return false;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_AddName(doc, "Type", "StructElem");
    HPDF_Dict_AddName(doc, "S", "Document");
    HPDF_Dict_Add(doc, "P", root);
    HPDF_Array doc_kids = HPDF_Array_New(mm);
    HPDF_Dict_Add(doc, "K", doc_kids);
    HPDF_Dict_Add(root, "K", doc);
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(p->doc->catalog, "MarkInfo", mark);
    HPDF_Dict_Add(p->doc->catalog, "StructTreeRoot", root);

    HPDF_Dict *se = dw_xcalloc(g->n_ses + 1, sizeof *se);
    HPDF_Array *kids = dw_xcalloc(g->n_ses + 1, sizeof *kids);
    /* Notes carry an /ID (ISO 14289-1 7.9, Matterhorn 19-003), listed in
     * the root's /IDTree (a name tree: keys in order, zero-padded)      */
    HPDF_Array ids = NULL;
    for (size_t i = 0; i < g->n_ses; i++) {
        const draw_se *s = &g->ses[i];
        se[i] = HPDF_Dict_New(mm);
        HPDF_Xref_Add(xref, se[i]);
        HPDF_Dict_AddName(se[i], "Type", "StructElem");
        HPDF_Dict_AddName(se[i], "S", s->type);
        if (strcmp(s->type, "Note") == 0) {
            char id[32];
            snprintf(id, sizeof id, "note-%06zu", i);
            if (!ids) {
                HPDF_Dict tree = HPDF_Dict_New(mm);
                ids = HPDF_Array_New(mm);
                HPDF_Dict_Add(tree, "Names", ids);
                HPDF_Dict_Add(root, "IDTree", tree);
            }
            HPDF_Dict_Add(se[i], "ID", HPDF_String_New(mm, id, NULL));
            HPDF_Array_Add(ids, HPDF_String_New(mm, id, NULL));
            HPDF_Array_Add(ids, se[i]);
        }
        HPDF_Dict_Add(se[i], "P", s->parent == DW_SE_DOC ? doc : se[s->parent]);
        kids[i] = HPDF_Array_New(mm);
        HPDF_Dict_Add(se[i], "K", kids[i]);
        if (s->lang)
            HPDF_Dict_Add(se[i], "Lang", HPDF_String_New(mm, s->lang, NULL));
        if (s->alt)
            HPDF_Dict_Add(se[i], "Alt", dw_pdf_text_string(p, s->alt));
        if (s->scope_column) {
            HPDF_Dict a = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(a, "O", "Table");
            HPDF_Dict_AddName(a, "Scope", "Column");
            HPDF_Dict_Add(se[i], "A", a);
        }
        /* the element's own /ActualText: readers that take text from the
         * structure tree (poppler's) ignore marked content's            */
        if (s->text.len)
            HPDF_Dict_Add(se[i], "ActualText", dw_pdf_text_string(p, s->text.data));
    }
    /* An element's /Pg is the page of its first marked content; its
     * marked content on that page is listed by MCID alone (an integer
     * kid), on other pages by a marked-content reference (PDF 32000
     * 14.7.4.2): most elements lie on one page, and the web file is
     * mostly structure.                                                */
    int *pg_of = dw_xcalloc(g->n_ses + 1, sizeof *pg_of);
    for (size_t i = 0; i < g->n_ses; i++)
        pg_of[i] = -1;
    for (size_t i = 0; i < g->n_kids; i++) {
        const draw_kid *k = &g->kids[i];
        if (k->kind == KID_MCR && k->se != DW_SE_DOC && pg_of[k->se] < 0 &&
            p->shown[k->a].page >= 0) {
            pg_of[k->se] = p->shown[k->a].page;
            HPDF_Dict_Add(se[k->se], "Pg", p->pages[pg_of[k->se]]);
        }
    }
    for (size_t i = 0; i < g->n_kids; i++) {
        const draw_kid *k = &g->kids[i];
        HPDF_Array to = k->se == DW_SE_DOC ? doc_kids : kids[k->se];
        if (k->kind == KID_SE) {
            HPDF_Array_Add(to, se[k->a]);
        } else if (k->kind == KID_MCR) {
            int pg = p->shown[k->a].page;
            if (pg < 0)
                continue;
            if (k->se != DW_SE_DOC && pg == pg_of[k->se]) {
                HPDF_Array_AddNumber(to, k->b);
                continue;
            }
            HPDF_Dict mcr = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(mcr, "Type", "MCR");
            HPDF_Dict_Add(mcr, "Pg", p->pages[pg]);
            HPDF_Dict_AddNumber(mcr, "MCID", k->b);
            HPDF_Array_Add(to, mcr);
        } else {
            const pdf_shown *sh = &p->shown[k->a];
            if (sh->page < 0 || !sh->annots || !sh->annots[k->b])
                continue;
            HPDF_Dict objr = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(objr, "Type", "OBJR");
            HPDF_Dict_Add(objr, "Pg", p->pages[sh->page]);
            HPDF_Dict_Add(objr, "Obj", sh->annots[k->b]);
            HPDF_Array_Add(to, objr);
        }
    }
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Xref_Add(xref, tree);
    HPDF_Array nums = HPDF_Array_New(mm);
    for (size_t i = 0; i < p->n_pages; i++) {
        HPDF_Dict_AddNumber(p->pages[i], "StructParents", (HPDF_INT32)i);
        HPDF_Dict_AddName(p->pages[i], "Tabs", "S");
        HPDF_Array_AddNumber(nums, (HPDF_INT32)i);
        HPDF_Array a = HPDF_Array_New(mm);
        for (size_t k = 0; k < g->n_pages; k++)
            if (p->shown[k].page == (int)i)
                for (size_t m = 0; m < g->pages[k].n_mcids; m++) {
                    dw_se s = g->pages[k].parents[m];
                    HPDF_Array_Add(a, s == DW_SE_DOC ? doc : se[s]);
                }
        HPDF_Array_Add(nums, a);
    }
    for (size_t i = 0; i < p->n_annots; i++) { /* keys after the pages' */
        HPDF_Array_AddNumber(nums, (HPDF_INT32)(ANNOT_KEYS + i));
        HPDF_Array_Add(nums, se[p->annot_se[i]]);
    }
    HPDF_Dict_Add(tree, "Nums", nums);
    HPDF_Dict_Add(root, "ParentTree", tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
                        (HPDF_INT32)(p->n_annots ? ANNOT_KEYS + p->n_annots : p->n_pages));
    free(se);
    free(kids);
    free(pg_of);
    return dw_pdf_check(p, "writing the structure tree");
}

/* Deflate what libharu would deflate itself (images) with libdeflate
 * instead of zlib: the same format in a third of the time.  The stream
 * is then written unfiltered by libharu and flate_filter adds /Filter. */
static bool deflate_streams(dw_pdf *p)
{
    struct libdeflate_compressor *z = NULL;
    dw_buf raw, out;
    dw_buf_init(&raw);
    dw_buf_init(&out);
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
        if (!z && !(z = libdeflate_alloc_compressor(DW_DEFLATE_LEVEL)))
            return false;
        dw_buf_reset(&raw);
        dw_buf_reset(&out);
        for (HPDF_UINT k = 0; k < HPDF_MemStream_GetBufCount(dict->stream); k++) {
            HPDF_UINT n = 0;
            HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(dict->stream, k, &n);
            if (b && n)
                dw_buf_put(&raw, b, n);
        }
        if (!dw_pdf_deflate(z, raw.data ? raw.data : "", raw.len, &out)) {
            ok = false;
            break;
        }
        HPDF_MemStream_FreeData(dict->stream);
        ok = HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)out.data, (HPDF_UINT)out.len) == HPDF_OK;
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = flate_filter;
    }
    dw_buf_fini(&raw);
    dw_buf_fini(&out);
    if (z)
        libdeflate_free_compressor(z);
    return ok;
}

bool dw_pdf_save(dw_pdf *p, const char *path, dw_diag *d)
{
    p->diag = d;
    if (!dw_pdf_check(p, "drawing the pages"))
        return false;
    if (p->info.tagged && !tagged_finish(p))
        return false;
    if (!deflate_streams(p)) {
        dw_error(d, dw_loc_none(), "compressing the PDF's streams failed (out of memory?)");
        return false;
    }
    dw_buf_reset(&p->out);
    if (!p->doc->stream)
        p->doc->stream = HPDF_CallbackWriter_New(p->doc->mmgr, out_write, &p->out);
    /* a failed save is reported even when libharu did not call the handler */
    HPDF_STATUS saved = p->doc->stream ? HPDF_SaveToStream(p->doc) : HPDF_FAILD_TO_ALLOC_MEM;
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
        size_t raw_len;
        char *raw = dw_read_file(path, &raw_len);
        struct libdeflate_compressor *c = raw ? libdeflate_alloc_compressor(DW_DEFLATE_LEVEL) : NULL;
        dw_buf z;
        dw_buf_init(&z);
        if (c && dw_pdf_deflate(c, raw, raw_len, &z)) {
            free(cached);
            free(cached_path);
            cached = z.data;
            cached_len = z.len;
            cached_path = dw_xstrdup(path);
        } else {
            dw_buf_fini(&z);
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
    if (level == DW_PDF_A1B || level == DW_PDF_A1B_UA1) {
        p->doc->pdf_version = HPDF_VER_14; /* PDF/A-1 is based on PDF 1.4 */
        /* ISO 19005-1 6.3.5: /CIDSet in every font descriptor */
        for (size_t i = 0; i < p->g->n_fonts; i++) {
            HPDF_Dict set = dw_pdf_zstream(p, &p->g->fonts[i]->cidset);
            if (set)
                HPDF_Dict_Add(p->font_descriptors[i], "CIDSet", set);
        }
    }
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
    /* PDF/X wants /Trapped True or False; PDF/A-1's XMP schemas have no
     * pdf:Trapped (it would need an extension schema), and a web file
     * is not trapped for anybody: the web file says nothing.            */
    bool pdfx = level == DW_PDF_X4;
    if (pdfx)
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
                      "<pdf:Producer>druckwerk</pdf:Producer>\n%s",
                  p->info.lang ? p->info.lang : "x-unknown", date, date, date,
                  pdfx ? "<pdf:Trapped>False</pdf:Trapped>\n" : "");
    const char *seed = p->info.id_seed ? p->info.id_seed : "";
    uint64_t h = dw_fnv1a(ID_BASIS, seed, strlen(seed));
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
    dw_buf_puts(&x, "</rdf:Description>\n");
    /* the namespace on the description, where PDF/A-1 (and PDFBox, 7.3)
     * looks for a schema, not on the property                          */
    if (level == DW_PDF_A1B_UA1)
        dw_buf_puts(&x, "<rdf:Description rdf:about=\"\"\n"
                        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                        "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n");
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
