#!/bin/sh
# make bench — builds every document × language × variant several times
# and prints one stable, comparable block:
#   bench files N pages N glyphs N seconds S pages/s P glyphs/s G peak-kib K
#   size <variant>/<file> BYTES
#   bench long-paragraph KB seconds S peak-kib K pages P (64 KB, 1 MB, 5 MB)
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

# One long paragraph of German body text (varied words, hyphenated) in
# the welcome folder, office variant only: line breaking is linear in the
# paragraph's length (total fit window by window, src/text/kp.c).  Was
# 297 s and 1.27 GB for 5 MB before; one over 64 KB was then refused.
#   bench long-paragraph KB seconds S peak-kib K pages P
for kb in ${LONGPARA_KB:-64 1024 5120}; do
    /usr/bin/python3 - "$kb" "$tmp/lp$kb" <<'PY'
import os, shutil, sys
kb, dst = int(sys.argv[1]), sys.argv[2]
shutil.copytree("content", dst, symlinks=True)
p = os.path.join(dst, "welcome-folder/de.yaml")
s = open(p, encoding="utf-8").read()
i = s.index("blocks:\n") + len("blocks:\n")
ind = s[i:].index("-")
vocab = ("Beratungsstelle Landkreis Integrationskurs Sprachförderung und die Anmeldung "
         "bei der Ausländerbehörde ist kostenlos.").split()
words, size, k = [], 0, 0
while size < kb * 1024:
    w = vocab[k % len(vocab)]
    words.append(w)
    size += len(w.encode()) + 1
    k += 1
open(p, "w", encoding="utf-8").write(s[:i] + " " * ind + "- p: " + " ".join(words) + "\n" + s[i:])
PY
    /usr/bin/time -f "%e %M" -o "$tmp/lp$kb.time" "${DRUCKWERK:-./druckwerk}" build \
        --content "$tmp/lp$kb" --out "$tmp/lpo$kb" --cache "$tmp/cache" \
        --doc welcome-folder --lang de --variant office > /dev/null 2>&1 || echo "bench long-paragraph $kb KB failed"
    pages=$(pdfinfo "$tmp/lpo$kb/office/welcome-folder.de.pdf" 2>/dev/null | awk '/^Pages/ { print $2 }')
    awk -v kb="$kb" -v p="${pages:-0}" '{ printf "bench long-paragraph %d KB seconds %.2f peak-kib %d pages %d\n", kb, $1, $2, p }' "$tmp/lp$kb.time"
    rm -rf "$tmp/lp$kb" "$tmp/lpo$kb"
done
