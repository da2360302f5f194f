/*
 * conformance.c — what PDF/X-4 (print) and PDF/A-1b (web, with PDF/UA-1)
 * add to a file: the version, /CIDSet, the output intent with the
 * embedded profile, /Trapped, and the XMP metadata.
 */
#include "pdf_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libdeflate.h>

/* The profile (140 KB) goes into every print and web file: read and
 * deflated once per process (deflating it took 7 ms a file), kept until
 * exit.                                                                */
static const unsigned char *icc_deflated(const char *path, size_t *len)
{
    static char *cached_path;
    static char *cached;
    static size_t cached_len;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (!cached_path || strcmp(cached_path, path) != 0) {
        size_t raw_len;
        char *raw = dw_read_file(path, &raw_len);
        struct libdeflate_compressor *c = raw ? libdeflate_alloc_compressor(DW_DEFLATE_LEVEL) : NULL;
        dw_buf z;
        dw_buf_init(&z);
        if (c && dw_pdf_deflate(c, raw, raw_len, &z)) {
            free(cached);
            free(cached_path);
            cached = z.data;
            cached_len = z.len;
            cached_path = dw_xstrdup(path);
        } else {
            dw_buf_fini(&z);
        }
        if (c)
            libdeflate_free_compressor(c);
        free(raw);
    }
    const unsigned char *r =
        cached_path && strcmp(cached_path, path) == 0 ? (const unsigned char *)cached : NULL;
    *len = cached_len;
    pthread_mutex_unlock(&lock);
    return r;
}

static void xml_escaped(dw_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': dw_buf_puts(b, "&lt;"); break;
        case '>': dw_buf_puts(b, "&gt;"); break;
        case '&': dw_buf_puts(b, "&amp;"); break;
        case '"': dw_buf_puts(b, "&quot;"); break;
        default: dw_buf_putc(b, *s);
        }
    }
}

bool dw_pdf_conform(dw_pdf *p, enum dw_pdf_conformance level, const char *icc_path,
                    const char *condition, dw_diag *d)
{
    if (level == DW_PDF_PLAIN)
        return true;
    HPDF_MMgr mm = dw_haru_mmgr(p->doc);
    size_t icc_len;
    const unsigned char *icc = icc_deflated(icc_path, &icc_len);
    if (!icc) {
        dw_error(d, dw_loc_none(), "cannot read the colour profile '%s' (run 'make': it builds "
                 "the profile from Debian's FOGRA39 data)", icc_path);
        return false;
    }
    if (level == DW_PDF_A1B || level == DW_PDF_A1B_UA1) {
        dw_haru_set_version(p->doc, HPDF_VER_14); /* PDF/A-1 is based on PDF 1.4 */
        /* ISO 19005-1 6.3.5: /CIDSet in every font descriptor */
        for (size_t i = 0; i < p->g->n_fonts; i++) {
            HPDF_Dict set = dw_pdf_zstream(p, &p->g->fonts[i]->cidset);
            if (set)
                HPDF_Dict_Add(p->font_descriptors[i], "CIDSet", set);
        }
    }
    /* output intent with the embedded profile (PDF/X-4 and PDF/A need it) */
    HPDF_Dict prof = dw_haru_stream_new(p->doc, true);
    if (!prof)
        return dw_pdf_check(p, "writing the output intent");
    HPDF_Dict_AddNumber(prof, "N", 4);
    dw_haru_stream_write(prof, icc, icc_len);
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Xref_Add(dw_haru_xref(p->doc), oi);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", level == DW_PDF_X4 ? "GTS_PDFX" : "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, condition, NULL));
    HPDF_Dict_Add(oi, "OutputCondition", HPDF_String_New(mm, condition, NULL));
    HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "Offset printing on coated paper (FOGRA39); "
                                              "profile built from FOGRA39L.ti3", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", prof);
    HPDF_Array ois = HPDF_Array_New(mm);
    HPDF_Array_Add(ois, oi);
    HPDF_Dict_Add(dw_haru_catalog(p->doc), "OutputIntents", ois);

    HPDF_Dict info = dw_haru_info(p->doc);
    /* PDF/X wants /Trapped True or False; PDF/A-1's XMP schemas have no
     * pdf:Trapped (it would need an extension schema), and a web file
     * is not trapped for anybody: the web file says nothing.            */
    bool pdfx = level == DW_PDF_X4;
    if (pdfx)
        HPDF_Dict_AddName(info, "Trapped", "False");
    if (level == DW_PDF_X4)
        HPDF_Dict_Add(info, "GTS_PDFXVersion", HPDF_String_New(mm, "PDF/X-4", NULL));

    /* XMP (written by hand: libharu's is not XML-escaped and not
     * reproducible); dates equal the Info dictionary's.                 */
    time_t t = (time_t)p->info.epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    dw_buf x;
    dw_buf_init(&x);
    dw_buf_puts(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "<rdf:Description rdf:about=\"\"\n"
                    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                    " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
                    " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\"\n"
                    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                    "<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&x, p->info.title ? p->info.title : "");
    dw_buf_puts(&x, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
    xml_escaped(&x, p->info.author ? p->info.author : "");
    dw_buf_puts(&x, "</rdf:li></rdf:Seq></dc:creator>\n<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&x, p->info.subject ? p->info.subject : "");
    dw_buf_printf(&x, "</rdf:li></rdf:Alt></dc:description>\n"
                      "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n"
                      "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                      "<xmp:MetadataDate>%s</xmp:MetadataDate>\n<xmp:CreatorTool>druckwerk</xmp:CreatorTool>\n"
                      "<pdf:Producer>druckwerk</pdf:Producer>\n%s",
                  p->info.lang ? p->info.lang : "x-unknown", date, date, date,
                  pdfx ? "<pdf:Trapped>False</pdf:Trapped>\n" : "");
    const char *seed = p->info.id_seed ? p->info.id_seed : "";
    uint64_t h = dw_fnv1a(ID_BASIS, seed, strlen(seed));
    dw_buf_printf(&x, "<xmpMM:DocumentID>uuid:%08x-%04x-4%03x-8%03x-%012llx</xmpMM:DocumentID>\n"
                      "<xmpMM:InstanceID>uuid:%08x-%04x-4%03x-8%03x-%012llx</xmpMM:InstanceID>\n"
                      "<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n",
                  (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xFFFF, (unsigned)(h & 0xFFF),
                  (unsigned)((h >> 12) & 0xFFF), (unsigned long long)(h & 0xFFFFFFFFFFFFull),
                  (unsigned)(h >> 32), (unsigned)(h >> 16) & 0xFFFF, (unsigned)(h & 0xFFF),
                  (unsigned)((h >> 12) & 0xFFF), (unsigned long long)(h & 0xFFFFFFFFFFFFull));
    if (level == DW_PDF_X4)
        dw_buf_puts(&x, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n");
    else
        dw_buf_puts(&x, "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n");
    dw_buf_puts(&x, "</rdf:Description>\n");
    /* the namespace on the description, where PDF/A-1 (and PDFBox, 7.3)
     * looks for a schema, not on the property                          */
    if (level == DW_PDF_A1B_UA1)
        dw_buf_puts(&x, "<rdf:Description rdf:about=\"\"\n"
                        " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                        "<pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n");
    if (level == DW_PDF_A1B_UA1) /* PDF/A-1 wants every non-standard schema declared */
        dw_buf_puts(&x, "<rdf:Description rdf:about=\"\"\n"
                        " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                        " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                        " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                        "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                        "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
                        "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                        "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                        "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                        "<pdfaProperty:name>part</pdfaProperty:name>\n"
                        "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                        "<pdfaProperty:category>internal</pdfaProperty:category>\n"
                        "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
                        "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
                        "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n");
    dw_buf_puts(&x, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    HPDF_Dict meta = dw_haru_stream_new(p->doc, false); /* XMP stays readable (PDF/A) */
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    dw_haru_stream_write(meta, x.data, x.len);
    dw_buf_fini(&x);
    HPDF_Dict_Add(dw_haru_catalog(p->doc), "Metadata", meta);
    return dw_pdf_check(p, "writing the metadata and output intent");
}
