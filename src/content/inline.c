/*
 * inline.c — inline markup of one text (content/README.md, "inline
 * markup") → a dw_text: spans with a kind (text, link, tel, mail, web,
 * ltr, de), a style (emphasis, strong) and, for links, phone numbers, e-mail
 * and web addresses, the href.
 *
 *   *em*  **strong**  [text](address)  {tel:…} {mail:…} {web:…} {ltr:…}
 *   {de:…}
 *   \*  \{  \[  \\  (a backslash before any ASCII punctuation makes it
 *   literal, as in CommonMark; before anything else it is a backslash)
 *
 * A single '*' between two letters is literal: German writes
 * "Bürger*innen" (gender star), which must not start emphasis.
 * The first markup error in a text is reported where the markup stands
 * (the caller says how offsets in the text map to the file), an unclosed
 * '**' or '*' where it opened; the rest of the text is then kept
 * literally, so one mistake gives one message.
 */
#include "content_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"tel", "mail", "web", "ltr", "de"};
static const enum dw_span_kind kind_of[] = {DW_SPAN_TEL, DW_SPAN_MAIL, DW_SPAN_WEB,
                                            DW_SPAN_LTR, DW_SPAN_DE};
#define N_KINDS (sizeof kind_names / sizeof *kind_names)

struct inl {
    dw_arena *a;
    dw_diag *d;
    dw_loc loc;
    enum dw_inline_src src;
    dw_inline_where where; /* or NULL: src says how */
    const void *where_ctx;
    const char *s;
    size_t len, i;
    unsigned style;
    size_t strong_at, em_at; /* where the open '**' and '*' are */
    dw_buf text;     /* the TEXT run not yet turned into a span */
    dw_span *spans;  /* heap while parsing */
    size_t n, cap;
    bool failed;
};

static bool is_punct(char c)
{
    return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

static bool is_letter(char c)
{
    /* bytes of multi-byte UTF-8 sequences count as letters: "ü*innen" */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
}

static void push(struct inl *p, enum dw_span_kind kind, const char *text, size_t n,
                 const char *href)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 8;
        p->spans = dw_xrealloc(p->spans, p->cap * sizeof *p->spans);
    }
    p->spans[p->n++] = (dw_span){kind, p->style, dw_strndup(p->a, text, n), href};
}

static void flush(struct inl *p)
{
    if (p->text.len)
        push(p, DW_SPAN_TEXT, p->text.data, p->text.len, NULL);
    p->text.len = 0;
}

static void fail(struct inl *p, size_t from, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The file's line and column of byte `from` of the text. */
static dw_loc loc_at(const struct inl *p, size_t from)
{
    if (p->where)
        return p->where(p->where_ctx, from);
    dw_loc at = p->loc;
    size_t line_start = 0;
    int lines = 0;
    for (size_t i = 0; i < from; i++)
        if (p->s[i] == '\n')
            lines++, line_start = i + 1;
    int chars = 0; /* code points from the line's start, as editors count */
    for (size_t i = line_start; i < from; i++)
        chars += ((unsigned char)p->s[i] & 0xC0) != 0x80;
    if (p->src == DW_INLINE_LINE || p->src == DW_INLINE_QUOTED_LINE)
        at.col += chars + (p->src == DW_INLINE_QUOTED_LINE);
    else if (p->src == DW_INLINE_BLOCK)
        at.line += 1 + lines, at.col = 0; /* the block's indentation is not known here */
    return at;
}

/* Report a markup error and keep the rest of the text as it was written. */
static void fail(struct inl *p, size_t from, const char *fmt, ...)
{
    dw_loc at = loc_at(p, from);
    va_list ap;
    va_start(ap, fmt);
    dw_diag_vadd(p->d, DW_ERROR, at, fmt, ap);
    va_end(ap);
    p->failed = true;
    dw_buf_put(&p->text, p->s + from, p->len - from);
    p->i = p->len;
}

/* Offset of the first unescaped `close` at or after from, or len.  With
 * nest, pairs of `nest` … `close` inside are skipped ("(…(…)…)").       */
static size_t find_close(const struct inl *p, size_t from, char close, char nest)
{
    int depth = 0;
    for (size_t i = from; i < p->len; i++) {
        char c = p->s[i];
        if (c == '\\' && is_punct(p->s[i + 1]))
            i++;
        else if (nest && c == nest)
            depth++;
        else if (c == close && depth-- == 0)
            return i;
    }
    return p->len;
}

/* s[from, to) with escapes removed, in the arena. */
static char *unescape(const struct inl *p, size_t from, size_t to)
{
    char *out = dw_alloc(p->a, to - from + 1);
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        if (p->s[i] == '\\' && i + 1 < to && is_punct(p->s[i + 1]))
            i++;
        out[n++] = p->s[i];
    }
    out[n] = 0;
    return out;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
        s[--n] = 0;
    return s;
}

/* ---- hrefs ------------------------------------------------------------------- */

static const char *tel_href(dw_arena *a, const char *text, const char **why)
{
    /* E.164 numbers have at most 15 digits; 20 leaves room for extensions */
    char digits[21];
    size_t nd = 0;
    bool plus = false;
    for (const char *s = text; *s; s++) {
        if (plus && strncmp(s, "(0)", 3) == 0) {
            s += 2; /* "+49 (0) 4471": the 0 is dialled only inside Germany */
            continue;
        }
        if (*s >= '0' && *s <= '9') {
            if (nd + 1 == sizeof digits) {
                *why = "a phone number has at most 20 digits";
                return NULL;
            }
            digits[nd++] = *s;
        } else if (*s == '+' && nd == 0 && !plus) {
            plus = true;
        } else if (!strchr(" -/().", *s)) {
            *why = "a phone number may only contain digits, spaces and + - / ( )";
            return NULL;
        }
    }
    digits[nd] = 0;
    if (nd < 3) {
        *why = "a phone number needs at least 3 digits";
        return NULL;
    }
    if (plus)
        return dw_sprintf(a, "tel:+%s", digits);
    if (digits[0] == '0' && digits[1] == '0')
        return dw_sprintf(a, "tel:+%s", digits + 2);
    if (digits[0] == '0') /* a German number with area code */
        return dw_sprintf(a, "tel:+49%s", digits + 1);
    return dw_sprintf(a, "tel:%s", digits); /* 110, 116 117: no area code */
}

static bool has_space(const char *s)
{
    for (; *s; s++)
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            return true;
    return false;
}

static const char *mail_href(dw_arena *a, const char *text, const char **why)
{
    const char *at = strchr(text, '@');
    const char *dot = at ? strrchr(at, '.') : NULL;
    if (has_space(text) || !at || at == text || strchr(at + 1, '@') || !dot ||
        dot == at + 1 || dot[1] == 0) {
        *why = "an e-mail address looks like name@example.de, without spaces";
        return NULL;
    }
    return dw_sprintf(a, "mailto:%s", text);
}

static const char *web_href(dw_arena *a, const char *text, bool link, const char **why)
{
    if (!*text || has_space(text)) {
        *why = "a web address cannot be empty or contain spaces";
        return NULL;
    }
    /* Only what a reader's PDF viewer should open: web pages, mail,
     * phone.  file:///etc/passwd or smb://… in a county brochure is a
     * mistake or an attack.                                            */
    if (strncmp(text, "https://", 8) == 0 || strncmp(text, "http://", 7) == 0 ||
        (link && (strncmp(text, "mailto:", 7) == 0 || strncmp(text, "tel:", 4) == 0)))
        return dw_strdup(a, text);
    const char *colon = strchr(text, ':');
    bool scheme = colon && colon > text;
    for (const char *c = text; scheme && c < colon; c++)
        scheme = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                 *c == '+' || *c == '-' || *c == '.';
    if (scheme && (colon[1] == '/' || link)) {
        *why = "links may be https://, http://, mailto: or tel: only";
        return NULL;
    }
    return dw_sprintf(a, "https://%s", text);
}

const char *dw_inline_href(dw_arena *a, enum dw_span_kind kind, const char *text,
                           const char **why)
{
    const char *unused;
    if (!why)
        why = &unused;
    switch (kind) {
    case DW_SPAN_TEL: return tel_href(a, text, why);
    case DW_SPAN_MAIL: return mail_href(a, text, why);
    case DW_SPAN_WEB: return web_href(a, text, false, why);
    case DW_SPAN_LINK: return web_href(a, text, true, why);
    case DW_SPAN_TEXT:
    case DW_SPAN_LTR:
    case DW_SPAN_DE: break;
    }
    *why = "this kind of text has no address";
    return NULL;
}

/* ---- markup --------------------------------------------------------------------- */

/* '*' or '**' at p->i. */
static void star(struct inl *p)
{
    size_t i = p->i;
    if (p->s[i + 1] == '*') {
        flush(p);
        p->style ^= DW_STYLE_STRONG;
        p->strong_at = i;
        p->i += 2;
    } else if (i > 0 && is_letter(p->s[i - 1]) && is_letter(p->s[i + 1])) {
        dw_buf_putc(&p->text, '*'); /* Bürger*innen */
        p->i++;
    } else {
        flush(p);
        p->style ^= DW_STYLE_EM;
        p->em_at = i;
        p->i++;
    }
}

/* [text](address) at p->i. */
static void link(struct inl *p)
{
    size_t start = p->i, close = find_close(p, start + 1, ']', 0);
    if (close == p->len) {
        fail(p, start, "'[' is not closed: write a link as [text](address), or \\[ for a "
                       "literal '['");
        return;
    }
    const char *shown = dw_clip(p->a, unescape(p, start + 1, close));
    if (p->s[close + 1] != '(') {
        fail(p, start, "link '[%s]' has no address: write [text](address), or \\[ for a "
                       "literal '['", shown);
        return;
    }
    size_t end = find_close(p, close + 2, ')', '(');
    if (end == p->len) {
        fail(p, start, "link '[%s](' is not closed: add ')' after the address", shown);
        return;
    }
    if (close == start + 1) {
        fail(p, start, "link '[](…)' has no text: write the words to click between [ and ]");
        return;
    }
    for (size_t i = start + 1; i < close; i++) {
        if (p->s[i] == '\\' && is_punct(p->s[i + 1]))
            i++;
        else if (p->s[i] == '[' || p->s[i] == '{') {
            fail(p, start, "link '[%s]' holds other markup: write \\%c for a literal '%c'",
                 shown, p->s[i], p->s[i]);
            return;
        }
    }
    const char *why = NULL;
    const char *href = dw_inline_href(p->a, DW_SPAN_LINK,
                                      trim(unescape(p, close + 2, end)), &why);
    if (!href) {
        fail(p, start, "link '[%s]': %s", shown, why);
        return;
    }
    /* the link text: emphasis may change inside it */
    flush(p);
    for (size_t i = start + 1; i < close; i++) {
        char c = p->s[i];
        if (c == '\\' && is_punct(p->s[i + 1])) {
            dw_buf_putc(&p->text, p->s[++i]);
        } else if (c == '*' && p->s[i + 1] != '*' && is_letter(p->s[i - 1]) &&
                   is_letter(p->s[i + 1])) {
            dw_buf_putc(&p->text, '*'); /* Bürger*innen */
        } else if (c == '*') {
            if (p->text.len)
                push(p, DW_SPAN_LINK, p->text.data, p->text.len, href);
            p->text.len = 0;
            bool two = p->s[i + 1] == '*';
            p->style ^= two ? DW_STYLE_STRONG : DW_STYLE_EM;
            *(two ? &p->strong_at : &p->em_at) = i;
            i += two;
        } else {
            dw_buf_putc(&p->text, c);
        }
    }
    if (p->text.len)
        push(p, DW_SPAN_LINK, p->text.data, p->text.len, href);
    p->text.len = 0;
    p->i = end + 1;
}

/* {kind:content} at p->i. */
static void braces(struct inl *p)
{
    size_t start = p->i, k = start + 1;
    while (p->s[k] >= 'a' && p->s[k] <= 'z')
        k++;
    if (p->s[k] != ':' || k == start + 1) {
        fail(p, start, "'{' starts markup like {tel:…}: write \\{ for a literal '{'");
        return;
    }
    const char *kind = dw_strndup(p->a, p->s + start + 1, k - start - 1);
    size_t which = 0;
    while (which < N_KINDS && strcmp(kind_names[which], kind) != 0)
        which++;
    if (which == N_KINDS) {
        const char *near = dw_suggest(kind, kind_names, N_KINDS);
        if (near)
            fail(p, start, "unknown markup '{%s:' (did you mean '{%s:'?)",
                 dw_clip(p->a, kind), near);
        else
            fail(p, start, "unknown markup '{%s:': use {tel:…}, {mail:…}, {web:…}, "
                           "{ltr:…} or {de:…}", dw_clip(p->a, kind));
        return;
    }
    size_t close = find_close(p, k + 1, '}', 0);
    if (close == p->len) {
        fail(p, start, "'{%s:' is not closed: add '}'", kind);
        return;
    }
    char *content = trim(unescape(p, k + 1, close));
    if (!*content) {
        fail(p, start, "'{%s:}' is empty: write the text after the ':'", kind);
        return;
    }
    const char *href = NULL, *why = NULL;
    if (kind_of[which] != DW_SPAN_LTR && kind_of[which] != DW_SPAN_DE) {
        href = dw_inline_href(p->a, kind_of[which], content, &why);
        if (!href) {
            fail(p, start, "'{%s:%s}': %s", kind, dw_clip(p->a, content), why);
            return;
        }
    }
    flush(p);
    push(p, kind_of[which], content, strlen(content), href);
    p->i = close + 1;
}

dw_text dw_inline_parse(dw_arena *a, const char *s, dw_loc loc, dw_diag *d)
{
    return dw_inline_parse_src(a, s, loc, DW_INLINE_AT_START, d);
}

dw_text dw_inline_parse_src(dw_arena *a, const char *s, dw_loc loc, enum dw_inline_src src,
                            dw_diag *d)
{
    return dw_inline_parse_where(a, s, loc, src, NULL, NULL, d);
}

dw_text dw_inline_parse_where(dw_arena *a, const char *s, dw_loc loc, enum dw_inline_src src,
                              dw_inline_where where, const void *ctx, dw_diag *d)
{
    struct inl p;
    memset(&p, 0, sizeof p);
    p.a = a;
    p.d = d;
    p.loc = loc;
    p.src = src;
    p.where = where;
    p.where_ctx = ctx;
    p.s = s;
    p.len = strlen(s);
    dw_buf_init(&p.text);
    while (p.i < p.len) {
        char c = s[p.i];
        if (c == '\\' && is_punct(s[p.i + 1])) {
            dw_buf_putc(&p.text, s[p.i + 1]);
            p.i += 2;
        } else if (c == '*') {
            star(&p);
        } else if (c == '[') {
            link(&p);
        } else if (c == '{') {
            braces(&p);
        } else {
            dw_buf_putc(&p.text, c);
            p.i++;
        }
    }
    flush(&p);
    if (!p.failed && (p.style & DW_STYLE_STRONG))
        dw_error(d, loc_at(&p, p.strong_at), "'**' is not closed: add the closing '**', or "
                 "write \\* for a literal '*'");
    else if (!p.failed && (p.style & DW_STYLE_EM))
        dw_error(d, loc_at(&p, p.em_at), "'*' is not closed: add the closing '*', or write "
                 "\\* for a literal '*'");
    dw_text t = {NULL, p.n, loc};
    if (p.n) {
        t.spans = dw_alloc_array(a, p.n, sizeof *t.spans);
        memcpy(t.spans, p.spans, p.n * sizeof *t.spans);
    }
    free(p.spans);
    dw_buf_fini(&p.text);
    return t;
}
