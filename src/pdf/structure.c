/*
 * structure.c — the structure tree of a tagged (web) file: the elements
 * the drawing recorded (draw.c) become StructElem objects, with their
 * marked content, links, /ParentTree and /IDTree.
 */
#include "pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The drawing's structure tree as objects of this file: every drawn page
 * is shown once (web).  ParentTree (a number tree with one flat /Nums
 * array): page i's /StructParents i → the elements of its MCIDs, in MCID
 * order; annotations follow from ANNOT_KEYS.                           */
bool dw_pdf_tagged_finish(dw_pdf *p)
{
    const dw_drawing *g = p->g;
    HPDF_MMgr mm = dw_haru_mmgr(p->doc);
    HPDF_Xref xref = dw_haru_xref(p->doc);
    HPDF_Dict root = HPDF_Dict_New(mm), doc = HPDF_Dict_New(mm);
    if (!root || !doc || HPDF_Xref_Add(xref, root) != HPDF_OK || HPDF_Xref_Add(xref, doc) != HPDF_OK)
        return false;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    HPDF_Dict_AddName(doc, "Type", "StructElem");
    HPDF_Dict_AddName(doc, "S", "Document");
    HPDF_Dict_Add(doc, "P", root);
    HPDF_Array doc_kids = HPDF_Array_New(mm);
    HPDF_Dict_Add(doc, "K", doc_kids);
    HPDF_Dict_Add(root, "K", doc);
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(dw_haru_catalog(p->doc), "MarkInfo", mark);
    HPDF_Dict_Add(dw_haru_catalog(p->doc), "StructTreeRoot", root);

    HPDF_Dict *se = dw_xcalloc(g->n_ses + 1, sizeof *se);
    HPDF_Array *kids = dw_xcalloc(g->n_ses + 1, sizeof *kids);
    /* Notes carry an /ID (ISO 14289-1 7.9, Matterhorn 19-003), listed in
     * the root's /IDTree (a name tree: keys in order, zero-padded)      */
    HPDF_Array ids = NULL;
    for (size_t i = 0; i < g->n_ses; i++) {
        const draw_se *s = &g->ses[i];
        se[i] = HPDF_Dict_New(mm);
        HPDF_Xref_Add(xref, se[i]);
        HPDF_Dict_AddName(se[i], "Type", "StructElem");
        HPDF_Dict_AddName(se[i], "S", s->type);
        if (strcmp(s->type, "Note") == 0) {
            char id[32];
            snprintf(id, sizeof id, "note-%06zu", i);
            if (!ids) {
                HPDF_Dict tree = HPDF_Dict_New(mm);
                ids = HPDF_Array_New(mm);
                HPDF_Dict_Add(tree, "Names", ids);
                HPDF_Dict_Add(root, "IDTree", tree);
            }
            HPDF_Dict_Add(se[i], "ID", HPDF_String_New(mm, id, NULL));
            HPDF_Array_Add(ids, HPDF_String_New(mm, id, NULL));
            HPDF_Array_Add(ids, se[i]);
        }
        HPDF_Dict_Add(se[i], "P", s->parent == DW_SE_DOC ? doc : se[s->parent]);
        kids[i] = HPDF_Array_New(mm);
        HPDF_Dict_Add(se[i], "K", kids[i]);
        if (s->lang)
            HPDF_Dict_Add(se[i], "Lang", HPDF_String_New(mm, s->lang, NULL));
        if (s->alt)
            HPDF_Dict_Add(se[i], "Alt", dw_pdf_text_string(p, s->alt));
        if (s->scope_column) {
            HPDF_Dict a = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(a, "O", "Table");
            HPDF_Dict_AddName(a, "Scope", "Column");
            HPDF_Dict_Add(se[i], "A", a);
        }
        /* the element's own /ActualText: readers that take text from the
         * structure tree (poppler's) ignore marked content's            */
        if (s->text.len)
            HPDF_Dict_Add(se[i], "ActualText", dw_pdf_text_string(p, s->text.data));
    }
    /* An element's /Pg is the page of its first marked content; its
     * marked content on that page is listed by MCID alone (an integer
     * kid), on other pages by a marked-content reference (PDF 32000
     * 14.7.4.2): most elements lie on one page, and the web file is
     * mostly structure.                                                */
    int *pg_of = dw_xcalloc(g->n_ses + 1, sizeof *pg_of);
    for (size_t i = 0; i < g->n_ses; i++)
        pg_of[i] = -1;
    for (size_t i = 0; i < g->n_kids; i++) {
        const draw_kid *k = &g->kids[i];
        if (k->kind == KID_MCR && k->se != DW_SE_DOC && pg_of[k->se] < 0 &&
            p->shown[k->a].page >= 0) {
            pg_of[k->se] = p->shown[k->a].page;
            HPDF_Dict_Add(se[k->se], "Pg", p->pages[pg_of[k->se]]);
        }
    }
    for (size_t i = 0; i < g->n_kids; i++) {
        const draw_kid *k = &g->kids[i];
        HPDF_Array to = k->se == DW_SE_DOC ? doc_kids : kids[k->se];
        if (k->kind == KID_SE) {
            HPDF_Array_Add(to, se[k->a]);
        } else if (k->kind == KID_MCR) {
            int pg = p->shown[k->a].page;
            if (pg < 0)
                continue;
            if (k->se != DW_SE_DOC && pg == pg_of[k->se]) {
                HPDF_Array_AddNumber(to, k->b);
                continue;
            }
            HPDF_Dict mcr = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(mcr, "Type", "MCR");
            HPDF_Dict_Add(mcr, "Pg", p->pages[pg]);
            HPDF_Dict_AddNumber(mcr, "MCID", k->b);
            HPDF_Array_Add(to, mcr);
        } else {
            const pdf_shown *sh = &p->shown[k->a];
            if (sh->page < 0 || !sh->annots || !sh->annots[k->b])
                continue;
            HPDF_Dict objr = HPDF_Dict_New(mm);
            HPDF_Dict_AddName(objr, "Type", "OBJR");
            HPDF_Dict_Add(objr, "Pg", p->pages[sh->page]);
            HPDF_Dict_Add(objr, "Obj", sh->annots[k->b]);
            HPDF_Array_Add(to, objr);
        }
    }
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Xref_Add(xref, tree);
    HPDF_Array nums = HPDF_Array_New(mm);
    for (size_t i = 0; i < p->n_pages; i++) {
        HPDF_Dict_AddNumber(p->pages[i], "StructParents", (HPDF_INT32)i);
        HPDF_Dict_AddName(p->pages[i], "Tabs", "S");
        HPDF_Array_AddNumber(nums, (HPDF_INT32)i);
        HPDF_Array a = HPDF_Array_New(mm);
        for (size_t k = 0; k < g->n_pages; k++)
            if (p->shown[k].page == (int)i)
                for (size_t m = 0; m < g->pages[k].n_mcids; m++) {
                    dw_se s = g->pages[k].parents[m];
                    HPDF_Array_Add(a, s == DW_SE_DOC ? doc : se[s]);
                }
        HPDF_Array_Add(nums, a);
    }
    for (size_t i = 0; i < p->n_annots; i++) { /* keys after the pages' */
        HPDF_Array_AddNumber(nums, (HPDF_INT32)(ANNOT_KEYS + i));
        HPDF_Array_Add(nums, se[p->annot_se[i]]);
    }
    HPDF_Dict_Add(tree, "Nums", nums);
    HPDF_Dict_Add(root, "ParentTree", tree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey",
                        (HPDF_INT32)(p->n_annots ? ANNOT_KEYS + p->n_annots : p->n_pages));
    free(se);
    free(kids);
    free(pg_of);
    return dw_pdf_check(p, "writing the structure tree");
}
