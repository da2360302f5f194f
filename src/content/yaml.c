/*
 * yaml.c — first step of the content stage: the bytes of one YAML file
 * → a small node tree (scalars, sequences, mappings) with a dw_loc on
 * every node.  Input: a whole file in memory.  Output: dw_ynode tree in a
 * scratch arena, or errors in file:line:col form.
 *
 * libyaml's event parser (yaml_parser_parse) does the YAML; this file adds
 * what people who write content need and libyaml does not give:
 *   - invalid UTF-8 is found before libyaml sees it, with its line:col;
 *   - a tab in the indentation of the line libyaml stumbles over is named
 *     as such (libyaml says "found character that cannot start any token");
 *   - every libyaml error gets a hint what to do;
 *   - duplicate keys in a mapping are errors (YAML forbids them, libyaml's
 *     parser does not check);
 *   - aliases (*name) are resolved by sharing the anchored node, counting
 *     its expanded size, so an alias bomb stops at DW_YAML_MAX_NODES.
 * The tree builder is iterative (an explicit stack), never recursive.
 */
#include "content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* libyaml counts lines and columns from 0; people count from 1. */
static dw_loc loc_of(const char *file, yaml_mark_t m)
{
    return (dw_loc){file, (int)m.line + 1, (int)m.column + 1};
}

bool dw_ynode_is_null(const dw_ynode *n)
{
    if (!n || n->kind != DW_Y_SCALAR || !n->plain)
        return false;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

/* ---- positions in the raw bytes ----------------------------------------- */

/* Line and column (from 1; columns count characters, as libyaml's do) of
 * byte offset off.  "\r\n", "\r" and "\n" end lines, as in libyaml.     */
static dw_loc loc_at_offset(const char *file, const char *data, size_t len, size_t off)
{
    int line = 1, col = 1;
    size_t i = 0;
    if (off > len)
        off = len;
    while (i < off) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\r' || ch == '\n') {
            i += (ch == '\r' && i + 1 < len && data[i + 1] == '\n') ? 2 : 1;
            line++;
            col = 1;
            continue;
        }
        size_t next = i;
        dw_utf8_next(data, len, &next);
        i = next;
        col++;
    }
    return (dw_loc){file, line, col};
}

/* Byte offset where line (from 1) starts, or len if there is no such line. */
static size_t line_start(const char *data, size_t len, int line)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++) {
        if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
            i++;
        if (data[i] == '\r' || data[i] == '\n')
            l++;
    }
    return i;
}

/* Column (from 1) of a tab in the leading whitespace of line, or 0.      */
static int indent_tab_col(const char *data, size_t len, int line)
{
    for (size_t i = line_start(data, len, line); i < len; i++) {
        if (data[i] == '\t')
            return (int)(i - line_start(data, len, line)) + 1;
        if (data[i] != ' ')
            break;
    }
    return 0;
}

/* What to do about libyaml's problems, in words for the content editors.
 * Keys are libyaml 0.2.5's problem strings (scanner.c, parser.c).       */
static const char *hint_for(const char *problem, const char *context)
{
    static const struct {
        const char *problem, *hint;
    } hints[] = {
        {"mapping values are not allowed in this context",
         "put a text that contains ': ' in quotes, or check the indentation"},
        {"found character that cannot start any token",
         "put a text that starts with ` @ % or another special character in quotes"},
        {"did not find expected key",
         "check the indentation: the keys of one group must start in the same column"},
        {"did not find expected '-' indicator",
         "check the indentation: the items of one list must start with '-' in the same "
         "column"},
        {"could not find expected ':'",
         "write 'key: value'; a text continued on the next line must be indented "
         "further, or put in quotes"},
        {"found unknown escape character",
         "inside \"double quotes\" write \\\\ for a backslash, or use 'single quotes'"},
        {"did not find expected ',' or ']'",
         "separate the items of [ ] with ', ' and close the list with ']'; put items "
         "that contain ',' or ']' in quotes"},
        {"did not find expected ',' or '}'",
         "separate the entries of { } with ', ' and close them with '}'; put texts that "
         "contain ',' or '}' in quotes"},
        {"did not find expected node content",
         "a value is missing, or a text starts with a special character and needs quotes"},
        {"block sequence entries are not allowed in this context",
         "start a list ('- …') on a new line below its key"},
        {"found undefined tag handle", "put a text that starts with '!' in quotes"},
        {"did not find expected <document start>",
         "a file holds one document: remove the second '---' and what follows, or "
         "check the indentation"},
        {"did not find expected comment or line break",
         "put the whole text in quotes, or remove what follows the closing quote"},
        {"found unexpected ':'", "put a text that contains ':' in quotes"},
    };
    if (problem && strcmp(problem, "found unexpected end of stream") == 0)
        return context && strstr(context, "quoted")
                   ? "a quote is not closed: add the closing quote"
                   : "the file ends in the middle of something: check the last lines";
    for (size_t i = 0; problem && i < sizeof hints / sizeof hints[0]; i++)
        if (strcmp(problem, hints[i].problem) == 0)
            return hints[i].hint;
    return "check the quoting and the indentation of this line";
}

/* A quoted value that does not end on its line and swallows the lines
 * after it: the next key or list item at its indentation or less lies
 * inside the "text", and libyaml stumbles much later ("check the
 * indentation" at line 84 for a quote missing on line 33).  Content
 * writes one-line quoted texts, so such a quote is the mistake.  Looks
 * at lines 1 … upto; sets *line, *col (1-based) of the opening quote.  */
static bool swallowing_quote(const char *data, size_t len, int upto, int *line, int *col)
{
    int ln = 1, open_ln = 0, open_col = 0, open_ind = 0;
    for (size_t i = 0; i < len && ln <= upto;) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        size_t k = i;
        while (k < e && data[k] == ' ')
            k++;
        int ind = (int)(k - i);
        bool item = k + 1 < e && data[k] == '-' && data[k + 1] == ' ';
        size_t key = k + (item ? 2 : 0);
        while (key < e && data[key] == ' ')
            key++;
        size_t c = key;
        while (c < e && (data[c] == '-' || data[c] == '_' || (data[c] >= 'a' && data[c] <= 'z') ||
                         (data[c] >= 'A' && data[c] <= 'Z') || (data[c] >= '0' && data[c] <= '9')))
            c++;
        bool has_key = c > key && c < e && data[c] == ':' && (c + 1 == e || data[c + 1] == ' ');
        if (open_ln && (item || has_key) && ind <= open_ind && data[k] != '#') {
            *line = open_ln, *col = open_col;
            return true;
        }
        if (!open_ln) {
            size_t v = has_key ? c + 1 : key;
            while (v < e && data[v] == ' ')
                v++;
            if (v < e && (data[v] == '"' || data[v] == '\'')) {
                char q = data[v];
                bool closed = false;
                for (size_t j = v + 1; j < e && !closed; j++) {
                    if (q == '"' && data[j] == '\\')
                        j++;
                    else if (data[j] == q && q == '\'' && j + 1 < e && data[j + 1] == '\'')
                        j++;
                    else if (data[j] == q)
                        closed = true;
                }
                if (!closed)
                    open_ln = ln, open_col = (int)(v - i) + 1, open_ind = ind;
            }
        }
        i = e + 1;
        ln++;
    }
    return false;
}

static void report_libyaml(const yaml_parser_t *p, const char *file, const char *data,
                           size_t len, dw_diag *d)
{
    const char *problem = p->problem ? p->problem : "unknown YAML error";
    if (p->error == YAML_READER_ERROR) {
        /* The reader has only a byte offset; invalid UTF-8 is caught
         * before libyaml, so this is a forbidden character. */
        dw_loc l = loc_at_offset(file, data, len, p->problem_offset);
        if (p->problem_value >= 0 && strstr(problem, "control characters"))
            dw_error(d, l,
                     "invisible control character U+%04X is not allowed: delete it "
                     "(retype the text around it)",
                     (unsigned)p->problem_value);
        else
            dw_error(d, l, "%s: save the file as UTF-8", problem);
        return;
    }
    if (p->error != YAML_SCANNER_ERROR && p->error != YAML_PARSER_ERROR) {
        dw_error(d, (dw_loc){file, 0, 0}, "the YAML parser failed (%s)", problem);
        return;
    }
    dw_loc at = loc_of(file, p->problem_mark);
    int tab = indent_tab_col(data, len, at.line);
    if (tab) {
        /* libyaml reports tabs as a bad token or a bad indentation. */
        dw_error(d, (dw_loc){file, at.line, tab},
                 "tab character used for indentation: use spaces");
        return;
    }
    int ql, qc;
    if (swallowing_quote(data, len, at.line, &ql, &qc)) {
        dw_error(d, (dw_loc){file, ql, qc}, "a closing quote is missing: the text in quotes "
                 "that starts here must end on this line");
        return;
    }
    /* "title:Willkommen": libyaml scanned a key that never got its ':' */
    if (strcmp(problem, "could not find expected ':'") == 0 && p->context &&
        strstr(p->context, "simple key")) {
        size_t from = line_start(data, len, (int)p->context_mark.line + 1) +
                      p->context_mark.column, to = from;
        while (to < len && data[to] != '\n' && data[to] != '\r')
            to++;
        if (from < len) {
            char *text = dw_xmalloc(to - from + 1);
            memcpy(text, data + from, to - from);
            text[to - from] = 0;
            bool said = dw_yaml_colon_space(file, loc_of(file, p->context_mark), text, d);
            free(text);
            if (said)
                return;
        }
    }
    if ((strcmp(problem, "mapping values are not allowed in this context") == 0 ||
         strcmp(problem, "did not find expected key") == 0 ||
         strcmp(problem, "did not find expected '-' indicator") == 0 ||
         strcmp(problem, "could not find expected ':'") == 0) &&
        dw_yaml_indent_error(file, data, len,
                             p->context && strstr(p->context, "simple key")
                                 ? (int)p->context_mark.line + 1
                                 : at.line,
                             d))
        return;
    const char *hint = hint_for(problem, p->context);
    if (p->context)
        dw_error(d, at, "%s (%s at %d:%d): %s", problem, p->context,
                 (int)p->context_mark.line + 1, (int)p->context_mark.column + 1, hint);
    else
        dw_error(d, at, "%s: %s", problem, hint);
}

/* ---- the tree builder ----------------------------------------------------- */

struct frame {
    dw_ynode *node;
    size_t cap;         /* items allocated */
    const char *anchor; /* registered when the node is complete */
};

struct anchor {
    const char *name;
    dw_ynode *node;
};

struct builder {
    dw_arena *tmp;
    const char *file;
    dw_diag *d;
    struct frame stack[DW_YAML_MAX_DEPTH];
    int depth;
    struct anchor *anchors; /* heap, a hash table */
    size_t n_anchors, cap_anchors;
    size_t produced; /* nodes made or referenced so far, aliases expanded */
    size_t text;     /* scalar bytes so far, aliases expanded */
    dw_ynode *root;
    const char *data;      /* the input, to turn libyaml's marks into bytes */
    size_t len;
    size_t char_at, byte_at; /* the last mark converted: characters, bytes */
};

/* The byte offset of a mark: libyaml counts characters in mark.index.
 * Marks come in order, so the walk resumes where the last one ended.    */
static size_t byte_of(struct builder *b, size_t chars)
{
    if (chars < b->char_at)
        b->char_at = b->byte_at = 0;
    while (b->char_at < chars && b->byte_at < b->len) {
        b->byte_at++;
        while (b->byte_at < b->len && ((unsigned char)b->data[b->byte_at] & 0xC0) == 0x80)
            b->byte_at++; /* UTF-8 continuation bytes */
        b->char_at++;
    }
    return b->byte_at;
}

static bool count_text(struct builder *b, size_t bytes, dw_loc at)
{
    b->text += bytes;
    if (b->text <= DW_YAML_MAX_EXPANDED)
        return true;
    dw_error(b->d, at, "the file's texts, aliases (*name) expanded, come to more than %u MiB: "
             "use fewer aliases, or write the texts out", DW_YAML_MAX_EXPANDED >> 20);
    return false;
}

static bool count_nodes(struct builder *b, size_t n, bool alias, dw_loc at)
{
    b->produced += n;
    if (b->produced <= DW_YAML_MAX_NODES)
        return true;
    if (alias)
        dw_error(b->d, at,
                 "too many alias expansions (more than %d values): use fewer "
                 "aliases (*name), or write the values out",
                 DW_YAML_MAX_NODES);
    else
        dw_error(b->d, at, "the file has more than %d values: split it into smaller files",
                 DW_YAML_MAX_NODES);
    return false;
}

static size_t anchor_hash(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Anchors in an open-addressing table (a file may hold thousands of
 * anchors and aliases; each lookup stays O(1)).  A redefined anchor
 * replaces the old one: the latest definition wins (YAML 1.1, 3.2.2.2). */
static void register_anchor(struct builder *b, const char *name, dw_ynode *n)
{
    if (!name)
        return;
    if (2 * (b->n_anchors + 1) > b->cap_anchors) {
        size_t cap = b->cap_anchors ? 2 * b->cap_anchors : 16;
        struct anchor *t = dw_xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < b->cap_anchors; i++) {
            if (!b->anchors[i].name)
                continue;
            size_t j = anchor_hash(b->anchors[i].name) & (cap - 1);
            while (t[j].name)
                j = (j + 1) & (cap - 1);
            t[j] = b->anchors[i];
        }
        free(b->anchors);
        b->anchors = t;
        b->cap_anchors = cap;
    }
    size_t j = anchor_hash(name) & (b->cap_anchors - 1);
    while (b->anchors[j].name && strcmp(b->anchors[j].name, name) != 0)
        j = (j + 1) & (b->cap_anchors - 1);
    if (!b->anchors[j].name)
        b->n_anchors++;
    b->anchors[j] = (struct anchor){name, n};
}

static dw_ynode *find_anchor(const struct builder *b, const char *name)
{
    if (!b->cap_anchors)
        return NULL;
    size_t j = anchor_hash(name) & (b->cap_anchors - 1);
    while (b->anchors[j].name) {
        if (strcmp(b->anchors[j].name, name) == 0)
            return b->anchors[j].node;
        j = (j + 1) & (b->cap_anchors - 1);
    }
    return NULL;
}

/* Append n to the open collection (or make it the root). */
static void attach(struct builder *b, dw_ynode *n)
{
    if (b->depth == 0) {
        b->root = n;
        return;
    }
    struct frame *f = &b->stack[b->depth - 1];
    dw_ynode *p = f->node;
    if (p->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 8;
        dw_ynode **items = dw_alloc_array(b->tmp, cap, sizeof *items);
        if (p->n)
            memcpy(items, p->items, p->n * sizeof *items);
        p->items = items;
        f->cap = cap;
    }
    p->items[p->n++] = n;
    p->weight += n->weight;
    p->bytes += n->bytes;
}

static const char *key_text(const dw_ynode *k)
{
    return k->kind == DW_Y_SCALAR ? k->str : "";
}

/* A finished mapping: items hold key, value, key, value …  Keys must be
 * scalars and unique; offending pairs are reported and dropped.          */
static void finish_mapping(struct builder *b, dw_ynode *m)
{
    size_t n_items = m->n, out = 0;
    dw_idset seen;
    dw_idset_init(&seen, b->tmp);
    for (size_t i = 0; i + 1 < n_items; i += 2) {
        dw_ynode *k = m->items[i], *v = m->items[i + 1];
        if (k->kind != DW_Y_SCALAR) {
            dw_error(b->d, k->loc, "a key must be a single word, not %s",
                     dw_ykind_name(k->kind));
            continue;
        }
        const dw_loc *first = dw_idset_add(&seen, key_text(k), k->loc);
        if (first) {
            dw_error(b->d, k->loc, "duplicate key '%s' (first at %d:%d)", k->str,
                     first->line, first->col);
            continue;
        }
        m->items[out++] = k;
        m->items[out++] = v;
    }
    m->n = out / 2;
}

static dw_ynode *new_node(struct builder *b, enum dw_ykind kind, yaml_mark_t m)
{
    dw_ynode *n = dw_alloc(b->tmp, sizeof *n);
    n->kind = kind;
    n->loc = loc_of(b->file, m);
    n->weight = 1;
    n->str = "";
    return n;
}

static const char *anchor_name(struct builder *b, const yaml_char_t *a)
{
    return a ? dw_strdup(b->tmp, (const char *)a) : NULL;
}

/* Handle one event; false stops the parse (error reported). */
static bool on_event(struct builder *b, const yaml_event_t *e, int *docs)
{
    dw_loc at = loc_of(b->file, e->start_mark);
    switch (e->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++*docs > 1) {
            dw_error(b->d, at,
                     "a second YAML document starts here: a file holds one document, "
                     "remove this '---' line or what follows it");
            return false;
        }
        return true;
    case YAML_SCALAR_EVENT: {
        if (!count_nodes(b, 1, false, at))
            return false;
        dw_ynode *n = new_node(b, DW_Y_SCALAR, e->start_mark);
        n->len = e->data.scalar.length;
        n->start = byte_of(b, e->start_mark.index);
        n->end = byte_of(b, e->end_mark.index);
        n->str = dw_strndup(b->tmp, (const char *)e->data.scalar.value, n->len);
        n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        n->literal = e->data.scalar.style == YAML_LITERAL_SCALAR_STYLE;
        switch (e->data.scalar.style) {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = '\''; break;
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = '"'; break;
        case YAML_LITERAL_SCALAR_STYLE: n->style = '|'; break;
        case YAML_FOLDED_SCALAR_STYLE: n->style = '>'; break;
        default: n->style = 'p'; break;
        }
        n->end_line = (int)e->end_mark.line + 1;
        n->bytes = n->len;
        if (!count_text(b, n->len, at))
            return false;
        if (strlen(n->str) != n->len) {
            /* "\0" in double quotes: C strings would silently cut it off */
            dw_error(b->d, at, "the text contains a zero character (\\0): remove it");
            n->len = strlen(n->str);
        }
        register_anchor(b, anchor_name(b, e->data.scalar.anchor), n);
        attach(b, n);
        return true;
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        if (b->depth == DW_YAML_MAX_DEPTH) {
            dw_error(b->d, at,
                     "nested more than %d levels deep: content never needs this; check "
                     "the indentation and brackets",
                     DW_YAML_MAX_DEPTH);
            return false;
        }
        if (!count_nodes(b, 1, false, at))
            return false;
        bool seq = e->type == YAML_SEQUENCE_START_EVENT;
        dw_ynode *n = new_node(b, seq ? DW_Y_SEQ : DW_Y_MAP, e->start_mark);
        bool flow = seq ? e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                        : e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        n->style = flow ? 'f' : 'b';
        const yaml_char_t *anchor =
            seq ? e->data.sequence_start.anchor : e->data.mapping_start.anchor;
        b->stack[b->depth++] = (struct frame){n, 0, anchor_name(b, anchor)};
        return true;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        struct frame f = b->stack[--b->depth];
        if (f.node->kind == DW_Y_MAP)
            finish_mapping(b, f.node);
        /* registered only now, so an alias inside its own anchor (a cycle)
         * finds nothing */
        register_anchor(b, f.anchor, f.node);
        attach(b, f.node);
        return true;
    }
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)e->data.alias.anchor;
        dw_ynode *target = find_anchor(b, name);
        if (!target) {
            dw_error(b->d, at,
                     "alias '*%s' refers to nothing: define '&%s' before it (and outside "
                     "of what it names)",
                     name, name);
            return false;
        }
        if (!count_nodes(b, target->weight, true, at) || !count_text(b, target->bytes, at))
            return false;
        /* a shallow copy that points to where the alias is used; the
         * children (shared) keep their own places */
        dw_ynode *use = dw_alloc(b->tmp, sizeof *use);
        *use = *target;
        use->loc = at;
        use->alias = true;
        attach(b, use);
        return true;
    }
    default:
        return true;
    }
}

bool dw_yaml_parse(dw_arena *tmp, const char *file, const char *data, size_t len,
                   dw_ynode **root, dw_diag *d)
{
    bool ok = false, have_event = false;
    int docs = 0;
    yaml_parser_t parser;
    yaml_event_t event;
    struct builder b;
    memset(&b, 0, sizeof b);
    b.tmp = tmp;
    b.file = file;
    b.d = d;
    b.data = data;
    b.len = len;
    *root = NULL;
    if (!yaml_parser_initialize(&parser)) {
        fputs("druckwerk: out of memory\n", stderr);
        abort();
    }
    if (len > DW_YAML_MAX_BYTES) {
        dw_error(d, (dw_loc){file, 0, 0},
                 "the file is larger than %u MiB: split it into smaller files",
                 DW_YAML_MAX_BYTES >> 20);
        goto done;
    }
    long bad = dw_utf8_invalid_at(data, len);
    if (bad >= 0) {
        dw_error(d, loc_at_offset(file, data, len, (size_t)bad),
                 "invalid UTF-8: save the file as UTF-8");
        goto done;
    }
    /* Bidi controls (U+202A–202E embeddings and overrides, U+2066–2069
     * isolates) are invisible and reorder what follows: "Telefon
     * U+202E 04471 15-0" printed the number reversed, and a link's text
     * could differ from its target.  {ltr:…} does what they are for.    */
    for (size_t i = 0; i + 2 < len; i++) {
        const unsigned char *u = (const unsigned char *)data + i;
        if (u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) ||
                             (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9))) {
            unsigned cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
            dw_error(d, loc_at_offset(file, data, len, i),
                     "invisible bidi control character U+%04X is not allowed: delete it; for "
                     "a left-to-right part in right-to-left text write {ltr:…}", cp);
        }
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            report_libyaml(&parser, file, data, len, d);
            goto done;
        }
        have_event = true;
        if (!on_event(&b, &event, &docs))
            goto done;
        bool end = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        have_event = false;
        if (end)
            break;
    }
    ok = true;
    *root = b.root;
    /* Editors end every line with a line break; a file whose last line
     * has none was most likely cut off (a copy broken off, a full disk):
     * "…Realschulen und Gesamt" is valid YAML and printed as it stands. */
    size_t end = len;
    while (end > 0 && (data[end - 1] == ' ' || data[end - 1] == '\t'))
        end--;
    if (end > 0 && data[end - 1] != '\n' && data[end - 1] != '\r') {
        size_t from = end;
        while (from > 0 && data[from - 1] != '\n' && data[from - 1] != '\r' && end - from < 24)
            from--;
        while (from < end && ((unsigned char)data[from] & 0xC0) == 0x80)
            from++; /* start at a whole character */
        size_t k = from;
        while (k < end && data[k] == ' ')
            k++;
        dw_warn(d, loc_at_offset(file, data, len, end),
                "the file ends without a line break, after '%s%.*s': was it cut short? "
                "Compare it with a saved copy; if the end is right, add a line break",
                k > from || from == 0 || data[from - 1] == '\n' ? "" : "…", (int)(end - k),
                data + k);
    }
done:
    if (have_event)
        yaml_event_delete(&event);
    yaml_parser_delete(&parser);
    free(b.anchors);
    return ok;
}
