/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/layout/typo.c: where qujat_ties puts a no-break
 * space (U+00A0) so that the wrapper never parts two words. */
#include <criterion/criterion.h>

#include "base/base.h"
#include "layout/layout.h"

#define NBSP "\xc2\xa0"

static void expect_ties(const char *in, int lang, const char *want) {
  struct arena a;
  qujat_arena_init(&a);
  const char *got = qujat_ties(&a, in, lang);
  cr_assert_not_null(got);
  cr_expect_str_eq(got, want, "ties of \"%s\"", in);
  qujat_arena_free(&a);
}

Test(typo, a_number_and_the_next_word) {
  expect_ties("не менее 3 месяцев", LANG_RU, "не менее 3" NBSP "месяцев");
  expect_ties("5 жұмыс күні", LANG_KK, "5" NBSP "жұмыс күні");
}

Test(typo, the_number_sign_and_its_number) {
  expect_ties("Исх. № 5", LANG_RU, "Исх. №" NBSP "5");
}

Test(typo, russian_one_letter_words_tie_to_the_next) {
  expect_ties("виза в Казахстан", LANG_RU, "виза в" NBSP "Казахстан");
  /* Not in English or Kazakh text. */
  expect_ties("a visa", LANG_EN, "a visa");
}

Test(typo, russian_reference_abbreviations_tie_to_their_number) {
  expect_ties("что и п. 4.", LANG_RU, "что и" NBSP "п." NBSP "4.");
  expect_ties("согласно ст. 85", LANG_RU, "согласно ст." NBSP "85");
  /* Only before a number: "п." ending a sentence stays breakable. */
  expect_ties("см. п. далее", LANG_RU, "см. п. далее");
}

/* The texts a thread tied are kept (layout's memo): asked again, in this
 * language or another, each gets its own ties, in the arena asked with. */
Test(typo, kept_texts_tie_as_the_first_time_and_by_language) {
  for (int round = 0; round < 4; round++) {
    expect_ties("виза в Казахстан", LANG_RU, "виза в" NBSP "Казахстан");
    expect_ties("виза в Казахстан", LANG_KK, "виза в Казахстан");
    expect_ties("что и п. 4.", LANG_RU, "что и" NBSP "п." NBSP "4.");
    expect_ties("", LANG_RU, "");
  }
  /* The copy is the arena's: freeing one arena leaves the next intact. */
  struct arena a, b;
  qujat_arena_init(&a);
  qujat_arena_init(&b);
  const char *x = qujat_ties(&a, "не менее 3 месяцев", LANG_RU);
  const char *y = qujat_ties(&b, "не менее 3 месяцев", LANG_RU);
  cr_assert(x && y && x != y);
  qujat_arena_free(&a);
  cr_expect_str_eq(y, "не менее 3" NBSP "месяцев");
  qujat_arena_free(&b);
}
