/*
 * layout.c — flows a document's blocks onto pages.
 *
 * Each block is first set into a box (its lines and rules at offsets from
 * the box's top, plus the offsets where it may be split); boxes are then
 * placed on the page, column by column.  Right-to-left documents are
 * mirrored as a whole: the binding and the inner margin are on the right
 * of a recto page, columns, list markers, table columns and running heads
 * swap sides, and numbers use the language's digits.
 */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM(x) ((x) * 72.0 / 25.4)
/* Lines a paragraph keeps together at a page break (widows/orphans). */
#define MIN_LINES 2

typedef struct box {
    int elem; /* structure element of the box's items, -1: none */
    dw_op *ops;
    size_t n, cap;
    double height;
    double *breaks; /* offsets below the top where the box may be split */
    size_t n_breaks, cap_breaks;
    double before, after;
    bool keep_with_next;
    /* a heading box registers an outline entry where it lands */
    int outline_level;
    const char *outline_title;
    int section; /* >= 0: a top-level section starts here (TOC) */
    bool grid;   /* its lines stand on the baseline grid: its top snaps to it */
} box;

typedef struct ctx {
    const dw_doc *doc;
    const dw_content *content;
    const dw_design *ds;
    const dw_lang *lang;
    dw_shaper *sh;
    dw_arena *a;
    dw_diag *d;
    dw_layout *L;
    bool rtl, ok;
    dw_page *page;
    int col;
    double y;                    /* top of the free space in the column */
    double fl, fr, ft, fb;       /* frame of the current column */
    int tab;                     /* register tab of the current section, -1: none */
    int n_tabs;
    int *section_page;           /* top-level section → page index */
    size_t n_sections;
    bool page_fresh;             /* nothing placed on the page yet */
    int phase;                   /* reading order: cover, contents, body, legal */
    int level;                   /* of the section being set (headings below it) */
    double grid;                 /* baseline grid step, 0: none */
    dw_para_memo *memo;          /* paragraphs set so far (running heads, bullets, …) */
    const char *what;            /* "welcome-folder (ar)", for diagnostics */
} ctx;

const char *const dw_role_names[] = {
    [DW_R_NONE] = "Span", [DW_R_P] = "P", [DW_R_H1] = "H1", [DW_R_H2] = "H2",
    [DW_R_H3] = "H3", [DW_R_H4] = "H4", [DW_R_H5] = "H5", [DW_R_H6] = "H6",
    [DW_R_LI] = "LI", [DW_R_LBL] = "Lbl", [DW_R_TD] = "TD", [DW_R_TH] = "TH",
    [DW_R_TR] = "TR", [DW_R_NOTE] = "Note", [DW_R_TOCI] = "TOCI", [DW_R_DIV] = "Div",
    [DW_R_FIGURE] = "Figure",
    [DW_R_ARTIFACT] = "Artifact",
};

/* A new structure element in reading order; returns its index. */
static int elem_new(ctx *c, enum dw_role role)
{
    dw_layout *L = c->L;
    L->elems = dw_arena_grow(c->a, L->elems, L->n_elems, &L->cap_elems, sizeof *L->elems, 64);
    L->elems[L->n_elems] = (dw_elem){role, (long)c->phase * 1000000L + (long)L->n_elems, NULL, NULL};
    return (int)L->n_elems++;
}

static enum dw_role heading_role(int level)
{
    static const enum dw_role h[] = {DW_R_H1, DW_R_H1, DW_R_H2, DW_R_H3, DW_R_H4, DW_R_H5, DW_R_H6};
    return h[level < 1 ? 1 : level > 6 ? 6 : level];
}

/* ---- small helpers ---------------------------------------------------- */
static dw_op *box_op(ctx *c, box *b)
{
    b->ops = dw_arena_grow(c->a, b->ops, b->n, &b->cap, sizeof *b->ops, 16);
    dw_op *o = &b->ops[b->n++];
    memset(o, 0, sizeof *o);
    return o;
}

static void box_break(ctx *c, box *b, double at)
{
    b->breaks = dw_arena_grow(c->a, b->breaks, b->n_breaks, &b->cap_breaks, sizeof *b->breaks, 8);
    b->breaks[b->n_breaks++] = at;
}

static dw_op *page_op(ctx *c, dw_page *p)
{
    p->ops = dw_arena_grow(c->a, p->ops, p->n_ops, &p->cap, sizeof *p->ops, 64);
    dw_op *o = &p->ops[p->n_ops++];
    memset(o, 0, sizeof *o);
    o->elem = -1;
    return o;
}

static const char *word(ctx *c, const char *key)
{
    const char *w = dw_lang_word(c->lang, key);
    if (w)
        return w;
    const dw_lang *de = dw_content_lang(c->doc->content, "de");
    w = de ? dw_lang_word(de, key) : NULL;
    return w ? w : key;
}

static const dw_style *style(ctx *c, int id)
{
    return &c->ds->styles[id];
}

static dw_cmyk color(ctx *c, int id)
{
    return c->ds->colors[id];
}

/* ASCII digits → the language's digits (page numbers, dates, list numbers). */
static char *digits(ctx *c, const char *s)
{
    if (c->lang->digits == DW_DIGITS_LATIN)
        return dw_strdup(c->a, s);
    uint32_t zero = c->lang->digits == DW_DIGITS_ARABIC_INDIC ? 0x0660 : 0x06F0;
    dw_buf b;
    dw_buf_init(&b);
    for (const char *p = s; *p; p++) {
        char u[8];
        if (*p >= '0' && *p <= '9')
            dw_buf_put(&b, u, (size_t)dw_utf8_put(u, zero + (uint32_t)(*p - '0')));
        else
            dw_buf_putc(&b, *p);
    }
    char *r = dw_strndup(c->a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return r;
}

static char *number(ctx *c, long n)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", n);
    return digits(c, tmp);
}

static char *date_str(ctx *c, dw_date dt)
{
    const char *f = c->lang->date_format ? c->lang->date_format : "{y}-{m}-{d}";
    dw_buf b;
    dw_buf_init(&b);
    for (const char *p = f; *p; p++) {
        if (p[0] == '{' && p[1] && p[2] == '}') {
            if (p[1] == 'd')
                dw_buf_printf(&b, "%02d", dt.d);
            else if (p[1] == 'm')
                dw_buf_printf(&b, "%02d", dt.m);
            else if (p[1] == 'y')
                dw_buf_printf(&b, "%04d", dt.y);
            p += 2;
        } else {
            dw_buf_putc(&b, *p);
        }
    }
    char *r = digits(c, b.data ? b.data : "");
    dw_buf_fini(&b);
    return r;
}

/* ---- setting text ------------------------------------------------------ */
typedef struct spans {
    dw_tspan *v;
    size_t n, cap;
} spans;

static void span_add(ctx *c, spans *s, const char *text, unsigned font, bool ltr, const char *href)
{
    if (!text || !*text)
        return;
    s->v = dw_arena_grow(c->a, s->v, s->n, &s->cap, sizeof *s->v, 8);
    s->v[s->n++] = (dw_tspan){text, font, ltr, href, href ? 1 : 0, NULL, NULL};
}

/* German inside another language: what {ltr:…} marks (names, terms,
 * postcodes) and addresses.  Tagged PDF gives it /Lang de so a screen
 * reader switches voice.  Only spans with Latin letters count.         */
static void lang_of_last(ctx *c, spans *s)
{
    if (!s->n || strcmp(c->lang->code, "de") == 0)
        return;
    const char *t = s->v[s->n - 1].text;
    for (; *t; t++)
        if ((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z')) {
            s->v[s->n - 1].lang = "de";
            return;
        }
}

/* A name the content gives in German whatever the language (contacts'
 * and providers' names and units, "as on the door"): /Lang de in tagged
 * PDF.  Hyphenation stays the line's (names are short; the layout of
 * every language stays as it was).                                     */
static void german_last(ctx *c, spans *s)
{
    if (s->n && strcmp(c->lang->code, "de") != 0)
        s->v[s->n - 1].lang = "de";
}

static void spans_text(ctx *c, spans *s, const dw_text *t, unsigned font)
{
    for (size_t i = 0; i < t->n_spans; i++) {
        const dw_span *sp = &t->spans[i];
        unsigned f = font | (sp->style & DW_STYLE_EM ? DW_FONT_ITALIC : 0) |
                     (sp->style & DW_STYLE_STRONG ? DW_FONT_BOLD : 0);
        bool ltr = sp->kind == DW_SPAN_TEL || sp->kind == DW_SPAN_MAIL ||
                   sp->kind == DW_SPAN_WEB || sp->kind == DW_SPAN_LTR ||
                   sp->kind == DW_SPAN_DE;
        span_add(c, s, sp->text, f, ltr, sp->href);
        if (sp->kind == DW_SPAN_LTR)
            lang_of_last(c, s);
        if (sp->kind == DW_SPAN_DE && strcmp(c->lang->code, "de") != 0) {
            const dw_lang *de = dw_content_lang(c->content, "de");
            s->v[s->n - 1].lang = "de";
            s->v[s->n - 1].hyphenation = de ? de->hyphenation : NULL;
        }
    }
}

size_t dw_layout_spans(const dw_content *content, const dw_lang *lang, const dw_text *t,
                       dw_arena *a, dw_tspan **out)
{
    ctx c = {.content = content, .lang = lang, .a = a};
    spans s = {0};
    spans_text(&c, &s, t, 0);
    *out = s.v;
    return s.n;
}

/* The paragraph is shared with every other block of the same text and
 * style (c->memo): read only.                                          */
static const dw_para *set(ctx *c, const spans *s, int st, double width, bool center, dw_loc loc)
{
    const dw_style *y = style(c, st);
    dw_para_spec spec = {
        .spans = s->v, .n_spans = s->n, .lang = c->lang->code, .script = c->lang->script,
        .hyphenation = y->hyphenate ? c->lang->hyphenation : NULL, .rtl = c->rtl,
        .size_pt = y->size_pt, .width_pt = width,
        .align = center ? DW_ALIGN_CENTER : y->justify ? DW_ALIGN_JUSTIFY : DW_ALIGN_START,
        .no_hyphens = !y->hyphenate, .loc = loc, .what = c->what};
    const dw_para *p;
    if (!dw_text_para_memo(c->sh, c->memo, &spec, &p, c->d))
        c->ok = false;
    for (size_t i = 0; i < p->n_lines; i++)
        for (size_t r = 0; r < p->lines[i].n_runs; r++)
            c->L->n_glyphs += p->lines[i].runs[r].n_glyphs;
    return p;
}

/* Lines of p into b at x (left edge of the measure), from offset *off. */
static void put_lines(ctx *c, box *b, const dw_para *p, int st, double x, double *off,
                      bool breaks, enum dw_role role)
{
    const dw_style *y = style(c, st);
    for (size_t i = 0; i < p->n_lines; i++) {
        if (breaks && i >= MIN_LINES && p->n_lines - i >= MIN_LINES)
            box_break(c, b, *off);
        dw_op *o = box_op(c, b);
        o->kind = DW_OP_LINE;
        o->line = &p->lines[i];
        o->x = x;
        o->rel = *off;
        /* baseline: ascent below the top of the line slot, centred in the leading */
        o->y = *off + y->leading_pt * 0.78;
        o->color = color(c, y->color);
        o->link_color = color(c, DW_C_ACCENT);
        o->role = role;
        o->grid = b->grid;
        *off += y->leading_pt;
    }
}

static void box_rect(ctx *c, box *b, double x, double top, double w, double h, int col)
{
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_RECT;
    o->x = x, o->y = top, o->w = w, o->h = h;
    o->rel = top;
    o->color = color(c, col);
    o->role = DW_R_ARTIFACT;
}

static void box_rule(ctx *c, box *b, double x1, double y1, double x2, double y2, double w, int col)
{
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_RULE;
    o->x = x1, o->y = y1, o->w = x2 - x1, o->h = y2 - y1;
    o->width = w;
    o->rel = y1;
    o->color = color(c, col);
    o->role = DW_R_ARTIFACT;
}

/* ---- pages ------------------------------------------------------------- */
static double frame_width(ctx *c)
{
    const dw_design *ds = c->ds;
    return ds->page_w - ds->margin_inner - ds->margin_outer;
}

static double col_width(ctx *c)
{
    int n = c->ds->columns > 0 ? c->ds->columns : 1;
    return (frame_width(c) - c->ds->gutter * (n - 1)) / n;
}

static bool inner_is_left(const ctx *c, const dw_page *p)
{
    return p->recto != c->rtl;
}

static void set_column(ctx *c)
{
    const dw_design *ds = c->ds;
    double left = inner_is_left(c, c->page) ? ds->margin_inner : ds->margin_outer;
    double cw = col_width(c);
    int k = c->rtl ? (ds->columns - 1 - c->col) : c->col; /* columns right to left */
    c->fl = left + k * (cw + ds->gutter);
    c->fr = c->fl + cw;
    c->ft = ds->page_h - ds->margin_top;
    c->fb = ds->margin_bottom;
    c->y = c->ft;
}

static dw_page *new_page(ctx *c)
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

static double min_height(const box *b)
{
    return b->n_breaks ? b->breaks[0] : b->height;
}

/* Room that box i needs at the least where it starts: itself, and for a
 * heading every box it keeps with, up to the first lines of the block
 * that ends the chain (a heading followed by a sub-heading keeps both). */
static double need_at_least(box *const *v, size_t n, size_t i, double before)
{
    double need = before + v[i]->height;
    while (v[i]->keep_with_next && i + 1 < n) {
        need += v[i]->after;
        i++;
        need += v[i]->before + (v[i]->keep_with_next ? v[i]->height : min_height(v[i]));
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

static void place(ctx *c, box *const *v, size_t n, size_t at)
{
    box *b = v[at];
    double before = c->page_fresh ? 0 : b->before;
    if (b->grid)
        before += grid_gap(c, c->y - before);
    double avail = c->y - c->fb;
    double need = b->keep_with_next ? need_at_least(v, n, at, before) : before + b->height;
    if (need > avail + 0.01 && !c->page_fresh && !(b->n_breaks && !b->keep_with_next)) {
        next_column(c);
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

/* ---- blocks → boxes ------------------------------------------------------ */
static box *box_new(ctx *c, int st, enum dw_role role)
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

static box *text_box(ctx *c, const dw_text *t, int st, enum dw_role role)
{
    box *b = box_new(c, st, role);
    spans s = {0};
    spans_text(c, &s, t, style(c, st)->font);
    const dw_para *p = set(c, &s, st, col_width(c), false, t->loc);
    double off = 0;
    put_lines(c, b, p, st, 0, &off, role == DW_R_P, role);
    b->height = off;
    if (st == DW_ST_H1 || st == DW_ST_H2 || st == DW_ST_H3)
        b->keep_with_next = true;
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

static void line_of(ctx *c, spans *s, const char *label, const char *value, enum dw_span_kind kind,
                    const char *href)
{
    if (!value || !*value)
        return;
    if (s->n)
        span_add(c, s, "\xE2\x80\xA8", 0, false, NULL); /* U+2028: a line, not a bidi paragraph */
    if (label) {
        span_add(c, s, label, DW_FONT_BOLD, false, NULL);
        span_add(c, s, ": ", DW_FONT_BOLD, false, NULL);
    }
    span_add(c, s, value, 0, kind != DW_SPAN_TEXT, href);
}

static char *days_str(ctx *c, unsigned days)
{
    dw_buf b;
    dw_buf_init(&b);
    int i = 0;
    while (i < 7) {
        if (!(days & (1u << i))) {
            i++;
            continue;
        }
        int j = i;
        while (j + 1 < 7 && (days & (1u << (j + 1))))
            j++;
        if (b.len)
            dw_buf_puts(&b, ", ");
        dw_buf_puts(&b, word(c, dw_day_keys[i]));
        if (j >= i + 2) {
            dw_buf_puts(&b, "–");
            dw_buf_puts(&b, word(c, dw_day_keys[j]));
        } else if (j == i + 1) {
            dw_buf_puts(&b, ", ");
            dw_buf_puts(&b, word(c, dw_day_keys[j]));
        }
        i = j + 1;
    }
    char *r = dw_strndup(c->a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return r;
}

static char *href_of(ctx *c, const char *scheme, const char *v)
{
    if (!v)
        return NULL;
    if (strcmp(scheme, "tel:") == 0) {
        dw_buf b;
        dw_buf_init(&b);
        dw_buf_puts(&b, "tel:");
        const char *p = v;
        if (p[0] == '0' && p[1] != '0') {
            dw_buf_puts(&b, "+49");
            p++;
        }
        for (; *p; p++)
            if ((*p >= '0' && *p <= '9') || *p == '+')
                dw_buf_putc(&b, *p);
        char *r = dw_strdup(c->a, b.data);
        dw_buf_fini(&b);
        return r;
    }
    if (strcmp(scheme, "https://") == 0 && strstr(v, "://"))
        return (char *)v;
    return dw_sprintf(c->a, "%s%s", scheme, v);
}

/* A card: title, lines of label: value, a warning when unverified. */
static double card(ctx *c, box *b, double x, double w, const char *title, bool german,
                   const char *subtitle, const dw_text *about, spans *fields, bool unverified,
                   dw_loc loc)
{
    double pad = style(c, DW_ST_CARD)->size_pt * 0.7, off = pad;
    size_t rect = b->n;
    box_rect(c, b, x, 0, w, 1, DW_C_ACCENT_LIGHT);
    spans ts = {0};
    span_add(c, &ts, title, DW_FONT_BOLD, false, NULL);
    if (german)
        german_last(c, &ts);
    put_lines(c, b, set(c, &ts, DW_ST_CARD_TITLE, w - 2 * pad, false, loc), DW_ST_CARD_TITLE,
              x + pad, &off, false, DW_R_H3);
    if (subtitle) {
        spans ss = {0};
        span_add(c, &ss, subtitle, DW_FONT_BOLD, false, NULL);
        german_last(c, &ss);
        put_lines(c, b, set(c, &ss, DW_ST_CARD, w - 2 * pad, false, loc), DW_ST_CARD, x + pad,
                  &off, false, DW_R_P);
    }
    if (about) {
        spans as = {0};
        spans_text(c, &as, about, 0);
        put_lines(c, b, set(c, &as, DW_ST_CARD, w - 2 * pad, false, about->loc), DW_ST_CARD,
                  x + pad, &off, false, DW_R_P);
        off += style(c, DW_ST_CARD)->leading_pt * 0.3;
    }
    if (fields->n)
        put_lines(c, b, set(c, fields, DW_ST_CARD, w - 2 * pad, false, loc), DW_ST_CARD, x + pad,
                  &off, false, DW_R_P);
    if (unverified) {
        spans us = {0};
        span_add(c, &us, word(c, "unverified"), DW_FONT_ITALIC, false, NULL);
        put_lines(c, b, set(c, &us, DW_ST_SMALL, w - 2 * pad, false, loc), DW_ST_SMALL, x + pad,
                  &off, false, DW_R_NOTE);
    }
    off += pad;
    b->ops[rect].h = off;
    return off;
}

static double contact_card(ctx *c, box *b, double x, double w, const dw_contact *k)
{
    spans f = {0};
    line_of(c, &f, word(c, "address"), k->address, DW_SPAN_LTR, NULL);
    if (k->address)
        lang_of_last(c, &f);
    line_of(c, &f, word(c, "phone"), k->phone, DW_SPAN_TEL, href_of(c, "tel:", k->phone));
    line_of(c, &f, word(c, "email"), k->email, DW_SPAN_MAIL, href_of(c, "mailto:", k->email));
    line_of(c, &f, word(c, "web"), k->web, DW_SPAN_WEB, href_of(c, "https://", k->web));
    for (size_t i = 0; i < k->n_hours; i++) {
        char *t = digits(c, dw_sprintf(c->a, "%s–%s", k->hours[i].from, k->hours[i].to));
        line_of(c, &f, i == 0 ? word(c, "hours") : NULL, days_str(c, k->hours[i].days),
                DW_SPAN_TEXT, NULL);
        span_add(c, &f, " ", 0, false, NULL);
        span_add(c, &f, t, 0, true, NULL);
    }
    if (k->n_languages) {
        dw_buf lb;
        dw_buf_init(&lb);
        for (size_t i = 0; i < k->n_languages; i++) {
            const dw_lang *l = dw_content_lang(c->doc->content, k->languages[i]);
            dw_buf_printf(&lb, "%s%s", i ? ", " : "", l ? l->name : k->languages[i]);
        }
        line_of(c, &f, word(c, "languages-spoken"), dw_strdup(c->a, lb.data), DW_SPAN_TEXT, NULL);
        dw_buf_fini(&lb);
    }
    return card(c, b, x, w, k->name, true, k->unit, dw_contact_about(k, c->lang->code), &f,
                k->unverified, k->loc);
}

static double course_card(ctx *c, box *b, double x, double w, const dw_course *k)
{
    spans f = {0};
    line_of(c, &f, word(c, "level"), k->level, DW_SPAN_LTR, NULL);
    /* the course's own address, else its town: the provider's office may
     * be in another town than the course                               */
    line_of(c, &f, word(c, "place"), k->address ? k->address : k->place, DW_SPAN_LTR, NULL);
    line_of(c, &f, word(c, "dates"),
            dw_sprintf(c->a, "%s – %s", date_str(c, k->start), date_str(c, k->end)), DW_SPAN_LTR,
            NULL);
    line_of(c, &f, word(c, "schedule"), days_str(c, k->days), DW_SPAN_TEXT, NULL);
    span_add(c, &f, " ", 0, false, NULL);
    span_add(c, &f, digits(c, dw_sprintf(c->a, "%s–%s", k->from, k->to)), 0, true, NULL);
    const char *cost = k->cost == DW_COST_FREE   ? word(c, "cost-free")
                       : k->cost == DW_COST_BAMF ? word(c, "cost-bamf")
                                                 : NULL;
    if (!cost) {
        const char *tpl = word(c, "cost-euros");
        char amount[32];
        snprintf(amount, sizeof amount, "%g", k->cost_euros);
        const char *at = strstr(tpl, "{n}");
        cost = at ? dw_sprintf(c->a, "%.*s%s%s", (int)(at - tpl), tpl, digits(c, amount), at + 3)
                  : tpl;
    }
    line_of(c, &f, word(c, "cost"), cost, DW_SPAN_TEXT, NULL);
    line_of(c, &f, word(c, "childcare"), word(c, k->childcare ? "yes" : "no"), DW_SPAN_TEXT, NULL);
    if (k->provider && k->provider->phone)
        line_of(c, &f, word(c, "phone"), k->provider->phone, DW_SPAN_TEL,
                href_of(c, "tel:", k->provider->phone));
    const char *title = k->provider ? k->provider->name : k->id;
    return card(c, b, x, w, title, k->provider != NULL, k->provider ? k->provider->unit : NULL, NULL, &f,
                k->unverified, k->loc);
}

/* Cards side by side in rows; a row is never split.  In RTL the first
 * card of a row is on the right.                                        */
typedef double (*card_fn)(ctx *, box *, double, double, const void *);

static double contact_thunk(ctx *c, box *b, double x, double w, const void *k)
{
    return contact_card(c, b, x, w, k);
}

static double course_thunk(ctx *c, box *b, double x, double w, const void *k)
{
    return course_card(c, b, x, w, k);
}

static void card_rows(ctx *c, box ***out, size_t *n_out, const void *const *items, size_t n,
                      card_fn fn)
{
    int cols = c->ds->card_columns > 0 ? c->ds->card_columns : 1;
    double gap = MM(4), w = (col_width(c) - gap * (cols - 1)) / cols;
    for (size_t i = 0; i < n; i += (size_t)cols) {
        box *b = box_new(c, DW_ST_CARD, DW_R_DIV);
        b->before = 0;
        b->after = gap;
        double h = 0;
        size_t first_rect[8];
        for (int k = 0; k < cols && i + (size_t)k < n; k++) {
            int slot = c->rtl ? cols - 1 - k : k;
            first_rect[k] = b->n;
            double hh = fn(c, b, slot * (w + gap), w, items[i + (size_t)k]);
            for (size_t o = first_rect[k]; o < b->n; o++)
                b->ops[o].sub = k; /* each card its own part of the row */
            h = hh > h ? hh : h;
        }
        for (int k = 0; k < cols && i + (size_t)k < n; k++)
            b->ops[first_rect[k]].h = h; /* equal heights in a row */
        b->height = h;
        (*out)[(*n_out)++] = b;
    }
}

static box *table_row(ctx *c, const dw_text *cells, size_t n_cols, const double *cw, bool head)
{
    int st = head ? DW_ST_TABLE_HEAD : DW_ST_TABLE;
    box *b = box_new(c, st, DW_R_TR);
    double pad = 3, h = 0, x = 0;
    const dw_para **ps = dw_alloc_array(c->a, n_cols, sizeof *ps);
    for (size_t k = 0; k < n_cols; k++) {
        spans s = {0};
        spans_text(c, &s, &cells[k], head ? DW_FONT_BOLD : 0);
        ps[k] = set(c, &s, st, cw[k] - 2 * pad, false, cells[k].loc);
        double hh = ps[k]->n_lines * style(c, st)->leading_pt + 2 * pad;
        h = hh > h ? hh : h;
    }
    if (head)
        box_rect(c, b, 0, 0, col_width(c), h, DW_C_ACCENT_LIGHT);
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

/* ---- document ----------------------------------------------------------- */
typedef struct boxes {
    box **v;
    size_t n, cap;
} boxes;

static void push(ctx *c, boxes *bs, box *b)
{
    bs->v = dw_arena_grow(c->a, bs->v, bs->n, &bs->cap, sizeof *bs->v, 32);
    bs->v[bs->n++] = b;
}

static const char *const course_order[] = {
    "integration", "integration-women", "integration-parents", "integration-literacy",
    "integration-youth", "job-language", "orientation", "volunteer", "language-cafe", NULL};

static int cmp_course(const void *a, const void *b)
{
    const dw_course *x = *(const dw_course *const *)a, *y = *(const dw_course *const *)b;
    long dx = dw_date_days(x->start), dy = dw_date_days(y->start);
    if (dx != dy)
        return dx < dy ? -1 : 1;
    int p = strcmp(x->place, y->place);
    return p ? p : strcmp(x->id, y->id);
}

static void image_box(ctx *c, boxes *bs, const dw_block *bl);

static void block_boxes(ctx *c, boxes *bs, const dw_block *bl)
{
    switch (bl->kind) {
    case DW_BLOCK_P:
        push(c, bs, text_box(c, &bl->text, DW_ST_BODY, DW_R_P));
        break;
    case DW_BLOCK_H: /* tagged one level below its section: no skipped levels */
        push(c, bs, text_box(c, &bl->text, DW_ST_H3, heading_role(c->level + 1)));
        break;
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS:
        for (size_t i = 0; i < bl->n_items; i++) {
            const char *m = bl->kind == DW_BLOCK_LIST ? "•" : dw_sprintf(c->a, "%s.", number(c, (long)i + 1));
            box *b = item_box(c, &bl->items[i], m);
            if (i + 1 == bl->n_items)
                b->after = style(c, DW_ST_BODY)->after_pt;
            push(c, bs, b);
        }
        break;
    case DW_BLOCK_NOTE:
        push(c, bs, note_box(c, &bl->text, DW_C_NOTE, DW_ST_NOTE));
        break;
    case DW_BLOCK_PRINCIPLE: {
        box *t = text_box(c, &bl->title, DW_ST_PRINCIPLE, heading_role(c->level + 1));
        push(c, bs, t);
        push(c, bs, text_box(c, &bl->text, DW_ST_BODY, DW_R_P));
        break;
    }
    case DW_BLOCK_CONTACTS: {
        box **v = dw_alloc_array(c->a, bl->n_contacts + 1, sizeof *v);
        size_t n = 0;
        card_rows(c, &v, &n, (const void *const *)bl->contacts, bl->n_contacts, contact_thunk);
        for (size_t i = 0; i < n; i++)
            push(c, bs, v[i]);
        break;
    }
    case DW_BLOCK_COURSES: {
        const dw_content *ct = c->doc->content;
        for (const char *const *type = course_order; *type; type++) {
            bool wanted = bl->n_course_types == 0;
            for (size_t i = 0; i < bl->n_course_types; i++)
                wanted |= strcmp(bl->course_types[i], *type) == 0;
            if (!wanted)
                continue;
            const dw_course **sel = dw_alloc_array(c->a, ct->n_courses + 1, sizeof *sel);
            size_t n = 0;
            for (size_t i = 0; i < ct->n_courses; i++)
                if (strcmp(ct->courses[i].type, *type) == 0 &&
                    dw_date_days(ct->courses[i].end) >= dw_date_days(c->doc->edition))
                    sel[n++] = &ct->courses[i];
            if (!n)
                continue;
            qsort(sel, n, sizeof *sel, cmp_course);
            dw_text title = {0};
            dw_span sp = {DW_SPAN_TEXT, 0, word(c, dw_sprintf(c->a, "course-%s", *type)), NULL};
            title.spans = &sp;
            title.n_spans = 1;
            title.loc = bl->loc;
            dw_span *spc = dw_alloc(c->a, sizeof *spc);
            *spc = sp;
            title.spans = spc;
            push(c, bs, text_box(c, &title, DW_ST_H3, heading_role(c->level + 1)));
            box **v = dw_alloc_array(c->a, n + 1, sizeof *v);
            size_t nv = 0;
            card_rows(c, &v, &nv, (const void *const *)sel, n, course_thunk);
            for (size_t i = 0; i < nv; i++)
                push(c, bs, v[i]);
        }
        break;
    }
    case DW_BLOCK_TABLE: {
        size_t nc = bl->n_cols;
        if (!nc)
            break;
        double *cw = dw_alloc_array(c->a, nc, sizeof *cw);
        for (size_t k = 0; k < nc; k++)
            cw[k] = col_width(c) / (double)nc;
        if (bl->head)
            push(c, bs, table_row(c, bl->head, nc, cw, true));
        for (size_t r = 0; r < bl->n_rows; r++) {
            box *b = table_row(c, bl->cells + r * nc, nc, cw, false);
            if (r + 1 == bl->n_rows)
                b->after = style(c, DW_ST_BODY)->after_pt;
            push(c, bs, b);
        }
        if (bl->head && bs->n)
            bs->v[bs->n - bl->n_rows - 1]->keep_with_next = true;
        break;
    }
    case DW_BLOCK_IMAGE:
        image_box(c, bs, bl);
        break;
    case DW_BLOCK_PAGEBREAK: {
        box *b = box_new(c, DW_ST_BODY, DW_R_NONE);
        b->height = 1e6; /* never fits: forces the next page */
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
    const char *path = dw_sprintf(c->a, "%s/%s", dir, bl->image_file);
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
                bl->image_file, ppi, IMAGE_PPI);
    box *b = box_new(c, DW_ST_BODY, bl->decorative ? DW_R_NONE : DW_R_FIGURE);
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_IMAGE;
    o->x = c->rtl ? col_width(c) - w : 0; /* the start side */
    o->y = 0, o->w = w, o->h = h, o->rel = 0;
    o->uri = path;
    o->alt = bl->decorative ? NULL : dw_text_plain(c->a, &bl->alt);
    o->image = im;
    o->loc = bl->loc;
    o->role = bl->decorative ? DW_R_ARTIFACT : DW_R_FIGURE;
    if (b->elem >= 0)
        c->L->elems[b->elem].alt = o->alt;
    b->height = h;
    b->before = style(c, DW_ST_BODY)->leading_pt * 0.5;
    push(c, bs, b);
}

static void section_boxes(ctx *c, boxes *bs, const dw_section *s, int top_index)
{
    int st = s->level == 1 ? DW_ST_H1 : s->level == 2 ? DW_ST_H2 : DW_ST_H3;
    c->level = s->level;
    box *h = text_box(c, &s->title, st, heading_role(s->level));
    h->outline_level = s->level;
    h->outline_title = dw_text_plain(c->a, &s->title);
    h->section = top_index;
    if (s->level == 1)
        h->before = 0;
    push(c, bs, h);
    for (size_t i = 0; i < s->n_blocks; i++)
        block_boxes(c, bs, &s->blocks[i]);
    for (size_t i = 0; i < s->n_subs; i++) {
        section_boxes(c, bs, &s->subs[i], -1);
        c->level = s->level;
    }
}

static void place_all(ctx *c, boxes *bs)
{
    for (size_t i = 0; i < bs->n; i++) {
        box *b = bs->v[i];
        if (b->height >= 1e6) { /* pagebreak */
            if (!c->page_fresh)
                new_page(c);
            continue;
        }
        place(c, bs->v, bs->n, i);
    }
}

/* Back to the fresh page `first` where a section started. */
static void rollback(ctx *c, size_t first, size_t n_outline, int sec)
{
    dw_layout *L = c->L;
    L->n_pages = first + 1;
    c->page = &L->pages[first];
    c->page->n_ops = 0;
    c->col = 0;
    set_column(c);
    c->page_fresh = true;
    L->n_outline = n_outline;
    if (sec >= 0 && (size_t)sec < c->n_sections)
        c->section_page[sec] = -1;
}

/* A section that starts on a new page and would end with a few lines on
 * a page of their own is set again with half the space between its
 * blocks, off the baseline grid — what a typesetter does to pull a short
 * overflow back.  Kept only when it saves the page.                     */
#define SHORT_LAST_PAGE 0.25 /* of the frame height */

static void place_section(ctx *c, boxes *bs, int sec)
{
    dw_layout *L = c->L;
    size_t first = (size_t)(c->page - L->pages), n_outline = L->n_outline;
    bool fresh = c->ds->section_new_page && c->page_fresh && c->page->n_ops == 0;
    place_all(c, bs);
    size_t used = L->n_pages - first;
    double fill = (c->ft - c->y) / (c->ft - c->fb);
    if (!fresh || !c->ok || used < 2 || fill > SHORT_LAST_PAGE || c->ds->columns > 1)
        return;
    struct spacing {
        double before, after;
        bool grid;
    } *keep = dw_alloc_array(c->a, bs->n + 1, sizeof *keep);
    for (int tight = 1; tight >= 0; tight--) {
        rollback(c, first, n_outline, sec);
        for (size_t i = 0; i < bs->n; i++) {
            box *b = bs->v[i];
            if (tight) {
                keep[i] = (struct spacing){b->before, b->after, b->grid};
                b->before *= 0.5, b->after *= 0.5, b->grid = false;
            } else {
                b->before = keep[i].before, b->after = keep[i].after, b->grid = keep[i].grid;
            }
            for (size_t k = 0; k < b->n; k++)
                if (b->ops[k].kind == DW_OP_LINE)
                    b->ops[k].grid = b->grid;
        }
        place_all(c, bs);
        if (tight && L->n_pages - first < used)
            return; /* the page is saved */
    }
}

/* ---- page furniture ------------------------------------------------------- */
static void line_at(ctx *c, dw_page *p, const dw_line *l, double x, double y, int col,
                    enum dw_role role)
{
    dw_op *o = page_op(c, p);
    if (role != DW_R_ARTIFACT)
        o->elem = elem_new(c, role);
    o->kind = DW_OP_LINE;
    o->line = l;
    o->x = x, o->y = y;
    o->color = color(c, col);
    o->link_color = color(c, DW_C_ACCENT);
    o->role = role;
}

static const dw_para *one(ctx *c, const char *text, int st, double width, unsigned font)
{
    spans s = {0};
    span_add(c, &s, text, font | style(c, st)->font, false, NULL);
    return set(c, &s, st, width, false, c->doc->loc);
}

/* Running head (document title, outer side) and folio (page number in the
 * language's digits, outer side).  Artifacts for tagged PDF.            */
static void furniture(ctx *c, size_t i)
{
    dw_page *p = &c->L->pages[i];
    const dw_design *ds = c->ds;
    bool il = inner_is_left(c, p);
    double left = il ? ds->margin_inner : ds->margin_outer;
    double w = frame_width(c);
    double ytop = ds->page_h - ds->margin_top + MM(8);
    const dw_para *h = one(c, dw_text_plain(c->a, &c->doc->title), DW_ST_HEADER, w * 0.8, 0);
    if (h->n_lines) {
        const dw_line *l = &h->lines[0];
        double x = il ? left + w - l->width_pt : left; /* outer side */
        line_at(c, p, l, x - l->x_pt, ytop, DW_C_ACCENT, DW_R_ARTIFACT);
    }
    dw_op *r = page_op(c, p);
    r->kind = DW_OP_RULE;
    r->x = left, r->y = ytop - MM(2.5), r->w = w, r->h = 0;
    r->width = 0.5;
    r->color = color(c, DW_C_RULE);
    r->role = DW_R_ARTIFACT;
    const dw_para *n = one(c, number(c, (long)i + 1), DW_ST_HEADER, MM(20), DW_FONT_BOLD);
    if (n->n_lines) {
        const dw_line *l = &n->lines[0];
        double x = il ? left + w - l->width_pt : left;
        line_at(c, p, l, x - l->x_pt, ds->margin_bottom - MM(10), DW_C_ACCENT, DW_R_ARTIFACT);
    }
}

/* Register tab on the outer edge (folder): its place steps down with the
 * section number, so sections can be found with a thumb.              */
static void register_tab(ctx *c, size_t page, int tab)
{
    if (tab < 0 || !c->ds->register_tabs || c->n_tabs <= 0)
        return;
    dw_page *p = &c->L->pages[page];
    const dw_design *ds = c->ds;
    bool il = inner_is_left(c, p);
    double avail = ds->page_h - ds->margin_top - ds->margin_bottom;
    double th = avail / (c->n_tabs > 12 ? c->n_tabs : 12), tw = MM(12);
    double y = ds->page_h - ds->margin_top - (tab + 1) * th;
    double x = il ? ds->page_w - tw : 0;
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_RECT;
    o->x = x, o->y = y + 1, o->w = tw, o->h = th - 2;
    o->color = color(c, DW_C_ACCENT);
    o->bleeds = true;
    o->role = DW_R_ARTIFACT;
    const dw_para *n = one(c, number(c, tab + 1), DW_ST_HEADER, tw, DW_FONT_BOLD);
    if (n->n_lines) {
        const dw_line *l = &n->lines[0];
        double lx = il ? x + MM(3) : x + tw - MM(3) - l->width_pt;
        line_at(c, p, l, lx - l->x_pt, y + th / 2 - 3, DW_C_PAPER, DW_R_ARTIFACT);
    }
}

/* Divider page before a section (ring-binder folder): on a recto, in a
 * light tint to the trim, the section's number and title large and the
 * titles of its subsections, so a reader who opens the folder at a tab
 * sees what the section holds.  All of it repeats the headings and the
 * table of contents, so it is an artifact for tagged PDF.             */
static void divider(ctx *c, size_t i)
{
    const dw_section *s = &c->doc->sections[i];
    const dw_design *ds = c->ds;
    dw_page *p = new_page(c);
    if (!p->recto) { /* a blank verso before it */
        p->blank = true;
        p = new_page(c);
    }
    p->divider = true;
    double left = inner_is_left(c, p) ? ds->margin_inner : ds->margin_outer, w = frame_width(c);
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_RECT;
    o->x = 0, o->y = 0, o->w = ds->page_w, o->h = ds->page_h;
    o->color = color(c, DW_C_ACCENT_LIGHT);
    o->bleeds = true;
    o->role = DW_R_ARTIFACT;
    const dw_style *dv = style(c, DW_ST_DIVIDER);
    double y = ds->page_h - ds->margin_top - ds->page_h * 0.18;
    const dw_para *n = one(c, number(c, (long)i + 1), DW_ST_DIVIDER, w, 0);
    for (size_t k = 0; k < n->n_lines; k++, y -= dv->leading_pt)
        line_at(c, p, &n->lines[k], left, y, DW_C_ACCENT, DW_R_ARTIFACT);
    spans ts = {0};
    spans_text(c, &ts, &s->title, 0);
    const dw_para *t = set(c, &ts, DW_ST_DIVIDER, w, false, s->title.loc);
    for (size_t k = 0; k < t->n_lines; k++, y -= dv->leading_pt)
        line_at(c, p, &t->lines[k], left, y, DW_C_ACCENT, DW_R_ARTIFACT);
    if (!s->n_subs)
        return;
    y -= style(c, DW_ST_H3)->leading_pt;
    dw_op *r = page_op(c, p);
    r->kind = DW_OP_RULE;
    r->x = left, r->y = y + style(c, DW_ST_H3)->leading_pt * 0.6, r->w = w * 0.4, r->h = 0;
    if (c->rtl)
        r->x = left + w * 0.6;
    r->width = 1;
    r->color = color(c, DW_C_ACCENT);
    r->role = DW_R_ARTIFACT;
    const dw_para *h = one(c, word(c, "in-this-section"), DW_ST_H3, w, 0);
    for (size_t k = 0; k < h->n_lines; k++, y -= style(c, DW_ST_H3)->leading_pt)
        line_at(c, p, &h->lines[k], left, y, DW_C_TEXT, DW_R_ARTIFACT);
    const dw_style *ls = style(c, DW_ST_LIST);
    for (size_t k = 0; k < s->n_subs && y > ds->margin_bottom + ls->leading_pt; k++) {
        spans ss = {0};
        spans_text(c, &ss, &s->subs[k].title, 0);
        const dw_para *sp = set(c, &ss, DW_ST_LIST, w, false, s->subs[k].title.loc);
        for (size_t m = 0; m < sp->n_lines; m++, y -= ls->leading_pt)
            line_at(c, p, &sp->lines[m], left, y, DW_C_TEXT, DW_R_ARTIFACT);
    }
}

static void cover(ctx *c)
{
    dw_page *p = new_page(c);
    const dw_design *ds = c->ds;
    double band = ds->page_h * 0.42, left = c->fl, w = frame_width(c);
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_RECT;
    o->x = 0, o->y = ds->page_h - band, o->w = ds->page_w, o->h = band;
    o->color = color(c, DW_C_ACCENT);
    o->bleeds = true;
    o->role = DW_R_ARTIFACT;
    double y = ds->page_h - band + MM(14);
    /* title from the bottom of the band upwards: subtitle, then title */
    spans ss = {0};
    spans_text(c, &ss, &c->doc->subtitle, 0);
    const dw_para *sub = set(c, &ss, DW_ST_COVER_SUBTITLE, w, false, c->doc->subtitle.loc);
    spans ts = {0};
    spans_text(c, &ts, &c->doc->title, DW_FONT_BOLD);
    const dw_para *title = set(c, &ts, DW_ST_COVER_TITLE, w, false, c->doc->title.loc);
    /* set bottom-up; tagged top-down: title (H1) before subtitle (P) */
    int title_elem = elem_new(c, DW_R_H1), sub_elem = elem_new(c, DW_R_P);
    /* lines are drawn top-down, the order they are read in: an element's
     * marked content is its text in that order (PDF/UA)                 */
    double sub_lead = style(c, DW_ST_COVER_SUBTITLE)->leading_pt;
    double title_lead = style(c, DW_ST_COVER_TITLE)->leading_pt;
    double title_y = y + (double)sub->n_lines * sub_lead + MM(4);
    for (size_t i = 0; i < title->n_lines; i++) {
        line_at(c, p, &title->lines[i], left,
                title_y + (double)(title->n_lines - 1 - i) * title_lead, DW_C_PAPER, DW_R_ARTIFACT);
        p->ops[p->n_ops - 1].role = DW_R_H1;
        p->ops[p->n_ops - 1].elem = title_elem;
    }
    for (size_t i = 0; i < sub->n_lines; i++) {
        line_at(c, p, &sub->lines[i], left, y + (double)(sub->n_lines - 1 - i) * sub_lead,
                DW_C_PAPER, DW_R_ARTIFACT);
        p->ops[p->n_ops - 1].role = DW_R_P;
        p->ops[p->n_ops - 1].elem = sub_elem;
    }
    /* language name at the top of the band: people pick their folder */
    const dw_para *ln = one(c, c->lang->name, DW_ST_COVER_SUBTITLE, w, DW_FONT_BOLD);
    if (ln->n_lines)
        line_at(c, p, &ln->lines[0], left, ds->page_h - MM(22), DW_C_PAPER, DW_R_P);
    double my = ds->page_h - band - MM(16);
    const dw_text *meta[] = {&c->doc->publisher, &c->doc->office};
    for (int i = 0; i < 2; i++) {
        spans ms = {0};
        spans_text(c, &ms, meta[i], i == 0 ? DW_FONT_BOLD : 0);
        const dw_para *m = set(c, &ms, DW_ST_COVER_META, w, false, meta[i]->loc);
        for (size_t k = 0; k < m->n_lines; k++) {
            line_at(c, p, &m->lines[k], left, my, DW_C_TEXT, DW_R_P);
            my -= style(c, DW_ST_COVER_META)->leading_pt;
        }
    }
    my -= MM(4);
    char *ed = dw_sprintf(c->a, "%s: %s · %s %s", word(c, "edition"), date_str(c, c->doc->edition),
                          word(c, "version"), c->doc->version ? c->doc->version : "");
    const dw_para *e = one(c, ed, DW_ST_COVER_META, w, 0);
    for (size_t k = 0; k < e->n_lines; k++) {
        line_at(c, p, &e->lines[k], left, my, DW_C_TEXT, DW_R_P);
        my -= style(c, DW_ST_COVER_META)->leading_pt;
    }
}

/* A heading made of one of the language's words ("contents", "legal"),
 * with its top-level bookmark.                                         */
static box *word_heading(ctx *c, const char *key, int st, enum dw_role role)
{
    dw_span *sp = dw_alloc(c->a, sizeof *sp);
    *sp = (dw_span){DW_SPAN_TEXT, 0, word(c, key), NULL};
    dw_text t = {sp, 1, c->doc->loc};
    box *h = text_box(c, &t, st, role);
    h->outline_level = 1;
    h->outline_title = sp->text;
    return h;
}

/* Table of contents: top-level sections with their page numbers, each
 * entry a link.  Laid out once with placeholder numbers to know its size,
 * then filled in after the body is placed.                            */
static void toc(ctx *c, size_t first_page, bool fill)
{
    const dw_doc *doc = c->doc;
    double w = col_width(c), numw = MM(12);
    boxes bs = {0};
    push(c, &bs, word_heading(c, "contents", DW_ST_H1, DW_R_H1));
    for (size_t i = 0; i < doc->n_sections; i++) {
        box *b = box_new(c, DW_ST_TOC, DW_R_TOCI);
        spans s = {0};
        spans_text(c, &s, &doc->sections[i].title, 0);
        const dw_para *p = set(c, &s, DW_ST_TOC, w - numw, false, doc->sections[i].loc);
        double off = 0;
        put_lines(c, b, p, DW_ST_TOC, c->rtl ? numw : 0, &off, false, DW_R_TOCI);
        int pg = fill && c->section_page[i] >= 0 ? c->section_page[i] + 1 : 88;
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

static void legal(ctx *c)
{
    const dw_doc *doc = c->doc;
    if (!doc->n_legal)
        return;
    new_page(c);
    boxes bs = {0};
    box *h = word_heading(c, "legal", DW_ST_H2, DW_R_H2);
    h->before = 0;
    push(c, &bs, h);
    for (size_t i = 0; i < doc->n_legal; i++) {
        box *b = text_box(c, &doc->legal[i], DW_ST_CARD, DW_R_P);
        b->after = style(c, DW_ST_CARD)->leading_pt * 0.5;
        push(c, &bs, b);
    }
    place_all(c, &bs);
}

bool dw_layout_doc(const dw_doc *doc, const dw_design *ds, dw_shaper *sh, dw_arena *a,
                   dw_layout *out, dw_diag *d)
{
    memset(out, 0, sizeof *out);
    out->doc = doc;
    out->design = ds;
    ctx cc = {.doc = doc, .content = doc->content, .ds = ds, .lang = doc->lang, .sh = sh,
              .a = a, .d = d, .L = out, .rtl = doc->lang->rtl, .ok = true, .tab = -1,
              .grid = ds->baseline_grid < 0 ? ds->styles[DW_ST_BODY].leading_pt / 2
                                            : ds->baseline_grid};
    ctx *c = &cc;
    c->memo = dw_para_memo_new(a);
    c->what = dw_sprintf(a, "%s (%s)", doc->name, doc->lang->code);
    c->n_sections = doc->n_sections;
    c->n_tabs = (int)doc->n_sections;
    c->section_page = dw_alloc_array(a, doc->n_sections + 1, sizeof(int));
    for (size_t i = 0; i < doc->n_sections; i++)
        c->section_page[i] = -1;

    c->phase = 0;
    cover(c);
    c->phase = 1;
    size_t toc_first = out->n_pages;
    size_t toc_pages = 0;
    if (ds->toc) {
        new_page(c);
        size_t before_outline = out->n_outline;
        toc(c, toc_first, false);
        toc_pages = out->n_pages - toc_first;
        /* the real run adds its own outline entry; drop the trial's */
        out->n_outline = before_outline;
        for (size_t i = toc_first; i < out->n_pages; i++)
            out->pages[i].n_ops = 0;
    }
    /* the body starts on a recto page */
    if (out->n_pages % 2 == 1)
        out->pages[new_page(c) - out->pages].blank = true;
    size_t body_first = out->n_pages;
    c->phase = 2;
    int *first_page_of_tab = dw_alloc_array(a, doc->n_sections + 1, sizeof(int));
    for (size_t i = 0; i < doc->n_sections; i++) {
        int tab_from = -1; /* the divider carries the section's tab too */
        if (ds->section_dividers) {
            divider(c, i);
            tab_from = (int)out->n_pages - 1;
        }
        if (i == 0 || ds->section_new_page || ds->section_dividers)
            new_page(c);
        else if (!c->page)
            new_page(c);
        first_page_of_tab[i] = tab_from >= 0 ? tab_from : (int)out->n_pages - 1;
        boxes bs = {0};
        section_boxes(c, &bs, &doc->sections[i], (int)i);
        place_section(c, &bs, (int)i);
        if (!c->ok)
            return false;
    }
    size_t body_end = out->n_pages;
    if (ds->toc) {
        c->phase = 1;
        size_t n_before = out->n_pages;
        toc(c, toc_first, true);
        if (out->n_pages != n_before || (size_t)(c->page - out->pages) >= toc_first + toc_pages)
            dw_warn(d, doc->loc, "%s (%s): the table of contents grew on its second pass",
                    doc->name, c->lang->code);
        /* outline: the TOC entry belongs before the sections */
        if (out->n_outline > 0) {
            dw_outline t = out->outline[out->n_outline - 1];
            memmove(out->outline + 1, out->outline, (out->n_outline - 1) * sizeof t);
            out->outline[0] = t;
        }
    }
    /* booklets: pad so that the legal notice ends on the last page of a
     * multiple of four (saddle stitching)                                 */
    if (ds->booklet)
        while ((out->n_pages + (doc->n_legal ? 1 : 0)) % 4 != 0)
            new_page(c)->blank = true;
    c->phase = 3;
    legal(c);
    if (!ds->booklet && out->n_pages % 2 == 1)
        new_page(c)->blank = true;
    /* furniture and register tabs */
    size_t sec = 0;
    for (size_t i = 1; i < out->n_pages; i++) {
        if (out->pages[i].blank)
            continue;
        while (sec + 1 < doc->n_sections && first_page_of_tab[sec + 1] <= (int)i)
            sec++;
        if (!out->pages[i].divider)
            furniture(c, i);
        if (i >= body_first && i < body_end && doc->n_sections)
            register_tab(c, i, (int)sec);
    }
    return c->ok;
}
