/*
 * fuzz_pdf.h — what the image and text fuzz targets (fuzz_image.c,
 * fuzz_text.c) share: a drawing's page written as a one-page PDF, the
 * path `druckwerk sample` takes.  Not part of the druckwerk binary.
 */
#ifndef DW_FUZZ_PDF_H
#define DW_FUZZ_PDF_H

#include "pdf/pdf.h"

/* Finish g and write its first page, w × h points, as a PDF into a
 * scratch file named after tag and the process, then remove the file.
 * Frees nothing of g; problems go to d.                                 */
void dw_fuzz_write_pdf(dw_drawing *g, const dw_pdf_info *info, double w, double h,
                       const char *tag, dw_diag *d);

#endif
