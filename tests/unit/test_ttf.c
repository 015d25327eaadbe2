/* Unit tests of qujat's own TrueType path: reading a font (ttf.c), writing
 * the subset a PDF embeds (ttf_subset.c), one PDF's use of a font
 * (pdf_font.c) and the catalog's lazily loaded fonts (fonts.c).
 *
 * Expected values come from the font files' bytes, read here by a small
 * reader of our own, not from the library's parse. The bundled fonts have
 * no composite glyphs and one hmtx entry per glyph, so a small TrueType
 * font is also built here byte by byte: composite glyphs (nested, with
 * every kind of scale), glyphs past numberOfHMetrics, both loca formats,
 * a cmap with delta and glyph-array segments, and an outline large enough
 * to need the long loca format. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
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

/*
 * The synthetic font, units per em 2048, 11 glyphs, 7 long metrics:
 *   0 .notdef  simple, 17 bytes
 *   1 'A' 'Ә'  simple
 *   2 'B' 'ә'  composite of 3 (words, scale) and 4
 *   3          simple, only a component
 *   4          composite of 5 (2x2) and 9 (words, x and y scale): nested
 *   5          simple, only a component
 *   6 'C'      simple (0x20000 bytes longer when `big`), the last long metric
 *   7 'D'      composite of 6
 *   8 ' '      empty
 *   9          simple, only a component, past numberOfHMetrics
 *  10 'E'      composite of glyph 0xFFFF (x and y scale), which does not
 *              exist, and of 1
 * Every kind of scale is followed by another component, so that reading
 * one with the wrong size loses the next. post is format 2, with names.
 * The loca is long when `long_loca` (then glyphs keep odd lengths).
 */
static unsigned char *synth_font(int long_loca, int big, size_t *len) {
  cr_assert(long_loca || !big);
  struct bb g[SYN_GLYPHS];
  memset(g, 0, sizeof g);
  simple_glyph(&g[0], 1, 1);
  simple_glyph(&g[1], 2, 2);
  composite_header(&g[2]);
  component(&g[2], C_WORDS | C_SCALE | C_MORE, 3);
  component(&g[2], 0, 4);
  simple_glyph(&g[3], 3, 3);
  composite_header(&g[4]);
  component(&g[4], C_TWO_BY_TWO | C_MORE, 5);
  component(&g[4], C_WORDS | C_XY_SCALE, 9);
  simple_glyph(&g[5], 1, 5);
  simple_glyph(&g[6], 2, 6);
  if (big)
    bb_zero(&g[6], 0x20000);
  composite_header(&g[7]);
  component(&g[7], 0, 6);
  simple_glyph(&g[9], 3, 9);
  composite_header(&g[10]);
  component(&g[10], C_XY_SCALE | C_MORE, 0xffff);
  component(&g[10], 0, 1);

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

  struct bb maxp = {0};
  bb_u32(&maxp, 0x00005000);
  bb_u16(&maxp, SYN_GLYPHS);

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

/* ------------------------------------------------------------------------
 * Checking a subset against its font
 * ------------------------------------------------------------------------ */

/* The glyphs a subset must keep: those used, .notdef and the components of
 * kept composites to any depth, read here from the original's bytes. */
static void closure(const unsigned char *d, size_t len, unsigned nglyphs,
                    const unsigned char *used, unsigned char *keep) {
  for (unsigned g = 0; g < nglyphs; g++)
    keep[g] = used[g] != 0;
  keep[0] = 1;
  for (int changed = 1; changed;) {
    changed = 0;
    for (unsigned g = 0; g < nglyphs; g++) {
      size_t off, glen;
      ref_glyph_at(d, len, g, &off, &glen);
      const unsigned char *p = d + off;
      if (!keep[g] || glen < 10 || sbe16(p) >= 0)
        continue;
      size_t at = 10;
      unsigned flags = C_MORE;
      while ((flags & C_MORE) && at + 4 <= glen) {
        flags = be16(p + at);
        unsigned part = be16(p + at + 2);
        at += 4 + (flags & C_WORDS ? 4 : 2);
        at += flags & C_SCALE        ? 2
              : flags & C_XY_SCALE   ? 4
              : flags & C_TWO_BY_TWO ? 8
                                     : 0;
        if (part < nglyphs && !keep[part])
          keep[part] = 1, changed = 1;
      }
    }
  }
}

static int tag_in(uint32_t tag, const uint32_t *tags, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (tags[i] == tag)
      return 1;
  return 0;
}

/* A name record's string, or NULL. */
static const unsigned char *name_string(const unsigned char *d, size_t len,
                                        unsigned platform, unsigned encoding,
                                        unsigned language, unsigned id,
                                        unsigned *slen) {
  uint32_t nlen;
  const unsigned char *n = ref_need(d, len, T_NAME, &nlen);
  for (unsigned i = 0; i < be16(n + 2); i++) {
    const unsigned char *r = n + 6 + 12 * i;
    if (be16(r) == platform && be16(r + 2) == encoding &&
        be16(r + 4) == language && be16(r + 6) == id) {
      *slen = be16(r + 8);
      cr_assert_leq(be16(n + 4) + be16(r + 10) + *slen, nlen);
      return n + be16(n + 4) + be16(r + 10);
    }
  }
  return NULL;
}

/*
 * Checks `sub` as the subset of font `f` (whose file is `d`) that keeps
 * exactly the glyphs `keep`: the file's frame and checksums, each table,
 * each glyph, and that the library reads it back with the same metrics.
 */
static void check_subset(const unsigned char *d, size_t dlen,
                         const struct ttf *f, const unsigned char *sub,
                         size_t len, const unsigned char *keep) {
  static const uint32_t allowed[] = {T_OS2,  T_CMAP, T_CVT,  T_FPGM, T_GLYF,
                                     T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP,
                                     T_NAME, T_POST, T_PREP};
  static const uint32_t copied[] = {T_OS2,  T_CVT,  T_FPGM,
                                    T_HHEA, T_MAXP, T_PREP};
  static const uint32_t required[] = {T_HEAD, T_HHEA, T_MAXP, T_HMTX,
                                      T_LOCA, T_GLYF, T_CMAP};

  /* The frame: header, directory sorted by tag, checksums, alignment. */
  cr_assert_geq(len, 12);
  cr_expect_eq(len % 4, 0, "length %zu", len);
  cr_expect_eq(word_sum(sub, len), 0xb1b0afbau, "whole-file sum %08x",
               word_sum(sub, len));
  cr_expect_eq(be32(sub), 0x00010000u);
  unsigned n = be16(sub + 4);
  cr_assert_leq(12 + 16 * (size_t)n, len);
  unsigned pow2 = 1, lg = 0;
  while (pow2 * 2 <= n) {
    pow2 *= 2;
    lg++;
  }
  cr_expect_eq(be16(sub + 6), 16 * pow2, "searchRange");
  cr_expect_eq(be16(sub + 8), lg, "entrySelector");
  cr_expect_eq(be16(sub + 10), 16 * n - 16 * pow2, "rangeShift");
  for (unsigned i = 0; i < n; i++) {
    const unsigned char *r = sub + 12 + 16 * i;
    uint32_t tag = be32(r), off = be32(r + 8), tl = be32(r + 12);
    if (i)
      cr_expect_gt(tag, be32(r - 16), "directory not sorted at %u", i);
    cr_expect(tag_in(tag, allowed, sizeof allowed / sizeof *allowed),
              "unexpected table %08x", tag);
    cr_expect_eq(off % 4, 0, "table %08x at %u", tag, off);
    cr_expect_geq(off, 12 + 16 * n);
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
  uint32_t off, tl, ooff, otl;
  for (size_t i = 0; i < sizeof required / sizeof *required; i++)
    cr_assert(ref_table(sub, len, required[i], &off, &tl), "no %08x",
              required[i]);
  for (size_t i = 0; i < sizeof copied / sizeof *copied; i++) {
    int in_orig = ref_table(d, dlen, copied[i], &ooff, &otl);
    int in_sub = ref_table(sub, len, copied[i], &off, &tl);
    cr_expect_eq(in_sub, in_orig, "table %08x", copied[i]);
    if (in_orig && in_sub)
      cr_expect(tl == otl && memcmp(sub + off, d + ooff, tl) == 0,
                "table %08x not copied as is", copied[i]);
  }

  /* head: as the original but checkSumAdjustment and indexToLocFormat. */
  const unsigned char *head = ref_need(sub, len, T_HEAD, &tl);
  const unsigned char *ohead = ref_need(d, dlen, T_HEAD, NULL);
  cr_assert_eq(tl, 54);
  cr_expect_eq(memcmp(head, ohead, 8), 0);
  cr_expect_eq(memcmp(head + 12, ohead + 12, 38), 0);
  cr_expect_eq(memcmp(head + 52, ohead + 52, 2), 0);
  uint32_t glyf_len;
  ref_need(sub, len, T_GLYF, &glyf_len);
  int long_loca = be16(head + 50);
  cr_expect_eq(long_loca, glyf_len > 0x1fffe, "indexToLocFormat %d, glyf %u",
               long_loca, glyf_len);

  /* maxp: the glyph count does not change. */
  unsigned ng = ref_nglyphs(sub, len);
  cr_expect_eq(ng, f->nglyphs);
  cr_expect_eq(ng, ref_nglyphs(d, dlen));

  /* loca and glyf: kept outlines unchanged, the others empty. */
  const unsigned char *loca = ref_need(sub, len, T_LOCA, &tl);
  cr_expect_eq(tl, (ng + 1) * (long_loca ? 4u : 2u));
  cr_expect(keep[0]);
  for (unsigned g = 0; g < ng; g++) {
    size_t so, sl, oo, ol;
    ref_glyph_at(sub, len, g, &so, &sl);
    ref_glyph_at(d, dlen, g, &oo, &ol);
    if (keep[g]) {
      cr_expect_eq(sl, (ol + 1) & ~(size_t)1, "glyph %u: %zu bytes for %zu", g,
                   sl, ol);
      cr_expect(memcmp(sub + so, d + oo, ol) == 0, "glyph %u: outline changed",
                g);
      if (sl > ol)
        cr_expect_eq(sub[so + ol], 0, "glyph %u: padding", g);
    } else {
      cr_expect_eq(sl, 0, "glyph %u: dropped but %zu bytes", g, sl);
    }
  }
  uint32_t last = long_loca ? be32(loca + 4 * ng) : 2u * be16(loca + 2 * ng);
  cr_expect_eq(last, glyf_len, "glyf holds more than the glyphs");

  /* hmtx: the metrics of dropped glyphs are zero, except the last long
   * metric, whose advance the glyphs after it share. */
  const unsigned char *hmtx = ref_need(sub, len, T_HMTX, &tl);
  const unsigned char *ohmtx = ref_need(d, dlen, T_HMTX, &otl);
  cr_expect_eq(tl, otl);
  unsigned nm = ref_nmetrics(d, dlen);
  for (unsigned g = 0; g < ng; g++) {
    size_t at = g < nm ? 4 * (size_t)g : 4 * (size_t)nm + 2 * (g - nm);
    size_t w = g < nm ? 4 : 2;
    if (at + w > tl)
      break;
    int shared = g + 1 == nm && nm < ng;
    if (keep[g] || shared) {
      cr_expect(memcmp(hmtx + at, ohmtx + at, w) == 0, "hmtx of glyph %u", g);
    } else {
      static const unsigned char zero[4];
      cr_expect(memcmp(hmtx + at, zero, w) == 0, "hmtx of dropped glyph %u", g);
    }
  }

  /* cmap: one Windows BMP format 4 subtable with just the final segment. */
  const unsigned char *cmap = ref_need(sub, len, T_CMAP, &tl);
  cr_assert_geq(tl, 36);
  cr_expect_eq(be16(cmap + 2), 1);
  cr_expect_eq(be16(cmap + 4), 3);
  cr_expect_eq(be16(cmap + 6), 1);
  const unsigned char *sub4 = cmap + be32(cmap + 8);
  cr_expect_eq(be16(sub4), 4);
  cr_expect_eq(be16(sub4 + 6), 2, "one segment");
  cr_expect_eq(be16(sub4 + 14), 0xffff);
  cr_expect_eq(be16(sub4 + 18), 0xffff);

  /* post: format 3, the rest as the original. */
  if (ref_table(d, dlen, T_POST, &ooff, &otl) && otl >= 32) {
    const unsigned char *post = ref_need(sub, len, T_POST, &tl);
    cr_expect_eq(tl, 32);
    cr_expect_eq(be32(post), 0x00030000u);
    cr_expect_eq(memcmp(post + 4, d + ooff + 4, 28), 0);
  } else {
    cr_expect_not(ref_table(sub, len, T_POST, &off, &tl));
  }

  /* name: the Windows US English records 0..6 of the original only. */
  if (ref_table(d, dlen, T_NAME, &ooff, &otl)) {
    const unsigned char *name = ref_need(sub, len, T_NAME, &tl);
    unsigned count = be16(name + 2), want = 0;
    const unsigned char *on = d + ooff;
    for (unsigned i = 0; i < be16(on + 2); i++) {
      const unsigned char *r = on + 6 + 12 * i;
      want += be16(r) == 3 && be16(r + 4) == 0x409 && be16(r + 6) <= 6;
    }
    cr_expect_eq(count, want, "%u name records, %u wanted", count, want);
    cr_expect_eq(be16(name + 4), 6 + 12 * count);
    for (unsigned i = 0; i < count; i++) {
      const unsigned char *r = name + 6 + 12 * i;
      cr_expect_eq(be16(r), 3);
      cr_expect_eq(be16(r + 4), 0x409);
      cr_expect_leq(be16(r + 6), 6);
      unsigned sl, ol;
      const unsigned char *s = name_string(sub, len, be16(r), be16(r + 2),
                                           be16(r + 4), be16(r + 6), &sl);
      const unsigned char *o = name_string(d, dlen, be16(r), be16(r + 2),
                                           be16(r + 4), be16(r + 6), &ol);
      cr_assert(s && o, "name id %u", be16(r + 6));
      cr_expect(sl == ol && memcmp(s, o, sl) == 0, "name id %u changed",
                be16(r + 6));
    }
  }

  /* Read back by the library: same metrics, widths of the kept glyphs,
   * and the intentionally empty cmap. */
  struct ttf *s = NULL;
  qujat_status st = parse_copy(sub, len, &s);
  cr_assert_eq(st, QUJAT_OK, "the subset does not parse: %s", err.msg);
  cr_expect_eq(s->nglyphs, f->nglyphs);
  cr_expect_eq(s->units_per_em, f->units_per_em);
  cr_expect_eq(memcmp(s->bbox, f->bbox, sizeof s->bbox), 0);
  cr_expect_eq(s->ascent, f->ascent);
  cr_expect_eq(s->descent, f->descent);
  cr_expect_eq(s->cap_height, f->cap_height);
  cr_expect_eq(s->italic_angle, f->italic_angle);
  cr_expect_str_eq(s->ps_name, f->ps_name);
  for (int p = 0; p < 256; p++)
    cr_expect_null(s->cmap_pages[p], "the subset maps page %02x", p);
  for (unsigned g = 0; g < ng; g++) {
    if (keep[g])
      cr_expect_eq(qujat_ttf_width(s, g), qujat_ttf_width(f, g),
                   "width of kept glyph %u", g);
    else if (g + 1 < nm)
      cr_expect_eq(qujat_ttf_width(s, g), 0, "width of dropped glyph %u", g);
  }
  qujat_ttf_free(s);
}

/* Subsets `f` (file `d`) keeping `used`, checks the result against the
 * closure computed here, and returns it (free()). */
static unsigned char *subset_checked(const unsigned char *d, size_t dlen,
                                     const struct ttf *f,
                                     const unsigned char *used,
                                     size_t *out_len) {
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_ttf_subset(f, used, &out);
  cr_assert_eq(st, QUJAT_OK, "subset: %s", qujat_strerror(st));
  unsigned char *keep = malloc(f->nglyphs);
  cr_assert_not_null(keep);
  closure(d, dlen, f->nglyphs, used, keep);
  check_subset(d, dlen, f, (unsigned char *)out.data, out.len, keep);
  free(keep);
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
  unsigned char *syn = synth_font(1, 0, &slen);
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
 * font that parses gives a subset that parses again. */
static void damage_and_subset(const unsigned char *orig, size_t len, size_t hot,
                              int rounds) {
  unsigned char *d = malloc(len), *used = NULL;
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
    used = realloc(used, f->nglyphs);
    cr_assert_not_null(used);
    for (unsigned g = 0; g < f->nglyphs; g++)
      used[g] = round % 5 == 0 || rnd() % 3 == 0;
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    st = qujat_ttf_subset(f, used, &out);
    cr_assert_eq(st, QUJAT_OK, "round %d: subset %s", round,
                 qujat_strerror(st));
    cr_expect_eq(word_sum((unsigned char *)out.data, out.len), 0xb1b0afbau,
                 "round %d", round);
    struct ttf *s = NULL;
    st = parse_copy((unsigned char *)out.data, out.len, &s);
    cr_expect_eq(st, QUJAT_OK, "round %d: the subset does not parse: %s", round,
                 err.msg);
    if (s) {
      cr_expect_eq(s->nglyphs, f->nglyphs, "round %d", round);
      for (unsigned g = 0; g < f->nglyphs; g++)
        if (used[g])
          cr_expect_eq(qujat_ttf_width(s, g), qujat_ttf_width(f, g),
                       "round %d: width of kept glyph %u", round, g);
    }
    qujat_ttf_free(s);
    qujat_buf_free(&out);
    qujat_ttf_free(f);
  }
  cr_expect_gt(parsed, rounds / 20, "only %d of %d damaged fonts parsed",
               parsed, rounds);
  free(used);
  free(d);
}

Test(ttf, random_damage_never_crashes) {
  uint32_t glyf_off, glyf_len;
  cr_assert(ref_table(reg_bytes, reg_len, T_GLYF, &glyf_off, &glyf_len));
  /* Directory, head, hhea, maxp, OS/2, hmtx, cmap and loca lie before
   * glyf in the bundled fonts. */
  damage_and_subset(reg_bytes, reg_len, glyf_off, 1500);
  size_t slen;
  unsigned char *syn = synth_font(0, 0, &slen);
  damage_and_subset(syn, slen, slen, 4000);
  free(syn);
  syn = synth_font(1, 0, &slen);
  damage_and_subset(syn, slen, slen, 4000);
  free(syn);
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
    unsigned char *d = synth_font(long_loca, 0, &len);
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
    qujat_ttf_free(f);
    free(d);
  }
}

/* ------------------------------------------------------------------------
 * (d) Subsets
 * ------------------------------------------------------------------------ */

/* Marks the glyphs of the UTF-8 text `s` in `used`. */
static void mark_text(const struct ttf *f, const char *s, unsigned char *used) {
  for (const char *p = s; *p;) {
    /* Our own decoding, for independence from utf8.c. */
    unsigned char c = (unsigned char)*p;
    uint32_t cp;
    int n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    cp = n == 1 ? c : c & (0x3f >> (n - 1));
    for (int k = 1; k < n; k++)
      cp = cp << 6 | ((unsigned char)p[k] & 0x3f);
    p += n;
    unsigned g = qujat_ttf_glyph(f, cp);
    cr_assert_neq(g, 0, "U+%04X", cp);
    used[g] = 1;
  }
}

#define TEXT_KK "Қазақстан Республикасының көші-қоны: «Өтініш» № 12 — ұлт"

Test(ttf, subset_of_bundled_fonts_is_a_valid_font) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    const struct ttf *f = fonts[i];
    unsigned char *used = calloc(f->nglyphs, 1);
    cr_assert_not_null(used);
    size_t len;
    /* Nothing used: .notdef only. */
    free(subset_checked(bytes[i], lens[i], f, used, &len));
    /* A Kazakh sentence. */
    mark_text(f, TEXT_KK, used);
    unsigned char *sub = subset_checked(bytes[i], lens[i], f, used, &len);
    cr_expect_lt(len, lens[i] / 2, "a sentence's subset is %zu bytes", len);
    free(sub);
    /* Only the last glyph, a third at random, everything. */
    memset(used, 0, f->nglyphs);
    used[f->nglyphs - 1] = 1;
    free(subset_checked(bytes[i], lens[i], f, used, &len));
    for (unsigned g = 0; g < f->nglyphs; g++)
      used[g] = rnd() % 3 == 0 ? (unsigned char)(1 + rnd() % 255) : 0;
    free(subset_checked(bytes[i], lens[i], f, used, &len));
    memset(used, 1, f->nglyphs);
    free(subset_checked(bytes[i], lens[i], f, used, &len));
    free(used);
  }
}

Test(ttf, subset_is_deterministic_and_independent_of_buffer_start) {
  unsigned char *used = calloc(reg->nglyphs, 1);
  cr_assert_not_null(used);
  mark_text(reg, TEXT_KK, used);
  struct buf a, b, c;
  qujat_buf_init(&a, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&c, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(reg, used, &a), QUJAT_OK);
  cr_assert_eq(qujat_ttf_subset(reg, used, &b), QUJAT_OK);
  cr_expect_eq(a.len, b.len);
  cr_expect_eq(memcmp(a.data, b.data, a.len), 0, "two subsets differ");
  /* Appended after other bytes (3, so misaligned): the same font. */
  cr_assert_eq(qujat_buf_add(&c, "xyz", 3), QUJAT_OK);
  cr_assert_eq(qujat_ttf_subset(reg, used, &c), QUJAT_OK);
  cr_expect_eq(c.len, 3 + a.len);
  cr_expect_eq(memcmp(c.data, "xyz", 3), 0);
  cr_expect_eq(memcmp(c.data + 3, a.data, a.len), 0,
               "the subset depends on what precedes it");
  /* `used` is not changed, and other text gives other bytes. */
  unsigned char *used2 = calloc(reg->nglyphs, 1);
  cr_assert_not_null(used2);
  mark_text(reg, TEXT_KK, used2);
  cr_expect_eq(memcmp(used, used2, reg->nglyphs), 0, "used was changed");
  mark_text(reg, "W", used2);
  qujat_buf_reset(&b);
  cr_assert_eq(qujat_ttf_subset(reg, used2, &b), QUJAT_OK);
  cr_expect(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
  qujat_buf_free(&a);
  qujat_buf_free(&b);
  qujat_buf_free(&c);
  free(used);
  free(used2);
}

/* Subsets the synthetic font keeping the glyphs of `text` and checks that
 * exactly `want` (a list ending in -1) are kept. */
static void expect_synthetic_keeps(const unsigned char *d, size_t len,
                                   const struct ttf *f, const char *text,
                                   const int *want) {
  unsigned char used[SYN_GLYPHS] = {0}, keep[SYN_GLYPHS] = {0};
  mark_text(f, text, used);
  for (; *want >= 0; want++)
    keep[*want] = 1;
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(f, used, &out), QUJAT_OK);
  check_subset(d, len, f, (unsigned char *)out.data, out.len, keep);
  qujat_buf_free(&out);
}

Test(ttf, subset_keeps_components_of_composite_glyphs) {
  for (int long_loca = 0; long_loca < 2; long_loca++) {
    size_t len;
    unsigned char *d = synth_font(long_loca, 0, &len);
    struct ttf *f = NULL;
    cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
    /* 'B' = 2: components 3 (words, scale) and 4, and through 4 its
     * components 5 (2x2) and 9 (words, x and y scale). */
    expect_synthetic_keeps(d, len, f, "B", (const int[]){0, 2, 3, 4, 5, 9, -1});
    expect_synthetic_keeps(d, len, f, "\xd3\x99", /* ә */
                           (const int[]){0, 2, 3, 4, 5, 9, -1});
    /* 'D' = 7 draws 6; 'C' = 6 alone. */
    expect_synthetic_keeps(d, len, f, "D", (const int[]){0, 6, 7, -1});
    expect_synthetic_keeps(d, len, f, "C", (const int[]){0, 6, -1});
    /* 'E' = 10 names glyph 0xFFFF, which does not exist, then 1. */
    expect_synthetic_keeps(d, len, f, "E", (const int[]){0, 1, 10, -1});
    expect_synthetic_keeps(d, len, f, "A\xd3\x98", (const int[]){0, 1, -1});
    expect_synthetic_keeps(d, len, f, "", (const int[]){0, -1});
    expect_synthetic_keeps(d, len, f, "ABCDE ",
                           (const int[]){0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1});
    qujat_ttf_free(f);
    free(d);
  }
}

/* Glyphs 7..10 have no advance of their own in hmtx: they share that of
 * glyph 6, the last long metric, which must survive when 6 is dropped. */
Test(ttf, subset_keeps_the_advance_shared_past_number_of_hmetrics) {
  size_t len;
  unsigned char *d = synth_font(0, 0, &len);
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
  unsigned char used[SYN_GLYPHS] = {0};
  used[8] = 1; /* the space, past numberOfHMetrics */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(f, used, &out), QUJAT_OK);
  struct ttf *s = NULL;
  cr_assert_eq(parse_copy((unsigned char *)out.data, out.len, &s), QUJAT_OK,
               "%s", err.msg);
  cr_expect_eq(qujat_ttf_width(s, 8), syn_width[8],
               "the space's advance is %u in the subset, %u in the font",
               qujat_ttf_width(s, 8), syn_width[8]);
  cr_expect_eq(qujat_ttf_width(s, 1), 0, "dropped glyph 1 keeps a width");
  qujat_ttf_free(s);
  qujat_buf_free(&out);
  unsigned char keep[SYN_GLYPHS] = {1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(f, used, &out), QUJAT_OK);
  check_subset(d, len, f, (unsigned char *)out.data, out.len, keep);
  qujat_buf_free(&out);
  qujat_ttf_free(f);
  free(d);
}

Test(ttf, subset_uses_long_loca_when_glyf_needs_it) {
  size_t len;
  unsigned char *d = synth_font(1, 1, &len);
  struct ttf *f = NULL;
  cr_assert_eq(parse_copy(d, len, &f), QUJAT_OK, "%s", err.msg);
  /* With 'C' (0x20014 bytes) the glyf table is past the short format. */
  expect_synthetic_keeps(d, len, f, "DA", (const int[]){0, 1, 6, 7, -1});
  /* Without it the subset goes back to the short format. */
  expect_synthetic_keeps(d, len, f, "B", (const int[]){0, 2, 3, 4, 5, 9, -1});
  unsigned char used[SYN_GLYPHS] = {0};
  used[6] = 1;
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(f, used, &out), QUJAT_OK);
  uint32_t off, tl;
  cr_assert(ref_table((unsigned char *)out.data, out.len, T_HEAD, &off, &tl));
  cr_expect_eq(be16((unsigned char *)out.data + off + 50), 1, "short loca");
  qujat_buf_free(&out);
  /* A cap too small for it: LIMIT, not a crash. */
  qujat_buf_init(&out, 1000);
  cr_expect_eq(qujat_ttf_subset(f, used, &out), QUJAT_ERR_LIMIT);
  qujat_buf_free(&out);
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
static size_t string_cids(struct font_use *u, const char *s, struct buf *out,
                          unsigned *cids, size_t cap) {
  size_t start = out->len;
  uint32_t missing = 0;
  qujat_status st = qujat_font_use_string(u, s, strlen(s), out, &missing);
  cr_assert_eq(st, QUJAT_OK, "%s (U+%04X)", qujat_strerror(st), missing);
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

/* The code points of UTF-8 `s`. */
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

Test(ttf, cids_in_order_of_first_use_and_reused) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[64];
  size_t n = string_cids(&u, "қазақ тілі", &out, cids, 64);
  static const unsigned want[] = {1, 2, 3, 2, 1, 4, 5, 6, 7, 6};
  cr_assert_eq(n, 10);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(cids[i], want[i], "character %zu: CID %u", i, cids[i]);
  static const uint32_t first[] = {0x049B, 0x0430, 0x0437, 0x20,
                                   0x0442, 0x0456, 0x043B};
  cr_assert_eq(u.n, 7);
  for (size_t i = 0; i < 7; i++)
    cr_expect_eq(u.cps[i], first[i], "CID %zu", i + 1);
  /* A second string continues the numbering and reuses the CIDs. */
  n = string_cids(&u, "тіл Ә", &out, cids, 64);
  static const unsigned want2[] = {5, 6, 7, 4, 8};
  cr_assert_eq(n, 5);
  for (size_t i = 0; i < n; i++)
    cr_expect_eq(cids[i], want2[i], "second string, character %zu", i);
  cr_expect_eq(u.n, 8);
  /* The empty string. */
  size_t before = out.len;
  uint32_t missing = 0;
  cr_expect_eq(qujat_font_use_string(&u, "", 0, &out, &missing), QUJAT_OK);
  cr_expect_eq(out.len, before + 2);
  cr_expect_eq(memcmp(out.data + before, "()", 2), 0);
  /* Another use of the same font starts again from 1. */
  struct font_use v;
  qujat_font_use_init(&v, reg);
  n = string_cids(&v, "Ә", &out, cids, 64);
  cr_expect(n == 1 && cids[0] == 1);
  qujat_font_use_free(&v);
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

Test(ttf, literal_string_escapes_parens_backslash_and_cr) {
  /* 158 distinct characters: CIDs 0x0D, 0x28, 0x29 and 0x5C occur. */
  char text[4096];
  uint32_t order[512];
  size_t len = 0, n = 0;
  for (uint32_t cp = 0x410; cp <= 0x44f; cp++)
    order[n++] = cp;
  for (uint32_t cp = 0x21; cp <= 0x7e; cp++)
    order[n++] = cp;
  size_t distinct = n;
  for (size_t i = 0; i < distinct; i++) /* again, backwards */
    order[n++] = order[distinct - 1 - i];
  for (size_t i = 0; i < n; i++)
    len += utf8(text + len, order[i]);
  text[len] = '\0';
  struct font_use u;
  qujat_font_use_init(&u, reg);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[512];
  size_t got = string_cids(&u, text, &out, cids, 512);
  cr_assert_eq(got, n);
  cr_assert_eq(u.n, distinct);
  size_t escapes = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned want =
        i < distinct ? (unsigned)i + 1 : (unsigned)(2 * distinct - i);
    cr_expect_eq(cids[i], want, "character %zu: CID %u, want %u", i, cids[i],
                 want);
    for (int k = 0; k < 2; k++) {
      unsigned byte = k ? want & 0xff : want >> 8;
      escapes += byte == 0x28 || byte == 0x29 || byte == 0x5c || byte == 0x0d;
    }
  }
  cr_expect_eq(escapes, 8, "CIDs 0x0D 0x28 0x29 0x5C, twice each");
  cr_expect_eq(out.len, 2 + 2 * n + escapes, "%zu bytes", out.len);
  cr_expect_null(memchr(out.data, '\r', out.len), "a raw CR");
  cr_expect(contains(out.data, out.len, "\\r"));
  cr_expect(contains(out.data, out.len, "\\("));
  cr_expect(contains(out.data, out.len, "\\)"));
  cr_expect(contains(out.data, out.len, "\\\\"));
  /* The ToUnicode map gives the text back. */
  for (size_t i = 0; i < distinct; i++)
    cr_expect_eq(u.cps[i], order[i]);
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

Test(ttf, missing_glyph_appends_nothing) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&out, "BT "), QUJAT_OK);
  unsigned cids[8];
  string_cids(&u, "ab", &out, cids, 8);
  size_t before = out.len;
  char saved[64];
  memcpy(saved, out.data, before + 1);
  static const struct {
    const char *s;
    uint32_t cp;
  } cases[] = {{"cd \xe2\x82\xb8 5", 0x20B8},    /* ₸ after new letters */
               {"\xe2\x82\xb8", 0x20B8},         /* alone */
               {"xyz\xf0\x9f\x98\x80", 0x1F600}, /* outside the BMP */
               {"a\xe4\xb8\x80", 0x4E00}};       /* CJK */
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    uint32_t missing = 0;
    qujat_status st = qujat_font_use_string(&u, cases[i].s, strlen(cases[i].s),
                                            &out, &missing);
    cr_expect_eq(st, QUJAT_ERR_FONT, "'%s'", cases[i].s);
    cr_expect_eq(missing, cases[i].cp, "'%s': U+%04X", cases[i].s, missing);
    cr_expect_eq(out.len, before, "'%s' appended", cases[i].s);
    cr_expect_eq(memcmp(out.data, saved, before + 1), 0);
    cr_expect_eq(u.n, 2, "'%s' gave CIDs", cases[i].s);
  }
  qujat_font_use_free(&u);
  qujat_buf_free(&out);
}

Test(ttf, output_limit_appends_nothing) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  uint32_t missing;
  /* "(" + 6 + ")" does not fit in 5 bytes. */
  struct buf out;
  qujat_buf_init(&out, 5);
  cr_assert_eq(qujat_buf_adds(&out, "ab"), QUJAT_OK);
  cr_expect_eq(qujat_font_use_string(&u, "xyz", 3, &out, &missing),
               QUJAT_ERR_LIMIT);
  cr_expect_eq(out.len, 2);
  cr_expect_str_eq(out.data, "ab");
  qujat_buf_free(&out);
  /* A buffer that can hold nothing, and has never been allocated. */
  qujat_buf_init(&out, 0);
  cr_expect_eq(qujat_font_use_string(&u, "x", 1, &out, &missing),
               QUJAT_ERR_LIMIT);
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

/* A font use of the first `n` code points with a glyph from U+0020. */
static void use_n(struct font_use *u, size_t n, uint32_t *cps) {
  qujat_font_use_init(u, reg);
  char text[8192];
  size_t len = 0, k = 0;
  for (uint32_t cp = 0x20; k < n; cp++) {
    cr_assert_lt(cp, 0x10000, "the font has fewer than %zu characters", n);
    if (!ref_glyph(reg_bytes, reg_len, cp))
      continue;
    cps[k++] = cp;
    len += utf8(text + len, cp);
  }
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  uint32_t missing;
  cr_assert_eq(qujat_font_use_string(u, text, len, &out, &missing), QUJAT_OK);
  cr_assert_eq(u->n, n);
  qujat_buf_free(&out);
}

Test(ttf, to_unicode_in_blocks_of_at_most_100) {
  static const size_t sizes[] = {0, 1, 99, 100, 101, 200, 250, 350};
  uint32_t cps[400];
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
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
  }
}

Test(ttf, to_unicode_writes_surrogate_pairs) {
  /* No bundled glyph lies outside the BMP: put one in by hand. */
  struct font_use u;
  uint32_t cps[4];
  use_n(&u, 2, cps);
  cr_assert_gt(u.cap, u.n + 1);
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

Test(ttf, cid_to_gid_map_and_widths) {
  struct font_use u;
  qujat_font_use_init(&u, bold);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[128];
  string_cids(&u, TEXT_KK, &out, cids, 128);
  uint32_t cps[128];
  code_points(TEXT_KK, cps);
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_cid_to_gid(&u, &out), QUJAT_OK);
  cr_assert_eq(out.len, 2 * (u.n + 1));
  const unsigned char *m = (const unsigned char *)out.data;
  cr_expect_eq(be16(m), 0, "CID 0");
  for (size_t cid = 1; cid <= u.n; cid++) {
    unsigned g = ref_glyph(bold_bytes, bold_len, u.cps[cid - 1]);
    cr_expect_eq(be16(m + 2 * cid), g, "CID %zu", cid);
    cr_expect_eq(qujat_font_use_width(&u, cid),
                 ref_width(bold_bytes, bold_len, g), "width of CID %zu", cid);
  }
  /* The CIDs follow the text. */
  for (size_t i = 0; i < 9; i++) /* Қазақстан */
    cr_expect_eq(u.cps[cids[i] - 1], cps[i], "character %zu", i);
  cr_expect_eq(qujat_font_use_width(&u, 0), ref_width(bold_bytes, bold_len, 0));
  cr_expect_eq(qujat_font_use_width(&u, u.n + 1),
               ref_width(bold_bytes, bold_len, 0));
  /* An unused font has a map of CID 0 only. */
  struct font_use v;
  qujat_font_use_init(&v, bold);
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_cid_to_gid(&v, &out), QUJAT_OK);
  cr_expect_eq(out.len, 2);
  qujat_font_use_free(&v);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

static void tag_of(const char *text, char tag[7]) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  uint32_t missing;
  cr_assert_eq(qujat_font_use_string(&u, text, strlen(text), &out, &missing),
               QUJAT_OK);
  memset(tag, '?', 7);
  qujat_font_use_tag(&u, tag);
  cr_assert_eq(tag[6], '\0');
  cr_assert_eq(strlen(tag), 6);
  for (int i = 0; i < 6; i++)
    cr_expect(tag[i] >= 'A' && tag[i] <= 'Z', "tag '%s'", tag);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}

Test(ttf, subset_tag_is_six_capitals_and_deterministic) {
  static const char *const texts[] = {"",  "a", "b",      "ab",     "ba",
                                      "Қ", "қ", TEXT_KK,  "Виза",   "Visa",
                                      "№", "—", "Өтініш", "Өтінiш", "A B"};
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
  /* Repeats do not change what is used, so neither the tag. */
  char tag[7];
  tag_of("abababab", tag);
  cr_expect_str_eq(tag, tags[3]);
}

Test(ttf, font_program_keeps_the_glyphs_drawn) {
  struct font_use u;
  qujat_font_use_init(&u, reg);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned cids[128];
  string_cids(&u, TEXT_KK, &out, cids, 128);
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
  unsigned char *used = calloc(reg->nglyphs, 1), *keep = malloc(reg->nglyphs);
  cr_assert(used && keep);
  mark_text(reg, TEXT_KK, used);
  closure(reg_bytes, reg_len, reg->nglyphs, used, keep);
  check_subset(reg_bytes, reg_len, reg, (unsigned char *)out.data, out.len,
               keep);
  /* The same bytes as the subset of those glyphs. */
  struct buf direct;
  qujat_buf_init(&direct, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_ttf_subset(reg, used, &direct), QUJAT_OK);
  cr_expect(direct.len == out.len &&
            memcmp(direct.data, out.data, out.len) == 0);
  qujat_buf_free(&direct);
  free(used);
  free(keep);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
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
