/* SPDX-License-Identifier: MIT */
/*
 * PDF/A: what libharu 2.3.0 does not write, through its object API
 * (pdf_archive.h). Called by render_pdf.c for --pdf-standard pdfa
 * (QUJAT_PDF_ARCHIVAL).
 *
 * Deterministic like the rest: the dates are the document's date, the XMP
 * has no generated UUIDs, and the trailer /ID is a hash of the file itself.
 */
#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <nettle/sha2.h>

#include "pdf/pdf_archive.h"

/* 16 bytes that cannot occur in a hash-free PDF trailer by chance; their
 * hex form is replaced after saving (qujat_pdfa_set_id). */
static const char ID_MARK[16] = "qujat-pdfa-id-00";

static qujat_status xml_text(struct buf *b, const char *s) {
  qujat_status st = QUJAT_OK;
  for (; st == QUJAT_OK && s && *s; s++) {
    switch (*s) {
    case '&': st = qujat_buf_adds(b, "&amp;"); break;
    case '<': st = qujat_buf_adds(b, "&lt;"); break;
    case '>': st = qujat_buf_adds(b, "&gt;"); break;
    case '"': st = qujat_buf_adds(b, "&quot;"); break;
    default:
      /* Control characters are not XML 1.0; the texts have none but
       * newlines, which XMP keeps. */
      if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
        st = qujat_buf_addc(b, ' ');
      else
        st = qujat_buf_addc(b, *s);
    }
  }
  return st;
}

/* The XMP packet: Dublin Core, XMP basic, Adobe PDF and PDF/A
 * identification schemas, each property matching the document
 * information dictionary, as PDF/A requires. */
static qujat_status xmp(struct buf *b, const struct pdfa_meta *m,
                        const char *producer) {
  char date[32];
  snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00+00:00", m->date.y,
           m->date.m, m->date.d);
  qujat_status st = qujat_buf_adds(
      b, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "<rdf:Description rdf:about=\"\"\n"
         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
         " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
         " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
         "<dc:format>application/pdf</dc:format>\n"
         "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
  if (st == QUJAT_OK)
    st = xml_text(b, m->title);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(b, "</rdf:li></rdf:Alt></dc:title>\n"
                           "<dc:description><rdf:Alt><rdf:li "
                           "xml:lang=\"x-default\">");
  if (st == QUJAT_OK)
    st = xml_text(b, m->subject);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(b, "</rdf:li></rdf:Alt></dc:description>\n"
                           "<dc:language><rdf:Bag>");
  for (size_t i = 0; st == QUJAT_OK && i < m->nlangs; i++)
    st = qujat_buf_addf(b, "<rdf:li>%s</rdf:li>", m->langs[i]);
  if (st == QUJAT_OK)
    st = qujat_buf_addf(b,
                        "</rdf:Bag></dc:language>\n"
                        "<xmp:CreateDate>%s</xmp:CreateDate>\n"
                        "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                        "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                        "<xmp:CreatorTool>",
                        date, date, date);
  if (st == QUJAT_OK)
    st = xml_text(b, m->creator);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(b, "</xmp:CreatorTool>\n<pdf:Producer>");
  if (st == QUJAT_OK)
    st = xml_text(b, producer);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(b, "</pdf:Producer>\n<pdf:Keywords>");
  if (st == QUJAT_OK)
    st = xml_text(b, m->keywords);
  if (st == QUJAT_OK)
    st = qujat_buf_addf(b,
                        "</pdf:Keywords>\n"
                        "<pdfaid:part>%d</pdfaid:part>\n"
                        "<pdfaid:conformance>B</pdfaid:conformance>\n"
                        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
                        "<?xpacket end=\"r\"?>",
                        m->part);
  return st;
}

/* The XMP as the catalog's /Metadata: uncompressed, as PDF/A-1 readers
 * expect and so that tools that scan for the packet find it. */
static HPDF_STATUS add_metadata(HPDF_Doc doc, struct pdf_bodies *B,
                                const struct pdfa_meta *m) {
  const char *producer = HPDF_GetInfoAttr(doc, HPDF_INFO_PRODUCER);
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  HPDF_STATUS rc = HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_Dict s;
  if (xmp(&b, m, producer ? producer : "") == QUJAT_OK &&
      (s = qujat_pdf_body_stream(doc, B, b.data, b.len, 0))) {
    rc = HPDF_Dict_AddName(s, "Type", "Metadata");
    rc |= HPDF_Dict_AddName(s, "Subtype", "XML");
    rc |= HPDF_Dict_Add(doc->catalog, "Metadata", s);
  }
  qujat_buf_free(&b);
  return rc;
}

/* /OutputIntents with the sRGB profile, `icc` compressed once per
 * catalog (fonts.c): it is most of the cost of PDF/A in bytes. libharu
 * writes a stream without a filter of its own as it is; the write hook
 * names the filter (qujat_pdf_flate_hook). */
static HPDF_STATUS add_output_intent(HPDF_Doc doc, struct pdf_bodies *B,
                                     const unsigned char *icc,
                                     size_t icc_len) {
  HPDF_MMgr mm = doc->mmgr;
  HPDF_Dict profile = qujat_pdf_body_stream(doc, B, icc, icc_len, 1);
  HPDF_Dict intent = HPDF_Dict_New(mm);
  HPDF_Array intents = HPDF_Array_New(mm);
  if (!profile || !intent || !intents)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Dict_AddNumber(profile, "N", 3);
  rc |= HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  rc |= HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  rc |= HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                      HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
  rc |= HPDF_Dict_Add(intent, "Info",
                      HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
  rc |= HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  rc |= HPDF_Array_Add(intents, intent);
  rc |= HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
  return rc;
}

HPDF_STATUS qujat_pdfa_prepare(HPDF_Doc doc, struct pdf_bodies *B,
                               const struct pdfa_meta *m,
                               const unsigned char *icc, size_t icc_len) {
  HPDF_MMgr mm = doc->mmgr;
  doc->pdf_version = HPDF_VER_17;
  HPDF_STATUS rc = add_metadata(doc, B, m);
  rc |= add_output_intent(doc, B, icc, icc_len);
  HPDF_Dict prefs = HPDF_Dict_New(mm);
  if (!prefs)
    return HPDF_FAILD_TO_ALLOC_MEM;
  rc |= HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
  rc |= HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs);
  HPDF_Array id = HPDF_Array_New(mm);
  if (!id)
    return HPDF_FAILD_TO_ALLOC_MEM;
  rc |= HPDF_Array_Add(id, HPDF_Binary_New(mm, (HPDF_BYTE *)ID_MARK, 16));
  rc |= HPDF_Array_Add(id, HPDF_Binary_New(mm, (HPDF_BYTE *)ID_MARK, 16));
  rc |= HPDF_Dict_Add(doc->trailer, "ID", id);
  return rc;
}

/* Where the hex form of ID_MARK (either case) starts in s[0..n), or -1. */
static long find_mark(const unsigned char *s, size_t n, size_t from) {
  static const char hex[] = "0123456789abcdef";
  for (size_t i = from; i + 32 <= n; i++) {
    size_t k = 0;
    for (; k < 32; k++) {
      unsigned v = (unsigned char)ID_MARK[k / 2];
      char want = hex[k % 2 ? v & 15 : v >> 4];
      char got = (char)s[i + k];
      if (got >= 'A' && got <= 'F')
        got = (char)(got - 'A' + 'a');
      if (got != want)
        break;
    }
    if (k == 32)
      return (long)i;
  }
  return -1;
}

/* Where the trailer's entries may be: from the cross-reference section
 * that the last startxref names (in a packed file, the cross-reference
 * stream, whose data may be longer than a kilobyte), else the last KiB. */
static size_t trailer_from(const unsigned char *pdf, size_t len) {
  size_t tail = len > 1024 ? len - 1024 : 0;
  static const char key[] = "startxref";
  size_t n = sizeof key - 1, stop = len > 64 ? len - 64 : 0;
  for (size_t i = len >= n ? len - n + 1 : 0; i-- > stop;) /* backwards */
    if (memcmp(pdf + i, key, n) == 0) {
      size_t at = 0, k = i + n;
      while (k < len && (pdf[k] == '\n' || pdf[k] == '\r' || pdf[k] == ' '))
        k++;
      int digits = 0;
      for (; k < len && pdf[k] >= '0' && pdf[k] <= '9' && digits < 12;
           k++, digits++)
        at = at * 10 + (size_t)(pdf[k] - '0');
      return digits && at < len ? at : tail;
    }
  return tail;
}

int qujat_pdfa_set_id(unsigned char *pdf, size_t len) {
  /* The mark is in the trailer's /ID twice. */
  long a = find_mark(pdf, len, trailer_from(pdf, len));
  long b = a < 0 ? -1 : find_mark(pdf, len, (size_t)a + 32);
  if (a < 0 || b < 0)
    return -1;
  struct sha256_ctx ctx;
  unsigned char digest[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, pdf);
  sha256_digest(&ctx, sizeof digest, digest);
  int upper = pdf[a] >= 'A' && pdf[a] <= 'F';
  const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  for (int k = 0; k < 32; k++) {
    char c = hex[k % 2 ? digest[k / 2] & 15 : digest[k / 2] >> 4];
    pdf[a + k] = (unsigned char)c;
    pdf[b + k] = (unsigned char)c;
  }
  return 0;
}

qujat_status qujat_pdfa_cidset(size_t last, struct buf *out) {
  size_t bytes = last / 8 + 1;
  qujat_status st = qujat_buf_fill(out, 0, bytes);
  if (st != QUJAT_OK)
    return st;
  unsigned char *p = (unsigned char *)out->data + out->len - bytes;
  for (size_t cid = 0; cid <= last; cid++)
    p[cid / 8] |= (unsigned char)(0x80u >> (cid % 8));
  return QUJAT_OK;
}
