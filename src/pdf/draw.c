/*
 * draw.c — laid-out pages → content streams, once per document and
 * language; every variant's file shows these (pdf.c).  Shaped lines are
 * written as glyph IDs with TJ positioning; each page's stream is
 * deflated as soon as the page is done.  Alongside, the drawing records
 * what the files need beside the content: the fonts and the CIDs used
 * (font.c), images, links, and the structure tree that the marked
 * content points into.
 */
#include "pdf_int.h"

#include <libdeflate.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool dw_pdf_deflate(struct libdeflate_compressor *z, const void *in, size_t n, dw_buf *out)
{
    size_t cap = libdeflate_zlib_compress_bound(z, n);
    dw_buf_reserve(out, cap);
    size_t got = libdeflate_zlib_compress(z, in, n, out->data + out->len, cap);
    out->len += got;
    return got != 0;
}

dw_drawing *dw_drawing_new(dw_diag *d)
{
    dw_drawing *g = dw_xcalloc(1, sizeof *g);
    g->diag = d;
    g->z = libdeflate_alloc_compressor(DW_DEFLATE_LEVEL);
    if (!g->z) {
        dw_error(d, dw_loc_none(), "cannot set up compression (out of memory?)");
        free(g);
        return NULL;
    }
    g->a = dw_arena_new();
    dw_buf_init(&g->cur);
    g->open_se = DW_SE_DOC;
    return g;
}

void dw_drawing_free(dw_drawing *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_pages; i++)
        dw_buf_fini(&g->pages[i].z);
    for (size_t i = 0; i < g->n_fonts; i++)
        dw_pdf_font_free(g->fonts[i]);
    for (size_t i = 0; i < g->n_ses; i++)
        dw_buf_fini(&g->ses[i].text);
    free(g->order);
    free(g->at);
    dw_buf_fini(&g->cur);
    libdeflate_free_compressor(g->z);
    dw_arena_free(g->a);
    free(g);
}

/* The page being drawn is done: its stream is deflated and kept. */
static void close_page(dw_drawing *g)
{
    if (!g->n_pages)
        return;
    draw_page *pg = &g->pages[g->n_pages - 1];
    if (!pg->z.data && !dw_pdf_deflate(g->z, g->cur.data ? g->cur.data : "", g->cur.len, &pg->z))
        dw_error(g->diag, dw_loc_none(), "compressing a page failed (out of memory?)");
    dw_buf_reset(&g->cur);
}

int dw_draw_page(dw_drawing *g)
{
    close_page(g);
    g->pages = dw_arena_grow(g->a, g->pages, g->n_pages, &g->cap_pages, sizeof *g->pages, 16);
    draw_page *pg = &g->pages[g->n_pages];
    memset(pg, 0, sizeof *pg);
    dw_buf_init(&pg->z);
    return (int)g->n_pages++;
}

static size_t font_for(dw_drawing *g, const dw_face *face)
{
    for (size_t i = 0; i < g->n_fonts; i++)
        if (g->fonts[i]->face == face)
            return i;
    g->fonts = dw_arena_grow(g->a, g->fonts, g->n_fonts, &g->cap_fonts, sizeof *g->fonts, 8);
    g->fonts[g->n_fonts] = dw_pdf_font_new(face);
    return g->n_fonts++;
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

static bool is_black(dw_cmyk c)
{
    return c.c == 0 && c.m == 0 && c.y == 0 && c.k >= 1;
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
 * a base's combining marks before it (visual order); here the base goes
 * first and its marks follow.  HarfBuzz's order gave pdf.js the harakat
 * on the right letter, but poppler then cut lines at the marks into
 * overlapping pieces (README, "Text extraction").  Positions do not
 * change: TJ moves the pen back.  Only marks by Unicode category move:
 * Naskh draws lam-alef as lam plus a zero-advance alef, which must stay
 * where it is.                                                         */
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
static void write_run(dw_drawing *g, dw_buf *b, const dw_run *r, double x, double y)
{
    size_t fi = font_for(g, r->face);
    pdf_font *f = g->fonts[fi];
    const double upem = r->face->upem, size = r->size_pt;
    dw_buf_puts(b, "/F");
    dw_buf_num(b, (double)fi, 0);
    dw_buf_putc(b, ' ');
    dw_buf_num(b, size, 3);
    dw_buf_puts(b, " Tf 1 0 0 1 ");
    dw_buf_num(b, x, 3);
    dw_buf_putc(b, ' ');
    dw_buf_num(b, y, 3);
    dw_buf_puts(b, " Tm\n[");
    size_t n = r->n_glyphs + 1;
    if (n > g->cap_scratch) {
        g->cap_scratch = n * 2;
        g->order = dw_xrealloc(g->order, g->cap_scratch * sizeof *g->order);
        g->at = dw_xrealloc(g->at, g->cap_scratch * sizeof *g->at);
    }
    size_t *order = g->order;
    emission_order(r, order);
    /* pen positions in thousandths of an em: where each glyph's origin is */
    double *at = g->at;
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
    bool zwnj = false; /* a ZWNJ left out just before: it goes with this glyph */
    for (size_t oi = 0; oi < r->n_glyphs; oi++) {
        size_t i = order[oi];
        const dw_glyph *gl = &r->glyphs[i];
        /* ZWNJ in right-to-left text (Persian می‌خواهم): pdf.js drops a
         * glyph that stands for a format character, so the ZWNJ goes with
         * the letter before it (the next glyph, in visual order), and its
         * own glyph, which shows nothing, is left out                    */
        if (r->rtl && in_cluster == 0 && gl->cluster_glyphs <= 1 && gl->text_len == 1 &&
            r->chars[gl->text_off] == 0x200C && oi + 1 < r->n_glyphs &&
            order[oi + 1] == i + 1 && r->glyphs[i + 1].text_len &&
            r->glyphs[i + 1].text_len < 16 && r->glyphs[i + 1].cluster_glyphs <= 1) {
            zwnj = true;
            continue;
        }
        if (in_cluster == 0 && gl->cluster_glyphs > 1) {
            const dw_glyph *t = NULL;
            for (size_t k = i; k < i + gl->cluster_glyphs && k < r->n_glyphs; k++)
                if (r->glyphs[k].text_len)
                    t = &r->glyphs[k];
            if (t) {
                CLOSE_STR();
                dw_buf_puts(b, "] TJ /Span << /ActualText <FEFF");
                dw_pdf_utf16be_hex(b, r->chars + t->text_off, t->text_len);
                dw_buf_puts(b, "> >> BDC [");
                in_cluster = gl->cluster_glyphs;
            }
        }
        double dy = gl->y_offset_du * size / upem;
        double want_x = at[i] + gl->x_offset_du * 1000.0 / upem;
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
        uint32_t rev[16], with[16];
        const uint32_t *txt = gl->text_len ? r->chars + gl->text_off : NULL;
        size_t len = gl->text_len;
        if (zwnj) {
            memcpy(with, txt, len * sizeof *with);
            with[len++] = 0x200C;
            txt = with;
            zwnj = false;
        }
        if (txt && r->rtl && len > 1 && len <= 16) {
            for (size_t k = 0; k < len; k++)
                rev[k] = txt[len - 1 - k];
            txt = rev;
        }
        uint32_t cid = dw_pdf_font_cid(f, gl->gid, txt, len);
        static const char hex[] = "0123456789ABCDEF";
        char code[4] = {hex[(cid >> 12) & 15], hex[(cid >> 8) & 15], hex[(cid >> 4) & 15],
                        hex[cid & 15]};
        if (!str)
            dw_buf_putc(b, '<');
        str = true;
        dw_buf_put(b, code, 4);
        cur = want_x + dw_pdf_font_advance(f, gl->gid);
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
}

static void put_num(dw_buf *b, double v)
{
    dw_buf_num(b, v, 3);
    dw_buf_putc(b, ' ');
}

/* The kashidas of runs [from, to) of a line (src/text/kashida.c): each
 * gap that lengthens a join is filled with the face's tatweel stroke, a
 * rectangle from the tatweel's extents (it overlaps both neighbours as
 * the glyph does), drawn as a path after the line's text object: not
 * text, so readers take nothing from it.                               */
static void kashida_ink(dw_buf *b, const dw_line *line, size_t from, size_t to, double x, double y,
                        dw_cmyk color, dw_cmyk link_color)
{
    for (size_t i = from; i < to; i++) {
        const dw_run *r = &line->runs[i];
        const double sc = r->size_pt / r->face->upem;
        double pen = x + line->x_pt + r->x_pt;
        hb_glyph_extents_t e = {0};
        bool have = false;
        for (size_t k = 0; k < r->n_glyphs; k++) {
            const dw_glyph *gl = &r->glyphs[k];
            pen += gl->x_advance_du * sc;
            if (gl->kashida && gl->extra_pt > 0) {
                hb_codepoint_t t;
                if (!have && hb_font_get_nominal_glyph(r->face->hb_font, 0x0640, &t) &&
                    hb_font_get_glyph_extents(r->face->hb_font, t, &e)) {
                    int32_t adv = hb_font_get_glyph_h_advance(r->face->hb_font, t);
                    e.width = e.x_bearing + e.width - adv; /* the overhang on the right */
                    have = true;
                }
                if (have && e.height < 0) {
                    put_fill(b, r->href ? link_color : color);
                    dw_buf_puts(b, " k\n");
                    put_num(b, pen + e.x_bearing * sc);
                    put_num(b, y + (e.y_bearing + e.height) * sc);
                    put_num(b, gl->extra_pt + (e.width - e.x_bearing) * sc);
                    put_num(b, -e.height * sc);
                    dw_buf_puts(b, "re f\n");
                }
            }
            pen += gl->extra_pt;
        }
    }
}

void dw_draw_line(dw_drawing *g, const dw_line *line, double x, double y, dw_cmyk color,
                  dw_cmyk link_color)
{
    if (!line->n_runs)
        return;
    dw_buf *b = &g->cur;
    bool op = is_black(color);
    if (op)
        dw_buf_puts(b, "q /GS0 gs\n");
    dw_buf_puts(b, "BT\n");
    put_fill(b, color);
    dw_buf_puts(b, " k\n");
    int cur = 0; /* 0: text colour, 1: link colour */
    for (size_t i = 0; i < line->n_runs; i++) {
        int want = line->runs[i].href ? 1 : 0;
        if (want != cur) {
            put_fill(b, want ? link_color : color);
            dw_buf_puts(b, " k\n");
            cur = want;
        }
        /* tagged PDF: text in another language says so (PDF 32000 14.9.2) */
        const char *lang = g->open_se != DW_SE_DOC ? line->runs[i].lang : NULL;
        double rx = x + line->x_pt + line->runs[i].x_pt;
        if (lang && !g->open_actual) {
            /* its own Span element with /Lang: the element's marked
             * content ends, the Span's follows (marked content and text
             * objects nest, so both are closed), then the element's
             * resumes with a new MCID                                   */
            dw_se parent = g->open_se;
            char tag[sizeof g->open_tag];
            memcpy(tag, g->open_tag, sizeof tag);
            dw_buf_puts(b, "ET\n");
            dw_draw_mark_end(g);
            dw_draw_mark_begin(g, dw_draw_se(g, parent, "Span", lang), "Span", NULL);
            dw_buf_puts(b, "BT\n");
            write_run(g, b, &line->runs[i], rx, y);
            dw_buf_puts(b, "ET\n");
            dw_draw_mark_end(g);
            dw_draw_mark_begin(g, parent, tag, NULL);
            dw_buf_puts(b, "BT\n");
            continue;
        }
        if (lang) { /* inside /ActualText: a property list is all it takes */
            dw_buf_puts(b, "/Span <</Lang (");
            dw_buf_puts(b, lang);
            dw_buf_puts(b, ")>> BDC\n");
        }
        write_run(g, b, &line->runs[i], rx, y);
        if (lang)
            dw_buf_puts(b, "EMC\n");
    }
    dw_buf_puts(b, "ET\n");
    kashida_ink(b, line, 0, line->n_runs, x, y, color, link_color);
    if (op)
        dw_buf_puts(b, "Q\n");
    if (g->open_se != DW_SE_DOC)
        g->ses[g->open_se].joins = line->joins_next;
    for (size_t i = 0; i < line->n_runs; i++) {
        const dw_run *r = &line->runs[i];
        if (r->href && r->width_pt > 0) {
            /* one link per run; adjacent runs of the same link merge */
            double x0 = x + line->x_pt + r->x_pt, w = r->width_pt;
            while (i + 1 < line->n_runs && line->runs[i + 1].href == r->href) {
                i++;
                w = x + line->x_pt + line->runs[i].x_pt + line->runs[i].width_pt - x0;
            }
            dw_draw_link_uri(g, x0, y - line->descent_pt, w, line->ascent_pt + line->descent_pt,
                             r->href);
        }
    }
}

bool dw_line_has_other_lang(const dw_line *line)
{
    for (size_t i = 0; i < line->n_runs; i++)
        if (line->runs[i].lang && !line->runs[i].soft_hyphen)
            return true;
    return false;
}

static bool same_lang(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

void dw_draw_line_spans(dw_drawing *g, dw_se parent, const dw_line *line, double x, double y,
                        dw_cmyk color, dw_cmyk link_color)
{
    size_t n = line->n_runs;
    if (!n)
        return;
    /* logical order of the runs: the line's runs are visual, left to
     * right; in a right-to-left line (UAX #9 L2 with levels 1 and 2) the
     * logical order is right to left, a stretch of left-to-right runs
     * keeping its own order                                            */
    size_t *lo = dw_alloc_array(g->a, n, sizeof *lo), k = 0;
    for (size_t i = n; i-- > 0;) {
        if (line->runs[i].rtl) {
            lo[k++] = i;
            continue;
        }
        size_t j = i;
        while (j > 0 && !line->runs[j - 1].rtl)
            j--;
        for (size_t m = j; m <= i; m++)
            lo[k++] = m;
        i = j;
    }
    /* the Spans in logical order, each stretch of one language with its
     * text as the element's /ActualText (structure only: poppler applies
     * /ActualText of /Span marked content and sets right-to-left text
     * from it backwards, tests/lib/extract_test.py)                     */
    dw_se *piece = dw_alloc_array(g->a, n, sizeof *piece);
    bool first = true;
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        const char *lang = line->runs[lo[a]].lang;
        while (b < n && same_lang(line->runs[lo[b]].lang, lang))
            b++;
        dw_se se = dw_draw_se(g, parent, "Span", lang);
        dw_buf *t = &g->ses[se].text;
        /* lines join with a space (as in an element's own text) */
        if (first && g->ses[parent].spans == 1)
            dw_buf_putc(t, ' ');
        first = false;
        for (size_t m = a; m < b; m++) {
            const dw_run *r = &line->runs[lo[m]];
            piece[lo[m]] = se;
            if (r->soft_hyphen)
                continue; /* a hyphen at the break is not in the source text */
            for (size_t c = 0; c < r->n_chars; c++) {
                char u[4];
                dw_buf_put(t, u, (size_t)dw_utf8_put(u, r->chars[c]));
            }
        }
        a = b;
    }
    g->ses[parent].spans = line->runs[lo[n - 1]].soft_hyphen || line->joins_next ? 2 : 1;
    /* the content in visual order, as every other line: readers that
     * take text from the page (pdf.js, MuPDF 1.21) see the glyphs as
     * they are drawn, and a Span's pieces drawn in logical order lost
     * the spaces where the direction changes in pdf.js               */
    bool op = is_black(color);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && piece[j] == piece[i])
            j++;
        dw_draw_mark_begin(g, piece[i], "Span", NULL);
        dw_buf *o = &g->cur;
        if (op)
            dw_buf_puts(o, "q /GS0 gs\n");
        dw_buf_puts(o, "BT\n");
        for (size_t m = i; m < j; m++) {
            const dw_run *r = &line->runs[m];
            put_fill(o, r->href ? link_color : color);
            dw_buf_puts(o, " k\n");
            write_run(g, o, r, x + line->x_pt + r->x_pt, y);
        }
        dw_buf_puts(o, "ET\n");
        kashida_ink(o, line, i, j, x, y, color, link_color);
        if (op)
            dw_buf_puts(o, "Q\n");
        dw_draw_mark_end(g);
        i = j;
    }
    /* links: Link elements under the line's element */
    g->open_se = parent;
    for (size_t i = 0; i < n; i++) {
        const dw_run *r = &line->runs[i];
        if (r->href && r->width_pt > 0) {
            double x0 = x + line->x_pt + r->x_pt, w = r->width_pt;
            while (i + 1 < n && line->runs[i + 1].href == r->href) {
                i++;
                w = x + line->x_pt + line->runs[i].x_pt + line->runs[i].width_pt - x0;
            }
            dw_draw_link_uri(g, x0, y - line->descent_pt, w, line->ascent_pt + line->descent_pt,
                             r->href);
        }
    }
    g->open_se = DW_SE_DOC;
}

void dw_draw_rect(dw_drawing *g, double x, double y, double w, double h, dw_cmyk fill)
{
    dw_buf *b = &g->cur;
    dw_buf_puts(b, "q ");
    put_fill(b, fill);
    dw_buf_puts(b, " k ");
    put_num(b, x);
    put_num(b, y);
    put_num(b, w);
    put_num(b, h);
    dw_buf_puts(b, "re f Q\n");
}

void dw_draw_rule(dw_drawing *g, double x1, double y1, double x2, double y2, double width_pt,
                  dw_cmyk c)
{
    dw_buf *b = &g->cur;
    dw_buf_puts(b, is_black(c) ? "q /GS0 gs " : "q ");
    put_fill(b, c);
    dw_buf_puts(b, " K ");
    put_num(b, width_pt);
    dw_buf_puts(b, "w ");
    put_num(b, x1);
    put_num(b, y1);
    dw_buf_puts(b, "m ");
    put_num(b, x2);
    put_num(b, y2);
    dw_buf_puts(b, "l S Q\n");
}

void dw_draw_image(dw_drawing *g, const char *path, double x, double y, double w, double h,
                   const dw_image_meta *meta, dw_loc loc)
{
    size_t i = 0;
    while (i < g->n_images && strcmp(g->images[i].path, path) != 0)
        i++;
    if (i == g->n_images) {
        g->images = dw_arena_grow(g->a, g->images, g->n_images, &g->cap_images,
                                  sizeof *g->images, 4);
        g->images[g->n_images++] = (dw_drawn_image){path, *meta, loc};
    }
    dw_buf *b = &g->cur;
    dw_buf_puts(b, "q ");
    put_num(b, w);
    dw_buf_puts(b, "0 0 ");
    put_num(b, h);
    put_num(b, x);
    put_num(b, y);
    dw_buf_puts(b, "cm /Im");
    dw_buf_num(b, (double)i, 0);
    dw_buf_puts(b, " Do Q\n");
}

size_t dw_drawing_images(const dw_drawing *g, const dw_drawn_image **images)
{
    *images = g->images;
    return g->n_images;
}

/* ---- structure ------------------------------------------------------------ */
static void kid(dw_drawing *g, dw_se se, int kind, int a, int b)
{
    g->kids = dw_arena_grow(g->a, g->kids, g->n_kids, &g->cap_kids, sizeof *g->kids, 64);
    g->kids[g->n_kids++] = (draw_kid){se, kind, a, b};
}

dw_se dw_draw_se(dw_drawing *g, dw_se parent, const char *type, const char *lang)
{
    g->ses = dw_arena_grow(g->a, g->ses, g->n_ses, &g->cap_ses, sizeof *g->ses, 64);
    dw_se se = (dw_se)g->n_ses++;
    g->ses[se] = (draw_se){.parent = parent, .type = type, .lang = lang};
    dw_buf_init(&g->ses[se].text);
    kid(g, parent, KID_SE, se, 0);
    return se;
}

void dw_draw_se_alt(dw_drawing *g, dw_se se, const char *alt)
{
    g->ses[se].alt = alt;
}

void dw_draw_se_scope_column(dw_drawing *g, dw_se se)
{
    g->ses[se].scope_column = true;
}

void dw_draw_mark_begin(dw_drawing *g, dw_se se, const char *tag, const char *actual_text)
{
    draw_page *pg = &g->pages[g->n_pages - 1];
    pg->parents = dw_arena_grow(g->a, pg->parents, pg->n_mcids, &pg->cap_mcids,
                                sizeof *pg->parents, 32);
    int mcid = (int)pg->n_mcids;
    pg->parents[pg->n_mcids++] = se;
    dw_buf *b = &g->cur;
    dw_buf_putc(b, '/');
    dw_buf_puts(b, tag);
    dw_buf_puts(b, " <</MCID ");
    dw_buf_num(b, mcid, 0);
    if (actual_text) {
        dw_buf_puts(b, " /ActualText <FEFF");
        dw_pdf_utf8_hex(b, actual_text);
        dw_buf_putc(b, '>');
        dw_buf *t = &g->ses[se].text;
        /* lines join with a space, but a word hyphenated at the line end
         * (U+00AD last) or broken without a hyphen (an address, the last
         * line's joins_next) goes on in the next line */
        bool hyphen = t->len >= 2 && memcmp(t->data + t->len - 2, "\xC2\xAD", 2) == 0;
        if (t->len && !hyphen && !g->ses[se].joins)
            dw_buf_putc(t, ' ');
        else if (hyphen)
            t->len -= 2;
        dw_buf_puts(t, actual_text);
    }
    dw_buf_puts(b, ">> BDC\n");
    kid(g, se, KID_MCR, (int)g->n_pages - 1, mcid);
    g->open_se = se;
    snprintf(g->open_tag, sizeof g->open_tag, "%s", tag);
    g->open_actual = actual_text != NULL;
}

void dw_draw_artifact_begin(dw_drawing *g)
{
    dw_buf_puts(&g->cur, "/Artifact BMC\n");
}

void dw_draw_mark_end(dw_drawing *g)
{
    dw_buf_puts(&g->cur, "EMC\n");
    g->open_se = DW_SE_DOC;
}

/* ---- links ------------------------------------------------------------------ */
static void add_link(dw_drawing *g, int on_page, draw_link l)
{
    draw_page *pg = &g->pages[on_page];
    pg->links = dw_arena_grow(g->a, pg->links, pg->n_links, &pg->cap_links, sizeof *pg->links, 8);
    pg->links[pg->n_links] = l;
    if (l.se != DW_SE_DOC)
        kid(g, l.se, KID_OBJR, on_page, (int)pg->n_links);
    pg->n_links++;
}

/* Tagged PDF (PDF/UA-1 7.18): a link annotation belongs to a Link
 * element (an OBJR kid) under the element whose content it covers.  A
 * link broken over lines (a web address, break.c) has an annotation per
 * line, all with the whole address, and they are the OBJR kids of one
 * Link element: the same href pointer (its span's, so never another
 * span's link) among the last links, under the same element.  PDF/A-1
 * (PDF 1.4) has no /QuadPoints for one annotation over two lines.     */
void dw_draw_link_uri(dw_drawing *g, double x, double y, double w, double h, const char *uri)
{
    dw_se se = DW_SE_DOC;
    if (g->open_se != DW_SE_DOC) {
        for (size_t i = 0; uri && i < DW_RECENT_LINKS && i < g->n_recent; i++)
            if (g->recent[i].uri == uri && g->recent[i].parent == g->open_se)
                se = g->recent[i].se;
        if (se == DW_SE_DOC) {
            se = dw_draw_se(g, g->open_se, "Link", NULL);
            g->recent[g->n_recent++ % DW_RECENT_LINKS] = (draw_recent){uri, g->open_se, se};
        }
    }
    add_link(g, (int)g->n_pages - 1, (draw_link){x, y, w, h, uri, -1, 0, uri, se});
}

void dw_draw_link_page(dw_drawing *g, int on_page, double x, double y, double w, double h,
                       int page, double top, const char *description, dw_se parent)
{
    if (on_page < 0 || (size_t)on_page >= g->n_pages || page < 0 || (size_t)page >= g->n_pages)
        return;
    dw_se se = parent != DW_SE_DOC ? dw_draw_se(g, parent, "Link", NULL) : DW_SE_DOC;
    add_link(g, on_page,
             (draw_link){x, y, w, h, NULL, page, top, description ? description : "", se});
}

bool dw_drawing_finish(dw_drawing *g)
{
    if (g->finished)
        return true;
    close_page(g);
    g->finished = true;
    for (size_t i = 0; i < g->n_fonts; i++)
        if (!dw_pdf_font_finish(g->fonts[i], g->z)) {
            dw_error(g->diag, dw_loc_none(), "could not subset or embed the font '%s'",
                     g->fonts[i]->face->path);
            return false;
        }
    return g->diag->errors == 0;
}

size_t dw_drawing_font_sizes(const dw_drawing *g, const char **names, size_t *bytes, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < g->n_fonts && k < n; i++, k++) {
        names[k] = g->fonts[i]->name;
        bytes[k] = g->fonts[i]->embedded_bytes;
    }
    return k;
}
