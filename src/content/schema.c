/*
 * schema.c — the helpers every file schema uses: allowed keys with
 * "did you mean" suggestions, type checks, required fields, and the
 * value formats of content/README.md (dates, times, booleans, days, ids,
 * enumerations).  Input: nodes from yaml.c.  Output: C values for the
 * model, or one error per problem at the node's location.
 *
 * Message style: say what is wrong, quote what was written, say what to
 * write instead.  Quoted user text is clipped so that a long paragraph
 * does not bury the message.
 */
#include "content_int.h"

#include <stdlib.h>
#include <string.h>

const char *dw_ykind_name(enum dw_ykind k)
{
    switch (k) {
    case DW_Y_SCALAR: return "a text";
    case DW_Y_SEQ: return "a list";
    case DW_Y_MAP: return "a mapping (key: value)";
    }
    return "?";
}

const char *dw_clip(dw_arena *a, const char *s)
{
    /* 40 characters are enough to recognise the value in the file */
    enum { MAX_CHARS = 40 };
    size_t len = strlen(s), i = 0;
    for (int chars = 0; i < len && chars < MAX_CHARS; chars++)
        dw_utf8_next(s, len, &i);
    if (i >= len)
        return s;
    return dw_sprintf(a, "%.*s…", (int)i, s);
}

const char *dw_where(dw_ctx *x, dw_loc l)
{
    if (l.file && x->file && strcmp(l.file, x->file) != 0) {
        const char *base = strrchr(l.file, '/');
        return dw_sprintf(x->tmp, "%s:%d:%d", base ? base + 1 : l.file, l.line, l.col);
    }
    return dw_sprintf(x->tmp, "%d:%d", l.line, l.col);
}

/* ---- suggestions ------------------------------------------------------------ */

static int lower(char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : (unsigned char)c;
}

int dw_edit_distance(const char *a, const char *b, int cap)
{
    /* Identifiers are short; beyond this the question is moot. */
    enum { MAX_LEN = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX_LEN || lb > MAX_LEN)
        return cap + 1;
    int rows[3][MAX_LEN + 1]; /* rows i-2, i-1 and i, cycling */
    for (size_t j = 0; j <= lb; j++)
        rows[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int *cur = rows[i % 3], *prev = rows[(i + 2) % 3], *two = rows[(i + 1) % 3];
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int ca = lower(a[i - 1]), cb = lower(b[j - 1]);
            int v = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            /* a swap of neighbours, "adress"/"adderss", is one edit
             * (optimal string alignment) */
            if (i > 1 && j > 1 && ca == lower(b[j - 2]) && lower(a[i - 2]) == cb &&
                two[j - 2] + 1 < v)
                v = two[j - 2] + 1;
            cur[j] = v;
        }
    }
    int dist = rows[la % 3][lb];
    return dist > cap ? cap + 1 : dist;
}

const char *dw_suggest(const char *word, const char *const *cands, size_t n)
{
    /* One typo per three characters: "adress" → "address", "mon" → "mo",
     * but "xyz" suggests nothing rather than something random.          */
    int cap = (int)(strlen(word) + 2) / 3;
    if (cap < 1)
        cap = 1;
    const char *best = NULL;
    int best_d = cap + 1;
    for (size_t i = 0; i < n; i++) {
        int dist = dw_edit_distance(word, cands[i], cap);
        if (dist < best_d) {
            best_d = dist;
            best = cands[i];
        }
    }
    return best;
}

/* "a, b, c or d" in the scratch arena. */
static const char *join_or(dw_arena *a, const char *const *vals, size_t n)
{
    dw_buf b;
    dw_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i)
            dw_buf_puts(&b, i + 1 == n ? " or " : ", ");
        dw_buf_puts(&b, vals[i]);
    }
    const char *s = dw_strndup(a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return s;
}

static size_t count_list(const char *const *vals)
{
    size_t n = 0;
    while (vals[n])
        n++;
    return n;
}

/* ---- keys and types ------------------------------------------------------- */

bool dw_schema_keys(dw_ctx *x, const dw_ynode *map, const char *const *keys)
{
    bool ok = true;
    size_t n_keys = count_list(keys);
    for (size_t i = 0; i < map->n; i++) {
        const dw_ynode *k = map->items[2 * i];
        size_t j = 0;
        while (j < n_keys && strcmp(keys[j], k->str) != 0)
            j++;
        if (j < n_keys)
            continue;
        ok = false;
        const char *near = dw_suggest(k->str, keys, n_keys);
        if (near)
            dw_error(x->d, k->loc, "unknown key '%s' (did you mean '%s'?)",
                     dw_clip(x->tmp, k->str), near);
        else
            dw_error(x->d, k->loc, "unknown key '%s': allowed here are %s",
                     dw_clip(x->tmp, k->str), join_or(x->tmp, keys, n_keys));
    }
    return ok;
}

const dw_ynode *dw_schema_key_node(const dw_ynode *map, const char *key)
{
    if (!map || map->kind != DW_Y_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->str, key) == 0)
            return map->items[2 * i];
    return NULL;
}

const dw_ynode *dw_schema_get(const dw_ynode *map, const char *key)
{
    if (!map || map->kind != DW_Y_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->items[2 * i]->str, key) == 0)
            return map->items[2 * i + 1];
    return NULL;
}

bool dw_schema_is(dw_ctx *x, const dw_ynode *v, enum dw_ykind k, const char *key)
{
    if (v->kind == k)
        return true;
    if (k == DW_Y_MAP && v->kind == DW_Y_SCALAR && v->plain &&
        dw_yaml_colon_space(x->file, v->loc, v->str, x->d))
        return false;
    dw_error(x->d, v->loc, "'%s' must be %s, not %s", key, dw_ykind_name(k),
             dw_ykind_name(v->kind));
    return false;
}

bool dw_schema_item(dw_ctx *x, const dw_ynode *v, enum dw_ykind k, const char *what)
{
    if (v->kind == k)
        return true;
    if (k == DW_Y_MAP && v->kind == DW_Y_SCALAR && v->plain &&
        dw_yaml_colon_space(x->file, v->loc, v->str, x->d))
        return false;
    dw_error(x->d, v->loc, "%s must be %s, not %s", what, dw_ykind_name(k),
             dw_ykind_name(v->kind));
    return false;
}

/* The value of key if present, not null and of kind k; reports otherwise. */
static const dw_ynode *typed(dw_ctx *x, const dw_ynode *map, const char *key,
                             const char *owner, enum dw_ykind k)
{
    const dw_ynode *v = dw_schema_get(map, key);
    if (!v) {
        if (owner)
            dw_error(x->d, map->loc, "%s has no '%s'", owner, key);
        return NULL;
    }
    if (dw_ynode_is_null(v)) {
        if (owner)
            dw_error(x->d, dw_schema_key_node(map, key)->loc,
                     "'%s' has no value: write it after '%s:'", key, key);
        return NULL;
    }
    return dw_schema_is(x, v, k, key) ? v : NULL;
}

const dw_ynode *dw_schema_scalar(dw_ctx *x, const dw_ynode *map, const char *key,
                                 const char *owner)
{
    return typed(x, map, key, owner, DW_Y_SCALAR);
}

const dw_ynode *dw_schema_list(dw_ctx *x, const dw_ynode *map, const char *key,
                               const char *owner)
{
    return typed(x, map, key, owner, DW_Y_SEQ);
}

const dw_ynode *dw_schema_map(dw_ctx *x, const dw_ynode *map, const char *key,
                              const char *owner)
{
    return typed(x, map, key, owner, DW_Y_MAP);
}

const char *dw_schema_str(dw_ctx *x, const dw_ynode *v)
{
    return dw_strndup(x->a, v->str, v->len);
}

const char *dw_schema_confirm(dw_ctx *x, const dw_ynode *map, dw_loc *loc)
{
    const dw_ynode *k = dw_schema_key_node(map, "confirm");
    if (!k)
        return NULL;
    const dw_ynode *v = dw_schema_get(map, "confirm");
    if (dw_ynode_is_null(v) || v->kind != DW_Y_SCALAR) {
        dw_error(x->d, k->loc,
                 "'confirm' must say what the county has to confirm, and with whom or "
                 "against what, e.g. confirm: \"opening hours, with the town hall\"");
        return NULL;
    }
    *loc = k->loc;
    return dw_schema_str(x, v);
}

bool dw_schema_sample(dw_ctx *x, const dw_ynode *map, dw_loc *loc)
{
    const dw_ynode *k = dw_schema_key_node(map, "sample");
    bool on = false;
    if (!k || !dw_schema_bool(x, dw_schema_get(map, "sample"), "sample", &on) || !on)
        return false;
    *loc = k->loc;
    return true;
}

/* A text and the bytes of the file it was read from. */
struct text_origin {
    const char *data;
    const dw_ynode *v;
    const char *s; /* the text as YAML gave it */
};

/* The place in the file of byte off of a text.  YAML changed the bytes on
 * the way: a folded (>) or plain text's lines are joined by a space, the
 * indentation of every line and a | or > header are dropped, '' stands
 * for ' and \" for ".  The text and its source are walked side by side:
 * a byte that differs from the source's next byte skips the source's
 * spaces, line breaks, quotes and backslashes until they agree.  Only a
 * double-quoted escape (\u00e4) is out of step after it; such texts are
 * one line in practice, and an error lands a few columns off at worst.  */
static dw_loc text_place(const void *ctx, size_t off)
{
    const struct text_origin *o = ctx;
    const dw_ynode *v = o->v;
    const char *src = o->data;
    size_t j = v->start, i = 0;
    if (v->style == '|' || v->style == '>') /* the header line: "|", ">-", "|2" */
        while (j < v->end && src[j] != '\n')
            j++;
    for (; i < off && o->s[i] && j < v->end; i++, j++)
        while (src[j] != o->s[i] && j + 1 < v->end && strchr(" \t\r\n'\"\\", src[j]))
            j++;
    while (o->s[i] && j + 1 < v->end && src[j] != o->s[i] && strchr(" \t\r\n'\"\\", src[j]))
        j++;
    /* line and column (characters, as libyaml counts) from the text's start */
    dw_loc at = v->loc;
    for (size_t k = v->start; k < j && k < v->end; k++) {
        if (src[k] == '\n')
            at.line++, at.col = 1;
        else if (((unsigned char)src[k] & 0xC0) != 0x80 && src[k] != '\r')
            at.col++;
    }
    return at;
}

/* "- eins" and, one space too far right, "   - zwei": YAML reads one text,
 * "eins - zwei", and the list lost an item without a word.  A line of a
 * plain text of several lines that starts with "- " is that mistake.   */
static void item_in_text(dw_ctx *x, const dw_ynode *v)
{
    const char *src = x->data;
    dw_loc at = v->loc;
    for (size_t k = v->start; k < v->end; k++) {
        if (src[k] != '\n')
            continue;
        at.line++;
        size_t j = k + 1;
        while (j < v->end && src[j] == ' ')
            j++;
        if (j + 1 < v->end && src[j] == '-' && src[j + 1] == ' ') {
            at.col = (int)(j - k);
            dw_warn(x->d, at, "this line starts with '- ' but continues the text of line %d: "
                    "for a new list item put its '-' in the same column as the one above",
                    v->loc.line);
            return;
        }
    }
}

dw_text dw_schema_text(dw_ctx *x, const dw_ynode *v)
{
    size_t len = v->len;
    /* a | block ends with a line break that is not part of the text */
    while (len > 0 && (v->str[len - 1] == '\n' || v->str[len - 1] == ' '))
        len--;
    const char *s = len == v->len ? v->str : dw_strndup(x->tmp, v->str, len);
    /* Markup errors point at their own line and column where the
     * source can be told from the value: a one-line scalar (plain, or
     * quoted: one column for the quote) or a | block (line breaks kept,
     * text from the next line).  A folded multi-line text has its line
     * breaks turned into spaces: errors stay at its first line.          */
    enum dw_inline_src src = DW_INLINE_AT_START;
    if (v->literal)
        src = DW_INLINE_BLOCK;
    else if (v->end_line == v->loc.line)
        src = v->plain ? DW_INLINE_LINE : DW_INLINE_QUOTED_LINE;
    if (!x->data || v->alias || v->end > x->len || v->start >= v->end)
        return dw_inline_parse_src(x->a, s, v->loc, src, x->d);
    if (v->style == 'p' && v->end_line > v->loc.line)
        item_in_text(x, v);
    struct text_origin o = {x->data, v, s};
    return dw_inline_parse_where(x->a, s, v->loc, src, text_place, &o, x->d);
}

/* ---- value formats ----------------------------------------------------------- */

static bool digits_at(const char *s, size_t from, size_t n, int *out)
{
    int v = 0;
    for (size_t i = from; i < from + n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

bool dw_schema_date(dw_ctx *x, const dw_ynode *v, dw_date *out)
{
    const char *s = v->str;
    dw_date dt;
    if (v->len == 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 0, 4, &dt.y) &&
        digits_at(s, 5, 2, &dt.m) && digits_at(s, 8, 2, &dt.d) && dt.y >= 1900 &&
        dt.m >= 1 && dt.m <= 12 && dt.d >= 1 && dt.d <= days_in_month(dt.y, dt.m)) {
        *out = dt;
        return true;
    }
    static const char *const months[12] = {"January", "February", "March", "April", "May",
                                           "June", "July", "August", "September", "October",
                                           "November", "December"};
    int d, m, y;
    char *end;
    /* German forms: 1.9.2026, 01.09.2026 — say how to write them */
    d = (int)strtol(s, &end, 10);
    if (end > s && end - s <= 2 && *end == '.') {
        const char *p = end + 1;
        m = (int)strtol(p, &end, 10);
        if (end > p && end - p <= 2 && *end == '.') {
            p = end + 1;
            y = (int)strtol(p, &end, 10);
            if (end - p == 4 && !*end && m >= 1 && m <= 12 && d >= 1 &&
                d <= days_in_month(y, m)) {
                dw_error(x->d, v->loc, "invalid date '%s': write it as %04d-%02d-%02d "
                         "(year-month-day)", dw_clip(x->tmp, s), y, m, d);
                return false;
            }
        }
    }
    if (v->len == 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 0, 4, &dt.y) &&
        digits_at(s, 5, 2, &dt.m) && digits_at(s, 8, 2, &dt.d) && dt.y >= 1900 &&
        dt.m >= 1 && dt.m <= 12 && dt.d >= 1) {
        dw_error(x->d, v->loc, "invalid date '%s': %s %d has %d days", dw_clip(x->tmp, s),
                 months[dt.m - 1], dt.y, days_in_month(dt.y, dt.m));
        return false;
    }
    dw_error(x->d, v->loc, "invalid date '%s': write a real date as YYYY-MM-DD",
             dw_clip(x->tmp, s));
    return false;
}

bool dw_schema_time(dw_ctx *x, const dw_ynode *v, char out[6])
{
    const char *s = v->str;
    int h, m;
    /* 24:00 closes at midnight (ISO 8601) */
    if (v->len == 5 && s[2] == ':' && digits_at(s, 0, 2, &h) && digits_at(s, 3, 2, &m) &&
        m <= 59 && (h <= 23 || (h == 24 && m == 0))) {
        memcpy(out, s, 6);
        return true;
    }
    dw_error(x->d, v->loc,
             "invalid time '%s': write hours and minutes as HH:MM, e.g. \"08:00\"",
             dw_clip(x->tmp, s));
    return false;
}

static bool ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        if (ca != *b)
            return false;
    }
    return *a == *b;
}

bool dw_schema_bool(dw_ctx *x, const dw_ynode *v, const char *key, bool *out)
{
    if (!dw_schema_is(x, v, DW_Y_SCALAR, key))
        return false;
    /* YAML 1.1 spellings people actually write */
    if (ascii_ieq(v->str, "true") || ascii_ieq(v->str, "yes")) {
        *out = true;
        return true;
    }
    if (ascii_ieq(v->str, "false") || ascii_ieq(v->str, "no")) {
        *out = false;
        return true;
    }
    dw_error(x->d, v->loc, "'%s' must be true or false, not '%s'", key,
             dw_clip(x->tmp, v->str));
    return false;
}

bool dw_schema_enum(dw_ctx *x, const dw_ynode *v, const char *what,
                    const char *const *vals, size_t n, int *out)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v->str, vals[i]) == 0) {
            *out = (int)i;
            return true;
        }
    const char *near = dw_suggest(v->str, vals, n);
    if (near)
        dw_error(x->d, v->loc, "unknown %s '%s' (did you mean '%s'?)", what,
                 dw_clip(x->tmp, v->str), near);
    else
        dw_error(x->d, v->loc, "unknown %s '%s': use %s", what, dw_clip(x->tmp, v->str),
                 join_or(x->tmp, vals, n));
    return false;
}

/* The day a name means, or -1: the keys (mo … su), German abbreviations
 * (Mo Di Mi Do Fr Sa So, what German staff write), English and German
 * names; any case.                                                      */
static int day_of(const char *s)
{
    static const struct {
        const char *name;
        int day;
    } names[] = {
        {"di", DW_TUE}, {"mi", DW_WED}, {"do", DW_THU}, {"so", DW_SUN},
        {"mon", DW_MON}, {"tue", DW_TUE}, {"wed", DW_WED}, {"thu", DW_THU}, {"fri", DW_FRI},
        {"sat", DW_SAT}, {"sun", DW_SUN}, {"monday", DW_MON}, {"tuesday", DW_TUE},
        {"wednesday", DW_WED}, {"thursday", DW_THU}, {"friday", DW_FRI}, {"saturday", DW_SAT},
        {"sunday", DW_SUN}, {"montag", DW_MON}, {"dienstag", DW_TUE}, {"mittwoch", DW_WED},
        {"donnerstag", DW_THU}, {"freitag", DW_FRI}, {"samstag", DW_SAT},
        {"sonnabend", DW_SAT}, {"sonntag", DW_SUN},
    };
    for (int i = 0; i < 7; i++)
        if (ascii_ieq(s, dw_day_keys[i]))
            return i;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_ieq(s, names[i].name))
            return names[i].day;
    return -1;
}

/* The abbreviation to suggest for a misspelt day ('Mittwch' → 'mi'):
 * the nearest of every name day_of knows, given as its abbreviation in
 * the same language.                                                   */
static const char *day_suggestion(dw_arena *tmp, const char *s)
{
    static const char *const all[] = {
        "mo", "tu", "we", "th", "fr", "sa", "su", "di", "mi", "do", "so",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    };
    static const char *const abbr[] = {
        "mo", "tu", "we", "th", "fr", "sa", "su", "di", "mi", "do", "so",
        "mo", "tu", "we", "th", "fr", "sa", "su",
        "Mo", "Di", "Mi", "Do", "Fr", "Sa", "So",
    };
    size_t n = sizeof all / sizeof all[0];
    char *low = dw_strdup(tmp, s);
    for (char *c = low; *c; c++)
        *c = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
    const char *near = dw_suggest(low, all, n);
    for (size_t i = 0; near && i < n; i++)
        if (all[i] == near)
            return abbr[i];
    return NULL;
}

bool dw_schema_days(dw_ctx *x, const dw_ynode *v, const char *key, unsigned *out)
{
    if (!dw_schema_is(x, v, DW_Y_SEQ, key))
        return false;
    if (v->n == 0) {
        dw_error(x->d, v->loc, "'%s' is empty: list the days, e.g. [mo, tu]", key);
        return false;
    }
    bool ok = true;
    unsigned days = 0;
    for (size_t i = 0; i < v->n; i++) {
        const dw_ynode *it = v->items[i];
        int day;
        if (!dw_schema_item(x, it, DW_Y_SCALAR, "a day")) {
            ok = false;
            continue;
        }
        if ((day = day_of(it->str)) >= 0) {
            days |= 1u << day;
        } else {
            const char *near = day_suggestion(x->tmp, it->str);
            dw_error(x->d, it->loc, "unknown day '%s'%s%s%s: use mo, tu, we, th, fr, sa, su "
                     "(German: Mo, Di, Mi, Do, Fr, Sa, So)", dw_clip(x->tmp, it->str),
                     near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            ok = false;
        }
    }
    *out = days;
    return ok;
}

bool dw_schema_id(dw_ctx *x, const dw_ynode *v, const char *what)
{
    const char *s = v->str;
    bool ok = v->len > 0 && s[0] != '-' && s[v->len - 1] != '-';
    for (size_t i = 0; ok && i < v->len; i++)
        ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
             (s[i] >= '0' && s[i] <= '9') || s[i] == '-';
    if (!ok)
        dw_error(x->d, v->loc,
                 "invalid %s id '%s': use only letters, digits and '-', e.g. "
                 "'first-steps'",
                 what, dw_clip(x->tmp, s));
    return ok;
}

bool dw_is_lang_code(const char *s)
{
    size_t i = 0;
    while (s[i] >= 'a' && s[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    if (s[i] == 0)
        return true;
    if (s[i] != '-')
        return false;
    size_t j = ++i;
    while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
           (s[i] >= '0' && s[i] <= '9'))
        i++;
    return s[i] == 0 && i - j >= 2 && i - j <= 8;
}

/* ---- string set -------------------------------------------------------------- */

static size_t hash(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void dw_idset_init(dw_idset *s, dw_arena *a)
{
    memset(s, 0, sizeof *s);
    s->a = a;
}

const dw_loc *dw_idset_add(dw_idset *s, const char *key, dw_loc loc)
{
    if (2 * (s->n + 1) > s->cap) { /* keep the table at most half full */
        size_t cap = s->cap ? 2 * s->cap : 16;
        const char **keys = dw_alloc_array(s->a, cap, sizeof *keys);
        dw_loc *locs = dw_alloc_array(s->a, cap, sizeof *locs);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->keys[i])
                continue;
            size_t j = hash(s->keys[i]) & (cap - 1);
            while (keys[j])
                j = (j + 1) & (cap - 1);
            keys[j] = s->keys[i];
            locs[j] = s->locs[i];
        }
        s->keys = keys;
        s->locs = locs;
        s->cap = cap;
    }
    size_t j = hash(key) & (s->cap - 1);
    while (s->keys[j]) {
        if (strcmp(s->keys[j], key) == 0)
            return &s->locs[j];
        j = (j + 1) & (s->cap - 1);
    }
    s->keys[j] = key;
    s->locs[j] = loc;
    s->n++;
    return NULL;
}

void *dw_grow(dw_arena *a, void *arr, size_t n, size_t size)
{
    /* capacity: 4 while n <= 4, else the next power of two >= n */
    if (n > 0 && (n < 4 || (n & (n - 1)) != 0))
        return arr;
    size_t cap = n == 0 ? 4 : 2 * n;
    void *p = dw_alloc_array(a, cap, size);
    if (n)
        memcpy(p, arr, n * size);
    return p;
}
