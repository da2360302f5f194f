/*
 * test_format.c — the locale formatter (src/layout/format.c) for all six
 * languages of content/languages: decimal and group separators, digits,
 * euros, lists, dates and ranges.  The expected strings are Unicode
 * CLDR's (the same as Python Babel gives for de, en, ro, uk, ar, fa;
 * tests/t_format.sh asks Babel itself).  With --dump, prints the
 * formatter's answers as "lang<TAB>what<TAB>input<TAB>output" for that
 * test.
 */
#include <stdio.h>
#include <string.h>

#include "content/content.h"
#include "layout/layout.h"

static int failed;

static void check(const char *lang, const char *what, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) {
        printf("ok format-%s-%s\n", lang, what);
    } else {
        failed++;
        printf("FAIL format-%s-%s: got \"%s\", want \"%s\"\n", lang, what, got, want);
    }
}

typedef struct expect {
    const char *lang;
    const char *grouped;   /* 1234567 */
    const char *decimal;   /* 85.50 */
    const char *euros;     /* 85.5 euros */
    const char *big_euros; /* 1234567 euros */
    const char *list;      /* a, b, c */
    const char *date;      /* 2027-02-01 */
    const char *range;     /* 08:30–12:30 in the language's digits */
    const char *quotes;    /* QUOTE_IN */
} expect;

/* Straight quotes in text, and in an e-mail address (kept). */
#define QUOTE_IN "He said \"don't\" and 'maybe' (\"x\")."

static const expect EXPECT[] = {
    {"de", "1.234.567", "85,50", "85,50 Euro", "1.234.567 Euro", "A, B, C", "01.02.2027",
     "08:30–12:30", "He said „don’t“ and ‚maybe‘ („x“)."},
    {"en", "1,234,567", "85.50", "85.50 euros", "1,234,567 euros", "A, B, C", "01/02/2027",
     "08:30–12:30", "He said “don’t” and ‘maybe’ (“x”)."},
    {"ro", "1.234.567", "85,50", "85,50 euro", "1.234.567 euro", "A, B, C", "01.02.2027",
     "08:30–12:30", "He said „don’t” and «maybe» („x”)."},
    {"uk", "1\u00a0234\u00a0567", "85,50", "85,50 євро", "1\u00a0234\u00a0567 євро", "A, B, C",
     "01.02.2027", "08:30–12:30", "He said «donʼt» and „maybe“ («x»)."},
    {"ar", "١٬٢٣٤٬٥٦٧", "٨٥٫٥٠", "٨٥٫٥٠ يورو", "١٬٢٣٤٬٥٦٧ يورو", "A، B، C", "٠١/٠٢/٢٠٢٧",
     "٠٨:٣٠–١٢:٣٠", "He said ”don’t“ and ’maybe‘ (”x“)."},
    {"fa", "۱٬۲۳۴٬۵۶۷", "۸۵٫۵۰", "۸۵٫۵۰ یورو", "۱٬۲۳۴٬۵۶۷ یورو", "A، B، C", "۲۰۲۷/۰۲/۰۱",
     "۰۸:۳۰–۱۲:۳۰", "He said «don’t» and ‹maybe› («x»)."},
};

int main(int argc, char **argv)
{
    bool dump = argc > 1 && strcmp(argv[1], "--dump") == 0;
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    dw_content_load(&c, "content", a, &d);
    const char *const items[] = {"A", "B", "C"};
    static const long long ints[] = {0, 7, 999, 1000, 12345, 1234567, 1000000000};
    static const long long cents[] = {0, 5, 50, 8550, 100, 123456789};
    for (size_t i = 0; i < sizeof EXPECT / sizeof *EXPECT; i++) {
        const expect *e = &EXPECT[i];
        const dw_lang *l = dw_content_lang(&c, e->lang);
        if (!l) {
            printf("FAIL format-%s: no language file\n", e->lang);
            failed++;
            continue;
        }
        if (dump) {
            for (size_t k = 0; k < sizeof ints / sizeof *ints; k++)
                printf("%s\tint\t%lld\t%s\n", e->lang, ints[k], dw_fmt_int(a, l, ints[k], true));
            for (size_t k = 0; k < sizeof cents / sizeof *cents; k++)
                printf("%s\tdecimal\t%lld\t%s\n", e->lang, cents[k],
                       dw_fmt_hundredths(a, l, cents[k]));
            printf("%s\tlist\tA,B,C\t%s\n", e->lang, dw_fmt_list(a, l, items, 3));
            printf("%s\tdate\t2027-02-01\t%s\n", e->lang,
                   dw_fmt_date(a, l, (dw_date){2027, 2, 1}));
            continue;
        }
        check(e->lang, "grouped", dw_fmt_int(a, l, 1234567, true), e->grouped);
        check(e->lang, "ungrouped", dw_fmt_int(a, l, 2027, false),
              dw_fmt_digits(a, l, "2027"));
        check(e->lang, "decimal", dw_fmt_hundredths(a, l, 8550), e->decimal);
        check(e->lang, "whole", dw_fmt_hundredths(a, l, 8500), dw_fmt_digits(a, l, "85"));
        check(e->lang, "euros", dw_fmt_euros(a, l, 85.5), e->euros);
        check(e->lang, "big-euros", dw_fmt_euros(a, l, 1234567), e->big_euros);
        check(e->lang, "list", dw_fmt_list(a, l, items, 3), e->list);
        check(e->lang, "list-one", dw_fmt_list(a, l, items, 1), "A");
        check(e->lang, "date", dw_fmt_date(a, l, (dw_date){2027, 2, 1}), e->date);
        check(e->lang, "range",
              dw_fmt_range(a, l, dw_fmt_digits(a, l, "08:30"), dw_fmt_digits(a, l, "12:30"),
                           false),
              e->range);
        char *spaced = dw_sprintf(a, "%s – %s", dw_fmt_date(a, l, (dw_date){2027, 1, 11}),
                                  dw_fmt_date(a, l, (dw_date){2027, 8, 27}));
        dw_quote_state q = {0};
        check(e->lang, "quotes", dw_fmt_quotes(a, l, QUOTE_IN, &q), e->quotes);
        dw_quote_state q2 = {0};
        check(e->lang, "quotes-across-spans",
              dw_sprintf(a, "%s%s", dw_fmt_quotes(a, l, "He said \"", &q2),
                         dw_fmt_quotes(a, l, "x\".", &q2)),
              dw_sprintf(a, "He said %sx%s.", l->quotes[0], l->quotes[1]));
        check(e->lang, "date-range",
              dw_fmt_range(a, l, dw_fmt_date(a, l, (dw_date){2027, 1, 11}),
                           dw_fmt_date(a, l, (dw_date){2027, 8, 27}), true),
              spaced);
    }
    if (!dump)
        printf("test_format: %d failed\n", failed);
    dw_arena_free(a);
    dw_diag_fini(&d);
    return failed ? 1 : 0;
}
