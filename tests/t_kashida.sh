#!/bin/sh
# Kashida justification of Arabic and Persian: where the kashidas are and that no reader sees them (issue 14).
exec /usr/bin/python3 tests/lib/kashida_test.py
