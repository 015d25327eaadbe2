/* SPDX-License-Identifier: MIT */
/* Unit tests of what the layout keeps together (layout.c, layout_blocks.c;
 * suite layout, the fixture of layout_test_fixture.h): a list of two is
 * never split; the heading of the fees, every fee line and the total stay
 * on one page (compose keeps each line with the next); a heading is never
 * the last text of a page, also in front of a fee table longer than the
 * layout's first look ahead once was. */
#include <criterion/criterion.h>

#include <stddef.h>

#include "layout/layout.h"
#include "layout_test_fixture.h"

static size_t page_of(const char *s) {
  struct hit h[MAX_HITS];
  cr_assert_gt(hits_of(s, h), 0, "'%s' is not drawn", s);
  return h[0].page;
}

/* A title, `before` one-line paragraphs, then a list of `n` 3-line
 * entries of `kind` (BLK_BULLET or BLK_ITEM), a paragraph after it and a
 * footer; the entries' texts in `texts`. */
static void list_doc(int before, enum block_kind kind, int n,
                     const char **texts) {
  reset();
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  for (int i = 1; i <= before; i++)
    add(&left, BLK_PARA, KK(i, 2));
  for (int i = 0; i < n; i++) {
    struct block *b = kind == BLK_ITEM ? add_item(&left, i + 1, KK(500 + i, 20))
                                       : add(&left, kind, KK(500 + i, 24));
    texts[i] = b->text;
  }
  add(&left, BLK_PARA, KK(900, 2));
  add(&left, BLK_FOOTER, "Дереккөз");
  do_layout(0);
}

/* For each number of paragraphs before it, a two-entry list is on one
 * page; and there is a case where its first entry alone would still have
 * fitted at the foot of page 1 (where it stands in a list of three), so
 * that the rule, not luck, keeps the two together. */
static void expect_two_never_split(enum block_kind kind) {
  int moved = 0;
  for (int j = 1; j <= 90; j++) {
    const char *two[2], *three[3];
    list_doc(j, kind, 3, three);
    int first_fits_alone = page_of(three[0]) == 0 && page_of(three[1]) == 1;
    list_doc(j, kind, 2, two);
    size_t p0 = expect_on_one_page(two[0], NULL, NULL);
    size_t p1 = expect_on_one_page(two[1], NULL, NULL);
    cr_assert_eq(p0, p1,
                 "%d paragraphs before: the list of two is split (page %zu "
                 "and %zu)",
                 j, p0 + 1, p1 + 1);
    if (first_fits_alone && p0 == 1)
      moved++;
  }
  cr_expect_gt(moved, 0, "no case where the list of two had to move");
}

Test(layout, a_list_of_two_bullets_is_never_split) {
  expect_two_never_split(BLK_BULLET);
}

Test(layout, a_list_of_two_items_is_never_split) {
  expect_two_never_split(BLK_ITEM);
}

/* A list of three may break between its entries: the rule is for two. */
Test(layout, a_list_of_three_may_break_between_entries) {
  int split = 0;
  for (int j = 1; j <= 90 && !split; j++) {
    const char *three[3];
    list_doc(j, BLK_BULLET, 3, three);
    split = page_of(three[0]) != page_of(three[2]);
  }
  cr_expect(split, "a list of three never broke between its entries");
}

#define FEES 6

/* The fees as compose.c makes them: a heading, FEES fee lines each kept
 * with the next, the total; after `before` one-line items. */
struct fee_doc {
  const char *heading, *fees[FEES], *total;
};

static struct fee_doc fee_doc(int before) {
  struct fee_doc d;
  reset();
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  for (int i = 1; i <= before; i++)
    add_item(&left, i, KK(i, 2));
  d.heading = add(&left, BLK_HEADING, "Алымдар мен баждар")->text;
  for (int i = 0; i < FEES; i++) {
    struct block *f = add(&left, BLK_FEE, NULL);
    f->label = d.fees[i] = KK(700 + i, 3);
    f->value = "1 000,00 теңге";
    f->keep_with_next = 1;
  }
  struct block *t = add(&left, BLK_TOTAL, NULL);
  t->label = d.total = "Барлығы";
  t->value = "6 000,00 теңге";
  add(&left, BLK_FOOTER, "Дереккөз");
  do_layout(0);
  return d;
}

Test(layout, fee_heading_lines_and_total_stay_on_one_page) {
  int moved = 0;
  for (int j = 1; j <= 80; j++) {
    struct fee_doc d = fee_doc(j);
    size_t hp = page_of(d.heading);
    for (int i = 0; i < FEES; i++)
      cr_assert_eq(page_of(d.fees[i]), hp,
                   "%d items before: the heading on page %zu, fee line %d on "
                   "%zu",
                   j, hp + 1, i + 1, page_of(d.fees[i]) + 1);
    cr_assert_eq(page_of(d.total), hp,
                 "%d items before: the total is not on the heading's page", j);
    for (size_t p = 0; p < lay.npages; p++)
      cr_assert_neq(owner(last_body_text(p))->kind, BLK_HEADING,
                    "%d items before: a heading ends page %zu", j, p + 1);
    moved += hp == 1;
  }
  cr_expect_gt(moved, 0, "the fees never had to move to page 2");
}
