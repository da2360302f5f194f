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
 */
#include "preflight.h"
#include "../util/util.h"

#include <math.h>
#include <qpdf/qpdf-c.h>
#include <stdbool.h>
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

typedef struct gstate {
    double ctm[6];
    double line_width;
} gstate;

static void json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* A summary line per check (text report); the details are findings. */
static void result(pf *p, int level, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void result(pf *p, int level, const char *what, const char *fmt, ...)
{
    static const char *const tags[] = {"ok  ", "WARN", "FAIL"};
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (level == 1)
        p->warnings++;
    if (level == 2)
        p->errors++;
    if (p->json) {
        fprintf(p->out, "%s    {\"check\": ", p->json_checks++ ? ",\n" : "");
        json_str(p->out, what);
        fprintf(p->out, ", \"result\": \"%s\", \"summary\": ",
                level == 2 ? "failed" : level == 1 ? "warning" : "passed");
        json_str(p->out, msg);
        fputs(", \"findings\": [", p->out);
        int k = 0;
        for (int i = 0; i < p->n_f; i++) {
            const finding *f = &p->f[i];
            if (strcmp(f->check, what) != 0)
                continue;
            fprintf(p->out, "%s\n      {\"level\": \"%s\", \"page\": %d, \"object\": ",
                    k++ ? "," : "", f->level == 2 ? "error" : "warning", f->page);
            json_str(p->out, f->object);
            fputs(", \"found\": ", p->out);
            json_str(p->out, f->what);
            fputs(", \"todo\": ", p->out);
            json_str(p->out, f->todo);
            fputc('}', p->out);
        }
        fputs("]}", p->out);
        return;
    }
    fprintf(p->out, "  %s %-13s %s\n", tags[level], what, msg);
    for (int i = 0; i < p->n_f; i++) {
        const finding *f = &p->f[i];
        if (strcmp(f->check, what) != 0)
            continue;
        if (f->page)
            fprintf(p->out, "       page %d, %s: %s: %s\n", f->page, f->object, f->what, f->todo);
        else
            fprintf(p->out, "       %s: %s: %s\n", f->object, f->what, f->todo);
    }
}

/* Record a finding; the same check, page and object are reported once. */
static void found(pf *p, int level, const char *check, const char *object, const char *todo,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void found(pf *p, int level, const char *check, const char *object, const char *todo,
                  const char *fmt, ...)
{
    for (int i = 0; i < p->n_f; i++)
        if (p->f[i].page == p->page && strcmp(p->f[i].check, check) == 0 &&
            strcmp(p->f[i].object, object) == 0)
            return;
    if (p->n_f >= MAX_FINDINGS) {
        p->dropped++;
        return;
    }
    finding *f = &p->f[p->n_f++];
    f->level = level;
    f->check = check;
    f->page = p->page;
    f->todo = todo;
    snprintf(f->object, sizeof f->object, "%s", object);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->what, sizeof f->what, fmt, ap);
    va_end(ap);
}

/* "12 0 R" for an indirect object, else the name it has here */
static const char *obj_name(pf *p, qpdf_oh o, const char *name, char *buf, size_t cap)
{
    int id = qpdf_oh_get_object_id(p->q, o);
    if (id > 0)
        snprintf(buf, cap, "%s (%d %d R)", name, id, qpdf_oh_get_generation(p->q, o));
    else
        snprintf(buf, cap, "%s", name);
    return buf;
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

/* ---- colour ---------------------------------------------------------------- */
enum { CS_OK, CS_RGB, CS_LAB };

/* What a colour space is: RGB (DeviceRGB, CalRGB, a 3-component ICC
 * profile, or an Indexed/Separation/DeviceN/Pattern based on one) or Lab. */
static int cs_kind(pf *p, qpdf_oh cs, int depth)
{
    if (depth > 4)
        return CS_OK;
    if (is_name(p, cs, "/DeviceRGB") || is_name(p, cs, "/RGB") || is_name(p, cs, "/CalRGB"))
        return CS_RGB;
    if (is_name(p, cs, "/Lab"))
        return CS_LAB;
    if (!qpdf_oh_is_array(p->q, cs) || qpdf_oh_get_array_n_items(p->q, cs) < 1)
        return CS_OK;
    qpdf_oh kind = qpdf_oh_get_array_item(p->q, cs, 0);
    qpdf_oh arg = qpdf_oh_get_array_item(p->q, cs, 1);
    if (is_name(p, kind, "/CalRGB"))
        return CS_RGB;
    if (is_name(p, kind, "/Lab"))
        return CS_LAB;
    if (is_name(p, kind, "/ICCBased") && qpdf_oh_is_stream(p->q, arg)) {
        qpdf_oh d = qpdf_oh_get_dict(p->q, arg);
        qpdf_oh n = qpdf_oh_get_key(p->q, d, "/N");
        if (qpdf_oh_is_integer(p->q, n) && qpdf_oh_get_int_value(p->q, n) == 3) {
            /* a 3-component profile is RGB or Lab; its /Alternate says which */
            qpdf_oh alt = qpdf_oh_get_key(p->q, d, "/Alternate");
            return is_name(p, alt, "/Lab") ? CS_LAB : CS_RGB;
        }
        return CS_OK;
    }
    if (is_name(p, kind, "/Indexed") || is_name(p, kind, "/Pattern"))
        return cs_kind(p, arg, depth + 1);
    if (is_name(p, kind, "/Separation") || is_name(p, kind, "/DeviceN"))
        return cs_kind(p, qpdf_oh_get_array_item(p->q, cs, 2), depth + 1);
    return CS_OK;
}

/* An RGB or Lab colour space used by `object`. */
static void check_cs(pf *p, qpdf_oh cs, const char *object)
{
    int k = cs_kind(p, cs, 0);
    if (k == CS_RGB) {
        p->rgb_ops++;
        found(p, 2, "colour", object, "convert it to CMYK for the output intent (FOGRA39)",
              "RGB found: an RGB colour space");
    } else if (k == CS_LAB) {
        found(p, 2, "colour", object, "convert it to CMYK for the output intent (FOGRA39)",
              "Lab colour space");
    }
}

static void note_rgb(pf *p, const char *what)
{
    p->rgb_ops++;
    found(p, 2, "colour", p->object, "convert the colour to CMYK (FOGRA39)", "RGB found: %s",
          what);
}

/* ---- content streams -------------------------------------------------------- */
static void scan_form(pf *p, qpdf_oh xo, const char *name, const double ctm[6], int depth);

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
                    found(p, 2, "colour", p->object, "convert the image to CMYK (FOGRA39)",
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
                found(p, 2, "lines", p->object, "make the line at least 0.25 pt wide",
                      "a stroke of %.3f pt", w);
        } else if ((strcmp(buf, "k") == 0 || strcmp(buf, "K") == 0) && nn >= 4) {
            double tac = nums[nn - 4] + nums[nn - 3] + nums[nn - 2] + nums[nn - 1];
            if (tac > p->max_tac)
                p->max_tac = tac;
            if (tac > MAX_TAC + 1e-6)
                found(p, 2, "ink", p->object, "reduce the colour to at most 300 % total ink",
                      "a colour with %.0f %% total ink", tac * 100);
        } else if (strcmp(buf, "rg") == 0 || strcmp(buf, "RG") == 0) {
            note_rgb(p, "a colour operator rg/RG");
        } else if ((strcmp(buf, "cs") == 0 || strcmp(buf, "CS") == 0)) {
            qpdf_oh cs = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, res, "/ColorSpace"), last_name);
            if (!strcmp(last_name, "/DeviceRGB") || !strcmp(last_name, "/CalRGB"))
                note_rgb(p, "an RGB colour space (cs/CS)");
            else if (!strcmp(last_name, "/Lab"))
                found(p, 2, "colour", p->object, "convert the colour to CMYK (FOGRA39)",
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
                obj_name(p, xo, last_name, on, sizeof on);
                if (is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype"), "/Image")) {
                    p->images++;
                    snprintf(o, sizeof o, "image %s", on);
                    double w = qpdf_oh_get_numeric_value(p->q, qpdf_oh_get_key(p->q, d, "/Width"));
                    double sx = hypot(g.ctm[0], g.ctm[1]); /* placed width, points */
                    double ppi = sx > 0 ? w / (sx / 72.0) : 0;
                    if (ppi < p->lowest_ppi)
                        p->lowest_ppi = ppi;
                    if (ppi < MIN_PPI) {
                        p->images_low++;
                        found(p, 1, "images", o, "use an image of at least 300 ppi at this size",
                              "%.0f ppi", ppi);
                    }
                    check_cs(p, qpdf_oh_get_key(p->q, d, "/ColorSpace"), o);
                    if (qpdf_oh_has_key(p->q, d, "/SMask") || qpdf_oh_has_key(p->q, d, "/SMaskInData")) {
                        p->transparency++;
                        found(p, 2, "transparency", o, "flatten the image (no alpha channel)",
                              "a soft mask");
                    }
                    if (qpdf_oh_has_key(p->q, d, "/Alternates"))
                        found(p, 2, "security", o, "remove the alternate images",
                              "alternate images (not allowed in PDF/X-4)");
                    if (qpdf_oh_has_key(p->q, d, "/OPI"))
                        found(p, 2, "security", o, "place the high-resolution image itself",
                              "an OPI reference (not allowed in PDF/X-4)");
                } else if (depth < MAX_DEPTH) {
                    scan_form(p, xo, on, g.ctm, depth + 1);
                }
            }
        } else if (strcmp(buf, "BI") == 0) {
            inline_image(p, &lx, data);
        } else if (strcmp(buf, "PS") == 0) {
            found(p, 2, "security", p->object, "remove the PostScript", "a PS operator");
        }
        nn = 0;
    }
}

/* A transparency group's blending colour space must not be RGB. */
static void check_group(pf *p, qpdf_oh dict, const char *object)
{
    qpdf_oh gr = qpdf_oh_get_key(p->q, dict, "/Group");
    if (!qpdf_oh_is_dictionary(p->q, gr))
        return;
    char o[160];
    snprintf(o, sizeof o, "transparency group of %s", object);
    check_cs(p, qpdf_oh_get_key(p->q, gr, "/CS"), o);
}

static void scan_form(pf *p, qpdf_oh xo, const char *name, const double ctm[6], int depth)
{
    qpdf_oh d = qpdf_oh_get_dict(p->q, xo);
    char saved[96], o[96];
    memcpy(saved, p->object, sizeof saved);
    snprintf(o, sizeof o, "form XObject %.80s", name);
    if (is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype2"), "/PS") ||
        is_name(p, qpdf_oh_get_key(p->q, d, "/Subtype"), "/PS"))
        found(p, 2, "security", o, "remove the PostScript XObject", "a PostScript XObject");
    if (qpdf_oh_has_key(p->q, d, "/Ref"))
        found(p, 2, "security", o, "embed the referenced page's content instead",
              "a reference XObject (external file)");
    if (qpdf_oh_has_key(p->q, d, "/OPI"))
        found(p, 2, "security", o, "place the high-resolution artwork itself", "an OPI reference");
    check_group(p, d, o);
    unsigned char *fd;
    size_t fl;
    if (!(qpdf_oh_get_stream_data(p->q, xo, qpdf_dl_generalized, NULL, &fd, &fl) & QPDF_ERRORS)) {
        qpdf_oh fres = qpdf_oh_get_key(p->q, d, "/Resources");
        snprintf(p->object, sizeof p->object, "%s", o);
        scan_resources(p, fres, depth);
        scan_content(p, fd, fl, fres, ctm, depth);
        free(fd);
    }
    memcpy(p->object, saved, sizeof saved);
}

/* Fonts, colour spaces, shadings, patterns and graphics states of a
 * resource dictionary. */
static void scan_resources(pf *p, qpdf_oh res, int depth)
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
            if (is_name(p, qpdf_oh_get_key(p->q, f, "/Subtype"), "/Type0"))
                desc = qpdf_oh_get_array_item(p->q, qpdf_oh_get_key(p->q, f, "/DescendantFonts"), 0);
            if (is_name(p, qpdf_oh_get_key(p->q, f, "/Subtype"), "/Type3"))
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
                found(p, 2, "fonts", on, "embed the font when exporting the PDF", "not embedded");
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
            if ((qpdf_oh_is_initialized(p->q, sm) && !qpdf_oh_is_null(p->q, sm) && !is_name(p, sm, "/None")) ||
                (qpdf_oh_is_number(p->q, ca) && qpdf_oh_get_numeric_value(p->q, ca) < 1) ||
                (qpdf_oh_is_number(p->q, CA) && qpdf_oh_get_numeric_value(p->q, CA) < 1)) {
                p->transparency++;
                found(p, 2, "transparency", on, "flatten the transparency before export",
                      "a soft mask or alpha below 1");
            }
            qpdf_oh tr = qpdf_oh_get_key(p->q, e, "/TR");
            qpdf_oh tr2 = qpdf_oh_get_key(p->q, e, "/TR2");
            if ((qpdf_oh_is_initialized(p->q, tr) && !qpdf_oh_is_null(p->q, tr)) ||
                (qpdf_oh_is_initialized(p->q, tr2) && !qpdf_oh_is_null(p->q, tr2) &&
                 !is_name(p, tr2, "/Default")))
                found(p, 2, "security", on, "remove the transfer function",
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

/* ---- document level ------------------------------------------------------ */
/* An action dictionary (and its /Next chain): only GoTo is harmless. */
static void check_action(pf *p, qpdf_oh a, const char *object, int depth)
{
    if (!qpdf_oh_is_dictionary(p->q, a) || depth > 8)
        return;
    qpdf_oh s = qpdf_oh_get_key(p->q, a, "/S");
    const char *kind = qpdf_oh_is_name(p->q, s) ? qpdf_oh_get_name(p->q, s) : "?";
    if (strcmp(kind, "/GoTo") != 0 && strcmp(kind, "/URI") != 0 && strcmp(kind, "/Named") != 0)
        found(p, 2, "security", object, "remove the action (PDF/X-4 allows no scripts or launches)",
              "a %s action", kind + (kind[0] == '/'));
    check_action(p, qpdf_oh_get_key(p->q, a, "/Next"), object, depth + 1);
}

static void check_aa(pf *p, qpdf_oh dict, const char *object)
{
    qpdf_oh aa = qpdf_oh_get_key(p->q, dict, "/AA");
    if (qpdf_oh_is_dictionary(p->q, aa))
        found(p, 2, "security", object, "remove the additional actions",
              "additional actions (/AA, not allowed in PDF/X-4)");
}

static void check_pdfx(pf *p)
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
        found(p, 2, "PDF/X", "Info dictionary", "export as PDF/X-4",
              "no PDF/X version key (GTS_PDFXVersion)");
    else if (strncmp(v, "PDF/X-4", 7) != 0)
        found(p, 2, "PDF/X", "Info dictionary", "export as PDF/X-4", "version %s, not PDF/X-4", v);
    if (!xmp)
        found(p, 2, "metadata", "catalog /Metadata", "export as PDF/X-4 (it writes XMP metadata)",
              "no XMP metadata");
    else if (!xmp_v[0])
        found(p, 2, "metadata", "XMP metadata", "export as PDF/X-4 (pdfxid:GTS_PDFXVersion)",
              "XMP without the PDF/X version");
    else if (info_v[0] && strcmp(info_v, xmp_v) != 0)
        found(p, 2, "metadata", "XMP metadata", "export again: Info and XMP must agree",
              "XMP says %s, Info says %s", xmp_v, info_v);
    if (!has_title)
        found(p, 2, "metadata", "Info dictionary", "give the document a title", "no /Title");
    if (xmp && !xmp_title)
        found(p, 2, "metadata", "XMP metadata", "give the document a title (dc:title)",
              "XMP without dc:title");
    if (!has_cd || !has_md)
        found(p, 2, "metadata", "Info dictionary", "export again with dates",
              "no %s", !has_cd ? "/CreationDate" : "/ModDate");
    qpdf_oh id = qpdf_oh_get_key(p->q, qpdf_get_trailer(p->q), "/ID");
    if (!qpdf_oh_is_array(p->q, id) || qpdf_oh_get_array_n_items(p->q, id) != 2)
        found(p, 2, "metadata", "trailer", "export again (PDF/X needs a file identifier)",
              "no /ID");
    const char *ver = qpdf_get_pdf_version(p->q);
    if (ver && strcmp(ver, "1.6") > 0)
        found(p, 2, "PDF/X", "file header", "export as PDF 1.6 (PDF/X-4)", "PDF %s", ver);

    qpdf_oh ois = qpdf_oh_get_key(p->q, root, "/OutputIntents");
    int intents = 0;
    bool cmyk = false;
    char cond[128] = "";
    int n = qpdf_oh_is_array(p->q, ois) ? qpdf_oh_get_array_n_items(p->q, ois) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh oi = qpdf_oh_get_array_item(p->q, ois, i);
        if (!is_name(p, qpdf_oh_get_key(p->q, oi, "/S"), "/GTS_PDFX"))
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
                found(p, 2, "PDF/X", "output intent", "use a CMYK output profile (FOGRA39)",
                      "output intent is not CMYK");
        } else {
            found(p, 2, "PDF/X", "output intent", "embed the output profile (PDF/X-4 needs it)",
                  "output intent without DestOutputProfile");
        }
    }
    if (!intents)
        found(p, 2, "PDF/X", "catalog /OutputIntents", "export as PDF/X-4 with FOGRA39",
              "no GTS_PDFX output intent");
    else if (intents > 1)
        found(p, 2, "PDF/X", "catalog /OutputIntents", "keep one PDF/X output intent",
              "%d GTS_PDFX output intents", intents);
    /* /Trapped is a name (/True, /False), which qpdf_get_info_key skips */
    qpdf_oh tr = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, qpdf_get_trailer(p->q), "/Info"), "/Trapped");
    char trapped[32] = "";
    if (qpdf_oh_is_name(p->q, tr))
        snprintf(trapped, sizeof trapped, "%s", qpdf_oh_get_name(p->q, tr) + 1);
    if (!trapped[0])
        found(p, 2, "PDF/X", "Info dictionary", "set /Trapped to False (or True if trapped)",
              "no /Trapped in the document information");
    else if (strcmp(trapped, "True") != 0 && strcmp(trapped, "False") != 0)
        found(p, 2, "PDF/X", "Info dictionary", "set /Trapped to False (or True if trapped)",
              "/Trapped /%s (PDF/X needs True or False)", trapped);
    snprintf(p->pdfx_summary, sizeof p->pdfx_summary, "%s, output intent %s (CMYK), Trapped %s",
             v[0] ? v : "?", cond[0] ? cond : "(unnamed)", trapped[0] ? trapped : "?");

    /* actions and scripts */
    check_action(p, qpdf_oh_get_key(p->q, root, "/OpenAction"), "catalog /OpenAction", 0);
    check_aa(p, root, "catalog");
    qpdf_oh names = qpdf_oh_get_key(p->q, root, "/Names");
    if (qpdf_oh_has_key(p->q, names, "/JavaScript"))
        found(p, 2, "security", "catalog /Names /JavaScript", "remove the scripts", "JavaScript");
    if (qpdf_oh_has_key(p->q, names, "/EmbeddedFiles"))
        found(p, 1, "security", "catalog /Names /EmbeddedFiles", "remove the attached files",
              "attached files");
    if (qpdf_oh_has_key(p->q, root, "/AcroForm"))
        found(p, 1, "security", "catalog /AcroForm", "flatten the form fields", "a form");
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
        obj_name(p, a, nm, on, sizeof on);
        check_action(p, qpdf_oh_get_key(p->q, a, "/A"), on, 0);
        check_aa(p, a, on);
        if (!strcmp(sub, "/PrinterMark") || !strcmp(sub, "/TrapNet"))
            continue;
        qpdf_oh f = qpdf_oh_get_key(p->q, a, "/F");
        bool printable = qpdf_oh_is_integer(p->q, f) && (qpdf_oh_get_int_value(p->q, f) & 4) &&
                         !(qpdf_oh_get_int_value(p->q, f) & 2);
        double r[4];
        bool inside = get_box(p, a, "/Rect", r) && r[0] < bleed[2] && r[2] > bleed[0] &&
                      r[1] < bleed[3] && r[3] > bleed[1];
        if (printable && inside)
            found(p, 2, "annotations", on, "remove it or make it non-printing (paper has no links "
                  "or comments)", "printable, inside the bleed box");
        /* what its appearance would print */
        qpdf_oh ap = qpdf_oh_get_key(p->q, qpdf_oh_get_key(p->q, a, "/AP"), "/N");
        if (printable && qpdf_oh_is_stream(p->q, ap)) {
            static const double id[6] = {1, 0, 0, 1, 0, 0};
            char apn[96];
            snprintf(apn, sizeof apn, "appearance of %.70s", on);
            scan_form(p, ap, apn, id, 1);
        }
    }
}

/* One line per check: its findings, or what was checked. */
static void summary(pf *p, const char *check, const char *ok)
{
    char msg[400] = "";
    int errors = 0, warnings = 0;
    size_t len = 0;
    for (int i = 0; i < p->n_f; i++) {
        const finding *f = &p->f[i];
        if (strcmp(f->check, check) != 0)
            continue;
        errors += f->level == 2;
        warnings += f->level == 1;
        if (errors + warnings <= 3 && !strstr(msg, f->what) && len + strlen(f->what) + 3 < sizeof msg)
            len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", len ? "; " : "", f->what);
    }
    if (errors + warnings > 1 && len + 24 < sizeof msg)
        snprintf(msg + len, sizeof msg - len, " (%d findings)", errors + warnings);
    if (errors || warnings)
        result(p, errors ? 2 : 1, check, "%s", msg);
    else
        result(p, 0, check, "%s", ok);
}

static void check_page(pf *p, qpdf_oh page, int *boxed, int *bled, double *min_bleed)
{
    double media[4], trim[4], bleed[4];
    bool m = get_box(p, page, "/MediaBox", media);
    bool has_bleed = false;
    if (get_box(p, page, "/TrimBox", trim) && m) {
        (*boxed)++;
        if (get_box(p, page, "/BleedBox", bleed) && bleed[0] >= media[0] - 0.01 &&
            bleed[1] >= media[1] - 0.01 && bleed[2] <= media[2] + 0.01 && bleed[3] <= media[3] + 0.01) {
            has_bleed = true;
            double b = fmin(fmin(trim[0] - bleed[0], trim[1] - bleed[1]),
                            fmin(bleed[2] - trim[2], bleed[3] - trim[3])) / MM(1.0);
            if (b < *min_bleed)
                *min_bleed = b;
            if (b >= MIN_BLEED_MM - 0.01)
                (*bled)++;
            else
                found(p, 2, "boxes", "page /BleedBox", "extend the background 3 mm past the trim",
                      "bleed of %.1f mm", b);
        } else {
            found(p, 2, "boxes", "page /BleedBox", "export with 3 mm bleed inside the MediaBox",
                  "no BleedBox inside the MediaBox");
        }
    } else {
        found(p, 2, "boxes", "page /TrimBox", "export with the trim box (PDF/X needs it)",
              "no TrimBox");
    }
    if (!has_bleed) {
        if (!get_box(p, page, "/TrimBox", bleed) && !(m && memcpy(bleed, media, sizeof bleed)))
            memset(bleed, 0, sizeof bleed);
    }
    check_group(p, page, "the page");
    check_aa(p, page, "page");
    check_annots(p, page, bleed);
    qpdf_oh res = qpdf_oh_get_key(p->q, page, "/Resources");
    snprintf(p->object, sizeof p->object, "page content");
    scan_resources(p, res, 0);
    unsigned char *data;
    size_t len;
    /* QPDF_WARNINGS (a bit of the result) still means data */
    if (!(qpdf_oh_get_page_content_data(p->q, page, &data, &len) & QPDF_ERRORS)) {
        static const double id[6] = {1, 0, 0, 1, 0, 0};
        snprintf(p->object, sizeof p->object, "page content");
        scan_content(p, data, len, res, id, 0);
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
        json_str(out, path);
        fputs(", \"checks\": [\n", out);
    } else {
        fprintf(out, "%s\n", path);
    }
    int rc;
    if (!p.f || (qpdf_read(p.q, path, NULL) & QPDF_ERRORS)) {
        qpdf_error e = p.f ? qpdf_get_error(p.q) : NULL;
        result(&p, 2, "file", "not a readable PDF: %s", e ? qpdf_get_error_full_text(p.q, e) : "?");
        rc = 2;
        goto done;
    }
    if (qpdf_is_encrypted(p.q))
        found(&p, 2, "security", "trailer /Encrypt", "export without a password or restrictions",
              "the file is encrypted");
    check_pdfx(&p);
    int pages = qpdf_get_num_pages(p.q), boxed = 0, bled = 0;
    double min_bleed = INFINITY;
    qpdf_push_inherited_attributes_to_page(p.q); /* MediaBox, Resources from /Pages */
    for (int i = 0; i < pages; i++) {
        p.page = i + 1;
        check_page(&p, qpdf_get_page_n(p.q, (size_t)i), &boxed, &bled, &min_bleed);
    }
    p.page = 0;
    summary(&p, "PDF/X", p.pdfx_summary);
    summary(&p, "metadata", "XMP with the PDF/X version, title, dates, file /ID");
    summary(&p, "security", "not encrypted; no scripts, actions, external or PostScript content");
    summary(&p, "annotations", "none printable inside the bleed");
    if (boxed == pages && bled == pages)
        result(&p, 0, "boxes", "TrimBox and bleed of at least %.1f mm on all %d pages", min_bleed,
               pages);
    else
        result(&p, 2, "boxes", "%d of %d pages have a TrimBox; %d a bleed of %.0f mm inside the "
               "MediaBox", boxed, pages, bled, MIN_BLEED_MM);
    if (p.fonts_unembedded)
        result(&p, 2, "fonts", "%d of %d fonts not embedded (first: %s)", p.fonts_unembedded,
               p.fonts, p.first_font);
    else
        result(&p, 0, "fonts", "%d font resources, all embedded", p.fonts);
    summary(&p, "colour", "no RGB, no Lab");
    char ok[96];
    snprintf(ok, sizeof ok, "highest total ink %.0f %%", p.max_tac * 100);
    summary(&p, "ink", ok);
    if (isinf(p.thinnest))
        snprintf(ok, sizeof ok, "no strokes");
    else
        snprintf(ok, sizeof ok, "thinnest stroke %.2f pt", p.thinnest);
    summary(&p, "lines", ok);
    if (!p.images)
        snprintf(ok, sizeof ok, "none");
    else
        snprintf(ok, sizeof ok, "%d images, at least %.0f ppi", p.images, p.lowest_ppi);
    summary(&p, "images", ok);
    summary(&p, "transparency", "none");
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
