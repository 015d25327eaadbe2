/* SPDX-License-Identifier: MIT */
/* Unit tests of kerning (ttf.c reads the pairs and measures with them,
 * pdf_font.c writes them): the bundled fonts' pairs as their bytes say,
 * widths that include them, a TJ array with -kern between the CIDs it
 * moves, Tj for a run without a pair, the width drawn equal to the width
 * measured, and a damaged kern table ignored whole, never read past. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "pdf/pdf_internal.h"
#include "pdf_reader.h"
#include "qujat/qujat.h"
#include "ttf_helpers.h"

TestSuite(pdf_kern, .init = ttf_setup, .fini = ttf_teardown);

static unsigned glyph_of(const struct ttf *f, const char *s, size_t i) {
  uint32_t cps[64];
  cr_assert_gt(code_points(s, cps), i);
  return qujat_ttf_glyph(f, cps[i]);
}

/* ref_kern in 1/1000 em, as qujat_ttf_kern gives it. */
static int ref_kern_milli(const unsigned char *d, size_t len, unsigned left,
                          unsigned right) {
  return ref_kern(d, len, left, right) * 1000 / (int)ref_upem(d, len);
}

/* The sum of the advances of `s` in 1/1000 em, without kerning. */
static long advances(const struct ttf *f, const char *s) {
  uint32_t cps[512];
  size_t n = code_points(s, cps);
  long w = 0;
  for (size_t i = 0; i < n; i++)
    w += (long)qujat_ttf_width(f, qujat_ttf_glyph(f, cps[i]));
  return w;
}

/* Pairs of PT Sans (its GPOS kern feature), in 1/1000 em, rounded to a
 * whole unit of the fonts' 250 an em (fonts/make-fonts.py); the bold "Т"
 * before a vowel is clamped from -128 to just under half its space (252). */
static const struct {
  const char *pair;
  int regular, bold;
} known[] = {{"AV", -44, -68},  {"Ту", -128, -124}, {"ТА", -68, -76},
             {"Те", -128, -124}, {"Г.", -108, -116}, {"Уа", -52, -44}};

Test(pdf_kern, the_bundled_fonts_carry_their_pairs) {
  const struct ttf *fonts[2] = {reg, bold};
  const unsigned char *bytes[2] = {reg_bytes, bold_bytes};
  size_t lens[2] = {reg_len, bold_len};
  for (int k = 0; k < 2; k++) {
    const struct ttf *f = fonts[k];
    cr_expect_gt(f->nkern, 10000, "font %d: %zu pairs", k, f->nkern);
    cr_expect_eq(f->nkern, ref_kern_pairs(bytes[k], lens[k]));
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
      unsigned l = glyph_of(f, known[i].pair, 0), r = glyph_of(f, known[i].pair, 1);
      int want = k ? known[i].bold : known[i].regular;
      cr_expect_eq(qujat_ttf_kern(f, l, r), want, "font %d, %s", k,
                   known[i].pair);
      cr_expect_eq(ref_kern_milli(bytes[k], lens[k], l, r), want);
    }
    /* No pair moves a glyph by half a space: pypdf would read a word
     * space into the word. */
    unsigned space = qujat_ttf_width(f, qujat_ttf_glyph(f, ' '));
    for (size_t i = 0; i < f->nkern; i++) {
      cr_assert(f->kern_values[i] != 0, "pair %zu is 0", i);
      cr_assert_lt(2 * abs(f->kern_values[i]), (int)space, "pair %zu", i);
      if (i)
        cr_assert_gt(f->kern_pairs[i], f->kern_pairs[i - 1]);
    }
    /* Every 61st pair agrees with the bytes, read by the reference. */
    for (size_t i = 0; i < f->nkern; i += 61)
      cr_expect_eq(f->kern_values[i],
                   ref_kern_milli(bytes[k], lens[k], f->kern_pairs[i] >> 16,
                            f->kern_pairs[i] & 0xffff),
                   "font %d, pair %zu", k, i);
  }
  /* A pair the font does not kern, and glyphs it does not have. */
  cr_expect_eq(qujat_ttf_kern(reg, glyph_of(reg, "ab", 0),
                              glyph_of(reg, "ab", 1)),
               0);
  cr_expect_eq(qujat_ttf_kern(reg, 0xffff, 0xffff), 0);
  cr_expect_eq(qujat_ttf_kern(reg, 0, 0), 0);
}

Test(pdf_kern, a_kerned_pair_measures_narrower_than_its_advances) {
  for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
    const char *s = known[i].pair;
    long w = qujat_ttf_text_width(reg, s, strlen(s));
    cr_expect_eq(w, advances(reg, s) + known[i].regular, "%s", s);
    cr_expect_lt(w, advances(reg, s), "%s", s);
  }
  /* A text: the advances and each neighbour pair, by the reference. */
  static const char *const texts[] = {TEXT_KK, "Туған «ТАУ», AV.",
                                      "Ту", "ab", "", "Т"};
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
    uint32_t cps[256];
    size_t n = code_points(texts[t], cps);
    long want = advances(bold, texts[t]);
    for (size_t j = 1; j < n; j++)
      want += ref_kern_milli(bold_bytes, bold_len,
                             ref_glyph(bold_bytes, bold_len, cps[j - 1]),
                             ref_glyph(bold_bytes, bold_len, cps[j]));
    cr_expect_eq(qujat_ttf_text_width(bold, texts[t], strlen(texts[t])), want,
                 "%s", texts[t]);
  }
  /* "ab" has no pair: the sum of its advances. */
  cr_expect_eq(qujat_ttf_text_width(reg, "ab", 2), advances(reg, "ab"));
}

/* One font use of `text` in `f`, frozen. */
static void use_of(struct font_use *u, const struct ttf *f, const char *text) {
  qujat_font_use_init(u, f);
  uint32_t missing = 0;
  cr_assert_eq(qujat_font_use_add(u, text, strlen(text), &missing), QUJAT_OK);
  cr_assert_eq(qujat_font_use_freeze(u), QUJAT_OK);
}

static void expect_show(const struct ttf *f, const char *text,
                        const char *want, size_t want_len) {
  struct font_use u;
  use_of(&u, f, text);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_font_use_show(&u, text, strlen(text), &out), QUJAT_OK);
  cr_expect_eq(out.len, want_len, "%s: %zu bytes", text, out.len);
  cr_expect_eq(memcmp(out.data, want, want_len < out.len ? want_len : out.len),
               0, "%s: '%s'", text, out.data);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

Test(pdf_kern, a_kerned_run_is_a_TJ_array) {
  /* CIDs in code point order: Т (U+0422) 1, у (U+0443) 2. */
  static const char ty[] = "[(\0\1) 128 (\0\2)] TJ\n";
  expect_show(reg, "Ту", ty, sizeof ty - 1);
  static const char ty_bold[] = "[(\0\1) 124 (\0\2)] TJ\n";
  expect_show(bold, "Ту", ty_bold, sizeof ty_bold - 1);
  /* "Тут": Т 1, т 2, у 3; in the regular face only Т-у is kerned, in the
   * bold also у-т, apart (+20: a negative number). */
  static const char tyt[] = "[(\0\1) 128 (\0\3\0\2)] TJ\n";
  expect_show(reg, "Тут", tyt, sizeof tyt - 1);
  static const char tyt_bold[] = "[(\0\1) 124 (\0\3) -20 (\0\2)] TJ\n";
  expect_show(bold, "Тут", tyt_bold, sizeof tyt_bold - 1);
  /* A V A: both pairs. */
  static const char ava[] = "[(\0\1) 44 (\0\2) 44 (\0\1)] TJ\n";
  expect_show(reg, "AVA", ava, sizeof ava - 1);
  /* Through a text run: Td, then the array. */
  struct font_use u;
  use_of(&u, reg, "Ту");
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_text_run(&t, &out, &u, 0, 12, 0, 72, 800, "Ту", strlen("Ту")),
               QUJAT_OK);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  static const char want[] = "BT\n/F0 12 Tf\n0 g\n72 800 Td\n"
                             "[(\0\1) 128 (\0\2)] TJ\nET\n";
  cr_expect_eq(out.len, sizeof want - 1, "'%s'", out.data);
  cr_expect_eq(memcmp(out.data, want, sizeof want - 1), 0, "'%s'", out.data);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

Test(pdf_kern, a_run_without_pairs_stays_Tj) {
  cr_assert_eq(qujat_ttf_kern(reg, glyph_of(reg, "ab", 0), glyph_of(reg, "ab", 1)),
               0);
  static const char ab[] = "(\0\1\0\2) Tj\n";
  expect_show(reg, "ab", ab, sizeof ab - 1);
  static const char one[] = "(\0\1) Tj\n";
  expect_show(reg, "Т", one, sizeof one - 1);
  static const char none[] = "() Tj\n";
  expect_show(reg, "", none, sizeof none - 1);
  /* A character not added: an error, nothing written. */
  struct font_use u;
  use_of(&u, reg, "Т");
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_font_use_show(&u, "Ту", strlen("Ту"), &out), QUJAT_ERR_ARG);
  cr_expect_eq(out.len, 0);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

Test(pdf_kern, what_is_measured_is_what_is_drawn) {
  static const char *const texts[] = {
      TEXT_KK, "Туған «ТАУ», AV.", "Приглашение. Г-ну Петрову, ТОО «Ақ Жол»",
      "Wolf TAVERN LLP (Yonkers)", "ab"};
  const struct ttf *fonts[2] = {reg, bold};
  for (int k = 0; k < 2; k++)
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
      struct font_use u;
      use_of(&u, fonts[k], texts[i]);
      struct buf out;
      qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
      cr_assert_eq(qujat_font_use_show(&u, texts[i], strlen(texts[i]), &out),
                   QUJAT_OK);
      struct content c;
      parse_content(out.data, out.len, &c);
      cr_assert_eq(c.n, 1);
      unsigned cids[512];
      size_t n = cop_cids(&c.ops[0], cids, 512);
      long drawn = 0;
      for (size_t j = 0; j < n; j++)
        drawn += (long)qujat_font_use_width(&u, cids[j]);
      for (size_t j = 0; j < c.ops[0].nadj; j++)
        drawn -= c.ops[0].adj[j];
      cr_expect_eq(drawn, qujat_ttf_text_width(fonts[k], texts[i], strlen(texts[i])),
                   "font %d: %s", k, texts[i]);
      if (k == 0 && i < 4)
        cr_expect_gt(c.ops[0].nadj, 0, "%s has no kerned pair", texts[i]);
      content_free(&c);
      qujat_buf_free(&out);
      qujat_font_use_free(&u);
    }
}

/* ------------------------------------------------------------------------
 * Damaged kern tables: ignored whole, the font still usable
 * ------------------------------------------------------------------------ */

/* Where the kern table and its first subtable lie in `d`, a copy of the
 * regular font. */
static unsigned char *kern_of(unsigned char *d, uint32_t *tlen) {
  uint32_t off;
  cr_assert(ref_table(d, reg_len, T_KERN, &off, tlen));
  return d + off;
}

/* Parses `d`, which must succeed with no kerning (or `want` pairs). */
static void expect_kern(const unsigned char *d, size_t want, const char *what) {
  struct ttf *f = parse_ok(d, reg_len);
  cr_expect_eq(f->nkern, want, "%s: %zu pairs", what, f->nkern);
  unsigned a = glyph_of(f, "AV", 0), v = glyph_of(f, "AV", 1);
  cr_expect_eq(qujat_ttf_kern(f, a, v), want ? -44 : 0, "%s", what);
  if (!want)
    cr_expect_eq(qujat_ttf_text_width(f, "AV", 2), advances(f, "AV"), "%s",
                 what);
  cr_expect_eq(qujat_ttf_width(f, a), qujat_ttf_width(reg, a), "%s", what);
  qujat_ttf_free(f);
}

Test(pdf_kern, a_damaged_kern_table_is_ignored) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  uint32_t tl;
  unsigned char *k = kern_of(d, &tl);
  unsigned char *saved = malloc(tl);
  cr_assert_not_null(saved);
  memcpy(saved, k, tl);
  cr_assert_eq(be16(k + 2), 2, "two subtables");
  unsigned char *s0 = k + 4;
  unsigned n0 = be16(s0 + 6);
  unsigned char *s1 = s0 + 14 + 6 * n0;
  unsigned n1 = be16(s1 + 6);
  cr_assert_eq(be16(s0 + 2), 14 + 6 * n0);
  expect_kern(d, n0 + n1, "intact");

  struct {
    unsigned char *at;
    unsigned value;
    const char *what;
  } cases[] = {
      {k, 1, "version 1 (Apple's)"},
      {k + 2, 0xffff, "more subtables than the table holds"},
      {k + 2, 3, "a third subtable past the end"},
      {s1 + 2, 0xffff, "a subtable longer than the table"},
      {s0 + 2, 0, "a subtable of length 0"},
      {s0 + 2, 13, "a subtable shorter than its header"},
      {s0 + 6, 0xffff, "more pairs than the subtable holds (overlong)"},
      {s0 + 6, n0 + 1, "one pair more than the subtable holds"},
      {s1 + 6, n1 + 1, "one pair past the table"},
      {s0 + 14, 0xffff, "a left glyph the font lacks"},
      {s1 + 14 + 6 * (n1 - 1) + 2, 0xfffe, "a right glyph the font lacks"},
      {s0 + 14 + 4, 0x7fff, "a value of 32 em"},
      {s0 + 14 + 4, 0x8000, "a value of -32 em"},
      {s1 + 14, 0, "the second subtable out of order"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    put16(cases[i].at, cases[i].value);
    expect_kern(d, 0, cases[i].what);
    memcpy(k, saved, tl);
  }
  /* Two pairs swapped: out of order. */
  unsigned char pair[6];
  memcpy(pair, s0 + 14, 6);
  memcpy(s0 + 14, s0 + 20, 6);
  memcpy(s0 + 20, pair, 6);
  expect_kern(d, 0, "two pairs swapped");
  memcpy(k, saved, tl);
  /* Two pairs the same. */
  memcpy(s0 + 20, s0 + 14, 6);
  expect_kern(d, 0, "a pair twice");
  memcpy(k, saved, tl);
  /* A subtable of another kind (vertical) is skipped, not read. */
  put16(s1 + 4, 0x0000);
  struct ttf *f = parse_ok(d, reg_len);
  cr_expect_eq(f->nkern, n0, "the horizontal subtable only");
  qujat_ttf_free(f);
  memcpy(k, saved, tl);
  /* The table cut short, by its directory entry: any length. */
  unsigned n = be16(d + 4);
  for (unsigned i = 0; i < n; i++) {
    unsigned char *r = d + 12 + 16 * i;
    if (be32(r) != T_KERN)
      continue;
    const uint32_t cuts[] = {0, 3, 4, 5, 9, 17, 18, 19, 100, 65549, 65550,
                             tl - 6, tl - 1};
    for (size_t c = 0; c < sizeof cuts / sizeof *cuts; c++) {
      put32(r + 12, cuts[c]);
      char what[48];
      snprintf(what, sizeof what, "the table cut to %u bytes", cuts[c]);
      expect_kern(d, 0, what);
    }
    put32(r + 12, tl);
    /* No kern table at all. */
    put32(r, TAG('k', 'e', 'r', 'X'));
    expect_kern(d, 0, "no kern table");
    put32(r, T_KERN);
  }
  expect_kern(d, n0 + n1, "intact again");
  free(saved);
  free(d);
}

/* Every pair of the table is found through the left glyph's index and the
 * filter of kerned pairs (no pair lost to a clear bit), and every other
 * pair of glyphs reads 0. */
Test(pdf_kern, every_pair_found_and_no_other) {
  const struct ttf *fonts[2] = {reg, bold};
  for (int k = 0; k < 2; k++) {
    const struct ttf *f = fonts[k];
    for (size_t i = 0; i < f->nkern; i++)
      cr_assert_eq(qujat_ttf_kern(f, f->kern_pairs[i] >> 16,
                                  f->kern_pairs[i] & 0xffff),
                   f->kern_values[i], "font %d, pair %zu", k, i);
    size_t kerned = 0;
    for (unsigned l = 0; l < f->nglyphs; l++)
      for (unsigned r = 0; r < f->nglyphs; r++)
        kerned += qujat_ttf_kern(f, l, r) != 0;
    cr_expect_eq(kerned, f->nkern, "font %d", k);
  }
}
