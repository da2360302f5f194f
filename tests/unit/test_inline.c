/*
 * test_inline.c — inline markup (src/content/inline.c): spans and their
 * kinds, hrefs of phone numbers, e-mail and web addresses, and the
 * suggestions for a misspelt name.  Prints "ok NAME" or "FAIL NAME: why"
 * per case, exits 1 if any failed.
 */
#include "content/content_int.h"
#include "lib/world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_number(int kind)
{
    static char buf[24];
    snprintf(buf, sizeof buf, "kind%d", kind);
    return buf;
}

/* "text:Hello | text+em:world | tel:04471 15-0>tel:+494471150" */
static char *dump(const dw_text *t)
{
    static const char *const kinds[] = {
        [DW_SPAN_TEXT] = "text", [DW_SPAN_LINK] = "link", [DW_SPAN_TEL] = "tel",
        [DW_SPAN_MAIL] = "mail", [DW_SPAN_WEB] = "web",   [DW_SPAN_LTR] = "ltr",
        [DW_SPAN_DE] = "de"};
    dw_buf b;
    dw_buf_init(&b);
    for (size_t i = 0; i < t->n_spans; i++) {
        const dw_span *s = &t->spans[i];
        /* a kind added to doc.h without a name here prints as "kind7" */
        const char *kind = (size_t)s->kind < sizeof kinds / sizeof *kinds && kinds[s->kind]
                               ? kinds[s->kind]
                               : kind_number(s->kind);
        dw_buf_printf(&b, "%s%s%s%s:%s", i ? " | " : "", kind,
                      s->style & DW_STYLE_EM ? "+em" : "",
                      s->style & DW_STYLE_STRONG ? "+strong" : "", s->text);
        if (s->href)
            dw_buf_printf(&b, ">%s", s->href);
    }
    dw_buf_putc(&b, 0);
    return b.data;
}

static void test_inline(void)
{
    static const struct {
        const char *name, *in, *spans, *error;
    } cases[] = {
        {"plain", "Hallo Welt", "text:Hallo Welt", NULL},
        {"empty", "", "", NULL},
        {"em", "ein *wichtiger* Satz", "text:ein  | text+em:wichtiger | text: Satz", NULL},
        {"strong", "**Achtung:** jetzt", "text+strong:Achtung: | text: jetzt", NULL},
        {"nested", "**sehr *sehr* wichtig**",
         "text+strong:sehr  | text+em+strong:sehr | text+strong: wichtig", NULL},
        {"triple-star", "***beides***", "text+em+strong:beides", NULL},
        {"gender-star", "Bürger*innen und Ärzt*innen", "text:Bürger*innen und Ärzt*innen", NULL},
        {"escapes", "\\*kein\\* \\{tel:1\\} \\[x\\] a\\\\b",
         "text:*kein* {tel:1} [x] a\\b", NULL},
        {"backslash-letter", "C:\\Users", "text:C:\\Users", NULL},
        {"link", "Siehe [Internetseite](https://www.lkclp.de).",
         "text:Siehe  | link:Internetseite>https://www.lkclp.de | text:.", NULL},
        {"link-no-scheme", "[Seite](www.lkclp.de)", "link:Seite>https://www.lkclp.de", NULL},
        {"link-styled", "[**Anmeldung** online](lkclp.de)",
         "link+strong:Anmeldung>https://lkclp.de | link: online>https://lkclp.de", NULL},
        {"link-gender-star", "[Ärzt*innen](x.de)", "link:Ärzt*innen>https://x.de", NULL},
        {"link-parens", "[Wiki](de.wikipedia.org/wiki/A_(B))",
         "link:Wiki>https://de.wikipedia.org/wiki/A_(B)", NULL},
        {"link-mailto", "[Mail](mailto:a@b.de)", "link:Mail>mailto:a@b.de", NULL},
        {"tel", "Tel. {tel:04471 15-0}", "text:Tel.  | tel:04471 15-0>tel:+494471150", NULL},
        {"tel-intl", "{tel:+49 (0) 4471 9234-0}", "tel:+49 (0) 4471 9234-0>tel:+49447192340",
         NULL},
        {"tel-00", "{tel:0049 4471 15-0}", "tel:0049 4471 15-0>tel:+494471150", NULL},
        {"tel-short", "{tel:110}", "tel:110>tel:110", NULL},
        {"tel-strong", "**{tel:116 117}**", "tel+strong:116 117>tel:116117", NULL},
        {"mail", "{mail:info@lkclp.de}", "mail:info@lkclp.de>mailto:info@lkclp.de", NULL},
        {"web", "{web:www.lkclp.de}", "web:www.lkclp.de>https://www.lkclp.de", NULL},
        {"web-scheme", "{web:http://example.de/a}", "web:http://example.de/a>http://example.de/a",
         NULL},
        {"ltr", "PLZ {ltr:49661} Cloppenburg",
         "text:PLZ  | ltr:49661 | text: Cloppenburg", NULL},
        {"ltr-escape", "{ltr:a\\}b}", "ltr:a}b", NULL},
        {"de", "Bitte zum {de:Bürgeramt} gehen", "text:Bitte zum  | de:Bürgeramt | text: gehen",
         NULL},
        {"arabic", "اتصلوا على {tel:04471 15-0}",
         "text:اتصلوا على  | tel:04471 15-0>tel:+494471150", NULL},
        {"stray-close", "a ] b } c )", "text:a ] b } c )", NULL},
        /* errors: reported once, the text kept as written from the mistake on */
        {"unclosed-tel", "Ruf an: {tel:04471 15-0", "text:Ruf an: {tel:04471 15-0",
         "'{tel:' is not closed: add '}'"},
        {"unclosed-link", "[Seite](www.lkclp.de", "text:[Seite](www.lkclp.de",
         "link '[Seite](' is not closed: add ')' after the address"},
        {"unclosed-bracket", "[Seite", "text:[Seite",
         "'[' is not closed: write a link as [text](address), or \\[ for a literal '['"},
        {"link-no-address", "[Seite] hier", "text:[Seite] hier",
         "link '[Seite]' has no address: write [text](address), or \\[ for a literal '['"},
        {"link-empty-text", "[](x.de)", "text:[](x.de)",
         "link '[](…)' has no text: write the words to click between [ and ]"},
        {"link-space", "[a](x y.de)", "text:[a](x y.de)",
         "link '[a]': a web address cannot be empty or contain spaces"},
        {"unclosed-strong", "**wichtig", "text+strong:wichtig",
         "'**' is not closed: add the closing '**', or write \\* for a literal '*'"},
        {"unclosed-em", "*wichtig", "text+em:wichtig",
         "'*' is not closed: add the closing '*', or write \\* for a literal '*'"},
        {"unknown-kind", "{xyz:1}", "text:{xyz:1}",
         "unknown markup '{xyz:': use {tel:…}, {mail:…}, {web:…}, {ltr:…} or {de:…}"},
        {"unknown-kind-near", "{phone:1}", "text:{phone:1}",
         "unknown markup '{phone:': use {tel:…}, {mail:…}, {web:…}, {ltr:…} or {de:…}"},
        {"typo-kind", "{tell:110}", "text:{tell:110}",
         "unknown markup '{tell:' (did you mean '{tel:'?)"},
        {"brace-no-kind", "a {b} c", "text:a {b} c",
         "'{' starts markup like {tel:…}: write \\{ for a literal '{'"},
        {"empty-tel", "{tel: }", "text:{tel: }", "'{tel:}' is empty: write the text after the ':'"},
        {"tel-letters", "{tel:04471 ABC}", "text:{tel:04471 ABC}",
         "'{tel:04471 ABC}': a phone number may only contain digits, spaces and + - / ( )"},
        {"tel-short-digits", "{tel:11}", "text:{tel:11}",
         "'{tel:11}': a phone number needs at least 3 digits"},
        {"bad-mail", "{mail:info.lkclp.de}", "text:{mail:info.lkclp.de}",
         "'{mail:info.lkclp.de}': an e-mail address looks like name@example.de, without spaces"},
        {"markup-in-link", "[a {tel:1}](x.de)", "text:[a {tel:1}](x.de)",
         "link '[a {tel:1}]' holds other markup: write \\{ for a literal '{'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[80];
        snprintf(name, sizeof name, "inline/%s", cases[i].name);
        dw_arena *a = dw_arena_new();
        dw_diag d;
        dw_diag_init(&d);
        dw_loc at = {"x.yaml", 3, 7};
        dw_text t = dw_inline_parse(a, cases[i].in, at, &d);
        char *got = dump(&t);
        if (strcmp(got, cases[i].spans) != 0)
            dw_test_fail(name, "spans\n    got:  %s\n    want: %s", got, cases[i].spans);
        else if (!cases[i].error && d.n)
            dw_test_fail(name, "unexpected message: %s", d.msgs[0].text);
        else if (cases[i].error && (d.n != 1 || d.errors != 1))
            dw_test_fail(name, "want exactly one error, got %zu messages", d.n);
        else if (cases[i].error && strcmp(d.msgs[0].text, cases[i].error) != 0)
            dw_test_fail(name, "error\n    got:  %s\n    want: %s", d.msgs[0].text, cases[i].error);
        else if (cases[i].error && (d.msgs[0].loc.line != 3 || d.msgs[0].loc.col != 7))
            dw_test_fail(name, "error not at the text's location");
        else if (t.loc.line != 3 || t.loc.col != 7)
            dw_test_fail(name, "text location lost");
        else
            dw_test_ok(name);
        free(got);
        dw_diag_fini(&d);
        dw_arena_free(a);
    }
}

static void test_hrefs(void)
{
    static const struct {
        enum dw_span_kind kind;
        const char *in, *want;
    } cases[] = {
        {DW_SPAN_TEL, "04471 15-0", "tel:+494471150"},
        {DW_SPAN_TEL, "0800 111 0 111", "tel:+498001110111"},
        {DW_SPAN_TEL, "04471/9222-0", "tel:+49447192220"},
        {DW_SPAN_TEL, "+90 212 555 1234", "tel:+902125551234"},
        {DW_SPAN_TEL, "116 016", "tel:116016"},
        {DW_SPAN_TEL, "04471 15-0 (Zentrale)", NULL},
        {DW_SPAN_TEL, "04471 + 15", NULL},
        {DW_SPAN_TEL, "123456789012345678901", NULL},
        {DW_SPAN_MAIL, "a.b@c.de", "mailto:a.b@c.de"},
        {DW_SPAN_MAIL, "a@b@c.de", NULL},
        {DW_SPAN_MAIL, "@c.de", NULL},
        {DW_SPAN_MAIL, "a@c.", NULL},
        {DW_SPAN_WEB, "lkclp.de/a?b=1", "https://lkclp.de/a?b=1"},
        {DW_SPAN_WEB, "https://x.de", "https://x.de"},
        {DW_SPAN_WEB, "mailto:a@b.de", "https://mailto:a@b.de"},
        {DW_SPAN_LINK, "mailto:a@b.de", "mailto:a@b.de"},
        {DW_SPAN_LINK, "tel:+49110", "tel:+49110"},
        {DW_SPAN_LTR, "49661", NULL},
    };
    dw_arena *a = dw_arena_new();
    char name[80];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(name, sizeof name, "href/%zu:%s", i, cases[i].in);
        const char *why = NULL;
        const char *got = dw_inline_href(a, cases[i].kind, cases[i].in, &why);
        if (cases[i].want && (!got || strcmp(got, cases[i].want) != 0))
            dw_test_fail(name, "got %s, want %s", got ? got : "NULL", cases[i].want);
        else if (!cases[i].want && (got || !why))
            dw_test_fail(name, "want NULL with a reason, got %s", got ? got : "no reason");
        else
            dw_test_ok(name);
    }
    dw_arena_free(a);
}

static void test_suggest(void)
{
    static const char *const keys[] = {"id", "name", "address", "phone", "title", "mo"};
    static const struct {
        const char *word, *want;
    } cases[] = {
        {"adress", "address"}, {"Title", "title"}, {"titel", "title"}, {"mon", "mo"},
        {"phnoe", "phone"},    {"xyz", NULL},      {"nam", "name"},    {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[64];
        snprintf(name, sizeof name, "suggest/%s", cases[i].word);
        const char *got = dw_suggest(cases[i].word, keys, 6);
        if ((got == NULL) != (cases[i].want == NULL) ||
            (got && strcmp(got, cases[i].want) != 0))
            dw_test_fail(name, "got %s, want %s", got ? got : "NULL",
                 cases[i].want ? cases[i].want : "NULL");
        else
            dw_test_ok(name);
    }
}


int main(void)
{
    test_inline();
    test_hrefs();
    test_suggest();
    printf("test_inline: %d passed, %d failed\n", dw_test_passed, dw_test_failed);
    return dw_test_failed ? 1 : 0;
}
