/*
 * qr.c — where QR codes go: a square the size of QR_SIZE (quiet zone
 * included) reserved in a box.  What is drawn there (the modules, in the
 * paper variants only) is the PDF stage's business: see src/pdf/qr.c.
 */
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

/* The caption under a code: its address as a reader would type it (no
 * https://, no closing slash), left to right in every language, as wide
 * as the code at most: on one line, the type stepping down to
 * QR_CAPTION_MIN of the small style; else on two, split after a dot or
 * slash or before a hyphen nearest the middle, else anywhere; a longer
 * address is cut with '…' (the card beside the code gives it whole).
 * Returns the lines (an arena array ended by a line without runs) and
 * their count in *n.                                                   */
#define QR_CAPTION_MIN 0.75

static const dw_line *at(ctx *c, const char *t, double k, double w)
{
    spans sp = {0};
    span_add(c, &sp, t, 0, true, NULL);
    c->plain = true;
    const dw_para *p = set_scaled(c, &sp, DW_ST_SMALL, k, 1e4, false, dw_loc_none());
    c->plain = false;
    return p->n_lines == 1 && p->lines[0].width_pt <= w ? &p->lines[0] : NULL;
}

static const dw_line *fit(ctx *c, const char *t, double w)
{
    for (double k = 1; k > QR_CAPTION_MIN - 0.01; k -= 0.05) {
        const dw_line *l = at(c, t, k, w);
        if (l)
            return l;
    }
    return NULL;
}

static const dw_line *caption(ctx *c, const char *uri, int *n_lines)
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
    dw_line *out = dw_alloc_array(c->a, 3, sizeof *out); /* zeroed: the end */
    const dw_line *one = fit(c, dw_sprintf(c->a, "%.*s", (int)n, s), w);
    if (one) {
        out[0] = *one;
        *n_lines = 1;
        return out;
    }
    /* two lines, split after a dot or slash or before a hyphen (a
     * hyphen at a line's end reads as hyphenation, and text extraction
     * drops it), the split nearest the middle that fits; else anywhere  */
    for (int pass = 0; pass < 2; pass++)
        for (size_t d = 0; d < n / 2; d++)
            for (int side = -1; side <= 1; side += 2) {
                /* the second line starts at i (d < n / 2: never below 0) */
                size_t i = side < 0 ? n / 2 - d : n / 2 + d;
                if (i < 2 || i + 2 > n || (side > 0 && d == 0))
                    continue;
                bool mark = s[i - 1] == '.' || s[i - 1] == '/' || s[i] == '-';
                if (pass == 0 && !mark)
                    continue;
                const char *t1 = dw_sprintf(c->a, "%.*s", (int)i, s);
                const char *t2 = dw_sprintf(c->a, "%.*s", (int)(n - i), s + i);
                for (double k = 1; k > QR_CAPTION_MIN - 0.01; k -= 0.05) { /* one size */
                    const dw_line *a = at(c, t1, k, w), *b = at(c, t2, k, w);
                    if (a && b) {
                        out[0] = *a, out[1] = *b;
                        *n_lines = 2;
                        return out;
                    }
                }
            }
    for (size_t len = n; len > 8; len--) {
        const dw_line *l = fit(c, dw_sprintf(c->a, "%.*s…", (int)len, s), w);
        if (l) {
            out[0] = *l;
            *n_lines = 1;
            return out;
        }
    }
    *n_lines = 0;
    return NULL;
}

void box_qr(ctx *c, box *b, double x, double top, const char *uri)
{
    int n = 0;
    const dw_line *cap = caption(c, uri, &n);
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
