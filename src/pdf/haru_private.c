/*
 * haru_private.c — the one file that uses libharu 2.3.0's private
 * struct fields (haru_private.h says what for; tests/t_haru.sh keeps
 * them here).  Fields used, and why:
 *
 *   HPDF_Doc_Rec    mmgr, xref        the object layer's constructors
 *                   catalog, info,    keys libharu has no setter for
 *                   trailer
 *                   pdf_version       no setter in 2.3.0
 *                   stream            the file goes into our callback
 *                                     writer (HPDF_SaveToStream writes
 *                                     to doc->stream)
 *   HPDF_Dict_Rec   stream, filter,   stream objects: data read in place
 *                   write_fn,         or already deflated, written as
 *                   filterParams      they are with /Filter added by
 *                                     write_fn
 *   HPDF_Stream_Rec attr, type, size  callback streams' state; whether a
 *                                     stream is still libharu's memory
 *   HPDF_PageAttr_Rec contents,       a page's own content stream
 *                   stream
 *   HPDF_Xref_Rec   entries           every object, for the images libharu
 *   HPDF_Obj_Header obj_class         would deflate with zlib
 */
#include "haru_private.h"

#include <hpdf_pages.h>
#include <libdeflate.h>
#include <string.h>

#include "pdf_int.h"

HPDF_MMgr dw_haru_mmgr(HPDF_Doc doc)
{
    return doc->mmgr;
}

HPDF_Xref dw_haru_xref(HPDF_Doc doc)
{
    return doc->xref;
}

HPDF_Dict dw_haru_catalog(HPDF_Doc doc)
{
    return doc->catalog;
}

HPDF_Dict dw_haru_info(HPDF_Doc doc)
{
    return doc->info;
}

HPDF_Dict dw_haru_trailer(HPDF_Doc doc)
{
    return doc->trailer;
}

void dw_haru_set_version(HPDF_Doc doc, HPDF_PDFVer v)
{
    doc->pdf_version = v;
}

/* The stream is written unfiltered by libharu, and /Filter is added
 * here: libharu removes /Filter from streams whose filter flag is
 * unset.                                                               */
static HPDF_STATUS flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Streams the drawing made are read by libharu straight from the
 * drawing's buffers (a callback reader per stream and file), and the
 * file is written into a dw_buf by a callback writer: libharu's memory
 * streams copy byte by byte, and that was 5 % of a build.              */
typedef struct zreader {
    const dw_buf *z;
    size_t pos;
} zreader;

static HPDF_STATUS zread(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
    zreader *r = s->attr;
    size_t left = r->z->len - r->pos, n = *size < left ? *size : left;
    if (n)
        memcpy(ptr, r->z->data + r->pos, n);
    r->pos += n;
    *size = (HPDF_UINT)n;
    return r->pos >= r->z->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS zseek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
    zreader *r = s->attr;
    long at = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ? (long)r->pos + pos
                                                                   : (long)r->z->len + pos;
    if (at < 0 || (size_t)at > r->z->len)
        return HPDF_STREAM_EOF;
    r->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 ztell(HPDF_Stream s)
{
    return (HPDF_INT32)((zreader *)s->attr)->pos;
}

static HPDF_UINT32 zsize(HPDF_Stream s)
{
    return (HPDF_UINT32)((zreader *)s->attr)->z->len;
}

/* dict's data becomes z (deflated), read in place. */
static bool use_z(HPDF_Doc doc, HPDF_Dict dict, const dw_buf *z, dw_arena *a)
{
    zreader *r = dw_alloc(a, sizeof *r);
    r->z = z;
    HPDF_Stream s = HPDF_CallbackReader_New(doc->mmgr, zread, zseek, ztell, zsize, r);
    if (!s)
        return false;
    HPDF_Stream_Free(dict->stream);
    dict->stream = s;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = flate_filter;
    return true;
}

HPDF_Dict dw_haru_stream_in_place(HPDF_Doc doc, const dw_buf *z, dw_arena *a)
{
    HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
    return s && use_z(doc, s, z, a) ? s : NULL;
}

HPDF_Dict dw_haru_stream_new(HPDF_Doc doc, bool deflated)
{
    HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!s)
        return NULL;
    s->filter = HPDF_STREAM_FILTER_NONE;
    if (deflated)
        s->write_fn = flate_filter;
    return s;
}

HPDF_STATUS dw_haru_stream_write(HPDF_Dict stream, const void *data, size_t len)
{
    return HPDF_Stream_Write(stream->stream, data, (HPDF_UINT)len);
}

HPDF_STATUS dw_haru_stream_puts(HPDF_Dict stream, const char *s)
{
    return HPDF_Stream_WriteStr(stream->stream, s);
}

HPDF_Dict dw_haru_page_stream(HPDF_Page page)
{
    return ((HPDF_PageAttr)page->attr)->contents;
}

void dw_haru_page_unfiltered(HPDF_Page page)
{
    ((HPDF_PageAttr)page->attr)->contents->filter = HPDF_STREAM_FILTER_NONE;
}

bool dw_haru_page_own(HPDF_Page page, size_t *len)
{
    HPDF_Dict own = ((HPDF_PageAttr)page->attr)->contents;
    *len = own->stream->size;
    return own->stream->type == HPDF_STREAM_MEMORY;
}

bool dw_haru_page_in_place(HPDF_Doc doc, HPDF_Page page, const dw_buf *z, dw_arena *a)
{
    HPDF_Dict own = ((HPDF_PageAttr)page->attr)->contents;
    if (!use_z(doc, own, z, a))
        return false;
    ((HPDF_PageAttr)page->attr)->stream = own->stream;
    return true;
}

bool dw_haru_deflate_streams(HPDF_Doc doc)
{
    struct libdeflate_compressor *z = NULL;
    dw_buf raw, out;
    dw_buf_init(&raw);
    dw_buf_init(&out);
    bool ok = true;
    HPDF_Xref x = doc->xref;
    for (HPDF_UINT i = 0; i < x->entries->count && ok; i++) {
        HPDF_XrefEntry e = HPDF_Xref_GetEntry(x, i);
        HPDF_Obj_Header *h = e ? (HPDF_Obj_Header *)e->obj : NULL;
        if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
            continue;
        HPDF_Dict dict = (HPDF_Dict)e->obj;
        if (!dict->stream || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
            dict->filterParams || dict->write_fn || dict->stream->type != HPDF_STREAM_MEMORY)
            continue; /* not ours to touch: left to libharu */
        if (!z && !(z = libdeflate_alloc_compressor(DW_DEFLATE_LEVEL)))
            return false;
        dw_buf_reset(&raw);
        dw_buf_reset(&out);
        for (HPDF_UINT k = 0; k < HPDF_MemStream_GetBufCount(dict->stream); k++) {
            HPDF_UINT n = 0;
            HPDF_BYTE *b = HPDF_MemStream_GetBufPtr(dict->stream, k, &n);
            if (b && n)
                dw_buf_put(&raw, b, n);
        }
        if (!dw_pdf_deflate(z, raw.data ? raw.data : "", raw.len, &out)) {
            ok = false;
            break;
        }
        HPDF_MemStream_FreeData(dict->stream);
        ok = HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)out.data, (HPDF_UINT)out.len) == HPDF_OK;
        dict->filter = HPDF_STREAM_FILTER_NONE;
        dict->write_fn = flate_filter;
    }
    dw_buf_fini(&raw);
    dw_buf_fini(&out);
    if (z)
        libdeflate_free_compressor(z);
    return ok;
}

static HPDF_STATUS out_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    dw_buf_put(s->attr, ptr, size);
    return HPDF_OK;
}

HPDF_STATUS dw_haru_save(HPDF_Doc doc, dw_buf *out)
{
    if (!doc->stream)
        doc->stream = HPDF_CallbackWriter_New(doc->mmgr, out_write, out);
    if (!doc->stream)
        return HPDF_FAILD_TO_ALLOC_MEM;
    return HPDF_SaveToStream(doc);
}
