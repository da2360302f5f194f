#!/bin/sh
# The course list as a timetable (issue 15), read back with poppler.
exec python3 tests/lib/timetable_test.py
