/* SPDX-License-Identifier: MIT */
/*
 * Fees: the price list of the edition in force on the document date, the
 * options the profile chose, the state fee as N MCI × the MCI of the date's
 * year × persons. Integer tiyn throughout.
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"
#include "base/base.h"

static const char *const kind_names[] = {"service", "personal manager",
                                         "priority", "walk-in", "state"};

static int wants(const struct qujat_document *d, enum fee_kind kind) {
  const struct qujat_profile *p = d->profile;
  if (!p)
    return 0;
  if (kind == FEE_PERSONAL_MANAGER)
    return p->personal_manager == TRI_TRUE;
  if (kind == FEE_PRIORITY || kind == FEE_WALK_IN)
    return p->priority == TRI_TRUE;
  return 0;
}

static const struct fee *find_option(const struct fee_table *t,
                                     enum fee_kind a, enum fee_kind b) {
  for (size_t i = 0; i < t->nfees; i++)
    if (t->fees[i].kind == a || t->fees[i].kind == b)
      return &t->fees[i];
  return NULL;
}

/* The options the applicant asked for must exist in this edition, and two
 * options that each replace the standard fee cannot both be chosen. */
static qujat_status check_options(struct qujat_document *d,
                                  const struct fee_table *t,
                                  qujat_error *err) {
  const struct fee *pm = find_option(t, FEE_PERSONAL_MANAGER,
                                     FEE_PERSONAL_MANAGER);
  const struct fee *prio = find_option(t, FEE_PRIORITY, FEE_WALK_IN);
  static const char *const keys[2] = {"warning.no-personal-manager",
                                      "warning.no-priority"};
  const int asked[2] = {wants(d, FEE_PERSONAL_MANAGER), wants(d, FEE_PRIORITY)};
  const struct fee *found[2] = {pm, prio};
  for (int i = 0; i < 2; i++) {
    if (!asked[i] || found[i])
      continue;
    struct buf b;
    qujat_buf_init(&b, 2048);
    const struct farg args[] = {{"edition", d->edition->id}};
    qujat_status st =
        qujat_format_key(&b, d->cat, d->lang, keys[i], args, 1, err);
    if (st == QUJAT_OK)
      st = qujat_doc_warn(d, b.data);
    qujat_buf_free(&b);
    if (st != QUJAT_OK)
      return st;
  }
  if (asked[0] && asked[1] && pm && prio && !pm->add && !prio->add)
    return qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                         "in the %s edition the %s price and the personal "
                         "manager price each replace the standard service "
                         "fee: choose one of priority=\"true\" and "
                         "personal-manager=\"true\"",
                         d->edition->id, kind_names[prio->kind]);
  return QUJAT_OK;
}

/* Whether a chosen option replaces the standard service fee. */
static int standard_replaced(const struct qujat_document *d,
                             const struct fee_table *t) {
  for (size_t i = 0; i < t->nfees; i++) {
    const struct fee *f = &t->fees[i];
    if (f->kind != FEE_SERVICE && f->kind != FEE_STATE && !f->add &&
        wants(d, f->kind))
      return 1;
  }
  return 0;
}

qujat_status qujat_mci_of_year(struct qujat_document *d,
                               const struct mci **out, qujat_error *err) {
  *out = qujat_find_mci(d->cat, d->date.y);
  if (*out)
    return QUJAT_OK;
  /* Before the first year of the data the sources say nothing (as before
   * the first edition): an error. After it, the MCI is set by law for each
   * new year and the data may not have it yet: the multiplier only. */
  int first = 0;
  for (size_t i = 0; i < d->cat->nmcis; i++)
    if (!first || d->cat->mcis[i].year < first)
      first = d->cat->mcis[i].year;
  if (!first || d->date.y < first) {
    char years[128] = "";
    size_t len = 0;
    for (size_t i = 0; i < d->cat->nmcis && len < sizeof years - 8; i++)
      len += (size_t)snprintf(years + len, sizeof years - len, "%s%d",
                              i ? ", " : "", d->cat->mcis[i].year);
    return qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                         "the data has no MCI for %d, so the %s cannot be "
                         "computed (MCI known for: %s)",
                         d->date.y,
                         d->kind == QUJAT_DOC_FINE ? "fine" : "state fee",
                         years);
  }
  d->total_complete = 0;
  if (d->mci_missing)
    return QUJAT_OK; /* warned once */
  d->mci_missing = d->date.y;
  char year[8];
  snprintf(year, sizeof year, "%d", d->date.y);
  const struct farg args[] = {{"year", year}};
  struct buf b;
  qujat_buf_init(&b, 2048);
  qujat_status st = qujat_format_key(
      &b, d->cat, d->lang,
      d->kind == QUJAT_DOC_FINE ? "warning.mci-missing-fine"
                                : "warning.mci-missing",
      args, 1, err);
  if (st == QUJAT_OK && (st = qujat_doc_warn(d, b.data)) != QUJAT_OK)
    qujat_err_set(err, st, NULL, 0, 0, "cannot add a warning: %s",
                  qujat_strerror(st));
  qujat_buf_free(&b);
  return st;
}

qujat_status qujat_fee_in_mci(struct qujat_document *d, struct rfee *r,
                              int64_t mci_centi, qujat_error *err) {
  const struct mci *m;
  qujat_status st = qujat_mci_of_year(d, &m, err);
  if (st != QUJAT_OK)
    return st;
  r->mci_centi = mci_centi;
  if (!m) {
    r->mci_unknown = 1;
    r->mci_year = d->date.y;
    return QUJAT_OK;
  }
  r->mci_tiyn = m->tiyn;
  r->mci_year = m->year;
  r->unit_tiyn = qujat_mci_amount(mci_centi, m->tiyn);
  return QUJAT_OK;
}

static qujat_status add_fee(struct qujat_document *d, const struct fee *f,
                            int persons, qujat_error *err) {
  struct rfee *r = &d->fees[d->nfees++];
  r->kind = f->kind;
  r->amount = f->amount;
  r->label = f->has_label ? f->label.s[d->lang] : NULL;
  r->note = f->note;
  r->option = f->kind != FEE_SERVICE && f->kind != FEE_STATE;
  r->persons = f->per_person ? persons : 1;
  switch (f->amount) {
  case AMOUNT_KZT:
    r->unit_tiyn = f->tiyn;
    break;
  case AMOUNT_MCI: {
    qujat_status st = qujat_fee_in_mci(d, r, f->mci_centi, err);
    if (st != QUJAT_OK || r->mci_unknown)
      return st; /* the multiplier only: out of the total, never a guess */
    break;
  }
  case AMOUNT_NOT_STATED:
    d->total_complete = 0;
    return QUJAT_OK;
  case AMOUNT_NONE:
    return QUJAT_OK;
  }
  if (r->unit_tiyn < 0 || r->unit_tiyn > INT64_MAX / r->persons)
    return qujat_err_set(err, QUJAT_ERR_LIMIT, NULL, 0, 0, "fee overflow");
  r->tiyn = r->unit_tiyn * r->persons;
  r->counted = 1;
  d->total += r->tiyn;
  return QUJAT_OK;
}

qujat_status qujat_rules_fees(struct qujat_document *d, struct xpath_env *env,
                              qujat_error *err) {
  const struct fee_table *t = qujat_find_fee_table(d->service, d->edition);
  qujat_status st;
  if (!t) /* the loader guarantees a table per edition */
    return qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                         "service '%s' has no fees for the %s edition",
                         d->service->id, d->edition->id);
  d->fees = qujat_arena_alloc(&d->arena, (t->nfees + 1) * sizeof *d->fees);
  if (!d->fees)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  d->total_complete = 1;
  int all_options = d->kind == QUJAT_DOC_SERVICE;
  if (!all_options && (st = check_options(d, t, err)) != QUJAT_OK)
    return st;
  int replaced = !all_options && standard_replaced(d, t);
  int persons = 1 + (d->profile ? (int)d->profile->ndependants : 0);
  for (size_t i = 0; i < t->nfees; i++) {
    const struct fee *f = &t->fees[i];
    /* Fee conditions (the applicant's role) are decided on the profile, or
     * on an empty one, where the schema's defaults apply. */
    if (f->cond && !all_options) {
      int r = qujat_xpath_bool(env, f->cond->test, -1, 0);
      if (r == -2)
        return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                             "out of memory");
      if (r < 0)
        return qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                             "condition '%s' could not be evaluated",
                             f->cond->id);
      if (!r)
        continue;
    }
    if (f->kind == FEE_SERVICE && replaced)
      continue;
    int option = f->kind != FEE_SERVICE && f->kind != FEE_STATE;
    if (option && !all_options && !wants(d, f->kind))
      continue;
    size_t before = d->nfees;
    if ((st = add_fee(d, f, persons, err)) != QUJAT_OK)
      return st;
    /* In the service overview every option is listed but only the
     * standard price counts towards the total. */
    if (all_options && (option || f->cond) && d->fees[before].counted) {
      d->fees[before].counted = 0;
      d->total -= d->fees[before].tiyn;
    }
  }
  return QUJAT_OK;
}
