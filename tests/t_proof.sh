#!/bin/sh
# Page make-up proof over the real and generated content, cross-checked
# with poppler (issue 14).
exec python3 tests/lib/proof_test.py
