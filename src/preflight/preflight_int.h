/*
 * preflight_int.h — private to src/preflight: the thresholds, a finding,
 * the state of one file's preflight, and the functions the files share.
 */
#ifndef DW_PREFLIGHT_INT_H
#define DW_PREFLIGHT_INT_H

#include <qpdf/qpdf-c.h>
#include <stdbool.h>
#include <stdio.h>

#include "preflight.h"
#include "../util/util.h"

#define MIN_BLEED_MM 3.0    /* German print shops ask for 3 mm */
#define MAX_TAC 3.0         /* 300 % total area coverage (offset, coated) */
#define MIN_LINE_PT 0.25    /* thinner lines may not print */
#define MIN_PPI 300.0
#define MAX_DEPTH 16        /* form XObjects nested deeper are not followed */

/* One finding: check, page (1-based; 0 the whole document), object,
 * what was found, what to do.                                         */
typedef struct finding {
    int level; /* 1 warning, 2 error */
    const char *check;
    int page;
    char object[96];
    char what[200];
    const char *todo;
} finding;

#define MAX_FINDINGS 400

typedef struct pf {
    qpdf_data q;
    FILE *out;
    bool json;
    int page;                 /* page being scanned, 1-based; 0: document */
    char object[96];          /* the stream being scanned (page content, XObject) */
    finding *f;
    int n_f, dropped;
    int errors, warnings;
    /* findings over the whole file */
    int json_checks;
    int rgb_ops, fonts, fonts_unembedded, images, images_low, transparency;
    double max_tac, thinnest, lowest_ppi;
    char pdfx_summary[200];
    char first_rgb[160], first_font[160];
} pf;

/* ---- report.c ------------------------------------------------------------ */
void pf_json_str(FILE *out, const char *s);
/* A summary line per check (text report); the details are findings. */
void pf_result(pf *p, int level, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Record a finding; the same check, page and object are reported once. */
void pf_found(pf *p, int level, const char *check, const char *object, const char *todo,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* One line per check: its findings, or what was checked. */
void pf_summary(pf *p, const char *check, const char *ok);

/* ---- preflight.c: reading objects ---------------------------------------- */
/* "12 0 R" for an indirect object, else the name it has here */
const char *pf_obj_name(pf *p, qpdf_oh o, const char *name, char *buf, size_t cap);
/* a box (/MediaBox, /Rect, …) normalised: lower left, upper right */
bool pf_get_box(pf *p, qpdf_oh page, const char *key, double box[4]);
bool pf_is_name(pf *p, qpdf_oh o, const char *name);

/* ---- document.c ---------------------------------------------------------- */
/* An action dictionary (and its /Next chain): only GoTo is harmless. */
void pf_check_action(pf *p, qpdf_oh a, const char *object, int depth);
void pf_check_aa(pf *p, qpdf_oh dict, const char *object);
/* PDF/X keys, output intent, metadata, document-level actions */
void pf_check_pdfx(pf *p);

/* ---- content.c ----------------------------------------------------------- */
void pf_scan_resources(pf *p, qpdf_oh res, int depth);
void pf_scan_form(pf *p, qpdf_oh xo, const char *name, const double ctm[6], int depth);
void pf_scan_content(pf *p, const unsigned char *data, size_t len, qpdf_oh res,
                     const double ctm[6], int depth);
void pf_check_group(pf *p, qpdf_oh dict, const char *object);

#endif
