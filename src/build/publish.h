/*
 * publish.h — all-or-nothing output: a build writes its whole set into a
 * staging folder beside out/ and swaps it in only when every file of it
 * was written.  Any failure before the swap (content, image, font,
 * profile, write error, full disk, a signal, kill -9) leaves out/ as it
 * was; the swap itself is one rename(2) (RENAME_EXCHANGE), so out/ is
 * never a mix of two builds.
 *
 *   dw_publish_begin   lock out/ (flock on out/.lock: two builds into one
 *                      folder wait for nobody and do not mix), remove the
 *                      staging folders a killed build left, and start a
 *                      new one holding hard links to everything in out/
 *                      (a build of one document keeps the others)
 *   dw_publish_path    where to write one file of the set
 *   dw_publish_commit  sync, swap, remove the old set
 *   dw_publish_abort   remove the staging folder; out/ untouched
 *
 * Staging folders are named ".<out>.druckwerk-<pid>" in out/'s parent
 * (the same file system, so the swap is a rename).
 */
#ifndef DW_PUBLISH_H
#define DW_PUBLISH_H

#include "../util/util.h"

typedef struct dw_publish dw_publish;

/* NULL with the reason in d (a lock held by another build, a folder that
 * cannot be created).  out: the folder as the user named it.          */
dw_publish *dw_publish_begin(const char *out, dw_diag *d);
/* "<staging>/<sub>/<file>" with <sub> made a real folder (a symlink or
 * file planted there is removed, never followed).  Heap string (caller
 * frees); NULL with the reason in d.                                   */
char *dw_publish_path(dw_publish *p, const char *sub, const char *file, dw_diag *d);
/* The staging folder's path (to turn it back into out/ in messages). */
const char *dw_publish_staging(const dw_publish *p);
/* Swap the staged set in and free p.  False (out/ unchanged) with the
 * reason in d.                                                         */
bool dw_publish_commit(dw_publish *p, dw_diag *d);
/* Throw the staged set away and free p (NULL is fine). */
void dw_publish_abort(dw_publish *p);

#endif
