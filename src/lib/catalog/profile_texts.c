/* SPDX-License-Identifier: MIT */
/*
 * The free texts of a profile, each with the field it comes from: what a
 * message names when a text cannot be printed (a character the fonts lack,
 * pdf_coverage.c).
 */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"

struct each {
  qujat_profile_text_fn fn;
  void *user;
};

static int one(struct each *E, const char *field, int line,
               const char *text) {
  return text && *text ? E->fn(field, line, text, E->user) : 0;
}

/* "<company name>" in `lang` -> "<company name xml:lang="ru">"; English
 * (the language of a text without xml:lang) keeps the plain field. */
static int per_language(struct each *E, const char *field,
                        const struct ptext *t) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  for (int l = 0; l < NLANGS; l++) {
    if (!t->s[l])
      continue;
    char name[128];
    size_t n = strlen(field);
    if (l == LANG_EN || n < 2)
      snprintf(name, sizeof name, "%s", field);
    else
      snprintf(name, sizeof name, "%.*s xml:lang=\"%s\">", (int)(n - 1), field,
               codes[l]);
    int r = one(E, name, t->lines[l] ? t->lines[l] : t->line, t->s[l]);
    if (r)
      return r;
  }
  return 0;
}

static int person(struct each *E, const struct person *w, size_t number) {
  char field[64];
  snprintf(field, sizeof field, "person %zu surname", number);
  int r = one(E, field, w->line, w->surname);
  if (r)
    return r;
  snprintf(field, sizeof field, "person %zu given names", number);
  return one(E, field, w->line, w->given_names);
}

int qujat_profile_each_text(const struct qujat_profile *p,
                            qujat_profile_text_fn fn, void *user) {
  struct each E = {fn, user};
  int r = person(&E, &p->applicant, 1);
  for (size_t i = 0; !r && i < p->ndependants; i++)
    r = person(&E, &p->dependants[i], i + 2);
  const struct {
    const struct ptext *t;
    const char *field;
  } texts[] = {{&p->company_name_t, "<company name>"},
               {&p->company_address_t, "<company> <address>"},
               {&p->head_position_t, "<head position>"},
               {&p->head_name_t, "<head name>"},
               {&p->prepared_by_t, "<prepared-by name>"},
               {&p->purpose_t, "<request purpose>"},
               {&p->issue_place_t, "<request issue-place>"},
               {&p->stay_address_t, "<request stay-address>"}};
  for (size_t i = 0; !r && i < sizeof texts / sizeof texts[0]; i++)
    r = per_language(&E, texts[i].field, texts[i].t);
  if (!r)
    r = one(&E, "<company> <contacts>", p->company_line, p->company_contacts);
  if (!r)
    r = one(&E, "<prepared-by phone>", p->company_line, p->prepared_phone);
  if (!r)
    r = one(&E, "<request letter-number>", p->request_line, p->letter_number);
  return r;
}
