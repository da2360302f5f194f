/*
 * profile.h — the --icc colour profile, checked with LittleCMS before a
 * build starts: the print (PDF/X-4) and web (PDF/A-1b) files embed it as
 * their output intent, which must describe a printing condition in CMYK.
 */
#ifndef DW_PROFILE_H
#define DW_PROFILE_H

#include "../util/util.h"

/* A readable ICC profile of the output (printer) class in CMYK; else an
 * error in d that says what the file is and what is needed.            */
bool dw_profile_check(const char *path, dw_diag *d);

#endif
