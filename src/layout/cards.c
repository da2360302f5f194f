/*
 * cards.c — contact and course cards, side by side in rows that are
 * never split, and which courses the course list shows in which order.
 */
#include "layout_int.h"

#include <math.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* An emergency number (a contact of the category "emergency" whose
 * phone is a short number: 110, 112, 116 117) is set EMERGENCY_SCALE
 * times the card title's size, bold, in the warning colour, right under
 * the title: the one thing a newcomer must find in seconds.           */
#define EMERGENCY_SCALE 2.6
#define EMERGENCY_DIGITS 6

static const char *emergency_number(const dw_contact *k)
{
    if (!k->category || strcmp(k->category, "emergency") != 0 || !k->phone)
        return NULL;
    size_t digits = 0;
    for (const char *p = k->phone; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p != ' ')
            return NULL;
    }
    return digits && digits <= EMERGENCY_DIGITS ? k->phone : NULL;
}

/* With the contact's pictogram (the layout's `icons:` names it by the
 * contact's id) at the start side, as tall as the digits and a little
 * more: police, fire, doctor, poison found without reading a word.     */
static void big_number(ctx *c, box *b, const char *number, const char *href, double x, double w,
                       double *off, dw_loc loc, const char *id)
{
    dw_loc iloc = {0};
    const char *icon = contact_icon(c, id, &iloc);
    double isz = style(c, DW_ST_CARD_TITLE)->size_pt * EMERGENCY_SCALE * 0.95;
    if (icon && w > isz * 4) {
        dw_op *o = box_op(c, b);
        icon_op_fill(c, o, isz, icon, iloc, DW_C_WARNING);
        o->x = c->rtl ? x + w - isz : x;
        o->y = o->rel = *off + style(c, DW_ST_CARD_TITLE)->size_pt * EMERGENCY_SCALE * 0.1;
        w -= isz + MM(2);
        if (!c->rtl)
            x += isz + MM(2);
    }
    spans ns = {0};
    span_add(c, &ns, number, DW_FONT_BOLD, true, href); /* as dialled: like every phone line */
    const dw_para *p = set_scaled(c, &ns, DW_ST_CARD_TITLE, EMERGENCY_SCALE, w, false, loc);
    double lead = style(c, DW_ST_CARD_TITLE)->size_pt * EMERGENCY_SCALE * 1.15;
    for (size_t i = 0; i < p->n_lines; i++) {
        /* room for the font's own ascent and descent: a script's font
         * (Noto Naskh in Arabic) may be taller than the leading         */
        const dw_line *ln = &p->lines[i];
        double asc = fmax(lead * 0.8, ln->ascent_pt), step = fmax(lead, asc + ln->descent_pt);
        dw_op *o = box_op(c, b);
        o->kind = DW_OP_LINE;
        o->line = ln;
        o->x = x;
        o->rel = *off;
        o->y = *off + asc;
        o->color = color(c, DW_C_WARNING);
        o->link_color = color(c, DW_C_WARNING);
        o->role = DW_R_P;
        *off += step;
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

/* A card: title, lines of label: value, a warning when unverified; a
 * QR code of qr (a web address) at the end side: beside the text in a
 * wide card, under it in a narrow one; an emergency number big.         */
static double card(ctx *c, box *b, double x, double w, const char *title, bool german,
                   const char *subtitle, const dw_text *about, spans *fields, bool unverified,
                   const char *qr, dw_loc loc, const char *big, const char *big_href,
                   const char *big_id)
{
    double pad = style(c, DW_ST_CARD)->size_pt * 0.7, off = pad;
    bool beside = qr && w - 2 * pad - QR_SIZE >= MM(60);
    double tw = w - 2 * pad - (beside ? QR_SIZE + pad : 0);
    double tx = x + pad + (beside && c->rtl ? QR_SIZE + pad : 0);
    double qx = c->rtl ? x + pad : x + w - pad - QR_SIZE;
    size_t rect = b->n;
    box_rect(c, b, x, 0, w, 1, DW_C_ACCENT_LIGHT);
    spans ts = {0};
    span_add(c, &ts, title, DW_FONT_BOLD, false, NULL);
    if (german)
        german_last(c, &ts);
    put_lines(c, b, set(c, &ts, DW_ST_CARD_TITLE, tw, false, loc), DW_ST_CARD_TITLE,
              tx, &off, false, DW_R_H3);
    if (big)
        big_number(c, b, big, big_href, tx, tw, &off, loc, big_id);
    if (subtitle) {
        spans ss = {0};
        span_add(c, &ss, subtitle, DW_FONT_BOLD, false, NULL);
        german_last(c, &ss);
        put_lines(c, b, set(c, &ss, DW_ST_CARD, tw, false, loc), DW_ST_CARD, tx,
                  &off, false, DW_R_P);
    }
    if (about) {
        spans as = {0};
        spans_text(c, &as, about, 0);
        put_lines(c, b, set(c, &as, DW_ST_CARD, tw, false, about->loc), DW_ST_CARD,
                  tx, &off, false, DW_R_P);
        off += style(c, DW_ST_CARD)->leading_pt * 0.3;
    }
    if (fields->n)
        put_lines(c, b, set(c, fields, DW_ST_CARD, tw, false, loc), DW_ST_CARD, tx,
                  &off, false, DW_R_P);
    if (unverified) {
        spans us = {0};
        span_add(c, &us, word(c, "unverified"), DW_FONT_ITALIC, false, NULL);
        put_lines(c, b, set(c, &us, DW_ST_SMALL, tw, false, loc), DW_ST_SMALL, tx,
                  &off, false, DW_R_NOTE);
    }
    if (qr && beside) {
        box_qr(c, b, qx, pad, qr);
        if (off < pad + QR_SIZE)
            off = pad + QR_SIZE;
    } else if (qr) {
        off += pad * 0.5;
        box_qr(c, b, qx, off, qr);
        off += QR_SIZE;
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
    const char *big = emergency_number(k);
    if (!big && k->phone && contact_icon(c, k->id, NULL))
        big = k->phone; /* a number with a pictogram: large too (doctor on call, poison line) */
    if (!big)
        line_of(c, &f, word(c, "phone"), k->phone, DW_SPAN_TEL, k->phone_href);
    line_of(c, &f, word(c, "email"), k->email, DW_SPAN_MAIL, k->email_href);
    line_of(c, &f, word(c, "web"), k->web, DW_SPAN_WEB, k->web_href);
    for (size_t i = 0; i < k->n_hours; i++) {
        char *t = dw_fmt_range(c->a, c->lang, digits(c, k->hours[i].from),
                               digits(c, k->hours[i].to), false);
        line_of(c, &f, i == 0 ? word(c, "hours") : NULL, days_str(c, k->hours[i].days),
                DW_SPAN_TEXT, NULL);
        span_add(c, &f, " ", 0, false, NULL);
        span_add(c, &f, t, 0, true, NULL);
    }
    if (k->n_languages) {
        const char **names = dw_alloc_array(c->a, k->n_languages, sizeof *names);
        for (size_t i = 0; i < k->n_languages; i++) {
            const dw_lang *l = dw_content_lang(c->doc->content, k->languages[i]);
            names[i] = l ? l->name : k->languages[i];
        }
        line_of(c, &f, word(c, "languages-spoken"),
                dw_fmt_list(c->a, c->lang, names, k->n_languages), DW_SPAN_TEXT, NULL);
    }
    return card(c, b, x, w, k->name, true, k->unit, dw_contact_about(k, c->lang->code), &f,
                k->unverified, k->web_href, k->loc, big, k->phone_href, k->id);
}

/* What a course costs, in the language's words; short_form: the few
 * words a timetable cell holds ("BAMF rules") instead of the sentence. */
const char *course_cost(ctx *c, const dw_course *k, bool short_form)
{
    if (k->cost == DW_COST_FREE)
        return word(c, "cost-free");
    if (k->cost == DW_COST_BAMF)
        return word(c, short_form ? "cost-bamf-short" : "cost-bamf");
    return dw_fmt_euros(c->a, c->lang, k->cost_euros);
}

/* A box showing sample data: the pages it lands on get the band. */
void course_sample(ctx *c, box *b, const dw_course *k)
{
    if (!k->sample)
        return;
    b->sample = true;
    if (!c->L->sample_loc.file)
        c->L->sample_loc = k->sample_loc;
}

static double course_card(ctx *c, box *b, double x, double w, const dw_course *k)
{
    spans f = {0};
    line_of(c, &f, word(c, "level"), k->level, DW_SPAN_LTR, NULL);
    /* the course's own address, else its town: the provider's office may
     * be in another town than the course                               */
    line_of(c, &f, word(c, "place"), k->address ? k->address : k->place, DW_SPAN_LTR, NULL);
    line_of(c, &f, word(c, "dates"),
            dw_fmt_range(c->a, c->lang, date_str(c, k->start), date_str(c, k->end), true),
            DW_SPAN_LTR, NULL);
    line_of(c, &f, word(c, "schedule"), days_str(c, k->days), DW_SPAN_TEXT, NULL);
    span_add(c, &f, " ", 0, false, NULL);
    span_add(c, &f, dw_fmt_range(c->a, c->lang, digits(c, k->from), digits(c, k->to), false), 0,
             true, NULL);
    line_of(c, &f, word(c, "cost"), course_cost(c, k, false), DW_SPAN_TEXT, NULL);
    line_of(c, &f, word(c, "childcare"), word(c, k->childcare ? "yes" : "no"), DW_SPAN_TEXT, NULL);
    if (k->provider && k->provider->phone)
        line_of(c, &f, word(c, "phone"), k->provider->phone, DW_SPAN_TEL,
                k->provider->phone_href);
    const char *title = k->provider ? k->provider->name : k->id;
    course_sample(c, b, k);
    return card(c, b, x, w, title, k->provider != NULL, k->provider ? k->provider->unit : NULL, NULL, &f,
                k->unverified, NULL, k->loc, NULL, NULL, NULL);
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
        size_t first_rect[8] = {0}; /* card-columns is at most 4 (content/design.c) */
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


static int cmp_course(const void *a, const void *b)
{
    const dw_course *x = *(const dw_course *const *)a, *y = *(const dw_course *const *)b;
    long dx = dw_date_days(x->start), dy = dw_date_days(y->start);
    if (dx != dy)
        return dx < dy ? -1 : 1;
    int p = strcmp(x->place, y->place);
    return p ? p : strcmp(x->id, y->id);
}

/* A block of contacts: their cards in rows. */
void contact_boxes(ctx *c, boxes *bs, const dw_block *bl)
{
    box **v = dw_alloc_array(c->a, bl->as.contacts.n + 1, sizeof *v);
    size_t n = 0;
    card_rows(c, &v, &n, (const void *const *)bl->as.contacts.list, bl->as.contacts.n,
              contact_thunk);
    for (size_t i = 0; i < n; i++)
        push(c, bs, v[i]);
}

/* The course list as cards (the layout's `courses: {view: cards}`; else
 * timetable.c): for each course type, in the order of dw_course_types, that the block
 * asks for (all when it names none), a heading and the cards of the
 * courses of that type not yet over at the edition date, sorted by
 * start date, place and id.                                           */
bool course_wanted(const dw_block *bl, const char *type)
{
    bool wanted = bl->as.courses.n_types == 0;
    for (size_t i = 0; i < bl->as.courses.n_types; i++)
        wanted |= strcmp(bl->as.courses.types[i], type) == 0;
    return wanted;
}

/* A course is listed until it is over at the edition date. */
bool course_shown(ctx *c, const dw_course *k)
{
    return dw_date_days(k->end) >= dw_date_days(c->doc->edition);
}

void course_boxes(ctx *c, boxes *bs, const dw_block *bl)
{
    if (!c->ds->course_cards) {
        course_timetable(c, bs, bl);
        return;
    }
    const dw_content *ct = c->doc->content;
    for (const char *const *type = dw_course_types; *type; type++) {
        if (!course_wanted(bl, *type))
            continue;
        const dw_course **sel = dw_alloc_array(c->a, ct->n_courses + 1, sizeof *sel);
        size_t n = 0;
        for (size_t i = 0; i < ct->n_courses; i++)
            if (strcmp(ct->courses[i].type, *type) == 0 && course_shown(c, &ct->courses[i]))
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
}
