/*
 * coverage.h — `druckwerk check`'s font coverage: every text a document
 * prints (title, sections, legal notice, publisher, office, the `about`
 * texts of the contacts it shows; the language's words once per language) against the
 * fonts of the manifest, so that a character no font has is found before
 * a build (which would stop at it).
 */
#ifndef DW_COVERAGE_H
#define DW_COVERAGE_H

#include "../text/text.h"

/* Report to d (error with the text's file:line:col) each character of
 * doc no font in sh can show.                                           */
void dw_coverage_doc(dw_shaper *sh, const dw_doc *doc, dw_diag *d);
/* The same for the words of a language file (headers, "Edition",
 * weekdays: printed in every document of the language).                */
void dw_coverage_lang(dw_shaper *sh, const dw_lang *l, dw_diag *d);

#endif
