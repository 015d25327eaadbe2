/* SPDX-License-Identifier: MIT */
#include "base/base.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qujat_buf_init(struct buf *b, size_t limit) {
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->limit = limit;
}

void qujat_buf_free(struct buf *b) {
  free(b->data);
  qujat_buf_init(b, b->limit);
}

void qujat_buf_reset(struct buf *b) {
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

static qujat_status reserve(struct buf *b, size_t extra) {
  if (extra > b->limit || b->len > b->limit - extra)
    return QUJAT_ERR_LIMIT;
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return QUJAT_OK;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need)
    cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p)
    return QUJAT_ERR_NOMEM;
  b->data = p;
  b->cap = cap;
  return QUJAT_OK;
}

qujat_status qujat_buf_add(struct buf *b, const void *data, size_t len) {
  qujat_status st = reserve(b, len);
  if (st != QUJAT_OK)
    return st;
  if (len)
    memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return QUJAT_OK;
}

qujat_status qujat_buf_adds(struct buf *b, const char *s) {
  return qujat_buf_add(b, s, strlen(s));
}

qujat_status qujat_buf_addc(struct buf *b, char c) {
  return qujat_buf_add(b, &c, 1);
}

qujat_status qujat_buf_fill(struct buf *b, char c, size_t n) {
  qujat_status st = reserve(b, n);
  if (st != QUJAT_OK)
    return st;
  memset(b->data + b->len, c, n);
  b->len += n;
  b->data[b->len] = '\0';
  return QUJAT_OK;
}

qujat_status qujat_buf_addf(struct buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return QUJAT_ERR_ARG;
  qujat_status st = reserve(b, (size_t)n);
  if (st != QUJAT_OK)
    return st;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return QUJAT_OK;
}

char *qujat_buf_take(struct buf *b, size_t *len) {
  if (!b->data && reserve(b, 0) != QUJAT_OK)
    return NULL;
  char *p = b->data;
  if (len)
    *len = b->len;
  qujat_buf_init(b, b->limit);
  return p;
}

void *qujat_array_room(void *v, size_t *cap, size_t n, size_t size,
                       size_t first) {
  if (n < *cap)
    return v;
  size_t more = *cap ? 2 * *cap : first;
  if (more < *cap || (size && more > SIZE_MAX / size))
    return NULL;
  void *bigger = realloc(v, more * size);
  if (bigger)
    *cap = more;
  return bigger;
}

size_t qujat_uint_text(char out[QUJAT_UINT_TEXT], unsigned long long v,
                       int width) {
  char digits[QUJAT_UINT_TEXT];
  size_t n = sizeof digits - 1;
  digits[n] = '\0';
  do
    digits[--n] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0 && (int)(sizeof digits - 1 - n) < width)
    digits[--n] = '0';
  memcpy(out, digits + n, sizeof digits - n);
  return sizeof digits - 1 - n;
}

size_t qujat_int_text(char out[QUJAT_UINT_TEXT], long long v) {
  if (v >= 0)
    return qujat_uint_text(out, (unsigned long long)v, 0);
  /* The magnitude as unsigned: -v would overflow for LLONG_MIN. */
  char digits[QUJAT_UINT_TEXT];
  size_t n = qujat_uint_text(digits, 0ULL - (unsigned long long)v, 0);
  out[0] = '-';
  memcpy(out + 1, digits, n + 1);
  return n + 1;
}

qujat_status qujat_buf_add_uint(struct buf *b, unsigned long long v) {
  char text[QUJAT_UINT_TEXT];
  return qujat_buf_add(b, text, qujat_uint_text(text, v, 0));
}

qujat_status qujat_buf_add_int(struct buf *b, long long v) {
  qujat_status st = v < 0 ? qujat_buf_addc(b, '-') : QUJAT_OK;
  /* -v would overflow for LLONG_MIN; its magnitude as unsigned does not. */
  unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v
                               : (unsigned long long)v;
  return st == QUJAT_OK ? qujat_buf_add_uint(b, m) : st;
}
