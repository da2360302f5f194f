#!/bin/sh
# Render regression against reviewed reference pages.
exec python3 tests/lib/render_test.py
