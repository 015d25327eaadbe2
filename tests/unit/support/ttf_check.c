/* SPDX-License-Identifier: MIT */
/* Checking a subset against its font, byte by byte (ttf_check.h). */
#include "ttf_check.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "ttf_helpers.h"
#include "ttf_synth.h"

static int tag_in(uint32_t tag, const uint32_t *tags, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (tags[i] == tag)
      return 1;
  return 0;
}

struct ttf *parse_subset(const unsigned char *sub, size_t len) {
  /* One (3, 1) subtable at 12: format 4, 24 bytes, one segment (the
   * final one, 0xFFFF). */
  static const unsigned char cmap[] = {
      0, 0, 0, 1, 0, 3, 0, 1, 0,    0,    0, 12, 0,    4,    0, 24, 0, 0,
      0, 2, 0, 2, 0, 0, 0, 0, 0xff, 0xff, 0, 0,  0xff, 0xff, 0, 1,  0, 0};
  unsigned n = be16(sub + 4);
  struct tsrc *t = calloc(n + 1, sizeof *t);
  cr_assert_not_null(t);
  for (unsigned i = 0; i < n; i++) {
    const unsigned char *r = sub + 12 + 16 * i;
    cr_assert_leq((uint64_t)be32(r + 8) + be32(r + 12), len);
    t[i] = (struct tsrc){be32(r), sub + be32(r + 8), be32(r + 12)};
  }
  t[n] = (struct tsrc){T_CMAP, cmap, sizeof cmap};
  size_t flen;
  unsigned char *font = sfnt(t, n + 1, &flen);
  free(t);
  struct ttf *s = NULL;
  qujat_status st = parse_copy(font, flen, &s);
  free(font);
  cr_assert_eq(st, QUJAT_OK, "the subset does not parse: %s", err.msg);
  return s;
}

void check_subset(const unsigned char *d, size_t dlen, const struct ttf *f,
                  const unsigned char *sub, size_t len, const uint16_t *gids,
                  size_t n) {
  static const uint32_t required[] = {T_GLYF, T_HEAD, T_HHEA,
                                      T_HMTX, T_LOCA, T_MAXP};
  static const uint32_t copied[] = {T_CVT, T_FPGM, T_PREP};
  static const uint32_t dropped[] = {T_CMAP, T_NAME, T_OS2, T_POST, T_GSUB};
  cr_assert(n >= 1 && n <= 0xffff && gids[0] == 0);

  /* The frame: header, directory sorted by tag, checksums, alignment. */
  cr_assert_geq(len, 12);
  cr_expect_eq(len % 4, 0, "length %zu", len);
  cr_expect_eq(word_sum(sub, len), 0xb1b0afbau, "whole-file sum %08x",
               word_sum(sub, len));
  cr_expect_eq(be32(sub), 0x00010000u);
  unsigned nt = be16(sub + 4);
  cr_assert_leq(12 + 16 * (size_t)nt, len);
  unsigned pow2 = 1, lg = 0;
  while (pow2 * 2 <= nt) {
    pow2 *= 2;
    lg++;
  }
  cr_expect_eq(be16(sub + 6), 16 * pow2, "searchRange");
  cr_expect_eq(be16(sub + 8), lg, "entrySelector");
  cr_expect_eq(be16(sub + 10), 16 * nt - 16 * pow2, "rangeShift");
  for (unsigned i = 0; i < nt; i++) {
    const unsigned char *r = sub + 12 + 16 * i;
    uint32_t tag = be32(r), off = be32(r + 8), tl = be32(r + 12);
    if (i)
      cr_expect_gt(tag, be32(r - 16), "directory not sorted at %u", i);
    cr_expect(tag_in(tag, required, 6) || tag_in(tag, copied, 3),
              "unexpected table %c%c%c%c", r[0], r[1], r[2], r[3]);
    cr_expect_eq(off % 4, 0, "table %08x at %u", tag, off);
    cr_expect_geq(off, 12 + 16 * nt);
    cr_assert_leq((uint64_t)off + tl, len, "table %08x outside", tag);
    for (size_t k = off + tl; k < ((off + tl + 3) & ~3u); k++)
      cr_expect_eq(sub[k], 0, "padding after %08x", tag);
    unsigned char *copy = exact_copy(sub + off, tl);
    if (tag == T_HEAD && tl >= 12)
      memset(copy + 8, 0, 4);
    cr_expect_eq(be32(r + 4), word_sum(copy, tl), "checksum of %08x", tag);
    free(copy);
    for (unsigned j = 0; j < i; j++) {
      const unsigned char *q = sub + 12 + 16 * j;
      uint32_t o2 = be32(q + 8), l2 = be32(q + 12);
      cr_expect(off + tl <= o2 || o2 + l2 <= off, "tables %u and %u overlap", i,
                j);
    }
  }

  /* The table set: the six, and cvt, fpgm and prep as they are when the
   * font has them; nothing else. */
  uint32_t off, tl, ooff, otl;
  unsigned want_tables = 6;
  for (size_t i = 0; i < 6; i++)
    cr_assert(ref_table(sub, len, required[i], &off, &tl), "no %08x",
              required[i]);
  for (size_t i = 0; i < 3; i++) {
    int in_orig = ref_table(d, dlen, copied[i], &ooff, &otl);
    int in_sub = ref_table(sub, len, copied[i], &off, &tl);
    want_tables += in_orig;
    cr_expect_eq(in_sub, in_orig, "table %08x", copied[i]);
    if (in_orig && in_sub)
      cr_expect(tl == otl && memcmp(sub + off, d + ooff, tl) == 0,
                "table %08x not copied as is", copied[i]);
  }
  for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
    cr_expect_not(ref_table(sub, len, dropped[i], &off, &tl), "table %08x kept",
                  dropped[i]);
  cr_expect_eq(nt, want_tables, "%u tables, %u wanted", nt, want_tables);

  /* The outlines kept, each padded to an even length, and so the loca
   * format: short whenever the offsets fit. */
  size_t want_glyf = 0;
  for (size_t i = 0; i < n; i++) {
    size_t oo, ol;
    ref_glyph_at(d, dlen, gids[i], &oo, &ol);
    want_glyf += (ol + 1) & ~(size_t)1;
  }
  uint32_t glyf_len;
  ref_need(sub, len, T_GLYF, &glyf_len);
  cr_expect_eq(glyf_len, want_glyf, "glyf of %u bytes, %zu wanted", glyf_len,
               want_glyf);
  int want_long = want_glyf > 0x1fffe;

  /* head: as the original but checkSumAdjustment and indexToLocFormat. */
  const unsigned char *head = ref_need(sub, len, T_HEAD, &tl);
  const unsigned char *ohead = ref_need(d, dlen, T_HEAD, NULL);
  cr_assert_eq(tl, 54);
  cr_expect_eq(memcmp(head, ohead, 8), 0);
  cr_expect_eq(memcmp(head + 12, ohead + 12, 38), 0);
  cr_expect_eq(memcmp(head + 52, ohead + 52, 2), 0);
  int long_loca = be16(head + 50);
  cr_expect_eq(long_loca, want_long, "indexToLocFormat %d, glyf %u", long_loca,
               glyf_len);

  /* hhea: numberOfHMetrics is the glyph count, the rest as it was. */
  const unsigned char *hhea = ref_need(sub, len, T_HHEA, &tl);
  cr_assert_eq(tl, 36);
  cr_expect_eq(memcmp(hhea, ref_need(d, dlen, T_HHEA, NULL), 34), 0);
  cr_expect_eq(be16(hhea + 34), n, "numberOfHMetrics %u for %zu glyphs",
               be16(hhea + 34), n);

  /* maxp: numGlyphs is the glyph count, the rest as it was. */
  const unsigned char *maxp = ref_need(sub, len, T_MAXP, &tl);
  const unsigned char *omaxp = ref_need(d, dlen, T_MAXP, &otl);
  cr_expect_eq(tl, otl < 32 ? otl : 32);
  cr_expect_eq(memcmp(maxp, omaxp, 4), 0);
  cr_expect_eq(memcmp(maxp + 6, omaxp + 6, tl - 6), 0);
  unsigned ng = ref_nglyphs(sub, len);
  cr_expect_eq(ng, n, "numGlyphs %u for %zu glyphs", ng, n);

  /* loca and glyf: glyph i is the outline of gids[i], unchanged. */
  const unsigned char *loca = ref_need(sub, len, T_LOCA, &tl);
  cr_assert_eq(tl, (n + 1) * (long_loca ? 4u : 2u));
  cr_expect_eq(long_loca ? be32(loca) : be16(loca), 0);
  for (size_t i = 0; i < n; i++) {
    size_t so, sl, oo, ol;
    ref_glyph_at(sub, len, (unsigned)i, &so, &sl);
    ref_glyph_at(d, dlen, gids[i], &oo, &ol);
    cr_expect_eq(sl, (ol + 1) & ~(size_t)1, "glyph %zu (%u): %zu bytes for %zu",
                 i, gids[i], sl, ol);
    cr_expect(memcmp(sub + so, d + oo, ol) == 0,
              "glyph %zu is not the outline of glyph %u", i, gids[i]);
    if (sl > ol)
      cr_expect_eq(sub[so + ol], 0, "glyph %zu: padding", i);
  }
  uint32_t last = long_loca ? be32(loca + 4 * n) : 2u * be16(loca + 2 * n);
  cr_expect_eq(last, glyf_len, "glyf holds more than the glyphs");

  /* hmtx: a long metric per glyph, those of gids[i] in the original (the
   * last long metric's advance past numberOfHMetrics, the lsb of the
   * leftSideBearing array). */
  const unsigned char *hmtx = ref_need(sub, len, T_HMTX, &tl);
  cr_assert_eq(tl, 4 * n, "hmtx of %u bytes for %zu glyphs", tl, n);
  for (size_t i = 0; i < n; i++) {
    cr_expect_eq(be16(hmtx + 4 * i), ref_advance(d, dlen, gids[i]),
                 "advance of glyph %zu (%u)", i, gids[i]);
    cr_expect_eq(sbe16(hmtx + 4 * i + 2), ref_lsb(d, dlen, gids[i]),
                 "lsb of glyph %zu (%u)", i, gids[i]);
  }

  /* Read back by the library: same metrics, the widths of the glyphs
   * kept; no OS/2, post or name, so their defaults. */
  struct ttf *s = parse_subset(sub, len);
  cr_expect_eq(s->nglyphs, n);
  cr_expect_eq(s->units_per_em, f->units_per_em);
  cr_expect_eq(memcmp(s->bbox, f->bbox, sizeof s->bbox), 0);
  cr_expect_eq(s->ascent, f->ascent);
  cr_expect_eq(s->descent, f->descent);
  cr_expect_eq(s->cap_height, s->ascent, "an OS/2 table was read");
  cr_expect_eq(s->italic_angle, 0, "a post table was read");
  cr_expect_str_eq(s->ps_name, "QujatFont", "a name table was read");
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(qujat_ttf_width(s, (unsigned)i), qujat_ttf_width(f, gids[i]),
                 "width of glyph %zu (%u)", i, gids[i]);
  qujat_ttf_free(s);
}

unsigned char *subset_checked(const unsigned char *d, size_t dlen,
                              const struct ttf *f, const uint16_t *gids,
                              size_t n, size_t *out_len) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_ttf_subset(f, gids, n, &out);
  cr_assert_eq(st, QUJAT_OK, "subset of %zu glyphs: %s", n, qujat_strerror(st));
  check_subset(d, dlen, f, (unsigned char *)out.data, out.len, gids, n);
  *out_len = out.len;
  return (unsigned char *)qujat_buf_take(&out, out_len);
}
