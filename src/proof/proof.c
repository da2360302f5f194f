/*
 * proof.c — the defects a typesetter marks on a proof, measured on the
 * display list the PDF stage draws (positions, lines, roles), by page.
 * Thresholds: the #defines below (the README's "Proof" lists them).
 */
#include "proof.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Tolerance for positions: a rounding error, not a defect. */
#define EPS 0.5
/* A justified line is loose when one interword space is wider than
 * this many natural spaces of its font (layout.h).                     */
#define LOOSE_RATIO DW_LOOSE_RATIO
/* Hyphenated lines in a row that a proofreader accepts. */
#define MAX_HYPHENS 2
/* A body page is nearly empty when it holds this many lines or fewer. */
#define NEARLY_EMPTY_LINES 3
/* The last line of a paragraph of two lines or more is too short when
 * its ink is narrower than this many ems (layout.h).                  */
#define SHORT_LAST_EM DW_SHORT_LAST_EM
/* Letters spaced wider than this (of the type size) show as spaced
 * text among normal lines (layout.h).                                 */
#define TRACK_VISIBLE_EM DW_TRACK_VISIBLE_EM
/* A heading, an introduction of at most this many lines and the first
 * card after it belong on one page.                                    */
#define SHORT_INTRO_LINES 3

const char *const dw_proof_class_names[DW_PF_N] = {
    [DW_PF_OVERLAP] = "overlap",       [DW_PF_FRAME] = "outside-frame",
    [DW_PF_STRANDED] = "stranded-heading", [DW_PF_WIDOW] = "widow-orphan",
    [DW_PF_EMPTY_LINE] = "empty-last-line", [DW_PF_CUT_HEAD] = "cut-running-head",
    [DW_PF_HYPHENS] = "hyphen-ladder", [DW_PF_LOOSE] = "loose-line",
    [DW_PF_EMPTY_PAGE] = "empty-page", [DW_PF_SPLIT] = "split-card-or-row",
    [DW_PF_TABLE_HEAD] = "table-without-header", [DW_PF_RIVER] = "river",
    [DW_PF_RAGGED] = "ragged-among-justified", [DW_PF_SHORT_LAST] = "short-last-line",
    [DW_PF_TRACKED] = "letter-spaced-line",
};

typedef struct ext {
    double x0, y0, x1, y1;
} ext;

static void add(dw_proof *p, dw_arena *a, enum dw_proof_class cls, int page, ext e,
                const char *what)
{
    p->v = dw_arena_grow(a, p->v, p->n, &p->cap, sizeof *p->v, 32);
    p->v[p->n++] = (dw_proof_defect){cls, page, e.x0, e.y0, e.x1 - e.x0, e.y1 - e.y0, what};
    p->count[cls]++;
}

static double line_size(const dw_line *l)
{
    double s = 0;
    for (size_t r = 0; r < l->n_runs; r++)
        s = l->runs[r].size_pt > s ? l->runs[r].size_pt : s;
    return s;
}

/* The ink of a line, roughly: from the descenders to the capitals.  The
 * font's ascent and descent include the leading room of tall scripts, so
 * two lines of one paragraph would always "overlap" by them.  0.76 em:
 * the ascenders of Latin and Cyrillic letters (Noto Sans: 0.76).      */
static ext line_core(const dw_op *o)
{
    const dw_line *l = o->line;
    double s = line_size(l);
    double x0 = o->x + l->x_pt;
    return (ext){x0, o->y - 0.18 * s, x0 + l->width_pt, o->y + 0.76 * s};
}

static bool visible(const dw_line *l)
{
    for (const char *t = l->text; t && *t; t++)
        if (*t != ' ' && *t != '\t' && *t != '\n')
            return true;
    return false;
}

static bool cross(ext a, ext b, double eps)
{
    return a.x0 < b.x1 - eps && b.x0 < a.x1 - eps && a.y0 < b.y1 - eps && b.y0 < a.y1 - eps;
}

static bool is_heading(enum dw_role r)
{
    return r >= DW_R_H1 && r <= DW_R_H6;
}

static const char *quote(dw_arena *a, const dw_op *o)
{
    const char *t = o->line && o->line->text ? o->line->text : "";
    char buf[48];
    size_t n = strlen(t);
    if (n > 40) { /* cut at a UTF-8 boundary */
        n = 40;
        while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, t, n);
    buf[n] = 0;
    return dw_sprintf(a, "\"%s%s\"", buf, strlen(t) > n ? "…" : "");
}

typedef struct frame {
    double l, r, b, t;
} frame;

static frame body_frame(const dw_layout *L, const dw_page *p)
{
    const dw_design *ds = L->design;
    bool il = p->recto != L->doc->lang->rtl;
    double left = il ? ds->margin_inner : ds->margin_outer;
    return (frame){left, ds->page_w - (il ? ds->margin_outer : ds->margin_inner),
                   ds->margin_bottom, ds->page_h - ds->margin_top};
}

static bool body_page(const dw_layout *L, size_t i)
{
    const dw_page *p = &L->pages[i];
    return i > 0 && !p->blank && !p->divider && !p->notes;
}

/* ---- per page ---------------------------------------------------------- */

static void overlaps(const dw_layout *L, size_t pi, dw_arena *a, dw_proof *out)
{
    const dw_page *p = &L->pages[pi];
    for (size_t i = 0; i < p->n_ops; i++) {
        const dw_op *o = &p->ops[i];
        if (o->kind != DW_OP_LINE || !visible(o->line))
            continue;
        ext e = line_core(o);
        for (size_t k = i + 1; k < p->n_ops; k++) {
            const dw_op *q = &p->ops[k];
            if (q->kind == DW_OP_LINE && visible(q->line) && cross(e, line_core(q), EPS))
                add(out, a, DW_PF_OVERLAP, (int)pi, e,
                    dw_sprintf(a, "%s over %s", quote(a, o), quote(a, q)));
        }
        for (size_t k = 0; k < p->n_ops; k++) {
            const dw_op *q = &p->ops[k];
            if (q->kind != DW_OP_RULE)
                continue;
            double hw = q->width / 2 + 0.01;
            ext r = {fmin(q->x, q->x + q->w) - hw, fmin(q->y, q->y + q->h) - hw,
                     fmax(q->x, q->x + q->w) + hw, fmax(q->y, q->y + q->h) + hw};
            if (cross(e, r, 0.05)) /* a rule may not even touch the ink */
                add(out, a, DW_PF_OVERLAP, (int)pi, e, dw_sprintf(a, "a rule through %s", quote(a, o)));
        }
    }
}

static void frames(const dw_layout *L, size_t pi, dw_arena *a, dw_proof *out)
{
    const dw_page *p = &L->pages[pi];
    const dw_design *ds = L->design;
    frame f = body_frame(L, p);
    for (size_t i = 0; i < p->n_ops; i++) {
        const dw_op *o = &p->ops[i];
        if (o->kind != DW_OP_LINE || !visible(o->line))
            continue;
        ext e = line_core(o);
        bool off_trim = e.x0 < -EPS || e.x1 > ds->page_w + EPS || e.y0 < -EPS ||
                        e.y1 > ds->page_h + EPS;
        /* flowed text (a structure element) on a body page stays in the
         * frame; furniture has its own places in the margins           */
        bool off_frame = body_page(L, pi) && o->elem >= 0 &&
                         (e.x0 < f.l - EPS || e.x1 > f.r + EPS || o->y < f.b - EPS ||
                          e.y1 > f.t + EPS);
        /* furniture stays between the frame's side edges */
        bool off_sides = body_page(L, pi) && o->elem < 0 && o->y > f.t &&
                         (e.x0 < f.l - EPS || e.x1 > f.r + EPS);
        if (off_trim || off_frame || off_sides)
            add(out, a, DW_PF_FRAME, (int)pi, e,
                dw_sprintf(a, "%s %s", quote(a, o), off_trim ? "off the page" : "outside the frame"));
    }
}

/* The column of the page a flowed line stands in (0 at the left). */
static int column_of(const dw_layout *L, size_t pi, const dw_op *o)
{
    const dw_design *ds = L->design;
    frame f = body_frame(L, &L->pages[pi]);
    int nc = ds->columns > 0 ? ds->columns : 1;
    double cw = (f.r - f.l - ds->gutter * (nc - 1)) / nc;
    int k = (int)floor((line_core(o).x0 - f.l + EPS) / (cw + ds->gutter));
    return k < 0 ? 0 : k >= nc ? nc - 1 : k;
}

/* The lowest flowed line of each column must not be a heading. */
static void stranded(const dw_layout *L, size_t pi, dw_arena *a, dw_proof *out)
{
    const dw_page *p = &L->pages[pi];
    const dw_design *ds = L->design;
    if (!body_page(L, pi))
        return;
    int nc = ds->columns > 0 ? ds->columns : 1;
    for (int col = 0; col < nc && col < 8; col++) {
        const dw_op *low = NULL;
        for (size_t i = 0; i < p->n_ops; i++) {
            const dw_op *o = &p->ops[i];
            if (o->kind != DW_OP_LINE || o->elem < 0 || !visible(o->line))
                continue;
            if (column_of(L, pi, o) == col && (!low || o->y < low->y - 0.01))
                low = o;
        }
        if (!low || !is_heading(low->role) || pi + 1 >= L->n_pages)
            continue;
        /* the document's last heading with nothing after it is not stranded */
        bool more = false;
        for (size_t q = pi + 1; q < L->n_pages && !more; q++)
            for (size_t i = 0; i < L->pages[q].n_ops && !more; i++)
                more = L->pages[q].ops[i].elem > low->elem;
        if (more)
            add(out, a, DW_PF_STRANDED, (int)pi, line_core(low),
                dw_sprintf(a, "heading %s ends the column", quote(a, low)));
    }
}

/* ---- across pages ------------------------------------------------------ */

typedef struct elem_run {
    int first_page, last_page;
    int lines_first, lines_last;
    int hyph;           /* hyphenated lines in a row so far */
    int n_lines;        /* its visible lines, labels not counted */
    bool th;            /* a table row with header cells */
    const dw_op *last;  /* its last visible line so far */
    /* its lines by column of a page (page * 8 + column): a paragraph
     * split between two columns keeps two lines on either side too     */
    int first_seg, last_seg, seg_first, seg_last;
} elem_run;

static void across(const dw_layout *L, dw_arena *a, dw_proof *out)
{
    elem_run *er = dw_alloc_array(a, L->n_elems + 1, sizeof *er);
    for (size_t e = 0; e < L->n_elems; e++)
        er[e] = (elem_run){-1, -1, 0, 0, 0, 0, false, NULL, -1, -1, 0, 0};
    for (size_t pi = 0; pi < L->n_pages; pi++) {
        const dw_page *p = &L->pages[pi];
        for (size_t i = 0; i < p->n_ops; i++) {
            const dw_op *o = &p->ops[i];
            if (o->elem < 0 || (size_t)o->elem >= L->n_elems)
                continue;
            elem_run *r = &er[o->elem];
            if (r->first_page < 0)
                r->first_page = (int)pi;
            if (r->last_page != (int)pi)
                r->lines_last = 0;
            r->last_page = (int)pi;
            if (o->kind != DW_OP_LINE)
                continue;
            if (o->role == DW_R_TH)
                r->th = true;
            if (o->role == DW_R_LBL)
                continue;
            if (r->first_page == (int)pi)
                r->lines_first++;
            r->n_lines += visible(o->line);
            r->lines_last++;
            r->last = o;
            int seg = (int)pi * 8 + (body_page(L, pi) ? column_of(L, pi, o) % 8 : 0);
            if (r->first_seg < 0)
                r->first_seg = seg;
            if (r->last_seg != seg)
                r->seg_last = 0;
            r->last_seg = seg;
            r->seg_first += r->first_seg == seg;
            r->seg_last++;
            if (o->role == DW_R_P || o->role == DW_R_LI || o->role == DW_R_NOTE) {
                r->hyph = o->line->hyphenated ? r->hyph + 1 : 0;
                if (r->hyph == MAX_HYPHENS + 1)
                    add(out, a, DW_PF_HYPHENS, (int)pi, line_core(o),
                        dw_sprintf(a, "%d hyphens in a row ending %s", r->hyph, quote(a, o)));
            }
        }
    }
    for (size_t e = 0; e < L->n_elems; e++) {
        elem_run *r = &er[e];
        enum dw_role role = L->elems[e].role;
        if (r->first_page < 0)
            continue;
        if (r->last && (role == DW_R_P || role == DW_R_LI || role == DW_R_NOTE ||
                        role == DW_R_TR) && !visible(r->last->line))
            add(out, a, DW_PF_EMPTY_LINE, r->last_page, line_core(r->last),
                "a paragraph ends in an empty line");
        else if (r->last && r->n_lines >= 2 && (role == DW_R_P || role == DW_R_LI || role == DW_R_NOTE) &&
                 r->last->line->width_pt < SHORT_LAST_EM * line_size(r->last->line))
            add(out, a, DW_PF_SHORT_LAST, r->last_page, line_core(r->last),
                dw_sprintf(a, "the last line is %s", quote(a, r->last)));
        if ((role == DW_R_P || role == DW_R_LI) && r->first_seg != r->last_seg &&
            (r->seg_first < 2 || r->seg_last < 2))
            add(out, a, DW_PF_WIDOW, r->seg_first < 2 ? r->first_seg / 8 : r->last_seg / 8,
                r->last ? line_core(r->last) : (ext){0, 0, 0, 0},
                r->seg_first < 2 ? "orphan: one line at the foot of a page or column"
                                 : "widow: one line at the top of a page or column");
        if (r->first_page == r->last_page)
            continue;
        if (role == DW_R_TR || role == DW_R_DIV)
            add(out, a, DW_PF_SPLIT, r->first_page, r->last ? line_core(r->last) : (ext){0, 0, 0, 0},
                role == DW_R_TR ? "a table row across pages" : "a card across pages");
        (void)0;
    }
    /* a heading keeps with its first card when at most a short paragraph
     * stands between them (a town in the directory and its contact)     */
    for (size_t e = 0; e + 1 < L->n_elems; e++) {
        if (!is_heading(L->elems[e].role) || er[e].first_page < 0)
            continue;
        size_t k = e + 1;
        if (k < L->n_elems && L->elems[k].role == DW_R_P && er[k].first_page == er[k].last_page &&
            er[k].lines_first <= SHORT_INTRO_LINES)
            k++;
        if (k < L->n_elems && L->elems[k].role == DW_R_DIV && er[k].first_page > er[e].last_page)
            add(out, a, DW_PF_STRANDED, er[e].last_page, er[e].last ? line_core(er[e].last)
                                                                    : (ext){0, 0, 0, 0},
                dw_sprintf(a, "heading %s apart from its first card",
                           er[e].last ? quote(a, er[e].last) : "\"\""));
    }
    /* a table row that starts a page continues a table with a header:
     * that page must repeat the header (a TH line above the row)        */
    for (size_t e = 1; e < L->n_elems; e++) {
        if (L->elems[e].role != DW_R_TR || er[e].th || er[e].first_page < 0)
            continue;
        size_t h = e;
        while (h > 0 && L->elems[h - 1].role == DW_R_TR && !er[h].th)
            h--;
        if (!er[h].th || h == e || er[e - 1].last_page >= er[e].first_page)
            continue;
        const dw_page *p = &L->pages[er[e].first_page];
        bool head = false;
        for (size_t i = 0; i < p->n_ops; i++)
            head |= p->ops[i].kind == DW_OP_LINE && p->ops[i].role == DW_R_TH;
        if (!head)
            add(out, a, DW_PF_TABLE_HEAD, er[e].first_page,
                er[e].last ? line_core(er[e].last) : (ext){0, 0, 0, 0},
                "a table continues without its header row");
    }
}

static void loose(const dw_layout *L, size_t pi, dw_arena *a, dw_proof *out)
{
    const dw_page *p = &L->pages[pi];
    for (size_t i = 0; i < p->n_ops; i++) {
        const dw_op *o = &p->ops[i];
        if (o->kind != DW_OP_LINE || o->elem < 0)
            continue;
        double worst = dw_line_space_ratio(o->line);
        if (worst > LOOSE_RATIO)
            add(out, a, DW_PF_LOOSE, (int)pi, line_core(o),
                dw_sprintf(a, "spaces %.1f× wide in %s", worst, quote(a, o)));
    }
}

/* The widest letter-spacing of a line, in ems of its type size: the
 * extra after a glyph that is neither a space nor a kashida.          */
static double letter_spacing_em(const dw_line *l)
{
    double worst = 0;
    for (size_t r = 0; r < l->n_runs; r++) {
        const dw_run *run = &l->runs[r];
        for (size_t g = 0; g < run->n_glyphs; g++) {
            const dw_glyph *gl = &run->glyphs[g];
            if (dw_glyph_is_space(run, gl) || gl->kashida) /* a kashida: a lengthened join */
                continue;
            worst = fmax(worst, gl->extra_pt);
        }
    }
    double size = line_size(l); /* the paragraph's size: a smaller fallback run
                                   (Latin in Arabic) takes the same spacing */
    return size > 0 ? worst / size : 0;
}

static void tracked(const dw_layout *L, size_t pi, dw_arena *a, dw_proof *out)
{
    const dw_page *p = &L->pages[pi];
    for (size_t i = 0; i < p->n_ops; i++) {
        const dw_op *o = &p->ops[i];
        if (o->kind != DW_OP_LINE || o->elem < 0 || !visible(o->line))
            continue;
        double em = letter_spacing_em(o->line);
        if (em > TRACK_VISIBLE_EM + 1e-6)
            add(out, a, DW_PF_TRACKED, (int)pi, line_core(o),
                dw_sprintf(a, "letters %.3f em apart in %s", em, quote(a, o)));
    }
}

/* Lines stand one under the other when their baselines are at most
 * this many ems apart (body leading is 1.4 em; a paragraph's space
 * after makes it 2 em): rivers run through a paragraph, not across the
 * space between two.                                                   */
#define CONSECUTIVE_EM 1.6

static int by_y_desc(const void *a, const void *b)
{
    const dw_op *x = *(const dw_op *const *)a, *y = *(const dw_op *const *)b;
    return x->y > y->y ? -1 : x->y < y->y ? 1 : (x->x > y->x) - (x->x < y->x);
}

/* Rivers: the flowed lines of the page linked to the line right under
 * each (overlapping it across, the same type size, within
 * CONSECUTIVE_EM), and each chain of lines searched by
 * dw_layout_rivers.                                                     */
static void rivers(const dw_layout *L, size_t pi, dw_arena *a, dw_proof *out)
{
    const dw_page *p = &L->pages[pi];
    const dw_op **v = dw_alloc_array(a, p->n_ops + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < p->n_ops; i++)
        if (p->ops[i].kind == DW_OP_LINE && p->ops[i].elem >= 0 && visible(p->ops[i].line))
            v[n++] = &p->ops[i];
    if (n < DW_RIVER_LINES)
        return;
    qsort(v, n, sizeof *v, by_y_desc);
    int *succ = dw_alloc_array(a, n, sizeof *succ), *pred = dw_alloc_array(a, n, sizeof *pred);
    for (size_t i = 0; i < n; i++)
        succ[i] = pred[i] = -1;
    for (size_t i = 0; i < n; i++) {
        ext e = line_core(v[i]);
        double s = line_size(v[i]->line);
        for (size_t k = i + 1; k < n; k++) {
            if (v[k]->y >= v[i]->y - 0.01)
                continue;
            if (v[i]->y - v[k]->y > CONSECUTIVE_EM * s)
                break;
            ext f = line_core(v[k]);
            if (f.x0 < e.x1 && e.x0 < f.x1) {
                if (fabs(line_size(v[k]->line) - s) < 0.01 && pred[k] < 0) {
                    succ[i] = (int)k;
                    pred[k] = (int)i;
                }
                break;
            }
        }
    }
    const dw_line **chain = dw_alloc_array(a, n, sizeof *chain);
    double *xs = dw_alloc_array(a, n, sizeof *xs);
    const dw_op **ops = dw_alloc_array(a, n, sizeof *ops);
    for (size_t i = 0; i < n; i++) {
        if (pred[i] >= 0)
            continue;
        size_t m = 0;
        for (int k = (int)i; k >= 0; k = succ[k]) {
            ops[m] = v[k];
            chain[m] = v[k]->line;
            xs[m++] = v[k]->x;
        }
        if (m < DW_RIVER_LINES)
            continue;
        /* every river of the chain: counted first, then listed */
        size_t nr = dw_layout_rivers(chain, xs, m, NULL, 0);
        dw_river *r = dw_alloc_array(a, nr + 1, sizeof *r);
        nr = dw_layout_rivers(chain, xs, m, r, nr);
        for (size_t k = 0; k < nr; k++) {
            const dw_op *top = ops[r[k].line], *bot = ops[r[k].line + (size_t)r[k].n_lines - 1];
            add(out, a, DW_PF_RIVER, (int)pi,
                (ext){r[k].x0, bot->y, r[k].x1, top->y + 0.76 * line_size(top->line)},
                dw_sprintf(a, "a river of %d lines from %s", r[k].n_lines, quote(a, top)));
        }
    }
}

/* Whether the spaces of a line were widened or narrowed, or its Arabic
 * joins lengthened (a kashida, src/text/kashida.c): justified.         */
static bool justified(const dw_line *l)
{
    for (size_t r = 0; r < l->n_runs; r++)
        for (size_t g = 0; g < l->runs[r].n_glyphs; g++) {
            const dw_glyph *gl = &l->runs[r].glyphs[g];
            if (gl->kashida && gl->extra_pt > 0)
                return true;
            if (gl->extra_pt != 0 && dw_glyph_is_space(&l->runs[r], gl))
                return true;
        }
    return false;
}

/* A paragraph of two lines or more none of which is justified, in a
 * document with a justified paragraph of the same type size at the same
 * place in the frame: its style is justified, and it went ragged to
 * avoid loose lines; it looks wrong among the others, wherever it is.  */
static void ragged(const dw_layout *L, dw_arena *a, dw_proof *out)
{
    typedef struct par {
        int lines, just, page;
        double x, size;
        const dw_op *first;
    } par;
    par *v = dw_alloc_array(a, L->n_elems + 1, sizeof *v);
    for (size_t pi = 0; pi < L->n_pages; pi++)
        for (size_t i = 0; i < L->pages[pi].n_ops; i++) {
            const dw_op *o = &L->pages[pi].ops[i];
            if (o->kind != DW_OP_LINE || o->role != DW_R_P || o->elem < 0 ||
                (size_t)o->elem >= L->n_elems || !visible(o->line))
                continue;
            par *q = &v[o->elem];
            if (!q->first) /* x from the frame's left edge: pages alternate */
                *q = (par){0, 0, (int)pi, o->x - body_frame(L, &L->pages[pi]).l,
                           line_size(o->line), o};
            q->lines++;
            q->just += justified(o->line);
        }
    for (size_t e = 0; e < L->n_elems; e++) {
        const par *q = &v[e];
        if (!q->first || q->lines < 2 || q->just > 0)
            continue;
        bool among = false;
        for (size_t k = 0; k < L->n_elems && !among; k++) {
            const par *n = &v[k];
            among = k != e && n->first && n->just > 0 && fabs(n->x - q->x) < EPS &&
                    fabs(n->size - q->size) < 0.01;
        }
        if (among)
            add(out, a, DW_PF_RAGGED, q->page, line_core(q->first),
                dw_sprintf(a, "a ragged paragraph among justified ones: %s", quote(a, q->first)));
    }
}

static void empty_pages(const dw_layout *L, dw_arena *a, dw_proof *out)
{
    int blanks = 0;
    for (size_t pi = 1; pi < L->n_pages; pi++) {
        const dw_page *p = &L->pages[pi];
        blanks = p->blank ? blanks + 1 : 0;
        if (blanks == 2)
            add(out, a, DW_PF_EMPTY_PAGE, (int)pi, (ext){0, 0, 0, 0}, "blank pages in a row");
        if (!body_page(L, pi))
            continue;
        /* a page that opens with a section's (or the legal notice's)
         * heading holds all that section has: short by its content      */
        int lines = 0;
        const dw_op *top = NULL;
        for (size_t i = 0; i < p->n_ops; i++) {
            const dw_op *o = &p->ops[i];
            if (o->kind != DW_OP_LINE || o->elem < 0 || !visible(o->line))
                continue;
            lines++;
            if (!top || o->y > top->y)
                top = o;
        }
        bool opens = top && (top->role == DW_R_H1 || top->role == DW_R_H2);
        if (lines <= NEARLY_EMPTY_LINES && !opens)
            add(out, a, DW_PF_EMPTY_PAGE, (int)pi, (ext){0, 0, 0, 0},
                dw_sprintf(a, "a page with %d line%s", lines, lines == 1 ? "" : "s"));
    }
}

/* The running head: the running title (or the title) whole, or cut with
 * an ellipsis by the layout (which then warned).                       */
static void heads(const dw_layout *L, dw_arena *a, dw_proof *out)
{
    const dw_doc *doc = L->doc;
    const char *want = doc->running_title.n_spans ? dw_text_plain(a, &doc->running_title)
                                                  : dw_text_plain(a, &doc->title);
    for (size_t pi = 1; pi < L->n_pages; pi++) {
        if (!body_page(L, pi))
            continue;
        const dw_page *p = &L->pages[pi];
        frame f = body_frame(L, p);
        for (size_t i = 0; i < p->n_ops; i++) {
            const dw_op *o = &p->ops[i];
            if (o->kind != DW_OP_LINE || o->elem >= 0 || o->y <= f.t || !o->line->text)
                continue;
            const char *t = o->line->text;
            size_t n = strlen(t);
            while (n && t[n - 1] == ' ')
                n--;
            bool whole = strlen(want) == n && strncmp(t, want, n) == 0;
            bool marked = n >= 3 && strncmp(t + n - 3, "…", 3) == 0;
            if (!whole && !marked)
                add(out, a, DW_PF_CUT_HEAD, (int)pi, line_core(o),
                    dw_sprintf(a, "running head %s cut without an ellipsis", quote(a, o)));
        }
    }
}

void dw_proof_layout(const dw_layout *L, dw_arena *a, dw_proof *out)
{
    memset(out, 0, sizeof *out);
    for (size_t pi = 0; pi < L->n_pages; pi++) {
        overlaps(L, pi, a, out);
        frames(L, pi, a, out);
        stranded(L, pi, a, out);
        loose(L, pi, a, out);
        tracked(L, pi, a, out);
        rivers(L, pi, a, out);
    }
    across(L, a, out);
    ragged(L, a, out);
    empty_pages(L, a, out);
    heads(L, a, out);
}

void dw_proof_print(const dw_layout *L, const dw_proof *p, FILE *f)
{
    for (size_t i = 0; i < p->n; i++)
        fprintf(f, "%s (%s) p.%d: %s: %s\n", L->doc->name, L->doc->lang->code, p->v[i].page + 1,
                dw_proof_class_names[p->v[i].cls], p->v[i].what);
}
