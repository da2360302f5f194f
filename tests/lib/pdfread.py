#!/usr/bin/env python3
"""pdfread.py — read druckwerk's PDFs back for the tests, with qpdf.

  pdfread.py glyphs FILE.pdf [PAGE]   CIDs shown on a page, in stream order,
                                      one line per text line (TJ group by Tm y)
  pdfread.py fonts FILE.pdf           per Type0 font: name, /W entries, CIDs
                                      with ToUnicode, embedded program size

Uses `qpdf --qdf --object-streams=disable` to get uncompressed objects;
no third-party Python modules.
"""
import re
import subprocess
import sys


def qdf(path):
    out = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, "-"],
                         check=True, capture_output=True).stdout
    return out.decode("latin-1")


def objects(text):
    """object number -> (dict text, stream text or None)"""
    objs = {}
    for m in re.finditer(r"(?ms)^(\d+) 0 obj\n(.*?)\nendobj", text):
        body = m.group(2)
        s = None
        sm = re.search(r"(?s)stream\n(.*)\nendstream", body)
        if sm:
            s = sm.group(1)
            body = body[:sm.start()]
        objs[int(m.group(1))] = (body, s)
    return objs


def page_contents(objs):
    pages = []
    for num in sorted(objs):
        d, _ = objs[num]
        if re.search(r"/Type /Page\b", d):
            c = re.search(r"/Contents (\d+) 0 R", d)
            if c:
                pages.append(objs[int(c.group(1))][1] or "")
    return pages


def font_maps(objs):
    """Font resource name -> {CID: original glyph ID}.

    druckwerk writes CID = glyph ID for the first text a glyph stands for;
    a glyph standing for other text too (the space glyph for U+0020 and
    ZWNJ) gets an extra CID >= the font's glyph count.  Both map to the
    same subset glyph in the CIDToGIDMap, so the smallest CID with that
    subset glyph is the original glyph ID."""
    maps = {}
    for num in objs:
        d, _ = objs[num]
        fm = re.search(r"/Font\s*<<(.*?)>>", d, re.S) if "/Font" in d else None
        if not fm:
            continue
        for name, ref in re.findall(r"/(\w+) (\d+) 0 R", fm.group(1)):
            t0 = objs.get(int(ref), ("", None))[0]
            df = re.search(r"/DescendantFonts \[\s*(\d+) 0 R", t0)
            if not df:
                continue
            cf = objs[int(df.group(1))][0]
            cm = re.search(r"/CIDToGIDMap (\d+) 0 R", cf)
            raw = objs[int(cm.group(1))][1].encode("latin-1") if cm else b""
            sub = {cid: raw[2 * cid] << 8 | raw[2 * cid + 1] for cid in range(len(raw) // 2)}
            first = {}
            for cid in sorted(sub):
                if sub[cid] or cid == 0:
                    first.setdefault(sub[cid], cid)
            maps[name] = {cid: first.get(sub[cid], cid) for cid in sub}
    return maps


def glyph_lines(content, maps=None):
    """Original glyph IDs per text line, in stream order; a new line at
    each Tm with a new y (CIDs resolved through font_maps when given)."""
    lines, cur, last_y, font = [], [], None, None
    for tok in re.finditer(r"/(\w+) [\d.]+ Tf|1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm|\[(.*?)\] TJ",
                           content, re.S):
        if tok.group(1) is not None:
            font = tok.group(1)
            continue
        if tok.group(3) is not None:
            y = tok.group(3)
            if last_y is not None and y != last_y and cur:
                lines.append(cur)
                cur = []
            last_y = y
        else:
            m = (maps or {}).get(font, {})
            # a hex string holds one 2-byte code per glyph (Identity-H)
            for s in re.findall(r"<([0-9A-Fa-f]*)>", tok.group(4)):
                cur += [m.get(int(s[k:k + 4], 16), int(s[k:k + 4], 16))
                        for k in range(0, len(s), 4)]
    if cur:
        lines.append(cur)
    return lines


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    objs = objects(qdf(path))
    if cmd == "glyphs":
        page = int(sys.argv[3]) if len(sys.argv) > 3 else 1
        for line in glyph_lines(page_contents(objs)[page - 1], font_maps(objs)):
            print(" ".join(map(str, line)))
    elif cmd == "fonts":
        for num in sorted(objs):
            d, _ = objs[num]
            if "/Subtype /CIDFontType2" in d:
                name = re.search(r"/BaseFont /(\S+)", d).group(1)
                w = re.search(r"/W (\d+) 0 R", d)
                wtext = objs[int(w.group(1))][0] if w else re.search(r"/W \[(.*?)\]\s*/", d, re.S)
                fd = int(re.search(r"/FontDescriptor (\d+) 0 R", d).group(1))
                ff = int(re.search(r"/FontFile2 (\d+) 0 R", objs[fd][0]).group(1))
                length = re.search(r"/Length1 (\d+)", objs[ff][0])
                print(f"{name} program={length.group(1) if length else '?'}")
    else:
        sys.exit("usage: pdfread.py glyphs|fonts FILE.pdf [PAGE]")


if __name__ == "__main__":
    main()
