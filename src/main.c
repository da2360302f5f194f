/*
 * main.c — the command line: argv → load content, fonts and layouts →
 * lay out and render each document → exit code.
 *
 *   0  everything built (or checked) without errors
 *   1  errors in the content, layouts or fonts (nothing was replaced)
 *   2  wrong usage
 *   3  a PDF could not be written (disk, permissions)
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build/coverage.h"
#include "build/images.h"
#include "build/profile.h"
#include "build/publish.h"
#include "content/content.h"
#include "content/xliff.h"
#include "layout/export.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "pdf/render.h"
#include "preflight/preflight.h"
#include "proof/proof.h"

#define DW_VERSION "0.1.0"

/* ---- the command line: one table for commands and one for options -------
 * `druckwerk --help` is printed from these tables; tests/t_cli.sh checks
 * that the man page (druckwerk.1) and the README name every command and
 * option they hold, so the three cannot drift apart.                   */
typedef struct env env;

typedef struct command {
    const char *name;
    const char *args; /* synopsis after the name */
    const char *help; /* one or more lines */
    int (*run)(env *e);
    enum { NEEDS_NOTHING, NEEDS_CONTENT, NEEDS_DESIGNS } needs;
} command;

typedef struct option {
    const char *name; /* "--doc" */
    const char *arg;  /* "NAME", or NULL for a flag */
    const char *help;
} option;

static int cmd_build(env *e);
static int cmd_check(env *e);
static int cmd_list(env *e);
static int cmd_sample(env *e);
static int cmd_text(env *e);
static int cmd_preflight(env *e);
static int cmd_booklet_order(env *e);
static int cmd_import_courses(env *e);
static int cmd_xliff(env *e);
static int cmd_dump(env *e);
static int cmd_proof(env *e);

static const command commands[] = {
    {"build", "[--doc NAME] [--lang CODE] [--variant NAME] [--out DIR]",
     "lay out and write every document (or the ones named) into\n"
     "DIR/<variant>/<document>.<lang>.pdf (default DIR: out), all or\n"
     "nothing: DIR is replaced only when every file was written",
     cmd_build, NEEDS_DESIGNS},
    {"check", "[--spelling]",
     "check all content without writing anything: errors, missing\n"
     "translations, unconfirmed contacts, text no font can show,\n"
     "glossary terms, the facts to confirm; --spelling: Hunspell too",
     cmd_check, NEEDS_DESIGNS},
    {"list", "", "documents, languages, variants and page counts", cmd_list, NEEDS_DESIGNS},
    {"sample", "--lang CODE --text TEXT --out FILE.pdf [--width MM]",
     "set one paragraph in one language into a PDF (for tests)", cmd_sample, NEEDS_CONTENT},
    {"text", "--doc NAME --lang CODE", "the document's text in reading order, one block a line",
     cmd_text, NEEDS_CONTENT},
    {"dump", "--doc NAME --lang CODE [--pages A-B]",
     "the laid-out pages as text: items, positions, fonts, glyph\n"
     "IDs (for golden tests; --pages 3-4 limits it)",
     cmd_dump, NEEDS_DESIGNS},
    {"proof", "[--doc NAME] [--lang CODE] [--sheet DIR]",
     "the page make-up defects of each document, by page (text\n"
     "outside its frame or over other text, stranded headings, widows,\n"
     "cut running heads, loose lines, …); --sheet DIR also writes\n"
     "DIR/<document>.<lang>.pdf, all pages as thumbnails, defects in red",
     cmd_proof, NEEDS_DESIGNS},
    {"preflight", "[--json] FILE.pdf...",
     "check PDFs as a print shop would (PDF/X-4, metadata, actions,\n"
     "annotations, boxes and bleed, fonts, no RGB or Lab, total ink,\n"
     "hairlines, image resolution); --json for a workflow system",
     cmd_preflight, NEEDS_NOTHING},
    {"booklet-order", "PAGES [--rtl]",
     "which pages go on each side of the sheets of a\n"
     "saddle-stitched booklet (left page, right page)",
     cmd_booklet_order, NEEDS_NOTHING},
    {"import-courses", "FILE.csv [--out FILE.yaml]",
     "the course database's CSV export -> content/courses.yaml\n"
     "(or --out FILE.yaml); errors as FILE.csv:ROW:COL, nothing written",
     cmd_import_courses, NEEDS_NOTHING},
    {"export-xliff", "--doc NAME --lang CODE [--changed] [--out FILE.xlf]",
     "the texts of one translation as XLIFF 1.2 for translators'\n"
     "tools (German source, current translation, state per text);\n"
     "--changed: only texts whose German is new or changed",
     cmd_xliff, NEEDS_NOTHING},
    {"import-xliff", "FILE.xlf",
     "write a translated XLIFF file back into the translation's\n"
     "YAML, after checking it against the current German",
     cmd_xliff, NEEDS_NOTHING},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const option options[] = {
    {"--doc", "NAME", "welcome-folder, education-brochure, integration-guidelines"},
    {"--lang", "CODE", "de, en, ar, fa, ro, uk (any language in content/languages)"},
    {"--variant", "NAME", "office, print, booklet, web (default: all)"},
    {"--out", "DIR", "output folder (default: out); sample: the PDF file"},
    {"--content", "DIR", "content folder (default: content)"},
    {"--layouts", "DIR", "layouts folder (default: layouts)"},
    {"--fonts", "FILE", "font manifest (default: fonts/fonts.yaml)"},
    {"--icc", "FILE", "CMYK output profile for print and web (default:\n"
                      "build/FOGRA39L.icc, which make builds)"},
    {"--cache", "DIR", "keep hyphenation points here: loading the German patterns\n"
                       "takes seconds, the cache milliseconds; 'none' for no\n"
                       "cache (default: $XDG_CACHE_HOME/druckwerk or\n"
                       "~/.cache/druckwerk).  Output is the same either way."},
    {"--text", "TEXT", "sample: the paragraph (inline markup allowed)"},
    {"--width", "MM", "sample: the measure (default 120)"},
    {"--repeat", "N", "build N times (benchmark)"},
    {"--stats", NULL, "print measurements (files, pages, bytes, seconds, memory)"},
    {"--rtl", NULL, "booklet-order: a booklet bound on the right"},
    {"--pages", "A-B", "dump only pages A to B (counted from 1)"},
    {"--sheet", "DIR", "proof: write a proof sheet per document into DIR"},
    {"--allow-sample", NULL, "build: write print files that show sample data (with the band)"},
    {"--spelling", NULL, "check: every text through Hunspell as well"},
    {"--changed", NULL, "export-xliff: only texts whose German is new or changed"},
    {"--json", NULL, "preflight: the report as JSON"},
    {"--help", NULL, "this text"},
    {"--version", NULL, "the version"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

/* text after a first-line prefix, its further lines indented */
static void put_indented(FILE *f, const char *first, const char *text, int indent)
{
    fputs(first, f);
    for (const char *p = text; *p; p++) {
        fputc(*p, f);
        if (*p == '\n')
            fprintf(f, "%*s", indent, "");
    }
    fputc('\n', f);
}

static void print_usage(FILE *f)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(f, "%s druckwerk %s%s%s\n", i ? "      " : "usage:", commands[i].name,
                *commands[i].args ? " " : "", commands[i].args);
    fprintf(f, "       druckwerk --help | --version\n\n");
    for (size_t i = 0; i < N_COMMANDS; i++) {
        char first[64];
        snprintf(first, sizeof first, "  %-15s", commands[i].name);
        put_indented(f, first, commands[i].help, 17);
    }
    fprintf(f, "\noptions:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        char first[64], name[40];
        snprintf(name, sizeof name, "%s%s%s", options[i].name, options[i].arg ? " " : "",
                 options[i].arg ? options[i].arg : "");
        snprintf(first, sizeof first, "  %-16s ", name);
        put_indented(f, first, options[i].help, 19);
    }
    fprintf(f, "\nExit status: 0 ok, 1 errors in content, 2 wrong usage, 3 a file could not\n"
               "be written.  Dates in the PDFs come from SOURCE_DATE_EPOCH or, without it,\n"
               "from each document's edition date, so the same input gives the same bytes.\n");
}

typedef struct opts {
    const char *doc, *lang, *variant, *out, *content, *layouts, *fonts, *text, *icc;
    const char *cache, *pages, *sheet;
    const command *cmd;
    double width_mm;
    int repeat;
    bool stats, rtl, changed, json;
    bool allow_sample; /* --allow-sample: print files may show sample data */
    bool spelling;     /* check --spelling */
    bool out_given;    /* --out was named */
    const char **args; /* positional arguments after the command */
    int n_args;
} opts;

struct env {
    opts o;
    dw_arena *a;
    dw_diag d;
    dw_content content;
    dw_font_manifest manifest;
    dw_fontset *fs;
    dw_shaper *sh;
    dw_design designs[DW_N_DOCS];
    bool tty;
};

/* A wrong flag: one line and where to read more, not the whole usage. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "druckwerk: %s; see druckwerk --help\n", msg);
    return 2;
}

/* The longest --out we accept: files go two levels below it and the
 * staging folder beside it adds ~30 characters, far below PATH_MAX.   */
#define MAX_OUT_PATH 1000

static int parse_args(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->out = "out";
    o->content = "content";
    o->layouts = "layouts";
    o->fonts = "fonts/fonts.yaml";
    o->icc = "build/FOGRA39L.icc";
    o->repeat = 1;
    o->width_mm = 120;
    o->args = dw_xcalloc((size_t)argc + 1, sizeof *o->args);
    bool out_given = false;
    char m[300];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_usage(stdout);
            exit(0);
        } else if (strcmp(a, "--version") == 0) {
            printf("druckwerk %s\n", DW_VERSION);
            exit(0);
        } else if (strcmp(a, "--stats") == 0) {
            o->stats = true;
            continue;
        } else if (strcmp(a, "--rtl") == 0) {
            o->rtl = true;
            continue;
        } else if (strcmp(a, "--allow-sample") == 0) {
            o->allow_sample = true;
            continue;
        } else if (strcmp(a, "--spelling") == 0) {
            o->spelling = true;
            continue;
        } else if (strcmp(a, "--changed") == 0) {
            o->changed = true;
            continue;
        } else if (strcmp(a, "--json") == 0) {
            o->json = true;
            continue;
        } else if (strcmp(a, "--doc") == 0) {
            slot = &o->doc;
        } else if (strcmp(a, "--lang") == 0) {
            slot = &o->lang;
        } else if (strcmp(a, "--variant") == 0) {
            slot = &o->variant;
        } else if (strcmp(a, "--out") == 0) {
            slot = &o->out;
            out_given = true;
        } else if (strcmp(a, "--content") == 0) {
            slot = &o->content;
        } else if (strcmp(a, "--layouts") == 0) {
            slot = &o->layouts;
        } else if (strcmp(a, "--fonts") == 0) {
            slot = &o->fonts;
        } else if (strcmp(a, "--icc") == 0) {
            slot = &o->icc;
        } else if (strcmp(a, "--cache") == 0) {
            slot = &o->cache;
        } else if (strcmp(a, "--text") == 0) {
            slot = &o->text;
        } else if (strcmp(a, "--pages") == 0) {
            slot = &o->pages;
        } else if (strcmp(a, "--sheet") == 0) {
            slot = &o->sheet;
        } else if (strcmp(a, "--repeat") == 0 || strcmp(a, "--width") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs a number", a);
            char *end;
            double v = strtod(argv[++i], &end);
            if (*end || v <= 0 || v > 10000) {
                snprintf(m, sizeof m, "%s needs a positive number, not '%.200s'", a, argv[i]);
                return usage_error("%s", m);
            }
            if (a[2] == 'r')
                o->repeat = (int)v;
            else
                o->width_mm = v;
            continue;
        } else if (a[0] == '-' && a[1]) {
            snprintf(m, sizeof m, "unknown option '%.200s'", a);
            return usage_error("%s", m);
        } else if (!o->cmd) {
            for (size_t k = 0; k < N_COMMANDS; k++)
                if (strcmp(a, commands[k].name) == 0)
                    o->cmd = &commands[k];
            if (!o->cmd) {
                snprintf(m, sizeof m, "unknown command '%.200s'", a);
                return usage_error("%s", m);
            }
            continue;
        } else {
            o->args[o->n_args++] = a;
            continue;
        }
        if (i + 1 >= argc)
            return usage_error("%s needs a value", a);
        *slot = argv[++i];
    }
    if (!o->cmd)
        return usage_error("%s", "name a command (build, check, list, …)");
    o->out_given = out_given;
    bool takes_args = o->cmd->run == cmd_preflight || o->cmd->run == cmd_booklet_order ||
                      o->cmd->run == cmd_import_courses ||
                      strcmp(o->cmd->name, "import-xliff") == 0;
    if (o->n_args && !takes_args) {
        snprintf(m, sizeof m, "unexpected '%.200s'", o->args[0]);
        return usage_error("%s", m);
    }
    if (out_given && !*o->out)
        return usage_error("%s", "--out is empty: name a folder, e.g. --out out");
    if (strlen(o->out) > MAX_OUT_PATH) {
        snprintf(m, sizeof m, "the --out path is too long (%zu characters; at most %d)",
                 strlen(o->out), MAX_OUT_PATH);
        return usage_error("%s", m);
    }
    return 0;
}

static bool load_fonts(env *e)
{
    if (!dw_content_load_fonts(e->o.fonts, &e->manifest, e->a, &e->d))
        return false;
    e->fs = dw_fontset_new();
    for (size_t i = 0; i < e->manifest.n_fonts; i++) {
        const dw_font_entry *f = &e->manifest.fonts[i];
        dw_fontset_add(e->fs, f->file, f->style, f->scripts, f->n_scripts, f->loc, &e->d);
    }
    e->sh = dw_shaper_new(e->fs);
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[1024];
    if (e->o.cache && strcmp(e->o.cache, "none") == 0)
        dir[0] = 0;
    else if (e->o.cache)
        snprintf(dir, sizeof dir, "%s", e->o.cache);
    else if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/druckwerk", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.cache/druckwerk", home);
    else
        dir[0] = 0;
    dw_shaper_set_cache(e->sh, dir[0] ? dir : NULL);
    return e->d.errors == 0;
}

/* Words of the names the content knows (contacts, municipalities,
 * course places): never hyphenated, in any language ("Cloppenburg",
 * "Lindern").  Words split at ASCII spaces and punctuation.            */
static void keep_names(env *e, const char *name)
{
    if (!name)
        return;
    const char *sep = " ,.;:()/&+\"'";
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, sep);
        if (n >= 5 && n < 256 && !(*p >= 'a' && *p <= 'z')) {
            char w[256];
            memcpy(w, p, n);
            w[n] = 0;
            dw_shaper_hyph_keep(e->sh, w);
        }
        p += n;
        p += strspn(p, sep);
    }
}

/* Hyphenation exceptions of the language files and the names above. */
static void hyph_rules(env *e)
{
    for (size_t i = 0; i < e->content.n_langs; i++) {
        const dw_lang *l = &e->content.langs[i];
        for (size_t k = 0; l->hyphenation && k < l->n_hyph_exceptions; k++)
            dw_shaper_hyph_exception(e->sh, l->hyphenation, l->hyph_exceptions[k]);
    }
    for (size_t i = 0; i < e->content.n_contacts; i++) {
        keep_names(e, e->content.contacts[i].name);
        keep_names(e, e->content.contacts[i].municipality);
    }
    for (size_t i = 0; i < e->content.n_courses; i++)
        keep_names(e, e->content.courses[i].place);
}

static bool load_all(env *e, bool designs)
{
    dw_content_load(&e->content, e->o.content, e->a, &e->d);
    dw_content_check_sources(&e->content, &e->d);
    load_fonts(e);
    if (e->sh)
        hyph_rules(e);
    if (designs && e->sh) { /* hyphenation patterns load while we lay out */
        const char *names[32];
        size_t n = 0;
        for (size_t i = 0; i < e->content.n_langs && n < 32; i++)
            if (e->content.langs[i].hyphenation &&
                (!e->o.lang || strcmp(e->o.lang, e->content.langs[i].code) == 0))
                names[n++] = e->content.langs[i].hyphenation;
        dw_shaper_preload(e->sh, names, n);
    }
    if (designs)
        for (int i = 0; i < DW_N_DOCS; i++) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s.yaml", e->o.layouts, dw_doc_names[i]);
            dw_content_load_design(path, &e->designs[i], e->a, &e->d);
        }
    return e->d.errors == 0;
}

static int doc_index(const char *name)
{
    for (int i = 0; i < DW_N_DOCS; i++)
        if (strcmp(dw_doc_names[i], name) == 0)
            return i;
    return -1;
}

static long long epoch_of(const dw_doc *doc)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return (long long)dw_date_days(doc->edition) * 86400;
}

static bool selected(const env *e, const dw_doc *doc)
{
    return (!e->o.doc || strcmp(e->o.doc, doc->name) == 0) &&
           (!e->o.lang || strcmp(e->o.lang, doc->lang->code) == 0);
}

static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A signal during a build: the set being staged is thrown away (out/ is
 * untouched) at the next file boundary; kill -9 leaves a staging folder
 * that the next build removes.                                          */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

/* Messages about files in the staging folder name them as they will be
 * named in out/.                                                        */
static void unstage_messages(dw_diag *d, const char *staging, const char *out)
{
    size_t ns = strlen(staging);
    for (size_t i = 0; i < d->n; i++) {
        char *t = d->msgs[i].text, *at = strstr(t, staging);
        if (!at)
            continue;
        char *n = dw_xmalloc(strlen(t) + strlen(out) + 1);
        sprintf(n, "%.*s%s%s", (int)(at - t), t, out, at + ns);
        free(t);
        d->msgs[i].text = n;
    }
}

/* The print shop gets no sample data by mistake: a print file whose pages
 * show sample data (content/README.md, `sample:`) is not written unless
 * --allow-sample says so.  Asked for alone (--variant print), that is an
 * error; in a build of every variant a warning, and the other variants
 * are written (with the band); a print file left from an earlier build
 * is removed from the set, so that out/print/ never holds an outdated
 * one.                                                                  */
static void refuse_sample(env *e, dw_publish *pub, const dw_doc *doc, const dw_layout *L)
{
    char *file = dw_sprintf(e->a, "%s.%s.pdf", doc->name, doc->lang->code);
    char *staged = e->o.variant ? NULL : dw_publish_path(pub, dw_variant_names[DW_VAR_PRINT],
                                                         file, &e->d);
    bool removed = staged && unlink(staged) == 0;
    free(staged);
    dw_diag_add(&e->d, e->o.variant ? DW_ERROR : DW_WARNING, L->sample_loc,
                "%s/%s/%s not written: %zu of its %zu pages show sample data ('sample: true' "
                "here), and the print shop must not get sample data%s; build with "
                "--allow-sample to write it with the 'MUSTER' band",
                e->o.out, dw_variant_names[DW_VAR_PRINT], file, L->n_sample_pages, L->n_pages,
                removed ? " (the print file of an earlier build was removed)" : "");
}

static int cmd_build(env *e)
{
    int vmin = 0, vmax = DW_N_VARIANTS - 1;
    if (e->o.variant) {
        vmin = -1;
        for (int v = 0; v < DW_N_VARIANTS; v++)
            if (strcmp(dw_variant_names[v], e->o.variant) == 0)
                vmin = vmax = v;
        if (vmin < 0) {
            fprintf(stderr, "druckwerk: unknown variant '%s' (office, print, booklet, web)\n",
                    e->o.variant);
            return 2;
        }
    }
    if (e->o.doc && doc_index(e->o.doc) < 0) {
        fprintf(stderr, "druckwerk: unknown document '%s' (welcome-folder, education-brochure, "
                        "integration-guidelines)\n", e->o.doc);
        return 2;
    }
    if (e->o.lang && !dw_content_lang(&e->content, e->o.lang)) {
        fprintf(stderr, "druckwerk: no language '%s' in %s/languages\n", e->o.lang, e->o.content);
        return 2;
    }
    /* the profile before anything is laid out: print and web embed it
     * (an installed druckwerk finds it in its data folder)              */
    e->o.icc = dw_data_path(e->a, e->o.icc);
    if (vmax >= DW_VAR_PRINT && !dw_profile_check(e->o.icc, &e->d)) {
        dw_diag_print(&e->d, stderr);
        fprintf(stderr, "druckwerk: nothing was written; '%s' is as it was\n", e->o.out);
        return 1;
    }
    double t0 = now();
    dw_publish *pub = dw_publish_begin(e->o.out, &e->d);
    if (!pub) {
        dw_diag_print(&e->d, stderr);
        fprintf(stderr, "druckwerk: nothing was written; '%s' is as it was\n", e->o.out);
        return 3;
    }
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    size_t built = 0, docs = 0, pages = 0, glyphs = 0, bytes = 0;
    size_t defects = 0, proofed = 0, flawed = 0; /* druckwerk proof's count */
    bool write_failed = false;
    /* Languages with the largest hyphenation patterns last: their files
     * load on a background thread meanwhile (German: ~2 s in libhyphen). */
    size_t *order = dw_alloc_array(e->a, e->content.n_docs + 1, sizeof *order);
    long *weight = dw_alloc_array(e->a, e->content.n_docs + 1, sizeof *weight);
    for (size_t i = 0; i < e->content.n_docs; i++) {
        const char *h = e->content.docs[i].lang->hyphenation;
        struct stat sb;
        char path[512];
        snprintf(path, sizeof path, "/usr/share/hyphen/%s", h ? h : "");
        weight[i] = h && stat(path, &sb) == 0 ? (long)sb.st_size : 0;
        size_t k = i;
        while (k > 0 && weight[order[k - 1]] > weight[i]) { /* stable insertion */
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    for (int rep = 0; rep < e->o.repeat && !e->d.errors && !stop_signal; rep++) {
        for (size_t oi = 0; oi < e->content.n_docs && !stop_signal; oi++) {
            const dw_doc *doc = &e->content.docs[order[oi]];
            if (!selected(e, doc))
                continue;
            int di = doc_index(doc->name);
            const dw_design *ds = &e->designs[di];
            dw_arena *a = dw_arena_new();
            dw_layout L;
            if (e->tty && rep == 0)
                fprintf(stderr, "\r\033[K  %s (%s) …", doc->name, doc->lang->code);
            bool ok = dw_layout_doc(doc, ds, e->sh, a, &L, &e->d);
            if (ok && rep == 0) {
                dw_proof pr;
                dw_proof_layout(&L, a, &pr);
                defects += pr.n, proofed++, flawed += pr.n > 0;
            }
            dw_drawing *g = ok ? dw_render_draw(&L, e->sh, e->o.icc, &e->d) : NULL;
            ok = ok && g;
            for (int v = vmin; ok && v <= vmax && !stop_signal; v++) {
                if (v == DW_VAR_BOOKLET && !ds->booklet)
                    continue; /* the A4 folder is not imposed */
                if (v == DW_VAR_PRINT && L.n_sample_pages && !e->o.allow_sample) {
                    refuse_sample(e, pub, doc, &L);
                    ok = !e->d.errors;
                    continue;
                }
                char *file = dw_sprintf(a, "%s.%s.pdf", doc->name, doc->lang->code);
                char *path = dw_publish_path(pub, dw_variant_names[v], file, &e->d);
                dw_render_stats st = {0};
                ok = path && dw_render(&L, g, (enum dw_variant)v, epoch_of(doc), e->o.icc, path,
                                       &st, &e->d);
                free(path);
                if (!ok) {
                    write_failed = !path || st.write_failed;
                    break;
                }
                built++;
                pages += (size_t)st.sheets;
                bytes += st.bytes;
                if (e->o.stats && rep == 0) {
                    printf("file %s/%s/%s pages %d bytes %zu fonts", e->o.out,
                           dw_variant_names[v], file, st.sheets, st.bytes);
                    for (size_t k = 0; k < st.n_fonts; k++)
                        printf(" %s=%zu", st.font_names[k], st.font_bytes[k]);
                    printf("\n");
                }
            }
            glyphs += L.n_glyphs;
            docs += rep == 0;
            dw_drawing_free(g);
            dw_arena_free(a);
            if (!ok)
                break;
        }
    }
    if (e->tty)
        fprintf(stderr, "\r\033[K");
    unstage_messages(&e->d, dw_publish_staging(pub), e->o.out);
    if (e->d.errors || stop_signal) {
        dw_publish_abort(pub);
        dw_diag_print(&e->d, stderr);
        if (stop_signal)
            fprintf(stderr, "druckwerk: stopped by a signal; nothing in '%s' was changed\n",
                    e->o.out);
        else
            fprintf(stderr, "druckwerk: %d error(s); nothing in '%s' was changed\n", e->d.errors,
                    e->o.out);
        return stop_signal ? 128 + stop_signal : write_failed ? 3 : 1;
    }
    /* past this point a signal no longer stops the swap */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    if (!dw_publish_commit(pub, &e->d)) {
        dw_diag_print(&e->d, stderr);
        fprintf(stderr, "druckwerk: nothing in '%s' was changed\n", e->o.out);
        return 3;
    }
    double dt = now() - t0;
    if (e->d.warnings) /* e.g. a line too wide, an image below 300 ppi */
        dw_diag_print(&e->d, stderr);
    if (e->o.stats)
        printf("total files %zu pages %zu glyphs %zu bytes %zu seconds %.3f pages/s %.0f "
               "glyphs/s %.0f peak-kib %ld\n",
               built, pages, glyphs, bytes, dt, pages / (dt > 0 ? dt : 1e-9),
               glyphs / (dt > 0 ? dt : 1e-9), peak_kib());
    /* what `check` would warn about (outdated translations, unconfirmed
     * contacts): counted here, listed by `druckwerk check` */
    dw_diag cd;
    dw_diag_init(&cd);
    dw_content_check(&e->content, (dw_date){0, 0, 0}, NULL, &cd);
    int content_warnings = cd.warnings;
    dw_diag_fini(&cd);
    if (content_warnings)
        fprintf(stderr, "druckwerk: %d content warning%s (outdated translations, missing words, "
                "courses left out): druckwerk check lists them\n", content_warnings,
                content_warnings == 1 ? "" : "s");
    fprintf(stderr, "proof: %zu defects in %zu of %zu documents%s\n", defects, flawed, proofed,
            defects ? " (druckwerk proof lists them)" : "");
    fprintf(stderr, "druckwerk: built %zu document%s: %zu PDF%s, %zu pages, %d warning%s, "
            "%.1f s; the files are in %s/\n", docs, docs == 1 ? "" : "s", built,
            built == 1 ? "" : "s", pages, e->d.warnings, e->d.warnings == 1 ? "" : "s", dt,
            e->o.out);
    return 0;
}

static int cmd_check(env *e)
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

static int cmd_list(env *e)
{
    printf("%-24s %-5s %-9s %s\n", "document", "lang", "pages", "variants");
    for (size_t i = 0; i < e->content.n_docs; i++) {
        const dw_doc *doc = &e->content.docs[i];
        if (!selected(e, doc))
            continue;
        const dw_design *ds = &e->designs[doc_index(doc->name)];
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
static int cmd_sample(env *e)
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

static int cmd_text(env *e)
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

static int cmd_preflight(env *e)
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

static int cmd_booklet_order(env *e)
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
static int cmd_proof(env *e)
{
    return dw_proof_cmd(&e->content, e->designs, e->sh, e->o.doc, e->o.lang, e->o.sheet, &e->d);
}

/* The laid-out pages as text (layout/dump.c): the golden tests. */
static int cmd_dump(env *e)
{
    const dw_doc *doc = e->o.doc && e->o.lang ? dw_content_doc(&e->content, e->o.doc, e->o.lang) : NULL;
    unsigned long first = 1, last = (unsigned long)-1;
    int used = 0;
    if (e->o.pages && (sscanf(e->o.pages, "%lu-%lu%n", &first, &last, &used) != 2 ||
                       e->o.pages[used] || first < 1 || last < first))
        return usage_error("--pages needs a range such as 3-4, not '%.100s'", e->o.pages);
    if (!doc)
        return usage_error("%s", "dump needs --doc and --lang of an existing document");
    dw_arena *a = dw_arena_new();
    dw_layout L;
    bool ok = dw_layout_doc(doc, &e->designs[doc_index(doc->name)], e->sh, a, &L, &e->d);
    if (ok)
        dw_layout_dump(&L, first - 1, last - 1, stdout);
    if (e->d.n)
        dw_diag_print(&e->d, stderr);
    dw_arena_free(a);
    return ok ? 0 : 1;
}

/* The course database's CSV export → courses.yaml (nothing else loads:
 * only contacts.yaml, for the providers).                               */
static int cmd_import_courses(env *e)
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
static int cmd_xliff(env *e)
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

int main(int argc, char **argv)
{
    /* messages are written whole: stderr is unbuffered by default, so a
     * line printed in pieces could interleave with stdout in one file   */
    setvbuf(stderr, NULL, _IOLBF, 0);
    env e;
    memset(&e, 0, sizeof e);
    int rc = parse_args(argc, argv, &e.o);
    if (rc) {
        free(e.o.args);
        return rc;
    }
    if (e.o.cmd->needs == NEEDS_NOTHING) {
        rc = e.o.cmd->run(&e);
        free(e.o.args);
        return rc;
    }
    e.a = dw_arena_new();
    dw_diag_init(&e.d);
    e.tty = isatty(2) && !getenv("CI");
    bool is_check = e.o.cmd->run == cmd_check;
    bool ok = load_all(&e, e.o.cmd->needs == NEEDS_DESIGNS);
    if (!ok && !is_check) {
        dw_diag_print(&e.d, stderr);
        fprintf(stderr, "druckwerk: %d error(s) in the input; nothing was written\n", e.d.errors);
        rc = 1;
    } else {
        rc = e.o.cmd->run(&e);
    }
    if (e.sh && !dw_shaper_save_cache(e.sh) && e.o.stats)
        fprintf(stderr, "druckwerk: note: the hyphenation cache could not be written\n");
    dw_shaper_free(e.sh);
    dw_fontset_free(e.fs);
    dw_diag_fini(&e.d);
    dw_arena_free(e.a);
    free(e.o.args);
    return rc;
}
