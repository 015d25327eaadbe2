/* SPDX-License-Identifier: MIT */
/* Reading a TrueType font: the table directory, metrics, loca, cmap and
 * kerning. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "pdf/pdf_internal.h"

#define TAG(a, b, c, d)                                                        \
  ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

#define MAX_FONT_BYTES (16L * 1024 * 1024)

static unsigned u16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static int s16(const unsigned char *p) {
  unsigned v = u16(p);
  return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t u32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

/* A table by tag, or NULL; `min` is the smallest length the reader needs. */
static const struct ttf_table *table(const struct ttf *f, uint32_t tag,
                                     uint32_t min) {
  for (unsigned i = 0; i < f->ntables; i++)
    if (f->tables[i].tag == tag)
      return f->tables[i].length >= min ? &f->tables[i] : NULL;
  return NULL;
}

static qujat_status bad(const struct ttf *f, qujat_error *err,
                        const char *what) {
  return qujat_err_set(err, QUJAT_ERR_FONT, f->path, 0, 0,
                       "not a usable TrueType font: %s", what);
}

static int scale(const struct ttf *f, int v) {
  return v * 1000 / (int)f->units_per_em;
}

static qujat_status read_directory(struct ttf *f, qujat_error *err) {
  if (f->len < 12 || (u32(f->data) != 0x00010000 &&
                      u32(f->data) != TAG('t', 'r', 'u', 'e')))
    return bad(f, err, "no TrueType header");
  f->ntables = u16(f->data + 4);
  if (12 + (size_t)f->ntables * 16 > f->len)
    return bad(f, err, "the table directory is cut short");
  f->tables = calloc(f->ntables ? f->ntables : 1, sizeof *f->tables);
  if (!f->tables)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (unsigned i = 0; i < f->ntables; i++) {
    const unsigned char *r = f->data + 12 + i * 16;
    struct ttf_table *t = &f->tables[i];
    t->tag = u32(r);
    t->offset = u32(r + 8);
    t->length = u32(r + 12);
    if (t->offset > f->len || t->length > f->len - t->offset)
      return bad(f, err, "a table lies outside the file");
  }
  return QUJAT_OK;
}

/* head, hhea, maxp, OS/2, post: units, bounding box, ascent, descent. */
static qujat_status read_metrics(struct ttf *f, qujat_error *err) {
  const struct ttf_table *head = table(f, TAG('h', 'e', 'a', 'd'), 54);
  const struct ttf_table *hhea = table(f, TAG('h', 'h', 'e', 'a'), 36);
  const struct ttf_table *maxp = table(f, TAG('m', 'a', 'x', 'p'), 6);
  if (!head || !hhea || !maxp)
    return bad(f, err, "no head, hhea or maxp table");
  const unsigned char *h = f->data + head->offset;
  f->units_per_em = u16(h + 18);
  if (f->units_per_em < 16 || f->units_per_em > 16384)
    return bad(f, err, "units per em out of range");
  for (int i = 0; i < 4; i++)
    f->bbox[i] = scale(f, s16(h + 36 + 2 * i));
  f->nglyphs = u16(f->data + maxp->offset + 4);
  if (f->nglyphs == 0)
    return bad(f, err, "no glyphs");
  f->ascent = scale(f, s16(f->data + hhea->offset + 4));
  f->descent = scale(f, s16(f->data + hhea->offset + 6));
  f->cap_height = f->ascent;
  const struct ttf_table *os2 = table(f, TAG('O', 'S', '/', '2'), 90);
  if (os2 && u16(f->data + os2->offset) >= 2)
    f->cap_height = scale(f, s16(f->data + os2->offset + 88));
  const struct ttf_table *post = table(f, TAG('p', 'o', 's', 't'), 32);
  if (post)
    f->italic_angle = s16(f->data + post->offset + 4);
  return QUJAT_OK;
}

/* hmtx: advance widths; glyphs past numberOfHMetrics share the last. */
static qujat_status read_widths(struct ttf *f, qujat_error *err) {
  const struct ttf_table *hhea = table(f, TAG('h', 'h', 'e', 'a'), 36);
  unsigned nmetrics = u16(f->data + hhea->offset + 34);
  const struct ttf_table *hmtx = table(f, TAG('h', 'm', 't', 'x'),
                                       nmetrics * 4u);
  if (!hmtx || nmetrics == 0 || nmetrics > f->nglyphs)
    return bad(f, err, "no usable hmtx table");
  f->advance = calloc(f->nglyphs, sizeof *f->advance);
  if (!f->advance)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  unsigned last = 0;
  for (unsigned g = 0; g < f->nglyphs; g++) {
    if (g < nmetrics)
      last = u16(f->data + hmtx->offset + 4 * g) * 1000u / f->units_per_em;
    f->advance[g] = (uint16_t)last;
  }
  return QUJAT_OK;
}

/* loca: where each glyph's outline lies in glyf. */
static qujat_status read_loca(struct ttf *f, qujat_error *err) {
  const struct ttf_table *head = table(f, TAG('h', 'e', 'a', 'd'), 54);
  int long_format = s16(f->data + head->offset + 50);
  unsigned width = long_format ? 4 : 2;
  const struct ttf_table *loca = table(f, TAG('l', 'o', 'c', 'a'),
                                       (f->nglyphs + 1u) * width);
  const struct ttf_table *glyf = table(f, TAG('g', 'l', 'y', 'f'), 0);
  if (!loca || !glyf)
    return bad(f, err, "no loca or glyf table");
  f->loca = calloc(f->nglyphs + 1u, sizeof *f->loca);
  if (!f->loca)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  const unsigned char *p = f->data + loca->offset;
  for (unsigned g = 0; g <= f->nglyphs; g++) {
    f->loca[g] = long_format ? u32(p + 4 * g) : 2u * u16(p + 2 * g);
    if (f->loca[g] > glyf->length || (g && f->loca[g] < f->loca[g - 1]))
      return bad(f, err, "the loca table points outside glyf");
  }
  f->glyf_offset = glyf->offset;
  /* A composite glyph refers to others by number, which subsets renumber:
   * the bundled fonts are decomposed (fonts/make-fonts.py). */
  for (unsigned g = 0; g < f->nglyphs; g++)
    if (f->loca[g + 1] - f->loca[g] >= 2 &&
        s16(f->data + glyf->offset + f->loca[g]) < 0)
      return bad(f, err, "it has composite glyphs (decompose them: "
                         "fonts/make-fonts.py)");
  return QUJAT_OK;
}

/* One format-4 segment into the two-level map. */
static qujat_status map_segment(struct ttf *f, const unsigned char *sub,
                                size_t sublen, unsigned nseg, unsigned i,
                                qujat_error *err) {
  unsigned end = u16(sub + 14 + 2 * i);
  unsigned start = u16(sub + 16 + 2 * nseg + 2 * i);
  unsigned delta = u16(sub + 16 + 4 * nseg + 2 * i);
  size_t range_at = 16 + 6 * (size_t)nseg + 2 * i;
  unsigned range = u16(sub + range_at);
  for (unsigned cp = start; cp <= end && cp < 0xffff; cp++) {
    unsigned gid;
    if (range == 0) {
      gid = (cp + delta) & 0xffff;
    } else {
      size_t at = range_at + range + 2 * (size_t)(cp - start);
      if (at + 2 > sublen)
        return bad(f, err, "the cmap points outside itself");
      gid = u16(sub + at);
      if (gid)
        gid = (gid + delta) & 0xffff;
    }
    if (gid == 0 || gid >= f->nglyphs)
      continue;
    uint16_t **page = &f->cmap_pages[cp >> 8];
    if (!*page && !(*page = calloc(256, sizeof **page)))
      return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    (*page)[cp & 0xff] = (uint16_t)gid;
  }
  return QUJAT_OK;
}

/* cmap: the Unicode BMP subtable (platform 3 encoding 1, or platform 0),
 * format 4. */
static qujat_status read_cmap(struct ttf *f, qujat_error *err) {
  const struct ttf_table *cmap = table(f, TAG('c', 'm', 'a', 'p'), 4);
  if (!cmap)
    return bad(f, err, "no cmap table");
  const unsigned char *c = f->data + cmap->offset;
  unsigned n = u16(c + 2);
  if (4 + 8 * (size_t)n > cmap->length)
    return bad(f, err, "the cmap directory is cut short");
  const unsigned char *sub = NULL;
  size_t sublen = 0;
  for (unsigned i = 0; i < n && !sub; i++) {
    unsigned platform = u16(c + 4 + 8 * i), encoding = u16(c + 6 + 8 * i);
    uint32_t off = u32(c + 8 + 8 * i);
    if (!(platform == 3 && encoding == 1) && platform != 0)
      continue;
    if ((size_t)off + 14 > cmap->length || u16(c + off) != 4)
      continue;
    sub = c + off;
    sublen = u16(sub + 2);
    if (sublen > cmap->length - off)
      return bad(f, err, "the cmap subtable is cut short");
  }
  if (!sub)
    return bad(f, err, "no Unicode cmap of format 4");
  unsigned nseg = u16(sub + 6) / 2;
  if (16 + 8 * (size_t)nseg > sublen)
    return bad(f, err, "the cmap segments are cut short");
  for (unsigned i = 0; i < nseg; i++) {
    qujat_status st = map_segment(f, sub, sublen, nseg, i, err);
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}

/* The number of pairs in the format-0 horizontal subtables of kern table
 * `k` (`len` bytes, version 0); -1 when a subtable is cut short or lies
 * past the table. Other subtables (other formats, vertical, cross-stream,
 * minimum or override values) are skipped. */
static long kern_count(const unsigned char *k, size_t len) {
  unsigned ntables = u16(k + 2);
  size_t at = 4;
  long total = 0;
  for (unsigned i = 0; i < ntables; i++) {
    if (len - at < 6)
      return -1;
    size_t sublen = u16(k + at + 2);
    if (sublen < 6 || sublen > len - at)
      return -1;
    if (u16(k + at + 4) == 0x0001) { /* format 0, horizontal, plain */
      if (sublen < 14 || 14 + 6 * (size_t)u16(k + at + 6) > sublen)
        return -1;
      total += u16(k + at + 6);
    }
    at += sublen;
  }
  return total;
}

/* 64 Ki bits for PT Sans's 12 798 pairs: about four in five pairs that are
 * not kerned find their bit clear. */
#define KERN_FILTER_BITS 65536u

static uint32_t kern_hash(unsigned left, unsigned right) {
  /* The high half of two multiplicative hashes: 16 bits, KERN_FILTER_BITS. */
  return ((uint32_t)left * 2654435761u ^ (uint32_t)right * 2246822519u) >> 16;
}

/* kern: the pairs of a version-0 table's format-0 subtables, which must
 * name glyphs of the font in strictly increasing order (as the binary
 * search wants) with values of at most one em. Kerning is optional: a kern
 * table that breaks any of this is ignored whole, and the text is set
 * without kerning. Only running out of memory is an error. */
static qujat_status read_kern(struct ttf *f, qujat_error *err) {
  const struct ttf_table *kern = table(f, TAG('k', 'e', 'r', 'n'), 4);
  if (!kern)
    return QUJAT_OK;
  const unsigned char *k = f->data + kern->offset;
  long total = u16(k) == 0 ? kern_count(k, kern->length) : -1;
  if (total <= 0)
    return QUJAT_OK;
  f->kern_pairs = malloc((size_t)total * sizeof *f->kern_pairs);
  f->kern_values = malloc((size_t)total * sizeof *f->kern_values);
  if (!f->kern_pairs || !f->kern_values)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  size_t n = 0, at = 4;
  int ok = 1;
  for (unsigned i = 0, nt = u16(k + 2); ok && i < nt; i++) {
    const unsigned char *sub = k + at;
    at += u16(sub + 2);
    if (u16(sub + 4) != 0x0001)
      continue;
    for (unsigned j = 0, np = u16(sub + 6); ok && j < np; j++) {
      const unsigned char *r = sub + 14 + 6 * j;
      unsigned left = u16(r), right = u16(r + 2);
      int v = s16(r + 4) * 1000 / (int)f->units_per_em;
      uint32_t pair = (uint32_t)left << 16 | right;
      ok = left < f->nglyphs && right < f->nglyphs && v >= -1000 &&
           v <= 1000 && (n == 0 || pair > f->kern_pairs[n - 1]);
      f->kern_pairs[n] = pair;
      f->kern_values[n++] = (int16_t)v;
    }
  }
  if (!ok)
    return QUJAT_OK;
  /* Where each left glyph's pairs start, so that a lookup searches only
   * that glyph's few dozen pairs rather than all of them (measuring text
   * looks up every pair of adjacent characters). */
  f->kern_first = malloc(((size_t)f->nglyphs + 1) * sizeof *f->kern_first);
  f->kern_filter = calloc(KERN_FILTER_BITS / 64, sizeof *f->kern_filter);
  if (!f->kern_first || !f->kern_filter)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; i < n; i++) {
    uint32_t h = kern_hash(f->kern_pairs[i] >> 16, f->kern_pairs[i] & 0xffff);
    f->kern_filter[h / 64] |= (uint64_t)1 << (h % 64);
  }
  size_t at_pair = 0;
  for (unsigned g = 0; g <= f->nglyphs; g++) {
    while (at_pair < n && f->kern_pairs[at_pair] >> 16 < g)
      at_pair++;
    f->kern_first[g] = (uint32_t)at_pair;
  }
  f->nkern = n;
  return QUJAT_OK;
}

int qujat_ttf_kern(const struct ttf *f, unsigned left, unsigned right) {
  if (f->nkern == 0 || left >= f->nglyphs)
    return 0;
  uint32_t h = kern_hash(left, right);
  if (!(f->kern_filter[h / 64] >> (h % 64) & 1))
    return 0;
  uint32_t pair = (uint32_t)left << 16 | right;
  size_t lo = f->kern_first[left], hi = f->kern_first[left + 1];
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (f->kern_pairs[mid] < pair)
      lo = mid + 1;
    else if (f->kern_pairs[mid] > pair)
      hi = mid;
    else
      return f->kern_values[mid];
  }
  return 0;
}

long qujat_ttf_text_width(const struct ttf *f, const char *s, size_t len) {
  long w = 0;
  unsigned prev = 0;
  for (const char *p = s, *end = s + len; p < end;) {
    int first = p == s;
    /* ASCII (a NUL too, which has no glyph) without the decoder's call. */
    uint32_t cp = (unsigned char)*p < 0x80 ? (unsigned char)*p++
                                           : qujat_utf8_next(&p);
    unsigned g = qujat_ttf_glyph(f, cp);
    w += (long)qujat_ttf_width(f, g) + (first ? 0 : qujat_ttf_kern(f, prev, g));
    prev = g;
  }
  return w;
}

/* The PostScript name (name id 6, Macintosh Roman or Windows UTF-16BE). */
static qujat_status read_name(struct ttf *f, qujat_error *err) {
  const struct ttf_table *name = table(f, TAG('n', 'a', 'm', 'e'), 6);
  char found[64] = "";
  if (name) {
    const unsigned char *t = f->data + name->offset;
    unsigned count = u16(t + 2), strings = u16(t + 4);
    for (unsigned i = 0; i < count && !*found; i++) {
      const unsigned char *r = t + 6 + 12 * i;
      if (6 + 12 * (size_t)(i + 1) > name->length || u16(r + 6) != 6)
        continue;
      unsigned platform = u16(r), len = u16(r + 8), off = u16(r + 10);
      if ((size_t)strings + off + len > name->length)
        continue;
      const unsigned char *s = t + strings + off;
      unsigned step = platform == 3 ? 2 : 1, k = 0;
      for (unsigned j = step - 1; j < len && k + 1 < sizeof found; j += step)
        if (s[j] > 0x20 && s[j] < 0x7f && !strchr("[](){}<>/%#", s[j]))
          found[k++] = (char)s[j];
      found[k] = '\0';
    }
  }
  f->ps_name = strdup(*found ? found : "QujatFont");
  return f->ps_name ? QUJAT_OK
                    : qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                                    "out of memory");
}

/* The last serial number given to a font (struct ttf.serial). */
static atomic_uint_least64_t last_serial;

qujat_status qujat_ttf_parse(unsigned char *data, size_t len,
                             const char *name, struct ttf **out,
                             qujat_error *err) {
  qujat_status st;
  *out = NULL;
  struct ttf *f = calloc(1, sizeof *f);
  if (!f || !(f->path = strdup(name ? name : "font"))) {
    free(data);
    free(f);
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  f->data = data;
  f->len = len;
  f->serial = atomic_fetch_add(&last_serial, 1) + 1;
  CHECK(read_directory(f, err));
  CHECK(read_metrics(f, err));
  CHECK(read_widths(f, err));
  CHECK(read_loca(f, err));
  CHECK(read_cmap(f, err));
  CHECK(read_name(f, err));
  CHECK(read_kern(f, err));
  *out = f;
  f = NULL;
done:
  qujat_ttf_free(f);
  return st;
}

qujat_status qujat_ttf_load(const char *path, long bytes, uint32_t crc32sum,
                            struct ttf **out, qujat_error *err) {
  *out = NULL;
  FILE *in = fopen(path, "rb");
  if (!in)
    return qujat_err_set(err, QUJAT_ERR_FONT, path, 0, 0,
                         "cannot open the font");
  size_t cap = bytes > 0 && bytes <= MAX_FONT_BYTES ? (size_t)bytes + 1 : 1;
  unsigned char *data = malloc(cap);
  size_t len = data ? fread(data, 1, cap, in) : 0;
  int bad_read = ferror(in);
  fclose(in);
  if (!data)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  uint32_t crc = libdeflate_crc32(0, data, len);
  if (bad_read || (long)len > bytes) {
    free(data);
    return qujat_err_set(err, QUJAT_ERR_FONT, path, 0, 0,
                         "the font is damaged: %s; fonts.xml expects %ld "
                         "bytes",
                         bad_read ? "a read error" : "the file is longer",
                         bytes);
  }
  if ((long)len != bytes || crc != crc32sum) {
    free(data);
    return qujat_err_set(err, QUJAT_ERR_FONT, path, 0, 0,
                         "the font is damaged: %zu bytes, CRC-32 %08lx; "
                         "fonts.xml expects %ld bytes, %08lx",
                         len, (unsigned long)crc, bytes,
                         (unsigned long)crc32sum);
  }
  return qujat_ttf_parse(data, len, path, out, err);
}

void qujat_ttf_free(struct ttf *f) {
  if (!f)
    return;
  for (int i = 0; i < 256; i++)
    free(f->cmap_pages[i]);
  free(f->data);
  free(f->path);
  free(f->ps_name);
  free(f->tables);
  free(f->advance);
  free(f->loca);
  free(f->kern_pairs);
  free(f->kern_values);
  free(f->kern_first);
  free(f->kern_filter);
  free(f);
}
