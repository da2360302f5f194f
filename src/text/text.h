/*
 * text.h — the text stage: Unicode paragraphs in, shaped and broken
 * lines out.
 *
 *   spans (UTF-8, styles, LTR isolates)
 *     → FriBiDi embedding levels (UAX #9, paragraph direction given)
 *     → items by level, script, font coverage and style
 *     → HarfBuzz shaping (direction, script, language set explicitly)
 *     → break opportunities (libunibreak, UAX #14) + hyphenation (libhyphen)
 *     → total-fit line breaking (Knuth & Plass 1981) over shaped widths
 *     → per line: re-shaping, reordering (UAX #9 L1–L2), justification
 *
 * Lines hold glyph runs in visual order with positions in points; every
 * glyph keeps the source characters it stands for, so the PDF can give
 * back the logical text.  Units: *_du are font design units, *_pt points.
 */
#ifndef DW_TEXT_H
#define DW_TEXT_H

#include <hb.h>

#include "../doc/doc.h"

/* ---- fonts -------------------------------------------------------------- */
enum { DW_FONT_BOLD = 1u << 0, DW_FONT_ITALIC = 1u << 1 };

/* A handful of scripts per face (Arabic, Hebrew, Devanagari, …). */
#define DW_FACE_MAX_FALLBACK_SIZES 8

typedef struct dw_face {
    char *path;
    char *ps_name;       /* PostScript name, for /BaseFont */
    char *family;
    unsigned style;      /* DW_FONT_* */
    char **scripts;      /* ISO 15924 codes this face is meant for */
    size_t n_scripts;
    int index;           /* position in the font set */
    /* metrics in design units */
    int upem, ascender, descender, cap_height, x_height;
    int bbox[4];
    double italic_angle;
    bool fixed_pitch, serif;
    /* Size factors when the face sets text inside a paragraph of another
     * script, as a fallback (fonts.yaml `fallback-size`): Latin words in
     * Arabic text are set smaller, so that they match its visual size. */
    struct {
        char script[5];
        double factor;
    } fallback_size[DW_FACE_MAX_FALLBACK_SIZES];
    size_t n_fallback_size;
    /* loaded data, shared by all builds */
    hb_blob_t *blob;
    hb_face_t *hb_face;
    hb_font_t *hb_font; /* scale = upem */
    void *ft_face;      /* FT_Face, for coverage and names */
} dw_face;

typedef struct dw_fontset dw_fontset;

/* A font set outlives builds: faces are loaded once and shared (read
 * only) by every document.  NULL on failure with the reason in d.        */
dw_fontset *dw_fontset_new(void);
void        dw_fontset_free(dw_fontset *fs);
dw_face    *dw_fontset_add(dw_fontset *fs, const char *path, unsigned style,
                           const char *const *scripts, size_t n_scripts,
                           dw_loc loc, dw_diag *d);
size_t      dw_fontset_count(const dw_fontset *fs);
dw_face    *dw_fontset_face(const dw_fontset *fs, size_t i);
bool        dw_face_has_char(const dw_face *f, uint32_t cp);
/* Set face f at factor × the paragraph's size when it serves as a
 * fallback in a paragraph of script (ISO 15924).  False when the factor
 * is out of range (0.5–1.5) or the face has too many.                  */
bool        dw_face_set_fallback_size(dw_face *f, const char *script, double factor);
/* The factor for text in a paragraph of script: 1 unless the face is a
 * fallback there and fonts.yaml gives one.                             */
double      dw_face_size_factor(const dw_face *f, const char *script);

/* ---- paragraphs --------------------------------------------------------- */
typedef struct dw_tspan {
    const char *text;  /* UTF-8 */
    unsigned style;    /* DW_FONT_* */
    bool ltr_isolate;  /* phone, e-mail, URL, postcode: LRI … PDI */
    const char *href;  /* link target or NULL */
    int tag;           /* caller's tag, copied to runs (e.g. colour role) */
    const char *lang;  /* BCP 47 when it differs from the paragraph's, or NULL */
    const char *hyphenation; /* the span language's pattern file when it
                                differs from the paragraph's, or NULL */
} dw_tspan;

enum dw_align { DW_ALIGN_JUSTIFY, DW_ALIGN_START, DW_ALIGN_CENTER, DW_ALIGN_END };

typedef struct dw_shaper dw_shaper;

/* A paragraph's last line narrower than this many ems of its type size
 * (a word fragment such as "є." or "mit.") looks like a stray: the line
 * breaker avoids it (KP_SHORT_LAST_DEMERITS) and the proof flags it.   */
#define DW_SHORT_LAST_EM 2.0

/* dw_text_para_memo (memo.c) keys on every field but loc and what: a new
 * field that changes the lines must be added to spec_hash and spec_eq. */
typedef struct dw_para_spec {
    const dw_tspan *spans;
    size_t n_spans;
    const char *lang;        /* BCP 47, e.g. "fa" */
    const char *script;      /* ISO 15924 of the language, e.g. "Arab" */
    const char *hyphenation; /* pattern file, or NULL */
    bool rtl;                /* paragraph direction (UAX #9 P3 not used) */
    double size_pt;
    double width_pt;         /* measure; first line may be indented */
    double indent_pt;
    enum dw_align align;
    bool no_hyphens;         /* headings */
    double letter_space_em;  /* most letter-spacing a justified line adds after a
                                cluster before its spaces open further; 0: the
                                default (LETTER_SPACE_MAX in para.c)          */
    double letter_shrink_em; /* most letter-spacing a justified line takes away after
                                a cluster once its spaces have closed by a third
                                (and the breaker counts on it); 0: none          */
    double space_open_max;   /* how far (times their width) spaces open before the
                                letters take a share of the gap; 0: 2          */
    bool reshape_lines;      /* shape every line on its own instead of reusing the
                                paragraph's glyphs where HarfBuzz says it is safe
                                (the same result, slower: for tests)             */
    dw_loc loc;              /* for errors: where the text came from */
    const char *what;        /* for errors: "welcome-folder (ar)" */
} dw_para_spec;

typedef struct dw_glyph {
    uint32_t gid;
    int32_t x_advance_du, x_offset_du, y_offset_du;
    double extra_pt;    /* justification space added after this glyph */
    uint32_t text_off;  /* source characters: run->chars[text_off…+text_len] */
    uint16_t text_len;  /* 0: part of a cluster whose text another glyph carries */
    uint16_t cluster_glyphs; /* glyphs in this glyph's cluster (1 usually) */
    bool kashida;       /* extra_pt is a kashida: the join to the next glyph lengthens
                           (kashida.c), the PDF fills it with the tatweel stroke */
} dw_glyph;

typedef struct dw_run {
    const dw_face *face;
    double size_pt;
    bool rtl;
    double x_pt, width_pt;  /* position in the line (from its left edge) */
    dw_glyph *glyphs;       /* visual order */
    size_t n_glyphs;
    uint32_t *chars;        /* the run's source characters, logical order */
    size_t n_chars;
    const char *href;
    int tag;
    const char *lang;       /* from the span: a German address in Arabic text */
    bool soft_hyphen;       /* the run is a hyphen added at a line break */
} dw_run;

/* Whether glyph g of run r stands for an interword space (the glyph the
 * justification widens): the one test the line builder, the river and
 * looseness measures and the proof share.                              */
static inline bool dw_glyph_is_space(const dw_run *r, const dw_glyph *g)
{
    return g->text_len && g->text_off < r->n_chars && r->chars[g->text_off] == ' ';
}

typedef struct dw_line {
    dw_run *runs;           /* visual order, left to right */
    size_t n_runs;
    double width_pt;        /* natural width after justification */
    double ascent_pt, descent_pt;
    double x_pt;            /* offset from the measure's left edge (alignment) */
    bool hyphenated;
    bool joins_next;        /* broken inside a word without an added hyphen (a web
                               address before its '.', after a typed hyphen): the
                               next line's text goes on without a space        */
    const char *text;       /* the line's logical text, UTF-8 (tests, tags) */
} dw_line;

/* The widest interword space of a justified line, as a multiple of its
 * natural width (1.5: half as wide again); 0 when no space was widened.
 * The layout sets a paragraph ragged past DW_LOOSE_RATIO, and the proof
 * flags a line past it.                                                */
double dw_line_space_ratio(const dw_line *l);

typedef struct dw_para {
    dw_line *lines;
    size_t n_lines;
    double demerits;
} dw_para;

dw_shaper *dw_shaper_new(const dw_fontset *fs);
void       dw_shaper_free(dw_shaper *s);
/* Open the hyphenation pattern files (names as in the language files)
 * and their caches; patterns without a cache load on a background
 * thread (libhyphen needs ~3 s for the German ones), overlapping with
 * everything else.  Optional.                                          */
void       dw_shaper_preload(dw_shaper *s, const char *const *names, size_t n);
/* Keep hyphenation points in dir (src/text/hyphen.c); call before
 * dw_shaper_preload.  NULL: no cache.                                    */
void       dw_shaper_set_cache(dw_shaper *s, const char *dir);
/* A hyphenation exception for a pattern file, as in the language file:
 * "Ur-instinkt" allows only the points marked with '-' (any case of
 * the word); a word without '-' is never hyphenated.  False when the
 * word is not one (empty, too long, '-' at an end or doubled).        */
bool       dw_shaper_hyph_exception(dw_shaper *s, const char *patterns, const char *marked);
/* A word (exactly as written: a name) that no pattern file hyphenates. */
void       dw_shaper_hyph_keep(dw_shaper *s, const char *word);
/* A name of several words ("Agentur für Arbeit Vechta"): where it
 * stands whole, between non-letters, none of its words is hyphenated;
 * its words elsewhere are ordinary words ("Arbeit").                  */
void       dw_shaper_hyph_keep_phrase(dw_shaper *s, const char *name);
/* Write the caches that gained words; false when one cannot be written
 * (output is unaffected: the cache only saves time).                    */
bool       dw_shaper_save_cache(dw_shaper *s);

/* The longest paragraph dw_text_para sets (bytes of UTF-8 in all
 * spans): beyond it an error asks to split it.  The size of the largest
 * YAML file (content/, DW_YAML_MAX_BYTES): time is linear in the length
 * (long paragraphs are broken window by window, kp.c), and memory about
 * 190 bytes per byte of text, so ~1.5 GiB for the whole build of an
 * 8 MB paragraph (tests/bench.sh measures 64 KB, 1 MB and 5 MB).       */
#define DW_PARA_MAX_BYTES (8u << 20)

/* Shape and break one paragraph.  Output lives in a.  Fails (false, with
 * an error naming the text and the fonts tried) when a character has no
 * glyph in any font: .notdef never reaches a page.                       */
bool dw_text_para(dw_shaper *s, const dw_para_spec *p, dw_arena *a,
                  dw_para *out, dw_diag *d);

/* Paragraphs set once per build: the same spec (everything but loc and
 * what) gives the same lines, so a repeat returns the first result.
 * The memo and every paragraph it returns live in a (the build's arena);
 * the paragraphs are shared and must not be changed.  A paragraph that
 * gave an error or warning is set again each time (so its diagnostics
 * repeat with their own loc).  Same failure as dw_text_para.          */
typedef struct dw_para_memo dw_para_memo;
dw_para_memo *dw_para_memo_new(dw_arena *a);
bool dw_text_para_memo(dw_shaper *s, dw_para_memo *m, const dw_para_spec *p,
                       const dw_para **out, dw_diag *d);

/* Which characters of text (UTF-8) no font serves for the script:
 * reports each as an error at loc.  Returns the count of missing.        */
int dw_text_coverage(dw_shaper *s, const char *text, const char *script,
                     dw_loc loc, const char *what, dw_diag *d);

/* A span the line breaker keeps on one line (UAX #14 tailoring,
 * break.c): a phone number, and a left-to-right isolate without letters
 * (a postcode, "15-0").  Isolates with words break at their spaces.    */
bool dw_text_span_unbreakable(const dw_tspan *sp);

/* The digit groups (phone numbers, dates, times, postcodes, ranges) that
 * a right-to-left paragraph isolates on its own (src/text/numbers.c), as
 * byte offsets into text: writes at most cap, returns how many.         */
size_t dw_text_ltr_groups(const char *text, size_t *start, size_t *end, size_t cap);

#endif
