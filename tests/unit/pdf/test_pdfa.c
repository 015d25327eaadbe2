/* SPDX-License-Identifier: MIT */
/*
 * PDF/A through the public API (issue 17): qujat_request.pdf_standard, the
 * trailer /ID from the content, the CIDSet of CID fonts (none for simple
 * fonts), the structure of a kk+ru checklist.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "helpers.h"
#include "qujat/qujat.h"
#include "pdf/pdf_archive.h"

static unsigned char *a, *b;
static size_t alen, blen;

static void setup(void) { fixture_setup(); }
static void teardown(void) {
  free(a);
  free(b);
  a = b = NULL;
  fixture_teardown();
}

TestSuite(pdfa, .init = setup, .fini = teardown);

static const char *find(const unsigned char *p, size_t n, const char *s) {
  size_t k = strlen(s);
  for (size_t i = 0; i + k <= n; i++)
    if (!memcmp(p + i, s, k))
      return (const char *)p + i;
  return NULL;
}

static void render_doc(qujat_pdf_standard std, const char *profile,
                       qujat_doc_kind kind, const char *service,
                       qujat_lang lang, unsigned char **out, size_t *len) {
  use_profile(profile);
  qujat_request req = request_of(kind, service, "2026-11-21", lang);
  req.pdf_standard = std;
  req.allow_mixed_language = 1; /* letter-wide.xml */
  cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "%s", err.msg);
  cr_assert_eq(qujat_render_pdf_memory(doc, out, len, &err), QUJAT_OK, "%s",
               err.msg);
  test_unpack_pdf(out, len);
}

static void render(qujat_pdf_standard std, qujat_lang lang,
                   unsigned char **out, size_t *len) {
  render_doc(std, "smith-family.xml", QUJAT_DOC_CHECKLIST, "work-visa-in-kz",
             lang, out, len);
}

Test(pdfa, default_is_the_plain_pdf) {
  render(QUJAT_PDF_STANDARD_DEFAULT, QUJAT_LANG_KK, &a, &alen);
  render(QUJAT_PDF_NONE, QUJAT_LANG_KK, &b, &blen);
  cr_expect_eq(alen, blen);
  cr_expect_eq(memcmp(a, b, alen < blen ? alen : blen), 0);
  cr_expect_eq(memcmp(a, "%PDF-1.5", 8), 0); /* object streams */
  cr_expect_null(find(a, alen, "/StructTreeRoot"));
}

Test(pdfa, archival_is_pdf_a_tagged_and_deterministic) {
  render(QUJAT_PDF_ARCHIVAL, QUJAT_LANG_KK_RU, &a, &alen);
  render(QUJAT_PDF_ARCHIVAL, QUJAT_LANG_KK_RU, &b, &blen);
  cr_assert_eq(alen, blen);
  cr_expect_eq(memcmp(a, b, alen), 0, "two renders differ");
  cr_expect_eq(memcmp(a, "%PDF-1.7", 8), 0);
  static const char *const want[] = {
      "<pdfaid:part>2</pdfaid:part>", "/GTS_PDFA1", "/Subtype /TrueType",
      "/StructTreeRoot", "/MarkInfo", "/StructParents", "/Lang (ru)",
      "/DisplayDocTitle true", "/ID ["};
  for (size_t i = 0; i < sizeof want / sizeof *want; i++)
    cr_expect_not_null(find(a, alen, want[i]), "no %s", want[i]);
  /* Simple fonts (under 256 glyphs): a CIDSet is for CID fonts only. */
  cr_expect_null(find(a, alen, "/CIDSet"), "a CIDSet for simple fonts");
  cr_expect_null(find(a, alen, "71756a61742d706466612d69642d3030"),
                 "the /ID placeholder is left");
}

/* A letter of 385 glyphs has Type0 fonts, whose subsets PDF/A-1 wants
 * listed in a CIDSet (PDF/A-2 and 3 allow it). */
Test(pdfa, cid_fonts_carry_a_cidset) {
  render_doc(QUJAT_PDF_ARCHIVAL, "letter-wide.xml", QUJAT_DOC_LETTER,
             "business-visa-multi-invitation", QUJAT_LANG_EN, &a, &alen);
  cr_expect_not_null(find(a, alen, "/CIDFontType2"), "no CID font");
  cr_expect_not_null(find(a, alen, "/CIDSet"), "no CIDSet");
  cr_expect_null(find(a, alen, "/Subtype /TrueType"), "a simple font");
}

Test(pdfa, unknown_standard_is_an_argument_error) {
  qujat_request req = request_of(QUJAT_DOC_CHECKLIST, "work-visa-in-kz",
                                 "2026-11-21", QUJAT_LANG_EN);
  req.pdf_standard = (qujat_pdf_standard)7;
  cr_expect_eq(build_into(cat, &req, &doc), QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "pdf_standard"), "%s", err.msg);
}

Test(pdfa, id_is_the_hash_of_the_file) {
  char one[] = "%PDF-1.7\ntrailer\n<< /ID [<71756a61742d706466612d69642d3030>"
               "<71756a61742d706466612d69642d3030>] >>\n%%EOF\n";
  char two[sizeof one];
  memcpy(two, one, sizeof one);
  two[7] = '6'; /* another content */
  cr_assert_eq(qujat_pdfa_set_id((unsigned char *)one, sizeof one - 1), 0);
  cr_assert_eq(qujat_pdfa_set_id((unsigned char *)two, sizeof two - 1), 0);
  const char *x = strstr(one, "[<") + 2, *y = strstr(two, "[<") + 2;
  cr_expect_neq(memcmp(x, y, 32), 0, "the same /ID for other content");
  cr_expect_eq(memcmp(x, x + 34, 32), 0, "the two halves of /ID differ");
  /* Without the placeholder: refused, nothing changed. */
  char none[] = "%PDF-1.7\ntrailer\n<< >>\n";
  cr_expect_eq(qujat_pdfa_set_id((unsigned char *)none, sizeof none - 1), -1);
}

Test(pdfa, cidset_has_a_bit_per_cid) {
  struct buf out;
  qujat_buf_init(&out, 1024);
  cr_assert_eq(qujat_pdfa_cidset(9, &out), QUJAT_OK); /* CIDs 0..9 */
  cr_assert_eq(out.len, 2);
  cr_expect_eq((unsigned char)out.data[0], 0xff);
  cr_expect_eq((unsigned char)out.data[1], 0xc0);
  qujat_buf_free(&out);
}
