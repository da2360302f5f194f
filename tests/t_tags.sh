#!/bin/sh
# Tagged PDF of the web variant.
exec python3 tests/lib/tags_test.py
