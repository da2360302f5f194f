#!/bin/sh
# pdf.js reads every PDF of every variant without warnings; web headings from its structure tree (issue 16).
exec /usr/bin/python3 tests/lib/pdfjs_test.py
