#!/bin/sh
# PDF/A-1b of every web PDF, by Apache PDFBox Preflight (issue 16): an
# independent validator (Debian libpdfbox2-java) must say "valid".  One
# JVM for all files: tests/java/PdfaCheck.java, compiled into $BUILD.
BUILD=${BUILD:-build}
DRUCKWERK=${DRUCKWERK:-./druckwerk}
ICC=${ICC:-build/FOGRA39L.icc}
CP=/usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:/usr/share/java/fontbox2.jar
CP=$CP:/usr/share/java/xmpbox.jar:/usr/share/java/commons-logging.jar
CP=$CP:/usr/share/java/javax.activation.jar:/usr/share/java/jaxb-api.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$BUILD/java"
if ! javac -d "$BUILD/java" -cp "$CP" tests/java/PdfaCheck.java 2>"$tmp/javac"; then
    echo "FAIL pdfa-validator-compiles: $(head -c 400 "$tmp/javac")"; exit 1
fi
# the web files tests/run.sh built once for all tests, or our own build
out=${DW_SHARED_OUT:-$tmp}
if [ -z "$DW_SHARED_OUT" ] && ! "$DRUCKWERK" build --variant web --out "$tmp" --icc "$ICC" 2>"$tmp/err"; then
    echo "FAIL pdfa-build: $(tail -c 400 "$tmp/err")"; exit 1
fi
n=$(ls "$out"/web/*.pdf | wc -l)
[ "$n" -eq 18 ] || echo "FAIL pdfa-all-web-files: $n web files, expected 18"
java -cp "$CP:$BUILD/java" PdfaCheck "$out"/web/*.pdf 2>/dev/null >"$tmp/result"
for f in "$out"/web/*.pdf; do
    name=$(basename "$f" .pdf)
    line=$(grep -F " $f" "$tmp/result")
    case "$line" in
        "valid $f") echo "ok pdfa-pdfbox-valid-$name" ;;
        *) echo "FAIL pdfa-pdfbox-valid-$name: $(printf '%s' "${line:-no answer}" | cut -c1-500)" ;;
    esac
done
