#!/usr/bin/env python3
"""Web and e-mail addresses broken over lines (issue 14).
Prints "ok NAME" / "FAIL NAME: why" / "note ...".

Readers we did not write: poppler (`pdftotext -bbox-layout`: words with
their boxes), pdf.js (tests/js/pdfjs_links.mjs: the page text as a
viewer copies it, and getAnnotations()), pikepdf (the structure tree).
The rule is the Chicago Manual of Style's (17th ed., 14.18), written
here from its text, not from druckwerk's code: an address is broken
after a colon or a double slash; before a single slash, a tilde, a
period, a comma, a hyphen, an underline, a question mark, a number sign
or a percent sign; before or after an equals sign or an ampersand; no
hyphen is added.  druckwerk also keeps at least 4 characters before the
first and after the last break.

  - stress samples (`druckwerk sample`, German, four long addresses at
    25, 30, 40 and 55 mm): every address read back by poppler is whole
    on one line or in pieces at the end of one line and the start of the
    next, each break where the rule allows, no hyphen added, the pieces
    joined give exactly the address; pdf.js's copied text gives the
    address with line breaks only, at allowed places; at least 8 kinds
    of break are seen;
  - links: pdf.js finds one link annotation per piece, each with the
    whole address as its URI, each rectangle containing its piece's
    poppler box;
  - Arabic and Persian samples: the address breaks, the piece at the
    logical end of the upper line (its left end) and the one at the
    logical start of the next (its right end) give the address in order;
  - the three documents in all six languages (web): the same for
    every address the content writes (links read with pikepdf); every
    broken address's annotations belong to one Link element (pikepdf);
    in ar and fa the /ActualText of some element (or of its Spans, one
    per language, joined) holds the address without a space at the
    break; at least 10 addresses break;
    the proof finds no ragged paragraph on de p.28, whose first line
    (ending inside www.anerkennung-in-deutschland.de) reaches the right
    edge of the column (poppler).
"""
import glob
import json
import os
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

import pikepdf

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
SPAN = re.compile(r"\{(web|mail):([^}]*)\}")

STRESS = ("Lesen Sie {web:https://www.anerkennung-in-deutschland.de/html/de/pro/index.php"
          "?lang=de&id=42#finder} und {web:www.integrationskurs_traeger-niedersachsen.de/suche/"
          "kurse_2027?ort=Cloppenburg&art=alpha} oder schreiben Sie an "
          "{mail:integrationskursberatung.migration@landkreis-cloppenburg.de}, auch "
          "{web:http://example.org/~user/docs/a,b%20c/more} hilft, und {tel:+49 4471 15-0}. ")
TEL = "+49 4471 15-0"
# Wider gaps between words part columns (cards side by side, 6 mm
# gutters); a justified line of the documents opens its spaces less.
COLUMN_GAP = 14
FIELD = re.compile(r"(?m)^\s*(web|email):\s*(\S+)\s*$")
RTL = {"ar": "تجد معلومات كثيرة بعدة لغات على {web:www.anerkennung-in-deutschland.de/html/de/"
             "index.php?lang=ar} وهناك يبين لك محرك البحث الجهة المختصة بمهنتك",
       "fa": "اطلاعات زیادی به چند زبان در {web:www.anerkennung-in-deutschland.de/html/de/"
             "index.php?lang=fa} پیدا می‌کنید و در آنجا اداره‌ی مسئول را می‌بینید"}


def allowed(left, right):
    """Whether the Chicago rule allows a break between the two pieces
    (left ends the upper line, right begins the next): the kind of
    break, or None."""
    a, b = left[-1], right[0]
    if left.endswith("//"):
        return "after //"
    if a == ":" and not right.startswith("/"):
        return "after :"
    if b == "/" and not right.startswith("//") and a != "/":
        return "before /"
    if a in "=&":
        return "after " + a
    if b in "~.,-_?#%=&":
        return "before " + b
    return None


def href(kind, text):
    if kind == "mail":
        return "mailto:" + text
    return text if text.startswith(("http://", "https://")) else "https://" + text


def poppler_lines(pdf, rtl, gap=None):
    """Per page, the rows top to bottom; each row its segments (columns:
    cut where words stand more than gap pt apart, when gap is given),
    each a list of words (text, box (x0, y0, x1, y1) from the top) in
    logical order: left to right, or right to left in a right-to-left
    document.  Words are rows by their vertical middles (poppler's own
    lines split at wide spaces)."""
    r = run("pdftotext", "-bbox-layout", pdf, "-")
    pages = []
    for page in ET.fromstring(r.stdout).iter():
        if not page.tag.endswith("}page"):
            continue
        ws = [(w.text or "", tuple(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
              for w in page.iter() if w.tag.endswith("}word")]
        ws.sort(key=lambda w: (w[1][1] + w[1][3]) / 2)
        rows = []
        for w in ws:
            mid = (w[1][1] + w[1][3]) / 2
            if rows and abs(mid - rows[-1][0]) < 4:
                rows[-1][1].append(w)
            else:
                rows.append([mid, [w]])
        out = []
        for _, row in rows:
            row.sort(key=lambda w: w[1][0])
            segs = [[row[0]]]
            for w in row[1:]:
                if gap is not None and w[1][0] - segs[-1][-1][1][2] > gap:
                    segs.append([w])
                else:
                    segs[-1].append(w)
            out.append([seg[::-1] if rtl else seg for seg in segs])
        pages.append(out)
    return pages


def extent(seg):
    return min(w[1][0] for w in seg), max(w[1][2] for w in seg)


def below(rows, li, seg):
    """The segment of row li + 1 in seg's column (the most overlap)."""
    if li + 1 >= len(rows):
        return None
    x0, x1 = extent(seg)
    best = max(rows[li + 1], key=lambda s: min(x1, extent(s)[1]) - max(x0, extent(s)[0]))
    bx0, bx1 = extent(best)
    return best if min(x1, bx1) > max(x0, bx0) else None


def part_box(word, start, n, box):
    """The box of word[start:start + n], by the share of its characters
    (poppler boxes words; a comma or a bracket may cling to an address)."""
    x0, y0, x1, y1 = box
    w = (x1 - x0) / max(len(word), 1)
    return (x0 + w * start, y0, x0 + w * (start + n), y1)


def find(pages, addr):
    """Every place of addr: a list of pieces (page, text, box), one piece
    when it stands on one line.  A piece goes on only as the last word of
    its segment, the next one is the first word of the segment below."""
    found = []
    for pi, rows in enumerate(pages):
        for li, row in enumerate(rows):
            for seg in row:
                for wi, (text, box) in enumerate(seg):
                    # whole in a word, or (ending its segment) its beginning
                    if addr[0] not in text or (addr not in text and wi + 1 != len(seg)):
                        continue
                    for k in (k for k, c in enumerate(text) if c == addr[0]):
                        head = text[k:]
                        if not addr.startswith(head[:len(addr)]) or (k and text[k - 1].isalnum()):
                            continue
                        if len(head) >= len(addr):
                            found.append([(pi, addr, part_box(text, k, len(addr), box))])
                            break
                        if wi + 1 != len(seg):
                            continue
                        pieces = [(pi, head, part_box(text, k, len(head), box))]
                        got, lj, cur = head, li, seg
                        while len(got) < len(addr):
                            cur = below(rows, lj, cur)
                            if cur is None:
                                break
                            lj += 1
                            nxt, nbox = cur[0]
                            rest = addr[len(got):]
                            # a bracket may cling to it (poppler, right to left)
                            j = 0
                            while j < 2 and j < len(nxt) and nxt[j] in "()[]\"'«»" and \
                                    not nxt[j:].startswith(rest[:1]):
                                j += 1
                            if not (nxt[j:].startswith(rest) or rest.startswith(nxt[j:])):
                                break
                            part = nxt[j:j + len(rest)]
                            if len(part) < len(rest) and len(cur) > 1:
                                break  # a piece that does not end its line
                            pieces.append((pi, part, part_box(nxt, j, len(part), nbox)))
                            got += part
                        if got == addr:
                            found.append(pieces)
                        break
    return found


def check_breaks(places, addr):
    """The wrong breaks among the places of addr, and the kinds seen."""
    bad, kinds = [], set()
    for pieces in places:
        texts = [p[1] for p in pieces]
        for a, b in zip(texts, texts[1:]):
            kind = allowed(a, b)
            if kind is None or a.endswith(("-", "\u00ad")):
                bad.append(f"{a}|{b}")
            else:
                kinds.add(kind)
        if len(texts) > 1 and (len(texts[0]) < 4 or len(texts[-1]) < 4):
            bad.append("short piece " + "|".join(texts))
    return bad, kinds


def pdfjs(pdfs):
    r = run("node", "tests/js/pdfjs_links.mjs", *pdfs)
    return {d["file"]: d["pages"] for d in map(json.loads, r.stdout.splitlines())}, r.stderr


def pdfjs_breaks(text, addr):
    """The address in pdf.js's copied text with line breaks at most
    between its characters: the breaks' wrong places, or None when the
    address is not there."""
    m = re.search("\n?".join(map(re.escape, addr)), text)
    if not m:
        return None
    s, bad = m.group(0), []
    pieces = s.split("\n")
    for a, b in zip(pieces, pieces[1:]):
        if allowed(a, b) is None:
            bad.append(f"{a}|{b}")
    return bad


def same_uri(a, b):
    """pdf.js gives a bare host a closing slash (https://x.de/)."""
    return a.rstrip("/") == b.rstrip("/")


def covered(pieces, links, uri, page_h):
    """Pieces no link annotation to uri covers (its rect, in PDF space,
    holds the piece's poppler box, 2 pt tolerance across, 1 pt up and down)."""
    miss = []
    for pi, text, (x0, y0, x1, y1) in pieces:
        rects = [r for u, r in links[pi] if same_uri(u, uri)]
        if not any(r[0] - 2 <= x0 and x1 <= r[2] + 2 and r[1] - 1 <= page_h - y1 and
                   page_h - y0 <= r[3] + 1 for r in rects):
            miss.append(text)
    return miss


def page_heights(pdf):
    with pikepdf.open(pdf) as p:
        return [float(pg.mediabox[3]) - float(pg.mediabox[1]) for pg in p.pages]


def pikepdf_links(pdf):
    """Per page, the URI links: (URI, rect), as the file holds them."""
    out = []
    with pikepdf.open(pdf) as p:
        for pg in p.pages:
            ls = []
            for a in pg.obj.get("/Annots") or []:
                act = a.get("/A")
                if a.get("/Subtype") == "/Link" and act is not None and "/URI" in act:
                    ls.append((str(act.URI), [float(x) for x in a.Rect]))
            out.append(ls)
    return out


def link_elements(pdf):
    """Annotation (page index, rect) → its Link element's object number."""
    out = {}
    with pikepdf.open(pdf) as p:
        page_of = {pg.obj.objgen: i for i, pg in enumerate(p.pages)}
        stack = [p.Root.StructTreeRoot]
        while stack:
            e = stack.pop()
            k = e.get("/K")
            kids = list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []
            for kid in kids:
                if not isinstance(kid, pikepdf.Dictionary):
                    continue
                if kid.get("/Type") == "/OBJR":
                    a = kid.Obj
                    rect = tuple(round(float(x), 1) for x in a.Rect)
                    out[(page_of.get(kid.Pg.objgen), rect)] = e.objgen
                elif "/S" in kid:
                    stack.append(kid)
    return out


def actual_texts(pdf):
    """The /ActualText of every element, and of every element whose kids
    carry it (a line of Spans, one per language), their texts joined."""
    texts = []
    with pikepdf.open(pdf) as p:
        stack = [p.Root.StructTreeRoot]
        while stack:
            e = stack.pop()
            if "/ActualText" in e:
                texts.append(str(e.ActualText))
            k = e.get("/K")
            kids = list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else []
            kids = [x for x in kids if isinstance(x, pikepdf.Dictionary) and "/S" in x]
            texts.append("".join(str(x.ActualText) for x in kids if "/ActualText" in x))
            stack += kids
    return texts


def sample(tmp, lang, text, width, name):
    out = os.path.join(tmp, f"{name}.pdf")
    r = run(DRUCKWERK, "sample", "--lang", lang, "--text", text, "--out", out,
            "--width", str(width))
    return out if r.returncode == 0 else None


def main():
    tmp = tempfile.mkdtemp(prefix="dw-urlbreak-")
    try:
        addrs = [(k, t) for k, t in SPAN.findall(STRESS)]
        # 1. stress samples at narrow measures
        pdfs = [sample(tmp, "de", STRESS, w, f"de-{w}") for w in (25, 30, 40, 55)]
        report(all(pdfs), "urlbreak-samples-built")
        pdfs = [p for p in pdfs if p]
        js, err = pdfjs(pdfs)
        report(len(js) == len(pdfs), "urlbreak-pdfjs-read", err[-300:])
        bad, kinds, n_breaks, missing, js_bad, uncovered, counts = [], set(), 0, [], [], [], []
        for pdf in pdfs:
            pages = poppler_lines(pdf, False)
            h = page_heights(pdf)
            links = [p["links"] for p in js.get(pdf, [])]
            text = "\n".join(p["text"] for p in js.get(pdf, []))
            for kind, addr in addrs:
                places = find(pages, addr)
                if len(places) != 1:
                    missing.append(f"{os.path.basename(pdf)}: {addr} found {len(places)} times")
                    continue
                b, k = check_breaks(places, addr)
                bad += b
                kinds |= k
                n_breaks += len(places[0]) - 1
                jb = pdfjs_breaks(text, addr)
                if jb is None:
                    js_bad.append(f"{os.path.basename(pdf)}: {addr} not in pdf.js text")
                else:
                    js_bad += jb
                if links:
                    uri = href(kind, addr)
                    miss = covered(places[0], links, uri, h[0])
                    uncovered += [f"{os.path.basename(pdf)}: {m}" for m in miss]
                    n = sum(1 for pl in links for u, _ in pl if same_uri(u, uri))
                    if n != len(places[0]):
                        counts.append(f"{addr}: {n} links, {len(places[0])} pieces")
        report(not missing, "urlbreak-stress-pieces-join (poppler)", "; ".join(missing[:4]))
        report(not bad and n_breaks >= 20, f"urlbreak-stress-chicago ({n_breaks} breaks, poppler)",
               f"{n_breaks} breaks; not allowed: {bad[:8]}")
        report(len(kinds) >= 8, f"urlbreak-stress-kinds ({len(kinds)}: {', '.join(sorted(kinds))})",
               sorted(kinds))
        report(not js_bad, "urlbreak-stress-pdfjs-text", js_bad[:8])
        tel = [pdf for pdf in pdfs if TEL not in "".join(p["text"] for p in js.get(pdf, []))]
        report(not tel, "urlbreak-stress-tel-unbroken (pdf.js)", tel)
        report(not uncovered and not counts, "urlbreak-stress-links (pdf.js annotations)",
               f"pieces without their link: {uncovered[:6]}; {counts[:4]}")

        # 2. Arabic and Persian: pieces in logical order
        for lang, text in RTL.items():
            kind, addr = SPAN.findall(text)[0]
            for w in (45, 60):
                pdf = sample(tmp, lang, text, w, f"{lang}-{w}")
                if not pdf:
                    report(False, f"urlbreak-{lang}-{w}mm", "sample failed")
                    continue
                places = find(poppler_lines(pdf, True), addr)
                b, _ = check_breaks(places, addr)
                broken = [p for p in places if len(p) > 1]
                report(len(places) == 1 and broken and not b,
                       f"urlbreak-{lang}-{w}mm-logical-order",
                       f"places {[[x[1] for x in p] for p in places]}; wrong {b}; lines "
                       + " / ".join(" ".join(w[0] for seg in row for w in seg)
                                    for row in poppler_lines(pdf, True)[0])[:400])

        # 3. the documents in every language, web variant
        out = os.path.join(tmp, "out")
        r = run(DRUCKWERK, "build", "--variant", "web", "--out", out)
        report(r.returncode == 0, "urlbreak-documents-build", r.stderr[-300:])
        files = sorted(glob.glob(os.path.join(out, "web", "*.pdf")))
        total = rtl_total = 0
        for pdf in files:
            doc, lang = os.path.basename(pdf).rsplit(".", 2)[:2]
            rtl = lang in ("ar", "fa")
            src = open(f"content/{doc}/{lang}.yaml", encoding="utf-8").read()
            src += open("content/contacts.yaml", encoding="utf-8").read()
            spans = sorted(set(SPAN.findall(src)) |
                           {("mail" if k == "email" else k, t) for k, t in FIELD.findall(src)})
            pages = poppler_lines(pdf, rtl, gap=COLUMN_GAP)
            h = links = elems = texts = None  # read when an address breaks
            bad, broken, uncovered, split, lost = [], 0, [], [], []
            for kind, addr in spans:
                for places in find(pages, addr):
                    if len(places) == 1:
                        continue
                    broken += 1
                    if h is None:
                        h, links, elems = page_heights(pdf), pikepdf_links(pdf), link_elements(pdf)
                        texts = actual_texts(pdf) if rtl else []
                    b, _ = check_breaks([places], addr)
                    bad += b
                    uri = href(kind, addr)
                    uncovered += covered(places, links, uri, h[places[0][0]])
                    # the Link elements of the pieces' annotations
                    owners = set()
                    for pi, _, (x0, y0, x1, y1) in places:
                        for (pg, rect), se in elems.items():
                            if pg == pi and rect[0] - 2 <= x0 and x1 <= rect[2] + 2 and \
                               rect[1] - 1 <= h[pi] - y1 and h[pi] - y0 <= rect[3] + 1:
                                owners.add(se)
                    if len(owners) != 1:
                        split.append(f"{addr}: {len(owners)} Link elements")
                    if rtl and not any(addr in t for t in texts):
                        lost.append(addr)
            name = os.path.basename(pdf)
            total += broken
            rtl_total += broken if rtl else 0
            report(not bad and not uncovered and not split and not lost,
                   f"urlbreak-{name} ({broken} broken addresses: Chicago, one Link, "
                   f"{'/ActualText' if rtl else 'links'})",
                   f"not allowed {bad[:4]}; pieces without their link: {uncovered[:4]}; "
                   f"{split[:4]}; /ActualText not whole: {lost[:4]}")
            if doc == "education-brochure" and lang == "de":
                report(broken >= 1, "urlbreak-brochure-de-breaks-an-address", broken)
                # p.28: the paragraph with the address is justified
                pg = [seg for row in pages[27] for seg in row]
                right = max(w[1][2] for ln in pg for w in ln)
                first = [ln for ln in pg if ln[0][0] == "Viele"]
                ends = [ln[-1] for ln in first]
                report(first and abs(ends[0][1][2] - right) < 0.5 and
                       "anerkennung" in ends[0][0] and "deutschland" not in ends[0][0],
                       "urlbreak-brochure-de-p28-justified (poppler)",
                       f"line ends at {ends[0][1][2] if ends else None}, column at {right}: "
                       f"{ends[0][0] if ends else 'no line'}")
        report(total >= 10 and rtl_total >= 1,
               f"urlbreak-documents-break-addresses ({total}, {rtl_total} in ar and fa)",
               f"{total}, {rtl_total} in ar and fa")
        p = run(DRUCKWERK, "proof", "--doc", "education-brochure", "--lang", "de")
        report(p.returncode in (0, 1) and "class ragged-among-justified" in p.stdout and
               not re.search(r"p\.28: ragged-among-justified", p.stdout),
               "urlbreak-proof-de-p28-not-ragged", (p.stdout + p.stderr)[-400:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status()


if __name__ == "__main__":
    sys.exit(main())
