/*
 * preflight.c — the checks a German print shop's preflight runs, on any
 * PDF, read back with qpdf's C API (not with our own writer's knowledge):
 *
 *   PDF/X    PDF/X-4 (ISO 15930-7): version key in Info and XMP, equal;
 *            one GTS_PDFX output intent with an embedded CMYK profile
 *            (DestOutputProfile); /Trapped True or False; PDF 1.6 at most
 *   metadata XMP stream, /Title, CreationDate and ModDate, trailer /ID
 *   security no encryption; no JavaScript, Launch or other actions
 *            (OpenAction, /AA, /Names /JavaScript, annotations), no
 *            reference XObjects, PostScript XObjects, OPI, alternate
 *            images or transfer functions
 *   annotations  no printable annotation inside the BleedBox but
 *            TrapNet and PrinterMark (paper has no links)
 *   boxes    TrimBox on every page, BleedBox at least 3 mm outside it,
 *            both inside the MediaBox
 *   fonts    every font embedded (FontFile, FontFile2 or FontFile3)
 *   colour   no RGB and no Lab (operators rg/RG, colour spaces, images,
 *            inline images, shadings, patterns, transparency groups,
 *            annotation appearances), total ink (C+M+Y+K) of every colour
 *            at most 300 %
 *   lines    no stroke thinner than 0.25 pt (hairlines vanish in print)
 *   images   at least 300 ppi at their placed size (below: a warning)
 *   transparency  none (soft masks, constant alpha below 1)
 *
 * The content-stream scanner follows q/Q, cm, w, colour operators and Do;
 * it is a checker, not a renderer: overlapping objects are not composited.
 * Each failure names the page (0: the document), the object and what to
 * do; the report is text, or JSON (--json) for a shop's workflow system.
 *
 * Files: preflight.c (a file, its pages, boxes and annotations),
 * document.c (PDF/X keys, metadata, actions), content.c (content
 * streams and resources: colour, ink, lines, images, transparency),
 * report.c (findings, the text and JSON report).
 */
#include "preflight_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "12 0 R" for an indirect object, else the name it has here */
const char *pf_obj_name(pf *p, qpdf_oh o, const char *name, char *buf, size_t cap)
{
    int id = qpdf_oh_get_object_id(p->q, o);
    if (id > 0)
        snprintf(buf, cap, "%s (%d %d R)", name, id, qpdf_oh_get_generation(p->q, o));
    else
        snprintf(buf, cap, "%s", name);
    return buf;
}

bool pf_get_box(pf *p, qpdf_oh page, const char *key, double box[4])
{
    qpdf_oh a = qpdf_oh_get_key(p->q, page, key);
    if (!qpdf_oh_is_array(p->q, a) || qpdf_oh_get_array_n_items(p->q, a) != 4)
        return false;
    for (int i = 0; i < 4; i++)
        box[i] = qpdf_oh_get_numeric_value(p->q, qpdf_oh_get_array_item(p->q, a, i));
    /* normalise: lower left, upper right */
    if (box[0] > box[2]) {
        double t = box[0];
        box[0] = box[2];
        box[2] = t;
    }
    if (box[1] > box[3]) {
        double t = box[1];
        box[1] = box[3];
        box[3] = t;
    }
    return true;
}

bool pf_is_name(pf *p, qpdf_oh o, const char *name)
{
    return qpdf_oh_is_name(p->q, o) && strcmp(qpdf_oh_get_name(p->q, o), name) == 0;
}

/* Printable annotations inside the bleed: the paper would show them. */
static void check_annots(pf *p, qpdf_oh page, const double bleed[4])
{
    qpdf_oh an = qpdf_oh_get_key(p->q, page, "/Annots");
    int n = qpdf_oh_is_array(p->q, an) ? qpdf_oh_get_array_n_items(p->q, an) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh a = qpdf_oh_get_array_item(p->q, an, i);
        qpdf_oh st = qpdf_oh_get_key(p->q, a, "/Subtype");
        const char *sub = qpdf_oh_is_name(p->q, st) ? qpdf_oh_get_name(p->q, st) : "/?";
        char on[96], nm[48];
        snprintf(nm, sizeof nm, "%s annotation", sub + 1);
        pf_obj_name(p, a, nm, on, sizeof on);
        pf_check_action(p, qpdf_oh_get_key(p->q, a, "/A"), on, 0);
        pf_check_aa(p, a, on);
        if (!strcmp(sub, "/PrinterMark") || !strcmp(sub, "/TrapNet"))
            continue;
        qpdf_oh f = qpdf_oh_get_key(p->q, a, "/F");
        bool printable = qpdf_oh_is_integer(p->q, f) && (qpdf_oh_get_int_value(p->q, f) & 4) &&
                         !(qpdf_oh_get_int_value(p->q, f) & 2);
        double r[4];
        bool inside = pf_get_box(p, a, "/Rect", r) && r[0] < bleed[2] && r[2] > bleed[0] &&
                      r[1] < bleed[3] && r[3] > bleed[1];
        if (printable && inside)
            pf_found(p, 2, "annotations", on, "remove it or make it non-printing (paper has no links "
                     "or comments)", "printable, inside the bleed box");
        /* what its appearance would print */
        qpdf_oh ap = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, a, "/AP"), "/N");
        if (printable && qpdf_oh_is_stream(p->q, ap)) {
            static const double id[6] = {1, 0, 0, 1, 0, 0};
            char apn[96];
            snprintf(apn, sizeof apn, "appearance of %.70s", on);
            pf_scan_form(p, ap, apn, id, 1);
        }
    }
}

static void check_page(pf *p, qpdf_oh page, int *boxed, int *bled, double *min_bleed)
{
    double media[4], trim[4], bleed[4];
    bool m = pf_get_box(p, page, "/MediaBox", media);
    bool has_bleed = false;
    if (pf_get_box(p, page, "/TrimBox", trim) && m) {
        (*boxed)++;
        if (pf_get_box(p, page, "/BleedBox", bleed) && bleed[0] >= media[0] - 0.01 &&
            bleed[1] >= media[1] - 0.01 && bleed[2] <= media[2] + 0.01 && bleed[3] <= media[3] + 0.01) {
            has_bleed = true;
            double b = fmin(fmin(trim[0] - bleed[0], trim[1] - bleed[1]),
                            fmin(bleed[2] - trim[2], bleed[3] - trim[3])) / MM(1.0);
            if (b < *min_bleed)
                *min_bleed = b;
            if (b >= MIN_BLEED_MM - 0.01)
                (*bled)++;
            else
                pf_found(p, 2, "boxes", "page /BleedBox", "extend the background 3 mm past the trim",
                         "bleed of %.1f mm", b);
        } else {
            pf_found(p, 2, "boxes", "page /BleedBox", "export with 3 mm bleed inside the MediaBox",
                     "no BleedBox inside the MediaBox");
        }
    } else {
        pf_found(p, 2, "boxes", "page /TrimBox", "export with the trim box (PDF/X needs it)",
                 "no TrimBox");
    }
    if (!has_bleed) {
        if (!pf_get_box(p, page, "/TrimBox", bleed) && !(m && memcpy(bleed, media, sizeof bleed)))
            memset(bleed, 0, sizeof bleed);
    }
    pf_check_group(p, page, "the page");
    pf_check_aa(p, page, "page");
    check_annots(p, page, bleed);
    qpdf_oh res = qpdf_oh_get_key(p->q, page, "/Resources");
    snprintf(p->object, sizeof p->object, "page content");
    pf_scan_resources(p, res, 0);
    unsigned char *data;
    size_t len;
    /* QPDF_WARNINGS (a bit of the result) still means data */
    if (!(qpdf_oh_get_page_content_data(p->q, page, &data, &len) & QPDF_ERRORS)) {
        static const double id[6] = {1, 0, 0, 1, 0, 0};
        snprintf(p->object, sizeof p->object, "page content");
        pf_scan_content(p, data, len, res, id, 0);
        free(data);
    }
}

int dw_preflight_file(const char *path, FILE *out, bool json)
{
    pf p = {.out = out, .json = json, .thinnest = INFINITY, .lowest_ppi = INFINITY};
    p.f = calloc(MAX_FINDINGS, sizeof *p.f);
    p.q = qpdf_init();
    qpdf_silence_errors(p.q);
    qpdf_set_suppress_warnings(p.q, QPDF_TRUE);
    if (json) {
        fputs("  {\"file\": ", out);
        pf_json_str(out, path);
        fputs(", \"checks\": [\n", out);
    } else {
        fprintf(out, "%s\n", path);
    }
    int rc;
    if (!p.f || (qpdf_read(p.q, path, NULL) & QPDF_ERRORS)) {
        qpdf_error e = p.f ? qpdf_get_error(p.q) : NULL;
        pf_result(&p, 2, "file", "not a readable PDF: %s", e ? qpdf_get_error_full_text(p.q, e) : "?");
        rc = 2;
        goto done;
    }
    if (qpdf_is_encrypted(p.q))
        pf_found(&p, 2, "security", "trailer /Encrypt", "export without a password or restrictions",
                 "the file is encrypted");
    pf_check_pdfx(&p);
    int pages = qpdf_get_num_pages(p.q), boxed = 0, bled = 0;
    double min_bleed = INFINITY;
    qpdf_push_inherited_attributes_to_page(p.q); /* MediaBox, Resources from /Pages */
    for (int i = 0; i < pages; i++) {
        p.page = i + 1;
        check_page(&p, qpdf_get_page_n(p.q, (size_t)i), &boxed, &bled, &min_bleed);
    }
    p.page = 0;
    pf_summary(&p, "PDF/X", p.pdfx_summary);
    pf_summary(&p, "metadata", "XMP with the PDF/X version, title, dates, file /ID");
    pf_summary(&p, "security", "not encrypted; no scripts, actions, external or PostScript content");
    pf_summary(&p, "annotations", "none printable inside the bleed");
    if (boxed == pages && bled == pages)
        pf_result(&p, 0, "boxes", "TrimBox and bleed of at least %.1f mm on all %d pages", min_bleed,
                  pages);
    else
        pf_result(&p, 2, "boxes", "%d of %d pages have a TrimBox; %d a bleed of %.0f mm inside the "
                  "MediaBox", boxed, pages, bled, MIN_BLEED_MM);
    if (p.fonts_unembedded)
        pf_result(&p, 2, "fonts", "%d of %d fonts not embedded (first: %s)", p.fonts_unembedded,
                  p.fonts, p.first_font);
    else
        pf_result(&p, 0, "fonts", "%d font resources, all embedded", p.fonts);
    pf_summary(&p, "colour", "no RGB, no Lab");
    char ok[96];
    snprintf(ok, sizeof ok, "highest total ink %.0f %%", p.max_tac * 100);
    pf_summary(&p, "ink", ok);
    if (isinf(p.thinnest))
        snprintf(ok, sizeof ok, "no strokes");
    else
        snprintf(ok, sizeof ok, "thinnest stroke %.2f pt", p.thinnest);
    pf_summary(&p, "lines", ok);
    if (!p.images)
        snprintf(ok, sizeof ok, "none");
    else
        snprintf(ok, sizeof ok, "%d images, at least %.0f ppi", p.images, p.lowest_ppi);
    pf_summary(&p, "images", ok);
    pf_summary(&p, "transparency", "none");
    rc = p.errors ? 1 : 0;
done:
    if (p.dropped && !json)
        fprintf(out, "  (%d more findings not listed)\n", p.dropped);
    if (json)
        fprintf(out, "\n  ], \"result\": \"%s\", \"errors\": %d, \"warnings\": %d}",
                rc == 2 ? "unreadable" : p.errors ? "failed" : "passed", p.errors, p.warnings);
    else
        fprintf(out, "  => %s (%d error%s, %d warning%s)\n", p.errors ? "FAILED" : "passed",
                p.errors, p.errors == 1 ? "" : "s", p.warnings, p.warnings == 1 ? "" : "s");
    qpdf_cleanup(&p.q);
    free(p.f);
    return rc;
}
