/* SPDX-License-Identifier: MIT */
/* Unit tests of page breaks in the layout (layout.c, suite layout; the
 * fixture of layout_test_fixture.h): (a) an item is never split between
 * pages unless it is taller than a page; paragraphs break between
 * lines. */
#include <criterion/criterion.h>

#include "layout/layout.h"
#include "layout_test_fixture.h"

Test(layout, long_list_makes_pages_and_never_splits_an_item) {
  long_list(BLK_ITEM);
  do_layout(0);
  cr_assert_geq(lay.npages, 4, "only %zu pages", lay.npages);

  size_t prev_page = 0;
  double prev_y = PAGE_HEIGHT;
  size_t box_index = 0;
  for (size_t i = 0; i < left.n; i++) {
    const struct block *b = &left.v[i];
    if (b->kind != BLK_ITEM)
      continue;
    struct hit lines[MAX_HITS];
    size_t n;
    size_t page = expect_on_one_page(b->text, lines, &n);
    if (b->sub)
      cr_expect_eq(expect_on_one_page(b->sub, NULL, NULL), page,
                   "item %d: its person is on another page", b->number);
    if (b->sub2)
      cr_expect_eq(expect_on_one_page(b->sub2, NULL, NULL), page,
                   "item %d: its reason is on another page", b->number);
    cr_expect_eq(page_of_exact(fmt("%d.", b->number)), page,
                 "item %d: its number is on another page", b->number);
    /* In reading order: after the item before it. */
    double y = lines[0].op->y;
    cr_expect(page > prev_page || (page == prev_page && y < prev_y),
              "item %d is out of order", b->number);
    prev_page = page;
    prev_y = y;
    /* Its box: the next box in page order, beside the first line. */
    size_t seen = 0;
    const struct op *box = NULL;
    for (size_t p = 0; p < lay.npages && !box; p++)
      for (size_t k = 0; k < lay.pages[p].n && !box; k++)
        if (lay.pages[p].ops[k].kind == OP_BOX && seen++ == box_index) {
          box = &lay.pages[p].ops[k];
          cr_expect_eq(p, page, "item %d: its box is on page %zu", b->number,
                       p + 1);
        }
    box_index++;
    cr_assert_not_null(box, "item %d has no box", b->number);
    cr_expect(box->y < y && y < box->y + box->h,
              "item %d: box %.1f..%.1f is not beside the baseline %.1f",
              b->number, box->y, box->y + box->h, y);
  }
  cr_expect_eq(box_index, LIST_ITEMS);
}

/* The control for the test above: the same texts as paragraphs, which may
 * break between lines, do cross page ends, so the fixture does put page
 * breaks where a multi-line item would be split. */
Test(layout, paragraphs_of_the_same_list_break_between_lines) {
  long_list(BLK_PARA);
  do_layout(0);
  size_t split = 0;
  for (size_t i = 0; i < left.n; i++) {
    if (left.v[i].kind != BLK_PARA)
      continue;
    struct hit lines[MAX_HITS];
    size_t n = hits_of(left.v[i].text, lines);
    expect_tiles(left.v[i].text, lines, n, 1);
    split += lines[0].page != lines[n - 1].page;
  }
  cr_expect_gt(split, 0, "no paragraph crosses a page end");
}

Test(layout, item_taller_than_a_page_is_split_between_lines) {
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  add_item(&left, 1, KK(1, 1200)); /* about 150 lines */
  add(&left, BLK_FOOTER, "Дереккөз");
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n = hits_of(left.v[1].text, lines);
  expect_tiles(left.v[1].text, lines, n, 1);
  cr_expect_geq(lay.npages, 2);
  cr_expect_eq(lines[n - 1].page, lay.npages - 1);
}
