/*
 * shape.c — font choice per character cluster and HarfBuzz shaping of
 * items (runs of one level, script, face and span).
 *
 * Fallback is per cluster, never per byte: combining marks, joiners and
 * variation selectors stay with the face of their base; white space and
 * punctuation (script Common) stay with the face of the text around them.
 * Also the shaper's life cycle and its working memory.
 */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

static bool in_scripts(const dw_face *f, const char *script)
{
    for (size_t i = 0; i < f->n_scripts; i++)
        if (strcmp(f->scripts[i], script) == 0)
            return true;
    return false;
}

/* Fallback chains per style: faces for the language's script, then Latin
 * (addresses and names inside other scripts), then everything else; in
 * each group the exact style first, then bold alone, then regular.      */
static void find_chains(para *p, const dw_fontset *fs)
{
    const char *groups[3] = {p->spec->script ? p->spec->script : "Latn", "Latn", NULL};
    for (unsigned style = 0; style < 4; style++) {
        size_t n = 0;
        unsigned tries[3] = {style, style & DW_FONT_BOLD, 0};
        for (int g = 0; g < 3; g++)
            for (int t = 0; t < 3; t++)
                for (size_t i = 0; i < dw_fontset_count(fs); i++) {
                    const dw_face *f = dw_fontset_face(fs, i);
                    if (f->style != tries[t])
                        continue;
                    if (groups[g] ? !in_scripts(f, groups[g]) : false)
                        continue;
                    bool dup = false;
                    for (size_t k = 0; k < n; k++)
                        dup |= p->chains[style][k] == f;
                    if (!dup && n < 16)
                        p->chains[style][n++] = f;
                }
        p->n_chain[style] = n;
    }
}

void dw_shape_chains(para *p)
{
    dw_shaper *s = p->sh;
    const char *script = p->spec->script ? p->spec->script : "Latn";
    size_t n_faces = dw_fontset_count(s->fs);
    for (size_t i = 0; i < s->n_chain_sets; i++) {
        const chain_set *c = &s->chain_sets[i];
        if (c->n_faces == n_faces && strcmp(c->script, script) == 0) {
            memcpy(p->chains, c->chains, sizeof p->chains);
            memcpy(p->n_chain, c->n_chain, sizeof p->n_chain);
            return;
        }
    }
    find_chains(p, s->fs);
    if (s->n_chain_sets == MAX_CHAIN_SCRIPTS)
        return;
    chain_set *c = &s->chain_sets[s->n_chain_sets++];
    c->script = dw_xstrdup(script);
    c->n_faces = n_faces;
    memcpy(c->chains, p->chains, sizeof p->chains);
    memcpy(c->n_chain, p->n_chain, sizeof p->n_chain);
}

/* dw_face_has_char, remembered per shaper for the BMP. */
static bool has_char(dw_shaper *s, const dw_face *f, uint32_t c)
{
    if (c > 0xFFFF || f->index < 0)
        return dw_face_has_char(f, c);
    size_t k = (size_t)f->index;
    if (k >= s->n_cover) {
        size_t n = dw_fontset_count(s->fs) > k ? dw_fontset_count(s->fs) : k + 1;
        s->cover = dw_xrealloc(s->cover, n * sizeof *s->cover);
        for (size_t i = s->n_cover; i < n; i++)
            s->cover[i] = NULL;
        s->n_cover = n;
    }
    if (!s->cover[k])
        s->cover[k] = dw_xcalloc(0x10000, 1);
    unsigned char *v = &s->cover[k][c];
    if (!*v)
        *v = dw_face_has_char(f, c) ? 2 : 1;
    return *v == 2;
}

static bool follows_base(uint32_t c, hb_unicode_general_category_t gc)
{
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK ||
           c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F);
}

bool dw_shape_fonts(para *p, dw_diag *d)
{
    p->face = dw_tmp_zero(p->sh, p->n + 1, sizeof *p->face);
    p->script = dw_tmp_zero(p->sh, p->n + 1, sizeof *p->script);
    bool ok = true;
    const dw_face *prev = NULL;
    for (size_t i = 0; i < p->n; i++) {
        uint32_t c = p->cp[i];
        hb_script_t sc = dw_script(p->sh, c);
        p->script[i] = sc;
        if (is_isolate_ctl(c) || c == '\n' || c == 0x2028) {
            p->face[i] = NULL; /* not shaped */
            continue;
        }
        unsigned style = p->spec->spans[p->span[i]].style & 3u;
        bool mark = follows_base(c, dw_gc(p->sh, c));
        const dw_face *f = NULL;
        if (prev && (mark || sc == HB_SCRIPT_COMMON || sc == HB_SCRIPT_INHERITED) &&
            has_char(p->sh, prev, c) && (prev->style == style || mark))
            f = prev;
        for (size_t k = 0; !f && k < p->n_chain[style]; k++)
            if (has_char(p->sh, p->chains[style][k], c))
                f = p->chains[style][k];
        if (!f && mark && prev)
            f = prev; /* a mark the font lacks: HarfBuzz may still compose it */
        if (!f) {
            dw_buf tried;
            dw_buf_init(&tried);
            for (size_t k = 0; k < p->n_chain[style]; k++)
                dw_buf_printf(&tried, "%s%s", k ? ", " : "", p->chains[style][k]->path);
            char ch[8] = {0};
            dw_utf8_put(ch, c);
            /* quote the words around it so staff can find it */
            size_t a = i > 12 ? i - 12 : 0, b = i + 12 < p->n ? i + 12 : p->n;
            dw_buf ctx;
            dw_buf_init(&ctx);
            for (size_t k = a; k < b; k++) {
                char u[8];
                if (!is_isolate_ctl(p->cp[k]))
                    dw_buf_put(&ctx, u, (size_t)dw_utf8_put(u, p->cp[k]));
            }
            dw_error(d, p->spec->loc,
                     "%s%sno font has the character '%s' (U+%04X) in \"…%s…\"; fonts "
                     "tried: %s. Replace the character or add a font for it to fonts/fonts.yaml",
                     p->spec->what ? p->spec->what : "", p->spec->what ? ": " : "", ch,
                     (unsigned)c, ctx.data ? ctx.data : "", tried.data ? tried.data : "(none)");
            dw_buf_fini(&tried);
            dw_buf_fini(&ctx);
            ok = false;
            continue;
        }
        p->face[i] = f;
        if (!mark)
            prev = f;
    }
    /* Common and Inherited characters take the script of their
     * neighbours, so that items do not split at every space or digit.  */
    hb_script_t last = HB_SCRIPT_INVALID;
    for (size_t i = 0; i < p->n; i++) {
        if (p->script[i] == HB_SCRIPT_COMMON || p->script[i] == HB_SCRIPT_INHERITED ||
            p->script[i] == HB_SCRIPT_UNKNOWN) {
            if (last != HB_SCRIPT_INVALID)
                p->script[i] = last;
        } else {
            if (last == HB_SCRIPT_INVALID)
                for (size_t k = 0; k < i; k++)
                    p->script[k] = p->script[i];
            last = p->script[i];
        }
    }
    if (last == HB_SCRIPT_INVALID) /* digits and punctuation only */
        for (size_t i = 0; i < p->n; i++)
            p->script[i] = p->own_script;
    return ok;
}

double dw_shape_size_at(const para *p, size_t i)
{
    if (p->script[i] == p->own_script)
        return p->spec->size_pt;
    return p->spec->size_pt * dw_face_size_factor(p->face[i], p->spec->script);
}

/* Shape code points [start, end) into items, in logical order.  The whole
 * paragraph is passed to HarfBuzz as context, so joining across item
 * boundaries (an Arabic word in two colours) stays right.               */
size_t dw_shape_items(dw_shaper *s, para *p, size_t start, size_t end, item **out)
{
    size_t cap = 8, n = 0;
    item *items = dw_tmp(s, cap, sizeof *items);
    size_t i = start;
    while (i < end) {
        if (!p->face[i]) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < end && p->face[j] == p->face[i] && p->level[j] == p->level[i] &&
               p->script[j] == p->script[i] && p->span[j] == p->span[i])
            j++;
        /* A very long item is shaped in pieces cut after a space (HarfBuzz
         * sees the text around each as context), so that its buffer stays
         * bounded: it held ~56 bytes per character of a long paragraph.  */
        if (j - i > DW_SHAPE_MAX) {
            size_t cut = i + DW_SHAPE_MAX;
            while (cut > i + DW_SHAPE_MAX / 2 && p->cp[cut - 1] != ' ')
                cut--;
            if (p->cp[cut - 1] == ' ')
                j = cut;
        }
        hb_buffer_t *b = s->buf;
        hb_buffer_clear_contents(b);
        hb_buffer_add_utf32(b, p->cp, (int)p->n, (unsigned)i, (int)(j - i));
        hb_buffer_set_direction(b, (p->level[i] & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(b, p->script[i]);
        hb_buffer_set_language(b, p->hb_lang);
        /* Marks get clusters of their own, so that each mark glyph maps to
         * its own character in ToUnicode (readers drop or misplace marks
         * merged into a base's cluster).  Glyph IDs do not depend on it.  */
        hb_buffer_set_cluster_level(b, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
        item probe = {.script = p->script[i], .span = p->span[i]};
        /* where a tatweel may lengthen a join (kashida.c); the glyphs and
         * their other flags are the same with it                        */
        hb_buffer_set_flags(b, dw_kashida_wanted(p, &probe)
                                   ? HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL
                                   : HB_BUFFER_FLAG_DEFAULT);
        hb_shape(p->face[i]->hb_font, b, NULL, 0);
        unsigned ng;
        hb_glyph_info_t *info = hb_buffer_get_glyph_infos(b, &ng);
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(b, NULL);
        items = dw_arena_grow(s->tmp, items, n, &cap, sizeof *items, 8);
        item *it = &items[n++];
        *it = (item){.start = i, .end = j, .level = p->level[i], .face = p->face[i],
                     .script = p->script[i], .span = p->span[i], .n_glyphs = ng,
                     .size_pt = dw_shape_size_at(p, i)};
        it->info = dw_tmp(s, ng + 1, sizeof *info);
        it->pos = dw_tmp(s, ng + 1, sizeof *pos);
        memcpy(it->info, info, ng * sizeof *info);
        memcpy(it->pos, pos, ng * sizeof *pos);
        bool up = ng > 1, down = ng > 1;
        for (unsigned g = 0; g + 1 < ng; g++) {
            up &= info[g].cluster <= info[g + 1].cluster;
            down &= info[g].cluster >= info[g + 1].cluster;
        }
        it->order = up ? 1 : down ? -1 : 0;
        i = j;
    }
    *out = items;
    return n;
}

/* ---- shaper ------------------------------------------------------------- */
dw_shaper *dw_shaper_new(const dw_fontset *fs)
{
    dw_shaper *s = dw_xcalloc(1, sizeof *s);
    s->fs = fs;
    s->buf = hb_buffer_create();
    s->tmp = dw_arena_new();
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (uint32_t c = 0; c < DW_UCD_TABLE; c++) {
        s->gc[c] = (unsigned char)hb_unicode_general_category(uf, c);
        s->script[c] = hb_unicode_script(uf, c);
    }
    return s;
}

/* ---- working memory ------------------------------------------------------ */
void *dw_tmp(dw_shaper *s, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        abort(); /* no such paragraph fits in memory */
    return dw_alloc_uninit(s->tmp, n * size);
}

void *dw_tmp_zero(dw_shaper *s, size_t n, size_t size)
{
    return dw_alloc_array(s->tmp, n, size);
}

void dw_tmp_reset(dw_shaper *s)
{
    dw_arena_reset(s->tmp);
}

void dw_shaper_free(dw_shaper *s)
{
    if (!s)
        return;
    dw_shaper_free_hyph(s);
    dw_arena_free(s->tmp);
    for (size_t i = 0; i < s->n_cover; i++)
        free(s->cover[i]);
    free(s->cover);
    for (size_t i = 0; i < s->n_chain_sets; i++)
        free(s->chain_sets[i].script);
    hb_buffer_destroy(s->buf);
    free(s);
}
