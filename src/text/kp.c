/*
 * kp.c — line breaking: the paragraph as boxes, glue and penalties over
 * its shaped widths (dw_kp_items), and the total-fit algorithm of Knuth
 * & Plass ("Breaking paragraphs into lines", 1981) that chooses the
 * break points (dw_kp_run), with first-fit as the emergency (dw_kp_greedy).
 */
#include "text_int.h"

#include <linebreak.h>
#include <math.h>
#include <stdlib.h>

static void kp_push(kp *k, kp_item it)
{
    if (k->items) /* else only counted (items) */
        k->items[k->n] = it;
    k->n++;
}

static bool kp_legal(const kp *k, size_t i)
{
    const kp_item *it = &k->items[i];
    if (it->type == KP_PENALTY)
        return it->pen < KP_INF;
    return it->type == KP_GLUE && i > 0 && k->items[i - 1].type == KP_BOX;
}

static kp_node *node_new(const kp *k)
{
    return k->nodes ? dw_alloc_uninit(k->nodes, sizeof(kp_node)) : dw_tmp(k->sh, 1, sizeof(kp_node));
}

/* Run the algorithm over items [from, to) after the break `start` (a
 * copy of it heads the chain); returns the last node of the best chain
 * or NULL when no break sequence keeps every adjustment ratio within
 * tolerance.  When `to` is not the paragraph's end (a window of a long
 * paragraph), the chain ends at the best of the breaks found last.     */
static kp_node *run(const kp *k, const kp_node *start, size_t from, size_t to, double width,
                    double first_width, double tolerance, double ragged_stretch)
{
    kp_node *active = node_new(k);
    *active = *start;
    active->prev = active->next = NULL;
    for (size_t b = from; b < to; b++) {
        if (!kp_legal(k, b))
            continue;
        const kp_item *it = &k->items[b];
        bool forced = it->type == KP_PENALTY && it->pen <= -KP_INF;
        /* the best predecessor per fitness class and hyphen run */
        kp_node *best[4][KP_MAX_HYPHEN_RUN + 1] = {{0}};
        double best_d[4][KP_MAX_HYPHEN_RUN + 1];
        for (int f = 0; f < 4; f++)
            for (int h = 0; h <= KP_MAX_HYPHEN_RUN; h++)
                best_d[f][h] = INFINITY;
        bool flagged = it->type == KP_PENALTY && it->flagged;
        kp_node *prev_active = NULL;
        for (kp_node *n = active; n;) {
            kp_node *next = n->next;
            double L = n->line == 0 ? first_width : width;
            double natural = k->sw[b] - n->tw + (it->type == KP_PENALTY ? it->w : 0);
            double r;
            if (natural < L) {
                double st = ragged_stretch > 0 ? ragged_stretch : k->sst[b] - n->tst;
                if (forced || k->sst[b] - n->tst >= KP_FIL)
                    st = KP_FIL;
                r = st > 0 ? (L - natural) / st : KP_INF;
            } else if (natural > L) {
                double sh = ragged_stretch > 0 ? 0 : k->ssh[b] - n->tsh;
                r = sh > 0 ? (L - natural) / sh : -KP_INF;
            } else {
                r = 0;
            }
            if (r < -1 || forced) { /* deactivate n */
                if (prev_active)
                    prev_active->next = next;
                else
                    active = next;
            } else {
                prev_active = n;
            }
            int run = flagged ? n->hyph_run + 1 : 0;
            if (r >= -1 && r <= tolerance && run <= KP_MAX_HYPHEN_RUN) {
                double bad = 100 * fabs(r) * fabs(r) * fabs(r);
                double dem = (KP_LINE_PENALTY + bad) * (KP_LINE_PENALTY + bad);
                if (it->type == KP_PENALTY && it->pen >= 0)
                    dem += it->pen * it->pen;
                else if (it->type == KP_PENALTY && it->pen > -KP_INF)
                    dem -= it->pen * it->pen;
                if (it->type == KP_PENALTY && it->flagged && n->at > 0 &&
                    k->items[n->at].type == KP_PENALTY && k->items[n->at].flagged)
                    dem += KP_FLAGGED_DEMERITS;
                /* a hyphen on the last but one line leaves a stub */
                if (b + 1 == k->n && n->at > 0 && k->items[n->at].type == KP_PENALTY &&
                    k->items[n->at].flagged)
                    dem += KP_FINAL_HYPHEN_DEMERITS;
                if (b + 1 == k->n && natural < k->short_last)
                    dem += ragged_stretch > 0 ? KP_SHORT_LAST_RAGGED_DEMERITS : KP_SHORT_LAST_DEMERITS;
                int fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
                if (abs(fit - n->fitness) > 1)
                    dem += KP_FITNESS_DEMERITS;
                dem += n->demerits;
                if (dem < best_d[fit][run]) {
                    best_d[fit][run] = dem;
                    best[fit][run] = n;
                }
            }
            n = next;
        }
        /* totals after b: skip the glue and penalties a line drops */
        double tw = k->sw[b], tst = k->sst[b], tsh = k->ssh[b];
        for (size_t i = b; i < k->n; i++) {
            const kp_item *x = &k->items[i];
            if (x->type == KP_BOX || (x->type == KP_PENALTY && x->pen <= -KP_INF && i > b))
                break;
            if (x->type == KP_GLUE) {
                tw += x->w;
                tst += x->st;
                tsh += x->sh;
            }
        }
        for (int f = 0; f < 4; f++)
            for (int h = 0; h <= KP_MAX_HYPHEN_RUN; h++) {
                if (!best[f][h])
                    continue;
                kp_node *nn = node_new(k);
                *nn = (kp_node){b, best[f][h]->line + 1, f, h, tw, tst, tsh, best_d[f][h],
                                best[f][h], active};
                active = nn;
            }
        if (!active)
            return NULL;
    }
    kp_node *best = NULL;
    size_t last = to == k->n ? k->n - 1 : 0;
    for (kp_node *n = active; to < k->n && n; n = n->next)
        last = n->at > last ? n->at : last;
    for (kp_node *n = active; n; n = n->next)
        if (n->at == last && (!best || n->demerits < best->demerits))
            best = n;
    return best;
}

kp_node *dw_kp_run(const kp *k, double width, double first_width, double tolerance,
                   double ragged_stretch)
{
    kp_node *root = dw_tmp_zero(k->sh, 1, sizeof *root);
    root->fitness = 1;
    return run(k, root, 0, k->n, width, first_width, tolerance, ragged_stretch);
}

/* Emergency: first-fit over the legal breaks; a word wider than the
 * measure stays overfull (reported by the caller).  It keeps the limit
 * of hyphenated lines in a row where a line has another break.          */
static kp_node *greedy(const kp *k, const kp_node *start, size_t from, size_t to, double width,
                       double first_width)
{
    kp_node *head = node_new(k);
    *head = *start;
    head->prev = head->next = NULL;
    kp_node *cur = head;
    size_t last_legal = 0, last_plain = 0;
    bool have_legal = false, have_plain = false;
    for (size_t b = from; b < to; b++) {
        if (!kp_legal(k, b))
            continue;
        const kp_item *it = &k->items[b];
        double L = cur->line == 0 ? first_width : width;
        double natural = k->sw[b] - cur->tw + (it->type == KP_PENALTY ? it->w : 0);
        bool forced = it->type == KP_PENALTY && it->pen <= -KP_INF;
        size_t at = b;
        if (natural > L && have_legal) {
            at = last_legal;
            if (k->items[at].type == KP_PENALTY && k->items[at].flagged &&
                cur->hyph_run >= KP_MAX_HYPHEN_RUN && have_plain)
                at = last_plain;
            b = at;
        } else if (!forced) {
            last_legal = b;
            have_legal = true;
            if (!(it->type == KP_PENALTY && it->flagged)) {
                last_plain = b;
                have_plain = true;
            }
            continue;
        }
        double tw = k->sw[at], tst = k->sst[at], tsh = k->ssh[at];
        for (size_t i = at; i < k->n; i++) {
            const kp_item *x = &k->items[i];
            if (x->type == KP_BOX || (x->type == KP_PENALTY && x->pen <= -KP_INF && i > at))
                break;
            if (x->type == KP_GLUE) {
                tw += x->w;
                tst += x->st;
                tsh += x->sh;
            }
        }
        kp_node *nn = node_new(k);
        bool flagged = k->items[at].type == KP_PENALTY && k->items[at].flagged;
        *nn = (kp_node){at, cur->line + 1, 1, flagged ? cur->hyph_run + 1 : 0, tw, tst, tsh, 0,
                        cur, NULL};
        cur = nn;
        have_legal = have_plain = false;
    }
    return cur;
}

kp_node *dw_kp_greedy(const kp *k, double width, double first_width)
{
    kp_node *root = dw_tmp_zero(k->sh, 1, sizeof *root);
    return greedy(k, root, 0, k->n, width, first_width);
}

/* A long paragraph is broken window by window: total fit over the next
 * KP_WINDOW items from the last break kept, of whose lines those that
 * end in the window's first half are kept (at least one), as TeX-like
 * systems do for very long paragraphs.  Time is linear in the length,
 * and the breaks' nodes live in an arena emptied for each window, so
 * their memory is bounded by the window, not the paragraph.  A window
 * without any break doubles until it has one.                         */
size_t dw_kp_windows(kp *k, double width, double first_width, double ragged, size_t **out,
                     double *demerits)
{
    size_t cap = 64, nl = 0;
    size_t *v = dw_tmp(k->sh, cap, sizeof *v);
    kp_node start = {0};
    start.fitness = 1;
    size_t from = 0, span = KP_WINDOW;
    *demerits = 0;
    k->nodes = dw_arena_new();
    for (;;) {
        size_t to = k->n - from > span ? from + span : k->n;
        kp_node *best = run(k, &start, from, to, width, first_width, 2, ragged);
        if (!best)
            best = run(k, &start, from, to, width, first_width, 10, ragged);
        if (!best)
            best = run(k, &start, from, to, width, first_width, KP_INF, ragged);
        if (!best)
            best = greedy(k, &start, from, to, width, first_width);
        size_t m = 0, keep = 0;
        for (kp_node *n = best; n && n->prev; n = n->prev)
            m++;
        kp_node **path = dw_alloc_uninit(k->nodes, (m + 1) * sizeof *path);
        size_t i = m;
        for (kp_node *n = best; n && n->prev; n = n->prev)
            path[--i] = n;
        while (keep < m && (to == k->n || path[keep]->at < from + span / 2))
            keep++;
        if (keep == 0 && m > 0)
            keep = 1;
        if (keep == 0 && to < k->n) { /* no break in the window: widen it */
            span *= 2;
            dw_arena_reset(k->nodes);
            continue;
        }
        for (i = 0; i < keep; i++) {
            v = dw_arena_grow(k->sh->tmp, v, nl, &cap, sizeof *v, 64);
            v[nl++] = path[i]->at;
        }
        if (to == k->n)
            break;
        *demerits += path[keep - 1]->demerits;
        start = *path[keep - 1];
        start.demerits = 0;
        start.prev = start.next = NULL;
        from = start.at + 1;
        span = KP_WINDOW;
        dw_arena_reset(k->nodes);
    }
    dw_arena_free(k->nodes);
    k->nodes = NULL;
    *out = v;
    return nl;
}

static double hyphen_width(para *p, size_t at)
{
    const dw_face *f = p->face[at];
    hb_codepoint_t g;
    if (!f || !hb_font_get_nominal_glyph(f->hb_font, '-', &g))
        return 0;
    return du_pt(f, dw_shape_size_at(p, at), hb_font_get_glyph_h_advance(f->hb_font, g));
}

/* The letter-spacing box [from, to) may give up (dw_para_spec's
 * letter_shrink_em after each cluster of a left-to-right run, as
 * line.c takes it): 0 unless the spec allows it.                      */
static double box_shrink(const para *p, const double *w, size_t from, size_t to)
{
    if (p->spec->letter_shrink_em <= 0)
        return 0;
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += w[i] > 0 && !(p->level[i] & 1) && p->cp[i] != ' ';
    return (double)n * p->spec->letter_shrink_em * p->spec->size_pt;
}

static void items(para *p, const double *w, kp *k)
{
    size_t i = 0;
    double box = 0;
    size_t box_start = 0;
    while (i < p->n) {
        uint32_t c = p->cp[i];
        if (c == ' ') {
            if (box > 0 || i > box_start)
                kp_push(k, (kp_item){KP_BOX, box, 0, box_shrink(p, w, box_start, i), 0, false, box_start, i});
            size_t j = i;
            double sw = 0;
            while (j < p->n && p->cp[j] == ' ')
                sw += w[j++];
            /* UAX #14: a space after which no break is allowed (e.g. before
             * a closing isolate or punctuation) gets an infinite penalty.  */
            if (p->brk[j - 1] != LINEBREAK_ALLOWBREAK)
                kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, KP_INF, false, j, j});
            /* space: stretch 1/2, shrink 1/3 of its width (TeX's fontdimens) */
            kp_push(k, (kp_item){KP_GLUE, sw, sw / 2, sw / 3, 0, false, i, j});
            box = 0;
            box_start = i = j;
            continue;
        }
        /* a kashida point inside the word (kashida.c): glue that stretches
         * by the tatweels it may take, where no line may break          */
        double kst = k->kashida && p->kashida && p->kashida[i] && i > box_start
                         ? dw_kashida_stretch(p, i) : 0;
        if (kst > 0) {
            kp_push(k, (kp_item){KP_BOX, box, 0, 0, 0, false, box_start, i});
            kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, KP_INF, false, i, i});
            /* half its reach, as a space's: at the loose limit (ratio 2)
             * the spaces are twice their width, the kashida its longest */
            kp_push(k, (kp_item){KP_GLUE, 0, kst / 2, 0, 0, false, i, i});
            box = 0;
            box_start = i;
        }
        box += w[i];
        bool last = i + 1 == p->n;
        if (!last && (p->brk[i] == LINEBREAK_MUSTBREAK)) {
            kp_push(k, (kp_item){KP_BOX, box, 0, box_shrink(p, w, box_start, i), 0, false, box_start, i});
            kp_push(k, (kp_item){KP_GLUE, 0, KP_FIL, 0, 0, false, i, i});
            kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, -KP_INF, false, i, i + 1});
            box = 0;
            box_start = ++i;
            continue;
        }
        bool address = p->brk[i] == DW_BREAK_ADDRESS; /* no hyphen there (break.c) */
        if (!last && (p->brk[i] == LINEBREAK_ALLOWBREAK || address) && p->cp[i + 1] != ' ') {
            kp_push(k, (kp_item){KP_BOX, box, 0, box_shrink(p, w, box_start, i + 1), 0, false,
                                 box_start, i + 1});
            bool hy = !address && (c == '-' || c == 0x2010);
            kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0,
                                 address ? KP_ADDRESS_PENALTY : hy ? KP_HYPHEN_PENALTY : 100,
                                 hy, i + 1, i + 1});
            box = 0;
            box_start = i + 1;
        } else if (!last && p->hyph[i]) {
            kp_push(k, (kp_item){KP_BOX, box, 0, box_shrink(p, w, box_start, i + 1), 0, false,
                                 box_start, i + 1});
            kp_push(k, (kp_item){KP_PENALTY, hyphen_width(p, i), 0, 0,
                                       KP_HYPHEN_PENALTY, true, i + 1, i + 1});
            box = 0;
            box_start = i + 1;
        }
        i++;
    }
    if (i > box_start)
        kp_push(k, (kp_item){KP_BOX, box, 0, box_shrink(p, w, box_start, i), 0, false, box_start, i});
    /* the paragraph ends with \parfillskip and a forced break */
    kp_push(k, (kp_item){KP_GLUE, 0, KP_FIL, 0, 0, false, p->n, p->n});
    kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, -KP_INF, false, p->n, p->n});
}

void dw_kp_items(para *p, const double *w, kp *k)
{
    /* counted first, then made: sizing for the worst case (three items
     * per code point) took 190 bytes per byte of a long paragraph      */
    k->sh = p->sh;
    k->items = NULL;
    k->kashida &= p->kashida != NULL;
    k->n = 0;
    items(p, w, k);
    k->cap = k->n;
    k->items = dw_tmp(p->sh, k->cap + 1, sizeof *k->items);
    k->n = 0;
    items(p, w, k);
    k->sw = dw_tmp(p->sh, k->n + 1, sizeof(double));
    k->sst = dw_tmp(p->sh, k->n + 1, sizeof(double));
    k->ssh = dw_tmp(p->sh, k->n + 1, sizeof(double));
    k->sw[0] = k->sst[0] = k->ssh[0] = 0;
    for (size_t j = 0; j < k->n; j++) {
        const kp_item *it = &k->items[j];
        bool counts = it->type != KP_PENALTY;
        k->sw[j + 1] = k->sw[j] + (counts ? it->w : 0);
        k->sst[j + 1] = k->sst[j] + (it->type == KP_GLUE ? it->st : 0);
        k->ssh[j + 1] = k->ssh[j] + (counts ? it->sh : 0); /* glue, and letters (box_shrink) */
    }
}
