/* SPDX-License-Identifier: MIT */
/* Unit tests of loading the bundled fonts (ttf.c, qujat_ttf_load): the
 * sizes and CRCs of fonts/fonts.xml, the metrics read against our own
 * reader (ttf_helpers.h), and font errors for files that are damaged,
 * missing, cut short or not TrueType at all. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qujat/qujat.h"
#include "pdf/pdf_internal.h"
#include "ttf_helpers.h"

TestSuite(ttf_load, .init = ttf_setup, .fini = ttf_teardown);

Test(ttf_load, bundled_fonts_load_with_the_sizes_and_crcs_of_fonts_xml) {
  struct {
    const char *file, *ps_name;
    const struct ttf *f;
    const unsigned char *d;
    size_t len;
  } fonts[] = {{REGULAR_FILE, "QujatSans-Regular", reg, reg_bytes, reg_len},
               {BOLD_FILE, "QujatSans-Bold", bold, bold_bytes, bold_len}};
  for (int i = 0; i < 2; i++) {
    const unsigned char *d = fonts[i].d;
    size_t len = fonts[i].len;
    const struct ttf *f = fonts[i].f;
    long bytes;
    uint32_t crc;
    font_spec(fonts[i].file, &bytes, &crc);
    cr_expect_eq((long)len, bytes, "%s: fonts.xml is stale", fonts[i].file);
    cr_expect_eq(crc_of(d, len), crc, "%s: fonts.xml is stale", fonts[i].file);
    cr_expect_eq(f->len, len);
    cr_expect_eq(memcmp(f->data, d, len), 0);
    cr_expect_str_eq(f->ps_name, fonts[i].ps_name);
    cr_expect(strstr(f->path, fonts[i].file) != NULL, "path %s", f->path);
    unsigned upem = ref_upem(d, len);
    cr_expect_eq(f->units_per_em, upem);
    cr_expect_eq(f->nglyphs, ref_nglyphs(d, len));
    cr_expect_gt(f->nglyphs, 300);
    const unsigned char *head = ref_need(d, len, T_HEAD, NULL);
    const unsigned char *hhea = ref_need(d, len, T_HHEA, NULL);
    const unsigned char *os2 = ref_need(d, len, T_OS2, NULL);
    for (int k = 0; k < 4; k++)
      cr_expect_eq(f->bbox[k], sbe16(head + 36 + 2 * k) * 1000 / (int)upem,
                   "bbox[%d]", k);
    cr_expect_eq(f->ascent, sbe16(hhea + 4) * 1000 / (int)upem);
    cr_expect_eq(f->descent, sbe16(hhea + 6) * 1000 / (int)upem);
    cr_expect_geq(be16(os2), 2);
    cr_expect_eq(f->cap_height, sbe16(os2 + 88) * 1000 / (int)upem);
    cr_expect(f->ascent > f->cap_height && f->cap_height > 0 && f->descent < 0,
              "ascent %d, cap height %d, descent %d", f->ascent, f->cap_height,
              f->descent);
    cr_expect(f->bbox[0] < f->bbox[2] && f->bbox[1] < f->bbox[3]);
    for (unsigned g = 0; g <= f->nglyphs; g++) {
      size_t off, glen;
      if (g < f->nglyphs) {
        ref_glyph_at(d, len, g, &off, &glen);
        cr_expect_eq(f->loca[g + 1] - f->loca[g], glen, "loca of %u", g);
        cr_expect_eq(f->glyf_offset + f->loca[g], off, "loca of %u", g);
      }
    }
  }
  cr_expect(memcmp(reg_bytes, bold_bytes, 1000) != 0 || reg_len != bold_len);
}

Test(ttf_load, wrong_crc_is_a_font_error) {
  long bytes;
  uint32_t crc;
  font_spec(REGULAR_FILE, &bytes, &crc);
  char got[16], want[16];
  snprintf(got, sizeof got, "%08lx", (unsigned long)crc);
  snprintf(want, sizeof want, "%08lx", (unsigned long)(crc ^ 0x80000001u));
  expect_load_error(FONTS_DIR "/" REGULAR_FILE, bytes, crc ^ 0x80000001u,
                    "damaged", got);
  expect_load_error(FONTS_DIR "/" REGULAR_FILE, bytes, crc ^ 0x80000001u,
                    "CRC-32", want);
  /* The bold font's numbers for the regular font. */
  long bold_size;
  uint32_t bold_crc;
  font_spec(BOLD_FILE, &bold_size, &bold_crc);
  expect_load_error(FONTS_DIR "/" REGULAR_FILE, bold_size, bold_crc, "damaged",
                    NULL);
}

Test(ttf_load, wrong_size_is_a_font_error) {
  long bytes;
  uint32_t crc;
  font_spec(BOLD_FILE, &bytes, &crc);
  char n[32];
  snprintf(n, sizeof n, "%ld bytes", bytes - 1);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, bytes - 1, crc,
                    "damaged: the file is longer", n);
  snprintf(n, sizeof n, "%ld", bytes + 1);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, bytes + 1, crc, "damaged", n);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, 0, crc, "damaged", NULL);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, -1, crc, "damaged", NULL);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, 1L << 30, crc, "damaged", NULL);
}

Test(ttf_load, truncated_copy_is_a_font_error) {
  long bytes;
  uint32_t crc;
  font_spec(REGULAR_FILE, &bytes, &crc);
  size_t half = reg_len / 2;
  const char *path = write_tmp("half.ttf", reg_bytes, half);
  char n[32];
  snprintf(n, sizeof n, "%zu bytes", half);
  /* With the numbers of fonts.xml: the size gives it away. */
  expect_load_error(path, bytes, crc, "damaged", n);
  /* With numbers that match the cut file: the font itself is refused. */
  expect_load_error(path, (long)half, crc_of(reg_bytes, half),
                    "not a usable TrueType font", "outside the file");
  /* One byte short. */
  path = write_tmp("short.ttf", reg_bytes, reg_len - 1);
  expect_load_error(path, bytes, crc, "damaged", NULL);
  expect_load_error(path, bytes - 1, crc_of(reg_bytes, reg_len - 1),
                    "not a usable TrueType font", NULL);
  /* Bytes appended to a good font: the first `bytes` have the right CRC,
   * the file is longer. */
  unsigned char *longer = malloc(reg_len + 100);
  cr_assert_not_null(longer);
  memcpy(longer, reg_bytes, reg_len);
  memset(longer + reg_len, 0, 100);
  path = write_tmp("longer.ttf", longer, reg_len + 100);
  free(longer);
  expect_load_error(path, bytes, crc, "damaged: the file is longer", NULL);
  /* Empty. */
  path = write_tmp("empty.ttf", "", 0);
  expect_load_error(path, bytes, crc, "damaged", "0 bytes");
}

Test(ttf_load, missing_file_and_directory_are_font_errors) {
  long bytes;
  uint32_t crc;
  font_spec(REGULAR_FILE, &bytes, &crc);
  expect_load_error(FONTS_DIR "/NoSuchFont.ttf", bytes, crc, "cannot open",
                    NULL);
  expect_load_error(FONTS_DIR, bytes, crc, "damaged", NULL);
}

Test(ttf_load, garbage_bytes_are_a_font_error) {
  unsigned char junk[4096];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (unsigned char)rnd();
  junk[0] = 0x47; /* not a TrueType version */
  const char *path = write_tmp("junk.ttf", junk, sizeof junk);
  expect_load_error(path, (long)sizeof junk, crc_of(junk, sizeof junk),
                    "not a usable TrueType font", "no TrueType header");
  /* A TrueType header over a directory longer than the file. */
  put32(junk, 0x00010000);
  put16(junk + 4, 0xffff);
  path = write_tmp("junk2.ttf", junk, sizeof junk);
  expect_load_error(path, (long)sizeof junk, crc_of(junk, sizeof junk),
                    "not a usable TrueType font", "cut short");
  /* An OpenType font with CFF outlines is not TrueType. */
  unsigned char *otf = exact_copy(reg_bytes, reg_len);
  memcpy(otf, "OTTO", 4);
  path = write_tmp("cff.otf", otf, reg_len);
  expect_load_error(path, (long)reg_len, crc_of(otf, reg_len),
                    "not a usable TrueType font", "no TrueType header");
  free(otf);
}
