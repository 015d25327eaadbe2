/*
 * The bundled TrueType fonts, read once: metrics for measuring text, the
 * character map, and subsets to embed in each PDF.
 *
 * Why qujat reads the fonts itself instead of through libharu: libharu 2.3.0
 * builds, for every document and every font, a glyph map over all 65 536
 * code points and a 128 KiB CIDToGIDMap that it then compresses; that is
 * three quarters of the time of a one-page PDF (bench/README.md). A font
 * parsed once per catalog and a subset of just the glyphs a document draws
 * cost a small fraction of it and give smaller files.
 */
#ifndef QUJAT_TTF_H
#define QUJAT_TTF_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

struct ttf_table {
  uint32_t tag, offset, length;
};

struct ttf {
  unsigned char *data; /* the whole file */
  size_t len;
  char *path;    /* for messages */
  char *ps_name; /* PostScript name, e.g. "QujatSans-Regular" */
  struct ttf_table *tables;
  unsigned ntables;
  unsigned units_per_em;
  unsigned nglyphs;
  /* Font-wide metrics in 1/1000 em, as the PDF font descriptor wants. */
  int bbox[4], ascent, descent, cap_height, italic_angle;
  /* Advance width of each glyph in 1/1000 em (truncated, as libharu). */
  uint16_t *advance;
  /* Offsets of each glyph in the glyf table; nglyphs + 1 entries. */
  uint32_t *loca;
  uint32_t glyf_offset;
  /* Unicode (BMP) -> glyph: cmap_pages[cp >> 8][cp & 0xff], NULL pages
   * have no glyph. */
  uint16_t *cmap_pages[256];
};

/*
 * Reads the TrueType font `path`, which must be `bytes` long with CRC-32
 * `crc32` (fonts/fonts.xml): a damaged font is refused rather than embedded
 * half. Release `*out` with qujat_ttf_free().
 * Errors: QUJAT_ERR_FONT (missing, damaged, not a TrueType font with a
 * Unicode cmap), QUJAT_ERR_NOMEM.
 */
qujat_status qujat_ttf_load(const char *path, long bytes, uint32_t crc32,
                            struct ttf **out, qujat_error *err);

/* Parses a font already in memory; takes ownership of `data` (malloc'ed),
 * also on failure. `name` is used in messages. */
qujat_status qujat_ttf_parse(unsigned char *data, size_t len,
                             const char *name, struct ttf **out,
                             qujat_error *err);

void qujat_ttf_free(struct ttf *f);

/* The glyph of code point `cp`, 0 (.notdef) when the font has none. */
static inline unsigned qujat_ttf_glyph(const struct ttf *f, uint32_t cp) {
  if (cp > 0xffff || !f->cmap_pages[cp >> 8])
    return 0;
  return f->cmap_pages[cp >> 8][cp & 0xff];
}

/* Advance width of glyph `gid` in 1/1000 em. */
static inline unsigned qujat_ttf_width(const struct ttf *f, unsigned gid) {
  return gid < f->nglyphs ? f->advance[gid] : 0;
}

/*
 * Appends to `out` a TrueType font of `n` glyphs: glyph i is glyph
 * `gids[i]` of `f` (gids[0] must be 0, .notdef). Deterministic: the same
 * glyphs give the same bytes. Errors: QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
qujat_status qujat_ttf_subset(const struct ttf *f, const uint16_t *gids,
                              size_t n, struct buf *out);

#endif
