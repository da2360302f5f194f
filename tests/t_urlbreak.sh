#!/bin/sh
# Web and e-mail addresses break where the Chicago Manual of Style allows, one link over their pieces (issue 14).
exec /usr/bin/python3 tests/lib/urlbreak_test.py
