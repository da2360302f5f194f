/*
 * break.c — where a line may end: UAX #14 break opportunities from
 * libunibreak and hyphenation points from libhyphen with Debian's
 * hyphen-* patterns (through hyphen.c and its cache).  Arabic and
 * Persian are never hyphenated (their language files say
 * `hyphenation: none`).
 */
#include "text_int.h"

#include <linebreak.h>
#include <string.h>

/* Fewer letters than this on either side of a hyphen look stranded;
 * TeX's \lefthyphenmin=2, \righthyphenmin=3 for German and English.    */
#define LEFT_MIN 2
#define RIGHT_MIN 3

static bool is_letter(const dw_shaper *s, uint32_t c)
{
    hb_unicode_general_category_t gc = dw_gc(s, c);
    return gc == HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER ||
           c == 0x2019 || c == '\'' ||
           c == 0x02BC; /* Ukrainian apostrophe, a modifier letter: "зʼясуйте" is one word */
}

static void hyphenate_word(dw_shaper *s, const char *patterns, para *p, size_t start, size_t end)
{
    if (end - start < LEFT_MIN + RIGHT_MIN)
        return;
    const char *mask = dw_hyph_word(s, patterns, p->cp + start, end - start);
    if (!mask)
        return;
    for (size_t i = start + LEFT_MIN - 1; i + RIGHT_MIN < end; i++)
        if (mask[i - start] == '1')
            p->hyph[i] = 1;
}

bool dw_text_span_unbreakable(const dw_tspan *sp)
{
    bool tel = sp->href && strncmp(sp->href, "tel:", 4) == 0;
    bool letters = false;
    for (const char *t = sp->text; *t && !letters; t++)
        letters = (*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t & 0x80);
    return sp->ltr_isolate && (tel || !letters);
}

/* A web or e-mail address ({web:…}, {mail:…}): a left-to-right isolate
 * that links to https://, http:// or mailto:.                          */
static bool is_address(const dw_tspan *sp)
{
    const char *h = sp->href;
    return sp->ltr_isolate && h &&
           (strncmp(h, "https://", 8) == 0 || strncmp(h, "http://", 7) == 0 ||
            strncmp(h, "mailto:", 7) == 0);
}

/* Chicago Manual of Style (17th ed.) 14.18: an address is broken after
 * a colon or a double slash; before a single slash, a tilde, a period, a
 * comma, a hyphen, an underline, a question mark, a number sign or a
 * percent sign; before or after an equals sign or an ampersand; and no
 * hyphen is added.  Between a and b (two characters of the address;
 * before, after: the ones around them, 0 at its ends).  The colon of
 * "https://" keeps its slashes: the break comes after them.            */
static bool address_break(uint32_t before, uint32_t a, uint32_t b, uint32_t after)
{
    if (a == ':')
        return b != '/';
    if (a == '/' && before == '/')
        return true;                                /* "//" | */
    if (b == '/')
        return a != '/' && after != '/';            /* | single slash */
    if (a == '=' || a == '&' || b == '=' || b == '&')
        return true;
    return b == '~' || b == '.' || b == ',' || b == '-' || b == '_' || b == '?' ||
           b == '#' || b == '%';
}

/* Fewer characters than this before the first or after the last break
 * of an address look stranded: "www" alone at a line's end reads as a
 * word, ".de" alone on a line as a fragment (as LEFT_MIN and RIGHT_MIN
 * for words).                                                          */
#define ADDRESS_MIN_PIECE 4

/* Inside an address UAX #14 gives way to address_break: the breaks it
 * allows are marked DW_BREAK_ADDRESS (kp.c: a penalty, no hyphen), all
 * others (after a hyphen or a slash, inside a word) are removed.  The
 * address is code points [start, end), its LRI and PDI aside.         */
static void address_breaks(para *p, size_t start, size_t end)
{
    while (start < end && is_isolate_ctl(p->cp[start]))
        start++;
    while (end > start && is_isolate_ctl(p->cp[end - 1]))
        end--;
    for (size_t k = start; k + 1 < end; k++) {
        uint32_t before = k > start ? p->cp[k - 1] : 0, after = k + 2 < end ? p->cp[k + 2] : 0;
        bool ok = k + 1 - start >= ADDRESS_MIN_PIECE && end - (k + 1) >= ADDRESS_MIN_PIECE &&
                  address_break(before, p->cp[k], p->cp[k + 1], after);
        p->brk[k] = ok ? DW_BREAK_ADDRESS : LINEBREAK_NOBREAK;
    }
}

void dw_breaks_find(dw_shaper *s, para *p)
{
    static bool init;
    if (!init) {
        init_linebreak();
        init = true;
    }
    p->brk = dw_tmp_zero(s, p->n + 1, 1);
    p->hyph = dw_tmp_zero(s, p->n + 1, 1);
    set_linebreaks_utf32((const utf32_t *)p->cp, p->n, p->spec->lang, p->brk);
    /* Tailoring of UAX #14: a phone number, and a left-to-right isolate
     * without letters (a postcode, "15-0"), stays on one line; isolates
     * with words (a German address or term inside Arabic text) break at
     * their spaces like any text; e-mail and web addresses where the
     * Chicago Manual of Style allows (address_breaks).                 */
    const size_t n_spans = p->spec->n_spans;
    bool *keep = dw_tmp(s, n_spans + 1, sizeof *keep);
    bool any = false;
    for (size_t k = 0; k < n_spans; k++) {
        keep[k] = dw_text_span_unbreakable(&p->spec->spans[k]);
        any |= keep[k];
    }
    for (size_t i = 0; any && i + 1 < p->n; i++)
        if (keep[p->span[i]] && p->span[i + 1] == p->span[i])
            p->brk[i] = LINEBREAK_NOBREAK;
    for (size_t i = 0, j; i < p->n; i = j) {
        for (j = i + 1; j < p->n && p->span[j] == p->span[i]; j++)
            ;
        if (is_address(&p->spec->spans[p->span[i]]))
            address_breaks(p, i, j);
    }
    /* a digit group found in right-to-left text (numbers.c) neither */
    for (size_t i = 0; p->glued && i + 1 < p->n; i++)
        if (p->glued[i] && p->glued[i + 1] && p->cp[i] != DW_PDI)
            p->brk[i] = LINEBREAK_NOBREAK;
    if (p->spec->no_hyphens)
        return;
    /* A word is hyphenated by its span's language: the paragraph's, or
     * German for a {de:…} term inside English; other isolates (phone
     * numbers, addresses, URLs) never.                                 */
    const char **pats = dw_tmp(s, n_spans + 1, sizeof *pats);
    for (size_t k = 0; k < n_spans; k++) {
        const dw_tspan *sp = &p->spec->spans[k];
        pats[k] = sp->hyphenation ? sp->hyphenation
                  : sp->ltr_isolate ? NULL : p->spec->hyphenation;
    }
    size_t i = 0;
    while (i < p->n) {
        const char *pat = pats[p->span[i]];
        if (!pat || !is_letter(s, p->cp[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < p->n && is_letter(s, p->cp[j]) && p->span[j] == p->span[i])
            j++;
        hyphenate_word(s, pat, p, i, j);
        i = j;
    }
}
