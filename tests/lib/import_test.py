#!/usr/bin/env python3
"""`druckwerk import-courses` (issue 20): the course database's CSV export
→ courses.yaml.  Oracles: Python's csv module reads the CSV (and says on
which line each record starts), PyYAML reads the YAML druckwerk writes.

  - good file: German headers, ';' as separator, a byte order mark, CR LF,
    a quoted field with a line break, a doubled quote and a ';' inside,
    German dates and day names, "120,00 €": every course arrives with the
    values Python reads from the CSV (converted as content/README.md says),
    and `druckwerk check` loads the result without errors;
  - bad rows: every error names the line the record starts on and the
    field number, and the output file is not touched;
  - a file that is not UTF-8, a broken quote and an unknown column.
"""
import csv
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DW = os.environ.get("DRUCKWERK", "./druckwerk")

GOOD = (
    "\ufeffKurs-Nr;Kursart;Träger;Niveau;Ort;Adresse;Beginn;Ende;Tage;von;bis;Kosten;"
    "Kinderbetreuung;zu klären\r\n"
    "vhs-clp-ik-1;integration;vhs-cloppenburg;A1-B1;Cloppenburg;;1.9.2027;28.02.2028;"
    "Mo, Di, Mi, Do, Fr;8:30;12:45;bamf;ja;\r\n"
    "vhs-fri-bsk-1;job-language;vhs-cloppenburg;B2;Friesoythe;\"Rathaus, Raum 2\r\n"
    "Kirchstraße 1\";2027-10-01;2028-03-31;mo/tu;18.00;21:00;120,00 €;nein;"
    "\"Preis \"\"mit Prüfung\"\"; mit der VHS klären\"\r\n"
    "cafe-loe;language-cafe;vhs-cloppenburg;;Löningen;;01.11.2027;30.06.2028;Do;"
    "15:00;17:00;kostenlos;x;\r\n"
)

DAY = {"mo": "mo", "di": "tu", "mi": "we", "do": "th", "fr": "fr", "sa": "sa", "so": "su",
       "tu": "tu"}


def expected_courses(text):
    """What content/README.md says the CSV's rows become, read by Python's csv."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    head, out = rows[0], []
    for r in rows[1:]:
        f = dict(zip(head, r))
        c = {"id": f["Kurs-Nr"], "type": f["Kursart"], "provider": f["Träger"],
             "place": f["Ort"]}
        if f["Niveau"]:
            c["level"] = f["Niveau"]
        if f["Adresse"]:
            c["address"] = " ".join(f["Adresse"].replace("\r", "\n").split("\n"))
        for key, col in (("start", "Beginn"), ("end", "Ende")):
            m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", f[col])
            c[key] = "%s-%02d-%02d" % (m.group(3), int(m.group(2)), int(m.group(1))) if m \
                else f[col]
        c["days"] = [DAY[d.lower()] for d in re.split(r"[ ,;/]+", f["Tage"]) if d]
        for key, col in (("from", "von"), ("to", "bis")):
            h, m = re.split(r"[:.]", f[col])
            c[key] = "%02d:%s" % (int(h), m)
        cost = f["Kosten"]
        c["cost"] = "free" if cost == "kostenlos" else re.sub(r"\s*€$", "", cost)
        c["childcare"] = f["Kinderbetreuung"] in ("ja", "x")
        if f["zu klären"]:
            c["confirm"] = f["zu klären"]
        out.append(c)
    return out


def normalise(c):
    """PyYAML's values as strings (dates are date objects, numbers numbers)."""
    return {k: (v if isinstance(v, (list, bool)) else str(v)) for k, v in c.items()}


def record_lines(text, delimiter):
    """The line each CSV record starts on, by Python's csv reader."""
    lines, r = [], csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    prev = 0
    for row in r:
        if row:  # an empty line is no record
            lines.append(prev + 1)
        prev = r.line_num
    return lines


def errors_of(stderr):
    return [(int(m.group(1)), int(m.group(2) or 0), m.group(3))
            for m in re.finditer(r"^[^:\n]*\.csv:(\d+)(?::(\d+))?: error: (.*)$", stderr, re.M)]


def main():
    tmp = tempfile.mkdtemp(prefix="dw-import-")
    try:
        content = os.path.join(tmp, "content")
        shutil.copytree("content", content)
        good = os.path.join(tmp, "kurse.csv")
        with open(good, "w", encoding="utf-8", newline="") as f:
            f.write(GOOD)
        out = os.path.join(content, "courses.yaml")
        r = run(DW, "import-courses", good, "--content", content)
        got = []
        if r.returncode == 0:
            with open(out, encoding="utf-8") as f:
                got = [normalise(c) for c in yaml.safe_load(f)["courses"]]
        want = expected_courses(GOOD)
        report(r.returncode == 0 and got == want, "import/good",
               "rc %d %s; got %s; want %s" % (r.returncode, r.stderr, got, want))
        first = open(out, "rb").read()
        run(DW, "import-courses", good, "--content", content)
        report(open(out, "rb").read() == first, "import/reproducible", "second import differs")
        c = run(DW, "check", "--content", content)
        report(re.search(r"check: 0 error\(s\)", c.stdout) is not None, "import/check-loads",
               c.stdout[-300:] + c.stderr[-600:])

        # bad rows: (line of the record by Python's csv, field number, message part)
        bad = ("id,type,provider,level,place,start,end,days,from,to,cost,childcare\n"
               "ok-1,integration,vhs-cloppenburg,A1,Cloppenburg,2027-09-01,2027-12-01,mo,"
               "08:00,12:00,bamf,no\n"
               "\n"
               "bad-2,integraton,vhs-cloppenbur,A7,Cloppenburg,2027-09-31,2027-12-01,mo xx,"
               "08:00,07:00,12 Taler,vielleicht\n"
               "ok-1,orientation,vhs-cloppenburg,,,2027-09-01,2027-08-01,,,,free,\n"
               "\"multi\nline\",volunteer,vhs-cloppenburg,,Löningen,2027-09-01,2027-10-01,,,,"
               "free,\n"
               "short,row\n")
        lines = record_lines(bad, ",")  # header, ok-1, bad-2, ok-1, multi, short
        want = {(lines[2], 2, "unknown course type 'integraton'"),
                (lines[2], 3, "unknown contact 'vhs-cloppenbur'"),
                (lines[2], 4, "invalid level 'A7'"),
                (lines[2], 6, "invalid date '2027-09-31'"),
                (lines[2], 8, "unknown day 'xx'"),
                (lines[2], 10, "must be later than 'from'"),
                (lines[2], 11, "invalid cost '12 Taler'"),
                (lines[2], 12, "must be true or false"),
                (lines[3], 1, "course id 'ok-1' is used twice"),
                (lines[3], 5, "the cell is empty"),
                (lines[3], 7, "ends (2027-08-01) before it starts"),
                (lines[4], 1, "invalid course id 'multi line'"),
                (lines[5], 0, "this row has 2 fields, the header has 12")}
        badf = os.path.join(tmp, "bad.csv")
        with open(badf, "w", encoding="utf-8", newline="") as f:
            f.write(bad)
        before = hashlib.sha256(open(out, "rb").read()).hexdigest()
        r = run(DW, "import-courses", badf, "--content", content)
        got = errors_of(r.stderr)
        missing = [w for w in want if not any(g[0] == w[0] and g[1] == w[1] and w[2] in g[2]
                                              for g in got)]
        report(r.returncode == 1 and not missing and len(got) == len(want)
               and hashlib.sha256(open(out, "rb").read()).hexdigest() == before,
               "import/bad-rows", "rc %d; missing %s; got %s" % (r.returncode, missing, got))

        cases = [
            ("latin1", "id;type\n".encode() + "kurs-ä;x\n".encode("latin-1"),
             (2, 0, "not UTF-8")),
            ("quote", b'id,type,provider,place,start,end,cost\n'
                      b'a,"integration"x,vhs-cloppenburg,C,2027-01-01,2027-02-01,free\n',
             (2, 2, "must end with")),
            ("column", b'id,type,provider,plaec,start,end,cost\n',
             (1, 4, "unknown column 'plaec' (did you mean 'place'?)")),
        ]
        for name, data, (line, col, part) in cases:
            p = os.path.join(tmp, name + ".csv")
            open(p, "wb").write(data)
            r = run(DW, "import-courses", p, "--content", content)
            got = errors_of(r.stderr)
            report(r.returncode == 1 and any(g[0] == line and g[1] == col and part in g[2]
                                             for g in got)
                   and hashlib.sha256(open(out, "rb").read()).hexdigest() == before,
                   "import/" + name, "rc %d; %s" % (r.returncode, r.stderr))
    finally:
        shutil.rmtree(tmp)
    return status()


if __name__ == "__main__":
    sys.exit(main())
