/*
 * image_cmyk.c — an ordinary picture (RGB or greyscale PNG, RGB JPEG,
 * 16-bit, with transparency) made printable: decoded with libpng's
 * simplified API or libjpeg-turbo, transparency composed onto white
 * (PDF/A-1 and PDF/X-4 as we write them allow none), 16 bits reduced to
 * 8, and RGB converted to CMYK with LittleCMS from sRGB to the output
 * profile druckwerk builds (FOGRA39), relative colorimetric with
 * black-point compensation: white stays paper white, black the
 * profile's black, so photographs keep their shadows.  Greyscale stays
 * DeviceGray (one ink, K).  CMYK and greyscale JPEGs are not touched:
 * libharu embeds them as they are.
 */
#include <lcms2.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "pdf.h"

#define MAX_PIXELS (40ul * 1000 * 1000) /* as the build's other image checks */

bool dw_image_needs_cmyk(const dw_image_meta *m)
{
    return m->png || m->channels == 3;
}

static unsigned char *read_png(const char *path, unsigned *w, unsigned *h, int *ch, char *why,
                               size_t n)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path)) {
        snprintf(why, n, "the PNG file cannot be read (%s)", im.message);
        return NULL;
    }
    if ((unsigned long)im.width * im.height > MAX_PIXELS) {
        snprintf(why, n, "it has more than 40 megapixels");
        png_image_free(&im);
        return NULL;
    }
    bool grey = !(im.format & PNG_FORMAT_FLAG_COLOR);
    im.format = grey ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB; /* 8 bits, no alpha */
    png_color white = {255, 255, 255};
    unsigned char *buf = malloc(PNG_IMAGE_SIZE(im));
    /* without an alpha channel in the output format, libpng composes
     * the image onto the background given here                          */
    if (!buf || !png_image_finish_read(&im, &white, buf, 0, NULL)) {
        snprintf(why, n, "the PNG file is damaged (%s)", im.message);
        free(buf);
        png_image_free(&im);
        return NULL;
    }
    *w = im.width, *h = im.height, *ch = grey ? 1 : 3;
    png_image_free(&im);
    return buf;
}

static unsigned char *read_jpeg_rgb(const char *path, unsigned *w, unsigned *h, char *why,
                                    size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, n, "the file cannot be opened");
        return NULL;
    }
    unsigned char *data = NULL, *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 65536 > cap) {
            cap = (cap ? cap * 2 : 1 << 20);
            unsigned char *t = cap <= (64u << 20) ? realloc(data, cap) : NULL;
            if (!t)
                break;
            data = t;
        }
        got = fread(data + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    fclose(f);
    tjhandle tj = tjInitDecompress();
    int iw = 0, ih = 0, sub = 0, cs = 0;
    if (tj && data &&
        tjDecompressHeader3(tj, data, (unsigned long)len, &iw, &ih, &sub, &cs) == 0 && iw > 0 &&
        ih > 0 && (unsigned long)iw * (unsigned long)ih <= MAX_PIXELS &&
        (buf = malloc((size_t)iw * (size_t)ih * 3)) &&
        tjDecompress2(tj, data, (unsigned long)len, buf, iw, 0, ih, TJPF_RGB, 0) == 0) {
        *w = (unsigned)iw, *h = (unsigned)ih;
    } else {
        snprintf(why, n, "the JPEG file cannot be decoded (%s)",
                 tj ? tjGetErrorStr2(tj) : "no decoder");
        free(buf);
        buf = NULL;
    }
    if (tj)
        tjDestroy(tj);
    free(data);
    return buf;
}

unsigned char *dw_image_cmyk(const char *path, const dw_image_meta *m, const char *icc_path,
                             unsigned *w, unsigned *h, int *channels, char *why, size_t n)
{
    int ch = 3;
    unsigned char *px = m->png ? read_png(path, w, h, &ch, why, n)
                               : read_jpeg_rgb(path, w, h, why, n);
    if (!px || ch == 1) {
        *channels = 1;
        return px;
    }
    cmsHPROFILE src = cmsCreate_sRGBProfile();
    cmsHPROFILE dst = icc_path ? cmsOpenProfileFromFile(icc_path, "r") : NULL;
    cmsHTRANSFORM t = src && dst ? cmsCreateTransform(src, TYPE_RGB_8, dst, TYPE_CMYK_8,
                                                      INTENT_RELATIVE_COLORIMETRIC,
                                                      cmsFLAGS_BLACKPOINTCOMPENSATION)
                                 : NULL;
    unsigned char *out = t ? malloc((size_t)*w * *h * 4) : NULL;
    if (out) {
        cmsDoTransform(t, px, out, (cmsUInt32Number)(*w * *h));
        *channels = 4;
    } else {
        snprintf(why, n, "the colour profile '%s' cannot convert it to CMYK",
                 icc_path ? icc_path : "(none)");
    }
    if (t)
        cmsDeleteTransform(t);
    if (dst)
        cmsCloseProfile(dst);
    if (src)
        cmsCloseProfile(src);
    free(px);
    return out;
}
