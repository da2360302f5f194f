#!/usr/bin/python3
"""PDF/UA-1 of every web PDF (issue 16).

  - pdfua.py (Matterhorn Protocol 1.1 machine checkpoints, on pikepdf):
    no failure in any of the 18 web files;
  - the structure tree's text of the cover (title H1, subtitle P), of
    every heading (H1-H6) and of every list item body (LBody) equals a
    block of the source, in reading order.  The reader is poppler
    (`pdfinfo -struct-text`, 3-25 s of CPU a file: three files) for
    left-to-right languages; poppler shows
    glyphs there and ignores /ActualText, so for Arabic and Persian the
    tree is read with pikepdf (qpdf), taking an element's /ActualText
    where it has one.  The source is the YAML (title, subtitle) and
    `druckwerk text` (the document's blocks in reading order).
  - /Lang de: every German name of the content (publisher, office,
    contacts' names and units) in the other languages, and in ar/fa
    every {de:} word of the source (inside an Arabic line too), is in
    an element with /Lang de, and in ar/fa no /ActualText above it
    hides that.
"""
import os
import re
import subprocess
import sys
import tempfile

import pikepdf
import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import built, report, status  # noqa: E402
import pdfua  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")
DOCS = ["welcome-folder", "education-brochure", "integration-guidelines"]
LANGS = ["de", "en", "ar", "fa", "ro", "uk"]


def norm(s):
    return re.sub(r"[\s\u00ad\u200c\u200e\u200f\u2066-\u2069]", "", s)


def plain(s):
    """YAML inline markup → text: {kind:text} → text, **x** / *x* → x."""
    s = re.sub(r"\{[a-z]+:([^}]*)\}", r"\1", s)
    return re.sub(r"\*+", "", s)


_poppler = {}


def struct_text(pdf):
    if pdf not in _poppler:
        _poppler[pdf] = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True,
                                       text=True).stdout
    return _poppler[pdf]


def tree_poppler(pdf):
    """[(type, text)] for every element, in tree order, from pdfinfo."""
    out = struct_text(pdf).splitlines()
    elems, stack = [], []  # stack of (indent, index)
    for line in out:
        ind = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while stack and stack[-1][0] >= ind:
            stack.pop()
        if body.startswith('"'):
            text = body[1:-1]
            for _, i in stack:
                elems[i][1].append(text)
        else:
            typ = body.split(" ")[0]
            elems.append((typ, []))
            stack.append((ind, len(elems) - 1))
    return [(t, " ".join(x)) for t, x in elems]


def tree_actualtext(pdf):
    """[(type, text)] in tree order; an element's text is its /ActualText
    or its kids' texts (right-to-left content carries /ActualText)."""
    elems = []

    def walk(e):
        i = len(elems)
        elems.append([str(e.get("/S"))[1:], ""])
        parts = []
        k = e.get("/K")
        for kid in (list(k) if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                parts.append(walk(kid))
        text = str(e.ActualText) if "/ActualText" in e else " ".join(p for p in parts if p)
        elems[i][1] = text
        return text
    with pikepdf.open(pdf) as p:
        k = p.Root.StructTreeRoot.K
        for kid in (list(k) if isinstance(k, pikepdf.Array) else [k]):
            walk(kid)
    return [tuple(x) for x in elems]


def check_text(pdf, doc, lang):
    tag = f"{doc}.{lang}"
    elems = tree_actualtext(pdf) if lang in ("ar", "fa") else tree_poppler(pdf)
    src = yaml.safe_load(open(f"content/{doc}/{lang}.yaml", encoding="utf-8"))
    # cover: the first H1 is the title, the next P the subtitle
    i = next(k for k, (t, _) in enumerate(elems) if t == "H1")
    title, sub = elems[i][1], next(x for t, x in elems[i + 1:] if t == "P")
    report(norm(title) == norm(plain(src["title"])) and norm(sub) == norm(plain(src["subtitle"])),
           f"pdfua-cover-text-{tag}", f"tree {title!r} / {sub!r}, source {src['title']!r}")
    # headings and list items: each equals the next matching source block
    blocks = [norm(b) for b in subprocess.run([DRUCKWERK, "text", "--doc", doc, "--lang", lang],
                                             capture_output=True, text=True).stdout.splitlines()]
    # headings druckwerk makes from the language's words (contents,
    # legal notice, course types): content/languages/<lang>.yaml; and the
    # towns of the course timetable: the places of content/courses.yaml
    words = yaml.safe_load(open(f"content/languages/{lang}.yaml", encoding="utf-8"))["words"]
    words = {norm(str(w)) for w in words.values()}
    words |= {norm(str(c["place"])) for c in yaml.safe_load(
        open("content/courses.yaml", encoding="utf-8"))["courses"]}
    pos, lost, n = 0, [], 0
    for t, text in elems[i + 2:]:
        if not (re.fullmatch(r"H[1-6]", t) or t == "LBody"):
            continue
        n += 1
        b = norm(text)
        if re.fullmatch(r"H[1-6]", t) and b in words:
            continue
        try:
            pos = blocks.index(b, pos) + 1
        except ValueError:
            lost.append(f"{t} {text[:50]!r}")
    report(n > 10 and not lost, f"pdfua-headings-lists-text-in-order-{tag}",
           f"{len(lost)} of {n} not equal to the next source block, e.g. {lost[:3]}")


def check_lang(pdf, doc, lang):
    """German names in elements with /Lang de, nothing above hiding it."""
    tag = f"{doc}.{lang}"
    names = []
    if doc == "welcome-folder":
        contacts = yaml.safe_load(open("content/contacts.yaml", encoding="utf-8"))["contacts"]
        names += [c["name"] for c in contacts] + [c["unit"] for c in contacts if c.get("unit")]
    src = yaml.safe_load(open(f"content/{doc}/{lang}.yaml", encoding="utf-8"))
    for key in ("publisher", "office"):
        names += re.findall(r"\{de:([^}]*)\}", src.get(key, ""))
    if lang in ("ar", "fa"):  # and every German word inside a right-to-left line
        with open(f"content/{doc}/{lang}.yaml", encoding="utf-8") as f:
            names += re.findall(r"\{de:([^}]*)\}", f.read())
    found, hidden = [], []

    def walk(e, in_de, above_at):
        d = in_de or str(e.get("/Lang", "")) == "de"
        if d:
            text = str(e.ActualText) if "/ActualText" in e else None
            if above_at:
                hidden.append(str(e.get("/S")))
            if text:
                found.append(norm(text))
        k = e.get("/K")
        for kid in (list(k) if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, d, above_at or ("/ActualText" in e and not d))
    with pikepdf.open(pdf) as p:
        walk(p.Root.StructTreeRoot.K, False, False)
    if lang not in ("ar", "fa"):  # no /ActualText: read the German spans with poppler
        out = struct_text(pdf)
        # Span elements poppler lists are the /Lang ones (druckwerk makes
        # Spans only for another language)
        found += [norm(x) for x in re.findall(r'Span \(inline\)\n\s*"(.*)"', out)]
    if not names:
        return
    allde = "".join(found)  # a name broken over lines is a Span per line
    missing = sorted({n for n in names if norm(n) not in allde})
    report(not missing and not hidden, f"pdfua-lang-de-names-{tag}",
           f"{len(missing)} of {len(set(names))} names without /Lang de: {missing[:4]}; "
           f"hidden under /ActualText: {hidden[:3]}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out, err = built(tmp, "--variant", "web", "--icc", ICC)
        if err:
            print(f"FAIL pdfua-build: {err}")
            return 1
        for doc in DOCS:
            for lang in LANGS:
                pdf = os.path.join(out, "web", f"{doc}.{lang}.pdf")
                fails = pdfua.check(pdf)
                report(not fails, f"pdfua-matterhorn-{doc}.{lang}",
                       f"{len(fails)} failures: " + "; ".join(f"{c} {w}" for c, w in fails[:4]))
                # poppler needs 3-25 s of CPU for one tree: three
                # left-to-right files, and all right-to-left ones
                sample = lang in ("ar", "fa") or (doc == "integration-guidelines"
                                                  and lang in ("de", "en", "uk"))
                if sample:
                    check_text(pdf, doc, lang)
                if lang != "de" and (sample or (doc, lang) == ("welcome-folder", "en")):
                    check_lang(pdf, doc, lang)
    return status()


if __name__ == "__main__":
    sys.exit(main())
