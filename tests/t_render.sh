#!/bin/sh
# Render regression against reviewed reference pages (issue 5).
exec python3 tests/lib/render_test.py
