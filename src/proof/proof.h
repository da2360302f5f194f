/*
 * proof.h — a typesetter's proof of laid-out pages: reads the display
 * list of a dw_layout (not the content) and lists, by page, the defects
 * one looks for before sending a document to print.  Thresholds are in
 * proof.c and in the README ("Proof").
 */
#ifndef DW_PROOF_H
#define DW_PROOF_H

#include <stdio.h>

#include "../layout/layout.h"

enum dw_proof_class {
    DW_PF_OVERLAP,     /* text over text, or a rule through text */
    DW_PF_FRAME,       /* body text outside its frame, any text off the trim */
    DW_PF_STRANDED,    /* heading last in its column (or a chain of headings) */
    DW_PF_WIDOW,       /* one line of a paragraph alone at a page top or foot */
    DW_PF_EMPTY_LINE,  /* a paragraph or item that ends in an empty line */
    DW_PF_CUT_HEAD,    /* running head that is not the whole (running) title */
    DW_PF_HYPHENS,     /* more than two hyphenated lines in a row */
    DW_PF_LOOSE,       /* interword space wider than LOOSE_RATIO spaces */
    DW_PF_EMPTY_PAGE,  /* a nearly empty page, or a run of blank pages */
    DW_PF_SPLIT,       /* a card or table row across two pages */
    DW_PF_TABLE_HEAD,  /* a table continued without its header row */
    DW_PF_RIVER,       /* word spaces aligned down 3+ lines (layout.h) */
    DW_PF_RAGGED,      /* a ragged paragraph between justified ones */
    DW_PF_SHORT_LAST,  /* a paragraph's last line of a word fragment ("є.") */
    DW_PF_TRACKED,     /* a line whose letters are visibly spaced apart */
    DW_PF_N
};
extern const char *const dw_proof_class_names[DW_PF_N];

typedef struct dw_proof_defect {
    enum dw_proof_class cls;
    int page;             /* 0-based */
    double x, y, w, h;    /* where, in page points (origin bottom left) */
    const char *what;     /* a short description with the text concerned */
} dw_proof_defect;

typedef struct dw_proof {
    dw_proof_defect *v;
    size_t n, cap;
    size_t count[DW_PF_N];
} dw_proof;

/* Proof a laid-out document; the defects live in a. */
void dw_proof_layout(const dw_layout *L, dw_arena *a, dw_proof *out);

/* Print one line per defect, "doc (lang) p.N: class: what". */
void dw_proof_print(const dw_layout *L, const dw_proof *p, FILE *f);

/* A PDF of all pages as thumbnails with each defect marked in red, drawn
 * from the display list (text as grey bars).  False if it cannot be written. */
bool dw_proof_sheet(const dw_layout *L, const dw_proof *p, const char *path);

/* `druckwerk proof`: lay out the selected documents, print their
 * defects and a summary; with sheet_dir, a proof sheet per document.
 * Returns the exit code: 0 no defects, 4 defects, 1 content errors.   */
int dw_proof_cmd(const dw_content *ct, const dw_design *designs, dw_shaper *sh,
                 const char *doc, const char *lang, const char *sheet_dir, dw_diag *d);

#endif
