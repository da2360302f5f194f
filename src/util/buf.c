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

char *dw_read_file_limited(const char *path, size_t limit, size_t *len)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        close(fd);
        return NULL;
    }
    if (!S_ISREG(sb.st_mode) || (size_t)sb.st_size > limit) {
        close(fd);
        errno = S_ISDIR(sb.st_mode) ? EISDIR : !S_ISREG(sb.st_mode) ? ENOTSUP : EFBIG;
        return NULL;
    }
    dw_buf b;
    dw_buf_init(&b);
    dw_buf_reserve(&b, (size_t)sb.st_size);
    char tmp[65536];
    for (;;) {
        ssize_t n = read(fd, tmp, sizeof tmp);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || b.len + (size_t)n > limit) { /* grew while we read */
            int e = n < 0 ? errno : EFBIG;
            close(fd);
            dw_buf_fini(&b);
            errno = e;
            return NULL;
        }
        if (n == 0)
            break;
        dw_buf_put(&b, tmp, (size_t)n);
    }
    close(fd);
    if (!b.data)
        b.data = dw_xcalloc(1, 1);
    if (len)
        *len = b.len;
    return b.data;
}

char *dw_read_file(const char *path, size_t *len)
{
    return dw_read_file_limited(path, DW_MAX_FILE_BYTES, len);
}

const char *dw_read_strerror(int e)
{
    switch (e) {
    case EISDIR: return "it is a folder, not a file";
    case ENOTSUP: return "it is not a regular file (a device, pipe or socket)";
    case EFBIG: return "the file is larger than druckwerk reads (" DW_MAX_FILE_TEXT ")";
    default: return strerror(e);
    }
}

bool dw_write_file_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >=
        (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return false;
    }
    /* O_EXCL | O_NOFOLLOW: a symlink planted at the temporary name is
     * not written through; a stale one (kill -9, same pid) is removed  */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
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
