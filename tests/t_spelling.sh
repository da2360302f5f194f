#!/bin/sh
# check --spelling (issue 19): a planted misspelling per language, against Hunspell via ctypes.
exec python3 tests/lib/spelling_test.py
