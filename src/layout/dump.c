/*
 * dump.c — a laid-out document (dw_layout) → text, for golden tests that a
 * reviewer reads in a diff: every page, every item of its display list
 * with its position, and for text lines the font, size and the glyphs
 * HarfBuzz chose.  Nothing here decides anything; it only prints.
 *
 * Format (one fact per line, stable across runs and machines):
 *
 *   document NAME LANG pages N
 *     page N [recto] [blank] [divider]
 *       line X Y w W asc A desc D cmyk C M Y K [ROLE elem E] [as ROLE] [grid] [hyphenated]
 *         text "the line's logical text"
 *         run X w W ltr|rtl SIZE FILE PSNAME [lang L] [href H] [soft-hyphen]
 *           chars "the run's characters, logical order"
 *           glyphs [gid@dx,dy+adv|…]
 *       rect X Y w W h H cmyk C M Y K [bleeds]
 *       rule X Y dx DX dy DY width W cmyk C M Y K
 *       link-uri X Y w W h H uri "…"   link-page … page P top T
 *       image X Y w W h H FILE WxH [alt "…"]
 *       qr X Y w W h H encodes "…"
 *       icon X Y w W h H "NAME" cmyk C M Y K
 *
 * Positions are points with two decimals (line: the left end of its text
 * — the measure's edge plus the alignment offset — and the baseline; run:
 * offset from the line's left end).  Glyphs are printed as hb-shape prints them
 * (--no-glyph-names --no-clusters): glyph ID, advance and offsets in
 * design units, visual order; a glyph stretched by justification adds
 * "~" and the extra points.  Only the font's file name is printed, not
 * its folder, so the dump does not depend on where the fonts live.
 */
#include "layout.h"

#include <stdio.h>
#include <string.h>

/* %.2f without "-0.00", which would differ by machine for values
 * that round to zero from below.                                        */
static void num(FILE *f, double v)
{
    char s[64];
    snprintf(s, sizeof s, "%.2f", v);
    fputs(strcmp(s, "-0.00") == 0 ? "0.00" : s, f);
}

/* sep, then v as num() prints it: the dump's "key value" pairs */
static void put(FILE *f, const char *sep, double v)
{
    fputs(sep, f);
    num(f, v);
}

static void color(FILE *f, dw_cmyk c)
{
    put(f, " cmyk ", c.c);
    put(f, " ", c.m);
    put(f, " ", c.y);
    put(f, " ", c.k);
}

/* Invisible and control characters (bidi isolates, soft hyphens, ZWJ)
 * print as <U+XXXX> so a diff shows them; '"' and '\' are escaped.     */
static bool visible(uint32_t c)
{
    return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xAD &&
           !(c >= 0x200B && c <= 0x200F) && !(c >= 0x202A && c <= 0x202E) &&
           !(c >= 0x2060 && c <= 0x206F) && c != 0xFEFF;
}

static void put_cp(FILE *f, uint32_t c)
{
    char u[8];
    if (!visible(c)) {
        fprintf(f, "<U+%04X>", (unsigned)c);
    } else if (c == '"' || c == '\\') {
        fprintf(f, "\\%c", (char)c);
    } else {
        int n = dw_utf8_put(u, c);
        fwrite(u, 1, (size_t)n, f);
    }
}

static void quoted(FILE *f, const char *s)
{
    fputc('"', f);
    size_t len = s ? strlen(s) : 0, i = 0;
    while (i < len) {
        int32_t c = dw_utf8_next(s, len, &i);
        put_cp(f, c < 0 ? 0xFFFD : (uint32_t)c);
    }
    fputc('"', f);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void run(FILE *f, const dw_run *r)
{
    put(f, "      run ", r->x_pt);
    put(f, " w ", r->width_pt);
    fprintf(f, " %s", r->rtl ? "rtl" : "ltr");
    put(f, " ", r->size_pt);
    fprintf(f, " %s %s", base_name(r->face->path), r->face->ps_name);
    if (r->lang)
        fprintf(f, " lang %s", r->lang);
    if (r->href)
        fprintf(f, " href %s", r->href);
    if (r->soft_hyphen)
        fputs(" soft-hyphen", f);
    fputs("\n        chars \"", f);
    for (size_t i = 0; i < r->n_chars; i++)
        put_cp(f, r->chars[i]);
    fputs("\"\n        glyphs [", f);
    for (size_t i = 0; i < r->n_glyphs; i++) {
        const dw_glyph *g = &r->glyphs[i];
        fprintf(f, "%s%u", i ? "|" : "", (unsigned)g->gid);
        if (g->x_offset_du || g->y_offset_du)
            fprintf(f, "@%d,%d", (int)g->x_offset_du, (int)g->y_offset_du);
        fprintf(f, "+%d", (int)g->x_advance_du);
        if (g->extra_pt > 0.005 || g->extra_pt < -0.005) {
            put(f, g->kashida ? "=" : "~", g->extra_pt); /* = a kashida (src/text/kashida.c) */
        }
    }
    fputs("]\n", f);
}

static void line(FILE *f, const dw_layout *L, const dw_op *o)
{
    const dw_line *ln = o->line;
    put(f, "    line ", o->x + ln->x_pt); /* where the text starts, as draw.c puts it */
    put(f, " ", o->y);
    put(f, " w ", ln->width_pt);
    put(f, " asc ", ln->ascent_pt);
    put(f, " desc ", ln->descent_pt);
    color(f, o->color);
    enum dw_role er = DW_R_NONE;
    if (o->elem >= 0 && (size_t)o->elem < L->n_elems) {
        er = L->elems[o->elem].role;
        fprintf(f, " %s elem %d", dw_role_names[er], o->elem);
    }
    if (o->role != DW_R_NONE && o->role != er) /* a cell of a row, a label, an artifact */
        fprintf(f, " as %s", dw_role_names[o->role]);
    if (o->grid)
        fputs(" grid", f);
    if (ln->hyphenated)
        fputs(" hyphenated", f);
    fputs("\n      text ", f);
    quoted(f, ln->text);
    fputc('\n', f);
    for (size_t i = 0; i < ln->n_runs; i++)
        run(f, &ln->runs[i]);
}

static void box(FILE *f, const char *what, const dw_op *o)
{
    fprintf(f, "    %s", what);
    put(f, " ", o->x);
    put(f, " ", o->y);
    put(f, " w ", o->w);
    put(f, " h ", o->h);
}

/* an item with a box and a string: an address, a code's text, a name */
static void box_str(FILE *f, const char *what, const dw_op *o, const char *key, const char *s)
{
    box(f, what, o);
    fprintf(f, " %s%s", key, *key ? " " : "");
    quoted(f, s);
}

static void op(FILE *f, const dw_layout *L, const dw_op *o)
{
    switch (o->kind) {
    case DW_OP_LINE:
        line(f, L, o);
        return;
    case DW_OP_RECT:
        box(f, "rect", o);
        color(f, o->color);
        fputs(o->bleeds ? " bleeds\n" : "\n", f);
        return;
    case DW_OP_RULE:
        put(f, "    rule ", o->x);
        put(f, " ", o->y);
        put(f, " dx ", o->w);
        put(f, " dy ", o->h);
        put(f, " width ", o->width);
        color(f, o->color);
        fputc('\n', f);
        return;
    case DW_OP_LINK_URI:
        box_str(f, "link-uri", o, "uri", o->uri);
        fputc('\n', f);
        return;
    case DW_OP_LINK_PAGE:
        box(f, "link-page", o);
        fprintf(f, " page %d", o->page + 1);
        put(f, " top ", o->top);
        fputc('\n', f);
        return;
    case DW_OP_IMAGE:
        box(f, "image", o);
        fprintf(f, " %s %lux%lu", base_name(o->uri), o->image.width, o->image.height);
        if (o->alt) {
            fputs(" alt ", f);
            quoted(f, o->alt);
        }
        fputc('\n', f);
        return;
    case DW_OP_QR:
        box_str(f, "qr", o, "encodes", o->uri);
        fputc('\n', f);
        return;
    case DW_OP_VECTOR:
        box(f, "vector", o);
        fputc(' ', f);
        fputs(base_name(o->uri), f);
        fputc('\n', f);
        return;
    case DW_OP_ICON:
        box_str(f, "icon", o, "", o->uri);
        color(f, o->color);
        fputc('\n', f);
        return;
    }
}

void dw_layout_dump(const dw_layout *L, size_t first, size_t last, FILE *f)
{
    fprintf(f, "document %s %s pages %zu\n", L->doc->name, L->doc->lang->code, L->n_pages);
    for (size_t p = first; p <= last && p < L->n_pages; p++) {
        const dw_page *pg = &L->pages[p];
        fprintf(f, "  page %zu%s%s%s\n", p + 1, pg->recto ? " recto" : "",
                pg->blank ? " blank" : "", pg->divider ? " divider" : "");
        for (size_t i = 0; i < pg->n_ops; i++)
            op(f, L, &pg->ops[i]);
    }
}
