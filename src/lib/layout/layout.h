/* SPDX-License-Identifier: MIT */
/*
 * The layout module's interface: a resolved document -> blocks (compose.c)
 * -> pages of measured lines (layout*.c), and the UTF-8 line breaker the text
 * renderer shares. Below it: rules, catalog, base. Above it: pdf, render.
 */
#ifndef QUJAT_LAYOUT_LAYOUT_H
#define QUJAT_LAYOUT_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rules.h"
#include "base/base.h"

/*
 * Composition: a resolved document -> a flat list of blocks (title, fields,
 * numbered items with their reasons, fee lines, notes...) with every label
 * in the document's language. The text and PDF renderers lay the same
 * blocks out, so both always say the same thing.
 */

enum block_kind {
  BLK_TITLE,    /* text: the kind of paper */
  BLK_SUBTITLE, /* text: the service */
  BLK_FIELD,    /* label: value */
  BLK_WARNING,  /* text */
  BLK_HEADING,  /* text: a section */
  BLK_SUBHEAD,  /* text: a step title inside a section */
  BLK_ITEM,     /* number, text, sub (for whom), sub2 (why); box */
  BLK_BULLET,   /* text, sub */
  BLK_FEE,      /* label, value (amount), sub (the arithmetic) */
  BLK_TOTAL,    /* label, value */
  BLK_PARA,     /* text */
  BLK_QR,       /* qr, text (a caption beside it) */
  BLK_FOOTER,   /* text: source edition, data date */
  /* Letters */
  BLK_COPYMARK,   /* text, flush right: "1-дана / Экземпляр 1 / Copy 1 of 2" */
  BLK_LETTERHEAD, /* text: the company; lines: its details; text NULL: the
                     room of a pre-printed letterhead, left blank; value
                     and lines2: the same in Russian beside the Kazakh
                     (<company letterhead="kk+ru">) */
  BLK_ADDRESSEE,  /* lines, in the right half */
  BLK_SUBJECT,    /* text, centred */
  BLK_TABLE,      /* cells: nrows × ncols, row 0 the column titles (repeated
                     on each page the table continues on) */
  BLK_SIGNATURE,  /* text: the position; value: the name; sub: the stamp's
                     place */
  BLK_PAGEBREAK,  /* the next copy starts on a new page */
  BLK_RUNHEAD,    /* text: the reference (outgoing number and date), value:
                     the copy mark; drawn only at the top of the pages that
                     continue a copy */
  BLK_PREPARED    /* lines: "Исп.: name", "Тел.: phone", small, at the foot */
};

struct block {
  enum block_kind kind;
  int number;
  int box;     /* draw a box to tick */
  int weak;    /* "only if" items: the reason is a condition, not a fact */
  int keep_with_next; /* never the last block on a page (the last lines of
                         a letter stay with its signature) */
  const char *text, *label, *value, *sub, *sub2;
  const struct qr *qr;
  const char *const *cells;
  int nrows, ncols;
  const char *const *lines; /* texts each on lines of their own */
  size_t nlines;
  const char *const *lines2; /* BLK_LETTERHEAD in Kazakh and Russian: the
                                Russian details */
  size_t nlines2;
};

struct blocks {
  struct block *v;
  size_t n, cap;
};

/* Composes `d` into `out` (strings borrowed from `d`, or allocated in its
 * arena). Free the array with qujat_blocks_free(). */
qujat_status qujat_compose(struct qujat_document *d, struct blocks *out,
                           qujat_error *err);
void qujat_blocks_free(struct blocks *b);

/* The name of the fee slip's XML twin inside its PDF. */
#define QUJAT_FEES_ATTACHMENT "qujat-fees.xml"

/*
 * UTF-8 aware line breaking, shared by the text and PDF renderers: breaks
 * at spaces (never at a no-break space, U+00A0 or U+202F), after a hyphen
 * between two letters, and inside a word only between characters when the
 * word alone is wider than the line. The width of a run is measured by the caller
 * (code points for text, font metrics for PDF).
 */

/* `s` with no-break spaces where a line must not break (a number and the
 * next word, "№ 5", Russian one-letter words, digit groups) and, in
 * Russian, " – " as an em dash: a copy in `a`, NULL when out of memory
 * (typo.c). */
const char *qujat_ties(struct arena *a, const char *s, int lang);

/* The end of the unbreakable unit of `text` (length `len`) starting at
 * `pos`: the next space or newline, or just after a hyphen a line may
 * break at. */
size_t qujat_wrap_unit_end(const char *text, size_t pos, size_t len);

/* Width of s[0..len) in the caller's unit. It must be a sum of a width for
 * each character and one for each pair of neighbours (advances and pair
 * kerning, or a count of characters): qujat_wrap measures a line word by
 * word, each word from the character before it. */
typedef double (*wrap_measure_fn)(const char *s, size_t len, void *user);

struct wrap_line {
  size_t start, len; /* byte range in the text, without trailing space */
};

/*
 * Breaks `text` into lines no wider than `width`, storing up to `max`
 * lines in `lines`. Returns the number of lines needed (which may exceed
 * `max`; call again with more room). Explicit newlines force a break.
 */
size_t qujat_wrap(const char *text, double width, wrap_measure_fn measure,
                  void *user, struct wrap_line *lines, size_t max);

/*
 * Layout: blocks -> A4 pages of positioned drawing operations (text runs,
 * rules, boxes). Text is measured through `struct metrics`, so the layout
 * knows nothing of libharu and can be tested with any measure. Page breaks
 * never leave a heading alone at the bottom of a page and never split an
 * item, a fee line or a warning (unless it is taller than a page), a list
 * of two items or bullets, or what compose keeps together (the fees'
 * heading, lines and total).
 */

/* A4 in PostScript points. */
#define PAGE_WIDTH 595.28
#define PAGE_HEIGHT 841.89

struct metrics {
  /* Width in points of s[0..len) (UTF-8) in `font` (FONT_*) at `size`. */
  double (*width)(void *user, int font, double size, const char *s,
                  size_t len);
  void *user;
  /* Not zero: names the measure, for the lines the layout keeps from one
   * document to the next (wrap_memo.c). Two metrics with the same
   * identity must give every text the same width: the PDF's are the
   * serial numbers of its regular and bold fonts. Zero: nothing kept. */
  uint64_t identity[2];
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
  /* What the op draws, for the PDF's structure: 1 + the index of its
   * block, 0 for the page furniture (page numbers, running header, rules
   * the pager adds); side 1 the right column of kk+ru. */
  int block, side;
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
  int compact; /* the brief form for the window: type a step smaller and
                  spacing tighter, to keep a family on one page */
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
