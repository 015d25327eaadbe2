/* SPDX-License-Identifier: MIT */
/* qujat_catalog_service_facts: the profile facts read from the catalog's
 * conditions, fee options and filing windows; qujat_render_html: the same
 * document as a page fragment. */
#include <criterion/criterion.h>
#include <string.h>

#include "fixture.h"

static char *facts(const char *service) {
  char *out = NULL;
  size_t len = 0;
  cr_assert_eq(qujat_catalog_service_facts(cat, service, &out, &len, &err),
               QUJAT_OK, "%s", err.msg);
  cr_assert_eq(strlen(out), len);
  return out;
}

static int has_line(const char *all, const char *line) {
  size_t n = strlen(line);
  for (const char *p = all; (p = strstr(p, line)); p += n)
    if ((p == all || p[-1] == '\n') && p[n] == '\n')
      return 1;
  return 0;
}

TestSuite(service_facts, .init = fixture_setup, .fini = fixture_teardown);

Test(service_facts, work_visa_in_kz) {
  char *f = facts("work-visa-in-kz");
  cr_expect(has_line(f, "company/@form=branch|representative-office"), "%s", f);
  cr_expect(has_line(f, "filing/@by-representative=true"), "%s", f);
  cr_expect(has_line(f, "filing/@work-permit-required=true"), "%s", f);
  cr_expect(has_line(f, "dependant"), "%s", f);
  cr_expect(strstr(f, "dependant/@birth-date") == NULL, "%s", f);
  qujat_free(f);
}

Test(service_facts, per_dependant_condition_reads_age_and_relation) {
  char *f = facts("permanent-residence");
  cr_expect(has_line(f, "dependant/@relation=child"), "%s", f);
  cr_expect(has_line(f, "dependant/@birth-date"), "%s", f);
  qujat_free(f);
}

Test(service_facts, fee_options_and_window) {
  char *f = facts("iin");
  cr_expect(has_line(f, "filing/@priority=true"), "%s", f);
  qujat_free(f);
  f = facts("work-visa-extension");
  cr_expect(has_line(f, "applicant/current-visa/@expires"), "%s", f);
  qujat_free(f);
}

Test(service_facts, unknown_service) {
  char *out = NULL;
  cr_expect_eq(qujat_catalog_service_facts(cat, "nope", &out, NULL, &err),
               QUJAT_ERR_ARG);
  cr_expect_null(out);
}

Test(service_facts, catalog_string) {
  cr_expect_str_eq(qujat_catalog_string(cat, QUJAT_LANG_RU, "serve.yes"), "Да");
  cr_expect_null(qujat_catalog_string(cat, QUJAT_LANG_RU, "no.such.key"));
}

Test(service_facts, html_has_the_documents_escaped) {
  use_profile("smith-family.xml");
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_CHECKLIST,
                       .service = "work-visa-in-kz",
                       .profile = prof,
                       .lang = QUJAT_LANG_KK_RU,
                       .date = "2026-11-21"};
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  char *html = NULL;
  cr_assert_eq(qujat_render_html(doc, &html, NULL, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect(strncmp(html, "<section class=\"q-doc\" lang=\"kk\">", 33) == 0);
  cr_expect(strstr(html, "<section class=\"q-doc\" lang=\"ru\">") != NULL);
  cr_expect(strstr(html, "<ol class=\"q-items\">") != NULL);
  cr_expect(strstr(html, "<script") == NULL);
  /* «quotes» stay, but no raw apostrophe or quote outside markup. */
  cr_expect(strstr(html, ">'") == NULL);
  qujat_free(html);
}
