/* SPDX-License-Identifier: MIT */
/*
 * A checklist's check of the profile's <request> against the visa
 * categories data (services/visa-categories.xml, digest section 4): the
 * category, the entries and the period. A checklist is still useful with a
 * request the data does not allow, so each finding is a warning; the
 * letter refuses the same request with an error (rules_letter.c).
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"

/* Whether a visa from `from` to `to` lasts more than `months` months. */
static int longer_than(struct date from, struct date to, int months) {
  struct date last =
      qujat_date_add_days(qujat_date_add_months(from, months), -1);
  return qujat_date_cmp(to, last) > 0;
}

static qujat_status period(struct qujat_document *d,
                           const struct visa_category *v, int kind) {
  const struct qujat_profile *p = d->profile;
  const struct entries_rule *e = &v->entries[kind];
  char days[24], limit[16];
  long n = (long)(qujat_date_to_days(p->to) - qujat_date_to_days(p->from)) + 1;
  snprintf(days, sizeof days, "%ld", n);
  const char *key = NULL;
  if (e->max_days && n > e->max_days) {
    snprintf(limit, sizeof limit, "%d", e->max_days);
    key = kind == ENTRY_SINGLE ? "request.long-days-single"
                               : "request.long-days-multiple";
  } else if (e->max_months && longer_than(p->from, p->to, e->max_months)) {
    snprintf(limit, sizeof limit, "%d", e->max_months);
    key = kind == ENTRY_SINGLE ? "request.long-months-single"
                               : "request.long-months-multiple";
  }
  if (!key)
    return QUJAT_OK;
  const struct farg a[] = {
      {"category", v->id}, {"days", days}, {"limit", limit}};
  return qujat_doc_warn_key(d, key, a, 3, NULL);
}

qujat_status qujat_rules_request(struct qujat_document *d, qujat_error *err) {
  const struct qujat_profile *p = d->profile;
  const struct letter_rule *l = &d->service->letter;
  qujat_status st = QUJAT_OK;
  if (!p || !p->has_request || !p->category)
    return QUJAT_OK;
  const struct farg cat[] = {{"category", p->category}};
  const struct visa_category *v = qujat_find_category(d->cat, p->category);
  if (!v)
    return qujat_doc_warn_key(d, "request.category-unknown", cat, 1, err);
  if (l->present && l->ncategories) {
    char allowed[64] = "";
    int ok = 0;
    for (size_t i = 0; i < l->ncategories; i++) {
      size_t len = strlen(allowed);
      snprintf(allowed + len, sizeof allowed - len, "%s%s", i ? ", " : "",
               l->categories[i]->id);
      ok |= l->categories[i] == v;
    }
    const struct farg a[] = {{"category", p->category},
                             {"allowed", allowed}};
    if (!ok &&
        (st = qujat_doc_warn_key(d, "request.category-service", a, 2, err)) !=
            QUJAT_OK)
      return st;
  }
  int kind = !p->entries                          ? -1
             : strcmp(p->entries, "single") == 0 ? ENTRY_SINGLE
                                                 : ENTRY_MULTIPLE;
  if (kind < 0)
    return QUJAT_OK;
  if (!v->entries[kind].present) {
    st = qujat_doc_warn_key(d, kind == ENTRY_SINGLE
                                   ? "request.multiple-only"
                                   : "request.single-only",
                            cat, 1, err);
    kind = !kind;
    if (st != QUJAT_OK || !v->entries[kind].present)
      return st;
  }
  if (p->has_from && p->has_to)
    st = period(d, v, kind);
  if (st != QUJAT_OK)
    return qujat_err_set(err, st, NULL, 0, 0, "cannot add a warning");
  return st;
}
