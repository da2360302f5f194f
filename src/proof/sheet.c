/*
 * sheet.c — the proof sheet: one PDF page holding every page of the
 * document as a thumbnail (drawn from the display list: tints, rules,
 * text as grey bars) with each defect framed in red, so the whole
 * document can be judged at a glance before it goes to print.  The PDF
 * is small and written here directly (no fonts, no images): pages are
 * scaled down with `cm`.
 */
#include "proof.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLS 6
#define SCALE 0.22
#define GAP 12.0

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k >= 0 && b->s && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        b->cap = (b->cap + (size_t)(k > 0 ? k : 0) + 1) * 2;
        b->s = dw_xrealloc(b->s, b->cap);
    }
}

static void page_thumb(buf *b, const dw_layout *L, size_t pi, const dw_proof *pr)
{
    const dw_design *ds = L->design;
    const dw_page *p = &L->pages[pi];
    put(b, "1 1 1 rg 0 0 %.2f %.2f re f 0.6 G 0.5 w 0 0 %.2f %.2f re S\n", ds->page_w,
        ds->page_h, ds->page_w, ds->page_h);
    for (size_t i = 0; i < p->n_ops; i++) {
        const dw_op *o = &p->ops[i];
        switch (o->kind) {
        case DW_OP_RECT:
        case DW_OP_IMAGE:
            put(b, "%.3f %.3f %.3f %.3f k %.2f %.2f %.2f %.2f re f\n", o->color.c * 0.5,
                o->color.m * 0.5, o->color.y * 0.5, o->color.k * 0.5, o->x, o->y, o->w, o->h);
            break;
        case DW_OP_RULE:
            put(b, "0.5 G %.2f w %.2f %.2f m %.2f %.2f l S\n", o->width, o->x, o->y, o->x + o->w,
                o->y + o->h);
            break;
        case DW_OP_LINE: {
            const dw_line *l = o->line;
            double s = 0;
            for (size_t r = 0; r < l->n_runs; r++)
                s = l->runs[r].size_pt > s ? l->runs[r].size_pt : s;
            put(b, "0.35 g %.2f %.2f %.2f %.2f re f\n", o->x + l->x_pt, o->y, l->width_pt, s * 0.6);
            break;
        }
        default:
            break;
        }
    }
    for (size_t i = 0; i < pr->n; i++) {
        const dw_proof_defect *d = &pr->v[i];
        if (d->page != (int)pi)
            continue;
        if (d->w <= 0 || d->h <= 0) /* a whole-page defect: frame the page */
            put(b, "1 0 0 RG 6 w 3 3 %.2f %.2f re S\n", ds->page_w - 6, ds->page_h - 6);
        else
            put(b, "1 0 0 RG 3 w %.2f %.2f %.2f %.2f re S\n", d->x - 3, d->y - 3, d->w + 6,
                d->h + 6);
    }
}

bool dw_proof_sheet(const dw_layout *L, const dw_proof *pr, const char *path)
{
    const dw_design *ds = L->design;
    size_t rows = (L->n_pages + COLS - 1) / COLS;
    double tw = ds->page_w * SCALE, th = ds->page_h * SCALE;
    double W = COLS * (tw + GAP) + GAP, H = rows * (th + GAP) + GAP;
    buf c = {0};
    for (size_t pi = 0; pi < L->n_pages; pi++) {
        size_t row = pi / COLS, col = pi % COLS;
        if (L->doc->lang->rtl) /* pages run right to left, as the document is read */
            col = COLS - 1 - col;
        put(&c, "q %.3f 0 0 %.3f %.2f %.2f cm\n", SCALE, SCALE, GAP + col * (tw + GAP),
            H - (row + 1) * (th + GAP));
        page_thumb(&c, L, pi, pr);
        put(&c, "Q\n");
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(c.s);
        return false;
    }
    long off[5];
    fputs("%PDF-1.4\n", f);
    off[1] = ftell(f);
    fputs("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", f);
    off[2] = ftell(f);
    fputs("2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n", f);
    off[3] = ftell(f);
    fprintf(f, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
               "/Resources << >> >> endobj\n", W, H);
    off[4] = ftell(f);
    fprintf(f, "4 0 obj << /Length %zu >> stream\n", c.n);
    fwrite(c.s, 1, c.n, f);
    fputs("\nendstream endobj\n", f);
    long xref = ftell(f);
    fputs("xref\n0 5\n0000000000 65535 f \n", f);
    for (int i = 1; i < 5; i++)
        fprintf(f, "%010ld 00000 n \n", off[i]);
    fprintf(f, "trailer << /Size 5 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
    free(c.s);
    return fclose(f) == 0;
}
