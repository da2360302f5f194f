/*
 * line.c — one chosen line of a paragraph: its items (the paragraph's
 * glyphs reused where HarfBuzz says a cut is safe, shaped again where it
 * is not: a ligature or kerning pair at a hyphenation point, Arabic
 * joining across the break), reordered for display (UAX #9 L1–L2) and
 * justified by widening its spaces.
 */
#include "text_int.h"

#include <math.h>
#include <string.h>

/* Shape the hyphen added at a hyphenated line end as an item of its own. */
static item hyphen_item(dw_shaper *s, para *p, size_t at)
{
    item it = {.start = at, .end = at, .level = p->level[at - 1],
               .face = p->face[at - 1], .span = p->span[at - 1],
               .size_pt = dw_shape_size_at(p, at - 1)};
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
    const double size = it->size_pt;
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
/* The first glyph whose cluster is at or past x in the item's order
 * (rising: cluster >= x; falling: cluster <= x): a binary search, so
 * that a line of a long paragraph costs its own length, not the item's. */
static unsigned first_past(const item *it, uint64_t x)
{
    unsigned lo = 0, hi = it->n_glyphs;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        uint64_t c = it->info[mid].cluster;
        if (it->order > 0 ? c < x : c > x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether glyphs of cluster x start at g, and whether any is unsafe to break. */
static bool cluster_at(const item *it, unsigned g, size_t x, bool *unsafe)
{
    bool found = false;
    *unsafe = false;
    for (; g < it->n_glyphs && it->info[g].cluster == x; g++) {
        found = true;
        *unsafe |= (hb_glyph_info_get_glyph_flags(&it->info[g]) &
                    HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
    }
    return found;
}

static void slice_of(const item *it, size_t a, size_t b, bool *safe_a, bool *safe_b,
                     unsigned *g0, unsigned *g1)
{
    bool starts_a = false, starts_b = false, unsafe_a = false, unsafe_b = false;
    if (it->order != 0) { /* monotone clusters: the same answer by binary search */
        unsigned lo = it->order > 0 ? first_past(it, a) : (b > 0 ? first_past(it, b - 1) : it->n_glyphs);
        unsigned hi = it->order > 0 ? first_past(it, b) : (a > 0 ? first_past(it, a - 1) : it->n_glyphs);
        *g0 = lo < hi ? lo : it->n_glyphs;
        *g1 = lo < hi ? hi : 0;
        starts_a = cluster_at(it, first_past(it, a), a, &unsafe_a);
        starts_b = cluster_at(it, first_past(it, b), b, &unsafe_b);
        *safe_a = starts_a && !unsafe_a;
        *safe_b = starts_b && !unsafe_b;
        return;
    }
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
    size_t n = 0, cap = 8;
    item *v = dw_tmp(s, cap, sizeof *v);
    /* the first item that ends after start (items are in logical order) */
    size_t lo = 0, hi = p->n_items;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->items[mid].end <= start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < p->n_items && p->items[k].start < end; k++) {
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

/* How wide the spaces of a justified Arabic-script line open (times
 * their width) before its words take kashidas: TeX's "decent" lines
 * (adjustment ratio 0.5, a space stretching by half its width).       */
#define KASHIDA_SPACES_FIRST 1.25

/* Letter-spacing a justified line may add after a cluster, in em. */
#define LETTER_SPACE_MAX 0.02

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
    return !dw_glyph_is_space(r, &r->glyphs[k]);
}

void dw_line_build(dw_shaper *s, para *p, size_t start, size_t end, bool hyph,
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
            if (dw_glyph_is_space(r, &r->glyphs[g]))
                spaces++;
        const dw_face *f = r->face;
        double asc = du_pt(f, r->size_pt, f->ascender), desc = du_pt(f, r->size_pt, -f->descender);
        if (asc > line->ascent_pt)
            line->ascent_pt = asc;
        if (desc > line->descent_pt)
            line->descent_pt = desc;
    }
    double avail = measure_pt - indent;
    /* Arabic script: once the spaces are KASHIDA_SPACES_FIRST times their
     * width, the joins of its words lengthen (kashida.c); the spaces
     * take what is left.  A line that justifies well with its spaces
     * alone gets no kashida.                                           */
    double space_nat = 0;
    for (size_t i = 0; p->kashida && i < n_all; i++) {
        const dw_run *r = &line->runs[i];
        for (size_t g = 0; g < r->n_glyphs; g++)
            if (dw_glyph_is_space(r, &r->glyphs[g]))
                space_nat += du_pt(r->face, r->size_pt, r->glyphs[g].x_advance_du);
    }
    double kashida_gap = avail - x - (KASHIDA_SPACES_FIRST - 1) * space_nat;
    if (sp->align == DW_ALIGN_JUSTIFY && !last && p->kashida && kashida_gap > 0 &&
        dw_kashida_line(s, p, all, line, kashida_gap) > 0) {
        x = 0;
        for (size_t i = 0; i < n_all; i++) {
            line->runs[i].x_pt = x;
            x += line->runs[i].width_pt;
        }
    }
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
                if (dw_glyph_is_space(r, &r->glyphs[g]))
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
        /* too long for spaces closed by a third (the breaker's shrink):
         * the letters give up the rest, up to letter_shrink_em each    */
        else if (-gap > space_pt / 3 && letters > 0 && sp->letter_shrink_em > 0)
            ls = -fmin(sp->letter_shrink_em * sp->size_pt, (-gap - space_pt / 3) / letters);
        double extra = (gap - ls * letters) / spaces;
        double shift = 0;
        for (size_t i = 0; i < n_all; i++) {
            dw_run *r = &line->runs[i];
            r->x_pt += shift;
            for (size_t g = 0; g < r->n_glyphs; g++) {
                if (r->glyphs[g].kashida)
                    continue; /* in the run's width and position already */
                double e = dw_glyph_is_space(r, &r->glyphs[g]) ? extra
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

double dw_line_space_ratio(const dw_line *l)
{
    double worst = 0;
    for (size_t r = 0; r < l->n_runs; r++) {
        const dw_run *run = &l->runs[r];
        if (!run->face || run->face->upem <= 0)
            continue;
        for (size_t g = 0; g < run->n_glyphs; g++) {
            const dw_glyph *gl = &run->glyphs[g];
            if (gl->extra_pt <= 0 || !dw_glyph_is_space(run, gl) || gl->x_advance_du <= 0)
                continue;
            double nat = gl->x_advance_du * run->size_pt / run->face->upem;
            worst = fmax(worst, (nat + gl->extra_pt) / nat);
        }
    }
    return worst;
}
