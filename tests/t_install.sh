#!/bin/sh
# make install into a scratch DESTDIR, the installed binary run elsewhere; --help, man page and README agree.
exec python3 tests/lib/install_test.py
