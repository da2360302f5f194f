#!/usr/bin/env python3
"""druckwerk preflight (issue 7): passes our print PDFs, and catches what
a print shop would reject in PDFs made elsewhere (Ghostscript from
PostScript): RGB colour, a hairline, an unembedded font, missing boxes,
ink above 300 %."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
ICC = os.environ.get("ICC", "build/FOGRA39L.icc")


BAD_PS = """%!PS
/Helvetica findfont 12 scalefont setfont
1 0 0 setrgbcolor 72 700 moveto (RGB text) show
0.05 setlinewidth 72 650 moveto 300 650 lineto stroke
0.9 0.9 0.9 0.9 setcmykcolor 72 500 100 100 rectfill
showpage
"""

with tempfile.TemporaryDirectory() as tmp:
    r = run(DRUCKWERK, "build", "--variant", "print", "--allow-sample", "--doc", "education-brochure", "--out", tmp,
            "--icc", ICC)
    pdfs = sorted(os.path.join(tmp, "print", f) for f in os.listdir(os.path.join(tmp, "print")))
    p = run(DRUCKWERK, "preflight", *pdfs)
    report(r.returncode == 0 and p.returncode == 0 and p.stdout.count("=> passed") == 6,
           "preflight-passes-print-pdfs", p.stdout[-400:])
    ps, bad = os.path.join(tmp, "bad.ps"), os.path.join(tmp, "bad.pdf")
    open(ps, "w").write(BAD_PS)
    g = run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dEmbedAllFonts=false",
            "-dSubsetFonts=false", "-sColorConversionStrategy=LeaveColorUnchanged", "-o", bad, ps)
    p = run(DRUCKWERK, "preflight", bad)
    out = p.stdout
    report(p.returncode == 1, "preflight-fails-foreign-pdf", out)
    for check, word in [("colour", "RGB found"), ("lines", "stroke of 0.050 pt"),
                        ("fonts", "not embedded"), ("boxes", "0 of 1 pages"), ("ink", "360 %"),
                        ("PDF/X", "no PDF/X version key")]:
        line = next((l for l in out.splitlines() if l.strip().startswith("FAIL") and check in l), "")
        report(word in line, f"preflight-catches-{check}", out)
    p = run(DRUCKWERK, "preflight", os.path.join(tmp, "missing.pdf"))
    report(p.returncode == 2 and "not a readable PDF" in p.stdout, "preflight-unreadable-file", p.stdout)
sys.exit(status())
