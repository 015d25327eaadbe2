/* SPDX-License-Identifier: MIT */
/*
 * The composer's building blocks (layout_internal.h): locale strings,
 * fields, headings, amounts and dates in words, the header, warnings, fee
 * lines, notes and the footer. The lowest file of the composition:
 * compose.c (checklists, letters, fines) and compose_slip.c (fee slips)
 * call it, it calls neither.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"

qujat_status cmp_push(struct composer *C, struct block b) {
  struct blocks *o = C->out;
  /* Every text through the typography of its language. */
  const char **texts[] = {&b.text, &b.label, &b.value, &b.sub, &b.sub2};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (*texts[i] &&
        !(*texts[i] = qujat_ties(&C->d->arena, *texts[i], C->d->lang)))
      return qujat_err_set(C->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                           "out of memory");
  if (o->n == o->cap) {
    size_t cap = o->cap ? o->cap * 2 : 64;
    struct block *v = realloc(o->v, cap * sizeof *v);
    if (!v)
      return qujat_err_set(C->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                           "out of memory");
    o->v = v;
    o->cap = cap;
  }
  o->v[o->n++] = b;
  return QUJAT_OK;
}

/* A locale string (no arguments). */
qujat_status cmp_L(struct composer *C, const char *key, const char **out) {
  return qujat_locale_get(C->d->cat, C->d->lang, key, out, C->err);
}

/* A copy of the buffer in the document's arena; NULL when out of memory. */
const char *cmp_keep(struct composer *C, struct buf *b) {
  return qujat_arena_strndup(&C->d->arena, b->data ? b->data : "", b->len);
}

/* `tmpl` with its placeholders filled, kept in the document's arena. */
qujat_status cmp_fmt(struct composer *C, const char *tmpl,
                     const struct farg *args, size_t n, const char **out) {
  struct buf b;
  qujat_buf_init(&b, 8192);
  qujat_status st = qujat_format(&b, tmpl, args, n);
  if (st == QUJAT_OK && !(*out = cmp_keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st == QUJAT_OK
             ? QUJAT_OK
             : qujat_err_set(C->err, st, NULL, 0, 0, "cannot compose: %s",
                             qujat_strerror(st));
}

/* The string `key` with arguments, kept in the document's arena. */
qujat_status cmp_Lf(struct composer *C, const char *key,
                    const struct farg *args, size_t n, const char **out) {
  const char *tmpl;
  qujat_status st = cmp_L(C, key, &tmpl);
  return st == QUJAT_OK ? cmp_fmt(C, tmpl, args, n, out) : st;
}

qujat_status cmp_heading(struct composer *C, const char *key) {
  struct block b = {.kind = BLK_HEADING};
  qujat_status st = cmp_L(C, key, &b.text);
  return st == QUJAT_OK ? cmp_push(C, b) : st;
}

qujat_status cmp_field(struct composer *C, const char *key, const char *value) {
  struct block b = {.kind = BLK_FIELD, .value = value};
  qujat_status st = cmp_L(C, key, &b.label);
  return st == QUJAT_OK ? cmp_push(C, b) : st;
}

qujat_status cmp_date_text(struct composer *C, struct date x,
                           const char **out) {
  struct buf b;
  qujat_buf_init(&b, 256);
  qujat_status st = qujat_format_date(&b, C->d->cat, C->d->lang, x, C->err);
  if (st == QUJAT_OK && !(*out = cmp_keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st;
}

qujat_status cmp_money_text(struct composer *C, int64_t tiyn,
                            const char **out) {
  struct buf b;
  qujat_buf_init(&b, 256);
  qujat_status st = qujat_format_money(&b, C->d->cat, C->d->lang, tiyn, C->err);
  if (st == QUJAT_OK && !(*out = cmp_keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st;
}

qujat_status cmp_header(struct composer *C) {
  struct qujat_document *d = C->d;
  qujat_status st;
  struct block title = {.kind = BLK_TITLE};
  if (d->kind == QUJAT_DOC_SERVICE)
    title.text = d->service->group->title.s[d->lang];
  else if ((st = cmp_L(
                C, d->kind == QUJAT_DOC_FEES ? "slip.title" : "checklist.title",
                &title.text)) != QUJAT_OK)
    return st;
  struct block sub = {.kind = BLK_SUBTITLE,
                      .text = d->service->title.s[d->lang]};
  const char *date;
  if ((st = cmp_push(C, title)) != QUJAT_OK ||
      (st = cmp_push(C, sub)) != QUJAT_OK ||
      (st = cmp_date_text(C, d->date, &date)) != QUJAT_OK)
    return st;
  if (d->kind == QUJAT_DOC_SERVICE &&
      (st = cmp_field(C, "field.service-id", d->service->id)) != QUJAT_OK)
    return st;
  if (d->applicant &&
      (st = cmp_field(C, "field.applicant", d->applicant)) != QUJAT_OK)
    return st;
  if ((st = cmp_field(C, "field.date", date)) != QUJAT_OK)
    return st;
  /* The brief form names the edition once, in its footer. */
  if (!d->brief &&
      (st = cmp_field(C, "field.edition", d->edition->title.s[d->lang])) !=
          QUJAT_OK)
    return st;
  if (d->kind != QUJAT_DOC_FEES)
    return QUJAT_OK;
  /* A slip says which MCI it used and carries its reference. */
  for (size_t i = 0; i < d->nfees; i++) {
    if (d->fees[i].amount != AMOUNT_MCI)
      continue;
    const char *value = "", *mci;
    char year[8];
    snprintf(year, sizeof year, "%d", d->fees[i].mci_year);
    if (!d->fees[i].mci_unknown &&
        (st = cmp_money_text(C, d->fees[i].mci_tiyn, &value)) != QUJAT_OK)
      return st;
    const struct farg args[] = {{"value", value}, {"year", year}};
    if ((st = cmp_Lf(
             C, d->fees[i].mci_unknown ? "slip.mci-missing" : "slip.mci-value",
             args, 2, &mci)) != QUJAT_OK ||
        (st = cmp_field(C, "field.mci", mci)) != QUJAT_OK)
      return st;
    break;
  }
  return cmp_field(C, "field.reference", d->reference);
}

qujat_status cmp_warnings(struct composer *C) {
  for (size_t i = 0; i < C->d->nwarnings; i++) {
    struct block b = {.kind = BLK_WARNING, .text = C->d->warnings[i]};
    qujat_status st = cmp_push(C, b);
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}

/* "30 MCI × 4 325.00 KZT (MCI 2026) × 2 persons" */
static qujat_status fee_arithmetic(struct composer *C, const struct rfee *f,
                                   const char **out) {
  struct qujat_document *d = C->d;
  struct buf b, value, persons;
  qujat_buf_init(&b, 4096);
  qujat_buf_init(&value, 256);
  qujat_buf_init(&persons, 256);
  qujat_status st = QUJAT_OK;
  const char *decimal;
  *out = NULL;
  if ((st = cmp_L(C, "number.decimal", &decimal)) != QUJAT_OK)
    goto done;
  if (f->persons > 1) {
    if ((st = qujat_buf_addf(&persons, "%d ", f->persons)) != QUJAT_OK ||
        (st = qujat_format_plural(&persons, d->cat, d->lang, "unit.person",
                                  f->persons, C->err)) != QUJAT_OK)
      goto done;
  }
  if (f->amount == AMOUNT_MCI && f->mci_unknown) {
    /* The value column says "30 MCI"; this line why there is no amount. */
    char year[8];
    snprintf(year, sizeof year, "%d", f->mci_year);
    const struct farg args[] = {{"year", year}};
    if ((st = qujat_format_key(&b, d->cat, d->lang, "fee.mci-unknown", args, 1,
                               C->err)) != QUJAT_OK)
      goto done;
    if (b.len && !(*out = cmp_keep(C, &b)))
      st = QUJAT_ERR_NOMEM;
    goto done;
  }
  if (f->amount == AMOUNT_MCI) {
    char mci[32], year[8];
    qujat_centi_format(f->mci_centi, decimal, mci, sizeof mci);
    snprintf(year, sizeof year, "%d", f->mci_year);
    if ((st = qujat_format_money(&value, d->cat, d->lang, f->mci_tiyn,
                                 C->err)) != QUJAT_OK)
      goto done;
    const struct farg args[] = {
        {"mci", mci}, {"value", value.data}, {"year", year}};
    if ((st = qujat_format_key(&b, d->cat, d->lang, "fee.mci-basis", args, 3,
                               C->err)) != QUJAT_OK)
      goto done;
  } else if (f->amount == AMOUNT_KZT && f->persons > 1) {
    if ((st = qujat_format_money(&b, d->cat, d->lang, f->unit_tiyn, C->err)) !=
        QUJAT_OK)
      goto done;
  }
  if (f->persons > 1 && (f->amount == AMOUNT_MCI || f->amount == AMOUNT_KZT))
    st = qujat_buf_addf(&b, " × %s", persons.data);
  if (st == QUJAT_OK && b.len && !(*out = cmp_keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
done:
  qujat_buf_free(&b);
  qujat_buf_free(&value);
  qujat_buf_free(&persons);
  return st;
}

/* "30 MCI" or "30 MCI × 2 persons": a fee in MCI of a year whose MCI the
 * data lacks. */
static qujat_status mci_only_text(struct composer *C, const struct rfee *f,
                                  const char **out) {
  struct qujat_document *d = C->d;
  const char *decimal;
  char mci[32];
  struct buf b;
  qujat_buf_init(&b, 1024);
  qujat_status st = cmp_L(C, "number.decimal", &decimal);
  if (st == QUJAT_OK) {
    qujat_centi_format(f->mci_centi, decimal, mci, sizeof mci);
    const struct farg args[] = {{"mci", mci}};
    st = qujat_format_key(&b, d->cat, d->lang, "fee.mci-only", args, 1, C->err);
  }
  if (st == QUJAT_OK && f->persons > 1 &&
      (st = qujat_buf_addf(&b, " × %d ", f->persons)) == QUJAT_OK)
    st = qujat_format_plural(&b, d->cat, d->lang, "unit.person", f->persons,
                             C->err);
  if (st == QUJAT_OK && !(*out = cmp_keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st;
}

qujat_status cmp_fee_line(struct composer *C, const struct rfee *f) {
  return cmp_fee_line_to(C, f, C->d->kind == QUJAT_DOC_FEES);
}

/* One fee; with `payee_line`, "Payable to ..." under it. */
qujat_status cmp_fee_line_to(struct composer *C, const struct rfee *f,
                             int payee_line) {
  static const char *const label_keys[] = {
      "fee.service",  "fee.personal-manager",
      "fee.priority", "fee.walk-in",
      "fee.state",    "fee.fine"};
  struct block b = {.kind = BLK_FEE};
  qujat_status st = cmp_L(C, label_keys[f->kind], &b.label);
  if (st == QUJAT_OK && f->label) {
    const struct farg args[] = {{"fee", b.label}, {"label", f->label}};
    st = cmp_Lf(C, "fee.with-label", args, 2, &b.label);
  }
  if (st == QUJAT_OK && payee_line) {
    /* To whom, in principle: the Expat Centre or the state budget. */
    const char *payee;
    char key[64];
    snprintf(key, sizeof key, "payee.%s", qujat_fee_payee_id(f->kind));
    if ((st = cmp_L(C, key, &payee)) == QUJAT_OK) {
      const struct farg args[] = {{"payee", payee}};
      st = cmp_Lf(C, "slip.paid-to", args, 1, &b.sub2);
    }
  }
  if (st != QUJAT_OK)
    return st;
  switch (f->amount) {
  case AMOUNT_NOT_STATED:
    st = cmp_L(C, "not-stated", &b.value);
    break;
  case AMOUNT_NONE:
    st = cmp_L(C, f->kind == FEE_FINE ? "fine.warning" : "fee.none", &b.value);
    break;
  default:
    st = f->mci_unknown ? mci_only_text(C, f, &b.value)
                        : cmp_money_text(C, f->tiyn, &b.value);
    if (st == QUJAT_OK)
      st = fee_arithmetic(C, f, &b.sub);
    break;
  }
  return st == QUJAT_OK ? cmp_push(C, b) : st;
}

/* Why a total is incomplete: a fee the source does not state, the MCI of
 * the year missing from the data. */
qujat_status cmp_incomplete_notes(struct composer *C, int any_not_stated) {
  const struct qujat_document *d = C->d;
  qujat_status st = QUJAT_OK;
  if (any_not_stated) {
    struct block b = {.kind = BLK_PARA};
    st = cmp_L(C, "fee.incomplete", &b.text);
    if (st == QUJAT_OK)
      st = cmp_push(C, b);
  }
  if (st == QUJAT_OK && d->mci_missing) {
    char year[8];
    snprintf(year, sizeof year, "%d", d->mci_missing);
    const struct farg args[] = {{"year", year}};
    struct block b = {.kind = BLK_PARA};
    st = cmp_Lf(C, "fee.incomplete-mci", args, 1, &b.text);
    if (st == QUJAT_OK)
      st = cmp_push(C, b);
  }
  return st;
}

qujat_status cmp_fees(struct composer *C) {
  struct qujat_document *d = C->d;
  qujat_status st = cmp_heading(C, d->kind == QUJAT_DOC_FEES ? "heading.to-pay"
                                                             : "heading.fees");
  size_t first = C->out->n;
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++)
    st = cmp_fee_line(C, &d->fees[i]);
  if (st != QUJAT_OK)
    return st;
  /* The heading, the fee lines and the total stay on one page: each line
   * is kept with the next, the last with the total below it. */
  if (d->kind != QUJAT_DOC_SERVICE)
    for (size_t k = first; k < C->out->n; k++)
      C->out->v[k].keep_with_next = 1;
  if (d->kind == QUJAT_DOC_SERVICE) {
    /* Only a service that has options says how they are paid. */
    int options = 0;
    for (size_t i = 0; i < d->nfees; i++)
      options |= d->fees[i].kind == FEE_PERSONAL_MANAGER ||
                 d->fees[i].kind == FEE_PRIORITY ||
                 d->fees[i].kind == FEE_WALK_IN;
    if (!options)
      return QUJAT_OK;
    struct block b = {.kind = BLK_PARA};
    st = cmp_L(C, "fee.options-note", &b.text);
    return st == QUJAT_OK ? cmp_push(C, b) : st;
  }
  /* Nothing to add up when the source states none of the fees, or when
   * the only amounts need an MCI the data lacks. */
  int any_counted = 0, any_not_stated = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    any_counted |= d->fees[i].counted;
    any_not_stated |= d->fees[i].amount == AMOUNT_NOT_STATED;
  }
  struct block total = {.kind = BLK_TOTAL};
  if ((st = cmp_L(C, "fee.total", &total.label)) != QUJAT_OK)
    return st;
  st = any_counted || d->total_complete
           ? cmp_money_text(C, d->total, &total.value)
       : d->mci_missing ? cmp_L(C, "fee.total-unknown", &total.value)
                        : cmp_L(C, "not-stated", &total.value);
  if (st != QUJAT_OK || (st = cmp_push(C, total)) != QUJAT_OK)
    return st;
  if (d->in_words &&
      (st = cmp_field(C, "field.in-words", d->in_words)) != QUJAT_OK)
    return st;
  return cmp_incomplete_notes(C, any_not_stated);
}

qujat_status cmp_notes(struct composer *C) {
  struct qujat_document *d = C->d;
  if (d->nnotes == 0)
    return QUJAT_OK;
  qujat_status st = cmp_heading(C, "heading.notes");
  for (size_t i = 0; st == QUJAT_OK && i < d->nnotes; i++) {
    struct block b = {.kind = BLK_BULLET, .text = d->notes[i]->text.s[d->lang]};
    st = cmp_push(C, b);
  }
  return st;
}

qujat_status cmp_footer(struct composer *C) {
  struct qujat_document *d = C->d;
  const char *updated = "—";
  qujat_status st = QUJAT_OK;
  if (d->cat->updated.y)
    st = cmp_date_text(C, d->cat->updated, &updated);
  if (st != QUJAT_OK)
    return st;
  const struct farg args[] = {{"edition", d->edition->title.s[d->lang]},
                              {"file", d->edition->source->file},
                              {"updated", updated},
                              {"version", qujat_version()}};
  struct block b = {.kind = BLK_FOOTER};
  /* Side by side (kk+ru) the short form keeps it to two lines. */
  st = cmp_Lf(C, d->out_lang == QUJAT_LANG_KK_RU ? "footer.short" : "footer",
              args, 4, &b.text);
  return st == QUJAT_OK ? cmp_push(C, b) : st;
}
