/*
 * fuzz_image.c — libFuzzer target for image loading (`make fuzz`): the
 * bytes are written to a file named .png or .jpg (by the first byte) and
 * read as the build reads an image: the header (dw_image_info), the whole
 * file decoded (dw_image_decodes: libpng, libjpeg-turbo), and, when both
 * accept it, embedded by libharu into a one-page PDF in memory (a
 * truncated PNG aborted libharu's loader before the decode check).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_pdf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/dw-fuzz-image-%ld.%s", (long)getpid(),
             data[0] & 1 ? "png" : "jpg");
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);
    dw_image_meta m;
    char why[300];
    if (dw_image_info(path, &m) && dw_image_decodes(path, &m, why, sizeof why)) {
        dw_diag d;
        dw_diag_init(&d);
        dw_drawing *g = dw_drawing_new(&d);
        if (g) {
            dw_draw_page(g);
            dw_draw_image(g, path, 10, 10, 100, 100, &m, (dw_loc){path, 1, 1});
            dw_pdf_info info = {.title = "fuzz", .lang = "de", .id_seed = "fuzz"};
            dw_fuzz_write_pdf(g, &info, 200, 200, "image", &d);
            dw_drawing_free(g);
        }
        dw_diag_fini(&d);
    }
    unlink(path);
    return 0;
}
