/* Internal entry points of the catalog loader that carry no libxml2 type. */
#ifndef QUJAT_CATALOG_XML_H
#define QUJAT_CATALOG_XML_H

#include "model.h"

#define QUJAT_CATALOG_NS "urn:qujat:catalog:1"

/* Frees what the loader attached to the catalog outside its arena: the
 * compiled XPath expressions and schemas. */
void qujat_catalog_release_xml(struct qujat_catalog *c);

/* Loads locales/{kk,ru,en}.xml under `dir` into `c->locales` (locale_xml.c):
 * every language must define exactly the same keys. */
qujat_status qujat_locales_load(struct qujat_catalog *c, const char *dir,
                                qujat_error *err);

/* Reads fonts/fonts.xml under `dir` into `c->fonts` (fonts_xml.c). A data
 * directory without it can still give text and JSON; PDF output then fails
 * with QUJAT_ERR_FONT. */
qujat_status qujat_fonts_load(struct qujat_catalog *c, const char *dir,
                              qujat_error *err);

/* Reads locales/countries.xml (countries_xml.c): sorted by code. Optional:
 * without it letters fail with QUJAT_ERR_LOCALE. */
qujat_status qujat_countries_load(struct qujat_catalog *c, const char *dir,
                                  qujat_error *err);

/* Reads templates/letter-{kk,ru,en}.xml (template_xml.c). Optional: without
 * them letters fail with QUJAT_ERR_LOCALE. */
qujat_status qujat_templates_load(struct qujat_catalog *c, const char *dir,
                                  qujat_error *err);

#endif
