#!/usr/bin/env python3
"""The course list as a timetable (issue 15), read back from the page.
Prints "ok NAME" / "FAIL NAME: why".

Oracles: poppler (`pdftotext -bbox-layout`: every word with its box)
reads the office PDFs; PyYAML reads content/courses.yaml, the edition
and the language files, so which course belongs where, how its dates are
written and what the column heads say come from the content, not from
druckwerk.  For the education brochure in all six languages:

  - every course of courses.yaml not over at the edition date stands
    exactly once, as a row whose end date is right under its start date
    (start first: above; in ar and fa the dash after the start stands
    left of it, in the other languages right of it);
  - under the heading of its town (the nearest line above it that is a
    place of courses.yaml and stands right above a band of column heads)
    and of its course type (the nearest line that is a type's word);
  - the six column heads stand in one band above the rows of every page
    that has rows, left to right (right to left in ar and fa);
  - no two words on those pages overlap;
  - a town continued on a new page has its heading and the column heads
    again there, and its course type (towns continue in the shipped
    content in every language);
  - stress content (a town of 44 courses over several pages) passes the
    same checks in de and ar, and `druckwerk proof` finds 0 defects;
  - `courses: {view: cards}` in the layout still builds the cards: every
    course once, its dates on one line, start first in reading order;
    an unknown view is an error at its line and column.
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402
import course_rows as cr  # noqa: E402

DW = os.environ.get("DRUCKWERK", "./druckwerk")
DOC = "education-brochure"
LANGS = ("de", "en", "ar", "fa", "ro", "uk")
COLS = ("provider", "level", "dates", "schedule", "cost", "childcare")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.SafeLoader)


def shown(content):
    edition = str(load(os.path.join(content, DOC, "de.yaml"))["edition"])
    return [c for c in load(os.path.join(content, "courses.yaml"))["courses"]
            if str(c["end"]) >= edition]


def build(content, out, layouts="layouts"):
    """The brochure's office files in every language."""
    return run(DW, "build", "--content", content, "--layouts", layouts, "--doc", DOC,
               "--variant", "office", "--out", out)


def lines_of(page):
    by = {}
    for w in page:
        by.setdefault(w["line"], []).append(w)
    return by


ARABIC = re.compile("[\u0600-\u06ff]")


def logical(t):
    """poppler's -bbox words of Arabic script come in visual order: turned
    round by characters, each mark staying after its base."""
    t = unicodedata.normalize("NFC", t)
    if not ARABIC.search(t):
        return t
    clusters = []
    for ch in t:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return "".join(reversed(clusters))


def headings(page, places, words):
    """(y, town) of the lines that are a place and stand right above a band
    of column heads: a town's heading (and its repetition atop a page);
    a place inside a cell or an address is no heading."""
    bands = [y for y, xs in head_band(page, words) if len(xs) == len(COLS)]
    out = []
    for ws in lines_of(page).values():
        text = " ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"]))
        y = min(w["y0"] for w in ws)
        if text in places and any(0 < b - y < 30 for b in bands):
            out.append((y, text))
    return sorted(out)


def type_rows(page, type_words):
    """(y, type) of the lines whose words are exactly a course type's word."""
    out = []
    for ws in lines_of(page).values():
        got = sorted(logical(w["text"]) for w in ws)
        for t, word in type_words.items():
            if got == sorted(unicodedata.normalize("NFC", word).split()):
                out.append((min(w["y0"] for w in ws), t))
    return sorted(out)


def head_band(page, words):
    """The column heads: per band of heads (y) the x centre of each
    column's first word (a hyphenated head: its first part)."""
    firsts = {k: words[k].split()[0] for k in COLS}

    def is_head(text, k):
        t = logical(text).rstrip("\u00ad-")
        return t == firsts[k] or (len(t) >= 3 and firsts[k].startswith(t))
    bands = []
    for w in page:
        if is_head(w["text"], "provider"):
            band = [v for v in page if w["y0"] - 2 < v["y0"] < w["y0"] + 2.5 * (w["y1"] - w["y0"])]
            xs = {}
            for k in COLS:
                hit = [v for v in band if is_head(v["text"], k)]
                if hit:
                    xs[k] = (hit[0]["x0"] + hit[0]["x1"]) / 2
            bands.append((w["y0"], xs))
    return sorted(bands)


def overlaps(page):
    bad = []
    for i, a in enumerate(page):
        for b in page[i + 1:]:
            ox = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            oy = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            if ox > 0.5 and oy > 0.5 * min(a["y1"] - a["y0"], b["y1"] - b["y0"]):
                bad.append(f"'{a['text']}' over '{b['text']}'")
    return bad


def check_timetable(pdf, lang_code, lang, courses, tag):
    """All read-back checks of one timetable PDF; returns {name: problems}."""
    rtl = lang.get("direction") == "rtl"
    words = lang["words"]
    pages = cr.words_by_page(pdf)
    places = {c["place"] for c in courses}
    type_words = {t: words["course-" + t] for t in {c["type"] for c in courses}}
    probs = {k: [] for k in ("once", "group", "start-first", "heads", "overlap", "repeat")}
    rows_on = {}  # page -> [(y, course)]
    groups = {}
    for c in courses:
        groups.setdefault((str(c["start"]), str(c["end"])), []).append(c)
    for (start, end), cs in groups.items():
        c = cs[0]
        start, end = cr.fmt_date(lang, c["start"]), cr.fmt_date(lang, c["end"])
        found = [(i, s, e, how) for i, p in enumerate(pages) for s, e, how in cr.find(p, start, end, rtl)]
        if len(found) != len(cs) or any(f[3] != "stacked" for f in found):
            probs["once"].append(f"{[x['id'] for x in cs]}: {[(i + 1, h) for i, _, _, h in found]}")
            continue
        where = []
        for i, s, e, _ in found:
            town = [t for y, t in headings(pages[i], places, words) if y < s["y0"]]
            kind = [t for y, t in type_rows(pages[i], type_words) if y < s["y0"]]
            where.append((town[-1] if town else None, kind[-1] if kind else None))
            rows_on.setdefault(i, []).append((s["y0"], next(
                (x for x in cs if (x["place"], x["type"]) == where[-1]), c)))
            dash = cr.dash_side(pages[i], s)
            mid = (s["x0"] + s["x1"]) / 2
            if dash is None or (dash < mid) != rtl:
                probs["start-first"].append(
                    f"{c['id']} p{i + 1}: dash at {dash}, start {s['x0']:.1f}-{s['x1']:.1f}")
        want = sorted((x["place"], x["type"]) for x in cs)
        if sorted(where, key=str) != sorted(want, key=str):
            probs["group"].append(f"{[x['id'] for x in cs]}: found under {where}, want {want}")
    continued = 0
    seen_town = {}
    for i, rows in sorted(rows_on.items()):
        first = min(y for y, _ in rows)
        bands = [b for b in head_band(pages[i], words) if b[0] < first]
        if not bands:
            probs["heads"].append(f"p{i + 1}: no column heads above the first row")
        else:
            y, xs = bands[-1]
            order = [xs.get(k) for k in COLS]
            if None in order:
                probs["heads"].append(f"p{i + 1}: heads missing {[k for k in COLS if k not in xs]}")
            elif order != sorted(order, reverse=rtl):
                probs["heads"].append(f"p{i + 1}: heads in order {order}")
        probs["overlap"] += [f"p{i + 1}: {x}" for x in overlaps(pages[i])]
        hs = headings(pages[i], places, words)
        first_town = min(rows, key=lambda r: r[0])[1]["place"]
        if first_town in seen_town:  # the town went on from an earlier page
            continued += 1
            if not hs or hs[0][1] != first_town or not bands:
                probs["repeat"].append(f"p{i + 1}: {first_town} continues without heading and heads")
        for _, c in rows:
            seen_town[c["place"]] = i
    return probs, len(courses), continued


def stress_courses(base):
    """44 courses in one town (several pages) and a few in others."""
    rnd = random.Random(15)
    types = ["integration", "integration-women", "job-language", "orientation", "language-cafe"]
    provs = ["vhs-cloppenburg", "keb", "caritas-mbe", "diakonie-mbe", "jmd"]
    out = []
    for i in range(52):
        place = "Cloppenburg" if i < 44 else rnd.choice(["Emstek", "Garrel", "Bösel"])
        y = 2027 + (i % 2)
        m, d = 1 + i % 12, 1 + (i * 7) % 27
        out.append({"id": f"stress-{i}", "type": rnd.choice(types), "provider": rnd.choice(provs),
                    "level": rnd.choice(["A1", "A1-B1", "B1-B2"]), "place": place,
                    "start": f"{y}-{m:02d}-{d:02d}", "end": f"{y + 1}-{m:02d}-{d:02d}",
                    "days": rnd.choice([["mo", "tu", "we", "th", "fr"], ["tu", "th"], ["sa"]]),
                    "from": "08:30", "to": "12:45", "cost": rnd.choice(["free", "bamf", 25]),
                    "childcare": rnd.random() < 0.3})
    out[3]["address"] = "Eschstraße 29, 49661 Cloppenburg"  # a course away from its provider
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="dw-timetable-")
    try:
        langs = {l: load(f"content/languages/{l}.yaml") for l in LANGS}
        courses = shown("content")
        out = os.path.join(tmp, "out")
        r = build("content", out)
        report(r.returncode == 0, "timetable/build", r.stderr[-300:])
        total_cont = 0
        for l in LANGS:
            pdf = os.path.join(out, "office", f"{DOC}.{l}.pdf")
            probs, n, cont = check_timetable(pdf, l, langs[l], courses, l)
            total_cont += cont
            for k, v in probs.items():
                report(not v, f"timetable/{k}-{l} ({n} courses)", "; ".join(v[:5]))
        report(total_cont >= 6, f"timetable/continued-towns ({total_cont} continued pages over 6 languages)",
               "no town went on to a new page: the repeat is not tested")

        # stress: one town over several pages
        sc = os.path.join(tmp, "stress")
        shutil.copytree("content", sc)
        data = {"sample": True, "courses": stress_courses(None)}
        with open(os.path.join(sc, "courses.yaml"), "w", encoding="utf-8") as f:
            f.write("# generated by tests/lib/timetable_test.py\n")
            yaml.safe_dump(data, f, allow_unicode=True, sort_keys=False)
        so = os.path.join(tmp, "stress-out")
        r = build(sc, so)
        report(r.returncode == 0, "timetable/stress-build", r.stderr[-300:])
        sshown = shown(sc)
        for l in ("de", "ar"):
            probs, n, cont = check_timetable(os.path.join(so, "office", f"{DOC}.{l}.pdf"), l,
                                             langs[l], sshown, l)
            bad = [f"{k}: {v[:3]}" for k, v in probs.items() if v]
            report(not bad and cont >= 2, f"timetable/stress-{l} ({n} courses, {cont} continued pages)",
                   "; ".join(bad)[:600] or "the town did not continue")
            # the course's own address in its row: on the page of its dates, under the provider
            pages = cr.words_by_page(os.path.join(so, "office", f"{DOC}.{l}.pdf"))
            c = data["courses"][3]
            rtl = langs[l].get("direction") == "rtl"
            rows = [(i, s) for i, p in enumerate(pages)
                    for s, _, _ in cr.find(p, cr.fmt_date(langs[l], c["start"]),
                                          cr.fmt_date(langs[l], c["end"]), rtl)]
            near = [w for i, s in rows[:1] for w in pages[i]
                    if w["text"].startswith("Eschstraße") and 0 < w["y0"] - s["y0"] < 50]
            report(len(rows) == 1 and near, f"timetable/stress-address-{l}",
                   f"rows {[(i + 1, round(s['y0'])) for i, s in rows]}, address {near}")
        # every class at zero
        p = run(DW, "proof", "--content", sc, "--doc", DOC)
        classes = dict(re.findall(r"^class (\S+) (\d+)$", p.stdout, re.M))
        bad = {k: v for k, v in classes.items() if v != "0"}
        report(classes and not bad and "split-card-or-row" in classes,
               "timetable/stress-proof-zero-defects", f"{bad} " + (p.stdout + p.stderr)[-400:])

        # the cards stay a layout option
        lay = os.path.join(tmp, "layouts")
        shutil.copytree("layouts", lay)
        path = os.path.join(lay, f"{DOC}.yaml")
        text = open(path, encoding="utf-8").read()
        open(path, "w", encoding="utf-8").write(re.sub(r"(?m)^courses:.*\n", "", text)
                                                 + "courses: {view: cards}\n")
        co = os.path.join(tmp, "cards")
        r = build("content", co, lay)
        for l in ("de", "ar"):
            rtl = langs[l].get("direction") == "rtl"
            pages = cr.words_by_page(os.path.join(co, "office", f"{DOC}.{l}.pdf")) \
                if r.returncode == 0 else []
            bad = []
            for c in courses:
                s, e = cr.fmt_date(langs[l], c["start"]), cr.fmt_date(langs[l], c["end"])
                hows = [h for p in pages for _, _, h in cr.find(p, s, e, rtl)]
                same = sum((x["start"], x["end"]) == (c["start"], c["end"]) for x in courses)
                if hows != ["line"] * same:
                    bad.append(f"{c['id']}: {hows}")
            report(r.returncode == 0 and not bad, f"timetable/cards-view-{l}",
                   "; ".join(bad[:5]) or r.stderr[-200:])
        text = open(path, encoding="utf-8").read().replace("courses: {view: cards}",
                                                            "courses: {view: tables}")
        open(path, "w", encoding="utf-8").write(text)
        line = text[:text.index("courses: {view: tables}")].count("\n") + 1
        r = run(DW, "check", "--layouts", lay)
        report(r.returncode == 1 and re.search(rf"{DOC}\.yaml:{line}:\d+: error: .*tables", r.stderr),
               "timetable/unknown-view-error", r.stderr[-300:])
    finally:
        shutil.rmtree(tmp)
    return status()


if __name__ == "__main__":
    sys.exit(main())
