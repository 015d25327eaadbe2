/* SPDX-License-Identifier: MIT */
/* Checking a subset (ttf_subset.c) against its font, byte by byte: a
 * subset renumbers the glyphs (glyph i is glyph gids[i] of the font), so
 * every table it writes is checked against the original's bytes glyph by
 * glyph. */
#ifndef QUJAT_TEST_TTF_CHECK_H
#define QUJAT_TEST_TTF_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "pdf/pdf_internal.h"

/* Parses the subset `sub` with the library after adding the one table it
 * lacks for that, an empty Unicode cmap (the PDF maps CIDs to glyphs
 * itself). The font is rebuilt by sfnt(), so this also checks that the
 * subset's tables stand on their own. qujat_ttf_free() it. */
struct ttf *parse_subset(const unsigned char *sub, size_t len);

/* Checks `sub` as the subset of font `f` (whose file is `d`) whose glyph i
 * is glyph gids[i] of `f`, for i < n: the file's frame and checksums, the
 * set of tables, each table against the original, each glyph, each metric,
 * and that the library reads it back with those metrics. */
void check_subset(const unsigned char *d, size_t dlen, const struct ttf *f,
                  const unsigned char *sub, size_t len, const uint16_t *gids,
                  size_t n);

/* Subsets `f` (file `d`) to `gids`, checks the result and returns it
 * (free()). */
unsigned char *subset_checked(const unsigned char *d, size_t dlen,
                              const struct ttf *f, const uint16_t *gids,
                              size_t n, size_t *out_len);

#endif
