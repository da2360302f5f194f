#!/usr/bin/env python3
"""`check` and `build` agree (issue 17).  Prints "ok NAME" / "FAIL NAME: why".

Whatever build rejects or drops, check reports, with the same words and
the same file:line:col:
  - an RGB PNG (build refuses it for print; check used to pass it);
  - a PNG cut in half (libharu's loader aborted the build with SIGABRT)
    and a JPEG whose size header lies (printed blank): both decoded with
    libpng / libjpeg-turbo first;
  - courses: the build leaves out a course that ended before the
    document's edition date; check must warn about exactly those (it
    compared with today).  Oracle for what was printed: poppler's
    pdftotext on the built brochure.
"""
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")
PS = "%!PS\n0.8 0.1 0 0.1 setcmykcolor 0 0 2000 1000 rectfill\nshowpage\n"


def errors(text):
    """The file:line:col: error: lines, as a set."""
    return {ln for ln in text.splitlines() if ": error: " in ln}


def inject(path, block):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"(?m)^(\s*)blocks:\s*\n(\s*)- ", text)
    text = text[:m.end() - 2] + block + "\n" + m.group(2) + text[m.end() - 2:]
    open(path, "w", encoding="utf-8").write(text)


tmp = tempfile.mkdtemp(prefix="dw-agree-")
try:
    ps = os.path.join(tmp, "p.ps")
    open(ps, "w").write(PS)
    imgs = {}
    png = os.path.join(tmp, "rgb.png")
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r72", "-g400x200", "-o", png, ps)
    imgs["rgb"] = (open(png, "rb").read(), "png", None)  # converted to CMYK: both accept it
    g = os.path.join(tmp, "g.png")
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pnggray", "-r72", "-g400x200", "-o", g, ps)
    data = open(g, "rb").read()
    imgs["truncated-png"] = (data[:len(data) // 2], "png", "damaged or cut short")
    jpg = os.path.join(tmp, "c.jpg")
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=jpegcmyk", "-r72", "-g400x200", "-o", jpg, ps)
    data = bytearray(open(jpg, "rb").read())
    i = 2  # walk the marker segments to the frame header (SOF0..SOF2)
    while data[i + 1] not in (0xC0, 0xC1, 0xC2):
        i += 2 + int.from_bytes(data[i + 2:i + 4], "big")
    data[i + 5:i + 9] = b"\x07\xd0\x0f\xa0"  # 4000 × 2000 in a 400 × 200 file
    imgs["jpeg-bogus-size"] = (bytes(data), "jpg", "damaged or cut short")
    for name, (blob, ext, words) in imgs.items():
        c = os.path.join(tmp, name)
        shutil.copytree("content", c)
        os.makedirs(os.path.join(c, "images"))
        open(os.path.join(c, "images", "x." + ext), "wb").write(blob)
        inject(os.path.join(c, "integration-guidelines/de.yaml"), f'- image: {{file: images/x.{ext}, alt: "x"}}')
        chk = run(DRUCKWERK, "check", "--content", c)
        bld = run(DRUCKWERK, "build", "--content", c, "--out", os.path.join(tmp, "out-" + name),
                  "--icc", ICC, "--doc", "integration-guidelines", "--lang", "de")
        ce, be = errors(chk.stderr), errors(bld.stderr)
        want = 0 if words is None else 1
        report(chk.returncode == want and bld.returncode == want and ce == be and
               (words is None or any(words in e for e in ce)),
               f"agree-image-{name}",
               f"check {chk.returncode} {sorted(ce)} / build {bld.returncode} {sorted(be)} {bld.stderr[-200:]}")

    # courses: one ends two days after the brochure's edition date and is
    # printed, one ended 25 days before it and is left out
    import datetime
    ed_text = open("content/education-brochure/de.yaml", encoding="utf-8").read()
    edition = datetime.date.fromisoformat(re.search(r"(?m)^edition: (\S+)", ed_text).group(1))
    after, before = edition + datetime.timedelta(days=2), edition - datetime.timedelta(days=25)
    start_a, start_b = after - datetime.timedelta(days=87), before - datetime.timedelta(days=109)
    c = os.path.join(tmp, "courses")
    shutil.copytree("content", c)
    y = os.path.join(c, "courses.yaml")
    text = open(y, encoding="utf-8").read()
    text = text.replace("    place: Cloppenburg\n    start: 2027-01-11\n    end: 2027-08-27",
                        f"    place: Cloppenburg\n    start: {start_a}\n    end: {after}", 1)
    text = text.replace("    place: Friesoythe\n    start: 2027-02-01\n    end: 2027-09-24",
                        f"    place: Friesoythe\n    start: {start_b}\n    end: {before}", 1)
    open(y, "w", encoding="utf-8").write(text)
    chk = run(DRUCKWERK, "check", "--content", c)
    out = os.path.join(tmp, "out-courses")
    bld = run(DRUCKWERK, "build", "--content", c, "--out", out, "--icc", ICC, "--doc",
              "education-brochure", "--lang", "de", "--variant", "office")
    txt = run("pdftotext", os.path.join(out, "office/education-brochure.de.pdf"), "-").stdout
    printed_clp = start_a.strftime("%d.%m.%Y") in txt
    printed_fri = start_b.strftime("%d.%m.%Y") in txt
    warned_clp = "vhs-clp-ik-2027-1" in chk.stderr
    warned_fri = re.search(rf"course 'vhs-fri-ik-2027-1' ended on {before}, before the edition date "
                           rf"{edition} of education-brochure \(de\)", chk.stderr) is not None
    report(bld.returncode == 0 and printed_clp and not warned_clp, "agree-course-after-edition-printed-not-warned",
           f"printed {printed_clp} warned {warned_clp}: {chk.stderr[-300:]}")
    report(not printed_fri and warned_fri, "agree-course-before-edition-left-out-and-warned",
           f"printed {printed_fri} warned {warned_fri}: {chk.stderr[-300:]}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status())
