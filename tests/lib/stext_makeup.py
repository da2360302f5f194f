#!/usr/bin/env python3
"""Two proof classes measured again, from MuPDF's structured text (`mutool
draw -F stext`: every character with its font size and its box), not from
our display list.

- letter_spaced(pdf): lines whose letters stand visibly apart.  Between
  two letters of one word MuPDF's boxes leave the kerning plus any
  letter-spacing; kerning differs from pair to pair and is 0 for most,
  so the median gap of a line's letter pairs is its letter-spacing.
  A line is letter-spaced when that median exceeds `limit` ems of the
  line's type size (its largest font size) (the
  README's threshold; default 0.02).  Letters of Arabic script are
  joined and never spaced; they are left out.
- short_last(pdf): the last line of a paragraph narrower than `limit`
  em (default 2).  A paragraph is a MuPDF block of two lines or more,
  at least 20 em wide, whose last line but one fills 80 % of it (cards
  and table cells, short lines by design, are left out); the last line's
  ink, from the first to the last character box, is compared with its
  font size.

Both take the parsed structured text of one PDF (stext(pdf), which
tests/lib/river_test.py reads too, so a file is read once for all three)
and return (page, text) pairs.
"""
import statistics
import subprocess
import xml.etree.ElementTree as ET


def stext(pdf):
    """MuPDF's structured text of pdf, parsed (an ElementTree root)."""
    xml = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf],
                         capture_output=True, text=True, check=True).stdout
    return ET.fromstring(xml)


def _chars(line):
    """(char, x0, x1, size) of a line, in order."""
    out = []
    for font in line.iter("font"):
        size = float(font.get("size"))
        for ch in font.iter("char"):
            q = [float(v) for v in ch.get("quad").split()]
            out.append((ch.get("c"), min(q[0], q[4]), max(q[2], q[6]), size))
    return out


def _arabic(c):
    return "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff"


def letter_spaced(root, limit=0.02):
    found = []
    for n, page in enumerate(root.iter("page"), 1):
        for line in page.iter("line"):
            cs = _chars(line)
            # in ems of the line's type size: a smaller fallback run (German
            # inside Arabic, at 0.88) takes the spacing of the paragraph's size
            em = max((c[3] for c in cs), default=0)
            gaps = []
            for a, b in zip(cs, cs[1:]):
                if (a[0].isalpha() and b[0].isalpha() and not _arabic(a[0]) and not _arabic(b[0])
                        and b[1] >= a[1]):
                    gaps.append((b[1] - a[2]) / em)
            if len(gaps) >= 8 and statistics.median(gaps) > limit + 0.002:
                found.append((n, "".join(c[0] for c in cs)[:40]))
    return found


def short_last(root, limit=2.0):
    found = []
    for n, page in enumerate(root.iter("page"), 1):
        for block in page.iter("block"):
            lines = [[c for c in _chars(ln) if c[0].strip()] for ln in block.iter("line")]
            lines = [cs for cs in lines if cs]
            if len(lines) < 2:
                continue
            x0 = min(c[1] for cs in lines for c in cs)
            x1 = max(c[2] for cs in lines for c in cs)
            ink = [max(c[2] for c in cs) - min(c[1] for c in cs) for cs in lines]
            size = max(c[3] for c in lines[-1])
            # a paragraph: the line before the last fills most of the
            # measure (cards and tables hold short lines by design)
            # (a page number of the contents is no paragraph's line)
            words = any(c[0].isalpha() for c in lines[-1])
            if words and ink[-2] > 0.8 * (x1 - x0) and x1 - x0 > 20 * size and ink[-1] < limit * size:
                found.append((n, "".join(c[0] for c in lines[-1])))
    return found


if __name__ == "__main__":
    import sys
    for f in sys.argv[1:]:
        root = stext(f)
        print(f, "letter-spaced", letter_spaced(root)[:5], "short-last", short_last(root)[:5])
