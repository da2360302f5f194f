#!/usr/bin/env python3
"""The locale formatter against Unicode CLDR through Python Babel (Debian's
python3-babel), an implementation we did not write (issue 13).  Prints
"ok NAME" / "FAIL NAME: why".

build/tests/test_format --dump prints what druckwerk's formatter
(src/layout/format.c) makes of integers, amounts in hundredths, a list
and a date for each language; Babel formats the same values:
  - de, en, ro, uk: exactly (format_decimal, with '#,##0' and '#,##0.00');
  - ar, fa: Babel 2.10 keeps only CLDR's Latin-digit symbols for these
    locales, so our output is compared after mapping the Arabic-Indic
    digits and U+066B/U+066C back to Latin digits and Babel's symbols:
    this checks where groups and decimals go, not the symbols (the unit
    test holds those: CLDR's arab/arabext symbols ٫ ٬);
  - the list separator is CLDR's "unit" list pattern between two items
    (without its U+200F and the Arabic "و" ("and") of the last pair).
"""
import os
import sys

from babel import Locale, numbers

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
LATIN = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
LATIN.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})


def main():
    r = run(f"{BUILD}/tests/test_format", "--dump")
    report(r.returncode == 0 and r.stdout, "format-dump", r.stderr[-200:])
    bad, n = [], 0
    for line in r.stdout.splitlines():
        lang, what, arg, got = line.split("\t")
        want = None
        if what == "int":
            want = numbers.format_decimal(int(arg), format="#,##0", locale=lang)
        elif what == "decimal":
            v = int(arg)
            fmt = "#,##0" if v % 100 == 0 else "#,##0.00"
            want = numbers.format_decimal(v / 100, format=fmt, locale=lang)
        elif what == "list":
            mid = Locale.parse(lang).list_patterns["unit"]["middle"]
            sep = mid.replace("{0}", "").replace("{1}", "").replace("\u200f", "")
            sep = sep.replace(" و", " ").replace("و", "")
            want = sep.join(["A", "B", "C"])
        if want is None:
            continue
        n += 1
        if lang in ("ar", "fa") and what != "list":
            sym = Locale.parse(lang).number_symbols
            got = got.translate(LATIN).replace("٫", sym["decimal"]).replace("٬", sym["group"])
        if got != want:
            bad.append(f"{lang} {what} {arg}: ours {got!r}, CLDR {want!r}")
    report(n > 60 and not bad, f"format-cldr ({n} values in six languages)", "; ".join(bad[:6]))

    # no straight quotation mark or apostrophe is left on any page (poppler)
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        r = run(os.environ.get("DRUCKWERK", "./druckwerk"), "build", "--variant", "office",
                "--out", tmp, "--cache", os.path.join(tmp, "cache"))
        left, smart = [], 0
        for name in sorted(os.listdir(f"{tmp}/office")):
            text = run("pdftotext", f"{tmp}/office/{name}", "-").stdout
            smart += sum(text.count(q) for q in "“”„‘’«»ʼ")
            for ln in text.splitlines():
                if '"' in ln or "'" in ln:
                    left.append(f"{name}: {ln.strip()[:60]}")
        report(r.returncode == 0 and not left and smart > 50,
               f"format-smart-quotes (no straight quote in 18 office PDFs, {smart} typographic)",
               "; ".join(left[:5]))
    return status()


if __name__ == "__main__":
    sys.exit(main())
