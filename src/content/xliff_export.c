/*
 * xliff_export.c — `druckwerk export-xliff`: one translation's texts as
 * an XLIFF 1.2 file (libxml2's xmlTextWriter), each unit with the German
 * source, the current translation and its state; with --changed only
 * the units whose German changed since the translation's edition (that
 * German is read from the content's git history).
 */
#include "xliff_int.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
            root->kind == DW_Y_MAP && strcmp(xliff_top_str(root, "edition"), edition) == 0)
            found = root;
        dw_diag_fini(&quiet);
        free(data);
    }
    free(log);
    return found;
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
    dw_text t = xliff_parse_quietly(a, s, &ok);
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
        if (link && (sp->kind != DW_SPAN_LINK || !xliff_same_str(sp->href, link))) {
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
    return xliff_same_text(a, old_de->str, u->de->str) ? "translated" : "needs-review-translation";
}

bool dw_xliff_export(const char *dir, const char *doc, const char *lang, bool changed_only,
                     FILE *out, dw_arena *a, dw_diag *d)
{
    job j = {a, d, NULL, 0, 0, true}, old = {a, d, NULL, 0, 0, true};
    pair p;
    bool ok = false;
    xmlBufferPtr xb = NULL;
    xmlTextWriterPtr w = NULL;
    if (!xliff_load_pair(a, dir, doc, lang, &p, d))
        goto done;
    xliff_merge(&j, p.de, p.tr, "", false, doc, 0);
    const char *edition = xliff_top_str(p.de, "edition"), *made = xliff_top_str(p.tr, "source-edition");
    bool outdated = p.tr && strcmp(made, edition) != 0;
    /* old German units: collected by walking the old tree the same way */
    dw_ynode *old_de = outdated ? german_at(a, dir, doc, made) : NULL;
    if (outdated && !old_de)
        dw_warn(d, (dw_loc){p.tr_path, 0, 0},
                "the German edition %s this translation was made from is not in the "
                "content's git history: every text is marked for review", made);
    if (old_de)
        xliff_merge(&old, old_de, NULL, "", false, doc, 0);

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
        const unit *was = old_de ? xliff_find_unit(&old, u->id) : NULL;
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

