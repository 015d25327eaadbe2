/* Unit tests of the invitation and request letters (rules_letter.c, the
 * letter parts of compose.c, template_xml.c, countries_xml.c) through
 * qujat_letter_check and qujat_document_build with the real catalog, the
 * profiles of tests/data/profiles and profiles built in memory. Every
 * problem is counted through the diag callback with its line in the
 * profile. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "letter_profiles.h"
#include "qujat/qujat.h"

#define PROFILES QUJAT_TEST_FIXTURES "/profiles"
#define DATE "2026-11-21"
#define NAME "letter.xml" /* the name of in-memory profiles */
#define MAX_DIAGS 16

/* The problems qujat_letter_check passed to the callback. */
struct diags {
  int n;
  qujat_status code[MAX_DIAGS];
  int line[MAX_DIAGS];
  char file[MAX_DIAGS][QUJAT_ERROR_FILE_SIZE];
  char msg[MAX_DIAGS][QUJAT_ERROR_MSG_SIZE];
};

static qujat_catalog *cat;
static qujat_profile *prof;
static qujat_document *doc;
static qujat_error err;
static struct diags D;

static void setup(void) {
  qujat_status st = qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &cat, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
}

static void teardown(void) {
  qujat_document_free(doc);
  qujat_profile_free(prof);
  qujat_catalog_free(cat);
}

TestSuite(letter, .init = setup, .fini = teardown);

/* The 1-based line of the first `needle` in `xml`. */
static int line_of(const char *xml, const char *needle) {
  const char *at = strstr(xml, needle);
  cr_assert_not_null(at, "'%s' not in the profile", needle);
  int line = 1;
  for (const char *p = xml; p < at; p++)
    line += *p == '\n';
  return line;
}

/* Loads `xml` as the profile, validated by the catalog's schema (`schema`)
 * or with no schema (qujat_profile_load_memory(NULL, ...)). */
static void use_xml(const char *xml, int schema) {
  qujat_profile_free(prof);
  prof = NULL;
  qujat_status st = qujat_profile_load_memory(schema ? cat : NULL, xml,
                                              strlen(xml), NAME, &prof, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s\n%s", err.file, err.line, err.msg,
               xml);
}

static void use_fixture(const char *name) {
  qujat_profile_free(prof);
  prof = NULL;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", PROFILES, name);
  qujat_status st = qujat_profile_load_file(cat, path, &prof, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
}

static void collect(const qujat_error *e, void *user) {
  struct diags *d = user;
  if (d->n < MAX_DIAGS) {
    d->code[d->n] = e->code;
    d->line[d->n] = e->line;
    snprintf(d->file[d->n], sizeof d->file[0], "%s", e->file);
    snprintf(d->msg[d->n], sizeof d->msg[0], "%s", e->msg);
  }
  d->n++;
}

static qujat_request request(const char *service, const char *date,
                             qujat_lang lang, int copies) {
  qujat_request req = {0};
  req.kind = QUJAT_DOC_LETTER;
  req.service = service;
  req.profile = prof;
  req.lang = lang;
  req.date = date;
  req.copies = copies;
  return req;
}

/* qujat_letter_check of the current profile, the problems in D. */
static qujat_status check_full(const char *service, const char *date,
                               int copies) {
  memset(&D, 0, sizeof D);
  memset(&err, 0, sizeof err);
  qujat_request req = request(service, date, QUJAT_LANG_EN, copies);
  return qujat_letter_check(cat, &req, collect, &D, &err);
}

static qujat_status check(const char *service) {
  return check_full(service, DATE, 0);
}

static void dump(void) {
  for (int i = 0; i < D.n && i < MAX_DIAGS; i++)
    fprintf(stderr, "  %s:%d: %s\n", D.file[i], D.line[i], D.msg[i]);
}

static void expect_passes(const char *service) {
  qujat_status st = check(service);
  if (st != QUJAT_OK || D.n)
    dump();
  cr_expect_eq(st, QUJAT_OK, "%s: %s", service, err.msg);
  cr_expect_eq(D.n, 0, "%s: %d problems", service, D.n);
}

/* The index of the problem containing `part`, or -1. */
static int problem_with(const char *part) {
  for (int i = 0; i < D.n && i < MAX_DIAGS; i++)
    if (strstr(D.msg[i], part))
      return i;
  return -1;
}

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
static void expect_one_problem(const char *service, const char *xml,
                               int schema, const char *where,
                               const char *part) {
  use_xml(xml, schema);
  qujat_status st = check(service);
  cr_expect_eq(st, QUJAT_ERR_RULE, "%s: status %d", service, st);
  if (D.n != 1)
    dump();
  cr_assert_eq(D.n, 1, "%s: %d problems, expected 1", service, D.n);
  int line = line_of(xml, where);
  expect_problem_at(line, part);
  cr_expect_eq(err.code, QUJAT_ERR_RULE);
  cr_expect_eq(err.line, line);
  cr_expect_str_eq(err.file, NAME);
  cr_expect_str_eq(err.msg, D.msg[0]);
}

/* Builds the letter of `service` and asserts success. */
static void build_full(const char *service, const char *date,
                       qujat_lang lang, int copies) {
  qujat_document_free(doc);
  doc = NULL;
  qujat_request req = request(service, date, lang, copies);
  qujat_status st = qujat_document_build(cat, &req, &doc, &err);
  cr_assert_eq(st, QUJAT_OK, "%s (%s): %s:%d: %s", service,
               qujat_lang_code(lang), err.file, err.line, err.msg);
  cr_assert_not_null(doc);
  cr_assert_not_null(doc->letter, "no letter in the document");
}

static void build(const char *service, qujat_lang lang) {
  build_full(service, DATE, lang, 0);
}

/* Cell `col` of row `row` (row 0: the column titles). */
static const char *cell(size_t row, int col) {
  cr_assert_leq(row, doc->letter->npersons);
  return doc->letter->cells[row * LETTER_COLUMNS + col];
}

/* The first warning containing `part`, or NULL. */
static const char *warning_with(const char *part) {
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    if (strstr(qujat_document_warning(doc, i), part))
      return qujat_document_warning(doc, i);
  return NULL;
}

static void dump_warnings(void) {
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    fprintf(stderr, "  warning: %s\n", qujat_document_warning(doc, i));
}

static void expect_text(const char *what, const char *s, const char *part) {
  cr_assert_not_null(s, "%s is NULL", what);
  cr_expect(strstr(s, part) != NULL, "%s lacks '%s': %s", what, part, s);
}

static size_t count_of(const char *s, const char *part) {
  size_t n = 0;
  for (const char *p = s; (p = strstr(p, part)) != NULL; p += strlen(part))
    n++;
  return n;
}

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
  cr_expect_eq(doc->letter->request, 0, "work-visa-invitation is an invitation");
  build("work-visa-in-kz", QUJAT_LANG_EN);
  cr_expect_eq(doc->letter->copies, 2);
  cr_expect_eq(doc->letter->npersons, 3);
  cr_expect_eq(doc->letter->request, 1, "work-visa-in-kz is a request");
}

Test(letter, smith_family_table_in_each_language) {
  static const struct {
    qujat_lang lang;
    const char *no, *m, *f, *country;
  } langs[] = {
      {QUJAT_LANG_EN, "No.", "M", "F", "United Kingdom"},
      {QUJAT_LANG_RU, "№", "муж.", "жен.", "Великобритания"},
      {QUJAT_LANG_KK, "№", "ер", "әйел", "Ұлыбритания"},
  };
  static const struct {
    const char *name, *birth, *passport, *expires;
    int female;
  } rows[] = {{"SMITH JOHN", "14.03.1985", "123456789", "01.05.2029", 0},
              {"SMITH JANE", "02.01.1987", "987654321", "01.01.2030", 1},
              {"SMITH TOM", "01.06.2012", "555123456", "01.06.2031", 0}};
  use_fixture("smith-family.xml");
  for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
    const char *code = qujat_lang_code(langs[l].lang);
    for (int k = 0; k < 2; k++) {
      build(k ? "work-visa-in-kz" : "work-visa-invitation", langs[l].lang);
      cr_assert_eq(doc->letter->npersons, 3);
      cr_expect_str_eq(cell(0, 0), langs[l].no, "%s: title of column 1",
                       code);
      for (int c = 0; c < LETTER_COLUMNS; c++)
        cr_expect(cell(0, c) && *cell(0, c), "%s: column %d has no title",
                  code, c + 1);
      for (size_t r = 0; r < 3; r++) {
        char num[24];
        snprintf(num, sizeof num, "%zu", r + 1);
        cr_expect_str_eq(cell(r + 1, 0), num, "%s row %zu", code, r + 1);
        cr_expect_str_eq(cell(r + 1, 1), rows[r].name, "%s", code);
        cr_expect_str_eq(cell(r + 1, 2),
                         rows[r].female ? langs[l].f : langs[l].m,
                         "%s: sex of %s", code, rows[r].name);
        cr_expect_str_eq(cell(r + 1, 3), rows[r].birth, "%s", code);
        cr_expect_str_eq(cell(r + 1, 4), langs[l].country, "%s", code);
        cr_expect_str_eq(cell(r + 1, 5), rows[r].passport, "%s", code);
        cr_expect_str_eq(cell(r + 1, 6), rows[r].expires, "%s", code);
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
  cr_expect(strstr(w, "single-entry") && strstr(w, "multiple-entry"),
            "%s", w);
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
  for (int n = 1; n <= 3; n++) {
    char mark[128];
    snprintf(mark, sizeof mark, "%d-дана / Экземпляр %d / Copy %d of 3", n, n,
             n);
    cr_expect_eq(count_of(text, mark), 1, "'%s' not exactly once", mark);
  }
  cr_expect_eq(count_of(text, "987654321"), 3, "one table per copy");
  cr_expect_eq(count_of(text, "Copy 4"), 0);
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
  cr_expect_eq(st, QUJAT_ERR_ARG, "a kk+ru letter was built (status %d)",
               st);
  cr_expect_null(doc);
  expect_text("err", err.msg, "one language");
  memset(&D, 0, sizeof D);
  cr_expect_eq(qujat_letter_check(cat, &req, collect, &D, &err),
               QUJAT_ERR_ARG);
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
 * (b) Every check, each with its own profile
 * ------------------------------------------------------------------------ */

Test(letter, good_profile_passes_without_warnings) {
  use_xml(GOOD, 1);
  expect_passes("work-visa-invitation");
  expect_passes("work-visa-in-kz");
  build("work-visa-invitation", QUJAT_LANG_EN);
  if (qujat_document_warning_count(doc))
    dump_warnings();
  cr_expect_eq(qujat_document_warning_count(doc), 0);
}

Test(letter, no_company) {
  static const char xml[] = PROFILE(APPLICANT C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<profile",
                     "<company name bin>");
}

Test(letter, company_without_bin) {
  /* The schema lets a company leave out its BIN; a letter cannot. */
  static const char xml[] = PROFILE(APPLICANT COMPANY_WITH("", HEAD) C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<company",
                     "12-digit business identification number");
}

Test(letter, bin_not_12_digits) {
  static const char xml[] =
      PROFILE(APPLICANT COMPANY_WITH(" bin=\"12345678901A\"", HEAD) C3_YEAR);
  /* The schema refuses such a BIN already ([0-9]{12}): a profile loaded
   * with the catalog never reaches the letter's check... */
  qujat_profile *p = NULL;
  cr_expect_eq(qujat_profile_load_memory(cat, xml, strlen(xml), NAME, &p,
                                         &err),
               QUJAT_ERR_CATALOG);
  cr_expect_null(p);
  cr_expect_eq(err.line, line_of(xml, "<company"));
  /* ...so the library's own check is tested on a profile loaded without
   * the schema. */
  expect_one_problem("work-visa-invitation", xml, 0, "<company",
                     "12-digit business identification number");
  static const char short_bin[] =
      PROFILE(APPLICANT COMPANY_WITH(" bin=\"12345\"", HEAD) C3_YEAR);
  expect_one_problem("work-visa-invitation", short_bin, 0, "<company",
                     "12-digit");
}

Test(letter, no_head) {
  static const char xml[] =
      PROFILE(APPLICANT COMPANY_WITH(" bin=\"123456789012\"", "") C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<company",
                     "<head position name>");
}

Test(letter, no_request) {
  static const char xml[] = PROFILE(APPLICANT COMPANY);
  expect_one_problem("work-visa-invitation", xml, 1, "<profile",
                     "<request category entries from to purpose>");
}

Test(letter, category_the_service_does_not_arrange) {
  static const char xml[] = PROFILE(
      APPLICANT COMPANY VISA("A5", "multiple", "2027-01-01", "2027-12-31"));
  expect_one_problem("work-visa-invitation", xml, 1, "<request",
                     "<request category=\"A5\">: this service is for "
                     "category C3");
  /* The same request suits the investor's invitation. */
  expect_passes("investor-visa-invitation");
}

Test(letter, categories_listed_for_a_service_with_several) {
  static const char xml[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2027-02-28"));
  expect_one_problem("business-visa-single-invitation", xml, 1, "<request",
                     "this service is for category B1, B2, B3, C5");
}

Test(letter, no_category) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "entries=\"single\" from=\"2027-01-01\" to=\"2027-12-31\" " FIELDS));
  expect_one_problem("work-visa-invitation", xml, 1, "<request",
                     "needs the visa category (C3)");
}

Test(letter, single_entry_for_the_multiple_entry_invitation) {
  /* B2 single-entry for 60 days: fine for the digest, but this service
   * arranges multiple-entry visas only. */
  static const char xml[] = PROFILE(
      APPLICANT COMPANY VISA("B2", "single", "2027-01-01", "2027-03-01"));
  expect_one_problem("business-visa-multi-invitation", xml, 1, "<request",
                     "<request entries=\"single\">: this service arranges "
                     "multiple-entry visas");
  expect_passes("business-visa-single-invitation");
}

Test(letter, multiple_entry_for_the_single_entry_invitation) {
  static const char xml[] = PROFILE(
      APPLICANT COMPANY VISA("B2", "multiple", "2027-01-01", "2027-03-01"));
  expect_one_problem("business-visa-single-invitation", xml, 1, "<request",
                     "arranges single-entry visas");
}

Test(letter, no_entries) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" from=\"2027-01-01\" to=\"2027-12-31\" " FIELDS));
  expect_one_problem("work-visa-invitation", xml, 1, "<request",
                     "needs entries (single or multiple)");
}

Test(letter, no_dates) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" " FIELDS));
  expect_one_problem("work-visa-invitation", xml, 1, "<request",
                     "needs the dates from and to");
}

Test(letter, b2_single_entry_of_91_days_is_refused_90_accepted) {
  /* 2027-01-01 .. 2027-03-31 is 31 + 28 + 31 = 90 days. */
  static const char days90[] = PROFILE(
      APPLICANT COMPANY VISA("B2", "single", "2027-01-01", "2027-03-31"));
  static const char days91[] = PROFILE(
      APPLICANT COMPANY VISA("B2", "single", "2027-01-01", "2027-04-01"));
  use_xml(days90, 1);
  expect_passes("business-visa-single-invitation");
  expect_one_problem("business-visa-single-invitation", days91, 1,
                     "<request",
                     "the visa would run 91 days; the digest gives a "
                     "category B2 single-entry visa up to 90 days");
}

Test(letter, b2_multiple_entry_of_181_days_is_refused_180_accepted) {
  /* 2027-01-01 .. 2027-06-29: 151 days to the end of May, then 29. */
  static const char days180[] = PROFILE(
      APPLICANT COMPANY VISA("B2", "multiple", "2027-01-01", "2027-06-29"));
  static const char days181[] = PROFILE(
      APPLICANT COMPANY VISA("B2", "multiple", "2027-01-01", "2027-06-30"));
  use_xml(days180, 1);
  expect_passes("business-visa-multi-invitation");
  expect_passes("business-visa-multi-in-kz");
  expect_one_problem("business-visa-multi-invitation", days181, 1,
                     "<request",
                     "the visa would run 181 days; the digest gives a "
                     "category B2 multiple-entry visa up to 180 days");
  expect_one_problem("business-visa-multi-in-kz", days181, 1, "<request",
                     "181 days");
}

Test(letter, c3_of_24_months_accepted_25_refused_by_the_expat_centre) {
  /* The digest gives C3 up to 36 months; the Expat Centre arranges the
   * work visa for up to 24 (<letter max-months="24">). */
  static const char m24[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2028-12-31"));
  static const char m25[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2029-01-31"));
  static const char m24_and_a_day[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2029-01-01"));
  use_xml(m24, 1);
  expect_passes("work-visa-invitation");
  expect_passes("work-visa-in-kz");
  expect_one_problem("work-visa-invitation", m25, 1, "<request",
                     "the visa would run 25 months; the Expat Centre "
                     "arranges this service for up to 24");
  expect_one_problem("work-visa-in-kz", m25, 1, "<request",
                     "up to 24");
  expect_one_problem("work-visa-invitation", m24_and_a_day, 1, "<request",
                     "the Expat Centre arranges this service for up to 24");
}

Test(letter, c5_multiple_of_25_months_is_refused) {
  static const char m24[] = PROFILE(
      APPLICANT COMPANY VISA("C5", "multiple", "2027-01-01", "2028-12-31"));
  static const char m25[] = PROFILE(
      APPLICANT COMPANY VISA("C5", "multiple", "2027-01-01", "2029-01-31"));
  use_xml(m24, 1);
  expect_passes("business-immigrant-visa-extension");
  expect_one_problem("business-immigrant-visa-extension", m25, 1,
                     "<request",
                     "the visa would run more than 24 months; the digest "
                     "gives a category C5 multiple-entry visa up to 24 "
                     "months");
}

Test(letter, c5_single_entry_of_91_days_is_refused) {
  static const char xml[] = PROFILE(
      APPLICANT COMPANY VISA("C5", "single", "2027-01-01", "2027-04-01"));
  expect_one_problem("business-visa-single-invitation", xml, 1, "<request",
                     "category C5 single-entry visa up to 90 days");
}

Test(letter, c3_multiple_entry_is_held_to_the_single_entry_limits) {
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
  int line = line_of(xml, "<request");
  expect_problem_at(line, "the visa would run 37 months; the Expat Centre "
                          "arranges this service for up to 24");
  expect_problem_at(line, "the visa would run more than 36 months; the "
                          "digest gives a category C3 single-entry visa up "
                          "to 36 months");
}

Test(letter, dependant_passport_expiring_2_months_after_the_visa) {
  /* The visa ends on 2027-12-31: every passport must be valid until
   * 2028-03-31. The applicant's is; the spouse's ends a month early. */
  static const char xml[] = PROFILE(
      APPLICANT SPOUSE_WITH(JANE_ATTRS, "2028-02-29") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<dependant",
                     "dependant SMITH JANE: the passport expires on "
                     "2028-02-29; it must be valid at least 3 months after "
                     "the visa ends, until 2028-03-31");
  expect_one_problem("work-visa-in-kz", xml, 1, "<dependant", "2028-03-31");
}

Test(letter, passport_valid_exactly_3_months_after_the_visa_is_enough) {
  static const char last_day[] = PROFILE(
      APPLICANT SPOUSE_WITH(JANE_ATTRS, "2028-03-31") COMPANY C3_YEAR);
  static const char day_before[] = PROFILE(
      APPLICANT SPOUSE_WITH(JANE_ATTRS, "2028-03-30") COMPANY C3_YEAR);
  use_xml(last_day, 1);
  expect_passes("work-visa-invitation");
  expect_one_problem("work-visa-invitation", day_before, 1, "<dependant",
                     "the passport expires on 2028-03-30");
}

Test(letter, applicant_passport_too_short) {
  static const char xml[] = PROFILE(
      PERSON("applicant", "", JOHN, JOHN_ATTRS, "2028-01-15") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<applicant",
                     "applicant SMITH JOHN: the passport expires on "
                     "2028-01-15");
}

Test(letter, names_with_a_cyrillic_letter) {
  /* "SМITH" with a Cyrillic М (U+041C). */
  static const char xml[] = PROFILE(APPLICANT SPOUSE_WITH(JANE_ATTRS,
                                                          "2031-01-01")
                                        COMPANY C3_YEAR);
  static const char cyrillic[] = PROFILE(
      APPLICANT
      PERSON("dependant", "relation=\"spouse\" ",
             "surname=\"S\xd0\x9cITH\" given-names=\"JANE\"", JANE_ATTRS,
             "2031-01-01") COMPANY C3_YEAR);
  use_xml(xml, 1);
  expect_passes("work-visa-invitation");
  /* The schema's latinName pattern refuses it already... */
  qujat_profile *p = NULL;
  cr_expect_eq(qujat_profile_load_memory(cat, cyrillic, strlen(cyrillic),
                                         NAME, &p, &err),
               QUJAT_ERR_CATALOG);
  cr_expect_null(p);
  /* ...so the letter's own check is tested without the schema. */
  expect_one_problem("work-visa-invitation", cyrillic, 0, "<dependant",
                     "names must be in Latin letters, as in the passport");
}

Test(letter, cyrillic_given_names_of_the_applicant) {
  static const char xml[] = PROFILE(
      APPLICANT_WITH("surname=\"SMITH\" given-names=\"\xd0\x98\xd0\x92\xd0\x90"
                     "N\"",
                     JOHN_ATTRS) COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 0, "<applicant",
                     "applicant SMITH");
  expect_problem_at(line_of(xml, "<applicant"), "Latin letters");
}

Test(letter, citizenship_not_a_country) {
  static const char xml[] = PROFILE(
      APPLICANT_WITH(JOHN, "birth-date=\"1985-03-14\" sex=\"M\" "
                           "citizenship=\"XX\"") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<applicant",
                     "citizenship 'XX' is not an ISO 3166-1 country code");
}

Test(letter, person_without_birth_date_sex_or_citizenship) {
  static const char no_birth[] = PROFILE(
      APPLICANT SPOUSE_WITH("sex=\"F\" citizenship=\"GB\"", "2031-01-01")
          COMPANY C3_YEAR);
  static const char no_sex[] = PROFILE(
      APPLICANT SPOUSE_WITH("birth-date=\"1987-01-02\" citizenship=\"GB\"",
                            "2031-01-01") COMPANY C3_YEAR);
  static const char no_citizenship[] = PROFILE(
      APPLICANT SPOUSE_WITH("birth-date=\"1987-01-02\" sex=\"F\"",
                            "2031-01-01") COMPANY C3_YEAR);
  expect_one_problem("work-visa-invitation", no_birth, 1, "<dependant",
                     "dependant SMITH JANE: the letter needs the birth-date");
  expect_one_problem("work-visa-invitation", no_sex, 1, "<dependant",
                     "the letter needs the sex (M or F)");
  expect_one_problem("work-visa-invitation", no_citizenship, 1, "<dependant",
                     "the letter needs the citizenship");
}

Test(letter, person_without_passport) {
  static const char xml[] = PROFILE(
      APPLICANT
      "  <dependant relation=\"child\" surname=\"SMITH\" given-names=\"TOM\" "
      "birth-date=\"2012-06-01\" sex=\"M\" citizenship=\"GB\"/>\n" COMPANY
          C3_YEAR);
  expect_one_problem("work-visa-invitation", xml, 1, "<dependant",
                     "dependant SMITH TOM: the letter needs the <passport "
                     "number expires>");
}

Test(letter, missing_purpose) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " ISSUE " " STAY " " NUMBER));
  expect_one_problem("work-visa-invitation", xml, 1, "<request",
                     "<request>: the letter needs the purpose of the trip");
  expect_one_problem("work-visa-in-kz", xml, 1, "<request", "purpose");
}

Test(letter, invitation_without_issue_place) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " PURPOSE " " STAY " " NUMBER));
  expect_one_problem("work-visa-invitation", xml, 1, "<request",
                     "an invitation needs the issue-place");
  /* A request (the foreigner is in Kazakhstan) does not need it. */
  expect_passes("work-visa-in-kz");
}

Test(letter, several_problems_are_all_reported_the_first_in_err) {
  /* No BIN and no head; category A5 with no purpose and no issue-place;
   * a spouse without birth-date and with a passport too short (the period
   * itself is not checked: the category does not fit). */
  static const char xml[] = PROFILE(
      APPLICANT SPOUSE_WITH("sex=\"F\" citizenship=\"GB\"", "2027-06-01")
          COMPANY_WITH("", "") REQUEST(
              "category=\"A5\" entries=\"single\" from=\"2027-01-01\" "
              "to=\"2027-12-31\""));
  use_xml(xml, 1);
  cr_expect_eq(check_full("work-visa-invitation", DATE, 11), QUJAT_ERR_RULE);
  if (D.n != 8)
    dump();
  cr_expect_eq(D.n, 8, "%d problems", D.n);
  int company = line_of(xml, "<company"), req_line = line_of(xml, "<request"),
      spouse = line_of(xml, "<dependant");
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
  cr_expect_eq(qujat_letter_check(cat, &req, NULL, NULL, NULL),
               QUJAT_ERR_RULE);
  /* qujat_document_build refuses with the first problem. */
  qujat_document *d = NULL;
  memset(&err, 0, sizeof err);
  cr_expect_eq(qujat_document_build(cat, &req, &d, &err), QUJAT_ERR_RULE);
  cr_expect_null(d);
  cr_expect_eq(err.line, company);
  cr_expect(strstr(err.msg, "bin") != NULL, "%s", err.msg);
}

Test(letter, problems_of_a_fixture_file) {
  use_fixture("letter-problems.xml");
  cr_expect_eq(check("work-visa-invitation"), QUJAT_ERR_RULE);
  cr_expect_eq(D.n, 6, "%d problems", D.n);
  cr_expect(strstr(D.file[0], "letter-problems.xml") != NULL, "%s",
            D.file[0]);
  cr_expect_eq(D.line[0], 13);
  cr_expect_eq(err.line, 13);
}

Test(letter, service_without_a_letter_lists_the_services_with_letters) {
  static const char *const with_letters[] = {
      "work-visa-invitation",            "work-visa-in-kz",
      "investor-visa-invitation",        "investor-visa-in-kz",
      "business-visa-single-invitation", "business-visa-multi-invitation",
      "business-visa-multi-in-kz",       "business-immigrant-visa-extension"};
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

Test(letter, a_long_service_id_leaves_room_for_whole_ids_only) {
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

Test(letter, unknown_service_and_bad_date) {
  use_xml(GOOD, 1);
  cr_expect_eq(check("no-such-service"), QUJAT_ERR_ARG);
  expect_text("err", err.msg, "unknown service 'no-such-service'");
  cr_expect_eq(check_full("work-visa-invitation", "2026-02-30", 0),
               QUJAT_ERR_ARG);
  expect_text("err", err.msg, "not a date");
  cr_expect_eq(check_full("work-visa-invitation", NULL, 0), QUJAT_ERR_ARG);
  cr_expect_eq(D.n, 0);
}

Test(letter, no_profile) {
  cr_expect_eq(check("work-visa-invitation"), QUJAT_ERR_ARG);
  expect_text("err", err.msg, "a letter needs a profile");
  cr_expect_eq(D.n, 0);
  qujat_request req = request("work-visa-invitation", DATE, QUJAT_LANG_EN, 0);
  qujat_document *d = NULL;
  cr_expect_eq(qujat_document_build(cat, &req, &d, &err), QUJAT_ERR_ARG);
  cr_expect_null(d);
}

Test(letter, copies_0_means_2_and_11_is_refused) {
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
  cr_expect_str_eq(cell(1, 1), "O'BRIEN SEAN");
  cr_expect_str_eq(cell(1, 4), "Ireland");
}

/* ------------------------------------------------------------------------
 * (c) Warnings: the letter is written, with blanks or a note
 * ------------------------------------------------------------------------ */

Test(letter, no_stay_address_leaves_a_blank_line) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " PURPOSE " " ISSUE " " NUMBER));
  use_xml(xml, 1);
  expect_passes("work-visa-invitation");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with("no stay-address"));
  expect_text("stay", doc->letter->stay, "________________");
}

Test(letter, no_letter_number_leaves_a_blank) {
  static const char xml[] = PROFILE(APPLICANT COMPANY REQUEST(
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "
      "to=\"2027-12-31\" " PURPOSE " " ISSUE " " STAY));
  use_xml(xml, 1);
  expect_passes("work-visa-invitation");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with("no letter-number"));
  expect_text("outgoing", doc->letter->outgoing, "________");
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
  cr_expect_eq(check_full("work-visa-invitation", "2027-01-02", 0),
               QUJAT_OK);
  build_full("work-visa-invitation", "2027-01-02", QUJAT_LANG_EN, 0);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with("start before the date of the letter"));
  /* On the first day itself: no warning. */
  build_full("work-visa-invitation", "2027-01-01", QUJAT_LANG_EN, 0);
  cr_expect_eq(qujat_document_warning_count(doc), 0);
}

Test(letter, c3_shorter_than_12_months) {
  static const char six[] = PROFILE(
      APPLICANT COMPANY VISA("C3", "single", "2027-01-01", "2027-06-30"));
  use_xml(six, 1);
  expect_passes("work-visa-invitation");
  build("work-visa-invitation", QUJAT_LANG_EN);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_not_null(warning_with("less than 12 months"));
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
   * letter date: five warnings, no problem. */
  cr_expect_eq(check_full("work-visa-invitation", "2027-01-05", 0), QUJAT_OK);
  cr_expect_eq(D.n, 0);
  build_full("work-visa-invitation", "2027-01-05", QUJAT_LANG_EN, 0);
  if (qujat_document_warning_count(doc) != 5)
    dump_warnings();
  cr_expect_eq(qujat_document_warning_count(doc), 5);
}

