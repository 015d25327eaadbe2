/* SPDX-License-Identifier: MIT */
/* Resolved document -> JSON, in the shape DESIGN.md documents. */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "base/base.h"

static void amount(struct json *j, int64_t tiyn) {
  char s[32];
  qujat_tiyn_plain(tiyn, s, sizeof s);
  qujat_json_str(j, s);
}

static void date(struct json *j, struct date d) {
  char s[11];
  qujat_date_format(d, s);
  qujat_json_str(j, s);
}

/* One fee line; `payee` adds who is paid (fee slips). */

/* "mci", "mci_value", "mci_year": the basis of an amount in MCI. */
static void mci_basis(struct json *j, const struct rfee *f) {
  char mci[32];
  qujat_centi_format(f->mci_centi, ".", mci, sizeof mci);
  qujat_json_key(j, "mci", 0);
  qujat_json_str(j, mci);
  qujat_json_key(j, "mci_value", 0);
  if (f->mci_unknown) /* the data lacks the MCI of mci_year */
    qujat_json_raw(j, "null");
  else
    amount(j, f->mci_tiyn);
  qujat_json_key(j, "mci_year", 0);
  qujat_json_int(j, f->mci_year);
}
static void fee(struct json *j, const struct rfee *f, int payee) {
  qujat_json_raw(j, "{");
  qujat_json_key(j, "kind", 1);
  qujat_json_str(j, qujat_fee_kind_id(f->kind));
  if (payee) {
    qujat_json_key(j, "payee", 0);
    qujat_json_str(j, qujat_fee_payee_id(f->kind));
  }
  if (f->label) {
    qujat_json_key(j, "label", 0);
    qujat_json_str(j, f->label);
  }
  if (f->amount == AMOUNT_NOT_STATED) {
    qujat_json_key(j, "stated", 0);
    qujat_json_raw(j, "false");
    qujat_json_key(j, "kzt", 0);
    qujat_json_raw(j, "null");
    qujat_json_raw(j, "}");
    return;
  }
  if (f->amount == AMOUNT_MCI)
    mci_basis(j, f);
  if (f->amount == AMOUNT_MCI || f->persons > 1) {
    qujat_json_key(j, "persons", 0);
    qujat_json_int(j, f->persons);
  }
  if (f->mci_unknown) {
    qujat_json_key(j, "kzt", 0);
    qujat_json_raw(j, "null");
    qujat_json_raw(j, "}");
    return;
  }
  qujat_json_key(j, "kzt", 0);
  amount(j, f->tiyn);
  qujat_json_raw(j, "}");
}

static void documents(struct json *j, const struct qujat_document *d) {
  qujat_json_raw(j, ",\n \"documents\": [");
  for (size_t i = 0; i < d->nitems; i++) {
    const struct ritem *it = &d->items[i];
    qujat_json_raw(j, i ? ",\n  {" : "\n  {");
    qujat_json_key(j, "n", 1);
    qujat_json_int(j, (long long)i + 1);
    qujat_json_key(j, "id", 0);
    qujat_json_str(j, it->doc->id);
    qujat_json_key(j, "text", 0);
    qujat_json_str(j, it->text);
    qujat_json_key(j, "for", 0);
    qujat_json_str(j, it->person);
    qujat_json_key(j, "status", 0);
    qujat_json_str(j, it->status == ITEM_REQUIRED ? "required" : "if-applicable");
    qujat_json_key(j, "because", 0);
    qujat_json_str(j, it->because);
    qujat_json_raw(j, "}");
  }
  qujat_json_raw(j, "],\n \"omitted\": [");
  for (size_t i = 0; i < d->nomitted; i++) {
    qujat_json_raw(j, i ? ",\n  {" : "\n  {");
    qujat_json_key(j, "id", 1);
    qujat_json_str(j, d->omitted[i].doc->id);
    qujat_json_key(j, "text", 0);
    qujat_json_str(j, d->omitted[i].text);
    qujat_json_key(j, "because", 0);
    qujat_json_str(j, d->omitted[i].because);
    qujat_json_raw(j, "}");
  }
  qujat_json_raw(j, "]");
}

static void fees(struct json *j, const struct qujat_document *d) {
  qujat_json_raw(j, ",\n \"fees\": [");
  int first = 1;
  for (size_t i = 0; i < d->nfees; i++) {
    /* A fee the source shows as "-" is not a fee to pay. */
    if (d->fees[i].amount == AMOUNT_NONE)
      continue;
    qujat_json_raw(j, first ? "\n  " : ",\n  ");
    first = 0;
    fee(j, &d->fees[i], d->kind == QUJAT_DOC_FEES);
  }
  qujat_json_raw(j, "]");
  qujat_json_key(j, "total_kzt", 0);
  amount(j, d->total);
  qujat_json_key(j, "total_complete", 0);
  qujat_json_raw(j, d->total_complete ? "true" : "false");
}

/* ",\n "warnings": [...]": what a person should see, in the document's
 * language. */
static void warnings(struct json *j, const struct qujat_document *d) {
  qujat_json_raw(j, ",\n \"warnings\": [");
  for (size_t i = 0; i < d->nwarnings; i++) {
    qujat_json_raw(j, i ? ", " : "");
    qujat_json_str(j, d->warnings[i]);
  }
  qujat_json_raw(j, "]");
}

static void rest(struct json *j, const struct qujat_document *d) {
  qujat_json_raw(j, ",\n \"timeframe\": ");
  qujat_json_str(j, d->timeframe);
  qujat_json_raw(j, ",\n \"dates\": [");
  for (size_t i = 0; i < d->ndates; i++) {
    qujat_json_raw(j, i ? ", {" : "{");
    qujat_json_key(j, "what", 1);
    qujat_json_str(j, d->dates[i].label);
    qujat_json_key(j, "date", 0);
    if (d->dates[i].text)
      qujat_json_raw(j, "null");
    else
      date(j, d->dates[i].date);
    if (d->dates[i].text) {
      qujat_json_key(j, "text", 0);
      qujat_json_str(j, d->dates[i].text);
    }
    if (d->dates[i].note) {
      qujat_json_key(j, "note", 0);
      qujat_json_str(j, d->dates[i].note);
    }
    qujat_json_raw(j, "}");
  }
  qujat_json_raw(j, "]");
  warnings(j, d);
  qujat_json_raw(j, ",\n \"notes\": [");
  for (size_t i = 0; i < d->nnotes; i++) {
    qujat_json_raw(j, i ? ",\n  " : "\n  ");
    qujat_json_str(j, d->notes[i]->text.s[d->lang]);
  }
  qujat_json_raw(j, "],\n \"steps\": [");
  for (size_t i = 0; i < d->nsteps; i++) {
    qujat_json_raw(j, i ? ",\n  {" : "\n  {");
    qujat_json_key(j, "title", 1);
    qujat_json_str(j, d->steps[i].title);
    qujat_json_key(j, "bullets", 0);
    qujat_json_raw(j, "[");
    for (size_t k = 0; k < d->steps[i].nbullets; k++) {
      qujat_json_raw(j, k ? ", " : "");
      qujat_json_str(j, d->steps[i].bullets[k]);
    }
    qujat_json_raw(j, "]}");
  }
  qujat_json_raw(j, "],\n \"sources\": [");
  const struct cites *c = &d->service->cites;
  for (size_t i = 0; i < c->n; i++) {
    qujat_json_raw(j, i ? ",\n  {" : "\n  {");
    qujat_json_key(j, "file", 1);
    qujat_json_str(j, c->v[i].source->file);
    qujat_json_key(j, "section", 0);
    qujat_json_str(j, c->v[i].section);
    qujat_json_raw(j, "}");
  }
  qujat_json_raw(j, "]");
}

/* An administrative fine. */
static void fine(struct json *j, const struct qujat_document *d) {
  static const char *const sizes[] = {NULL, "small", "medium", "large"};
  const struct rfee *f = &d->fees[0];
  qujat_json_key(j, "fine", 1);
  qujat_json_str(j, d->fine->id);
  qujat_json_key(j, "article", 0);
  qujat_json_str(j, d->fine->article);
  qujat_json_key(j, "title", 0);
  qujat_json_str(j, d->fine->title.s[d->lang]);
  qujat_json_key(j, "date", 0);
  date(j, d->date);
  qujat_json_key(j, "days", 0);
  if (d->fine->by_days)
    qujat_json_int(j, d->days);
  else
    qujat_json_raw(j, "null");
  qujat_json_key(j, "size", 0);
  qujat_json_str(j, sizes[d->size]);
  qujat_json_key(j, "warning", 0);
  qujat_json_raw(j, d->band->warning ? "true" : "false");
  if (f->amount == AMOUNT_MCI)
    mci_basis(j, f);
  qujat_json_key(j, "kzt", 0);
  if (f->counted)
    amount(j, f->tiyn);
  else
    qujat_json_raw(j, "null");
  const struct text3 *also = d->band->has_also ? &d->band->also
                             : d->fine->has_also ? &d->fine->also
                                                 : NULL;
  qujat_json_key(j, "also", 0);
  qujat_json_str(j, also ? also->s[d->lang] : NULL);
  qujat_json_key(j, "total_complete", 0);
  qujat_json_raw(j, d->total_complete ? "true" : "false");
  warnings(j, d);
}

/* The head of a checklist, a service or a fee slip. */
static void head(struct json *j, const struct qujat_document *d) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  qujat_json_key(j, "service", 1);
  qujat_json_str(j, d->service->id);
  qujat_json_key(j, "title", 0);
  qujat_json_str(j, d->service->title.s[d->lang]);
  qujat_json_key(j, "lang", 0);
  qujat_json_str(j, codes[d->lang]);
  qujat_json_key(j, "date", 0);
  date(j, d->date);
  qujat_json_key(j, "edition", 0);
  qujat_json_str(j, d->edition->id);
  qujat_json_key(j, "applicant", 0);
  qujat_json_str(j, d->applicant);
}

qujat_status qujat_render_json(const qujat_document *d, char **out,
                               size_t *len, qujat_error *err) {
  *out = NULL;
  if (d->pair)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "kk+ru (side by side) is only available as PDF");
  if (d->kind == QUJAT_DOC_LETTER)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "a letter comes as PDF or text, not JSON");
  struct json j;
  qujat_json_init(&j);
  qujat_json_raw(&j, "{");
  if (d->kind == QUJAT_DOC_FINE) {
    fine(&j, d);
  } else if (d->kind == QUJAT_DOC_FEES) {
    head(&j, d);
    qujat_json_key(&j, "reference", 0);
    qujat_json_str(&j, d->reference);
    fees(&j, d);
    qujat_json_key(&j, "total_in_words", 0);
    qujat_json_str(&j, d->in_words);
    warnings(&j, d);
  } else {
    head(&j, d);
    documents(&j, d);
    fees(&j, d);
    rest(&j, d);
  }
  qujat_json_raw(&j, "}\n");
  return qujat_json_finish(&j, out, len, err);
}
