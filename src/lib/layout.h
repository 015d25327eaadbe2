/*
 * Layout: blocks -> A4 pages of positioned drawing operations (text runs,
 * rules, boxes). Text is measured through `struct metrics`, so the layout
 * knows nothing of libharu and can be tested with any measure. Page breaks
 * never leave a heading alone at the bottom of a page and never split an
 * item, a fee line or a warning (unless it is taller than a page).
 */
#ifndef QUJAT_LAYOUT_H
#define QUJAT_LAYOUT_H

#include <stddef.h>

#include "arena.h"
#include "compose.h"

/* A4 in PostScript points. */
#define PAGE_WIDTH 595.28
#define PAGE_HEIGHT 841.89

struct metrics {
  /* Width in points of s[0..len) (UTF-8) in `font` (FONT_*) at `size`. */
  double (*width)(void *user, int font, double size, const char *s,
                  size_t len);
  void *user;
};

enum op_kind {
  OP_TEXT, /* text[0..len) with its baseline starting at (x, y) */
  OP_LINE, /* from (x, y) to (x + w, y + h), `stroke` wide */
  OP_BOX,  /* an outlined rectangle, lower left (x, y), size w × h */
  OP_FILL  /* a filled rectangle */
};

struct op {
  enum op_kind kind;
  int font;
  double size;
  double gray; /* 0 black .. 1 white: fill for text and FILL, stroke else */
  double x, y, w, h;
  double stroke;
  const char *text;
  size_t len;
};

struct lpage {
  struct op *ops;
  size_t n, cap;
  int section_start; /* the first page of a section: of the document, or of
                        a copy of a letter */
};

struct layout {
  struct lpage *pages;
  size_t npages, cap;
  struct arena arena; /* page numbers and other texts made here */
};

/* What the page furniture says (borrowed strings). */
struct layout_info {
  const char *running_left;  /* header of pages 2..N (the service) */
  const char *running_right; /* (the applicant), may be NULL */
  int bare; /* letters: no footer, no running header; a page number only
               in a copy of more than one page */
};

/*
 * Lays `left` out on pages; with `right` (kk+ru), the two block lists side
 * by side, block i of one beside block i of the other (they must have the
 * same kinds in the same order). Footer blocks go to the bottom of every
 * page with the page number "n / N". A page break block starts a section
 * (a copy of a letter), numbered on its own; its pages after the first
 * repeat its copy mark, and a table cut by a page its column titles. Free
 * with qujat_layout_free().
 */
qujat_status qujat_layout(const struct blocks *left,
                          const struct blocks *right,
                          const struct layout_info *info,
                          const struct metrics *m, struct layout *out,
                          qujat_error *err);
void qujat_layout_free(struct layout *l);

#endif
