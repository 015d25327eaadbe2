/* SPDX-License-Identifier: MIT */
/* The blocks of checklists, service overviews and fee slips as pieces. */
#include "layout/layout_internal.h"

#include <stdio.h>
#include <string.h>

/* The label column of the run of fields starting at `i`: the room its
 * labels want (`*want`), and the most it may take (`*cap`): 45 % of the
 * line, or what the widest value leaves when that is more (short values,
 * dates: the label need not wrap). */
static void field_label_room(struct builder *B, const struct blocks *bl,
                             size_t i, double width, double *want,
                             double *cap) {
  double w = 0, values = 0;
  for (; i < bl->n && bl->v[i].kind == BLK_FIELD; i++) {
    double lw = qujat_lp_text_width(B, FONT_REGULAR, SZ3(B, SMALL, SMALL, T_SMALL),
                                     bl->v[i].label);
    double vw = qujat_lp_text_width(B, FONT_REGULAR, SZ3(B, BODY, BODY, T_BODY),
                                     bl->v[i].value);
    if (lw > w)
      w = lw;
    if (vw > values)
      values = vw;
  }
  *want = w + 10;
  *cap = width - values - 6;
  if (*cap < width * 0.45)
    *cap = width * 0.45;
}

/* field_label_room of the run starting at `run`, worked out once for the
 * whole run. */
static void label_room(struct builder *B, const struct blocks *bl,
                       size_t run, double width, double *want, double *cap) {
  struct label_rooms *R = B->rooms;
  for (size_t k = 0; R && k < sizeof R->v / sizeof *R->v; k++) {
    const struct label_room *r = &R->v[k];
    if (r->bl == bl && r->run == run && r->width == width &&
        r->compact == B->compact) {
      *want = r->want;
      *cap = r->cap;
      return;
    }
  }
  field_label_room(B, bl, run, width, want, cap);
  if (R)
    R->v[R->next++ % (sizeof R->v / sizeof *R->v)] =
        (struct label_room){bl, run, width, *want, *cap, B->compact};
}

/* The names under a document asked of several persons, each after its
 * box to tick. */
#define NAME_SIZE 8.5
#define NAME_BOX 7.5

void qujat_lp_name_boxes(struct builder *B, const char *const *names,
                         size_t n, double x, double width) {
  struct piece *p = B->p;
  double cx = x, row_top = 0;
  for (size_t i = 0; i < n; i++) {
    double tw = qujat_lp_text_width(B, FONT_REGULAR, NAME_SIZE, names[i]);
    double need = NAME_BOX + 4 + tw;
    if (i == 0 || cx + need > x + width) {
      row_top = qujat_lp_new_row(p, NAME_SIZE + SZ3(B, 4.5, 3.5, 2.5));
      cx = x;
    }
    struct op box = {.kind = OP_BOX, .x = cx, .y = row_top + NAME_SIZE + 1.5,
                     .w = NAME_BOX, .h = NAME_BOX, .stroke = 0.7, .gray = 0};
    qujat_lp_add_op(p, box);
    qujat_lp_text_op(p, FONT_REGULAR, NAME_SIZE, GRAY_TEXT, cx + NAME_BOX + 4,
                     row_top + NAME_SIZE + 1, names[i], strlen(names[i]));
    cx += need + SZ3(B, 16, 16, 12);
  }
}

/* A numbered item with a box to tick. In kk+ru the box and the number
 * stand in the MARKER column before the two columns of text, inside the
 * page's margins, drawn by the Kazakh column only (`marker` 2), the
 * Russian column draws neither (`marker` 0); alone, they lead the text
 * (`marker` 1). */
static void build_item(struct builder *B, const struct block *b, double x,
                       double width, int marker) {
  struct piece *p = B->p;
  char *num = qujat_arena_alloc(B->arena, QUJAT_UINT_TEXT + 1);
  if (!num) {
    p->st = QUJAT_ERR_NOMEM;
    return;
  }
  strcpy(num + qujat_int_text(num, b->number), ".");
  int in_margin = marker != 1;
  double text_x = in_margin ? x : x + 34;
  double text_w = in_margin ? width : width - 34;
  double top = qujat_lp_next_row_top(p);
  double body = SZ3(B, BODY, C_BODY, T_BODY);
  double lead = SZ3(B, BODY_LEAD, C_BODY_LEAD, T_BODY_LEAD);
  double small = SZ3(B, SMALL, C_SMALL, T_SMALL);
  double small_lead = SZ3(B, SMALL_LEAD, C_SMALL_LEAD, T_SMALL_LEAD);
  size_t first_row = p->nrows, first_op = p->n;
  if (marker) {
    double box_x = in_margin ? x - MARKER : x;
    double num_right = in_margin ? x - 4 : x + 31;
    if (b->box) {
      struct op box = {.kind = OP_BOX, .x = box_x, .y = top + body + 1.2,
                       .w = 8.4, .h = 8.4, .stroke = 0.8, .gray = 0};
      qujat_lp_add_op(p, box);
    }
    double nw = qujat_lp_text_width(B, FONT_REGULAR, body, num);
    qujat_lp_text_op(p, FONT_REGULAR, body, GRAY_TEXT, num_right - nw,
                     top + body, num, strlen(num));
  }
  size_t marks_end = p->n;
  qujat_lp_paragraph(B, b->text, FONT_REGULAR, body, lead, GRAY_TEXT, text_x,
                     text_w);
  if (p->st != QUJAT_OK)
    return;
  /* The marks drawn before the text belong to its first row. */
  for (size_t k = first_op; k < marks_end; k++)
    p->op_row[k] = (int)first_row;
  if (b->sub)
    qujat_lp_paragraph(B, b->sub, FONT_REGULAR, small, small_lead, 0.2,
                       text_x, text_w);
  if (b->sub2)
    qujat_lp_paragraph(B, b->sub2, FONT_REGULAR, small, small_lead,
                       b->weak ? GRAY_SOFT : 0.25, text_x, text_w);
  if (!B->names_apart)
    qujat_lp_name_boxes(B, b->lines, b->nlines, text_x, text_w);
  qujat_lp_space_after(p, SZ3(B, 4, 2.5, 1.2));
  p->keep = 1;
}

static void build_fee(struct builder *B, const struct block *b, double x,
                      double width, int total) {
  struct piece *p = B->p;
  int font = total ? FONT_BOLD : FONT_REGULAR;
  double body = SZ3(B, BODY, BODY, T_BODY);
  double lead = SZ3(B, BODY_LEAD, BODY_LEAD, T_BODY_LEAD);
  double small = SZ3(B, SMALL, SMALL, T_SMALL);
  double small_lead = SZ3(B, SMALL_LEAD, SMALL_LEAD, T_SMALL_LEAD);
  double amount_w = qujat_lp_text_width(B, font, body, b->value) + 12;
  /* A fee's arithmetic may run under the amount's column when the amount
   * is short: the brief form keeps it to its lines. */
  if (amount_w < SZ(B, 110, 80))
    amount_w = SZ(B, 110, 80);
  if (total) {
    double top = qujat_lp_new_row(p, 5);
    qujat_lp_line_op(p, x, top + 2, width, 0, 0.9, 0);
  }
  size_t label_row = p->nrows;
  qujat_lp_paragraph(B, b->label, font, body, lead, GRAY_TEXT, x,
                     width - amount_w);
  if (p->st != QUJAT_OK)
    return;
  qujat_lp_right_aligned(B, b->value, font, body, GRAY_TEXT, x + width,
                         p->row_top[label_row] + body);
  p->op_row[p->n - 1] = (int)label_row;
  if (b->sub)
    qujat_lp_paragraph(B, b->sub, FONT_REGULAR, small, small_lead, GRAY_SOFT,
                       x + 10, width - amount_w - 10);
  if (b->sub2)
    qujat_lp_paragraph(B, b->sub2, FONT_REGULAR, small, small_lead, GRAY_SOFT,
                       x + 10, width - amount_w - 10);
  if (!total) {
    double top = qujat_lp_new_row(p, 5);
    qujat_lp_line_op(p, x, top + 2.5, width, 0, 0.3, 0.7);
  }
  p->keep = 1;
}

/* A QR code, drawn as rectangles of dark modules, with its caption beside
 * it. A rectangle is a run of dark modules in a row, carried down over
 * the rows below that have the same run, which the PDF fills with one
 * path (bench/README.md). */
#define QR_MODULE 2.2 /* points: 25 modules make 55 pt, fine for phones */

/* Whether row `r` of `q` has a run of dark modules from c0 to c1 (not
 * included): dark there, light or the edge on both sides. */
static int qr_run(const struct qr *q, int r, int c0, int c1) {
  if (r >= q->size || (c0 > 0 && q->modules[r * q->size + c0 - 1]) ||
      (c1 < q->size && q->modules[r * q->size + c1]))
    return 0;
  for (int c = c0; c < c1; c++)
    if (!q->modules[r * q->size + c])
      return 0;
  return 1;
}

static void build_qr(struct builder *B, const struct block *b, double x,
                     double width) {
  struct piece *p = B->p;
  const struct qr *q = b->qr;
  double side = q->size * QR_MODULE;
  qujat_lp_new_row(p, 8); /* room above the code */
  size_t first = p->nrows, first_op = p->n;
  double top = qujat_lp_next_row_top(p);
  for (int r = 0; r < q->size; r++) {
    for (int c = 0; c < q->size;) {
      if (!q->modules[r * q->size + c]) {
        c++;
        continue;
      }
      int run = c;
      while (run < q->size && q->modules[r * q->size + run])
        run++;
      /* A run the row above has too is part of its rectangle. */
      if (r == 0 || !qr_run(q, r - 1, c, run)) {
        int rows = 1;
        while (qr_run(q, r + rows, c, run))
          rows++;
        struct op o = {.kind = OP_FILL, .x = x + c * QR_MODULE,
                       .y = top + r * QR_MODULE, .w = (run - c) * QR_MODULE,
                       .h = rows * QR_MODULE, .gray = 0};
        qujat_lp_add_op(p, o);
      }
      c = run;
    }
  }
  size_t marks_end = p->n;
  double text_x = x + side + 14;
  qujat_lp_paragraph(B, b->text, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT, text_x,
            width - side - 14);
  if (p->st != QUJAT_OK)
    return;
  if (p->nrows == first)
    qujat_lp_new_row(p, 0);
  for (size_t k = first_op; k < marks_end; k++)
    p->op_row[k] = (int)first;
  /* The rows must be as tall as the code. */
  double end = top + side;
  if (qujat_lp_piece_height(p) < end)
    qujat_lp_new_row(p, end - qujat_lp_piece_height(p));
  p->keep = 1;
}

static void build_warning(struct builder *B, const struct block *b, double x,
                          double width) {
  struct piece *p = B->p;
  double pad = SZ3(B, 4, 3, 2.5), size = SZ3(B, 9.5, C_BODY, T_BODY);
  double top0 = qujat_lp_new_row(p, pad);
  size_t fill_at = p->n;
  struct op fill = {.kind = OP_FILL, .x = x, .y = top0, .w = width,
                    .gray = 0.9};
  qujat_lp_add_op(p, fill); /* height set below, once the text is laid out */
  qujat_lp_line_op(p, x, top0, 0, 0, 2.4, 0); /* a bar on the left, sized below */
  size_t bar_at = p->n - 1;
  qujat_lp_text_op(p, FONT_BOLD, SZ3(B, BODY, C_BODY, T_BODY), GRAY_TEXT,
                   x + SZ3(B, 7, 7, 5),
                   top0 + pad + SZ3(B, BODY, C_BODY, T_BODY), "!", 1);
  double inset = SZ3(B, 18, 18, 14);
  qujat_lp_paragraph(B, b->text, FONT_BOLD, size, SZ3(B, 12.5, C_BODY_LEAD, T_BODY_LEAD),
                     GRAY_TEXT, x + inset, width - inset - SZ3(B, 8, 8, 5));
  double end = qujat_lp_new_row(p, pad + 1) + pad + 1;
  if (p->st == QUJAT_OK) {
    p->ops[fill_at].h = end - top0;
    p->ops[bar_at].h = end - top0;
  }
  qujat_lp_space_after(p, SZ3(B, 5, 3, 2));
  p->keep = 1;
}

void qujat_lp_build_block(struct builder *B, const struct blocks *bl, size_t i,
                        double x, double width, int marker) {
  const struct block *b = &bl->v[i];
  struct piece *p = B->p;
  switch (b->kind) {
  case BLK_TITLE:
    qujat_lp_paragraph(B, b->text, FONT_BOLD, SZ3(B, 17, 15, 13.5),
                       SZ3(B, 21, 18.5, 16),
                       GRAY_TEXT, x, width);
    qujat_lp_space_after(p, 2);
    p->keep = 1;
    break;
  case BLK_SUBTITLE:
    qujat_lp_paragraph(B, b->text, FONT_REGULAR, SZ3(B, 12.5, 11.5, 10.5),
                       SZ3(B, 16, 14.5, 13), GRAY_TEXT, x, width);
    qujat_lp_space_after(p, SZ3(B, 10, 7, 5));
    p->keep = 1;
    break;
  case BLK_FIELD: {
    size_t run = i;
    while (run > 0 && bl->v[run - 1].kind == BLK_FIELD)
      run--;
    /* kk+ru: one label column in both languages, as wide as the labels of
     * either want and the values of both allow. */
    double lw, cap;
    label_room(B, bl, run, width, &lw, &cap);
    if (B->twin && B->twin->n == bl->n) {
      double tw, tcap;
      label_room(B, B->twin, run, width, &tw, &tcap);
      lw = tw > lw ? tw : lw;
      cap = tcap < cap ? tcap : cap;
    }
    if (lw > cap)
      lw = cap;
    struct span label = {b->label, FONT_REGULAR, SZ3(B, SMALL, SMALL, T_SMALL),
                         GRAY_SOFT, x, lw - 6};
    struct span value = {b->value, FONT_REGULAR, SZ3(B, BODY, BODY, T_BODY),
                         GRAY_TEXT, x + lw, width - lw};
    qujat_lp_side_by_side(B, &label, &value, SZ3(B, BODY_LEAD, 12, T_BODY_LEAD));
    qujat_lp_space_after(p, i + 1 < bl->n && bl->v[i + 1].kind == BLK_FIELD
                                ? SZ3(B, 1, 0.5, 0.5)
                                : SZ3(B, 6, 4, 3));
    p->keep = 1;
    break;
  }
  case BLK_WARNING:
    build_warning(B, b, x, width);
    break;
  case BLK_HEADING: {
    p->space_before = SZ3(B, 10, 7, 4);
    qujat_lp_paragraph(B, b->text, FONT_BOLD, SZ3(B, 11.5, 11, 10),
                       SZ3(B, 14.5, 13.5, 12), GRAY_TEXT, x, width);
    double top = qujat_lp_new_row(p, SZ3(B, 6, 5, 4));
    qujat_lp_line_op(p, x, top + 2, width, 0, 0.6, GRAY_RULE);
    p->keep = 1;
    p->keep_with_next = 1;
    break;
  }
  case BLK_SUBHEAD:
    p->space_before = 4;
    qujat_lp_paragraph(B, b->text, FONT_BOLD, BODY, BODY_LEAD, GRAY_TEXT, x, width);
    qujat_lp_space_after(p, 1);
    p->keep = 1;
    p->keep_with_next = 1;
    break;
  case BLK_ITEM:
    build_item(B, b, x, width, marker);
    break;
  case BLK_BULLET: {
    size_t first = p->nrows, dash_op = p->n;
    qujat_lp_text_op(p, FONT_REGULAR, 9.5, GRAY_TEXT, x + 2, qujat_lp_next_row_top(p) + 9.5,
            "–", strlen("–"));
    qujat_lp_paragraph(B, b->text, FONT_REGULAR, 9.5, 12.3, GRAY_TEXT, x + 12,
              width - 12);
    if (p->st != QUJAT_OK)
      break;
    p->op_row[dash_op] = (int)first;
    if (b->sub)
      qujat_lp_paragraph(B, b->sub, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT,
                x + 12, width - 12);
    qujat_lp_space_after(p, 3);
    p->keep = 1;
    break;
  }
  case BLK_FEE:
    build_fee(B, b, x, width, 0);
    break;
  case BLK_TOTAL:
    build_fee(B, b, x, width, 1);
    break;
  case BLK_PARA:
    qujat_lp_paragraph(B, b->text, FONT_REGULAR, SZ3(B, 9.5, 9.5, T_BODY),
                       SZ3(B, 12.5, 12.5, T_BODY_LEAD), GRAY_TEXT, x, width);
    qujat_lp_space_after(p, SZ3(B, 3, 3, 2));
    break;
  case BLK_QR:
    if (b->qr && b->qr->size)
      build_qr(B, b, x, width);
    break;
  case BLK_FOOTER:
    qujat_lp_paragraph(B, b->text, FONT_REGULAR, 7.2, 9, GRAY_SOFT, x, width);
    break;
  default:
    qujat_lp_build_letter_block(B, b, x, width);
    break;
  }
  if (b->keep_with_next)
    p->keep_with_next = 1;
  /* A list of two (items or bullets) is never split: its first stays with
   * the second. */
  if ((b->kind == BLK_ITEM || b->kind == BLK_BULLET) &&
      (i == 0 || bl->v[i - 1].kind != b->kind) && i + 1 < bl->n &&
      bl->v[i + 1].kind == b->kind &&
      (i + 2 >= bl->n || bl->v[i + 2].kind != b->kind))
    p->keep_with_next = 1;
}
