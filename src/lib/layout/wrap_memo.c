/* SPDX-License-Identifier: MIT */
/*
 * The measure the layout wraps with, and the wrapped lines it keeps from
 * one document to the next.
 *
 * Most of what a batch wraps is the catalog's own text (the documents'
 * names and notes, the warnings), the same in every document of a service
 * and language; only a few lines are the applicant's. Measuring is a fifth
 * of the layout's work, so each thread keeps the lines it wrapped, keyed
 * by the whole question: the measure's identity (struct metrics), the
 * font, its size, the width and the text's bytes. A text is kept only the
 * second time it is wrapped, so that the applicants' names and dates, each
 * wrapped once, do not push out the texts that come back. A hit gives the
 * lines qujat_wrap would give: the output does not depend on the order of
 * the jobs or on the number of threads.
 *
 * The table is base's memo (memo.c): a quarter of a megabyte a thread,
 * emptied when full.
 */
#include <stdint.h>
#include <string.h>

#include "layout/layout_internal.h"

/* The catalog's texts of 1 000 one-page checklists are some 140 (22 KB).
 * Unbounded, a real intake of 5 000 jobs would keep 680 KB (the catalog's
 * texts in every service, language and form, and the names that come
 * back), and the table would go on growing to the peak RSS of 100 000
 * jobs. A quarter of a megabyte is full within the first 1 000 jobs, and
 * still answers 70 % of the wraps of 5 000 (a megabyte: 76 %). */
#define MAX_TEXT 4096
#define MAX_KEPT_LINES 64
#define BUDGET ((size_t)256 << 10)

static struct qujat_memo kept_lines = QUJAT_MEMO(BUDGET);

double qujat_lp_measure(const char *s, size_t len, void *user) {
  struct measure_ctx *c = user;
  return c->m->width(c->m->user, c->font, c->size, s, len);
}

static uint64_t double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

size_t qujat_lp_wrap(const struct metrics *m, int font, double size,
                     const char *text, double width, struct wrap_line *lines,
                     size_t max) {
  struct measure_ctx c = {m, font, size};
  size_t len = strlen(text);
  if (!(m->identity[0] || m->identity[1]) || len > MAX_TEXT)
    return qujat_wrap(text, width, qujat_lp_measure, &c, lines, max);
  const uint64_t head[] = {m->identity[0], m->identity[1], (uint64_t)font,
                           double_bits(size), double_bits(width)};
  struct qujat_memo_question q = {head, sizeof head / sizeof *head, text, len,
                                  0};
  size_t bytes = 0;
  const struct wrap_line *kept = qujat_memo_find(&kept_lines, &q, &bytes);
  if (kept) {
    size_t n = bytes / sizeof *kept;
    memcpy(lines, kept, (n < max ? n : max) * sizeof *lines);
    return n;
  }
  size_t n = qujat_wrap(text, width, qujat_lp_measure, &c, lines, max);
  if (n <= max && n <= MAX_KEPT_LINES)
    qujat_memo_offer(&kept_lines, &q, lines, n * sizeof *lines);
  return n;
}
