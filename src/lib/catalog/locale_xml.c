/* SPDX-License-Identifier: MIT */
/* locales/{kk,ru,en}.xml -> the catalog's UI string tables. */
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

#define LOCALE_NS "urn:qujat:locale:1"
#define MAX_KEYS 2000

static const char *const lang_codes[NLANGS] = {"kk", "ru", "en"};

struct entry {
  const char *key, *value;
  int line;
};

static int compare_entries(const void *a, const void *b) {
  return strcmp(((const struct entry *)a)->key,
                ((const struct entry *)b)->key);
}

/* Plural strings list their forms separated by '|'; the number of forms is
 * fixed by the language (locale.c). */
static int count_forms(const char *s) {
  int n = 1;
  for (; *s; s++)
    if (*s == '|')
      n++;
  return n;
}

static qujat_status load_one(struct qujat_catalog *c, const char *dir, int l,
                             qujat_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/locales/%s.xml", dir, lang_codes[l]);
  xmlDocPtr doc = NULL;
  struct entry *v = NULL;
  qujat_status st;
  xmlNodePtr root;
  CHECK(qujat_xml_parse_root(path, QUJAT_MAX_XML_BYTES, LOCALE_NS, "locale",
                             lang_codes[l], QUJAT_ERR_LOCALE, &doc, &root,
                             err));
  size_t n = 0;
  v = calloc(MAX_KEYS, sizeof *v);
  if (!v) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  for (xmlNodePtr e = qujat_xml_elem(root->children); e;
       e = qujat_xml_elem(e->next)) {
    if (!qujat_xml_is(e, LOCALE_NS, "s")) {
      st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, e->line, 0,
                         "unexpected <%s>, expected <s key=\"...\">",
                         (const char *)e->name);
      goto done;
    }
    if (n == MAX_KEYS) {
      st = qujat_err_set(err, QUJAT_ERR_LIMIT, path, e->line, 0,
                         "more than %d strings", MAX_KEYS);
      goto done;
    }
    xmlChar *key = xmlGetProp(e, BAD_CAST "key");
    xmlChar *val = xmlNodeGetContent(e);
    v[n].key = key ? qujat_arena_strdup(&c->arena, (const char *)key) : NULL;
    v[n].value = val ? qujat_arena_strdup(&c->arena, (const char *)val) : NULL;
    v[n].line = e->line;
    xmlFree(key);
    xmlFree(val);
    if (!v[n].key || !*v[n].key || !v[n].value || !*v[n].value) {
      st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, e->line, 0,
                         "<s> needs a key and a text");
      goto done;
    }
    if (strchr(v[n].value, '|') &&
        count_forms(v[n].value) != qujat_plural_forms(l)) {
      st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, e->line, 0,
                         "'%s' has %d plural forms; %s needs %d", v[n].key,
                         count_forms(v[n].value), lang_codes[l],
                         qujat_plural_forms(l));
      goto done;
    }
    n++;
  }
  qsort(v, n, sizeof *v, compare_entries);
  const char **keys = qujat_arena_alloc(&c->arena, (n + 1) * sizeof *keys);
  const char **values = qujat_arena_alloc(&c->arena, (n + 1) * sizeof *values);
  if (!keys || !values) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && strcmp(v[i].key, v[i - 1].key) == 0) {
      st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, v[i].line, 0,
                         "duplicate key '%s'", v[i].key);
      goto done;
    }
    keys[i] = v[i].key;
    values[i] = v[i].value;
  }
  c->locales[l].keys = keys;
  c->locales[l].values = values;
  c->locales[l].n = n;
done:
  free(v);
  xmlFreeDoc(doc);
  return st;
}

qujat_status qujat_locales_load(struct qujat_catalog *c, const char *dir,
                                qujat_error *err) {
  for (int l = 0; l < NLANGS; l++) {
    qujat_status st = load_one(c, dir, l, err);
    if (st != QUJAT_OK)
      return st;
  }
  /* The same keys in every language: a missing text is an error here, never
   * a silent fallback to another language at print time. */
  for (int l = 1; l < NLANGS; l++) {
    const struct locale *a = &c->locales[0], *b = &c->locales[l];
    size_t i = 0, j = 0;
    while (i < a->n || j < b->n) {
      int cmp = i == a->n   ? 1
                : j == b->n ? -1
                            : strcmp(a->keys[i], b->keys[j]);
      if (cmp != 0) {
        const char *key = cmp < 0 ? a->keys[i] : b->keys[j];
        const char *missing = lang_codes[cmp < 0 ? l : 0];
        return qujat_err_set(err, QUJAT_ERR_LOCALE, dir, 0, 0,
                             "locales/%s.xml lacks the key '%s'", missing,
                             key);
      }
      i++;
      j++;
    }
  }
  return QUJAT_OK;
}
