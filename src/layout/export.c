/*
 * export.c — a document as plain text in reading order (export.h), from
 * the one walk over the document (dw_doc_walk).
 */
#include "export.h"

#include "layout.h"

struct export {
    dw_arena *a;
    const dw_lang *lang;
    FILE *out;
};

/* A text as printed: the language's quotation marks, addresses as typed. */
static const char *printed(dw_arena *a, const dw_lang *l, const dw_text *t)
{
    dw_quote_state q = {0};
    const char *out = "";
    for (size_t i = 0; i < t->n_spans; i++) {
        const dw_span *sp = &t->spans[i];
        bool literal = sp->kind == DW_SPAN_TEL || sp->kind == DW_SPAN_MAIL ||
                       sp->kind == DW_SPAN_WEB;
        if (literal)
            q.prev = 'x';
        out = dw_sprintf(a, "%s%s", out, literal ? sp->text : dw_fmt_quotes(a, l, sp->text, &q));
    }
    return out;
}

/* Section titles and the texts of paragraphs, headings, notes,
 * principles and lists; not the cover, the legal notice, tables or alt
 * texts (the tagged PDF has them elsewhere).                            */
static bool on_text(const dw_walk *w, void *user)
{
    struct export *x = user;
    if (w->event != DW_WALK_TEXT || !w->section)
        return true;
    bool wanted = !w->block;
    if (w->block)
        switch (w->block->kind) {
        case DW_BLOCK_P:
        case DW_BLOCK_H:
        case DW_BLOCK_NOTE:
        case DW_BLOCK_PRINCIPLE:
        case DW_BLOCK_LIST:
        case DW_BLOCK_STEPS:
            wanted = true;
            break;
        default:
            break;
        }
    if (wanted)
        fprintf(x->out, "%s\n", printed(x->a, x->lang, w->text));
    return true;
}

void dw_export_text(const dw_doc *doc, FILE *out)
{
    struct export x = {dw_arena_new(), doc->lang, out};
    dw_doc_walk(doc, on_text, &x);
    dw_arena_free(x.a);
}
