/*
 * break.c — where a line may end: UAX #14 break opportunities from
 * libunibreak and hyphenation points from libhyphen with Debian's
 * hyphen-* patterns.  Arabic and Persian are never hyphenated (their
 * language files say `hyphenation: none`).
 */
#include "text_int.h"

#include <linebreak.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HYPHEN_DIR "/usr/share/hyphen/"
/* Fewer letters than this on either side of a hyphen look stranded;
 * TeX's \lefthyphenmin=2, \righthyphenmin=3 for German and English.    */
#define LEFT_MIN 2
#define RIGHT_MIN 3
/* Words longer than this are not hyphenated (URLs, chemical names): the
 * pattern matcher's buffers are sized per word.                        */
#define MAX_WORD 63

static HyphenDict *load_dict(dw_shaper *s, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", name[0] == '/' ? "" : HYPHEN_DIR, name);
    s->hyph[s->n_hyph].name = dw_xstrdup(name);
    s->hyph[s->n_hyph].dict = hnj_hyphen_load(path);
    return s->hyph[s->n_hyph++].dict;
}

typedef struct preload {
    dw_shaper *s;
    char **names;
    size_t n;
} preload;

static void *preload_main(void *arg)
{
    preload *pl = arg;
    for (size_t i = 0; i < pl->n; i++) {
        if (pl->s->n_hyph < MAX_HYPH_DICTS)
            load_dict(pl->s, pl->names[i]);
        free(pl->names[i]);
    }
    free(pl->names);
    free(pl);
    return NULL;
}

void dw_shaper_preload(dw_shaper *s, const char *const *names, size_t n)
{
    if (s->loading || n == 0)
        return;
    preload *pl = dw_xcalloc(1, sizeof *pl);
    pl->s = s;
    pl->names = dw_xcalloc(n, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        bool dup = false;
        for (size_t k = 0; k < pl->n; k++)
            dup |= strcmp(pl->names[k], names[i]) == 0;
        if (!dup)
            pl->names[pl->n++] = dw_xstrdup(names[i]);
    }
    if (pthread_create(&s->loader, NULL, preload_main, pl) == 0) {
        s->loading = true;
    } else { /* no thread: load on first use instead */
        for (size_t i = 0; i < pl->n; i++)
            free(pl->names[i]);
        free(pl->names);
        free(pl);
    }
}

void dw_shaper_wait(dw_shaper *s)
{
    if (s->loading) {
        pthread_join(s->loader, NULL);
        s->loading = false;
    }
}

static HyphenDict *dict_for(dw_shaper *s, const char *name)
{
    dw_shaper_wait(s); /* the preload thread owns s->hyph until joined */
    for (size_t i = 0; i < s->n_hyph; i++)
        if (strcmp(s->hyph[i].name, name) == 0)
            return s->hyph[i].dict;
    if (s->n_hyph == MAX_HYPH_DICTS)
        return NULL;
    return load_dict(s, name);
}

/* Simple lowercase mapping for the alphabets the patterns are written
 * in (Latin, Cyrillic); the patterns are lowercase.                     */
static uint32_t lower(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if ((c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x178) ||
        (c >= 0x200 && c <= 0x21F) || (c >= 0x460 && c <= 0x4FF))
        return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)
                   ? (c & 1 ? c + 1 : c)
                   : (c & 1 ? c : c + 1);
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

static bool is_letter(uint32_t c)
{
    hb_unicode_general_category_t gc =
        hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    return gc == HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER ||
           gc == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER ||
           c == 0x2019 || c == '\'';
}

static void hyphenate_word(HyphenDict *dict, para *p, size_t start, size_t end)
{
    char word[MAX_WORD * 4 + 8];
    size_t off[MAX_WORD + 1]; /* byte offset of each code point */
    size_t len = 0;
    if (end - start < LEFT_MIN + RIGHT_MIN || end - start > MAX_WORD)
        return;
    for (size_t i = start; i < end; i++) {
        off[i - start] = len;
        len += (size_t)dw_utf8_put(word + len, lower(p->cp[i]));
    }
    word[len] = 0;
    char hyphens[sizeof word + 5];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    /* hnj_hyphen_hyphenate3 (with its own minimums) leaks in libhyphen
     * 2.8.8; hyphenate2 does not, and the minimums are applied here.   */
    if (hnj_hyphen_hyphenate2(dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut) == 0) {
        /* hyphens[k] odd: a hyphen may follow byte k; map to code points */
        for (size_t i = start + LEFT_MIN - 1; i + RIGHT_MIN < end; i++) {
            size_t last = off[i + 1 - start] - 1;
            /* non-standard hyphenation (rep) changes letters: skip those */
            if ((hyphens[last] & 1) && !(rep && rep[last]))
                p->hyph[i] = 1;
        }
    }
    if (rep) {
        for (size_t k = 0; k < len; k++)
            free(rep[k]);
        free(rep);
        free(pos);
        free(cut);
    }
}

void dw_breaks_find(dw_shaper *s, para *p)
{
    static bool init;
    if (!init) {
        init_linebreak();
        init = true;
    }
    p->brk = dw_alloc(p->a, p->n + 1);
    p->hyph = dw_alloc(p->a, p->n + 1);
    set_linebreaks_utf32((const utf32_t *)p->cp, p->n, p->spec->lang, p->brk);
    /* Tailoring of UAX #14: a phone number, and a left-to-right isolate
     * without letters (a postcode, "15-0"), stays on one line; isolates
     * with words (a German address or term inside Arabic text) break at
     * their spaces like any text; e-mail and web addresses after '/'.    */
    for (size_t i = 0; i + 1 < p->n; i++) {
        const dw_tspan *sp = &p->spec->spans[p->span[i]];
        if (!sp->ltr_isolate || p->span[i + 1] != p->span[i])
            continue;
        bool tel = sp->href && strncmp(sp->href, "tel:", 4) == 0;
        bool letters = false;
        for (const char *t = sp->text; *t && !letters; t++)
            letters = (*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z') || (*t & 0x80);
        if (tel || !letters)
            p->brk[i] = LINEBREAK_NOBREAK;
    }
    if (p->spec->no_hyphens)
        return;
    /* A word is hyphenated by its span's language: the paragraph's, or
     * German for a {de:…} term inside English; other isolates (phone
     * numbers, addresses, URLs) never.                                 */
    size_t i = 0;
    while (i < p->n) {
        const dw_tspan *sp = &p->spec->spans[p->span[i]];
        const char *pat = sp->hyphenation ? sp->hyphenation
                          : sp->ltr_isolate ? NULL : p->spec->hyphenation;
        if (!is_letter(p->cp[i]) || !pat) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < p->n && is_letter(p->cp[j]) && p->span[j] == p->span[i])
            j++;
        HyphenDict *dict = dict_for(s, pat);
        if (dict)
            hyphenate_word(dict, p, i, j);
        i = j;
    }
}
