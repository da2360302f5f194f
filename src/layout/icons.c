/*
 * icons.c — pictograms from the layout file's `icons:` map (keyed by
 * section or contact id, so translations need not carry them): a top-level
 * section's on its divider, its table-of-contents entry and its register
 * tab; a contact's beside its number (cards.c, the back cover in
 * furniture.c).  The PDF stage draws the outline (src/pdf/icon.c).
 */
#include "layout_int.h"

#include <string.h>

/* The pictogram the layout's `icons:` map gives id (a section id or a
 * contact id), and where the layout says so.  NULL: none.             */
const char *contact_icon(ctx *c, const char *id, dw_loc *loc)
{
    const dw_design *ds = c->ds;
    for (size_t k = 0; id && k < ds->n_icons; k++)
        if (strcmp(ds->icon_ids[k], id) == 0) {
            if (loc)
                *loc = ds->icon_locs[k];
            return ds->icon_names[k];
        }
    return NULL;
}

const char *section_icon(ctx *c, size_t i, dw_loc *loc)
{
    return contact_icon(c, c->doc->sections[i].id, loc);
}

void icon_op_fill(ctx *c, dw_op *o, double size, const char *name, dw_loc loc, int col)
{
    o->kind = DW_OP_ICON;
    o->w = o->h = size;
    o->uri = name;
    o->loc = loc;
    o->color = color(c, col);
    o->role = DW_R_ARTIFACT; /* the title or number next to it says the same */
}

void box_icon(ctx *c, box *b, size_t i, double x, double top, double size, int col)
{
    dw_loc loc = {0};
    const char *name = section_icon(c, i, &loc);
    if (!name)
        return;
    dw_op *o = box_op(c, b);
    icon_op_fill(c, o, size, name, loc, col);
    o->x = x, o->y = top, o->rel = top;
}

void page_icon(ctx *c, dw_page *p, size_t i, double x, double y, double size, int col)
{
    dw_loc loc = {0};
    const char *name = section_icon(c, i, &loc);
    if (!name)
        return;
    dw_op *o = page_op(c, p);
    icon_op_fill(c, o, size, name, loc, col);
    o->x = x, o->y = y;
}
