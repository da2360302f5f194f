#!/bin/sh
# import-courses (issue 20): CSV -> courses.yaml against Python csv and PyYAML.
exec python3 tests/lib/import_test.py
