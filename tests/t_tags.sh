#!/bin/sh
# Tagged PDF of the web variant (issue 8).
exec python3 tests/lib/tags_test.py
