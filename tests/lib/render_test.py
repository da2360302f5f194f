#!/usr/bin/env python3
"""Render regression: selected pages of LTR and RTL documents
rendered at 20 dpi in grey and compared with the reviewed references in
tests/renders/ (gzip'd PGM).  A page fails when more than 1.5 % of its
pixels differ by more than 48 grey levels, or the mean difference exceeds
3 levels — enough to ignore rasteriser noise, not a moved paragraph.
GOLDEN_UPDATE=1 rewrites the references (review the renders first)."""
import gzip
import os
import subprocess
import sys
import tempfile

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
PAGES = [  # document, language, page
    ("welcome-folder", "de", 1), ("welcome-folder", "de", 6), ("welcome-folder", "ar", 6),
    ("welcome-folder", "ar", 5),
    ("welcome-folder", "ar", 2), ("education-brochure", "fa", 7), ("education-brochure", "de", 40),
    ("integration-guidelines", "uk", 3), ("integration-guidelines", "ar", 3),
]
REF = "tests/renders"


def pgm(path):
    data = open(path, "rb").read() if not path.endswith(".gz") else gzip.open(path).read()
    parts, i = [], 0
    while len(parts) < 4:  # P5, width, height, maxval
        while data[i:i + 1].isspace():
            i += 1
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        parts.append(data[i:j])
        i = j
    return int(parts[1]), int(parts[2]), data[i + 1:]


def main():
    update = os.environ.get("GOLDEN_UPDATE") == "1"
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for doc in sorted({p[0] for p in PAGES}):
            r = subprocess.run([DRUCKWERK, "build", "--doc", doc, "--variant", "office", "--out", tmp],
                               capture_output=True, text=True)
            if r.returncode:
                print(f"FAIL render-build-{doc}: {r.stderr[-300:]}")
                return 1
        for doc, lang, page in PAGES:
            name = f"{doc}.{lang}.p{page}"
            out = os.path.join(tmp, name)
            subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", str(page), "-l", str(page),
                            "-singlefile", os.path.join(tmp, "office", f"{doc}.{lang}.pdf"), out],
                           check=True)
            ref = os.path.join(REF, name + ".pgm.gz")
            if update:
                with gzip.GzipFile(ref, "wb", mtime=0) as f:
                    f.write(open(out + ".pgm", "rb").read())
                print(f"ok render-updated-{name}")
                continue
            if not os.path.exists(ref):
                print(f"FAIL render-{name}: no reference {ref} (make golden-update)")
                failed += 1
                continue
            w1, h1, a = pgm(out + ".pgm")
            w2, h2, b = pgm(ref)
            if (w1, h1) != (w2, h2):
                print(f"FAIL render-{name}: size {w1}x{h1}, reference {w2}x{h2}")
                failed += 1
                continue
            diff = [abs(x - y) for x, y in zip(a, b)]
            big = sum(1 for d in diff if d > 48) / len(diff)
            mean = sum(diff) / len(diff)
            if big > 0.015 or mean > 3:
                print(f"FAIL render-{name}: {big:.2%} pixels differ, mean {mean:.2f}")
                failed += 1
            else:
                print(f"ok render-{name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
