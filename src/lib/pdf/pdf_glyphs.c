/* SPDX-License-Identifier: MIT */
/*
 * A character the fonts lack, told by where it comes from: the field of the
 * profile it was typed in (the catalog's own texts are all covered, checked
 * when it loads: pdf_coverage.c). Called by render_pdf.c; calls no other
 * file of pdf/.
 */
#include <stdint.h>
#include <stdio.h>

#include "pdf/pdf.h"
#include "pdf/pdf_internal.h"

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
