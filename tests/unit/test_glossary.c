/*
 * test_glossary.c — the glossary check (src/content/glossary.c): the
 * matching rules (German term at a word start, target form anywhere, both
 * without regard to case, in Latin, Cyrillic and Arabic script) and the
 * pairing of translated texts with the German ones, on a small content
 * set loaded from memory.  The expected answers are written out by hand
 * below from the rule in content/README.md; tests/lib/content_test.py
 * checks the shipped content against a Python reading of the same rule.
 * Prints "ok NAME" / "FAIL NAME: why"; exits 1 if any failed.
 */
#include "content/content_int.h"
#include "lib/world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_match(void)
{
    static const struct {
        const char *text, *term;
        bool want;
    } terms[] = {
        {"Beantragen Sie den Aufenthaltstitel rechtzeitig.", "Aufenthaltstitel", true},
        {"die Verlängerung des Aufenthaltstitels", "Aufenthaltstitel", true}, /* inflected */
        {"AUFENTHALTSTITEL", "Aufenthaltstitel", true},                     /* case */
        {"Ihr Daueraufenthaltstitel", "Aufenthaltstitel", false},           /* not a word start */
        {"(Ausländerbehörde)", "Ausländerbehörde", true},
        {"die AUSLÄNDERBEHÖRDE", "ausländerbehörde", true},                 /* Ä/ä */
        {"Ausländer", "Ausländerbehörde", false},
        {"Landkreis-Verwaltung", "Landkreis", true},
        {"", "Landkreis", false},
        {"Landkreis", "", false},
    };
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
        bool got = dw_glossary_has_term(terms[i].text, terms[i].term);
        char name[64];
        snprintf(name, sizeof name, "glossary/term-%zu", i);
        CHECK(got == terms[i].want, name, "'%s' in \"%s\": got %d, want %d", terms[i].term,
              terms[i].text, got, terms[i].want);
    }
    static const struct {
        const char *text, *form;
        bool want;
    } forms[] = {
        {"Зверніться до Відділу у справах іноземців.", "відділу у справах іноземців", true},
        {"ВІДДІЛ У СПРАВАХ ІНОЗЕМЦІВ", "відділ у справах іноземців", true}, /* Cyrillic case */
        {"міграційна служба", "відділ у справах іноземців", false},
        {"Autoritatea pentru străini", "autoritatea pentru STRĂINI", true}, /* Romanian ă */
        {"راجعوا دائرة الأجانب.", "دائرة الأجانب", true},
        {"راجعوا مكتب الأجانب.", "دائرة الأجانب", false},
        {"the residence title", "", false},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        bool got = dw_glossary_has_form(forms[i].text, forms[i].form);
        char name[64];
        snprintf(name, sizeof name, "glossary/form-%zu", i);
        CHECK(got == forms[i].want, name, "'%s' in \"%s\": got %d, want %d", forms[i].form,
              forms[i].text, got, forms[i].want);
    }
}

/* ---- the check on a content set ------------------------------------------------- */

static const char LANG_DE[] = "code: de\nname: Deutsch\nname-de: Deutsch\ndirection: ltr\n"
                              "script: Latn\nwords:\n  office: Ausländerbehörde\n";
static const char LANG_UK[] =
    "code: uk\nname: Українська\nname-de: Ukrainisch\ndirection: ltr\nscript: Cyrl\n"
    "glossary:\n"
    "  Ausländerbehörde: [відділ у справах іноземців, відділу у справах іноземців]\n"
    "  Aufenthaltstitel: посвідка на проживання\n"
    "words:\n  office: міграційна служба\n";
static const char DOC_DE[] = "document: welcome-folder\nlang: de\nedition: 2026-05-01\n"
                             "title: Willkommen\n"
                             "sections:\n"
                             "  - id: a\n"
                             "    title: Die Ausländerbehörde\n"
                             "    blocks:\n"
                             "      - p: Ihr Aufenthaltstitel.\n"
                             "      - list: [Ausländerbehörde, Jobcenter]\n"
                             "      - p: Nichts hier.\n";
/* uk: the title uses the term (inflected), the paragraph does not, list
 * entry 1 does not, a 'p' block was added before the list (the LCS still
 * pairs the rest), and the last paragraph has no term in German. */
static const char DOC_UK[] = "document: welcome-folder\nlang: uk\nedition: 2026-05-01\n"
                             "source-edition: 2026-05-01\n"
                             "title: Ласкаво просимо\n"
                             "sections:\n"
                             "  - id: a\n"
                             "    title: До Відділу у справах іноземців\n"
                             "    blocks:\n"
                             "      - p: Ваш дозвіл на проживання.\n"
                             "      - p: Додатковий абзац про Ausländerbehörde.\n"
                             "      - list: [Міграційна служба, Джобцентр]\n"
                             "      - p: Тут нічого.\n";

static void test_check(void)
{
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    memset(&c, 0, sizeof c);
    dw_content_load_mem(&c, "languages/de.yaml", "languages/de.yaml", LANG_DE,
                        sizeof LANG_DE - 1, a, &d);
    dw_content_load_mem(&c, "languages/uk.yaml", "languages/uk.yaml", LANG_UK,
                        sizeof LANG_UK - 1, a, &d);
    dw_content_load_mem(&c, "wf/de.yaml", "welcome-folder/de.yaml", DOC_DE, sizeof DOC_DE - 1,
                        a, &d);
    dw_content_load_mem(&c, "wf/uk.yaml", "welcome-folder/uk.yaml", DOC_UK, sizeof DOC_UK - 1,
                        a, &d);
    CHECK(d.errors == 0 && d.warnings == 0, "glossary/load", "%d errors, %d warnings",
          d.errors, d.warnings);
    size_t before = d.n;
    int n = dw_content_check_glossary(&c, &d);
    dw_buf b;
    dw_buf_init(&b);
    for (size_t i = before; i < d.n; i++) {
        char *s = dw_diag_format(&d.msgs[i]);
        dw_buf_printf(&b, "%s\n", s);
        free(s);
    }
    dw_buf_putc(&b, 0);
    const char *want =
        "wf/uk.yaml:10:12: warning: glossary: 'Aufenthaltstitel' should be translated as "
        "'посвідка на проживання'\n"
        "wf/de.yaml:9:12: note: the German text has 'Aufenthaltstitel' here (glossary in "
        "languages/uk.yaml:8)\n"
        "wf/uk.yaml:12:16: warning: glossary: 'Ausländerbehörde' should be translated as "
        "'відділ у справах іноземців'\n"
        "wf/de.yaml:10:16: note: the German text has 'Ausländerbehörde' here (glossary in "
        "languages/uk.yaml:7)\n"
        "languages/uk.yaml:10:11: warning: glossary: 'Ausländerbehörde' should be translated "
        "as 'відділ у справах іноземців'\n"
        "languages/de.yaml:7:11: note: the German text has 'Ausländerbehörde' here (glossary "
        "in languages/uk.yaml:7)\n";
    CHECK(n == 3 && strcmp(b.data, want) == 0, "glossary/check",
          "%d found; got:\n%s", n, b.data);
    dw_buf_fini(&b);
    dw_diag_fini(&d);
    dw_arena_free(a);
}

int main(void)
{
    test_match();
    test_check();
    printf("test_glossary: %d passed, %d failed\n", dw_test_passed, dw_test_failed);
    return dw_test_failed ? 1 : 0;
}
