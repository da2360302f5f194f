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
 *     title when given, else the title shortened with "…" and a warning;
 *   - rivers: paragraphs of one word repeated have none once laid out
 *     (and have some with DRUCKWERK_KEEP_RIVERS=1);
 *   - a paragraph too loose at the usual letter-spacing stays justified
 *     with the tighter setting, rather than ragged among its neighbours;
 *   - a two-column layout: no heading ends a column, no line runs into
 *     the other column, no widow or orphan at a column's top or foot.
 * The proof (src/proof/) is run over the same documents as well and must
 * agree (no stranded heading, no table without its header, no overlap).
 * Fonts: fonts/fonts.yaml (Debian fonts-noto-core).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- rivers, ragged paragraphs, two columns ------------------------------- */
static dw_doc doc_of(world *w, dw_arena *a, const dw_lang *lang, const dw_text *ps, size_t n)
{
    dw_section *s = dw_alloc(a, sizeof *s);
    s->id = "r", s->level = 1, s->title = dw_test_text(a, "Abschnitt");
    s->blocks = dw_alloc_array(a, n + 1, sizeof *s->blocks);
    for (size_t i = 0; i < n; i++)
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P, .as.para.text = ps[i]};
    return mkdoc(w, lang, s, 1);
}

#define PROSE "Sie sind neu in Deutschland oder erst seit kurzer Zeit hier. Vielleicht " \
    "möchten Sie Deutsch lernen. Vielleicht suchen Sie eine gute Schule für Ihre Kinder. " \
    "Oder Sie möchten eine Ausbildung machen, studieren oder in Ihrem Beruf arbeiten."

/* One word repeated stands in the same places on every line: its spaces
 * form rivers unless the layout closes them (letters take a share of the
 * gap, or the paragraph goes ragged).  The same paragraphs with the rule
 * off (DRUCKWERK_KEEP_RIVERS=1) must have rivers, or the test is void.  */
static void rivers_avoided(world *w, const dw_lang *de, const dw_design *ds)
{
    static const char *const ws[] = {"i", "m", "W", "il", "mm", "WW", "ill", "mmm", "Haus",
                                     "Dorf", "Rad", "Tor", "mmmm", "Wald"};
    size_t counts[2] = {0, 0};
    for (int keep = 0; keep < 2; keep++) {
        setenv("DRUCKWERK_KEEP_RIVERS", keep ? "1" : "0", 1);
        dw_arena *a = dw_arena_new();
        dw_text ps[14];
        for (size_t i = 0; i < 14; i++)
            ps[i] = words(a, ws[i], 40);
        dw_doc doc = doc_of(w, a, de, ps, 14);
        dw_layout L;
        dw_layout_doc(&doc, ds, w->sh, a, &L, &w->d);
        dw_proof pr;
        dw_proof_layout(&L, a, &pr);
        counts[keep] = pr.count[DW_PF_RIVER];
        dw_arena_free(a);
    }
    setenv("DRUCKWERK_KEEP_RIVERS", "0", 1);
    CHECK(counts[1] > 0 && counts[0] == 0, "makeup-rivers-closed",
          "%zu rivers left by the layout (%zu when it ignores them)", counts[0], counts[1]);
}

/* The widest letter-spacing of a line, in ems (kashidas are not). */
static double letters_em(const dw_line *l)
{
    double worst = 0;
    for (size_t r = 0; r < l->n_runs; r++)
        for (size_t g = 0; g < l->runs[r].n_glyphs; g++) {
            const dw_glyph *gl = &l->runs[r].glyphs[g];
            if (!dw_glyph_is_space(&l->runs[r], gl) && !gl->kashida)
                worst = fmax(worst, gl->extra_pt / l->runs[r].size_pt);
        }
    return worst;
}

/* Letters before ragged: a paragraph with a long number that cannot
 * break is laid out at 61 measures (the frame 60 pt narrower to 60 pt
 * wider, so its first line ends with every size of gap).  Where spaces
 * alone would open past twice their width, the letters take a share
 * (up to DW_TRACK_VISIBLE_EM) and the paragraph stays justified at some
 * measures; at none is a line loose or its letters over the cap.  Both
 * fail without the letter-spacing (no measure keeps it justified with
 * spaced letters) or with a higher cap.                               */
static void tight_before_ragged(world *w, const dw_lang *de, const dw_design *ds0)
{
    dw_arena *a = dw_arena_new();
    const char *next = "Die Kinder beginnen in der Grundschule. Nach der vierten Klasse wechseln "
        "sie auf eine weiterführende Schule. Die Lehrkräfte beraten Sie, welche Schule passt.";
    /* long words and, between them, long numbers that cannot break: a
     * line ends with a gap its spaces alone would have to fill        */
    char body[1200] = "";
    for (int k = 0; k < 1; k++)
        strcat(body, "Mittagessen Nachmittagen Schulranzen Kindergarten Elternabende "
                     "Hausaufgaben 123456789012345678 ");
    dw_text ps[3] = {dw_test_text(a, next), dw_test_text(a, body), dw_test_text(a, next)};
    int rescued = 0, bad = 0;
    double worst_letters = 0;
    for (int dx = -60; dx <= 60; dx += 2) {
        dw_design ds = *ds0;
        ds.margin_outer -= dx;
        dw_doc doc = doc_of(w, a, de, ps, 3);
        doc.name = "welcome-folder";
        dw_layout L;
        dw_layout_doc(&doc, &ds, w->sh, a, &L, &w->d);
        bool tight = false;
        for (size_t p = 0; p < L.n_pages; p++)
            for (size_t i = 0; i < L.pages[p].n_ops; i++) {
                const dw_op *o = &L.pages[p].ops[i];
                if (o->kind != DW_OP_LINE || o->role != DW_R_P || o->elem < 0)
                    continue;
                double le = letters_em(o->line);
                worst_letters = fmax(worst_letters, le);
                tight |= le > 0.001;
            }
        dw_proof pr;
        dw_proof_layout(&L, a, &pr);
        rescued += tight && pr.count[DW_PF_RAGGED] == 0 && pr.count[DW_PF_LOOSE] == 0;
        bad += pr.count[DW_PF_LOOSE] > 0 || pr.count[DW_PF_TRACKED] > 0;
    }
    CHECK(rescued > 0 && bad == 0 && worst_letters <= DW_TRACK_VISIBLE_EM + 1e-6,
          "makeup-letters-before-ragged",
          "%d of 61 measures justified with letters taking a share, %d with loose or "
          "letter-spaced lines, letters at most %.3f em apart", rescued, bad, worst_letters);
    dw_arena_free(a);
}

/* The proof's make-up rules on a two-column layout (no shipped layout
 * has two: every layouts/ file says columns: 1).  Measured here per column
 * from the lines' positions: a heading lowest in its column, and lines
 * of one column running into the other.                                */
static void two_columns(world *w, const dw_lang *lang)
{
    int stranded = 0, proof_stranded = 0, crossing = 0, proof_overlap = 0, layouts = 0,
        pages2 = 0, widows = 0, proof_widows = 0;
    for (int filler = 0; filler < 40; filler++) {
        dw_arena *a = dw_arena_new();
        dw_section *s = dw_alloc(a, sizeof *s);
        s->id = "s", s->level = 1, s->title = dw_test_text(a, "Abschnitt");
        s->blocks = dw_alloc_array(a, (size_t)filler + 3, sizeof *s->blocks);
        for (int i = 0; i < filler; i++)
            s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P,
                                                  .as.para.text = words(a, "Wort", 5 + (i % 4) * 9)};
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_H, .as.heading.text = dw_test_text(a, "Überschrift")};
        s->blocks[s->n_blocks++] = (dw_block){.kind = DW_BLOCK_P, .as.para.text = words(a, "Wort", 60)};
        dw_doc doc = mkdoc(w, lang, s, 1);
        dw_design ds;
        dw_design_defaults(&ds, false);
        ds.columns = 2;
        ds.gutter = 5 * 72 / 25.4;
        dw_layout L;
        if (!dw_layout_doc(&doc, &ds, w->sh, a, &L, &w->d)) {
            dw_arena_free(a);
            continue;
        }
        layouts++;
        for (size_t p = 1; p < L.n_pages; p++) {
            const dw_page *pg = &L.pages[p];
            double mid = ds.page_w / 2;
            const dw_op *low[2] = {NULL, NULL};
            double right0 = -1e9, left1 = 1e9;
            int cols = 0;
            for (size_t i = 0; i < pg->n_ops; i++) {
                const dw_op *o = &pg->ops[i];
                if (o->kind != DW_OP_LINE || o->elem < 0 || !o->line->n_runs)
                    continue;
                double x0 = o->x + o->line->x_pt, x1 = x0 + o->line->width_pt;
                int c = (x0 + x1) / 2 < mid ? 0 : 1;
                cols |= 1 << c;
                if (c == 0)
                    right0 = fmax(right0, x1);
                else
                    left1 = fmin(left1, x0);
                if (!low[c] || o->y < low[c]->y)
                    low[c] = o;
            }
            pages2 += cols == 3 && right0 < left1;
            /* two lines on one baseline band whose extents cross */
            for (size_t i = 0; i < pg->n_ops; i++)
                for (size_t k = i + 1; k < pg->n_ops; k++) {
                    const dw_op *o = &pg->ops[i], *q = &pg->ops[k];
                    if (o->kind != DW_OP_LINE || q->kind != DW_OP_LINE ||
                        !o->line->n_runs || !q->line->n_runs ||
                        fabs(o->y - q->y) > 0.9 * size_of(o->line))
                        continue;
                    double a0 = o->x + o->line->x_pt, b0 = q->x + q->line->x_pt;
                    crossing += a0 < b0 + q->line->width_pt - 0.5 &&
                                b0 < a0 + o->line->width_pt - 0.5;
                }
            for (int c = 0; c < 2; c++)
                stranded += low[c] && is_heading(low[c]->role) && p + 1 < L.n_pages;
        }
        /* widows and orphans: a paragraph's lines by (page, column) */
        for (size_t e = 0; e < L.n_elems; e++) {
            if (L.elems[e].role != DW_R_P)
                continue;
            int first_seg = -1, last_seg = -1, n_first = 0, n_last = 0;
            for (size_t p = 0; p < L.n_pages; p++)
                for (size_t i = 0; i < L.pages[p].n_ops; i++) {
                    const dw_op *o = &L.pages[p].ops[i];
                    if (o->kind != DW_OP_LINE || o->elem != (int)e || !o->line->n_runs)
                        continue;
                    double cx = o->x + o->line->x_pt + o->line->width_pt / 2;
                    int seg = (int)p * 2 + (cx < ds.page_w / 2 ? 0 : 1);
                    if (first_seg < 0)
                        first_seg = seg;
                    if (seg != last_seg)
                        n_last = 0;
                    last_seg = seg;
                    n_first += seg == first_seg;
                    n_last++;
                }
            widows += first_seg != last_seg && (n_first < 2 || n_last < 2);
        }
        dw_proof pr;
        dw_proof_layout(&L, a, &pr);
        proof_stranded += (int)pr.count[DW_PF_STRANDED];
        proof_overlap += (int)pr.count[DW_PF_OVERLAP];
        proof_widows += (int)pr.count[DW_PF_WIDOW];
        dw_arena_free(a);
    }
    CHECK(layouts == 40 && pages2 > 0 && stranded == 0 && crossing == 0 && widows == 0,
          "makeup-two-columns", "%d layouts, %d pages with two columns, %d headings end a column, "
          "%d lines run into others, %d widows or orphans at a column's top or foot", layouts,
          pages2, stranded, crossing, widows);
    CHECK(proof_stranded == stranded && (proof_overlap > 0) == (crossing > 0) &&
              proof_widows == widows,
          "makeup-proof-agrees-two-columns",
          "the proof counts %d stranded headings (the test %d), %d overlaps (the test %d), "
          "%d widows or orphans (the test %d)", proof_stranded, stranded, proof_overlap, crossing,
          proof_widows, widows);
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
    {
        dw_lang de = dw_test_lang("de", "Deutsch", false);
        de.hyphenation = "hyph_de_DE.dic";
        dw_design ds;
        dw_arena *da = dw_arena_new();
        if (!dw_content_load_design("layouts/education-brochure.yaml", &ds, da, &w.d)) {
            dw_test_fail("makeup-design", "layouts/education-brochure.yaml did not load");
        } else {
            rivers_avoided(&w, &de, &ds);
        }
        /* German without patterns: no word breaks */
        dw_lang plain = dw_test_lang("de", "Deutsch", false);
        dw_design wf;
        if (dw_content_load_design("layouts/welcome-folder.yaml", &wf, da, &w.d))
            tight_before_ragged(&w, &plain, &wf);
        else
            dw_test_fail("makeup-design", "layouts/welcome-folder.yaml did not load");
        two_columns(&w, &w.langs[0]);
        dw_arena_free(da);
    }
    dw_test_world_fini(&w);
    return dw_test_failed ? 1 : 0;
}
