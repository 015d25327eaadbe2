/* SPDX-License-Identifier: MIT */
#include "catalog/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

int qujat_plural_forms(int lang) {
  switch (lang) {
  case LANG_EN:
    return 2;
  case LANG_RU:
    return 3;
  default:
    return 1; /* Kazakh nouns stay singular after a numeral */
  }
}

int qujat_plural_index(int lang, int64_t n) {
  if (n < 0)
    n = -n;
  switch (lang) {
  case LANG_EN:
    return n == 1 ? 0 : 1;
  case LANG_RU:
    if (n % 10 == 1 && n % 100 != 11)
      return 0; /* 1, 21: день */
    if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14))
      return 1; /* 2-4, 22-24: дня */
    return 2;   /* 5-20, 25-30: дней */
  default:
    return 0;
  }
}

static int compare_key(const void *key, const void *elem) {
  return strcmp(key, *(const char *const *)elem);
}

const char *qujat_locale_find(const struct qujat_catalog *c, int lang,
                              const char *key) {
  const struct locale *l = &c->locales[lang];
  if (!l->keys)
    return NULL;
  const char *const *hit =
      bsearch(key, l->keys, l->n, sizeof *l->keys, compare_key);
  return hit ? l->values[hit - l->keys] : NULL;
}

qujat_status qujat_locale_get(const struct qujat_catalog *c, int lang,
                              const char *key, const char **out,
                              qujat_error *err) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  *out = qujat_locale_find(c, lang, key);
  if (!*out)
    return qujat_err_set(err, QUJAT_ERR_LOCALE, NULL, 0, 0,
                         "locales/%s.xml has no text for '%s'", codes[lang],
                         key);
  return QUJAT_OK;
}

qujat_status qujat_format(struct buf *out, const char *tmpl,
                          const struct farg *args, size_t nargs) {
  const char *p = tmpl;
  while (*p) {
    const char *open = strchr(p, '{');
    if (!open)
      return qujat_buf_adds(out, p);
    qujat_status st = qujat_buf_add(out, p, (size_t)(open - p));
    if (st != QUJAT_OK)
      return st;
    const char *close = strchr(open, '}');
    size_t i = nargs;
    if (close) {
      size_t len = (size_t)(close - open - 1);
      for (i = 0; i < nargs; i++)
        if (strlen(args[i].name) == len &&
            strncmp(open + 1, args[i].name, len) == 0)
          break;
    }
    if (i < nargs) {
      st = qujat_buf_adds(out, args[i].value ? args[i].value : "");
      p = close + 1;
    } else {
      st = qujat_buf_addc(out, '{');
      p = open + 1;
    }
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}

qujat_status qujat_format_key(struct buf *out, const struct qujat_catalog *c,
                              int lang, const char *key,
                              const struct farg *args, size_t nargs,
                              qujat_error *err) {
  const char *tmpl;
  qujat_status st = qujat_locale_get(c, lang, key, &tmpl, err);
  if (st == QUJAT_OK)
    st = qujat_format(out, tmpl, args, nargs);
  return st;
}

qujat_status qujat_format_plural(struct buf *out,
                                 const struct qujat_catalog *c, int lang,
                                 const char *key, int64_t n,
                                 qujat_error *err) {
  const char *forms;
  qujat_status st = qujat_locale_get(c, lang, key, &forms, err);
  if (st != QUJAT_OK)
    return st;
  int want = strchr(forms, '|') ? qujat_plural_index(lang, n) : 0;
  for (int i = 0; i < want; i++) {
    const char *bar = strchr(forms, '|');
    if (!bar)
      break;
    forms = bar + 1;
  }
  const char *end = strchr(forms, '|');
  return qujat_buf_add(out, forms,
                       end ? (size_t)(end - forms) : strlen(forms));
}

qujat_status qujat_format_date(struct buf *out, const struct qujat_catalog *c,
                               int lang, struct date d, qujat_error *err) {
  return qujat_format_date_form(out, c, lang, d, NULL, err);
}

qujat_status qujat_format_date_form(struct buf *out,
                                    const struct qujat_catalog *c, int lang,
                                    struct date d, const char *form,
                                    qujat_error *err) {
  /* Without snprintf: a document formats a dozen dates, and printf's
   * cost was most of it. */
  char key[48] = "month.", day[QUJAT_UINT_TEXT], year[QUJAT_UINT_TEXT];
  const char *month;
  char *k = key + strlen(key);
  k += qujat_uint_text(k, d.m > 0 ? (unsigned)d.m : 0, 0);
  if (form && strlen(form) >= sizeof key - (size_t)(k - key) - 1)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "no month form '%.20s'", form);
  if (form) {
    *k++ = '.';
    strcpy(k, form);
  }
  qujat_status st = qujat_locale_get(c, lang, key, &month, err);
  if (st != QUJAT_OK)
    return st;
  qujat_uint_text(day, d.d > 0 ? (unsigned)d.d : 0, 0);
  qujat_uint_text(year, d.y > 0 ? (unsigned)d.y : 0, 4);
  const struct farg args[] = {{"d", day}, {"month", month}, {"y", year}};
  return qujat_format_key(out, c, lang, "date.format", args, 3, err);
}

qujat_status qujat_format_amount(struct buf *out,
                                 const struct qujat_catalog *c, int lang,
                                 int64_t tiyn, qujat_error *err) {
  const char *group, *decimal;
  qujat_status st = qujat_locale_get(c, lang, "number.group", &group, err);
  if (st == QUJAT_OK)
    st = qujat_locale_get(c, lang, "number.decimal", &decimal, err);
  if (st != QUJAT_OK)
    return st;
  char text[64];
  qujat_tiyn_grouped(tiyn, group, decimal, text, sizeof text);
  return qujat_buf_adds(out, text);
}

qujat_status qujat_format_money(struct buf *out,
                                const struct qujat_catalog *c, int lang,
                                int64_t tiyn, qujat_error *err) {
  struct buf amount;
  qujat_buf_init(&amount, 128);
  qujat_status st = qujat_format_amount(&amount, c, lang, tiyn, err);
  if (st == QUJAT_OK) {
    const struct farg args[] = {{"amount", amount.data}};
    st = qujat_format_key(out, c, lang, "money.format", args, 1, err);
  }
  qujat_buf_free(&amount);
  return st;
}

qujat_status qujat_format_timeframe(struct buf *out,
                                    const struct qujat_catalog *c, int lang,
                                    const struct timeframe *t,
                                    qujat_error *err) {
  static const char *const unit_keys[] = {
      "unit.business-day", "unit.calendar-day", "unit.minute"};
  if (!t->stated)
    return qujat_format_key(out, c, lang, "not-stated", NULL, 0, err);
  struct buf unit;
  qujat_buf_init(&unit, 256);
  qujat_status st =
      qujat_format_plural(&unit, c, lang, unit_keys[t->unit], t->max, err);
  if (st == QUJAT_OK) {
    char min[QUJAT_UINT_TEXT], max[QUJAT_UINT_TEXT];
    qujat_int_text(min, t->min);
    qujat_int_text(max, t->max);
    const struct farg args[] = {
        {"min", min}, {"max", max}, {"n", max}, {"unit", unit.data}};
    st = qujat_format_key(out, c, lang,
                          t->min == t->max ? "timeframe.single"
                                           : "timeframe.range",
                          args, 4, err);
  }
  qujat_buf_free(&unit);
  return st;
}
