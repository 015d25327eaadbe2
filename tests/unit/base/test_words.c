/* SPDX-License-Identifier: MIT */
/* Unit tests of src/lib/base/words.c: amounts in words in Kazakh, Russian and
 * English. Every expectation is written out by hand from the rules (Russian
 * gender and plural, Kazakh accounting style, English hyphens). */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"

/* An amount as tenge and tiyn, so the table reads like the slip. */
#define T(tenge, tiyn) ((int64_t)(tenge)*100 + (tiyn))

struct words_case {
  int64_t tiyn;
  const char *kk, *ru, *en;
};

static const struct words_case cases[] = {
    /* Zero and single tiyn. */
    {T(0, 0), "Нөл теңге 00 тиын", "Ноль тенге 00 тиынов",
     "Zero tenge 00 tiyn"},
    {T(0, 1), "Нөл теңге 01 тиын", "Ноль тенге 01 тиын", "Zero tenge 01 tiyn"},
    /* Small numbers, without and with tiyn. */
    {T(1, 0), "Бір теңге 00 тиын", "Один тенге 00 тиынов", "One tenge 00 tiyn"},
    {T(1, 1), "Бір теңге 01 тиын", "Один тенге 01 тиын", "One tenge 01 tiyn"},
    {T(2, 0), "Екі теңге 00 тиын", "Два тенге 00 тиынов", "Two tenge 00 tiyn"},
    {T(2, 2), "Екі теңге 02 тиын", "Два тенге 02 тиына", "Two tenge 02 tiyn"},
    {T(3, 0), "Үш теңге 00 тиын", "Три тенге 00 тиынов", "Three tenge 00 tiyn"},
    {T(4, 24), "Төрт теңге 24 тиын", "Четыре тенге 24 тиына",
     "Four tenge 24 tiyn"},
    {T(5, 0), "Бес теңге 00 тиын", "Пять тенге 00 тиынов",
     "Five tenge 00 tiyn"},
    {T(5, 5), "Бес теңге 05 тиын", "Пять тенге 05 тиынов",
     "Five tenge 05 tiyn"},
    {T(10, 10), "Он теңге 10 тиын", "Десять тенге 10 тиынов",
     "Ten tenge 10 tiyn"},
    {T(11, 0), "Он бір теңге 00 тиын", "Одиннадцать тенге 00 тиынов",
     "Eleven tenge 00 tiyn"},
    {T(11, 11), "Он бір теңге 11 тиын", "Одиннадцать тенге 11 тиынов",
     "Eleven tenge 11 tiyn"},
    {T(21, 0), "Жиырма бір теңге 00 тиын", "Двадцать один тенге 00 тиынов",
     "Twenty-one tenge 00 tiyn"},
    {T(21, 1), "Жиырма бір теңге 01 тиын", "Двадцать один тенге 01 тиын",
     "Twenty-one tenge 01 tiyn"},
    {T(21, 21), "Жиырма бір теңге 21 тиын", "Двадцать один тенге 21 тиын",
     "Twenty-one tenge 21 tiyn"},
    {T(22, 22), "Жиырма екі теңге 22 тиын", "Двадцать два тенге 22 тиына",
     "Twenty-two tenge 22 tiyn"},
    {T(40, 0), "Қырық теңге 00 тиын", "Сорок тенге 00 тиынов",
     "Forty tenge 00 tiyn"},
    {T(90, 90), "Тоқсан теңге 90 тиын", "Девяносто тенге 90 тиынов",
     "Ninety tenge 90 tiyn"},
    /* Hundreds: Kazakh 100 is "жүз", never "бір жүз". */
    {T(100, 0), "Жүз теңге 00 тиын", "Сто тенге 00 тиынов",
     "One hundred tenge 00 tiyn"},
    {T(100, 14), "Жүз теңге 14 тиын", "Сто тенге 14 тиынов",
     "One hundred tenge 14 tiyn"},
    {T(112, 12), "Жүз он екі теңге 12 тиын", "Сто двенадцать тенге 12 тиынов",
     "One hundred twelve tenge 12 tiyn"},
    /* Thousands: feminine in Russian, "бір мың" in Kazakh. */
    {T(1000, 0), "Бір мың теңге 00 тиын", "Одна тысяча тенге 00 тиынов",
     "One thousand tenge 00 tiyn"},
    {T(1000, 99), "Бір мың теңге 99 тиын", "Одна тысяча тенге 99 тиынов",
     "One thousand tenge 99 tiyn"},
    {T(2162, 50), "Екі мың жүз алпыс екі теңге 50 тиын",
     "Две тысячи сто шестьдесят два тенге 50 тиынов",
     "Two thousand one hundred sixty-two tenge 50 tiyn"},
    {T(11000, 0), "Он бір мың теңге 00 тиын",
     "Одиннадцать тысяч тенге 00 тиынов", "Eleven thousand tenge 00 tiyn"},
    {T(21000, 0), "Жиырма бір мың теңге 00 тиын",
     "Двадцать одна тысяча тенге 00 тиынов",
     "Twenty-one thousand tenge 00 tiyn"},
    {T(22000, 0), "Жиырма екі мың теңге 00 тиын",
     "Двадцать две тысячи тенге 00 тиынов",
     "Twenty-two thousand tenge 00 tiyn"},
    {T(25000, 0), "Жиырма бес мың теңге 00 тиын",
     "Двадцать пять тысяч тенге 00 тиынов",
     "Twenty-five thousand tenge 00 tiyn"},
    {T(100000, 0), "Жүз мың теңге 00 тиын", "Сто тысяч тенге 00 тиынов",
     "One hundred thousand tenge 00 tiyn"},
    {T(101000, 0), "Жүз бір мың теңге 00 тиын",
     "Сто одна тысяча тенге 00 тиынов",
     "One hundred one thousand tenge 00 tiyn"},
    {T(129750, 0), "Жүз жиырма тоғыз мың жеті жүз елу теңге 00 тиын",
     "Сто двадцать девять тысяч семьсот пятьдесят тенге 00 тиынов",
     "One hundred twenty-nine thousand seven hundred fifty tenge 00 tiyn"},
    /* Millions and up: masculine in Russian, with three plural forms. */
    {T(1000000, 0), "Бір миллион теңге 00 тиын", "Один миллион тенге 00 тиынов",
     "One million tenge 00 tiyn"},
    {T(1000000, 3), "Бір миллион теңге 03 тиын", "Один миллион тенге 03 тиына",
     "One million tenge 03 tiyn"},
    {T(1119250, 0), "Бір миллион жүз он тоғыз мың екі жүз елу теңге 00 тиын",
     "Один миллион сто девятнадцать тысяч двести пятьдесят тенге 00 тиынов",
     "One million one hundred nineteen thousand two hundred fifty tenge 00 "
     "tiyn"},
    {T(2000000, 0), "Екі миллион теңге 00 тиын", "Два миллиона тенге 00 тиынов",
     "Two million tenge 00 tiyn"},
    {T(5000000, 0), "Бес миллион теңге 00 тиын",
     "Пять миллионов тенге 00 тиынов", "Five million tenge 00 tiyn"},
    {T(3004000000LL, 0), "Үш миллиард төрт миллион теңге 00 тиын",
     "Три миллиарда четыре миллиона тенге 00 тиынов",
     "Three billion four million tenge 00 tiyn"},
    {T(1000000000001LL, 0), "Бір триллион бір теңге 00 тиын",
     "Один триллион один тенге 00 тиынов", "One trillion one tenge 00 tiyn"},
    {T(2000000000000LL, 0), "Екі триллион теңге 00 тиын",
     "Два триллиона тенге 00 тиынов", "Two trillion tenge 00 tiyn"},
    {T(5000000000000LL, 0), "Бес триллион теңге 00 тиын",
     "Пять триллионов тенге 00 тиынов", "Five trillion tenge 00 tiyn"},
    /* The largest amount accepted. */
    {T(999999999999999LL, 99),
     "Тоғыз жүз тоқсан тоғыз триллион тоғыз жүз тоқсан тоғыз миллиард "
     "тоғыз жүз тоқсан тоғыз миллион тоғыз жүз тоқсан тоғыз мың "
     "тоғыз жүз тоқсан тоғыз теңге 99 тиын",
     "Девятьсот девяносто девять триллионов девятьсот девяносто девять "
     "миллиардов девятьсот девяносто девять миллионов девятьсот девяносто "
     "девять тысяч девятьсот девяносто девять тенге 99 тиынов",
     "Nine hundred ninety-nine trillion nine hundred ninety-nine billion "
     "nine hundred ninety-nine million nine hundred ninety-nine thousand "
     "nine hundred ninety-nine tenge 99 tiyn"},
};

#define NCASES (sizeof cases / sizeof cases[0])

/* Writes `tiyn` in `lang` into a fresh buffer and compares with `want`. */
static void expect_words(int lang, int64_t tiyn, const char *want) {
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_money_in_words(&b, lang, tiyn);
  cr_expect_eq(st, QUJAT_OK, "lang %d, %lld tiyn: status %d", lang,
               (long long)tiyn, (int)st);
  cr_expect_str_eq(b.data ? b.data : "", want, "lang %d, %lld tiyn", lang,
                   (long long)tiyn);
  qujat_buf_free(&b);
}

Test(words, kazakh_amounts) {
  for (size_t i = 0; i < NCASES; i++)
    expect_words(LANG_KK, cases[i].tiyn, cases[i].kk);
}

Test(words, russian_amounts) {
  for (size_t i = 0; i < NCASES; i++)
    expect_words(LANG_RU, cases[i].tiyn, cases[i].ru);
}

Test(words, english_amounts) {
  for (size_t i = 0; i < NCASES; i++)
    expect_words(LANG_EN, cases[i].tiyn, cases[i].en);
}

Test(words, appends_after_existing_text) {
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_buf_adds(&b, "Сумма: "), QUJAT_OK);
  cr_assert_eq(qujat_money_in_words(&b, LANG_RU, T(2, 2)), QUJAT_OK);
  cr_expect_str_eq(b.data, "Сумма: Два тенге 02 тиына");
  qujat_buf_free(&b);
}

Test(words, rejects_amounts_out_of_range_and_unknown_languages) {
  static const struct {
    int lang;
    int64_t tiyn;
  } bad[] = {
      {LANG_RU, -1},
      {LANG_KK, INT64_MIN},
      {LANG_EN, 100000000000000000LL}, /* 10^17 */
      {LANG_RU, INT64_MAX},
      {-1, 100},
      {NLANGS, 100},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    struct buf b;
    qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
    cr_expect_eq(qujat_money_in_words(&b, bad[i].lang, bad[i].tiyn),
                 QUJAT_ERR_ARG, "lang %d, %lld tiyn", bad[i].lang,
                 (long long)bad[i].tiyn);
    cr_expect_eq(b.len, 0);
    qujat_buf_free(&b);
  }
}

Test(words, buffer_limit_leaves_the_buffer_as_it_was) {
  struct buf b;
  qujat_buf_init(&b, 12);
  cr_assert_eq(qujat_buf_adds(&b, "Sum: "), QUJAT_OK);
  cr_expect_eq(qujat_money_in_words(&b, LANG_EN, T(21, 0)), QUJAT_ERR_LIMIT);
  cr_expect_str_eq(b.data, "Sum: ");
  cr_expect_eq(b.len, 5);
  qujat_buf_free(&b);
}

Test(words, upper_first_maps_latin_russian_and_kazakh_letters) {
  static const char *const pairs[][2] = {
      {"zero", "Zero"}, {"нөл", "Нөл"}, {"ёж", "Ёж"},   {"яр", "Яр"},
      {"әк", "Әк"},     {"ғы", "Ғы"},   {"қы", "Қы"},   {"ңы", "Ңы"},
      {"үш", "Үш"},     {"ұн", "Ұн"},   {"һа", "Һа"},   {"өн", "Өн"},
      {"ік", "Ік"},     {"Үш", "Үш"},   {"1 x", "1 x"}, {"€", "€"},
      {"", ""},
  };
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    char s[16];
    size_t n = strlen(pairs[i][0]) + 1;
    memcpy(s, pairs[i][0], n);
    upper_first(s);
    cr_expect_str_eq(s, pairs[i][1], "'%s'", pairs[i][0]);
  }
}
