/*
 * para.c — one paragraph from spans to lines (the shaper it uses, with
 * its working memory, is made in shape.c).
 *
 * The paragraph is shaped once to measure it; break points are chosen by
 * the total-fit algorithm of Knuth & Plass over those widths (kp.c), and
 * each chosen line is made from the paragraph's glyphs, reordered and
 * justified (line.c).  dw_text_coverage: which characters no font serves.
 */
#include "text_int.h"

#include <linebreak.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- building the paragraph --------------------------------------------- */
static bool load_text(para *p, dw_diag *d)
{
    p->own_script = hb_script_from_string(p->spec->script ? p->spec->script : "Latn", -1);
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
                du_pt(items[k].face, items[k].size_pt, items[k].pos[g].x_advance);
    return w;
}

bool dw_text_para(dw_shaper *s, const dw_para_spec *spec, dw_arena *a, dw_para *out,
                  dw_diag *d)
{
    para pp = {.sh = s, .spec = spec, .a = a};
    para *p = &pp;
    memset(out, 0, sizeof *out);
    /* The stated limit on one paragraph (text.h): memory grows with
     * the length, ~190 bytes per byte; 5 MB set in ~15 s and 0.93 GiB.  */
    size_t bytes = 0;
    for (size_t i = 0; i < spec->n_spans; i++)
        bytes += spec->spans[i].text ? strlen(spec->spans[i].text) : 0;
    if (bytes > DW_PARA_MAX_BYTES) {
        dw_error(d, spec->loc, "this paragraph has %zu KB of text; druckwerk sets at most %u KB "
                 "in one paragraph: split it into shorter paragraphs",
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
    dw_hyph_keep_phrases(s, p);
    double *w = measure(s, p);
    dw_kashida_points(p);
    kp k = {0};
    dw_kp_items(p, w, &k);
    k.short_last = DW_SHORT_LAST_EM * spec->size_pt;
    double width = spec->width_pt, first = spec->width_pt - spec->indent_pt;
    double ragged = spec->align == DW_ALIGN_JUSTIFY ? 0 : 3 * spec->size_pt;
    size_t nl = 0, *breaks;
    if (k.n > 2 * KP_WINDOW) {
        nl = dw_kp_windows(&k, width, first, ragged, &breaks, &out->demerits);
    } else {
        kp_node *best = dw_kp_run(&k, width, first, 2, ragged);
        /* no feasible breaks with the spaces alone: the kashidas of an
         * Arabic-script paragraph stretch too (kashida.c).  Only then, so
         * that a paragraph that sets well keeps its breaks              */
        if (!best && p->kashida && !ragged) {
            k = (kp){.kashida = true};
            dw_kp_items(p, w, &k);
            k.short_last = DW_SHORT_LAST_EM * spec->size_pt;
            best = dw_kp_run(&k, width, first, 2, ragged);
        }
        /* a stray last line the looser pass may avoid: its breaks include
         * these, so its best has at most these demerits                 */
        if (!best || (best->prev && k.sw[k.n - 1] - best->prev->tw < k.short_last))
            best = dw_kp_run(&k, width, first, 10, ragged);
        if (!best) /* any underfull line rather than first-fit (a list of long words) */
            best = dw_kp_run(&k, width, first, KP_INF, ragged);
        if (!best)
            best = dw_kp_greedy(&k, width, first);
        for (kp_node *n = best; n && n->prev; n = n->prev)
            nl++;
        breaks = dw_tmp(s, nl + 1, sizeof *breaks);
        size_t i = nl;
        for (kp_node *n = best; n && n->prev; n = n->prev)
            breaks[--i] = n->at;
        out->demerits = best ? best->demerits : 0;
    }
    out->lines = dw_alloc_array(a, nl + 1, sizeof *out->lines);
    out->n_lines = nl;
    size_t start = 0;
    for (size_t l = 0; l < nl; l++) {
        const kp_item *it = &k.items[breaks[l]];
        size_t end = it->pos;
        bool hyph = it->type == KP_PENALTY && it->flagged && it->w > 0;
        /* a break before the paragraph's closing isolate or white space
         * would leave an empty last line: this line is the last (set
         * ragged), and the empty one is dropped below                    */
        size_t rest = end;
        while (rest < p->n && (p->cp[rest] == ' ' || is_isolate_ctl(p->cp[rest]) ||
                               p->cp[rest] == '\n' || p->cp[rest] == 0x2028))
            rest++;
        dw_line_build(s, p, start, end, hyph, l + 1 == nl || rest == p->n, width,
                   l == 0 ? spec->indent_pt : 0, &out->lines[l]);
        if (out->lines[l].width_pt > (l == 0 ? first : width) + 0.5)
            dw_warn(d, spec->loc, "%s%sline is %.1f pt too wide: \"%s\"", spec->what ? spec->what : "",
                    spec->what ? ": " : "", out->lines[l].width_pt - (l == 0 ? first : width),
                    out->lines[l].text);
        out->lines[l].joins_next = it->type == KP_PENALTY && !hyph && it->pen > -KP_INF;
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
