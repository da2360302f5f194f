#!/bin/sh
# Content checks (issue 20): confirm table and glossary against PyYAML.
exec python3 tests/lib/content_test.py
