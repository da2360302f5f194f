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

/* digit groups typed without {tel:} or {ltr:} in right-to-left text: the
 * text path isolates them (src/text/numbers.c); say where              */
static void note_digit_groups(struct walk *w, const dw_text *t)
{
    for (size_t i = 0; w->doc->lang->rtl && i < t->n_spans; i++) {
        if (t->spans[i].kind != DW_SPAN_TEXT)
            continue;
        size_t st[16], en[16];
        size_t n = dw_text_ltr_groups(t->spans[i].text, st, en, 16);
        for (size_t k = 0; k < n; k++)
            dw_note(w->d, t->loc,
                    "%s: \"%.*s\" kept left to right (isolated) in right-to-left text; "
                    "mark it as {tel:…} or {ltr:…} to say so yourself",
                    w->what, (int)(en[k] - st[k]), t->spans[i].text + st[k]);
    }
}

static void cover_text(struct walk *w, const dw_text *t)
{
    if (!t->n_spans)
        return;
    cover_str(w, dw_text_plain(w->a, t), t->loc);
    note_digit_groups(w, t);
}

/* Every text the walk meets (cover, sections, blocks, legal notice), and
 * the contacts' texts in this language, which the tree only refers to. */
static bool on_event(const dw_walk *ev, void *user)
{
    struct walk *w = user;
    if (ev->event == DW_WALK_TEXT)
        cover_text(w, ev->text);
    else if (ev->event == DW_WALK_BLOCK && ev->block->kind == DW_BLOCK_CONTACTS)
        for (size_t k = 0; k < ev->block->as.contacts.n; k++) {
            const dw_text *about = dw_contact_about(ev->block->as.contacts.list[k],
                                                    w->doc->lang->code);
            if (about)
                cover_text(w, about);
        }
    return true;
}

void dw_coverage_doc(dw_shaper *sh, const dw_doc *doc, dw_diag *d)
{
    struct walk w = {sh, doc, d, dw_arena_new(), NULL};
    w.what = dw_sprintf(w.a, "%s (%s)", doc->name, doc->lang->code);
    dw_doc_walk(doc, on_event, &w);
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
