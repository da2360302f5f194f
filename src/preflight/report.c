/*
 * report.c — preflight's findings and its report: one line per check
 * with its findings below (text), or one JSON object per file.
 */
#include "preflight_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pf_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* A summary line per check (text report); the details are findings. */
void pf_result(pf *p, int level, const char *what, const char *fmt, ...)
{
    static const char *const tags[] = {"ok  ", "WARN", "FAIL"};
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (level == 1)
        p->warnings++;
    if (level == 2)
        p->errors++;
    if (p->json) {
        fprintf(p->out, "%s    {\"check\": ", p->json_checks++ ? ",\n" : "");
        pf_json_str(p->out, what);
        fprintf(p->out, ", \"result\": \"%s\", \"summary\": ",
                level == 2 ? "failed" : level == 1 ? "warning" : "passed");
        pf_json_str(p->out, msg);
        fputs(", \"findings\": [", p->out);
        int k = 0;
        for (int i = 0; i < p->n_f; i++) {
            const finding *f = &p->f[i];
            if (strcmp(f->check, what) != 0)
                continue;
            fprintf(p->out, "%s\n      {\"level\": \"%s\", \"page\": %d, \"object\": ",
                    k++ ? "," : "", f->level == 2 ? "error" : "warning", f->page);
            pf_json_str(p->out, f->object);
            fputs(", \"found\": ", p->out);
            pf_json_str(p->out, f->what);
            fputs(", \"todo\": ", p->out);
            pf_json_str(p->out, f->todo);
            fputc('}', p->out);
        }
        fputs("]}", p->out);
        return;
    }
    fprintf(p->out, "  %s %-13s %s\n", tags[level], what, msg);
    for (int i = 0; i < p->n_f; i++) {
        const finding *f = &p->f[i];
        if (strcmp(f->check, what) != 0)
            continue;
        if (f->page)
            fprintf(p->out, "       page %d, %s: %s: %s\n", f->page, f->object, f->what, f->todo);
        else
            fprintf(p->out, "       %s: %s: %s\n", f->object, f->what, f->todo);
    }
}

/* Record a finding; the same check, page and object are reported once. */
void pf_found(pf *p, int level, const char *check, const char *object, const char *todo,
              const char *fmt, ...)
{
    for (int i = 0; i < p->n_f; i++)
        if (p->f[i].page == p->page && strcmp(p->f[i].check, check) == 0 &&
            strcmp(p->f[i].object, object) == 0)
            return;
    if (p->n_f >= MAX_FINDINGS) {
        p->dropped++;
        return;
    }
    finding *f = &p->f[p->n_f++];
    f->level = level;
    f->check = check;
    f->page = p->page;
    f->todo = todo;
    snprintf(f->object, sizeof f->object, "%s", object);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->what, sizeof f->what, fmt, ap);
    va_end(ap);
}

/* One line per check: its findings, or what was checked. */
void pf_summary(pf *p, const char *check, const char *ok)
{
    char msg[400] = "";
    int errors = 0, warnings = 0;
    size_t len = 0;
    for (int i = 0; i < p->n_f; i++) {
        const finding *f = &p->f[i];
        if (strcmp(f->check, check) != 0)
            continue;
        errors += f->level == 2;
        warnings += f->level == 1;
        if (errors + warnings <= 3 && !strstr(msg, f->what) && len + strlen(f->what) + 3 < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", len ? "; " : "", f->what);
    }
    if (errors + warnings > 1 && len + 24 < sizeof msg)
        snprintf(msg + len, sizeof msg - len, " (%d findings)", errors + warnings);
    if (errors || warnings)
        pf_result(p, errors ? 2 : 1, check, "%s", msg);
    else
        pf_result(p, 0, check, "%s", ok);
}
