#!/usr/bin/env python3
"""`druckwerk check --spelling` (issue 19).  Oracle: Hunspell itself,
called from Python through ctypes, on words Python's regular expressions
cut out of the same sentences.

A small content set (the shipped language files, one contact, a welcome
folder of one paragraph in each of the six languages) has one misspelt
word planted per language (and one in a word of the German language file).  Each must be reported at its own line and
column, and nothing else: not a misspelt German term inside {de:…}, not a
phone number, not a word of a contact's name, not a word the language
file accepts (spelling-accept).  The sentences are checked with the
oracle first, so a dictionary update that drops one of their words shows
up as that, not as a bug.
"""
import ctypes
import json
import os
import re
import shutil
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DW = os.environ.get("DRUCKWERK", "./druckwerk")
DICT = {"de": "de_DE", "en": "en_GB", "ro": "ro_RO", "uk": "uk_UA", "ar": "ar", "fa": "fa"}
# sentence, the planted misspelling (replaces the word before it), extra markup
TEXT = {
    "de": ("Willkommen im Landkreis. Die Beratung ist kostenlos und hilft Ihnen gern.",
           "kostenlos", "kostnelos", " Das Zwurbelhaus hat {tel:04471 15-0}."),
    "en": ("Welcome to the district. The advice is free and helps you.",
           "advice", "advcie", " Ask the foreigners' office ({de:Ausländerbhörde})."),
    "ro": ("Consilierea este gratuită pentru familie și copii.", "familie", "famlie", ""),
    "uk": ("Ласкаво просимо. Консультація безкоштовна для родини.",
           "безкоштовна", "безкошотвна", " Гаррельщина."),
    "ar": ("مرحبا بكم. الاستشارة مجانية للعائلة.", "مجانية", "مجاينة", ""),
    "fa": ("خوش آمدید. مشاوره رایگان است.", "رایگان", "رایگنا", ""),
}
ACCEPT = {"uk": "Гаррельщина"}

CONTACTS = """contacts:
  - id: zwurbel
    name: Zwurbelhaus Quaxenburg
    category: counselling
    municipality: Cloppenburg
"""


def hunspell():
    h = ctypes.CDLL("libhunspell-1.7.so.0")
    h.Hunspell_create.restype = ctypes.c_void_p
    h.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    h.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    return h


def main():
    h = hunspell()
    tmp = tempfile.mkdtemp(prefix="dw-spell-")
    try:
        root = os.path.join(tmp, "content")
        os.makedirs(os.path.join(root, "welcome-folder"))
        os.makedirs(os.path.join(root, "languages"))
        open(os.path.join(root, "contacts.yaml"), "w").write(CONTACTS)
        open(os.path.join(root, "courses.yaml"), "w").write("courses: []\n")
        want = set()
        for lang, (sentence, good, bad, extra) in TEXT.items():
            d = h.Hunspell_create(b"/usr/share/hunspell/%s.aff" % DICT[lang].encode(),
                                  b"/usr/share/hunspell/%s.dic" % DICT[lang].encode())
            words = re.findall(r"\w+", sentence)
            known = [w for w in words if h.Hunspell_spell(d, w.encode())]
            report(len(known) == len(words) and not h.Hunspell_spell(d, bad.encode()),
                   "spelling/oracle-" + lang, "Hunspell does not know %s, or knows '%s'" %
                   (set(words) - set(known), bad))
            # the language file: the shipped head, its dictionary named, an accepted
            # word, and two words (one misspelt in German) instead of the full list
            ship = yaml.safe_load(open("content/languages/%s.yaml" % lang, encoding="utf-8"))
            lp = os.path.join(root, "languages", lang + ".yaml")
            ltext = "".join("%s: %s\n" % (k, json.dumps(ship[k], ensure_ascii=False))
                            for k in ("code", "name", "name-de", "direction", "script"))
            ltext += "spelling: %s\n" % DICT[lang]
            if lang in ACCEPT:
                ltext += "spelling-accept: [%s]\n" % ACCEPT[lang]
            ltext += "words:\n  contents: %s\n  page: %s\n" % (
                json.dumps(ship["words"]["contents"], ensure_ascii=False),
                "Seitte" if lang == "de" else json.dumps(ship["words"]["page"], ensure_ascii=False))
            open(lp, "w", encoding="utf-8").write(ltext)
            if lang == "de":
                want.add((os.path.join("languages", "de.yaml"), ltext.count("\n"), 9, "Seitte"))
            text = sentence.replace(good, bad, 1) + extra
            head = ("document: welcome-folder\nlang: %s\nedition: 2026-05-01\n%s"
                    "title: T\nsections:\n  - id: s\n    title: T\n    blocks:\n"
                    % (lang, "" if lang == "de" else "source-edition: 2026-05-01\n"))
            line = head.count("\n") + 1
            body = head + "      - p: \"%s\"\n" % text
            path = os.path.join(root, "welcome-folder", lang + ".yaml")
            open(path, "w", encoding="utf-8").write(body)
            col = body.split("\n")[line - 1].index(bad) + 1  # characters, from 1
            want.add((os.path.join("welcome-folder", lang + ".yaml"), line, col, bad))
        r = run(DW, "check", "--spelling", "--content", root)
        got = set()
        for m in re.finditer(r"^(.*?):(\d+):(\d+): warning: unknown word '([^']*)'", r.stderr, re.M):
            got.add((os.path.relpath(m.group(1), root), int(m.group(2)), int(m.group(3)),
                     m.group(4)))
        report(got == want, "spelling/planted",
               "missing %s; extra %s" % (sorted(want - got), sorted(got - want)))
        report(re.search(r", 7 unknown word\(s\)$", r.stdout.strip()) is not None,
               "spelling/summary", r.stdout.strip().split("\n")[-1])
        with_sugg = re.search(r"unknown word 'kostnelos' \(did you mean '([^']*)'\?\)", r.stderr)
        report(with_sugg is not None and with_sugg.group(1) == "kostenlos", "spelling/suggestion",
               r.stderr[-400:])
    finally:
        shutil.rmtree(tmp)
    return status()


if __name__ == "__main__":
    sys.exit(main())
