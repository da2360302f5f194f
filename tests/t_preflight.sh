#!/bin/sh
# druckwerk preflight (issues 7, 16): our print PDFs pass, a corpus of made defects is rejected.
exec /usr/bin/python3 tests/lib/preflight_test.py
