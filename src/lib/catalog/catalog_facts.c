/* SPDX-License-Identifier: MIT */
/*
 * Which profile facts decide a service's checklist and fees: read from the
 * catalog itself (the XPath text of the conditions its documents and fees
 * name, the options its fee tables offer, its filing window), so that a
 * form asks only what matters for that service and nothing is written by
 * hand per service.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "base/base.h"

#define MAX_FACTS 32
#define MAX_VALUES 8
#define MAX_PATH 96
#define MAX_VALUE 48

struct fact {
  char path[MAX_PATH];
  char values[MAX_VALUES][MAX_VALUE];
  size_t nvalues;
};

struct facts {
  struct fact v[MAX_FACTS];
  size_t n;
};

static struct fact *fact_add(struct facts *f, const char *path) {
  for (size_t i = 0; i < f->n; i++)
    if (strcmp(f->v[i].path, path) == 0)
      return &f->v[i];
  if (f->n == MAX_FACTS)
    return NULL;
  struct fact *x = &f->v[f->n++];
  memset(x, 0, sizeof *x);
  snprintf(x->path, sizeof x->path, "%s", path);
  return x;
}

static void value_add(struct fact *x, const char *v, size_t len) {
  if (!x || len == 0 || len >= MAX_VALUE)
    return;
  for (size_t i = 0; i < x->nvalues; i++)
    if (strlen(x->values[i]) == len && memcmp(x->values[i], v, len) == 0)
      return;
  if (x->nvalues == MAX_VALUES)
    return;
  memcpy(x->values[x->nvalues], v, len);
  x->values[x->nvalues++][len] = '\0';
}

static int path_char(int c) {
  return isalnum(c) || c == '_' || c == ':' || c == '@' || c == '/' ||
         c == '.' || c == '-' || c == '$';
}

/* "/p:profile/p:company/@form" -> "company/@form"; a relative path of a
 * per-dependant condition ("@relation") -> "dependant/@relation". */
static int normalise(const char *tok, size_t len, int per_dependant,
                     char *out, size_t cap) {
  size_t o = 0;
  size_t i = 0;
  int absolute = len > 0 && tok[0] == '/';
  static const char root[] = "/p:profile";
  if (absolute) {
    if (len < sizeof root - 1 || memcmp(tok, root, sizeof root - 1) != 0)
      return 0;
    i = sizeof root - 1;
    if (i < len && tok[i] == '/')
      i++;
  } else if (per_dependant) {
    static const char dep[] = "dependant/";
    memcpy(out, dep, sizeof dep - 1);
    o = sizeof dep - 1;
  }
  while (i < len && o + 1 < cap) {
    if ((i == 0 || tok[i - 1] == '/' || tok[i - 1] == '@') && i + 1 < len &&
        tok[i] == 'p' && tok[i + 1] == ':') {
      i += 2;
      continue;
    }
    out[o++] = tok[i++];
  }
  while (o > 0 && out[o - 1] == '/')
    o--;
  out[o] = '\0';
  return o > 0 && o + 1 < cap;
}

/* Lexes one XPath 1.0 expression of the catalog: every location path is a
 * fact; a string literal compared with it ("= 'branch'") is one of its
 * values. $age is the dependant's birth date. */
static void scan_xpath(struct facts *f, const char *src, int per_dependant) {
  if (!src)
    return;
  const char *s = src;
  struct fact *last = NULL;
  while (*s) {
    if (*s == '\'' || *s == '"') {
      char q = *s++;
      const char *b = s;
      while (*s && *s != q)
        s++;
      value_add(last, b, (size_t)(s - b));
      if (*s)
        s++;
      continue;
    }
    if (!path_char((unsigned char)*s) || isdigit((unsigned char)*s)) {
      if (*s != '=' && *s != '!' && !isspace((unsigned char)*s))
        last = NULL;
      s++;
      continue;
    }
    const char *b = s;
    while (*s && path_char((unsigned char)*s))
      s++;
    size_t len = (size_t)(s - b);
    const char *t = s;
    while (isspace((unsigned char)*t))
      t++;
    if (*t == '(') { /* a function name */
      last = NULL;
      continue;
    }
    if ((len == 3 && memcmp(b, "and", 3) == 0) ||
        (len == 2 && memcmp(b, "or", 2) == 0) ||
        (len == 3 && (memcmp(b, "div", 3) == 0 || memcmp(b, "mod", 3) == 0))) {
      last = NULL;
      continue;
    }
    char path[MAX_PATH];
    if (b[0] == '$') {
      last = NULL;
      if (per_dependant && len == 4 && memcmp(b, "$age", 4) == 0)
        fact_add(f, "dependant/@birth-date");
      continue;
    }
    last = normalise(b, len, per_dependant, path, sizeof path)
               ? fact_add(f, path)
               : NULL;
  }
}

static void scan_condition(struct facts *f, const struct condition *c) {
  if (!c)
    return;
  scan_xpath(f, c->test_src, c->per_dependant);
  scan_xpath(f, c->known_src, c->per_dependant);
}

qujat_status qujat_catalog_service_facts(const qujat_catalog *cat,
                                         const char *service, char **out,
                                         size_t *len, qujat_error *err) {
  if (!cat || !out)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no catalog");
  const struct service *s = service ? qujat_find_service(cat, service) : NULL;
  if (!s)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "unknown service '%s'", service ? service : "");
  struct facts *f = calloc(1, sizeof *f);
  if (!f)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  size_t nitems;
  const struct item *items = qujat_service_items(s, &nitems);
  for (size_t i = 0; i < nitems; i++) {
    scan_condition(f, items[i].cond);
    if (items[i].per == PER_DEPENDANT || items[i].per == PER_PERSON)
      fact_add(f, "dependant");
  }
  for (size_t t = 0; t < s->nfee_tables; t++) {
    const struct fee_table *ft = &s->fee_tables[t];
    for (size_t i = 0; i < ft->nfees; i++) {
      const struct fee *fee = &ft->fees[i];
      scan_condition(f, fee->cond);
      if (fee->kind == FEE_PERSONAL_MANAGER)
        value_add(fact_add(f, "filing/@personal-manager"), "true", 4);
      else if (fee->kind == FEE_PRIORITY || fee->kind == FEE_WALK_IN)
        value_add(fact_add(f, "filing/@priority"), "true", 4);
      if (fee->per_person)
        fact_add(f, "dependant");
    }
  }
  if (s->window.present)
    fact_add(f, "applicant/current-visa/@expires");

  struct buf b;
  qujat_buf_init(&b, 64 * 1024);
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; i < f->n && st == QUJAT_OK; i++) {
    st = qujat_buf_adds(&b, f->v[i].path);
    for (size_t k = 0; k < f->v[i].nvalues && st == QUJAT_OK; k++) {
      st = qujat_buf_addc(&b, k ? '|' : '=');
      if (st == QUJAT_OK)
        st = qujat_buf_adds(&b, f->v[i].values[k]);
    }
    if (st == QUJAT_OK)
      st = qujat_buf_addc(&b, '\n');
  }
  free(f);
  if (st != QUJAT_OK) {
    qujat_buf_free(&b);
    return qujat_err_set(err, st, NULL, 0, 0, "out of memory");
  }
  if (!b.data && qujat_buf_adds(&b, "") != QUJAT_OK)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  *out = qujat_buf_take(&b, len);
  return QUJAT_OK;
}

const char *qujat_catalog_string(const qujat_catalog *cat, qujat_lang lang,
                                 const char *key) {
  if (!cat || !key)
    return NULL;
  return qujat_locale_find(cat, qujat_lang_index(lang), key);
}
