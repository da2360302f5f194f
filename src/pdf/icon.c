/*
 * icon.c — pictograms from an icon font, drawn as filled vector paths:
 * HarfBuzz shapes the icon's name ("home") with the font, whose
 * ligatures turn the name into one glyph, and hands over the glyph's
 * outline (hb_font_get_glyph_shape); no font is embedded, and the
 * picture adds no text to what a reader extracts.
 *
 * The font: Material Icons from Debian's fonts-material-design-icons-
 * iconfont (Apache License 2.0, /usr/share/doc/…/copyright).
 */
#include <hb.h>
#include <string.h>

#include "pdf_int.h"

#define ICON_FONT "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"

typedef struct pen {
    dw_buf *b;
    double x, y, s; /* origin and scale: font units → points */
    float cx, cy;   /* current point, font units */
} pen;

static void pt(pen *p, float x, float y)
{
    dw_buf_num(p->b, p->x + x * p->s, 3);
    dw_buf_putc(p->b, ' ');
    dw_buf_num(p->b, p->y + y * p->s, 3);
    dw_buf_putc(p->b, ' ');
}

static void move_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y, void *u)
{
    (void)f, (void)st, (void)u;
    pen *p = d;
    pt(p, x, y);
    dw_buf_puts(p->b, "m\n");
    p->cx = x, p->cy = y;
}

static void line_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x, float y, void *u)
{
    (void)f, (void)st, (void)u;
    pen *p = d;
    pt(p, x, y);
    dw_buf_puts(p->b, "l\n");
    p->cx = x, p->cy = y;
}

static void cubic_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float x1, float y1,
                     float x2, float y2, float x, float y, void *u)
{
    (void)f, (void)st, (void)u;
    pen *p = d;
    pt(p, x1, y1);
    pt(p, x2, y2);
    pt(p, x, y);
    dw_buf_puts(p->b, "c\n");
    p->cx = x, p->cy = y;
}

/* TrueType curves are quadratic; PDF has cubics: the same curve with
 * control points 2/3 of the way to the quadratic's one.               */
static void quad_to(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, float qx, float qy,
                    float x, float y, void *u)
{
    pen *p = d;
    cubic_to(f, d, st, p->cx + 2.0f / 3 * (qx - p->cx), p->cy + 2.0f / 3 * (qy - p->cy),
             x + 2.0f / 3 * (qx - x), y + 2.0f / 3 * (qy - y), x, y, u);
}

static void close_path(hb_draw_funcs_t *f, void *d, hb_draw_state_t *st, void *u)
{
    (void)f, (void)st, (void)u;
    dw_buf_puts(((pen *)d)->b, "h\n");
}

bool dw_draw_icon(dw_drawing *g, const char *name, double x, double y, double size,
                  dw_cmyk color, dw_loc loc)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(ICON_FONT);
    if (!blob) {
        dw_error(g->diag, loc, "the icon font %s is missing (Debian package "
                 "fonts-material-design-icons-iconfont)", ICON_FONT);
        return false;
    }
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, name, -1, 0, -1);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf, hb_language_from_string("en", -1));
    hb_shape(font, buf, NULL, 0);
    unsigned n = 0;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &n);
    bool ok = n == 1 && gi[0].codepoint != 0;
    if (!ok) {
        dw_error(g->diag, loc, "'%s' is not an icon of Material Icons (names such as home, "
                 "description, school, work, local_hospital, phone: see fonts.google.com/icons)",
                 name);
    } else {
        unsigned upem = hb_face_get_upem(face);
        pen p = {.b = &g->cur, .x = x, .y = y, .s = size / (upem ? upem : 1000)};
        hb_draw_funcs_t *df = hb_draw_funcs_create();
        hb_draw_funcs_set_move_to_func(df, move_to, NULL, NULL);
        hb_draw_funcs_set_line_to_func(df, line_to, NULL, NULL);
        hb_draw_funcs_set_quadratic_to_func(df, quad_to, NULL, NULL);
        hb_draw_funcs_set_cubic_to_func(df, cubic_to, NULL, NULL);
        hb_draw_funcs_set_close_path_func(df, close_path, NULL, NULL);
        dw_buf_puts(&g->cur, "q ");
        dw_buf_num(&g->cur, color.c, 4);
        dw_buf_putc(&g->cur, ' ');
        dw_buf_num(&g->cur, color.m, 4);
        dw_buf_putc(&g->cur, ' ');
        dw_buf_num(&g->cur, color.y, 4);
        dw_buf_putc(&g->cur, ' ');
        dw_buf_num(&g->cur, color.k, 4);
        dw_buf_puts(&g->cur, " k\n");
        hb_font_get_glyph_shape(font, gi[0].codepoint, df, &p);
        dw_buf_puts(&g->cur, "f Q\n");
        hb_draw_funcs_destroy(df);
    }
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return ok;
}
