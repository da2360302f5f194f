#!/usr/bin/python3
"""pdf.js (pdfjs-dist, tests/js) reads every PDF of every variant (issue 16).

  - each of the 66 files opens, every page's operator list and text
    content are built, and pdf.js prints no warning (its console is
    captured with verbosity WARNINGS: tests/js/pdfjs_check.mjs);
  - web files: the headings pdf.js finds in the structure tree
    (page.getStructTree(), text of their marked content, /ActualText
    where there is one) are the content's: the first is the document
    title (YAML), each other one the next block of `druckwerk text` or a
    heading druckwerk makes from the language's words; as many as the
    tree has H1-H6 elements (read with pikepdf); in ar and fa every
    {de:} word of the source is in an element pdf.js reads with lang
    "de" (its /ActualText, pdf.js's alt), inside an Arabic line too.
Arabic marks are compared without their order (pdf.js normalises
text with NFKC, which reorders a shadda next to other marks).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

import pikepdf
import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import built, report, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")


def norm(s):
    s = unicodedata.normalize("NFKC", re.sub(r"\{[a-z]+:([^}]*)\}", r"\1", s))
    return re.sub(r"[\s\u00ad\u200c\u200e\u200f\u2066-\u2069\u064b-\u065f\u0670*]", "", s)


def tree_headings(pdf):
    n = 0
    with pikepdf.open(pdf) as p:
        stack = [p.Root.StructTreeRoot]
        while stack:
            e = stack.pop()
            if re.fullmatch(r"/H[1-6]", str(e.get("/S", ""))):
                n += 1
            k = e.get("/K")
            stack += [x for x in (list(k) if isinstance(k, pikepdf.Array) else [k])
                      if isinstance(x, pikepdf.Dictionary) and "/S" in x]
    return n


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out, err = built(tmp, "--allow-sample", "--icc", ICC)
        if err:
            print(f"FAIL pdfjs-build: {err}")
            return 1
        files = sorted(os.path.join(out, v, f) for v in ("office", "print", "booklet")
                       for f in os.listdir(os.path.join(out, v)))
        web = sorted(os.path.join(out, "web", f) for f in os.listdir(os.path.join(out, "web")))
        res = []
        for args in (files, ["--struct"] + web):
            p = subprocess.run(["node", "tests/js/pdfjs_check.mjs", *args], capture_output=True,
                               text=True)
            res += [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
            if p.returncode:
                print(f"FAIL pdfjs-runs: {p.stderr[-400:]}")
        report(len(res) == 66, "pdfjs-read-all-66-files", f"{len(res)} results")
        for x in res:
            name = os.path.relpath(x["file"], out)
            report(x["pages"] > 0 and not x["warnings"], f"pdfjs-no-warnings-{name}",
                   f"{x['pages']} pages; {x['warnings'][:3]}")
            if "/web/" not in x["file"]:
                continue
            doc, lang = os.path.basename(x["file"])[:-4].rsplit(".", 1)
            src = yaml.safe_load(open(f"content/{doc}/{lang}.yaml", encoding="utf-8"))
            words = yaml.safe_load(open(f"content/languages/{lang}.yaml", encoding="utf-8"))["words"]
            words = {norm(str(w)) for w in words.values()}
            # and the towns of the course timetable: courses.yaml's places
            words |= {norm(str(c["place"])) for c in yaml.safe_load(
                open("content/courses.yaml", encoding="utf-8"))["courses"]}
            blocks = [norm(b) for b in subprocess.run(
                [DRUCKWERK, "text", "--doc", doc, "--lang", lang], capture_output=True,
                text=True).stdout.splitlines()]
            hs = x["headings"]
            lost, pos = [], 0
            if not hs or norm(hs[0][1]) != norm(src["title"]):
                lost.append(f"title {hs[:1]}")
            quirks = []
            for role, text in hs[1:]:
                b = norm(text)
                if b in words:
                    continue
                try:
                    pos = blocks.index(b, pos) + 1
                    continue
                except ValueError:
                    pass
                # pdf.js reorders a right-to-left string that mixes in a
                # left-to-right run or a dash (measured: "(MBE)" comes out
                # ")MBE(" in front); the tree's /ActualText is right (pikepdf
                # reads it in pdfua_test.py): same characters, next block
                bag = sorted(b.translate(str.maketrans("()", ")(")))
                at = next((k for k in range(pos, len(blocks))
                           if sorted(blocks[k].translate(str.maketrans("()", ")("))) == bag), -1)
                if lang in ("ar", "fa") and at >= 0:
                    quirks.append(text[:40])
                    pos = at + 1
                else:
                    lost.append(f"{role} {text[:40]!r}")
            if quirks:
                print(f"note pdfjs-{doc}.{lang}: {len(quirks)} headings reordered by pdf.js's bidi, "
                      f"e.g. {quirks[0]!r}")
            if lang in ("ar", "fa"):
                # every German word of the source, inside an Arabic line
                # too, is an element pdf.js reads with lang "de"
                de = norm("".join(t for l, t in x["langs"] if l == "de"))
                with open(f"content/{doc}/{lang}.yaml", encoding="utf-8") as f:
                    want = set(re.findall(r"\{de:([^}]*)\}", f.read()))
                lost_de = sorted(w for w in want if norm(w) not in de)
                report(want and not lost_de, f"pdfjs-struct-lang-de-{doc}.{lang}",
                       f"{len(lost_de)} of {len(want)} German words without lang de: {lost_de[:4]}")
            n = tree_headings(x["file"])
            report(len(hs) == n and not lost, f"pdfjs-struct-headings-{doc}.{lang}",
                   f"pdf.js {len(hs)} headings, tree {n}; not the content's: {lost[:3]}")
    return status()


if __name__ == "__main__":
    sys.exit(main())
