/*
 * art.c — `druckwerk check` for what a layout file adds to the pages:
 * its vector art (cover illustration, coat of arms) run through the same
 * parser and rules as the build (pdf/vector.c), and the contact ids of
 * its back cover.  In: the loaded content and one layout.  Out: errors in
 * d at the layout's file:line:col, in the build's words.
 */
#include "images.h"

#include <unistd.h>

#include "../content/content.h"
#include "../pdf/pdf.h"

static void check_art(const dw_content *c, const char *file, dw_loc loc, bool optional,
                      dw_arena *a, dw_diag *d)
{
    if (!file)
        return;
    const char *path = dw_sprintf(a, "%s/%s", c->dir ? c->dir : "content", file);
    if (optional && access(path, F_OK) != 0)
        return; /* the coat of arms to come: a placeholder until then */
    char why[300];
    if (!dw_vector_check(path, NULL, why, sizeof why))
        dw_error(d, loc, "cannot draw the vector art '%s': %s", path, why);
}

void dw_art_check(const dw_content *c, const dw_design *ds, dw_diag *d)
{
    dw_arena *a = dw_arena_new();
    check_art(c, ds->cover_art, ds->cover_art_loc, false, a, d);
    check_art(c, ds->coat_of_arms, ds->coat_of_arms_loc, true, a, d);
    /* with contacts.yaml in error, its ids were reported there: one
     * mistake, one message */
    size_t n_ids = dw_content_contacts_broken(d) ? 0 : ds->n_back_contacts;
    for (size_t i = 0; i < n_ids; i++)
        if (!dw_content_contact(c, ds->back_contacts[i]))
            dw_error(d, ds->back_contact_locs[i], "unknown contact '%s' (an id in "
                     "contacts.yaml)", ds->back_contacts[i]);
    dw_arena_free(a);
}
