#!/usr/bin/env python3
"""Brackets around left-to-right words in Arabic and Persian paragraphs,
broken across lines (issue 13: "(Führerschein-|stelle)" in the Persian
welcome folder).  Prints "ok NAME" / "FAIL NAME: why".

UAX #9 resolves the embedding levels once for the whole paragraph
(brackets paired by N0, isolates by X5a–X6a), breaks it into lines, and
reorders each line on its own with those levels (L1–L2).  The oracle is
FriBiDi's own line reordering, fribidi_reorder_line, called through
ctypes on the paragraph's levels (druckwerk reorders its glyph runs with
its own code, src/text/bidi.c).  The page is read with mutool (stext:
every character with its x position, by baseline).

Each sentence is set at many widths so that the line break falls before,
inside and after the brackets; for every line, the characters seen from
left to right must be those FriBiDi puts there.  Arabic letters are
compared as words (a run of them counts as one 'ع': joining forms and
ligatures may share a position); brackets, Latin letters and digits one
by one, so a bracket at the wrong end of a line, or a word on the wrong
side of it, is a failure.
"""
import ctypes
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
LRI, PDI = "\u2066", "\u2069"

# (language, text as typed with markup, the same text as the paragraph
# druckwerk builds from it: {de:} and {ltr:} are LRI … PDI)
CASES = [
    ("fa", "زود از اداره‌ی گواهی‌نامه‌ی رانندگی ({de:Führerscheinstelle}) شهرستان بپرسید که چه باید بکنید."),
    ("fa", "برای بلیت ({ltr:Landkreis Cloppenburg}) به اداره بروید و بپرسید."),
    ("fa", "این دفتر (Integrationsbeauftragte der Stadt) هر روز باز است."),
    ("fa", "با Jobcenter (Bundesagentur für Arbeit) تماس بگیرید و وقت بگیرید."),
    ("ar", "اسألوا مكتب رخص القيادة ({de:Führerscheinstelle}) في الدائرة عما يجب فعله."),
    ("ar", "يمكنكم شراء التذكرة (Deutschlandticket Sozialticket) من المكتب مباشرة."),
    ("ar", "راجعوا ({ltr:Landkreis Cloppenburg, Eschstraße 29}) في أيام العمل."),
    ("ar", "تواصلوا مع {de:Jobcenter} (Bundesagentur für Arbeit) أو مع المكتب قبل الموعد."),
]
WIDTHS = range(34, 115, 8)
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
SKIP = {" ", "\u00ad", "\u200c", "\u200d", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u200e", "\u200f"}

fb = ctypes.CDLL("libfribidi.so.0")
FRIBIDI_PAR_RTL = 0x00000111


def paragraph(typed):
    """The paragraph's code points: markup {de:x} and {ltr:x} as LRI x PDI."""
    return re.sub(r"\{(?:de|ltr):([^}]*)\}", lambda m: LRI + m.group(1) + PDI, typed)


def levels(text):
    n = len(text)
    s = (ctypes.c_uint32 * n)(*[ord(c) for c in text])
    types = (ctypes.c_uint32 * n)()
    brackets = (ctypes.c_uint32 * n)()
    lev = (ctypes.c_int8 * n)()
    fb.fribidi_get_bidi_types(s, n, types)
    fb.fribidi_get_bracket_types(s, n, types, brackets)
    d = ctypes.c_uint32(FRIBIDI_PAR_RTL)
    if fb.fribidi_get_par_embedding_levels_ex(types, brackets, n, ctypes.byref(d), lev) == 0:
        raise RuntimeError("fribidi failed")
    return types, lev


def visual(text, types, lev, off, length):
    """FriBiDi's visual order of the line text[off:off+length] (UAX #9 L1–L2)."""
    n = len(text)
    lv = (ctypes.c_int8 * n)(*lev)  # reorder_line applies L1 in place
    m = (ctypes.c_int * n)(*range(n))
    fb.fribidi_reorder_line(0, types, length, off, FRIBIDI_PAR_RTL, lv, None, m)
    return "".join(text[m[i]] for i in range(off, off + length))


def squash(chars):
    """Left to right, without spaces and controls; a run of Arabic letters as 'ع'."""
    out = "".join(c for c in chars if c not in SKIP)
    return ARABIC.sub("ع", re.sub(ARABIC.pattern + "+", "ع", out))


def page_lines(pdf):
    """The page's characters by baseline, top to bottom: [(x, c), ...] each."""
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", pdf, "1"],
                         capture_output=True, text=True, check=True).stdout
    rows = {}
    for ch in ET.fromstring(xml).iter("char"):
        rows.setdefault(round(float(ch.get("y")), 1), []).append((float(ch.get("x")), ch.get("c")))
    return [sorted(rows[y]) for y in sorted(rows)]


def split_lines(text, lines):
    """Where the paragraph breaks: line k holds the words (runs of
    characters between spaces) that the page shows on it; a line that
    ends with the added hyphen holds only the first part of its last word."""
    words = []  # (start, end) of each word in text
    for m in re.finditer(r"[^ ]+", text):
        words.append([m.start(), m.end()])
    out, w = [], 0
    for row in lines:
        tokens, cur, last_x = [], "", None
        for x, c in row:
            if c == " ":
                if cur:
                    tokens.append(cur)
                cur = ""
            else:
                cur += c
        if cur:
            tokens.append(cur)
        hyphenated = any(c == "\u00ad" for _, c in row)
        k = len(tokens)
        start = words[w][0] if w < len(words) else len(text)
        if hyphenated:
            # the broken word: its part on this line has as many
            # characters (controls aside) as the token with the hyphen
            part = next(t for t in tokens if "\u00ad" in t)
            seen = len([c for c in part if c not in SKIP])
            full = w + k - 1
            a, b = words[full]
            i, got = a, 0
            while i < b and got < seen:
                got += text[i] not in SKIP
                i += 1
            while i < b and text[i] in SKIP and text[i] != PDI:
                i += 1
            out.append((start, i))
            words[full][0] = i
            w = full
        else:
            w += k
            out.append((start, words[w - 1][1]))
    return out


def check_case(lang, typed, width, tmp, n):
    pdf = os.path.join(tmp, f"b{n}.pdf")
    r = run(DRUCKWERK, "sample", "--lang", lang, "--text", typed, "--out", pdf,
            "--width", str(width), "--cache", os.path.join(tmp, "cache"))
    if r.returncode != 0:
        return [f"{lang} w{width}: {r.stderr.strip()[:120]}"], 0
    text = paragraph(typed)
    types, lev = levels(text)
    lines = page_lines(pdf)
    bad, broken = [], 0
    try:
        ranges = split_lines(text, lines)
    except (StopIteration, IndexError):
        return [f"{lang} w{width}: lines not matched to the text"], 0
    for row, (a, b) in zip(lines, ranges):
        want = squash(visual(text, types, lev, a, b - a))
        got = squash(c for _, c in row)
        if "(" in text[a:b] and ")" not in text[a:b] or ")" in text[a:b] and "(" not in text[a:b]:
            broken += 1
        if got != want:
            bad.append(f"{lang} width {width} mm: line seen '{got}', FriBiDi '{want}'")
    return bad, broken


def main():
    with tempfile.TemporaryDirectory() as tmp:
        bad, n, broken = [], 0, 0
        for lang, typed in CASES:
            for width in WIDTHS:
                n += 1
                b, k = check_case(lang, typed, width, tmp, n)
                bad += b
                broken += k
        report(not bad and broken >= 20,
               f"bidi-brackets across line breaks ({n} settings in ar and fa, "
               f"{broken} lines with one bracket of a pair)",
               f"{len(bad)} lines differ: " + "; ".join(bad[:4]))
    return status()


if __name__ == "__main__":
    sys.exit(main())
