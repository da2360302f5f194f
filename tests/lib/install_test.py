#!/usr/bin/env python3
"""`make install` and the command documentation.  Prints "ok NAME" /
"FAIL NAME: why".

  - `make install DESTDIR=tmp PREFIX=…` (the PREFIX the binary was built
    for, so nothing is rebuilt) puts the binary, the man page and the data
    in place; the installed binary, run from an empty folder, finds its
    data beside its bin/ and writes a PDF byte-identical to the one the
    build tree's binary writes;
  - every command and option of `druckwerk --help` is in the man page as
    groff renders it (`man -l`) and in the README's command list, so the
    three cannot drift apart unnoticed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
BUILD = os.environ.get("BUILD", "build")


def main():
    tmp = tempfile.mkdtemp()
    try:
        datadir = open(os.path.join(BUILD, "datadir")).read().strip()
        prefix = datadir[: -len("/share/druckwerk")] if datadir.endswith("/share/druckwerk") else None
        if prefix is None:
            report(False, "install", f"DATADIR {datadir} is not PREFIX/share/druckwerk")
            return status()
        dest = os.path.join(tmp, "dest")
        r = run("make", "-s", "install", f"DESTDIR={dest}", f"PREFIX={prefix}",
                f"BUILD={BUILD}", f"BIN={DRUCKWERK.removeprefix('./')}")
        binary = os.path.join(dest + prefix, "bin", "druckwerk")
        man = os.path.join(dest + prefix, "share", "man", "man1", "druckwerk.1")
        data = dest + datadir
        report(r.returncode == 0 and os.access(binary, os.X_OK) and os.path.isfile(man) and
               os.path.isfile(os.path.join(data, "fonts", "fonts.yaml")) and
               os.path.isfile(os.path.join(data, "build", "FOGRA39L.icc")) and
               os.path.isdir(os.path.join(data, "content", "languages")),
               "install-files", r.stdout[-300:] + r.stderr[-300:])
        elsewhere = os.path.join(tmp, "elsewhere")
        os.mkdir(elsewhere)
        want = os.path.join(tmp, "want")
        args = ["build", "--doc", "integration-guidelines", "--lang", "ar", "--variant", "print",
                "--cache", "none"]
        r1 = run(DRUCKWERK, *args, "--out", want)
        r2 = subprocess.run([binary, *args, "--out", "out"], cwd=elsewhere,
                            capture_output=True, text=True)
        a = os.path.join(want, "print", "integration-guidelines.ar.pdf")
        b = os.path.join(elsewhere, "out", "print", "integration-guidelines.ar.pdf")
        same = (r1.returncode == 0 and r2.returncode == 0 and os.path.isfile(b) and
                open(a, "rb").read() == open(b, "rb").read())
        report(same, "install-runs-elsewhere", r2.stderr[-400:])
        r = subprocess.run([binary, "check"], cwd=elsewhere, capture_output=True, text=True)
        report(r.returncode == 0 and os.path.realpath(data) + "/content/" in r.stdout + r.stderr,
               "install-check-elsewhere", (r.stdout + r.stderr)[-300:])

        # the commands and options of --help in the man page and the README
        helptext = run(DRUCKWERK, "--help").stdout
        commands = sorted(set(re.findall(r"(?m)^\s*(?:usage: )?druckwerk ([a-z][a-z-]*)", helptext)))
        options = sorted(set(re.findall(r"(?m)^\s+(--[a-z-]+)", helptext)))
        page = subprocess.run(["man", "-l", man], capture_output=True, text=True,
                              env=dict(os.environ, MANWIDTH="200")).stdout
        page = re.sub(".\b", "", page)  # overstrike bold
        missing = [c for c in commands if not re.search(rf"(?m)^\s+{re.escape(c)}\b", page)]
        report(len(commands) >= 7 and not missing, "man-page-every-command",
               f"commands {commands}; not in the man page's COMMANDS: {missing}")
        missing = [o for o in options if o not in page]
        report(len(options) >= 8 and not missing, "man-page-every-option",
               f"not in the man page: {missing}")
        readme = open("README.md", encoding="utf-8").read()
        missing = [c for c in commands if f"druckwerk {c}" not in readme]
        report(not missing, "readme-every-command", f"not in README.md: {missing}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return status()


if __name__ == "__main__":
    sys.exit(main())
