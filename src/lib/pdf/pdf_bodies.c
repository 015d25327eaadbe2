/* SPDX-License-Identifier: MIT */
/*
 * The bodies of a PDF's streams, kept out of libharu (pdf_bodies.h).
 *
 * Why: libharu 2.3.0 copies every byte written into one of its memory
 * streams a byte at a time (HPDF_MemCpy), once when the stream is filled,
 * and at HPDF_SaveToStream twice more, reading it back and writing it into
 * the document's stream. For a one-page checklist that is some 10 KB of
 * font program, CMap and page content, already compressed by qujat, and
 * about 5 % of a batch's instructions (bench/README.md). The bodies are
 * kept here instead, libharu writes the streams' dictionaries with empty
 * bodies and lengths of 0, and qujat_pdf_pack(), which reads the saved
 * file and writes it out again anyway, puts each body in its place and
 * its length in /Length: the file is the same bytes as if libharu had
 * written them.
 *
 * A dictionary's one value may be kept here too, as text (a font's widths:
 * libharu makes an object of each number and writes it digit by digit),
 * in place of the name QUJAT_PDF_VALUE libharu writes.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_bodies.h"

void qujat_pdf_bodies_init(struct pdf_bodies *B) {
  memset(B, 0, sizeof *B);
  qujat_buf_init(&B->bytes, QUJAT_BUF_DEFAULT_LIMIT);
}

void qujat_pdf_bodies_free(struct pdf_bodies *B) {
  free(B->v);
  qujat_buf_free(&B->bytes);
  memset(B, 0, sizeof *B);
}

HPDF_STATUS qujat_pdf_flate_hook(HPDF_Dict obj, HPDF_Stream stream) {
  (void)obj;
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Keeps `len` bytes for object `obj`, sorted by object, each once (pages'
 * contents are made before they are filled, so the bodies do not come in
 * the objects' order). */
static qujat_status record(struct pdf_bodies *B, unsigned long obj,
                           const void *data, size_t len) {
  size_t k = B->n;
  while (k > 0 && B->v[k - 1].obj > obj)
    k--;
  if (k > 0 && B->v[k - 1].obj == obj)
    return QUJAT_ERR_PDF;
  struct pdf_body *v = qujat_array_room(B->v, &B->cap, B->n, sizeof *v, 8);
  if (!v)
    return QUJAT_ERR_NOMEM;
  B->v = v;
  size_t at = B->bytes.len;
  qujat_status st = qujat_buf_add(&B->bytes, data, len);
  if (st != QUJAT_OK)
    return st;
  memmove(B->v + k + 1, B->v + k, (B->n - k) * sizeof *B->v);
  B->v[k] = (struct pdf_body){obj, at, len};
  B->n++;
  return QUJAT_OK;
}

qujat_status qujat_pdf_body_set(struct pdf_bodies *B, HPDF_Dict s,
                                const void *data, size_t len, int flate) {
  if (!s || !(s->header.obj_id & HPDF_OTYPE_INDIRECT) || !s->stream ||
      HPDF_Stream_Size(s->stream) != 0)
    return QUJAT_ERR_PDF;
  qujat_status st = record(B, s->header.obj_id & 0x00ffffffu, data, len);
  if (st != QUJAT_OK)
    return st;
  /* libharu must not compress the empty body, nor name a filter of its
   * own: the body has the filter the hook names, or none. */
  s->filter = HPDF_STREAM_FILTER_NONE;
  if (flate)
    s->write_fn = qujat_pdf_flate_hook;
  return QUJAT_OK;
}

qujat_status qujat_pdf_value_set(struct pdf_bodies *B, HPDF_Dict d,
                                 const char *key, const void *text,
                                 size_t len) {
  if (!d || !(d->header.obj_id & HPDF_OTYPE_INDIRECT) || d->stream)
    return QUJAT_ERR_PDF;
  qujat_status st = record(B, d->header.obj_id & 0x00ffffffu, text, len);
  if (st == QUJAT_OK && HPDF_Dict_AddName(d, key, QUJAT_PDF_VALUE) != HPDF_OK)
    st = QUJAT_ERR_NOMEM;
  return st;
}

HPDF_Dict qujat_pdf_body_stream(HPDF_Doc doc, struct pdf_bodies *B,
                                const void *data, size_t len, int flate) {
  HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
  return s && qujat_pdf_body_set(B, s, data, len, flate) == QUJAT_OK ? s
                                                                     : NULL;
}

static int by_obj(const void *key, const void *elem) {
  unsigned long a = *(const unsigned long *)key;
  unsigned long b = ((const struct pdf_body *)elem)->obj;
  return (a > b) - (a < b);
}

const struct pdf_body *qujat_pdf_body_of(const struct pdf_bodies *B,
                                         unsigned long obj) {
  return B && B->n ? bsearch(&obj, B->v, B->n, sizeof *B->v, by_obj) : NULL;
}
