/*
 * util.h — the ground floor of druckwerk: arena allocation, diagnostics,
 * UTF-8 decoding and a growable byte buffer.  Every other stage includes
 * this header; it includes no library headers beyond libc.
 */
#ifndef DW_UTIL_H
#define DW_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Millimetres to PDF points (1 pt = 1/72 inch = 25.4/72 mm). */
#define MM(x) ((x) * 72.0 / 25.4)

/* ---- arena ------------------------------------------------------------
 * One arena per document build: the model, runs, lines and boxes die
 * together.  Allocation never fails (out of memory aborts).  With
 * DW_ARENA_DEBUG defined every allocation is its own malloc() so that
 * AddressSanitizer sees overflows.                                       */
typedef struct dw_arena dw_arena;

dw_arena *dw_arena_new(void);
void      dw_arena_free(dw_arena *a);
void     *dw_alloc(dw_arena *a, size_t size);            /* zeroed */
void     *dw_alloc_uninit(dw_arena *a, size_t size);     /* not zeroed */
/* Give back everything allocated, keeping the largest chunk for what
 * comes next (working memory reused job after job).                    */
void      dw_arena_reset(dw_arena *a);
void     *dw_alloc_array(dw_arena *a, size_t n, size_t size);
/* Room for element n of the growable array v (n used, *cap allocated, of
 * `size` bytes each): v itself while it has room, else a copy in a with
 * twice the capacity (`first` at the start).                            */
void     *dw_arena_grow(dw_arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first);
char     *dw_strdup(dw_arena *a, const char *s);
char     *dw_strndup(dw_arena *a, const char *s, size_t n);
char     *dw_sprintf(dw_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Heap helpers that abort on out-of-memory (for objects outside arenas). */
void *dw_xmalloc(size_t size);
void *dw_xcalloc(size_t n, size_t size);
void *dw_xrealloc(void *p, size_t size);
char *dw_xstrdup(const char *s);

/* ---- diagnostics ------------------------------------------------------
 * Messages follow compilers: "file:line:col: error: text", then "note:"
 * lines.  Lines and columns count from 1; 0 means "not known".          */
typedef struct dw_loc {
    const char *file; /* borrowed; lives as long as the content set */
    int line, col;
} dw_loc;

enum dw_severity { DW_NOTE, DW_WARNING, DW_ERROR };

typedef struct dw_diag_msg {
    enum dw_severity sev;
    dw_loc loc;
    char *text; /* heap, owned by the dw_diag */
} dw_diag_msg;

typedef struct dw_diag {
    dw_diag_msg *msgs;
    size_t n, cap;
    int errors, warnings;
    bool echo;      /* print each message to stderr as it arrives */
    int max_errors; /* after this many errors further ones are counted only */
} dw_diag;

void dw_diag_init(dw_diag *d);
void dw_diag_fini(dw_diag *d);
void dw_diag_add(dw_diag *d, enum dw_severity sev, dw_loc loc,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void dw_diag_vadd(dw_diag *d, enum dw_severity sev, dw_loc loc,
                  const char *fmt, va_list ap);
/* The location is part of __VA_ARGS__ so that a compound literal such as
 * (dw_loc){file, 1, 1}, whose commas braces do not protect, passes whole. */
#define dw_error(d, ...) dw_diag_add((d), DW_ERROR, __VA_ARGS__)
#define dw_warn(d, ...)  dw_diag_add((d), DW_WARNING, __VA_ARGS__)
#define dw_note(d, ...)  dw_diag_add((d), DW_NOTE, __VA_ARGS__)
/* Format one message the way it is printed (heap string, caller frees). */
char *dw_diag_format(const dw_diag_msg *m);
void  dw_diag_print(const dw_diag *d, void *file /* FILE* */);

static inline dw_loc dw_loc_none(void) { return (dw_loc){NULL, 0, 0}; }

/* ---- UTF-8 ------------------------------------------------------------ */
/* Decode one code point at s[*i] (len bytes in all); advances *i.  Returns
 * -1 for an invalid or truncated sequence (and advances by one byte).    */
int32_t dw_utf8_next(const char *s, size_t len, size_t *i);
/* Encode cp into out (at least 4 bytes); returns the byte count.        */
int     dw_utf8_put(char *out, uint32_t cp);
/* Byte offset of the first invalid sequence, or -1 when s is valid.     */
long    dw_utf8_invalid_at(const char *s, size_t len);

/* FNV-1a over n bytes, continuing from h (start: DW_FNV_OFFSET): file
 * identifiers, cache names and hash tables; not for security.           */
#define DW_FNV_OFFSET 0xcbf29ce484222325ull
uint64_t dw_fnv1a(uint64_t h, const void *data, size_t n);

/* ---- growable byte buffer (heap) ------------------------------------- */
typedef struct dw_buf {
    char *data;
    size_t len, cap;
} dw_buf;

void dw_buf_init(dw_buf *b);
void dw_buf_fini(dw_buf *b);
void dw_buf_reset(dw_buf *b); /* empty, keeping the memory */
/* Room for extra more bytes (and the terminating NUL) after len. */
void dw_buf_reserve(dw_buf *b, size_t extra);
void dw_buf_put(dw_buf *b, const void *p, size_t n);
void dw_buf_puts(dw_buf *b, const char *s);
/* One byte: inline, it runs for every character of the content. */
static inline void dw_buf_putc(dw_buf *b, char c)
{
    if (b->len + 2 <= b->cap) {
        b->data[b->len++] = c;
        b->data[b->len] = 0;
    } else {
        dw_buf_put(b, &c, 1);
    }
}
void dw_buf_printf(dw_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Locale-independent decimal: at most `prec` fraction digits, trailing
 * zeros dropped, "-0" never written.  PDF operands go through this.      */
void dw_buf_num(dw_buf *b, double v, int prec);

/* ---- files ----------------------------------------------------------- */
/* Read a whole file into a heap buffer (NUL-terminated).  NULL on error
 * with errno set.                                                       */
char *dw_read_file(const char *path, size_t *len);
/* Write atomically: to "path.tmp.PID", fsync, rename.  A failed write
 * leaves any existing file at path untouched.                           */
bool  dw_write_file_atomic(const char *path, const void *data, size_t len);
bool  dw_mkdirs(const char *dir);

/* ---- images ----------------------------------------------------------- */
typedef struct dw_image_meta {
    unsigned long width, height; /* pixels */
    int channels;                /* 1 grey, 3 RGB, 4 CMYK */
    bool alpha;                  /* PNG with an alpha channel or tRNS */
    bool png, jpeg;
} dw_image_meta;

/* Read a PNG or JPEG header.  False when the file is neither. */
bool dw_image_info(const char *path, dw_image_meta *info);

#endif
