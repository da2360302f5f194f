#!/bin/sh
# Pictograms: each divider's icon has the shape HarfBuzz's hb-view draws.
exec python3 tests/lib/icon_test.py
