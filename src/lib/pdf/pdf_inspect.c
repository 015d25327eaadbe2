/* SPDX-License-Identifier: MIT */
/*
 * Is this PDF complete? A check of the structure qujat's PDFs have (one
 * cross-reference stream, pdf_pack.c; or, as older qujat wrote them, one
 * classic cross-reference table), strict enough to tell a finished file
 * from one cut short by a killed process or a full disk, which is what
 * qujat batch --resume must know.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "base/base.h"

#define TAIL 1024 /* startxref and %%EOF are within the last bytes */

static qujat_status broken(qujat_error *err, const char *what) {
  return qujat_err_set(err, QUJAT_ERR_PDF, NULL, 0, 0,
                       "not a complete PDF: %s", what);
}

/* "N 0 obj" for object `i`, NUL-terminated in `out`; its length. */
static size_t object_head(char out[QUJAT_UINT_TEXT + 8], unsigned long i) {
  size_t n = qujat_uint_text(out, i, 0);
  memcpy(out + n, " 0 obj", 7);
  return n + 6;
}

/* Reads an unsigned decimal at `*p` (below `end`), advancing it. */
static int number(const char **p, const char *end, unsigned long *out) {
  const char *s = *p;
  unsigned long v = 0;
  while (s < end && *s >= '0' && *s <= '9' && v < 100000000000UL)
    v = v * 10 + (unsigned long)(*s++ - '0');
  if (s == *p)
    return 0;
  *p = s;
  *out = v;
  return 1;
}

static const char *skip_space(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

/* The last occurrence of `word` in [from, end). */
static const char *last(const char *from, const char *end,
                        const char *word) {
  size_t n = strlen(word);
  for (const char *p = end - n; p >= from; p--)
    if (memcmp(p, word, n) == 0)
      return p;
  return NULL;
}

/* Every object the cross-reference table lists starts where it says. */
static qujat_status check_xref(const char *pdf, size_t len, unsigned long at,
                               const char **after, qujat_error *err) {
  const char *end = pdf + len, *p = pdf + at;
  unsigned long first = 0, count = 0;
  if ((size_t)(end - p) < 5 || memcmp(p, "xref", 4) != 0)
    return broken(err, "startxref does not point at the xref table");
  p = skip_space(p + 4, end);
  int ok = number(&p, end, &first);
  p = skip_space(p, end);
  if (!ok || !number(&p, end, &count) || first != 0 || count == 0)
    return broken(err, "the xref table has no subsection header");
  p = skip_space(p, end);
  if ((size_t)(end - p) / 20 < count)
    return broken(err, "the xref table is cut short");
  for (unsigned long i = 0; i < count; i++, p += 20) {
    const char *q = p;
    unsigned long offset = 0;
    if (!number(&q, p + 10, &offset) || p[17] != (i ? 'n' : 'f'))
      return broken(err, "an xref entry is malformed");
    if (i == 0)
      continue;
    char head[QUJAT_UINT_TEXT + 8];
    size_t n = object_head(head, i);
    if (offset + n > len || memcmp(pdf + offset, head, n))
      return broken(err, "an object is not where the xref table says");
  }
  *after = p;
  return QUJAT_OK;
}

/* The value of `key` (e.g. "/Size ") in [p, end) as a number. */
static int entry(const char *p, const char *end, const char *key,
                 unsigned long *v) {
  const char *k = memmem(p, (size_t)(end - p), key, strlen(key));
  if (!k)
    return 0;
  k += strlen(key);
  return number(&k, end, v);
}

/* A cross-reference stream (pdf_pack.c: /W [ 1 w2 w3 ], compressed or,
 * without a /Filter, as it is; no predictor): every object it places in
 * the file starts where it says. */
static qujat_status check_xref_stream(const char *pdf, size_t len,
                                      unsigned long at, const char **dict,
                                      qujat_error *err) {
  const char *end = pdf + len, *p = pdf + at;
  const char *data = memmem(p, (size_t)(end - p), "stream\r\n", 8);
  unsigned long size = 0, zlen = 0, w2 = 0, w3 = 0;
  const char *w = data ? memmem(p, (size_t)(data - p), "/W [ 1 ", 7) : NULL;
  if (!data || !memmem(p, (size_t)(data - p), "/Type /XRef", 11) || !w)
    return broken(err, "startxref does not point at a cross-reference stream");
  w += 7;
  int ok = number(&w, data, &w2) && *w++ == ' ' && number(&w, data, &w3);
  data += 8;
  if (!ok || !entry(p, data, "/Size ", &size) ||
      !entry(p, data, "/Length ", &zlen) || w2 < 1 || w2 > 4 || w3 > 4 ||
      size == 0 || size > 1000000 || zlen > (size_t)(end - data))
    return broken(err, "the cross-reference stream is malformed");
  size_t row = 1 + w2 + w3, got = 0;
  unsigned char *x = malloc(size * row);
  int raw = !memmem(p, (size_t)(data - p), "/Filter", 7);
  struct libdeflate_decompressor *d =
      x && !raw ? libdeflate_alloc_decompressor() : NULL;
  enum libdeflate_result r = LIBDEFLATE_INSUFFICIENT_SPACE;
  if (x && raw && zlen == size * row) {
    memcpy(x, data, zlen);
    got = zlen;
    r = LIBDEFLATE_SUCCESS;
  } else if (d) {
    r = libdeflate_zlib_decompress(d, data, zlen, x, size * row, &got);
  }
  if (d)
    libdeflate_free_decompressor(d);
  qujat_status st = QUJAT_OK;
  if (!x)
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  else if (r != LIBDEFLATE_SUCCESS || got != size * row)
    st = broken(err, "the cross-reference stream is cut short");
  for (unsigned long i = 0; st == QUJAT_OK && i < size; i++) {
    const unsigned char *e = x + i * row;
    size_t offset = 0;
    for (unsigned long k = 0; k < w2; k++)
      offset = offset << 8 | e[1 + k];
    if (e[0] != 1)
      continue;
    char head[QUJAT_UINT_TEXT + 8];
    size_t n = object_head(head, i);
    if (offset + n > len || memcmp(pdf + offset, head, n))
      st = broken(err, "an object is not where the cross-reference says");
  }
  free(x);
  *dict = p;
  return st;
}

/* The /Count of the page tree's root. */
static qujat_status page_count(const char *pdf, size_t len, unsigned *pages,
                               qujat_error *err) {
  const char *end = pdf + len;
  const char *p = memmem(pdf, len, "/Type /Pages", 12);
  const char *stop = p ? memmem(p, (size_t)(end - p), "endobj", 6) : NULL;
  const char *count = p && stop ? memmem(p, (size_t)(stop - p), "/Count ", 7)
                                : NULL;
  unsigned long n = 0;
  if (!count)
    return broken(err, "no page tree");
  count += 7;
  if (!number(&count, stop, &n) || n == 0)
    return broken(err, "the page tree has no pages");
  if (pages)
    *pages = (unsigned)n;
  return QUJAT_OK;
}

qujat_status qujat_pdf_inspect(const unsigned char *data, size_t len,
                               unsigned *pages, qujat_error *err) {
  const char *pdf = (const char *)data, *end = pdf + len;
  if (len < 64 || memcmp(pdf, "%PDF-1.", 7) != 0)
    return broken(err, "no %PDF- header");
  while (end > pdf && (end[-1] == '\n' || end[-1] == '\r'))
    end--;
  if (end - pdf < 5 || memcmp(end - 5, "%%EOF", 5) != 0)
    return broken(err, "no %%EOF at the end");
  const char *tail = end - pdf > TAIL ? end - TAIL : pdf;
  const char *sx = last(tail, end, "startxref");
  unsigned long at = 0;
  const char *p = sx ? skip_space(sx + 9, end) : NULL;
  if (!p || !number(&p, end, &at) || at >= len)
    return broken(err, "no startxref");
  const char *after = NULL;
  if (memcmp(pdf + at, "xref", at + 4 <= len ? 4 : len - at) != 0) {
    const char *dict = NULL;
    qujat_status st = check_xref_stream(pdf, len, at, &dict, err);
    if (st != QUJAT_OK)
      return st;
    if (!memmem(dict, (size_t)(sx - dict), "/Root ", 6))
      return broken(err, "no /Root in the cross-reference stream");
    return page_count(pdf, (size_t)(sx - pdf), pages, err);
  }
  qujat_status st = check_xref(pdf, len, at, &after, err);
  if (st != QUJAT_OK)
    return st;
  if (after > sx)
    return broken(err, "the xref table runs past startxref");
  const char *trailer = memmem(after, (size_t)(sx - after), "trailer", 7);
  if (!trailer || !memmem(trailer, (size_t)(sx - trailer), "/Root ", 6))
    return broken(err, "no trailer with a /Root");
  return page_count(pdf, (size_t)(sx - pdf), pages, err);
}
