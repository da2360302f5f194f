/*
 * content.c — preflight's scan of content streams and resources: a
 * tokenizer for content streams, which follows q/Q, cm, w, colour
 * operators and Do; colour spaces (RGB, Lab), total ink, stroke widths,
 * image resolution, transparency, fonts embedded, external and
 * PostScript content.
 */
#include "preflight_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gstate {
    double ctm[6];
    double line_width;
} gstate;
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
/* ---- colour ---------------------------------------------------------------- */
enum { CS_OK, CS_RGB, CS_LAB };

/* What a colour space is: RGB (DeviceRGB, CalRGB, a 3-component ICC
 * profile, or an Indexed/Separation/DeviceN/Pattern based on one) or Lab. */
static int cs_kind(pf *p, qpdf_oh cs, int depth)
{
    if (depth > 4)
        return CS_OK;
    if (pf_is_name(p, cs, "/DeviceRGB") || pf_is_name(p, cs, "/RGB") || pf_is_name(p, cs, "/CalRGB"))
        return CS_RGB;
    if (pf_is_name(p, cs, "/Lab"))
        return CS_LAB;
    if (!qpdf_oh_is_array(p->q, cs) || qpdf_oh_get_array_n_items(p->q, cs) < 1)
        return CS_OK;
    qpdf_oh kind = qpdf_oh_get_array_item(p->q, cs, 0);
    qpdf_oh arg = qpdf_oh_get_array_item(p->q, cs, 1);
    if (pf_is_name(p, kind, "/CalRGB"))
        return CS_RGB;
    if (pf_is_name(p, kind, "/Lab"))
        return CS_LAB;
    if (pf_is_name(p, kind, "/ICCBased") && qpdf_oh_is_stream(p->q, arg)) {
        qpdf_oh d = qpdf_oh_get_dict(p->q, arg);
        qpdf_oh n = qpdf_oh_get_key(p->q, d, "/N");
        if (qpdf_oh_is_integer(p->q, n) && qpdf_oh_get_int_value(p->q, n) == 3) {
            /* a 3-component profile is RGB or Lab; its /Alternate says which */
            qpdf_oh alt = qpdf_oh_get_key(p->q, d, "/Alternate");
            return pf_is_name(p, alt, "/Lab") ? CS_LAB : CS_RGB;
        }
        return CS_OK;
    }
    if (pf_is_name(p, kind, "/Indexed") || pf_is_name(p, kind, "/Pattern"))
        return cs_kind(p, arg, depth + 1);
    if (pf_is_name(p, kind, "/Separation") || pf_is_name(p, kind, "/DeviceN"))
        return cs_kind(p, qpdf_oh_get_array_item(p->q, cs, 2), depth + 1);
    return CS_OK;
}

/* An RGB or Lab colour space used by `object`. */
static void check_cs(pf *p, qpdf_oh cs, const char *object)
{
    int k = cs_kind(p, cs, 0);
    if (k == CS_RGB) {
        p->rgb_ops++;
        pf_found(p, 2, "colour", object, "convert it to CMYK for the output intent (FOGRA39)",
                 "RGB found: an RGB colour space");
    } else if (k == CS_LAB) {
        pf_found(p, 2, "colour", object, "convert it to CMYK for the output intent (FOGRA39)",
                 "Lab colour space");
    }
}

static void note_rgb(pf *p, const char *what)
{
    p->rgb_ops++;
    pf_found(p, 2, "colour", p->object, "convert the colour to CMYK (FOGRA39)", "RGB found: %s",
             what);
}
/* An inline image (BI … ID): its dictionary's colour space. */
static void inline_image(pf *p, lexer *lx, const unsigned char *data)
{
    char buf[128], key[128] = "";
    double num;
    enum tok t;
    while ((t = next(lx, &num, buf, sizeof buf)) != T_END) {
        if (t == T_OP && strcmp(buf, "ID") == 0)
            break;
        if (t == T_NAME) {
            if (strcmp(key, "/CS") == 0 || strcmp(key, "/ColorSpace") == 0) {
                if (!strcmp(buf, "/RGB") || !strcmp(buf, "/DeviceRGB") || !strcmp(buf, "/CalRGB"))
                    note_rgb(p, "an RGB inline image (BI /CS /RGB)");
                else if (!strcmp(buf, "/Lab"))
                    pf_found(p, 2, "colour", p->object, "convert the image to CMYK (FOGRA39)",
                             "a Lab inline image");
                key[0] = 0;
            } else {
                snprintf(key, sizeof key, "%s", buf);
            }
        } else {
            key[0] = 0;
        }
    }
    /* skip the image data up to EI */
    size_t k = lx->i;
    while (k + 2 < lx->n && !(data[k] <= ' ' && data[k + 1] == 'E' && data[k + 2] == 'I' &&
                              (k + 3 >= lx->n || data[k + 3] <= ' ')))
        k++;
    lx->i = k + 3 < lx->n ? k + 3 : lx->n;
}

void pf_scan_content(pf *p, const unsigned char *data, size_t len, qpdf_oh res,
                     const double ctm0[6], int depth)
{
    lexer lx = {data, len, 0};
    gstate stack[64];
    int sp = 0;
    gstate g = {{1, 0, 0, 1, 0, 0}, 1.0};
    memcpy(g.ctm, ctm0, sizeof g.ctm);
    double nums[16];
    int nn = 0;
    char buf[128], last_name[128] = "", o[160];
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
            if (w < MIN_LINE_PT - 1e-6)
                pf_found(p, 2, "lines", p->object, "make the line at least 0.25 pt wide",
                         "a stroke of %.3f pt", w);
        } else if ((strcmp(buf, "k") == 0 || strcmp(buf, "K") == 0) && nn >= 4) {
            double tac = nums[nn - 4] + nums[nn - 3] + nums[nn - 2] + nums[nn - 1];
            if (tac > p->max_tac)
                p->max_tac = tac;
            if (tac > MAX_TAC + 1e-6)
                pf_found(p, 2, "ink", p->object, "reduce the colour to at most 300 % total ink",
                         "a colour with %.0f %% total ink", tac * 100);
        } else if (strcmp(buf, "rg") == 0 || strcmp(buf, "RG") == 0) {
            note_rgb(p, "a colour operator rg/RG");
        } else if ((strcmp(buf, "cs") == 0 || strcmp(buf, "CS") == 0)) {
            qpdf_oh cs = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, res, "/ColorSpace"), last_name);
            if (!strcmp(last_name, "/DeviceRGB") || !strcmp(last_name, "/CalRGB"))
                note_rgb(p, "an RGB colour space (cs/CS)");
            else if (!strcmp(last_name, "/Lab"))
                pf_found(p, 2, "colour", p->object, "convert the colour to CMYK (FOGRA39)",
                         "Lab colour (cs/CS)");
            else
                check_cs(p, cs, p->object);
        } else if (strcmp(buf, "sh") == 0) {
            qpdf_oh sh = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, res, "/Shading"), last_name);
            qpdf_oh d = qpdf_oh_is_stream(p->q, sh) ? qpdf_oh_get_dict(p->q, sh) : sh;
            snprintf(o, sizeof o, "shading %s (sh) in %s", last_name, p->object);
            check_cs(p, qpdf_oh_get_key(p->q, d, "/ColorSpace"), o);
        } else if (strcmp(buf, "Do") == 0) {
            qpdf_oh xo = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, res, "/XObject"), last_name);
            if (qpdf_oh_is_stream(p->q, xo)) {
                qpdf_oh d = qpdf_oh_get_dict(p->q, xo);
                char on[64];
                pf_obj_name(p, xo, last_name, on, sizeof on);
                if (pf_is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype"), "/Image")) {
                    p->images++;
                    snprintf(o, sizeof o, "image %s", on);
                    double w = qpdf_oh_get_numeric_value(p->q, qpdf_oh_get_key(p->q, d, "/Width"));
                    double sx = hypot(g.ctm[0], g.ctm[1]); /* placed width, points */
                    double ppi = sx > 0 ? w / (sx / 72.0) : 0;
                    if (ppi < p->lowest_ppi)
                        p->lowest_ppi = ppi;
                    if (ppi < MIN_PPI) {
                        p->images_low++;
                        pf_found(p, 1, "images", o, "use an image of at least 300 ppi at this size",
                                 "%.0f ppi", ppi);
                    }
                    check_cs(p, qpdf_oh_get_key(p->q, d, "/ColorSpace"), o);
                    if (qpdf_oh_has_key(p->q, d, "/SMask") || qpdf_oh_has_key(p->q, d, "/SMaskInData")) {
                        p->transparency++;
                        pf_found(p, 2, "transparency", o, "flatten the image (no alpha channel)",
                                 "a soft mask");
                    }
                    if (qpdf_oh_has_key(p->q, d, "/Alternates"))
                        pf_found(p, 2, "security", o, "remove the alternate images",
                                 "alternate images (not allowed in PDF/X-4)");
                    if (qpdf_oh_has_key(p->q, d, "/OPI"))
                        pf_found(p, 2, "security", o, "place the high-resolution image itself",
                                 "an OPI reference (not allowed in PDF/X-4)");
                } else if (depth < MAX_DEPTH) {
                    pf_scan_form(p, xo, on, g.ctm, depth + 1);
                }
            }
        } else if (strcmp(buf, "BI") == 0) {
            inline_image(p, &lx, data);
        } else if (strcmp(buf, "PS") == 0) {
            pf_found(p, 2, "security", p->object, "remove the PostScript", "a PS operator");
        }
        nn = 0;
    }
}

/* A transparency group's blending colour space must not be RGB. */
void pf_check_group(pf *p, qpdf_oh dict, const char *object)
{
    qpdf_oh gr = qpdf_oh_get_key(p->q, dict, "/Group");
    if (!qpdf_oh_is_dictionary(p->q, gr))
        return;
    char o[160];
    snprintf(o, sizeof o, "transparency group of %s", object);
    check_cs(p, qpdf_oh_get_key(p->q, gr, "/CS"), o);
}

void pf_scan_form(pf *p, qpdf_oh xo, const char *name, const double ctm[6], int depth)
{
    qpdf_oh d = qpdf_oh_get_dict(p->q, xo);
    char saved[96], o[96];
    memcpy(saved, p->object, sizeof saved);
    snprintf(o, sizeof o, "form XObject %.80s", name);
    if (pf_is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype2"), "/PS") ||
        pf_is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype"), "/PS"))
        pf_found(p, 2, "security", o, "remove the PostScript XObject", "a PostScript XObject");
    if (qpdf_oh_has_key(p->q, d, "/Ref"))
        pf_found(p, 2, "security", o, "embed the referenced page's content instead",
                 "a reference XObject (external file)");
    if (qpdf_oh_has_key(p->q, d, "/OPI"))
        pf_found(p, 2, "security", o, "place the high-resolution artwork itself", "an OPI reference");
    pf_check_group(p, d, o);
    unsigned char *fd;
    size_t fl;
    if (!(qpdf_oh_get_stream_data(p->q, xo, qpdf_dl_generalized, NULL, &fd, &fl) & QPDF_ERRORS)) {
        qpdf_oh fres = qpdf_oh_get_key(p->q, d, "/Resources");
        snprintf(p->object, sizeof p->object, "%s", o);
        pf_scan_resources(p, fres, depth);
        pf_scan_content(p, fd, fl, fres, ctm, depth);
        free(fd);
    }
    memcpy(p->object, saved, sizeof saved);
}

/* Fonts, colour spaces, shadings, patterns and graphics states of a
 * resource dictionary. */
void pf_scan_resources(pf *p, qpdf_oh res, int depth)
{
    if (!qpdf_oh_is_dictionary(p->q, res) || depth > MAX_DEPTH)
        return;
    char on[160];
    qpdf_oh fonts = qpdf_oh_get_key(p->q, res, "/Font");
    if (qpdf_oh_is_dictionary(p->q, fonts)) {
        qpdf_oh_begin_dict_key_iter(p->q, fonts);
        while (qpdf_oh_dict_more_keys(p->q)) {
            const char *key = qpdf_oh_dict_next_key(p->q);
            qpdf_oh f = qpdf_oh_get_key(p->q, fonts, key);
            p->fonts++;
            qpdf_oh desc = f;
            if (pf_is_name(p, qpdf_oh_get_key(p->q, f, "/Subtype"), "/Type0"))
                desc = qpdf_oh_get_array_item(p->q, qpdf_oh_get_key(p->q, f, "/DescendantFonts"), 0);
            if (pf_is_name(p, qpdf_oh_get_key(p->q, f, "/Subtype"), "/Type3"))
                continue; /* glyphs are content streams */
            qpdf_oh fd = qpdf_oh_get_key(p->q, desc, "/FontDescriptor");
            bool embedded = qpdf_oh_has_key(p->q, fd, "/FontFile") ||
                            qpdf_oh_has_key(p->q, fd, "/FontFile2") ||
                            qpdf_oh_has_key(p->q, fd, "/FontFile3");
            if (!embedded) {
                qpdf_oh bf = qpdf_oh_get_key(p->q, f, "/BaseFont");
                const char *n = qpdf_oh_is_name(p->q, bf) ? qpdf_oh_get_name(p->q, bf) : key;
                if (!p->fonts_unembedded++)
                    snprintf(p->first_font, sizeof p->first_font, "%s", n);
                snprintf(on, sizeof on, "font %s", n);
                pf_found(p, 2, "fonts", on, "embed the font when exporting the PDF", "not embedded");
            }
        }
    }
    qpdf_oh gs = qpdf_oh_get_key(p->q, res, "/ExtGState");
    if (qpdf_oh_is_dictionary(p->q, gs)) {
        qpdf_oh_begin_dict_key_iter(p->q, gs);
        while (qpdf_oh_dict_more_keys(p->q)) {
            const char *key = qpdf_oh_dict_next_key(p->q);
            qpdf_oh e = qpdf_oh_get_key(p->q, gs, key);
            qpdf_oh sm = qpdf_oh_get_key(p->q, e, "/SMask");
            qpdf_oh ca = qpdf_oh_get_key(p->q, e, "/ca"), CA = qpdf_oh_get_key(p->q, e, "/CA");
            snprintf(on, sizeof on, "graphics state %s", key);
            if ((qpdf_oh_is_initialized(p->q, sm) && !qpdf_oh_is_null(p->q, sm) && !pf_is_name(p, sm, "/None")) ||
                (qpdf_oh_is_number(p->q, ca) && qpdf_oh_get_numeric_value(p->q, ca) < 1) ||
                (qpdf_oh_is_number(p->q, CA) && qpdf_oh_get_numeric_value(p->q, CA) < 1)) {
                p->transparency++;
                pf_found(p, 2, "transparency", on, "flatten the transparency before export",
                         "a soft mask or alpha below 1");
            }
            qpdf_oh tr = qpdf_oh_get_key(p->q, e, "/TR");
            qpdf_oh tr2 = qpdf_oh_get_key(p->q, e, "/TR2");
            if ((qpdf_oh_is_initialized(p->q, tr) && !qpdf_oh_is_null(p->q, tr)) ||
                (qpdf_oh_is_initialized(p->q, tr2) && !qpdf_oh_is_null(p->q, tr2) &&
                 !pf_is_name(p, tr2, "/Default")))
                pf_found(p, 2, "security", on, "remove the transfer function",
                         "a transfer function (/TR, not allowed in PDF/X-4)");
        }
    }
    qpdf_oh css = qpdf_oh_get_key(p->q, res, "/ColorSpace");
    if (qpdf_oh_is_dictionary(p->q, css)) {
        qpdf_oh_begin_dict_key_iter(p->q, css);
        while (qpdf_oh_dict_more_keys(p->q)) {
            const char *key = qpdf_oh_dict_next_key(p->q);
            snprintf(on, sizeof on, "colour space %s", key);
            check_cs(p, qpdf_oh_get_key(p->q, css, key), on);
        }
    }
    qpdf_oh shs = qpdf_oh_get_key(p->q, res, "/Shading");
    if (qpdf_oh_is_dictionary(p->q, shs)) {
        qpdf_oh_begin_dict_key_iter(p->q, shs);
        while (qpdf_oh_dict_more_keys(p->q)) {
            const char *key = qpdf_oh_dict_next_key(p->q);
            qpdf_oh sh = qpdf_oh_get_key(p->q, shs, key);
            qpdf_oh d = qpdf_oh_is_stream(p->q, sh) ? qpdf_oh_get_dict(p->q, sh) : sh;
            snprintf(on, sizeof on, "shading %s", key);
            check_cs(p, qpdf_oh_get_key(p->q, d, "/ColorSpace"), on);
        }
    }
    qpdf_oh pats = qpdf_oh_get_key(p->q, res, "/Pattern");
    if (qpdf_oh_is_dictionary(p->q, pats)) {
        qpdf_oh_begin_dict_key_iter(p->q, pats);
        while (qpdf_oh_dict_more_keys(p->q)) {
            const char *key = qpdf_oh_dict_next_key(p->q);
            qpdf_oh pt = qpdf_oh_get_key(p->q, pats, key);
            qpdf_oh d = qpdf_oh_is_stream(p->q, pt) ? qpdf_oh_get_dict(p->q, pt) : pt;
            qpdf_oh sh = qpdf_oh_get_key(p->q, d, "/Shading");
            qpdf_oh sd = qpdf_oh_is_stream(p->q, sh) ? qpdf_oh_get_dict(p->q, sh) : sh;
            snprintf(on, sizeof on, "pattern %s", key);
            if (qpdf_oh_is_dictionary(p->q, sd))
                check_cs(p, qpdf_oh_get_key(p->q, sd, "/ColorSpace"), on);
        }
    }
}
