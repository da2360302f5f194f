/*
 * preflight.h — reads any PDF back (qpdf) and checks it the way a print
 * shop's preflight would.  Stands beside the pipeline: it never writes.
 */
#ifndef DW_PREFLIGHT_H
#define DW_PREFLIGHT_H

#include <stdio.h>

#include <stdbool.h>

/* Check the PDF at path and write a report to out, as text or as one
 * JSON object (the caller writes the array around several).  Returns 0
 * if it passes, 1 if a check failed, 2 if the file cannot be read.     */
int dw_preflight_file(const char *path, FILE *out, bool json);

#endif
