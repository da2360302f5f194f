#!/usr/bin/env python3
"""One source for the command line (issue 18): every command and option
that `druckwerk --help` prints (from the tables in src/main.c) is in the
manual page, as groff renders it (the oracle reads druckwerk.1 the way
man does), and every command is in the README's command table.
Prints "ok NAME" / "FAIL NAME: why"."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.environ.get("DRUCKWERK", "./druckwerk")
h = run(DRUCKWERK, "--help").stdout
cmds = re.findall(r"(?m)^(?:usage:|      ) druckwerk ([a-z][a-z-]*)", h)
opts = sorted(set(re.findall(r"(?m)^  (--[a-z-]+)", h)))
man = run("groff", "-man", "-Tutf8", "-P", "-cbou", "druckwerk.1").stdout
man = man.replace("\u2010", "-").replace("\u2212", "-")
readme = open("README.md", encoding="utf-8").read()
section = man[man.index("COMMANDS"):man.index("OPTIONS")] if "COMMANDS" in man else ""
report(len(cmds) >= 7 and len(opts) >= 14, "cli-help-lists-commands-and-options", f"{cmds} {opts}")
missing = [c for c in cmds if not re.search(rf"(?m)^ {{7}}{re.escape(c)}(\s|$)", section)]
report(not missing, "cli-man-page-has-every-command", missing)
missing = [o for o in opts if o not in man]
report(not missing, "cli-man-page-has-every-option", missing)
missing = [c for c in cmds if f"| `druckwerk {c}" not in readme]
report(not missing, "cli-readme-table-has-every-command", missing)
sys.exit(status())
