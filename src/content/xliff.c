/*
 * xliff.c — the translation round trip (xliff.h): export a document's
 * texts to XLIFF 1.2 and import a translated XLIFF file back into YAML.
 *
 * Both directions walk the German tree and the translation's tree side by
 * side (merge()): the German decides the structure, the translation gives
 * the texts.  Export writes a unit per printed text; import checks every
 * unit against the current German and then writes the translation file
 * anew from the same walk with the XLIFF targets in place of the old
 * texts, each node in the style it was written (dw_yaml_emit), so a file
 * whose texts did not change is not touched at all.
 *
 * libxml2 writes (xmlTextWriter) and reads (xmlReadFile) the XML; libyaml
 * (yaml.c) reads and writes the YAML.  Nothing here parses either format.
 */
#include "xliff.h"

#include "content_int.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:1.2"

/* libxml2 strings are unsigned char; its BAD_CAST drops const. */
static const xmlChar *X(const char *s)
{
    return (const xmlChar *)s;
}

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

/* One translatable text. */
typedef struct unit {
    const char *id;        /* its place: "/sections[first-steps]/blocks[3]/p" */
    const dw_ynode *de;    /* the German scalar */
    const dw_ynode *tr;    /* the translation's scalar, or NULL */
    const char *where;     /* for translators: "section title › Die ersten Schritte" */
    const char *target;    /* import: the new text (markup), or NULL */
    char parent;           /* style of the collection holding it ('f': [a, b]) */
    bool seen;             /* import: the XLIFF has it */
} unit;

typedef struct job {
    dw_arena *a;
    dw_diag *d;
    unit *units;
    size_t n, cap;
    bool collect;          /* add units while merging */
} job;

/* ---- the walk ---------------------------------------------------------- */

static dw_ynode *scalar_node(dw_arena *a, const char *s, char style)
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

static unit *find_unit(job *j, const char *id)
{
    for (size_t i = 0; i < j->n; i++)
        if (strcmp(j->units[i].id, id) == 0)
            return &j->units[i];
    return NULL;
}

/* The output node for German node de and translation node tr (either may
 * be NULL only for tr).  text: de lies under a text key.  where: the
 * nearest section or block description, for the translators' notes.     */
static dw_ynode *merge(job *j, const dw_ynode *de, const dw_ynode *tr, const char *path,
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
        const unit *u = find_unit(j, path);
        if (u && u->target)
            return scalar_node(j->a, u->target, mine ? mine->style : de->style);
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
            out->items[out->n++] = merge(j, item, tr_item(tr, item, i), p, text, w, de->style);
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
        out->items[2 * out->n + 1] = merge(j, v, mine, p, t, w, de->style);
        out->n++;
    }
    return out;
}

/* ---- files ------------------------------------------------------------- */

typedef struct pair {
    const char *de_path, *tr_path;
    dw_ynode *de, *tr;  /* tr NULL: no translation yet */
    char *tr_data;      /* the translation's bytes (import keeps its comment) */
    size_t tr_len;
} pair;

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

static bool load_pair(dw_arena *a, const char *dir, const char *doc, const char *lang,
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

static const char *top_str(const dw_ynode *root, const char *key)
{
    const dw_ynode *v = root ? dw_schema_get(root, key) : NULL;
    return v && v->kind == DW_Y_SCALAR ? v->str : "";
}

/* ---- the German of an earlier edition, from git ------------------------- */

/* s in single quotes for sh. */
static const char *sh_quote(dw_arena *a, const char *s)
{
    dw_buf b;
    dw_buf_init(&b);
    dw_buf_putc(&b, '\'');
    for (; *s; s++)
        if (*s == '\'')
            dw_buf_puts(&b, "'\\''");
        else
            dw_buf_putc(&b, *s);
    dw_buf_putc(&b, '\'');
    char *r = dw_strndup(a, b.data, b.len);
    dw_buf_fini(&b);
    return r;
}

static char *run_capture(const char *cmd, size_t *len)
{
    FILE *f = popen(cmd, "r");
    if (!f)
        return NULL;
    dw_buf b;
    dw_buf_init(&b);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < DW_YAML_MAX_BYTES)
        dw_buf_put(&b, chunk, n);
    int rc = pclose(f);
    dw_buf_putc(&b, '\0');
    *len = b.len - 1;
    if (rc != 0) {
        dw_buf_fini(&b);
        return NULL;
    }
    return b.data;
}

/* The German tree as it was when its edition was `edition`: the newest
 * commit of de.yaml with that edition.  NULL when the content is not in
 * git or no commit has that edition.                                    */
static dw_ynode *german_at(dw_arena *a, const char *dir, const char *doc, const char *edition)
{
    const char *rel = dw_sprintf(a, "%s/%s.yaml", doc, DW_SOURCE_LANG);
    const char *qdir = sh_quote(a, dir), *qrel = sh_quote(a, rel);
    size_t len;
    char *log = run_capture(dw_sprintf(a, "git -C %s log --format=%%H -- %s 2>/dev/null",
                                       qdir, qrel), &len);
    dw_ynode *found = NULL;
    for (char *h = log, *e; h && *h && !found; h = e + 1) {
        e = strchr(h, '\n');
        if (!e)
            break;
        *e = '\0';
        char *data = run_capture(dw_sprintf(a, "git -C %s show %s:./%s 2>/dev/null", qdir,
                                            sh_quote(a, h), rel), &len);
        if (!data)
            continue;
        dw_diag quiet;
        dw_diag_init(&quiet);
        dw_ynode *root = NULL;
        if (dw_yaml_parse(a, rel, data, len, &root, &quiet) && root &&
            root->kind == DW_Y_MAP && strcmp(top_str(root, "edition"), edition) == 0)
            found = root;
        dw_diag_fini(&quiet);
        free(data);
    }
    free(log);
    return found;
}

/* ---- texts ------------------------------------------------------------- */

static dw_text parse_quietly(dw_arena *a, const char *s, bool *ok)
{
    dw_diag quiet;
    dw_diag_init(&quiet);
    dw_text t = dw_inline_parse(a, s, (dw_loc){"", 0, 0}, &quiet);
    *ok = quiet.errors == 0;
    dw_diag_fini(&quiet);
    return t;
}

static bool same_str(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Two markup texts that print the same (escapes and spelling of the
 * markup aside).                                                         */
static bool same_text(dw_arena *a, const char *x, const char *y)
{
    if (strcmp(x, y) == 0)
        return true;
    bool okx, oky;
    dw_text tx = parse_quietly(a, x, &okx), ty = parse_quietly(a, y, &oky);
    if (!okx || !oky || tx.n_spans != ty.n_spans)
        return false;
    for (size_t i = 0; i < tx.n_spans; i++) {
        const dw_span *s = &tx.spans[i], *t = &ty.spans[i];
        if (s->kind != t->kind || s->style != t->style || !same_str(s->text, t->text) ||
            !same_str(s->href, t->href))
            return false;
    }
    return true;
}

static const char *const code_kind[] = {[DW_SPAN_TEL] = "tel", [DW_SPAN_MAIL] = "mail",
                                        [DW_SPAN_WEB] = "web", [DW_SPAN_LTR] = "ltr",
                                        [DW_SPAN_DE] = "de"};

/* The markup of a {kind:…} span, as the content writes it. */
static const char *native_code(dw_arena *a, const dw_span *s)
{
    dw_buf b;
    dw_buf_init(&b);
    dw_buf_printf(&b, "{%s:", code_kind[s->kind]);
    for (const char *c = s->text; *c; c++) {
        if (*c == '}' || *c == '\\')
            dw_buf_putc(&b, '\\');
        dw_buf_putc(&b, *c);
    }
    dw_buf_putc(&b, '}');
    char *r = dw_strndup(a, b.data, b.len);
    dw_buf_fini(&b);
    return r;
}

/* ---- export -------------------------------------------------------------- */

/* Inline codes of one segment: ph for {…} spans, bpt/ept for styles and
 * links.  Codes that the German has keep the German's id in the target,
 * so CAT tools pair them.                                                 */
typedef struct codes {
    const char **native; /* the source's ph codes … */
    int *ids;            /* … and their ids */
    size_t n;
    int last_id;         /* the source's highest id */
    bool *used;
} codes;

static void code(xmlTextWriterPtr w, const char *el, int id, const char *ctype,
                 const char *native)
{
    xmlTextWriterStartElement(w, X(el));
    xmlTextWriterWriteFormatAttribute(w, X("id"), "%d", id);
    if (ctype)
        xmlTextWriterWriteAttribute(w, X("ctype"), X(ctype));
    xmlTextWriterWriteString(w, X(native));
    xmlTextWriterEndElement(w);
}

static void style_codes(xmlTextWriterPtr w, unsigned from, unsigned to, int *next, int open[2])
{
    static const char *const mark[2] = {"**", "*"};
    static const char *const ctype[2] = {"bold", "italic"};
    static const unsigned bit[2] = {DW_STYLE_STRONG, DW_STYLE_EM};
    for (int k = 1; k >= 0; k--) /* emphasis closes inside strong */
        if ((from & bit[k]) && !(to & bit[k]))
            code(w, "ept", open[k], NULL, mark[k]);
    for (int k = 0; k < 2; k++)
        if (!(from & bit[k]) && (to & bit[k]))
            code(w, "bpt", open[k] = (*next)++, ctype[k], mark[k]);
}

/* Write the segment of markup text s.  src: the source's codes (filled
 * when writing the source, matched when writing a target).              */
static void segment(xmlTextWriterPtr w, dw_arena *a, const char *s, codes *src, bool is_source)
{
    bool ok;
    dw_text t = parse_quietly(a, s, &ok);
    if (!ok) { /* written as plain text: the import will report it */
        xmlTextWriterWriteString(w, X(s));
        return;
    }
    int next = is_source ? 1 : src->last_id + 1;
    int open[2] = {0, 0}, link_id = 0;
    unsigned style = 0;
    const char *link = NULL;
    for (size_t i = 0; i < t.n_spans; i++) {
        const dw_span *sp = &t.spans[i];
        if (link && (sp->kind != DW_SPAN_LINK || !same_str(sp->href, link))) {
            code(w, "ept", link_id, NULL, dw_sprintf(a, "](%s)", link));
            link = NULL;
        }
        style_codes(w, style, sp->style, &next, open);
        style = sp->style;
        if (sp->kind == DW_SPAN_LINK && !link) {
            link = sp->href;
            code(w, "bpt", link_id = next++, "link", "[");
        }
        if (sp->kind == DW_SPAN_TEXT || sp->kind == DW_SPAN_LINK) {
            xmlTextWriterWriteString(w, X(sp->text));
            continue;
        }
        const char *native = native_code(a, sp);
        int id = 0;
        if (is_source) {
            id = next++;
            src->native = dw_xrealloc(src->native, (src->n + 1) * sizeof *src->native);
            src->ids = dw_xrealloc(src->ids, (src->n + 1) * sizeof *src->ids);
            src->native[src->n] = native;
            src->ids[src->n++] = id;
        } else {
            for (size_t k = 0; k < src->n && !id; k++)
                if (!src->used[k] && strcmp(src->native[k], native) == 0) {
                    src->used[k] = true;
                    id = src->ids[k];
                }
            if (!id)
                id = next++;
        }
        code(w, "ph", id, dw_sprintf(a, "x-%s", code_kind[sp->kind]), native);
    }
    if (link)
        code(w, "ept", link_id, NULL, dw_sprintf(a, "](%s)", link));
    style_codes(w, style, 0, &next, open);
    if (is_source)
        src->last_id = next - 1;
}

static const char *state_of(dw_arena *a, const unit *u, const dw_ynode *old_de, bool outdated)
{
    if (!u->tr)
        return "needs-translation";
    if (!outdated)
        return "translated";
    if (!old_de) /* no history: every text of an outdated translation */
        return "needs-review-translation";
    return same_text(a, old_de->str, u->de->str) ? "translated" : "needs-review-translation";
}

bool dw_xliff_export(const char *dir, const char *doc, const char *lang, bool changed_only,
                     FILE *out, dw_arena *a, dw_diag *d)
{
    job j = {a, d, NULL, 0, 0, true}, old = {a, d, NULL, 0, 0, true};
    pair p;
    bool ok = false;
    xmlBufferPtr xb = NULL;
    xmlTextWriterPtr w = NULL;
    if (!load_pair(a, dir, doc, lang, &p, d))
        goto done;
    merge(&j, p.de, p.tr, "", false, doc, 0);
    const char *edition = top_str(p.de, "edition"), *made = top_str(p.tr, "source-edition");
    bool outdated = p.tr && strcmp(made, edition) != 0;
    /* old German units: collected by walking the old tree the same way */
    dw_ynode *old_de = outdated ? german_at(a, dir, doc, made) : NULL;
    if (outdated && !old_de)
        dw_warn(d, (dw_loc){p.tr_path, 0, 0},
                "the German edition %s this translation was made from is not in the "
                "content's git history: every text is marked for review", made);
    if (old_de)
        merge(&old, old_de, NULL, "", false, doc, 0);

    xb = xmlBufferCreate();
    w = xmlNewTextWriterMemory(xb, 0);
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, X("  "));
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterStartElementNS(w, NULL, X("xliff"), X(XLIFF_NS));
    xmlTextWriterWriteAttribute(w, X("version"), X("1.2"));
    xmlTextWriterStartElement(w, X("file"));
    xmlTextWriterWriteAttribute(w, X("original"),
                                X(dw_sprintf(a, "%s/%s.yaml", doc, DW_SOURCE_LANG)));
    xmlTextWriterWriteAttribute(w, X("source-language"), X(DW_SOURCE_LANG));
    xmlTextWriterWriteAttribute(w, X("target-language"), X(lang));
    xmlTextWriterWriteAttribute(w, X("datatype"), X("x-druckwerk-yaml"));
    xmlTextWriterWriteAttribute(w, X("product-name"), X("druckwerk"));
    xmlTextWriterWriteAttribute(w, X("product-version"), X(edition));
    xmlTextWriterStartElement(w, X("header"));
    xmlTextWriterWriteElement(
        w, X("note"),
        X(dw_sprintf(a, "%s, German edition %s → %s (translation made from %s). "
                               "Codes in the text (phone numbers, addresses, links, bold) "
                               "are protected: keep them. Return the file as it is; "
                               "druckwerk import-xliff writes it into %s.",
                            doc, edition, lang, p.tr ? made : "nothing yet", p.tr_path)));
    xmlTextWriterEndElement(w);
    xmlTextWriterStartElement(w, X("body"));
    size_t written = 0;
    for (size_t i = 0; i < j.n; i++) {
        const unit *u = &j.units[i];
        const unit *was = old_de ? find_unit(&old, u->id) : NULL;
        const char *state = state_of(a, u, was ? was->de : NULL, outdated);
        if (outdated && old_de && !was && u->tr)
            state = "needs-review-translation"; /* a new German text already translated */
        if (changed_only && strcmp(state, "translated") == 0)
            continue;
        written++;
        xmlTextWriterStartElement(w, X("trans-unit"));
        xmlTextWriterWriteAttribute(w, X("id"), X(u->id));
        xmlTextWriterWriteAttribute(w, X("xml:space"), X("preserve"));
        codes src = {NULL, NULL, 0, 0, NULL};
        xmlTextWriterStartElement(w, X("source"));
        xmlTextWriterWriteAttribute(w, X("xml:lang"), X(DW_SOURCE_LANG));
        xmlTextWriterSetIndent(w, 0); /* mixed content: whitespace is text */
        segment(w, a, u->de->str, &src, true);
        xmlTextWriterEndElement(w);
        xmlTextWriterSetIndent(w, 1);
        xmlTextWriterStartElement(w, X("target"));
        xmlTextWriterWriteAttribute(w, X("xml:lang"), X(lang));
        xmlTextWriterWriteAttribute(w, X("state"), X(state));
        xmlTextWriterSetIndent(w, 0);
        if (u->tr) {
            src.used = dw_alloc_array(a, src.n + 1, sizeof *src.used);
            segment(w, a, u->tr->str, &src, false);
        }
        xmlTextWriterEndElement(w);
        xmlTextWriterSetIndent(w, 1);
        free(src.native);
        free(src.ids);
        xmlTextWriterWriteElement(
            w, X("note"),
            X(dw_sprintf(a, "%s (%s:%d)%s", u->where, p.de_path, u->de->loc.line,
                                strstr(u->id, "/running-title") || strcmp(u->id, "/title") == 0
                                    ? ". Keep it short: it is printed on the cover and in the running heads."
                                : strstr(u->id, "/rows") || strstr(u->id, "/head")
                                    ? ". A table cell: keep it short."
                                    : "")));
        xmlTextWriterEndElement(w);
    }
    xmlTextWriterEndDocument(w);
    xmlFreeTextWriter(w);
    w = NULL;
    fwrite(xmlBufferContent(xb), 1, (size_t)xmlBufferLength(xb), out);
    ok = fflush(out) == 0 && !ferror(out);
    if (!ok)
        dw_error(d, (dw_loc){"druckwerk", 0, 0}, "the XLIFF could not be written: %s",
                 strerror(errno));
    dw_note(d, (dw_loc){p.tr_path, 0, 0}, "%zu of %zu texts exported%s", written, j.n,
            changed_only ? " (new or changed German only)" : "");
done:
    if (w)
        xmlFreeTextWriter(w);
    if (xb)
        xmlBufferFree(xb);
    free(j.units);
    free(old.units);
    return ok && !d->errors;
}

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
        if (s->kind == DW_SPAN_LINK && same_str(s->href, last_link))
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
    dw_text de = parse_quietly(a, u->de->str, &ok);
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
              strcmp(top_str(back, "source-edition"), edition) == 0;
    dw_diag_fini(&quiet);
    job again = {a, NULL, NULL, 0, 0, true};
    if (ok)
        merge(&again, p->de, back, "", false, "", 0);
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
    if (!load_pair(a, dir, docname, lang, &p, d))
        goto done;
    merge(&j, p.de, p.tr, "", false, docname, 0);
    j.collect = false;

    const xmlNode *body = child(file, "body");
    for (const xmlNode *tu = body ? body->children : NULL; tu; tu = tu->next) {
        if (!is_el(tu, "trans-unit"))
            continue;
        dw_loc at = {xfile, (int)xmlGetLineNo(tu), 1};
        const char *id = attr(a, tu, "id");
        unit *u = id ? find_unit(&j, id) : NULL;
        if (!u) {
            dw_error(d, at, "unit '%s' is not a text of %s: was the file made for another "
                            "edition? Export it again", id ? id : "?", p.de_path);
            continue;
        }
        u->seen = true;
        const xmlNode *src = child(tu, "source"), *tgt = child(tu, "target");
        if (!src || !same_text(a, segment_text(a, src), u->de->str)) {
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
        if (!u->tr || !same_text(a, target, u->tr->str))
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
    const char *edition = top_str(p.de, "edition");
    changed |= strcmp(top_str(p.tr, "source-edition"), edition) != 0;
    if (!changed) {
        ok = true;
        goto done;
    }
    dw_ynode *out = merge(&j, p.de, p.tr, "", false, docname, 0);
    /* the translation's own keys: language, and the edition it follows */
    for (size_t i = 0; i < out->n; i++) {
        const char *k = out->items[2 * i]->str;
        if (strcmp(k, "lang") == 0)
            out->items[2 * i + 1] = scalar_node(a, lang, 'p');
        else if (strcmp(k, "edition") == 0) {
            /* source-edition follows edition */
            memmove(&out->items[2 * i + 4], &out->items[2 * i + 2],
                    (2 * out->n - 2 * i - 2) * sizeof *out->items);
            out->items[2 * i + 2] = scalar_node(a, "source-edition", 'p');
            out->items[2 * i + 3] = scalar_node(a, edition, 'p');
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
