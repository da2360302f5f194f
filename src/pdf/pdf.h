/*
 * pdf.h — the PDF writer: the only stage that includes <hpdf.h>.
 *
 * Two steps.  A drawing (draw.c, font.c) turns laid-out pages into
 * content streams once per document and language: shaped glyph runs as
 * glyph IDs of Type0/CIDFontType2 fonts with Identity-H (libharu's UTF-8
 * ShowText maps code points to glyphs through the font's cmap, so it
 * cannot show shaped text: ligatures, Arabic forms, marks), the fonts
 * subset by hb-subset with /W, CIDToGIDMap and a ToUnicode CMap from
 * HarfBuzz clusters, marked content for the structure tree, and all of
 * it deflated.  Then each variant (office, print, booklet, web) is a
 * dw_pdf (pdf.c) built on libharu's document and page tree that shows
 * the drawn pages, wrapped and placed as the variant needs: the page
 * bodies and fonts are made and compressed once, not once per file.
 * Coordinates are PDF points, origin at the bottom left.
 */
#ifndef DW_PDF_H
#define DW_PDF_H

#include "../doc/design.h"
#include "../text/text.h"

/* ---- the drawing ---------------------------------------------------------- */
typedef struct dw_drawing dw_drawing;

/* A structure element of the drawing (index); DW_SE_DOC: the document. */
typedef int dw_se;
#define DW_SE_DOC (-1)

dw_drawing *dw_drawing_new(dw_diag *d);
void        dw_drawing_free(dw_drawing *g);

/* Start the next drawn page (0, 1, …): what is drawn goes onto it. */
int  dw_draw_page(dw_drawing *g);
/* A shaped line with its left edge at x and its baseline at y.  Black
 * text and rules select the graphics state /GS0, which overprints in
 * files for the print shop and does nothing in the others.            */
void dw_draw_line(dw_drawing *g, const dw_line *line, double x, double y, dw_cmyk color,
                  dw_cmyk link_color);
/* A right-to-left line of an element with text in another language (a
 * {de:} span) in tagged content: each stretch of one language, in
 * logical order, a Span element under parent with its text as its
 * /ActualText (and the /Lang), so that no /ActualText of the whole
 * line hides the /Lang; the glyphs stay in visual order.              */
void dw_draw_line_spans(dw_drawing *g, dw_se parent, const dw_line *line, double x, double y,
                        dw_cmyk color, dw_cmyk link_color);
/* Some run of the line is in a language other than the document's. */
bool dw_line_has_other_lang(const dw_line *line);
void dw_draw_rect(dw_drawing *g, double x, double y, double w, double h, dw_cmyk fill);
void dw_draw_rule(dw_drawing *g, double x1, double y1, double x2, double y2, double width_pt,
                  dw_cmyk color);
/* A PNG or JPEG file at (x, y), w × h points; each file is embedded once
 * per PDF.  meta and loc are kept for the variant checks (an RGB image
 * cannot go to the print shop).                                         */
void dw_draw_image(dw_drawing *g, const char *path, double x, double y, double w, double h,
                   const dw_image_meta *meta, dw_loc loc);
/* A QR code of text (UTF-8), size × size points with its lower left at
 * (x, y), the 4-module quiet zone inside: white behind it, modules in
 * 100 % K.  False (reason in the diagnostics) when text is too long.  */
bool dw_draw_qr(dw_drawing *g, const char *text, double x, double y, double size);
/* Vector art (vector.c): the first page of an SVG or PDF file, parsed
 * by MuPDF and drawn as paths in CMYK, fitted into the box (x, y, w, h)
 * keeping its proportions, at the box's start (align < 0), centre (0) or
 * end (> 0), vertically centred.  False, with an error at loc naming
 * the reason (a raster image, a gradient, transparency, a damaged file),
 * when the art cannot be drawn so; nothing of it is drawn then.
 * dw_vector_check runs the same without drawing (druckwerk check) and
 * gives the art's width / height.  RGB colours become CMYK for the
 * drawing's output profile (dw_render_draw's icc).                      */
bool dw_draw_vector(dw_drawing *g, const char *path, double x, double y, double w, double h,
                    int align, dw_loc loc);
bool dw_vector_check(const char *path, double *aspect, char *why, size_t n);

/* Pictures as any office delivers them (image_cmyk.c): PNGs and RGB
 * JPEGs are decoded here, transparency composed onto white, RGB turned
 * into CMYK with LittleCMS (sRGB → icc_path, relative colorimetric with
 * black-point compensation).  Returns w × h × channels bytes (1: grey,
 * 4: CMYK; malloc'd) or NULL with the reason in why.                   */
bool dw_image_needs_cmyk(const dw_image_meta *m);
unsigned char *dw_image_cmyk(const char *path, const dw_image_meta *m, const char *icc_path,
                             unsigned *w, unsigned *h, int *channels, char *why, size_t n);
/* The pictogram name (a ligature of the icon font) in the square of
 * side size with its lower left at (x, y), filled in color (icon.c).
 * False, with an error at loc, when the font has no such icon.        */
bool dw_draw_icon(dw_drawing *g, const char *name, double x, double y, double size,
                  dw_cmyk color, dw_loc loc);
/* Links on the current page; a link drawn inside marked content belongs
 * to its element, a page link to parent (tagged PDF: a Link element).  */
void dw_draw_link_uri(dw_drawing *g, double x, double y, double w, double h, const char *uri);
void dw_draw_link_page(dw_drawing *g, int on_page, double x, double y, double w, double h,
                       int page, double top, const char *description, dw_se parent);

/* Structure (tagged PDF): elements in reading order; marked content on
 * the pages points back to them by MCID.  Only the web file writes the
 * tree; the content is the same in every file.                         */
dw_se dw_draw_se(dw_drawing *g, dw_se parent, const char *type, const char *lang);
void  dw_draw_se_alt(dw_drawing *g, dw_se se, const char *alt);    /* a Figure's /Alt */
void  dw_draw_se_scope_column(dw_drawing *g, dw_se se);            /* TH: /Scope /Column */
/* actual_text (UTF-8 or NULL): what the content reads as, for
 * right-to-left lines whose glyphs are in visual order.               */
void  dw_draw_mark_begin(dw_drawing *g, dw_se se, const char *tag, const char *actual_text);
void  dw_draw_artifact_begin(dw_drawing *g);
void  dw_draw_mark_end(dw_drawing *g);

/* Close the last page, subset and compress the fonts.  False (reason in
 * the diagnostics) when a font cannot be subset.                        */
bool dw_drawing_finish(dw_drawing *g);

/* Images the drawing shows, for the variants' checks. */
typedef struct dw_drawn_image {
    const char *path;
    dw_image_meta meta;
    dw_loc loc;
} dw_drawn_image;
size_t dw_drawing_images(const dw_drawing *g, const dw_drawn_image **images);

/* Embedded font programs (after finish): name and bytes, at most n.    */
size_t dw_drawing_font_sizes(const dw_drawing *g, const char **names, size_t *bytes, size_t n);

/* ---- a PDF file ------------------------------------------------------------- */
typedef struct dw_pdf dw_pdf;

typedef struct dw_pdf_info {
    const char *title;    /* UTF-8 */
    const char *subject;
    const char *author;
    const char *lang;     /* BCP 47, catalog /Lang */
    const char *id_seed;  /* what makes this file this file: /ID is its hash */
    long long epoch;      /* creation date, seconds since 1970 (UTC) */
    bool rtl;             /* /ViewerPreferences /Direction /R2L */
    bool overprint_black; /* /GS0 overprints 100 % K (print, booklet) */
    bool registration;    /* /CS0: the registration colour, /Separation /All (print) */
    bool tagged;          /* write the structure tree (web) */
    bool no_links;         /* print: paper has no links, so no annotations */
    const char *icc;      /* CMYK output profile: RGB images are converted to it */
} dw_pdf_info;

/* A file showing pages of g (finished; it must outlive the dw_pdf).
 * NULL on failure (reason in d).                                        */
dw_pdf *dw_pdf_new(const dw_pdf_info *info, const dw_drawing *g, dw_diag *d);
void    dw_pdf_free(dw_pdf *p);

/* Start a new page of the given MediaBox; it becomes the current page.
 * Returns its index (0-based).                                          */
int  dw_pdf_page(dw_pdf *p, double width_pt, double height_pt);
/* TrimBox and BleedBox as {left, bottom, right, top}. */
void dw_pdf_boxes(dw_pdf *p, const double trim[4], const double bleed[4]);
int  dw_pdf_page_count(const dw_pdf *p);
/* Show drawn page k on the current page with its origin at (x, y) and,
 * when clip is given ({width, height}), clipped to that size.  Its links
 * to web addresses come with it.                                       */
void dw_pdf_show(dw_pdf *p, int k, double x, double y, const double *clip);
/* Content operators after what is shown (crop marks): pages with the
 * same text share one stream.                                           */
void dw_pdf_ops(dw_pdf *p, const char *ops);
/* Links between pages (table of contents), after every page is shown. */
void dw_pdf_page_links(dw_pdf *p);
/* Outline entry at level 1…n (children follow their parent). */
void dw_pdf_outline(dw_pdf *p, int level, const char *title, int page, double top);
/* Page labels: decimal numbers from 1 (the reader shows them). */
void dw_pdf_page_labels(dw_pdf *p, int first_numbered_page);

/* Conformance levels the renderer asks for. */
enum dw_pdf_conformance { DW_PDF_PLAIN, DW_PDF_X4, DW_PDF_A1B, DW_PDF_A1B_UA1 };

/* Declare the file PDF/X-4 (print) or PDF/A-1b (web): XMP metadata, an
 * output intent with the CMYK profile at icc_path (embedded), /Trapped,
 * and /CIDSet in every font descriptor.  Call before saving.           */
bool dw_pdf_conform(dw_pdf *p, enum dw_pdf_conformance level, const char *icc_path,
                    const char *condition, dw_diag *d);

/* Write the file atomically (tagged: with its structure tree): a failure
 * leaves any file at path untouched.  Fails on any libharu error seen
 * during the build.                                                    */
bool   dw_pdf_save(dw_pdf *p, const char *path, dw_diag *d);
/* Size of the file saved last. */
size_t dw_pdf_bytes(const dw_pdf *p);
/* dw_pdf_save failed in writing the file (disk full, permissions), not
 * in making the PDF: the caller's exit code differs.                  */
bool   dw_pdf_write_failed(const dw_pdf *p);

/* Decode the whole image file (libpng, libjpeg-turbo) as a check before
 * embedding: false with the reason in words in why (n bytes) when it is
 * damaged, cut short, not what its header says, over 40 megapixels or
 * not a regular file.  m: from dw_image_info.                          */
bool   dw_image_decodes(const char *path, const dw_image_meta *m, char *why, size_t n);

#endif
