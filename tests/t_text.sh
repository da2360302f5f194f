#!/bin/sh
# Text path: shaping, bidi, hyphenation, embedding (issue 3).
exec python3 tests/lib/text_test.py
