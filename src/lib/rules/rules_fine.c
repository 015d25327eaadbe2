/* SPDX-License-Identifier: MIT */
/*
 * Administrative fines: the band of the fine that applies (by the days
 * late or the size of the business) and its amount, N MCI × the MCI of the
 * year of the date.
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "base/base.h"

static const char *const size_names[] = {"", "small", "medium", "large"};

/* The fine ids, for a message about an unknown one. */
static void list_fines(const struct qujat_catalog *c, char *out,
                       size_t size) {
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < c->nfines && len + 2 < size; i++)
    len += (size_t)snprintf(out + len, size - len, "%s%s", i ? ", " : "",
                            c->fines[i].id);
}

static qujat_status choose_band(struct qujat_document *d,
                                const qujat_request *req, qujat_error *err) {
  const struct fine *f = d->fine;
  if (f->by_days && req->days <= 0)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the fine '%s' depends on the days late: give the "
                         "number of days (--days N, at least 1)",
                         f->id);
  if (f->by_size && req->size == QUJAT_SIZE_NONE)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the fine '%s' depends on the size of the business: "
                         "give --size small, medium or large",
                         f->id);
  if (!f->by_days && req->days > 0)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the fine '%s' does not depend on the days late",
                         f->id);
  if (!f->by_size && req->size != QUJAT_SIZE_NONE)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the fine '%s' does not depend on the size of the "
                         "business",
                         f->id);
  d->days = req->days;
  d->size = (enum business_size)req->size;
  for (size_t i = 0; i < f->nbands; i++) {
    const struct fine_band *b = &f->bands[i];
    int fits = f->by_days
                   ? d->days >= (b->min_days ? b->min_days : 1) &&
                         (!b->max_days || d->days <= b->max_days)
               : f->by_size ? b->size == d->size
                            : 1;
    if (fits) {
      d->band = b;
      return QUJAT_OK;
    }
  }
  return qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                       "the fine '%s' has no sanction for %s %s", f->id,
                       f->by_size ? "a business of size" : "days:",
                       f->by_size ? size_names[d->size] : "");
}

qujat_status qujat_rules_fine(struct qujat_document *d,
                              const qujat_request *req, qujat_error *err) {
  char known[512];
  d->fine = req->fine ? qujat_find_fine(d->cat, req->fine) : NULL;
  if (!d->fine) {
    list_fines(d->cat, known, sizeof known);
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "unknown fine '%s' (known: %s)",
                         req->fine ? req->fine : "", known);
  }
  qujat_status st = choose_band(d, req, err);
  if (st != QUJAT_OK)
    return st;
  d->fees = qujat_arena_alloc(&d->arena, sizeof *d->fees);
  if (!d->fees)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  struct rfee *r = &d->fees[0];
  d->nfees = 1;
  d->total_complete = 1;
  r->kind = FEE_FINE;
  r->persons = 1;
  if (d->band->warning) {
    r->amount = AMOUNT_NONE; /* a warning: nothing to pay */
    return QUJAT_OK;
  }
  if ((st = qujat_fee_in_mci(d, r, d->band->mci_centi, err)) != QUJAT_OK)
    return st;
  r->amount = AMOUNT_MCI;
  if (r->mci_unknown)
    return QUJAT_OK; /* the fine in MCI only: the data lacks the MCI */
  r->tiyn = r->unit_tiyn;
  if (r->tiyn < 0)
    return qujat_err_set(err, QUJAT_ERR_LIMIT, NULL, 0, 0, "fine overflow");
  r->counted = 1;
  d->total = r->tiyn;
  return QUJAT_OK;
}
