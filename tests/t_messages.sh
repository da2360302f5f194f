#!/bin/sh
# One mistake, one message; hostile files; usage errors (issue 17).
exec python3 tests/lib/messages_test.py
