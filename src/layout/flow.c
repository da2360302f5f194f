/*
 * flow.c — boxes onto pages: frames and columns, page breaking (keep
 * with next, widows and orphans through the box's allowed breaks, the
 * baseline grid), and the second, tighter setting of a section whose
 * last page would hold only a few lines.
 */
#include "layout_int.h"

#include <math.h>
#include <string.h>

double frame_width(ctx *c)
{
    const dw_design *ds = c->ds;
    return ds->page_w - ds->margin_inner - ds->margin_outer;
}

double col_width(ctx *c)
{
    int n = c->ds->columns > 0 ? c->ds->columns : 1;
    return (frame_width(c) - c->ds->gutter * (n - 1)) / n;
}

bool inner_is_left(const ctx *c, const dw_page *p)
{
    return p->recto != c->rtl;
}

void set_column(ctx *c)
{
    const dw_design *ds = c->ds;
    double left = inner_is_left(c, c->page) ? ds->margin_inner : ds->margin_outer;
    double cw = col_width(c);
    int k = c->rtl ? (ds->columns - 1 - c->col) : c->col; /* columns right to left */
    c->fl = left + k * (cw + ds->gutter);
    c->fr = c->fl + cw;
    c->ft = ds->page_h - ds->margin_top;
    c->fb = ds->margin_bottom;
    if (c->short_page >= 0 && c->page - c->L->pages == c->short_page)
        c->fb += c->short_by; /* balancing a section's last two pages */
    c->y = c->ft;
}

dw_page *new_page(ctx *c)
{
    dw_layout *L = c->L;
    L->pages = dw_arena_grow(c->a, L->pages, L->n_pages, &L->cap, sizeof *L->pages, 16);
    dw_page *p = &L->pages[L->n_pages];
    memset(p, 0, sizeof *p);
    p->recto = L->n_pages % 2 == 0;
    L->n_pages++;
    c->page = p;
    c->col = 0;
    c->page_fresh = true;
    set_column(c);
    return p;
}

static void next_column(ctx *c)
{
    if (c->col + 1 < c->ds->columns) {
        c->col++;
        set_column(c);
    } else {
        new_page(c);
    }
}

static void outline_add(ctx *c, int level, const char *title, int page, double top)
{
    dw_layout *L = c->L;
    L->outline = dw_arena_grow(c->a, L->outline, L->n_outline, &L->cap_outline, sizeof *L->outline, 16);
    L->outline[L->n_outline++] = (dw_outline){level, title, page, top};
}

/* Copy ops of b with rel in [from, to) onto the page, top at page y. */
static void emit(ctx *c, const box *b, double from, double to, double top)
{
    for (size_t i = 0; i < b->n; i++) {
        const dw_op *o = &b->ops[i];
        if (o->rel < from - 0.01 || o->rel >= to - 0.01)
            continue;
        dw_op *n = page_op(c, c->page);
        *n = *o;
        n->elem = o->role == DW_R_ARTIFACT ? -1 : b->elem;
        if (b->sample)
            c->page->sample = true;
        double shift = top + from;
        switch (o->kind) {
        case DW_OP_LINE:
            n->y = shift - o->y;
            n->x = c->fl + o->x;
            break;
        case DW_OP_RECT:
        case DW_OP_LINK_URI:
        case DW_OP_LINK_PAGE:
        case DW_OP_IMAGE:
        case DW_OP_QR:
        case DW_OP_ICON:
        case DW_OP_VECTOR:
            n->y = shift - o->y - o->h;
            n->x = c->fl + o->x;
            break;
        case DW_OP_RULE:
            n->y = shift - o->y;
            n->h = -o->h;
            n->x = c->fl + o->x;
            break;
        }
    }
    c->page_fresh = false;
}

/* A table row carried to a new column: its table's header row first,
 * again (an artifact for tagged PDF: the header is read once).        */
static void repeat_head(ctx *c, const box *b)
{
    const box *h = b->repeat;
    if (!h || h->height > c->y - c->fb)
        return;
    size_t n0 = c->page->n_ops;
    emit(c, h, 0, h->height + 1, c->y);
    for (size_t i = n0; i < c->page->n_ops; i++)
        c->page->ops[i].elem = -1;
    c->y -= h->height;
}

static double min_height(const box *b)
{
    return b->n_breaks ? b->breaks[0] : b->height;
}

/* Room that box i needs at the least where it starts: itself, and for a
 * heading every box it keeps with, up to the first lines of the block
 * that ends the chain (a heading followed by a sub-heading keeps both). */
static double need_at_least(const ctx *c, box *const *v, size_t n, size_t i, double before)
{
    double need = before + v[i]->height;
    while (v[i]->keep_with_next && i + 1 < n && !v[i + 1]->page_break) {
        need += v[i]->after;
        i++;
        /* a box on the baseline grid may move down by up to a grid step */
        need += v[i]->before + (v[i]->grid ? c->grid : 0) +
                (v[i]->keep_with_next ? v[i]->height : min_height(v[i]));
    }
    return need;
}

/* How far below `top` the next line of the baseline grid starts (the
 * grid counts from the top of the text frame).                         */
static double grid_gap(const ctx *c, double top)
{
    if (c->grid <= 0)
        return 0;
    double rel = c->ft - top;
    return ceil(rel / c->grid - 0.001) * c->grid - rel;
}

void place(ctx *c, box *const *v, size_t n, size_t at)
{
    box *b = v[at];
    double before = c->page_fresh ? 0 : b->before;
    if (b->grid)
        before += grid_gap(c, c->y - before);
    double avail = c->y - c->fb;
    double need = b->keep_with_next ? need_at_least(c, v, n, at, before) : before + b->height;
    if (need > avail + 0.01 && !c->page_fresh && !(b->n_breaks && !b->keep_with_next)) {
        next_column(c);
        repeat_head(c, b);
        before = b->grid ? grid_gap(c, c->y) : 0;
        avail = c->y - c->fb;
    }
    double from = 0;
    for (;;) {
        double rest = b->height - from;
        if (before + rest <= avail + 0.01) {
            if (b->outline_title && from == 0)
                outline_add(c, b->outline_level, b->outline_title, (int)(c->page - c->L->pages),
                            c->y - before);
            if (b->section >= 0 && from == 0 && (size_t)b->section < c->n_sections)
                c->section_page[b->section] = (int)(c->page - c->L->pages);
            emit(c, b, from, b->height + 1, c->y - before);
            c->y -= before + rest + b->after;
            return;
        }
        /* split at the last allowed break that fits */
        double cut = -1;
        for (size_t i = 0; i < b->n_breaks; i++)
            if (b->breaks[i] > from + 0.01 && b->breaks[i] - from + before <= avail + 0.01)
                cut = b->breaks[i];
        if (cut < 0 && c->page_fresh) {
            /* taller than a page and no allowed break: break anyway after
             * the last line that fits, so nothing is lost               */
            for (size_t i = 0; i < b->n; i++)
                if (b->ops[i].rel > from + 0.01 && b->ops[i].rel - from <= avail + 0.01)
                    cut = cut > b->ops[i].rel ? cut : b->ops[i].rel;
            if (cut < 0) {
                emit(c, b, from, b->height + 1, c->y);
                c->y -= rest;
                return;
            }
            dw_warn(c->d, c->doc->loc, "%s (%s): a block is taller than a page and was split",
                    c->doc->name, c->lang->code);
        }
        if (cut > 0) {
            if (b->outline_title && from == 0)
                outline_add(c, b->outline_level, b->outline_title, (int)(c->page - c->L->pages),
                            c->y - before);
            emit(c, b, from, cut, c->y - before);
            from = cut;
        }
        next_column(c);
        before = 0;
        avail = c->y - c->fb;
    }
}

void place_all(ctx *c, boxes *bs)
{
    for (size_t i = 0; i < bs->n; i++) {
        box *b = bs->v[i];
        if (b->page_break) {
            if (!c->page_fresh)
                new_page(c);
            continue;
        }
        place(c, bs->v, bs->n, i);
    }
}

/* Where a section started: its page (with the ops already on it), the
 * column and the height, so that it can be set again from there.      */
typedef struct mark {
    size_t page, n_ops, n_outline;
    int col;
    double y;
    bool fresh;
} mark;

static mark mark_here(const ctx *c)
{
    const dw_layout *L = c->L;
    return (mark){(size_t)(c->page - L->pages), c->page->n_ops, L->n_outline, c->col, c->y,
                  c->page_fresh};
}

/* Back to m, dropping what the section placed after it. */
static void rollback(ctx *c, const mark *m, int sec)
{
    dw_layout *L = c->L;
    L->n_pages = m->page + 1;
    c->page = &L->pages[m->page];
    c->page->n_ops = m->n_ops;
    c->col = m->col;
    set_column(c); /* the frame of the page, with a short_page's raised foot */
    c->y = m->y;
    c->page_fresh = m->fresh;
    L->n_outline = m->n_outline;
    if (sec >= 0 && (size_t)sec < c->n_sections)
        c->section_page[sec] = -1;
}

/* A section whose last page ends there (the next section starts on a
 * new page, or nothing follows but the notes and the back cover) and
 * that would end with a few lines on a page of their own is set again
 * with its last but one page ending higher, so that the last page holds
 * at least SHORT_LAST_PAGE of the frame: what a typesetter does to avoid
 * a nearly empty page at a chapter's end without squeezing the spacing
 * of one section.  Kept only when the page count stays and the last
 * page is fuller.                                                      */
#define SHORT_LAST_PAGE 0.25 /* of the frame height */

void place_section(ctx *c, boxes *bs, int sec, bool ends_page)
{
    dw_layout *L = c->L;
    mark m = mark_here(c);
    place_all(c, bs);
    size_t used = L->n_pages - m.page;
    double frame_h = c->ft - c->fb;
    double fill = (c->ft - c->y) / frame_h;
    if (!ends_page || !c->ok || used < 2 || fill > SHORT_LAST_PAGE || c->ds->columns > 1)
        return;
    c->short_page = (int)(m.page + used - 2);
    c->short_by = (SHORT_LAST_PAGE - fill) * frame_h + 1;
    rollback(c, &m, sec);
    place_all(c, bs);
    double fill2 = (c->ft - c->y) / frame_h;
    c->short_page = -1;
    if (L->n_pages - m.page == used && fill2 > fill)
        return; /* balanced */
    rollback(c, &m, sec);
    place_all(c, bs);
}

void push(ctx *c, boxes *bs, box *b)
{
    bs->v = dw_arena_grow(c->a, bs->v, bs->n, &bs->cap, sizeof *bs->v, 32);
    bs->v[bs->n++] = b;
}
