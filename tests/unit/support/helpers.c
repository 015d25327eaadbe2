/* SPDX-License-Identifier: MIT */
/* What several unit test files need (helpers.h). */
#define _GNU_SOURCE /* memmem */
#include "helpers.h"

#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "catalog/catalog_internal.h"

/* ------------------------------------------------------------------------
 * The real catalog and the fixture profiles
 * ------------------------------------------------------------------------ */

qujat_catalog *test_catalog_load(void) {
  qujat_catalog *cat = NULL;
  qujat_error err = {0};
  qujat_status st = qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &cat, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  return cat;
}

char *test_profile_text(const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", PROFILES, name);
  char *buf = NULL;
  size_t len = 0;
  cr_assert_eq(qujat_read_file(path, 1 << 20, &buf, &len, NULL), QUJAT_OK, "%s",
               path);
  return buf;
}

void test_use_profile_xml(qujat_profile **prof, const qujat_catalog *cat,
                          const char *xml, const char *name) {
  qujat_profile_free(*prof);
  *prof = NULL;
  qujat_error err = {0};
  qujat_status st =
      qujat_profile_load_memory(cat, xml, strlen(xml), name, prof, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s\n%s", err.file, err.line, err.msg, xml);
}

void test_use_profile_file(qujat_profile **prof, const qujat_catalog *cat,
                           const char *name) {
  qujat_profile_free(*prof);
  *prof = NULL;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", PROFILES, name);
  qujat_error err = {0};
  qujat_status st = qujat_profile_load_file(cat, path, prof, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
}

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

unsigned char *test_read_whole(const char *path, size_t *len) {
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

void test_write_file(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  cr_assert_not_null(f, "%s: %s", path, strerror(errno));
  cr_assert_eq(fwrite(data, 1, len, f), len, "%s", path);
  cr_assert_eq(fclose(f), 0, "%s", path);
}

void test_make_temp_dir(char *dir, size_t size, const char *name) {
  const char *tmp = getenv("TMPDIR");
  int n = snprintf(dir, size, "%s/qujat-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
                   name);
  cr_assert(n > 0 && (size_t)n < size, "TMPDIR too long");
  cr_assert_not_null(mkdtemp(dir), "mkdtemp %s: %s", dir, strerror(errno));
}

void test_remove_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      unlink(path);
  }
  if (d)
    closedir(d);
  rmdir(dir);
}

size_t test_each_xml_file(const char *dir,
                          void (*fn)(const char *dir, const char *name,
                                     void *user),
                          void *user) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "%s", dir);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
      continue;
    fn(dir, e->d_name, user);
    n++;
  }
  closedir(d);
  return n;
}

/* ------------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------------ */

void test_render_json(const qujat_document *doc, char **json) {
  qujat_free(*json);
  *json = NULL;
  size_t len = 0;
  qujat_error err = {0};
  qujat_status st = qujat_render_json(doc, json, &len, &err);
  cr_assert_eq(st, QUJAT_OK, "json: %s", err.msg);
  cr_assert_not_null(*json);
  cr_assert_eq(strlen(*json), len);
}

void test_render_pdf(const qujat_document *doc, unsigned char **pdf,
                     size_t *len) {
  qujat_free(*pdf);
  *pdf = NULL;
  qujat_error err = {0};
  qujat_status st = qujat_render_pdf_memory(doc, pdf, len, &err);
  cr_assert_eq(st, QUJAT_OK, "pdf: %s", err.msg);
  cr_assert_gt(*len, 1000);
  test_unpack_pdf(pdf, len);
}

void test_tiyn_text(int64_t tiyn, char *out, size_t size) {
  snprintf(out, size, "%lld.%02lld", (long long)(tiyn / 100),
           (long long)(tiyn % 100));
}

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

int test_line_of(const char *text, const char *needle) {
  const char *at = strstr(text, needle);
  cr_assert_not_null(at, "'%s' not in:\n%s", needle, text);
  int line = 1;
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return line;
}

size_t test_count(const char *s, const char *needle) {
  size_t n = 0, k = strlen(needle);
  for (const char *p = s; (p = strstr(p, needle)) != NULL; p += k)
    n++;
  return n;
}

void test_expect_has(const char *text, const char *part) {
  cr_expect_not_null(strstr(text, part), "no '%s' in\n%s", part, text);
}

void test_expect_lacks(const char *text, const char *part) {
  cr_expect_null(strstr(text, part), "'%s' in\n%s", part, text);
}

/* ------------------------------------------------------------------------
 * PDF bytes
 * ------------------------------------------------------------------------ */

size_t test_count_bytes(const unsigned char *p, size_t len, const char *s) {
  size_t n = 0, k = strlen(s);
  for (size_t i = 0; i + k <= len; i++)
    n += memcmp(p + i, s, k) == 0;
  return n;
}

char *test_inflate(const unsigned char *p, size_t len, size_t *out_len) {
  z_stream z = {0};
  if (inflateInit(&z) != Z_OK)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *out = malloc(cap + 1);
  z.next_in = (unsigned char *)p;
  z.avail_in = (uInt)len;
  int rc = Z_OK;
  while (out && rc == Z_OK) {
    if (n == cap) {
      char *more = realloc(out, 2 * cap + 1);
      if (!more) {
        free(out);
        out = NULL;
        break;
      }
      out = more;
      cap *= 2;
    }
    z.next_out = (unsigned char *)out + n;
    z.avail_out = (uInt)(cap - n);
    rc = inflate(&z, Z_NO_FLUSH);
    n = cap - z.avail_out;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    free(out);
    return NULL;
  }
  out[n] = '\0';
  if (out_len)
    *out_len = n;
  return out;
}

char *test_pdf_next_stream(const unsigned char *p, size_t len, size_t *at,
                           size_t *out_len) {
  for (size_t i = *at; i + 6 <= len; i++) {
    if (memcmp(p + i, "stream", 6) != 0 ||
        (i >= 3 && !memcmp(p + i - 3, "end", 3)))
      continue;
    size_t data = i + 6;
    if (data < len && p[data] == '\r')
      data++;
    if (data < len && p[data] == '\n')
      data++;
    char *text = test_inflate(p + data, len - data, out_len);
    if (text) {
      *at = i + 1;
      return text;
    }
  }
  *at = len;
  return NULL;
}

size_t test_pdf_xml_streams(const unsigned char *p, size_t len, const char *ns,
                            char **first, size_t *first_len) {
  size_t found = 0, at = 0, n = 0;
  char *text;
  if (first)
    *first = NULL;
  while ((text = test_pdf_next_stream(p, len, &at, &n)) != NULL) {
    if (strncmp(text, "<?xml", 5) == 0 && strstr(text, ns) && found++ == 0 &&
        first) {
      *first = text;
      *first_len = n;
      continue;
    }
    free(text);
  }
  return found;
}

/* ------------------------------------------------------------------------
 * Unpacking a packed PDF (test_unpack_pdf)
 * ------------------------------------------------------------------------ */

static unsigned long dict_number(const char *d, const char *end,
                                 const char *key) {
  const char *k = memmem(d, (size_t)(end - d), key, strlen(key));
  cr_assert(k, "no %s in the dictionary", key);
  return strtoul(k + strlen(key), NULL, 10);
}

void test_unpack_pdf(unsigned char **pp, size_t *plen) {
  const char *pdf = (const char *)*pp, *end = pdf + *plen;
  const char *os = memmem(pdf, *plen, "/Type /ObjStm\n", 14);
  if (!os)
    return;
  /* The cross-reference stream: its dictionary, its entries. */
  const char *sx = NULL;
  for (const char *q = end - 9; q >= pdf && !sx; q--)
    if (memcmp(q, "startxref", 9) == 0)
      sx = q;
  cr_assert(sx, "no startxref");
  const char *xo = pdf + strtoul(sx + 10, NULL, 10);
  const char *xd = memmem(xo, (size_t)(end - xo), "stream\r\n", 8);
  cr_assert(xd && memmem(xo, (size_t)(xd - xo), "/Type /XRef", 11));
  unsigned long size = dict_number(xo, xd, "/Size ");
  const char *w = memmem(xo, (size_t)(xd - xo), "/W [ 1 ", 7);
  cr_assert(w);
  char *wend;
  unsigned long w2 = strtoul(w + 7, &wend, 10), w3 = strtoul(wend, NULL, 10);
  size_t xlen = dict_number(xo, xd, "/Length ");
  unsigned char *x;
  if (memmem(xo, (size_t)(xd - xo), "/Filter", 7)) {
    x = (unsigned char *)test_inflate((const unsigned char *)xd + 8, xlen,
                                      &xlen);
  } else { /* small: written as it is (pdf_pack.c) */
    x = malloc(xlen + 1);
    cr_assert_not_null(x);
    memcpy(x, xd + 8, xlen);
  }
  size_t row = 1 + w2 + w3;
  cr_assert(x && xlen == size * row, "the xref stream does not inflate");
  /* Every object in the stream, by number. */
  const char **body = calloc(size, sizeof *body);
  size_t *blen = calloc(size, sizeof *blen);
  char **inflated = calloc(size, sizeof *inflated);
  cr_assert(body && blen && inflated);
  for (unsigned long i = 0; i < size; i++) {
    const unsigned char *e = x + i * row;
    unsigned long f2 = 0, f3 = 0;
    for (unsigned long k = 0; k < w2; k++)
      f2 = f2 << 8 | e[1 + k];
    for (unsigned long k = 0; k < w3; k++)
      f3 = f3 << 8 | e[1 + w2 + k];
    if (e[0] == 1) {
      const char *o = pdf + f2, *s = strchr(o, '\n') + 1;
      const char *eo = memmem(s, (size_t)(end - s), "\nendobj\n", 8);
      if (memmem(s, (size_t)(eo - s), "/Type /XRef", 11) ||
          memmem(s, (size_t)(eo - s), "/Type /ObjStm", 13)) {
        /* An object stream's last object may end in endstream too. */
        if (memmem(s, (size_t)(eo - s), "/Type /ObjStm", 13)) {
          const char *d = memmem(s, (size_t)(end - s), "stream\r\n", 8);
          size_t n = dict_number(s, d, "/N "), first = dict_number(s, d, "/First ");
          size_t ilen;
          char *in = test_inflate((const unsigned char *)d + 8,
                                  dict_number(s, d, "/Length "), &ilen);
          cr_assert(in, "the object stream does not inflate");
          inflated[i] = in;
          char *q = in;
          unsigned long num[4096];
          size_t at[4096];
          cr_assert_leq(n, 4096);
          for (size_t k = 0; k < n; k++) {
            num[k] = strtoul(q, &q, 10);
            at[k] = strtoul(q, &q, 10);
          }
          for (size_t k = 0; k < n; k++) {
            cr_assert_lt(num[k], size);
            body[num[k]] = in + first + at[k];
            size_t stop = k + 1 < n ? first + at[k + 1] : ilen;
            blen[num[k]] = stop - first - at[k];
            while (blen[num[k]] && in[first + at[k] + blen[num[k]] - 1] == '\n')
              blen[num[k]]--;
          }
        }
        continue;
      }
      body[i] = s;
      blen[i] = (size_t)(eo - s);
    }
    (void)f3;
  }
  /* Written out again: header, objects, table, trailer. */
  size_t cap = *plen * 4 + 4096, n = 0;
  char *out = malloc(cap);
  cr_assert(out);
  const char *hdr_end = strchr(strchr(pdf, '\n') + 1, '\n') + 1;
  memcpy(out, pdf, (size_t)(hdr_end - pdf));
  n = (size_t)(hdr_end - pdf);
  size_t *offset = calloc(size, sizeof *offset);
  cr_assert(offset);
  for (unsigned long i = 1; i < size; i++) {
    if (!body[i])
      continue;
    while (n + blen[i] + 64 > cap)
      cr_assert(out = realloc(out, cap *= 2));
    offset[i] = n;
    n += (size_t)sprintf(out + n, "%lu 0 obj\n", i);
    memcpy(out + n, body[i], blen[i]);
    n += blen[i];
    n += (size_t)sprintf(out + n, "\nendobj\n");
  }
  while (n + size * 20 + 1024 > cap)
    cr_assert(out = realloc(out, cap *= 2));
  size_t xref_at = n;
  n += (size_t)sprintf(out + n, "xref\n0 %lu\n", size);
  for (unsigned long i = 0; i < size; i++)
    n += (size_t)sprintf(out + n, "%010zu %05d %c\r\n", offset[i],
                         offset[i] ? 0 : 65535, offset[i] ? 'n' : 'f');
  n += (size_t)sprintf(out + n, "trailer\n<<\n");
  /* The trailer's entries: the XRef dictionary's but its own. */
  const char *dend = xd;
  for (const char *l = strchr(xo, '\n') + 1; l < dend;) {
    const char *nl = memchr(l, '\n', (size_t)(dend - l));
    const char *le = nl ? nl + 1 : dend;
    if ((le - l > 6 && memcmp(l, "/Root ", 6) == 0) ||
        (le - l > 6 && memcmp(l, "/Info ", 6) == 0) ||
        (le - l > 4 && memcmp(l, "/ID ", 4) == 0)) {
      memcpy(out + n, l, (size_t)(le - l));
      n += (size_t)(le - l);
    }
    l = le;
  }
  n += (size_t)sprintf(out + n, "/Size %lu\n>>\nstartxref\n%zu\n%%%%EOF\n",
                       size, xref_at);
  for (unsigned long i = 0; i < size; i++)
    free(inflated[i]);
  free(inflated);
  free(body);
  free(blen);
  free(offset);
  free(x);
  free(*pp);
  *pp = (unsigned char *)out;
  *plen = n;
}
