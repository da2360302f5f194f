#!/bin/sh
# All-or-nothing builds: failures at every stage, kill -9, locks, planted symlinks (issue 17).
exec python3 tests/lib/atomic_test.py
