/* SPDX-License-Identifier: MIT */
/*
 * Blocks -> pages. Each block becomes a "piece": rows of drawing operations
 * measured from the piece's top. Pieces are then placed down the page;
 * a piece that does not fit goes to the next page whole, unless it is
 * breakable (paragraphs) or taller than a page, in which case it breaks
 * between rows. In kk+ru mode the Kazakh and the Russian piece of a block
 * are built in their columns and merged row by row.
 *
 * A page break piece starts a section (a copy of a letter); the pages are
 * numbered within their section. A page that continues a section carries
 * the section's running piece (the copy mark) at its top, and a table cut
 * between rows its column titles again.
 */
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "layout/layout_internal.h"

/* Marks the ops of `p` as drawing block i, on `side` (struct op). */
static void stamp(struct piece *p, size_t i, int side) {
  for (size_t k = 0; k < p->n; k++) {
    p->ops[k].block = (int)i + 1;
    p->ops[k].side = side;
  }
}

/* A person named in both languages: "SMITH JANE (әйелі)" and "SMITH JANE
 * (супруга)" make "SMITH JANE (әйелі / супруга)"; the same name once; else
 * both, with a slash. In `a`; NULL when out of memory. */
static const char *both_names(struct arena *a, const char *kk,
                              const char *ru) {
  if (strcmp(kk, ru) == 0)
    return kk;
  const char *kp = strstr(kk, " ("), *rp = strstr(ru, " (");
  size_t kl = strlen(kk), rl = strlen(ru);
  size_t buf = kl + rl + 4;
  char *out = qujat_arena_alloc(a, buf);
  if (!out)
    return NULL;
  if (kp && rp && kp - kk == rp - ru && memcmp(kk, ru, (size_t)(kp - kk)) == 0 &&
      kk[kl - 1] == ')' && ru[rl - 1] == ')')
    snprintf(out, buf, "%.*s / %s", (int)(kl - 1), kk, rp + 2);
  else
    snprintf(out, buf, "%s / %s", kk, ru);
  return out;
}

/* Block i of `bl` (and of `pair`, side by side) as one piece. */
static qujat_status build_piece(const struct builder *base,
                                const struct blocks *bl,
                                const struct blocks *pair, size_t i,
                                double x, double width, struct piece *out) {
  memset(out, 0, sizeof *out);
  struct builder B = *base;
  B.p = out;
  if (!pair) {
    qujat_lp_build_block(&B, bl, i, x, width, 1);
    stamp(out, i, 0);
    return out->st;
  }
  if (bl->v[i].kind == BLK_FOOTER) {
    /* The footer: the Kazakh line above the Russian, each across the
     * page, two lines in all. */
    qujat_lp_build_block(&B, bl, i, x, width, 0);
    size_t kk_ops = out->n;
    qujat_lp_build_block(&B, pair, i, x, width, 0);
    stamp(out, i, 1);
    for (size_t k = 0; k < kk_ops; k++)
      out->ops[k].side = 0;
    return out->st;
  }
  double colw = (width - GUTTER) / 2;
  struct piece left = {0}, right = {0};
  const struct block *kb = &bl->v[i], *rb = &pair->v[i];
  B.names_apart = kb->kind == BLK_ITEM && kb->nlines > 0 &&
                  rb->nlines == kb->nlines;
  B.p = &left;
  B.twin = pair;
  qujat_lp_build_block(&B, bl, i, x, colw, 2);
  B.p = &right;
  B.twin = bl;
  qujat_lp_build_block(&B, pair, i, x + colw + GUTTER, colw, 0);
  stamp(&left, i, 0);
  stamp(&right, i, 1);
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
  double end = qujat_lp_piece_height(&left) > qujat_lp_piece_height(&right)
                   ? qujat_lp_piece_height(&left)
                   : qujat_lp_piece_height(&right);
  double at = 0;
  while (st == QUJAT_OK && at < end) {
    double next = end;
    for (int k = 0; k < 2; k++)
      for (size_t r = 0; r <= sides[k]->nrows; r++)
        if (sides[k]->row_top[r] > at && sides[k]->row_top[r] < next)
          next = sides[k]->row_top[r];
    qujat_lp_new_row(out, next - at);
    for (int k = 0; k < 2; k++)
      for (size_t o = 0; o < sides[k]->n; o++) {
        double top = sides[k]->row_top[sides[k]->op_row[o]];
        if (top >= at && top < next)
          qujat_lp_add_op(out, sides[k]->ops[o]);
      }
    at = next;
    st = out->st;
  }
  qujat_lp_piece_free(&left);
  qujat_lp_piece_free(&right);
  if (st == QUJAT_OK && B.names_apart) {
    /* One box per person across both columns, the relation in both
     * languages: a person is ticked once, not once per language. */
    const char **names = qujat_arena_alloc(B.arena, kb->nlines * sizeof *names);
    if (!names)
      return QUJAT_ERR_NOMEM;
    for (size_t k = 0; k < kb->nlines; k++)
      if (!(names[k] = both_names(B.arena, kb->lines[k], rb->lines[k])))
        return QUJAT_ERR_NOMEM;
    B.p = out;
    size_t first = out->n;
    qujat_lp_name_boxes(&B, names, kb->nlines, x, width);
    for (size_t k = first; k < out->n; k++)
      out->ops[k].block = (int)i + 1;
    st = out->st;
  }
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
  double first_top; /* the top margin of the first page */
  double margin_bottom; /* below the footer's rule and the footer */
  int bare;  /* no running header: pages start at the top margin */
  int fresh; /* nothing of the body placed yet on this page */
  int blank; /* nothing at all placed yet on this page */
  const struct piece *running; /* at the top of each continued page */
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
  l->pages[P->page].section_start = P->page == 0;
  P->y = l->npages == 1 ? P->first_top
         : P->bare        ? MARGIN_TOP
                          : MARGIN_TOP + 16;
  P->fresh = 1;
  P->blank = 1;
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
  P->blank = 0;
}

/* A new page for the rest of the section: the running piece at its top
 * and, when `p` (NULL: none) is cut before its row `from`, its repeated
 * rows (a table's column titles). The page counts as fresh still: a row
 * that does not fit under them is placed anyway. */
static void continue_page(struct pager *P, const struct piece *p, size_t from) {
  new_page(P);
  if (P->running) {
    place_rows(P, P->running, 0, P->running->nrows);
    P->y += P->running->space_after;
  }
  if (p && p->repeat_rows > 0 && from >= p->repeat_rows)
    place_rows(P, p, 0, p->repeat_rows);
  P->fresh = 1;
}

/* The room of a continued page below its top margin and running piece. */
static double page_room(const struct pager *P) {
  double top = P->bare ? MARGIN_TOP : MARGIN_TOP + 16;
  if (P->running)
    top += qujat_lp_piece_height(P->running) + P->running->space_after;
  return P->bottom - top;
}

/* How much of what follows a heading must stay with it: the first row of
 * the next piece (of a table, the first under its column titles), or all of
 * it when it is kept together (and fits on a page); when the next piece is
 * itself a heading (a step title), that heading and what must stay with it
 * in turn. `ahead[0..n)` are the pieces after the heading. */
static double first_part(const struct pager *P, const struct piece *ahead,
                         size_t n) {
  if (n == 0 || ahead[0].nrows == 0)
    return 0;
  const struct piece *next = &ahead[0];
  double whole = qujat_lp_piece_height(next) + next->space_before;
  if (next->keep_with_next)
    return whole + next->space_after + first_part(P, ahead + 1, n - 1);
  if (next->keep && whole <= page_room(P))
    return whole;
  size_t rows = next->repeat_rows + 1;
  if (rows > next->nrows)
    rows = next->nrows;
  return next->space_before + next->row_top[rows];
}

/* Places `p`; `ahead[0..n)` are the pieces after it (for headings). */
static void place(struct pager *P, const struct piece *p,
                  const struct piece *ahead, size_t n) {
  if (p->page_break) {
    if (!P->blank)
      new_page(P);
    P->l->pages[P->page].section_start = 1;
    P->running = NULL;
  }
  double room = P->bottom - P->y;
  double space = P->fresh ? 0 : p->space_before;
  double need = qujat_lp_piece_height(p) + space;
  if (p->keep_with_next)
    need += p->space_after + first_part(P, ahead, n);
  if (need > room && !P->fresh && (p->keep || p->keep_with_next) &&
      need <= page_room(P)) {
    continue_page(P, NULL, 0);
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
    /* The repeated rows (column titles) never end a page. */
    if (from == 0 && to <= p->repeat_rows && to < p->nrows && !P->fresh)
      to = 0;
    if (to == from) {
      if (P->fresh)
        to = from + 1; /* one row taller than a page: place it anyway */
      else {
        continue_page(P, p, from);
        continue;
      }
    }
    place_rows(P, p, from, to);
    from = to;
    if (from < p->nrows)
      continue_page(P, p, from);
  }
  P->y += p->space_after;
}

/* Room kept on the right of the footer for the page number. */
#define PAGE_NUMBER_ROOM 56.0

/* The first page of the section `page` is in, and its number of pages. */
static void section_of(const struct layout *l, size_t page, size_t *first,
                       size_t *count) {
  size_t f = page, end = page + 1;
  while (f > 0 && !l->pages[f].section_start)
    f--;
  while (end < l->npages && !l->pages[end].section_start)
    end++;
  *first = f;
  *count = end - f;
}

/* The running header's type size. */
#define RUN_SIZE 7.5

/* `s` as it fits `room` at the running header's size: whole, or cut (at a
 * space when one is near, always between characters) with "…" after it,
 * in the layout's arena. */
static const char *fit_ellipsis(struct pager *P, const struct metrics *m,
                                const char *s, double room, size_t *len) {
  size_t n = strlen(s);
  *len = n;
  if (m->width(m->user, FONT_REGULAR, RUN_SIZE, s, n) <= room)
    return s;
  static const char dots[] = "\xe2\x80\xa6"; /* … */
  double dw = m->width(m->user, FONT_REGULAR, RUN_SIZE, dots, 3);
  while (n > 0 && m->width(m->user, FONT_REGULAR, RUN_SIZE, s, n) + dw > room) {
    n--;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  /* Back to the end of a word if one ends in the last fifth. */
  size_t w = n;
  while (w > 0 && s[w - 1] != ' ' && w > n * 4 / 5)
    w--;
  if (w > n * 4 / 5 && w > 0 && s[w - 1] == ' ')
    n = w - 1;
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
    n--;
  char *out = qujat_arena_alloc(&P->l->arena, n + sizeof dots);
  if (!out) {
    P->st = QUJAT_ERR_NOMEM;
    *len = 0;
    return s;
  }
  memcpy(out, s, n);
  memcpy(out + n, dots, sizeof dots);
  *len = n + 3;
  return out;
}

/* The footer, the page number "n / N" within the section and (from page
 * 2) a running header, on page `page`. A bare page (a letter's) has only
 * the number, and only when its copy runs over more than one page. */
static void furniture(struct pager *P, const struct piece *footer,
                      const struct layout_info *info, const struct metrics *m,
                      size_t page) {
  struct layout *l = P->l;
  double left = MARGIN_LEFT, right = PAGE_WIDTH - MARGIN_RIGHT;
  int bare = info && info->bare;
  size_t first, count;
  section_of(l, page, &first, &count);
  if (bare && count == 1)
    return;
  P->page = page;
  double bottom = P->margin_bottom;
  struct op rule = {.kind = OP_LINE, .x = left, .y = bottom - 12,
                    .w = right - left, .stroke = 0.4, .gray = GRAY_RULE};
  if (!bare)
    page_add(P, rule);
  if (footer && !bare) {
    P->y = PAGE_HEIGHT - (bottom - 16);
    place_rows(P, footer, 0, footer->nrows);
  }
  char *num = qujat_arena_alloc(&l->arena, 32);
  if (!num) {
    P->st = QUJAT_ERR_NOMEM;
    return;
  }
  snprintf(num, 32, "%zu / %zu", page - first + 1, count);
  double w = m->width(m->user, FONT_REGULAR, 8, num, strlen(num));
  struct op pn = {.kind = OP_TEXT, .font = FONT_REGULAR, .size = 8,
                  .gray = GRAY_SOFT, .x = right - w,
                  .y = bottom - 16 - 7.2, .text = num,
                  .len = strlen(num)};
  page_add(P, pn);
  if (page == 0 || !info || bare)
    return;
  double top = PAGE_HEIGHT - 30;
  /* The two never overprint: the name keeps at most 40 % of the line, the
   * service title the rest less a gap, each measured and shortened with
   * an ellipsis when longer. */
  double gap = 12, full = right - left, rw = 0;
  if (info->running_right) {
    size_t len;
    const char *name = fit_ellipsis(P, m, info->running_right,
                                    info->running_left ? full * 0.4 : full,
                                    &len);
    rw = m->width(m->user, FONT_REGULAR, RUN_SIZE, name, len);
    struct op r = {.kind = OP_TEXT, .font = FONT_REGULAR, .size = RUN_SIZE,
                   .gray = GRAY_SOFT, .x = right - rw, .y = top,
                   .text = name, .len = len};
    page_add(P, r);
  }
  if (info->running_left) {
    size_t len;
    const char *title = fit_ellipsis(P, m, info->running_left,
                                     full - (rw > 0 ? rw + gap : 0), &len);
    struct op t = {.kind = OP_TEXT, .font = FONT_REGULAR, .size = RUN_SIZE,
                   .gray = GRAY_SOFT, .x = left, .y = top,
                   .text = title, .len = len};
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
  /* The brief form in kk+ru, two columns of half a line: a step tighter
   * again (SZ3), its page starting a little higher and its footer a
   * little lower, still 7 mm from the edge, to keep a family on one page. */
  int bare = info && info->bare;
  int compact = info && info->compact ? (right && !bare ? 2 : 1) : 0;
  double margin_bottom = compact > 1 ? MARGIN_BOTTOM - 10 : MARGIN_BOTTOM;
  struct pager P = {.l = out,
                    .bottom = PAGE_HEIGHT - margin_bottom,
                    .margin_bottom = margin_bottom,
                    .first_top = compact > 1 ? MARGIN_TOP - 8 : MARGIN_TOP,
                    .bare = info && info->bare,
                    .st = QUJAT_OK};
  /* kk+ru: the boxes and numbers in a column of their own before the
   * text, inside the margins. */
  double x = P.bare ? LETTER_MARGIN_LEFT : right ? MARGIN_LEFT + MARKER
                                                 : MARGIN_LEFT;
  double width = PAGE_WIDTH - x - MARGIN_RIGHT;
  /* A window of pieces: the one to place and the ones it must keep with
   * it (a heading, a step title, the step's first line; the heading of the
   * fees, every fee line and the total). */
  enum { LOOKAHEAD = 16 };
  struct piece win[LOOKAHEAD] = {{0}}, footer = {0}, running = {0};
  int have_footer = 0;
  qujat_status st = QUJAT_OK;
  struct label_rooms rooms = {0};
  const struct builder base = {.m = m, .arena = &out->arena,
                               .compact = compact, .rooms = &rooms};
  new_page(&P);
  /* The footer block (the last) goes to the bottom of every page. */
  size_t n = left->n;
  if (n > 0 && left->v[n - 1].kind == BLK_FOOTER) {
    n--;
    /* kk+ru: the footer keeps no column for the boxes. */
    double fx = right && !P.bare ? MARGIN_LEFT : x;
    st = build_piece(&base, left, right, n, fx,
                     PAGE_WIDTH - fx - MARGIN_RIGHT -
                         (right ? PAGE_NUMBER_ROOM / 2 : PAGE_NUMBER_ROOM),
                     &footer);
    have_footer = st == QUJAT_OK;
  }
  size_t built = 0; /* pieces built so far */
  for (size_t i = 0; st == QUJAT_OK && i < n; i++) {
    while (st == QUJAT_OK && built < n && built < i + LOOKAHEAD) {
      st = build_piece(&base, left, right, built, x, width,
                       &win[built % LOOKAHEAD]);
      built++;
    }
    if (st != QUJAT_OK)
      break;
    struct piece ahead[LOOKAHEAD - 1];
    size_t nahead = 0;
    for (size_t k = i + 1; k < built; k++)
      ahead[nahead++] = win[k % LOOKAHEAD];
    struct piece *p = &win[i % LOOKAHEAD];
    if (!p->running_only)
      place(&P, p, ahead, nahead);
    if (p->running) {
      /* Kept for the pages that continue its section. */
      qujat_lp_piece_free(&running);
      running = *p;
      memset(p, 0, sizeof *p);
      P.running = &running;
    }
    qujat_lp_piece_free(p);
    st = P.st;
  }
  /* Now that the number of pages is known: footers and page numbers. */
  for (size_t pg = 0; st == QUJAT_OK && pg < out->npages; pg++) {
    furniture(&P, have_footer ? &footer : NULL, info, m, pg);
    st = P.st;
  }
  for (size_t k = 0; k < LOOKAHEAD; k++)
    qujat_lp_piece_free(&win[k]);
  qujat_lp_piece_free(&footer);
  qujat_lp_piece_free(&running);
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
