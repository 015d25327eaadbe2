/*
 * A subset of a TrueType font for embedding in one PDF: the glyphs the
 * document draws keep their outlines, every other glyph becomes empty, and
 * glyph ids do not change (the PDF maps its CIDs to them). Only the tables a
 * PDF viewer needs are written: no layout tables (GPOS, GSUB: the PDF holds
 * positioned glyphs), a minimal cmap (the PDF's CIDToGIDMap does the
 * mapping) and a name table with just the names and the copyright notice.
 */
#include <stdlib.h>
#include <string.h>

#include "ttf.h"

#define TAG(a, b, c, d)                                                        \
  ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

#define MAX_TABLES 16

/* Composite glyph flags (TrueType 'glyf'). */
enum {
  ARG_1_AND_2_ARE_WORDS = 0x0001,
  WE_HAVE_A_SCALE = 0x0008,
  MORE_COMPONENTS = 0x0020,
  WE_HAVE_AN_X_AND_Y_SCALE = 0x0040,
  WE_HAVE_A_TWO_BY_TWO = 0x0080
};

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

/* Marks the components of composite glyphs, to any depth: a kept
 * composite without its parts would draw nothing. */
static void close_over_components(const struct ttf *f, unsigned char *keep) {
  int changed = 1;
  while (changed) {
    changed = 0;
    for (unsigned g = 0; g < f->nglyphs; g++) {
      size_t len;
      const unsigned char *p = glyph(f, g, &len);
      if (!keep[g] || len < 10 || (int16_t)u16(p) >= 0)
        continue;
      size_t at = 10;
      unsigned flags = MORE_COMPONENTS;
      while ((flags & MORE_COMPONENTS) && at + 4 <= len) {
        flags = u16(p + at);
        unsigned part = u16(p + at + 2);
        at += 4 + ((flags & ARG_1_AND_2_ARE_WORDS) ? 4 : 2);
        at += (flags & WE_HAVE_A_SCALE)            ? 2
              : (flags & WE_HAVE_AN_X_AND_Y_SCALE) ? 4
              : (flags & WE_HAVE_A_TWO_BY_TWO)     ? 8
                                                   : 0;
        if (part < f->nglyphs && !keep[part])
          keep[part] = changed = 1;
      }
    }
  }
}

/* glyf and loca: kept outlines in glyph order, each at an even offset so
 * that the short loca format can hold them. */
static qujat_status glyphs(const struct ttf *f, const unsigned char *keep,
                           struct buf *glyf, struct buf *loca,
                           int *long_loca) {
  qujat_status st = QUJAT_OK;
  uint32_t *offset = malloc((f->nglyphs + 1u) * sizeof *offset);
  if (!offset)
    return QUJAT_ERR_NOMEM;
  for (unsigned g = 0; st == QUJAT_OK && g < f->nglyphs; g++) {
    offset[g] = (uint32_t)glyf->len;
    size_t len;
    const unsigned char *p = glyph(f, g, &len);
    if (keep[g] && len) {
      st = qujat_buf_add(glyf, p, len);
      if (st == QUJAT_OK && len % 2)
        st = qujat_buf_addc(glyf, 0);
    }
  }
  offset[f->nglyphs] = (uint32_t)glyf->len;
  *long_loca = glyf->len > 0x1fffe;
  unsigned width = *long_loca ? 4 : 2;
  if (st == QUJAT_OK)
    st = qujat_buf_fill(loca, 0, (f->nglyphs + 1u) * width);
  for (unsigned g = 0; st == QUJAT_OK && g <= f->nglyphs; g++) {
    unsigned char *p = (unsigned char *)loca->data + g * width;
    if (*long_loca)
      put32(p, offset[g]);
    else
      put16(p, offset[g] / 2);
  }
  free(offset);
  return st;
}

/* hmtx with the metrics of glyphs left out set to zero, which compresses
 * to almost nothing. */
static qujat_status metrics(const struct ttf *f, const unsigned char *keep,
                            struct buf *b) {
  const struct ttf_table *hhea = find(f, TAG('h', 'h', 'e', 'a'));
  const struct ttf_table *hmtx = find(f, TAG('h', 'm', 't', 'x'));
  unsigned nmetrics = u16(f->data + hhea->offset + 34);
  qujat_status st = qujat_buf_add(b, f->data + hmtx->offset, hmtx->length);
  for (unsigned g = 0; st == QUJAT_OK && g < f->nglyphs; g++) {
    size_t at = g < nmetrics ? 4 * (size_t)g
                             : 4 * (size_t)nmetrics + 2 * (size_t)(g - nmetrics);
    size_t width = g < nmetrics ? 4 : 2;
    /* The last long metric's advance is also that of every glyph after
     * it: it stays. */
    if (!keep[g] && at + width <= b->len &&
        (g + 1 != nmetrics || g + 1 == f->nglyphs))
      memset(b->data + at, 0, width);
  }
  return st;
}

/* A cmap with one empty format-4 subtable: the PDF maps CIDs to glyphs. */
static qujat_status empty_cmap(struct buf *b) {
  static const unsigned char cmap[36] = {
      0, 0, 0, 1,                 /* version 0, one subtable */
      0, 3, 0, 1, 0, 0, 0, 12,    /* Windows Unicode BMP, at 12 */
      0, 4, 0, 24, 0, 0,          /* format 4, length 24, language 0 */
      0, 2, 0, 2, 0, 0, 0, 0,     /* one segment: segCountX2 2, ... */
      0xff, 0xff, 0, 0,           /* endCode 0xFFFF, reservedPad */
      0xff, 0xff, 0, 1, 0, 0};    /* startCode, idDelta 1, idRangeOffset */
  return qujat_buf_add(b, cmap, sizeof cmap);
}

/* name: the family, style, full and PostScript names and the copyright
 * notice (ids 0 to 6), in the Windows US English records only. */
static qujat_status short_name(const struct ttf *f, struct buf *b) {
  const struct ttf_table *t = find(f, TAG('n', 'a', 'm', 'e'));
  if (!t || t->length < 6)
    return QUJAT_OK;
  const unsigned char *n = f->data + t->offset;
  unsigned count = u16(n + 2), strings = u16(n + 4), kept = 0;
  struct buf text;
  qujat_buf_init(&text, 1 << 20);
  qujat_status st = qujat_buf_fill(b, 0, 6);
  for (unsigned i = 0; st == QUJAT_OK && i < count; i++) {
    const unsigned char *r = n + 6 + 12 * i;
    if (6 + 12 * (size_t)(i + 1) > t->length)
      break;
    unsigned len = u16(r + 8), off = u16(r + 10);
    if (u16(r) != 3 || u16(r + 4) != 0x409 || u16(r + 6) > 6 ||
        (size_t)strings + off + len > t->length)
      continue;
    unsigned char rec[12];
    memcpy(rec, r, 10);
    put16(rec + 10, (unsigned)text.len);
    st = qujat_buf_add(b, rec, sizeof rec);
    if (st == QUJAT_OK)
      st = qujat_buf_add(&text, n + strings + off, len);
    kept++;
  }
  if (st == QUJAT_OK) {
    put16((unsigned char *)b->data + 2, kept);
    put16((unsigned char *)b->data + 4, 6 + 12 * kept);
    st = qujat_buf_add(b, text.data, text.len);
  }
  qujat_buf_free(&text);
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

qujat_status qujat_ttf_subset(const struct ttf *f, const unsigned char *used,
                              struct buf *out) {
  static const uint32_t copied[] = {
      TAG('O', 'S', '/', '2'), TAG('c', 'v', 't', ' '), TAG('f', 'p', 'g', 'm'),
      TAG('h', 'h', 'e', 'a'), TAG('m', 'a', 'x', 'p'), TAG('p', 'r', 'e', 'p')};
  struct buf glyf, loca, cmap, name, hmtx;
  qujat_buf_init(&glyf, 64u << 20);
  qujat_buf_init(&loca, 1u << 20);
  qujat_buf_init(&cmap, 64);
  qujat_buf_init(&name, 1u << 20);
  qujat_buf_init(&hmtx, 1u << 20);
  unsigned char head[54], post[32];
  struct piece pieces[MAX_TABLES];
  unsigned n = 0;
  int long_loca = 0;
  qujat_status st = QUJAT_OK;
  unsigned char *keep = malloc(f->nglyphs);
  if (!keep)
    return QUJAT_ERR_NOMEM;
  memcpy(keep, used, f->nglyphs);
  keep[0] = 1; /* .notdef */
  close_over_components(f, keep);
  CHECK(glyphs(f, keep, &glyf, &loca, &long_loca));
  CHECK(empty_cmap(&cmap));
  CHECK(short_name(f, &name));
  CHECK(metrics(f, keep, &hmtx));

  const struct ttf_table *t = find(f, TAG('h', 'e', 'a', 'd'));
  memcpy(head, f->data + t->offset, sizeof head);
  put32(head + 8, 0);             /* checkSumAdjustment, set last */
  put16(head + 50, long_loca);    /* indexToLocFormat */
  pieces[n++] = (struct piece){TAG('h', 'e', 'a', 'd'), head, sizeof head};
  pieces[n++] = (struct piece){TAG('g', 'l', 'y', 'f'),
                               (unsigned char *)glyf.data, glyf.len};
  pieces[n++] = (struct piece){TAG('l', 'o', 'c', 'a'),
                               (unsigned char *)loca.data, loca.len};
  pieces[n++] = (struct piece){TAG('c', 'm', 'a', 'p'),
                               (unsigned char *)cmap.data, cmap.len};
  pieces[n++] = (struct piece){TAG('h', 'm', 't', 'x'),
                               (unsigned char *)hmtx.data, hmtx.len};
  if (name.len)
    pieces[n++] = (struct piece){TAG('n', 'a', 'm', 'e'),
                                 (unsigned char *)name.data, name.len};
  if ((t = find(f, TAG('p', 'o', 's', 't'))) && t->length >= sizeof post) {
    /* Format 3: no glyph names, which a PDF never needs. */
    memcpy(post, f->data + t->offset, sizeof post);
    put32(post, 0x00030000);
    pieces[n++] = (struct piece){TAG('p', 'o', 's', 't'), post, sizeof post};
  }
  for (size_t i = 0; i < sizeof copied / sizeof *copied; i++)
    if ((t = find(f, copied[i])))
      pieces[n++] = (struct piece){t->tag, f->data + t->offset, t->length};
  CHECK(assemble(pieces, n, head, out));
done:
  free(keep);
  qujat_buf_free(&glyf);
  qujat_buf_free(&loca);
  qujat_buf_free(&cmap);
  qujat_buf_free(&name);
  qujat_buf_free(&hmtx);
  return st;
}
