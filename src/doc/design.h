/*
 * design.h — how a document looks: page, margins, columns, styles and
 * colours, loaded from layouts/<document>.yaml; and the font manifest
 * from fonts/fonts.yaml.  Lengths in the YAML are millimetres (mm) or
 * points (pt); here they are points.
 */
#ifndef DW_DESIGN_H
#define DW_DESIGN_H

#include "doc.h"

typedef struct dw_cmyk {
    double c, m, y, k; /* 0…1 */
} dw_cmyk;

enum dw_style_id {
    DW_ST_BODY,
    DW_ST_H1,
    DW_ST_H2,
    DW_ST_H3,
    DW_ST_LIST,
    DW_ST_NOTE,
    DW_ST_CARD_TITLE,
    DW_ST_CARD,
    DW_ST_SMALL,
    DW_ST_TABLE,
    DW_ST_TABLE_HEAD,
    DW_ST_PRINCIPLE,
    DW_ST_TOC,
    DW_ST_HEADER,
    DW_ST_COVER_TITLE,
    DW_ST_COVER_SUBTITLE,
    DW_ST_COVER_META,
    DW_ST_DIVIDER, /* the section number and title on a divider page */
    DW_ST_TIMETABLE, /* the cells of the course timetable (src/layout/timetable.c) */
    DW_N_STYLES
};
extern const char *const dw_style_names[DW_N_STYLES];

typedef struct dw_style {
    double size_pt, leading_pt, before_pt, after_pt;
    unsigned font; /* DW_FONT_BOLD | DW_FONT_ITALIC as in text.h: 1, 2 */
    int color;     /* index into dw_design.colors */
    bool justify;
    bool hyphenate;
} dw_style;

enum dw_color_id {
    DW_C_TEXT,
    DW_C_ACCENT,
    DW_C_ACCENT_LIGHT,
    DW_C_RULE,
    DW_C_NOTE,
    DW_C_PAPER,
    DW_C_WARNING,
    DW_N_COLORS
};
extern const char *const dw_color_names[DW_N_COLORS];

typedef struct dw_design {
    const char *file;
    double page_w, page_h;
    double margin_inner, margin_outer, margin_top, margin_bottom;
    int columns;        /* text columns of the body */
    double gutter;
    int card_columns;   /* contact cards side by side */
    /* The course list as cards (layouts: `courses: {view: cards}`);
     * false: a timetable grouped by town (the default).               */
    bool course_cards;
    bool booklet;       /* A5 booklet: page count padded to a multiple of 4 */
    bool section_new_page;
    bool register_tabs; /* tabs on the outer edge, one per section (folder) */
    bool section_dividers; /* a divider page (recto) before each section */
    /* Body text and list lines stand on a grid of this step from the top
     * of the text frame, so lines align across columns and facing pages
     * (and show through thin paper in register).  0: no grid; < 0: half
     * the body leading (the default), so half-line paragraph spacing
     * stays on it.                                                       */
    double baseline_grid;
    bool toc;
    double bleed;       /* print variant */
    bool crop_marks, slug;
    /* Where the county publishes the PDFs (https://…): a QR code to it on
     * paper on the back cover (or under the legal notice).  NULL: none.  */
    const char *online;
    /* Pictograms of the top-level sections, set once here (translations
     * need not carry them): section id → a ligature name of the icon
     * font (Material Icons, e.g. "home"), drawn as vector outlines.     */
    const char **icon_ids, **icon_names;
    dw_loc *icon_locs;
    size_t n_icons;
    /* The cover's pictures (`cover:`), vector art (SVG or PDF) with paths
     * relative to the content folder: the illustration under the title
     * band and the county's coat of arms.  A coat of arms whose file is
     * not there yet prints as a marked placeholder naming the file, so
     * adding it later changes content, not the layout.  NULL: none.    */
    const char *cover_art, *coat_of_arms;
    dw_loc cover_art_loc, coat_of_arms_loc;
    /* The back cover (`back-cover:`): contact ids (contacts.yaml) whose
     * numbers it shows, the most important first.                      */
    const char **back_contacts;
    dw_loc *back_contact_locs;
    size_t n_back_contacts;
    bool back_cover;    /* the last page carries the back cover's band */
    dw_style styles[DW_N_STYLES];
    dw_cmyk colors[DW_N_COLORS];
} dw_design;

/* fonts/fonts.yaml: one entry per font file, in fallback order. */
typedef struct dw_font_entry {
    const char *file;
    const char *package, *licence;
    unsigned style;      /* 1 bold, 2 italic */
    const char **scripts;
    size_t n_scripts;
    /* fallback-size: the size factor when the font serves text in a
     * paragraph of another script (size_scripts[i] → sizes[i])         */
    const char **size_scripts;
    double *sizes;
    size_t n_sizes;
    dw_loc loc;
} dw_font_entry;

typedef struct dw_font_manifest {
    dw_font_entry *fonts;
    size_t n_fonts;
} dw_font_manifest;

/* The pictogram of section id, or NULL. */
const char *dw_design_icon(const dw_design *d, const char *id);

/* Defaults a designer at a county office would choose (see README). */
void dw_design_defaults(dw_design *d, bool booklet);

#endif
