/*
 * xliff_import.c — `druckwerk import-xliff`: a translated XLIFF file
 * (read with libxml2) checked unit by unit against the current German,
 * then written into the translation's YAML in place, or anew when the
 * German gained blocks.
 */
#include "xliff_int.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- import ---------------------------------------------------------------- */

static bool is_el(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

static const char *attr(dw_arena *a, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, X(name));
    if (!v)
        return NULL;
    char *r = dw_strdup(a, (const char *)v);
    xmlFree(v);
    return r;
}

/* The markup text of a segment: text escaped (a '*' translators typed is a
 * star, not emphasis), codes as their native markup.                    */
static void markup_of(dw_buf *b, const xmlNode *seg)
{
    for (const xmlNode *c = seg->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const char *s = (const char *)c->content; s && *s; s++) {
                if (strchr("\\*{}[]", *s))
                    dw_buf_putc(b, '\\');
                dw_buf_putc(b, *s);
            }
        } else if (is_el(c, "ph") || is_el(c, "bpt") || is_el(c, "ept") || is_el(c, "it")) {
            xmlChar *v = xmlNodeGetContent(c);
            dw_buf_puts(b, v ? (const char *)v : "");
            xmlFree(v);
        } else if (c->type == XML_ELEMENT_NODE) { /* g, mrk: their content */
            markup_of(b, c);
        }
    }
}

static const char *segment_text(dw_arena *a, const xmlNode *seg)
{
    dw_buf b;
    dw_buf_init(&b);
    markup_of(&b, seg);
    char *r = dw_strndup(a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return r;
}

/* The codes a translation must keep: phone numbers, e-mail and web
 * addresses and link targets, as "tel:+494471150" hrefs.                */
static size_t protected_codes(const dw_text *t, const char **out, const char **shown,
                              size_t cap)
{
    size_t n = 0;
    const char *last_link = NULL;
    for (size_t i = 0; i < t->n_spans && n < cap; i++) {
        const dw_span *s = &t->spans[i];
        if (s->kind == DW_SPAN_LINK && xliff_same_str(s->href, last_link))
            continue; /* one link in several style runs */
        last_link = s->kind == DW_SPAN_LINK ? s->href : NULL;
        if (s->href) {
            shown[n] = s->text;
            out[n++] = s->href;
        }
    }
    return n;
}

/* Same codes, in any order: each German code once in the target.  The
 * target's markup errors (an unclosed '**') are reported at `at`.      */
static void check_codes(dw_arena *a, const unit *u, const char *target, dw_loc at, dw_diag *d)
{
    enum { MAX = 64 }; /* codes in one text; the content has at most a handful */
    const char *want[MAX], *got[MAX], *want_shown[MAX], *shown[MAX];
    bool ok;
    dw_text de = xliff_parse_quietly(a, u->de->str, &ok);
    dw_text tr = dw_inline_parse(a, target, at, d);
    size_t nw = protected_codes(&de, want, want_shown, MAX),
           ng = protected_codes(&tr, got, shown, MAX);
    bool *matched = dw_alloc_array(a, ng + 1, sizeof *matched);
    for (size_t i = 0; i < nw; i++) {
        size_t k = 0;
        while (k < ng && (matched[k] || strcmp(got[k], want[i]) != 0))
            k++;
        if (k < ng)
            matched[k] = true;
        else
            dw_error(d, at, "unit '%s': the translation lost the code '%s' that the German "
                            "has: put it back (CAT tools show it as a protected tag)",
                     u->id, want[i]);
    }
    /* a code the translator added around what the German types as plain
     * text ("Atemnot: 112" → {tel:112}) is allowed: it only marks it   */
    const char *plain = dw_text_plain(a, &de);
    for (size_t k = 0; k < ng; k++)
        if (!matched[k] && !strstr(plain, shown[k]))
            dw_error(d, at, "unit '%s': the translation has the code '%s' that the German "
                            "does not have: remove it, or correct the German first",
                     u->id, got[k]);
}

typedef struct edit {
    size_t start, end;
    const char *text;
} edit;

static int cmp_edit(const void *x, const void *y)
{
    const edit *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The translation with only its changed texts (and source-edition)
 * replaced where they stand, so the file keeps its comments, blank lines
 * and layout.  False when a change needs more than that (a new block, a
 * text over several lines): the caller writes the whole file then.  The
 * result is read back and compared text by text before it is accepted.  */
static bool write_in_place(dw_arena *a, job *j, const pair *p, const char *edition,
                           dw_buf *out)
{
    edit *ed = dw_alloc_array(a, j->n + 1, sizeof *ed);
    size_t n = 0;
    for (size_t i = 0; i < j->n; i++) {
        const unit *u = &j->units[i];
        if (!u->target)
            continue;
        if (!u->tr || !strchr("p'\"", u->tr->style))
            return false;
        const char *t = dw_yaml_scalar(a, u->target, u->parent == 'f' ? '"' : u->tr->style);
        if (!t)
            return false;
        ed[n++] = (edit){u->tr->start, u->tr->end, t};
    }
    const dw_ynode *se = dw_schema_get(p->tr, "source-edition");
    if (!se || se->kind != DW_Y_SCALAR)
        return false;
    if (strcmp(se->str, edition) != 0)
        ed[n++] = (edit){se->start, se->end, dw_yaml_scalar(a, edition, 'p')};
    qsort(ed, n, sizeof *ed, cmp_edit);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ed[i].text || ed[i].start < at || ed[i].end > p->tr_len)
            return false;
        dw_buf_put(out, p->tr_data + at, ed[i].start - at);
        dw_buf_puts(out, ed[i].text);
        at = ed[i].end;
    }
    dw_buf_put(out, p->tr_data + at, p->tr_len - at);

    /* read back: every text as intended */
    dw_diag quiet;
    dw_diag_init(&quiet);
    dw_ynode *back = NULL;
    bool ok = dw_yaml_parse(a, p->tr_path, out->data, out->len, &back, &quiet) && back &&
              strcmp(xliff_top_str(back, "source-edition"), edition) == 0;
    dw_diag_fini(&quiet);
    job again = {a, NULL, NULL, 0, 0, true};
    if (ok)
        xliff_merge(&again, p->de, back, "", false, "", 0);
    ok = ok && again.n == j->n;
    for (size_t i = 0; ok && i < j->n; i++) {
        const unit *u = &j->units[i];
        const char *want = u->target ? u->target : u->tr ? u->tr->str : NULL;
        ok = again.units[i].tr && want && strcmp(again.units[i].tr->str, want) == 0;
    }
    free(again.units);
    return ok;
}

static bool write_atomically(const char *path, const dw_buf *b, dw_diag *d)
{
    size_t plen = strlen(path) + 32;
    char *tmp = dw_xmalloc(plen);
    snprintf(tmp, plen, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wbx");
    bool ok = f && fwrite(b->data, 1, b->len, f) == b->len;
    ok = f && fclose(f) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        dw_error(d, (dw_loc){path, 0, 0}, "cannot write the file: %s", strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}

bool dw_xliff_import(const char *dir, const char *xliff_path, bool *written, dw_arena *a,
                     dw_diag *d)
{
    job j = {a, d, NULL, 0, 0, true};
    xmlDocPtr doc = NULL;
    bool ok = false;
    pair p;
    *written = false;
    const char *xfile = dw_strdup(a, xliff_path);
    doc = xmlReadFile(xliff_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        dw_error(d, (dw_loc){xfile, e ? e->line : 0, e ? e->int2 : 0},
                 "not a readable XLIFF file: %s", e && e->message ? e->message : "?");
        goto done;
    }
    const xmlNode *root = xmlDocGetRootElement(doc), *file = child(root, "file");
    if (!root || !is_el(root, "xliff") || !file) {
        dw_error(d, (dw_loc){xfile, 1, 1}, "not an XLIFF file: it has no <xliff><file>");
        goto done;
    }
    const char *original = attr(a, file, "original"), *lang = attr(a, file, "target-language");
    const char *slash = original ? strchr(original, '/') : NULL;
    if (!slash || !lang) {
        dw_error(d, (dw_loc){xfile, (int)xmlGetLineNo(file), 1},
                 "<file> needs original=\"<document>/de.yaml\" and target-language, as "
                 "druckwerk export-xliff writes them");
        goto done;
    }
    const char *docname = dw_strndup(a, original, (size_t)(slash - original));
    if (!xliff_load_pair(a, dir, docname, lang, &p, d))
        goto done;
    xliff_merge(&j, p.de, p.tr, "", false, docname, 0);
    j.collect = false;

    const xmlNode *body = child(file, "body");
    for (const xmlNode *tu = body ? body->children : NULL; tu; tu = tu->next) {
        if (!is_el(tu, "trans-unit"))
            continue;
        dw_loc at = {xfile, (int)xmlGetLineNo(tu), 1};
        const char *id = attr(a, tu, "id");
        unit *u = id ? xliff_find_unit(&j, id) : NULL;
        if (!u) {
            dw_error(d, at, "unit '%s' is not a text of %s: was the file made for another "
                            "edition? Export it again", id ? id : "?", p.de_path);
            continue;
        }
        u->seen = true;
        const xmlNode *src = child(tu, "source"), *tgt = child(tu, "target");
        if (!src || !xliff_same_text(a, segment_text(a, src), u->de->str)) {
            dw_error(d, at, "unit '%s': its German text is not the current one in %s:%d: the "
                            "German changed since the export; export again and carry the "
                            "translation over", id, p.de_path, u->de->loc.line);
            continue;
        }
        const char *target = tgt ? segment_text(a, tgt) : "";
        if (!*target) {
            dw_error(d, at, "unit '%s' has no translation yet: translate it, then import",
                     id);
            continue;
        }
        check_codes(a, u, target, (dw_loc){xfile, (int)xmlGetLineNo(tgt), 1}, d);
        if (!u->tr || !xliff_same_text(a, target, u->tr->str))
            u->target = target;
    }
    for (size_t i = 0; i < j.n; i++)
        if (!j.units[i].seen)
            dw_error(d, (dw_loc){xfile, 0, 0},
                     "unit '%s' (%s:%d) is missing from the file: return the whole file",
                     j.units[i].id, p.de_path, j.units[i].de->loc.line);
    if (d->errors)
        goto done;

    bool changed = false;
    for (size_t i = 0; i < j.n; i++)
        changed |= j.units[i].target != NULL;
    const char *edition = xliff_top_str(p.de, "edition");
    changed |= strcmp(xliff_top_str(p.tr, "source-edition"), edition) != 0;
    if (!changed) {
        ok = true;
        goto done;
    }
    dw_ynode *out = xliff_merge(&j, p.de, p.tr, "", false, docname, 0);
    /* the translation's own keys: language, and the edition it follows */
    for (size_t i = 0; i < out->n; i++) {
        const char *k = out->items[2 * i]->str;
        if (strcmp(k, "lang") == 0)
            out->items[2 * i + 1] = xliff_scalar_node(a, lang, 'p');
        else if (strcmp(k, "edition") == 0) {
            /* source-edition follows edition */
            memmove(&out->items[2 * i + 4], &out->items[2 * i + 2],
                    (2 * out->n - 2 * i - 2) * sizeof *out->items);
            out->items[2 * i + 2] = xliff_scalar_node(a, "source-edition", 'p');
            out->items[2 * i + 3] = xliff_scalar_node(a, edition, 'p');
            out->n++;
            i++;
        }
    }
    /* keep the comment lines at the top of the translation */
    dw_buf yaml;
    dw_buf_init(&yaml);
    size_t keep = 0;
    while (p.tr_data && keep < p.tr_len && p.tr_data[keep] == '#') {
        const char *nl = memchr(p.tr_data + keep, '\n', p.tr_len - keep);
        keep = nl ? (size_t)(nl - p.tr_data) + 1 : p.tr_len;
    }
    const char *comment = keep ? dw_strndup(a, p.tr_data, keep) : NULL;
    if (p.tr && write_in_place(a, &j, &p, edition, &yaml)) {
        if (write_atomically(p.tr_path, &yaml, d))
            *written = ok = true;
    } else if (dw_buf_reset(&yaml), !dw_yaml_emit(out, comment, &yaml))
        dw_error(d, (dw_loc){p.tr_path, 0, 0}, "libyaml could not write the translation");
    else if (write_atomically(p.tr_path, &yaml, d))
        *written = ok = true;
    dw_buf_fini(&yaml);
done:
    if (doc)
        xmlFreeDoc(doc);
    free(j.units);
    return ok && !d->errors;
}
