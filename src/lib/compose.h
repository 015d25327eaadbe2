/*
 * Composition: a resolved document -> a flat list of blocks (title, fields,
 * numbered items with their reasons, fee lines, notes...) with every label
 * in the document's language. The text and PDF renderers lay the same
 * blocks out, so both always say the same thing.
 */
#ifndef QUJAT_COMPOSE_H
#define QUJAT_COMPOSE_H

#include <stddef.h>

#include "document.h"
#include "qr.h"

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
  BLK_LETTERHEAD, /* text: the company; lines: its details */
  BLK_ADDRESSEE,  /* lines, in the right half */
  BLK_SUBJECT,    /* text, centred */
  BLK_TABLE,      /* cells: nrows × ncols, row 0 the column titles (repeated
                     on each page the table continues on) */
  BLK_SIGNATURE,  /* text: the position; value: the name; sub: the stamp's
                     place */
  BLK_PAGEBREAK   /* the next copy starts on a new page */
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

#endif
