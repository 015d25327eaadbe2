/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/catalog/locale.c: plural rules and placeholders as pure
 * functions, then dates, money and timeframes with the real locales. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "helpers.h"
#include "catalog/catalog.h"
#include "qujat/qujat.h"

/* ------------------------------------------------------------------------
 * Plural forms
 * ------------------------------------------------------------------------ */

struct plural_case {
  int lang;
  int64_t n;
  int form;
};

Test(locale, plural_forms_per_language) {
  cr_expect_eq(qujat_plural_forms(LANG_EN), 2);
  cr_expect_eq(qujat_plural_forms(LANG_RU), 3);
  cr_expect_eq(qujat_plural_forms(LANG_KK), 1);
}

Test(locale, plural_index_table) {
  /* clang-format off */
  static const struct plural_case cases[] = {
      /* English: one | other */
      {LANG_EN, 1, 0}, {LANG_EN, 2, 1}, {LANG_EN, 0, 1}, {LANG_EN, 21, 1},
      {LANG_EN, 5, 1},
      /* Russian: день | дня | дней */
      {LANG_RU, 1, 0}, {LANG_RU, 21, 0}, {LANG_RU, 101, 0},
      {LANG_RU, 2, 1}, {LANG_RU, 3, 1}, {LANG_RU, 4, 1}, {LANG_RU, 22, 1},
      {LANG_RU, 34, 1},
      {LANG_RU, 5, 2}, {LANG_RU, 11, 2}, {LANG_RU, 12, 2}, {LANG_RU, 14, 2},
      {LANG_RU, 25, 2}, {LANG_RU, 111, 2}, {LANG_RU, 112, 2}, {LANG_RU, 0, 2},
      {LANG_RU, 20, 2}, {LANG_RU, 45, 2},
      /* Kazakh: a noun after a numeral stays singular */
      {LANG_KK, 1, 0}, {LANG_KK, 2, 0}, {LANG_KK, 5, 0}, {LANG_KK, 21, 0},
      {LANG_KK, 111, 0},
  };
  /* clang-format on */
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    cr_expect_eq(qujat_plural_index(cases[i].lang, cases[i].n), cases[i].form,
                 "lang %d, n = %lld", cases[i].lang, (long long)cases[i].n);
}

/* ------------------------------------------------------------------------
 * Placeholders
 * ------------------------------------------------------------------------ */

/* qujat_format into a fresh buffer; asserts the result. */
static void expect_format(const char *tmpl, const struct farg *args,
                          size_t nargs, const char *want) {
  struct buf b;
  qujat_buf_init(&b, 4096);
  cr_assert_eq(qujat_format(&b, tmpl, args, nargs), QUJAT_OK);
  cr_expect_str_eq(b.data ? b.data : "", want, "format('%s')", tmpl);
  qujat_buf_free(&b);
}

Test(locale, format_fills_placeholders) {
  static const struct farg args[] = {
      {"name", "SMITH TOM"}, {"age", "14"}, {"names", "A, B"}, {"n", NULL}};
  expect_format("{name} is {age}", args, 4, "SMITH TOM is 14");
  expect_format("{names}: {name}", args, 4, "A, B: SMITH TOM");
  expect_format("[{n}]", args, 4, "[]"); /* NULL value: empty */
  expect_format("no placeholders", args, 4, "no placeholders");
  expect_format("", args, 4, "");
  expect_format("{age}{age}", args, 4, "1414");
  expect_format("қазақ {name} тілі", args, 4, "қазақ SMITH TOM тілі");
}

Test(locale, format_copies_unknown_placeholders_as_they_are) {
  static const struct farg args[] = {{"name", "X"}};
  expect_format("{foo} and {name}", args, 1, "{foo} and X");
  expect_format("{nam}", args, 1, "{nam}"); /* prefix of a name */
  expect_format("{names}", args, 1, "{names}");
  expect_format("{name", args, 1, "{name"); /* never closed */
  expect_format("}{", args, 1, "}{");
  expect_format("{{name}}", args, 1, "{X}");
  expect_format("{name}", NULL, 0, "{name}");
}

/* ------------------------------------------------------------------------
 * With the real locales
 * ------------------------------------------------------------------------ */

static qujat_catalog *cat;

static void load_catalog(void) { cat = test_catalog_load(); }

static void free_catalog(void) { qujat_catalog_free(cat); }

TestSuite(locale, .init = load_catalog, .fini = free_catalog);

/* What one of the formatting calls below wrote. */
struct out {
  struct buf b;
  qujat_error err;
};

static void out_init(struct out *o) {
  qujat_buf_init(&o->b, 4096);
  o->err.code = QUJAT_OK;
  o->err.msg[0] = '\0';
}

static void expect_out(struct out *o, qujat_status st, const char *want) {
  cr_expect_eq(st, QUJAT_OK, "%s", o->err.msg);
  cr_expect_str_eq(o->b.data ? o->b.data : "", want);
  qujat_buf_free(&o->b);
}

static void expect_date(int lang, struct date d, const char *want) {
  struct out o;
  out_init(&o);
  expect_out(&o, qujat_format_date(&o.b, cat, lang, d, &o.err), want);
}

static void expect_money(int lang, int64_t tiyn, const char *want) {
  struct out o;
  out_init(&o);
  expect_out(&o, qujat_format_money(&o.b, cat, lang, tiyn, &o.err), want);
}

static void expect_timeframe(int lang, int min, int max, enum time_unit unit,
                             const char *want) {
  struct timeframe t = {0};
  t.stated = 1;
  t.min = min;
  t.max = max;
  t.unit = unit;
  struct out o;
  out_init(&o);
  expect_out(&o, qujat_format_timeframe(&o.b, cat, lang, &t, &o.err), want);
}

Test(locale, format_date_in_three_languages) {
  struct date d = {2026, 11, 21};
  expect_date(LANG_KK, d, "2026 жылғы 21 қараша");
  expect_date(LANG_RU, d, "21 ноября 2026 г.");
  expect_date(LANG_EN, d, "21 November 2026");
  struct date jan = {2027, 1, 5};
  expect_date(LANG_EN, jan, "5 January 2027");
  expect_date(LANG_RU, jan, "5 января 2027 г.");
}

Test(locale, format_money_groups_and_names_the_currency) {
  expect_money(LANG_RU, 85975000, "859 750,00 тенге");
  expect_money(LANG_EN, 85975000, "859 750.00 KZT");
  expect_money(LANG_KK, 85975000, "859 750,00 теңге");
  expect_money(LANG_EN, 216250, "2 162.50 KZT");
  expect_money(LANG_EN, 0, "0.00 KZT");
}

Test(locale, format_amount_without_currency) {
  struct out o;
  out_init(&o);
  expect_out(&o, qujat_format_amount(&o.b, cat, LANG_RU, 111925000, &o.err),
             "1 119 250,00");
}

Test(locale, format_timeframe_russian_plurals) {
  expect_timeframe(LANG_RU, 1, 1, UNIT_BUSINESS_DAY, "1 рабочий день");
  expect_timeframe(LANG_RU, 2, 2, UNIT_BUSINESS_DAY, "2 рабочих дня");
  expect_timeframe(LANG_RU, 5, 5, UNIT_BUSINESS_DAY, "5 рабочих дней");
  expect_timeframe(LANG_RU, 3, 5, UNIT_BUSINESS_DAY, "3–5 рабочих дней");
  expect_timeframe(LANG_RU, 45, 45, UNIT_BUSINESS_DAY, "45 рабочих дней");
  expect_timeframe(LANG_RU, 21, 21, UNIT_CALENDAR_DAY, "21 календарный день");
  expect_timeframe(LANG_RU, 20, 30, UNIT_MINUTE, "20–30 минут");
  expect_timeframe(LANG_RU, 30, 30, UNIT_MINUTE, "30 минут");
}

Test(locale, format_timeframe_english_and_kazakh) {
  expect_timeframe(LANG_EN, 1, 1, UNIT_BUSINESS_DAY, "1 business day");
  expect_timeframe(LANG_EN, 5, 5, UNIT_BUSINESS_DAY, "5 business days");
  expect_timeframe(LANG_EN, 3, 5, UNIT_BUSINESS_DAY, "3–5 business days");
  expect_timeframe(LANG_EN, 20, 30, UNIT_MINUTE, "20–30 minutes");
  expect_timeframe(LANG_KK, 5, 5, UNIT_BUSINESS_DAY, "5 жұмыс күні");
  expect_timeframe(LANG_KK, 20, 30, UNIT_MINUTE, "20–30 минут");
}

Test(locale, format_timeframe_not_stated) {
  struct timeframe t = {0};
  struct out o;
  out_init(&o);
  expect_out(&o, qujat_format_timeframe(&o.b, cat, LANG_EN, &t, &o.err),
             "not stated by the source");
  out_init(&o);
  expect_out(&o, qujat_format_timeframe(&o.b, cat, LANG_RU, &t, &o.err),
             "в источнике не указано");
}

Test(locale, format_plural_picks_the_form) {
  struct out o;
  out_init(&o);
  expect_out(&o,
             qujat_format_plural(&o.b, cat, LANG_RU, "unit.person", 3, &o.err),
             "человека");
  out_init(&o);
  expect_out(&o,
             qujat_format_plural(&o.b, cat, LANG_EN, "unit.person", 1, &o.err),
             "person");
}

Test(locale, a_missing_key_is_an_error_naming_the_key) {
  const char *s = "unchanged";
  qujat_error err = {0};
  cr_expect_null(qujat_locale_find(cat, LANG_EN, "no.such.key"));
  cr_expect_eq(qujat_locale_get(cat, LANG_RU, "no.such.key", &s, &err),
               QUJAT_ERR_LOCALE);
  cr_expect_null(s);
  cr_expect_neq(strstr(err.msg, "no.such.key"), NULL, "%s", err.msg);
  cr_expect_neq(strstr(err.msg, "ru.xml"), NULL, "%s", err.msg);
}

Test(locale, locale_find_returns_each_languages_text) {
  cr_expect_str_eq(qujat_locale_find(cat, LANG_EN, "month.11"), "November");
  cr_expect_str_eq(qujat_locale_find(cat, LANG_RU, "month.11"), "ноября");
  cr_expect_str_eq(qujat_locale_find(cat, LANG_KK, "month.11"), "қараша");
}

Test(locale, every_english_key_exists_in_kazakh_and_russian) {
  const struct locale *en = &cat->locales[LANG_EN];
  cr_assert_gt(en->n, 50, "only %zu English keys", en->n);
  for (size_t i = 0; i < en->n; i++) {
    cr_expect_not_null(qujat_locale_find(cat, LANG_KK, en->keys[i]),
                       "kk.xml lacks '%s'", en->keys[i]);
    cr_expect_not_null(qujat_locale_find(cat, LANG_RU, en->keys[i]),
                       "ru.xml lacks '%s'", en->keys[i]);
  }
  cr_expect_eq(cat->locales[LANG_KK].n, en->n);
  cr_expect_eq(cat->locales[LANG_RU].n, en->n);
}
