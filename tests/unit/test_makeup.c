/*
 * test_makeup.c — page make-up rules of issue 14, checked on the display
 * list over generated documents (each property is measured here from the
 * positions of lines, not taken from the proof):
 *   - keep with next through a chain of headings (section, sub-section,
 *     heading, principle title) at every position on the page;
 *   - table columns sized from their content (a column of "A1" is
 *     narrow), no cell line wider than its cell;
 *   - a table continued on a new page repeats its header row above the
 *     first row there;
 *   - a cover title of any length ends below the language name (or the
 *     build warns that it does not fit);
 *   - the running head is one line within its measure: the running
 *     title when given, else the title shortened with "…" and a warning.
 * The proof (src/proof/) is run over the same documents as well and must
 * agree (no stranded heading, no table without its header, no overlap).
 * Fonts: fonts/fonts.yaml (Debian fonts-noto-core).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/world.h"
#include "proof/proof.h"

static dw_text words(dw_arena *a, const char *w, int n)
{
    dw_buf b;
    dw_buf_init(&b);
    for (int i = 0; i < n; i++)
        dw_buf_printf(&b, "%s%s", i ? " " : "", w);
    dw_text t = dw_test_text(a, b.data);
    dw_buf_fini(&b);
    return t;
}

static dw_doc mkdoc(world *w, const dw_lang *lang, dw_section *secs, size_t n)
{
    dw_doc doc = {0};
    doc.name = "education-brochure";
    doc.file = "test.yaml";
    doc.lang = lang;
    doc.title = dw_test_text(w->a, lang->rtl ? "اختبار" : "Test");
    doc.subtitle = dw_test_text(w->a, "Sub");
    doc.publisher = dw_test_text(w->a, "Landkreis");
    doc.office = dw_test_text(w->a, "Office");
    doc.edition = (dw_date){2026, 12, 1};
    doc.content = &w->content;
    doc.sections = secs;
    doc.n_sections = n;
    return doc;
}

static bool is_heading(enum dw_role r)
{
    return r >= DW_R_H1 && r <= DW_R_H6;
}

static double size_of(const dw_line *l)
{
    return l->n_runs ? l->runs[0].size_pt : 10;
}

/* ---- keep with next through chains of headings ------------------------ */
static void keep_chains(world *w)
{
    int stranded = 0, proof_stranded = 0, layouts = 0;
    for (int rtl = 0; rtl < 2; rtl++)
        for (int variant = 0; variant < 3; variant++)
        for (int shift = 0; shift < 5; shift++) /* headings' space before: every grid phase */
        for (int filler = 0; filler < 30; filler++) {
            const dw_lang *lang = &w->langs[rtl];
            const char *wd = rtl ? "كلمة" : "Wort";
            dw_arena *a = dw_arena_new();
            dw_section *s = dw_alloc(a, sizeof *s);
            s->id = "s", s->level = 1, s->title = dw_test_text(a, "Abschnitt");
            s->blocks = dw_alloc_array(a, (size_t)filler + 1, sizeof *s->blocks);
            for (int i = 0; i < filler; i++) /* one to four lines each */
                s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P,
                                                      .as.para.text = words(a, wd, 5 + (i % 4) * 12)};
            /* the chain: sub-section title, a heading, a principle title, then text */
            s->subs = dw_alloc(a, sizeof *s->subs);
            s->n_subs = 1;
            dw_section *u = s->subs;
            u->id = "u", u->level = 2, u->title = dw_test_text(a, "Unterabschnitt");
            u->blocks = dw_alloc_array(a, 4, sizeof *u->blocks);
            /* variants: heading + principle; a heading alone; no heading */
            if (variant < 2) /* variant 1: a heading of two lines */
                u->blocks[u->n_blocks++] = (dw_block){
                    .kind = DW_BLOCK_H,
                    .as.heading.text = variant ? words(a, "Überschrift", 9) : dw_test_text(a, "Überschrift")};
            if (variant == 0)
                u->blocks[u->n_blocks++] = (dw_block){.kind = DW_BLOCK_PRINCIPLE,
                                                      .as.principle.title = dw_test_text(a, "Grundsatz"),
                                                      .as.principle.text = words(a, wd, 60)};
            u->blocks[u->n_blocks++] = (dw_block){.kind = DW_BLOCK_P, .as.para.text = words(a, wd, 80)};
            dw_doc doc = mkdoc(w, lang, s, 1);
            dw_design ds;
            dw_design_defaults(&ds, shift % 2);
            ds.styles[DW_ST_H2].before_pt += shift * 1.7;
            ds.styles[DW_ST_H3].before_pt += shift * 1.3;
            dw_layout L;
            if (!dw_layout_doc(&doc, &ds, w->sh, a, &L, &w->d)) {
                printf("FAIL makeup-layout: layout failed\n");
                dw_test_failed++;
                dw_arena_free(a);
                return;
            }
            layouts++;
            for (size_t p = 1; p + 1 < L.n_pages; p++) {
                const dw_op *low = NULL;
                for (size_t i = 0; i < L.pages[p].n_ops; i++) {
                    const dw_op *o = &L.pages[p].ops[i];
                    if (o->kind == DW_OP_LINE && o->elem >= 0 && (!low || o->y < low->y))
                        low = o;
                }
                if (low && is_heading(low->role)) {
                    stranded++;
                    fprintf(stderr, "stranded: rtl=%d filler=%d page %zu: %s\n", rtl, filler,
                            p + 1, low->line->text);
                    (void)variant;
                }
            }
            dw_proof pr;
            dw_proof_layout(&L, a, &pr);
            proof_stranded += (int)pr.count[DW_PF_STRANDED];
            dw_arena_free(a);
        }
    CHECK(stranded == 0, "makeup-keep-with-next-chains",
          "%d pages end in a heading (of %d layouts)", stranded, layouts);
    CHECK(proof_stranded == stranded, "makeup-proof-agrees-stranded",
          "the proof counts %d stranded headings, the test %d", proof_stranded, stranded);
}

/* ---- tables --------------------------------------------------------------- */
static dw_section *table_section(dw_arena *a, int rows, bool rtl)
{
    dw_section *s = dw_alloc(a, sizeof *s);
    s->id = "t", s->level = 1, s->title = dw_test_text(a, "Tabelle");
    s->blocks = dw_alloc_array(a, 2, sizeof *s->blocks);
    dw_block *b = &s->blocks[s->n_blocks++];
    b->kind = DW_BLOCK_TABLE;
    b->as.table.n_cols = 2, b->as.table.n_rows = (size_t)rows;
    b->as.table.head = dw_alloc_array(a, 2, sizeof *b->as.table.head);
    b->as.table.head[0] = dw_test_text(a, rtl ? "المستوى" : "Niveau");
    b->as.table.head[1] = dw_test_text(a, rtl ? "الوصف" : "Beschreibung");
    b->as.table.cells = dw_alloc_array(a, (size_t)rows * 2, sizeof *b->as.table.cells);
    for (int r = 0; r < rows; r++) {
        b->as.table.cells[2 * r] = dw_test_text(a, "A1");
        b->as.table.cells[2 * r + 1] =
            words(a, rtl ? "تستطيع فهم جمل بسيطة" : "Sie verstehen einfache Sätze", 2 + r % 5);
    }
    return s;
}

static void tables(world *w)
{
    int narrow = 0, overflow = 0, pages_cont = 0, heads_missing = 0, proof_heads = 0;
    double share = 0;
    for (int rtl = 0; rtl < 2; rtl++) {
        dw_arena *a = dw_arena_new();
        dw_doc doc = mkdoc(w, &w->langs[rtl], table_section(a, 140, rtl), 1);
        dw_design ds;
        dw_design_defaults(&ds, false);
        dw_layout L;
        dw_layout_doc(&doc, &ds, w->sh, a, &L, &w->d);
        double fw = ds.page_w - ds.margin_inner - ds.margin_outer;
        for (size_t p = 1; p < L.n_pages; p++) {
            const dw_page *pg = &L.pages[p];
            bool il = pg->recto != (bool)rtl;
            double fl = il ? ds.margin_inner : ds.margin_outer;
            double top_td = -1, top_th = -1;
            /* the start edge of column 1 (the description) on this page */
            double c1 = rtl ? 1e9 : 1e9, c1_right = -1e9;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const dw_op *o = &pg->ops[i];
                if (o->kind != DW_OP_LINE)
                    continue;
                if (o->role == DW_R_TD && o->y > top_td)
                    top_td = o->y;
                if (o->role == DW_R_TH && o->y > top_th)
                    top_th = o->y;
                if (o->role == DW_R_TD && o->sub == 1) {
                    c1 = fmin(c1, o->x);
                    c1_right = fmax(c1_right, o->x + o->line->x_pt + o->line->width_pt);
                }
            }
            if (top_td < 0)
                continue;
            pages_cont++;
            heads_missing += !(top_th > top_td);
            /* column 0 ("A1") spans from the frame's start edge to column 1 */
            double w0 = rtl ? (fl + fw) - c1_right - 3 : c1 - 3 - fl;
            share = w0 / fw;
            narrow += share < 0.3;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const dw_op *o = &pg->ops[i];
                if (o->kind == DW_OP_LINE && o->role == DW_R_TD && o->sub == 0 && !rtl &&
                    o->x + o->line->x_pt + o->line->width_pt > c1 + 0.5)
                    overflow++;
            }
        }
        dw_proof pr;
        dw_proof_layout(&L, a, &pr);
        proof_heads += (int)pr.count[DW_PF_TABLE_HEAD];
        dw_arena_free(a);
    }
    CHECK(pages_cont >= 4 && narrow == pages_cont && overflow == 0, "makeup-table-columns-from-content",
          "%d of %d pages with a narrow 'A1' column (last share %.2f of the measure), %d cell "
          "lines overflow", narrow, pages_cont, share, overflow);
    CHECK(pages_cont >= 4 && heads_missing == 0, "makeup-table-header-repeated",
          "%d of %d pages with table rows lack the header row above them", heads_missing,
          pages_cont);
    CHECK(proof_heads == heads_missing, "makeup-proof-agrees-table-header",
          "the proof counts %d, the test %d", proof_heads, heads_missing);
}

/* ---- cover ------------------------------------------------------------------ */
static void covers(world *w)
{
    int collide = 0, tried = 0, warned_fit = 0, unwarned_bad = 0, proof_overlap = 0;
    for (int rtl = 0; rtl < 2; rtl++)
        for (int n = 1; n <= 40; n += 3) {
            dw_arena *a = dw_arena_new();
            dw_section *s = table_section(a, 1, rtl);
            dw_doc doc = mkdoc(w, &w->langs[rtl], s, 1);
            doc.title = words(a, rtl ? "مبادئ توجيهية" : "Leitlinien zur Teilhabe", n);
            dw_design ds;
            dw_design_defaults(&ds, true);
            dw_layout L;
            int warn0 = w->d.warnings;
            dw_layout_doc(&doc, &ds, w->sh, a, &L, &w->d);
            bool warned = false;
            for (size_t k = 0; k < w->d.n; k++)
                warned |= w->d.msgs[k].sev == DW_WARNING && strstr(w->d.msgs[k].text, "does not fit");
            (void)warn0;
            const dw_page *pg = &L.pages[0];
            double title_top = -1e9, label_bottom = 1e9;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const dw_op *o = &pg->ops[i];
                if (o->kind != DW_OP_LINE)
                    continue;
                double sz = size_of(o->line);
                if (o->role == DW_R_H1)
                    title_top = fmax(title_top, o->y + 0.76 * sz);
                else if (o->line->text && strcmp(o->line->text, w->langs[rtl].name) == 0)
                    label_bottom = fmin(label_bottom, o->y - 0.18 * sz);
            }
            tried++;
            bool bad = title_top > label_bottom;
            collide += bad && !warned;
            warned_fit += warned;
            unwarned_bad += bad && !warned;
            dw_proof pr;
            dw_proof_layout(&L, a, &pr);
            proof_overlap += bad != (pr.count[DW_PF_OVERLAP] > 0);
            dw_arena_free(a);
            dw_diag_fini(&w->d);
            dw_diag_init(&w->d);
        }
    CHECK(collide == 0 && unwarned_bad == 0, "makeup-cover-title-fits",
          "%d of %d titles run into the language name without a warning", collide, tried);
    CHECK(proof_overlap == 0, "makeup-proof-agrees-cover-overlap",
          "%d covers where the proof and the test disagree about an overlap", proof_overlap);
    (void)warned_fit;
}

/* ---- running heads ------------------------------------------------------------ */
static const dw_op *running_head(const dw_layout *L, size_t p)
{
    const dw_design *ds = L->design;
    for (size_t i = 0; i < L->pages[p].n_ops; i++) {
        const dw_op *o = &L->pages[p].ops[i];
        if (o->kind == DW_OP_LINE && o->elem < 0 && o->y > ds->page_h - ds->margin_top)
            return o;
    }
    return NULL;
}

static void heads(world *w)
{
    for (int own = 0; own < 2; own++) {
        dw_arena *a = dw_arena_new();
        dw_doc doc = mkdoc(w, &w->langs[0], table_section(a, 30, false), 1);
        doc.title = words(a, "Leitlinien zur Teilhabe von Zugewanderten", 4);
        if (own)
            doc.running_title = dw_test_text(a, "Leitlinien");
        dw_design ds;
        dw_design_defaults(&ds, true);
        dw_layout L;
        dw_layout_doc(&doc, &ds, w->sh, a, &L, &w->d);
        double fw = ds.page_w - ds.margin_inner - ds.margin_outer;
        int heads_seen = 0, too_wide = 0, wrong = 0;
        for (size_t p = 1; p < L.n_pages; p++) {
            const dw_op *o = running_head(&L, p);
            if (!o)
                continue;
            heads_seen++;
            too_wide += o->line->width_pt > fw * 0.8 + 0.5;
            const char *t = o->line->text;
            size_t n = strlen(t);
            bool ok = own ? strcmp(t, "Leitlinien") == 0
                          : n > 3 && strcmp(t + n - 3, "…") == 0;
            wrong += !ok;
        }
        bool warned = false;
        for (size_t k = 0; k < w->d.n; k++)
            warned |= w->d.msgs[k].sev == DW_WARNING && strstr(w->d.msgs[k].text, "running-title");
        dw_proof pr;
        dw_proof_layout(&L, a, &pr);
        if (own)
            CHECK(heads_seen > 2 && too_wide == 0 && wrong == 0 && !warned,
                  "makeup-running-title-used", "%d heads, %d too wide, %d not the running title, "
                  "warned %d", heads_seen, too_wide, wrong, warned);
        else
            CHECK(heads_seen > 2 && too_wide == 0 && wrong == 0 && warned &&
                      pr.count[DW_PF_CUT_HEAD] == 0,
                  "makeup-running-head-shortened-with-ellipsis",
                  "%d heads, %d too wide, %d without '…', warned %d, proof %zu", heads_seen,
                  too_wide, wrong, warned, pr.count[DW_PF_CUT_HEAD]);
        dw_arena_free(a);
        dw_diag_fini(&w->d);
        dw_diag_init(&w->d);
    }
}

int main(void)
{
    world w;
    if (!dw_test_world_init(&w, "makeup", "Deutsch", "العربية"))
        return 1;
    keep_chains(&w);
    tables(&w);
    covers(&w);
    heads(&w);
    dw_test_world_fini(&w);
    return dw_test_failed ? 1 : 0;
}
