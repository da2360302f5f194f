/*
 * format.c — numbers, amounts, lists, dates and ranges as the language
 * writes them: the one formatter every number druckwerk prints goes
 * through (dw_fmt_*, unit-tested for all languages in
 * tests/unit/test_format.c and against CLDR by tests/t_format.sh), and
 * the days of the week.  The language file gives the digits, the
 * decimal, group and list separators (CLDR's symbols), the date pattern
 * and, in words/cost-euros, where an amount goes ("{n} Euro").
 */
#include "layout_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static char *done(dw_arena *a, dw_buf *b)
{
    char *r = dw_strndup(a, b->data ? b->data : "", b->len);
    dw_buf_fini(b);
    return r;
}

/* ASCII digits → the language's digits; everything else as it is. */
char *dw_fmt_digits(dw_arena *a, const dw_lang *l, const char *s)
{
    if (l->digits == DW_DIGITS_LATIN)
        return dw_strdup(a, s);
    uint32_t zero = l->digits == DW_DIGITS_ARABIC_INDIC ? 0x0660 : 0x06F0;
    dw_buf b;
    dw_buf_init(&b);
    for (const char *p = s; *p; p++) {
        char u[8];
        if (*p >= '0' && *p <= '9')
            dw_buf_put(&b, u, (size_t)dw_utf8_put(u, zero + (uint32_t)(*p - '0')));
        else
            dw_buf_putc(&b, *p);
    }
    return done(a, &b);
}

/* n in the language's digits, grouped by three from 1,000 when group. */
char *dw_fmt_int(dw_arena *a, const dw_lang *l, long long n, bool group)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", n < 0 ? -n : n);
    const char *gs = l->group_sep ? l->group_sep : "";
    dw_buf b;
    dw_buf_init(&b);
    if (n < 0)
        dw_buf_putc(&b, '-');
    size_t len = strlen(tmp);
    for (size_t i = 0; i < len; i++) {
        if (group && i > 0 && (len - i) % 3 == 0)
            dw_buf_puts(&b, gs);
        dw_buf_putc(&b, tmp[i]);
    }
    char *ascii = done(a, &b);
    return dw_fmt_digits(a, l, ascii);
}

/* A decimal amount given in hundredths: "85,50", "1.234.567", "٨٥٫٥٠";
 * no decimals when it is whole.                                          */
char *dw_fmt_hundredths(dw_arena *a, const dw_lang *l, long long h)
{
    long long whole = (h < 0 ? -h : h) / 100, frac = (h < 0 ? -h : h) % 100;
    char *w = dw_fmt_int(a, l, h < 0 ? -whole : whole, true);
    if (frac == 0)
        return w;
    char f[4];
    snprintf(f, sizeof f, "%02lld", frac);
    return dw_sprintf(a, "%s%s%s", w, l->decimal_sep ? l->decimal_sep : ".",
                      dw_fmt_digits(a, l, f));
}

/* Euros (cents exact: the loader keeps two decimals) in the language's
 * pattern, words/cost-euros: "{n} Euro", "{n} يورو".                     */
char *dw_fmt_euros(dw_arena *a, const dw_lang *l, double euros)
{
    char *n = dw_fmt_hundredths(a, l, llround(euros * 100));
    const char *tpl = dw_lang_word(l, "cost-euros");
    const char *at = tpl ? strstr(tpl, "{n}") : NULL;
    if (!at)
        return dw_sprintf(a, "%s €", n);
    return dw_sprintf(a, "%.*s%s%s", (int)(at - tpl), tpl, n, at + 3);
}

/* Items joined with the language's list separator ("، " in ar and fa). */
char *dw_fmt_list(dw_arena *a, const dw_lang *l, const char *const *items, size_t n)
{
    dw_buf b;
    dw_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i)
            dw_buf_puts(&b, l->list_sep ? l->list_sep : ", ");
        dw_buf_puts(&b, items[i]);
    }
    return done(a, &b);
}

/* A date in the language's pattern and digits. */
char *dw_fmt_date(dw_arena *a, const dw_lang *l, dw_date dt)
{
    const char *f = l->date_format ? l->date_format : "{y}-{m}-{d}";
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
    return dw_fmt_digits(a, l, done(a, &b));
}

/* A range, start first in logical order: "08:30–12:30"; with spaces
 * around the dash when a side has a space or is a date ("01.02.2027 –
 * 15.03.2027").  In right-to-left text the text stage isolates each
 * side (src/text/numbers.c), so the start reads first there too.       */
char *dw_fmt_range(dw_arena *a, const dw_lang *l, const char *from, const char *to,
                   bool spaced)
{
    (void)l;
    return dw_sprintf(a, "%s%s%s", from, spaced ? " – " : "–", to);
}

/* ---- the layout's shorthands ------------------------------------------- */
char *digits(ctx *c, const char *s)
{
    return dw_fmt_digits(c->a, c->lang, s);
}

char *number(ctx *c, long n)
{
    return dw_fmt_int(c->a, c->lang, n, false); /* page and list numbers */
}

char *date_str(ctx *c, dw_date dt)
{
    return dw_fmt_date(c->a, c->lang, dt);
}

static char *days_in(ctx *c, unsigned days, bool short_form);

char *days_str(ctx *c, unsigned days)
{
    return days_in(c, days, false);
}

/* The same with the language's short day names ("mo-short": CLDR's short
 * form where the abbreviated one is the whole name, as in Arabic), for
 * timetable cells; a language without them uses its day words.       */
char *days_str_short(ctx *c, unsigned days)
{
    return days_in(c, days, true);
}

static const char *day_word(ctx *c, int i, bool short_form)
{
    const char *w = short_form ? dw_lang_word(c->lang, dw_sprintf(c->a, "%s-short", dw_day_keys[i]))
                               : NULL;
    return w ? w : word(c, dw_day_keys[i]);
}

static char *days_in(ctx *c, unsigned days, bool short_form)
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
            dw_buf_puts(&b, c->lang->list_sep ? c->lang->list_sep : ", ");
        dw_buf_puts(&b, day_word(c, i, short_form));
        if (j >= i + 2) {
            dw_buf_puts(&b, "–");
            dw_buf_puts(&b, day_word(c, j, short_form));
        } else if (j == i + 1) {
            dw_buf_puts(&b, c->lang->list_sep ? c->lang->list_sep : ", ");
            dw_buf_puts(&b, day_word(c, j, short_form));
        }
        i = j + 1;
    }
    char *r = dw_strndup(c->a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return r;
}

/* ---- quotation marks ---------------------------------------------------- */
static bool word_char(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !(c >= 0x2000 && c <= 0x206F) &&
            c != 0x00AB && c != 0x00BB && c != 0x060C && c != 0x061F);
}

/* Where a quote opens (as in Typst's smart quotes): at the start, after
 * a space, an opening bracket, a dash, a slash or another opening quote. */
static bool opens(uint32_t prev)
{
    return prev == 0 || prev == ' ' || prev == '\n' || prev == 0xA0 || prev == 0x2028 ||
           prev == '(' || prev == '[' || prev == '{' || prev == '-' || prev == 0x2013 ||
           prev == 0x2014 || prev == '/' || prev == '"' || prev == '\'' || prev == 0x201C ||
           prev == 0x201E || prev == 0x00AB || prev == 0x2018 || prev == 0x201A ||
           prev == 0x2039;
}

const char *dw_fmt_quotes(dw_arena *a, const dw_lang *l, const char *s, dw_quote_state *st)
{
    bool marks = l->quotes[0] && l->quotes[1] && l->quotes[2] && l->quotes[3];
    if (!marks && !l->apostrophe)
        return s;
    if (!strchr(s, '"') && !strchr(s, '\'')) {
        /* nothing to change: remember the last character for the next span */
        size_t len = strlen(s), i = 0;
        while (i < len) {
            int32_t c = dw_utf8_next(s, len, &i);
            if (c >= 0)
                st->prev = (uint32_t)c;
        }
        return s;
    }
    dw_buf b;
    dw_buf_init(&b);
    size_t len = strlen(s), i = 0;
    while (i < len) {
        size_t at = i;
        int32_t c = dw_utf8_next(s, len, &i);
        if (c < 0) { /* the loader has checked the UTF-8; keep the byte */
            dw_buf_putc(&b, s[at]);
            i = at + 1;
            continue;
        }
        size_t j = i;
        int32_t next = j < len ? dw_utf8_next(s, len, &j) : 0;
        const char *out = NULL;
        if (c == '"' && marks) {
            /* opening after a space or bracket; else closing the open one */
            bool open = opens(st->prev) || (!st->open_double && !word_char(st->prev));
            out = l->quotes[open ? 0 : 1];
            st->open_double = open;
        } else if (c == '\'') {
            if (word_char(st->prev) && !(st->open_single && !word_char((uint32_t)next)))
                out = l->apostrophe; /* don't, children's, Zʼ */
            else if (marks && opens(st->prev)) {
                out = l->quotes[2];
                st->open_single = true;
            } else if (marks) {
                out = l->quotes[3];
                st->open_single = false;
            }
        }
        if (out)
            dw_buf_puts(&b, out);
        else
            dw_buf_put(&b, s + at, i - at);
        st->prev = (uint32_t)c;
    }
    return done(a, &b);
}
