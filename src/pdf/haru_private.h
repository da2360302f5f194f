/*
 * haru_private.h — what druckwerk needs from libharu 2.3.0 that its
 * public API does not offer, behind functions.  haru_private.c is the
 * one file that reads or writes libharu's private struct fields
 * (HPDF_Doc_Rec, HPDF_Dict_Rec, HPDF_Stream_Rec, HPDF_PageAttr_Rec,
 * HPDF_Xref_Rec); tests/t_haru.sh checks with clang's syntax tree that
 * no other file does, so an upgrade of libharu that changes those
 * structs is a change to one file.
 *
 * The other files do use libharu's object layer (hpdf_objects.h:
 * HPDF_Dict_New, HPDF_Dict_Add, HPDF_Array_*, HPDF_String_New,
 * HPDF_Xref_Add, …): functions, exported and declared in the installed
 * headers, that take the document's memory manager and cross-reference
 * table from here.
 */
#ifndef DW_HARU_PRIVATE_H
#define DW_HARU_PRIVATE_H

#include <hpdf.h>
#include <hpdf_objects.h>

#include "../util/util.h"

/* The memory manager that every constructor of the object layer takes
 * (HPDF_Dict_New, HPDF_String_New, …): the public API has no getter.  */
HPDF_MMgr dw_haru_mmgr(HPDF_Doc doc);
/* The cross-reference table: HPDF_Xref_Add makes a dictionary an
 * indirect object (fonts, structure elements, output intents).        */
HPDF_Xref dw_haru_xref(HPDF_Doc doc);
/* The catalog, for keys libharu has no setter for (/Lang, /MarkInfo,
 * /StructTreeRoot, /ViewerPreferences, /OutputIntents, /Metadata).    */
HPDF_Dict dw_haru_catalog(HPDF_Doc doc);
/* The Info dictionary: HPDF_SetInfoAttr writes titles in
 * PDFDocEncoding and UTC as "Z00'00'", and has no /Trapped or
 * /GTS_PDFXVersion; NULL if libharu made none.                        */
HPDF_Dict dw_haru_info(HPDF_Doc doc);
/* The trailer, for the file identifier /ID (libharu writes one only
 * for encrypted files).                                                */
HPDF_Dict dw_haru_trailer(HPDF_Doc doc);
/* The header's version: libharu 2.3.0 has no setter (PDF/X-4 wants
 * 1.6 at most, PDF/A-1 1.4).                                           */
void dw_haru_set_version(HPDF_Doc doc, HPDF_PDFVer v);

/* A new stream object (indirect) that libharu writes unfiltered: a few
 * operators, or XMP (PDF/A wants it readable); NULL on failure.  With
 * deflated, its data will be deflated already and the dictionary gets
 * /Filter /FlateDecode (the output profile, deflated once a process).  */
HPDF_Dict dw_haru_stream_new(HPDF_Doc doc, bool deflated);
/* Append bytes to a stream object's data. */
HPDF_STATUS dw_haru_stream_write(HPDF_Dict stream, const void *data, size_t len);
HPDF_STATUS dw_haru_stream_puts(HPDF_Dict stream, const char *s);
/* A new stream object whose data is z, already deflated, read in place
 * while the file is written (libharu's memory streams copy byte by
 * byte, and that was 5 % of a build); z and the reader (in a) must live
 * until the file is saved.  NULL on failure.                           */
HPDF_Dict dw_haru_stream_in_place(HPDF_Doc doc, const dw_buf *z, dw_arena *a);

/* A page's own content stream, the first part of its /Contents (the
 * public API only writes operators into it).                           */
HPDF_Dict dw_haru_page_stream(HPDF_Page page);
/* Keep the page's own stream uncompressed: it holds a few operators,
 * or becomes a drawn page, deflated already.                           */
void dw_haru_page_unfiltered(HPDF_Page page);
/* Whether the page's own stream is still libharu's (not read in
 * place), and its length so far.                                       */
bool dw_haru_page_own(HPDF_Page page, size_t *len);
/* The page's own stream becomes z, deflated, read in place (as
 * dw_haru_stream_in_place).                                            */
bool dw_haru_page_in_place(HPDF_Doc doc, HPDF_Page page, const dw_buf *z, dw_arena *a);

/* Deflate what libharu would deflate itself (images) with libdeflate
 * instead of zlib: the same format in a third of the time.  False when
 * libdeflate fails.                                                    */
bool dw_haru_deflate_streams(HPDF_Doc doc);
/* Write the file into out (a callback stream: libharu's memory stream
 * copies byte by byte).  The status of HPDF_SaveToStream.               */
HPDF_STATUS dw_haru_save(HPDF_Doc doc, dw_buf *out);

#endif
