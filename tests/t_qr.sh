#!/bin/sh
# QR codes on paper decode (zbarimg) to the web addresses in the content.
exec python3 tests/lib/qr_test.py
