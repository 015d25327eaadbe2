/* Building the catalog model from parsed, validated XML documents. */
#ifndef QUJAT_CATALOG_READ_H
#define QUJAT_CATALOG_READ_H

#include <libxml/tree.h>

#include "catalog_xml.h"

/* Caps: no real catalog comes near them; a hostile one stops here. */
#define QUJAT_MAX_CATALOG_FILES 256
#define QUJAT_MAX_ELEMENTS 4000 /* of each kind */

/*
 * Reads every definition of the documents `docs[0..n)` (each a <catalog>
 * root, named `names[i]` in errors) into `c`, resolves every reference and
 * checks the semantics the schema cannot express (unique ids, references,
 * fee arithmetic against the MCI, XPath that compiles, text placeholders).
 */
qujat_status qujat_catalog_build(struct qujat_catalog *c, xmlDocPtr *docs,
                                 const char *const *names, size_t n,
                                 qujat_error *err);

#endif
