/* SPDX-License-Identifier: MIT */
/* Blocks -> plain UTF-8 text, 78 columns, for terminals and tests. */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "layout/layout.h"

#define WIDTH 78
#define MAX_LINES 256

struct out {
  struct buf b;
  qujat_status st;
};

/* Appends s[0..len). A no-break space has done its work once the lines
 * are wrapped: the text gives an ordinary space, as pdftotext gives it from
 * the PDF, so that the words can be searched. */
static void add(struct out *o, const char *s, size_t len) {
  for (size_t i = 0; o->st == QUJAT_OK && i < len;) {
    const char *nb = memchr(s + i, 0xc2, len - i);
    while (nb && (size_t)(nb - s) + 1 < len && (unsigned char)nb[1] != 0xa0)
      nb = memchr(nb + 1, 0xc2, len - (size_t)(nb + 1 - s));
    size_t end = nb && (size_t)(nb - s) + 1 < len ? (size_t)(nb - s) : len;
    o->st = qujat_buf_add(&o->b, s + i, end - i);
    if (end == len)
      break;
    if (o->st == QUJAT_OK)
      o->st = qujat_buf_addc(&o->b, ' ');
    i = end + 2;
  }
}

static void adds(struct out *o, const char *s) { add(o, s, strlen(s)); }

static void spaces(struct out *o, size_t n) {
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_fill(&o->b, ' ', n);
}

static double measure(const char *s, size_t len, void *user) {
  (void)user;
  return (double)qujat_utf8_length_n(s, len);
}

/* Writes `text` wrapped to WIDTH; the caller has already written the
 * `indent` columns before the first line, the others are indented here. */
static void wrapped(struct out *o, const char *text, size_t indent) {
  struct wrap_line lines[MAX_LINES];
  size_t n = qujat_wrap(text, (double)(WIDTH - indent), measure, NULL, lines,
                        MAX_LINES);
  if (n > MAX_LINES) {
    o->st = QUJAT_ERR_LIMIT;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    if (i > 0)
      spaces(o, indent);
    add(o, text + lines[i].start, lines[i].len);
    adds(o, "\n");
  }
}

static void underline(struct out *o, const char *text, char c) {
  size_t n = qujat_utf8_length(text);
  if (n > WIDTH)
    n = WIDTH;
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_fill(&o->b, c, n);
  adds(o, "\n");
}

/* Label column of a run of consecutive fields: the widest label + 2, after
 * the run's indent (fields inside a section are indented like its text). */
static size_t field_indent(const struct blocks *bl, size_t i) {
  for (size_t k = 0; k < i; k++)
    if (bl->v[k].kind == BLK_HEADING)
      return 2;
  return 0;
}

static size_t field_column(const struct blocks *bl, size_t i) {
  size_t indent = field_indent(bl, i), w = 0;
  for (; i < bl->n && bl->v[i].kind == BLK_FIELD; i++) {
    size_t n = qujat_utf8_length(bl->v[i].label) + 1; /* with the colon */
    if (n > w)
      w = n;
  }
  w += indent + 1;
  return w > WIDTH * 3 / 4 ? WIDTH * 3 / 4 : w;
}

/* "  label ......... amount" with the amount flush right; a label too long
 * for the line wraps above it. */
static void amount_line(struct out *o, const char *label, const char *value,
                        size_t indent) {
  size_t vw = qujat_utf8_length(value);
  size_t room = WIDTH - indent - vw - 2;
  struct wrap_line lines[MAX_LINES];
  size_t n =
      qujat_wrap(label, (double)room, measure, NULL, lines, MAX_LINES);
  if (n > MAX_LINES) {
    o->st = QUJAT_ERR_LIMIT;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    spaces(o, indent);
    add(o, label + lines[i].start, lines[i].len);
    if (i + 1 == n) {
      size_t used = indent + qujat_utf8_length_n(label + lines[i].start,
                                                 lines[i].len);
      spaces(o, WIDTH > used + vw ? WIDTH - used - vw : 1);
      adds(o, value);
    }
    adds(o, "\n");
  }
}

/* The lines of a block, each indented by `indent`. */
static void block_lines(struct out *o, const struct block *b, size_t indent) {
  for (size_t i = 0; i < b->nlines; i++) {
    spaces(o, indent);
    adds(o, b->lines[i]);
    adds(o, "\n");
  }
}

/* The blocks of letters, plainly: the PDF is the letter, the text a draft
 * to read through. */
static void letter_block(struct out *o, const struct block *b) {
  switch (b->kind) {
  case BLK_COPYMARK:
    spaces(o, WIDTH > qujat_utf8_length(b->text)
                  ? WIDTH - qujat_utf8_length(b->text)
                  : 0);
    adds(o, b->text);
    adds(o, "\n\n");
    break;
  case BLK_LETTERHEAD:
    if (!b->text) { /* the company's pre-printed paper */
      adds(o, "\n\n\n");
      break;
    }
    wrapped(o, b->text, 0);
    block_lines(o, b, 0);
    if (b->value) { /* the Russian letterhead under the Kazakh */
      wrapped(o, b->value, 0);
      for (size_t i = 0; i < b->nlines2; i++)
        wrapped(o, b->lines2[i], 0);
    }
    underline(o, b->text, '=');
    adds(o, "\n");
    break;
  case BLK_ADDRESSEE:
    adds(o, "\n");
    block_lines(o, b, WIDTH / 2);
    adds(o, "\n");
    break;
  case BLK_SUBJECT:
    wrapped(o, b->text, 0);
    adds(o, "\n");
    break;
  case BLK_TABLE:
    /* One person a paragraph: "1. NAME; sex; birth; ..." */
    for (int r = 1; r < b->nrows; r++) {
      const char *const *row = b->cells + r * b->ncols;
      struct buf line;
      qujat_buf_init(&line, 4096);
      for (int c = 1; c < b->ncols && o->st == QUJAT_OK; c++)
        /* An empty cell (no issue date in the profile) is a blank to
         * fill in by hand, as in the PDF's table. */
        o->st = qujat_buf_addf(&line, "%s%s: %s", c > 1 ? "; " : "",
                               b->cells[c], *row[c] ? row[c] : "________");
      if (o->st == QUJAT_OK) {
        char num[16];
        snprintf(num, sizeof num, "%3s. ", row[0]);
        adds(o, num);
        wrapped(o, line.data, 5);
      }
      qujat_buf_free(&line);
    }
    adds(o, "\n");
    break;
  case BLK_SIGNATURE:
    adds(o, "\n");
    wrapped(o, b->text, 0);
    wrapped(o, b->value, 0);
    adds(o, "______________________   ");
    adds(o, b->sub ? b->sub : "");
    adds(o, "\n");
    break;
  case BLK_PAGEBREAK:
    adds(o, "\f\n");
    break;
  case BLK_PREPARED:
    adds(o, "\n");
    block_lines(o, b, 0);
    break;
  case BLK_RUNHEAD: /* pages continued: not in a text draft */
  default:
    break;
  }
}

static void block(struct out *o, const struct blocks *bl, size_t i,
                  size_t *field_col) {
  const struct block *b = &bl->v[i];
  enum block_kind prev = i > 0 ? bl->v[i - 1].kind : BLK_TITLE;
  switch (b->kind) {
  case BLK_TITLE:
    wrapped(o, b->text, 0);
    underline(o, b->text, '=');
    break;
  case BLK_SUBTITLE:
    wrapped(o, b->text, 0);
    adds(o, "\n");
    break;
  case BLK_FIELD:
    if (prev != BLK_FIELD)
      *field_col = field_column(bl, i);
    {
      size_t used = field_indent(bl, i) + qujat_utf8_length(b->label) + 1;
      spaces(o, field_indent(bl, i));
      adds(o, b->label);
      adds(o, ":");
      /* A label longer than the column pushes its value to the next line. */
      if (used < *field_col) {
        spaces(o, *field_col - used);
      } else {
        adds(o, "\n");
        spaces(o, *field_col);
      }
    }
    wrapped(o, b->value, *field_col);
    break;
  case BLK_WARNING:
    if (prev != BLK_WARNING)
      adds(o, "\n");
    adds(o, "! ");
    wrapped(o, b->text, 2);
    break;
  case BLK_HEADING:
    adds(o, "\n");
    wrapped(o, b->text, 0);
    underline(o, b->text, '-');
    break;
  case BLK_SUBHEAD:
    if (prev != BLK_HEADING)
      adds(o, "\n");
    spaces(o, 2);
    wrapped(o, b->text, 2);
    break;
  case BLK_ITEM: {
    char num[16];
    /* A document with a box per person has none of its own: its number
     * stays in line with the others. */
    snprintf(num, sizeof num, "%s%2d. ",
             b->box ? "[ ] " : b->nlines ? "    " : "", b->number);
    spaces(o, 2);
    adds(o, num);
    size_t indent = 2 + strlen(num);
    wrapped(o, b->text, indent);
    if (b->sub) {
      spaces(o, indent);
      wrapped(o, b->sub, indent);
    }
    if (b->sub2) {
      spaces(o, indent);
      wrapped(o, b->sub2, indent);
    }
    /* One box per person the document is asked of. */
    for (size_t k = 0; k < b->nlines; k++) {
      spaces(o, indent);
      adds(o, "[ ] ");
      wrapped(o, b->lines[k], indent + 4);
    }
    break;
  }
  case BLK_BULLET:
    adds(o, "  - ");
    wrapped(o, b->text, 4);
    if (b->sub) {
      spaces(o, 4);
      wrapped(o, b->sub, 4);
    }
    break;
  case BLK_FEE:
    amount_line(o, b->label, b->value, 2);
    if (b->sub) {
      spaces(o, 4);
      wrapped(o, b->sub, 4);
    }
    if (b->sub2) {
      spaces(o, 4);
      wrapped(o, b->sub2, 4);
    }
    break;
  case BLK_TOTAL:
    amount_line(o, b->label, b->value, 2);
    break;
  case BLK_PARA:
    spaces(o, 2);
    wrapped(o, b->text, 2);
    break;
  case BLK_QR:
    /* The code and its caption (about the PDF) belong to the PDF; the
     * reference is among the fields already. */
    break;
  case BLK_FOOTER:
    adds(o, "\n");
    wrapped(o, b->text, 0);
    break;
  default:
    letter_block(o, b);
    break;
  }
}

qujat_status qujat_render_text(const qujat_document *doc, char **out,
                               size_t *len, qujat_error *err) {
  *out = NULL;
  if (doc->pair)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "kk+ru (side by side) is only available as PDF");
  struct blocks bl;
  qujat_status st = qujat_compose((qujat_document *)doc, &bl, err);
  if (st != QUJAT_OK)
    return st;
  struct out o = {.st = QUJAT_OK};
  qujat_buf_init(&o.b, QUJAT_BUF_DEFAULT_LIMIT);
  size_t field_col = 0;
  for (size_t i = 0; i < bl.n && o.st == QUJAT_OK; i++)
    block(&o, &bl, i, &field_col);
  qujat_blocks_free(&bl);
  if (o.st != QUJAT_OK) {
    qujat_buf_free(&o.b);
    return qujat_err_set(err, o.st, NULL, 0, 0, "cannot render the text: %s",
                         qujat_strerror(o.st));
  }
  *out = qujat_buf_take(&o.b, len);
  return *out ? QUJAT_OK
              : qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                              "out of memory");
}
