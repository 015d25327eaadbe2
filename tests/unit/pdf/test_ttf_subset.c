/* SPDX-License-Identifier: MIT */
/* Unit tests of the subset a PDF embeds (ttf_subset.c): every subset of
 * the bundled and the synthetic fonts is checked against the original
 * glyph by glyph (ttf_check.h); subsets are deterministic, refuse bad
 * glyph lists, keep the advances shared past numberOfHMetrics, switch to
 * the long loca format when glyf needs it, and give a simple font's
 * program the (3,0) cmap of its codes. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "qujat/qujat.h"
#include "pdf/pdf_internal.h"
#include "ttf_check.h"
#include "ttf_helpers.h"
#include "ttf_synth.h"

TestSuite(ttf_subset, .init = ttf_setup, .fini = ttf_teardown);

/* Shuffles gids[1..n) (.notdef stays first). */
static void shuffle_gids(uint16_t *gids, size_t n) {
  for (size_t i = n - 1; i > 1; i--) {
    size_t j = 1 + rnd() % i;
    uint16_t x = gids[i];
    gids[i] = gids[j];
    gids[j] = x;
  }
}

Test(ttf_subset, subset_of_bundled_fonts_is_a_valid_font) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    const struct ttf *f = fonts[i];
    uint16_t *gids = calloc(f->nglyphs + 8, sizeof *gids);
    cr_assert_not_null(gids);
    size_t len;
    /* .notdef only. */
    free(subset_checked(bytes[i], lens[i], f, gids, 1, &len));
    /* A Kazakh sentence, as a PDF embeds it: small, and renumbered. */
    size_t n = text_gids(bytes[i], lens[i], TEXT_KK, gids);
    cr_assert_gt(n, 30);
    unsigned char *sub = subset_checked(bytes[i], lens[i], f, gids, n, &len);
    cr_expect_lt(len, lens[i] / 4, "a sentence's subset is %zu bytes", len);
    free(sub);
    /* Only the last glyph. */
    gids[1] = (uint16_t)(f->nglyphs - 1);
    free(subset_checked(bytes[i], lens[i], f, gids, 2, &len));
    /* A third of the glyphs, in a random order. */
    n = 1;
    for (unsigned g = 1; g < f->nglyphs; g++)
      if (rnd() % 3 == 0)
        gids[n++] = (uint16_t)g;
    shuffle_gids(gids, n);
    free(subset_checked(bytes[i], lens[i], f, gids, n, &len));
    /* Every glyph, backwards. */
    for (unsigned g = 1; g < f->nglyphs; g++)
      gids[g] = (uint16_t)(f->nglyphs - g);
    free(subset_checked(bytes[i], lens[i], f, gids, f->nglyphs, &len));
    /* Repeats, .notdef among them. */
    uint16_t a = (uint16_t)qujat_ttf_glyph(f, 0x04D9);
    uint16_t rep[] = {0, a, a, 0, (uint16_t)(f->nglyphs - 1), a};
    free(subset_checked(bytes[i], lens[i], f, rep, 6, &len));
    free(gids);
  }
}

Test(ttf_subset, subset_is_deterministic_and_independent_of_buffer_start) {
  uint16_t gids[128], copy[128];
  size_t n = text_gids(reg_bytes, reg_len, TEXT_KK, gids);
  memcpy(copy, gids, sizeof gids);
  struct buf a, b, c;
  qujat_buf_init(&a, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&c, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &a), QUJAT_OK);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &b), QUJAT_OK);
  cr_expect_eq(a.len, b.len);
  cr_expect_eq(memcmp(a.data, b.data, a.len), 0, "two subsets differ");
  cr_expect_eq(memcmp(gids, copy, sizeof gids), 0, "gids were changed");
  /* Appended after other bytes (3, so misaligned): the same font. */
  cr_assert_eq(qujat_buf_add(&c, "xyz", 3), QUJAT_OK);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &c), QUJAT_OK);
  cr_expect_eq(c.len, 3 + a.len);
  cr_expect_eq(memcmp(c.data, "xyz", 3), 0);
  cr_expect_eq(memcmp(c.data + 3, a.data, a.len), 0,
               "the subset depends on what precedes it");
  /* The same glyphs in another order are another font. */
  uint16_t x = gids[1];
  gids[1] = gids[2];
  gids[2] = x;
  qujat_buf_reset(&b);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &b), QUJAT_OK);
  cr_expect_eq(a.len, b.len);
  cr_expect(memcmp(a.data, b.data, a.len) != 0, "the order is ignored");
  qujat_buf_free(&a);
  qujat_buf_free(&b);
  qujat_buf_free(&c);
}

/* qujat_ttf_subset(f, gids, n) refused with LIMIT, nothing appended. */
static void expect_subset_refused(const struct ttf *f, const uint16_t *gids,
                                  size_t n, const char *what) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  qujat_status st = qujat_ttf_subset(f, gids, n, &out);
  cr_expect_eq(st, QUJAT_ERR_LIMIT, "%s: %s", what, qujat_strerror(st));
  cr_expect_eq(out.len, 2, "%s: %zu bytes appended", what, out.len - 2);
  cr_expect_str_eq(out.data, "ab");
  qujat_buf_free(&out);
}

Test(ttf_subset, subset_refuses_bad_glyph_lists) {
  uint16_t gids[] = {0, 1, 2, 3};
  expect_subset_refused(reg, gids, 0, "no glyphs");
  gids[0] = 1;
  expect_subset_refused(reg, gids, 4, "gids[0] is not .notdef");
  expect_subset_refused(reg, gids, 1, "only glyph 1");
  gids[0] = 0;
  gids[2] = (uint16_t)reg->nglyphs;
  expect_subset_refused(reg, gids, 4, "a glyph just past the font");
  gids[2] = 0xffff;
  expect_subset_refused(reg, gids, 4, "glyph 65535");
  gids[2] = 2;
  gids[3] = (uint16_t)reg->nglyphs;
  expect_subset_refused(reg, gids, 4, "the last glyph past the font");
  /* The same list one shorter is fine. */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_ttf_subset(reg, gids, 3, &out), QUJAT_OK);
  qujat_buf_free(&out);
  /* More glyphs than a font can have. */
  uint16_t *many = calloc(0x10001, sizeof *many);
  cr_assert_not_null(many);
  expect_subset_refused(reg, many, 0x10000, "65536 glyphs");
  expect_subset_refused(reg, many, 0x10001, "65537 glyphs");
  free(many);
}

/* The 11 outlines of the synthetic font differ (only 8 is empty), so that
 * a glyph copied from the wrong number shows. */
static void expect_distinct_outlines(const unsigned char *d, size_t len) {
  for (unsigned a = 0; a < SYN_GLYPHS; a++) {
    size_t ao, al;
    ref_glyph_at(d, len, a, &ao, &al);
    cr_expect_eq(al == 0, a == 8, "glyph %u: %zu bytes", a, al);
    for (unsigned b = 0; b < a; b++) {
      size_t bo, bl;
      ref_glyph_at(d, len, b, &bo, &bl);
      cr_expect(al != bl || memcmp(d + ao, d + bo, al) != 0,
                "glyphs %u and %u are the same", a, b);
    }
  }
}

Test(ttf_subset, subset_renumbers_synthetic_glyphs) {
  static const struct {
    size_t n;
    uint16_t gids[12];
  } lists[] = {{1, {0}},
               {4, {0, 9, 1, 8}},
               {11, {0, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
               {11, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
               {2, {0, 8}},
               {5, {0, 5, 5, 0, 5}},
               {3, {0, 10, 6}}};
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, 0, &len);
    expect_distinct_outlines(d, len);
    struct ttf *f = parse_ok(d, len);
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
      size_t sl;
      unsigned char *sub =
          subset_checked(d, len, f, lists[k].gids, lists[k].n, &sl);
      free(sub);
    }
    /* {0, 9, 1, 8} by hand: outlines of 17, 23, 20 and 0 bytes, padded;
     * advance and lsb of 0, of 9 (past numberOfHMetrics: the advance of
     * 6, its own lsb 29), of 1 and of 8 (1025 and 28). */
    size_t sl;
    unsigned char *sub = subset_checked(d, len, f, lists[1].gids, 4, &sl);
    uint32_t off, tl;
    cr_assert(ref_table(sub, sl, T_LOCA, &off, &tl));
    static const unsigned char want_loca[] = {0, 0, 0, 9, 0, 21, 0, 31, 0, 31};
    cr_assert_eq(tl, sizeof want_loca, "loca of %u bytes", tl);
    cr_expect_eq(memcmp(sub + off, want_loca, tl), 0, "loca");
    cr_assert(ref_table(sub, sl, T_HMTX, &off, &tl));
    static const unsigned char want_hmtx[] = {
        0x01, 0xf4, 0, 10, 0x04, 0x01, 0, 29, /* 500 10, 1025 29 */
        0x04, 0xd2, 0, 11, 0x04, 0x01, 0, 28  /* 1234 11, 1025 28 */
    };
    cr_assert_eq(tl, sizeof want_hmtx, "hmtx of %u bytes", tl);
    cr_expect_eq(memcmp(sub + off, want_hmtx, tl), 0, "hmtx");
    cr_assert(ref_table(sub, sl, T_HHEA, &off, &tl));
    cr_expect_eq(be16(sub + off + 34), 4, "numberOfHMetrics");
    cr_assert(ref_table(sub, sl, T_MAXP, &off, &tl));
    cr_expect_eq(be16(sub + off + 4), 4, "numGlyphs");
    cr_expect_eq(tl, 32);
    cr_expect_eq(be16(sub + off + 30), 0x0d0d, "maxp's last field");
    cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
    cr_expect_eq(be16(sub + off + 50), 0, "long loca for 62 bytes");
    cr_expect_eq(be16(sub + off + 18), SYN_UPEM);
    free(sub);
    qujat_ttf_free(f);
    free(d);
  }
}

/* Glyphs 7..10 have no advance of their own in hmtx: they share that of
 * glyph 6, the last long metric, which must survive when 6 is dropped. */
Test(ttf_subset, subset_keeps_the_advance_shared_past_number_of_hmetrics) {
  size_t len;
  unsigned char *d = synth_font(0, 0, 0, &len);
  struct ttf *f = parse_ok(d, len);
  for (uint16_t g = SYN_METRICS; g < SYN_GLYPHS; g++) {
    const uint16_t gids[] = {0, g};
    size_t sl;
    unsigned char *sub = subset_checked(d, len, f, gids, 2, &sl);
    struct ttf *s = parse_subset(sub, sl);
    cr_expect_eq(qujat_ttf_width(s, 1), syn_width[g],
                 "glyph %u's advance is %u in the subset, %u in the font", g,
                 qujat_ttf_width(s, 1), syn_width[g]);
    cr_expect_eq(qujat_ttf_width(s, 0), syn_width[0]);
    qujat_ttf_free(s);
    uint32_t off, tl;
    cr_assert(ref_table(sub, sl, T_HMTX, &off, &tl));
    cr_assert_eq(tl, 8);
    cr_expect_eq(be16(sub + off + 4), syn_advance[SYN_METRICS - 1]);
    cr_expect_eq(be16(sub + off + 6), 20u + g, "lsb of glyph %u", g);
    free(sub);
  }
  qujat_ttf_free(f);
  free(d);
}

Test(ttf_subset, subset_uses_long_loca_when_glyf_needs_it) {
  /* Glyph 6 has 20 + extra bytes, .notdef 17 padded to 18: {0, 6} fills
   * 0x1fffe bytes, the most the short format reaches, with extra 0x1ffd8,
   * and 0x20000 with extra 0x1ffd9 (odd: padding takes it over). */
  static const struct {
    size_t extra;
    int want_long;
  } cases[] = {{0x1ffd6, 0}, {0x1ffd7, 0}, {0x1ffd8, 0},
               {0x1ffd9, 1}, {0x1ffda, 1}, {0x20000, 1}};
  static const uint16_t with6[] = {0, 6}, with6b[] = {0, 1, 6, 7},
                        without6[] = {0, 2, 9, 10};
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    size_t len, sl;
    unsigned char *d = synth_font(1, cases[k].extra, 0, &len);
    struct ttf *f = parse_ok(d, len);
    unsigned char *sub = subset_checked(d, len, f, with6, 2, &sl);
    uint32_t off, tl;
    cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
    cr_expect_eq(be16(sub + off + 50), cases[k].want_long,
                 "extra %zx: indexToLocFormat %u", cases[k].extra,
                 be16(sub + off + 50));
    cr_assert(ref_table(sub, sl, T_LOCA, &off, &tl));
    cr_expect_eq(tl, cases[k].want_long ? 12 : 6);
    free(sub);
    /* More glyphs with it: the format follows the total. */
    sub = subset_checked(d, len, f, with6b, 4, &sl);
    free(sub);
    /* Without it the subset goes back to the short format. */
    sub = subset_checked(d, len, f, without6, 4, &sl);
    cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
    cr_expect_eq(be16(sub + off + 50), 0, "long loca without glyph 6");
    free(sub);
    /* A cap too small for it: LIMIT, not a crash. */
    if (k == 0) {
      struct buf out;
      qujat_buf_init(&out, 1000);
      cr_expect_eq(qujat_ttf_subset(f, with6, 2, &out), QUJAT_ERR_LIMIT);
      qujat_buf_free(&out);
    }
    qujat_ttf_free(f);
    free(d);
  }
}

/* The most glyphs a subset can have: 65535, here 0..10 over and over. */
Test(ttf_subset, subset_of_65535_glyphs) {
  size_t len, sl;
  unsigned char *d = synth_font(0, 0, 0, &len);
  struct ttf *f = parse_ok(d, len);
  uint16_t *gids = malloc(0xffff * sizeof *gids);
  cr_assert_not_null(gids);
  for (size_t i = 0; i < 0xffff; i++)
    gids[i] = (uint16_t)(i % SYN_GLYPHS);
  /* About 1.3 MB of outlines: the long loca format. */
  unsigned char *sub = subset_checked(d, len, f, gids, 0xffff, &sl);
  uint32_t off, tl;
  cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
  cr_expect_eq(be16(sub + off + 50), 1);
  free(sub);
  free(gids);
  qujat_ttf_free(f);
  free(d);
}

/* A simple font's program (symbol_cmap): one (3,0) subtable mapping
 * 0xF000 + c to glyph c, for 1..n-1 and no other code; at most 256
 * glyphs. */
Test(ttf_subset, a_simple_fonts_program_maps_its_codes) {
  const struct ttf *fonts[] = {reg, bold};
  uint16_t gids[257];
  unsigned char font_of[257];
  gids[0] = 0;
  font_of[0] = 0;
  for (size_t i = 1; i < 257; i++) {
    gids[i] = (uint16_t)(1 + (i - 1) % (reg->nglyphs - 1));
    font_of[i] = (unsigned char)(i % 2);
  }
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset_fonts(fonts, 2, gids, font_of, 256, 1, &out),
               QUJAT_OK);
  const unsigned char *p = (const unsigned char *)out.data;
  for (unsigned c = 1; c < 256; c++)
    cr_expect_eq(ref_glyph_in(p, out.len, 0, 0xF000 + c), c, "code %u", c);
  cr_expect_eq(ref_glyph_in(p, out.len, 0, 0xF000), 0);
  cr_expect_eq(ref_glyph_in(p, out.len, 0, 0xF100), 0);
  cr_expect_eq(ref_glyph_in(p, out.len, 0, 'A'), 0);
  cr_expect_eq(ref_nglyphs(p, out.len), 256);
  /* Without it, no cmap: a CID font maps its CIDs itself. */
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_ttf_subset_fonts(fonts, 2, gids, font_of, 256, 0, &out),
               QUJAT_OK);
  uint32_t off, tlen;
  cr_expect_not(ref_table((const unsigned char *)out.data, out.len, T_CMAP,
                          &off, &tlen),
                "a cmap without symbol_cmap");
  /* 257 glyphs cannot have one-byte codes. */
  qujat_buf_reset(&out);
  cr_expect_eq(qujat_ttf_subset_fonts(fonts, 2, gids, font_of, 257, 1, &out),
               QUJAT_ERR_LIMIT);
  cr_expect_eq(out.len, 0, "something half-written");
  qujat_buf_free(&out);
}
