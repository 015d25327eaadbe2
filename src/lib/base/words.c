/* SPDX-License-Identifier: MIT */
/*
 * Amounts in words. One algorithm for all three languages: the whole tenge
 * is cut into groups of three digits, each group is said as hundreds plus a
 * number below 100 and followed by its scale word (thousand, million...).
 * Everything that differs between the languages is data in the tables.
 */
#include "base/base.h"

#include <assert.h>
#include <string.h>

#define NGROUPS 5                       /* ones .. trillions */
#define TOP_GROUP 1000000000000LL       /* 10^12, the trillions */
#define TIYN_LIMIT 100000000000000000LL /* 10^17 */

/*
 * A noun after a number. Russian has three forms, for 1, for 2-4 and for 5
 * ("тысяча", "тысячи", "тысяч"); languages whose nouns do not change after
 * numerals give only the first form.
 */
struct noun {
  const char *forms[3];
  int feminine; /* Russian "одна", "две" instead of "один", "два" */
};

struct lang_words {
  /* 0..19; NULL from 10 on where the language builds them as ten + unit */
  const char *small[20];
  const char *feminine[3]; /* 1 and 2 before a feminine noun, or NULL */
  const char *tens[10];
  const char *hundreds[10];
  const char *joiner;              /* between tens and units */
  struct noun scales[NGROUPS - 1]; /* thousand, million, billion, trillion */
  struct noun tenge, tiyn;
};

static const struct lang_words kazakh = {
    .small = {"нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз",
              "тоғыз"},
    .tens = {NULL, "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс",
             "сексен", "тоқсан"},
    /* Accounting style: 100 is "жүз", never "бір жүз". */
    .hundreds = {NULL, "жүз", "екі жүз", "үш жүз", "төрт жүз", "бес жүз",
                 "алты жүз", "жеті жүз", "сегіз жүз", "тоғыз жүз"},
    .joiner = " ",
    .scales = {{{"мың"}, 0},
               {{"миллион"}, 0},
               {{"миллиард"}, 0},
               {{"триллион"}, 0}},
    .tenge = {{"теңге"}, 0},
    .tiyn = {{"тиын"}, 0},
};

static const struct lang_words russian = {
    .small = {"ноль",        "один",       "два",          "три",
              "четыре",      "пять",       "шесть",        "семь",
              "восемь",      "девять",     "десять",       "одиннадцать",
              "двенадцать",  "тринадцать", "четырнадцать", "пятнадцать",
              "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"},
    .feminine = {NULL, "одна", "две"},
    .tens = {NULL, "десять", "двадцать", "тридцать", "сорок", "пятьдесят",
             "шестьдесят", "семьдесят", "восемьдесят", "девяносто"},
    .hundreds = {NULL, "сто", "двести", "триста", "четыреста", "пятьсот",
                 "шестьсот", "семьсот", "восемьсот", "девятьсот"},
    .joiner = " ",
    .scales = {{{"тысяча", "тысячи", "тысяч"}, 1},
               {{"миллион", "миллиона", "миллионов"}, 0},
               {{"миллиард", "миллиарда", "миллиардов"}, 0},
               {{"триллион", "триллиона", "триллионов"}, 0}},
    .tenge = {{"тенге"}, 0}, /* indeclinable, masculine: "два тенге" */
    .tiyn = {{"тиын", "тиына", "тиынов"}, 0},
};

static const struct lang_words english = {
    .small = {"zero",    "one",     "two",       "three",    "four",
              "five",    "six",     "seven",     "eight",    "nine",
              "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
              "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"},
    .tens = {NULL, "ten", "twenty", "thirty", "forty", "fifty", "sixty",
             "seventy", "eighty", "ninety"},
    .hundreds = {NULL, "one hundred", "two hundred", "three hundred",
                 "four hundred", "five hundred", "six hundred", "seven hundred",
                 "eight hundred", "nine hundred"},
    .joiner = "-", /* "twenty-one" */
    .scales = {{{"thousand"}, 0},
               {{"million"}, 0},
               {{"billion"}, 0},
               {{"trillion"}, 0}},
    /* Documents in Kazakhstan leave both without a plural "s". */
    .tenge = {{"tenge"}, 0},
    .tiyn = {{"tiyn"}, 0},
};

static const struct lang_words *const langs[NLANGS] = {
    [LANG_KK] = &kazakh,
    [LANG_RU] = &russian,
    [LANG_EN] = &english,
};

/* ------------------------------------------------------------------------
 * Capitalisation
 * ------------------------------------------------------------------------ */

/* Lower-case ranges and the distance to their capitals. Every pair encodes
 * to the same number of UTF-8 bytes, so upper_first works in place. */
static const struct {
  uint32_t lo, hi, delta;
} upper_map[] = {
    {0x61, 0x7A, 0x20},   /* a-z */
    {0x430, 0x44F, 0x20}, /* а-я */
    {0x450, 0x45F, 0x50}, /* ѐ-џ, with Kazakh і */
    {0x493, 0x493, 1},    /* ғ */
    {0x49B, 0x49B, 1},    /* қ */
    {0x4A3, 0x4A3, 1},    /* ң */
    {0x4AF, 0x4AF, 1},    /* ү */
    {0x4B1, 0x4B1, 1},    /* ұ */
    {0x4BB, 0x4BB, 1},    /* һ */
    {0x4D9, 0x4D9, 1},    /* ә */
    {0x4E9, 0x4E9, 1},    /* ө */
};

UNITTEST void upper_first(char *s) {
  const char *p = s;
  uint32_t cp = qujat_utf8_next(&p);
  for (size_t i = 0; i < sizeof upper_map / sizeof upper_map[0]; i++) {
    if (cp < upper_map[i].lo || cp > upper_map[i].hi)
      continue;
    char enc[4];
    size_t n = qujat_utf8_encode(cp - upper_map[i].delta, enc);
    assert(n == (size_t)(p - s));
    memcpy(s, enc, n);
    return;
  }
}

/* ------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------ */

/* Where the words go: every word after the first since `start` is preceded
 * by one space. */
struct sink {
  struct buf *b;
  size_t start;
};

static qujat_status add_word(struct sink *s, const char *w) {
  qujat_status st = QUJAT_OK;
  if (s->b->len > s->start)
    st = qujat_buf_addc(s->b, ' ');
  return st == QUJAT_OK ? qujat_buf_adds(s->b, w) : st;
}

/* Russian plural class of `n`: 0 for 1, 21, 31...; 1 for 2-4, 22-24...;
 * 2 for 0, 5-20, 25-30... (11-14 always take the last form). */
static int plural_class(int64_t n) {
  int64_t last2 = n % 100, last = n % 10;
  if (last2 >= 11 && last2 <= 14)
    return 2;
  if (last == 1)
    return 0;
  return last >= 2 && last <= 4 ? 1 : 2;
}

static const char *noun_form(const struct noun *noun, int64_t n) {
  const char *form = noun->forms[plural_class(n)];
  return form ? form : noun->forms[0];
}

static const char *unit_word(const struct lang_words *lw, unsigned n,
                             int feminine) {
  if (feminine && n < 3 && lw->feminine[n])
    return lw->feminine[n];
  return lw->small[n];
}

/* 1 <= n <= 99. */
static qujat_status add_below_100(struct sink *s, const struct lang_words *lw,
                                  unsigned n, int feminine) {
  qujat_status st = QUJAT_OK;
  if (n < 20 && lw->small[n])
    return add_word(s, unit_word(lw, n, feminine));
  CHECK(add_word(s, lw->tens[n / 10]));
  if (n % 10) {
    CHECK(qujat_buf_adds(s->b, lw->joiner));
    CHECK(qujat_buf_adds(s->b, unit_word(lw, n % 10, feminine)));
  }
done:
  return st;
}

/* 1 <= n <= 999. */
static qujat_status add_group(struct sink *s, const struct lang_words *lw,
                              unsigned n, int feminine) {
  qujat_status st = QUJAT_OK;
  if (n >= 100)
    CHECK(add_word(s, lw->hundreds[n / 100]));
  if (n % 100)
    CHECK(add_below_100(s, lw, n % 100, feminine));
done:
  return st;
}

/* The whole tenge, without the currency word. */
static qujat_status add_number(struct sink *s, const struct lang_words *lw,
                               int64_t n) {
  qujat_status st = QUJAT_OK;
  if (n == 0)
    return add_word(s, lw->small[0]);
  int64_t div = TOP_GROUP;
  for (int i = NGROUPS - 1; i >= 0; i--, div /= 1000) {
    unsigned group = (unsigned)(n / div % 1000);
    if (group == 0)
      continue;
    /* The ones agree in gender with the currency, the rest with their
     * scale word ("одна тысяча", "один тенге"). */
    const struct noun *noun = i ? &lw->scales[i - 1] : &lw->tenge;
    CHECK(add_group(s, lw, group, noun->feminine));
    if (i)
      CHECK(add_word(s, noun_form(noun, group)));
  }
done:
  return st;
}

qujat_status qujat_money_in_words(struct buf *out, int lang, int64_t tiyn) {
  if (lang < 0 || lang >= NLANGS || tiyn < 0 || tiyn >= TIYN_LIMIT)
    return QUJAT_ERR_ARG;
  const struct lang_words *lw = langs[lang];
  int64_t tenge = tiyn / 100;
  int part = (int)(tiyn % 100); /* the tiyn after the whole tenge */
  char digits[3] = {(char)('0' + part / 10), (char)('0' + part % 10), 0};
  struct sink s = {out, out->len};
  qujat_status st;
  CHECK(add_number(&s, lw, tenge));
  CHECK(add_word(&s, noun_form(&lw->tenge, tenge)));
  CHECK(add_word(&s, digits));
  CHECK(add_word(&s, noun_form(&lw->tiyn, part)));
  upper_first(out->data + s.start);
done:
  /* A half-written amount on a fee slip is worse than none. */
  if (st != QUJAT_OK && out->data) {
    out->len = s.start;
    out->data[s.start] = '\0';
  }
  return st;
}
