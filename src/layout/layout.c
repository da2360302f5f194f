/*
 * layout.c — flows a document's blocks onto pages (dw_layout_doc) and the
 * helpers every part of the layout shares: structure elements, display
 * list items, the language's words, styles, and setting text into lines.
 *
 * Each block is first set into a box (blocks.c, cards.c); boxes are then
 * placed on the page, column by column (flow.c); the cover, dividers,
 * running heads and tabs are furniture.c, the contents toc.c, numbers and
 * dates format.c.  Right-to-left documents are mirrored as a whole: the
 * binding and the inner margin are on the right of a recto page,
 * columns, list markers, table columns and running heads swap sides, and
 * numbers use the language's digits.
 */
#include "layout_int.h"

#include <stdlib.h>
#include <string.h>

const char *const dw_role_names[] = {
    [DW_R_NONE] = "Span", [DW_R_P] = "P", [DW_R_H1] = "H1", [DW_R_H2] = "H2",
    [DW_R_H3] = "H3", [DW_R_H4] = "H4", [DW_R_H5] = "H5", [DW_R_H6] = "H6",
    [DW_R_LI] = "LI", [DW_R_LBL] = "Lbl", [DW_R_TD] = "TD", [DW_R_TH] = "TH",
    [DW_R_TR] = "TR", [DW_R_NOTE] = "Note", [DW_R_TOCI] = "TOCI", [DW_R_DIV] = "Div",
    [DW_R_FIGURE] = "Figure",
    [DW_R_ARTIFACT] = "Artifact",
};

/* A new structure element in reading order; returns its index. */
int elem_new(ctx *c, enum dw_role role)
{
    dw_layout *L = c->L;
    L->elems = dw_arena_grow(c->a, L->elems, L->n_elems, &L->cap_elems, sizeof *L->elems, 64);
    L->elems[L->n_elems] = (dw_elem){role, (long)c->phase * 1000000L + (long)L->n_elems, NULL, NULL};
    return (int)L->n_elems++;
}

enum dw_role heading_role(int level)
{
    static const enum dw_role h[] = {DW_R_H1, DW_R_H1, DW_R_H2, DW_R_H3, DW_R_H4, DW_R_H5, DW_R_H6};
    return h[level < 1 ? 1 : level > 6 ? 6 : level];
}

/* ---- small helpers ---------------------------------------------------- */
dw_op *box_op(ctx *c, box *b)
{
    b->ops = dw_arena_grow(c->a, b->ops, b->n, &b->cap, sizeof *b->ops, 16);
    dw_op *o = &b->ops[b->n++];
    memset(o, 0, sizeof *o);
    return o;
}

void box_break(ctx *c, box *b, double at)
{
    b->breaks = dw_arena_grow(c->a, b->breaks, b->n_breaks, &b->cap_breaks, sizeof *b->breaks, 8);
    b->breaks[b->n_breaks++] = at;
}

dw_op *page_op(ctx *c, dw_page *p)
{
    p->ops = dw_arena_grow(c->a, p->ops, p->n_ops, &p->cap, sizeof *p->ops, 64);
    dw_op *o = &p->ops[p->n_ops++];
    memset(o, 0, sizeof *o);
    o->elem = -1;
    return o;
}

const char *word(ctx *c, const char *key)
{
    const char *w = dw_lang_word(c->lang, key);
    if (w)
        return w;
    const dw_lang *de = dw_content_lang(c->doc->content, DW_SOURCE_LANG);
    w = de ? dw_lang_word(de, key) : NULL;
    return w ? w : key;
}

const dw_style *style(ctx *c, int id)
{
    return &c->ds->styles[id];
}

dw_cmyk color(ctx *c, int id)
{
    return c->ds->colors[id];
}


/* ---- setting text ------------------------------------------------------ */

void span_add(ctx *c, spans *s, const char *text, unsigned font, bool ltr, const char *href)
{
    if (!text || !*text)
        return;
    s->v = dw_arena_grow(c->a, s->v, s->n, &s->cap, sizeof *s->v, 8);
    s->v[s->n++] = (dw_tspan){text, font, ltr, href, href ? 1 : 0, NULL, NULL};
}

/* German inside another language: what {ltr:…} marks (names, terms,
 * postcodes) and addresses.  Tagged PDF gives it /Lang de so a screen
 * reader switches voice.  Only spans with Latin letters count.         */
void lang_of_last(ctx *c, spans *s)
{
    if (!s->n || strcmp(c->lang->code, DW_SOURCE_LANG) == 0)
        return;
    const char *t = s->v[s->n - 1].text;
    for (; *t; t++)
        if ((*t >= 'A' && *t <= 'Z') || (*t >= 'a' && *t <= 'z')) {
            s->v[s->n - 1].lang = DW_SOURCE_LANG;
            return;
        }
}

void spans_text(ctx *c, spans *s, const dw_text *t, unsigned font)
{
    dw_quote_state q = {0};
    for (size_t i = 0; i < t->n_spans; i++) {
        const dw_span *sp = &t->spans[i];
        unsigned f = font | (sp->style & DW_STYLE_EM ? DW_FONT_ITALIC : 0) |
                     (sp->style & DW_STYLE_STRONG ? DW_FONT_BOLD : 0);
        bool ltr = sp->kind == DW_SPAN_TEL || sp->kind == DW_SPAN_MAIL ||
                   sp->kind == DW_SPAN_WEB || sp->kind == DW_SPAN_LTR ||
                   sp->kind == DW_SPAN_DE;
        /* the language's quotes, but addresses keep their straight ones */
        bool literal = sp->kind == DW_SPAN_TEL || sp->kind == DW_SPAN_MAIL ||
                       sp->kind == DW_SPAN_WEB;
        const char *text = literal ? sp->text : dw_fmt_quotes(c->a, c->lang, sp->text, &q);
        if (literal)
            q.prev = 'x'; /* a quote right after an address closes */
        span_add(c, s, text, f, ltr, sp->href);
        if (sp->kind == DW_SPAN_LTR)
            lang_of_last(c, s);
        if (sp->kind == DW_SPAN_DE && strcmp(c->lang->code, DW_SOURCE_LANG) != 0) {
            const dw_lang *de = dw_content_lang(c->content, DW_SOURCE_LANG);
            s->v[s->n - 1].lang = DW_SOURCE_LANG;
            s->v[s->n - 1].hyphenation = de ? de->hyphenation : NULL;
        }
    }
}

size_t dw_layout_spans(const dw_content *content, const dw_lang *lang, const dw_text *t,
                       dw_arena *a, dw_tspan **out)
{
    ctx c = {.content = content, .lang = lang, .a = a};
    spans s = {0};
    spans_text(&c, &s, t, 0);
    *out = s.v;
    return s.n;
}

/* Whether a justified paragraph has a line whose spaces open wider than
 * DW_LOOSE_RATIO of their natural width even after the letter-spacing
 * the text stage allows: such a paragraph is set ragged instead.      */
static bool too_loose(const dw_para *p)
{
    for (size_t i = 0; i < p->n_lines; i++)
        if (dw_line_space_ratio(&p->lines[i]) > DW_LOOSE_RATIO)
            return true;
    return false;
}

/* Rivers in a paragraph (its lines one under the other). */
static size_t rivers(const dw_para *p)
{
    if (p->n_lines < DW_RIVER_LINES)
        return 0;
    const dw_line *v[256];
    double x[256] = {0};
    size_t n = p->n_lines < 256 ? p->n_lines : 256;
    for (size_t i = 0; i < n; i++)
        v[i] = &p->lines[i];
    return dw_layout_rivers(v, x, n, NULL, 0);
}

/* The tighter setting a loose paragraph, or one with a river, gets
 * before it goes ragged: letters take a share of the gap once spaces
 * pass 1.4 times their width (0.36 em, under DW_RIVER_GAP_EM), up to
 * DW_TRACK_VISIBLE_EM (0.02 em) after each cluster: more shows as
 * spaced text among normal lines.                                      */
#define TIGHT_SPACE_OPEN 1.4
#define TIGHT_LETTER_SPACE_EM DW_TRACK_VISIBLE_EM
/* In that setting a line may also be tighter: spaces closed by a third,
 * then up to 0.01 em less after each cluster (InDesign's letter-spacing
 * of -4 %, of a space): the breaker may then keep a word (an address
 * that breaks only at its dots and hyphens) on a line it overfills by a
 * few points rather than open the line's spaces past twice.            */
#define TIGHT_LETTER_SHRINK_EM 0.01

/* The paragraph set by spec when it is less loose than p, or as loose
 * with fewer rivers; else p.                                           */
static const dw_para *better(ctx *c, const dw_para_spec *spec, const dw_para *p)
{
    const dw_para *q;
    dw_diag quiet; /* the first setting has said all there is to say */
    dw_diag_init(&quiet);
    bool ok = dw_text_para_memo(c->sh, c->memo, spec, &q, &quiet);
    dw_diag_fini(&quiet);
    if (!ok)
        return p;
    bool lq = too_loose(q), lp = too_loose(p);
    return lq < lp || (lq == lp && rivers(q) < rivers(p)) ? q : p;
}

/* The paragraph is shared with every other block of the same text and
 * style (c->memo): read only.                                          */
const dw_para *set(ctx *c, const spans *s, int st, double width, bool center, dw_loc loc)
{
    return set_scaled(c, s, st, 1, width, center, loc);
}

/* Set without hyphenation, ragged (table cells, measuring). */
const dw_para *set_plain(ctx *c, const spans *s, int st, double width, dw_loc loc)
{
    c->plain = true;
    const dw_para *p = set_scaled(c, s, st, 1, width, false, loc);
    c->plain = false;
    return p;
}

/* The same with the style's type size times scale (a cover title that
 * steps down to fit its band).                                         */
const dw_para *set_scaled(ctx *c, const spans *s, int st, double scale, double width, bool center,
                          dw_loc loc)
{
    const dw_style *y = style(c, st);
    dw_para_spec spec = {
        .spans = s->v, .n_spans = s->n, .lang = c->lang->code, .script = c->lang->script,
        .hyphenation = y->hyphenate && !c->plain ? c->lang->hyphenation : NULL, .rtl = c->rtl,
        .size_pt = y->size_pt * scale, .width_pt = width,
        .align = center ? DW_ALIGN_CENTER : y->justify && !c->plain ? DW_ALIGN_JUSTIFY : DW_ALIGN_START,
        .no_hyphens = !y->hyphenate || c->plain, .loc = loc, .what = c->what};
    const dw_para *p;
    /* a word wider than the measure (a long compound in a heading or a
     * narrow cell): hyphenated after all, where the language has
     * patterns, rather than run out of its frame                        */
    bool can_hyphenate = spec.no_hyphens && c->lang->hyphenation;
    dw_diag first;
    dw_diag_init(&first);
    if (!dw_text_para_memo(c->sh, c->memo, &spec, &p, can_hyphenate ? &first : c->d))
        c->ok = false;
    if (can_hyphenate) {
        bool wide = false;
        for (size_t i = 0; i < p->n_lines; i++)
            wide |= p->lines[i].width_pt > width + 0.5;
        if (wide) {
            spec.no_hyphens = false;
            spec.hyphenation = c->lang->hyphenation;
            if (!dw_text_para_memo(c->sh, c->memo, &spec, &p, c->d))
                c->ok = false;
        } else {
            for (size_t i = 0; i < first.n; i++)
                dw_diag_add(c->d, first.msgs[i].sev, first.msgs[i].loc, "%s", first.msgs[i].text);
        }
    }
    dw_diag_fini(&first);
    /* DRUCKWERK_KEEP_RIVERS=1: set paragraphs as if rivers did not
     * matter, so that tests/lib/river_test.py has rivers to compare the
     * proof's count with MuPDF's on                                     */
    const char *keep = getenv("DRUCKWERK_KEEP_RIVERS");
    bool avoid = !(keep && strcmp(keep, "1") == 0);
    if (spec.align == DW_ALIGN_JUSTIFY && (too_loose(p) || (avoid && rivers(p)))) {
        /* the letters take a share of the gap sooner and a little more
         * of it (TeX's emergency pass, but spent on tracking rather than
         * on wider spaces): closer spaces, no channel of white         */
        dw_para_spec tight = spec;
        tight.space_open_max = TIGHT_SPACE_OPEN;
        tight.letter_space_em = TIGHT_LETTER_SPACE_EM;
        tight.letter_shrink_em = TIGHT_LETTER_SHRINK_EM;
        p = better(c, &tight, p);
    }
    /* ragged rather than loose lines or a river the letters could not
     * close: natural spaces (0.26 em) are narrower than a river's      */
    if (spec.align == DW_ALIGN_JUSTIFY && (too_loose(p) || (avoid && rivers(p)))) {
        spec.align = DW_ALIGN_START;
        if (!dw_text_para_memo(c->sh, c->memo, &spec, &p, c->d))
            c->ok = false;
    }
    for (size_t i = 0; i < p->n_lines; i++)
        for (size_t r = 0; r < p->lines[i].n_runs; r++)
            c->L->n_glyphs += p->lines[i].runs[r].n_glyphs;
    return p;
}

/* Lines of p into b at x (left edge of the measure), from offset *off. */
void put_lines(ctx *c, box *b, const dw_para *p, int st, double x, double *off,
               bool breaks, enum dw_role role)
{
    const dw_style *y = style(c, st);
    for (size_t i = 0; i < p->n_lines; i++) {
        if (breaks && i >= MIN_LINES && p->n_lines - i >= MIN_LINES)
            box_break(c, b, *off);
        dw_op *o = box_op(c, b);
        o->kind = DW_OP_LINE;
        o->line = &p->lines[i];
        o->x = x;
        o->rel = *off;
        /* baseline: ascent below the top of the line slot, centred in the leading */
        o->y = *off + y->leading_pt * 0.78;
        o->color = color(c, y->color);
        o->link_color = color(c, DW_C_ACCENT);
        o->role = role;
        o->grid = b->grid;
        *off += y->leading_pt;
    }
}

void box_rect(ctx *c, box *b, double x, double top, double w, double h, int col)
{
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_RECT;
    o->x = x, o->y = top, o->w = w, o->h = h;
    o->rel = top;
    o->color = color(c, col);
    o->role = DW_R_ARTIFACT;
}

void box_rule(ctx *c, box *b, double x1, double y1, double x2, double y2, double w, int col)
{
    dw_op *o = box_op(c, b);
    o->kind = DW_OP_RULE;
    o->x = x1, o->y = y1, o->w = x2 - x1, o->h = y2 - y1;
    o->width = w;
    o->rel = y1;
    o->color = color(c, col);
    o->role = DW_R_ARTIFACT;
}

/* The legal notice on the last page; with a back cover, above its band
 * (the frame of that page ends higher), which then carries the QR code
 * to the online version instead of the notice.                        */
static void legal(ctx *c)
{
    const dw_doc *doc = c->doc;
    double back = back_cover_height(c);
    if (!doc->n_legal && back <= 0)
        return;
    if (back > 0) {
        c->short_page = (int)c->L->n_pages;
        c->short_by = back + MM(6) - c->ds->margin_bottom;
    }
    new_page(c);
    size_t first = c->L->n_pages - 1;
    boxes bs = {0};
    if (doc->n_legal) { /* else the back cover alone */
        box *h = word_heading(c, "legal", DW_ST_H2, DW_R_H2);
        h->before = 0;
        push(c, &bs, h);
    }
    for (size_t i = 0; i < doc->n_legal; i++) {
        box *b = text_box(c, &doc->legal[i], DW_ST_CARD, DW_R_P);
        b->after = style(c, DW_ST_CARD)->leading_pt * 0.5;
        push(c, &bs, b);
    }
    if (back <= 0)
        online_qr(c, &bs);
    place_all(c, &bs);
    c->short_page = -1;
    if (back > 0) {
        if (c->L->n_pages - 1 != first)
            dw_warn(c->d, doc->n_legal ? doc->legal[0].loc : doc->loc, "%s: the legal notice "
                    "is longer than the page above the back cover: shorten it", c->what);
        back_cover(c, c->L->n_pages - 1);
    }
}

bool dw_layout_doc(const dw_doc *doc, const dw_design *ds, dw_shaper *sh, dw_arena *a,
                   dw_layout *out, dw_diag *d)
{
    memset(out, 0, sizeof *out);
    out->doc = doc;
    out->design = ds;
    ctx cc = {.doc = doc, .content = doc->content, .ds = ds, .lang = doc->lang, .sh = sh,
              .a = a, .d = d, .L = out, .rtl = doc->lang->rtl, .ok = true,
              .short_page = -1,
              .grid = ds->baseline_grid < 0 ? ds->styles[DW_ST_BODY].leading_pt / 2
                                            : ds->baseline_grid};
    ctx *c = &cc;
    c->memo = dw_para_memo_new(a);
    c->what = dw_sprintf(a, "%s (%s)", doc->name, doc->lang->code);
    c->n_sections = doc->n_sections;
    c->n_tabs = (int)doc->n_sections;
    c->section_page = dw_alloc_array(a, doc->n_sections + 1, sizeof(int));
    for (size_t i = 0; i < doc->n_sections; i++)
        c->section_page[i] = -1;

    c->phase = 0;
    cover(c);
    c->phase = 1;
    size_t toc_first = out->n_pages;
    size_t toc_pages = ds->toc ? toc_reserve(c) : 0;
    /* the body starts on a recto page */
    if (out->n_pages % 2 == 1)
        out->pages[new_page(c) - out->pages].blank = true;
    size_t body_first = out->n_pages;
    c->phase = 2;
    int *first_page_of_tab = dw_alloc_array(a, doc->n_sections + 1, sizeof(int));
    for (size_t i = 0; i < doc->n_sections; i++) {
        int tab_from = -1; /* the divider carries the section's tab too */
        if (ds->section_dividers) {
            divider(c, i);
            tab_from = (int)out->n_pages - 1;
        }
        if (i == 0 || ds->section_new_page || ds->section_dividers)
            new_page(c);
        else if (!c->page)
            new_page(c);
        first_page_of_tab[i] = tab_from >= 0 ? tab_from : (int)out->n_pages - 1;
        boxes bs = {0};
        section_boxes(c, &bs, &doc->sections[i], (int)i);
        bool ends_page = i + 1 == doc->n_sections || ds->section_new_page || ds->section_dividers;
        place_section(c, &bs, (int)i, ends_page);
        if (!c->ok)
            return false;
    }
    size_t body_end = out->n_pages;
    if (ds->toc) {
        c->phase = 1;
        toc_fill(c, toc_first, toc_pages);
    }
    /* booklets: pad so that the legal notice ends on the last page of a
     * multiple of four (saddle stitching)                                 */
    bool last = doc->n_legal || ds->back_cover; /* legal() adds the last page */
    if (ds->booklet)
        while ((out->n_pages + (last ? 1 : 0)) % 4 != 0)
            notes_page(c);
    /* a folder's back cover is a verso: the last page of the last sheet */
    if (!ds->booklet && ds->back_cover && out->n_pages % 2 == 0)
        new_page(c)->blank = true;
    c->phase = 3;
    legal(c);
    if (!ds->booklet && out->n_pages % 2 == 1)
        new_page(c)->blank = true;
    /* sample data: a sample document shows it on every page */
    if (doc->sample)
        out->sample_loc = doc->sample_loc;
    for (size_t i = 0; i < out->n_pages; i++) {
        out->pages[i].sample |= doc->sample;
        if (out->pages[i].sample) {
            sample_band(c, i);
            out->n_sample_pages++;
        }
    }
    /* furniture and register tabs */
    size_t sec = 0;
    for (size_t i = 1; i < out->n_pages; i++) {
        if (out->pages[i].blank)
            continue;
        while (sec + 1 < doc->n_sections && first_page_of_tab[sec + 1] <= (int)i)
            sec++;
        if (!out->pages[i].divider)
            furniture(c, i);
        if (i >= body_first && i < body_end && doc->n_sections)
            register_tab(c, i, (int)sec);
    }
    return c->ok;
}

