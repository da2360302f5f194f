#!/bin/sh
# Text goldens: `druckwerk dump` of the small documents in tests/golden/content
# (fixtures.txt names them) against the reviewed tests/golden/NAME.expect,
# with the fonts pinned in tests/fonts/.  Glyph IDs hold for one exact font
# file only, so the font hashes are checked first and nothing is compared
# when one differs.  GOLDEN_UPDATE=1 (make golden-update) rewrites the
# .expect files; review the diff before committing it.
# Then HarfBuzz's own hb-shape, run on the pinned font with the direction,
# script and language druckwerk sets, must give the glyphs of every run in
# the .expect files (tests/lib/golden_hb.py).
DRUCKWERK=${DRUCKWERK:-./druckwerk}
G=tests/golden
if ! bad=$(cd tests/fonts && sha256sum -c --quiet SHA256SUMS 2>&1); then
    echo "FAIL golden-fonts: a pinned font differs from tests/fonts/SHA256SUMS, so the glyph IDs in $G/*.expect cannot be compared (no golden was compared): $bad" | tr '\n' ' '
    echo
    exit 1
fi
echo "ok golden-fonts: tests/fonts/*.ttf match SHA256SUMS"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' $G/fixtures.txt | while read -r name doc lang pages what; do
    [ -n "$name" ] || continue
    if ! "$DRUCKWERK" dump --doc "$doc" --lang "$lang" --pages "$pages" --content $G/content \
            --fonts $G/fonts.yaml --cache "${BUILD:-build}/golden-cache" > "$tmp/$name.dump" 2> "$tmp/$name.err"; then
        echo "FAIL golden-$name: druckwerk dump failed: $(head -3 "$tmp/$name.err" | tr '\n' ' ')"
        continue
    fi
    if [ -n "$GOLDEN_UPDATE" ]; then
        cp "$tmp/$name.dump" "$G/$name.expect"
        echo "ok golden-$name: rewrote $G/$name.expect"
    elif [ ! -f "$G/$name.expect" ]; then
        echo "FAIL golden-$name: $G/$name.expect is missing (make golden-update writes it)"
    elif diff -u "$G/$name.expect" "$tmp/$name.dump" > "$tmp/$name.diff"; then
        echo "ok golden-$name: dump equals $G/$name.expect"
    else
        echo "FAIL golden-$name: dump differs from $G/$name.expect (make golden-update rewrites it; review the diff):"
        head -40 "$tmp/$name.diff" | sed "s/^/note golden-$name: /"
    fi
done
# wrong ranges are usage errors (exit 2), not an empty dump
"$DRUCKWERK" dump --doc integration-guidelines --lang de --pages 4-3 --content $G/content \
    --fonts $G/fonts.yaml --cache none > /dev/null 2>&1
rc=$?
if [ $rc -eq 2 ]; then echo "ok golden-dump-usage: --pages 4-3 exits 2"
else echo "FAIL golden-dump-usage: --pages 4-3 exited $rc, not 2"; fi
python3 tests/lib/golden_hb.py $G/*.expect
