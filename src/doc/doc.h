/*
 * doc.h — the document model.  content/ builds it from YAML; layout/
 * reads it.  Everything here lives in the arena of the content set that
 * loaded it; strings are UTF-8 and NUL-terminated.  Every node keeps the
 * dw_loc of the YAML it came from, so that a layout error (a glyph no
 * font has, a table that fits no page) can point back into the content.
 */
#ifndef DW_DOC_H
#define DW_DOC_H

#include "../util/util.h"

/* ---- inline text ------------------------------------------------------ */
enum dw_span_kind {
    DW_SPAN_TEXT, /* ordinary text in the paragraph's direction */
    DW_SPAN_LINK, /* [text](href) */
    DW_SPAN_TEL,  /* {tel:…}  left-to-right isolate, href "tel:+49…" */
    DW_SPAN_MAIL, /* {mail:…} left-to-right isolate, href "mailto:…" */
    DW_SPAN_WEB,  /* {web:…}  left-to-right isolate, href "https://…" */
    DW_SPAN_LTR,  /* {ltr:…}  left-to-right isolate, no href */
    DW_SPAN_DE,   /* {de:…}   a German word inside another language: an
                     isolate, /Lang de, German hyphenation */
};
enum { DW_STYLE_EM = 1u << 0, DW_STYLE_STRONG = 1u << 1 };

typedef struct dw_span {
    enum dw_span_kind kind;
    unsigned style;   /* DW_STYLE_* bits */
    const char *text; /* as printed, markup removed */
    const char *href; /* NULL for TEXT and LTR */
} dw_span;

typedef struct dw_text {
    dw_span *spans;
    size_t n_spans;
    dw_loc loc; /* where the scalar starts */
} dw_text;

/* ---- languages ---------------------------------------------------------- */
enum dw_digits { DW_DIGITS_LATIN, DW_DIGITS_ARABIC_INDIC, DW_DIGITS_EXT_ARABIC_INDIC };

typedef struct dw_lang {
    const char *code;        /* "de", "ar", … (file name) */
    const char *name;        /* in its own language */
    const char *name_de;
    dw_loc loc;
    bool rtl;
    const char *script;      /* ISO 15924, e.g. "Arab"; selects fonts */
    enum dw_digits digits;
    const char *hyphenation; /* pattern file name in /usr/share/hyphen, or NULL */
    const char *date_format; /* "{d}.{m}.{y}" */
    /* numbers (Unicode CLDR's symbols for the language): never NULL after
     * loading ("." "" ", " when the file has none)                        */
    const char *decimal_sep, *group_sep, *list_sep;
    const char *quotes[4];   /* open, close, inner open, inner close; NULL: straight */
    const char *apostrophe;  /* NULL: straight */
    const char **hyph_exceptions; /* "Ur-instinkt": hyphenated only there */
    size_t n_hyph_exceptions;
    const char **word_keys;
    const char **word_vals;
    dw_loc *word_locs; /* where each word's value is */
    size_t n_words;
    /* glossary: German term → accepted target forms (the first is the
     * canonical term), parallel arrays; translations only */
    const char **gloss_de;
    const char ***gloss_forms; /* gloss_n_forms[i] strings each */
    size_t *gloss_n_forms;
    dw_loc *gloss_loc;         /* where each term's entry is */
    size_t n_gloss;
    const char *spelling;      /* Hunspell dictionary name, NULL: by the code */
    bool spelling_off;         /* spelling: none */
    const char **spell_accept; /* spelling-accept: words Hunspell is to accept */
    size_t n_spell_accept;
} dw_lang;

/* The word for key, or NULL when the language file lacks it. */
const char *dw_lang_word(const dw_lang *l, const char *key);

/* ---- shared data -------------------------------------------------------- */
typedef struct dw_date {
    int y, m, d;
} dw_date;

/* German is the source language: every translation is compared with it,
 * its words stand in for missing ones, and German names and terms inside
 * another language are tagged with it.                                 */
#define DW_SOURCE_LANG "de"

/* The course types and contact categories content/README.md allows, in
 * its order (the print order of groups); NULL-terminated.  Their printed
 * names are the language words "course-<type>" and "category-<name>".   */
extern const char *const dw_course_types[];
extern const char *const dw_contact_categories[];

enum { DW_MON, DW_TUE, DW_WED, DW_THU, DW_FRI, DW_SAT, DW_SUN };
extern const char *const dw_day_keys[7]; /* "mo" … "su" */

typedef struct dw_hours {
    unsigned days;          /* bit DW_MON … DW_SUN */
    char from[6], to[6];    /* "08:00" */
} dw_hours;

typedef struct dw_contact {
    const char *id;
    dw_loc loc;
    const char *name, *unit, *address, *phone, *email, *web; /* NULL if absent */
    /* their link targets, made once by the loader (dw_inline_href): the
     * layout links exactly what validation accepted                     */
    const char *phone_href, *email_href, *web_href;
    dw_hours *hours;
    size_t n_hours;
    const char **languages; /* codes of languages spoken */
    size_t n_languages;
    const char *category;     /* authorities, counselling, … */
    const char *municipality; /* town, municipality or "Landkreis" */
    bool unverified;
    /* checked against a public source instead of unverified */
    const char *checked_source; /* NULL if not checked */
    dw_date checked_date;
    const char *confirm; /* a fact the county must confirm, or NULL */
    dw_loc confirm_loc;
    const char **about_langs; /* parallel arrays: language code → text */
    dw_text *about;
    size_t n_about;
} dw_contact;

/* The contact's description in lang, or NULL. */
const dw_text *dw_contact_about(const dw_contact *c, const char *lang);

enum dw_cost { DW_COST_FREE, DW_COST_BAMF, DW_COST_EUROS };

typedef struct dw_course {
    const char *id;
    dw_loc loc;
    const char *type; /* integration, job-language, … */
    const dw_contact *provider;
    const char *level, *place, *address; /* address may be NULL */
    dw_date start, end;
    unsigned days;
    char from[6], to[6];
    enum dw_cost cost;
    double cost_euros;
    bool childcare, unverified;
    bool sample;         /* sample data: the entry or its whole file */
    dw_loc sample_loc;   /* where the `sample:` key that makes it so is */
    const char *confirm; /* a fact the county must confirm, or NULL */
    dw_loc confirm_loc;
} dw_course;

/* ---- documents ---------------------------------------------------------- */
enum dw_block_kind {
    DW_BLOCK_P,
    DW_BLOCK_H,
    DW_BLOCK_LIST,
    DW_BLOCK_STEPS,
    DW_BLOCK_NOTE,
    DW_BLOCK_CONTACTS,
    DW_BLOCK_TABLE,
    DW_BLOCK_PRINCIPLE,
    DW_BLOCK_COURSES,
    DW_BLOCK_IMAGE,
    DW_BLOCK_PAGEBREAK,
};
extern const char *const dw_block_names[]; /* "p", "h", "list", … by kind */

/* A block is a tagged union, as cmark's node: the fields of every kind,
 * then `as`, whose member named after the kind holds what only that
 * kind has, so every access says which kind it reads.                  */
typedef struct dw_block {
    enum dw_block_kind kind;
    dw_loc loc;
    const char *confirm; /* a fact the county must confirm, or NULL */
    dw_loc confirm_loc;
    union {
        struct { dw_text text; } para;                /* P */
        struct { dw_text text; } heading;             /* H */
        struct { dw_text text; } note;                /* NOTE */
        struct { dw_text title, text; } principle;    /* PRINCIPLE */
        struct {                                      /* LIST, STEPS */
            dw_text *items;
            size_t n_items;
        } list;
        struct {                                      /* TABLE */
            dw_text *head;  /* n_cols header cells, or NULL */
            dw_text *cells; /* n_rows × n_cols, row-major */
            size_t n_cols, n_rows;
        } table;
        struct {                                      /* CONTACTS */
            const dw_contact **list;
            size_t n;
        } contacts;
        struct {                                      /* COURSES */
            const char **types; /* NULL = all types */
            size_t n_types;
        } courses;
        struct {                                      /* IMAGE */
            const char *file; /* relative to content/ */
            dw_text alt;
            bool decorative;
        } image;
    } as;
} dw_block;

typedef struct dw_section {
    const char *id;
    dw_loc loc;
    int level; /* 1 for top-level sections */
    dw_text title;
    dw_block *blocks;
    size_t n_blocks;
    struct dw_section *subs;
    size_t n_subs;
    const char *confirm; /* a fact the county must confirm, or NULL */
    dw_loc confirm_loc;
} dw_section;

typedef struct dw_content dw_content;

typedef struct dw_doc {
    const char *name; /* "welcome-folder" */
    const char *file; /* "content/welcome-folder/de.yaml" */
    dw_loc loc;
    const dw_lang *lang;
    dw_date edition;
    dw_date source_edition; /* translations; {0,0,0} in the source */
    const char *version;
    dw_text title, subtitle, publisher, office;
    dw_text running_title; /* short title for the running head; empty: the title */
    dw_text *legal; /* paragraphs of the legal notice */
    size_t n_legal;
    dw_section *sections;
    size_t n_sections;
    const dw_content *content;
    bool sample;       /* `sample: true` at the top of the file */
    dw_loc sample_loc;
} dw_doc;

/* Everything under content/, loaded at once. */
struct dw_content {
    const char *dir;
    dw_lang *langs;
    size_t n_langs;
    dw_contact *contacts;
    size_t n_contacts;
    dw_course *courses;
    size_t n_courses;
    bool courses_sample;       /* `sample: true` at the top of courses.yaml */
    dw_loc courses_sample_loc;
    dw_doc *docs; /* every document × language file found */
    size_t n_docs;
};

const dw_lang *dw_content_lang(const dw_content *c, const char *code);
const dw_doc *dw_content_doc(const dw_content *c, const char *doc, const char *lang);
const dw_contact *dw_content_contact(const dw_content *c, const char *id);

/* Document names druckwerk knows, in print order. */
extern const char *const dw_doc_names[];
#define DW_N_DOCS 3

/* ---- the walk ------------------------------------------------------------
 * One walk over a document in reading order (walk.c).  fn is called for
 * each event; returning false stops the walk (dw_doc_walk then returns
 * false).  Events, for each section: SECTION, TEXT (its title), then for
 * each block BLOCK followed by TEXT for each text the block prints (by
 * its kind: a paragraph's text, a principle's title and text, list
 * items, table head and cells, an image's alt), then its subsections,
 * then SECTION_END.  dw_doc_walk adds TEXT for the cover (title,
 * subtitle, publisher, office) before the sections and for each
 * paragraph of the legal notice after them; contacts and courses are
 * shared data, met as BLOCK only.                                        */
enum dw_walk_event { DW_WALK_SECTION, DW_WALK_SECTION_END, DW_WALK_BLOCK, DW_WALK_TEXT };

typedef struct dw_walk {
    enum dw_walk_event event;
    const dw_doc *doc;         /* NULL in dw_doc_walk_section */
    const dw_section *section; /* the section the event is in (NULL: cover, legal notice) */
    const dw_block *block;     /* BLOCK, and TEXT of a block */
    const dw_text *text;       /* TEXT */
    int depth;                 /* of section: 0 for the section the walk starts at */
    size_t index;              /* SECTION(_END): among its siblings; BLOCK: in its section */
} dw_walk;

typedef bool (*dw_walk_fn)(const dw_walk *w, void *user);

bool dw_doc_walk(const dw_doc *doc, dw_walk_fn fn, void *user);
/* The walk of one section and what it holds; index is reported as its
 * index (a top-level section's number in the document).               */
bool dw_doc_walk_section(const dw_section *s, size_t index, dw_walk_fn fn, void *user);

/* Days since 1970-01-01 (proleptic Gregorian), for comparing dates. */
long dw_date_days(dw_date d);
/* Concatenated plain text of t (spans joined), in the arena. */
char *dw_text_plain(dw_arena *a, const dw_text *t);

#endif
