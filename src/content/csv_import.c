/*
 * csv_import.c — `druckwerk import-courses FILE.csv`: the county's course
 * database, exported as a spreadsheet (CSV), → content/courses.yaml.
 * Input: a CSV file with a header row naming the columns of
 * content/README.md ("Importing the course list"), and the contacts of
 * the content folder (every course names its provider's contact id).
 * Output: courses.yaml, written only when every row is valid; otherwise
 * errors as FILE.csv:ROW:COL (ROW: the line the record starts on; COL:
 * the field's number, its header named in the message).
 *
 * libcsv reads the CSV (quoting, doubled quotes, line breaks in quoted
 * fields, CR LF); libyaml's emitter writes the YAML (quoting).  The rows
 * are checked by the same schema that loads courses.yaml (shared.c): the
 * importer writes the YAML in memory, loads it together with the real
 * contacts.yaml, and maps each error's place in that YAML back to the
 * CSV row and column it came from — so an imported file always loads,
 * and the rules live in one place.  What the importer does itself is
 * only what a spreadsheet writes differently: German dates (1.9.2027),
 * day names (Mo, Di), times without the leading zero, "ja"/"nein",
 * "120,00 €", a UTF-8 byte order mark and ';' as the separator (Excel's
 * choice in German locales).
 */
#include "content_int.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* The columns, in the order they are written to courses.yaml; each with
 * the German header the database may use instead.                       */
enum col { C_ID, C_TYPE, C_PROVIDER, C_LEVEL, C_PLACE, C_ADDRESS, C_START, C_END, C_DAYS,
           C_FROM, C_TO, C_COST, C_CHILDCARE, C_UNVERIFIED, C_CONFIRM, N_COLS };
static const char *const col_keys[N_COLS] = {
    "id", "type", "provider", "level", "place", "address", "start", "end", "days",
    "from", "to", "cost", "childcare", "unverified", "confirm"};
static const char *const col_de[N_COLS] = {
    "kurs-nr", "kursart", "träger", "niveau", "ort", "adresse", "beginn", "ende", "tage",
    "von", "bis", "kosten", "kinderbetreuung", "ungeprüft", "zu klären"};
static const bool col_required[N_COLS] = {
    [C_ID] = true, [C_TYPE] = true, [C_PROVIDER] = true, [C_PLACE] = true,
    [C_START] = true, [C_END] = true, [C_COST] = true};

typedef struct record {
    int line;         /* where the record starts */
    const char **f;   /* fields */
    size_t n, cap;
} record;

typedef struct reader {
    dw_arena *a;
    record *recs;
    size_t n, cap;
    int line;       /* line of the byte being fed */
    bool in_record; /* a byte of the current record has been fed */
    bool have_rec;  /* recs[n - 1] is the current record */
    int rec_line;   /* where the current record starts */
} reader;

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (!r->have_rec) {
        r->recs = dw_arena_grow(r->a, r->recs, r->n, &r->cap, sizeof *r->recs, 64);
        r->recs[r->n++] = (record){r->rec_line, NULL, 0, 0};
        r->have_rec = true;
    }
    record *rec = &r->recs[r->n - 1];
    rec->f = dw_arena_grow(r->a, rec->f, rec->n, &rec->cap, sizeof *rec->f, 16);
    rec->f[rec->n++] = dw_strndup(r->a, s ? s : "", s ? len : 0);
}

static void on_record(int c, void *data)
{
    (void)c;
    reader *r = data;
    r->in_record = r->have_rec = false;
}

/* ---- the header ------------------------------------------------------------------- */

static void lower_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* German capitals in the headers the importer knows (Ä Ö Ü → ä ö ü). */
static char *header_key(dw_arena *a, const char *h)
{
    char *s = dw_strdup(a, h);
    lower_ascii(s);
    for (char *p = s; *p; p++)
        if ((unsigned char)p[0] == 0xC3 && p[1] && (unsigned char)p[1] >= 0x80 &&
            (unsigned char)p[1] <= 0x9E) /* U+00C0–U+00DE: +0x20 */
            p[1] = (char)((unsigned char)p[1] + 0x20);
    return s;
}

/* col_of[k]: the field index (from 0) of column k, -1 when absent. */
static bool read_header(const record *h, const char *file, dw_arena *a, int *col_of,
                        dw_diag *d)
{
    bool ok = true;
    for (int k = 0; k < N_COLS; k++)
        col_of[k] = -1;
    const char *names[2 * N_COLS];
    for (int k = 0; k < N_COLS; k++)
        names[k] = col_keys[k], names[N_COLS + k] = col_de[k];
    for (size_t i = 0; i < h->n; i++) {
        dw_loc at = {file, h->line, (int)i + 1};
        const char *key = header_key(a, h->f[i]);
        int k = -1;
        for (int j = 0; j < 2 * N_COLS && k < 0; j++)
            if (strcmp(key, names[j]) == 0)
                k = j % N_COLS;
        if (k < 0) {
            const char *near = dw_suggest(key, names, 2 * N_COLS);
            if (!*key)
                dw_error(d, at, "column %zu has no header: name it, or delete the column", i + 1);
            else if (near)
                dw_error(d, at, "unknown column '%s' (did you mean '%s'?)", dw_clip(a, h->f[i]),
                         near);
            else
                dw_error(d, at,
                         "unknown column '%s': content/README.md lists the columns "
                         "(id, type, provider, level, place, address, start, end, days, from, "
                         "to, cost, childcare, unverified, confirm)",
                         dw_clip(a, h->f[i]));
            ok = false;
        } else if (col_of[k] >= 0) {
            dw_error(d, at, "column '%s' appears twice (first as column %d)", col_keys[k],
                     col_of[k] + 1);
            ok = false;
        } else {
            col_of[k] = (int)i;
        }
    }
    for (int k = 0; k < N_COLS; k++)
        if (col_required[k] && col_of[k] < 0) {
            dw_error(d, (dw_loc){file, h->line, 0}, "the header has no column '%s' (or '%s')",
                     col_keys[k], col_de[k]);
            ok = false;
        }
    return ok;
}

/* ---- what spreadsheets write differently ---------------------------------------------- */

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return n > 0;
}

/* "1.9.2027" or "01.09.2027" → "2027-09-01"; anything else unchanged. */
static const char *norm_date(dw_arena *a, const char *s)
{
    const char *d1 = strchr(s, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    if (!d2 || !all_digits(s, (size_t)(d1 - s)) || d1 - s > 2 ||
        !all_digits(d1 + 1, (size_t)(d2 - d1 - 1)) || d2 - d1 - 1 > 2 ||
        strlen(d2 + 1) != 4 || !all_digits(d2 + 1, 4))
        return s;
    return dw_sprintf(a, "%s-%02d-%02d", d2 + 1, atoi(d1 + 1), atoi(s));
}

/* "8:00" or "8.00" → "08:00"; anything else unchanged. */
static const char *norm_time(dw_arena *a, const char *s)
{
    size_t n = strlen(s);
    if ((n == 4 || n == 5) && (s[n - 3] == ':' || s[n - 3] == '.') && all_digits(s, n - 3) &&
        all_digits(s + n - 2, 2))
        return dw_sprintf(a, "%02d:%s", atoi(s), s + n - 2);
    return s;
}

/* "ja", "x", "yes" → true … ; empty → NULL (not written). */
static const char *norm_bool(const char *s)
{
    static const char *const yes[] = {"ja", "j", "x", "yes", "y", "true", "1", NULL};
    static const char *const no[] = {"nein", "n", "no", "false", "0", NULL};
    if (!*s)
        return NULL;
    char buf[8];
    snprintf(buf, sizeof buf, "%s", s);
    lower_ascii(buf);
    for (size_t i = 0; yes[i]; i++)
        if (strcmp(buf, yes[i]) == 0)
            return "true";
    for (size_t i = 0; no[i]; i++)
        if (strcmp(buf, no[i]) == 0)
            return "false";
    return s; /* the schema says what is wrong with it */
}

/* "120,00 €", "120 EUR" → "120,00", "120"; "kostenlos" → free. */
static const char *norm_cost(dw_arena *a, const char *s)
{
    const char *t = header_key(a, s);
    if (strcmp(t, "kostenlos") == 0 || strcmp(t, "frei") == 0 ||
        strcmp(t, "gebührenfrei") == 0 || strcmp(t, "free") == 0)
        return "free";
    if (strcmp(t, "bamf") == 0)
        return "bamf";
    size_t n = strlen(t);
    static const char *const units[] = {"€", "eur", "euro", NULL};
    for (size_t i = 0; units[i]; i++) {
        size_t u = strlen(units[i]);
        if (n > u && strcmp(t + n - u, units[i]) == 0) {
            n -= u;
            while (n > 0 && t[n - 1] == ' ')
                n--;
            return dw_strndup(a, s, n); /* the original spelling, unit dropped */
        }
    }
    return s; /* the schema says what is wrong with it */
}

/* Days separated by spaces, commas, ';' or '/', German or English. */
static size_t split_days(dw_arena *a, const char *s, const char ***out)
{
    static const char *const de[7] = {"mo", "di", "mi", "do", "fr", "sa", "so"};
    size_t n = 0, cap = 0;
    *out = NULL;
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == ',' || *p == ';' || *p == '/')
            p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != ',' && *q != ';' && *q != '/')
            q++;
        if (q == p)
            break;
        char *w = dw_strndup(a, p, (size_t)(q - p));
        char *k = header_key(a, w);
        if (strlen(k) > 2 && k[2] == '.') /* "Mo." */
            k[2] = 0;
        const char *day = w;
        for (int i = 0; i < 7; i++)
            if (strcmp(k, de[i]) == 0 || strcmp(k, dw_day_keys[i]) == 0)
                day = dw_day_keys[i];
        *out = dw_arena_grow(a, *out, n, &cap, sizeof **out, 8);
        (*out)[n++] = day;
        p = q;
    }
    return n;
}

/* ---- writing the YAML (libyaml's emitter) ---------------------------------------------- */

typedef struct emit {
    yaml_emitter_t em;
    dw_buf out;
    bool ok;
} emit;

static int write_handler(void *data, unsigned char *buf, size_t size)
{
    dw_buf_put(&((emit *)data)->out, buf, size);
    return 1;
}

static void ev(emit *e, yaml_event_t *event)
{
    if (e->ok && !yaml_emitter_emit(&e->em, event))
        e->ok = false;
}

/* quoted: always, e.g. times ("18:00" is a number in YAML 1.1 readers) */
static void scalar_q(emit *e, const char *s, bool quoted)
{
    yaml_event_t event;
    /* the texts a YAML reader would take for "nothing" stay texts */
    bool null_like = !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
                     strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
    yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
                                 null_like || quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                                     : YAML_ANY_SCALAR_STYLE);
    ev(e, &event);
}

static void scalar(emit *e, const char *s)
{
    scalar_q(e, s, false);
}

static void seq_start(emit *e, bool flow)
{
    yaml_event_t event;
    yaml_sequence_start_event_initialize(&event, NULL, NULL, 1,
                                         flow ? YAML_FLOW_SEQUENCE_STYLE
                                              : YAML_BLOCK_SEQUENCE_STYLE);
    ev(e, &event);
}

static void seq_end(emit *e)
{
    yaml_event_t event;
    yaml_sequence_end_event_initialize(&event);
    ev(e, &event);
}

static void map_start(emit *e)
{
    yaml_event_t event;
    yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    ev(e, &event);
}

static void map_end(emit *e)
{
    yaml_event_t event;
    yaml_mapping_end_event_initialize(&event);
    ev(e, &event);
}

/* One field as written to courses.yaml: spreadsheet spellings converted,
 * line breaks inside a field (a cell with Alt+Enter) joined by a space,
 * so that every key is on a line of its own.  NULL: not written.        */
static const char *value(dw_arena *a, int k, const char *raw)
{
    char *s = dw_strdup(a, raw);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    if (!*s)
        return NULL;
    switch (k) {
    case C_START:
    case C_END: return norm_date(a, s);
    case C_FROM:
    case C_TO: return norm_time(a, s);
    case C_COST: return norm_cost(a, s);
    case C_CHILDCARE:
    case C_UNVERIFIED: return norm_bool(s);
    default: return s;
    }
}

static bool write_yaml(dw_arena *a, const record *recs, size_t n, const int *col_of,
                       dw_buf *out)
{
    emit e = {.ok = true};
    dw_buf_init(&e.out);
    yaml_emitter_initialize(&e.em);
    yaml_emitter_set_output(&e.em, write_handler, &e);
    yaml_emitter_set_unicode(&e.em, 1);
    yaml_emitter_set_width(&e.em, -1); /* never fold: one key, one line */
    yaml_emitter_set_indent(&e.em, 2);
    yaml_event_t event;
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    ev(&e, &event);
    yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
    ev(&e, &event);
    map_start(&e);
    scalar(&e, "courses");
    seq_start(&e, false);
    for (size_t r = 0; r < n; r++) {
        map_start(&e);
        for (int k = 0; k < N_COLS; k++) {
            if (col_of[k] < 0 || (size_t)col_of[k] >= recs[r].n)
                continue;
            const char *v = value(a, k, recs[r].f[col_of[k]]);
            if (!v)
                continue;
            scalar(&e, col_keys[k]);
            if (k == C_DAYS) {
                const char **days;
                size_t nd = split_days(a, v, &days);
                seq_start(&e, true);
                for (size_t i = 0; i < nd; i++)
                    scalar(&e, days[i]);
                seq_end(&e);
            } else {
                scalar_q(&e, v, k == C_FROM || k == C_TO);
            }
        }
        map_end(&e);
    }
    seq_end(&e);
    map_end(&e);
    yaml_document_end_event_initialize(&event, 1);
    ev(&e, &event);
    yaml_stream_end_event_initialize(&event);
    ev(&e, &event);
    yaml_emitter_delete(&e.em);
    *out = e.out;
    return e.ok;
}

/* ---- checking the rows with the courses.yaml schema ------------------------------------ */

/* Where each node of the generated YAML came from. */
typedef struct origin {
    int line, col; /* in the YAML */
    int row;       /* index into the records */
    int field;     /* -1: the whole row */
} origin;

static void map_origins(dw_arena *a, const dw_ynode *root, const int *col_of, origin **out,
                        size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    const dw_ynode *list = dw_schema_get(root, "courses");
    for (size_t r = 0; list && list->kind == DW_Y_SEQ && r < list->n; r++) {
        const dw_ynode *m = list->items[r];
        *out = dw_arena_grow(a, *out, *n, &cap, sizeof **out, 64);
        (*out)[(*n)++] = (origin){m->loc.line, m->loc.col, (int)r, -1};
        for (size_t i = 0; m->kind == DW_Y_MAP && i < m->n; i++) {
            const dw_ynode *v = m->items[2 * i + 1];
            int field = -1;
            for (int k = 0; k < N_COLS; k++)
                if (strcmp(m->items[2 * i]->str, col_keys[k]) == 0)
                    field = col_of[k];
            /* a value and, for days, each day on its line */
            *out = dw_arena_grow(a, *out, *n, &cap, sizeof **out, 64);
            (*out)[(*n)++] = (origin){v->loc.line, 0, (int)r, field};
        }
    }
}

/* The CSV place of a message at l in the generated YAML. */
static dw_loc csv_loc(const char *file, const record *recs, const origin *o, size_t n,
                      dw_loc l, size_t first_rec)
{
    for (size_t i = 0; i < n; i++) /* the row's own place: the whole row */
        if (o[i].field == -1 && o[i].line == l.line && o[i].col == l.col)
            return (dw_loc){file, recs[first_rec + (size_t)o[i].row].line, 0};
    for (size_t i = 0; i < n; i++)
        if (o[i].field != -1 && o[i].line == l.line)
            return (dw_loc){file, recs[first_rec + (size_t)o[i].row].line, o[i].field + 1};
    /* a multi-line row message: the last row starting at or before it */
    int row = -1;
    for (size_t i = 0; i < n; i++)
        if (o[i].field == -1 && o[i].line <= l.line)
            row = o[i].row;
    return (dw_loc){file, row >= 0 ? recs[first_rec + (size_t)row].line : 0, 0};
}

int dw_content_import_courses(const char *csv_path, const char *content_dir,
                              const char *out_path, dw_diag *d)
{
    dw_arena *a = dw_arena_new();
    int rc = 1;
    size_t len;
    char *data = dw_read_file(csv_path, &len);
    if (!data) {
        dw_error(d, (dw_loc){csv_path, 0, 0}, "cannot read the file");
        dw_arena_free(a);
        return 1;
    }
    size_t off = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* BOM */
    long bad = dw_utf8_invalid_at(data + off, len - off);
    if (bad >= 0) {
        int line = 1;
        for (size_t i = off; i < off + (size_t)bad; i++)
            line += data[i] == '\n';
        dw_error(d, (dw_loc){csv_path, line, 0},
                 "the file is not UTF-8: export it as \"CSV UTF-8\" (Excel) or choose "
                 "the character set UTF-8 (LibreOffice)");
        goto done;
    }
    /* the separator: ';' when the header line has more of them than ',' */
    size_t semi = 0, comma = 0;
    for (size_t i = off; i < len && data[i] != '\n'; i++)
        semi += data[i] == ';', comma += data[i] == ',';
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        dw_error(d, (dw_loc){csv_path, 0, 0}, "the CSV reader could not start");
        goto done;
    }
    csv_set_delim(&p, semi > comma ? ';' : ',');
    reader r = {.a = a, .line = 1};
    bool parsed = true;
    /* byte by byte, so that each record knows the line it starts on (a
     * quoted field may hold line breaks) and an error its place */
    for (size_t i = off; i < len && parsed; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (!r.in_record && ch != '\n' && ch != '\r') {
            r.in_record = true;
            r.rec_line = r.line;
        }
        if (csv_parse(&p, data + i, 1, on_field, on_record, &r) != 1) {
            size_t field = r.have_rec ? r.recs[r.n - 1].n + 1 : 1;
            dw_error(d, (dw_loc){csv_path, r.rec_line, (int)field},
                     "%s: a field that starts with '\"' must end with '\"', and a '\"' "
                     "inside it is written twice (\"\")",
                     csv_strerror(csv_error(&p)));
            parsed = false;
        }
        r.line += ch == '\n';
    }
    if (parsed && csv_fini(&p, on_field, on_record, &r) != 0) {
        dw_error(d, (dw_loc){csv_path, r.rec_line, r.have_rec ? (int)r.recs[r.n - 1].n + 1 : 1},
                 "the file ends inside a quoted field: a closing '\"' is missing");
        parsed = false;
    }
    csv_free(&p);
    if (!parsed)
        goto done;
    if (r.n == 0) {
        dw_error(d, (dw_loc){csv_path, 1, 0}, "the file is empty: it needs a header row and "
                                              "one row per course");
        goto done;
    }
    int col_of[N_COLS];
    if (!read_header(&r.recs[0], csv_path, a, col_of, d))
        goto done;
    /* rows with the wrong number of fields are reported and left out;
     * the rest is still checked, so one run shows every problem */
    const record *head = &r.recs[0];
    record *rows = dw_alloc_array(a, r.n, sizeof *rows);
    size_t n_rows = 0;
    bool rows_ok = true;
    for (size_t i = 1; i < r.n; i++) {
        if (r.recs[i].n == head->n) {
            rows[n_rows++] = r.recs[i];
            continue;
        }
        dw_error(d, (dw_loc){csv_path, r.recs[i].line, 0},
                 "this row has %zu fields, the header has %zu: check the separators "
                 "and quotes",
                 r.recs[i].n, head->n);
        rows_ok = false;
    }
    /* what the schema cannot place in the CSV: an empty required cell
     * (the key is then left out of the YAML) and a repeated id */
    dw_idset ids;
    dw_idset_init(&ids, a);
    for (size_t i = 0; i < n_rows; i++) {
        const record *rec = &rows[i];
        for (int k = 0; k < N_COLS; k++) {
            if (!col_required[k] || value(a, k, rec->f[col_of[k]]))
                continue;
            dw_error(d, (dw_loc){csv_path, rec->line, col_of[k] + 1},
                     "%s: the cell is empty, but every course needs its %s",
                     head->f[col_of[k]], col_keys[k]);
            rows_ok = false;
        }
        const char *id = value(a, C_ID, rec->f[col_of[C_ID]]);
        const dw_loc *first = id ? dw_idset_add(&ids, id, (dw_loc){csv_path, rec->line, 0}) : NULL;
        if (first) {
            dw_error(d, (dw_loc){csv_path, rec->line, col_of[C_ID] + 1},
                     "%s: course id '%s' is used twice (first in the row at line %d)",
                     head->f[col_of[C_ID]], dw_clip(a, id), first->line);
            rows_ok = false;
        }
    }
    dw_buf yaml;
    if (!write_yaml(a, rows, n_rows, col_of, &yaml)) {
        dw_error(d, (dw_loc){csv_path, 0, 0}, "the YAML could not be written");
        dw_buf_fini(&yaml);
        goto done;
    }
    /* check: load the real contacts, then the new list, as `check` would */
    dw_content c;
    memset(&c, 0, sizeof c);
    c.dir = content_dir;
    const char *contacts = dw_sprintf(a, "%s/contacts.yaml", content_dir);
    dw_diag cd;
    dw_diag_init(&cd);
    dw_content_load_as(&c, contacts, "contacts.yaml", a, &cd);
    if (cd.errors) {
        for (size_t i = 0; i < cd.n; i++)
            dw_diag_add(d, cd.msgs[i].sev, cd.msgs[i].loc, "%s", cd.msgs[i].text);
        dw_error(d, (dw_loc){contacts, 0, 0},
                 "the course providers are checked against contacts.yaml: correct it first");
        dw_diag_fini(&cd);
        dw_buf_fini(&yaml);
        goto done;
    }
    dw_diag_fini(&cd);
    dw_diag yd;
    dw_diag_init(&yd);
    const char *gen = "(imported courses.yaml)";
    dw_content_load_mem(&c, gen, "courses.yaml", yaml.data, yaml.len, a, &yd);
    dw_ynode *root = NULL;
    dw_diag pd;
    dw_diag_init(&pd);
    dw_yaml_parse(a, gen, yaml.data, yaml.len, &root, &pd);
    dw_diag_fini(&pd);
    origin *o;
    size_t n_o;
    map_origins(a, root, col_of, &o, &n_o);
    for (size_t i = 0; i < yd.n; i++) {
        const dw_diag_msg *m = &yd.msgs[i];
        /* reported above, with the CSV's words */
        if (strstr(m->text, "duplicate course id") || strstr(m->text, " has no '"))
            continue;
        dw_loc at = csv_loc(csv_path, rows, o, n_o, m->loc, 0);
        int field = at.col - 1;
        const char *name = field >= 0 && (size_t)field < head->n ? head->f[field] : NULL;
        if (name)
            dw_diag_add(d, m->sev, at, "%s: %s", name, m->text);
        else
            dw_diag_add(d, m->sev, at, "%s", m->text);
    }
    bool clean = yd.errors == 0 && rows_ok;
    dw_diag_fini(&yd);
    if (!clean) {
        dw_buf_fini(&yaml);
        goto done;
    }
    const char *base = strrchr(csv_path, '/');
    dw_buf file;
    dw_buf_init(&file);
    /* no date: the same export gives the same file */
    dw_buf_printf(&file,
                  "# The course list, imported from %s by `druckwerk import-courses`\n"
                  "# (content/README.md, \"Importing the course list\"). Correct the course\n"
                  "# database and import again rather than editing this file: the next\n"
                  "# import replaces it.\n",
                  base ? base + 1 : csv_path);
    dw_buf_put(&file, yaml.data, yaml.len);
    if (file.len && file.data[file.len - 1] != '\n')
        dw_buf_putc(&file, '\n');
    dw_buf_fini(&yaml);
    if (dw_write_file_atomic(out_path, file.data, file.len)) {
        rc = 0;
        fprintf(stderr, "druckwerk: wrote %zu course%s to %s\n", n_rows, n_rows == 1 ? "" : "s",
                out_path);
    } else {
        dw_error(d, (dw_loc){out_path, 0, 0}, "cannot write the file");
        rc = 3;
    }
    dw_buf_fini(&file);
done:
    free(data);
    dw_arena_free(a);
    return rc;
}
