/* SPDX-License-Identifier: MIT */
/* Unit tests of the decoder of spreadsheet text (batch_decode.c, suite
 * batch): every encoding, detected or named, bad bytes with where they
 * are, sequences split by the 64 KiB read buffer, a file cut inside a
 * character. Files live in the test's temporary directory. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/batch.h"
#include "batch_test_helpers.h"
#include "qujat/qujat.h"

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

/* `text` in UTF-16 (big-endian with `be`), after the byte order mark of
 * that order with `bom`, as NAME in the test's directory; its path. */
static const char *put_utf16(const char *name, const char *text, int be,
                             int bom) {
  unsigned char buf[512];
  size_t n = 0;
  if (bom) {
    buf[0] = be ? 0xfe : 0xff;
    buf[1] = be ? 0xff : 0xfe;
    n = 2;
  }
  n += to_utf16(text, be, buf + n);
  return put(name, buf, n);
}

Test(batch, decode_utf16) {
  const char *text = KK "emoji \xf0\x9f\x98\x80 end\n";
  /* With a byte order mark, detected and named. */
  const char *le_bom = put_utf16("le-bom.csv", text, 0, 1);
  expect_text(le_bom, NULL, text, "UTF-16LE");
  expect_text(le_bom, "UTF-16", text, "UTF-16LE");
  expect_text(le_bom, "UTF-16LE", text, "UTF-16LE");
  const char *be_bom = put_utf16("be-bom.csv", text, 1, 1);
  expect_text(be_bom, NULL, text, "UTF-16BE");
  expect_text(be_bom, "UTF-16", text, "UTF-16BE");
  expect_text(be_bom, "utf-16be", text, "UTF-16BE");
  /* Without one: the zero bytes of ASCII tell the order. */
  const char *ascii = "id;document;service;output\n" KK;
  expect_text(put_utf16("le.csv", ascii, 0, 0), NULL, ascii, "UTF-16LE");
  const char *be = put_utf16("be.csv", ascii, 1, 0);
  expect_text(be, NULL, ascii, "UTF-16BE");
  expect_text(be, "UTF-16BE", ascii, "UTF-16BE");
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
