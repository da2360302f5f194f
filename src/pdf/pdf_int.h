/*
 * pdf_int.h — private to src/pdf: the document state and the font
 * writer.  Internals of libharu 2.3.0 (pdf->xref, pdf->mmgr,
 * page->attr->stream, dict->filter) are used here and nowhere else.
 */
#ifndef DW_PDF_INT_H
#define DW_PDF_INT_H

#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "pdf.h"

struct dw_pdf_se {
    HPDF_Dict dict;
    HPDF_Array kids;
    dw_buf text; /* logical text of right-to-left content, for /ActualText */
};

typedef struct pdf_cid {
    uint32_t gid;
    char *text; /* UTF-8 the glyph stands for; NULL: none (inside ActualText) */
} pdf_cid;

typedef struct pdf_font {
    const dw_face *face;
    HPDF_Dict type0;      /* created at first use, filled at save */
    unsigned n_glyphs;    /* of the full font */
    /* CID = glyph ID for the first text seen with a glyph; a glyph that
     * stands for other text too gets CIDs from n_glyphs on, so that the
     * ToUnicode CMap stays unambiguous.                                 */
    pdf_cid *cids;        /* indexed by CID; gid == UINT32_MAX: unused */
    size_t n_cids;
    size_t embedded_bytes;
    char name[64];
    int32_t *advance;     /* per glyph ID, in 1/1000 em as in /W; INT32_MIN: not yet */
} pdf_font;

/* The glyph's advance as the PDF's /W array gives it (1/1000 em). */
int32_t dw_pdf_font_advance(pdf_font *f, uint32_t gid);

struct dw_pdf {
    HPDF_Doc doc;
    HPDF_Page page;
    HPDF_Page *pages;
    size_t n_pages, cap_pages;
    dw_pdf_info info;
    pdf_font **fonts;
    size_t n_fonts;
    HPDF_Outline outline_stack[8];
    HPDF_ExtGState gs_overprint;
    bool cidset;                 /* PDF/A-1: /CIDSet in font descriptors */
    /* tagged PDF */
    HPDF_Dict struct_root, doc_elem;
    HPDF_Array *page_parents;    /* per page: MCID → structure element */
    int *page_mcids;             /* next MCID per page */
    struct dw_pdf_se **ses;      /* every structure element, to finish and free */
    struct dw_pdf_se *open_se;   /* marked content being written: parent of links */
    char open_tag[16];           /* its tag, to reopen it after a language span */
    bool open_actual;            /* it carries /ActualText */
    HPDF_Dict *annot_links;      /* Link element of each tagged annotation */
    int n_annots;
    char **image_paths;          /* images embedded so far */
    HPDF_Image *images;
    size_t n_images;
    size_t n_ses;
    size_t n_page_parents;
    HPDF_STATUS error, detail;   /* first libharu error seen */
    const char *error_at;
    dw_diag *diag;
};

pdf_font *dw_pdf_font_for(dw_pdf *p, const dw_face *face);
uint32_t  dw_pdf_font_cid(pdf_font *f, uint32_t gid, const uint32_t *text, size_t len);
bool      dw_pdf_fonts_finish(dw_pdf *p);
void      dw_pdf_font_free(pdf_font *f);
HPDF_Binary dw_pdf_text_string(dw_pdf *p, const char *utf8);
void      dw_pdf_utf16be_hex(dw_buf *b, const uint32_t *text, size_t len);
bool      dw_pdf_check(dw_pdf *p, const char *what);

#endif
