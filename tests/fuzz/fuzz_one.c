/*
 * fuzz_one.c — one fuzz input through the whole content stage, shared by
 * the libFuzzer target (tests/fuzz/fuzz_content.c) and the plain replay of
 * kept inputs (tests/unit/test_fuzz_replay.c).  The input is loaded as a
 * translation and as the German source of a document, as contacts.yaml,
 * courses.yaml and a language file, each against a small built-in content
 * set, then dw_content_check runs over it, and its bytes are parsed as
 * inline markup.  Beyond "no crash, no leak, no undefined behaviour"
 * (the sanitizers' part) it checks what layout relies on and aborts when
 * the model breaks it: locations, non-empty spans, hrefs exactly where
 * the span kind calls for one, tables with whole rows, and a return value
 * that agrees with the error count.
 */
#include "fuzz_one.h"

#include "content/content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char base_de[] =
    "code: de\nname: Deutsch\nname-de: Deutsch\ndirection: ltr\nscript: Latn\n"
    "digits: latin\nhyphenation: hyph_de_DE.dic\ndate-format: \"{d}.{m}.{y}\"\n"
    "words: {contents: Inhalt, page: Seite, phone: Telefon}\n";
static const char base_ar[] =
    "code: ar\nname: العربية\nname-de: Arabisch\ndirection: rtl\nscript: Arab\n"
    "digits: arabic-indic\nhyphenation: none\n"
    "words: {contents: المحتويات, page: صفحة}\n";
static const char base_contacts[] =
    "contacts:\n"
    "  - id: lk-cloppenburg\n    name: Landkreis Cloppenburg\n"
    "    address: Eschstraße 29, 49661 Cloppenburg\n    phone: 04471 15-0\n"
    "    email: info@lkclp.de\n    web: www.lkclp.de\n"
    "    hours:\n      - {days: [mo, tu, we, th, fr], from: \"08:30\", to: \"12:30\"}\n"
    "    languages: [de, en]\n    category: authorities\n    municipality: Landkreis\n"
    "    unverified: true\n    about: {de: Die Kreisverwaltung., ar: إدارة المقاطعة.}\n"
    "  - id: vhs-cloppenburg\n    name: Volkshochschule Cloppenburg\n"
    "    category: language\n    municipality: Cloppenburg\n";
static const char base_courses[] =
    "courses:\n"
    "  - id: vhs-ik-1\n    type: integration\n    provider: vhs-cloppenburg\n"
    "    level: A1-B1\n    place: Cloppenburg\n    start: 2026-01-12\n    end: 2026-07-17\n"
    "    days: [mo, tu, we, th, fr]\n    from: \"08:30\"\n    to: \"12:45\"\n    cost: bamf\n"
    "    childcare: true\n    unverified: true\n";
static const char base_doc[] =
    "document: welcome-folder\nlang: de\nedition: 2026-05-01\nversion: \"1.0\"\n"
    "title: Willkommen\npublisher: Landkreis Cloppenburg\nlegal: |\n  Herausgeber: "
    "Landkreis\n\n  Stand: Mai\nsections:\n"
    "  - id: start\n    title: Erste Schritte\n    blocks:\n"
    "      - p: \"Melden Sie sich **bald** an: {tel:04471 15-0}.\"\n"
    "      - list: [Pass, Mietvertrag]\n      - contacts: [lk-cloppenburg]\n"
    "      - table: {head: [Tag, Zeit], rows: [[Mo, 8-12]]}\n"
    "    sections:\n      - id: more\n        title: Mehr\n        blocks:\n"
    "          - courses: all\n          - pagebreak: true\n";

/* ---- invariants --------------------------------------------------------------- */

#define NEED(cond)                                                                     \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "fuzz: invariant broken: %s (%s:%d)\n", #cond, __FILE__,   \
                    __LINE__);                                                         \
            abort();                                                                   \
        }                                                                              \
    } while (0)

static void need_loc(dw_loc l)
{
    NEED(l.file != NULL && l.line >= 1 && l.col >= 1);
}

static void need_text(const dw_text *t)
{
    NEED(t->n_spans == 0 || t->spans != NULL);
    for (size_t i = 0; i < t->n_spans; i++) {
        const dw_span *s = &t->spans[i];
        NEED(s->text != NULL && s->text[0] != 0);
        NEED(s->style <= (DW_STYLE_EM | DW_STYLE_STRONG));
        bool wants_href = s->kind == DW_SPAN_LINK || s->kind == DW_SPAN_TEL ||
                          s->kind == DW_SPAN_MAIL || s->kind == DW_SPAN_WEB;
        NEED(wants_href == (s->href != NULL));
        NEED(dw_utf8_invalid_at(s->text, strlen(s->text)) < 0);
    }
    if (t->n_spans)
        need_loc(t->loc);
}

/* Sections, blocks and every text they print (the one walk, doc/walk.c). */
static bool need_node(const dw_walk *w, void *user)
{
    (void)user;
    switch (w->event) {
    case DW_WALK_SECTION:
        need_loc(w->section->loc);
        NEED(w->section->id != NULL && w->section->level == w->depth + 1 && w->depth < 3);
        break;
    case DW_WALK_BLOCK: {
        const dw_block *b = w->block;
        need_loc(b->loc);
        NEED((unsigned)b->kind <= DW_BLOCK_PAGEBREAK);
        if (b->kind == DW_BLOCK_LIST || b->kind == DW_BLOCK_STEPS)
            NEED(b->as.list.n_items >= 1);
        if (b->kind == DW_BLOCK_TABLE)
            NEED(b->as.table.n_cols >= 1 && (b->as.table.n_rows == 0 || b->as.table.cells != NULL));
        if (b->kind == DW_BLOCK_CONTACTS) {
            NEED(b->as.contacts.n >= 1);
            for (size_t k = 0; k < b->as.contacts.n; k++)
                NEED(b->as.contacts.list[k] != NULL && b->as.contacts.list[k]->id != NULL);
        }
        if (b->kind == DW_BLOCK_IMAGE)
            NEED(b->as.image.file != NULL);
        break;
    }
    case DW_WALK_TEXT:
        need_text(w->text);
        break;
    case DW_WALK_SECTION_END:
        break;
    }
    return true;
}

static void need_content(const dw_content *c)
{
    for (size_t i = 0; i < c->n_langs; i++) {
        const dw_lang *l = &c->langs[i];
        NEED(l->code != NULL && l->date_format != NULL);
        for (size_t k = 0; k < l->n_words; k++)
            NEED(l->word_keys[k] != NULL && l->word_vals[k] != NULL);
    }
    for (size_t i = 0; i < c->n_contacts; i++) {
        const dw_contact *ct = &c->contacts[i];
        need_loc(ct->loc);
        NEED(ct->id != NULL);
        for (size_t k = 0; k < ct->n_hours; k++)
            NEED(ct->hours[k].days != 0 && strcmp(ct->hours[k].from, ct->hours[k].to) < 0);
        for (size_t k = 0; k < ct->n_about; k++)
            need_text(&ct->about[k]);
        const char *why;
        dw_arena *a = dw_arena_new();
        NEED(!ct->phone || dw_inline_href(a, DW_SPAN_TEL, ct->phone, &why));
        NEED(!ct->email || dw_inline_href(a, DW_SPAN_MAIL, ct->email, &why));
        NEED(!ct->web || dw_inline_href(a, DW_SPAN_WEB, ct->web, &why));
        dw_arena_free(a);
    }
    for (size_t i = 0; i < c->n_courses; i++) {
        const dw_course *co = &c->courses[i];
        need_loc(co->loc);
        NEED(co->id != NULL);
    }
    for (size_t i = 0; i < c->n_docs; i++) {
        const dw_doc *d = &c->docs[i];
        NEED(d->name != NULL && d->lang != NULL && d->file != NULL);
        dw_doc_walk(d, need_node, NULL);
    }
}

/* ---- one input ------------------------------------------------------------------- */

enum { WITH_DE = 1, WITH_AR = 2, WITH_CONTACTS = 4, WITH_COURSES = 8, WITH_DOC = 16 };
#define WITH_LANGS (WITH_DE | WITH_AR)

static void base(dw_content *c, unsigned parts, dw_arena *a)
{
    dw_diag d;
    dw_diag_init(&d);
    memset(c, 0, sizeof *c);
    if (parts & WITH_DE)
        dw_content_load_mem(c, "fuzz/languages/de.yaml", "languages/de.yaml", base_de,
                            sizeof base_de - 1, a, &d);
    if (parts & WITH_AR)
        dw_content_load_mem(c, "fuzz/languages/ar.yaml", "languages/ar.yaml", base_ar,
                            sizeof base_ar - 1, a, &d);
    if (parts & WITH_CONTACTS)
        dw_content_load_mem(c, "fuzz/contacts.yaml", "contacts.yaml", base_contacts,
                            sizeof base_contacts - 1, a, &d);
    if (parts & WITH_COURSES)
        dw_content_load_mem(c, "fuzz/courses.yaml", "courses.yaml", base_courses,
                            sizeof base_courses - 1, a, &d);
    if (parts & WITH_DOC)
        dw_content_load_mem(c, "fuzz/welcome-folder/de.yaml", "welcome-folder/de.yaml",
                            base_doc, sizeof base_doc - 1, a, &d);
    if (d.errors) { /* the built-in content is wrong: fix it first */
        dw_diag_print(&d, stderr);
        abort();
    }
    dw_diag_fini(&d);
}

static bool one(unsigned parts, const char *as, const char *data, size_t size, FILE *out)
{
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    dw_content c;
    base(&c, parts, a);
    bool ok = dw_content_load_mem(&c, "fuzz/input.yaml", as, data, size, a, &d);
    NEED(ok == (d.errors == 0));
    for (size_t i = 0; i < d.n; i++)
        NEED(d.msgs[i].text != NULL && d.msgs[i].text[0] != 0);
    need_content(&c);
    dw_content_check(&c, (dw_date){2026, 6, 1}, out, &d);
    dw_content_check_glossary(&c, &d);
    dw_content_confirm_table(&c, out);
    dw_diag_fini(&d);
    dw_arena_free(a);
    return ok;
}

bool dw_content_fuzz_one(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data;
    FILE *out = fopen("/dev/null", "w");
    unsigned all = WITH_LANGS | WITH_CONTACTS | WITH_COURSES;
    bool ok = one(all | WITH_DOC, "welcome-folder/ar.yaml", in, size, out);
    one(all, "welcome-folder/de.yaml", in, size, out);
    one(WITH_LANGS, "contacts.yaml", in, size, out);
    one(WITH_LANGS | WITH_CONTACTS, "courses.yaml", in, size, out);
    one(WITH_DE, "languages/ar.yaml", in, size, out);

    /* the bytes as one text with inline markup */
    dw_arena *a = dw_arena_new();
    dw_diag d;
    dw_diag_init(&d);
    char *s = dw_strndup(a, in, size);
    if (dw_utf8_invalid_at(s, strlen(s)) < 0) {
        dw_text t = dw_inline_parse(a, s, (dw_loc){"fuzz/input.yaml", 1, 1}, &d);
        need_text(&t);
    }
    dw_diag_fini(&d);
    dw_arena_free(a);
    if (out)
        fclose(out);
    return ok;
}
