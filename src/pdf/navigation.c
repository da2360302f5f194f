/*
 * navigation.c — what takes a reader around a file: link annotations
 * (to addresses and to pages, with their structure parents in a tagged
 * file), outlines (bookmarks) and page labels.
 */
#include "pdf_int.h"

void dw_pdf_show_links(dw_pdf *p, int k, bool pages)
{
    const draw_page *dp = &p->g->pages[k];
    pdf_shown *sh = &p->shown[k];
    if (sh->page < 0 || p->info.no_links)
        return;
    HPDF_Page page = p->pages[sh->page];
    for (size_t i = 0; i < dp->n_links; i++) {
        const draw_link *l = &dp->links[i];
        if ((l->uri == NULL) != pages)
            continue;
        HPDF_Rect r = {(HPDF_REAL)(sh->x + l->x), (HPDF_REAL)(sh->y + l->y),
                       (HPDF_REAL)(sh->x + l->x + l->w), (HPDF_REAL)(sh->y + l->y + l->h)};
        HPDF_Annotation a;
        if (l->uri) {
            a = HPDF_Page_CreateURILinkAnnot(page, r, l->uri);
        } else {
            const pdf_shown *to = &p->shown[l->page];
            if (to->page < 0)
                continue;
            HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[to->page]);
            HPDF_Destination_SetFitH(dst, (HPDF_REAL)(to->y + l->top)); /* SetXYZ refuses zoom 0 */
            a = HPDF_Page_CreateLinkAnnot(page, r, dst);
        }
        if (!a)
            continue;
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4); /* print flag: required by PDF/A */
        if (!p->info.tagged || l->se == DW_SE_DOC)
            continue;
        /* Tagged PDF (PDF/UA-1 7.18): a /StructParent into the ParentTree
         * (keys after the pages', from ANNOT_KEYS) and a /Contents
         * description; the OBJR kid is written with the tree.            */
        if (!sh->annots)
            sh->annots = dw_alloc_array(p->arena, dp->n_links, sizeof *sh->annots);
        sh->annots[i] = a;
        HPDF_Dict_AddNumber(a, "StructParent", (HPDF_INT32)(ANNOT_KEYS + p->n_annots));
        HPDF_Dict_Add(a, "Contents", dw_pdf_text_string(p, l->description));
        p->annot_se = dw_arena_grow(p->arena, p->annot_se, p->n_annots, &p->cap_annots,
                                    sizeof *p->annot_se, 16);
        p->annot_se[p->n_annots++] = l->se;
    }
}

void dw_pdf_page_links(dw_pdf *p)
{
    for (size_t k = 0; k < p->g->n_pages; k++)
        dw_pdf_show_links(p, (int)k, true);
}

void dw_pdf_outline(dw_pdf *p, int level, const char *title, int page, double top)
{
    if (level < 1 || level > 7 || page < 0 || (size_t)page >= p->n_pages)
        return;
    HPDF_Outline parent = level > 1 ? p->outline_stack[level - 1] : NULL;
    HPDF_Outline o = HPDF_CreateOutline(p->doc, parent, "", NULL);
    if (!o)
        return;
    /* libharu writes titles in PDFDocEncoding: replace with UTF-16BE */
    HPDF_Dict_Add(o, "Title", dw_pdf_text_string(p, title));
    /* The destination as a direct array: libharu's is an indirect object,
     * which PDFBox's PDF/A check cannot read as a destination (1.2.3);
     * /Type /Outlines belongs to the outline root only.                 */
    HPDF_Array dst = HPDF_Array_New(dw_haru_mmgr(p->doc));
    HPDF_Array_Add(dst, p->pages[page]);
    HPDF_Array_AddName(dst, "FitH"); /* XYZ with zoom 0 is refused by libharu */
    HPDF_Array_AddReal(dst, (HPDF_REAL)top);
    HPDF_Dict_Add(o, "Dest", dst);
    HPDF_Dict_RemoveElement(o, "Type");
    HPDF_Outline_SetOpened(o, HPDF_FALSE);
    p->outline_stack[level] = o;
}

void dw_pdf_page_labels(dw_pdf *p, int first)
{
    if (first > 0)
        HPDF_AddPageLabel(p->doc, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, "");
    HPDF_AddPageLabel(p->doc, (HPDF_UINT)first, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, "");
}
