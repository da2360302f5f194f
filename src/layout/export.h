/*
 * export.h — `druckwerk text`: a document's text in reading order, one
 * block a line (headings, paragraphs, list items, notes), as the pages
 * print it (the language's quotation marks): what a screen reader should
 * meet in the tagged PDF (the tagging test compares them).  In layout/
 * because the printed form of a text is the layout's (format.c).
 */
#ifndef DW_EXPORT_H
#define DW_EXPORT_H

#include <stdio.h>

#include "../doc/doc.h"

void dw_export_text(const dw_doc *doc, FILE *out);

#endif
