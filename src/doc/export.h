/*
 * export.h — `druckwerk text`: a document's text in reading order, one
 * block a line (headings, paragraphs, list items, notes): what a screen
 * reader should meet in the tagged PDF (the tagging test compares them).
 */
#ifndef DW_EXPORT_H
#define DW_EXPORT_H

#include <stdio.h>

#include "doc.h"

void dw_export_text(const dw_doc *doc, FILE *out);

#endif
