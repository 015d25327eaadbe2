/* SPDX-License-Identifier: MIT */
/* Unit tests of parsing damaged fonts (ttf.c, qujat_ttf_parse): every
 * truncation, tables outside the file or too short, damaged cmap, loca and
 * metrics, and random damage give a font error, never a crash; a font
 * that parses gives a subset that parses again. Composite glyphs are
 * refused, since subsets renumber glyphs. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "qujat/qujat.h"
#include "pdf/pdf_internal.h"
#include "ttf_check.h"
#include "ttf_helpers.h"
#include "ttf_synth.h"

TestSuite(ttf_parse, .init = ttf_setup, .fini = ttf_teardown);

static struct ttf not_null; /* what *out holds before a call that fails */

/* ------------------------------------------------------------------------
 * Damaged fonts: errors, never crashes
 * ------------------------------------------------------------------------ */

/* Parses a copy of `d`, expecting a font error (with `want` in the
 * message when not NULL). */
static void expect_parse_error(const unsigned char *d, size_t len,
                               const char *want, const char *what) {
  struct ttf *f = &not_null;
  qujat_status st = parse_copy(d, len, &f);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s", what, qujat_strerror(st));
  cr_expect_null(f, "%s", what);
  cr_expect_str_eq(err.file, "test.ttf", "%s", what);
  cr_expect(strstr(err.msg, "not a usable TrueType font") != NULL,
            "%s: message '%s'", what, err.msg);
  if (want)
    cr_expect(strstr(err.msg, want) != NULL, "%s: message '%s' lacks '%s'",
              what, err.msg, want);
  if (st == QUJAT_OK)
    qujat_ttf_free(f);
}

Test(ttf_parse, every_truncation_is_refused) {
  char what[64];
  for (size_t len = 0; len <= 2000; len++) {
    snprintf(what, sizeof what, "first %zu bytes", len);
    expect_parse_error(reg_bytes, len, NULL, what);
  }
  expect_parse_error(reg_bytes, reg_len - 1, "outside the file", "-1 byte");
  expect_parse_error(reg_bytes, reg_len / 2, "outside the file", "half");
  expect_parse_error(reg_bytes, 11, "no TrueType header", "11 bytes");
  expect_parse_error(reg_bytes, 100, "cut short", "100 bytes");
  /* The synthetic font ends with its last table, unpadded: every cut
   * shortens a table. */
  size_t slen;
  unsigned char *syn = synth_font(1, 0, 0, &slen);
  for (size_t len = 0; len < slen; len++) {
    snprintf(what, sizeof what, "synthetic, first %zu bytes", len);
    expect_parse_error(syn, len, NULL, what);
  }
  struct ttf *f = NULL;
  cr_expect_eq(parse_copy(syn, slen, &f), QUJAT_OK, "%s", err.msg);
  qujat_ttf_free(f);
  free(syn);
}

Test(ttf_parse, table_outside_the_file_is_refused) {
  unsigned n = be16(reg_bytes + 4);
  const uint32_t L = (uint32_t)reg_len;
  const uint32_t cases[][2] = {{L, 1},
                               {L + 1, 0},
                               {L - 1, 2},
                               {0xffffffffu, 1},
                               {0xffffffffu, 0},
                               {0, L + 1},
                               {16, 0xfffffff0u},
                               {0xfffffff0u, 0x20},
                               {L - 4, 0xffffffffu}};
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  for (unsigned i = 0; i < n; i++) {
    unsigned char *r = d + 12 + 16 * i;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
      unsigned char saved[8];
      memcpy(saved, r + 8, 8);
      put32(r + 8, cases[k][0]);
      put32(r + 12, cases[k][1]);
      char what[96];
      snprintf(what, sizeof what, "table %u at %08x, %08x bytes", i,
               cases[k][0], cases[k][1]);
      expect_parse_error(d, reg_len, "a table lies outside the file", what);
      memcpy(r + 8, saved, 8);
    }
  }
  free(d);
}

/* The length each table needs in the bundled regular font; 0 for the
 * optional ones (name, post, OS/2) and those not read at all. */
static uint32_t needed_length(uint32_t tag) {
  uint32_t off, tl;
  switch (tag) {
  case T_HEAD:
    return 54;
  case T_HHEA:
    return 36;
  case T_MAXP:
    return 6;
  case T_HMTX:
    return 4 * ref_nmetrics(reg_bytes, reg_len);
  case T_LOCA:
    return 2 * (ref_nglyphs(reg_bytes, reg_len) + 1);
  case T_CMAP:
    cr_assert(ref_table(reg_bytes, reg_len, T_CMAP, &off, &tl));
    return tl; /* its one subtable ends with the table */
  case T_GLYF: {
    size_t o, l;
    ref_glyph_at(reg_bytes, reg_len, ref_nglyphs(reg_bytes, reg_len) - 1, &o,
                 &l);
    cr_assert(ref_table(reg_bytes, reg_len, T_GLYF, &off, &tl));
    return (uint32_t)(o + l - off);
  }
  default:
    return 0;
  }
}

Test(ttf_parse, table_shorter_than_needed_is_refused_or_ignored) {
  unsigned n = be16(reg_bytes + 4);
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  for (unsigned i = 0; i < n; i++) {
    unsigned char *r = d + 12 + 16 * i;
    uint32_t tag = be32(r), tl = be32(r + 12), need = needed_length(tag);
    cr_assert_leq(need, tl);
    for (uint32_t l = 0; l < tl; l = l < 2000 ? l + 1 : tl - 1) {
      put32(r + 12, l);
      char what[64];
      snprintf(what, sizeof what, "table %c%c%c%c cut to %u", r[0], r[1], r[2],
               r[3], l);
      if (l < need) {
        expect_parse_error(d, reg_len, NULL, what);
      } else {
        struct ttf *f = NULL;
        qujat_status st = parse_copy(d, reg_len, &f);
        cr_expect_eq(st, QUJAT_OK, "%s: %s", what, err.msg);
        if (f && tag == T_NAME && l < 6)
          cr_expect_str_eq(f->ps_name, "QujatFont", "%s", what);
        if (f && tag == T_OS2 && l < 90)
          cr_expect_eq(f->cap_height, f->ascent, "%s", what);
        if (f && tag == T_POST && l < 32)
          cr_expect_eq(f->italic_angle, 0, "%s", what);
        qujat_ttf_free(f);
      }
      if (l == tl - 1)
        break;
    }
    put32(r + 12, tl);
  }
  free(d);
}

/* A cmap encoding record whose offset is near 4 GiB: offset + 14 wraps
 * around in 32 bits. */
Test(ttf_parse, cmap_subtable_offset_that_wraps_is_refused) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  uint32_t coff, clen;
  cr_assert(ref_table(d, reg_len, T_CMAP, &coff, &clen));
  unsigned nsub = be16(d + coff + 2);
  cr_assert_geq(nsub, 1);
  for (uint32_t off = 0xfffffff0u; off != 0; off++) {
    for (unsigned k = 0; k < nsub; k++)
      put32(d + coff + 8 + 8 * k, off);
    char what[64];
    snprintf(what, sizeof what, "cmap subtable at %08x", off);
    expect_parse_error(d, reg_len, "no Unicode cmap", what);
  }
  for (unsigned k = 0; k < nsub; k++)
    put32(d + coff + 8 + 8 * k, clen); /* just past the end */
  expect_parse_error(d, reg_len, "no Unicode cmap", "cmap subtable at end");
  free(d);
}

Test(ttf_parse, damaged_cmap_loca_and_metrics_are_refused) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  uint32_t off, tl;
  /* cmap: the Windows subtable is the reader's; find it. */
  cr_assert(ref_table(d, reg_len, T_CMAP, &off, &tl));
  unsigned char *cmap = d + off, *sub = NULL;
  for (unsigned i = 0; i < be16(cmap + 2); i++)
    if (be16(cmap + 4 + 8 * i) == 3 || be16(cmap + 4 + 8 * i) == 0)
      sub = cmap + be32(cmap + 8 + 8 * i); /* all point at one subtable */
  cr_assert_not_null(sub);
  unsigned char saved[64];
  memcpy(saved, sub, sizeof saved);
  put16(sub + 2, 0xffff);
  expect_parse_error(d, reg_len, "subtable is cut short", "cmap length");
  memcpy(sub, saved, sizeof saved);
  put16(sub + 6, 0xfffe);
  expect_parse_error(d, reg_len, "segments are cut short", "segCountX2");
  memcpy(sub, saved, sizeof saved);
  unsigned nseg = be16(sub + 6) / 2;
  put16(sub + 16 + 6 * nseg, 0xfffe); /* idRangeOffset of segment 0 */
  expect_parse_error(d, reg_len, "points outside itself", "idRangeOffset");
  put16(sub + 16 + 6 * nseg, 0);
  put16(sub, 6); /* format 6 only */
  expect_parse_error(d, reg_len, "no Unicode cmap of format 4", "format 6");
  memcpy(sub, saved, sizeof saved);
  for (unsigned i = 0; i < be16(cmap + 2); i++)
    put16(cmap + 4 + 8 * i, 1); /* Macintosh only */
  expect_parse_error(d, reg_len, "no Unicode cmap of format 4", "Mac cmap");
  memcpy(d, reg_bytes, reg_len);

  /* loca: out of order, past glyf, or long while the table is short. */
  cr_assert(ref_table(d, reg_len, T_LOCA, &off, &tl));
  put16(d + off + 20, be16(d + off + 20) + 100);
  put16(d + off + 22, be16(d + off + 22) - 1);
  expect_parse_error(d, reg_len, "loca table points outside glyf",
                     "decreasing loca");
  memcpy(d, reg_bytes, reg_len);
  put16(d + off + tl - 2, 0xffff);
  expect_parse_error(d, reg_len, "loca table points outside glyf",
                     "loca past glyf");
  memcpy(d, reg_bytes, reg_len);
  cr_assert(ref_table(d, reg_len, T_HEAD, &off, &tl));
  put16(d + off + 50, 1);
  expect_parse_error(d, reg_len, "no loca or glyf", "long loca");
  memcpy(d, reg_bytes, reg_len);

  /* head: units per em out of range, and its bounds. */
  static const unsigned bad_upem[] = {0, 1, 15, 16385, 0xffff};
  for (size_t i = 0; i < sizeof bad_upem / sizeof *bad_upem; i++) {
    put16(d + off + 18, bad_upem[i]);
    expect_parse_error(d, reg_len, "units per em", "upem");
  }
  static const unsigned good_upem[] = {16, 16384};
  for (size_t i = 0; i < 2; i++) {
    put16(d + off + 18, good_upem[i]);
    struct ttf *f = NULL;
    cr_expect_eq(parse_copy(d, reg_len, &f), QUJAT_OK, "upem %u: %s",
                 good_upem[i], err.msg);
    if (f)
      cr_expect_eq(
          qujat_ttf_width(f, qujat_ttf_glyph(f, 'A')),
          ref_advance(reg_bytes, reg_len, ref_glyph(reg_bytes, reg_len, 'A')) *
              1000 / good_upem[i]);
    qujat_ttf_free(f);
  }
  memcpy(d, reg_bytes, reg_len);

  /* maxp and hhea counts. */
  cr_assert(ref_table(d, reg_len, T_MAXP, &off, &tl));
  put16(d + off + 4, 0);
  expect_parse_error(d, reg_len, "no glyphs", "numGlyphs 0");
  put16(d + off + 4, 0xffff);
  expect_parse_error(d, reg_len, NULL, "numGlyphs 65535");
  memcpy(d, reg_bytes, reg_len);
  cr_assert(ref_table(d, reg_len, T_HHEA, &off, &tl));
  put16(d + off + 34, 0);
  expect_parse_error(d, reg_len, "hmtx", "numberOfHMetrics 0");
  put16(d + off + 34, reg->nglyphs + 1);
  expect_parse_error(d, reg_len, "hmtx", "numberOfHMetrics too many");
  memcpy(d, reg_bytes, reg_len);

  /* The 'true' version tag of old Apple fonts is TrueType too. */
  memcpy(d, "true", 4);
  struct ttf *f = NULL;
  cr_expect_eq(parse_copy(d, reg_len, &f), QUJAT_OK, "%s", err.msg);
  qujat_ttf_free(f);
  free(d);
}

/* Random damage to the bytes: the parse fails cleanly or succeeds, and a
 * font that parses gives a subset (of its glyphs in a random order) that
 * parses again with the widths of the glyphs kept. */
static void damage_and_subset(const unsigned char *orig, size_t len, size_t hot,
                              int rounds) {
  unsigned char *d = malloc(len);
  uint16_t *gids = NULL;
  cr_assert_not_null(d);
  int parsed = 0;
  for (int round = 0; round < rounds; round++) {
    memcpy(d, orig, len);
    int flips = 1 + (int)(rnd() % 4);
    for (int k = 0; k < flips; k++) {
      size_t at = rnd() % 2 ? rnd() % hot : rnd() % len;
      d[at] = rnd() % 3 ? (unsigned char)rnd() : d[at] ^ 0x80;
    }
    struct ttf *f = NULL;
    qujat_status st = parse_copy(d, len, &f);
    cr_assert(st == QUJAT_OK || st == QUJAT_ERR_FONT, "round %d: %s", round,
              qujat_strerror(st));
    if (st != QUJAT_OK)
      continue;
    parsed++;
    gids = realloc(gids, (f->nglyphs + 1) * sizeof *gids);
    cr_assert_not_null(gids);
    size_t n = 1;
    gids[0] = 0;
    for (unsigned g = 1; g < f->nglyphs; g++)
      if (round % 5 == 0 || rnd() % 3 == 0)
        gids[n++] = (uint16_t)g;
    for (size_t i = n - 1; i > 1; i--) { /* shuffle all but .notdef */
      size_t j = 1 + rnd() % i;
      uint16_t x = gids[i];
      gids[i] = gids[j];
      gids[j] = x;
    }
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    st = qujat_ttf_subset(f, gids, n, &out);
    cr_assert_eq(st, QUJAT_OK, "round %d: subset %s", round,
                 qujat_strerror(st));
    cr_expect_eq(word_sum((unsigned char *)out.data, out.len), 0xb1b0afbau,
                 "round %d", round);
    struct ttf *s = parse_subset((unsigned char *)out.data, out.len);
    cr_expect_eq(s->nglyphs, n, "round %d", round);
    for (size_t i = 0; i < n; i++)
      cr_expect_eq(qujat_ttf_width(s, (unsigned)i), qujat_ttf_width(f, gids[i]),
                   "round %d: width of glyph %zu (%u)", round, i, gids[i]);
    qujat_ttf_free(s);
    qujat_buf_free(&out);
    qujat_ttf_free(f);
  }
  cr_expect_gt(parsed, rounds / 20, "only %d of %d damaged fonts parsed",
               parsed, rounds);
  free(gids);
  free(d);
}

Test(ttf_parse, random_damage_never_crashes) {
  uint32_t glyf_off, glyf_len;
  cr_assert(ref_table(reg_bytes, reg_len, T_GLYF, &glyf_off, &glyf_len));
  /* Directory, head, hhea, maxp, OS/2, hmtx, cmap and loca lie before
   * glyf in the bundled fonts. */
  damage_and_subset(reg_bytes, reg_len, glyf_off, 1500);
  size_t slen;
  unsigned char *syn = synth_font(0, 0, 0, &slen);
  damage_and_subset(syn, slen, slen, 4000);
  free(syn);
  syn = synth_font(1, 0, 0, &slen);
  damage_and_subset(syn, slen, slen, 4000);
  free(syn);
}

/* ------------------------------------------------------------------------
 * Composite glyphs: refused, since subsets renumber glyphs
 * ------------------------------------------------------------------------ */

static void expect_composite_refused(const unsigned char *d, size_t len,
                                     const char *what) {
  expect_parse_error(d, len, "composite glyphs", what);
}

Test(ttf_parse, synthetic_font_with_composite_glyphs_is_refused) {
  /* Without composites it parses, with both loca formats. */
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, 0, &len);
    struct ttf *f = NULL;
    cr_expect_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
    qujat_ttf_free(f);
    free(d);
  }
  /* One composite anywhere (first, mapped, unmapped, past
   * numberOfHMetrics, last), or several, and the font is refused. */
  static const unsigned masks[] = {
      1u << 0, 1u << 2,  1u << 4, 1u << 7,
      1u << 9, 1u << 10, 0x494u,  0x7ffu & ~(1u << 8)};
  for (int long_loca = 0; long_loca < 2; long_loca++)
    for (size_t i = 0; i < sizeof masks / sizeof *masks; i++) {
      size_t len;
      unsigned char *d = synth_font(long_loca, 0, masks[i], &len);
      char what[64];
      snprintf(what, sizeof what, "composites %03x, %s loca", masks[i],
               long_loca ? "long" : "short");
      expect_composite_refused(d, len, what);
      /* Also through the loader, with the file's own size and CRC. */
      if (i == 1 && long_loca) {
        const char *path = write_tmp("composite.ttf", d, len);
        expect_load_error(path, (long)len, crc_of(d, len), "composite glyphs",
                          "not a usable TrueType font");
      }
      free(d);
    }
}

Test(ttf_parse, bundled_font_with_a_composite_glyph_is_refused) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  /* numberOfContours < 0 marks a composite: -1, as fonts write it, and any
   * other negative number. */
  static const unsigned marks[] = {0xffff, 0x8000, 0xfffe};
  unsigned last = reg->nglyphs - 1; /* the last glyph with an outline */
  while (last > 0 && reg->loca[last + 1] - reg->loca[last] < 10)
    last--;
  unsigned first = 0; /* the first with an outline (.notdef has none) */
  while (first < last && reg->loca[first + 1] - reg->loca[first] < 10)
    first++;
  unsigned glyphs[] = {first, qujat_ttf_glyph(reg, 'A'),
                       qujat_ttf_glyph(reg, 0x049B), last};
  for (size_t k = 0; k < sizeof glyphs / sizeof *glyphs; k++) {
    size_t off, glen;
    ref_glyph_at(reg_bytes, reg_len, glyphs[k], &off, &glen);
    cr_assert_geq(glen, 2, "glyph %u has no outline", glyphs[k]);
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
      put16(d + off, marks[m]);
      char what[64];
      snprintf(what, sizeof what, "glyph %u with %04x contours", glyphs[k],
               marks[m]);
      expect_composite_refused(d, reg_len, what);
    }
    memcpy(d + off, reg_bytes + off, 2);
  }
  /* Zero or many contours is a simple glyph; an empty glyph has no
   * contour count at all. */
  size_t off, glen;
  ref_glyph_at(reg_bytes, reg_len, qujat_ttf_glyph(reg, 'A'), &off, &glen);
  static const unsigned simple[] = {0, 1, 0x7fff};
  for (size_t m = 0; m < sizeof simple / sizeof *simple; m++) {
    put16(d + off, simple[m]);
    struct ttf *f = NULL;
    cr_expect_eq(parse_copy(d, reg_len, &f), QUJAT_OK, "%04x contours: %s",
                 simple[m], err.msg);
    qujat_ttf_free(f);
  }
  free(d);
}

/* Every glyph of the bundled fonts is simple (numberOfContours >= 0) or
 * empty, read here from the bytes. */
Test(ttf_parse, bundled_fonts_have_no_composite_glyphs) {
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    unsigned ng = ref_nglyphs(bytes[i], lens[i]), simple = 0;
    for (unsigned g = 0; g < ng; g++) {
      size_t off, glen;
      ref_glyph_at(bytes[i], lens[i], g, &off, &glen);
      if (glen == 0)
        continue;
      cr_assert_geq(glen, 10, "font %d glyph %u: %zu bytes", i, g, glen);
      cr_expect_geq(sbe16(bytes[i] + off), 0, "font %d glyph %u is composite",
                    i, g);
      simple++;
    }
    cr_expect_gt(simple, ng / 2);
  }
}
