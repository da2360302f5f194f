/*
 * format.c — numbers, dates and days of the week as the language writes
 * them: the language's digits, its date pattern, its day names.
 */
#include "layout_int.h"

#include <stdio.h>

/* ASCII digits → the language's digits (page numbers, dates, list numbers). */
char *digits(ctx *c, const char *s)
{
    if (c->lang->digits == DW_DIGITS_LATIN)
        return dw_strdup(c->a, s);
    uint32_t zero = c->lang->digits == DW_DIGITS_ARABIC_INDIC ? 0x0660 : 0x06F0;
    dw_buf b;
    dw_buf_init(&b);
    for (const char *p = s; *p; p++) {
        char u[8];
        if (*p >= '0' && *p <= '9')
            dw_buf_put(&b, u, (size_t)dw_utf8_put(u, zero + (uint32_t)(*p - '0')));
        else
            dw_buf_putc(&b, *p);
    }
    char *r = dw_strndup(c->a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return r;
}

char *number(ctx *c, long n)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", n);
    return digits(c, tmp);
}

char *date_str(ctx *c, dw_date dt)
{
    const char *f = c->lang->date_format ? c->lang->date_format : "{y}-{m}-{d}";
    dw_buf b;
    dw_buf_init(&b);
    for (const char *p = f; *p; p++) {
        if (p[0] == '{' && p[1] && p[2] == '}') {
            if (p[1] == 'd')
                dw_buf_printf(&b, "%02d", dt.d);
            else if (p[1] == 'm')
                dw_buf_printf(&b, "%02d", dt.m);
            else if (p[1] == 'y')
                dw_buf_printf(&b, "%04d", dt.y);
            p += 2;
        } else {
            dw_buf_putc(&b, *p);
        }
    }
    char *r = digits(c, b.data ? b.data : "");
    dw_buf_fini(&b);
    return r;
}

char *days_str(ctx *c, unsigned days)
{
    dw_buf b;
    dw_buf_init(&b);
    int i = 0;
    while (i < 7) {
        if (!(days & (1u << i))) {
            i++;
            continue;
        }
        int j = i;
        while (j + 1 < 7 && (days & (1u << (j + 1))))
            j++;
        if (b.len)
            dw_buf_puts(&b, ", ");
        dw_buf_puts(&b, word(c, dw_day_keys[i]));
        if (j >= i + 2) {
            dw_buf_puts(&b, "–");
            dw_buf_puts(&b, word(c, dw_day_keys[j]));
        } else if (j == i + 1) {
            dw_buf_puts(&b, ", ");
            dw_buf_puts(&b, word(c, dw_day_keys[j]));
        }
        i = j + 1;
    }
    char *r = dw_strndup(c->a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return r;
}
