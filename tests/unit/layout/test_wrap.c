/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/layout/wrap.c with a code-point measure (the text
 * renderer's): breaks at spaces, between characters only inside a word
 * wider than the line, and never inside a UTF-8 sequence. */
#include <criterion/criterion.h>

#include <string.h>

#include "base/base.h"
#include "layout/layout.h"

#define MAX_LINES 16

/* The measure records whether it was ever handed a run that starts or ends
 * inside a UTF-8 sequence. */
struct probe {
  int bad_runs;
  int calls;
};

static double measure_cp(const char *s, size_t len, void *user) {
  struct probe *pr = user;
  pr->calls++;
  if (!qujat_utf8_valid(s, len, NULL, NULL))
    pr->bad_runs++;
  return (double)qujat_utf8_length_n(s, len);
}

struct wrapped {
  const char *text;
  size_t n; /* return value of qujat_wrap */
  struct wrap_line lines[MAX_LINES];
  struct probe probe;
};

static void wrap(struct wrapped *w, const char *text, double width) {
  memset(w, 0, sizeof *w);
  w->text = text;
  w->n = qujat_wrap(text, width, measure_cp, &w->probe, w->lines, MAX_LINES);
  cr_assert_leq(w->n, MAX_LINES, "test buffer too small");
  cr_expect_eq(w->probe.bad_runs, 0, "measure got a cut UTF-8 sequence");
}

/* Asserts that line `i` of `w` is exactly `want`. */
static void expect_line(const struct wrapped *w, size_t i, const char *want) {
  cr_assert_lt(i, w->n, "no line %zu (only %zu)", i, w->n);
  const struct wrap_line *l = &w->lines[i];
  size_t len = strlen(want);
  cr_expect(l->len == len && memcmp(w->text + l->start, want, len) == 0,
            "line %zu is '%.*s', expected '%s'", i, (int)l->len,
            w->text + l->start, want);
}

/* Asserts the whole result: the lines in order. */
static void expect_lines(const struct wrapped *w, const char *const *want,
                         size_t nwant) {
  cr_expect_eq(w->n, nwant, "%zu lines, expected %zu", w->n, nwant);
  for (size_t i = 0; i < nwant && i < w->n; i++)
    expect_line(w, i, want[i]);
}

#define EXPECT_LINES(w, ...)                                                   \
  do {                                                                         \
    static const char *const want_[] = {__VA_ARGS__};                          \
    expect_lines(w, want_, sizeof want_ / sizeof want_[0]);                    \
  } while (0)

Test(wrap, breaks_at_spaces) {
  struct wrapped w;
  wrap(&w, "the quick brown fox", 10);
  EXPECT_LINES(&w, "the quick", "brown fox");
}

Test(wrap, a_line_of_exactly_the_width_fits) {
  struct wrapped w;
  wrap(&w, "abc def", 7);
  EXPECT_LINES(&w, "abc def");
  wrap(&w, "abc def", 6);
  EXPECT_LINES(&w, "abc", "def");
}

Test(wrap, spaces_at_a_break_are_dropped) {
  struct wrapped w;
  wrap(&w, "ab   cd   ", 3);
  EXPECT_LINES(&w, "ab", "cd");
}

Test(wrap, kazakh_words_break_at_spaces_by_characters_not_bytes) {
  struct wrapped w;
  /* 16 characters, 30 bytes: "қазақ тілі" is 10 characters. */
  wrap(&w, "қазақ тілі әдемі", 10);
  EXPECT_LINES(&w, "қазақ тілі", "әдемі");
  cr_expect_eq(w.lines[0].start, 0);
  cr_expect_eq(w.lines[0].len, 19);
  cr_expect_eq(w.lines[1].start, 20);
  cr_expect_eq(w.lines[1].len, 10);
}

Test(wrap, a_word_longer_than_the_line_is_split_between_characters) {
  struct wrapped w;
  wrap(&w, "Қазақстанның", 5); /* 12 characters, 24 bytes */
  EXPECT_LINES(&w, "Қазақ", "станн", "ың");
  for (size_t i = 0; i < w.n; i++)
    cr_expect(
        qujat_utf8_valid(w.text + w.lines[i].start, w.lines[i].len, NULL, NULL),
        "line %zu cuts a UTF-8 sequence", i);
}

Test(wrap, a_long_word_after_a_short_one_starts_a_new_line) {
  struct wrapped w;
  wrap(&w, "ab cdefghij", 4);
  EXPECT_LINES(&w, "ab", "cdef", "ghij");
}

Test(wrap, a_width_below_one_character_still_progresses) {
  struct wrapped w;
  wrap(&w, "әб", 0.5);
  EXPECT_LINES(&w, "ә", "б");
}

Test(wrap, explicit_newlines_force_breaks) {
  struct wrapped w;
  wrap(&w, "бір\nекі үш", 20);
  EXPECT_LINES(&w, "бір", "екі үш");
  wrap(&w, "a\n\nb", 20);
  EXPECT_LINES(&w, "a", "", "b");
  wrap(&w, "\nx", 20);
  EXPECT_LINES(&w, "", "x");
}

Test(wrap, newline_inside_a_long_paragraph) {
  struct wrapped w;
  wrap(&w, "abcdef\nxy z", 3);
  EXPECT_LINES(&w, "abc", "def", "xy", "z");
}

Test(wrap, empty_string_gives_one_empty_line) {
  struct wrapped w;
  wrap(&w, "", 10);
  cr_expect_eq(w.n, 1);
  cr_expect_eq(w.lines[0].start, 0);
  cr_expect_eq(w.lines[0].len, 0);
}

Test(wrap, returns_the_lines_needed_when_they_do_not_fit) {
  struct wrap_line lines[3];
  struct probe pr = {0, 0};
  const struct wrap_line sentinel = {777, 888};
  lines[2] = sentinel;
  size_t n = qujat_wrap("a b c d", 1, measure_cp, &pr, lines, 2);
  cr_expect_eq(n, 4, "needs 4 lines");
  cr_expect_eq(lines[0].start, 0);
  cr_expect_eq(lines[0].len, 1);
  cr_expect_eq(lines[1].start, 2);
  cr_expect_eq(lines[1].len, 1);
  cr_expect(lines[2].start == 777 && lines[2].len == 888, "wrote past max");
  /* No room at all: still the count. */
  cr_expect_eq(qujat_wrap("a b c d", 1, measure_cp, &pr, NULL, 0), 4);
}

/* A measure with pair kerning, as the PDF's: every character one unit
 * wide, "AV" and "Ть" a third closer, "LT" a half wider. Wrapping measures
 * a line word by word from its last character (wrap.c): it must break
 * exactly where measuring every prefix whole breaks. */
static double measure_kerned(const char *s, size_t len, void *user) {
  (void)user;
  double w = 0;
  uint32_t prev = 0;
  for (const char *p = s, *end = s + len; p < end;) {
    uint32_t cp = qujat_utf8_next(&p);
    w += 1;
    if ((prev == 'A' && cp == 'V') || (prev == 0x0422 && cp == 0x044C))
      w -= 1.0 / 3;
    else if (prev == 'L' && cp == 'T')
      w += 0.5;
    prev = cp;
  }
  return w;
}

/* The longest prefix of `text` from `line` that fits, at a space, by
 * measuring each prefix whole (what wrap.c did before): the reference. */
static size_t reference_break(const char *text, size_t line, double width) {
  size_t len = strlen(text), fit = line;
  for (size_t e = line; e <= len; e++)
    if ((e == len || text[e] == ' ') && e > line &&
        measure_kerned(text + line, e - line, NULL) <= width)
      fit = e;
  return fit;
}

Test(wrap, kerned_lines_break_where_whole_prefixes_do) {
  static const char *const texts[] = {
      "AVAV AVAV LTLT AV LT AVAVAV LTAV VA AV",
      "Тьма Ть Ть тьТь AV Тьфу LTLTLT AVA VAV",
      "LT LT LT LT LT LT LT LT LT LT LT LT LT"};
  for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
    for (double width = 8; width <= 24; width += 1.0 / 6) {
      struct wrap_line lines[64];
      size_t n = qujat_wrap(texts[t], width, measure_kerned, NULL, lines, 64);
      cr_assert_leq(n, 64);
      size_t line = 0;
      for (size_t i = 0; i < n; i++) {
        while (texts[t][line] == ' ')
          line++;
        size_t want = reference_break(texts[t], line, width);
        cr_expect_eq(lines[i].start, line, "text %zu width %.3f line %zu", t,
                     width, i);
        cr_expect_eq(lines[i].start + lines[i].len, want,
                     "text %zu width %.3f line %zu ends at %zu, not %zu", t,
                     width, i, lines[i].start + lines[i].len, want);
        line = want;
      }
      cr_expect_eq(line, strlen(texts[t]), "text %zu width %.3f", t, width);
    }
}
