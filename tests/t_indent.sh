#!/bin/sh
# Wrong indentation, made on purpose in real content files, is reported in words at the line (issue 17).
exec python3 tests/lib/indent_test.py
