/*
 * load.c — what the commands that lay out need, loaded once: content,
 * fonts into a shaper (with its hyphenation cache), the hyphenation
 * exceptions and names never hyphenated, the layouts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static bool load_fonts(env *e)
{
    if (!dw_content_load_fonts(e->o.fonts, &e->manifest, e->a, &e->d))
        return false;
    e->fs = dw_fontset_new();
    for (size_t i = 0; i < e->manifest.n_fonts; i++) {
        const dw_font_entry *f = &e->manifest.fonts[i];
        dw_face *face = dw_fontset_add(e->fs, f->file, f->style, f->scripts, f->n_scripts,
                                       f->loc, &e->d);
        for (size_t k = 0; face && k < f->n_sizes; k++)
            dw_face_set_fallback_size(face, f->size_scripts[k], f->sizes[k]);
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

/* Words of the places the content knows (municipalities, course
 * places): never hyphenated, in any language ("Cloppenburg", "Lindern").
 * Words split at ASCII spaces and punctuation.                        */
static void keep_place(env *e, const char *name)
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
    /* an office's name is not broken where it stands whole; its words
     * alone are ordinary words ("Arbeit" of "Agentur für Arbeit")      */
    for (size_t i = 0; i < e->content.n_contacts; i++) {
        if (e->content.contacts[i].name)
            dw_shaper_hyph_keep_phrase(e->sh, e->content.contacts[i].name);
        keep_place(e, e->content.contacts[i].municipality);
    }
    for (size_t i = 0; i < e->content.n_courses; i++)
        keep_place(e, e->content.courses[i].place);
}

bool dw_cli_load_all(env *e, bool designs)
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

int dw_cli_doc_index(const char *name)
{
    for (int i = 0; i < DW_N_DOCS; i++)
        if (strcmp(dw_doc_names[i], name) == 0)
            return i;
    return -1;
}

bool dw_cli_selected(const env *e, const dw_doc *doc)
{
    return (!e->o.doc || strcmp(e->o.doc, doc->name) == 0) &&
           (!e->o.lang || strcmp(e->o.lang, doc->lang->code) == 0);
}
