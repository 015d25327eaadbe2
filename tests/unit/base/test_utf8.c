/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/base/utf8.c: strict validation with a location,
 * decoding, measuring and encoding. */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/base.h"

/* The nine Kazakh letters outside Russian, small and capital. */
static const char KAZAKH[] = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ";
static const uint32_t KAZAKH_CP[] = {0x04D9, 0x0493, 0x049B, 0x04A3, 0x04E9,
                                     0x04B1, 0x04AF, 0x04BB, 0x0456, 0x0020,
                                     0x04D8, 0x0492, 0x049A, 0x04A2, 0x04E8,
                                     0x04B0, 0x04AE, 0x04BA, 0x0406};

/* Valid input: asserts success. */
static void expect_valid(const char *s, size_t len, const char *what) {
  int line = -1, col = -1;
  cr_expect_eq(qujat_utf8_valid(s, len, &line, &col), 1, "%s rejected at %d:%d",
               what, line, col);
}

/* Invalid input: asserts failure at line:col (1-based, in characters). */
static void expect_invalid(const char *s, size_t len, int want_line,
                           int want_col, const char *what) {
  int line = -1, col = -1;
  cr_expect_eq(qujat_utf8_valid(s, len, &line, &col), 0, "%s accepted", what);
  cr_expect_eq(line, want_line, "%s: line", what);
  cr_expect_eq(col, want_col, "%s: column", what);
}

#define VALID(lit) expect_valid(lit, sizeof lit - 1, #lit)
#define INVALID(lit, l, c) expect_invalid(lit, sizeof lit - 1, l, c, #lit)

Test(utf8, valid_accepts_kazakh_russian_and_typography) {
  expect_valid(KAZAKH, strlen(KAZAKH), "Kazakh letters");
  VALID("Рабочая виза, продление: «Экспат-центр» – № 5");
  VALID("Жұмыс визасы – 2026 жылғы 21 қараша");
  VALID("plain ASCII\nwith two lines\n");
  VALID("");
}

Test(utf8, valid_accepts_the_edges_of_each_range) {
  VALID("\x7F");             /* U+007F */
  VALID("\xC2\x80");         /* U+0080 */
  VALID("\xDF\xBF");         /* U+07FF */
  VALID("\xE0\xA0\x80");     /* U+0800 */
  VALID("\xED\x9F\xBF");     /* U+D7FF, last before the surrogates */
  VALID("\xEE\x80\x80");     /* U+E000, first after them */
  VALID("\xEF\xBF\xBF");     /* U+FFFF */
  VALID("\xF0\x90\x80\x80"); /* U+10000 */
  VALID("\xF4\x8F\xBF\xBF"); /* U+10FFFF */
}

Test(utf8, valid_rejects_overlong_forms) {
  INVALID("\xC0\xAF", 1, 1);         /* '/' in two bytes */
  INVALID("\xC1\xBF", 1, 1);         /* U+007F in two bytes */
  INVALID("\xE0\x80\xAF", 1, 1);     /* '/' in three bytes */
  INVALID("\xE0\x9F\xBF", 1, 1);     /* U+07FF in three bytes */
  INVALID("\xF0\x80\x80\xAF", 1, 1); /* '/' in four bytes */
  INVALID("\xF0\x8F\xBF\xBF", 1, 1); /* U+FFFF in four bytes */
}

Test(utf8, valid_rejects_surrogates_and_beyond_u10ffff) {
  INVALID("\xED\xA0\x80", 1, 1);     /* U+D800 */
  INVALID("\xED\xBF\xBF", 1, 1);     /* U+DFFF */
  INVALID("\xF4\x90\x80\x80", 1, 1); /* U+110000 */
  INVALID("\xF5\x80\x80\x80", 1, 1); /* lead byte above F4 */
  INVALID("\xFF", 1, 1);
  INVALID("\xFE", 1, 1);
}

Test(utf8, valid_rejects_truncated_and_stray_bytes) {
  INVALID("ab\xD3", 1, 3);         /* a truncated sequence at the end */
  INVALID("ab\xE2\x80", 1, 3);     /* three-byte sequence cut short */
  INVALID("ab\xF0\x9F\x98", 1, 3); /* four-byte sequence cut short */
  INVALID("a\200b", 1, 2);         /* a lone continuation byte (0x80) */
  INVALID("\323a", 1, 1);          /* lead byte 0xD3 followed by ASCII */
  INVALID("\xE2\x28\xA1", 1, 1);   /* bad second byte */
  INVALID("\xE2\x82\x28", 1, 1);   /* bad third byte */
}

Test(utf8, valid_rejects_nul) {
  static const char s[] = {'a', 'b', '\0', 'c'};
  expect_invalid(s, sizeof s, 1, 3, "NUL inside");
}

Test(utf8, valid_reports_line_and_column_in_characters) {
  INVALID("ab\ncd\377ef", 2, 3); /* 0xFF */
  /* Columns count characters, not bytes: "әә" is 2 characters, 4 bytes. */
  INVALID("әә\x80", 1, 3);
  INVALID("қазақ\nтілі\n  ә\xC0\xAF", 3, 4);
  INVALID("\n\n\xED\xA0\x80", 3, 1);
  /* The location of the FIRST bad byte. */
  INVALID("x\xFF\n\xFF", 1, 2);
}

Test(utf8, valid_checks_only_len_bytes) {
  /* The bad byte lies past `len`. */
  expect_valid("abc\xFF", 3, "prefix of 3 bytes");
  /* The cut falls inside a sequence: that is a truncated sequence. */
  expect_invalid("aә", 2, 1, 2, "cut inside ә");
}

Test(utf8, valid_accepts_null_location_pointers) {
  cr_expect_eq(qujat_utf8_valid("\xFF", 1, NULL, NULL), 0);
  cr_expect_eq(qujat_utf8_valid("ok", 2, NULL, NULL), 1);
}

Test(utf8, next_decodes_every_length) {
  const char *p = "aә€😀";
  cr_expect_eq(qujat_utf8_next(&p), 0x61);
  cr_expect_eq(qujat_utf8_next(&p), 0x04D9);
  cr_expect_eq(qujat_utf8_next(&p), 0x20AC);
  cr_expect_eq(qujat_utf8_next(&p), 0x1F600);
  cr_expect_eq(*p, '\0');
  const char *end = p;
  cr_expect_eq(qujat_utf8_next(&p), 0, "NUL gives 0");
  cr_expect_eq(p, end, "NUL does not advance");
}

Test(utf8, next_decodes_the_kazakh_letters) {
  const char *p = KAZAKH;
  for (size_t i = 0; i < sizeof KAZAKH_CP / sizeof KAZAKH_CP[0]; i++)
    cr_expect_eq(qujat_utf8_next(&p), KAZAKH_CP[i], "letter %zu", i);
  cr_expect_eq(qujat_utf8_next(&p), 0);
}

Test(utf8, length_counts_code_points) {
  cr_expect_eq(qujat_utf8_length(""), 0);
  cr_expect_eq(qujat_utf8_length("abc"), 3);
  cr_expect_eq(qujat_utf8_length(KAZAKH), 19);
  cr_expect_eq(strlen(KAZAKH), 37);
  cr_expect_eq(qujat_utf8_length("«»–№"), 4);
  cr_expect_eq(qujat_utf8_length("😀"), 1);
  cr_expect_eq(qujat_utf8_length_n("Қазақстан", 6), 3); /* 3 letters */
  cr_expect_eq(qujat_utf8_length_n("abc", 0), 0);
}

Test(utf8, encode_writes_each_length) {
  char out[4];
  cr_expect_eq(qujat_utf8_encode(0x41, out), 1);
  cr_expect_eq(out[0], 'A');
  cr_expect_eq(qujat_utf8_encode(0x04D9, out), 2);
  cr_expect_arr_eq(out, "\xD3\x99", 2);
  cr_expect_eq(qujat_utf8_encode(0x2116, out), 3); /* № */
  cr_expect_arr_eq(out, "\xE2\x84\x96", 3);
  cr_expect_eq(qujat_utf8_encode(0x10FFFF, out), 4);
  cr_expect_arr_eq(out, "\xF4\x8F\xBF\xBF", 4);
}

/* Every scalar value encodes to valid UTF-8 of the right length and
 * decodes back to itself. */
Test(utf8, encode_next_round_trip_over_all_scalar_values) {
  for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF)
      continue;
    char buf[5] = {0};
    size_t n = qujat_utf8_encode(cp, buf);
    size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    cr_assert_eq(n, want, "length of U+%04X", cp);
    cr_assert_eq(qujat_utf8_valid(buf, n, NULL, NULL), 1, "U+%04X invalid", cp);
    const char *p = buf;
    cr_assert_eq(qujat_utf8_next(&p), cp, "U+%04X decodes differently", cp);
    cr_assert_eq(p, buf + n, "U+%04X: wrong advance", cp);
    cr_assert_eq(qujat_utf8_length(buf), 1);
  }
}

/* qujat_arena_strdup_nfc copies text of "stable" characters as it is:
 * that must be what NFC makes of it. Every ordered pair of stable
 * characters (each followed by each, in one string of some two million
 * code points) goes through utf8proc, which must leave it alone; and a
 * decomposed letter is still composed. */
Test(utf8, nfc_stable_characters_are_their_own_nfc) {
  uint32_t *set = malloc(0x3000 * sizeof *set);
  size_t n = 0;
  for (uint32_t cp = 1; cp < 0x110000; cp++)
    if (qujat_nfc_stable(cp)) {
      cr_assert_lt(n, 0x3000, "the stable set grew: widen the test");
      set[n++] = cp;
    }
  cr_assert_gt(n, 1000, "the stable set holds Latin and Cyrillic");
  cr_assert(qujat_nfc_stable(0x04D9) && qujat_nfc_stable(0x0456) &&
            qujat_nfc_stable(0x2116));
  cr_assert(!qujat_nfc_stable(0x0300) && !qujat_nfc_stable(0x0306) &&
            !qujat_nfc_stable(0x0483) && !qujat_nfc_stable(0x2126));
  size_t cap = n * n * 2 * 4 + 1, len = 0;
  utf8proc_uint8_t *text = malloc(cap);
  cr_assert_not_null(text);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++) {
      len += (size_t)utf8proc_encode_char((utf8proc_int32_t)set[i], text + len);
      len += (size_t)utf8proc_encode_char((utf8proc_int32_t)set[j], text + len);
    }
  text[len] = '\0';
  utf8proc_uint8_t *nfc = utf8proc_NFC(text);
  cr_assert_not_null(nfc);
  cr_expect(strcmp((const char *)nfc, (const char *)text) == 0,
            "utf8proc changed a string of stable characters");
  free(nfc);
  free(text);
  free(set);
}

Test(utf8, nfc_copy_composes_and_keeps) {
  struct arena a;
  qujat_arena_init(&a);
  cr_expect_str_eq(qujat_arena_strdup_nfc(&a, KAZAKH), KAZAKH);
  cr_expect_str_eq(qujat_arena_strdup_nfc(&a, "Ж\xD0\xB8\xCC\x86"), "Жй");
  cr_expect_str_eq(qujat_arena_strdup_nfc(&a, "Jose\xCC\x81"), "José");
  cr_expect_str_eq(qujat_arena_strdup_nfc(&a, "\xE2\x84\xA6"), "Ω");
  cr_expect_str_eq(qujat_arena_strdup_nfc(&a, "№ 5 — «Қ»"), "№ 5 — «Қ»");
  qujat_arena_free(&a);
}

/* The stream check byte by byte, as it was before its ASCII fast path: the
 * reference the fast one must agree with. Returns the good bytes. */
static size_t ref_stream(struct utf8_stream *s, const unsigned char *p,
                         size_t len) {
  if (s->line == 0)
    s->line = 1;
  for (size_t i = 0; i < len; i++) {
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
    int n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2
            : c >= 0xE0 && c <= 0xEF             ? 3
            : c >= 0xF0 && c <= 0xF4             ? 4
                                                 : 0;
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

/* qujat_utf8_stream against the reference on random text (mostly ASCII
 * with line feeds, Kazakh letters, now and then a NUL, a stray byte or a
 * cut sequence) fed in random pieces: the same good bytes, lines, errors
 * and state after every piece. */
Test(utf8, stream_agrees_with_the_byte_by_byte_check) {
  static const char *const pieces[] = {"a", "bc", "\n", "qwertyuio", "ә",
                                       "Қазақстан", "\r\n", "«»", "€", "😀"};
  srand(20261207);
  for (int round = 0; round < 400; round++) {
    unsigned char buf[600];
    size_t n = 0;
    while (n + 32 < sizeof buf) { /* room for the longest piece */
      int r = rand() % 100;
      if (r < 2) {
        buf[n++] = (unsigned char)(r ? 0 : 0x80 + rand() % 0x80); /* bad */
      } else if (r < 3) {
        buf[n++] = 0xD2; /* a sequence cut short */
      } else {
        const char *p = pieces[rand() % (sizeof pieces / sizeof *pieces)];
        memcpy(buf + n, p, strlen(p));
        n += strlen(p);
      }
    }
    struct utf8_stream a = {0}, b = {0};
    for (size_t at = 0; at < n;) {
      size_t piece = 1 + (size_t)rand() % 40;
      if (piece > n - at)
        piece = n - at;
      size_t ga = qujat_utf8_stream(&a, buf + at, piece);
      size_t gb = ref_stream(&b, buf + at, piece);
      cr_assert_eq(ga, gb, "round %d at %zu: %zu good bytes, expected %zu",
                   round, at, ga, gb);
      cr_assert_eq(a.bad, b.bad, "round %d at %zu", round, at);
      cr_assert_eq(a.line, b.line, "round %d at %zu: line", round, at);
      cr_assert_eq(a.need, b.need, "round %d at %zu: need", round, at);
      if (a.bad)
        break;
      at += piece;
    }
    cr_expect_eq(qujat_utf8_stream_done(&a), qujat_utf8_stream_done(&b));
  }
}
