/*
 * timetable.c — the course list as a timetable: the courses a `courses:`
 * block shows (cards.c chooses them), grouped by town and, within a town,
 * by course type; one row per course (provider, level, dates, days and
 * times, cost, childcare) and the providers' addresses and phones once,
 * under the town's rows.  The rows are the tables of blocks.c: columns
 * sized from the content of every row of every town (so all towns share
 * one grid and compare at a glance), mirrored in right-to-left
 * languages, the header repeated (with the town) atop a new page, no row
 * split.  The layout's `courses: {view: cards}` gives the cards instead.
 */
#include "layout_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { COL_PROVIDER, COL_LEVEL, COL_DATES, COL_SCHEDULE, COL_COST, COL_CHILDCARE, N_COLS };
static const char *const col_words[N_COLS] = {"provider", "level", "dates",
                                              "schedule", "cost", "childcare"};

/* Cells in the layout's `timetable` style (a step below the cards: six
 * columns in the A5 measure); the header row the same size, bold.     */
#define ST DW_ST_TIMETABLE

/* A cell of one span. */
static dw_text cell1(ctx *c, enum dw_span_kind kind, const char *text, dw_loc loc)
{
    dw_span *sp = dw_alloc(c->a, sizeof *sp);
    *sp = (dw_span){kind, 0, text && *text ? text : "–", NULL};
    return (dw_text){sp, 1, loc};
}

/* Days over times: "Mo–Fr" above "08:30–12:45" (U+2028: a line, not a
 * bidi paragraph), so every row reads the same way; the hours are a
 * left-to-right isolate whose range src/text/numbers.c sets start-first
 * in right-to-left.                                                    */
static dw_text schedule_cell(ctx *c, const dw_course *k)
{
    dw_span *sp = dw_alloc_array(c->a, 3, sizeof *sp);
    sp[0] = (dw_span){DW_SPAN_TEXT, 0, days_str_short(c, k->days), NULL};
    sp[1] = (dw_span){DW_SPAN_TEXT, 0, "\xE2\x80\xA8", NULL};
    sp[2] = (dw_span){DW_SPAN_LTR, 0,
                      dw_fmt_range(c->a, c->lang, digits(c, k->from), digits(c, k->to), false),
                      NULL};
    return (dw_text){sp, 3, k->loc};
}

/* The start over the end: "11.01.2027 –" above "27.08.2027", each date
 * a left-to-right isolate and the dash after the start in the
 * paragraph's direction (a neutral after an isolate at the end of a
 * line takes the paragraph's direction: UAX #9 N1/N2), so in Arabic and
 * Persian the dash stands left of the start; the start dates of all rows
 * stand in one line, the first a reader compares.  The dash and its
 * spaces are dw_fmt_range's spaced form.                               */
static dw_text dates_cell(ctx *c, const dw_course *k)
{
    const char *from = date_str(c, k->start), *to = date_str(c, k->end);
    const char *all = dw_fmt_range(c->a, c->lang, from, to, true);
    size_t dash = strlen(all) - strlen(from) - strlen(to);
    while (dash && all[strlen(from) + dash - 1] == ' ')
        dash--; /* the dash ends the line: no space after it */
    dw_span *sp = dw_alloc_array(c->a, 4, sizeof *sp);
    sp[0] = (dw_span){DW_SPAN_LTR, 0, from, NULL};
    sp[1] = (dw_span){DW_SPAN_TEXT, 0, dw_strndup(c->a, all + strlen(from), dash), NULL};
    sp[2] = (dw_span){DW_SPAN_TEXT, 0, "\xE2\x80\xA8", NULL};
    sp[3] = (dw_span){DW_SPAN_LTR, 0, to, NULL};
    return (dw_text){sp, 4, k->loc};
}

/* A head word this many times wider than its column's cells is
 * hyphenated over two lines; a shorter one widens the column.         */
#define HYPHENATE_HEAD 1.6

/* The narrowest width, from floor up, at which a head cell sets in two
 * lines at most, hyphenated where a word is wider ("Kinder-betreuung"
 * over a column of "ja" and "nein"), padding included; its one-line
 * width when nothing narrower works.  Trial settings report nothing.   */
static double head_width(ctx *c, const dw_text *t, double floor)
{
    double one = table_cell_width(c, t, ST, true, false), pad;
    double word = table_cell_width(c, t, ST, true, true);
    if (word <= floor * HYPHENATE_HEAD) /* its longest word is not much wider: keep it whole */
        return fmax(floor, word);
    spans s = {0};
    spans_text(c, &s, t, DW_FONT_BOLD);
    pad = one - set_plain(c, &s, ST, 1e5, t->loc)->lines[0].width_pt; /* 2 × the cell's padding */
    dw_diag quiet, *d = c->d;
    dw_diag_init(&quiet);
    /* trial settings report into quiet; c->d is restored below, before
     * quiet goes out of scope */
    c->d = &quiet; // cppcheck-suppress autoVariables
    double w = one;
    for (double x = fmax(floor, pad + 1); x < one; x += 1) {
        const dw_para *p = set(c, &s, ST, x - pad, false, t->loc);
        bool fits = p->n_lines <= 2;
        for (size_t i = 0; i < p->n_lines && fits; i++)
            fits = p->lines[i].width_pt <= x - pad + 0.01;
        if (fits) {
            w = x;
            break;
        }
    }
    c->d = d;
    dw_diag_fini(&quiet);
    return w;
}

/* A set width equal to the measure does not always fit it again (sums
 * of advances round differently): fixed columns get this much more.   */
#define FIT_SLACK 0.5

/* Column widths: the columns of set shapes (level, dates, days and
 * times, childcare) as wide as their widest cell (a head may take two
 * lines); the rest of the measure to the provider and the cost, shared
 * as blocks.c shares an automatic table's (CSS 2.1 17.5.2.2).  Where
 * even that does not fit, blocks.c sizes every column.                 */
static void widths(ctx *c, const dw_block *tb, double total, double *cw)
{
    static const bool fixed[N_COLS] = {[COL_LEVEL] = true, [COL_DATES] = true,
                                       [COL_SCHEDULE] = true, [COL_CHILDCARE] = true};
    double mn[N_COLS], mx[N_COLS], rest = total, smin = 0, smax = 0;
    for (int k = 0; k < N_COLS; k++) {
        mn[k] = mx[k] = 0;
        for (size_t r = 0; r < tb->as.table.n_rows; r++) {
            const dw_text *t = &tb->as.table.cells[r * N_COLS + (size_t)k];
            mn[k] = fmax(mn[k], table_cell_width(c, t, ST, false, true));
            mx[k] = fmax(mx[k], table_cell_width(c, t, ST, false, false));
        }
        if (fixed[k]) {
            cw[k] = head_width(c, &tb->as.table.head[k], mx[k]) + FIT_SLACK;
            rest -= cw[k];
        } else {
            mn[k] = fmax(mn[k], table_cell_width(c, &tb->as.table.head[k], ST, true, true));
            mx[k] = fmax(mx[k], table_cell_width(c, &tb->as.table.head[k], ST, true, false));
            smin += mn[k], smax += mx[k];
        }
    }
    if (rest < smin) {
        table_widths_in(c, tb, ST, ST, total, cw);
        return;
    }
    for (int k = 0; k < N_COLS; k++)
        if (!fixed[k])
            cw[k] = rest >= smax ? mx[k] + (k == COL_PROVIDER ? rest - smax : 0)
                                 : mn[k] + (mx[k] - mn[k]) * (rest - smin) / (smax - smin);
}

/* An address that breaks only after its commas: street and number, and
 * postcode and town, stay together (U+00A0 for the other spaces).      */
static const char *address_parts(ctx *c, const char *a)
{
    size_t n = 0;
    for (const char *p = a; *p; p++)
        n += *p == ' ' ? 2 : 1;
    char *out = dw_alloc(c->a, n + 1), *o = out;
    for (const char *p = a; *p; p++) {
        if (*p == ' ' && p > a && p[-1] != ',') {
            *o++ = (char)0xC2;
            *o++ = (char)0xA0;
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    return out;
}

static void row_cells(ctx *c, const dw_course *k, dw_text *cells)
{
    /* the provider's name as on its door: German in every language */
    cells[COL_PROVIDER] = k->provider ? cell1(c, DW_SPAN_DE, k->provider->name, k->loc)
                                      : cell1(c, DW_SPAN_LTR, k->id, k->loc);
    if (k->provider && strcmp(c->lang->code, DW_SOURCE_LANG) == 0)
        cells[COL_PROVIDER].spans->kind = DW_SPAN_TEXT;
    if (k->address) { /* where the course is, when not at the provider */
        dw_span *sp = dw_alloc_array(c->a, 3, sizeof *sp);
        sp[0] = cells[COL_PROVIDER].spans[0];
        sp[1] = (dw_span){DW_SPAN_TEXT, 0, "\xE2\x80\xA8", NULL};
        sp[2] = (dw_span){DW_SPAN_LTR, 0, address_parts(c, k->address), NULL};
        cells[COL_PROVIDER] = (dw_text){sp, 3, k->loc};
    }
    cells[COL_LEVEL] = cell1(c, DW_SPAN_LTR, k->level, k->loc);
    cells[COL_DATES] = dates_cell(c, k);
    cells[COL_SCHEDULE] = schedule_cell(c, k);
    cells[COL_COST] = cell1(c, DW_SPAN_TEXT, course_cost(c, k, true), k->loc);
    cells[COL_CHILDCARE] = cell1(c, DW_SPAN_TEXT, word(c, k->childcare ? "yes" : "no"), k->loc);
}

/* Towns in German alphabetical order (DIN 5007-1: ä as a, ß as ss), so
 * Barßel and Bösel stand among the B's.                               */
static void fold(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 3 < cap; p++) {
        if (p[0] == 0xC3 && p[1]) {
            unsigned char x = p[1];
            p++;
            out[n++] = x == 0xA4 || x == 0x84 ? 'a' : x == 0xB6 || x == 0x96 ? 'o'
                     : x == 0xBC || x == 0x9C ? 'u' : x == 0x9F ? 's' : '~';
            if (x == 0x9F)
                out[n++] = 's';
            continue;
        }
        out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    }
    out[n] = 0;
}

static int type_rank(const char *type)
{
    int i = 0;
    for (const char *const *t = dw_course_types; *t; t++, i++)
        if (strcmp(*t, type) == 0)
            return i;
    return i;
}

static int cmp_row(const void *a, const void *b)
{
    const dw_course *x = *(const dw_course *const *)a, *y = *(const dw_course *const *)b;
    char fx[128], fy[128];
    fold(x->place, fx, sizeof fx);
    fold(y->place, fy, sizeof fy);
    int d = strcmp(fx, fy);
    if (!d)
        d = strcmp(x->place, y->place);
    if (!d)
        d = type_rank(x->type) - type_rank(y->type);
    if (d)
        return d;
    long dx = dw_date_days(x->start), dy = dw_date_days(y->start);
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* A town of at most this many courses is not split across pages (a
 * third of an A5 page); a larger one breaks between rows.             */
#define KEEP_TOWN_ROWS 4

/* ops of src appended to dst, offset down by dy */
static void copy_ops(ctx *c, box *dst, const box *src, double dy)
{
    for (size_t i = 0; i < src->n; i++) {
        dw_op *o = box_op(c, dst);
        *o = src->ops[i];
        o->rel += dy;
        o->y += dy;
    }
}

/* The course type above its courses in a town: one header cell across
 * the row, bold in the accent colour.                                  */
static box *type_row(ctx *c, const char *type, dw_loc loc)
{
    box *b = box_new(c, ST, DW_R_TR);
    double pad = 3.0, off = pad + 1.5;
    spans s = {0};
    span_add(c, &s, word(c, dw_sprintf(c->a, "course-%s", type)), DW_FONT_BOLD, false, NULL);
    size_t first = b->n;
    put_lines(c, b, set_plain(c, &s, ST, col_width(c) - 2 * pad, loc), ST, pad, &off, false,
              DW_R_TH);
    for (size_t i = first; i < b->n; i++)
        b->ops[i].color = color(c, DW_C_ACCENT);
    b->height = off + pad * 0.5;
    box_rule(c, b, 0, b->height, col_width(c), b->height, 0.75, DW_C_ACCENT);
    b->before = b->after = 0;
    b->keep_with_next = true;
    return b;
}

/* The note that courses are not yet confirmed, in the warning colour. */
static void put_unverified(ctx *c, box *b, double *off, dw_loc loc)
{
    spans us = {0};
    span_add(c, &us, word(c, "unverified"), DW_FONT_ITALIC, false, NULL);
    put_lines(c, b, set(c, &us, DW_ST_SMALL, col_width(c), false, loc), DW_ST_SMALL, 0, off,
              false, DW_R_P);
}

/* Under a town's rows: each provider of its courses once, with address
 * and phone; the note that its courses are unconfirmed, once, unless
 * the note stands above the whole list (noted).                       */
static box *providers_box(ctx *c, const dw_course *const *v, size_t n, bool noted, dw_loc loc)
{
    box *b = box_new(c, ST, DW_R_P);
    spans s = {0};
    bool unverified = false;
    for (size_t i = 0; i < n; i++) {
        unverified |= v[i]->unverified && !noted;
        const dw_contact *p = v[i]->provider;
        bool seen = !p;
        for (size_t j = 0; j < i && !seen; j++)
            seen = v[j]->provider == p;
        if (seen)
            continue;
        if (s.n)
            span_add(c, &s, "\xE2\x80\xA8", 0, false, NULL); /* U+2028: a line of its own */
        /* in right-to-left text the name is an isolate like the address:
         * else the neutral ": " between them takes the Latin direction on
         * every line but the last (UAX #9 N1), and the lines disagree   */
        span_add(c, &s, p->name, DW_FONT_BOLD, c->rtl, NULL);
        if (strcmp(c->lang->code, DW_SOURCE_LANG) != 0)
            s.v[s.n - 1].lang = DW_SOURCE_LANG;
        const char *addr = p->address;
        const char *sep = c->lang->list_sep ? c->lang->list_sep : ", ";
        if (addr) {
            span_add(c, &s, ": ", 0, false, NULL);
            span_add(c, &s, address_parts(c, addr), 0, true, NULL);
            lang_of_last(c, &s);
        }
        if (p->phone) {
            span_add(c, &s, dw_sprintf(c->a, "%s%s ", addr ? sep : ": ", word(c, "phone")),
                     0, false, NULL);
            span_add(c, &s, p->phone, 0, true, p->phone_href);
        }
    }
    double off = style(c, ST)->leading_pt * 0.35;
    if (s.n)
        put_lines(c, b, set(c, &s, ST, col_width(c), false, loc), ST, 0, &off, false, DW_R_P);
    if (unverified)
        put_unverified(c, b, &off, loc);
    b->height = off;
    b->before = 0;
    b->after = style(c, DW_ST_BODY)->after_pt * 1.5;
    return b;
}

void course_timetable(ctx *c, boxes *bs, const dw_block *bl)
{
    const dw_content *ct = c->doc->content;
    const dw_course **v = dw_alloc_array(c->a, ct->n_courses + 1, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < ct->n_courses; i++)
        if (course_wanted(bl, ct->courses[i].type) && course_shown(c, &ct->courses[i]))
            v[n++] = &ct->courses[i];
    if (!n)
        return;
    qsort(v, n, sizeof *v, cmp_row);

    /* one grid for all towns: widths from the header and every row */
    dw_text *head = dw_alloc_array(c->a, N_COLS, sizeof *head);
    for (int k = 0; k < N_COLS; k++)
        head[k] = cell1(c, DW_SPAN_TEXT, word(c, col_words[k]), bl->loc);
    dw_text *cells = dw_alloc_array(c->a, n * N_COLS, sizeof *cells);
    for (size_t i = 0; i < n; i++)
        row_cells(c, v[i], cells + i * N_COLS);
    dw_block tb = {.kind = DW_BLOCK_TABLE, .loc = bl->loc,
                   .as.table = {.head = head, .cells = cells, .n_cols = N_COLS, .n_rows = n}};
    double cw[N_COLS];
    widths(c, &tb, col_width(c), cw);

    /* no course confirmed (the sample list): the note once, above all */
    bool all_unverified = true;
    for (size_t i = 0; i < n; i++)
        all_unverified &= v[i]->unverified;
    if (all_unverified) {
        box *b = box_new(c, ST, DW_R_P);
        double off = 0;
        put_unverified(c, b, &off, bl->loc);
        b->height = off;
        b->before = 0;
        b->after = style(c, DW_ST_BODY)->after_pt;
        push(c, bs, b);
    }
    for (size_t g = 0; g < n;) {
        size_t end = g;
        while (end < n && strcmp(v[end]->place, v[g]->place) == 0)
            end++;
        /* the town, and the header row on the accent in paper white */
        dw_text name = cell1(c, DW_SPAN_TEXT, v[g]->place, v[g]->loc);
        box *town = text_box(c, &name, DW_ST_H3, heading_role(c->level + 1));
        for (size_t i = 0; i < town->n; i++)
            town->ops[i].color = color(c, DW_C_ACCENT);
        push(c, bs, town);
        box *hr = table_row_in(c, head, N_COLS, cw, true, ST, DW_C_ACCENT);
        for (size_t i = 0; i < hr->n; i++)
            if (hr->ops[i].kind == DW_OP_LINE)
                hr->ops[i].color = color(c, DW_C_PAPER);
        hr->keep_with_next = true;
        push(c, bs, hr);
        /* atop a new page: the town and the header row again, and the
         * course type when a page breaks inside a type's rows           */
        box *rep = box_new(c, ST, DW_R_NONE);
        copy_ops(c, rep, town, 0);
        copy_ops(c, rep, hr, town->height + town->after);
        rep->height = town->height + town->after + hr->height;
        box *rep_type = rep;

        const char *type = NULL;
        int zebra = 0;
        for (size_t i = g; i < end; i++) {
            if (!type || strcmp(type, v[i]->type) != 0) {
                type = v[i]->type;
                box *t = type_row(c, type, v[i]->loc);
                t->repeat = rep;
                rep_type = box_new(c, ST, DW_R_NONE);
                copy_ops(c, rep_type, rep, 0);
                copy_ops(c, rep_type, t, rep->height);
                rep_type->height = rep->height + t->height;
                course_sample(c, t, v[i]);
                push(c, bs, t);
                zebra = 0;
            }
            box *r = table_row_in(c, cells + i * N_COLS, N_COLS, cw, false, ST,
                                  zebra++ % 2 ? DW_C_ACCENT_LIGHT : -1);
            r->repeat = rep_type;
            course_sample(c, r, v[i]);
            /* a small town stays on one page; a larger one keeps its
             * header with its first two rows, its last row with the
             * providers under it                                         */
            r->keep_with_next = end - g <= KEEP_TOWN_ROWS || i + 1 == end ||
                                (i == g && strcmp(v[g + 1]->type, type) == 0);
            push(c, bs, r);
        }
        push(c, bs, providers_box(c, v + g, end - g, all_unverified, v[g]->loc));
        g = end;
    }
}
