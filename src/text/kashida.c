/*
 * kashida.c — justification of Arabic-script lines by kashida: a justified
 * Arabic or Persian line whose spaces would open wider than
 * KASHIDA_SPACES_FIRST (line.c) lengthens the join between two letters
 * of some of its words before its spaces open further, as Word, InDesign
 * ME, LibreOffice and CSS `text-justify: kashida` do.
 *
 * Where: at most one point per word, among the joins HarfBuzz flags
 * HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL (the buffer is shaped with
 * HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL, shape.c): there a
 * U+0640 TATWEEL between the two letters would shape to the same glyphs
 * plus the tatweel.  Of those the traditional priorities choose (the
 * order of the rules Microsoft made for Internet Explorer 5.5, which
 * LibreOffice follows in i18nutil/source/utility/kashida.cxx, after
 * khtt.net's "The big kashida secret"), kept simple:
 *   6  after a letter of the seen and sad families (ســـم)
 *   5  before a final teh marbuta, heh, hah family or dal
 *   4  before a final alef, tah, lam, kaf or gaf
 *   3  before a medial beh-like letter followed by reh or yeh
 *   2  before a final waw, ain, qaf or feh
 *   1  any other safe join
 * the last point of the highest class in the word.  Never in a span of
 * another language (a German name in brackets), never in a word with a
 * ZWNJ or ZWJ, a mark or a ligature (lam-alef): any glyph without
 * advance, see below.
 *
 * How: the letter's glyph gets the kashida as extra_pt after it (in
 * visual order: the join to its right) with `kashida` set, and the PDF
 * stage (src/pdf/draw.c) fills the gap with the font's tatweel stroke,
 * a rectangle at the height of the joins, drawn as a path: the kashida
 * is not text, so no reader ever sees a U+0640 or any other character
 * for it.  A tatweel glyph in the text could not do that: poppler keeps
 * every character a glyph maps to (a format character too) unless it
 * is inside /ActualText, and pdf.js splits a line's text at every
 * /ActualText (marked content) and then reads its pieces out of order.
 * Readers see the kashida as a gap between two letters, and poppler and
 * pdf.js read a gap of 0.1 em as a word space: KASHIDA_MAX_EM keeps it
 * under that, and words with glyphs without advance, which poppler
 * cuts into pieces that only a gap-free line puts back together, get
 * none (tests/t_kashida.sh reads every ar and fa PDF with all three).
 * Each point takes its most before the next takes any, best class
 * first: the gap goes to as few words as it needs.
 */
#include "text_int.h"

/* The longest kashida at one point, in em: under the 0.1 em gap that
 * poppler (minWordBreakSpace) and pdf.js (0.102 em) read as a space
 * between words, with room for the join's own kerning.                 */
#define KASHIDA_MAX_EM 0.08

static bool in(uint32_t c, const uint32_t *set)
{
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

static const uint32_t SEEN[] = {0x0633, 0x0634, 0x0635, 0x0636, 0};
static const uint32_t FINAL5[] = {0x0629, 0x0647, 0x06C1, 0x06D5, 0x062C, 0x062D, 0x062E,
                                  0x0686, 0x062F, 0x0630, 0};
static const uint32_t FINAL4[] = {0x0627, 0x0622, 0x0623, 0x0625, 0x0671, 0x0637, 0x0638,
                                  0x0644, 0x0643, 0x06A9, 0x06AF, 0};
static const uint32_t BEH[] = {0x0628, 0x062A, 0x062B, 0x067E, 0x0646, 0x064A, 0x06CC,
                               0x0626, 0};
static const uint32_t REH_YEH[] = {0x0631, 0x0632, 0x0698, 0x064A, 0x06CC, 0x0649, 0};
static const uint32_t FINAL2[] = {0x0648, 0x0624, 0x0639, 0x063A, 0x0642, 0x0641, 0x06A4, 0};

static bool is_mark(const dw_shaper *s, uint32_t c)
{
    hb_unicode_general_category_t gc = dw_gc(s, c);
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

/* An Arabic letter (a word's part; digits, punctuation and spaces end it). */
static bool is_letter(const dw_shaper *s, uint32_t c)
{
    return dw_gc(s, c) == HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER &&
           dw_script(s, c) == HB_SCRIPT_ARABIC && c != 0x0640;
}

/* The class of the join before letter i (prev: the letter before it). */
static int rank(const para *p, size_t prev, size_t i)
{
    const dw_shaper *s = p->sh;
    uint32_t c = p->cp[i];
    size_t k = i + 1;
    while (k < p->n && is_mark(s, p->cp[k]))
        k++;
    bool final = k >= p->n || !is_letter(s, p->cp[k]);
    if (in(p->cp[prev], SEEN))
        return 6;
    if (final && in(c, FINAL5))
        return 5;
    if (final && in(c, FINAL4))
        return 4;
    if (!final && in(c, BEH) && in(p->cp[k], REH_YEH))
        return 3;
    if (final && in(c, FINAL2))
        return 2;
    return 1;
}

bool dw_kashida_wanted(const para *p, const item *it)
{
    return p->spec->align == DW_ALIGN_JUSTIFY && p->own_script == HB_SCRIPT_ARABIC &&
           it->script == HB_SCRIPT_ARABIC && !p->spec->spans[it->span].lang;
}

/* Whether face f has a tatweel, whose stroke the PDF draws (draw.c). */
static bool has_tatweel(const dw_face *f)
{
    hb_codepoint_t g;
    return f && hb_font_get_nominal_glyph(f->hb_font, 0x0640, &g);
}

/* Whether glyph g of it (in a cluster of its own) may take a tatweel before it. */
static bool safe_before(const item *it, unsigned g)
{
    uint32_t c = it->info[g].cluster;
    if (!(hb_glyph_info_get_glyph_flags(&it->info[g]) & HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL))
        return false;
    if ((g > 0 && it->info[g - 1].cluster == c) ||
        (g + 1 < it->n_glyphs && it->info[g + 1].cluster == c))
        return false;
    return it->pos[g].y_offset == 0;
}

void dw_kashida_points(para *p)
{
    p->kashida = NULL;
    bool any = false;
    for (size_t k = 0; k < p->n_items; k++)
        any |= dw_kashida_wanted(p, &p->items[k]);
    if (!any)
        return;
    const dw_shaper *s = p->sh;
    /* per code point: 1 a safe join before it, 2 a glyph without advance */
    unsigned char *safe = dw_tmp_zero(p->sh, p->n + 1, 1);
    for (size_t k = 0; k < p->n_items; k++) {
        const item *it = &p->items[k];
        if (!dw_kashida_wanted(p, it) || !has_tatweel(it->face))
            continue;
        for (unsigned g = 0; g < it->n_glyphs; g++)
            if (safe_before(it, g))
                safe[it->info[g].cluster] |= 1;
        for (unsigned g = 0; g < it->n_glyphs; g++)
            if (it->pos[g].x_advance == 0)
                safe[it->info[g].cluster] |= 2;
    }
    p->kashida = dw_tmp_zero(p->sh, p->n + 1, 1);
    /* word by word: the best point of each */
    size_t i = 0;
    while (i < p->n) {
        if (!is_letter(s, p->cp[i])) {
            i++;
            continue;
        }
        size_t best = SIZE_MAX, prev = SIZE_MAX;
        int best_rank = 0;
        bool whole = true; /* no joiner, mark or ligature part in the word */
        for (; i < p->n && (is_letter(s, p->cp[i]) || is_mark(s, p->cp[i]) ||
                            p->cp[i] == 0x200C || p->cp[i] == 0x200D);
             i++) {
            uint32_t c = p->cp[i];
            whole &= (safe[i] & 2) == 0 && is_letter(s, c);
            if (!is_letter(s, c))
                continue;
            if ((safe[i] & 1) && prev != SIZE_MAX) {
                int r = rank(p, prev, i);
                if (r >= best_rank) {
                    best_rank = r;
                    best = i;
                }
            }
            prev = i;
        }
        if (best != SIZE_MAX && whole)
            p->kashida[best] = (unsigned char)best_rank;
    }
}

double dw_kashida_stretch(const para *p, size_t i)
{
    if (!p->kashida || !p->kashida[i] || !p->face[i])
        return 0;
    return KASHIDA_MAX_EM * dw_shape_size_at(p, i);
}

/* A point of the line: glyph g of run r, whose join to the glyph after
 * it (to its right: the letter before it in logical order) lengthens. */
typedef struct point {
    size_t run, glyph;
    int rank;
    double max_pt;
} point;

double dw_kashida_line(dw_shaper *s, para *p, const item *items, dw_line *line, double gap)
{
    if (!p->kashida || gap <= 0)
        return 0;
    size_t cap = 16, n = 0;
    point *v = dw_tmp(s, cap, sizeof *v);
    for (size_t r = 0; r < line->n_runs; r++) {
        const item *it = &items[r];
        const dw_run *run = &line->runs[r];
        if (it->soft || !run->rtl || !dw_kashida_wanted(p, it))
            continue;
        for (size_t g = 0; g < run->n_glyphs; g++) {
            size_t c = it->start + run->glyphs[g].text_off;
            if (!run->glyphs[g].text_len || c >= p->n || !p->kashida[c] ||
                !safe_before(it, (unsigned)g) || g + 1 >= run->n_glyphs)
                continue;
            v = dw_arena_grow(s->tmp, v, n, &cap, sizeof *v, 16);
            v[n++] = (point){r, g, p->kashida[c], dw_kashida_stretch(p, c)};
        }
    }
    /* best class first; within a class, in the order of the line */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && v[b - 1].rank < v[b].rank; b--) {
            point x = v[b];
            v[b] = v[b - 1];
            v[b - 1] = x;
        }
    /* each point to its most before the next: as few words as the gap needs */
    double used = 0;
    for (size_t k = 0; k < n && used < gap; k++) {
        double e = v[k].max_pt < gap - used ? v[k].max_pt : gap - used;
        if (e <= 0)
            continue;
        dw_run *run = &line->runs[v[k].run];
        run->glyphs[v[k].glyph].extra_pt = e;
        run->glyphs[v[k].glyph].kashida = true;
        run->width_pt += e;
        used += e;
    }
    return used;
}
