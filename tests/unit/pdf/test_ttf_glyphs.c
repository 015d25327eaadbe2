/* SPDX-License-Identifier: MIT */
/* Unit tests of the glyphs and widths of a parsed font (ttf.c): the
 * Kazakh and Russian letters and the punctuation the documents print have
 * glyphs in both bundled fonts, the cmap and hmtx agree with our own
 * reader, and the synthetic font (ttf_synth.h) reads as built. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "qujat/qujat.h"
#include "pdf/pdf_internal.h"
#include "ttf_helpers.h"
#include "ttf_synth.h"

TestSuite(ttf_glyphs, .init = ttf_setup, .fini = ttf_teardown);

/* The nine Kazakh letters outside Russian, small and capital, then the
 * Russian alphabet, quotation marks, dashes, numero sign, NBSP. */
static const uint32_t needed_cps[] = {
    0x04D9, 0x0493, 0x049B, 0x04A3, 0x04E9, 0x04B1, 0x04AF, 0x04BB, 0x0456,
    0x04D8, 0x0492, 0x049A, 0x04A2, 0x04E8, 0x04B0, 0x04AE, 0x04BA, 0x0406,
    0x0401, 0x0451, 0x00AB, 0x00BB, 0x2013, 0x2014, 0x2116, 0x00A0};

Test(ttf_glyphs, kazakh_russian_and_punctuation_have_glyphs) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    const struct ttf *f = fonts[i];
    uint32_t cps[sizeof needed_cps / sizeof *needed_cps + 64];
    size_t n = 0;
    for (size_t k = 0; k < sizeof needed_cps / sizeof *needed_cps; k++)
      cps[n++] = needed_cps[k];
    for (uint32_t cp = 0x0410; cp <= 0x044F; cp++) /* А..я */
      cps[n++] = cp;
    for (size_t k = 0; k < n; k++) {
      unsigned g = qujat_ttf_glyph(f, cps[k]);
      cr_expect_neq(g, 0, "font %d: no glyph for U+%04X", i, cps[k]);
      cr_expect_lt(g, f->nglyphs);
      cr_expect_eq(g, ref_glyph(bytes[i], lens[i], cps[k]), "font %d: U+%04X",
                   i, cps[k]);
      cr_expect_gt(qujat_ttf_width(f, g), 0, "font %d: U+%04X width 0", i,
                   cps[k]);
      size_t off, glen;
      ref_glyph_at(bytes[i], lens[i], g, &off, &glen);
      if (cps[k] != 0x00A0)
        cr_expect_gt(glen, 0, "font %d: U+%04X has no outline", i, cps[k]);
    }
    /* Small and capital Kazakh letters are different glyphs. */
    for (size_t k = 0; k < 9; k++)
      cr_expect_neq(qujat_ttf_glyph(f, needed_cps[k]),
                    qujat_ttf_glyph(f, needed_cps[k + 9]));
  }
}

Test(ttf_glyphs, tenge_and_unmapped_code_points_give_notdef) {
  static const uint32_t none[] = {0x20B8,  0x0000,   0x001F,   0x007F,
                                  0x4E00,  0xFFFD,   0xFFFF,   0x10000,
                                  0x1F600, 0x10FFFF, 0x110000, 0xFFFFFFFFu};
  const struct ttf *fonts[] = {reg, bold};
  for (int i = 0; i < 2; i++)
    for (size_t k = 0; k < sizeof none / sizeof *none; k++)
      cr_expect_eq(qujat_ttf_glyph(fonts[i], none[k]), 0,
                   "font %d: U+%04X has a glyph", i, none[k]);
  /* Every BMP code point agrees with our own reading of the cmap. */
  for (uint32_t cp = 0; cp <= 0xffff; cp++) {
    unsigned want = ref_glyph(reg_bytes, reg_len, cp);
    if (want >= reg->nglyphs)
      want = 0;
    cr_assert_eq(qujat_ttf_glyph(reg, cp), want, "U+%04X", cp);
  }
  cr_expect_eq(qujat_ttf_width(reg, reg->nglyphs), 0, "glyph out of range");
  cr_expect_eq(qujat_ttf_width(reg, 0xffff), 0, "glyph out of range");
}

Test(ttf_glyphs, widths_match_hmtx_read_independently) {
  static const uint32_t cps[] = {' ',    'A',    'W',    'i',    0x04D9,
                                 0x049A, 0x2014, 0x2116, 0x00A0, 0x0416};
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    unsigned upem = ref_upem(bytes[i], lens[i]);
    for (size_t k = 0; k < sizeof cps / sizeof *cps; k++) {
      unsigned g = ref_glyph(bytes[i], lens[i], cps[k]);
      unsigned want = ref_advance(bytes[i], lens[i], g) * 1000 / upem;
      cr_expect_gt(want, 0);
      cr_expect_eq(qujat_ttf_width(fonts[i], g), want,
                   "font %d: U+%04X: %u, hmtx says %u", i, cps[k],
                   qujat_ttf_width(fonts[i], g), want);
    }
    for (unsigned g = 0; g < fonts[i]->nglyphs; g++)
      cr_expect_eq(qujat_ttf_width(fonts[i], g),
                   ref_width(bytes[i], lens[i], g), "font %d glyph %u", i, g);
  }
  /* Bold is wider than regular for a few letters. */
  cr_expect_gt(qujat_ttf_width(bold, qujat_ttf_glyph(bold, 'W')), 0);
  cr_expect_neq(qujat_ttf_width(bold, qujat_ttf_glyph(bold, 'W')),
                qujat_ttf_width(reg, qujat_ttf_glyph(reg, 'W')));
}

Test(ttf_glyphs, synthetic_font_metrics_cmap_and_widths) {
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, 0, &len);
    struct ttf *f = parse_ok(d, len);
    cr_expect_eq(f->units_per_em, SYN_UPEM);
    cr_expect_eq(f->nglyphs, SYN_GLYPHS);
    cr_expect_str_eq(f->ps_name, "Synth-Test");
    /* -100 -400 2000 1800 in 1/2048 em, truncated toward zero. */
    cr_expect_eq(f->bbox[0], -48);
    cr_expect_eq(f->bbox[1], -195);
    cr_expect_eq(f->bbox[2], 976);
    cr_expect_eq(f->bbox[3], 878);
    cr_expect_eq(f->ascent, 830);
    cr_expect_eq(f->descent, -244);
    cr_expect_eq(f->cap_height, 683);
    cr_expect_eq(f->italic_angle, -12);
    for (unsigned g = 0; g < SYN_GLYPHS; g++) {
      cr_expect_eq(qujat_ttf_width(f, g), syn_width[g], "glyph %u", g);
      cr_expect_eq(qujat_ttf_width(f, g), ref_width(d, len, g), "glyph %u", g);
    }
    static const struct {
      uint32_t cp;
      unsigned gid;
    } map[] = {{' ', 8},   {'@', 0},   {'A', 1},    {'B', 2},     {'C', 6},
               {'D', 7},   {'E', 10},  {'F', 0},    {0x4D7, 0},   {0x4D8, 1},
               {0x4D9, 2}, {0x4DA, 0}, {0xFFFF, 0}, {0x10041, 0}, {0x1F, 0}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
      cr_expect_eq(qujat_ttf_glyph(f, map[i].cp), map[i].gid, "U+%04X",
                   map[i].cp);
      cr_expect_eq(ref_glyph(d, len, map[i].cp), map[i].gid, "ref U+%04X",
                   map[i].cp);
    }
    /* Both loca formats read: 14 + 3n bytes a glyph, kept odd in the long
     * format, padded in the short one. */
    for (unsigned g = 0; g < SYN_GLYPHS; g++) {
      size_t want = syn_points[g] ? 14 + 3 * syn_points[g] : 0;
      if (!long_loca)
        want = (want + 1) & ~(size_t)1;
      cr_expect_eq(f->loca[g + 1] - f->loca[g], want, "glyph %u", g);
    }
    qujat_ttf_free(f);
    free(d);
  }
}
