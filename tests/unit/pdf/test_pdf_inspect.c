/* SPDX-License-Identifier: MIT */
/* Unit tests of qujat_pdf_inspect (pdf_inspect.c, suite pdf_inspect), the
 * check batch makes of every PDF it writes: real PDFs of the catalog
 * (their page count), with raw and deflated cross-reference streams, then
 * the same cut short, with a damaged xref,
 * startxref, page tree, trailer or header, garbage and flipped bytes. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "qujat/qujat.h"

#define DATE "2026-11-21"

static unsigned char *render_as(const char *service, qujat_doc_kind kind,
                                int copies, qujat_pdf_standard std,
                                size_t *len) {
  qujat_catalog *cat = test_catalog_load();
  qujat_profile *prof = NULL;
  qujat_document *doc = NULL;
  unsigned char *pdf = NULL;
  qujat_error err = {0};
  test_use_profile_file(&prof, cat, "smith-family.xml");
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = kind,
                       .service = service,
                       .profile = prof,
                       .lang = QUJAT_LANG_RU,
                       .date = DATE,
                       .copies = copies,
                       .pdf_standard = std};
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_assert_eq(qujat_render_pdf_memory(doc, &pdf, len, &err), QUJAT_OK, "%s",
               err.msg);
  qujat_document_free(doc);
  qujat_profile_free(prof);
  qujat_catalog_free(cat);
  return pdf;
}

static unsigned char *render(const char *service, qujat_doc_kind kind,
                             int copies, size_t *len) {
  return render_as(service, kind, copies, QUJAT_PDF_STANDARD_DEFAULT, len);
}

static const unsigned char *find(const unsigned char *p, size_t len,
                                 const char *s) {
  size_t n = strlen(s);
  const unsigned char *last = NULL;
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(p + i, s, n) == 0)
      last = p + i;
  return last;
}

Test(pdf_inspect, real) {
  size_t len = 0;
  unsigned char *pdf =
      render("work-visa-invitation", QUJAT_DOC_LETTER, 3, &len);
  unsigned pages = 0;
  qujat_error err = {0};
  cr_assert_eq(qujat_pdf_inspect(pdf, len, &pages, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_eq(pages, 3);
  cr_expect_eq(qujat_pdf_inspect(pdf, len, NULL, NULL), QUJAT_OK);
  qujat_free(pdf);
  pdf = render("work-visa-in-kz", QUJAT_DOC_FEES, 0, &len);
  cr_assert_eq(qujat_pdf_inspect(pdf, len, &pages, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_eq(pages, 1);
  qujat_free(pdf);
}

/* The dictionary of the cross-reference stream of `pdf`, up to its data. */
static const unsigned char *xref_dict(const unsigned char *pdf, size_t len,
                                      size_t *dlen) {
  const unsigned char *sx = find(pdf, len, "startxref");
  cr_assert_not_null(sx);
  unsigned long at = strtoul((const char *)sx + 10, NULL, 10);
  const unsigned char *data = find(pdf + at, len - at, "stream\r\n");
  cr_assert_not_null(data);
  *dlen = (size_t)(data - (pdf + at));
  return pdf + at;
}

/* A small cross-reference stream is written as it is (pdf_pack.c), a
 * larger one deflated: inspect reads both, and a raw one of the wrong
 * length is broken. */
Test(pdf_inspect, raw_and_deflated_cross_reference_streams) {
  size_t len = 0, dlen = 0;
  unsigned char *pdf = render("work-visa-in-kz", QUJAT_DOC_CHECKLIST, 0, &len);
  const unsigned char *d = xref_dict(pdf, len, &dlen);
  cr_expect_null(find(d, dlen, "/Filter"), "a one-page checklist's is deflated");
  cr_expect_eq(qujat_pdf_inspect(pdf, len, NULL, NULL), QUJAT_OK);
  unsigned char *l = (unsigned char *)find(d, dlen, "/Length ");
  cr_assert_not_null(l);
  l[8] = l[8] == '9' ? '8' : (unsigned char)(l[8] + 1); /* another length */
  qujat_error err = {0};
  cr_expect_eq(qujat_pdf_inspect(pdf, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "cross-reference"), "%s", err.msg);
  qujat_free(pdf);
  /* Tagged (PDF/A): a hundred objects and more. */
  pdf = render_as("work-visa-in-kz", QUJAT_DOC_CHECKLIST, 0,
                  QUJAT_PDF_ARCHIVAL, &len);
  d = xref_dict(pdf, len, &dlen);
  cr_expect_not_null(find(d, dlen, "/Filter /FlateDecode"),
                     "an archival checklist's is not deflated");
  cr_expect_eq(qujat_pdf_inspect(pdf, len, NULL, NULL), QUJAT_OK);
  qujat_free(pdf);
}

Test(pdf_inspect, truncated) {
  size_t len = 0;
  unsigned char *pdf = render("work-visa-in-kz", QUJAT_DOC_CHECKLIST, 0, &len);
  const unsigned char *eof = find(pdf, len, "%%EOF");
  cr_assert_not_null(eof);
  size_t complete = (size_t)(eof - pdf) + 5; /* what may not be cut */
  /* Line ends after %%EOF may go; nothing before. */
  cr_expect_eq(qujat_pdf_inspect(pdf, complete, NULL, NULL), QUJAT_OK);
  qujat_error err;
  size_t cuts[64 + 6] = {0, 1, 7, 63, 64, complete - 1};
  srand(20261121);
  for (int i = 6; i < 70; i++)
    cuts[i] = (size_t)rand() % complete;
  for (int i = 0; i < 70; i++) {
    unsigned char *copy = malloc(cuts[i] ? cuts[i] : 1);
    memcpy(copy, pdf, cuts[i]);
    memset(&err, 0, sizeof err);
    unsigned pages = 12345;
    cr_expect_eq(qujat_pdf_inspect(copy, cuts[i], &pages, &err), QUJAT_ERR_PDF,
                 "cut at %zu of %zu: taken for complete", cuts[i], len);
    cr_expect(strstr(err.msg, "not a complete PDF"), "%s", err.msg);
    free(copy);
  }
  qujat_free(pdf);
}

Test(pdf_inspect, damaged) {
  size_t len = 0;
  unsigned char *pdf = render("work-visa-in-kz", QUJAT_DOC_FEES, 0, &len);
  unsigned char *copy = malloc(len + 64);
  qujat_error err;
  /* An object not where the cross-reference stream says: the page tree's
   * root (object 2, outside the object stream) renumbered. */
  memcpy(copy, pdf, len);
  const unsigned char *sx = find(copy, len, "startxref");
  cr_assert_not_null(sx);
  unsigned long at = strtoul((const char *)sx + 10, NULL, 10);
  cr_assert(at > 0 && at < len);
  cr_assert(find(copy + at, len - at, "/Type /XRef"));
  unsigned char *two = (unsigned char *)find(copy, len, "\n2 0 obj\n");
  cr_assert_not_null(two);
  two[1] = '3';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "cross-reference"), "%s", err.msg);
  two[1] = '2';
  /* startxref pointing elsewhere: at byte 9, and past the end. */
  unsigned char *digits = copy + (sx - copy) + 10;
  size_t nd = 0;
  while (digits[nd] >= '0' && digits[nd] <= '9')
    nd++;
  cr_assert_gt(nd, 1);
  memcpy(copy, pdf, len);
  memset(digits, '0', nd - 1);
  digits[nd - 1] = '9';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "does not point"), "%s", err.msg);
  memcpy(copy, pdf, len);
  memset(digits, '9', nd);
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  /* No pages. */
  memcpy(copy, pdf, len);
  unsigned char *count = (unsigned char *)find(copy, len, "/Count ");
  cr_assert_not_null(count);
  count[7] = '0';
  if (count[8] >= '0' && count[8] <= '9')
    count[8] = ' ';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "no pages"), "%s", err.msg);
  /* No /Root in the trailer. */
  memcpy(copy, pdf, len);
  unsigned char *root = (unsigned char *)find(copy, len, "/Root ");
  cr_assert_not_null(root);
  root[1] = 'X';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  /* Another header. */
  memcpy(copy, pdf, len);
  copy[1] = 'X';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  /* Garbage, with and without the frame of a PDF. */
  srand(7);
  for (size_t i = 0; i < len; i++)
    copy[i] = (unsigned char)rand();
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  memcpy(copy, "%PDF-1.4\n", 9);
  memcpy(copy + len - 30, "\nstartxref\n12\n%%EOF\n", 20);
  cr_expect_eq(qujat_pdf_inspect(copy, len - 10, NULL, &err), QUJAT_ERR_PDF);
  memcpy(copy + len - 30, "\nstartxref\n9\n%%EOF\n", 19);
  memcpy(copy + 9, "xref\n0 99999999\n", 16);
  cr_expect_eq(qujat_pdf_inspect(copy, len - 11, NULL, &err), QUJAT_ERR_PDF);
  cr_expect_eq(qujat_pdf_inspect((const unsigned char *)"", 0, NULL, &err),
               QUJAT_ERR_PDF);
  const char *tiny = "%PDF-1.4\n%%EOF\n";
  cr_expect_eq(
      qujat_pdf_inspect((const unsigned char *)tiny, strlen(tiny), NULL, &err),
      QUJAT_ERR_PDF);
  /* Flipped bytes anywhere never crash (and the sanitizers watch). */
  for (int i = 0; i < 256; i++) {
    memcpy(copy, pdf, len);
    copy[(size_t)rand() % len] ^= (unsigned char)(1 + rand() % 255);
    (void)qujat_pdf_inspect(copy, len, NULL, &err);
  }
  free(copy);
  qujat_free(pdf);
}
