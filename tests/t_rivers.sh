#!/bin/sh
# Rivers: the proof against MuPDF's glyph boxes (issue 14).
exec python3 tests/lib/river_test.py
