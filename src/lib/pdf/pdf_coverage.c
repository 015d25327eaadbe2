/* SPDX-License-Identifier: MIT */
/*
 * Glyph coverage of the whole catalog: every text qujat can print has a
 * glyph in both fonts (a character the font lacks would be drawn
 * invisibly by libharu: PITFALLS.md).
 */
#include <stdint.h>
#include <stdlib.h>

#include "pdf/pdf.h"
#include "pdf/pdf_internal.h"

struct coverage {
  const struct ttf *const *ttf;
  uint32_t missing;
  int font;
  const char *text;
};

static int first_missing(const char *text, void *user) {
  struct coverage *c = user;
  for (const char *s = text; *s;) {
    uint32_t cp = qujat_utf8_next(&s);
    for (int f = 0; f < NFONTS; f++) {
      if (!qujat_ttf_glyph(c->ttf[f], cp)) {
        c->missing = cp;
        c->font = f;
        c->text = text;
        return 1;
      }
    }
  }
  return 0;
}

qujat_status qujat_pdf_check_coverage(const struct qujat_catalog *c,
                                      qujat_error *err) {
  const struct ttf *ttf[NFONTS];
  qujat_status st = qujat_fonts_get(c, ttf, err);
  if (st != QUJAT_OK)
    return st;
  struct coverage cov = {ttf, 0, 0, NULL};
  if (qujat_catalog_each_text(c, first_missing, &cov))
    return qujat_err_set(err, QUJAT_ERR_FONT, c->fonts[cov.font].path, 0, 0,
                         "no glyph for U+%04X, needed by \"%.80s\"",
                         (unsigned)cov.missing, cov.text);
  return QUJAT_OK;
}

qujat_status qujat_render_pdf_file(const qujat_document *doc,
                                   const char *path, qujat_error *err) {
  unsigned char *pdf = NULL;
  size_t len = 0;
  qujat_status st = qujat_render_pdf_memory(doc, &pdf, &len, err);
  if (st == QUJAT_OK)
    st = qujat_write_file(path, pdf, len, err);
  free(pdf);
  return st;
}
