/*
 * render.c — display list → PDF, per output variant.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define MM(x) ((x) * 72.0 / 25.4)
/* Room around the bleed for crop marks and the slug line. */
#define MARK_ROOM MM(12)
#define MARK_LEN MM(6)
#define MARK_OFFSET MM(2) /* marks start this far outside the bleed */

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

/* ---- tagging (web variant) ----------------------------------------------- */
#define MAX_SUBS 16 /* table columns or cards in a row: a handful */

typedef struct tagger {
    dw_pdf *pdf;
    const dw_layout *L;
    dw_pdf_se **se;  /* per structure element */
    dw_pdf_se **sub; /* per element: MAX_SUBS parts, created when first used */
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
static void tagger_init(tagger *t, dw_pdf *pdf, const dw_layout *L, dw_arena *a)
{
    t->pdf = pdf;
    t->L = L;
    size_t n = L->n_elems;
    t->se = dw_alloc_array(a, n + 1, sizeof *t->se);
    t->sub = dw_alloc_array(a, (n + 1) * MAX_SUBS, sizeof *t->sub);
    bool *used = dw_alloc_array(a, n + 1, sizeof *used);
    for (size_t p = 0; p < L->n_pages; p++)
        for (size_t i = 0; i < L->pages[p].n_ops; i++)
            if (L->pages[p].ops[i].elem >= 0)
                used[L->pages[p].ops[i].elem] = true;
    int *idx = dw_alloc_array(a, n + 1, sizeof *idx);
    for (size_t i = 0; i < n; i++)
        idx[i] = (int)i;
    qsort_r(idx, n, sizeof *idx, cmp_order, L->elems);
    dw_pdf_se *group = NULL;
    const char *group_type = NULL;
    for (size_t k = 0; k < n; k++) {
        int e = idx[k];
        if (!used[e])
            continue;
        const char *g = group_of(L->elems[e].role);
        if (!g)
            group = NULL, group_type = NULL;
        else if (!group || strcmp(group_type, g) != 0)
            group = dw_pdf_se_new(pdf, NULL, g, NULL), group_type = g;
        t->se[e] = dw_pdf_se_new(pdf, g ? group : NULL, dw_role_names[L->elems[e].role],
                                 L->elems[e].lang);
        if (L->elems[e].alt)
            dw_pdf_se_alt(pdf, t->se[e], L->elems[e].alt);
    }
}

/* The element an item's marked content belongs to. */
static dw_pdf_se *target(tagger *t, const dw_op *o, const char **tag)
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
    dw_pdf_se **slot = &t->sub[o->elem * MAX_SUBS + k];
    if (!*slot) {
        *slot = dw_pdf_se_new(t->pdf, t->se[o->elem], type, NULL);
        if (o->role == DW_R_TH)
            dw_pdf_se_scope_column(t->pdf, *slot);
    }
    *tag = type;
    return *slot;
}

/* Print, booklet and web files promise CMYK without transparency
 * (PDF/X-4 for the shop, PDF/A-1 for the website): an RGB image or one
 * with an alpha channel is refused there, with the place in the content. */
static bool image_allowed(const dw_op *o, enum dw_variant v, dw_diag *d)
{
    if (v == DW_VAR_OFFICE)
        return true;
    if (o->image.channels == 3) {
        dw_error(d, o->loc, "image '%s' is RGB; the %s PDF must be CMYK: save it as a CMYK "
                 "(or greyscale) JPEG, e.g. with GIMP's Separate+ or ask the print shop",
                 o->uri, dw_variant_names[v]);
        return false;
    }
    if (o->image.alpha) {
        dw_error(d, o->loc, "image '%s' has transparency (an alpha channel), which the %s PDF "
                 "cannot have: save it without transparency", o->uri, dw_variant_names[v]);
        return false;
    }
    return true;
}

static bool draw_page(dw_pdf *pdf, const dw_page *pg, const dw_design *ds, double ox, double oy,
                      double bleed, tagger *t, enum dw_variant v, dw_diag *d)
{
    bool ok = true;
    for (size_t i = 0; i < pg->n_ops; i++) {
        const dw_op *o = &pg->ops[i];
        if (o->kind == DW_OP_LINK_PAGE || o->kind == DW_OP_LINK_URI)
            ; /* annotations, not content */
        else if (t && o->elem >= 0 && o->role != DW_R_ARTIFACT && t->se[o->elem]) {
            const char *tag;
            dw_pdf_se *se = target(t, o, &tag);
            /* right-to-left lines: glyphs are in visual order, so the
             * marked content says what it reads as (logical order)      */
            const char *actual = o->kind == DW_OP_LINE && t->L->doc->lang->rtl ? o->line->text : NULL;
            dw_pdf_mark_begin(pdf, se, tag, actual);
        } else if (t) {
            dw_pdf_artifact_begin(pdf);
        }
        switch (o->kind) {
        case DW_OP_LINE:
            dw_pdf_line(pdf, o->line, ox + o->x, oy + o->y, o->color, o->link_color);
            break;
        case DW_OP_RECT: {
            double x = o->x, y = o->y, w = o->w, h = o->h;
            if (o->bleeds && bleed > 0) { /* backgrounds touching the trim run into the bleed */
                if (x <= 0.01)
                    x -= bleed, w += bleed;
                if (x + w >= ds->page_w - 0.01)
                    w += bleed;
                if (y <= 0.01)
                    y -= bleed, h += bleed;
                if (y + h >= ds->page_h - 0.01)
                    h += bleed;
            }
            dw_pdf_rect(pdf, ox + x, oy + y, w, h, o->color);
            break;
        }
        case DW_OP_RULE:
            dw_pdf_rule(pdf, ox + o->x, oy + o->y, ox + o->x + o->w, oy + o->y + o->h, o->width,
                        o->color);
            break;
        case DW_OP_LINK_URI:
            dw_pdf_link_uri(pdf, ox + o->x, oy + o->y, o->w, o->h, o->uri);
            break;
        case DW_OP_LINK_PAGE:
            break; /* after all pages exist: see link_pass */
        case DW_OP_IMAGE:
            if (image_allowed(o, v, d))
                ok &= dw_pdf_image(pdf, o->uri, ox + o->x, oy + o->y, o->w, o->h, d);
            else
                ok = false;
            break;
        }
        if (t && o->kind != DW_OP_LINK_PAGE && o->kind != DW_OP_LINK_URI)
            dw_pdf_mark_end(pdf);
    }
    return ok;
}

static void link_pass(dw_pdf *pdf, const dw_layout *L, double ox, double oy, int page_base,
                      tagger *t)
{
    for (size_t p = 0; p < L->n_pages; p++)
        for (size_t i = 0; i < L->pages[p].n_ops; i++) {
            const dw_op *o = &L->pages[p].ops[i];
            if (o->kind != DW_OP_LINK_PAGE || o->page < 0)
                continue;
            pdf->page = pdf->pages[page_base + (int)p];
            if (t && o->elem >= 0)
                dw_pdf_link_parent(pdf, t->se[o->elem]);
            dw_pdf_link_page(pdf, ox + o->x, oy + o->y, o->w, o->h, page_base + o->page,
                             oy + o->top, o->alt);
            dw_pdf_link_parent(pdf, NULL);
        }
}

static void crop_marks(dw_pdf *pdf, double x0, double y0, double w, double h, double bleed)
{
    double o = bleed + MARK_OFFSET, t = 0.25; /* 0.25 pt: the hairline limit */
    double xs[2] = {x0, x0 + w}, ys[2] = {y0, y0 + h};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            double sx = i ? 1 : -1, sy = j ? 1 : -1;
            dw_pdf_mark(pdf, xs[i] + sx * o, ys[j], xs[i] + sx * (o + MARK_LEN), ys[j], t);
            dw_pdf_mark(pdf, xs[i], ys[j] + sy * o, xs[i], ys[j] + sy * (o + MARK_LEN), t);
        }
}

static void slug(dw_pdf *pdf, dw_shaper *sh, const dw_layout *L, int page, double x, double y,
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
    if (dw_text_para(sh, &spec, a, &p, d) && p.n_lines)
        dw_pdf_line(pdf, &p.lines[0], x, y, (dw_cmyk){0, 0, 0, 1}, (dw_cmyk){0, 0, 0, 1});
    dw_arena_free(a);
}

static void outlines(dw_pdf *pdf, const dw_layout *L, const int *page_of, double oy)
{
    for (size_t i = 0; i < L->n_outline; i++) {
        const dw_outline *o = &L->outline[i];
        dw_pdf_outline(pdf, o->level, o->title, page_of[o->page], oy + o->top);
    }
}

bool dw_render(const dw_layout *L, enum dw_variant v, dw_shaper *sh, long long epoch,
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
    dw_pdf_info info = {
        .title = dw_text_plain(a, &doc->title),
        .subject = dw_text_plain(a, &doc->subtitle),
        .author = dw_text_plain(a, &doc->publisher),
        .lang = doc->lang->code,
        .id_seed = seed,
        .epoch = epoch,
        .rtl = doc->lang->rtl,
        .overprint_black = v == DW_VAR_PRINT || v == DW_VAR_BOOKLET,
    };
    dw_pdf *pdf = dw_pdf_new(&info, d);
    if (!pdf)
        goto done;
    int n = (int)L->n_pages;
    int *page_of = dw_alloc_array(a, (size_t)n + 1, sizeof(int));
    double pw = ds->page_w, ph = ds->page_h;
    if (v == DW_VAR_BOOKLET && ds->booklet && n % 4 == 0) {
        int *order = dw_alloc_array(a, (size_t)n, sizeof(int));
        dw_booklet_order(n, doc->lang->rtl, order);
        /* A4 landscape (297 × 210 mm) holds two A5 pages (2 × 148 mm):
         * the pair is centred, so the fold falls on the sheet's middle  */
        double sw = 2 * pw > MM(297) ? 2 * pw : MM(297), sh_ = ph > MM(210) ? ph : MM(210);
        double ox = (sw - 2 * pw) / 2, oy = (sh_ - ph) / 2;
        for (int k = 0; k < n / 2; k++) {
            dw_pdf_page(pdf, sw, sh_);
            for (int s = 0; s < 2; s++) {
                int pg = order[2 * k + s];
                page_of[pg] = k;
                if (!draw_page(pdf, &L->pages[pg], ds, ox + s * pw, oy, 0, NULL, v, d))
                    goto done;
            }
        }
        outlines(pdf, L, page_of, 0);
    } else {
        double room = v == DW_VAR_PRINT ? ds->bleed + MARK_ROOM : 0;
        tagger tg, *t = NULL;
        if (v == DW_VAR_WEB) { /* tagged PDF: structure in reading order */
            tagger_init(&tg, pdf, L, a);
            t = &tg;
        }
        for (int i = 0; i < n; i++) {
            dw_pdf_page(pdf, pw + 2 * room, ph + 2 * room);
            page_of[i] = i;
            if (v == DW_VAR_PRINT) {
                double trim[4] = {room, room, room + pw, room + ph};
                double bl[4] = {room - ds->bleed, room - ds->bleed, room + pw + ds->bleed,
                                room + ph + ds->bleed};
                dw_pdf_boxes(pdf, trim, bl);
            }
            if (!draw_page(pdf, &L->pages[i], ds, room, room, v == DW_VAR_PRINT ? ds->bleed : 0, t,
                           v, d))
                goto done;
            if (v == DW_VAR_PRINT && ds->crop_marks)
                crop_marks(pdf, room, room, pw, ph, ds->bleed);
            if (v == DW_VAR_PRINT && ds->slug)
                slug(pdf, sh, L, i, room, room - ds->bleed - MM(6), d);
        }
        link_pass(pdf, L, room, room, 0, t);
        outlines(pdf, L, page_of, room);
        dw_pdf_page_labels(pdf, 0);
    }
    if (v == DW_VAR_PRINT && !dw_pdf_conform(pdf, DW_PDF_X4, icc_path, "FOGRA39", d))
        goto done;
    if (v == DW_VAR_WEB && !dw_pdf_conform(pdf, DW_PDF_A1B_UA1, icc_path, "FOGRA39", d))
        goto done;
    if (!dw_pdf_save(pdf, path, d))
        goto done;
    if (st) {
        memset(st, 0, sizeof *st);
        st->sheets = dw_pdf_page_count(pdf);
        st->n_fonts = dw_pdf_font_sizes(pdf, st->font_names, st->font_bytes, 8);
        FILE *f = fopen(path, "rb");
        if (f) {
            fseek(f, 0, SEEK_END);
            st->bytes = (size_t)ftell(f);
            fclose(f);
        }
    }
    ok = true;
done:
    dw_pdf_free(pdf);
    dw_arena_free(a);
    return ok;
}
