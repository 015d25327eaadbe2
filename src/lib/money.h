/*
 * Money is integer tiyn (1 tenge = 100 tiyn); MCI multipliers are integer
 * hundredths of an MCI ("0.5 MCI" is 50). No floating point anywhere.
 */
#ifndef QUJAT_MONEY_H
#define QUJAT_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Parses a non-negative decimal with at most `scale_digits` fraction digits
 * ("730000", "0.5", "0,5") into an integer scaled by 10^scale_digits.
 * Returns 1 on success, 0 on syntax error or overflow (limit 10^15). */
int qujat_decimal_parse(const char *s, int scale_digits, int64_t *out);

/* The state fee for `mci_centi` hundredths of an MCI worth `mci_tiyn`:
 * exact when possible, otherwise rounded half up to the tiyn. Returns -1 on
 * overflow. */
int64_t qujat_mci_amount(int64_t mci_centi, int64_t mci_tiyn);

/* "2162.50": tiyn as tenge with two decimals, no grouping (JSON). */
void qujat_tiyn_plain(int64_t tiyn, char *out, size_t size);

/* Tiyn grouped by thousands with `group` between groups and `decimal`
 * before the two tiyn digits: ("859 750,00"). */
void qujat_tiyn_grouped(int64_t tiyn, const char *group, const char *decimal,
                        char *out, size_t size);

/* "0.5", "30", "2.25": hundredths of an MCI as a short decimal with
 * `decimal` as the separator. */
void qujat_centi_format(int64_t centi, const char *decimal, char *out,
                        size_t size);

#endif
