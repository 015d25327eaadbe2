/* SPDX-License-Identifier: MIT */
/* Unit tests of the wrapped lines kept from one document to the next
 * (layout/wrap_memo.c, suite wrap_memo): the same lines as qujat_wrap
 * every time; a text kept only the second time it is wrapped and then
 * not measured again; a quarter megabyte at most, the newest kept;
 * nothing kept without an identity, across two identities, fonts, sizes
 * or widths, nor for a text too long. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "layout/layout.h"
#include "layout/layout_internal.h"

/* Characters times `scale` (so that two measures can differ), bold a
 * fifth wider; counts its calls. */
struct counting {
  double scale;
  size_t calls;
};

static double counted_width(void *user, int font, double size, const char *s,
                            size_t len) {
  struct counting *c = user;
  c->calls++;
  double w = c->scale * size * (double)qujat_utf8_length_n(s, len);
  return font == FONT_BOLD ? w * 1.2 : w;
}

static double plain_width(const char *s, size_t len, void *user) {
  struct measure_ctx *m = user;
  return m->m->width(m->m->user, m->font, m->size, s, len);
}

/* What qujat_wrap gives, measured without counting. */
static size_t reference(const struct metrics *m, int font, double size,
                        const char *text, double width,
                        struct wrap_line *lines, size_t max) {
  struct counting quiet = *(struct counting *)m->user;
  struct metrics q = {m->width, &quiet, {0, 0}};
  struct measure_ctx c = {&q, font, size};
  return qujat_wrap(text, width, plain_width, &c, lines, max);
}

static void expect_same_lines(const struct metrics *m, int font, double size,
                              const char *text, double width, size_t max) {
  struct wrap_line want[64], got[64];
  size_t n = reference(m, font, size, text, width, want, max);
  size_t k = qujat_lp_wrap(m, font, size, text, width, got, max);
  cr_assert_eq(k, n, "%zu lines, qujat_wrap gives %zu: %s", k, n, text);
  for (size_t i = 0; i < (n < max ? n : max); i++) {
    cr_expect_eq(got[i].start, want[i].start, "line %zu of %s", i, text);
    cr_expect_eq(got[i].len, want[i].len, "line %zu of %s", i, text);
  }
}

/* The measure's calls while `text` is wrapped once more. */
static size_t calls_of(const struct metrics *m, int font, double size,
                       const char *text, double width) {
  struct counting *c = m->user;
  struct wrap_line lines[64];
  size_t before = c->calls;
  qujat_lp_wrap(m, font, size, text, width, lines, 64);
  return c->calls - before;
}

static const char *const texts[] = {
    "Шетелдіктің жеке басын куәландыратын құжаты (паспорт) және оның "
    "нотариат куәландырған аудармасы",
    "Заграничный паспорт иностранца с визой и отметкой о въезде",
    "A passport valid for at least six months beyond the intended stay",
    "Бір\nекі үш төрт бес алты жеті сегіз тоғыз он",
    "Нұр-Сұлтан-Алматы-Шымкент-Ақтөбе-Қарағанды",
    "",
};

Test(wrap_memo, gives_the_lines_qujat_wrap_gives_every_time) {
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {101, 102}};
  const double widths[] = {40.0, 90.0, 160.0, 1000.0};
  for (int round = 0; round < 3; round++)
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
      for (size_t w = 0; w < sizeof widths / sizeof *widths; w++) {
        expect_same_lines(&m, FONT_REGULAR, 10.0, texts[t], widths[w], 64);
        expect_same_lines(&m, FONT_BOLD, 8.6, texts[t], widths[w], 64);
      }
  /* Fewer lines of room than the text needs: the count, and the lines
   * that fit, from a kept entry too. */
  for (int round = 0; round < 3; round++)
    expect_same_lines(&m, FONT_REGULAR, 10.0, texts[0], 40.0, 2);
}

Test(wrap_memo, keeps_a_text_the_second_time_and_measures_it_no_more) {
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {201, 202}};
  const char *text = texts[1];
  cr_expect_gt(calls_of(&m, FONT_REGULAR, 10.0, text, 120.0), 0);
  cr_expect_gt(calls_of(&m, FONT_REGULAR, 10.0, text, 120.0), 0,
               "kept the first time: every name would be");
  cr_expect_eq(calls_of(&m, FONT_REGULAR, 10.0, text, 120.0), 0);
  cr_expect_eq(calls_of(&m, FONT_REGULAR, 10.0, text, 120.0), 0);
}

Test(wrap_memo, keeps_nothing_without_an_identity) {
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {0, 0}};
  for (int i = 0; i < 4; i++)
    cr_expect_gt(calls_of(&m, FONT_REGULAR, 10.0, texts[2], 120.0), 0);
}

/* Each part of the question on its own: what one kept is not given for
 * another. */
Test(wrap_memo, another_identity_font_size_or_width_is_another_question) {
  struct counting narrow = {0.5, 0}, wide = {0.9, 0};
  struct metrics a = {counted_width, &narrow, {301, 302}};
  struct metrics b = {counted_width, &wide, {301, 303}};
  const char *text = texts[0];
  for (int i = 0; i < 3; i++)
    calls_of(&a, FONT_REGULAR, 10.0, text, 150.0);
  cr_assert_eq(calls_of(&a, FONT_REGULAR, 10.0, text, 150.0), 0);
  cr_expect_gt(calls_of(&b, FONT_REGULAR, 10.0, text, 150.0), 0);
  cr_expect_gt(calls_of(&a, FONT_BOLD, 10.0, text, 150.0), 0);
  cr_expect_gt(calls_of(&a, FONT_REGULAR, 9.4, text, 150.0), 0);
  cr_expect_gt(calls_of(&a, FONT_REGULAR, 10.0, text, 151.0), 0);
  /* and the wider measure's lines, not the narrower's */
  for (int i = 0; i < 3; i++)
    expect_same_lines(&b, FONT_REGULAR, 10.0, text, 150.0, 64);
}

Test(wrap_memo, keeps_no_text_longer_than_four_kilobytes) {
  static char text[6000];
  for (size_t i = 0; i + 1 < sizeof text; i++)
    text[i] = i % 7 == 6 ? ' ' : 'a';
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {401, 402}};
  for (int i = 0; i < 4; i++) {
    expect_same_lines(&m, FONT_REGULAR, 10.0, text, 2000.0, 64);
    cr_expect_gt(calls_of(&m, FONT_REGULAR, 10.0, text, 2000.0), 0);
  }
}

/* Texts of one length that differ in one byte near their end, wrapped in
 * turn, are both kept: the byte reaches the bits that choose the slot. */
Test(wrap_memo, texts_that_differ_late_are_kept_apart) {
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {701, 702}};
  for (size_t len = 15; len <= 23; len++)
    for (size_t at = len - 8; at < len; at++) {
      char a[32], b[32];
      memset(a, 'x', len);
      a[len] = '\0';
      memcpy(b, a, len + 1);
      a[3] = b[3] = ' ';
      b[at] = b[at] == 'y' ? 'z' : 'y';
      for (int round = 0; round < 2; round++) {
        calls_of(&m, FONT_REGULAR, 10.0, a, 60.0);
        calls_of(&m, FONT_REGULAR, 10.0, b, 60.0);
      }
      cr_expect_eq(calls_of(&m, FONT_REGULAR, 10.0, a, 60.0), 0,
                   "length %zu, byte %zu: the first not kept", len, at);
      cr_expect_eq(calls_of(&m, FONT_REGULAR, 10.0, b, 60.0), 0,
                   "length %zu, byte %zu: the second not kept", len, at);
    }
}

static void *wrap_in_a_thread(void *arg) {
  struct metrics *m = arg;
  static size_t calls;
  calls = calls_of(m, FONT_REGULAR, 10.0, texts[2], 120.0);
  return &calls;
}

Test(wrap_memo, each_thread_keeps_its_own) {
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {501, 502}};
  for (int i = 0; i < 3; i++)
    calls_of(&m, FONT_REGULAR, 10.0, texts[2], 120.0);
  cr_assert_eq(calls_of(&m, FONT_REGULAR, 10.0, texts[2], 120.0), 0);
  pthread_t t;
  void *calls = NULL;
  cr_assert_eq(pthread_create(&t, NULL, wrap_in_a_thread, &m), 0);
  cr_assert_eq(pthread_join(t, &calls), 0);
  cr_expect_gt(*(size_t *)calls, 0, "another thread's lines were given");
}

/* A thread keeps at most a quarter of a megabyte of texts: of 300 texts
 * of 2 000 bytes (some 2.5 KB kept), each wrapped twice, the table is
 * emptied when full and keeps the last ones, not frozen with the first. */
Test(wrap_memo, keeps_a_quarter_megabyte_and_then_the_newest) {
  static char text[300][2001];
  struct counting c = {0.5, 0};
  struct metrics m = {counted_width, &c, {601, 602}};
  for (size_t t = 0; t < 300; t++) {
    for (size_t i = 0; i < 2000; i++)
      text[t][i] = i % 9 == 8 ? ' ' : (char)('a' + (t + i / 9) % 26);
    snprintf(text[t], 8, "%06zu", t); /* each its own */
    text[t][6] = ' ';
    for (int twice = 0; twice < 2; twice++)
      calls_of(&m, FONT_REGULAR, 10.0, text[t], 400.0);
  }
  /* From the newest back, as far as they are kept (the first text not
   * kept is kept by being wrapped again, and may empty the table). */
  size_t kept = 0;
  while (kept < 300 &&
         calls_of(&m, FONT_REGULAR, 10.0, text[299 - kept], 400.0) == 0)
    kept++;
  cr_expect_leq(kept, (256u << 10) / 2000, "%zu texts kept", kept);
  cr_expect_geq(kept, 30, "only the %zu newest texts kept", kept);
}
