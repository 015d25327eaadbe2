/* SPDX-License-Identifier: MIT */
/* Unit tests of the checks of a profile for a letter (rules_letter.c)
 * through qujat_letter_check and qujat_document_build with the real
 * catalog, the profiles of tests/data/profiles and profiles built in
 * memory: every check, each with its own profile. Every problem is counted
 * through the diag callback with its line in the profile. */
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

TestSuite(letter_check, .init = fixture_setup, .fini = fixture_teardown);

/* ------------------------------------------------------------------------
 * (b) Every check, each with its own profile
 * ------------------------------------------------------------------------ */

/* Among the problems, one at `line` containing `part`. */
static void expect_problem_at(int line, const char *part) {
  int i = problem_with(part);
  if (i < 0)
    dump();
  cr_assert_geq(i, 0, "no problem contains '%s'", part);
  cr_expect_eq(D.code[i], QUJAT_ERR_RULE, "%s", D.msg[i]);
  cr_expect_eq(D.line[i], line, "'%s' at line %d, expected %d", D.msg[i],
               D.line[i], line);
  cr_expect_str_eq(D.file[i], NAME);
}

/* `xml` (with or without the schema) gives exactly one problem for
 * `service`, at the line of `where`, containing `part`; it is also the
 * error returned. */
static void expect_one_problem(const char *service, const char *xml, int schema,
                               const char *where, const char *part) {
  use_xml(xml, schema);
  qujat_status st = check(service);
  cr_expect_eq(st, QUJAT_ERR_RULE, "%s: status %d", service, st);
  if (D.n != 1)
    dump();
  cr_assert_eq(D.n, 1, "%s: %d problems, expected 1", service, D.n);
  int line = test_line_of(xml, where);
  expect_problem_at(line, part);
  cr_expect_eq(err.code, QUJAT_ERR_RULE);
  cr_expect_eq(err.line, line);
  cr_expect_str_eq(err.file, NAME);
  cr_expect_str_eq(err.msg, D.msg[0]);
}

/* The profile of the applicant and the company with `request`, its
 * <request> element (valid until the next call). */
static const char *with_request(const char *request) {
  static char xml[8 * 1024];
  int n = snprintf(xml, sizeof xml, PROFILE(APPLICANT COMPANY "%s"), request);
  cr_assert(n > 0 && (size_t)n < sizeof xml);
  return xml;
}

/* That profile, checked by the schema, passes the checks of `service`. */
static void expect_request_passes(const char *service, const char *request) {
  use_xml(with_request(request), 1);
  expect_passes(service);
}

/* That profile, checked by the schema, gives exactly one problem for
 * `service`, on the line of <request>, containing `part`. */
static void expect_request_problem(const char *service, const char *request,
                                   const char *part) {
  expect_one_problem(service, with_request(request), 1, "<request", part);
}

Test(letter_check, good_profile_passes_without_warnings) {
  use_xml(GOOD, 1);
  expect_passes("work-visa-invitation");
  expect_passes("work-visa-in-kz");
  build("work-visa-invitation", QUJAT_LANG_EN);
  if (qujat_document_warning_count(doc))
    dump_warnings();
  cr_expect_eq(qujat_document_warning_count(doc), 0);
}

Test(letter_check, no_company) {
  static const char xml[] = PROFILE(APPLICANT C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<profile",
                     "<company name bin>");
}

Test(letter_check, company_without_bin) {
  /* The schema lets a company leave out its BIN; a letter cannot. */
  static const char xml[] = PROFILE(APPLICANT COMPANY_WITH("", HEAD) C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<company",
                     "12-digit business identification number");
}

Test(letter_check, bin_not_12_digits) {
  static const char xml[] =
      PROFILE(APPLICANT COMPANY_WITH(" bin=\"12345678901A\"", HEAD) C3_YEAR);
  /* The schema refuses such a BIN already ([0-9]{12}): a profile loaded
   * with the catalog never reaches the letter's check... */
  qujat_profile *p = NULL;
  cr_expect_eq(qujat_profile_load_memory(cat, xml, strlen(xml), NAME, &p, &err),
               QUJAT_ERR_CATALOG);
  cr_expect_null(p);
  cr_expect_eq(err.line, test_line_of(xml, "<company"));
  /* ...so the library's own check is tested on a profile loaded without
   * the schema. */
  expect_one_problem("work-visa-invitation", xml, 0, "<company",
                     "12-digit business identification number");
  static const char short_bin[] =
      PROFILE(APPLICANT COMPANY_WITH(" bin=\"12345\"", HEAD) C3_YEAR);
  expect_one_problem("work-visa-invitation", short_bin, 0, "<company",
                     "12-digit");
}

Test(letter_check, no_head) {
  static const char xml[] =
      PROFILE(APPLICANT COMPANY_WITH(" bin=\"123456789012\"", "") C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<company",
                     "<head position name>");
}

Test(letter_check, no_request) {
  static const char xml[] = PROFILE(APPLICANT COMPANY);
  expect_one_problem("work-visa-invitation", xml, 1, "<profile",
                     "<request category entries from to purpose>");
}

Test(letter_check, category_the_service_does_not_arrange) {
  expect_request_problem(
      "work-visa-invitation",
      VISA("A5", "multiple", "2027-01-01", "2027-12-31"),
      "<request category=\"A5\">: this service is for category C3");
  /* The same request suits the investor's invitation. */
  expect_passes("investor-visa-invitation");
}

Test(letter_check, categories_listed_for_a_service_with_several) {
  expect_request_problem("business-visa-single-invitation",
                         VISA("C3", "single", "2027-01-01", "2027-02-28"),
                         "this service is for category B1, B2, B3, C5");
}

Test(letter_check, no_category) {
  expect_request_problem(
      "work-visa-invitation",
      REQUEST(
          "entries=\"single\" from=\"2027-01-01\" to=\"2027-12-31\" " FIELDS),
      "needs the visa category (C3)");
}

Test(letter_check, single_entry_for_the_multiple_entry_invitation) {
  /* B2 single-entry for 60 days: fine for the digest, but this service
   * arranges multiple-entry visas only. */
  expect_request_problem("business-visa-multi-invitation",
                         VISA("B2", "single", "2027-01-01", "2027-03-01"),
                         "<request entries=\"single\">: this service arranges "
                         "multiple-entry visas");
  expect_passes("business-visa-single-invitation");
}

Test(letter_check, multiple_entry_for_the_single_entry_invitation) {
  expect_request_problem("business-visa-single-invitation",
                         VISA("B2", "multiple", "2027-01-01", "2027-03-01"),
                         "arranges single-entry visas");
}

Test(letter_check, no_entries) {
  expect_request_problem(
      "work-visa-invitation",
      REQUEST("category=\"C3\" from=\"2027-01-01\" to=\"2027-12-31\" " FIELDS),
      "needs entries (single or multiple)");
}

Test(letter_check, no_dates) {
  expect_request_problem(
      "work-visa-invitation",
      REQUEST("category=\"C3\" entries=\"single\" from=\"2027-01-01\" " FIELDS),
      "needs the dates from and to");
}

Test(letter_check, b2_single_entry_of_91_days_is_refused_90_accepted) {
  /* 2027-01-01 .. 2027-03-31 is 31 + 28 + 31 = 90 days. */
  expect_request_passes("business-visa-single-invitation",
                        VISA("B2", "single", "2027-01-01", "2027-03-31"));
  expect_request_problem("business-visa-single-invitation",
                         VISA("B2", "single", "2027-01-01", "2027-04-01"),
                         "the visa would run 91 days; the digest gives a "
                         "category B2 single-entry visa up to 90 days");
}

Test(letter_check, b2_multiple_entry_of_181_days_is_refused_180_accepted) {
  /* 2027-01-01 .. 2027-06-29: 151 days to the end of May, then 29. */
  static const char days180[] =
      VISA("B2", "multiple", "2027-01-01", "2027-06-29");
  static const char days181[] =
      VISA("B2", "multiple", "2027-01-01", "2027-06-30");
  expect_request_passes("business-visa-multi-invitation", days180);
  expect_passes("business-visa-multi-in-kz");
  expect_request_problem("business-visa-multi-invitation", days181,
                         "the visa would run 181 days; the digest gives a "
                         "category B2 multiple-entry visa up to 180 days");
  expect_request_problem("business-visa-multi-in-kz", days181, "181 days");
}

Test(letter_check, c3_of_24_months_accepted_25_refused_by_the_expat_centre) {
  /* The digest gives C3 up to 36 months; the Expat Centre arranges the
   * work visa for up to 24 (<letter max-months="24">). */
  static const char m25[] = VISA("C3", "single", "2027-01-01", "2029-01-31");
  expect_request_passes("work-visa-invitation",
                        VISA("C3", "single", "2027-01-01", "2028-12-31"));
  expect_passes("work-visa-in-kz");
  expect_request_problem("work-visa-invitation", m25,
                         "the visa would run 25 months; the Expat Centre "
                         "arranges this service for up to 24");
  expect_request_problem("work-visa-in-kz", m25, "up to 24");
  expect_request_problem("work-visa-invitation",
                         VISA("C3", "single", "2027-01-01", "2029-01-01"),
                         "the Expat Centre arranges this service for up to 24");
}

Test(letter_check, c5_multiple_of_25_months_is_refused) {
  expect_request_passes("business-immigrant-visa-extension",
                        VISA("C5", "multiple", "2027-01-01", "2028-12-31"));
  expect_request_problem("business-immigrant-visa-extension",
                         VISA("C5", "multiple", "2027-01-01", "2029-01-31"),
                         "the visa would run more than 24 months; the digest "
                         "gives a category C5 multiple-entry visa up to 24 "
                         "months");
}

Test(letter_check, c5_single_entry_of_91_days_is_refused) {
  expect_request_problem("business-visa-single-invitation",
                         VISA("C5", "single", "2027-01-01", "2027-04-01"),
                         "category C5 single-entry visa up to 90 days");
}

Test(letter_check, c3_multiple_entry_is_held_to_the_single_entry_limits) {
  /* The digest gives C3 as single-entry only, 12 to 36 months: a
   * multiple-entry C3 of 37 months gets the warning, and the limit it
   * breaks is named as the single-entry one it comes from. */
  static const char xml[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "multiple", "2027-01-01", "2030-01-31"));
  use_xml(xml, 1);
  cr_expect_eq(check("work-visa-invitation"), QUJAT_ERR_RULE);
  if (D.n != 2)
    dump();
  cr_expect_eq(D.n, 2);
  int line = test_line_of(xml, "<request");
  expect_problem_at(line, "the visa would run 37 months; the Expat Centre "
                          "arranges this service for up to 24");
  expect_problem_at(line, "the visa would run more than 36 months; the "
                          "digest gives a category C3 single-entry visa up "
                          "to 36 months");
}

Test(letter_check, dependant_passport_expiring_2_months_after_the_visa) {
  /* The visa ends on 2027-12-31: every passport must be valid until
   * 2028-03-31. The applicant's is; the spouse's ends a month early. */
  static const char xml[] =
      PROFILE(APPLICANT SPOUSE_WITH(JANE_ATTRS, "2028-02-29") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<dependant",
                     "dependant SMITH JANE: the passport expires on "
                     "2028-02-29; it must be valid at least 3 months after "
                     "the visa ends, until 2028-03-31");
  expect_one_problem("work-visa-in-kz", xml, 1, "<dependant", "2028-03-31");
}

Test(letter_check, passport_valid_exactly_3_months_after_the_visa_is_enough) {
  static const char last_day[] =
      PROFILE(APPLICANT SPOUSE_WITH(JANE_ATTRS, "2028-03-31") COMPANY C3_YEAR);
  static const char day_before[] =
      PROFILE(APPLICANT SPOUSE_WITH(JANE_ATTRS, "2028-03-30") COMPANY C3_YEAR);
  use_xml(last_day, 1);
  expect_passes("work-visa-invitation");
  expect_one_problem("work-visa-invitation", day_before, 1, "<dependant",
                     "the passport expires on 2028-03-30");
}

Test(letter_check, applicant_passport_too_short) {
  static const char xml[] = PROFILE(
      PERSON("applicant", "", JOHN, JOHN_ATTRS, "2028-01-15") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<applicant",
                     "applicant SMITH JOHN: the passport expires on "
                     "2028-01-15");
}

Test(letter_check, names_with_a_cyrillic_letter) {
  /* "SМITH" with a Cyrillic М (U+041C). */
  static const char xml[] =
      PROFILE(APPLICANT SPOUSE_WITH(JANE_ATTRS, "2031-01-01") COMPANY C3_YEAR);
  static const char cyrillic[] =
      PROFILE(APPLICANT PERSON_N("dependant", "relation=\"spouse\" ",
                                 "surname=\"S\xd0\x9cITH\" given-names=\"JANE\"",
                                 JANE_ATTRS, "987654321", "2031-01-01")
                  COMPANY C3_YEAR);
  use_xml(xml, 1);
  expect_passes("work-visa-invitation");
  /* The schema's latinName pattern refuses it already... */
  qujat_profile *p = NULL;
  cr_expect_eq(qujat_profile_load_memory(cat, cyrillic, strlen(cyrillic), NAME,
                                         &p, &err),
               QUJAT_ERR_CATALOG);
  cr_expect_null(p);
  /* ...so the letter's own check is tested without the schema. */
  expect_one_problem("work-visa-invitation", cyrillic, 0, "<dependant",
                     "names must be in Latin letters, as in the passport");
}

Test(letter_check, cyrillic_given_names_of_the_applicant) {
  static const char xml[] = PROFILE(
      APPLICANT_WITH("surname=\"SMITH\" given-names=\"\xd0\x98\xd0\x92\xd0\x90"
                     "N\"",
                     JOHN_ATTRS) COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 0, "<applicant",
                     "applicant SMITH");
  expect_problem_at(test_line_of(xml, "<applicant"), "Latin letters");
}

Test(letter_check, citizenship_not_a_country) {
  static const char xml[] =
      PROFILE(APPLICANT_WITH(JOHN, "birth-date=\"1985-03-14\" sex=\"M\" "
                                   "citizenship=\"XX\"") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<applicant",
                     "citizenship 'XX' is not an ISO 3166-1 country code");
}

Test(letter_check, person_without_birth_date_sex_or_citizenship) {
  static const char no_birth[] = PROFILE(APPLICANT SPOUSE_WITH(
      "sex=\"F\" citizenship=\"GB\"", "2031-01-01") COMPANY C3_YEAR);
  static const char no_sex[] = PROFILE(
      APPLICANT SPOUSE_WITH("birth-date=\"1987-01-02\" citizenship=\"GB\"",
                            "2031-01-01") COMPANY C3_YEAR);
  static const char no_citizenship[] = PROFILE(APPLICANT SPOUSE_WITH(
      "birth-date=\"1987-01-02\" sex=\"F\"", "2031-01-01") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", no_birth, 1, "<dependant",
                     "dependant SMITH JANE: the letter needs the birth-date");
  expect_one_problem("work-visa-invitation", no_sex, 1, "<dependant",
                     "the letter needs the sex (M or F)");
  expect_one_problem("work-visa-invitation", no_citizenship, 1, "<dependant",
                     "the letter needs the citizenship");
}

Test(letter_check, person_without_passport) {
  static const char xml[] = PROFILE(
      APPLICANT
      "  <dependant relation=\"child\" surname=\"SMITH\" given-names=\"TOM\" "
      "birth-date=\"2012-06-01\" sex=\"M\" citizenship=\"GB\"/>\n" COMPANY
          C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<dependant",
                     "dependant SMITH TOM: the letter needs the <passport "
                     "number expires>");
}

Test(letter_check, missing_purpose) {
  static const char request[] =
      REQUEST("category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
              "to=\"2027-12-31\" " ISSUE " " STAY " " NUMBER);
  expect_request_problem("work-visa-invitation", request,
                         "<request>: the letter needs the purpose of the trip");
  expect_request_problem("work-visa-in-kz", request, "purpose");
}

Test(letter_check, invitation_without_issue_place) {
  expect_request_problem(
      "work-visa-invitation",
      REQUEST("category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
              "to=\"2027-12-31\" " PURPOSE " " STAY " " NUMBER),
      "an invitation needs the issue-place");
  /* A request (the foreigner is in Kazakhstan) does not need it. */
  expect_passes("work-visa-in-kz");
}

Test(letter_check, several_problems_are_all_reported_the_first_in_err) {
  /* No BIN and no head; category A5 with no purpose and no issue-place;
   * a spouse without birth-date and with a passport too short (the period
   * itself is not checked: the category does not fit). */
  static const char xml[] = PROFILE(
      APPLICANT SPOUSE_WITH("sex=\"F\" citizenship=\"GB\"", "2027-06-01")
          COMPANY_WITH("", "")
              REQUEST("category=\"A5\" entries=\"single\" from=\"2027-01-01\" "
                      "to=\"2027-12-31\""));
  use_xml(xml, 1);
  cr_expect_eq(check_full("work-visa-invitation", DATE, 11), QUJAT_ERR_RULE);
  if (D.n != 8)
    dump();
  cr_expect_eq(D.n, 8, "%d problems", D.n);
  int company = test_line_of(xml, "<company"),
      req_line = test_line_of(xml, "<request"),
      spouse = test_line_of(xml, "<dependant");
  expect_problem_at(company, "12-digit");
  expect_problem_at(company, "<head position name>");
  expect_problem_at(req_line, "this service is for category C3");
  expect_problem_at(req_line, "purpose");
  expect_problem_at(req_line, "issue-place");
  expect_problem_at(spouse, "birth-date");
  expect_problem_at(spouse, "the passport expires on 2027-06-01");
  /* copies has no place in the profile: line 0. */
  expect_problem_at(0, "copies: expected 1 to 10, got 11");
  /* The first problem is the one in err. */
  cr_expect_eq(err.code, QUJAT_ERR_RULE);
  cr_expect_eq(err.line, company);
  cr_expect_str_eq(err.file, NAME);
  cr_expect_str_eq(err.msg, D.msg[0]);
  cr_expect(strstr(err.msg, "bin") != NULL, "%s", err.msg);
  /* Without a callback or an error the check still counts right. */
  qujat_request req = request("work-visa-invitation", DATE, QUJAT_LANG_EN, 0);
  cr_expect_eq(qujat_letter_check(cat, &req, NULL, NULL, NULL), QUJAT_ERR_RULE);
  /* qujat_document_build refuses with the first problem. */
  qujat_document *d = NULL;
  memset(&err, 0, sizeof err);
  cr_expect_eq(qujat_document_build(cat, &req, &d, &err), QUJAT_ERR_RULE);
  cr_expect_null(d);
  cr_expect_eq(err.line, company);
  cr_expect(strstr(err.msg, "bin") != NULL, "%s", err.msg);
}

Test(letter_check, problems_of_a_fixture_file) {
  use_fixture("letter-problems.xml");
  cr_expect_eq(check("work-visa-invitation"), QUJAT_ERR_RULE);
  cr_expect_eq(D.n, 6, "%d problems", D.n);
  cr_expect(strstr(D.file[0], "letter-problems.xml") != NULL, "%s", D.file[0]);
  cr_expect_eq(D.line[0], 13);
  cr_expect_eq(err.line, 13);
}

Test(letter_check, service_without_a_letter_lists_the_services_with_letters) {
  static const char *const with_letters[] = {
      "work-visa-invitation",
      "work-visa-in-kz",
      "investor-visa-invitation",
      "investor-visa-in-kz",
      "business-visa-single-invitation",
      "business-visa-multi-invitation",
      "business-visa-multi-in-kz",
      "business-immigrant-visa-extension"};
  /* The eight ids (211 characters) fit in qujat_error.msg (256 bytes)
   * after "'iin' has no letter; letters are for ", in the catalog's order.
   * They used to be cut short at 255 bytes ("business-immigrant-v"). */
  use_xml(GOOD, 1);
  cr_expect_eq(check("iin"), QUJAT_ERR_ARG);
  cr_expect_eq(D.n, 0, "an argument error is not a problem of the profile");
  cr_expect_eq(err.code, QUJAT_ERR_ARG);
  cr_expect_eq(err.line, 0);
  char want[QUJAT_ERROR_MSG_SIZE] = "'iin' has no letter; letters are for ";
  for (size_t i = 0; i < sizeof with_letters / sizeof with_letters[0]; i++)
    snprintf(want + strlen(want), sizeof want - strlen(want), "%s%s",
             i ? ", " : "", with_letters[i]);
  cr_expect_str_eq(err.msg, want);
  /* Extensions of work and investor visas have no letter. */
  cr_expect_eq(check("work-visa-extension"), QUJAT_ERR_ARG);
  expect_text("err", err.msg, "'work-visa-extension' has no letter");
  /* qujat_document_build says the same. */
  qujat_request req = request("iin", DATE, QUJAT_LANG_EN, 0);
  qujat_document *d = NULL;
  cr_expect_eq(qujat_document_build(cat, &req, &d, &err), QUJAT_ERR_ARG);
  cr_expect_null(d);
  cr_expect_str_eq(err.msg, want);
}

Test(letter_check, a_long_service_id_leaves_room_for_whole_ids_only) {
  /* 'trp-business-immigrant-extension' (32 characters) leaves no room for
   * the last id: the list ends with "..." after the last whole id. */
  use_xml(GOOD, 1);
  cr_expect_eq(check("trp-business-immigrant-extension"), QUJAT_ERR_ARG);
  cr_expect_lt(strlen(err.msg), sizeof err.msg - 1, "cut at %zu bytes: %s",
               strlen(err.msg), err.msg);
  const char *list = strstr(err.msg, "letters are for ");
  cr_assert_not_null(list, "%s", err.msg);
  list += strlen("letters are for ");
  size_t n = strlen(list);
  cr_assert_gt(n, 5);
  cr_expect_str_eq(list + n - 5, ", ...", "%s", err.msg);
  /* Every item before "..." is a whole id of a service with a letter. */
  const char *end = list + n - 5;
  int whole = 0;
  for (const char *it = list; it < end; whole++) {
    const char *comma = strstr(it, ", ");
    size_t len = (size_t)((comma && comma < end ? comma : end) - it);
    char id[64];
    snprintf(id, sizeof id, "%.*s", (int)len, it);
    long k = qujat_catalog_find_service(cat, id);
    cr_expect_geq(k, 0, "'%s' is not a service id", id);
    if (k >= 0)
      cr_expect(cat->services[k].letter.present, "'%s' has no letter", id);
    it += len + 2;
  }
  cr_expect_eq(whole, 7, "%d whole ids: %s", whole, err.msg);
}

Test(letter_check, unknown_service_and_bad_date) {
  use_xml(GOOD, 1);
  cr_expect_eq(check("no-such-service"), QUJAT_ERR_ARG);
  expect_text("err", err.msg, "unknown service 'no-such-service'");
  cr_expect_eq(check_full("work-visa-invitation", "2026-02-30", 0),
               QUJAT_ERR_ARG);
  expect_text("err", err.msg, "not a date");
  cr_expect_eq(check_full("work-visa-invitation", NULL, 0), QUJAT_ERR_ARG);
  cr_expect_eq(D.n, 0);
}

Test(letter_check, no_profile) {
  cr_expect_eq(check("work-visa-invitation"), QUJAT_ERR_ARG);
  expect_text("err", err.msg, "a letter needs a profile");
  cr_expect_eq(D.n, 0);
  qujat_request req = request("work-visa-invitation", DATE, QUJAT_LANG_EN, 0);
  qujat_document *d = NULL;
  cr_expect_eq(qujat_document_build(cat, &req, &d, &err), QUJAT_ERR_ARG);
  cr_expect_null(d);
}

Test(letter_check, copies_0_means_2_and_11_is_refused) {
  use_xml(GOOD, 1);
  build_full("work-visa-invitation", DATE, QUJAT_LANG_EN, 0);
  cr_expect_eq(doc->letter->copies, 2);
  build_full("work-visa-invitation", DATE, QUJAT_LANG_EN, 1);
  cr_expect_eq(doc->letter->copies, 1);
  build_full("work-visa-invitation", DATE, QUJAT_LANG_EN, 10);
  cr_expect_eq(doc->letter->copies, 10);
  cr_expect_eq(check_full("work-visa-invitation", DATE, 10), QUJAT_OK);
  static const int bad[] = {11, -1};
  for (size_t i = 0; i < 2; i++) {
    cr_expect_eq(check_full("work-visa-invitation", DATE, bad[i]),
                 QUJAT_ERR_RULE, "copies %d", bad[i]);
    cr_expect_eq(D.n, 1, "copies %d: %d problems", bad[i], D.n);
    char want[64];
    snprintf(want, sizeof want, "copies: expected 1 to 10, got %d", bad[i]);
    cr_expect_str_eq(err.msg, want);
    cr_expect_eq(err.line, 0);
    qujat_request req =
        request("work-visa-invitation", DATE, QUJAT_LANG_EN, bad[i]);
    qujat_document *d = NULL;
    cr_expect_eq(qujat_document_build(cat, &req, &d, &err), QUJAT_ERR_RULE);
    cr_expect_null(d);
  }
}
