#!/bin/sh
# Whole-build read-back: reproducibility, atomic failure, variants.
exec python3 tests/lib/pdf_test.py
