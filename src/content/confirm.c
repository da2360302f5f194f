/*
 * confirm.c — the facts the county must confirm before printing
 * (`confirm:` on a block, section, contact or course; content/README.md).
 * Input: a loaded content set.  Output: a table on `out` for
 * `druckwerk check`: where (file:line), what (document / section, contact
 * or course) and the confirm text.  Only the German source counts: a
 * translation says what German says, so its `confirm:` keys are allowed
 * (translators copy blocks whole) but not listed again.
 */
#include "content_int.h"

#include <string.h>

typedef struct row {
    const char *at, *what, *text;
} row;

typedef struct rows {
    dw_arena *a;
    row *r;
    size_t n;
} rows;

static void add(rows *t, dw_loc l, const char *what, const char *text)
{
    t->r = dw_grow(t->a, t->r, t->n, sizeof *t->r);
    t->r[t->n++] = (row){dw_sprintf(t->a, "%s:%d", l.file ? l.file : "?", l.line), what,
                         text};
}

/* "welcome-folder / arrival › health" for a block in section health. */
static void collect_section(rows *t, const dw_doc *doc, const dw_section *s,
                            const char *path)
{
    const char *here = path ? dw_sprintf(t->a, "%s › %s", path, s->id)
                            : dw_sprintf(t->a, "%s / %s", doc->name, s->id);
    if (s->confirm)
        add(t, s->confirm_loc, here, s->confirm);
    for (size_t i = 0; i < s->n_blocks; i++) {
        const dw_block *b = &s->blocks[i];
        if (b->confirm)
            add(t, b->confirm_loc, dw_sprintf(t->a, "%s (%s)", here, dw_block_names[b->kind]),
                b->confirm);
    }
    for (size_t i = 0; i < s->n_subs; i++)
        collect_section(t, doc, &s->subs[i], here);
}

/* Display width in characters (UTF-8), for the table's columns. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void pad(FILE *out, const char *s, int w)
{
    fputs(s, out);
    for (int i = width(s); i < w; i++)
        fputc(' ', out);
}

size_t dw_content_confirm_table(const dw_content *c, FILE *out)
{
    dw_arena *a = dw_arena_new();
    rows t = {a, NULL, 0};
    /* in print order: documents, then the shared directories */
    for (size_t k = 0; dw_doc_names[k]; k++) {
        const dw_doc *doc = dw_content_doc(c, dw_doc_names[k], DW_SOURCE_LANG);
        for (size_t s = 0; doc && s < doc->n_sections; s++)
            collect_section(&t, doc, &doc->sections[s], NULL);
    }
    for (size_t i = 0; i < c->n_contacts; i++)
        if (c->contacts[i].confirm)
            add(&t, c->contacts[i].confirm_loc,
                dw_sprintf(a, "contact %s", c->contacts[i].id), c->contacts[i].confirm);
    for (size_t i = 0; i < c->n_courses; i++)
        if (c->courses[i].confirm)
            add(&t, c->courses[i].confirm_loc, dw_sprintf(a, "course %s", c->courses[i].id),
                c->courses[i].confirm);
    size_t n = t.n;
    if (out && n) {
        int w_at = (int)strlen("where"), w_what = (int)strlen("what");
        for (size_t i = 0; i < n; i++) {
            w_at = width(t.r[i].at) > w_at ? width(t.r[i].at) : w_at;
            w_what = width(t.r[i].what) > w_what ? width(t.r[i].what) : w_what;
        }
        fprintf(out, "\nFacts to confirm before printing (confirm:), %zu:\n", n);
        fputs("  ", out);
        pad(out, "where", w_at + 2);
        pad(out, "what", w_what + 2);
        fputs("confirm\n", out);
        for (size_t i = 0; i < n; i++) {
            fputs("  ", out);
            pad(out, t.r[i].at, w_at + 2);
            pad(out, t.r[i].what, w_what + 2);
            /* one line per fact: a folded YAML text may hold line breaks */
            for (const char *p = t.r[i].text; *p; p++)
                fputc(*p == '\n' ? ' ' : *p, out);
            fputc('\n', out);
        }
    }
    dw_arena_free(a);
    return n;
}
