#!/usr/bin/env python3
"""Link targets read back from the PDFs with qpdf (--json=2), an
independent reader.  Prints "ok NAME" / "FAIL NAME: why".

A phone number is linked as the loader validated it (one function,
dw_inline_href): "+49 (0) 4471 9234-0" is dialled from abroad without the
(0), so its link is tel:+49447192340, never tel:+490447192340.

  - the fixture's course provider with "+49 (0) 4471 9234-0" (a course
    card in the brochure, a {tel:} span in the folder) links to exactly
    tel:+49447192340, and the fixture contact "04471 15-0" to
    tel:+494471150;
  - every link in the real documents (office variant) is tel: in E.164
    form (+ country code, no trunk 0 after +49) or a short number
    (110, 116117), mailto: with one @, or https://;
  - every tel: link in the real documents is one this test computes
    from a phone number written in content/ (contacts.yaml fields and
    {tel:…} spans), with the rule above.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")


def uris(pdf):
    """Every /URI of a link action in the file, as qpdf reads it."""
    r = run("qpdf", "--json=2", "--json-key=qpdf", pdf)
    found = []

    def walk(v):
        if isinstance(v, dict):
            if v.get("/S") == "/URI" and isinstance(v.get("/URI"), str):
                s = v["/URI"]
                found.append(s[2:] if s.startswith("u:") else bytes.fromhex(s[2:]).decode("latin-1"))
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(json.loads(r.stdout)["qpdf"][1])
    return found


def tel_of(text):
    """The E.164 link of a German phone number as written in the content,
    computed here from the number's text (not with druckwerk's code)."""
    t = text.strip()
    if t.startswith("+"):
        t = re.sub(r"\(0\)", "", t)  # "+49 (0) 4471": the 0 only inside Germany
        return "tel:+" + re.sub(r"\D", "", t)
    d = re.sub(r"\D", "", t)
    if d.startswith("00"):
        return "tel:+" + d[2:]
    if d.startswith("0"):
        return "tel:+49" + d[1:]
    return "tel:" + d


def well_formed(u):
    if u.startswith("tel:"):
        return bool(re.fullmatch(r"tel:\+[1-9]\d{6,14}", u) and not u.startswith("tel:+490")
                    or re.fullmatch(r"tel:1\d{2,5}", u))
    if u.startswith("mailto:"):
        return bool(re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[a-z]+", u))
    return bool(re.fullmatch(r"https?://\S+", u))


def main():
    tmp = tempfile.mkdtemp()
    fx = os.path.join(tmp, "fx")
    r = run(DRUCKWERK, "build", "--content", "tests/fixtures/content", "--variant", "office",
            "--out", fx, "--cache", "none")
    report(r.returncode == 0, "links-fixture-build", r.stderr[-300:])
    for doc in ("education-brochure", "welcome-folder"):
        for lang in ("de", "ar"):
            got = uris(os.path.join(fx, "office", f"{doc}.{lang}.pdf"))
            tels = sorted(set(u for u in got if u.startswith("tel:")))
            report("tel:+49447192340" in tels and not any(u.startswith("tel:+490") for u in tels),
                   f"links-tel-plus49-paren0-{doc}-{lang}", tels)
    got = uris(os.path.join(fx, "office", "welcome-folder.de.pdf"))
    report("tel:+494471150" in got, "links-tel-area-code", sorted(set(got)))

    real = os.path.join(tmp, "real")
    r = run(DRUCKWERK, "build", "--variant", "office", "--out", real, "--cache", "none")
    report(r.returncode == 0, "links-real-build", r.stderr[-300:])
    all_uris = set()
    bad = []
    for f in sorted(os.listdir(os.path.join(real, "office"))):
        for u in uris(os.path.join(real, "office", f)):
            all_uris.add(u)
            if not well_formed(u):
                bad.append((f, u))
    report(len(all_uris) > 10 and not bad, "links-real-well-formed",
           f"{len(all_uris)} distinct links; malformed: {bad[:6]}")
    # every phone number the content writes: contacts.yaml fields and
    # {tel:…} spans in the documents
    texts = []
    for root, _, files in os.walk("content"):
        for f in files:
            if f.endswith(".yaml"):
                y = open(os.path.join(root, f), encoding="utf-8").read()
                texts += re.findall(r"(?m)^\s+phone:\s*\"?([^\"\n]+?)\"?\s*$", y)
                texts += re.findall(r"\{tel:([^}]+)\}", y)
    computed = {tel_of(t) for t in texts}
    tels = {u for u in all_uris if u.startswith("tel:")}
    report(len(texts) > 5 and len(tels) > 5 and tels <= computed,
           "links-real-tel-as-computed-from-yaml",
           f"{len(texts)} numbers in the content, {len(tels)} linked; "
           f"linked otherwise than computed: {sorted(tels - computed)[:6]}")
    return status()


if __name__ == "__main__":
    sys.exit(main())
