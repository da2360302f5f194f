/*
 * world.c — the layout unit tests' shared setup (world.h).
 */
#include "world.h"

#include <stdarg.h>

int dw_test_passed, dw_test_failed;

void dw_test_ok(const char *name)
{
    printf("ok %s\n", name);
    dw_test_passed++;
}

void dw_test_fail(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL %s: ", name);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    dw_test_failed++;
}

dw_text dw_test_text(dw_arena *a, const char *s)
{
    dw_span *sp = dw_alloc(a, sizeof *sp);
    *sp = (dw_span){DW_SPAN_TEXT, 0, dw_strdup(a, s), NULL};
    return (dw_text){sp, 1, {"test", 1, 1}};
}

dw_lang dw_test_lang(const char *code, const char *name, bool rtl)
{
    dw_lang l = {0};
    l.code = code;
    l.name = name;
    l.rtl = rtl;
    l.script = rtl ? "Arab" : "Latn";
    l.digits = rtl ? DW_DIGITS_ARABIC_INDIC : DW_DIGITS_LATIN;
    l.date_format = "{d}.{m}.{y}";
    return l;
}

bool dw_test_world_init(world *w, const char *test, const char *de_name, const char *ar_name)
{
    *w = (world){0};
    w->a = dw_arena_new();
    dw_diag_init(&w->d);
    dw_font_manifest m;
    if (!dw_content_load_fonts("fonts/fonts.yaml", &m, w->a, &w->d)) {
        dw_diag_print(&w->d, stderr);
        printf("FAIL %s-fonts: fonts/fonts.yaml did not load\n", test);
        return false;
    }
    w->fs = dw_fontset_new();
    for (size_t i = 0; i < m.n_fonts; i++)
        dw_fontset_add(w->fs, m.fonts[i].file, m.fonts[i].style, m.fonts[i].scripts,
                       m.fonts[i].n_scripts, m.fonts[i].loc, &w->d);
    w->sh = dw_shaper_new(w->fs);
    w->langs[0] = dw_test_lang("de", de_name, false);
    w->langs[1] = dw_test_lang("ar", ar_name, true);
    w->content.langs = w->langs;
    w->content.n_langs = 2;
    return true;
}

void dw_test_world_fini(world *w)
{
    dw_shaper_free(w->sh);
    dw_fontset_free(w->fs);
    dw_diag_fini(&w->d);
    dw_arena_free(w->a);
}
