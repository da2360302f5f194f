#!/bin/sh
# Digit groups and ranges in Arabic and Persian, read back with poppler (issue 13).
exec /usr/bin/python3 tests/lib/bidi_numbers_test.py
