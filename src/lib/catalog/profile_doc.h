/* SPDX-License-Identifier: MIT */
/*
 * A profile from a document already parsed, read by the profile loader
 * without being written out and parsed again (qujat_profile_load_doc,
 * profile_xml.c): an inline profile of a batch job file, which the batch's
 * job reader builds as it parses (batch_jobs_xml.c), or a part of a larger
 * document copied out with its lines (qujat_xml_copy_lines, xmlsafe.c),
 * as qujat validate does.
 */
#ifndef QUJAT_CATALOG_PROFILE_DOC_H
#define QUJAT_CATALOG_PROFILE_DOC_H

#include <stddef.h>

#include "catalog/catalog.h"

/* For the files that include libxml2's tree.h before this header (the
 * catalog's, and the tests): the rest of the library sees no libxml2 type,
 * and the document as a pointer only. */
#ifdef __XML_TREE_H__
/*
 * Element `node` and its content copied into a new document `*out`, which
 * stands alone (its root declares the namespaces in scope at `node`) and
 * in which every element has the line it had in the original, counted
 * from line `first` as line 1: what the profile loader reports at line L
 * stands for line L + first - 1 of the original. Past line 65 535 of the
 * original, where libxml2 2.9 no longer knows an element's line, the line
 * the text before it has come to. Text and CDATA are copied as text;
 * comments and processing instructions are left out. For a part of a
 * larger file read once, an inline profile in a job file: no text is made
 * and none parsed again.
 * Errors: QUJAT_ERR_NOMEM; QUJAT_ERR_LIMIT when its names, attribute
 * values and text come to more than `limit` bytes.
 */
qujat_status qujat_xml_copy_lines(xmlNodePtr node, long first, size_t limit,
                                  xmlDocPtr *out);
#endif

/* qujat_profile_load_memory of a document already parsed (an xmlDocPtr,
 * e.g. qujat_xml_copy_lines's, seen outside this folder as a pointer
 * only): validated and read as a file would be. The profile borrows
 * `doc`, which the caller frees after the profile. */
qujat_status qujat_profile_load_doc(const qujat_catalog *cat, void *doc,
                                    const char *name, qujat_profile **out,
                                    qujat_error *err);

/* Frees a document given to qujat_profile_load_doc (NULL: nothing). */
void qujat_profile_doc_free(void *doc);

#endif
