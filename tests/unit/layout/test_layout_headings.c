/* SPDX-License-Identifier: MIT */
/* Unit tests of headings in the layout (layout.c, suite layout; the
 * fixture of layout_test_fixture.h): (b) a heading stays with what
 * follows it, never the last text of a page. */
#include <criterion/criterion.h>

#include <stddef.h>

#include "layout/layout.h"
#include "layout_test_fixture.h"

enum tail {
  TAIL_NONE,    /* the heading is the last block before the footer */
  TAIL_ITEM,    /* heading, a 3-line item, more items */
  TAIL_SUBHEAD, /* heading, a step title, a 3-line bullet (compose's steps) */
  TAIL_HUGE     /* heading, an item taller than a page */
};

struct heading_doc {
  const char *heading, *subhead, *first; /* the texts after the heading */
  const char *before;                    /* the item just before it */
};

/* A title, `before` one-line items, a heading and `tail`. */
static struct heading_doc heading_doc(int before, enum tail tail) {
  struct heading_doc d = {0};
  reset();
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  for (int i = 1; i <= before; i++)
    d.before = add_item(&left, i, KK(i, 2))->text;
  d.heading = add(&left, BLK_HEADING, "Алымдар мен баждар")->text;
  if (tail == TAIL_SUBHEAD) {
    d.subhead = add(&left, BLK_SUBHEAD, "1-қадам: өтінім беру")->text;
    /* 3 lines of 9.5 pt bullets */
    d.first = add(&left, BLK_BULLET, KK(500, 30))->text;
  } else if (tail == TAIL_ITEM) {
    d.first = add_item(&left, before + 1, KK(500, 20))->text; /* 3 lines */
  } else if (tail == TAIL_HUGE) {
    d.first = add_item(&left, before + 1, KK(500, 800))->text; /* 90 lines */
  }
  for (int i = 0; tail != TAIL_NONE && i < 5; i++)
    add_item(&left, before + 2 + i, KK(600 + i, 2));
  add(&left, BLK_FOOTER, "Дереккөз");
  do_layout(0);
  return d;
}

static size_t page_of(const char *s) {
  struct hit h[MAX_HITS];
  cr_assert_gt(hits_of(s, h), 0, "'%s' is not drawn", s);
  return h[0].page;
}

static void expect_no_heading_last(int before) {
  for (size_t p = 0; p < lay.npages; p++) {
    const struct op *last = last_body_text(p);
    cr_assert_not_null(last, "%d items: page %zu has no text", before, p + 1);
    const struct block *b = owner(last);
    cr_assert(b->kind != BLK_HEADING && b->kind != BLK_SUBHEAD,
              "%d items before the heading: '%s' is the last text of page "
              "%zu of %zu",
              before, b->text, p + 1, lay.npages);
  }
}

Test(layout, heading_near_the_bottom_moves_with_its_first_item) {
  /* Find the number of items before the heading for which the heading
   * alone still fits on page 1 but not with its 3-line item. */
  int before = 0;
  for (int j = 1; j <= 80 && !before; j++) {
    struct heading_doc alone = heading_doc(j, TAIL_NONE);
    if (page_of(alone.heading) != 0)
      break;
    struct heading_doc d = heading_doc(j, TAIL_ITEM);
    if (page_of(d.heading) == 1)
      before = j;
  }
  cr_assert_gt(before, 0, "no case where the heading had to move");

  struct heading_doc d = heading_doc(before, TAIL_ITEM);
  cr_expect_eq(page_of(d.before), 0, "the item before the heading moved");
  cr_expect_eq(owner(last_body_text(0))->text, d.before,
               "page 1 does not end with the item before the heading");
  cr_expect(draws(&lay.pages[1].ops[0], d.heading),
            "the heading does not open page 2");
  cr_expect_eq(expect_on_one_page(d.first, NULL, NULL), 1,
               "the heading's first item is not on page 2 with it");
}

Test(layout, heading_is_never_the_last_text_of_a_page) {
  for (int j = 1; j <= 80; j++) {
    struct heading_doc d = heading_doc(j, TAIL_ITEM);
    expect_no_heading_last(j);
    cr_assert_eq(page_of(d.heading), expect_on_one_page(d.first, NULL, NULL),
                 "%d items: the heading and its item are apart", j);
  }
}

/* compose.c emits the steps of a procedure as a heading, a step title
 * (BLK_SUBHEAD) and bullets. */
Test(layout, heading_followed_by_a_step_title_is_never_left_alone) {
  /* Regression: keep-with-next once looked only one piece ahead, so a
   * heading could stay alone at the bottom of a page while its step title
   * and first bullet moved on. layout.h promises it never stays there. */
  for (int j = 1; j <= 80; j++) {
    struct heading_doc d = heading_doc(j, TAIL_SUBHEAD);
    expect_no_heading_last(j);
    size_t hp = page_of(d.heading);
    cr_assert(hp == page_of(d.subhead) && hp == page_of(d.first),
              "%d items: heading on page %zu, step title on %zu, its first "
              "bullet on %zu",
              j, hp + 1, page_of(d.subhead) + 1, page_of(d.first) + 1);
  }
}

Test(layout, heading_before_an_item_taller_than_a_page_is_not_left_alone) {
  /* Regression: a heading before an item taller than a page once never
   * fitted "with its item" and stayed behind; only the item's first line
   * needs to stay with the heading. */
  for (int j = 1; j <= 60; j++) {
    struct heading_doc d = heading_doc(j, TAIL_HUGE);
    expect_no_heading_last(j);
    cr_assert_eq(page_of(d.heading), page_of(d.first),
                 "%d items: the heading and its item start on different "
                 "pages",
                 j);
  }
}
