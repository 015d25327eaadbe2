/*
 * How one PDF uses one font: the characters drawn get CIDs 1, 2, 3... in
 * order of first use, and from that follow the hex strings of the content
 * stream, the ToUnicode CMap (exact text extraction), the CIDToGIDMap, the
 * widths and the embedded subset. No libharu here: render_pdf.c wraps these
 * bytes into PDF objects.
 */
#ifndef QUJAT_PDF_FONT_H
#define QUJAT_PDF_FONT_H

#include "buf.h"
#include "ttf.h"

struct font_use {
  const struct ttf *ttf;
  uint16_t *cids[256]; /* code point -> CID by page of 256; 0: unused */
  uint32_t *cps;       /* CID - 1 -> code point */
  size_t n, cap;
};

void qujat_font_use_init(struct font_use *u, const struct ttf *f);
void qujat_font_use_free(struct font_use *u);

/*
 * Appends `s` (`len` bytes of valid UTF-8) to `out` as a PDF literal
 * string of two-byte CIDs, "(\0\1\0\2)" in raw bytes. A character without
 * a glyph in the font gives QUJAT_ERR_FONT with its code point in
 * `*missing` and nothing appended.
 * Errors: QUJAT_ERR_FONT, QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
qujat_status qujat_font_use_string(struct font_use *u, const char *s,
                                   size_t len, struct buf *out,
                                   uint32_t *missing);

/* The ToUnicode CMap: one bfchar entry per CID, in blocks of 100. */
qujat_status qujat_font_use_to_unicode(const struct font_use *u,
                                       struct buf *out);

/* The CIDToGIDMap stream: two bytes, big-endian, per CID from 0. */
qujat_status qujat_font_use_cid_to_gid(const struct font_use *u,
                                       struct buf *out);

/* The advance width of each CID from 1, in 1/1000 em. */
unsigned qujat_font_use_width(const struct font_use *u, size_t cid);

/* The subset font program with the glyphs used (see qujat_ttf_subset). */
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
