/*
 * render.h — a laid-out document (layout.h) → one PDF file per variant.
 *
 *   office   final size, no marks: office printers and e-mail
 *   print    for the print shop: 3 mm bleed, crop marks, slug line,
 *            TrimBox/BleedBox, CMYK only, black overprints
 *   booklet  A5 pages imposed two-up on A4 landscape for duplex printing
 *            and saddle stitching (right-to-left booklets bound right)
 *   web      final size, PDF/A-1b, document language and outline, for
 *            the county website
 * print is PDF/X-4 and web PDF/A-1b, both with an output intent for
 * FOGRA39 (offset, coated paper) whose profile icc_path names.
 */
#ifndef DW_RENDER_H
#define DW_RENDER_H

#include "../layout/layout.h"
#include "pdf.h"

enum dw_variant { DW_VAR_OFFICE, DW_VAR_PRINT, DW_VAR_BOOKLET, DW_VAR_WEB, DW_N_VARIANTS };
extern const char *const dw_variant_names[DW_N_VARIANTS];

typedef struct dw_render_stats {
    size_t bytes;
    int sheets; /* pages in the file */
    const char *font_names[8];
    size_t font_bytes[8];
    size_t n_fonts;
    bool write_failed; /* set on failure: the file could not be written */
} dw_render_stats;

/* Draw L's pages once for every variant (and the print slug lines,
 * shaped with sh); icc: the CMYK output profile for vector art's RGB.  NULL on failure (reason in d); free with
 * dw_drawing_free after the last dw_render.                             */
dw_drawing *dw_render_draw(const dw_layout *L, dw_shaper *sh, const char *icc, dw_diag *d);

/* Write L, drawn as g, as variant v atomically to path.  epoch: the
 * creation date (SOURCE_DATE_EPOCH or the edition).                    */
bool dw_render(const dw_layout *L, const dw_drawing *g, enum dw_variant v, long long epoch,
               const char *icc_path, const char *path, dw_render_stats *st, dw_diag *d);

/* Sheet order of a saddle-stitched booklet: for n pages (a multiple of
 * 4) fills order[2*k], order[2*k+1] with the page on the left and on the
 * right of sheet side k (0-based page indices).                        */
void dw_booklet_order(int n, bool rtl, int *order);

#endif
