/*
 * How one PDF uses one font: every character the document draws is added
 * first; then the characters get CIDs 1, 2, 3... in code point order, and
 * the embedded subset has glyph i for CID i (so the PDF says /CIDToGIDMap
 * /Identity). From that follow the strings of the content stream, the
 * ToUnicode CMap (exact text extraction) and the widths. Code point order
 * makes the maps regular, so they compress well. No libharu here:
 * render_pdf.c wraps these bytes into PDF objects.
 */
#ifndef QUJAT_PDF_FONT_H
#define QUJAT_PDF_FONT_H

#include "buf.h"
#include "ttf.h"

struct font_use {
  const struct ttf *ttf;
  uint16_t *cids[256]; /* code point -> CID by page of 256; 0: unused */
  uint32_t *cps;       /* CID - 1 -> code point, once frozen */
  size_t n;            /* characters added */
  int frozen;
};

void qujat_font_use_init(struct font_use *u, const struct ttf *f);
void qujat_font_use_free(struct font_use *u);

/* Adds the characters of `s` (`len` bytes of valid UTF-8) to those the
 * document draws. A character without a glyph in the font gives
 * QUJAT_ERR_FONT with its code point in `*missing`; adding after the
 * freeze, QUJAT_ERR_ARG. */
qujat_status qujat_font_use_add(struct font_use *u, const char *s, size_t len,
                                uint32_t *missing);

/* Numbers the characters added, in code point order. No more may be
 * added. Errors: QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT, QUJAT_ERR_ARG (frozen
 * already). */
qujat_status qujat_font_use_freeze(struct font_use *u);

/*
 * Appends `s` to `out` as a PDF literal string of two-byte CIDs, in raw
 * bytes ("(\0\1\0\2)"), escaping ( ) \ and CR. Every character must
 * have been added before the freeze (QUJAT_ERR_ARG otherwise).
 * Errors: QUJAT_ERR_ARG, QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
qujat_status qujat_font_use_string(const struct font_use *u, const char *s,
                                   size_t len, struct buf *out);

/* The ToUnicode CMap: one bfchar entry per CID, in blocks of 100. */
qujat_status qujat_font_use_to_unicode(const struct font_use *u,
                                       struct buf *out);

/* The advance width of each CID from 1, in 1/1000 em. */
unsigned qujat_font_use_width(const struct font_use *u, size_t cid);

/* The subset font program: glyph i for CID i (see qujat_ttf_subset). */
qujat_status qujat_font_use_program(const struct font_use *u,
                                    struct buf *out);

/* The six capital letters that mark a subset font's name ("ABCDEF+"),
 * derived from the glyphs used, so that the same text gives the same tag. */
void qujat_font_use_tag(const struct font_use *u, char tag[7]);

/* Appends `v` with at most three decimals, locale-independent, as PDF
 * content streams want numbers ("12.5", "-3", "0.125"). */
qujat_status qujat_pdf_real(struct buf *out, double v);

/* Compresses `len` bytes with zlib for a /FlateDecode stream. */
qujat_status qujat_pdf_deflate(const void *data, size_t len,
                               struct buf *out);

#endif
