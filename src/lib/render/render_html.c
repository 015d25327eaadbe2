/* SPDX-License-Identifier: MIT */
/* Blocks -> an HTML fragment for a web page: the same blocks the text and
 * PDF renderers lay out, so the page says what the PDF says. Every text is
 * escaped; the markup carries no style or script of its own. */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "layout/layout.h"

struct out {
  struct buf b;
  qujat_status st;
};

static void adds(struct out *o, const char *s) {
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_adds(&o->b, s);
}

/* Text with & < > " ' escaped; newlines become <br>. */
static void esc(struct out *o, const char *s) {
  if (!s)
    return;
  for (; *s && o->st == QUJAT_OK; s++) {
    switch (*s) {
    case '&': adds(o, "&amp;"); break;
    case '<': adds(o, "&lt;"); break;
    case '>': adds(o, "&gt;"); break;
    case '"': adds(o, "&quot;"); break;
    case '\'': adds(o, "&#39;"); break;
    case '\n': adds(o, "<br>"); break;
    default: o->st = qujat_buf_addc(&o->b, *s);
    }
  }
}

static void tag(struct out *o, const char *open, const char *text,
                const char *close) {
  adds(o, open);
  esc(o, text);
  adds(o, close);
}

/* Which list is open: none, the numbered documents, bullets, fields. */
enum open { OPEN_NONE, OPEN_ITEMS, OPEN_BULLETS, OPEN_FIELDS, OPEN_FEES };

static void close_list(struct out *o, enum open *open) {
  static const char *const ends[] = {"", "</ol>\n", "</ul>\n", "</dl>\n",
                                     "</table>\n"};
  adds(o, ends[*open]);
  *open = OPEN_NONE;
}

static void want(struct out *o, enum open *open, enum open w) {
  static const char *const starts[] = {"", "<ol class=\"q-items\">\n",
                                       "<ul class=\"q-bullets\">\n",
                                       "<dl class=\"q-fields\">\n",
                                       "<table class=\"q-fees\">\n"};
  if (*open == w)
    return;
  close_list(o, open);
  adds(o, starts[w]);
  *open = w;
}

static void block(struct out *o, const struct block *b, enum open *open) {
  char num[32];
  switch (b->kind) {
  case BLK_TITLE:
    close_list(o, open);
    tag(o, "<h2 class=\"q-title\">", b->text, "</h2>\n");
    break;
  case BLK_SUBTITLE:
    close_list(o, open);
    tag(o, "<p class=\"q-subtitle\">", b->text, "</p>\n");
    break;
  case BLK_FIELD:
    want(o, open, OPEN_FIELDS);
    tag(o, "<dt>", b->label, "</dt>");
    tag(o, "<dd>", b->value, "</dd>\n");
    break;
  case BLK_WARNING:
    close_list(o, open);
    tag(o, "<p class=\"q-warning\" role=\"note\">", b->text, "</p>\n");
    break;
  case BLK_HEADING:
    close_list(o, open);
    tag(o, "<h3>", b->text, "</h3>\n");
    break;
  case BLK_SUBHEAD:
    close_list(o, open);
    tag(o, "<h4>", b->text, "</h4>\n");
    break;
  case BLK_ITEM:
    want(o, open, OPEN_ITEMS);
    snprintf(num, sizeof num, "<li value=\"%d\"%s>", b->number,
             b->weak ? " class=\"q-weak\"" : "");
    adds(o, num);
    tag(o, "<span class=\"q-text\">", b->text, "</span>");
    if (b->sub)
      tag(o, "<br><span class=\"q-for\">", b->sub, "</span>");
    if (b->sub2)
      tag(o, "<br><span class=\"q-why\">", b->sub2, "</span>");
    adds(o, "</li>\n");
    break;
  case BLK_BULLET:
    want(o, open, OPEN_BULLETS);
    tag(o, "<li>", b->text, "");
    if (b->sub)
      tag(o, "<br><span class=\"q-why\">", b->sub, "</span>");
    adds(o, "</li>\n");
    break;
  case BLK_FEE:
  case BLK_TOTAL:
    want(o, open, OPEN_FEES);
    adds(o, b->kind == BLK_TOTAL ? "<tr class=\"q-total\">" : "<tr>");
    tag(o, "<th scope=\"row\">", b->label, "");
    if (b->sub)
      tag(o, "<br><span class=\"q-why\">", b->sub, "</span>");
    if (b->sub2)
      tag(o, "<br><span class=\"q-why\">", b->sub2, "</span>");
    tag(o, "</th><td>", b->value, "</td></tr>\n");
    break;
  case BLK_PARA:
    close_list(o, open);
    tag(o, "<p>", b->text, "</p>\n");
    break;
  case BLK_FOOTER:
    close_list(o, open);
    tag(o, "<p class=\"q-footer\">", b->text, "</p>\n");
    break;
  default: /* QR codes and letter blocks belong to the PDF */
    break;
  }
}

static qujat_status one(struct out *o, qujat_document *doc,
                        qujat_error *err) {
  struct blocks bl;
  qujat_status st = qujat_compose(doc, &bl, err);
  if (st != QUJAT_OK)
    return st;
  adds(o, "<section class=\"q-doc\" lang=\"");
  static const char *const codes[] = {"kk", "ru", "en"};
  adds(o, doc->lang >= 0 && doc->lang < 3 ? codes[doc->lang] : "en");
  adds(o, "\">\n");
  enum open open = OPEN_NONE;
  for (size_t i = 0; i < bl.n && o->st == QUJAT_OK; i++)
    block(o, &bl.v[i], &open);
  close_list(o, &open);
  adds(o, "</section>\n");
  qujat_blocks_free(&bl);
  return QUJAT_OK;
}

qujat_status qujat_render_html(const qujat_document *doc, char **out,
                               size_t *len, qujat_error *err) {
  *out = NULL;
  struct out o = {.st = QUJAT_OK};
  qujat_buf_init(&o.b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = one(&o, (qujat_document *)doc, err);
  if (st == QUJAT_OK && doc->pair)
    st = one(&o, doc->pair, err);
  if (st != QUJAT_OK) {
    qujat_buf_free(&o.b);
    return st;
  }
  if (o.st != QUJAT_OK) {
    qujat_buf_free(&o.b);
    return qujat_err_set(err, o.st, NULL, 0, 0, "cannot render the HTML: %s",
                         qujat_strerror(o.st));
  }
  *out = qujat_buf_take(&o.b, len);
  return *out ? QUJAT_OK
              : qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                              "out of memory");
}
