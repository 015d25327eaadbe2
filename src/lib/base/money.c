/* SPDX-License-Identifier: MIT */
#include "base/base.h"

#include <stdio.h>
#include <string.h>

#define DECIMAL_LIMIT 1000000000000000LL /* 10^15 */

int qujat_decimal_parse(const char *s, int scale_digits, int64_t *out) {
  int64_t v = 0;
  int frac = -1; /* fraction digits seen, -1 before the separator */
  const char *p = s;
  if (!*p)
    return 0;
  for (; *p; p++) {
    if (*p >= '0' && *p <= '9') {
      if (frac >= 0 && ++frac > scale_digits)
        return 0;
      v = v * 10 + (*p - '0');
      if (v >= DECIMAL_LIMIT)
        return 0;
    } else if ((*p == '.' || *p == ',') && frac < 0 && p != s && p[1]) {
      frac = 0;
    } else {
      return 0;
    }
  }
  for (int i = frac < 0 ? 0 : frac; i < scale_digits; i++) {
    if (v >= DECIMAL_LIMIT / 10)
      return 0;
    v *= 10;
  }
  *out = v;
  return 1;
}

int64_t qujat_mci_amount(int64_t mci_centi, int64_t mci_tiyn) {
  if (mci_centi < 0 || mci_tiyn < 0)
    return -1;
  if (mci_centi && mci_tiyn > INT64_MAX / mci_centi)
    return -1;
  int64_t product = mci_centi * mci_tiyn;
  if (product > INT64_MAX - 50)
    return -1;
  /* product / 100 rounded half up; both factors are non-negative. */
  return (product + 50) / 100;
}

void qujat_tiyn_plain(int64_t tiyn, char *out, size_t size) {
  snprintf(out, size, "%s%lld.%02lld", tiyn < 0 ? "-" : "",
           (long long)((tiyn < 0 ? -tiyn : tiyn) / 100),
           (long long)((tiyn < 0 ? -tiyn : tiyn) % 100));
}

void qujat_tiyn_grouped(int64_t tiyn, const char *group, const char *decimal,
                        char *out, size_t size) {
  char digits[32];
  int64_t a = tiyn < 0 ? -tiyn : tiyn;
  int n = snprintf(digits, sizeof digits, "%lld", (long long)(a / 100));
  size_t o = 0;
  char tmp[128];
  if (tiyn < 0)
    tmp[o++] = '-';
  size_t glen = strlen(group);
  for (int i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0 && o + glen < sizeof tmp) {
      memcpy(tmp + o, group, glen);
      o += glen;
    }
    if (o + 1 < sizeof tmp)
      tmp[o++] = digits[i];
  }
  tmp[o] = '\0';
  snprintf(out, size, "%s%s%02lld", tmp, decimal, (long long)(a % 100));
}

void qujat_centi_format(int64_t centi, const char *decimal, char *out,
                        size_t size) {
  int64_t whole = centi / 100, frac = centi % 100;
  if (frac == 0)
    snprintf(out, size, "%lld", (long long)whole);
  else if (frac % 10 == 0)
    snprintf(out, size, "%lld%s%lld", (long long)whole, decimal,
             (long long)(frac / 10));
  else
    snprintf(out, size, "%lld%s%02lld", (long long)whole, decimal,
             (long long)frac);
}
