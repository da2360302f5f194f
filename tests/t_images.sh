#!/bin/sh
# Images in every variant.
exec python3 tests/lib/image_test.py
