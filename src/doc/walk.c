/*
 * walk.c — the one walk over a document's tree (dw_doc_walk), in reading
 * order: the cover's texts, each section (its title, its blocks with
 * their texts, then its subsections), the legal notice.  Consumers — the
 * layout, the content checks, the fuzz harness — switch on the event
 * instead of writing their own recursion, so a new block kind or a new
 * text in a block is added here once.
 */
#include "doc.h"

typedef struct walker {
    dw_walk_fn fn;
    void *user;
    dw_walk w;
} walker;

static bool emit(walker *k, enum dw_walk_event ev)
{
    k->w.event = ev;
    return k->fn(&k->w, k->user);
}

static bool text(walker *k, const dw_text *t)
{
    k->w.text = t;
    bool go = emit(k, DW_WALK_TEXT);
    k->w.text = NULL;
    return go;
}

/* The texts a block prints, by its kind. */
static bool block_texts(walker *k, const dw_block *b)
{
    switch (b->kind) {
    case DW_BLOCK_P:
        return text(k, &b->as.para.text);
    case DW_BLOCK_H:
        return text(k, &b->as.heading.text);
    case DW_BLOCK_NOTE:
        return text(k, &b->as.note.text);
    case DW_BLOCK_PRINCIPLE:
        return text(k, &b->as.principle.title) && text(k, &b->as.principle.text);
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS:
        for (size_t i = 0; i < b->as.list.n_items; i++)
            if (!text(k, &b->as.list.items[i]))
                return false;
        return true;
    case DW_BLOCK_TABLE:
        for (size_t i = 0; b->as.table.head && i < b->as.table.n_cols; i++)
            if (!text(k, &b->as.table.head[i]))
                return false;
        for (size_t i = 0; i < b->as.table.n_rows * b->as.table.n_cols; i++)
            if (!text(k, &b->as.table.cells[i]))
                return false;
        return true;
    case DW_BLOCK_IMAGE:
        return b->as.image.decorative || text(k, &b->as.image.alt);
    case DW_BLOCK_CONTACTS: /* contacts and courses are shared data, not the tree's */
    case DW_BLOCK_COURSES:
    case DW_BLOCK_PAGEBREAK:
        return true;
    }
    return true;
}

static bool section(walker *k, const dw_section *s, size_t index, int depth)
{
    const dw_section *up = k->w.section;
    k->w.section = s;
    k->w.block = NULL;
    k->w.depth = depth;
    k->w.index = index;
    if (!emit(k, DW_WALK_SECTION) || !text(k, &s->title))
        return false;
    for (size_t i = 0; i < s->n_blocks; i++) {
        k->w.block = &s->blocks[i];
        k->w.index = i;
        if (!emit(k, DW_WALK_BLOCK) || !block_texts(k, &s->blocks[i]))
            return false;
    }
    k->w.block = NULL;
    for (size_t i = 0; i < s->n_subs; i++)
        if (!section(k, &s->subs[i], i, depth + 1))
            return false;
    k->w.section = s;
    k->w.depth = depth;
    k->w.index = index;
    bool go = emit(k, DW_WALK_SECTION_END);
    k->w.section = up;
    return go;
}

bool dw_doc_walk_section(const dw_section *s, size_t index, dw_walk_fn fn, void *user)
{
    walker k = {fn, user, {0}};
    return section(&k, s, index, 0);
}

bool dw_doc_walk(const dw_doc *doc, dw_walk_fn fn, void *user)
{
    walker k = {fn, user, {0}};
    k.w.doc = doc;
    const dw_text *cover[] = {&doc->title, &doc->subtitle, &doc->publisher, &doc->office};
    for (size_t i = 0; i < sizeof cover / sizeof *cover; i++)
        if (!text(&k, cover[i]))
            return false;
    for (size_t i = 0; i < doc->n_sections; i++)
        if (!section(&k, &doc->sections[i], i, 0))
            return false;
    for (size_t i = 0; i < doc->n_legal; i++)
        if (!text(&k, &doc->legal[i]))
            return false;
    return true;
}
