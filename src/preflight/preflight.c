/*
 * preflight.c — the checks a German print shop's preflight runs, on any
 * PDF, read back with qpdf's C API (not with our own writer's knowledge):
 *
 *   PDF/X    version key (Info or XMP), output intent GTS_PDFX with a CMYK
 *            profile or a registered condition, /Trapped
 *   boxes    TrimBox on every page, BleedBox at least 3 mm outside it,
 *            both inside the MediaBox
 *   fonts    every font embedded (FontFile, FontFile2 or FontFile3)
 *   colour   no DeviceRGB (operators rg/RG, colour spaces, images), total
 *            ink (C+M+Y+K) of every colour at most 300 %
 *   lines    no stroke thinner than 0.25 pt (hairlines vanish in print)
 *   images   at least 300 ppi at their placed size (below: a warning)
 *   transparency  none (soft masks, constant alpha below 1)
 *
 * The content-stream scanner follows q/Q, cm, w, colour operators and Do;
 * it is a checker, not a renderer: overlapping objects are not composited.
 */
#include "preflight.h"
#include "../util/util.h"

#include <math.h>
#include <qpdf/qpdf-c.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_BLEED_MM 3.0    /* German print shops ask for 3 mm */
#define MAX_TAC 3.0         /* 300 % total area coverage (offset, coated) */
#define MIN_LINE_PT 0.25    /* thinner lines may not print */
#define MIN_PPI 300.0
#define MAX_DEPTH 16        /* form XObjects nested deeper are not followed */

typedef struct pf {
    qpdf_data q;
    FILE *out;
    int errors, warnings;
    /* findings over the whole file */
    int rgb_ops, fonts, fonts_unembedded, images, images_low, transparency;
    double max_tac, thinnest, lowest_ppi;
    char first_rgb[160], first_font[160];
} pf;

typedef struct gstate {
    double ctm[6];
    double line_width;
} gstate;

static void result(pf *p, int level, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void result(pf *p, int level, const char *what, const char *fmt, ...)
{
    static const char *const tags[] = {"ok  ", "WARN", "FAIL"};
    va_list ap;
    va_start(ap, fmt);
    fprintf(p->out, "  %s %-13s ", tags[level], what);
    vfprintf(p->out, fmt, ap);
    fputc('\n', p->out);
    va_end(ap);
    if (level == 1)
        p->warnings++;
    if (level == 2)
        p->errors++;
}

static bool get_box(pf *p, qpdf_oh page, const char *key, double box[4])
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

static bool is_name(pf *p, qpdf_oh o, const char *name)
{
    return qpdf_oh_is_name(p->q, o) && strcmp(qpdf_oh_get_name(p->q, o), name) == 0;
}

/* ---- content streams ------------------------------------------------------ */
typedef struct lexer {
    const unsigned char *s;
    size_t n, i;
} lexer;

enum tok { T_END, T_NUM, T_NAME, T_OP, T_OTHER };

/* Next token; numbers into *num, names and operators into buf. */
static enum tok next(lexer *lx, double *num, char *buf, size_t cap)
{
    const unsigned char *s = lx->s;
    for (;;) {
        while (lx->i < lx->n && (s[lx->i] <= ' ' || s[lx->i] == 0))
            lx->i++;
        if (lx->i >= lx->n)
            return T_END;
        if (s[lx->i] == '%') { /* comment */
            while (lx->i < lx->n && s[lx->i] != '\n' && s[lx->i] != '\r')
                lx->i++;
            continue;
        }
        break;
    }
    unsigned char c = s[lx->i];
    if (c == '(') { /* literal string, nested parentheses, escapes */
        int depth = 0;
        while (lx->i < lx->n) {
            unsigned char d = s[lx->i++];
            if (d == '\\')
                lx->i++;
            else if (d == '(')
                depth++;
            else if (d == ')' && --depth == 0)
                break;
        }
        return T_OTHER;
    }
    if (c == '<' && lx->i + 1 < lx->n && s[lx->i + 1] == '<') {
        lx->i += 2;
        return T_OTHER;
    }
    if (c == '>' && lx->i + 1 < lx->n && s[lx->i + 1] == '>') {
        lx->i += 2;
        return T_OTHER;
    }
    if (c == '<') { /* hex string */
        while (lx->i < lx->n && s[lx->i] != '>')
            lx->i++;
        lx->i++;
        return T_OTHER;
    }
    if (c == '[' || c == ']' || c == '{' || c == '}') {
        lx->i++;
        return T_OTHER;
    }
    size_t st = lx->i;
    if (c == '/')
        lx->i++;
    while (lx->i < lx->n && s[lx->i] > ' ' && !strchr("()<>[]{}/%", s[lx->i]))
        lx->i++;
    size_t len = lx->i - st;
    if (len >= cap)
        len = cap - 1;
    memcpy(buf, s + st, len);
    buf[len] = 0;
    if (c == '/')
        return T_NAME;
    char *end;
    double v = strtod(buf, &end);
    if (*end == 0 && len > 0) {
        *num = v;
        return T_NUM;
    }
    return T_OP;
}

static void mul(double r[6], const double a[6], const double b[6]) /* r = a × b */
{
    double t[6] = {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                   a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
                   a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]};
    memcpy(r, t, sizeof t);
}

static void scan_resources(pf *p, qpdf_oh res, int depth);

static bool colorspace_is_rgb(pf *p, qpdf_oh cs)
{
    if (is_name(p, cs, "/DeviceRGB") || is_name(p, cs, "/CalRGB"))
        return true;
    if (qpdf_oh_is_array(p->q, cs) && qpdf_oh_get_array_n_items(p->q, cs) >= 2) {
        qpdf_oh kind = qpdf_oh_get_array_item(p->q, cs, 0);
        qpdf_oh arg = qpdf_oh_get_array_item(p->q, cs, 1);
        if (is_name(p, kind, "/CalRGB"))
            return true;
        if (is_name(p, kind, "/ICCBased") && qpdf_oh_is_stream(p->q, arg)) {
            qpdf_oh n = qpdf_oh_get_key(p->q, qpdf_oh_get_dict(p->q, arg), "/N");
            return qpdf_oh_is_integer(p->q, n) && qpdf_oh_get_int_value(p->q, n) == 3;
        }
        if (is_name(p, kind, "/Indexed") || is_name(p, kind, "/Separation") ||
            is_name(p, kind, "/DeviceN"))
            return colorspace_is_rgb(p, qpdf_oh_get_array_item(p->q, cs, is_name(p, kind, "/Indexed") ? 1 : 2));
    }
    return false;
}

static void note_rgb(pf *p, const char *where)
{
    if (!p->rgb_ops++)
        snprintf(p->first_rgb, sizeof p->first_rgb, "%s", where);
}

static void scan_content(pf *p, const unsigned char *data, size_t len, qpdf_oh res,
                         const double ctm0[6], int depth)
{
    lexer lx = {data, len, 0};
    gstate stack[64];
    int sp = 0;
    gstate g = {{1, 0, 0, 1, 0, 0}, 1.0};
    memcpy(g.ctm, ctm0, sizeof g.ctm);
    double nums[16];
    int nn = 0;
    char buf[128], last_name[128] = "";
    double num;
    enum tok t;
    while ((t = next(&lx, &num, buf, sizeof buf)) != T_END) {
        if (t == T_NUM) {
            if (nn < 16)
                nums[nn++] = num;
            continue;
        }
        if (t == T_NAME) {
            snprintf(last_name, sizeof last_name, "%s", buf);
            continue;
        }
        if (t == T_OTHER)
            continue;
        /* operators */
        if (strcmp(buf, "q") == 0 && sp < 64) {
            stack[sp++] = g;
        } else if (strcmp(buf, "Q") == 0 && sp > 0) {
            g = stack[--sp];
        } else if (strcmp(buf, "cm") == 0 && nn >= 6) {
            mul(g.ctm, nums + nn - 6, g.ctm);
        } else if (strcmp(buf, "w") == 0 && nn >= 1) {
            g.line_width = nums[nn - 1];
        } else if (strcmp(buf, "S") == 0 || strcmp(buf, "s") == 0 || strcmp(buf, "B") == 0 ||
                   strcmp(buf, "b") == 0 || strcmp(buf, "B*") == 0 || strcmp(buf, "b*") == 0) {
            /* width in points after the transformation (its larger scale) */
            double sx = hypot(g.ctm[0], g.ctm[1]), sy = hypot(g.ctm[2], g.ctm[3]);
            double w = g.line_width * (sx > sy ? sx : sy);
            if (w < p->thinnest)
                p->thinnest = w;
        } else if ((strcmp(buf, "k") == 0 || strcmp(buf, "K") == 0) && nn >= 4) {
            double tac = nums[nn - 4] + nums[nn - 3] + nums[nn - 2] + nums[nn - 1];
            if (tac > p->max_tac)
                p->max_tac = tac;
        } else if (strcmp(buf, "rg") == 0 || strcmp(buf, "RG") == 0) {
            note_rgb(p, "a colour operator rg/RG in a content stream");
        } else if ((strcmp(buf, "cs") == 0 || strcmp(buf, "CS") == 0)) {
            qpdf_oh cs = strcmp(last_name, "/DeviceRGB") == 0
                             ? qpdf_oh_new_name(p->q, "/DeviceRGB")
                             : qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, res, "/ColorSpace"), last_name);
            if (colorspace_is_rgb(p, cs))
                note_rgb(p, "an RGB colour space (cs/CS)");
        } else if (strcmp(buf, "Do") == 0) {
            qpdf_oh xo = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, res, "/XObject"), last_name);
            if (qpdf_oh_is_stream(p->q, xo)) {
                qpdf_oh d = qpdf_oh_get_dict(p->q, xo);
                if (is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype"), "/Image")) {
                    p->images++;
                    double w = qpdf_oh_get_numeric_value(p->q, qpdf_oh_get_key(p->q, d, "/Width"));
                    double sx = hypot(g.ctm[0], g.ctm[1]); /* placed width, points */
                    double ppi = sx > 0 ? w / (sx / 72.0) : 0;
                    if (ppi < p->lowest_ppi)
                        p->lowest_ppi = ppi;
                    if (ppi < MIN_PPI)
                        p->images_low++;
                    if (colorspace_is_rgb(p, qpdf_oh_get_key(p->q, d, "/ColorSpace")))
                        note_rgb(p, "an RGB image");
                    if (qpdf_oh_has_key(p->q, d, "/SMask"))
                        p->transparency++;
                } else if (depth < MAX_DEPTH) { /* form XObject */
                    unsigned char *fd;
                    size_t fl;
                    if (!(qpdf_oh_get_stream_data(p->q, xo, qpdf_dl_generalized, NULL, &fd, &fl) & QPDF_ERRORS)) {
                        qpdf_oh fres = qpdf_oh_get_key(p->q, d, "/Resources");
                        scan_resources(p, fres, depth + 1);
                        scan_content(p, fd, fl, fres, g.ctm, depth + 1);
                        free(fd);
                    }
                }
            }
        } else if (strcmp(buf, "BI") == 0) { /* inline image: skip its data */
            const char *ei = NULL;
            for (size_t k = lx.i; k + 2 < lx.n; k++)
                if ((data[k] <= ' ') && data[k + 1] == 'E' && data[k + 2] == 'I') {
                    ei = (const char *)data + k;
                    break;
                }
            lx.i = ei ? (size_t)(ei - (const char *)data) + 3 : lx.n;
        }
        nn = 0;
    }
}

/* Fonts, colour spaces and graphics states of a resource dictionary. */
static void scan_resources(pf *p, qpdf_oh res, int depth)
{
    if (!qpdf_oh_is_dictionary(p->q, res) || depth > MAX_DEPTH)
        return;
    qpdf_oh fonts = qpdf_oh_get_key(p->q, res, "/Font");
    if (qpdf_oh_is_dictionary(p->q, fonts)) {
        qpdf_oh_begin_dict_key_iter(p->q, fonts);
        while (qpdf_oh_dict_more_keys(p->q)) {
            const char *key = qpdf_oh_dict_next_key(p->q);
            qpdf_oh f = qpdf_oh_get_key(p->q, fonts, key);
            p->fonts++;
            qpdf_oh desc = f;
            if (is_name(p, qpdf_oh_get_key(p->q, f, "/Subtype"), "/Type0"))
                desc = qpdf_oh_get_array_item(p->q, qpdf_oh_get_key(p->q, f, "/DescendantFonts"), 0);
            if (is_name(p, qpdf_oh_get_key(p->q, f, "/Subtype"), "/Type3"))
                continue; /* glyphs are content streams */
            qpdf_oh fd = qpdf_oh_get_key(p->q, desc, "/FontDescriptor");
            bool embedded = qpdf_oh_has_key(p->q, fd, "/FontFile") ||
                            qpdf_oh_has_key(p->q, fd, "/FontFile2") ||
                            qpdf_oh_has_key(p->q, fd, "/FontFile3");
            if (!embedded && !p->fonts_unembedded++) {
                qpdf_oh bf = qpdf_oh_get_key(p->q, f, "/BaseFont");
                snprintf(p->first_font, sizeof p->first_font, "%s",
                         qpdf_oh_is_name(p->q, bf) ? qpdf_oh_get_name(p->q, bf) : key);
            }
        }
    }
    qpdf_oh gs = qpdf_oh_get_key(p->q, res, "/ExtGState");
    if (qpdf_oh_is_dictionary(p->q, gs)) {
        qpdf_oh_begin_dict_key_iter(p->q, gs);
        while (qpdf_oh_dict_more_keys(p->q)) {
            qpdf_oh e = qpdf_oh_get_key(p->q, gs, qpdf_oh_dict_next_key(p->q));
            qpdf_oh sm = qpdf_oh_get_key(p->q, e, "/SMask");
            qpdf_oh ca = qpdf_oh_get_key(p->q, e, "/ca"), CA = qpdf_oh_get_key(p->q, e, "/CA");
            if ((qpdf_oh_is_initialized(p->q, sm) && !qpdf_oh_is_null(p->q, sm) && !is_name(p, sm, "/None")) ||
                (qpdf_oh_is_number(p->q, ca) && qpdf_oh_get_numeric_value(p->q, ca) < 1) ||
                (qpdf_oh_is_number(p->q, CA) && qpdf_oh_get_numeric_value(p->q, CA) < 1))
                p->transparency++;
        }
    }
    qpdf_oh css = qpdf_oh_get_key(p->q, res, "/ColorSpace");
    if (qpdf_oh_is_dictionary(p->q, css)) {
        qpdf_oh_begin_dict_key_iter(p->q, css);
        while (qpdf_oh_dict_more_keys(p->q))
            if (colorspace_is_rgb(p, qpdf_oh_get_key(p->q, css, qpdf_oh_dict_next_key(p->q))))
                note_rgb(p, "an RGB colour space in the resources");
    }
}

static void check_pdfx(pf *p)
{
    qpdf_oh root = qpdf_get_root(p->q);
    const char *info_v = qpdf_get_info_key(p->q, "/GTS_PDFXVersion");
    bool xmp_v = false;
    qpdf_oh meta = qpdf_oh_get_key(p->q, root, "/Metadata");
    unsigned char *md = NULL;
    size_t ml = 0;
    if (qpdf_oh_is_stream(p->q, meta) &&
        !(qpdf_oh_get_stream_data(p->q, meta, qpdf_dl_generalized, NULL, &md, &ml) & QPDF_ERRORS)) {
        xmp_v = ml > 0 && memmem(md, ml, "GTS_PDFXVersion>PDF/X-", 22) != NULL;
        free(md);
    }
    qpdf_oh ois = qpdf_oh_get_key(p->q, root, "/OutputIntents");
    bool intent = false, cmyk = false;
    char cond[128] = "";
    int n = qpdf_oh_is_array(p->q, ois) ? qpdf_oh_get_array_n_items(p->q, ois) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh oi = qpdf_oh_get_array_item(p->q, ois, i);
        if (!is_name(p, qpdf_oh_get_key(p->q, oi, "/S"), "/GTS_PDFX"))
            continue;
        intent = true;
        qpdf_oh id = qpdf_oh_get_key(p->q, oi, "/OutputConditionIdentifier");
        if (qpdf_oh_is_string(p->q, id))
            snprintf(cond, sizeof cond, "%s", qpdf_oh_get_utf8_value(p->q, id));
        qpdf_oh prof = qpdf_oh_get_key(p->q, oi, "/DestOutputProfile");
        if (qpdf_oh_is_stream(p->q, prof)) {
            qpdf_oh nn = qpdf_oh_get_key(p->q, qpdf_oh_get_dict(p->q, prof), "/N");
            cmyk = qpdf_oh_is_integer(p->q, nn) && qpdf_oh_get_int_value(p->q, nn) == 4;
        } else {
            cmyk = cond[0] != 0; /* a registered characterization (PDF/X-1a, X-3) */
        }
    }
    /* /Trapped is a name (/True, /False), which qpdf_get_info_key skips */
    qpdf_oh tr = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, qpdf_get_trailer(p->q), "/Info"), "/Trapped");
    const char *trapped = qpdf_oh_is_name(p->q, tr) ? qpdf_oh_get_name(p->q, tr) + 1
                          : qpdf_oh_is_string(p->q, tr) ? qpdf_oh_get_utf8_value(p->q, tr)
                                                         : NULL;
    if ((info_v || xmp_v) && intent && cmyk && trapped)
        result(p, 0, "PDF/X", "%s, output intent %s (CMYK), Trapped %s",
               info_v ? info_v : "PDF/X (XMP)", cond[0] ? cond : "(unnamed)", trapped);
    else
        result(p, 2, "PDF/X", "%s%s%s%s", (info_v || xmp_v) ? "" : "no PDF/X version key; ",
               intent ? "" : "no GTS_PDFX output intent; ",
               intent && !cmyk ? "output intent is not CMYK; " : "",
               trapped ? "" : "no /Trapped in the document information");
}

int dw_preflight_file(const char *path, FILE *out)
{
    pf p = {.out = out, .thinnest = INFINITY, .lowest_ppi = INFINITY};
    p.q = qpdf_init();
    qpdf_silence_errors(p.q);
    qpdf_set_suppress_warnings(p.q, QPDF_TRUE);
    fprintf(out, "%s\n", path);
    if (qpdf_read(p.q, path, NULL) & QPDF_ERRORS) {
        qpdf_error e = qpdf_get_error(p.q);
        result(&p, 2, "file", "not a readable PDF: %s", e ? qpdf_get_error_full_text(p.q, e) : "?");
        qpdf_cleanup(&p.q);
        return 2;
    }
    check_pdfx(&p);
    int pages = qpdf_get_num_pages(p.q), boxed = 0, bled = 0;
    double min_bleed = INFINITY;
    qpdf_push_inherited_attributes_to_page(p.q); /* MediaBox, Resources from /Pages */
    for (int i = 0; i < pages; i++) {
        qpdf_oh page = qpdf_get_page_n(p.q, (size_t)i);
        double media[4], trim[4], bleed[4];
        bool m = get_box(&p, page, "/MediaBox", media);
        if (get_box(&p, page, "/TrimBox", trim) && m) {
            boxed++;
            if (get_box(&p, page, "/BleedBox", bleed) && bleed[0] >= media[0] - 0.01 &&
                bleed[1] >= media[1] - 0.01 && bleed[2] <= media[2] + 0.01 && bleed[3] <= media[3] + 0.01) {
                double b = fmin(fmin(trim[0] - bleed[0], trim[1] - bleed[1]),
                                fmin(bleed[2] - trim[2], bleed[3] - trim[3])) / MM(1.0);
                if (b < min_bleed)
                    min_bleed = b;
                if (b >= MIN_BLEED_MM - 0.01)
                    bled++;
            }
        }
        qpdf_oh res = qpdf_oh_get_key(p.q, page, "/Resources");
        scan_resources(&p, res, 0);
        unsigned char *data;
        size_t len;
        /* QPDF_WARNINGS (a bit of the result) still means data */
        if (!(qpdf_oh_get_page_content_data(p.q, page, &data, &len) & QPDF_ERRORS)) {
            static const double id[6] = {1, 0, 0, 1, 0, 0};
            scan_content(&p, data, len, res, id, 0);
            free(data);
        }
    }
    if (boxed == pages && bled == pages)
        result(&p, 0, "boxes", "TrimBox and bleed of at least %.1f mm on all %d pages", min_bleed, pages);
    else
        result(&p, 2, "boxes", "%d of %d pages have a TrimBox; %d a bleed of %.0f mm inside the MediaBox",
               boxed, pages, bled, MIN_BLEED_MM);
    if (p.fonts_unembedded)
        result(&p, 2, "fonts", "%d of %d fonts not embedded (first: %s)", p.fonts_unembedded, p.fonts,
               p.first_font);
    else
        result(&p, 0, "fonts", "%d font resources, all embedded", p.fonts);
    if (p.rgb_ops)
        result(&p, 2, "colour", "RGB found %d times (first: %s): convert to CMYK", p.rgb_ops, p.first_rgb);
    else
        result(&p, 0, "colour", "no RGB");
    if (p.max_tac > MAX_TAC + 1e-6)
        result(&p, 2, "ink", "a colour with %.0f %% total ink (at most %.0f %%)", p.max_tac * 100,
               MAX_TAC * 100);
    else
        result(&p, 0, "ink", "highest total ink %.0f %%", p.max_tac * 100);
    if (p.thinnest < MIN_LINE_PT - 1e-6)
        result(&p, 2, "lines", "a stroke of %.3f pt (at least %.2f pt)", p.thinnest, MIN_LINE_PT);
    else if (isinf(p.thinnest))
        result(&p, 0, "lines", "no strokes");
    else
        result(&p, 0, "lines", "thinnest stroke %.2f pt", p.thinnest);
    if (!p.images)
        result(&p, 0, "images", "none");
    else if (p.images_low)
        result(&p, 1, "images", "%d of %d images below %.0f ppi (lowest %.0f ppi)", p.images_low,
               p.images, MIN_PPI, p.lowest_ppi);
    else
        result(&p, 0, "images", "%d images, at least %.0f ppi", p.images, p.lowest_ppi);
    if (p.transparency)
        result(&p, 2, "transparency", "%d soft masks or alpha below 1", p.transparency);
    else
        result(&p, 0, "transparency", "none");
    fprintf(out, "  => %s (%d error%s, %d warning%s)\n", p.errors ? "FAILED" : "passed", p.errors,
            p.errors == 1 ? "" : "s", p.warnings, p.warnings == 1 ? "" : "s");
    qpdf_cleanup(&p.q);
    return p.errors ? 1 : 0;
}
