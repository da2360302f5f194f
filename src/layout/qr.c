/*
 * qr.c — where QR codes go: a square the size of QR_SIZE (quiet zone
 * included) reserved in a box.  What is drawn there (the modules, in the
 * paper variants only) is the PDF stage's business: see src/pdf/qr.c.
 */
#include "layout_int.h"

void box_qr(ctx *c, box *b, double x, double top, const char *uri)
{
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_QR;
    o->x = x, o->y = top, o->w = QR_SIZE, o->h = QR_SIZE;
    o->rel = top;
    o->uri = uri;
    o->role = DW_R_ARTIFACT; /* a picture of an address the text already gives */
}

/* Below the legal notice: the page where the county publishes the PDFs,
 * at the end side of the column.                                      */
void online_qr(ctx *c, boxes *bs)
{
    if (!c->ds->online)
        return;
    box *b = box_new(c, DW_ST_CARD, DW_R_NONE);
    box_qr(c, b, c->rtl ? 0 : col_width(c) - QR_SIZE, 0, c->ds->online);
    b->height = QR_SIZE;
    b->before = style(c, DW_ST_CARD)->leading_pt;
    push(c, bs, b);
}
