#!/usr/bin/env python3
"""Whole-build read-back tests.  Prints "ok NAME" /
"FAIL NAME: why".

Builds every document into a temporary folder, then reads each PDF back
with qpdf (objects), poppler (fonts, boxes, text) and Ghostscript:
  - reproducible: a second build gives byte-identical files;
  - a failed build (broken content) exits 1 and leaves existing PDFs as
    they were;
  - print: TrimBox = final size, BleedBox = trim + 3 mm, MediaBox holds
    both, on every page; PDF/X-4 keys, output intent with an embedded
    CMYK profile, /Trapped; web: PDF/A-1b keys and /CIDSet;
  - print and booklet: no DeviceRGB and no rg/RG operators anywhere;
  - every font embedded, subset, with ToUnicode; qpdf --check clean;
    Ghostscript renders every page of every variant without an error;
  - booklet: sheet order of a 16-page booklet, LTR and RTL, and the real
    booklets' first sheet.
"""
import hashlib
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
MM = 72 / 25.4


def digest(folder):
    out = {}
    for root, _, files in os.walk(folder):
        for f in files:
            if f.endswith(".pdf"):
                p = os.path.join(root, f)
                out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


def boxes(pdf):
    """[(media, trim, bleed)] per page from pdfinfo -box."""
    r = run("pdfinfo", "-box", "-f", "1", "-l", "9999", pdf).stdout
    pages = {}
    for n, kind, a, b, c, d in re.findall(r"Page\s+(\d+) (MediaBox|TrimBox|BleedBox):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", r):
        pages.setdefault(int(n), {})[kind] = tuple(map(float, (a, b, c, d)))
    return [pages[k] for k in sorted(pages)]


def main():
    tmp = tempfile.mkdtemp()
    try:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        # the output profile is built on each machine: its header date is
        # fixed, or the PDFs would differ from machine to machine
        head = open(ICC, "rb").read(36)
        report(head[24:36] == bytes([7, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]),
               "icc-profile-date-fixed", head[24:36].hex())
        cache = os.path.join(tmp, "cache")  # hyphenation cache: empty, then warm
        r1 = run(DRUCKWERK, "build", "--out", a, "--icc", ICC, "--cache", cache)
        report(r1.returncode == 0, "build-all", r1.stderr)
        if r1.returncode != 0:
            return 1
        caches = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
        report(len(caches) == 4 and all(os.path.getsize(os.path.join(cache, f)) > 1000 for f in caches),
               "hyphenation-cache-written", caches)
        r2 = run(DRUCKWERK, "build", "--out", b, "--icc", ICC, "--cache", cache)
        da, db = digest(a), digest(b)
        report(len(da) >= 18 * 3 and da == db, "reproducible-bytes",
               f"{len(da)} files; differing: {[k for k in da if da.get(k) != db.get(k)][:5]}")
        # The cache only saves time: without it, or with a damaged one, the
        # bytes are the same (lines that do not parse are ignored).
        for f in caches:
            path = os.path.join(cache, f)
            good = open(path, "rb").read()
            open(path, "wb").write(good[:40] + b"\nzz 01x\n\xff\xfe 0\nno-mask\nhaus 10\n" +
                                   good[len(good) // 2:len(good) // 2 + 50])
        for label, where in (("none", "none"), ("damaged", cache)):
            d = os.path.join(tmp, label)
            run(DRUCKWERK, "build", "--out", d, "--icc", ICC, "--cache", where,
                "--doc", "education-brochure", "--lang", "en")
            dd = digest(d)
            # as many files as the full build wrote for this document and language
            # (the print file is skipped while the course list is sample data)
            want = [k for k in da if k.endswith("education-brochure.en.pdf")]
            report(len(want) >= 3 and sorted(dd) == sorted(want) and all(dd[k] == da.get(k) for k in dd),
                   f"hyphenation-cache-{label}-same-bytes",
                   [k for k in dd if dd[k] != da.get(k)])
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
        c = os.path.join(tmp, "c")
        run(DRUCKWERK, "build", "--out", c, "--icc", ICC, "--doc", "integration-guidelines",
            "--lang", "de", "--variant", "office", env=env)
        info = run("pdfinfo", "-isodates", os.path.join(c, "office/integration-guidelines.de.pdf")).stdout
        report("2026-01-01T00:00:00" in info, "source-date-epoch-honoured", info)

        # A failed build leaves the good PDFs alone and exits 1.
        broken = os.path.join(tmp, "content")
        shutil.copytree("content", broken)
        p = os.path.join(broken, "welcome-folder/de.yaml")
        text = open(p, encoding="utf-8").read()
        open(p, "w", encoding="utf-8").write(text.replace("sections:", "sectionz:", 1))
        before = digest(a)
        r = run(DRUCKWERK, "build", "--out", a, "--icc", ICC, "--content", broken)
        report(r.returncode == 1 and digest(a) == before and "welcome-folder/de.yaml" in r.stderr
               and not any(f.endswith(".tmp") or ".tmp." in f for _, _, fs in os.walk(a) for f in fs),
               "failed-build-leaves-pdfs", f"rc={r.returncode} {r.stderr[-300:]}")

        pdfs = sorted(os.path.join(root, f) for root, _, fs in os.walk(a) for f in fs if f.endswith(".pdf"))
        bad_fonts, bad_qpdf, rgb, gs_err = [], [], [], []
        for pdf in pdfs:
            rel = os.path.relpath(pdf, a)
            for line in run("pdffonts", pdf).stdout.splitlines()[2:]:
                if line.split()[-5:-2] != ["yes", "yes", "yes"]:
                    bad_fonts.append(f"{rel}: {line}")
            q = run("qpdf", "--check", pdf)
            if q.returncode != 0 or "No syntax or stream encoding errors" not in q.stdout:
                bad_qpdf.append(rel)
            variant = rel.split("/")[0]
            if variant in ("print", "booklet"):
                body = pdfread.qdf(pdf)
                if "DeviceRGB" in body or re.search(r"(?m)(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)\b", body):
                    rgb.append(rel)
        report(not bad_fonts, "all-fonts-embedded-subset-tounicode", bad_fonts[:5])
        report(not bad_qpdf, "all-pdfs-qpdf-check", bad_qpdf[:5])
        report(not rgb, "print-booklet-no-rgb", rgb[:5])
        # Ghostscript renders every page (it exits 0 even on broken files:
        # read its output)
        # (one Ghostscript for all files, as its start costs more than
        # the pages; when it finds an error, one per file names the files)
        def gs(*files):
            g = run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=inkcov", "-r20", "-o", "-", *files)
            bad = g.returncode != 0 or "rror" in g.stdout + g.stderr or "This file had errors" in g.stdout
            return bad, g.stdout.count("CMYK OK")
        bad, pages_seen = gs(*pdfs)
        if bad:
            gs_err = [os.path.relpath(pdf, a) for pdf in pdfs if gs(pdf)[0]] or ["all files together"]
        ppm_err = []
        for pdf in pdfs:
            p = run("pdftoppm", "-r", "8", "-gray", pdf, os.path.join(tmp, "ppm"))
            if p.returncode != 0 or p.stderr.strip():
                ppm_err.append(f"{os.path.relpath(pdf, a)}: {p.stderr.strip()[:80]}")
            for f in os.listdir(tmp):
                if f.startswith("ppm"):
                    os.remove(os.path.join(tmp, f))
        report(not gs_err and pages_seen > 2000, "ghostscript-renders-every-page",
               f"{pages_seen} pages; errors in {gs_err[:5]}")
        report(not ppm_err, "pdftoppm-renders-every-page", ppm_err[:5])

        # print variant: boxes on every page
        bad_boxes = []
        for pdf in [x for x in pdfs if "/print/" in x]:
            for i, bx in enumerate(boxes(pdf)):
                m, t, bl = bx["MediaBox"], bx.get("TrimBox"), bx.get("BleedBox")
                if not t or not bl:
                    bad_boxes.append(f"{pdf} p{i+1}: no trim/bleed")
                    continue
                off = [t[0] - bl[0], t[1] - bl[1], bl[2] - t[2], bl[3] - t[3]]
                inside = m[0] <= bl[0] and m[1] <= bl[1] and bl[2] <= m[2] and bl[3] <= m[3]
                if not inside or any(abs(o - 3 * MM) > 0.05 for o in off):
                    bad_boxes.append(f"{os.path.relpath(pdf, a)} p{i+1}: bleed {off}")
        report(not bad_boxes, "print-boxes-bleed-3mm-every-page", bad_boxes[:3])
        pr = os.path.join(a, "print/welcome-folder.de.pdf")
        bx = boxes(pr)[0]
        t = bx["TrimBox"]
        report(abs((t[2] - t[0]) - 210 * MM) < 0.1 and abs((t[3] - t[1]) - 297 * MM) < 0.1,
               "print-trim-is-a4", t)
        body = pdfread.qdf(pr)
        report("/GTS_PDFX" in body and "/DestOutputProfile" in body and "FOGRA39" in body
               and "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in body
               and "/Trapped /False" in body, "print-pdfx4-keys-and-intent", "")
        prof = re.search(r"/DestOutputProfile (\d+) 0 R", body)
        objs = pdfread.objects(body)
        pb = objs[int(prof.group(1))] if prof else ("", "")
        report(prof and "/N 4" in pb[0] and pb[1] and pb[1][36:40].encode("latin-1") == b"acsp"
               and pb[1][16:20] == "CMYK", "print-output-profile-is-cmyk-icc", pb[0][:200])
        web = pdfread.qdf(os.path.join(a, "web/welcome-folder.ar.pdf"))
        report("/GTS_PDFA1" in web and "<pdfaid:part>1</pdfaid:part>" in web and "/CIDSet" in web
               and "/Lang (ar)" in web and web.startswith("%PDF-1.4"), "web-pdfa1b-keys", web[:10])

        # the pages are drawn once and every variant shows the same drawn
        # page: office page 3 is a part of print page 3 (after a move onto
        # the sheet) and of a booklet sheet (after a move and a clip)
        def contents(path):
            objs = pdfread.objects(pdfread.qdf(path))
            out = []
            for n in sorted(objs):
                if re.search(r"/Type /Page\b", objs[n][0]):
                    m = re.search(r"/Contents (\[[^\]]*\]|\d+ 0 R)", objs[n][0])
                    out.append([objs[int(r)][1] or "" for r in re.findall(r"(\d+) 0 R", m.group(1))])
            return out, objs
        for lang in ("de", "ar"):
            office, _ = contents(os.path.join(a, f"office/integration-guidelines.{lang}.pdf"))
            printed, _ = contents(os.path.join(a, f"print/integration-guidelines.{lang}.pdf"))
            booklet, _ = contents(os.path.join(a, f"booklet/integration-guidelines.{lang}.pdf"))
            body = office[2][0]
            at = printed[2].index(body) if body in printed[2] else -1
            report(len(office[2]) == 1 and "BT" in body and at > 0 and " cm" in printed[2][at - 1],
                   f"variants-share-drawn-page-print-{lang}", [len(p) for p in printed[:3]])
            sheet = [p for p in booklet if body in p]
            clip = sheet and sheet[0][sheet[0].index(body) - 1]
            report(len(sheet) == 1 and clip and " cm" in clip and "re W n" in clip,
                   f"variants-share-drawn-page-booklet-{lang}", clip)
        # /GS0 (black text and rules) overprints only for the print shop
        def gs0(path):
            objs = pdfread.objects(pdfread.qdf(path))
            for d, _ in objs.values():
                m = re.search(r"/GS0 (\d+) 0 R", d)
                if m:
                    return objs[int(m.group(1))][0]
            return ""
        g_office = gs0(os.path.join(a, "office/welcome-folder.de.pdf"))
        g_print = gs0(os.path.join(a, "print/welcome-folder.de.pdf"))
        report("/ExtGState" in g_office and "/OP" not in g_office and "/OP true" in g_print
               and "/OPM 1" in g_print, "overprint-only-in-print", (g_office, g_print))
        # crop marks in registration colour: /Separation /All over CMYK,
        # on every print page
        pq = pdfread.qdf(os.path.join(a, "print/welcome-folder.de.pdf"))
        sep = re.search(r"/CS0 \[\s*/Separation\s*/All\s*/DeviceCMYK", pq)
        printed, _ = contents(os.path.join(a, "print/welcome-folder.de.pdf"))
        marked = sum(1 for parts in printed if any("/CS0 CS 1 SCN" in x for x in parts))
        report(sep and marked == len(printed) > 10, "print-crop-marks-registration-colour",
               f"separation {bool(sep)}, {marked} of {len(printed)} pages")

        # booklets: page count, imposition
        for pdf in [x for x in pdfs if "/office/" in x and ("brochure" in x or "guidelines" in x)]:
            n = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf).stdout).group(1))
            report(n % 4 == 0, f"booklet-pages-multiple-of-4-{os.path.basename(pdf)}", n)
        sheets = run(DRUCKWERK, "booklet-order", "16").stdout
        report(sheets.strip().splitlines() == [
            "1: 16 1", "2: 2 15", "3: 14 3", "4: 4 13", "5: 12 5", "6: 6 11", "7: 10 7", "8: 8 9"],
            "booklet-order-ltr-16", sheets)
        sheets = run(DRUCKWERK, "booklet-order", "16", "--rtl").stdout
        report(sheets.strip().splitlines() == [
            "1: 1 16", "2: 15 2", "3: 3 14", "4: 13 4", "5: 5 12", "6: 11 6", "7: 7 10", "8: 9 8"],
            "booklet-order-rtl-16", sheets)
        for lang in ("de", "ar"):
            office = os.path.join(a, f"office/integration-guidelines.{lang}.pdf")
            booklet = os.path.join(a, f"booklet/integration-guidelines.{lang}.pdf")
            n = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", office).stdout).group(1))
            # the first sheet holds the last page and the cover: its text
            # must be the cover's text plus the last page's
            def half(side):  # the sheet's left or right half, at 72 dpi
                return " ".join(run("pdftotext", "-f", "1", "-l", "1", "-r", "72", "-x",
                                    "0" if side == "left" else "421", "-y", "0", "-W", "421",
                                    "-H", "596", booklet, "-").stdout.split())
            cover = " ".join(run("pdftotext", "-f", "1", "-l", "1", office, "-").stdout.split())
            last = " ".join(run("pdftotext", "-f", str(n), "-l", str(n), office, "-").stdout.split())
            # LTR: last page left, cover right; RTL (bound on the right): mirrored
            left, right = half("left"), half("right")
            want_left, want_right = (cover, last) if lang == "ar" else (last, cover)
            # both pages have text (cover; legal notice on the last page):
            # an empty extraction must not pass as "starts with ''"
            report(len(want_left) >= 20 and len(want_right) >= 20 and
                   left.startswith(want_left[:40]) and right.startswith(want_right[:40]),
                   f"booklet-first-sheet-{lang}",
                   f"left: {left[:60]!r} (want {want_left[:40]!r}) "
                   f"right: {right[:60]!r} (want {want_right[:40]!r})")
            w = boxes(booklet)[0]["MediaBox"]
            report(abs(w[2] - 297 * MM) < 0.5 and abs(w[3] - 210 * MM) < 0.5,
                   f"booklet-sheet-a4-landscape-{lang}", w)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status()


if __name__ == "__main__":
    sys.exit(main())
