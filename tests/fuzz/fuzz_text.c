/*
 * fuzz_text.c — libFuzzer target for text through layout to PDF (`make
 * fuzz`): the first byte picks a language of content/languages (de, en,
 * ar, fa, ro, uk), the second a measure; the rest, as UTF-8 (invalid
 * sequences dropped), is one paragraph with inline markup — parsed,
 * bidi-ordered, shaped, hyphenated, broken into lines, drawn and written
 * as a PDF, the path `druckwerk sample` takes.  Run from the repository
 * root (fonts/fonts.yaml, content/).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "layout/layout.h"
#include "fuzz_pdf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dw_arena *arena;
static dw_content content;
static dw_font_manifest manifest;
static dw_fontset *fonts;
static dw_shaper *shaper;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dw_diag d;
    dw_diag_init(&d);
    arena = dw_arena_new();
    dw_content_load(&content, "content", arena, &d);
    if (!dw_content_load_fonts("fonts/fonts.yaml", &manifest, arena, &d)) {
        dw_diag_print(&d, stderr);
        abort(); /* run from the repository root */
    }
    fonts = dw_fontset_new();
    for (size_t i = 0; i < manifest.n_fonts; i++) {
        const dw_font_entry *f = &manifest.fonts[i];
        dw_fontset_add(fonts, f->file, f->style, f->scripts, f->n_scripts, f->loc, &d);
    }
    shaper = dw_shaper_new(fonts);
    /* hyphenation points cached (loading the German patterns takes
     * seconds, more under AddressSanitizer: a timeout, not a finding),
     * and every language's patterns loaded here, before the clock runs */
    const char *cache = getenv("DW_FUZZ_CACHE");
    dw_shaper_set_cache(shaper, cache ? cache : "build-fuzz/hyphen-cache");
    for (size_t i = 0; i < content.n_langs; i++) {
        const dw_lang *l = &content.langs[i];
        dw_tspan sp = {.text = "Ausländerbehörde Integrationskurs"};
        dw_para_spec spec = {.spans = &sp, .n_spans = 1, .lang = l->code, .script = l->script,
                             .hyphenation = l->hyphenation, .rtl = l->rtl, .size_pt = 11,
                             .width_pt = 60, .align = DW_ALIGN_JUSTIFY, .what = "warm-up"};
        dw_para p;
        dw_arena *a = dw_arena_new();
        dw_text_para(shaper, &spec, a, &p, &d);
        dw_arena_free(a);
    }
    dw_shaper_save_cache(shaper);
    dw_diag_fini(&d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || !content.n_langs)
        return 0;
    const dw_lang *l = &content.langs[data[0] % content.n_langs];
    double width_mm = 20 + data[1] % 160;
    dw_arena *a = dw_arena_new();
    /* valid UTF-8 only: the loader refuses the rest before layout */
    char *s = dw_alloc(a, size * 4 + 1);
    size_t n = 0;
    for (size_t i = 0; i < size - 2;) {
        int32_t cp = dw_utf8_next((const char *)data + 2, size - 2, &i);
        if (cp > 0)
            n += (size_t)dw_utf8_put(s + n, (uint32_t)cp);
    }
    s[n] = 0;
    dw_diag d;
    dw_diag_init(&d);
    dw_text t = dw_inline_parse(a, s, (dw_loc){"fuzz", 1, 1}, &d);
    dw_tspan *sp;
    size_t n_sp = dw_layout_spans(&content, l, &t, a, &sp);
    dw_para_spec spec = {.spans = sp, .n_spans = n_sp, .lang = l->code, .script = l->script,
                         .hyphenation = l->hyphenation, .rtl = l->rtl, .size_pt = 11,
                         .width_pt = width_mm * 72 / 25.4, .align = DW_ALIGN_JUSTIFY,
                         .loc = t.loc, .what = "fuzz"};
    dw_para p;
    if (!d.errors && dw_text_para(shaper, &spec, a, &p, &d)) {
        dw_drawing *g = dw_drawing_new(&d);
        if (g) {
            dw_draw_page(g);
            double y = 800;
            for (size_t i = 0; i < p.n_lines && i < 200; i++, y -= 14)
                dw_draw_line(g, &p.lines[i], 36, y, (dw_cmyk){0, 0, 0, 1}, (dw_cmyk){0, 0, 0, 1});
            dw_pdf_info info = {.title = "fuzz", .lang = l->code, .id_seed = "fuzz", .rtl = l->rtl};
            dw_fuzz_write_pdf(g, &info, spec.width_pt + 72, 842, "text", &d);
            dw_drawing_free(g);
        }
    }
    dw_diag_fini(&d);
    dw_arena_free(a);
    return 0;
}
