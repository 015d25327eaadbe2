/* SPDX-License-Identifier: MIT */
/* What the tests of qujat's own TrueType path share (ttf_helpers.h). */
#include "ttf_helpers.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "base/base.h"
#include "helpers.h"
#include "pdf_reader.h"

struct ttf *reg, *bold;
unsigned char *reg_bytes, *bold_bytes;
size_t reg_len, bold_len;
static char tmp_dir[512];   /* temporary files of a test, or "" */
static struct ttf not_null; /* what *out holds before a call that fails */

/* ------------------------------------------------------------------------
 * Bytes, files, fixture
 * ------------------------------------------------------------------------ */

unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

int sbe16(const unsigned char *p) {
  unsigned v = be16(p);
  return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

void put16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v >> 8);
  p[1] = (unsigned char)v;
}

void put32(unsigned char *p, uint32_t v) {
  put16(p, v >> 16);
  put16(p + 2, v & 0xffff);
}

uint32_t word_sum(const unsigned char *p, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i < len; i += 4) {
    unsigned char w[4] = {0, 0, 0, 0};
    for (size_t k = 0; k < 4 && i + k < len; k++)
      w[k] = p[i + k];
    sum += be32(w);
  }
  return sum;
}

unsigned char *exact_copy(const unsigned char *d, size_t len) {
  unsigned char *c = malloc(len ? len : 1);
  cr_assert_not_null(c);
  if (len)
    memcpy(c, d, len);
  return c;
}

qujat_status parse_copy(const unsigned char *d, size_t len, struct ttf **out) {
  memset(&err, 0, sizeof err);
  return qujat_ttf_parse(exact_copy(d, len), len, "test.ttf", out, &err);
}

struct ttf *parse_ok(const unsigned char *d, size_t len) {
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
  return f;
}

void font_spec(const char *file, long *bytes, uint32_t *crc) {
  size_t len;
  char *xml = (char *)test_read_whole(FONTS_DIR "/fonts.xml", &len);
  char key[128];
  snprintf(key, sizeof key, "file=\"%s\"", file);
  char *at = strstr(xml, key);
  cr_assert_not_null(at, "fonts.xml lacks %s", key);
  char *start = at;
  while (start > xml && *start != '<')
    start--;
  char *end = strchr(at, '>');
  cr_assert_not_null(end);
  *end = '\0';
  char *b = strstr(start, "bytes=\""), *c = strstr(start, "crc32=\""), *e;
  cr_assert(b && c, "fonts.xml: %s lacks bytes or crc32", file);
  *bytes = strtol(b + 7, &e, 10);
  cr_assert_eq(*e, '"');
  *crc = (uint32_t)strtoul(c + 7, &e, 16);
  cr_assert_eq(*e, '"');
  free(xml);
}

static struct ttf *load_bundled(const char *file, unsigned char **bytes,
                                size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", FONTS_DIR, file);
  long size;
  uint32_t crc;
  font_spec(file, &size, &crc);
  struct ttf *f = NULL;
  qujat_status st = qujat_ttf_load(path, size, crc, &f, &err);
  cr_assert_eq(st, QUJAT_OK, "%s: %s", err.file, err.msg);
  cr_assert_not_null(f);
  *bytes = test_read_whole(path, len);
  return f;
}

void ttf_setup(void) {
  reg = load_bundled(REGULAR_FILE, &reg_bytes, &reg_len);
  bold = load_bundled(BOLD_FILE, &bold_bytes, &bold_len);
}

void ttf_teardown(void) {
  qujat_ttf_free(reg);
  qujat_ttf_free(bold);
  free(reg_bytes);
  free(bold_bytes);
  if (tmp_dir[0]) {
    test_remove_dir(tmp_dir);
    tmp_dir[0] = '\0';
  }
}

const char *write_tmp(const char *name, const void *data, size_t len) {
  if (!tmp_dir[0])
    test_make_temp_dir(tmp_dir, sizeof tmp_dir, "ttf");
  static char path[1024];
  snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
  test_write_file(path, data, len);
  return path;
}

uint32_t crc_of(const void *d, size_t len) {
  return (uint32_t)crc32(crc32(0L, Z_NULL, 0), d, (uInt)len);
}

/* A deterministic pseudo-random sequence (xorshift32). */
static uint32_t rnd_state = 2463534242u;
uint32_t rnd(void) {
  rnd_state ^= rnd_state << 13;
  rnd_state ^= rnd_state >> 17;
  rnd_state ^= rnd_state << 5;
  return rnd_state;
}

void expect_load_error(const char *path, long bytes, uint32_t crc,
                       const char *want, const char *want2) {
  struct ttf *f = &not_null; /* the call must clear it */
  memset(&err, 0, sizeof err);
  qujat_status st = qujat_ttf_load(path, bytes, crc, &f, &err);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s (%s)", path, qujat_strerror(st),
               err.msg);
  cr_expect_null(f);
  cr_expect_eq(err.code, QUJAT_ERR_FONT);
  cr_expect_str_eq(err.file, path, "the error names the font");
  cr_expect(strstr(err.msg, want) != NULL, "message '%s' lacks '%s'", err.msg,
            want);
  if (want2)
    cr_expect(strstr(err.msg, want2) != NULL, "message '%s' lacks '%s'",
              err.msg, want2);
  if (st == QUJAT_OK)
    qujat_ttf_free(f);
  /* Without an error structure: the same status and no crash. */
  st = qujat_ttf_load(path, bytes, crc, &f, NULL);
  cr_expect_eq(st, QUJAT_ERR_FONT);
  if (st == QUJAT_OK)
    qujat_ttf_free(f);
}

/* ------------------------------------------------------------------------
 * A reader of our own, for the expected values (valid fonts only)
 * ------------------------------------------------------------------------ */

int ref_table(const unsigned char *d, size_t len, uint32_t tag, uint32_t *off,
              uint32_t *tlen) {
  unsigned n = be16(d + 4);
  for (unsigned i = 0; i < n; i++) {
    const unsigned char *r = d + 12 + 16 * i;
    if (be32(r) == tag) {
      *off = be32(r + 8);
      *tlen = be32(r + 12);
      cr_assert_leq((uint64_t)*off + *tlen, len, "table outside the file");
      return 1;
    }
  }
  return 0;
}

const unsigned char *ref_need(const unsigned char *d, size_t len, uint32_t tag,
                              uint32_t *tlen) {
  uint32_t off, l;
  cr_assert(ref_table(d, len, tag, &off, &l), "no table %08x", tag);
  if (tlen)
    *tlen = l;
  return d + off;
}

unsigned ref_upem(const unsigned char *d, size_t len) {
  return be16(ref_need(d, len, T_HEAD, NULL) + 18);
}

unsigned ref_nglyphs(const unsigned char *d, size_t len) {
  return be16(ref_need(d, len, T_MAXP, NULL) + 4);
}

unsigned ref_nmetrics(const unsigned char *d, size_t len) {
  return be16(ref_need(d, len, T_HHEA, NULL) + 34);
}

unsigned ref_advance(const unsigned char *d, size_t len, unsigned gid) {
  unsigned nm = ref_nmetrics(d, len);
  return be16(ref_need(d, len, T_HMTX, NULL) + 4 * (gid < nm ? gid : nm - 1));
}

unsigned ref_width(const unsigned char *d, size_t len, unsigned gid) {
  return ref_advance(d, len, gid) * 1000 / ref_upem(d, len);
}

/* The left side bearing of `gid` in font units: from its long metric, or
 * from the leftSideBearing array past numberOfHMetrics (0 when the table
 * is too short for it). */
int ref_lsb(const unsigned char *d, size_t len, unsigned gid) {
  unsigned nm = ref_nmetrics(d, len);
  uint32_t tl;
  const unsigned char *hmtx = ref_need(d, len, T_HMTX, &tl);
  size_t at =
      gid < nm ? 4 * (size_t)gid + 2 : 4 * (size_t)nm + 2 * (size_t)(gid - nm);
  return at + 2 <= tl ? sbe16(hmtx + at) : 0;
}
void ref_glyph_at(const unsigned char *d, size_t len, unsigned gid, size_t *off,
                  size_t *glen) {
  int long_loca = be16(ref_need(d, len, T_HEAD, NULL) + 50) != 0;
  const unsigned char *loca = ref_need(d, len, T_LOCA, NULL);
  uint32_t glyf_off, glyf_len;
  cr_assert(ref_table(d, len, T_GLYF, &glyf_off, &glyf_len));
  uint32_t a = long_loca ? be32(loca + 4 * gid) : 2u * be16(loca + 2 * gid);
  uint32_t b =
      long_loca ? be32(loca + 4 * gid + 4) : 2u * be16(loca + 2 * gid + 2);
  cr_assert_leq(a, b);
  cr_assert_leq(b, glyf_len);
  *off = glyf_off + a;
  *glen = b - a;
}

unsigned ref_glyph(const unsigned char *d, size_t len, uint32_t cp) {
  return ref_glyph_in(d, len, 1, cp);
}

unsigned ref_glyph_in(const unsigned char *d, size_t len, unsigned encoding,
                      uint32_t cp) {
  const unsigned char *c = ref_need(d, len, T_CMAP, NULL), *sub = NULL;
  for (unsigned i = 0; i < be16(c + 2) && !sub; i++) {
    const unsigned char *r = c + 4 + 8 * i;
    if (be16(r) == 3 && be16(r + 2) == encoding &&
        be16(c + be32(r + 4)) == 4)
      sub = c + be32(r + 4);
  }
  cr_assert_not_null(sub, "no (3,%u) format 4 cmap", encoding);
  if (cp > 0xffff)
    return 0;
  unsigned segs = be16(sub + 6) / 2;
  for (unsigned i = 0; i < segs; i++) {
    unsigned end = be16(sub + 14 + 2 * i);
    unsigned start = be16(sub + 16 + 2 * segs + 2 * i);
    if (cp > end || cp < start)
      continue;
    unsigned delta = be16(sub + 16 + 4 * segs + 2 * i);
    const unsigned char *ro = sub + 16 + 6 * segs + 2 * i;
    if (be16(ro) == 0)
      return (cp + delta) & 0xffff;
    unsigned g = be16(ro + be16(ro) + 2 * (cp - start));
    return g ? (g + delta) & 0xffff : 0;
  }
  return 0;
}

/* Calls `each` for every pair of the kern table's format-0 horizontal
 * subtables until it returns nonzero; returns that, or 0. */
static long kern_scan(const unsigned char *d, size_t len,
                      long (*each)(unsigned, unsigned, int, void *),
                      void *user) {
  uint32_t off, tl;
  if (!ref_table(d, len, T_KERN, &off, &tl))
    return 0;
  const unsigned char *k = d + off;
  cr_assert_eq(be16(k), 0, "kern version");
  size_t at = 4;
  for (unsigned i = 0; i < be16(k + 2); i++) {
    cr_assert_leq(at + 14, tl);
    const unsigned char *sub = k + at;
    unsigned n = be16(sub + 6);
    if (be16(sub + 4) == 0x0001)
      for (unsigned j = 0; j < n; j++) {
        const unsigned char *r = sub + 14 + 6 * j;
        long v = each(be16(r), be16(r + 2), sbe16(r + 4), user);
        if (v)
          return v;
      }
    at += 14 + 6 * (size_t)n; /* the subtable's own length is 16 bits */
  }
  return 0;
}

struct kern_find {
  unsigned left, right;
};

static long kern_match(unsigned l, unsigned r, int v, void *user) {
  const struct kern_find *f = user;
  return l == f->left && r == f->right ? v : 0;
}

static long kern_tally(unsigned l, unsigned r, int v, void *user) {
  (void)l, (void)r, (void)v;
  ++*(size_t *)user;
  return 0;
}

int ref_kern(const unsigned char *d, size_t len, unsigned left,
             unsigned right) {
  struct kern_find f = {left, right};
  return (int)kern_scan(d, len, kern_match, &f);
}

size_t ref_kern_pairs(const unsigned char *d, size_t len) {
  size_t n = 0;
  kern_scan(d, len, kern_tally, &n);
  return n;
}

size_t utf8(char *out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xc0 | cp >> 6);
    out[1] = (char)(0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xe0 | cp >> 12);
    out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
    out[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
  }
  out[0] = (char)(0xf0 | cp >> 18);
  out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
  out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
  out[3] = (char)(0x80 | (cp & 0x3f));
  return 4;
}

/* ------------------------------------------------------------------------
 * Characters
 * ------------------------------------------------------------------------ */

size_t code_points(const char *s, uint32_t *cps) {
  size_t n = 0;
  for (const char *p = s; *p;) {
    unsigned char c = (unsigned char)*p;
    int k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    uint32_t cp = k == 1 ? c : c & (0x3f >> (k - 1));
    for (int j = 1; j < k; j++)
      cp = cp << 6 | ((unsigned char)p[j] & 0x3f);
    p += k;
    cps[n++] = cp;
  }
  return n;
}

int by_code_point(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

size_t distinct_code_points(const char *s, uint32_t *cps) {
  size_t n = code_points(s, cps), k = 0;
  qsort(cps, n, sizeof *cps, by_code_point);
  for (size_t i = 0; i < n; i++)
    if (k == 0 || cps[k - 1] != cps[i])
      cps[k++] = cps[i];
  return k;
}

size_t text_gids(const unsigned char *d, size_t len, const char *s,
                 uint16_t *gids) {
  uint32_t cps[512];
  cr_assert_lt(strlen(s), sizeof cps / sizeof *cps);
  size_t n = distinct_code_points(s, cps);
  gids[0] = 0;
  for (size_t i = 0; i < n; i++) {
    gids[i + 1] = (uint16_t)ref_glyph(d, len, cps[i]);
    cr_assert_neq(gids[i + 1], 0, "U+%04X", cps[i]);
  }
  return n + 1;
}

void first_code_points(size_t n, uint32_t *cps) {
  size_t k = 0;
  for (uint32_t cp = 0x20; k < n; cp++) {
    cr_assert_lt(cp, 0x10000, "the font has fewer than %zu characters", n);
    if (ref_glyph(reg_bytes, reg_len, cp))
      cps[k++] = cp;
  }
}

/* ------------------------------------------------------------------------
 * Font uses (pdf_font.c)
 * ------------------------------------------------------------------------ */

void add_ok(struct font_use *u, const char *s) {
  uint32_t missing = 0;
  qujat_status st = qujat_font_use_add(u, s, strlen(s), &missing);
  cr_assert_eq(st, QUJAT_OK, "'%s': %s (U+%04X)", s, qujat_strerror(st),
               missing);
}

void use_text(struct font_use *u, const struct ttf *f, const char *s) {
  qujat_font_use_init(u, f);
  add_ok(u, s);
  cr_assert_eq(qujat_font_use_freeze(u), QUJAT_OK);
}

size_t string_cids(const struct font_use *u, const char *s, struct buf *out,
                   unsigned *cids, size_t cap) {
  size_t start = out->len;
  qujat_status st = qujat_font_use_string(u, s, strlen(s), out);
  cr_assert_eq(st, QUJAT_OK, "'%s': %s", s, qujat_strerror(st));
  unsigned char *bytes = malloc(2 * cap + 2);
  cr_assert_not_null(bytes);
  int bare;
  size_t n = decode_literal(out->data + start, out->len - start, bytes,
                            2 * cap + 2, &bare);
  cr_expect_eq(bare, 0, "unescaped parentheses");
  cr_assert_eq(n % 2, 0, "odd number of bytes");
  for (size_t i = 0; i < n / 2; i++)
    cids[i] = (unsigned)bytes[2 * i] << 8 | bytes[2 * i + 1];
  free(bytes);
  return n / 2;
}
