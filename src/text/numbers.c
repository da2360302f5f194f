/*
 * numbers.c — digit groups in right-to-left text: phone numbers, dates,
 * times, postcodes, IBAN-like groups ("04471 15-0", "+49 (0) 4471 15-0",
 * "01.02.2027", "DE12 3456 7890", "49661 Cloppenburg").
 *
 * In an Arabic or Persian paragraph the bidi algorithm reorders the
 * parts of such a group: European and Persian digits are class EN,
 * Arabic-Indic digits AN, and the separators between them (space, '-',
 * '/', ':', '(') are neutral or weak, so "04471 15-0" shows as "15-0
 * 04471" or "0-15 04471".  Translators forget {tel:…}; so the text path
 * finds these groups itself and puts each in a left-to-right isolate
 * (LRI … PDI, UAX #9 X5a), before FriBiDi sees the text.
 *
 * A range of numbers, dates or times ("8:30–12:00", "2027-01-11 –
 * 2027-08-27", "15–20"; not "A1–B1", a Latin term) is two
 * groups around its dash, each isolated, the dash left in the
 * right-to-left text: the start then stands right of the end, where a
 * right-to-left reader begins, whatever class the digits have.
 *
 * A group: tokens of digits (any of the three digit sets) and Latin
 * letters, at least one with a digit, joined by runs of at most three
 * separators; a postcode (four or five digits) takes the Latin word after
 * it (a town).  A lone number, or a decimal one, is left alone: it
 * cannot be scrambled.
 */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

static bool digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9);
}

static bool latin(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

static bool dash(uint32_t c)
{
    return c == 0x2013 || c == 0x2014;
}

static bool sep(uint32_t c)
{
    return c == ' ' || c == '-' || c == '/' || c == '.' || c == ':' || c == '(' || c == ')' ||
           c == ',' || c == 0xA0 || c == 0x202F || c == 0x2011 || c == 0x066B || c == 0x066C ||
           dash(c);
}

typedef struct tok {
    size_t a, b;     /* [a, b) */
    bool has_digit, has_latin;
} tok;

/* The token starting at i (digits and Latin letters), or b == a. */
static tok token(const uint32_t *cp, size_t n, size_t i)
{
    tok t = {i, i, false, false};
    while (t.b < n && (digit(cp[t.b]) || latin(cp[t.b]))) {
        t.has_digit |= digit(cp[t.b]);
        t.has_latin |= latin(cp[t.b]);
        t.b++;
    }
    return t;
}

/* A time (d:dd) or date (three digit tokens joined by '.', '/' or '-'). */
static bool date_or_time(const uint32_t *cp, size_t a, size_t b)
{
    size_t groups = 0, seps = 0;
    bool colon = false, in = false;
    for (size_t i = a; i < b; i++) {
        if (digit(cp[i])) {
            groups += !in;
            in = true;
            continue;
        }
        if (latin(cp[i]))
            return false;
        in = false;
        if (cp[i] == ':')
            colon = true;
        else if (cp[i] == '.' || cp[i] == '/' || cp[i] == '-')
            seps++;
        else
            return false;
    }
    return (colon && groups == 2) || (seps == 2 && groups == 3);
}

static bool plain_number(const uint32_t *cp, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!digit(cp[i]))
            return false;
    return b > a;
}

/* Add [a, b) as a group when it is more than one plain number. */
static size_t emit(const uint32_t *cp, size_t a, size_t b, dw_ltr_group *out, size_t k, size_t cap)
{
    if (b <= a || plain_number(cp, a, b) || k >= cap)
        return k;
    out[k].start = a;
    out[k].end = b;
    return k + 1;
}

size_t dw_ltr_groups(const uint32_t *cp, size_t n, dw_ltr_group *out, size_t cap)
{
    size_t k = 0, i = 0;
    while (i < n) {
        tok t = token(cp, n, i);
        if (t.b == t.a || !t.has_digit) {
            /* skip the token (a word) or one other character */
            i = t.b > t.a ? t.b : i + 1;
            continue;
        }
        size_t start = t.a, end = t.b, ntok = 1;
        if (start > 0 && cp[start - 1] == '+')
            start--;
        else if (start > 0 && cp[start - 1] == '(')
            start--; /* kept only when the group closes it, below */
        tok last = t;
        size_t split = 0, split_end = 0; /* the range dash run, if any */
        for (;;) {
            size_t j = end, seps = 0;
            bool has_dash = false, spaced_hyphen = false;
            while (j < n && sep(cp[j]) && seps < 4) {
                has_dash |= dash(cp[j]);
                spaced_hyphen |= cp[j] == '-' && j > end && cp[j - 1] == ' ' && j + 1 < n &&
                                 cp[j + 1] == ' ';
                j++, seps++;
            }
            if (seps == 0 || seps > 3 || j >= n)
                break;
            tok u = token(cp, n, j);
            if (u.b == u.a)
                break;
            bool postcode_town = !u.has_digit && last.has_digit && !last.has_latin &&
                                 (last.b - last.a == 4 || last.b - last.a == 5) &&
                                 seps == 1 && cp[end] == ' ';
            if (!u.has_digit && !postcode_town)
                break;
            if ((has_dash || spaced_hyphen) && !split) {
                /* a range when both sides are dates or times, or numbers */
                bool range = has_dash;
                if (spaced_hyphen && !has_dash) {
                    size_t q = j; /* the right side: up to the next space */
                    while (q < n && (digit(cp[q]) || cp[q] == ':' || cp[q] == '.' ||
                                     cp[q] == '/' || cp[q] == '-'))
                        q++;
                    range = date_or_time(cp, start, end) && date_or_time(cp, j, q);
                }
                if (range) {
                    split = end;
                    split_end = j;
                }
            }
            end = u.b;
            last = u;
            ntok++;
            if (postcode_town)
                break; /* the town ends the group */
        }
        /* a '(' before the group stays only when the group closes it */
        if (cp[start] == '(') {
            bool closed = false;
            for (size_t q = start; q < end && !closed; q++)
                closed = cp[q] == ')';
            if (!closed && !(end < n && cp[end] == ')'))
                start++;
        }
        /* an open '(' inside is closed by the ')' right after */
        int depth = 0;
        for (size_t q = start; q < end; q++)
            depth += cp[q] == '(' ? 1 : cp[q] == ')' ? -1 : 0;
        if (depth > 0 && end < n && cp[end] == ')')
            end++;
        /* a decimal number ("٢٫٥", "85,50", "1.0") reads right as it is */
        bool decimal = ntok == 2 && !split;
        for (size_t q = start; decimal && q < end; q++)
            decimal = digit(cp[q]) || cp[q] == '.' || cp[q] == ',' || cp[q] == 0x066B ||
                      cp[q] == 0x066C;
        if (decimal) {
            i = end;
            continue;
        }
        /* "A1–B1" (language levels) is a Latin term: one group, read left
         * to right; only numbers, dates and times make a range */
        for (size_t q = start; split && q < end; q++)
            if (latin(cp[q]))
                split = 0;
        if (split) {
            k = emit(cp, start, split, out, k, cap);
            k = emit(cp, split_end, end, out, k, cap);
        } else if (ntok > 1 || (t.has_digit && t.has_latin)) {
            k = emit(cp, start, end, out, k, cap);
        }
        i = end;
    }
    return k;
}

size_t dw_text_ltr_groups(const char *text, size_t *start, size_t *end, size_t cap)
{
    size_t len = strlen(text), i = 0, n = 0;
    uint32_t *cp = dw_xcalloc(len + 1, sizeof *cp);
    size_t *off = dw_xcalloc(len + 2, sizeof *off);
    while (i < len) {
        off[n] = i;
        int32_t c = dw_utf8_next(text, len, &i);
        if (c < 0)
            break;
        cp[n++] = (uint32_t)c;
    }
    off[n] = i;
    dw_ltr_group g[64];
    size_t k = dw_ltr_groups(cp, n, g, cap < 64 ? cap : 64);
    for (size_t j = 0; j < k; j++) {
        start[j] = off[g[j].start];
        end[j] = off[g[j].end];
    }
    free(cp);
    free(off);
    return k;
}
