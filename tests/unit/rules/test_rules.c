/* SPDX-License-Identifier: MIT */
/* Unit tests of the rules (rules.c, rules_fees.c, rules_dates.c) through
 * qujat_document_build and the resolved document of document.h, with the
 * real catalog and the profiles of tests/data/profiles. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "fixture.h"
#include "helpers.h"
#include "qujat/qujat.h"
#include "catalog/catalog_internal.h"
#include "catalog/catalog.h"

/* 30 MCI of 2026 (4 325 KZT) in tiyn, and of 2025 (3 932 KZT). */
#define STATE_30_MCI_2026 12975000LL
#define STATE_30_MCI_2025 11796000LL

TestSuite(rules, .init = fixture_setup, .fini = fixture_teardown);

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static qujat_status build_lang(const char *service, const char *date,
                               qujat_lang lang) {
  qujat_request req = request_of(QUJAT_DOC_CHECKLIST, service, date, lang);
  return build_into(cat, &req, &doc);
}

/* Builds an English checklist and asserts success. */
static void build(const char *service, const char *date) {
  qujat_status st = build_lang(service, date, QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s on %s: %s", service, date, err.msg);
  cr_assert_not_null(doc);
}

static size_t count_items(const char *id) {
  size_t n = 0;
  for (size_t i = 0; i < doc->nitems; i++)
    n += strcmp(doc->items[i].doc->id, id) == 0;
  return n;
}

/* Whether an item's person line names `name`: "SMITH JANE" matches
 * "SMITH JANE" and "SMITH JANE (wife)" (the relation is tested apart). */
static int person_is(const char *person, const char *name) {
  size_t len = strlen(name);
  return person && strncmp(person, name, len) == 0 &&
         (person[len] == '\0' || strncmp(person + len, " (", 2) == 0);
}

/* The item `id` for `person` (NULL: the first item `id`). */
static const struct ritem *find_item(const char *id, const char *person) {
  for (size_t i = 0; i < doc->nitems; i++) {
    const struct ritem *r = &doc->items[i];
    if (strcmp(r->doc->id, id) == 0 &&
        (!person || person_is(r->person, person)))
      return r;
  }
  return NULL;
}

static const struct romitted *find_omitted(const char *id) {
  for (size_t i = 0; i < doc->nomitted; i++)
    if (strcmp(doc->omitted[i].doc->id, id) == 0)
      return &doc->omitted[i];
  return NULL;
}

static int has_date(int y, int m, int d) {
  for (size_t i = 0; i < doc->ndates; i++)
    if (doc->dates[i].date.y == y && doc->dates[i].date.m == m &&
        doc->dates[i].date.d == d)
      return 1;
  return 0;
}

static int has_note(const char *id) {
  for (size_t i = 0; i < doc->nnotes; i++)
    if (strcmp(doc->notes[i]->id, id) == 0)
      return 1;
  return 0;
}

static void expect_required(const char *id, const char *person,
                            const char *because) {
  const struct ritem *r = find_item(id, person);
  cr_assert_not_null(r, "no item %s for %s", id, person ? person : "-");
  cr_expect_eq(r->status, ITEM_REQUIRED, "%s", id);
  if (because)
    cr_expect_str_eq(r->because ? r->because : "(null)", because, "%s", id);
}

static void expect_omitted(const char *id, const char *because) {
  cr_expect_eq(count_items(id), 0, "%s is listed", id);
  const struct romitted *o = find_omitted(id);
  cr_assert_not_null(o, "%s is not among the omitted", id);
  cr_expect_str_eq(o->because, because, "%s", id);
}

/* A state fee of `centi` hundredths of an MCI worth `mci` tiyn in `year`,
 * for `persons`. */
static void expect_state_fee(int64_t centi, int64_t mci, int year, int persons,
                             int64_t unit) {
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->amount, AMOUNT_MCI);
  cr_expect_eq(f->mci_centi, centi);
  cr_expect_eq(f->mci_tiyn, mci);
  cr_expect_eq(f->mci_year, year);
  cr_expect_eq(f->persons, persons);
  cr_expect_eq(f->unit_tiyn, unit);
  cr_expect_eq(f->tiyn, unit * persons);
  cr_expect_eq(f->counted, 1);
}

/* ------------------------------------------------------------------------
 * (a), (b), (c) work-visa-in-kz for the Smith family
 * ------------------------------------------------------------------------ */

Test(rules, work_visa_in_kz_smith_family_documents) {
  use_profile("smith-family.xml");
  build("work-visa-in-kz", "2026-11-21");
  cr_expect_str_eq(doc->applicant, "SMITH JOHN");
  cr_expect_str_eq(doc->edition->id, "2026");
  /* 17 items: 11 once (3 of them omitted), 5 per person, 1 per dependant. */
  cr_expect_eq(doc->nitems, 25);
  cr_expect_eq(doc->nomitted, 3);
  expect_required("representative-poa", NULL,
                  "Because the documents are filed by a representative.");
  expect_omitted("general-poa", "The company is a legal entity, not a "
                                "representative office or branch.");
  expect_omitted("work-permit", "No work permit is required for this "
                                "employee.");
  expect_required("visa-copy", NULL,
                  "Because the applicant holds a category C3 visa now.");
  /* The family applies together with the holder: the holder has no work
   * visa yet to show. */
  expect_omitted("main-holder-work-visa",
                 "No family member joins a main visa holder who already "
                 "holds the visa: they apply together with the holder, or "
                 "not at all.");
  const struct ritem *plain = find_item("egov-registration", NULL);
  cr_assert_not_null(plain);
  cr_expect_null(plain->because);
  cr_expect_null(plain->person);
}

Test(rules, work_visa_in_kz_repeats_items_by_name) {
  use_profile("smith-family.xml");
  build("work-visa-in-kz", "2026-11-21");
  static const char *const persons[] = {"SMITH JOHN", "SMITH JANE",
                                        "SMITH TOM"};
  static const char *const per_person[] = {
      "passport-visa", "visa-application-form", "fingerprinting-certificate",
      "arrival-notification", "consent-form"};
  for (size_t i = 0; i < 5; i++) {
    cr_expect_eq(count_items(per_person[i]), 3, "%s", per_person[i]);
    for (size_t j = 0; j < 3; j++)
      expect_required(per_person[i], persons[j], NULL);
  }
  /* The relation certificate is for the two dependants only. */
  cr_expect_eq(count_items("relation-certificate"), 2);
  expect_required("relation-certificate", "SMITH JANE", NULL);
  expect_required("relation-certificate", "SMITH TOM", NULL);
  cr_expect_null(find_item("relation-certificate", "SMITH JOHN"));
}

/* A dependant's relation follows the sex the profile gives ("wife",
 * "son"); without it, the neutral word ("child"). The applicant has none. */
Test(rules, person_lines_name_the_relation) {
  use_profile("smith-family.xml");
  build("work-visa-in-kz", "2026-11-21");
  static const char *const want[] = {"SMITH JOHN", "SMITH JANE (wife)",
                                     "SMITH TOM (son)"};
  cr_assert_eq(count_items("passport-visa"), 3);
  for (size_t i = 0, k = 0; i < doc->nitems; i++)
    if (strcmp(doc->items[i].doc->id, "passport-visa") == 0)
      cr_expect_str_eq(doc->items[i].person, want[k++]);
  cr_assert_eq(build_lang("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(find_item("passport-visa", "SMITH JANE")->person,
                   "SMITH JANE (супруга)");
  use_profile_xml("<profile xmlns=\"urn:qujat:profile:1\">"
                  "<applicant surname=\"DOE\" given-names=\"ALEX\"/>"
                  "<dependant relation=\"child\" surname=\"DOE\" "
                  "given-names=\"KIM\"/></profile>",
                  "no-sex.xml");
  build("work-visa-in-kz", "2026-11-21");
  cr_expect_str_eq(find_item("relation-certificate", NULL)->person,
                   "DOE KIM (child)");
}

Test(rules, work_visa_in_kz_fees_for_three_persons_in_2026) {
  use_profile("smith-family.xml");
  build("work-visa-in-kz", "2026-11-21");
  const struct rfee *service = the_fee(FEE_SERVICE);
  cr_expect_eq(service->tiyn, 73000000);
  cr_expect_eq(service->counted, 1);
  cr_expect_eq(service->option, 0);
  /* 30 MCI × 4 325 KZT × 3 persons = 389 250 KZT. */
  expect_state_fee(3000, 432500, 2026, 3, STATE_30_MCI_2026);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 38925000);
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(doc->total, 73000000 + 38925000);
  cr_expect_eq(doc->total_complete, 1);
  cr_expect_str_eq(doc->timeframe, "5 business days");
  /* Passports must last 3 months past the visa (to 2028-12-31): both do. */
  cr_expect(has_date(2029, 3, 31), "no passport-until date");
  /* The profile asks for a multiple-entry C3 visa; the digest gives C3
   * single-entry only (issue 14: the request against visa-categories). */
  cr_expect_eq(qujat_document_warning_count(doc), 1, "%s",
               qujat_document_warning(doc, 1));
  cr_expect_str_eq(qujat_document_warning(doc, 0),
                   "The digest gives category C3 visas as single-entry only; "
                   "the request is for a multiple-entry visa.");
  /* 21 Nov 2026 (Saturday) + 5 working days = Friday 27 November. */
  cr_expect(has_date(2026, 11, 27), "no expected ready date");
}

Test(rules, work_visa_in_kz_uses_the_2025_edition_and_mci_in_2025) {
  use_profile("smith-family.xml");
  build("work-visa-in-kz", "2025-06-02");
  cr_expect_str_eq(doc->edition->id, "2025");
  expect_state_fee(3000, 393200, 2025, 3, STATE_30_MCI_2025);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 35388000);
  cr_expect_eq(doc->total, 73000000 + 35388000);
}

Test(rules, a_date_no_edition_covers_is_a_rule_error) {
  use_profile("smith-family.xml");
  cr_expect_eq(build_lang("work-visa-in-kz", "2024-06-01", QUJAT_LANG_EN),
               QUJAT_ERR_RULE);
  cr_expect_null(doc);
  cr_expect_eq(err.code, QUJAT_ERR_RULE);
  cr_expect_neq(strstr(err.msg, "2024-06-01"), NULL, "%s", err.msg);
}

/* ------------------------------------------------------------------------
 * (d) investor-visa-invitation: the state fee per edition
 * ------------------------------------------------------------------------ */

Test(rules, investor_invitation_has_no_state_fee_in_2026) {
  build("investor-visa-invitation", "2026-11-21");
  const struct rfee *state = the_fee(FEE_STATE);
  cr_expect_eq(state->amount, AMOUNT_NONE);
  cr_expect_eq(state->counted, 0);
  cr_expect_eq(state->tiyn, 0);
  cr_expect_eq(doc->total, 73000000);
  cr_expect_eq(doc->total_complete, 1);
}

Test(rules, investor_invitation_charged_half_an_mci_in_2025) {
  build("investor-visa-invitation", "2025-03-03");
  /* 0.5 × 3 932 KZT = 1 966 KZT per person. */
  expect_state_fee(50, 393200, 2025, 1, 196600);
  cr_expect_eq(doc->total, 73000000 + 196600);
  use_profile("smith-family.xml");
  build("investor-visa-invitation", "2025-03-03");
  expect_state_fee(50, 393200, 2025, 3, 196600);
  cr_expect_eq(doc->total, 73000000 + 3 * 196600);
}

/* ------------------------------------------------------------------------
 * (e) without a profile
 * ------------------------------------------------------------------------ */

Test(rules, without_a_profile_conditional_items_are_if_applicable) {
  build("work-visa-in-kz", "2026-11-21");
  cr_expect_null(doc->applicant);
  cr_expect_eq(doc->nomitted, 0);
  size_t n, in_force = 0;
  const struct item *items = qujat_service_items(doc->service, &n);
  for (size_t i = 0; i < n; i++)
    in_force += !items[i].edition || items[i].edition == doc->edition;
  cr_expect_eq(doc->nitems, in_force, "one line per item of the edition");
  size_t conditional = 0;
  for (size_t i = 0; i < n; i++) {
    if (items[i].edition && items[i].edition != doc->edition)
      continue;
    const struct ritem *r = find_item(items[i].doc->id, NULL);
    cr_assert_not_null(r, "%s missing", items[i].doc->id);
    cr_expect_null(r->person);
    if (items[i].cond || items[i].per == PER_DEPENDANT) {
      conditional++;
      cr_expect_eq(r->status, ITEM_IF_APPLICABLE, "%s", r->doc->id);
      cr_expect_not_null(r->because, "%s has no reason", r->doc->id);
    } else {
      cr_expect_eq(r->status, ITEM_REQUIRED, "%s", r->doc->id);
      cr_expect_null(r->because, "%s", r->doc->id);
    }
  }
  cr_expect_eq(conditional, 6);
  cr_expect_str_eq(find_item("representative-poa", NULL)->because,
                   "Only if the documents are filed by a representative or "
                   "an authorised person.");
  cr_expect_str_eq(find_item("relation-certificate", NULL)->because,
                   "Only for family members: one for each.");
  /* One person: 730 000 + 30 × 4 325 = 859 750 KZT (DESIGN.md). */
  expect_state_fee(3000, 432500, 2026, 1, STATE_30_MCI_2026);
  cr_expect_eq(doc->total, 85975000);
}

Test(rules, a_profile_without_facts_decides_what_it_can) {
  use_profile("minimal.xml");
  build("work-visa-in-kz", "2026-11-21");
  cr_expect_str_eq(doc->applicant, "DOE ALEX");
  /* No dependants is a fact: their documents are omitted. */
  expect_omitted("relation-certificate", "No family members apply with you.");
  expect_omitted("main-holder-work-visa",
                 "No family member joins a main visa holder who already "
                 "holds the visa: they apply together with the holder, or "
                 "not at all.");
  expect_omitted("visa-copy", "The applicant holds no visa now.");
  /* The company and the filing are not described: "only if". */
  const struct ritem *r = find_item("representative-poa", NULL);
  cr_assert_not_null(r);
  cr_expect_eq(r->status, ITEM_IF_APPLICABLE);
  cr_expect_eq(find_item("general-poa", NULL)->status, ITEM_IF_APPLICABLE);
  /* One person: per-person items once, without a name. */
  cr_expect_eq(count_items("passport-visa"), 1);
  cr_expect_null(find_item("passport-visa", NULL)->person);
  expect_state_fee(3000, 432500, 2026, 1, STATE_30_MCI_2026);
}

/* ------------------------------------------------------------------------
 * (f) permanent residence: consent of a child aged 14 to 18
 * ------------------------------------------------------------------------ */

Test(rules, prp_child_consent_only_for_the_child_aged_14_to_18) {
  use_profile("prp-family.xml");
  build("permanent-residence", "2026-02-10");
  cr_expect_eq(count_items("child-consent-prp"), 1);
  expect_required("child-consent-prp", "IVANOV ILYA",
                  "Because IVANOV ILYA is 15 years old on 10 February 2026.");
  cr_expect_null(find_item("child-consent-prp", "IVANOVA ANNA"));
  cr_expect_null(find_item("child-consent-prp", "IVANOVA OLGA"));
  cr_expect_null(find_omitted("child-consent-prp"));
  /* The passport (expires 2026-04-30) is not valid for 180 more days. */
  cr_expect_not_null(warning_with("IVANOV PETR"));
  cr_expect_not_null(warning_with("9 August 2026"));
  expect_state_fee(400, 432500, 2026, 1, 1730000);
}

/* The date of the brief's second case, 2029-01-01, lies after the data
 * (editions 2025 and 2026, MCI to 2026): the checklist is built with the
 * 2026 edition and says so; the condition is also checked directly, as
 * the rules evaluate it. */
Test(rules, prp_children_of_18_and_12_need_no_consent_in_2029) {
  use_profile("prp-family.xml");
  cr_assert_eq(build_lang("permanent-residence", "2029-01-01", QUJAT_LANG_EN),
               QUJAT_OK);
  cr_expect_str_eq(doc->edition->id, "2026");
  cr_expect_not_null(warning_with("newest edition"));
  cr_expect_not_null(warning_with("The MCI for 2029 is not in the data"));
  cr_expect_null(find_item("child-consent-prp", NULL));
  const struct condition *k = NULL;
  for (size_t i = 0; i < cat->nconditions; i++)
    if (strcmp(cat->conditions[i].id, "child-14-18") == 0)
      k = &cat->conditions[i];
  cr_assert_not_null(k);
  struct xpath_env *env = NULL;
  cr_assert_eq(qujat_xpath_env_new(prof, &env), QUJAT_OK);
  struct date on2026 = {2026, 2, 10}, on2029 = {2029, 1, 1};
  static const int want2026[] = {0, 1, 0}; /* OLGA, ILYA 15, ANNA 9 */
  for (size_t i = 0; i < prof->ndependants; i++) {
    struct date birth = prof->dependants[i].birth;
    cr_expect_eq(
        qujat_xpath_bool(env, k->test, (int)i, qujat_date_age(birth, on2026)),
        want2026[i], "dependant %zu in 2026", i);
    cr_expect_eq(
        qujat_xpath_bool(env, k->test, (int)i, qujat_date_age(birth, on2029)),
        0, "dependant %zu in 2029", i);
  }
  qujat_xpath_env_free(env);
}

/* Evaluations of two documents at once on one thread (a letter and the
 * document it pairs with): each its own context, whichever is the
 * thread's; a context given back is the next one's, its profile not the
 * last one's. */
Test(rules, two_evaluations_at_once_keep_their_profiles) {
  use_profile("prp-family.xml");
  struct xpath *x = NULL;
  char msg[200] = "";
  cr_assert_eq(qujat_xpath_compile("count(/p:profile/p:dependant) = 3", &x,
                                   msg, sizeof msg),
               QUJAT_OK, "%s", msg);
  for (int round = 0; round < 3; round++) {
    struct xpath_env *family = NULL, *none = NULL;
    cr_assert_eq(qujat_xpath_env_new(prof, &family), QUJAT_OK);
    cr_assert_eq(qujat_xpath_env_new(NULL, &none), QUJAT_OK);
    for (int i = 0; i < 2; i++) {
      cr_expect_eq(qujat_xpath_bool(family, x, -1, 0), 1, "round %d", round);
      cr_expect_eq(qujat_xpath_bool(none, x, -1, 0), 0, "round %d", round);
    }
    /* Given back in either order. */
    if (round % 2) {
      qujat_xpath_env_free(family);
      qujat_xpath_env_free(none);
    } else {
      qujat_xpath_env_free(none);
      qujat_xpath_env_free(family);
    }
    cr_assert_eq(qujat_xpath_env_new(NULL, &none), QUJAT_OK);
    cr_expect_eq(qujat_xpath_bool(none, x, -1, 0), 0, "round %d", round);
    qujat_xpath_env_free(none);
  }
  qujat_xpath_free(x);
}

/* A thread's context outlives an evaluation that fails part-way (libxml2
 * 2.9 leaves its depth raised): thousands of them, and the next good one
 * still gives its answer. */
Test(rules, failed_evaluations_leave_the_thread_context_usable) {
  use_profile("prp-family.xml");
  struct xpath *good = NULL, *bad = NULL;
  char msg[200] = "";
  cr_assert_eq(qujat_xpath_compile("count(/p:profile/p:dependant) = 3", &good,
                                   msg, sizeof msg),
               QUJAT_OK, "%s", msg);
  struct xpath_env *env = NULL;
  cr_assert_eq(qujat_xpath_env_new(prof, &env), QUJAT_OK);
  /* count() of a number: refused while it is evaluated, not compiled. */
  cr_assert_eq(qujat_xpath_compile_in(env, "count(1) > 0", &bad), QUJAT_OK);
  for (int i = 0; i < 6000; i++)
    cr_assert_lt(qujat_xpath_bool(env, bad, -1, 0), 0, "evaluation %d", i);
  cr_expect_eq(qujat_xpath_bool(env, good, -1, 0), 1);
  qujat_xpath_env_free(env);
  cr_assert_eq(qujat_xpath_env_new(prof, &env), QUJAT_OK);
  cr_expect_eq(qujat_xpath_bool(env, good, -1, 0), 1);
  qujat_xpath_env_free(env);
  qujat_xpath_free(bad);
  qujat_xpath_free(good);
}

/* A family with children on both sides of 14 and 18 on the date. */
static void use_children(const char *children) {
  char xml[4096];
  snprintf(xml, sizeof xml,
           "<profile xmlns=\"urn:qujat:profile:1\">\n"
           "<applicant surname=\"DOE\" given-names=\"ALEX\"/>\n%s"
           "</profile>\n",
           children);
  use_profile_xml(xml, "children.xml");
}

#define CHILD(name, birth)                                                     \
  "<dependant relation=\"child\" surname=\"DOE\" given-names=\"" name          \
  "\" birth-date=\"" birth "\"/>\n"

Test(rules, prp_child_consent_age_boundaries) {
  use_children(CHILD("ADA", "2008-02-10")   /* 18 on the day */
               CHILD("BEN", "2012-02-10")   /* 14 on the day */
               CHILD("CAT", "2012-02-11")   /* 13, 14 tomorrow */
               CHILD("DAN", "2008-02-11")); /* 17, 18 tomorrow */
  build("permanent-residence", "2026-02-10");
  cr_expect_eq(count_items("child-consent-prp"), 2);
  expect_required("child-consent-prp", "DOE BEN",
                  "Because DOE BEN is 14 years old on 10 February 2026.");
  expect_required("child-consent-prp", "DOE DAN",
                  "Because DOE DAN is 17 years old on 10 February 2026.");
}

Test(rules, prp_child_consent_omitted_when_no_child_is_14_to_18) {
  use_children(CHILD("ADA", "2008-01-15") CHILD("CAT", "2013-06-01"));
  build("permanent-residence", "2026-02-10");
  expect_omitted("child-consent-prp",
                 "On 10 February 2026, DOE ADA is not a child aged 14 to 18. "
                 "On 10 February 2026, DOE CAT is not a child aged 14 to 18.");
}

/* ------------------------------------------------------------------------
 * (g) TRP for an expert: fee by role, not stated in 2025
 * ------------------------------------------------------------------------ */

Test(rules, trp_employment_expert_fee_in_2026) {
  use_profile("expert-branch.xml");
  build("trp-employment", "2026-11-21");
  const struct rfee *f = the_fee(FEE_SERVICE);
  cr_expect_eq(f->amount, AMOUNT_KZT);
  cr_expect_eq(f->tiyn, 20000000);
  cr_expect_eq(f->counted, 1);
  cr_expect_str_eq(f->label ? f->label : "(null)", "for an expert");
  /* The fee table has no state-fee column: no state-fee line. */
  cr_expect_eq(count_fees(FEE_STATE), 0);
  cr_expect_eq(doc->total, 20000000);
  cr_expect_eq(doc->total_complete, 1);
}

Test(rules, trp_employment_expert_fee_not_stated_in_2025) {
  use_profile("expert-branch.xml");
  build("trp-employment", "2025-06-02");
  const struct rfee *f = the_fee(FEE_SERVICE);
  cr_expect_eq(f->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(f->counted, 0);
  cr_expect_eq(doc->total, 0);
  cr_expect_eq(doc->total_complete, 0);
}

Test(rules, trp_employment_employee_fee_by_default) {
  build("trp-employment", "2026-11-21");
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 24000000);
  build("trp-employment", "2025-06-02");
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 21000000);
}

/* ------------------------------------------------------------------------
 * (h) IIN with priority: walk-in (2025) or Priority Service (2026)
 * ------------------------------------------------------------------------ */

Test(rules, iin_priority_in_2025_is_a_walk_in_price) {
  use_profile("priority-iin.xml");
  build("iin", "2025-06-02");
  cr_expect_eq(doc->nfees, 1);
  cr_expect_eq(count_fees(FEE_SERVICE), 0, "the walk-in price replaces it");
  const struct rfee *f = the_fee(FEE_WALK_IN);
  cr_expect_eq(f->tiyn, 4000000);
  cr_expect_eq(f->option, 1);
  cr_expect_eq(f->counted, 1);
  cr_expect_eq(doc->total, 4000000);
  cr_expect(has_note("walk-in"));
}

Test(rules, iin_priority_in_2026_is_paid_on_top) {
  use_profile("priority-iin.xml");
  build("iin", "2026-11-21");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  const struct rfee *f = the_fee(FEE_PRIORITY);
  cr_expect_eq(f->tiyn, 2000000);
  cr_expect_eq(f->option, 1);
  cr_expect_eq(f->counted, 1);
  cr_expect_eq(doc->total, 4000000);
  cr_expect_eq(count_fees(FEE_PERSONAL_MANAGER), 0);
  cr_expect_eq(qujat_document_warning_count(doc), 0);
}

Test(rules, walk_in_and_personal_manager_together_are_contradictory) {
  /* In 2025 both replace the standard fee: the request is contradictory. */
  use_profile_edited("priority-iin.xml", "priority=\"true\"",
                     "priority=\"true\" personal-manager=\"true\"");
  cr_expect_eq(build_lang("iin", "2025-06-02", QUJAT_LANG_EN), QUJAT_ERR_RULE);
  cr_expect_null(doc);
  cr_expect_neq(strstr(err.msg, "personal-manager"), NULL, "%s", err.msg);
}

Test(rules, an_option_the_edition_lacks_warns_and_keeps_the_standard_fee) {
  /* work-visa-in-kz has no personal-manager price. */
  use_profile("business-b2-pm.xml");
  build("work-visa-in-kz", "2026-11-21");
  cr_expect_eq(count_fees(FEE_PERSONAL_MANAGER), 0);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 73000000);
  cr_expect_str_eq(warning_with("personal manager"),
                   "The 2026 edition offers no personal manager for this "
                   "service: the standard service fee applies.");
}

/* ------------------------------------------------------------------------
 * (i) tax residence for a company with a personal manager
 * ------------------------------------------------------------------------ */

Test(rules, tax_residence_company_personal_manager) {
  use_profile("tax-company.xml");
  build("tax-residence-certificate", "2026-11-21");
  cr_expect_eq(count_fees(FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_PERSONAL_MANAGER)->tiyn, 30000000);
  cr_expect_eq(doc->total, 30000000);
  expect_required("effective-management-proof", NULL,
                  "Because the service is requested for a legal entity.");
  expect_omitted("resident-individual-copies",
                 "The service is requested for a legal entity.");
  cr_expect(has_note("personal-manager"));
  build("tax-residence-certificate", "2025-06-02");
  cr_expect_eq(the_fee(FEE_PERSONAL_MANAGER)->tiyn, 28000000);
  cr_expect_eq(doc->total, 28000000);
}

/* ------------------------------------------------------------------------
 * (j) extension: the filing window
 * ------------------------------------------------------------------------ */

Test(rules, extension_window_from_the_visa_expiry) {
  use_profile("smith-family.xml");
  build("work-visa-extension", "2026-12-20");
  /* Visa expires Friday 2027-01-15: 30 working days before is 2026-12-03
   * (16 December, Independence Day, is not a working day), 5 working days
   * before is 2027-01-08. The data has no calendar for 2027: its days are
   * counted Monday to Friday, and the one warning says so. */
  cr_expect(has_date(2026, 12, 3), "window opens");
  cr_expect(has_date(2027, 1, 8), "window closes");
  cr_expect(has_date(2027, 1, 15), "visa expires");
  cr_expect_eq(qujat_document_warning_count(doc), 2, "%s",
               qujat_document_warning(doc, 2));
  cr_expect_not_null(warning_with("category C3 visas as single-entry only"));
  cr_expect_str_eq(qujat_document_warning(doc, 1),
                   "Working days in 2027 are counted Monday to Friday: there is "
                   "no holiday calendar for 2027 in the data.");
  /* The list of work-visa-in-kz; no fee or timeframe stated. */
  cr_expect_eq(doc->nitems, 25);
  cr_expect_eq(doc->total, 0);
  cr_expect_eq(doc->total_complete, 0);
  cr_expect_str_eq(doc->timeframe, "not stated by the source");
}

Test(rules, extension_after_the_data_uses_the_newest_edition) {
  use_profile("smith-family.xml");
  cr_expect_eq(build_lang("work-visa-extension", "2027-01-11", QUJAT_LANG_EN),
               QUJAT_OK);
  cr_assert_not_null(doc);
  cr_expect_str_eq(doc->edition->id, "2026");
  cr_expect_not_null(warning_with("newest edition"));
  /* The window closed on 2027-01-08 (visa expires 2027-01-15). */
  cr_expect_not_null(warning_with("The filing period has ended"));
}

Test(rules, extension_filed_too_late_warns) {
  /* The visa expires Tuesday 2026-12-01: the last day to file is
   * Tuesday 2026-11-24, the first Monday 2026-10-19 (Monday 26 October is
   * the day off of Republic Day, a Sunday). */
  use_profile_edited("smith-family.xml", "expires=\"2027-01-15\"",
                     "expires=\"2026-12-01\"");
  build("work-visa-extension", "2026-11-28");
  cr_expect(has_date(2026, 11, 24));
  cr_expect(has_date(2026, 10, 19));
  const char *w = warning_with("The filing period has ended");
  cr_assert_not_null(w, "no 'too late' warning");
  cr_expect_neq(strstr(w, "24 November 2026"), NULL, "%s", w);
  cr_expect_neq(strstr(w, "1 December 2026"), NULL, "%s", w);
}

Test(rules, extension_filed_too_early_warns) {
  use_profile("smith-family.xml");
  build("work-visa-extension", "2026-11-21");
  const char *w = warning_with("The filing period has not begun");
  cr_assert_not_null(w, "no 'too early' warning");
  cr_expect_str_eq(w, "The filing period has not begun yet: the application "
                      "can be filed from 3 December 2026 to 8 January 2027 "
                      "inclusive.");
  cr_expect_null(warning_with("The filing period has ended"));
}

Test(rules, extension_without_a_current_visa_warns) {
  use_profile("minimal.xml");
  build("work-visa-extension", "2026-11-21");
  cr_expect_eq(doc->ndates, 0);
  cr_expect_not_null(warning_with("no current visa"));
}

/* ------------------------------------------------------------------------
 * (k) long-term business visa B2 with a personal manager
 * ------------------------------------------------------------------------ */

Test(rules, business_multi_invitation_b2_personal_manager) {
  use_profile("business-b2-pm.xml");
  build("business-visa-multi-invitation", "2026-11-21");
  expect_required("b2-contract", NULL,
                  "Because a category B2 visa is requested.");
  expect_omitted("b3-proof", "A category B2 visa is requested, not B3.");
  expect_required("general-poa", NULL,
                  "Because the company is a representative office or "
                  "branch.");
  cr_expect_eq(count_fees(FEE_SERVICE), 0, "replaced by the manager");
  const struct rfee *pm = the_fee(FEE_PERSONAL_MANAGER);
  cr_expect_eq(pm->tiyn, 27000000);
  cr_expect_eq(pm->option, 1);
  expect_state_fee(50, 432500, 2026, 1, 216250);
  cr_expect_eq(doc->total, 27000000 + 216250);
  cr_expect(has_note("personal-manager"));
  /* Passport 2027-02-28, visa to 2027-01-15: it must last to 2027-04-15. */
  cr_expect(has_date(2027, 4, 15));
  const char *w = warning_with("MULLER KLAUS");
  cr_assert_not_null(w, "no passport warning");
  cr_expect_neq(strstr(w, "15 April 2027"), NULL, "%s", w);
}

/* ------------------------------------------------------------------------
 * (l) bad requests; languages
 * ------------------------------------------------------------------------ */

Test(rules, unknown_service_is_an_argument_error) {
  cr_expect_eq(build_lang("no-such-service", "2026-11-21", QUJAT_LANG_EN),
               QUJAT_ERR_ARG);
  cr_expect_null(doc);
  cr_expect_neq(strstr(err.msg, "no-such-service"), NULL, "%s", err.msg);
  cr_expect_eq(build_lang(NULL, "2026-11-21", QUJAT_LANG_EN), QUJAT_ERR_ARG);
  cr_expect_eq(build_lang("iin", "2026-02-30", QUJAT_LANG_EN), QUJAT_ERR_ARG);
  cr_expect_eq(build_lang("iin", NULL, QUJAT_LANG_EN), QUJAT_ERR_ARG);
}

Test(rules, texts_follow_the_document_language) {
  use_profile("smith-family.xml");
  cr_assert_eq(build_lang("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  expect_required("passport-visa", "SMITH JANE", NULL);
  expect_required("representative-poa", NULL,
                  "Требуется, так как документы подаёт представитель.");
  cr_expect_str_eq(doc->timeframe, "5 рабочих дней");
}

Test(rules, kk_ru_builds_a_russian_twin) {
  cr_assert_eq(build_lang("iin", "2026-11-21", QUJAT_LANG_KK_RU), QUJAT_OK,
               "%s", err.msg);
  cr_expect_eq(doc->lang, LANG_KK);
  cr_assert_not_null(doc->pair);
  cr_expect_eq(doc->pair->lang, LANG_RU);
  cr_expect_eq(doc->pair->total, doc->total);
}
