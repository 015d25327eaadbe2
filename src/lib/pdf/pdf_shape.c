/* SPDX-License-Identifier: MIT */
/*
 * A run of text as a font sets it: each character's code point and the
 * kerning between it and the one before, kept from one document to the
 * next (base's memo, memo.c).
 *
 * A document shapes each run it draws once (render_pdf.c keeps the shapes
 * from marking the characters the document uses to writing them into the
 * page): decoding the UTF-8, finding each glyph and each pair's kerning
 * was a tenth of a batch's work, and most runs are the catalog's own
 * texts, drawn in every document of a service. The code points, not the
 * CIDs, are kept: a document's CIDs depend on every character it uses, so
 * they are looked up in it for each run.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

/* The catalog's runs of 1 000 one-page checklists, shaped, are some 90 KB
 * (four bytes a character); a real intake's, in every service, language
 * and form, more than the quarter of a megabyte, which is then emptied and
 * filled again with what comes back. */
#define MAX_TEXT 4096
#define BUDGET ((size_t)256 << 10)

static struct qujat_memo kept_runs = QUJAT_MEMO(BUDGET);

/* The run shaped from its bytes; QUJAT_ERR_FONT with `*missing` at the
 * first character the font has no glyph for (a NUL has none). */
static qujat_status shape_now(const struct ttf *f, const char *s, size_t len,
                              struct shaped_char *out, size_t *n,
                              uint32_t *missing) {
  unsigned prev = 0;
  *n = 0;
  for (const char *p = s, *end = s + len; p < end;) {
    uint32_t cp = qujat_utf8_next(&p);
    unsigned g = cp ? qujat_ttf_glyph(f, cp) : 0;
    if (!g) {
      *missing = cp;
      return QUJAT_ERR_FONT;
    }
    /* A glyph means a code point of the BMP; a kerning, at most an em. */
    int kern = *n ? qujat_ttf_kern(f, prev, g) : 0;
    out[(*n)++] = (struct shaped_char){(uint16_t)cp, (int16_t)kern};
    prev = g;
  }
  return QUJAT_OK;
}

qujat_status qujat_shape(const struct ttf *f, const char *s, size_t len,
                         struct shaping *out, uint32_t *missing) {
  *out = (struct shaping){0};
  const uint64_t head[] = {f->serial};
  struct qujat_memo_question q = {head, 1, s, len, 0};
  size_t bytes = 0;
  const struct shaped_char *kept =
      f->serial && len <= MAX_TEXT ? qujat_memo_find(&kept_runs, &q, &bytes)
                                   : NULL;
  if (kept) {
    out->c = kept;
    out->n = bytes / sizeof *kept;
    return QUJAT_OK;
  }
  /* At most one character a byte. */
  out->own = malloc((len ? len : 1) * sizeof *out->own);
  if (!out->own)
    return QUJAT_ERR_NOMEM;
  qujat_status st = shape_now(f, s, len, out->own, &out->n, missing);
  if (st != QUJAT_OK) {
    qujat_shaping_done(out);
    return st;
  }
  out->c = out->own;
  if (f->serial && len <= MAX_TEXT)
    qujat_memo_offer(&kept_runs, &q, out->own, out->n * sizeof *out->own);
  return QUJAT_OK;
}

void qujat_shaping_done(struct shaping *s) {
  free(s->own);
  *s = (struct shaping){0};
}
