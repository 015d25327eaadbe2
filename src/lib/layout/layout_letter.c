/* SPDX-License-Identifier: MIT */
/*
 * The blocks of an invitation or request letter as pieces: the copy mark,
 * the letterhead, the addressee in the right half, the subject, the table
 * of invited persons, the signature with the place of the stamp.
 */
#include <string.h>

#include "layout/layout_internal.h"
#include "layout/layout.h"

#define LETTER_BODY 10.5
#define LETTER_LEAD 14.0
#define CELL_PAD 3.0
#define MAX_COLUMNS 10
/* The persons table's type: its size, shrunk down to the floor until every
 * word fits its column, the columns widened for what they hold (names never
 * break inside a word). */
#define TABLE_SIZE 9.0
#define TABLE_FLOOR 7.0
#define TITLE_SIZE 7.6
#define TITLE_FLOOR 6.5

/* The lines of a block, each wrapped to `width` at `x`. */
static void lines(struct builder *B, const struct block *b, int font,
                  double size, double lead, double gray, double x,
                  double width) {
  for (size_t i = 0; i < b->nlines; i++)
    qujat_lp_paragraph(B, b->lines[i], font, size, lead, gray, x, width);
}

/* The room of a pre-printed letterhead (--no-letterhead): about 40 mm. */
#define LETTERHEAD_ROOM 110.0

static void letterhead(struct builder *B, const struct block *b, double x,
                       double width) {
  struct piece *p = B->p;
  if (!b->text) {
    qujat_lp_new_row(p, LETTERHEAD_ROOM);
    p->keep = 1;
    return;
  }
  if (b->value) {
    /* Kazakh on the left, Russian on the right, line beside line, as
     * Kazakhstani companies print their letterheads. */
    double colw = (width - GUTTER) / 2, rx = x + colw + GUTTER;
    struct span kk = {b->text, FONT_BOLD, 12, GRAY_TEXT, x, colw};
    struct span ru = {b->value, FONT_BOLD, 12, GRAY_TEXT, rx, colw};
    qujat_lp_side_by_side(B, &kk, &ru, 15);
    qujat_lp_new_row(p, 2);
    size_t n = b->nlines > b->nlines2 ? b->nlines : b->nlines2;
    for (size_t i = 0; i < n; i++) {
      struct span a = {i < b->nlines ? b->lines[i] : "", FONT_REGULAR, SMALL,
                       GRAY_SOFT, x, colw};
      struct span c = {i < b->nlines2 ? b->lines2[i] : "", FONT_REGULAR, SMALL,
                       GRAY_SOFT, rx, colw};
      qujat_lp_side_by_side(B, &a, &c, SMALL_LEAD);
    }
  } else {
    qujat_lp_paragraph(B, b->text, FONT_BOLD, 13.5, 17, GRAY_TEXT, x, width);
    lines(B, b, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT, x, width);
  }
  double top = qujat_lp_new_row(p, 8);
  qujat_lp_line_op(p, x, top + 5, width, 0, 0.9, 0);
  qujat_lp_space_after(p, 12);
  p->keep = 1;
}

/* Widths of the columns of the persons table, as parts of the width:
 * No., surname, given names, relation, sex, birth date, citizenship,
 * passport No., issued, valid until. */
static const double column_share[] = {0.035, 0.13, 0.125, 0.095, 0.065,
                                      0.095, 0.14, 0.115, 0.095, 0.105};

/* The widest unbreakable unit (between spaces, or up to a hyphen inside a
 * word) of each column of rows [from, to) at `size`, into need[] (kept
 * when wider). */
static void widest_units(struct builder *B, const struct block *b, int from,
                         int to, int font, double size, double *need) {
  struct measure_ctx m = {B->m, font, size};
  for (int r = from; r < to; r++)
    for (int c = 0; c < b->ncols; c++) {
      const char *t = b->cells[r * b->ncols + c];
      size_t len = strlen(t), pos = 0;
      while (pos < len) {
        while (pos < len && t[pos] == ' ')
          pos++;
        size_t end = qujat_wrap_unit_end(t, pos, len);
        if (end > pos) {
          double w = qujat_lp_measure(t + pos, end - pos, &m) + 2 * CELL_PAD;
          if (w > need[c])
            need[c] = w;
        }
        pos = end;
      }
    }
}

/* Column widths that give every column at least `need` and share the rest
 * of `width` among the others by column_share; 0 when the needs alone are
 * wider than the table. */
static int fit_columns(const double *need, int ncols, double width,
                       double *colw) {
  int fixed[MAX_COLUMNS] = {0};
  double sum = 0;
  for (int c = 0; c < ncols; c++)
    sum += need[c];
  if (sum > width)
    return 0;
  for (int round = 0; round < ncols; round++) {
    double rest = width, shares = 0;
    for (int c = 0; c < ncols; c++) {
      if (fixed[c])
        rest -= need[c];
      else
        shares += column_share[c];
    }
    int changed = 0;
    for (int c = 0; c < ncols; c++) {
      if (fixed[c])
        continue;
      colw[c] = rest * column_share[c] / shares;
      if (colw[c] < need[c]) {
        fixed[c] = 1;
        changed = 1;
      }
    }
    if (!changed)
      break;
  }
  for (int c = 0; c < ncols; c++)
    if (fixed[c])
      colw[c] = need[c];
  return 1;
}

/* The type sizes of the table (column titles and persons) and its column
 * widths: the largest sizes, by quarter points down to the floors, at
 * which every unit of every cell fits its column, the columns widened for
 * what they hold at the expense of the others. At the floors with no fit,
 * the shares of the width (a unit wider than its column then breaks
 * between characters). */
static void fit_table(struct builder *B, const struct block *b, double width,
                      double *title, double *body, double *colw) {
  for (int k = 0;; k++) {
    double ts = TITLE_SIZE - 0.25 * k, bs = TABLE_SIZE - 0.25 * k;
    if (ts < TITLE_FLOOR)
      ts = TITLE_FLOOR;
    if (bs < TABLE_FLOOR)
      bs = TABLE_FLOOR;
    double need[MAX_COLUMNS] = {0};
    widest_units(B, b, 0, 1, FONT_BOLD, ts, need);
    widest_units(B, b, 1, b->nrows, FONT_REGULAR, bs, need);
    *title = ts;
    *body = bs;
    if (fit_columns(need, b->ncols, width, colw))
      return;
    if (ts == TITLE_FLOOR && bs == TABLE_FLOOR)
      break;
  }
  for (int c = 0; c < b->ncols; c++)
    colw[c] = column_share[c] * width;
}

/* One row of the table: the cells wrapped in their columns, a rule below
 * (and above the column titles), the column rules beside: a row is whole
 * on its own, at the foot of a page or under the titles repeated at the
 * top of the next. Sets p->st on failure. */
static void table_row(struct builder *B, const char *const *cells, int ncols,
                      double x, const double *colx, const double *colw,
                      int header, double size) {
  struct piece *p = B->p;
  int font = header ? FONT_BOLD : FONT_REGULAR;
  double lead = size * (header ? 1.25 : 1.28);
  struct wrap_line wl[MAX_COLUMNS][16];
  size_t n[MAX_COLUMNS], rows = 1;
  for (int c = 0; c < ncols; c++) {
    n[c] = qujat_lp_wrap(B->m, font, size, cells[c], colw[c] - 2 * CELL_PAD,
                         wl[c], 16);
    if (n[c] > 16) {
      p->st = QUJAT_ERR_LIMIT;
      return;
    }
    if (n[c] > rows)
      rows = n[c];
  }
  double height = rows * lead + 2 * CELL_PAD;
  double top = qujat_lp_new_row(p, height);
  double right = colx[ncols - 1] + colw[ncols - 1];
  if (header)
    qujat_lp_line_op(p, x, top, right - x, 0, 0.5, 0.2);
  qujat_lp_line_op(p, x, top + height, right - x, 0, 0.5, 0.2);
  for (int c = 0; c <= ncols; c++) {
    double cx = c < ncols ? colx[c] : right;
    qujat_lp_line_op(p, cx, top, 0, height, 0.5, 0.2);
  }
  for (int c = 0; c < ncols; c++)
    for (size_t k = 0; k < n[c]; k++)
      qujat_lp_text_op(p, font, size, GRAY_TEXT, colx[c] + CELL_PAD,
                       top + CELL_PAD + size + k * lead,
                       cells[c] + wl[c][k].start, wl[c][k].len);
}

static void table(struct builder *B, const struct block *b, double x,
                  double width) {
  struct piece *p = B->p;
  double colx[MAX_COLUMNS], colw[MAX_COLUMNS], at = x;
  int ncols = b->ncols;
  if (ncols > MAX_COLUMNS || ncols != (int)(sizeof column_share /
                                            sizeof column_share[0])) {
    p->st = QUJAT_ERR_ARG;
    return;
  }
  double title, body;
  fit_table(B, b, width, &title, &body, colw);
  for (int c = 0; c < ncols; c++) {
    colx[c] = at;
    at += colw[c];
  }
  p->space_before = 4;
  for (int r = 0; r < b->nrows && p->st == QUJAT_OK; r++)
    table_row(B, b->cells + r * ncols, ncols, x, colx, colw, r == 0,
              r == 0 ? title : body);
  p->repeat_rows = 1; /* the column titles */
  qujat_lp_space_after(p, 8);
}

/* The position on the left, a line to sign on, the name on the right, and
 * under the line the place of the stamp. */
static void signature(struct builder *B, const struct block *b, double x,
                      double width) {
  struct piece *p = B->p;
  p->space_before = 28;
  struct span left = {b->text, FONT_REGULAR, LETTER_BODY, GRAY_TEXT, x,
                      width * 0.36};
  double line_from = x + width * 0.39, line_to = x + width * 0.60;
  struct span right = {b->value ? b->value : "", FONT_REGULAR, LETTER_BODY,
                       GRAY_TEXT, line_to + 8, width - (line_to + 8 - x)};
  double top = qujat_lp_next_row_top(p);
  qujat_lp_side_by_side(B, &left, &right, LETTER_LEAD);
  qujat_lp_line_op(p, line_from, top + LETTER_BODY + 2, line_to - line_from,
                   0, 0.6, 0);
  p->op_row[p->n - 1] = p->op_row[p->n - 2];
  if (b->sub) {
    double stamp = qujat_lp_new_row(p, 30);
    double w = qujat_lp_text_width(B, FONT_REGULAR, SMALL, b->sub);
    qujat_lp_text_op(p, FONT_REGULAR, SMALL, GRAY_SOFT,
                     (line_from + line_to - w) / 2, stamp + 16, b->sub,
                     strlen(b->sub));
  }
  p->keep = 1;
}

int qujat_lp_build_letter_block(struct builder *B, const struct block *b,
                                double x, double width) {
  struct piece *p = B->p;
  switch (b->kind) {
  case BLK_COPYMARK: {
    double top = qujat_lp_new_row(p, 12);
    qujat_lp_right_aligned(B, b->text, FONT_REGULAR, 8, GRAY_SOFT, x + width,
                           top + 8);
    qujat_lp_space_after(p, 4);
    return 1;
  }
  case BLK_RUNHEAD: {
    /* The pages that continue a copy: its reference on the left, the copy
     * mark on the right, a rule below. */
    double top = qujat_lp_new_row(p, 12);
    double mw = qujat_lp_text_width(B, FONT_REGULAR, 8, b->value);
    qujat_lp_right_aligned(B, b->value, FONT_REGULAR, 8, GRAY_SOFT, x + width,
                           top + 8);
    qujat_lp_fit_text(B, b->text, FONT_REGULAR, 8, GRAY_SOFT, x, top + 8,
                      width - mw - 12);
    qujat_lp_line_op(p, x, top + 12, width, 0, 0.4, 0.5);
    qujat_lp_space_after(p, 10);
    p->running = 1;
    p->running_only = 1;
    return 1;
  }
  case BLK_PREPARED:
    p->space_before = 30;
    lines(B, b, FONT_REGULAR, 8, 10, GRAY_SOFT, x, width);
    p->keep = 1;
    return 1;
  case BLK_LETTERHEAD:
    letterhead(B, b, x, width);
    return 1;
  case BLK_ADDRESSEE:
    p->space_before = 4;
    lines(B, b, FONT_REGULAR, LETTER_BODY, LETTER_LEAD, GRAY_TEXT,
          x + width * 0.52, width * 0.48);
    qujat_lp_space_after(p, 18);
    p->keep = 1;
    return 1;
  case BLK_SUBJECT: {
    double w = qujat_lp_text_width(B, FONT_BOLD, 11, b->text);
    if (w <= width) {
      double top = qujat_lp_new_row(p, 15);
      qujat_lp_text_op(p, FONT_BOLD, 11, GRAY_TEXT, x + (width - w) / 2,
                       top + 11, b->text, strlen(b->text));
    } else {
      qujat_lp_paragraph(B, b->text, FONT_BOLD, 11, 15, GRAY_TEXT, x, width);
    }
    qujat_lp_space_after(p, 10);
    p->keep = 1;
    p->keep_with_next = 1;
    return 1;
  }
  case BLK_TABLE:
    table(B, b, x, width);
    return 1;
  case BLK_SIGNATURE:
    signature(B, b, x, width);
    return 1;
  case BLK_PAGEBREAK:
    p->page_break = 1;
    return 1;
  default:
    return 0;
  }
}
