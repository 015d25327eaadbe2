/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes -> the TrueType reader -> widths, kerning,
 * glyphs of the Kazakh letters and a subset of them. A damaged font is an error, never a
 * crash or a read outside the bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char *copy = malloc(size ? size : 1);
  if (!copy)
    return 0;
  memcpy(copy, data, size);
  struct ttf *f = NULL;
  qujat_error err;
  if (qujat_ttf_parse(copy, size, "fuzz.ttf", &f, &err) != QUJAT_OK)
    return 0; /* the parser took `copy` */
  static const uint32_t cps[] = {'A', 0x4d9, 0x493, 0x49b, 0x4a3, 0x4e9,
                                 0x4b1, 0x4af, 0x4bb, 0x456, 0x20b8};
  uint16_t gids[1 + sizeof cps / sizeof *cps] = {0};
  size_t n = 1;
  unsigned width = 0;
  for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
    unsigned g = qujat_ttf_glyph(f, cps[i]);
    width += qujat_ttf_width(f, g);
    if (g && g < 0x10000)
      gids[n++] = (uint16_t)g;
  }
  /* The kern pairs: every glyph pair a text may meet, measured. */
  static const char text[] = "AV Ту ТА «Әлем» Г. ұлт";
  long kerned = qujat_ttf_text_width(f, text, sizeof text - 1);
  for (size_t i = 0; i + 1 < n; i++)
    kerned += qujat_ttf_kern(f, gids[i], gids[i + 1]);
  (void)width;
  (void)kerned;
  struct buf out;
  qujat_buf_init(&out, 16 * 1024 * 1024);
  qujat_ttf_subset(f, gids, n, &out);
  qujat_buf_free(&out);
  qujat_ttf_free(f);
  return 0;
}
