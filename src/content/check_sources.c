/*
 * check_sources.c — whether each document's German source is there and
 * whole, for `check` and `build` alike: a missing German file, and one cut
 * short (the translations go on where the German stops).  The comparison
 * of translations with their German is check.c.
 */
#include "content_int.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The section with id anywhere in list (sub-sections too), or NULL. */
static const dw_section *find_deep(const dw_section *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        if (list[i].id && strcmp(list[i].id, id) == 0)
            return &list[i];
        const dw_section *in = find_deep(list[i].subs, list[i].n_subs, id);
        if (in)
            return in;
    }
    return NULL;
}

/* The last section in document order (the deepest of the last ones). */
static const dw_section *last_section(const dw_section *list, size_t n)
{
    if (!n)
        return NULL;
    const dw_section *s = &list[n - 1], *sub = last_section(s->subs, s->n_subs);
    return sub ? sub : s;
}

struct shrunk {
    const dw_doc *src, *const *trs;
    size_t n_trs, n_missing;
    dw_buf ids;
};

/* Sections of trs[0] (and their subs) that German lacks and every other
 * translation has. */
static void find_shrunk(struct shrunk *k, const dw_section *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *id = list[i].id;
        bool all = id && !find_deep(k->src->sections, k->src->n_sections, id);
        for (size_t t = 1; all && t < k->n_trs; t++)
            all = find_deep(k->trs[t]->sections, k->trs[t]->n_sections, id) != NULL;
        if (all && k->n_missing++ < 4)
            dw_buf_printf(&k->ids, "%s'%s'", k->ids.len ? ", " : "", id);
        if (!all)
            find_shrunk(k, list[i].subs, list[i].n_subs);
    }
}

/* A German file cut short (a copy broken off, an editor that lost the
 * end) is valid YAML with fewer sections: it built with exit 0 and
 * fewer pages.  When the translations (two or more) all have sections
 * the German lacks, the German shrank: an error, naming them.  A section
 * deleted on purpose is then deleted from the translations too.        */
static void check_shrunk(const dw_content *c, const dw_doc *src, dw_diag *d)
{
    const dw_doc *trs[16];
    size_t n = 0;
    for (size_t i = 0; i < c->n_docs && n < 16; i++) {
        const dw_doc *t = &c->docs[i];
        if (t != src && strcmp(t->name, src->name) == 0 && !dw_check_file_has_errors(d, t->file))
            trs[n++] = t;
    }
    if (n < 2)
        return;
    struct shrunk k = {src, trs, n, 0, {0}};
    dw_buf_init(&k.ids);
    find_shrunk(&k, trs[0]->sections, trs[0]->n_sections);
    if (k.n_missing) {
        const dw_section *last = last_section(src->sections, src->n_sections);
        dw_loc at = last ? last->loc : src->loc;
        if (k.n_missing > 4)
            dw_buf_printf(&k.ids, " and %zu more", k.n_missing - 4);
        dw_error(d, at,
                 "the German file lacks %zu section%s that all %zu translations have (%s): "
                 "was it cut short? Restore the German file; if %s deleted on purpose, "
                 "delete %s from the translations too",
                 k.n_missing, k.n_missing == 1 ? "" : "s", n, k.ids.data,
                 k.n_missing == 1 ? "it was" : "they were", k.n_missing == 1 ? "it" : "them");
    }
    dw_buf_fini(&k.ids);
    if (k.n_missing)
        return;
    /* cut inside the last section, at a line's end: fewer blocks there */
    const dw_section *last = last_section(src->sections, src->n_sections);
    size_t fewest = (size_t)-1;
    for (size_t t = 0; last && t < n; t++) {
        const dw_section *ts = find_deep(trs[t]->sections, trs[t]->n_sections, last->id);
        size_t nb = ts ? ts->n_blocks : 0;
        fewest = nb < fewest ? nb : fewest;
    }
    if (last && fewest != (size_t)-1 && fewest > last->n_blocks)
        dw_error(d, last->loc,
                 "the German file ends after %zu block%s of its last section '%s', which all "
                 "%zu translations go on with (%zu blocks or more): was it cut short? Restore "
                 "the German file; if the blocks were deleted on purpose, delete them from "
                 "the translations too",
                 last->n_blocks, last->n_blocks == 1 ? "" : "s", last->id, n, fewest);
}

void dw_content_check_sources(const dw_content *c, dw_diag *d)
{
    for (size_t k = 0; k < DW_N_DOCS; k++) {
        const char *name = dw_doc_names[k];
        const dw_doc *src = dw_content_doc(c, name, DW_SOURCE_LANG);
        if (src && !dw_check_file_has_errors(d, src->file))
            check_shrunk(c, src, d);
        if (src)
            continue;
        const dw_doc *any = NULL;
        for (size_t i = 0; i < c->n_docs && !any; i++)
            if (strcmp(c->docs[i].name, name) == 0)
                any = &c->docs[i];
        char path[1024];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s/%s.yaml", c->dir ? c->dir : "content", name,
                 DW_SOURCE_LANG);
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
            continue; /* there, but with errors: those were reported */
        if (any || c->dir)
            dw_error(d, (dw_loc){any ? any->file : c->dir, 0, 0},
                     "the German source %s/%s.yaml is missing: no language of '%s' can be "
                     "printed",
                     name, DW_SOURCE_LANG, name);
    }
}
