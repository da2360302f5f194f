/*
 * design.c — default designs; layouts/<document>.yaml overrides any of it.
 */
#include "design.h"

#include <string.h>

const char *const dw_style_names[DW_N_STYLES] = {
    "body", "h1", "h2", "h3", "list", "note", "card-title", "card", "small",
    "table", "table-head", "principle", "toc", "header", "cover-title",
    "cover-subtitle", "cover-meta", "divider", "timetable",
};

const char *const dw_color_names[DW_N_COLORS] = {
    "text", "accent", "accent-light", "rule", "note", "paper", "warning",
};


static dw_style st(double size, double leading, double before, double after, unsigned font,
                   int color, bool justify, bool hyphenate)
{
    return (dw_style){size, leading, before, after, font, color, justify, hyphenate};
}

void dw_design_defaults(dw_design *d, bool booklet)
{
    memset(d, 0, sizeof *d);
    if (booklet) { /* A5 portrait, saddle-stitched */
        d->page_w = MM(148), d->page_h = MM(210);
        d->margin_inner = MM(17), d->margin_outer = MM(14);
        d->margin_top = MM(16), d->margin_bottom = MM(20);
        d->card_columns = 1;
        d->booklet = true;
    } else { /* A4 portrait for a ring binder: room for punching inside */
        d->page_w = MM(210), d->page_h = MM(297);
        d->margin_inner = MM(27), d->margin_outer = MM(33);
        d->margin_top = MM(22), d->margin_bottom = MM(25);
        d->card_columns = 2;
        d->register_tabs = true;
    }
    d->columns = 1;
    d->gutter = MM(6);
    d->section_new_page = true;
    d->baseline_grid = -1;
    d->toc = true;
    d->bleed = MM(3);
    d->crop_marks = true;
    d->slug = true;
    double b = booklet ? 9.5 : 10.5, l = booklet ? 13.5 : 15;
    /* st(size, leading, before, after, font, colour, justify, hyphenate):
     * narrow measures (lists, notes, cards, table cells) are ragged but
     * hyphenated, so a long German compound does not overrun its cell  */
    d->styles[DW_ST_BODY] = st(b, l, 0, l * 0.5, 0, DW_C_TEXT, true, true);
    d->styles[DW_ST_H1] = st(b * 2, b * 2.4, 0, l, 1, DW_C_ACCENT, false, false);
    d->styles[DW_ST_H2] = st(b * 1.4, b * 1.75, l, l * 0.4, 1, DW_C_ACCENT, false, false);
    d->styles[DW_ST_H3] = st(b * 1.1, l, l * 0.6, l * 0.2, 1, DW_C_TEXT, false, false);
    d->styles[DW_ST_LIST] = st(b, l, 0, l * 0.2, 0, DW_C_TEXT, false, true);
    d->styles[DW_ST_NOTE] = st(b, l, l * 0.4, l * 0.8, 0, DW_C_TEXT, false, true);
    d->styles[DW_ST_CARD_TITLE] = st(b, l, 0, 0, 1, DW_C_ACCENT, false, false);
    d->styles[DW_ST_CARD] = st(b * 0.9, l * 0.9, 0, 0, 0, DW_C_TEXT, false, true);
    d->styles[DW_ST_SMALL] = st(b * 0.8, l * 0.8, 0, 0, 2, DW_C_WARNING, false, false);
    d->styles[DW_ST_TABLE] = st(b * 0.95, l * 0.95, 0, 0, 0, DW_C_TEXT, false, true);
    d->styles[DW_ST_TABLE_HEAD] = st(b * 0.95, l * 0.95, 0, 0, 1, DW_C_TEXT, false, false);
    d->styles[DW_ST_PRINCIPLE] = st(b * 1.15, l * 1.1, l * 0.5, l * 0.2, 1, DW_C_ACCENT, false, false);
    d->styles[DW_ST_TOC] = st(b, l * 1.15, 0, 0, 0, DW_C_TEXT, false, false);
    d->styles[DW_ST_HEADER] = st(b * 0.8, l * 0.8, 0, 0, 0, DW_C_ACCENT, false, false);
    d->styles[DW_ST_COVER_TITLE] = st(booklet ? 24 : 30, booklet ? 29 : 36, 0, 10, 1, DW_C_PAPER, false, false);
    d->styles[DW_ST_COVER_SUBTITLE] = st(booklet ? 13 : 16, booklet ? 17 : 21, 0, 0, 0, DW_C_PAPER, false, false);
    d->styles[DW_ST_COVER_META] = st(b, l, 0, 0, 0, DW_C_TEXT, false, false);
    d->styles[DW_ST_DIVIDER] = st(b * 2.6, b * 3, 0, 0, 1, DW_C_ACCENT, false, false);
    /* six columns of a timetable in an A5 measure: a step below the cards */
    d->styles[DW_ST_TIMETABLE] = st(b * 0.85, l * 0.82, 0, 0, 0, DW_C_TEXT, false, true);
    /* A calm petrol blue as accent (county colours are blue/red/gold);
     * text is 100 % K so it overprints and never misregisters.         */
    d->colors[DW_C_TEXT] = (dw_cmyk){0, 0, 0, 1};
    d->colors[DW_C_ACCENT] = (dw_cmyk){0.9, 0.35, 0.2, 0.15};
    d->colors[DW_C_ACCENT_LIGHT] = (dw_cmyk){0.12, 0.03, 0.02, 0};
    d->colors[DW_C_RULE] = (dw_cmyk){0.4, 0.15, 0.1, 0.05};
    d->colors[DW_C_NOTE] = (dw_cmyk){0, 0.06, 0.25, 0};
    d->colors[DW_C_PAPER] = (dw_cmyk){0, 0, 0, 0};
    d->colors[DW_C_WARNING] = (dw_cmyk){0, 0.75, 0.9, 0.1};
}
