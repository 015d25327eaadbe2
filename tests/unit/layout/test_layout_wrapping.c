/* SPDX-License-Identifier: MIT */
/* Unit tests of wrapping in the layout (layout.c, suite layout; the
 * fixture of layout_test_fixture.h): (d) lines of whole words filled as
 * far as the column allows, a word wider than the column broken between
 * letters. */
#include <criterion/criterion.h>

#include <math.h>

#include "layout/layout.h"
#include "layout_test_fixture.h"

/* The number of words in s[0..len). */
static size_t words_in(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
  return n;
}

Test(layout, long_item_wraps_into_lines_of_whole_words) {
  const char *word = "құжаттарды"; /* 10 letters: 50 pt at 10 pt */
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  const char *text = add_item(&left, 1, repeat(word, 20, " "))->text;
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n;
  expect_on_one_page(text, lines, &n);
  /* By hand: the column holds floor(room / 5 pt) characters; a line of k
   * words takes 11k - 1 of them. (Today: 462.08 pt, 92 characters, 8
   * words per line, so 20 words make lines of 8, 8 and 4.) */
  double room = column_right(0) - lines[0].op->x;
  size_t chars = (size_t)floor(room / (CHAR_EM * ITEM_SIZE) + EPS);
  size_t per_line = (chars + 1) / 11;
  cr_assert_geq(per_line, 2);
  cr_expect_eq(n, (20 + per_line - 1) / per_line, "%zu lines", n);
  for (size_t i = 0; i < n; i++) {
    const struct op *o = lines[i].op;
    size_t want = i + 1 < n ? per_line : 20 - (n - 1) * per_line;
    cr_expect_eq(o->x, lines[0].op->x, "line %zu is not aligned", i);
    cr_expect_eq(o->len, want * 21 - 1, "line %zu is '%.*s'", i, (int)o->len,
                 o->text);
    cr_expect_eq(words_in(o->text, o->len), want);
    cr_expect_leq(o->x + op_width(o), column_right(0) + EPS,
                  "line %zu is wider than the column", i);
  }
}

Test(layout, lines_are_filled_as_far_as_the_column_allows) {
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  const char *text = add_item(&left, 1, KK(7, 90))->text;
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n;
  expect_on_one_page(text, lines, &n);
  cr_assert_geq(n, 5);
  double edge = column_right(0);
  for (size_t i = 0; i < n; i++) {
    const struct op *o = lines[i].op;
    cr_expect_leq(o->x + op_width(o), edge + EPS, "line %zu too wide", i);
    cr_expect(o->len > 0 && o->text[0] != ' ' && o->text[o->len - 1] != ' ',
              "line %zu has spaces at an end", i);
    if (i + 1 == n)
      continue;
    /* The first word of the next line would not have fitted. */
    const char *next = lines[i + 1].op->text;
    size_t word = strcspn(next, " ");
    double with_next = op_width(o) + CHAR_EM * o->size +
                       fake_width(NULL, o->font, o->size, next, word);
    cr_expect_gt(o->x + with_next, edge, "line %zu could take '%.*s'", i,
                 (int)word, next);
  }
}

Test(layout, word_wider_than_the_column_breaks_between_letters) {
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  /* 198 two-byte letters, no space: more than twice the column. */
  const char *text = add_item(&left, 1, repeat("әғқңөұүһіӘҒ", 18, ""))->text;
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n = hits_of(text, lines);
  expect_tiles(text, lines, n, 0);
  cr_assert_geq(n, 3, "%zu pieces", n);
  double edge = column_right(0);
  for (size_t i = 0; i < n; i++) {
    const struct op *o = lines[i].op;
    cr_expect(qujat_utf8_valid(o->text, o->len, NULL, NULL),
              "piece %zu is cut inside a letter", i);
    cr_expect_leq(o->x + op_width(o), edge + EPS, "piece %zu too wide", i);
    if (i + 1 < n) /* full: one more letter would not fit */
      cr_expect_gt(o->x + op_width(o) + CHAR_EM * o->size, edge,
                   "piece %zu is short", i);
  }
}
