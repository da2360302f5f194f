/*
 * coverage.c — walks everything a document prints and asks the shaper's
 * fonts for each character (coverage.h).  In: a loaded document and the
 * font set.  Out: errors in d.  Runs in `druckwerk check`; the build
 * finds the same characters while shaping.
 */
#include "coverage.h"

#include <string.h>

struct walk {
    dw_shaper *sh;
    const dw_doc *doc;
    dw_diag *d;
    dw_arena *a;
    const char *what; /* "welcome-folder (de)" */
};

static void cover_str(struct walk *w, const char *s, dw_loc loc)
{
    if (s && *s)
        dw_text_coverage(w->sh, s, w->doc->lang->script, loc, w->what, w->d);
}

static void cover_text(struct walk *w, const dw_text *t)
{
    if (t->n_spans)
        cover_str(w, dw_text_plain(w->a, t), t->loc);
}

static void cover_block(struct walk *w, const dw_block *b)
{
    cover_text(w, &b->text);
    cover_text(w, &b->title);
    cover_text(w, &b->alt);
    for (size_t k = 0; k < b->n_items; k++)
        cover_text(w, &b->items[k]);
    for (size_t k = 0; b->head && k < b->n_cols; k++)
        cover_text(w, &b->head[k]);
    for (size_t k = 0; k < b->n_cols * b->n_rows; k++)
        cover_text(w, &b->cells[k]);
    for (size_t k = 0; k < b->n_contacts; k++) {
        const dw_text *about = dw_contact_about(b->contacts[k], w->doc->lang->code);
        if (about)
            cover_text(w, about);
    }
}

static void cover_section(struct walk *w, const dw_section *s)
{
    cover_text(w, &s->title);
    for (size_t i = 0; i < s->n_blocks; i++)
        cover_block(w, &s->blocks[i]);
    for (size_t i = 0; i < s->n_subs; i++)
        cover_section(w, &s->subs[i]);
}

void dw_coverage_doc(dw_shaper *sh, const dw_doc *doc, dw_diag *d)
{
    struct walk w = {sh, doc, d, dw_arena_new(), NULL};
    w.what = dw_sprintf(w.a, "%s (%s)", doc->name, doc->lang->code);
    cover_text(&w, &doc->title);
    cover_text(&w, &doc->subtitle);
    cover_text(&w, &doc->publisher);
    cover_text(&w, &doc->office);
    for (size_t i = 0; i < doc->n_legal; i++)
        cover_text(&w, &doc->legal[i]);
    for (size_t i = 0; i < doc->n_sections; i++)
        cover_section(&w, &doc->sections[i]);
    dw_arena_free(w.a);
}

void dw_coverage_lang(dw_shaper *sh, const dw_lang *l, dw_diag *d)
{
    dw_arena *a = dw_arena_new();
    char *what = dw_sprintf(a, "languages/%s.yaml", l->code);
    for (size_t i = 0; i < l->n_words; i++)
        if (l->word_vals[i] && *l->word_vals[i])
            dw_text_coverage(sh, l->word_vals[i], l->script, l->loc, what, d);
    dw_arena_free(a);
}
