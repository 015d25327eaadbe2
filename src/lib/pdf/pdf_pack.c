/* SPDX-License-Identifier: MIT */
/*
 * The PDF libharu saved, packed (PDF 1.5, ISO 32000-1 7.5.7 and 7.5.8):
 * every object that is not a stream goes into one compressed object
 * stream, the stream lengths libharu writes as objects of their own become
 * direct numbers, and the cross-reference table becomes a cross-reference
 * stream (compressed unless it is small). A one-page checklist has about twenty small
 * dictionaries and a table of 20 bytes an object; packed, they are a third
 * of their size.
 *
 * libharu 2.3.0 writes neither object nor cross-reference streams. It
 * writes its files in one regular form ("N 0 obj", "endobj", one xref
 * section, a trailer), which this file reads back and refuses when it is
 * anything else, rather than guess. The streams' bodies, which qujat keeps
 * itself (pdf_bodies.c), go in here, each in place of libharu's empty one,
 * and so do the dictionaries' values it keeps (a font's widths).
 * The page tree's root stays outside the object stream, so that
 * qujat_pdf_inspect (batch --resume) can count the pages of a file without
 * inflating it.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_bodies.h"
#include "pdf/pdf_internal.h"

/* The largest cross-reference stream written uncompressed (24 rows of 4
 * bytes): below it, deflate and the /Filter key cost more than they save. */
#define XREF_RAW_MAX 96

struct obj {
  size_t start, end; /* the body, between "N 0 obj" and "endobj" */
  int in_use, stream, dropped;
  size_t length_of;  /* a stream's /Length K 0 R: K, 0 when direct */
  unsigned long value; /* a bare number's value */
  int is_number;
};

static int is_space(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
         c == 0;
}

static int digits(const unsigned char *p, const unsigned char *end,
                  unsigned long *v) {
  const unsigned char *s = p;
  unsigned long n = 0;
  while (s < end && *s >= '0' && *s <= '9' && n < 100000000000UL)
    n = n * 10 + (unsigned long)(*s++ - '0');
  *v = n;
  return (int)(s - p);
}

/* Texts, each followed by a number in decimal, then `tail`: the headers
 * of the streams written here, without printf's cost. */
struct piece {
  const char *text;
  size_t number;
};

static qujat_status put_pieces(struct buf *out, const struct piece *p,
                               size_t n, const char *tail) {
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && i < n; i++)
    if ((st = qujat_buf_adds(out, p[i].text)) == QUJAT_OK)
      st = qujat_buf_add_uint(out, p[i].number);
  return st == QUJAT_OK ? qujat_buf_adds(out, tail) : st;
}

/* The last `word` in [from, end), or NULL. */
static const unsigned char *last(const unsigned char *from,
                                 const unsigned char *end, const char *word) {
  size_t n = strlen(word);
  for (const unsigned char *p = end - n; p >= from; p--)
    if (memcmp(p, word, n) == 0)
      return p;
  return NULL;
}

/* Reads the xref table at `at`: `*count` entries, offsets in `off` (0 for a
 * free entry). Returns the end of the table, NULL when it is not libharu's. */
static const unsigned char *read_xref(const unsigned char *pdf, size_t len,
                                      unsigned long at, size_t **off,
                                      size_t *count) {
  const unsigned char *p = pdf + at, *end = pdf + len;
  unsigned long first = 0, n = 0;
  if (at + 8 > len || memcmp(p, "xref", 4) != 0)
    return NULL;
  p += 4;
  while (p < end && is_space(*p))
    p++;
  p += digits(p, end, &first);
  while (p < end && *p == ' ')
    p++;
  int k = digits(p, end, &n);
  p += k;
  while (p < end && is_space(*p))
    p++;
  if (!k || first != 0 || n == 0 || n > 0xffffff ||
      (size_t)(end - p) / 20 < n)
    return NULL;
  *off = calloc(n, sizeof **off);
  if (!*off)
    return NULL;
  for (unsigned long i = 0; i < n; i++, p += 20) {
    unsigned long o = 0, gen = 0;
    if (digits(p, p + 10, &o) != 10 || digits(p + 11, p + 16, &gen) != 5 ||
        (p[17] != 'n' && p[17] != 'f') || (p[17] == 'n' && gen != 0) ||
        o >= len) {
      free(*off);
      *off = NULL;
      return NULL;
    }
    (*off)[i] = p[17] == 'n' && i ? (size_t)o : 0;
  }
  *count = n;
  return p;
}

/* Finds each object's body; 0 when every in-use object is where the table
 * says and ends in "endobj". */
static int read_objects(const unsigned char *pdf, size_t xref_at,
                        const size_t *off, size_t n, struct obj *o) {
  for (size_t i = 1; i < n; i++) {
    if (!off[i])
      continue;
    /* The object ends where the next one after it begins. */
    size_t next = xref_at;
    for (size_t k = 1; k < n; k++)
      if (off[k] > off[i] && off[k] < next)
        next = off[k];
    /* "i 0 obj", i without leading zeros. */
    const unsigned char *s = pdf + off[i], *e = pdf + next;
    unsigned long number;
    int nd = *s != '0' ? digits(s, e, &number) : 0;
    if (!nd || number != i || (size_t)(e - s) < (size_t)nd + 6 ||
        memcmp(s + nd, " 0 obj", 6) != 0)
      return -1;
    s += nd + 6;
    const unsigned char *eo = last(s, e, "endobj");
    if (!eo)
      return -1;
    while (s < eo && is_space(*s))
      s++;
    while (eo > s && is_space(eo[-1]))
      eo--;
    o[i].in_use = 1;
    o[i].start = (size_t)(s - pdf);
    o[i].end = (size_t)(eo - pdf);
    o[i].stream = eo - s >= 9 && memcmp(eo - 9, "endstream", 9) == 0;
    unsigned long v;
    int d = digits(s, eo, &v);
    o[i].is_number = d > 0 && s + d == eo;
    o[i].value = v;
  }
  /* A stream's length as an object of its own: made direct. */
  for (size_t i = 1; i < n; i++) {
    if (!o[i].stream)
      continue;
    const unsigned char *s = pdf + o[i].start, *e = pdf + o[i].end;
    const unsigned char *data = memmem(s, (size_t)(e - s), "stream\r\n", 8);
    const unsigned char *L = data ? memmem(s, (size_t)(data - s), "/Length ",
                                           8)
                                  : NULL;
    if (!data)
      return -1;
    unsigned long k = 0;
    int d = L ? digits(L + 8, data, &k) : 0;
    if (d && L + 8 + d + 4 <= data && memcmp(L + 8 + d, " 0 R", 4) == 0 &&
        k < n && o[k].in_use && o[k].is_number) {
      o[i].length_of = k;
      o[k].dropped = 1;
    }
  }
  return 0;
}

/* Appends dictionary `s`..`e` with the value kept for it (pdf_bodies.c) in
 * place of the one name QUJAT_PDF_VALUE libharu wrote. */
static qujat_status value(struct buf *out, const unsigned char *s,
                          const unsigned char *e, const struct pdf_bodies *B,
                          const struct pdf_body *kept, size_t *spliced) {
  static const char name[] = "/" QUJAT_PDF_VALUE;
  const size_t n = sizeof name - 1;
  const unsigned char *at = memmem(s, (size_t)(e - s), name, n);
  /* The name, and it alone: not the start of a longer one. */
  if (!at || (at + n < e && !is_space(at[n]) && at[n] != '/' &&
              at[n] != '>'))
    return QUJAT_ERR_PDF;
  qujat_status st = qujat_buf_add(out, s, (size_t)(at - s));
  if (st == QUJAT_OK)
    st = qujat_buf_add(out, B->bytes.data + kept->at, kept->len);
  if (st == QUJAT_OK)
    st = qujat_buf_add(out, at + n, (size_t)(e - at - n));
  if (st == QUJAT_OK)
    ++*spliced;
  return st;
}

/* Appends the body of object `i`, a stream's /Length made direct, and the
 * data qujat kept for it (pdf_bodies.c) in place of libharu's empty one;
 * counts in `*spliced` the bodies put in. */
static qujat_status body(struct buf *out, const unsigned char *pdf,
                         const struct obj *o, size_t i,
                         const struct pdf_bodies *B, size_t *spliced) {
  const unsigned char *s = pdf + o[i].start, *e = pdf + o[i].end;
  const struct pdf_body *kept = qujat_pdf_body_of(B, i);
  if (kept && !o[i].stream)
    return value(out, s, e, B, kept, spliced);
  if (!o[i].length_of)
    return kept ? QUJAT_ERR_PDF : qujat_buf_add(out, s, (size_t)(e - s));
  const unsigned char *data = memmem(s, (size_t)(e - s), "stream\r\n", 8);
  const unsigned char *L =
      (const unsigned char *)memmem(s, (size_t)(data - s), "/Length ", 8) + 8;
  const unsigned char *R =
      (const unsigned char *)memmem(L, (size_t)(data - L), " 0 R", 4) + 4;
  static const char end_of_empty[] = "\nendstream";
  data += 8;
  if (kept && ((size_t)(e - data) != sizeof end_of_empty - 1 ||
               memcmp(data, end_of_empty, sizeof end_of_empty - 1) != 0))
    return QUJAT_ERR_PDF; /* libharu wrote a body of its own too */
  qujat_status st = qujat_buf_add(out, s, (size_t)(L - s));
  if (st == QUJAT_OK)
    st = qujat_buf_add_uint(out, kept ? kept->len
                                      : o[o[i].length_of].value);
  if (st == QUJAT_OK)
    st = qujat_buf_add(out, R, (size_t)(data - R));
  if (st == QUJAT_OK && kept) {
    st = qujat_buf_add(out, B->bytes.data + kept->at, kept->len);
    ++*spliced;
  }
  return st == QUJAT_OK ? qujat_buf_add(out, data, (size_t)(e - data)) : st;
}

/* Bytes a field needs for `v`. */
static int width(size_t v) {
  int w = 1;
  while (w < 4 && v >> (8 * w))
    w++;
  return w;
}

static void put(unsigned char *p, size_t v, int w) {
  for (int k = w - 1; k >= 0; k--, v >>= 8)
    p[k] = (unsigned char)(v & 0xff);
}

/* The trailer's entries but /Size, for the cross-reference stream. */
static qujat_status trailer(struct buf *out, const unsigned char *p,
                            const unsigned char *end) {
  const unsigned char *t = memmem(p, (size_t)(end - p), "trailer", 7);
  const unsigned char *a = t ? memmem(t, (size_t)(end - t), "<<", 2) : NULL;
  const unsigned char *b = a ? memmem(a, (size_t)(end - a), ">>", 2) : NULL;
  if (!b)
    return QUJAT_ERR_PDF;
  qujat_status st = QUJAT_OK;
  for (const unsigned char *l = a + 2; st == QUJAT_OK && l < b;) {
    const unsigned char *nl = memchr(l, '\n', (size_t)(b - l));
    const unsigned char *le = nl ? nl + 1 : b;
    if (*l == '/' && !(le - l > 6 && memcmp(l, "/Size ", 6) == 0))
      st = qujat_buf_add(out, l, (size_t)(le - l));
    l = le;
  }
  return st;
}

static qujat_status write_packed(struct buf *out, const unsigned char *pdf,
                                 struct obj *o, size_t n,
                                 const struct pdf_bodies *B,
                                 const unsigned char *after_xref,
                                 const unsigned char *end) {
  struct buf index, objs, z, xref;
  qujat_buf_init(&index, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&objs, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&z, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&xref, QUJAT_BUF_DEFAULT_LIMIT);
  size_t *where = calloc(n + 2, sizeof *where); /* offset or index */
  unsigned char *kind = calloc(n + 2, 1);       /* 0 free, 1, 2 */
  qujat_status st = where && kind ? QUJAT_OK : QUJAT_ERR_NOMEM;
  size_t packed = 0, ostm = n, xstm = n + 1, spliced = 0;
  /* The header: version 1.5 at least, libharu's binary comment line. */
  const unsigned char *nl = memchr(pdf, '\n', 16);
  int minor = pdf[7] - '0';
  if (st == QUJAT_OK && (!nl || memcmp(pdf, "%PDF-1.", 7) != 0))
    st = QUJAT_ERR_PDF;
  if (st == QUJAT_OK)
    st = qujat_buf_addf(out, "%%PDF-1.%d\n", minor > 5 ? minor : 5);
  const unsigned char *nl2 =
      st == QUJAT_OK ? memchr(nl + 1, '\n', 16) : NULL;
  if (st == QUJAT_OK && nl2 && nl[1] == '%')
    st = qujat_buf_add(out, nl + 1, (size_t)(nl2 - nl));
  for (size_t i = 1; st == QUJAT_OK && i < n; i++) {
    if (!o[i].in_use || o[i].dropped)
      continue;
    const unsigned char *s = pdf + o[i].start;
    size_t blen = o[i].end - o[i].start;
    if (o[i].stream || memmem(s, blen, "/Type /Pages\n", 13)) {
      kind[i] = 1;
      where[i] = out->len;
      st = qujat_buf_add_uint(out, i);
      if (st == QUJAT_OK)
        st = qujat_buf_adds(out, " 0 obj\n");
      if (st == QUJAT_OK)
        st = body(out, pdf, o, i, B, &spliced);
      if (st == QUJAT_OK)
        st = qujat_buf_adds(out, "\nendobj\n");
      continue;
    }
    kind[i] = 2;
    where[i] = packed++;
    st = qujat_buf_add_uint(&index, i);
    if (st == QUJAT_OK)
      st = qujat_buf_addc(&index, ' ');
    if (st == QUJAT_OK)
      st = qujat_buf_add_uint(&index, objs.len);
    if (st == QUJAT_OK)
      st = qujat_buf_addc(&index, ' ');
    if (st == QUJAT_OK)
      st = body(&objs, pdf, o, i, B, &spliced);
    if (st == QUJAT_OK)
      st = qujat_buf_addc(&objs, '\n');
  }
  /* Every body kept went into its stream. */
  if (st == QUJAT_OK && spliced != (B ? B->n : 0))
    st = QUJAT_ERR_PDF;
  /* The object stream. */
  if (st == QUJAT_OK && (st = qujat_buf_addc(&index, '\n')) == QUJAT_OK &&
      (st = qujat_buf_add(&index, objs.data, objs.len)) == QUJAT_OK)
    st = qujat_pdf_deflate(index.data, index.len, &z);
  size_t first = index.len - objs.len;
  kind[ostm] = 1;
  where[ostm] = out->len;
  if (st == QUJAT_OK) {
    const struct piece head[] = {{"", ostm},
                                 {" 0 obj\n<<\n/Type /ObjStm\n/N ", packed},
                                 {"\n/First ", first},
                                 {"\n/Filter /FlateDecode\n/Length ", z.len}};
    st = put_pieces(out, head, sizeof head / sizeof *head,
                    "\n>>\nstream\r\n");
  }
  if (st == QUJAT_OK && (st = qujat_buf_add(out, z.data, z.len)) == QUJAT_OK)
    st = qujat_buf_adds(out, "\r\nendstream\nendobj\n");
  /* The cross-reference stream: type, offset or object stream, index. */
  kind[xstm] = 1;
  where[xstm] = out->len;
  int w2 = width(out->len), w3 = width(packed ? packed - 1 : 0);
  size_t row = 1 + (size_t)w2 + (size_t)w3;
  if (st == QUJAT_OK)
    st = qujat_buf_fill(&xref, 0, row * (n + 2));
  for (size_t i = 0; st == QUJAT_OK && i < n + 2; i++) {
    unsigned char *r = (unsigned char *)xref.data + i * row;
    r[0] = kind[i];
    put(r + 1, kind[i] == 2 ? ostm : where[i], w2);
    put(r + 1 + w2, kind[i] == 2 ? where[i] : kind[i] ? 0 : 0xffffffffu,
        w3);
  }
  /* A small table (a one-page document's 20 objects: 80 bytes) is written
   * as it is: deflated, it and its /Filter would be no smaller, and
   * compressing it costs a compressor's set-up, a hundredth of a page. */
  int deflated = xref.len > XREF_RAW_MAX;
  qujat_buf_reset(&z);
  if (st == QUJAT_OK)
    st = deflated ? qujat_pdf_deflate(xref.data, xref.len, &z)
                  : qujat_buf_add(&z, xref.data, xref.len);
  if (st == QUJAT_OK) {
    const struct piece head[] = {{"", xstm},
                                 {" 0 obj\n<<\n/Type /XRef\n/Size ", n + 2},
                                 {"\n/W [ 1 ", (size_t)w2},
                                 {" ", (size_t)w3}};
    st = put_pieces(out, head, sizeof head / sizeof *head, " ]\n");
  }
  if (st == QUJAT_OK)
    st = trailer(out, after_xref, end);
  if (st == QUJAT_OK) {
    const struct piece length[] = {
        {deflated ? "/Filter /FlateDecode\n/Length " : "/Length ", z.len}};
    st = put_pieces(out, length, 1, "\n>>\nstream\r\n");
  }
  if (st == QUJAT_OK && (st = qujat_buf_add(out, z.data, z.len)) == QUJAT_OK) {
    const struct piece last[] = {
        {"\r\nendstream\nendobj\nstartxref\n", where[xstm]}};
    st = put_pieces(out, last, 1, "\n%%EOF\n");
  }
  free(where);
  free(kind);
  qujat_buf_free(&index);
  qujat_buf_free(&objs);
  qujat_buf_free(&z);
  qujat_buf_free(&xref);
  return st;
}

qujat_status qujat_pdf_pack(const unsigned char *pdf, size_t len,
                            const struct pdf_bodies *bodies, struct buf *out) {
  const unsigned char *end = pdf + len;
  const unsigned char *tail = len > 1024 ? end - 1024 : pdf;
  const unsigned char *sx = len > 64 ? last(tail, end, "startxref") : NULL;
  unsigned long at = 0;
  const unsigned char *p = sx ? sx + 9 : NULL;
  while (p && p < end && is_space(*p))
    p++;
  if (!p || !digits(p, end, &at) || at >= len)
    return QUJAT_ERR_PDF;
  size_t *off = NULL, n = 0;
  const unsigned char *after = read_xref(pdf, len, at, &off, &n);
  if (!after)
    return QUJAT_ERR_PDF;
  struct obj *o = calloc(n, sizeof *o);
  qujat_status st = o ? QUJAT_OK : QUJAT_ERR_NOMEM;
  if (st == QUJAT_OK && read_objects(pdf, at, off, n, o) != 0)
    st = QUJAT_ERR_PDF;
  size_t start = out->len;
  if (st == QUJAT_OK)
    st = write_packed(out, pdf, o, n, bodies, after, sx);
  if (st != QUJAT_OK && out->data) {
    out->len = start;
    out->data[start] = '\0';
  }
  free(o);
  free(off);
  return st;
}
