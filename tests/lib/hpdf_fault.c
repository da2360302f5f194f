/*
 * hpdf_fault.c — a fault for the test of libharu's errors in words
 * (tests/lib/messages_test.py), loaded with LD_PRELOAD: HPDF_SaveToStream
 * fails with the error code in $HPDF_FAULT (hex), through libharu's own
 * error handler, as a failing write or a damaged font would; "s1017":
 * the code returned without calling the handler (libharu does that too).
 */
#include <hpdf.h>
#include <stdlib.h>

HPDF_STATUS HPDF_SaveToStream(HPDF_Doc pdf)
{
    const char *code = getenv("HPDF_FAULT");
    if (code && code[0] == 's')
        return (HPDF_STATUS)strtoul(code + 1, NULL, 16);
    return HPDF_RaiseError(&pdf->error, (HPDF_STATUS)strtoul(code ? code : "1017", NULL, 16), 0);
}
