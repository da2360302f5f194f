/*
 * arena.c — bump allocation in chunks; everything is freed at once.
 * With DW_ARENA_DEBUG each allocation is a separate malloc() kept in a
 * list, so that AddressSanitizer can see overflows of single objects.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 64 KiB chunks: a typical build needs a few hundred KiB; large requests
 * get a chunk of their own.                                             */
#define CHUNK_SIZE (64 * 1024)

struct chunk {
    struct chunk *next;
    size_t used, size;
    max_align_t data[];
};

struct dw_arena {
    struct chunk *head;
};

static void oom(void)
{
    fputs("druckwerk: out of memory\n", stderr);
    abort();
}

void *dw_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *dw_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *dw_xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        oom();
    return p;
}

char *dw_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(dw_xmalloc(n), s, n);
}

dw_arena *dw_arena_new(void)
{
    return dw_xcalloc(1, sizeof(dw_arena));
}

void dw_arena_free(dw_arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *dw_alloc_uninit(dw_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
#ifdef DW_ARENA_DEBUG
    struct chunk *c = dw_xmalloc(sizeof(struct chunk) + size);
    c->size = c->used = size;
    c->next = a->head;
    a->head = c;
    return c->data;
#else
    struct chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > CHUNK_SIZE / 2 ? size : CHUNK_SIZE;
        struct chunk *n = dw_xmalloc(sizeof(struct chunk) + cap);
        n->size = cap;
        n->used = 0;
        if (size > CHUNK_SIZE / 2 && c) {
            /* keep the current chunk on top: it still has room */
            n->next = c->next;
            c->next = n;
            n->used = size;
            return n->data;
        }
        n->next = c;
        a->head = c = n;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    return p;
#endif
}

void *dw_alloc(dw_arena *a, size_t size)
{
    return memset(dw_alloc_uninit(a, size), 0, size);
}

void dw_arena_reset(dw_arena *a)
{
    /* keep the largest chunk, empty: an arena reset between like jobs
     * (paragraphs) then allocates nothing once that chunk has grown     */
    struct chunk *keep = NULL;
#ifndef DW_ARENA_DEBUG
    for (struct chunk *c = a->head; c; c = c->next)
        if (!keep || c->size > keep->size)
            keep = c;
#endif
    for (struct chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        if (c != keep)
            free(c);
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
}

void *dw_alloc_array(dw_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        oom();
    return dw_alloc(a, n * size);
}

void *dw_arena_grow(dw_arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return v;
    size_t c = *cap ? *cap * 2 : first;
    void *bigger = dw_alloc_array(a, c, size);
    if (n)
        memcpy(bigger, v, n * size);
    *cap = c;
    return bigger;
}

char *dw_strndup(dw_arena *a, const char *s, size_t n)
{
    char *p = dw_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *dw_strdup(dw_arena *a, const char *s)
{
    return s ? dw_strndup(a, s, strlen(s)) : NULL;
}

char *dw_sprintf(dw_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    char probe[1];
    int n = vsnprintf(probe, sizeof probe, fmt, ap);
    va_end(ap);
    char *p = dw_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}
