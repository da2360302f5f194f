"""ok/FAIL lines and subprocess calls shared by the read-back tests.

Each test prints `ok NAME` or `FAIL NAME: why` (tests/run.sh counts them)
and exits 1 when anything failed: `sys.exit(status())`.
"""
import os
import subprocess

failed = 0


def report(ok, name, why=""):
    global failed
    if ok:
        print(f"ok {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {str(why)[:600]}")


def run(*cmd, env=None):
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def status():
    return 1 if failed else 0


def built(tmp, *args):
    """(folder, error) of the real documents' PDFs: DW_SHARED_OUT when
    tests/run.sh made it (every document, language and variant, with
    --allow-sample, built once with $DRUCKWERK for all tests, read-only),
    else `$DRUCKWERK build ARGS --out tmp` (error: its stderr's end when
    it failed, else None)."""
    shared = os.environ.get("DW_SHARED_OUT")
    if shared:
        return shared, None
    r = run(os.environ.get("DRUCKWERK", "./druckwerk"), "build", *args, "--out", tmp)
    return tmp, (r.stderr[-300:] if r.returncode else None)
