/*
 * Reading untrusted XML safely with libxml2 2.9 (PITFALLS.md): no network,
 * no DTD, no entity of any kind, strict UTF-8, size caps, locations in every
 * error. Only files that deal with XML include this header; the libxml2
 * types in it never leave them.
 */
#ifndef QUJAT_XMLSAFE_H
#define QUJAT_XMLSAFE_H

#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "arena.h"
#include "buf.h"
#include "err.h"

/* Caps on what qujat reads. */
#define QUJAT_MAX_XML_BYTES ((size_t)4 * 1024 * 1024)
#define QUJAT_MAX_PROFILE_BYTES ((size_t)1024 * 1024)

/* Initialises libxml2 once per process: parser, and an external entity
 * loader that refuses everything. Safe to call from any thread. */
void qujat_xml_init(void);

/* Reads a whole file of at most `cap` bytes into a malloc'ed buffer. */
qujat_status qujat_read_file(const char *path, size_t cap, char **out,
                             size_t *len, qujat_error *err);

/*
 * Parses `buf[0..len)` (named `name` in errors) into `*out`: rejects more
 * than `cap` bytes, bytes that are not strict UTF-8, a DOCTYPE (before any
 * declaration in it is read) and any error or warning of the parser, with
 * file:line:col. Free `*out` with xmlFreeDoc.
 */
qujat_status qujat_xml_parse(const char *buf, size_t len, const char *name,
                             size_t cap, xmlDocPtr *out, qujat_error *err);

/* qujat_read_file and qujat_xml_parse of a file of at most `cap` bytes. */
qujat_status qujat_xml_parse_file(const char *path, size_t cap,
                                  xmlDocPtr *out, qujat_error *err);

/* Loads and compiles an XSD from a file (no includes, no network). */
qujat_status qujat_xml_schema_load(const char *path, xmlSchemaPtr *out,
                                   qujat_error *err);

/*
 * Validates `doc` against `schema`. Every problem goes to `diag` (may be
 * NULL) as QUJAT_ERR_CATALOG with file, line and message; the first is also
 * stored in `err`. Returns QUJAT_OK when valid.
 */
qujat_status qujat_xml_validate(xmlSchemaPtr schema, xmlDocPtr doc,
                                const char *name, qujat_diag_fn diag,
                                void *user, qujat_error *err);

/* The attribute `name` of `n` copied into `arena`, or NULL when absent
 * ("" when the copy fails: the arena's `failed` flag says so). */
const char *qujat_xml_attr(struct arena *arena, xmlNodePtr n,
                           const char *name);

/* A required, non-empty attribute; otherwise QUJAT_ERR_CATALOG
 * "<elem> lacks the attribute 'name'" at `file`:line. */
qujat_status qujat_xml_required(struct arena *arena, xmlNodePtr n,
                                const char *name, const char *file,
                                const char **out, qujat_error *err);

/*
 * Appends element `node` and its content to `out` as XML text whose first
 * line stands for line `first` of the node's document, and in which every
 * element starts on the line it had there (newlines are put before it),
 * with its namespace declared: parsing the text gives errors at line L
 * for what was at line L + first - 1 of the original. For a part of a
 * larger file (an inline profile in a job file).
 * Errors: QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
qujat_status qujat_xml_dump_lines(xmlNodePtr node, long first,
                                  struct buf *out);

/* Whether `node` is an element named `name` in namespace `ns`. */
int qujat_xml_is(const xmlNode *node, const char *ns, const char *name);

/* The next element sibling starting at `node` itself (NULL at the end). */
xmlNodePtr qujat_xml_elem(xmlNodePtr node);

#endif
