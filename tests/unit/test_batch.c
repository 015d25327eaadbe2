/* Unit tests of qujat batch's parts (suite batch): output names, the
 * decoder of spreadsheet text (every encoding, sequences split by the
 * 64 KiB read buffer, a file cut inside a character), the CSV and XML job
 * readers, qujat_pdf_inspect on a real PDF and on damaged ones, and the
 * manifest lines (JSON and CSV escaping). Files live in a temporary
 * directory made per test. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "batch_decode.h"
#include "helpers.h"
#include "qujat/qujat.h"

#define DATE "2026-11-21"

static char dir[256];
static char path_buf[512];

static void make_dir(void) { test_make_temp_dir(dir, sizeof dir, "batch"); }

static void remove_dir(void) {
  if (!dir[0])
    return;
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "cannot remove %s\n", dir);
  dir[0] = '\0';
}

/* Writes `len` bytes as NAME in the test's directory; returns its path. */
static const char *put(const char *name, const void *data, size_t len) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
  test_write_file(path_buf, data, len);
  return path_buf;
}

static const char *puts_file(const char *name, const char *text) {
  return put(name, text, strlen(text));
}

TestSuite(batch, .init = make_dir, .fini = remove_dir);

/* ------------------------------------------------------------------------
 * Output names
 * ------------------------------------------------------------------------ */

Test(batch, output_names) {
  static const char *const good[] = {"a.pdf",
                                     "a/b.pdf",
                                     "A.PDF",
                                     "x.Pdf",
                                     "a b/c d.pdf",
                                     "a..b.pdf",
                                     "a/b/c/d/e.pdf",
                                     "-x.pdf",
                                     "деректер/құжат.pdf",
                                     "2026/11/0001-kk.pdf",
                                     "a.b/c.pdf",
                                     "x.pdf.pdf"};
  static const char *const bad[] = {"",
                                    "/a.pdf",
                                    "//a.pdf",
                                    "../a.pdf",
                                    "a/../b.pdf",
                                    "./a.pdf",
                                    "a/./b.pdf",
                                    ".hidden.pdf",
                                    "a/.b/c.pdf",
                                    "a//b.pdf",
                                    "a/b.pdf/",
                                    "a.txt",
                                    ".pdf",
                                    "pdf",
                                    "a.pdf ",
                                    "a\\b.pdf",
                                    "a\nb.pdf",
                                    "a\tb.pdf",
                                    "a\x7f"
                                    "b.pdf",
                                    "\xff.pdf",
                                    "\xc0\xaf.pdf",
                                    "a\xd0.pdf",
                                    "..",
                                    ".",
                                    "a/..",
                                    "a/.pdf",
                                    "d.pdf/x.pdf",
                                    "a/B.PDF/c.pdf",
                                    "C:\\x.pdf"};
  char why[160];
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    why[0] = '\0';
    cr_expect(qujat_output_name_ok(good[i], why, sizeof why),
              "'%s' should be accepted: %s", good[i], why);
  }
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    why[0] = '\0';
    cr_expect(!qujat_output_name_ok(bad[i], why, sizeof why),
              "'%s' should be refused", bad[i]);
    cr_expect(why[0] != '\0', "no reason for refusing '%s'", bad[i]);
  }
  /* A part of 200 bytes is the most; a name of 1024 bytes too. */
  char name[1100];
  memset(name, 'a', 196);
  strcpy(name + 196, ".pdf");
  cr_expect(qujat_output_name_ok(name, why, sizeof why), "%s", why);
  memset(name, 'a', 197);
  strcpy(name + 197, ".pdf");
  cr_expect(!qujat_output_name_ok(name, why, sizeof why));
  cr_expect(strstr(why, "200") != NULL, "%s", why);
  size_t n = 0;
  while (n + 101 < 1021) {
    memset(name + n, 'b', 100);
    name[n + 100] = '/';
    n += 101;
  }
  memset(name + n, 'c', 1020 - n);
  strcpy(name + 1020, ".pdf");
  cr_assert_eq(strlen(name), 1024);
  cr_expect(qujat_output_name_ok(name, why, sizeof why), "%s", why);
  memmove(name + 1, name, 1025);
  name[0] = 'd';
  cr_expect(!qujat_output_name_ok(name, why, sizeof why));
}

/* ------------------------------------------------------------------------
 * The decoder
 * ------------------------------------------------------------------------ */

struct decoded {
  char *text;
  size_t len;
  char name[16];
  char bad[4][128]; /* the bad spots, taken over the whole text */
  size_t bad_at[4];
  int nbad;
};

/* Decodes the file at `path` as `encoding` (NULL: detect), `chunk` bytes
 * at a time. */
static qujat_status decode(const char *path, const char *encoding, size_t chunk,
                           struct decoded *out, qujat_error *err) {
  memset(out, 0, sizeof *out);
  struct decoder *d = calloc(1, sizeof *d);
  cr_assert_not_null(d);
  qujat_status st = qujat_decoder_open(d, path, encoding, err);
  if (st == QUJAT_OK) {
    snprintf(out->name, sizeof out->name, "%s", d->name);
    size_t cap = 1024;
    out->text = malloc(cap);
    char *piece = malloc(chunk);
    for (;;) {
      size_t got = 0;
      st = qujat_decoder_read(d, piece, chunk, &got, err);
      if (st != QUJAT_OK || got == 0)
        break;
      while (out->len + got + 1 > cap)
        out->text = realloc(out->text, cap *= 2);
      memcpy(out->text + out->len, piece, got);
      out->len += got;
    }
    out->text[out->len] = '\0';
    free(piece);
    /* Every bad spot not yet taken, with where it is. */
    for (size_t i = 0; i < d->nbad && out->nbad < 4; i++) {
      snprintf(out->bad[out->nbad], sizeof out->bad[0], "%s", d->bad[i].what);
      out->bad_at[out->nbad++] = d->bad[i].at;
    }
  }
  qujat_decoder_close(d);
  free(d);
  return st;
}

static void decoded_free(struct decoded *d) { free(d->text); }

/* UTF-8 text with Kazakh and Russian letters, and its other encodings. */
#define KK "Қазақ тілі: әғқңөұүһі; Русский: ёжик\n"

static void expect_text(const char *file, const char *enc, const char *want,
                        const char *name) {
  qujat_error err = {0};
  struct decoded d;
  for (size_t chunk = 16; chunk <= 4096; chunk *= 16) {
    qujat_status st = decode(file, enc, chunk, &d, &err);
    cr_assert_eq(st, QUJAT_OK, "%s: %s", file, err.msg);
    cr_expect_str_eq(d.name, name, "%s read as %s", file, d.name);
    cr_expect_eq(d.len, strlen(want), "%s: %zu bytes, expected %zu", file,
                 d.len, strlen(want));
    cr_expect(d.len == strlen(want) && memcmp(d.text, want, d.len) == 0,
              "%s (%s, %zu at a time): got '%s'", file, enc ? enc : "detect",
              chunk, d.text);
    cr_expect_eq(d.nbad, 0, "%s: bad spot %s", file, d.bad[0]);
    decoded_free(&d);
  }
}

/* UTF-8 to UTF-16 (LE, or BE with `be`), surrogate pairs included: the
 * tests make their UTF-16 files without iconv. */
static size_t to_utf16(const char *utf8, int be, unsigned char *out) {
  size_t n = 0;
  const unsigned char *p = (const unsigned char *)utf8;
  while (*p) {
    unsigned cp;
    if (*p < 0x80)
      cp = *p++;
    else if (*p < 0xe0) {
      cp = (unsigned)(*p & 0x1f) << 6 | (p[1] & 0x3f);
      p += 2;
    } else if (*p < 0xf0) {
      cp = (unsigned)(*p & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 |
           (p[2] & 0x3f);
      p += 3;
    } else {
      cp = (unsigned)(*p & 0x07) << 18 | (unsigned)(p[1] & 0x3f) << 12 |
           (unsigned)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
      p += 4;
    }
    unsigned units[2], k = 0;
    if (cp >= 0x10000) {
      units[k++] = 0xd800 | ((cp - 0x10000) >> 10);
      units[k++] = 0xdc00 | ((cp - 0x10000) & 0x3ff);
    } else {
      units[k++] = cp;
    }
    for (unsigned i = 0; i < k; i++) {
      out[n++] = (unsigned char)(be ? units[i] >> 8 : units[i] & 0xff);
      out[n++] = (unsigned char)(be ? units[i] & 0xff : units[i] >> 8);
    }
  }
  return n;
}

Test(batch, decode_utf8) {
  expect_text(puts_file("u8.csv", KK), NULL, KK, "UTF-8");
  expect_text(puts_file("u8.csv", KK), "utf-8", KK, "UTF-8");
  expect_text(puts_file("bom.csv", "\xef\xbb\xbf" KK), NULL, KK, "UTF-8");
  expect_text(puts_file("bom.csv", "\xef\xbb\xbf" KK), "UTF8", KK, "UTF-8");
  /* U+FEFF after the start is text, not a byte order mark. */
  expect_text(puts_file("feff.csv", "a\xef\xbb\xbf"
                                    "b"),
              NULL,
              "a\xef\xbb\xbf"
              "b",
              "UTF-8");
  expect_text(puts_file("empty.csv", ""), NULL, "", "UTF-8");
}

Test(batch, decode_utf16) {
  unsigned char buf[512];
  const char *text = KK "emoji \xf0\x9f\x98\x80 end\n";
  size_t n;
  /* With a byte order mark, detected and named. */
  buf[0] = 0xff;
  buf[1] = 0xfe;
  n = 2 + to_utf16(text, 0, buf + 2);
  const char *le_bom = put("le-bom.csv", buf, n);
  expect_text(le_bom, NULL, text, "UTF-16LE");
  expect_text(le_bom, "UTF-16", text, "UTF-16LE");
  expect_text(le_bom, "UTF-16LE", text, "UTF-16LE");
  buf[0] = 0xfe;
  buf[1] = 0xff;
  n = 2 + to_utf16(text, 1, buf + 2);
  const char *be_bom = put("be-bom.csv", buf, n);
  expect_text(be_bom, NULL, text, "UTF-16BE");
  expect_text(be_bom, "UTF-16", text, "UTF-16BE");
  expect_text(be_bom, "utf-16be", text, "UTF-16BE");
  /* Without one: the zero bytes of ASCII tell the order. */
  n = to_utf16("id;document;service;output\n" KK, 0, buf);
  expect_text(put("le.csv", buf, n), NULL, "id;document;service;output\n" KK,
              "UTF-16LE");
  n = to_utf16("id;document;service;output\n" KK, 1, buf);
  expect_text(put("be.csv", buf, n), NULL, "id;document;service;output\n" KK,
              "UTF-16BE");
  expect_text(put("be.csv", buf, n), "UTF-16BE",
              "id;document;service;output\n" KK, "UTF-16BE");
}

Test(batch, decode_code_pages) {
  /* "Привет, Қазақстан" in KZ-1048 and "Привет, мир" in CP1251. */
  const char *kz = "\xcf\xf0\xe8\xe2\xe5\xf2, \x8d\xe0\xe7\xe0\x9d\xf1\xf2"
                   "\xe0\xed\n";
  const char *cp = "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0\n";
  expect_text(puts_file("kz.csv", kz), NULL, "Привет, Қазақстан\n", "KZ-1048");
  expect_text(puts_file("kz.csv", kz), "KZ-1048", "Привет, Қазақстан\n",
              "KZ-1048");
  expect_text(puts_file("kz.csv", kz), "RK1048", "Привет, Қазақстан\n",
              "KZ-1048");
  expect_text(puts_file("cp.csv", cp), NULL, "Привет, мир\n", "CP1251");
  expect_text(puts_file("cp.csv", cp), "windows-1251", "Привет, мир\n",
              "CP1251");
  /* Named CP1251, the Kazakh bytes are CP1251's letters. */
  expect_text(puts_file("kz.csv", kz), "CP1251", "Привет, Ќазаќстан\n",
              "CP1251");
}

Test(batch, decode_bad_bytes) {
  qujat_error err = {0};
  struct decoded d;
  /* 0x98 is no character of CP1251 (nor of KZ-1048): detection still
   * says CP1251, the byte is skipped and reported where it was. */
  const char *cp = "\xcf\xf0\xe8\n\xe2\x98\xe5\n\xf2\n";
  cr_assert_eq(decode(puts_file("cp98.csv", cp), NULL, 4096, &d, &err),
               QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.name, "CP1251");
  cr_expect_str_eq(d.text, "При\nве\nт\n");
  cr_assert_eq(d.nbad, 1);
  cr_expect_eq(d.bad_at[0], strlen("При\nв"));
  cr_expect(strstr(d.bad[0], "0x98") && strstr(d.bad[0], "offset 5") &&
                strstr(d.bad[0], "CP1251"),
            "%s", d.bad[0]);
  decoded_free(&d);
  /* Invalid UTF-8 in a UTF-8 file that the detection still takes for
   * UTF-8 because the encoding is named. */
  cr_assert_eq(decode(puts_file("u8bad.csv", "ab\xff"
                                             "cd\xc0\xaf"
                                             "e"),
                      "UTF-8", 4096, &d, &err),
               QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.text, "abcde");
  cr_expect_eq(d.nbad, 3, "%d bad spots", d.nbad); /* ff, c0, af */
  cr_expect_eq(d.bad_at[0], 2);
  decoded_free(&d);
  /* An unpaired surrogate in UTF-16LE: one code unit skipped. */
  const unsigned char u16[] = {0xff, 0xfe, 'a', 0, 0x00, 0xd8, 'b', 0, '\n', 0};
  cr_assert_eq(decode(put("sur.csv", u16, sizeof u16), NULL, 4096, &d, &err),
               QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.text, "ab\n");
  cr_expect_eq(d.nbad, 1);
  decoded_free(&d);
  /* Unknown encodings. */
  struct decoder *dec = calloc(1, sizeof *dec);
  cr_expect_eq(qujat_decoder_open(dec, puts_file("x.csv", "a"), "KOI8-R", &err),
               QUJAT_ERR_ARG);
  cr_expect(strstr(err.msg, "KOI8-R") != NULL, "%s", err.msg);
  qujat_decoder_close(dec);
  cr_expect_eq(
      qujat_decoder_open(dec, puts_file("x.csv", "a"), "UTF-8//TRANSLIT", &err),
      QUJAT_ERR_ARG);
  qujat_decoder_close(dec);
  cr_expect_eq(qujat_decoder_open(dec, "/nonexistent/x.csv", NULL, &err),
               QUJAT_ERR_IO);
  qujat_decoder_close(dec);
  free(dec);
}

/* The bad spots go to the rows they are in: take_bad(from, at) gives the
 * first spot in [from, at) and forgets every spot before `at`. */
Test(batch, decode_take_bad) {
  struct decoder *d = calloc(1, sizeof *d);
  qujat_error err = {0};
  cr_assert_eq(
      qujat_decoder_open(d, puts_file("b.csv", "a\x98\nb\nc\x98\x98\nd\x98"),
                         "CP1251", &err),
      QUJAT_OK, "%s", err.msg);
  char out[64], what[128];
  size_t got = 0;
  cr_assert_eq(qujat_decoder_read(d, out, sizeof out, &got, &err), QUJAT_OK);
  cr_assert_eq(got, 7); /* "a\nb\nc\nd" */
  cr_assert_eq(d->nbad, 4);
  cr_expect(qujat_decoder_take_bad(d, 0, 2, what, sizeof what)); /* "a\n" */
  cr_expect(strstr(what, "offset 1"), "%s", what);
  cr_expect(!qujat_decoder_take_bad(d, 2, 4, what, sizeof what)); /* "b\n" */
  cr_expect(qujat_decoder_take_bad(d, 4, 6, what, sizeof what));  /* "c\n" */
  cr_expect(strstr(what, "offset 6"), "%s", what); /* the first of two */
  cr_expect_eq(d->nbad, 1);
  cr_expect(qujat_decoder_take_bad(d, 6, 8, what, sizeof what)); /* "d" */
  cr_expect(strstr(what, "offset 10"), "%s", what);
  cr_expect_eq(d->nbad, 0);
  qujat_decoder_close(d);
  free(d);
}

Test(batch, decode_cut_at_the_end) {
  qujat_error err = {0};
  struct decoded d;
  /* UTF-16LE with an odd last byte. */
  const unsigned char u16[] = {0xff, 0xfe, 'a', 0, 'b', 0, 0x1a};
  cr_assert_eq(decode(put("odd.csv", u16, sizeof u16), NULL, 4096, &d, &err),
               QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.text, "ab");
  cr_assert_eq(d.nbad, 1);
  cr_expect(strstr(d.bad[0], "ends inside") != NULL, "%s", d.bad[0]);
  decoded_free(&d);
  /* UTF-16LE ending with a lone high surrogate. */
  const unsigned char hs[] = {0xff, 0xfe, 'a', 0, 0x3d, 0xd8};
  cr_assert_eq(decode(put("hs.csv", hs, sizeof hs), NULL, 4096, &d, &err),
               QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.text, "a");
  cr_expect_eq(d.nbad, 1);
  decoded_free(&d);
  /* UTF-8 ending in the first byte of "ж". */
  cr_assert_eq(
      decode(puts_file("cut8.csv", "abc\xd0"), "UTF-8", 4096, &d, &err),
      QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.text, "abc");
  cr_assert_eq(d.nbad, 1);
  cr_expect(strstr(d.bad[0], "ends inside") != NULL, "%s", d.bad[0]);
  decoded_free(&d);
}

/* A character across the 64 KiB boundary of the decoder's read buffer. */
Test(batch, decode_across_the_read_buffer) {
  const size_t buf = sizeof((struct decoder *)0)->in;
  cr_assert_eq(buf, 64 * 1024);
  qujat_error err = {0};
  struct decoded d;
  /* UTF-16LE with a BOM: a surrogate pair in bytes buf-2 .. buf+1, then
   * a Cyrillic letter. */
  size_t n = buf + 64;
  unsigned char *u = malloc(n);
  char *want = malloc(n);
  size_t w = 0, i = 0;
  u[i++] = 0xff;
  u[i++] = 0xfe;
  while (i < buf - 2) {
    char c = (char)('a' + (i / 2) % 26);
    u[i] = (unsigned char)c;
    u[i + 1] = 0;
    i += 2;
    want[w++] = c;
  }
  i += to_utf16("\xf0\x9f\x98\x80ж", 0, u + i); /* 😀ж */
  memcpy(want + w, "\xf0\x9f\x98\x80ж", 6);
  w += 6;
  while (i + 1 < n) {
    u[i++] = 'z';
    u[i++] = 0;
    want[w++] = 'z';
  }
  want[w] = '\0';
  const char *p = put("split16.csv", u, i);
  for (size_t chunk = 100; chunk <= 100000; chunk *= 10) {
    cr_assert_eq(decode(p, NULL, chunk, &d, &err), QUJAT_OK, "%s", err.msg);
    cr_expect_str_eq(d.name, "UTF-16LE");
    cr_expect_eq(d.len, w, "%zu bytes, expected %zu", d.len, w);
    cr_expect(d.len == w && memcmp(d.text, want, w) == 0,
              "the text across the boundary differs (%zu at a time)", chunk);
    cr_expect_eq(d.nbad, 0, "%s", d.bad[0]);
    decoded_free(&d);
  }
  /* UTF-8: "ж" in bytes buf-1 and buf, also across the sample the
   * detection looks at. */
  memset(u, 'a', buf - 1);
  memcpy(u + buf - 1, "ж", 2);
  memset(u + buf + 1, 'b', 10);
  p = put("split8.csv", u, buf + 11);
  cr_assert_eq(decode(p, NULL, 1000, &d, &err), QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(d.name, "UTF-8");
  cr_expect_eq(d.len, buf + 11);
  cr_expect(d.len == buf + 11 && memcmp(d.text + buf - 1, "жbbb", 5) == 0);
  cr_expect_eq(d.nbad, 0, "%s", d.bad[0]);
  decoded_free(&d);
  /* A bad byte after the first buffer: reported at its place. */
  memset(u, 'a', buf + 10);
  u[buf + 5] = 0xff;
  p = put("late8.csv", u, buf + 10);
  cr_assert_eq(decode(p, "UTF-8", 1000, &d, &err), QUJAT_OK, "%s", err.msg);
  cr_expect_eq(d.len, buf + 9);
  cr_assert_eq(d.nbad, 1);
  cr_expect_eq(d.bad_at[0], buf + 5);
  char off[40];
  snprintf(off, sizeof off, "offset %zu", buf + 5);
  cr_expect(strstr(d.bad[0], off) != NULL, "%s", d.bad[0]);
  decoded_free(&d);
  free(u);
  free(want);
}

/* ------------------------------------------------------------------------
 * The CSV reader
 * ------------------------------------------------------------------------ */

#define MAX_JOBS 16

struct jobs {
  struct job v[MAX_JOBS];
  int n;
  qujat_status st; /* of the last next() */
  qujat_error err;
};

/* Reads every job of the job file at `path`: CSV (`xml` 0), XML (1), or
 * as qujat_jobs_open() decides (2). */
static qujat_status read_jobs(const char *path, int xml, const char *enc,
                              int light, struct jobs *out) {
  memset(out, 0, sizeof *out);
  struct job_reader *r = NULL;
  qujat_status st = xml == 2 ? qujat_jobs_open(path, enc, &r, &out->err)
                    : xml    ? qujat_jobs_open_xml(path, &r, &out->err)
                             : qujat_jobs_open_csv(path, enc, &r, &out->err);
  if (st != QUJAT_OK) {
    cr_expect_null(r);
    return out->st = st;
  }
  r->light = light;
  int end = 0;
  struct job j = {0};
  while ((st = r->next(r, &j, &end, &out->err)) == QUJAT_OK && !end) {
    cr_assert_lt(out->n, MAX_JOBS);
    out->v[out->n++] = j;
    memset(&j, 0, sizeof j);
  }
  qujat_job_clear(&j);
  r->close(r);
  return out->st = st;
}

static void jobs_free(struct jobs *J) {
  for (int i = 0; i < J->n; i++)
    qujat_job_clear(&J->v[i]);
}

static const char *str(const char *s) { return s ? s : "(null)"; }

/* `s`, a job's problem or profile (or NULL), contains `part`. */
static void expect_in(const char *s, const char *part) {
  cr_expect(strstr(str(s), part), "%s", str(s));
}

Test(batch, csv_quoting) {
  struct jobs J;
  const char *p = puts_file(
      "q.csv", "id;document;service;output;company;company-address\n"
               "1;checklist;iin;a.pdf;\"A; B\";\"line one\nline two\"\n"
               "2;checklist;iin;b.pdf;\"say \"\"hi\"\"\";\"\"\n"
               "\n"
               "   \n"
               ";;;;;\n"
               "3;checklist;iin;c.pdf;\"\";x\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 3);
  cr_expect_str_eq(str(J.v[0].id), "1");
  cr_expect_eq(J.v[0].line, 2);
  cr_expect_null(J.v[0].problem, "%s", J.v[0].problem);
  cr_assert_not_null(J.v[0].profile_xml);
  cr_expect(strstr(J.v[0].profile_xml, "name=\"A; B\"") != NULL, "%s",
            J.v[0].profile_xml);
  cr_expect(strstr(J.v[0].profile_xml,
                   "<address>line one\nline two</address>") != NULL,
            "%s", J.v[0].profile_xml);
  cr_expect_eq(J.v[0].profile_line, -1);
  /* The record with a line break inside quotes took two lines. */
  cr_expect_eq(J.v[1].line, 4);
  cr_expect_null(J.v[1].problem, "%s", J.v[1].problem);
  cr_expect(strstr(str(J.v[1].profile_xml), "name=\"say &quot;hi&quot;\"") !=
                NULL,
            "%s", str(J.v[1].profile_xml));
  /* Blank lines (and a row of empty cells) are no jobs; indexes count
   * jobs, lines count lines. */
  cr_expect_str_eq(str(J.v[2].id), "3");
  cr_expect_eq(J.v[2].index, 2);
  cr_expect_eq(J.v[2].line, 8);
  jobs_free(&J);
}

Test(batch, csv_record_problems) {
  struct jobs J;
  const char *p = puts_file("bad.csv", "id,document,service,output\n"
                                       "1,checklist,iin,a\"b.pdf\n"
                                       "2,checklist,\"iin\"x,b.pdf\n"
                                       "3,checklist,iin,c.pdf,extra\n"
                                       "4,checklist,iin\n"
                                       "5,checklist,iin,e.pdf\n"
                                       "6,checklist,iin,\"f.pdf\n"
                                       "7,checklist,iin,g.pdf\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 6, "%d jobs", J.n);
  expect_in(J.v[0].problem, "a quote in the middle of a cell");
  expect_in(J.v[1].problem, "a quote in the middle of a cell");
  expect_in(J.v[2].problem, "the row has 5 cells, the header 4");
  expect_in(J.v[3].problem, "the row has 3 cells, the header 4");
  cr_expect_null(J.v[4].problem, "%s", J.v[4].problem);
  cr_expect_str_eq(str(J.v[4].output), "e.pdf");
  /* An unclosed quote takes the rest of the file into its cell. */
  expect_in(J.v[5].problem, "not closed");
  cr_expect_eq(J.v[5].line, 7);
  jobs_free(&J);
  /* More than 64 cells. */
  char big[2048] = "id,document,service,output\n1,checklist,iin,a.pdf";
  for (int i = 0; i < 70; i++)
    strcat(big, ",x");
  strcat(big, "\n2,checklist,iin,b.pdf\n");
  cr_assert_eq(read_jobs(puts_file("wide.csv", big), 0, NULL, 0, &J), QUJAT_OK,
               "%s", J.err.msg);
  cr_assert_eq(J.n, 2);
  expect_in(J.v[0].problem, "more than 64 cells");
  cr_expect_null(J.v[1].problem, "%s", J.v[1].problem);
  jobs_free(&J);
}

Test(batch, csv_crlf_tab_and_columns) {
  struct jobs J;
  const char *p = puts_file(
      "crlf.csv",
      "ID\tDocument\tService\tOutput\tGiven names\tSURNAME\tbirth_date\t"
      "Date\tBrief\tby representative\r\n"
      "a\tchecklist\tiin\ta.pdf\tJOHN PAUL\tSMITH\t14.03.1985\t21.11.2026\t"
      "yes\tNo\r\n"
      "\r\n"
      "b\tchecklist\tiin\tb.pdf\t\"A\tB\"\tX & <Y>\t1985-03-14\t\tno\t1\r\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 2);
  struct job *a = &J.v[0], *b = &J.v[1];
  cr_expect_null(a->problem, "%s", a->problem);
  cr_expect_str_eq(str(a->output), "a.pdf"); /* no \r */
  cr_expect_str_eq(str(a->date), "2026-11-21");
  cr_expect_str_eq(str(a->brief), "true");
  const char *x = str(a->profile_xml);
  cr_expect(strstr(x, "given-names=\"JOHN PAUL\""), "%s", x);
  cr_expect(strstr(x, "surname=\"SMITH\""), "%s", x);
  cr_expect(strstr(x, "birth-date=\"1985-03-14\""), "%s", x);
  cr_expect(strstr(x, "by-representative=\"false\""), "%s", x);
  cr_expect(strstr(x, "\r") == NULL, "%s", x);
  cr_expect_eq(b->line, 4);
  cr_expect_str_eq(str(b->brief), "false");
  x = str(b->profile_xml);
  cr_expect(strstr(x, "given-names=\"A\tB\""), "%s", x);
  cr_expect(strstr(x, "surname=\"X &amp; &lt;Y&gt;\""), "%s", x);
  cr_expect(strstr(x, "by-representative=\"true\""), "%s", x);
  cr_expect_null(b->date); /* an empty cell gives nothing */
  jobs_free(&J);
  /* GIVEN_NAMES and given-names are one column. */
  p = puts_file("dup.csv", "document;service;output;GIVEN_NAMES;given-names\n"
                           "checklist;iin;a.pdf;A;B\n");
  cr_expect_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "'given-names' appears twice"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 1);
  /* Without an id column, the id is the job's number. */
  p = puts_file("noid.csv", "document,service,output\n\nchecklist,iin,a.pdf\n"
                            "checklist,iin,b.pdf\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 2);
  cr_expect_str_eq(str(J.v[0].id), "1");
  cr_expect_str_eq(str(J.v[1].id), "2");
  jobs_free(&J);
  /* Light: no profile is made. */
  p = puts_file("light.csv", "document,service,output,surname\n"
                             "checklist,iin,a.pdf,SMITH\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 1, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 1);
  cr_expect_null(J.v[0].profile_xml);
  jobs_free(&J);
}

/* A NUL would end a cell's string: the row fails instead of losing the
 * rest of the cell. */
Test(batch, csv_nul_fails_its_row) {
  struct jobs J;
  const char text[] = "id;document;service;output;surname\n"
                      "1;fees;iin;a.pdf;SMI\0TH\n"
                      "2;fees;iin;b\0.pdf;SMITH\n"
                      "3;fees;iin;c.pdf;SMITH\n";
  cr_assert_eq(read_jobs(put("nul.csv", text, sizeof text - 1), 0, NULL, 0, &J),
               QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 3);
  expect_in(J.v[0].problem, "NUL");
  expect_in(J.v[1].problem, "NUL");
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  expect_in(J.v[2].profile_xml, "surname=\"SMITH\"");
  jobs_free(&J);
}

Test(batch, csv_header_errors) {
  struct jobs J;
  cr_expect_eq(read_jobs(puts_file("h1.csv", "\n\nid;document;service;"
                                             "output;colour\n"),
                         0, NULL, 0, &J),
               QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "unknown column 'colour'"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  cr_expect_eq(
      read_jobs(puts_file("h2.csv", "id,document,output\n"), 0, NULL, 0, &J),
      QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "no 'service' column"), "%s", J.err.msg);
  cr_expect_eq(read_jobs(puts_file("h3.csv", ""), 0, NULL, 0, &J),
               QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "no header row"), "%s", J.err.msg);
  cr_expect_eq(read_jobs(puts_file("h4.csv", "document,service,output\n"), 0,
                         "EBCDIC", 0, &J),
               QUJAT_ERR_ARG);
  cr_expect_eq(read_jobs(puts_file("h5.csv", "document,\"service,output\n"), 0,
                         NULL, 0, &J),
               QUJAT_ERR_ARG);
}

Test(batch, csv_bad_bytes_fail_their_row) {
  struct jobs J;
  const char *p = puts_file("cp.csv", "id;document;service;output;surname\n"
                                      "1;fees;iin;a.pdf;\xc8\xc2\xc0\xcd\n"
                                      "2;fees;iin;b.pdf;\xc8\x98\xc2\n"
                                      "3;fees;iin;c.pdf;\xcf\xc5\xd2\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 3);
  cr_expect_null(J.v[0].problem, "%s", J.v[0].problem);
  expect_in(J.v[0].profile_xml, "surname=\"ИВАН\"");
  expect_in(J.v[1].problem, "byte 0x98");
  expect_in(J.v[1].problem, "CP1251");
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  expect_in(J.v[2].profile_xml, "surname=\"ПЕТ\"");
  jobs_free(&J);
}

/* ------------------------------------------------------------------------
 * The XML reader
 * ------------------------------------------------------------------------ */

Test(batch, xml_job_problems) {
  struct jobs J;
  const char *p = puts_file(
      "j.xml",
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<!-- a comment -->\n"
      "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"" DATE "\">\n"
      "  <job id=\"a\" document=\"fees\" service=\"iin\" output=\"a.pdf\" "
      "colour=\"red\"/>\n"
      "  <jbo id=\"b\" document=\"fees\" service=\"iin\" output=\"b.pdf\"/>\n"
      "  <job id=\"c\" document=\"fees\" service=\"iin\" output=\"c.pdf\" "
      "date=\"2027-01-02\"/>\n"
      "  <job xmlns:x=\"urn:x\" x:id=\"d\" id=\"d\" document=\"fees\" "
      "service=\"iin\" output=\"d.pdf\"/>\n"
      "  <job id=\"e\" document=\"checklist\" service=\"iin\" "
      "output=\"e.pdf\">\n"
      "    <!-- the applicant -->\n"
      "    <profile xmlns=\"urn:qujat:profile:1\"><applicant surname=\"A\"/>"
      "</profile>\n"
      "  </job>\n"
      "  <job id=\"f\" document=\"checklist\" service=\"iin\" output=\"f.pdf\" "
      "profile=\"p.xml\"><profile xmlns=\"urn:qujat:profile:1\"/></job>\n"
      "  <job id=\"g\" document=\"checklist\" service=\"iin\" output=\"g.pdf\">"
      "text</job>\n"
      "</jobs>\n");
  cr_assert_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 7, "%d jobs", J.n);
  expect_in(J.v[0].problem, "unknown attribute 'colour'");
  cr_expect_eq(J.v[0].line, 4);
  cr_expect_str_eq(str(J.v[0].date), DATE);
  expect_in(J.v[1].problem, "<jbo> in <jobs>: expected <job>");
  cr_expect_str_eq(str(J.v[1].id), "b");
  cr_expect_eq(J.v[1].index, 1);
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  cr_expect_str_eq(str(J.v[2].date), "2027-01-02");
  expect_in(J.v[3].problem, "unknown attribute 'id'"); /* x:id is not id */
  cr_expect_null(J.v[4].problem, "%s", J.v[4].problem);
  cr_expect_eq(J.v[4].profile_line, 10);
  expect_in(J.v[4].profile_xml, "<applicant surname=\"A\"/>");
  expect_in(J.v[5].problem, "one profile");
  expect_in(J.v[6].problem, "text inside <job>");
  jobs_free(&J);
  /* Light: the inline profile is not kept, but is known to be there. */
  cr_assert_eq(read_jobs(p, 1, NULL, 1, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_str_eq(str(J.v[4].profile_xml), "");
  jobs_free(&J);
}

Test(batch, xml_fatal) {
  struct jobs J;
  /* Text between jobs: fatal, at its line. */
  const char *p = puts_file(
      "text.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
                  "  <job id=\"a\" document=\"fees\" service=\"iin\" "
                  "output=\"a.pdf\"/>\n"
                  "  stray <job id=\"b\" document=\"fees\" service=\"iin\" "
                  "output=\"b.pdf\"/>\n"
                  "</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "text between jobs"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  cr_expect_eq(J.n, 1);
  jobs_free(&J);
  /* A DOCTYPE: refused when the file is opened. */
  p = puts_file("dtd.xml", "<?xml version=\"1.0\"?>\n"
                           "<!DOCTYPE jobs SYSTEM \"file:///etc/passwd\">\n"
                           "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "DOCTYPE"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 2);
  /* After a byte order mark and comments too. */
  p = puts_file("dtd2.xml", "\xef\xbb\xbf<!-- x -->\n<?pi x?>\n"
                            "<!DOCTYPE jobs [<!ENTITY a \"b\">]>\n"
                            "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "DOCTYPE"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  /* No root. */
  p = puts_file("empty.xml", "");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  p = puts_file("comment.xml", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  /* The wrong root, the wrong namespace. */
  p = puts_file("root.xml", "<catalog xmlns=\"urn:qujat:catalog:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "found <catalog>"), "%s", J.err.msg);
  p = puts_file("ns.xml", "<jobs xmlns=\"urn:qujat:jobs:2\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  /* Invalid UTF-8, at its line. */
  p = puts_file("utf8.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n\n"
                            "<job id=\"\xc0\xaf\"/>\n</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "UTF-8"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  jobs_free(&J);
  /* Another encoding declared. */
  p = puts_file("enc.xml", "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n"
                           "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "must be UTF-8"), "%s", J.err.msg);
  /* Not well-formed after good jobs: the jobs before come, then the
   * error with its line. */
  p = puts_file("late.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
                            "<job id=\"a\" document=\"fees\" service=\"iin\" "
                            "output=\"a.pdf\"/>\n"
                            "<job id=\"b\"></jb>\n</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect_eq(J.err.line, 3);
  jobs_free(&J);
  /* A root date that is no date. */
  p = puts_file("date.xml", "<jobs xmlns=\"urn:qujat:jobs:1\" "
                            "date=\"2026-02-30\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  /* An empty job file is fine: no jobs. */
  p = puts_file("none.xml", "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_eq(J.n, 0);
}

Test(batch, jobs_open_by_content) {
  struct jobs J;
  /* No .xml or .csv: a first "<" means XML. */
  const char *p = puts_file("jobs.txt", "\xef\xbb\xbf  \n<jobs xmlns=\""
                                        "urn:qujat:jobs:1\"><job id=\"a\" "
                                        "document=\"fees\" service=\"iin\" "
                                        "output=\"a.pdf\"/></jobs>\n");
  struct job_reader *r = NULL;
  qujat_error err = {0};
  cr_assert_eq(qujat_jobs_open(p, NULL, &r, &err), QUJAT_OK, "%s", err.msg);
  struct job j = {0};
  int end = 0;
  cr_expect_eq(r->next(r, &j, &end, &err), QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(str(j.id), "a");
  qujat_job_clear(&j);
  r->close(r);
  /* --encoding is for CSV. */
  cr_expect_eq(qujat_jobs_open(p, "UTF-8", &r, &err), QUJAT_ERR_ARG);
  p = puts_file("jobs.dat", "document,service,output\nfees,iin,a.pdf\n");
  cr_assert_eq(read_jobs(p, 2, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_eq(J.n, 1);
  cr_expect_str_eq(str(J.v[0].output), "a.pdf");
  jobs_free(&J);
  /* .csv decides, whatever the content; .xml too. */
  p = puts_file("lt.csv", "document,service,output\nfees,iin,<a>.pdf\n");
  cr_assert_eq(read_jobs(p, 2, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_eq(J.n, 1);
  jobs_free(&J);
  p = puts_file("x.xml", "document,service,output\n");
  cr_expect_eq(read_jobs(p, 2, NULL, 0, &J), QUJAT_ERR_XML);
}

/* ------------------------------------------------------------------------
 * qujat_pdf_inspect
 * ------------------------------------------------------------------------ */

static unsigned char *render(const char *service, qujat_doc_kind kind,
                             int copies, size_t *len) {
  qujat_catalog *cat = test_catalog_load();
  qujat_profile *prof = NULL;
  qujat_document *doc = NULL;
  unsigned char *pdf = NULL;
  qujat_error err = {0};
  test_use_profile_file(&prof, cat, "smith-family.xml");
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = kind,
                       .service = service,
                       .profile = prof,
                       .lang = QUJAT_LANG_RU,
                       .date = DATE,
                       .copies = copies};
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_assert_eq(qujat_render_pdf_memory(doc, &pdf, len, &err), QUJAT_OK, "%s",
               err.msg);
  qujat_document_free(doc);
  qujat_profile_free(prof);
  qujat_catalog_free(cat);
  return pdf;
}

static const unsigned char *find(const unsigned char *p, size_t len,
                                 const char *s) {
  size_t n = strlen(s);
  const unsigned char *last = NULL;
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(p + i, s, n) == 0)
      last = p + i;
  return last;
}

Test(batch, pdf_inspect_real) {
  size_t len = 0;
  unsigned char *pdf =
      render("work-visa-invitation", QUJAT_DOC_LETTER, 3, &len);
  unsigned pages = 0;
  qujat_error err = {0};
  cr_assert_eq(qujat_pdf_inspect(pdf, len, &pages, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_eq(pages, 3);
  cr_expect_eq(qujat_pdf_inspect(pdf, len, NULL, NULL), QUJAT_OK);
  qujat_free(pdf);
  pdf = render("work-visa-in-kz", QUJAT_DOC_FEES, 0, &len);
  cr_assert_eq(qujat_pdf_inspect(pdf, len, &pages, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_eq(pages, 1);
  qujat_free(pdf);
}

Test(batch, pdf_inspect_truncated) {
  size_t len = 0;
  unsigned char *pdf = render("work-visa-in-kz", QUJAT_DOC_CHECKLIST, 0, &len);
  const unsigned char *eof = find(pdf, len, "%%EOF");
  cr_assert_not_null(eof);
  size_t complete = (size_t)(eof - pdf) + 5; /* what may not be cut */
  /* Line ends after %%EOF may go; nothing before. */
  cr_expect_eq(qujat_pdf_inspect(pdf, complete, NULL, NULL), QUJAT_OK);
  qujat_error err;
  size_t cuts[64 + 6] = {0, 1, 7, 63, 64, complete - 1};
  srand(20261121);
  for (int i = 6; i < 70; i++)
    cuts[i] = (size_t)rand() % complete;
  for (int i = 0; i < 70; i++) {
    unsigned char *copy = malloc(cuts[i] ? cuts[i] : 1);
    memcpy(copy, pdf, cuts[i]);
    memset(&err, 0, sizeof err);
    unsigned pages = 12345;
    cr_expect_eq(qujat_pdf_inspect(copy, cuts[i], &pages, &err), QUJAT_ERR_PDF,
                 "cut at %zu of %zu: taken for complete", cuts[i], len);
    cr_expect(strstr(err.msg, "not a complete PDF"), "%s", err.msg);
    free(copy);
  }
  qujat_free(pdf);
}

Test(batch, pdf_inspect_damaged) {
  size_t len = 0;
  unsigned char *pdf = render("work-visa-in-kz", QUJAT_DOC_FEES, 0, &len);
  unsigned char *copy = malloc(len + 64);
  qujat_error err;
  /* An xref entry a byte off. */
  memcpy(copy, pdf, len);
  const unsigned char *sx = find(copy, len, "startxref");
  cr_assert_not_null(sx);
  unsigned long at = strtoul((const char *)sx + 10, NULL, 10);
  cr_assert(at > 0 && at < len);
  unsigned char *entry = copy + at;
  cr_assert(memcmp(entry, "xref", 4) == 0);
  entry = (unsigned char *)strchr((char *)entry + 5, '\n') + 1; /* "0 N" */
  entry += 20; /* entry 0: free */
  entry[9] = entry[9] == '9' ? '0' : (unsigned char)(entry[9] + 1);
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "xref"), "%s", err.msg);
  /* startxref pointing elsewhere: at byte 9, and past the end. */
  unsigned char *digits = copy + (sx - copy) + 10;
  size_t nd = 0;
  while (digits[nd] >= '0' && digits[nd] <= '9')
    nd++;
  cr_assert_gt(nd, 1);
  memcpy(copy, pdf, len);
  memset(digits, '0', nd - 1);
  digits[nd - 1] = '9';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "does not point"), "%s", err.msg);
  memcpy(copy, pdf, len);
  memset(digits, '9', nd);
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  /* No pages. */
  memcpy(copy, pdf, len);
  unsigned char *count = (unsigned char *)find(copy, len, "/Count ");
  cr_assert_not_null(count);
  count[7] = '0';
  if (count[8] >= '0' && count[8] <= '9')
    count[8] = ' ';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  cr_expect(strstr(err.msg, "no pages"), "%s", err.msg);
  /* No /Root in the trailer. */
  memcpy(copy, pdf, len);
  unsigned char *root = (unsigned char *)find(copy, len, "/Root ");
  cr_assert_not_null(root);
  root[1] = 'X';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  /* Another header. */
  memcpy(copy, pdf, len);
  copy[1] = 'X';
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  /* Garbage, with and without the frame of a PDF. */
  srand(7);
  for (size_t i = 0; i < len; i++)
    copy[i] = (unsigned char)rand();
  cr_expect_eq(qujat_pdf_inspect(copy, len, NULL, &err), QUJAT_ERR_PDF);
  memcpy(copy, "%PDF-1.4\n", 9);
  memcpy(copy + len - 30, "\nstartxref\n12\n%%EOF\n", 20);
  cr_expect_eq(qujat_pdf_inspect(copy, len - 10, NULL, &err), QUJAT_ERR_PDF);
  memcpy(copy + len - 30, "\nstartxref\n9\n%%EOF\n", 19);
  memcpy(copy + 9, "xref\n0 99999999\n", 16);
  cr_expect_eq(qujat_pdf_inspect(copy, len - 11, NULL, &err), QUJAT_ERR_PDF);
  cr_expect_eq(qujat_pdf_inspect((const unsigned char *)"", 0, NULL, &err),
               QUJAT_ERR_PDF);
  const char *tiny = "%PDF-1.4\n%%EOF\n";
  cr_expect_eq(
      qujat_pdf_inspect((const unsigned char *)tiny, strlen(tiny), NULL, &err),
      QUJAT_ERR_PDF);
  /* Flipped bytes anywhere never crash (and the sanitizers watch). */
  for (int i = 0; i < 256; i++) {
    memcpy(copy, pdf, len);
    copy[(size_t)rand() % len] ^= (unsigned char)(1 + rand() % 255);
    (void)qujat_pdf_inspect(copy, len, NULL, &err);
  }
  free(copy);
  qujat_free(pdf);
}

/* ------------------------------------------------------------------------
 * Manifest lines
 * ------------------------------------------------------------------------ */

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char *line_of(int csv, const qujat_job_result *r) {
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_manifest_line(&b, csv, r), QUJAT_OK);
  return qujat_buf_take(&b, NULL);
}

Test(batch, manifest_json) {
  const char *warnings[] = {"passport \"expires\"", "line\nbreak"};
  qujat_job_result ok = {.id = "a\"b\\c",
                         .source = "jobs.xml",
                         .line = 12,
                         .status = QUJAT_JOB_OK,
                         .output = "dir/ж.pdf",
                         .bytes = 9120,
                         .pages = 2,
                         .sha256 = SHA,
                         .warnings = warnings,
                         .nwarnings = 2};
  char *s = line_of(0, &ok);
  cr_expect_str_eq(s, "{\"id\": \"a\\\"b\\\\c\", \"status\": \"ok\", "
                      "\"output\": \"dir/ж.pdf\", \"bytes\": 9120, "
                      "\"pages\": 2, \"sha256\": \"" SHA "\", \"line\": 12, "
                      "\"warnings\": [\"passport \\\"expires\\\"\", "
                      "\"line\\u000abreak\"]}\n");
  free(s);
  qujat_job_result skipped = ok;
  skipped.status = QUJAT_JOB_SKIPPED;
  skipped.nwarnings = 0;
  skipped.id = "7";
  s = line_of(0, &skipped);
  cr_expect_str_eq(s, "{\"id\": \"7\", \"status\": \"skipped\", "
                      "\"output\": \"dir/ж.pdf\", \"bytes\": 9120, "
                      "\"pages\": 2, \"sha256\": \"" SHA "\", \"line\": 12}\n");
  free(s);
  qujat_job_result bad = {.id = "",
                          .line = 3,
                          .status = QUJAT_JOB_ERROR,
                          .output = NULL,
                          .error = "jobs.xml:3: job (no id): a\tb\r\nc"};
  s = line_of(0, &bad);
  cr_expect_str_eq(s, "{\"id\": \"\", \"status\": \"error\", \"output\": null, "
                      "\"error\": \"jobs.xml:3: job (no id): "
                      "a\\u0009b\\u000d\\u000ac\", \"line\": 3}\n");
  free(s);
}

Test(batch, manifest_csv) {
  cr_expect_str_eq(qujat_manifest_csv_header(),
                   "id,status,output,bytes,pages,sha256,error,line,"
                   "warnings\n");
  const char *warnings[] = {"one, two", "three \"3\""};
  qujat_job_result ok = {.id = "=HYPERLINK(\"x\")",
                         .line = 2,
                         .status = QUJAT_JOB_OK,
                         .output = "a,b.pdf",
                         .bytes = 10,
                         .pages = 1,
                         .sha256 = SHA,
                         .warnings = warnings,
                         .nwarnings = 2};
  char *s = line_of(1, &ok);
  cr_expect_str_eq(s, "\"'=HYPERLINK(\"\"x\"\")\",ok,\"a,b.pdf\",10,1," SHA
                      ",,2,\"one, two | three \"\"3\"\"\"\n");
  free(s);
  const char *leading[] = {"+1", "-1", "@a", "=1"};
  for (int i = 0; i < 4; i++) {
    qujat_job_result r = {.id = leading[i],
                          .line = 1,
                          .status = QUJAT_JOB_SKIPPED,
                          .output = "x.pdf",
                          .bytes = 1,
                          .pages = 1,
                          .sha256 = SHA};
    s = line_of(1, &r);
    char want[200];
    snprintf(want, sizeof want, "'%s,skipped,x.pdf,1,1," SHA ",,1,\n",
             leading[i]);
    cr_expect_str_eq(s, want);
    free(s);
  }
  qujat_job_result bad = {.id = "plain",
                          .line = 40,
                          .status = QUJAT_JOB_ERROR,
                          .output = "o.pdf",
                          .error = "jobs.csv:40: job plain: a \"b\"\nc,d"};
  s = line_of(1, &bad);
  cr_expect_str_eq(s, "plain,error,o.pdf,,,,\"jobs.csv:40: job plain: a "
                      "\"\"b\"\"\nc,d\",40,\n");
  free(s);
  qujat_job_result none = {.id = "",
                           .line = 5,
                           .status = QUJAT_JOB_ERROR,
                           .output = NULL,
                           .error = "-x"};
  s = line_of(1, &none);
  cr_expect_str_eq(s, ",error,,,,,'-x,5,\n");
  free(s);
}
