#!/bin/sh
# Link targets (tel:, mailto:, https:) read back with qpdf.
exec python3 tests/lib/link_test.py
