/*
 * world.h — what unit tests share: ok and FAIL lines (dw_test_ok,
 * dw_test_fail, CHECK), and for the layout tests (test_layout.c,
 * test_makeup.c) one-span texts, a test language and a "world" holding
 * the fonts of fonts/fonts.yaml (Debian fonts-noto-core), a shaper and a
 * content set with German and Arabic.  Linked into every unit test
 * (tests/unit/lib/world.c); not part of the druckwerk binary.
 */
#ifndef DW_TEST_WORLD_H
#define DW_TEST_WORLD_H

#include <stdio.h>

#include "content/content.h"
#include "layout/layout.h"

/* oks and FAILs so far; a test's main returns 1 when there were FAILs */
extern int dw_test_passed, dw_test_failed;

/* "ok NAME" */
void dw_test_ok(const char *name);
/* "FAIL NAME: " and the printf-style explanation */
void dw_test_fail(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "ok NAME", or "FAIL NAME: " and the printf-style explanation */
#define CHECK(cond, name, ...)                                                                     \
    do {                                                                                           \
        if (cond) {                                                                                \
            dw_test_ok(name);                                                                      \
        } else {                                                                                   \
            dw_test_fail(name, __VA_ARGS__);                                                       \
        }                                                                                          \
    } while (0)

typedef struct world {
    dw_arena *a;
    dw_diag d;
    dw_fontset *fs;
    dw_shaper *sh;
    dw_content content;
    dw_lang langs[2]; /* de, ar */
} world;

/* s as one plain span (in a), located at "test:1:1" */
dw_text dw_test_text(dw_arena *a, const char *s);
/* a language as the layout needs it: Latin or Arabic script and digits */
dw_lang dw_test_lang(const char *code, const char *name, bool rtl);
/* The fonts, a shaper, German (named de_name) and Arabic (ar_name);
 * false after printing "FAIL <test>-fonts: …" when the fonts do not load. */
bool dw_test_world_init(world *w, const char *test, const char *de_name, const char *ar_name);
void dw_test_world_fini(world *w);

#endif
