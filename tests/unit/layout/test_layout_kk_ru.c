/* SPDX-License-Identifier: MIT */
/* Unit tests of the kk+ru layout (layout.c, suite layout; the fixture of
 * layout_test_fixture.h): (e) the two languages side by side in two
 * columns, the boxes and numbers in a column of their own inside the
 * margins, one box per person across both columns, an argument error when
 * their blocks differ, (f) the footer: the Kazakh line above the Russian,
 * across the page, a long one still on the page. */
#include <criterion/criterion.h>

#include <math.h>

#include "layout/layout.h"
#include "layout_test_fixture.h"

#define PAIR_ITEMS 40

/* The same blocks in Kazakh (left) and Russian (right); the Russian items
 * ask for boxes too, which only the Kazakh column may draw. */
static void pair_doc(const char *kk_footer) {
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  add(&right, BLK_TITLE, "Перечень документов");
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  add(&right, BLK_HEADING, "Документы, которые нужно представить");
  for (int i = 1; i <= PAIR_ITEMS; i++) {
    add_item(&left, i, KK(i, 4 + (i * 5) % 23));
    add_item(&right, i, RU(i, 3 + (i * 3) % 29));
  }
  add(&left, BLK_PARA, KK(900, 25));
  add(&right, BLK_PARA, RU(900, 25));
  add(&left, BLK_FOOTER, kk_footer);
  add(&right, BLK_FOOTER, "Источник: руководство Экспат-центра, 2026.");
}

/* Where the texts of the two languages are on `page`: the body, or the
 * footer. */
struct columns {
  size_t nleft, nright;
  double left_min, left_end, right_min;
};

static struct columns columns_of(size_t page, int footer) {
  struct columns c = {0, 0, PAGE_WIDTH, 0, PAGE_WIDTH};
  for (size_t k = 0; k < lay.pages[page].n; k++) {
    const struct op *o = &lay.pages[page].ops[k];
    const struct block *kk = owner_in(&left, o), *ru = owner_in(&right, o);
    if (kk && (kk->kind == BLK_FOOTER) == footer) {
      c.nleft++;
      c.left_min = fmin(c.left_min, o->x);
      c.left_end = fmax(c.left_end, o->x + op_width(o));
    } else if (ru && (ru->kind == BLK_FOOTER) == footer) {
      c.nright++;
      c.right_min = fmin(c.right_min, o->x);
    }
  }
  return c;
}

Test(layout, kk_ru_lays_the_languages_out_in_two_columns) {
  pair_doc("Дереккөз: Экспат орталығының нұсқаулығы, 2026.");
  do_layout(1);
  cr_assert_geq(lay.npages, 2);
  size_t boxes = 0;
  for (size_t p = 0; p < lay.npages; p++) {
    /* The body has its two columns. */
    struct columns c = columns_of(p, 0);
    cr_expect(c.nleft > 0 && c.nright > 0, "page %zu: %zu kk, %zu ru texts",
              p + 1, c.nleft, c.nright);
    cr_expect_lt(c.left_end, c.right_min,
                 "page %zu: the Kazakh column (to %.1f) runs into the "
                 "Russian one (from %.1f)",
                 p + 1, c.left_end, c.right_min);
    /* The footer: Kazakh above Russian, both from the left margin. */
    const struct op *kf = NULL, *rf = NULL;
    size_t footer_lines = 0;
    for (size_t k = 0; k < lay.pages[p].n; k++) {
      const struct op *o = &lay.pages[p].ops[k];
      if (draws(o, left.v[left.n - 1].text))
        kf = o, footer_lines++;
      else if (draws(o, right.v[right.n - 1].text))
        rf = o, footer_lines++;
    }
    cr_assert(kf && rf, "page %zu: a footer is missing", p + 1);
    cr_expect_eq(footer_lines, 2, "page %zu: the footer has %zu lines", p + 1,
                 footer_lines);
    cr_expect_gt(kf->y, rf->y, "page %zu: the Russian footer is not below",
                 p + 1);
    cr_expect(kf->x == rf->x && kf->x < c.left_min,
              "page %zu: the footers start at %.1f and %.1f", p + 1, kf->x,
              rf->x);
    for (size_t k = 0; k < lay.pages[p].n; k++) {
      const struct op *o = &lay.pages[p].ops[k];
      if (o->kind != OP_BOX)
        continue;
      boxes++;
      /* Inside the 20 mm margin, before the text, its number beside it. */
      cr_expect_geq(o->x, 56.6, "page %zu: a box in the margin (x %.1f)",
                    p + 1, o->x);
      cr_expect_leq(o->x + o->w, c.left_min - 10,
                    "page %zu: a box runs into the text", p + 1);
    }
  }
  cr_expect_eq(boxes, PAIR_ITEMS, "%zu boxes for %d items", boxes, PAIR_ITEMS);
  /* One number per item, and both languages of an item start on one
   * line. */
  for (size_t i = 0; i < left.n; i++) {
    if (left.v[i].kind != BLK_ITEM)
      continue;
    page_of_exact(fmt("%d.", left.v[i].number));
    struct hit kk[MAX_HITS], ru[MAX_HITS];
    size_t nk, nr;
    size_t pk = expect_on_one_page(left.v[i].text, kk, &nk);
    size_t pr = expect_on_one_page(right.v[i].text, ru, &nr);
    cr_expect_eq(pk, pr, "item %d: kk on page %zu, ru on %zu", left.v[i].number,
                 pk + 1, pr + 1);
    cr_expect_eq(kk[0].op->y, ru[0].op->y, "item %d: the columns disagree",
                 left.v[i].number);
  }
}

Test(layout, kk_ru_with_different_blocks_is_an_argument_error) {
  pair_doc("Дереккөз");
  right.n--; /* the Russian footer is missing */
  cr_expect_eq(try_layout(1), QUJAT_ERR_ARG);
  cr_expect_eq(lay_err.code, QUJAT_ERR_ARG);
  cr_expect_eq(lay.npages, 0, "pages left after an error");
}

/* (f) in the tightest place: a long Kazakh footer in half the width. */
Test(layout, kk_ru_long_footer_stays_on_the_page) {
  pair_doc("Дереккөз: Экспат орталығының нұсқаулығы, 2026 жылғы басылым "
           "(expat-guide-2026.pdf). Деректер дереккөзбен салыстырылған "
           "күн: 2026 жылғы 21 қараша. Барар алдында қолданыстағы "
           "талаптарды Экспат орталығынан нақтылаңыз.");
  do_layout(1); /* checks every op against the page */
  const char *footer = left.v[left.n - 1].text;
  struct hit h[MAX_HITS];
  size_t n = hits_of(footer, h);
  cr_expect_eq(n % lay.npages, 0);
  cr_expect_geq(n / lay.npages, 2, "the footer should wrap here");
}

/* The names under a document asked of several persons: one box each,
 * across both columns, the relation in both languages. */
Test(layout, kk_ru_names_one_box_per_person_in_both_languages) {
  static const char *const kk_names[] = {"SMITH JOHN", "SMITH JANE (әйелі)",
                                         "SMITH TOM (ұлы)"};
  static const char *const ru_names[] = {"SMITH JOHN", "SMITH JANE (супруга)",
                                         "SMITH TOM (сын)"};
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  add(&right, BLK_HEADING, "Документы, которые нужно представить");
  struct block *k = add_item(&left, 1, KK(1, 8)), *r = add_item(&right, 1, RU(1, 8));
  k->box = r->box = 0;
  k->lines = kk_names;
  r->lines = ru_names;
  k->nlines = r->nlines = 3;
  add(&left, BLK_FOOTER, "Дереккөз");
  add(&right, BLK_FOOTER, "Источник");
  do_layout(1);
  cr_assert_eq(lay.npages, 1);
  static const char *const want[] = {"SMITH JOHN", "SMITH JANE (әйелі / супруга)",
                                     "SMITH TOM (ұлы / сын)"};
  for (size_t i = 0; i < 3; i++)
    cr_expect_not_null(find_on(0, want[i]), "'%s' is not drawn", want[i]);
  size_t boxes = 0;
  for (size_t j = 0; j < lay.pages[0].n; j++)
    boxes += lay.pages[0].ops[j].kind == OP_BOX;
  cr_expect_eq(boxes, 3, "%zu boxes for 3 persons", boxes);
}
