/*
 * fuzz_pdf.c — a drawing's page as a one-page PDF, for the fuzz targets
 * (fuzz_pdf.h).
 */
#include "fuzz_pdf.h"

#include <stdio.h>
#include <unistd.h>

void dw_fuzz_write_pdf(dw_drawing *g, const dw_pdf_info *info, double w, double h,
                       const char *tag, dw_diag *d)
{
    dw_pdf *pdf = dw_drawing_finish(g) ? dw_pdf_new(info, g, d) : NULL;
    if (pdf) {
        dw_pdf_page(pdf, w, h);
        dw_pdf_show(pdf, 0, 0, 0, NULL);
        char out[64];
        snprintf(out, sizeof out, "/tmp/dw-fuzz-%s-%ld.pdf", tag, (long)getpid());
        dw_pdf_save(pdf, out, d);
        unlink(out);
    }
    dw_pdf_free(pdf);
}
