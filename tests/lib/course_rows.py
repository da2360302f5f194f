"""Where a course's dates stand on the pages of a PDF, as poppler reads
them (`pdftotext -bbox-layout`): shared by the sample and timetable
tests.  The dates are written as the language writes them (its
`date-format` and digits from content/languages/*.yaml, read with
PyYAML), not as druckwerk's formatter does.

A course is found where its start date and its end date stand
  - stacked, as in the timetable: the end right under the start, the two
    aligned at their start side (left in ltr, right in rtl); or
  - on one line, as on a card: the start first in reading order (left of
    the end in ltr, right of it in rtl).
"""
import re
import subprocess
import xml.etree.ElementTree as ET

DIGITS = {"arabic-indic": 0x660, "extended-arabic-indic": 0x6F0}
DASHES = "–-"


def words_by_page(pdf):
    """Per page: a list of words {x0, y0, x1, y1, text, line} (line: the
    index of poppler's line, so cells' words can be grouped)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = []
    for page in ET.fromstring(xml).iter():
        if not page.tag.endswith("}page"):
            continue
        ws, n = [], 0
        for line in page.iter():
            if not line.tag.endswith("}line"):
                continue
            n += 1
            for w in line:
                if w.tag.endswith("}word"):
                    ws.append({"x0": float(w.get("xMin")), "y0": float(w.get("yMin")),
                               "x1": float(w.get("xMax")), "y1": float(w.get("yMax")),
                               "text": w.text or "", "line": n})
        pages.append(ws)
    return pages


def fmt_date(lang, d):
    """A date (YAML date or 'YYYY-MM-DD') in the language's pattern and digits."""
    y, m, dd = str(d).split("-")
    s = lang.get("date-format", "{y}-{m}-{d}").replace("{d}", dd).replace("{m}", m).replace("{y}", y)
    base = DIGITS.get(lang.get("digits", "latin"))
    return "".join(chr(base + ord(c) - 48) if base and c.isdigit() else c for c in s)


def strip_dash(t):
    return t.strip(DASHES + " \u2068\u2069\u2066\u2067\u200e\u200f")


def find(page, start, end, rtl):
    """(start word, end word, how) pairs of one course on one page."""
    starts = [w for w in page if strip_dash(w["text"]) == start]
    ends = [w for w in page if strip_dash(w["text"]) == end]
    out = []
    for s in starts:
        h = s["y1"] - s["y0"]
        for e in ends:
            if e is s:
                continue
            dy = e["y0"] - s["y0"]
            side = abs(e["x1"] - s["x1"]) if rtl else abs(e["x0"] - s["x0"])
            if 0.5 * h < dy < 1.8 * h and side < 1.5:
                out.append((s, e, "stacked"))
            elif abs(dy) < 0.5 * h and ((e["x1"] < s["x0"]) if rtl else (e["x0"] > s["x1"])):
                out.append((s, e, "line"))
    return out


def course_pages(pages, lang, course, rtl):
    """Page numbers (1-based) on which the course's dates stand, one entry
    per place found (a course shown twice on a page counts twice)."""
    start, end = fmt_date(lang, course["start"]), fmt_date(lang, course["end"])
    got = []
    for i, page in enumerate(pages):
        got += [i + 1] * len(find(page, start, end, rtl))
    return got


def dash_side(page, start_word):
    """The dash after a stacked start date: the word '–' or the dash
    inside the start's word; returns its x centre or None."""
    t = start_word["text"]
    if any(c in t for c in DASHES):
        # poppler kept the dash in the word: which end of the word is it?
        core = strip_dash(t)
        i = t.find(core)
        left = any(c in t[:i] for c in DASHES)
        return start_word["x0"] if left else start_word["x1"]
    same = [w for w in page if w["line"] == start_word["line"] and w is not start_word
            and re.fullmatch("[" + DASHES + "]", w["text"].strip())]
    if not same:
        return None
    d = min(same, key=lambda w: min(abs(w["x1"] - start_word["x0"]), abs(w["x0"] - start_word["x1"])))
    return (d["x0"] + d["x1"]) / 2
