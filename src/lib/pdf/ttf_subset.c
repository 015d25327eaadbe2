/* SPDX-License-Identifier: MIT */
/*
 * A subset of a TrueType font for embedding in one PDF: just the glyphs the
 * document draws, renumbered in the order the caller gives, so that a PDF
 * whose CIDs are that order needs no CIDToGIDMap. Only the tables a PDF
 * viewer needs are written, those PDF 32000-1 (9.9) requires of an embedded
 * TrueType program: head, hhea, maxp, loca, glyf, hmtx, and cvt, fpgm and
 * prep when the font has them. No cmap for a CIDFontType2, which maps CIDs
 * to glyphs itself; for a simple font, one subtable that maps each code to
 * its glyph (symbol_cmap). No name, OS/2 or post (optional, and a tenth of
 * a small PDF), no layout tables (the PDF holds positioned glyphs). The
 * fonts have no composite glyphs (ttf.c refuses them), so no glyph refers
 * to another.
 *
 * One subset may take glyphs from several fonts of one design, regular and
 * bold: one program for both faces, an eighth smaller than two (deflate
 * finds what their outlines share), bench/README.md.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

#define TAG(a, b, c, d)                                                        \
  ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

#define MAX_TABLES 16

struct piece {
  uint32_t tag;
  const unsigned char *data;
  size_t len;
};

static unsigned u16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static void put16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v >> 8);
  p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v) {
  put16(p, v >> 16);
  put16(p + 2, v & 0xffff);
}

static const struct ttf_table *find(const struct ttf *f, uint32_t tag) {
  for (unsigned i = 0; i < f->ntables; i++)
    if (f->tables[i].tag == tag)
      return &f->tables[i];
  return NULL;
}

static const unsigned char *glyph(const struct ttf *f, unsigned gid,
                                  size_t *len) {
  *len = f->loca[gid + 1] - f->loca[gid];
  return f->data + f->glyf_offset + f->loca[gid];
}

/* glyf and loca: the outlines of `gids` in order, each at an even offset so
 * that the short loca format can hold them. */
static qujat_status glyphs(const struct ttf *const *fonts,
                           const unsigned char *font_of, const uint16_t *gids,
                           size_t n, struct buf *glyf, struct buf *loca,
                           int *long_loca) {
  qujat_status st = QUJAT_OK;
  uint32_t *offset = malloc((n + 1) * sizeof *offset);
  if (!offset)
    return QUJAT_ERR_NOMEM;
  for (size_t i = 0; st == QUJAT_OK && i < n; i++) {
    offset[i] = (uint32_t)glyf->len;
    size_t len;
    const unsigned char *p = glyph(fonts[font_of ? font_of[i] : 0], gids[i],
                                   &len);
    if (len)
      st = qujat_buf_add(glyf, p, len);
    if (st == QUJAT_OK && len % 2)
      st = qujat_buf_addc(glyf, 0);
  }
  offset[n] = (uint32_t)glyf->len;
  *long_loca = glyf->len > 0x1fffe;
  unsigned width = *long_loca ? 4 : 2;
  if (st == QUJAT_OK)
    st = qujat_buf_fill(loca, 0, (n + 1) * width);
  for (size_t i = 0; st == QUJAT_OK && i <= n; i++) {
    unsigned char *p = (unsigned char *)loca->data + i * width;
    if (*long_loca)
      put32(p, offset[i]);
    else
      put16(p, offset[i] / 2);
  }
  free(offset);
  return st;
}

/* hmtx: the advance width and left side bearing of each glyph kept. */
static qujat_status metrics(const struct ttf *const *fonts,
                            const unsigned char *font_of, const uint16_t *gids,
                            size_t n, struct buf *b) {
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && i < n; i++) {
    const struct ttf *f = fonts[font_of ? font_of[i] : 0];
    const struct ttf_table *hhea = find(f, TAG('h', 'h', 'e', 'a'));
    const struct ttf_table *hmtx = find(f, TAG('h', 'm', 't', 'x'));
    unsigned nmetrics = u16(f->data + hhea->offset + 34);
    const unsigned char *m = f->data + hmtx->offset;
    unsigned g = gids[i], last = nmetrics - 1;
    unsigned char rec[4];
    memcpy(rec, m + 4 * (g < nmetrics ? g : last), 2);
    size_t lsb = g < nmetrics ? 4 * (size_t)g + 2
                              : 4 * (size_t)nmetrics + 2 * (size_t)(g - nmetrics);
    if (lsb + 2 <= hmtx->length)
      memcpy(rec + 2, m + lsb, 2);
    else
      memset(rec + 2, 0, 2);
    st = qujat_buf_add(b, rec, sizeof rec);
  }
  return st;
}

static uint32_t checksum(const unsigned char *p, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i < len; i += 4) {
    unsigned char word[4] = {0, 0, 0, 0};
    memcpy(word, p + i, len - i < 4 ? len - i : 4);
    sum += (uint32_t)word[0] << 24 | (uint32_t)word[1] << 16 |
           (uint32_t)word[2] << 8 | word[3];
  }
  return sum;
}

static int by_tag(const void *a, const void *b) {
  uint32_t x = ((const struct piece *)a)->tag;
  uint32_t y = ((const struct piece *)b)->tag;
  return (x > y) - (x < y);
}

/* The sfnt file: table directory sorted by tag, tables 4-byte aligned,
 * head's checkSumAdjustment last. */
static qujat_status assemble(struct piece *pieces, unsigned n,
                             unsigned char *head, struct buf *out) {
  qsort(pieces, n, sizeof *pieces, by_tag);
  unsigned pow2 = 1, log2 = 0;
  while (pow2 * 2 <= n) {
    pow2 *= 2;
    log2++;
  }
  size_t start = out->len;
  unsigned char header[12];
  put32(header, 0x00010000);
  put16(header + 4, n);
  put16(header + 6, pow2 * 16);
  put16(header + 8, log2);
  put16(header + 10, n * 16 - pow2 * 16);
  qujat_status st = qujat_buf_add(out, header, sizeof header);
  size_t offset = sizeof header + 16 * (size_t)n;
  for (unsigned i = 0; st == QUJAT_OK && i < n; i++) {
    unsigned char rec[16];
    put32(rec, pieces[i].tag);
    put32(rec + 4, checksum(pieces[i].data, pieces[i].len));
    put32(rec + 8, (uint32_t)offset);
    put32(rec + 12, (uint32_t)pieces[i].len);
    st = qujat_buf_add(out, rec, sizeof rec);
    offset += (pieces[i].len + 3) & ~(size_t)3;
  }
  size_t head_at = 0;
  for (unsigned i = 0; st == QUJAT_OK && i < n; i++) {
    if (pieces[i].data == head)
      head_at = out->len;
    st = qujat_buf_add(out, pieces[i].data, pieces[i].len);
    if (st == QUJAT_OK)
      st = qujat_buf_fill(out, 0, ((pieces[i].len + 3) & ~(size_t)3) -
                                      pieces[i].len);
  }
  if (st == QUJAT_OK && head_at) {
    unsigned char *whole = (unsigned char *)out->data + start;
    uint32_t sum = checksum(whole, out->len - start);
    put32((unsigned char *)out->data + head_at + 8, 0xb1b0afbau - sum);
  }
  return st;
}

static int s16(const unsigned char *p) { return (int16_t)u16(p); }

/* The font-wide tables of a subset drawn from several fonts of one design
 * (the same units per em): the first font's, with the extremes of all:
 * the bounding box in head, the extents in hhea, every maximum in maxp. */
static int merge_headers(const struct ttf *const *fonts, size_t nfonts,
                         unsigned char *head, unsigned char *hhea,
                         unsigned char *maxp, size_t maxp_len) {
  for (size_t k = 1; k < nfonts; k++) {
    const struct ttf *f = fonts[k];
    const unsigned char *h = f->data + find(f, TAG('h', 'e', 'a', 'd'))->offset;
    const unsigned char *hh =
        f->data + find(f, TAG('h', 'h', 'e', 'a'))->offset;
    const struct ttf_table *mt = find(f, TAG('m', 'a', 'x', 'p'));
    if (u16(h + 18) != u16(head + 18))
      return -1; /* units per em */
    for (int at = 36; at < 44; at += 2) {
      int a = s16(head + at), b = s16(h + at);
      put16(head + at, (unsigned)(uint16_t)(at < 40 ? (b < a ? b : a)
                                                    : (b > a ? b : a)));
    }
    if (u16(hh + 10) > u16(hhea + 10))
      put16(hhea + 10, u16(hh + 10)); /* advanceWidthMax */
    for (int at = 12; at <= 14; at += 2)
      if (s16(hh + at) < s16(hhea + at))
        put16(hhea + at, u16(hh + at)); /* min side bearings */
    if (s16(hh + 16) > s16(hhea + 16))
      put16(hhea + 16, u16(hh + 16)); /* xMaxExtent */
    for (size_t at = 6; at + 2 <= maxp_len && at + 2 <= mt->length; at += 2)
      if (u16(f->data + mt->offset + at) > u16(maxp + at))
        put16(maxp + at, u16(f->data + mt->offset + at));
  }
  return 0;
}

qujat_status qujat_ttf_subset(const struct ttf *f, const uint16_t *gids,
                              size_t n, struct buf *out) {
  return qujat_ttf_subset_fonts(&f, 1, gids, NULL, n, 0, out);
}

/* A cmap of one (3,0) format-4 subtable: codes 0xF001..0xF000 + last to
 * glyphs 1..last (one segment and its idDelta), and the closing segment. */
#define SYMBOL_CMAP_LEN 44
static void symbol_cmap(unsigned char *c, unsigned last) {
  memset(c, 0, SYMBOL_CMAP_LEN);
  put16(c + 2, 1);      /* numTables */
  put16(c + 4, 3);      /* platform: Windows */
  put16(c + 6, 0);      /* encoding: Symbol */
  put32(c + 8, 12);     /* the subtable's offset */
  unsigned char *t = c + 12;
  put16(t, 4);          /* format */
  put16(t + 2, 32);     /* length */
  put16(t + 6, 4);      /* segCountX2 */
  put16(t + 8, 4);      /* searchRange */
  put16(t + 10, 1);     /* entrySelector; rangeShift 0 */
  put16(t + 14, 0xF000 + last); /* endCode */
  put16(t + 16, 0xFFFF);
  put16(t + 20, 0xF001); /* startCode, after the reserved pad */
  put16(t + 22, 0xFFFF);
  put16(t + 24, (1 - 0xF001) & 0xFFFF); /* idDelta: 0xF001 + it is 1 */
  put16(t + 26, 1);
  /* idRangeOffset: 0, 0 */
}

qujat_status qujat_ttf_subset_fonts(const struct ttf *const *fonts,
                                    size_t nfonts, const uint16_t *gids,
                                    const unsigned char *font_of, size_t n,
                                    int with_cmap, struct buf *out) {
  const struct ttf *f = fonts[0];
  static const uint32_t copied[] = {TAG('c', 'v', 't', ' '),
                                    TAG('f', 'p', 'g', 'm'),
                                    TAG('p', 'r', 'e', 'p')};
  struct buf glyf, loca, hmtx;
  qujat_buf_init(&glyf, 64u << 20);
  qujat_buf_init(&loca, 1u << 20);
  qujat_buf_init(&hmtx, 1u << 20);
  unsigned char head[54], hhea[36], maxp[32], cmap[SYMBOL_CMAP_LEN];
  struct piece pieces[MAX_TABLES];
  unsigned np = 0;
  int long_loca = 0;
  qujat_status st = QUJAT_OK;
  size_t start = out->len;
  if (n == 0 || n > 0xffff || gids[0] != 0 || (with_cmap && n > 256))
    return QUJAT_ERR_LIMIT;
  for (size_t i = 0; i < n; i++)
    if ((font_of && font_of[i] >= nfonts) ||
        gids[i] >= fonts[font_of ? font_of[i] : 0]->nglyphs)
      return QUJAT_ERR_LIMIT;
  CHECK(glyphs(fonts, font_of, gids, n, &glyf, &loca, &long_loca));
  CHECK(metrics(fonts, font_of, gids, n, &hmtx));

  const struct ttf_table *t = find(f, TAG('h', 'e', 'a', 'd'));
  memcpy(head, f->data + t->offset, sizeof head);
  put32(head + 8, 0);          /* checkSumAdjustment, set last */
  put16(head + 50, long_loca); /* indexToLocFormat */
  t = find(f, TAG('h', 'h', 'e', 'a'));
  memcpy(hhea, f->data + t->offset, sizeof hhea);
  put16(hhea + 34, (unsigned)n); /* numberOfHMetrics */
  t = find(f, TAG('m', 'a', 'x', 'p'));
  size_t maxp_len = t->length < sizeof maxp ? t->length : sizeof maxp;
  memcpy(maxp, f->data + t->offset, maxp_len);
  put16(maxp + 4, (unsigned)n); /* numGlyphs */
  if (merge_headers(fonts, nfonts, head, hhea, maxp, maxp_len) != 0) {
    st = QUJAT_ERR_LIMIT;
    goto done;
  }
  pieces[np++] = (struct piece){TAG('h', 'e', 'a', 'd'), head, sizeof head};
  pieces[np++] = (struct piece){TAG('h', 'h', 'e', 'a'), hhea, sizeof hhea};
  pieces[np++] = (struct piece){TAG('m', 'a', 'x', 'p'), maxp, maxp_len};
  pieces[np++] = (struct piece){TAG('g', 'l', 'y', 'f'),
                                (unsigned char *)glyf.data, glyf.len};
  pieces[np++] = (struct piece){TAG('l', 'o', 'c', 'a'),
                                (unsigned char *)loca.data, loca.len};
  pieces[np++] = (struct piece){TAG('h', 'm', 't', 'x'),
                                (unsigned char *)hmtx.data, hmtx.len};
  if (with_cmap && n > 1) {
    symbol_cmap(cmap, (unsigned)n - 1);
    pieces[np++] = (struct piece){TAG('c', 'm', 'a', 'p'), cmap, sizeof cmap};
  }
  for (size_t i = 0; i < sizeof copied / sizeof *copied; i++)
    if ((t = find(f, copied[i])))
      pieces[np++] = (struct piece){t->tag, f->data + t->offset, t->length};
  CHECK(assemble(pieces, np, head, out));
done:
  if (st != QUJAT_OK && out->len > start) {
    out->len = start; /* nothing half-written stays */
    out->data[start] = '\0';
  }
  qujat_buf_free(&glyf);
  qujat_buf_free(&loca);
  qujat_buf_free(&hmtx);
  return st;
}
