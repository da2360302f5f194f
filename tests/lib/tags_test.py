#!/usr/bin/env python3
"""Tagged PDF: walks the structure tree of web PDFs.

For one LTR and one RTL document of each kind:
  - catalog: /MarkInfo /Marked true, /StructTreeRoot, /Lang; every page
    /StructParents and /Tabs /S; XMP with pdfuaid:part 1;
  - every marked-content sequence (MCID) on every page is referenced from
    the tree exactly once, and the ParentTree entry of the page lists one
    element per MCID; all other content is an /Artifact;
  - no text operator outside marked content;
  - headings in tree order never skip a level;
  - the text read from the tree in tree order (an element's /ActualText
    where it has one, else poppler's text of its content) contains the
    document model's headings, paragraphs and list items in order.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from check import built, report, run, status  # noqa: E402
import pdfread  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")
CASES = [("welcome-folder", "de"), ("welcome-folder", "ar"), ("education-brochure", "en"),
         ("education-brochure", "fa"), ("integration-guidelines", "uk"), ("integration-guidelines", "ar")]


def utf16(hexstr):
    b = bytes.fromhex(hexstr)
    return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")


def norm(s):
    """Compare text without white space and soft hyphens (line breaks)."""
    return re.sub(r"[\s\u00ad\u200c]", "", s)


def check(tmp, doc, lang):
    pdf = os.path.join(tmp, "web", f"{doc}.{lang}.pdf")
    body = pdfread.qdf(pdf)
    objs = pdfread.objects(body)
    tag = f"{doc}.{lang}"
    cat = next(d for d, _ in objs.values() if "/Type /Catalog" in d)
    report("/MarkInfo" in cat and "/Marked true" in body and "/StructTreeRoot" in cat
           and f"/Lang ({lang})" in cat, f"tags-{tag}-catalog", cat[:300])
    report("<pdfuaid:part" in body and ">1</pdfuaid:part>" in body and "/DisplayDocTitle true" in body,
           f"tags-{tag}-pdfua-metadata", "")
    pages = [n for n in sorted(objs) if re.search(r"/Type /Page\b", objs[n][0])]
    report(all("/StructParents" in objs[n][0] and "/Tabs /S" in objs[n][0] for n in pages),
           f"tags-{tag}-pages-structparents-tabs", "")
    # marked content on each page; text only inside it
    page_mcids, outside = {}, 0
    for n in pages:
        c = re.search(r"/Contents (\d+) 0 R", objs[n][0])
        content = objs[int(c.group(1))][1] if c else ""
        depth, mcids = 0, []
        for tok in re.finditer(r"<<\s*/MCID (\d+)|\bBDC\b|\bBMC\b|\bEMC\b|\bTJ\b|\bTj\b", content):
            t = tok.group(0)
            if tok.group(1) is not None:
                mcids.append(int(tok.group(1)))
            elif t in ("BDC", "BMC"):
                depth += 1
            elif t == "EMC":
                depth -= 1
            elif depth <= 0:
                outside += 1
        page_mcids[n] = mcids
    report(outside == 0, f"tags-{tag}-no-text-outside-marked-content", f"{outside} text operators")
    if lang != "de":  # German names and addresses inside other languages
        # a Span element with /Lang (its own marked content), or inside
        # /ActualText (right-to-left lines) a property list with /Lang
        spans = sum(len(re.findall(r"/Span <</Lang \(de\)>> BDC", objs[int(c.group(1))][1] or ""))
                    for n in pages for c in [re.search(r"/Contents (\d+) 0 R", objs[n][0])] if c)
        spans += sum(1 for d, _ in objs.values()
                     if "/Type /StructElem" in d and re.search(r"/S /Span\b", d)
                     and "/Lang (de)" in d)
        report(spans > 0, f"tags-{tag}-lang-de-where-language-changes", f"{spans} spans")
    # link annotations: in the tree (Link element with an OBJR), with a
    # /StructParent and a /Contents description (PDF/UA-1 7.18)
    links = [n for n, (d, _) in objs.items() if "/Subtype /Link" in d]
    objr = set(int(x) for x in re.findall(r"/Type /OBJR[^>]*?/Obj (\d+) 0 R|/Obj (\d+) 0 R[^>]*?/Type /OBJR", body) for x in x if x)
    untagged = [n for n in links if n not in objr or "/StructParent" not in objs[n][0]
                or "/Contents" not in objs[n][0]]
    report(links and not untagged, f"tags-{tag}-links-tagged", f"{len(untagged)} of {len(links)}")
    # references from the tree
    refs = {}
    for num, (d, _) in objs.items():
        if "/Type /StructElem" not in d:
            continue
        # integer kids: MCIDs on the element's own /Pg
        k = re.search(r"/K (\[.*?\])\s*$", d, re.S | re.M)
        own = k and re.search(r"/Pg (\d+) 0 R", d.replace(k.group(1), ""))
        if own:
            bare = re.sub(r"<<.*?>>|\d+ 0 R", " ", k.group(1), flags=re.S)
            for mcid in re.findall(r"\d+", bare):
                refs.setdefault((int(own.group(1)), int(mcid)), []).append(num)
        for pg, mcid in re.findall(r"/MCID (\d+)\s*/Pg (\d+) 0 R|/Pg (\d+) 0 R\s*/MCID (\d+)", d) and \
                [(int(b or c), int(a or dd)) for a, b, c, dd in
                 re.findall(r"/MCID (\d+)\s*/Pg (\d+) 0 R|/Pg (\d+) 0 R\s*/MCID (\d+)", d)]:
            refs.setdefault((pg, mcid), []).append(num)
    missing = [(n, m) for n in pages for m in page_mcids[n] if len(refs.get((n, m), [])) != 1]
    report(not missing and sum(len(v) for v in page_mcids.values()) > 50,
           f"tags-{tag}-every-mcid-in-tree-once", missing[:5])
    # ParentTree: one element per MCID
    pt = re.search(r"/ParentTree (\d+) 0 R", body)
    nums = objs[int(pt.group(1))][0] if pt else ""
    arrays = re.findall(r"(\d+)\s*\[([^\[\]]*)\]", nums)
    sizes = {int(k): len(re.findall(r"\d+ 0 R", v)) for k, v in arrays}
    bad = [i for i, n in enumerate(pages) if sizes.get(i, 0) != len(page_mcids[n])]
    report(pt and not bad, f"tags-{tag}-parent-tree", bad[:5])

    # tree order walk
    root = re.search(r"/StructTreeRoot (\d+) 0 R", cat)
    order = []

    def walk(num, depth=0):
        d = objs[num][0]
        s = re.search(r"/S /(\w+)", d)
        order.append((num, s.group(1) if s else "?"))
        k = re.search(r"/K (\[.*?\]|\d+ 0 R)", d, re.S)
        if k:
            for child in re.findall(r"(\d+) 0 R", re.sub(r"<<.*?>>", "", k.group(1), flags=re.S)):
                c = int(child)
                if c in objs and "/Type /StructElem" in objs[c][0]:
                    walk(c, depth + 1)
    walk(int(root.group(1)))
    levels = [int(s[1]) for _, s in order if re.fullmatch(r"H[1-6]", s)]
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    report(levels and not skips, f"tags-{tag}-headings-no-skipped-levels", skips[:5])

    # text in tree order
    if lang in ("ar", "fa"):
        # an element's /ActualText; an element without one (a paragraph
        # with a line wholly in German is split into Spans, src/pdf/
        # render.c) reads as the /ActualText of its marked content, MCID
        # by MCID in /K order, from its page's content stream
        marked = {}
        for num, (d, s) in objs.items():
            c = re.search(r"/Contents (\d+) 0 R", d)
            if c and re.search(r"/Type /Page\b", d):
                page = objs[int(c.group(1))][1] or ""
                marked[num] = {int(m.group(1)): utf16(m.group(2)) for m in
                               re.finditer(r"<</MCID (\d+) /ActualText <([0-9A-Fa-f]+)>", page)}
        texts = []

        def read(num):
            d = objs[num][0]
            m = re.search(r"/ActualText <([0-9A-Fa-f]+)>", d)
            if m:
                texts.append(utf16(m.group(1)))
            pg = re.search(r"/Pg (\d+) 0 R", d)
            k = re.search(r"/K (\[.*?\]|\d+ 0 R|\d+)", d, re.S)
            for t in re.finditer(r"<<.*?>>|(\d+) 0 R|(\d+)", k.group(1) if k else "", re.S):
                if t.group(1) and int(t.group(1)) in objs and "/Type /StructElem" in objs[int(t.group(1))][0]:
                    read(int(t.group(1)))
                elif t.group(2) and not m and pg:
                    texts.append(marked.get(int(pg.group(1)), {}).get(int(t.group(2)), ""))
        read(int(root.group(1)))
    else:
        st = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True).stdout
        texts = re.findall(r'^\s*"(.*)"$', st, re.M)
    tree = norm("".join(texts))
    model = subprocess.run([DRUCKWERK, "text", "--doc", doc, "--lang", lang],
                           capture_output=True, text=True).stdout.splitlines()
    pos, lost = 0, []
    for block in model:
        b = norm(block)
        if not b:
            continue
        at = tree.find(b, pos)
        if at < 0:
            lost.append(block[:60])
        else:
            pos = at + len(b)
    report(len(model) > 20 and not lost, f"tags-{tag}-tree-text-in-model-order",
           f"{len(lost)} of {len(model)} blocks not found in order, e.g. {lost[:3]}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out, err = built(tmp, "--variant", "web", "--icc", ICC)
        if err:
            print(f"FAIL tags-build: {err}")
            return 1
        for doc, lang in CASES:
            check(out, doc, lang)
    return status()


if __name__ == "__main__":
    sys.exit(main())
