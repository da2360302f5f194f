/*
 * layout_int.h — what the files of src/layout/ share and nothing outside
 * it sees: the box a block is set into, the layout context, and the
 * functions of each file that the others call.
 *
 *   layout.c     dw_layout_doc (the order of the parts), structure
 *                elements, display-list items, words, styles, setting
 *                text into lines
 *   flow.c       frames, columns, page breaking, placing boxes
 *   blocks.c     paragraphs, headings, lists, notes, tables, images
 *   cards.c      contact and course cards; course selection and order
 *   timetable.c  the course list as a timetable by town (tables of blocks.c)
 *   furniture.c  cover, section dividers, running heads, folios, tabs
 *   toc.c        the table of contents
 *   format.c     numbers, dates, days in the language's way
 *   qr.c         room for QR codes (web addresses on paper)
 *   icons.c      pictograms of the top-level sections
 *   rivers.c     rivers of white in set lines (dw_layout_rivers, layout.h)
 */
#ifndef DW_LAYOUT_INT_H
#define DW_LAYOUT_INT_H

#include "layout.h"

/* Lines a paragraph keeps together at a page break (widows/orphans). */
#define MIN_LINES 2

typedef struct box {
    int elem; /* structure element of the box's items, -1: none */
    dw_op *ops;
    size_t n, cap;
    double height;
    double *breaks; /* offsets below the top where the box may be split */
    size_t n_breaks, cap_breaks;
    double before, after;
    bool keep_with_next;
    /* a heading box registers an outline entry where it lands */
    int outline_level;
    const char *outline_title;
    int section; /* >= 0: a top-level section starts here (TOC) */
    bool grid;   /* its lines stand on the baseline grid: its top snaps to it */
    bool page_break; /* no content: the next box starts on a new page */
    bool sample;     /* shows sample data: the pages it lands on get the band */
    struct box *repeat; /* a table row: the header row repeated above it atop a page */
} box;

typedef struct ctx {
    const dw_doc *doc;
    const dw_content *content;
    const dw_design *ds;
    const dw_lang *lang;
    dw_shaper *sh;
    dw_arena *a;
    dw_diag *d;
    dw_layout *L;
    bool rtl, ok;
    dw_page *page;
    int col;
    double y;                    /* top of the free space in the column */
    double fl, fr, ft, fb;       /* frame of the current column */
    int n_tabs;
    int *section_page;           /* top-level section → page index */
    size_t n_sections;
    bool page_fresh;             /* nothing placed on the page yet */
    int phase;                   /* reading order: cover, contents, body, legal */
    int level;                   /* of the section being set (headings below it) */
    double grid;                 /* baseline grid step, 0: none */
    dw_para_memo *memo;          /* paragraphs set so far (running heads, bullets, …) */
    const char *what;            /* "welcome-folder (ar)", for diagnostics */
    int short_page;              /* >= 0: this page's frame ends short_by higher */
    double short_by;
    bool plain;                  /* set(): no hyphens, ragged (table cells) */
    bool head_warned;            /* the running head was shortened (warned once) */
} ctx;

/* Spans of one paragraph being collected. */
typedef struct spans {
    dw_tspan *v;
    size_t n, cap;
} spans;

/* The boxes of a section (or of the contents, the legal notice), in order. */
typedef struct boxes {
    box **v;
    size_t n, cap;
} boxes;

/* layout.c */
int elem_new(ctx *c, enum dw_role role);
enum dw_role heading_role(int level);
dw_op *box_op(ctx *c, box *b);
void box_break(ctx *c, box *b, double at);
dw_op *page_op(ctx *c, dw_page *p);
const char *word(ctx *c, const char *key);
const dw_style *style(ctx *c, int id);
dw_cmyk color(ctx *c, int id);
void span_add(ctx *c, spans *s, const char *text, unsigned font, bool ltr, const char *href);
void lang_of_last(ctx *c, spans *s);
void spans_text(ctx *c, spans *s, const dw_text *t, unsigned font);
const dw_para *set(ctx *c, const spans *s, int st, double width, bool center, dw_loc loc);
const dw_para *set_plain(ctx *c, const spans *s, int st, double width, dw_loc loc);
const dw_para *set_scaled(ctx *c, const spans *s, int st, double scale, double width, bool center,
                          dw_loc loc);
void put_lines(ctx *c, box *b, const dw_para *p, int st, double x, double *off, bool breaks,
               enum dw_role role);
void box_rect(ctx *c, box *b, double x, double top, double w, double h, int col);
void box_rule(ctx *c, box *b, double x1, double y1, double x2, double y2, double w, int col);

/* flow.c */
double frame_width(ctx *c);
double col_width(ctx *c);
bool inner_is_left(const ctx *c, const dw_page *p);
void set_column(ctx *c);
dw_page *new_page(ctx *c);
void push(ctx *c, boxes *bs, box *b);
void place(ctx *c, box *const *v, size_t n, size_t at);
void place_all(ctx *c, boxes *bs);
/* Place a section's boxes; ends_page: its last page ends with it (the
 * next section starts on a new page, or it is the last), so a nearly
 * empty last page is balanced with the page before (flow.c).          */
void place_section(ctx *c, boxes *bs, int sec, bool ends_page);

/* blocks.c */
box *box_new(ctx *c, int st, enum dw_role role);
box *text_box(ctx *c, const dw_text *t, int st, enum dw_role role);
box *word_heading(ctx *c, const char *key, int st, enum dw_role role);
void section_boxes(ctx *c, boxes *bs, const dw_section *s, int top_index);
void table_widths(ctx *c, const dw_block *bl, double total, double *cw);
double table_cell_width(ctx *c, const dw_text *t, int st, bool head, bool min);
void table_widths_in(ctx *c, const dw_block *bl, int st, int st_head, double total, double *cw);
box *table_row_in(ctx *c, const dw_text *cells, size_t n_cols, const double *cw, bool head,
                  int st, int bg);

/* cards.c */
void contact_boxes(ctx *c, boxes *bs, const dw_block *bl);
void course_boxes(ctx *c, boxes *bs, const dw_block *bl);
bool course_wanted(const dw_block *bl, const char *type);
bool course_shown(ctx *c, const dw_course *k);
const char *course_cost(ctx *c, const dw_course *k, bool short_form);
void course_sample(ctx *c, box *b, const dw_course *k);

/* timetable.c */
void course_timetable(ctx *c, boxes *bs, const dw_block *bl);

/* furniture.c */
void cover(ctx *c);
double cover_band(ctx *c, double *scale, const dw_para **sub, const dw_para **title);
void divider(ctx *c, size_t i);
void furniture(ctx *c, size_t i);
void register_tab(ctx *c, size_t page, int tab);
void sample_band(ctx *c, size_t i);
void notes_page(ctx *c);
double back_cover_height(ctx *c);
void back_cover(ctx *c, size_t page);

/* toc.c */
size_t toc_reserve(ctx *c);
void toc_fill(ctx *c, size_t first_page, size_t n_pages);

/* qr.c: QR codes are this wide, quiet zone included: a short address
 * (version 2, 25 + 8 modules) gets modules of 0.8 mm and a code of
 * 20 mm, which a phone reads at arm's length.                          */
#define QR_SIZE MM(26)
void box_qr(ctx *c, box *b, double x, double top, const char *uri);
void online_qr(ctx *c, boxes *bs);

/* icons.c: the pictogram of top-level section i (NULL: none) */
const char *section_icon(ctx *c, size_t i, dw_loc *loc);
/* the pictogram of a contact (an id in the same `icons:` map): beside its
 * number on the emergency page and the back cover; NULL: none */
const char *contact_icon(ctx *c, const char *id, dw_loc *loc);
/* o as a pictogram (an artifact: the text beside it says the same) */
void icon_op_fill(ctx *c, dw_op *o, double size, const char *name, dw_loc loc, int col);
void box_icon(ctx *c, box *b, size_t i, double x, double top, double size, int col);
void page_icon(ctx *c, dw_page *p, size_t i, double x, double y, double size, int col);

/* format.c */
char *digits(ctx *c, const char *s);
char *number(ctx *c, long n);
char *date_str(ctx *c, dw_date dt);
char *days_str(ctx *c, unsigned days);
char *days_str_short(ctx *c, unsigned days);

#endif
