/*
 * furniture.c — what is not flowed: the cover, section divider pages,
 * running heads, folios and register tabs (artifacts for tagged PDF,
 * except the cover's title, subtitle and meta lines).
 */
#include "layout_int.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

static void line_at(ctx *c, dw_page *p, const dw_line *l, double x, double y, int col,
                    enum dw_role role)
{
    dw_op *o = page_op(c, p);
    if (role != DW_R_ARTIFACT)
        o->elem = elem_new(c, role);
    o->kind = DW_OP_LINE;
    o->line = l;
    o->x = x, o->y = y;
    o->color = color(c, col);
    o->link_color = color(c, DW_C_ACCENT);
    o->role = role;
}

static const dw_para *one(ctx *c, const char *text, int st, double width, unsigned font)
{
    spans s = {0};
    span_add(c, &s, text, font | style(c, st)->font, false, NULL);
    return set(c, &s, st, width, false, c->doc->loc);
}

/* The running head's text on one line of the measure: the content's
 * running-title (or the title); when that is too long, as many whole
 * words as fit and an ellipsis, with a warning naming the file and key
 * (once per document) — never cut silently.                          */
static const dw_para *running_head(ctx *c, double w)
{
    const dw_doc *doc = c->doc;
    bool own = doc->running_title.n_spans > 0;
    const dw_text *t = own ? &doc->running_title : &doc->title;
    char *text = dw_text_plain(c->a, t);
    const dw_para *h = one(c, text, DW_ST_HEADER, w, 0);
    if (h->n_lines <= 1)
        return h;
    if (!c->head_warned)
        dw_warn(c->d, t->loc,
                "%s: the %s is too long for the running head and is shortened with '…'; "
                "give a shorter 'running-title:' in %s",
                c->what, own ? "running-title" : "title", doc->file ? doc->file : doc->name);
    c->head_warned = true;
    for (size_t n = strlen(text); n > 0; n--) {
        if (text[n] != ' ' && text[n] != 0)
            continue;
        size_t k = n;
        while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == ',' || text[k - 1] == ':'))
            k--;
        if (!k)
            break;
        const dw_para *e = one(c, dw_sprintf(c->a, "%.*s…", (int)k, text), DW_ST_HEADER, w, 0);
        if (e->n_lines <= 1)
            return e;
    }
    return h;
}

/* Running head (document title, outer side) and folio (page number in the
 * language's digits, outer side).  Artifacts for tagged PDF.            */
void furniture(ctx *c, size_t i)
{
    dw_page *p = &c->L->pages[i];
    const dw_design *ds = c->ds;
    bool il = inner_is_left(c, p);
    double left = il ? ds->margin_inner : ds->margin_outer;
    double w = frame_width(c);
    double ytop = ds->page_h - ds->margin_top + MM(8);
    const dw_para *h = running_head(c, w * 0.8);
    if (h->n_lines) {
        const dw_line *l = &h->lines[0];
        double x = il ? left + w - l->width_pt : left; /* outer side */
        line_at(c, p, l, x - l->x_pt, ytop, DW_C_ACCENT, DW_R_ARTIFACT);
    }
    dw_op *r = page_op(c, p);
    r->kind = DW_OP_RULE;
    r->x = left, r->y = ytop - MM(2.5), r->w = w, r->h = 0;
    r->width = 0.5;
    r->color = color(c, DW_C_RULE);
    r->role = DW_R_ARTIFACT;
    if (p->back)
        return; /* no folio on the back cover */
    const dw_para *n = one(c, number(c, (long)i + 1), DW_ST_HEADER, MM(20), DW_FONT_BOLD);
    if (n->n_lines) {
        const dw_line *l = &n->lines[0];
        double x = il ? left + w - l->width_pt : left;
        line_at(c, p, l, x - l->x_pt, ds->margin_bottom - MM(10), DW_C_ACCENT, DW_R_ARTIFACT);
    }
}

/* The band across the foot of a page that shows sample data ("MUSTER –
 * nicht zur Verteilung", the word sample-band), in the warning colour,
 * from edge to edge and into the bleed, below the folio: nobody can take
 * the page for real information, and nothing of the page is covered.
 * An artifact for tagged PDF (a screen reader gets the same warning from
 * the document's text).  The band is drawn with the page, so every
 * variant shows it.                                                     */
void sample_band(ctx *c, size_t i)
{
    dw_page *p = &c->L->pages[i];
    const dw_design *ds = c->ds;
    double h = MM(7);
    dw_op *r = page_op(c, p);
    r->kind = DW_OP_RECT;
    r->x = 0, r->y = 0, r->w = ds->page_w, r->h = h;
    r->color = color(c, DW_C_WARNING);
    r->bleeds = true;
    r->role = DW_R_ARTIFACT;
    const dw_para *t = one(c, word(c, "sample-band"), DW_ST_HEADER, ds->page_w - MM(20),
                           DW_FONT_BOLD);
    if (t->n_lines) {
        const dw_line *l = &t->lines[0];
        line_at(c, p, l, (ds->page_w - l->width_pt) / 2 - l->x_pt, h / 2 - 3, DW_C_PAPER,
                DW_R_ARTIFACT);
    }
}

/* Register tab on the outer edge (folder): its place steps down with the
 * section number, so sections can be found with a thumb.              */
void register_tab(ctx *c, size_t page, int tab)
{
    if (tab < 0 || !c->ds->register_tabs || c->n_tabs <= 0)
        return;
    dw_page *p = &c->L->pages[page];
    const dw_design *ds = c->ds;
    bool il = inner_is_left(c, p);
    double avail = ds->page_h - ds->margin_top - ds->margin_bottom;
    double th = avail / (c->n_tabs > 12 ? c->n_tabs : 12), tw = MM(12);
    double y = ds->page_h - ds->margin_top - (tab + 1) * th;
    double x = il ? ds->page_w - tw : 0;
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_RECT;
    o->x = x, o->y = y + 1, o->w = tw, o->h = th - 2;
    o->color = color(c, DW_C_ACCENT);
    o->bleeds = true;
    o->role = DW_R_ARTIFACT;
    const dw_para *n = one(c, number(c, tab + 1), DW_ST_HEADER, tw, DW_FONT_BOLD);
    double isz = MM(6); /* the section's pictogram above its number */
    if (th - 2 > isz + MM(8))
        page_icon(c, p, (size_t)tab, il ? x + MM(3) : x + tw - MM(3) - isz, y + th / 2 + 4, isz,
                  DW_C_PAPER);
    if (n->n_lines) {
        const dw_line *l = &n->lines[0];
        double lx = il ? x + MM(3) : x + tw - MM(3) - l->width_pt;
        line_at(c, p, l, lx - l->x_pt, y + th / 2 - 3, DW_C_PAPER, DW_R_ARTIFACT);
    }
}

/* Divider page before a section (ring-binder folder): on a recto, in a
 * light tint to the trim, the section's number and title large and the
 * titles of its subsections, so a reader who opens the folder at a tab
 * sees what the section holds.  All of it repeats the headings and the
 * table of contents, so it is an artifact for tagged PDF.             */
void divider(ctx *c, size_t i)
{
    const dw_section *s = &c->doc->sections[i];
    const dw_design *ds = c->ds;
    dw_page *p = new_page(c);
    if (!p->recto) { /* a blank verso before it */
        p->blank = true;
        p = new_page(c);
    }
    p->divider = true;
    double left = inner_is_left(c, p) ? ds->margin_inner : ds->margin_outer, w = frame_width(c);
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_RECT;
    o->x = 0, o->y = 0, o->w = ds->page_w, o->h = ds->page_h;
    o->color = color(c, DW_C_ACCENT_LIGHT);
    o->bleeds = true;
    o->role = DW_R_ARTIFACT;
    const dw_style *dv = style(c, DW_ST_DIVIDER);
    double y = ds->page_h - ds->margin_top - ds->page_h * 0.18;
    /* the pictogram large above the number, on the start side, clear of
     * it (some icons fill their square to the edge)                     */
    double isz = (ds->page_h * 0.18 - dv->leading_pt) * 0.8;
    page_icon(c, p, i, c->rtl ? left + w - isz : left, ds->page_h - ds->margin_top - isz, isz,
              DW_C_ACCENT);
    const dw_para *n = one(c, number(c, (long)i + 1), DW_ST_DIVIDER, w, 0);
    for (size_t k = 0; k < n->n_lines; k++, y -= dv->leading_pt)
        line_at(c, p, &n->lines[k], left, y, DW_C_ACCENT, DW_R_ARTIFACT);
    spans ts = {0};
    spans_text(c, &ts, &s->title, 0);
    const dw_para *t = set(c, &ts, DW_ST_DIVIDER, w, false, s->title.loc);
    for (size_t k = 0; k < t->n_lines; k++, y -= dv->leading_pt)
        line_at(c, p, &t->lines[k], left, y, DW_C_ACCENT, DW_R_ARTIFACT);
    if (!s->n_subs)
        return;
    y -= style(c, DW_ST_H3)->leading_pt;
    dw_op *r = page_op(c, p);
    r->kind = DW_OP_RULE;
    /* above the ascenders of the line it introduces, not through them */
    r->x = left, r->y = y + style(c, DW_ST_H3)->size_pt * 0.8 + 4, r->w = w * 0.4, r->h = 0;
    if (c->rtl)
        r->x = left + w * 0.6;
    r->width = 1;
    r->color = color(c, DW_C_ACCENT);
    r->role = DW_R_ARTIFACT;
    const dw_para *h = one(c, word(c, "in-this-section"), DW_ST_H3, w, 0);
    for (size_t k = 0; k < h->n_lines; k++, y -= style(c, DW_ST_H3)->leading_pt)
        line_at(c, p, &h->lines[k], left, y, DW_C_TEXT, DW_R_ARTIFACT);
    const dw_style *ls = style(c, DW_ST_LIST);
    for (size_t k = 0; k < s->n_subs && y > ds->margin_bottom + ls->leading_pt; k++) {
        spans ss = {0};
        spans_text(c, &ss, &s->subs[k].title, 0);
        const dw_para *sp = set(c, &ss, DW_ST_LIST, w, false, s->subs[k].title.loc);
        for (size_t m = 0; m < sp->n_lines; m++, y -= ls->leading_pt)
            line_at(c, p, &sp->lines[m], left, y, DW_C_TEXT, DW_R_ARTIFACT);
    }
}

/* A booklet is padded to a multiple of four pages: with ruled notes
 * pages (the heading "Notes", a rule every NOTES_STEP) rather than blank
 * pages before the back cover.  Artifacts: there is nothing to read.   */
#define NOTES_STEP MM(9)

void notes_page(ctx *c)
{
    dw_page *p = new_page(c);
    p->notes = true;
    const dw_design *ds = c->ds;
    double left = inner_is_left(c, p) ? ds->margin_inner : ds->margin_outer, w = frame_width(c);
    const dw_style *h = style(c, DW_ST_H2);
    double y = ds->page_h - ds->margin_top - h->size_pt;
    const dw_para *t = one(c, word(c, "notes"), DW_ST_H2, w, DW_FONT_BOLD);
    if (t->n_lines)
        line_at(c, p, &t->lines[0], left, y, DW_C_ACCENT, DW_R_ARTIFACT);
    for (y -= NOTES_STEP; y > ds->margin_bottom; y -= NOTES_STEP) {
        dw_op *r = page_op(c, p);
        r->kind = DW_OP_RULE;
        r->x = left, r->y = y, r->w = w, r->h = 0;
        r->width = 0.5;
        r->color = color(c, DW_C_RULE);
        r->role = DW_R_ARTIFACT;
    }
}

/* The cover's title band must hold any title: the title steps down in
 * size (to COVER_MIN_SCALE of its style), then the band grows (to
 * COVER_MAX_BAND of the page); a title that still does not fit is
 * reported.  The title must end COVER_LABEL_GAP below the language name. */
#define COVER_BAND 0.42
#define COVER_MAX_BAND 0.6
#define COVER_MIN_SCALE 0.7
#define COVER_LABEL_GAP MM(10)

double cover_band(ctx *c, double *scale, const dw_para **sub, const dw_para **title)
{
    const dw_design *ds = c->ds;
    double w = frame_width(c), label = ds->page_h - MM(22);
    spans ss = {0};
    spans_text(c, &ss, &c->doc->subtitle, 0);
    *sub = set(c, &ss, DW_ST_COVER_SUBTITLE, w, false, c->doc->subtitle.loc);
    spans ts = {0};
    spans_text(c, &ts, &c->doc->title, DW_FONT_BOLD);
    double sub_h = (*sub)->n_lines * style(c, DW_ST_COVER_SUBTITLE)->leading_pt + MM(4);
    double lead = style(c, DW_ST_COVER_TITLE)->leading_pt;
    double band = ds->page_h * COVER_BAND;
    for (;;) {
        for (double k = 1; k > COVER_MIN_SCALE - 0.01; k -= 0.1) {
            *title = set_scaled(c, &ts, DW_ST_COVER_TITLE, k, w, false, c->doc->title.loc);
            /* baseline of the top line, plus the capitals above it */
            double top = ds->page_h - band + MM(14) + sub_h +
                         ((*title)->n_lines - 1) * lead * k + style(c, DW_ST_COVER_TITLE)->size_pt * k * 0.75;
            if (top <= label - COVER_LABEL_GAP) {
                *scale = k;
                return band;
            }
        }
        if (band >= ds->page_h * COVER_MAX_BAND - 0.01)
            break;
        band = fmin(band + MM(10), ds->page_h * COVER_MAX_BAND);
    }
    dw_warn(c->d, c->doc->title.loc,
            "%s: the title does not fit the cover's title band even at %.0f%% of its size: "
            "shorten it", c->what, COVER_MIN_SCALE * 100);
    *scale = COVER_MIN_SCALE;
    return band;
}

/* A file the layout names (cover art, coat of arms): relative to the
 * content folder, as pictures in the content are.                    */
static const char *art_path(ctx *c, const char *file)
{
    return dw_sprintf(c->a, "%s/%s", c->content->dir ? c->content->dir : "content", file);
}

static void vector_op(ctx *c, dw_page *p, const char *path, dw_loc loc, double x, double y,
                      double w, double h, int align)
{
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_VECTOR;
    o->uri = path;
    o->loc = loc;
    o->x = x, o->y = y, o->w = w, o->h = h;
    o->align = align;
    o->role = DW_R_ARTIFACT; /* decoration; the county's name stands beside the arms */
}

static void rect_op(ctx *c, dw_page *p, double x, double y, double w, double h, int col,
                    bool bleeds)
{
    dw_op *o = page_op(c, p);
    o->kind = DW_OP_RECT;
    o->x = x, o->y = y, o->w = w, o->h = h;
    o->color = color(c, col);
    o->bleeds = bleeds;
    o->role = DW_R_ARTIFACT;
}

static void rule_op(ctx *c, dw_page *p, double x1, double y1, double x2, double y2, int col)
{
    dw_op *r = page_op(c, p);
    r->kind = DW_OP_RULE;
    r->x = x1, r->y = y1, r->w = x2 - x1, r->h = y2 - y1;
    r->width = 0.75;
    r->color = color(c, col);
    r->role = DW_R_ARTIFACT;
}

/* The county's coat of arms in the box (x, y, w, h), at the start side;
 * until the county delivers the file the layout names, a placeholder
 * that nobody can overlook: a tinted box, framed, saying what belongs
 * there and which file to put where.                                  */
static void coat_of_arms(ctx *c, dw_page *p, double x, double y, double w, double h)
{
    const dw_design *ds = c->ds;
    const char *path = art_path(c, ds->coat_of_arms);
    if (access(path, R_OK) == 0) {
        vector_op(c, p, path, ds->coat_of_arms_loc, x, y, w, h, c->rtl ? 1 : -1);
        return;
    }
    rect_op(c, p, x, y, w, h, DW_C_ACCENT_LIGHT, false);
    rule_op(c, p, x, y, x + w, y, DW_C_ACCENT);
    rule_op(c, p, x + w, y, x + w, y + h, DW_C_ACCENT);
    rule_op(c, p, x + w, y + h, x, y + h, DW_C_ACCENT);
    rule_op(c, p, x, y + h, x, y, DW_C_ACCENT);
    const char *base = strrchr(ds->coat_of_arms, '/');
    base = base ? base + 1 : ds->coat_of_arms;
    const char *label[] = {"Wappen / coat of arms", "file to come:", base};
    const dw_style *sm = style(c, DW_ST_SMALL);
    double yy = y + h - MM(2) - sm->size_pt * 0.8;
    for (int i = 0; i < 3; i++) {
        spans ls = {0};
        span_add(c, &ls, label[i], i == 0 ? DW_FONT_BOLD : 0, true, NULL);
        c->plain = true; /* ragged, unhyphenated, a little smaller than small */
        const dw_para *t = set_scaled(c, &ls, DW_ST_SMALL, 0.8, w - MM(2), false,
                                      ds->coat_of_arms_loc);
        c->plain = false;
        for (size_t k = 0; k < t->n_lines && yy > y + MM(1); k++, yy -= sm->leading_pt * 0.8) {
            const dw_line *l = &t->lines[k];
            line_at(c, p, l, x + (w - l->width_pt) / 2 - l->x_pt, yy, DW_C_ACCENT,
                    DW_R_ARTIFACT);
        }
        yy -= sm->leading_pt * 0.25;
    }
}

/* The cover: the title band at the top (language name, title, subtitle),
 * the illustration below it, and at the foot the county's coat of arms
 * with the county's name, the office and the edition beside it.  In a
 * right-to-left document all of it is mirrored (the arms on the right). */
void cover(ctx *c)
{
    dw_page *p = new_page(c);
    const dw_design *ds = c->ds;
    double left = c->fl, w = frame_width(c), scale;
    const dw_para *sub, *title;
    double band = cover_band(c, &scale, &sub, &title);
    rect_op(c, p, 0, ds->page_h - band, ds->page_w, band, DW_C_ACCENT, true);
    double y = ds->page_h - band + MM(14);
    int title_elem = elem_new(c, DW_R_H1), sub_elem = elem_new(c, DW_R_P);
    /* lines are drawn top-down, the order they are read in: an element's
     * marked content is its text in that order (PDF/UA)                 */
    double sub_lead = style(c, DW_ST_COVER_SUBTITLE)->leading_pt;
    double title_lead = style(c, DW_ST_COVER_TITLE)->leading_pt * scale;
    double title_y = y + (double)sub->n_lines * sub_lead + MM(4);
    for (size_t i = 0; i < title->n_lines; i++) {
        line_at(c, p, &title->lines[i], left,
                title_y + (double)(title->n_lines - 1 - i) * title_lead, DW_C_PAPER, DW_R_ARTIFACT);
        p->ops[p->n_ops - 1].role = DW_R_H1;
        p->ops[p->n_ops - 1].elem = title_elem;
    }
    for (size_t i = 0; i < sub->n_lines; i++) {
        line_at(c, p, &sub->lines[i], left, y + (double)(sub->n_lines - 1 - i) * sub_lead,
                DW_C_PAPER, DW_R_ARTIFACT);
        p->ops[p->n_ops - 1].role = DW_R_P;
        p->ops[p->n_ops - 1].elem = sub_elem;
    }
    /* language name at the top of the band: people pick their folder */
    const dw_para *ln = one(c, c->lang->name, DW_ST_COVER_SUBTITLE, w, DW_FONT_BOLD);
    if (ln->n_lines)
        line_at(c, p, &ln->lines[0], left, ds->page_h - MM(22), DW_C_PAPER, DW_R_P);
    /* the foot: arms on the start side, the county's name and the
     * edition beside them, top-aligned with the arms                    */
    double arms_h = fmin(MM(26), ds->page_h * 0.1), arms_w = ds->coat_of_arms ? arms_h * 0.9 : 0;
    double gap = ds->coat_of_arms ? MM(5) : 0, tw = w - arms_w - gap;
    double tx = c->rtl ? left : left + arms_w + gap;
    const dw_style *ms = style(c, DW_ST_COVER_META);
    const dw_para *lines[3];
    const dw_text *meta[] = {&c->doc->publisher, &c->doc->office};
    for (int i = 0; i < 2; i++) {
        spans s = {0};
        spans_text(c, &s, meta[i], i == 0 ? DW_FONT_BOLD : 0);
        lines[i] = set(c, &s, i == 0 ? DW_ST_COVER_SUBTITLE : DW_ST_COVER_META, tw, false,
                       meta[i]->loc);
    }
    char *ed = dw_sprintf(c->a, "%s: %s · %s %s", word(c, "edition"), date_str(c, c->doc->edition),
                          word(c, "version"), c->doc->version ? c->doc->version : "");
    lines[2] = one(c, ed, DW_ST_COVER_META, tw, 0);
    double text_h = lines[0]->n_lines * style(c, DW_ST_COVER_SUBTITLE)->leading_pt +
                    (lines[1]->n_lines + lines[2]->n_lines) * ms->leading_pt + MM(3);
    double foot = ds->margin_bottom, top = foot + fmax(arms_h, text_h);
    if (ds->coat_of_arms)
        coat_of_arms(c, p, c->rtl ? left + w - arms_w : left, top - arms_h, arms_w, arms_h);
    double my = top - style(c, DW_ST_COVER_SUBTITLE)->size_pt * 0.8;
    for (int i = 0; i < 3; i++) {
        const dw_style *st = style(c, i == 0 ? DW_ST_COVER_SUBTITLE : DW_ST_COVER_META);
        if (i == 2)
            my -= MM(3);
        for (size_t k = 0; k < lines[i]->n_lines; k++) {
            line_at(c, p, &lines[i]->lines[k], tx, my, i == 0 ? DW_C_ACCENT : DW_C_TEXT, DW_R_P);
            my -= st->leading_pt;
        }
    }
    /* the illustration between the band and the foot, centred */
    if (ds->cover_art) {
        double ay = top + MM(10), ah = ds->page_h - band - MM(10) - ay;
        if (ah > MM(20))
            vector_op(c, p, art_path(c, ds->cover_art), ds->cover_art_loc, left, ay, w, ah, 0);
    }
}

/* ---- the back cover ------------------------------------------------------ */
/* A band across the foot of the last page, to the trim and into the
 * bleed: the county's name, the most important numbers (each with its
 * pictogram where the layout gives the contact one), and a QR code to
 * where the county publishes the documents, with its address under it.
 * The legal notice stands above it.  Artifacts for tagged PDF: the
 * numbers and the address are in the document's text.                 */
double back_cover_height(ctx *c)
{
    const dw_design *ds = c->ds;
    if (!ds->back_cover)
        return 0;
    return ds->margin_bottom + QR_SIZE + MM(14);
}

void back_cover(ctx *c, size_t pi)
{
    dw_page *p = &c->L->pages[pi];
    const dw_design *ds = c->ds;
    double h = back_cover_height(c);
    if (h <= 0)
        return;
    bool il = inner_is_left(c, p);
    double left = il ? ds->margin_inner : ds->margin_outer, w = frame_width(c);
    p->back = true;
    rect_op(c, p, 0, 0, ds->page_w, h, DW_C_ACCENT, true);
    double top = h - MM(8);
    /* the QR code at the end side, top-aligned with the county's name */
    double tw = w;
    if (ds->online) {
        box qb = {0};
        box_qr(c, &qb, 0, 0, ds->online);
        dw_op *o = page_op(c, p);
        *o = qb.ops[0];
        o->x = c->rtl ? left : left + w - QR_SIZE;
        o->y = top - QR_SIZE;
        tw = w - QR_SIZE - MM(6);
    }
    double tx = c->rtl ? left + w - tw : left;
    const dw_style *hs = style(c, DW_ST_COVER_SUBTITLE), *cs = style(c, DW_ST_CARD);
    double y = top - hs->size_pt * 0.8;
    spans ps = {0};
    spans_text(c, &ps, &c->doc->publisher, DW_FONT_BOLD);
    const dw_para *pub = set(c, &ps, DW_ST_COVER_SUBTITLE, tw, false, c->doc->publisher.loc);
    for (size_t k = 0; k < pub->n_lines; k++, y -= hs->leading_pt)
        line_at(c, p, &pub->lines[k], tx, y, DW_C_PAPER, DW_R_ARTIFACT);
    spans os = {0};
    spans_text(c, &os, &c->doc->office, 0);
    const dw_para *off = set(c, &os, DW_ST_CARD, tw, false, c->doc->office.loc);
    for (size_t k = 0; k < off->n_lines; k++, y -= cs->leading_pt)
        line_at(c, p, &off->lines[k], tx, y, DW_C_PAPER, DW_R_ARTIFACT);
    /* the numbers, side by side: pictogram, number large, name small */
    y -= MM(4);
    double nsz = style(c, DW_ST_CARD_TITLE)->size_pt * 1.9, isz = nsz * 1.1;
    double x = 0; /* from the start side */
    for (size_t i = 0; i < ds->n_back_contacts; i++) {
        /* an id this content set lacks (`check` reports it): left out */
        const dw_contact *k = dw_content_contact(c->content, ds->back_contacts[i]);
        if (!k || !k->phone)
            continue;
        spans ns = {0};
        span_add(c, &ns, k->phone, DW_FONT_BOLD, true, NULL);
        const dw_para *np = set_scaled(c, &ns, DW_ST_CARD_TITLE, 1.9, tw, false, k->loc);
        if (!np->n_lines)
            continue;
        const dw_line *nl = &np->lines[0];
        dw_loc iloc = {0};
        const char *icon = contact_icon(c, k->id, &iloc);
        double item = (icon ? isz + MM(1.5) : 0) + nl->width_pt;
        if (x + item > tw)
            break; /* only what fits on one line: the most important first */
        double ix = c->rtl ? tx + tw - x - item : tx + x;
        if (icon) {
            dw_op *o = page_op(c, p);
            icon_op_fill(c, o, isz, icon, iloc, DW_C_PAPER);
            o->x = c->rtl ? ix + item - isz : ix;
            o->y = y - nsz * 0.8;
        }
        double lx = c->rtl ? ix : ix + (icon ? isz + MM(1.5) : 0);
        line_at(c, p, nl, lx - nl->x_pt, y - nsz * 0.75, DW_C_PAPER, DW_R_ARTIFACT);
        x += item + MM(7);
    }
}
