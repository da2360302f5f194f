/*
 * image.c — width, height and colour of PNG and JPEG files from their
 * headers, without decoding: enough for layout (size, resolution) and
 * for the print checks (RGB, transparency).
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

bool dw_image_info(const char *path, dw_image_meta *info)
{
    memset(info, 0, sizeof *info);
    size_t len;
    unsigned char *d = (unsigned char *)dw_read_file(path, &len);
    bool ok = false;
    if (!d)
        return false;
    if (len > 33 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(d + 12, "IHDR", 4) == 0) {
        info->png = true;
        info->width = be32(d + 16);
        info->height = be32(d + 20);
        int type = d[25]; /* 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGB+alpha */
        info->channels = type == 0 || type == 4 ? 1 : 3;
        info->alpha = type == 4 || type == 6;
        /* a tRNS chunk gives transparency too */
        for (size_t i = 8; i + 8 <= len;) {
            unsigned long n = be32(d + i);
            if (memcmp(d + i + 4, "tRNS", 4) == 0)
                info->alpha = true;
            if (memcmp(d + i + 4, "IDAT", 4) == 0 || n > len)
                break;
            i += 12 + n;
        }
        ok = info->width && info->height;
    } else if (len > 4 && d[0] == 0xFF && d[1] == 0xD8) {
        info->jpeg = true;
        for (size_t i = 2; i + 9 < len;) {
            if (d[i] != 0xFF) {
                i++;
                continue;
            }
            unsigned m = d[i + 1];
            if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7) || m == 0xFF) {
                i += m == 0xFF ? 1 : 2;
                continue;
            }
            unsigned seg = be16(d + i + 2);
            /* SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC) */
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                info->height = be16(d + i + 5);
                info->width = be16(d + i + 7);
                info->channels = d[i + 9];
                ok = info->width && info->height;
                break;
            }
            i += 2 + seg;
        }
    }
    free(d);
    return ok;
}
