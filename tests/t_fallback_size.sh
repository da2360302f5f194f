#!/bin/sh
# Latin inside Arabic and Persian at the fallback size of fonts.yaml,
# measured with fontTools and read back with mutool (issue 13).
exec /usr/bin/python3 tests/lib/fallback_size_test.py
