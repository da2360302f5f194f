/*
 * vector.c — vector art (a logo, a coat of arms, a cover illustration)
 * from an SVG or PDF file, drawn by druckwerk as paths in CMYK.
 *
 * MuPDF (Debian libmupdf-dev) parses the file: its SVG and PDF
 * interpreters run the first page through a device of ours, which gets
 * every filled or stroked path with its transformation and colour, and
 * every glyph of text as an outline.  We write those paths into the
 * page's content stream, so the art is vectors in the same stream as the
 * text, at any size, with no RGB and nothing MuPDF wrote.  Colours:
 * CMYK stays as drawn, grey and neutral RGB (r = g = b) become K only
 * (a black logo prints in one ink, not rich black), other RGB goes
 * through LittleCMS from sRGB to the output profile, relative
 * colorimetric with black-point compensation, as pictures do
 * (image_cmyk.c).  Opacity is composed onto white paper (PDF/A-1 and our
 * PDF/X-4 allow no transparency).  What we cannot draw as flat vectors
 * is refused with the reason: raster images, gradients, soft masks,
 * blend modes, group opacity.  Hairlines are drawn 0.25 pt, the thinnest
 * line a press holds (the preflight refuses thinner ones).
 */
#include <errno.h>
#include <lcms2.h>
#include <math.h>
#include <libxml/xmlreader.h>
#include <mupdf/fitz.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf_int.h"

/* Larger art files are not read: a logo is kilobytes, an illustration
 * rarely a megabyte; anything bigger is a mistake (an embedded photo).  */
#define MAX_ART_BYTES (8u << 20)
/* Paths drawn per file: a detailed coat of arms has a few thousand. */
#define MAX_ART_PATHS 20000
#define MIN_STROKE_PT 0.25

typedef struct art {
    dw_buf *b;     /* NULL: only check that the file can be drawn */
    fz_matrix fit; /* MuPDF's page space (y down) → our page (y up) */
    cmsHTRANSFORM rgb;
    const char *icc;
    size_t n_paths;
    int clips;
} art;

/* Our device: MuPDF's base type first, so it hands it back as such. */
typedef struct art_device {
    fz_device dev;
    art *a;
} art_device;

#define ART(dev) (((art_device *)(dev))->a)

/* ---- colour ------------------------------------------------------------- */
static void rgb_transform(fz_context *ctx, art *a)
{
    if (a->rgb)
        return;
    cmsHPROFILE src = cmsCreate_sRGBProfile();
    cmsHPROFILE dst = a->icc ? cmsOpenProfileFromFile(a->icc, "r") : NULL;
    if (src && dst && cmsGetColorSpace(dst) == cmsSigCmykData)
        a->rgb = cmsCreateTransform(src, TYPE_RGB_DBL, dst, TYPE_CMYK_DBL,
                                    INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
    if (src)
        cmsCloseProfile(src);
    if (dst)
        cmsCloseProfile(dst);
    if (!a->rgb)
        fz_throw(ctx, FZ_ERROR_GENERIC, "its RGB colours need the CMYK output profile '%s', "
                 "which cannot be read", a->icc ? a->icc : "(none)");
}

/* The colour as CMYK 0…1, composed with alpha onto white paper. */
static dw_cmyk cmyk_of(fz_context *ctx, art *a, fz_colorspace *cs, const float *v, float alpha)
{
    dw_cmyk k = {0, 0, 0, 0};
    switch (cs ? fz_colorspace_type(ctx, cs) : FZ_COLORSPACE_NONE) {
    case FZ_COLORSPACE_GRAY:
        k.k = 1 - v[0];
        break;
    case FZ_COLORSPACE_CMYK:
        k = (dw_cmyk){v[0], v[1], v[2], v[3]};
        break;
    case FZ_COLORSPACE_RGB:
    case FZ_COLORSPACE_BGR: {
        double rgb[3] = {v[0], v[1], v[2]}, out[4];
        if (fz_colorspace_type(ctx, cs) == FZ_COLORSPACE_BGR)
            rgb[0] = v[2], rgb[2] = v[0];
        if (rgb[0] == rgb[1] && rgb[1] == rgb[2]) {
            k.k = 1 - rgb[0]; /* neutral: K only */
            break;
        }
        if (!a->b)
            break; /* only checking: the profile may not be built yet */
        rgb_transform(ctx, a);
        cmsDoTransform(a->rgb, rgb, out, 1);
        k = (dw_cmyk){out[0] / 100, out[1] / 100, out[2] / 100, out[3] / 100};
        break;
    }
    default: { /* Lab, Separation (a spot colour), indexed: MuPDF's own mapping */
        float out[4] = {0, 0, 0, 1};
        fz_convert_color(ctx, cs, v, fz_device_cmyk(ctx), out, NULL, fz_default_color_params);
        k = (dw_cmyk){out[0], out[1], out[2], out[3]};
    }
    }
    double al = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
    double c[4] = {k.c * al, k.m * al, k.y * al, k.k * al};
    for (int i = 0; i < 4; i++)
        c[i] = c[i] < 0 ? 0 : c[i] > 1 ? 1 : c[i];
    return (dw_cmyk){c[0], c[1], c[2], c[3]};
}

static void put_color(dw_buf *b, dw_cmyk k, const char *op)
{
    double v[4] = {k.c, k.m, k.y, k.k};
    for (int i = 0; i < 4; i++) {
        dw_buf_num(b, v[i], 4);
        dw_buf_putc(b, ' ');
    }
    dw_buf_puts(b, op);
    dw_buf_putc(b, '\n');
}

/* ---- paths -------------------------------------------------------------- */
typedef struct pen {
    dw_buf *b;
    fz_matrix m;
} pen;

static void pt(pen *p, float x, float y)
{
    fz_point q = fz_transform_point_xy(x, y, p->m);
    dw_buf_num(p->b, q.x, 3);
    dw_buf_putc(p->b, ' ');
    dw_buf_num(p->b, q.y, 3);
    dw_buf_putc(p->b, ' ');
}

static void move_to(fz_context *ctx, void *d, float x, float y)
{
    (void)ctx;
    pt(d, x, y);
    dw_buf_puts(((pen *)d)->b, "m\n");
}

static void line_to(fz_context *ctx, void *d, float x, float y)
{
    (void)ctx;
    pt(d, x, y);
    dw_buf_puts(((pen *)d)->b, "l\n");
}

static void curve_to(fz_context *ctx, void *d, float x1, float y1, float x2, float y2, float x3,
                     float y3)
{
    (void)ctx;
    pt(d, x1, y1);
    pt(d, x2, y2);
    pt(d, x3, y3);
    dw_buf_puts(((pen *)d)->b, "c\n");
}

static void close_path(fz_context *ctx, void *d)
{
    (void)ctx;
    dw_buf_puts(((pen *)d)->b, "h\n");
}

static const fz_path_walker walker = {move_to, line_to, curve_to, close_path, NULL, NULL, NULL,
                                      NULL};

static void count(fz_context *ctx, art *a)
{
    if (++a->n_paths > MAX_ART_PATHS)
        fz_throw(ctx, FZ_ERROR_GENERIC, "it has more than %d paths", MAX_ART_PATHS);
}

static void put_path(fz_context *ctx, art *a, const fz_path *path, fz_matrix ctm)
{
    pen p = {a->b, fz_concat(ctm, a->fit)};
    fz_walk_path(ctx, path, &walker, &p);
}

static void fill_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd,
                      fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha,
                      fz_color_params cp)
{
    (void)cp;
    art *a = ART(dev);
    count(ctx, a);
    dw_cmyk k = cmyk_of(ctx, a, cs, color, alpha);
    if (!a->b)
        return;
    put_color(a->b, k, "k");
    put_path(ctx, a, path, ctm);
    dw_buf_puts(a->b, even_odd ? "f*\n" : "f\n");
}

static void stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path,
                        const fz_stroke_state *st, fz_matrix ctm, fz_colorspace *cs,
                        const float *color, float alpha, fz_color_params cp)
{
    (void)cp;
    art *a = ART(dev);
    count(ctx, a);
    dw_cmyk k = cmyk_of(ctx, a, cs, color, alpha);
    if (!a->b)
        return;
    float scale = fz_matrix_expansion(fz_concat(ctm, a->fit));
    double w = fmax(st->linewidth * scale, MIN_STROKE_PT);
    static const int caps[] = {0, 1, 2, 2}; /* butt, round, square, triangle */
    dw_buf_puts(a->b, "q ");
    put_color(a->b, k, "K");
    dw_buf_num(a->b, w, 3);
    dw_buf_printf(a->b, " w %d J %d j ", caps[st->start_cap & 3], st->linejoin == 1 ? 1
                  : st->linejoin == 2 ? 2 : 0);
    dw_buf_num(a->b, fmax(st->miterlimit, 1), 2);
    dw_buf_puts(a->b, " M [");
    for (int i = 0; i < st->dash_len; i++) {
        dw_buf_num(a->b, st->dash_list[i] * scale, 3);
        dw_buf_putc(a->b, ' ');
    }
    dw_buf_puts(a->b, "] ");
    dw_buf_num(a->b, st->dash_phase * scale, 3);
    dw_buf_puts(a->b, " d\n");
    put_path(ctx, a, path, ctm);
    dw_buf_puts(a->b, "S Q\n");
}

static void clip_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd,
                      fz_matrix ctm, fz_rect scissor)
{
    (void)scissor;
    art *a = ART(dev);
    count(ctx, a);
    a->clips++;
    if (!a->b)
        return;
    dw_buf_puts(a->b, "q\n");
    put_path(ctx, a, path, ctm);
    dw_buf_puts(a->b, even_odd ? "W* n\n" : "W n\n");
}

static void pop_clip(fz_context *ctx, fz_device *dev)
{
    art *a = ART(dev);
    if (a->clips <= 0)
        fz_throw(ctx, FZ_ERROR_GENERIC, "its clipping is unbalanced");
    a->clips--;
    if (a->b)
        dw_buf_puts(a->b, "Q\n");
}

/* Text: each glyph's outline, filled as a path (no font to embed). */
static void fill_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm,
                      fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)cp;
    art *a = ART(dev);
    dw_cmyk k = cmyk_of(ctx, a, cs, color, alpha);
    for (const fz_text_span *s = text->head; s; s = s->next)
        for (int i = 0; i < s->len; i++) {
            if (s->items[i].gid < 0)
                continue;
            count(ctx, a);
            fz_matrix trm = s->trm;
            trm.e = s->items[i].x, trm.f = s->items[i].y;
            fz_path *p = fz_outline_glyph(ctx, s->font, s->items[i].gid, fz_concat(trm, ctm));
            if (!p)
                continue;
            if (a->b) {
                put_color(a->b, k, "k");
                put_path(ctx, a, p, fz_identity);
                dw_buf_puts(a->b, "f\n");
            }
            fz_drop_path(ctx, p);
        }
}

static void stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                        const fz_stroke_state *st, fz_matrix ctm, fz_colorspace *cs,
                        const float *color, float alpha, fz_color_params cp)
{
    (void)dev, (void)text, (void)st, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it has outlined (stroked) text: convert the text to paths");
}

static void no_text_clip(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm,
                         fz_rect scissor)
{
    (void)dev, (void)text, (void)ctm, (void)scissor;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it clips with text: convert the text to paths");
}

static void no_clip_stroke(fz_context *ctx, fz_device *dev, const fz_path *path,
                           const fz_stroke_state *st, fz_matrix ctm, fz_rect scissor)
{
    (void)dev, (void)path, (void)st, (void)ctm, (void)scissor;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it clips with a stroke: convert the stroke to a path");
}

static void no_clip_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                                const fz_stroke_state *st, fz_matrix ctm, fz_rect scissor)
{
    (void)dev, (void)text, (void)st, (void)ctm, (void)scissor;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it clips with outlined text: convert the text to paths");
}

static void no_clip_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm,
                         fz_rect scissor)
{
    (void)dev, (void)img, (void)ctm, (void)scissor;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it clips with a raster image mask");
}

static void no_shade(fz_context *ctx, fz_device *dev, fz_shade *shd, fz_matrix ctm, float alpha,
                     fz_color_params cp)
{
    (void)dev, (void)shd, (void)ctm, (void)alpha, (void)cp;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it has a colour gradient: druckwerk draws flat colours "
             "only (give the shape one colour)");
}

static void no_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm, float alpha,
                     fz_color_params cp)
{
    (void)dev, (void)img, (void)ctm, (void)alpha, (void)cp;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it holds a raster image: give the picture as PNG or JPEG "
             "instead, or the art as vectors only");
}

static void no_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm,
                          fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)dev, (void)img, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it holds a raster image mask");
}

static void no_mask(fz_context *ctx, fz_device *dev, fz_rect area, int luminosity,
                    fz_colorspace *cs, const float *bc, fz_color_params cp)
{
    (void)dev, (void)area, (void)luminosity, (void)cs, (void)bc, (void)cp;
    fz_throw(ctx, FZ_ERROR_GENERIC, "it has a soft mask (transparency), which print and PDF/A "
             "files may not hold");
}

static void group(fz_context *ctx, fz_device *dev, fz_rect area, fz_colorspace *cs, int isolated,
                  int knockout, int blendmode, float alpha)
{
    (void)dev, (void)area, (void)cs, (void)isolated, (void)knockout;
    if (blendmode != FZ_BLEND_NORMAL || alpha < 1)
        fz_throw(ctx, FZ_ERROR_GENERIC, "it has a group with %s (transparency), which print "
                 "and PDF/A files may not hold: give the shapes opaque colours",
                 alpha < 1 ? "opacity" : "a blend mode");
}

/* ---- the file ----------------------------------------------------------- */
/* MuPDF prints its errors and warnings to stderr; ours say the same with
 * the layout's file:line:col (the caught message), so its own stay quiet. */
static void quiet(void *user, const char *message)
{
    (void)user, (void)message;
}

/* What MuPDF's SVG interpreter (1.21) does not draw as the file means
 * it, and does not tell: a gradient or pattern fill comes out black, a
 * mask or filter is left out, a CSS style sheet's classes are ignored.
 * libxml2 reads the SVG's elements first, and we refuse these by name. */
static bool svg_supported(const char *data, size_t len, char *why, size_t n)
{
    static const char *const refused[][2] = {
        {"linearGradient", "a colour gradient: druckwerk draws flat colours only (give the shape "
                           "one colour)"},
        {"radialGradient", "a colour gradient: druckwerk draws flat colours only (give the shape "
                           "one colour)"},
        {"pattern", "a pattern fill: give the shape one colour"},
        {"mask", "a mask (transparency), which print and PDF/A files may not hold"},
        {"filter", "a filter effect (blur, shadow): print and PDF/A files may not hold it"},
        {"image", "a raster image: give the picture as PNG or JPEG instead, or the art as "
                  "vectors only"},
        {"style", "a CSS style sheet: give colours as attributes (Inkscape: Preferences › "
                  "Input/Output › SVG output › style attributes)"},
    };
    xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
                                            XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!r) {
        snprintf(why, n, "it is not an SVG file");
        return false;
    }
    bool ok = true;
    int k;
    while (ok && (k = xmlTextReaderRead(r)) == 1) {
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        for (size_t i = 0; name && i < sizeof refused / sizeof *refused; i++)
            if (strcmp(name, refused[i][0]) == 0) {
                snprintf(why, n, "it has %s (<%s> at line %d)", refused[i][1], name,
                         xmlTextReaderGetParserLineNumber(r));
                ok = false;
                break;
            }
    }
    if (ok && k != 0) {
        snprintf(why, n, "it is not well-formed XML (cut short or damaged?)");
        ok = false;
    }
    xmlFreeTextReader(r);
    return ok;
}

/* Run the art's first page through our device; with b, its paths fitted
 * into the box (x, y, w, h) keeping the proportions, horizontally at the
 * start (align < 0), centre (0) or end (> 0), vertically centred.      */
static bool run(const char *path, dw_buf *b, const char *icc, double x, double y, double w,
                double h, int align, double *aspect, char *why, size_t n)
{
    size_t len = 0;
    char *data = dw_read_file_limited(path, MAX_ART_BYTES, &len);
    if (!data) {
        snprintf(why, n, "%s", dw_read_strerror(errno));
        return false;
    }
    const char *dot = strrchr(path, '.');
    const char *magic = dot && strcasecmp(dot, ".pdf") == 0 ? "application/pdf" : "image/svg+xml";
    if (magic[0] == 'i' && !svg_supported(data, len, why, n)) {
        free(data);
        return false;
    }
    fz_context *ctx = fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
    if (!ctx) {
        free(data);
        snprintf(why, n, "out of memory");
        return false;
    }
    fz_set_error_callback(ctx, quiet, NULL);
    fz_set_warning_callback(ctx, quiet, NULL);
    /* only the two formats we promise: no XPS, EPUB, CBZ … through here */
    extern fz_document_handler svg_document_handler, pdf_document_handler;
    art a = {.b = b, .icc = icc};
    fz_buffer *buf = NULL;
    fz_stream *stm = NULL;
    fz_document *doc = NULL;
    fz_page *page = NULL;
    fz_device *dev = NULL;
    size_t mark = b ? b->len : 0;
    bool ok = false;
    fz_var(buf), fz_var(stm), fz_var(doc), fz_var(page), fz_var(dev);
    fz_try(ctx) {
        fz_register_document_handler(ctx, &svg_document_handler);
        fz_register_document_handler(ctx, &pdf_document_handler);
        buf = fz_new_buffer_from_shared_data(ctx, (const unsigned char *)data, len);
        stm = fz_open_buffer(ctx, buf);
        doc = fz_open_document_with_stream(ctx, magic, stm);
        if (fz_count_pages(ctx, doc) < 1)
            fz_throw(ctx, FZ_ERROR_GENERIC, "it has no page");
        page = fz_load_page(ctx, doc, 0);
        fz_rect r = fz_bound_page(ctx, page);
        double bw = r.x1 - r.x0, bh = r.y1 - r.y0;
        if (!(bw > 0 && bh > 0 && bw < 1e6 && bh < 1e6))
            fz_throw(ctx, FZ_ERROR_GENERIC, "it has no size (give the SVG a viewBox, or width "
                     "and height)");
        if (aspect)
            *aspect = bw / bh;
        double s = b ? fmin(w / bw, h / bh) : 1;
        double ox = x + (align < 0 ? 0 : align > 0 ? w - bw * s : (w - bw * s) / 2);
        double oy = y + (h - bh * s) / 2;
        /* MuPDF's page: origin top left, y down; ours: bottom left, y up */
        a.fit = fz_make_matrix((float)s, 0, 0, (float)-s, (float)(ox - r.x0 * s),
                               (float)(oy + r.y1 * s));
        dev = fz_new_device_of_size(ctx, sizeof(art_device));
        ((art_device *)dev)->a = &a;
        dev->fill_path = fill_path;
        dev->stroke_path = stroke_path;
        dev->clip_path = clip_path;
        dev->pop_clip = pop_clip;
        dev->fill_text = fill_text;
        dev->stroke_text = stroke_text;
        dev->clip_text = no_text_clip;
        dev->clip_stroke_path = no_clip_stroke;
        dev->clip_stroke_text = no_clip_stroke_text;
        dev->clip_image_mask = no_clip_mask;
        dev->fill_shade = no_shade;
        dev->fill_image = no_image;
        dev->fill_image_mask = no_image_mask;
        dev->begin_mask = no_mask;
        dev->begin_group = group;
        if (b)
            dw_buf_puts(b, "q\n");
        fz_run_page(ctx, page, dev, fz_identity, NULL);
        fz_close_device(ctx, dev);
        if (a.clips)
            fz_throw(ctx, FZ_ERROR_GENERIC, "its clipping is unbalanced");
        if (!a.n_paths)
            fz_throw(ctx, FZ_ERROR_GENERIC, "it draws nothing");
        if (b)
            dw_buf_puts(b, "Q\n");
        ok = true;
    }
    fz_always(ctx) {
        fz_drop_device(ctx, dev);
        fz_drop_page(ctx, page);
        fz_drop_document(ctx, doc);
        fz_drop_stream(ctx, stm);
        fz_drop_buffer(ctx, buf);
    }
    fz_catch(ctx) {
        snprintf(why, n, "%s", fz_caught_message(ctx));
        if (b)
            b->len = mark; /* nothing of a half-drawn picture */
    }
    if (a.rgb)
        cmsDeleteTransform(a.rgb);
    fz_drop_context(ctx);
    free(data);
    return ok;
}

bool dw_vector_check(const char *path, double *aspect, char *why, size_t n)
{
    return run(path, NULL, NULL, 0, 0, 1, 1, 0, aspect, why, n);
}

bool dw_draw_vector(dw_drawing *g, const char *path, double x, double y, double w, double h,
                    int align, dw_loc loc)
{
    char why[300];
    if (run(path, &g->cur, g->icc, x, y, w, h, align, NULL, why, sizeof why))
        return true;
    dw_error(g->diag, loc, "cannot draw the vector art '%s': %s", path, why);
    return false;
}
