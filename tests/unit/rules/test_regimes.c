/* SPDX-License-Identifier: MIT */
/* Issue 14: the country lists of the sources (counts, ISO codes), the
 * lookup by code or name, the rolling-window stay calculator and the
 * working-day calendar. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "fixture.h"
#include "rules/rules.h"

TestSuite(regimes, .init = fixture_setup, .fini = fixture_teardown);
TestSuite(calendar, .init = fixture_setup, .fini = fixture_teardown);

static const struct qujat_catalog *C(void) {
  return (const struct qujat_catalog *)cat;
}

static const struct country_list *list(const char *id) {
  for (size_t i = 0; i < C()->nlists; i++)
    if (strcmp(C()->lists[i].id, id) == 0)
      return &C()->lists[i];
  cr_assert_fail("no list %s", id);
  return NULL;
}

static struct date D(const char *s) {
  struct date d;
  cr_assert(qujat_date_parse(s, &d), "bad date %s", s);
  return d;
}

/* Every code of every list (and of its also/or names) is an ISO code of
 * locales/countries.xml. */
Test(regimes, every_country_of_every_list_resolves_to_an_iso_code) {
  size_t n = 0;
  for (size_t i = 0; i < C()->nlists; i++) {
    const struct country_list *l = &C()->lists[i];
    for (size_t m = 0; m < l->nmembers; m++) {
      const struct list_member *x = &l->members[m];
      cr_expect(qujat_find_country(C(), x->code), "%s: %s (%s) unknown",
                l->id, x->code, x->name);
      const char *more[] = {x->also, x->alt};
      for (int k = 0; k < 2; k++)
        for (const char *p = more[k]; p && *p; p += p[2] ? 3 : 2) {
          char code[3] = {p[0], p[1], 0};
          cr_expect(qujat_find_country(C(), code), "%s: %s unknown", l->id,
                    code);
        }
      /* Round trip: the ISO names of the code find the same code. */
      const struct country *k = qujat_find_country(C(), x->code);
      for (int lang = 0; k && lang < NLANGS; lang++)
        cr_expect_eq(qujat_find_country_any(C(), k->name.s[lang]), k,
                     "%s does not find %s", k->name.s[lang], x->code);
      n++;
    }
  }
  cr_expect_eq(n, 53u + 2 + 27 + 48 + 117 + 23 + 104 + 7);
}

/* The counts the sources state, kept as data and matched by the rows. */
Test(regimes, the_counts_match_the_sources) {
  static const struct {
    const char *id;
    int count;
    size_t rows;
  } want[] = {{"visa-free-unilateral", 53, 53},
              {"visa-free-14-days", 2, 2},
              {"visa-free-bilateral", 27, 27},
              {"no-invitation", 48, 48},
              {"e-visa-digest", 109, 0},
              {"e-visa-tourist-2019", 117, 117},
              {"e-visa-business-2019", 23, 23},
              {"e-visa-qazeta", 104, 104},
              {"trp-instead-of-visa", 7, 7}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const struct country_list *l = list(want[i].id);
    cr_expect_eq(l->count, want[i].count, "%s", want[i].id);
    cr_expect_eq(l->nmembers, want[i].rows, "%s", want[i].id);
  }
  size_t near = 0, pending = 0;
  const struct country_list *b = list("visa-free-bilateral");
  for (size_t m = 0; m < b->nmembers; m++) {
    near += b->members[m].group && strcmp(b->members[m].group, "near") == 0;
    pending += (size_t)b->members[m].pending;
  }
  cr_expect_eq(near, 10u);
  cr_expect_eq(pending, 2u); /* Dominican Republic, Seychelles */
}

Test(regimes, a_country_is_found_by_code_or_name_in_three_languages) {
  const char *queries[] = {"GB", "gb", "United Kingdom", "Великобритания",
                           "Ұлыбритания", "ұЛЫБРИТАНИЯ"};
  for (size_t i = 0; i < 6; i++) {
    const struct country *k = qujat_find_country_any(C(), queries[i]);
    cr_assert(k, "%s", queries[i]);
    cr_expect_str_eq(k->code, "GB", "%s", queries[i]);
  }
  /* The digest's own spelling. */
  const struct country *au = qujat_find_country_any(C(), "Аустралия");
  cr_assert(au);
  cr_expect_str_eq(au->code, "AU");
  cr_expect_null(qujat_find_country_any(C(), "Atlantis"));
}

/* China: visa-free under §3, on the e-visa lists of 003 and 004 (one row
 * that covers Hong Kong, Macao and Taiwan): both are kept. */
Test(regimes, the_sources_disagree_on_china_india_and_iran) {
  struct regime_hit h[MAX_REGIME_HITS];
  size_t n = qujat_regime_hits(C(), "CN", h, MAX_REGIME_HITS);
  cr_assert_eq(n, 3u);
  cr_expect_str_eq(h[0].list->id, "visa-free-bilateral");
  cr_expect_eq(qujat_hit_stay(&h[0])->per_entry, 30);
  cr_expect_str_eq(h[1].list->id, "e-visa-tourist-2019");
  cr_expect_str_eq(h[2].list->id, "e-visa-qazeta");
  n = qujat_regime_hits(C(), "TW", h, MAX_REGIME_HITS);
  cr_assert_eq(n, 1u);
  cr_expect(h[0].covered);
  n = qujat_regime_hits(C(), "IN", h, MAX_REGIME_HITS);
  const struct regime_hit *vf = qujat_regime_visa_free(h, n);
  cr_assert(vf);
  cr_expect_eq(qujat_hit_stay(vf)->per_entry, 14);
  cr_expect_eq(qujat_hit_stay(vf)->window_max, 42);
  cr_expect_eq(n, 3u); /* 14 days; tourist e-visa 2019; QazETA */
  n = qujat_regime_hits(C(), "IR", h, MAX_REGIME_HITS);
  cr_expect_eq(n, 2u); /* 14 days; QazETA */
  n = qujat_regime_hits(C(), "VI", h, MAX_REGIME_HITS);
  cr_assert_eq(n, 1u);
  cr_expect(h[0].ambiguous);
}

static const struct stay_rule *rule_of(const char *code) {
  static struct regime_hit h[MAX_REGIME_HITS];
  size_t n = qujat_regime_hits(C(), code, h, MAX_REGIME_HITS);
  const struct regime_hit *vf = qujat_regime_visa_free(h, n);
  cr_assert(vf, "%s has no visa-free rule", code);
  return qujat_hit_stay(vf);
}

Test(regimes, a_trip_counts_both_its_days) {
  struct trip t = {D("2026-03-01"), D("2026-03-01")};
  cr_expect_eq(qujat_days_in(&t, 1, D("2026-01-01"), D("2026-12-31")), 1);
  t.exit = D("2026-03-30");
  cr_expect_eq(qujat_days_in(&t, 1, D("2026-01-01"), D("2026-12-31")), 30);
}

Test(regimes, thirty_days_per_entry_end_on_the_thirtieth_day) {
  struct date last;
  cr_assert(qujat_last_legal_day(rule_of("GB"), NULL, 0, D("2026-05-01"),
                                 &last));
  cr_expect_eq(qujat_date_cmp(last, D("2026-05-30")), 0);
}

Test(regimes, a_leap_day_is_a_day_of_stay) {
  struct date last;
  cr_assert(qujat_last_legal_day(rule_of("GB"), NULL, 0, D("2028-02-15"),
                                 &last));
  cr_expect_eq(qujat_date_cmp(last, D("2028-03-15")), 0); /* 29 Feb counted */
  struct trip t = {D("2028-02-28"), D("2028-03-01")};
  cr_expect_eq(qujat_days_in(&t, 1, D("2028-01-01"), D("2028-12-31")), 3);
}

/* Three trips of 30 days fill the 90 in 180: a fourth may start only
 * when the first has left the window. */
Test(regimes, several_trips_fill_the_rolling_window) {
  struct trip t[3] = {{D("2026-01-01"), D("2026-01-30")},
                      {D("2026-02-10"), D("2026-03-11")},
                      {D("2026-03-20"), D("2026-04-18")}};
  const struct stay_rule *r = rule_of("GB");
  struct date last;
  cr_expect_eq(qujat_days_in(t, 3, qujat_date_add_days(D("2026-04-18"), -179),
                             D("2026-04-18")),
               90);
  /* On 2026-06-29 the window starts 2026-01-01: still 90 used. */
  cr_expect_not(qujat_last_legal_day(r, t, 3, D("2026-06-29"), &last));
  /* On 2026-06-30 the window starts 2026-01-02: one day freed, and every
   * further day frees another, up to the 30 days of one entry. */
  cr_assert(qujat_last_legal_day(r, t, 3, D("2026-06-30"), &last));
  cr_expect_eq(qujat_date_cmp(last, D("2026-07-29")), 0);
}

/* A trip that began before the window's first day counts only its days
 * inside the window. */
Test(regimes, a_trip_spanning_the_window_start_counts_its_days_inside) {
  struct trip t = {D("2025-12-20"), D("2026-01-10")};
  struct date on = D("2026-06-20"); /* window from 2025-12-23 */
  cr_expect_eq(qujat_days_in(&t, 1, qujat_date_add_days(on, -179), on), 19);
  /* And the calendar year counts only its own days. */
  cr_expect_eq(qujat_days_in(&t, 1, D("2026-01-01"), D("2026-12-31")), 10);
}

Test(regimes, the_year_limit_of_120_days) {
  /* 4 trips of 30 days spread so that no 180-day window holds more than
   * 90: the fifth trip in the same year is refused. */
  struct trip t[4] = {{D("2026-01-01"), D("2026-01-30")},
                      {D("2026-04-01"), D("2026-04-30")},
                      {D("2026-07-01"), D("2026-07-30")},
                      {D("2026-10-01"), D("2026-10-30")}};
  struct date last;
  cr_expect_not(qujat_last_legal_day(rule_of("GB"), t, 4, D("2026-12-20"),
                                     &last));
  cr_assert(qujat_last_legal_day(rule_of("GB"), t, 4, D("2027-01-01"),
                                 &last));
}

Test(regimes, india_14_days_and_42_in_180) {
  struct trip t[3] = {{D("2026-01-01"), D("2026-01-14")},
                      {D("2026-02-01"), D("2026-02-14")},
                      {D("2026-03-01"), D("2026-03-10")}};
  struct date last;
  cr_assert(qujat_last_legal_day(rule_of("IN"), t, 3, D("2026-04-01"),
                                 &last));
  cr_expect_eq(qujat_date_cmp(last, D("2026-04-04")), 0); /* 38 + 4 = 42 */
}

/* ---- the calendar ---- */

Test(calendar, a_holiday_on_a_weekend_moves_the_day_off) {
  /* 8 March 2026 is a Sunday: Monday 9 March is off. */
  cr_expect_not(qujat_is_working_day(C(), D("2026-03-09"), NULL));
  cr_expect(qujat_is_working_day(C(), D("2026-03-10"), NULL));
  /* Nauryz 21-23 March 2026 (Sat, Sun, Mon): 24 and 25 March are off. */
  cr_expect_not(qujat_is_working_day(C(), D("2026-03-24"), NULL));
  cr_expect_not(qujat_is_working_day(C(), D("2026-03-25"), NULL));
  cr_expect(qujat_is_working_day(C(), D("2026-03-26"), NULL));
  /* The moves the Ministry of Labour's calendar of 2026 shows. */
  const struct calendar *c = qujat_find_calendar(C(), 2026);
  cr_assert(c);
  struct date v[40];
  size_t n = qujat_calendar_moved(c, v, 40);
  const char *want[] = {"2026-03-09", "2026-03-24", "2026-03-25",
                        "2026-05-11", "2026-08-31", "2026-10-26"};
  cr_assert_eq(n, 6u);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(qujat_date_cmp(v[i], D(want[i])), 0, "move %zu", i);
}

Test(calendar, kurban_ait_and_christmas_on_a_weekend_do_not_move) {
  /* 7 January 2026 is a Wednesday and off; Kurban Ait 6 June 2025 a
   * Friday. Neither moves: nothing else is off around them. */
  cr_expect_not(qujat_is_working_day(C(), D("2026-01-07"), NULL));
  cr_expect_not(qujat_is_working_day(C(), D("2025-06-06"), NULL));
  cr_expect(qujat_is_working_day(C(), D("2025-06-09"), NULL));
}

Test(calendar, a_moved_day_off_by_an_act) {
  /* 2025: Sunday 5 January worked, Friday 3 January off. */
  cr_expect_not(qujat_is_working_day(C(), D("2025-01-03"), NULL));
  cr_expect(qujat_is_working_day(C(), D("2025-01-05"), NULL));
}

Test(calendar, working_days_across_a_year_boundary) {
  struct cal_missing m = {0};
  /* From Tuesday 30 December 2025, 3 working days: 31 Dec; 1, 2 Jan are
   * holidays; 3, 4 weekend; 5, 6 Jan work: 6 January 2026. */
  struct date d = qujat_add_working_days(C(), D("2025-12-30"), 3, &m);
  cr_expect_eq(qujat_date_cmp(d, D("2026-01-06")), 0);
  cr_expect_eq(m.n, 0u);
  /* Backwards over it too. */
  d = qujat_add_working_days(C(), D("2026-01-06"), -3, &m);
  cr_expect_eq(qujat_date_cmp(d, D("2025-12-30")), 0);
}

Test(calendar, a_year_without_data_counts_monday_to_friday_and_says_so) {
  struct cal_missing m = {0};
  /* 1 January 2028 is a Saturday; without a calendar for 2028 Monday 3
   * January is a working day, and the year is noted. */
  struct date d = qujat_add_working_days(C(), D("2027-12-31"), 1, &m);
  cr_expect_eq(qujat_date_cmp(d, D("2028-01-03")), 0);
  cr_assert_geq(m.n, 1u);
  int saw2028 = 0;
  for (size_t i = 0; i < m.n; i++)
    saw2028 |= m.years[i] == 2028;
  cr_expect(saw2028);
  cr_expect_null(qujat_find_calendar(C(), 2028));
}
