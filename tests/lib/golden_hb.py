"""The glyphs of the golden dumps against HarfBuzz's own hb-shape.

For every run of every line in the dumps named on the command line (but
the hyphen druckwerk adds at a line break, which stands for no character
of the text), hb-shape (libharfbuzz-bin,
not our code) shapes the run's characters on the same pinned font file with
the direction, script and language druckwerk sets:
  direction  the run's (rtl/ltr in the dump: the bidi level of the run)
  script     Arab or Latn from the run's own letters; a run of digits and
             punctuation only takes the script of the last letter before it
             in the paragraph (Common characters inherit, src/text/shape.c)
  language   the run's lang (a German term in Arabic text) or the document's
  cluster level 1 (monotone characters), as src/text/shape.c sets it
Glyph IDs, advances and offsets must be equal; the justification space a
dump adds after a glyph ("~0.80", or "=0.76" for a kashida; points) is not
HarfBuzz's and is dropped.
A line that is a whole paragraph, or a run cut from a longer paragraph at a
place HarfBuzz marks safe to break, must shape exactly as on its own.
Prints "ok NAME" / "FAIL NAME: why" lines.
"""
import re
import subprocess
import sys
import unicodedata

FONTS = "tests/fonts/"


def unescape(s):
    """The dump's quoted text → code points (<U+XXXX>, \\" and \\\\)."""
    out, i = [], 0
    while i < len(s):
        m = re.match(r"<U\+([0-9A-F]{4,6})>", s[i:])
        if m:
            out.append(int(m.group(1), 16))
            i += m.end()
        elif s[i] == "\\":
            out.append(ord(s[i + 1]))
            i += 2
        else:
            out.append(ord(s[i]))
            i += 1
    return out


def quoted(line, key):
    m = re.match(r'\s*' + key + r' "(.*)"$', line)
    return unescape(m.group(1)) if m else None


def letter_script(cp):
    """Arab or Latn for a letter, None for Common/Inherited characters."""
    ch = chr(cp)
    if not unicodedata.category(ch).startswith("L"):
        return None
    name = unicodedata.name(ch, "")
    if name.startswith("ARABIC"):
        return "Arab"
    if name.startswith(("LATIN", "CYRILLIC", "GREEK")):
        return {"L": "Latn", "C": "Cyrl", "G": "Grek"}[name[0]]
    return None


def parse(path):
    """Runs of each line: dicts with font, dir, lang, chars, glyphs, and
    the line's logical text and element (for the inherited script)."""
    doc_lang, runs, line = None, [], None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, ln in enumerate(lines):
        s = ln.strip()
        if s.startswith("document "):
            doc_lang = s.split()[2]
        elif s.startswith("line "):
            m = re.search(r" elem (\d+)", s)
            line = {"elem": m.group(1) if m else None, "text": None}
        elif s.startswith("text ") and line is not None:
            line["text"] = quoted(s, "text")
        elif s.startswith("run "):
            f = s.split()
            r = {"dir": f[4], "file": f[6], "line": line, "lang": doc_lang, "no": i + 1,
                 "hyphen": s.endswith(" soft-hyphen")}
            if " lang " in s:
                r["lang"] = f[f.index("lang") + 1]
            runs.append(r)
        elif s.startswith("chars "):
            runs[-1]["chars"] = quoted(s, "chars")
        elif s.startswith("glyphs "):
            runs[-1]["glyphs"] = re.sub(r"[~=]-?[0-9.]+", "", s[len("glyphs "):])
    return doc_lang, runs


def script_of(run, history):
    """The run's script: its own letters, else the last letter before it."""
    for cp in run["chars"]:
        sc = letter_script(cp)
        if sc:
            return sc
    text = run["line"]["text"] or []
    chars = run["chars"]
    at = next((k for k in range(len(text) - len(chars) + 1) if text[k:k + len(chars)] == chars), 0)
    for cp in reversed(history + text[:at]):
        sc = letter_script(cp)
        if sc:
            return sc
    return "Arab"


def hb_shape(run, script):
    cmd = ["hb-shape", "--font-file=" + FONTS + run["file"], "--no-glyph-names", "--no-clusters",
           "--direction=" + run["dir"], "--script=" + script, "--language=" + run["lang"],
           "--cluster-level=1",
           "--unicodes=" + ",".join("U+%04X" % c for c in run["chars"])]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()


def main():
    failed = 0
    for path in sys.argv[1:]:
        name = "golden-hb-shape " + path.split("/")[-1]
        try:
            lang, runs = parse(path)
        except OSError as e:
            print("FAIL %s: %s" % (name, e))
            failed += 1
            continue
        checked, bad, history, elem = 0, [], [], None
        for r in runs:
            if r["line"]["elem"] != elem:  # a new paragraph: no earlier letters
                history, elem = [], r["line"]["elem"]
            if not r["hyphen"]:
                script = script_of(r, history)
                got = hb_shape(r, script)
                checked += 1
                if got != r["glyphs"]:
                    ours, theirs = r["glyphs"].strip("[]").split("|"), got.strip("[]").split("|")
                    k = next((k for k, (x, y) in enumerate(zip(ours, theirs)) if x != y),
                             min(len(ours), len(theirs)))
                    bad.append("line %d (%s %s %s, %d/%d glyphs): glyph %d is %s in the dump, %s by hb-shape" %
                               (r["no"], r["dir"], script, r["lang"], len(ours), len(theirs), k,
                                ours[k] if k < len(ours) else "-", theirs[k] if k < len(theirs) else "-"))
            if r is runs[-1] or runs[runs.index(r) + 1]["line"] is not r["line"]:
                history = history + (r["line"]["text"] or [])
        if bad:
            print("FAIL %s: %d of %d runs differ from hb-shape; first: %s" % (name, len(bad), checked, bad[0]))
            failed += 1
        elif checked == 0:
            print("FAIL %s: no run found to check" % name)
            failed += 1
        else:
            print("ok %s: %d runs equal hb-shape's glyphs on the pinned font" % (name, checked))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
