"""Hyphenation points by callers we did not write, and line-end hyphens
read back from PDFs with poppler (issue 13).

  - en, ro, uk: Debian's python3-pyphen on the same Debian .dic file
    druckwerk uses (left/right minimum 1: druckwerk applies its own
    minimums, the test only asks whether a point is allowed at all);
  - de: libhyphen itself through ctypes (hnj_hyphen_load,
    hnj_hyphen_hyphenate2) with the word in the charset the file's first
    line declares (ISO8859-1), because pyphen ignores the second level
    (COMPOUND/NEXTLEVEL) of hyph_de_DE.dic.

A PDF's line-end hyphens come from `pdftotext -bbox-layout` (poppler):
a line whose last word ends in U+00AD (druckwerk's added hyphen reads
as a soft hyphen) continues on the next line of the same block, or on
the first line of the next block.
"""
import ctypes
import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import pyphen

HYPHEN_DIR = "/usr/share/hyphen/"
PATTERNS = {"de": "hyph_de_DE.dic", "en": "hyph_en_US.dic",
            "ro": "hyph_ro_RO.dic", "uk": "hyph_uk_UA.dic"}
SHY = "\u00ad"
APOSTROPHES = "'\u2019\u02bc"


def is_letter(c):
    return unicodedata.category(c).startswith("L") or c in APOSTROPHES


class LibHyphen:
    """libhyphen 2.8 through ctypes: hnj_hyphen_hyphenate2 with the word
    encoded in the dictionary's declared charset."""

    def __init__(self, path):
        self.lib = ctypes.CDLL("libhyphen.so.0")
        self.lib.hnj_hyphen_load.restype = ctypes.c_void_p
        self.lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
        self.lib.hnj_hyphen_hyphenate2.argtypes = [
            ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
            ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        with open(path, "rb") as f:
            self.charset = f.readline().strip().decode("ascii")
        self.dict = self.lib.hnj_hyphen_load(path.encode())
        if not self.dict:
            raise RuntimeError(f"libhyphen cannot load {path}")
        self.memo = {}

    def positions(self, word):
        """Character offsets k (1 ≤ k < len) after which a hyphen may stand."""
        w = word.lower()
        if w in self.memo:
            return self.memo[w]
        try:
            b = w.encode(self.charset)
        except UnicodeEncodeError:
            self.memo[w] = set()
            return self.memo[w]
        hyphens = ctypes.create_string_buffer(len(b) + 5)
        rep = ctypes.c_void_p()
        pos = ctypes.c_void_p()
        cut = ctypes.c_void_p()
        self.lib.hnj_hyphen_hyphenate2(self.dict, b, len(b), hyphens, None,
                                       ctypes.byref(rep), ctypes.byref(pos),
                                       ctypes.byref(cut))
        # ISO8859-1 is one byte per character; a break with a replacement
        # (non-standard hyphenation) changes letters and is not a plain point.
        if rep.value:
            self.memo[w] = set()  # none of our words has one; be strict
            return self.memo[w]
        out = {i + 1 for i in range(len(b) - 1) if hyphens.raw[i] & 1}
        self.memo[w] = out
        return out


class Oracle:
    def __init__(self):
        self.dicts = {}

    def get(self, lang):
        if lang not in self.dicts:
            path = HYPHEN_DIR + PATTERNS[lang]
            if lang == "de":
                self.dicts[lang] = LibHyphen(path)
            else:
                d = pyphen.Pyphen(filename=path, left=1, right=1)
                self.dicts[lang] = d
        return self.dicts[lang]

    def positions(self, lang, word):
        d = self.get(lang)
        if isinstance(d, LibHyphen):
            return d.positions(word)
        return set(d.positions(word))


def _lines(pdf):
    """Body lines in poppler's reading order as (words, block, block x,
    page), each word (text, xMin, xMax): page furniture (page numbers, and
    running heads: a line at the top or foot of a page that stands on
    three pages or more) is left out."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    root = ET.fromstring(xml)
    pages, nblock = [], 0
    for page in root.iter():
        if not page.tag.endswith("}page"):
            continue
        lines = []
        for block in page.iter():
            if not block.tag.endswith("}block"):
                continue
            nblock += 1
            x = float(block.get("xMin"))
            for line in block:
                words = [(w.text or "", float(w.get("xMin")), float(w.get("xMax")))
                         for w in line if w.tag.endswith("}word")]
                if words:
                    lines.append((words, nblock, x, len(pages)))
        pages.append(lines)

    def text(ln):
        return " ".join(w[0] for w in ln[0])
    seen = {}
    for lines in pages:
        for t in {text(ln) for ln in lines}:
            seen[t] = seen.get(t, 0) + 1

    def furniture(lines, i):
        t = text(lines[i])
        edge = i < 2 or i >= len(lines) - 2
        return re.fullmatch(r"[0-9]+", t) or (edge and seen[t] >= 3)
    return [ln for lines in pages for i, ln in enumerate(lines) if not furniture(lines, i)]


CELL_GAP = 4.0  # pt: a wider gap, repeated at the same x in the block, ends a table cell


def split_hyphens(lines):
    """(left, right) fragments of every word broken at a line end with an
    added hyphen; right is None when no continuation was found.

    poppler may join the lines of a table row's cells into one line, so
    every word ending in U+00AD counts, not only a line's last; its cell
    starts after the last gap wider than CELL_GAP before it where two
    other lines of the block have such a gap at the same x.  The word goes
    on in the next line of its block, in the word that starts at the
    cell's x (or the line's first word); at the foot of a page, on the
    next page's first body line; else in the next block that starts at
    the same x (a column or cell)."""
    out = []
    for k, (words, block, x, page) in enumerate(lines):
        for wi, (last, _, _) in enumerate(words):
            if not last.endswith(SHY):
                continue
            block_lines = [ln[0] for m, ln in enumerate(lines) if ln[1] == block and m != k]

            def starts_cell(ws, i, x0=None):
                return i > 0 and ws[i][1] - ws[i - 1][2] > CELL_GAP and (
                    x0 is None or abs(ws[i][1] - x0) < 0.5)

            def aligned(x0):  # other lines of the block with a cell at x0
                return sum(any(abs(ws[j][1] - x0) < 0.5 and (j == 0 or starts_cell(ws, j))
                                   for j in range(len(ws)))
                           for ws in block_lines)
            cell = wi
            while cell > 0 and not (starts_cell(words, cell) and aligned(words[cell][1]) >= 2):
                cell -= 1
            cell_x = words[cell][1]
            left = last[:-1]
            i = len(left)
            while i > 0 and is_letter(left[i - 1]):
                i -= 1
            left = left[i:]
            nxt = None
            if k + 1 < len(lines) and (lines[k + 1][1] == block or lines[k + 1][3] != page):
                nxt = lines[k + 1]
            else:
                for m in range(k + 1, min(k + 40, len(lines))):
                    if lines[m][1] != lines[m - 1][1] and abs(lines[m][2] - cell_x) < 2:
                        nxt = lines[m]
                        break
            right = None
            if nxt:
                first = nxt[0][0][0]
                if cell > 0:  # a table cell: the word at its x
                    first = next((w[0] for w in nxt[0] if abs(w[1] - cell_x) < 2), first)
                j = 0
                while j < len(first) and is_letter(first[j]):
                    j += 1
                right = first[:j]
            out.append((left, right))
    return out


def line_end_hyphens(pdf):
    return split_hyphens(_lines(pdf))
