/*
 * xliff.c — the translation round trip (xliff.h): export a document's
 * texts to XLIFF 1.2 and import a translated XLIFF file back into YAML.
 *
 * Both directions walk the German tree and the translation's tree side by
 * side (xliff_merge()): the German decides the structure, the translation gives
 * the texts.  Export writes a unit per printed text; import checks every
 * unit against the current German and then writes the translation file
 * anew from the same walk with the XLIFF targets in place of the old
 * texts, each node in the style it was written (dw_yaml_emit), so a file
 * whose texts did not change is not touched at all.
 *
 * libxml2 writes (xmlTextWriter) and reads (xmlReadFile) the XML; libyaml
 * (yaml.c) reads and writes the YAML.  Nothing here parses either format.
 *
 * xliff.c holds what both directions share: the walk, the files, the
 * comparison of texts; xliff_export.c and xliff_import.c the two
 * directions (xliff_int.h between them).
 */
#include "xliff_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Keys whose scalars, and all scalars below them, are printed text. */
static const char *const text_keys[] = {"title", "subtitle", "publisher", "office",
                                        "legal", "running-title", "p", "h",
                                        "note", "list", "steps", "head",
                                        "rows", "text", "alt", NULL};

static bool in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return true;
    return false;
}
/* ---- the walk ---------------------------------------------------------- */

dw_ynode *xliff_scalar_node(dw_arena *a, const char *s, char style)
{
    dw_ynode *n = dw_alloc(a, sizeof *n);
    n->kind = DW_Y_SCALAR;
    n->str = s;
    n->len = strlen(s);
    n->style = style;
    n->plain = style == 'p';
    return n;
}

static const char *id_of(const dw_ynode *item)
{
    const dw_ynode *id = item->kind == DW_Y_MAP ? dw_schema_get(item, "id") : NULL;
    return id && id->kind == DW_Y_SCALAR ? id->str : NULL;
}

static const dw_ynode *tr_item(const dw_ynode *tr, const dw_ynode *de_item, size_t i)
{
    if (!tr || tr->kind != DW_Y_SEQ)
        return NULL;
    const char *id = id_of(de_item);
    if (!id)
        return i < tr->n ? tr->items[i] : NULL;
    for (size_t k = 0; k < tr->n; k++) {
        const char *other = id_of(tr->items[k]);
        if (other && strcmp(other, id) == 0)
            return tr->items[k];
    }
    return NULL;
}

unit *xliff_find_unit(job *j, const char *id)
{
    for (size_t i = 0; i < j->n; i++)
        if (strcmp(j->units[i].id, id) == 0)
            return &j->units[i];
    return NULL;
}

/* The output node for German node de and translation node tr (either may
 * be NULL only for tr).  text: de lies under a text key.  where: the
 * nearest section or block description, for the translators' notes.     */
dw_ynode *xliff_merge(job *j, const dw_ynode *de, const dw_ynode *tr, const char *path,
                      bool text, const char *where, char parent)
{
    dw_ynode *out = dw_alloc(j->a, sizeof *out);
    out->kind = de->kind;
    out->style = de->style;
    out->loc = de->loc;
    if (de->kind == DW_Y_SCALAR) {
        const dw_ynode *mine = tr && tr->kind == DW_Y_SCALAR ? tr : NULL;
        if (!text)
            return (dw_ynode *)(uintptr_t)(mine ? mine : de);
        if (j->collect) {
            if (j->n == j->cap) {
                j->cap = j->cap ? 2 * j->cap : 256;
                j->units = dw_xrealloc(j->units, j->cap * sizeof *j->units);
            }
            j->units[j->n++] = (unit){path, de, mine, where, NULL, parent, false};
        }
        const unit *u = xliff_find_unit(j, path);
        if (u && u->target)
            return xliff_scalar_node(j->a, u->target, mine ? mine->style : de->style);
        return (dw_ynode *)(uintptr_t)(mine ? mine : de);
    }
    size_t items = de->kind == DW_Y_SEQ ? de->n : 2 * de->n;
    out->items = dw_alloc_array(j->a, items + 2, sizeof *out->items);
    if (de->kind == DW_Y_SEQ) {
        for (size_t i = 0; i < de->n; i++) {
            const dw_ynode *item = de->items[i];
            const char *id = id_of(item);
            const char *p = id ? dw_sprintf(j->a, "%s[%s]", path, id)
                               : dw_sprintf(j->a, "%s[%zu]", path, i + 1);
            const dw_ynode *title = item->kind == DW_Y_MAP ? dw_schema_get(item, "title") : NULL;
            const char *w = id && title && title->kind == DW_Y_SCALAR
                                ? dw_sprintf(j->a, "section “%s”", title->str)
                                : where;
            out->items[out->n++] = xliff_merge(j, item, tr_item(tr, item, i), p, text, w, de->style);
        }
        return out;
    }
    for (size_t i = 0; i < de->n; i++) {
        const dw_ynode *k = de->items[2 * i], *v = de->items[2 * i + 1];
        const dw_ynode *mine = tr && tr->kind == DW_Y_MAP ? dw_schema_get(tr, k->str) : NULL;
        if (strcmp(k->str, "confirm") == 0 && !mine)
            continue; /* the German source's notes for the county */
        const char *p = dw_sprintf(j->a, "%s/%s", path, k->str);
        bool t = text || in_list(text_keys, k->str);
        const char *w = t && !text ? dw_sprintf(j->a, "%s › %s", where, k->str) : where;
        out->items[2 * out->n] = (dw_ynode *)(uintptr_t)k;
        out->items[2 * out->n + 1] = xliff_merge(j, v, mine, p, t, w, de->style);
        out->n++;
    }
    return out;
}
/* ---- files ------------------------------------------------------------- */
static dw_ynode *parse_file(dw_arena *a, const char *path, char **keep, size_t *keep_len,
                            bool must, dw_diag *d)
{
    size_t len;
    char *data = dw_read_file(path, &len);
    dw_ynode *root = NULL;
    if (!data) {
        if (must || errno != ENOENT)
            dw_error(d, (dw_loc){path, 0, 0}, "cannot read the file: %s", strerror(errno));
        return NULL;
    }
    if (!dw_yaml_parse(a, path, data, len, &root, d) || !root || root->kind != DW_Y_MAP) {
        if (!d->errors)
            dw_error(d, (dw_loc){path, 1, 1}, "the file holds no document");
        root = NULL;
    }
    if (keep) {
        *keep = dw_strndup(a, data, len);
        *keep_len = len;
    }
    free(data);
    return root;
}

static bool valid_name(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return false;
    return true;
}

bool xliff_load_pair(dw_arena *a, const char *dir, const char *doc, const char *lang,
                     pair *p, dw_diag *d)
{
    if (!valid_name(doc) || !valid_name(lang) || strcmp(lang, DW_SOURCE_LANG) == 0) {
        dw_error(d, (dw_loc){"druckwerk", 0, 0},
                 "'%s' in '%s' is not a translation: name a document folder and a language "
                 "other than German", lang, doc);
        return false;
    }
    memset(p, 0, sizeof *p);
    p->de_path = dw_sprintf(a, "%s/%s/%s.yaml", dir, doc, DW_SOURCE_LANG);
    p->tr_path = dw_sprintf(a, "%s/%s/%s.yaml", dir, doc, lang);
    p->de = parse_file(a, p->de_path, NULL, NULL, true, d);
    p->tr = parse_file(a, p->tr_path, &p->tr_data, &p->tr_len, false, d);
    return p->de && !d->errors;
}

const char *xliff_top_str(const dw_ynode *root, const char *key)
{
    const dw_ynode *v = root ? dw_schema_get(root, key) : NULL;
    return v && v->kind == DW_Y_SCALAR ? v->str : "";
}
/* ---- texts ------------------------------------------------------------- */

dw_text xliff_parse_quietly(dw_arena *a, const char *s, bool *ok)
{
    dw_diag quiet;
    dw_diag_init(&quiet);
    dw_text t = dw_inline_parse(a, s, (dw_loc){"", 0, 0}, &quiet);
    *ok = quiet.errors == 0;
    dw_diag_fini(&quiet);
    return t;
}

bool xliff_same_str(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Two markup texts that print the same (escapes and spelling of the
 * markup aside).                                                         */
bool xliff_same_text(dw_arena *a, const char *x, const char *y)
{
    if (strcmp(x, y) == 0)
        return true;
    bool okx, oky;
    dw_text tx = xliff_parse_quietly(a, x, &okx), ty = xliff_parse_quietly(a, y, &oky);
    if (!okx || !oky || tx.n_spans != ty.n_spans)
        return false;
    for (size_t i = 0; i < tx.n_spans; i++) {
        const dw_span *s = &tx.spans[i], *t = &ty.spans[i];
        if (s->kind != t->kind || s->style != t->style || !xliff_same_str(s->text, t->text) ||
            !xliff_same_str(s->href, t->href))
            return false;
    }
    return true;
}

