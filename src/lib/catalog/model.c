/* SPDX-License-Identifier: MIT */
/* Read-only queries over the catalog model, and the public accessors. */
#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>


int qujat_lang_index(qujat_lang lang) {
  switch (lang) {
  case QUJAT_LANG_RU:
    return LANG_RU;
  case QUJAT_LANG_EN:
    return LANG_EN;
  case QUJAT_LANG_KK:
  case QUJAT_LANG_KK_RU:
    break;
  }
  return LANG_KK;
}

/* The code of each qujat_lang, both ways: qujat_lang_code and
 * qujat_lang_parse. */
static const char *const lang_codes[] = {[QUJAT_LANG_KK] = "kk",
                                         [QUJAT_LANG_RU] = "ru",
                                         [QUJAT_LANG_EN] = "en",
                                         [QUJAT_LANG_KK_RU] = "kk+ru"};
#define NLANG_CODES (sizeof lang_codes / sizeof lang_codes[0])

const char *qujat_lang_code(qujat_lang lang) {
  return (unsigned)lang < NLANG_CODES ? lang_codes[lang] : "?";
}

qujat_status qujat_lang_parse(const char *s, qujat_lang *out) {
  for (size_t i = 0; s && i < NLANG_CODES; i++) {
    if (strcmp(s, lang_codes[i]) == 0) {
      *out = (qujat_lang)i;
      return QUJAT_OK;
    }
  }
  return QUJAT_ERR_ARG;
}

const struct text3 *qujat_edition_text(const struct text3 *dflt,
                                       const struct edition_text *v, size_t n,
                                       const struct edition *e) {
  for (size_t i = 0; e && i < n; i++)
    if (v[i].edition == e)
      return &v[i].text;
  return dflt;
}

const struct item *qujat_service_items(const struct service *s, size_t *n) {
  while (s->same_as)
    s = s->same_as;
  *n = s->nitems;
  return s->items;
}

/* The element of `n` records of `size` bytes at `base` whose `const char
 * *` at `id_at` is `id`, or NULL. */
static const void *find_by_id(const void *base, size_t n, size_t size,
                              size_t id_at, const char *id) {
  for (size_t i = 0; i < n; i++) {
    const char *rec = (const char *)base + i * size;
    const char *rid;
    memcpy(&rid, rec + id_at, sizeof rid);
    if (strcmp(rid, id) == 0)
      return rec;
  }
  return NULL;
}

const struct service *qujat_find_service(const struct qujat_catalog *c,
                                         const char *id) {
  return find_by_id(c->services, c->nservices, sizeof *c->services,
                    offsetof(struct service, id), id);
}

const struct visa_category *qujat_find_category(const struct qujat_catalog *c,
                                               const char *id) {
  return find_by_id(c->categories, c->ncategories, sizeof *c->categories,
                    offsetof(struct visa_category, id), id);
}

static int compare_country(const void *key, const void *elem) {
  return strcmp(key, ((const struct country *)elem)->code);
}

const struct country *qujat_find_country(const struct qujat_catalog *c,
                                         const char *code) {
  if (!c->countries || !code)
    return NULL;
  return bsearch(code, c->countries, c->ncountries, sizeof *c->countries,
                 compare_country);
}

const struct fine *qujat_find_fine(const struct qujat_catalog *c,
                                   const char *id) {
  return find_by_id(c->fines, c->nfines, sizeof *c->fines,
                    offsetof(struct fine, id), id);
}

/* An edition stays in force until a newer one exists: the edition that
 * began last on or before `d`, even when `d` is past its `to` (the caller
 * warns then, see qujat_edition_past). Editions never overlap (the loader
 * checks), so "began last" is unique. */
const struct edition *qujat_find_edition_on(const struct qujat_catalog *c,
                                            struct date d) {
  const struct edition *best = NULL;
  for (size_t i = 0; i < c->neditions; i++) {
    const struct edition *e = &c->editions[i];
    if (qujat_date_cmp(d, e->from) >= 0 &&
        (!best || qujat_date_cmp(e->from, best->from) > 0))
      best = e;
  }
  return best;
}

int qujat_edition_past(const struct edition *e, struct date d) {
  return e && qujat_date_cmp(d, e->to) > 0;
}

const struct mci *qujat_find_mci(const struct qujat_catalog *c, int year) {
  for (size_t i = 0; i < c->nmcis; i++)
    if (c->mcis[i].year == year)
      return &c->mcis[i];
  return NULL;
}

const struct fee_table *qujat_find_fee_table(const struct service *s,
                                             const struct edition *e) {
  for (size_t i = 0; i < s->nfee_tables; i++)
    if (s->fee_tables[i].edition == e)
      return &s->fee_tables[i];
  return NULL;
}

static int each3(const struct text3 *t, text_fn fn, void *user) {
  for (int l = 0; l < NLANGS; l++) {
    int r = fn(t->s[l], user);
    if (r)
      return r;
  }
  return 0;
}

/* A run of `r = each3(...)` calls that stops at the first non-zero. */
#define EACH3(t)                                                               \
  do {                                                                         \
    int r_ = each3((t), fn, user);                                             \
    if (r_)                                                                    \
      return r_;                                                               \
  } while (0)

int qujat_catalog_each_text(const struct qujat_catalog *c, text_fn fn,
                            void *user) {
  for (size_t i = 0; i < c->nsources; i++)
    EACH3(&c->sources[i].title);
  for (size_t i = 0; i < c->neditions; i++)
    EACH3(&c->editions[i].title);
  for (size_t i = 0; i < c->nconditions; i++) {
    EACH3(&c->conditions[i].because);
    EACH3(&c->conditions[i].otherwise);
    EACH3(&c->conditions[i].unknown);
  }
  for (size_t i = 0; i < c->ndocuments; i++) {
    EACH3(&c->documents[i].text);
    for (size_t k = 0; k < c->documents[i].nby_edition; k++)
      EACH3(&c->documents[i].by_edition[k].text);
  }
  for (size_t i = 0; i < c->nprocedures; i++) {
    EACH3(&c->procedures[i].title);
    for (size_t k = 0; k < c->procedures[i].nbullets; k++)
      EACH3(&c->procedures[i].bullets[k]);
  }
  for (size_t i = 0; i < c->nnotes; i++) {
    EACH3(&c->notes[i].text);
    for (size_t k = 0; k < c->notes[i].nby_edition; k++)
      EACH3(&c->notes[i].by_edition[k].text);
  }
  for (size_t i = 0; i < c->ngroups; i++)
    EACH3(&c->groups[i].title);
  for (size_t i = 0; i < c->nservices; i++) {
    const struct service *s = &c->services[i];
    EACH3(&s->title);
    EACH3(&s->description);
    for (size_t k = 0; k < s->nsteps; k++)
      if (s->steps[k].has_title)
        EACH3(&s->steps[k].title);
    for (size_t t = 0; t < s->nfee_tables; t++)
      for (size_t k = 0; k < s->fee_tables[t].nfees; k++)
        if (s->fee_tables[t].fees[k].has_label)
          EACH3(&s->fee_tables[t].fees[k].label);
  }
  for (size_t i = 0; i < c->ncategories; i++)
    EACH3(&c->categories[i].title);
  for (size_t i = 0; i < c->nfines; i++) {
    EACH3(&c->fines[i].title);
    if (c->fines[i].has_also)
      EACH3(&c->fines[i].also);
    for (size_t k = 0; k < c->fines[i].nbands; k++)
      if (c->fines[i].bands[k].has_also)
        EACH3(&c->fines[i].bands[k].also);
  }
  {
    int r = qujat_regimes_each_text(c, fn, user);
    if (r)
      return r;
  }
  for (int l = 0; l < NLANGS; l++)
    for (size_t k = 0; k < c->locales[l].n; k++) {
      int r = fn(c->locales[l].values[k], user);
      if (r)
        return r;
    }
  return 0;
}

/* Public accessors ------------------------------------------------------ */

const char *qujat_catalog_data_dir(const qujat_catalog *cat) {
  return cat->data_dir ? cat->data_dir : "";
}

size_t qujat_catalog_service_count(const qujat_catalog *cat) {
  return cat->nservices;
}

const char *qujat_catalog_service_id(const qujat_catalog *cat, size_t i) {
  return i < cat->nservices ? cat->services[i].id : NULL;
}

const char *qujat_catalog_service_title(const qujat_catalog *cat, size_t i,
                                        qujat_lang lang) {
  return i < cat->nservices
             ? cat->services[i].title.s[qujat_lang_index(lang)]
             : NULL;
}

const char *qujat_catalog_service_group(const qujat_catalog *cat, size_t i,
                                        qujat_lang lang) {
  return i < cat->nservices
             ? cat->services[i].group->title.s[qujat_lang_index(lang)]
             : NULL;
}

size_t qujat_catalog_edition_count(const qujat_catalog *cat) {
  return cat->neditions;
}

const char *qujat_catalog_edition_id(const qujat_catalog *cat, size_t i) {
  return i < cat->neditions ? cat->editions[i].id : NULL;
}

size_t qujat_catalog_mci_count(const qujat_catalog *cat) {
  return cat->nmcis;
}

int qujat_catalog_mci_year(const qujat_catalog *cat, size_t i) {
  return i < cat->nmcis ? cat->mcis[i].year : 0;
}

long qujat_catalog_find_service(const qujat_catalog *cat, const char *id) {
  const struct service *s = id ? qujat_find_service(cat, id) : NULL;
  return s ? (long)(s - cat->services) : -1;
}

qujat_status qujat_catalog_on_free(struct qujat_catalog *c,
                                   void (*release)(struct qujat_catalog *c)) {
  for (size_t i = 0; i < c->nowned; i++)
    if (c->owned[i].release == release)
      return QUJAT_OK;
  if (c->nowned == QUJAT_CATALOG_OWNERS)
    return QUJAT_ERR_LIMIT;
  c->owned[c->nowned++].release = release;
  return QUJAT_OK;
}

void qujat_catalog_free(qujat_catalog *cat) {
  if (!cat)
    return;
  while (cat->nowned > 0)
    cat->owned[--cat->nowned].release(cat);
  qujat_arena_free(&cat->arena);
  /* The struct itself lives on the heap, outside its own arena. */
  free(cat);
}
