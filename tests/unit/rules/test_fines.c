/* SPDX-License-Identifier: MIT */
/* Unit tests of fines (QUJAT_DOC_FINE): rules_fine.c with the fines of
 * services/fines.xml and the MCI of the date, their JSON, text and PDF. */
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

TestSuite(fines, .init = fixture_setup, .fini = fees_teardown);

/* ------------------------------------------------------------------------
 * Fines
 * ------------------------------------------------------------------------ */

struct fine_case {
  const char *fine;
  int days;
  qujat_business_size size;
  const char *date;
  int64_t mci_centi; /* 0: a warning */
  int64_t mci;       /* the MCI of the date's year, tiyn */
  const char *also;  /* English, or NULL */
};

static const struct fine_case fine_cases[] = {
    /* Overstay: up to 3 days a warning, 4-5 10 MCI, 6-10 15, 11+ 25. */
    {"overstay", 1, QUJAT_SIZE_NONE, "2026-11-21", 0, MCI_2026, NULL},
    {"overstay", 2, QUJAT_SIZE_NONE, "2026-11-21", 0, MCI_2026, NULL},
    {"overstay", 3, QUJAT_SIZE_NONE, "2026-11-21", 0, MCI_2026, NULL},
    {"overstay", 4, QUJAT_SIZE_NONE, "2026-11-21", 1000, MCI_2026, NULL},
    {"overstay", 5, QUJAT_SIZE_NONE, "2026-11-21", 1000, MCI_2026, NULL},
    {"overstay", 6, QUJAT_SIZE_NONE, "2026-11-21", 1500, MCI_2026, NULL},
    {"overstay", 10, QUJAT_SIZE_NONE, "2026-11-21", 1500, MCI_2026, NULL},
    {"overstay", 11, QUJAT_SIZE_NONE, "2026-11-21", 2500, MCI_2026,
     "or expulsion from the country"},
    {"overstay", 100, QUJAT_SIZE_NONE, "2026-11-21", 2500, MCI_2026,
     "or expulsion from the country"},
    /* Late notification by the host's size: 10 / 15 / 20 MCI. */
    {"late-notification", 0, QUJAT_SIZE_SMALL, "2026-11-21", 1000, MCI_2026,
     NULL},
    {"late-notification", 0, QUJAT_SIZE_MEDIUM, "2026-11-21", 1500, MCI_2026,
     NULL},
    {"late-notification", 0, QUJAT_SIZE_LARGE, "2026-11-21", 2000, MCI_2026,
     NULL},
    /* Repeated: 40 / 70 / 100 MCI and a ban on invitations for 1 year
     * (digest, 1. Notification on arrival). */
    {"late-notification-repeat", 0, QUJAT_SIZE_LARGE, "2025-06-15", 10000,
     MCI_2025, "and a ban on issuing visa invitations for 1 year"},
    {"late-notification-repeat", 0, QUJAT_SIZE_SMALL, "2025-06-15", 4000,
     MCI_2025, "and a ban on issuing visa invitations for 1 year"},
    /* No edition covers 2024, but the digest's MCI does. */
    {"late-notification", 0, QUJAT_SIZE_SMALL, "2024-05-05", 1000, MCI_2024,
     NULL},
    {"overstay-repeat", 0, QUJAT_SIZE_NONE, "2026-11-21", 1500, MCI_2026,
     "or expulsion from the country"},
    {"work-without-permit", 0, QUJAT_SIZE_NONE, "2026-11-21", 2500, MCI_2026,
     "or 10 days of administrative arrest, or expulsion from the country"},
};

Test(fines, fines_by_days_and_by_size) {
  for (size_t i = 0; i < sizeof fine_cases / sizeof fine_cases[0]; i++) {
    const struct fine_case *c = &fine_cases[i];
    fine_ok(c->fine, c->days, c->size, c->date);
    cr_expect_null(doc->service, "a fine has no service");
    cr_assert_eq(doc->nfees, 1);
    const struct rfee *f = &doc->fees[0];
    cr_expect_eq(f->kind, FEE_FINE);
    render_json();
    char want[128];
    snprintf(want, sizeof want, "\"fine\": \"%s\"", c->fine);
    expect_json_has(want);
    if (c->days)
      snprintf(want, sizeof want, "\"days\": %d,", c->days);
    else
      snprintf(want, sizeof want, "\"days\": null,");
    expect_json_has(want);
    if (c->mci_centi == 0) {
      cr_expect_eq(f->amount, AMOUNT_NONE, "%s %d days", c->fine, c->days);
      cr_expect_eq(f->counted, 0);
      cr_expect_eq(doc->total, 0);
      expect_json_has("\"warning\": true");
      expect_json_has("\"kzt\": null");
      expect_json_lacks("\"mci\"");
    } else {
      int64_t tiyn = c->mci_centi * c->mci / 100;
      cr_expect_eq(f->amount, AMOUNT_MCI, "%s", c->fine);
      cr_expect_eq(f->mci_centi, c->mci_centi, "%s %d days", c->fine, c->days);
      cr_expect_eq(f->mci_tiyn, c->mci);
      cr_expect_eq(f->tiyn, tiyn, "%s %d days", c->fine, c->days);
      cr_expect_eq(doc->total, tiyn);
      expect_json_has("\"warning\": false");
      char kzt[32];
      test_tiyn_text(tiyn, kzt, sizeof kzt);
      snprintf(want, sizeof want, "\"kzt\": \"%s\"", kzt);
      expect_json_has(want);
      snprintf(want, sizeof want, "\"mci_year\": %.4s", c->date);
      expect_json_has(want);
    }
    if (c->also) {
      snprintf(want, sizeof want, "\"also\": \"%s\"", c->also);
      expect_json_has(want);
    } else {
      expect_json_has("\"also\": null");
    }
  }
}

Test(fines, repeated_late_notification_of_a_large_business_in_2025) {
  fine_ok("late-notification-repeat", 0, QUJAT_SIZE_LARGE, "2025-06-15");
  /* 100 × 3 932 = 393 200 KZT. */
  cr_expect_eq(doc->total, 39320000);
  render_json();
  expect_json_has("\"size\": \"large\"");
  expect_json_has("\"mci\": \"100\", \"mci_value\": \"3932.00\", "
                  "\"mci_year\": 2025, \"kzt\": \"393200.00\"");
  expect_json_has("\"article\": \"518\"");
}

Test(fines, fines_render_as_text_and_pdf_in_every_language) {
  for (int lang = QUJAT_LANG_EN; lang <= QUJAT_LANG_RU; lang++) {
    cr_assert_eq(build_fine_lang("overstay", 11, QUJAT_SIZE_NONE, "2026-11-21",
                                 (qujat_lang)lang),
                 QUJAT_OK, "%s", err.msg);
    char *text = NULL;
    cr_expect_eq(qujat_render_text(doc, &text, NULL, &err), QUJAT_OK, "%s",
                 err.msg);
    /* 25 × 4 325 = 108 125 KZT, grouped with a space. */
    cr_expect_not_null(text ? strstr(text, "108 125") : NULL, "%s", text);
    qujat_free(text);
    render_pdf();
    size_t len;
    cr_expect_eq(test_pdf_xml_streams(pdf, pdf_len, FEES_NS, NULL, &len), 0,
                 "a fine has no twin");
  }
}

Test(fines, fine_arguments_are_checked) {
  /* Overstay depends on the days: 0 or missing is an argument error. */
  cr_expect_eq(build_fine("overstay", 0, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_null(doc);
  cr_expect_not_null(strstr(err.msg, "days"), "%s", err.msg);
  cr_expect_eq(build_fine("overstay", -5, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_eq(build_fine("overstay", 4, QUJAT_SIZE_SMALL, "2026-11-21"),
               QUJAT_ERR_ARG, "overstay does not depend on the size");
  /* Late notification depends on the size, not on the days. */
  cr_expect_eq(
      build_fine("late-notification", 0, QUJAT_SIZE_NONE, "2026-11-21"),
      QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "size"), "%s", err.msg);
  cr_expect_eq(
      build_fine("late-notification", 3, QUJAT_SIZE_SMALL, "2026-11-21"),
      QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "days"), "%s", err.msg);
  cr_expect_eq(
      build_fine("late-notification", 3, QUJAT_SIZE_NONE, "2026-11-21"),
      QUJAT_ERR_ARG);
  /* A bad date. */
  cr_expect_eq(build_fine("overstay", 4, QUJAT_SIZE_NONE, "2026-02-30"),
               QUJAT_ERR_ARG);
}

Test(fines, an_unknown_fine_lists_the_known_kinds) {
  cr_expect_eq(build_fine("no-such", 0, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_null(doc);
  cr_expect_not_null(strstr(err.msg, "no-such"), "%s", err.msg);
  static const char *const kinds[] = {
      "overstay", "overstay-repeat", "work-without-permit", "late-notification",
      "late-notification-repeat"};
  for (size_t i = 0; i < 5; i++)
    cr_expect_not_null(strstr(err.msg, kinds[i]), "%s not in: %s", kinds[i],
                       err.msg);
  cr_expect_eq(build_fine(NULL, 0, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "late-notification"), "%s", err.msg);
}

/* A year after the data is given in MCI only (test_dates_past_data.c); a
 * year before the first MCI of the data is an error. */
Test(fines, a_fine_before_the_first_mci_year_is_a_rule_error) {
  cr_expect_eq(build_fine("overstay", 11, QUJAT_SIZE_NONE, "2023-12-31"),
               QUJAT_ERR_RULE);
  cr_expect_null(doc);
  cr_expect_not_null(strstr(err.msg, "2023"), "%s", err.msg);
  static const char *const years[] = {"2024", "2025", "2026"};
  for (size_t i = 0; i < 3; i++)
    cr_expect_not_null(strstr(err.msg, years[i]), "%s not in: %s", years[i],
                       err.msg);
}

Test(fines, a_fine_needs_no_service) {
  qujat_request req = QUJAT_REQUEST_INIT;
  req.kind = QUJAT_DOC_FINE;
  req.fine = "overstay";
  req.days = 5;
  req.lang = QUJAT_LANG_EN;
  req.date = "2026-11-21";
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_null(doc->service);
  cr_expect_eq(doc->total, 10 * MCI_2026);
  render_json();
  expect_json_lacks("\"service\"");
}
