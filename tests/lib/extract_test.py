#!/usr/bin/python3
"""Copy and search in Arabic and Persian (issues 13 and 16).
Prints "ok NAME" / "FAIL NAME: why" / "note ...".

Readers (software we did not write): poppler (`pdftotext`), pdf.js
(`getTextContent`, tests/js/pdfjs_text.mjs), pikepdf for the tree.

  - shares: for the web files of the three documents in ar and fa and
    for held-out text (tests/fixtures/heldout/ar.txt, fa.txt, set with
    `druckwerk sample`), the share of the source's Arabic-script words
    (`druckwerk text`, split at white space) that each reader gives back
    exactly, marks and punctuation included (a note per file and
    reader; MuPDF's `mutool draw -F txt` reported too, not held);
  - held at 100 % for poppler: every word its bidi can give back — a
    word of Arabic letters (ZWNJ allowed) without harakat whose word
    before it is one too (see the limits below);
  - held as floors: the shares measured when this test was written, so
    that a change that loses words fails;
  - minimal PDFs, made here from a `druckwerk sample` with pikepdf, show
    what the readers cannot do, and fail when a reader changes:
      poppler applies /ActualText only to /Span marked content and sets
        right-to-left /ActualText backwards (why druckwerk's Spans in
        Arabic carry /ActualText in the structure tree only);
      poppler's bidi takes . , : ، and digits for numbers: the space
        after them moves before them and glues them to the next word;
      poppler sets a mark raised or lowered (text rise) as a word of its
        own, by position: it lands one letter early;
      pdf.js keeps a line's pieces in stream order: drawn in visual
        order it gives the words of a mixed Arabic-German line right to
        left piece by piece; drawn in logical order it drops the spaces
        where the direction changes.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

import pikepdf

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")
DOCS = ["welcome-folder", "education-brochure", "integration-guidelines"]
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u00ad]")
ARABIC = re.compile("[\u0600-\u06ff]")
HARAKAT = re.compile("[\u064b-\u065f\u0670]")
LETTERS = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u200c]+")
# Shares measured when the test was written (poppler, pdf.js), in %: a
# change that loses words fails; raise them when extraction improves.
FLOOR = {"poppler": 81.4, "pdfjs": 93.5}


def words(text):
    return CONTROLS.sub("", text).split()


def pdfjs_texts(pdfs):
    r = run("node", "tests/js/pdfjs_text.mjs", *pdfs)
    return {x["file"]: x["text"] for x in map(json.loads, r.stdout.splitlines())}


def poppler_text(pdf):
    return run("pdftotext", "-enc", "UTF-8", pdf, "-").stdout


def share(src_words, text):
    """(recovered, total, missed words): each source word matched once
    against the reader's words."""
    have = collections.Counter(words(text))
    ok, miss = 0, []
    for w in src_words:
        if have[w] > 0:
            have[w] -= 1
            ok += 1
        else:
            miss.append(w)
    return ok, len(src_words), miss


def representable(lines):
    """Words poppler's bidi can give back: Arabic letters only, no
    harakat, after a word of Arabic letters in the same line."""
    out = []
    for line in lines:
        ws = words(line)
        for prev, w in zip(ws, ws[1:]):
            if LETTERS.fullmatch(w) and LETTERS.fullmatch(prev) and not HARAKAT.search(w):
                out.append(w)
    return out


def sample(tmp, lang, text, name, width="120"):
    out = os.path.join(tmp, name + ".pdf")
    r = run(DRUCKWERK, "sample", "--lang", lang, "--text", text, "--out", out, "--width", width)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip())
    return out


def rewrite(src, dst, content):
    """src with its page's content replaced (the same fonts)."""
    with pikepdf.open(src) as p:
        p.pages[0].obj.Contents = p.make_stream(content.encode("latin-1"))
        p.save(dst)


def text_runs(pdf):
    """The sample's text, as its Tf/Tm/TJ blocks in stream order."""
    with pikepdf.open(pdf) as p:
        c = p.pages[0].Contents.read_bytes().decode("latin-1")
    return re.findall(r"/F\d+ [\d.]+ Tf 1 0 0 1 [-\d.]+ [-\d.]+ Tm\n\[.*?\] TJ", c, re.S)


def clean(text):
    return " ".join(CONTROLS.sub("", text).split())


def utf16(s):
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def minimal_pdfs(tmp):
    # /ActualText on /P and on /Span marked content around one Arabic line
    line = "تبدأ الفترة بعد الظهر"
    base = sample(tmp, "ar", line, "at-base", width="250")
    body = "\n".join(text_runs(base))
    plain = clean(poppler_text(base))
    for tag in ("P", "Span"):
        rewrite(base, os.path.join(tmp, f"at-{tag}.pdf"),
                f"/{tag} <</MCID 0 /ActualText {utf16(line)}>> BDC\nBT\n{body}\nET\nEMC\n")
    on_p = clean(poppler_text(os.path.join(tmp, "at-P.pdf")))
    on_span = clean(poppler_text(os.path.join(tmp, "at-Span.pdf")))
    report(plain == line and on_p == line and "ةرتفلا" in on_span,
           "extract-minimal-poppler-actualtext-span-only-backwards",
           f"glyphs {plain!r}, /P {on_p!r}, /Span {on_span!r}")
    print(f"note extract-minimal-poppler-span-actualtext: {line!r} reads {on_span!r}")

    # punctuation and digits: the space after them moves before them
    punct = "اللغة، والدوائر الرسمية في ٥٠ مدينة"
    got = clean(poppler_text(sample(tmp, "ar", punct, "punct", width="250")))
    report("،والدوائر" in got.replace(" ،", "،") or "،والدوائر" in got,
           "extract-minimal-poppler-punctuation-digits-are-numbers",
           f"{punct!r} reads {got!r}")
    print(f"note extract-minimal-poppler-punctuation: {punct!r} reads {got!r}")

    # a mark with text rise: one letter early
    marked = "أهلًا وسهلًا"
    got = clean(poppler_text(sample(tmp, "ar", marked, "marks", width="250")))
    report(got != marked and "لً" not in got and "ً" in got,
           "extract-minimal-poppler-mark-by-position", f"{marked!r} reads {got!r}")
    print(f"note extract-minimal-poppler-marks: {marked!r} reads {got!r}")

    # pdf.js and a line mixing Arabic and a German word: stream order
    mixed = "تبدأ الفترة في {de:Cloppenburg} بعد الظهر"
    want = mixed.replace("{de:", "").replace("}", "")
    vis = sample(tmp, "ar", mixed, "mixed-visual", width="250")
    runs = text_runs(vis)
    log = os.path.join(tmp, "mixed-logical.pdf")
    # this line's runs, left to right: Arabic, space, German, Arabic;
    # logical order is right to left
    rewrite(vis, log, "BT\n" + "\n".join(reversed(runs)) + "\nET\n")
    t = pdfjs_texts([vis, log])
    got_vis, got_log = clean(t[vis]), clean(t[log])
    report(len(runs) == 4 and got_vis.split()[0] == want.split()[-2] and
           sorted(got_vis.split()) == sorted(want.split()) and
           "Cloppenburg" in got_log and " Cloppenburg " not in got_log,
           "extract-minimal-pdfjs-mixed-line-order-or-spaces",
           f"want {want!r}; visual order {got_vis!r}; logical order {got_log!r}")
    print(f"note extract-minimal-pdfjs-mixed-line: {want!r} reads {got_vis!r} (visual order), "
          f"{got_log!r} (logical order)")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        minimal_pdfs(tmp)
        for lang in ("ar", "fa"):
            r = run(DRUCKWERK, "build", "--lang", lang, "--variant", "web", "--out", tmp,
                    "--icc", ICC)
            if r.returncode:
                print(f"FAIL extract-build-{lang}: {r.stderr[-300:]}")
                return 1
        cases = []  # (name, pdf, source lines)
        for doc in DOCS:
            for lang in ("ar", "fa"):
                src = run(DRUCKWERK, "text", "--doc", doc, "--lang", lang).stdout
                cases.append((f"{doc}.{lang}", os.path.join(tmp, "web", f"{doc}.{lang}.pdf"),
                              src.splitlines()))
        for lang in ("ar", "fa"):
            with open(f"tests/fixtures/heldout/{lang}.txt", encoding="utf-8") as f:
                paras = [p for p in f.read().splitlines() if p.strip()]
            for i, p in enumerate(paras):
                cases.append((f"heldout-{lang}-{i + 1}", sample(tmp, lang, p, f"held-{lang}-{i}"),
                              [p]))
        js = pdfjs_texts([pdf for _, pdf, _ in cases])
        totals = collections.defaultdict(lambda: [0, 0])
        groups = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0, []]))
        held_miss, held_n = [], 0
        for name, pdf, lines in cases:
            src = [w for line in lines for w in words(line) if ARABIC.search(w)]
            pt = poppler_text(pdf)
            mu = run("mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf).stdout
            group = name.rsplit("-", 1)[0] if name.startswith("heldout") else name
            for reader, text in (("poppler", pt), ("pdfjs", js.get(pdf, "")), ("mupdf", mu)):
                ok, n, miss = share(src, text)
                totals[reader][0] += ok
                totals[reader][1] += n
                g = groups[group][reader]
                g[0] += ok
                g[1] += n
                g[2] += miss[:2]
            ok, n, miss = share(representable(lines), pt)
            held_n += n
            held_miss += [f"{name}: {w}" for w in miss]
        for group, by in groups.items():  # one note per document and held-out language
            print(f"note extract-share-{group}: " + "; ".join(
                f"{r} {100 * ok / max(n, 1):.1f} % ({ok}/{n}, e.g. {miss[:2]})"
                for r, (ok, n, miss) in by.items()))
        report(held_n > 1000 and not held_miss, "extract-poppler-every-representable-word",
               f"{len(held_miss)} of {held_n} words poppler can give back are not: {held_miss[:6]}")
        for reader, (ok, n) in sorted(totals.items()):
            pct = 100 * ok / max(n, 1)
            print(f"note extract-share-{reader}-all: {pct:.1f} % ({ok}/{n})")
            if reader in FLOOR:  # MuPDF 1.21: reported only (visual order, see above)
                report(pct >= FLOOR[reader], f"extract-share-{reader}-floor",
                       f"{pct:.1f} % < {FLOOR[reader]} %")
    return status()


if __name__ == "__main__":
    sys.exit(main())
