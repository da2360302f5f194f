#!/usr/bin/env python3
"""Wrong indentation in plain words, at the line with the mistake (issue 17).

Real content files (the German welcome folder, contacts.yaml, an Arabic
translation) get one line moved one or two spaces left or right, at
seeded random places.  PyYAML's pure-Python parser (not libyaml) decides
whether the result is still YAML; where it is not, `druckwerk check` must
exit 1 with exactly one error in that file, in druckwerk's words (none of
libyaml's "did not find expected key", "mapping values are not allowed",
"could not find expected ':'"), and the error must name the line that was
moved: as its place, or as the line it is compared with ("… than the key
above it (line 590)" when the moved line pushed the next one out of line).
Prints how many were reported at the moved line and how many named it.
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, status  # noqa: E402

DRUCKWERK = os.path.abspath(os.environ.get("DRUCKWERK", "./druckwerk"))
LIBYAML = ("did not find expected", "mapping values are not allowed", "could not find expected")

rnd = random.Random(2017)
at_line = named = refused = 0
tmp = tempfile.mkdtemp(prefix="dw-indent-")
try:
    content = os.path.join(tmp, "content")
    shutil.copytree("content", content)
    for rel in ("welcome-folder/de.yaml", "contacts.yaml", "integration-guidelines/ar.yaml"):
        whole = open(os.path.join("content", rel), encoding="utf-8").read()
        src = whole.split("\n")
        lines = [i for i, ln in enumerate(src) if ln.startswith("  ") and not ln.strip().startswith("#")]
        tried = 0
        while tried < 12:
            i, d = rnd.choice(lines), rnd.choice([-2, -1, 1, 2])
            moved = list(src)
            moved[i] = " " * d + src[i] if d > 0 else src[i][-d:]
            text = "\n".join(moved)
            try:
                yaml.load(text, Loader=yaml.SafeLoader)
                continue  # still YAML: not this test's case
            except yaml.YAMLError:
                pass
            tried += 1
            refused += 1
            open(os.path.join(content, rel), "w", encoding="utf-8").write(text)
            r = subprocess.run([DRUCKWERK, "check", "--content", content], capture_output=True, text=True,
                               timeout=60)
            errs = [ln for ln in r.stderr.splitlines() if ": error: " in ln]
            m = re.search(r"\.yaml:(\d+):\d+: error: (.*)", errs[0]) if len(errs) == 1 else None
            place = int(m.group(1)) if m else 0
            words = m and not any(w in m.group(2) for w in LIBYAML)
            names = m and (place == i + 1 or f"(line {i + 1})" in m.group(2))
            at_line += place == i + 1
            named += bool(names) and place != i + 1
            report(r.returncode == 1 and words and names and rel in errs[0],
                   f"indent-{rel.replace('/', '-')}-line-{i + 1}-by-{d:+d}", errs[:2])
        open(os.path.join(content, rel), "w", encoding="utf-8").write(whole)
    print(f"# {refused} lines moved out of YAML: {at_line} reported at the moved line, "
          f"{named} at the next line naming it")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status())
