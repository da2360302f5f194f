/*
 * diag.c — collects errors, warnings and notes with their source
 * location and prints them the way compilers do.
 */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dw_diag_init(dw_diag *d)
{
    memset(d, 0, sizeof *d);
    d->max_errors = 20; /* beyond ~20 errors more messages only bury the first */
}

void dw_diag_fini(dw_diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->msgs[i].text);
    free(d->msgs);
    memset(d, 0, sizeof *d);
}

static const char *sev_name(enum dw_severity s)
{
    return s == DW_ERROR ? "error" : s == DW_WARNING ? "warning" : "note";
}

char *dw_diag_format(const dw_diag_msg *m)
{
    dw_buf b;
    dw_buf_init(&b);
    if (m->loc.file) {
        dw_buf_puts(&b, m->loc.file);
        if (m->loc.line > 0) {
            dw_buf_printf(&b, ":%d", m->loc.line);
            if (m->loc.col > 0)
                dw_buf_printf(&b, ":%d", m->loc.col);
        }
        dw_buf_puts(&b, ": ");
    } else {
        dw_buf_puts(&b, "druckwerk: ");
    }
    dw_buf_printf(&b, "%s: %s", sev_name(m->sev), m->text);
    dw_buf_putc(&b, 0);
    return b.data;
}

void dw_diag_vadd(dw_diag *d, enum dw_severity sev, dw_loc loc,
                  const char *fmt, va_list ap)
{
    if (sev == DW_ERROR)
        d->errors++;
    else if (sev == DW_WARNING)
        d->warnings++;
    if (sev == DW_ERROR && d->max_errors > 0 && d->errors > d->max_errors)
        return;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->msgs = dw_xrealloc(d->msgs, d->cap * sizeof *d->msgs);
    }
    va_list ap2;
    va_copy(ap2, ap);
    char probe[1];
    int n = vsnprintf(probe, sizeof probe, fmt, ap);
    char *text = dw_xmalloc((size_t)n + 1);
    vsnprintf(text, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    dw_diag_msg *m = &d->msgs[d->n++];
    *m = (dw_diag_msg){sev, loc, text};
    if (d->echo) {
        char *s = dw_diag_format(m);
        fprintf(stderr, "%s\n", s);
        free(s);
    }
}

void dw_diag_add(dw_diag *d, enum dw_severity sev, dw_loc loc,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dw_diag_vadd(d, sev, loc, fmt, ap);
    va_end(ap);
}

void dw_diag_print(const dw_diag *d, void *file)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = dw_diag_format(&d->msgs[i]);
        fprintf(file, "%s\n", s);
        free(s);
    }
    if (d->max_errors > 0 && d->errors > d->max_errors)
        fprintf(file, "druckwerk: note: %d more errors not shown\n",
                d->errors - d->max_errors);
}
