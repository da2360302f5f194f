/*
 * fonts.c — the font set: faces loaded once (file → HarfBuzz blob/face/
 * font, FreeType face for coverage and names) and shared read-only by
 * every build.  Which files serve which script comes from
 * fonts/fonts.yaml (read by content/, handed in through dw_fontset_add).
 */
#include "text.h"

#include <errno.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include <stdlib.h>
#include <string.h>

struct dw_fontset {
    FT_Library ft;
    dw_face **faces;
    size_t n, cap;
};

dw_fontset *dw_fontset_new(void)
{
    dw_fontset *fs = dw_xcalloc(1, sizeof *fs);
    if (FT_Init_FreeType(&fs->ft) != 0) {
        free(fs);
        return NULL;
    }
    return fs;
}

static void face_free(dw_face *f)
{
    if (!f)
        return;
    if (f->hb_font)
        hb_font_destroy(f->hb_font);
    if (f->hb_face)
        hb_face_destroy(f->hb_face);
    if (f->blob)
        hb_blob_destroy(f->blob);
    if (f->ft_face)
        FT_Done_Face((FT_Face)f->ft_face);
    for (size_t i = 0; i < f->n_scripts; i++)
        free(f->scripts[i]);
    free(f->scripts);
    free(f->path);
    free(f->ps_name);
    free(f->family);
    free(f);
}

void dw_fontset_free(dw_fontset *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n; i++)
        face_free(fs->faces[i]);
    free(fs->faces);
    FT_Done_FreeType(fs->ft);
    free(fs);
}

size_t dw_fontset_count(const dw_fontset *fs)
{
    return fs->n;
}

dw_face *dw_fontset_face(const dw_fontset *fs, size_t i)
{
    return i < fs->n ? fs->faces[i] : NULL;
}

bool dw_face_has_char(const dw_face *f, uint32_t cp)
{
    hb_codepoint_t g;
    return hb_font_get_nominal_glyph(f->hb_font, cp, &g) && g != 0;
}

bool dw_face_set_fallback_size(dw_face *f, const char *script, double factor)
{
    if (!(factor >= 0.5 && factor <= 1.5) || strlen(script) != 4 ||
        f->n_fallback_size == DW_FACE_MAX_FALLBACK_SIZES)
        return false;
    memcpy(f->fallback_size[f->n_fallback_size].script, script, 5);
    f->fallback_size[f->n_fallback_size++].factor = factor;
    return true;
}

double dw_face_size_factor(const dw_face *f, const char *script)
{
    if (!script)
        return 1;
    for (size_t i = 0; i < f->n_scripts; i++)
        if (strcmp(f->scripts[i], script) == 0)
            return 1; /* the face is meant for this script: not a fallback */
    for (size_t i = 0; i < f->n_fallback_size; i++)
        if (strcmp(f->fallback_size[i].script, script) == 0)
            return f->fallback_size[i].factor;
    return 1;
}

dw_face *dw_fontset_add(dw_fontset *fs, const char *path, unsigned style,
                        const char *const *scripts, size_t n_scripts,
                        dw_loc loc, dw_diag *d)
{
    dw_face *f = dw_xcalloc(1, sizeof *f);
    FT_Face ft = NULL;
    f->path = dw_xstrdup(path);
    f->style = style;
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->blob) {
        dw_error(d, loc, "cannot read font file '%s': %s (is the Debian font "
                 "package installed? run 'make')", path, strerror(errno ? errno : ENOENT));
        goto fail;
    }
    unsigned len;
    const char *data = hb_blob_get_data(f->blob, &len);
    if (FT_New_Memory_Face(fs->ft, (const FT_Byte *)data, (FT_Long)len, 0, &ft) != 0) {
        dw_error(d, loc, "'%s' is not a font FreeType can read", path);
        goto fail;
    }
    f->ft_face = ft;
    /* The PDF embeds TrueType outlines (FontFile2); CFF-flavoured
     * OpenType would need FontFile3, so refuse it here.                 */
    f->hb_face = hb_face_create(f->blob, 0);
    hb_blob_t *glyf = hb_face_reference_table(f->hb_face, HB_TAG('g', 'l', 'y', 'f'));
    bool has_glyf = hb_blob_get_length(glyf) > 0;
    hb_blob_destroy(glyf);
    if (!has_glyf) {
        dw_error(d, loc, "'%s' has no TrueType outlines (glyf table); use a .ttf font", path);
        goto fail;
    }
    f->upem = (int)hb_face_get_upem(f->hb_face);
    f->hb_font = hb_font_create(f->hb_face);
    hb_font_set_scale(f->hb_font, f->upem, f->upem);
    hb_font_make_immutable(f->hb_font);

    const char *ps = FT_Get_Postscript_Name(ft);
    f->ps_name = dw_xstrdup(ps ? ps : "Unnamed");
    f->family = dw_xstrdup(ft->family_name ? ft->family_name : f->ps_name);
    f->ascender = ft->ascender;
    f->descender = ft->descender;
    f->bbox[0] = (int)ft->bbox.xMin;
    f->bbox[1] = (int)ft->bbox.yMin;
    f->bbox[2] = (int)ft->bbox.xMax;
    f->bbox[3] = (int)ft->bbox.yMax;
    TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
    if (os2 && os2->version >= 2) {
        f->cap_height = os2->sCapHeight;
        f->x_height = os2->sxHeight;
    } else {
        f->cap_height = f->ascender * 7 / 10;
        f->x_height = f->ascender / 2;
    }
    if (os2)
        f->serif = (os2->sFamilyClass >> 8) >= 1 && (os2->sFamilyClass >> 8) <= 7;
    TT_Postscript *post = FT_Get_Sfnt_Table(ft, FT_SFNT_POST);
    if (post)
        f->italic_angle = post->italicAngle / 65536.0;
    f->fixed_pitch = FT_IS_FIXED_WIDTH(ft);
    f->scripts = dw_xcalloc(n_scripts ? n_scripts : 1, sizeof(char *));
    for (size_t i = 0; i < n_scripts; i++)
        f->scripts[i] = dw_xstrdup(scripts[i]);
    f->n_scripts = n_scripts;

    if (fs->n == fs->cap) {
        fs->cap = fs->cap ? fs->cap * 2 : 8;
        fs->faces = dw_xrealloc(fs->faces, fs->cap * sizeof *fs->faces);
    }
    f->index = (int)fs->n;
    fs->faces[fs->n++] = f;
    return f;
fail:
    face_free(f);
    return NULL;
}
