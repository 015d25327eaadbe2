/* SPDX-License-Identifier: MIT */
/* Unit tests of the amounts of fee slips (QUJAT_DOC_FEES): rules_fees.c
 * and fees_xml.c with the real catalog and the profiles of
 * tests/data/profiles: the edition and the MCI of the date, exact
 * fractions of an MCI, options, fees the source does not state. The slip
 * as a document (reference, JSON, XML twin) is in test_fee_slip.c, fines in
 * test_fines.c; fees_helpers.h says where the amounts come from. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "fees_helpers.h"
#include "fixture.h"
#include "helpers.h"
#include "qujat/qujat.h"

/* The work-visa-in-kz service fee, 730 000 KZT (both editions). */
#define WORK_VISA_SERVICE 73000000LL

static qujat_catalog *mem; /* a hand-written catalog, see (b) */

static void teardown(void) {
  if (mem) /* the borrowed locales belong to `cat` */
    memset(mem->locales, 0, sizeof mem->locales);
  qujat_catalog_free(mem);
  fees_teardown();
}

TestSuite(fees, .init = fixture_setup, .fini = teardown);

/* ------------------------------------------------------------------------
 * (a) The edition and the MCI change on 1 January 2026
 * ------------------------------------------------------------------------ */

/* The state fee of work-visa-in-kz: 30 MCI per person. */
static void expect_state_30_mci(int64_t mci, int year, int persons) {
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->amount, AMOUNT_MCI);
  cr_expect_eq(f->mci_centi, 3000);
  cr_expect_eq(f->mci_tiyn, mci);
  cr_expect_eq(f->mci_year, year);
  cr_expect_eq(f->persons, persons);
  cr_expect_eq(f->unit_tiyn, 30 * mci);
  cr_expect_eq(f->tiyn, 30 * mci * persons);
  cr_expect_eq(f->counted, 1);
}

/* The Smith family's slip of work-visa-in-kz on `date`: the edition and
 * the MCI of `year`, 30 MCI for each of the 3 persons (`state` tiyn) and
 * the service fee; rendered as JSON, which names the edition. */
static void smiths_work_visa_slip(const char *date, int year, int64_t mci,
                                  int64_t state) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", date);
  char edition[32];
  snprintf(edition, sizeof edition, "%d", year);
  cr_expect_str_eq(doc->edition->id, edition);
  expect_state_30_mci(mci, year, 3);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, state);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, WORK_VISA_SERVICE);
  render_json();
  snprintf(edition, sizeof edition, "\"edition\": \"%d\"", year);
  expect_json_has(edition);
}

Test(fees, last_day_of_2025_uses_the_2025_edition_and_mci) {
  /* 30 MCI × 3 932 KZT × 3 persons = 353 880 KZT. */
  smiths_work_visa_slip("2025-12-31", 2025, MCI_2025, 35388000);
  cr_expect_eq(the_fee(FEE_SERVICE)->persons, 1, "the service fee is one");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(doc->total, 73000000 + 35388000);
  cr_expect_eq(doc->total_complete, 1);
  expect_json_has("\"mci\": \"30\", \"mci_value\": \"3932.00\", "
                  "\"mci_year\": 2025, \"persons\": 3, \"kzt\": \"353880.00\"");
  expect_json_has("\"total_kzt\": \"1083880.00\"");
}

Test(fees, first_day_of_2026_uses_the_2026_edition_and_mci) {
  /* 30 MCI × 4 325 KZT × 3 persons = 389 250 KZT. */
  smiths_work_visa_slip("2026-01-01", 2026, MCI_2026, 38925000);
  cr_expect_eq(doc->total, 111925000);
  expect_json_has("\"mci_value\": \"4325.00\", \"mci_year\": 2026, "
                  "\"persons\": 3, \"kzt\": \"389250.00\"");
  expect_json_has("\"total_kzt\": \"1119250.00\"");
}

/* After the newest edition, the slip is built with the 2026 edition and
 * the state fee in MCI only (test_dates_past_data.c). */
Test(fees, a_date_before_the_first_edition_is_a_rule_error) {
  use_profile("smith-family.xml");
  cr_expect_eq(build_slip("work-visa-in-kz", "2024-12-31", QUJAT_LANG_EN),
               QUJAT_ERR_RULE);
  cr_expect_null(doc);
  cr_expect_eq(err.code, QUJAT_ERR_RULE);
  cr_expect_not_null(strstr(err.msg, "2024-12-31"), "%s", err.msg);
  /* It says where the data begins. */
  cr_expect_not_null(strstr(err.msg, "from 2025-01-01"), "%s", err.msg);
}

/* ------------------------------------------------------------------------
 * (b) Half an MCI of an odd number of tenge is exact to the tiyn
 * ------------------------------------------------------------------------ */

/* Adapted from fuzz/corpus/catalog/minimal.xml: an edition of 2026 whose
 * MCI is 3 691 KZT (odd), a service with 0.5 MCI per person and one with
 * 0.25 MCI per person and no service fee. */
static const char half_mci_catalog[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<catalog xmlns=\"urn:qujat:catalog:1\" updated=\"2026-11-21\">\n"
    "  <source id=\"g\" file=\"seed.txt\" lang=\"kk\">\n"
    "    <title><kk>Нұсқаулық</kk><ru>Руководство</ru><en>Guidebook</en>"
    "</title>\n"
    "  </source>\n"
    "  <edition id=\"2026\" from=\"2026-01-01\" to=\"2026-12-31\" "
    "source=\"g\">\n"
    "    <title><kk>2026</kk><ru>2026</ru><en>2026</en></title>\n"
    "  </edition>\n"
    "  <mci year=\"2026\" kzt=\"3691\"><source ref=\"g\" section=\"fees\"/>"
    "</mci>\n"
    "  <document id=\"passport\">\n"
    "    <source ref=\"g\" section=\"docs\"/>\n"
    "    <text><kk>Төлқұжат</kk><ru>Паспорт</ru><en>Passport</en></text>\n"
    "  </document>\n"
    "  <procedure id=\"p\"><source ref=\"g\" section=\"steps\"/>\n"
    "    <title><kk>Қадам</kk><ru>Шаг</ru><en>Step</en></title>\n"
    "    <bullet><kk>Бір</kk><ru>Один</ru><en>One</en></bullet>\n"
    "  </procedure>\n"
    "  <group id=\"g1\"><source ref=\"g\" section=\"group\"/>\n"
    "    <title><kk>Топ</kk><ru>Группа</ru><en>Group</en></title></group>\n"
    "  <service id=\"half\" group=\"g1\">\n"
    "    <source ref=\"g\" section=\"half\"/>\n"
    "    <title><kk>Жарты</kk><ru>Половина</ru><en>Half</en></title>\n"
    "    <description><kk>Сипат</kk><ru>Описание</ru><en>About</en>"
    "</description>\n"
    "    <steps><step ref=\"p\"/></steps>\n"
    "    <documents><item doc=\"passport\" per=\"person\"/></documents>\n"
    "    <fees edition=\"2026\"><source ref=\"g\" section=\"fees\"/>\n"
    "      <fee kind=\"service\" kzt=\"40000\"/>\n"
    "      <fee kind=\"state\" mci=\"0.5\" printed-kzt=\"1845.5\" "
    "per=\"person\"/>\n"
    "    </fees>\n"
    "    <timeframe min=\"3\" max=\"5\" unit=\"business-day\">"
    "<source ref=\"g\" section=\"t\"/></timeframe>\n"
    "  </service>\n"
    "  <service id=\"quarter\" group=\"g1\">\n"
    "    <source ref=\"g\" section=\"quarter\"/>\n"
    "    <title><kk>Ширек</kk><ru>Четверть</ru><en>Quarter</en></title>\n"
    "    <description><kk>Сипат</kk><ru>Описание</ru><en>About</en>"
    "</description>\n"
    "    <steps><step ref=\"p\"/></steps>\n"
    "    <documents><item doc=\"passport\" per=\"person\"/></documents>\n"
    "    <fees edition=\"2026\"><source ref=\"g\" section=\"fees\"/>\n"
    "      <fee kind=\"service\" none=\"true\"/>\n"
    "      <fee kind=\"state\" mci=\"0.25\" printed-kzt=\"922.75\" "
    "per=\"person\"/>\n"
    "    </fees>\n"
    "    <timeframe min=\"3\" max=\"5\" unit=\"business-day\">"
    "<source ref=\"g\" section=\"t\"/></timeframe>\n"
    "  </service>\n"
    "</catalog>\n";

/* qujat_catalog_load_memory() loads no locales, and a document needs them
 * (dates, timeframe, words): borrow those of the real catalog, which
 * outlives `mem`; teardown gives them back before freeing `mem`. */
static void load_half_mci_catalog(void) {
  qujat_status st =
      qujat_catalog_load_memory(half_mci_catalog, sizeof half_mci_catalog - 1,
                                "half-mci.xml", &mem, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  memcpy(mem->locales, cat->locales, sizeof mem->locales);
}

Test(fees, half_an_mci_of_3691_tenge_is_1845_50_exactly) {
  load_half_mci_catalog();
  qujat_status st =
      build_slip_in(mem, &doc, "half", "2026-05-05", QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->mci_centi, 50);
  cr_expect_eq(f->mci_tiyn, 369100);
  cr_expect_eq(f->unit_tiyn, 184550, "0.5 × 3 691 = 1 845.50 KZT");
  cr_expect_eq(f->tiyn, 184550);
  cr_expect_eq(doc->total, 4000000 + 184550);
  cr_expect_str_eq(doc->in_words,
                   "Forty-one thousand eight hundred forty-five tenge 50 tiyn");
  render_json();
  expect_json_has("\"mci\": \"0.5\", \"mci_value\": \"3691.00\", "
                  "\"mci_year\": 2026, \"persons\": 1, \"kzt\": \"1845.50\"");
  expect_json_has("\"total_kzt\": \"41845.50\"");
  size_t n;
  cr_expect_eq(json_fee_sum(&n), 4184550);
  cr_expect_eq(n, 2);
}

Test(fees, a_quarter_mci_of_3691_tenge_is_922_75_per_person) {
  load_half_mci_catalog();
  qujat_status st =
      build_slip_in(mem, &doc, "quarter", "2026-05-05", QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 92275, "0.25 × 3 691 = 922.75");
  cr_expect_eq(doc->total, 92275);
  cr_expect_str_eq(doc->in_words, "Nine hundred twenty-two tenge 75 tiyn");
  render_json();
  expect_json_has("\"mci\": \"0.25\"");
  expect_json_has("\"kzt\": \"922.75\"");
  expect_json_has("\"total_kzt\": \"922.75\"");
  /* The service fee shown as a dash is not a fee to pay. */
  expect_json_lacks("\"kind\": \"service\"");
  /* Three persons: 3 × 922.75 = 2 768.25 KZT. */
  use_profile("smith-family.xml");
  st = build_slip_in(mem, &doc, "quarter", "2026-05-05", QUJAT_LANG_RU);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_eq(the_fee(FEE_STATE)->persons, 3);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 276825);
  cr_expect_eq(doc->total, 276825);
  render_json();
  expect_json_has("\"persons\": 3, \"kzt\": \"2768.25\"");
  expect_json_has("\"total_kzt\": \"2768.25\"");
}

/* ------------------------------------------------------------------------
 * (c) Options: walk-in, «Priority Service», personal manager
 * ------------------------------------------------------------------------ */

Test(fees, iin_walk_in_replaces_the_standard_fee_in_2025) {
  use_profile("priority-iin.xml");
  slip("iin", "2025-06-02");
  cr_expect_eq(doc->nfees, 1);
  cr_expect_eq(count_fees(FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_WALK_IN)->tiyn, 4000000);
  cr_expect_eq(doc->total, 4000000);
  render_json();
  expect_json_has("{\"kind\": \"walk-in\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"40000.00\"}");
  expect_json_lacks("\"kind\": \"service\"");
  expect_json_has("\"total_kzt\": \"40000.00\"");
  expect_json_has("\"total_in_words\": \"Forty thousand tenge 00 tiyn\"");
}

Test(fees, iin_priority_service_is_paid_on_top_in_2026) {
  use_profile("priority-iin.xml");
  slip("iin", "2026-11-21");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  cr_expect_eq(the_fee(FEE_PRIORITY)->tiyn, 2000000);
  cr_expect_eq(doc->total, 4000000);
  cr_expect_eq(qujat_document_warning_count(doc), 0);
  render_json();
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"20000.00\"}");
  expect_json_has("{\"kind\": \"priority\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"20000.00\"}");
  expect_json_has("\"total_kzt\": \"40000.00\"");
}

Test(fees, tax_residence_with_a_personal_manager) {
  use_profile("tax-company.xml");
  slip("tax-residence-certificate", "2025-06-02");
  cr_expect_eq(count_fees(FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_PERSONAL_MANAGER)->tiyn, 28000000);
  cr_expect_eq(doc->total, 28000000);
  slip("tax-residence-certificate", "2026-11-21");
  cr_expect_eq(count_fees(FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_PERSONAL_MANAGER)->tiyn, 30000000);
  cr_expect_eq(doc->total, 30000000);
  render_json();
  expect_json_has("{\"kind\": \"personal-manager\", "
                  "\"payee\": \"expat-centre\", \"kzt\": \"300000.00\"}");
  expect_json_has("\"total_kzt\": \"300000.00\"");
  expect_json_has("\"total_in_words\": \"Three hundred thousand tenge 00 "
                  "tiyn\"");
}

Test(fees, a_personal_manager_the_service_lacks_warns_and_keeps_the_fee) {
  /* arrival-notification has only a service fee of 20 000 KZT. */
  use_profile("tax-company.xml");
  slip("arrival-notification", "2026-11-21");
  cr_expect_eq(count_fees(FEE_PERSONAL_MANAGER), 0);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  cr_expect_eq(doc->total, 2000000);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_str_eq(warning_with("personal manager"),
                   "The 2026 edition offers no personal manager for this "
                   "service: the standard service fee applies.");
  slip("arrival-notification", "2025-06-02");
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  cr_expect_not_null(warning_with("2025 edition"));
}

/* ------------------------------------------------------------------------
 * (d) Fees the source does not state
 * ------------------------------------------------------------------------ */

Test(fees, work_visa_extension_fees_are_not_stated) {
  use_profile("smith-family.xml");
  slip("work-visa-extension", "2026-11-21");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(the_fee(FEE_SERVICE)->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(the_fee(FEE_STATE)->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(the_fee(FEE_SERVICE)->counted, 0);
  cr_expect_eq(the_fee(FEE_STATE)->counted, 0);
  cr_expect_eq(doc->total_complete, 0);
  expect_reference_shape(qujat_document_reference(doc));
  render_json();
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"stated\": false, \"kzt\": null}");
  expect_json_has("{\"kind\": \"state\", \"payee\": \"state-budget\", "
                  "\"stated\": false, \"kzt\": null}");
  cr_expect_eq(test_count(json, "\"stated\": false"), 2);
  expect_json_has("\"total_complete\": false");
}

Test(fees, nothing_stated_is_not_zero_tenge_in_words) {
  /* When the source states none of the fees, the total is "not stated by
   * the source": the slip must not say "Zero tenge 00 tiyn" in words, in
   * its JSON or in its XML twin (DESIGN.md: never invent a fee). */
  slip("work-visa-extension", "2026-11-21");
  cr_expect_eq(doc->total_complete, 0);
  cr_expect(doc->in_words == NULL || strstr(doc->in_words, "Zero") == NULL,
            "in words: '%s'", doc->in_words);
  render_json();
  expect_json_lacks("Zero");
  expect_json_has("\"total_in_words\": null");
  char *text = NULL;
  cr_assert_eq(qujat_render_text(doc, &text, NULL, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_null(strstr(text, "Zero"), "%s", text);
  cr_expect_not_null(strstr(text, "not stated by the source"), "%s", text);
  qujat_free(text);
}

Test(fees, business_multi_extension_has_the_digest_state_fee_only) {
  slip("business-visa-multi-extension", "2026-11-21");
  const struct rfee *state = the_fee(FEE_STATE);
  cr_expect_eq(state->amount, AMOUNT_MCI);
  cr_expect_eq(state->mci_centi, 3000);
  cr_expect_eq(state->tiyn, 30 * MCI_2026, "30 × 4 325 = 129 750 KZT");
  cr_expect_eq(state->counted, 1);
  cr_expect_eq(the_fee(FEE_SERVICE)->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(doc->total, 12975000);
  cr_expect_eq(doc->total_complete, 0);
  render_json();
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"stated\": false, \"kzt\": null}");
  expect_json_has("\"mci\": \"30\", \"mci_value\": \"4325.00\", "
                  "\"mci_year\": 2026, \"persons\": 1, "
                  "\"kzt\": \"129750.00\"");
  expect_json_has("\"total_kzt\": \"129750.00\"");
  expect_json_has("\"total_complete\": false");
  /* 2025: 30 × 3 932 = 117 960 KZT. */
  slip("business-visa-multi-extension", "2025-03-03");
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 11796000);
  cr_expect_eq(doc->total, 11796000);
}
