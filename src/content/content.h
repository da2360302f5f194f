/*
 * content.h — YAML under content/ → document model (doc.h).  The only
 * stage that includes <yaml.h>.
 */
#ifndef DW_CONTENT_H
#define DW_CONTENT_H

#include <stdio.h>

#include "../doc/doc.h"

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

/* Lint the loaded content without writing anything: translations missing
 * or outdated against the German source (a table language × document on
 * out), dangling references, courses ended before today, unverified
 * contacts and courses.  Problems go to d as errors or warnings.        */
void dw_content_check(const dw_content *c, dw_date today, FILE *out, dw_diag *d);

#endif
