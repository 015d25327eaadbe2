/*
 * The catalog reader, shared by the files that read the catalog's elements:
 * catalog_read_util.c (attributes, texts, sources, lookups), catalog_defs.c
 * (sources, editions, MCI, conditions, documents, procedures, notes,
 * groups), catalog_services.c, catalog_fines.c, and catalog_read.c (the
 * driver). Only these files include it.
 */
#ifndef QUJAT_CATALOG_READER_H
#define QUJAT_CATALOG_READER_H

#include <libxml/tree.h>

#include "catalog_read.h"
#include "err.h"

#define NS QUJAT_CATALOG_NS

struct reader {
  struct qujat_catalog *c;
  qujat_error *err;
  const char *file; /* the file being read */

  struct source *sources;
  struct edition *editions;
  struct mci *mcis;
  struct condition *conditions;
  struct document *documents;
  struct procedure *procedures;
  struct note *notes;
  struct group *groups;
  struct service *services;
  struct fine *fines;
  size_t nfines;
  struct visa_category *categories;
  size_t ncategories;
  size_t nsources, neditions, nmcis, nconditions, ndocuments, nprocedures,
      nnotes, ngroups, nservices;
  size_t *service_group; /* group index of each service, for ordering */
  const char **same_as;  /* same-as id of each service, resolved last */
  int *same_as_line;
  int *service_line;
  const char **service_file;
};

/* Helpers (catalog_read_util.c) ------------------------------------------ */

/* QUJAT_ERR_CATALOG at the element's line in the current file. */
qujat_status qujat_cr_fail(struct reader *R, const xmlNode *n, const char *fmt,
                           ...) QUJAT_PRINTF(3, 4);
qujat_status qujat_cr_nomem(struct reader *R);
/* `n` zeroed elements of `size` bytes in the catalog's arena. */
void *qujat_cr_alloc(struct reader *R, size_t n, size_t size);
const char *qujat_cr_attr(struct reader *R, xmlNodePtr n, const char *name);
qujat_status qujat_cr_req_attr(struct reader *R, xmlNodePtr n,
                               const char *name, const char **out);
int qujat_cr_attr_is(struct reader *R, xmlNodePtr n, const char *name,
                     const char *value);
/* A whole number from 0 to 100000; 0 when absent. */
qujat_status qujat_cr_int_attr(struct reader *R, xmlNodePtr n,
                               const char *name, int *out);
qujat_status qujat_cr_date_attr(struct reader *R, xmlNodePtr n,
                                const char *name, struct date *out);
xmlNodePtr qujat_cr_first_child(xmlNodePtr n, const char *name);
size_t qujat_cr_count_children(xmlNodePtr n, const char *name);
/* <x><kk/><ru/><en/></x>, all three in that order. */
qujat_status qujat_cr_read_text3(struct reader *R, xmlNodePtr n,
                                 struct text3 *t);
qujat_status qujat_cr_read_text3_child(struct reader *R, xmlNodePtr n,
                                       const char *name, struct text3 *t);
/* The <source ref section/> children: at least one. */
qujat_status qujat_cr_read_cites(struct reader *R, xmlNodePtr n,
                                 struct cites *out);
/* <note ref/> children. */
qujat_status qujat_cr_read_note_refs(struct reader *R, xmlNodePtr n,
                                     const struct note *const **out,
                                     size_t *nout);
qujat_status qujat_cr_check_new_id(struct reader *R, xmlNodePtr n,
                                   const char *kind, const void *existing);
const struct source *qujat_cr_find_source(struct reader *R, const char *id);
const struct condition *qujat_cr_find_condition(struct reader *R,
                                                const char *id);
const struct document *qujat_cr_find_document(struct reader *R,
                                              const char *id);
const struct procedure *qujat_cr_find_procedure(struct reader *R,
                                                const char *id);
const struct note *qujat_cr_find_note(struct reader *R, const char *id);
const struct edition *qujat_cr_find_edition(struct reader *R,
                                            const char *id);

/* Element readers: each reads one element into the next free slot. */
qujat_status qujat_cr_read_source(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_edition(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_mci(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_condition(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_document(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_procedure(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_note(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_group(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_service(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_fine(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_category(struct reader *R, xmlNodePtr n);

#endif
