/* SPDX-License-Identifier: MIT */
/* Unit tests of dates past the newest data (issue 10): the edition in
 * force before, within and after the editions of the data; a year whose
 * MCI the data lacks (the state fee in MCI only, out of the total, the
 * total incomplete) on the checklist, the fee slip, its XML twin and the
 * fine; the letter's warning; the public accessors --version uses.
 *
 * The data (services/sources.xml) has the editions 2025 (2025-01-01 to
 * 2025-12-31) and 2026 (2026-01-01 to 2026-12-31) and the MCI of 2024,
 * 2025 and 2026. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "rules/rules.h"
#include "fees_helpers.h"
#include "fixture.h"
#include "helpers.h"
#include "qujat/qujat.h"

/* The work-visa-in-kz service fee, 730 000 KZT (2026 edition). */
#define WORK_VISA_SERVICE 73000000LL

static char *text; /* qujat_render_text() of `doc` */

static void teardown(void) {
  qujat_free(text);
  text = NULL;
  fees_teardown();
}

TestSuite(dates_past_data, .init = fixture_setup, .fini = teardown);

/* The text of `doc`, with every run of spaces and line breaks made one
 * space, so that a phrase is found wherever the text wraps it. */
static void render_text(void) {
  size_t len;
  qujat_free(text);
  text = NULL;
  qujat_error e;
  cr_assert_eq(qujat_render_text(doc, &text, &len, &e), QUJAT_OK, "%s",
               e.msg);
  char *w = text;
  for (const char *r = text; *r; r++) {
    int space = *r == ' ' || *r == '\n' || *r == '\f';
    if (space && w > text && w[-1] == ' ')
      continue;
    *w++ = space ? ' ' : *r;
  }
  *w = '\0';
}

static void expect_text_has(const char *s) {
  cr_expect_not_null(strstr(text, s), "'%s' not in:\n%s", s, text);
}

static void expect_text_lacks(const char *s) {
  cr_expect_null(strstr(text, s), "'%s' in:\n%s", s, text);
}

static qujat_status build_doc(qujat_doc_kind kind, const char *service,
                              const char *date, qujat_lang lang) {
  qujat_request req = request_of(kind, service, date, lang);
  return build_into(cat, &req, &doc);
}

static void build_ok(qujat_doc_kind kind, const char *service,
                     const char *date, qujat_lang lang) {
  qujat_status st = build_doc(kind, service, date, lang);
  cr_assert_eq(st, QUJAT_OK, "%s on %s: %s", service, date, err.msg);
  cr_assert_not_null(doc);
}

/* ------------------------------------------------------------------------
 * (a) The edition in force: before, within and after the data
 * ------------------------------------------------------------------------ */

static const struct edition *edition(const char *id) {
  for (size_t i = 0; i < cat->neditions; i++)
    if (strcmp(cat->editions[i].id, id) == 0)
      return &cat->editions[i];
  cr_assert_fail("no edition %s", id);
  return NULL;
}

Test(dates_past_data, edition_before_within_and_after_the_data) {
  static const struct {
    struct date d;
    const char *edition; /* NULL: none */
    int past;
  } cases[] = {
      {{2024, 12, 31}, NULL, 0},   {{2025, 1, 1}, "2025", 0},
      {{2025, 12, 31}, "2025", 0}, {{2026, 1, 1}, "2026", 0},
      {{2026, 12, 31}, "2026", 0}, {{2027, 1, 1}, "2026", 1},
      {{2027, 3, 1}, "2026", 1},   {{2030, 6, 1}, "2026", 1},
      {{2099, 12, 31}, "2026", 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct edition *e = qujat_find_edition_on(cat, cases[i].d);
    char d[11];
    qujat_date_format(cases[i].d, d);
    if (!cases[i].edition) {
      cr_expect_null(e, "%s", d);
      continue;
    }
    cr_assert_not_null(e, "%s", d);
    cr_expect_eq(e, edition(cases[i].edition), "%s: edition %s", d, e->id);
    cr_expect_eq(qujat_edition_past(e, cases[i].d), cases[i].past, "%s", d);
  }
}

/* The rule does not depend on the order of the catalog, and a gap between
 * two editions keeps the older one in force. */
Test(dates_past_data, edition_in_force_until_a_newer_one_exists) {
  const struct edition v[] = {
      {.id = "c", .from = {2030, 1, 1}, .to = {2030, 12, 31}},
      {.id = "a", .from = {2025, 1, 1}, .to = {2025, 12, 31}},
      {.id = "b", .from = {2027, 1, 1}, .to = {2027, 6, 30}},
  };
  struct qujat_catalog c = {.editions = v, .neditions = 3};
  static const struct {
    struct date d;
    const char *id;
    int past;
  } cases[] = {{{2024, 6, 1}, NULL, 0}, {{2025, 6, 1}, "a", 0},
               {{2026, 6, 1}, "a", 1},  {{2027, 1, 1}, "b", 0},
               {{2029, 12, 31}, "b", 1}, {{2030, 1, 1}, "c", 0},
               {{2031, 1, 1}, "c", 1}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct edition *e = qujat_find_edition_on(&c, cases[i].d);
    if (!cases[i].id) {
      cr_expect_null(e);
      continue;
    }
    cr_assert_not_null(e, "case %zu", i);
    cr_expect_str_eq(e->id, cases[i].id, "case %zu", i);
    cr_expect_eq(qujat_edition_past(e, cases[i].d), cases[i].past,
                 "case %zu", i);
  }
}

/* The warning, in the document's language, and only past the data. */
Test(dates_past_data, checklist_after_the_data_warns_in_its_language) {
  static const struct {
    qujat_lang lang;
    const char *says;
  } langs[] = {
      {QUJAT_LANG_EN, "The newest edition of the Expat Centre guidebook in "
                      "the data is the 2026 edition"},
      {QUJAT_LANG_RU, "Последнее издание руководства Экспат-центра в данных "
                      "— издание 2026 года"},
      {QUJAT_LANG_KK, "ең соңғы басылымы – 2026 жылғы басылым"},
  };
  static const char *const check[] = {"Check the current rules with the "
                                      "Expat Centre",
                                      "Уточните действующие правила в "
                                      "Экспат-центре",
                                      "Экспат орталығында нақтылаңыз"};
  use_profile("smith-family.xml");
  for (size_t i = 0; i < 3; i++) {
    build_ok(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", "2027-01-05",
             langs[i].lang);
    cr_expect_str_eq(doc->edition->id, "2026");
    cr_assert_not_null(doc->past_edition);
    cr_expect_not_null(strstr(doc->past_edition, langs[i].says), "%s",
                       doc->past_edition);
    cr_expect_not_null(strstr(doc->past_edition, check[i]), "%s",
                       doc->past_edition);
    /* It is the first warning and it is on the page. */
    cr_expect_eq(qujat_document_warning(doc, 0), doc->past_edition);
    render_text();
    expect_text_has(langs[i].says);
  }
  /* The last day of the 2026 edition: no such warning. */
  build_ok(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", "2026-12-31",
           QUJAT_LANG_EN);
  cr_expect_null(doc->past_edition);
  cr_expect_null(warning_with("newest edition"));
}

Test(dates_past_data, a_date_before_the_first_edition_stays_an_error) {
  use_profile("smith-family.xml");
  static const qujat_doc_kind kinds[] = {
      QUJAT_DOC_CHECKLIST, QUJAT_DOC_FEES, QUJAT_DOC_SERVICE};
  for (size_t i = 0; i < 3; i++) {
    cr_expect_eq(build_doc(kinds[i], "work-visa-in-kz", "2024-12-31",
                           QUJAT_LANG_EN),
                 QUJAT_ERR_RULE, "kind %d", (int)kinds[i]);
    cr_expect_null(doc);
    cr_expect_not_null(strstr(err.msg, "no edition of the price list covers "
                                       "2024-12-31"),
                       "%s", err.msg);
    cr_expect_not_null(strstr(err.msg, "from 2025-01-01"), "%s", err.msg);
  }
}

/* ------------------------------------------------------------------------
 * (b) A year whose MCI the data lacks: the fee in MCI, a partial total
 * ------------------------------------------------------------------------ */

/* The state fee of work-visa-in-kz for the Smiths (3 persons) in `year`:
 * 30 MCI each, with no amount. */
static void expect_state_in_mci_only(int year) {
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->amount, AMOUNT_MCI);
  cr_expect_eq(f->mci_unknown, 1);
  cr_expect_eq(f->mci_centi, 3000);
  cr_expect_eq(f->mci_year, year);
  cr_expect_eq(f->mci_tiyn, 0);
  cr_expect_eq(f->persons, 3);
  cr_expect_eq(f->tiyn, 0);
  cr_expect_eq(f->counted, 0);
  /* The service fee alone makes the total, which is marked incomplete. */
  cr_expect_eq(doc->total, WORK_VISA_SERVICE);
  cr_expect_eq(doc->total_complete, 0);
  cr_expect_eq(doc->mci_missing, year);
}

Test(dates_past_data, slip_without_the_mci_of_the_year_is_partial) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2027-01-05");
  expect_state_in_mci_only(2027);
  cr_expect_not_null(warning_with("newest edition"));
  cr_expect_not_null(warning_with("The MCI for 2027 is not in the data: the "
                                  "state fee is given in MCI only"));
  render_json();
  expect_json_has("\"edition\": \"2026\"");
  expect_json_has("{\"kind\": \"state\", \"payee\": \"state-budget\", \"mci\": "
                  "\"30\", \"mci_value\": null, \"mci_year\": 2027, "
                  "\"persons\": 3, \"kzt\": null}");
  expect_json_has("\"total_kzt\": \"730000.00\", \"total_complete\": false");
  expect_json_lacks("\"0.00\"");
  /* The words are those of the partial total, as for any partial total. */
  cr_assert_not_null(doc->in_words);
  cr_expect_not_null(strstr(doc->in_words, "Seven hundred thirty thousand"),
                     "%s", doc->in_words);
  render_text();
  expect_text_has("30 MCI × 3 persons");
  expect_text_has("the MCI for 2027 is not in the data");
  expect_text_has("MCI: not in the data for 2027");
  expect_text_has("The total does not include the state fee: the MCI for "
                  "2027 is not in the data.");
  expect_text_lacks(" 0.00 KZT");
  /* Not the wording of a fee the source does not state. */
  expect_text_lacks("not stated by the source");
  render_pdf();
}

/* The XML twin says the same: the multiplier, no value, not complete. */
Test(dates_past_data, slip_xml_twin_without_the_mci) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2030-06-01");
  expect_state_in_mci_only(2030);
  struct buf b;
  qujat_buf_init(&b, 1 << 20);
  cr_assert_eq(qujat_fees_xml(doc, &b), QUJAT_OK);
  cr_expect_not_null(strstr(b.data, "<fee kind=\"state\" payee=\"state-budget\" "
                                    "mci=\"30\" mci-year=\"2030\" "
                                    "mci-known=\"false\" persons=\"3\"/>"),
                     "%s", b.data);
  cr_expect_not_null(strstr(b.data, "<total kzt=\"730000.00\" "
                                    "complete=\"false\">"),
                     "%s", b.data);
  cr_expect_null(strstr(b.data, "mci-value"), "%s", b.data);
  /* The twin validates against services/fees.xsd. */
  char dir[512], path[600];
  test_make_temp_dir(dir, sizeof dir, "dates");
  snprintf(path, sizeof path, "%s/qujat-fees.xml", dir);
  test_write_file(path, b.data, b.len);
  qujat_error e;
  qujat_status st = qujat_validate_file(cat, path, NULL, NULL, &e);
  test_remove_dir(dir);
  cr_expect_eq(st, QUJAT_OK, "%s", e.msg);
  qujat_buf_free(&b);
}

/* The same slip on two dates of 2027 has the same amounts, but a
 * reference of its own; a 2026 slip is complete. */
Test(dates_past_data, slips_of_2026_are_complete_those_of_2027_not) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2026-12-31");
  cr_expect_eq(doc->total_complete, 1);
  cr_expect_eq(doc->mci_missing, 0);
  cr_expect_eq(the_fee(FEE_STATE)->mci_unknown, 0);
  render_json();
  expect_json_has("\"total_complete\": true");
  slip("work-visa-in-kz", "2027-01-01");
  cr_expect_eq(doc->total_complete, 0);
}

Test(dates_past_data, checklist_json_marks_the_total_incomplete) {
  use_profile("smith-family.xml");
  build_ok(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", "2026-11-21",
           QUJAT_LANG_EN);
  render_json();
  expect_json_has("\"total_complete\": true");
  build_ok(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", "2030-06-01",
           QUJAT_LANG_RU);
  expect_state_in_mci_only(2030);
  render_json();
  expect_json_has("\"total_complete\": false");
  expect_json_has("\"mci_value\": null");
  render_text();
  expect_text_has("30 МРП × 3 человека");
  expect_text_has("МРП на 2030 год в данных отсутствует");
  expect_text_lacks(" 0,00 тенге");
}

/* The service overview (show) lists the fee in MCI too. */
Test(dates_past_data, show_after_the_data) {
  no_profile();
  build_ok(QUJAT_DOC_SERVICE, "permanent-residence", "2028-02-29",
           QUJAT_LANG_KK);
  cr_expect_not_null(doc->past_edition);
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->mci_unknown, 1);
  cr_expect_eq(f->mci_centi, 400);
  render_text();
  expect_text_has("4 АЕК");
  expect_text_has("2028 жылға арналған АЕК деректерде жоқ");
}

/* kk+ru: both halves warn, each in its language. */
Test(dates_past_data, side_by_side_warns_in_both_languages) {
  use_profile("smith-family.xml");
  build_ok(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", "2027-01-05",
           QUJAT_LANG_KK_RU);
  cr_assert_not_null(doc->pair);
  cr_expect_not_null(strstr(doc->past_edition, "жылғы басылым"));
  cr_expect_not_null(strstr(doc->pair->past_edition, "издание 2026 года"));
  cr_expect_eq(doc->pair->mci_missing, 2027);
  render_pdf();
}

/* The missing MCI is said once, however many fees are in MCI. */
Test(dates_past_data, missing_mci_is_warned_once) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2027-06-01");
  size_t n = 0;
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    n += strstr(qujat_document_warning(doc, i), "The MCI for 2027") != NULL;
  cr_expect_eq(n, 1);
}

/* ------------------------------------------------------------------------
 * (c) Fines in a year whose MCI the data lacks
 * ------------------------------------------------------------------------ */

Test(dates_past_data, fine_without_the_mci_of_the_year) {
  fine_ok("overstay", 7, QUJAT_SIZE_NONE, "2027-01-05");
  const struct rfee *f = &doc->fees[0];
  cr_expect_eq(f->amount, AMOUNT_MCI);
  cr_expect_eq(f->mci_unknown, 1);
  cr_expect_eq(f->mci_centi, 1500);
  cr_expect_eq(f->mci_year, 2027);
  cr_expect_eq(f->counted, 0);
  cr_expect_eq(doc->total, 0);
  cr_expect_eq(doc->total_complete, 0);
  cr_expect_not_null(warning_with("The MCI for 2027 is not in the data: the "
                                  "fine is given in MCI only"));
  /* A fine is not from the guidebook: no word of its editions. */
  cr_expect_null(warning_with("edition"));
  render_json();
  expect_json_has("\"mci\": \"15\", \"mci_value\": null, \"mci_year\": 2027, "
                  "\"kzt\": null");
  expect_json_has("\"total_complete\": false");
  expect_json_has("\"warnings\": [\"The MCI for 2027 is not in the data");
  render_text();
  expect_text_has("15 MCI");
  expect_text_has("the MCI for 2027 is not in the data");
  expect_text_lacks("0.00");
  render_pdf();
}

Test(dates_past_data, fine_without_the_mci_in_kazakh_and_russian) {
  cr_assert_eq(build_fine_lang("late-notification", 0, QUJAT_SIZE_MEDIUM,
                               "2030-06-01", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  cr_expect_not_null(warning_with("МРП на 2030 год в данных отсутствует: "
                                  "штраф указан только в МРП"));
  render_text();
  expect_text_has("МРП на 2030 год в данных отсутствует");
  cr_assert_eq(build_fine_lang("late-notification", 0, QUJAT_SIZE_MEDIUM,
                               "2030-06-01", QUJAT_LANG_KK),
               QUJAT_OK, "%s", err.msg);
  cr_expect_not_null(warning_with("2030 жылға арналған АЕК деректерде жоқ: "
                                  "айыппұл тек АЕК-пен көрсетілді"));
}

/* A warning band needs no MCI: nothing is missing. */
Test(dates_past_data, fine_warning_band_needs_no_mci) {
  fine_ok("overstay", 3, QUJAT_SIZE_NONE, "2030-06-01");
  cr_expect_eq(doc->fees[0].amount, AMOUNT_NONE);
  cr_expect_eq(doc->total_complete, 1);
  cr_expect_eq(qujat_document_warning_count(doc), 0);
}

/* ------------------------------------------------------------------------
 * (d) The letter and the accessors
 * ------------------------------------------------------------------------ */

Test(dates_past_data, letter_after_the_data_shows_the_warning) {
  use_profile("smith-family.xml");
  build_ok(QUJAT_DOC_LETTER, "work-visa-invitation", "2027-01-05",
           QUJAT_LANG_EN);
  cr_assert_not_null(doc->past_edition);
  cr_expect_not_null(warning_with("newest edition"));
  render_text();
  expect_text_has("The newest edition of the Expat Centre guidebook");
  /* Before the copy mark of the first copy, and only there. */
  const char *w = strstr(text, "The newest edition");
  const char *mark = strstr(text, "Copy 1 of 2");
  cr_assert_not_null(mark);
  cr_expect_lt(w, mark);
  cr_expect_null(strstr(w + 1, "The newest edition"));
  render_pdf();
  /* Within the edition: none. */
  build_ok(QUJAT_DOC_LETTER, "work-visa-invitation", "2026-11-21",
           QUJAT_LANG_EN);
  cr_expect_null(doc->past_edition);
}

Test(dates_past_data, accessors_list_editions_and_mci_years) {
  cr_assert_eq(qujat_catalog_edition_count(cat), 2);
  cr_expect_str_eq(qujat_catalog_edition_id(cat, 0), "2025");
  cr_expect_str_eq(qujat_catalog_edition_id(cat, 1), "2026");
  cr_expect_null(qujat_catalog_edition_id(cat, 2));
  cr_assert_eq(qujat_catalog_mci_count(cat), 3);
  cr_expect_eq(qujat_catalog_mci_year(cat, 0), 2024);
  cr_expect_eq(qujat_catalog_mci_year(cat, 1), 2025);
  cr_expect_eq(qujat_catalog_mci_year(cat, 2), 2026);
  cr_expect_eq(qujat_catalog_mci_year(cat, 3), 0);
}
