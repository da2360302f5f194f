#!/bin/sh
# Brackets around left-to-right words in Arabic and Persian, broken across
# lines, against FriBiDi's line reordering (issue 13).
exec /usr/bin/python3 tests/lib/bidi_brackets_test.py
