/*
 * test_layout.c — page-breaking rules and mirroring, checked as
 * properties over many generated documents:
 *   - a heading is never the last thing on its page (keep with next);
 *   - a paragraph split across pages keeps at least two lines on each;
 *   - contact cards are never split and never leave the text frame;
 *   - a German paragraph starts at the left edge of the frame, an Arabic
 *     one at the right; inner and outer margins swap in RTL;
 *   - booklets have a multiple of four pages.
 * Fonts: fonts/fonts.yaml (Debian fonts-noto-core).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/world.h"

/* Paragraph k: words "pK" repeated, so every line tells its paragraph. */
static dw_text para_text(dw_arena *a, int k, int words, bool arabic)
{
    dw_buf b;
    dw_buf_init(&b);
    for (int i = 0; i < words; i++)
        dw_buf_printf(&b, "%s%sp%d", i ? " " : "", arabic ? "كلمة" : "Wort", k);
    dw_text t = dw_test_text(a, b.data);
    dw_buf_fini(&b);
    return t;
}

static dw_contact contacts[30];

/* A document: `filler` short paragraphs, then a heading and a long
 * paragraph, repeated; then 30 contact cards.                          */
static dw_doc mkdoc(world *w, const dw_lang *lang, int filler, int words)
{
    dw_arena *a = w->a;
    dw_doc doc = {0};
    doc.name = "welcome-folder";
    doc.lang = lang;
    doc.title = dw_test_text(a, "Test");
    doc.subtitle = dw_test_text(a, "Sub");
    doc.publisher = dw_test_text(a, "Landkreis");
    doc.office = dw_test_text(a, "Office");
    doc.edition = (dw_date){2026, 12, 1};
    doc.content = &w->content;
    doc.n_sections = 1;
    doc.sections = dw_alloc(a, sizeof *doc.sections);
    dw_section *s = doc.sections;
    s->id = "s";
    s->level = 1;
    s->title = dw_test_text(a, lang->rtl ? "قسم" : "Abschnitt");
    size_t nb = (size_t)filler + 3 * 6 + 1;
    s->blocks = dw_alloc_array(a, nb, sizeof *s->blocks);
    int k = 0;
    for (int i = 0; i < filler; i++)
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P, .as.para.text = para_text(a, k++, 6, lang->rtl)};
    for (int r = 0; r < 6; r++) {
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_H, .as.heading.text = dw_test_text(a, lang->rtl ? "عنوان" : "Überschrift")};
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P, .as.para.text = para_text(a, k++, words, lang->rtl)};
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P, .as.para.text = para_text(a, k++, words / 2, lang->rtl)};
    }
    const dw_contact **cs = dw_alloc_array(a, 30, sizeof *cs);
    for (int i = 0; i < 30; i++)
        cs[i] = &contacts[i];
    s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_CONTACTS,
                                                     .as.contacts = {.list = cs, .n = 30}};
    return doc;
}

static int para_of_line(const dw_line *l)
{
    const char *p = strrchr(l->text, 'p');
    int k = -1;
    if (p && sscanf(p + 1, "%d", &k) == 1)
        return k;
    return -1;
}

int main(void)
{
    world w;
    if (!dw_test_world_init(&w, "layout", "de", "ar"))
        return 1;
    for (int i = 0; i < 30; i++) {
        dw_contact *c = &contacts[i];
        c->id = dw_sprintf(w.a, "c%d", i);
        c->name = dw_sprintf(w.a, "Beratungsstelle %d", i);
        c->address = "Eschstraße 29, 49661 Cloppenburg";
        c->phone = "04471 15-0";
        c->phone_href = "tel:+494471150";
        c->unverified = i % 2 == 0;
    }

    dw_design ds;
    int heading_last = 0, widows = 0, card_split = 0, outside = 0, layouts = 0;
    int on_grid = 0, off_grid = 0, booklets = 0, not_four = 0;
    for (int rtl = 0; rtl < 2; rtl++)
        for (int booklet = 0; booklet < 2; booklet++)
            for (int filler = 0; filler < 24; filler += 1) {
                dw_design_defaults(&ds, booklet);
                dw_arena *a = dw_arena_new();
                dw_doc doc = mkdoc(&w, &w.langs[rtl], filler, 40 + filler * 3);
                dw_layout L;
                if (!dw_layout_doc(&doc, &ds, w.sh, a, &L, &w.d)) {
                    dw_diag_print(&w.d, stderr);
                    printf("FAIL layout-runs: layout failed\n");
                    return 1;
                }
                layouts++;
                int prev_para = -1;
                size_t prev_page = 0, lines_before = 0;
                for (size_t p = 0; p < L.n_pages; p++) {
                    const dw_page *pg = &L.pages[p];
                    const dw_op *last = NULL;
                    for (size_t i = 0; i < pg->n_ops; i++) {
                        const dw_op *o = &pg->ops[i];
                        if (o->role == DW_R_ARTIFACT)
                            continue;
                        if (o->kind == DW_OP_LINE && o->role != DW_R_TOCI && p > 1)
                            last = o;
                        if (o->kind == DW_OP_LINE && o->role != DW_R_ARTIFACT &&
                            (o->y < ds.margin_bottom - 1 || o->y > ds.page_h - ds.margin_top + 1) &&
                            p > 0)
                            outside++;
                        if (o->kind == DW_OP_LINE && o->grid) {
                            /* the line's slot top, counted from the frame top in
                             * grid steps, is a whole number (default grid: half
                             * the body leading; baseline 0.78 leading below) */
                            double g = ds.styles[DW_ST_BODY].leading_pt / 2;
                            int st = o->role == DW_R_P ? DW_ST_BODY : DW_ST_LIST;
                            double top = o->y + ds.styles[st].leading_pt * 0.78;
                            double k = (ds.page_h - ds.margin_top - top) / g;
                            if (fabs(k - round(k)) < 0.01)
                                on_grid++;
                            else if (off_grid++ < 3)
                                fprintf(stderr, "off grid: page %zu k=%.3f %s\n", p, k, o->line->text);
                        }
                        if (o->kind == DW_OP_RECT && p > 0 &&
                            (o->y < ds.margin_bottom - 0.5 || o->y + o->h > ds.page_h - ds.margin_top + 0.5))
                            card_split++;
                        if (o->kind == DW_OP_LINE && o->role == DW_R_P) {
                            int k = para_of_line(o->line);
                            if (k < 0)
                                continue;
                            if (k == prev_para && p != prev_page) {
                                /* split: lines on the previous page and on this one */
                                size_t after = 0;
                                for (size_t j = i; j < pg->n_ops; j++)
                                    if (pg->ops[j].kind == DW_OP_LINE && pg->ops[j].role == DW_R_P &&
                                        para_of_line(pg->ops[j].line) == k)
                                        after++;
                                if (lines_before < 2 || after < 2)
                                    widows++;
                            }
                            if (k != prev_para)
                                lines_before = 0;
                            if (k == prev_para && p != prev_page)
                                lines_before = 0;
                            lines_before++;
                            prev_para = k;
                            prev_page = p;
                        }
                    }
                    if (last && (last->role == DW_R_H1 || last->role == DW_R_H2 || last->role == DW_R_H3) &&
                        p + 1 < L.n_pages)
                        heading_last++, fprintf(stderr, "stranded: rtl=%d booklet=%d filler=%d page=%zu role=%d text=%s y=%.1f\n", rtl, booklet, filler, p, last->role, last->line->text, last->y);
                }
                if (booklet) {
                    booklets++;
                    if (L.n_pages % 4 != 0 && not_four++ < 3)
                        fprintf(stderr, "booklet of %zu pages (rtl=%d filler=%d)\n", L.n_pages,
                                rtl, filler);
                }
                dw_arena_free(a);
            }
    CHECK(layouts == 96, "layout-runs", "%d of 96 generated documents laid out", layouts);
    CHECK(booklets == 48 && not_four == 0, "layout-booklet-multiple-of-4",
          "%d of %d booklets have a page count that is not a multiple of 4", not_four, booklets);
    CHECK(heading_last == 0, "layout-keep-with-next", "%d headings ended a page (of %d layouts)",
          heading_last, layouts);
    CHECK(widows == 0, "layout-widows-orphans", "%d paragraphs split with fewer than 2 lines", widows);
    CHECK(card_split == 0, "layout-cards-not-split", "%d boxes leave the frame", card_split);
    CHECK(outside == 0, "layout-lines-inside-frame", "%d lines outside the frame", outside);
    CHECK(on_grid > 1000 && off_grid == 0, "layout-body-on-baseline-grid",
          "%d body and list lines on the grid, %d off it", on_grid, off_grid);

    /* Mirroring: the first body paragraph's line starts at the frame's
     * left edge in German and ends at its right edge in Arabic; the
     * inner margin is left on a German recto, right on an Arabic one.  */
    dw_design_defaults(&ds, false);
    double edges[2][2];
    for (int rtl = 0; rtl < 2; rtl++) {
        dw_arena *a = dw_arena_new();
        dw_doc doc = mkdoc(&w, &w.langs[rtl], 1, 6);
        dw_layout L;
        dw_layout_doc(&doc, &ds, w.sh, a, &L, &w.d);
        edges[rtl][0] = edges[rtl][1] = NAN;
        for (size_t p = 2; p < L.n_pages && isnan(edges[rtl][0]); p++) {
            const dw_page *pg = &L.pages[p];
            if (!pg->recto)
                continue;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const dw_op *o = &pg->ops[i];
                if (o->kind == DW_OP_LINE && o->role == DW_R_P) {
                    edges[rtl][0] = o->x + o->line->x_pt;
                    edges[rtl][1] = o->x + o->line->x_pt + o->line->width_pt;
                    break;
                }
            }
        }
        dw_arena_free(a);
    }
    double left_de = ds.margin_inner, right_ar = ds.page_w - ds.margin_inner;
    CHECK(fabs(edges[0][0] - left_de) < 0.5, "mirror-de-starts-left-at-inner-margin",
          "line starts at %.1f, inner margin edge %.1f", edges[0][0], left_de);
    CHECK(fabs(edges[1][1] - right_ar) < 0.5, "mirror-ar-starts-right-at-inner-margin",
          "line ends at %.1f, inner margin edge %.1f", edges[1][1], right_ar);

    /* A section on a new page whose last page would hold only a little
     * is balanced (issue 14): its last but one page ends higher so the
     * last holds at least a quarter of the frame; never more pages than
     * when the section does not start on a fresh page.                 */
    {
        int never_more = 1, short_last = 0, split = 0, tries = 0;
        for (int booklet = 0; booklet < 2; booklet++)
            for (int filler = 0; filler < 40; filler++) {
                size_t pages[2];
                for (int fresh = 0; fresh < 2; fresh++) {
                    dw_design_defaults(&ds, booklet);
                    ds.section_new_page = fresh;
                    ds.toc = false;
                    dw_arena *a = dw_arena_new();
                    dw_doc doc = mkdoc(&w, &w.langs[0], filler, 20 + filler * 2);
                    doc.sections->blocks[doc.sections->n_blocks - 1].as.contacts.n = 0;
                    dw_layout L;
                    dw_layout_doc(&doc, &ds, w.sh, a, &L, &w.d);
                    pages[fresh] = L.n_pages;
                    /* the section's pages: those with body lines */
                    size_t first = 0, last = 0;
                    double low = 1e9;
                    for (size_t p = 1; p < L.n_pages; p++)
                        for (size_t i = 0; i < L.pages[p].n_ops; i++) {
                            const dw_op *o = &L.pages[p].ops[i];
                            if (o->kind != DW_OP_LINE || o->elem < 0)
                                continue;
                            if (!first)
                                first = p;
                            if (p > last)
                                last = p, low = 1e9;
                            low = fmin(low, o->y);
                        }
                    double ft = ds.page_h - ds.margin_top, fh = ft - ds.margin_bottom;
                    if (fresh && last > first) {
                        split++;
                        /* the last line's slot ends about a quarter leading below its baseline */
                        double fill = (ft - low + ds.styles[DW_ST_BODY].leading_pt * 0.25) / fh;
                        if (fill < 0.25 - 0.03) {
                            short_last++;
                            fprintf(stderr, "short last page: booklet=%d filler=%d fill=%.2f\n",
                                    booklet, filler, fill);
                        }
                    }
                    dw_arena_free(a);
                }
                tries++;
                never_more &= pages[1] <= pages[0];
            }
        CHECK(never_more && split > 10 && short_last == 0, "layout-short-last-page-balanced",
              "%d of %d sections over several pages end on a page less than a quarter full; "
              "never more pages: %d", short_last, split, never_more);
    }

    /* Section dividers (folder): a recto before the section, only
     * artifacts on it (it repeats the heading), the register tab on its
     * outer edge (right in German, left in Arabic), the heading next.  */
    for (int rtl = 0; rtl < 2; rtl++) {
        dw_design_defaults(&ds, false);
        ds.section_dividers = true;
        dw_arena *a = dw_arena_new();
        dw_doc doc = mkdoc(&w, &w.langs[rtl], 1, 6);
        dw_layout L;
        dw_layout_doc(&doc, &ds, w.sh, a, &L, &w.d);
        int dividers = 0, recto = 0, tagged = 0, tab_outer = 0, heading_next = 0;
        for (size_t p = 0; p < L.n_pages; p++) {
            const dw_page *pg = &L.pages[p];
            if (!pg->divider)
                continue;
            dividers++;
            recto += pg->recto;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const dw_op *o = &pg->ops[i];
                tagged += o->role != DW_R_ARTIFACT;
                bool outer = rtl ? o->x <= 0.01 : o->x + o->w >= ds.page_w - 0.01;
                tab_outer += o->kind == DW_OP_RECT && o->w < ds.page_w / 4 && outer;
            }
            const dw_page *next = p + 1 < L.n_pages ? &L.pages[p + 1] : NULL;
            for (size_t i = 0; next && i < next->n_ops; i++)
                heading_next += next->ops[i].role == DW_R_H1;
        }
        char name[64];
        snprintf(name, sizeof name, "layout-section-divider-%s", rtl ? "ar" : "de");
        CHECK(dividers == 1 && recto == 1 && tagged == 0 && tab_outer == 1 && heading_next > 0,
              name, "%d dividers, %d recto, %d tagged ops, %d outer tabs, heading next: %d",
              dividers, recto, tagged, tab_outer, heading_next);
        dw_arena_free(a);
    }

    dw_test_world_fini(&w);
    return dw_test_failed ? 1 : 0;
}
