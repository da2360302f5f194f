/*
 * images.h — `druckwerk check`'s image check: every image block of every
 * document read as the build reads it (header, then the whole file
 * decoded with libpng or libjpeg-turbo, then the colour rules of the
 * print variant), so that check refuses what build refuses, with the
 * same words.
 */
#ifndef DW_IMAGES_H
#define DW_IMAGES_H

#include "../doc/design.h"
#include "../doc/doc.h"

void dw_images_check(const dw_content *c, dw_diag *d);

/* The vector art a layout names (cover illustration, coat of arms) is
 * drawn as the build would draw it (art.c), and its back cover's contact
 * ids exist: errors at the layout's file:line:col.  A coat of arms whose
 * file is not there yet is no error (the cover shows a placeholder).  */
void dw_art_check(const dw_content *c, const dw_design *ds, dw_diag *d);

#endif
