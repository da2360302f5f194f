/*
 * main.c — the command line: argv → the command table → a command
 * (src/cli/: build.c, commands.c; load.c loads what they need) → exit
 * code.
 *
 *   0  everything built (or checked) without errors
 *   1  errors in the content, layouts or fonts (nothing was replaced)
 *   2  wrong usage
 *   3  a PDF could not be written (disk, permissions)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

#define DW_VERSION "0.1.0"

/* ---- the command line: one table for commands and one for options -------
 * `druckwerk --help` is printed from these tables; tests/t_cli.sh checks
 * that the man page (druckwerk.1) and the README name every command and
 * option they hold, so the three cannot drift apart.                   */
typedef struct option {
    const char *name; /* "--doc" */
    const char *arg;  /* "NAME", or NULL for a flag */
    const char *help;
} option;

static const command commands[] = {
    {"build", "[--doc NAME] [--lang CODE] [--variant NAME] [--out DIR]",
     "lay out and write every document (or the ones named) into\n"
     "DIR/<variant>/<document>.<lang>.pdf (default DIR: out), all or\n"
     "nothing: DIR is replaced only when every file was written",
     dw_cli_build, NEEDS_DESIGNS},
    {"check", "[--spelling]",
     "check all content without writing anything: errors, missing\n"
     "translations, unconfirmed contacts, text no font can show,\n"
     "glossary terms, the facts to confirm; --spelling: Hunspell too",
     dw_cli_check, NEEDS_DESIGNS},
    {"list", "", "documents, languages, variants and page counts", dw_cli_list, NEEDS_DESIGNS},
    {"sample", "--lang CODE --text TEXT --out FILE.pdf [--width MM]",
     "set one paragraph in one language into a PDF (for tests)", dw_cli_sample, NEEDS_CONTENT},
    {"text", "--doc NAME --lang CODE", "the document's text in reading order, one block a line",
     dw_cli_text, NEEDS_CONTENT},
    {"dump", "--doc NAME --lang CODE [--pages A-B]",
     "the laid-out pages as text: items, positions, fonts, glyph\n"
     "IDs (for golden tests; --pages 3-4 limits it)",
     dw_cli_dump, NEEDS_DESIGNS},
    {"proof", "[--doc NAME] [--lang CODE] [--sheet DIR]",
     "the page make-up defects of each document, by page (text\n"
     "outside its frame or over other text, stranded headings, widows,\n"
     "cut running heads, loose lines, …); --sheet DIR also writes\n"
     "DIR/<document>.<lang>.pdf, all pages as thumbnails, defects in red",
     dw_cli_proof, NEEDS_DESIGNS},
    {"preflight", "[--json] FILE.pdf...",
     "check PDFs as a print shop would (PDF/X-4, metadata, actions,\n"
     "annotations, boxes and bleed, fonts, no RGB or Lab, total ink,\n"
     "hairlines, image resolution); --json for a workflow system",
     dw_cli_preflight, NEEDS_NOTHING},
    {"booklet-order", "PAGES [--rtl]",
     "which pages go on each side of the sheets of a\n"
     "saddle-stitched booklet (left page, right page)",
     dw_cli_booklet_order, NEEDS_NOTHING},
    {"import-courses", "FILE.csv [--out FILE.yaml]",
     "the course database's CSV export -> content/courses.yaml\n"
     "(or --out FILE.yaml); errors as FILE.csv:ROW:COL, nothing written",
     dw_cli_import_courses, NEEDS_NOTHING},
    {"export-xliff", "--doc NAME --lang CODE [--changed] [--out FILE.xlf]",
     "the texts of one translation as XLIFF 1.2 for translators'\n"
     "tools (German source, current translation, state per text);\n"
     "--changed: only texts whose German is new or changed",
     dw_cli_xliff, NEEDS_NOTHING},
    {"import-xliff", "FILE.xlf",
     "write a translated XLIFF file back into the translation's\n"
     "YAML, after checking it against the current German",
     dw_cli_xliff, NEEDS_NOTHING},
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
                return dw_cli_usage_error("%s needs a number", a);
            char *end;
            double v = strtod(argv[++i], &end);
            if (*end || v <= 0 || v > 10000) {
                snprintf(m, sizeof m, "%s needs a positive number, not '%.200s'", a, argv[i]);
                return dw_cli_usage_error("%s", m);
            }
            if (a[2] == 'r')
                o->repeat = (int)v;
            else
                o->width_mm = v;
            continue;
        } else if (a[0] == '-' && a[1]) {
            snprintf(m, sizeof m, "unknown option '%.200s'", a);
            return dw_cli_usage_error("%s", m);
        } else if (!o->cmd) {
            for (size_t k = 0; k < N_COMMANDS; k++)
                if (strcmp(a, commands[k].name) == 0)
                    o->cmd = &commands[k];
            if (!o->cmd) {
                snprintf(m, sizeof m, "unknown command '%.200s'", a);
                return dw_cli_usage_error("%s", m);
            }
            continue;
        } else {
            o->args[o->n_args++] = a;
            continue;
        }
        if (i + 1 >= argc)
            return dw_cli_usage_error("%s needs a value", a);
        *slot = argv[++i];
    }
    if (!o->cmd)
        return dw_cli_usage_error("%s", "name a command (build, check, list, …)");
    o->out_given = out_given;
    bool takes_args = o->cmd->run == dw_cli_preflight || o->cmd->run == dw_cli_booklet_order ||
                      o->cmd->run == dw_cli_import_courses ||
                      strcmp(o->cmd->name, "import-xliff") == 0;
    if (o->n_args && !takes_args) {
        snprintf(m, sizeof m, "unexpected '%.200s'", o->args[0]);
        return dw_cli_usage_error("%s", m);
    }
    if (out_given && !*o->out)
        return dw_cli_usage_error("%s", "--out is empty: name a folder, e.g. --out out");
    if (strlen(o->out) > MAX_OUT_PATH) {
        snprintf(m, sizeof m, "the --out path is too long (%zu characters; at most %d)",
                 strlen(o->out), MAX_OUT_PATH);
        return dw_cli_usage_error("%s", m);
    }
    return 0;
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
    bool is_check = e.o.cmd->run == dw_cli_check;
    bool ok = dw_cli_load_all(&e, e.o.cmd->needs == NEEDS_DESIGNS);
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
