/*
 * spelling.c — `druckwerk check --spelling`: every printed text of every
 * language through Hunspell.  Input: a loaded content set.  Output: a
 * warning per unknown word, at the word's own line and column in the
 * YAML file, with Hunspell's first suggestion.
 *
 * Which words: libunibreak splits each text into words (UAX #29, the
 * same library that finds the line breaks); a word is checked when it has
 * a letter, no digit, more than one character and is not written in
 * capitals only (BAMF, VHS, JMD: abbreviations, which dictionaries do
 * not list).  Skipped: the markup spans ({tel:…}, {mail:…}, {web:…},
 * {ltr:…}, {de:…} — numbers, addresses, German terms in a translation),
 * and the names the content knows (contacts' names, units, addresses and
 * municipalities, course places and addresses, language names), which
 * are added to every dictionary at run time, as are the words listed in
 * the language file's `spelling-accept:`.
 *
 * Dictionaries: Debian's hunspell-* packages in /usr/share/hunspell: the
 * language file's `spelling:` (a dictionary name, or none), else by the
 * language code (see open_dict); a language without one is reported.
 */
#include "content_int.h"

#include <dirent.h>
#include <hunspell.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>
#include <wordbreak.h>

#define DICT_DIR "/usr/share/hunspell"
/* Suggestions cost Hunspell up to a second a word with German
 * compounding: they are asked for the first words only.                */
#define MAX_SUGGEST 400

static locale_t utf8_locale(void)
{
    static locale_t loc;
    if (!loc)
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    return loc;
}

/* ---- the YAML files' text, to point at the word itself ---------------------------------- */

typedef struct srcfile {
    const char *path;
    char *data;
    size_t len;
    size_t *line_at; /* byte offset where line i + 1 starts */
    size_t n_lines;
} srcfile;

typedef struct speller {
    dw_arena *a;
    dw_diag *d;
    srcfile *files;
    size_t n_files, cap_files;
    int found, suggested;
    /* the text being checked: where in its file to look for the next word */
    const srcfile *cur;
    size_t cursor, text_end;
    dw_loc text_loc;
} speller;

static const srcfile *source(speller *s, const char *path)
{
    for (size_t i = 0; i < s->n_files; i++)
        if (strcmp(s->files[i].path, path) == 0)
            return &s->files[i];
    s->files = dw_arena_grow(s->a, s->files, s->n_files, &s->cap_files, sizeof *s->files, 16);
    srcfile *f = &s->files[s->n_files++];
    memset(f, 0, sizeof *f);
    f->path = path;
    f->data = dw_read_file(path, &f->len);
    if (!f->data)
        return f;
    size_t cap = 0;
    for (size_t i = 0; i <= f->len; i++)
        if (i == 0 || f->data[i - 1] == '\n') {
            f->line_at = dw_arena_grow(s->a, f->line_at, f->n_lines, &cap, sizeof *f->line_at, 256);
            f->line_at[f->n_lines++] = i;
        }
    return f;
}

/* Byte offset of line:col (columns count characters, as libyaml's do). */
static size_t offset_of(const srcfile *f, int line, int col)
{
    if (!f->data || line < 1 || (size_t)line > f->n_lines)
        return f->len;
    size_t i = f->line_at[line - 1];
    for (int c = 1; c < col && i < f->len && f->data[i] != '\n'; c++)
        dw_utf8_next(f->data, f->len, &i);
    return i;
}

static dw_loc loc_of(const srcfile *f, size_t off)
{
    size_t lo = 0, hi = f->n_lines;
    while (hi - lo > 1) { /* the last line starting at or before off */
        size_t mid = (lo + hi) / 2;
        if (f->line_at[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    int col = 1;
    for (size_t i = f->line_at[lo]; i < off; col++)
        dw_utf8_next(f->data, f->len, &i);
    return (dw_loc){f->path, (int)lo + 1, col};
}

static bool is_letter_at(const char *s, size_t len, size_t i)
{
    int32_t cp = dw_utf8_next(s, len, &i);
    return cp > 0 && iswalpha_l((wint_t)cp, utf8_locale());
}

/* The word's place: its next whole-word occurrence after the cursor in
 * the text's scalar; the scalar's start when it is not found there (an
 * escape, a word folded over two lines).                                */
static dw_loc word_loc(speller *s, const char *w)
{
    const srcfile *f = s->cur;
    size_t n = strlen(w);
    if (!f || !f->data)
        return s->text_loc;
    for (size_t i = s->cursor; i + n <= s->text_end; i++) {
        if (memcmp(f->data + i, w, n) != 0)
            continue;
        if (i > 0) { /* the character before must not be a letter */
            size_t b = i - 1;
            while (b > 0 && ((unsigned char)f->data[b] & 0xC0) == 0x80)
                b--;
            if (is_letter_at(f->data, f->len, b))
                continue;
        }
        if (i + n < f->len && is_letter_at(f->data, f->len, i + n))
            continue;
        s->cursor = i + n;
        return loc_of(f, i);
    }
    return s->text_loc;
}

/* ---- words --------------------------------------------------------------------------------- */

/* hyphen: the word is followed by '-' ("Bildungs- und Beratungsangebote",
 * dictionaries list such first parts with their hyphen).               */
typedef void (*word_fn)(speller *s, void *user, const char *w, bool hyphen);

/* Each word of text (UAX #29) that is worth checking. */
static void each_word(speller *s, const char *text, const char *lang, word_fn fn, void *user)
{
    size_t len = strlen(text);
    if (!len)
        return;
    char *brks = dw_alloc(s->a, len);
    set_wordbreaks_utf8((const utf8_t *)text, len, lang, brks);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (brks[i] != WORDBREAK_BREAK && i + 1 < len)
            continue;
        size_t end = i + 1; /* a break after byte i */
        bool letter = false, digit = false, lower = false;
        int chars = 0;
        for (size_t k = start; k < end;) {
            int32_t cp = dw_utf8_next(text, end, &k);
            chars++;
            if (cp <= 0)
                continue;
            if (iswdigit_l((wint_t)cp, utf8_locale()) || (cp >= 0x660 && cp <= 0x669) ||
                (cp >= 0x6F0 && cp <= 0x6F9))
                digit = true;
            else if (iswalpha_l((wint_t)cp, utf8_locale())) {
                letter = true;
                /* a script without case counts as lower case */
                lower |= towupper_l((wint_t)cp, utf8_locale()) != (wint_t)cp ||
                         towlower_l((wint_t)cp, utf8_locale()) == towupper_l((wint_t)cp,
                                                                             utf8_locale());
            }
        }
        if (letter && !digit && chars > 1 && lower)
            fn(s, user, dw_strndup(s->a, text + start, end - start), end < len && text[end] == '-');
        start = end;
    }
}

typedef struct dict {
    const dw_lang *lang;
    Hunhandle *h;
} dict;

static void add_word(speller *s, void *user, const char *w, bool hyphen)
{
    (void)s, (void)hyphen;
    Hunspell_add(((dict *)user)->h, w);
}

/* Every word of a name the content knows, to every dictionary. */
static void add_names(speller *s, dict *dicts, size_t n, const char *text)
{
    for (size_t i = 0; text && i < n; i++)
        if (dicts[i].h)
            each_word(s, text, dicts[i].lang->code, add_word, &dicts[i]);
}

static void check_word(speller *s, void *user, const char *w, bool hyphen)
{
    dict *dc = user;
    /* the typographic apostrophe: dictionaries list the ASCII one */
    const char *ask = w;
    if (strstr(w, "\xE2\x80\x99")) {
        char *t = dw_strdup(s->a, w), *p;
        while ((p = strstr(t, "\xE2\x80\x99"))) {
            *p = '\'';
            memmove(p + 1, p + 3, strlen(p + 3) + 1);
        }
        ask = t;
    }
    if (Hunspell_spell(dc->h, ask) ||
        (hyphen && Hunspell_spell(dc->h, dw_sprintf(s->a, "%s-", ask))))
        return;
    dw_loc at = word_loc(s, w);
    s->found++;
    char **list = NULL;
    int n = 0;
    if (s->suggested < MAX_SUGGEST) {
        s->suggested++;
        n = Hunspell_suggest(dc->h, &list, ask);
    }
    if (n > 0)
        dw_warn(s->d, at, "unknown word '%s' (did you mean '%s'?)", w, list[0]);
    else
        dw_warn(s->d, at, "unknown word '%s'", w);
    if (list)
        Hunspell_free_list(dc->h, &list, n);
}

static void check_text(speller *s, dict *dc, const dw_text *t)
{
    if (!t->n_spans)
        return;
    s->cur = t->loc.file ? source(s, t->loc.file) : NULL;
    s->text_loc = t->loc;
    s->cursor = s->cur ? offset_of(s->cur, t->loc.line, t->loc.col) : 0;
    /* a text ends where the next key or item starts: within 64 KiB */
    s->text_end = s->cur ? (s->cursor + 65536 < s->cur->len ? s->cursor + 65536 : s->cur->len)
                         : 0;
    for (size_t i = 0; i < t->n_spans; i++) {
        const dw_span *sp = &t->spans[i];
        if (sp->kind == DW_SPAN_TEXT || sp->kind == DW_SPAN_LINK)
            each_word(s, sp->text, dc->lang->code, check_word, dc);
    }
}

typedef struct walkctx {
    speller *s;
    dict *dc;
} walkctx;

static bool on_walk(const dw_walk *w, void *user)
{
    walkctx *k = user;
    if (w->event == DW_WALK_TEXT)
        check_text(k->s, k->dc, w->text);
    return true;
}

static Hunhandle *open_named(dw_arena *a, const char *name)
{
    const char *aff = dw_sprintf(a, DICT_DIR "/%s.aff", name);
    const char *dic = dw_sprintf(a, DICT_DIR "/%s.dic", name);
    if (access(aff, R_OK) != 0 || access(dic, R_OK) != 0)
        return NULL;
    return Hunspell_create(aff, dic);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The dictionary of a language: its `spelling:` name, else <code>_<CODE>
 * (de_DE), <code> (ar), or the first <code>_* in alphabetical order
 * (en_GB before en_US; uk_UA).                                          */
static Hunhandle *open_dict(dw_arena *a, const dw_lang *l)
{
    if (l->spelling)
        return open_named(a, l->spelling);
    char up[8] = {0};
    for (size_t i = 0; i < 7 && l->code[i]; i++)
        up[i] = (char)(l->code[i] >= 'a' && l->code[i] <= 'z' ? l->code[i] - 'a' + 'A'
                                                              : l->code[i]);
    Hunhandle *h = open_named(a, dw_sprintf(a, "%s_%s", l->code, up));
    if (!h)
        h = open_named(a, l->code);
    DIR *dir = h ? NULL : opendir(DICT_DIR);
    if (!dir)
        return h;
    const char **names = NULL;
    size_t n = 0, cap = 0, cl = strlen(l->code);
    for (struct dirent *e; (e = readdir(dir));) {
        size_t len = strlen(e->d_name);
        if (len > cl + 5 && strncmp(e->d_name, l->code, cl) == 0 && e->d_name[cl] == '_' &&
            strcmp(e->d_name + len - 4, ".dic") == 0) {
            names = dw_arena_grow(a, names, n, &cap, sizeof *names, 16);
            names[n++] = dw_strndup(a, e->d_name, len - 4);
        }
    }
    closedir(dir);
    if (n) {
        qsort(names, n, sizeof *names, cmp_str); /* readdir's order is the disk's */
        h = open_named(a, names[0]);
    }
    return h;
}

int dw_content_check_spelling(const dw_content *c, dw_diag *d)
{
    speller s = {.a = dw_arena_new(), .d = d};
    dict *dicts = dw_alloc_array(s.a, c->n_langs + 1, sizeof *dicts);
    for (size_t l = 0; l < c->n_langs; l++) {
        dicts[l].lang = &c->langs[l];
        if (c->langs[l].spelling_off)
            continue;
        dicts[l].h = open_dict(s.a, &c->langs[l]);
        if (!dicts[l].h)
            dw_warn(d, c->langs[l].loc,
                    "no Hunspell dictionary for '%s' in " DICT_DIR ": install the Debian "
                    "package hunspell-%s (or myspell-%s); its texts are not spell-checked",
                    c->langs[l].code, c->langs[l].code, c->langs[l].code);
    }
    for (size_t i = 0; i < c->n_contacts; i++) {
        const dw_contact *ct = &c->contacts[i];
        add_names(&s, dicts, c->n_langs, ct->name);
        add_names(&s, dicts, c->n_langs, ct->unit);
        add_names(&s, dicts, c->n_langs, ct->address);
        add_names(&s, dicts, c->n_langs, ct->municipality);
    }
    for (size_t i = 0; i < c->n_courses; i++) {
        add_names(&s, dicts, c->n_langs, c->courses[i].place);
        add_names(&s, dicts, c->n_langs, c->courses[i].address);
    }
    for (size_t l = 0; l < c->n_langs; l++) {
        add_names(&s, dicts, c->n_langs, c->langs[l].name);
        add_names(&s, dicts, c->n_langs, c->langs[l].name_de);
    }
    for (size_t l = 0; l < c->n_langs; l++) {
        const dw_lang *lang = &c->langs[l];
        dict *dc = &dicts[l];
        if (!dc->h)
            continue;
        for (size_t i = 0; i < lang->n_spell_accept; i++)
            Hunspell_add(dc->h, lang->spell_accept[i]);
        walkctx k = {&s, dc};
        for (size_t i = 0; i < c->n_docs; i++)
            if (c->docs[i].lang == lang)
                dw_doc_walk(&c->docs[i], on_walk, &k);
        for (size_t i = 0; i < c->n_contacts; i++) {
            const dw_text *t = dw_contact_about(&c->contacts[i], lang->code);
            if (t)
                check_text(&s, dc, t);
        }
        for (size_t i = 0; i < lang->n_words; i++) {
            dw_text t = {0};
            dw_span sp = {DW_SPAN_TEXT, 0, lang->word_vals[i], NULL};
            t.spans = &sp;
            t.n_spans = 1;
            t.loc = lang->word_locs ? lang->word_locs[i] : lang->loc;
            check_text(&s, dc, &t);
        }
    }
    for (size_t l = 0; l < c->n_langs; l++)
        if (dicts[l].h)
            Hunspell_destroy(dicts[l].h);
    for (size_t i = 0; i < s.n_files; i++)
        free(s.files[i].data);
    dw_arena_free(s.a);
    return s.found;
}
