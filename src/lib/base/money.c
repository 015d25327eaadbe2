/* SPDX-License-Identifier: MIT */
#include "base/base.h"

#include <stdint.h>
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
  char digits[QUJAT_UINT_TEXT], cents[QUJAT_UINT_TEXT];
  /* The magnitude as unsigned: -tiyn would overflow for INT64_MIN. */
  uint64_t a = tiyn < 0 ? 0ULL - (uint64_t)tiyn : (uint64_t)tiyn;
  size_t n = qujat_uint_text(digits, a / 100, 0);
  qujat_uint_text(cents, a % 100, 2);
  size_t o = 0;
  char tmp[160];
  if (tiyn < 0)
    tmp[o++] = '-';
  size_t glen = strlen(group), dlen = strlen(decimal);
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && (n - i) % 3 == 0 && o + glen < sizeof tmp) {
      memcpy(tmp + o, group, glen);
      o += glen;
    }
    if (o + 1 < sizeof tmp)
      tmp[o++] = digits[i];
  }
  if (o + dlen + 2 < sizeof tmp) {
    memcpy(tmp + o, decimal, dlen);
    memcpy(tmp + o + dlen, cents, 2);
    o += dlen + 2;
  }
  tmp[o] = '\0';
  /* What snprintf(out, size, "%s", tmp) gives: cut to the room there is. */
  if (size > 0) {
    size_t k = o < size - 1 ? o : size - 1;
    memcpy(out, tmp, k);
    out[k] = '\0';
  }
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
