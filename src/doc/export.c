/*
 * export.c — a document as plain text in reading order (export.h).
 */
#include "export.h"

static void text_section(dw_arena *a, const dw_section *s, FILE *out)
{
    fprintf(out, "%s\n", dw_text_plain(a, &s->title));
    for (size_t i = 0; i < s->n_blocks; i++) {
        const dw_block *b = &s->blocks[i];
        switch (b->kind) {
        case DW_BLOCK_P:
        case DW_BLOCK_H:
        case DW_BLOCK_NOTE:
            fprintf(out, "%s\n", dw_text_plain(a, &b->text));
            break;
        case DW_BLOCK_PRINCIPLE:
            fprintf(out, "%s\n%s\n", dw_text_plain(a, &b->title), dw_text_plain(a, &b->text));
            break;
        case DW_BLOCK_LIST:
        case DW_BLOCK_STEPS:
            for (size_t k = 0; k < b->n_items; k++)
                fprintf(out, "%s\n", dw_text_plain(a, &b->items[k]));
            break;
        default:
            break;
        }
    }
    for (size_t i = 0; i < s->n_subs; i++)
        text_section(a, &s->subs[i], out);
}

void dw_export_text(const dw_doc *doc, FILE *out)
{
    dw_arena *a = dw_arena_new();
    for (size_t i = 0; i < doc->n_sections; i++)
        text_section(a, &doc->sections[i], out);
    dw_arena_free(a);
}
