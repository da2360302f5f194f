#!/bin/sh
# A German file cut short is never built silently (issue 17).
exec python3 tests/lib/cut_test.py
