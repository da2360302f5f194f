#!/usr/bin/env python3
"""A German file cut short (a copy broken off, a full disk) is never
built silently with fewer pages (issue 17).  Prints ok/FAIL lines.

content/welcome-folder/de.yaml is cut at 10 random bytes (fixed seed, so
the cuts are the same every run) and at the ends of the last lines (a cut
at a line break leaves no half line).  For each cut, `check` and `build`
must exit 1 with an error, or print a warning that says "cut short";
never exit 0 in silence.  PyYAML (not libyaml) reads each cut file: it
either refuses it or finds fewer sections than the whole file, so every
cut really lost content.  The summary line says how the cuts were caught.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, status  # noqa: E402

DRUCKWERK = os.path.abspath(os.environ.get("DRUCKWERK", "./druckwerk"))
SRC = "content/welcome-folder/de.yaml"


def sections(data):
    """Section ids at any depth, by PyYAML's pure-Python parser."""
    out = []

    def walk(secs):
        for s in secs or []:
            if isinstance(s, dict):
                out.append(s.get("id"))
                walk(s.get("sections"))

    walk((yaml.load(data, Loader=yaml.SafeLoader) or {}).get("sections"))
    return out


whole = open(SRC, "rb").read()
n_whole = len(sections(whole))
rnd = random.Random(1717)
cuts = sorted(rnd.randrange(1, len(whole)) for _ in range(10))
ends = [i + 1 for i, b in enumerate(whole) if b == 0x0A][-4:-1]  # last lines, whole
how = {}
tmp = tempfile.mkdtemp(prefix="dw-cut-")
try:
    content = os.path.join(tmp, "content")
    shutil.copytree("content", content, symlinks=True)
    for at in cuts + ends:
        part = whole[:at]
        try:
            lost = len(sections(part)) < n_whole or part.count(b"\n") < whole.count(b"\n")
        except yaml.YAMLError:
            lost = True
        open(os.path.join(content, "welcome-folder/de.yaml"), "wb").write(part)
        seen = []
        for cmd in (["check"], ["build", "--doc", "welcome-folder", "--lang", "de", "--variant", "office",
                                "--out", os.path.join(tmp, "out")]):
            r = subprocess.run([DRUCKWERK, *cmd, "--content", content], capture_output=True, text=True,
                               timeout=60)
            errs = [ln for ln in r.stderr.splitlines() if "de.yaml" in ln and ": error: " in ln]
            warns = [ln for ln in r.stderr.splitlines() if "de.yaml" in ln and ": warning: " in ln
                     and "cut short" in ln]
            if r.returncode == 1 and errs:
                seen.append("error: " + ("cut short" if "cut short" in errs[0] else errs[0].split(": error: ")[1][:40]))
            elif r.returncode == 0 and warns:
                seen.append("warning: cut short")
            else:
                seen.append(f"SILENT (exit {r.returncode})")
        how.setdefault(seen[0], 0)
        how[seen[0]] += 1
        report(lost and seen[0] == seen[1] and "SILENT" not in seen[0], f"cut-de-at-byte-{at}",
               f"lost content: {lost}; check / build: {seen}")
    open(os.path.join(content, "welcome-folder/de.yaml"), "wb").write(whole)
    # a translation cut inside a text: English built with fewer pages; the
    # build now says so (the German decides what a translation must have,
    # so only the missing line break tells)
    en = open("content/welcome-folder/en.yaml", "rb").read()
    at = en.index(b"\n", len(en) // 2) - 7
    open(os.path.join(content, "welcome-folder/en.yaml"), "wb").write(en[:at])
    r = subprocess.run([DRUCKWERK, "build", "--doc", "welcome-folder", "--lang", "en", "--variant", "office",
                        "--content", content, "--out", os.path.join(tmp, "out")],
                       capture_output=True, text=True, timeout=60)
    warn = [ln for ln in r.stderr.splitlines() if "en.yaml" in ln and ": warning: the file ends without a line "
            "break" in ln and "was it cut short?" in ln]
    report(len(warn) == 1, "cut-en-build-warns", r.stderr[-400:])
    print("# cuts caught: " + "; ".join(f"{n} by {k}" for k, n in sorted(how.items())))
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status())
