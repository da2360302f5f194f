#!/bin/sh
# check and build agree: images, course dates (issue 17).
exec python3 tests/lib/agree_test.py
