/*
 * hyphen.c — hyphenation points of a word from libhyphen with Debian's
 * hyphen-* patterns, remembered across runs.
 *
 * libhyphen 2.8.8 needs about 3 s and 40 MB to load Debian's German
 * patterns (78,000 of them: its state table is a hash with chains that
 * grow long), while hyphenating every word of all three documents takes
 * 40 ms.  So the points libhyphen returns are kept in a cache file per
 * pattern file, the way TeX keeps its patterns in a format file:
 *
 *   <cache dir>/<pattern file name>-<fnv64 of the pattern file and format>.txt
 *     druckwerk hyphenation cache 2
 *     <lower-case word> <one 0/1 per code point: a hyphen may follow it>
 *
 * The cache holds exactly what libhyphen said, so output is the same with
 * or without it; the patterns are loaded only for a word the cache lacks
 * (on a background thread when there is no cache file yet).  A changed
 * pattern file has another hash, hence another file.  Lines that do not
 * parse are ignored; the file is rewritten atomically when words were
 * added.  (Version 1 read libhyphen's points per byte; its files have
 * another name and magic, so their wrong points are never read.)
 *
 * libhyphen takes the word in the charset the pattern file names on its
 * first line (hyph_de_DE.dic: ISO8859-1) and, for UTF-8 files, answers
 * per character, for the others per byte: the word is converted with
 * iconv and the points mapped back to code points.  A word with a letter
 * the charset lacks gets no points.
 *
 * On top of the patterns, per pattern file: exceptions from the language
 * file ("Ur-instinkt": only these points; a word without '-': none), and
 * for every pattern file the words that are never hyphenated (names of
 * places and institutions the content knows).  Neither goes into the
 * cache, which stays what libhyphen said.
 */
#include "text_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HYPHEN_DIR "/usr/share/hyphen/"
/* The same files as libhyphen needs them, made by `make` (the Makefile's
 * HYPH: substrings.pl adds every pattern's substrings; Debian's Ukrainian
 * file lacks them), read through dw_data_path like the colour profile.  */
#define PREPARED_DIR "build/hyphen/"
#define CACHE_MAGIC "druckwerk hyphenation cache 2\n"

struct dw_hyph {
    char *name;        /* as in the language file: hyph_de_DE.dic */
    const char *path;  /* of the pattern file */
    char *cache_path;  /* NULL: no cache */
    HyphenDict *dict;  /* NULL until loaded (or when it cannot be) */
    iconv_t conv;      /* UTF-8 → the dict's charset; (iconv_t)-1: none needed or none */
    bool tried;        /* dict load attempted */
    bool dirty;        /* words added since the cache was read */
    /* open addressing, keys and values in `pool` */
    struct slot {
        const char *word, *mask;
    } *slots;
    size_t n_slots, n_words;
    const char **order; /* words in insertion order, for writing */
    size_t n_order, cap_order;
    dw_arena *pool;
    /* exceptions: lower-case word and mask, in `pool` */
    const char **exc_word, **exc_mask;
    size_t n_exc, cap_exc;
};

static struct slot *find(dw_hyph *h, const char *word)
{
    uint64_t k = dw_fnv1a(DW_FNV_OFFSET, word, strlen(word));
    size_t i = (size_t)k & (h->n_slots - 1);
    while (h->slots[i].word && strcmp(h->slots[i].word, word) != 0)
        i = (i + 1) & (h->n_slots - 1);
    return &h->slots[i];
}

static void put(dw_hyph *h, const char *word, const char *mask, bool fresh)
{
    if (2 * (h->n_words + 1) > h->n_slots) { /* grow: load factor ≤ 1/2 */
        struct slot *old = h->slots;
        size_t n_old = h->n_slots;
        h->n_slots = n_old ? n_old * 2 : 1024;
        h->slots = dw_xcalloc(h->n_slots, sizeof *h->slots);
        for (size_t i = 0; i < n_old; i++)
            if (old[i].word)
                *find(h, old[i].word) = old[i];
        free(old);
    }
    struct slot *s = find(h, word);
    if (s->word)
        return;
    s->word = dw_strdup(h->pool, word);
    s->mask = dw_strdup(h->pool, mask);
    h->n_words++;
    if (h->n_order == h->cap_order) {
        h->cap_order = h->cap_order ? h->cap_order * 2 : 1024;
        h->order = dw_xrealloc(h->order, h->cap_order * sizeof *h->order);
    }
    h->order[h->n_order++] = s->word;
    h->dirty |= fresh;
}

/* One "word mask" line, or nothing when it does not parse. */
static void read_line(dw_hyph *h, char *line)
{
    char *sp = strchr(line, ' ');
    if (!sp)
        return;
    *sp = 0;
    const char *word = line, *mask = sp + 1;
    size_t len = strlen(word), n = 0, i = 0;
    while (i < len) {
        if (dw_utf8_next(word, len, &i) < 0)
            return;
        n++;
    }
    if (n == 0 || strlen(mask) != n || strspn(mask, "01") != n)
        return;
    put(h, word, mask, false);
}

static void read_cache(dw_hyph *h)
{
    size_t len;
    char *data = dw_read_file(h->cache_path, &len);
    if (!data)
        return;
    if (len >= sizeof CACHE_MAGIC - 1 && memcmp(data, CACHE_MAGIC, sizeof CACHE_MAGIC - 1) == 0) {
        char *p = data + sizeof CACHE_MAGIC - 1, *end = data + len;
        while (p < end) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl)
                break; /* a last line without newline was cut short */
            *nl = 0;
            read_line(h, p);
            p = nl + 1;
        }
    }
    free(data);
    h->dirty = false;
}

static dw_hyph *hyph_new(const char *name, const char *cache_dir)
{
    dw_hyph *h = dw_xcalloc(1, sizeof *h);
    h->pool = dw_arena_new();
    h->conv = (iconv_t)-1;
    h->name = dw_xstrdup(name);
    if (name[0] == '/') {
        h->path = dw_sprintf(h->pool, "%s", name);
    } else {
        const char *prepared = dw_data_path(h->pool, dw_sprintf(h->pool, PREPARED_DIR "%s", name));
        /* without make's copy (a bare build), Debian's file as it is */
        h->path = access(prepared, R_OK) == 0 ? prepared : dw_sprintf(h->pool, HYPHEN_DIR "%s", name);
    }
    size_t len;
    char *pat = cache_dir ? dw_read_file(h->path, &len) : NULL;
    if (pat) {
        uint64_t k = dw_fnv1a(DW_FNV_OFFSET, CACHE_MAGIC, sizeof CACHE_MAGIC - 1);
        k = dw_fnv1a(k, pat, len);
        free(pat);
        const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
        size_t stem = strcspn(base, ".");
        h->cache_path = dw_sprintf(h->pool, "%s/%.*s-%016llx.txt", cache_dir, (int)stem,
                                   base, (unsigned long long)k);
        read_cache(h);
    }
    return h;
}

static void hyph_load_dict(dw_hyph *h)
{
    if (!h->tried) {
        h->tried = true;
        h->dict = hnj_hyphen_load(h->path);
        if (h->dict && !h->dict->utf8) {
            h->conv = iconv_open(h->dict->cset, "UTF-8");
            if (h->conv == (iconv_t)-1) { /* a charset glibc does not know: no points */
                hnj_hyphen_free(h->dict);
                h->dict = NULL;
            }
        }
    }
}

static void hyph_free(dw_hyph *h)
{
    if (h->dict)
        hnj_hyphen_free(h->dict);
    if (h->conv != (iconv_t)-1)
        iconv_close(h->conv);
    free(h->exc_word);
    free(h->exc_mask);
    free(h->slots);
    free(h->order);
    free(h->name);
    dw_arena_free(h->pool);
    free(h);
}

/* ---- the shaper's dictionaries ------------------------------------------ */
void dw_shaper_set_cache(dw_shaper *s, const char *dir)
{
    free(s->cache_dir);
    s->cache_dir = dir ? dw_xstrdup(dir) : NULL;
}

/* The thread owns the dict fields of the entries in its list (chosen
 * before it starts) until dw_shaper_wait joins it.                     */
typedef struct preload {
    dw_hyph *load[MAX_HYPH_DICTS];
    size_t n;
} preload;

static void *preload_main(void *arg)
{
    preload *pl = arg;
    for (size_t i = 0; i < pl->n; i++)
        hyph_load_dict(pl->load[i]);
    free(pl);
    return NULL;
}

static dw_hyph *entry(dw_shaper *s, const char *name)
{
    for (size_t i = 0; i < s->n_hyph; i++)
        if (strcmp(s->hyph[i]->name, name) == 0)
            return s->hyph[i];
    if (s->n_hyph == MAX_HYPH_DICTS)
        return NULL;
    return s->hyph[s->n_hyph++] = hyph_new(name, s->cache_dir);
}

void dw_shaper_preload(dw_shaper *s, const char *const *names, size_t n)
{
    if (s->loading)
        return;
    preload *pl = dw_xcalloc(1, sizeof *pl);
    for (size_t i = 0; i < n; i++) {
        dw_hyph *h = entry(s, names[i]);
        bool listed = false;
        for (size_t k = 0; k < pl->n; k++)
            listed |= pl->load[k] == h;
        if (h && !listed && h->n_words == 0) /* no cache yet: every word is new */
            pl->load[pl->n++] = h;
    }
    if (pl->n && pthread_create(&s->loader, NULL, preload_main, pl) == 0)
        s->loading = true;
    else
        free(pl); /* nothing to load, or no thread: load on first use */
}

void dw_shaper_wait(dw_shaper *s)
{
    if (s->loading) {
        pthread_join(s->loader, NULL);
        s->loading = false;
    }
}

bool dw_shaper_save_cache(dw_shaper *s)
{
    dw_shaper_wait(s);
    bool ok = true;
    for (size_t i = 0; i < s->n_hyph; i++) {
        dw_hyph *h = s->hyph[i];
        if (!h->dirty || !h->cache_path)
            continue;
        dw_buf b;
        dw_buf_init(&b);
        dw_buf_puts(&b, CACHE_MAGIC);
        for (size_t k = 0; k < h->n_order; k++)
            dw_buf_printf(&b, "%s %s\n", h->order[k], find(h, h->order[k])->mask);
        ok &= dw_mkdirs(s->cache_dir) && dw_write_file_atomic(h->cache_path, b.data, b.len);
        dw_buf_fini(&b);
        h->dirty = false;
    }
    return ok;
}

void dw_shaper_free_hyph(dw_shaper *s)
{
    dw_shaper_wait(s);
    for (size_t i = 0; i < s->n_hyph; i++)
        hyph_free(s->hyph[i]);
    s->n_hyph = 0;
    for (size_t i = 0; i < s->n_keep; i++)
        free(s->keep[i]);
    free(s->keep);
    s->keep = NULL;
    s->n_keep = s->cap_keep = 0;
    for (size_t i = 0; i < s->n_phrases; i++)
        free(s->phrases[i].cp);
    free(s->phrases);
    s->phrases = NULL;
    s->n_phrases = s->cap_phrases = 0;
    free(s->cache_dir);
    s->cache_dir = NULL;
}

/* ---- one word ----------------------------------------------------------- */
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

/* libhyphen's answer for a lower-case word of n code points: mask[i] is
 * '1' when a hyphen may follow code point i.                            */
static bool ask_libhyphen(dw_hyph *h, const uint32_t *cp, size_t n, char *mask)
{
    char word[DW_HYPH_MAX_WORD * 4 + 8];
    size_t last[DW_HYPH_MAX_WORD]; /* index in hyphens[] that answers for code point i */
    size_t len = 0;
    memset(mask, '0', n);
    mask[n] = 0;
    for (size_t i = 0; i < n; i++) {
        char u[4];
        int ulen = dw_utf8_put(u, cp[i]);
        if (h->dict->utf8) {
            memcpy(word + len, u, (size_t)ulen);
            len += (size_t)ulen;
            last[i] = i; /* libhyphen answers per character for UTF-8 files */
            continue;
        }
        char *in = u, *out = word + len;
        size_t in_left = (size_t)ulen, out_left = sizeof word - 1 - len;
        iconv(h->conv, NULL, NULL, NULL, NULL);
        if (iconv(h->conv, &in, &in_left, &out, &out_left) == (size_t)-1 ||
            out == word + len)
            return true; /* a letter the charset lacks: no points */
        len = (size_t)(out - word);
        last[i] = len - 1; /* and per byte for the others */
    }
    word[len] = 0;
    char hyphens[DW_HYPH_MAX_WORD * 4 + 13];
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    /* hnj_hyphen_hyphenate3 (with its own minimums) leaks in libhyphen
     * 2.8.8; hyphenate2 does not, and the minimums are applied later.  */
    bool ok = hnj_hyphen_hyphenate2(h->dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut) == 0;
    for (size_t i = 0; ok && i < n; i++)
        /* non-standard hyphenation (rep) changes letters: skip those */
        mask[i] = (hyphens[last[i]] & 1) && !(rep && rep[last[i]]) ? '1' : '0';
    if (rep) {
        for (size_t k = 0; k < len; k++)
            free(rep[k]);
        free(rep);
        free(pos);
        free(cut);
    }
    return ok;
}

/* The lower-case UTF-8 form of cp[0…n) in word (DW_HYPH_MAX_WORD * 4 + 8). */
static size_t lower_word(const uint32_t *cp, size_t n, char *word)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)dw_utf8_put(word + len, lower(cp[i]));
    word[len] = 0;
    return len;
}

/* Code points of a UTF-8 word, '-' marking the points; false when it is
 * not valid UTF-8, empty or too long.                                    */
static bool parse_marked(const char *marked, uint32_t *cp, size_t *n, char *mask)
{
    size_t len = strlen(marked), i = 0;
    *n = 0;
    while (i < len) {
        int32_t c = dw_utf8_next(marked, len, &i);
        if (c < 0 || *n == DW_HYPH_MAX_WORD)
            return false;
        if (c == '-') {
            if (*n == 0 || mask[*n - 1] == '1' || i == len)
                return false;
            mask[*n - 1] = '1';
            continue;
        }
        mask[*n] = '0';
        cp[(*n)++] = (uint32_t)c;
    }
    mask[*n] = 0;
    return *n > 0;
}

bool dw_shaper_hyph_exception(dw_shaper *s, const char *patterns, const char *marked)
{
    uint32_t cp[DW_HYPH_MAX_WORD];
    char mask[DW_HYPH_MAX_WORD + 1], word[DW_HYPH_MAX_WORD * 4 + 8];
    size_t n;
    dw_hyph *h = entry(s, patterns);
    if (!h || !parse_marked(marked, cp, &n, mask))
        return false;
    lower_word(cp, n, word);
    for (size_t i = 0; i < h->n_exc; i++)
        if (strcmp(h->exc_word[i], word) == 0) {
            h->exc_mask[i] = dw_strdup(h->pool, mask); /* the last one counts */
            return true;
        }
    if (h->n_exc == h->cap_exc) {
        h->cap_exc = h->cap_exc ? 2 * h->cap_exc : 16;
        h->exc_word = dw_xrealloc(h->exc_word, h->cap_exc * sizeof *h->exc_word);
        h->exc_mask = dw_xrealloc(h->exc_mask, h->cap_exc * sizeof *h->exc_mask);
    }
    h->exc_word[h->n_exc] = dw_strdup(h->pool, word);
    h->exc_mask[h->n_exc++] = dw_strdup(h->pool, mask);
    return true;
}

void dw_shaper_hyph_keep(dw_shaper *s, const char *word)
{
    for (size_t i = 0; i < s->n_keep; i++)
        if (strcmp(s->keep[i], word) == 0)
            return;
    if (s->n_keep == s->cap_keep) {
        s->cap_keep = s->cap_keep ? 2 * s->cap_keep : 32;
        s->keep = dw_xrealloc(s->keep, s->cap_keep * sizeof *s->keep);
    }
    s->keep[s->n_keep++] = dw_xstrdup(word);
}

void dw_shaper_hyph_keep_phrase(dw_shaper *s, const char *name)
{
    size_t len = strlen(name), n = 0;
    uint32_t *cp = dw_xcalloc(len + 1, sizeof *cp);
    for (size_t i = 0; i < len;) {
        int32_t c = dw_utf8_next(name, len, &i);
        cp[n++] = c < 0 ? 0xFFFD : (uint32_t)c;
    }
    for (size_t i = 0; i < s->n_phrases; i++)
        if (s->phrases[i].n == n && memcmp(s->phrases[i].cp, cp, n * sizeof *cp) == 0) {
            free(cp);
            return;
        }
    if (n == 0) {
        free(cp);
        return;
    }
    if (s->n_phrases == s->cap_phrases) {
        s->cap_phrases = s->cap_phrases ? 2 * s->cap_phrases : 32;
        s->phrases = dw_xrealloc(s->phrases, s->cap_phrases * sizeof *s->phrases);
    }
    s->phrases[s->n_phrases++] = (struct dw_phrase){cp, n};
}

/* A letter or digit: a name found inside a longer word is not the name. */
static bool word_char(const dw_shaper *s, uint32_t c)
{
    switch (dw_gc(s, c)) {
    case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
    case HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER:
        return true;
    default:
        return false;
    }
}

void dw_hyph_keep_phrases(dw_shaper *s, para *p)
{
    if (p->spec->no_hyphens) /* no points to clear: dw_breaks_find set none */
        return;
    for (size_t k = 0; k < s->n_phrases; k++) {
        const struct dw_phrase *ph = &s->phrases[k];
        for (size_t i = 0; i + ph->n <= p->n; i++) {
            if (p->cp[i] != ph->cp[0] || memcmp(p->cp + i, ph->cp, ph->n * sizeof *ph->cp) != 0)
                continue;
            if ((i > 0 && word_char(s, p->cp[i - 1])) ||
                (i + ph->n < p->n && word_char(s, p->cp[i + ph->n])))
                continue;
            memset(p->hyph + i, 0, ph->n);
        }
    }
}

const char *dw_hyph_word(dw_shaper *s, const char *patterns, const uint32_t *cp, size_t n)
{
    if (n == 0 || n > DW_HYPH_MAX_WORD)
        return NULL;
    dw_hyph *h = entry(s, patterns);
    if (!h)
        return NULL;
    if (s->n_keep) { /* names are compared as written */
        char as_is[DW_HYPH_MAX_WORD * 4 + 8];
        size_t len = 0;
        for (size_t i = 0; i < n; i++)
            len += (size_t)dw_utf8_put(as_is + len, cp[i]);
        as_is[len] = 0;
        for (size_t i = 0; i < s->n_keep; i++)
            if (strcmp(s->keep[i], as_is) == 0) {
                memset(s->no_points, '0', n);
                s->no_points[n] = 0;
                return s->no_points;
            }
    }
    char word[DW_HYPH_MAX_WORD * 4 + 8];
    lower_word(cp, n, word);
    for (size_t i = 0; i < h->n_exc; i++)
        if (strcmp(h->exc_word[i], word) == 0)
            return h->exc_mask[i];
    if (h->n_slots) {
        struct slot *hit = find(h, word);
        if (hit->word)
            return hit->mask;
    }
    dw_shaper_wait(s); /* the preload thread may be loading h->dict */
    hyph_load_dict(h);
    /* the cache is keyed by the lower-case word, so libhyphen gets that */
    uint32_t low[DW_HYPH_MAX_WORD];
    for (size_t i = 0; i < n; i++)
        low[i] = lower(cp[i]);
    char mask[DW_HYPH_MAX_WORD + 1];
    if (!h->dict || !ask_libhyphen(h, low, n, mask))
        return NULL;
    put(h, word, mask, true);
    return find(h, word)->mask;
}
