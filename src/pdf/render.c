/*
 * render.c — a laid-out document → its drawing (once) → one PDF file
 * per output variant, each showing the same drawn pages: as they are
 * (office, web), moved onto a sheet with bleed, crop marks and slug
 * (print), or two to a sheet in booklet order (booklet).
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* Room around the bleed for crop marks and the slug line. */
#define MARK_ROOM MM(12)
#define MARK_LEN MM(6)
#define MARK_OFFSET MM(2) /* marks start this far outside the bleed */
#define SLUG_INSET MM(5)  /* the slug line starts this far right of the trim's left edge */

const char *const dw_variant_names[DW_N_VARIANTS] = {"office", "print", "booklet", "web"};

void dw_booklet_order(int n, bool rtl, int *order)
{
    /* Sheet side k: outer pages first.  Side 0 (front of sheet 0) holds
     * the last and the first page; side 1 (back) the second and the
     * second-to-last, and so on.  In a left-bound (LTR) booklet odd page
     * numbers (1-based) are on the right; a right-bound (RTL) booklet is
     * the mirror image.                                                 */
    for (int k = 0; k < n / 2; k++) {
        int a = k, b = n - 1 - k; /* a: first half, b: second half */
        bool front = k % 2 == 0;
        int left = front ? b : a, right = front ? a : b;
        if (rtl) {
            int t = left;
            left = right;
            right = t;
        }
        order[2 * k] = left;
        order[2 * k + 1] = right;
    }
}

/* ---- structure ------------------------------------------------------------- */
#define MAX_SUBS 16 /* table columns or cards in a row: a handful */
#define NO_SE (-2)  /* an element that shows nothing */

typedef struct tagger {
    dw_drawing *g;
    const dw_layout *L;
    dw_se *se;  /* per structure element */
    dw_se *sub; /* per element: MAX_SUBS parts, created when first used */
    bool *split; /* per element: right-to-left with text in another
                    language: its lines are Spans (dw_draw_line_spans) */
} tagger;

static int cmp_order(const void *a, const void *b, void *arg)
{
    const dw_elem *e = arg;
    long x = e[*(const int *)a].order, y = e[*(const int *)b].order;
    return x < y ? -1 : x > y;
}

static const char *group_of(enum dw_role r)
{
    return r == DW_R_LI ? "L" : r == DW_R_TR ? "Table" : r == DW_R_TOCI ? "TOC" : NULL;
}

/* One structure element per laid-out element that shows anything, in
 * reading order; list items, table rows and TOC entries are grouped
 * into L, Table and TOC.                                               */
static void tagger_init(tagger *t, dw_drawing *g, const dw_layout *L, dw_arena *a)
{
    t->g = g;
    t->L = L;
    size_t n = L->n_elems;
    t->se = dw_alloc_array(a, n + 1, sizeof *t->se);
    t->sub = dw_alloc_array(a, (n + 1) * MAX_SUBS, sizeof *t->sub);
    for (size_t i = 0; i < (n + 1) * MAX_SUBS; i++)
        t->sub[i] = NO_SE;
    bool *used = dw_alloc_array(a, n + 1, sizeof *used);
    t->split = dw_alloc_array(a, n + 1, sizeof *t->split);
    for (size_t p = 0; p < L->n_pages; p++)
        for (size_t i = 0; i < L->pages[p].n_ops; i++) {
            const dw_op *o = &L->pages[p].ops[i];
            if (o->elem < 0)
                continue;
            used[o->elem] = true;
            /* An element with a German name or word in a right-to-left
             * line has its lines as Spans: the /ActualText of a whole
             * line would hide the word's /Lang.                        */
            if (o->kind == DW_OP_LINE && L->doc->lang->rtl && o->role != DW_R_ARTIFACT &&
                dw_line_has_other_lang(o->line))
                t->split[o->elem] = true;
        }
    int *idx = dw_alloc_array(a, n + 1, sizeof *idx);
    for (size_t i = 0; i < n; i++) {
        idx[i] = (int)i;
        t->se[i] = NO_SE;
    }
    qsort_r(idx, n, sizeof *idx, cmp_order, L->elems);
    dw_se group = NO_SE;
    const char *group_type = NULL;
    for (size_t k = 0; k < n; k++) {
        int e = idx[k];
        if (!used[e])
            continue;
        const char *gt = group_of(L->elems[e].role);
        if (!gt)
            group = NO_SE, group_type = NULL;
        else if (group == NO_SE || strcmp(group_type, gt) != 0)
            group = dw_draw_se(g, DW_SE_DOC, gt, NULL), group_type = gt;
        t->se[e] = dw_draw_se(g, gt ? group : DW_SE_DOC, dw_role_names[L->elems[e].role],
                              L->elems[e].lang);
        if (L->elems[e].alt)
            dw_draw_se_alt(g, t->se[e], L->elems[e].alt);
    }
}

/* The element an item's marked content belongs to. */
static dw_se target(tagger *t, const dw_op *o, const char **tag)
{
    const dw_elem *e = &t->L->elems[o->elem];
    int k = 0;
    const char *type = NULL;
    if (e->role == DW_R_LI) {
        k = o->role == DW_R_LBL ? 0 : 1;
        type = k ? "LBody" : "Lbl";
    } else if (e->role == DW_R_TR) {
        k = o->sub;
        type = o->role == DW_R_TH ? "TH" : "TD";
    } else if (e->role == DW_R_DIV) {
        k = o->sub;
        type = "P";
    }
    if (!type) {
        *tag = dw_role_names[e->role];
        return t->se[o->elem];
    }
    if (k < 0 || k >= MAX_SUBS)
        k = MAX_SUBS - 1;
    dw_se *slot = &t->sub[o->elem * MAX_SUBS + k];
    if (*slot == NO_SE) {
        *slot = dw_draw_se(t->g, t->se[o->elem], type, NULL);
        if (o->role == DW_R_TH)
            dw_draw_se_scope_column(t->g, *slot);
    }
    *tag = type;
    return *slot;
}

/* ---- drawing: once for every variant ---------------------------------------- */
/* Backgrounds that touch the trim run into the bleed in every file: the
 * office and web pages end at the trim, the booklet clips each page to
 * it, and the print file shows the bleed.                              */
static void draw_layout_page(dw_drawing *g, const dw_page *pg, const dw_design *ds, tagger *t,
                             bool *ok)
{
    double bleed = ds->bleed;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const dw_op *o = &pg->ops[i];
        if (o->kind == DW_OP_QR)
            continue; /* paper only: drawn on a page of its own (qr_overlays) */
        if (o->kind == DW_OP_LINK_PAGE || o->kind == DW_OP_LINK_URI)
            ; /* annotations, not content */
        else if (o->elem >= 0 && o->role != DW_R_ARTIFACT && t->se[o->elem] != NO_SE) {
            const char *tag;
            dw_se se = target(t, o, &tag);
            /* right-to-left lines: glyphs are in visual order, so the
             * marked content says what it reads as (logical order)      */
            const char *actual = o->kind == DW_OP_LINE && t->L->doc->lang->rtl ? o->line->text : NULL;
            /* an element with text in another language has no /ActualText
             * of its own (it would hide the /Lang): its lines are Spans,
             * each stretch of one language one Span with its text       */
            if (actual && t->split[o->elem]) {
                dw_draw_line_spans(g, se, o->line, o->x, o->y, o->color, o->link_color);
                continue;
            }
            dw_draw_mark_begin(g, se, tag, actual);
        } else {
            dw_draw_artifact_begin(g);
        }
        switch (o->kind) {
        case DW_OP_LINE:
            dw_draw_line(g, o->line, o->x, o->y, o->color, o->link_color);
            break;
        case DW_OP_RECT: {
            double x = o->x, y = o->y, w = o->w, h = o->h;
            if (o->bleeds && bleed > 0) {
                if (x <= 0.01)
                    x -= bleed, w += bleed;
                if (x + w >= ds->page_w - 0.01)
                    w += bleed;
                if (y <= 0.01)
                    y -= bleed, h += bleed;
                if (y + h >= ds->page_h - 0.01)
                    h += bleed;
            }
            dw_draw_rect(g, x, y, w, h, o->color);
            break;
        }
        case DW_OP_RULE:
            dw_draw_rule(g, o->x, o->y, o->x + o->w, o->y + o->h, o->width, o->color);
            break;
        case DW_OP_LINK_URI:
            dw_draw_link_uri(g, o->x, o->y, o->w, o->h, o->uri);
            break;
        case DW_OP_LINK_PAGE:
            break; /* after all pages exist: see dw_render_draw */
        case DW_OP_IMAGE:
            dw_draw_image(g, o->uri, o->x, o->y, o->w, o->h, &o->image, o->loc);
            break;
        case DW_OP_QR:
            break;
        case DW_OP_ICON:
            if (!dw_draw_icon(g, o->uri, o->x, o->y, o->w, o->color, o->loc))
                *ok = false;
            break;
        case DW_OP_VECTOR:
            if (!dw_draw_vector(g, o->uri, o->x, o->y, o->w, o->h, o->align, o->loc))
                *ok = false;
            break;
        }
        if (o->kind != DW_OP_LINK_PAGE && o->kind != DW_OP_LINK_URI)
            dw_draw_mark_end(g);
    }
}

/* The slug line under the bleed of print page `page` (0-based), in the
 * print file's coordinates (the page sits `room` in from the sheet).  */
static bool slug(dw_drawing *g, dw_shaper *sh, const dw_layout *L, int page, double x, double y,
                 dw_diag *d)
{
    dw_arena *a = dw_arena_new();
    const dw_doc *doc = L->doc;
    char text[256];
    snprintf(text, sizeof text, "%s · %s · %04d-%02d-%02d · %d/%zu", doc->name, doc->lang->code,
             doc->edition.y, doc->edition.m, doc->edition.d, page + 1, L->n_pages);
    dw_tspan sp = {.text = text};
    dw_para_spec spec = {.spans = &sp, .n_spans = 1, .lang = "en", .script = "Latn",
                         .size_pt = 6, .width_pt = 1000, .align = DW_ALIGN_START,
                         .no_hyphens = true, .loc = doc->loc};
    dw_para p;
    bool ok = dw_text_para(sh, &spec, a, &p, d);
    if (ok && p.n_lines) {
        dw_draw_artifact_begin(g);
        dw_draw_line(g, &p.lines[0], x, y, (dw_cmyk){0, 0, 0, 1}, (dw_cmyk){0, 0, 0, 1});
        dw_draw_mark_end(g);
    }
    dw_arena_free(a);
    return ok;
}

/* QR codes are for paper: the web file keeps the clickable link and must
 * not show them, yet every file shows the same drawn pages.  So each
 * page's QR codes are drawn on a page of their own, which the paper
 * variants show on top of the page (like the print file's slug line)
 * and the web file does not.  overlay[i]: the drawn page of layout page
 * i's codes, -1 when it has none; first: the first such drawn page.    */
static void qr_overlays(const dw_layout *L, int first, int *overlay)
{
    int k = first;
    for (size_t i = 0; i < L->n_pages; i++) {
        overlay[i] = -1;
        for (size_t j = 0; j < L->pages[i].n_ops; j++)
            if (L->pages[i].ops[j].kind == DW_OP_QR) {
                overlay[i] = k++;
                break;
            }
    }
}

/* Drawn pages before the QR overlays: the pages, then their slugs. */
static int qr_first(const dw_layout *L)
{
    return (int)L->n_pages * (L->design->slug ? 2 : 1);
}

/* Room around the bleed of a print page, for crop marks and the slug. */
static double print_room(const dw_design *ds)
{
    return ds->bleed + MARK_ROOM;
}

dw_drawing *dw_render_draw(const dw_layout *L, dw_shaper *sh, const char *icc, dw_diag *d)
{
    const dw_design *ds = L->design;
    dw_drawing *g = dw_drawing_new(d);
    if (!g)
        return NULL;
    g->icc = icc;
    dw_arena *a = dw_arena_new();
    tagger t;
    tagger_init(&t, g, L, a);
    bool ok = true;
    for (size_t i = 0; i < L->n_pages; i++) {
        dw_draw_page(g);
        draw_layout_page(g, &L->pages[i], ds, &t, &ok);
    }
    /* links to pages, once every page exists; tagged under their element */
    for (size_t p = 0; p < L->n_pages; p++)
        for (size_t i = 0; i < L->pages[p].n_ops; i++) {
            const dw_op *o = &L->pages[p].ops[i];
            if (o->kind == DW_OP_LINK_PAGE && o->page >= 0)
                dw_draw_link_page(g, (int)p, o->x, o->y, o->w, o->h, o->page, o->top, o->alt,
                                  o->elem >= 0 && t.se[o->elem] != NO_SE ? t.se[o->elem]
                                                                         : DW_SE_DOC);
        }
    if (ds->slug) { /* drawn pages n … 2n − 1: the print pages' slug lines */
        double room = print_room(ds);
        for (size_t i = 0; i < L->n_pages && ok; i++) {
            dw_draw_page(g);
            /* clear of the crop mark on the trim's left edge (SLUG_INSET) */
            ok = slug(g, sh, L, (int)i, room + SLUG_INSET, room - ds->bleed - MM(6), d);
        }
    }
    int *overlay = dw_alloc_array(a, L->n_pages + 1, sizeof *overlay);
    qr_overlays(L, qr_first(L), overlay);
    for (size_t i = 0; i < L->n_pages && ok; i++) {
        if (overlay[i] < 0)
            continue;
        dw_draw_page(g);
        dw_draw_artifact_begin(g);
        for (size_t j = 0; j < L->pages[i].n_ops && ok; j++) {
            const dw_op *o = &L->pages[i].ops[j];
            int lines = 0;
            while (o->kind == DW_OP_QR && o->line && o->line[lines].n_runs)
                lines++;
            if (o->kind == DW_OP_QR && !lines) {
                ok = dw_draw_qr(g, o->uri, o->x, o->y, o->w);
            } else if (o->kind == DW_OP_QR) {
                /* the code over its caption (layout/qr.c), one white tile:
                 * the code gives up the caption's height               */
                double lead = o->line[0].ascent_pt + o->line[0].descent_pt;
                double cap = MM(1.2) + lines * lead, s = o->w - cap;
                dw_cmyk white = {0, 0, 0, 0}, black = {0, 0, 0, 1};
                dw_draw_rect(g, o->x, o->y, o->w, o->h, white);
                ok = dw_draw_qr(g, o->uri, o->x + cap / 2, o->y + cap, s);
                for (int k = 0; k < lines; k++) {
                    const dw_line *l = &o->line[k];
                    dw_draw_line(g, l, o->x + (o->w - l->width_pt) / 2 - l->x_pt,
                                 o->y + MM(1.2) + l->descent_pt + (lines - 1 - k) * lead,
                                 black, black);
                }
            }
        }
        dw_draw_mark_end(g);
    }
    dw_arena_free(a);
    if (!ok || !dw_drawing_finish(g)) {
        dw_drawing_free(g);
        return NULL;
    }
    return g;
}

/* ---- the variants ----------------------------------------------------------- */
static void put_mark(dw_buf *b, double x1, double y1, double x2, double y2)
{
    double v[4] = {x1, y1, x2, y2};
    for (int i = 0; i < 4; i++) {
        dw_buf_num(b, v[i], 3);
        dw_buf_puts(b, i == 1 ? " m " : i == 3 ? " l S\n" : " ");
    }
}

/* Crop marks at the trim corners, outside the bleed, in registration
 * colour (/CS0, the separation All: they appear on every printing
 * plate, so the plates can be registered and trimmed), 0.25 pt (the
 * hairline limit).                                                     */
static void crop_marks(dw_buf *b, double x0, double y0, double w, double h, double bleed)
{
    double o = bleed + MARK_OFFSET;
    double xs[2] = {x0, x0 + w}, ys[2] = {y0, y0 + h};
    dw_buf_puts(b, "/Artifact BMC q /CS0 CS 1 SCN 0.25 w\n");
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double sx = i ? 1 : -1, sy = j ? 1 : -1;
            put_mark(b, xs[i] + sx * o, ys[j], xs[i] + sx * (o + MARK_LEN), ys[j]);
            put_mark(b, xs[i], ys[j] + sy * o, xs[i], ys[j] + sy * (o + MARK_LEN));
        }
    dw_buf_puts(b, "Q EMC\n");
}

static void outlines(dw_pdf *pdf, const dw_layout *L, const int *page_of, double oy)
{
    for (size_t i = 0; i < L->n_outline; i++) {
        const dw_outline *o = &L->outline[i];
        dw_pdf_outline(pdf, o->level, o->title, page_of[o->page], oy + o->top);
    }
}

bool dw_render(const dw_layout *L, const dw_drawing *g, enum dw_variant v, long long epoch,
               const char *icc_path, const char *path, dw_render_stats *st, dw_diag *d)
{
    const dw_doc *doc = L->doc;
    const dw_design *ds = L->design;
    bool ok = false;
    char seed[512];
    snprintf(seed, sizeof seed, "druckwerk|%s|%s|%s|%04d-%02d-%02d|%s", doc->name,
             doc->lang->code, dw_variant_names[v], doc->edition.y, doc->edition.m,
             doc->edition.d, doc->version ? doc->version : "");
    dw_arena *a = dw_arena_new();
    icc_path = dw_data_path(a, icc_path); /* an installed druckwerk: its data folder */
    dw_pdf_info info = {
        .title = dw_text_plain(a, &doc->title),
        .subject = dw_text_plain(a, &doc->subtitle),
        .author = dw_text_plain(a, &doc->publisher),
        .lang = doc->lang->code,
        .id_seed = seed,
        .epoch = epoch,
        .rtl = doc->lang->rtl,
        .overprint_black = v == DW_VAR_PRINT || v == DW_VAR_BOOKLET,
        .registration = v == DW_VAR_PRINT,
        .tagged = v == DW_VAR_WEB,
        .no_links = v == DW_VAR_PRINT,
        .icc = icc_path, /* RGB pictures become CMYK in every file (pdf.c) */
    };
    dw_pdf *pdf = dw_pdf_new(&info, g, d);
    if (!pdf)
        goto done;
    int n = (int)L->n_pages;
    int *page_of = dw_alloc_array(a, (size_t)n + 1, sizeof(int));
    int *overlay = dw_alloc_array(a, (size_t)n + 1, sizeof(int));
    qr_overlays(L, qr_first(L), overlay);
    double pw = ds->page_w, ph = ds->page_h;
    if (v == DW_VAR_BOOKLET && ds->booklet && n % 4 == 0) {
        int *order = dw_alloc_array(a, (size_t)n, sizeof(int));
        dw_booklet_order(n, doc->lang->rtl, order);
        /* A4 landscape (297 × 210 mm) holds two A5 pages (2 × 148 mm):
         * the pair is centred, so the fold falls on the sheet's middle;
         * each page is clipped to its trim                              */
        double sw = 2 * pw > MM(297) ? 2 * pw : MM(297), sh_ = ph > MM(210) ? ph : MM(210);
        double ox = (sw - 2 * pw) / 2, oy = (sh_ - ph) / 2, clip[2] = {pw, ph};
        for (int k = 0; k < n / 2; k++) {
            dw_pdf_page(pdf, sw, sh_);
            for (int s = 0; s < 2; s++) {
                int pg = order[2 * k + s];
                page_of[pg] = k;
                dw_pdf_show(pdf, pg, ox + s * pw, oy, clip);
                if (overlay[pg] >= 0)
                    dw_pdf_show(pdf, overlay[pg], ox + s * pw, oy, clip);
            }
        }
        outlines(pdf, L, page_of, oy);
    } else {
        double room = v == DW_VAR_PRINT ? print_room(ds) : 0;
        dw_buf marks;
        dw_buf_init(&marks);
        if (v == DW_VAR_PRINT && ds->crop_marks)
            crop_marks(&marks, room, room, pw, ph, ds->bleed);
        for (int i = 0; i < n; i++) {
            dw_pdf_page(pdf, pw + 2 * room, ph + 2 * room);
            page_of[i] = i;
            dw_pdf_show(pdf, i, room, room, NULL);
            if (overlay[i] >= 0 && v != DW_VAR_WEB)
                dw_pdf_show(pdf, overlay[i], room, room, NULL);
            if (v == DW_VAR_PRINT) {
                double trim[4] = {room, room, room + pw, room + ph};
                double bl[4] = {room - ds->bleed, room - ds->bleed, room + pw + ds->bleed,
                                room + ph + ds->bleed};
                dw_pdf_boxes(pdf, trim, bl);
                if (marks.len)
                    dw_pdf_ops(pdf, marks.data);
                if (ds->slug)
                    dw_pdf_show(pdf, n + i, 0, 0, NULL);
            }
        }
        dw_buf_fini(&marks);
        dw_pdf_page_links(pdf);
        outlines(pdf, L, page_of, room);
        dw_pdf_page_labels(pdf, 0);
    }
    if (v == DW_VAR_PRINT && !dw_pdf_conform(pdf, DW_PDF_X4, icc_path, "FOGRA39", d))
        goto done;
    if (v == DW_VAR_WEB && !dw_pdf_conform(pdf, DW_PDF_A1B_UA1, icc_path, "FOGRA39", d))
        goto done;
    if (!dw_pdf_save(pdf, path, d)) {
        if (st)
            st->write_failed = dw_pdf_write_failed(pdf);
        goto done;
    }
    if (st) {
        memset(st, 0, sizeof *st);
        st->sheets = dw_pdf_page_count(pdf);
        st->n_fonts = dw_drawing_font_sizes(g, st->font_names, st->font_bytes, 8);
        st->bytes = dw_pdf_bytes(pdf);
    }
    ok = true;
done:
    dw_pdf_free(pdf);
    dw_arena_free(a);
    return ok;
}
