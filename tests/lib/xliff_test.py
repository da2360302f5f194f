#!/usr/bin/python3
"""The translation round trip (export-xliff / import-xliff), checked with
readers we did not write: lxml (libxml2) reads the XLIFF, PyYAML reads the
content, translate-toolkit converts and filters it (xliff2po, pofilter),
poppler's pdftotext reads the PDF built from an imported translation.

Prints one "ok NAME" / "FAIL NAME: why" line per check (tests/run.sh)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml
from lxml import etree

DW = os.path.abspath(os.environ.get("DRUCKWERK", "./druckwerk"))
NS = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
DOCS = ["welcome-folder", "education-brochure", "integration-guidelines"]
STATES = {"translated", "needs-translation", "needs-review-translation"}


def report(name, good, why=""):
    print(("ok " if good else "FAIL ") + name + ("" if good else ": " + why))


def run(*args, cwd=None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def langs():
    return sorted(f[:-5] for f in os.listdir("content/languages")
                  if f.endswith(".yaml") and f != "de.yaml")


def snapshot(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def segment(el):
    """The markup of a source/target element: text plus the native code
    held by each inline element (ph, bpt, ept)."""
    s = el.text or ""
    for c in el:
        s += (c.text or "") + (c.tail or "")
    return s


def resolve(tree, uid):
    """The YAML value at a unit id such as /sections[intro]/blocks[3]/p."""
    node = tree
    for part in uid.strip("/").split("/"):
        name = part.split("[", 1)[0]
        node = node[name]
        for key in re.findall(r"\[([^\]]+)\]", part):
            hit = [x for x in node if isinstance(x, dict) and x.get("id") == key]
            node = hit[0] if hit else node[int(key) - 1]
    return node


def unescape(s):
    return re.sub(r"\\(.)", r"\1", s)


def export(doc, lang, out, *extra, content="content"):
    return run(DW, "export-xliff", "--content", content, "--doc", doc, "--lang", lang,
               "--out", out, *extra)


def test_export_all(tmp):
    """Every document and language: well-formed XLIFF 1.2 whose sources are
    the German texts, read by translate-toolkit, and an import of the
    unchanged file changes no byte of content/."""
    xdir = os.path.join(tmp, "xliff")
    os.makedirs(xdir)
    work = content_copy(tmp, "content-roundtrip")  # never the repository's own files
    before = snapshot(work)
    bad, units, faithful = [], 0, 0
    for doc in DOCS:
        de = yaml.safe_load(open(f"content/{doc}/de.yaml", encoding="utf-8"))
        for lang in langs():
            path = os.path.join(xdir, f"{doc}.{lang}.xlf")
            r = export(doc, lang, path)
            if r.returncode != 0:
                bad.append(f"{doc}/{lang}: export exit {r.returncode}: {r.stderr[-300:]}")
                continue
            x = etree.parse(path)
            root = x.getroot()
            if root.tag != "{%s}xliff" % NS["x"] or root.get("version") != "1.2":
                bad.append(f"{doc}/{lang}: root is {root.tag} {root.get('version')}")
            f = root.find("x:file", NS)
            if f.get("source-language") != "de" or f.get("target-language") != lang:
                bad.append(f"{doc}/{lang}: languages {f.get('source-language')} {f.get('target-language')}")
            ids = set()
            for tu in root.iterfind(".//x:trans-unit", NS):
                units += 1
                uid = tu.get("id")
                if uid in ids:
                    bad.append(f"{doc}/{lang}: unit {uid} twice")
                ids.add(uid)
                src, tgt = tu.find("x:source", NS), tu.find("x:target", NS)
                if tgt is None or tgt.get("state") not in STATES:
                    bad.append(f"{doc}/{lang}: {uid} has no target state")
                want = resolve(de, uid)
                if unescape(segment(src)) == unescape(want):
                    faithful += 1
                else:
                    bad.append(f"{doc}/{lang}: {uid}: source {segment(src)[:60]!r} is not "
                               f"the German {want[:60]!r}")
            r = run(DW, "import-xliff", "--content", work, path)
            if r.returncode != 0:
                bad.append(f"{doc}/{lang}: import of the unchanged file: {r.stderr[-300:]}")
    after = snapshot(work)
    changed = [k for k in before if before[k] != after.get(k)]
    report("xliff-export-well-formed-and-faithful", not bad and units > 0,
           "; ".join(bad[:5]) + f" ({len(bad)} problems)")
    print(f"note xliff: {units} units, {faithful} sources equal the German read by PyYAML")
    report("xliff-round-trip-byte-identical", not changed, f"changed: {changed[:5]}")

    po = os.path.join(tmp, "po")
    r = run("xliff2po", "--progress=none", xdir, po)
    n_po = sum(len(fs) for _, _, fs in os.walk(po)) if os.path.isdir(po) else 0
    report("xliff-read-by-translate-toolkit", r.returncode == 0 and n_po == len(os.listdir(xdir)),
           f"xliff2po exit {r.returncode}, {n_po} PO files: {r.stderr[-300:]}")
    flt = os.path.join(tmp, "filtered")
    r = run("pofilter", "--progress=none", "-t", "urls", "-t", "emails", "-t", "xmltags",
            xdir, flt)
    failed = []
    for dirpath, _, files in os.walk(flt) if os.path.isdir(flt) else []:
        for fn in files:
            failed += re.findall(r'from="pofilter">([^<]*)<',
                                 open(os.path.join(dirpath, fn), encoding="utf-8").read())
    report("xliff-pofilter-codes-intact", r.returncode == 0 and not failed,
           f"exit {r.returncode}: {failed[:5]}")
    return xdir


def content_copy(tmp, name):
    dst = os.path.join(tmp, name)
    shutil.copytree("content", dst)
    return dst


def test_changed_target_reaches_pdf(tmp, xdir):
    """A changed target is written into the YAML (one line changes) and
    printed in the PDF."""
    c = content_copy(tmp, "content-change")
    src = os.path.join(xdir, "integration-guidelines.en.xlf")
    x = etree.parse(src)
    tu = next(t for t in x.getroot().iterfind(".//x:trans-unit", NS)
              if re.fullmatch(r"/sections\[[^\]]+\]/blocks\[1\]/p", t.get("id")))
    tgt = tu.find("x:target", NS)
    for ch in list(tgt):
        tgt.remove(ch)
    tgt.text = "Zebra crossing text for the round trip test."
    changed = os.path.join(tmp, "changed.xlf")
    x.write(changed, encoding="UTF-8", xml_declaration=True)
    before = open(f"{c}/integration-guidelines/en.yaml", encoding="utf-8").read().splitlines()
    r = run(DW, "import-xliff", "--content", c, changed)
    after = open(f"{c}/integration-guidelines/en.yaml", encoding="utf-8").read().splitlines()
    diff = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    report("xliff-import-writes-changed-text", r.returncode == 0 and len(before) == len(after)
           and len(diff) == 1 and "Zebra crossing" in after[diff[0]],
           f"exit {r.returncode} {r.stderr[-200:]}; lines changed: {diff[:5]}")
    out = os.path.join(tmp, "out")
    r = run(DW, "build", "--content", c, "--doc", "integration-guidelines", "--lang", "en",
            "--variant", "office", "--out", out)
    pdf = os.path.join(out, "office", "integration-guidelines.en.pdf")
    text = run("pdftotext", pdf, "-").stdout if os.path.exists(pdf) else ""
    report("xliff-imported-text-in-pdf", "Zebra crossing text for the round trip test." in
           re.sub(r"\s+", " ", text), f"build exit {r.returncode}: {r.stderr[-300:]}")


def test_lost_code_refused(tmp, xdir):
    """A target that lost its {tel:} code is refused with a message naming
    the code, and nothing is written."""
    c = content_copy(tmp, "content-lost")
    before = snapshot(c)
    hit = None
    for doc in DOCS:
        x = etree.parse(os.path.join(xdir, f"{doc}.ar.xlf"))
        for tu in x.getroot().iterfind(".//x:trans-unit", NS):
            ph = tu.find("x:target/x:ph[@ctype='x-tel']", NS)
            if ph is not None:
                hit = (x, ph, doc)
                break
        if hit:
            break
    if not hit:
        report("xliff-lost-code-refused", False, "no Arabic unit with a {tel:} code")
        return
    x, ph, doc = hit
    number = ph.text
    parent = ph.getparent()
    prev = ph.getprevious()
    tail = (ph.tail or "")
    if prev is not None:
        prev.tail = (prev.tail or "") + "04471 15-0" + tail
    else:
        parent.text = (parent.text or "") + "04471 15-0" + tail
    parent.remove(ph)
    bad = os.path.join(tmp, "lost.xlf")
    x.write(bad, encoding="UTF-8", xml_declaration=True)
    r = run(DW, "import-xliff", "--content", c, bad)
    report("xliff-lost-code-refused",
           r.returncode == 1 and "lost the code 'tel:" in r.stderr and
           re.search(r"lost\.xlf:\d+:\d+: error", r.stderr) and snapshot(c) == before,
           f"exit {r.returncode}, {r.stderr[-400:]!r} (removed {number})")


def test_changed_units(tmp):
    """--changed lists exactly the units whose German changed since the
    translation's source-edition (found in git)."""
    c = content_copy(tmp, "content-git")
    git = ["git", "-C", c, "-c", "user.name=test", "-c", "user.email=test@example.org"]
    path = f"{c}/integration-guidelines/de.yaml"
    text = open(path, encoding="utf-8").read()
    de = yaml.safe_load(text)
    # the English translation follows this German edition ...
    en_path = f"{c}/integration-guidelines/en.yaml"
    en = open(en_path, encoding="utf-8").read()
    en = re.sub(r"^source-edition: .*$", f"source-edition: {de['edition']}", en, count=1,
                flags=re.M)
    open(en_path, "w", encoding="utf-8").write(en)
    run(*git[:3], "init", "-q")
    run(*git, "add", "-A")
    run(*git, "commit", "-q", "-m", "edition as translated")
    # ... so only German texts it lacks are listed now
    base = os.path.join(tmp, "changed-before.xlf")
    export("integration-guidelines", "en", base, "--changed", content=c)
    untranslated = {tu.get("id") for tu in etree.parse(base).getroot().iterfind(".//x:trans-unit", NS)}
    want = set()
    # two texts whose YAML value stands verbatim, once, in the file
    for uid in ["/subtitle"] + [f"/sections[{s['id']}]/blocks[{i + 1}]/p"
                                for s in de["sections"] for i, b in enumerate(s.get("blocks", []))
                                if isinstance(b, dict) and isinstance(b.get("p"), str)]:
        v = resolve(de, uid)
        if text.count(v) == 1 and len(want) < 2 and uid not in untranslated:
            text = text.replace(v, v + " Neu.")
            want.add(uid)
    text = re.sub(r"^edition: .*$", "edition: 2099-01-01", text, count=1, flags=re.M)
    open(path, "w", encoding="utf-8").write(text)
    run(*git, "commit", "-q", "-am", "new German edition")
    out = os.path.join(tmp, "changed-only.xlf")
    r = export("integration-guidelines", "en", out, "--changed", content=c)
    got = {}
    if r.returncode == 0:
        for tu in etree.parse(out).getroot().iterfind(".//x:trans-unit", NS):
            got[tu.get("id")] = tu.find("x:target", NS).get("state")
    report("xliff-changed-lists-exactly-changed-units",
           len(want) == 2 and set(got) == want | untranslated and
           all(got[u] == "needs-review-translation" for u in want) and
           all(got[u] == "needs-translation" for u in untranslated),
           f"exit {r.returncode} {r.stderr[-200:]}; want {sorted(want)}, got {got}")


OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
<source_dir>source</source_dir><source_dir_excludes/><target_dir>target</target_dir>
<tm_dir>tm</tm_dir><glossary_dir>glossary</glossary_dir>
<glossary_file>glossary/glossary.txt</glossary_file><dictionary_dir>dictionary</dictionary_dir>
<source_lang>de</source_lang><target_lang>en</target_lang>
<source_tok>org.omegat.tokenizer.LuceneGermanTokenizer</source_tok>
<target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
<sentence_seg>false</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags></project></omegat>
"""


def test_omegat(tmp, xdir):
    """OmegaT (Debian), headless, reads every exported file as a project:
    one segment per unit; the files it writes back import without a
    change to content/ (a round trip through a CAT tool)."""
    jar = "/usr/share/omegat/OmegaT.jar"
    proj = os.path.join(tmp, "omegat-project")
    for d in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
        os.makedirs(os.path.join(proj, d))
    open(os.path.join(proj, "omegat.project"), "w").write(OMEGAT_PROJECT)
    units = {}
    for f in os.listdir(xdir):
        shutil.copy(os.path.join(xdir, f), os.path.join(proj, "source", f))
        units[f] = len(etree.parse(os.path.join(xdir, f)).getroot().findall(".//x:trans-unit", NS))
    r = run("java", "-Djava.awt.headless=true", "-jar", jar, proj, "--mode=console-translate",
            "--config-dir=" + os.path.join(tmp, "omegat-config"), "--disable-project-locking")
    stats = os.path.join(proj, "omegat", "project_stats.txt")
    seen = {}
    if os.path.exists(stats):
        text = open(stats, encoding="utf-8").read()
        for line in text.split("Individual File Statistics", 1)[-1].splitlines():
            cells = [c.strip() for c in line.split("\t")]
            if len(cells) > 2 and cells[0] in units:
                seen[cells[0]] = int(cells[1])
    report("xliff-read-by-omegat", r.returncode == 0 and seen == units,
           f"exit {r.returncode}; segments per file {sorted(seen.items())[:3]} vs units "
           f"{sorted(units.items())[:3]}: {r.stdout[-200:]} {r.stderr[-200:]}")
    c = content_copy(tmp, "content-omegat")
    before, bad = snapshot(c), []
    for f in sorted(os.listdir(os.path.join(proj, "target"))):
        r = run(DW, "import-xliff", "--content", c, os.path.join(proj, "target", f))
        if r.returncode != 0:
            bad.append(f"{f}: {r.stderr[-200:]}")
    report("xliff-omegat-output-imports-unchanged",
           not bad and snapshot(c) == before and
           len(os.listdir(os.path.join(proj, "target"))) == len(units), "; ".join(bad[:3]))


def main():
    tmp = tempfile.mkdtemp(prefix="dw-xliff-")
    try:
        xdir = test_export_all(tmp)
        test_omegat(tmp, xdir)
        test_changed_target_reaches_pdf(tmp, xdir)
        test_lost_code_refused(tmp, xdir)
        test_changed_units(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
