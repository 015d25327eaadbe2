/* SPDX-License-Identifier: MIT */
/* Looking up a country by code or by name, and a year's working-day
 * calendar (issue 14). */
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

const struct calendar *qujat_find_calendar(const struct qujat_catalog *c,
                                           int year) {
  for (size_t i = 0; i < c->ncalendars; i++)
    if (c->calendars[i].year == year)
      return &c->calendars[i];
  return NULL;
}

/* The lower case of a code point, for ASCII, Russian and Kazakh letters. */
static uint32_t fold(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z')
    return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) /* А..Я */
    return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) /* Ѐ..Џ, Ё, І */
    return cp + 80;
  switch (cp) {
  case 0x4D8: case 0x492: case 0x49A: case 0x4A2: case 0x4E8:
  case 0x4B0: case 0x4AE: case 0x4BA:
    return cp + 1; /* Ә Ғ Қ Ң Ө Ұ Ү Һ */
  default:
    return cp;
  }
}

/* Reads one UTF-8 code point (the data is valid UTF-8; a stray byte is
 * taken as itself). */
static uint32_t next_cp(const unsigned char **p) {
  const unsigned char *s = *p;
  uint32_t cp;
  if (s[0] < 0x80) {
    cp = s[0];
    *p += 1;
  } else if ((s[0] & 0xE0) == 0xC0 && s[1]) {
    cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    *p += 2;
  } else if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
    cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
         (s[2] & 0x3F);
    *p += 3;
  } else if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
    cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
         ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    *p += 4;
  } else {
    cp = s[0];
    *p += 1;
  }
  return cp;
}

int qujat_name_equal(const char *a, const char *b) {
  const unsigned char *p = (const unsigned char *)a;
  const unsigned char *q = (const unsigned char *)b;
  while (*p && *q)
    if (fold(next_cp(&p)) != fold(next_cp(&q)))
      return 0;
  return !*p && !*q;
}

const struct country *qujat_find_country_any(const struct qujat_catalog *c,
                                             const char *query) {
  if (!query || !*query)
    return NULL;
  if (strlen(query) == 2) {
    char code[3] = {query[0], query[1], 0};
    for (int i = 0; i < 2; i++)
      if (code[i] >= 'a' && code[i] <= 'z')
        code[i] = (char)(code[i] - 32);
    const struct country *k = qujat_find_country(c, code);
    if (k)
      return k;
  }
  for (size_t i = 0; i < c->ncountries; i++)
    for (int l = 0; l < NLANGS; l++)
      if (qujat_name_equal(c->countries[i].name.s[l], query))
        return &c->countries[i];
  /* The names the sources write (e.g. "Аустралия", "Ұлыбритания"). */
  for (size_t i = 0; i < c->nlists; i++)
    for (size_t m = 0; m < c->lists[i].nmembers; m++)
      if (qujat_name_equal(c->lists[i].members[m].name, query))
        return qujat_find_country(c, c->lists[i].members[m].code);
  return NULL;
}

