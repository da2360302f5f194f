/*
 * content.h — YAML under content/ → document model (doc.h).  The only
 * stage that includes <yaml.h>.
 */
#ifndef DW_CONTENT_H
#define DW_CONTENT_H

#include <stdio.h>

#include "../doc/design.h"

/* Load every file under dir (languages/, contacts.yaml, courses.yaml and
 * each <document>/<lang>.yaml) into *c, allocating in a.  Reports every
 * problem to d (file:line:col, up to d->max_errors) and keeps going where
 * the YAML is well-formed.  Returns false if any error was reported; *c is
 * then still usable for the parts that loaded.                          */
bool dw_content_load(dw_content *c, const char *dir, dw_arena *a, dw_diag *d);

/* Load one document file on its own (tests, fuzzing): languages and
 * shared data are taken from c, which may be empty.                     */
bool dw_content_load_doc_file(dw_content *c, const char *path, dw_arena *a,
                              dw_diag *d);

/* Parse inline markup (content/README.md) of a scalar.  Errors (an
 * unclosed {tel: …) go to d at the scalar's location.                   */
dw_text dw_inline_parse(dw_arena *a, const char *s, dw_loc loc, dw_diag *d);
/* The same, knowing how the scalar sat in the file, so that an error
 * names the line (and column) of the markup, not the scalar's start.   */
enum dw_inline_src {
    DW_INLINE_AT_START,    /* unknown: errors at loc */
    DW_INLINE_LINE,        /* plain, on one line: loc.col + characters */
    DW_INLINE_QUOTED_LINE, /* quoted, on one line: one more for the quote */
    DW_INLINE_BLOCK,       /* | block: the text's lines follow loc's line */
};
dw_text dw_inline_parse_src(dw_arena *a, const char *s, dw_loc loc, enum dw_inline_src src,
                            dw_diag *d);
/* The same, with the caller's map from a byte offset in s to the place in
 * the file it came from (a folded text's lines joined by spaces, quotes,
 * escapes: only the caller knows); where(ctx, off) for each error.      */
typedef dw_loc (*dw_inline_where)(const void *ctx, size_t off);
dw_text dw_inline_parse_where(dw_arena *a, const char *s, dw_loc loc, enum dw_inline_src src,
                              dw_inline_where where, const void *ctx, dw_diag *d);

/* The link target of a phone number, e-mail or web address as written in
 * the content ({tel:…} spans, contacts.yaml fields): kind DW_SPAN_TEL →
 * "tel:+494471150" (German numbers: +49 and the area code without its 0),
 * DW_SPAN_MAIL → "mailto:…", DW_SPAN_WEB → "https://…" unless it has a
 * scheme, DW_SPAN_LINK → like WEB, also accepting mailto: and tel:.
 * Allocated in a.  NULL when text is not valid; then *why (if why is not
 * NULL) is a sentence for the user, e.g. "a phone number may only contain
 * digits, spaces and + - / ( )".                                        */
const char *dw_inline_href(dw_arena *a, enum dw_span_kind kind, const char *text,
                           const char **why);

/* Lint the loaded content without writing anything: translations missing
 * or outdated against the German source (a table language × document on
 * out), dangling references, courses ended before the edition date of
 * a document that lists courses (the date the build compares with),
 * unverified contacts and courses.  Problems go to d as errors or
 * warnings.  out may be NULL (no tables).  today: no longer used.       */
void dw_content_check(const dw_content *c, dw_date today, FILE *out, dw_diag *d);
/* An error for each document whose German source (de.yaml) is missing or
 * whose folder is gone: nothing of it could be printed, and the old PDFs
 * would stay as if current.  A de.yaml that exists but failed to load
 * was reported by the loader: no second message.                       */
void dw_content_check_sources(const dw_content *c, dw_diag *d);

/* Whether d holds an error in contacts.yaml: its ids were reported there,
 * so a check of ids against it says nothing more (one mistake, one
 * message). */
bool dw_content_contacts_broken(const dw_diag *d);

/* The facts to confirm (`confirm:` in the German source, contacts and
 * courses) as a table on out (file:line, document / section or contact
 * or course, the text); nothing when there are none.  Returns how many. */
size_t dw_content_confirm_table(const dw_content *c, FILE *out);

/* Glossary check: every translated text (document texts paired with the
 * German ones as the structure check pairs them, contacts' `about`, the
 * language file's words) whose German names a term of its language's
 * `glossary:` while the translation uses none of the accepted forms: a
 * warning there and a note at the German text.  Returns how many.       */
int dw_content_check_glossary(const dw_content *c, dw_diag *d);

/* `check --spelling`: every printed text of every language through its
 * Hunspell dictionary (/usr/share/hunspell), markup spans and the names
 * the content knows skipped, the language file's `spelling-accept:`
 * words accepted.  A warning per unknown word at its line:col, with a
 * suggestion.  Returns how many.                                        */
int dw_content_check_spelling(const dw_content *c, dw_diag *d);

/* `druckwerk import-courses`: the course database's CSV export →
 * out_path (a courses.yaml), checked against content_dir/contacts.yaml
 * with the courses.yaml schema.  Errors go to d as CSV_PATH:ROW:COL
 * (ROW: the line the record starts on, COL: the field number); nothing
 * is written then.  Returns 0 written, 1 errors, 3 not writable.        */
int dw_content_import_courses(const char *csv_path, const char *content_dir,
                              const char *out_path, dw_diag *d);

/* fonts/fonts.yaml → the font manifest (files in fallback order, with
 * their scripts, style, Debian package and licence).                    */
bool dw_content_load_fonts(const char *path, dw_font_manifest *m, dw_arena *a, dw_diag *d);

/* layouts/<document>.yaml → ds, over dw_design_defaults() of the format
 * the file names.  Lengths "12mm" or "9.5pt"; colours as CMYK percent.  */
bool dw_content_load_design(const char *path, dw_design *ds, dw_arena *a, dw_diag *d);

#endif
