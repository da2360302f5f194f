/*
 * load.c — the content folder → one dw_content.  Finds the files, reads
 * them, and hands each to yaml.c and then to the schema its place under
 * content/ calls for (shared.c, document.c).  Order matters because later
 * files refer to earlier ones: languages, contacts, courses, documents.
 * Languages are ordered German first, then by code; documents by
 * dw_doc_names and then by language.
 */
#include "content_int.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* "welcome-folder/ar.yaml" → dir "welcome-folder", stem "ar"; false if
 * `as` does not end in ".yaml".  dir is NULL when `as` has no folder.   */
static bool split_as(dw_arena *a, const char *as, const char **dir, const char **stem)
{
    size_t len = strlen(as);
    if (len < 6 || strcmp(as + len - 5, ".yaml") != 0)
        return false;
    const char *slash = NULL;
    for (const char *p = as; *p; p++)
        if (*p == '/')
            slash = p;
    const char *base = slash ? slash + 1 : as;
    *stem = dw_strndup(a, base, (size_t)(as + len - 5 - base));
    *dir = NULL;
    if (slash) {
        const char *start = slash;
        while (start > as && start[-1] != '/')
            start--;
        *dir = dw_strndup(a, start, (size_t)(slash - start));
    }
    return true;
}

bool dw_content_load_mem(dw_content *c, const char *path, const char *as,
                         const char *data, size_t len, dw_arena *a, dw_diag *d)
{
    int before = d->errors;
    dw_ctx x = {c, a, dw_arena_new(), d, dw_strdup(a, path), data, len};
    const char *dir = NULL, *stem = NULL;
    dw_ynode *root = NULL;
    if (!split_as(x.tmp, as, &dir, &stem)) {
        dw_error(d, (dw_loc){x.file, 0, 0}, "content files end in .yaml");
        goto done;
    }
    if (!dw_yaml_parse(x.tmp, x.file, data, len, &root, d))
        goto done;
    if (!dir && strcmp(stem, "contacts") == 0)
        dw_load_contacts(&x, root);
    else if (!dir && strcmp(stem, "courses") == 0)
        dw_load_courses(&x, root);
    else if (dir && strcmp(dir, "languages") == 0)
        dw_load_lang(&x, root, stem);
    else if (dir)
        dw_load_document(&x, root, dir, stem);
    else
        dw_error(d, (dw_loc){x.file, 0, 0},
                 "druckwerk does not use this file: content/ holds languages/, "
                 "contacts.yaml, courses.yaml and one folder per document");
done:
    dw_arena_free(x.tmp);
    return d->errors == before;
}

bool dw_content_load_as(dw_content *c, const char *path, const char *as, dw_arena *a,
                        dw_diag *d)
{
    size_t len;
    char *data = dw_read_file(path, &len);
    if (!data) {
        dw_error(d, (dw_loc){dw_strdup(a, path), 0, 0}, "cannot read the file: %s",
                 dw_read_strerror(errno));
        return false;
    }
    bool ok = dw_content_load_mem(c, path, as, data, len, a, d);
    free(data);
    return ok;
}

bool dw_content_load_doc_file(dw_content *c, const char *path, dw_arena *a, dw_diag *d)
{
    /* the last two parts of the path: "<document>/<lang>.yaml" */
    const char *as = path + strlen(path);
    int slashes = 0;
    while (as > path && !(as[-1] == '/' && ++slashes == 2))
        as--;
    if (!strchr(as, '/')) {
        dw_error(d, (dw_loc){dw_strdup(a, path), 0, 0},
                 "a document file lives in its document's folder, e.g. "
                 "content/welcome-folder/de.yaml");
        return false;
    }
    return dw_content_load_as(c, path, as, a, d);
}

/* ---- the folder ------------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Names in dir (sorted, in tmp), only those ending in suffix (if given)
 * or naming folders (if suffix is NULL).  *n = 0 when dir is unreadable. */
static const char **list_dir(dw_arena *tmp, const char *dir, const char *suffix, size_t *n)
{
    const char **names = NULL;
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp)
        return NULL;
    struct dirent *e;
    while ((e = readdir(dp))) {
        const char *name = e->d_name;
        size_t len = strlen(name);
        if (name[0] == '.')
            continue;
        if (suffix) {
            size_t sl = strlen(suffix);
            if (len <= sl || strcmp(name + len - sl, suffix) != 0)
                continue;
        } else if (!is_dir(dw_sprintf(tmp, "%s/%s", dir, name))) {
            continue;
        }
        names = dw_grow(tmp, names, *n, sizeof *names);
        names[(*n)++] = dw_strdup(tmp, name);
    }
    closedir(dp);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

static int cmp_lang(const void *pa, const void *pb)
{
    const dw_lang *a = pa, *b = pb;
    bool da = strcmp(a->code, DW_SOURCE_LANG) == 0, db = strcmp(b->code, DW_SOURCE_LANG) == 0;
    if (da != db)
        return da ? -1 : 1;
    return strcmp(a->code, b->code);
}

static long doc_rank(const dw_content *c, const dw_doc *d)
{
    long r = 0;
    while (dw_doc_names[r] && strcmp(dw_doc_names[r], d->name) != 0)
        r++;
    return r * (long)(c->n_langs + 1) + (long)(d->lang - c->langs);
}

/* Insertion sort: a few dozen documents, and qsort has no context. */
static void sort_docs(dw_content *c)
{
    for (size_t i = 1; i < c->n_docs; i++) {
        dw_doc t = c->docs[i];
        size_t j = i;
        for (; j > 0 && doc_rank(c, &c->docs[j - 1]) > doc_rank(c, &t); j--)
            c->docs[j] = c->docs[j - 1];
        c->docs[j] = t;
    }
}

/* Whether path (a file or folder under the content folder) leads, through
 * a symbolic link, out of it; reported as an error at path if so.  What
 * goes into the PDFs is what lies in content/: a link to a home folder or
 * a colleague's share would print files nobody reviewed there (images
 * are held to the same rule in document.c).  A link that stays inside
 * content/ is fine; a broken one is left to the reader's message.       */
static bool outside_content(const dw_content *c, const char *path, const char *what,
                            dw_arena *a, dw_diag *d)
{
    char real[PATH_MAX], root[PATH_MAX];
    if (!c->dir || !realpath(c->dir, root) || !realpath(path, real))
        return false;
    size_t n = strlen(root);
    if (strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == 0))
        return false;
    dw_error(d, (dw_loc){dw_strdup(a, path), 0, 0},
             "this %s lies outside content/ (a symbolic link leads to %s): copy it into "
             "content/ instead of linking it", what, real);
    return true;
}

/* A YAML file of the content folder, if it lies inside it. */
static void load_inside(dw_content *c, const char *path, const char *as, dw_arena *a,
                        dw_diag *d)
{
    if (!outside_content(c, path, "file", a, d))
        dw_content_load_as(c, path, as, a, d);
}

static void load_shared(dw_content *c, const char *dir, const char *name, dw_arena *a,
                        dw_arena *tmp, dw_diag *d)
{
    const char *path = dw_sprintf(tmp, "%s/%s", dir, name);
    struct stat st;
    if (stat(path, &st) != 0) {
        dw_error(d, (dw_loc){dw_strdup(a, path), 0, 0},
                 "the file is missing: every document needs %s (see content/README.md)",
                 name);
        return;
    }
    load_inside(c, path, name, a, d);
}

static const char *doc_folder(const char *name)
{
    for (size_t i = 0; dw_doc_names[i]; i++)
        if (strcmp(dw_doc_names[i], name) == 0)
            return dw_doc_names[i];
    return NULL;
}

bool dw_content_load(dw_content *c, const char *dir, dw_arena *a, dw_diag *d)
{
    int before = d->errors;
    dw_arena *tmp = dw_arena_new();
    memset(c, 0, sizeof *c);
    dir = dw_data_path(a, dir); /* an installed druckwerk: its data folder */
    c->dir = dw_strdup(a, dir);
    size_t n;
    if (!is_dir(dir)) {
        dw_error(d, (dw_loc){c->dir, 0, 0},
                 "the content folder does not exist: run druckwerk in the folder that "
                 "holds content/, or name the folder");
        goto done;
    }

    /* 1. languages */
    const char *langs_dir = dw_sprintf(tmp, "%s/languages", dir);
    const char **names = list_dir(tmp, langs_dir, ".yaml", &n);
    if (is_dir(langs_dir) && outside_content(c, langs_dir, "folder", a, d))
        n = 0;
    for (size_t i = 0; i < n; i++)
        load_inside(c, dw_sprintf(tmp, "%s/%s", langs_dir, names[i]),
                    dw_sprintf(tmp, "languages/%s", names[i]), a, d);
    if (c->n_langs)
        qsort(c->langs, c->n_langs, sizeof *c->langs, cmp_lang);
    if (!dw_content_lang(c, DW_SOURCE_LANG))
        dw_error(d, (dw_loc){dw_sprintf(a, "%s/languages/de.yaml", dir), 0, 0},
                 "the file is missing: German is the source of every document");

    /* 2. shared data */
    load_shared(c, dir, "contacts.yaml", a, tmp, d);
    load_shared(c, dir, "courses.yaml", a, tmp, d);

    /* 3. documents, and YAML that nothing reads */
    const char **top = list_dir(tmp, dir, ".yaml", &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(top[i], "contacts.yaml") != 0 && strcmp(top[i], "courses.yaml") != 0)
            dw_warn(d, (dw_loc){dw_sprintf(a, "%s/%s", dir, top[i]), 0, 0},
                    "druckwerk does not read this file: documents belong in their folder, "
                    "e.g. welcome-folder/de.yaml");
    size_t n_dirs;
    const char **dirs = list_dir(tmp, dir, NULL, &n_dirs);
    for (size_t i = 0; i < n_dirs; i++) {
        const char *sub = dw_sprintf(tmp, "%s/%s", dir, dirs[i]);
        const char **files = list_dir(tmp, sub, ".yaml", &n);
        if (strcmp(dirs[i], "languages") == 0 || n == 0)
            continue;
        if (!doc_folder(dirs[i])) {
            const char *near = dw_suggest(dirs[i], dw_doc_names, DW_N_DOCS);
            dw_warn(d, (dw_loc){dw_strdup(a, sub), 0, 0},
                    "druckwerk does not read this folder: documents are %s, %s and %s%s%s%s",
                    dw_doc_names[0], dw_doc_names[1], dw_doc_names[2],
                    near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            continue;
        }
        if (outside_content(c, sub, "folder", a, d))
            continue;
        for (size_t k = 0; k < n; k++)
            load_inside(c, dw_sprintf(tmp, "%s/%s", sub, files[k]),
                        dw_sprintf(tmp, "%s/%s", dirs[i], files[k]), a, d);
    }
    sort_docs(c);
done:
    dw_arena_free(tmp);
    return d->errors == before;
}
