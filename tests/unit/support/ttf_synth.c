/* SPDX-License-Identifier: MIT */
/* A small TrueType font built byte by byte (ttf_synth.h). */
#include "ttf_synth.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "ttf_helpers.h"

/* Composite glyph flags. */
enum {
  C_WORDS = 0x0001,
  C_SCALE = 0x0008,
  C_MORE = 0x0020,
  C_XY_SCALE = 0x0040,
  C_TWO_BY_TWO = 0x0080
};

struct bb {
  unsigned char *d;
  size_t n, cap;
};

static void bb_put(struct bb *b, const void *p, size_t n) {
  if (b->n + n > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->n + n)
      cap *= 2;
    b->d = realloc(b->d, cap);
    cr_assert_not_null(b->d);
    b->cap = cap;
  }
  if (n)
    memcpy(b->d + b->n, p, n);
  b->n += n;
}

static void bb_u8(struct bb *b, unsigned v) {
  unsigned char c = (unsigned char)v;
  bb_put(b, &c, 1);
}

static void bb_u16(struct bb *b, unsigned v) {
  unsigned char c[2];
  put16(c, v);
  bb_put(b, c, 2);
}

static void bb_u32(struct bb *b, uint32_t v) {
  unsigned char c[4];
  put32(c, v);
  bb_put(b, c, 4);
}

static void bb_zero(struct bb *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    bb_u8(b, 0);
}

/* A one-contour outline of `n` points: 14 + 3n bytes (odd for odd n). */
static void simple_glyph(struct bb *g, unsigned n, unsigned seed) {
  bb_u16(g, 1);
  bb_u16(g, 0);
  bb_u16(g, 0);
  bb_u16(g, 100 + seed);
  bb_u16(g, 200 + seed);
  bb_u16(g, n - 1); /* endPtsOfContours */
  bb_u16(g, 0);     /* no instructions */
  for (unsigned i = 0; i < n; i++)
    bb_u8(g, 0x37); /* on curve, short positive x and y */
  for (unsigned i = 0; i < n; i++)
    bb_u8(g, seed * 7 + i);
  for (unsigned i = 0; i < n; i++)
    bb_u8(g, seed * 11 + i);
}

static void composite_header(struct bb *g) {
  bb_u16(g, 0xffff); /* numberOfContours -1 */
  bb_u16(g, 0);
  bb_u16(g, 0);
  bb_u16(g, 900);
  bb_u16(g, 900);
}

static void component(struct bb *g, unsigned flags, unsigned gid) {
  bb_u16(g, flags);
  bb_u16(g, gid);
  if (flags & C_WORDS) {
    bb_u16(g, 300);
    bb_u16(g, 0xffce);
  } else {
    bb_u8(g, 5);
    bb_u8(g, 0xfa);
  }
  if (flags & C_SCALE) {
    bb_u16(g, 0x4000);
  } else if (flags & C_XY_SCALE) {
    bb_u16(g, 0x4000);
    bb_u16(g, 0x2000);
  } else if (flags & C_TWO_BY_TWO) {
    bb_u16(g, 0x4000);
    bb_u16(g, 0x0100);
    bb_u16(g, 0x0200);
    bb_u16(g, 0x4000);
  }
}

unsigned char *sfnt(struct tsrc *t, unsigned n, size_t *len) {
  for (unsigned i = 1; i < n; i++)
    for (unsigned j = i; j > 0 && t[j - 1].tag > t[j].tag; j--) {
      struct tsrc x = t[j];
      t[j] = t[j - 1];
      t[j - 1] = x;
    }
  struct bb f = {0};
  unsigned pow2 = 1, lg = 0;
  while (pow2 * 2 <= n) {
    pow2 *= 2;
    lg++;
  }
  bb_u32(&f, 0x00010000);
  bb_u16(&f, n);
  bb_u16(&f, 16 * pow2);
  bb_u16(&f, lg);
  bb_u16(&f, 16 * n - 16 * pow2);
  size_t off = 12 + 16 * (size_t)n;
  for (unsigned i = 0; i < n; i++) {
    bb_u32(&f, t[i].tag);
    bb_u32(&f, word_sum(t[i].d, t[i].n));
    bb_u32(&f, (uint32_t)off);
    bb_u32(&f, (uint32_t)t[i].n);
    off += (t[i].n + 3) & ~(size_t)3;
  }
  for (unsigned i = 0; i < n; i++) {
    bb_put(&f, t[i].d, t[i].n);
    if (i + 1 < n)
      bb_zero(&f, ((t[i].n + 3) & ~(size_t)3) - t[i].n);
  }
  *len = f.n;
  return f.d;
}

const unsigned syn_advance[SYN_METRICS] = {500, 1234, 1500, 777,
                                           901, 333,  1025};
/* The same in 1/1000 em, worked out by hand: advance * 1000 / 2048. */
const unsigned syn_width[SYN_GLYPHS] = {244, 602, 732, 379, 439, 162,
                                        500, 500, 500, 500, 500};
/* Points of each simple glyph (0: empty): 14 + 3n bytes. */
const unsigned syn_points[SYN_GLYPHS] = {1, 2, 3, 3, 4, 1, 2, 5, 0, 3, 1};

/* A composite glyph of glyphs 3 (words, scale), 5 (2x2) and 9 (words, x
 * and y scale): every kind of scale is followed by another component. */
static void composite_glyph(struct bb *g) {
  composite_header(g);
  component(g, C_WORDS | C_SCALE | C_MORE, 3);
  component(g, C_TWO_BY_TWO | C_MORE, 5);
  component(g, C_WORDS | C_XY_SCALE, 9);
}

unsigned char *synth_font(int long_loca, size_t extra, unsigned composites,
                          size_t *len) {
  struct bb g[SYN_GLYPHS];
  memset(g, 0, sizeof g);
  for (unsigned i = 0; i < SYN_GLYPHS; i++) {
    if (composites >> i & 1)
      composite_glyph(&g[i]);
    else if (syn_points[i])
      simple_glyph(&g[i], syn_points[i], i + 1);
    if (i == 6)
      bb_zero(&g[i], extra);
  }

  struct bb glyf = {0}, loca = {0};
  for (int i = 0; i < SYN_GLYPHS; i++) {
    if (long_loca)
      bb_u32(&loca, (uint32_t)glyf.n);
    else
      bb_u16(&loca, (unsigned)(glyf.n / 2));
    bb_put(&glyf, g[i].d, g[i].n);
    if (!long_loca && glyf.n % 2)
      bb_u8(&glyf, 0);
    free(g[i].d);
  }
  if (long_loca)
    bb_u32(&loca, (uint32_t)glyf.n);
  else
    bb_u16(&loca, (unsigned)(glyf.n / 2));
  cr_assert(long_loca || glyf.n <= 0x1fffe, "too big for the short loca");

  struct bb head = {0};
  bb_u32(&head, 0x00010000);
  bb_u32(&head, 0x00010000);
  bb_u32(&head, 0); /* checkSumAdjustment */
  bb_u32(&head, 0x5f0f3cf5);
  bb_u16(&head, 0x000b);
  bb_u16(&head, SYN_UPEM);
  for (int i = 0; i < 4; i++)
    bb_u32(&head, 0x12345678u + (uint32_t)i); /* created, modified */
  bb_u16(&head, (unsigned)-100 & 0xffff);     /* xMin */
  bb_u16(&head, (unsigned)-400 & 0xffff);     /* yMin */
  bb_u16(&head, 2000);
  bb_u16(&head, 1800);
  bb_u16(&head, 0); /* macStyle */
  bb_u16(&head, 8);
  bb_u16(&head, 2);
  bb_u16(&head, long_loca);
  bb_u16(&head, 0);
  cr_assert_eq(head.n, 54);

  struct bb hhea = {0};
  bb_u32(&hhea, 0x00010000);
  bb_u16(&hhea, 1700);
  bb_u16(&hhea, (unsigned)-500 & 0xffff);
  bb_u16(&hhea, 0);
  bb_u16(&hhea, 1500);
  bb_zero(&hhea, 6); /* minLeftSideBearing .. xMaxExtent */
  bb_u16(&hhea, 1);  /* caretSlopeRise */
  bb_zero(&hhea, 14);
  bb_u16(&hhea, SYN_METRICS);
  cr_assert_eq(hhea.n, 36);

  /* maxp version 1.0, 32 bytes, with numbers a subset must keep. */
  struct bb maxp = {0};
  bb_u32(&maxp, 0x00010000);
  bb_u16(&maxp, SYN_GLYPHS);
  for (unsigned i = 0; i < 13; i++)
    bb_u16(&maxp, 0x0101u * (i + 1));
  cr_assert_eq(maxp.n, 32);

  struct bb hmtx = {0};
  for (int i = 0; i < SYN_METRICS; i++) {
    bb_u16(&hmtx, syn_advance[i]);
    bb_u16(&hmtx, 10u + (unsigned)i);
  }
  for (int i = SYN_METRICS; i < SYN_GLYPHS; i++)
    bb_u16(&hmtx, 20u + (unsigned)i);

  struct bb os2 = {0};
  bb_u16(&os2, 2);
  bb_zero(&os2, 84);
  bb_u16(&os2, 1000); /* sxHeight */
  bb_u16(&os2, 1400); /* sCapHeight */
  bb_zero(&os2, 6);
  cr_assert_eq(os2.n, 96);

  struct bb post = {0};
  bb_u32(&post, 0x00020000);
  bb_u32(&post, 0xfff40000u); /* italicAngle -12.0 */
  bb_u16(&post, (unsigned)-100 & 0xffff);
  bb_u16(&post, 50);
  bb_zero(&post, 20);
  bb_u16(&post, SYN_GLYPHS); /* glyph names: all standard name 0 */
  bb_zero(&post, 2 * SYN_GLYPHS);

  /* cmap: a Macintosh format 6 subtable the reader must pass over, then
   * the Windows BMP format 4 one. */
  struct bb cmap = {0};
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 2);
  bb_u16(&cmap, 1);
  bb_u16(&cmap, 0);
  bb_u32(&cmap, 20);
  bb_u16(&cmap, 3);
  bb_u16(&cmap, 1);
  bb_u32(&cmap, 32);
  bb_u16(&cmap, 6); /* format 6: 'A' -> 6, which format 4 contradicts */
  bb_u16(&cmap, 12);
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 0x41);
  bb_u16(&cmap, 1);
  bb_u16(&cmap, 6);
  static const unsigned end[4] = {0x20, 0x45, 0x4d9, 0xffff};
  static const unsigned start[4] = {0x20, 0x40, 0x4d8, 0xffff};
  const unsigned delta[4] = {(8u - 0x20) & 0xffff, 0xffff,
                             (1u - 0x4d8) & 0xffff, 1};
  static const unsigned range[4] = {0, 6, 0, 0};
  static const unsigned ids[6] = {0, 2, 3, 7, 8, 11}; /* '@'..'E', less 1 */
  bb_u16(&cmap, 4);
  bb_u16(&cmap, 16 + 8 * 4 + 2 * 6);
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 8);
  bb_u16(&cmap, 8);
  bb_u16(&cmap, 2);
  bb_u16(&cmap, 0);
  for (int i = 0; i < 4; i++)
    bb_u16(&cmap, end[i]);
  bb_u16(&cmap, 0);
  for (int i = 0; i < 4; i++)
    bb_u16(&cmap, start[i]);
  for (int i = 0; i < 4; i++)
    bb_u16(&cmap, delta[i]);
  for (int i = 0; i < 4; i++)
    bb_u16(&cmap, range[i]);
  for (int i = 0; i < 6; i++)
    bb_u16(&cmap, ids[i]);

  /* name: the subset keeps Windows US English ids 0..6 only. */
  struct nrec {
    unsigned platform, encoding, language, id;
    const char *text;
  } recs[] = {{1, 0, 0, 6, "Synth-Test"},
              {3, 1, 0x409, 1, "Synth"},
              {3, 1, 0x409, 6, "Synth-Test"},
              {3, 1, 0x409, 7, "Mark"},
              {3, 1, 0x419, 6, "Other-Name"}};
  unsigned nrecs = sizeof recs / sizeof *recs;
  struct bb name = {0}, strings = {0};
  bb_u16(&name, 0);
  bb_u16(&name, nrecs);
  bb_u16(&name, 6 + 12 * nrecs);
  for (unsigned i = 0; i < nrecs; i++) {
    size_t at = strings.n;
    for (const char *s = recs[i].text; *s; s++) {
      if (recs[i].platform == 3)
        bb_u8(&strings, 0);
      bb_u8(&strings, (unsigned char)*s);
    }
    bb_u16(&name, recs[i].platform);
    bb_u16(&name, recs[i].encoding);
    bb_u16(&name, recs[i].language);
    bb_u16(&name, recs[i].id);
    bb_u16(&name, (unsigned)(strings.n - at));
    bb_u16(&name, (unsigned)at);
  }
  bb_put(&name, strings.d, strings.n);

  static const unsigned char cvt[4] = {0, 1, 0, 2},
                             fpgm[5] = {0xb0, 1, 2, 3, 4},
                             prep[3] = {0xb1, 9, 8}, gsub[8] = {0, 1, 0, 0};
  struct tsrc t[] = {{T_HEAD, head.d, head.n},    {T_HHEA, hhea.d, hhea.n},
                     {T_MAXP, maxp.d, maxp.n},    {T_HMTX, hmtx.d, hmtx.n},
                     {T_LOCA, loca.d, loca.n},    {T_GLYF, glyf.d, glyf.n},
                     {T_CMAP, cmap.d, cmap.n},    {T_NAME, name.d, name.n},
                     {T_POST, post.d, post.n},    {T_OS2, os2.d, os2.n},
                     {T_CVT, cvt, sizeof cvt},    {T_FPGM, fpgm, sizeof fpgm},
                     {T_PREP, prep, sizeof prep}, {T_GSUB, gsub, sizeof gsub}};
  unsigned char *font = sfnt(t, sizeof t / sizeof *t, len);
  struct bb *all[] = {&glyf, &loca, &head, &hhea, &maxp,   &hmtx,
                      &os2,  &post, &cmap, &name, &strings};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    free(all[i]->d);
  return font;
}

unsigned char *wide_font(size_t *len) {
  struct bb glyf = {0}, loca = {0}, head = {0}, hhea = {0}, maxp = {0},
            hmtx = {0}, cmap = {0};
  simple_glyph(&glyf, 1, 1);
  bb_u8(&glyf, 0);
  bb_u16(&loca, 0);
  for (unsigned g = 1; g <= WIDE_GLYPHS; g++)
    bb_u16(&loca, (unsigned)glyf.n / 2);
  bb_u32(&head, 0x00010000);
  bb_u32(&head, 0x00010000);
  bb_u32(&head, 0);
  bb_u32(&head, 0x5f0f3cf5);
  bb_u16(&head, 0x000b);
  bb_u16(&head, 1000);
  bb_zero(&head, 16);
  bb_u16(&head, 0);
  bb_u16(&head, (unsigned)-200 & 0xffff);
  bb_u16(&head, 600);
  bb_u16(&head, 800);
  bb_zero(&head, 6);
  bb_u16(&head, 0); /* short loca */
  bb_u16(&head, 0);
  cr_assert_eq(head.n, 54);
  bb_u32(&hhea, 0x00010000);
  bb_u16(&hhea, 800);
  bb_u16(&hhea, (unsigned)-200 & 0xffff);
  bb_zero(&hhea, 26);
  bb_u16(&hhea, 1);
  cr_assert_eq(hhea.n, 36);
  bb_u32(&maxp, 0x00005000);
  bb_u16(&maxp, WIDE_GLYPHS);
  bb_u16(&hmtx, 600);
  bb_u16(&hmtx, 7);
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 1);
  bb_u16(&cmap, 3);
  bb_u16(&cmap, 1);
  bb_u32(&cmap, 12);
  bb_u16(&cmap, 4);
  bb_u16(&cmap, 16 + 8 * 2);
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 4);
  bb_u16(&cmap, 4);
  bb_u16(&cmap, 1);
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 0xfffe); /* endCode */
  bb_u16(&cmap, 0xffff);
  bb_u16(&cmap, 0);
  bb_u16(&cmap, 1); /* startCode */
  bb_u16(&cmap, 0xffff);
  bb_u16(&cmap, 1); /* idDelta */
  bb_u16(&cmap, 1);
  bb_u16(&cmap, 0); /* idRangeOffset */
  bb_u16(&cmap, 0);
  struct tsrc t[] = {{T_HEAD, head.d, head.n}, {T_HHEA, hhea.d, hhea.n},
                     {T_MAXP, maxp.d, maxp.n}, {T_HMTX, hmtx.d, hmtx.n},
                     {T_LOCA, loca.d, loca.n}, {T_GLYF, glyf.d, glyf.n},
                     {T_CMAP, cmap.d, cmap.n}};
  unsigned char *font = sfnt(t, sizeof t / sizeof *t, len);
  struct bb *all[] = {&glyf, &loca, &head, &hhea, &maxp, &hmtx, &cmap};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    free(all[i]->d);
  return font;
}
