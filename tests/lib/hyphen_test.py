#!/usr/bin/env python3
"""Hyphenation read back from the PDFs and checked against callers we did
not write (issue 13).  Prints "ok NAME" / "FAIL NAME: why".

Every line-end hyphen of every office PDF of every hyphenated language
(de, en, ro, uk), read back with poppler (hyphen_oracle.py), must stand
at a point the same Debian pattern file allows: python3-pyphen for en,
ro, uk; libhyphen through ctypes, with the word in ISO8859-1, for de.
A word inside {de:…} in the source may also break where the German
patterns allow; a word the language file lists in
`hyphenation-exceptions` only where the exception says.  Also:
  - no word of a municipality or course place is broken, anywhere; no
    word of a contact's name is broken where the whole name stands (read
    from pdftotext's text: the name with a soft hyphen inside); its words
    elsewhere are ordinary words ("Arbeit", "Volkshochschule");
  - at most two lines in a row end with a hyphen;
  - the same for held-out text (tests/fixtures/heldout: literature and
    words from Debian's Hunspell dictionaries) set with `druckwerk
    sample` at narrow measures;
  - words in {ltr:}, {tel:}, {web:}, {mail:} are never broken; the
    exception Ur-in-stinkt wins over the patterns (Urin-stinkt).
"""
import ctypes
import glob
import os
import re
import sys
import tempfile

import pyphen
import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402
from hyphen_oracle import SHY, Oracle, _lines, is_letter, split_hyphens  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
LANGS = ("de", "en", "ro", "uk")
HELD = "tests/fixtures/heldout/"
MAX_RUN = 2
oracle = Oracle()


def words_of(text):
    return re.findall(r"[^\W\d_][\w'’ʼ]*", text)


def load_rules():
    """Exceptions per language (word → allowed offsets), the words of
    places (never broken) and the contacts' names (whole, not broken)."""
    exc = {}
    for lang in LANGS:
        with open(f"content/languages/{lang}.yaml", encoding="utf-8") as f:
            y = yaml.safe_load(f)
        m = {}
        for marked in y.get("hyphenation-exceptions") or []:
            parts = marked.split("-")
            offs, n = set(), 0
            for p in parts[:-1]:
                n += len(p)
                offs.add(n)
            m["".join(parts).lower()] = offs
        exc[lang] = m
    names, phrases = set(), set()
    with open("content/contacts.yaml", encoding="utf-8") as f:
        for c in yaml.safe_load(f)["contacts"]:
            names.update(w for w in words_of(c.get("municipality") or "") if len(w) >= 5)
            if c.get("name"):
                phrases.add(c["name"])
    with open("content/courses.yaml", encoding="utf-8") as f:
        for c in yaml.safe_load(f)["courses"]:
            names.update(w for w in words_of(c.get("place") or "") if len(w) >= 5)
    return exc, names, phrases


def broken_phrases(pdf, phrases):
    """Contact names that poppler's text shows broken by an added hyphen
    (U+00AD at a line end) where the whole name stands."""
    text = run("pdftotext", pdf, "-").stdout
    text = re.sub(r"\s+", " ", text.replace(SHY + "\n", SHY))
    bad = []
    for name in phrases:
        # the name, with an optional soft hyphen between any two letters
        pat = "".join(r"\s+" if ch == " " else re.escape(ch) + (f"{SHY}?" if ch.isalpha() else "")
                      for ch in name)
        for m in re.finditer(rf"(?<!\w){pat}(?!\w)", text):
            if SHY in m.group(0):
                bad.append(m.group(0).replace(SHY, "-"))
    return bad


def de_terms(lang):
    """Words inside {de:…} in the language's content files."""
    out = set()
    for path in glob.glob(f"content/*/{lang}.yaml") + ["content/contacts.yaml"]:
        with open(path, encoding="utf-8") as f:
            for m in re.finditer(r"\{de:([^}]*)\}", f.read()):
                out.update(w.lower() for w in words_of(m.group(1)))
    return out


def check_breaks(lang, pairs, exc, names, german=()):
    """Disallowed breaks among (left, right) pairs, as 'left-right'."""
    bad = []
    for left, right in pairs:
        if not left or not right:
            bad.append(f"{left}|{right}?")
            continue
        w = left + right
        k = len(left)
        # places are capitalised words ("Lindern"); the same letters in
        # lower case would be another word
        if w in names:
            bad.append(f"{left}-{right} (a name)")
            continue
        if w.lower() in exc[lang]:
            ok = k in exc[lang][w.lower()]
        else:
            ok = k in oracle.positions(lang, w)
            if not ok and lang != "de" and w.lower() in german:
                ok = k in oracle.positions("de", w)
        if not ok:
            bad.append(f"{left}-{right}")
    return bad


def max_run(lines):
    """Most lines in a row (of one block) ending with a hyphen."""
    best = cur = 0
    prev_block = None
    for words, block, _, _ in lines:
        last = words[-1][0]
        hyph = last.endswith(SHY) or (last.endswith("-") and len(last) > 1 and is_letter(last[-2]))
        cur = cur + 1 if hyph and block == prev_block else (1 if hyph else 0)
        prev_block = block
        best = max(best, cur)
    return best


def sample(tmp, lang, text, width, name):
    out = os.path.join(tmp, f"{name}.pdf")
    r = run(DRUCKWERK, "sample", "--lang", lang, "--text", text, "--out", out,
            "--width", str(width), "--cache", os.path.join(tmp, "cache"))
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip()[:300])
    return out


def hunspell_words(lang, n):
    """n words of 8-20 letters with a non-ASCII letter, spread over the
    dictionary (from every 37th entry, to keep it quick)."""
    code = {"de": "de_DE", "ro": "ro_RO", "uk": "uk_UA"}[lang]
    with open(f"/usr/share/hunspell/{code}.dic", encoding="utf-8", errors="replace") as f:
        ws = [w.split("/")[0].strip() for w in f.read().split("\n")[1::37]]
    ws = [w for w in ws if 8 <= len(w) <= 20 and w.isalpha() and any(ord(c) > 127 for c in w)]
    step = max(1, len(ws) // n)
    return ws[::step][:n]


def main():
    exc, names, phrases = load_rules()
    total = {"docs": [0, 0], "held": [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        r = run(DRUCKWERK, "build", "--variant", "office", "--out", tmp,
                "--cache", os.path.join(tmp, "cache"))
        report(r.returncode == 0, "hyphen-build", r.stderr[-300:])
        runs = {}
        for lang in LANGS:
            german = de_terms(lang)
            for pdf in sorted(glob.glob(f"{tmp}/office/*.{lang}.pdf")):
                name = os.path.basename(pdf)[:-4]
                lines = _lines(pdf)
                pairs = split_hyphens(lines)
                bad = check_breaks(lang, pairs, exc, names, german)
                bad += [f"{b} (a name)" for b in broken_phrases(pdf, phrases)]
                total["docs"][0] += len(pairs)
                total["docs"][1] += len(bad)
                report(not bad and pairs, f"hyphen-oracle {name} ({len(pairs)} hyphens)",
                       f"{len(bad)} disallowed: " + " ".join(bad[:15]))
                runs[name] = max_run(lines)
        worst = max(runs.values()) if runs else 0
        report(worst <= MAX_RUN, f"hyphen-runs documents (longest run {worst})",
               " ".join(f"{k}:{v}" for k, v in runs.items() if v > MAX_RUN))

        # held-out text at narrow measures
        towns = ("Cloppenburg Lindern Molbergen Friesoythe Löningen Saterland "
                 "Garrel Lastrup Emstek Barßel Bösel Cappeln ") * 4
        iso = ("Schreiben Sie an {mail:integrationskursberatung@landkreis-cloppenburg.de} oder "
               "lesen Sie {web:www.integrationskursträgerverzeichnis.de}, fragen Sie nach "
               "{ltr:Integrationskursträgerzulassung} unter {tel:04471 15-0}. ") * 3
        urin = "Der Urinstinkt der Urinstinkte. " * 12
        held = {}
        for lang in LANGS:
            with open(HELD + f"{lang}.txt", encoding="utf-8") as f:
                lit = f.read().strip()
            # a sample is one page: 40 words a paragraph
            if lang == "en":
                dic = hunspell_words("de", 80)
                german = {w.lower() for w in dic}
                chunks = [" ".join(f"the {{de:{w}}} and" for w in dic[i:i + 20])
                          for i in range(0, len(dic), 20)]
            else:
                dic = hunspell_words(lang, 160)
                german = set()
                chunks = [" ".join(dic[i:i + 40]) for i in range(0, len(dic), 40)]
            texts = [(lit, 35), (lit, 52)]
            texts += [(c, 40 + 25 * (i % 2)) for i, c in enumerate(chunks)]
            held[lang] = (texts, german)
            # one paragraph with every word first: the patterns load once
            # (German takes seconds), then the samples find their cache
            every = " ".join(t for t, _ in texts) + (towns + iso + urin if lang == "de" else "")
            sample(tmp, lang, every, 2000, f"warm-{lang}")
        held_runs = 0
        for lang in LANGS:
            texts, german = held[lang]
            n_pairs, bad = 0, []
            for i, (text, width) in enumerate(texts):
                pdf = sample(tmp, lang, text, width, f"held-{lang}-{i}")
                lines = _lines(pdf)
                pairs = split_hyphens(lines)
                n_pairs += len(pairs)
                bad += check_breaks(lang, pairs, exc, names, german)
                held_runs = max(held_runs, max_run(lines))
            total["held"][0] += n_pairs
            total["held"][1] += len(bad)
            report(not bad and n_pairs > 20, f"hyphen-oracle held-out {lang} ({n_pairs} hyphens)",
                   f"{len(bad)} disallowed: " + " ".join(bad[:15]))
        report(held_runs <= MAX_RUN, f"hyphen-runs held-out (longest run {held_runs})")

        # the pattern files make prepares (build/hyphen/, substrings.pl):
        # libhyphen on them must find exactly the points Liang's algorithm
        # (pyphen) finds on Debian's files; on Debian's own Ukrainian file
        # it found about 40 % of them
        for lang, code in (("en", "en_US"), ("ro", "ro_RO"), ("uk", "uk_UA")):
            prepared = f"build/hyphen/hyph_{code}.dic"
            if not os.path.exists(prepared):
                report(False, f"hyphen-prepared {lang}", f"{prepared} missing (make builds it)")
                continue
            lib = ctypes.CDLL("libhyphen.so.0")
            lib.hnj_hyphen_load.restype = ctypes.c_void_p
            lib.hnj_hyphen_load.argtypes = [ctypes.c_char_p]
            lib.hnj_hyphen_hyphenate2.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int,
                                                  ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p,
                                                  ctypes.c_void_p, ctypes.c_void_p]
            d = lib.hnj_hyphen_load(prepared.encode())
            liang = pyphen.Pyphen(filename=f"/usr/share/hyphen/hyph_{code}.dic", left=1, right=1)
            differ = []
            with open(f"/usr/share/hunspell/{code}.dic", encoding="utf-8", errors="replace") as f:
                words = [x.split("/")[0].strip().lower() for x in f.read().split("\n")[1::23]]
            for w in [x for x in words if 5 <= len(x) <= 20 and x.isalpha()][:600]:
                b = w.encode("utf-8")
                hy = ctypes.create_string_buffer(len(b) + 5)
                rep, pos, cut = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
                lib.hnj_hyphen_hyphenate2(d, b, len(b), hy, None, ctypes.byref(rep),
                                          ctypes.byref(pos), ctypes.byref(cut))
                # UTF-8 files: one answer per character
                # compared where druckwerk may break: 2 letters before, 3 after
                inner = set(range(2, len(w) - 2))
                got = {i + 1 for i in range(len(w) - 1) if hy.raw[i] & 1} & inner
                if got != set(liang.positions(w)) & inner:
                    differ.append(w)
            report(not differ, f"hyphen-prepared {lang} (libhyphen = Liang on 600 words)",
                   f"{len(differ)} differ: {differ[:6]}")

        # names, isolates and exceptions, at a measure that forces breaks
        pdf = sample(tmp, "de", towns, 22, "names")
        pairs = split_hyphens(_lines(pdf))
        report(not pairs, "hyphen-names (municipality names at 22 mm)",
               " ".join(f"{a}-{b}" for a, b in pairs))
        # the contacts' names whole are never broken; their words alone
        # are ordinary words and may be
        offices = "Agentur für Arbeit Vechta, Volkshochschule für den Landkreis Cloppenburg, "
        offices = (offices + "IQ Netzwerk Niedersachsen. ") * 4
        pdf = sample(tmp, "de", offices, 30, "offices")
        broken = broken_phrases(pdf, phrases)
        report(not broken, "hyphen-office-names (whole names at 30 mm)", " ".join(broken))
        loose = "Die Volkshochschule in Niedersachsen bietet Arbeit. " * 6
        pdf = sample(tmp, "de", loose, 30, "office-words")
        pairs = split_hyphens(_lines(pdf))
        report(any((a + b) in ("Volkshochschule", "Niedersachsen") for a, b in pairs),
               "hyphen-office-words (words of a name, alone, hyphenate)",
               " ".join(f"{a}-{b}" for a, b in pairs) or "no hyphens")
        pdf = sample(tmp, "de", iso, 30, "isolates")
        broken = [f"{a}-{b}" for a, b in split_hyphens(_lines(pdf))
                  if "integrationskurs" in (a + b).lower()]
        report(not broken, "hyphen-isolates ({ltr:}, {web:}, {mail:} never hyphenated)",
               " ".join(broken))
        pdf = sample(tmp, "de", urin, 18, "exception")
        pairs = [(a, b) for a, b in split_hyphens(_lines(pdf))
                 if (a + b).lower().startswith("urinstinkt")]
        wrong = [f"{a}-{b}" for a, b in pairs
                 if len(a) not in exc["de"].get((a + b).lower(), set())]
        report(pairs and not wrong, f"hyphen-exception Ur-in-stinkt ({len(pairs)} breaks)",
               " ".join(wrong) or "no break in the word at all")
    print(f"note hyphen-count documents: {total['docs'][1]} of {total['docs'][0]} disallowed; "
          f"held-out: {total['held'][1]} of {total['held'][0]}")
    return status()


if __name__ == "__main__":
    sys.exit(main())
