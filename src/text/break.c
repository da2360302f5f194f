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
     * their spaces like any text; e-mail and web addresses after '/'.    */
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
