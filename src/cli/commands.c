/*
 * commands.c — the commands other than build: each checks its
 * arguments and calls the stage that does the work (check, list,
 * sample, text, preflight, booklet-order, proof, dump, import-courses,
 * export-xliff and import-xliff).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../build/coverage.h"
#include "../build/images.h"
#include "../content/xliff.h"
#include "../layout/export.h"
#include "../layout/layout.h"
#include "../pdf/pdf.h"
#include "../pdf/render.h"
#include "../preflight/preflight.h"
#include "../proof/proof.h"
#include "cli.h"

/* A wrong flag: one line and where to read more, not the whole usage. */
int dw_cli_usage_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "druckwerk: %s; see druckwerk --help\n", msg);
    return 2;
}

int dw_cli_check(env *e)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    dw_date today = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    dw_content_check(&e->content, today, stdout, &e->d);
    dw_images_check(&e->content, &e->d);
    for (int i = 0; i < DW_N_DOCS; i++)
        dw_art_check(&e->content, &e->designs[i], &e->d);
    if (e->sh) {
        for (size_t i = 0; i < e->content.n_langs; i++)
            dw_coverage_lang(e->sh, &e->content.langs[i], &e->d);
        for (size_t i = 0; i < e->content.n_docs; i++)
            dw_coverage_doc(e->sh, &e->content.docs[i], &e->d);
    }
    int glossary = dw_content_check_glossary(&e->content, &e->d);
    int unknown = e->o.spelling ? dw_content_check_spelling(&e->content, &e->d) : 0;
    fflush(stdout);
    dw_diag_print(&e->d, stderr);
    fflush(stderr);
    dw_content_confirm_table(&e->content, stdout);
    printf("check: %d error(s), %d warning(s), %d glossary violation(s)", e->d.errors,
           e->d.warnings, glossary);
    if (e->o.spelling)
        printf(", %d unknown word(s)", unknown);
    printf("\n");
    return e->d.errors ? 1 : 0;
}

int dw_cli_list(env *e)
{
    printf("%-24s %-5s %-9s %s\n", "document", "lang", "pages", "variants");
    for (size_t i = 0; i < e->content.n_docs; i++) {
        const dw_doc *doc = &e->content.docs[i];
        if (!dw_cli_selected(e, doc))
            continue;
        const dw_design *ds = &e->designs[dw_cli_doc_index(doc->name)];
        dw_arena *a = dw_arena_new();
        dw_layout L;
        bool ok = dw_layout_doc(doc, ds, e->sh, a, &L, &e->d);
        printf("%-24s %-5s %-9zu office print %sweb\n", doc->name, doc->lang->code,
               ok ? L.n_pages : 0, ds->booklet ? "booklet " : "");
        dw_arena_free(a);
    }
    if (e->d.errors)
        dw_diag_print(&e->d, stderr);
    return e->d.errors ? 1 : 0;
}

/* One paragraph in one language on an A4 page: the tests compare its
 * glyphs with hb-shape and its text with the input.                    */
int dw_cli_sample(env *e)
{
    if (!e->o.lang || !e->o.text || strcmp(e->o.out, "out") == 0) {
        fprintf(stderr, "druckwerk: sample needs --lang, --text and --out FILE.pdf; see "
                        "druckwerk --help\n");
        return 2;
    }
    const dw_lang *l = dw_content_lang(&e->content, e->o.lang);
    if (!l) {
        fprintf(stderr, "druckwerk: no language '%s' in %s/languages\n", e->o.lang, e->o.content);
        return 2;
    }
    dw_arena *a = dw_arena_new();
    dw_text t = dw_inline_parse(a, e->o.text, (dw_loc){"--text", 1, 1}, &e->d);
    dw_tspan *sp;
    size_t n_sp = dw_layout_spans(&e->content, l, &t, a, &sp);
    dw_para_spec spec = {.spans = sp, .n_spans = n_sp, .lang = l->code, .script = l->script,
                         .hyphenation = l->hyphenation, .rtl = l->rtl, .size_pt = 11,
                         .width_pt = e->o.width_mm * 72 / 25.4, .align = DW_ALIGN_JUSTIFY,
                         .loc = t.loc, .what = "sample"};
    dw_para p;
    int rc = 1;
    if (e->d.errors || !dw_text_para(e->sh, &spec, a, &p, &e->d))
        goto done;
    dw_pdf_info info = {.title = "druckwerk sample", .lang = l->code, .id_seed = e->o.text,
                        .epoch = 0, .rtl = l->rtl};
    dw_drawing *g = dw_drawing_new(&e->d);
    if (!g)
        goto done;
    /* the page fits the measure, with 1 in margins */
    double pw = spec.width_pt + 144, ph = 841.89;
    dw_draw_page(g);
    double x = 72, y = ph - 72;
    for (size_t i = 0; i < p.n_lines; i++, y -= 16)
        dw_draw_line(g, &p.lines[i], x, y, (dw_cmyk){0, 0, 0, 1}, (dw_cmyk){0.9, 0.35, 0.2, 0.15});
    dw_pdf *pdf = dw_drawing_finish(g) ? dw_pdf_new(&info, g, &e->d) : NULL;
    if (pdf) {
        dw_pdf_page(pdf, pw, ph);
        dw_pdf_show(pdf, 0, 0, 0, NULL);
        rc = dw_pdf_save(pdf, e->o.out, &e->d) ? 0 : dw_pdf_write_failed(pdf) ? 3 : 1;
    }
    dw_pdf_free(pdf);
    dw_drawing_free(g);
done:
    if (e->d.n)
        dw_diag_print(&e->d, stderr);
    dw_arena_free(a);
    return rc;
}

int dw_cli_text(env *e)
{
    const dw_doc *doc = e->o.doc && e->o.lang ? dw_content_doc(&e->content, e->o.doc, e->o.lang) : NULL;
    if (!doc) {
        fprintf(stderr, "druckwerk: text needs --doc and --lang of an existing document; see "
                        "druckwerk --help\n");
        return 2;
    }
    dw_export_text(doc, stdout);
    return 0;
}

/* What preflight may use: qpdf inflates each stream whole, and a 2 MB
 * PDF that inflates to 2 GB took 6 GB and three minutes.  Our PDFs need
 * ~100 MB; past 1 GiB qpdf's allocation fails, it reports the file as
 * unreadable, and preflight says so.  Not under AddressSanitizer, which
 * reserves terabytes of address space.                                 */
#define PREFLIGHT_MAX_MEMORY (1ul << 30)
#if defined(__SANITIZE_ADDRESS__)
#define DW_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DW_ASAN 1
#endif
#endif

int dw_cli_preflight(env *e)
{
    int worst = 0;
#ifndef DW_ASAN
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && (rl.rlim_cur == RLIM_INFINITY ||
                                           rl.rlim_cur > PREFLIGHT_MAX_MEMORY)) {
        rl.rlim_cur = PREFLIGHT_MAX_MEMORY;
        setrlimit(RLIMIT_AS, &rl);
    }
#endif
    for (int i = 0; i < e->o.n_args; i++) {
        if (e->o.json)
            fputs(i ? ",\n" : "[\n", stdout);
        int r = dw_preflight_file(e->o.args[i], stdout, e->o.json);
        worst = r > worst ? r : worst;
    }
    if (e->o.json && e->o.n_args)
        fputs("\n]\n", stdout);
    if (!e->o.n_args) {
        fprintf(stderr, "druckwerk: preflight needs PDF files; see druckwerk --help\n");
        return 2;
    }
    return worst; /* 0 passed, 1 a check failed, 2 unreadable */
}

int dw_cli_booklet_order(env *e)
{
    const char *arg = e->o.n_args ? e->o.args[0] : NULL;
    char *end;
    long n = arg ? strtol(arg, &end, 10) : 0;
    if (!arg || *end || n < 4 || n % 4 || n > 1000 || e->o.n_args > 1) {
        fprintf(stderr, "druckwerk: booklet-order needs a page count that is a multiple of 4; "
                        "see druckwerk --help\n");
        return 2;
    }
    int *order = dw_xmalloc((size_t)n * sizeof *order);
    dw_booklet_order((int)n, e->o.rtl, order);
    for (long k = 0; k < n / 2; k++)
        printf("%ld: %d %d\n", k + 1, order[2 * k] + 1, order[2 * k + 1] + 1);
    free(order);
    return 0;
}

/* The page make-up defects (src/proof/). */
int dw_cli_proof(env *e)
{
    return dw_proof_cmd(&e->content, e->designs, e->sh, e->o.doc, e->o.lang, e->o.sheet, &e->d);
}

/* The laid-out pages as text (layout/dump.c): the golden tests. */
int dw_cli_dump(env *e)
{
    const dw_doc *doc = e->o.doc && e->o.lang ? dw_content_doc(&e->content, e->o.doc, e->o.lang) : NULL;
    unsigned long first = 1, last = (unsigned long)-1;
    int used = 0;
    if (e->o.pages && (sscanf(e->o.pages, "%lu-%lu%n", &first, &last, &used) != 2 ||
                       e->o.pages[used] || first < 1 || last < first))
        return dw_cli_usage_error("--pages needs a range such as 3-4, not '%.100s'", e->o.pages);
    if (!doc)
        return dw_cli_usage_error("%s", "dump needs --doc and --lang of an existing document");
    dw_arena *a = dw_arena_new();
    dw_layout L;
    bool ok = dw_layout_doc(doc, &e->designs[dw_cli_doc_index(doc->name)], e->sh, a, &L, &e->d);
    if (ok)
        dw_layout_dump(&L, first - 1, last - 1, stdout);
    if (e->d.n)
        dw_diag_print(&e->d, stderr);
    dw_arena_free(a);
    return ok ? 0 : 1;
}

/* The course database's CSV export → courses.yaml (nothing else loads:
 * only contacts.yaml, for the providers).                               */
int dw_cli_import_courses(env *e)
{
    const opts *o = &e->o;
    if (o->n_args != 1) {
        fprintf(stderr, "druckwerk: import-courses needs the CSV file; see druckwerk --help\n");
        return 2;
    }
    char out[1024];
    if (!o->out_given) /* the content's course list */
        snprintf(out, sizeof out, "%s/courses.yaml", o->content);
    else
        snprintf(out, sizeof out, "%s", o->out);
    dw_diag d;
    dw_diag_init(&d);
    int rc = dw_content_import_courses(o->args[0], o->content, out, &d);
    dw_diag_print(&d, stderr);
    if (rc == 1)
        fprintf(stderr, "druckwerk: %d error(s); %s was not changed\n", d.errors, out);
    dw_diag_fini(&d);
    return rc;
}

/* export-xliff / import-xliff (content/xliff.c): files only, no fonts. */
int dw_cli_xliff(env *e)
{
    const opts *o = &e->o;
    bool export = strcmp(o->cmd->name, "export-xliff") == 0;
    if (export ? !o->doc || !o->lang : o->n_args != 1) {
        fprintf(stderr, "druckwerk: %s; see druckwerk --help\n",
                export ? "export-xliff needs --doc NAME and --lang CODE"
                       : "import-xliff needs the XLIFF file");
        return 2;
    }
    dw_diag d;
    dw_diag_init(&d);
    dw_arena *a = dw_arena_new(); /* the messages' file names live here */
    bool ok, written = false;
    if (export) {
        FILE *f = o->out_given ? fopen(o->out, "wb") : stdout;
        if (!f) {
            fprintf(stderr, "druckwerk: cannot write '%s': %s\n", o->out, strerror(errno));
            dw_diag_fini(&d);
            dw_arena_free(a);
            return 3;
        }
        ok = dw_xliff_export(o->content, o->doc, o->lang, o->changed, f, a, &d);
        if (f != stdout && fclose(f) != 0)
            ok = false;
        if (!ok && o->out_given)
            remove(o->out);
    } else {
        ok = dw_xliff_import(o->content, o->args[0], &written, a, &d);
    }
    dw_diag_print(&d, stderr);
    if (!export && ok)
        fprintf(stderr, written ? "druckwerk: the translation was written\n"
                                : "druckwerk: nothing changed; no file was written\n");
    else if (!export)
        fprintf(stderr, "druckwerk: %d error(s); nothing was written\n", d.errors);
    dw_diag_fini(&d);
    dw_arena_free(a);
    return ok ? 0 : 1;
}
