/* Unit tests of qujat's own TrueType path: reading a font (ttf.c), writing
 * the subset a PDF embeds (ttf_subset.c), one PDF's use of a font
 * (pdf_font.c), text in a content stream (pdf_text.c), the fonts of a whole
 * rendered PDF, and the catalog's lazily loaded fonts (fonts.c).
 *
 * Expected values come from the font files' bytes, read here by a small
 * reader of our own, not from the library's parse. A subset renumbers the
 * glyphs (glyph i is glyph gids[i] of the font), so every table it writes
 * is checked against the original's bytes glyph by glyph. The bundled
 * fonts have units per em 1000, no composite glyphs and one hmtx entry per
 * glyph, so a small TrueType font is also built here byte by byte: units
 * per em 2048, glyphs past numberOfHMetrics, both loca formats, odd glyph
 * lengths, cvt/fpgm/prep, a cmap with delta and glyph-array segments, an
 * outline large enough to need the long loca format and, on demand,
 * composite glyphs, which the parser refuses (subsets renumber glyphs,
 * which would break a composite's references). */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "fonts.h"
#include "pdf_font.h"
#include "pdf_text.h"
#include "qujat/qujat.h"
#include "ttf.h"

#define FONTS_DIR QUJAT_TEST_DATA_DIR "/fonts"
#define REGULAR_FILE "QujatSans-Regular.ttf"
#define BOLD_FILE "QujatSans-Bold.ttf"

#define TAG(a, b, c, d)                                                        \
  ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |            \
   (uint32_t)(d))
#define T_HEAD TAG('h', 'e', 'a', 'd')
#define T_HHEA TAG('h', 'h', 'e', 'a')
#define T_MAXP TAG('m', 'a', 'x', 'p')
#define T_HMTX TAG('h', 'm', 't', 'x')
#define T_LOCA TAG('l', 'o', 'c', 'a')
#define T_GLYF TAG('g', 'l', 'y', 'f')
#define T_CMAP TAG('c', 'm', 'a', 'p')
#define T_NAME TAG('n', 'a', 'm', 'e')
#define T_POST TAG('p', 'o', 's', 't')
#define T_OS2 TAG('O', 'S', '/', '2')
#define T_CVT TAG('c', 'v', 't', ' ')
#define T_FPGM TAG('f', 'p', 'g', 'm')
#define T_PREP TAG('p', 'r', 'e', 'p')
#define T_GSUB TAG('G', 'S', 'U', 'B')

/* Composite glyph flags. */
enum {
  C_WORDS = 0x0001,
  C_SCALE = 0x0008,
  C_MORE = 0x0020,
  C_XY_SCALE = 0x0040,
  C_TWO_BY_TWO = 0x0080
};

/* The bundled fonts, parsed by the library, and their bytes. */
static struct ttf *reg, *bold;
static unsigned char *reg_bytes, *bold_bytes;
static size_t reg_len, bold_len;
static qujat_error err;
static char tmp_dir[512];   /* temporary files of a test, or "" */
static struct ttf not_null; /* what *out holds before a call that fails */

/* ------------------------------------------------------------------------
 * Bytes, files, fixture
 * ------------------------------------------------------------------------ */

static unsigned be16(const unsigned char *p) {
  return (unsigned)p[0] << 8 | p[1];
}

static int sbe16(const unsigned char *p) {
  unsigned v = be16(p);
  return v >= 0x8000 ? (int)v - 0x10000 : (int)v;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

static void put16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v >> 8);
  p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v) {
  put16(p, v >> 16);
  put16(p + 2, v & 0xffff);
}

/* The sum of big-endian 32-bit words, the last padded with zeros. */
static uint32_t word_sum(const unsigned char *p, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i < len; i += 4) {
    unsigned char w[4] = {0, 0, 0, 0};
    for (size_t k = 0; k < 4 && i + k < len; k++)
      w[k] = p[i + k];
    sum += be32(w);
  }
  return sum;
}

/* The whole file, NUL-terminated; free() it. */
static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s: %s", path, strerror(errno));
  cr_assert_eq(fseek(f, 0, SEEK_END), 0);
  long n = ftell(f);
  cr_assert_geq(n, 0);
  rewind(f);
  unsigned char *d = malloc((size_t)n + 1);
  cr_assert_not_null(d);
  cr_assert_eq(fread(d, 1, (size_t)n, f), (size_t)n, "%s", path);
  fclose(f);
  d[n] = '\0';
  *len = (size_t)n;
  return d;
}

/* A copy in a buffer of exactly `len` bytes (so that ASan sees every read
 * past it), which qujat_ttf_parse() takes over. */
static unsigned char *exact_copy(const unsigned char *d, size_t len) {
  unsigned char *c = malloc(len ? len : 1);
  cr_assert_not_null(c);
  if (len)
    memcpy(c, d, len);
  return c;
}

static qujat_status parse_copy(const unsigned char *d, size_t len,
                               struct ttf **out) {
  memset(&err, 0, sizeof err);
  return qujat_ttf_parse(exact_copy(d, len), len, "test.ttf", out, &err);
}

/* bytes= and crc32= of `file` in fonts/fonts.xml. */
static void font_spec(const char *file, long *bytes, uint32_t *crc) {
  size_t len;
  char *xml = (char *)slurp(FONTS_DIR "/fonts.xml", &len);
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
  *bytes = slurp(path, len);
  return f;
}

static void setup(void) {
  reg = load_bundled(REGULAR_FILE, &reg_bytes, &reg_len);
  bold = load_bundled(BOLD_FILE, &bold_bytes, &bold_len);
}

static void teardown(void) {
  qujat_ttf_free(reg);
  qujat_ttf_free(bold);
  free(reg_bytes);
  free(bold_bytes);
  if (tmp_dir[0]) {
    DIR *d = opendir(tmp_dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
      char path[1024];
      snprintf(path, sizeof path, "%s/%s", tmp_dir, e->d_name);
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
        unlink(path);
    }
    if (d)
      closedir(d);
    rmdir(tmp_dir);
    tmp_dir[0] = '\0';
  }
}

TestSuite(ttf, .init = setup, .fini = teardown);

/* Writes `len` bytes to a new file `name` in the test's temporary
 * directory and returns its path (valid until the next call). */
static const char *write_tmp(const char *name, const void *data, size_t len) {
  if (!tmp_dir[0]) {
    const char *t = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/qujat-ttf-XXXXXX",
             t && *t ? t : "/tmp");
    cr_assert_not_null(mkdtemp(tmp_dir), "mkdtemp: %s", strerror(errno));
  }
  static char path[1024];
  snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f, "%s: %s", path, strerror(errno));
  cr_assert_eq(fwrite(data, 1, len, f), len);
  cr_assert_eq(fclose(f), 0);
  return path;
}

static uint32_t crc_of(const void *d, size_t len) {
  return (uint32_t)crc32(crc32(0L, Z_NULL, 0), d, (uInt)len);
}

/* A deterministic pseudo-random sequence (xorshift32). */
static uint32_t rnd_state = 2463534242u;
static uint32_t rnd(void) {
  rnd_state ^= rnd_state << 13;
  rnd_state ^= rnd_state >> 17;
  rnd_state ^= rnd_state << 5;
  return rnd_state;
}

/* ------------------------------------------------------------------------
 * A reader of our own, for the expected values (valid fonts only)
 * ------------------------------------------------------------------------ */

/* Offset and length of table `tag`; 0 when absent. */
static int ref_table(const unsigned char *d, size_t len, uint32_t tag,
                     uint32_t *off, uint32_t *tlen) {
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

static const unsigned char *ref_need(const unsigned char *d, size_t len,
                                     uint32_t tag, uint32_t *tlen) {
  uint32_t off, l;
  cr_assert(ref_table(d, len, tag, &off, &l), "no table %08x", tag);
  if (tlen)
    *tlen = l;
  return d + off;
}

static unsigned ref_upem(const unsigned char *d, size_t len) {
  return be16(ref_need(d, len, T_HEAD, NULL) + 18);
}

static unsigned ref_nglyphs(const unsigned char *d, size_t len) {
  return be16(ref_need(d, len, T_MAXP, NULL) + 4);
}

static unsigned ref_nmetrics(const unsigned char *d, size_t len) {
  return be16(ref_need(d, len, T_HHEA, NULL) + 34);
}

/* The advance of `gid` in font units. */
static unsigned ref_advance(const unsigned char *d, size_t len, unsigned gid) {
  unsigned nm = ref_nmetrics(d, len);
  return be16(ref_need(d, len, T_HMTX, NULL) + 4 * (gid < nm ? gid : nm - 1));
}

/* The advance of `gid` in 1/1000 em, truncated. */
static unsigned ref_width(const unsigned char *d, size_t len, unsigned gid) {
  return ref_advance(d, len, gid) * 1000 / ref_upem(d, len);
}

/* The left side bearing of `gid` in font units: from its long metric, or
 * from the leftSideBearing array past numberOfHMetrics (0 when the table
 * is too short for it). */
static int ref_lsb(const unsigned char *d, size_t len, unsigned gid) {
  unsigned nm = ref_nmetrics(d, len);
  uint32_t tl;
  const unsigned char *hmtx = ref_need(d, len, T_HMTX, &tl);
  size_t at =
      gid < nm ? 4 * (size_t)gid + 2 : 4 * (size_t)nm + 2 * (size_t)(gid - nm);
  return at + 2 <= tl ? sbe16(hmtx + at) : 0;
}
/* Where glyph `gid` lies in the file. */
static void ref_glyph_at(const unsigned char *d, size_t len, unsigned gid,
                         size_t *off, size_t *glen) {
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

/* The glyph of `cp` by the Windows Unicode BMP (3, 1) format-4 cmap. */
static unsigned ref_glyph(const unsigned char *d, size_t len, uint32_t cp) {
  const unsigned char *c = ref_need(d, len, T_CMAP, NULL), *sub = NULL;
  for (unsigned i = 0; i < be16(c + 2) && !sub; i++) {
    const unsigned char *r = c + 4 + 8 * i;
    if (be16(r) == 3 && be16(r + 2) == 1 && be16(c + be32(r + 4)) == 4)
      sub = c + be32(r + 4);
  }
  cr_assert_not_null(sub, "no (3,1) format 4 cmap");
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

/* A code point as UTF-8; returns the length. */
static size_t utf8(char *out, uint32_t cp) {
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
 * A synthetic TrueType font, byte by byte
 * ------------------------------------------------------------------------ */

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

struct tsrc {
  uint32_t tag;
  const unsigned char *d;
  size_t n;
};

/* An sfnt file of the tables `t` (any order): directory sorted by tag,
 * tables 4-byte aligned, the last one unpadded so that the file ends with
 * its last byte. */
static unsigned char *sfnt(struct tsrc *t, unsigned n, size_t *len) {
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

enum { SYN_GLYPHS = 11, SYN_METRICS = 7, SYN_UPEM = 2048 };
static const unsigned syn_advance[SYN_METRICS] = {500, 1234, 1500, 777,
                                                  901, 333,  1025};
/* The same in 1/1000 em, worked out by hand: advance * 1000 / 2048. */
static const unsigned syn_width[SYN_GLYPHS] = {244, 602, 732, 379, 439, 162,
                                               500, 500, 500, 500, 500};
/* Points of each simple glyph (0: empty): 14 + 3n bytes. */
static const unsigned syn_points[SYN_GLYPHS] = {1, 2, 3, 3, 4, 1,
                                                2, 5, 0, 3, 1};

/* A composite glyph of glyphs 3 (words, scale), 5 (2x2) and 9 (words, x
 * and y scale): every kind of scale is followed by another component. */
static void composite_glyph(struct bb *g) {
  composite_header(g);
  component(g, C_WORDS | C_SCALE | C_MORE, 3);
  component(g, C_TWO_BY_TWO | C_MORE, 5);
  component(g, C_WORDS | C_XY_SCALE, 9);
}

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
 * keep odd lengths); cvt, fpgm and prep are there, and a GSUB.
 */
static unsigned char *synth_font(int long_loca, size_t extra,
                                 unsigned composites, size_t *len) {
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

/* The most glyphs a font can have, 65535, for the most characters a font
 * use can number: U+0001..U+FFFD map to glyphs 1..65533 (glyph cp + 1 is
 * past the font for U+FFFE). Only .notdef has an outline; one long metric,
 * advance 600 of 1000 units, and no leftSideBearing array. */
enum { WIDE_GLYPHS = 65535, WIDE_LAST_CP = 0xfffd };
static unsigned char *wide_font(size_t *len) {
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

/* ------------------------------------------------------------------------
 * Checking a subset against its font
 * ------------------------------------------------------------------------ */

static int tag_in(uint32_t tag, const uint32_t *tags, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (tags[i] == tag)
      return 1;
  return 0;
}

/* Parses the subset `sub` with the library after adding the one table it
 * lacks for that, an empty Unicode cmap (the PDF maps CIDs to glyphs
 * itself). The font is rebuilt by sfnt(), so this also checks that the
 * subset's tables stand on their own. */
static struct ttf *parse_subset(const unsigned char *sub, size_t len) {
  /* One (3, 1) subtable at 12: format 4, 24 bytes, one segment (the
   * final one, 0xFFFF). */
  static const unsigned char cmap[] = {
      0, 0, 0, 1, 0, 3, 0, 1, 0,    0,    0, 12, 0,    4,    0, 24, 0, 0,
      0, 2, 0, 2, 0, 0, 0, 0, 0xff, 0xff, 0, 0,  0xff, 0xff, 0, 1,  0, 0};
  unsigned n = be16(sub + 4);
  struct tsrc *t = calloc(n + 1, sizeof *t);
  cr_assert_not_null(t);
  for (unsigned i = 0; i < n; i++) {
    const unsigned char *r = sub + 12 + 16 * i;
    cr_assert_leq((uint64_t)be32(r + 8) + be32(r + 12), len);
    t[i] = (struct tsrc){be32(r), sub + be32(r + 8), be32(r + 12)};
  }
  t[n] = (struct tsrc){T_CMAP, cmap, sizeof cmap};
  size_t flen;
  unsigned char *font = sfnt(t, n + 1, &flen);
  free(t);
  struct ttf *s = NULL;
  qujat_status st = parse_copy(font, flen, &s);
  free(font);
  cr_assert_eq(st, QUJAT_OK, "the subset does not parse: %s", err.msg);
  return s;
}

/*
 * Checks `sub` as the subset of font `f` (whose file is `d`) whose glyph i
 * is glyph gids[i] of `f`, for i < n: the file's frame and checksums, the
 * set of tables, each table against the original, each glyph, each metric,
 * and that the library reads it back with those metrics.
 */
static void check_subset(const unsigned char *d, size_t dlen,
                         const struct ttf *f, const unsigned char *sub,
                         size_t len, const uint16_t *gids, size_t n) {
  static const uint32_t required[] = {T_GLYF, T_HEAD, T_HHEA,
                                      T_HMTX, T_LOCA, T_MAXP};
  static const uint32_t copied[] = {T_CVT, T_FPGM, T_PREP};
  static const uint32_t dropped[] = {T_CMAP, T_NAME, T_OS2, T_POST, T_GSUB};
  cr_assert(n >= 1 && n <= 0xffff && gids[0] == 0);

  /* The frame: header, directory sorted by tag, checksums, alignment. */
  cr_assert_geq(len, 12);
  cr_expect_eq(len % 4, 0, "length %zu", len);
  cr_expect_eq(word_sum(sub, len), 0xb1b0afbau, "whole-file sum %08x",
               word_sum(sub, len));
  cr_expect_eq(be32(sub), 0x00010000u);
  unsigned nt = be16(sub + 4);
  cr_assert_leq(12 + 16 * (size_t)nt, len);
  unsigned pow2 = 1, lg = 0;
  while (pow2 * 2 <= nt) {
    pow2 *= 2;
    lg++;
  }
  cr_expect_eq(be16(sub + 6), 16 * pow2, "searchRange");
  cr_expect_eq(be16(sub + 8), lg, "entrySelector");
  cr_expect_eq(be16(sub + 10), 16 * nt - 16 * pow2, "rangeShift");
  for (unsigned i = 0; i < nt; i++) {
    const unsigned char *r = sub + 12 + 16 * i;
    uint32_t tag = be32(r), off = be32(r + 8), tl = be32(r + 12);
    if (i)
      cr_expect_gt(tag, be32(r - 16), "directory not sorted at %u", i);
    cr_expect(tag_in(tag, required, 6) || tag_in(tag, copied, 3),
              "unexpected table %c%c%c%c", r[0], r[1], r[2], r[3]);
    cr_expect_eq(off % 4, 0, "table %08x at %u", tag, off);
    cr_expect_geq(off, 12 + 16 * nt);
    cr_assert_leq((uint64_t)off + tl, len, "table %08x outside", tag);
    for (size_t k = off + tl; k < ((off + tl + 3) & ~3u); k++)
      cr_expect_eq(sub[k], 0, "padding after %08x", tag);
    unsigned char *copy = exact_copy(sub + off, tl);
    if (tag == T_HEAD && tl >= 12)
      memset(copy + 8, 0, 4);
    cr_expect_eq(be32(r + 4), word_sum(copy, tl), "checksum of %08x", tag);
    free(copy);
    for (unsigned j = 0; j < i; j++) {
      const unsigned char *q = sub + 12 + 16 * j;
      uint32_t o2 = be32(q + 8), l2 = be32(q + 12);
      cr_expect(off + tl <= o2 || o2 + l2 <= off, "tables %u and %u overlap", i,
                j);
    }
  }

  /* The table set: the six, and cvt, fpgm and prep as they are when the
   * font has them; nothing else. */
  uint32_t off, tl, ooff, otl;
  unsigned want_tables = 6;
  for (size_t i = 0; i < 6; i++)
    cr_assert(ref_table(sub, len, required[i], &off, &tl), "no %08x",
              required[i]);
  for (size_t i = 0; i < 3; i++) {
    int in_orig = ref_table(d, dlen, copied[i], &ooff, &otl);
    int in_sub = ref_table(sub, len, copied[i], &off, &tl);
    want_tables += in_orig;
    cr_expect_eq(in_sub, in_orig, "table %08x", copied[i]);
    if (in_orig && in_sub)
      cr_expect(tl == otl && memcmp(sub + off, d + ooff, tl) == 0,
                "table %08x not copied as is", copied[i]);
  }
  for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
    cr_expect_not(ref_table(sub, len, dropped[i], &off, &tl), "table %08x kept",
                  dropped[i]);
  cr_expect_eq(nt, want_tables, "%u tables, %u wanted", nt, want_tables);

  /* The outlines kept, each padded to an even length, and so the loca
   * format: short whenever the offsets fit. */
  size_t want_glyf = 0;
  for (size_t i = 0; i < n; i++) {
    size_t oo, ol;
    ref_glyph_at(d, dlen, gids[i], &oo, &ol);
    want_glyf += (ol + 1) & ~(size_t)1;
  }
  uint32_t glyf_len;
  ref_need(sub, len, T_GLYF, &glyf_len);
  cr_expect_eq(glyf_len, want_glyf, "glyf of %u bytes, %zu wanted", glyf_len,
               want_glyf);
  int want_long = want_glyf > 0x1fffe;

  /* head: as the original but checkSumAdjustment and indexToLocFormat. */
  const unsigned char *head = ref_need(sub, len, T_HEAD, &tl);
  const unsigned char *ohead = ref_need(d, dlen, T_HEAD, NULL);
  cr_assert_eq(tl, 54);
  cr_expect_eq(memcmp(head, ohead, 8), 0);
  cr_expect_eq(memcmp(head + 12, ohead + 12, 38), 0);
  cr_expect_eq(memcmp(head + 52, ohead + 52, 2), 0);
  int long_loca = be16(head + 50);
  cr_expect_eq(long_loca, want_long, "indexToLocFormat %d, glyf %u", long_loca,
               glyf_len);

  /* hhea: numberOfHMetrics is the glyph count, the rest as it was. */
  const unsigned char *hhea = ref_need(sub, len, T_HHEA, &tl);
  cr_assert_eq(tl, 36);
  cr_expect_eq(memcmp(hhea, ref_need(d, dlen, T_HHEA, NULL), 34), 0);
  cr_expect_eq(be16(hhea + 34), n, "numberOfHMetrics %u for %zu glyphs",
               be16(hhea + 34), n);

  /* maxp: numGlyphs is the glyph count, the rest as it was. */
  const unsigned char *maxp = ref_need(sub, len, T_MAXP, &tl);
  const unsigned char *omaxp = ref_need(d, dlen, T_MAXP, &otl);
  cr_expect_eq(tl, otl < 32 ? otl : 32);
  cr_expect_eq(memcmp(maxp, omaxp, 4), 0);
  cr_expect_eq(memcmp(maxp + 6, omaxp + 6, tl - 6), 0);
  unsigned ng = ref_nglyphs(sub, len);
  cr_expect_eq(ng, n, "numGlyphs %u for %zu glyphs", ng, n);

  /* loca and glyf: glyph i is the outline of gids[i], unchanged. */
  const unsigned char *loca = ref_need(sub, len, T_LOCA, &tl);
  cr_assert_eq(tl, (n + 1) * (long_loca ? 4u : 2u));
  cr_expect_eq(long_loca ? be32(loca) : be16(loca), 0);
  for (size_t i = 0; i < n; i++) {
    size_t so, sl, oo, ol;
    ref_glyph_at(sub, len, (unsigned)i, &so, &sl);
    ref_glyph_at(d, dlen, gids[i], &oo, &ol);
    cr_expect_eq(sl, (ol + 1) & ~(size_t)1, "glyph %zu (%u): %zu bytes for %zu",
                 i, gids[i], sl, ol);
    cr_expect(memcmp(sub + so, d + oo, ol) == 0,
              "glyph %zu is not the outline of glyph %u", i, gids[i]);
    if (sl > ol)
      cr_expect_eq(sub[so + ol], 0, "glyph %zu: padding", i);
  }
  uint32_t last = long_loca ? be32(loca + 4 * n) : 2u * be16(loca + 2 * n);
  cr_expect_eq(last, glyf_len, "glyf holds more than the glyphs");

  /* hmtx: a long metric per glyph, those of gids[i] in the original (the
   * last long metric's advance past numberOfHMetrics, the lsb of the
   * leftSideBearing array). */
  const unsigned char *hmtx = ref_need(sub, len, T_HMTX, &tl);
  cr_assert_eq(tl, 4 * n, "hmtx of %u bytes for %zu glyphs", tl, n);
  for (size_t i = 0; i < n; i++) {
    cr_expect_eq(be16(hmtx + 4 * i), ref_advance(d, dlen, gids[i]),
                 "advance of glyph %zu (%u)", i, gids[i]);
    cr_expect_eq(sbe16(hmtx + 4 * i + 2), ref_lsb(d, dlen, gids[i]),
                 "lsb of glyph %zu (%u)", i, gids[i]);
  }

  /* Read back by the library: same metrics, the widths of the glyphs
   * kept; no OS/2, post or name, so their defaults. */
  struct ttf *s = parse_subset(sub, len);
  cr_expect_eq(s->nglyphs, n);
  cr_expect_eq(s->units_per_em, f->units_per_em);
  cr_expect_eq(memcmp(s->bbox, f->bbox, sizeof s->bbox), 0);
  cr_expect_eq(s->ascent, f->ascent);
  cr_expect_eq(s->descent, f->descent);
  cr_expect_eq(s->cap_height, s->ascent, "an OS/2 table was read");
  cr_expect_eq(s->italic_angle, 0, "a post table was read");
  cr_expect_str_eq(s->ps_name, "QujatFont", "a name table was read");
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(qujat_ttf_width(s, (unsigned)i), qujat_ttf_width(f, gids[i]),
                 "width of glyph %zu (%u)", i, gids[i]);
  qujat_ttf_free(s);
}

/* Subsets `f` (file `d`) to `gids`, checks the result and returns it
 * (free()). */
static unsigned char *subset_checked(const unsigned char *d, size_t dlen,
                                     const struct ttf *f, const uint16_t *gids,
                                     size_t n, size_t *out_len) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_ttf_subset(f, gids, n, &out);
  cr_assert_eq(st, QUJAT_OK, "subset of %zu glyphs: %s", n, qujat_strerror(st));
  check_subset(d, dlen, f, (unsigned char *)out.data, out.len, gids, n);
  *out_len = out.len;
  return (unsigned char *)qujat_buf_take(&out, out_len);
}

/* ------------------------------------------------------------------------
 * (a) Loading the bundled fonts, and refusing damaged ones
 * ------------------------------------------------------------------------ */

Test(ttf, bundled_fonts_load_with_the_sizes_and_crcs_of_fonts_xml) {
  struct {
    const char *file, *ps_name;
    const struct ttf *f;
    const unsigned char *d;
    size_t len;
  } fonts[] = {{REGULAR_FILE, "QujatSans-Regular", reg, reg_bytes, reg_len},
               {BOLD_FILE, "QujatSans-Bold", bold, bold_bytes, bold_len}};
  for (int i = 0; i < 2; i++) {
    const unsigned char *d = fonts[i].d;
    size_t len = fonts[i].len;
    const struct ttf *f = fonts[i].f;
    long bytes;
    uint32_t crc;
    font_spec(fonts[i].file, &bytes, &crc);
    cr_expect_eq((long)len, bytes, "%s: fonts.xml is stale", fonts[i].file);
    cr_expect_eq(crc_of(d, len), crc, "%s: fonts.xml is stale", fonts[i].file);
    cr_expect_eq(f->len, len);
    cr_expect_eq(memcmp(f->data, d, len), 0);
    cr_expect_str_eq(f->ps_name, fonts[i].ps_name);
    cr_expect(strstr(f->path, fonts[i].file) != NULL, "path %s", f->path);
    unsigned upem = ref_upem(d, len);
    cr_expect_eq(f->units_per_em, upem);
    cr_expect_eq(f->nglyphs, ref_nglyphs(d, len));
    cr_expect_gt(f->nglyphs, 300);
    const unsigned char *head = ref_need(d, len, T_HEAD, NULL);
    const unsigned char *hhea = ref_need(d, len, T_HHEA, NULL);
    const unsigned char *os2 = ref_need(d, len, T_OS2, NULL);
    for (int k = 0; k < 4; k++)
      cr_expect_eq(f->bbox[k], sbe16(head + 36 + 2 * k) * 1000 / (int)upem,
                   "bbox[%d]", k);
    cr_expect_eq(f->ascent, sbe16(hhea + 4) * 1000 / (int)upem);
    cr_expect_eq(f->descent, sbe16(hhea + 6) * 1000 / (int)upem);
    cr_expect_geq(be16(os2), 2);
    cr_expect_eq(f->cap_height, sbe16(os2 + 88) * 1000 / (int)upem);
    cr_expect(f->ascent > f->cap_height && f->cap_height > 0 && f->descent < 0,
              "ascent %d, cap height %d, descent %d", f->ascent, f->cap_height,
              f->descent);
    cr_expect(f->bbox[0] < f->bbox[2] && f->bbox[1] < f->bbox[3]);
    for (unsigned g = 0; g <= f->nglyphs; g++) {
      size_t off, glen;
      if (g < f->nglyphs) {
        ref_glyph_at(d, len, g, &off, &glen);
        cr_expect_eq(f->loca[g + 1] - f->loca[g], glen, "loca of %u", g);
        cr_expect_eq(f->glyf_offset + f->loca[g], off, "loca of %u", g);
      }
    }
  }
  cr_expect(memcmp(reg_bytes, bold_bytes, 1000) != 0 || reg_len != bold_len);
}

/* Loads `path` expecting a font error with `want` in the message. */
static void expect_load_error(const char *path, long bytes, uint32_t crc,
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

Test(ttf, wrong_crc_is_a_font_error) {
  long bytes;
  uint32_t crc;
  font_spec(REGULAR_FILE, &bytes, &crc);
  char got[16], want[16];
  snprintf(got, sizeof got, "%08lx", (unsigned long)crc);
  snprintf(want, sizeof want, "%08lx", (unsigned long)(crc ^ 0x80000001u));
  expect_load_error(FONTS_DIR "/" REGULAR_FILE, bytes, crc ^ 0x80000001u,
                    "damaged", got);
  expect_load_error(FONTS_DIR "/" REGULAR_FILE, bytes, crc ^ 0x80000001u,
                    "CRC-32", want);
  /* The bold font's numbers for the regular font. */
  long bold_size;
  uint32_t bold_crc;
  font_spec(BOLD_FILE, &bold_size, &bold_crc);
  expect_load_error(FONTS_DIR "/" REGULAR_FILE, bold_size, bold_crc, "damaged",
                    NULL);
}

Test(ttf, wrong_size_is_a_font_error) {
  long bytes;
  uint32_t crc;
  font_spec(BOLD_FILE, &bytes, &crc);
  char n[32];
  snprintf(n, sizeof n, "%ld bytes", bytes - 1);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, bytes - 1, crc,
                    "damaged: the file is longer", n);
  snprintf(n, sizeof n, "%ld", bytes + 1);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, bytes + 1, crc, "damaged", n);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, 0, crc, "damaged", NULL);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, -1, crc, "damaged", NULL);
  expect_load_error(FONTS_DIR "/" BOLD_FILE, 1L << 30, crc, "damaged", NULL);
}

Test(ttf, truncated_copy_is_a_font_error) {
  long bytes;
  uint32_t crc;
  font_spec(REGULAR_FILE, &bytes, &crc);
  size_t half = reg_len / 2;
  const char *path = write_tmp("half.ttf", reg_bytes, half);
  char n[32];
  snprintf(n, sizeof n, "%zu bytes", half);
  /* With the numbers of fonts.xml: the size gives it away. */
  expect_load_error(path, bytes, crc, "damaged", n);
  /* With numbers that match the cut file: the font itself is refused. */
  expect_load_error(path, (long)half, crc_of(reg_bytes, half),
                    "not a usable TrueType font", "outside the file");
  /* One byte short. */
  path = write_tmp("short.ttf", reg_bytes, reg_len - 1);
  expect_load_error(path, bytes, crc, "damaged", NULL);
  expect_load_error(path, bytes - 1, crc_of(reg_bytes, reg_len - 1),
                    "not a usable TrueType font", NULL);
  /* Bytes appended to a good font: the first `bytes` have the right CRC,
   * the file is longer. */
  unsigned char *longer = malloc(reg_len + 100);
  cr_assert_not_null(longer);
  memcpy(longer, reg_bytes, reg_len);
  memset(longer + reg_len, 0, 100);
  path = write_tmp("longer.ttf", longer, reg_len + 100);
  free(longer);
  expect_load_error(path, bytes, crc, "damaged: the file is longer", NULL);
  /* Empty. */
  path = write_tmp("empty.ttf", "", 0);
  expect_load_error(path, bytes, crc, "damaged", "0 bytes");
}

Test(ttf, missing_file_and_directory_are_font_errors) {
  long bytes;
  uint32_t crc;
  font_spec(REGULAR_FILE, &bytes, &crc);
  expect_load_error(FONTS_DIR "/NoSuchFont.ttf", bytes, crc, "cannot open",
                    NULL);
  expect_load_error(FONTS_DIR, bytes, crc, "damaged", NULL);
}

Test(ttf, garbage_bytes_are_a_font_error) {
  unsigned char junk[4096];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (unsigned char)rnd();
  junk[0] = 0x47; /* not a TrueType version */
  const char *path = write_tmp("junk.ttf", junk, sizeof junk);
  expect_load_error(path, (long)sizeof junk, crc_of(junk, sizeof junk),
                    "not a usable TrueType font", "no TrueType header");
  /* A TrueType header over a directory longer than the file. */
  put32(junk, 0x00010000);
  put16(junk + 4, 0xffff);
  path = write_tmp("junk2.ttf", junk, sizeof junk);
  expect_load_error(path, (long)sizeof junk, crc_of(junk, sizeof junk),
                    "not a usable TrueType font", "cut short");
  /* An OpenType font with CFF outlines is not TrueType. */
  unsigned char *otf = exact_copy(reg_bytes, reg_len);
  memcpy(otf, "OTTO", 4);
  path = write_tmp("cff.otf", otf, reg_len);
  expect_load_error(path, (long)reg_len, crc_of(otf, reg_len),
                    "not a usable TrueType font", "no TrueType header");
  free(otf);
}

/* ------------------------------------------------------------------------
 * (b) Parsing damaged fonts: errors, never crashes
 * ------------------------------------------------------------------------ */

/* Parses a copy of `d`, expecting a font error (with `want` in the
 * message when not NULL). */
static void expect_parse_error(const unsigned char *d, size_t len,
                               const char *want, const char *what) {
  struct ttf *f = &not_null;
  qujat_status st = parse_copy(d, len, &f);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s", what, qujat_strerror(st));
  cr_expect_null(f, "%s", what);
  cr_expect_str_eq(err.file, "test.ttf", "%s", what);
  cr_expect(strstr(err.msg, "not a usable TrueType font") != NULL,
            "%s: message '%s'", what, err.msg);
  if (want)
    cr_expect(strstr(err.msg, want) != NULL, "%s: message '%s' lacks '%s'",
              what, err.msg, want);
  if (st == QUJAT_OK)
    qujat_ttf_free(f);
}

Test(ttf, every_truncation_is_refused) {
  char what[64];
  for (size_t len = 0; len <= 2000; len++) {
    snprintf(what, sizeof what, "first %zu bytes", len);
    expect_parse_error(reg_bytes, len, NULL, what);
  }
  expect_parse_error(reg_bytes, reg_len - 1, "outside the file", "-1 byte");
  expect_parse_error(reg_bytes, reg_len / 2, "outside the file", "half");
  expect_parse_error(reg_bytes, 11, "no TrueType header", "11 bytes");
  expect_parse_error(reg_bytes, 100, "cut short", "100 bytes");
  /* The synthetic font ends with its last table, unpadded: every cut
   * shortens a table. */
  size_t slen;
  unsigned char *syn = synth_font(1, 0, 0, &slen);
  for (size_t len = 0; len < slen; len++) {
    snprintf(what, sizeof what, "synthetic, first %zu bytes", len);
    expect_parse_error(syn, len, NULL, what);
  }
  struct ttf *f = NULL;
  cr_expect_eq(parse_copy(syn, slen, &f), QUJAT_OK, "%s", err.msg);
  qujat_ttf_free(f);
  free(syn);
}

Test(ttf, table_outside_the_file_is_refused) {
  unsigned n = be16(reg_bytes + 4);
  const uint32_t L = (uint32_t)reg_len;
  const uint32_t cases[][2] = {{L, 1},
                               {L + 1, 0},
                               {L - 1, 2},
                               {0xffffffffu, 1},
                               {0xffffffffu, 0},
                               {0, L + 1},
                               {16, 0xfffffff0u},
                               {0xfffffff0u, 0x20},
                               {L - 4, 0xffffffffu}};
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  for (unsigned i = 0; i < n; i++) {
    unsigned char *r = d + 12 + 16 * i;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
      unsigned char saved[8];
      memcpy(saved, r + 8, 8);
      put32(r + 8, cases[k][0]);
      put32(r + 12, cases[k][1]);
      char what[96];
      snprintf(what, sizeof what, "table %u at %08x, %08x bytes", i,
               cases[k][0], cases[k][1]);
      expect_parse_error(d, reg_len, "a table lies outside the file", what);
      memcpy(r + 8, saved, 8);
    }
  }
  free(d);
}

/* The length each table needs in the bundled regular font; 0 for the
 * optional ones (name, post, OS/2) and those not read at all. */
static uint32_t needed_length(uint32_t tag) {
  uint32_t off, tl;
  switch (tag) {
  case T_HEAD:
    return 54;
  case T_HHEA:
    return 36;
  case T_MAXP:
    return 6;
  case T_HMTX:
    return 4 * ref_nmetrics(reg_bytes, reg_len);
  case T_LOCA:
    return 2 * (ref_nglyphs(reg_bytes, reg_len) + 1);
  case T_CMAP:
    cr_assert(ref_table(reg_bytes, reg_len, T_CMAP, &off, &tl));
    return tl; /* its one subtable ends with the table */
  case T_GLYF: {
    size_t o, l;
    ref_glyph_at(reg_bytes, reg_len, ref_nglyphs(reg_bytes, reg_len) - 1, &o,
                 &l);
    cr_assert(ref_table(reg_bytes, reg_len, T_GLYF, &off, &tl));
    return (uint32_t)(o + l - off);
  }
  default:
    return 0;
  }
}

Test(ttf, table_shorter_than_needed_is_refused_or_ignored) {
  unsigned n = be16(reg_bytes + 4);
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  for (unsigned i = 0; i < n; i++) {
    unsigned char *r = d + 12 + 16 * i;
    uint32_t tag = be32(r), tl = be32(r + 12), need = needed_length(tag);
    cr_assert_leq(need, tl);
    for (uint32_t l = 0; l < tl; l = l < 2000 ? l + 1 : tl - 1) {
      put32(r + 12, l);
      char what[64];
      snprintf(what, sizeof what, "table %c%c%c%c cut to %u", r[0], r[1], r[2],
               r[3], l);
      if (l < need) {
        expect_parse_error(d, reg_len, NULL, what);
      } else {
        struct ttf *f = NULL;
        qujat_status st = parse_copy(d, reg_len, &f);
        cr_expect_eq(st, QUJAT_OK, "%s: %s", what, err.msg);
        if (f && tag == T_NAME && l < 6)
          cr_expect_str_eq(f->ps_name, "QujatFont", "%s", what);
        if (f && tag == T_OS2 && l < 90)
          cr_expect_eq(f->cap_height, f->ascent, "%s", what);
        if (f && tag == T_POST && l < 32)
          cr_expect_eq(f->italic_angle, 0, "%s", what);
        qujat_ttf_free(f);
      }
      if (l == tl - 1)
        break;
    }
    put32(r + 12, tl);
  }
  free(d);
}

/* A cmap encoding record whose offset is near 4 GiB: offset + 14 wraps
 * around in 32 bits. */
Test(ttf, cmap_subtable_offset_that_wraps_is_refused) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  uint32_t coff, clen;
  cr_assert(ref_table(d, reg_len, T_CMAP, &coff, &clen));
  unsigned nsub = be16(d + coff + 2);
  cr_assert_geq(nsub, 1);
  for (uint32_t off = 0xfffffff0u; off != 0; off++) {
    for (unsigned k = 0; k < nsub; k++)
      put32(d + coff + 8 + 8 * k, off);
    char what[64];
    snprintf(what, sizeof what, "cmap subtable at %08x", off);
    expect_parse_error(d, reg_len, "no Unicode cmap", what);
  }
  for (unsigned k = 0; k < nsub; k++)
    put32(d + coff + 8 + 8 * k, clen); /* just past the end */
  expect_parse_error(d, reg_len, "no Unicode cmap", "cmap subtable at end");
  free(d);
}

Test(ttf, damaged_cmap_loca_and_metrics_are_refused) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  uint32_t off, tl;
  /* cmap: the Windows subtable is the reader's; find it. */
  cr_assert(ref_table(d, reg_len, T_CMAP, &off, &tl));
  unsigned char *cmap = d + off, *sub = NULL;
  for (unsigned i = 0; i < be16(cmap + 2); i++)
    if (be16(cmap + 4 + 8 * i) == 3 || be16(cmap + 4 + 8 * i) == 0)
      sub = cmap + be32(cmap + 8 + 8 * i); /* all point at one subtable */
  cr_assert_not_null(sub);
  unsigned char saved[64];
  memcpy(saved, sub, sizeof saved);
  put16(sub + 2, 0xffff);
  expect_parse_error(d, reg_len, "subtable is cut short", "cmap length");
  memcpy(sub, saved, sizeof saved);
  put16(sub + 6, 0xfffe);
  expect_parse_error(d, reg_len, "segments are cut short", "segCountX2");
  memcpy(sub, saved, sizeof saved);
  unsigned nseg = be16(sub + 6) / 2;
  put16(sub + 16 + 6 * nseg, 0xfffe); /* idRangeOffset of segment 0 */
  expect_parse_error(d, reg_len, "points outside itself", "idRangeOffset");
  put16(sub + 16 + 6 * nseg, 0);
  put16(sub, 6); /* format 6 only */
  expect_parse_error(d, reg_len, "no Unicode cmap of format 4", "format 6");
  memcpy(sub, saved, sizeof saved);
  for (unsigned i = 0; i < be16(cmap + 2); i++)
    put16(cmap + 4 + 8 * i, 1); /* Macintosh only */
  expect_parse_error(d, reg_len, "no Unicode cmap of format 4", "Mac cmap");
  memcpy(d, reg_bytes, reg_len);

  /* loca: out of order, past glyf, or long while the table is short. */
  cr_assert(ref_table(d, reg_len, T_LOCA, &off, &tl));
  put16(d + off + 20, be16(d + off + 20) + 100);
  put16(d + off + 22, be16(d + off + 22) - 1);
  expect_parse_error(d, reg_len, "loca table points outside glyf",
                     "decreasing loca");
  memcpy(d, reg_bytes, reg_len);
  put16(d + off + tl - 2, 0xffff);
  expect_parse_error(d, reg_len, "loca table points outside glyf",
                     "loca past glyf");
  memcpy(d, reg_bytes, reg_len);
  cr_assert(ref_table(d, reg_len, T_HEAD, &off, &tl));
  put16(d + off + 50, 1);
  expect_parse_error(d, reg_len, "no loca or glyf", "long loca");
  memcpy(d, reg_bytes, reg_len);

  /* head: units per em out of range, and its bounds. */
  static const unsigned bad_upem[] = {0, 1, 15, 16385, 0xffff};
  for (size_t i = 0; i < sizeof bad_upem / sizeof *bad_upem; i++) {
    put16(d + off + 18, bad_upem[i]);
    expect_parse_error(d, reg_len, "units per em", "upem");
  }
  static const unsigned good_upem[] = {16, 16384};
  for (size_t i = 0; i < 2; i++) {
    put16(d + off + 18, good_upem[i]);
    struct ttf *f = NULL;
    cr_expect_eq(parse_copy(d, reg_len, &f), QUJAT_OK, "upem %u: %s",
                 good_upem[i], err.msg);
    if (f)
      cr_expect_eq(
          qujat_ttf_width(f, qujat_ttf_glyph(f, 'A')),
          ref_advance(reg_bytes, reg_len, ref_glyph(reg_bytes, reg_len, 'A')) *
              1000 / good_upem[i]);
    qujat_ttf_free(f);
  }
  memcpy(d, reg_bytes, reg_len);

  /* maxp and hhea counts. */
  cr_assert(ref_table(d, reg_len, T_MAXP, &off, &tl));
  put16(d + off + 4, 0);
  expect_parse_error(d, reg_len, "no glyphs", "numGlyphs 0");
  put16(d + off + 4, 0xffff);
  expect_parse_error(d, reg_len, NULL, "numGlyphs 65535");
  memcpy(d, reg_bytes, reg_len);
  cr_assert(ref_table(d, reg_len, T_HHEA, &off, &tl));
  put16(d + off + 34, 0);
  expect_parse_error(d, reg_len, "hmtx", "numberOfHMetrics 0");
  put16(d + off + 34, reg->nglyphs + 1);
  expect_parse_error(d, reg_len, "hmtx", "numberOfHMetrics too many");
  memcpy(d, reg_bytes, reg_len);

  /* The 'true' version tag of old Apple fonts is TrueType too. */
  memcpy(d, "true", 4);
  struct ttf *f = NULL;
  cr_expect_eq(parse_copy(d, reg_len, &f), QUJAT_OK, "%s", err.msg);
  qujat_ttf_free(f);
  free(d);
}

/* Random damage to the bytes: the parse fails cleanly or succeeds, and a
 * font that parses gives a subset (of its glyphs in a random order) that
 * parses again with the widths of the glyphs kept. */
static void damage_and_subset(const unsigned char *orig, size_t len, size_t hot,
                              int rounds) {
  unsigned char *d = malloc(len);
  uint16_t *gids = NULL;
  cr_assert_not_null(d);
  int parsed = 0;
  for (int round = 0; round < rounds; round++) {
    memcpy(d, orig, len);
    int flips = 1 + (int)(rnd() % 4);
    for (int k = 0; k < flips; k++) {
      size_t at = rnd() % 2 ? rnd() % hot : rnd() % len;
      d[at] = rnd() % 3 ? (unsigned char)rnd() : d[at] ^ 0x80;
    }
    struct ttf *f = NULL;
    qujat_status st = parse_copy(d, len, &f);
    cr_assert(st == QUJAT_OK || st == QUJAT_ERR_FONT, "round %d: %s", round,
              qujat_strerror(st));
    if (st != QUJAT_OK)
      continue;
    parsed++;
    gids = realloc(gids, (f->nglyphs + 1) * sizeof *gids);
    cr_assert_not_null(gids);
    size_t n = 1;
    gids[0] = 0;
    for (unsigned g = 1; g < f->nglyphs; g++)
      if (round % 5 == 0 || rnd() % 3 == 0)
        gids[n++] = (uint16_t)g;
    for (size_t i = n - 1; i > 1; i--) { /* shuffle all but .notdef */
      size_t j = 1 + rnd() % i;
      uint16_t x = gids[i];
      gids[i] = gids[j];
      gids[j] = x;
    }
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    st = qujat_ttf_subset(f, gids, n, &out);
    cr_assert_eq(st, QUJAT_OK, "round %d: subset %s", round,
                 qujat_strerror(st));
    cr_expect_eq(word_sum((unsigned char *)out.data, out.len), 0xb1b0afbau,
                 "round %d", round);
    struct ttf *s = parse_subset((unsigned char *)out.data, out.len);
    cr_expect_eq(s->nglyphs, n, "round %d", round);
    for (size_t i = 0; i < n; i++)
      cr_expect_eq(qujat_ttf_width(s, (unsigned)i), qujat_ttf_width(f, gids[i]),
                   "round %d: width of glyph %zu (%u)", round, i, gids[i]);
    qujat_ttf_free(s);
    qujat_buf_free(&out);
    qujat_ttf_free(f);
  }
  cr_expect_gt(parsed, rounds / 20, "only %d of %d damaged fonts parsed",
               parsed, rounds);
  free(gids);
  free(d);
}

Test(ttf, random_damage_never_crashes) {
  uint32_t glyf_off, glyf_len;
  cr_assert(ref_table(reg_bytes, reg_len, T_GLYF, &glyf_off, &glyf_len));
  /* Directory, head, hhea, maxp, OS/2, hmtx, cmap and loca lie before
   * glyf in the bundled fonts. */
  damage_and_subset(reg_bytes, reg_len, glyf_off, 1500);
  size_t slen;
  unsigned char *syn = synth_font(0, 0, 0, &slen);
  damage_and_subset(syn, slen, slen, 4000);
  free(syn);
  syn = synth_font(1, 0, 0, &slen);
  damage_and_subset(syn, slen, slen, 4000);
  free(syn);
}

/* ------------------------------------------------------------------------
 * (b2) Composite glyphs: refused, since subsets renumber glyphs
 * ------------------------------------------------------------------------ */

static void expect_composite_refused(const unsigned char *d, size_t len,
                                     const char *what) {
  expect_parse_error(d, len, "composite glyphs", what);
}

Test(ttf, synthetic_font_with_composite_glyphs_is_refused) {
  /* Without composites it parses, with both loca formats. */
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, 0, &len);
    struct ttf *f = NULL;
    cr_expect_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
    qujat_ttf_free(f);
    free(d);
  }
  /* One composite anywhere (first, mapped, unmapped, past
   * numberOfHMetrics, last), or several, and the font is refused. */
  static const unsigned masks[] = {
      1u << 0, 1u << 2,  1u << 4, 1u << 7,
      1u << 9, 1u << 10, 0x494u,  0x7ffu & ~(1u << 8)};
  for (int long_loca = 0; long_loca < 2; long_loca++)
    for (size_t i = 0; i < sizeof masks / sizeof *masks; i++) {
      size_t len;
      unsigned char *d = synth_font(long_loca, 0, masks[i], &len);
      char what[64];
      snprintf(what, sizeof what, "composites %03x, %s loca", masks[i],
               long_loca ? "long" : "short");
      expect_composite_refused(d, len, what);
      /* Also through the loader, with the file's own size and CRC. */
      if (i == 1 && long_loca) {
        const char *path = write_tmp("composite.ttf", d, len);
        expect_load_error(path, (long)len, crc_of(d, len), "composite glyphs",
                          "not a usable TrueType font");
      }
      free(d);
    }
}

Test(ttf, bundled_font_with_a_composite_glyph_is_refused) {
  unsigned char *d = exact_copy(reg_bytes, reg_len);
  /* numberOfContours < 0 marks a composite: -1, as fonts write it, and any
   * other negative number. */
  static const unsigned marks[] = {0xffff, 0x8000, 0xfffe};
  unsigned last = reg->nglyphs - 1; /* the last glyph with an outline */
  while (last > 0 && reg->loca[last + 1] - reg->loca[last] < 10)
    last--;
  unsigned glyphs[] = {0, qujat_ttf_glyph(reg, 'A'),
                       qujat_ttf_glyph(reg, 0x049B), last};
  for (size_t k = 0; k < sizeof glyphs / sizeof *glyphs; k++) {
    size_t off, glen;
    ref_glyph_at(reg_bytes, reg_len, glyphs[k], &off, &glen);
    cr_assert_geq(glen, 2, "glyph %u has no outline", glyphs[k]);
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
      put16(d + off, marks[m]);
      char what[64];
      snprintf(what, sizeof what, "glyph %u with %04x contours", glyphs[k],
               marks[m]);
      expect_composite_refused(d, reg_len, what);
    }
    memcpy(d + off, reg_bytes + off, 2);
  }
  /* Zero or many contours is a simple glyph; an empty glyph has no
   * contour count at all. */
  size_t off, glen;
  ref_glyph_at(reg_bytes, reg_len, qujat_ttf_glyph(reg, 'A'), &off, &glen);
  static const unsigned simple[] = {0, 1, 0x7fff};
  for (size_t m = 0; m < sizeof simple / sizeof *simple; m++) {
    put16(d + off, simple[m]);
    struct ttf *f = NULL;
    cr_expect_eq(parse_copy(d, reg_len, &f), QUJAT_OK, "%04x contours: %s",
                 simple[m], err.msg);
    qujat_ttf_free(f);
  }
  free(d);
}

/* Every glyph of the bundled fonts is simple (numberOfContours >= 0) or
 * empty, read here from the bytes. */
Test(ttf, bundled_fonts_have_no_composite_glyphs) {
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    unsigned ng = ref_nglyphs(bytes[i], lens[i]), simple = 0;
    for (unsigned g = 0; g < ng; g++) {
      size_t off, glen;
      ref_glyph_at(bytes[i], lens[i], g, &off, &glen);
      if (glen == 0)
        continue;
      cr_assert_geq(glen, 10, "font %d glyph %u: %zu bytes", i, g, glen);
      cr_expect_geq(sbe16(bytes[i] + off), 0, "font %d glyph %u is composite",
                    i, g);
      simple++;
    }
    cr_expect_gt(simple, ng / 2);
  }
}

/* ------------------------------------------------------------------------
 * (c) Glyphs and widths
 * ------------------------------------------------------------------------ */

/* The nine Kazakh letters outside Russian, small and capital, then the
 * Russian alphabet, quotation marks, dashes, numero sign, NBSP. */
static const uint32_t needed_cps[] = {
    0x04D9, 0x0493, 0x049B, 0x04A3, 0x04E9, 0x04B1, 0x04AF, 0x04BB, 0x0456,
    0x04D8, 0x0492, 0x049A, 0x04A2, 0x04E8, 0x04B0, 0x04AE, 0x04BA, 0x0406,
    0x0401, 0x0451, 0x00AB, 0x00BB, 0x2013, 0x2014, 0x2116, 0x00A0};

Test(ttf, kazakh_russian_and_punctuation_have_glyphs) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    const struct ttf *f = fonts[i];
    uint32_t cps[sizeof needed_cps / sizeof *needed_cps + 64];
    size_t n = 0;
    for (size_t k = 0; k < sizeof needed_cps / sizeof *needed_cps; k++)
      cps[n++] = needed_cps[k];
    for (uint32_t cp = 0x0410; cp <= 0x044F; cp++) /* А..я */
      cps[n++] = cp;
    for (size_t k = 0; k < n; k++) {
      unsigned g = qujat_ttf_glyph(f, cps[k]);
      cr_expect_neq(g, 0, "font %d: no glyph for U+%04X", i, cps[k]);
      cr_expect_lt(g, f->nglyphs);
      cr_expect_eq(g, ref_glyph(bytes[i], lens[i], cps[k]), "font %d: U+%04X",
                   i, cps[k]);
      cr_expect_gt(qujat_ttf_width(f, g), 0, "font %d: U+%04X width 0", i,
                   cps[k]);
      size_t off, glen;
      ref_glyph_at(bytes[i], lens[i], g, &off, &glen);
      if (cps[k] != 0x00A0)
        cr_expect_gt(glen, 0, "font %d: U+%04X has no outline", i, cps[k]);
    }
    /* Small and capital Kazakh letters are different glyphs. */
    for (size_t k = 0; k < 9; k++)
      cr_expect_neq(qujat_ttf_glyph(f, needed_cps[k]),
                    qujat_ttf_glyph(f, needed_cps[k + 9]));
  }
}

Test(ttf, tenge_and_unmapped_code_points_give_notdef) {
  static const uint32_t none[] = {0x20B8,  0x0000,   0x001F,   0x007F,
                                  0x4E00,  0xFFFD,   0xFFFF,   0x10000,
                                  0x1F600, 0x10FFFF, 0x110000, 0xFFFFFFFFu};
  const struct ttf *fonts[] = {reg, bold};
  for (int i = 0; i < 2; i++)
    for (size_t k = 0; k < sizeof none / sizeof *none; k++)
      cr_expect_eq(qujat_ttf_glyph(fonts[i], none[k]), 0,
                   "font %d: U+%04X has a glyph", i, none[k]);
  /* Every BMP code point agrees with our own reading of the cmap. */
  for (uint32_t cp = 0; cp <= 0xffff; cp++) {
    unsigned want = ref_glyph(reg_bytes, reg_len, cp);
    if (want >= reg->nglyphs)
      want = 0;
    cr_assert_eq(qujat_ttf_glyph(reg, cp), want, "U+%04X", cp);
  }
  cr_expect_eq(qujat_ttf_width(reg, reg->nglyphs), 0, "glyph out of range");
  cr_expect_eq(qujat_ttf_width(reg, 0xffff), 0, "glyph out of range");
}

Test(ttf, widths_match_hmtx_read_independently) {
  static const uint32_t cps[] = {' ',    'A',    'W',    'i',    0x04D9,
                                 0x049A, 0x2014, 0x2116, 0x00A0, 0x0416};
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    unsigned upem = ref_upem(bytes[i], lens[i]);
    for (size_t k = 0; k < sizeof cps / sizeof *cps; k++) {
      unsigned g = ref_glyph(bytes[i], lens[i], cps[k]);
      unsigned want = ref_advance(bytes[i], lens[i], g) * 1000 / upem;
      cr_expect_gt(want, 0);
      cr_expect_eq(qujat_ttf_width(fonts[i], g), want,
                   "font %d: U+%04X: %u, hmtx says %u", i, cps[k],
                   qujat_ttf_width(fonts[i], g), want);
    }
    for (unsigned g = 0; g < fonts[i]->nglyphs; g++)
      cr_expect_eq(qujat_ttf_width(fonts[i], g),
                   ref_width(bytes[i], lens[i], g), "font %d glyph %u", i, g);
  }
  /* Bold is wider than regular for a few letters. */
  cr_expect_gt(qujat_ttf_width(bold, qujat_ttf_glyph(bold, 'W')), 0);
  cr_expect_neq(qujat_ttf_width(bold, qujat_ttf_glyph(bold, 'W')),
                qujat_ttf_width(reg, qujat_ttf_glyph(reg, 'W')));
}

Test(ttf, synthetic_font_metrics_cmap_and_widths) {
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, 0, &len);
    struct ttf *f = NULL;
    cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
    cr_expect_eq(f->units_per_em, SYN_UPEM);
    cr_expect_eq(f->nglyphs, SYN_GLYPHS);
    cr_expect_str_eq(f->ps_name, "Synth-Test");
    /* -100 -400 2000 1800 in 1/2048 em, truncated toward zero. */
    cr_expect_eq(f->bbox[0], -48);
    cr_expect_eq(f->bbox[1], -195);
    cr_expect_eq(f->bbox[2], 976);
    cr_expect_eq(f->bbox[3], 878);
    cr_expect_eq(f->ascent, 830);
    cr_expect_eq(f->descent, -244);
    cr_expect_eq(f->cap_height, 683);
    cr_expect_eq(f->italic_angle, -12);
    for (unsigned g = 0; g < SYN_GLYPHS; g++) {
      cr_expect_eq(qujat_ttf_width(f, g), syn_width[g], "glyph %u", g);
      cr_expect_eq(qujat_ttf_width(f, g), ref_width(d, len, g), "glyph %u", g);
    }
    static const struct {
      uint32_t cp;
      unsigned gid;
    } map[] = {{' ', 8},   {'@', 0},   {'A', 1},    {'B', 2},     {'C', 6},
               {'D', 7},   {'E', 10},  {'F', 0},    {0x4D7, 0},   {0x4D8, 1},
               {0x4D9, 2}, {0x4DA, 0}, {0xFFFF, 0}, {0x10041, 0}, {0x1F, 0}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
      cr_expect_eq(qujat_ttf_glyph(f, map[i].cp), map[i].gid, "U+%04X",
                   map[i].cp);
      cr_expect_eq(ref_glyph(d, len, map[i].cp), map[i].gid, "ref U+%04X",
                   map[i].cp);
    }
    /* Both loca formats read: 14 + 3n bytes a glyph, kept odd in the long
     * format, padded in the short one. */
    for (unsigned g = 0; g < SYN_GLYPHS; g++) {
      size_t want = syn_points[g] ? 14 + 3 * syn_points[g] : 0;
      if (!long_loca)
        want = (want + 1) & ~(size_t)1;
      cr_expect_eq(f->loca[g + 1] - f->loca[g], want, "glyph %u", g);
    }
    qujat_ttf_free(f);
    free(d);
  }
}

/* ------------------------------------------------------------------------
 * (d) Subsets
 * ------------------------------------------------------------------------ */

#define TEXT_KK "Қазақстан Республикасының көші-қоны: «Өтініш» № 12 — ұлт"

/* The code points of UTF-8 `s`, decoded here for independence from
 * utf8.c; returns their number. */
static size_t code_points(const char *s, uint32_t *cps) {
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

static int by_code_point(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* The different code points of `s` in increasing order: the characters of
 * CIDs 1, 2, 3... when `s` is all a font use draws. */
static size_t distinct_code_points(const char *s, uint32_t *cps) {
  size_t n = code_points(s, cps), k = 0;
  qsort(cps, n, sizeof *cps, by_code_point);
  for (size_t i = 0; i < n; i++)
    if (k == 0 || cps[k - 1] != cps[i])
      cps[k++] = cps[i];
  return k;
}

/* The glyph list a PDF embeds for the text `s`: .notdef, then the glyph
 * of each different character in code point order (by our cmap reader);
 * returns its length. */
static size_t text_gids(const unsigned char *d, size_t len, const char *s,
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

/* Shuffles gids[1..n) (.notdef stays first). */
static void shuffle_gids(uint16_t *gids, size_t n) {
  for (size_t i = n - 1; i > 1; i--) {
    size_t j = 1 + rnd() % i;
    uint16_t x = gids[i];
    gids[i] = gids[j];
    gids[j] = x;
  }
}

Test(ttf, subset_of_bundled_fonts_is_a_valid_font) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    const struct ttf *f = fonts[i];
    uint16_t *gids = calloc(f->nglyphs + 8, sizeof *gids);
    cr_assert_not_null(gids);
    size_t len;
    /* .notdef only. */
    free(subset_checked(bytes[i], lens[i], f, gids, 1, &len));
    /* A Kazakh sentence, as a PDF embeds it: small, and renumbered. */
    size_t n = text_gids(bytes[i], lens[i], TEXT_KK, gids);
    cr_assert_gt(n, 30);
    unsigned char *sub = subset_checked(bytes[i], lens[i], f, gids, n, &len);
    cr_expect_lt(len, lens[i] / 4, "a sentence's subset is %zu bytes", len);
    free(sub);
    /* Only the last glyph. */
    gids[1] = (uint16_t)(f->nglyphs - 1);
    free(subset_checked(bytes[i], lens[i], f, gids, 2, &len));
    /* A third of the glyphs, in a random order. */
    n = 1;
    for (unsigned g = 1; g < f->nglyphs; g++)
      if (rnd() % 3 == 0)
        gids[n++] = (uint16_t)g;
    shuffle_gids(gids, n);
    free(subset_checked(bytes[i], lens[i], f, gids, n, &len));
    /* Every glyph, backwards. */
    for (unsigned g = 1; g < f->nglyphs; g++)
      gids[g] = (uint16_t)(f->nglyphs - g);
    free(subset_checked(bytes[i], lens[i], f, gids, f->nglyphs, &len));
    /* Repeats, .notdef among them. */
    uint16_t a = (uint16_t)qujat_ttf_glyph(f, 0x04D9);
    uint16_t rep[] = {0, a, a, 0, (uint16_t)(f->nglyphs - 1), a};
    free(subset_checked(bytes[i], lens[i], f, rep, 6, &len));
    free(gids);
  }
}

Test(ttf, subset_is_deterministic_and_independent_of_buffer_start) {
  uint16_t gids[128], copy[128];
  size_t n = text_gids(reg_bytes, reg_len, TEXT_KK, gids);
  memcpy(copy, gids, sizeof gids);
  struct buf a, b, c;
  qujat_buf_init(&a, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&c, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &a), QUJAT_OK);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &b), QUJAT_OK);
  cr_expect_eq(a.len, b.len);
  cr_expect_eq(memcmp(a.data, b.data, a.len), 0, "two subsets differ");
  cr_expect_eq(memcmp(gids, copy, sizeof gids), 0, "gids were changed");
  /* Appended after other bytes (3, so misaligned): the same font. */
  cr_assert_eq(qujat_buf_add(&c, "xyz", 3), QUJAT_OK);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &c), QUJAT_OK);
  cr_expect_eq(c.len, 3 + a.len);
  cr_expect_eq(memcmp(c.data, "xyz", 3), 0);
  cr_expect_eq(memcmp(c.data + 3, a.data, a.len), 0,
               "the subset depends on what precedes it");
  /* The same glyphs in another order are another font. */
  uint16_t x = gids[1];
  gids[1] = gids[2];
  gids[2] = x;
  qujat_buf_reset(&b);
  cr_assert_eq(qujat_ttf_subset(reg, gids, n, &b), QUJAT_OK);
  cr_expect_eq(a.len, b.len);
  cr_expect(memcmp(a.data, b.data, a.len) != 0, "the order is ignored");
  qujat_buf_free(&a);
  qujat_buf_free(&b);
  qujat_buf_free(&c);
}

/* qujat_ttf_subset(f, gids, n) refused with LIMIT, nothing appended. */
static void expect_subset_refused(const struct ttf *f, const uint16_t *gids,
                                  size_t n, const char *what) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  qujat_status st = qujat_ttf_subset(f, gids, n, &out);
  cr_expect_eq(st, QUJAT_ERR_LIMIT, "%s: %s", what, qujat_strerror(st));
  cr_expect_eq(out.len, 2, "%s: %zu bytes appended", what, out.len - 2);
  cr_expect_str_eq(out.data, "ab");
  qujat_buf_free(&out);
}

Test(ttf, subset_refuses_bad_glyph_lists) {
  uint16_t gids[] = {0, 1, 2, 3};
  expect_subset_refused(reg, gids, 0, "no glyphs");
  gids[0] = 1;
  expect_subset_refused(reg, gids, 4, "gids[0] is not .notdef");
  expect_subset_refused(reg, gids, 1, "only glyph 1");
  gids[0] = 0;
  gids[2] = (uint16_t)reg->nglyphs;
  expect_subset_refused(reg, gids, 4, "a glyph just past the font");
  gids[2] = 0xffff;
  expect_subset_refused(reg, gids, 4, "glyph 65535");
  gids[2] = 2;
  gids[3] = (uint16_t)reg->nglyphs;
  expect_subset_refused(reg, gids, 4, "the last glyph past the font");
  /* The same list one shorter is fine. */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_ttf_subset(reg, gids, 3, &out), QUJAT_OK);
  qujat_buf_free(&out);
  /* More glyphs than a font can have. */
  uint16_t *many = calloc(0x10001, sizeof *many);
  cr_assert_not_null(many);
  expect_subset_refused(reg, many, 0x10000, "65536 glyphs");
  expect_subset_refused(reg, many, 0x10001, "65537 glyphs");
  free(many);
}

/* The 11 outlines of the synthetic font differ (only 8 is empty), so that
 * a glyph copied from the wrong number shows. */
static void expect_distinct_outlines(const unsigned char *d, size_t len) {
  for (unsigned a = 0; a < SYN_GLYPHS; a++) {
    size_t ao, al;
    ref_glyph_at(d, len, a, &ao, &al);
    cr_expect_eq(al == 0, a == 8, "glyph %u: %zu bytes", a, al);
    for (unsigned b = 0; b < a; b++) {
      size_t bo, bl;
      ref_glyph_at(d, len, b, &bo, &bl);
      cr_expect(al != bl || memcmp(d + ao, d + bo, al) != 0,
                "glyphs %u and %u are the same", a, b);
    }
  }
}

Test(ttf, subset_renumbers_synthetic_glyphs) {
  static const struct {
    size_t n;
    uint16_t gids[12];
  } lists[] = {{1, {0}},
               {4, {0, 9, 1, 8}},
               {11, {0, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}},
               {11, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
               {2, {0, 8}},
               {5, {0, 5, 5, 0, 5}},
               {3, {0, 10, 6}}};
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, 0, &len);
    expect_distinct_outlines(d, len);
    struct ttf *f = NULL;
    cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
    for (size_t k = 0; k < sizeof lists / sizeof *lists; k++) {
      size_t sl;
      unsigned char *sub =
          subset_checked(d, len, f, lists[k].gids, lists[k].n, &sl);
      free(sub);
    }
    /* {0, 9, 1, 8} by hand: outlines of 17, 23, 20 and 0 bytes, padded;
     * advance and lsb of 0, of 9 (past numberOfHMetrics: the advance of
     * 6, its own lsb 29), of 1 and of 8 (1025 and 28). */
    size_t sl;
    unsigned char *sub = subset_checked(d, len, f, lists[1].gids, 4, &sl);
    uint32_t off, tl;
    cr_assert(ref_table(sub, sl, T_LOCA, &off, &tl));
    static const unsigned char want_loca[] = {0, 0, 0, 9, 0, 21, 0, 31, 0, 31};
    cr_assert_eq(tl, sizeof want_loca, "loca of %u bytes", tl);
    cr_expect_eq(memcmp(sub + off, want_loca, tl), 0, "loca");
    cr_assert(ref_table(sub, sl, T_HMTX, &off, &tl));
    static const unsigned char want_hmtx[] = {
        0x01, 0xf4, 0, 10, 0x04, 0x01, 0, 29, /* 500 10, 1025 29 */
        0x04, 0xd2, 0, 11, 0x04, 0x01, 0, 28  /* 1234 11, 1025 28 */
    };
    cr_assert_eq(tl, sizeof want_hmtx, "hmtx of %u bytes", tl);
    cr_expect_eq(memcmp(sub + off, want_hmtx, tl), 0, "hmtx");
    cr_assert(ref_table(sub, sl, T_HHEA, &off, &tl));
    cr_expect_eq(be16(sub + off + 34), 4, "numberOfHMetrics");
    cr_assert(ref_table(sub, sl, T_MAXP, &off, &tl));
    cr_expect_eq(be16(sub + off + 4), 4, "numGlyphs");
    cr_expect_eq(tl, 32);
    cr_expect_eq(be16(sub + off + 30), 0x0d0d, "maxp's last field");
    cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
    cr_expect_eq(be16(sub + off + 50), 0, "long loca for 62 bytes");
    cr_expect_eq(be16(sub + off + 18), SYN_UPEM);
    free(sub);
    qujat_ttf_free(f);
    free(d);
  }
}

/* Glyphs 7..10 have no advance of their own in hmtx: they share that of
 * glyph 6, the last long metric, which must survive when 6 is dropped. */
Test(ttf, subset_keeps_the_advance_shared_past_number_of_hmetrics) {
  size_t len;
  unsigned char *d = synth_font(0, 0, 0, &len);
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
  for (uint16_t g = SYN_METRICS; g < SYN_GLYPHS; g++) {
    const uint16_t gids[] = {0, g};
    size_t sl;
    unsigned char *sub = subset_checked(d, len, f, gids, 2, &sl);
    struct ttf *s = parse_subset(sub, sl);
    cr_expect_eq(qujat_ttf_width(s, 1), syn_width[g],
                 "glyph %u's advance is %u in the subset, %u in the font", g,
                 qujat_ttf_width(s, 1), syn_width[g]);
    cr_expect_eq(qujat_ttf_width(s, 0), syn_width[0]);
    qujat_ttf_free(s);
    uint32_t off, tl;
    cr_assert(ref_table(sub, sl, T_HMTX, &off, &tl));
    cr_assert_eq(tl, 8);
    cr_expect_eq(be16(sub + off + 4), syn_advance[SYN_METRICS - 1]);
    cr_expect_eq(be16(sub + off + 6), 20u + g, "lsb of glyph %u", g);
    free(sub);
  }
  qujat_ttf_free(f);
  free(d);
}

Test(ttf, subset_uses_long_loca_when_glyf_needs_it) {
  /* Glyph 6 has 20 + extra bytes, .notdef 17 padded to 18: {0, 6} fills
   * 0x1fffe bytes, the most the short format reaches, with extra 0x1ffd8,
   * and 0x20000 with extra 0x1ffd9 (odd: padding takes it over). */
  static const struct {
    size_t extra;
    int want_long;
  } cases[] = {{0x1ffd6, 0}, {0x1ffd7, 0}, {0x1ffd8, 0},
               {0x1ffd9, 1}, {0x1ffda, 1}, {0x20000, 1}};
  static const uint16_t with6[] = {0, 6}, with6b[] = {0, 1, 6, 7},
                        without6[] = {0, 2, 9, 10};
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    size_t len, sl;
    unsigned char *d = synth_font(1, cases[k].extra, 0, &len);
    struct ttf *f = NULL;
    cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
    unsigned char *sub = subset_checked(d, len, f, with6, 2, &sl);
    uint32_t off, tl;
    cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
    cr_expect_eq(be16(sub + off + 50), cases[k].want_long,
                 "extra %zx: indexToLocFormat %u", cases[k].extra,
                 be16(sub + off + 50));
    cr_assert(ref_table(sub, sl, T_LOCA, &off, &tl));
    cr_expect_eq(tl, cases[k].want_long ? 12 : 6);
    free(sub);
    /* More glyphs with it: the format follows the total. */
    sub = subset_checked(d, len, f, with6b, 4, &sl);
    free(sub);
    /* Without it the subset goes back to the short format. */
    sub = subset_checked(d, len, f, without6, 4, &sl);
    cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
    cr_expect_eq(be16(sub + off + 50), 0, "long loca without glyph 6");
    free(sub);
    /* A cap too small for it: LIMIT, not a crash. */
    if (k == 0) {
      struct buf out;
      qujat_buf_init(&out, 1000);
      cr_expect_eq(qujat_ttf_subset(f, with6, 2, &out), QUJAT_ERR_LIMIT);
      qujat_buf_free(&out);
    }
    qujat_ttf_free(f);
    free(d);
  }
}

/* The most glyphs a subset can have: 65535, here 0..10 over and over. */
Test(ttf, subset_of_65535_glyphs) {
  size_t len, sl;
  unsigned char *d = synth_font(0, 0, 0, &len);
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
  uint16_t *gids = malloc(0xffff * sizeof *gids);
  cr_assert_not_null(gids);
  for (size_t i = 0; i < 0xffff; i++)
    gids[i] = (uint16_t)(i % SYN_GLYPHS);
  /* About 1.3 MB of outlines: the long loca format. */
  unsigned char *sub = subset_checked(d, len, f, gids, 0xffff, &sl);
  uint32_t off, tl;
  cr_assert(ref_table(sub, sl, T_HEAD, &off, &tl));
  cr_expect_eq(be16(sub + off + 50), 1);
  free(sub);
  free(gids);
  qujat_ttf_free(f);
  free(d);
}

/* ------------------------------------------------------------------------
 * (e) One PDF's use of a font
 * ------------------------------------------------------------------------ */

/* Decodes the PDF literal string `s[0..len)`, which must be exactly one
 * string, as a reader does (ISO 32000-1, 7.3.4.2); counts the parentheses
 * left unescaped in `*bare`. Returns the number of bytes in `out`. */
static size_t decode_literal(const char *s, size_t len, unsigned char *out,
                             size_t cap, int *bare) {
  cr_assert(len >= 2 && s[0] == '(', "not a literal string");
  size_t i = 1, n = 0;
  int depth = 1;
  *bare = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i++];
    int b = -1;
    if (c == '\\') {
      cr_assert_lt(i, len, "a backslash ends the string");
      unsigned char e = (unsigned char)s[i++];
      switch (e) {
      case 'n':
        b = '\n';
        break;
      case 'r':
        b = '\r';
        break;
      case 't':
        b = '\t';
        break;
      case 'b':
        b = '\b';
        break;
      case 'f':
        b = '\f';
        break;
      case '(':
      case ')':
      case '\\':
        b = e;
        break;
      case '\r': /* line continuation */
        if (i < len && s[i] == '\n')
          i++;
        break;
      case '\n':
        break;
      default:
        if (e >= '0' && e <= '7') {
          int v = e - '0';
          for (int k = 0; k < 2 && i < len && s[i] >= '0' && s[i] <= '7'; k++)
            v = v * 8 + (s[i++] - '0');
          b = v & 0xff;
        } else {
          b = e; /* the backslash is ignored */
        }
      }
    } else if (c == '(') {
      depth++;
      (*bare)++;
      b = c;
    } else if (c == ')') {
      if (--depth == 0)
        break;
      (*bare)++;
      b = c;
    } else if (c == '\r') { /* an end of line reads as LF */
      if (i < len && s[i] == '\n')
        i++;
      b = '\n';
    } else {
      b = c;
    }
    if (b >= 0) {
      cr_assert_lt(n, cap);
      out[n++] = (unsigned char)b;
    }
  }
  cr_assert_eq(depth, 0, "unterminated string");
  cr_assert_eq(i, len, "%zu bytes after the string", len - i);
  return n;
}

/* Whether `p[0..len)`, which may hold NUL bytes, contains `s`. */
static int contains(const char *p, size_t len, const char *s) {
  size_t k = strlen(s);
  for (size_t i = 0; i + k <= len; i++)
    if (memcmp(p + i, s, k) == 0)
      return 1;
  return 0;
}

/* Appends `s` through qujat_font_use_string and decodes what it wrote into
 * CIDs; returns their number. */
static size_t string_cids(const struct font_use *u, const char *s,
                          struct buf *out, unsigned *cids, size_t cap) {
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

static void add_ok(struct font_use *u, const char *s) {
  uint32_t missing = 0;
  qujat_status st = qujat_font_use_add(u, s, strlen(s), &missing);
  cr_assert_eq(st, QUJAT_OK, "'%s': %s (U+%04X)", s, qujat_strerror(st),
               missing);
}

/* A frozen use of font `f` for the text `s`. */
static void use_text(struct font_use *u, const struct ttf *f, const char *s) {
  qujat_font_use_init(u, f);
  add_ok(u, s);
  cr_assert_eq(qujat_font_use_freeze(u), QUJAT_OK);
}

/* The CIDs of `s` decode to the code points `s` has (through u->cps), and
 * each is the rank of its character among `sorted[0..n)`, the characters
 * added, in code point order. */
static void expect_cids(const struct font_use *u, const char *s,
                        const uint32_t *sorted, size_t n) {
  uint32_t *cps = malloc((strlen(s) + 1) * sizeof *cps);
  unsigned *cids = malloc((strlen(s) + 1) * sizeof *cids);
  cr_assert(cps && cids);
  size_t k = code_points(s, cps);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  size_t got = string_cids(u, s, &out, cids, k + 1);
  cr_assert_eq(got, k, "'%s': %zu CIDs for %zu characters", s, got, k);
  for (size_t i = 0; i < k; i++) {
    uint32_t *at = bsearch(&cps[i], sorted, n, sizeof *sorted, by_code_point);
    cr_assert_not_null(at, "U+%04X was not added", cps[i]);
    cr_expect_eq(cids[i], (unsigned)(at - sorted) + 1,
                 "'%s', U+%04X: CID %u, want %zu", s, cps[i], cids[i],
                 (size_t)(at - sorted) + 1);
    cr_assert(cids[i] >= 1 && cids[i] <= u->n);
    cr_expect_eq(u->cps[cids[i] - 1], cps[i], "CID %u", cids[i]);
  }
  qujat_buf_free(&out);
  free(cps);
  free(cids);
}

Test(ttf, cids_in_code_point_order_after_the_freeze) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "қазақ тілі");
  cr_expect_eq(u.n, 7);
  add_ok(&u, "тіл Ә");
  cr_expect_eq(u.n, 8);
  add_ok(&u, "қазақ тілі"); /* again: nothing new */
  cr_expect_eq(u.n, 8);
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  cr_expect(u.frozen);
  static const uint32_t order[] = {0x20,  0x430, 0x437, 0x43B,
                                   0x442, 0x456, 0x49B, 0x4D8};
  cr_assert_eq(u.n, 8);
  for (size_t i = 0; i < 8; i++)
    cr_expect_eq(u.cps[i], order[i], "CID %zu: U+%04X, want U+%04X", i + 1,
                 u.cps[i], order[i]);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[64];
  size_t n = string_cids(&u, "қазақ тілі", &out, cids, 64);
  static const unsigned want[] = {7, 2, 3, 2, 7, 1, 5, 6, 4, 6};
  cr_assert_eq(n, 10);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(cids[i], want[i], "character %zu: CID %u", i, cids[i]);
  n = string_cids(&u, "тіл Ә", &out, cids, 64);
  static const unsigned want2[] = {5, 6, 4, 1, 8};
  cr_assert_eq(n, 5);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(cids[i], want2[i], "second string, character %zu", i);
  expect_cids(&u, "Ә ақ тіл", order, 8);
  /* The empty string. */
  size_t before = out.len;
  cr_expect_eq(qujat_font_use_string(&u, "", 0, &out), QUJAT_OK);
  cr_expect_eq(out.len, before + 2);
  cr_expect_eq(memcmp(out.data + before, "()", 2), 0);
  /* The same characters added in another order and other pieces: the
   * same numbers and the same bytes. */
  struct font_use v;
  qujat_font_use_init(&v, reg);
  add_ok(&v, "Ә");
  add_ok(&v, "літ");
  add_ok(&v, "");
  add_ok(&v, " қ");
  add_ok(&v, "зақа");
  cr_assert_eq(qujat_font_use_freeze(&v), QUJAT_OK);
  cr_assert_eq(v.n, u.n);
  cr_expect_eq(memcmp(v.cps, u.cps, u.n * sizeof *u.cps), 0);
  struct buf out2;
  qujat_buf_init(&out2, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_reset(&out);
  static const char both[] = "қазақ тілі Ә";
  cr_assert_eq(qujat_font_use_string(&u, both, strlen(both), &out), QUJAT_OK);
  cr_assert_eq(qujat_font_use_string(&v, both, strlen(both), &out2), QUJAT_OK);
  cr_expect(out.len == out2.len && memcmp(out.data, out2.data, out.len) == 0);
  qujat_buf_free(&out2);
  qujat_font_use_free(&v);
  /* Another use of the same font starts again from 1. */
  use_text(&v, reg, "Ә");
  n = string_cids(&v, "ӘӘ", &out, cids, 64);
  cr_expect(n == 2 && cids[0] == 1 && cids[1] == 1);
  qujat_font_use_free(&v);
  /* Nothing added: nothing numbered. */
  qujat_font_use_init(&v, reg);
  cr_expect_eq(qujat_font_use_freeze(&v), QUJAT_OK);
  cr_expect_eq(v.n, 0);
  qujat_font_use_free(&v);
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

/* qujat_font_use_string refuses `s` with QUJAT_ERR_ARG and leaves `out` as
 * it was. */
static void expect_string_refused(const struct font_use *u, const char *s) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "BT "), QUJAT_OK);
  qujat_status st = qujat_font_use_string(u, s, strlen(s), &out);
  cr_expect_eq(st, QUJAT_ERR_ARG, "'%s': %s", s, qujat_strerror(st));
  cr_expect_eq(out.len, 3, "'%s' appended %zu bytes", s, out.len - 3);
  cr_expect_str_eq(out.data, "BT ");
  qujat_buf_free(&out);
}

Test(ttf, strings_need_the_freeze_and_characters_added_before_it) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "abc қ");
  /* Not numbered yet. */
  expect_string_refused(&u, "a");
  expect_string_refused(&u, "abc");
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[16];
  cr_expect_eq(string_cids(&u, "cab қ", &out, cids, 16), 5);
  cr_expect(cids[0] == 4 && cids[1] == 2 && cids[2] == 3 && cids[3] == 1 &&
            cids[4] == 5);
  qujat_buf_free(&out);
  /* A character with a glyph that was not added, at the start, the
   * middle or the end; one without a glyph; one outside the BMP. */
  expect_string_refused(&u, "d");
  expect_string_refused(&u, "abd");
  expect_string_refused(&u, "a\322\232b");   /* Қ, not қ */
  expect_string_refused(&u, "\xe2\x82\xb8"); /* ₸ */
  expect_string_refused(&u, "a\xf0\x9f\x98\x80");
  /* A use with nothing added writes only empty strings. */
  struct font_use v;
  qujat_font_use_init(&v, reg);
  cr_assert_eq(qujat_font_use_freeze(&v), QUJAT_OK);
  expect_string_refused(&v, "a");
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_font_use_string(&v, "", 0, &out), QUJAT_OK);
  cr_expect_str_eq(out.data, "()");
  qujat_buf_free(&out);
  qujat_font_use_free(&v);
  qujat_font_use_free(&u);
}

Test(ttf, missing_glyph_is_reported_by_add) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "ab");
  static const struct {
    const char *s;
    uint32_t cp;
  } cases[] = {{"cd \xe2\x82\xb8 5", 0x20B8},    /* ₸ after new letters */
               {"\xe2\x82\xb8", 0x20B8},         /* alone */
               {"xyz\xf0\x9f\x98\x80", 0x1F600}, /* outside the BMP */
               {"a\xe4\xb8\x80", 0x4E00},        /* CJK */
               {"\x7f", 0x7F}};                  /* DEL */
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    uint32_t missing = 0;
    qujat_status st =
        qujat_font_use_add(&u, cases[i].s, strlen(cases[i].s), &missing);
    cr_expect_eq(st, QUJAT_ERR_FONT, "'%s': %s", cases[i].s,
                 qujat_strerror(st));
    cr_expect_eq(missing, cases[i].cp, "'%s': U+%04X", cases[i].s, missing);
  }
  /* The use goes on: the characters with glyphs get CIDs, the missing
   * ones none. */
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  cr_expect_geq(u.n, 2);
  for (size_t cid = 1; cid <= u.n; cid++) {
    cr_expect_neq(qujat_ttf_glyph(reg, u.cps[cid - 1]), 0, "CID %zu: U+%04X",
                  cid, u.cps[cid - 1]);
    if (cid > 1)
      cr_expect_gt(u.cps[cid - 1], u.cps[cid - 2], "CID %zu out of order", cid);
  }
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_font_use_string(&u, "ab", 2, &out), QUJAT_OK);
  qujat_buf_free(&out);
  expect_string_refused(&u, "\xe2\x82\xb8");
  qujat_font_use_free(&u);
}

/* The first `n` code points with a glyph in the regular font from U+0020,
 * by our cmap reader; they are in increasing order. */
static void first_code_points(size_t n, uint32_t *cps) {
  size_t k = 0;
  for (uint32_t cp = 0x20; k < n; cp++) {
    cr_assert_lt(cp, 0x10000, "the font has fewer than %zu characters", n);
    if (ref_glyph(reg_bytes, reg_len, cp))
      cps[k++] = cp;
  }
}

Test(ttf, literal_string_escapes_parens_backslash_and_cr) {
  /* 350 characters: CIDs 0x0D, 0x28, 0x29, 0x5C and 0x10D, 0x128, 0x129,
   * 0x15C occur. Added backwards, drawn backwards then forwards. */
  enum { N = 350 };
  uint32_t cps[N];
  first_code_points(N, cps);
  static char text[2 * N * 4 + 1];
  size_t len = 0;
  struct font_use u;
  qujat_font_use_init(&u, reg);
  for (size_t i = N; i-- > 0;) {
    char one[5];
    one[utf8(one, cps[i])] = '\0';
    add_ok(&u, one);
  }
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  cr_assert_eq(u.n, N);
  unsigned want[2 * N];
  for (size_t i = 0; i < 2 * N; i++) {
    size_t k = i < N ? N - 1 - i : i - N;
    len += utf8(text + len, cps[k]);
    want[i] = (unsigned)k + 1;
  }
  text[len] = '\0';
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  static unsigned cids[2 * N];
  size_t got = string_cids(&u, text, &out, cids, 2 * N);
  cr_assert_eq(got, 2 * N);
  size_t escapes = 0;
  for (size_t i = 0; i < 2 * N; i++) {
    cr_expect_eq(cids[i], want[i], "character %zu: CID %u, want %u", i, cids[i],
                 want[i]);
    for (int k = 0; k < 2; k++) {
      unsigned byte = k ? want[i] & 0xff : want[i] >> 8;
      escapes += byte == 0x28 || byte == 0x29 || byte == 0x5c || byte == 0x0d;
    }
  }
  cr_expect_eq(escapes, 16, "8 CIDs to escape, twice each");
  cr_expect_eq(out.len, 2 + 4 * N + escapes, "%zu bytes", out.len);
  cr_expect_null(memchr(out.data, '\r', out.len), "a raw CR");
  cr_expect(contains(out.data, out.len, "\\r"));
  cr_expect(contains(out.data, out.len, "\\("));
  cr_expect(contains(out.data, out.len, "\\)"));
  cr_expect(contains(out.data, out.len, "\\\\"));
  cr_expect(contains(out.data, out.len, "\x01\\("), "CID 0x128");
  /* The ToUnicode map gives the text back. */
  for (size_t i = 0; i < N; i++)
    cr_expect_eq(u.cps[i], cps[i]);
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

Test(ttf, output_limit_appends_nothing) {
  struct font_use u;
  use_text(&u, reg, "xyz");
  /* "(" + 6 + ")" does not fit in 5 bytes. */
  struct buf out;
  qujat_buf_init(&out, 5);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_eq(qujat_font_use_string(&u, "xyz", 3, &out), QUJAT_ERR_LIMIT);
  cr_expect_eq(out.len, 2);
  cr_expect_str_eq(out.data, "ab");
  /* Just fits: 2 + 2 + 6. */
  qujat_buf_free(&out);
  qujat_buf_init(&out, 10);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_eq(qujat_font_use_string(&u, "xyz", 3, &out), QUJAT_OK);
  cr_expect_eq(out.len, 10);
  qujat_buf_free(&out);
  /* A buffer that can hold nothing, and has never been allocated. */
  qujat_buf_init(&out, 0);
  cr_expect_eq(qujat_font_use_string(&u, "x", 1, &out), QUJAT_ERR_LIMIT);
  cr_expect_eq(out.len, 0);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

/* UTF-16BE of `cp` in upper-case hex. */
static void utf16_hex(uint32_t cp, char *out, size_t cap) {
  if (cp < 0x10000)
    snprintf(out, cap, "%04X", (unsigned)cp);
  else
    snprintf(out, cap, "%04X%04X", 0xd800 + ((cp - 0x10000) >> 10),
             0xdc00 + ((cp - 0x10000) & 0x3ff));
}

/* Checks the ToUnicode CMap `cmap` for the code points `cps` (CID 1 on). */
static void check_to_unicode(const char *cmap, const uint32_t *cps, size_t n) {
  static const char head[] =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
      "def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  static const char tail[] =
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  cr_assert_eq(strncmp(cmap, head, strlen(head)), 0, "header: %.200s", cmap);
  const char *p = cmap + strlen(head);
  size_t blocks = 0;
  for (size_t done = 0; done < n; blocks++) {
    size_t block = n - done < 100 ? n - done : 100;
    char line[64];
    snprintf(line, sizeof line, "%zu beginbfchar\n", block);
    cr_assert_eq(strncmp(p, line, strlen(line)), 0, "block %zu: %.40s", blocks,
                 p);
    p += strlen(line);
    for (size_t k = 0; k < block; k++, done++) {
      char u16[16];
      utf16_hex(cps[done], u16, sizeof u16);
      snprintf(line, sizeof line, "<%04zX> <%s>\n", done + 1, u16);
      cr_assert_eq(strncmp(p, line, strlen(line)), 0, "CID %zu: %.30s",
                   done + 1, p);
      p += strlen(line);
    }
    cr_assert_eq(strncmp(p, "endbfchar\n", 10), 0, "after block %zu: %.30s",
                 blocks, p);
    p += 10;
  }
  cr_expect_eq(blocks, (n + 99) / 100);
  cr_expect_str_eq(p, tail);
  /* Independently: no block has more than 100 entries. */
  for (const char *q = cmap; (q = strstr(q, "beginbfchar")) != NULL; q++) {
    const char *num = q - 2;
    while (num > cmap && num[-1] >= '0' && num[-1] <= '9')
      num--;
    cr_expect_leq(strtol(num, NULL, 10), 100);
  }
}

/* A frozen use of the first `n` code points with a glyph from U+0020
 * (`cps`), added backwards one by one. */
static void use_n(struct font_use *u, size_t n, uint32_t *cps) {
  first_code_points(n, cps);
  qujat_font_use_init(u, reg);
  for (size_t i = n; i-- > 0;) {
    char one[5];
    one[utf8(one, cps[i])] = '\0';
    add_ok(u, one);
  }
  cr_assert_eq(qujat_font_use_freeze(u), QUJAT_OK);
  cr_assert_eq(u->n, n);
}

Test(ttf, to_unicode_in_blocks_of_at_most_100) {
  static const size_t sizes[] = {0, 1, 99, 100, 101, 200, 250, 350, 415};
  uint32_t cps[415];
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    struct font_use u;
    use_n(&u, sizes[i], cps);
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
    check_to_unicode(out.data, cps, sizes[i]);
    size_t blocks = 0;
    for (const char *q = out.data; (q = strstr(q, "endbfchar")) != NULL; q++)
      blocks++;
    cr_expect_eq(blocks, (sizes[i] + 99) / 100, "%zu CIDs", sizes[i]);
    cr_expect_null(strstr(out.data, "bfrange"), "%zu CIDs: a bfrange",
                   sizes[i]);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
  }
}

Test(ttf, to_unicode_writes_surrogate_pairs) {
  /* No bundled glyph lies outside the BMP: put two in by hand. */
  struct font_use u;
  uint32_t cps[4];
  use_n(&u, 2, cps);
  uint32_t *more = realloc(u.cps, 4 * sizeof *more);
  cr_assert_not_null(more);
  u.cps = more;
  u.cps[u.n++] = cps[2] = 0x1F600;
  u.cps[u.n++] = cps[3] = 0x10FFFF;
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
  cr_expect_not_null(strstr(out.data, "<0003> <D83DDE00>\n"), "%s", out.data);
  cr_expect_not_null(strstr(out.data, "<0004> <DBFFDFFF>\n"), "%s", out.data);
  check_to_unicode(out.data, cps, 4);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

Test(ttf, widths_of_cids) {
  struct font_use u;
  use_text(&u, bold, TEXT_KK);
  uint32_t cps[128];
  size_t n = distinct_code_points(TEXT_KK, cps);
  cr_assert_eq(u.n, n);
  cr_expect_eq(memcmp(u.cps, cps, n * sizeof *cps), 0);
  unsigned distinct_widths = 0;
  for (size_t cid = 1; cid <= u.n; cid++) {
    unsigned g = ref_glyph(bold_bytes, bold_len, cps[cid - 1]);
    unsigned w = ref_width(bold_bytes, bold_len, g);
    cr_expect_eq(qujat_font_use_width(&u, cid), w, "width of CID %zu (U+%04X)",
                 cid, cps[cid - 1]);
    distinct_widths += cid == 1 || w != qujat_font_use_width(&u, cid - 1);
  }
  cr_expect_gt(distinct_widths, n / 2, "the widths hardly differ");
  /* CID 0 and CIDs past the last: .notdef's. */
  unsigned notdef = ref_width(bold_bytes, bold_len, 0);
  cr_expect_eq(qujat_font_use_width(&u, 0), notdef);
  cr_expect_eq(qujat_font_use_width(&u, u.n + 1), notdef);
  cr_expect_eq(qujat_font_use_width(&u, 0xffff), notdef);
  qujat_font_use_free(&u);
  /* The synthetic font: units per em 2048, advances past
   * numberOfHMetrics. */
  size_t len;
  unsigned char *d = synth_font(0, 0, 0, &len);
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
  use_text(&u, f, "EDC BA\xd3\x98\xd3\x99"); /* ' ' A B C D E Ә ә */
  static const unsigned glyph_of[] = {8, 1, 2, 6, 7, 10, 1, 2};
  cr_assert_eq(u.n, 8);
  for (size_t cid = 1; cid <= 8; cid++)
    cr_expect_eq(qujat_font_use_width(&u, cid), syn_width[glyph_of[cid - 1]],
                 "CID %zu", cid);
  cr_expect_eq(qujat_font_use_width(&u, 0), syn_width[0]);
  qujat_font_use_free(&u);
  qujat_ttf_free(f);
  free(d);
}

static void tag_of(const char *text, char tag[7]) {
  struct font_use u;
  use_text(&u, reg, text);
  memset(tag, '?', 7);
  qujat_font_use_tag(&u, tag);
  cr_assert_eq(tag[6], '\0');
  cr_assert_eq(strlen(tag), 6);
  for (int i = 0; i < 6; i++)
    cr_expect(tag[i] >= 'A' && tag[i] <= 'Z', "tag '%s'", tag);
  qujat_font_use_free(&u);
}

Test(ttf, subset_tag_is_six_capitals_and_deterministic) {
  static const char *const texts[] = {
      "",     "a", "b", "ab",  "Қ",      "қ",      TEXT_KK, "Виза",
      "Visa", "№", "—", "A B", "Өтініш", "Өтінiш", "ab ",   "0123456789"};
  enum { N = sizeof texts / sizeof *texts };
  char tags[N][7];
  for (int i = 0; i < N; i++) {
    tag_of(texts[i], tags[i]);
    char again[7];
    tag_of(texts[i], again);
    cr_expect_str_eq(again, tags[i], "'%s'", texts[i]);
  }
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < N; j++)
      cr_expect_str_neq(tags[i], tags[j], "'%s' and '%s' share tag %s",
                        texts[i], texts[j], tags[i]);
  /* The tag follows the characters used, not their order or repeats. */
  char tag[7];
  tag_of("ba", tag);
  cr_expect_str_eq(tag, tags[3]);
  tag_of("abababab", tag);
  cr_expect_str_eq(tag, tags[3]);
  tag_of("ұлт — 12 № «Өтініш» көші-қоны: Республикасының Қазақстан", tag);
  cr_expect_str_eq(tag, tags[6]);
  struct font_use u;
  qujat_font_use_init(&u, reg);
  add_ok(&u, "b");
  add_ok(&u, "a");
  cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
  qujat_font_use_tag(&u, tag);
  cr_expect_str_eq(tag, tags[3], "added in two pieces");
  qujat_font_use_free(&u);
}

Test(ttf, font_program_has_glyph_i_for_cid_i) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    struct font_use u;
    use_text(&u, fonts[i], TEXT_KK);
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
    /* {0, glyph of CID 1, glyph of CID 2, ...}, by our own cmap reader. */
    uint16_t gids[128];
    size_t n = text_gids(bytes[i], lens[i], TEXT_KK, gids);
    cr_assert_eq(n, u.n + 1);
    check_subset(bytes[i], lens[i], fonts[i], (unsigned char *)out.data,
                 out.len, gids, n);
    /* The same bytes as the subset of those glyphs. */
    struct buf direct;
    qujat_buf_init(&direct, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_ttf_subset(fonts[i], gids, n, &direct), QUJAT_OK);
    cr_expect(direct.len == out.len &&
              memcmp(direct.data, out.data, out.len) == 0);
    qujat_buf_free(&direct);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
    /* A font nothing was drawn with: .notdef alone. */
    qujat_font_use_init(&u, fonts[i]);
    cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
    check_subset(bytes[i], lens[i], fonts[i], (unsigned char *)out.data,
                 out.len, gids, 1);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
  }
}

/* Every character a font can map: 63485 CIDs (U+0001..U+FFFD but the
 * surrogates), so that both bytes of a CID need escapes, and the most
 * glyphs a subset gets from a font use. */
Test(ttf, every_bmp_character_gets_a_cid) {
  size_t flen;
  unsigned char *d = wide_font(&flen);
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, flen, &f), QUJAT_OK, "%s", err.msg);
  cr_assert_eq(f->nglyphs, WIDE_GLYPHS);
  size_t n = 0;
  uint32_t *cps = malloc(WIDE_LAST_CP * sizeof *cps);
  char *text = malloc(3 * (size_t)WIDE_LAST_CP + 1);
  cr_assert(cps && text);
  size_t len = 0;
  for (uint32_t cp = WIDE_LAST_CP; cp >= 1; cp--) /* backwards */
    if (cp < 0xd800 || cp > 0xdfff)
      len += utf8(text + len, cp);
  text[len] = '\0';
  for (uint32_t cp = 1; cp <= WIDE_LAST_CP; cp++)
    if (cp < 0xd800 || cp > 0xdfff)
      cps[n++] = cp;
  cr_assert_eq(n, WIDE_LAST_CP - 2048);
  struct font_use u;
  use_text(&u, f, text);
  cr_assert_eq(u.n, n);
  cr_expect_eq(memcmp(u.cps, cps, n * sizeof *cps), 0,
               "not in code point order");
  /* The text backwards: CIDs n, n - 1, ..., 1. */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned *cids = malloc(n * sizeof *cids);
  cr_assert_not_null(cids);
  cr_assert_eq(string_cids(&u, text, &out, cids, n), n);
  size_t escapes = 0, high = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned want = (unsigned)(n - i);
    cr_expect_eq(cids[i], want, "character %zu: CID %u", i, cids[i]);
    unsigned hi = want >> 8, lo = want & 0xff;
    high += hi == 0x28 || hi == 0x29 || hi == 0x5c || hi == 0x0d;
    escapes += (hi == 0x28 || hi == 0x29 || hi == 0x5c || hi == 0x0d) +
               (lo == 0x28 || lo == 0x29 || lo == 0x5c || lo == 0x0d);
  }
  cr_expect_eq(high, 4 * 256, "CIDs with an escaped high byte");
  cr_expect_eq(out.len, 2 + 2 * n + escapes);
  cr_expect_null(memchr(out.data, '\r', out.len), "a raw CR");
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
  check_to_unicode(out.data, cps, n);
  for (size_t cid = 1; cid <= n; cid += 997)
    cr_expect_eq(qujat_font_use_width(&u, cid), 600, "CID %zu", cid);
  /* The program: glyph cp + 1 for each character. */
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
  uint16_t *gids = malloc((n + 1) * sizeof *gids);
  cr_assert_not_null(gids);
  gids[0] = 0;
  for (size_t i = 0; i < n; i++)
    gids[i + 1] = (uint16_t)(cps[i] + 1);
  check_subset(d, flen, f, (unsigned char *)out.data, out.len, gids, n + 1);
  free(gids);
  free(cids);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
  free(text);
  free(cps);
  qujat_ttf_free(f);
  free(d);
}

Test(ttf, pdf_real_formats_numbers) {
  static const struct {
    double v;
    const char *want;
  } cases[] = {{0, "0"},
               {-0.0, "0"},
               {-0.0004, "0"},
               {0.0004, "0"},
               {1, "1"},
               {12.5, "12.5"},
               {0.125, "0.125"},
               {-3.2, "-3.2"},
               {595.276, "595.276"},
               {1e6, "1000000"},
               {-0.0005, "-0.001"},
               {0.0005, "0.001"},
               {841.8898, "841.89"},
               {2.0001, "2"},
               {-12.3456, "-12.346"},
               {0.1, "0.1"},
               {-1, "-1"},
               {100.05, "100.05"},
               {1e12, "1000000000000"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct buf out;
    qujat_buf_init(&out, 64);
    cr_assert_eq(qujat_buf_adds(&out, "x "), QUJAT_OK);
    cr_assert_eq(qujat_pdf_real(&out, cases[i].v), QUJAT_OK);
    cr_expect_str_eq(out.data + 2, cases[i].want, "%.6g", cases[i].v);
    cr_expect_eq(memcmp(out.data, "x ", 2), 0);
    qujat_buf_free(&out);
  }
}

static void expect_deflate_round_trip(const unsigned char *data, size_t len,
                                      const char *what) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "stream\n"), QUJAT_OK);
  qujat_status st = qujat_pdf_deflate(data, len, &out);
  cr_assert_eq(st, QUJAT_OK, "%s: %s", what, qujat_strerror(st));
  cr_expect_eq(memcmp(out.data, "stream\n", 7), 0, "%s: prefix", what);
  cr_expect_eq(out.data[out.len], '\0');
  const unsigned char *z = (const unsigned char *)out.data + 7;
  size_t zlen = out.len - 7;
  cr_assert_geq(zlen, 2);
  cr_expect_eq(z[0] & 0x0f, 8, "%s: not deflate", what);
  cr_expect_eq((z[0] << 8 | z[1]) % 31, 0, "%s: zlib header check", what);
  unsigned char *back = malloc(len + 16);
  cr_assert_not_null(back);
  uLongf back_len = (uLongf)len + 16;
  int zst = uncompress(back, &back_len, z, (uLong)zlen);
  cr_expect_eq(zst, Z_OK, "%s: uncompress %d", what, zst);
  cr_expect_eq(back_len, len, "%s: %lu bytes back", what,
               (unsigned long)back_len);
  if (len)
    cr_expect_eq(memcmp(back, data, len), 0, "%s: other bytes back", what);
  free(back);
  qujat_buf_free(&out);
}

Test(ttf, pdf_deflate_round_trips) {
  enum { BIG = 100 * 1024 };
  unsigned char *random_bytes = malloc(BIG), *zeros = calloc(BIG, 1);
  cr_assert(random_bytes && zeros);
  for (size_t i = 0; i < BIG; i++)
    random_bytes[i] = (unsigned char)(rnd() >> 11);
  expect_deflate_round_trip(NULL, 0, "empty");
  expect_deflate_round_trip((const unsigned char *)"", 0, "empty string");
  expect_deflate_round_trip((const unsigned char *)"q", 1, "one byte");
  expect_deflate_round_trip(random_bytes, BIG, "100 KB random");
  expect_deflate_round_trip(zeros, BIG, "100 KB zeros");
  /* Around the window sizes chosen by length. */
  static const size_t edges[] = {2,     255,   256,   257,   511,   512,
                                 513,   1023,  1024,  1025,  16383, 16384,
                                 16385, 32767, 32768, 32769, 65536};
  for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
    char what[32];
    snprintf(what, sizeof what, "%zu random", edges[i]);
    expect_deflate_round_trip(random_bytes, edges[i], what);
    snprintf(what, sizeof what, "%zu text", edges[i]);
    expect_deflate_round_trip(
        (const unsigned char *)TEXT_KK TEXT_KK TEXT_KK,
        edges[i] < 3 * sizeof TEXT_KK - 3 ? edges[i] : 3 * sizeof TEXT_KK - 3,
        what);
  }
  /* Zeros compress. */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_pdf_deflate(zeros, BIG, &out), QUJAT_OK);
  cr_expect_lt(out.len, 1024, "100 KB of zeros in %zu bytes", out.len);
  qujat_buf_free(&out);
  /* Past the buffer's cap: an error and nothing appended. */
  qujat_buf_init(&out, 100);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_neq(qujat_pdf_deflate(random_bytes, BIG, &out), QUJAT_OK);
  cr_expect_eq(out.len, 2);
  cr_expect_str_eq(out.data, "ab");
  qujat_buf_free(&out);
  free(random_bytes);
  free(zeros);
}

/* ------------------------------------------------------------------------
 * (e2) Text in a content stream (pdf_text.c)
 * ------------------------------------------------------------------------ */

/* One operator of a content stream with its operands: numbers (in
 * thousandths, and whether written with more than three decimals), a
 * name, a string's bytes. */
struct cop {
  char op[8];
  int nnum;
  long long num[6];
  int fine[6];
  char name[32];
  unsigned char *str; /* malloc'ed */
  size_t nstr;
  int has_str;
};

struct content {
  struct cop *ops;
  size_t n, cap;
};

static void content_free(struct content *c) {
  for (size_t i = 0; i < c->n; i++)
    free(c->ops[i].str);
  free(c->ops);
  memset(c, 0, sizeof *c);
}

/* The end of the literal string at s[0] == '(' (just past its ')'). */
static size_t literal_end(const char *s, size_t len) {
  int depth = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '\\') {
      i++;
      continue;
    }
    if (s[i] == '(')
      depth++;
    else if (s[i] == ')' && --depth == 0)
      return i + 1;
  }
  cr_assert_fail("unterminated string");
  return len;
}

/* Parses the content stream s[0..len): numbers, names, literal strings
 * and operators, nothing else (no arrays, dictionaries or hex strings). */
static void parse_content(const char *s, size_t len, struct content *c) {
  memset(c, 0, sizeof *c);
  struct cop cur;
  memset(&cur, 0, sizeof cur);
  size_t i = 0;
  while (i < len) {
    char ch = s[i];
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      i++;
    } else if (ch == '(') {
      size_t end = i + literal_end(s + i, len - i);
      cr_assert(!cur.has_str, "two strings for one operator");
      cur.str = malloc(end - i + 1);
      cr_assert_not_null(cur.str);
      int bare;
      cur.nstr = decode_literal(s + i, end - i, cur.str, end - i + 1, &bare);
      cr_expect_eq(bare, 0, "unescaped parentheses in a string");
      cur.has_str = 1;
      i = end;
    } else if (ch == '/') {
      size_t k = 0;
      for (i++; i < len && !strchr(" \n\r\t/()[]<>", s[i]); i++) {
        cr_assert_lt(k + 1, sizeof cur.name);
        cur.name[k++] = s[i];
      }
      cur.name[k] = '\0';
    } else if (ch == '-' || ch == '.' || (ch >= '0' && ch <= '9')) {
      int neg = ch == '-';
      if (neg)
        i++;
      long long whole = 0, frac = 0;
      int digits = 0, any = 0;
      for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, any = 1)
        whole = whole * 10 + (s[i] - '0');
      double rest = 0, scale = 1;
      if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, any = 1) {
          if (digits < 3) {
            frac = frac * 10 + (s[i] - '0');
            digits++;
          } else {
            rest += (s[i] - '0') * (scale /= 10);
          }
        }
      cr_assert(any, "a lone sign or point at %zu", i);
      cr_assert_lt(cur.nnum, 6, "too many operands");
      for (int k = digits; k < 3; k++)
        frac *= 10;
      long long v = whole * 1000 + frac + (rest >= 0.5 ? 1 : 0);
      cur.fine[cur.nnum] = rest == 0;
      cur.num[cur.nnum++] = neg ? -v : v;
    } else {
      cr_assert((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    ch == '*' || ch == '\'' || ch == '"',
                "unexpected byte %02x at %zu", (unsigned char)ch, i);
      size_t k = 0;
      while (i < len && !strchr(" \n\r\t/()[]<>", s[i])) {
        cr_assert_lt(k + 1, sizeof cur.op);
        cur.op[k++] = s[i++];
      }
      cur.op[k] = '\0';
      if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 64;
        c->ops = realloc(c->ops, c->cap * sizeof *c->ops);
        cr_assert_not_null(c->ops);
      }
      c->ops[c->n++] = cur;
      memset(&cur, 0, sizeof cur);
    }
  }
  cr_assert(cur.nnum == 0 && !cur.has_str && !cur.name[0],
            "operands without an operator at the end");
}

/* The CIDs of a decoded string. */
static size_t cop_cids(const struct cop *o, unsigned *cids, size_t cap) {
  cr_assert(o->has_str);
  cr_assert_eq(o->nstr % 2, 0);
  cr_assert_leq(o->nstr / 2, cap);
  for (size_t i = 0; i < o->nstr / 2; i++)
    cids[i] = (unsigned)o->str[2 * i] << 8 | o->str[2 * i + 1];
  return o->nstr / 2;
}

struct run {
  int font;
  double size, gray, x, y;
  const char *text;
};

/* Where a sequence of runs must put things, worked out here: the font,
 * size and gray each run draws with, and its position in thousandths. */
struct text_check {
  const struct font_use *uses; /* by font number */
  int font;                    /* -1: none yet on the page */
  long long size, gray;        /* thousandths; -1: unknown */
  long long x, y;              /* sum of Td within the block */
  int in_block;
};

/*
 * Checks the operators c->ops[*at..] written for `runs[0..n)`: each run
 * is [Tf] [g] Td Tj, Tf exactly when font or size differs from the one in
 * force, g exactly when the gray does or is unknown, Td the step from the
 * previous run (within the block) so that the steps add up to the run's
 * position rounded to 1/1000, and Tj the run's CIDs. A BT opens the first
 * run when no block is open.
 */
static void check_runs(const struct content *c, size_t *at,
                       struct text_check *k, const struct run *runs, size_t n) {
  size_t i = *at;
  for (size_t r = 0; r < n; r++) {
    const struct run *run = &runs[r];
    if (!k->in_block) {
      cr_assert_lt(i, c->n);
      cr_assert_str_eq(c->ops[i].op, "BT", "run %zu: no BT", r);
      cr_expect_eq(c->ops[i].nnum, 0);
      i++;
      k->in_block = 1;
      k->x = k->y = 0;
    }
    long long size = llround(run->size * 1000),
              gray = llround(run->gray * 1000);
    cr_assert_lt(i, c->n, "run %zu: the operators end", r);
    if (run->font != k->font || size != k->size) {
      const struct cop *o = &c->ops[i++];
      cr_assert_str_eq(o->op, "Tf", "run %zu: '%s' where Tf was due", r, o->op);
      char want[16];
      snprintf(want, sizeof want, "F%d", run->font);
      cr_expect_str_eq(o->name, want, "run %zu", r);
      cr_assert_eq(o->nnum, 1);
      cr_expect_eq(o->num[0], size, "run %zu: size %lld", r, o->num[0]);
      k->font = run->font;
      k->size = size;
    }
    cr_assert_lt(i, c->n);
    if (k->gray < 0 || gray != k->gray) {
      const struct cop *o = &c->ops[i++];
      cr_assert_str_eq(o->op, "g", "run %zu: '%s' where g was due", r, o->op);
      cr_assert_eq(o->nnum, 1);
      cr_expect_eq(o->num[0], gray, "run %zu: gray %lld", r, o->num[0]);
      k->gray = gray;
    }
    cr_assert_lt(i, c->n);
    const struct cop *td = &c->ops[i++];
    cr_assert_str_eq(td->op, "Td", "run %zu: '%s' where Td was due", r, td->op);
    cr_assert_eq(td->nnum, 2);
    cr_expect(td->fine[0] && td->fine[1], "run %zu: more than 3 decimals", r);
    k->x += td->num[0];
    k->y += td->num[1];
    cr_expect_eq(k->x, llround(run->x * 1000), "run %zu: x %lld, want %.4f", r,
                 k->x, run->x);
    cr_expect_eq(k->y, llround(run->y * 1000), "run %zu: y %lld, want %.4f", r,
                 k->y, run->y);
    cr_assert_lt(i, c->n);
    const struct cop *tj = &c->ops[i++];
    cr_assert_str_eq(tj->op, "Tj", "run %zu: '%s' where Tj was due", r, tj->op);
    cr_assert_eq(tj->nnum, 0);
    /* The CIDs are those of the run's text in its font use. */
    const struct font_use *u = &k->uses[run->font];
    unsigned cids[256];
    size_t got = cop_cids(tj, cids, 256);
    uint32_t cps[256];
    cr_assert_lt(strlen(run->text), 256);
    size_t want = code_points(run->text, cps);
    cr_assert_eq(got, want, "run %zu: %zu CIDs for %zu characters", r, got,
                 want);
    for (size_t j = 0; j < got; j++) {
      cr_assert(cids[j] >= 1 && cids[j] <= u->n, "run %zu: CID %u", r, cids[j]);
      cr_expect_eq(u->cps[cids[j] - 1], cps[j], "run %zu, character %zu", r, j);
    }
  }
  *at = i;
}

/* Runs the runs through qujat_text_run into `out`. */
static void write_runs(struct text_state *t, struct buf *out,
                       const struct font_use *uses, const struct run *runs,
                       size_t n) {
  for (size_t r = 0; r < n; r++) {
    qujat_status st = qujat_text_run(
        t, out, &uses[runs[r].font], runs[r].font, runs[r].size, runs[r].gray,
        runs[r].x, runs[r].y, runs[r].text, strlen(runs[r].text));
    cr_assert_eq(st, QUJAT_OK, "run %zu: %s", r, qujat_strerror(st));
  }
}

/* Two font uses (regular F0, bold F1) of every character of `texts`. */
static void two_uses(struct font_use uses[2], const char *const *texts,
                     size_t n) {
  qujat_font_use_init(&uses[0], reg);
  qujat_font_use_init(&uses[1], bold);
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 2; k++)
      add_ok(&uses[k], texts[i]);
  for (int k = 0; k < 2; k++)
    cr_assert_eq(qujat_font_use_freeze(&uses[k]), QUJAT_OK);
}

static size_t count_ops(const struct content *c, const char *op) {
  size_t n = 0;
  for (size_t i = 0; i < c->n; i++)
    n += strcmp(c->ops[i].op, op) == 0;
  return n;
}

Test(ttf, text_writes_exactly_these_operators) {
  struct font_use uses[2];
  static const char *const texts[] = {"ab"};
  two_uses(uses, texts, 1);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 72, 800, "ab", 2),
               QUJAT_OK);
  cr_assert_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 72, 785.6, "b", 1),
               QUJAT_OK);
  cr_assert_eq(
      qujat_text_run(&t, &out, &uses[1], 1, 8.5, 0.38, 100.25, 785.6, "a", 1),
      QUJAT_OK);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  static const char want[] = "BT\n/F0 12 Tf\n0 g\n72 800 Td\n(\0\1\0\2) Tj\n"
                             "0 -14.4 Td\n(\0\2) Tj\n"
                             "/F1 8.5 Tf\n0.38 g\n28.25 0 Td\n(\0\1) Tj\n"
                             "ET\n";
  cr_expect_eq(out.len, sizeof want - 1, "%zu bytes: %s", out.len, out.data);
  cr_expect_eq(memcmp(out.data, want, sizeof want - 1), 0, "%s", out.data);
  /* Ending again writes nothing. */
  cr_expect_eq(qujat_text_end(&t, &out), QUJAT_OK);
  cr_expect_eq(out.len, sizeof want - 1);
  qujat_buf_free(&out);
  for (int k = 0; k < 2; k++)
    qujat_font_use_free(&uses[k]);
}

Test(ttf, text_runs_share_one_block_and_set_state_on_change) {
  static const struct run runs[] = {
      {0, 12, 0, 72, 800, "Қазақ"},
      {0, 12, 0, 72, 785.6, "тілі"},          /* same state: Td and Tj */
      {1, 12, 0, 200.25, 785.6, "Ә"},         /* another font */
      {1, 10, 0, 200.25, 770, "ә"},           /* another size */
      {1, 10, 0.38, 56.7, 770.0004, "A"},     /* another gray; y rounds */
      {1, 10, 0.38, 56.7, 770.0006, "A"},     /* 0.001 higher */
      {1, 10, 0.38, 56.7004, 770.0014, "AA"}, /* rounds back: 0 0 */
      {0, 10, 0.38, 56.7, 10, "a"},           /* font only */
      {0, 10, 0, -5.5, -3.25, "қ"},           /* gray only; below 0 */
      {0, 10.0, 0, 1e4 + 0.0005, 0.0015, ""}, /* empty text */
      {1, 12, 1, 0, 0, "ӘA"},                 /* all three */
  };
  enum { N = sizeof runs / sizeof *runs };
  const char *texts[N];
  for (size_t i = 0; i < N; i++)
    texts[i] = runs[i].text;
  struct font_use uses[2];
  two_uses(uses, texts, N);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  write_runs(&t, &out, uses, runs, N);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  struct content c;
  parse_content(out.data, out.len, &c);
  struct text_check k = {uses, -1, 0, -1, 0, 0, 0};
  size_t at = 0;
  check_runs(&c, &at, &k, runs, N);
  cr_assert_eq(at + 1, c.n, "%zu operators after the runs", c.n - at);
  cr_expect_str_eq(c.ops[at].op, "ET");
  cr_expect_eq(count_ops(&c, "BT"), 1);
  cr_expect_eq(count_ops(&c, "ET"), 1);
  cr_expect_eq(count_ops(&c, "Tf"), 5, "Tf only on a change");
  cr_expect_eq(count_ops(&c, "g"), 4, "g only on a change");
  cr_expect_eq(count_ops(&c, "Td"), N);
  cr_expect_eq(count_ops(&c, "Tj"), N);
  content_free(&c);
  qujat_buf_free(&out);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

Test(ttf, text_positions_add_up_over_many_runs) {
  static const char *const texts[] = {"ab", "Қазақстан", "тіл", "№ 12",
                                      "«Өтініш»"};
  struct font_use uses[2];
  two_uses(uses, texts, 5);
  static const double sizes[] = {8.8, 10, 12.5, 17};
  static const double grays[] = {0, 0.25, 0.38};
  enum { N = 2000 };
  struct run *runs = malloc(N * sizeof *runs);
  cr_assert_not_null(runs);
  for (size_t i = 0; i < N; i++) {
    runs[i].font = (int)(rnd() % 2);
    runs[i].size = rnd() % 4 ? sizes[1] : sizes[rnd() % 4];
    runs[i].gray = rnd() % 3 ? grays[0] : grays[rnd() % 3];
    /* Steps of 0.0001, so that most positions round. */
    runs[i].x = (double)(rnd() % 6000000) / 10000 - 1.2345;
    runs[i].y = (double)(rnd() % 8500000) / 10000 + 0.0049;
    runs[i].text = texts[rnd() % 5];
  }
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  write_runs(&t, &out, uses, runs, N);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  struct content c;
  parse_content(out.data, out.len, &c);
  struct text_check k = {uses, -1, 0, -1, 0, 0, 0};
  size_t at = 0;
  check_runs(&c, &at, &k, runs, N);
  cr_assert_eq(at + 1, c.n);
  cr_expect_str_eq(c.ops[at].op, "ET");
  cr_expect_eq(count_ops(&c, "BT"), 1);
  content_free(&c);
  qujat_buf_free(&out);
  free(runs);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

Test(ttf, text_blocks_fill_changes_and_pages) {
  static const struct run a[] = {{0, 12, 0.25, 72, 800, "ab"},
                                 {0, 12, 0.25, 80, 790, "ba"}};
  static const struct run b[] = {{0, 12, 0.25, 72, 700, "a"}};
  static const struct run c2[] = {{0, 12, 0.25, 72, 600, "b"},
                                  {0, 12, 0.25, 72, 590, "b"}};
  const char *texts[] = {"ab"};
  struct font_use uses[2];
  two_uses(uses, texts, 1);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  struct text_check k = {uses, -1, 0, -1, 0, 0, 0};
  /* A block; ET (a line is drawn); another block: the font and the fill
   * stay, the position starts again from the origin. */
  write_runs(&t, &out, uses, a, 2);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  cr_assert_eq(qujat_buf_adds(&out, "0 0 m 10 10 l S\n"), QUJAT_OK);
  write_runs(&t, &out, uses, b, 1);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  /* A filled box: the fill is unknown, so g again, though the same. */
  cr_assert_eq(qujat_buf_adds(&out, "0.9 g 0 0 5 5 re f\n"), QUJAT_OK);
  qujat_text_fill_changed(&t);
  write_runs(&t, &out, uses, c2, 2);
  /* Within a block too. */
  qujat_text_fill_changed(&t);
  write_runs(&t, &out, uses, b, 1);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  struct content c;
  parse_content(out.data, out.len, &c);
  size_t at = 0;
  check_runs(&c, &at, &k, a, 2);
  cr_assert_str_eq(c.ops[at++].op, "ET");
  k.in_block = 0;
  cr_assert_str_eq(c.ops[at++].op, "m");
  cr_assert_str_eq(c.ops[at++].op, "l");
  cr_assert_str_eq(c.ops[at++].op, "S");
  size_t before = at;
  check_runs(&c, &at, &k, b, 1);
  cr_expect_eq(at - before, 3, "BT Td Tj: no Tf or g in the second block");
  cr_expect_eq(c.ops[before + 1].num[0], 72000, "Td from the origin");
  cr_expect_eq(c.ops[before + 1].num[1], 700000, "Td from the origin");
  cr_assert_str_eq(c.ops[at++].op, "ET");
  k.in_block = 0;
  cr_assert_str_eq(c.ops[at++].op, "g");
  cr_assert_str_eq(c.ops[at++].op, "re");
  cr_assert_str_eq(c.ops[at++].op, "f");
  k.gray = -1; /* what qujat_text_fill_changed means */
  before = at;
  check_runs(&c, &at, &k, c2, 2);
  cr_expect_str_eq(c.ops[before + 1].op, "g", "no g after a fill");
  k.gray = -1;
  before = at;
  check_runs(&c, &at, &k, b, 1);
  cr_expect_str_eq(c.ops[before].op, "g", "no g after a fill in the block");
  cr_assert_eq(at + 1, c.n);
  cr_expect_str_eq(c.ops[at].op, "ET");
  content_free(&c);
  /* A new page: nothing is set, so Tf and g again. */
  qujat_buf_reset(&out);
  qujat_text_page(&t);
  write_runs(&t, &out, uses, b, 1);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  parse_content(out.data, out.len, &c);
  cr_assert_eq(c.n, 6);
  static const char *const want[] = {"BT", "Tf", "g", "Td", "Tj", "ET"};
  for (size_t i = 0; i < 6; i++)
    cr_expect_str_eq(c.ops[i].op, want[i], "operator %zu", i);
  content_free(&c);
  /* Nothing written on a page: no block to end. */
  qujat_buf_reset(&out);
  qujat_text_page(&t);
  cr_expect_eq(qujat_text_end(&t, &out), QUJAT_OK);
  cr_expect_eq(out.len, 0);
  qujat_buf_free(&out);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

Test(ttf, text_of_a_character_not_added_is_an_error) {
  const char *texts[] = {"ab"};
  struct font_use uses[2];
  two_uses(uses, texts, 1);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 1, 2, "abc", 3),
               QUJAT_ERR_ARG);
  qujat_buf_free(&out);
  /* Past the buffer's cap. */
  qujat_buf_init(&out, 8);
  qujat_text_page(&t);
  cr_expect_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 1, 2, "ab", 2),
               QUJAT_ERR_LIMIT);
  qujat_buf_free(&out);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

/* ------------------------------------------------------------------------
 * (e3) The fonts of a whole rendered PDF
 * ------------------------------------------------------------------------ */

struct pdf_file {
  const unsigned char *p;
  size_t len;
  size_t *obj; /* offset of each object by number; 0: none */
  size_t nobj;
};

/* The objects' offsets from the cross-reference table. */
static void pdf_open(struct pdf_file *f, const unsigned char *p, size_t len) {
  f->p = p;
  f->len = len;
  const char *s = (const char *)p;
  size_t at = len;
  while (at > 9 && memcmp(s + at - 9, "startxref", 9) != 0)
    at--;
  cr_assert_gt(at, 9, "no startxref");
  size_t xref = strtoul(s + at, NULL, 10);
  cr_assert_lt(xref, len);
  cr_assert_eq(memcmp(s + xref, "xref", 4), 0, "no xref at %zu", xref);
  char *e;
  unsigned long first = strtoul(s + xref + 4, &e, 10);
  unsigned long count = strtoul(e, &e, 10);
  cr_assert_eq(first, 0);
  cr_assert(count > 1 && count < 100000);
  while (*e == ' ' || *e == '\r' || *e == '\n')
    e++;
  f->nobj = count;
  f->obj = calloc(count, sizeof *f->obj);
  cr_assert_not_null(f->obj);
  for (unsigned long i = 0; i < count; i++, e += 20) {
    cr_assert_lt((size_t)(e + 20 - s), len);
    if (e[17] == 'n')
      f->obj[i] = strtoul(e, NULL, 10);
  }
}

/* The text of object `num` from its "num 0 obj" to its "endobj" (or
 * "stream"), NUL-terminated (a NUL within becomes a space); free() it. */
static char *pdf_dict(const struct pdf_file *f, unsigned long num) {
  cr_assert(num > 0 && num < f->nobj && f->obj[num], "no object %lu", num);
  const char *s = (const char *)f->p + f->obj[num];
  char head[32];
  snprintf(head, sizeof head, "%lu 0 obj", num);
  cr_assert_eq(strncmp(s, head, strlen(head)), 0, "object %lu: '%.12s'", num,
               s);
  size_t n = 0, max = f->len - f->obj[num];
  while (n < max && !(n + 6 <= max && (!memcmp(s + n, "endobj", 6) ||
                                       !memcmp(s + n, "stream", 6))))
    n++;
  char *d = malloc(n + 1);
  cr_assert_not_null(d);
  memcpy(d, s, n);
  d[n] = '\0';
  for (char *z; (z = memchr(d, '\0', n)) != NULL;) /* in a string (Info) */
    *z = ' ';
  return d;
}

/* The inflated stream of object `num`; free() it. */
static unsigned char *pdf_stream(const struct pdf_file *f, unsigned long num,
                                 size_t *out_len) {
  const char *s = (const char *)f->p + f->obj[num];
  size_t max = f->len - f->obj[num], at = 0;
  while (at + 6 <= max && memcmp(s + at, "stream", 6) != 0)
    at++;
  cr_assert_leq(at + 6, max, "object %lu has no stream", num);
  at += 6;
  if (s[at] == '\r')
    at++;
  if (s[at] == '\n')
    at++;
  z_stream z;
  memset(&z, 0, sizeof z);
  cr_assert_eq(inflateInit(&z), Z_OK);
  size_t cap = 1 << 16, n = 0;
  unsigned char *out = malloc(cap + 1);
  cr_assert_not_null(out);
  z.next_in = (unsigned char *)s + at;
  z.avail_in = (uInt)(max - at);
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (n == cap) {
      out = realloc(out, 2 * cap + 1);
      cr_assert_not_null(out);
      cap *= 2;
    }
    z.next_out = out + n;
    z.avail_out = (uInt)(cap - n);
    rc = inflate(&z, Z_NO_FLUSH);
    n = cap - z.avail_out;
  }
  inflateEnd(&z);
  cr_assert_eq(rc, Z_STREAM_END, "object %lu: not a deflated stream", num);
  out[n] = '\0';
  *out_len = n;
  return out;
}

/* The object `key` refers to in `dict` ("/key N 0 R"), or 0. */
static unsigned long pdf_ref(const char *dict, const char *key) {
  char k[64];
  snprintf(k, sizeof k, "/%s ", key);
  const char *at = strstr(dict, k);
  if (!at)
    return 0;
  unsigned long n, gen;
  char r;
  if (sscanf(at + strlen(k), "%lu %lu %c", &n, &gen, &r) != 3 || r != 'R')
    return 0;
  return n;
}

/* The value of name `key` in `dict` ("/key /Name"), or "". */
static void pdf_name(const char *dict, const char *key, char *out, size_t cap) {
  char k[64];
  snprintf(k, sizeof k, "/%s /", key);
  const char *at = strstr(dict, k);
  out[0] = '\0';
  if (at)
    sscanf(at + strlen(k), "%63[^ \r\n/>]", out);
  (void)cap;
}

struct pdf_font {
  unsigned long obj;   /* the Type0 font */
  const struct ttf *f; /* the bundled font it subsets */
  const unsigned char *d;
  size_t dlen;
  uint32_t *cps; /* CID - 1 -> code point, from the ToUnicode map */
  size_t n;
  unsigned char *used; /* CIDs drawn, by the content streams */
};

/* Reads the bfchar entries of a ToUnicode CMap: CIDs 1..n in order, BMP
 * code points in increasing order (code point order). */
static size_t read_to_unicode(const char *cmap, uint32_t **out) {
  cr_expect_null(strstr(cmap, "bfrange"), "a bfrange");
  cr_expect_null(strstr(cmap, "cidrange"), "a cidrange");
  size_t n = 0, cap = 64;
  uint32_t *cps = malloc(cap * sizeof *cps);
  cr_assert_not_null(cps);
  for (const char *s = cmap; (s = strstr(s, "beginbfchar\n")) != NULL;) {
    s += strlen("beginbfchar\n");
    unsigned cid, cp;
    int used;
    while (sscanf(s, "<%4X> <%4X>\n%n", &cid, &cp, &used) == 2) {
      if (n == cap)
        cr_assert_not_null(cps = realloc(cps, (cap *= 2) * sizeof *cps));
      cr_expect_eq(cid, n + 1, "<%04X> where CID %zu was due", cid, n + 1);
      if (n)
        cr_expect_gt(cp, cps[n - 1], "CID %u: U+%04X after U+%04X", cid, cp,
                     cps[n - 1]);
      cps[n++] = cp;
      s += used;
    }
    cr_assert_eq(strncmp(s, "endbfchar\n", 10), 0, "'%.20s'", s);
  }
  *out = cps;
  return n;
}

/* Checks the W array of CID font `dict` against the widths of the
 * glyphs of the code points `cps` in font `d`: every CID 1..n once. */
static void check_widths(const char *dict, const struct pdf_font *pf) {
  const char *w = strstr(dict, "/W [");
  cr_assert_not_null(w, "no /W");
  w += 4;
  unsigned char *seen = calloc(pf->n + 1, 1);
  cr_assert_not_null(seen);
  char *e;
  for (;;) {
    while (*w == ' ' || *w == '\n' || *w == '\r')
      w++;
    if (*w == ']')
      break;
    unsigned long first = strtoul(w, &e, 10), last;
    cr_assert_neq(e, w, "W: '%.20s'", w);
    w = e;
    while (*w == ' ')
      w++;
    unsigned long widths[1024];
    size_t nw = 0;
    if (*w == '[') {
      for (w++;;) {
        while (*w == ' ' || *w == '\n' || *w == '\r')
          w++;
        if (*w == ']')
          break;
        cr_assert_lt(nw, 1024);
        widths[nw++] = strtoul(w, &e, 10);
        cr_assert_neq(e, w, "W: '%.20s'", w);
        w = e;
      }
      w++;
      last = first + nw - 1;
    } else {
      last = strtoul(w, &e, 10);
      w = e;
      unsigned long width = strtoul(w, &e, 10);
      cr_assert_neq(e, w, "W: '%.20s'", w);
      w = e;
      cr_expect_geq(last - first + 1, 3, "a range of %lu CIDs",
                    last - first + 1);
      for (unsigned long c = first; c <= last && nw < 1024; c++)
        widths[nw++] = width;
    }
    cr_assert(first >= 1 && last <= pf->n && first <= last,
              "W: CIDs %lu..%lu of %zu", first, last, pf->n);
    for (unsigned long c = first; c <= last; c++) {
      cr_expect_not(seen[c], "CID %lu twice in W", c);
      seen[c] = 1;
      unsigned g = ref_glyph(pf->d, pf->dlen, pf->cps[c - 1]);
      cr_expect_eq(widths[c - first], ref_width(pf->d, pf->dlen, g),
                   "width of CID %lu (U+%04X)", c, pf->cps[c - 1]);
    }
  }
  for (size_t c = 1; c <= pf->n; c++)
    cr_expect(seen[c], "CID %zu not in W", c);
  free(seen);
  unsigned long dw = 0;
  const char *at = strstr(dict, "/DW ");
  cr_assert_not_null(at);
  dw = strtoul(at + 4, NULL, 10);
  cr_expect_eq(dw, ref_width(pf->d, pf->dlen, 0), "DW");
}

/* Checks one Type0 font of the PDF: its CID font, widths, ToUnicode map
 * and embedded program, whose glyph i is that of CID i. */
static void check_pdf_font(const struct pdf_file *pdf, unsigned long num,
                           struct pdf_font *pf) {
  char *t0 = pdf_dict(pdf, num);
  char base[64], enc[64], sub[64];
  pdf_name(t0, "BaseFont", base, sizeof base);
  pdf_name(t0, "Encoding", enc, sizeof enc);
  cr_expect_str_eq(enc, "Identity-H");
  cr_assert_eq(strlen(base) > 7 && base[6] == '+', 1, "BaseFont %s", base);
  for (int i = 0; i < 6; i++)
    cr_expect(base[i] >= 'A' && base[i] <= 'Z', "BaseFont %s", base);
  pf->obj = num;
  if (strcmp(base + 7, "QujatSans-Regular") == 0) {
    pf->f = reg, pf->d = reg_bytes, pf->dlen = reg_len;
  } else {
    cr_assert_str_eq(base + 7, "QujatSans-Bold");
    pf->f = bold, pf->d = bold_bytes, pf->dlen = bold_len;
  }
  /* ToUnicode: CIDs 1..n, characters in code point order. */
  unsigned long tu = pdf_ref(t0, "ToUnicode");
  cr_assert_neq(tu, 0, "no ToUnicode");
  size_t len;
  char *cmap = (char *)pdf_stream(pdf, tu, &len);
  pf->n = read_to_unicode(cmap, &pf->cps);
  free(cmap);
  cr_assert_gt(pf->n, 10, "%s: %zu characters", base, pf->n);
  pf->used = calloc(pf->n + 1, 1);
  cr_assert_not_null(pf->used);
  /* The CID font: Identity map, widths. */
  const char *dfs = strstr(t0, "/DescendantFonts [");
  cr_assert_not_null(dfs);
  unsigned long cid_num = strtoul(dfs + strlen("/DescendantFonts ["), NULL, 10);
  char *cid = pdf_dict(pdf, cid_num);
  pdf_name(cid, "Subtype", sub, sizeof sub);
  cr_expect_str_eq(sub, "CIDFontType2");
  char map[64];
  pdf_name(cid, "CIDToGIDMap", map, sizeof map);
  cr_expect_str_eq(map, "Identity", "%s: CIDToGIDMap '%s'", base, map);
  cr_expect_eq(pdf_ref(cid, "CIDToGIDMap"), 0, "a CIDToGIDMap stream");
  char cid_base[64];
  pdf_name(cid, "BaseFont", cid_base, sizeof cid_base);
  cr_expect_str_eq(cid_base, base);
  check_widths(cid, pf);
  /* The program: numGlyphs is the ToUnicode entries + 1, and glyph i is
   * the glyph of CID i's character. */
  unsigned long desc = pdf_ref(cid, "FontDescriptor");
  char *dd = pdf_dict(pdf, desc);
  char fname[64];
  pdf_name(dd, "FontName", fname, sizeof fname);
  cr_expect_str_eq(fname, base);
  unsigned long ff = pdf_ref(dd, "FontFile2");
  cr_assert_neq(ff, 0, "%s: no FontFile2", base);
  char *ffd = pdf_dict(pdf, ff);
  const char *l1 = strstr(ffd, "/Length1 ");
  cr_assert_not_null(l1);
  unsigned char *prog = pdf_stream(pdf, ff, &len);
  cr_expect_eq(strtoul(l1 + 9, NULL, 10), len, "Length1");
  cr_expect_eq(ref_nglyphs(prog, len), pf->n + 1,
               "%s: %u glyphs for %zu ToUnicode entries", base,
               ref_nglyphs(prog, len), pf->n);
  uint16_t *gids = malloc((pf->n + 1) * sizeof *gids);
  cr_assert_not_null(gids);
  gids[0] = 0;
  for (size_t i = 0; i < pf->n; i++) {
    gids[i + 1] = (uint16_t)ref_glyph(pf->d, pf->dlen, pf->cps[i]);
    cr_expect_neq(gids[i + 1], 0, "U+%04X has no glyph", pf->cps[i]);
  }
  check_subset(pf->d, pf->dlen, pf->f, prog, len, gids, pf->n + 1);
  free(gids);
  free(prog);
  free(ffd);
  free(dd);
  free(cid);
  free(t0);
}

/* Appends the UTF-8 of `cp` to `text` (NUL-terminated, `cap` bytes). */
static void text_add(char *text, size_t cap, uint32_t cp) {
  size_t at = strlen(text);
  cr_assert_lt(at + 5, cap);
  text[at + utf8(text + at, cp)] = '\0';
}

Test(ttf, rendered_pdf_fonts_are_identity_mapped_subsets) {
  qujat_catalog *cat = NULL;
  qujat_status st = qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &cat, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  qujat_profile *prof = NULL;
  st = qujat_profile_load_file(
      cat, QUJAT_TEST_FIXTURES "/profiles/smith-family.xml", &prof, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  static const qujat_lang langs[] = {QUJAT_LANG_KK, QUJAT_LANG_KK_RU};
  for (size_t li = 0; li < sizeof langs / sizeof *langs; li++) {
    qujat_request req = {0};
    req.kind = QUJAT_DOC_CHECKLIST;
    req.service = "work-visa-in-kz";
    req.profile = prof;
    req.lang = langs[li];
    req.date = "2026-11-21";
    qujat_document *doc = NULL;
    st = qujat_document_build(cat, &req, &doc, &err);
    cr_assert_eq(st, QUJAT_OK, "build: %s", err.msg);
    unsigned char *p = NULL;
    size_t plen = 0;
    st = qujat_render_pdf_memory(doc, &p, &plen, &err);
    qujat_document_free(doc);
    cr_assert_eq(st, QUJAT_OK, "render: %s", err.msg);
    struct pdf_file pdf;
    pdf_open(&pdf, p, plen);
    /* Every Type0 font: both bundled fonts, once each. */
    struct pdf_font fonts[4];
    memset(fonts, 0, sizeof fonts);
    size_t nfonts = 0;
    for (unsigned long i = 1; i < pdf.nobj; i++) {
      if (!pdf.obj[i])
        continue;
      char *dict = pdf_dict(&pdf, i);
      if (strstr(dict, "/Subtype /Type0")) {
        cr_assert_lt(nfonts, 4);
        check_pdf_font(&pdf, i, &fonts[nfonts++]);
      }
      free(dict);
    }
    cr_expect_eq(nfonts, 2, "%zu Type0 fonts", nfonts);
    cr_expect(nfonts == 2 && fonts[0].f != fonts[1].f);
    /* The pages: every string's CIDs lie in its font's ToUnicode map, and
     * every character of the map is drawn. The text read back through
     * the maps holds the checklist's title. */
    static char text[1 << 17];
    text[0] = '\0';
    size_t pages = 0;
    for (unsigned long i = 1; i < pdf.nobj; i++) {
      if (!pdf.obj[i])
        continue;
      char *dict = pdf_dict(&pdf, i);
      char type[64];
      pdf_name(dict, "Type", type, sizeof type);
      if (strcmp(type, "Page") != 0) {
        free(dict);
        continue;
      }
      pages++;
      const char *fd = strstr(dict, "/Font <<");
      cr_assert_not_null(fd, "page %lu has no fonts", i);
      struct pdf_font *by_name[2] = {NULL, NULL};
      for (int k = 0; k < 2; k++) {
        char key[8];
        snprintf(key, sizeof key, "F%d", k);
        unsigned long ref = pdf_ref(fd, key);
        for (size_t j = 0; j < nfonts; j++)
          if (fonts[j].obj == ref)
            by_name[k] = &fonts[j];
      }
      size_t clen;
      char *content =
          (char *)pdf_stream(&pdf, pdf_ref(dict, "Contents"), &clen);
      struct content c;
      parse_content(content, clen, &c);
      struct pdf_font *cur = NULL;
      int depth = 0;
      for (size_t k = 0; k < c.n; k++) {
        const struct cop *o = &c.ops[k];
        if (!strcmp(o->op, "BT"))
          cr_expect_eq(depth++, 0, "BT inside BT");
        else if (!strcmp(o->op, "ET"))
          cr_expect_eq(--depth, 0, "ET without BT");
        else if (!strcmp(o->op, "Tf")) {
          cr_assert(o->name[0] == 'F' &&
                        (o->name[1] == '0' || o->name[1] == '1'),
                    "font %s", o->name);
          cur = by_name[o->name[1] - '0'];
          cr_assert_not_null(cur, "page %lu: /%s is not a Type0 font", i,
                             o->name);
        } else if (!strcmp(o->op, "Tj")) {
          cr_assert_not_null(cur, "Tj before Tf");
          cr_expect_eq(depth, 1, "Tj outside BT");
          unsigned cids[512];
          size_t n = cop_cids(o, cids, 512);
          for (size_t j = 0; j < n; j++) {
            cr_assert(cids[j] >= 1 && cids[j] <= cur->n, "CID %u of %zu drawn",
                      cids[j], cur->n);
            cur->used[cids[j]] = 1;
            text_add(text, sizeof text, cur->cps[cids[j] - 1]);
          }
          text_add(text, sizeof text, '\n');
        } else if (depth) {
          cr_expect(!strcmp(o->op, "Td") || !strcmp(o->op, "g"),
                    "'%s' inside BT", o->op);
        }
      }
      cr_expect_eq(depth, 0, "page %lu ends inside BT", i);
      content_free(&c);
      free(content);
      free(dict);
    }
    cr_expect_geq(pages, 1);
    for (size_t j = 0; j < nfonts; j++)
      for (size_t cid = 1; cid <= fonts[j].n; cid++)
        cr_expect(fonts[j].used[cid], "font %zu: CID %zu (U+%04X) is not drawn",
                  j, cid, fonts[j].cps[cid - 1]);
    cr_expect_not_null(strstr(text, "Құжаттар"), "no title in:\n%.400s", text);
    cr_expect_not_null(strstr(text, "тізбесі"), "no title in:\n%.400s", text);
    for (size_t j = 0; j < nfonts; j++) {
      free(fonts[j].cps);
      free(fonts[j].used);
    }
    free(pdf.obj);
    qujat_free(p);
  }
  qujat_profile_free(prof);
  qujat_catalog_free(cat);
}

/* ------------------------------------------------------------------------
 * (f) The catalog's fonts (fonts.c)
 * ------------------------------------------------------------------------ */

struct getter {
  const struct qujat_catalog *c;
  pthread_barrier_t *start;
  const struct ttf *fonts[NFONTS];
  qujat_status st;
  qujat_error err;
};

static void *get_fonts(void *arg) {
  struct getter *g = arg;
  pthread_barrier_wait(g->start);
  g->st = qujat_fonts_get(g->c, g->fonts, &g->err);
  return NULL;
}

/* Calls qujat_fonts_get on `c` from `n` threads at once. */
static void get_in_threads(const struct qujat_catalog *c, struct getter *g,
                           unsigned n) {
  pthread_barrier_t start;
  cr_assert_eq(pthread_barrier_init(&start, NULL, n), 0);
  pthread_t t[8];
  cr_assert_leq(n, 8);
  for (unsigned i = 0; i < n; i++) {
    memset(&g[i], 0, sizeof g[i]);
    g[i].c = c;
    g[i].start = &start;
    cr_assert_eq(pthread_create(&t[i], NULL, get_fonts, &g[i]), 0);
  }
  for (unsigned i = 0; i < n; i++)
    cr_assert_eq(pthread_join(t[i], NULL), 0);
  pthread_barrier_destroy(&start);
}

static qujat_catalog *load_catalog(void) {
  qujat_catalog *c = NULL;
  qujat_status st = qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &c, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  cr_assert_eq(((struct qujat_catalog *)c)->fonts_tried, 0,
               "fonts loaded before the first PDF");
  return c;
}

Test(ttf, fonts_from_two_threads_are_the_same_fonts) {
  for (int round = 0; round < 3; round++) {
    qujat_catalog *c = load_catalog();
    unsigned n = round == 0 ? 2 : 8;
    struct getter g[8];
    get_in_threads(c, g, n);
    for (unsigned i = 0; i < n; i++) {
      cr_expect_eq(g[i].st, QUJAT_OK, "thread %u: %s", i, g[i].err.msg);
      for (int k = 0; k < NFONTS; k++) {
        cr_expect_not_null(g[i].fonts[k]);
        cr_expect_eq(g[i].fonts[k], g[0].fonts[k], "thread %u font %d", i, k);
      }
    }
    cr_assert_not_null(g[0].fonts[FONT_REGULAR]);
    cr_assert_not_null(g[0].fonts[FONT_BOLD]);
    cr_expect_neq(g[0].fonts[FONT_REGULAR], g[0].fonts[FONT_BOLD]);
    cr_expect_str_eq(g[0].fonts[FONT_REGULAR]->ps_name, "QujatSans-Regular");
    cr_expect_str_eq(g[0].fonts[FONT_BOLD]->ps_name, "QujatSans-Bold");
    /* And later calls, here without an error structure. */
    const struct ttf *again[NFONTS];
    cr_expect_eq(qujat_fonts_get(c, again, NULL), QUJAT_OK);
    cr_expect(again[0] == g[0].fonts[0] && again[1] == g[0].fonts[1]);
    qujat_catalog_free(c);
  }
}

/* Every call, from any thread, gives the same error and no font. */
static void expect_same_error(qujat_catalog *c, const char *want_file,
                              const char *want_msg) {
  qujat_error first;
  memset(&first, 0, sizeof first);
  for (int call = 0; call < 3; call++) {
    const struct ttf *out[NFONTS] = {reg, reg};
    qujat_error e;
    memset(&e, 0, sizeof e);
    qujat_status st = qujat_fonts_get(c, out, &e);
    cr_expect_eq(st, QUJAT_ERR_FONT, "call %d: %s", call, qujat_strerror(st));
    cr_expect_eq(e.code, QUJAT_ERR_FONT);
    cr_expect_null(out[0], "call %d: a font with the error", call);
    cr_expect_null(out[1], "call %d: a font with the error", call);
    cr_expect_str_eq(e.file, want_file);
    cr_expect(strstr(e.msg, want_msg) != NULL, "message '%s' lacks '%s'", e.msg,
              want_msg);
    if (call == 0)
      first = e;
    cr_expect(first.code == e.code && strcmp(first.file, e.file) == 0 &&
                  strcmp(first.msg, e.msg) == 0 && first.line == e.line,
              "call %d: '%s' after '%s'", call, e.msg, first.msg);
  }
  struct getter g[4];
  get_in_threads(c, g, 4);
  for (unsigned i = 0; i < 4; i++) {
    cr_expect_eq(g[i].st, QUJAT_ERR_FONT);
    cr_expect_str_eq(g[i].err.msg, first.msg);
    cr_expect_str_eq(g[i].err.file, first.file);
    cr_expect(!g[i].fonts[0] && !g[i].fonts[1]);
  }
  cr_expect_eq(
      qujat_fonts_get(c, (const struct ttf *[NFONTS]){NULL, NULL}, NULL),
      QUJAT_ERR_FONT);
}

Test(ttf, wrong_font_path_gives_the_same_error_on_every_call) {
  static const char bad[] = FONTS_DIR "/NoSuch-Bold.ttf";
  /* The bold font is wrong: the regular one, loaded first, is let go. */
  qujat_catalog *c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_BOLD].path = bad;
  expect_same_error(c, bad, "cannot open the font");
  qujat_catalog_free(c);
  /* The regular font is wrong, from threads first. */
  c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_REGULAR].path = bad;
  struct getter g[2];
  get_in_threads(c, g, 2);
  cr_expect(g[0].st == QUJAT_ERR_FONT && g[1].st == QUJAT_ERR_FONT);
  expect_same_error(c, bad, "cannot open the font");
  qujat_catalog_free(c);
  /* A damaged font: the CRC of fonts.xml does not match. */
  c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_BOLD].crc32 ^= 1;
  expect_same_error(c, ((struct qujat_catalog *)c)->fonts[FONT_BOLD].path,
                    "damaged");
  qujat_catalog_free(c);
  /* No fonts.xml at all. */
  c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_REGULAR].path = NULL;
  expect_same_error(c, "", "fonts.xml");
  qujat_catalog_free(c);
}
