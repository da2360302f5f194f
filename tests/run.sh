#!/bin/sh
# tests/run.sh — runs every test of druckwerk and ends with the summary
# line "N passed, N failed".  Called by `make check` (BUILD names the
# build folder).  A test is one line of output: "ok NAME" or "FAIL NAME: why".
#   tests/unit/*.c        compiled by make; each prints ok/FAIL lines
#   tests/*.sh            shell tests reading PDFs back; each prints ok/FAIL lines
# With an argument, only the shell tests whose name contains it run.
BUILD=${BUILD:-build}
export BUILD
cd "$(dirname "$0")/.." || exit 2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
only=${1:-}

# One progress line per test group (a group takes seconds to a minute;
# without it `make check` looked hung), then its FAIL and note lines.
run() { # name, command...
    name=$1; shift
    t0=$(date +%s)
    out=$("$@" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -E '^(ok|FAIL) ' >> "$log"
    okn=$(printf '%s\n' "$out" | grep -c '^ok ')
    fln=$(printf '%s\n' "$out" | grep -c '^FAIL ')
    printf '  %-26s %4d ok %3d failed %4ds\n' "$name" "$okn" "$fln" $(( $(date +%s) - t0 ))
    printf '%s\n' "$out" | grep -E '^(FAIL|note) '
    if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -q '^FAIL '; then
        echo "FAIL $name: exited $rc" | tee -a "$log"
        printf '%s\n' "$out" | tail -20
    fi
}

if [ -z "$only" ]; then
    for t in "$BUILD"/tests/*; do
        [ -x "$t" ] && [ -f "$t" ] && run "$(basename "$t")" "$t"
    done
fi
for t in tests/t_*.sh; do
    [ -f "$t" ] || continue
    case "$t" in *"$only"*) run "$t" sh "$t" ;; esac
done

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
