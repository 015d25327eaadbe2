/*
 * UI strings, plural forms, and the formatting of dates, amounts and
 * timeframes in Kazakh, Russian and English. A missing key is an error
 * (QUJAT_ERR_LOCALE naming the key), never a fallback to another language.
 */
#ifndef QUJAT_LOCALE_H
#define QUJAT_LOCALE_H

#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "model.h"

/* Number of plural forms of language `lang` (LANG_*): en 2, ru 3, kk 1. */
int qujat_plural_forms(int lang);

/* Which form (0-based) a count `n` takes in `lang`. */
int qujat_plural_index(int lang, int64_t n);

/* The string `key` of `lang`, or NULL. */
const char *qujat_locale_find(const struct qujat_catalog *c, int lang,
                              const char *key);

/* Like qujat_locale_find(), but a missing key sets QUJAT_ERR_LOCALE. */
qujat_status qujat_locale_get(const struct qujat_catalog *c, int lang,
                              const char *key, const char **out,
                              qujat_error *err);

/* A named value for qujat_format(). */
struct farg {
  const char *name; /* without braces */
  const char *value;
};

/* Appends `tmpl` to `out` with every "{name}" replaced by its value from
 * `args`; an unknown name is copied as it is. */
qujat_status qujat_format(struct buf *out, const char *tmpl,
                          const struct farg *args, size_t nargs);

/* Appends the string `key` formatted with `args`. */
qujat_status qujat_format_key(struct buf *out, const struct qujat_catalog *c,
                              int lang, const char *key,
                              const struct farg *args, size_t nargs,
                              qujat_error *err);

/* Appends the form of the plural string `key` for `n`. */
qujat_status qujat_format_plural(struct buf *out,
                                 const struct qujat_catalog *c, int lang,
                                 const char *key, int64_t n,
                                 qujat_error *err);

/* "21 November 2026", "21 ноября 2026 г.", "2026 жылғы 21 қараша". */
qujat_status qujat_format_date(struct buf *out, const struct qujat_catalog *c,
                               int lang, struct date d, qujat_error *err);

/* The same with the month in the grammatical form `form` (the locale key
 * "month.N.FORM"): Kazakh dates take their case ending on the month, so
 * "since" gives "2027 жылғы 1 қаңтардан" (followed by «бастап») and
 * "until" "2028 жылғы 31 желтоқсанды" (followed by «қоса алғанға дейін»).
 * NULL: the plain form. */
qujat_status qujat_format_date_form(struct buf *out,
                                    const struct qujat_catalog *c, int lang,
                                    struct date d, const char *form,
                                    qujat_error *err);

/* An amount with its currency: "859 750.00 KZT", "859 750,00 тенге". */
qujat_status qujat_format_money(struct buf *out,
                                const struct qujat_catalog *c, int lang,
                                int64_t tiyn, qujat_error *err);

/* The amount alone, grouped: "859 750.00" / "859 750,00". */
qujat_status qujat_format_amount(struct buf *out,
                                 const struct qujat_catalog *c, int lang,
                                 int64_t tiyn, qujat_error *err);

/* "5 business days", "3–5 рабочих дней", "20–30 минут"; for a timeframe
 * the source does not state, the "not stated" text. */
qujat_status qujat_format_timeframe(struct buf *out,
                                    const struct qujat_catalog *c, int lang,
                                    const struct timeframe *t,
                                    qujat_error *err);

#endif
