#!/bin/sh
# libharu's private struct fields are used in src/pdf/haru_private.c and
# nowhere else, so a libharu upgrade is a change to one file.  Read from
# clang's syntax tree, not from the spelling: every member access (-> or
# .) whose object is a libharu struct other than the public ones of
# hpdf_types.h (HPDF_Rect, HPDF_TransMatrix, …) is counted, whatever the
# variable is called.  The same count in haru_private.c must find its
# accesses, so a clang whose dump the check cannot read fails too.
BUILD=${BUILD:-build}
: "${PKGCFLAGS:=$(make -s --no-print-directory pkgcflags)}"
command -v clang >/dev/null || { echo "FAIL haru-private: clang is not installed (make deps)"; exit 0; }
HARU_TYPES=/usr/include/hpdf_types.h
[ -f "$HARU_TYPES" ] || { echo "FAIL haru-private: $HARU_TYPES missing (libhpdf-dev)"; exit 0; }
public=$(grep -o 'struct *_HPDF_[A-Za-z0-9_]*' "$HARU_TYPES" | sed 's/struct *//' | sort -u | tr '\n' ' ')

# prints "file:line: ->field on struct _HPDF_X" for each private access
accesses() { # file.c
    # shellcheck disable=SC2086
    clang -fsyntax-only -std=c11 -D_GNU_SOURCE $PKGCFLAGS -Isrc -Xclang -ast-dump \
        -fno-color-diagnostics "$1" 2>/dev/null |
    awk -v file="$1" -v public="$public" '
        BEGIN { n = split(public, p, " "); for (i = 1; i <= n; i++) pub[p[i]] = 1 }
        {
            # the line a node is on: "line:N:" or "file.c:N:" (a new file)
            if (match($0, /<(line|[^ <>]*\.[ch]):[0-9]+:/)) {
                s = substr($0, RSTART + 1, RLENGTH - 2); sub(/.*:/, "", s); line = s
            }
            if (pending) {
                pending = 0
                # the base expression: its type names the struct
                if (match($0, /struct _HPDF_[A-Za-z0-9_]*/)) {
                    t = substr($0, RSTART + 7, RLENGTH - 7)
                    if (!(t in pub)) print file ":" mline ": " member " on struct " t
                }
            }
            if ($0 ~ /MemberExpr/ && match($0, /(->|\.)[A-Za-z_][A-Za-z0-9_]* 0x/)) {
                member = substr($0, RSTART, RLENGTH - 3); mline = line; pending = 1
            }
        }'
}

# the files that include libharu's headers, themselves or through ours
# (make's dependency files list our headers; without them, all of ours)
files=
for c in src/*.c src/*/*.c; do
    d=$BUILD/${c%.c}.d
    if [ -f "$d" ]; then
        hdrs=$(tr ' :\\' '\n\n\n' < "$d" | grep '\.h$' | sort -u)
    else
        hdrs=$(ls src/*/*.h)
    fi
    # shellcheck disable=SC2086
    grep -qs '^#include <hpdf' "$c" $hdrs && files="$files $c"
done
bad=0 checked=0
for f in $files; do
    [ "$f" = src/pdf/haru_private.c ] && continue
    out=$(accesses "$f")
    checked=$((checked + 1))
    if [ -n "$out" ]; then
        printf '%s\n' "$out" | sed 's/^/  /'
        bad=$((bad + $(printf '%s\n' "$out" | wc -l)))
    fi
done
if [ "$bad" -gt 0 ]; then
    echo "FAIL haru-private: $bad use(s) of libharu's private fields outside src/pdf/haru_private.c (listed above): add a function to haru_private.c"
else
    echo "ok haru-private: no libharu private field used in $checked other files that include libharu"
fi
own=$(accesses src/pdf/haru_private.c | wc -l)
if [ "$own" -ge 10 ]; then
    echo "ok haru-private-seen: the check finds the $own private accesses in haru_private.c"
else
    echo "FAIL haru-private-seen: only $own private accesses found in haru_private.c: the check cannot read clang's dump"
fi
