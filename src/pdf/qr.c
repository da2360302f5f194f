/*
 * qr.c — a QR code (libqrencode) drawn as vectors: a white square for
 * the quiet zone, then the dark modules in 100 % K, adjacent modules
 * merged into rectangles and filled as one path, so a code costs a few
 * hundred bytes of content stream and no raster.
 */
#include <qrencode.h>
#include <stdlib.h>

#include "pdf_int.h"

#define QUIET 4 /* modules of white around the code (ISO/IEC 18004) */

bool dw_draw_qr(dw_drawing *g, const char *text, double x, double y, double size)
{
    /* level M: 15 % of the code may be lost (a fold, a scratch) */
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) {
        dw_error(g->diag, dw_loc_none(), "cannot make a QR code of '%s'", text);
        return false;
    }
    int n = q->width;
    double m = size / (n + 2 * QUIET);
    unsigned char *used = calloc((size_t)n * (size_t)n, 1);
    if (!used) {
        QRcode_free(q);
        return false;
    }
    dw_buf *b = &g->cur;
#define DARK(r, c) ((q->data[(r) * n + (c)] & 1) && !used[(r) * n + (c)])
    dw_buf_puts(b, "q 0 0 0 0 k ");
    double v[4] = {x, y, size, size};
    for (int i = 0; i < 4; i++) {
        dw_buf_num(b, v[i], 3);
        dw_buf_puts(b, " ");
    }
    dw_buf_puts(b, "re f 0 0 0 1 k\n");
    /* greedy cover: the longest run from each free dark module, grown
     * downwards while the rows below have the same run free            */
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++) {
            if (!DARK(r, c))
                continue;
            int w = 1, h = 1;
            while (c + w < n && DARK(r, c + w))
                w++;
            for (;; h++) {
                if (r + h >= n)
                    break;
                int k = 0;
                while (k < w && DARK(r + h, c + k))
                    k++;
                if (k < w)
                    break;
            }
            for (int i = 0; i < h; i++)
                for (int k = 0; k < w; k++)
                    used[(r + i) * n + c + k] = 1;
            double rv[4] = {x + (QUIET + c) * m, y + size - (QUIET + r + h) * m, w * m, h * m};
            for (int i = 0; i < 4; i++) {
                dw_buf_num(b, rv[i], 3);
                dw_buf_puts(b, " ");
            }
            dw_buf_puts(b, "re\n");
        }
#undef DARK
    dw_buf_puts(b, "f Q\n");
    free(used);
    QRcode_free(q);
    return true;
}
