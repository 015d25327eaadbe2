/* SPDX-License-Identifier: MIT */
/* Unit tests of the profile loader (profile_xml.c) with the real catalog,
 * whose profile schema is applied. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "helpers.h"
#include "catalog/catalog.h"
#include "qujat/qujat.h"

TestSuite(profile, .init = fixture_setup, .fini = fixture_teardown);

static qujat_status load_file(const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", PROFILES, name);
  qujat_profile_free(prof);
  prof = NULL;
  return qujat_profile_load_file(cat, path, &prof, &err);
}

static void load_file_ok(const char *name) {
  qujat_status st = load_file(name);
  cr_assert_eq(st, QUJAT_OK, "%s: %s:%d: %s", name, err.file, err.line,
               err.msg);
}

/* A profile document around `body` (the children of <profile>). */
static char body_doc[64 * 1024];

static const char *wrap_body(const char *body) {
  int n = snprintf(body_doc, sizeof body_doc,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<profile xmlns=\"urn:qujat:profile:1\">\n%s</profile>\n",
                   body);
  cr_assert(n > 0 && (size_t)n < sizeof body_doc);
  return body_doc;
}

static qujat_status load_mem_with(const qujat_catalog *c, const char *xml) {
  qujat_profile_free(prof);
  prof = NULL;
  return qujat_profile_load_memory(c, xml, strlen(xml), "p.xml", &prof, &err);
}

/* Asserts that `xml` is rejected with `code` and a message containing
 * `msg` (NULL: any message). */
static void expect_rejected(const char *xml, qujat_status code,
                            const char *msg) {
  qujat_status st = load_mem_with(cat, xml);
  cr_expect_eq(st, code, "status %d (%s), expected %d", st, err.msg, code);
  cr_expect_eq(err.code, code);
  cr_expect_null(prof);
  cr_expect_neq(err.msg[0], '\0', "no message");
  cr_expect_str_eq(err.file, "p.xml");
  cr_expect_gt(err.line, 0, "no line: %s", err.msg);
  if (msg)
    cr_expect_neq(strstr(err.msg, msg), NULL, "message '%s' lacks '%s'",
                  err.msg, msg);
}

#define APPLICANT "<applicant surname=\"DOE\" given-names=\"ALEX\"/>\n"

/* ------------------------------------------------------------------------
 * The fixture profiles
 * ------------------------------------------------------------------------ */

static void load_ok(const char *dir, const char *name, void *user) {
  (void)dir;
  (void)user;
  load_file_ok(name);
}

Test(profile, every_fixture_profile_loads) {
  size_t n = test_each_xml_file(PROFILES, load_ok, NULL);
  cr_expect_geq(n, 7, "only %zu profiles", n);
}

Test(profile, smith_family_fields) {
  load_file_ok("smith-family.xml");
  const struct qujat_profile *p = prof;
  cr_expect_str_eq(p->applicant.surname, "SMITH");
  cr_expect_str_eq(p->applicant.given_names, "JOHN");
  cr_expect(p->applicant.has_birth && p->applicant.birth.y == 1985 &&
            p->applicant.birth.m == 3 && p->applicant.birth.d == 14);
  cr_expect_str_eq(p->role, "employee");
  cr_expect(p->applicant.passport.present && p->applicant.passport.has_issued);
  cr_expect_str_eq(p->applicant.passport.number, "123456789");
  cr_expect(p->has_visa && p->visa_expires.y == 2027 &&
            p->visa_expires.m == 1 && p->visa_expires.d == 15);
  cr_expect_str_eq(p->visa_category, "C3");
  cr_assert_eq(p->ndependants, 2);
  cr_expect_str_eq(p->dependants[0].relation, "spouse");
  cr_expect_str_eq(p->dependants[0].given_names, "JANE");
  cr_expect(p->dependants[0].passport.present &&
            !p->dependants[0].passport.has_issued);
  cr_expect_str_eq(p->dependants[1].relation, "child");
  cr_expect(p->dependants[1].passport.present);
  cr_expect_str_eq(p->dependants[1].passport.number, "555123456");
  cr_expect_str_eq(p->letter_number, "HR-118");
  cr_expect_str_eq(p->company_form, "legal-entity");
  cr_expect_str_eq(p->head_name, "Aigerim Nurlanovna Sadykova");
  cr_expect(p->has_from && p->has_to && p->to.y == 2028 && p->to.m == 12 &&
            p->to.d == 31);
  cr_expect_eq(p->by_representative, TRI_TRUE);
  cr_expect_eq(p->work_permit_required, TRI_FALSE);
  cr_expect_eq(p->personal_manager, TRI_FALSE);
}

Test(profile, minimal_profile_leaves_every_fact_unknown) {
  load_file_ok("minimal.xml");
  cr_expect_str_eq(prof->applicant.surname, "DOE");
  cr_expect_eq(prof->applicant.has_birth, 0);
  cr_expect_eq(prof->ndependants, 0);
  cr_expect_eq(prof->has_visa, 0);
  cr_expect_eq(prof->has_company, 0);
  cr_expect_eq(prof->has_request, 0);
  cr_expect_eq(prof->by_representative, TRI_UNSET);
  cr_expect_eq(prof->priority, TRI_UNSET);
  cr_expect_null(prof->filing_for);
  cr_expect_str_eq(prof->role, "employee");
}

Test(profile, expert_and_filing_for) {
  load_file_ok("expert-branch.xml");
  cr_expect_str_eq(prof->role, "expert");
  cr_expect_str_eq(prof->company_address, "Kabanbay Batyr Avenue 11, Astana");
  load_file_ok("priority-iin.xml");
  cr_expect_eq(prof->priority, TRI_TRUE);
  cr_expect_str_eq(prof->filing_for, "individual");
}

Test(profile, missing_file_is_an_io_error) {
  cr_expect_eq(load_file("no-such-profile.xml"), QUJAT_ERR_IO);
  cr_expect_null(prof);
}

/* ------------------------------------------------------------------------
 * Rejections
 * ------------------------------------------------------------------------ */

Test(profile, wrong_root_element_is_refused) {
  expect_rejected("<profil xmlns=\"urn:qujat:profile:1\">" APPLICANT
                  "</profil>\n",
                  QUJAT_ERR_CATALOG, "<profile");
}

Test(profile, wrong_namespace_is_refused) {
  expect_rejected("<profile xmlns=\"urn:qujat:profile:2\">" APPLICANT
                  "</profile>\n",
                  QUJAT_ERR_CATALOG, "urn:qujat:profile:1");
  expect_rejected("<profile>" APPLICANT "</profile>\n", QUJAT_ERR_CATALOG,
                  NULL);
}

Test(profile, missing_surname_is_refused) {
  expect_rejected(wrap_body("<applicant given-names=\"ALEX\"/>\n"),
                  QUJAT_ERR_CATALOG, "surname");
}

Test(profile, impossible_date_is_refused) {
  expect_rejected(wrap_body("<applicant surname=\"DOE\" given-names=\"ALEX\" "
                            "birth-date=\"2026-02-30\"/>\n"),
                  QUJAT_ERR_CATALOG, "2026-02-30");
}

Test(profile, passport_expiring_before_issue_is_refused) {
  expect_rejected(
      wrap_body("<applicant surname=\"DOE\" given-names=\"ALEX\">\n"
                "<passport number=\"AB12345\" issued=\"2026-01-10\" "
                "expires=\"2025-01-10\"/>\n</applicant>\n"),
      QUJAT_ERR_CATALOG, "passport");
}

Test(profile, request_from_after_to_is_refused) {
  expect_rejected(wrap_body(APPLICANT
                            "<request category=\"C3\" "
                            "from=\"2027-01-01\" to=\"2026-12-31\"/>\n"),
                  QUJAT_ERR_CATALOG, "from");
}

Test(profile, unknown_relation_is_refused_by_the_schema) {
  expect_rejected(wrap_body(APPLICANT
                            "<dependant relation=\"cousin\" "
                            "surname=\"DOE\" given-names=\"SAM\"/>\n"),
                  QUJAT_ERR_CATALOG, "cousin");
}

Test(profile, doctype_is_refused) {
  expect_rejected("<?xml version=\"1.0\"?>\n"
                  "<!DOCTYPE profile [<!ENTITY n \"DOE\">]>\n"
                  "<profile xmlns=\"urn:qujat:profile:1\">\n"
                  "<applicant surname=\"&n;\" given-names=\"ALEX\"/>\n"
                  "</profile>\n",
                  QUJAT_ERR_XML, "DOCTYPE");
  cr_expect_eq(err.line, 2);
}

/* A profile with `n` children. */
static const char *with_dependants(int n) {
  static char body[32 * 1024];
  size_t o = (size_t)snprintf(body, sizeof body, "%s", APPLICANT);
  for (int i = 0; i < n; i++)
    o += (size_t)snprintf(body + o, sizeof body - o,
                          "<dependant relation=\"child\" surname=\"DOE\" "
                          "given-names=\"KID\"/>\n");
  cr_assert_lt(o, sizeof body);
  return wrap_body(body);
}

Test(profile, twenty_dependants_are_allowed) {
  cr_expect_eq(load_mem_with(cat, with_dependants(20)), QUJAT_OK, "%s",
               err.msg);
  cr_assert_not_null(prof);
  cr_expect_eq(prof->ndependants, 20);
}

Test(profile, more_than_twenty_dependants_are_refused) {
  qujat_status st = load_mem_with(cat, with_dependants(21));
  cr_expect(st == QUJAT_ERR_LIMIT || st == QUJAT_ERR_CATALOG, "status %d", st);
  cr_expect_null(prof);
  /* Without a schema the loader's own cap applies. */
  cr_expect_eq(load_mem_with(NULL, with_dependants(21)), QUJAT_ERR_LIMIT);
  cr_expect_neq(strstr(err.msg, "20"), NULL, "%s", err.msg);
  cr_expect_null(prof);
}

Test(profile, loader_checks_hold_without_a_schema) {
  /* No catalog, no schema: the loader still refuses bad dates. */
  cr_expect_eq(load_mem_with(NULL, wrap_body("<applicant surname=\"DOE\" "
                                             "given-names=\"ALEX\" "
                                             "birth-date=\"2026-02-30\"/>\n")),
               QUJAT_ERR_CATALOG);
  cr_expect_eq(load_mem_with(NULL, wrap_body("<request/>\n")),
               QUJAT_ERR_CATALOG, "a profile without an applicant");
  cr_expect_neq(strstr(err.msg, "applicant"), NULL, "%s", err.msg);
}
