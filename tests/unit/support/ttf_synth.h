/* SPDX-License-Identifier: MIT */
/* A small TrueType font built byte by byte, with what the bundled fonts
 * lack: units per em 2048, glyphs past numberOfHMetrics, both loca
 * formats, odd glyph lengths, cvt/fpgm/prep, a cmap with delta and
 * glyph-array segments, an outline large enough to need the long loca
 * format and, on demand, composite glyphs, which the parser refuses
 * (subsets renumber glyphs, which would break a composite's references).
 * And a font of the most glyphs a font can have. */
#ifndef QUJAT_TEST_TTF_SYNTH_H
#define QUJAT_TEST_TTF_SYNTH_H

#include <stddef.h>
#include <stdint.h>

/* One table of an sfnt file. */
struct tsrc {
  uint32_t tag;
  const unsigned char *d;
  size_t n;
};

/* An sfnt file of the tables `t` (any order, sorted in place): directory
 * sorted by tag, tables 4-byte aligned, the last one unpadded so that the
 * file ends with its last byte; free() it. */
unsigned char *sfnt(struct tsrc *t, unsigned n, size_t *len);

enum { SYN_GLYPHS = 11, SYN_METRICS = 7, SYN_UPEM = 2048 };

/* The advances of the long metrics, in font units. */
extern const unsigned syn_advance[SYN_METRICS];
/* The width of every glyph in 1/1000 em, worked out by hand. */
extern const unsigned syn_width[SYN_GLYPHS];
/* Points of each simple glyph (0: empty): 14 + 3n bytes. */
extern const unsigned syn_points[SYN_GLYPHS];

/*
 * The synthetic font, units per em 2048, 11 glyphs, 7 long metrics, every
 * outline different (so that a glyph found at the wrong number shows):
 *   0 .notdef  1 point, 17 bytes (odd)
 *   1 'A' 'Ә'  2 points          2 'B' 'ә'  3 points
 *   3, 4, 5    unmapped
 *   6 'C'      2 points and `extra` zero bytes, the last long metric
 *   7 'D'      5 points          8 ' '      empty
 *   9          unmapped, past numberOfHMetrics (shares the advance of 6)
 *  10 'E'      past numberOfHMetrics
 * Glyph g is a composite instead when bit g of `composites` is set. post
 * is format 2, with names. The loca is long when `long_loca` (then glyphs
 * keep odd lengths); cvt, fpgm and prep are there, and a GSUB. free() it.
 */
unsigned char *synth_font(int long_loca, size_t extra, unsigned composites,
                          size_t *len);

/* The most glyphs a font can have, 65535, for the most characters a font
 * use can number: U+0001..U+FFFD map to glyphs 1..65533 (glyph cp + 1 is
 * past the font for U+FFFE). Only .notdef has an outline; one long metric,
 * advance 600 of 1000 units, and no leftSideBearing array. free() it. */
enum { WIDE_GLYPHS = 65535, WIDE_LAST_CP = 0xfffd };
unsigned char *wide_font(size_t *len);

#endif
