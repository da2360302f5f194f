/*
 * image.c — decode an image file completely with its own library (libpng,
 * libjpeg-turbo) before libharu embeds it: libharu's PNG loader aborts on
 * a truncated file and its JPEG loader copies whatever bytes there are,
 * so a JPEG whose size header lies prints blank.  In: a path and the
 * header's metadata (dw_image_info).  Out: true, or the reason in words.
 * Used by the build (pdf.c) and by `druckwerk check`, which must refuse
 * what the build refuses.
 */
#include "pdf.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

/* 40 megapixels: an A3 page at 300 ppi is 17.5; anything larger is a
 * mistake, and a lying header must not make us allocate gigabytes.     */
#define MAX_PIXELS (40ul * 1000 * 1000)
/* Image files larger than this are not read. */
#define MAX_IMAGE_BYTES (64u << 20)

static bool check_png(const char *data, size_t len, char *why, size_t n)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    bool ok = false;
    if (!png_image_begin_read_from_memory(&im, data, len)) {
        snprintf(why, n, "the PNG file is damaged or cut short (%s)", im.message);
    } else if ((unsigned long)im.width * im.height > MAX_PIXELS) {
        snprintf(why, n, "it has %lu × %lu pixels, more than druckwerk reads (40 megapixels)",
                 (unsigned long)im.width, (unsigned long)im.height);
    } else {
        void *buf = malloc(PNG_IMAGE_SIZE(im));
        if (buf && png_image_finish_read(&im, NULL, buf, 0, NULL))
            ok = true;
        else
            snprintf(why, n, "the PNG file is damaged or cut short (%s)", im.message);
        free(buf);
    }
    png_image_free(&im);
    return ok;
}

static bool check_jpeg(const char *data, size_t len, char *why, size_t n)
{
    tjhandle tj = tjInitDecompress();
    int w = 0, h = 0, sub = 0, cs = 0;
    bool ok = false;
    if (!tj) {
        snprintf(why, n, "the JPEG library could not start");
    } else if (tjDecompressHeader3(tj, (const unsigned char *)data, (unsigned long)len, &w, &h,
                                   &sub, &cs) != 0) {
        snprintf(why, n, "it is not a readable JPEG file (%s)", tjGetErrorStr2(tj));
    } else if (w <= 0 || h <= 0 || (unsigned long)w * (unsigned long)h > MAX_PIXELS) {
        snprintf(why, n, "its header says %d × %d pixels, more than druckwerk reads (40 "
                 "megapixels)", w, h);
    } else {
        /* every byte decoded, at 1/8 size: damage shows, memory stays small */
        int pf = cs == TJCS_CMYK || cs == TJCS_YCCK ? TJPF_CMYK : cs == TJCS_GRAY ? TJPF_GRAY
                                                                                  : TJPF_RGB;
        int sw = TJSCALED(w, ((tjscalingfactor){1, 8})), sh = TJSCALED(h, ((tjscalingfactor){1, 8}));
        unsigned char *buf = malloc((size_t)sw * (size_t)sh * (size_t)tjPixelSize[pf]);
        if (buf && tjDecompress2(tj, (const unsigned char *)data, (unsigned long)len, buf, sw, 0,
                                 sh, pf, TJFLAG_STOPONWARNING) == 0)
            ok = true;
        else
            snprintf(why, n, "the JPEG file is damaged or cut short (%s)",
                     buf ? tjGetErrorStr2(tj) : "out of memory");
        free(buf);
    }
    if (tj)
        tjDestroy(tj);
    return ok;
}

bool dw_image_decodes(const char *path, const dw_image_meta *m, char *why, size_t n)
{
    size_t len = 0;
    char *data = dw_read_file_limited(path, MAX_IMAGE_BYTES, &len);
    if (!data) {
        snprintf(why, n, "%s", dw_read_strerror(errno));
        return false;
    }
    bool ok = m->png ? check_png(data, len, why, n) : check_jpeg(data, len, why, n);
    free(data);
    return ok;
}
