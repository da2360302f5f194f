#!/bin/sh
# The locale formatter against Unicode CLDR through python3-babel (issue 13).
exec /usr/bin/python3 tests/lib/format_test.py
