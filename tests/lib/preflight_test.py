#!/usr/bin/python3
"""druckwerk preflight (issues 7, 16).

  - every print PDF of ours passes, and the report names PDF/X-4 (it said
    "/False": a qpdf string buffer was reused before it was copied);
  - a corpus of defective PDFs, made here from one of our print PDFs with
    pikepdf (qpdf), one defect each: each is rejected (exit status 1) by
    the check that should reject it, with the page and the object;
  - a PDF made elsewhere (Ghostscript from PostScript) with RGB, a
    hairline, an unembedded font, no boxes and 360 % ink;
  - --json is valid JSON (Python's parser) with the same verdicts.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import pikepdf

sys.path.insert(0, os.path.dirname(__file__))
from check import built, report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")

BAD_PS = """%!PS
/Helvetica findfont 12 scalefont setfont
1 0 0 setrgbcolor 72 700 moveto (RGB text) show
0.05 setlinewidth 72 650 moveto 300 650 lineto stroke
0.9 0.9 0.9 0.9 setcmykcolor 72 500 100 100 rectfill
showpage
"""


def add_content(pdf, page, ops):
    """Append a content stream with ops to a page (on the trim, so it
    is inside the printed area)."""
    p = pdf.pages[page]
    p.obj.Contents = pikepdf.Array(list(p.obj.Contents) if isinstance(p.obj.Contents, pikepdf.Array)
                                   else [p.obj.Contents])
    p.obj.Contents.append(pdf.make_stream(ops))


def resources(pdf, page=0):
    return pdf.pages[page].obj.Resources


def trim_rect(pdf, page=0):
    t = [float(x) for x in pdf.pages[page].obj.TrimBox]
    return pikepdf.Array([t[0] + 50, t[1] + 50, t[0] + 150, t[1] + 100])


def d_rgb_inline(pdf):
    add_content(pdf, 1, b"q 10 0 0 10 100 100 cm BI /W 1 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00 EI Q\n")


def d_rgb_shading(pdf):
    r = resources(pdf, 1)
    r.Shading = pikepdf.Dictionary(Sh9=pikepdf.Dictionary(
        ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
        Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)))
    add_content(pdf, 1, b"q /Sh9 sh Q\n")


def d_rgb_group(pdf):
    pdf.pages[1].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency,
                                                CS=pikepdf.Name.DeviceRGB)


def d_trapped_unknown(pdf):
    pdf.docinfo.Trapped = pikepdf.Name.Unknown


def d_intent_no_profile(pdf):
    del pdf.Root.OutputIntents[0].DestOutputProfile


def d_no_xmp(pdf):
    del pdf.Root.Metadata


def d_xmp_no_version(pdf):
    x = pdf.Root.Metadata.read_bytes().decode()
    x = re.sub(r"<pdfxid:GTS_PDFXVersion>.*?</pdfxid:GTS_PDFXVersion>\n?", "", x)
    pdf.Root.Metadata = pdf.make_stream(x.encode(), Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)


def d_no_title(pdf):
    del pdf.docinfo.Title


def d_encrypted(pdf):
    return dict(encryption=pikepdf.Encryption(owner="shop", user="", R=4))


def d_js_openaction(pdf):
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert('hi')")


def d_rgb_annotation(pdf):
    ap = pdf.make_stream(b"1 0 0 rg 0 0 100 50 re f\n", Type=pikepdf.Name.XObject,
                         Subtype=pikepdf.Name.Form, BBox=[0, 0, 100, 50])
    annot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Square, Rect=trim_rect(pdf, 2), F=4,
        AP=pikepdf.Dictionary(N=ap)))
    pdf.pages[2].obj.Annots = pikepdf.Array([annot])


def d_lab(pdf):
    r = resources(pdf, 1)
    if "/ColorSpace" not in r:
        r.ColorSpace = pikepdf.Dictionary()
    r.ColorSpace.CSLab = pikepdf.Array([pikepdf.Name.Lab,
                                        pikepdf.Dictionary(WhitePoint=[0.9505, 1, 1.089])])
    add_content(pdf, 1, b"q /CSLab cs 50 0 0 sc 100 100 20 20 re f Q\n")


def d_no_id(pdf):
    return dict(no_id=True)


def d_version_x1a(pdf):
    pdf.docinfo.GTS_PDFXVersion = "PDF/X-1a:2001"


def d_pdf17(pdf):
    return dict(force_version="1.7")


def d_two_intents(pdf):
    pdf.Root.OutputIntents.append(pdf.Root.OutputIntents[0])


def d_no_dates(pdf):
    del pdf.docinfo.CreationDate


def d_no_trimbox(pdf):
    del pdf.pages[3].obj.TrimBox


def d_small_bleed(pdf):
    t = [float(x) for x in pdf.pages[3].obj.TrimBox]
    b = 72 / 25.4
    pdf.pages[3].obj.BleedBox = pikepdf.Array([t[0] - b, t[1] - b, t[2] + b, t[3] + b])


def d_font_unembedded(pdf):
    for name, f in resources(pdf, 0).Font.items():
        fd = f.DescendantFonts[0].FontDescriptor
        del fd.FontFile2
        return


def d_ink(pdf):
    add_content(pdf, 1, b"q 0.9 0.9 0.9 0.9 k 100 100 20 20 re f Q\n")


def d_hairline(pdf):
    add_content(pdf, 1, b"q 0 0 0 1 K 0.1 w 100 100 m 200 100 l S Q\n")


def d_alpha(pdf):
    r = resources(pdf, 1)
    if "/ExtGState" not in r:
        r.ExtGState = pikepdf.Dictionary()
    r.ExtGState.GSa = pikepdf.Dictionary(ca=0.5)


def d_rgb_operator(pdf):
    add_content(pdf, 1, b"q 1 0 0 rg 100 100 20 20 re f Q\n")


def d_rgb_image(pdf):
    im = pdf.make_stream(b"\xff\x00\x00" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                         Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8)
    r = resources(pdf, 1)
    if "/XObject" not in r:
        r.XObject = pikepdf.Dictionary()
    r.XObject.ImR = im
    add_content(pdf, 1, b"q 0.48 0 0 0.48 100 100 cm /ImR Do Q\n")


def d_low_ppi(pdf):
    im = pdf.make_stream(b"\x00" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                         Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
    r = resources(pdf, 1)
    if "/XObject" not in r:
        r.XObject = pikepdf.Dictionary()
    r.XObject.ImL = im
    add_content(pdf, 1, b"q 100 0 0 100 100 100 cm /ImL Do Q\n")


def d_link(pdf):
    annot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=trim_rect(pdf, 2), F=4,
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://www.lkclp.de")))
    pdf.pages[2].obj.Annots = pikepdf.Array([annot])


def d_launch(pdf):
    pdf.pages[2].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.Launch,
                                                                  F="calc.exe"))


def d_transfer(pdf):
    r = resources(pdf, 1)
    if "/ExtGState" not in r:
        r.ExtGState = pikepdf.Dictionary()
    r.ExtGState.GSt = pikepdf.Dictionary(TR=pikepdf.Name.Identity)


def d_js_names(pdf):
    js = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)"))
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=pikepdf.Array(["a", js]))


def d_reference_xobject(pdf):
    form = pdf.make_stream(b"", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                           BBox=[0, 0, 10, 10],
                           Ref=pikepdf.Dictionary(F="other.pdf", Page=0))
    r = resources(pdf, 1)
    if "/XObject" not in r:
        r.XObject = pikepdf.Dictionary()
    r.XObject.FmRef = form
    add_content(pdf, 1, b"q /FmRef Do Q\n")


# name, make, check, words in its FAIL line, page in the details (0: none)
DEFECTS = [
    ("rgb-inline-image", d_rgb_inline, "colour", "RGB inline image", 2),
    ("rgb-shading", d_rgb_shading, "colour", "RGB found", 2),
    ("rgb-transparency-group", d_rgb_group, "colour", "RGB found", 2),
    ("trapped-unknown", d_trapped_unknown, "PDF/X", "/Trapped /Unknown", 0),
    ("intent-without-profile", d_intent_no_profile, "PDF/X", "without DestOutputProfile", 0),
    ("no-xmp", d_no_xmp, "metadata", "no XMP", 0),
    ("xmp-without-pdfx-version", d_xmp_no_version, "metadata", "XMP without the PDF/X version", 0),
    ("no-title", d_no_title, "metadata", "no /Title", 0),
    ("no-trailer-id", d_no_id, "metadata", "no /ID", 0),
    ("encrypted", d_encrypted, "security", "encrypted", 0),
    ("javascript-openaction", d_js_openaction, "security", "JavaScript action", 0),
    ("printable-rgb-annotation", d_rgb_annotation, "annotations", "printable, inside the bleed", 3),
    ("rgb-annotation-appearance", d_rgb_annotation, "colour", "RGB found", 3),
    ("lab-colour", d_lab, "colour", "Lab", 2),
    ("pdfx-version-not-4", d_version_x1a, "PDF/X", "not PDF/X-4", 0),
    ("pdf-1.7", d_pdf17, "PDF/X", "PDF 1.7", 0),
    ("two-output-intents", d_two_intents, "PDF/X", "2 GTS_PDFX output intents", 0),
    ("no-creation-date", d_no_dates, "metadata", "no /CreationDate", 0),
    ("no-trimbox", d_no_trimbox, "boxes", "have a TrimBox", 4),
    ("bleed-1mm", d_small_bleed, "boxes", "a bleed of 3 mm", 4),
    ("font-not-embedded", d_font_unembedded, "fonts", "not embedded", 0),
    ("ink-360", d_ink, "ink", "360 %", 2),
    ("hairline", d_hairline, "lines", "stroke of 0.100 pt", 2),
    ("alpha", d_alpha, "transparency", "alpha below 1", 2),
    ("rgb-operator", d_rgb_operator, "colour", "rg/RG", 2),
    ("rgb-image", d_rgb_image, "colour", "RGB found", 2),
    ("link-annotation", d_link, "annotations", "printable, inside the bleed", 3),
    ("launch-action", d_launch, "security", "additional actions", 3),
    ("transfer-function", d_transfer, "security", "transfer function", 2),
    ("javascript-names", d_js_names, "security", "JavaScript", 0),
    ("reference-xobject", d_reference_xobject, "security", "reference XObject", 2),
]


def make(src, dst, defect):
    with pikepdf.open(src) as pdf:
        opts = defect(pdf) or {}
        no_id = opts.pop("no_id", False)
        pdf.save(dst, object_stream_mode=pikepdf.ObjectStreamMode.disable, **opts)
    if no_id:  # qpdf always writes /ID: rename the trailer's key (same length, xref intact)
        data = open(dst, "rb").read()
        at = data.rfind(b"/ID [")
        open(dst, "wb").write(data[:at] + b"/XD [" + data[at + 5:])


def section(out, check):
    """The FAIL line of a check and its detail lines."""
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith("FAIL") and line.split()[1] == check:
            j = i + 1
            while j < len(lines) and lines[j].startswith("       "):
                j += 1
            return lines[i], lines[i + 1:j]
    return "", []


def main():
    with tempfile.TemporaryDirectory() as tmp:
        out, err = built(tmp, "--variant", "print", "--allow-sample", "--icc", ICC)
        pdfs = sorted(os.path.join(out, "print", f) for f in os.listdir(os.path.join(out, "print")))
        p = run(DRUCKWERK, "preflight", *pdfs)
        report(not err and p.returncode == 0 and len(pdfs) == 18
               and p.stdout.count("=> passed") == 18, "preflight-passes-all-print-pdfs",
               p.stdout[-400:])
        report(p.stdout.count("ok   PDF/X         PDF/X-4,") == 18, "preflight-reports-pdfx-4-not-false",
               next((l for l in p.stdout.splitlines() if "PDF/X " in l), ""))
        n_annots = 0
        for f in pdfs:
            with pikepdf.open(f) as pdf:
                n_annots += sum(len(pg.obj.get("/Annots", [])) for pg in pdf.pages)
        report(n_annots == 0, "print-variant-has-no-annotations", f"{n_annots} annotations")

        src = os.path.join(out, "print", "integration-guidelines.de.pdf")
        for name, defect, check, words, page in DEFECTS:
            bad = os.path.join(tmp, f"bad-{name}.pdf")
            try:
                make(src, bad, defect)
            except Exception as e:  # noqa: BLE001
                report(False, f"preflight-rejects-{name}", f"could not make the defect: {e}")
                continue
            p = run(DRUCKWERK, "preflight", bad)
            line, details = section(p.stdout, check)
            where = not page or any(d.strip().startswith(f"page {page},") for d in details)
            todo = all(d.count(": ") >= 2 for d in details) and details
            report(p.returncode == 1 and words in line and where and todo,
                   f"preflight-rejects-{name}", f"exit {p.returncode}; {check}: {line!r} {details[:2]}")
        # a low resolution is a warning, not a rejection
        bad = os.path.join(tmp, "bad-low-ppi.pdf")
        make(src, bad, d_low_ppi)
        p = run(DRUCKWERK, "preflight", bad)
        report(p.returncode == 0 and re.search(r"WARN images .*\d+ ppi", p.stdout),
               "preflight-warns-low-ppi", p.stdout[-300:])

        # JSON for a workflow system
        bad = os.path.join(tmp, "bad-rgb-inline-image.pdf")
        p = run(DRUCKWERK, "preflight", "--json", src, bad)
        try:
            j = json.loads(p.stdout)
            ok = (p.returncode == 1 and [x["result"] for x in j] == ["passed", "failed"]
                  and any(c["check"] == "colour" and c["result"] == "failed"
                          and c["findings"][0]["page"] == 2 and c["findings"][0]["todo"]
                          for c in j[1]["checks"]))
        except (ValueError, KeyError, IndexError) as e:
            ok, j = False, e
        report(ok, "preflight-json", str(j)[:300])

        # a PDF made elsewhere
        ps, bad = os.path.join(tmp, "bad.ps"), os.path.join(tmp, "bad.pdf")
        open(ps, "w").write(BAD_PS)
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dEmbedAllFonts=false",
            "-dSubsetFonts=false", "-sColorConversionStrategy=LeaveColorUnchanged", "-o", bad, ps)
        p = run(DRUCKWERK, "preflight", bad)
        out = p.stdout
        report(p.returncode == 1, "preflight-fails-foreign-pdf", out)
        for check, word in [("colour", "RGB found"), ("lines", "stroke of 0.050 pt"),
                            ("fonts", "not embedded"), ("boxes", "0 of 1 pages"), ("ink", "360 %"),
                            ("PDF/X", "no PDF/X version key")]:
            line, _ = section(out, check)
            report(word in line, f"preflight-catches-{check}", out)
        p = run(DRUCKWERK, "preflight", os.path.join(tmp, "missing.pdf"))
        report(p.returncode == 2 and "not a readable PDF" in p.stdout, "preflight-unreadable-file",
               p.stdout)
    return status()


if __name__ == "__main__":
    sys.exit(main())
