#!/bin/sh
# --help, druckwerk.1 and the README name the same commands and options (issue 18).
exec python3 tests/lib/cli_test.py
