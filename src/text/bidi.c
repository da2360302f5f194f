/*
 * bidi.c — the Unicode Bidirectional Algorithm (UAX #9) through FriBiDi:
 * embedding levels for a paragraph (rules P2–I2, with isolates and
 * bracket pairs), and the reordering of a line's items (L2).
 */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

/* Left-to-right text with nothing that could open a right-to-left level:
 * no R, AL, AN, no explicit embedding or override, no isolate.  In a
 * left-to-right paragraph every character of it resolves to level 0:
 * W1 NSM takes L or sos (L); W2 EN stays EN (no AL); W4–W6 separators and
 * terminators become EN or ON; W7 EN after L or sos becomes L; N0–N2
 * neutrals and brackets between L, sos and eos become L; I1 L at level 0
 * stays 0; L1 separators and trailing white space get the paragraph
 * level, 0.  Most German, English, Romanian and Ukrainian paragraphs.
 * (FriBiDi 1.0 agrees on 300,000 random strings of such characters;
 * tests/unit/test_para.c checks 20,000 on every run.)                */
bool dw_bidi_all_ltr(const FriBidiCharType *types, size_t n)
{
    const FriBidiCharType other = FRIBIDI_MASK_RTL | FRIBIDI_MASK_ARABIC |
                                  FRIBIDI_MASK_EXPLICIT | FRIBIDI_MASK_ISOLATE;
    for (size_t i = 0; i < n; i++)
        if (types[i] & other)
            return false;
    return true;
}

bool dw_bidi_levels(para *p, dw_diag *d)
{
    FriBidiCharType *types = dw_tmp(p->sh, p->n + 1, sizeof *types);
    p->level = dw_tmp_zero(p->sh, p->n + 1, sizeof *p->level);
    fribidi_get_bidi_types(p->cp, (FriBidiStrIndex)p->n, types);
    if (!p->spec->rtl && dw_bidi_all_ltr(types, p->n))
        return true; /* every level is 0 (dw_tmp_zero) */
    FriBidiBracketType *brackets = dw_tmp(p->sh, p->n + 1, sizeof *brackets);
    fribidi_get_bracket_types(p->cp, (FriBidiStrIndex)p->n, types, brackets);
    /* P3 is overridden: the paragraph direction is the language's (an
     * Arabic paragraph that starts with "B1" is still right-to-left).    */
    FriBidiParType dir = p->spec->rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)p->n,
                                            &dir, p->level) == 0) {
        dw_error(d, p->spec->loc, "the bidi algorithm failed on this text");
        return false;
    }
    return true;
}

static void reverse(item *it, size_t a, size_t b) /* [a, b) */
{
    while (a + 1 < b) {
        item t = it[a];
        it[a] = it[--b];
        it[b] = t;
        a++;
    }
}

/* UAX #9 L2: from the highest level down to the lowest odd level on the
 * line, reverse every maximal sequence of items at that level or higher.
 * (L1 is applied by the caller: trailing white space is not drawn.)     */
void dw_bidi_reorder(item *items, size_t n, int para_level)
{
    int hi = para_level, lo_odd = 127;
    for (size_t i = 0; i < n; i++) {
        if (items[i].level > hi)
            hi = items[i].level;
        if ((items[i].level & 1) && items[i].level < lo_odd)
            lo_odd = items[i].level;
    }
    for (int lvl = hi; lvl >= lo_odd && lvl > 0; lvl--) {
        size_t i = 0;
        while (i < n) {
            if (items[i].level < lvl) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n && items[j].level >= lvl)
                j++;
            reverse(items, i, j);
            i = j;
        }
    }
}
