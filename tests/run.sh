#!/bin/sh
# tests/run.sh — runs every test of druckwerk and ends with the summary
# line "N passed, N failed".  Called by `make check` (BUILD names the
# build folder).  A test is one line of output: "ok NAME" or "FAIL NAME: why".
#   tests/unit/*.c        compiled by make; each prints ok/FAIL lines
#   tests/*.sh            shell tests reading PDFs back; each prints ok/FAIL lines
# With an argument, only the shell tests whose name contains it run.
#
# Test groups (a unit test binary or a tests/t_*.sh) run DW_JOBS at a time
# (default: the number of CPUs, at most 2; DW_JOBS=1 runs them one after
# the other); each group's output is kept apart and printed in the fixed
# order below when it and the groups before it are done, so the output
# reads the same whatever ran beside what.
#
# DW_SHARED_OUT: one build of all 66 PDFs (every document, language and
# variant, the sample print files included: --allow-sample), made here
# once with $DRUCKWERK (make asan: the ASan binary) and read-only, for the
# tests that only read the real documents back (t_pdfa, t_pdfjs, t_pdfua,
# t_preflight, t_tags); run alone, they build their own.
BUILD=${BUILD:-build}
DRUCKWERK=${DRUCKWERK:-./druckwerk}
ICC=${ICC:-build/FOGRA39L.icc}
export BUILD DRUCKWERK ICC
cd "$(dirname "$0")/.." || exit 2
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
log=$work/log
: > "$log"
only=${1:-}
jobs=${DW_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ -n "$DW_JOBS" ] || [ "$jobs" -le 2 ] || jobs=2
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
t_start=$(date +%s)

# the groups, in the order they start and are printed
if [ -z "$only" ]; then
    for t in "$BUILD"/tests/*; do
        [ -x "$t" ] && [ -f "$t" ] && echo "$t"
    done
fi > "$work/list"
for t in tests/t_*.sh; do
    [ -f "$t" ] || continue
    case "$t" in *"$only"*) echo "$t" ;; esac
done >> "$work/list"

# (with a NAME, only when a chosen test reads it)
shared=
if [ -z "$only" ]; then shared=yes; fi
for t in $(grep '^tests/t_' "$work/list"); do
    # shellcheck disable=SC2046
    grep -qs 'DW_SHARED_OUT\|built(' "$t" $(grep -o 'tests/lib/[a-z_]*\.py' "$t") && shared=yes
done
DW_SHARED_OUT=$work/shared
if [ -z "$shared" ]; then
    unset DW_SHARED_OUT
elif "$DRUCKWERK" build --allow-sample --out "$DW_SHARED_OUT" --icc "$ICC" \
        --cache "$work/shared-cache" > "$work/shared.err" 2>&1; then
    # read-only, and its hashes checked at the end (root may write anyway)
    (cd "$DW_SHARED_OUT" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$work/shared.sum"
    chmod -R a-w "$DW_SHARED_OUT"
    export DW_SHARED_OUT
else
    echo "FAIL shared-build: $DRUCKWERK build --allow-sample failed: $(tail -c 400 "$work/shared.err")" |
        tee -a "$log"
    unset DW_SHARED_OUT
fi

# A worker takes the next group nobody has taken (mkdir is atomic) and
# writes its output to N.out, then "exit-status seconds" to N.done.
worker() {
    k=0
    while read -r t; do
        k=$((k + 1))
        mkdir "$work/$k.taken" 2>/dev/null || continue
        t0=$(date +%s)
        case "$t" in
            *.sh) sh "$t" ;;
            *) "$t" ;;
        esac < /dev/null > "$work/$k.out" 2>&1
        echo "$? $(( $(date +%s) - t0 ))" > "$work/$k.tmp"
        mv "$work/$k.tmp" "$work/$k.done"
    done < "$work/list"
}
w=0
while [ $w -lt "$jobs" ]; do
    worker &
    w=$((w + 1))
done

# One progress line per test group (a group takes seconds to a minute;
# without it `make check` looked hung), then its FAIL and note lines.
k=0
while read -r t; do
    k=$((k + 1))
    while [ ! -f "$work/$k.done" ]; do sleep 0.5; done
    read -r rc secs < "$work/$k.done"
    case "$t" in *.sh) name=$t ;; *) name=$(basename "$t") ;; esac
    out=$work/$k.out
    grep -E '^(ok|FAIL) ' "$out" >> "$log"
    okn=$(grep -c '^ok ' "$out")
    fln=$(grep -c '^FAIL ' "$out")
    printf '  %-26s %4d ok %3d failed %4ds\n' "$name" "$okn" "$fln" "$secs"
    grep -E '^(FAIL|note) ' "$out"
    if [ "$rc" -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
        echo "FAIL $name: exited $rc" | tee -a "$log"
        tail -20 "$out"
    fi
done < "$work/list"
wait

if [ -n "$DW_SHARED_OUT" ]; then
    now=$(cd "$DW_SHARED_OUT" && find . -type f | LC_ALL=C sort | xargs sha256sum)
    if [ "$now" = "$(cat "$work/shared.sum")" ]; then
        echo "ok shared-build-unchanged: no test changed the $(wc -l < "$work/shared.sum") shared files" >> "$log"
    else
        echo "FAIL shared-build-unchanged: a test changed, added or removed files of DW_SHARED_OUT" | tee -a "$log"
    fi
fi
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
echo "  $(wc -l < "$work/list") groups, $jobs at a time, $(( $(date +%s) - t_start )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
