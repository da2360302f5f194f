#!/bin/sh
# Whole-build read-back: reproducibility, atomic failure, variants (issues 2, 5, 7).
exec python3 tests/lib/pdf_test.py
