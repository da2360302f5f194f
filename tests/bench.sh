#!/bin/sh
# make bench — builds every document × language × variant several times
# and prints one stable, comparable block:
#   bench files N pages N glyphs N seconds S pages/s P glyphs/s G peak-kib K
#   size <variant>/<file> BYTES
# Speed goal: the whole set well under one second on one core,
# peak memory under 64 MiB.  The per-set line is measured with a warm
# hyphenation cache; the cold-cache line is one build from nothing.
set -e
REPEAT=${REPEAT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# cold: an empty hyphenation cache (libhyphen loads every pattern file,
# German alone ~3 s); then the cache is warm, as on a staff machine after
# the first build
"${DRUCKWERK:-./druckwerk}" build --out "$tmp/cold" --cache "$tmp/cache" --stats > "$tmp/cold.txt"
t0=$(date +%s.%N)
"${DRUCKWERK:-./druckwerk}" build --out "$tmp/once" --cache "$tmp/cache" --stats > "$tmp/once.txt"
t1=$(date +%s.%N)
"${DRUCKWERK:-./druckwerk}" build --out "$tmp/rep" --cache "$tmp/cache" --repeat "$REPEAT" --stats > "$tmp/rep.txt"
total=$(grep '^total' "$tmp/rep.txt")
echo "bench repeat $REPEAT"
grep '^total' "$tmp/cold.txt" | awk '{
  for (i = 2; i < NF; i += 2) v[$i] = $(i + 1);
  printf "bench cold-cache seconds %.3f peak-kib %d\n", v["seconds"], v["peak-kib"] }'

echo "$total" | awk -v r="$REPEAT" '{
  for (i = 2; i < NF; i += 2) v[$i] = $(i + 1);
  printf "bench files %d pages %d glyphs %d seconds-per-set %.3f pages/s %.0f glyphs/s %.0f peak-kib %d\n",
         v["files"] / r, v["pages"] / r, v["glyphs"] / r, v["seconds"] / r, v["pages/s"], v["glyphs/s"], v["peak-kib"] }'
# the whole process once: start, content, fonts, cache, every file
echo "$t0 $t1" | awk '{ printf "bench whole-process seconds %.3f\n", $2 - $1 }'
grep '^file' "$tmp/once.txt" | sed "s|$tmp/once/||" | awk '{ printf "size %s %d pages %d\n", $2, $6, $4 }'
grep '^file' "$tmp/once.txt" | tr ' ' '\n' | grep '+' | sort -u | sed 's/^/font /'
