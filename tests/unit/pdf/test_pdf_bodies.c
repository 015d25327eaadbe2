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
#include <nettle/sha2.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <libdeflate.h>

#include "fixture.h"
#include "helpers.h"
#include "pdf/pdf_archive.h"
#include "pdf/pdf_bodies.h"
#include "pdf/pdf_internal.h"
#include "qujat/qujat.h"

static HPDF_Doc hdoc;
static struct pdf_bodies bodies;
static struct buf saved, packed;

static void setup(void) {
  hdoc = HPDF_New(NULL, NULL);
  cr_assert_not_null(hdoc);
  HPDF_AddPage(hdoc);
  qujat_pdf_bodies_init(&bodies);
  qujat_buf_init(&saved, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&packed, QUJAT_BUF_DEFAULT_LIMIT);
}

static void teardown(void) {
  HPDF_Free(hdoc);
  qujat_pdf_bodies_free(&bodies);
  qujat_buf_free(&saved);
  qujat_buf_free(&packed);
}

TestSuite(pdf_bodies, .init = setup, .fini = teardown);

/* Saves `hdoc` as libharu writes it and packs it with `bodies`. */
static qujat_status save_and_pack(void) {
  cr_assert_eq(HPDF_SaveToStream(hdoc), HPDF_OK);
  HPDF_UINT32 size = HPDF_GetStreamSize(hdoc);
  cr_assert_eq(qujat_buf_fill(&saved, 0, size), QUJAT_OK);
  cr_assert_eq(HPDF_ReadFromStream(hdoc, (HPDF_BYTE *)saved.data, &size),
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
  HPDF_Dict a = HPDF_DictStream_New(hdoc->mmgr, hdoc->xref);
  HPDF_Dict b = HPDF_DictStream_New(hdoc->mmgr, hdoc->xref);
  cr_assert(a && b);
  HPDF_Dict_Add(hdoc->catalog, "QujatA", a);
  HPDF_Dict_Add(hdoc->catalog, "QujatB", b);
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
  char head[32];
  snprintf(head, sizeof head, "\n%lu 0 obj\n", obj_of(b));
  const char *sb = memmem(packed.data, packed.len, head, strlen(head));
  const char *db = memmem(sb, packed.len - (size_t)(sb - packed.data),
                          "stream\r\n", 8);
  cr_expect_not_null(memmem(sb, (size_t)(db - sb), "/Filter /FlateDecode", 20),
                     "the deflated body's stream names no filter");
  snprintf(head, sizeof head, "\n%lu 0 obj\n", obj_of(a));
  const char *sa = memmem(packed.data, packed.len, head, strlen(head));
  const char *da = memmem(sa, packed.len - (size_t)(sa - packed.data),
                          "stream\r\n", 8);
  cr_expect_null(memmem(sa, (size_t)(da - sa), "/Filter", 7),
                 "a body not deflated has a filter");
}

Test(pdf_bodies, a_stream_made_with_its_body) {
  static const char body[] = "made here";
  HPDF_Dict s = qujat_pdf_body_stream(hdoc, &bodies, body, sizeof body - 1, 1);
  cr_assert_not_null(s);
  HPDF_Dict_Add(hdoc->catalog, "Qujat", s);
  cr_assert_eq(save_and_pack(), QUJAT_OK);
  expect_body(obj_of(s), body, sizeof body - 1);
}

Test(pdf_bodies, a_stream_libharu_filled_is_refused) {
  HPDF_Dict s = HPDF_DictStream_New(hdoc->mmgr, hdoc->xref);
  HPDF_Dict_Add(hdoc->catalog, "Qujat", s);
  HPDF_Stream_WriteStr(s->stream, "libharu's");
  cr_expect_eq(qujat_pdf_body_set(&bodies, s, "x", 1, 0), QUJAT_ERR_PDF);
  cr_expect_eq(bodies.n, 0);
}

Test(pdf_bodies, a_stream_filled_after_its_body_is_refused_when_packed) {
  HPDF_Dict s = HPDF_DictStream_New(hdoc->mmgr, hdoc->xref);
  HPDF_Dict_Add(hdoc->catalog, "Qujat", s);
  cr_assert_eq(qujat_pdf_body_set(&bodies, s, "x", 1, 0), QUJAT_OK);
  HPDF_Stream_WriteStr(s->stream, "libharu's too");
  cr_expect_eq(save_and_pack(), QUJAT_ERR_PDF);
}

Test(pdf_bodies, a_body_given_twice_is_refused) {
  HPDF_Dict s = HPDF_DictStream_New(hdoc->mmgr, hdoc->xref);
  cr_assert_eq(qujat_pdf_body_set(&bodies, s, "x", 1, 0), QUJAT_OK);
  cr_expect_eq(qujat_pdf_body_set(&bodies, s, "y", 1, 0), QUJAT_ERR_PDF);
  cr_expect_eq(bodies.n, 1);
}

Test(pdf_bodies, a_direct_object_is_refused) {
  HPDF_Dict d = HPDF_Dict_New(hdoc->mmgr);
  cr_expect_eq(qujat_pdf_body_set(&bodies, d, "x", 1, 0), QUJAT_ERR_PDF);
  HPDF_Dict_Free(d);
}

Test(pdf_bodies, a_body_no_stream_took_is_refused) {
  /* Object 1 is the catalog's, a dictionary: the body would be lost. */
  cr_assert_eq(qujat_buf_add(&bodies.bytes, "lost", 4), QUJAT_OK);
  bodies.v = malloc(sizeof *bodies.v);
  cr_assert_not_null(bodies.v);
  bodies.v[0] = (struct pdf_body){obj_of(hdoc->catalog), 0, 4};
  bodies.n = bodies.cap = 1;
  cr_expect_eq(save_and_pack(), QUJAT_ERR_PDF);
}

/* The packed file's object stream, inflated (NUL-terminated; free()). */
static char *object_stream(void) {
  const char *ostm = memmem(packed.data, packed.len, "/Type /ObjStm", 13);
  cr_assert_not_null(ostm);
  const char *L = strstr(ostm, "/Length ");
  const char *data = strstr(ostm, "stream\r\n");
  cr_assert(L && data);
  size_t len = strtoul(L + 8, NULL, 10), got = 0;
  char *out = calloc(1, 1 << 20);
  cr_assert_not_null(out);
  struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
  cr_assert_eq(libdeflate_zlib_decompress(d, data + 8, len, out, (1 << 20) - 1,
                                          &got),
               LIBDEFLATE_SUCCESS);
  libdeflate_free_decompressor(d);
  return out;
}

Test(pdf_bodies, a_value_goes_in_place_of_its_name) {
  HPDF_Dict d = HPDF_Dict_New(hdoc->mmgr);
  cr_assert(d && HPDF_Xref_Add(hdoc->xref, d) == HPDF_OK);
  HPDF_Dict_Add(hdoc->catalog, "QujatD", d);
  HPDF_Dict_AddNumber(d, "Before", 1);
  static const char w[] = "[ 1 [ 500 600 ] 3 5 250 ]";
  cr_assert_eq(qujat_pdf_value_set(&bodies, d, "W", w, sizeof w - 1),
               QUJAT_OK);
  HPDF_Dict_AddNumber(d, "After", 2);
  cr_assert_eq(save_and_pack(), QUJAT_OK);
  /* libharu wrote the name alone, the packed file the value. */
  cr_expect_not_null(memmem(saved.data, saved.len, "/W /" QUJAT_PDF_VALUE, 14));
  cr_expect_null(memmem(saved.data, saved.len, "500 600", 7));
  char *objs = object_stream();
  cr_expect_not_null(strstr(objs, "/W [ 1 [ 500 600 ] 3 5 250 ]\n"), "%s",
                     objs);
  cr_expect_null(strstr(objs, QUJAT_PDF_VALUE), "%s", objs);
  cr_expect_not_null(strstr(objs, "/Before 1"));
  cr_expect_not_null(strstr(objs, "/After 2"));
  free(objs);
}

Test(pdf_bodies, a_value_for_a_stream_a_direct_object_or_twice_is_refused) {
  HPDF_Dict s = HPDF_DictStream_New(hdoc->mmgr, hdoc->xref);
  cr_expect_eq(qujat_pdf_value_set(&bodies, s, "W", "[ ]", 3), QUJAT_ERR_PDF);
  HPDF_Dict direct = HPDF_Dict_New(hdoc->mmgr);
  cr_expect_eq(qujat_pdf_value_set(&bodies, direct, "W", "[ ]", 3),
               QUJAT_ERR_PDF);
  HPDF_Dict_Free(direct);
  HPDF_Dict d = HPDF_Dict_New(hdoc->mmgr);
  cr_assert(d && HPDF_Xref_Add(hdoc->xref, d) == HPDF_OK);
  cr_expect_eq(qujat_pdf_value_set(&bodies, d, "W", "[ ]", 3), QUJAT_OK);
  cr_expect_eq(qujat_pdf_value_set(&bodies, d, "V", "[ ]", 3), QUJAT_ERR_PDF);
  cr_expect_eq(bodies.n, 1);
}

Test(pdf_bodies, a_value_whose_name_libharu_did_not_write_is_refused) {
  HPDF_Dict d = HPDF_Dict_New(hdoc->mmgr);
  cr_assert(d && HPDF_Xref_Add(hdoc->xref, d) == HPDF_OK);
  HPDF_Dict_Add(hdoc->catalog, "QujatD", d);
  cr_assert_eq(qujat_pdf_value_set(&bodies, d, "W", "[ 1 ]", 5), QUJAT_OK);
  /* A longer name that starts like it is not it. */
  HPDF_Dict_AddName(d, "W", QUJAT_PDF_VALUE "s");
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

/* ------------------------------------------------------------------------
 * Whole documents as qujat_render_pdf_memory gives them
 * ------------------------------------------------------------------------ */

static void render_setup(void) { fixture_setup(); }
static void render_teardown(void) { fixture_teardown(); }
TestSuite(pdf_bodies_render, .init = render_setup, .fini = render_teardown);

static unsigned char *render_kind(qujat_doc_kind kind, qujat_pdf_standard std,
                                  size_t *len) {
  use_profile("smith-family.xml");
  qujat_request req = request_of(kind, "work-visa-in-kz", "2026-11-21",
                                 QUJAT_LANG_RU);
  req.pdf_standard = std;
  unsigned char *pdf = NULL;
  cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "%s", err.msg);
  cr_assert_eq(qujat_render_pdf_memory(doc, &pdf, len, &err), QUJAT_OK, "%s",
               err.msg);
  return pdf;
}

/* Every stream of the file: its direct /Length is the distance from
 * "stream\r\n" to the end of line before "endstream". Returns how many
 * streams there are. */
static int check_lengths(const unsigned char *pdf, size_t len) {
  int streams = 0;
  const unsigned char *end = pdf + len;
  for (const unsigned char *p = pdf;
       (p = memmem(p, (size_t)(end - p), ">>\nstream\r\n", 11)) != NULL;) {
    const unsigned char *dict = p;
    while (dict > pdf && memcmp(dict, "obj\n", 4) != 0)
      dict--;
    const char *L = memmem(dict, (size_t)(p - dict), "/Length ", 8);
    cr_assert_not_null(L, "a stream without /Length");
    unsigned long n = strtoul(L + 8, NULL, 10);
    p += 11;
    cr_assert_leq(n + 11, (size_t)(end - p));
    /* libharu's streams end "\nendstream", qujat_pdf_pack's own (the
     * object and cross-reference streams) "\r\nendstream". */
    cr_expect(memcmp(p + n, "\nendstream", 10) == 0 ||
                  memcmp(p + n, "\r\nendstream", 11) == 0,
              "a stream's /Length %lu is not its body", n);
    p += n;
    streams++;
  }
  return streams;
}

Test(pdf_bodies_render, every_stream_has_its_length_letter_and_fee_slip) {
  qujat_doc_kind kinds[] = {QUJAT_DOC_LETTER, QUJAT_DOC_FEES,
                            QUJAT_DOC_CHECKLIST};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
    for (int archival = 0; archival < 2; archival++) {
      size_t len;
      unsigned char *pdf = render_kind(
          kinds[k], archival ? QUJAT_PDF_ARCHIVAL : QUJAT_PDF_NONE, &len);
      /* Pages, fonts, CMap (and the attachment, the XMP, the ICC). */
      cr_expect_geq(check_lengths(pdf, len), 4, "kind %zu", k);
      free(pdf);
    }
}

Test(pdf_bodies_render, the_archival_id_is_the_hash_of_the_file) {
  size_t len;
  unsigned char *pdf = render_kind(QUJAT_DOC_FEES, QUJAT_PDF_ARCHIVAL, &len);
  const char *id = memmem(pdf, len, "/ID [ <", 7);
  cr_assert_not_null(id);
  id += 7;
  char written[33];
  memcpy(written, id, 32);
  written[32] = '\0';
  /* The file as it was with the placeholder (libharu writes its hex in
   * capitals), hashed. */
  static const char mark[] = "71756A61742D706466612D69642D3030";
  unsigned char *copy = malloc(len);
  cr_assert_not_null(copy);
  memcpy(copy, pdf, len);
  size_t at = (size_t)(id - (const char *)pdf);
  memcpy(copy + at, mark, 32);
  memcpy(copy + at + 35, mark, 32); /* "> <" between the two */
  cr_assert_eq(memcmp(pdf + at + 32, "> <", 3), 0);
  struct sha256_ctx ctx;
  unsigned char digest[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, copy);
  sha256_digest(&ctx, sizeof digest, digest);
  char want[33];
  for (int i = 0; i < 16; i++)
    snprintf(want + 2 * i, 3, "%02x", digest[i]);
  cr_expect_str_eq(written, want);
  free(copy);
  free(pdf);
}
