#!/bin/sh
# druckwerk preflight (issue 7).
exec python3 tests/lib/preflight_test.py
