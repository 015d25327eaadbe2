/* SPDX-License-Identifier: MIT */
/*
 * Entry regimes by citizenship and the stay calculator (issue 14): which
 * lists of the data name a country, which visa-free stay rule applies, the
 * days used in a rolling window and in a calendar year, and the last legal
 * day of a stay.
 */
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"

static int in_codes(const char *codes, const char *code) {
  size_t len = codes ? strlen(codes) : 0;
  for (size_t i = 0; i + 2 <= len; i += 3)
    if (codes[i] == code[0] && codes[i + 1] == code[1])
      return 1;
  return 0;
}

size_t qujat_regime_hits(const struct qujat_catalog *cat, const char *code,
                         struct regime_hit *out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < cat->nlists; i++) {
    const struct country_list *l = &cat->lists[i];
    for (size_t m = 0; m < l->nmembers && n < cap; m++) {
      const struct list_member *x = &l->members[m];
      int own = strcmp(x->code, code) == 0;
      int also = in_codes(x->also, code), alt = in_codes(x->alt, code);
      if (!own && !also && !alt)
        continue;
      out[n].list = l;
      out[n].member = x;
      out[n].ambiguous = alt || (own && x->alt);
      out[n].covered = also;
      n++;
      break;
    }
  }
  return n;
}

const struct stay_rule *qujat_hit_stay(const struct regime_hit *h) {
  if (h->member && h->member->stay.present)
    return &h->member->stay;
  return h->list->stay.present ? &h->list->stay : NULL;
}

const struct regime_hit *qujat_regime_visa_free(const struct regime_hit *v,
                                                size_t n) {
  for (size_t i = 0; i < n; i++)
    if (v[i].list->kind == LIST_VISA_FREE && qujat_hit_stay(&v[i]))
      return &v[i];
  return NULL;
}

static int64_t day(struct date d) { return qujat_date_to_days(d); }

static int overlap(int64_t a0, int64_t a1, int64_t b0, int64_t b1) {
  int64_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
  return hi >= lo ? (int)(hi - lo + 1) : 0;
}

int qujat_days_in(const struct trip *trips, size_t n, struct date from,
                  struct date to) {
  int total = 0;
  for (size_t i = 0; i < n; i++)
    total += overlap(day(trips[i].entry), day(trips[i].exit), day(from),
                     day(to));
  return total;
}

/* The longest stay the calculator looks at: no rule in the data allows
 * more than a year in one go. */
#define MAX_STAY_DAYS 400

int qujat_last_legal_day(const struct stay_rule *rule,
                         const struct trip *trips, size_t n,
                         struct date start, struct date *last) {
  int64_t s = day(start);
  int found = 0;
  for (int k = 0; k < MAX_STAY_DAYS; k++) {
    int64_t x = s + k;
    struct date xd = qujat_date_from_days(x);
    if (rule->per_entry && k + 1 > rule->per_entry)
      break;
    if (rule->window_days) {
      int64_t w0 = x - rule->window_days + 1;
      int used = 0;
      for (size_t i = 0; i < n; i++)
        used += overlap(day(trips[i].entry), day(trips[i].exit), w0, x);
      used += overlap(s, x, w0, x);
      if (used > rule->window_max)
        break;
    }
    if (rule->year_max) {
      struct date jan1 = {xd.y, 1, 1};
      int64_t y0 = day(jan1);
      int used = 0;
      for (size_t i = 0; i < n; i++)
        used += overlap(day(trips[i].entry), day(trips[i].exit), y0, x);
      used += overlap(s, x, y0, x);
      if (used > rule->year_max)
        break;
    }
    *last = xd;
    found = 1;
  }
  return found;
}
