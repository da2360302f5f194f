/*
 * cli.h — private to the command line (src/main.c and src/cli/): the
 * parsed options, what every command gets (env), and the commands.
 * Each command returns the exit status (main.c's header lists them).
 */
#ifndef DW_CLI_H
#define DW_CLI_H

#include <stdbool.h>

#include "../content/content.h"
#include "../text/text.h"

typedef struct env env;

typedef struct command {
    const char *name;
    const char *args; /* synopsis after the name */
    const char *help; /* one or more lines */
    int (*run)(env *e);
    enum { NEEDS_NOTHING, NEEDS_CONTENT, NEEDS_DESIGNS } needs;
} command;

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

/* A wrong flag: one line and where to read more, not the whole usage;
 * returns 2. */
int dw_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Content, fonts and hyphenation rules, and with designs the layouts
 * (load.c); false when any has an error (in e->d). */
bool dw_cli_load_all(env *e, bool designs);
/* index of a document name in dw_doc_names, or -1 */
int dw_cli_doc_index(const char *name);
/* whether --doc and --lang select doc */
bool dw_cli_selected(const env *e, const dw_doc *doc);

/* the commands (build.c, commands.c) */
int dw_cli_build(env *e);
int dw_cli_check(env *e);
int dw_cli_list(env *e);
int dw_cli_sample(env *e);
int dw_cli_text(env *e);
int dw_cli_preflight(env *e);
int dw_cli_booklet_order(env *e);
int dw_cli_import_courses(env *e);
int dw_cli_xliff(env *e);
int dw_cli_dump(env *e);
int dw_cli_proof(env *e);

#endif
