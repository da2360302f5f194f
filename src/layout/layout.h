/*
 * layout.h — document model + design → pages of positioned items (a
 * display list the PDF stage renders).  Pages, frames, columns, page
 * breaking (keep-with-next, widows and orphans, unsplittable cards and
 * table rows), running heads, table of contents, and the mirroring of
 * right-to-left documents.  Coordinates: points, origin at the bottom
 * left of the trimmed page.
 */
#ifndef DW_LAYOUT_H
#define DW_LAYOUT_H

#include <stdio.h>

#include "../doc/design.h"
#include "../text/text.h"

/* A justified line's interword space may open to this many times the
 * font's space (TeX's "very loose"); wider, the paragraph is set ragged.
 * The proof (src/proof/) flags any line beyond it.                    */
#define DW_LOOSE_RATIO 2.0

/* Letter-spacing a justified line may take, at most, in ems (8 % of a
 * word space): wider, the letters visibly stand apart from those of the
 * lines around.  The proof flags any line beyond it.                  */
#define DW_TRACK_VISIBLE_EM 0.02

/* A river: interword gaps at least DW_RIVER_GAP_EM wide (of the line's
 * type size; a natural space is about 0.26 em) in DW_RIVER_LINES
 * consecutive lines, each overlapping the one above by at least
 * DW_RIVER_OVERLAP_EM.  The layout re-breaks a paragraph that has one;
 * the proof flags any left on a page (rivers.c).                      */
#define DW_RIVER_GAP_EM 0.4
#define DW_RIVER_OVERLAP_EM 0.1
#define DW_RIVER_LINES 3

enum dw_op_kind { DW_OP_LINE, DW_OP_RECT, DW_OP_RULE, DW_OP_LINK_URI, DW_OP_LINK_PAGE, DW_OP_IMAGE,
                 DW_OP_QR, DW_OP_ICON, DW_OP_VECTOR };

/* Structure roles, for the tagged PDF of the web variant. */
enum dw_role { DW_R_NONE, DW_R_P, DW_R_H1, DW_R_H2, DW_R_H3, DW_R_H4, DW_R_H5, DW_R_H6,
               DW_R_LI, DW_R_LBL, DW_R_TD, DW_R_TH, DW_R_TR, DW_R_NOTE, DW_R_TOCI, DW_R_DIV,
               DW_R_FIGURE, DW_R_ARTIFACT };
extern const char *const dw_role_names[]; /* PDF structure types: "P", "H1", … */

/* A structure element: one paragraph, heading, list item, table row,
 * row of cards, TOC entry.  Its items may lie on several pages.  order
 * is the logical reading order (the TOC is laid out after the body but
 * is read before it).                                                   */
typedef struct dw_elem {
    enum dw_role role;
    long order;
    const char *lang; /* NULL: the document's language */
    const char *alt;  /* Figure: alternative text */
} dw_elem;

typedef struct dw_op {
    enum dw_op_kind kind;
    double x, y, w, h;     /* LINE: left edge and baseline; RECT, links: lower left + size;
                              RULE: from (x, y) to (x + w, y + h) */
    dw_cmyk color;
    const char *uri;       /* LINK_URI; IMAGE: the file; QR: what it encodes (paper
                              variants only: the web file has the link instead);
                              ICON: the pictogram's name (square w × w, color);
                              VECTOR: the SVG or PDF file, fitted into w × h */
    const char *alt;       /* IMAGE: alternative text (NULL: decorative); LINK_PAGE: the
                              link's description */
    enum dw_role role;     /* of this item: LBL/LI in a list item, TH/TD in a row */
    int elem;              /* structure element (index into dw_layout.elems), -1: artifact */
    int sub;               /* part of the element: cell of a row, card of a row of cards */
    double rel;            /* while in a box: offset of the item's top below the box top */
    union {                /* what only one kind has: read it only for that kind */
        struct {           /* LINE */
            const dw_line *line; /* QR: its caption's lines, ended by one without runs */
            dw_cmyk link_color;
            bool grid;     /* body or list text, standing on the baseline grid */
        };
        double width;      /* RULE */
        bool bleeds;       /* RECT touching the trim edge: runs into the bleed */
        struct {           /* LINK_PAGE */
            int page;      /* target page */
            double top;
        };
        struct {           /* IMAGE, ICON, VECTOR */
            dw_image_meta image; /* IMAGE: pixels, colour, alpha */
            dw_loc loc;    /* where the content or layout names it */
            int align;     /* VECTOR: at the box's start (< 0), centre, end (> 0) */
        };
    };
} dw_op;

typedef struct dw_page {
    dw_op *ops;
    size_t n_ops, cap;
    bool recto;  /* first page of a spread side: right-hand in LTR, left-hand in RTL */
    bool blank;
    bool divider; /* a section divider: its register tab, no running head */
    bool sample;  /* shows sample data (content/README.md): carries the band */
    bool notes;   /* a ruled notes page ending a booklet instead of blank pages */
    bool back;    /* the back cover: its band where the folio would stand */
} dw_page;

typedef struct dw_outline {
    int level;
    const char *title;
    int page;
    double top;
} dw_outline;

typedef struct dw_layout {
    const dw_doc *doc;
    const dw_design *design;
    dw_page *pages;
    size_t n_pages, cap;
    dw_outline *outline;
    size_t n_outline, cap_outline;
    dw_elem *elems;
    size_t n_elems, cap_elems;
    size_t n_glyphs; /* for the benchmark */
    size_t n_sample_pages; /* pages that show sample data, with the band */
    dw_loc sample_loc;     /* the first `sample:` key that makes them so */
} dw_layout;

/* Numbers as lang writes them (format.c), in a: the language's digits;
 * integers grouped by three from 1,000 when group; amounts in hundredths
 * with the decimal separator and two decimals unless whole; euros in the
 * pattern of words/cost-euros; lists with the list separator; dates in
 * the date pattern; ranges start first, with spaced dash when spaced.    */
char *dw_fmt_digits(dw_arena *a, const dw_lang *l, const char *ascii);
char *dw_fmt_int(dw_arena *a, const dw_lang *l, long long n, bool group);
char *dw_fmt_hundredths(dw_arena *a, const dw_lang *l, long long hundredths);
char *dw_fmt_euros(dw_arena *a, const dw_lang *l, double euros);
char *dw_fmt_list(dw_arena *a, const dw_lang *l, const char *const *items, size_t n);
char *dw_fmt_date(dw_arena *a, const dw_lang *l, dw_date d);
char *dw_fmt_range(dw_arena *a, const dw_lang *l, const char *from, const char *to,
                   bool spaced);

/* Straight " and ' in s → the language's quotation marks and apostrophe
 * (quotes and apostrophe in its file); st carries the last character and
 * the open quotes from one span of a paragraph to the next (zero it at
 * the start).  Returns s itself when nothing changes.                   */
typedef struct dw_quote_state {
    uint32_t prev;
    bool open_double, open_single;
} dw_quote_state;
const char *dw_fmt_quotes(dw_arena *a, const dw_lang *l, const char *s, dw_quote_state *st);

/* The text-path spans of an inline text in lang: styles to fonts,
 * isolates, /Lang and hyphenation of {de:…} terms (used by `sample`).  */
size_t dw_layout_spans(const dw_content *content, const dw_lang *lang, const dw_text *t,
                       dw_arena *a, dw_tspan **out);

/* Lay out a whole document.  Output lives in a.  False on errors (a
 * character no font has, …), reported to d with the content location. */
bool dw_layout_doc(const dw_doc *doc, const dw_design *design, dw_shaper *sh, dw_arena *a,
                   dw_layout *out, dw_diag *d);

/* Rivers in lines[0..n) standing one under the other (consecutive
 * lines), line i at x[i] (the left edge of its measure): each found
 * river is the line where it starts and the gap on its third line; up
 * to cap are stored, all are counted (rivers.c).                        */
typedef struct dw_river {
    size_t line;
    int n_lines;
    double x0, x1;
} dw_river;
size_t dw_layout_rivers(const dw_line *const *lines, const double *x, size_t n, dw_river *out,
                        size_t cap);

/* Print pages first…last (0-based, inclusive; clipped to the document) of
 * a laid-out document as text for golden tests (dump.c describes the
 * format).                                                               */
void dw_layout_dump(const dw_layout *L, size_t first, size_t last, FILE *f);

#endif
