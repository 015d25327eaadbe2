/* SPDX-License-Identifier: MIT */
/* The texts of the issue-14 data (regimes, category changes, calendars),
 * for qujat_catalog_each_text; calls no other file of the folder. */
#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

/* Every text of the issue-14 data, for qujat_catalog_each_text. */
int qujat_regimes_each_text(const struct qujat_catalog *c, text_fn fn,
                            void *user) {
  int r;
#define EACH(t)                                                              \
  for (int l_ = 0; l_ < NLANGS; l_++)                                        \
    if ((r = fn((t)->s[l_], user)) != 0)                                     \
      return r;
  for (size_t i = 0; i < c->nlists; i++) {
    EACH(&c->lists[i].title);
    for (size_t k = 0; k < c->lists[i].nremarks; k++)
      EACH(&c->lists[i].remarks[k]);
  }
  for (size_t k = 0; k < c->eta.nexempt; k++)
    EACH(&c->eta.exempt[k]);
  for (size_t k = 0; k < c->eta.nremarks; k++)
    EACH(&c->eta.remarks[k]);
  for (size_t i = 0; i < c->ncategory_names; i++)
    EACH(&c->category_names[i].title);
  for (size_t i = 0; i < c->nchanges; i++)
    for (size_t k = 0; k < c->changes[i].nfrom; k++)
      if (c->changes[i].from[k].has_note)
        EACH(&c->changes[i].from[k].note);
  for (size_t i = 0; i < c->ncalendars; i++)
    for (size_t k = 0; k < c->calendars[i].nholidays; k++)
      EACH(&c->calendars[i].holidays[k].title);
#undef EACH
  return 0;
}
