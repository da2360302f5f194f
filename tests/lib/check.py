"""ok/FAIL lines and subprocess calls shared by the read-back tests.

Each test prints `ok NAME` or `FAIL NAME: why` (tests/run.sh counts them)
and exits 1 when anything failed: `sys.exit(status())`.
"""
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
