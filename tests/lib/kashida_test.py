#!/usr/bin/env python3
"""Kashida justification of Arabic and Persian (issue 14, src/text/kashida.c).

Builds the ar and fa documents (office and web) and checks, with oracles
that are not ours:
  - where the kashidas are: the filled rectangles the PDF draws outside
    text (pikepdf parses the content streams) that are as tall as a
    tatweel's stroke (its extents read from the font by HarfBuzz's
    hb-shape, 0.076 em regular and 0.118 em bold); a German document
    has none;
  - each kashida lies inside one word in poppler's word boxes
    (`pdftotext -bbox`), that word is a word of the source text
    (`druckwerk text`), and no word has two;
  - MuPDF (`mutool draw -F stext`) puts no space between the letters on
    either side of it, and pdf.js (getTextContent) has the word whole in
    the text item around it: no reader cuts a word at a kashida;
  - no reader (pdftotext, mutool, pdf.js) gives back U+0640 TATWEEL,
    U+FFFD or U+200D anywhere in the ar and fa PDFs: the kashida is no
    text;
  - a line with a kashida spans its paragraph's measure in poppler's line
    boxes (`pdftotext -bbox-layout`): it is justified, flush at both ends;
  - the proof finds no ragged paragraph among justified ones, and no
    other defect, in the ar and fa documents (education-brochure (fa)
    p.5 was ragged: its German words in brackets cannot break).
Prints ok/FAIL lines.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import report as check, run, status  # noqa: E402

DW = os.path.abspath(os.environ.get("DRUCKWERK", "./druckwerk"))
NASKH = "/usr/share/fonts/truetype/noto/NotoNaskhArabic-%s.ttf"
DOCS = ("welcome-folder", "education-brochure", "integration-guidelines")
BAD = {"\u0640": "U+0640 TATWEEL", "\ufffd": "U+FFFD", "\u200d": "U+200D ZWJ"}
OPS = "BT ET q Q re f F f* B B* b b* S s n m l c v y h cm Do sh BI EI Tj TJ ' \""
CTL = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def stroke_em():
    """Heights of the tatweel's stroke in em, regular and bold, from hb-shape's extents."""
    out = set()
    for style in ("Regular", "Bold"):
        p = run("hb-shape", "--output-format=json", "--show-extents", "--font-size=1000",
                NASKH % style, "\u0640")
        g = json.loads(p.stdout)[0]
        out.add(round(-g["h"] / 1000.0, 3))
    return out


def rects(pdf, heights):
    """Per page (0-based): kashida rectangles (x0, y0, x1, y1), PDF user space: filled
    rectangles right after a text object (only colours, rectangles and fills between
    them and its ET), as tall as the tatweel's stroke at a text size (6–14 pt)."""
    out = defaultdict(list)
    with pikepdf.open(pdf) as doc:
        for pi, page in enumerate(doc.pages):
            after_text = False
            pending = None
            # only the operators that matter here: what may come between a
            # text object's end and a rectangle (colours do not matter)
            for operands, op in pikepdf.parse_content_stream(page, OPS):
                op = str(op)
                if op == "ET":
                    after_text = True
                elif op == "re" and after_text:
                    pending = [float(v) for v in operands]
                    continue
                elif op == "f" and pending:
                    x, y, w, h = pending
                    if 0 < w < 3 and any(6 <= h / e <= 14 for e in heights):
                        out[pi].append((x, y, x + w, y + h))
                elif op != "f":
                    after_text = False
                pending = None
    return out


def poppler_words(pdf):
    """Per page: (xMin, yMin, xMax, yMax, word) in PDF user space (y up), and page heights."""
    p = run("pdftotext", "-bbox", pdf, "-")
    root = ET.fromstring(re.sub(r' xmlns="[^"]+"', "", p.stdout, count=1))
    pages = []
    for page in root.iter("page"):
        h = float(page.get("height"))
        pages.append([(float(w.get("xMin")), h - float(w.get("yMax")), float(w.get("xMax")),
                       h - float(w.get("yMin")), w.text or "") for w in page.iter("word")])
    return pages


def mupdf_chars(pdf):
    """Per page: lines of (x0, x1, y, char) in reading order of MuPDF's stext (y up)."""
    p = run("mutool", "draw", "-F", "stext", "-o", "-", pdf)
    root = ET.fromstring(p.stdout)
    pages = []
    for page in root.iter("page"):
        h = float(page.get("height"))
        lines = []
        for line in page.iter("line"):
            cs = []
            for ch in line.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                cs.append((min(q[0::2]), max(q[0::2]), h - float(ch.get("y")), ch.get("c")))
            lines.append(cs)
        pages.append(lines)
    return pages


def pdfjs_items(pdfs):
    p = run("node", "tests/js/pdfjs_items.mjs", *pdfs)
    return {json.loads(l)["file"]: json.loads(l)["pages"] for l in p.stdout.splitlines() if l}


def parts(w):
    """A word's letters between punctuation and bidi controls (readers differ in those,
    and poppler cuts "شباط/فبراير" at the slash)."""
    return [x for x in re.split(r"[^\w\u200c]+", CTL.sub("", w)) if x]


SOURCE = {}


def source_text(doc, lang):
    """The document's text as druckwerk reads it from content/ (reading order)."""
    if (doc, lang) not in SOURCE:
        SOURCE[doc, lang] = run(DW, "text", "--doc", doc, "--lang", lang).stdout
    return SOURCE[doc, lang]


def source_parts(doc, lang):
    return {x for w in source_text(doc, lang).split() for x in parts(w)}


def foreign_parts(text, src):
    """The parts of text that are no part of a source word, read either way (poppler's
    word boxes and pdf.js's items hold right-to-left text in visual order)."""
    return [x for w in text.split() for x in parts(w) if x not in src and x[::-1] not in src]


def line_extent(words, cx, y0, size):
    """The extent across of the line of words through (cx, y0): the words on its
    baseline band, joined while less than 2 em apart (a column, not the page)."""
    band = sorted(w for w in words if w[1] - 0.5 < y0 < w[3] + 0.5 and w[3] - w[1] < 3 * size)
    groups, cur = [], []
    for w in band:
        if cur and w[0] - cur[-1][2] > 2 * size:
            groups.append(cur)
            cur = []
        cur.append(w)
    if cur:
        groups.append(cur)
    for g in groups:
        if g[0][0] - 0.5 < cx < g[-1][2] + 0.5:
            return g[0][0], g[-1][2]
    return None


def main():
    tmp = tempfile.mkdtemp(prefix="dw-kashida-")
    try:
        heights = stroke_em()
        check(heights == {0.076, 0.118}, "kashida-stroke-font",
              f"tatweel stroke heights {heights} em: the font changed, adjust the test")
        for lang, variants in (("ar", ("office", "web")), ("fa", ("office", "web")),
                               ("de", ("office",))):
            for variant in variants:
                p = run(DW, "build", "--lang", lang, "--variant", variant, "--out",
                        os.path.join(tmp, f"{lang}-{variant}"))
                check(p.returncode == 0, f"kashida-build-{lang}-{variant}", p.stderr[-400:])
        de = [os.path.join(tmp, "de-office", "office", f"{d}.de.pdf") for d in DOCS]
        n_de = sum(len(v) for f in de for v in rects(f, heights).values())
        check(n_de == 0, "kashida-none-in-german",
              f"{n_de} tatweel-high rectangles after text in the German PDFs: the detector "
              "is not specific")

        pdfs = [os.path.join(tmp, f"{l}-{v}", v, f"{d}.{l}.pdf") for l in ("ar", "fa")
                for v in ("office", "web") for d in DOCS]
        js = pdfjs_items([f for f in pdfs if "/office/" in f])  # ~1.5 s a file
        total = words_total = 0
        for pdf in pdfs:
            name = "/".join(pdf.split(os.sep)[-2:])
            items = js.get(pdf, [])
            # no reader reads anything for a kashida (office and web: tagged
            # lines are drawn by another path, src/pdf/draw.c; pdf.js reads
            # the office files)
            texts = {"pdftotext": run("pdftotext", pdf, "-").stdout,
                     "mutool": run("mutool", "draw", "-F", "txt", "-o", "-", pdf).stdout}
            if items:
                texts["pdf.js"] = "".join(it["str"] for pg in items for it in pg)
            lang = pdf.rsplit(".", 2)[1]
            doc = os.path.basename(pdf).split(".")[0]
            source = source_text(doc, lang)
            for reader, t in texts.items():
                # more than the source has (welcome-folder ar writes "بـ" once)
                found = [BAD[c] for c in BAD if t.count(c) > source.count(c)]
                check(t.strip() and not found, f"kashida-no-text {reader} {name}",
                      f"reads {found}" if found else "no text")
            if "/web/" in pdf:
                continue
            src = source_parts(doc, lang)
            ks = rects(pdf, heights)
            words = poppler_words(pdf)
            mu = mupdf_chars(pdf)
            total += sum(len(v) for v in ks.values())
            words_total += sum(len(w) for w in words)
            cut, foreign, twice, loose, mu_cut, js_cut = [], [], [], [], [], []
            for pi, rs in ks.items():
                per_word = defaultdict(int)
                for (x0, y0, x1, y1) in rs:
                    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                    size = (y1 - y0) / 0.076
                    hit = [w for w in words[pi] if w[0] < cx < w[2] and w[1] < cy < w[3]]
                    if len(hit) != 1:
                        cut.append(f"p.{pi + 1} x={cx:.1f}")
                        continue
                    w = hit[0]
                    per_word[w[:4]] += 1
                    foreign += foreign_parts(w[4], src)
                    # justified: as wide as the widest of the lines next to it
                    ext = line_extent(words[pi], cx, y0, size)
                    near = [line_extent(words[pi], cx, y0 + d * size, size)
                            for d in (-1.6, -1.4, -1.2, 1.2, 1.4, 1.6)]
                    near = [e for e in near if e]
                    if ext and near:
                        left, right = min(e[0] for e in near), max(e[1] for e in near)
                        if ext[0] - left > 1.0 or right - ext[1] > 1.0:
                            loose.append(f"p.{pi + 1} line {ext[0]:.1f}–{ext[1]:.1f} "
                                         f"next to {left:.1f}–{right:.1f}")
                    # MuPDF: the characters left and right of it, with no space between
                    for line in mu[pi]:
                        near_c = sorted(c for c in line if abs(c[2] - y0) < 3)
                        lt = [i for i, c in enumerate(near_c) if c[1] <= cx + 0.5 and c[3] != " "]
                        rt = [i for i, c in enumerate(near_c) if c[0] >= cx - 0.5 and c[3] != " "]
                        if lt and rt:
                            if any(c[3].isspace() for c in near_c[max(lt) + 1:min(rt)]):
                                mu_cut.append(f"p.{pi + 1} {w[4]}")
                            break
                    # pdf.js: the text items of its line hold the word whole (its
                    # parts as poppler reads them, in either order; pdf.js may
                    # put the parts of "أيلول/سبتمبر" in two items)
                    around = " ".join(CTL.sub("", it["str"]) for it in items[pi]
                                      if abs(it["y"] - y0) < 3)
                    if not all(x in around or x[::-1] in around for x in parts(w[4])):
                        js_cut.append(f"p.{pi + 1} {w[4]} in {around!r}")
                twice += [f"p.{pi + 1} {n}×" for n in per_word.values() if n > 1]
            check(not cut, f"kashida-in-one-word {name}", f"{len(cut)} kashidas not inside one "
                  f"poppler word: {cut[:5]}")
            check(not foreign, f"kashida-source-words {name}", f"poppler reads {len(foreign)} "
                  f"kashida words that are not in the source: {foreign[:5]}")
            check(not twice, f"kashida-one-per-word {name}", f"words with several: {twice[:5]}")
            check(not loose, f"kashida-lines-flush {name}", f"{len(loose)} lines with a kashida "
                  f"are narrower than the lines next to them: {loose[:3]}")
            check(not mu_cut, f"kashida-mupdf-whole {name}", f"MuPDF cuts {mu_cut[:5]}")
            check(not js_cut, f"kashida-pdfjs-whole {name}", f"pdf.js cuts {js_cut[:3]}")
        # the shipped documents need kashidas in some lines, not in most words
        check(total >= 100 and total < words_total / 10, "kashida-count",
              f"{total} kashidas in {words_total} words of the ar and fa PDFs")
        print(f"note kashida: {total} kashidas in {words_total} words of the 6 ar and fa PDFs")
        for lang in ("ar", "fa"):
            p = run(DW, "proof", "--lang", lang)
            counts = dict(re.findall(r"^class (\S+) (\d+)$", p.stdout, re.M))
            bad = {k: v for k, v in counts.items() if v != "0"}
            check(counts and not bad, f"kashida-proof-{lang}",
                  f"defects {bad}" if counts else p.stdout[-300:] + p.stderr[-300:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status()


if __name__ == "__main__":
    sys.exit(main())
