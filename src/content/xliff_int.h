/*
 * xliff_int.h — private to the XLIFF round trip (xliff.c, xliff_export.c,
 * xliff_import.c): a unit, the walk's state, a German file and its
 * translation, and the functions both directions use.
 */
#ifndef DW_XLIFF_INT_H
#define DW_XLIFF_INT_H

#include <libxml/xmlstring.h>

#include "content_int.h"
#include "xliff.h"

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:1.2"

/* libxml2 strings are unsigned char; its BAD_CAST drops const. */
static inline const xmlChar *X(const char *s)
{
    return (const xmlChar *)s;
}

/* One translatable text. */
typedef struct unit {
    const char *id;        /* its place: "/sections[first-steps]/blocks[3]/p" */
    const dw_ynode *de;    /* the German scalar */
    const dw_ynode *tr;    /* the translation's scalar, or NULL */
    const char *where;     /* for translators: "section title › Die ersten Schritte" */
    const char *target;    /* import: the new text (markup), or NULL */
    char parent;           /* style of the collection holding it ('f': [a, b]) */
    bool seen;             /* import: the XLIFF has it */
} unit;

typedef struct job {
    dw_arena *a;
    dw_diag *d;
    unit *units;
    size_t n, cap;
    bool collect;          /* add units while merging */
} job;
typedef struct pair {
    const char *de_path, *tr_path;
    dw_ynode *de, *tr;  /* tr NULL: no translation yet */
    char *tr_data;      /* the translation's bytes (import keeps its comment) */
    size_t tr_len;
} pair;

/* A scalar node holding s, written in style (as dw_ynode.style). */
dw_ynode *xliff_scalar_node(dw_arena *a, const char *s, char style);
unit *xliff_find_unit(job *j, const char *id);
/* The output node for German node de and translation node tr (either may
 * be NULL only for tr).  text: de lies under a text key.  where: the
 * nearest section or block description, for the translators' notes.     */
dw_ynode *xliff_merge(job *j, const dw_ynode *de, const dw_ynode *tr, const char *path,
                      bool text, const char *where, char parent);
/* de.yaml and <lang>.yaml of dir/doc; false (reported) when the German
 * cannot be read or the names are no document and translation.        */
bool xliff_load_pair(dw_arena *a, const char *dir, const char *doc, const char *lang,
                     pair *p, dw_diag *d);
/* a top-level scalar of root, or "" */
const char *xliff_top_str(const dw_ynode *root, const char *key);
/* inline markup parsed without messages; *ok: it had no errors */
dw_text xliff_parse_quietly(dw_arena *a, const char *s, bool *ok);
/* equal strings, or both NULL */
bool xliff_same_str(const char *x, const char *y);
/* Two markup texts that print the same (escapes and spelling of the
 * markup aside).                                                         */
bool xliff_same_text(dw_arena *a, const char *x, const char *y);

#endif
