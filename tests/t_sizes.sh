#!/bin/sh
# No source file over 700 lines (issue 18): a file that grows past it
# holds more than one concern and is split by concern, as src/layout/,
# src/pdf/, src/cli/ and src/preflight/ were.  wc counts the lines.
LIMIT=${DW_MAX_LINES:-700}
n=0
bad=0
for f in src/*.c src/*/*.c src/*/*.h tests/unit/*.c tests/unit/lib/*.c tests/fuzz/*.c; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    lines=$(wc -l < "$f")
    if [ "$lines" -gt "$LIMIT" ]; then
        echo "FAIL file-size-$f: $lines lines, more than $LIMIT: split it by concern"
        bad=$((bad + 1))
    fi
done
[ "$n" -gt 50 ] || echo "FAIL file-size-count: only $n source files found"
[ "$bad" -eq 0 ] && [ "$n" -gt 50 ] && echo "ok file-size: $n source files, none over $LIMIT lines"
exit 0
