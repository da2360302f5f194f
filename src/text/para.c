/*
 * para.c — one paragraph from spans to lines (the shaper it uses, with
 * its working memory, is made in shape.c).
 *
 * The paragraph is shaped once to measure it; break points are chosen by
 * the total-fit algorithm of Knuth & Plass ("Breaking paragraphs into
 * lines", 1981) over those widths.  Each chosen line reuses the
 * paragraph's glyphs where HarfBuzz says a cut is safe, and is shaped
 * again on its own only where it is not (a ligature or kerning pair at a
 * hyphenation point, Arabic joining across the break); it is then
 * reordered for display (UAX #9 L1–L2) and justified by widening its
 * spaces.  dw_text_coverage: which characters no font serves.
 */
#include "text_int.h"

#include <linebreak.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Knuth–Plass --------------------------------------------------------- */
#define KP_INF 10000.0        /* a penalty this high forbids a break */
#define KP_FIL 1e6            /* stretch of the glue that ends a paragraph */
#define KP_LINE_PENALTY 10.0  /* TeX's \linepenalty */
#define KP_HYPHEN_PENALTY 50.0 /* \hyphenpenalty */
#define KP_FLAGGED_DEMERITS 3000.0 /* \doublehyphendemerits */
#define KP_FITNESS_DEMERITS 100.0  /* \adjdemerits */
#define KP_FINAL_HYPHEN_DEMERITS 5000.0 /* \finalhyphendemerits */
/* At most this many lines in a row end with a hyphen (added or typed):
 * a hard limit on top of \doublehyphendemerits, which only discourages
 * them.  The break sequence keeps its count, so the optimum is taken
 * among the sequences that respect it.                                  */
#define KP_MAX_HYPHEN_RUN 2

enum kp_type { KP_BOX, KP_GLUE, KP_PENALTY };

typedef struct kp_item {
    enum kp_type type;
    double w, st, sh, pen;
    bool flagged;
    size_t pos, end; /* code points covered: [pos, end) */
} kp_item;

typedef struct kp_node {
    size_t at;    /* item index of the break */
    int line, fitness;
    int hyph_run; /* lines in a row ending with a hyphen, up to this break */
    double tw, tst, tsh; /* totals after the break */
    double demerits;
    struct kp_node *prev, *next; /* prev: best previous break; next: active list */
} kp_node;

typedef struct kp {
    dw_shaper *sh;
    kp_item *items;
    size_t n, cap;
    double *sw, *sst, *ssh; /* prefix sums */
} kp;

static void kp_push(kp *k, kp_item it)
{
    /* build_items sizes it for the worst case */
    k->items = dw_arena_grow(k->sh->tmp, k->items, k->n, &k->cap, sizeof *k->items, 64);
    k->items[k->n++] = it;
}

static bool kp_legal(const kp *k, size_t i)
{
    const kp_item *it = &k->items[i];
    if (it->type == KP_PENALTY)
        return it->pen < KP_INF;
    return it->type == KP_GLUE && i > 0 && k->items[i - 1].type == KP_BOX;
}

/* Run the algorithm; returns the last node of the best chain or NULL when
 * no break sequence keeps every adjustment ratio within tolerance.      */
static kp_node *kp_run(const kp *k, double width, double first_width, double tolerance,
                       double ragged_stretch)
{
    kp_node *active = dw_tmp_zero(k->sh, 1, sizeof *active);
    active->fitness = 1;
    for (size_t b = 0; b < k->n; b++) {
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
                kp_node *nn = dw_tmp(k->sh, 1, sizeof *nn);
                *nn = (kp_node){b, best[f][h]->line + 1, f, h, tw, tst, tsh, best_d[f][h],
                                best[f][h], active};
                active = nn;
            }
        if (!active)
            return NULL;
    }
    kp_node *best = NULL;
    for (kp_node *n = active; n; n = n->next)
        if (n->at == k->n - 1 && (!best || n->demerits < best->demerits))
            best = n;
    return best;
}

/* Emergency: first-fit over the legal breaks; a word wider than the
 * measure stays overfull (reported by the caller).  It keeps the limit
 * of hyphenated lines in a row where a line has another break.          */
static kp_node *kp_greedy(const kp *k, double width, double first_width)
{
    kp_node *head = dw_tmp_zero(k->sh, 1, sizeof *head);
    kp_node *cur = head;
    size_t last_legal = 0, last_plain = 0;
    bool have_legal = false, have_plain = false;
    for (size_t b = 0; b < k->n; b++) {
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
        kp_node *nn = dw_tmp(k->sh, 1, sizeof *nn);
        bool flagged = k->items[at].type == KP_PENALTY && k->items[at].flagged;
        *nn = (kp_node){at, cur->line + 1, 1, flagged ? cur->hyph_run + 1 : 0, tw, tst, tsh, 0,
                        cur, NULL};
        cur = nn;
        have_legal = have_plain = false;
    }
    return cur;
}

/* ---- building the paragraph --------------------------------------------- */
static bool load_text(para *p, dw_diag *d)
{
    /* at most a code point per byte, and LRI + PDI around an isolate;
     * in right-to-left text LRI LRO … PDF PDI around each digit group
     * (at least two bytes: at most two more code points per byte)       */
    size_t cap = 1;
    for (size_t si = 0; si < p->spec->n_spans; si++)
        cap += (p->spec->rtl ? 3 : 1) * strlen(p->spec->spans[si].text) + 4;
    p->cp = dw_tmp(p->sh, cap, sizeof *p->cp);
    p->span = dw_tmp(p->sh, cap, sizeof *p->span);
    p->glued = dw_tmp_zero(p->sh, cap, 1);
    p->n = 0;
    for (size_t si = 0; si < p->spec->n_spans; si++) {
        const dw_tspan *sp = &p->spec->spans[si];
        size_t len = strlen(sp->text), i = 0, start = p->n;
        while (i < len) {
            int32_t c = dw_utf8_next(sp->text, len, &i);
            if (c < 0) {
                dw_error(d, p->spec->loc, "invalid UTF-8 in text");
                return false;
            }
            if (c == '\t' || c == '\r')
                c = ' ';
            p->cp[p->n] = (uint32_t)c;
            p->span[p->n++] = (int)si;
        }
        /* UAX #9 X5a–X6a: LRI … PDI keeps "04471 15-0" in its order; in
         * right-to-left text digit groups are found and isolated (a range
         * as two groups, numbers.c), in marked-up isolates only a range */
        dw_ltr_group g[64];
        size_t ng = 0, n = p->n - start;
        if (p->spec->rtl) {
            ng = dw_ltr_groups(p->cp + start, n, g, 64);
            if (sp->ltr_isolate && !(ng == 2 && g[0].start == 0 && g[1].end == n))
                ng = 0; /* not a range: the isolate as a whole */
        }
        if (sp->ltr_isolate && ng == 0) {
            g[0] = (dw_ltr_group){0, n};
            ng = 1;
        }
        if (ng == 0)
            continue;
        /* move the span's text to make room for LRI and PDI around each group */
        uint32_t *text = dw_tmp(p->sh, n + 1, sizeof *text);
        memcpy(text, p->cp + start, n * sizeof *text);
        p->n = start;
        size_t from = 0;
        for (size_t k = 0; k <= ng; k++) {
            size_t upto = k < ng ? g[k].start : n;
            for (; from < upto; from++) {
                p->cp[p->n] = text[from];
                p->span[p->n++] = (int)si;
            }
            if (k == ng)
                break;
            /* A digit group is also overridden left-to-right (LRO … PDF
             * inside the isolate): Arabic-Indic digits are class AN, and
             * the separators between AN resolve right-to-left (UAX #9 N1)
             * even in a left-to-right isolate.  An isolate from markup
             * (words too, e.g. an address) is only isolated.            */
            bool found = !(sp->ltr_isolate && ng == 1);
            bool glue = !sp->ltr_isolate; /* found here: no line break inside */
            uint32_t open[2] = {DW_LRI, DW_LRO}, close[2] = {DW_PDF, DW_PDI};
            for (int q = found ? 0 : 1; q < 2; q++) {
                p->glued[p->n] = glue;
                p->cp[p->n] = found ? open[q] : DW_LRI;
                p->span[p->n++] = (int)si;
            }
            for (; from < g[k].end; from++) {
                p->glued[p->n] = glue;
                p->cp[p->n] = text[from];
                p->span[p->n++] = (int)si;
            }
            for (int q = found ? 0 : 1; q < 2; q++) {
                p->glued[p->n] = glue;
                p->cp[p->n] = found ? close[q] : DW_PDI;
                p->span[p->n++] = (int)si;
            }
        }
    }
    p->cp[p->n] = 0;
    p->span[p->n] = 0;
    return true;
}

static double du_pt(const dw_face *f, double size, double du)
{
    return du * size / f->upem;
}

/* Per code point: the advance of the glyphs whose cluster starts there. */
static double *measure(dw_shaper *s, para *p)
{
    double *w = dw_tmp_zero(p->sh, p->n + 1, sizeof *w);
    item *items;
    size_t n = dw_shape_items(s, p, 0, p->n, &items);
    p->items = items;
    p->n_items = n;
    for (size_t k = 0; k < n; k++)
        for (unsigned g = 0; g < items[k].n_glyphs; g++)
            w[items[k].info[g].cluster] +=
                du_pt(items[k].face, p->spec->size_pt, items[k].pos[g].x_advance);
    return w;
}

static double hyphen_width(para *p, size_t at)
{
    const dw_face *f = p->face[at];
    hb_codepoint_t g;
    if (!f || !hb_font_get_nominal_glyph(f->hb_font, '-', &g))
        return 0;
    return du_pt(f, p->spec->size_pt, hb_font_get_glyph_h_advance(f->hb_font, g));
}

static void build_items(para *p, const double *w, kp *k)
{
    /* at most three items per code point (a space, or a forced break),
     * and three at the end                                              */
    k->sh = p->sh;
    k->cap = 3 * p->n + 3;
    k->items = dw_tmp(p->sh, k->cap, sizeof *k->items);
    k->n = 0;
    size_t i = 0;
    double box = 0;
    size_t box_start = 0;
    while (i < p->n) {
        uint32_t c = p->cp[i];
        if (c == ' ') {
            if (box > 0 || i > box_start)
                kp_push(k, (kp_item){KP_BOX, box, 0, 0, 0, false, box_start, i});
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
        box += w[i];
        bool last = i + 1 == p->n;
        if (!last && (p->brk[i] == LINEBREAK_MUSTBREAK)) {
            kp_push(k, (kp_item){KP_BOX, box, 0, 0, 0, false, box_start, i});
            kp_push(k, (kp_item){KP_GLUE, 0, KP_FIL, 0, 0, false, i, i});
            kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, -KP_INF, false, i, i + 1});
            box = 0;
            box_start = ++i;
            continue;
        }
        if (!last && p->brk[i] == LINEBREAK_ALLOWBREAK && p->cp[i + 1] != ' ') {
            kp_push(k, (kp_item){KP_BOX, box, 0, 0, 0, false, box_start, i + 1});
            bool hy = c == '-' || c == 0x2010;
            kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, hy ? KP_HYPHEN_PENALTY : 100,
                                       hy, i + 1, i + 1});
            box = 0;
            box_start = i + 1;
        } else if (!last && p->hyph[i]) {
            kp_push(k, (kp_item){KP_BOX, box, 0, 0, 0, false, box_start, i + 1});
            kp_push(k, (kp_item){KP_PENALTY, hyphen_width(p, i), 0, 0,
                                       KP_HYPHEN_PENALTY, true, i + 1, i + 1});
            box = 0;
            box_start = i + 1;
        }
        i++;
    }
    if (i > box_start)
        kp_push(k, (kp_item){KP_BOX, box, 0, 0, 0, false, box_start, i});
    /* the paragraph ends with \parfillskip and a forced break */
    kp_push(k, (kp_item){KP_GLUE, 0, KP_FIL, 0, 0, false, p->n, p->n});
    kp_push(k, (kp_item){KP_PENALTY, 0, 0, 0, -KP_INF, false, p->n, p->n});
    k->sw = dw_tmp(p->sh, k->n + 1, sizeof(double));
    k->sst = dw_tmp(p->sh, k->n + 1, sizeof(double));
    k->ssh = dw_tmp(p->sh, k->n + 1, sizeof(double));
    k->sw[0] = k->sst[0] = k->ssh[0] = 0;
    for (size_t j = 0; j < k->n; j++) {
        const kp_item *it = &k->items[j];
        bool counts = it->type != KP_PENALTY;
        k->sw[j + 1] = k->sw[j] + (counts ? it->w : 0);
        k->sst[j + 1] = k->sst[j] + (it->type == KP_GLUE ? it->st : 0);
        k->ssh[j + 1] = k->ssh[j] + (it->type == KP_GLUE ? it->sh : 0);
    }
}

/* Shape the hyphen added at a hyphenated line end as an item of its own. */
static item hyphen_item(dw_shaper *s, para *p, size_t at)
{
    item it = {.start = at, .end = at, .level = p->level[at - 1],
               .face = p->face[at - 1], .span = p->span[at - 1]};
    hb_buffer_t *b = s->buf;
    hb_buffer_clear_contents(b);
    uint32_t h = '-';
    hb_buffer_add_utf32(b, &h, 1, 0, 1);
    hb_buffer_set_direction(b, (it.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(b, p->script[at - 1]);
    hb_buffer_set_language(b, p->hb_lang);
    hb_shape(it.face->hb_font, b, NULL, 0);
    unsigned ng;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &ng);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, NULL);
    it.n_glyphs = ng;
    it.info = dw_tmp(s, ng + 1, sizeof *info);
    it.pos = dw_tmp(s, ng + 1, sizeof *pos);
    memcpy(it.info, info, ng * sizeof *info);
    memcpy(it.pos, pos, ng * sizeof *pos);
    return it;
}

static void fill_run(para *p, const item *it, bool soft, dw_run *r)
{
    const double size = p->spec->size_pt;
    r->face = it->face;
    r->size_pt = size;
    r->rtl = it->level & 1;
    r->href = p->spec->spans[it->span].href;
    r->tag = p->spec->spans[it->span].tag;
    r->lang = p->spec->spans[it->span].lang;
    r->soft_hyphen = soft;
    r->n_glyphs = it->n_glyphs;
    r->glyphs = dw_alloc_array(p->a, it->n_glyphs + 1, sizeof *r->glyphs);
    if (soft) {
        /* the added hyphen is not in the source: it reads as U+00AD SOFT
         * HYPHEN, which text extraction drops when it joins the word    */
        r->n_chars = 1;
        r->chars = dw_alloc(p->a, sizeof(uint32_t));
        r->chars[0] = 0x00AD;
    } else {
        r->n_chars = it->end - it->start;
        r->chars = dw_alloc_array(p->a, r->n_chars + 1, sizeof(uint32_t));
        memcpy(r->chars, p->cp + it->start, r->n_chars * sizeof(uint32_t));
    }
    size_t base = soft ? 0 : it->start;
    const unsigned n = it->n_glyphs;
    uint32_t cap = soft ? 1 : (uint32_t)it->end;
    /* Which way the cluster values run: up (left-to-right item), down
     * (right-to-left) or both (one cluster, or the added hyphen).       */
    bool up = true, down = true;
    for (unsigned g = 0; !soft && g + 1 < n; g++) {
        up &= it->info[g].cluster <= it->info[g + 1].cluster;
        down &= it->info[g].cluster >= it->info[g + 1].cluster;
    }
    double w = 0;
    for (unsigned g = 0; g < n; g++) {
        uint32_t c = soft ? 0 : it->info[g].cluster;
        /* the cluster's characters: up to the next larger cluster value */
        uint32_t next = cap;
        unsigned count = 0;
        bool first = true;
        if (soft || up || down) {
            /* monotone clusters (HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS):
             * a cluster's glyphs are adjacent, and the next larger value is
             * that of the next group up or down the glyph string        */
            unsigned g0 = g, g1 = g + 1;
            while (g0 > 0 && (soft || it->info[g0 - 1].cluster == c))
                g0--;
            while (g1 < n && (soft || it->info[g1].cluster == c))
                g1++;
            count = g1 - g0;
            first = g0 == g;
            uint32_t larger = cap;
            if (!soft && up && g1 < n)
                larger = it->info[g1].cluster;
            else if (!soft && !up && g0 > 0)
                larger = it->info[g0 - 1].cluster;
            if (larger > c && larger < next)
                next = larger;
        } else {
            for (unsigned h = 0; h < n; h++) {
                uint32_t ch = it->info[h].cluster;
                if (ch > c && ch < next)
                    next = ch;
                if (ch == c) {
                    count++;
                    if (h < g)
                        first = false;
                }
            }
        }
        dw_glyph *gl = &r->glyphs[g];
        gl->gid = it->info[g].codepoint;
        gl->x_advance_du = it->pos[g].x_advance;
        gl->x_offset_du = it->pos[g].x_offset;
        gl->y_offset_du = it->pos[g].y_offset;
        gl->text_off = (uint32_t)(c - base);
        gl->text_len = first ? (uint16_t)(next - c) : 0;
        gl->cluster_glyphs = (uint16_t)count;
        w += du_pt(it->face, size, gl->x_advance_du);
    }
    r->width_pt = w;
}

/* May the paragraph's shaping of item `it` be cut before code point x?
 * Only where a cluster starts at x and HarfBuzz did not flag it unsafe
 * to break (a ligature, kerning or contextual form across x): there
 * shaping the line on its own gives exactly the same glyphs.  One pass
 * answers for both ends of the line's slice [a, b) and finds the slice's
 * glyphs [*g0, *g1) (contiguous, as clusters are monotone).            */
static void slice_of(const item *it, size_t a, size_t b, bool *safe_a, bool *safe_b,
                     unsigned *g0, unsigned *g1)
{
    bool starts_a = false, starts_b = false, unsafe_a = false, unsafe_b = false;
    *g0 = it->n_glyphs, *g1 = 0;
    for (unsigned g = 0; g < it->n_glyphs; g++) {
        uint32_t c = it->info[g].cluster;
        if (c == a || c == b) {
            bool unsafe =
                hb_glyph_info_get_glyph_flags(&it->info[g]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK;
            if (c == a)
                starts_a = true, unsafe_a |= unsafe;
            else
                starts_b = true, unsafe_b |= unsafe;
        }
        if (c >= a && c < b) {
            *g0 = g < *g0 ? g : *g0;
            *g1 = g + 1;
        }
    }
    *safe_a = starts_a && !unsafe_a;
    *safe_b = starts_b && !unsafe_b;
}

/* The items of the line [start, end): slices of the paragraph's items
 * where the cuts are safe, shaped again where they are not (hyphenation
 * points inside a ligature, Arabic joining across a break).            */
static size_t line_items(dw_shaper *s, para *p, size_t start, size_t end, item **out)
{
    size_t n = 0, cap = p->n_items + 1;
    item *v = dw_tmp(s, cap, sizeof *v);
    for (size_t k = 0; k < p->n_items; k++) {
        const item *it = &p->items[k];
        size_t a = it->start > start ? it->start : start, b = it->end < end ? it->end : end;
        if (a >= b)
            continue;
        bool safe_a, safe_b;
        unsigned g0, g1;
        slice_of(it, a, b, &safe_a, &safe_b, &g0, &g1);
        if ((a > it->start && !safe_a) || (b < it->end && !safe_b)) {
            item *again;
            size_t m = dw_shape_items(s, p, a, b, &again);
            for (size_t q = 0; q < m; q++) {
                v = dw_arena_grow(s->tmp, v, n, &cap, sizeof *v, 8);
                v[n++] = again[q];
            }
            continue;
        }
        item slice = *it;
        slice.start = a, slice.end = b;
        slice.info = it->info + (g0 < g1 ? g0 : 0);
        slice.pos = it->pos + (g0 < g1 ? g0 : 0);
        slice.n_glyphs = g0 < g1 ? g1 - g0 : 0;
        v = dw_arena_grow(s->tmp, v, n, &cap, sizeof *v, 8);
        v[n++] = slice;
    }
    *out = v;
    return n;
}

/* Letter-spacing a justified line may add after a cluster, in em. */
#define LETTER_SPACE_MAX 0.03

/* Whether glyph g of run i ends a cluster that may take letter-spacing:
 * a left-to-right run, not the line's last glyph, not a space.        */
static bool letter_gap(const dw_line *line, size_t i, size_t g)
{
    const dw_run *r = &line->runs[i];
    if (r->rtl || (i + 1 == line->n_runs && g + 1 == r->n_glyphs))
        return false;
    if (g + 1 < r->n_glyphs && r->glyphs[g + 1].text_len == 0)
        return false; /* a mark or ligature part follows in the cluster */
    size_t k = g; /* the glyph carrying the cluster's text */
    while (k > 0 && r->glyphs[k].text_len == 0)
        k--;
    return !(r->glyphs[k].text_len && r->chars[r->glyphs[k].text_off] == ' ');
}

static void build_line(dw_shaper *s, para *p, size_t start, size_t end, bool hyph,
                       bool last, double measure_pt, double indent, dw_line *line)
{
    const dw_para_spec *sp = p->spec;
    /* UAX #9 L1: white space at the end of a line takes the paragraph
     * level; it is not drawn at all, so simply drop it.                 */
    while (end > start && (p->cp[end - 1] == ' ' || is_isolate_ctl(p->cp[end - 1]) ||
                           p->cp[end - 1] == '\n' || p->cp[end - 1] == 0x2028))
        end--;
    while (start < end && p->cp[start] == ' ')
        start++;
    item *items;
    size_t n = end <= start ? 0
               : sp->reshape_lines ? dw_shape_items(s, p, start, end, &items)
                                   : line_items(s, p, start, end, &items);
    if (n == 0)
        items = NULL;
    size_t n_all = n + (hyph && end > start ? 1 : 0);
    item *all = dw_tmp(s, n_all + 1, sizeof *all);
    if (n)
        memcpy(all, items, n * sizeof *items);
    if (n_all > n) {
        all[n] = hyphen_item(s, p, end);
        all[n].soft = true;
    }
    dw_bidi_reorder(all, n_all, sp->rtl ? 1 : 0);

    line->runs = dw_alloc_array(p->a, n_all + 1, sizeof *line->runs);
    line->n_runs = n_all;
    double x = 0;
    int spaces = 0;
    for (size_t i = 0; i < n_all; i++) {
        dw_run *r = &line->runs[i];
        fill_run(p, &all[i], all[i].soft, r);
        r->x_pt = x;
        x += r->width_pt;
        for (size_t g = 0; g < r->n_glyphs; g++)
            if (r->glyphs[g].text_len && r->chars[r->glyphs[g].text_off] == ' ')
                spaces++;
        const dw_face *f = r->face;
        double asc = du_pt(f, r->size_pt, f->ascender), desc = du_pt(f, r->size_pt, -f->descender);
        if (asc > line->ascent_pt)
            line->ascent_pt = asc;
        if (desc > line->descent_pt)
            line->descent_pt = desc;
    }
    double avail = measure_pt - indent;
    /* justify: widen (or, as the breaker allowed, narrow) the spaces */
    if (sp->align == DW_ALIGN_JUSTIFY && spaces > 0 && (!last || x > avail)) {
        /* Before spaces open wider than twice their width (the spec's
         * space_open_max), the letters take a little of the gap (at most
         * LETTER_SPACE_MAX em, or the spec's letter_space_em, after each
         * cluster but the line's last); not in right-to-left runs,
         * whose joining letters must not be pulled apart.              */
        double space_pt = 0;
        int letters = 0;
        for (size_t i = 0; i < n_all; i++) {
            const dw_run *r = &line->runs[i];
            for (size_t g = 0; g < r->n_glyphs; g++) {
                if (r->glyphs[g].text_len && r->chars[r->glyphs[g].text_off] == ' ')
                    space_pt += du_pt(r->face, r->size_pt, r->glyphs[g].x_advance_du);
                else
                    letters += letter_gap(line, i, g);
            }
        }
        double gap = avail - x, ls = 0;
        double open = (sp->space_open_max > 1 ? sp->space_open_max : 2) - 1;
        if (gap > open * space_pt && letters > 0)
            ls = fmin((sp->letter_space_em > 0 ? sp->letter_space_em : LETTER_SPACE_MAX) *
                          sp->size_pt, (gap - open * space_pt) / letters);
        double extra = (gap - ls * letters) / spaces;
        double shift = 0;
        for (size_t i = 0; i < n_all; i++) {
            dw_run *r = &line->runs[i];
            r->x_pt += shift;
            for (size_t g = 0; g < r->n_glyphs; g++) {
                double e = r->glyphs[g].text_len && r->chars[r->glyphs[g].text_off] == ' ' ? extra
                           : letter_gap(line, i, g)                                      ? ls
                                                                                         : 0;
                r->glyphs[g].extra_pt = e;
                r->width_pt += e;
                shift += e;
            }
        }
        x = avail;
    }
    line->width_pt = x;
    enum dw_align al = sp->align == DW_ALIGN_JUSTIFY ? DW_ALIGN_START : sp->align;
    double slack = avail - x;
    if (al == DW_ALIGN_CENTER)
        line->x_pt = slack / 2;
    else if ((al == DW_ALIGN_START) != sp->rtl)
        line->x_pt = 0;
    else
        line->x_pt = slack;
    if (!sp->rtl)
        line->x_pt += indent;
    line->hyphenated = n_all > n;
    char *text = dw_tmp(s, 4 * (end > start ? end - start : 0) + 3, 1);
    size_t len = 0;
    for (size_t i = start; i < end; i++)
        if (!is_isolate_ctl(p->cp[i]))
            len += (size_t)dw_utf8_put(text + len, p->cp[i]);
    if (line->hyphenated) { /* the added hyphen reads as U+00AD, as its glyph does */
        text[len++] = '\xC2';
        text[len++] = '\xAD';
    }
    line->text = dw_strndup(p->a, text, len);
    if (line->ascent_pt == 0) { /* empty line: use the first chain face */
        const dw_face *f = p->chains[0][0];
        if (f) {
            line->ascent_pt = du_pt(f, sp->size_pt, f->ascender);
            line->descent_pt = du_pt(f, sp->size_pt, -f->descender);
        }
    }
}

bool dw_text_para(dw_shaper *s, const dw_para_spec *spec, dw_arena *a, dw_para *out,
                  dw_diag *d)
{
    para pp = {.sh = s, .spec = spec, .a = a};
    para *p = &pp;
    memset(out, 0, sizeof *out);
    /* The stated limit on one paragraph: time and memory grow faster
     * than the length beyond it (a 5 MB paragraph took 297 s and
     * 1.27 GB); 64 KB, about 25 pages of body text, sets in ~1 s.      */
    size_t bytes = 0;
    for (size_t i = 0; i < spec->n_spans; i++)
        bytes += spec->spans[i].text ? strlen(spec->spans[i].text) : 0;
    if (bytes > DW_PARA_MAX_BYTES) {
        dw_error(d, spec->loc, "this paragraph has %zu KB of text; druckwerk sets at most %u KB "
                 "in one paragraph (about 25 pages): split it into shorter paragraphs",
                 bytes >> 10, DW_PARA_MAX_BYTES >> 10);
        return false;
    }
    dw_tmp_reset(s);
    if (!load_text(p, d))
        return false;
    p->hb_lang = hb_language_from_string(spec->lang ? spec->lang : "und", -1);
    dw_shape_chains(p);
    if (p->n == 0) {
        out->n_lines = 0;
        return true;
    }
    if (!dw_bidi_levels(p, d) || !dw_shape_fonts(p, d))
        return false;
    dw_breaks_find(s, p);
    double *w = measure(s, p);
    kp k = {0};
    build_items(p, w, &k);
    double width = spec->width_pt, first = spec->width_pt - spec->indent_pt;
    double ragged = spec->align == DW_ALIGN_JUSTIFY ? 0 : 3 * spec->size_pt;
    kp_node *best = kp_run(&k, width, first, 2, ragged);
    if (!best)
        best = kp_run(&k, width, first, 10, ragged);
    if (!best) /* any underfull line rather than first-fit (a list of long words) */
        best = kp_run(&k, width, first, KP_INF, ragged);
    if (!best)
        best = kp_greedy(&k, width, first);
    size_t nl = 0;
    for (kp_node *n = best; n && n->prev; n = n->prev)
        nl++;
    kp_node **chain = dw_tmp(s, nl + 1, sizeof *chain);
    size_t i = nl;
    for (kp_node *n = best; n && n->prev; n = n->prev)
        chain[--i] = n;
    out->lines = dw_alloc_array(a, nl + 1, sizeof *out->lines);
    out->n_lines = nl;
    out->demerits = best ? best->demerits : 0;
    size_t start = 0;
    for (size_t l = 0; l < nl; l++) {
        const kp_item *it = &k.items[chain[l]->at];
        size_t end = it->pos;
        bool hyph = it->type == KP_PENALTY && it->flagged && it->w > 0;
        /* a break before the paragraph's closing isolate or white space
         * would leave an empty last line: this line is the last (set
         * ragged), and the empty one is dropped below                    */
        size_t rest = end;
        while (rest < p->n && (p->cp[rest] == ' ' || is_isolate_ctl(p->cp[rest]) ||
                               p->cp[rest] == '\n' || p->cp[rest] == 0x2028))
            rest++;
        build_line(s, p, start, end, hyph, l + 1 == nl || rest == p->n, width,
                   l == 0 ? spec->indent_pt : 0, &out->lines[l]);
        if (out->lines[l].width_pt > (l == 0 ? first : width) + 0.5)
            dw_warn(d, spec->loc, "%s%sline is %.1f pt too wide: \"%s\"", spec->what ? spec->what : "",
                    spec->what ? ": " : "", out->lines[l].width_pt - (l == 0 ? first : width),
                    out->lines[l].text);
        /* the next line starts after the glue or penalty broken at */
        start = it->end;
    }
    while (out->n_lines > 1 && out->lines[out->n_lines - 1].n_runs == 0)
        out->n_lines--;
    return true;
}

int dw_text_coverage(dw_shaper *s, const char *text, const char *script, dw_loc loc,
                     const char *what, dw_diag *d)
{
    dw_arena *a = dw_arena_new();
    dw_tspan span = {.text = text};
    dw_para_spec spec = {.spans = &span, .n_spans = 1, .script = script, .loc = loc,
                         .what = what, .size_pt = 10, .width_pt = 1e6};
    para pp = {.sh = s, .spec = &spec, .a = a};
    int before = d->errors;
    dw_tmp_reset(s);
    if (load_text(&pp, d)) {
        dw_shape_chains(&pp);
        dw_shape_fonts(&pp, d);
    }
    dw_arena_free(a);
    return d->errors - before;
}
