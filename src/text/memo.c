/*
 * memo.c — paragraphs already set in this build, by their spec.
 *
 * A document sets the same paragraph many times: the running head on
 * every page, the list bullet, "not yet confirmed" under each unverified
 * contact, a contact that appears in several sections, the table of
 * contents in its trial and its final pass.  dw_text_para is a function
 * of the spec's content (the text and styles of the spans, language,
 * size, measure, alignment …), so an equal spec gets the lines of the
 * first one.  Only loc and what are left out of the key: they name the
 * text in diagnostics, and a paragraph that gave any diagnostic is not
 * kept, so that each repeat reports it again at its own place.
 */
#include "text.h"

#include <string.h>

/* Open addressing; at most half full.  A build sets ~1,000 paragraphs.  */
#define MEMO_FIRST_SLOTS 256

typedef struct memo_slot {
    uint64_t hash;
    const dw_para_spec *spec; /* a deep copy in the memo's arena; NULL: empty */
    const dw_para *para;
} memo_slot;

struct dw_para_memo {
    dw_arena *a;
    memo_slot *slots;
    size_t n_slots, n;
};

dw_para_memo *dw_para_memo_new(dw_arena *a)
{
    dw_para_memo *m = dw_alloc(a, sizeof *m);
    m->a = a;
    return m;
}

/* FNV-1a over 8-byte words (then bytes), with a shift to fold the high
 * bits back: the keys are whole paragraphs.  Equal keys are compared in
 * full, so the hash only has to spread.                               */
static uint64_t mix(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    for (; n; p++, n--)
        h = (h ^ *p) * 0x100000001b3ull;
    return h;
}

/* Strings hash with their terminator, NULL as one byte that no UTF-8
 * string starts with, so that "a" + NULL and NULL + "a" differ.        */
static uint64_t mix_str(uint64_t h, const char *s)
{
    static const unsigned char null_mark = 0xFF;
    return s ? mix(h, s, strlen(s) + 1) : mix(h, &null_mark, 1);
}

static bool str_eq(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

/* Doubles compare by their bits: the memo must never join two specs
 * that could set differently.                                         */
static bool bits_eq(double x, double y)
{
    return memcmp(&x, &y, sizeof x) == 0;
}

static uint64_t spec_hash(const dw_para_spec *p)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < p->n_spans; i++) {
        const dw_tspan *t = &p->spans[i];
        unsigned char flags[2] = {(unsigned char)t->style, t->ltr_isolate};
        h = mix_str(h, t->text);
        h = mix(h, flags, sizeof flags);
        h = mix_str(h, t->href);
        h = mix(h, &t->tag, sizeof t->tag);
        h = mix_str(h, t->lang);
        h = mix_str(h, t->hyphenation);
    }
    h = mix(h, &p->n_spans, sizeof p->n_spans);
    h = mix_str(h, p->lang);
    h = mix_str(h, p->script);
    h = mix_str(h, p->hyphenation);
    double nums[6] = {p->size_pt, p->width_pt, p->indent_pt, p->letter_space_em,
                      p->space_open_max, p->letter_shrink_em};
    h = mix(h, nums, sizeof nums);
    int small[4] = {p->rtl, (int)p->align, p->no_hyphens, p->reshape_lines};
    return mix(h, small, sizeof small);
}

static bool spec_eq(const dw_para_spec *p, const dw_para_spec *q)
{
    if (p->n_spans != q->n_spans || !str_eq(p->lang, q->lang) ||
        !str_eq(p->script, q->script) || !str_eq(p->hyphenation, q->hyphenation) ||
        p->rtl != q->rtl || !bits_eq(p->size_pt, q->size_pt) ||
        !bits_eq(p->width_pt, q->width_pt) || !bits_eq(p->indent_pt, q->indent_pt) ||
        !bits_eq(p->letter_space_em, q->letter_space_em) ||
        !bits_eq(p->space_open_max, q->space_open_max) ||
        !bits_eq(p->letter_shrink_em, q->letter_shrink_em) ||
        p->align != q->align || p->no_hyphens != q->no_hyphens ||
        p->reshape_lines != q->reshape_lines)
        return false;
    for (size_t i = 0; i < p->n_spans; i++) {
        const dw_tspan *s = &p->spans[i], *t = &q->spans[i];
        if (s->style != t->style || s->ltr_isolate != t->ltr_isolate || s->tag != t->tag ||
            !str_eq(s->text, t->text) || !str_eq(s->href, t->href) ||
            !str_eq(s->lang, t->lang) || !str_eq(s->hyphenation, t->hyphenation))
            return false;
    }
    return true;
}

/* The key outlives the caller's spec: copy the spans (the strings they
 * point to live in the build's arena or the content set, as the lines'
 * href and lang do).                                                    */
static const dw_para_spec *spec_copy(dw_arena *a, const dw_para_spec *p)
{
    dw_para_spec *c = dw_alloc(a, sizeof *c);
    *c = *p;
    dw_tspan *spans = dw_alloc_array(a, p->n_spans + 1, sizeof *spans);
    if (p->n_spans)
        memcpy(spans, p->spans, p->n_spans * sizeof *spans);
    c->spans = spans;
    c->loc = dw_loc_none();
    c->what = NULL;
    return c;
}

static memo_slot *lookup(dw_para_memo *m, const dw_para_spec *p, uint64_t h)
{
    size_t i = (size_t)h & (m->n_slots - 1);
    while (m->slots[i].spec && !(m->slots[i].hash == h && spec_eq(m->slots[i].spec, p)))
        i = (i + 1) & (m->n_slots - 1);
    return &m->slots[i];
}

static void grow(dw_para_memo *m)
{
    memo_slot *old = m->slots;
    size_t n_old = m->n_slots;
    m->n_slots = n_old ? n_old * 2 : MEMO_FIRST_SLOTS;
    m->slots = dw_alloc_array(m->a, m->n_slots, sizeof *m->slots);
    for (size_t i = 0; i < n_old; i++)
        if (old[i].spec)
            *lookup(m, old[i].spec, old[i].hash) = old[i];
}

bool dw_text_para_memo(dw_shaper *s, dw_para_memo *m, const dw_para_spec *spec,
                       const dw_para **out, dw_diag *d)
{
    if (2 * (m->n + 1) > m->n_slots)
        grow(m);
    uint64_t h = spec_hash(spec);
    memo_slot *slot = lookup(m, spec, h);
    if (slot->spec) {
        *out = slot->para;
        return true;
    }
    dw_para *p = dw_alloc(m->a, sizeof *p);
    size_t n_msgs = d->n;
    int errors = d->errors, warnings = d->warnings;
    bool ok = dw_text_para(s, spec, m->a, p, d);
    *out = p;
    if (ok && d->n == n_msgs && d->errors == errors && d->warnings == warnings) {
        *slot = (memo_slot){h, spec_copy(m->a, spec), p};
        m->n++;
    }
    return ok;
}
