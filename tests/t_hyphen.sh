#!/bin/sh
# Hyphenation against pyphen and libhyphen on Debian's pattern files (issue 13).
# Debian's python3 (pyphen, PyYAML are Debian packages).
exec /usr/bin/python3 tests/lib/hyphen_test.py
