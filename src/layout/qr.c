/*
 * qr.c — where QR codes go: a square the size of QR_SIZE (quiet zone
 * included) reserved in a box.  What is drawn there (the modules, in the
 * paper variants only) is the PDF stage's business: see src/pdf/qr.c.
 */
#include "layout_int.h"

#include <string.h>

/* The caption under a code: its address as a reader would type it (no
 * https://, no closing slash), left to right in every language, on one
 * line as wide as the code at most: the type steps down to QR_CAPTION_MIN
 * of the small style; a longer address is cut with '…' (the card beside
 * the code gives it whole).                                            */
#define QR_CAPTION_MIN 0.75

static const dw_line *caption(ctx *c, const char *uri)
{
    const char *s = uri;
    if (strncmp(s, "https://", 8) == 0)
        s += 8;
    else if (strncmp(s, "http://", 7) == 0)
        s += 7;
    size_t n = strlen(s);
    if (n && s[n - 1] == '/')
        n--;
    double w = QR_SIZE - MM(2);
    for (size_t len = n; len > 8; len--) {
        char *t = dw_sprintf(c->a, "%.*s%s", (int)len, s, len < n ? "…" : "");
        for (double k = 1; k > QR_CAPTION_MIN - 0.01; k -= 0.05) {
            spans sp = {0};
            span_add(c, &sp, t, 0, true, NULL);
            c->plain = true;
            const dw_para *p = set_scaled(c, &sp, DW_ST_SMALL, k, 1e4, false, dw_loc_none());
            c->plain = false;
            if (p->n_lines == 1 && p->lines[0].width_pt <= w)
                return &p->lines[0];
        }
    }
    return NULL;
}

void box_qr(ctx *c, box *b, double x, double top, const char *uri)
{
    const dw_line *cap = caption(c, uri);
    dw_op *o = box_op(c, b);
    o->line = cap; /* drawn with the code, on paper only (pdf/render.c) */
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
