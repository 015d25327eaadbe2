/* SPDX-License-Identifier: MIT */
/* locales/countries.xml -> country names by ISO 3166-1 alpha-2 code. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

#define COUNTRIES_NS "urn:qujat:countries:1"
#define MAX_COUNTRIES 400

static int compare_code(const void *a, const void *b) {
  return strcmp(((const struct country *)a)->code,
                ((const struct country *)b)->code);
}

/* <kk>, <ru>, <en> children, in that order. */
static int read_names(struct qujat_catalog *c, xmlNodePtr n,
                      struct text3 *t) {
  static const char *const langs[NLANGS] = {"kk", "ru", "en"};
  xmlNodePtr e = qujat_xml_elem(n->children);
  for (int l = 0; l < NLANGS; l++, e = qujat_xml_elem(e->next)) {
    if (!qujat_xml_is(e, COUNTRIES_NS, langs[l]))
      return 0;
    xmlChar *v = xmlNodeGetContent(e);
    t->s[l] = v && *v ? qujat_arena_strdup(&c->arena, (const char *)v) : NULL;
    xmlFree(v);
    if (!t->s[l])
      return 0;
  }
  return 1;
}

qujat_status qujat_countries_load(struct qujat_catalog *c, const char *dir,
                                  qujat_error *err) {
  char path[4096];
  snprintf(path, sizeof path, "%s/locales/countries.xml", dir);
  struct stat sb;
  if (stat(path, &sb) != 0 && errno == ENOENT)
    return QUJAT_OK;
  xmlDocPtr doc = NULL;
  qujat_status st;
  xmlNodePtr root;
  CHECK(qujat_xml_parse_root(path, QUJAT_MAX_XML_BYTES, COUNTRIES_NS,
                             "countries", NULL, QUJAT_ERR_LOCALE, &doc, &root,
                             err));
  struct country *v = qujat_arena_alloc(&c->arena, MAX_COUNTRIES * sizeof *v);
  size_t n = 0;
  if (!v) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  for (xmlNodePtr e = qujat_xml_elem(root->children); e;
       e = qujat_xml_elem(e->next)) {
    xmlChar *code = xmlGetProp(e, BAD_CAST "code");
    int ok = qujat_xml_is(e, COUNTRIES_NS, "country") && code &&
             strlen((const char *)code) == 2 && n < MAX_COUNTRIES &&
             read_names(c, e, &v[n].name);
    if (ok)
      memcpy(v[n].code, code, 3);
    xmlFree(code);
    if (!ok) {
      st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, e->line, 0,
                         "expected <country code=\"XX\"><kk/><ru/><en/>"
                         "</country> (at most %d)",
                         MAX_COUNTRIES);
      goto done;
    }
    n++;
  }
  qsort(v, n, sizeof *v, compare_code);
  for (size_t i = 1; i < n; i++)
    if (strcmp(v[i].code, v[i - 1].code) == 0) {
      st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, 0, 0,
                         "the country %s is listed twice", v[i].code);
      goto done;
    }
  c->countries = v;
  c->ncountries = n;
done:
  xmlFreeDoc(doc);
  return st;
}
