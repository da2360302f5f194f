/*
 * glossary.c — one term per thing in every language.  Each translation's
 * languages/<code>.yaml may carry a `glossary:` (German term → the one
 * target term, or a list of its accepted inflected forms).  Input: a
 * loaded content set.  Output: a warning for every translated text unit
 * whose German counterpart names a glossary term while the translation
 * uses none of the term's accepted forms, with a note at the German text.
 *
 * Text units are paired the way check.c compares structure: the head
 * fields, the legal notice by paragraph, sections by id, their blocks by
 * a longest common subsequence of kinds, entries of aligned lists and
 * tables by position; plus each contact's `about` text and the words of
 * the language file by key.
 *
 * Matching (content/README.md, "glossary"): case-insensitive, by Unicode
 * simple lower-casing (glibc's C.UTF-8 tables, not the user's locale, so
 * the result does not depend on the machine).  A German term matches at
 * the start of a word, so "Aufenthaltstitels" and "Aufenthaltstitel-
 * Antrag" count for "Aufenthaltstitel" but "Daueraufenthaltstitel" does
 * not; a target form matches anywhere (inflection endings, Arabic
 * prefixes such as ال and و are attached to the word).
 */
#include "content_int.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static locale_t utf8_locale(void)
{
    static locale_t loc;
    if (!loc)
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    return loc;
}

/* s lower-cased code point by code point, in a (invalid bytes kept). */
static char *lower(dw_arena *a, const char *s)
{
    locale_t loc = utf8_locale();
    size_t len = strlen(s), i = 0, o = 0;
    char *out = dw_alloc(a, 4 * len + 1); /* a lower-case form is never longer than 4 bytes */
    while (i < len) {
        size_t at = i;
        int32_t cp = dw_utf8_next(s, len, &i);
        if (cp < 0) {
            out[o++] = s[at];
            continue;
        }
        wint_t lc = loc ? towlower_l((wint_t)cp, loc) : (wint_t)cp;
        o += (size_t)dw_utf8_put(out + o, (uint32_t)lc);
    }
    out[o] = 0;
    return out;
}

static bool is_letter(int32_t cp)
{
    locale_t loc = utf8_locale();
    return cp >= 0 && loc && iswalnum_l((wint_t)cp, loc);
}

/* Both arguments lower-cased.  term at the start of a word of text. */
static bool has_term_lc(const char *text, const char *term)
{
    size_t tlen = strlen(term);
    if (!tlen)
        return false;
    for (const char *p = strstr(text, term); p; p = strstr(p + 1, term)) {
        if (p == text)
            return true;
        /* the code point before p: step back over continuation bytes */
        const char *q = p - 1;
        while (q > text && ((unsigned char)*q & 0xC0) == 0x80)
            q--;
        size_t i = 0;
        int32_t prev = dw_utf8_next(q, (size_t)(p - q), &i);
        if (!is_letter(prev))
            return true;
    }
    return false;
}

bool dw_glossary_has_term(const char *text, const char *term)
{
    dw_arena *a = dw_arena_new();
    bool r = has_term_lc(lower(a, text), lower(a, term));
    dw_arena_free(a);
    return r;
}

bool dw_glossary_has_form(const char *text, const char *form)
{
    dw_arena *a = dw_arena_new();
    const char *f = lower(a, form);
    bool r = *f && strstr(lower(a, text), f) != NULL;
    dw_arena_free(a);
    return r;
}

/* ---- one language against German ----------------------------------------------- */

struct gl {
    const dw_lang *lang;
    const char **terms_lc; /* lower-cased German terms */
    const char ***forms_lc;
    dw_arena *tmp;
    dw_diag *d;
    int found;
};

/* German text de (at de_loc) and its translation tr (at tr_loc). */
static void pair_plain(struct gl *g, const char *de, dw_loc de_loc, const char *tr,
                       dw_loc tr_loc)
{
    if (!de || !tr || !*de || !*tr)
        return;
    const char *de_lc = NULL, *tr_lc = NULL;
    const dw_lang *l = g->lang;
    for (size_t i = 0; i < l->n_gloss; i++) {
        if (!de_lc)
            de_lc = lower(g->tmp, de);
        if (!has_term_lc(de_lc, g->terms_lc[i]))
            continue;
        if (!tr_lc)
            tr_lc = lower(g->tmp, tr);
        bool used = false;
        for (size_t k = 0; k < l->gloss_n_forms[i] && !used; k++)
            used = strstr(tr_lc, g->forms_lc[i][k]) != NULL;
        if (used)
            continue;
        g->found++;
        dw_warn(g->d, tr_loc, "glossary: '%s' should be translated as '%s'", l->gloss_de[i],
                l->gloss_forms[i][0]);
        dw_note(g->d, de_loc, "the German text has '%s' here (glossary in languages/%s.yaml:%d)",
                l->gloss_de[i], l->code, l->gloss_loc[i].line);
    }
}

static void pair_text(struct gl *g, const dw_text *de, const dw_text *tr)
{
    if (!de->n_spans || !tr->n_spans)
        return;
    pair_plain(g, dw_text_plain(g->tmp, de), de->loc, dw_text_plain(g->tmp, tr), tr->loc);
}

static void pair_texts(struct gl *g, const dw_text *de, size_t nd, const dw_text *tr,
                       size_t nt)
{
    for (size_t i = 0; i < nd && i < nt; i++)
        pair_text(g, &de[i], &tr[i]);
}

/* Two blocks of the same kind, aligned: their texts pairwise. */
static void pair_block(struct gl *g, const dw_block *s, const dw_block *t)
{
    if (s->kind != t->kind)
        return;
    switch (s->kind) {
    case DW_BLOCK_P: pair_text(g, &s->as.para.text, &t->as.para.text); break;
    case DW_BLOCK_H: pair_text(g, &s->as.heading.text, &t->as.heading.text); break;
    case DW_BLOCK_NOTE: pair_text(g, &s->as.note.text, &t->as.note.text); break;
    case DW_BLOCK_PRINCIPLE:
        pair_text(g, &s->as.principle.text, &t->as.principle.text);
        pair_text(g, &s->as.principle.title, &t->as.principle.title);
        break;
    case DW_BLOCK_IMAGE: pair_text(g, &s->as.image.alt, &t->as.image.alt); break;
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS:
        pair_texts(g, s->as.list.items, s->as.list.n_items, t->as.list.items,
                   t->as.list.n_items);
        break;
    case DW_BLOCK_TABLE:
        if (s->as.table.n_cols == t->as.table.n_cols) {
            if (s->as.table.head && t->as.table.head)
                pair_texts(g, s->as.table.head, s->as.table.n_cols, t->as.table.head,
                           t->as.table.n_cols);
            pair_texts(g, s->as.table.cells, s->as.table.n_cols * s->as.table.n_rows,
                       t->as.table.cells, t->as.table.n_cols * t->as.table.n_rows);
        }
        break;
    case DW_BLOCK_CONTACTS:
    case DW_BLOCK_COURSES:
    case DW_BLOCK_PAGEBREAK: break;
    }
}

static void pair_step(void *user, const dw_block *s, const dw_block *t, const dw_block *next)
{
    (void)next;
    if (s && t)
        pair_block(user, s, t);
}

/* Blocks paired as check.c pairs them (dw_align_blocks); sections too
 * long to align, position by position.                                 */
static void pair_blocks(struct gl *g, const dw_section *ss, const dw_section *ts)
{
    if (dw_align_blocks(ss, ts, pair_step, g))
        return;
    for (size_t k = 0; k < ss->n_blocks && k < ts->n_blocks; k++)
        if (ss->blocks[k].kind == ts->blocks[k].kind)
            pair_block(g, &ss->blocks[k], &ts->blocks[k]);
}

static void pair_sections(struct gl *g, const dw_section *s, size_t ns, const dw_section *t,
                          size_t nt)
{
    for (size_t i = 0; i < ns; i++)
        for (size_t j = 0; j < nt; j++) {
            if (!s[i].id || !t[j].id || strcmp(s[i].id, t[j].id) != 0)
                continue;
            pair_text(g, &s[i].title, &t[j].title);
            pair_blocks(g, &s[i], &t[j]);
            pair_sections(g, s[i].subs, s[i].n_subs, t[j].subs, t[j].n_subs);
            break;
        }
}

static void pair_doc(struct gl *g, const dw_doc *src, const dw_doc *tr)
{
    pair_text(g, &src->title, &tr->title);
    pair_text(g, &src->subtitle, &tr->subtitle);
    pair_text(g, &src->publisher, &tr->publisher);
    pair_text(g, &src->office, &tr->office);
    pair_texts(g, src->legal, src->n_legal, tr->legal, tr->n_legal);
    pair_sections(g, src->sections, src->n_sections, tr->sections, tr->n_sections);
}

static dw_loc word_loc(const dw_lang *l, size_t i)
{
    return l->word_locs ? l->word_locs[i] : l->loc;
}

int dw_content_check_glossary(const dw_content *c, dw_diag *d)
{
    const dw_lang *de = dw_content_lang(c, DW_SOURCE_LANG);
    int found = 0;
    for (size_t l = 0; l < c->n_langs; l++) {
        const dw_lang *lang = &c->langs[l];
        if (lang == de || !lang->n_gloss)
            continue;
        dw_arena *tmp = dw_arena_new();
        struct gl g = {lang, NULL, NULL, tmp, d, 0};
        g.terms_lc = dw_alloc_array(tmp, lang->n_gloss, sizeof *g.terms_lc);
        g.forms_lc = dw_alloc_array(tmp, lang->n_gloss, sizeof *g.forms_lc);
        for (size_t i = 0; i < lang->n_gloss; i++) {
            g.terms_lc[i] = lower(tmp, lang->gloss_de[i]);
            g.forms_lc[i] = dw_alloc_array(tmp, lang->gloss_n_forms[i], sizeof **g.forms_lc);
            for (size_t k = 0; k < lang->gloss_n_forms[i]; k++)
                g.forms_lc[i][k] = lower(tmp, lang->gloss_forms[i][k]);
        }
        for (size_t k = 0; dw_doc_names[k]; k++) {
            const dw_doc *src = dw_content_doc(c, dw_doc_names[k], DW_SOURCE_LANG);
            const dw_doc *tr = dw_content_doc(c, dw_doc_names[k], lang->code);
            if (src && tr)
                pair_doc(&g, src, tr);
        }
        for (size_t i = 0; i < c->n_contacts; i++) {
            const dw_text *s = dw_contact_about(&c->contacts[i], DW_SOURCE_LANG);
            const dw_text *t = dw_contact_about(&c->contacts[i], lang->code);
            if (s && t)
                pair_text(&g, s, t);
        }
        for (size_t i = 0; de && i < lang->n_words; i++)
            for (size_t k = 0; k < de->n_words; k++)
                if (strcmp(de->word_keys[k], lang->word_keys[i]) == 0)
                    pair_plain(&g, de->word_vals[k], word_loc(de, k), lang->word_vals[i],
                               word_loc(lang, i));
        found += g.found;
        dw_arena_free(tmp);
    }
    return found;
}
