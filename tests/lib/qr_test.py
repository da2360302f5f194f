#!/usr/bin/env python3
"""QR codes read back with zbarimg (Debian zbar-tools) from pages that
pdftoppm renders at 150 dpi.  Prints "ok NAME" / "FAIL NAME: why".

The expected addresses come from the content, read here with PyYAML:
every contact's `web:` in content/contacts.yaml (https:// added when it
has no scheme, as a browser would) and each layout's `online:`.  For
the German welcome folder on every page whose text (pdftotext) shows a
contact card's web line ("Internet: www…"), the other two documents in
German and the welcome folder in Arabic and Ukrainian (right-to-left
and Cyrillic) on the first four such pages, and on the last page of
each (the legal notice):

  - office, print and booklet: every code zbarimg finds decodes to one
    of the expected addresses, and that address is also a link on the
    same page (qpdf-independent check: pdfinfo/pikepdf annotations), so
    the code stands with the address it shows;
  - each contact address shown as a card line gets its code: every
    page that shows the card label "<web word>:" followed by a contact
    address has at least as many codes as such lines;
  - the legal notice's page carries a code of the layout's `online:`;
  - web: zbarimg finds no code on the same pages (the web file keeps the
    clickable links instead);
  - captions: every code has its address in readable form under it (no
    https://): pdftotext of the code's square alone (where `druckwerk
    dump` puts it) reads the address, on one line or two; in the web file
    the same square holds no text;
  - the back cover: a code of `online:` decodes from the band at the foot
    of the last page alone (the bottom quarter, cropped by pdftoppm), and
    the band's text (pdftotext of that crop) names the address.
"""
import os
import re
import subprocess
import sys
import tempfile

import json

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
DOCS = [("welcome-folder", "de"), ("education-brochure", "de"),
        ("integration-guidelines", "de"), ("welcome-folder", "ar"), ("welcome-folder", "uk")]


def href(web):
    return web if "://" in web else "https://" + web


def decode_pages(pdf, pages, tmp):
    """{page (1-based): [decoded text, …]} for the given pages: one
    pdftoppm per page, one zbarimg for all of them."""
    files = {}
    for p in pages:
        base = os.path.join(tmp, f"p{p}")
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", "-f", str(p), "-l",
                        str(p), pdf, base], check=True)
        files[base + ".pgm"] = p
    out = {p: [] for p in pages}
    if not files:
        return out
    r = run("zbarimg", "-q", "--nodbus", "--xml", "-Sdisable", "-Sqrcode.enable", *files)
    src = None
    for line in r.stdout.splitlines():
        m = re.search(r"<source href='([^']*)'", line)
        if m:
            src = files.get(m.group(1))
        for d in re.findall(r"<data><!\[CDATA\[(.*?)\]\]></data>", line):
            out[src].append(d)
    for f in files:
        os.remove(f)
    return out


def decode(pdf, page, tmp):
    return decode_pages(pdf, [page], tmp)[page]


def qr_boxes(doc, lang):
    """{page (1-based): [(x, y, w, h, uri), …]} from `druckwerk dump`."""
    r = run(DRUCKWERK, "dump", "--doc", doc, "--lang", lang)
    out, page = {}, 0
    for ln in r.stdout.splitlines():
        m = re.match(r"\s*page (\d+)", ln)
        if m:
            page = int(m.group(1))
        m = re.match(r'\s*qr ([\d.]+) ([\d.]+) w ([\d.]+) h ([\d.]+) encodes "(.*)"', ln)
        if m:
            out.setdefault(page, []).append(tuple(float(v) for v in m.groups()[:4]) +
                                            (m.group(5),))
    return out


def text_in(pdf, page, box, page_h):
    x, y, w, h = box
    r = run("pdftotext", "-f", str(page), "-l", str(page), "-x", str(int(x)), "-y",
            str(int(page_h - y - h)), "-W", str(int(w) + 1), "-H", str(int(h) + 1), pdf, "-")
    return "".join(r.stdout.split())


def readable(uri):
    s = re.sub(r"^https?://", "", uri)
    return s[:-1] if s.endswith("/") else s


def page_texts(pdf):
    """Each page's text, without the bidi controls poppler puts around
    right-to-left runs (U+200E/F, U+202A–E, U+2066–9)."""
    r = run("pdftotext", "-layout", pdf, "-")
    t = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", r.stdout)
    return t.split("\f")


def page_uris(pdf):
    """The /URI of each page's link annotations, as qpdf reads them."""
    r = run("qpdf", "--json=2", "--json-key=pages", "--json-key=qpdf", pdf)
    d = json.loads(r.stdout)
    objs = d["qpdf"][1]

    def obj(ref):
        v = objs.get("obj:" + ref, {}).get("value")
        return v if v is not None else {}

    def text(s):
        return s[2:] if s.startswith("u:") else bytes.fromhex(s[2:]).decode("latin-1")

    out = []
    for pg in d["pages"]:
        s = set()
        annots = obj(pg["object"]).get("/Annots", [])
        if isinstance(annots, str):
            annots = obj(annots)
        for a in annots:
            a = obj(a) if isinstance(a, str) else a
            act = a.get("/A", {})
            act = obj(act) if isinstance(act, str) else act
            if isinstance(act.get("/URI"), str):
                s.add(text(act["/URI"]))
        out.append(s)
    return out


def main():
    contacts = yaml.safe_load(open("content/contacts.yaml", encoding="utf-8"))
    items = contacts["contacts"] if isinstance(contacts, dict) else contacts
    webs = sorted({c["web"] for c in items if isinstance(c, dict) and c.get("web")})
    expected = {href(w) for w in webs}
    tmp = tempfile.mkdtemp()
    for doc, lang in DOCS:
        layout = yaml.safe_load(open(f"layouts/{doc}.yaml", encoding="utf-8"))
        online = layout.get("online")
        word = yaml.safe_load(open(f"content/languages/{lang}.yaml",
                                   encoding="utf-8"))["words"]["web"]
        r = run(DRUCKWERK, "build", "--allow-sample", "--doc", doc, "--lang", lang, "--out", tmp)
        name = f"qr-{doc}-{lang}"
        report(r.returncode == 0, name + "-build", r.stderr[-300:])
        if r.returncode:
            continue
        office = f"{tmp}/office/{doc}.{lang}.pdf"
        texts = page_texts(office)
        uris = page_uris(office)
        n = len(uris)
        card = [re.compile(re.escape(word) + r"\s*:?\s*" + re.escape(w) + r"(?![\w.-])")
                for w in webs]
        pages = [i for i in range(n) if any(c.search(texts[i]) for c in card)]
        if (doc, lang) != DOCS[0]:
            pages = pages[:4]  # the first document: every page; the others a sample
        # the legal notice: the last page with text (a blank verso may follow)
        legal = max(i for i in range(n) if texts[i].strip())
        if legal not in pages:
            pages.append(legal)
        bad, missing, total = [], [], 0
        decoded = decode_pages(office, [i + 1 for i in pages], tmp)
        for i in pages:
            codes = decoded[i + 1]
            total += len(codes)
            for c in codes:
                if c not in expected | {online} or c not in uris[i]:
                    bad.append((i + 1, c))
            lines = sum(len(c.findall(texts[i])) for c in card)
            if len(codes) < lines:
                missing.append((i + 1, lines, len(codes)))
        report(not bad and total > 0, name + "-decode-to-content-address",
               f"{total} codes; not an address of the content or not linked on its page: {bad}")
        report(not missing and len(pages) > 1, name + "-every-contact-address-has-a-code",
               f"(page, card lines, codes): {missing}; pages with cards: {len(pages) - 1}")
        last = decoded[legal + 1]
        report(online is not None and online in last, name + "-online-on-legal-page",
               f"expected {online}, found {last}")
        # print: the same pages carry the same codes (on a larger sheet)
        few = [i + 1 for i in pages[:3]]
        p_codes = decode_pages(f"{tmp}/print/{doc}.{lang}.pdf", few, tmp)
        report(all(sorted(p_codes[p]) == sorted(decoded[p]) for p in few), name + "-print-shows-codes",
               f"office {[decoded[p] for p in few]}, print {[p_codes[p] for p in few]}")
        # web: the links without the codes
        web = f"{tmp}/web/{doc}.{lang}.pdf"
        w_codes = [c for v in decode_pages(web, few, tmp).values() for c in v]
        wuris = page_uris(web)
        report(not w_codes and all(uris[i] <= wuris[i] for i in pages), name + "-web-links-no-codes",
               f"codes in web: {w_codes}")
        # captions: the readable address in each code's square, paper only
        boxes = qr_boxes(doc, lang)
        r = run("pdfinfo", office)
        page_h = float(re.search(r"Page size:\s+[\d.]+ x ([\d.]+)", r.stdout).group(1))
        short, n_caps = [], 0
        for i in pages:
            for *box, uri in boxes.get(i + 1, []):
                got, web_got = text_in(office, i + 1, box, page_h), text_in(web, i + 1, box, page_h)
                n_caps += 1
                if got != readable(uri) or web_got:
                    short.append((i + 1, readable(uri), got, web_got))
        report(not short and n_caps >= total > 0, name + "-captions-under-codes",
               f"{n_caps} squares; (page, address, office text, web text): {short}")
        # the back cover's band: the foot of the last page alone
        r = run("pdfinfo", "-f", str(legal + 1), "-l", str(legal + 1), office)
        m = re.search(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", r.stdout)
        w_pt, h_pt = float(m.group(1)), float(m.group(2))
        px, py = int(w_pt * 150 / 72), int(h_pt * 150 / 72)
        base = os.path.join(tmp, "band")
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-singlefile", "-f", str(legal + 1),
                        "-l", str(legal + 1), "-x", "0", "-y", str(py * 3 // 4), "-W", str(px),
                        "-H", str(py - py * 3 // 4), office, base], check=True)
        z = run("zbarimg", "-q", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable", base + ".pgm")
        band = run("pdftotext", "-f", str(legal + 1), "-l", str(legal + 1), "-x", "0", "-y",
                   str(int(h_pt * 3 / 4)), "-W", str(int(w_pt)), "-H", str(int(h_pt / 4)),
                   office, "-").stdout
        report(z.stdout.split() == [online] and readable(online) in band,
               name + "-back-cover-code",
               f"band decodes {z.stdout.split()}, band text {band[-200:]!r}")
    # booklet: the sheets of one document carry its codes too
    r = run(DRUCKWERK, "build", "--doc", "education-brochure", "--lang", "de", "--variant",
            "booklet", "--out", tmp)
    bk = f"{tmp}/booklet/education-brochure.de.pdf"
    codes = []
    if r.returncode == 0:
        texts = page_texts(bk)
        sheets = [i + 1 for i, t in enumerate(texts) if "Internet:" in t][:2]
        codes = [c for v in decode_pages(bk, sheets, tmp).values() for c in v]
    report(r.returncode == 0 and codes and set(codes) <= expected | {online},
           "qr-booklet-decodes", f"{codes}")


if __name__ == "__main__":
    main()
    sys.exit(status())
