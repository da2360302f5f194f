#!/usr/bin/env python3
"""Pictograms on the dividers of the welcome folder (German and Arabic),
compared with an independent drawing of the same icon: hb-view
(HarfBuzz's cairo renderer, libharfbuzz-bin) sets the icon's name in
Material Icons, whose ligature gives the glyph; both pictures are read
with Pillow (Debian's python3-pil, through /usr/bin/python3), cut to the
ink's bounding box and compared as 32 × 32 masks.

  - every top-level section named in layouts/welcome-folder.yaml's
    `icons:` (read with PyYAML) has, on its divider (the page before the
    one the contents names), a pictogram whose mask matches hb-view's
    in at least 90 % of its cells, and matches it better than any other
    icon of the document (so the right icon, not just an icon);
  - the contents page's text (pdftotext, lines compared as a set: the
    order poppler finds them in may change) is the same with and without
    icons: the pictograms add no text.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
FONT = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"
# Pillow runs in Debian's Python: mask of the ink (darker than the tint
# the divider is printed on) in a region, cut to its box, 32 × 32
MASK = r'''
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("L")
w, h = im.size
x0, y0, x1, y1 = (float(v) for v in sys.argv[2:6])
im = im.crop((int(x0 * w), int(y0 * h), int(x1 * w), int(y1 * h)))
bw = im.point(lambda v: 255 if v < 160 else 0)
box = bw.getbbox()
if not box:
    print(""); sys.exit()
m = bw.crop(box).resize((32, 32))
print("".join("1" if v > 127 else "0" for v in m.getdata()))
'''


def mask(png, region):
    r = run("/usr/bin/python3", "-c", MASK, png, *map(str, region))
    return r.stdout.strip()


def same(a, b):
    return sum(x == y for x, y in zip(a, b)) / 1024 if a and b else 0


def main():
    tmp = tempfile.mkdtemp()
    layout = yaml.safe_load(open("layouts/welcome-folder.yaml", encoding="utf-8"))
    icons = layout.get("icons") or {}
    ids = [s["id"] for s in yaml.safe_load(open("content/welcome-folder/de.yaml",
                                                 encoding="utf-8"))["sections"]]
    refs = {}
    for name in set(icons.values()):
        png = os.path.join(tmp, f"ref-{name}.png")
        run("hb-view", "--font-size=200", "--margin=20", "--background=FFFFFF",
            "--foreground=000000", "-O", "png", "-o", png, FONT, name)
        refs[name] = mask(png, (0, 0, 1, 1))
    report(icons and all(refs.values()), "icons-reference-drawn", refs)
    for lang in ("de", "ar"):
        r = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--lang", lang, "--variant",
                "office", "--out", tmp)
        report(r.returncode == 0, f"icons-{lang}-build", r.stderr[-300:])
        pdf = f"{tmp}/office/welcome-folder.{lang}.pdf"
        # each section's first page, from the bookmarks (qpdf): the top-level
        # entries between the contents and the legal notice, in order
        d = json.loads(run("qpdf", "--json=2", "--json-key=outlines", "--json-key=pages",
                           pdf).stdout)
        pg = {p["object"]: i + 1 for i, p in enumerate(d["pages"])}
        nums = [pg.get(o["dest"][0], 0) for o in d["outlines"][1:-1] if o.get("dest")]
        bad = []
        for k, sid in enumerate(ids):
            name = icons.get(sid)
            if not name or k >= len(nums):
                bad.append((sid, "no icon or page"))
                continue
            page = nums[k] - 1  # the divider is the page before
            base = os.path.join(tmp, f"d{lang}{k}")
            subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", str(page),
                            "-l", str(page), pdf, base], check=True)
            # the top, without the outer quarter (the register tab)
            # (dividers are rectos: the tab is on the right in German, on the
            # left in Arabic)
            # above the section number, whose top is 23 % down the page
            region = (0.25, 0, 1, 0.215) if lang == "ar" else (0, 0, 0.75, 0.215)
            got = mask(base + ".png", region)
            score = same(got, refs[name])
            best = max(refs, key=lambda n: same(got, refs[n]))
            if score < 0.9 or (best != name and same(got, refs[best]) > score):
                bad.append((sid, name, page, round(score, 3), best))
        report(not bad, f"icons-{lang}-dividers-match-hb-view", bad)
    # no text from the pictograms: contents without icons
    plain = os.path.join(tmp, "layouts")
    os.makedirs(plain)
    for f in os.listdir("layouts"):
        d = open(os.path.join("layouts", f), encoding="utf-8").read()
        d = re.sub(r"(?ms)^icons:\n(  .*?\n)+", "", d)
        open(os.path.join(plain, f), "w", encoding="utf-8").write(d)
    r = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--lang", "de", "--variant", "office",
            "--layouts", plain, "--out", os.path.join(tmp, "plain"))
    r0 = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--lang", "de", "--variant",
             "office", "--out", tmp)
    a = run("pdftotext", "-f", "2", "-l", "2", f"{tmp}/office/welcome-folder.de.pdf", "-").stdout
    b = run("pdftotext", "-f", "2", "-l", "2", f"{tmp}/plain/office/welcome-folder.de.pdf",
            "-").stdout
    la = sorted(l for l in a.splitlines() if l.strip())
    lb = sorted(l for l in b.splitlines() if l.strip())
    report(r.returncode == 0 and la == lb and la, "icons-add-no-text",
           r.stderr[-200:] + str(set(la) ^ set(lb)))


if __name__ == "__main__":
    main()
    sys.exit(status())
