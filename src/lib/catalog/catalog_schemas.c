/* SPDX-License-Identifier: MIT */
/*
 * The four schemas of a data directory (services/catalog.xsd, profile.xsd,
 * fees.xsd, jobs.xsd), compiled when first needed rather than on every
 * load: a run that renders from the compiled catalog (catalog_cache.c)
 * and takes no profile compiles none. Kept with the catalog, freed with
 * it (catalog_xml.c's release_xml); one lock for all catalogs, held only
 * around the look-up and the compilation.
 */
#include <pthread.h>
#include <stdio.h>

#include "catalog/catalog_internal.h"

static pthread_mutex_t schema_lock = PTHREAD_MUTEX_INITIALIZER;

static void **slot(struct qujat_catalog *c, enum qujat_schema_kind kind) {
  switch (kind) {
  case QUJAT_SCHEMA_CATALOG:
    return &c->catalog_schema;
  case QUJAT_SCHEMA_PROFILE:
    return &c->profile_schema;
  case QUJAT_SCHEMA_FEES:
    return &c->fees_schema;
  case QUJAT_SCHEMA_JOBS:
    break;
  }
  return &c->jobs_schema;
}

qujat_status qujat_catalog_schema(const struct qujat_catalog *cat,
                                  enum qujat_schema_kind kind,
                                  xmlSchemaPtr *out, qujat_error *err) {
  static const char *const files[] = {"catalog.xsd", "profile.xsd", "fees.xsd",
                                      "jobs.xsd"};
  /* The schemas are the catalog's own, outside its immutable model: made
   * once, under the lock, like the PDF module's renderer_cache. */
  struct qujat_catalog *c = (struct qujat_catalog *)cat;
  *out = NULL;
  if (!c || !c->data_dir || !*c->data_dir)
    return QUJAT_OK;
  qujat_status st = QUJAT_OK;
  pthread_mutex_lock(&schema_lock);
  void **s = slot(c, kind);
  if (!*s) {
    char path[4096];
    int n =
        snprintf(path, sizeof path, "%s/services/%s", c->data_dir, files[kind]);
    xmlSchemaPtr schema = NULL;
    if (n < 0 || (size_t)n >= sizeof path)
      st = qujat_err_set(err, QUJAT_ERR_LIMIT, c->data_dir, 0, 0,
                         "the data directory's path is too long");
    else
      st = qujat_xml_schema_load(path, &schema, err);
    *s = schema;
  }
  *out = *s;
  pthread_mutex_unlock(&schema_lock);
  return st;
}
