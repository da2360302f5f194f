#!/bin/sh
# The translation round trip (export-xliff, import-xliff) read back by
# lxml, PyYAML, translate-toolkit and pdftotext: tests/lib/xliff_test.py.
exec /usr/bin/python3 tests/lib/xliff_test.py
