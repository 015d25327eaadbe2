/* SPDX-License-Identifier: MIT */
/* Unit tests of the pages of letters (layout.c and layout_letter.c with the
 * blocks of compose.c): real letters of the catalog, laid out with a fake
 * measure (every character 0.5 em wide). The first page of a copy carries
 * the copy's mark at its top, every page that continues it a reference
 * header (the outgoing number and date, and the mark) and, in a copy of
 * several pages, its number in the copy; the persons table repeats its column titles on every page it
 * continues on; the signature is never alone on a page. Ops are traced
 * back to their block through their text pointers. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "layout/layout.h"
#include "rules/rules.h"
#include "fixture.h"
#include "letter_profiles.h"
#include "qujat/qujat.h"
#include "base/base.h"

#define DATE "2026-11-21"
#define MAX_PAGES 64

static struct blocks bl;
static struct layout lay;

/* Frees the letter of the last lay_out(). */
static void drop(void) {
  qujat_layout_free(&lay);
  qujat_blocks_free(&bl);
  qujat_document_free(doc);
  doc = NULL;
}

static void teardown(void) {
  drop();
  fixture_teardown();
}

TestSuite(letter_layout, .init = fixture_setup, .fini = teardown);

static double fake_width(void *user, int font, double size, const char *s,
                         size_t len) {
  (void)user;
  (void)font;
  return 0.5 * size * (double)qujat_utf8_length_n(s, len);
}

static const struct metrics fake = {.width = fake_width};

/* The applicant and `children` children, each SMITH `given`. */
static void use_family(int children, const char *given) {
  static char xml[64 * 1024];
  int len = snprintf(xml, sizeof xml, "%s",
                     "<profile xmlns=\"urn:qujat:profile:1\">\n" APPLICANT);
  for (int i = 0; i < children; i++)
    len += snprintf(xml + len, sizeof xml - (size_t)len,
                    "  <dependant relation=\"child\" surname=\"SMITH\" "
                    "given-names=\"%s\" birth-date=\"2010-01-02\" sex=\"F\" "
                    "citizenship=\"GB\">\n    <passport number=\"P%07d\" "
                    "expires=\"2031-01-01\"/>\n  </dependant>\n",
                    given, i + 1);
  len += snprintf(xml + len, sizeof xml - (size_t)len, "%s",
                  COMPANY C3_YEAR "</profile>\n");
  cr_assert_lt((size_t)len, sizeof xml);
  use_profile_xml(xml, "family.xml");
}

/* The letter of `service` for the profile, composed and laid out as the
 * PDF renderer does (bare pages). */
static void lay_out(const char *service, qujat_lang lang, int copies) {
  drop();
  qujat_request req = request_of(QUJAT_DOC_LETTER, service, DATE, lang);
  req.copies = copies;
  req.allow_mixed_language = 1; /* the fixtures' texts are English */
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_assert_eq(qujat_compose(doc, &bl, &err), QUJAT_OK, "%s", err.msg);
  struct layout_info info = {.bare = 1};
  cr_assert_eq(qujat_layout(&bl, NULL, &info, &fake, &lay, &err), QUJAT_OK,
               "%s", err.msg);
  cr_assert_leq(lay.npages, MAX_PAGES);
}

/* ------------------------------------------------------------------------
 * Finding ops
 * ------------------------------------------------------------------------ */

/* Whether `o` draws bytes of the string `s`. */
static int draws(const struct op *o, const char *s) {
  if (o->kind != OP_TEXT || !s)
    return 0;
  uintptr_t p = (uintptr_t)o->text, a = (uintptr_t)s;
  return p >= a && p + o->len <= a + strlen(s);
}

/* The highest op on page `pg` drawing bytes of `s` (NULL: none). */
static const struct op *find(size_t pg, const char *s) {
  const struct op *best = NULL;
  for (size_t k = 0; k < lay.pages[pg].n; k++) {
    const struct op *o = &lay.pages[pg].ops[k];
    if (draws(o, s) && (!best || o->y > best->y))
      best = o;
  }
  return best;
}

/* The number of ops on page `pg` that read "n / N". */
static int page_numbers(size_t pg, int *n, int *of) {
  int count = 0;
  for (size_t k = 0; k < lay.pages[pg].n; k++) {
    const struct op *o = &lay.pages[pg].ops[k];
    char s[32];
    if (o->kind != OP_TEXT || o->len >= sizeof s)
      continue;
    memcpy(s, o->text, o->len);
    s[o->len] = '\0';
    char end;
    if (sscanf(s, "%d / %d%c", n, of, &end) == 2)
      count++;
  }
  return count;
}

/* The blocks of one copy of the letter. */
struct copy {
  const struct block *mark, *run, *table, *intro, *first, *last, *sign;
};

static size_t copies_of(struct copy *c, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < bl.n; i++) {
    const struct block *b = &bl.v[i];
    if (b->kind == BLK_COPYMARK) {
      cr_assert_lt(n, max);
      memset(&c[n++], 0, sizeof *c);
      c[n - 1].mark = b;
    } else if (b->kind == BLK_RUNHEAD) {
      c[n - 1].run = b;
    } else if (b->kind == BLK_TABLE) {
      c[n - 1].table = b;
    } else if (b->kind == BLK_BULLET) {
      if (!c[n - 1].first) {
        c[n - 1].first = b;
        c[n - 1].intro = b - 1;
      }
      c[n - 1].last = b;
    } else if (b->kind == BLK_SIGNATURE) {
      c[n - 1].sign = b;
    }
  }
  return n;
}

/* ------------------------------------------------------------------------
 * The rules of a letter's pages
 * ------------------------------------------------------------------------ */

struct seen {
  int long_copies;  /* copies of more than one page */
  int split_tables; /* tables continued on a page of their own copy */
};

/* The mark of its copy at the top of its first page, once; on the pages
 * that continue the copy, the reference header at the top: the copy's mark
 * on the right, its outgoing number and date beside it. The copies one
 * after another, each with the same number of pages, numbered "i / n" in
 * the copy when there are several. */
static void expect_marks(const struct copy *c, size_t ncopies, size_t *copy_of,
                         struct seen *seen) {
  size_t per = lay.npages / ncopies;
  cr_assert_eq(per * ncopies, lay.npages, "%zu pages for %zu copies",
               lay.npages, ncopies);
  for (size_t pg = 0; pg < lay.npages; pg++) {
    size_t k = pg / per;
    copy_of[pg] = k;
    int first = pg % per == 0;
    cr_assert_not_null(c[k].run, "copy %zu: no reference header", k + 1);
    const char *mtext = first ? c[k].mark->text : c[k].run->value;
    const struct op *mark = find(pg, mtext);
    cr_assert_not_null(mark, "page %zu: no mark of copy %zu", pg + 1, k + 1);
    const struct op *ref = find(pg, c[k].run->text);
    if (!first) {
      cr_assert_not_null(ref, "page %zu: no reference of copy %zu", pg + 1,
                         k + 1);
      cr_expect_eq(ref->y, mark->y, "page %zu: reference and mark apart",
                   pg + 1);
    }
    for (size_t i = 0; i < lay.pages[pg].n; i++) {
      const struct op *o = &lay.pages[pg].ops[i];
      for (size_t j = 0; j < ncopies; j++)
        cr_expect((!draws(o, c[j].mark->text) &&
                   !draws(o, c[j].run->value)) ||
                      o == mark,
                  "page %zu: a second copy mark", pg + 1);
      cr_expect(o == mark || o->y < mark->y || (!first && o == ref),
                "page %zu: op above the mark", pg + 1);
    }
    int n = 0, of = 0, nums = page_numbers(pg, &n, &of);
    if (per == 1) {
      cr_expect_eq(nums, 0, "page %zu: a one-page copy is numbered", pg + 1);
      continue;
    }
    cr_expect_eq(nums, 1, "page %zu: %d page numbers", pg + 1, nums);
    cr_expect(n == (int)(pg % per) + 1 && of == (int)per,
              "page %zu numbered %d / %d, expected %zu / %zu", pg + 1, n, of,
              pg % per + 1, per);
  }
  seen->long_copies += per > 1;
}

/* Every page with rows of the table has its column titles above them, and
 * the titles never end a page. */
static void expect_titles(const struct copy *c, const size_t *copy_of,
                          struct seen *seen) {
  int before = 0; /* rows on the page before */
  for (size_t pg = 0; pg < lay.npages; pg++) {
    const struct block *t = c[copy_of[pg]].table;
    const struct op *title = find(pg, t->cells[1]);
    int rows = 0;
    for (int r = 1; r < t->nrows; r++) {
      const struct op *o = find(pg, t->cells[r * t->ncols + 5]);
      if (!o)
        continue;
      rows++;
      cr_assert_not_null(title, "page %zu: persons without column titles",
                         pg + 1);
      cr_expect_gt(title->y, o->y, "page %zu: the titles under a row", pg + 1);
    }
    cr_expect(!title || rows > 0, "page %zu ends with the column titles",
              pg + 1);
    if (rows && before && copy_of[pg - 1] == copy_of[pg])
      seen->split_tables++;
    before = rows;
  }
}

/* The page of the signature also has the last undertaking above it, and
 * the page of the undertakings' introduction the first undertaking. */
static void expect_kept(const struct copy *c, const size_t *copy_of) {
  for (size_t pg = 0; pg < lay.npages; pg++) {
    const struct copy *k = &c[copy_of[pg]];
    const struct op *stamp = find(pg, k->sign->sub);
    if (stamp) {
      const struct op *last = find(pg, k->last->text);
      cr_assert_not_null(last,
                         "page %zu: the signature without the last "
                         "undertaking",
                         pg + 1);
      cr_expect_gt(last->y, stamp->y);
    }
    if (find(pg, k->intro->text))
      cr_expect_not_null(find(pg, k->first->text),
                         "page %zu: the undertakings' introduction alone",
                         pg + 1);
  }
}

static void expect_rules(struct seen *seen) {
  struct copy c[10];
  size_t copy_of[MAX_PAGES];
  size_t n = copies_of(c, 10);
  cr_assert_gt(n, 0);
  expect_marks(c, n, copy_of, seen);
  expect_titles(c, copy_of, seen);
  expect_kept(c, copy_of);
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

Test(letter_layout, one_page_copies_carry_their_mark_and_no_number) {
  struct seen seen = {0};
  use_family(2, "ANNA");
  lay_out("work-visa-invitation", QUJAT_LANG_KK, 3);
  cr_expect_eq(lay.npages, 3);
  expect_rules(&seen);
  cr_expect_eq(seen.long_copies, 0);
}

Test(letter_layout, a_long_copy_has_its_mark_number_and_titles_on_each_page) {
  /* 21 persons whose five given names take three lines or more in the
   * column of the ten-column table (30 mm margin): each copy takes three
   * pages, and its table runs over all three (two page breaks a copy). */
  struct seen seen = {0};
  use_family(20, "ALEXANDRA MARGARET ELIZABETH VICTORIA CHARLOTTE");
  lay_out("work-visa-invitation", QUJAT_LANG_RU, 2);
  cr_expect_eq(lay.npages, 6, "%zu pages", lay.npages);
  expect_rules(&seen);
  cr_expect_eq(seen.long_copies, 1);
  cr_expect_eq(seen.split_tables, 4,
               "the tables run over %d page breaks, expected 4",
               seen.split_tables);
}

Test(letter_layout, every_family_size_keeps_the_rules_of_the_pages) {
  /* 1 to 21 persons with names of one to three lines, in the three
   * languages, both kinds of letter: wherever the pages break, the rules
   * hold; some copies run over a page, some tables too. */
  static const char *const names[] = {
      "A", "ANNA MARIA", "ALEXANDRA MARGARET ELIZABETH",
      "ALEXANDRA MARGARET ELIZABETH VICTORIA CHARLOTTE"};
  static const qujat_lang langs[] = {QUJAT_LANG_KK, QUJAT_LANG_RU,
                                     QUJAT_LANG_EN};
  static const char *const services[] = {"work-visa-invitation",
                                         "work-visa-in-kz"};
  struct seen seen = {0};
  for (size_t s = 0; s < 2; s++)
    for (size_t g = 0; g < sizeof names / sizeof names[0]; g++)
      for (int children = 0; children <= 20; children++) {
        use_family(children, names[g]);
        for (size_t l = 0; l < 3; l++) {
          lay_out(services[s], langs[l], 2);
          expect_rules(&seen);
        }
      }
  cr_expect_gt(seen.long_copies, 20, "only %d letters of several pages",
               seen.long_copies);
  cr_expect_gt(seen.split_tables, 20, "only %d tables over two pages",
               seen.split_tables);
}
