/*
 * buf.c — growable byte buffer, locale-independent number formatting and
 * whole-file I/O with atomic replacement.
 */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

uint64_t dw_fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

void dw_buf_init(dw_buf *b)
{
    memset(b, 0, sizeof *b);
}

void dw_buf_fini(dw_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void dw_buf_reset(dw_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

void dw_buf_reserve(dw_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = dw_xrealloc(b->data, cap);
    b->cap = cap;
}

void dw_buf_put(dw_buf *b, const void *p, size_t n)
{
    dw_buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void dw_buf_puts(dw_buf *b, const char *s)
{
    dw_buf_put(b, s, strlen(s));
}

void dw_buf_printf(dw_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    char probe[1];
    int n = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    dw_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
}

void dw_buf_num(dw_buf *b, double v, int prec)
{
    /* digits by hand: snprintf was 4 % of a build (every glyph position) */
    if (prec > 9)
        prec = 9;
    if (!(fabs(v) < 1e15))
        v = 0; /* NaN or absurd: PDF numbers must stay finite */
    long long scale = 1;
    for (int i = 0; i < prec; i++)
        scale *= 10;
    long long q = llround(v * (double)scale);
    bool neg = q < 0;
    unsigned long long u = (unsigned long long)(neg ? -q : q);
    unsigned long long ip = u / (unsigned long long)scale, fp = u % (unsigned long long)scale;
    char tmp[48];
    int n = sizeof tmp;
    if (fp) { /* fraction digits, trailing zeros dropped */
        int k = prec;
        while (fp % 10 == 0) {
            fp /= 10;
            k--;
        }
        for (; k > 0; k--) {
            tmp[--n] = (char)('0' + fp % 10);
            fp /= 10;
        }
        tmp[--n] = '.';
    }
    do {
        tmp[--n] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    if (neg && u != 0)
        tmp[--n] = '-';
    dw_buf_put(b, tmp + n, sizeof tmp - (size_t)n);
}

char *dw_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    dw_buf b;
    dw_buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        dw_buf_put(&b, tmp, n);
    bool err = ferror(f);
    fclose(f);
    if (err) {
        dw_buf_fini(&b);
        errno = EIO;
        return NULL;
    }
    if (!b.data)
        b.data = dw_xcalloc(1, 1);
    if (len)
        *len = b.len;
    return b.data;
}

bool dw_write_file_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >=
        (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return false;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return false;
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        p += w;
        left -= (size_t)w;
    }
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    if (rename(tmp, path) != 0) {
        fd = -1;
        goto fail;
    }
    return true;
fail:;
    int e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = e;
    return false;
}

bool dw_mkdirs(const char *dir)
{
    char tmp[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof tmp)
        return false;
    memcpy(tmp, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (tmp[i] == '/' || tmp[i] == 0) {
            char c = tmp[i];
            tmp[i] = 0;
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return false;
            tmp[i] = c;
        }
    }
    return true;
}
