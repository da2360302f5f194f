#!/usr/bin/env python3
"""Rivers (issue 14): the proof's river class against an independent oracle.

The oracle reads the characters of the built PDFs with MuPDF
(`mutool draw -F stext`: each glyph's baseline, type size and advance box)
and finds rivers by the definition the README states, computed here from
those boxes alone:
  - a line is the glyphs on one baseline, cut where two neighbours stand
    more than 1 em apart (table cells, columns);
  - a gap is the white between two neighbouring non-space glyphs of a
    line that is at least DW_RIVER_GAP_EM (0.4 em) wide;
  - lines stand one under the other when the lower one overlaps the upper
    one across, has the same type size and its baseline is at most 1.6 em
    lower (within a paragraph, not across the space between two);
  - a river is a chain of gaps in 3 such lines, each overlapping the gap
    above by at least DW_RIVER_OVERLAP_EM (0.1 em); it is counted once,
    on the line where it reaches 3.
The proof and the oracle must agree page by page on:
  - a fixture that surely has rivers (one word repeated: every line holds
    the same words, so the spaces stand exactly under one another, and
    open wider than 0.4 em), in German and Arabic;
  - a fixture that has none (the same paragraph of prose set ragged-free);
  - the real brochure set with rivers kept (DRUCKWERK_KEEP_RIVERS=1);
  - (in proof_test.py, on the build it makes anyway) the 18 real documents:
    zero.
Prints ok/FAIL lines.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import report as check, status  # noqa: E402
from stext_makeup import stext  # noqa: E402

DW = os.path.abspath(os.environ.get("DRUCKWERK", "./druckwerk"))
GAP_EM, OVERLAP_EM, LINES, CONSECUTIVE_EM, CUT_EM = 0.4, 0.1, 3, 1.6, 1.0
CACHE = tempfile.mkdtemp(prefix="dw-river-cache-")  # the German patterns load once



# ---- the oracle -------------------------------------------------------------
def glyph_lines(page):
    """Lines of one stext page: (baseline, size, [(x0, x1, char)]) sorted left to right,
    cut at gaps wider than CUT_EM."""
    groups = defaultdict(list)
    for font in page.iter("font"):
        size = float(font.get("size"))
        for ch in font.iter("char"):
            q = [float(v) for v in ch.get("quad").split()]
            x0, x1 = min(q[0], q[2], q[4], q[6]), max(q[0], q[2], q[4], q[6])
            y = float(ch.get("y"))
            groups[(round(y, 1), size)].append((x0, x1, ch.get("c")))
    out = []
    for (y, size), chars in groups.items():
        chars.sort()
        cur = []
        right = None
        for x0, x1, c in chars:
            if c.isspace():
                continue
            if cur and x0 - right > CUT_EM * size:
                out.append((y, size, cur))
                cur = []
            right = max(right, x1) if cur else x1
            cur.append((x0, x1, c))
        if cur:
            out.append((y, size, cur))
    return out


def gaps(line):
    y, size, chars = line
    g = []
    right = chars[0][1]
    for x0, x1, c in chars[1:]:
        if x0 - right >= GAP_EM * size - 1e-6:
            g.append((right, x0))
        right = max(right, x1)
    return g


def oracle_rivers(root):
    """Rivers per page (1-based page number → count) in the parsed
    structured text of a PDF (stext_makeup.stext)."""
    result = {}
    for n, page in enumerate(root.iter("page"), 1):
        lines = sorted(glyph_lines(page), key=lambda l: (l[0], l[2][0][0]))  # top first (y down)
        succ, pred = {}, {}
        for i, a in enumerate(lines):
            ax0, ax1 = a[2][0][0], max(c[1] for c in a[2])
            for k in range(i + 1, len(lines)):
                b = lines[k]
                if b[0] <= a[0] + 0.01:
                    continue
                if b[0] - a[0] > CONSECUTIVE_EM * a[1]:
                    break
                bx0, bx1 = b[2][0][0], max(c[1] for c in b[2])
                if bx0 < ax1 and ax0 < bx1:
                    if abs(b[1] - a[1]) < 0.01 and k not in pred:
                        succ[i], pred[k] = k, i
                    break
        count = 0
        for i in range(len(lines)):
            if i in pred:
                continue
            prev = []  # (gap, chain length)
            k = i
            while k is not None:
                cur = []
                for g in gaps(lines[k]):
                    best = 0
                    for h, ln in prev:
                        if min(g[1], h[1]) - max(g[0], h[0]) >= OVERLAP_EM * lines[k][1] - 1e-6:
                            best = max(best, ln)
                    cur.append((g, best + 1))
                    count += best + 1 == LINES
                prev = cur
                k = succ.get(k)
        if count:
            result[n] = count
    return result


def proof_rivers(content, doc, lang, keep=False):
    env = dict(os.environ, DRUCKWERK_KEEP_RIVERS="1" if keep else "0")
    r = subprocess.run([DW, "proof", "--content", content, "--doc", doc, "--lang", lang,
                        "--cache", CACHE], capture_output=True, text=True, env=env)
    out = defaultdict(int)
    for m in re.finditer(r"^\S+ \(\w+\) p\.(\d+): river:", r.stdout, re.M):
        out[int(m.group(1))] += 1
    return dict(out), r


def build(content, out, doc=None, lang=None, keep=False):
    extra = (["--doc", doc] if doc else []) + (["--lang", lang] if lang else [])
    env = dict(os.environ, DRUCKWERK_KEEP_RIVERS="1" if keep else "0")
    return subprocess.run([DW, "build", "--content", content, "--variant", "office", "--out", out,
                           "--cache", CACHE, *extra], capture_output=True, text=True, env=env)


# ---- fixtures -------------------------------------------------------------------
PROSE_DE = ("Sie sind neu in Deutschland oder erst seit kurzer Zeit hier. Vielleicht möchten Sie "
            "Deutsch lernen. Vielleicht suchen Sie eine gute Schule für Ihre Kinder. Oder Sie "
            "möchten eine Ausbildung machen, studieren oder in Ihrem Beruf arbeiten. Für all das "
            "gibt es im Landkreis Angebote. Diese Broschüre gibt Ihnen einen Überblick.")
PROSE_AR = ("أنت جديد في ألمانيا أو وصلت منذ وقت قصير. ربما تريد تعلم اللغة الألمانية. ربما تبحث "
            "عن مدرسة جيدة لأطفالك. أو تريد أن تبدأ تدريبًا مهنيًا أو أن تدرس أو أن تعمل في مهنتك. "
            "لكل ذلك توجد عروض في المنطقة. يقدم لك هذا الكتيب نظرة عامة.")


def fixture_doc(lang, paras):
    ar = lang == "ar"
    out = ["# Generated by tests/lib/river_test.py: rivers or none.",
           "document: integration-guidelines", f"lang: {lang}", "edition: 2026-05-01"]
    if ar:
        out.append("source-edition: 2026-05-01")
    out += [f"title: {'اختبار' if ar else 'Flüsse'}", "subtitle: Test",
            "publisher: Landkreis Cloppenburg", "legal: Test.", "sections:",
            "  - id: rivers", f"    title: {'أنهار' if ar else 'Flüsse'}", "    blocks:"]
    out += [f"      - p: {p}" for p in paras]
    return "\n".join(out) + "\n"


def make_content(tmp, name, de_paras, ar_paras):
    dst = os.path.join(tmp, name)
    shutil.copytree("tests/fixtures/content", dst)
    for lang, paras in (("de", de_paras), ("ar", ar_paras)):
        with open(os.path.join(dst, "integration-guidelines", f"{lang}.yaml"), "w") as f:
            f.write(fixture_doc(lang, paras))
    return dst


def main():
    tmp = tempfile.mkdtemp(prefix="dw-river-")
    try:
        # one word repeated, of several lengths: the spaces of every line
        # stand under those of the line above; some lengths leave them wide
        # (words of at most four letters: never hyphenated)
        # (since letter-spacing stops at 0.02 em, short words go ragged
        # rather than loose; "Kreide", "Mauer", "Ulme" open 0.4-0.5 em)
        rep_de = [" ".join([w] * 40) + "." for w in ("i", "m", "W", "il", "mm", "WW", "ill", "mmm",
                                                    "Haus", "Dorf", "Rad", "Tor", "mmmm", "Wald",
                                                    "Kreide", "Mauer", "Ulme")]
        rep_ar = [" ".join([w] * 40) + "." for w in ("بيت", "نهر", "شارع", "مدرسة", "المدينة", "في",
                                                    "من", "كتاب", "على", "ماء")]
        cases = [("with", rep_de, rep_ar), ("none", [PROSE_DE] * 3, [PROSE_AR] * 3)]
        for name, de, ar in cases:
            c = make_content(tmp, name, de, ar)
            out = os.path.join(tmp, name + "-out")
            b = build(c, out, doc="integration-guidelines", keep=name == "with")
            if b.returncode != 0:
                check(False, f"river-fixture-{name}-builds", b.stderr[-400:])
                continue
            for lang in ("de", "ar"):
                pdf = os.path.join(out, "office", f"integration-guidelines.{lang}.pdf")
                want = oracle_rivers(stext(pdf))
                got, r = proof_rivers(c, "integration-guidelines", lang, keep=name == "with")
                n = sum(want.values())
                # Arabic takes no letter-spacing and its repeated words may
                # not open 0.4 em: there the two must only agree
                check(got == want and (n > 0 if name == "with" and lang == "de" else
                                       n == 0 if name == "none" else True),
                      f"river-oracle-agrees-{name}-{lang}",
                      f"proof {got}, mutool {want}")
                print(f"# {name} {lang}: proof {got}, mutool {want}")
        # the real brochure set as if rivers did not matter: it has some,
        # and both count the same on every page of every language
        out = os.path.join(tmp, "kept")
        b = build("content", out, doc="education-brochure", keep=True)
        total, disagree = 0, []
        for lang in ("de", "en", "ar", "fa", "ro", "uk"):
            want = oracle_rivers(stext(os.path.join(out, "office", f"education-brochure.{lang}.pdf")))
            got, r = proof_rivers("content", "education-brochure", lang, keep=True)
            total += sum(want.values())
            if got != want:
                disagree.append((lang, got, want))
        print(f"# brochure with rivers kept: {total} rivers by mutool and by the proof")
        check(b.returncode == 0 and total > 0 and not disagree, "river-oracle-agrees-real-kept",
              f"{total} rivers by mutool; disagreements (lang, proof, mutool): {disagree}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(CACHE, ignore_errors=True)
    return status()


if __name__ == "__main__":
    sys.exit(main())
