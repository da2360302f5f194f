/*
 * images.c — the images of a content set, checked as the build would
 * (images.h).  In: the loaded content.  Out: errors in d at each image
 * block's file:line:col.
 */
#include "images.h"

#include "../pdf/render.h"

static void check_block(const dw_content *c, const dw_block *b, dw_arena *a, dw_diag *d)
{
    if (b->kind != DW_BLOCK_IMAGE || !b->as.image.file)
        return;
    const char *path = dw_sprintf(a, "%s/%s", c->dir ? c->dir : "content", b->as.image.file);
    dw_image_meta m;
    char why[300];
    /* the same words as layout (image_box) and pdf (resources) */
    if (!dw_image_info(path, &m))
        dw_error(d, b->loc, "cannot read the image '%s' (is it a PNG or JPEG file?)", path);
    else if (!dw_image_decodes(path, &m, why, sizeof why))
        dw_error(d, b->loc, "cannot use the image '%s': %s", path, why);
    /* RGB and transparency are converted for every variant (pdf/image_cmyk.c) */
}

static void check_section(const dw_content *c, const dw_section *s, dw_arena *a, dw_diag *d)
{
    for (size_t i = 0; i < s->n_blocks; i++)
        check_block(c, &s->blocks[i], a, d);
    for (size_t i = 0; i < s->n_subs; i++)
        check_section(c, &s->subs[i], a, d);
}

void dw_images_check(const dw_content *c, dw_diag *d)
{
    dw_arena *a = dw_arena_new();
    for (size_t k = 0; k < c->n_docs; k++)
        for (size_t i = 0; i < c->docs[k].n_sections; i++)
            check_section(c, &c->docs[k].sections[i], a, d);
    dw_arena_free(a);
}
