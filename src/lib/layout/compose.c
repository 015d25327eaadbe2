/* SPDX-License-Identifier: MIT */
/* Resolved document -> blocks, with every label from the locale. */
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"
#include "base/base.h"

struct composer {
  struct qujat_document *d;
  struct blocks *out;
  qujat_error *err;
};

static qujat_status push(struct composer *C, struct block b) {
  struct blocks *o = C->out;
  /* Every text through the typography of its language. */
  const char **texts[] = {&b.text, &b.label, &b.value, &b.sub, &b.sub2};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    if (*texts[i] && !(*texts[i] = qujat_ties(&C->d->arena, *texts[i],
                                              C->d->lang)))
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

void qujat_blocks_free(struct blocks *b) {
  free(b->v);
  b->v = NULL;
  b->n = b->cap = 0;
}

/* A locale string (no arguments). */
static qujat_status L(struct composer *C, const char *key, const char **out) {
  return qujat_locale_get(C->d->cat, C->d->lang, key, out, C->err);
}

/* A copy of the buffer in the document's arena; NULL when out of memory. */
static const char *keep(struct composer *C, struct buf *b) {
  return qujat_arena_strndup(&C->d->arena, b->data ? b->data : "", b->len);
}

/* `tmpl` with its placeholders filled, kept in the document's arena. */
static qujat_status fmt(struct composer *C, const char *tmpl,
                        const struct farg *args, size_t n, const char **out) {
  struct buf b;
  qujat_buf_init(&b, 8192);
  qujat_status st = qujat_format(&b, tmpl, args, n);
  if (st == QUJAT_OK && !(*out = keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st == QUJAT_OK ? QUJAT_OK
                        : qujat_err_set(C->err, st, NULL, 0, 0,
                                        "cannot compose: %s",
                                        qujat_strerror(st));
}

/* The string `key` with arguments, kept in the document's arena. */
static qujat_status Lf(struct composer *C, const char *key,
                       const struct farg *args, size_t n, const char **out) {
  const char *tmpl;
  qujat_status st = L(C, key, &tmpl);
  return st == QUJAT_OK ? fmt(C, tmpl, args, n, out) : st;
}

static qujat_status heading(struct composer *C, const char *key) {
  struct block b = {.kind = BLK_HEADING};
  qujat_status st = L(C, key, &b.text);
  return st == QUJAT_OK ? push(C, b) : st;
}

static qujat_status field(struct composer *C, const char *key,
                          const char *value) {
  struct block b = {.kind = BLK_FIELD, .value = value};
  qujat_status st = L(C, key, &b.label);
  return st == QUJAT_OK ? push(C, b) : st;
}

static qujat_status date_text(struct composer *C, struct date x,
                              const char **out) {
  struct buf b;
  qujat_buf_init(&b, 256);
  qujat_status st = qujat_format_date(&b, C->d->cat, C->d->lang, x, C->err);
  if (st == QUJAT_OK && !(*out = keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st;
}

static qujat_status money_text(struct composer *C, int64_t tiyn,
                               const char **out) {
  struct buf b;
  qujat_buf_init(&b, 256);
  qujat_status st = qujat_format_money(&b, C->d->cat, C->d->lang, tiyn, C->err);
  if (st == QUJAT_OK && !(*out = keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st;
}

/* ------------------------------------------------------------------------
 * Sections
 * ------------------------------------------------------------------------ */

static qujat_status header(struct composer *C) {
  struct qujat_document *d = C->d;
  qujat_status st;
  struct block title = {.kind = BLK_TITLE};
  if (d->kind == QUJAT_DOC_SERVICE)
    title.text = d->service->group->title.s[d->lang];
  else if ((st = L(C, d->kind == QUJAT_DOC_FEES ? "slip.title"
                                                : "checklist.title",
                   &title.text)) != QUJAT_OK)
    return st;
  struct block sub = {.kind = BLK_SUBTITLE,
                      .text = d->service->title.s[d->lang]};
  const char *date;
  if ((st = push(C, title)) != QUJAT_OK || (st = push(C, sub)) != QUJAT_OK ||
      (st = date_text(C, d->date, &date)) != QUJAT_OK)
    return st;
  if (d->kind == QUJAT_DOC_SERVICE &&
      (st = field(C, "field.service-id", d->service->id)) != QUJAT_OK)
    return st;
  if (d->applicant &&
      (st = field(C, "field.applicant", d->applicant)) != QUJAT_OK)
    return st;
  if ((st = field(C, "field.date", date)) != QUJAT_OK)
    return st;
  if ((st = field(C, "field.edition", d->edition->title.s[d->lang])) !=
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
        (st = money_text(C, d->fees[i].mci_tiyn, &value)) != QUJAT_OK)
      return st;
    const struct farg args[] = {{"value", value}, {"year", year}};
    if ((st = Lf(C, d->fees[i].mci_unknown ? "slip.mci-missing"
                                           : "slip.mci-value",
                 args, 2, &mci)) != QUJAT_OK ||
        (st = field(C, "field.mci", mci)) != QUJAT_OK)
      return st;
    break;
  }
  return field(C, "field.reference", d->reference);
}

static qujat_status warnings(struct composer *C) {
  for (size_t i = 0; i < C->d->nwarnings; i++) {
    struct block b = {.kind = BLK_WARNING, .text = C->d->warnings[i]};
    qujat_status st = push(C, b);
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}

static qujat_status documents(struct composer *C) {
  struct qujat_document *d = C->d;
  int checklist = d->kind == QUJAT_DOC_CHECKLIST;
  qujat_status st = heading(C, checklist ? "heading.documents"
                                         : "heading.required-documents");
  int number = 0;
  for (size_t i = 0; st == QUJAT_OK && i < d->nitems; i++) {
    const struct ritem *it = &d->items[i];
    struct block b = {.kind = BLK_ITEM,
                      .number = ++number,
                      .box = checklist,
                      .weak = it->status == ITEM_IF_APPLICABLE,
                      .text = it->text,
                      .sub2 = it->because};
    /* A document asked of several persons in a row (the same document,
     * the same reason): its text once, and one box per person named
     * under it (a grid of documents × persons), not the text per person. */
    size_t n = 1;
    while (checklist && it->person && i + n < d->nitems &&
           d->items[i + n].doc == it->doc && d->items[i + n].person &&
           d->items[i + n].status == it->status &&
           (d->items[i + n].because == it->because ||
            (d->items[i + n].because && it->because &&
             strcmp(d->items[i + n].because, it->because) == 0)))
      n++;
    if (n > 1) {
      const char **names = qujat_arena_alloc(&d->arena, n * sizeof *names);
      if (!names)
        return QUJAT_ERR_NOMEM;
      for (size_t k = 0; k < n; k++)
        names[k] = d->items[i + k].person;
      b.box = 0;
      b.lines = names;
      b.nlines = n;
      i += n - 1;
    } else if (it->person) {
      const struct farg args[] = {{"name", it->person}};
      st = Lf(C, "item.for", args, 1, &b.sub);
    }
    if (st == QUJAT_OK)
      st = push(C, b);
  }
  if (st != QUJAT_OK || d->nomitted == 0 || d->brief)
    return st;
  st = heading(C, "heading.omitted");
  for (size_t i = 0; st == QUJAT_OK && i < d->nomitted; i++) {
    struct block b = {.kind = BLK_BULLET,
                      .text = d->omitted[i].text,
                      .sub = d->omitted[i].because};
    st = push(C, b);
  }
  return st;
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
  if ((st = L(C, "number.decimal", &decimal)) != QUJAT_OK)
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
    if ((st = qujat_format_key(&b, d->cat, d->lang, "fee.mci-unknown", args,
                               1, C->err)) != QUJAT_OK)
      goto done;
    if (b.len && !(*out = keep(C, &b)))
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
    if ((st = qujat_format_money(&b, d->cat, d->lang, f->unit_tiyn,
                                 C->err)) != QUJAT_OK)
      goto done;
  }
  if (f->persons > 1 && (f->amount == AMOUNT_MCI || f->amount == AMOUNT_KZT))
    st = qujat_buf_addf(&b, " × %s", persons.data);
  if (st == QUJAT_OK && b.len && !(*out = keep(C, &b)))
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
  qujat_status st = L(C, "number.decimal", &decimal);
  if (st == QUJAT_OK) {
    qujat_centi_format(f->mci_centi, decimal, mci, sizeof mci);
    const struct farg args[] = {{"mci", mci}};
    st = qujat_format_key(&b, d->cat, d->lang, "fee.mci-only", args, 1,
                          C->err);
  }
  if (st == QUJAT_OK && f->persons > 1 &&
      (st = qujat_buf_addf(&b, " × %d ", f->persons)) == QUJAT_OK)
    st = qujat_format_plural(&b, d->cat, d->lang, "unit.person", f->persons,
                             C->err);
  if (st == QUJAT_OK && !(*out = keep(C, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&b);
  return st;
}

static qujat_status fee_line_to(struct composer *C, const struct rfee *f,
                                int payee_line);

static qujat_status fee_line(struct composer *C, const struct rfee *f) {
  return fee_line_to(C, f, C->d->kind == QUJAT_DOC_FEES);
}

/* One fee; with `payee_line`, "Payable to ..." under it. */
static qujat_status fee_line_to(struct composer *C, const struct rfee *f,
                                int payee_line) {
  static const char *const label_keys[] = {
      "fee.service", "fee.personal-manager", "fee.priority", "fee.walk-in",
      "fee.state",   "fee.fine"};
  struct block b = {.kind = BLK_FEE};
  qujat_status st = L(C, label_keys[f->kind], &b.label);
  if (st == QUJAT_OK && f->label) {
    const struct farg args[] = {{"fee", b.label}, {"label", f->label}};
    st = Lf(C, "fee.with-label", args, 2, &b.label);
  }
  if (st == QUJAT_OK && payee_line) {
    /* To whom, in principle: the Expat Centre or the state budget. */
    const char *payee;
    char key[64];
    snprintf(key, sizeof key, "payee.%s", qujat_fee_payee_id(f->kind));
    if ((st = L(C, key, &payee)) == QUJAT_OK) {
      const struct farg args[] = {{"payee", payee}};
      st = Lf(C, "slip.paid-to", args, 1, &b.sub2);
    }
  }
  if (st != QUJAT_OK)
    return st;
  switch (f->amount) {
  case AMOUNT_NOT_STATED:
    st = L(C, "not-stated", &b.value);
    break;
  case AMOUNT_NONE:
    st = L(C, f->kind == FEE_FINE ? "fine.warning" : "fee.none", &b.value);
    break;
  default:
    st = f->mci_unknown ? mci_only_text(C, f, &b.value)
                        : money_text(C, f->tiyn, &b.value);
    if (st == QUJAT_OK)
      st = fee_arithmetic(C, f, &b.sub);
    break;
  }
  return st == QUJAT_OK ? push(C, b) : st;
}

static qujat_status fees(struct composer *C) {
  struct qujat_document *d = C->d;
  qujat_status st = heading(C, d->kind == QUJAT_DOC_FEES ? "heading.to-pay"
                                                          : "heading.fees");
  size_t first = C->out->n;
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++)
    st = fee_line(C, &d->fees[i]);
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
    st = L(C, "fee.options-note", &b.text);
    return st == QUJAT_OK ? push(C, b) : st;
  }
  /* Nothing to add up when the source states none of the fees, or when
   * the only amounts need an MCI the data lacks. */
  int any_counted = 0, any_not_stated = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    any_counted |= d->fees[i].counted;
    any_not_stated |= d->fees[i].amount == AMOUNT_NOT_STATED;
  }
  struct block total = {.kind = BLK_TOTAL};
  if ((st = L(C, "fee.total", &total.label)) != QUJAT_OK)
    return st;
  st = any_counted || d->total_complete
           ? money_text(C, d->total, &total.value)
       : d->mci_missing ? L(C, "fee.total-unknown", &total.value)
                        : L(C, "not-stated", &total.value);
  if (st != QUJAT_OK || (st = push(C, total)) != QUJAT_OK)
    return st;
  if (d->in_words && (st = field(C, "field.in-words", d->in_words)) !=
                         QUJAT_OK)
    return st;
  if (any_not_stated) {
    struct block b = {.kind = BLK_PARA};
    st = L(C, "fee.incomplete", &b.text);
    if (st == QUJAT_OK)
      st = push(C, b);
  }
  if (st == QUJAT_OK && d->mci_missing) {
    char year[8];
    snprintf(year, sizeof year, "%d", d->mci_missing);
    const struct farg args[] = {{"year", year}};
    struct block b = {.kind = BLK_PARA};
    st = Lf(C, "fee.incomplete-mci", args, 1, &b.text);
    if (st == QUJAT_OK)
      st = push(C, b);
  }
  return st;
}

static qujat_status timing(struct composer *C) {
  struct qujat_document *d = C->d;
  struct block b = {.kind = BLK_PARA, .text = d->timeframe};
  qujat_status st = heading(C, "heading.timeframe");
  if (st == QUJAT_OK)
    st = push(C, b);
  if (st != QUJAT_OK || d->ndates == 0)
    return st;
  st = heading(C, "heading.dates");
  /* An answer in words (the entry regime) reads as a paragraph, before the
   * dates. The brief form, for the window, keeps to the dates themselves:
   * no regime, no explanations. */
  for (size_t i = 0; st == QUJAT_OK && i < d->ndates; i++) {
    if (!d->dates[i].text || d->brief)
      continue;
    const struct farg a[] = {{"label", d->dates[i].label},
                             {"text", d->dates[i].text}};
    struct block p = {.kind = BLK_PARA};
    st = fmt(C, "{label}: {text}", a, 2, &p.text);
    if (st == QUJAT_OK)
      st = push(C, p);
  }
  for (size_t i = 0; st == QUJAT_OK && i < d->ndates; i++) {
    if (d->dates[i].text)
      continue;
    struct block f = {.kind = BLK_FIELD, .label = d->dates[i].label};
    st = date_text(C, d->dates[i].date, &f.value);
    if (st == QUJAT_OK)
      st = push(C, f);
  }
  /* Where each rule comes from. */
  for (size_t i = 0; st == QUJAT_OK && !d->brief && i < d->ndates; i++) {
    struct block note = {.kind = BLK_PARA, .text = d->dates[i].note};
    if (note.text && !d->dates[i].text)
      st = push(C, note);
  }
  if (st == QUJAT_OK && !d->brief &&
      (d->service->window.present || d->working_days)) {
    struct block note = {.kind = BLK_PARA};
    st = L(C, "dates.working-days", &note.text);
    if (st == QUJAT_OK)
      st = push(C, note);
  }
  return st;
}

static qujat_status steps(struct composer *C) {
  struct qujat_document *d = C->d;
  if (d->nsteps == 0)
    return QUJAT_OK;
  qujat_status st = heading(C, "heading.steps");
  for (size_t i = 0; st == QUJAT_OK && i < d->nsteps; i++) {
    struct block h = {.kind = BLK_SUBHEAD, .text = d->steps[i].title};
    st = push(C, h);
    for (size_t j = 0; st == QUJAT_OK && j < d->steps[i].nbullets; j++) {
      struct block b = {.kind = BLK_BULLET, .text = d->steps[i].bullets[j]};
      st = push(C, b);
    }
  }
  return st;
}

static qujat_status notes(struct composer *C) {
  struct qujat_document *d = C->d;
  if (d->nnotes == 0)
    return QUJAT_OK;
  qujat_status st = heading(C, "heading.notes");
  for (size_t i = 0; st == QUJAT_OK && i < d->nnotes; i++) {
    struct block b = {.kind = BLK_BULLET,
                      .text = d->notes[i]->text.s[d->lang]};
    st = push(C, b);
  }
  return st;
}

/* The service overview lists where each of its facts comes from. */
static qujat_status sources(struct composer *C) {
  struct qujat_document *d = C->d;
  const struct service *s = d->service;
  const struct fee_table *t = qujat_find_fee_table(s, d->edition);
  const struct cites *lists[] = {&s->cites, t ? &t->cites : NULL,
                                 &s->timeframe.cites};
  qujat_status st = heading(C, "heading.sources");
  for (size_t l = 0; st == QUJAT_OK && l < 3; l++) {
    for (size_t i = 0; lists[l] && st == QUJAT_OK && i < lists[l]->n; i++) {
      const struct cite *c = &lists[l]->v[i];
      struct block b = {.kind = BLK_BULLET, .text = c->section};
      const struct farg args[] = {{"title", c->source->title.s[d->lang]},
                                  {"file", c->source->file}};
      st = Lf(C, "source.cite", args, 2, &b.sub);
      if (st == QUJAT_OK)
        st = push(C, b);
    }
  }
  return st;
}

static qujat_status footer(struct composer *C) {
  struct qujat_document *d = C->d;
  const char *updated = "—";
  qujat_status st = QUJAT_OK;
  if (d->cat->updated.y)
    st = date_text(C, d->cat->updated, &updated);
  if (st != QUJAT_OK)
    return st;
  const struct farg args[] = {
      {"edition", d->edition->title.s[d->lang]},
      {"file", d->edition->source->file},
      {"updated", updated},
      {"version", qujat_version()}};
  struct block b = {.kind = BLK_FOOTER};
  st = Lf(C, "footer", args, 4, &b.text);
  return st == QUJAT_OK ? push(C, b) : st;
}

/* An administrative fine: the article, what chose the sanction, the amount
 * for the date's MCI and what the article adds ("or expulsion"). */
static qujat_status fine(struct composer *C) {
  struct qujat_document *d = C->d;
  const struct fine *f = d->fine;
  qujat_status st;
  struct block title = {.kind = BLK_TITLE};
  struct block sub = {.kind = BLK_SUBTITLE, .text = f->title.s[d->lang]};
  const char *article, *date, *days;
  const struct farg art[] = {{"article", f->article}};
  CHECK(L(C, "fine.title", &title.text));
  CHECK(push(C, title));
  CHECK(push(C, sub));
  CHECK(Lf(C, "fine.article", art, 1, &article));
  CHECK(field(C, "field.article", article));
  CHECK(date_text(C, d->date, &date));
  CHECK(field(C, "field.date", date));
  if (f->by_days) {
    char n[16];
    snprintf(n, sizeof n, "%d", d->days);
    const struct farg args[] = {{"n", n}};
    CHECK(Lf(C, "fine.days-value", args, 1, &days));
    CHECK(field(C, "field.days-late", days));
  }
  if (f->by_size) {
    static const char *const keys[] = {"", "size.small", "size.medium",
                                       "size.large"};
    const char *size;
    CHECK(L(C, keys[d->size], &size));
    CHECK(field(C, "field.business-size", size));
  }
  CHECK(warnings(C));
  CHECK(heading(C, "heading.fine"));
  CHECK(fee_line(C, &d->fees[0]));
  /* What the article adds to the fine: from the band, else the fine. */
  const struct text3 *also = d->band->has_also ? &d->band->also
                             : f->has_also     ? &f->also
                                               : NULL;
  if (also) {
    struct block b = {.kind = BLK_PARA};
    const struct farg args[] = {{"also", also->s[d->lang]}};
    CHECK(Lf(C, "fine.also", args, 1, &b.text));
    CHECK(push(C, b));
  }
  const struct cite *c = &f->cites.v[0];
  const struct farg src[] = {{"title", c->source->title.s[d->lang]},
                             {"file", c->source->file}};
  struct block foot = {.kind = BLK_FOOTER};
  CHECK(Lf(C, d->mci_missing ? "footer.fine-mci-missing" : "footer.fine",
           src, 2, &foot.text));
  CHECK(push(C, foot));
done:
  return st;
}

/* A letter, in as many marked copies as asked, each on its own pages.
 * The undertakings' introduction stays with the first undertaking and the
 * last undertaking with the signature, which never stands alone. */
static qujat_status letter(struct composer *C) {
  struct qujat_document *d = C->d;
  const struct rletter *L = d->letter;
  qujat_status st = QUJAT_OK;
  for (int copy = 1; st == QUJAT_OK && copy <= L->copies; copy++) {
    char n[16], total[16];
    snprintf(n, sizeof n, "%d", copy);
    snprintf(total, sizeof total, "%d", L->copies);
    /* Kazakh says "2-нің 1-данасы": the genitive of the number of copies,
     * from the template's list "1-дің|2-нің|...". */
    char of[64];
    snprintf(of, sizeof of, "%s", total);
    for (const char *g = L->t->copies_of; g && *g;) {
      size_t len = strcspn(g, "|");
      size_t digits = strspn(g, "0123456789");
      if (digits == strlen(total) && strncmp(g, total, digits) == 0 &&
          len < sizeof of) {
        memcpy(of, g, len);
        of[len] = '\0';
        break;
      }
      g += len + (g[len] == '|');
    }
    const struct farg args[] = {
        {"n", n}, {"copies", total}, {"copies-of", of}};
    struct block mark = {.kind = BLK_COPYMARK};
    struct block head = {.kind = BLK_LETTERHEAD, .text = L->company,
                         .lines = L->details, .nlines = L->ndetails};
    if (L->no_letterhead)
      head = (struct block){.kind = BLK_LETTERHEAD};
    struct block run = {.kind = BLK_RUNHEAD, .text = L->outgoing};
    struct block out = {.kind = BLK_PARA, .text = L->outgoing};
    struct block to = {.kind = BLK_ADDRESSEE, .lines = L->addressee,
                       .nlines = L->naddressee};
    struct block subject = {.kind = BLK_SUBJECT, .text = L->subject};
    struct block body = {.kind = BLK_PARA, .text = L->body};
    struct block table = {.kind = BLK_TABLE, .cells = L->cells,
                          .nrows = (int)L->npersons + 1,
                          .ncols = LETTER_COLUMNS};
    struct block stay = {.kind = BLK_PARA, .text = L->stay};
    struct block intro = {.kind = BLK_PARA, .text = L->undertakings,
                          .keep_with_next = 1};
    struct block sign = {.kind = BLK_SIGNATURE, .text = L->position,
                         .value = L->head, .sub = L->t->stamp};
    struct block brk = {.kind = BLK_PAGEBREAK};
    if (copy > 1)
      CHECK(push(C, brk));
    /* Past the newest edition: the person who prints is told first, on
     * the first copy (the letter's own checks go to stderr only). */
    if (copy == 1 && d->past_edition) {
      struct block w = {.kind = BLK_WARNING, .text = d->past_edition};
      CHECK(push(C, w));
    }
    CHECK(fmt(C, L->t->copy_mark, args, 3, &mark.text));
    run.value = mark.text;
    const struct block parts[] = {mark, run,   head, out,  to,   subject,
                                  body, table, stay, intro};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
      CHECK(push(C, parts[i]));
    for (size_t i = 0; i < L->nundertaking; i++) {
      struct block b = {.kind = BLK_BULLET, .text = L->undertaking[i],
                        .keep_with_next = i + 1 == L->nundertaking};
      CHECK(push(C, b));
    }
    /* "Исп.: ..." stays on the page of the signature, never alone. */
    sign.keep_with_next = L->nfoot > 0;
    CHECK(push(C, sign));
    if (L->nfoot) {
      struct block by = {.kind = BLK_PREPARED, .lines = L->foot,
                         .nlines = L->nfoot};
      CHECK(push(C, by));
    }
  }
done:
  return st;
}

/* ------------------------------------------------------------------------
 * The fee slip's sections: one per payee
 * ------------------------------------------------------------------------ */

/* An amount in words as a field "Amount in words: ...". */
static qujat_status words_field(struct composer *C, int64_t tiyn) {
  struct buf w;
  qujat_buf_init(&w, 4096);
  qujat_status st = qujat_money_in_words(&w, C->d->lang, tiyn);
  const char *text = NULL;
  if (st == QUJAT_OK && !(text = keep(C, &w)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&w);
  return st == QUJAT_OK ? field(C, "field.in-words", text) : st;
}

/* A labelled blank line to fill in by hand: what the sources do not give
 * (the payer's IIN, the payee's bank details), never an invented value. */
static qujat_status blank_field(struct composer *C, const char *key) {
  return field(C, key, "______________________________");
}

/* The fees of one payee ("expat-centre", "state-budget") under its name,
 * with their subtotal in figures and in words; nothing when the slip has
 * none of its fees. `subtotal`: whether to add them up (there are two
 * payees). */
static qujat_status payee_section(struct composer *C, const char *payee,
                                  int subtotal) {
  struct qujat_document *d = C->d;
  size_t n = 0;
  int64_t sum = 0;
  int counted = 0, unknown = 0, not_stated = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    const struct rfee *f = &d->fees[i];
    if (strcmp(qujat_fee_payee_id(f->kind), payee) != 0)
      continue;
    n++;
    if (f->counted) {
      sum += f->tiyn;
      counted = 1;
    }
    unknown |= f->mci_unknown;
    not_stated |= f->amount == AMOUNT_NOT_STATED;
  }
  if (n == 0)
    return QUJAT_OK;
  char key[64];
  snprintf(key, sizeof key, "payee.%s", payee);
  const char *name;
  qujat_status st = L(C, key, &name);
  struct block head = {.kind = BLK_SUBHEAD, .keep_with_next = 1};
  const struct farg args[] = {{"payee", name}};
  if (st == QUJAT_OK)
    st = Lf(C, "slip.paid-to", args, 1, &head.text);
  if (st == QUJAT_OK)
    st = push(C, head);
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++)
    if (strcmp(qujat_fee_payee_id(d->fees[i].kind), payee) == 0)
      st = fee_line_to(C, &d->fees[i], 0);
  if (st == QUJAT_OK && subtotal) {
    /* Nothing counted: no amount, and never "0.00". */
    struct block b = {.kind = BLK_TOTAL};
    st = L(C, counted && (unknown || not_stated) ? "slip.subtotal-partial"
                                                 : "slip.subtotal",
           &b.label);
    if (st == QUJAT_OK)
      st = counted ? money_text(C, sum, &b.value)
           : unknown ? L(C, "fee.total-unknown", &b.value)
                     : L(C, not_stated ? "not-stated" : "fee.none", &b.value);
    if (st == QUJAT_OK)
      st = push(C, b);
    if (st == QUJAT_OK && counted)
      st = words_field(C, sum);
  }
  if (st == QUJAT_OK)
    st = blank_field(C, "slip.bank-details");
  return st;
}

/* The slip's amounts: a section per payee, each with its subtotal, then
 * the grand total (what fees() says of a checklist's fees, said per
 * payee); the year up to which the MCI amounts hold; the payer's IIN. */
static qujat_status slip_fees(struct composer *C) {
  struct qujat_document *d = C->d;
  int payees = 0, seen_ec = 0, seen_sb = 0, mci_year = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    const struct rfee *f = &d->fees[i];
    int state = strcmp(qujat_fee_payee_id(f->kind), "state-budget") == 0;
    seen_sb |= state;
    seen_ec |= !state;
    /* An amount the MCI of a year sets: valid for payments in that year. */
    if (f->counted && f->amount == AMOUNT_MCI && f->mci_year > mci_year)
      mci_year = f->mci_year;
  }
  payees = seen_ec + seen_sb;
  qujat_status st = heading(C, "heading.to-pay");
  if (st == QUJAT_OK)
    st = payee_section(C, "expat-centre", payees > 1);
  if (st == QUJAT_OK)
    st = payee_section(C, "state-budget", payees > 1);
  if (st != QUJAT_OK)
    return st;
  int any_counted = 0, any_not_stated = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    any_counted |= d->fees[i].counted;
    any_not_stated |= d->fees[i].amount == AMOUNT_NOT_STATED;
  }
  struct block total = {.kind = BLK_TOTAL};
  /* A partial total says so beside its amount. */
  const char *label = any_counted && !d->total_complete ? "slip.total-partial"
                      : payees > 1                      ? "slip.grand-total"
                                                        : "fee.total";
  if ((st = L(C, label, &total.label)) != QUJAT_OK)
    return st;
  st = any_counted ? money_text(C, d->total, &total.value)
       : d->mci_missing ? L(C, "fee.total-unknown", &total.value)
                        : L(C, "not-stated", &total.value);
  if (st == QUJAT_OK)
    st = push(C, total);
  if (st == QUJAT_OK && d->in_words)
    st = field(C, "field.in-words", d->in_words);
  if (st == QUJAT_OK && mci_year) {
    const char *until;
    st = date_text(C, (struct date){mci_year, 12, 31}, &until);
    if (st == QUJAT_OK)
      st = field(C, "slip.valid-until", until);
  }
  if (st == QUJAT_OK)
    st = blank_field(C, "slip.payer-iin");
  if (st == QUJAT_OK && any_not_stated) {
    struct block b = {.kind = BLK_PARA};
    st = L(C, "fee.incomplete", &b.text);
    if (st == QUJAT_OK)
      st = push(C, b);
  }
  if (st == QUJAT_OK && d->mci_missing) {
    char year[8];
    snprintf(year, sizeof year, "%d", d->mci_missing);
    const struct farg args[] = {{"year", year}};
    struct block b = {.kind = BLK_PARA};
    st = Lf(C, "fee.incomplete-mci", args, 1, &b.text);
    if (st == QUJAT_OK)
      st = push(C, b);
  }
  if (st == QUJAT_OK) {
    struct block b = {.kind = BLK_PARA};
    st = L(C, "slip.blanks-note", &b.text);
    if (st == QUJAT_OK)
      st = push(C, b);
  }
  return st;
}

/* The fee slip: what to pay, to whom, in figures and in words, with a
 * scannable reference. */
static qujat_status slip(struct composer *C) {
  struct qujat_document *d = C->d;
  qujat_status st;
  CHECK(header(C));
  CHECK(warnings(C));
  CHECK(slip_fees(C));
  CHECK(notes(C));
  struct block note = {.kind = BLK_PARA};
  CHECK(L(C, "slip.payees-note", &note.text));
  CHECK(push(C, note));
  /* The caption's total in the slip's number format ("1 119 250,00
   * тенге"); the code itself carries the plain "1119250.00". */
  const char *total = "";
  if (d->total_complete)
    CHECK(money_text(C, d->total, &total));
  const struct farg args[] = {{"reference", d->reference},
                              {"total", total},
                              {"file", QUJAT_FEES_ATTACHMENT}};
  if (d->total_complete && d->qr.size) {
    struct block qr = {.kind = BLK_QR, .qr = &d->qr};
    CHECK(Lf(C, "slip.qr-caption", args, 3, &qr.text));
    CHECK(push(C, qr));
  } else {
    /* A partial total has no code a cashier could take for the whole. */
    struct block no = {.kind = BLK_PARA};
    CHECK(Lf(C, "slip.no-qr", args, 3, &no.text));
    CHECK(push(C, no));
  }
  CHECK(footer(C));
done:
  return st;
}

qujat_status qujat_compose(struct qujat_document *d, struct blocks *out,
                           qujat_error *err) {
  struct composer C = {d, out, err};
  qujat_status st;
  out->v = NULL;
  out->n = out->cap = 0;
  if (d->kind == QUJAT_DOC_FINE) {
    CHECK(fine(&C));
    return QUJAT_OK;
  }
  if (d->kind == QUJAT_DOC_FEES) {
    CHECK(slip(&C));
    return QUJAT_OK;
  }
  if (d->kind == QUJAT_DOC_LETTER) {
    CHECK(letter(&C));
    return QUJAT_OK;
  }
  CHECK(header(&C));
  CHECK(warnings(&C));
  if (d->kind == QUJAT_DOC_SERVICE) {
    struct block desc = {.kind = BLK_PARA,
                         .text = d->service->description.s[d->lang]};
    CHECK(push(&C, desc));
    CHECK(steps(&C));
  }
  CHECK(documents(&C));
  CHECK(fees(&C));
  CHECK(timing(&C));
  /* The brief form is what to bring and pay, for the window. */
  if (d->kind == QUJAT_DOC_CHECKLIST && !d->brief)
    CHECK(steps(&C));
  if (!d->brief)
    CHECK(notes(&C));
  if (d->kind == QUJAT_DOC_SERVICE)
    CHECK(sources(&C));
  CHECK(footer(&C));
done:
  if (st != QUJAT_OK)
    qujat_blocks_free(out);
  return st;
}
