/*
 * test_fuzz_replay.c — replays every kept fuzz input (tests/fuzz/crashes/
 * and tests/fuzz/corpus/) through dw_content_fuzz_one, the function the
 * libFuzzer target calls, so that `make check` (and `make asan`) catch a
 * regression without clang's fuzzer runtime.  A crash, a sanitizer report
 * or a broken model invariant (fuzz_one.c aborts) ends the run with a non-zero
 * status, which tests/run.sh reports as FAIL.  Prints "ok fuzz/<folder>"
 * with the number of inputs per folder.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content_int.h"
#include "../fuzz/fuzz_one.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the files in dir; returns how many, or -1 if dir is unreadable. */
static long replay(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return -1;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., .keep */
        names = dw_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = dw_xstrdup(e->d_name);
    }
    closedir(dp);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *data = dw_read_file(path, &len);
        if (data) {
            /* named on stderr first, so a crash says which input it was */
            fprintf(stderr, "replay %s\n", path);
            dw_content_fuzz_one((const uint8_t *)data, len);
        }
        free(data);
        free(names[i]);
    }
    free(names);
    return (long)n;
}

int main(void)
{
    int failed = 0;
    const char *dirs[] = {"tests/fuzz/crashes", "tests/fuzz/corpus"};
    for (size_t i = 0; i < 2; i++) {
        long n = replay(dirs[i]);
        if (n < 0) {
            printf("FAIL fuzz/%s: cannot open the folder\n", dirs[i] + 11);
            failed++;
        } else if (n == 0 && i == 1) {
            printf("FAIL fuzz/corpus: no seed inputs in %s\n", dirs[i]);
            failed++;
        } else {
            printf("ok fuzz/%s (%ld inputs)\n", dirs[i] + 11, n);
        }
    }
    return failed ? 1 : 0;
}
