/* SPDX-License-Identifier: MIT */
/* Catalog fines: the sanctions of the Code of Administrative Offences by
 * days late or by the size of the business. */
#include <string.h>

#include "catalog/catalog_internal.h"
#include "base/base.h"

static qujat_status read_band(struct reader *R, xmlNodePtr n,
                              struct fine_band *b) {
  static const char *const sizes[] = {"", "small", "medium", "large"};
  const char *size = qujat_cr_attr(R, n, "size"), *mci = qujat_cr_attr(R, n, "mci");
  int warning = qujat_cr_attr_is(R, n, "warning", "true");
  qujat_status st;
  CHECK(qujat_cr_int_attr(R, n, "min-days", &b->min_days));
  CHECK(qujat_cr_int_attr(R, n, "max-days", &b->max_days));
  for (int i = 1; size && i < 4; i++)
    if (strcmp(size, sizes[i]) == 0)
      b->size = (enum business_size)i;
  if (size && b->size == SIZE_NONE)
    CHECK(qujat_cr_fail(R, n, "size=\"%s\": expected small, medium or large", size));
  if ((mci != NULL) == warning)
    CHECK(qujat_cr_fail(R, n, "a <band> needs exactly one of mci or warning=\"true\""));
  b->warning = warning;
  if (mci && (!qujat_decimal_parse(mci, 2, &b->mci_centi) || !b->mci_centi))
    CHECK(qujat_cr_fail(R, n, "mci=\"%s\": expected a positive number", mci));
  if (b->max_days && b->min_days > b->max_days)
    CHECK(qujat_cr_fail(R, n, "min-days is above max-days"));
  CHECK(qujat_cr_read_optional_text3(R, n, "also", &b->has_also, &b->also));
done:
  return st;
}

/* Bands by days must run from day 1 without gaps or overlaps, the last
 * open-ended, so that every number of days has exactly one band. */
static qujat_status check_day_bands(struct reader *R, xmlNodePtr n,
                                    const struct fine *f) {
  int next = 1;
  for (size_t i = 0; i < f->nbands; i++) {
    const struct fine_band *b = &f->bands[i];
    int from = b->min_days ? b->min_days : 1;
    if (from != next)
      return qujat_cr_fail(R, n, "fine '%s': the bands by days must follow each "
                        "other from day 1 (band %zu starts at %d, expected "
                        "%d)",
                  f->id, i + 1, from, next);
    if (!b->max_days && i + 1 < f->nbands)
      return qujat_cr_fail(R, n, "fine '%s': only the last band may be open-ended",
                  f->id);
    next = b->max_days + 1;
  }
  if (f->nbands && f->bands[f->nbands - 1].max_days)
    return qujat_cr_fail(R, n, "fine '%s': the last band must be open-ended "
                      "(no max-days)",
                f->id);
  return QUJAT_OK;
}

qujat_status qujat_cr_read_fine(struct reader *R, xmlNodePtr n) {
  struct fine *f = &R->fines[R->nfines];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "fine", R->fines, R->nfines, &f->id));
  CHECK(qujat_cr_req_attr(R, n, "article", &f->article));
  CHECK(qujat_cr_read_cites(R, n, &f->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &f->title));
  xmlNodePtr also = qujat_cr_first_child(n, "also");
  if (also) {
    f->has_also = 1;
    CHECK(qujat_cr_read_text3(R, also, &f->also));
  }
  size_t k = qujat_cr_count_children(n, "band");
  struct fine_band *bands = qujat_cr_alloc(R, k, sizeof *bands);
  if (!bands)
    CHECK(k ? qujat_cr_nomem(R) : qujat_cr_fail(R, n, "<fine> needs at least one <band>"));
  size_t i = 0;
  QUJAT_XML_EACH(c, n, NS, "band")
    CHECK(read_band(R, c, &bands[i++]));
  f->bands = bands;
  f->nbands = k;
  f->by_days = bands[0].min_days || bands[0].max_days;
  f->by_size = bands[0].size != SIZE_NONE;
  for (i = 0; i < k; i++) {
    int days = bands[i].min_days || bands[i].max_days;
    int sized = bands[i].size != SIZE_NONE;
    if (days != f->by_days || sized != f->by_size || (days && sized))
      CHECK(qujat_cr_fail(R, n, "fine '%s': all bands go by days, or all by size",
                 f->id));
    for (size_t j = 0; sized && j < i; j++)
      if (bands[j].size == bands[i].size)
        CHECK(qujat_cr_fail(R, n, "fine '%s': two bands for the same size", f->id));
  }
  if (!f->by_days && !f->by_size && k != 1)
    CHECK(qujat_cr_fail(R, n, "fine '%s': bands need min-days/max-days or size",
               f->id));
  if (f->by_days)
    CHECK(check_day_bands(R, n, f));
  R->nfines++;
done:
  return st;
}
