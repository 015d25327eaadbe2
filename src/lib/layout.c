/*
 * Blocks -> pages. Each block becomes a "piece": rows of drawing operations
 * measured from the piece's top. Pieces are then placed down the page;
 * a piece that does not fit goes to the next page whole, unless it is
 * breakable (paragraphs) or taller than a page, in which case it breaks
 * between rows. In kk+ru mode the Kazakh and the Russian piece of a block
 * are built in their columns and merged row by row.
 */
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "wrap.h"

/* Page geometry, in points. */
#define MARGIN_LEFT 56.7
#define MARGIN_RIGHT 42.5
#define MARGIN_TOP 48.0
#define MARGIN_BOTTOM 64.0
#define CONTENT_WIDTH (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define GUTTER 18.0 /* between the kk and ru columns */
#define MARKER 24.0 /* kk+ru: the checkbox column in the left margin */

/* Type sizes and leadings. */
#define BODY 10.0
#define BODY_LEAD 13.0
#define SMALL 8.8
#define SMALL_LEAD 11.2
#define GRAY_TEXT 0.0
#define GRAY_SOFT 0.38 /* reasons, labels, footers */
#define GRAY_RULE 0.55

#define MAX_LINES 400

/* ------------------------------------------------------------------------
 * Pieces
 * ------------------------------------------------------------------------ */

struct piece {
  struct op *ops; /* y = distance of the baseline / top below the piece top */
  int *op_row;
  size_t n, cap;
  double *row_top; /* row_top[i]: top of row i; row_top[nrows]: the end */
  size_t nrows, rows_cap;
  int keep;           /* do not split, unless taller than a page */
  int keep_with_next; /* a heading: never the last thing on a page */
  double space_before, space_after;
  qujat_status st; /* sticky */
};

static void piece_free(struct piece *p) {
  free(p->ops);
  free(p->op_row);
  free(p->row_top);
  memset(p, 0, sizeof *p);
}

static double piece_height(const struct piece *p) {
  return p->nrows ? p->row_top[p->nrows] : 0;
}

/* Starts a row of `height` below the last; returns its top. */
static double new_row(struct piece *p, double height) {
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
static void space_after(struct piece *p, double extra) {
  p->space_after += extra;
}

/* The top of the next row, for an op drawn beside the rows to come. */
static double next_row_top(const struct piece *p) {
  return p->nrows ? p->row_top[p->nrows] : 0;
}

static void add_op(struct piece *p, struct op o) {
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

static void text_op(struct piece *p, int font, double size, double gray,
                    double x, double baseline, const char *s, size_t len) {
  struct op o = {.kind = OP_TEXT, .font = font, .size = size, .gray = gray,
                 .x = x, .y = baseline, .text = s, .len = len};
  add_op(p, o);
}

static void line_op(struct piece *p, double x, double y, double w, double h,
                    double stroke, double gray) {
  struct op o = {.kind = OP_LINE, .x = x, .y = y, .w = w, .h = h,
                 .stroke = stroke, .gray = gray};
  add_op(p, o);
}

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

struct measure_ctx {
  const struct metrics *m;
  int font;
  double size;
};

static double measure(const char *s, size_t len, void *user) {
  struct measure_ctx *c = user;
  return c->m->width(c->m->user, c->font, c->size, s, len);
}

struct builder {
  const struct metrics *m;
  struct piece *p;
  struct arena *arena; /* for texts the layout makes (item numbers) */
};

static double text_width(struct builder *B, int font, double size,
                         const char *s) {
  return B->m->width(B->m->user, font, size, s, strlen(s));
}

/* Wrapped text at (x, width), one row per line of `lead`; the first
 * baseline sits `size` below the row top. Returns the number of lines. */
static size_t paragraph(struct builder *B, const char *text, int font,
                        double size, double lead, double gray, double x,
                        double width) {
  struct wrap_line lines[MAX_LINES];
  struct measure_ctx c = {B->m, font, size};
  size_t n = qujat_wrap(text, width, measure, &c, lines, MAX_LINES);
  if (n > MAX_LINES) {
    B->p->st = QUJAT_ERR_LIMIT;
    return 0;
  }
  for (size_t i = 0; i < n; i++) {
    double top = new_row(B->p, lead);
    text_op(B->p, font, size, gray, x, top + size, text + lines[i].start,
            lines[i].len);
  }
  return n;
}

/* A text to wrap in a column. */
struct span {
  const char *text;
  int font;
  double size, gray, x, width;
};

/* Two texts wrapped in their columns, line k of one beside line k of the
 * other, one row per line pair. */
static void side_by_side(struct builder *B, const struct span *a,
                         const struct span *b, double lead) {
  const struct span *spans[2] = {a, b};
  struct wrap_line lines[2][MAX_LINES];
  size_t n[2];
  for (int k = 0; k < 2; k++) {
    struct measure_ctx c = {B->m, spans[k]->font, spans[k]->size};
    n[k] = qujat_wrap(spans[k]->text, spans[k]->width, measure, &c, lines[k],
                      MAX_LINES);
    if (n[k] > MAX_LINES) {
      B->p->st = QUJAT_ERR_LIMIT;
      return;
    }
  }
  for (size_t i = 0; i < n[0] || i < n[1]; i++) {
    double top = new_row(B->p, lead);
    for (int k = 0; k < 2; k++)
      if (i < n[k])
        text_op(B->p, spans[k]->font, spans[k]->size, spans[k]->gray,
                spans[k]->x, top + BODY, spans[k]->text + lines[k][i].start,
                lines[k][i].len);
  }
}

/* A single line with `right` flush right at x + width, e.g. an amount. */
static void right_aligned(struct builder *B, const char *s, int font,
                          double size, double gray, double right,
                          double baseline) {
  double w = text_width(B, font, size, s);
  text_op(B->p, font, size, gray, right - w, baseline, s, strlen(s));
}

/* ------------------------------------------------------------------------
 * Blocks
 * ------------------------------------------------------------------------ */

/* The width of the label column of the run of fields starting at `i`. */
static double field_label_width(struct builder *B, const struct blocks *bl,
                                size_t i, double width) {
  double w = 0;
  for (; i < bl->n && bl->v[i].kind == BLK_FIELD; i++) {
    double lw = text_width(B, FONT_REGULAR, SMALL, bl->v[i].label);
    if (lw > w)
      w = lw;
  }
  w += 10;
  return w > width * 0.45 ? width * 0.45 : w;
}

/* A numbered item with a box to tick. In kk+ru the box and the number hang
 * in the left margin, drawn by the Kazakh column only (`marker` 2), the
 * Russian column draws neither (`marker` 0); alone, they lead the text
 * (`marker` 1). */
static void build_item(struct builder *B, const struct block *b, double x,
                       double width, int marker) {
  struct piece *p = B->p;
  char *num = qujat_arena_alloc(B->arena, 16);
  if (!num) {
    p->st = QUJAT_ERR_NOMEM;
    return;
  }
  snprintf(num, 16, "%d.", b->number);
  int in_margin = marker != 1;
  double text_x = in_margin ? x : x + 34;
  double text_w = in_margin ? width : width - 34;
  double top = next_row_top(p);
  size_t first_row = p->nrows, first_op = p->n;
  if (marker) {
    double box_x = in_margin ? x - MARKER - 20 : x;
    double num_right = in_margin ? x - 4 : x + 31;
    if (b->box) {
      struct op box = {.kind = OP_BOX, .x = box_x, .y = top + BODY + 1.2,
                       .w = 8.4, .h = 8.4, .stroke = 0.8, .gray = 0};
      add_op(p, box);
    }
    double nw = text_width(B, FONT_REGULAR, BODY, num);
    text_op(p, FONT_REGULAR, BODY, GRAY_TEXT, num_right - nw, top + BODY, num,
            strlen(num));
  }
  size_t marks_end = p->n;
  paragraph(B, b->text, FONT_REGULAR, BODY, BODY_LEAD, GRAY_TEXT, text_x,
            text_w);
  if (p->st != QUJAT_OK)
    return;
  /* The marks drawn before the text belong to its first row. */
  for (size_t k = first_op; k < marks_end; k++)
    p->op_row[k] = (int)first_row;
  if (b->sub)
    paragraph(B, b->sub, FONT_REGULAR, SMALL, SMALL_LEAD, 0.2, text_x,
              text_w);
  if (b->sub2)
    paragraph(B, b->sub2, FONT_REGULAR, SMALL, SMALL_LEAD,
              b->weak ? GRAY_SOFT : 0.25, text_x, text_w);
  space_after(p, 4);
  p->keep = 1;
}

static void build_fee(struct builder *B, const struct block *b, double x,
                      double width, int total) {
  struct piece *p = B->p;
  int font = total ? FONT_BOLD : FONT_REGULAR;
  double amount_w = text_width(B, font, BODY, b->value) + 12;
  if (amount_w < 110)
    amount_w = 110;
  if (total) {
    double top = new_row(p, 5);
    line_op(p, x, top + 2, width, 0, 0.9, 0);
  }
  size_t label_row = p->nrows;
  paragraph(B, b->label, font, BODY, BODY_LEAD, GRAY_TEXT, x,
            width - amount_w);
  if (p->st != QUJAT_OK)
    return;
  right_aligned(B, b->value, font, BODY, GRAY_TEXT, x + width,
                p->row_top[label_row] + BODY);
  p->op_row[p->n - 1] = (int)label_row;
  if (b->sub)
    paragraph(B, b->sub, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT, x + 10,
              width - amount_w - 10);
  if (b->sub2)
    paragraph(B, b->sub2, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT, x + 10,
              width - amount_w - 10);
  if (!total) {
    double top = new_row(p, 5);
    line_op(p, x, top + 2.5, width, 0, 0.3, 0.7);
  }
  p->keep = 1;
}

/* A QR code, drawn as runs of dark modules, with its caption beside it. */
#define QR_MODULE 2.2 /* points: 25 modules make 55 pt, fine for phones */

static void build_qr(struct builder *B, const struct block *b, double x,
                     double width) {
  struct piece *p = B->p;
  const struct qr *q = b->qr;
  double side = q->size * QR_MODULE;
  new_row(p, 8); /* room above the code */
  size_t first = p->nrows, first_op = p->n;
  double top = next_row_top(p);
  for (int r = 0; r < q->size; r++) {
    for (int c = 0; c < q->size;) {
      if (!q->modules[r * q->size + c]) {
        c++;
        continue;
      }
      int run = c;
      while (run < q->size && q->modules[r * q->size + run])
        run++;
      struct op o = {.kind = OP_FILL, .x = x + c * QR_MODULE,
                     .y = top + r * QR_MODULE, .w = (run - c) * QR_MODULE,
                     .h = QR_MODULE, .gray = 0};
      add_op(p, o);
      c = run;
    }
  }
  size_t marks_end = p->n;
  double text_x = x + side + 14;
  paragraph(B, b->text, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT, text_x,
            width - side - 14);
  if (p->st != QUJAT_OK)
    return;
  if (p->nrows == first)
    new_row(p, 0);
  for (size_t k = first_op; k < marks_end; k++)
    p->op_row[k] = (int)first;
  /* The rows must be as tall as the code. */
  double end = top + side;
  if (piece_height(p) < end)
    new_row(p, end - piece_height(p));
  p->keep = 1;
}

static void build_warning(struct builder *B, const struct block *b, double x,
                          double width) {
  struct piece *p = B->p;
  double top0 = new_row(p, 4);
  size_t fill_at = p->n;
  struct op fill = {.kind = OP_FILL, .x = x, .y = top0, .w = width,
                    .gray = 0.9};
  add_op(p, fill); /* height set below, once the text is laid out */
  line_op(p, x, top0, 0, 0, 2.4, 0); /* a bar on the left, sized below */
  size_t bar_at = p->n - 1;
  text_op(p, FONT_BOLD, BODY, GRAY_TEXT, x + 7, top0 + 4 + BODY, "!", 1);
  paragraph(B, b->text, FONT_BOLD, 9.5, 12.5, GRAY_TEXT, x + 18,
            width - 26);
  double end = new_row(p, 5) + 5;
  if (p->st == QUJAT_OK) {
    p->ops[fill_at].h = end - top0;
    p->ops[bar_at].h = end - top0;
  }
  space_after(p, 5);
  p->keep = 1;
}

/* `marker`: how items draw their box and number (see build_item). */
static void build_block(struct builder *B, const struct blocks *bl, size_t i,
                        double x, double width, int marker) {
  const struct block *b = &bl->v[i];
  struct piece *p = B->p;
  switch (b->kind) {
  case BLK_TITLE:
    paragraph(B, b->text, FONT_BOLD, 17, 21, GRAY_TEXT, x, width);
    space_after(p, 2);
    p->keep = 1;
    break;
  case BLK_SUBTITLE:
    paragraph(B, b->text, FONT_REGULAR, 12.5, 16, GRAY_TEXT, x, width);
    space_after(p, 10);
    p->keep = 1;
    break;
  case BLK_FIELD: {
    size_t run = i;
    while (run > 0 && bl->v[run - 1].kind == BLK_FIELD)
      run--;
    double lw = field_label_width(B, bl, run, width);
    struct span label = {b->label, FONT_REGULAR, SMALL, GRAY_SOFT, x, lw - 6};
    struct span value = {b->value, FONT_REGULAR, BODY, GRAY_TEXT, x + lw,
                         width - lw};
    side_by_side(B, &label, &value, BODY_LEAD);
    space_after(p, i + 1 < bl->n && bl->v[i + 1].kind == BLK_FIELD ? 1 : 6);
    p->keep = 1;
    break;
  }
  case BLK_WARNING:
    build_warning(B, b, x, width);
    break;
  case BLK_HEADING: {
    p->space_before = 10;
    paragraph(B, b->text, FONT_BOLD, 11.5, 14.5, GRAY_TEXT, x, width);
    double top = new_row(p, 6);
    line_op(p, x, top + 2, width, 0, 0.6, GRAY_RULE);
    p->keep = 1;
    p->keep_with_next = 1;
    break;
  }
  case BLK_SUBHEAD:
    p->space_before = 4;
    paragraph(B, b->text, FONT_BOLD, BODY, BODY_LEAD, GRAY_TEXT, x, width);
    space_after(p, 1);
    p->keep = 1;
    p->keep_with_next = 1;
    break;
  case BLK_ITEM:
    build_item(B, b, x, width, marker);
    break;
  case BLK_BULLET: {
    size_t first = p->nrows, dash_op = p->n;
    text_op(p, FONT_REGULAR, 9.5, GRAY_TEXT, x + 2, next_row_top(p) + 9.5,
            "–", strlen("–"));
    paragraph(B, b->text, FONT_REGULAR, 9.5, 12.3, GRAY_TEXT, x + 12,
              width - 12);
    if (p->st != QUJAT_OK)
      break;
    p->op_row[dash_op] = (int)first;
    if (b->sub)
      paragraph(B, b->sub, FONT_REGULAR, SMALL, SMALL_LEAD, GRAY_SOFT,
                x + 12, width - 12);
    space_after(p, 3);
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
    paragraph(B, b->text, FONT_REGULAR, 9.5, 12.5, GRAY_TEXT, x, width);
    space_after(p, 3);
    break;
  case BLK_QR:
    if (b->qr && b->qr->size)
      build_qr(B, b, x, width);
    break;
  case BLK_FOOTER:
    paragraph(B, b->text, FONT_REGULAR, 7.2, 9, GRAY_SOFT, x, width);
    break;
  }
}

/* Block i of `bl` (and of `pair`, side by side) as one piece. */
static qujat_status build_piece(const struct metrics *m, struct arena *arena,
                                const struct blocks *bl,
                                const struct blocks *pair, size_t i,
                                double x, double width, struct piece *out) {
  memset(out, 0, sizeof *out);
  struct builder B = {m, out, arena};
  if (!pair) {
    build_block(&B, bl, i, x, width, 1);
    return out->st;
  }
  double colw = (width - GUTTER) / 2;
  struct piece left = {0}, right = {0};
  B.p = &left;
  build_block(&B, bl, i, x, colw, 2);
  B.p = &right;
  build_block(&B, pair, i, x + colw + GUTTER, colw, 0);
  qujat_status st = left.st != QUJAT_OK ? left.st : right.st;
  out->keep = left.keep || right.keep;
  out->keep_with_next = left.keep_with_next || right.keep_with_next;
  out->space_before = left.space_before > right.space_before
                          ? left.space_before
                          : right.space_before;
  out->space_after = left.space_after > right.space_after ? left.space_after
                                                          : right.space_after;
  /* The rows of the pair: every row boundary of either column. Each op
   * keeps its place; a page may break at any of these boundaries. */
  const struct piece *sides[2] = {&left, &right};
  double end = piece_height(&left) > piece_height(&right)
                   ? piece_height(&left)
                   : piece_height(&right);
  double at = 0;
  while (st == QUJAT_OK && at < end) {
    double next = end;
    for (int k = 0; k < 2; k++)
      for (size_t r = 0; r <= sides[k]->nrows; r++)
        if (sides[k]->row_top[r] > at && sides[k]->row_top[r] < next)
          next = sides[k]->row_top[r];
    new_row(out, next - at);
    for (int k = 0; k < 2; k++)
      for (size_t o = 0; o < sides[k]->n; o++) {
        double top = sides[k]->row_top[sides[k]->op_row[o]];
        if (top >= at && top < next)
          add_op(out, sides[k]->ops[o]);
      }
    at = next;
    st = out->st;
  }
  piece_free(&left);
  piece_free(&right);
  return st;
}

/* ------------------------------------------------------------------------
 * Pages
 * ------------------------------------------------------------------------ */

struct pager {
  struct layout *l;
  size_t page; /* the page being filled */
  double y;    /* distance from the top of the page to the next piece */
  double bottom;
  int fresh; /* nothing placed yet on this page */
  qujat_status st;
};

static void page_add(struct pager *P, struct op o) {
  struct lpage *pg = &P->l->pages[P->page];
  if (P->st != QUJAT_OK)
    return;
  if (pg->n == pg->cap) {
    size_t cap = pg->cap ? pg->cap * 2 : 128;
    struct op *v = realloc(pg->ops, cap * sizeof *v);
    if (!v) {
      P->st = QUJAT_ERR_NOMEM;
      return;
    }
    pg->ops = v;
    pg->cap = cap;
  }
  pg->ops[pg->n++] = o;
}

static void new_page(struct pager *P) {
  struct layout *l = P->l;
  if (P->st != QUJAT_OK)
    return;
  if (l->npages == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 4;
    struct lpage *v = realloc(l->pages, cap * sizeof *v);
    if (!v) {
      P->st = QUJAT_ERR_NOMEM;
      return;
    }
    l->pages = v;
    l->cap = cap;
  }
  P->page = l->npages;
  memset(&l->pages[l->npages++], 0, sizeof(struct lpage));
  P->y = l->npages == 1 ? MARGIN_TOP : MARGIN_TOP + 16;
  P->fresh = 1;
}

/* Places rows [from, to) of `p` with row `from` at the current y. */
static void place_rows(struct pager *P, const struct piece *p, size_t from,
                       size_t to) {
  double shift = P->y - p->row_top[from];
  for (size_t k = 0; k < p->n; k++) {
    if ((size_t)p->op_row[k] < from || (size_t)p->op_row[k] >= to)
      continue;
    struct op o = p->ops[k];
    double top = o.y + shift; /* from the top of the page */
    switch (o.kind) {
    case OP_TEXT:
    case OP_LINE:
      o.y = PAGE_HEIGHT - top;
      o.h = -o.h;
      break;
    case OP_BOX:
      o.y = PAGE_HEIGHT - top; /* o.y was the box's bottom */
      break;
    case OP_FILL:
      o.y = PAGE_HEIGHT - top - o.h;
      break;
    }
    page_add(P, o);
  }
  P->y += p->row_top[to] - p->row_top[from];
  P->fresh = 0;
}

/* The room of a page below its top margin. */
static double page_room(const struct pager *P) {
  return P->bottom - MARGIN_TOP - 16;
}

/* How much of what follows a heading must stay with it: the first row of
 * the next piece, or all of it when it is kept together (and fits on a
 * page); when the next piece is itself a heading (a step title), that
 * heading and what must stay with it in turn. `ahead[0..n)` are the pieces
 * after the heading. */
static double first_part(const struct pager *P, const struct piece *ahead,
                         size_t n) {
  if (n == 0 || ahead[0].nrows == 0)
    return 0;
  const struct piece *next = &ahead[0];
  double whole = piece_height(next) + next->space_before;
  if (next->keep_with_next)
    return whole + next->space_after + first_part(P, ahead + 1, n - 1);
  if (next->keep && whole <= page_room(P))
    return whole;
  return next->space_before + next->row_top[1];
}

/* Places `p`; `ahead[0..n)` are the pieces after it (for headings). */
static void place(struct pager *P, const struct piece *p,
                  const struct piece *ahead, size_t n) {
  double room = P->bottom - P->y;
  double space = P->fresh ? 0 : p->space_before;
  double need = piece_height(p) + space;
  if (p->keep_with_next)
    need += p->space_after + first_part(P, ahead, n);
  if (need > room && !P->fresh && (p->keep || p->keep_with_next) &&
      need <= page_room(P)) {
    new_page(P);
    space = 0;
  }
  P->y += space;
  /* Row by row, breaking where the page ends. */
  size_t from = 0;
  while (from < p->nrows && P->st == QUJAT_OK) {
    size_t to = from;
    while (to < p->nrows && p->row_top[to + 1] - p->row_top[from] <=
                                P->bottom - P->y + 0.01)
      to++;
    if (to == from) {
      if (P->fresh)
        to = from + 1; /* one row taller than a page: place it anyway */
      else {
        new_page(P);
        continue;
      }
    }
    place_rows(P, p, from, to);
    from = to;
    if (from < p->nrows)
      new_page(P);
  }
  P->y += p->space_after;
}

/* Room kept on the right of the footer for the page number. */
#define PAGE_NUMBER_ROOM 56.0

/* The footer, the page number "n / N" and (from page 2) a running header,
 * on page `page`. */
static void furniture(struct pager *P, const struct piece *footer,
                      const struct layout_info *info, const struct metrics *m,
                      size_t page) {
  struct layout *l = P->l;
  double left = MARGIN_LEFT, right = PAGE_WIDTH - MARGIN_RIGHT;
  P->page = page;
  struct op rule = {.kind = OP_LINE, .x = left, .y = MARGIN_BOTTOM - 12,
                    .w = right - left, .stroke = 0.4, .gray = GRAY_RULE};
  page_add(P, rule);
  if (footer) {
    P->y = PAGE_HEIGHT - (MARGIN_BOTTOM - 16);
    place_rows(P, footer, 0, footer->nrows);
  }
  char *num = qujat_arena_alloc(&l->arena, 32);
  if (!num) {
    P->st = QUJAT_ERR_NOMEM;
    return;
  }
  snprintf(num, 32, "%zu / %zu", page + 1, l->npages);
  double w = m->width(m->user, FONT_REGULAR, 8, num, strlen(num));
  struct op pn = {.kind = OP_TEXT, .font = FONT_REGULAR, .size = 8,
                  .gray = GRAY_SOFT, .x = right - w,
                  .y = MARGIN_BOTTOM - 16 - 7.2, .text = num,
                  .len = strlen(num)};
  page_add(P, pn);
  if (page == 0 || !info)
    return;
  double top = PAGE_HEIGHT - 30;
  if (info->running_right) {
    double rw = m->width(m->user, FONT_REGULAR, 7.5, info->running_right,
                         strlen(info->running_right));
    struct op r = {.kind = OP_TEXT, .font = FONT_REGULAR, .size = 7.5,
                   .gray = GRAY_SOFT, .x = right - rw, .y = top,
                   .text = info->running_right,
                   .len = strlen(info->running_right)};
    page_add(P, r);
  }
  if (info->running_left) {
    /* Cut the service title to the room left by the applicant's name. */
    double room = (right - left) * 0.7;
    size_t len = strlen(info->running_left);
    while (len > 0 &&
           m->width(m->user, FONT_REGULAR, 7.5, info->running_left, len) >
               room) {
      len--;
      while (len > 0 &&
             ((unsigned char)info->running_left[len] & 0xC0) == 0x80)
        len--;
    }
    struct op t = {.kind = OP_TEXT, .font = FONT_REGULAR, .size = 7.5,
                   .gray = GRAY_SOFT, .x = left, .y = top,
                   .text = info->running_left, .len = len};
    page_add(P, t);
  }
  struct op hr = {.kind = OP_LINE, .x = left, .y = top - 5, .w = right - left,
                  .stroke = 0.4, .gray = GRAY_RULE};
  page_add(P, hr);
}

qujat_status qujat_layout(const struct blocks *left,
                          const struct blocks *right,
                          const struct layout_info *info,
                          const struct metrics *m, struct layout *out,
                          qujat_error *err) {
  memset(out, 0, sizeof *out);
  qujat_arena_init(&out->arena);
  if (right && right->n != left->n)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the two languages do not have the same blocks");
  struct pager P = {out, 0, 0, PAGE_HEIGHT - MARGIN_BOTTOM, 1, QUJAT_OK};
  double x = MARGIN_LEFT, width = CONTENT_WIDTH;
  /* A window of pieces: the one to place and the ones a heading may need
   * to keep with it (a heading, a step title, the step's first line). */
  enum { LOOKAHEAD = 3 };
  struct piece win[LOOKAHEAD] = {{0}}, footer = {0};
  int have_footer = 0;
  qujat_status st = QUJAT_OK;
  new_page(&P);
  /* The footer block (the last) goes to the bottom of every page. */
  size_t n = left->n;
  if (n > 0 && left->v[n - 1].kind == BLK_FOOTER) {
    n--;
    st = build_piece(m, &out->arena, left, right, n, x,
                     width - PAGE_NUMBER_ROOM, &footer);
    have_footer = st == QUJAT_OK;
  }
  size_t built = 0; /* pieces built so far */
  for (size_t i = 0; st == QUJAT_OK && i < n; i++) {
    while (st == QUJAT_OK && built < n && built < i + LOOKAHEAD) {
      st = build_piece(m, &out->arena, left, right, built, x, width,
                       &win[built % LOOKAHEAD]);
      built++;
    }
    if (st != QUJAT_OK)
      break;
    struct piece ahead[LOOKAHEAD - 1];
    size_t nahead = 0;
    for (size_t k = i + 1; k < built; k++)
      ahead[nahead++] = win[k % LOOKAHEAD];
    place(&P, &win[i % LOOKAHEAD], ahead, nahead);
    piece_free(&win[i % LOOKAHEAD]);
    st = P.st;
  }
  /* Now that the number of pages is known: footers and page numbers. */
  for (size_t pg = 0; st == QUJAT_OK && pg < out->npages; pg++) {
    furniture(&P, have_footer ? &footer : NULL, info, m, pg);
    st = P.st;
  }
  for (size_t k = 0; k < LOOKAHEAD; k++)
    piece_free(&win[k]);
  piece_free(&footer);
  if (st != QUJAT_OK) {
    qujat_layout_free(out);
    return qujat_err_set(err, st, NULL, 0, 0, "cannot lay out the pages: %s",
                         qujat_strerror(st));
  }
  return QUJAT_OK;
}

void qujat_layout_free(struct layout *l) {
  for (size_t i = 0; i < l->npages; i++)
    free(l->pages[i].ops);
  free(l->pages);
  qujat_arena_free(&l->arena);
  memset(l, 0, sizeof *l);
}
