#!/usr/bin/env python3
"""Sample data (issue 20): pages that show it carry the band, the print
variant refuses it.  Oracles: poppler's pdftotext reads each page back,
PyYAML (pure Python) reads the content to know which course is where.

  - one course marked `sample: true`: exactly the pages that show its
    row or card (found by its dates, as the language writes them, where
    poppler's word boxes put them: tests/lib/course_rows.py) carry the band
    "MUSTER – nicht zur Verteilung" (uk: the Ukrainian word), no other;
  - the whole course list marked: exactly the pages with course rows;
  - a sample document (integration-guidelines/de.yaml): every page of it,
    and no page of its Ukrainian translation;
  - `build` (all variants) writes office, booklet and web but not print,
    warns with the file:line of the `sample:` key and --allow-sample, and
    removes a print file left from an earlier build; `--variant print`
    is an error (exit 1, nothing written); `--allow-sample` writes the
    print file with the band, and it passes preflight.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402
import course_rows  # noqa: E402

DW = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")
DOC = "education-brochure"


def pages_text(pdf):
    """The text of each page (pdftotext ends every page with a form feed)."""
    return run("pdftotext", "-layout", pdf, "-").stdout.split("\f")[:-1]


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.SafeLoader)


def set_course_sample(root, whole, only_id=None):
    """courses.yaml without any sample key, then the list or one course marked."""
    path = os.path.join(root, "courses.yaml")
    lines = [l for l in open(path, encoding="utf-8").read().split("\n")
             if not re.match(r"^\s*(- )?sample:", l)]
    out = []
    for l in lines:
        if whole and l.startswith("courses:"):
            out.append("sample: true")
        out.append(l)
        m = re.match(r"^(\s*)- id: (\S+)\s*$", l)
        if m and m.group(2) == only_id:
            out.append(m.group(1) + "  sample: true")
    open(path, "w", encoding="utf-8").write("\n".join(out))


def sample_key_line(path):
    node = yaml.compose(open(path, encoding="utf-8"), Loader=yaml.SafeLoader)
    return next(k.start_mark.line + 1 for k, _ in node.value if k.value == "sample")


def build(root, out, lang, *extra, doc=DOC):
    return run(DW, "build", "--content", root, "--doc", doc, "--lang", lang, "--out", out,
               "--icc", ICC, *extra)


def main():
    tmp = tempfile.mkdtemp(prefix="dw-sample-")
    try:
        root = os.path.join(tmp, "content")
        shutil.copytree("content", root)
        langs = {l: load(os.path.join(root, "languages", l + ".yaml")) for l in ("de", "uk")}
        band = {l: langs[l]["words"]["sample-band"] for l in langs}
        edition = str(load(os.path.join(root, DOC, "de.yaml"))["edition"])
        courses = [c for c in load(os.path.join(root, "courses.yaml"))["courses"]
                   if str(c["end"]) >= edition]
        ranges = [(c["start"], c["end"]) for c in courses]
        one = next(c for c in courses if ranges.count((c["start"], c["end"])) == 1)

        # one course
        set_course_sample(root, False, one["id"])
        for lang in ("de", "uk"):
            out = os.path.join(tmp, "one-" + lang)
            r = build(root, out, lang, "--variant", "office")
            pdf = os.path.join(out, "office", f"{DOC}.{lang}.pdf")
            pages = pages_text(pdf)
            want = set(course_rows.course_pages(course_rows.words_by_page(pdf), langs[lang], one,
                                                False))
            got = {i + 1 for i, t in enumerate(pages) if band[lang] in t}
            report(r.returncode == 0 and len(want) == 1 and got == want,
                   "sample/one-course-" + lang, "course %s on %s, band on %s; %s" %
                   (one["id"], sorted(want), sorted(got), r.stderr[-300:]))

        # the whole list
        set_course_sample(root, True)
        for lang in ("de", "uk"):
            out = os.path.join(tmp, "all-" + lang)
            r = build(root, out, lang, "--variant", "office")
            pdf = os.path.join(out, "office", f"{DOC}.{lang}.pdf")
            pages = pages_text(pdf)
            words = course_rows.words_by_page(pdf)
            want = {p for c in courses
                    for p in course_rows.course_pages(words, langs[lang], c, False)}
            got = {i + 1 for i, t in enumerate(pages) if band[lang] in t}
            report(r.returncode == 0 and len(want) >= 2 and got == want,
                   "sample/course-list-" + lang,
                   "courses on %s, band on %s" % (sorted(want), sorted(got)))

        # print: refused, an error when asked for, written with --allow-sample
        out = os.path.join(tmp, "variants")
        stale = os.path.join(out, "print", f"{DOC}.de.pdf")
        os.makedirs(os.path.dirname(stale))
        open(stale, "wb").write(b"%PDF-1.4 stale\n")
        r = build(root, out, "de")
        line = sample_key_line(os.path.join(root, "courses.yaml"))
        where = "courses.yaml:%d:1: warning:" % line
        written = sorted(os.listdir(os.path.join(out, v))
                         for v in ("office", "booklet", "web"))
        report(r.returncode == 0 and not os.path.exists(stale) and where in r.stderr
               and "--allow-sample" in r.stderr and all(w == [f"{DOC}.de.pdf"] for w in written),
               "sample/print-skipped", r.stderr[-500:])
        r = build(root, out, "de", "--variant", "print")
        report(r.returncode == 1 and "courses.yaml:%d:1: error:" % line in r.stderr
               and not os.path.exists(stale), "sample/print-refused", r.stderr[-400:])
        r = build(root, out, "de", "--variant", "print", "--allow-sample")
        ok = r.returncode == 0 and os.path.exists(stale)
        pages = pages_text(stale) if ok else []
        marked = sum(band["de"] in t for t in pages)
        p = run(DW, "preflight", stale) if ok else None
        report(ok and marked >= 2 and p.returncode == 0, "sample/print-allowed",
               "rc %d, %d pages with the band; %s" % (r.returncode, marked,
                                                       (p.stdout if p else r.stderr)[-300:]))

        # a sample document: every page in German, none in its translation
        doc = "integration-guidelines"
        path = os.path.join(root, doc, "de.yaml")
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(text.replace("\nsections:", "\nsample: true\nsections:", 1))
        for lang in ("de", "uk"):
            out = os.path.join(tmp, "doc-" + lang)
            r = build(root, out, lang, "--variant", "office", doc=doc)
            pages = pages_text(os.path.join(out, "office", f"{doc}.{lang}.pdf"))
            got = sum(band[lang] in t for t in pages)
            want = len(pages) if lang == "de" else 0
            report(r.returncode == 0 and got == want and len(pages) > 4,
                   "sample/document-" + lang, "%d of %d pages with the band" % (got, len(pages)))
    finally:
        shutil.rmtree(tmp)
    return status()


if __name__ == "__main__":
    sys.exit(main())
