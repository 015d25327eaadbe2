/* SPDX-License-Identifier: MIT */
/* Unit tests of the page furniture of the layout (layout.c, suite layout;
 * the fixture of layout_test_fixture.h): (c) every page's footer, page
 * number and running header, a long running title cut between
 * characters and a long name, both with an ellipsis, never overprinting. */
#include <criterion/criterion.h>

#include <math.h>
#include <string.h>

#include "layout/layout.h"
#include "layout/layout_internal.h" /* MARGIN_RIGHT */
#include "layout_test_fixture.h"

Test(layout, every_page_has_footer_page_number_and_running_header) {
  long_list(BLK_ITEM);
  info.running_left = "Қазақстан аумағында жұмыс визасын алу";
  info.running_right = "SMITH JOHN";
  do_layout(0);
  const char *footer = left.v[left.n - 1].text;
  size_t npages = lay.npages;
  cr_assert_geq(npages, 3);
  for (size_t p = 0; p < npages; p++) {
    /* The footer, whole, once per page, below all the body text. */
    struct hit h[MAX_HITS], on_p[MAX_HITS];
    size_t n = hits_of(footer, h), k = 0;
    for (size_t i = 0; i < n; i++)
      if (h[i].page == p)
        on_p[k++] = h[i];
    expect_tiles(footer, on_p, k, 1);
    double body_low = PAGE_HEIGHT, body_high = 0;
    for (size_t i = 0; i < lay.pages[p].n; i++) {
      const struct op *o = &lay.pages[p].ops[i];
      if (is_body(o)) {
        body_low = fmin(body_low, o->y);
        body_high = fmax(body_high, o->y + o->size);
      }
    }
    cr_expect_lt(on_p[0].op->y + on_p[0].op->size, body_low,
                 "page %zu: the footer reaches into the body", p + 1);

    /* "p / N", at the bottom right. */
    const struct op *num = find_on(p, fmt("%zu / %zu", p + 1, npages));
    cr_assert_not_null(num, "page %zu has no '%zu / %zu'", p + 1, p + 1,
                       npages);
    cr_expect_lt(num->y, body_low, "page %zu: the number is not at the bottom",
                 p + 1);
    cr_expect_gt(num->x, PAGE_WIDTH / 2, "page %zu: the number is not right",
                 p + 1);

    /* The running header from page 2 on, above the body. */
    size_t nl = 0, nr = 0;
    for (size_t i = 0; i < lay.pages[p].n; i++) {
      const struct op *o = &lay.pages[p].ops[i];
      if (o->kind == OP_TEXT && o->text == info.running_left) {
        nl++;
        cr_expect_eq(o->len, strlen(info.running_left), "cut although short");
        cr_expect_gt(o->y, body_high, "page %zu: header below the body", p + 1);
      }
      if (o->kind == OP_TEXT && o->text == info.running_right) {
        nr++;
        cr_expect_gt(o->y, body_high, "page %zu: header below the body", p + 1);
      }
    }
    cr_expect_eq(nl, p == 0 ? 0 : 1, "page %zu: %zu running titles", p + 1, nl);
    cr_expect_eq(nr, p == 0 ? 0 : 1, "page %zu: %zu running names", p + 1, nr);
  }
}

/* The running header's ops on page 2 that draw (a start of) `s`. */
static const struct op *running_op(const char *s) {
  for (size_t i = 0; i < lay.pages[1].n; i++) {
    const struct op *o = &lay.pages[1].ops[i];
    if (o->kind == OP_TEXT && o->len >= 6 && strncmp(o->text, s, 6) == 0 &&
        o->y > PAGE_HEIGHT - 40)
      return o;
  }
  return NULL;
}

static int ends_in_ellipsis(const struct op *o) {
  return o->len >= 3 && memcmp(o->text + o->len - 3, "\xe2\x80\xa6", 3) == 0;
}

Test(layout, long_running_title_is_cut_between_characters) {
  long_list(BLK_ITEM);
  info.running_left = repeat("ӘҒҚҢӨҰҮҺІ", 30, ""); /* 270 letters, no space */
  info.running_right = "SMITH JOHN";
  do_layout(0);
  cr_assert_geq(lay.npages, 2);
  const struct op *title = running_op(info.running_left);
  const struct op *name = running_op(info.running_right);
  cr_assert_not_null(title);
  cr_assert_not_null(name);
  cr_expect_eq(name->len, strlen(info.running_right), "a short name cut");
  cr_expect_lt(title->len, strlen(info.running_left), "not cut");
  cr_expect(ends_in_ellipsis(title), "cut without an ellipsis");
  cr_expect(qujat_utf8_valid(title->text, title->len, NULL, NULL),
            "cut inside a letter");
  cr_expect_lt(title->x + op_width(title), name->x,
               "the title runs into the applicant's name");
}

Test(layout, long_running_name_and_title_never_overprint) {
  /* A name as long as the line and a long title: the name keeps at most
   * 40 % of the line, the title the rest; both end in an ellipsis, with a
   * gap between them. */
  long_list(BLK_ITEM);
  info.running_left = repeat("Қазақстан аумағында жұмыс визасын алу ", 6, "");
  info.running_right = repeat("MONTGOMERY-WHITFIELD ALEXANDRA ", 6, "");
  do_layout(0);
  cr_assert_geq(lay.npages, 2);
  const struct op *title = running_op(info.running_left);
  const struct op *name = running_op(info.running_right);
  cr_assert_not_null(title);
  cr_assert_not_null(name);
  cr_expect(ends_in_ellipsis(title) && ends_in_ellipsis(name),
            "shortened without an ellipsis");
  cr_expect_lt(title->x + op_width(title) + 6, name->x, "they overprint");
  cr_expect_leq(name->x + op_width(name), PAGE_WIDTH - MARGIN_RIGHT + 0.01,
                "the name runs past the margin");
}
