/* SPDX-License-Identifier: MIT */
/* A reader of our own for what qujat writes into a PDF (pdf_reader.h). */
#include "pdf_reader.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* ------------------------------------------------------------------------
 * Strings and content streams
 * ------------------------------------------------------------------------ */

size_t decode_literal(const char *s, size_t len, unsigned char *out, size_t cap,
                      int *bare) {
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

void content_free(struct content *c) {
  for (size_t i = 0; i < c->n; i++) {
    free(c->ops[i].str);
    free(c->ops[i].adj);
    free(c->ops[i].adj_at);
  }
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

void parse_content(const char *s, size_t len, struct content *c) {
  memset(c, 0, sizeof *c);
  struct cop cur;
  memset(&cur, 0, sizeof cur);
  size_t i = 0;
  int in_array = 0;
  while (i < len) {
    char ch = s[i];
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      i++;
    } else if (ch == '[') {
      cr_assert(!in_array && !cur.has_str, "an array where none is due");
      in_array = cur.is_array = cur.has_str = 1;
      i++;
    } else if (ch == ']') {
      cr_assert(in_array, "']' without '['");
      in_array = 0;
      i++;
    } else if (ch == '(') {
      size_t end = i + literal_end(s + i, len - i);
      cr_assert(in_array || !cur.has_str, "two strings for one operator");
      cur.str = realloc(cur.str, cur.nstr + end - i + 1);
      cr_assert_not_null(cur.str);
      int bare;
      cur.nstr += decode_literal(s + i, end - i, cur.str + cur.nstr,
                                 end - i + 1, &bare);
      cr_expect_eq(bare, 0, "unescaped parentheses in a string");
      cur.has_str = 1;
      i = end;
    } else if (in_array && (ch == '-' || (ch >= '0' && ch <= '9'))) {
      char *end;
      long v = strtol(s + i, &end, 10);
      cr_assert(end > s + i && end <= s + len, "a number at %zu", i);
      cr_assert(strchr(" ()]", *end) != NULL,
                "an array number that is not an integer at %zu", i);
      cur.adj = realloc(cur.adj, (cur.nadj + 1) * sizeof *cur.adj);
      cur.adj_at = realloc(cur.adj_at, (cur.nadj + 1) * sizeof *cur.adj_at);
      cr_assert(cur.adj && cur.adj_at);
      cur.adj[cur.nadj] = v;
      cur.adj_at[cur.nadj++] = cur.nstr;
      i = (size_t)(end - s);
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
  cr_assert(!in_array, "an array without ']'");
  cr_assert(cur.nnum == 0 && !cur.has_str && !cur.name[0],
            "operands without an operator at the end");
}

size_t cop_cids(const struct cop *o, unsigned *cids, size_t cap) {
  return cop_codes(o, 0, cids, cap);
}

size_t cop_codes(const struct cop *o, int one_byte, unsigned *codes,
                 size_t cap) {
  cr_assert(o->has_str);
  if (one_byte) {
    cr_assert_leq(o->nstr, cap);
    for (size_t i = 0; i < o->nstr; i++)
      codes[i] = o->str[i];
    return o->nstr;
  }
  cr_assert_eq(o->nstr % 2, 0);
  cr_assert_leq(o->nstr / 2, cap);
  for (size_t i = 0; i < o->nstr / 2; i++)
    codes[i] = (unsigned)o->str[2 * i] << 8 | o->str[2 * i + 1];
  return o->nstr / 2;
}

/* ------------------------------------------------------------------------
 * Objects
 * ------------------------------------------------------------------------ */

void pdf_open(struct pdf_file *f, const unsigned char *p, size_t len) {
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

char *pdf_dict(const struct pdf_file *f, unsigned long num) {
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

unsigned char *pdf_stream(const struct pdf_file *f, unsigned long num,
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
  unsigned char *out = (unsigned char *)test_inflate(
      (const unsigned char *)s + at, max - at, out_len);
  cr_assert_not_null(out, "object %lu: not a deflated stream", num);
  return out;
}

unsigned long pdf_ref(const char *dict, const char *key) {
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

void pdf_name(const char *dict, const char *key, char *out, size_t cap) {
  char k[64];
  snprintf(k, sizeof k, "/%s /", key);
  const char *at = strstr(dict, k);
  out[0] = '\0';
  if (at)
    sscanf(at + strlen(k), "%63[^ \r\n/>]", out);
  (void)cap;
}
