/* SPDX-License-Identifier: MIT */
/* Unit tests of the rules and boxes of a rendered PDF (render_pdf.c writes
 * them itself, into the page's content beside the text): every OP_LINE and OP_BOX of the
 * layout is on its page, in order, as "w G m l S" or "w G re S" with the
 * layout's numbers to the thousandth, outside any text object; nothing else
 * is stroked. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "helpers.h"
#include "layout/layout.h"
#include "pdf/pdf_internal.h"
#include "pdf_reader.h"
#include "qujat/qujat.h"
#include "rules/rules.h"

TestSuite(pdf_paths, .init = fixture_setup, .fini = fixture_teardown);

static const struct ttf *fonts[NFONTS];

static double width(void *user, int font, double size, const char *s,
                    size_t len) {
  (void)user;
  return (double)qujat_ttf_text_width(fonts[font], s, len) * size / 1000.0;
}

/* The layout qujat_render_pdf_memory makes of `d`. */
static void layout_of(struct qujat_document *d, struct layout *lay) {
  struct blocks left = {0}, right = {0};
  cr_assert_eq(qujat_compose(d, &left, &err), QUJAT_OK, "%s", err.msg);
  if (d->pair)
    cr_assert_eq(qujat_compose(d->pair, &right, &err), QUJAT_OK);
  struct metrics m = {.width = width};
  struct layout_info info = {.running_left = left.n > 1 ? left.v[1].text
                                                       : NULL,
                             .running_right = d->applicant,
                             .bare = d->kind == QUJAT_DOC_LETTER,
                             .compact = d->brief};
  cr_assert_eq(qujat_layout(&left, d->pair ? &right : NULL, &info, &m, lay,
                            &err),
               QUJAT_OK, "%s", err.msg);
  qujat_blocks_free(&left);
  qujat_blocks_free(&right);
}

static long long milli(double v) { return llround(v * 1000.0); }

/* Checks that operator k of `c` is `op` with the numbers `want`. */
static void expect_op(const struct content *c, size_t k, const char *op,
                      const double *want, int n, const char *what) {
  cr_assert_lt(k, c->n, "%s: the page ends before its %s", what, op);
  const struct cop *o = &c->ops[k];
  cr_assert_str_eq(o->op, op, "%s: operator %zu", what, k);
  cr_assert_eq(o->nnum, n, "%s: %s has %d numbers", what, op, o->nnum);
  for (int i = 0; i < n; i++)
    cr_expect_eq(o->num[i], milli(want[i]), "%s: %s number %d: %lld, not %lld",
                 what, op, i, o->num[i], milli(want[i]));
}

/* The page's content against the layout's rules and boxes. */
static size_t check_page(const struct content *c, const struct lpage *lp,
                         size_t page) {
  size_t next = 0, k = 0, found = 0;
  int in_text = 0;
  char what[64];
  snprintf(what, sizeof what, "page %zu", page + 1);
  for (; k < c->n; k++) {
    const char *op = c->ops[k].op;
    if (!strcmp(op, "BT"))
      in_text = 1;
    else if (!strcmp(op, "ET"))
      in_text = 0;
    if (strcmp(op, "w") != 0) {
      cr_expect(strcmp(op, "S") && strcmp(op, "G") && strcmp(op, "m") &&
                    strcmp(op, "l"),
                "%s: %s not in a rule or a box", what, op);
      continue;
    }
    cr_assert(!in_text, "%s: a path inside a text object", what);
    while (next < lp->n && lp->ops[next].kind != OP_LINE &&
           lp->ops[next].kind != OP_BOX)
      next++;
    cr_assert_lt(next, lp->n, "%s: more paths than the layout has", what);
    const struct op *o = &lp->ops[next++];
    const double style[2][1] = {{o->stroke}, {o->gray}};
    expect_op(c, k, "w", style[0], 1, what);
    expect_op(c, k + 1, "G", style[1], 1, what);
    if (o->kind == OP_LINE) {
      const double from[2] = {o->x, o->y}, to[2] = {o->x + o->w, o->y + o->h};
      expect_op(c, k + 2, "m", from, 2, what);
      expect_op(c, k + 3, "l", to, 2, what);
      expect_op(c, k + 4, "S", NULL, 0, what);
      k += 4;
    } else {
      const double box[4] = {o->x, o->y, o->w, o->h};
      expect_op(c, k + 2, "re", box, 4, what);
      expect_op(c, k + 3, "S", NULL, 0, what);
      k += 3;
    }
    found++;
  }
  while (next < lp->n && lp->ops[next].kind != OP_LINE &&
         lp->ops[next].kind != OP_BOX)
    next++;
  cr_expect_eq(next, lp->n, "%s: a rule or box of the layout not drawn", what);
  return found;
}

static void check_document(qujat_doc_kind kind, const char *service,
                           qujat_lang lang, int brief) {
  use_fixture("smith-family.xml");
  qujat_request req = request_of(kind, service, "2026-11-21", lang);
  req.brief = brief;
  cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "build: %s", err.msg);
  cr_assert_eq(qujat_fonts_get(cat, fonts, &err), QUJAT_OK);
  struct layout lay = {0};
  layout_of((struct qujat_document *)doc, &lay);
  unsigned char *p = NULL;
  size_t plen = 0;
  cr_assert_eq(qujat_render_pdf_memory(doc, &p, &plen, &err), QUJAT_OK,
               "render: %s", err.msg);
  test_unpack_pdf(&p, &plen);
  struct pdf_file pdf;
  pdf_open(&pdf, p, plen);
  size_t page = 0, paths = 0;
  for (unsigned long i = 1; i < pdf.nobj; i++) {
    if (!pdf.obj[i])
      continue;
    char *dict = pdf_dict(&pdf, i), type[64];
    pdf_name(dict, "Type", type, sizeof type);
    if (strcmp(type, "Page") == 0) {
      cr_assert_lt(page, lay.npages, "more pages than the layout");
      size_t clen;
      char *content =
          (char *)pdf_stream(&pdf, pdf_ref(dict, "Contents"), &clen);
      struct content c;
      parse_content(content, clen, &c);
      paths += check_page(&c, &lay.pages[page], page);
      page++;
      content_free(&c);
      free(content);
    }
    free(dict);
  }
  cr_expect_eq(page, lay.npages);
  cr_expect_gt(paths, 0, "no rule or box at all");
  qujat_layout_free(&lay);
  free(p);
}

Test(pdf_paths, a_checklist_draws_the_boxes_and_rules_of_its_layout) {
  check_document(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", QUJAT_LANG_KK, 0);
  check_document(QUJAT_DOC_CHECKLIST, "work-visa-in-kz", QUJAT_LANG_KK_RU, 1);
}

Test(pdf_paths, a_letter_and_a_fee_slip_too) {
  check_document(QUJAT_DOC_LETTER, "work-visa-invitation", QUJAT_LANG_RU, 0);
  check_document(QUJAT_DOC_FEES, "work-visa-invitation", QUJAT_LANG_EN, 0);
}
