/*
 * cmd.c — `druckwerk proof [--doc NAME] [--lang CODE] [--sheet DIR]`:
 * lays out each selected document and prints its defects by page, then
 * "proof: N defects in M documents".  Exit 0 when there are none, 4
 * when there are (1 for errors in the content).
 */
#include "proof.h"

#include <stdio.h>
#include <string.h>

int dw_proof_cmd(const dw_content *ct, const dw_design *designs, dw_shaper *sh,
                 const char *doc_name, const char *lang, const char *sheet_dir, dw_diag *d)
{
    size_t total = 0, docs = 0, with = 0;
    size_t by_class[DW_PF_N] = {0};
    if (sheet_dir && !dw_mkdirs(sheet_dir)) {
        fprintf(stderr, "druckwerk: cannot create '%s'\n", sheet_dir);
        return 3;
    }
    for (size_t i = 0; i < ct->n_docs; i++) {
        const dw_doc *doc = &ct->docs[i];
        if ((doc_name && strcmp(doc_name, doc->name) != 0) ||
            (lang && strcmp(lang, doc->lang->code) != 0))
            continue;
        int di = -1;
        for (int k = 0; k < DW_N_DOCS; k++)
            if (strcmp(dw_doc_names[k], doc->name) == 0)
                di = k;
        if (di < 0)
            continue;
        dw_arena *a = dw_arena_new();
        dw_layout L;
        if (!dw_layout_doc(doc, &designs[di], sh, a, &L, d)) {
            dw_arena_free(a);
            continue;
        }
        dw_proof p;
        dw_proof_layout(&L, a, &p);
        dw_proof_print(&L, &p, stdout);
        docs++;
        total += p.n;
        with += p.n > 0;
        for (int k = 0; k < DW_PF_N; k++)
            by_class[k] += p.count[k];
        if (sheet_dir) {
            char *path = dw_sprintf(a, "%s/%s.%s.pdf", sheet_dir, doc->name, doc->lang->code);
            if (!dw_proof_sheet(&L, &p, path))
                fprintf(stderr, "druckwerk: cannot write '%s'\n", path);
        }
        dw_arena_free(a);
    }
    dw_diag_print(d, stderr); /* errors, and warnings such as a shortened running head */
    if (d->errors)
        return 1;
    for (int k = 0; k < DW_PF_N; k++)
        printf("class %s %zu\n", dw_proof_class_names[k], by_class[k]);
    printf("proof: %zu defects in %zu of %zu documents\n", total, with, docs);
    return total ? 4 : 0;
}
