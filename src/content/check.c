/*
 * check.c — `druckwerk check`: lint a loaded content set without writing
 * anything.  Input: the dw_content from load.c and today's date.  Output:
 * warnings (and notes) in d, and on `out` two tables for the coordination
 * office: translations × documents, and the data nobody has confirmed.
 *
 * What is compared (content/README.md, "Why one file per document and
 * language"): each translation against the German file of its document —
 * sections by id and order, blocks by kind and order (a longest common
 * subsequence of the kinds, so one missing paragraph is one difference,
 * not a shifted rest), and the entries of aligned lists, tables, contact
 * and course blocks; plus whether it was made from the current German
 * edition.  Also: language files lacking words German has, contacts
 * lacking an `about` text in a language, courses already over, courses
 * blocks that show nothing.
 */
#include "content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

/* The first few differences locate the problem; the table counts them all. */
#define MAX_SHOWN 5
/* Blocks of one section are aligned by LCS up to this table size (cells);
 * beyond it (thousands of blocks) position by position.                 */
#define MAX_LCS_CELLS (1u << 20)

struct diff {
    const dw_doc *src;
    dw_diag *d;
    dw_arena *tmp;
    int missing, extra, shown, hidden;
};

static void differ(struct diff *df, dw_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void differ(struct diff *df, dw_loc at, const char *fmt, ...)
{
    if (df->shown == MAX_SHOWN) {
        df->hidden++;
        return;
    }
    df->shown++;
    va_list ap;
    va_start(ap, fmt);
    dw_diag_vadd(df->d, DW_WARNING, at, fmt, ap);
    va_end(ap);
}

/* "de.yaml:300:5": where the German file has it. */
static const char *src_at(struct diff *df, dw_loc l)
{
    const char *f = df->src->file ? df->src->file : "de.yaml";
    const char *base = strrchr(f, '/');
    return dw_sprintf(df->tmp, "%s:%d:%d", base ? base + 1 : f, l.line, l.col);
}

static int block_weight(const dw_block *b)
{
    switch (b->kind) {
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS: return 1 + (int)b->as.list.n_items;
    case DW_BLOCK_TABLE: return 1 + (int)b->as.table.n_rows;
    default: return 1;
    }
}

static bool weigh(const dw_walk *w, void *user)
{
    int *sum = user;
    if (w->event == DW_WALK_SECTION)
        *sum += 1;
    else if (w->event == DW_WALK_BLOCK)
        *sum += block_weight(w->block);
    return true;
}

/* A section with its blocks and subsections. */
static int section_weight(const dw_section *s)
{
    int w = 0;
    dw_doc_walk_section(s, 0, weigh, &w);
    return w;
}

static const char *date_str(dw_arena *a, dw_date d)
{
    return dw_sprintf(a, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* ---- blocks --------------------------------------------------------------------- */

static bool same_contacts(const dw_block *a, const dw_block *b)
{
    if (a->as.contacts.n != b->as.contacts.n)
        return false;
    for (size_t i = 0; i < a->as.contacts.n; i++)
        if (strcmp(a->as.contacts.list[i]->id, b->as.contacts.list[i]->id) != 0)
            return false;
    return true;
}

static bool same_course_types(const dw_block *a, const dw_block *b)
{
    if (a->as.courses.n_types != b->as.courses.n_types)
        return false;
    for (size_t i = 0; i < a->as.courses.n_types; i++)
        if (strcmp(a->as.courses.types[i], b->as.courses.types[i]) != 0)
            return false;
    return true;
}

static void count_entries(struct diff *df, const dw_block *s, const dw_block *t, size_t ns,
                          size_t nt, const char *what)
{
    if (ns == nt)
        return;
    if (nt < ns)
        df->missing += (int)(ns - nt);
    else
        df->extra += (int)(nt - ns);
    differ(df, t->loc, "'%s' has %zu %s, German has %zu (%s)", dw_block_names[t->kind], nt,
           what, ns, src_at(df, s->loc));
}

/* Two blocks of the same kind, aligned. */
static void cmp_block(struct diff *df, const dw_block *s, const dw_block *t)
{
    switch (s->kind) {
    case DW_BLOCK_LIST:
    case DW_BLOCK_STEPS:
        count_entries(df, s, t, s->as.list.n_items, t->as.list.n_items, "entries");
        break;
    case DW_BLOCK_TABLE:
        count_entries(df, s, t, s->as.table.n_rows, t->as.table.n_rows, "rows");
        if (s->as.table.n_cols != t->as.table.n_cols) {
            df->missing += s->as.table.n_cols > t->as.table.n_cols;
            df->extra += s->as.table.n_cols < t->as.table.n_cols;
            differ(df, t->loc, "the table has %zu columns, German has %zu (%s)", t->as.table.n_cols,
                   s->as.table.n_cols, src_at(df, s->loc));
        }
        break;
    case DW_BLOCK_CONTACTS:
        if (!same_contacts(s, t)) {
            df->missing += s->as.contacts.n > t->as.contacts.n
                               ? (int)(s->as.contacts.n - t->as.contacts.n)
                               : 0;
            df->extra += t->as.contacts.n > s->as.contacts.n
                             ? (int)(t->as.contacts.n - s->as.contacts.n)
                             : 0;
            if (s->as.contacts.n == t->as.contacts.n)
                df->missing++;
            differ(df, t->loc, "the contacts differ from the German block (%s): use the same "
                               "ids in the same order",
                   src_at(df, s->loc));
        }
        break;
    case DW_BLOCK_COURSES:
        if (!same_course_types(s, t)) {
            df->missing++;
            differ(df, t->loc, "the course types differ from the German block (%s)",
                   src_at(df, s->loc));
        }
        break;
    default: break;
    }
}

/* Too many blocks to align (see MAX_LCS_CELLS): position by position. */
static void cmp_blocks_in_place(struct diff *df, const dw_section *ss, const dw_section *ts)
{
    size_t n = ss->n_blocks, m = ts->n_blocks, k = 0;
    for (; k < n && k < m; k++) {
        const dw_block *s = &ss->blocks[k], *t = &ts->blocks[k];
        if (s->kind == t->kind) {
            cmp_block(df, s, t);
            continue;
        }
        df->missing += block_weight(s);
        df->extra += block_weight(t);
        differ(df, t->loc, "this '%s' block is a '%s' block in German (%s)",
               dw_block_names[t->kind], dw_block_names[s->kind], src_at(df, s->loc));
    }
    for (; k < n; k++)
        df->missing += block_weight(&ss->blocks[k]);
    for (; k < m; k++)
        df->extra += block_weight(&ts->blocks[k]);
    if (n != m)
        differ(df, ts->loc, "section '%s' has %zu blocks, German has %zu (%s)", ts->id, m, n,
               src_at(df, ss->loc));
}

bool dw_align_blocks(const dw_section *ss, const dw_section *ts, dw_align_fn step, void *user)
{
    size_t n = ss->n_blocks, m = ts->n_blocks, w = m + 1;
    const dw_block *s = ss->blocks, *t = ts->blocks;
    if ((n + 1) * w > MAX_LCS_CELLS)
        return false;
    int *L = dw_xcalloc((n + 1) * w, sizeof *L); /* L[i*w+j]: LCS of s[i..], t[j..] */
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;) {
            int down = L[(i + 1) * w + j], right = L[i * w + j + 1];
            L[i * w + j] = s[i].kind == t[j].kind ? L[(i + 1) * w + j + 1] + 1
                                                  : (down > right ? down : right);
        }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && s[i].kind == t[j].kind &&
            L[i * w + j] == L[(i + 1) * w + j + 1] + 1) {
            step(user, &s[i++], &t[j], j + 1 < m ? &t[j + 1] : NULL);
            j++;
        } else if (j < m && (i == n || L[i * w + j + 1] >= L[(i + 1) * w + j])) {
            step(user, NULL, &t[j], j + 1 < m ? &t[j + 1] : NULL);
            j++;
        } else {
            step(user, &s[i++], NULL, j < m ? &t[j] : NULL);
        }
    }
    free(L);
    return true;
}

struct cmp_step {
    struct diff *df;
    const dw_section *ss, *ts;
};

static void cmp_step(void *user, const dw_block *s, const dw_block *t, const dw_block *next)
{
    struct cmp_step *c = user;
    struct diff *df = c->df;
    if (s && t) {
        cmp_block(df, s, t);
    } else if (t) {
        df->extra += block_weight(t);
        differ(df, t->loc, "this '%s' block is not in the German section '%s' (%s)",
               dw_block_names[t->kind], c->ss->id, src_at(df, c->ss->loc));
    } else {
        df->missing += block_weight(s);
        differ(df, next ? next->loc : c->ts->loc,
               "the '%s' block is missing here (German has it at %s)",
               dw_block_names[s->kind], src_at(df, s->loc));
    }
}

/* Blocks aligned by a longest common subsequence of their kinds, so that
 * one missing paragraph is one difference and the rest still pairs up. */
static void cmp_blocks(struct diff *df, const dw_section *ss, const dw_section *ts)
{
    struct cmp_step c = {df, ss, ts};
    if (!dw_align_blocks(ss, ts, cmp_step, &c))
        cmp_blocks_in_place(df, ss, ts);
}

/* ---- sections ------------------------------------------------------------------- */

static long find_section(const dw_section *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id && strcmp(list[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void cmp_sections(struct diff *df, const dw_section *s, size_t ns,
                         const dw_section *t, size_t nt, dw_loc parent)
{
    long last = -1;
    for (size_t i = 0; i < ns; i++) {
        long j = find_section(t, nt, s[i].id);
        if (j < 0) {
            /* point where it belongs: before the next section both have */
            dw_loc at = parent;
            for (size_t k = i + 1; k < ns; k++) {
                long jj = find_section(t, nt, s[k].id);
                if (jj >= 0) {
                    at = t[jj].loc;
                    break;
                }
            }
            df->missing += section_weight(&s[i]);
            differ(df, at, "section '%s' is missing (German has it at %s)", s[i].id,
                   src_at(df, s[i].loc));
            continue;
        }
        if (j < last)
            differ(df, t[j].loc,
                   "section '%s' comes in a different order than in German (%s): keep the "
                   "German order",
                   s[i].id, src_at(df, s[i].loc));
        else
            last = j;
        cmp_blocks(df, &s[i], &t[j]);
        cmp_sections(df, s[i].subs, s[i].n_subs, t[j].subs, t[j].n_subs, t[j].loc);
    }
    for (size_t j = 0; j < nt; j++)
        if (find_section(s, ns, t[j].id) < 0) {
            df->extra += section_weight(&t[j]);
            differ(df, t[j].loc,
                   "section '%s' is not in the German file: check its id or remove it",
                   t[j].id);
        }
}

/* ---- the translation table ------------------------------------------------------ */

/* Compare one translation; returns its table cell. */
static const char *cmp_doc(const dw_doc *src, const dw_doc *tr, dw_arena *tmp, dw_diag *d)
{
    struct diff df = {src, d, tmp, 0, 0, 0, 0};
    cmp_sections(&df, src->sections, src->n_sections, tr->sections, tr->n_sections, tr->loc);
    if (df.hidden)
        dw_note(d, tr->loc, "%d more differences from the German file", df.hidden);
    /* a missing or invalid date was an error at load time: no second word on it */
    bool dated = tr->source_edition.y != 0 && src->edition.y != 0;
    long made = dw_date_days(tr->source_edition), now = dw_date_days(src->edition);
    bool outdated = dated && made < now;
    if (outdated)
        dw_warn(d, tr->loc,
                "the translation is outdated: it was made from the German edition of %s, "
                "the German file is now %s: update it, then its 'source-edition'",
                date_str(tmp, tr->source_edition), date_str(tmp, src->edition));
    else if (dated && made > now)
        dw_warn(d, tr->loc, "'source-edition' %s is newer than the German edition %s: check "
                            "the date",
                date_str(tmp, tr->source_edition), date_str(tmp, src->edition));
    dw_buf b;
    dw_buf_init(&b);
    if (df.missing)
        dw_buf_printf(&b, "%d missing", df.missing);
    if (df.extra)
        dw_buf_printf(&b, "%s%d extra", b.len ? ", " : "", df.extra);
    if (outdated)
        dw_buf_printf(&b, "%soutdated", b.len ? ", " : "");
    const char *cell = b.len ? dw_strdup(tmp, b.data) : "ok";
    dw_buf_fini(&b);
    return cell;
}

/* Whether an error was reported in file (one mistake, one message). */
bool dw_check_file_has_errors(const dw_diag *d, const char *file)
{
    for (size_t i = 0; file && i < d->n; i++)
        if (d->msgs[i].sev == DW_ERROR && d->msgs[i].loc.file &&
            strcmp(d->msgs[i].loc.file, file) == 0)
            return true;
    return false;
}

static void check_translations(const dw_content *c, dw_arena *tmp, FILE *out, dw_diag *d)
{
    size_t n_langs = c->n_langs;
    const char **cells = dw_alloc_array(tmp, (n_langs ? n_langs : 1) * DW_N_DOCS, sizeof *cells);
    for (size_t k = 0; k < DW_N_DOCS; k++) {
        const char *name = dw_doc_names[k];
        const dw_doc *src = dw_content_doc(c, name, DW_SOURCE_LANG);
        /* Messages about missing files point to a file that exists (the
         * German source, a translation) or to the content folder: their
         * locations must outlive this call, and the content owns these. */
        const dw_doc *any = NULL;
        for (size_t i = 0; i < c->n_docs && !any; i++)
            if (strcmp(c->docs[i].name, name) == 0)
                any = &c->docs[i];
        (void)any; /* a missing source: dw_content_check_sources */
        for (size_t l = 0; l < n_langs; l++) {
            const char *code = c->langs[l].code;
            const dw_doc *tr = dw_content_doc(c, name, code);
            const char **cell = &cells[l * DW_N_DOCS + k];
            if (strcmp(code, DW_SOURCE_LANG) == 0)
                *cell = src ? "source" : "missing";
            else if (!tr)
                *cell = src ? "missing" : "-";
            else if (!src)
                *cell = "no German";
            else if (dw_check_file_has_errors(d, src->file) ||
                     dw_check_file_has_errors(d, tr->file))
                *cell = "not compared (errors)"; /* a block with an error was left
                                                    out: every translation would differ */
            else
                *cell = cmp_doc(src, tr, tmp, d);
            if (src && !tr &&
                !dw_check_file_has_errors(d, dw_sprintf(tmp, "%s/%s/%s.yaml",
                                                        c->dir ? c->dir : "content", name,
                                                        code))) /* there, refused: said already */
                dw_warn(d, (dw_loc){src->file, 0, 0},
                        "there is no '%s' translation of this file yet: translate it into "
                        "%s/%s.yaml",
                        code, name, code);
        }
    }
    if (!out || !n_langs)
        return;
    int w[DW_N_DOCS];
    for (size_t k = 0; k < DW_N_DOCS; k++) {
        w[k] = (int)strlen(dw_doc_names[k]);
        for (size_t l = 0; l < n_langs; l++) {
            int len = (int)strlen(cells[l * DW_N_DOCS + k]);
            w[k] = len > w[k] ? len : w[k];
        }
    }
    fprintf(out, "Translations compared with German (sections, blocks and list entries):\n");
    fprintf(out, "%-8s", "");
    for (size_t k = 0; k < DW_N_DOCS; k++)
        fprintf(out, "  %-*s", k + 1 < DW_N_DOCS ? w[k] : 0, dw_doc_names[k]);
    fputc('\n', out);
    for (size_t l = 0; l < n_langs; l++) {
        fprintf(out, "%-8s", c->langs[l].code);
        for (size_t k = 0; k < DW_N_DOCS; k++) /* no spaces at the line end */
            fprintf(out, "  %-*s", k + 1 < DW_N_DOCS ? w[k] : 0, cells[l * DW_N_DOCS + k]);
        fputc('\n', out);
    }
}

/* ---- languages, contacts, courses --------------------------------------------------- */

static void check_words(const dw_content *c, dw_arena *tmp, dw_diag *d)
{
    const dw_lang *de = dw_content_lang(c, DW_SOURCE_LANG);
    if (!de)
        return;
    for (size_t l = 0; l < c->n_langs; l++) {
        const dw_lang *lang = &c->langs[l];
        if (lang == de)
            continue;
        dw_buf b;
        dw_buf_init(&b);
        int missing = 0;
        for (size_t i = 0; i < de->n_words; i++)
            if (!dw_lang_word(lang, de->word_keys[i])) {
                /* eight names show the pattern; the count says the rest */
                if (missing < 8)
                    dw_buf_printf(&b, "%s'%s'", missing ? ", " : "", de->word_keys[i]);
                missing++;
            }
        if (missing > 8)
            dw_buf_printf(&b, " and %d more", missing - 8);
        if (missing)
            dw_warn(d, lang->loc,
                    "language '%s' lacks %d word%s that languages/de.yaml has: %s", lang->code,
                    missing, missing == 1 ? "" : "s", b.data);
        dw_buf_fini(&b);
        for (size_t i = 0; i < lang->n_words; i++)
            if (!dw_lang_word(de, lang->word_keys[i]))
                dw_warn(d, lang->loc,
                        "word '%s' is not in languages/de.yaml: check the spelling or "
                        "remove it",
                        dw_clip(tmp, lang->word_keys[i]));
    }
}

static void check_contacts(const dw_content *c, dw_arena *tmp, dw_diag *d)
{
    for (size_t i = 0; i < c->n_contacts; i++) {
        const dw_contact *ct = &c->contacts[i];
        dw_buf b;
        dw_buf_init(&b);
        for (size_t l = 0; l < c->n_langs; l++)
            if (!dw_contact_about(ct, c->langs[l].code))
                dw_buf_printf(&b, "%s%s", b.len ? ", " : "", c->langs[l].code);
        if (b.len)
            dw_warn(d, ct->loc, "contact '%s' has no 'about' text in %s", ct->id, b.data);
        dw_buf_fini(&b);
        for (size_t k = 0; k < ct->n_about; k++)
            if (c->n_langs && !dw_content_lang(c, ct->about_langs[k]))
                dw_warn(d, ct->about[k].loc,
                        "contact '%s' has an 'about' text in '%s', but there is no "
                        "languages/%s.yaml",
                        ct->id, ct->about_langs[k], dw_clip(tmp, ct->about_langs[k]));
    }
}

static bool course_shown(const dw_course *co, long today)
{
    return dw_date_days(co->end) >= today;
}

struct courses_walk {
    const dw_content *c;
    long now;
    dw_diag *d;
};

/* courses.yaml failed (in part): what it lacks was said where it failed */
static bool courses_had_errors(const dw_content *c, const dw_diag *d)
{
    (void)c;
    for (size_t i = 0; i < d->n; i++) {
        const char *f = d->msgs[i].loc.file;
        size_t n = f ? strlen(f) : 0;
        if (d->msgs[i].sev == DW_ERROR && n >= 12 && strcmp(f + n - 12, "courses.yaml") == 0)
            return true;
    }
    return false;
}

/* A courses block of the German source that would print nothing. */
static bool check_courses_block(const dw_walk *w, void *user)
{
    const struct courses_walk *cw = user;
    const dw_content *c = cw->c;
    const dw_block *bl = w->block;
    if (w->event == DW_WALK_BLOCK && bl->kind == DW_BLOCK_COURSES) {
        size_t shown = 0;
        for (size_t i = 0; i < c->n_courses; i++) {
            const dw_course *co = &c->courses[i];
            bool type_ok = !bl->as.courses.types;
            for (size_t t = 0; t < bl->as.courses.n_types && co->type; t++)
                type_ok = type_ok || strcmp(bl->as.courses.types[t], co->type) == 0;
            shown += type_ok && course_shown(co, cw->now);
        }
        if (!shown && !courses_had_errors(c, cw->d))
            dw_warn(cw->d, bl->loc, "this 'courses' block shows no course: courses.yaml has no "
                                    "current course of these types");
    }
    return true;
}

static bool has_courses(const dw_section *sec)
{
    for (size_t b = 0; b < sec->n_blocks; b++)
        if (sec->blocks[b].kind == DW_BLOCK_COURSES)
            return true;
    for (size_t i = 0; i < sec->n_subs; i++)
        if (has_courses(&sec->subs[i]))
            return true;
    return false;
}

/* The build leaves out a course that ended before the document's
 * edition date (layout: courses blocks); check compares with the same
 * date, not with today, so the two say the same.  An impossible date
 * was reported where it was read: no second message about it.          */
static void check_courses(const dw_content *c, dw_arena *tmp, dw_diag *d)
{
    for (size_t i = 0; i < c->n_courses; i++) {
        const dw_course *co = &c->courses[i];
        if (co->end.y == 0)
            continue;
        const dw_doc *first = NULL;
        size_t n = 0;
        for (size_t k = 0; k < c->n_docs; k++) {
            const dw_doc *doc = &c->docs[k];
            bool shows = false;
            for (size_t s = 0; s < doc->n_sections && !shows; s++)
                shows = has_courses(&doc->sections[s]);
            if (shows && !course_shown(co, dw_date_days(doc->edition))) {
                first = first ? first : doc;
                n++;
            }
        }
        if (first)
            dw_warn(d, co->loc,
                    "course '%s' ended on %s, before the edition date %s of %s (%s)%s, and is "
                    "left out of the PDF: remove it or correct its dates",
                    co->id, date_str(tmp, co->end), date_str(tmp, first->edition), first->name,
                    first->lang->code,
                    n > 1 ? dw_sprintf(tmp, " and %zu more document%s", n - 1, n > 2 ? "s" : "")
                          : "");
    }
    for (size_t k = 0; k < c->n_docs; k++) {
        const dw_doc *doc = &c->docs[k];
        if (strcmp(doc->lang->code, DW_SOURCE_LANG) != 0)
            continue;
        struct courses_walk cw = {c, dw_date_days(doc->edition), d};
        dw_doc_walk(doc, check_courses_block, &cw);
    }
}

static void list_unverified(const dw_content *c, FILE *out, dw_diag *d)
{
    size_t nc = 0, nk = 0;
    for (size_t i = 0; i < c->n_contacts; i++)
        nc += c->contacts[i].unverified;
    for (size_t i = 0; i < c->n_courses; i++)
        nk += c->courses[i].unverified;
    if (!nc && !nk)
        return;
    if (out) {
        fprintf(out, "\nNot yet confirmed (unverified: true) — please call and check:\n");
        for (size_t i = 0; i < c->n_contacts; i++) {
            const dw_contact *ct = &c->contacts[i];
            if (!ct->unverified)
                continue;
            fprintf(out, "  contact %-28s %s%s%s%s%s  (%s:%d)\n", ct->id, ct->name ? ct->name : "",
                    ct->unit ? ", " : "", ct->unit ? ct->unit : "", ct->phone ? ", " : "",
                    ct->phone ? ct->phone : "", ct->loc.file ? ct->loc.file : "", ct->loc.line);
        }
        for (size_t i = 0; i < c->n_courses; i++) {
            const dw_course *co = &c->courses[i];
            if (!co->unverified)
                continue;
            fprintf(out, "  course  %-28s %s, %s, %04d-%02d-%02d  (%s:%d)\n", co->id,
                    co->type ? co->type : "", co->place ? co->place : "", co->start.y,
                    co->start.m, co->start.d, co->loc.file ? co->loc.file : "", co->loc.line);
        }
    }
    dw_note(d, dw_loc_none(),
            "%zu contact%s and %zu course%s are not yet confirmed: call them, then remove "
            "'unverified: true'",
            nc, nc == 1 ? "" : "s", nk, nk == 1 ? "" : "s");
}

void dw_content_check(const dw_content *c, dw_date today, FILE *out, dw_diag *d)
{
    dw_arena *tmp = dw_arena_new();
    check_translations(c, tmp, out, d);
    check_words(c, tmp, d);
    check_contacts(c, tmp, d);
    (void)today; /* the edition dates decide, as in the build */
    check_courses(c, tmp, d);
    list_unverified(c, out, d);
    dw_arena_free(tmp);
}
