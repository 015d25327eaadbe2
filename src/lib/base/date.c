/* SPDX-License-Identifier: MIT */
#include "base/base.h"

#include <stdio.h>

#include "qujat/qujat.h"

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static int digits(const char *s, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return 1;
}

int qujat_date_parse(const char *s, struct date *out) {
  struct date d;
  if (!s || !digits(s, 4, &d.y) || s[4] != '-' || !digits(s + 5, 2, &d.m) ||
      s[7] != '-' || !digits(s + 8, 2, &d.d) || s[10] != '\0')
    return 0;
  if (d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1 ||
      d.d > days_in_month(d.y, d.m))
    return 0;
  *out = d;
  return 1;
}

qujat_status qujat_date_check(const char *s) {
  struct date d;
  return qujat_date_parse(s, &d) ? QUJAT_OK : QUJAT_ERR_ARG;
}

void qujat_date_format(struct date d, char out[11]) {
  snprintf(out, 11, "%04d-%02d-%02d", (d.y % 10000 + 10000) % 10000,
           (d.m % 100 + 100) % 100, (d.d % 100 + 100) % 100);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int64_t qujat_date_to_days(struct date d) {
  int64_t y = d.y - (d.m <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (d.m + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + d.d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct date qujat_date_from_days(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  struct date d;
  d.d = (int)(doy - (153 * mp + 2) / 5 + 1);
  d.m = (int)(mp < 10 ? mp + 3 : mp - 9);
  d.y = (int)(yoe + era * 400 + (d.m <= 2));
  return d;
}

int qujat_date_cmp(struct date a, struct date b) {
  if (a.y != b.y)
    return a.y < b.y ? -1 : 1;
  if (a.m != b.m)
    return a.m < b.m ? -1 : 1;
  if (a.d != b.d)
    return a.d < b.d ? -1 : 1;
  return 0;
}

int qujat_date_weekday(struct date d) {
  int64_t days = qujat_date_to_days(d); /* 1970-01-01 was a Thursday */
  int64_t w = ((days % 7) + 7 + 3) % 7; /* 0 = Monday */
  return (int)w + 1;
}

struct date qujat_date_add_months(struct date d, int months) {
  int total = d.y * 12 + (d.m - 1) + months;
  struct date r;
  r.y = total / 12;
  r.m = total % 12 + 1;
  int dim = days_in_month(r.y, r.m);
  r.d = d.d > dim ? dim : d.d;
  return r;
}

struct date qujat_date_add_days(struct date d, int days) {
  return qujat_date_from_days(qujat_date_to_days(d) + days);
}

struct date qujat_date_sub_working_days(struct date d, int n) {
  while (n > 0) {
    d = qujat_date_add_days(d, -1);
    if (qujat_date_weekday(d) <= 5)
      n--;
  }
  return d;
}

int qujat_date_age(struct date birth, struct date on) {
  int age = on.y - birth.y;
  if (on.m < birth.m || (on.m == birth.m && on.d < birth.d))
    age--;
  return age;
}
