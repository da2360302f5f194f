#!/bin/sh
# PDF/UA-1 of every web PDF: Matterhorn machine checkpoints, tree text against the source, /Lang de (issue 16).
exec /usr/bin/python3 tests/lib/pdfua_test.py
