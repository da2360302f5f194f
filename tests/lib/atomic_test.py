#!/usr/bin/env python3
"""All-or-nothing builds (issue 17).  Prints "ok NAME" / "FAIL NAME: why".

A full set is built into a temporary out/; then failures are injected at
every stage and out/ must afterwards be byte-identical to before (every
file, by SHA-256, and no file more or less), with no staging folder left
beside it:
  - content: an RGB PNG in the German guidelines (print refuses it; it
    used to replace the office PDF first), a character no font has in a
    German file (German is built last), a file that is no image;
  - fonts: a manifest naming a font file that does not exist;
  - profile: --icc naming a missing file;
  - write: an immutable out/ (chattr +i; we run as root, so chmod would
    not stop us), a full file system (a 2 MB tmpfs);
  - signals: kill -9 at random moments, 10 times: out/ is the old set or
    the new set, never a mix, and the next build removes what the killed
    one left;
  - a symlink planted at an output path (file and folder) is replaced,
    not followed; a build while another holds the lock is refused with a
    message and changes nothing; two builds started at once leave one
    whole set;
  - --out "" and an over-long --out are refused (exit 2).
The oracle is the file system itself (hashlib over every file, os.lstat),
not druckwerk's own account of what it did.
"""
import fcntl
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from check import report, run, status  # noqa: E402

DRUCKWERK = os.path.abspath(os.environ.get("DRUCKWERK", "./druckwerk"))
ICC = os.path.abspath(os.environ.get("ICC", "build/FOGRA39L.icc"))
PS = "%!PS\n0.8 0.1 0 0.1 setcmykcolor 0 0 2000 1000 rectfill\nshowpage\n"


def snapshot(folder):
    """{relative path: sha256 or 'link:target' or 'dir'} of everything below folder."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            p = os.path.join(root, d)
            out[os.path.relpath(p, folder)] = "link:" + os.readlink(p) if os.path.islink(p) else "dir"
        for f in files:
            p = os.path.join(root, f)
            if os.path.islink(p):
                out[os.path.relpath(p, folder)] = "link:" + os.readlink(p)
            else:
                out[os.path.relpath(p, folder)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


def leftovers(out):
    parent, base = os.path.split(os.path.abspath(out))
    return [n for n in os.listdir(parent) if n.startswith("." + base + ".druckwerk-")] + \
        [n for root, _, files in os.walk(out) for n in files if ".tmp." in n]


def build(content, out, *extra, env=None):
    cmd = [DRUCKWERK, "build", "--content", content, "--out", out, "--icc", ICC, "--cache", CACHE]
    return run(*cmd, *extra, env=env)


def diff(a, b):
    keys = sorted(set(a) | set(b))
    return [k for k in keys if a.get(k) != b.get(k)][:5]


def inject(path, block):
    """Put a block first in the first section of a document file."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"(?m)^(\s*)blocks:\s*\n(\s*)- ", text)
    text = text[:m.end() - 2] + block + "\n" + m.group(2) + text[m.end() - 2:]
    open(path, "w", encoding="utf-8").write(text)


def expect_unchanged(name, r, out, before, rc=None, msg=None):
    after = snapshot(out)
    ok = after == before and not leftovers(out) and r.returncode != 0
    why = f"exit {r.returncode}, changed {diff(before, after)}, left {leftovers(out)}: {r.stderr[-300:]}"
    if rc is not None:
        ok = ok and r.returncode == rc
    if msg is not None:
        ok = ok and msg in r.stderr
    report(ok, name, why)


tmp = tempfile.mkdtemp(prefix="dw-atomic-")
CACHE = os.path.join(tmp, "cache")
try:
    good = os.path.join(tmp, "content")
    shutil.copytree("content", good)
    out = os.path.join(tmp, "out")
    build(good, os.path.join(tmp, "warm"))  # fills the hyphenation cache
    t0 = time.monotonic()
    r = build(good, out)
    t_full = time.monotonic() - t0
    report(r.returncode == 0 and re.search(r"druckwerk: built 18 documents: \d+ PDFs", r.stderr)
           and f"the files are in {out}/" in r.stderr, "atomic-build-summary-line", r.stderr[-300:])
    before = snapshot(out)

    def broken(name):
        c = os.path.join(tmp, name)
        shutil.rmtree(c, ignore_errors=True)
        shutil.copytree(good, c)
        return c

    # content: an RGB PNG in the German guidelines (print refuses it after
    # office was written, before this issue)
    c = broken("rgb")
    os.makedirs(os.path.join(c, "images"), exist_ok=True)
    open(os.path.join(tmp, "p.ps"), "w").write(PS)
    run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=png16m", "-r72", "-g200x100", "-o",
        os.path.join(c, "images/rgb.png"), os.path.join(tmp, "p.ps"))
    inject(os.path.join(c, "integration-guidelines/de.yaml"), '- image: {file: images/rgb.png, alt: "RGB"}')
    # an RGB picture is converted to CMYK now (pdf/image_cmyk.c): the
    # build succeeds and replaces the set whole; the good content built
    # again gives back the same bytes
    r = build(c, out)
    changed = sorted(k for k, v in snapshot(out).items() if before.get(k) != v)
    report(r.returncode == 0 and changed and all("integration-guidelines.de" in k for k in changed),
           "atomic-rgb-png-builds-whole-set", f"exit {r.returncode}, changed {changed}")
    r = build(good, out)
    report(r.returncode == 0 and snapshot(out) == before and not leftovers(out),
           "atomic-rebuild-gives-same-bytes", f"exit {r.returncode}, changed {diff(before, snapshot(out))}")

    # a character no font has, in a German file: found while shaping
    c = broken("glyph")
    inject(os.path.join(c, "integration-guidelines/de.yaml"), "- p: Tigrinya ሰላም")
    r = build(c, out)
    expect_unchanged("atomic-missing-glyph-replaces-nothing", r, out, before, rc=1, msg="U+1230")

    # a file that is no image
    c = broken("notimage")
    os.makedirs(os.path.join(c, "images"), exist_ok=True)
    open(os.path.join(c, "images/x.png"), "wb").write(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    inject(os.path.join(c, "integration-guidelines/de.yaml"), '- image: {file: images/x.png, alt: "x"}')
    r = build(c, out)
    expect_unchanged("atomic-bad-image-replaces-nothing", r, out, before, rc=1)

    # a font file that does not exist
    fonts = os.path.join(tmp, "fonts.yaml")
    text = open("fonts/fonts.yaml", encoding="utf-8").read()
    open(fonts, "w", encoding="utf-8").write(text.replace("NotoSans-Bold.ttf", "NotoSans-Bolt.ttf", 1))
    r = build(good, out, "--fonts", fonts)
    expect_unchanged("atomic-missing-font-replaces-nothing", r, out, before, rc=1)

    # a missing colour profile: print and web need it, office does not
    r = run(DRUCKWERK, "build", "--content", good, "--out", out, "--cache", CACHE, "--icc",
            os.path.join(tmp, "nonexistent.icc"))
    expect_unchanged("atomic-missing-profile-replaces-nothing", r, out, before, rc=1)

    # an out/ nobody may change (root ignores permissions; the immutable
    # attribute stops root too)
    if run("chattr", "+i", out).returncode == 0:
        try:
            r = build(good, out, env=dict(os.environ, SOURCE_DATE_EPOCH="1800000000"))
        finally:
            run("chattr", "-i", out)
        expect_unchanged("atomic-unwritable-out-replaces-nothing", r, out, before, rc=3)
    else:
        print("note atomic-unwritable-out: chattr +i is not available here; skipped")

    # a full file system: a 2 MB tmpfs holds one German welcome folder,
    # not the whole set
    fs = os.path.join(tmp, "fs")
    os.makedirs(fs)
    if run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", fs).returncode == 0:
        try:
            fout = os.path.join(fs, "out")
            r1 = build(good, fout, "--doc", "welcome-folder", "--lang", "de", "--variant", "office")
            fbefore = snapshot(fout)
            r = build(good, fout, env=dict(os.environ, SOURCE_DATE_EPOCH="1800000000"))
            ok = r1.returncode == 0 and "No space left on device" in r.stderr and \
                ".druckwerk-" not in r.stderr
            expect_unchanged("atomic-full-disk-replaces-nothing", r, fout, fbefore, rc=3)
            report(ok, "atomic-full-disk-message-names-out", r1.stderr[-200:] + r.stderr[-300:])
        finally:
            run("umount", fs)
    else:
        print("note atomic-full-disk: mount -t tmpfs failed here (not root?); skipped")

    # the lock: a build while another holds out/.lock changes nothing
    with open(os.path.join(out, ".lock"), "a") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        r = build(good, out, env=dict(os.environ, SOURCE_DATE_EPOCH="1800000000"))
        fcntl.flock(lk, fcntl.LOCK_UN)
    expect_unchanged("atomic-locked-out-refused", r, out, before, rc=3,
                     msg="another druckwerk is building into")

    # symlinks planted at an output file and an output folder
    victim = os.path.join(tmp, "victim.txt")
    open(victim, "w").write("do not touch\n")
    vdir = os.path.join(tmp, "victim-dir")
    os.makedirs(vdir)
    target = os.path.join(out, "office/welcome-folder.de.pdf")
    os.unlink(target)
    os.symlink(victim, target)
    shutil.rmtree(os.path.join(out, "web"))
    os.symlink(vdir, os.path.join(out, "web"))
    r = build(good, out, "--doc", "welcome-folder", "--lang", "de")
    report(r.returncode == 0 and open(victim).read() == "do not touch\n" and not os.listdir(vdir)
           and not os.path.islink(target) and not os.path.islink(os.path.join(out, "web"))
           and snapshot(out)["office/welcome-folder.de.pdf"] == before["office/welcome-folder.de.pdf"],
           "atomic-planted-symlinks-replaced-not-followed", r.stderr[-300:])

    # kill -9 at random moments: old set or new set, never a mix (the six
    # welcome folders, 18 files, to keep each round short)
    r = build(good, out)
    before = snapshot(out)
    one = ("--doc", "welcome-folder")
    sets = {}
    for epoch in ("1800000000", "1900000000"):
        o = os.path.join(tmp, "ref-" + epoch)
        shutil.copytree(out, o)
        t0 = time.monotonic()
        build(good, o, *one, env=dict(os.environ, SOURCE_DATE_EPOCH=epoch))
        t_full = time.monotonic() - t0
        sets[epoch] = {k: v for k, v in snapshot(o).items() if k != ".lock"}
    sets["start"] = {k: v for k, v in before.items() if k != ".lock"}
    rnd = random.Random(17)
    mixed, states, t_build = [], set(), 0.0
    for i in range(10):
        epoch = ("1800000000", "1900000000")[i % 2]
        t = time.monotonic()
        p = subprocess.Popen([DRUCKWERK, "build", "--content", good, "--out", out, "--icc", ICC,
                              "--cache", CACHE, *one], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, SOURCE_DATE_EPOCH=epoch))
        time.sleep(rnd.uniform(0.1, 1.5 * t_full))
        p.kill()
        p.wait()
        t_build += time.monotonic() - t
        now = {k: v for k, v in snapshot(out).items() if k != ".lock"}
        which = [k for k, s in sets.items() if s == now]
        if not which:
            mixed.append((i, diff(sets["start"], now)))
        states.update(which)
    report(not mixed, "atomic-kill-9-never-a-mix", f"mixed after kills {mixed[:3]}")
    left = len(leftovers(out))
    r = build(good, out, *one)
    report(r.returncode == 0 and not leftovers(out), "atomic-kill-9-leftovers-removed-by-next-build",
           f"{leftovers(out)} {r.stderr[-200:]}")
    print(f"note atomic-kill-9: a build takes {t_full:.2f} s; states seen {sorted(states)}; {left} staging folder(s) left by the kills")

    # two builds at once: one whole set afterwards
    ps = [subprocess.Popen([DRUCKWERK, "build", "--content", good, "--out", out, "--icc", ICC,
                            "--cache", CACHE, *one], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=e))
          for e in ("1800000000", "1900000000")]
    errs = [p.communicate()[1] for p in ps]
    now = {k: v for k, v in snapshot(out).items() if k != ".lock"}
    report(any(s == now for s in sets.values()) and not leftovers(out), "atomic-two-builds-one-set",
           " | ".join(e[-200:] for e in errs))

    # --out "" and an over-long --out
    r = run(DRUCKWERK, "build", "--out", "")
    report(r.returncode == 2 and r.stderr.count("\n") == 1 and "--out is empty" in r.stderr,
           "atomic-empty-out-refused", r.stderr)
    r = run(DRUCKWERK, "build", "--out", os.path.join(tmp, "x" * 1100))
    report(r.returncode == 2 and "too long" in r.stderr and not os.path.exists(os.path.join(tmp, "x" * 200)),
           "atomic-long-out-refused", r.stderr)
finally:
    run("chattr", "-i", os.path.join(tmp, "out"))
    if os.path.ismount(os.path.join(tmp, "fs")):
        run("umount", os.path.join(tmp, "fs"))
    shutil.rmtree(tmp, ignore_errors=True)
sys.exit(status())
