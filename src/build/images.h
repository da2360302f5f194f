/*
 * images.h — `druckwerk check`'s image check: every image block of every
 * document read as the build reads it (header, then the whole file
 * decoded with libpng or libjpeg-turbo, then the colour rules of the
 * print variant), so that check refuses what build refuses, with the
 * same words.
 */
#ifndef DW_IMAGES_H
#define DW_IMAGES_H

#include "../doc/doc.h"

void dw_images_check(const dw_content *c, dw_diag *d);

#endif
