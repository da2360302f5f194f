#!/usr/bin/env python3
"""Vector art, covers and back covers, read back with software we did not
write.  Prints "ok NAME" / "FAIL NAME: why".

  - covers: every document in de, ar, fa and uk names its language in its
    own script on the cover (pdftotext; the name from
    content/languages/<code>.yaml read with PyYAML), and shows the coat of
    arms placeholder, labelled "Wappen / coat of arms", "file to come" and
    the file name the layout gives (the file is not in content/ yet);
  - the illustration is drawn as vectors: the cover page has no image
    XObject and no RGB colour operator (pikepdf), and its shape matches
    librsvg's drawing of the same SVG (rsvg-convert, Debian librsvg2-bin)
    in at least 90 % of the cells of a 48 × 48 ink mask; its colours are
    LittleCMS's (transicc, sRGB → the built profile, relative colorimetric
    with black-point compensation) and its neutral grey is K only;
  - with the county's file in place (a test shield with a clip, an
    even-odd hole, a stroke and text), the placeholder is gone and the
    shield matches librsvg's drawing; a PDF of the illustration
    (rsvg-convert -f pdf: cairo's PDF) draws too;
  - print files pass `druckwerk preflight` (no RGB anywhere), the German
    and Arabic web files pass PDFBox Preflight (PDF/A-1b);
  - art that cannot be drawn as flat CMYK vectors (a gradient, a raster
    image, a CSS style sheet, a damaged file) is an error at the layout's
    file:line:col in `check` and in `build`, and out/ stays as it was.
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

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = "build/FOGRA39L.icc"
DOCS = ["welcome-folder", "education-brochure", "integration-guidelines"]
LANGS = ["de", "ar", "fa", "uk"]
FIX = "tests/fixtures/art"
BIDI = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]"
PDFBOX = ("/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar:"
          "/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar:"
          "/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar")

# Debian's Python has Pillow and pikepdf: ink masks and content streams
MASK = r'''
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGBA")
bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
im = Image.alpha_composite(bg, im).convert("L")
if len(sys.argv) > 2:
    w, h = im.size
    x0, y0, x1, y1 = (float(v) for v in sys.argv[2:6])
    im = im.crop((int(x0 * w), int(y0 * h), int(x1 * w), int(y1 * h)))
bw = im.point(lambda v: 255 if v < 235 else 0)
box = bw.getbbox()
if not box:
    print(""); sys.exit()
m = bw.crop(box).resize((48, 48))
print("".join("1" if v > 127 else "0" for v in m.getdata()))
'''
PAGE = r'''
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
pg = pdf.pages[int(sys.argv[2])]
images = [k for k, v in (pg.Resources.get("/XObject") or {}).items()
          if v.get("/Subtype") == "/Image"]
fills, rgb = [], 0
for ops, op in pikepdf.parse_content_stream(pg):
    o = str(op)
    if o in ("k", "K"):
        fills.append(tuple(float(v) for v in ops))
    if o in ("rg", "RG") or (o in ("sc", "scn", "SC", "SCN") and len(ops) == 3):
        rgb += 1
print(len(images), rgb)
for f in sorted(set(fills)):
    print(" ".join("%.4f" % v for v in f))
'''


def mask(png, region=None):
    r = run("/usr/bin/python3", "-c", MASK, png, *(map(str, region) if region else []))
    return r.stdout.strip()


def same(a, b):
    return sum(x == y for x, y in zip(a, b)) / len(a) if a and b and len(a) == len(b) else 0


def page_info(pdf, index):
    r = run("/usr/bin/python3", "-c", PAGE, pdf, str(index))
    lines = r.stdout.split("\n")
    if not lines or not lines[0]:
        return None, None, [], r.stderr
    n_img, n_rgb = (int(v) for v in lines[0].split())
    fills = [tuple(float(v) for v in ln.split()) for ln in lines[1:] if ln.strip()]
    return n_img, n_rgb, fills, ""


def page_text(pdf, page):
    r = run("pdftotext", "-f", str(page), "-l", str(page), pdf, "-")
    return re.sub(BIDI, "", r.stdout)


def vector_box(doc, lang, content, name, layouts="layouts"):
    """The box of the page-1 vector op named name (druckwerk dump), as
    fractions of the page (x0, y0 from the top, x1, y1)."""
    r = run(DRUCKWERK, "dump", "--doc", doc, "--lang", lang, "--pages", "1-1",
            "--content", content, "--layouts", layouts)
    for ln in r.stdout.splitlines():
        m = re.search(r"vector ([\d.]+) ([\d.]+) w ([\d.]+) h ([\d.]+) " + re.escape(name), ln)
        if m:
            return tuple(float(v) for v in m.groups())
    return None


def compare_art(pdf, svg, doc, lang, content, name, tmp, tag, layouts="layouts"):
    """Mask of the art on page 1 against rsvg-convert's drawing of svg."""
    box = vector_box(doc, lang, content, name, layouts)
    r = run("pdfinfo", pdf)
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", r.stdout)
    if not box or not m:
        return 0, f"no vector op for {name} in the dump, or no page size"
    pw, ph = float(m.group(1)), float(m.group(2))
    x, y, w, h = box
    region = (x / pw, 1 - (y + h) / ph, (x + w) / pw, 1 - y / ph)
    base = os.path.join(tmp, tag)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", "-f", "1", "-l", "1", pdf,
                    base], check=True)
    ours = mask(base + ".png", region)
    ref = os.path.join(tmp, tag + "-rsvg.png")
    run("rsvg-convert", "-w", "600", "-b", "white", "-o", ref, svg)
    theirs = mask(ref)
    return same(ours, theirs), f"{len(ours)} / {len(theirs)} cells"


def svg_colours(svg):
    """fill and stroke colours of the SVG, #rrggbb → (r, g, b)."""
    text = open(svg, encoding="utf-8").read()
    out = set()
    for c in re.findall(r'(?:fill|stroke)="#([0-9a-fA-F]{6})"', text):
        out.add(tuple(int(c[i:i + 2], 16) for i in (0, 2, 4)))
    return out


def transicc(rgb):
    t = run("sh", "-c", f"echo {rgb[0]} {rgb[1]} {rgb[2]} | transicc -t1 -b -i'*sRGB' -o{ICC} -n")
    vals = [float(v) / 100 for v in t.stdout.split()[-4:]]
    return tuple(vals)


def close(a, b, tol=0.003):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


def colours_match(fills, svg):
    bad = []
    for rgb in svg_colours(svg):
        if rgb[0] == rgb[1] == rgb[2]:
            want = (0, 0, 0, 1 - rgb[0] / 255)
        else:
            want = transicc(rgb)
        if not any(close(want, f) for f in fills):
            bad.append((rgb, want))
    return bad


def layout_loc(doc, key):
    for i, ln in enumerate(open(f"layouts/{doc}.yaml", encoding="utf-8"), 1):
        m = re.match(r"(\s*" + re.escape(key) + r":\s*)\S", ln)
        if m:
            return f"layouts/{doc}.yaml:{i}:{len(m.group(1)) + 1}"
    return None


def main():
    tmp = tempfile.mkdtemp()
    out = os.path.join(tmp, "out")
    r = run(DRUCKWERK, "build", "--allow-sample", "--out", out)
    report(r.returncode == 0, "art-build", r.stderr[-400:])
    if r.returncode:
        return
    layouts = {d: yaml.safe_load(open(f"layouts/{d}.yaml", encoding="utf-8")) for d in DOCS}
    # the covers: language name in its own script, the placeholder
    for doc in DOCS:
        arms = os.path.basename(layouts[doc]["cover"]["coat-of-arms"])
        for lang in LANGS:
            name = yaml.safe_load(open(f"content/languages/{lang}.yaml",
                                       encoding="utf-8"))["name"]
            t = page_text(f"{out}/office/{doc}.{lang}.pdf", 1)
            report(name in t, f"art-cover-language-name-{doc}-{lang}",
                   f"{name!r} not in the cover's text {t[:200]!r}")
            flat = " ".join(t.split())
            report("Wappen / coat of arms" in flat and "file to come" in flat and arms in flat,
                   f"art-cover-arms-placeholder-{doc}-{lang}",
                   f"placeholder label or {arms!r} missing: {flat[-300:]!r}")
    # the illustration: vectors, its shape and its colours
    art = os.path.join("content", layouts["welcome-folder"]["cover"]["illustration"])
    for lang in ["de", "ar"]:
        pdf = f"{out}/office/welcome-folder.{lang}.pdf"
        n_img, n_rgb, fills, err = page_info(pdf, 0)
        report(n_img == 0 and n_rgb == 0 and len(fills) > 5, f"art-cover-vectors-cmyk-{lang}",
               f"images {n_img}, RGB operators {n_rgb}, CMYK colours {len(fills)} {err}")
        bad = colours_match(fills, art)
        report(not bad, f"art-cover-colours-littlecms-{lang}",
               f"SVG colours without their CMYK (transicc) on the cover: {bad}")
        score, why = compare_art(pdf, art, "welcome-folder", lang, "content",
                                 os.path.basename(art), tmp, f"cover-{lang}")
        report(score >= 0.9, f"art-cover-shape-matches-librsvg-{lang}",
               f"{score:.2f} of the cells agree ({why})")
    # the county's file in place; a PDF illustration
    content = os.path.join(tmp, "content")
    shutil.copytree("content", content)
    shutil.copy(f"{FIX}/wappen.svg", os.path.join(content, "art", "wappen.svg"))
    run("rsvg-convert", "-f", "pdf", "-o", os.path.join(content, "art", "cover-landscape.pdf"),
        art)
    lay = os.path.join(tmp, "layouts")
    shutil.copytree("layouts", lay)
    p = os.path.join(lay, "welcome-folder.yaml")
    s = open(p, encoding="utf-8").read().replace("art/cover-landscape.svg",
                                                 "art/cover-landscape.pdf")
    open(p, "w", encoding="utf-8").write(s)
    out2 = os.path.join(tmp, "out2")
    r = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--content", content, "--layouts", lay,
            "--out", out2)
    report(r.returncode == 0, "art-arms-and-pdf-build", r.stderr[-400:])
    if r.returncode == 0:
        pdf = f"{out2}/office/welcome-folder.de.pdf"
        t = " ".join(page_text(pdf, 1).split())
        report("coat of arms" not in t, "art-arms-file-replaces-placeholder", t[-200:])
        score, why = compare_art(pdf, f"{FIX}/wappen.svg", "welcome-folder", "de", content,
                                 "wappen.svg", tmp, "arms")
        report(score >= 0.9, "art-arms-shape-matches-librsvg", f"{score:.2f} ({why})")
        n_img, n_rgb, fills, err = page_info(pdf, 0)
        bad = colours_match(fills, f"{FIX}/wappen.svg")
        report(not bad and n_rgb == 0 and n_img == 0, "art-arms-colours-littlecms",
               f"missing {bad}, RGB operators {n_rgb}, images {n_img} {err}")
        score, why = compare_art(pdf, art, "welcome-folder", "de", content,
                                 "cover-landscape.pdf", tmp, "pdfart", lay)
        report(score >= 0.9, "art-pdf-illustration-matches-librsvg", f"{score:.2f} ({why})")
        r = run(DRUCKWERK, "preflight", f"{out2}/print/welcome-folder.de.pdf",
                f"{out2}/print/welcome-folder.ar.pdf")
        report(r.returncode == 0, "art-arms-and-pdf-preflight", r.stdout[-400:])
    # print: no RGB anywhere; web: PDF/A
    r = run(DRUCKWERK, "preflight", *sorted(
        os.path.join(out, "print", f) for f in os.listdir(os.path.join(out, "print"))))
    report(r.returncode == 0, "art-print-preflight", r.stdout[-400:])
    for lang in ["de", "ar"]:
        r = run("java", "-cp", PDFBOX, "org.apache.pdfbox.preflight.Validator_A1b",
                f"{out}/web/welcome-folder.{lang}.pdf")
        report(r.returncode == 0, f"art-web-pdfa-{lang}", (r.stdout + r.stderr)[-400:])
    # art that cannot be drawn: an error at the layout's place, out/ unchanged
    loc = layout_loc("welcome-folder", "illustration")
    cases = [("gradient.svg", "gradient"), ("raster.svg", "raster image"),
             ("truncated.svg", "not well-formed"), ("css.svg", "style sheet")]
    for fix, why in cases:
        c2 = os.path.join(tmp, "c-" + fix)
        shutil.copytree("content", c2)
        shutil.copy(f"{FIX}/{fix}", os.path.join(c2, "art", "cover-landscape.svg"))
        chk = run(DRUCKWERK, "check", "--content", c2)
        o3 = os.path.join(tmp, "o-" + fix)
        os.makedirs(o3)
        open(os.path.join(o3, "keep"), "w").write("x")
        b = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--lang", "de", "--content", c2,
                "--out", o3)
        want = f"{loc}: error: cannot draw the vector art"
        ok = (chk.returncode == 1 and want in chk.stderr and why in chk.stderr and
              b.returncode == 1 and want in b.stderr and
              sorted(set(os.listdir(o3)) - {".lock"}) == ["keep"])
        report(ok, f"art-refused-{fix}",
               f"check {chk.returncode} {chk.stderr[-250:]!r}; build {b.returncode} "
               f"{b.stderr[-250:]!r}; out {os.listdir(o3)}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
    sys.exit(status())
