/*
 * content_int.h — private to src/content/.  The steps of the content
 * stage and what they hand each other:
 *
 *   bytes ──yaml.c──► node tree (dw_ynode, in a scratch arena per file)
 *         ──schema.c (helpers) + shared.c / document.c──► doc.h model
 *         (texts through inline.c)
 *   load.c walks content/ and dispatches each file by its path;
 *   check.c lints the loaded model (the fuzz harness, outside the
 *   binary, is tests/fuzz/fuzz_one.c);
 *   design.c reads layouts/ and fonts/ with the same tree and helpers.
 *
 * Only yaml.c and yaml_indent.c include <yaml.h>; the tree below carries
 * no libyaml types.
 */
#ifndef DW_CONTENT_INT_H
#define DW_CONTENT_INT_H

#include "content.h"

/* ---- yaml.c: bytes → node tree ------------------------------------------ */

/* Limits, each with its reason:
 * - nodes: a real content file has a few thousand nodes (contacts.yaml
 *   with 40 contacts ≈ 1,500); 100,000 leaves room for growth and stops
 *   "billion laughs" alias bombs before they cost memory or time.  Every
 *   alias counts the nodes it stands for, as if copied.
 * - depth: content nests at most ~8 levels (section › sub-section ›
 *   blocks › block › table › rows › row); 64 keeps recursive schema
 *   walks far from the C stack limit.
 * - bytes: the largest content file is well under 1 MiB.               */
#define DW_YAML_MAX_NODES 100000
#define DW_YAML_MAX_DEPTH 64
#define DW_YAML_MAX_BYTES (8u << 20)
/* - expanded text: 5,000 aliases of one 100 KB paragraph are few nodes
 *   but 500 MB of text to lay out.  32 MiB of scalar text per file,
 *   aliases expanded, is 30 times the largest content file.            */
#define DW_YAML_MAX_EXPANDED (32u << 20)

enum dw_ykind { DW_Y_SCALAR, DW_Y_SEQ, DW_Y_MAP };

typedef struct dw_ynode dw_ynode;
struct dw_ynode {
    enum dw_ykind kind;
    dw_loc loc;        /* where the node starts */
    bool plain;        /* SCALAR: written without quotes, | or > */
    bool literal;      /* SCALAR: written as a | block (line breaks kept) */
    char style;        /* as written, so dw_yaml_emit can write it the same way:
                          SCALAR 'p' plain, '\'' or '"' quoted, '|' literal,
                          '>' folded; SEQ/MAP 'f' flow ([a, b]), 'b' block  */
    size_t start, end; /* SCALAR: its bytes in the file (quotes included), so a
                          text can be replaced where it stands              */
    int end_line;      /* SCALAR: the line it ends on (1-based) */
    bool alias;        /* used through an alias: loc is the alias, start/end
                          the anchored text's                              */
    const char *str;   /* SCALAR: NUL-terminated UTF-8 */
    size_t len;
    dw_ynode **items;  /* SEQ: n items; MAP: n pairs as key, value, key, … */
    size_t n;          /* SEQ: items; MAP: pairs */
    size_t weight;     /* nodes in this subtree, aliases expanded */
    size_t bytes;      /* scalar text in this subtree, aliases expanded */
};

/* Parse one YAML document from data (len bytes; need not be
 * NUL-terminated).  Nodes live in tmp; locations name `file` (borrowed,
 * must outlive the diagnostics).  Syntax, encoding, tab and alias errors
 * go to d and return false with *root NULL.  Duplicate keys are reported,
 * the later pair dropped, and the parse still succeeds (the tree is
 * well-formed; d->errors tells the caller).  An empty file gives true and
 * *root NULL.                                                              */
bool dw_yaml_parse(dw_arena *tmp, const char *file, const char *data,
                   size_t len, dw_ynode **root, dw_diag *d);

/* yaml_indent.c: libyaml stumbled at line ln (from 1); if the mistake is
 * the line's indentation against the line above, report that in words
 * ("line 20 is indented more than the key above it (line 19): …") and
 * return true; false reports nothing.                                   */
bool dw_yaml_indent_error(const char *file, const char *data, size_t len, int ln,
                          dw_diag *d);
/* text, a plain scalar written at `at`, is "key:value" without the space
 * after the colon: report where the space goes and return true.        */
bool dw_yaml_colon_space(const char *file, dw_loc at, const char *text, dw_diag *d);

/* Write root as one YAML document into out (UTF-8, no line wrapping),
 * each node in its `style` (a node without one: plain where YAML allows,
 * block collections), after `comment` (whole lines, "# …\n", or NULL).
 * libyaml's emitter does the quoting.  False if libyaml refuses.       */
bool dw_yaml_emit(const dw_ynode *root, const char *comment, dw_buf *out);

/* One scalar as YAML writes it in style (as dw_ynode.style; '"' for a
 * scalar inside [a, b]), on one line, in a; NULL if libyaml refuses or
 * the text needs more than one line.                                      */
const char *dw_yaml_scalar(dw_arena *a, const char *s, char style);

/* A YAML null: plain "", "~" or "null".                                   */
bool dw_ynode_is_null(const dw_ynode *n);

/* ---- schema.c: shared helpers of the file schemas ----------------------- */

/* What every schema function needs: the content set being filled, the
 * model's arena, a scratch arena that dies with the file, the diagnostics
 * and the file's path (in `a`).                                           */
typedef struct dw_ctx {
    dw_content *c;
    dw_arena *a;
    dw_arena *tmp;
    dw_diag *d;
    const char *file;
    const char *data; /* the file's bytes, for places inside texts (or NULL) */
    size_t len;
} dw_ctx;

/* s, or its first 40 characters and "…", for quoting in messages.       */
const char *dw_clip(dw_arena *a, const char *s);

/* "12:5" for a place in x->file, else "contacts.yaml:12:5" (in tmp).    */
const char *dw_where(dw_ctx *x, dw_loc l);

/* "a text", "a list", "a mapping" — for "must be a list, not a text".     */
const char *dw_ykind_name(enum dw_ykind k);

/* Optimal-string-alignment edit distance, capped: returns cap + 1 when
 * the distance exceeds cap (or a string is too long to bother).          */
int dw_edit_distance(const char *a, const char *b, int cap);
/* The candidate closest to word, or NULL when none is close enough to be
 * a likely typo.  cands: n strings.                                      */
const char *dw_suggest(const char *word, const char *const *cands, size_t n);

/* Report every key of map that is not in keys (NULL-terminated) as
 * "unknown key 'x' (did you mean 'y'?)".  Returns false if any was.       */
bool dw_schema_keys(dw_ctx *x, const dw_ynode *map, const char *const *keys);
/* The value of key in map, or NULL.  No diagnostics.                     */
const dw_ynode *dw_schema_get(const dw_ynode *map, const char *key);
/* The key node of key in map (for locations), or NULL.                   */
const dw_ynode *dw_schema_key_node(const dw_ynode *map, const char *key);

/* Check v has kind k; else "'key' must be a list, not a text".           */
bool dw_schema_is(dw_ctx *x, const dw_ynode *v, enum dw_ykind k, const char *key);
/* The same for a list item: "a contact must be a mapping …, not a text". */
bool dw_schema_item(dw_ctx *x, const dw_ynode *v, enum dw_ykind k, const char *what);

/* Value of key as a non-empty scalar.  Returns NULL when absent or null
 * (reported as "OWNER has no 'key'" when owner is not NULL, i.e. the key
 * is required) or not a scalar (always reported).                       */
const dw_ynode *dw_schema_scalar(dw_ctx *x, const dw_ynode *map, const char *key,
                                 const char *owner);
/* Value of key as a list; same rules as dw_schema_scalar.  An empty list
 * is returned as it is.                                                  */
const dw_ynode *dw_schema_list(dw_ctx *x, const dw_ynode *map, const char *key,
                               const char *owner);
/* Value of key as a mapping; same rules.                                  */
const dw_ynode *dw_schema_map(dw_ctx *x, const dw_ynode *map, const char *key,
                              const char *owner);

/* Copy of a scalar's string into the model arena.                        */
const char *dw_schema_str(dw_ctx *x, const dw_ynode *v);
/* The optional `confirm:` of map (a fact the county must confirm): its
 * text in the model arena, or NULL when absent; *loc is the key's place.
 * Not a non-empty text: reported, NULL.                                 */
const char *dw_schema_confirm(dw_ctx *x, const dw_ynode *map, dw_loc *loc);
/* The optional `sample:` of map: true when it is `sample: true` (then
 * *loc is the key's place); anything else but a boolean is reported.     */
bool dw_schema_sample(dw_ctx *x, const dw_ynode *map, dw_loc *loc);
/* Inline markup of a scalar (trailing line breaks of | blocks dropped).  */
dw_text dw_schema_text(dw_ctx *x, const dw_ynode *v);

/* Converters: each reports its own error at v and returns false.        */
bool dw_schema_date(dw_ctx *x, const dw_ynode *v, dw_date *out);
bool dw_schema_time(dw_ctx *x, const dw_ynode *v, char out[6]);
bool dw_schema_bool(dw_ctx *x, const dw_ynode *v, const char *key, bool *out);
bool dw_schema_days(dw_ctx *x, const dw_ynode *v, const char *key, unsigned *out);
/* One of vals (n of them); else "unknown WHAT 'x' (did you mean 'y'?)". */
bool dw_schema_enum(dw_ctx *x, const dw_ynode *v, const char *what,
                    const char *const *vals, size_t n, int *out);
/* Letters, digits and '-' (not at the ends); else "invalid WHAT id …".   */
bool dw_schema_id(dw_ctx *x, const dw_ynode *v, const char *what);
/* A language code: a-z, 2 or 3 letters, optionally "-" and a region.     */
bool dw_is_lang_code(const char *s);

/* Duplicate detection for ids and keys: a string set remembering where
 * each string was first seen.  Memory in the arena given to init.        */
typedef struct dw_idset {
    dw_arena *a;
    const char **keys;
    dw_loc *locs;
    size_t n, cap;
} dw_idset;
void dw_idset_init(dw_idset *s, dw_arena *a);
/* Adds key; returns NULL when it is new, else where it was seen first.  */
const dw_loc *dw_idset_add(dw_idset *s, const char *key, dw_loc loc);

/* Grow an arena array that holds n elements so that one more fits.  The
 * capacity is implied by n (powers of two from 4), so the model's arrays
 * need no capacity fields.  Old copies stay valid until the arena dies.  */
void *dw_grow(dw_arena *a, void *arr, size_t n, size_t size);

/* ---- shared.c / document.c: one file's schema --------------------------- */

/* Each fills c from a parsed tree (root may be NULL: an empty file) and
 * reports to x->d.  want_*: the name the file's path gives (NULL: none). */
void dw_load_lang(dw_ctx *x, const dw_ynode *root, const char *want_code);
void dw_load_contacts(dw_ctx *x, const dw_ynode *root);
void dw_load_courses(dw_ctx *x, const dw_ynode *root);
void dw_load_document(dw_ctx *x, const dw_ynode *root, const char *want_doc,
                      const char *want_lang);

/* The contact a scalar names, or NULL after "unknown contact 'x' (did you
 * mean 'y'?)" at v.                                                      */
const dw_contact *dw_load_contact_ref(dw_ctx *x, const dw_ynode *v);

/* ---- load.c: files → schema --------------------------------------------- */

/* Load one file's bytes.  `path` names the file in messages; `as` is its
 * place under content/ and decides what it is: "languages/<code>.yaml",
 * "contacts.yaml", "courses.yaml" or "<document>/<lang>.yaml".  Loading
 * order matters: languages before contacts before courses before
 * documents, because later files refer to earlier ones.  Returns false
 * if this file added errors.                                             */
bool dw_content_load_mem(dw_content *c, const char *path, const char *as,
                         const char *data, size_t len, dw_arena *a, dw_diag *d);
/* The same, reading the bytes from path.                                 */
bool dw_content_load_as(dw_content *c, const char *path, const char *as,
                        dw_arena *a, dw_diag *d);

/* ---- check.c: the blocks of a German section and its translation ------- */

/* Aligned by a longest common subsequence of their kinds: step is called
 * in order with (s, t) for a pair, (NULL, t) for a block only the
 * translation has, (s, NULL) for one only the German has; next is the
 * translation's block after the step (where a missing one would stand),
 * or NULL at the end.  False, and nothing called, when the sections are
 * too long to align (more than MAX_LCS_CELLS in check.c).             */
/* Whether d holds an error in file (check.c): one mistake, one message. */
bool dw_check_file_has_errors(const dw_diag *d, const char *file);

typedef void (*dw_align_fn)(void *user, const dw_block *s, const dw_block *t,
                            const dw_block *next);
bool dw_align_blocks(const dw_section *ss, const dw_section *ts, dw_align_fn step, void *user);

/* ---- glossary.c --------------------------------------------------------- */

/* term (a German glossary term) at the start of a word of text, ignoring
 * case: "Aufenthaltstitels" has "aufenthaltstitel", "Daueraufenthalts-
 * titel" has not.                                                        */
bool dw_glossary_has_term(const char *text, const char *term);
/* form (an accepted target form) anywhere in text, ignoring case.       */
bool dw_glossary_has_form(const char *text, const char *form);

#endif
