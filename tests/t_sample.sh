#!/bin/sh
# Sample data (issue 20): the band on every page that shows it, print refused.
exec python3 tests/lib/sample_test.py
