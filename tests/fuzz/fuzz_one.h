/*
 * fuzz_one.h — the fuzz harness of the content stage (fuzz_one.c), shared
 * by the libFuzzer target (fuzz_content.c, `make fuzz`) and the replay of
 * kept inputs in `make check` (tests/unit/test_fuzz_replay.c).  Not part
 * of the druckwerk binary.
 */
#ifndef DW_FUZZ_ONE_H
#define DW_FUZZ_ONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Load data as a document (source and translation), a contacts file, a
 * courses file and a language file against a small built-in content set,
 * then run dw_content_check.  Aborts (so the fuzzer sees a crash) when
 * the loaded model breaks an invariant layout relies on.  Returns true
 * when data loaded as a document without errors.                        */
bool dw_content_fuzz_one(const uint8_t *data, size_t size);

#endif
