#!/bin/sh
# Vector art, covers and back covers: librsvg, LittleCMS, poppler, pikepdf, PDFBox.
exec python3 tests/lib/art_test.py
