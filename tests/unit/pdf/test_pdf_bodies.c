/* SPDX-License-Identifier: MIT */
/* Unit tests of the streams' bodies qujat keeps out of libharu
 * (pdf_bodies.c) and puts in when it packs the saved file (pdf_pack.c):
 * each body lands in its own stream with its length, in whatever order the
 * bodies were given; a stream libharu wrote into as well, a body no stream
 * took and a body given twice are refused. And the PDF/A /ID is found in a
 * packed file's trailer however long the cross-reference stream after it. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pdf/pdf_archive.h"
#include "pdf/pdf_bodies.h"
#include "pdf/pdf_internal.h"

static HPDF_Doc doc;
static struct pdf_bodies bodies;
static struct buf saved, packed;

static void setup(void) {
  doc = HPDF_New(NULL, NULL);
  cr_assert_not_null(doc);
  HPDF_AddPage(doc);
  qujat_pdf_bodies_init(&bodies);
  qujat_buf_init(&saved, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&packed, QUJAT_BUF_DEFAULT_LIMIT);
}

static void teardown(void) {
  HPDF_Free(doc);
  qujat_pdf_bodies_free(&bodies);
  qujat_buf_free(&saved);
  qujat_buf_free(&packed);
}

TestSuite(pdf_bodies, .init = setup, .fini = teardown);

/* Saves `doc` as libharu writes it and packs it with `bodies`. */
static qujat_status save_and_pack(void) {
  cr_assert_eq(HPDF_SaveToStream(doc), HPDF_OK);
  HPDF_UINT32 size = HPDF_GetStreamSize(doc);
  cr_assert_eq(qujat_buf_fill(&saved, 0, size), QUJAT_OK);
  cr_assert_eq(HPDF_ReadFromStream(doc, (HPDF_BYTE *)saved.data, &size),
               HPDF_OK);
  return qujat_pdf_pack((const unsigned char *)saved.data, saved.len,
                        &bodies, &packed);
}

static unsigned long obj_of(HPDF_Dict s) {
  return s->header.obj_id & 0x00ffffffu;
}

/* The body of object `obj` in the packed file, which must have a direct
 * /Length equal to `len`, and its bytes equal to `want`. */
static void expect_body(unsigned long obj, const char *want, size_t len) {
  char head[32];
  snprintf(head, sizeof head, "\n%lu 0 obj\n", obj);
  const char *at = memmem(packed.data, packed.len, head, strlen(head));
  cr_assert_not_null(at, "no object %lu in the packed file", obj);
  const char *end = packed.data + packed.len;
  const char *data = memmem(at, (size_t)(end - at), "stream\r\n", 8);
  cr_assert_not_null(data, "object %lu is not a stream", obj);
  char length[32];
  snprintf(length, sizeof length, "/Length %zu\n", len);
  cr_expect_not_null(memmem(at, (size_t)(data - at), length, strlen(length)),
                     "object %lu: no %s", obj, length);
  data += 8;
  cr_assert_leq(len + 10, (size_t)(end - data));
  cr_expect_eq(memcmp(data, want, len), 0, "object %lu: another body", obj);
  cr_expect_eq(memcmp(data + len, "\nendstream", 10), 0,
               "object %lu: the body does not end the stream", obj);
}

Test(pdf_bodies, each_body_goes_into_its_stream_in_any_order) {
  HPDF_Dict a = HPDF_DictStream_New(doc->mmgr, doc->xref);
  HPDF_Dict b = HPDF_DictStream_New(doc->mmgr, doc->xref);
  cr_assert(a && b);
  HPDF_Dict_Add(doc->catalog, "QujatA", a);
  HPDF_Dict_Add(doc->catalog, "QujatB", b);
  /* The later object first, as a page's contents are filled after the
   * streams made while it was drawn. */
  static const char bb[] = "the second stream\nwith (bytes) \\ and \r\n";
  static const char ab[] = "first";
  cr_assert_eq(qujat_pdf_body_set(&bodies, b, bb, sizeof bb - 1, 1),
               QUJAT_OK);
  cr_assert_eq(qujat_pdf_body_set(&bodies, a, ab, sizeof ab - 1, 0),
               QUJAT_OK);
  cr_assert_eq(save_and_pack(), QUJAT_OK);
  /* libharu wrote them empty: nothing of the bodies went through it. */
  cr_expect_null(memmem(saved.data, saved.len, "first", 5));
  expect_body(obj_of(a), ab, sizeof ab - 1);
  expect_body(obj_of(b), bb, sizeof bb - 1);
  /* `flate` names the filter in the dictionary, and only there. */
  const char *fb = strstr(packed.data, "/Filter /FlateDecode\n>>\nstream");
  cr_expect_not_null(fb, "the deflated body's stream names no filter");
  char head[32];
  snprintf(head, sizeof head, "\n%lu 0 obj\n", obj_of(a));
  const char *sa = memmem(packed.data, packed.len, head, strlen(head));
  const char *da = memmem(sa, packed.len - (size_t)(sa - packed.data),
                          "stream\r\n", 8);
  cr_expect_null(memmem(sa, (size_t)(da - sa), "/Filter", 7),
                 "a body not deflated has a filter");
}

Test(pdf_bodies, a_stream_made_with_its_body) {
  static const char body[] = "made here";
  HPDF_Dict s = qujat_pdf_body_stream(doc, &bodies, body, sizeof body - 1, 1);
  cr_assert_not_null(s);
  HPDF_Dict_Add(doc->catalog, "Qujat", s);
  cr_assert_eq(save_and_pack(), QUJAT_OK);
  expect_body(obj_of(s), body, sizeof body - 1);
}

Test(pdf_bodies, a_stream_libharu_filled_is_refused) {
  HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
  HPDF_Dict_Add(doc->catalog, "Qujat", s);
  HPDF_Stream_WriteStr(s->stream, "libharu's");
  cr_expect_eq(qujat_pdf_body_set(&bodies, s, "x", 1, 0), QUJAT_ERR_PDF);
  cr_expect_eq(bodies.n, 0);
}

Test(pdf_bodies, a_stream_filled_after_its_body_is_refused_when_packed) {
  HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
  HPDF_Dict_Add(doc->catalog, "Qujat", s);
  cr_assert_eq(qujat_pdf_body_set(&bodies, s, "x", 1, 0), QUJAT_OK);
  HPDF_Stream_WriteStr(s->stream, "libharu's too");
  cr_expect_eq(save_and_pack(), QUJAT_ERR_PDF);
}

Test(pdf_bodies, a_body_given_twice_is_refused) {
  HPDF_Dict s = HPDF_DictStream_New(doc->mmgr, doc->xref);
  cr_assert_eq(qujat_pdf_body_set(&bodies, s, "x", 1, 0), QUJAT_OK);
  cr_expect_eq(qujat_pdf_body_set(&bodies, s, "y", 1, 0), QUJAT_ERR_PDF);
  cr_expect_eq(bodies.n, 1);
}

Test(pdf_bodies, a_direct_object_is_refused) {
  HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
  cr_expect_eq(qujat_pdf_body_set(&bodies, d, "x", 1, 0), QUJAT_ERR_PDF);
  HPDF_Dict_Free(d);
}

Test(pdf_bodies, a_body_no_stream_took_is_refused) {
  /* Object 1 is the catalog's, a dictionary: the body would be lost. */
  cr_assert_eq(qujat_buf_add(&bodies.bytes, "lost", 4), QUJAT_OK);
  bodies.v = malloc(sizeof *bodies.v);
  cr_assert_not_null(bodies.v);
  bodies.v[0] = (struct pdf_body){obj_of(doc->catalog), 0, 4};
  bodies.n = bodies.cap = 1;
  cr_expect_eq(save_and_pack(), QUJAT_ERR_PDF);
}

Test(pdf_bodies, the_id_is_found_before_a_long_cross_reference_stream) {
  /* A packed file's trailer entries are in its cross-reference stream's
   * dictionary; that stream's data (here 3 000 bytes) follows them. */
  static const char mark[] = "71756a61742d706466612d69642d3030";
  struct buf f;
  qujat_buf_init(&f, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&f, "%PDF-1.7\n"), QUJAT_OK);
  size_t xref_at = f.len;
  cr_assert_eq(qujat_buf_addf(&f, "9 0 obj\n<< /Type /XRef /ID [<%s><%s>] "
                                  "/Length 3000 >>\nstream\r\n",
                              mark, mark),
               QUJAT_OK);
  cr_assert_eq(qujat_buf_fill(&f, 'x', 3000), QUJAT_OK);
  cr_assert_eq(qujat_buf_addf(&f, "\r\nendstream\nendobj\nstartxref\n%zu\n"
                                  "%%%%EOF\n",
                              xref_at),
               QUJAT_OK);
  cr_assert_eq(qujat_pdfa_set_id((unsigned char *)f.data, f.len), 0);
  cr_expect_null(strstr(f.data, mark), "the placeholder is still there");
  const char *id = strstr(f.data, "/ID [<") + 6;
  cr_expect_eq(memcmp(id, id + 34, 32), 0, "the two halves of /ID differ");
  qujat_buf_free(&f);
}
