/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/base.h"

/* Length of the sequence starting with `c`, or 0 if `c` cannot start one. */
static int seq_len(unsigned char c) {
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    return 2;
  if (c >= 0xE0 && c <= 0xEF)
    return 3;
  if (c >= 0xF0 && c <= 0xF4)
    return 4;
  return 0;
}

/* Whether the sequence `s[0..n)` (lead byte already checked) is well formed:
 * continuation bytes, and the narrower second-byte ranges of RFC 3629 that
 * exclude overlong forms, surrogates and code points above U+10FFFF. */
static int seq_ok(const unsigned char *s, int n) {
  unsigned char lo = 0x80, hi = 0xBF;
  if (s[0] == 0xE0)
    lo = 0xA0;
  else if (s[0] == 0xED)
    hi = 0x9F;
  else if (s[0] == 0xF0)
    lo = 0x90;
  else if (s[0] == 0xF4)
    hi = 0x8F;
  if (n >= 2 && (s[1] < lo || s[1] > hi))
    return 0;
  for (int i = 2; i < n; i++)
    if (s[i] < 0x80 || s[i] > 0xBF)
      return 0;
  return 1;
}

int qujat_utf8_valid(const char *str, size_t len, int *line, int *column) {
  const unsigned char *s = (const unsigned char *)str;
  int ln = 1, col = 1;
  size_t i = 0;
  while (i < len) {
    int n = seq_len(s[i]);
    if (n == 0 || s[i] == 0 || i + (size_t)n > len || !seq_ok(s + i, n)) {
      if (line)
        *line = ln;
      if (column)
        *column = col;
      return 0;
    }
    if (s[i] == '\n') {
      ln++;
      col = 1;
    } else {
      col++;
    }
    i += (size_t)n;
  }
  return 1;
}

uint32_t qujat_utf8_next(const char **p) {
  const unsigned char *s = (const unsigned char *)*p;
  uint32_t cp;
  int n = seq_len(s[0]);
  if (s[0] == 0)
    return 0;
  switch (n) {
  case 1:
    cp = s[0];
    break;
  case 2:
    cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    break;
  case 3:
    cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
         (s[2] & 0x3F);
    break;
  case 4:
    cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
         ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    break;
  default: /* not reached for validated input; step over the byte */
    cp = 0xFFFD;
    n = 1;
    break;
  }
  *p += n;
  return cp;
}

size_t qujat_utf8_length(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80)
      n++;
  return n;
}

size_t qujat_utf8_length_n(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      n++;
  return n;
}

size_t qujat_utf8_encode(uint32_t cp, char *out) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Flags (0x80) in each byte of `w` that is 0: exact per byte, unlike the
 * shorter (w - 0x01..) & ~w test, whose borrow can flag the byte above a
 * zero. */
static uint64_t zero_bytes(uint64_t w) {
  const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
  return ~(((w & low7) + low7) | w | low7);
}

/* Whether the 8 bytes at `p` are ASCII without a NUL; adds their line
 * feeds to `*lines`. Most of a job file is ASCII: this takes it 8 bytes at
 * a time. */
static int ascii8(const unsigned char *p, long *lines) {
  uint64_t w;
  memcpy(&w, p, sizeof w);
  if ((w & 0x8080808080808080ull) || zero_bytes(w))
    return 0;
  uint64_t lf = zero_bytes(w ^ 0x0a0a0a0a0a0a0a0aull);
  for (; lf; lf &= lf - 1)
    ++*lines;
  return 1;
}

size_t qujat_utf8_stream(struct utf8_stream *s, const unsigned char *p,
                         size_t len) {
  if (s->line == 0)
    s->line = 1;
  for (size_t i = 0; i < len; i++) {
    while (!s->need && i + 8 <= len && ascii8(p + i, &s->line))
      i += 8;
    if (i == len)
      break;
    unsigned char c = p[i];
    if (s->need) {
      if (c < s->lo || c > s->hi) {
        s->bad = 1;
        return i;
      }
      s->need--;
      s->lo = 0x80;
      s->hi = 0xBF;
      continue;
    }
    /* Two bytes whole (Cyrillic, Kazakh, Latin-1), the most common after
     * ASCII in a job file. */
    if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
      i++;
      continue;
    }
    int n = seq_len(c);
    if (n == 0 || c == 0) {
      s->bad = 1;
      return i;
    }
    if (c == '\n')
      s->line++;
    s->need = (unsigned)n - 1;
    s->lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    s->hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
  }
  return len;
}

int qujat_utf8_stream_done(const struct utf8_stream *s) {
  return !s->bad && s->need == 0;
}

void qujat_utf8_trim_cut(char *s) {
  size_t n = strlen(s), i = n;
  while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
    i--;
  if (i == 0)
    return;
  unsigned char lead = (unsigned char)s[i - 1];
  size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (n - (i - 1) < need)
    s[i - 1] = '\0';
}

int qujat_utf8_prefix(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max)
    return (int)n;
  while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
    max--;
  return (int)max;
}

/* `cp` is NFC_QC=Yes, of combining class 0, and the second of no
 * canonical composition: U+0000-U+02FF (the first character that is not, U+0300, is the
 * first combining mark), Cyrillic but its combining marks U+0483-U+0489
 * (every Kazakh letter is here), and the punctuation qujat's texts use
 * (dashes, quotes, the narrow no-break space, ‰, №). Every other
 * character goes through utf8proc. */
int qujat_nfc_stable(uint32_t cp) {
  return cp < 0x300 ||
         (cp >= 0x400 && cp <= 0x4ff && !(cp >= 0x483 && cp <= 0x489)) ||
         (cp >= 0x2010 && cp <= 0x2027) || cp == 0x202f || cp == 0x2030 ||
         cp == 0x2116;
}

const char *qujat_arena_strdup_nfc(struct arena *a, const char *s) {
  /* Text of stable characters (ASCII, Kazakh, Russian) is its own NFC:
   * the common case costs no normalisation (utf8proc takes some 10 000
   * instructions for a name). */
  const char *p = s;
  int stable = 1;
  while (stable && *p)
    stable = qujat_nfc_stable(qujat_utf8_next(&p));
  if (stable)
    return qujat_arena_strdup(a, s);
  utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
  if (!n)
    return NULL;
  const char *r = qujat_arena_strdup(a, (const char *)n);
  free(n);
  return r;
}
