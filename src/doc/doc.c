/*
 * doc.c — small accessors of the document model.
 */
#include "doc.h"

#include <string.h>

const char *const dw_day_keys[7] = {"mo", "tu", "we", "th", "fr", "sa", "su"};

const char *const dw_course_types[] = {
    "integration", "integration-women", "integration-parents", "integration-literacy",
    "integration-youth", "job-language", "orientation", "volunteer", "language-cafe",
    NULL};
const char *const dw_contact_categories[] = {"authorities", "counselling", "health",
                                             "school", "language", "work", "emergency",
                                             "housing", NULL};

const char *const dw_block_names[] = {
    [DW_BLOCK_P] = "p",
    [DW_BLOCK_H] = "h",
    [DW_BLOCK_LIST] = "list",
    [DW_BLOCK_STEPS] = "steps",
    [DW_BLOCK_NOTE] = "note",
    [DW_BLOCK_CONTACTS] = "contacts",
    [DW_BLOCK_TABLE] = "table",
    [DW_BLOCK_PRINCIPLE] = "principle",
    [DW_BLOCK_COURSES] = "courses",
    [DW_BLOCK_IMAGE] = "image",
    [DW_BLOCK_PAGEBREAK] = "pagebreak",
};

const char *const dw_doc_names[] = {"welcome-folder", "education-brochure",
                                    "integration-guidelines", NULL};

const char *dw_lang_word(const dw_lang *l, const char *key)
{
    for (size_t i = 0; i < l->n_words; i++)
        if (strcmp(l->word_keys[i], key) == 0)
            return l->word_vals[i];
    return NULL;
}

const dw_text *dw_contact_about(const dw_contact *c, const char *lang)
{
    for (size_t i = 0; i < c->n_about; i++)
        if (strcmp(c->about_langs[i], lang) == 0)
            return &c->about[i];
    return NULL;
}

const dw_lang *dw_content_lang(const dw_content *c, const char *code)
{
    for (size_t i = 0; i < c->n_langs; i++)
        if (strcmp(c->langs[i].code, code) == 0)
            return &c->langs[i];
    return NULL;
}

const dw_doc *dw_content_doc(const dw_content *c, const char *doc, const char *lang)
{
    for (size_t i = 0; i < c->n_docs; i++)
        if (strcmp(c->docs[i].name, doc) == 0 &&
            strcmp(c->docs[i].lang->code, lang) == 0)
            return &c->docs[i];
    return NULL;
}

const dw_contact *dw_content_contact(const dw_content *c, const char *id)
{
    for (size_t i = 0; i < c->n_contacts; i++)
        if (strcmp(c->contacts[i].id, id) == 0)
            return &c->contacts[i];
    return NULL;
}

long dw_date_days(dw_date d)
{
    /* days_from_civil (H. Hinnant), shifted so that March is month 0 */
    int y = d.y - (d.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153u * (unsigned)(d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + (unsigned)d.d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

char *dw_text_plain(dw_arena *a, const dw_text *t)
{
    dw_buf b;
    dw_buf_init(&b);
    for (size_t i = 0; i < t->n_spans; i++)
        dw_buf_puts(&b, t->spans[i].text);
    char *s = dw_strndup(a, b.data ? b.data : "", b.len);
    dw_buf_fini(&b);
    return s;
}
