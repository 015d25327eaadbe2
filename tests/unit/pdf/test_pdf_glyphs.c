/* SPDX-License-Identifier: MIT */
/* Unit tests of the error for a character the fonts lack (pdf_glyphs.c)
 * and of the profile's texts it searches (catalog/profile_texts.c): the
 * field, its language and its line; without a profile or a field that
 * holds the character, the text it was met in. */
#include <criterion/criterion.h>

#include <string.h>

#include "catalog/catalog.h"
#include "fixture.h"
#include "pdf/pdf_internal.h"

TestSuite(pdf_glyphs, .init = fixture_setup, .fini = fixture_teardown);

struct seen {
  char fields[64][96];
  int lines[64];
  size_t n;
};

static int collect(const char *field, int line, const char *text, void *user) {
  struct seen *s = user;
  (void)text;
  if (s->n < 64) {
    strncpy(s->fields[s->n], field, sizeof s->fields[0] - 1);
    s->lines[s->n++] = line;
  }
  return 0;
}

static int line_of(const struct seen *s, const char *field) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->fields[i], field) == 0)
      return s->lines[i];
  return -1;
}

Test(pdf_glyphs, every_text_of_the_profile_with_its_field_and_line) {
  use_profile("smith-family-four.xml");
  struct seen s = {0};
  cr_assert_eq(qujat_profile_each_text(prof, collect, &s), 0);
  /* Lines of tests/data/profiles/smith-family-four.xml. */
  /* libxml2 gives a start tag over two lines its last line. */
  cr_expect_eq(line_of(&s, "person 1 surname"), 7);
  cr_expect_eq(line_of(&s, "person 4 given names"), 17);
  cr_expect_eq(line_of(&s, "<company name>"), 20);
  cr_expect_eq(line_of(&s, "<company name xml:lang=\"kk\">"), 21);
  cr_expect_eq(line_of(&s, "<company name xml:lang=\"ru\">"), 22);
  cr_expect_eq(line_of(&s, "<company> <address xml:lang=\"ru\">"), 25);
  cr_expect_eq(line_of(&s, "<request purpose xml:lang=\"kk\">"), 42);
  cr_expect_eq(line_of(&s, "<request stay-address xml:lang=\"ru\">"), 47);
  cr_expect_neq(line_of(&s, "<prepared-by name xml:lang=\"ru\">"), -1);
  cr_expect_eq(line_of(&s, "person 5 surname"), -1, "a fifth person");
}

Test(pdf_glyphs, the_error_names_the_field_the_character_is_in) {
  use_profile_edited("smith-family-four.xml", "г. Астана, ул. Достык",
                     "г. Астана, ул. Достык ☃");
  qujat_pdf_glyph_error(prof, 0x2603, "ул. Достык ☃", strlen("ул. Достык ☃"),
                        &err);
  cr_expect_eq(err.code, QUJAT_ERR_FONT);
  cr_expect_eq(err.line, 47);
  cr_expect_str_eq(err.file, "smith-family-four.xml");
  cr_expect_str_eq(err.msg,
                   "<request stay-address xml:lang=\"ru\">: character U+2603 "
                   "'☃' is not in the font (Qujat Sans covers Latin, "
                   "Cyrillic with Kazakh letters)");
}

Test(pdf_glyphs, without_a_field_the_error_quotes_the_text) {
  qujat_pdf_glyph_error(NULL, 0x4E2D, "abc 中", strlen("abc 中"), &err);
  cr_expect_eq(err.code, QUJAT_ERR_FONT);
  cr_expect_eq(err.line, 0);
  cr_expect_str_eq(err.msg, "character U+4E2D '中' in \"abc 中\" is not in "
                            "the font (Qujat Sans covers Latin, Cyrillic "
                            "with Kazakh letters)");
}
