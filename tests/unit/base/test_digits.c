/* SPDX-License-Identifier: MIT */
/* Unit tests of the decimal writers of src/lib/base/buf.c (qujat_uint_text,
 * qujat_int_text, qujat_buf_add_uint, qujat_buf_add_int), which stand in
 * for printf's "%llu", "%0*llu" and "%lld" in the hot paths: each compared
 * with what printf prints. */
#include <criterion/criterion.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"

Test(digits, uint_text_is_what_printf_prints) {
  const unsigned long long values[] = {0,     1,     9,          10,
                                       99,    100,   2026,       65535,
                                       10000000000ULL, ULLONG_MAX - 1,
                                       ULLONG_MAX};
  for (size_t i = 0; i < sizeof values / sizeof *values; i++)
    for (int width = 0; width <= 22; width++) {
      char got[QUJAT_UINT_TEXT], want[64];
      size_t n = qujat_uint_text(got, values[i], width);
      snprintf(want, sizeof want, "%0*llu", width, values[i]);
      cr_expect_str_eq(got, want, "%llu, width %d", values[i], width);
      cr_expect_eq(n, strlen(want));
    }
}

Test(digits, uint_text_width_stops_at_its_room) {
  char got[QUJAT_UINT_TEXT];
  /* Wider than the room: as many zeros as fit, never past it. */
  size_t n = qujat_uint_text(got, 7, 100);
  cr_expect_eq(n, QUJAT_UINT_TEXT - 1);
  cr_expect_eq(got[n - 1], '7');
  cr_expect_eq(got[0], '0');
}

Test(digits, int_text_is_what_printf_prints) {
  const long long values[] = {0, 7, -7, 2026, -2026, LLONG_MAX, LLONG_MIN};
  for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
    char got[QUJAT_UINT_TEXT], want[64];
    size_t n = qujat_int_text(got, values[i]);
    snprintf(want, sizeof want, "%lld", values[i]);
    cr_expect_str_eq(got, want);
    cr_expect_eq(n, strlen(want));
  }
}

Test(digits, buf_add_int_and_uint) {
  const long long values[] = {0, 1, -1, 42, -42, LLONG_MAX, LLONG_MIN};
  struct buf b;
  qujat_buf_init(&b, 1024);
  char want[512] = "";
  for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
    cr_assert_eq(qujat_buf_add_int(&b, values[i]), QUJAT_OK);
    cr_assert_eq(qujat_buf_addc(&b, ' '), QUJAT_OK);
    snprintf(want + strlen(want), sizeof want - strlen(want), "%lld ",
             values[i]);
  }
  cr_assert_eq(qujat_buf_add_uint(&b, ULLONG_MAX), QUJAT_OK);
  snprintf(want + strlen(want), sizeof want - strlen(want), "%llu",
           ULLONG_MAX);
  cr_expect_str_eq(b.data, want);
  qujat_buf_free(&b);
  /* At the cap: the digits are refused whole, the buffer unchanged. */
  qujat_buf_init(&b, 3);
  cr_expect_eq(qujat_buf_add_int(&b, 1234), QUJAT_ERR_LIMIT);
  cr_expect_eq(b.len, 0);
  qujat_buf_free(&b);
}
