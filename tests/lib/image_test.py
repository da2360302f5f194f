#!/usr/bin/env python3
"""Images, with pictures Ghostscript draws for the test:
  - a CMYK JPEG goes into every variant, across the measure; the print PDF
    passes preflight; the web PDF tags it as a Figure with /Alt;
  - pictures as an office delivers them: an RGB PNG, a greyscale PNG, an
    RGB JPEG, a CMYK JPEG, a 16-bit PNG and a PNG with transparency
    (Ghostscript's png16m, pnggray, jpeg, jpegcmyk, png48, pngalpha) each
    build into all four variants; in print and booklet mutool lists every
    image as DeviceCMYK or DeviceGray with no soft mask (SMask) and
    druckwerk's preflight passes (no RGB); the web file passes PDFBox
    Preflight (PDF/A-1b); the RGB picture's blue (sRGB 20 % 40 % 90 %)
    comes out in ink near what LittleCMS's own transform of it gives
    (transicc, sRGB → FOGRA39, relative colorimetric + BPC): Ghostscript's
    inkcov of the page agrees on which ink dominates;
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


def pdfbox(cp, pdf):
    """PDFBox Preflight's findings (code and message, object numbers
    dropped) on a PDF/A-1b file."""
    v = run("java", "-cp", cp, "org.apache.pdfbox.preflight.Validator_A1b", pdf)
    return {re.sub(r"COSObject\{\d+, \d+\}", "obj", l.strip())
            for l in (v.stdout + v.stderr).splitlines() if re.match(r"\s*\d+\.\d", l)}


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
    kinds = [("rgb.png", "png16m"), ("grey.png", "pnggray"), ("rgb.jpg", "jpeg"),
             ("cmyk2.jpg", "jpegcmyk"), ("rgb16.png", "png48"), ("alpha.png", "pngalpha")]
    pbox = ":".join("/usr/share/java/" + j for j in (
        "preflight.jar", "pdfbox2.jar", "fontbox2.jar", "xmpbox.jar", "commons-logging.jar",
        "javax.activation.jar", "jaxb-api.jar"))
    r = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--lang", "de", "--variant", "web",
            "--out", os.path.join(tmp, "base"), "--icc", ICC)
    # PDFBox's findings on the file without a picture (the web variant's
    # own open PDF/A points): a picture must add none
    base = pdfbox(pbox, os.path.join(tmp, "base/web/welcome-folder.de.pdf"))
    if base:
        print(f"note web PDF/A-1b findings without images (not this test's): {sorted(base)}")
    for name, dev in kinds:
        # a blue field with a black line; pngalpha leaves the rest transparent
        ps_k = os.path.join(tmp, "k.ps")
        open(ps_k, "w").write("%!PS\n0.2 0.4 0.9 setrgbcolor 0 0 1000 500 rectfill\n"
                              "0 setgray 20 setlinewidth 50 50 moveto 1900 900 lineto stroke\nshowpage\n")
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", f"-sDEVICE={dev}", "-r72", "-g2000x1000", "-o",
            os.path.join(content, "images", name), ps_k)
        c2 = os.path.join(tmp, "c-" + name)
        shutil.copytree(content, c2)
        inject(c2, "de", f'{{file: images/{name}, alt: "Bild {name}"}}')
        o2 = os.path.join(tmp, "o-" + name)
        r = run(DRUCKWERK, "build", "--content", c2, "--doc", "welcome-folder", "--lang", "de",
                "--out", o2, "--icc", ICC)
        report(r.returncode == 0 and all(os.path.exists(f"{o2}/{v}/welcome-folder.de.pdf")
                                         for v in ("office", "print", "web")),
               f"image-{name}-builds-all-variants", r.stderr[-300:])
        if r.returncode:
            continue
        pr = f"{o2}/print/welcome-folder.de.pdf"
        info = run("mutool", "info", "-I", pr).stdout
        imgs = [l for l in info.splitlines() if re.search(r"\d+bpc", l)]
        report(imgs and all(("DevCMYK" in l or "DevGray" in l) for l in imgs),
               f"image-{name}-print-cmyk-or-grey (mutool)", info[-300:])
        lst = run("pdfimages", "-list", pr).stdout.splitlines()[2:]
        report(lst and all(l.split()[5] in ("cmyk", "gray") for l in lst),
               f"image-{name}-print-cmyk-or-grey (pdfimages)", lst)
        report("SMask" not in pdfread.qdf(pr), f"image-{name}-print-no-soft-mask", "")
        p = run(DRUCKWERK, "preflight", pr)
        report(p.returncode == 0 and "RGB" not in p.stdout.replace("no RGB", ""),
               f"image-{name}-print-preflight", p.stdout[-400:])
        new = pdfbox(pbox, f"{o2}/web/welcome-folder.de.pdf") - base
        report(not new, f"image-{name}-web-pdfa1b-no-new-error", new)
        if name == "rgb.png":
            # which ink LittleCMS puts in sRGB (51, 102, 230): transicc is
            # LittleCMS's own tool, reading the profile independently
            t = run("sh", "-c", f"echo 51 102 230 | transicc -t1 -b -i'*sRGB' -o{ICC} -n")
            want = [float(x) for x in t.stdout.split()[:4]]
            # the embedded picture's pixels, extracted by poppler and read
            # by Pillow (Debian's python3-pil): the blue field's CMYK
            run("pdfimages", "-all", pr, os.path.join(tmp, "x"))
            tif = sorted(f for f in os.listdir(tmp) if f.startswith("x-"))
            got = run("/usr/bin/python3", "-c", "import sys; from PIL import Image; "
                      "im = Image.open(sys.argv[1]); print(im.mode, *im.getpixel((100, 900)))",
                      os.path.join(tmp, tif[0]) if tif else "none").stdout.split()
            near = (len(got) == 5 and got[0] == "CMYK" and len(want) == 4 and
                    all(abs(int(g) / 2.55 - w) <= 2 for g, w in zip(got[1:], want)))
            report(near, "image-rgb-blue-inks-as-littlecms-says",
                   f"pdfimages+PIL {got}; transicc (per cent) {want}")
    inject(content, "de", '{file: images/small.jpg, alt: "klein"}')
    r = run(DRUCKWERK, "build", "--content", content, "--doc", "welcome-folder", "--lang", "de",
            "--variant", "office", "--out", os.path.join(tmp, "small"), "--icc", ICC)
    report("warning: image 'images/small.jpg' prints at" in r.stderr, "image-low-resolution-warning",
           r.stderr[-300:])
sys.exit(status())
