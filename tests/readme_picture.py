#!/usr/bin/python3
"""The README's picture (make readme-picture): a cover, a section divider
with its pictogram and a page of the course list, German and Arabic side
by side, from the office PDFs in OUT (default out/).

Pages are found by their content, not by number, so the picture follows
the documents as they change: the cover is page 1 of the welcome folder;
the divider is the page (pdftotext) that shows the words "in this
section" of the language and the title of the welcome folder's section
DIVIDER (its title read from the content with PyYAML); the course page is
of the first four pages from the one with the course list's title as a
line of its own (its heading; contents pages left out), the one naming
the most course providers (their names from content/courses.yaml and
content/contacts.yaml): a page of the list itself, cards or timetable.
pdftoppm renders each page; Pillow (Debian's python3-pil) sets them in a
row (each German page, its Arabic one beside it) and writes a PNG with a
palette of 96 colours, small enough for the repository.

usage: tests/readme_picture.py [OUT] [PNG]
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml
from PIL import Image

OUT = sys.argv[1] if len(sys.argv) > 1 else "out"
PNG = sys.argv[2] if len(sys.argv) > 2 else "out/readme-picture.png"
DIVIDER = "health"       # the welcome folder's section whose divider is shown
COURSES = "course-list"  # the brochure's section of the course list
DPI = 45
BIDI = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]"


def pages(pdf):
    t = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                       check=True).stdout
    return [re.sub(BIDI, "", p) for p in t.split("\f")]


def flat(s):
    return " ".join(s.split())


def words(lang):
    return yaml.safe_load(open(f"content/languages/{lang}.yaml", encoding="utf-8"))["words"]


def section_title(doc, lang, sid):
    d = yaml.safe_load(open(f"content/{doc}/{lang}.yaml", encoding="utf-8"))
    for s in d["sections"]:
        if s.get("id") == sid:
            return s["title"]
    sys.exit(f"readme-picture: no section '{sid}' in content/{doc}/{lang}.yaml")


def providers():
    """The names of the course providers (content/courses.yaml →
    content/contacts.yaml), as cards and tables print them."""
    courses = yaml.safe_load(open("content/courses.yaml", encoding="utf-8"))["courses"]
    contacts = yaml.safe_load(open("content/contacts.yaml", encoding="utf-8"))
    contacts = contacts["contacts"] if isinstance(contacts, dict) else contacts
    ids = {c.get("provider") for c in courses}
    return {flat(k["name"]) for k in contacts if isinstance(k, dict) and k.get("id") in ids}


def find(doc, lang):
    """1-based page numbers: cover, divider, course page."""
    w = words(lang)
    folder = pages(f"{OUT}/office/welcome-folder.{lang}.pdf")
    title = flat(section_title("welcome-folder", lang, DIVIDER))
    div = next((i + 1 for i, t in enumerate(folder)
                if flat(w["in-this-section"]) in flat(t) and title in flat(t)), None)
    brochure = pages(f"{OUT}/office/education-brochure.{lang}.pdf")
    ctitle = flat(section_title("education-brochure", lang, COURSES))
    first = next((i for i, t in enumerate(brochure)
                  if any(flat(ln) == ctitle for ln in t.splitlines()) and
                  flat(w["contents"]) not in flat(t)), None)
    if div is None or first is None:
        sys.exit(f"readme-picture: no divider '{title}' or course list '{ctitle}' in {lang}")
    names = providers()
    dense = max(range(first, min(first + 4, len(brochure))),
                key=lambda i: (sum(flat(brochure[i]).count(n) for n in names), i > first, -i))
    return [("welcome-folder", 1), ("welcome-folder", div), ("education-brochure", dense + 1)]


def render(doc, lang, page, tmp):
    base = os.path.join(tmp, f"{doc}-{lang}-{page}")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(page), "-l",
                    str(page), f"{OUT}/office/{doc}.{lang}.pdf", base], check=True)
    im = Image.open(base + ".png").convert("RGB")
    frame = Image.new("RGB", (im.width + 2, im.height + 2), (170, 170, 170))
    frame.paste(im, (1, 1))
    return frame


def main():
    tmp = tempfile.mkdtemp()
    picked = {lang: find("", lang) for lang in ("de", "ar")}
    tiles = []
    for k in range(3):
        for lang in ("de", "ar"):
            doc, page = picked[lang][k]
            tiles.append(render(doc, lang, page, tmp))
    gap, pair_gap = 6, 22
    h = max(t.height for t in tiles)
    w = sum(t.width for t in tiles) + 3 * gap + 2 * pair_gap + 2 * gap
    out = Image.new("RGB", (w, h + 2 * gap), (255, 255, 255))
    x = gap
    for i, t in enumerate(tiles):
        out.paste(t, (x, gap + (h - t.height) // 2))
        x += t.width + (gap if i % 2 == 0 else pair_gap)
    os.makedirs(os.path.dirname(PNG) or ".", exist_ok=True)
    out.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(PNG, optimize=True)
    print(f"readme-picture: {PNG} ({os.path.getsize(PNG) // 1024} KB): " +
          "; ".join(f"{lang} pages {[p for _, p in picked[lang]]}" for lang in picked))


if __name__ == "__main__":
    main()
