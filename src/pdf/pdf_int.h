/*
 * pdf_int.h — private to src/pdf: the drawing's records, the fonts and
 * the file state.  libharu's private struct fields are used in
 * haru_private.c only (haru_private.h).
 */
#ifndef DW_PDF_INT_H
#define DW_PDF_INT_H

#include <hpdf.h>
#include <hpdf_objects.h>

#include "haru_private.h"
#include "pdf.h"

/* Deflate level for every stream we compress (libdeflate).  Measured on
 * the whole set: level 5 takes 0.13 s less than 6 (of ~0.8 s) for 1 %
 * larger files; level 4 is no faster than 5 and 2.6 % larger.          */
#define DW_DEFLATE_LEVEL 5

struct libdeflate_compressor;
/* in[0…n) in the zlib format (/FlateDecode) appended to out; false when
 * libdeflate fails.                                                     */
bool dw_pdf_deflate(struct libdeflate_compressor *z, const void *in, size_t n, dw_buf *out);

/* ---- fonts (font.c) ------------------------------------------------------- */
typedef struct pdf_cid {
    uint32_t gid;
    char *text; /* UTF-8 the glyph stands for; NULL: none (inside ActualText) */
} pdf_cid;

typedef struct pdf_font {
    const dw_face *face;
    unsigned n_glyphs;    /* of the full font */
    /* CID = glyph ID for the first text seen with a glyph; a glyph that
     * stands for other text too gets CIDs from n_glyphs on, so that the
     * ToUnicode CMap stays unambiguous.                                 */
    pdf_cid *cids;        /* indexed by CID; gid == UINT32_MAX: unused */
    size_t n_cids;
    int32_t *advance;     /* per glyph ID, in 1/1000 em as in /W; INT32_MIN: not yet */
    /* after dw_pdf_font_finish: everything a file needs, compressed */
    char name[64];        /* subset tag + PostScript name */
    size_t embedded_bytes;/* the subset font program */
    dw_buf program;       /* FontFile2, deflated */
    dw_buf cidmap;        /* CIDToGIDMap, deflated */
    dw_buf tounicode;     /* ToUnicode CMap, deflated */
    dw_buf cidset;        /* CIDSet (PDF/A-1), deflated */
} pdf_font;

pdf_font *dw_pdf_font_new(const dw_face *face);
void      dw_pdf_font_free(pdf_font *f);
/* The glyph's advance as the PDF's /W array gives it (1/1000 em). */
int32_t   dw_pdf_font_advance(pdf_font *f, uint32_t gid);
uint32_t  dw_pdf_font_cid(pdf_font *f, uint32_t gid, const uint32_t *text, size_t len);
bool      dw_pdf_font_finish(pdf_font *f, struct libdeflate_compressor *z);
/* The Type0 font dictionary (with its descendants) in p's document;
 * *descriptor: its font descriptor (PDF/A-1 adds /CIDSet there).       */
HPDF_Dict dw_pdf_font_dict(dw_pdf *p, pdf_font *f, HPDF_Dict *descriptor);
/* UTF-16BE as hex digits (a PDF hex string's inside), from code points
 * or from UTF-8 (invalid bytes become U+FFFD).                        */
void      dw_pdf_utf16be_hex(dw_buf *b, const uint32_t *text, size_t len);
void      dw_pdf_utf8_hex(dw_buf *b, const char *utf8);

/* ---- the drawing (draw.c) ------------------------------------------------- */
/* A kid of a structure element, in the order the tree lists them. */
enum { KID_SE, KID_MCR, KID_OBJR };
typedef struct draw_kid {
    dw_se se;      /* the element it belongs to */
    int kind;
    int a, b;      /* SE: the child; MCR: drawn page, MCID; OBJR: drawn page, link */
} draw_kid;

typedef struct draw_se {
    dw_se parent;
    const char *type;  /* static (role names) */
    const char *lang;  /* lives as long as the layout */
    const char *alt;
    bool scope_column;
    char spans;        /* dw_draw_line_spans: 0 no line yet, 1 after a line, 2 after
                          a line ending in a soft hyphen (the word goes on)      */
    dw_buf text;       /* logical text of right-to-left content, for /ActualText */
    bool joins;        /* its last line ended inside a word (dw_line.joins_next) */
} draw_se;

typedef struct draw_link {
    double x, y, w, h;
    const char *uri;         /* NULL: a link to page `page` at height `top` */
    int page;
    double top;
    const char *description; /* page links: what the link says */
    dw_se se;                /* its Link element; DW_SE_DOC: untagged */
} draw_link;

/* Links remembered to join the pieces of a broken address: a line's
 * links and the next line's (in a right-to-left line the other links
 * of the line may come between the pieces).                           */
#define DW_RECENT_LINKS 8

typedef struct draw_recent {
    const char *uri; /* the run's href (its span's pointer) */
    dw_se parent;    /* the element the link's text is in */
    dw_se se;        /* its Link element */
} draw_recent;

typedef struct draw_page {
    dw_buf z;                /* the content stream, deflated */
    dw_se *parents;          /* per MCID: its element */
    size_t n_mcids, cap_mcids;
    draw_link *links;
    size_t n_links, cap_links;
} draw_page;

struct dw_drawing {
    dw_diag *diag;
    dw_arena *a;             /* the records below; the streams are on the heap */
    struct libdeflate_compressor *z;
    draw_page *pages;
    size_t n_pages, cap_pages;
    dw_buf cur;              /* content of the page being drawn */
    pdf_font **fonts;        /* resource /F<i> */
    size_t n_fonts, cap_fonts;
    dw_drawn_image *images;  /* resource /Im<i> */
    size_t n_images, cap_images;
    draw_se *ses;
    size_t n_ses, cap_ses;
    draw_kid *kids;
    size_t n_kids, cap_kids;
    dw_se open_se;           /* marked content being written (parent of links);
                                DW_SE_DOC: none or an artifact */
    char open_tag[16];       /* its tag, to reopen it after a language span */
    draw_recent recent[DW_RECENT_LINKS]; /* the last Link elements made, a ring */
    size_t n_recent;                     /* made so far (the next at n_recent % …) */
    bool open_actual;        /* it carries /ActualText */
    bool finished;
    const char *icc;         /* CMYK output profile: RGB of vector art → CMYK (vector.c) */
    size_t *order;           /* write_run's scratch: emission order, pen positions */
    double *at;
    size_t cap_scratch;
};

/* ---- a file (pdf.c) -------------------------------------------------------- */
typedef struct pdf_shown {   /* where a drawn page went in this file */
    int page;                /* file page; -1: not shown */
    double x, y;
    HPDF_Annotation *annots; /* per link of the drawn page, or NULL */
} pdf_shown;

typedef struct pdf_wrap {    /* a small uncompressed stream shared by pages */
    char *ops;
    HPDF_Dict stream;
} pdf_wrap;

struct dw_pdf {
    HPDF_Doc doc;
    bool write_failed; /* dw_pdf_save: the file system refused the bytes */
    HPDF_Page page;
    HPDF_Page *pages;
    size_t n_pages, cap_pages;
    HPDF_Array *contents;     /* per page: /Contents when it has several parts */
    dw_pdf_info info;
    const dw_drawing *g;
    HPDF_Dict resources;      /* one /Resources for every page */
    HPDF_Dict *font_descriptors;
    pdf_shown *shown;         /* per drawn page */
    pdf_wrap wraps[8];
    size_t n_wraps;
    dw_se *annot_se;          /* per tagged annotation: its Link element */
    size_t n_annots, cap_annots;
    HPDF_Outline outline_stack[8];
    dw_arena *arena;          /* what lives as long as the file: stream readers,
                                 where each drawn page went, annotations */
    dw_buf out;               /* the saved file */
    HPDF_STATUS error, detail;/* first libharu error seen */
    dw_diag *diag;
};

/* Start of the hash behind /ID and the XMP document ID: FNV's offset
 * basis without its last digit, as the first builds had it; kept, so
 * that a file's ID does not change between druckwerk versions.          */
#define ID_BASIS 1469598103934665603ull

/* Tagged annotations' ParentTree keys start here, after any page's. */
#define ANNOT_KEYS 100000

HPDF_Binary dw_pdf_text_string(dw_pdf *p, const char *utf8);
bool        dw_pdf_check(dw_pdf *p, const char *what);
/* A stream object holding already deflated data, read in place while
 * the file is written (dw_haru_stream_in_place).                       */
HPDF_Dict   dw_pdf_zstream(dw_pdf *p, const dw_buf *z);
/* the links of drawn page k as annotations on the file page showing
 * it: to addresses, or (pages) to other pages (navigation.c)          */
void        dw_pdf_show_links(dw_pdf *p, int k, bool pages);
/* the structure tree of a tagged file (structure.c) */
bool        dw_pdf_tagged_finish(dw_pdf *p);

#endif
