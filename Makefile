# druckwerk — structured YAML to print-ready, properly shaped PDFs.
#
#   make         install missing Debian packages, build ./druckwerk, render out/
#   make check   all tests (ends with "N passed, N failed"), warnings as errors
#   make asan    the tests again under AddressSanitizer + UBSan
#   make fuzz    libFuzzer targets: content loader, image loading, text to PDF
#                (FUZZ_SECONDS=600 each)
#   make bench   build every document several times, print speed and sizes
#   make analyze cppcheck over src/ and the tests (exits 1 on a finding)
#   make install PREFIX=/usr/local DESTDIR=  binary, man page and data
#   make clean

# Debian 12 packages: libraries, fonts, hyphenation patterns, and the tools
# the tests read PDFs back with.  A new language adds its hyphen-* package here.
PACKAGES := build-essential pkg-config libhpdf-dev libyaml-dev libharfbuzz-dev \
            libfreetype-dev libfribidi-dev libunibreak-dev libhyphen-dev \
            hyphen-de hyphen-en-us hyphen-ro hyphen-uk fonts-noto-core \
            libqpdf-dev ghostscript poppler-utils qpdf mupdf-tools libharfbuzz-bin \
            icc-profiles-free argyll python3 netpbm libdeflate-dev \
            libpdfbox2-java libactivation-java libjaxb-api-java default-jdk-headless \
            python3-pyphen python3-pikepdf python3-lxml zbar-tools translate-toolkit \
            libxml2-utils liblcms2-dev liblcms2-utils libqrencode-dev libhunspell-dev libcsv-dev libpng-dev libturbojpeg0-dev \
            hunspell-de-de hunspell-en-us hunspell-en-gb hunspell-ro hunspell-uk hunspell-ar myspell-fa \
             python3-babel omegat clang python3-fonttools \
             libmupdf-dev libmujs-dev libgumbo-dev libopenjp2-7-dev libjbig2dec0-dev libjpeg-dev zlib1g-dev \
             librsvg2-bin python3-pil python3-yaml
# clang: tests/t_haru.sh reads its syntax tree; asan and fuzz need its runtimes too
FUZZ_PACKAGES := clang libclang-rt-14-dev

PKGS     := harfbuzz harfbuzz-subset freetype2 fribidi libunibreak yaml-0.1 libqpdf libdeflate \
            hunspell libxml-2.0 lcms2 glib-2.0 libpng libturbojpeg libqrencode
CC       ?= cc
CFLAGS   ?= -O2 -g
# Warnings are errors in `make check` and CI (WERROR=-Werror), not in a
# plain `make`: a user's newer compiler may warn about something new.
WERROR   ?=
WARN      = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wstrict-prototypes -Wvla \
            -Wmissing-prototypes -Wformat=2 -Wundef -Wcast-qual $(WERROR)
# Where `make install` puts things; the binary looks for its data (content/,
# layouts/, fonts/, the colour profile) in DATADIR when the current folder
# has no content/ (src/util/data.c).
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/druckwerk
DEPFLAGS := -MMD -MP
BUILD    ?= build
BIN      ?= druckwerk
SRC      := $(wildcard src/*/*.c)
MAIN     := src/main.c
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# MuPDF (vector art, src/pdf/vector.c) is only a static library in Debian:
# its own dependencies come with --static, before the libraries they use.
PKGLIBS   = $(shell pkg-config --libs --static mupdf 2>/dev/null) \
            $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lhyphen -lcsv -lm -pthread

# Sources the renders depend on.
INPUTS := $(shell find content layouts fonts -type f 2>/dev/null)

.PHONY: all deps check asan fuzz bench clean golden-update render readme-picture sanitizer-deps \
        install uninstall analyze pkgcflags FORCE
all: deps $(BIN) render

# Install what is missing (apt-get; sudo when not root); a stamp keeps the
# second `make` from asking dpkg again.
deps: $(BUILD)/.deps
$(BUILD)/.deps: Makefile
	@mkdir -p $(BUILD)
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "druckwerk: installing Debian packages:" $$missing; \
	    SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@touch $@

# Quiet unless V=1: a member of staff running `make` sees the build's
# summary and messages, not compiler command lines.
Q := $(if $(filter 1,$(V)),,@)

$(BIN): $(OBJ) $(BUILD)/src/main.o
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKGLIBS)

$(BUILD)/%.o: %.c $(BUILD)/.deps
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(PKGCFLAGS) $(DEPFLAGS) -c -o $@ $<

-include $(OBJ:.o=.d) $(BUILD)/src/main.d

# The data folder is compiled into data.o; a stamp rebuilds it when
# DATADIR changes (make install PREFIX=/usr after a plain make).
$(BUILD)/src/util/data.o: $(BUILD)/datadir
$(BUILD)/src/util/data.o: CPPFLAGS += -DDW_DATADIR='"$(DATADIR)"'
$(BUILD)/datadir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:

# The CMYK output profile for PDF/X-4 and PDF/A: built with ArgyllCMS from
# the FOGRA39 characterization data in Debian's icc-profiles-free (zlib
# licence), so every PDF embeds a profile whose origin and licence are known.
# colprof stamps the hour of the build into the header (bytes 24-35): a
# fixed date keeps the PDFs byte-identical across machines (the profile
# ID, bytes 84-99, is left zero by colprof, so nothing else depends on it).
ICC := build/FOGRA39L.icc
$(ICC): $(BUILD)/.deps
	@mkdir -p build/icc
	@echo "druckwerk: building the FOGRA39 colour profile (ArgyllCMS, ~15 s)"
	$(Q)cp /usr/share/color/icc/FOGRA39L.ti3 build/icc/
	$(Q)cd build/icc && colprof -ql -b n -D "FOGRA39L coated (built by druckwerk)" \
	    -C "From FOGRA39L.ti3, icc-profiles-free, zlib licence" FOGRA39L >/dev/null
	$(Q)printf '\007\352\000\001\000\001\000\000\000\000\000\000' | \
	    dd of=build/icc/FOGRA39L.icc bs=1 seek=24 conv=notrunc status=none
	$(Q)mv build/icc/FOGRA39L.icc $@

# Hyphenation patterns as libhyphen needs them.  Its matcher adds up only
# the patterns that the pattern file itself lists for each substring, so a
# file must hold them all ("mashed" by substrings.pl, which ships with
# libhyphen).  Debian's de, en and ro files are; hyph_uk_UA.dic is not:
# libhyphen found under a third of its points ("коко", "справам": none).
# Every file is mashed into build/hyphen/, except a two-level file
# (NEXTLEVEL, German compounds), which substrings.pl cannot read and which
# is copied as it is; mashing a complete file changes none of its points.
HYPH := build/hyphen/.stamp
$(HYPH): $(BUILD)/.deps
	@mkdir -p build/hyphen
	$(Q)for f in /usr/share/hyphen/hyph_*.dic; do \
	    t=build/hyphen/$${f##*/}; \
	    if grep -q '^NEXTLEVEL' "$$f"; then cp -L "$$f" "$$t.tmp"; \
	    else perl /usr/share/libhyphen/substrings.pl "$$f" "$$t.tmp" >/dev/null; fi \
	    && mv "$$t.tmp" "$$t" || exit 1; done
	@touch $@

# Render every document, language and variant; the stamp makes a second
# `make` with nothing changed do nothing.
render: out/.stamp out/preview.png
out/.stamp: $(BIN) $(INPUTS) $(ICC) $(HYPH)
	$(Q)./$(BIN) build --out out --icc $(ICC)
	$(Q)./$(BIN) preflight out/print/*.pdf > out/preflight.txt || { cat out/preflight.txt; exit 1; }
	@echo "druckwerk: preflight of out/print/*.pdf passed (report: out/preflight.txt)"
	@touch $@

# The README's picture: page 5 of the German and the Arabic welcome folder.
out/preview.png: out/.stamp
	$(Q)pdftoppm -r 45 -f 6 -l 6 -singlefile out/office/welcome-folder.de.pdf $(BUILD)/prev-de
	$(Q)pdftoppm -r 45 -f 6 -l 6 -singlefile out/office/welcome-folder.ar.pdf $(BUILD)/prev-ar
	$(Q)pnmcat -white -lr -jcenter $(BUILD)/prev-de.ppm $(BUILD)/prev-ar.ppm | pnmpad -white -left 6 -right 6 -top 6 -bottom 6 | pnmtopng -compression 9 > $@.tmp
	$(Q)mv $@.tmp $@

# The README's big picture (committed, < 400 KB): a cover, a divider with
# its pictogram and a page of the course list, German and Arabic side by
# side, the pages found by their content (tests/readme_picture.py).
readme-picture: out/.stamp
	$(Q)/usr/bin/python3 tests/readme_picture.py out out/readme-picture.png

# ---- tests ---------------------------------------------------------------
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# tests/unit/lib/: what several unit tests share (fonts, a shaper, CHECK)
TEST_LIB := tests/unit/lib/world.c
$(BUILD)/tests/%: tests/unit/%.c $(TEST_LIB) tests/unit/lib/world.h $(OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(WARN) $(CFLAGS) $(PKGCFLAGS) -Isrc -o $@ $< $(TEST_LIB) $(OBJ) $(PKGLIBS)

# The fuzz harness is test code, not part of the binary: the replay links it.
FUZZ_ONE := tests/fuzz/fuzz_one.c
$(BUILD)/tests/test_fuzz_replay: tests/unit/test_fuzz_replay.c $(FUZZ_ONE) tests/fuzz/fuzz_one.h $(OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(PKGCFLAGS) -Isrc -o $@ $< $(FUZZ_ONE) $(OBJ) $(PKGLIBS)

# pdf.js, an independent PDF reader for the tests, pinned in tests/js/package-lock.json
# (npm registry; pdfjs-dist 5.4 is the last line that runs on Node.js 20)
JS := tests/js/node_modules/pdfjs-dist/package.json
$(JS): tests/js/package.json tests/js/package-lock.json
	@command -v npm >/dev/null || { echo "druckwerk: the tests need Node.js and npm (pdf.js)"; exit 1; }
	$(Q)cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

check: WERROR = -Werror
check: deps $(BIN) $(UNIT_BIN) $(ICC) $(HYPH) $(JS)
	@BUILD=$(BUILD) DRUCKWERK=./$(BIN) PKGCFLAGS="$(PKGCFLAGS)" sh tests/run.sh

# the compiler flags of the libraries (tests/t_haru.sh compiles with clang)
pkgcflags:
	@echo $(PKGCFLAGS)

# Rewrites the reference renders and the text goldens (tests/golden/*.expect);
# review the diff before committing it.
golden-update: $(BIN)
	@BUILD=$(BUILD) DRUCKWERK=./$(BIN) GOLDEN_UPDATE=1 sh tests/run.sh render
	@BUILD=$(BUILD) DRUCKWERK=./$(BIN) GOLDEN_UPDATE=1 sh tests/run.sh golden

# clang and its sanitizer runtimes, for asan and fuzz only
sanitizer-deps:
	@missing=$$(for p in $(FUZZ_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "druckwerk: installing Debian packages:" $$missing; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -q --no-install-recommends $$missing; fi

asan: deps sanitizer-deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$(MAKE) BUILD=build-asan BIN=build-asan/druckwerk CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -DDW_ARENA_DEBUG" \
	    LDFLAGS="-fsanitize=address,undefined" check

# ---- fuzzing -------------------------------------------------------------
FUZZ_SECONDS ?= 600
fuzz: deps sanitizer-deps
	$(MAKE) BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -DDW_ARENA_DEBUG" \
	    build-fuzz/fuzz-content
	mkdir -p build-fuzz/corpus
	build-fuzz/fuzz-content -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -dict=tests/fuzz/content.dict -artifact_prefix=build-fuzz/ \
	    build-fuzz/corpus tests/fuzz/corpus
	$(MAKE) BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -DDW_ARENA_DEBUG" \
	    build-fuzz/fuzz-image build-fuzz/fuzz-text
	mkdir -p build-fuzz/corpus-image build-fuzz/corpus-text
	# libharu 2.3 leaks 136 bytes when it refuses an image (inside
	# HPDF_LoadPngImageFromFile): not ours, and not a crash
	ASAN_OPTIONS=detect_leaks=0 \
	build-fuzz/fuzz-image -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build-fuzz/image- build-fuzz/corpus-image tests/fuzz/corpus-image
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	build-fuzz/fuzz-text -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=2048 \
	    -max_len=4096 -artifact_prefix=build-fuzz/text- build-fuzz/corpus-text tests/fuzz/corpus-text

FUZZ_PDF := tests/fuzz/fuzz_pdf.c
build-fuzz/fuzz-image: tests/fuzz/fuzz_image.c $(FUZZ_PDF) tests/fuzz/fuzz_pdf.h $(OBJ)
	$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer,address,undefined $(PKGCFLAGS) -Isrc \
	    -o $@ $< $(FUZZ_PDF) $(OBJ) $(PKGLIBS)

build-fuzz/fuzz-text: tests/fuzz/fuzz_text.c $(FUZZ_PDF) tests/fuzz/fuzz_pdf.h $(OBJ)
	$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer,address,undefined $(PKGCFLAGS) -Isrc \
	    -o $@ $< $(FUZZ_PDF) $(OBJ) $(PKGLIBS)

build-fuzz/fuzz-content: tests/fuzz/fuzz_content.c $(FUZZ_ONE) tests/fuzz/fuzz_one.h $(OBJ)
	$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer,address,undefined $(PKGCFLAGS) -Isrc \
	    -o $@ $< $(FUZZ_ONE) $(OBJ) $(PKGLIBS)

bench: deps $(BIN)
	@sh tests/bench.sh

# ---- install -------------------------------------------------------------
# The data folder is laid out like the source tree, so the binary's default
# paths (content, layouts/…, fonts/fonts.yaml, build/FOGRA39L.icc) resolve
# in it unchanged.
install: deps $(BIN) $(ICC) $(HYPH)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/build
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/druckwerk
	install -m 644 druckwerk.1 $(DESTDIR)$(MANDIR)/man1/druckwerk.1
	install -m 644 $(ICC) $(DESTDIR)$(DATADIR)/build/FOGRA39L.icc
	for f in build/hyphen/*.dic; do \
	    install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done
	for f in $$(find content layouts fonts -type f); do \
	    install -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/druckwerk $(DESTDIR)$(MANDIR)/man1/druckwerk.1
	rm -rf $(DESTDIR)$(DATADIR)

# ---- static analysis -------------------------------------------------------
# cppcheck's warning, portability and performance checks (not its style
# opinions); a finding fails the target.  Debian's cppcheck 2.10.
ANALYZE_PACKAGES := cppcheck
analyze:
	@command -v cppcheck >/dev/null || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get install -y -q --no-install-recommends $(ANALYZE_PACKAGES); }
	cppcheck --quiet --std=c11 --enable=warning,portability,performance --inline-suppr \
	    -D_GNU_SOURCE -Isrc --error-exitcode=1 src tests/unit tests/fuzz/*.c
	@echo "druckwerk: cppcheck found nothing"

clean:
	rm -rf build build-asan build-fuzz druckwerk out/.stamp
