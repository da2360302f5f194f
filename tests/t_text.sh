#!/bin/sh
# Text path: shaping, bidi, hyphenation, embedding.
exec python3 tests/lib/text_test.py
