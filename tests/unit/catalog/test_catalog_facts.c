/* SPDX-License-Identifier: MIT */
/* The facts of issue 10 as the rules resolve them from the real catalog,
 * on a date of each edition (2025-06-02 and 2026-03-02): each edition's
 * own list and wording, children under 16 and the temporary residence
 * permit, dependants joining a main visa holder, the cancellation copies
 * for each person, the fee lines of a table without a state-fee column. */
#include <criterion/criterion.h>

#include <string.h>

#include "fixture.h"
#include "catalog/catalog.h"

TestSuite(catalog_facts, .init = fixture_setup, .fini = fixture_teardown);

#define D2025 "2025-06-02"
#define D2026 "2026-03-02"

static void build(const char *service, const char *date) {
  qujat_request req =
      request_of(QUJAT_DOC_CHECKLIST, service, date, QUJAT_LANG_EN);
  cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "%s on %s: %s",
               service, date, err.msg);
}

static size_t count_items(const char *id) {
  size_t n = 0;
  for (size_t i = 0; i < doc->nitems; i++)
    n += strcmp(doc->items[i].doc->id, id) == 0;
  return n;
}

static const struct ritem *item_for(const char *id, const char *person) {
  for (size_t i = 0; i < doc->nitems; i++)
    if (strcmp(doc->items[i].doc->id, id) == 0 &&
        (!person || (doc->items[i].person &&
                     strncmp(doc->items[i].person, person,
                             strlen(person)) == 0)))
      return &doc->items[i];
  return NULL;
}

static const struct romitted *omitted(const char *id) {
  for (size_t i = 0; i < doc->nomitted; i++)
    if (strcmp(doc->omitted[i].doc->id, id) == 0)
      return &doc->omitted[i];
  return NULL;
}

static int has_note(const char *id, const char *needle) {
  for (size_t i = 0; i < doc->nnotes; i++)
    if (strcmp(doc->notes[i]->id, id) == 0)
      return !needle || strstr(doc->notes[i]->text.s[LANG_EN], needle);
  return 0;
}

static const char *const DATES[] = {D2025, D2026};

/* ------------------------------------------------------------------------
 * Children under 16 need no TRP (digest 002, 5.)
 * ------------------------------------------------------------------------ */

static const char *const TRP_PER_PERSON[] = {
    "passport-original-or-notarised", "iin", "arrival-notification",
    "fingerprinting-certificate", "health-insurance", "consent-form"};

Test(catalog_facts, a_child_under_16_gets_no_trp_documents) {
  use_profile("smith-family.xml"); /* TOM born 2012-06-01, JANE a spouse */
  for (size_t d = 0; d < 2; d++) {
    build("trp-employment", DATES[d]);
    for (size_t i = 0; i < 6; i++) {
      const char *id = TRP_PER_PERSON[i];
      cr_expect_eq(count_items(id), 2, "%s on %s: applicant and spouse", id,
                   DATES[d]);
      cr_expect_not_null(item_for(id, "SMITH JOHN"), "%s", id);
      cr_expect_not_null(item_for(id, "SMITH JANE"), "%s", id);
      cr_expect_null(item_for(id, "SMITH TOM"), "%s for the child", id);
      const struct romitted *o = omitted(id);
      cr_assert_not_null(o, "%s: the child's row says why", id);
      cr_expect(strstr(o->because, "Not for SMITH TOM: children under 16 "
                                   "need no temporary residence permit"),
                "%s", o->because);
    }
    cr_expect_not_null(item_for("relation-certificate-trp", "SMITH JANE"));
    cr_expect_null(item_for("relation-certificate-trp", "SMITH TOM"));
    cr_expect(has_note("trp-children-under-16", "Children under 16"));
  }
}

Test(catalog_facts, a_child_of_16_gets_the_trp_documents) {
  use_profile_edited("smith-family.xml", "2012-06-01", "2010-01-01");
  build("trp-employment", D2026);
  for (size_t i = 0; i < 6; i++)
    cr_expect_eq(count_items(TRP_PER_PERSON[i]), 3, "%s", TRP_PER_PERSON[i]);
  cr_expect_not_null(item_for("iin", "SMITH TOM"));
  cr_expect_null(omitted("iin"));
}

Test(catalog_facts, a_child_without_birth_date_is_only_if) {
  use_profile_edited("smith-family.xml", " birth-date=\"2012-06-01\"", "");
  build("trp-employment", D2026);
  const struct ritem *r = item_for("iin", "SMITH TOM");
  cr_assert_not_null(r);
  cr_expect_eq(r->status, ITEM_IF_APPLICABLE);
}

/* ------------------------------------------------------------------------
 * Each edition's own list
 * ------------------------------------------------------------------------ */

Test(catalog_facts, trp_employment_list_of_each_edition) {
  use_profile("smith-family.xml");
  build("trp-employment", D2025);
  cr_expect_eq(count_items("trp-request-letter"), 1);
  cr_expect_eq(count_items("trp-application-form"), 0);
  cr_expect_eq(count_items("employment-contract-job-title"), 1);
  cr_expect_eq(count_items("employment-contract"), 0);
  cr_expect_str_eq(item_for("fingerprinting-certificate", "SMITH JOHN")->text,
                   "Original certificate confirming fingerprinting and "
                   "verification completed in the current year");
  build("trp-employment", D2026);
  cr_expect_eq(count_items("trp-request-letter"), 0);
  cr_expect_eq(count_items("trp-application-form"), 2);
  cr_expect_eq(count_items("employment-contract-job-title"), 0);
  cr_expect_str_eq(item_for("employment-contract", NULL)->text,
                   "The employment contract signed by both parties "
                   "highlighting the job title and engagement period of the "
                   "applicant");
  cr_expect_str_eq(item_for("fingerprinting-certificate", "SMITH JOHN")->text,
                   "Certificate confirming fingerprinting or verification "
                   "completed in the current year");
}

Test(catalog_facts, trp_tables_have_no_state_fee_line) {
  static const char *const trp[] = {"trp-employment", "trp-business-immigrant",
                                    "trp-business-immigrant-extension"};
  for (size_t s = 0; s < 3; s++)
    for (size_t d = 0; d < 2; d++) {
      build(trp[s], DATES[d]);
      cr_expect_eq(count_fees(FEE_STATE), 0, "%s on %s", trp[s], DATES[d]);
    }
}

Test(catalog_facts, investor_invitation_2025_names_the_aifc_authority) {
  build("investor-visa-invitation", D2025);
  cr_expect_str_eq(item_for("investment-body-or-aifc-letter", NULL)->text,
                   "Request letter from the authorised body of the Republic "
                   "of Kazakhstan for investments or the AIFC Authority");
  cr_expect_eq(count_items("investment-body-letter"), 0);
  build("investor-visa-invitation", D2026);
  cr_expect_eq(count_items("investment-body-or-aifc-letter"), 0);
  cr_expect_eq(count_items("investment-body-letter"), 1);
}

Test(catalog_facts, business_multi_invitation_2025_step_2_names_the_lpd) {
  for (size_t d = 0; d < 2; d++) {
    build("business-visa-multi-invitation", DATES[d]);
    cr_assert_eq(doc->nsteps, 2);
    const struct rstep *st = &doc->steps[1];
    const char *last = st->bullets[st->nbullets - 1];
    if (d == 0)
      cr_expect(strstr(last, "the Embassy of Kazakhstan or the Line Police "
                             "Department (LPD) at the international "
                             "airport"),
                "%s", last);
    else
      cr_expect_null(strstr(last, "Line Police"), "%s", last);
  }
}

Test(catalog_facts, general_poa_translation_only_in_2025) {
  use_profile_edited("smith-family.xml", "form=\"legal-entity\"",
                     "form=\"branch\"");
  build("work-visa-in-kz", D2025);
  cr_expect(strstr(item_for("general-poa", NULL)->text,
                   "certified translation"));
  build("work-visa-in-kz", D2026);
  cr_expect_null(strstr(item_for("general-poa", NULL)->text, "translation"));
}

Test(catalog_facts, notes_in_each_editions_wording) {
  build("fingerprinting", D2025);
  cr_expect(has_note("fingerprinting-verification", "for a work visa or"));
  build("fingerprinting", D2026);
  cr_expect(has_note("fingerprinting-verification", "for a visa or"));
  build("work-visa-extension", D2025);
  cr_expect(has_note("extension-plan-ahead", "overstay fine"));
  cr_expect_not(has_note("extension-window", "not considered"));
  build("work-visa-extension", D2026);
  cr_expect(has_note("extension-plan-ahead", "migration regime"));
  cr_expect(has_note("extension-window", "not considered"));
}

Test(catalog_facts, iin_personal_manager_note_in_the_guidebooks_words) {
  qujat_request req = request_of(QUJAT_DOC_SERVICE, "iin", D2025,
                                 QUJAT_LANG_EN);
  cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "%s", err.msg);
  cr_expect(has_note("personal-manager-eds",
                     "electronic digital signature acquisition"));
  cr_expect(has_note("walk-in", "The “Walk-in” refers to a priority "
                                "submission service."));
}

Test(catalog_facts, single_extension_says_its_list_is_a_reading) {
  for (size_t d = 0; d < 2; d++) {
    build("business-visa-single-extension", DATES[d]);
    cr_expect(has_note("extension-list-reading", "a reading of that sentence"));
  }
}

/* ------------------------------------------------------------------------
 * Dependants joining a holder; cancellation copies for each person
 * ------------------------------------------------------------------------ */

Test(catalog_facts, main_holders_visa_only_for_dependants_joining_a_holder) {
  static const char *const svc[][2] = {
      {"work-visa-invitation", "main-holder-work-visa"},
      {"work-visa-in-kz", "main-holder-work-visa"},
      {"investor-visa-invitation", "main-holder-investor-visa"},
      {"investor-visa-in-kz", "main-holder-investor-visa"}};
  for (size_t s = 0; s < 4; s++)
    for (size_t d = 0; d < 2; d++) {
      use_profile("smith-family.xml");
      build(svc[s][0], DATES[d]);
      cr_expect_eq(count_items(svc[s][1]), 0, "%s filing together",
                   svc[s][0]);
      cr_expect_not_null(omitted(svc[s][1]));
      use_profile_edited("smith-family.xml", "<filing ",
                         "<filing joins-holder=\"true\" ");
      build(svc[s][0], DATES[d]);
      const struct ritem *r = item_for(svc[s][1], NULL);
      cr_assert_not_null(r, "%s joining", svc[s][0]);
      cr_expect_str_eq(r->because,
                       "Because the family members (SMITH JANE, SMITH TOM) "
                       "join a main visa holder who already holds the visa.");
    }
}

Test(catalog_facts, cancellation_abroad_copies_for_each_person) {
  use_profile("smith-family.xml");
  for (size_t d = 0; d < 2; d++) {
    build("visa-cancellation-abroad", DATES[d]);
    cr_expect_eq(count_items("passport-copy"), 3);
    cr_expect_eq(count_items("valid-visa-copy"), 3);
    cr_expect_not_null(item_for("valid-visa-copy", "SMITH TOM"));
  }
  build("visa-cancellation-exit", D2026);
  cr_expect_str_eq(item_for("passport-exit", "SMITH JOHN")->text, "Passport");
  build("visa-cancellation-exit", D2025);
  cr_expect_str_eq(item_for("passport-exit", "SMITH JOHN")->text,
                   "Original passport");
}
