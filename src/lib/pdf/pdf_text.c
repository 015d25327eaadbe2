/* SPDX-License-Identifier: MIT */
/* Text in a page's content stream, written compactly. */
#include <math.h>

#include "pdf/pdf_internal.h"

void qujat_text_page(struct text_state *t) {
  t->in_block = 0;
  t->font = -1;
  t->size = 0;
  t->gray = -1;
}

void qujat_text_fill_changed(struct text_state *t) { t->gray = -1; }

static int same(double a, double b) { return fabs(a - b) < 0.0005; }

/* What comes before a run's string: the block, font, fill and place. */
static qujat_status place(struct text_state *t, struct buf *out, int font,
                          double size, double gray, double x, double y) {
  qujat_status st = QUJAT_OK;
  if (!t->in_block) {
    st = qujat_buf_adds(out, "BT\n");
    t->in_block = 1;
    t->x = t->y = 0; /* BT resets the line matrix */
  }
  if (st == QUJAT_OK && (font != t->font || !same(size, t->size))) {
    st = qujat_buf_adds(out, "/F");
    if (st == QUJAT_OK)
      st = qujat_buf_add_uint(out, (unsigned)font);
    if (st == QUJAT_OK)
      st = qujat_buf_addc(out, ' ');
    if (st == QUJAT_OK)
      st = qujat_pdf_real(out, size);
    if (st == QUJAT_OK)
      st = qujat_buf_adds(out, " Tf\n");
    t->font = font;
    t->size = size;
  }
  if (st == QUJAT_OK && (t->gray < 0 || !same(gray, t->gray))) {
    st = qujat_pdf_real(out, gray);
    if (st == QUJAT_OK)
      st = qujat_buf_adds(out, " g\n");
    t->gray = gray;
  }
  /* Rounded as they are written, so that errors do not add up. */
  double rx = round(x * 1000) / 1000, ry = round(y * 1000) / 1000;
  if (st == QUJAT_OK)
    st = qujat_pdf_real(out, rx - t->x);
  if (st == QUJAT_OK)
    st = qujat_buf_addc(out, ' ');
  if (st == QUJAT_OK)
    st = qujat_pdf_real(out, ry - t->y);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(out, " Td\n");
  t->x = rx;
  t->y = ry;
  return st;
}

qujat_status qujat_text_run(struct text_state *t, struct buf *out,
                            const struct font_use *use, int font,
                            double size, double gray, double x, double y,
                            const char *text, size_t len) {
  qujat_status st = place(t, out, font, size, gray, x, y);
  /* Tj, or TJ with the kerning the layout measured with. */
  return st == QUJAT_OK ? qujat_font_use_show(use, text, len, out) : st;
}

qujat_status qujat_text_run_shaped(struct text_state *t, struct buf *out,
                                   const struct font_use *use, int font,
                                   double size, double gray, double x,
                                   double y, const struct shaped_char *c,
                                   size_t n) {
  qujat_status st = place(t, out, font, size, gray, x, y);
  return st == QUJAT_OK ? qujat_font_use_show_shaped(use, c, n, out) : st;
}

qujat_status qujat_text_end(struct text_state *t, struct buf *out) {
  if (!t->in_block)
    return QUJAT_OK;
  t->in_block = 0;
  return qujat_buf_adds(out, "ET\n");
}
