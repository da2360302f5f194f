/*
 * shared.c — the schemas of the files every document draws on:
 * contacts.yaml and courses.yaml (content/README.md); languages/<code>.yaml
 * is languages.c.
 * Input: node trees from yaml.c.  Output: dw_lang, dw_contact and
 * dw_course entries appended to the content set, in the model's arena.
 * An entry with an error in its identity (id, code) is left out; an
 * entry with an error in a detail is kept with that detail empty, so one
 * run reports every problem.
 */
#include "content_int.h"

#include <dirent.h>
#include <glib.h>
#include <hb.h>
#include <stdio.h>
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

static size_t count(const char *const *vals)
{
    size_t n = 0;
    while (vals[n])
        n++;
    return n;
}

/* The root of a shared file: a mapping with the list `key` and, when
 * extra is not NULL, that one optional key beside it.                  */
static const dw_ynode *top_list(dw_ctx *x, const dw_ynode *root, const char *key,
                                const char *extra)
{
    if (!root) {
        dw_error(x->d, (dw_loc){x->file, 1, 1}, "the file is empty: it must start with '%s:'",
                 key);
        return NULL;
    }
    if (root->kind != DW_Y_MAP) {
        dw_error(x->d, root->loc, "the file must start with '%s:', not with %s", key,
                 dw_ykind_name(root->kind));
        return NULL;
    }
    const char *keys[] = {key, extra, NULL};
    dw_schema_keys(x, root, keys);
    return dw_schema_list(x, root, key, "the file");
}

static const char *opt_str(dw_ctx *x, const dw_ynode *m, const char *key)
{
    const dw_ynode *v = dw_schema_scalar(x, m, key, NULL);
    return v ? dw_schema_str(x, v) : NULL;
}

static bool opt_bool(dw_ctx *x, const dw_ynode *m, const char *key)
{
    const dw_ynode *v = dw_schema_get(m, key);
    bool b = false;
    if (v && !dw_ynode_is_null(v))
        dw_schema_bool(x, v, key, &b);
    return b;
}

/* ---- contacts.yaml ------------------------------------------------------------------- */

static const char *const contact_keys[] = {
    "id",    "name",      "unit",     "address",      "phone",      "email", "web",
    "hours", "languages", "category", "municipality", "unverified", "about",
    "checked", "confirm", NULL};
static const char *const hours_keys[] = {"days", "from", "to", NULL};
static const char *const checked_keys[] = {"source", "date", NULL};

/* A phone, e-mail or web field: valid as the matching {tel:…} markup;
 * *href is its link target (NULL when absent or invalid).               */
static const char *address_field(dw_ctx *x, const dw_ynode *m, const char *key,
                                 enum dw_span_kind kind, const char **href)
{
    *href = NULL;
    const dw_ynode *v = dw_schema_scalar(x, m, key, NULL);
    if (!v)
        return NULL;
    const char *why = NULL;
    if (!(*href = dw_inline_href(x->a, kind, v->str, &why))) {
        dw_error(x->d, v->loc, "'%s' is '%s': %s", key, dw_clip(x->tmp, v->str), why);
        return NULL;
    }
    return dw_schema_str(x, v);
}

static bool times_in_order(dw_ctx *x, const dw_ynode *to, const char *from_s,
                           const char *to_s)
{
    if (strcmp(from_s, to_s) < 0)
        return true;
    dw_error(x->d, to->loc, "'to' (%s) must be later than 'from' (%s)", to_s, from_s);
    return false;
}

static void load_hours(dw_ctx *x, const dw_ynode *list, dw_contact *c)
{
    c->hours = dw_alloc_array(x->a, list->n, sizeof *c->hours);
    for (size_t i = 0; i < list->n; i++) {
        const dw_ynode *h = list->items[i];
        if (!dw_schema_item(x, h, DW_Y_MAP, "an opening-hours entry"))
            continue;
        dw_schema_keys(x, h, hours_keys);
        dw_hours out;
        memset(&out, 0, sizeof out);
        const char *owner = "an opening-hours entry";
        const dw_ynode *days = dw_schema_get(h, "days");
        const dw_ynode *from = dw_schema_scalar(x, h, "from", owner);
        const dw_ynode *to = dw_schema_scalar(x, h, "to", owner);
        bool ok = from && to;
        if (!days) {
            dw_error(x->d, h->loc, "%s has no 'days'", owner);
            ok = false;
        } else if (!dw_schema_days(x, days, "days", &out.days)) {
            ok = false;
        }
        ok = from && dw_schema_time(x, from, out.from) && ok;
        ok = to && dw_schema_time(x, to, out.to) && ok;
        if (ok && times_in_order(x, to, out.from, out.to))
            c->hours[c->n_hours++] = out;
    }
}

static void load_about(dw_ctx *x, const dw_ynode *m, dw_contact *c)
{
    c->about_langs = dw_alloc_array(x->a, m->n, sizeof *c->about_langs);
    c->about = dw_alloc_array(x->a, m->n, sizeof *c->about);
    for (size_t i = 0; i < m->n; i++) {
        const dw_ynode *k = m->items[2 * i], *v = m->items[2 * i + 1];
        if (!dw_is_lang_code(k->str)) {
            dw_error(x->d, k->loc,
                     "'%s' is not a language code: write one 'about' text per language, "
                     "e.g. 'de: …'",
                     dw_clip(x->tmp, k->str));
            continue;
        }
        if (dw_ynode_is_null(v)) {
            dw_error(x->d, k->loc, "the 'about' text in '%s' is empty: write it or remove the line",
                     k->str);
            continue;
        }
        if (!dw_schema_is(x, v, DW_Y_SCALAR, k->str))
            continue;
        c->about_langs[c->n_about] = dw_schema_str(x, k);
        c->about[c->n_about++] = dw_schema_text(x, v);
    }
}

static void load_contact(dw_ctx *x, const dw_ynode *m, dw_idset *ids)
{
    if (!dw_schema_item(x, m, DW_Y_MAP, "a contact"))
        return;
    dw_schema_keys(x, m, contact_keys);
    dw_contact c;
    memset(&c, 0, sizeof c);
    c.loc = m->loc;
    bool ok = true;
    const dw_ynode *v = dw_schema_scalar(x, m, "id", "a contact");
    if (!v || !dw_schema_id(x, v, "contact")) {
        ok = false;
    } else {
        const dw_loc *first = dw_idset_add(ids, v->str, v->loc);
        if (first) {
            dw_error(x->d, v->loc, "duplicate contact id '%s' (first at %s)",
                     dw_clip(x->tmp, v->str), dw_where(x, *first));
            ok = false;
        }
        c.id = dw_schema_str(x, v);
    }
    const char *owner = dw_sprintf(x->tmp, "contact '%s'", c.id ? dw_clip(x->tmp, c.id) : "?");
    if ((v = dw_schema_scalar(x, m, "name", owner)))
        c.name = dw_schema_str(x, v);
    c.unit = opt_str(x, m, "unit");
    c.address = opt_str(x, m, "address");
    c.phone = address_field(x, m, "phone", DW_SPAN_TEL, &c.phone_href);
    c.email = address_field(x, m, "email", DW_SPAN_MAIL, &c.email_href);
    c.web = address_field(x, m, "web", DW_SPAN_WEB, &c.web_href);
    if ((v = dw_schema_list(x, m, "hours", NULL)))
        load_hours(x, v, &c);
    if ((v = dw_schema_list(x, m, "languages", NULL))) {
        c.languages = dw_alloc_array(x->a, v->n, sizeof *c.languages);
        for (size_t i = 0; i < v->n; i++) {
            const dw_ynode *it = v->items[i];
            if (!dw_schema_item(x, it, DW_Y_SCALAR, "a language"))
                continue;
            if (dw_is_lang_code(it->str))
                c.languages[c.n_languages++] = dw_schema_str(x, it);
            else
                dw_error(x->d, it->loc,
                         "'%s' is not a language code: use ISO 639-1 codes such as de, "
                         "en, ar",
                         dw_clip(x->tmp, it->str));
        }
    }
    int k;
    if ((v = dw_schema_scalar(x, m, "category", owner)) &&
        dw_schema_enum(x, v, "category", dw_contact_categories, count(dw_contact_categories),
                       &k))
        c.category = dw_contact_categories[k];
    if ((v = dw_schema_scalar(x, m, "municipality", owner)))
        c.municipality = dw_schema_str(x, v);
    c.unverified = opt_bool(x, m, "unverified");
    if ((v = dw_schema_map(x, m, "checked", NULL))) {
        dw_schema_keys(x, v, checked_keys);
        const dw_ynode *src = dw_schema_scalar(x, v, "source", "'checked'");
        const dw_ynode *date = dw_schema_scalar(x, v, "date", "'checked'");
        if (src && date && dw_schema_date(x, date, &c.checked_date))
            c.checked_source = dw_schema_str(x, src);
        if (c.unverified)
            dw_error(x->d, dw_schema_key_node(m, "checked")->loc,
                     "%s is 'checked' and 'unverified' at once: keep 'checked' when the "
                     "source confirms the data, else remove it",
                     owner);
    }
    c.confirm = dw_schema_confirm(x, m, &c.confirm_loc);
    if ((v = dw_schema_map(x, m, "about", NULL)))
        load_about(x, v, &c);
    if (!ok)
        return;
    x->c->contacts = dw_grow(x->a, x->c->contacts, x->c->n_contacts, sizeof c);
    x->c->contacts[x->c->n_contacts++] = c;
}

void dw_load_contacts(dw_ctx *x, const dw_ynode *root)
{
    const dw_ynode *list = top_list(x, root, "contacts", NULL);
    if (!list)
        return;
    dw_idset ids;
    dw_idset_init(&ids, x->tmp);
    for (size_t i = 0; i < x->c->n_contacts; i++) /* from an earlier file */
        dw_idset_add(&ids, x->c->contacts[i].id, x->c->contacts[i].loc);
    for (size_t i = 0; i < list->n; i++)
        load_contact(x, list->items[i], &ids);
}

/* ---- courses.yaml ---------------------------------------------------------------------- */

static const char *const course_keys[] = {
    "id",   "type", "provider", "level", "place",     "address",    "start", "end",
    "days", "from", "to",       "cost",  "childcare", "unverified", "sample",
    "confirm", NULL};

/* CEFR levels (Common European Framework of Reference): A1 … C2, or a
 * range "A1-B1" from the lower to the higher level.                     */
static bool cefr(const char *s, size_t n, int *rank)
{
    if (n != 2 || s[0] < 'A' || s[0] > 'C' || (s[1] != '1' && s[1] != '2'))
        return false;
    *rank = (s[0] - 'A') * 2 + (s[1] - '1');
    return true;
}

static bool valid_level(const char *s)
{
    size_t len = strlen(s);
    int lo, hi;
    if (cefr(s, len, &lo))
        return true;
    const char *dash = strchr(s, '-');
    return dash && cefr(s, (size_t)(dash - s), &lo) &&
           cefr(dash + 1, len - (size_t)(dash - s) - 1, &hi) && lo < hi;
}

static bool parse_cost(const char *s, dw_course *c)
{
    if (strcmp(s, "free") == 0) {
        c->cost = DW_COST_FREE;
        return true;
    }
    if (strcmp(s, "bamf") == 0) {
        c->cost = DW_COST_BAMF;
        return true;
    }
    /* euros: "120", "120.50" or "120,50"; at most 7 digits before the
     * comma (no course costs ten million euros, and the sum stays exact) */
    long whole = 0, cents = 0;
    size_t i = 0, frac = 0;
    for (; s[i] >= '0' && s[i] <= '9' && i < 7; i++)
        whole = whole * 10 + (s[i] - '0');
    if (i == 0)
        return false;
    if (s[i] == '.' || s[i] == ',') {
        for (i++; s[i] >= '0' && s[i] <= '9' && frac < 2; i++, frac++)
            cents = cents * 10 + (s[i] - '0');
        if (frac == 0)
            return false;
        if (frac == 1)
            cents *= 10;
    }
    if (s[i] != 0)
        return false;
    c->cost = DW_COST_EUROS;
    c->cost_euros = (double)whole + (double)cents / 100.0;
    return true;
}

/* Whether contacts.yaml gave an error (it did not load, or only in part):
 * then an unknown id is its follow-on, not a mistake of its own.        */
bool dw_content_contacts_broken(const dw_diag *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const char *f = d->msgs[i].loc.file;
        size_t n = f ? strlen(f) : 0;
        if (d->msgs[i].sev == DW_ERROR && n >= 13 && strcmp(f + n - 13, "contacts.yaml") == 0 &&
            (n == 13 || f[n - 14] == '/'))
            return true;
    }
    return false;
}

const dw_contact *dw_load_contact_ref(dw_ctx *x, const dw_ynode *v)
{
    const dw_contact *c = dw_content_contact(x->c, v->str);
    if (c || dw_content_contacts_broken(x->d))
        return c;
    const char **ids = dw_alloc_array(x->tmp, x->c->n_contacts + 1, sizeof *ids);
    for (size_t i = 0; i < x->c->n_contacts; i++)
        ids[i] = x->c->contacts[i].id;
    const char *near = dw_suggest(v->str, ids, x->c->n_contacts);
    if (near)
        dw_error(x->d, v->loc, "unknown contact '%s' (did you mean '%s'?)",
                 dw_clip(x->tmp, v->str), near);
    else
        dw_error(x->d, v->loc, "unknown contact '%s': add it to contacts.yaml or check the id",
                 dw_clip(x->tmp, v->str));
    return NULL;
}

static void load_course(dw_ctx *x, const dw_ynode *m, dw_idset *ids)
{
    if (!dw_schema_item(x, m, DW_Y_MAP, "a course"))
        return;
    dw_schema_keys(x, m, course_keys);
    dw_course c;
    memset(&c, 0, sizeof c);
    c.loc = m->loc;
    bool ok = true;
    const dw_ynode *v = dw_schema_scalar(x, m, "id", "a course");
    if (!v || !dw_schema_id(x, v, "course")) {
        ok = false;
    } else {
        const dw_loc *first = dw_idset_add(ids, v->str, v->loc);
        if (first) {
            dw_error(x->d, v->loc, "duplicate course id '%s' (first at %s)",
                     dw_clip(x->tmp, v->str), dw_where(x, *first));
            ok = false;
        }
        c.id = dw_schema_str(x, v);
    }
    const char *owner = dw_sprintf(x->tmp, "course '%s'", c.id ? dw_clip(x->tmp, c.id) : "?");
    int k;
    if ((v = dw_schema_scalar(x, m, "type", owner)) &&
        dw_schema_enum(x, v, "course type", dw_course_types, count(dw_course_types), &k))
        c.type = dw_course_types[k];
    if ((v = dw_schema_scalar(x, m, "provider", owner)))
        c.provider = dw_load_contact_ref(x, v);
    if ((v = dw_schema_scalar(x, m, "level", NULL))) {
        if (valid_level(v->str))
            c.level = dw_schema_str(x, v);
        else
            dw_error(x->d, v->loc,
                     "invalid level '%s': use A1, A2, B1, B2, C1 or C2, or a range like A1-B1",
                     dw_clip(x->tmp, v->str));
    }
    if ((v = dw_schema_scalar(x, m, "place", owner)))
        c.place = dw_schema_str(x, v);
    c.address = opt_str(x, m, "address");
    const dw_ynode *start = dw_schema_scalar(x, m, "start", owner);
    const dw_ynode *end = dw_schema_scalar(x, m, "end", owner);
    bool dates = start && dw_schema_date(x, start, &c.start);
    dates = end && dw_schema_date(x, end, &c.end) && dates;
    if (dates && dw_date_days(c.end) < dw_date_days(c.start))
        dw_error(x->d, end->loc, "the course ends (%s) before it starts (%s)", end->str,
                 start->str);
    if ((v = dw_schema_get(m, "days")) && !dw_ynode_is_null(v))
        dw_schema_days(x, v, "days", &c.days);
    const dw_ynode *from = dw_schema_scalar(x, m, "from", NULL);
    const dw_ynode *to = dw_schema_scalar(x, m, "to", NULL);
    if (from && !to)
        dw_error(x->d, m->loc, "%s has 'from' but no 'to'", owner);
    else if (to && !from)
        dw_error(x->d, m->loc, "%s has 'to' but no 'from'", owner);
    else if (from && to) {
        bool times = dw_schema_time(x, from, c.from);
        times = dw_schema_time(x, to, c.to) && times;
        if (times && !times_in_order(x, to, c.from, c.to))
            c.from[0] = c.to[0] = 0;
    }
    if ((v = dw_schema_scalar(x, m, "cost", owner)) && !parse_cost(v->str, &c))
        dw_error(x->d, v->loc,
                 "invalid cost '%s': write free, bamf (BAMF course) or a number of euros, "
                 "e.g. 120",
                 dw_clip(x->tmp, v->str));
    c.childcare = opt_bool(x, m, "childcare");
    c.unverified = opt_bool(x, m, "unverified");
    c.sample = dw_schema_sample(x, m, &c.sample_loc);
    if (!c.sample && x->c->courses_sample) {
        c.sample = true;
        c.sample_loc = x->c->courses_sample_loc;
    }
    c.confirm = dw_schema_confirm(x, m, &c.confirm_loc);
    if (!ok)
        return;
    x->c->courses = dw_grow(x->a, x->c->courses, x->c->n_courses, sizeof c);
    x->c->courses[x->c->n_courses++] = c;
}

void dw_load_courses(dw_ctx *x, const dw_ynode *root)
{
    const dw_ynode *list = top_list(x, root, "courses", "sample");
    if (!list)
        return;
    if (dw_schema_sample(x, root, &x->c->courses_sample_loc))
        x->c->courses_sample = true;
    dw_idset ids;
    dw_idset_init(&ids, x->tmp);
    for (size_t i = 0; i < x->c->n_courses; i++)
        dw_idset_add(&ids, x->c->courses[i].id, x->c->courses[i].loc);
    for (size_t i = 0; i < list->n; i++)
        load_course(x, list->items[i], &ids);
}
