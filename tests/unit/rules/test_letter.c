/* SPDX-License-Identifier: MIT */
/* Unit tests of the invitation and request letters (rules_letter.c, the
 * letter parts of compose.c, template_xml.c, countries_xml.c) through
 * qujat_document_build with the real catalog, the profiles of
 * tests/data/profiles and profiles built in memory: what a letter says, and
 * its warnings. The checks of the profile, problem by problem, are in
 * test_letter_check.c. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "fixture.h"
#include "helpers.h"
#include "letter_helpers.h"
#include "letter_profiles.h"
#include "qujat/qujat.h"

TestSuite(letter, .init = fixture_setup, .fini = fixture_teardown);

/* ------------------------------------------------------------------------
 * (a) The Smith family: a work invitation and a request in Kazakhstan
 * ------------------------------------------------------------------------ */

Test(letter, smith_family_passes_the_checks_for_both_work_letters) {
  use_fixture("smith-family.xml");
  expect_passes("work-visa-invitation");
  expect_passes("work-visa-in-kz");
}

Test(letter, smith_family_letter_has_two_copies_and_three_persons) {
  use_fixture("smith-family.xml");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_eq(doc->kind, QUJAT_DOC_LETTER);
  cr_expect_eq(doc->letter->copies, 2, "copies 0 should mean 2");
  cr_expect_eq(doc->letter->npersons, 3);
  cr_expect_eq(doc->letter->request, 0,
               "work-visa-invitation is an invitation");
  build("work-visa-in-kz", QUJAT_LANG_EN);
  cr_expect_eq(doc->letter->copies, 2);
  cr_expect_eq(doc->letter->npersons, 3);
  cr_expect_eq(doc->letter->request, 1, "work-visa-in-kz is a request");
}

Test(letter, smith_family_table_in_each_language) {
  /* Ten columns as in the passport: surname and given names apart, the
   * relation to the invited employee, the issue date (empty when the
   * profile has none: filled in by hand). */
  static const struct {
    qujat_lang lang;
    const char *no, *m, *f, *country;
    const char *rel[3]; /* employee, wife, son */
  } langs[] = {
      {QUJAT_LANG_EN, "No.", "M", "F", "United Kingdom",
       {"employee", "wife", "son"}},
      {QUJAT_LANG_RU, "№", "муж.", "жен.", "Великобритания",
       {"работник", "жена", "сын"}},
      {QUJAT_LANG_KK, "№", "ер", "әйел", "Ұлыбритания",
       {"қызметкер", "әйелі", "ұлы"}},
  };
  static const struct {
    const char *given, *birth, *passport, *issued, *expires;
    int female;
  } rows[] = {
      {"JOHN", "14.03.1985", "123456789", "02.05.2019", "01.05.2029", 0},
      {"JANE", "02.01.1987", "987654321", "", "01.01.2030", 1},
      {"TOM", "01.06.2012", "555123456", "", "01.06.2031", 0}};
  use_fixture("smith-family.xml");
  for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
    const char *code = qujat_lang_code(langs[l].lang);
    for (int k = 0; k < 2; k++) {
      build(k ? "work-visa-in-kz" : "work-visa-invitation", langs[l].lang);
      cr_assert_eq(doc->letter->npersons, 3);
      cr_expect_str_eq(cell(0, 0), langs[l].no, "%s: title of column 1", code);
      for (int c = 0; c < LETTER_COLUMNS; c++)
        cr_expect(cell(0, c) && *cell(0, c), "%s: column %d has no title", code,
                  c + 1);
      for (size_t r = 0; r < 3; r++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", r + 1);
        cr_expect_str_eq(cell(r + 1, 0), num, "%s row %zu", code, r + 1);
        cr_expect_str_eq(cell(r + 1, 1), "SMITH", "%s", code);
        cr_expect_str_eq(cell(r + 1, 2), rows[r].given, "%s", code);
        cr_expect_str_eq(cell(r + 1, 3), langs[l].rel[r], "%s: relation", code);
        cr_expect_str_eq(cell(r + 1, 4),
                         rows[r].female ? langs[l].f : langs[l].m,
                         "%s: sex of %s", code, rows[r].given);
        cr_expect_str_eq(cell(r + 1, 5), rows[r].birth, "%s", code);
        cr_expect_str_eq(cell(r + 1, 6), langs[l].country, "%s", code);
        cr_expect_str_eq(cell(r + 1, 7), rows[r].passport, "%s", code);
        cr_expect_str_eq(cell(r + 1, 8), rows[r].issued, "%s", code);
        cr_expect_str_eq(cell(r + 1, 9), rows[r].expires, "%s", code);
      }
    }
  }
}

Test(letter, smith_family_warns_that_c3_is_single_entry) {
  use_fixture("smith-family.xml");
  build("work-visa-invitation", QUJAT_LANG_EN);
  if (qujat_document_warning_count(doc) != 1)
    dump_warnings();
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  const char *w = warning_with("C3");
  cr_assert_not_null(w, "no warning about C3");
  cr_expect(strstr(w, "single-entry") && strstr(w, "multiple-entry"), "%s", w);
  /* Only a warning: the check passes (above) and nothing goes to diag. */
  cr_expect_eq(check("work-visa-invitation"), QUJAT_OK);
  cr_expect_eq(D.n, 0);
}

/* The texts are the templates (templates/letter-LANG.xml) filled in: these
 * tests check what goes into them, not the wording, which the golden cases
 * show. Long dates are written with no-break spaces (NB), so that a date is
 * never split between two lines. */
#define NB "\xc2\xa0"

Test(letter, smith_family_texts_in_english) {
  use_fixture("smith-family.xml");
  build("work-visa-invitation", QUJAT_LANG_EN);
  const struct rletter *L = doc->letter;
  cr_expect_str_eq(L->company, "Example LLP");
  /* "BIN {bin}|{address}|{contacts}": a line each. */
  cr_assert_eq(L->ndetails, 3);
  cr_expect_str_eq(L->details[0], "BIN 123456789012");
  cr_expect_str_eq(L->details[1], "55/18 Mangilik El Avenue, Astana, 010017");
  cr_expect_str_eq(L->details[2], "+7 7172 64 73 33, hr@example.kz");
  expect_text("outgoing", L->outgoing, "HR-118");
  expect_text("outgoing", L->outgoing, "21" NB "November" NB "2026");
  cr_expect_str_eq(L->subject, L->t->subject[0]);
  cr_expect_str_neq(L->t->subject[0], L->t->subject[1]);
  expect_text("body", L->body, "Example LLP (BIN 123456789012)");
  expect_text("body", L->body, "multiple-entry");
  cr_expect_str_eq(L->t->entries[0][1], "multiple-entry");
  expect_text("body", L->body, "C3 (work visa)");
  expect_text("body", L->body, "1" NB "January" NB "2027");
  expect_text("body", L->body, "31" NB "December" NB "2028");
  expect_text("body", L->body, "Employment as a petroleum engineer");
  expect_text("body", L->body,
              "Embassy of the Republic of Kazakhstan in London");
  cr_expect_null(strchr(L->body, '{'), "a placeholder is left: %s", L->body);
  expect_text("stay", L->stay, "12 Dostyk Street, apt. 5, Astana");
  expect_text("undertakings", L->undertakings, "Example LLP");
  cr_expect_geq(L->nundertaking, 1);
  cr_expect_str_eq(L->position, "Director");
  cr_expect_str_eq(L->head, "Aigerim Nurlanovna Sadykova");
}

Test(letter, smith_family_request_in_russian_and_kazakh) {
  use_fixture("smith-family.xml");
  build("work-visa-in-kz", QUJAT_LANG_RU);
  const struct rletter *L = doc->letter;
  cr_expect_str_eq(L->subject, L->t->subject[1]);
  expect_text("outgoing", L->outgoing, "HR-118");
  expect_text("outgoing", L->outgoing, "21" NB "ноября" NB "2026" NB "г.");
  expect_text("body", L->body, "БИН 123456789012");
  /* The request's accusative "многократную визу". */
  cr_expect_str_eq(L->t->entries[1][1], "многократную");
  expect_text("body", L->body, "многократную");
  expect_text("body", L->body, "C3 (рабочая виза)");
  expect_text("body", L->body, "1" NB "января" NB "2027" NB "г.");
  expect_text("body", L->body, "31" NB "декабря" NB "2028" NB "г.");
  /* A request says nothing of where the visa is issued. */
  cr_expect_null(strstr(L->body, "London"), "%s", L->body);
  cr_expect_null(strchr(L->body, '{'), "a placeholder is left: %s", L->body);
  expect_text("addressee", L->t->addressee, "Комитет миграционной службы");
  build("work-visa-in-kz", QUJAT_LANG_KK);
  L = doc->letter;
  cr_expect_str_eq(L->subject, L->t->subject[1]);
  expect_text("outgoing", L->outgoing, "2026" NB "жылғы" NB "21" NB "қараша");
  expect_text("body", L->body, "БСН 123456789012");
  expect_text("body", L->body, "C3");
  expect_text("body", L->body, "жұмыс визасы");
  expect_text("body", L->body, "көп реттік");
  expect_text("body", L->body, "2028" NB "жылғы" NB "31" NB "желтоқсан");
  cr_expect_null(strchr(L->body, '{'), "a placeholder is left: %s", L->body);
  expect_text("addressee", L->t->addressee, "Көші-қон қызметі комитетіне");
}

Test(letter, copy_marks_in_the_text_rendering) {
  use_fixture("smith-family.xml");
  build_full("work-visa-invitation", DATE, QUJAT_LANG_EN, 3);
  char *text = NULL;
  size_t len = 0;
  cr_assert_eq(qujat_render_text(doc, &text, &len, &err), QUJAT_OK, "%s",
               err.msg);
  /* The mark in the letter's language only (no Kazakh or Russian beside
   * the English). */
  for (int n = 1; n <= 3; n++) {
    char mark[128];
    snprintf(mark, sizeof mark, "Copy %d of 3", n);
    cr_expect_eq(test_count(text, mark), 1, "'%s' not exactly once", mark);
  }
  cr_expect_eq(test_count(text, "дана"), 0, "a Kazakh mark in English");
  cr_expect_eq(test_count(text, "Экземпляр"), 0, "a Russian mark in English");
  cr_expect_eq(test_count(text, "987654321"), 3, "one table per copy");
  cr_expect_eq(test_count(text, "Copy 4"), 0);
  qujat_free(text);
}

Test(letter, kk_ru_letter_is_refused) {
  /* A letter is written in one language. Built side by side, the two
   * letters went into narrow columns where the table broke dates and
   * passport numbers in the middle ("12345|6789", "14.03.|1985"): the
   * library refuses kk+ru as the CLI does. */
  use_fixture("smith-family.xml");
  qujat_request req =
      request("work-visa-invitation", DATE, QUJAT_LANG_KK_RU, 1);
  qujat_status st = qujat_document_build(cat, &req, &doc, &err);
  cr_expect_eq(st, QUJAT_ERR_ARG, "a kk+ru letter was built (status %d)", st);
  cr_expect_null(doc);
  expect_text("err", err.msg, "one language");
  memset(&D, 0, sizeof D);
  cr_expect_eq(qujat_letter_check(cat, &req, collect, &D, &err), QUJAT_ERR_ARG);
  cr_expect_eq(D.n, 0);
}

Test(letter, json_is_refused_and_pdf_renders) {
  use_fixture("smith-family.xml");
  build_full("work-visa-in-kz", DATE, QUJAT_LANG_KK, 1);
  char *json = NULL;
  cr_expect_eq(qujat_render_json(doc, &json, NULL, &err), QUJAT_ERR_ARG);
  cr_expect_null(json);
  unsigned char *pdf = NULL;
  size_t len = 0;
  cr_assert_eq(qujat_render_pdf_memory(doc, &pdf, &len, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_gt(len, 1000);
  cr_expect_eq(memcmp(pdf, "%PDF-1.", 7), 0);
  qujat_free(pdf);
}

/* ------------------------------------------------------------------------
 * Other letters of the fixtures
 * ------------------------------------------------------------------------ */

Test(letter, fixtures_pass_for_their_services) {
  static const struct {
    const char *profile, *service;
    int request;
    size_t persons;
  } cases[] = {
      {"letter-b2-single.xml", "business-visa-single-invitation", 0, 1},
      {"letter-b2-multi.xml", "business-visa-multi-invitation", 0, 1},
      {"letter-investor-a5.xml", "investor-visa-invitation", 0, 2},
      {"letter-b3-multi-in-kz.xml", "business-visa-multi-in-kz", 1, 1},
      {"letter-c5-family.xml", "business-immigrant-visa-extension", 1, 2},
      {"letter-blanks.xml", "work-visa-invitation", 0, 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    use_fixture(cases[i].profile);
    expect_passes(cases[i].service);
    build(cases[i].service, QUJAT_LANG_RU);
    cr_expect_eq(doc->letter->request, cases[i].request, "%s",
                 cases[i].profile);
    cr_expect_eq(doc->letter->npersons, cases[i].persons, "%s",
                 cases[i].profile);
  }
}

Test(letter, business_b2_pm_fixture_is_refused_for_its_passport) {
  /* The checklist only warns of MULLER's passport; a letter refuses it,
   * and B2 multiple-entry for more than 180 days as well. */
  use_fixture("business-b2-pm.xml");
  cr_expect_eq(check("business-visa-multi-invitation"), QUJAT_ERR_RULE);
  cr_expect_geq(problem_with("the passport expires on 2027-02-28"), 0);
  cr_expect_geq(problem_with("up to 180 days"), 0);
  cr_expect_geq(problem_with("<head position name>"), 0);
}

Test(letter, apostrophe_in_a_name_is_latin) {
  use_fixture("letter-blanks.xml");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_str_eq(cell(1, 1), "O'BRIEN");
  cr_expect_str_eq(cell(1, 2), "SEAN");
  cr_expect_str_eq(cell(1, 6), "Ireland");
}

/* ------------------------------------------------------------------------
 * (c) Warnings: the letter is written, with blanks or a note
 * ------------------------------------------------------------------------ */

/* `xml` passes the checks of the work invitation, whose English letter
 * has one warning, containing `part`. */
static void expect_one_warning(const char *xml, const char *part) {
  use_xml(xml, 1);
  expect_passes("work-visa-invitation");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with(part));
}

Test(letter, no_stay_address_leaves_a_blank_line) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " PURPOSE " " ISSUE " " NUMBER));
  expect_one_warning(xml, "no stay-address");
  expect_text("stay", doc->letter->stay, "________________");
}

Test(letter, no_letter_number_leaves_a_blank) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " PURPOSE " " ISSUE " " STAY));
  /* The same in Russian, with the Russian texts a Russian letter needs. */
  static const char ru[] = PROFILE(
      APPLICANT COMPANY_WITH(
          " bin=\"123456789012\"",
          "    <name xml:lang=\"ru\">ТОО «Example»</name>\n"
          "    <head position=\"Director\" name=\"Aigerim Sadykova\">\n"
          "      <position xml:lang=\"ru\">Директор</position>\n"
          "      <name xml:lang=\"ru\">Садыкова Айгерим</name>\n"
          "    </head>\n")
      "  <request category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " PURPOSE " " ISSUE " " STAY ">\n"
      "    <purpose xml:lang=\"ru\">трудовая деятельность в должности "
      "инженера</purpose>\n"
      "    <issue-place xml:lang=\"ru\">Посольство Республики Казахстан в "
      "Лондоне</issue-place>\n"
      "    <stay-address xml:lang=\"ru\">г. Астана, ул. Достык, "
      "12</stay-address>\n"
      "  </request>\n");
  expect_one_warning(xml, "no letter-number");
  expect_text("outgoing", doc->letter->outgoing, "________");
  use_xml(ru, 1);
  expect_passes("work-visa-invitation");
  build("work-visa-invitation", QUJAT_LANG_RU);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with("letter-number"));
  expect_text("outgoing", doc->letter->outgoing, "________");
  cr_expect_null(strstr(doc->letter->outgoing, "HR"));
}

Test(letter, blanks_fixture_has_both_warnings_and_short_details) {
  use_fixture("letter-blanks.xml");
  build("work-visa-invitation", QUJAT_LANG_KK);
  cr_expect_eq(qujat_document_warning_count(doc), 2);
  /* No address, no contacts: only the BIN line, no empty lines. */
  cr_assert_eq(doc->letter->ndetails, 1);
  cr_expect_str_eq(doc->letter->details[0], "БСН 120640001122");
  expect_text("outgoing", doc->letter->outgoing, "________");
  expect_text("stay", doc->letter->stay, "________________");
}

Test(letter, visa_starting_before_the_letter_date) {
  use_xml(GOOD, 1);
  /* The letter is dated after the visa's first day. */
  cr_expect_eq(check_full("work-visa-invitation", "2027-01-02", 0), QUJAT_OK);
  build_full("work-visa-invitation", "2027-01-02", QUJAT_LANG_EN, 0);
  /* 2027 is past the newest edition (2026): that is said too. */
  cr_expect_eq(qujat_document_warning_count(doc), 2);
  cr_expect_not_null(warning_with("start before the date of the letter"));
  cr_expect_not_null(warning_with("newest edition"));
  /* On the first day itself: only the edition's warning. */
  build_full("work-visa-invitation", "2027-01-01", QUJAT_LANG_EN, 0);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with("newest edition"));
}

Test(letter, c3_shorter_than_12_months) {
  static const char six[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2027-06-30"));
  expect_one_warning(six, "less than 12 months");
  /* 12 months exactly (GOOD): no warning (good_profile_... above). */
}

Test(letter, c3_one_day_short_of_12_months_is_shorter) {
  /* 2027-01-01 .. 2027-12-30 is a day short of 12 months (11.5 months
   * used to pass unnoticed); .. 2027-12-31 is 12 months (GOOD). */
  static const char short_day[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2027-12-30"));
  static const char half[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2027-12-15"));
  use_xml(short_day, 1);
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_not_null(warning_with("less than 12 months"),
                     "a C3 visa a day short of 12 months: no warning");
  use_xml(half, 1);
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_not_null(warning_with("less than 12 months"),
                     "a C3 visa of 11.5 months: no warning");
  use_xml(GOOD, 1);
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_null(warning_with("less than 12 months"));
}

Test(letter, warnings_are_in_the_letters_language) {
  /* qujat_document_warning() is "in the document's language" (qujat.h):
   * the letter's warnings come from the locales (warning.letter-*), as the
   * checklist's do. They used to be English whatever the language. */
  use_fixture("smith-family.xml");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_assert_eq(qujat_document_warning_count(doc), 1);
  char en[512];
  snprintf(en, sizeof en, "%s", qujat_document_warning(doc, 0));
  expect_text("en warning", en, "single-entry");
  build("work-visa-invitation", QUJAT_LANG_RU);
  cr_assert_eq(qujat_document_warning_count(doc), 1);
  const char *w = qujat_document_warning(doc, 0);
  expect_text("ru warning", w, "C3");
  expect_text("ru warning", w, "однократн");
  build("work-visa-invitation", QUJAT_LANG_KK);
  cr_assert_eq(qujat_document_warning_count(doc), 1);
  w = qujat_document_warning(doc, 0);
  expect_text("kk warning", w, "C3");
  cr_expect_str_neq(w, en, "a Kazakh letter's warning is in English: %s", w);
  cr_expect_null(strstr(w, "the digest lists"), "%s", w);
}

Test(letter, warnings_do_not_go_to_diag) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"multiple\" from=\"2027-01-01\" "
      "to=\"2027-03-31\" " PURPOSE " " ISSUE));
  use_xml(xml, 1);
  /* Multiple-entry C3, 3 months, no stay-address, no number, before the
   * letter date, past the newest edition: six warnings, no problem. */
  cr_expect_eq(check_full("work-visa-invitation", "2027-01-05", 0), QUJAT_OK);
  cr_expect_eq(D.n, 0);
  build_full("work-visa-invitation", "2027-01-05", QUJAT_LANG_EN, 0);
  if (qujat_document_warning_count(doc) != 6)
    dump_warnings();
  cr_expect_eq(qujat_document_warning_count(doc), 6);
}
