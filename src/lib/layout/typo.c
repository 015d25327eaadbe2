/* SPDX-License-Identifier: MIT */
/*
 * Typography of the texts before they are measured: no-break spaces where
 * a line must not break, and the Russian dash. The wrapper (wrap.c) breaks
 * only at ordinary spaces, so a U+00A0 ties its neighbours; pdftotext and
 * the other extractors still give an ordinary space.
 *
 * - a number and what follows it: "3 месяцев", "5 жұмыс күні", "2026 г.",
 *   and the groups of a number "859 750,00";
 * - "№" and its number: "№ 5"; in Russian also "п. 4", "ст. 85";
 * - Russian: a one-letter preposition or conjunction (в, с, к, о, у, и, а)
 *   and the next word, never last on a line; " – " between words is the em
 *   dash, tied to the word before it.
 *
 * Most texts are the catalog's, the same in every document of a language:
 * each thread keeps the texts it tied (base's memo, memo.c) and copies
 * them into the document's arena.
 */
#include <stdint.h>
#include <string.h>

#include "layout/layout.h"

#define NBSP "\xc2\xa0"
#define MAX_TEXT 4096
#define BUDGET ((size_t)128 << 10)

static struct qujat_memo kept_ties = QUJAT_MEMO(BUDGET);

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Whether the UTF-8 text at s starts with a letter (ASCII or from 0x80)
 * or a digit: a word a number can be tied to. */
static int word_start(const unsigned char *s) {
  return *s >= 0x80 || is_digit(*s) || (*s >= 'A' && *s <= 'Z') ||
         (*s >= 'a' && *s <= 'z');
}

/* The Russian one-letter words a line must not end in. */
static int one_letter_ru(const char *s, size_t len) {
  static const char *const words[] = {"в", "с", "к", "о", "у", "и", "а",
                                      "В", "С", "К", "О", "У", "И", "А"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (len == strlen(words[i]) && memcmp(s, words[i], len) == 0)
      return 1;
  return 0;
}

/* The Russian abbreviations of a reference, never parted from their
 * number: пункт, подпункт, статья, часть. */
static int ref_abbrev_ru(const char *s, size_t len) {
  static const char *const words[] = {"п.", "пп.", "ст.", "ч."};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (len == strlen(words[i]) && memcmp(s, words[i], len) == 0)
      return 1;
  return 0;
}

/* `s` (`len` bytes) with its ties, into `o` (room for 2 * len + 1). */
static size_t tie(const char *s, size_t len, int lang, char *o) {
  size_t n = 0;
  size_t word = 0; /* start of the current word in s */
  for (size_t i = 0; i < len; i++) {
    const unsigned char *u = (const unsigned char *)s + i;
    if (*u != ' ') {
      o[n++] = s[i];
      continue;
    }
    const unsigned char *next = u + 1;
    size_t wlen = i - word;
    int tie = 0;
    /* " – " between words in Russian: "слово — слово". */
    if (lang == LANG_RU && strncmp((const char *)next, "\xe2\x80\x93 ", 4) == 0) {
      memcpy(o + n, NBSP "\xe2\x80\x94", 5);
      n += 5;
      i += 3; /* the en dash; the space after it stays */
      word = i + 1;
      continue;
    }
    if (wlen > 0 && is_digit((unsigned char)s[i - 1]) && word_start(next))
      tie = 1; /* "3 месяцев", "859 750" */
    else if (wlen == 3 && memcmp(s + word, "№", 3) == 0)
      tie = 1; /* "№ 5" */
    else if (lang == LANG_RU && ref_abbrev_ru(s + word, wlen) &&
             is_digit(*next))
      tie = 1; /* "п. 4", "ст. 85" */
    else if (lang == LANG_RU && one_letter_ru(s + word, wlen) &&
             word_start(next))
      tie = 1;
    if (tie) {
      memcpy(o + n, NBSP, 2);
      n += 2;
    } else {
      o[n++] = ' ';
    }
    word = i + 1;
  }
  o[n] = '\0';
  return n;
}

const char *qujat_ties(struct arena *a, const char *s, int lang) {
  if (!s)
    return NULL;
  size_t len = strlen(s), n = 0;
  const uint64_t head[] = {(uint64_t)lang};
  struct qujat_memo_question q = {head, 1, s, len, 0};
  const char *kept =
      len <= MAX_TEXT ? qujat_memo_find(&kept_ties, &q, &n) : NULL;
  /* Each space may become two bytes, each " – " one more. */
  char *o = qujat_arena_alloc(a, kept ? n + 1 : 2 * len + 1);
  if (!o)
    return NULL;
  if (kept) {
    memcpy(o, kept, n);
    o[n] = '\0';
    return o;
  }
  n = tie(s, len, lang, o);
  if (len <= MAX_TEXT)
    qujat_memo_offer(&kept_ties, &q, o, n);
  return o;
}
