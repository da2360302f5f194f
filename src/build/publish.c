/*
 * publish.c — staging folder, lock and swap for all-or-nothing builds
 * (see publish.h).  In: the out/ folder named on the command line.  Out:
 * the folder replaced as a whole by the new set, or left as it was.
 */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct dw_publish {
    char *out;     /* as named by the user, for messages */
    char *target;  /* out/ resolved: absolute, no symlinks */
    char *staging; /* <parent>/.<base>.druckwerk-<pid> */
    int lock_fd;
};

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    if (flag == FTW_DP)
        return rmdir(path) != 0 && errno != ENOENT;
    return unlink(path) != 0 && errno != ENOENT;
}

/* rm -rf that never follows a symlink out of the tree */
static void remove_tree(const char *path)
{
    nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Hard links in dst to every file below src (folders made anew): the
 * staged set starts as the old one, at no cost in space.               */
static bool link_tree(int src, int dst, const char *out, dw_diag *d)
{
    DIR *dir = fdopendir(dup(src));
    if (!dir) {
        dw_error(d, dw_loc_none(), "cannot read '%s': %s", out, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *de;
    while (ok && (de = readdir(dir))) {
        const char *n = de->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
            continue;
        struct stat sb;
        if (fstatat(src, n, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            continue; /* gone meanwhile */
        if (S_ISDIR(sb.st_mode)) {
            int s = openat(src, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int t = -1;
            if (s >= 0 && mkdirat(dst, n, sb.st_mode & 07777) == 0)
                t = openat(dst, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            ok = s >= 0 && t >= 0 && link_tree(s, t, out, d);
            if (!ok && (s < 0 || t < 0))
                dw_error(d, dw_loc_none(), "cannot copy the folder '%s/…/%s' for the new set: %s",
                         out, n, strerror(errno));
            if (s >= 0)
                close(s);
            if (t >= 0)
                close(t);
        } else if (linkat(src, n, dst, n, 0) != 0) {
            dw_error(d, dw_loc_none(), "cannot link '%s/…/%s' into the new set: %s", out, n,
                     strerror(errno));
            ok = false;
        }
    }
    closedir(dir);
    return ok;
}

/* Staging folders of builds into the same out/ that were killed: we hold
 * the lock, so none of them is in use.                                  */
static void remove_stale(const char *parent, const char *prefix)
{
    DIR *dir = opendir(parent);
    if (!dir)
        return;
    size_t np = strlen(prefix);
    struct dirent *de;
    while ((de = readdir(dir)))
        if (strncmp(de->d_name, prefix, np) == 0) {
            char *p = dw_xmalloc(strlen(parent) + strlen(de->d_name) + 2);
            sprintf(p, "%s/%s", parent, de->d_name);
            remove_tree(p);
            free(p);
        }
    closedir(dir);
}

static void publish_free(dw_publish *p)
{
    if (!p)
        return;
    if (p->lock_fd >= 0)
        close(p->lock_fd); /* releases the flock */
    free(p->out);
    free(p->target);
    free(p->staging);
    free(p);
}

dw_publish *dw_publish_begin(const char *out, dw_diag *d)
{
    dw_publish *p = dw_xcalloc(1, sizeof *p);
    p->lock_fd = -1;
    p->out = dw_xstrdup(out);
    char lock[PATH_MAX + 16];
    if (!dw_mkdirs(out)) {
        dw_error(d, dw_loc_none(), "cannot create the folder '%s': %s", out, strerror(errno));
        goto fail;
    }
    char real[PATH_MAX];
    if (!realpath(out, real)) {
        dw_error(d, dw_loc_none(), "cannot use the folder '%s': %s", out, strerror(errno));
        goto fail;
    }
    char *slash = strrchr(real, '/');
    if (!slash || slash[1] == 0) {
        dw_error(d, dw_loc_none(), "'%s' is the root folder; name a folder for the PDFs, e.g. "
                 "--out out", out);
        goto fail;
    }
    p->target = dw_xstrdup(real);
    snprintf(lock, sizeof lock, "%s/.lock", real);
    p->lock_fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (p->lock_fd < 0) {
        dw_error(d, dw_loc_none(), "cannot write into '%s' (%s): check that the folder is "
                 "writable", out, strerror(errno));
        goto fail;
    }
    if (flock(p->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        dw_error(d, dw_loc_none(), "another druckwerk is building into '%s' right now: wait "
                 "for it to finish and build again (lock: %s/.lock)", out, out);
        goto fail;
    }
    *slash = 0;
    const char *parent = real[0] ? real : "/";
    char prefix[NAME_MAX + 32];
    snprintf(prefix, sizeof prefix, ".%s.druckwerk-", slash + 1);
    remove_stale(parent, prefix);
    p->staging = dw_xmalloc(strlen(parent) + strlen(prefix) + 24);
    sprintf(p->staging, "%s/%s%ld", strcmp(parent, "/") ? parent : "", prefix, (long)getpid());
    struct stat sb;
    int src = open(p->target, O_RDONLY | O_DIRECTORY | O_CLOEXEC), dst = -1;
    if (src < 0 || fstat(src, &sb) != 0 || mkdir(p->staging, sb.st_mode & 07777) != 0 ||
        (dst = open(p->staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
        dw_error(d, dw_loc_none(), "cannot create the staging folder '%s' beside '%s': %s "
                 "(the folder that holds '%s' must be writable)", p->staging, out,
                 strerror(errno), out);
        if (src >= 0)
            close(src);
        goto fail;
    }
    bool ok = link_tree(src, dst, out, d);
    close(src);
    close(dst);
    if (ok)
        return p;
fail:
    dw_publish_abort(p);
    return NULL;
}

const char *dw_publish_staging(const dw_publish *p)
{
    return p->staging;
}

char *dw_publish_path(dw_publish *p, const char *sub, const char *file, dw_diag *d)
{
    size_t n = strlen(p->staging) + strlen(sub) + strlen(file) + 3;
    char *path = dw_xmalloc(n);
    snprintf(path, n, "%s/%s", p->staging, sub);
    struct stat sb;
    if (lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode))
        unlink(path); /* a symlink or file where the folder goes: never follow it */
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        dw_error(d, dw_loc_none(), "cannot create '%s/%s': %s", p->out, sub, strerror(errno));
        free(path);
        return NULL;
    }
    snprintf(path, n, "%s/%s/%s", p->staging, sub, file);
    return path;
}

bool dw_publish_commit(dw_publish *p, dw_diag *d)
{
    /* the new files on disk before they are visible under out/ */
    int fd = open(p->staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    bool synced = fd >= 0 && syncfs(fd) == 0;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (!synced) {
        dw_error(d, dw_loc_none(), "cannot write the new set for '%s': %s", p->out, strerror(e));
        dw_publish_abort(p);
        return false;
    }
    if (renameat2(AT_FDCWD, p->staging, AT_FDCWD, p->target, RENAME_EXCHANGE) != 0) {
        e = errno;
        dw_error(d, dw_loc_none(), "cannot put the new set in place of '%s': %s%s", p->out,
                 strerror(e), e == EBUSY ? " (a mount point: give a folder inside it)" : "");
        dw_publish_abort(p);
        return false;
    }
    remove_tree(p->staging); /* now the old set */
    publish_free(p);
    return true;
}

void dw_publish_abort(dw_publish *p)
{
    if (!p)
        return;
    if (p->staging)
        remove_tree(p->staging);
    publish_free(p);
}
