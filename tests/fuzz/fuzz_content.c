/*
 * fuzz_content.c — libFuzzer target for the content stage (`make fuzz`).
 * Every input goes through dw_content_fuzz_one (tests/fuzz/fuzz_one.c):
 * loaded as a document, contacts, courses and language file, checked,
 * and parsed as inline markup.  Seeds: tests/fuzz/corpus/.  An input that
 * crashes is kept in tests/fuzz/crashes/ once fixed; `make check` replays
 * both folders with a plain main() (tests/unit/test_fuzz_replay.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dw_content_fuzz_one(data, size);
    return 0;
}
