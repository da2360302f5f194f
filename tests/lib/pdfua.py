#!/usr/bin/python3
"""pdfua.py — a PDF/UA-1 checker: the Matterhorn Protocol 1.1 checkpoints
that software can decide, applied with pikepdf (qpdf), which we did not
write.  `pdfua.py FILE.pdf…` prints one line per failure,
"FILE: CHECKPOINT: what", and exits 1 when there is any.

Implemented (machine checks; numbers as in the Matterhorn Protocol 1.1):
  01-003  content marked as Artifact inside tagged content
  01-004  tagged content inside an Artifact
  01-005  content (text, paths, images, shadings, XObjects) neither
          tagged nor an Artifact; and every MCID of a page referenced
          from the structure tree exactly once, through the page's
          ParentTree entry (ISO 14289-1 7.1, ISO 32000-1 14.7.4.4)
  01-007  /MarkInfo /Suspects true (and /Marked true required, 7.1)
  02-001/02-003/02-004  role map: non-standard types map to standard
          ones, no cycles, standard types not remapped
  06-001/06-002/06-003  XMP metadata, pdfuaid:part 1, dc:title
  07-001/07-002  /ViewerPreferences /DisplayDocTitle true
  09-004/09-005/09-006  table, list and TOC elements nested as
          ISO 32000-1 14.8.4 says (TR in Table/THead/TBody/TFoot, TH/TD
          in TR; LI in L, Lbl/LBody in LI; TOCI in TOC)
  10-001  every font has a /ToUnicode map (or a standard encoding)
  11-006  the document's language: catalog /Lang, a BCP 47 tag; every
          /Lang in the tree well-formed
  13-004  Figure without /Alt or /ActualText
  14-002/14-003  the first numbered heading is H1; levels never skipped
  15-003  TH without /Scope (no /Headers in our tables)
  17-002  Formula without /Alt
  19-003/19-004  Note without /ID; /ID not unique
  20-001  optional content configurations without /Name
  21-001  embedded files without /F and /UF
  25-001  dynamic XFA
  26-001/26-002  encrypted without permission for assistive technology
  28-002  annotations other than Widget, Link, PrinterMark not in Annot
  28-004  annotations without /Contents
  28-008/28-009  pages with annotations have /Tabs /S
  28-011/28-012  link annotations in a Link element, with /Contents
  30-001  reference XObjects
  31-009  every font program embedded (FontFile, FontFile2, FontFile3)

Need a person (not checked here): 01-001/01-002 (is an artifact really
one, is real content really real), 04-001 (colour alone carries
meaning), 06-004 (the title identifies the document), 09-001 (the tree
order is the logical reading order — partly tested by tags_test.py and
pdfua_test.py against the source), 11-001…11-005 (the *right* language
for each passage), 12-001 (characters as text), 13-001…13-003,
13-005…13-008 (alternative text is appropriate), 14-001 (headings
where the document has headings), 15-001/15-002/15-005 (table
semantics), 16-001…16-003 (lists are lists), 17-001, 18-001,
27-001, 28-001/28-003 (annotation semantics), 31-xxx glyph-level font
checks needing the font program (widths, cmap, .notdef: covered for our
fonts by t_text.sh against HarfBuzz).
"""
import re
import sys

import pikepdf

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
PAINT = {"Tj", "TJ", "'", '"', "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "BI"}
LANG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def name(o):
    return str(o)[1:] if isinstance(o, pikepdf.Name) else None


def check(path):
    fails = []

    def fail(cp, what):
        fails.append((cp, what))

    pdf = pikepdf.open(path)
    root = pdf.Root
    # ---- document level ---------------------------------------------------
    if pdf.is_encrypted:
        p = pdf.encryption.P if hasattr(pdf, "encryption") else None
        if p is None:
            fail("26-001", "encrypted without a /P entry")
        elif not (int(p) & (1 << 9)):
            fail("26-002", "encrypted without permission bit 10 (assistive technology)")
    mi = root.get("/MarkInfo")
    if mi is None or mi.get("/Marked") is not True:
        fail("01-007", "catalog /MarkInfo /Marked is not true (ISO 14289-1 7.1)")
    elif mi.get("/Suspects") is True:
        fail("01-007", "/MarkInfo /Suspects true")
    meta = root.get("/Metadata")
    xmp = bytes(meta.read_bytes()).decode("utf-8", "replace") if meta is not None else ""
    if not xmp:
        fail("06-001", "no XMP metadata stream")
    else:
        # read only: leaving a `with` block would write the XMP back (0.4 s a file)
        m = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        part = m.get("{http://www.aiim.org/pdfua/ns/id/}part")
        title = m.get("dc:title")
        if str(part) != "1":
            fail("06-002", f"XMP has no pdfuaid:part 1 (found {part!r})")
        if not title:
            fail("06-003", "XMP has no dc:title")
    vp = root.get("/ViewerPreferences")
    if vp is None or "/DisplayDocTitle" not in vp:
        fail("07-001", "no /ViewerPreferences /DisplayDocTitle")
    elif vp.DisplayDocTitle is not True:
        fail("07-002", "/DisplayDocTitle is not true")
    lang = root.get("/Lang")
    if lang is None or not LANG.match(str(lang)):
        fail("11-006", f"catalog /Lang missing or not a language tag: {lang!r}")
    ocp = root.get("/OCProperties")
    if ocp is not None:
        for cfg in [ocp.get("/D")] + list(ocp.get("/Configs", [])):
            if cfg is not None and "/Name" not in cfg:
                fail("20-001", "optional content configuration without /Name")
    af = root.get("/AcroForm")
    if af is not None and "/XFA" in af and root.get("/NeedsRendering") is True:
        fail("25-001", "dynamic XFA form")
    names = root.get("/Names")
    if names is not None and "/EmbeddedFiles" in names:
        for _, spec in pikepdf.NameTree(names.EmbeddedFiles).items():
            if "/F" not in spec or "/UF" not in spec:
                fail("21-001", "embedded file specification without /F and /UF")

    # ---- structure tree ------------------------------------------------------
    str_root = root.get("/StructTreeRoot")
    if str_root is None:
        fail("01-005", "no structure tree: the file is not tagged")
        return fails
    rolemap = {}
    rm = str_root.get("/RoleMap")
    if rm is not None:
        for k, v in rm.items():
            rolemap[k[1:]] = name(v)
        for k in rolemap:
            if k in STANDARD:
                fail("02-004", f"standard type {k} remapped")
            seen, t = set(), k
            while t in rolemap and t not in STANDARD:
                if t in seen:
                    fail("02-003", f"circular role mapping from {k}")
                    break
                seen.add(t)
                t = rolemap[t]
            else:
                if t not in STANDARD:
                    fail("02-001", f"{k} maps to non-standard {t}")

    def std(t):
        seen = set()
        while t not in STANDARD and t in rolemap and t not in seen:
            seen.add(t)
            t = rolemap[t]
        return t

    refs = {}       # (page objgen, mcid) -> [element objgen]
    annot_elem = {}  # annotation objgen -> element type
    ids = {}
    headings = []
    stack_seen = set()

    def walk(e, parent_type, pg):
        og = e.objgen
        if og in stack_seen and og != (0, 0):
            fail("09-002", f"element {og} reached twice")
            return
        stack_seen.add(og)
        t = std(name(e.get("/S")) or "")
        if t not in STANDARD:
            fail("02-001", f"element type {e.get('/S')} is neither standard nor role-mapped")
        if "/Lang" in e and not LANG.match(str(e.Lang)):
            fail("11-006", f"{t} has /Lang {e.Lang!r}, not a language tag")
        if t == "Figure" and "/Alt" not in e and "/ActualText" not in e:
            fail("13-004", f"Figure {og} without /Alt")
        if t == "Formula" and "/Alt" not in e:
            fail("17-002", f"Formula {og} without /Alt")
        if t == "Note":
            if "/ID" not in e:
                fail("19-003", f"Note {og} without /ID")
            else:
                i = bytes(e.ID)
                if i in ids:
                    fail("19-004", f"Note /ID {i!r} not unique")
                ids[i] = og
        if t == "TH":
            a = e.get("/A")
            attrs = [a] if isinstance(a, pikepdf.Dictionary) else list(a or [])
            if not any(isinstance(x, pikepdf.Dictionary) and "/Scope" in x for x in attrs) \
                    and "/Headers" not in str(attrs):
                fail("15-003", f"TH {og} without /Scope")
        m = re.fullmatch(r"H([1-6])", t)
        if m:
            headings.append(int(m.group(1)))
        # nesting (ISO 32000-1 14.8.4.3)
        rules = {"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
                 "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
                 "LI": {"L"}, "Lbl": {"LI", "BibEntry", "Note", "TOCI"}, "LBody": {"LI"},
                 "TOCI": {"TOC"}}
        cp = {"TR": "09-004", "TH": "09-004", "TD": "09-004", "THead": "09-004",
              "TBody": "09-004", "TFoot": "09-004", "LI": "09-005", "Lbl": "09-005",
              "LBody": "09-005", "TOCI": "09-006"}
        if t in rules and parent_type not in rules[t]:
            fail(cp[t], f"{t} inside {parent_type}")
        if parent_type == "L" and t not in {"LI", "L", "Caption"}:
            fail("09-005", f"{t} directly inside L")
        if parent_type == "TOC" and t not in {"TOCI", "TOC", "Caption"}:
            fail("09-006", f"{t} directly inside TOC")
        if parent_type == "TR" and t not in {"TH", "TD"}:
            fail("09-004", f"{t} directly inside TR")
        my_pg = e.get("/Pg", pg)
        k = e.get("/K")
        kids = list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])
        for kid in kids:
            if isinstance(kid, int) or (hasattr(kid, "is_integer") and False):
                if my_pg is None:
                    fail("01-005", f"{t} {og} has an MCID kid but no /Pg")
                else:
                    refs.setdefault((my_pg.objgen, int(kid)), []).append(og)
            elif isinstance(kid, pikepdf.Dictionary):
                typ = name(kid.get("/Type"))
                if typ == "MCR":
                    p2 = kid.get("/Pg", my_pg)
                    refs.setdefault((p2.objgen, int(kid.MCID)), []).append(og)
                elif typ == "OBJR":
                    annot_elem[kid.Obj.objgen] = t
                elif "/S" in kid:
                    walk(kid, t, my_pg)
    k = str_root.get("/K")
    for kid in (list(k) if isinstance(k, pikepdf.Array) else [k]):
        if isinstance(kid, pikepdf.Dictionary):
            walk(kid, "StructTreeRoot", None)
    if headings and headings[0] != 1:
        fail("14-002", f"first heading is H{headings[0]}, not H1")
    for a, b in zip(headings, headings[1:]):
        if b > a + 1:
            fail("14-003", f"H{a} followed by H{b}")
            break

    # ParentTree: page's /StructParents → one element per MCID
    ptree = {}
    pt = str_root.get("/ParentTree")
    if pt is not None:
        for key, val in pikepdf.NumberTree(pt).items():
            ptree[int(key)] = val

    # ---- pages -----------------------------------------------------------------
    fonts_seen = set()
    for no, page in enumerate(pdf.pages, 1):
        po = page.obj
        annots = list(po.get("/Annots", []))
        if annots:
            if "/Tabs" not in po:
                fail("28-008", f"page {no} has annotations and no /Tabs")
            elif po.Tabs != "/S":
                fail("28-009", f"page {no} /Tabs {po.Tabs}, not /S")
        for a in annots:
            sub = name(a.get("/Subtype"))
            where = annot_elem.get(a.objgen)
            if sub == "Link":
                if where != "Link":
                    fail("28-011", f"page {no}: link annotation {a.objgen} not in a Link element")
                if "/Contents" not in a or not str(a.Contents).strip():
                    fail("28-012", f"page {no}: link annotation {a.objgen} without /Contents")
            elif sub in ("Widget",):
                if where != "Form":
                    fail("28-010", f"page {no}: widget not in a Form element")
            elif sub not in ("PrinterMark", "Popup"):
                if where != "Annot":
                    fail("28-002", f"page {no}: {sub} annotation not in an Annot element")
                if "/Contents" not in a:
                    fail("28-004", f"page {no}: {sub} annotation without /Contents")
        res = po.get("/Resources", pikepdf.Dictionary())
        for fname, font in dict(res.get("/Font", {})).items():
            if font.objgen in fonts_seen:
                continue
            fonts_seen.add(font.objgen)
            st = name(font.get("/Subtype"))
            desc = font
            if st == "Type0":
                desc = font.DescendantFonts[0]
            fd = desc.get("/FontDescriptor")
            if st != "Type3" and (fd is None or not any(
                    x in fd for x in ("/FontFile", "/FontFile2", "/FontFile3"))):
                fail("31-009", f"font {fname} ({font.get('/BaseFont')}) not embedded")
            enc = font.get("/Encoding")
            if "/ToUnicode" not in font and not (
                    st in ("Type1", "TrueType") and enc in ("/WinAnsiEncoding", "/MacRomanEncoding")):
                fail("10-001", f"font {fname} ({font.get('/BaseFont')}) has no /ToUnicode")
        for xn, xo in dict(res.get("/XObject", {})).items():
            if "/Ref" in xo:
                fail("30-001", f"page {no}: reference XObject {xn}")
        # marked content
        stack, mcids, outside = [], [], 0
        art_in_tag = tag_in_art = 0
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])[1:]
                props = operands[1] if op == "BDC" else None
                mcid = None
                if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                    mcids.append(mcid)
                kind = "art" if tag == "Artifact" else ("tag" if mcid is not None else "other")
                if kind == "art" and any(k == "tag" for k in stack):
                    art_in_tag += 1
                if kind == "tag" and any(k == "art" for k in stack):
                    tag_in_art += 1
                stack.append(kind)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op in PAINT or op == "INLINE IMAGE":
                if not any(k in ("art", "tag") for k in stack):
                    outside += 1
        if art_in_tag:
            fail("01-003", f"page {no}: {art_in_tag} artifacts inside tagged content")
        if tag_in_art:
            fail("01-004", f"page {no}: {tag_in_art} tagged sequences inside artifacts")
        if outside:
            fail("01-005", f"page {no}: {outside} painting operators neither tagged nor artifact")
        missing = [m for m in mcids if len(refs.get((po.objgen, m), [])) != 1]
        if missing:
            fail("01-005", f"page {no}: MCIDs not referenced once from the tree: {missing[:5]}")
        if mcids:
            sp = po.get("/StructParents")
            arr = ptree.get(int(sp)) if sp is not None else None
            if arr is None or len(arr) < max(mcids) + 1:
                fail("01-005", f"page {no}: no ParentTree entry for its MCIDs")
            else:
                wrong = [m for m in mcids
                         if arr[m].objgen not in refs.get((po.objgen, m), [])]
                if wrong:
                    fail("01-005", f"page {no}: ParentTree names another element for MCIDs "
                                   f"{wrong[:5]}")
    return fails


def main():
    bad = 0
    for path in sys.argv[1:]:
        for cp, what in check(path):
            bad += 1
            print(f"{path}: {cp}: {what}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
