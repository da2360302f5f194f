/*
 * test_para.c — lines reuse the paragraph's shaping where HarfBuzz says
 * a cut is safe and are shaped again where it is not.  Reusing must give
 * exactly what shaping every line again gives: the same glyphs, advances
 * and offsets on every line, for paragraphs in all six languages (Arabic
 * joining, Persian ZWNJ, German compounds with ligatures at hyphenation
 * points), at many measures.  Also the memo, the bidi shortcut and where
 * kashidas go in justified Arabic and Persian.
 */
#include <stdio.h>
#include <string.h>

#include "content/content.h"
#include "layout/layout.h"
#include "text/text.h"
#include "text/text_int.h"

static int failed;

static const struct {
    const char *lang, *script, *hyph;
    bool rtl;
    const char *text;
} samples[] = {
    {"de", "Latn", "hyph_de_DE.dic", false,
     "Die Schifffahrtsgesellschaft veröffentlicht Auflagen, Briefköpfe und offizielle "
     "Stellungnahmen; die Aufenthaltserlaubnis und die Fiktionsbescheinigung beantragen Sie "
     "bei der Ausländerbehörde. Rufen Sie {tel:04471 15-0} an oder schreiben Sie an "
     "{mail:integration@lkclp.de}."},
    {"en", "Latn", "hyph_en_US.dic", false,
     "The office affords efficient, fluffy official waffles; effortlessly affixed flyers "
     "inform newcomers about the {de:Jugendintegrationskurs} and the first steps."},
    {"ro", "Latn", "hyph_ro_RO.dic", false,
     "Înregistrarea locuinței se face în primele două săptămâni; ștampila și țara de origine "
     "sunt trecute în certificatul de înregistrare."},
    {"uk", "Cyrl", "hyph_uk_UA.dic", false,
     "Їжак і ґава їдять єдину грушу; реєстрація місця проживання відбувається протягом двох "
     "тижнів після переїзду до району Клоппенбург."},
    {"ar", "Arab", NULL, true,
     "مَرْحَبًا بِكُمْ في مدينة كلوبنبورغ. لا إله إلا الله. اتصلوا بالرقم {tel:04471 15-0} "
     "أو اكتبوا إلى {mail:integration@lkclp.de} للحصول على موعد في دائرة الأجانب."},
    {"fa", "Arab", NULL, true,
     "من می‌خواهم در کلوپنبورگ زندگی کنم. شماره ۱۲۳۴ را بگیرید و با اداره‌ی اتباع خارجی "
     "تماس بگیرید؛ آن‌ها به شما کمک می‌کنند."},
};

static bool same_lines(const dw_para *a, const dw_para *b, char *why, size_t n)
{
    if (a->n_lines != b->n_lines) {
        snprintf(why, n, "%zu lines vs %zu", a->n_lines, b->n_lines);
        return false;
    }
    for (size_t i = 0; i < a->n_lines; i++) {
        const dw_line *x = &a->lines[i], *y = &b->lines[i];
        if (x->n_runs != y->n_runs) {
            snprintf(why, n, "line %zu: %zu runs vs %zu", i, x->n_runs, y->n_runs);
            return false;
        }
        for (size_t r = 0; r < x->n_runs; r++) {
            const dw_run *u = &x->runs[r], *v = &y->runs[r];
            if (u->n_glyphs != v->n_glyphs || u->face != v->face) {
                snprintf(why, n, "line %zu run %zu: %zu glyphs vs %zu", i, r, u->n_glyphs,
                         v->n_glyphs);
                return false;
            }
            for (size_t g = 0; g < u->n_glyphs; g++) {
                const dw_glyph *p = &u->glyphs[g], *q = &v->glyphs[g];
                if (p->gid != q->gid || p->x_advance_du != q->x_advance_du ||
                    p->x_offset_du != q->x_offset_du || p->y_offset_du != q->y_offset_du ||
                    p->text_off != q->text_off || p->text_len != q->text_len) {
                    snprintf(why, n, "line %zu (\"%s\") glyph %zu: gid %u/%u advance %d/%d", i,
                             x->text, g, p->gid, q->gid, p->x_advance_du, q->x_advance_du);
                    return false;
                }
            }
        }
    }
    return true;
}

int main(void)
{
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_font_manifest m;
    if (!dw_content_load_fonts("fonts/fonts.yaml", &m, a, &d)) {
        dw_diag_print(&d, stderr);
        printf("FAIL para-fonts: fonts/fonts.yaml did not load\n");
        return 1;
    }
    dw_fontset *fs = dw_fontset_new();
    for (size_t i = 0; i < m.n_fonts; i++)
        dw_fontset_add(fs, m.fonts[i].file, m.fonts[i].style, m.fonts[i].scripts,
                       m.fonts[i].n_scripts, m.fonts[i].loc, &d);
    dw_shaper *sh = dw_shaper_new(fs);
    dw_shaper_set_cache(sh, NULL);
    dw_content content = {0};
    for (size_t k = 0; k < sizeof samples / sizeof *samples; k++) {
        dw_lang lang = {.code = samples[k].lang, .name = samples[k].lang,
                        .script = samples[k].script, .rtl = samples[k].rtl,
                        .hyphenation = samples[k].hyph};
        dw_lang de = {.code = "de", .name = "de", .script = "Latn",
                      .hyphenation = "hyph_de_DE.dic"};
        dw_lang langs[2] = {lang, de};
        content.langs = langs;
        content.n_langs = 2;
        dw_text t = dw_inline_parse(a, samples[k].text, (dw_loc){"test", 1, 1}, &d);
        dw_tspan *sp;
        size_t n_sp = dw_layout_spans(&content, &langs[0], &t, a, &sp);
        int widths = 0, equal = 0, hyphenated = 0;
        char why[256] = "";
        for (double w = 40; w <= 400; w += 7, widths++) {
            dw_para_spec spec = {.spans = sp, .n_spans = n_sp, .lang = lang.code,
                                 .script = lang.script, .hyphenation = lang.hyphenation,
                                 .rtl = lang.rtl, .size_pt = 10, .width_pt = w,
                                 .align = DW_ALIGN_JUSTIFY, .loc = t.loc, .what = "test"};
            dw_para reuse, again;
            if (!dw_text_para(sh, &spec, a, &reuse, &d))
                break;
            spec.reshape_lines = true;
            if (!dw_text_para(sh, &spec, a, &again, &d))
                break;
            for (size_t i = 0; i < reuse.n_lines; i++)
                for (size_t r = 0; r < reuse.lines[i].n_runs; r++)
                    hyphenated += reuse.lines[i].runs[r].soft_hyphen;
            if (same_lines(&reuse, &again, why, sizeof why))
                equal++;
            else
                break;
        }
        char name[64];
        snprintf(name, sizeof name, "para-line-reuse-%s", samples[k].lang);
        bool ok = widths > 40 && equal == widths && (lang.rtl || hyphenated > 0);
        if (ok) {
            printf("ok %s\n", name);
        } else {
            failed++;
            printf("FAIL %s: %d of %d measures equal, %d hyphenated lines; %s\n", name, equal,
                   widths, hyphenated, why);
            dw_diag_print(&d, stdout);
        }
    }
    /* The memo: an equal spec (the text compared by content, loc and what
     * ignored) returns the first paragraph; another measure does not;
     * what it returns is what dw_text_para gives.                       */
    {
        dw_para_memo *memo = dw_para_memo_new(a);
        const char *text = samples[0].text;
        dw_tspan s1 = {.text = text}, s2 = {.text = dw_strdup(a, text)};
        dw_para_spec spec = {.spans = &s1, .n_spans = 1, .lang = "de", .script = "Latn",
                             .hyphenation = "hyph_de_DE.dic", .size_pt = 10, .width_pt = 200,
                             .loc = {"test", 1, 1}, .what = "test"};
        const dw_para *p1 = NULL, *p2 = NULL, *p3 = NULL;
        dw_para fresh;
        bool ok = dw_text_para_memo(sh, memo, &spec, &p1, &d);
        spec.spans = &s2;
        spec.loc = (dw_loc){"other", 2, 2};
        ok = ok && dw_text_para_memo(sh, memo, &spec, &p2, &d);
        spec.width_pt = 201;
        ok = ok && dw_text_para_memo(sh, memo, &spec, &p3, &d);
        spec.width_pt = 200;
        ok = ok && dw_text_para(sh, &spec, a, &fresh, &d);
        char why[256] = "";
        if (ok && p1 == p2 && p3 != p1 && p1->n_lines > 1 &&
            same_lines(p1, &fresh, why, sizeof why)) {
            printf("ok para-memo\n");
        } else {
            failed++;
            printf("FAIL para-memo: %s %s\n", p1 == p2 ? "" : "equal specs set twice;", why);
        }
    }
    /* The bidi shortcut: strings that dw_bidi_all_ltr admits get level 0
     * throughout from FriBiDi too (a left-to-right paragraph).  Random
     * strings over characters of every bidi type.                       */
    {
        static const uint32_t pool[] = {
            'a', 'Z', 0xE4, 0x0416, 0x0103,           /* L: Latin, Cyrillic, Romanian */
            '0', '7', 0xB2,                           /* EN */
            '+', '-', '%', '$', 0x20AC, '#',          /* ES, ET */
            ',', '.', ':', '/', 0xA0,                 /* CS */
            0x0301, 0x0308,                           /* NSM */
            ' ', '\t', 0x2029,                        /* WS, S, B */
            '!', '"', '(', ')', '[', ']', 0xAB, 0xBB, 0x2013, 0x2026, /* ON, brackets */
            0x200C, 0x200D, 0xAD, 0x200B,             /* BN */
            0x05D0, 0x0627, 0x06CC, 0x0660, 0x06F1,   /* R, AL, AN, EN (Persian digits) */
            0x202A, 0x202B, 0x202C, 0x2066, 0x2067, 0x2069, 0x200F, /* explicit, isolates, RLM */
        };
        const size_t n_pool = sizeof pool / sizeof *pool;
        uint64_t seed = 0x2545F4914F6CDD1Dull;
        int admitted = 0, refused = 0, wrong = 0;
        uint32_t cp[24];
        FriBidiCharType types[24];
        FriBidiBracketType brackets[24];
        FriBidiLevel levels[24];
        for (int k = 0; k < 20000; k++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            size_t n = 1 + seed % 24;
            for (size_t i = 0; i < n; i++) {
                seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
                /* mostly left-to-right characters, so both answers occur */
                size_t at = seed % (k % 3 ? n_pool - 12 : n_pool);
                cp[i] = pool[at];
            }
            fribidi_get_bidi_types(cp, (FriBidiStrIndex)n, types);
            if (!dw_bidi_all_ltr(types, n)) {
                refused++;
                continue;
            }
            admitted++;
            fribidi_get_bracket_types(cp, (FriBidiStrIndex)n, types, brackets);
            FriBidiParType dir = FRIBIDI_PAR_LTR;
            if (!fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &dir,
                                                     levels)) {
                wrong++;
                continue;
            }
            for (size_t i = 0; i < n; i++)
                if (levels[i] != 0) {
                    wrong++;
                    break;
                }
        }
        if (wrong == 0 && admitted > 1000 && refused > 1000) {
            printf("ok para-bidi-ltr-shortcut (%d strings level 0, %d refused)\n", admitted,
                   refused);
        } else {
            failed++;
            printf("FAIL para-bidi-ltr-shortcut: %d of %d admitted strings get a level above 0 "
                   "from FriBiDi (%d refused)\n", wrong, admitted, refused);
        }
    }
    /* Kashidas (src/text/kashida.c): in justified Arabic and Persian at
     * many measures, at most one per word, at most 0.08 em, only in
     * right-to-left runs of the paragraph's own language, never in a
     * word with a ZWNJ, a mark or a lam-alef, and on a letter that
     * joins the letter before it; "بسم" and "مسلم" lengthen after the seen. */
    {
        static const char *const texts[][2] = {
            {"ar", "بسم الله. مسلمون كثيرون يسكنون في مدينة كلوبنبورغ {de:Integrationskurs} "
                   "مَرْحَبًا بِكُمْ، لا إله إلا الله، والمدرسة قريبة من المكتب الاتحادي للهجرة."},
            {"fa", "من می‌خواهم در کلوپنبورگ زندگی کنم. مسلمان‌ها و دیگران در دوره‌ی ادغام "
                   "{de:Integrationskurs} شرکت می‌کنند و زبان آلمانی را یاد می‌گیرند."},
        };
        int kashidas = 0, bad = 0, seen = 0;
        char why[256] = "";
        for (size_t k = 0; k < 2; k++) {
            dw_lang lang = {.code = texts[k][0], .name = texts[k][0], .script = "Arab",
                            .rtl = true};
            dw_lang de = {.code = "de", .name = "de", .script = "Latn"};
            dw_lang langs[2] = {lang, de};
            content.langs = langs;
            content.n_langs = 2;
            dw_text t = dw_inline_parse(a, texts[k][1], (dw_loc){"test", 1, 1}, &d);
            dw_tspan *sp;
            size_t n_sp = dw_layout_spans(&content, &langs[0], &t, a, &sp);
            for (double w = 60; w <= 300; w += 3) {
                dw_para_spec spec = {.spans = sp, .n_spans = n_sp, .lang = lang.code,
                                     .script = "Arab", .rtl = true, .size_pt = 10,
                                     .width_pt = w, .align = DW_ALIGN_JUSTIFY, .loc = t.loc,
                                     .what = "test"};
                dw_para out;
                if (!dw_text_para(sh, &spec, a, &out, &d))
                    break;
                for (size_t i = 0; i < out.n_lines; i++)
                    for (size_t r = 0; r < out.lines[i].n_runs; r++) {
                        const dw_run *run = &out.lines[i].runs[r];
                        int in_word = 0;
                        size_t word = 0; /* text offset of the word's first character */
                        for (size_t g = 0; g < run->n_glyphs; g++) {
                            const dw_glyph *gl = &run->glyphs[g];
                            if (!gl->kashida)
                                continue;
                            kashidas++;
                            /* the word around the glyph's character, in logical order */
                            size_t at = gl->text_off, b = at, e = at;
                            while (b > 0 && run->chars[b - 1] != ' ')
                                b--;
                            while (e < run->n_chars && run->chars[e] != ' ')
                                e++;
                            bool odd = false;
                            for (size_t c = b; c < e; c++) {
                                uint32_t u = run->chars[c];
                                odd |= u == 0x200C || u == 0x200D || (u >= 0x064B && u <= 0x065F) ||
                                       u == 0x0670 || (u == 0x0644 && c + 1 < e &&
                                                       (run->chars[c + 1] == 0x0627 ||
                                                        run->chars[c + 1] == 0x0623 ||
                                                        run->chars[c + 1] == 0x0625 ||
                                                        run->chars[c + 1] == 0x0622));
                            }
                            in_word = word == b + 1 ? in_word + 1 : 1;
                            word = b + 1;
                            /* the letter before joins to the left (not alef, dal,
                             * reh, waw, teh marbuta and their kin)              */
                            static const uint32_t right_only[] = {
                                0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629, 0x062F,
                                0x0630, 0x0631, 0x0632, 0x0648, 0x0698, 0x0671};
                            bool joins = at > b && at < e;
                            for (size_t q = 0; joins && q < sizeof right_only / sizeof *right_only; q++)
                                joins = run->chars[at - 1] != right_only[q];
                            seen += at > b && run->chars[at - 1] == 0x0633;
                            if (!run->rtl || run->lang || odd || in_word > 1 || !joins ||
                                gl->extra_pt <= 0 || gl->extra_pt > 0.08 * run->size_pt + 1e-9) {
                                bad++;
                                snprintf(why, sizeof why, "%s at %zu in \"%s\" (extra %.2f)",
                                         texts[k][0], at, out.lines[i].text, gl->extra_pt);
                            }
                        }
                    }
            }
        }
        if (kashidas > 20 && bad == 0 && seen > 0) {
            printf("ok para-kashida (%d kashidas, %d after a seen)\n", kashidas, seen);
        } else {
            failed++;
            printf("FAIL para-kashida: %d kashidas, %d wrong, %d after a seen; %s\n", kashidas,
                   bad, seen, why);
        }
    }
    dw_shaper_free(sh);
    dw_fontset_free(fs);
    dw_diag_fini(&d);
    dw_arena_free(a);
    return failed ? 1 : 0;
}
