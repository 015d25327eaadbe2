/* SPDX-License-Identifier: MIT */
/* Unit tests of text in a content stream (pdf_text.c): each run is
 * [Tf] [g] Td Tj (TJ with the kerning of its pairs), with Tf and g only when the state in force changes, the
 * Td steps adding up to the run's position, runs sharing one BT block
 * until something else is drawn, and the CIDs of the run's font use. The
 * content streams are read back by pdf_reader.h. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "pdf/pdf_internal.h"
#include "pdf_reader.h"
#include "qujat/qujat.h"
#include "ttf_helpers.h"

TestSuite(pdf_text, .init = ttf_setup, .fini = ttf_teardown);

struct run {
  int font;
  double size, gray, x, y;
  const char *text;
};

/* Where a sequence of runs must put things, worked out here: the font,
 * size and gray each run draws with, and its position in thousandths. */
struct text_check {
  const struct font_use *uses; /* by font number */
  int font;                    /* -1: none yet on the page */
  long long size, gray;        /* thousandths; -1: unknown */
  long long x, y;              /* sum of Td within the block */
  int in_block;
};

/*
 * Checks the operators c->ops[*at..] written for `runs[0..n)`: each run
 * is [Tf] [g] Td Tj, Tf exactly when font or size differs from the one in
 * force, g exactly when the gray does or is unknown, Td the step from the
 * previous run (within the block) so that the steps add up to the run's
 * position rounded to 1/1000, and Tj the run's CIDs; TJ instead when a
 * pair of the run is kerned, with -kern (from the font's bytes) between
 * the CIDs it moves. A BT opens the first run when no block is open.
 */
static void check_runs(const struct content *c, size_t *at,
                       struct text_check *k, const struct run *runs, size_t n) {
  size_t i = *at;
  for (size_t r = 0; r < n; r++) {
    const struct run *run = &runs[r];
    if (!k->in_block) {
      cr_assert_lt(i, c->n);
      cr_assert_str_eq(c->ops[i].op, "BT", "run %zu: no BT", r);
      cr_expect_eq(c->ops[i].nnum, 0);
      i++;
      k->in_block = 1;
      k->x = k->y = 0;
    }
    long long size = llround(run->size * 1000),
              gray = llround(run->gray * 1000);
    cr_assert_lt(i, c->n, "run %zu: the operators end", r);
    if (run->font != k->font || size != k->size) {
      const struct cop *o = &c->ops[i++];
      cr_assert_str_eq(o->op, "Tf", "run %zu: '%s' where Tf was due", r, o->op);
      char want[16];
      snprintf(want, sizeof want, "F%d", run->font);
      cr_expect_str_eq(o->name, want, "run %zu", r);
      cr_assert_eq(o->nnum, 1);
      cr_expect_eq(o->num[0], size, "run %zu: size %lld", r, o->num[0]);
      k->font = run->font;
      k->size = size;
    }
    cr_assert_lt(i, c->n);
    if (k->gray < 0 || gray != k->gray) {
      const struct cop *o = &c->ops[i++];
      cr_assert_str_eq(o->op, "g", "run %zu: '%s' where g was due", r, o->op);
      cr_assert_eq(o->nnum, 1);
      cr_expect_eq(o->num[0], gray, "run %zu: gray %lld", r, o->num[0]);
      k->gray = gray;
    }
    cr_assert_lt(i, c->n);
    const struct cop *td = &c->ops[i++];
    cr_assert_str_eq(td->op, "Td", "run %zu: '%s' where Td was due", r, td->op);
    cr_assert_eq(td->nnum, 2);
    cr_expect(td->fine[0] && td->fine[1], "run %zu: more than 3 decimals", r);
    k->x += td->num[0];
    k->y += td->num[1];
    cr_expect_eq(k->x, llround(run->x * 1000), "run %zu: x %lld, want %.4f", r,
                 k->x, run->x);
    cr_expect_eq(k->y, llround(run->y * 1000), "run %zu: y %lld, want %.4f", r,
                 k->y, run->y);
    cr_assert_lt(i, c->n);
    const struct cop *tj = &c->ops[i++];
    /* The CIDs are those of the run's text in its font use. */
    const struct font_use *u = &k->uses[run->font];
    unsigned cids[256];
    uint32_t cps[256];
    cr_assert_lt(strlen(run->text), 256);
    size_t want = code_points(run->text, cps);
    const unsigned char *d = u->ttf == reg ? reg_bytes : bold_bytes;
    size_t dlen = u->ttf == reg ? reg_len : bold_len, nk = 0;
    long kern[256];
    size_t kern_at[256];
    for (size_t j = 1; j < want; j++) {
      int v = ref_kern(d, dlen, ref_glyph(d, dlen, cps[j - 1]),
                       ref_glyph(d, dlen, cps[j]));
      if (v) {
        kern[nk] = -v * 1000 / (int)ref_upem(d, dlen);
        kern_at[nk++] = 2 * j;
      }
    }
    cr_assert_str_eq(tj->op, nk ? "TJ" : "Tj", "run %zu: '%s' where %s was due",
                     r, tj->op, nk ? "TJ" : "Tj");
    cr_assert_eq(tj->nnum, 0);
    cr_assert_eq(tj->is_array, nk > 0, "run %zu", r);
    cr_assert_eq(tj->nadj, nk, "run %zu: %zu numbers for %zu kerned pairs", r,
                 tj->nadj, nk);
    for (size_t j = 0; j < nk; j++) {
      cr_expect_eq(tj->adj[j], kern[j], "run %zu, pair %zu", r, j);
      cr_expect_eq(tj->adj_at[j], kern_at[j], "run %zu, pair %zu", r, j);
    }
    size_t got = cop_cids(tj, cids, 256);
    cr_assert_eq(got, want, "run %zu: %zu CIDs for %zu characters", r, got,
                 want);
    for (size_t j = 0; j < got; j++) {
      cr_assert(cids[j] >= 1 && cids[j] <= u->n, "run %zu: CID %u", r, cids[j]);
      cr_expect_eq(u->cps[cids[j] - 1], cps[j], "run %zu, character %zu", r, j);
    }
  }
  *at = i;
}

/* Runs the runs through qujat_text_run into `out`. */
static void write_runs(struct text_state *t, struct buf *out,
                       const struct font_use *uses, const struct run *runs,
                       size_t n) {
  for (size_t r = 0; r < n; r++) {
    qujat_status st = qujat_text_run(
        t, out, &uses[runs[r].font], runs[r].font, runs[r].size, runs[r].gray,
        runs[r].x, runs[r].y, runs[r].text, strlen(runs[r].text));
    cr_assert_eq(st, QUJAT_OK, "run %zu: %s", r, qujat_strerror(st));
  }
}

/* Two font uses (regular F0, bold F1) of every character of `texts`. */
static void two_uses(struct font_use uses[2], const char *const *texts,
                     size_t n) {
  qujat_font_use_init(&uses[0], reg);
  qujat_font_use_init(&uses[1], bold);
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 2; k++)
      add_ok(&uses[k], texts[i]);
  for (int k = 0; k < 2; k++)
    cr_assert_eq(qujat_font_use_freeze(&uses[k]), QUJAT_OK);
}

/* Writes the runs on a new page and ends the text; parses what was
 * written into *c and checks the runs from its first operator on (see
 * check_runs). Returns the index of the operator after them. */
static size_t write_and_check(const struct font_use *uses,
                              const struct run *runs, size_t n,
                              struct content *c) {
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  write_runs(&t, &out, uses, runs, n);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  parse_content(out.data, out.len, c);
  qujat_buf_free(&out);
  struct text_check k = {uses, -1, 0, -1, 0, 0, 0};
  size_t at = 0;
  check_runs(c, &at, &k, runs, n);
  return at;
}

static size_t count_ops(const struct content *c, const char *op) {
  size_t n = 0;
  for (size_t i = 0; i < c->n; i++)
    n += strcmp(c->ops[i].op, op) == 0;
  return n;
}

Test(pdf_text, text_writes_exactly_these_operators) {
  struct font_use uses[2];
  static const char *const texts[] = {"ab"};
  two_uses(uses, texts, 1);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 72, 800, "ab", 2),
               QUJAT_OK);
  cr_assert_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 72, 785.6, "b", 1),
               QUJAT_OK);
  cr_assert_eq(
      qujat_text_run(&t, &out, &uses[1], 1, 8.5, 0.38, 100.25, 785.6, "a", 1),
      QUJAT_OK);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  static const char want[] = "BT\n/F0 12 Tf\n0 g\n72 800 Td\n(\0\1\0\2) Tj\n"
                             "0 -14.4 Td\n(\0\2) Tj\n"
                             "/F1 8.5 Tf\n0.38 g\n28.25 0 Td\n(\0\1) Tj\n"
                             "ET\n";
  cr_expect_eq(out.len, sizeof want - 1, "%zu bytes: %s", out.len, out.data);
  cr_expect_eq(memcmp(out.data, want, sizeof want - 1), 0, "%s", out.data);
  /* Ending again writes nothing. */
  cr_expect_eq(qujat_text_end(&t, &out), QUJAT_OK);
  cr_expect_eq(out.len, sizeof want - 1);
  qujat_buf_free(&out);
  for (int k = 0; k < 2; k++)
    qujat_font_use_free(&uses[k]);
}

Test(pdf_text, text_runs_share_one_block_and_set_state_on_change) {
  static const struct run runs[] = {
      {0, 12, 0, 72, 800, "Қазақ"},
      {0, 12, 0, 72, 785.6, "тілі"},          /* same state: Td and Tj */
      {1, 12, 0, 200.25, 785.6, "Ә"},         /* another font */
      {1, 10, 0, 200.25, 770, "ә"},           /* another size */
      {1, 10, 0.38, 56.7, 770.0004, "A"},     /* another gray; y rounds */
      {1, 10, 0.38, 56.7, 770.0006, "A"},     /* 0.001 higher */
      {1, 10, 0.38, 56.7004, 770.0014, "AA"}, /* rounds back: 0 0 */
      {0, 10, 0.38, 56.7, 10, "a"},           /* font only */
      {0, 10, 0, -5.5, -3.25, "қ"},           /* gray only; below 0 */
      {0, 10.0, 0, 1e4 + 0.0005, 0.0015, ""}, /* empty text */
      {1, 12, 1, 0, 0, "ӘA"},                 /* all three */
      {1, 12, 1, 0, 20, "Туған «ТАУ», AV"},  /* kerned: TJ */
  };
  enum { N = sizeof runs / sizeof *runs };
  const char *texts[N];
  for (size_t i = 0; i < N; i++)
    texts[i] = runs[i].text;
  struct font_use uses[2];
  two_uses(uses, texts, N);
  struct content c;
  size_t at = write_and_check(uses, runs, N, &c);
  cr_assert_eq(at + 1, c.n, "%zu operators after the runs", c.n - at);
  cr_expect_str_eq(c.ops[at].op, "ET");
  cr_expect_eq(count_ops(&c, "BT"), 1);
  cr_expect_eq(count_ops(&c, "ET"), 1);
  cr_expect_eq(count_ops(&c, "Tf"), 5, "Tf only on a change");
  cr_expect_eq(count_ops(&c, "g"), 4, "g only on a change");
  cr_expect_eq(count_ops(&c, "Td"), N);
  /* Tj or, for a kerned run (check_runs knows which), TJ. */
  cr_expect_eq(count_ops(&c, "Tj") + count_ops(&c, "TJ"), N);
  cr_expect_geq(count_ops(&c, "TJ"), 1);
  content_free(&c);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

Test(pdf_text, text_positions_add_up_over_many_runs) {
  static const char *const texts[] = {"ab", "Қазақстан", "тіл", "№ 12",
                                      "«Өтініш»"};
  struct font_use uses[2];
  two_uses(uses, texts, 5);
  static const double sizes[] = {8.8, 10, 12.5, 17};
  static const double grays[] = {0, 0.25, 0.38};
  enum { N = 2000 };
  struct run *runs = malloc(N * sizeof *runs);
  cr_assert_not_null(runs);
  for (size_t i = 0; i < N; i++) {
    runs[i].font = (int)(rnd() % 2);
    runs[i].size = rnd() % 4 ? sizes[1] : sizes[rnd() % 4];
    runs[i].gray = rnd() % 3 ? grays[0] : grays[rnd() % 3];
    /* Steps of 0.0001, so that most positions round. */
    runs[i].x = (double)(rnd() % 6000000) / 10000 - 1.2345;
    runs[i].y = (double)(rnd() % 8500000) / 10000 + 0.0049;
    runs[i].text = texts[rnd() % 5];
  }
  struct content c;
  size_t at = write_and_check(uses, runs, N, &c);
  cr_assert_eq(at + 1, c.n);
  cr_expect_str_eq(c.ops[at].op, "ET");
  cr_expect_eq(count_ops(&c, "BT"), 1);
  content_free(&c);
  free(runs);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

Test(pdf_text, text_blocks_fill_changes_and_pages) {
  static const struct run a[] = {{0, 12, 0.25, 72, 800, "ab"},
                                 {0, 12, 0.25, 80, 790, "ba"}};
  static const struct run b[] = {{0, 12, 0.25, 72, 700, "a"}};
  static const struct run c2[] = {{0, 12, 0.25, 72, 600, "b"},
                                  {0, 12, 0.25, 72, 590, "b"}};
  const char *texts[] = {"ab"};
  struct font_use uses[2];
  two_uses(uses, texts, 1);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  struct text_check k = {uses, -1, 0, -1, 0, 0, 0};
  /* A block; ET (a line is drawn); another block: the font and the fill
   * stay, the position starts again from the origin. */
  write_runs(&t, &out, uses, a, 2);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  cr_assert_eq(qujat_buf_adds(&out, "0 0 m 10 10 l S\n"), QUJAT_OK);
  write_runs(&t, &out, uses, b, 1);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  /* A filled box: the fill is unknown, so g again, though the same. */
  cr_assert_eq(qujat_buf_adds(&out, "0.9 g 0 0 5 5 re f\n"), QUJAT_OK);
  qujat_text_fill_changed(&t);
  write_runs(&t, &out, uses, c2, 2);
  /* Within a block too. */
  qujat_text_fill_changed(&t);
  write_runs(&t, &out, uses, b, 1);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  struct content c;
  parse_content(out.data, out.len, &c);
  size_t at = 0;
  check_runs(&c, &at, &k, a, 2);
  cr_assert_str_eq(c.ops[at++].op, "ET");
  k.in_block = 0;
  cr_assert_str_eq(c.ops[at++].op, "m");
  cr_assert_str_eq(c.ops[at++].op, "l");
  cr_assert_str_eq(c.ops[at++].op, "S");
  size_t before = at;
  check_runs(&c, &at, &k, b, 1);
  cr_expect_eq(at - before, 3, "BT Td Tj: no Tf or g in the second block");
  cr_expect_eq(c.ops[before + 1].num[0], 72000, "Td from the origin");
  cr_expect_eq(c.ops[before + 1].num[1], 700000, "Td from the origin");
  cr_assert_str_eq(c.ops[at++].op, "ET");
  k.in_block = 0;
  cr_assert_str_eq(c.ops[at++].op, "g");
  cr_assert_str_eq(c.ops[at++].op, "re");
  cr_assert_str_eq(c.ops[at++].op, "f");
  k.gray = -1; /* what qujat_text_fill_changed means */
  before = at;
  check_runs(&c, &at, &k, c2, 2);
  cr_expect_str_eq(c.ops[before + 1].op, "g", "no g after a fill");
  k.gray = -1;
  before = at;
  check_runs(&c, &at, &k, b, 1);
  cr_expect_str_eq(c.ops[before].op, "g", "no g after a fill in the block");
  cr_assert_eq(at + 1, c.n);
  cr_expect_str_eq(c.ops[at].op, "ET");
  content_free(&c);
  /* A new page: nothing is set, so Tf and g again. */
  qujat_buf_reset(&out);
  qujat_text_page(&t);
  write_runs(&t, &out, uses, b, 1);
  cr_assert_eq(qujat_text_end(&t, &out), QUJAT_OK);
  parse_content(out.data, out.len, &c);
  cr_assert_eq(c.n, 6);
  static const char *const want[] = {"BT", "Tf", "g", "Td", "Tj", "ET"};
  for (size_t i = 0; i < 6; i++)
    cr_expect_str_eq(c.ops[i].op, want[i], "operator %zu", i);
  content_free(&c);
  /* Nothing written on a page: no block to end. */
  qujat_buf_reset(&out);
  qujat_text_page(&t);
  cr_expect_eq(qujat_text_end(&t, &out), QUJAT_OK);
  cr_expect_eq(out.len, 0);
  qujat_buf_free(&out);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}

Test(pdf_text, text_of_a_character_not_added_is_an_error) {
  const char *texts[] = {"ab"};
  struct font_use uses[2];
  two_uses(uses, texts, 1);
  struct text_state t;
  qujat_text_page(&t);
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_expect_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 1, 2, "abc", 3),
               QUJAT_ERR_ARG);
  qujat_buf_free(&out);
  /* Past the buffer's cap. */
  qujat_buf_init(&out, 8);
  qujat_text_page(&t);
  cr_expect_eq(qujat_text_run(&t, &out, &uses[0], 0, 12, 0, 1, 2, "ab", 2),
               QUJAT_ERR_LIMIT);
  qujat_buf_free(&out);
  for (int i = 0; i < 2; i++)
    qujat_font_use_free(&uses[i]);
}
