/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/base/money.c: exact decimals, MCI arithmetic in integer
 * tiyn, and the formatting of amounts. */
#include <criterion/criterion.h>

#include <stdint.h>

#include "base/base.h"

/* Parses `s` at `scale`; asserts success and returns the value. */
static int64_t parse_ok(const char *s, int scale) {
  int64_t v = -12345;
  cr_assert_eq(qujat_decimal_parse(s, scale, &v), 1, "'%s' (scale %d) rejected",
               s, scale);
  return v;
}

/* ------------------------------------------------------------------------
 * qujat_decimal_parse
 * ------------------------------------------------------------------------ */

Test(money, decimal_parse_accepts_plain_and_fractional_amounts) {
  cr_expect_eq(parse_ok("730000", 0), 730000);
  cr_expect_eq(parse_ok("730000", 2), 73000000);
  cr_expect_eq(parse_ok("0.5", 2), 50);
  cr_expect_eq(parse_ok("0,5", 2), 50);
  cr_expect_eq(parse_ok("2162.5", 2), 216250);
  cr_expect_eq(parse_ok("2162,50", 2), 216250);
  cr_expect_eq(parse_ok("0.25", 2), 25);
  cr_expect_eq(parse_ok("30", 2), 3000);
  cr_expect_eq(parse_ok("0", 2), 0);
  cr_expect_eq(parse_ok("007", 0), 7);
}

Test(money, decimal_parse_rejects_bad_syntax) {
  static const char *const bad[] = {"",    ".5",  "5.",    "1.234", "-1",
                                    "+1",  "1e3", "1 000", "1.2.3", "1,2,3",
                                    "abc", " 1",  "1 ",    "0x10",  ","};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int64_t v = 42;
    cr_expect_eq(qujat_decimal_parse(bad[i], 2, &v), 0, "'%s' accepted",
                 bad[i]);
  }
}

Test(money, decimal_parse_respects_the_scale) {
  int64_t v;
  cr_expect_eq(qujat_decimal_parse("0.5", 0, &v), 0, "fraction at scale 0");
  cr_expect_eq(qujat_decimal_parse("0.05", 1, &v), 0, "2 digits at scale 1");
  cr_expect_eq(parse_ok("0.05", 2), 5);
  cr_expect_eq(parse_ok("1.5", 3), 1500);
}

Test(money, decimal_parse_limit_is_10_to_the_15) {
  int64_t v;
  cr_expect_eq(parse_ok("999999999999999", 0), 999999999999999LL);
  cr_expect_eq(qujat_decimal_parse("1000000000000000", 0, &v), 0);
  /* The limit applies to the scaled value. */
  cr_expect_eq(parse_ok("9999999999999.99", 2), 999999999999999LL);
  cr_expect_eq(qujat_decimal_parse("10000000000000", 2, &v), 0);
  /* Far too many digits: rejected, without overflowing int64 first. */
  cr_expect_eq(qujat_decimal_parse("99999999999999999999999999", 2, &v), 0);
}

/* Regression: scaling once overflowed int64 (999 999 999 999 999 at
 * scale 4) and the call returned 1 with a negative value. */
Test(money, decimal_parse_overflow_while_scaling_is_rejected) {
  int64_t v = 0;
  cr_expect_eq(qujat_decimal_parse("999999999999999", 4, &v), 0,
               "accepted, value %lld", (long long)v);
}

/* ------------------------------------------------------------------------
 * qujat_mci_amount
 * ------------------------------------------------------------------------ */

Test(money, mci_amount_exact_multiples) {
  cr_expect_eq(qujat_mci_amount(50, 432500), 216250);     /* 0.5 × 4 325 */
  cr_expect_eq(qujat_mci_amount(3000, 393200), 11796000); /* 30 × 3 932 */
  cr_expect_eq(qujat_mci_amount(3000, 432500), 12975000); /* 30 × 4 325 */
  cr_expect_eq(qujat_mci_amount(400, 432500), 1730000);   /* 4 × 4 325 */
  cr_expect_eq(qujat_mci_amount(50, 393200), 196600);     /* 0.5 × 3 932 */
  cr_expect_eq(qujat_mci_amount(25, 432500), 108125);     /* 0.25 × 4 325 */
  cr_expect_eq(qujat_mci_amount(0, 432500), 0);
  cr_expect_eq(qujat_mci_amount(100, 0), 0);
}

Test(money, mci_amount_rounds_half_up_to_the_tiyn) {
  /* 0.5 × 3 692.01 = 1 846.005 KZT: half a tiyn rounds up. */
  cr_expect_eq(qujat_mci_amount(50, 369201), 184601);
  /* 0.25 × 3 692.01 = 923.0025: .25 of a tiyn rounds down. */
  cr_expect_eq(qujat_mci_amount(25, 369201), 92300);
  /* 0.75 × 3 692.02 = 2 769.015: half a tiyn rounds up. */
  cr_expect_eq(qujat_mci_amount(75, 369202), 276902);
  /* 0.75 × 3 692.03 = 2 769.0225 → 276902 (a quarter rounds down). */
  cr_expect_eq(qujat_mci_amount(75, 369203), 276902);
  /* 0.01 × 0.99 KZT = 0.99 tiyn → 1 tiyn; 0.01 × 0.49 KZT → 0. */
  cr_expect_eq(qujat_mci_amount(1, 99), 1);
  cr_expect_eq(qujat_mci_amount(1, 49), 0);
}

Test(money, mci_amount_rejects_negative_and_overflowing_inputs) {
  cr_expect_eq(qujat_mci_amount(-50, 432500), -1);
  cr_expect_eq(qujat_mci_amount(50, -1), -1);
  cr_expect_eq(qujat_mci_amount(INT64_MAX, 2), -1);
  cr_expect_eq(qujat_mci_amount(3, INT64_MAX / 2), -1);
}

/* Regression: the rounding step once overflowed for a product within 50
 * of INT64_MAX. */
Test(money, mci_amount_rounding_does_not_overflow) {
  int64_t got = qujat_mci_amount(1, INT64_MAX);
  /* INT64_MAX / 100 = 92233720368547758.07, which rounds to ...758. */
  cr_expect(got == 92233720368547758LL || got == -1,
            "got %lld, expected 92233720368547758 or -1", (long long)got);
}

/* ------------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------------ */

/* Formats with qujat_tiyn_plain and compares. */
static void expect_plain(int64_t tiyn, const char *want) {
  char out[64];
  qujat_tiyn_plain(tiyn, out, sizeof out);
  cr_expect_str_eq(out, want, "tiyn_plain(%lld)", (long long)tiyn);
}

Test(money, tiyn_plain_has_two_decimals_and_no_grouping) {
  expect_plain(216250, "2162.50");
  expect_plain(73000000, "730000.00");
  expect_plain(111925000, "1119250.00");
  expect_plain(0, "0.00");
  expect_plain(5, "0.05");
  expect_plain(99, "0.99");
  expect_plain(100, "1.00");
  expect_plain(-150, "-1.50");
}

static void expect_grouped(int64_t tiyn, const char *group, const char *decimal,
                           const char *want) {
  char out[64];
  qujat_tiyn_grouped(tiyn, group, decimal, out, sizeof out);
  cr_expect_str_eq(out, want, "tiyn_grouped(%lld, '%s', '%s')", (long long)tiyn,
                   group, decimal);
}

Test(money, tiyn_grouped_groups_thousands) {
  expect_grouped(111925000, " ", ".", "1 119 250.00");
  expect_grouped(85975000, " ", ",", "859 750,00");
  expect_grouped(111925000, ",", ".", "1,119,250.00");
  expect_grouped(111925000, ".", ",", "1.119.250,00");
  expect_grouped(0, " ", ".", "0.00");
  expect_grouped(99, " ", ".", "0.99");
  expect_grouped(1000, " ", ".", "10.00");
  expect_grouped(99999, " ", ".", "999.99");
  expect_grouped(100000, " ", ".", "1 000.00");
  expect_grouped(216250, " ", ",", "2 162,50");
  expect_grouped(100000000, " ", ".", "1 000 000.00");
  expect_grouped(-100000, " ", ".", "-1 000.00");
  /* The most negative amount: its magnitude, not -tiyn's overflow. */
  expect_grouped(INT64_MIN, " ", ".", "-92 233 720 368 547 758.08");
  expect_grouped(INT64_MAX, " ", ".", "92 233 720 368 547 758.07");
  /* A multi-byte separator (U+00A0 no-break space). */
  expect_grouped(100000, "\302\240", ",", "1\302\240000,00");
}

Test(money, tiyn_grouped_truncates_to_the_buffer) {
  char out[6];
  qujat_tiyn_grouped(111925000, " ", ".", out, sizeof out);
  cr_expect_str_eq(out, "1 119");
}

static void expect_centi(int64_t centi, const char *decimal, const char *want) {
  char out[32];
  qujat_centi_format(centi, decimal, out, sizeof out);
  cr_expect_str_eq(out, want, "centi_format(%lld, '%s')", (long long)centi,
                   decimal);
}

Test(money, centi_format_prints_short_decimals) {
  expect_centi(50, ".", "0.5");
  expect_centi(50, ",", "0,5");
  expect_centi(3000, ".", "30");
  expect_centi(3000, ",", "30");
  expect_centi(225, ".", "2.25");
  expect_centi(225, ",", "2,25");
  expect_centi(400, ".", "4");
  expect_centi(5, ".", "0.05");
  expect_centi(25, ",", "0,25");
  expect_centi(110, ".", "1.1");
  expect_centi(0, ".", "0");
}
