/*
 * document.c — preflight's document-level checks: the PDF/X version in
 * Info and XMP, the output intent, metadata, /Trapped, the file /ID,
 * and actions, scripts, attached files and forms.
 */
#include "preflight_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An action dictionary (and its /Next chain): only GoTo is harmless. */
void pf_check_action(pf *p, qpdf_oh a, const char *object, int depth)
{
    if (!qpdf_oh_is_dictionary(p->q, a) || depth > 8)
        return;
    qpdf_oh s = qpdf_oh_get_key(p->q, a, "/S");
    const char *kind = qpdf_oh_is_name(p->q, s) ? qpdf_oh_get_name(p->q, s) : "?";
    if (strcmp(kind, "/GoTo") != 0 && strcmp(kind, "/URI") != 0 && strcmp(kind, "/Named") != 0)
        pf_found(p, 2, "security", object, "remove the action (PDF/X-4 allows no scripts or launches)",
                 "a %s action", kind + (kind[0] == '/'));
    pf_check_action(p, qpdf_oh_get_key(p->q, a, "/Next"), object, depth + 1);
}

void pf_check_aa(pf *p, qpdf_oh dict, const char *object)
{
    qpdf_oh aa = qpdf_oh_get_key(p->q, dict, "/AA");
    if (qpdf_oh_is_dictionary(p->q, aa))
        pf_found(p, 2, "security", object, "remove the additional actions",
                 "additional actions (/AA, not allowed in PDF/X-4)");
}

void pf_check_pdfx(pf *p)
{
    qpdf_oh root = qpdf_get_root(p->q);
    /* qpdf returns its strings in one buffer, reused by the next call:
     * copy each before asking again (the report said /False)           */
    char info_v[64] = "";
    const char *iv = qpdf_get_info_key(p->q, "/GTS_PDFXVersion");
    if (iv)
        snprintf(info_v, sizeof info_v, "%s", iv);
    bool has_title = qpdf_get_info_key(p->q, "/Title") != NULL;
    bool has_cd = qpdf_get_info_key(p->q, "/CreationDate") != NULL;
    bool has_md = qpdf_get_info_key(p->q, "/ModDate") != NULL;
    char xmp_v[64] = "";
    bool xmp = false, xmp_title = false;
    qpdf_oh meta = qpdf_oh_get_key(p->q, root, "/Metadata");
    unsigned char *md = NULL;
    size_t ml = 0;
    if (qpdf_oh_is_stream(p->q, meta) &&
        !(qpdf_oh_get_stream_data(p->q, meta, qpdf_dl_generalized, NULL, &md, &ml) & QPDF_ERRORS)) {
        xmp = ml > 0;
        const char *at = ml ? memmem(md, ml, "GTS_PDFXVersion>", 16) : NULL;
        if (at) {
            at += 16;
            size_t k = 0;
            while (at + k < (const char *)md + ml && at[k] != '<' && k + 1 < sizeof xmp_v) {
                xmp_v[k] = at[k];
                k++;
            }
            xmp_v[k] = 0;
        }
        xmp_title = ml && memmem(md, ml, "<dc:title", 9) != NULL;
        free(md);
    }
    const char *v = info_v[0] ? info_v : xmp_v;
    if (!info_v[0] && !xmp_v[0])
        pf_found(p, 2, "PDF/X", "Info dictionary", "export as PDF/X-4",
                 "no PDF/X version key (GTS_PDFXVersion)");
    else if (strncmp(v, "PDF/X-4", 7) != 0)
        pf_found(p, 2, "PDF/X", "Info dictionary", "export as PDF/X-4", "version %s, not PDF/X-4", v);
    if (!xmp)
        pf_found(p, 2, "metadata", "catalog /Metadata", "export as PDF/X-4 (it writes XMP metadata)",
                 "no XMP metadata");
    else if (!xmp_v[0])
        pf_found(p, 2, "metadata", "XMP metadata", "export as PDF/X-4 (pdfxid:GTS_PDFXVersion)",
                 "XMP without the PDF/X version");
    else if (info_v[0] && strcmp(info_v, xmp_v) != 0)
        pf_found(p, 2, "metadata", "XMP metadata", "export again: Info and XMP must agree",
                 "XMP says %s, Info says %s", xmp_v, info_v);
    if (!has_title)
        pf_found(p, 2, "metadata", "Info dictionary", "give the document a title", "no /Title");
    if (xmp && !xmp_title)
        pf_found(p, 2, "metadata", "XMP metadata", "give the document a title (dc:title)",
                 "XMP without dc:title");
    if (!has_cd || !has_md)
        pf_found(p, 2, "metadata", "Info dictionary", "export again with dates",
                 "no %s", !has_cd ? "/CreationDate" : "/ModDate");
    qpdf_oh id = qpdf_oh_get_key(p->q, qpdf_get_trailer(p->q), "/ID");
    if (!qpdf_oh_is_array(p->q, id) || qpdf_oh_get_array_n_items(p->q, id) != 2)
        pf_found(p, 2, "metadata", "trailer", "export again (PDF/X needs a file identifier)",
                 "no /ID");
    const char *ver = qpdf_get_pdf_version(p->q);
    if (ver && strcmp(ver, "1.6") > 0)
        pf_found(p, 2, "PDF/X", "file header", "export as PDF 1.6 (PDF/X-4)", "PDF %s", ver);

    qpdf_oh ois = qpdf_oh_get_key(p->q, root, "/OutputIntents");
    int intents = 0;
    bool cmyk = false;
    char cond[128] = "";
    int n = qpdf_oh_is_array(p->q, ois) ? qpdf_oh_get_array_n_items(p->q, ois) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh oi = qpdf_oh_get_array_item(p->q, ois, i);
        if (!pf_is_name(p, qpdf_oh_get_key(p->q, oi, "/S"), "/GTS_PDFX"))
            continue;
        intents++;
        qpdf_oh cid = qpdf_oh_get_key(p->q, oi, "/OutputConditionIdentifier");
        if (qpdf_oh_is_string(p->q, cid))
            snprintf(cond, sizeof cond, "%s", qpdf_oh_get_utf8_value(p->q, cid));
        qpdf_oh prof = qpdf_oh_get_key(p->q, oi, "/DestOutputProfile");
        if (qpdf_oh_is_stream(p->q, prof)) {
            qpdf_oh nn = qpdf_oh_get_key(p->q, qpdf_oh_get_dict(p->q, prof), "/N");
            cmyk = qpdf_oh_is_integer(p->q, nn) && qpdf_oh_get_int_value(p->q, nn) == 4;
            if (!cmyk)
                pf_found(p, 2, "PDF/X", "output intent", "use a CMYK output profile (FOGRA39)",
                         "output intent is not CMYK");
        } else {
            pf_found(p, 2, "PDF/X", "output intent", "embed the output profile (PDF/X-4 needs it)",
                     "output intent without DestOutputProfile");
        }
    }
    if (!intents)
        pf_found(p, 2, "PDF/X", "catalog /OutputIntents", "export as PDF/X-4 with FOGRA39",
                 "no GTS_PDFX output intent");
    else if (intents > 1)
        pf_found(p, 2, "PDF/X", "catalog /OutputIntents", "keep one PDF/X output intent",
                 "%d GTS_PDFX output intents", intents);
    /* /Trapped is a name (/True, /False), which qpdf_get_info_key skips */
    qpdf_oh tr = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, qpdf_get_trailer(p->q), "/Info"), "/Trapped");
    char trapped[32] = "";
    if (qpdf_oh_is_name(p->q, tr))
        snprintf(trapped, sizeof trapped, "%s", qpdf_oh_get_name(p->q, tr) + 1);
    if (!trapped[0])
        pf_found(p, 2, "PDF/X", "Info dictionary", "set /Trapped to False (or True if trapped)",
                 "no /Trapped in the document information");
    else if (strcmp(trapped, "True") != 0 && strcmp(trapped, "False") != 0)
        pf_found(p, 2, "PDF/X", "Info dictionary", "set /Trapped to False (or True if trapped)",
                 "/Trapped /%s (PDF/X needs True or False)", trapped);
    snprintf(p->pdfx_summary, sizeof p->pdfx_summary, "%s, output intent %s (CMYK), Trapped %s",
             v[0] ? v : "?", cond[0] ? cond : "(unnamed)", trapped[0] ? trapped : "?");

    /* actions and scripts */
    pf_check_action(p, qpdf_oh_get_key(p->q, root, "/OpenAction"), "catalog /OpenAction", 0);
    pf_check_aa(p, root, "catalog");
    qpdf_oh names = qpdf_oh_get_key(p->q, root, "/Names");
    if (qpdf_oh_has_key(p->q, names, "/JavaScript"))
        pf_found(p, 2, "security", "catalog /Names /JavaScript", "remove the scripts", "JavaScript");
    if (qpdf_oh_has_key(p->q, names, "/EmbeddedFiles"))
        pf_found(p, 1, "security", "catalog /Names /EmbeddedFiles", "remove the attached files",
                 "attached files");
    if (qpdf_oh_has_key(p->q, root, "/AcroForm"))
        pf_found(p, 1, "security", "catalog /AcroForm", "flatten the form fields", "a form");
}
