#!/bin/sh
# Copy and search in Arabic and Persian: poppler and pdf.js against the source (issues 13, 16).
exec /usr/bin/python3 tests/lib/extract_test.py
