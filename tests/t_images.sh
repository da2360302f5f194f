#!/bin/sh
# Images in every variant (issues 5, 7, 8).
exec python3 tests/lib/image_test.py
