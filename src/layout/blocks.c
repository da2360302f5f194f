/*
 * blocks.c — a section's blocks into boxes: paragraphs, headings, lists
 * and steps, notes, tables, images, page breaks (cards: cards.c).  Each
 * box holds its lines and rules at offsets from its top and the offsets
 * where it may be split; flow.c places the boxes.
 */
#include "layout_int.h"

#include <math.h>
#include <string.h>

box *box_new(ctx *c, int st, enum dw_role role)
{
    box *b = dw_alloc(c->a, sizeof *b);
    b->before = style(c, st)->before_pt;
    b->after = style(c, st)->after_pt;
    b->section = -1;
    b->elem = role == DW_R_NONE ? -1 : elem_new(c, role);
    /* body text and lists stand on the grid when their leading is a
     * whole number of grid steps (headings, cards, tables, notes set
     * their own rhythm; the text after them snaps back)                 */
    double k = c->grid > 0 ? style(c, st)->leading_pt / c->grid : 0;
    b->grid = (st == DW_ST_BODY || st == DW_ST_LIST) && k >= 1 && fabs(k - round(k)) < 0.01;
    return b;
}

box *text_box(ctx *c, const dw_text *t, int st, enum dw_role role)
{
    box *b = box_new(c, st, role);
    spans s = {0};
    spans_text(c, &s, t, style(c, st)->font);
    const dw_para *p = set(c, &s, st, col_width(c), false, t->loc);
    double off = 0;
    put_lines(c, b, p, st, 0, &off, role == DW_R_P, role);
    b->height = off;
    if (st == DW_ST_H1 || st == DW_ST_H2 || st == DW_ST_H3 || (role >= DW_R_H1 && role <= DW_R_H6))
        b->keep_with_next = true; /* any heading: a principle's title too */
    return b;
}

/* A list item: marker on the start side, text indented after it. */
static box *item_box(ctx *c, const dw_text *t, const char *marker)
{
    const int st = DW_ST_LIST;
    box *b = box_new(c, st, DW_R_LI);
    double indent = style(c, st)->size_pt * 1.6;
    double w = col_width(c) - indent;
    spans s = {0};
    spans_text(c, &s, t, 0);
    const dw_para *p = set(c, &s, st, w, false, t->loc);
    spans ms = {0};
    span_add(c, &ms, marker, 0, false, NULL);
    const dw_para *m = set(c, &ms, st, indent, false, t->loc);
    double moff = 0, off = 0; /* the marker first: it is read first (Lbl, LBody) */
    put_lines(c, b, m, st, c->rtl ? w : 0, &moff, false, DW_R_LBL);
    put_lines(c, b, p, st, c->rtl ? 0 : indent, &off, true, DW_R_LI);
    b->height = off > moff ? off : moff;
    return b;
}

static box *note_box(ctx *c, const dw_text *t, int bg, int st)
{
    box *b = box_new(c, st, DW_R_NOTE);
    double pad = style(c, st)->size_pt * 0.8, bar = 2.5;
    spans s = {0};
    spans_text(c, &s, t, style(c, st)->font);
    const dw_para *p = set(c, &s, st, col_width(c) - 2 * pad - bar, false, t->loc);
    double off = pad;
    box_rect(c, b, 0, 0, col_width(c), 1, bg); /* height fixed below */
    size_t rect = b->n - 1;
    put_lines(c, b, p, st, c->rtl ? pad : pad + bar, &off, false, DW_R_NOTE);
    b->height = off + pad;
    b->ops[rect].h = b->height;
    box_rect(c, b, c->rtl ? col_width(c) - bar : 0, 0, bar, b->height, DW_C_ACCENT);
    return b;
}

#define CELL_PAD 3.0

/* Widest line of a cell set on one line (its preferred width) or word by
 * word (its minimum width: the longest word), padding included.        */
double table_cell_width(ctx *c, const dw_text *t, int st, bool head, bool min)
{
    spans s = {0};
    spans_text(c, &s, t, head ? DW_FONT_BOLD : 0);
    double w = 0;
    if (!min) {
        const dw_para *p = set_plain(c, &s, st, 1e5, t->loc);
        for (size_t i = 0; i < p->n_lines; i++)
            w = fmax(w, p->lines[i].width_pt);
        return w + 2 * CELL_PAD;
    }
    for (size_t i = 0; i < s.n; i++) {
        const char *x = s.v[i].text;
        if (dw_text_span_unbreakable(&s.v[i])) { /* a phone number: one word */
            spans one = {0};
            span_add(c, &one, x, s.v[i].style, true, s.v[i].href);
            const dw_para *p = set_plain(c, &one, st, 1e5, t->loc);
            for (size_t k = 0; k < p->n_lines; k++)
                w = fmax(w, p->lines[k].width_pt);
            continue;
        }
        while (*x) {
            while (*x == ' ' || *x == '\n')
                x++;
            size_t n = strcspn(x, " \n");
            if (!n)
                break;
            spans one = {0};
            span_add(c, &one, dw_strndup(c->a, x, n), s.v[i].style, s.v[i].ltr_isolate, NULL);
            const dw_para *p = set_plain(c, &one, st, 1e5, t->loc);
            for (size_t k = 0; k < p->n_lines; k++)
                w = fmax(w, p->lines[k].width_pt);
            x += n;
        }
    }
    return w + 2 * CELL_PAD;
}

/* Column widths from the content, as browsers lay out an automatic
 * table (CSS 2.1 17.5.2.2): every column gets at least its minimum
 * width (its longest word); the rest of the measure goes to the columns
 * in proportion to how much more their preferred (one-line) width asks. */
void table_widths(ctx *c, const dw_block *bl, double total, double *cw)
{
    table_widths_in(c, bl, DW_ST_TABLE, DW_ST_TABLE_HEAD, total, cw);
}

/* The same in the styles st (cells) and st_head (header row). */
void table_widths_in(ctx *c, const dw_block *bl, int st, int st_head, double total, double *cw)
{
    size_t nc = bl->as.table.n_cols;
    double *mn = dw_alloc_array(c->a, nc, sizeof *mn), *mx = dw_alloc_array(c->a, nc, sizeof *mx);
    double smin = 0, smax = 0;
    for (size_t k = 0; k < nc; k++) {
        mn[k] = mx[k] = 0;
        for (size_t r = 0; r <= bl->as.table.n_rows; r++) {
            const dw_text *t = r == 0 ? (bl->as.table.head ? &bl->as.table.head[k] : NULL)
                                      : &bl->as.table.cells[(r - 1) * nc + k];
            if (!t)
                continue;
            mn[k] = fmax(mn[k], table_cell_width(c, t, r == 0 ? st_head : st, r == 0, true));
            mx[k] = fmax(mx[k], table_cell_width(c, t, r == 0 ? st_head : st, r == 0, false));
        }
        smin += mn[k], smax += mx[k];
    }

    for (size_t k = 0; k < nc; k++) {
        if (smax <= total) /* everything fits on one line: share the rest by width */
            cw[k] = smax > 0 ? mx[k] * total / smax : total / nc;
        else if (smin >= total) /* even the words do not fit: by minimum width */
            cw[k] = smin > 0 ? mn[k] * total / smin : total / nc;
        else
            cw[k] = mn[k] + (mx[k] - mn[k]) * (total - smin) / (smax - smin);
    }
}

static box *table_row(ctx *c, const dw_text *cells, size_t n_cols, const double *cw, bool head)
{
    return table_row_in(c, cells, n_cols, cw, head, head ? DW_ST_TABLE_HEAD : DW_ST_TABLE,
                        head ? DW_C_ACCENT_LIGHT : -1);
}

/* A row of cells in style st (bold in a header row), on a background
 * of colour bg across the measure (-1: none); a rule below.            */
box *table_row_in(ctx *c, const dw_text *cells, size_t n_cols, const double *cw, bool head,
                  int st, int bg)
{
    box *b = box_new(c, st, DW_R_TR);
    double pad = CELL_PAD, h = 0, x = 0;
    const dw_para **ps = dw_alloc_array(c->a, n_cols, sizeof *ps);
    for (size_t k = 0; k < n_cols; k++) {
        spans s = {0};
        spans_text(c, &s, &cells[k], head ? DW_FONT_BOLD : 0);
        /* ragged cells are not hyphenated, unless a word is wider than
         * the cell                                                      */
        bool fits = table_cell_width(c, &cells[k], st, head, true) <= cw[k] + 0.01;
        ps[k] = fits ? set_plain(c, &s, st, cw[k] - 2 * pad, cells[k].loc)
                     : set(c, &s, st, cw[k] - 2 * pad, false, cells[k].loc);
        double hh = ps[k]->n_lines * style(c, st)->leading_pt + 2 * pad;
        h = hh > h ? hh : h;
    }
    if (bg >= 0)
        box_rect(c, b, 0, 0, col_width(c), h, bg);
    for (size_t k = 0; k < n_cols; k++) {
        size_t slot = c->rtl ? n_cols - 1 - k : k; /* table columns mirror */
        x = 0;
        for (size_t j = 0; j < slot; j++)
            x += cw[c->rtl ? n_cols - 1 - j : j];
        double off = pad;
        size_t first = b->n;
        put_lines(c, b, ps[k], st, x + pad, &off, false, head ? DW_R_TH : DW_R_TD);
        for (size_t o = first; o < b->n; o++)
            b->ops[o].sub = (int)k; /* cell k of the row */
    }
    box_rule(c, b, 0, h, col_width(c), h, 0.5, DW_C_RULE);
    b->height = h;
    b->before = b->after = 0;
    return b;
}

static void image_box(ctx *c, boxes *bs, const dw_block *bl);

static void block_boxes(ctx *c, boxes *bs, const dw_block *bl)
{
    switch (bl->kind) {
    case DW_BLOCK_P:
        push(c, bs, text_box(c, &bl->as.para.text, DW_ST_BODY, DW_R_P));
        break;
    case DW_BLOCK_H: /* tagged one level below its section: no skipped levels */
        push(c, bs, text_box(c, &bl->as.heading.text, DW_ST_H3, heading_role(c->level + 1)));
        break;
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS:
        for (size_t i = 0; i < bl->as.list.n_items; i++) {
            const char *m = bl->kind == DW_BLOCK_LIST ? "•" : dw_sprintf(c->a, "%s.", number(c, (long)i + 1));
            box *b = item_box(c, &bl->as.list.items[i], m);
            if (i + 1 == bl->as.list.n_items)
                b->after = style(c, DW_ST_BODY)->after_pt;
            push(c, bs, b);
        }
        break;
    case DW_BLOCK_NOTE:
        push(c, bs, note_box(c, &bl->as.note.text, DW_C_NOTE, DW_ST_NOTE));
        break;
    case DW_BLOCK_PRINCIPLE: {
        box *t = text_box(c, &bl->as.principle.title, DW_ST_PRINCIPLE, heading_role(c->level + 1));
        push(c, bs, t);
        push(c, bs, text_box(c, &bl->as.principle.text, DW_ST_BODY, DW_R_P));
        break;
    }
    case DW_BLOCK_CONTACTS:
        /* a heading, a short unbreakable introduction and the first card
         * (a town in the directory) stay on one page                    */
        if (bs->n >= 2 && bs->v[bs->n - 2]->keep_with_next && !bs->v[bs->n - 1]->n_breaks &&
            bs->v[bs->n - 1]->elem >= 0 && c->L->elems[bs->v[bs->n - 1]->elem].role == DW_R_P)
            bs->v[bs->n - 1]->keep_with_next = true;
        contact_boxes(c, bs, bl);
        break;
    case DW_BLOCK_COURSES:
        course_boxes(c, bs, bl);
        break;
    case DW_BLOCK_TABLE: {
        size_t nc = bl->as.table.n_cols;
        if (!nc)
            break;
        double *cw = dw_alloc_array(c->a, nc, sizeof *cw);
        table_widths(c, bl, col_width(c), cw);
        box *head = bl->as.table.head ? table_row(c, bl->as.table.head, nc, cw, true) : NULL;
        if (head)
            push(c, bs, head);
        for (size_t r = 0; r < bl->as.table.n_rows; r++) {
            box *b = table_row(c, bl->as.table.cells + r * nc, nc, cw, false);
            b->repeat = head; /* a row that starts a page brings the header */
            if (r + 1 == bl->as.table.n_rows)
                b->after = style(c, DW_ST_BODY)->after_pt;
            push(c, bs, b);
        }
        if (bl->as.table.head && bs->n)
            bs->v[bs->n - bl->as.table.n_rows - 1]->keep_with_next = true;
        break;
    }
    case DW_BLOCK_IMAGE:
        image_box(c, bs, bl);
        break;
    case DW_BLOCK_PAGEBREAK: {
        box *b = box_new(c, DW_ST_BODY, DW_R_NONE);
        b->page_break = true;
        b->before = b->after = 0;
        push(c, bs, b);
        break;
    }
    }
}


/* An image across the measure (smaller where it would be taller than
 * half the frame); a warning when it then prints below 300 ppi.       */
#define IMAGE_PPI 300.0

static void image_box(ctx *c, boxes *bs, const dw_block *bl)
{
    const char *dir = c->doc->content && c->doc->content->dir ? c->doc->content->dir : "content";
    const char *path = dw_sprintf(c->a, "%s/%s", dir, bl->as.image.file);
    dw_image_meta im;
    if (!dw_image_info(path, &im)) {
        dw_error(c->d, bl->loc, "cannot read the image '%s' (is it a PNG or JPEG file?)", path);
        c->ok = false;
        return;
    }
    /* the measure's width, or less where it would be taller than half the frame */
    double maxh = (c->ds->page_h - c->ds->margin_top - c->ds->margin_bottom) / 2;
    double w = col_width(c), h = w * (double)im.height / (double)im.width;
    if (h > maxh)
        w *= maxh / h, h = maxh;
    double ppi = im.width / (w / 72.0);
    if (ppi < IMAGE_PPI - 0.5)
        dw_warn(c->d, bl->loc, "image '%s' prints at %.0f ppi (print wants %.0f): use a larger file",
                bl->as.image.file, ppi, IMAGE_PPI);
    box *b = box_new(c, DW_ST_BODY, bl->as.image.decorative ? DW_R_NONE : DW_R_FIGURE);
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_IMAGE;
    o->x = c->rtl ? col_width(c) - w : 0; /* the start side */
    o->y = 0, o->w = w, o->h = h, o->rel = 0;
    o->uri = path;
    o->alt = bl->as.image.decorative ? NULL : dw_text_plain(c->a, &bl->as.image.alt);
    o->image = im;
    o->loc = bl->loc;
    o->role = bl->as.image.decorative ? DW_R_ARTIFACT : DW_R_FIGURE;
    if (b->elem >= 0)
        c->L->elems[b->elem].alt = o->alt;
    b->height = h;
    b->before = style(c, DW_ST_BODY)->leading_pt * 0.5;
    push(c, bs, b);
}

struct section_walk {
    ctx *c;
    boxes *bs;
};

static bool section_event(const dw_walk *w, void *user)
{
    struct section_walk *sw = user;
    ctx *c = sw->c;
    const dw_section *s = w->section;
    switch (w->event) {
    case DW_WALK_SECTION: {
        int st = s->level == 1 ? DW_ST_H1 : s->level == 2 ? DW_ST_H2 : DW_ST_H3;
        c->level = s->level;
        box *h = text_box(c, &s->title, st, heading_role(s->level));
        h->outline_level = s->level;
        h->outline_title = dw_text_plain(c->a, &s->title);
        h->section = w->depth == 0 ? (int)w->index : -1; /* top-level: its TOC entry */
        if (s->level == 1)
            h->before = 0;
        push(c, sw->bs, h);
        break;
    }
    case DW_WALK_BLOCK:
        block_boxes(c, sw->bs, w->block);
        break;
    case DW_WALK_SECTION_END:
        if (w->depth > 0)
            c->level = s->level - 1; /* back to the enclosing section */
        break;
    case DW_WALK_TEXT:
        break;
    }
    return true;
}

void section_boxes(ctx *c, boxes *bs, const dw_section *s, int top_index)
{
    struct section_walk sw = {c, bs};
    dw_doc_walk_section(s, (size_t)top_index, section_event, &sw);
}

/* A heading made of one of the language's words ("contents", "legal"),
 * with its top-level bookmark.                                         */
box *word_heading(ctx *c, const char *key, int st, enum dw_role role)
{
    dw_span *sp = dw_alloc(c->a, sizeof *sp);
    *sp = (dw_span){DW_SPAN_TEXT, 0, word(c, key), NULL};
    dw_text t = {sp, 1, c->doc->loc};
    box *h = text_box(c, &t, st, role);
    h->outline_level = 1;
    h->outline_title = sp->text;
    return h;
}
