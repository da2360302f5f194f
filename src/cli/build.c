/*
 * build.c — `druckwerk build`: lay out, draw and write every selected
 * document in every variant into a staging folder, swapped into --out
 * only when all was written (build/publish.c); the proof's count and a
 * summary line at the end.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../build/images.h"
#include "../build/profile.h"
#include "../build/publish.h"
#include "../layout/layout.h"
#include "../pdf/render.h"
#include "../proof/proof.h"
#include "cli.h"

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

int dw_cli_build(env *e)
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
    if (e->o.doc && dw_cli_doc_index(e->o.doc) < 0) {
        fprintf(stderr, "druckwerk: unknown document '%s' (welcome-folder, education-brochure, "
                        "integration-guidelines)\n", e->o.doc);
        return 2;
    }
    if (e->o.lang && !dw_content_lang(&e->content, e->o.lang)) {
        fprintf(stderr, "druckwerk: no language '%s' in %s/languages\n", e->o.lang, e->o.content);
        return 2;
    }
    /* images before layout, as check does: a damaged one is one error,
     * not a resolution warning from layout and then the damage       */
    dw_images_check(&e->content, &e->d);
    if (e->d.errors) {
        dw_diag_print(&e->d, stderr);
        fprintf(stderr, "druckwerk: %d error(s) in the input; nothing was written\n", e->d.errors);
        return 1;
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
            if (!dw_cli_selected(e, doc))
                continue;
            int di = dw_cli_doc_index(doc->name);
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
            if (!ok && !e->d.errors) /* never a build that looks whole */
                dw_error(&e->d, doc->loc, "%s (%s) could not be made, and no reason was given: "
                         "please report this", doc->name, doc->lang->code);
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
