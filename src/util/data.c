/*
 * data.c — where the data druckwerk reads lives: content/, layouts/,
 * fonts/fonts.yaml and the colour profile build/FOGRA39L.icc.  Their
 * default paths are relative: in a source checkout (or any folder that
 * has content/) they are read from the current folder, as always.  An
 * installed druckwerk run elsewhere finds them in its data folder, laid
 * out like the source tree: first share/druckwerk beside the binary's
 * bin/ (so a DESTDIR or relocated install works), then DW_DATADIR, which
 * make sets to $(PREFIX)/share/druckwerk.
 */
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DW_DATADIR
#define DW_DATADIR "/usr/local/share/druckwerk"
#endif

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* <folder of the running binary>/../share/druckwerk, resolved, or "" when
 * there is none (/proc/self/exe: Linux).                                */
static void beside_binary(char out[PATH_MAX])
{
    char exe[PATH_MAX], dir[PATH_MAX + 32];
    out[0] = 0;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = 0; /* …/bin */
    snprintf(dir, sizeof dir, "%s/../share/druckwerk", exe);
    if (!realpath(dir, out))
        out[0] = 0;
}

const char *dw_data_path(dw_arena *a, const char *path)
{
    struct stat st;
    if (!path || path[0] == '/' || exists(path) ||
        (stat("content", &st) == 0 && S_ISDIR(st.st_mode)))
        return path;
    char dir[PATH_MAX];
    beside_binary(dir);
    const char *const dirs[] = {dir, DW_DATADIR};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        if (!dirs[i][0])
            continue;
        const char *p = dw_sprintf(a, "%s/%s", dirs[i], path);
        if (exists(p))
            return p;
    }
    return path;
}
