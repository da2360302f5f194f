/*
 * test_util.c — the PDF number writer: every coordinate in every content
 * stream goes through dw_buf_num, so it must round like "%.*f", drop
 * trailing zeros, never write "-0" and never write an exponent.
 */
#include <stdio.h>
#include <string.h>

#include "util/util.h"

static int failed;

static void num(double v, int prec, const char *want)
{
    dw_buf b;
    dw_buf_init(&b);
    dw_buf_num(&b, v, prec);
    dw_buf_putc(&b, 0);
    char name[64];
    snprintf(name, sizeof name, "num-%g-%d", v, prec);
    if (strcmp(b.data, want) == 0) {
        printf("ok %s\n", name);
    } else {
        failed++;
        printf("FAIL %s: got '%s', want '%s'\n", name, b.data, want);
    }
    dw_buf_fini(&b);
}

int main(void)
{
    num(0, 2, "0");
    num(-0.0001, 3, "0");       /* rounds to zero: no "-0" */
    num(-0.004, 2, "0");
    num(-0.004, 3, "-0.004");
    num(1.5, 0, "2");
    num(-2.25, 1, "-2.3");      /* half away from zero, as llround */
    num(123.456789, 3, "123.457");
    num(0.005, 2, "0.01");
    num(99.995, 2, "100");       /* carries into the integer part */
    num(-99.995, 3, "-99.995");
    num(1000000.1, 2, "1000000.1");
    num(841.8898, 3, "841.89");  /* trailing zero dropped */
    num(1e-9, 3, "0");
    num(1e300, 2, "0");          /* absurd values do not overflow */
    return failed ? 1 : 0;
}
