/* SPDX-License-Identifier: MIT */
/* The three languages of every catalog text state the same facts (issue
 * 10): for each text of the real catalog, the numbers it states and the
 * codes and names it carries in Latin letters (visa categories such as C3,
 * portals such as pki.gov.kz, form numbers) are extracted from its kk, ru
 * and en forms and compared. A difference is a text whose languages say
 * different things; it fails with the item's id and the three lists.
 *
 * Extraction is mechanical on purpose: digits (a decimal comma is a
 * decimal point, "30 000" one number), the English number words the
 * guidebook writes out ("thirty working days"), and Latin tokens that
 * hold a digit or a dot (C3, 028/u, Egov.kz). Words in Latin letters that
 * every language keeps as they are ("Walk-in", "Priority Service") are
 * not compared: they carry no fact the test could check. */
#include <criterion/criterion.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "catalog/catalog.h"

TestSuite(catalog_languages, .init = fixture_setup, .fini = fixture_teardown);

#define MAX_FACTS 64
#define FACT_LEN 32

struct facts {
  char v[MAX_FACTS][FACT_LEN];
  size_t n;
};

static void add_fact(struct facts *f, const char *s, size_t len) {
  if (f->n == MAX_FACTS || len == 0)
    return;
  if (len >= FACT_LEN)
    len = FACT_LEN - 1;
  memcpy(f->v[f->n], s, len);
  f->v[f->n][len] = '\0';
  f->n++;
}

/* English number words written out in the guidebook's sentences. */
static const char *const WORDS[][2] = {
    {"two", "2"},     {"three", "3"},     {"five", "5"},
    {"ten", "10"},    {"twelve", "12"},   {"fifteen", "15"},
    {"thirty", "30"}, {"ninety", "90"},
};

static int same_word(const unsigned char *b, const char *w, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (tolower(b[i]) != w[i])
      return 0;
  return 1;
}

static int cmp_fact(const void *a, const void *b) {
  return strcmp((const char *)a, (const char *)b);
}

/* The facts of one text, sorted. */
static void extract(const char *s, struct facts *f) {
  f->n = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    if (isdigit(*p) && !(p > (const unsigned char *)s && isalpha(p[-1]))) {
      /* A number: digits, a thousands space ("30 000"), a decimal comma
       * or point followed by a digit. */
      char num[FACT_LEN];
      size_t k = 0;
      while (*p && k < FACT_LEN - 1) {
        if (isdigit(*p))
          num[k++] = (char)*p++;
        else if ((*p == ',' || *p == '.') && isdigit(p[1]))
          num[k++] = '.', p++;
        else if (*p == ' ' && isdigit(p[1]) && isdigit(p[2]) &&
                 isdigit(p[3]) && !isdigit(p[4]))
          p++;
        else
          break;
      }
      add_fact(f, num, k);
      continue;
    }
    if (isalpha(*p)) {
      /* A Latin token: letters, digits, dots, slashes, hyphens inside. */
      const unsigned char *b = p;
      int digit = 0, dot = 0;
      while (isalnum(*p) || ((*p == '.' || *p == '/' || *p == '-') &&
                             isalnum(p[1]))) {
        digit |= isdigit(*p);
        dot |= *p == '.';
        p++;
      }
      size_t len = (size_t)(p - b);
      /* Abbreviations with a dot are words, not names. */
      if (!digit && (len == 3 && (memcmp(b, "e.g", 3) == 0 ||
                                  memcmp(b, "i.e", 3) == 0)))
        continue;
      if (digit || dot) {
        char tok[FACT_LEN];
        size_t k = 0;
        /* The Cyrillic "028/у" has no Latin letters after the slash; the
         * English "028/u" does: keep the code's digits only. */
        for (size_t i = 0; i < len && k < FACT_LEN - 1; i++)
          tok[k++] = (char)tolower(b[i]);
        const char *slash = memchr(tok, '/', k);
        if (slash)
          k = (size_t)(slash - tok);
        if (k && isdigit((unsigned char)tok[0])) {
          add_fact(f, tok, k);
        } else {
          /* A code like C3 as written; "Egov.kz" in lower case. */
          if (digit)
            add_fact(f, (const char *)b, len); /* C3, A5 */
          else
            add_fact(f, tok, k);               /* egov.kz, pki.gov.kz */
        }
        continue;
      }
      for (size_t w = 0; w < sizeof WORDS / sizeof WORDS[0]; w++)
        if (strlen(WORDS[w][0]) == len && same_word(b, WORDS[w][0], len))
          add_fact(f, WORDS[w][1], strlen(WORDS[w][1]));
      continue;
    }
    p++;
  }
  qsort(f->v, f->n, FACT_LEN, cmp_fact);
}

static void facts_str(const struct facts *f, char *out, size_t cap) {
  size_t k = 0;
  out[0] = '\0';
  for (size_t i = 0; i < f->n && k + FACT_LEN + 2 < cap; i++)
    k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? " " : "", f->v[i]);
}

static int same(const struct facts *a, const struct facts *b) {
  if (a->n != b->n)
    return 0;
  for (size_t i = 0; i < a->n; i++)
    if (strcmp(a->v[i], b->v[i]) != 0)
      return 0;
  return 1;
}

static size_t nchecked, nmismatched;

/* Compares the facts of the three languages of `t`. */
static void check(const struct text3 *t, const char *what, const char *id) {
  struct facts kk, ru, en;
  extract(t->s[LANG_KK], &kk);
  extract(t->s[LANG_RU], &ru);
  extract(t->s[LANG_EN], &en);
  nchecked++;
  if (same(&kk, &ru) && same(&kk, &en))
    return;
  nmismatched++;
  char a[512], b[512], c[512];
  facts_str(&kk, a, sizeof a);
  facts_str(&ru, b, sizeof b);
  facts_str(&en, c, sizeof c);
  cr_expect_fail("%s '%s': kk [%s], ru [%s], en [%s]", what, id, a, b, c);
}

static void check_all(const struct qujat_catalog *c) {
  for (size_t i = 0; i < c->nconditions; i++) {
    const struct condition *k = &c->conditions[i];
    check(&k->because, "condition because", k->id);
    check(&k->otherwise, "condition otherwise", k->id);
    check(&k->unknown, "condition unknown", k->id);
  }
  for (size_t i = 0; i < c->ndocuments; i++) {
    const struct document *d = &c->documents[i];
    check(&d->text, "document", d->id);
    for (size_t k = 0; k < d->nby_edition; k++)
      check(&d->by_edition[k].text, "document (an edition's wording)", d->id);
  }
  for (size_t i = 0; i < c->nprocedures; i++) {
    const struct procedure *p = &c->procedures[i];
    check(&p->title, "procedure title", p->id);
    for (size_t k = 0; k < p->nbullets; k++)
      check(&p->bullets[k], "procedure step", p->id);
  }
  for (size_t i = 0; i < c->nnotes; i++) {
    const struct note *n = &c->notes[i];
    check(&n->text, "note", n->id);
    for (size_t k = 0; k < n->nby_edition; k++)
      check(&n->by_edition[k].text, "note (an edition's wording)", n->id);
  }
  for (size_t i = 0; i < c->ngroups; i++)
    check(&c->groups[i].title, "group title", c->groups[i].id);
  for (size_t i = 0; i < c->nservices; i++) {
    const struct service *s = &c->services[i];
    check(&s->title, "service title", s->id);
    check(&s->description, "service description", s->id);
    for (size_t k = 0; k < s->nsteps; k++)
      if (s->steps[k].has_title)
        check(&s->steps[k].title, "step title", s->id);
    for (size_t t = 0; t < s->nfee_tables; t++)
      for (size_t k = 0; k < s->fee_tables[t].nfees; k++)
        if (s->fee_tables[t].fees[k].has_label)
          check(&s->fee_tables[t].fees[k].label, "fee label", s->id);
  }
  for (size_t i = 0; i < c->nfines; i++) {
    const struct fine *f = &c->fines[i];
    check(&f->title, "fine title", f->id);
    if (f->has_also)
      check(&f->also, "fine", f->id);
    for (size_t k = 0; k < f->nbands; k++)
      if (f->bands[k].has_also)
        check(&f->bands[k].also, "fine band", f->id);
  }
  for (size_t i = 0; i < c->ncategories; i++)
    check(&c->categories[i].title, "visa category", c->categories[i].id);
}

Test(catalog_languages, every_text_states_the_same_facts_in_kk_ru_en) {
  check_all(cat);
  cr_expect_gt(nchecked, 150, "checked %zu texts", nchecked);
  cr_expect_eq(nmismatched, 0, "%zu of %zu texts differ", nmismatched,
               nchecked);
}

/* The extraction itself, so that the test above can fail. */
Test(catalog_languages, extraction_finds_numbers_codes_and_words) {
  struct facts f;
  char s[256];
  extract("not earlier than thirty working days, and 5 before", &f);
  facts_str(&f, s, sizeof s);
  cr_expect_str_eq(s, "30 5");
  extract("Визовая анкета 3,5 × 4,5 см, категории C3, 30 000 тенге", &f);
  facts_str(&f, s, sizeof s);
  cr_expect_str_eq(s, "3.5 30000 4.5 C3");
  extract("Medical certificate, form 028/u, from Egov.kz", &f);
  facts_str(&f, s, sizeof s);
  cr_expect_str_eq(s, "028 egov.kz");
  extract("Медицинская справка по форме 028/у (Egov.kz)", &f);
  facts_str(&f, s, sizeof s);
  cr_expect_str_eq(s, "028 egov.kz");
}

/* A text whose languages state different numbers is a mismatch. */
Test(catalog_languages, a_real_mismatch_is_found) {
  struct text3 t = {{"30-дан 5 жұмыс күніне дейін", "за 30 и 5 рабочих дней",
                     "not earlier than thirty, not later than fifteen"}};
  struct facts kk, en;
  extract(t.s[LANG_KK], &kk);
  extract(t.s[LANG_EN], &en);
  cr_expect_not(same(&kk, &en));
}
