#!/usr/bin/env python3
"""Images, with pictures Ghostscript draws for the test:
  - a CMYK JPEG goes into every variant, across the measure; the print PDF
    passes preflight; the web PDF tags it as a Figure with /Alt;
  - an RGB PNG is refused for print (exit 1, the message names the YAML
    file, line and column) but used in the office variant;
  - an image too small for the measure gives a resolution warning.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402
import pdfread  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")
PS = "%!PS\n0.8 0.1 0 0.1 setcmykcolor 0 0 2000 1000 rectfill\n0 0 0 1 setcmykcolor 20 setlinewidth 100 100 moveto 1900 900 lineto stroke\nshowpage\n"


def inject(content, lang, block):
    """Put an image block first in the first section of the welcome folder."""
    p = os.path.join(content, "welcome-folder", f"{lang}.yaml")
    text = open(p, encoding="utf-8").read()
    m = re.search(r"(?m)^(\s*)blocks:\s*\n(\s*)- ", text)
    text = text[:m.end() - 2] + f"- image: {block}\n" + m.group(2) + text[m.end() - 2:]
    open(p, "w", encoding="utf-8").write(text)
    return p, text[:m.end()].count("\n") + 1


with tempfile.TemporaryDirectory() as tmp:
    content = os.path.join(tmp, "content")
    shutil.copytree("content", content)
    os.makedirs(os.path.join(content, "images"))
    ps = os.path.join(tmp, "pic.ps")
    open(ps, "w").write(PS)
    # 2000 × 1000 px: 2.2 times the 300 ppi an A4 measure of 150 mm needs
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=jpegcmyk", "-r72", "-g2000x1000", "-o",
        os.path.join(content, "images/cmyk.jpg"), ps)
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r72", "-g2000x1000", "-o",
        os.path.join(content, "images/rgb.png"), ps)
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=jpegcmyk", "-r7", "-g200x100", "-o",
        os.path.join(content, "images/small.jpg"), ps)
    for lang in ("de", "ar"):
        inject(content, lang, '{file: images/cmyk.jpg, alt: "Eine Grafik: eine Linie auf Blau."}')
    out = os.path.join(tmp, "out")
    r = run(DRUCKWERK, "build", "--content", content, "--doc", "welcome-folder", "--out", out, "--icc", ICC)
    report(r.returncode == 0, "image-cmyk-builds-all-variants", r.stderr[-400:])
    if r.returncode == 0:
        p = run(DRUCKWERK, "preflight", os.path.join(out, "print/welcome-folder.de.pdf"))
        report(p.returncode == 0 and "1 images" in p.stdout or "images, at least" in p.stdout,
               "image-print-passes-preflight", p.stdout)
        web = pdfread.qdf(os.path.join(out, "web/welcome-folder.ar.pdf"))
        report("/S /Figure" in web and re.search(r"/Alt [<(]", web) is not None,
               "image-web-figure-with-alt", "")
        ink = run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=inkcov", "-dFirstPage=3", "-dLastPage=3",
                  "-o", "-", os.path.join(out, "office/welcome-folder.de.pdf")).stdout
        c = float(ink.split()[0]) if ink.split() else 0
        report(c > 0.05, "image-is-drawn", ink)
    yaml, line = inject(content, "de", '{file: images/rgb.png, alt: "RGB"}')
    r = run(DRUCKWERK, "build", "--content", content, "--doc", "welcome-folder", "--lang", "de",
            "--variant", "print", "--out", os.path.join(tmp, "rgb"), "--icc", ICC)
    report(r.returncode != 0 and "is RGB" in r.stderr and re.search(r"welcome-folder/de\.yaml:\d+:\d+", r.stderr)
           and not os.path.exists(os.path.join(tmp, "rgb/print/welcome-folder.de.pdf")),
           "image-rgb-refused-for-print", r.stderr[-400:])
    r = run(DRUCKWERK, "build", "--content", content, "--doc", "welcome-folder", "--lang", "de",
            "--variant", "office", "--out", os.path.join(tmp, "rgb"), "--icc", ICC)
    report(r.returncode == 0, "image-rgb-allowed-for-office", r.stderr[-300:])
    inject(content, "de", '{file: images/small.jpg, alt: "klein"}')
    r = run(DRUCKWERK, "build", "--content", content, "--doc", "welcome-folder", "--lang", "de",
            "--variant", "office", "--out", os.path.join(tmp, "small"), "--icc", ICC)
    report("warning: image 'images/small.jpg' prints at" in r.stderr, "image-low-resolution-warning",
           r.stderr[-300:])
sys.exit(status())
