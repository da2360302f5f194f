/*
 * yaml_emit.c — the content's node tree written back as YAML (import-xliff
 * writes the translations it takes in), by libyaml's emitter: quoting,
 * folding and escapes are libyaml's, never ours.  The reading side is
 * yaml.c.
 */
#include "content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- writing: node tree → YAML (import-xliff writes translations) ------ */

static int emit_to_buf(void *data, unsigned char *bytes, size_t size)
{
    dw_buf_put((dw_buf *)data, (const char *)bytes, size);
    return 1;
}

static yaml_scalar_style_t scalar_style(char s)
{
    switch (s) {
    case '\'': return YAML_SINGLE_QUOTED_SCALAR_STYLE;
    case '"': return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    case '|': return YAML_LITERAL_SCALAR_STYLE;
    case '>': return YAML_FOLDED_SCALAR_STYLE;
    case 'p': return YAML_PLAIN_SCALAR_STYLE;
    default: return YAML_ANY_SCALAR_STYLE;
    }
}

static bool emit_node(yaml_emitter_t *em, const dw_ynode *n, int depth)
{
    yaml_event_t e;
    if (depth > DW_YAML_MAX_DEPTH)
        return false;
    switch (n->kind) {
    case DW_Y_SCALAR:
        /* libyaml takes non-const pointers but does not write through them */
        if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)(uintptr_t)n->str,
                                          (int)n->len, 1, 1, scalar_style(n->style)))
            return false;
        return yaml_emitter_emit(em, &e);
    case DW_Y_SEQ:
    case DW_Y_MAP: {
        bool seq = n->kind == DW_Y_SEQ;
        int ok = seq ? yaml_sequence_start_event_initialize(
                           &e, NULL, NULL, 1,
                           n->style == 'f' ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
                     : yaml_mapping_start_event_initialize(
                           &e, NULL, NULL, 1,
                           n->style == 'f' ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
        if (!ok || !yaml_emitter_emit(em, &e))
            return false;
        size_t items = seq ? n->n : 2 * n->n;
        for (size_t i = 0; i < items; i++)
            if (!emit_node(em, n->items[i], depth + 1))
                return false;
        ok = seq ? yaml_sequence_end_event_initialize(&e) : yaml_mapping_end_event_initialize(&e);
        return ok && yaml_emitter_emit(em, &e);
    }
    }
    return false;
}

bool dw_yaml_emit(const dw_ynode *root, const char *comment, dw_buf *out)
{
    yaml_emitter_t em;
    yaml_event_t e;
    bool ok = false;
    if (!yaml_emitter_initialize(&em))
        return false;
    if (comment)
        dw_buf_puts(out, comment);
    yaml_emitter_set_output(&em, emit_to_buf, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1); /* one line per text, as the content is written */
    yaml_emitter_set_indent(&em, 2);
    if (yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING) && yaml_emitter_emit(&em, &e) &&
        yaml_document_start_event_initialize(&e, NULL, NULL, NULL, 1) &&
        yaml_emitter_emit(&em, &e) && emit_node(&em, root, 0) &&
        yaml_document_end_event_initialize(&e, 1) && yaml_emitter_emit(&em, &e) &&
        yaml_stream_end_event_initialize(&e) && yaml_emitter_emit(&em, &e))
        ok = yaml_emitter_flush(&em) != 0;
    yaml_emitter_delete(&em);
    return ok;
}

const char *dw_yaml_scalar(dw_arena *a, const char *s, char style)
{
    dw_ynode n = {.kind = DW_Y_SCALAR, .str = s, .len = strlen(s), .style = style};
    dw_buf b;
    dw_buf_init(&b);
    const char *r = NULL;
    if (dw_yaml_emit(&n, NULL, &b)) {
        /* a lone scalar comes as "--- text\n" or "text\n", and "...\n"
         * after an open-ended plain one */
        size_t from = b.len >= 4 && memcmp(b.data, "--- ", 4) == 0 ? 4 : 0, to = b.len;
        if (to - from >= 4 && memcmp(b.data + to - 4, "...\n", 4) == 0)
            to -= 4;
        while (to > from && b.data[to - 1] == '\n')
            to--;
        if (to > from && !memchr(b.data + from, '\n', to - from))
            r = dw_strndup(a, b.data + from, to - from);
    }
    dw_buf_fini(&b);
    return r;
}
