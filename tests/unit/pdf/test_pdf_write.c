/* SPDX-License-Identifier: MIT */
/* Unit tests of how qujat writes numbers and streams into a PDF
 * (pdf_font.c): qujat_pdf_real and qujat_pdf_deflate, whose streams zlib
 * inflates back to the bytes given, whatever their length. */
#include <criterion/criterion.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/base.h"
#include "pdf/pdf_internal.h"
#include "qujat/qujat.h"
#include "ttf_helpers.h"

TestSuite(pdf_write);

Test(pdf_write, pdf_real_formats_numbers) {
  static const struct {
    double v;
    const char *want;
  } cases[] = {{0, "0"},
               {-0.0, "0"},
               {-0.0004, "0"},
               {0.0004, "0"},
               {1, "1"},
               {12.5, "12.5"},
               {0.125, "0.125"},
               {-3.2, "-3.2"},
               {595.276, "595.276"},
               {1e6, "1000000"},
               {-0.0005, "-0.001"},
               {0.0005, "0.001"},
               {841.8898, "841.89"},
               {2.0001, "2"},
               {-12.3456, "-12.346"},
               {0.1, "0.1"},
               {-1, "-1"},
               {100.05, "100.05"},
               {1e12, "1000000000000"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct buf out;
    qujat_buf_init(&out, 64);
    cr_assert_eq(qujat_buf_adds(&out, "x "), QUJAT_OK);
    cr_assert_eq(qujat_pdf_real(&out, cases[i].v), QUJAT_OK);
    cr_expect_str_eq(out.data + 2, cases[i].want, "%.6g", cases[i].v);
    cr_expect_eq(memcmp(out.data, "x ", 2), 0);
    qujat_buf_free(&out);
  }
}

static void expect_deflate_round_trip(const unsigned char *data, size_t len,
                                      const char *what) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "stream\n"), QUJAT_OK);
  qujat_status st = qujat_pdf_deflate(data, len, &out);
  cr_assert_eq(st, QUJAT_OK, "%s: %s", what, qujat_strerror(st));
  cr_expect_eq(memcmp(out.data, "stream\n", 7), 0, "%s: prefix", what);
  cr_expect_eq(out.data[out.len], '\0');
  const unsigned char *z = (const unsigned char *)out.data + 7;
  size_t zlen = out.len - 7;
  cr_assert_geq(zlen, 2);
  cr_expect_eq(z[0] & 0x0f, 8, "%s: not deflate", what);
  cr_expect_eq((z[0] << 8 | z[1]) % 31, 0, "%s: zlib header check", what);
  unsigned char *back = malloc(len + 16);
  cr_assert_not_null(back);
  uLongf back_len = (uLongf)len + 16;
  int zst = uncompress(back, &back_len, z, (uLong)zlen);
  cr_expect_eq(zst, Z_OK, "%s: uncompress %d", what, zst);
  cr_expect_eq(back_len, len, "%s: %lu bytes back", what,
               (unsigned long)back_len);
  if (len)
    cr_expect_eq(memcmp(back, data, len), 0, "%s: other bytes back", what);
  free(back);
  qujat_buf_free(&out);
}

Test(pdf_write, pdf_deflate_round_trips) {
  enum { BIG = 100 * 1024 };
  unsigned char *random_bytes = malloc(BIG), *zeros = calloc(BIG, 1);
  cr_assert(random_bytes && zeros);
  for (size_t i = 0; i < BIG; i++)
    random_bytes[i] = (unsigned char)(rnd() >> 11);
  expect_deflate_round_trip(NULL, 0, "empty");
  expect_deflate_round_trip((const unsigned char *)"", 0, "empty string");
  expect_deflate_round_trip((const unsigned char *)"q", 1, "one byte");
  expect_deflate_round_trip(random_bytes, BIG, "100 KB random");
  expect_deflate_round_trip(zeros, BIG, "100 KB zeros");
  /* Around the window sizes chosen by length. */
  static const size_t edges[] = {2,     255,   256,   257,   511,   512,
                                 513,   1023,  1024,  1025,  16383, 16384,
                                 16385, 32767, 32768, 32769, 65536};
  for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
    char what[32];
    snprintf(what, sizeof what, "%zu random", edges[i]);
    expect_deflate_round_trip(random_bytes, edges[i], what);
    snprintf(what, sizeof what, "%zu text", edges[i]);
    expect_deflate_round_trip(
        (const unsigned char *)TEXT_KK TEXT_KK TEXT_KK,
        edges[i] < 3 * sizeof TEXT_KK - 3 ? edges[i] : 3 * sizeof TEXT_KK - 3,
        what);
  }
  /* Zeros compress. */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_pdf_deflate(zeros, BIG, &out), QUJAT_OK);
  cr_expect_lt(out.len, 1024, "100 KB of zeros in %zu bytes", out.len);
  qujat_buf_free(&out);
  /* Past the buffer's cap: an error and nothing appended. */
  qujat_buf_init(&out, 100);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_neq(qujat_pdf_deflate(random_bytes, BIG, &out), QUJAT_OK);
  cr_expect_eq(out.len, 2);
  cr_expect_str_eq(out.data, "ab");
  qujat_buf_free(&out);
  free(random_bytes);
  free(zeros);
}
