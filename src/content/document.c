/*
 * document.c — the schema of a document file, <document>/<lang>.yaml
 * (content/README.md, "A document file"): head fields, the legal notice,
 * sections with their blocks and sub-sections.  Input: a node tree from
 * yaml.c and the languages and contacts already in the content set.
 * Output: one dw_doc appended to the content set.
 *
 * A translation's structure is not compared with the German file here;
 * that is dw_content_check's job (check.c), so that one missing paragraph
 * in Ukrainian does not stop the German build.
 */
#include "content_int.h"

#include <limits.h>
#include <stdlib.h>

#include <string.h>
#include <unistd.h>

/* design.h has heading styles for three levels (H1–H3). */
#define MAX_SECTION_LEVEL 3

static const char *const doc_keys[] = {"document", "lang",     "edition",   "source-edition",
                                       "version",  "title",    "subtitle",  "publisher",
                                       "office",   "legal",    "sections",  "sample",
                                       "running-title", NULL};
static const char *const section_keys[] = {"id", "title", "blocks", "sections", "confirm",
                                           NULL};
static const char *const table_keys[] = {"head", "rows", NULL};
static const char *const principle_keys[] = {"title", "text", NULL};
static const char *const image_keys[] = {"file", "alt", "decorative", NULL};
#define N_BLOCK_KINDS (DW_BLOCK_PAGEBREAK + 1)

struct docx {
    dw_ctx *x;
    dw_idset section_ids;
};

static size_t count(const char *const *vals)
{
    size_t n = 0;
    while (vals[n])
        n++;
    return n;
}

/* ---- blocks ------------------------------------------------------------------ */

/* A list of texts (list, steps, table head and rows).  Returns false and
 * reports when v is not a non-empty list of texts.                      */
static bool text_list(dw_ctx *x, const dw_ynode *v, const char *key, dw_text **out,
                      size_t *n)
{
    if (!dw_schema_is(x, v, DW_Y_SEQ, key))
        return false;
    if (v->n == 0) {
        dw_error(x->d, v->loc, "'%s' is empty: write at least one entry", key);
        return false;
    }
    bool ok = true;
    *out = dw_alloc_array(x->a, v->n, sizeof **out);
    *n = 0;
    for (size_t i = 0; i < v->n; i++) {
        const dw_ynode *it = v->items[i];
        if (!dw_schema_item(x, it, DW_Y_SCALAR, "an entry")) {
            ok = false;
            continue;
        }
        (*out)[(*n)++] = dw_schema_text(x, it);
    }
    return ok;
}

static bool load_table(dw_ctx *x, const dw_ynode *v, dw_block *b)
{
    if (!dw_schema_is(x, v, DW_Y_MAP, "table"))
        return false;
    dw_schema_keys(x, v, table_keys);
    const dw_ynode *head = dw_schema_get(v, "head");
    const dw_ynode *rows = dw_schema_list(x, v, "rows", "the table");
    if (head && !text_list(x, head, "head", &b->as.table.head, &b->as.table.n_cols))
        return false;
    if (!rows)
        return false;
    if (rows->n == 0) {
        dw_error(x->d, rows->loc, "'rows' is empty: write at least one row");
        return false;
    }
    if (!head) {
        const dw_ynode *first = rows->items[0];
        b->as.table.n_cols = first->kind == DW_Y_SEQ ? first->n : 0;
    }
    if (b->as.table.n_cols == 0) {
        dw_error(x->d, rows->loc, "the table has no columns: write rows like [cell, cell]");
        return false;
    }
    b->as.table.cells =
        dw_alloc_array(x->a, rows->n * b->as.table.n_cols, sizeof *b->as.table.cells);
    bool ok = true;
    for (size_t r = 0; r < rows->n; r++) {
        const dw_ynode *row = rows->items[r];
        if (!dw_schema_item(x, row, DW_Y_SEQ, "a table row")) {
            ok = false;
            continue;
        }
        if (row->n != b->as.table.n_cols) {
            dw_error(x->d, row->loc,
                     "this row has %zu cells, but the table has %zu columns: give every "
                     "row the same number of cells",
                     row->n, b->as.table.n_cols);
            ok = false;
            continue;
        }
        bool row_ok = true;
        for (size_t k = 0; k < row->n; k++)
            row_ok = dw_schema_item(x, row->items[k], DW_Y_SCALAR, "a table cell") && row_ok;
        if (!row_ok) {
            ok = false;
            continue;
        }
        for (size_t k = 0; k < row->n; k++)
            b->as.table.cells[b->as.table.n_rows * b->as.table.n_cols + k] =
                dw_schema_text(x, row->items[k]);
        b->as.table.n_rows++;
    }
    return ok;
}

static bool load_principle(dw_ctx *x, const dw_ynode *v, dw_block *b)
{
    if (!dw_schema_is(x, v, DW_Y_MAP, "principle"))
        return false;
    dw_schema_keys(x, v, principle_keys);
    const dw_ynode *title = dw_schema_scalar(x, v, "title", "the principle");
    const dw_ynode *text = dw_schema_scalar(x, v, "text", "the principle");
    if (title)
        b->as.principle.title = dw_schema_text(x, title);
    if (text)
        b->as.principle.text = dw_schema_text(x, text);
    return title && text;
}

static bool load_contacts_block(dw_ctx *x, const dw_ynode *v, dw_block *b)
{
    if (!dw_schema_is(x, v, DW_Y_SEQ, "contacts"))
        return false;
    if (v->n == 0) {
        dw_error(x->d, v->loc, "'contacts' is empty: list contact ids from contacts.yaml");
        return false;
    }
    bool ok = true;
    b->as.contacts.list = dw_alloc_array(x->a, v->n, sizeof *b->as.contacts.list);
    for (size_t i = 0; i < v->n; i++) {
        const dw_ynode *it = v->items[i];
        const dw_contact *c = NULL;
        if (dw_schema_item(x, it, DW_Y_SCALAR, "a contact id"))
            c = dw_load_contact_ref(x, it);
        if (c)
            b->as.contacts.list[b->as.contacts.n++] = c;
        else
            ok = false;
    }
    return ok;
}

static bool load_courses_block(dw_ctx *x, const dw_ynode *v, dw_block *b)
{
    if (v->kind == DW_Y_SCALAR && strcmp(v->str, "all") == 0)
        return true; /* as.courses.types NULL: every type */
    if (v->kind != DW_Y_SEQ || v->n == 0) {
        dw_error(x->d, v->loc,
                 "'courses' must be all or a list of course types, e.g. [integration, "
                 "job-language]");
        return false;
    }
    bool ok = true;
    b->as.courses.types = dw_alloc_array(x->a, v->n, sizeof *b->as.courses.types);
    for (size_t i = 0; i < v->n; i++) {
        const dw_ynode *it = v->items[i];
        int k;
        if (dw_schema_item(x, it, DW_Y_SCALAR, "a course type") &&
            dw_schema_enum(x, it, "course type", dw_course_types, count(dw_course_types), &k))
            b->as.courses.types[b->as.courses.n_types++] = dw_course_types[k];
        else
            ok = false;
    }
    return ok;
}

static bool image_type_ok(const char *file)
{
    /* libharu embeds PNG and JPEG */
    const char *dot = strrchr(file, '.');
    if (!dot)
        return false;
    char ext[6] = {0};
    for (size_t i = 0; i < 5 && dot[1 + i]; i++)
        ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] - 'A' + 'a'
                                                                : dot[1 + i]);
    return strcmp(ext, "png") == 0 || strcmp(ext, "jpg") == 0 || strcmp(ext, "jpeg") == 0;
}

static bool load_image(dw_ctx *x, const dw_ynode *v, dw_block *b)
{
    if (!dw_schema_is(x, v, DW_Y_MAP, "image"))
        return false;
    dw_schema_keys(x, v, image_keys);
    bool ok = true;
    const dw_ynode *dec = dw_schema_get(v, "decorative");
    if (dec && !dw_schema_bool(x, dec, "decorative", &b->as.image.decorative))
        ok = false;
    const dw_ynode *file = dw_schema_scalar(x, v, "file", "the image");
    if (!file) {
        ok = false;
    } else if (file->str[0] == '/' || strstr(file->str, "..")) {
        dw_error(x->d, file->loc,
                 "image '%s' must be a path inside content/, e.g. images/map.png",
                 dw_clip(x->tmp, file->str));
        ok = false;
    } else if (!image_type_ok(file->str)) {
        dw_error(x->d, file->loc, "image '%s' must be a PNG or JPEG file (.png, .jpg)",
                 dw_clip(x->tmp, file->str));
        ok = false;
    } else {
        b->as.image.file = dw_schema_str(x, file);
        const char *dir = x->c ? x->c->dir : NULL;
        const char *path = dir ? dw_sprintf(x->tmp, "%s/%s", dir, file->str) : NULL;
        char real[PATH_MAX], root[PATH_MAX];
        if (path && access(path, R_OK) != 0) {
            dw_error(x->d, file->loc, "image '%s' not found (looked for %s): check the name",
                     dw_clip(x->tmp, file->str), path);
            ok = false;
        } else if (path && ((!realpath(path, real) &&
                             snprintf(real, sizeof real, "%s", path) >= 0) ||
                            !realpath(dir, root) ||
                            strncmp(real, root, strlen(root)) != 0 ||
                            real[strlen(root)] != '/')) {
            /* a symlinked folder (content/images → /home/…) must not let
             * a file from outside content/ into the PDFs */
            dw_error(x->d, file->loc, "image '%s' lies outside content/ (a symbolic link leads "
                     "to %s): copy the picture into content/images", dw_clip(x->tmp, file->str),
                     real);
            ok = false;
        }
    }
    const dw_ynode *alt = dw_schema_get(v, "alt");
    if (alt && !dw_ynode_is_null(alt)) {
        if (dw_schema_is(x, alt, DW_Y_SCALAR, "alt"))
            b->as.image.alt = dw_schema_text(x, alt);
        else
            ok = false;
    } else if (!b->as.image.decorative) {
        /* BITV 2.0 / PDF/UA: a picture that carries meaning needs a text */
        dw_error(x->d, v->loc,
                 "the image has no 'alt': describe the picture in one sentence, or write "
                 "'decorative: true'");
        ok = false;
    }
    return ok;
}

/* A title (document, section, heading) goes into the PDF's bookmarks and
 * metadata as a text string, which PDF/A-1 limits to 32,767 bytes of
 * UTF-16 (16,383 characters at best); a heading of 33,000 characters
 * stopped libharu with no word of where.  The longest title in the
 * content has 85 characters; one too long for the cover is the layout's
 * warning (the proof's stress test has ~1,000), not an error.  4,000
 * characters stay far inside PDF's limit.                               */
#define MAX_TITLE_CHARS 4000

static dw_text title_text(dw_ctx *x, const dw_ynode *v)
{
    size_t chars = 0;
    for (size_t i = 0; i < v->len; i++)
        chars += ((unsigned char)v->str[i] & 0xC0) != 0x80;
    if (chars > MAX_TITLE_CHARS)
        dw_error(x->d, v->loc, "this title has %zu characters, more than a title can have "
                 "(%d): shorten it, and put the rest into a paragraph ('- p: …')",
                 chars, MAX_TITLE_CHARS);
    return dw_schema_text(x, v);
}

/* One `- kind: value` item into b.  False (reported) when unusable. */
static bool load_block(dw_ctx *x, const dw_ynode *m, dw_block *b)
{
    if (m->kind == DW_Y_SCALAR) {
        if (m->plain && dw_yaml_colon_space(x->file, m->loc, m->str, x->d))
            return false;
        dw_error(x->d, m->loc,
                 "a block must start with its kind, e.g. '- p: %s'", dw_clip(x->tmp, m->str));
        return false;
    }
    if (!dw_schema_item(x, m, DW_Y_MAP, "a block"))
        return false;
    if (m->n == 0) {
        dw_error(x->d, m->loc, "empty block: write e.g. '- p: text'");
        return false;
    }
    /* the kind is the first key that is not `confirm` (which may stand
     * before or after it) */
    size_t ki = 0, n_kinds = m->n;
    if (dw_schema_key_node(m, "confirm")) {
        n_kinds--;
        if (strcmp(m->items[0]->str, "confirm") == 0)
            ki = 1;
    }
    if (n_kinds == 0) {
        dw_error(x->d, m->loc, "this block has only 'confirm': write its kind too, e.g. "
                               "'- p: text'");
        return false;
    }
    const dw_ynode *key = m->items[2 * ki], *v = m->items[2 * ki + 1];
    int kind;
    if (!dw_schema_enum(x, key, "block", dw_block_names, N_BLOCK_KINDS, &kind))
        return false;
    if (n_kinds > 1) {
        const dw_ynode *k2 = NULL;
        for (size_t i = 0; i < m->n && !k2; i++)
            if (i != ki && strcmp(m->items[2 * i]->str, "confirm") != 0)
                k2 = m->items[2 * i];
        dw_error(x->d, k2->loc,
                 "a block has one kind, but this '%s' block also has '%s': write '- %s:' "
                 "as a new list item",
                 key->str, dw_clip(x->tmp, k2->str), dw_clip(x->tmp, k2->str));
        return false;
    }
    memset(b, 0, sizeof *b);
    b->kind = (enum dw_block_kind)kind;
    b->loc = m->loc;
    b->confirm = dw_schema_confirm(x, m, &b->confirm_loc);
    const char *name = dw_block_names[kind];
    if (dw_ynode_is_null(v)) {
        dw_error(x->d, key->loc, "'%s' is empty: write its content after '%s:'", name, name);
        return false;
    }
    switch (b->kind) {
    case DW_BLOCK_P:
    case DW_BLOCK_H:
    case DW_BLOCK_NOTE: {
        if (!dw_schema_is(x, v, DW_Y_SCALAR, name))
            return false;
        dw_text t = b->kind == DW_BLOCK_H ? title_text(x, v) : dw_schema_text(x, v);
        if (b->kind == DW_BLOCK_P)
            b->as.para.text = t;
        else if (b->kind == DW_BLOCK_H)
            b->as.heading.text = t;
        else
            b->as.note.text = t;
        return true;
    }
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS: return text_list(x, v, name, &b->as.list.items, &b->as.list.n_items);
    case DW_BLOCK_CONTACTS: return load_contacts_block(x, v, b);
    case DW_BLOCK_TABLE: return load_table(x, v, b);
    case DW_BLOCK_PRINCIPLE: return load_principle(x, v, b);
    case DW_BLOCK_COURSES: return load_courses_block(x, v, b);
    case DW_BLOCK_IMAGE: return load_image(x, v, b);
    case DW_BLOCK_PAGEBREAK: {
        bool on = false;
        if (!dw_schema_bool(x, v, name, &on))
            return false;
        if (!on)
            dw_error(x->d, v->loc, "'pagebreak' must be true: remove the block if there is "
                                   "to be no page break");
        return on;
    }
    }
    return false;
}

/* ---- sections ------------------------------------------------------------------- */

static void load_sections(struct docx *dx, const dw_ynode *list, int level,
                          dw_section **out, size_t *n_out);

static bool load_section(struct docx *dx, const dw_ynode *m, int level, dw_section *s)
{
    dw_ctx *x = dx->x;
    if (!dw_schema_item(x, m, DW_Y_MAP, "a section"))
        return false;
    dw_schema_keys(x, m, section_keys);
    memset(s, 0, sizeof *s);
    s->loc = m->loc;
    s->level = level;
    s->confirm = dw_schema_confirm(x, m, &s->confirm_loc);
    bool ok = true;
    const dw_ynode *v = dw_schema_scalar(x, m, "id", "a section");
    if (!v || !dw_schema_id(x, v, "section")) {
        ok = false;
    } else {
        const dw_loc *first = dw_idset_add(&dx->section_ids, v->str, v->loc);
        if (first) {
            dw_error(x->d, v->loc, "duplicate section id '%s' (first at %s)",
                     dw_clip(x->tmp, v->str), dw_where(x, *first));
            ok = false;
        }
        s->id = dw_schema_str(x, v);
    }
    const char *owner =
        dw_sprintf(x->tmp, "section '%s'", s->id ? dw_clip(x->tmp, s->id) : "?");
    if ((v = dw_schema_scalar(x, m, "title", owner)))
        s->title = title_text(x, v);
    const dw_ynode *blocks = dw_schema_list(x, m, "blocks", NULL);
    const dw_ynode *subs = dw_schema_list(x, m, "sections", NULL);
    if (blocks) {
        s->blocks = dw_alloc_array(x->a, blocks->n, sizeof *s->blocks);
        for (size_t i = 0; i < blocks->n; i++)
            if (load_block(x, blocks->items[i], &s->blocks[s->n_blocks]))
                s->n_blocks++;
    }
    if (subs && level == MAX_SECTION_LEVEL) {
        dw_error(x->d, subs->loc,
                 "sections nest at most %d levels deep: use an 'h' block for a smaller "
                 "heading",
                 MAX_SECTION_LEVEL);
    } else if (subs) {
        load_sections(dx, subs, level + 1, &s->subs, &s->n_subs);
    }
    if (!dw_schema_get(m, "blocks") && !dw_schema_get(m, "sections"))
        dw_error(x->d, m->loc, "%s has no 'blocks'", owner);
    return ok;
}

static void load_sections(struct docx *dx, const dw_ynode *list, int level,
                          dw_section **out, size_t *n_out)
{
    *out = dw_alloc_array(dx->x->a, list->n, sizeof **out);
    *n_out = 0;
    for (size_t i = 0; i < list->n; i++)
        if (load_section(dx, list->items[i], level, &(*out)[*n_out]))
            (*n_out)++;
}

/* ---- the head ---------------------------------------------------------------------- */

/* The legal notice: paragraphs at blank lines of a | block (lines within
 * a paragraph joined by a space); in other styles YAML has already
 * folded lines, and each remaining line break ends a paragraph.         */
static void load_legal(dw_ctx *x, const dw_ynode *v, dw_doc *doc)
{
    dw_buf para;
    dw_buf_init(&para);
    size_t cap = 1;
    for (size_t i = 0; i < v->len; i++)
        cap += v->str[i] == '\n';
    doc->legal = dw_alloc_array(x->a, cap, sizeof *doc->legal);
    const char *s = v->str, *end = s + v->len;
    while (s <= end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *eol = nl ? nl : end;
        const char *a = s, *b = eol;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'))
            b--;
        bool blank = a == b;
        if (!blank) {
            if (para.len)
                dw_buf_putc(&para, ' ');
            dw_buf_put(&para, a, (size_t)(b - a));
        }
        if ((blank || !v->literal || !nl) && para.len) {
            doc->legal[doc->n_legal++] = dw_inline_parse(x->a, para.data, v->loc, x->d);
            para.len = 0;
        }
        if (!nl)
            break;
        s = nl + 1;
    }
    dw_buf_fini(&para);
}

static const char *known_doc(const char *name)
{
    for (size_t i = 0; name && dw_doc_names[i]; i++)
        if (strcmp(dw_doc_names[i], name) == 0)
            return dw_doc_names[i];
    return NULL;
}

void dw_load_document(dw_ctx *x, const dw_ynode *root, const char *want_doc,
                      const char *want_lang)
{
    const char *owner = "the document";
    if (!root) {
        dw_error(x->d, (dw_loc){x->file, 1, 1},
                 "the file is empty: a document starts with 'document:' and 'lang:'");
        return;
    }
    if (!dw_schema_item(x, root, DW_Y_MAP, "a document"))
        return;
    dw_schema_keys(x, root, doc_keys);
    dw_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.file = x->file;
    doc.loc = root->loc;
    doc.content = x->c;
    doc.name = known_doc(want_doc);
    const dw_ynode *v = dw_schema_scalar(x, root, "document", owner);
    int k;
    if (v && dw_schema_enum(x, v, "document", dw_doc_names, DW_N_DOCS, &k)) {
        if (want_doc && strcmp(want_doc, v->str) != 0)
            dw_error(x->d, v->loc,
                     "'document' is '%s' but the file is in the folder '%s': make them the "
                     "same",
                     v->str, dw_clip(x->tmp, want_doc));
        else if (!doc.name)
            doc.name = dw_doc_names[k];
    }
    const char *code = want_lang;
    if ((v = dw_schema_scalar(x, root, "lang", owner))) {
        if (want_lang && strcmp(want_lang, v->str) != 0)
            dw_error(x->d, v->loc,
                     "'lang' is '%s' but the file is named '%s.yaml': make them the same",
                     dw_clip(x->tmp, v->str), dw_clip(x->tmp, want_lang));
        if (!code)
            code = v->str;
    }
    if (code) {
        doc.lang = dw_content_lang(x->c, code);
        if (!doc.lang)
            dw_error(x->d, v ? v->loc : root->loc,
                     "there is no language file languages/%s.yaml: add one (copy "
                     "languages/de.yaml) or check the file name",
                     dw_clip(x->tmp, code));
    }
    if ((v = dw_schema_scalar(x, root, "edition", owner)))
        dw_schema_date(x, v, &doc.edition);
    bool source = code && strcmp(code, DW_SOURCE_LANG) == 0;
    const dw_ynode *se = dw_schema_get(root, "source-edition");
    if (source && se)
        dw_error(x->d, dw_schema_key_node(root, "source-edition")->loc,
                 "the German source has no 'source-edition' (only translations do): "
                 "remove the line");
    else if (!source && (v = dw_schema_scalar(x, root, "source-edition", "the translation")))
        dw_schema_date(x, v, &doc.source_edition);
    if ((v = dw_schema_scalar(x, root, "version", NULL)))
        doc.version = dw_schema_str(x, v);
    if ((v = dw_schema_scalar(x, root, "title", owner)))
        doc.title = title_text(x, v);
    if ((v = dw_schema_scalar(x, root, "subtitle", NULL)))
        doc.subtitle = title_text(x, v);
    if ((v = dw_schema_scalar(x, root, "running-title", NULL)))
        doc.running_title = title_text(x, v);
    if ((v = dw_schema_scalar(x, root, "publisher", NULL)))
        doc.publisher = dw_schema_text(x, v);
    if ((v = dw_schema_scalar(x, root, "office", NULL)))
        doc.office = dw_schema_text(x, v);
    if ((v = dw_schema_scalar(x, root, "legal", NULL)))
        load_legal(x, v, &doc);
    doc.sample = dw_schema_sample(x, root, &doc.sample_loc);
    struct docx dx = {x, {0}};
    dw_idset_init(&dx.section_ids, x->tmp);
    if ((v = dw_schema_list(x, root, "sections", owner))) {
        if (v->n == 0)
            dw_error(x->d, v->loc, "'sections' is empty: a document needs at least one section");
        load_sections(&dx, v, 1, &doc.sections, &doc.n_sections);
    }
    if (!doc.name || !doc.lang)
        return; /* nowhere to file it; the errors say why */
    x->c->docs = dw_grow(x->a, x->c->docs, x->c->n_docs, sizeof doc);
    x->c->docs[x->c->n_docs++] = doc;
}
