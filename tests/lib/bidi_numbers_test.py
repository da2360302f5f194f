#!/usr/bin/env python3
"""Numbers in right-to-left text, read back from the page (issue 13).
Prints "ok NAME" / "FAIL NAME: why".

The reader is poppler: `pdftotext -bbox-layout` gives each word with its
x position.  Arabic words are left out; the other words of the line,
sorted by x from left to right, must spell the form as it should be
seen: a phone number, date, postcode or IBAN in its own left-to-right
order; a range "a–b" as "b–a" (the start on the right, where a
right-to-left reader begins).

  - a corpus of forms, typed without markup inside Arabic and Persian
    sentences, with Latin digits and with the language's own digits
    (Arabic-Indic for ar, class AN; extended Arabic-Indic for fa, EN);
  - every date range and opening-hours range of the ar and fa office
    PDFs: the earlier date or time stands right of the later one;
  - `druckwerk check` names the place of a group it isolates.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")

# (form as typed, is it a range)
FORMS = [
    ("04471 15-0", False),
    ("+49 (0) 4471 15-0", False),
    ("04471/15-0", False),
    ("0 44 71 - 15 0", False),
    ("+49 4471 150", False),
    ("0800 111 0 111", False),
    ("116 117", False),
    ("49661 Cloppenburg", False),
    ("26169 Friesoythe", False),
    ("01.02.2027", False),
    ("2027-01-11", False),
    ("15/02/2027", False),
    ("DE12 3456 7890 1234 5678 90", False),
    ("Eschstraße 29", False),
    ("A1–B1", False),  # a language level: a Latin term, not a range
    (("8:30", "–", "12:00"), True),
    (("08:30", " – ", "12:30"), True),
    (("2027-01-11", " – ", "2027-08-27"), True),
    (("01.02.2027", "–", "15.03.2027"), True),
    (("15", "–", "20"), True),
    (("14:00", " - ", "16:30"), True),
]
SENTENCE = {
    "ar": ("اتصلوا بالرقم", "من فضلكم في أيام العمل"),
    "fa": ("با شماره", "در روزهای کاری تماس بگیرید"),
}
DIGITS = {"ar": 0x660, "fa": 0x6F0}
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
NATIVE_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def native(s, lang):
    return "".join(chr(DIGITS[lang] + ord(c) - 48) if "0" <= c <= "9" else c for c in s)


def words(pdf):
    """Lines of (xMin, text) from poppler."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    out = []
    for line in ET.fromstring(xml).iter():
        if line.tag.endswith("}line"):
            out.append([(float(w.get("xMin")), w.text or "") for w in line
                        if w.tag.endswith("}word")])
    return out


def squash(s):
    return re.sub(r"\s+", "", s)


def seen(pdf):
    """The non-Arabic words of the page, left to right, without spaces
    (a word of digits may carry an Arabic-script digit: kept)."""
    got = []
    for line in words(pdf):
        for x, t in sorted(line):
            letters = ARABIC.sub("", NATIVE_DIGIT.sub("0", t))
            if len(letters) < len(t) - len(NATIVE_DIGIT.findall(t)) and not NATIVE_DIGIT.search(t):
                continue  # an Arabic word
            if ARABIC.search(NATIVE_DIGIT.sub("", t)):
                continue
            got.append(t)
    return squash("".join(got))


def expected(form, is_range):
    """A range (start, dash, end) is seen as end, dash, start."""
    if not is_range:
        return squash(form)
    a, dash, b = form
    return squash(b + dash + a)


def corpus(tmp):
    bad, n = [], 0
    for lang in ("ar", "fa"):
        pre, post = SENTENCE[lang]
        for form, is_range in FORMS:
            for variant in (form, tuple(native(p, lang) for p in form) if is_range
                            else native(form, lang)):
                if variant != form and re.search("[A-Za-z]", str(form)):
                    continue  # a German postcode and town, an IBAN: Latin digits only
                n += 1
                pdf = os.path.join(tmp, f"c{n}.pdf")
                typed = "".join(variant) if is_range else variant
                r = run(DRUCKWERK, "sample", "--lang", lang, "--text", f"{pre} {typed} {post}",
                        "--out", pdf, "--width", "160", "--cache", os.path.join(tmp, "cache"))
                if r.returncode != 0:
                    bad.append(f"{lang} {variant}: {r.stderr.strip()[:100]}")
                    continue
                want, got = expected(variant, is_range), seen(pdf)
                if got != want:
                    bad.append(f"{lang} '{typed}' seen '{got}' want '{want}'")
    return n, bad


DATE = re.compile(r"([0-9\u0660-\u0669\u06f0-\u06f9]{2,4})[./]([0-9\u0660-\u0669\u06f0-\u06f9]{2})[./]([0-9\u0660-\u0669\u06f0-\u06f9]{2,4})")
TIME = re.compile(r"^([0-9\u0660-\u0669\u06f0-\u06f9]{1,2}):([0-9\u0660-\u0669\u06f0-\u06f9]{2})")


def to_int(s):
    return int("".join(str(int(c)) if c.isdigit() else "" for c in s))


def date_key(m):
    a, b, c = m.groups()
    return (to_int(a), to_int(b), to_int(c)) if len(a) == 4 else (to_int(c), to_int(b), to_int(a))


def documents(tmp):
    """Every line with two dates or two times: the earlier on the right."""
    r = run(DRUCKWERK, "build", "--variant", "office", "--out", tmp, "--cache",
            os.path.join(tmp, "cache"))
    if r.returncode != 0:
        return 0, [r.stderr[-200:]]
    bad, n = [], 0
    for lang in ("ar", "fa"):
        for doc in ("welcome-folder", "education-brochure"):
            for line in words(f"{tmp}/office/{doc}.{lang}.pdf"):
                # poppler may keep a range in one word: split at the dash
                parts = []
                for x, t in sorted(line):
                    for i, p in enumerate(re.split("[–-]", t)):
                        parts.append((x + i * 0.01, p))
                dates = [(x, date_key(m)) for x, t in parts for m in [DATE.search(t)] if m]
                times = [(x, (to_int(m.group(1)), to_int(m.group(2))))
                         for x, t in parts for m in [TIME.match(t)] if m]
                for found, what in ((dates, "dates"), (times, "times")):
                    if len(found) == 2:
                        n += 1
                        (xl, left), (xr, right) = sorted(found)
                        if not left > right:
                            bad.append(f"{doc}.{lang} {what}: left {left}, right {right}")
    return n, bad


def main():
    with tempfile.TemporaryDirectory() as tmp:
        n, bad = corpus(tmp)
        report(not bad, f"bidi-numbers corpus ({n} forms in ar and fa)",
               f"{len(bad)} wrong: " + "; ".join(bad[:8]))
        n, bad = documents(tmp)
        report(n > 20 and not bad, f"bidi-ranges documents ({n} ranges in ar and fa)",
               f"{len(bad)} read end-first: " + "; ".join(bad[:6]))
        # check names where it isolated a group typed without markup
        content = os.path.join(tmp, "content")
        subprocess.run(["cp", "-r", "content", content], check=True)
        path = os.path.join(content, "welcome-folder", "fa.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        m = re.compile(r"\{tel:([0-9]+[ /-][^}]*)\}").search(text, text.index("sections:"))
        text = text[:m.start()] + m.group(1) + text[m.end():]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        line = text[:m.start()].count("\n") + 1
        r = run(DRUCKWERK, "check", "--content", content)
        # the note stands at the text's first line (a folded paragraph may
        # start a few lines above the number)
        def at(x):
            k = re.search(r"fa\.yaml:(\d+):", x)
            return k is not None and line - 12 <= int(k.group(1)) <= line
        notes = [x for x in r.stderr.splitlines() if at(x) and "note:" in x and m.group(1) in x]
        report(notes, f"bidi-numbers check note ({m.group(1)} at fa.yaml:{line})",
               r.stderr[-300:])
    return status()


if __name__ == "__main__":
    sys.exit(main())
