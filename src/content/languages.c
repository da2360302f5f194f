/*
 * languages.c — the schema of languages/<code>.yaml (content/README.md):
 * a language's code, script, direction, digits, hyphenation patterns and
 * exceptions, formats, words and glossary.  Input: the node tree from
 * yaml.c.  Output: a dw_lang appended to the content set, in the model's
 * arena; an error in its code leaves it out, an error in a detail keeps
 * it with that detail empty.  Contacts and courses are shared.c.
 */
#include "content_int.h"

#include <dirent.h>
#include <glib.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- languages/<code>.yaml ---------------------------------------------------- */

static const char *const lang_keys[] = {"code",   "name",   "name-de",     "direction",
                                        "script", "digits", "hyphenation", "date-format",
                                        "words",  "glossary", "spelling", "spelling-accept",
                                        "hyphenation-exceptions", "decimal-separator",
                                        "group-separator", "list-separator", "quotes",
                                        "apostrophe", NULL};

/* The pattern file must be installed: without it the language would be
 * set without hyphenation and nobody would notice.                      */
#define HYPHEN_DIR "/usr/share/hyphen"
static bool hyphenation_installed(dw_ctx *x, const dw_ynode *v)
{
    char path[600];
    snprintf(path, sizeof path, HYPHEN_DIR "/%s", v->str);
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        return true;
    const char *names[256];
    size_t n = 0;
    DIR *dir = opendir(HYPHEN_DIR);
    struct dirent *de;
    while (dir && n < 256 && (de = readdir(dir)))
        if (strstr(de->d_name, ".dic"))
            names[n++] = dw_strdup(x->tmp, de->d_name);
    if (dir)
        closedir(dir);
    const char *near = dw_suggest(v->str, names, n);
    if (near && strncmp(near, v->str, 8) != 0) /* "hyph_de_": the same language */
        near = NULL;
    if (near)
        dw_error(x->d, v->loc, "hyphenation file '%s' is not in " HYPHEN_DIR " (did you mean "
                 "'%s'?)", dw_clip(x->tmp, v->str), near);
    else
        dw_error(x->d, v->loc, "hyphenation file '%s' is not in " HYPHEN_DIR ": install its "
                 "Debian package (hyphen-…, add it to PACKAGES in the Makefile) or write "
                 "'hyphenation: none'", dw_clip(x->tmp, v->str));
    return false;
}

static bool check_date_format(dw_ctx *x, const dw_ynode *v)
{
    const char *s = v->str;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '{')
            continue;
        if ((s[i + 1] == 'd' || s[i + 1] == 'm' || s[i + 1] == 'y') && s[i + 2] == '}') {
            i += 2;
            continue;
        }
        dw_error(x->d, v->loc,
                 "invalid date format '%s': use {d}, {m} and {y} for day, month and year, "
                 "e.g. \"{d}.{m}.{y}\"",
                 dw_clip(x->tmp, s));
        return false;
    }
    return true;
}

static void load_words(dw_ctx *x, const dw_ynode *m, dw_lang *l)
{
    l->word_keys = dw_alloc_array(x->a, m->n, sizeof *l->word_keys);
    l->word_vals = dw_alloc_array(x->a, m->n, sizeof *l->word_vals);
    l->word_locs = dw_alloc_array(x->a, m->n, sizeof *l->word_locs);
    for (size_t i = 0; i < m->n; i++) {
        const dw_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
        if (dw_ynode_is_null(v)) {
            dw_error(x->d, k->loc, "the word '%s' has no value: write it after '%s:'",
                     dw_clip(x->tmp, k->str), dw_clip(x->tmp, k->str));
            continue;
        }
        if (!dw_schema_is(x, v, DW_Y_SCALAR, k->str))
            continue;
        l->word_keys[l->n_words] = dw_schema_str(x, k);
        l->word_locs[l->n_words] = v->loc;
        l->word_vals[l->n_words++] = dw_schema_str(x, v);
    }
}

/* glossary: German term → the target term, or a list of accepted forms
 * (inflections; the first is the canonical term).                      */
static void load_glossary(dw_ctx *x, const dw_ynode *m, dw_lang *l)
{
    l->gloss_de = dw_alloc_array(x->a, m->n, sizeof *l->gloss_de);
    l->gloss_forms = dw_alloc_array(x->a, m->n, sizeof *l->gloss_forms);
    l->gloss_n_forms = dw_alloc_array(x->a, m->n, sizeof *l->gloss_n_forms);
    l->gloss_loc = dw_alloc_array(x->a, m->n, sizeof *l->gloss_loc);
    for (size_t i = 0; i < m->n; i++) {
        const dw_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
        const char *term = dw_clip(x->tmp, k->str);
        if (k->len == 0) {
            dw_error(x->d, k->loc, "a glossary entry needs a German term before ':'");
            continue;
        }
        if (dw_ynode_is_null(v) || (v->kind == DW_Y_SEQ && v->n == 0) ||
            v->kind == DW_Y_MAP) {
            dw_error(x->d, k->loc,
                     "the glossary term '%s' has no translation: write the one target "
                     "term, or a list [term, inflected form, …]",
                     term);
            continue;
        }
        size_t nf = v->kind == DW_Y_SEQ ? v->n : 1;
        const char **forms = dw_alloc_array(x->a, nf, sizeof *forms);
        size_t got = 0;
        for (size_t j = 0; j < nf; j++) {
            const dw_ynode *f = v->kind == DW_Y_SEQ ? v->items[j] : v;
            if (!dw_schema_item(x, f, DW_Y_SCALAR, "a glossary form"))
                continue;
            if (f->len == 0) {
                dw_error(x->d, f->loc, "empty glossary form for '%s'", term);
                continue;
            }
            forms[got++] = dw_schema_str(x, f);
        }
        if (!got)
            continue;
        l->gloss_de[l->n_gloss] = dw_schema_str(x, k);
        l->gloss_forms[l->n_gloss] = forms;
        l->gloss_n_forms[l->n_gloss] = got;
        l->gloss_loc[l->n_gloss++] = k->loc;
    }
}

void dw_load_lang(dw_ctx *x, const dw_ynode *root, const char *want_code)
{
    static const char *const directions[] = {"ltr", "rtl"};
    static const char *const digits[] = {"latin", "arabic-indic", "extended-arabic-indic"};
    const char *owner = "the language file";
    if (!root) {
        dw_error(x->d, (dw_loc){x->file, 1, 1},
                 "the file is empty: copy languages/de.yaml and translate it");
        return;
    }
    if (!dw_schema_item(x, root, DW_Y_MAP, "a language file"))
        return;
    dw_schema_keys(x, root, lang_keys);
    dw_lang l;
    memset(&l, 0, sizeof l);
    l.loc = root->loc;
    l.date_format = "{d}.{m}.{y}";
    bool ok = true;
    const dw_ynode *v = dw_schema_scalar(x, root, "code", owner);
    if (!v) {
        ok = false;
    } else if (want_code && !dw_is_lang_code(want_code)) {
        dw_error(x->d, v->loc,
                 "the file name '%s.yaml' is not a language code: name the file after the "
                 "language, e.g. ar.yaml",
                 dw_clip(x->tmp, want_code));
        ok = false;
    } else if (!dw_is_lang_code(v->str)) {
        dw_error(x->d, v->loc,
                 "invalid language code '%s': use the two-letter ISO 639-1 code, e.g. 'ar'",
                 dw_clip(x->tmp, v->str));
        ok = false;
    } else if (want_code && strcmp(v->str, want_code) != 0) {
        /* the file name wins, as for documents: their files are named so */
        dw_error(x->d, v->loc, "'code' is '%s' but the file is named '%s.yaml': make them the same",
                 dw_clip(x->tmp, v->str), want_code);
        l.code = dw_strdup(x->a, want_code);
    } else {
        l.code = dw_schema_str(x, v);
    }
    if (l.code && x->c && dw_content_lang(x->c, l.code)) {
        dw_error(x->d, v->loc, "the language '%s' is loaded twice", l.code);
        ok = false;
    }
    if ((v = dw_schema_scalar(x, root, "name", owner)))
        l.name = dw_schema_str(x, v);
    if ((v = dw_schema_scalar(x, root, "name-de", owner)))
        l.name_de = dw_schema_str(x, v);
    int k = 0;
    if ((v = dw_schema_scalar(x, root, "direction", owner)) &&
        dw_schema_enum(x, v, "direction", directions, 2, &k))
        l.rtl = k == 1;
    if ((v = dw_schema_scalar(x, root, "script", owner))) {
        const char *s = v->str;
        bool form = v->len == 4 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z' &&
                    s[2] >= 'a' && s[2] <= 'z' && s[3] >= 'a' && s[3] <= 'z';
        /* A code of a script Unicode encodes, by GLib's ISO 15924 table
         * (HarfBuzz turns any four letters into a tag and calls it LTR). */
        if (form && g_unicode_script_from_iso15924(
                        (guint32)hb_script_from_string(s, 4)) == G_UNICODE_SCRIPT_UNKNOWN)
            dw_error(x->d, v->loc,
                     "unknown script '%s': ISO 15924 has no such code; write e.g. Latn, Arab, "
                     "Cyrl (Kurdish is written in Arab or Latn)",
                     dw_clip(x->tmp, s));
        else if (form)
            l.script = dw_schema_str(x, v);
        else
            dw_error(x->d, v->loc,
                     "invalid script '%s': write the four-letter ISO 15924 code with a "
                     "capital first letter, e.g. Latn, Arab or Cyrl",
                     dw_clip(x->tmp, s));
    }
    k = 0;
    if ((v = dw_schema_scalar(x, root, "digits", NULL)) &&
        dw_schema_enum(x, v, "digits", digits, 3, &k))
        l.digits = (enum dw_digits)k;
    if ((v = dw_schema_scalar(x, root, "hyphenation", NULL)) && strcmp(v->str, "none") != 0) {
        if (strchr(v->str, '/') || v->len < 5 || strcmp(v->str + v->len - 4, ".dic") != 0)
            dw_error(x->d, v->loc,
                     "invalid hyphenation '%s': write the name of a pattern file in "
                     "/usr/share/hyphen, e.g. hyph_de_DE.dic, or none",
                     dw_clip(x->tmp, v->str));
        else if (!hyphenation_installed(x, v))
            ; /* reported: silently unhyphenated text changed 44 PDFs */
        else
            l.hyphenation = dw_schema_str(x, v);
    }
    if ((v = dw_schema_list(x, root, "hyphenation-exceptions", NULL))) {
        l.hyph_exceptions = dw_alloc_array(x->a, v->n + 1, sizeof *l.hyph_exceptions);
        for (size_t i = 0; i < v->n; i++) {
            const dw_ynode *it = v->items[i];
            if (!dw_schema_item(x, it, DW_Y_SCALAR, "a hyphenation exception"))
                continue;
            /* letters and single inner hyphens: "Ur-instinkt" */
            bool good = it->len > 0 && it->str[0] != '-' && it->str[it->len - 1] != '-' &&
                        !strstr(it->str, "--") && !strpbrk(it->str, " \t,.;:/");
            if (good)
                l.hyph_exceptions[l.n_hyph_exceptions++] = dw_schema_str(x, it);
            else
                dw_error(x->d, it->loc,
                         "invalid hyphenation exception '%s': write the word with a '-' at "
                         "each allowed point, e.g. Ur-instinkt (no '-': never hyphenated)",
                         dw_clip(x->tmp, it->str));
        }
    }
    l.decimal_sep = ".";
    l.group_sep = "";
    l.list_sep = ", ";
    if ((v = dw_schema_scalar(x, root, "decimal-separator", NULL)))
        l.decimal_sep = dw_schema_str(x, v);
    if ((v = dw_schema_get(root, "group-separator")) && v->kind == DW_Y_SCALAR)
        l.group_sep = dw_schema_str(x, v); /* may be empty: no grouping */
    if ((v = dw_schema_scalar(x, root, "list-separator", NULL)))
        l.list_sep = dw_schema_str(x, v);
    if ((v = dw_schema_list(x, root, "quotes", NULL))) {
        if (v->n != 4)
            dw_error(x->d, v->loc, "'quotes' needs four marks: open, close, inner open, "
                                   "inner close, e.g. [\"„\", \"“\", \"‚\", \"‘\"]");
        for (size_t i = 0; i < v->n && i < 4; i++)
            if (dw_schema_item(x, v->items[i], DW_Y_SCALAR, "a quotation mark"))
                l.quotes[i] = dw_schema_str(x, v->items[i]);
    }
    if ((v = dw_schema_scalar(x, root, "apostrophe", NULL)))
        l.apostrophe = dw_schema_str(x, v);
    if ((v = dw_schema_scalar(x, root, "date-format", NULL)) && check_date_format(x, v))
        l.date_format = dw_schema_str(x, v);
    if ((v = dw_schema_map(x, root, "words", owner)))
        load_words(x, v, &l);
    if ((v = dw_schema_scalar(x, root, "spelling", NULL))) {
        if (strcmp(v->str, "none") == 0)
            l.spelling_off = true;
        else if (strchr(v->str, '/') || strstr(v->str, ".."))
            dw_error(x->d, v->loc,
                     "invalid spelling '%s': write the name of a Hunspell dictionary in "
                     "/usr/share/hunspell without .dic, e.g. en_GB, or none",
                     dw_clip(x->tmp, v->str));
        else
            l.spelling = dw_schema_str(x, v);
    }
    if ((v = dw_schema_list(x, root, "spelling-accept", NULL))) {
        l.spell_accept = dw_alloc_array(x->a, v->n + 1, sizeof *l.spell_accept);
        for (size_t i = 0; i < v->n; i++)
            if (dw_schema_item(x, v->items[i], DW_Y_SCALAR, "an accepted word") &&
                !dw_ynode_is_null(v->items[i]))
                l.spell_accept[l.n_spell_accept++] = dw_schema_str(x, v->items[i]);
    }
    if ((v = dw_schema_map(x, root, "glossary", NULL))) {
        if (l.code && strcmp(l.code, DW_SOURCE_LANG) == 0)
            dw_error(x->d, dw_schema_key_node(root, "glossary")->loc,
                     "the German source has no 'glossary' (only translations do): "
                     "remove it");
        else
            load_glossary(x, v, &l);
    }
    if (!ok || !x->c)
        return;
    x->c->langs = dw_grow(x->a, x->c->langs, x->c->n_langs, sizeof l);
    x->c->langs[x->c->n_langs++] = l;
}
