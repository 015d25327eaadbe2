/* SPDX-License-Identifier: MIT */
/* Unit tests of the fee slip as a document (QUJAT_DOC_FEES): its
 * reference, its JSON (render_json.c) with payees, total and the total in
 * words, and the XML twin that render_pdf.c attaches to its PDF, validated
 * against services/fees.xsd. With the real catalog and the profiles of
 * tests/data/profiles; the amounts are tested in test_fees.c. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "rules/rules.h"
#include "fees_helpers.h"
#include "fixture.h"
#include "helpers.h"
#include "qujat/qujat.h"
#include "catalog/catalog_internal.h"

#define FEES_XSD QUJAT_TEST_DATA_DIR "/services/fees.xsd"

static qujat_document *doc2;
static char *twin; /* the XML twin found in `pdf` */

static void teardown(void) {
  free(twin);
  qujat_document_free(doc2);
  fees_teardown();
}

TestSuite(fee_slip, .init = fixture_setup, .fini = teardown);

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

/* The quoted value of the first "key": "..." in the JSON. */
static const char *json_string(const char *key, char *out, size_t size) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\": \"", key);
  const char *p = strstr(json, pat);
  cr_assert_not_null(p, "no %s in\n%s", key, json);
  p += strlen(pat);
  const char *q = strchr(p, '"');
  cr_assert_not_null(q);
  cr_assert_lt((size_t)(q - p), size);
  memcpy(out, p, (size_t)(q - p));
  out[q - p] = '\0';
  return out;
}

/* The English checklist of iin (no profile) in `doc`: not a fee slip. */
static void iin_checklist(void) {
  qujat_request req =
      request_of(QUJAT_DOC_CHECKLIST, "iin", "2026-11-21", QUJAT_LANG_EN);
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
}

/* The reference of the slip of `service` for the current profile. */
static void reference_of(const char *service, const char *date, qujat_lang lang,
                         char out[32]) {
  qujat_status st = build_slip(service, date, lang);
  cr_assert_eq(st, QUJAT_OK, "%s on %s (%s): %s", service, date,
               qujat_lang_code(lang), err.msg);
  const char *ref = qujat_document_reference(doc);
  expect_reference_shape(ref);
  snprintf(out, 32, "%s", ref ? ref : "");
}

/* ------------------------------------------------------------------------
 * (a) The fee slip: reference, payees, total in words
 * ------------------------------------------------------------------------ */

Test(fee_slip, reference_has_the_crockford_shape_and_is_stable) {
  use_profile("smith-family.xml");
  char a[32], b[32];
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, a);
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, b);
  cr_expect_str_eq(a, b, "the same request, another reference");
  /* The same request against another load of the same data. */
  qujat_status st =
      build_slip_in(cat, &doc2, "work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(qujat_document_reference(doc2), a);
}

/* The slip of `service` has the same reference in the three languages. */
static void expect_one_reference_in_every_language(const char *service) {
  char kk[32], ru[32], en[32];
  reference_of(service, "2026-11-21", QUJAT_LANG_KK, kk);
  reference_of(service, "2026-11-21", QUJAT_LANG_RU, ru);
  reference_of(service, "2026-11-21", QUJAT_LANG_EN, en);
  cr_expect_str_eq(kk, en);
  cr_expect_str_eq(ru, en);
}

Test(fee_slip, reference_is_the_same_in_every_language) {
  use_profile("smith-family.xml");
  expect_one_reference_in_every_language("work-visa-in-kz");
  /* Also with a fee that has its own label (an expert's TRP fee). */
  use_profile("expert-branch.xml");
  expect_one_reference_in_every_language("trp-employment");
}

Test(fee_slip, reference_changes_with_the_date_and_the_persons) {
  use_profile("smith-family.xml");
  char base[32], other[32];
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, base);
  reference_of("work-visa-in-kz", "2026-11-22", QUJAT_LANG_EN, other);
  cr_expect_str_neq(base, other, "another date, same reference");
  reference_of("work-visa-in-kz", "2025-11-21", QUJAT_LANG_EN, other);
  cr_expect_str_neq(base, other, "another edition, same reference");
  /* The same applicant with two persons instead of three. */
  use_profile_edited("smith-family.xml",
                     "<dependant relation=\"child\" surname=\"SMITH\" "
                     "given-names=\"TOM\" birth-date=\"2012-06-01\" "
                     "sex=\"M\" citizenship=\"GB\">\n"
                     "    <passport number=\"555123456\" "
                     "expires=\"2031-06-01\"/>\n  </dependant>",
                     "");
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, other);
  cr_expect_eq(the_fee(FEE_STATE)->persons, 2);
  cr_expect_str_neq(base, other, "two persons, same reference as three");
  /* Another applicant; no applicant. */
  use_profile("minimal.xml");
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, other);
  cr_expect_str_neq(base, other, "another profile, same reference");
  char none[32];
  no_profile();
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, none);
  cr_expect_str_neq(base, none);
  cr_expect_str_neq(other, none, "DOE ALEX and no profile, same reference");
  /* Another service. */
  reference_of("iin", "2026-11-21", QUJAT_LANG_EN, other);
  cr_expect_str_neq(none, other);
}

Test(fee_slip, only_fee_slips_have_a_reference) {
  iin_checklist();
  cr_expect_null(qujat_document_reference(doc));
  fine_ok("overstay", 4, QUJAT_SIZE_NONE, "2026-11-21");
  cr_expect_null(qujat_document_reference(doc));
}

Test(fee_slip, slip_json_has_reference_payees_total_and_words) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2026-11-21");
  render_json();
  char ref[32], words[256];
  cr_expect_str_eq(json_string("reference", ref, sizeof ref),
                   qujat_document_reference(doc));
  expect_json_has("\"service\": \"work-visa-in-kz\"");
  expect_json_has("\"applicant\": \"SMITH JOHN\"");
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"730000.00\"}");
  expect_json_has("{\"kind\": \"state\", \"payee\": \"state-budget\", "
                  "\"mci\": \"30\", \"mci_value\": \"4325.00\", "
                  "\"mci_year\": 2026, \"persons\": 3, "
                  "\"kzt\": \"389250.00\"}");
  expect_json_has("\"total_kzt\": \"1119250.00\"");
  expect_json_has("\"total_complete\": true");
  size_t n;
  cr_expect_eq(json_fee_sum(&n), 111925000, "total_kzt is not the sum");
  cr_expect_eq(n, 2);
  cr_expect_str_eq(json_string("total_in_words", words, sizeof words),
                   "One million one hundred nineteen thousand two hundred "
                   "fifty tenge 00 tiyn");
  cr_expect_str_eq(doc->in_words, words);
  /* A slip has no document list. */
  expect_json_lacks("\"documents\"");
}

Test(fee_slip, total_in_words_in_russian) {
  use_profile("smith-family.xml");
  cr_assert_eq(build_slip("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  cr_expect_eq(doc->total, 111925000);
  cr_expect_str_eq(doc->in_words, "Один миллион сто девятнадцать тысяч "
                                  "двести пятьдесят тенге 00 тиынов");
  render_json();
  expect_json_has("\"total_in_words\": \"Один миллион сто девятнадцать "
                  "тысяч двести пятьдесят тенге 00 тиынов\"");
  expect_json_has("\"lang\": \"ru\"");
  /* The payees are ids, the same in every language. */
  expect_json_has("\"payee\": \"expat-centre\"");
  expect_json_has("\"payee\": \"state-budget\"");
}

Test(fee_slip, the_total_is_the_sum_of_the_lines_for_several_services) {
  static const struct {
    const char *profile, *service, *date;
    int64_t total;
  } cases[] = {
      /* 730 000 + 30 × 3 932 × 3 */
      {"smith-family.xml", "work-visa-in-kz", "2025-06-02", 108388000},
      /* iin 2026, no profile: 20 000. */
      {NULL, "iin", "2026-11-21", 2000000},
      /* business-visa-multi-invitation 2026, personal manager 270 000 and
       * 0.5 × 4 325 = 2 162.50. */
      {"business-b2-pm.xml", "business-visa-multi-invitation", "2026-11-21",
       27000000 + 216250},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (cases[i].profile)
      use_profile(cases[i].profile);
    else
      no_profile();
    slip(cases[i].service, cases[i].date);
    cr_expect_eq(doc->total, cases[i].total, "%s", cases[i].service);
    render_json();
    size_t n;
    cr_expect_eq(json_fee_sum(&n), cases[i].total, "%s", cases[i].service);
    char want[64], got[32];
    test_tiyn_text(cases[i].total, want, sizeof want);
    cr_expect_str_eq(json_string("total_kzt", got, sizeof got), want, "%s",
                     cases[i].service);
  }
}

/* ------------------------------------------------------------------------
 * (b) The XML twin inside the PDF
 * ------------------------------------------------------------------------ */

static xmlChar *attr_of(xmlNodePtr n, const char *name) {
  return xmlGetProp(n, (const xmlChar *)name);
}

static void expect_attr(xmlNodePtr n, const char *name, const char *want) {
  xmlChar *v = attr_of(n, name);
  cr_expect_not_null(v, "<%s> has no %s", (const char *)n->name, name);
  if (v)
    cr_expect_str_eq((const char *)v, want, "<%s %s>", (const char *)n->name,
                     name);
  xmlFree(v);
}

/* Renders `doc` as PDF, finds its XML twin, validates it against
 * services/fees.xsd and checks it against the document. */
static void check_twin(void) {
  render_pdf();
  free(twin);
  twin = NULL;
  size_t len = 0;
  cr_assert_eq(test_pdf_xml_streams(pdf, pdf_len, FEES_NS, &twin, &len), 1,
               "not one XML twin");
  /* /Params << /Size N >> gives the XML's length. */
  char size[64];
  snprintf(size, sizeof size, "/Size %zu", len);
  cr_expect(memmem(pdf, pdf_len, size, strlen(size)) != NULL,
            "no '%s' in the PDF", size);
  cr_expect(memmem(pdf, pdf_len, "qujat-fees.xml", 14) != NULL,
            "the attachment is not named qujat-fees.xml");

  xmlDocPtr x =
      xmlReadMemory(twin, (int)len, "qujat-fees.xml", "UTF-8",
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  cr_assert_not_null(x, "the twin is not XML:\n%s", twin);
  /* qujat refuses every external entity load, so the schema is read the
   * way the catalog reads it, from memory. */
  xmlSchemaPtr schema = NULL;
  qujat_error serr = {0};
  cr_assert_eq(qujat_xml_schema_load(FEES_XSD, &schema, &serr), QUJAT_OK,
               "cannot parse %s: %s", FEES_XSD, serr.msg);
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  cr_assert_not_null(vc);
  int valid = xmlSchemaValidateDoc(vc, x);
  cr_expect_eq(valid, 0, "the twin is not valid against fees.xsd:\n%s", twin);
  xmlSchemaFreeValidCtxt(vc);
  xmlSchemaFree(schema);

  xmlNodePtr root = xmlDocGetRootElement(x);
  cr_assert_not_null(root);
  cr_expect_str_eq((const char *)root->name, "fee-slip");
  cr_expect(root->ns && !strcmp((const char *)root->ns->href, FEES_NS));
  expect_attr(root, "reference", qujat_document_reference(doc));
  expect_attr(root, "service", doc->service->id);
  expect_attr(root, "edition", doc->edition->id);
  char date[11];
  snprintf(date, sizeof date, "%04d-%02d-%02d", doc->date.y, doc->date.m,
           doc->date.d);
  expect_attr(root, "date", date);
  static const char *const langs[] = {"kk", "ru", "en"};
  expect_attr(root, "lang", langs[doc->lang]);
  size_t nfee = 0;
  int total_seen = 0;
  for (xmlNodePtr c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (!strcmp((const char *)c->name, "fee")) {
      nfee++;
    } else if (!strcmp((const char *)c->name, "total")) {
      char total[32];
      test_tiyn_text(doc->total, total, sizeof total);
      expect_attr(c, "kzt", total);
      expect_attr(c, "complete", doc->total_complete ? "true" : "false");
      xmlChar *words = xmlNodeGetContent(c);
      cr_expect_str_eq((const char *)words, doc->in_words ? doc->in_words : "");
      xmlFree(words);
      total_seen = 1;
    } else if (!strcmp((const char *)c->name, "applicant")) {
      xmlChar *name = xmlNodeGetContent(c);
      cr_expect_str_eq((const char *)name,
                       doc->applicant ? doc->applicant : "(none)");
      xmlFree(name);
    }
  }
  cr_expect_eq(nfee, doc->nfees);
  cr_expect(total_seen, "no <total>");
  xmlFreeDoc(x);
}

Test(fee_slip, the_pdf_carries_a_valid_xml_twin) {
  use_profile("smith-family.xml");
  cr_assert_eq(build_slip("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  check_twin();
  cr_expect_not_null(strstr(twin, "total kzt=\"1119250.00\""), "%s", twin);
  cr_expect_not_null(strstr(twin, "<fee kind=\"state\" payee=\"state-budget\" "
                                  "mci=\"30\" mci-value=\"4325.00\" "
                                  "mci-year=\"2026\" persons=\"3\" "
                                  "kzt=\"389250.00\"/>"),
                     "%s", twin);
}

Test(fee_slip, xml_twins_of_options_and_unstated_fees_are_valid) {
  use_profile("priority-iin.xml");
  slip("iin", "2025-06-02");
  check_twin();
  cr_expect_not_null(strstr(twin, "kind=\"walk-in\""), "%s", twin);
  slip("iin", "2026-11-21");
  check_twin();
  use_profile("expert-branch.xml");
  slip("trp-employment", "2026-11-21"); /* a labelled fee */
  check_twin();
  cr_expect_not_null(strstr(twin, "label=\""), "%s", twin);
  slip("work-visa-extension", "2026-11-21"); /* nothing stated */
  check_twin();
  cr_expect_not_null(strstr(twin, "stated=\"false\""), "%s", twin);
  no_profile();
  slip("business-visa-multi-extension", "2026-11-21");
  check_twin();
}

Test(fee_slip, a_checklist_has_no_xml_twin) {
  iin_checklist();
  render_pdf();
  size_t len;
  cr_expect_eq(test_pdf_xml_streams(pdf, pdf_len, FEES_NS, NULL, &len), 0);
  cr_expect(memmem(pdf, pdf_len, "EmbeddedFile", 12) == NULL);
}
