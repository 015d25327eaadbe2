/* Calendar dates: strict parsing, arithmetic, ages and working days. */
#ifndef QUJAT_DATE_H
#define QUJAT_DATE_H

#include <stdint.h>

struct date {
  int y, m, d;
};

/* Parses exactly "YYYY-MM-DD" (years 1900..9999, a real calendar day).
 * Returns 1 on success. */
int qujat_date_parse(const char *s, struct date *out);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void qujat_date_format(struct date d, char out[11]);

/* Days since 1970-01-01 (negative before). */
int64_t qujat_date_to_days(struct date d);
struct date qujat_date_from_days(int64_t days);

/* <0, 0, >0 as a is before, equal to, after b. */
int qujat_date_cmp(struct date a, struct date b);

/* 1 = Monday ... 7 = Sunday. */
int qujat_date_weekday(struct date d);

/* Adds `months` calendar months; a day past the end of the target month
 * becomes its last day (2025-11-30 + 3 months = 2026-02-28). */
struct date qujat_date_add_months(struct date d, int months);

/* Adds `days` calendar days (may be negative). */
struct date qujat_date_add_days(struct date d, int days);

/* The working day `n` working days before `d` (Monday to Friday; there is no
 * holiday calendar yet). n = 0 gives `d` itself. */
struct date qujat_date_sub_working_days(struct date d, int n);

/* Age in whole years on `on` of someone born on `birth` (a 29 February
 * birthday is reached on 1 March in common years). */
int qujat_date_age(struct date birth, struct date on);

#endif
