#!/usr/bin/env python3
"""`druckwerk check` against an independent reading of the content (issue 20).

The oracle is PyYAML's pure-Python loader (not libyaml, which druckwerk
uses) and Python's own Unicode lower-casing (not glibc's):

  - confirm table: a copy of the shipped content gets `confirm:` keys on
    blocks, sections, contacts and courses (and on translated blocks,
    which must not be listed); every `confirm:` PyYAML finds in the German
    documents, contacts.yaml and courses.yaml must be a row of the table,
    with its file:line and text, and no other row;
  - glossary: the copy's translations get a glossary (unless they already
    have one); every translated text whose German counterpart has a
    glossary term at a word start while the translation has none of the
    accepted forms must be reported at its file:line:col, and nothing else.
"""
import collections
import os
import re
import shutil
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DW = os.environ.get("DRUCKWERK", "./druckwerk")
DOCS = ["welcome-folder", "education-brochure", "integration-guidelines"]


def compose(path):
    with open(path, encoding="utf-8") as f:
        return yaml.compose(f, Loader=yaml.SafeLoader)  # pure Python


def get(node, key):
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if k.value == key:
            return v
    return None


def insert_keys(path, nodes, text_of):
    """Write `confirm: "…"` as the first key of each block mapping node."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for n in sorted(nodes, key=lambda n: -n.start_mark.line):
        ln, col = n.start_mark.line, n.start_mark.column
        line = lines[ln]
        lines[ln:ln + 1] = [line[:col] + 'confirm: "%s"' % text_of(n),
                            " " * col + line[col:]]
    open(path, "w", encoding="utf-8").write("\n".join(lines))


def block_maps(sections):
    """Block-style mappings of blocks and sections, recursively."""
    out = []
    for s in sections.value if sections else []:
        if isinstance(s, yaml.MappingNode) and not s.flow_style:
            out.append(("section", s))
        for b in (get(s, "blocks").value if get(s, "blocks") else []):
            if isinstance(b, yaml.MappingNode) and not b.flow_style:
                out.append(("block", b))
        out += block_maps(get(s, "sections"))
    return out


def add_confirms(root):
    """Put confirm keys on every 5th block and section, contact and course;
    returns how many must be listed (the German and shared ones)."""
    n = 0
    for doc in DOCS:
        for lang in ("de", "uk"):
            path = os.path.join(root, doc, lang + ".yaml")
            if not os.path.exists(path):
                continue
            picked = [m for i, (_, m) in enumerate(block_maps(get(compose(path), "sections")))
                      if i % 5 == 2 and get(m, "confirm") is None]
            insert_keys(path, picked, lambda m: "fact %d in %s" % (m.start_mark.line, lang))
            n += len(picked) if lang == "de" else 0  # translations: not listed
    for name, key in (("contacts.yaml", "contacts"), ("courses.yaml", "courses")):
        path = os.path.join(root, name)
        items = get(compose(path), key).value
        picked = [m for i, m in enumerate(items)
                  if i % 4 == 1 and not m.flow_style and get(m, "confirm") is None]
        insert_keys(path, picked, lambda m: "ask about entry at line %d" % m.start_mark.line)
        n += len(picked)
    return n


def confirms_expected(root):
    """(relative file, line, text) of every confirm PyYAML finds where it counts."""
    want = collections.Counter()

    def walk(node, rel):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == "confirm":
                    want[(rel, k.start_mark.line + 1, " ".join(v.value.split("\n")))] += 1
                walk(v, rel)
        elif isinstance(node, yaml.SequenceNode):
            for v in node.value:
                walk(v, rel)

    for doc in DOCS:
        rel = os.path.join(doc, "de.yaml")
        if os.path.exists(os.path.join(root, rel)):
            walk(get(compose(os.path.join(root, rel)), "sections"), rel)
    for rel in ("contacts.yaml", "courses.yaml"):
        walk(compose(os.path.join(root, rel)), rel)
    return want


def confirm_rows(stdout, root):
    got = collections.Counter()
    lines = stdout.split("\n")
    try:
        start = next(i for i, l in enumerate(lines) if l.startswith("Facts to confirm"))
    except StopIteration:
        return got
    head = lines[start + 1]
    c_what, c_text = head.index("what"), head.index("confirm")
    for l in lines[start + 2:]:
        if not l.startswith("  "):
            break
        where = l[2:c_what].strip()
        f, ln = where.rsplit(":", 1)
        got[(os.path.relpath(f, root), int(ln), l[c_text:])] += 1
    return got


# ---- glossary ---------------------------------------------------------------------

GLOSSARY = {  # term → forms per language; a mix that some texts use and some do not
    "en": {"Ausländerbehörde": ["immigration office", "foreigners' authority"],
           "Landkreis": ["district"], "Jobcenter": ["Jobcenter"],
           "Aufenthaltstitel": ["residence title", "residence permit"]},
    "uk": {"Ausländerbehörde": ["відділ у справах іноземців", "відділу у справах іноземців"],
           "Landkreis": ["район", "району", "районі"], "Jobcenter": ["Jobcenter", "Джобцентр"]},
    "ro": {"Ausländerbehörde": ["Biroul pentru străini", "Biroului pentru străini"],
           "Landkreis": ["districtul", "districtului"]},
    "ar": {"Ausländerbehörde": ["دائرة الأجانب"], "Landkreis": ["الدائرة"]},
    "fa": {"Ausländerbehörde": ["اداره اتباع خارجی"], "Landkreis": ["شهرستان"]},
}


def add_glossaries(root):
    for code, terms in GLOSSARY.items():
        path = os.path.join(root, "languages", code + ".yaml")
        if not os.path.exists(path):
            continue
        text = open(path, encoding="utf-8").read()
        root_node = compose(path)
        for k, v in root_node.value:  # the test's own glossary replaces the shipped one
            if k.value == "glossary":
                lines = text.split("\n")
                text = "\n".join(lines[:k.start_mark.line] + lines[v.end_mark.line:])
        text = text.rstrip("\n") + "\nglossary:\n"
        for term, forms in terms.items():
            text += "  %s: [%s]\n" % (term, ", ".join('"%s"' % f for f in forms))
        open(path, "w", encoding="utf-8").write(text)


MARKUP = [(re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
          (re.compile(r"\{(?:tel|mail|web|ltr|de):([^}]*)\}"), r"\1"),
          (re.compile(r"\\(.)"), r"\1")]


def plain(s):
    for rx, rep in MARKUP:
        s = rx.sub(rep, s)
    return s.strip()


def has_term(text, term):
    t, k = text.lower(), term.lower()
    i = t.find(k)
    while i >= 0:
        if i == 0 or not t[i - 1].isalnum():
            return True
        i = t.find(k, i + 1)
    return False


def scalars(n):
    return [n] if isinstance(n, yaml.ScalarNode) else []


def units_of_block(b):
    """The text units of a block mapping: kind and a dict of lists of scalar nodes."""
    kind = next((k.value for k, _ in b.value if k.value != "confirm"), None)
    v = get(b, kind)
    u = {}
    if kind in ("p", "h", "note"):
        u["text"] = scalars(v)
    elif kind in ("list", "steps") and isinstance(v, yaml.SequenceNode):
        u["items"] = [x for x in v.value if isinstance(x, yaml.ScalarNode)]
    elif kind == "table":
        head, rows = get(v, "head"), get(v, "rows")
        u["head"] = head.value if head else []
        u["cells"] = [c for r in (rows.value if rows else []) for c in r.value]
        u["ncols"] = len(rows.value[0].value) if rows and rows.value else 0
    elif kind == "principle":
        u["title"], u["ptext"] = scalars(get(v, "title")), scalars(get(v, "text"))
    elif kind == "image":
        u["alt"] = scalars(get(v, "alt")) if get(v, "alt") else []
    return kind, u


def lcs_pairs(s, t):
    n, m = len(s), len(t)
    L = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            L[i][j] = L[i + 1][j + 1] + 1 if s[i] == t[j] else max(L[i + 1][j], L[i][j + 1])
    i = j = 0
    while i < n and j < m:
        if s[i] == t[j] and L[i][j] == L[i + 1][j + 1] + 1:
            yield i, j
            i += 1
            j += 1
        elif L[i][j + 1] >= L[i + 1][j]:
            j += 1
        else:
            i += 1


def glossary_expected(root, code, gloss, rel_de_lang):
    """Counter of (file, line, col, term) the check must report for one language."""
    want = collections.Counter()

    def unit(de, tr, de_text=None, tr_text=None):
        ds = plain(de_text if de_text is not None else de.value)
        ts = plain(tr_text if tr_text is not None else tr.value)
        if not ds or not ts:
            return
        for term, forms in gloss.items():
            if has_term(ds, term) and not any(f.lower() in ts.lower() for f in forms):
                want[(tr_rel, tr.start_mark.line + 1, tr.start_mark.column + 1, term)] += 1

    def lists(a, b):
        for x, y in zip(a, b):
            unit(x, y)

    def sections(s, t):
        for a in (s.value if s else []):
            b = next((b for b in (t.value if t else [])
                      if get(b, "id") is not None and get(a, "id") is not None
                      and get(b, "id").value == get(a, "id").value), None)
            if b is None:
                continue
            if get(a, "title") is not None and get(b, "title") is not None:
                unit(get(a, "title"), get(b, "title"))
            sb = [units_of_block(x) for x in (get(a, "blocks").value if get(a, "blocks") else [])]
            tb = [units_of_block(x) for x in (get(b, "blocks").value if get(b, "blocks") else [])]
            for i, j in lcs_pairs([k for k, _ in sb], [k for k, _ in tb]):
                su, tu = sb[i][1], tb[j][1]
                for key in ("text", "title", "ptext", "alt", "items"):
                    lists(su.get(key, []), tu.get(key, []))
                if sb[i][0] == "table" and su["ncols"] == tu["ncols"]:
                    if su["head"] and tu["head"]:
                        lists(su["head"], tu["head"])
                    lists(su["cells"], tu["cells"])
            sections(get(a, "sections"), get(b, "sections"))

    for doc in DOCS:
        de_p, tr_p = os.path.join(root, doc, "de.yaml"), os.path.join(root, doc, code + ".yaml")
        if not (os.path.exists(de_p) and os.path.exists(tr_p)):
            continue
        tr_rel = os.path.relpath(tr_p, root)
        de_r, tr_r = compose(de_p), compose(tr_p)
        for key in ("title", "subtitle", "publisher", "office"):
            if get(de_r, key) is not None and get(tr_r, key) is not None:
                unit(get(de_r, key), get(tr_r, key))
        dl, tl = get(de_r, "legal"), get(tr_r, "legal")
        if dl is not None and tl is not None:
            def paras(n):
                if n.style == "|":
                    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", n.value) if p.strip()]
                return [p for p in n.value.split("\n") if p.strip()]
            for a, b in zip(paras(dl), paras(tl)):
                unit(dl, tl, a, b)
        sections(get(de_r, "sections"), get(tr_r, "sections"))
    tr_rel = "contacts.yaml"
    for c in get(compose(os.path.join(root, "contacts.yaml")), "contacts").value:
        about = get(c, "about")
        if about is not None and get(about, "de") is not None and get(about, code) is not None:
            unit(get(about, "de"), get(about, code))
    tr_rel = os.path.join("languages", code + ".yaml")
    dw, tw = get(compose(rel_de_lang), "words"), get(compose(os.path.join(root, tr_rel)), "words")
    for k, v in (tw.value if tw else []):
        d = get(dw, k.value)
        if d is not None:
            unit(d, v)
    return want


def glossary_reported(stderr, root):
    got = collections.Counter()
    rx = re.compile(r"^(.*?):(\d+):(\d+): warning: glossary: '(.*)' should be translated as '.*'$")
    for l in stderr.split("\n"):
        m = rx.match(l)
        if m:
            got[(os.path.relpath(m.group(1), root), int(m.group(2)), int(m.group(3)),
                 m.group(4))] += 1
    return got


def main():
    tmp = tempfile.mkdtemp(prefix="dw-content-")
    try:
        root = os.path.join(tmp, "content")
        shutil.copytree("content", root)
        n = add_confirms(root)
        add_glossaries(root)
        r = run(DW, "check", "--content", root)
        want, got = confirms_expected(root), confirm_rows(r.stdout, root)
        report(n >= 10 and want == got and sum(got.values()) >= n, "content/confirm-table",
               "inserted %d; missing %s; extra %s" % (n, list((want - got).items())[:3],
                                                     list((got - want).items())[:3]))
        summary = r.stdout.strip().split("\n")[-1]
        report(re.match(r"check: \d+ error\(s\), \d+ warning\(s\), \d+ glossary violation", summary)
               and r.stdout.find("Facts to confirm") > r.stdout.find("Translations compared"),
               "content/check-summary", summary)
        total_want = collections.Counter()
        for code in GLOSSARY:
            lp = os.path.join(root, "languages", code + ".yaml")
            g = get(compose(lp), "glossary")
            if g is None:
                continue
            gloss = {k.value: [f.value for f in (v.value if isinstance(v, yaml.SequenceNode) else [v])]
                     for k, v in g.value}
            total_want += glossary_expected(root, code, gloss,
                                            os.path.join(root, "languages", "de.yaml"))
        got = glossary_reported(r.stderr, root)
        m = re.search(r"(\d+) glossary violation", summary)
        report(total_want == got and len(got) > 0 and m and int(m.group(1)) == sum(got.values()),
               "content/glossary",
               "want %d, got %d; missing %s; extra %s" % (
                   sum(total_want.values()), sum(got.values()),
                   list((total_want - got).items())[:3], list((got - total_want).items())[:3]))
        print("note content/glossary: %d violations over %d languages in the test copy" %
              (sum(got.values()), len(GLOSSARY)))
    finally:
        shutil.rmtree(tmp)
    return status()


if __name__ == "__main__":
    sys.exit(main())
