/* SPDX-License-Identifier: MIT */
/* How one PDF uses one font: CIDs, ToUnicode, widths, subset. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include <libdeflate.h>

#include "pdf/pdf_internal.h"
#include "base/base.h"

#define MAX_CIDS 0xfffe

void qujat_font_use_init(struct font_use *u, const struct ttf *f) {
  memset(u, 0, sizeof *u);
  u->ttf = f;
}

void qujat_font_use_free(struct font_use *u) {
  for (int i = 0; i < 256; i++)
    if (u->cids[i]) /* most of the 256 pages are never used */
      free(u->cids[i]);
  free(u->cps);
  memset(u, 0, sizeof *u);
}

#define MARKED 0xffff /* in cids[]: used, not yet numbered */

qujat_status qujat_font_use_mark(struct font_use *u,
                                 const struct shaped_char *c, size_t n) {
  if (u->frozen)
    return QUJAT_ERR_ARG;
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = c[i].cp;
    uint16_t **page = &u->cids[cp >> 8];
    if (!*page && !(*page = calloc(256, sizeof **page)))
      return QUJAT_ERR_NOMEM;
    if (!(*page)[cp & 0xff]) {
      (*page)[cp & 0xff] = MARKED;
      u->n++;
    }
  }
  return QUJAT_OK;
}

qujat_status qujat_font_use_add(struct font_use *u, const char *s, size_t len,
                                uint32_t *missing) {
  if (u->frozen)
    return QUJAT_ERR_ARG;
  struct shaping run;
  qujat_status st = qujat_shape(u->ttf, s, len, &run, missing);
  if (st == QUJAT_OK)
    st = qujat_font_use_mark(u, run.c, run.n);
  qujat_shaping_done(&run);
  return st;
}

qujat_status qujat_font_use_freeze(struct font_use *u) {
  if (u->frozen)
    return QUJAT_ERR_ARG;
  if (u->n > MAX_CIDS)
    return QUJAT_ERR_LIMIT;
  if (u->n && !(u->cps = malloc(u->n * sizeof *u->cps)))
    return QUJAT_ERR_NOMEM;
  size_t n = 0;
  for (uint32_t hi = 0; hi < 256; hi++)
    for (uint32_t lo = 0; u->cids[hi] && lo < 256; lo++)
      if (u->cids[hi][lo] == MARKED) {
        u->cps[n++] = hi << 8 | lo;
        u->cids[hi][lo] = (uint16_t)n;
      }
  u->frozen = 1;
  return QUJAT_OK;
}

static unsigned cid_of(const struct font_use *u, uint32_t cp) {
  const uint16_t *page = cp <= 0xffff ? u->cids[cp >> 8] : NULL;
  unsigned cid = page ? page[cp & 0xff] : 0;
  return cid == MARKED ? 0 : cid;
}

/* The two bytes of a CID (its low byte alone with `one_byte`), raw, at `w`
 * (room for four): a literal string may hold any byte but these four,
 * which are escaped. Returns the end. */
static char *put_byte(char *w, unsigned char c) {
  static const unsigned char escaped[256] = {['('] = '(', [')'] = ')',
                                             ['\\'] = '\\', ['\r'] = 'r'};
  if (!escaped[c]) {
    *w++ = (char)c;
    return w;
  }
  *w++ = '\\';
  *w++ = (char)escaped[c];
  return w;
}

static char *put_cid(char *w, unsigned cid, int one_byte) {
  if (!one_byte)
    w = put_byte(w, (unsigned char)(cid >> 8));
  return put_byte(w, (unsigned char)(cid & 0xff));
}

/* ") N (" for a kerning of `k` thousandths (|k| <= 1000), at `w`. */
static char *put_kern(char *w, int k) {
  char digits[8];
  int n = 0;
  unsigned a = (unsigned)(k < 0 ? -k : k);
  do
    digits[n++] = (char)('0' + a % 10);
  while ((a /= 10) != 0);
  *w++ = ')';
  *w++ = ' ';
  if (k < 0)
    *w++ = '-';
  while (n > 0)
    *w++ = digits[--n];
  *w++ = ' ';
  *w++ = '(';
  return w;
}

/* The most one character writes: a kerning ") -1000 (" and an escaped CID. */
#define CHAR_BYTES 14

/* Writes the CIDs of the `n` characters `c` as one literal string or,
 * with `kerned`, as the strings and numbers of a TJ array (without its
 * brackets), counting the kerning numbers written in `*kerns`. By hand, a
 * few characters at a time, rather than with printf: this runs for every
 * character drawn. */
static qujat_status put_text(const struct font_use *u,
                             const struct shaped_char *c, size_t n,
                             int kerned, int *kerns, struct buf *out) {
  char chunk[64 * CHAR_BYTES], *w = chunk;
  *w++ = '(';
  for (size_t i = 0; i < n; i++) {
    unsigned cid = cid_of(u, c[i].cp);
    if (!cid)
      return QUJAT_ERR_ARG; /* text that was not added before the freeze */
    cid += u->base; /* the bold face's CIDs follow the regular ones */
    int k = kerned ? c[i].kern : 0;
    if (k) {
      w = put_kern(w, -k);
      (*kerns)++;
    }
    w = put_cid(w, cid, u->one_byte);
    if (w > chunk + sizeof chunk - CHAR_BYTES - 1) {
      qujat_status st = qujat_buf_add(out, chunk, (size_t)(w - chunk));
      if (st != QUJAT_OK)
        return st;
      w = chunk;
    }
  }
  *w++ = ')';
  return qujat_buf_add(out, chunk, (size_t)(w - chunk));
}

/* `s` shaped for `u`: QUJAT_ERR_ARG for a character without a glyph,
 * which cannot have been added before the freeze. */
static qujat_status shaped(const struct font_use *u, const char *s,
                           size_t len, struct shaping *run) {
  uint32_t missing;
  qujat_status st = qujat_shape(u->ttf, s, len, run, &missing);
  return st == QUJAT_ERR_FONT ? QUJAT_ERR_ARG : st;
}

/* Puts `out` back to `start` length after a failure. */
static qujat_status undo(struct buf *out, size_t start, qujat_status st) {
  if (st != QUJAT_OK && out->data) {
    out->len = start;
    out->data[start] = '\0';
  }
  return st;
}

qujat_status qujat_font_use_string(const struct font_use *u, const char *s,
                                   size_t len, struct buf *out) {
  size_t start = out->len;
  int kerns = 0;
  struct shaping run;
  qujat_status st = shaped(u, s, len, &run);
  if (st == QUJAT_OK)
    st = put_text(u, run.c, run.n, 0, &kerns, out);
  qujat_shaping_done(&run);
  return undo(out, start, st);
}

qujat_status qujat_font_use_show(const struct font_use *u, const char *s,
                                 size_t len, struct buf *out) {
  struct shaping run;
  qujat_status st = shaped(u, s, len, &run);
  if (st == QUJAT_OK)
    st = qujat_font_use_show_shaped(u, run.c, run.n, out);
  qujat_shaping_done(&run);
  return st;
}

qujat_status qujat_font_use_show_shaped(const struct font_use *u,
                                        const struct shaped_char *c,
                                        size_t n, struct buf *out) {
  /* Written as a TJ array; when no pair of it is kerned, the bracket goes
   * and it is a plain string shown with Tj. */
  size_t start = out->len;
  int kerns = 0;
  qujat_status st = qujat_buf_addc(out, '[');
  if (st == QUJAT_OK)
    st = put_text(u, c, n, 1, &kerns, out);
  if (st == QUJAT_OK && !kerns) {
    memmove(out->data + start, out->data + start + 1, out->len - start - 1);
    out->data[--out->len] = '\0';
  }
  if (st == QUJAT_OK)
    st = qujat_buf_adds(out, kerns ? "] TJ\n" : " Tj\n");
  return undo(out, start, st);
}

/* Appends `v` as `digits` upper-case hex digits. */
static qujat_status hex(struct buf *out, unsigned long v, int digits) {
  char text[8];
  for (int i = digits - 1; i >= 0; i--, v >>= 4)
    text[i] = "0123456789ABCDEF"[v & 15];
  return qujat_buf_add(out, text, (size_t)digits);
}

/* A code point as the UTF-16BE hex a ToUnicode CMap wants. */
static qujat_status utf16_hex(struct buf *out, uint32_t cp) {
  qujat_status st = qujat_buf_addc(out, '<');
  if (st == QUJAT_OK && cp < 0x10000)
    st = hex(out, cp, 4);
  else if (st == QUJAT_OK) {
    cp -= 0x10000;
    st = hex(out, 0xd800 + (cp >> 10), 4);
    if (st == QUJAT_OK)
      st = hex(out, 0xdc00 + (cp & 0x3ff), 4);
  }
  return st == QUJAT_OK ? qujat_buf_addc(out, '>') : st;
}

/* One bfchar entry per CID, in blocks of at most 100. No bfrange, even for
 * runs: Ghostscript 10 extracts garbage from them (PITFALLS.md, tested). */
qujat_status qujat_font_use_to_unicode(const struct font_use *u,
                                       struct buf *out) {
  qujat_status st = qujat_buf_adds(
      out, "/CIDInit /ProcSet findresource begin\n"
           "12 dict begin\n"
           "begincmap\n"
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
           "/Supplement 0 >> def\n"
           "/CMapName /Adobe-Identity-UCS def\n"
           "/CMapType 2 def\n"
           "1 begincodespacerange\n");
  if (st == QUJAT_OK)
    st = qujat_buf_adds(out, u->one_byte ? "<00> <FF>\n" : "<0000> <FFFF>\n");
  if (st == QUJAT_OK)
    st = qujat_buf_adds(out, "endcodespacerange\n");
  for (size_t i = 0; st == QUJAT_OK && i < u->n; i++) {
    if (i % 100 == 0) {
      size_t block = u->n - i < 100 ? u->n - i : 100;
      st = qujat_buf_addf(out, "%s%zu beginbfchar\n",
                          i ? "endbfchar\n" : "", block);
    }
    if (st == QUJAT_OK)
      st = qujat_buf_addc(out, '<');
    if (st == QUJAT_OK)
      st = hex(out, (unsigned long)(i + 1), u->one_byte ? 2 : 4);
    if (st == QUJAT_OK)
      st = qujat_buf_adds(out, "> ");
    if (st == QUJAT_OK)
      st = utf16_hex(out, u->cps[i]);
    if (st == QUJAT_OK)
      st = qujat_buf_addc(out, '\n');
  }
  if (st == QUJAT_OK && u->n)
    st = qujat_buf_adds(out, "endbfchar\n");
  if (st == QUJAT_OK)
    st = qujat_buf_adds(out, "endcmap\n"
                             "CMapName currentdict /CMap defineresource pop\n"
                             "end\nend\n");
  return st;
}

unsigned qujat_font_use_width(const struct font_use *u, size_t cid) {
  if (cid == 0 || cid > u->n)
    return qujat_ttf_width(u->ttf, 0);
  return qujat_ttf_width(u->ttf, qujat_ttf_glyph(u->ttf, u->cps[cid - 1]));
}

qujat_status qujat_font_use_program(const struct font_use *u,
                                    struct buf *out) {
  uint16_t *gids = malloc((u->n + 1) * sizeof *gids);
  if (!gids)
    return QUJAT_ERR_NOMEM;
  gids[0] = 0; /* CID 0 is .notdef */
  for (size_t i = 0; i < u->n; i++)
    gids[i + 1] = (uint16_t)qujat_ttf_glyph(u->ttf, u->cps[i]);
  qujat_status st = qujat_ttf_subset(u->ttf, gids, u->n + 1, out);
  free(gids);
  return st;
}

void qujat_font_use_tag(const struct font_use *u, char tag[7]) {
  /* FNV-1a over the code points in CID order. */
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < u->n; i++)
    for (int k = 0; k < 4; k++) {
      h ^= (u->cps[i] >> (8 * k)) & 0xff;
      h *= 1099511628211ull;
    }
  for (int i = 0; i < 6; i++) {
    tag[i] = (char)('A' + h % 26);
    h /= 26;
  }
  tag[6] = '\0';
}

qujat_status qujat_pdf_real(struct buf *out, double v) {
  /* By hand rather than with printf: locale-independent, and this runs for
   * every coordinate of every page. */
  long long milli = llround(v * 1000.0);
  char text[32], *p = text + sizeof text;
  unsigned long long a = (unsigned long long)(milli < 0 ? -milli : milli);
  unsigned frac = (unsigned)(a % 1000);
  a /= 1000;
  if (frac) {
    int digits = 3;
    while (frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    while (digits-- > 0) {
      *--p = (char)('0' + frac % 10);
      frac /= 10;
    }
    *--p = '.';
  }
  do {
    *--p = (char)('0' + a % 10);
    a /= 10;
  } while (a);
  if (milli < 0)
    *--p = '-';
  return qujat_buf_add(out, p, (size_t)(text + sizeof text - p));
}

/* One libdeflate compressor per thread, made on its first stream and freed
 * when the thread ends (a batch worker, a server thread): a compressor is
 * not safe to share, and making one for every stream would cost more than
 * compressing a page. Level 6, zlib's default, with libdeflate's faster
 * matchfinder: the same or fewer bytes in about 40 % of zlib's time. */
#define DEFLATE_LEVEL 6

static pthread_key_t deflate_key;
static pthread_once_t deflate_once = PTHREAD_ONCE_INIT;
static int deflate_key_ok;

static void deflate_free(void *c) { libdeflate_free_compressor(c); }

static void deflate_key_init(void) {
  deflate_key_ok = pthread_key_create(&deflate_key, deflate_free) == 0;
}

static struct libdeflate_compressor *thread_compressor(void) {
  if (pthread_once(&deflate_once, deflate_key_init) != 0 || !deflate_key_ok)
    return NULL;
  struct libdeflate_compressor *c = pthread_getspecific(deflate_key);
  if (!c) {
    c = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    if (c && pthread_setspecific(deflate_key, c) != 0) {
      libdeflate_free_compressor(c);
      c = NULL;
    }
  }
  return c;
}

qujat_status qujat_pdf_deflate(const void *data, size_t len,
                               struct buf *out) {
  struct libdeflate_compressor *c = thread_compressor();
  if (!c)
    return QUJAT_ERR_NOMEM;
  /* A zlib stream (RFC 1950), as /FlateDecode wants. */
  size_t start = out->len, bound = libdeflate_zlib_compress_bound(c, len);
  qujat_status st = qujat_buf_fill(out, 0, bound);
  size_t got = 0;
  if (st == QUJAT_OK) {
    got = libdeflate_zlib_compress(c, data, len, out->data + start, bound);
    if (!got)
      st = QUJAT_ERR_NOMEM;
  }
  out->len = start + got;
  if (out->data)
    out->data[out->len] = '\0';
  return st;
}
