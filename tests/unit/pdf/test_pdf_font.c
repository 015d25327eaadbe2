/* SPDX-License-Identifier: MIT */
/* Unit tests of one PDF's use of a font (pdf_font.c): characters get
 * CIDs in code point order after the freeze, strings are written as
 * literal strings of CIDs with the escapes a reader needs, missing glyphs
 * are reported, the output's cap is kept, CIDs have the widths of their
 * glyphs and the subset tag follows the characters used. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "helpers.h"
#include "pdf/pdf_internal.h"
#include "qujat/qujat.h"
#include "ttf_helpers.h"
#include "ttf_synth.h"

TestSuite(pdf_font, .init = ttf_setup, .fini = ttf_teardown);

/* Whether `p[0..len)`, which may hold NUL bytes, contains `s`. */
static int contains(const char *p, size_t len, const char *s) {
  return test_count_bytes((const unsigned char *)p, len, s) > 0;
}

/* The CIDs of `s` decode to the code points `s` has (through u->cps), and
 * each is the rank of its character among `sorted[0..n)`, the characters
 * added, in code point order. */
static void expect_cids(const struct font_use *u, const char *s,
                        const uint32_t *sorted, size_t n) {
  uint32_t *cps = malloc((strlen(s) + 1) * sizeof *cps);
  unsigned *cids = malloc((strlen(s) + 1) * sizeof *cids);
  cr_assert(cps && cids);
  size_t k = code_points(s, cps);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  size_t got = string_cids(u, s, &out, cids, k + 1);
  cr_assert_eq(got, k, "'%s': %zu CIDs for %zu characters", s, got, k);
  for (size_t i = 0; i < k; i++) {
    uint32_t *at = bsearch(&cps[i], sorted, n, sizeof *sorted, by_code_point);
    cr_assert_not_null(at, "U+%04X was not added", cps[i]);
    cr_expect_eq(cids[i], (unsigned)(at - sorted) + 1,
                 "'%s', U+%04X: CID %u, want %zu", s, cps[i], cids[i],
                 (size_t)(at - sorted) + 1);
    cr_assert(cids[i] >= 1 && cids[i] <= u->n);
    cr_expect_eq(u->cps[cids[i] - 1], cps[i], "CID %u", cids[i]);
  }
  qujat_buf_free(&out);
  free(cps);
  free(cids);
}

Test(pdf_font, cids_in_code_point_order_after_the_freeze) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "қазақ тілі");
  cr_expect_eq(u.n, 7);
  add_ok(&u, "тіл Ә");
  cr_expect_eq(u.n, 8);
  add_ok(&u, "қазақ тілі"); /* again: nothing new */
  cr_expect_eq(u.n, 8);
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  cr_expect(u.frozen);
  static const uint32_t order[] = {0x20,  0x430, 0x437, 0x43B,
                                   0x442, 0x456, 0x49B, 0x4D8};
  cr_assert_eq(u.n, 8);
  for (size_t i = 0; i < 8; i++)
    cr_expect_eq(u.cps[i], order[i], "CID %zu: U+%04X, want U+%04X", i + 1,
                 u.cps[i], order[i]);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[64];
  size_t n = string_cids(&u, "қазақ тілі", &out, cids, 64);
  static const unsigned want[] = {7, 2, 3, 2, 7, 1, 5, 6, 4, 6};
  cr_assert_eq(n, 10);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(cids[i], want[i], "character %zu: CID %u", i, cids[i]);
  n = string_cids(&u, "тіл Ә", &out, cids, 64);
  static const unsigned want2[] = {5, 6, 4, 1, 8};
  cr_assert_eq(n, 5);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(cids[i], want2[i], "second string, character %zu", i);
  expect_cids(&u, "Ә ақ тіл", order, 8);
  /* The empty string. */
  size_t before = out.len;
  cr_expect_eq(qujat_font_use_string(&u, "", 0, &out), QUJAT_OK);
  cr_expect_eq(out.len, before + 2);
  cr_expect_eq(memcmp(out.data + before, "()", 2), 0);
  /* The same characters added in another order and other pieces: the
   * same numbers and the same bytes. */
  struct font_use v;
  qujat_font_use_init(&v, reg);
  add_ok(&v, "Ә");
  add_ok(&v, "літ");
  add_ok(&v, "");
  add_ok(&v, " қ");
  add_ok(&v, "зақа");
  cr_assert_eq(qujat_font_use_freeze(&v), QUJAT_OK);
  cr_assert_eq(v.n, u.n);
  cr_expect_eq(memcmp(v.cps, u.cps, u.n * sizeof *u.cps), 0);
  struct buf out2;
  qujat_buf_init(&out2, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_reset(&out);
  static const char both[] = "қазақ тілі Ә";
  cr_assert_eq(qujat_font_use_string(&u, both, strlen(both), &out), QUJAT_OK);
  cr_assert_eq(qujat_font_use_string(&v, both, strlen(both), &out2), QUJAT_OK);
  cr_expect(out.len == out2.len && memcmp(out.data, out2.data, out.len) == 0);
  qujat_buf_free(&out2);
  qujat_font_use_free(&v);
  /* Another use of the same font starts again from 1. */
  use_text(&v, reg, "Ә");
  n = string_cids(&v, "ӘӘ", &out, cids, 64);
  cr_expect(n == 2 && cids[0] == 1 && cids[1] == 1);
  qujat_font_use_free(&v);
  /* Nothing added: nothing numbered. */
  qujat_font_use_init(&v, reg);
  cr_expect_eq(qujat_font_use_freeze(&v), QUJAT_OK);
  cr_expect_eq(v.n, 0);
  qujat_font_use_free(&v);
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

/* qujat_font_use_string refuses `s` with QUJAT_ERR_ARG and leaves `out` as
 * it was. */
static void expect_string_refused(const struct font_use *u, const char *s) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "BT "), QUJAT_OK);
  qujat_status st = qujat_font_use_string(u, s, strlen(s), &out);
  cr_expect_eq(st, QUJAT_ERR_ARG, "'%s': %s", s, qujat_strerror(st));
  cr_expect_eq(out.len, 3, "'%s' appended %zu bytes", s, out.len - 3);
  cr_expect_str_eq(out.data, "BT ");
  qujat_buf_free(&out);
}

Test(pdf_font, strings_need_the_freeze_and_characters_added_before_it) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "abc қ");
  /* Not numbered yet. */
  expect_string_refused(&u, "a");
  expect_string_refused(&u, "abc");
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[16];
  cr_expect_eq(string_cids(&u, "cab қ", &out, cids, 16), 5);
  cr_expect(cids[0] == 4 && cids[1] == 2 && cids[2] == 3 && cids[3] == 1 &&
            cids[4] == 5);
  qujat_buf_free(&out);
  /* A character with a glyph that was not added, at the start, the
   * middle or the end; one without a glyph; one outside the BMP. */
  expect_string_refused(&u, "d");
  expect_string_refused(&u, "abd");
  expect_string_refused(&u, "a\322\232b");   /* Қ, not қ */
  expect_string_refused(&u, "\xe2\x82\xb8"); /* ₸ */
  expect_string_refused(&u, "a\xf0\x9f\x98\x80");
  /* A use with nothing added writes only empty strings. */
  struct font_use v;
  qujat_font_use_init(&v, reg);
  cr_assert_eq(qujat_font_use_freeze(&v), QUJAT_OK);
  expect_string_refused(&v, "a");
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_font_use_string(&v, "", 0, &out), QUJAT_OK);
  cr_expect_str_eq(out.data, "()");
  qujat_buf_free(&out);
  qujat_font_use_free(&v);
  qujat_font_use_free(&u);
}

Test(pdf_font, missing_glyph_is_reported_by_add) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "ab");
  static const struct {
    const char *s;
    uint32_t cp;
  } cases[] = {{"cd \xe2\x82\xb8 5", 0x20B8},    /* ₸ after new letters */
               {"\xe2\x82\xb8", 0x20B8},         /* alone */
               {"xyz\xf0\x9f\x98\x80", 0x1F600}, /* outside the BMP */
               {"a\xe4\xb8\x80", 0x4E00},        /* CJK */
               {"\x7f", 0x7F}};                  /* DEL */
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    uint32_t missing = 0;
    qujat_status st =
        qujat_font_use_add(&u, cases[i].s, strlen(cases[i].s), &missing);
    cr_expect_eq(st, QUJAT_ERR_FONT, "'%s': %s", cases[i].s,
                 qujat_strerror(st));
    cr_expect_eq(missing, cases[i].cp, "'%s': U+%04X", cases[i].s, missing);
  }
  /* The use goes on: the characters with glyphs get CIDs, the missing
   * ones none. */
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  cr_expect_geq(u.n, 2);
  for (size_t cid = 1; cid <= u.n; cid++) {
    cr_expect_neq(qujat_ttf_glyph(reg, u.cps[cid - 1]), 0, "CID %zu: U+%04X",
                  cid, u.cps[cid - 1]);
    if (cid > 1)
      cr_expect_gt(u.cps[cid - 1], u.cps[cid - 2], "CID %zu out of order", cid);
  }
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_font_use_string(&u, "ab", 2, &out), QUJAT_OK);
  qujat_buf_free(&out);
  expect_string_refused(&u, "\xe2\x82\xb8");
  qujat_font_use_free(&u);
}

Test(pdf_font, literal_string_escapes_parens_backslash_and_cr) {
  /* 350 characters: CIDs 0x0D, 0x28, 0x29, 0x5C and 0x10D, 0x128, 0x129,
   * 0x15C occur. Added backwards, drawn backwards then forwards. */
  enum { N = 350 };
  uint32_t cps[N];
  first_code_points(N, cps);
  static char text[2 * N * 4 + 1];
  size_t len = 0;
  struct font_use u;
  qujat_font_use_init(&u, reg);
  for (size_t i = N; i-- > 0;) {
    char one[5];
    one[utf8(one, cps[i])] = '\0';
    add_ok(&u, one);
  }
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  cr_assert_eq(u.n, N);
  unsigned want[2 * N];
  for (size_t i = 0; i < 2 * N; i++) {
    size_t k = i < N ? N - 1 - i : i - N;
    len += utf8(text + len, cps[k]);
    want[i] = (unsigned)k + 1;
  }
  text[len] = '\0';
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  static unsigned cids[2 * N];
  size_t got = string_cids(&u, text, &out, cids, 2 * N);
  cr_assert_eq(got, 2 * N);
  size_t escapes = 0;
  for (size_t i = 0; i < 2 * N; i++) {
    cr_expect_eq(cids[i], want[i], "character %zu: CID %u, want %u", i, cids[i],
                 want[i]);
    for (int k = 0; k < 2; k++) {
      unsigned byte = k ? want[i] & 0xff : want[i] >> 8;
      escapes += byte == 0x28 || byte == 0x29 || byte == 0x5c || byte == 0x0d;
    }
  }
  cr_expect_eq(escapes, 16, "8 CIDs to escape, twice each");
  cr_expect_eq(out.len, 2 + 4 * N + escapes, "%zu bytes", out.len);
  cr_expect_null(memchr(out.data, '\r', out.len), "a raw CR");
  cr_expect(contains(out.data, out.len, "\\r"));
  cr_expect(contains(out.data, out.len, "\\("));
  cr_expect(contains(out.data, out.len, "\\)"));
  cr_expect(contains(out.data, out.len, "\\\\"));
  cr_expect(contains(out.data, out.len, "\x01\\("), "CID 0x128");
  /* The ToUnicode map gives the text back. */
  for (size_t i = 0; i < N; i++)
    cr_expect_eq(u.cps[i], cps[i]);
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

Test(pdf_font, output_limit_appends_nothing) {
  struct font_use u;
  use_text(&u, reg, "xyz");
  /* "(" + 6 + ")" does not fit in 5 bytes. */
  struct buf out;
  qujat_buf_init(&out, 5);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_eq(qujat_font_use_string(&u, "xyz", 3, &out), QUJAT_ERR_LIMIT);
  cr_expect_eq(out.len, 2);
  cr_expect_str_eq(out.data, "ab");
  /* Just fits: 2 + 2 + 6. */
  qujat_buf_free(&out);
  qujat_buf_init(&out, 10);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_eq(qujat_font_use_string(&u, "xyz", 3, &out), QUJAT_OK);
  cr_expect_eq(out.len, 10);
  qujat_buf_free(&out);
  /* A buffer that can hold nothing, and has never been allocated. */
  qujat_buf_init(&out, 0);
  cr_expect_eq(qujat_font_use_string(&u, "x", 1, &out), QUJAT_ERR_LIMIT);
  cr_expect_eq(out.len, 0);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

Test(pdf_font, widths_of_cids) {
  struct font_use u;
  use_text(&u, bold, TEXT_KK);
  uint32_t cps[128];
  size_t n = distinct_code_points(TEXT_KK, cps);
  cr_assert_eq(u.n, n);
  cr_expect_eq(memcmp(u.cps, cps, n * sizeof *cps), 0);
  unsigned distinct_widths = 0;
  for (size_t cid = 1; cid <= u.n; cid++) {
    unsigned g = ref_glyph(bold_bytes, bold_len, cps[cid - 1]);
    unsigned w = ref_width(bold_bytes, bold_len, g);
    cr_expect_eq(qujat_font_use_width(&u, cid), w, "width of CID %zu (U+%04X)",
                 cid, cps[cid - 1]);
    distinct_widths += cid == 1 || w != qujat_font_use_width(&u, cid - 1);
  }
  cr_expect_gt(distinct_widths, n / 2, "the widths hardly differ");
  /* CID 0 and CIDs past the last: .notdef's. */
  unsigned notdef = ref_width(bold_bytes, bold_len, 0);
  cr_expect_eq(qujat_font_use_width(&u, 0), notdef);
  cr_expect_eq(qujat_font_use_width(&u, u.n + 1), notdef);
  cr_expect_eq(qujat_font_use_width(&u, 0xffff), notdef);
  qujat_font_use_free(&u);
  /* The synthetic font: units per em 2048, advances past
   * numberOfHMetrics. */
  size_t len;
  unsigned char *d = synth_font(0, 0, 0, &len);
  struct ttf *f = parse_ok(d, len);
  use_text(&u, f, "EDC BA\xd3\x98\xd3\x99"); /* ' ' A B C D E Ә ә */
  static const unsigned glyph_of[] = {8, 1, 2, 6, 7, 10, 1, 2};
  cr_assert_eq(u.n, 8);
  for (size_t cid = 1; cid <= 8; cid++)
    cr_expect_eq(qujat_font_use_width(&u, cid), syn_width[glyph_of[cid - 1]],
                 "CID %zu", cid);
  cr_expect_eq(qujat_font_use_width(&u, 0), syn_width[0]);
  qujat_font_use_free(&u);
  qujat_ttf_free(f);
  free(d);
}

static void tag_of(const char *text, char tag[7]) {
  struct font_use u;
  use_text(&u, reg, text);
  memset(tag, '?', 7);
  qujat_font_use_tag(&u, tag);
  cr_assert_eq(tag[6], '\0');
  cr_assert_eq(strlen(tag), 6);
  for (int i = 0; i < 6; i++)
    cr_expect(tag[i] >= 'A' && tag[i] <= 'Z', "tag '%s'", tag);
  qujat_font_use_free(&u);
}

Test(pdf_font, subset_tag_is_six_capitals_and_deterministic) {
  static const char *const texts[] = {
      "",     "a", "b", "ab",  "Қ",      "қ",      TEXT_KK, "Виза",
      "Visa", "№", "—", "A B", "Өтініш", "Өтінiш", "ab ",   "0123456789"};
  enum { N = sizeof texts / sizeof *texts };
  char tags[N][7];
  for (int i = 0; i < N; i++) {
    tag_of(texts[i], tags[i]);
    char again[7];
    tag_of(texts[i], again);
    cr_expect_str_eq(again, tags[i], "'%s'", texts[i]);
  }
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++)
      cr_expect_str_neq(tags[i], tags[j], "'%s' and '%s' share tag %s",
                        texts[i], texts[j], tags[i]);
  /* The tag follows the characters used, not their order or repeats. */
  char tag[7];
  tag_of("ba", tag);
  cr_expect_str_eq(tag, tags[3]);
  tag_of("abababab", tag);
  cr_expect_str_eq(tag, tags[3]);
  tag_of("ұлт — 12 № «Өтініш» көші-қоны: Республикасының Қазақстан", tag);
  cr_expect_str_eq(tag, tags[6]);
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "b");
  add_ok(&u, "a");
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  qujat_font_use_tag(&u, tag);
  cr_expect_str_eq(tag, tags[3], "added in two pieces");
  qujat_font_use_free(&u);
}
