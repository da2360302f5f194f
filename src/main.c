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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content/content.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "pdf/render.h"
#include "preflight/preflight.h"
#include "proof/proof.h"

#define DW_VERSION "0.1.0"

static const char usage[] =
    "usage: druckwerk build [--doc NAME] [--lang CODE] [--variant NAME] [--out DIR]\n"
    "       druckwerk check\n"
    "       druckwerk list\n"
    "       druckwerk sample --lang CODE --text TEXT --out FILE.pdf [--width MM]\n"
    "       druckwerk booklet-order PAGES [--rtl]\n"
    "       druckwerk text --doc NAME --lang CODE\n"
    "       druckwerk preflight FILE.pdf...\n"
    "       druckwerk proof [--doc NAME] [--lang CODE] [--sheet DIR]\n"
    "       druckwerk --help | --version\n"
    "\n"
    "  build    lay out and write every document (or the ones named) into\n"
    "           DIR/<variant>/<document>.<lang>.pdf (default DIR: out)\n"
    "  check    check all content without writing anything: errors, missing\n"
    "           translations, unconfirmed contacts, text no font can show\n"
    "  list     documents, languages, variants and page counts\n"
    "  sample   set one paragraph in one language into a PDF (for tests)\n"
    "  text     the document's text in reading order, one block a line\n"
    "  preflight  check PDFs as a print shop would (PDF/X, boxes and bleed,\n"
    "           fonts, no RGB, total ink, hairlines, image resolution)\n"
    "  proof    the page make-up defects of each document, by page (text\n"
    "           outside its frame or over other text, stranded headings, widows,\n"
    "           cut running heads, loose lines, …); --sheet DIR also writes\n"
    "           DIR/<document>.<lang>.pdf, all pages as thumbnails, defects in red\n"
    "  booklet-order  which pages go on each side of the sheets of a\n"
    "           saddle-stitched booklet (left page, right page)\n"
    "\n"
    "options:\n"
    "  --doc NAME       welcome-folder, education-brochure, integration-guidelines\n"
    "  --lang CODE      de, en, ar, fa, ro, uk (any language in content/languages)\n"
    "  --variant NAME   office, print, booklet, web (default: all)\n"
    "  --content DIR    content folder (default: content)\n"
    "  --layouts DIR    layouts folder (default: layouts)\n"
    "  --fonts FILE     font manifest (default: fonts/fonts.yaml)\n"
    "  --icc FILE       CMYK output profile for print and web (default:\n"
    "                   build/FOGRA39L.icc, which make builds)\n"
    "  --cache DIR      keep hyphenation points here: loading the German patterns\n"
    "                   takes seconds, the cache milliseconds; 'none' for no\n"
    "                   cache (default: $XDG_CACHE_HOME/druckwerk or\n"
    "                   ~/.cache/druckwerk).  Output is the same either way.\n"
    "  --repeat N       build N times (benchmark), --stats prints measurements\n"
    "\n"
    "Exit status: 0 ok, 1 errors in content, 2 wrong usage, 3 a file could not\n"
    "be written.  Dates in the PDFs come from SOURCE_DATE_EPOCH or, without it,\n"
    "from each document's edition date, so the same input gives the same bytes.\n";

typedef struct opts {
    const char *cmd, *doc, *lang, *variant, *out, *content, *layouts, *fonts, *text, *icc;
    const char *cache, *sheet;
    double width_mm;
    int repeat;
    bool stats, rtl;
    const char *arg; /* positional argument of the command */
} opts;

typedef struct env {
    opts o;
    dw_arena *a;
    dw_diag d;
    dw_content content;
    dw_font_manifest manifest;
    dw_fontset *fs;
    dw_shaper *sh;
    dw_design designs[DW_N_DOCS];
    bool tty;
} env;

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
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
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
        } else if (strcmp(a, "--doc") == 0) {
            slot = &o->doc;
        } else if (strcmp(a, "--lang") == 0) {
            slot = &o->lang;
        } else if (strcmp(a, "--variant") == 0) {
            slot = &o->variant;
        } else if (strcmp(a, "--out") == 0) {
            slot = &o->out;
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
        } else if (strcmp(a, "--sheet") == 0) {
            slot = &o->sheet;
        } else if (strcmp(a, "--text") == 0) {
            slot = &o->text;
        } else if (strcmp(a, "--repeat") == 0 || strcmp(a, "--width") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "druckwerk: %s needs a number\n", a);
                return 2;
            }
            char *end;
            double v = strtod(argv[++i], &end);
            if (*end || v <= 0 || v > 10000) {
                fprintf(stderr, "druckwerk: %s needs a positive number, not '%s'\n", a, argv[i]);
                return 2;
            }
            if (a[2] == 'r')
                o->repeat = (int)v;
            else
                o->width_mm = v;
            continue;
        } else if (a[0] == '-') {
            fprintf(stderr, "druckwerk: unknown option '%s'\n%s", a, usage);
            return 2;
        } else if (!o->cmd) {
            o->cmd = a;
            continue;
        } else if (!o->arg && strcmp(o->cmd, "booklet-order") == 0) {
            o->arg = a;
            continue;
        } else if (strcmp(o->cmd, "preflight") == 0) {
            continue; /* file names: read again in cmd_preflight */
        } else {
            fprintf(stderr, "druckwerk: unexpected '%s'\n%s", a, usage);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "druckwerk: %s needs a value\n", a);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!o->cmd) {
        fputs(usage, stderr);
        return 2;
    }
    static const char *const cmds[] = {"build", "check", "list", "sample", "booklet-order", "text",
                                       "preflight", "proof", NULL};
    for (const char *const *c = cmds; *c; c++)
        if (strcmp(o->cmd, *c) == 0)
            return 0;
    fprintf(stderr, "druckwerk: unknown command '%s'\n%s", o->cmd, usage);
    return 2;
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

static bool load_all(env *e, bool designs)
{
    dw_content_load(&e->content, e->o.content, e->a, &e->d);
    load_fonts(e);
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
    size_t built = 0, pages = 0, glyphs = 0, bytes = 0, defects = 0, proofed = 0, flawed = 0;
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
    double t0 = now();
    for (int rep = 0; rep < e->o.repeat; rep++) {
        for (size_t oi = 0; oi < e->content.n_docs; oi++) {
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
            dw_drawing *g = ok ? dw_render_draw(&L, e->sh, &e->d) : NULL;
            ok = ok && g;
            for (int v = vmin; ok && v <= vmax; v++) {
                if (v == DW_VAR_BOOKLET && !ds->booklet)
                    continue; /* the A4 folder is not imposed */
                char dir[1024], path[1200];
                snprintf(dir, sizeof dir, "%s/%s", e->o.out, dw_variant_names[v]);
                if (!dw_mkdirs(dir)) {
                    fprintf(stderr, "druckwerk: cannot create '%s': %s\n", dir, strerror(errno));
                    dw_drawing_free(g);
                    dw_arena_free(a);
                    return 3;
                }
                snprintf(path, sizeof path, "%s/%s.%s.pdf", dir, doc->name, doc->lang->code);
                dw_render_stats st;
                if (!dw_render(&L, g, (enum dw_variant)v, epoch_of(doc), e->o.icc, path, &st,
                               &e->d)) {
                    dw_diag_print(&e->d, stderr);
                    fprintf(stderr, "druckwerk: %s was not written; an existing file is unchanged\n",
                            path);
                    dw_drawing_free(g);
                    dw_arena_free(a);
                    return 3;
                }
                built++;
                pages += (size_t)st.sheets;
                bytes += st.bytes;
                if (e->o.stats && rep == 0) {
                    printf("file %s pages %d bytes %zu fonts", path, st.sheets, st.bytes);
                    for (size_t k = 0; k < st.n_fonts; k++)
                        printf(" %s=%zu", st.font_names[k], st.font_bytes[k]);
                    printf("\n");
                }
            }
            glyphs += L.n_glyphs;
            if (ok && rep == 0) {
                dw_proof pr;
                dw_proof_layout(&L, a, &pr);
                defects += pr.n, proofed++, flawed += pr.n > 0;
            }
            dw_drawing_free(g);
            dw_arena_free(a);
            if (!ok)
                break;
        }
        if (e->d.errors)
            break;
    }
    double dt = now() - t0;
    if (e->tty)
        fprintf(stderr, "\r\033[K");
    if (e->d.errors) {
        dw_diag_print(&e->d, stderr);
        fprintf(stderr, "druckwerk: %d error(s); existing PDFs were left as they were\n",
                e->d.errors);
        return 1;
    }
    if (e->d.warnings) /* e.g. a line too wide, an image below 300 ppi */
        dw_diag_print(&e->d, stderr);
    fprintf(stderr, "proof: %zu defects in %zu of %zu documents%s\n", defects, flawed, proofed,
            defects ? " (druckwerk proof lists them)" : "");
    if (e->o.stats)
        printf("total files %zu pages %zu glyphs %zu bytes %zu seconds %.3f pages/s %.0f "
               "glyphs/s %.0f peak-kib %ld\n",
               built, pages, glyphs, bytes, dt, pages / (dt > 0 ? dt : 1e-9),
               glyphs / (dt > 0 ? dt : 1e-9), peak_kib());
    else if (e->tty)
        fprintf(stderr, "druckwerk: wrote %zu PDFs (%zu pages) to %s/ in %.2f s\n", built, pages,
                e->o.out, dt);
    return 0;
}

/* Every text of a document, for the font coverage check. */
static void cover_text(env *e, const dw_text *t, const dw_doc *doc)
{
    dw_arena *a = dw_arena_new();
    char *s = dw_text_plain(a, t);
    char *what = dw_sprintf(a, "%s (%s)", doc->name, doc->lang->code);
    dw_text_coverage(e->sh, s, doc->lang->script, t->loc, what, &e->d);
    dw_arena_free(a);
}

static void cover_section(env *e, const dw_section *s, const dw_doc *doc)
{
    cover_text(e, &s->title, doc);
    for (size_t i = 0; i < s->n_blocks; i++) {
        const dw_block *b = &s->blocks[i];
        cover_text(e, &b->text, doc);
        cover_text(e, &b->title, doc);
        for (size_t k = 0; k < b->n_items; k++)
            cover_text(e, &b->items[k], doc);
        for (size_t k = 0; k < b->n_cols; k++)
            if (b->head)
                cover_text(e, &b->head[k], doc);
        for (size_t k = 0; k < b->n_cols * b->n_rows; k++)
            cover_text(e, &b->cells[k], doc);
    }
    for (size_t i = 0; i < s->n_subs; i++)
        cover_section(e, &s->subs[i], doc);
}

static int cmd_check(env *e)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    dw_date today = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    dw_content_check(&e->content, today, stdout, &e->d);
    if (e->sh)
        for (size_t i = 0; i < e->content.n_docs; i++) {
            const dw_doc *doc = &e->content.docs[i];
            cover_text(e, &doc->title, doc);
            cover_text(e, &doc->subtitle, doc);
            for (size_t k = 0; k < doc->n_sections; k++)
                cover_section(e, &doc->sections[k], doc);
        }
    dw_diag_print(&e->d, stderr);
    printf("check: %d error(s), %d warning(s)\n", e->d.errors, e->d.warnings);
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
        fprintf(stderr, "druckwerk: sample needs --lang, --text and --out FILE.pdf\n");
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
        rc = dw_pdf_save(pdf, e->o.out, &e->d) ? 0 : 3;
    }
    dw_pdf_free(pdf);
    dw_drawing_free(g);
done:
    if (e->d.n)
        dw_diag_print(&e->d, stderr);
    dw_arena_free(a);
    return rc;
}

/* Headings, paragraphs, list items, notes in reading order: what a
 * screen reader should meet (the tagging test compares with it).        */
static void text_section(dw_arena *a, const dw_section *s)
{
    printf("%s\n", dw_text_plain(a, &s->title));
    for (size_t i = 0; i < s->n_blocks; i++) {
        const dw_block *b = &s->blocks[i];
        switch (b->kind) {
        case DW_BLOCK_P:
        case DW_BLOCK_H:
        case DW_BLOCK_NOTE:
            printf("%s\n", dw_text_plain(a, &b->text));
            break;
        case DW_BLOCK_PRINCIPLE:
            printf("%s\n%s\n", dw_text_plain(a, &b->title), dw_text_plain(a, &b->text));
            break;
        case DW_BLOCK_LIST:
        case DW_BLOCK_STEPS:
            for (size_t k = 0; k < b->n_items; k++)
                printf("%s\n", dw_text_plain(a, &b->items[k]));
            break;
        default:
            break;
        }
    }
    for (size_t i = 0; i < s->n_subs; i++)
        text_section(a, &s->subs[i]);
}

static int cmd_text(env *e)
{
    const dw_doc *doc = e->o.doc && e->o.lang ? dw_content_doc(&e->content, e->o.doc, e->o.lang) : NULL;
    if (!doc) {
        fprintf(stderr, "druckwerk: text needs --doc and --lang of an existing document\n");
        return 2;
    }
    dw_arena *a = dw_arena_new();
    for (size_t i = 0; i < doc->n_sections; i++)
        text_section(a, &doc->sections[i]);
    dw_arena_free(a);
    return 0;
}

static int cmd_booklet_order(const opts *o)
{
    char *end;
    long n = o->arg ? strtol(o->arg, &end, 10) : 0;
    if (!o->arg || *end || n < 4 || n % 4 || n > 1000) {
        fprintf(stderr, "druckwerk: booklet-order needs a page count that is a multiple of 4\n");
        return 2;
    }
    int *order = dw_xmalloc((size_t)n * sizeof *order);
    dw_booklet_order((int)n, o->rtl, order);
    for (long k = 0; k < n / 2; k++)
        printf("%ld: %d %d\n", k + 1, order[2 * k] + 1, order[2 * k + 1] + 1);
    free(order);
    return 0;
}

int main(int argc, char **argv)
{
    env e;
    memset(&e, 0, sizeof e);
    int rc = parse_args(argc, argv, &e.o);
    if (rc)
        return rc;
    if (strcmp(e.o.cmd, "booklet-order") == 0)
        return cmd_booklet_order(&e.o);
    if (strcmp(e.o.cmd, "preflight") == 0) {
        int worst = 0, files = 0;
        for (int i = 2; i < argc; i++) {
            if (argv[i][0] == '-')
                continue;
            int r = dw_preflight_file(argv[i], stdout);
            worst = r > worst ? r : worst;
            files++;
        }
        if (!files) {
            fprintf(stderr, "druckwerk: preflight needs PDF files\n");
            return 2;
        }
        return worst; /* 0 passed, 1 a check failed, 2 unreadable */
    }
    e.a = dw_arena_new();
    dw_diag_init(&e.d);
    e.tty = isatty(2) && !getenv("CI");
    bool is_check = strcmp(e.o.cmd, "check") == 0;
    bool ok = load_all(&e, strcmp(e.o.cmd, "sample") != 0);
    if (!ok && !is_check) {
        dw_diag_print(&e.d, stderr);
        fprintf(stderr, "druckwerk: %d error(s) in the input; nothing was written\n", e.d.errors);
        rc = 1;
    } else if (strcmp(e.o.cmd, "build") == 0) {
        rc = cmd_build(&e);
    } else if (is_check) {
        rc = cmd_check(&e);
    } else if (strcmp(e.o.cmd, "list") == 0) {
        rc = cmd_list(&e);
    } else if (strcmp(e.o.cmd, "proof") == 0) {
        rc = dw_proof_cmd(&e.content, e.designs, e.sh, e.o.doc, e.o.lang, e.o.sheet, &e.d);
    } else if (strcmp(e.o.cmd, "text") == 0) {
        rc = cmd_text(&e);
    } else {
        rc = cmd_sample(&e);
    }
    if (e.sh && !dw_shaper_save_cache(e.sh) && e.o.stats)
        fprintf(stderr, "druckwerk: note: the hyphenation cache could not be written\n");
    dw_shaper_free(e.sh);
    dw_fontset_free(e.fs);
    dw_diag_fini(&e.d);
    dw_arena_free(e.a);
    return rc;
}
