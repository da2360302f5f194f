/*
 * yaml_indent.c — libyaml's indentation errors in plain words.
 *
 * A key indented one space too far reaches the editor as "mapping values
 * are not allowed in this context", a list item out of line as "did not
 * find expected key" — libyaml's view, not the mistake.  Given the line
 * libyaml stumbled over, this file compares it with the line above, as a
 * person would: "line 20 is indented more than the key above it (line
 * 19): …".
 *
 * What each line holds comes from libyaml, never from reading the YAML
 * by hand: the lines above from the token stream of the file (scanned
 * again, up to the line in question), the line itself from the tokens of
 * that line alone (it is inside a broken structure, so the file's tokens
 * say nothing reliable about it).  Columns count characters, from 1.
 * Only yaml.c calls this, after its own checks (tabs, open quotes).
 */
#include "content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

enum what { W_NONE, W_KEY, W_ITEM, W_TEXT };

#define WINDOW 200 /* lines above the mistake that are looked at */

/* What one line holds, as far as the comparison needs it. */
struct line {
    enum what what;
    int col;          /* of the key, the item's '-' or the text */
    int item_col;     /* W_KEY on a list item's line: its '-', else 0 */
    char key[48];     /* W_KEY: the key, shortened */
    char owner[48];   /* W_TEXT: the key whose text this is, if known */
    int owner_col;
    int owner_line;   /* W_TEXT: the line of that key */
    int owner_item;   /* W_TEXT: the '-' on that key's line, or 0 */
    int group_item;   /* W_KEY below its list item's line: that item's '-' */
    int group_line;   /* and its line */
    bool block_key;   /* W_KEY: its value is a | or > text, on the lines below */
};

static void copy_key(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

/* The file, and where the lines base … base+n-1 start (one pass). */
struct text {
    const char *data;
    size_t len;
    int base, n;
    size_t *starts;
};

/* Column (from 1) of the first character of line ln (from 1) that is not
 * a space, and its byte range; false for a blank line or one outside the
 * lines at hand.                                                         */
static bool line_text(const struct text *t, int ln, size_t *from, size_t *to, int *col)
{
    if (ln < t->base || ln >= t->base + t->n || t->starts[ln - t->base] == (size_t)-1)
        return false;
    const char *data = t->data;
    size_t len = t->len, i = t->starts[ln - t->base];
    size_t e = i;
    while (e < len && data[e] != '\n' && data[e] != '\r')
        e++;
    size_t k = i;
    while (k < e && data[k] == ' ')
        k++;
    *from = k, *to = e, *col = (int)(k - i) + 1;
    return k < e;
}

/* Line ln on its own, through libyaml's scanner: a key, a list item or a
 * text.  False when the line is wrong by itself ("Hinweis: Bringen:
 * …"): then its indentation is not the mistake.                         */
static bool classify_alone(const struct text *tx, int ln, struct line *out)
{
    size_t from, to;
    int col;
    memset(out, 0, sizeof *out);
    if (!line_text(tx, ln, &from, &to, &col))
        return false;
    const char *data = tx->data;
    yaml_parser_t p;
    yaml_token_t t;
    if (!yaml_parser_initialize(&p))
        return false;
    yaml_parser_set_input_string(&p, (const unsigned char *)data + from, to - from);
    bool ok = true, key_next = false;
    out->col = col;
    for (;;) {
        if (!yaml_parser_scan(&p, &t)) {
            ok = false;
            break;
        }
        yaml_token_type_t type = t.type;
        if (type == YAML_BLOCK_ENTRY_TOKEN && out->what == W_NONE)
            out->what = W_ITEM;
        else if (type == YAML_KEY_TOKEN && (out->what == W_NONE || out->what == W_ITEM))
            key_next = true;
        else if (type == YAML_SCALAR_TOKEN && key_next) {
            copy_key(out->key, sizeof out->key, (const char *)t.data.scalar.value,
                     t.data.scalar.length);
            if (out->what == W_ITEM)
                out->item_col = col, out->col = col + (int)t.start_mark.column;
            out->what = W_KEY;
            key_next = false;
        } else if (type == YAML_SCALAR_TOKEN && out->what == W_NONE)
            out->what = W_TEXT;
        yaml_token_delete(&t);
        if (type == YAML_STREAM_END_TOKEN)
            break;
    }
    yaml_parser_delete(&p);
    return ok && out->what != W_NONE;
}

/* The lines base … upto-1, from the file's token stream: what each holds,
 * in lines[0 …]; a line no token starts on and no text covers stays
 * W_NONE (blank, a comment).                                            */
/* The list items still open where the lines end: their '-' and line. */
struct open_items {
    int col[DW_YAML_MAX_DEPTH], line[DW_YAML_MAX_DEPTH], n;
};

static void classify_above(const struct text *tx, int upto, struct line *lines,
                           struct open_items *open)
{
    const char *data = tx->data;
    size_t len = tx->len;
    int base = tx->base;
    yaml_parser_t p;
    yaml_token_t t;
    if (!yaml_parser_initialize(&p))
        return;
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    bool key_next = false;
    char last_key[48] = "";
    int last_key_col = 0, last_key_line = 0, last_key_item = 0, item_line = 0, item_col = 0;
    /* the open list items: their '-', line and the column of their keys */
    int st_col[DW_YAML_MAX_DEPTH], st_line[DW_YAML_MAX_DEPTH], st_key[DW_YAML_MAX_DEPTH], sp = 0;
    for (;;) {
        if (!yaml_parser_scan(&p, &t))
            break;
        yaml_token_type_t type = t.type;
        int ln = (int)t.start_mark.line + 1, col = (int)t.start_mark.column + 1;
        /* a | or > text ends at the start of the line after it */
        int end = (int)t.end_mark.line + 1;
        if (t.end_mark.column == 0 && t.end_mark.line > t.start_mark.line)
            end--; /* a | or > text ends at the start of the line after it */
        if (type == YAML_STREAM_END_TOKEN || ln >= upto) {
            yaml_token_delete(&t);
            break;
        }
        struct line spare = {0};
        struct line *l = ln >= base ? &lines[ln - base] : &spare;
        if (type == YAML_BLOCK_ENTRY_TOKEN) {
            item_line = ln, item_col = col;
            while (sp > 0 && st_col[sp - 1] >= col)
                sp--;
            if (sp < DW_YAML_MAX_DEPTH)
                st_col[sp] = col, st_line[sp] = ln, st_key[sp++] = 0;
            if (l->what == W_NONE)
                l->what = W_ITEM, l->col = col;
        } else if (type == YAML_KEY_TOKEN) {
            key_next = true;
        } else if (type == YAML_SCALAR_TOKEN && key_next) {
            key_next = false;
            copy_key(last_key, sizeof last_key, (const char *)t.data.scalar.value,
                     t.data.scalar.length);
            last_key_col = col, last_key_line = ln;
            last_key_item = item_line == ln ? item_col : 0;
            int owner = 0, owner_line = 0;
            if (item_line == ln && sp > 0 && st_line[sp - 1] == ln) {
                st_key[sp - 1] = col; /* "- id: x": the item's keys are in this column */
            } else {
                while (sp > 0 && st_col[sp - 1] >= col)
                    sp--;
                if (sp > 0 && st_key[sp - 1] == col)
                    owner = st_col[sp - 1], owner_line = st_line[sp - 1];
            }
            if (l->what == W_KEY || l->what == W_NONE || l->what == W_ITEM)
                l->group_item = owner, l->group_line = owner_line;
            if (l->what == W_NONE || l->what == W_ITEM) {
                l->item_col = l->what == W_ITEM && item_line == ln ? item_col : 0;
                l->what = W_KEY, l->col = col;
                memcpy(l->key, last_key, sizeof l->key);
            }
        } else if (type == YAML_SCALAR_TOKEN) {
            /* a value: the lines it covers are text; a | or > block's
             * text starts on the line after its indicator */
            bool block = t.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                         t.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
            int first = block ? ln + 1 : ln;
            for (int k = first > base ? first : base; k <= end && k < upto; k++) {
                struct line *c = &lines[k - base];
                size_t from, to;
                int tc;
                if (c->what != W_NONE || !line_text(tx, k, &from, &to, &tc))
                    continue;
                c->what = W_TEXT, c->col = tc;
                memcpy(c->owner, last_key, sizeof c->owner);
                c->owner_col = last_key_col;
                c->owner_line = last_key_line, c->owner_item = last_key_item;
            }
            /* a text that starts on its key's line starts where it
             * starts, not at the key */
            if (!block && l->what == W_KEY && l->owner[0] == 0) {
                memcpy(l->owner, last_key, sizeof l->owner);
                l->owner_col = col;
            }
            if (block && l->what == W_KEY)
                l->block_key = true;
        }
        yaml_token_delete(&t);
    }
    yaml_parser_delete(&p);
    open->n = sp;
    for (int i = 0; i < sp; i++)
        open->col[i] = st_col[i], open->line[i] = st_line[i];
}

static const char *thing(const struct line *l, char *buf, size_t cap)
{
    if (l->what == W_KEY)
        snprintf(buf, cap, "'%s' starts in column %d", l->key, l->col);
    else if (l->what == W_ITEM)
        snprintf(buf, cap, "its '-' is in column %d", l->col);
    else
        snprintf(buf, cap, "the text starts in column %d", l->col);
    return buf;
}

bool dw_yaml_indent_error(const char *file, const char *data, size_t len, int ln, dw_diag *d)
{
    if (ln < 2)
        return false;
    /* the line above and its key are near: 200 lines of blanks and
     * comments between them is more than any content file has        */
    int base = ln > WINDOW ? ln - WINDOW : 1;
    struct text t = {data, len, base, ln - base + 1, NULL};
    t.starts = dw_xcalloc((size_t)t.n, sizeof *t.starts);
    for (int k = 0; k < t.n; k++)
        t.starts[k] = (size_t)-1;
    for (size_t i = 0, l = 1; (int)l < base + t.n; i++) {
        if ((int)l >= base && t.starts[l - (size_t)base] == (size_t)-1)
            t.starts[l - (size_t)base] = i;
        if (i >= len)
            break;
        if (data[i] == '\n')
            l++;
    }
    struct line here;
    struct line *lines = NULL;
    bool done = false;
    if (!classify_alone(&t, ln, &here))
        goto out;
    lines = dw_xcalloc((size_t)(ln - base) + 1, sizeof *lines);
    struct open_items open = {.n = 0};
    classify_above(&t, ln, lines, &open);
    int up = ln - 1;
    while (up >= base && lines[up - base].what == W_NONE)
        up--;
    if (up < base)
        goto out;
    const struct line *above = &lines[up - base];
    char a[96], b[96];
    const char *above_is = NULL, *rule = NULL;
    int ref = 0;
    if ((here.what == W_ITEM || here.item_col) &&
        (above->what == W_ITEM || above->item_col || (above->what == W_TEXT && above->owner_item) ||
         (above->what == W_KEY && above->group_item))) {
        /* two list items: their '-'; after an item's text of several
         * lines or a key below its first line, the '-' of that item */
        ref = above->what == W_TEXT ? above->owner_item
              : above->item_col     ? above->item_col
              : above->what == W_KEY ? above->group_item
                                    : above->col;
        if (above->what == W_TEXT)
            up = above->owner_line;
        else if (above->what == W_KEY && !above->item_col)
            up = above->group_line;
        above_is = "the list item above it";
        snprintf(b, sizeof b, "the one above in column %d", ref);
        rule = "the items of one list start with '-' in the same column";
    } else if (here.what == W_KEY && here.item_col == 0 && above->what == W_KEY) {
        ref = above->col;
        above_is = "the key above it";
        snprintf(b, sizeof b, "'%s' in column %d", above->key, ref);
        rule = "the keys of one group start in the same column";
    } else if (here.what == W_TEXT && above->what == W_KEY && above->block_key) {
        /* the first line of a > or | text: YAML wants it right of its key */
        ref = above->col + 1;
        if (here.col >= ref)
            goto out;
        above_is = "its key";
        snprintf(b, sizeof b, "'%s' in column %d", above->key, above->col);
        rule = "the lines of a '>' or '|' text start further right than its key";
    } else if (here.what == W_KEY && here.item_col == 0 && above->what == W_ITEM &&
               here.col == above->col) {
        /* "confirm:" in line with the '-' of the list above it */
        dw_error(d, (dw_loc){file, ln, here.col},
                 "line %d: '%s' starts in column %d, in line with the '-' of the list item "
                 "above it (line %d): a key after a list goes further left, in the column of "
                 "the keys of its group",
                 ln, here.key, here.col, up);
        done = true;
        goto out;
    } else if (here.what == W_TEXT && (above->what == W_TEXT || above->owner[0])) {
        /* a text going on: in the column where the line above has it */
        ref = above->what == W_TEXT ? above->col : above->owner_col;
        if (here.col > ref)
            goto out; /* more is allowed for texts */
        above_is = "the text above it";
        snprintf(b, sizeof b, "the text above in column %d", ref);
        rule = "a text that goes on over several lines goes on in the column where it "
               "starts, or write it on one line";
    } else if (here.what == W_KEY && above->what == W_TEXT && above->owner[0]) {
        /* a key after a text of several lines: compare with that text's key */
        ref = above->owner_col;
        above_is = "the key above it";
        snprintf(b, sizeof b, "'%s' in column %d", above->owner, ref);
        rule = "the keys of one group start in the same column";
        up = above->owner_line;
    }
    bool item = here.what == W_ITEM || here.item_col;
    int col = item && here.item_col ? here.item_col : here.col;
    if (!above_is && item && open.n > 0) {
        /* an item after deeper lines ("- id:" after a contact's
         * description): compare with the open list item nearest in column */
        int best = open.n - 1;
        for (int i = open.n - 1; i >= 0; i--)
            if (abs(open.col[i] - col) < abs(open.col[best] - col))
                best = i;
        ref = open.col[best], up = open.line[best];
        above_is = "the list item above it";
        snprintf(b, sizeof b, "the one above in column %d", ref);
        rule = "the items of one list start with '-' in the same column";
    }
    if (!above_is || col == ref)
        goto out;
    if (item)
        snprintf(a, sizeof a, "its '-' is in column %d", col);
    else
        thing(&here, a, sizeof a);
    dw_error(d, (dw_loc){file, ln, col}, "line %d is indented %s than %s (line %d): %s, %s; %s",
             ln, col > ref ? "more" : "less", above_is, up, a, b, rule);
    done = true;
out:
    free(lines);
    free(t.starts);
    return done;
}

/* "title:Willkommen": YAML reads one text, not a key and its value.  A
 * plain text that starts with a word and a colon followed by no space is
 * that mistake; the message says where the space goes.                  */
bool dw_yaml_colon_space(const char *file, dw_loc at, const char *text, dw_diag *d)
{
    size_t k = 0;
    if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z')))
        return false;
    while ((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= 'A' && text[k] <= 'Z') ||
           (text[k] >= '0' && text[k] <= '9') || text[k] == '_' || text[k] == '-')
        k++;
    if (k == 0 || text[k] != ':' || text[k + 1] == 0 || text[k + 1] == ' ' ||
        text[k + 1] == '/')
        return false;
    char rest[48];
    size_t n = strcspn(text + k + 1, "\n");
    snprintf(rest, sizeof rest, "%.*s%s", n > 30 ? 30 : (int)n, text + k + 1, n > 30 ? "…" : "");
    dw_error(d, (dw_loc){file, at.line, at.col + (int)k + 1},
             "a space is missing after '%.*s:': write '%.*s: %s'", (int)k, text, (int)k, text,
             rest);
    return true;
}
