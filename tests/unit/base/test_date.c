/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/base/date.c: strict parsing, day arithmetic, weekdays,
 * calendar months, working days and ages. */
#include <criterion/criterion.h>

#include "base/base.h"
#include "qujat/qujat.h"

static struct date D(int y, int m, int d) {
  struct date r = {y, m, d};
  return r;
}

/* Asserts that `got` is y-m-d, printing both sides on failure. */
static void
expect_date(struct date got, int y, int m, int d, const char *w) {
  cr_expect(got.y == y && got.m == m && got.d == d,
            "%s: got %04d-%02d-%02d, expected %04d-%02d-%02d", w, got.y, got.m,
            got.d, y, m, d);
}

/* ------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------ */

Test(date, parse_accepts_calendar_days) {
  static const struct {
    const char *s;
    int y, m, d;
  } ok[] = {
      {"2026-11-21", 2026, 11, 21}, {"2024-02-29", 2024, 2, 29},
      {"2000-02-29", 2000, 2, 29},  {"1900-01-01", 1900, 1, 1},
      {"9999-12-31", 9999, 12, 31}, {"2026-04-30", 2026, 4, 30},
      {"2026-01-31", 2026, 1, 31},
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    struct date got = {0, 0, 0};
    cr_expect_eq(qujat_date_parse(ok[i].s, &got), 1, "'%s' rejected", ok[i].s);
    expect_date(got, ok[i].y, ok[i].m, ok[i].d, ok[i].s);
  }
}

Test(date, parse_rejects_malformed_and_impossible_dates) {
  static const char *const bad[] = {
      "2025-02-29",  /* 2025 is a common year */
      "1900-02-29",  /* divisible by 100, not by 400 */
      "2100-02-29",  /* idem */
      "2026-13-01",  /* month 13 */
      "2026-00-10",  /* month 0 */
      "2026-01-00",  /* day 0 */
      "2026-04-31",  /* April has 30 days */
      "2026-1-01",   /* month not on two digits */
      "2026-01-1",   /* day not on two digits */
      "2026-01-01x", /* trailing characters */
      "2026-01-01 ", /* trailing space */
      " 2026-01-01", /* leading space */
      "2026/01/01",  /* wrong separator */
      "20260101",    /* no separators */
      "1899-12-31",  /* before 1900 */
      "0000-01-01",  /* year 0 */
      "+026-01-01",  /* sign */
      "2026-01",     /* too short */
      "",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    struct date got;
    cr_expect_eq(qujat_date_parse(bad[i], &got), 0, "'%s' accepted", bad[i]);
  }
  struct date got;
  cr_expect_eq(qujat_date_parse(NULL, &got), 0, "NULL accepted");
}

Test(date, check_is_the_public_parser) {
  cr_expect_eq(qujat_date_check("2024-02-29"), QUJAT_OK);
  cr_expect_eq(qujat_date_check("2026-11-21"), QUJAT_OK);
  cr_expect_eq(qujat_date_check("2025-02-29"), QUJAT_ERR_ARG);
  cr_expect_eq(qujat_date_check("2026-13-01"), QUJAT_ERR_ARG);
  cr_expect_eq(qujat_date_check("1899-12-31"), QUJAT_ERR_ARG);
  cr_expect_eq(qujat_date_check("today"), QUJAT_ERR_ARG);
  cr_expect_eq(qujat_date_check(NULL), QUJAT_ERR_ARG);
}

Test(date, format_writes_iso_dates) {
  char out[11];
  qujat_date_format(D(2026, 1, 5), out);
  cr_expect_str_eq(out, "2026-01-05");
  qujat_date_format(D(1900, 12, 31), out);
  cr_expect_str_eq(out, "1900-12-31");
  qujat_date_format(D(2024, 2, 29), out);
  cr_expect_str_eq(out, "2024-02-29");
}

Test(date, format_then_parse_is_identity) {
  struct date d = D(2027, 1, 15), back;
  char out[11];
  qujat_date_format(d, out);
  cr_assert_eq(qujat_date_parse(out, &back), 1);
  cr_expect_eq(qujat_date_cmp(d, back), 0);
}

/* ------------------------------------------------------------------------
 * Days since the epoch
 * ------------------------------------------------------------------------ */

Test(date, to_days_known_values) {
  /* 1970..1999: 30 years with 7 leap days; 1900..1969: 70 years, 17 leap
   * days (1904..1968); 2000-03-01: + 31 (January) + 29 (February). */
  cr_expect_eq(qujat_date_to_days(D(1970, 1, 1)), 0);
  cr_expect_eq(qujat_date_to_days(D(1969, 12, 31)), -1);
  cr_expect_eq(qujat_date_to_days(D(2000, 1, 1)), 10957);
  cr_expect_eq(qujat_date_to_days(D(2000, 3, 1)), 11017);
  cr_expect_eq(qujat_date_to_days(D(1900, 1, 1)), -25567);
}

/* Walks every day from 1900-01-01 to 2100-12-31: from_days inverts
 * to_days, and consecutive numbers are consecutive calendar days. */
Test(date, to_days_from_days_round_trip_over_two_centuries) {
  int64_t first = qujat_date_to_days(D(1900, 1, 1));
  int64_t last = qujat_date_to_days(D(2100, 12, 31));
  cr_assert_eq(last - first + 1, 73414); /* 201 years, 49 leap days */
  struct date prev = qujat_date_from_days(first);
  expect_date(prev, 1900, 1, 1, "from_days(first)");
  for (int64_t x = first + 1; x <= last; x++) {
    struct date d = qujat_date_from_days(x);
    cr_assert_eq(qujat_date_to_days(d), x, "round trip of day %lld",
                 (long long)x);
    int next_day = d.y == prev.y && d.m == prev.m && d.d == prev.d + 1;
    int next_month =
        d.d == 1 &&
        ((d.y == prev.y && d.m == prev.m + 1) ||
         (d.y == prev.y + 1 && d.m == 1 && prev.m == 12 && prev.d == 31));
    cr_assert(next_day || next_month,
              "%04d-%02d-%02d does not follow %04d-%02d-%02d", d.y, d.m, d.d,
              prev.y, prev.m, prev.d);
    prev = d;
  }
  expect_date(prev, 2100, 12, 31, "from_days(last)");
}

Test(date, cmp_orders_dates) {
  cr_expect_lt(qujat_date_cmp(D(2026, 11, 20), D(2026, 11, 21)), 0);
  cr_expect_gt(qujat_date_cmp(D(2027, 1, 1), D(2026, 12, 31)), 0);
  cr_expect_gt(qujat_date_cmp(D(2026, 2, 1), D(2026, 1, 31)), 0);
  cr_expect_eq(qujat_date_cmp(D(2026, 11, 21), D(2026, 11, 21)), 0);
}

/* ------------------------------------------------------------------------
 * Weekdays and calendar arithmetic
 * ------------------------------------------------------------------------ */

Test(date, weekday_monday_is_1_sunday_is_7) {
  cr_expect_eq(qujat_date_weekday(D(2026, 11, 21)), 6); /* Saturday */
  cr_expect_eq(qujat_date_weekday(D(2026, 11, 22)), 7); /* Sunday */
  cr_expect_eq(qujat_date_weekday(D(2026, 11, 23)), 1); /* Monday */
  cr_expect_eq(qujat_date_weekday(D(2027, 1, 15)), 5);  /* Friday */
  cr_expect_eq(qujat_date_weekday(D(1970, 1, 1)), 4);   /* Thursday */
  cr_expect_eq(qujat_date_weekday(D(1969, 12, 31)), 3); /* Wednesday */
  cr_expect_eq(qujat_date_weekday(D(2000, 1, 1)), 6);   /* Saturday */
  cr_expect_eq(qujat_date_weekday(D(1900, 1, 1)), 1);   /* Monday */
}

Test(date, add_months_clamps_to_the_end_of_the_month) {
  expect_date(qujat_date_add_months(D(2025, 11, 30), 3), 2026, 2, 28,
              "2025-11-30 + 3");
  expect_date(qujat_date_add_months(D(2024, 1, 31), 1), 2024, 2, 29,
              "2024-01-31 + 1");
  expect_date(qujat_date_add_months(D(2028, 12, 31), 3), 2029, 3, 31,
              "2028-12-31 + 3");
  expect_date(qujat_date_add_months(D(2026, 1, 31), 1), 2026, 2, 28,
              "2026-01-31 + 1");
  expect_date(qujat_date_add_months(D(2024, 2, 29), 12), 2025, 2, 28,
              "2024-02-29 + 12");
  expect_date(qujat_date_add_months(D(2028, 12, 31), 0), 2028, 12, 31, "+ 0");
  expect_date(qujat_date_add_months(D(2026, 3, 31), -1), 2026, 2, 28,
              "2026-03-31 - 1");
  expect_date(qujat_date_add_months(D(2026, 2, 15), -3), 2025, 11, 15,
              "2026-02-15 - 3");
}

Test(date, add_days_crosses_months_and_years) {
  expect_date(qujat_date_add_days(D(2026, 12, 31), 1), 2027, 1, 1, "+1");
  expect_date(qujat_date_add_days(D(2024, 3, 1), -1), 2024, 2, 29, "-1");
  expect_date(qujat_date_add_days(D(2026, 2, 10), 180), 2026, 8, 9, "+180");
  expect_date(qujat_date_add_days(D(2027, 1, 15), -42), 2026, 12, 4, "-42");
}

Test(date, sub_working_days_skips_weekends) {
  struct date fri = D(2027, 1, 15);
  expect_date(qujat_date_sub_working_days(fri, 0), 2027, 1, 15, "n = 0");
  expect_date(qujat_date_sub_working_days(fri, 1), 2027, 1, 14, "Fri - 1");
  expect_date(qujat_date_sub_working_days(fri, 5), 2027, 1, 8, "Fri - 5");
  expect_date(qujat_date_sub_working_days(fri, 30), 2026, 12, 4, "Fri - 30");
  /* From a Monday one working day back is the Friday before. */
  expect_date(qujat_date_sub_working_days(D(2026, 11, 23), 1), 2026, 11, 20,
              "Mon - 1");
  /* From a weekend day, too. */
  expect_date(qujat_date_sub_working_days(D(2026, 11, 21), 1), 2026, 11, 20,
              "Sat - 1");
  expect_date(qujat_date_sub_working_days(D(2026, 11, 22), 1), 2026, 11, 20,
              "Sun - 1");
  /* 2026-12-01 is a Tuesday: 5 working days back is Tuesday 24 November. */
  expect_date(qujat_date_sub_working_days(D(2026, 12, 1), 5), 2026, 11, 24,
              "Tue - 5");
}

/* ------------------------------------------------------------------------
 * Ages
 * ------------------------------------------------------------------------ */

Test(date, age_changes_on_the_birthday) {
  struct date birth = D(1985, 3, 14);
  cr_expect_eq(qujat_date_age(birth, D(2026, 3, 14)), 41, "on the birthday");
  cr_expect_eq(qujat_date_age(birth, D(2026, 3, 13)), 40, "the day before");
  cr_expect_eq(qujat_date_age(birth, D(2026, 2, 28)), 40, "a month before");
  cr_expect_eq(qujat_date_age(birth, D(2026, 12, 31)), 41, "later that year");
  cr_expect_eq(qujat_date_age(birth, birth), 0, "born today");
}

Test(date, age_of_a_29_february_birthday) {
  struct date birth = D(1980, 2, 29);
  /* Common year: reached on 1 March, not on 28 February. */
  cr_expect_eq(qujat_date_age(birth, D(2025, 2, 28)), 44);
  cr_expect_eq(qujat_date_age(birth, D(2025, 3, 1)), 45);
  /* Leap year: reached on the day itself. */
  cr_expect_eq(qujat_date_age(birth, D(2024, 2, 28)), 43);
  cr_expect_eq(qujat_date_age(birth, D(2024, 2, 29)), 44);
}

Test(date, ages_of_the_prp_family_children) {
  cr_expect_eq(qujat_date_age(D(2010, 12, 1), D(2026, 2, 10)), 15);
  cr_expect_eq(qujat_date_age(D(2016, 7, 20), D(2026, 2, 10)), 9);
  cr_expect_eq(qujat_date_age(D(2010, 12, 1), D(2029, 1, 1)), 18);
  cr_expect_eq(qujat_date_age(D(2016, 7, 20), D(2029, 1, 1)), 12);
}
