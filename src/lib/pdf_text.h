/*
 * Text in a page's content stream, written compactly: consecutive runs
 * share one BT ... ET block, the font and the fill are set only when they
 * change, and each run is placed relative to the one before (Td). Half the
 * bytes of one block per run, for the same text.
 */
#ifndef QUJAT_PDF_TEXT_H
#define QUJAT_PDF_TEXT_H

#include "buf.h"
#include "pdf_font.h"

struct text_state {
  int in_block;      /* inside BT ... ET */
  int font;          /* -1: none set on this page */
  double size, gray; /* gray < 0: unknown */
  double x, y;       /* start of the last run, within the block */
};

/* A new page: nothing is set. */
void qujat_text_page(struct text_state *t);

/* Something outside text (a filled box) may have changed the fill. */
void qujat_text_fill_changed(struct text_state *t);

/* Appends one run of `len` bytes of text at (x, y) to `out`. */
qujat_status qujat_text_run(struct text_state *t, struct buf *out,
                            const struct font_use *use, int font,
                            double size, double gray, double x, double y,
                            const char *text, size_t len);

/* Closes the open block, if any ("ET"). */
qujat_status qujat_text_end(struct text_state *t, struct buf *out);

#endif
