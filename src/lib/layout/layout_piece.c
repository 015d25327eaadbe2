/* SPDX-License-Identifier: MIT */
/* Pieces: rows of drawing operations, and the text helpers that fill
 * them. */
#include "layout/layout_internal.h"

#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"

void qujat_lp_piece_free(struct piece *p) {
  free(p->ops);
  free(p->op_row);
  free(p->row_top);
  memset(p, 0, sizeof *p);
}

double qujat_lp_piece_height(const struct piece *p) {
  return p->nrows ? p->row_top[p->nrows] : 0;
}

/* Starts a row of `height` below the last; returns its top. */
double qujat_lp_new_row(struct piece *p, double height) {
  if (p->st != QUJAT_OK)
    return 0;
  if (p->nrows + 2 > p->rows_cap) {
    size_t cap = p->rows_cap ? p->rows_cap * 2 : 16;
    double *v = realloc(p->row_top, cap * sizeof *v);
    if (!v) {
      p->st = QUJAT_ERR_NOMEM;
      return 0;
    }
    p->row_top = v;
    p->rows_cap = cap;
  }
  if (p->nrows == 0)
    p->row_top[0] = 0;
  double top = p->row_top[p->nrows];
  p->row_top[++p->nrows] = top + height;
  return top;
}

/* Space after the piece: not part of any row, so that the two columns of
 * kk+ru keep their lines aligned. */
void qujat_lp_space_after(struct piece *p, double extra) {
  p->space_after += extra;
}

/* The top of the next row, for an op drawn beside the rows to come. */
double qujat_lp_next_row_top(const struct piece *p) {
  return p->nrows ? p->row_top[p->nrows] : 0;
}

void qujat_lp_add_op(struct piece *p, struct op o) {
  if (p->st != QUJAT_OK)
    return;
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 64;
    struct op *v = realloc(p->ops, cap * sizeof *v);
    int *r = realloc(p->op_row, cap * sizeof *r);
    if (v)
      p->ops = v;
    if (r)
      p->op_row = r;
    if (!v || !r) {
      p->st = QUJAT_ERR_NOMEM;
      return;
    }
    p->cap = cap;
  }
  p->op_row[p->n] = p->nrows ? (int)p->nrows - 1 : 0;
  p->ops[p->n++] = o;
}

void qujat_lp_text_op(struct piece *p, int font, double size, double gray,
                    double x, double baseline, const char *s, size_t len) {
  struct op o = {.kind = OP_TEXT, .font = font, .size = size, .gray = gray,
                 .x = x, .y = baseline, .text = s, .len = len};
  qujat_lp_add_op(p, o);
}

void qujat_lp_line_op(struct piece *p, double x, double y, double w, double h,
                    double stroke, double gray) {
  struct op o = {.kind = OP_LINE, .x = x, .y = y, .w = w, .h = h,
                 .stroke = stroke, .gray = gray};
  qujat_lp_add_op(p, o);
}

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

double qujat_lp_text_width(struct builder *B, int font, double size,
                         const char *s) {
  return B->m->width(B->m->user, font, size, s, strlen(s));
}

/* Wrapped text at (x, width), one row per line of `lead`; the first
 * baseline sits `size` below the row top. Returns the number of lines. */
size_t qujat_lp_paragraph(struct builder *B, const char *text, int font,
                        double size, double lead, double gray, double x,
                        double width) {
  struct wrap_line lines[MAX_LINES];
  size_t n = qujat_lp_wrap(B->m, font, size, text, width, lines, MAX_LINES);
  if (n > MAX_LINES) {
    B->p->st = QUJAT_ERR_LIMIT;
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    double top = qujat_lp_new_row(B->p, lead);
    qujat_lp_text_op(B->p, font, size, gray, x, top + size, text + lines[i].start,
            lines[i].len);
  }
  return n;
}

/* Two texts wrapped in their columns, line k of one beside line k of the
 * other, one row per line pair. */
void qujat_lp_side_by_side(struct builder *B, const struct span *a,
                         const struct span *b, double lead) {
  const struct span *spans[2] = {a, b};
  struct wrap_line lines[2][MAX_LINES];
  size_t n[2];
  for (int k = 0; k < 2; k++) {
    n[k] = qujat_lp_wrap(B->m, spans[k]->font, spans[k]->size,
                         spans[k]->text, spans[k]->width, lines[k],
                         MAX_LINES);
    if (n[k] > MAX_LINES) {
      B->p->st = QUJAT_ERR_LIMIT;
      return;
    }
  }
  for (size_t i = 0; i < n[0] || i < n[1]; i++) {
    double top = qujat_lp_new_row(B->p, lead);
    for (int k = 0; k < 2; k++)
      if (i < n[k])
        qujat_lp_text_op(B->p, spans[k]->font, spans[k]->size, spans[k]->gray,
                spans[k]->x, top + BODY, spans[k]->text + lines[k][i].start,
                lines[k][i].len);
  }
}

/* A single line with `right` flush right at x + width, e.g. an amount. */
void qujat_lp_right_aligned(struct builder *B, const char *s, int font,
                          double size, double gray, double right,
                          double baseline) {
  double w = qujat_lp_text_width(B, font, size, s);
  qujat_lp_text_op(B->p, font, size, gray, right - w, baseline, s, strlen(s));
}

void qujat_lp_fit_text(struct builder *B, const char *s, int font,
                       double size, double gray, double x, double baseline,
                       double room) {
  static const char ellipsis[] = "\xe2\x80\xa6";
  struct measure_ctx m = {B->m, font, size};
  size_t len = strlen(s);
  if (qujat_lp_measure(s, len, &m) <= room) {
    qujat_lp_text_op(B->p, font, size, gray, x, baseline, s, len);
    return;
  }
  char *t = qujat_arena_alloc(B->arena, len + sizeof ellipsis);
  if (!t) {
    B->p->st = QUJAT_ERR_NOMEM;
    return;
  }
  /* The text and its ellipsis measured together, as they are drawn: the
   * pair they make may be kerned. */
  memcpy(t, s, len);
  memcpy(t + len, ellipsis, sizeof ellipsis);
  while (len > 0 && qujat_lp_measure(t, len + 3, &m) > room) {
    len--;
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
      len--;
    memcpy(t + len, ellipsis, sizeof ellipsis);
  }
  while (len > 0 && s[len - 1] == ' ')
    len--;
  memcpy(t + len, ellipsis, sizeof ellipsis);
  qujat_lp_text_op(B->p, font, size, gray, x, baseline, t, strlen(t));
}
