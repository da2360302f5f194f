/*
 * toc.c — the table of contents: top-level sections with their page
 * numbers, each entry a link to its section.
 */
#include "layout_int.h"

#include <string.h>

/* The contents come before the body, but their page numbers are known
 * only once the body is placed.  So they are set twice:
 *
 *   toc_reserve  before the body: sets the entries with every page
 *                number TOC_PLACEHOLDER_PAGE and no links, only to learn
 *                how many pages the contents take; then empties those
 *                pages (and drops the bookmark) so the body follows them;
 *   toc_fill     after the body: sets the entries again into the reserved
 *                pages with the real numbers and a link on each.
 *
 * Both passes give the same height: a number stands in its own column
 * numw wide at the end side, and the title is set to the rest of the
 * measure, so the number's value never moves a line.  toc_fill warns if
 * the contents outgrow the reserved pages anyway.  The reserve pass's
 * paragraphs stay in the memo and its structure elements stay allocated
 * (without items); the PDFs are made with both passes.                 */
#define TOC_PLACEHOLDER_PAGE 88 /* two digits, as wide as our real page numbers */

static void set_toc(ctx *c, size_t first_page, bool fill)
{
    const dw_doc *doc = c->doc;
    double w = col_width(c), numw = MM(12);
    boxes bs = {0};
    push(c, &bs, word_heading(c, "contents", DW_ST_H1, DW_R_H1));
    for (size_t i = 0; i < doc->n_sections; i++) {
        box *b = box_new(c, DW_ST_TOC, DW_R_TOCI);
        spans s = {0};
        spans_text(c, &s, &doc->sections[i].title, 0);
        /* the section's pictogram in a column of its own on the start side */
        double isz = c->ds->n_icons ? style(c, DW_ST_TOC)->leading_pt : 0;
        double iw = isz ? isz + MM(2) : 0;
        const dw_para *p = set(c, &s, DW_ST_TOC, w - numw - iw, false, doc->sections[i].loc);
        double off = 0;
        put_lines(c, b, p, DW_ST_TOC, c->rtl ? numw : iw, &off, false, DW_R_TOCI);
        if (isz)
            box_icon(c, b, i, c->rtl ? w - isz : 0, 0, isz, DW_C_ACCENT);
        int pg = fill && c->section_page[i] >= 0 ? c->section_page[i] + 1 : TOC_PLACEHOLDER_PAGE;
        spans ns = {0};
        span_add(c, &ns, number(c, pg), 0, false, NULL);
        const dw_para *np = set(c, &ns, DW_ST_TOC, numw, false, doc->sections[i].loc);
        if (np->n_lines) {
            dw_op *o = box_op(c, b);
            o->kind = DW_OP_LINE;
            o->line = &np->lines[0];
            /* numbers on the end side, flush to the measure */
            o->x = c->rtl ? -np->lines[0].x_pt : w - np->lines[0].width_pt - np->lines[0].x_pt;
            o->y = off - style(c, DW_ST_TOC)->leading_pt * 0.22;
            o->rel = off - style(c, DW_ST_TOC)->leading_pt;
            o->color = color(c, DW_C_ACCENT);
            o->role = DW_R_TOCI;
        }
        if (fill) {
            dw_op *o = box_op(c, b);
            o->kind = DW_OP_LINK_PAGE;
            o->x = 0, o->y = 0, o->w = w, o->h = off;
            o->alt = dw_text_plain(c->a, &doc->sections[i].title); /* the link's description */
            o->page = c->section_page[i];
            o->top = c->ds->page_h - c->ds->margin_top;
            o->role = DW_R_TOCI; /* tagged as a Link inside its TOC entry */
        }
        b->height = off;
        b->after = style(c, DW_ST_TOC)->leading_pt * 0.25;
        push(c, &bs, b);
    }
    /* place on pages first_page… (created before the body) */
    c->page = &c->L->pages[first_page];
    c->col = 0;
    c->page_fresh = true;
    set_column(c);
    for (size_t i = 0; i < bs.n; i++) {
        box *b = bs.v[i];
        if (c->y - (c->page_fresh ? 0 : b->before) - b->height < c->fb) {
            size_t next = (size_t)(c->page - c->L->pages) + 1;
            if (next >= c->L->n_pages)
                new_page(c);
            else {
                c->page = &c->L->pages[next];
                c->col = 0;
                c->page_fresh = true;
                set_column(c);
            }
        }
        place(c, bs.v, bs.n, i);
    }
}

size_t toc_reserve(ctx *c)
{
    dw_layout *out = c->L;
    size_t first = out->n_pages;
    new_page(c);
    size_t before_outline = out->n_outline;
    set_toc(c, first, false);
    size_t n = out->n_pages - first;
    /* the real run adds its own outline entry; drop the trial's */
    out->n_outline = before_outline;
    for (size_t i = first; i < out->n_pages; i++)
        out->pages[i].n_ops = 0;
    return n;
}

void toc_fill(ctx *c, size_t first_page, size_t n_pages)
{
    dw_layout *out = c->L;
    size_t n_before = out->n_pages;
    set_toc(c, first_page, true);
    if (out->n_pages != n_before || (size_t)(c->page - out->pages) >= first_page + n_pages)
        dw_warn(c->d, c->doc->loc, "%s (%s): the table of contents grew on its second pass",
                c->doc->name, c->lang->code);
    /* outline: the TOC entry belongs before the sections */
    if (out->n_outline > 0) {
        dw_outline t = out->outline[out->n_outline - 1];
        memmove(out->outline + 1, out->outline, (out->n_outline - 1) * sizeof t);
        out->outline[0] = t;
    }
}
