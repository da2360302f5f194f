#!/bin/sh
# druckwerk preflight.
exec python3 tests/lib/preflight_test.py
