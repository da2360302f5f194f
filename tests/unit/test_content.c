/*
 * test_content.c — the content stage (src/content/): the fixture content set (tests/fixtures/content, loads and
 * checks clean), every error file in tests/errors/, and dw_content_check
 * on tests/fixtures/check.  Runs from the repository root; prints
 * "ok NAME" or "FAIL NAME: why" per case, exits 1 if any failed.
 *
 * tests/errors/NAME.yaml: lines "# expect: LINE:COL: error: MESSAGE"
 * name every diagnostic the file must give — exactly those, no others
 * (with an error among them the loader must return false, else true).
 * What the file is loaded as follows its name: contacts-*.yaml as
 * contacts.yaml, courses-*.yaml as courses.yaml, language-*.yaml as
 * languages/fa.yaml, anything else as welcome-folder/de.yaml; a line
 * "# as: welcome-folder/ar.yaml" overrides that.  The file is loaded
 * on top of the fixture content: languages (de, ar) always, contacts for
 * courses and documents, courses for documents.
 */
#include "content/content_int.h"
#include "lib/world.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "tests/fixtures/content"
#define CHECK_FIXTURE "tests/fixtures/check"
static const dw_date TODAY = {2026, 6, 1};

static const char *sev_name(enum dw_severity s)
{
    return s == DW_ERROR ? "error" : s == DW_WARNING ? "warning" : "note";
}

/* All messages of d, one per line (for failure output). */
static char *all_msgs(const dw_diag *d)
{
    dw_buf b;
    dw_buf_init(&b);
    for (size_t i = 0; i < d->n; i++) {
        char *s = dw_diag_format(&d->msgs[i]);
        dw_buf_printf(&b, "\n    %s", s);
        free(s);
    }
    dw_buf_putc(&b, 0);
    return b.data;
}

/* ---- the fixture content set ------------------------------------------------------ */

static const dw_block *block(const dw_doc *doc, size_t sec, size_t i)
{
    return sec < doc->n_sections && i < doc->sections[sec].n_blocks
               ? &doc->sections[sec].blocks[i]
               : NULL;
}

/* The model the fixture files describe, checked field by field. */
static const char *model_problem(const dw_content *c)
{
    if (c->n_langs != 2 || strcmp(c->langs[0].code, "de") || strcmp(c->langs[1].code, "ar"))
        return "languages: want de, ar";
    const dw_lang *ar = &c->langs[1];
    if (!ar->rtl || strcmp(ar->script, "Arab") || ar->digits != DW_DIGITS_ARABIC_INDIC ||
        ar->hyphenation || strcmp(ar->date_format, "{d}/{m}/{y}") || ar->n_words != 53 ||
        strcmp(dw_lang_word(ar, "page"), "صفحة"))
        return "languages/ar.yaml fields";
    const dw_lang *de = &c->langs[0];
    if (de->rtl || strcmp(de->hyphenation, "hyph_de_DE.dic") || !dw_lang_word(de, "yes") ||
        strcmp(dw_lang_word(de, "no"), "nein"))
        return "languages/de.yaml fields";
    if (c->n_contacts != 3 || c->n_courses != 2 || c->n_docs != 6)
        return "counts of contacts, courses, documents";
    const dw_contact *lk = dw_content_contact(c, "lk-cloppenburg");
    if (!lk || strcmp(lk->unit, "Kreishaus") || strcmp(lk->phone, "04471 15-0") ||
        lk->n_hours != 2 || lk->hours[0].days != 0x1f || strcmp(lk->hours[0].from, "08:30") ||
        lk->hours[1].days != 1u << DW_THU || lk->n_languages != 2 || !lk->unverified ||
        strcmp(lk->category, "authorities") || lk->loc.line != 3 || lk->loc.col != 5)
        return "contact lk-cloppenburg";
    const dw_contact *vhs = dw_content_contact(c, "vhs-cloppenburg");
    const dw_text *about = vhs ? dw_contact_about(vhs, "de") : NULL;
    if (!about || about->n_spans != 3 || about->spans[1].style != DW_STYLE_STRONG ||
        vhs->unverified || vhs->email || vhs->n_hours)
        return "contact vhs-cloppenburg";
    const dw_course *ik = &c->courses[0];
    if (strcmp(ik->id, "vhs-clp-ik-2026-2") || ik->provider != vhs ||
        strcmp(ik->level, "A1-B1") || ik->start.y != 2026 || ik->start.m != 8 ||
        ik->end.d != 26 || ik->days != 0x1f || strcmp(ik->to, "12:45") ||
        ik->cost != DW_COST_BAMF || !ik->childcare || !ik->unverified)
        return "course vhs-clp-ik-2026-2";
    if (c->courses[1].cost != DW_COST_FREE || c->courses[1].level ||
        c->courses[1].days != 1u << DW_WED)
        return "course cafe-friesoythe";
    /* documents: dw_doc_names order, German first */
    const char *order[6][2] = {{"welcome-folder", "de"},         {"welcome-folder", "ar"},
                               {"education-brochure", "de"},     {"education-brochure", "ar"},
                               {"integration-guidelines", "de"}, {"integration-guidelines", "ar"}};
    for (size_t i = 0; i < 6; i++)
        if (strcmp(c->docs[i].name, order[i][0]) || strcmp(c->docs[i].lang->code, order[i][1]))
            return "document order";
    const dw_doc *wf = dw_content_doc(c, "welcome-folder", "de");
    if (wf->edition.y != 2026 || wf->edition.m != 5 || wf->source_edition.y != 0 ||
        strcmp(wf->version, "1.0") || wf->n_legal != 2 || wf->n_sections != 2 ||
        strcmp(wf->file, FIXTURE "/welcome-folder/de.yaml"))
        return "welcome-folder/de.yaml head";
    if (wf->legal[0].n_spans != 2 || wf->legal[0].spans[1].kind != DW_SPAN_LTR ||
        strcmp(wf->legal[0].spans[0].text, "Herausgeber: Landkreis Cloppenburg, "))
        return "legal paragraphs";
    static const enum dw_block_kind kinds[] = {
        DW_BLOCK_P,        DW_BLOCK_H,     DW_BLOCK_LIST,  DW_BLOCK_STEPS,
        DW_BLOCK_NOTE,     DW_BLOCK_CONTACTS, DW_BLOCK_TABLE, DW_BLOCK_IMAGE,
        DW_BLOCK_PAGEBREAK};
    const dw_section *s = &wf->sections[0];
    if (strcmp(s->id, "first-steps") || s->level != 1 || s->n_blocks != 9 || s->n_subs != 1 ||
        s->subs[0].level != 2 || strcmp(s->subs[0].id, "registration"))
        return "section first-steps";
    for (size_t i = 0; i < 9; i++)
        if (s->blocks[i].kind != kinds[i])
            return "block kinds of first-steps";
    const dw_block *b = block(wf, 0, 0);
    if (b->loc.line != 20 || b->loc.col != 9 || b->as.para.text.loc.line != 20 ||
        b->as.para.text.loc.col != 12)
        return "block location";
    b = block(wf, 0, 5);
    if (b->kind != DW_BLOCK_CONTACTS || b->as.contacts.n != 2 || b->as.contacts.list[0] != lk ||
        strcmp(b->as.contacts.list[1]->id, "notruf"))
        return "contacts block";
    b = block(wf, 0, 6);
    if (b->kind != DW_BLOCK_TABLE || b->as.table.n_cols != 2 || b->as.table.n_rows != 2 ||
        strcmp(b->as.table.head[1].spans[0].text, "Uhrzeit") ||
        strcmp(b->as.table.cells[3].spans[0].text, "14–17 Uhr"))
        return "table block";
    b = block(wf, 0, 7);
    if (b->kind != DW_BLOCK_IMAGE || strcmp(b->as.image.file, "images/map.png") ||
        b->as.image.decorative || b->as.image.alt.n_spans != 1)
        return "image block";
    b = block(wf, 1, 0);
    if (b->kind != DW_BLOCK_COURSES || b->as.courses.n_types != 2 ||
        strcmp(b->as.courses.types[1], "language-cafe"))
        return "courses block";
    b = block(wf, 1, 1);
    if (b->kind != DW_BLOCK_IMAGE || !b->as.image.decorative || b->as.image.alt.n_spans)
        return "decorative image";
    const dw_doc *eb = dw_content_doc(c, "education-brochure", "ar");
    if (!eb || !eb->lang->rtl || eb->source_edition.d != 1 ||
        block(eb, 0, 1)->kind != DW_BLOCK_COURSES || block(eb, 0, 1)->as.courses.types != NULL)
        return "education-brochure/ar.yaml";
    const dw_doc *ig = dw_content_doc(c, "integration-guidelines", "de");
    b = block(ig, 0, 1);
    if (!b || b->kind != DW_BLOCK_PRINCIPLE ||
        strcmp(b->as.principle.title.spans[0].text, "Deutsch als Schlüssel") ||
        ig->n_legal != 1 || strcmp(ig->legal[0].spans[0].text, "Entwurf, nicht beschlossen."))
        return "integration-guidelines/de.yaml";
    return NULL;
}

static void test_fixture(void)
{
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    bool loaded = dw_content_load(&c, FIXTURE, a, &d);
    char *msgs = all_msgs(&d);
    if (!loaded || d.errors || d.warnings)
        dw_test_fail("fixture/load", "want no errors or warnings, got:%s", msgs);
    else
        dw_test_ok("fixture/load");
    const char *why = model_problem(&c);
    if (why)
        dw_test_fail("fixture/model", "%s", why);
    else
        dw_test_ok("fixture/model");
    free(msgs);

    /* check: clean apart from the note on unverified data */
    dw_diag_fini(&d);
    dw_diag_init(&d);
    char *table = NULL;
    size_t table_len = 0;
    FILE *out = open_memstream(&table, &table_len);
    dw_content_check(&c, TODAY, out, &d);
    fclose(out);
    msgs = all_msgs(&d);
    if (d.errors || d.warnings || d.n != 1 || d.msgs[0].sev != DW_NOTE ||
        !strstr(d.msgs[0].text, "1 contact and 1 course are not yet confirmed"))
        dw_test_fail("fixture/check", "want only the note on unverified data, got:%s", msgs);
    else if (!strstr(table, "ar        ok              ok                  ok") ||
             !strstr(table, "contact lk-cloppenburg") ||
             !strstr(table, "course  vhs-clp-ik-2026-2"))
        dw_test_fail("fixture/check", "unexpected tables:\n%s", table);
    else
        dw_test_ok("fixture/check");
    free(table);
    free(msgs);
    dw_diag_fini(&d);
    dw_arena_free(a);
}

/* The same documents one by one through the public single-file entry. */
static void test_doc_file(void)
{
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    dw_content_load(&c, FIXTURE, a, &d);
    c.n_docs = 0;
    bool loaded = dw_content_load_doc_file(&c, FIXTURE "/welcome-folder/ar.yaml", a, &d);
    if (!loaded || d.errors || c.n_docs != 1 || strcmp(c.docs[0].lang->code, "ar"))
        dw_test_fail("doc-file/ar", "did not load cleanly (%d errors)", d.errors);
    else
        dw_test_ok("doc-file/ar");
    /* with an empty content set the language cannot be found */
    dw_content empty;
    memset(&empty, 0, sizeof empty);
    dw_diag_fini(&d);
    dw_diag_init(&d);
    loaded = dw_content_load_doc_file(&empty, FIXTURE "/welcome-folder/de.yaml", a, &d);
    if (loaded || empty.n_docs != 0 || d.errors < 2 ||
        !strstr(d.msgs[0].text, "there is no language file languages/de.yaml"))
        dw_test_fail("doc-file/empty-content", "want errors for the language and contacts, got %d",
             d.errors);
    else
        dw_test_ok("doc-file/empty-content");
    dw_diag_fini(&d);
    dw_diag_init(&d);
    dw_content none;
    loaded = dw_content_load(&none, "tests/fixtures/no-such-folder", a, &d);
    if (loaded || d.errors != 1 || none.n_langs || !strstr(d.msgs[0].text, "does not exist"))
        dw_test_fail("load/no-folder", "want one error naming the folder, got %d", d.errors);
    else
        dw_test_ok("load/no-folder");
    dw_diag_fini(&d);
    dw_diag_init(&d);
    loaded = dw_content_load_doc_file(&c, "tests/fixtures/no-such-file.yaml", a, &d);
    if (loaded || d.errors != 1)
        dw_test_fail("doc-file/missing", "want one error");
    else
        dw_test_ok("doc-file/missing");
    dw_diag_fini(&d);
    dw_arena_free(a);
}

/* ---- tests/errors/NAME.yaml ----------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void run_error_file(const char *dir, const char *file)
{
    char name[300], path[600];
    snprintf(name, sizeof name, "errors/%s", file);
    snprintf(path, sizeof path, "%s/%s", dir, file);
    size_t len;
    char *data = dw_read_file(path, &len);
    if (!data) {
        dw_test_fail(name, "cannot read %s", path);
        return;
    }
    /* directives */
    char *want[64];
    size_t n_want = 0;
    char as[200] = "welcome-folder/de.yaml";
    unsigned base = 7; /* 1 languages, 2 contacts, 4 courses */
    if (starts(file, "contacts-"))
        snprintf(as, sizeof as, "contacts.yaml"), base = 1;
    else if (starts(file, "courses-"))
        snprintf(as, sizeof as, "courses.yaml"), base = 3;
    else if (starts(file, "language-"))
        snprintf(as, sizeof as, "languages/fa.yaml"), base = 1;
    for (const char *p = data; p < data + len;) {
        const char *nl = memchr(p, '\n', (size_t)(data + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
        if (n > 10 && starts(p, "# expect: ") && n_want < 64) {
            char *w = dw_xmalloc(n - 10 + 1);
            memcpy(w, p + 10, n - 10);
            w[n - 10] = 0;
            want[n_want++] = w;
        }
        else if (n > 6 && starts(p, "# as: ") && n - 6 < sizeof as)
            snprintf(as, sizeof as, "%.*s", (int)(n - 6), p + 6);
        p += n + 1;
    }
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    dw_content_load(&c, FIXTURE, a, &d);
    if (d.errors || d.warnings) {
        char *m = all_msgs(&d);
        dw_test_fail(name, "the fixture content does not load cleanly:%s", m);
        free(m);
        goto done;
    }
    if (!(base & 2))
        c.n_contacts = 0;
    if (!(base & 4))
        c.n_courses = 0;
    c.n_docs = 0;
    dw_diag_fini(&d);
    dw_diag_init(&d);
    d.max_errors = 0; /* see every error */
    bool loaded = dw_content_load_mem(&c, path, as, data, len, a, &d);
    char **got = dw_xcalloc(d.n + 1, sizeof *got);
    size_t n_got = 0;
    bool wrong_file = false;
    for (size_t i = 0; i < d.n; i++) {
        const dw_diag_msg *m = &d.msgs[i];
        if (m->sev == DW_NOTE)
            continue;
        wrong_file |= !m->loc.file || strcmp(m->loc.file, path) != 0;
        size_t sz = strlen(m->text) + 64;
        got[n_got] = dw_xmalloc(sz);
        snprintf(got[n_got++], sz, "%d:%d: %s: %s", m->loc.line, m->loc.col,
                 sev_name(m->sev), m->text);
    }
    qsort(want, n_want, sizeof *want, cmp_str);
    qsort(got, n_got, sizeof *got, cmp_str);
    bool same = n_got == n_want, want_error = false;
    for (size_t i = 0; i < n_want; i++)
        want_error |= strstr(want[i], ": error: ") != NULL;
    for (size_t i = 0; same && i < n_got; i++)
        same = strcmp(got[i], want[i]) == 0;
    if (n_want == 0)
        dw_test_fail(name, "no '# expect:' line");
    else if (!same) {
        dw_buf b;
        dw_buf_init(&b);
        for (size_t i = 0; i < n_want; i++)
            dw_buf_printf(&b, "\n    want %s", want[i]);
        for (size_t i = 0; i < n_got; i++)
            dw_buf_printf(&b, "\n    got  %s", got[i]);
        dw_test_fail(name, "diagnostics differ:%s", b.data);
        dw_buf_fini(&b);
    } else if (loaded && want_error)
        dw_test_fail(name, "the loader returned true despite errors");
    else if (!loaded && !want_error)
        dw_test_fail(name, "the loader returned false with warnings only");
    else if (wrong_file)
        dw_test_fail(name, "a message does not name %s", path);
    else
        dw_test_ok(name);
    for (size_t i = 0; i < n_got; i++)
        free(got[i]);
    free(got);
done:
    for (size_t i = 0; i < n_want; i++)
        free(want[i]);
    dw_diag_fini(&d);
    dw_arena_free(a);
    free(data);
}

static void test_error_files(void)
{
    const char *dir = "tests/errors";
    DIR *dp = opendir(dir);
    if (!dp) {
        dw_test_fail("errors", "cannot open %s", dir);
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0) {
            names = dw_xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = dw_xstrdup(e->d_name);
        }
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    if (n < 20)
        dw_test_fail("errors", "only %zu error files in %s", n, dir);
    for (size_t i = 0; i < n; i++) {
        run_error_file(dir, names[i]);
        free(names[i]);
    }
    free(names);
}

/* ---- dw_content_check ---------------------------------------------------------------- */

/* tests/fixtures/check: a German and an English welcome folder that
 * differ; expect.txt holds the tables and every message check gives.   */
static void test_check(void)
{
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    bool loaded = dw_content_load(&c, CHECK_FIXTURE, a, &d);
    char *msgs = all_msgs(&d);
    if (!loaded || d.errors || d.warnings) {
        dw_test_fail("check/load", "want a clean load, got:%s", msgs);
        free(msgs);
        goto done;
    }
    free(msgs);
    dw_test_ok("check/load");
    dw_buf b;
    dw_buf_init(&b);
    char *table = NULL;
    size_t table_len = 0;
    FILE *out = open_memstream(&table, &table_len);
    d.max_errors = 0;
    dw_content_check_sources(&c, &d);
    dw_content_check(&c, TODAY, out, &d);
    fclose(out);
    dw_buf_puts(&b, table);
    free(table);
    for (size_t i = 0; i < d.n; i++) {
        char *s = dw_diag_format(&d.msgs[i]);
        dw_buf_printf(&b, "%s\n", s);
        free(s);
    }
    size_t len;
    char *want = dw_read_file(CHECK_FIXTURE "/expect.txt", &len);
    if (getenv("DW_UPDATE_EXPECT")) { /* rewrite; review the diff */
        dw_write_file_atomic(CHECK_FIXTURE "/expect.txt", b.data, b.len);
        dw_test_ok("check/output (rewritten)");
    } else if (!want || strcmp(want, b.data) != 0)
        dw_test_fail("check/output", "differs from %s/expect.txt; got:\n%s", CHECK_FIXTURE, b.data);
    else if (d.errors != 1 || d.warnings < 10) /* the one error: integration-guidelines has no de.yaml */
        dw_test_fail("check/output", "want one error (the missing German source) and warnings");
    else
        dw_test_ok("check/output");
    free(want);
    dw_buf_fini(&b);
done:
    dw_diag_fini(&d);
    dw_arena_free(a);
}

/* Sections too large to align (check.c, MAX_LCS_CELLS) are compared
 * position by position; a model built in memory, 1,100 blocks each.    */
static void test_check_large(void)
{
    enum { N = 1100 };
    dw_arena *a = dw_arena_new();
    dw_lang langs[2] = {{.code = "de"}, {.code = "en"}};
    dw_block *blocks[2];
    dw_section secs[2];
    dw_doc docs[2];
    dw_content c = {.langs = langs, .n_langs = 2, .docs = docs, .n_docs = 2};
    for (int k = 0; k < 2; k++) {
        blocks[k] = dw_alloc_array(a, N, sizeof **blocks);
        for (size_t i = 0; i < N; i++)
            blocks[k][i] = (dw_block){.kind = DW_BLOCK_P, .loc = {"x.yaml", (int)i + 1, 1}};
        secs[k] = (dw_section){.id = "big", .loc = {"x.yaml", 1, 1}, .level = 1,
                               .blocks = blocks[k], .n_blocks = N - (size_t)k};
        docs[k] = (dw_doc){.name = "welcome-folder", .file = k ? "en.yaml" : "de.yaml",
                           .loc = {k ? "en.yaml" : "de.yaml", 1, 1}, .lang = &langs[k],
                           .edition = {2026, 5, 1}, .source_edition = {2026, 5, 1},
                           .sections = &secs[k], .n_sections = 1};
    }
    blocks[1][500].kind = DW_BLOCK_H; /* one swapped, one missing at the end */
    docs[1].source_edition = (dw_date){0, 0, 0}; /* reported at load: not "outdated" */
    char *table = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&table, &len);
    dw_diag d;
    dw_diag_init(&d);
    dw_content_check(&c, TODAY, out, &d);
    fclose(out);
    if (!strstr(table, "en        2 missing, 1 extra  -") || d.warnings < 2 ||
        !strstr(d.msgs[0].text, "this 'h' block is a 'p' block in German (de.yaml:501:1)") ||
        !strstr(d.msgs[1].text, "section 'big' has 1099 blocks, German has 1100"))
        dw_test_fail("check/large-section", "got:\n%s%s", table, d.n ? d.msgs[0].text : "");
    else
        dw_test_ok("check/large-section");
    free(table);
    dw_diag_fini(&d);
    dw_arena_free(a);
}

int main(void)
{
    test_fixture();
    test_doc_file();
    test_error_files();
    test_check();
    test_check_large();
    printf("test_content: %d passed, %d failed\n", dw_test_passed, dw_test_failed);
    return dw_test_failed ? 1 : 0;
}
