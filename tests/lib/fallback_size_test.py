#!/usr/bin/env python3
"""Latin words inside Arabic and Persian text are set at the fallback size
of fonts/fonts.yaml, so that they match the Arabic's visual size (issue 13).
Prints "ok NAME" / "FAIL NAME: why".

Oracles: fontTools (Debian python3-fonttools) measures the outlines of the
font files; mutool (stext) reads back which font and size each character
of the page was set in.

  - the factor in fonts.yaml is the measured ratio of the Arabic alef of
    Noto Naskh Arabic to the ascender ("l") of each Noto Sans face;
  - on a sample paragraph in ar and fa the Latin ascenders, read back as
    set (size × glyph height), stand as high as the alef (±3 %), and every
    line still fits its measure (justified lines end at it);
  - in the ar and fa welcome folders every line that mixes the two
    fonts sets the Latin at the factor × the Arabic size; German lines
    (no fallback) keep Noto Sans at the paragraph's size.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import yaml
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ALEF = "\u0627"
LATIN = re.compile("[A-Za-z]")
ASCENDERS = set("bdfhklt")
STYLE = {"Regular": "regular", "Bold": "bold", "Italic": "italic", "BoldItalic": "bold-italic"}
FONTS = {}


def font(path):
    if path not in FONTS:
        FONTS[path] = TTFont(path)
    return FONTS[path]


def height(path, ch):
    """Top of the glyph of ch in em (fontTools bounds)."""
    t = font(path)
    gs = t.getGlyphSet()
    pen = BoundsPen(gs)
    gs[t.getBestCmap()[ord(ch)]].draw(pen)
    return pen.bounds[3] / t["head"].unitsPerEm


def manifest():
    with open("fonts/fonts.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)["fonts"]


def arabic_for(fonts, style):
    bold = "bold" in style
    for f in fonts:
        if "Arab" in f["scripts"] and (f["style"] == "bold") == bold:
            return f["file"]
    return None


def factors():
    """fonts.yaml's factor against the measured ratio, per Latin face."""
    fonts, bad, n = manifest(), [], 0
    for f in fonts:
        fz = (f.get("fallback-size") or {}).get("Arab")
        if "Latn" not in f["scripts"]:
            continue
        n += 1
        ar = arabic_for(fonts, f["style"])
        ratio = height(ar, ALEF) / height(f["file"], "l")
        if fz is None or abs(fz - ratio) > 0.01:
            bad.append(f"{os.path.basename(f['file'])}: fallback-size {fz}, "
                       f"alef/ascender measured {ratio:.3f}")
    return n, bad


def chars(pdf, page=None):
    """Lines of (x0, x1, char, font name, size) read by mutool."""
    cmd = ["mutool", "draw", "-F", "stext", "-o", "-", pdf]
    if page:
        cmd.append(str(page))
    xml = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    out = []
    for line in ET.fromstring(xml).iter("line"):
        row = []
        for fnt in line.iter("font"):
            for ch in fnt.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                row.append((q[0], q[2], ch.get("c"), fnt.get("name"), float(fnt.get("size"))))
        out.append(row)
    return out


def font_file(name):
    for f in manifest():
        if os.path.basename(f["file"]).startswith(name + "."):
            return f["file"]
    return None


TEXT = {
    "ar": "تقع مقاطعة كلوبنبورغ ({de:Landkreis Cloppenburg}) في شمال غرب ولاية ساكسونيا السفلى، "
          "والعنوان {de:Eschstraße 29, 49661 Cloppenburg} والموقع {web:www.lkclp.de}. "
          "اسألوا مكتب {de:Führerscheinstelle} أو {de:Ausländerbehörde} عن المواعيد والأوراق اللازمة.",
    "fa": "شهرستان کلوپنبورگ ({de:Landkreis Cloppenburg}) در شمال غربی ایالت نیدرزاکسن است؛ "
          "نشانی: {de:Eschstraße 29, 49661 Cloppenburg}، وب‌سایت {web:www.lkclp.de}. "
          "از اداره‌ی {de:Führerscheinstelle} یا {de:Ausländerbehörde} درباره‌ی وقت‌ها بپرسید.",
}
WIDTH_MM = 80


def sample(tmp):
    bad, n = [], 0
    for lang, text in TEXT.items():
        pdf = os.path.join(tmp, f"s-{lang}.pdf")
        r = run(DRUCKWERK, "sample", "--lang", lang, "--text", text, "--out", pdf,
                "--width", str(WIDTH_MM), "--cache", os.path.join(tmp, "cache"))
        if r.returncode != 0:
            bad.append(f"{lang}: {r.stderr.strip()[:100]}")
            continue
        rows = [r_ for r_ in chars(pdf) if r_]
        alef = [sz * height(font_file(fn), ALEF) for row in rows
                for _, _, c, fn, sz in row if c == ALEF and "Naskh" in fn]
        latin = [sz * height(font_file(fn), c) for row in rows
                 for _, _, c, fn, sz in row if c in ASCENDERS and "NotoSans" in fn]
        if not alef or not latin:
            bad.append(f"{lang}: no alef or Latin ascender found")
            continue
        a, l_ = sum(alef) / len(alef), sum(latin) / len(latin)
        n += 1
        if abs(l_ / a - 1) > 0.03:
            bad.append(f"{lang}: Latin ascender {l_:.2f} pt, alef {a:.2f} pt "
                       f"({l_ / a:.3f})")
        # measured as set: each line within the measure, justified ones at it
        x0 = min(c[0] for row in rows for c in row)
        right = max(c[1] for row in rows for c in row)
        for i, row in enumerate(rows):
            lo = min(c[0] for c in row if c[2] != " ")
            hi = max(c[1] for c in row if c[2] != " ")
            if hi - x0 > WIDTH_MM * 72 / 25.4 + 0.5:
                bad.append(f"{lang} line {i + 1} {hi - x0:.1f} pt wide")
            if i + 1 < len(rows) and abs(lo - x0) > 1.0 and abs(hi - right) < 0.5:
                bad.append(f"{lang} line {i + 1} does not reach the left edge ({lo - x0:.1f} pt)")
    return n, bad


def documents(tmp):
    r = run(DRUCKWERK, "build", "--doc", "welcome-folder", "--variant", "office",
            "--out", tmp, "--cache", os.path.join(tmp, "cache"))
    if r.returncode != 0:
        return 0, 0, [r.stderr[-200:]]
    want = {f["style"]: (f.get("fallback-size") or {}).get("Arab") for f in manifest()
            if "Latn" in f["scripts"]}
    bad, n, m = [], 0, 0
    for lang in ("ar", "fa"):
        for row in chars(f"{tmp}/office/welcome-folder.{lang}.pdf"):
            ar = {sz for _, _, c, fn, sz in row if "Naskh" in fn and c != " "}
            la = {(sz, STYLE.get(fn.split("-")[-1], "regular")) for _, _, c, fn, sz in row
                  if "NotoSans" in fn and LATIN.match(c or "")}
            if len(ar) != 1 or not la:
                continue
            n += 1
            a = ar.pop()
            for s, style in la:
                if abs(s / a - want[style]) > 0.005:
                    bad.append(f"{lang}: Latin {s} pt ({style}) beside Arabic {a} pt")
    sizes = {}
    for row in chars(f"{tmp}/office/welcome-folder.de.pdf"):
        for _, _, c, fn, sz in row:
            if "NotoSans" in fn and LATIN.match(c or ""):
                sizes[sz] = sizes.get(sz, 0) + 1
                m += 1
    body = max(sizes, key=sizes.get) if sizes else 0
    if body != 10.5:
        bad.append(f"de: body text in Noto Sans at {body} pt, not 10.5")
    return n, m, bad


def main():
    n, bad = factors()
    report(n >= 4 and not bad, f"fallback-size factors measured ({n} Latin faces against Naskh)",
           "; ".join(bad))
    with tempfile.TemporaryDirectory() as tmp:
        n, bad = sample(tmp)
        report(n == 2 and not bad, "fallback-size Latin ascender = alef in ar and fa samples",
               "; ".join(bad[:4]))
        n, m, bad = documents(tmp)
        report(n > 50 and not bad,
               f"fallback-size in the welcome folder ({n} mixed lines in ar and fa, "
               f"{m} Latin characters in de)", f"{len(bad)} wrong: " + "; ".join(bad[:4]))
        # a factor out of range is refused where it stands
        src = open("fonts/fonts.yaml", encoding="utf-8").read()
        i = src.index("    fallback-size: {Arab: ") + 4
        line = src[:i].count("\n") + 1
        col = i - src.rfind("\n", 0, i) + len("fallback-size: {Arab: ")
        bad_yaml = os.path.join(tmp, "fonts.yaml")
        with open(bad_yaml, "w", encoding="utf-8") as f:
            f.write(src[:i] + "fallback-size: {Arab: 8.8" + src[i + len("fallback-size: {Arab: 0.88"):])
        r = run(DRUCKWERK, "check", "--fonts", bad_yaml)
        want = f"{bad_yaml}:{line}:{col}: error: a fallback size is a factor between 0.5 and 1.5"
        report(r.returncode == 1 and want in r.stderr, "fallback-size out of range refused",
               r.stderr[-300:])
    return status()


if __name__ == "__main__":
    sys.exit(main())
