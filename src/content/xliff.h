/*
 * xliff.h — the translation round trip: one document's German source and
 * one translation ⇄ an XLIFF 1.2 file, the format every CAT tool (Trados,
 * memoQ, Phrase, OmegaT) reads.
 *
 *   content/<doc>/de.yaml + <lang>.yaml ──export──► XLIFF (a unit per text)
 *   XLIFF ──import (checked against the current German)──► <lang>.yaml
 *
 * Units are the printed texts (titles, paragraphs, list items, table
 * cells, notes, principles, alt texts, the legal notice), identified by
 * their place in the document ("/sections[first-steps]/blocks[3]/p").
 * Inline markup becomes XLIFF inline codes: {tel:…} {mail:…} {web:…}
 * {ltr:…} {de:…} are <ph>, **strong**, *emphasis* and [links](…) are
 * <bpt>/<ept> pairs, so CAT tools protect them and can check them.
 */
#ifndef DW_XLIFF_H
#define DW_XLIFF_H

#include <stdio.h>

#include "../util/util.h"

/* Write the XLIFF of content_dir/doc/<lang>.yaml against de.yaml to out.
 * changed_only: only units whose German is new or changed since the
 * translation's source-edition (found in the content's git history; without
 * it every unit of an outdated translation counts as changed).  Problems go
 * to d, their file names in a (the caller's arena, alive while d is
 * printed); false on errors (then nothing useful was written).          */
bool dw_xliff_export(const char *content_dir, const char *doc, const char *lang,
                     bool changed_only, FILE *out, dw_arena *a, dw_diag *d);

/* Read an XLIFF file made by dw_xliff_export and write its targets into
 * content_dir/<doc>/<lang>.yaml.  Refused, with every reason reported at
 * file:line of the XLIFF and nothing written, when a unit is missing or
 * unknown, its source is not the current German text, or a target lost,
 * added or changed a phone number, e-mail or web address or link.  The
 * file is rewritten only when a text or the source-edition changes, so a
 * round trip without changes leaves it byte-identical.  *written tells. */
bool dw_xliff_import(const char *content_dir, const char *xliff_path, bool *written,
                     dw_arena *a, dw_diag *d);

#endif
