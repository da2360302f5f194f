/*
 * design.c — layouts/<document>.yaml and fonts/fonts.yaml into design.h.
 * Same node tree and schema helpers as the content files, so errors read
 * the same: file:line:column, what is wrong, what to write instead.
 */
#include <stdlib.h>
#include <string.h>

#include "content_int.h"

#include <errno.h>

static bool parse_file(dw_ctx *x, const char *path, dw_ynode **root)
{
    size_t len;
    char *data = dw_read_file(path, &len);
    if (!data) {
        dw_error(x->d, dw_loc_none(), "cannot read '%s': %s", path, dw_read_strerror(errno));
        return false;
    }
    bool ok = dw_yaml_parse(x->tmp, x->file, data, len, root, x->d);
    free(data);
    if (ok && !*root) {
        dw_error(x->d, ((dw_loc){x->file, 1, 1}), "the file is empty");
        ok = false;
    }
    return ok && dw_schema_item(x, *root, DW_Y_MAP, "the file");
}

/* "12mm", "9.5pt" or a bare number of points. */
static bool length(dw_ctx *x, const dw_ynode *v, double *out)
{
    if (!v)
        return true;
    if (v->kind != DW_Y_SCALAR) {
        dw_error(x->d, v->loc, "a length must be a text like '12mm' or '9.5pt'");
        return false;
    }
    char *end;
    double n = strtod(v->str, &end);
    if (end == v->str || n < 0 || n > 5000) {
        dw_error(x->d, v->loc, "'%s' is not a length: write a number with mm or pt, e.g. '12mm'",
                 v->str);
        return false;
    }
    while (*end == ' ')
        end++;
    if (strcmp(end, "mm") == 0)
        n = n * 72.0 / 25.4;
    else if (strcmp(end, "cm") == 0)
        n = n * 720.0 / 25.4;
    else if (*end && strcmp(end, "pt") != 0) {
        dw_error(x->d, v->loc, "unknown unit '%s' in '%s': use mm or pt", end, v->str);
        return false;
    }
    *out = n;
    return true;
}

static void flag(dw_ctx *x, const dw_ynode *map, const char *key, bool *out)
{
    const dw_ynode *v = dw_schema_get(map, key);
    if (v)
        dw_schema_bool(x, v, key, out);
}

static void integer(dw_ctx *x, const dw_ynode *map, const char *key, int lo, int hi, int *out)
{
    const dw_ynode *v = dw_schema_scalar(x, map, key, NULL);
    if (!v)
        return;
    char *end;
    long n = strtol(v->str, &end, 10);
    if (*end || n < lo || n > hi) {
        dw_error(x->d, v->loc, "'%s' must be a whole number from %d to %d", key, lo, hi);
        return;
    }
    *out = (int)n;
}

static void cmyk(dw_ctx *x, const dw_ynode *v, dw_cmyk *out)
{
    if (!dw_schema_is(x, v, DW_Y_SEQ, "colour") || v->n != 4) {
        if (v->kind == DW_Y_SEQ)
            dw_error(x->d, v->loc, "a colour is four CMYK percentages: [C, M, Y, K], e.g. [90, 35, 20, 15]");
        return;
    }
    double c[4];
    for (size_t i = 0; i < 4; i++) {
        const dw_ynode *e = v->items[i];
        char *end;
        c[i] = e->kind == DW_Y_SCALAR ? strtod(e->str, &end) : -1;
        if (e->kind != DW_Y_SCALAR || *end || c[i] < 0 || c[i] > 100) {
            dw_error(x->d, e->loc, "a CMYK percentage must be a number from 0 to 100");
            return;
        }
    }
    *out = (dw_cmyk){c[0] / 100, c[1] / 100, c[2] / 100, c[3] / 100};
}

static const char *const design_keys[] = {
    "format", "page", "margins", "columns", "gutter", "card-columns", "section-new-page",
    "register-tabs", "section-dividers", "baseline-grid", "toc", "print", "colors", "styles",
    "online", "icons", "courses", "cover", "back-cover", NULL};
static const char *const style_keys[] = {"size", "leading", "before", "after", "font",
                                         "color", "justify", "hyphenate", NULL};
static const char *const font_styles[] = {"regular", "bold", "italic", "bold-italic"};

static void load_style(dw_ctx *x, const dw_ynode *m, dw_style *s)
{
    if (!dw_schema_is(x, m, DW_Y_MAP, "style"))
        return;
    dw_schema_keys(x, m, style_keys);
    length(x, dw_schema_get(m, "size"), &s->size_pt);
    length(x, dw_schema_get(m, "leading"), &s->leading_pt);
    length(x, dw_schema_get(m, "before"), &s->before_pt);
    length(x, dw_schema_get(m, "after"), &s->after_pt);
    const dw_ynode *v;
    int k;
    if ((v = dw_schema_scalar(x, m, "font", NULL)) &&
        dw_schema_enum(x, v, "font style", font_styles, 4, &k))
        s->font = (unsigned)k;
    if ((v = dw_schema_scalar(x, m, "color", NULL)) &&
        dw_schema_enum(x, v, "colour", dw_color_names, DW_N_COLORS, &k))
        s->color = k;
    flag(x, m, "justify", &s->justify);
    flag(x, m, "hyphenate", &s->hyphenate);
}

bool dw_content_load_design(const char *path, dw_design *ds, dw_arena *a, dw_diag *d)
{
    int before = d->errors;
    path = dw_data_path(a, path);
    dw_ctx x = {.a = a, .tmp = dw_arena_new(), .d = d, .file = dw_strdup(a, path)};
    dw_ynode *root = NULL;
    if (!parse_file(&x, path, &root))
        goto done;
    dw_schema_keys(&x, root, design_keys);
    static const char *const formats[] = {"a4-folder", "a5-booklet"};
    int fmt = 0;
    const dw_ynode *v = dw_schema_scalar(&x, root, "format", "the layout");
    if (v)
        dw_schema_enum(&x, v, "format", formats, 2, &fmt);
    dw_design_defaults(ds, fmt == 1);
    ds->file = x.file;
    const dw_ynode *m;
    if ((m = dw_schema_map(&x, root, "page", NULL))) {
        length(&x, dw_schema_get(m, "width"), &ds->page_w);
        length(&x, dw_schema_get(m, "height"), &ds->page_h);
    }
    if ((m = dw_schema_map(&x, root, "margins", NULL))) {
        static const char *const keys[] = {"inner", "outer", "top", "bottom", NULL};
        dw_schema_keys(&x, m, keys);
        length(&x, dw_schema_get(m, "inner"), &ds->margin_inner);
        length(&x, dw_schema_get(m, "outer"), &ds->margin_outer);
        length(&x, dw_schema_get(m, "top"), &ds->margin_top);
        length(&x, dw_schema_get(m, "bottom"), &ds->margin_bottom);
    }
    integer(&x, root, "columns", 1, 4, &ds->columns);
    integer(&x, root, "card-columns", 1, 4, &ds->card_columns);
    length(&x, dw_schema_get(root, "gutter"), &ds->gutter);
    flag(&x, root, "section-new-page", &ds->section_new_page);
    flag(&x, root, "register-tabs", &ds->register_tabs);
    flag(&x, root, "section-dividers", &ds->section_dividers);
    if ((v = dw_schema_get(root, "baseline-grid"))) {
        if (v->kind == DW_Y_SCALAR && strcmp(v->str, "none") == 0)
            ds->baseline_grid = 0;
        else if (v->kind == DW_Y_SCALAR && strcmp(v->str, "auto") == 0)
            ds->baseline_grid = -1;
        else
            length(&x, v, &ds->baseline_grid);
    }
    flag(&x, root, "toc", &ds->toc);
    if ((v = dw_schema_scalar(&x, root, "online", NULL))) {
        if (strncmp(v->str, "https://", 8) != 0 || !v->str[8] || strpbrk(v->str, " \t"))
            dw_error(x.d, v->loc, "'online' must be a web address starting with https://, "
                     "e.g. 'https://www.lkclp.de'");
        else
            ds->online = dw_strdup(a, v->str);
    }
    if ((m = dw_schema_map(&x, root, "icons", NULL))) {
        ds->icon_ids = dw_alloc_array(a, m->n + 1, sizeof *ds->icon_ids);
        ds->icon_names = dw_alloc_array(a, m->n + 1, sizeof *ds->icon_names);
        ds->icon_locs = dw_alloc_array(a, m->n + 1, sizeof *ds->icon_locs);
        for (size_t i = 0; i < m->n; i++) {
            const dw_ynode *k = m->items[2 * i], *val = m->items[2 * i + 1];
            if (k->kind != DW_Y_SCALAR || val->kind != DW_Y_SCALAR || !*val->str) {
                dw_error(x.d, val->loc, "an icon is a name from the icon font, e.g. 'home'");
                continue;
            }
            ds->icon_ids[ds->n_icons] = dw_strdup(a, k->str);
            ds->icon_names[ds->n_icons] = dw_strdup(a, val->str);
            ds->icon_locs[ds->n_icons++] = val->loc;
        }
    }
    if ((m = dw_schema_map(&x, root, "courses", NULL))) {
        static const char *const keys[] = {"view", NULL};
        static const char *const views[] = {"timetable", "cards"};
        dw_schema_keys(&x, m, keys);
        int view = 0;
        if ((v = dw_schema_scalar(&x, m, "view", NULL)) &&
            dw_schema_enum(&x, v, "course view", views, 2, &view))
            ds->course_cards = view == 1;
    }
    if ((m = dw_schema_map(&x, root, "cover", NULL))) {
        static const char *const keys[] = {"illustration", "coat-of-arms", NULL};
        dw_schema_keys(&x, m, keys);
        if ((v = dw_schema_scalar(&x, m, "illustration", NULL)))
            ds->cover_art = dw_strdup(a, v->str), ds->cover_art_loc = v->loc;
        if ((v = dw_schema_scalar(&x, m, "coat-of-arms", NULL)))
            ds->coat_of_arms = dw_strdup(a, v->str), ds->coat_of_arms_loc = v->loc;
    }
    if ((m = dw_schema_map(&x, root, "back-cover", NULL))) {
        static const char *const keys[] = {"contacts", NULL};
        dw_schema_keys(&x, m, keys);
        ds->back_cover = true;
        const dw_ynode *l = dw_schema_get(m, "contacts");
        if (l && dw_schema_is(&x, l, DW_Y_SEQ, "list of contact ids")) {
            ds->back_contacts = dw_alloc_array(a, l->n + 1, sizeof *ds->back_contacts);
            ds->back_contact_locs = dw_alloc_array(a, l->n + 1, sizeof *ds->back_contact_locs);
            for (size_t i = 0; i < l->n; i++) {
                const dw_ynode *e = l->items[i];
                if (e->kind != DW_Y_SCALAR || !*e->str) {
                    dw_error(x.d, e->loc, "a contact id from contacts.yaml, e.g. 'fire-ambulance'");
                    continue;
                }
                ds->back_contact_locs[ds->n_back_contacts] = e->loc;
                ds->back_contacts[ds->n_back_contacts++] = dw_strdup(a, e->str);
            }
        }
    }
    if ((m = dw_schema_map(&x, root, "print", NULL))) {
        static const char *const keys[] = {"bleed", "crop-marks", "slug", NULL};
        dw_schema_keys(&x, m, keys);
        length(&x, dw_schema_get(m, "bleed"), &ds->bleed);
        flag(&x, m, "crop-marks", &ds->crop_marks);
        flag(&x, m, "slug", &ds->slug);
    }
    if ((m = dw_schema_map(&x, root, "colors", NULL))) {
        const char *names[DW_N_COLORS + 1];
        for (int i = 0; i < DW_N_COLORS; i++)
            names[i] = dw_color_names[i];
        names[DW_N_COLORS] = NULL;
        dw_schema_keys(&x, m, names);
        for (int i = 0; i < DW_N_COLORS; i++)
            if ((v = dw_schema_get(m, dw_color_names[i])))
                cmyk(&x, v, &ds->colors[i]);
    }
    if ((m = dw_schema_map(&x, root, "styles", NULL))) {
        const char *names[DW_N_STYLES + 1];
        for (int i = 0; i < DW_N_STYLES; i++)
            names[i] = dw_style_names[i];
        names[DW_N_STYLES] = NULL;
        dw_schema_keys(&x, m, names);
        for (int i = 0; i < DW_N_STYLES; i++)
            if ((v = dw_schema_get(m, dw_style_names[i])))
                load_style(&x, v, &ds->styles[i]);
    }
    if (ds->margin_inner + ds->margin_outer > ds->page_w * 0.8 ||
        ds->margin_top + ds->margin_bottom > ds->page_h * 0.8)
        dw_error(d, root->loc, "the margins leave almost no room for text: check 'margins'");
done:
    dw_arena_free(x.tmp);
    return d->errors == before;
}

bool dw_content_load_fonts(const char *path, dw_font_manifest *m, dw_arena *a, dw_diag *d)
{
    int before = d->errors;
    path = dw_data_path(a, path);
    memset(m, 0, sizeof *m);
    dw_ctx x = {.a = a, .tmp = dw_arena_new(), .d = d, .file = dw_strdup(a, path)};
    dw_ynode *root = NULL;
    if (!parse_file(&x, path, &root))
        goto done;
    static const char *const keys[] = {"fonts", NULL};
    static const char *const fkeys[] = {"file", "package", "licence", "style", "scripts",
                                        "fallback-size", NULL};
    dw_schema_keys(&x, root, keys);
    const dw_ynode *list = dw_schema_list(&x, root, "fonts", "the font manifest");
    if (!list)
        goto done;
    m->fonts = dw_alloc_array(a, list->n + 1, sizeof *m->fonts);
    for (size_t i = 0; i < list->n; i++) {
        const dw_ynode *f = list->items[i];
        if (!dw_schema_is(&x, f, DW_Y_MAP, "font"))
            continue;
        dw_schema_keys(&x, f, fkeys);
        dw_font_entry *e = &m->fonts[m->n_fonts];
        e->loc = f->loc;
        const dw_ynode *v;
        if (!(v = dw_schema_scalar(&x, f, "file", "a font")))
            continue;
        e->file = dw_schema_str(&x, v);
        if ((v = dw_schema_scalar(&x, f, "package", "a font")))
            e->package = dw_schema_str(&x, v);
        if ((v = dw_schema_scalar(&x, f, "licence", "a font")))
            e->licence = dw_schema_str(&x, v);
        int st = 0;
        if ((v = dw_schema_scalar(&x, f, "style", NULL)))
            dw_schema_enum(&x, v, "font style", font_styles, 4, &st);
        e->style = (unsigned)st;
        const dw_ynode *sc = dw_schema_list(&x, f, "scripts", "a font");
        if (!sc)
            continue;
        e->scripts = dw_alloc_array(a, sc->n + 1, sizeof *e->scripts);
        for (size_t k = 0; k < sc->n; k++) {
            const dw_ynode *s = sc->items[k];
            if (s->kind != DW_Y_SCALAR || strlen(s->str) != 4) {
                dw_error(d, s->loc, "a script is a four-letter ISO 15924 code such as Latn, Arab or Cyrl");
                continue;
            }
            e->scripts[e->n_scripts++] = dw_schema_str(&x, s);
        }
        /* fallback-size: {Arab: 0.88}: Latin words inside Arabic text
         * set at 0.88 of its size (a factor per script of the paragraph) */
        const dw_ynode *fz = dw_schema_map(&x, f, "fallback-size", NULL);
        if (fz) {
            e->size_scripts = dw_alloc_array(a, fz->n + 1, sizeof *e->size_scripts);
            e->sizes = dw_alloc_array(a, fz->n + 1, sizeof *e->sizes);
            for (size_t k = 0; k < fz->n; k++) {
                const dw_ynode *key = fz->items[2 * k], *val = fz->items[2 * k + 1];
                char *end = NULL;
                double fac = val->kind == DW_Y_SCALAR ? strtod(val->str, &end) : 0;
                if (key->kind != DW_Y_SCALAR || strlen(key->str) != 4) {
                    dw_error(d, key->loc, "a script is a four-letter ISO 15924 code such as Latn, Arab or Cyrl");
                } else if (!end || end == val->str || *end || !(fac >= 0.5 && fac <= 1.5)) {
                    dw_error(d, val->loc, "a fallback size is a factor between 0.5 and 1.5, e.g. 0.88");
                } else {
                    e->size_scripts[e->n_sizes] = dw_schema_str(&x, key);
                    e->sizes[e->n_sizes++] = fac;
                }
            }
        }
        m->n_fonts++;
    }
done:
    dw_arena_free(x.tmp);
    return d->errors == before;
}

const char *dw_design_icon(const dw_design *d, const char *id)
{
    for (size_t i = 0; id && i < d->n_icons; i++)
        if (strcmp(d->icon_ids[i], id) == 0)
            return d->icon_names[i];
    return NULL;
}
