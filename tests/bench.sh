#!/bin/sh
# make bench — builds every document × language × variant several times
# and prints one stable, comparable block:
#   bench files N pages N glyphs N seconds S pages/s P glyphs/s G peak-kib K
#   size <variant>/<file> BYTES
# Speed goal (issue 2): the whole set well under one second on one core,
# peak memory under 64 MiB.
set -e
REPEAT=${REPEAT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${DRUCKWERK:-./druckwerk}" build --out "$tmp/warm" >/dev/null            # page cache, fonts
"${DRUCKWERK:-./druckwerk}" build --out "$tmp/once" --stats > "$tmp/once.txt"
"${DRUCKWERK:-./druckwerk}" build --out "$tmp/rep" --repeat "$REPEAT" --stats > "$tmp/rep.txt"
total=$(grep '^total' "$tmp/rep.txt")
echo "bench repeat $REPEAT"
echo "$total" | awk -v r="$REPEAT" '{
  for (i = 2; i < NF; i += 2) v[$i] = $(i + 1);
  printf "bench files %d pages %d glyphs %d seconds-per-set %.3f pages/s %.0f glyphs/s %.0f peak-kib %d\n",
         v["files"] / r, v["pages"] / r, v["glyphs"] / r, v["seconds"] / r, v["pages/s"], v["glyphs/s"], v["peak-kib"] }'
grep '^file' "$tmp/once.txt" | sed "s|$tmp/once/||" | awk '{ printf "size %s %d pages %d\n", $2, $6, $4 }'
grep '^file' "$tmp/once.txt" | tr ' ' '\n' | grep '+' | sort -u | sed 's/^/font /'
