/*
 * rivers.c — rivers of white in set text: word spaces in consecutive
 * lines that stand over one another and read as a channel running down
 * the column.  Measured on lines as they are drawn (glyph advances plus
 * the justification added after each glyph), so the layout can avoid
 * them in a paragraph and the proof can find them on a page.
 */
#include "layout.h"

#include <math.h>

/* The interword gaps of a line at x: white from the end of the advance
 * of the glyph before a space to the start of the glyph after it (the
 * letter-spacing added after that glyph is white too).  Gaps before the
 * first and after the last ink are not between words.                 */
static size_t gaps(const dw_line *l, double x, double (*g)[2], size_t cap)
{
    size_t n = 0;
    double pen = x + l->x_pt, start = 0;
    bool seen_ink = false, in_gap = false;
    for (size_t r = 0; r < l->n_runs; r++) {
        const dw_run *run = &l->runs[r];
        double sc = run->face && run->face->upem > 0 ? run->size_pt / run->face->upem : 0;
        pen = x + l->x_pt + run->x_pt;
        for (size_t k = 0; k < run->n_glyphs; k++) {
            const dw_glyph *gl = &run->glyphs[k];
            double adv = gl->x_advance_du * sc;
            bool space = dw_glyph_is_space(run, gl);
            if (space) {
                in_gap = seen_ink;
            } else if (gl->text_len || adv > 0) {
                if (in_gap && n < cap) {
                    g[n][0] = start, g[n][1] = pen;
                    n++;
                }
                in_gap = false;
                seen_ink = true;
                start = pen + adv; /* the extra after it belongs to the gap */
            }
            pen += adv + gl->extra_pt;
        }
    }
    return n;
}

static double line_size(const dw_line *l)
{
    double s = 0;
    for (size_t r = 0; r < l->n_runs; r++)
        s = fmax(s, l->runs[r].size_pt);
    return s;
}

#define MAX_GAPS 256

size_t dw_layout_rivers(const dw_line *const *lines, const double *x, size_t n, dw_river *out,
                        size_t cap)
{
    size_t found = 0;
    double (*prev)[2] = NULL, (*cur)[2] = NULL;
    int *prev_len = NULL, *cur_len = NULL;
    size_t n_prev = 0;
    double buf[2][MAX_GAPS][2];
    int lens[2][MAX_GAPS];
    for (size_t i = 0; i < n; i++) {
        cur = buf[i % 2];
        cur_len = lens[i % 2];
        double em = line_size(lines[i]);
        size_t m = gaps(lines[i], x[i], cur, MAX_GAPS), kept = 0;
        for (size_t k = 0; k < m; k++) /* only gaps wide enough to be seen */
            if (cur[k][1] - cur[k][0] >= DW_RIVER_GAP_EM * em - 1e-9) {
                cur[kept][0] = cur[k][0], cur[kept][1] = cur[k][1];
                kept++;
            }
        for (size_t k = 0; k < kept; k++) {
            int best = 0;
            for (size_t j = 0; j < n_prev; j++) {
                double ov = fmin(cur[k][1], prev[j][1]) - fmax(cur[k][0], prev[j][0]);
                if (ov >= DW_RIVER_OVERLAP_EM * em - 1e-9 && prev_len[j] > best)
                    best = prev_len[j];
            }
            cur_len[k] = best + 1;
            if (cur_len[k] == DW_RIVER_LINES) {
                if (found < cap)
                    out[found] = (dw_river){i + 1 - DW_RIVER_LINES, DW_RIVER_LINES, cur[k][0],
                                            cur[k][1]};
                found++;
            }
        }
        prev = cur;
        prev_len = cur_len;
        n_prev = kept;
    }
    return found;
}
