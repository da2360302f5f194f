/*
 * pdf.h — the PDF writer: the only stage that includes <hpdf.h>.
 *
 * libharu keeps what it does well (document and page tree, boxes,
 * graphics, annotations, outlines, compression); text goes around its
 * UTF-8 ShowText: shaped glyph runs are written as Type0/CIDFontType2
 * fonts with Identity-H, subset by hb-subset, with /W widths and a
 * ToUnicode CMap built from HarfBuzz clusters (see shared/DESIGN.md).
 * Coordinates are PDF points, origin at the bottom left of the MediaBox.
 */
#ifndef DW_PDF_H
#define DW_PDF_H

#include "../doc/design.h"
#include "../text/text.h"

typedef struct dw_pdf dw_pdf;

typedef struct dw_pdf_info {
    const char *title;    /* UTF-8 */
    const char *subject;
    const char *author;
    const char *lang;     /* BCP 47, catalog /Lang */
    const char *id_seed;  /* what makes this file this file: /ID is its hash */
    long long epoch;      /* creation date, seconds since 1970 (UTC) */
    bool rtl;             /* /ViewerPreferences /Direction /R2L */
    bool overprint_black; /* 100 % K text and rules overprint (print) */
} dw_pdf_info;

/* NULL on failure (reason in d).  The font set must outlive the dw_pdf. */
dw_pdf *dw_pdf_new(const dw_pdf_info *info, dw_diag *d);
void    dw_pdf_free(dw_pdf *p);

/* Start a new page of the given MediaBox; it becomes the current page.
 * Returns its index (0-based).                                          */
int  dw_pdf_page(dw_pdf *p, double width_pt, double height_pt);
/* TrimBox and BleedBox as {left, bottom, right, top}. */
void dw_pdf_boxes(dw_pdf *p, const double trim[4], const double bleed[4]);
int  dw_pdf_page_count(const dw_pdf *p);

/* A shaped line with its left edge at x and its baseline at y. */
void dw_pdf_line(dw_pdf *p, const dw_line *line, double x, double y, dw_cmyk color,
                 dw_cmyk link_color);
void dw_pdf_rect(dw_pdf *p, double x, double y, double w, double h, dw_cmyk fill);
void dw_pdf_rule(dw_pdf *p, double x1, double y1, double x2, double y2,
                 double width_pt, dw_cmyk color);
/* A crop mark (100 % K). */
void dw_pdf_mark(dw_pdf *p, double x1, double y1, double x2, double y2, double width_pt);

void dw_pdf_link_uri(dw_pdf *p, double x, double y, double w, double h, const char *uri);
/* A PNG or JPEG file at (x, y) sized w × h points; each file is embedded
 * once per document.  False, with the reason in d, when libharu cannot
 * read it.                                                             */
bool dw_pdf_image(dw_pdf *p, const char *path, double x, double y, double w, double h,
                  dw_diag *d);
void dw_pdf_link_page(dw_pdf *p, double x, double y, double w, double h, int page,
                      double top, const char *description);
/* Outline entry at level 1…n (children follow their parent). */
void dw_pdf_outline(dw_pdf *p, int level, const char *title, int page, double top);
/* Page labels: decimal numbers from 1 (the reader shows them). */
void dw_pdf_page_labels(dw_pdf *p, int first_numbered_page);

/* ---- tagged PDF (web variant) -------------------------------------------
 * Structure elements are created in reading order; marked content on the
 * pages points back to them (MCIDs), and dw_pdf_save writes the
 * ParentTree, /StructParents, /Tabs /S and /MarkInfo.                   */
typedef struct dw_pdf_se dw_pdf_se;
/* A structure element under parent (NULL: the document element).  lang:
 * NULL to inherit; alt: alternative text or NULL.                       */
dw_pdf_se *dw_pdf_se_new(dw_pdf *p, dw_pdf_se *parent, const char *type, const char *lang);
/* Alternative text of a Figure. */
void dw_pdf_se_alt(dw_pdf *p, dw_pdf_se *se, const char *alt);
/* Table header cells: /A << /O /Table /Scope /Column >>. */
void dw_pdf_se_scope_column(dw_pdf *p, dw_pdf_se *se);
/* Begin marked content on the current page for se (writes BDC with a new
 * MCID and records it in se); end it with dw_pdf_mark_end.  actual_text
 * (UTF-8, or NULL): what the content reads as, for right-to-left lines
 * whose glyphs are in visual order.                                    */
void dw_pdf_mark_begin(dw_pdf *p, dw_pdf_se *se, const char *tag, const char *actual_text);
void dw_pdf_artifact_begin(dw_pdf *p);
/* Links made while no marked content is open (a TOC entry's) are tagged
 * under se: call before dw_pdf_link_page, NULL after.                  */
void dw_pdf_link_parent(dw_pdf *p, dw_pdf_se *se);
void dw_pdf_mark_end(dw_pdf *p);

/* Conformance levels the renderer asks for. */
enum dw_pdf_conformance { DW_PDF_PLAIN, DW_PDF_X4, DW_PDF_A1B, DW_PDF_A1B_UA1 };

/* Declare the file PDF/X-4 (print) or PDF/A-1b (web): XMP metadata, an
 * output intent with the CMYK profile at icc_path (embedded), /Trapped,
 * and /CIDSet in every font descriptor.  Call before saving.           */
bool dw_pdf_conform(dw_pdf *p, enum dw_pdf_conformance level, const char *icc_path,
                    const char *condition, dw_diag *d);

/* Finish fonts (subset, widths, ToUnicode) and write the file atomically:
 * a failure leaves any file at path untouched.  Fails on any libharu
 * error seen during the build.                                          */
bool dw_pdf_save(dw_pdf *p, const char *path, dw_diag *d);
/* Same, into memory (heap; caller frees). */
bool dw_pdf_save_mem(dw_pdf *p, char **data, size_t *len, dw_diag *d);

/* Sizes of the embedded font programs of the last save (for the bench
 * and the notes): name and bytes, at most n entries.                   */
size_t dw_pdf_font_sizes(const dw_pdf *p, const char **names, size_t *bytes, size_t n);



#endif
