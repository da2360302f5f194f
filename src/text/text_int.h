/*
 * text_int.h — private to src/text: the working state of one paragraph
 * and the steps that fill it.
 */
#ifndef DW_TEXT_INT_H
#define DW_TEXT_INT_H

#include <fribidi.h>
#include <hyphen.h>
#include <pthread.h>

#include "text.h"

#define DW_LRI 0x2066u
#define DW_PDI 0x2069u
#define DW_LRO 0x202Du
#define DW_PDF 0x202Cu

/* Hyphenation dictionaries are loaded once per shaper; a handful of
 * languages at most.                                                     */
#define MAX_HYPH_DICTS 16

/* Longer words are not hyphenated (URLs, chemical names).             */
#define DW_HYPH_MAX_WORD 63

/* In brk: a break inside a web or e-mail address where the Chicago
 * Manual of Style allows one (break.c); kp.c gives it KP_ADDRESS_PENALTY
 * and never a hyphen.  Beyond libunibreak's LINEBREAK_* values.       */
#define DW_BREAK_ADDRESS 4

typedef struct dw_hyph dw_hyph; /* one pattern file and its cache (hyphen.c) */

/* Fallback chains of one script (dw_shape_chains): the same for every
 * paragraph of a language, so they are found once per shaper.  A handful
 * of scripts at most; more are found anew each time.                  */
#define MAX_CHAIN_SCRIPTS 8

/* Code points HarfBuzz shapes at once (dw_shape_items): about 25
 * pages of text; no paragraph of the shipped documents has an item as
 * long, longer ones are cut after a space.                             */
#define DW_SHAPE_MAX 65536

/* Latin, Greek, Cyrillic, Hebrew, Arabic and their punctuation. */
#define DW_UCD_TABLE 0x800

typedef struct chain_set {
    char *script;
    size_t n_faces; /* of the font set when found */
    const dw_face *chains[4][16];
    size_t n_chain[4];
} chain_set;

struct dw_shaper {
    const dw_fontset *fs;
    hb_buffer_t *buf;
    dw_arena *tmp; /* the working memory of the paragraph being set (dw_tmp) */
    /* Per face of the font set, per BMP code point: 0 not asked yet,
     * 1 no glyph, 2 a glyph (font choice asks ~5 times per character). */
    unsigned char **cover;
    size_t n_cover;
    chain_set chain_sets[MAX_CHAIN_SCRIPTS];
    size_t n_chain_sets;
    /* HarfBuzz's general category and script of the code points below
     * DW_UCD_TABLE, looked up once: asked for every character.         */
    unsigned char gc[DW_UCD_TABLE];
    hb_script_t script[DW_UCD_TABLE];
    dw_hyph *hyph[MAX_HYPH_DICTS];
    size_t n_hyph;
    char *cache_dir;   /* hyphenation cache, or NULL */
    char **keep;       /* words never hyphenated (dw_shaper_hyph_keep) */
    size_t n_keep, cap_keep;
    /* names whose words are not hyphenated where the whole name stands
     * (dw_shaper_hyph_keep_phrase), as code points                     */
    struct dw_phrase {
        uint32_t *cp;
        size_t n;
    } *phrases;
    size_t n_phrases, cap_phrases;
    char no_points[DW_HYPH_MAX_WORD + 1]; /* the mask dw_hyph_word gives them */
    pthread_t loader;  /* dw_shaper_preload's thread, joined before use */
    bool loading;
};

typedef struct para {
    dw_shaper *sh;
    const dw_para_spec *spec;
    dw_arena *a;
    uint32_t *cp;       /* code points, LRI/PDI around isolates */
    size_t n;
    int *span;          /* span index of each code point */
    FriBidiLevel *level;
    char *brk;          /* libunibreak: LINEBREAK_* after each code point,
                           or DW_BREAK_ADDRESS (break.c) */
    char *hyph;         /* 1: a hyphenation point after this code point */
    char *glued;        /* 1: inside a digit group isolated by numbers.c (no break) */
    const dw_face **face;
    hb_script_t *script;
    hb_script_t own_script; /* the paragraph's script (spec->script, else Latin) */
    hb_language_t hb_lang;
    const dw_face *chains[4][16]; /* [style] → faces in fallback order */
    struct item *items; /* the whole paragraph shaped (measure), reused by lines */
    size_t n_items;
    size_t n_chain[4];
    unsigned char *kashida; /* per code point: the class of the word's kashida point
                               before it (kashida.c), 0 none; NULL: no Arabic to justify */
} para;

/* A shaped item: one level, script, face and span style. */
struct item {
    size_t start, end;  /* code points [start, end) */
    int level;
    const dw_face *face;
    hb_script_t script;
    int span;
    hb_glyph_info_t *info;
    hb_glyph_position_t *pos;
    unsigned n_glyphs;
    bool soft; /* the hyphen added at a line break */
    double size_pt; /* the paragraph's size × the face's fallback factor */
    int order; /* the glyphs' cluster values: 1 rise, -1 fall, 0 neither (or one glyph) */
};
typedef struct item item;

/* Working memory of the paragraph being set: the shaper's arena, reset
 * when the next paragraph starts (dw_tmp_reset keeps its largest chunk),
 * so that setting a paragraph allocates nothing once that chunk has
 * grown.  Nothing that a dw_para points to may live here.  dw_tmp does
 * not zero, dw_tmp_zero does; both abort on out-of-memory.             */
void *dw_tmp(dw_shaper *s, size_t n, size_t size);
void *dw_tmp_zero(dw_shaper *s, size_t n, size_t size);
void  dw_tmp_reset(dw_shaper *s);

/* Digit groups that keep their left-to-right order in right-to-left
 * text (numbers.c): code points [start, end).  A range gives two.     */
typedef struct dw_ltr_group {
    size_t start, end;
} dw_ltr_group;
size_t dw_ltr_groups(const uint32_t *cp, size_t n, dw_ltr_group *out, size_t cap);

void dw_shaper_wait(dw_shaper *s);
void dw_shaper_free_hyph(dw_shaper *s);
/* Where a hyphen may follow each code point of the word cp[0…n) by the
 * pattern file: a string of n '0'/'1', owned by the shaper; NULL when
 * the word is too long or the patterns cannot be loaded.               */
const char *dw_hyph_word(dw_shaper *s, const char *patterns, const uint32_t *cp, size_t n);
/* Clear the hyphenation points of p inside every occurrence of a name
 * given to dw_shaper_hyph_keep_phrase.                                 */
void dw_hyph_keep_phrases(dw_shaper *s, para *p);
bool dw_bidi_levels(para *p, dw_diag *d);
/* True when text of these bidi types resolves to level 0 everywhere in
 * a left-to-right paragraph (no R, AL, AN, embeddings or isolates):
 * dw_bidi_levels then skips FriBiDi's resolution.                     */
bool dw_bidi_all_ltr(const FriBidiCharType *types, size_t n);
void dw_bidi_reorder(item *items, size_t n, int para_level);
void dw_breaks_find(dw_shaper *s, para *p);
void dw_shape_chains(para *p);
bool dw_shape_fonts(para *p, dw_diag *d);
size_t dw_shape_items(dw_shaper *s, para *p, size_t start, size_t end, item **out);
/* The size in pt of the text at code point i: the paragraph's size, or
 * for a fallback face the factor fonts.yaml gives it (Latin inside Arabic
 * set smaller) where the character's script is not the paragraph's:
 * punctuation between Arabic-Indic digits ("١١/٠١/٢٠٢٧") takes the script
 * of its neighbours and keeps their size.                              */
double dw_shape_size_at(const para *p, size_t i);

static inline hb_unicode_general_category_t dw_gc(const dw_shaper *s, uint32_t c)
{
    return c < DW_UCD_TABLE ? (hb_unicode_general_category_t)s->gc[c]
                            : hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
}

static inline hb_script_t dw_script(const dw_shaper *s, uint32_t c)
{
    return c < DW_UCD_TABLE ? s->script[c] : hb_unicode_script(hb_unicode_funcs_get_default(), c);
}

static inline bool is_isolate_ctl(uint32_t c)
{
    return (c >= 0x2066 && c <= 0x2069) || (c >= 0x202A && c <= 0x202E); /* and LRO, PDF */
}

/* ---- Knuth–Plass (kp.c) -------------------------------------------------- */
#define KP_INF 10000.0        /* a penalty this high forbids a break */
#define KP_FIL 1e6            /* stretch of the glue that ends a paragraph */
#define KP_LINE_PENALTY 10.0  /* TeX's \linepenalty */
#define KP_HYPHEN_PENALTY 50.0 /* \hyphenpenalty */
/* A break inside a web or e-mail address: taken only when the lines
 * would otherwise open their spaces to about 1.6 times their width
 * (badness 190, adjustment ratio 1.24: (10 + 190)^2 = 200^2).        */
#define KP_ADDRESS_PENALTY 200.0
#define KP_FLAGGED_DEMERITS 3000.0 /* \doublehyphendemerits */
#define KP_FITNESS_DEMERITS 100.0  /* \adjdemerits */
#define KP_FINAL_HYPHEN_DEMERITS 5000.0 /* \finalhyphendemerits */
/* A last line narrower than DW_SHORT_LAST_EM, in justified text: as bad
 * as a line whose spaces open to almost twice their width (r = 1.95,
 * DW_LOOSE_RATIO), so the breaker takes any line up to that limit
 * rather than leave a stray; in ragged text as bad as a line ending
 * about 10 em short of the measure (r = 3.3 of the 3 em ragged stretch). */
#define KP_SHORT_LAST_DEMERITS 6e5
#define KP_SHORT_LAST_RAGGED_DEMERITS 1e7
/* At most this many lines in a row end with a hyphen (added or typed):
 * a hard limit on top of \doublehyphendemerits, which only discourages
 * them.  The break sequence keeps its count, so the optimum is taken
 * among the sequences that respect it.                                  */
#define KP_MAX_HYPHEN_RUN 2

enum kp_type { KP_BOX, KP_GLUE, KP_PENALTY };

typedef struct kp_item {
    enum kp_type type;
    double w, st, sh, pen;
    bool flagged;
    size_t pos, end; /* code points covered: [pos, end) */
} kp_item;

typedef struct kp_node {
    size_t at;    /* item index of the break */
    int line, fitness;
    int hyph_run; /* lines in a row ending with a hyphen, up to this break */
    double tw, tst, tsh; /* totals after the break */
    double demerits;
    struct kp_node *prev, *next; /* prev: best previous break; next: active list */
} kp_node;

typedef struct kp {
    dw_shaper *sh;
    kp_item *items;
    size_t n, cap;
    double *sw, *sst, *ssh; /* prefix sums */
    double short_last;       /* a last line narrower than this (pt) is a stray */
    dw_arena *nodes; /* the nodes of one window (dw_kp_windows), else NULL: the shaper's */
    bool kashida;    /* the words' kashida points stretch too (dw_kp_items) */
} kp;

/* Items in one total-fit window of a long paragraph: about 130 lines of
 * body text.  Paragraphs of at most twice as many are broken in one
 * pass (every paragraph of the shipped documents).                     */
#define KP_WINDOW 8192

/* The paragraph's boxes, glue and penalties over the advances w (per
 * code point) with their prefix sums; in the shaper's working memory.
 * With k->kashida set, each kashida point (kashida.c) is glue inside
 * its word that stretches by half its longest kashida and never breaks. */
void dw_kp_items(para *p, const double *w, kp *k);
/* Total fit: the last node of the best chain, or NULL when no break
 * sequence keeps every adjustment ratio within tolerance.              */
kp_node *dw_kp_run(const kp *k, double width, double first_width, double tolerance,
                   double ragged_stretch);
/* First fit over the legal breaks (never NULL). */
kp_node *dw_kp_greedy(const kp *k, double width, double first_width);
/* The breaks (item indices) of a long paragraph, window by window;
 * *out in the shaper's working memory.  Returns how many.            */
size_t dw_kp_windows(kp *k, double width, double first_width, double ragged, size_t **out,
                     double *demerits);

/* ---- kashida (kashida.c) ------------------------------------------------ */
/* Whether item it is Arabic text of a justified Arabic-script paragraph
 * (not a span of another language): shaped with the tatweel flags.     */
bool dw_kashida_wanted(const para *p, const item *it);
/* The word's kashida points of the paragraph, from its shaped items. */
void dw_kashida_points(para *p);
/* The longest kashida at the point before code point i, in pt (0: none). */
double dw_kashida_stretch(const para *p, size_t i);
/* Kashidas for at most gap pt into the line's runs (items: the runs'
 * items, in the same order); returns the width added.                  */
double dw_kashida_line(dw_shaper *s, para *p, const item *items, dw_line *line, double gap);

/* ---- lines (line.c) ------------------------------------------------------ */
/* Line [start, end) of the paragraph, reordered and justified to
 * measure_pt; its runs and text live in the paragraph's arena.        */
void dw_line_build(dw_shaper *s, para *p, size_t start, size_t end, bool hyph,
                   bool last, double measure_pt, double indent, dw_line *line);

static inline double du_pt(const dw_face *f, double size, double du)
{
    return du * size / f->upem;
}

#endif
