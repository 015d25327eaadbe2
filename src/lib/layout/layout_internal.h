/* SPDX-License-Identifier: MIT */
/*
 * Shared by the files of src/lib/layout/ only.
 */
#ifndef QUJAT_LAYOUT_LAYOUT_INTERNAL_H
#define QUJAT_LAYOUT_LAYOUT_INTERNAL_H

#include <stddef.h>

#include "layout/layout.h"

/*
 * Pieces: the units the layout places. A block becomes a piece, rows of
 * drawing operations measured from the piece's top (y grows downwards
 * here; layout.c turns it into page coordinates). Shared by layout.c (the
 * pages), layout_blocks.c (checklists, fee slips) and layout_letter.c
 * (letters); only these include it.
 */

/* Page geometry, in points. */
#define MARGIN_LEFT 56.7
#define MARGIN_RIGHT 42.5
#define MARGIN_TOP 48.0
#define MARGIN_BOTTOM 64.0
#define CONTENT_WIDTH (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
/* A letter keeps 30 mm on the left for filing (GOST R 7.0.97, ST RK). */
#define LETTER_MARGIN_LEFT 85.04
#define GUTTER 18.0 /* between the kk and ru columns */
/* kk+ru: the column of boxes and item numbers, inside the left margin's
 * line, before the two columns of text. */
#define MARKER 30.0

/* Type sizes and leadings. */
#define BODY 10.0
#define BODY_LEAD 13.0
#define SMALL 8.8
#define SMALL_LEAD 11.2
#define GRAY_TEXT 0.0
#define GRAY_SOFT 0.38 /* reasons, labels, footers */
#define GRAY_RULE 0.55

/* The brief form (struct layout_info.compact): the same, a step smaller. */
#define C_BODY 9.4
#define C_BODY_LEAD 11.6
#define C_SMALL 8.2
#define C_SMALL_LEAD 10.0
/* The brief form in Kazakh and Russian side by side (struct
 * builder.compact 2): each column has half the line, so the type is set a
 * step smaller again, the leading tighter, the same legible size as the
 * notes of the full form. */
#define T_BODY 8.6
#define T_BODY_LEAD 10.3
#define T_SMALL 7.8
#define T_SMALL_LEAD 9.2
/* `normal`, or `small_` in the brief form. */
#define SZ(B, normal, small_) ((B)->compact ? (small_) : (normal))
/* `normal`, `small_` in the brief form, `tight` in its kk+ru. */
#define SZ3(B, normal, small_, tight)                                        \
  ((B)->compact > 1 ? (tight) : (B)->compact ? (small_) : (normal))

#define MAX_LINES 400

struct piece {
  struct op *ops; /* y = distance of the baseline / top below the piece top */
  int *op_row;
  size_t n, cap;
  double *row_top; /* row_top[i]: top of row i; row_top[nrows]: the end */
  size_t nrows, rows_cap;
  int keep;           /* do not split, unless taller than a page */
  int keep_with_next; /* a heading: never the last thing on a page */
  int page_break;     /* start on a new page (the next copy of a letter) */
  int running;        /* drawn again at the top of each page that continues
                         its copy of a letter (the reference header) */
  int running_only;   /* only there: not placed where it stands */
  size_t repeat_rows; /* rows [0, repeat_rows) drawn again at the top of
                         each page the piece continues on (a table's
                         column titles) */
  double space_before, space_after;
  qujat_status st; /* sticky */
};

struct measure_ctx {
  const struct metrics *m;
  int font;
  double size;
};

/* The label column of a run of fields (qujat_lp_build_block): every field
 * of the run asks for it, and each side of kk+ru for both languages'. */
struct label_room {
  const struct blocks *bl; /* NULL: empty */
  size_t run;              /* the run's first block */
  double width, want, cap;
  int compact;
};
struct label_rooms {
  struct label_room v[4];
  size_t next; /* the one to reuse */
};

struct builder {
  const struct metrics *m;
  struct label_rooms *rooms; /* of the whole layout */
  struct piece *p;
  struct arena *arena; /* for texts the layout makes (item numbers) */
  int names_apart; /* kk+ru: an item's names are drawn across both columns
                      by the pair (qujat_lp_name_boxes), not in each */
  int compact; /* the brief form: type a step smaller, spacing tighter; 2
                  in kk+ru, smaller and tighter again */
  const struct blocks *twin; /* kk+ru: the other column's blocks (the
                                fields' labels take one width in both) */
};

/* A text to wrap in a column. */
struct span {
  const char *text;
  int font;
  double size, gray, x, width;
};

void qujat_lp_piece_free(struct piece *p);
double qujat_lp_piece_height(const struct piece *p);
/* Starts a row of `height` below the last; returns its top. */
double qujat_lp_new_row(struct piece *p, double height);
/* Space after the piece, outside its rows. */
void qujat_lp_space_after(struct piece *p, double extra);
/* The top of the next row, for an op drawn beside the rows to come. */
double qujat_lp_next_row_top(const struct piece *p);
/* Adds an op to the last row (sticky QUJAT_ERR_NOMEM in p->st). */
void qujat_lp_add_op(struct piece *p, struct op o);
void qujat_lp_text_op(struct piece *p, int font, double size, double gray,
                      double x, double baseline, const char *s, size_t len);
void qujat_lp_line_op(struct piece *p, double x, double y, double w, double h,
                      double stroke, double gray);
/* The wrap_measure_fn over a struct measure_ctx. */
double qujat_lp_measure(const char *s, size_t len, void *user);
/* qujat_wrap of `text` in `font` at `size`, measured by `m`: the same
 * lines, kept from one document to the next when `m` has an identity
 * (wrap_memo.c). */
size_t qujat_lp_wrap(const struct metrics *m, int font, double size,
                     const char *text, double width, struct wrap_line *lines,
                     size_t max);
double qujat_lp_text_width(struct builder *B, int font, double size,
                           const char *s);
/* Wrapped text at (x, width), one row per line of `lead`; returns the
 * number of lines. */
size_t qujat_lp_paragraph(struct builder *B, const char *text, int font,
                          double size, double lead, double gray, double x,
                          double width);
/* Two texts in their columns, line k beside line k. */
void qujat_lp_side_by_side(struct builder *B, const struct span *a,
                           const struct span *b, double lead);
/* One line ending at `right`. */
void qujat_lp_right_aligned(struct builder *B, const char *s, int font,
                            double size, double gray, double right,
                            double baseline);
/* `s` at x on one line, cut at a character and ended with "…" when it is
 * wider than `room`: a running header never runs into its neighbour. */
void qujat_lp_fit_text(struct builder *B, const char *s, int font, double size,
                       double gray, double x, double baseline, double room);

/* Block i of `bl` into B->p (layout_blocks.c). `marker`: how items draw
 * their box and number: 1 before the text, 2 in the MARKER column left of
 * `x` (the Kazakh column of kk+ru), 0 not at all (the Russian column). */
void qujat_lp_build_block(struct builder *B, const struct blocks *bl, size_t i,
                          double x, double width, int marker);

/* One box per person a document is asked of, each with the name beside
 * it, side by side as long as they fit (x, width), in new rows of B->p. */
void qujat_lp_name_boxes(struct builder *B, const char *const *names,
                         size_t n, double x, double width);

/* The blocks of letters (layout_letter.c); 0 when `b` is not one. */
int qujat_lp_build_letter_block(struct builder *B, const struct block *b,
                                double x, double width);

/* ------------------------------------------------------------------------
 * The composer (compose.c), shared with compose_slip.c (the fee slip)
 * ------------------------------------------------------------------------ */

struct composer {
  struct qujat_document *d;
  struct blocks *out;
  qujat_error *err;
};

/* A locale string of the document's language; the same filled with
 * `args`. */
qujat_status cmp_L(struct composer *C, const char *key, const char **out);
qujat_status cmp_Lf(struct composer *C, const char *key,
                    const struct farg *args, size_t n, const char **out);
qujat_status cmp_fmt(struct composer *C, const char *tmpl,
                     const struct farg *args, size_t n, const char **out);
qujat_status cmp_fee_line(struct composer *C, const struct rfee *f);
qujat_status cmp_push(struct composer *C, struct block b);
const char *cmp_keep(struct composer *C, struct buf *b);
qujat_status cmp_heading(struct composer *C, const char *key);
qujat_status cmp_field(struct composer *C, const char *key, const char *value);
qujat_status cmp_date_text(struct composer *C, struct date x, const char **out);
qujat_status cmp_money_text(struct composer *C, int64_t tiyn, const char **out);
qujat_status cmp_header(struct composer *C);
qujat_status cmp_warnings(struct composer *C);
qujat_status cmp_fee_line_to(struct composer *C, const struct rfee *f,
                             int payee_line);
qujat_status cmp_fees(struct composer *C);
qujat_status cmp_incomplete_notes(struct composer *C, int any_not_stated);
qujat_status cmp_notes(struct composer *C);
qujat_status cmp_footer(struct composer *C);
qujat_status cmp_slip(struct composer *C);

#endif
