/* SPDX-License-Identifier: MIT */
/*
 * Glyph coverage of the whole catalog: every text qujat can print has a
 * glyph in both fonts (a character the font lacks would be drawn
 * invisibly by libharu: PITFALLS.md).
 */
#include <stdint.h>
#include <stdio.h>
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

/* What the bundled fonts cover, for the message. */
#define FONT_COVERS "Qujat Sans covers Latin, Cyrillic with Kazakh letters"

struct origin {
  uint32_t cp;
  char field[160]; /* copied: the walk's names live only while it runs */
  int line;
};

static int has_char(const char *field, int line, const char *text,
                    void *user) {
  struct origin *o = user;
  for (const char *s = text; *s;)
    if (qujat_utf8_next(&s) == o->cp) {
      snprintf(o->field, sizeof o->field, "%s", field);
      o->line = line;
      return 1;
    }
  return 0;
}

qujat_status qujat_pdf_glyph_error(const struct qujat_profile *p, uint32_t cp,
                                   const char *text, size_t len,
                                   qujat_error *err) {
  char ch[8] = {0};
  if (cp >= 0x20 && cp != 0x7F)
    ch[qujat_utf8_encode(cp, ch)] = '\0';
  struct origin o = {.cp = cp};
  if (p && qujat_profile_each_text(p, has_char, &o))
    return qujat_err_set(err, QUJAT_ERR_FONT, p->name, o.line, 0,
                         "%s: character U+%04X '%s' is not in the font (%s)",
                         o.field, (unsigned)cp, ch, FONT_COVERS);
  return qujat_err_set(err, QUJAT_ERR_FONT, NULL, 0, 0,
                       "character U+%04X '%s' in \"%.*s\" is not in the font "
                       "(%s)",
                       (unsigned)cp, ch, (int)(len < 60 ? len : 60), text,
                       FONT_COVERS);
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
