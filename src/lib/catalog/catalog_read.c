/* SPDX-License-Identifier: MIT */
/*
 * Catalog XML -> model: the driver. The schema checks shapes when it is
 * available; the readers (catalog_reader.h) check everything the code relies
 * on anyway, so that a catalog loaded from memory without a schema cannot
 * crash them, plus the semantics no schema can express. This file reads the
 * definitions before what refers to them, then links and orders.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_internal.h"

typedef qujat_status (*read_fn)(struct reader *, xmlNodePtr);

/* Reads every element `name` of every document with `fn`, in file order. */
static qujat_status read_all(struct reader *R, xmlDocPtr *docs,
                             const char *const *names, size_t ndocs,
                             const char *name, read_fn fn) {
  for (size_t d = 0; d < ndocs; d++) {
    R->file = names[d];
    xmlNodePtr root = xmlDocGetRootElement(docs[d]);
    QUJAT_XML_EACH(c, root, NS, name) {
      qujat_status st = fn(R, c);
      if (st != QUJAT_OK)
        return st;
    }
  }
  return QUJAT_OK;
}

static qujat_status count_all(struct reader *R, xmlDocPtr *docs,
                              const char *const *names, size_t ndocs,
                              const char *name, size_t *out) {
  *out = 0;
  for (size_t d = 0; d < ndocs; d++) {
    xmlNodePtr root = xmlDocGetRootElement(docs[d]);
    QUJAT_XML_EACH(c, root, NS, name) {
      if (++*out > QUJAT_MAX_ELEMENTS)
        return qujat_err_set(R->err, QUJAT_ERR_LIMIT, names[d], c->line, 0,
                             "more than %d <%s> elements", QUJAT_MAX_ELEMENTS,
                             name);
    }
  }
  return QUJAT_OK;
}

/* Unknown elements are the schema's business; without a schema (a catalog
 * from memory) they must still not pass silently. */
static qujat_status check_elements(struct reader *R, xmlDocPtr *docs,
                                   const char *const *names, size_t ndocs,
                                   const char *const *kinds, size_t nkinds) {
  for (size_t d = 0; d < ndocs; d++) {
    xmlNodePtr root = xmlDocGetRootElement(docs[d]);
    for (xmlNodePtr c = qujat_xml_elem(root->children); c;
         c = qujat_xml_elem(c->next)) {
      size_t i;
      for (i = 0; i < nkinds; i++)
        if (qujat_xml_is(c, NS, kinds[i]))
          break;
      if (i == nkinds)
        return qujat_err_set(R->err, QUJAT_ERR_CATALOG, names[d], c->line, 0,
                             "unexpected element <%s> in <catalog>",
                             (const char *)c->name);
    }
  }
  return QUJAT_OK;
}

/* Extensions point at the service whose list they keep. */
static qujat_status resolve_same_as(struct reader *R) {
  for (size_t i = 0; i < R->nservices; i++) {
    if (!R->same_as[i])
      continue;
    R->file = R->service_file[i];
    struct service *target = NULL;
    for (size_t j = 0; j < R->nservices; j++)
      if (strcmp(R->services[j].id, R->same_as[i]) == 0)
        target = &R->services[j];
    if (!target)
      return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->file,
                           R->same_as_line[i], 0,
                           "same-as names unknown service '%s'",
                           R->same_as[i]);
    R->services[i].same_as = target;
  }
  /* No cycles: following same-as must end within nservices steps. */
  for (size_t i = 0; i < R->nservices; i++) {
    const struct service *s = &R->services[i];
    size_t steps = 0;
    while (s->same_as && steps++ <= R->nservices)
      s = s->same_as;
    if (s->same_as)
      return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->service_file[i],
                           R->same_as_line[i], 0,
                           "same-as of '%s' goes round in a circle",
                           R->services[i].id);
  }
  return QUJAT_OK;
}

/* Every service has a fee table for every edition, so that any date an
 * edition covers gives fees. */
static qujat_status check_coverage(struct reader *R) {
  for (size_t i = 0; i < R->nservices; i++)
    for (size_t e = 0; e < R->neditions; e++)
      if (!qujat_find_fee_table(&R->services[i], &R->editions[e]))
        return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->service_file[i],
                             R->service_line[i], 0,
                             "service '%s' has no fee table for edition "
                             "'%s'",
                             R->services[i].id, R->editions[e].id);
  return QUJAT_OK;
}

/* Services in guidebook order: by the order their sections (groups) are
 * defined, then in file order. A stable insertion sort: n is small. */
static void order_services(struct reader *R) {
  for (size_t i = 1; i < R->nservices; i++) {
    struct service s = R->services[i];
    size_t g = R->service_group[i];
    const char *same = R->same_as[i], *file = R->service_file[i];
    int line = R->same_as_line[i], sline = R->service_line[i];
    size_t j = i;
    for (; j > 0 && R->service_group[j - 1] > g; j--) {
      R->services[j] = R->services[j - 1];
      R->service_group[j] = R->service_group[j - 1];
      R->same_as[j] = R->same_as[j - 1];
      R->same_as_line[j] = R->same_as_line[j - 1];
      R->service_file[j] = R->service_file[j - 1];
      R->service_line[j] = R->service_line[j - 1];
    }
    R->services[j] = s;
    R->service_group[j] = g;
    R->same_as[j] = same;
    R->same_as_line[j] = line;
    R->service_file[j] = file;
    R->service_line[j] = sline;
  }
}

qujat_status qujat_catalog_build(struct qujat_catalog *c, xmlDocPtr *docs,
                                 const char *const *names, size_t n,
                                 qujat_error *err) {
  struct reader R = {0};
  R.c = c;
  R.err = err;
  qujat_status st;
  /* In reading order: what is referred to comes first. */
  static const struct {
    const char *name;
    read_fn read;
  } kinds[] = {{"source", qujat_cr_read_source},
               {"edition", qujat_cr_read_edition},
               {"mci", qujat_cr_read_mci},
               {"condition", qujat_cr_read_condition},
               {"document", qujat_cr_read_document},
               {"procedure", qujat_cr_read_procedure},
               {"note", qujat_cr_read_note},
               {"group", qujat_cr_read_group},
               {"visa-category", qujat_cr_read_category},
               {"service", qujat_cr_read_service},
               {"fine", qujat_cr_read_fine},
               {"country-list", qujat_cr_read_country_list},
               {"travel-authorisation", qujat_cr_read_eta},
               {"category-name", qujat_cr_read_category_name},
               {"category-change", qujat_cr_read_category_change},
               {"calendar", qujat_cr_read_calendar},
               {"arrival-notification", qujat_cr_read_arrival}};
  enum { NKINDS = sizeof kinds / sizeof kinds[0] };
  const char *names_of_kinds[NKINDS];
  size_t counts[NKINDS];
  for (int k = 0; k < NKINDS; k++)
    names_of_kinds[k] = kinds[k].name;
  CHECK(check_elements(&R, docs, names, n, names_of_kinds, NKINDS));
  for (int k = 0; k < NKINDS; k++)
    CHECK(count_all(&R, docs, names, n, kinds[k].name, &counts[k]));
  /* Arrays sized by the counts, in kinds[] order. */
  size_t nserv = counts[9];
  R.sources = qujat_cr_alloc(&R, counts[0], sizeof *R.sources);
  R.editions = qujat_cr_alloc(&R, counts[1], sizeof *R.editions);
  R.mcis = qujat_cr_alloc(&R, counts[2], sizeof *R.mcis);
  R.conditions = qujat_cr_alloc(&R, counts[3], sizeof *R.conditions);
  R.documents = qujat_cr_alloc(&R, counts[4], sizeof *R.documents);
  R.procedures = qujat_cr_alloc(&R, counts[5], sizeof *R.procedures);
  R.notes = qujat_cr_alloc(&R, counts[6], sizeof *R.notes);
  R.groups = qujat_cr_alloc(&R, counts[7], sizeof *R.groups);
  R.categories = qujat_cr_alloc(&R, counts[8], sizeof *R.categories);
  R.services = qujat_cr_alloc(&R, nserv, sizeof *R.services);
  R.service_group = qujat_cr_alloc(&R, nserv, sizeof *R.service_group);
  R.same_as = qujat_cr_alloc(&R, nserv, sizeof *R.same_as);
  R.same_as_line = qujat_cr_alloc(&R, nserv, sizeof *R.same_as_line);
  R.service_file = qujat_cr_alloc(&R, nserv, sizeof *R.service_file);
  R.service_line = qujat_cr_alloc(&R, nserv, sizeof *R.service_line);
  R.fines = qujat_cr_alloc(&R, counts[10], sizeof *R.fines);
  R.lists = qujat_cr_alloc(&R, counts[11], sizeof *R.lists);
  R.category_names = qujat_cr_alloc(&R, counts[13], sizeof *R.category_names);
  R.changes = qujat_cr_alloc(&R, counts[14], sizeof *R.changes);
  R.calendars = qujat_cr_alloc(&R, counts[15], sizeof *R.calendars);
  if (c->arena.failed)
    CHECK(qujat_cr_nomem(&R));
  for (int k = 0; k < NKINDS; k++)
    CHECK(read_all(&R, docs, names, n, kinds[k].name, kinds[k].read));
  /* Order first: same-as pointers must point at the final places. */
  order_services(&R);
  CHECK(resolve_same_as(&R));
  CHECK(check_coverage(&R));
  if (c->arena.failed)
    CHECK(qujat_cr_nomem(&R));
  c->sources = R.sources;
  c->nsources = R.nsources;
  c->editions = R.editions;
  c->neditions = R.neditions;
  c->mcis = R.mcis;
  c->nmcis = R.nmcis;
  c->conditions = R.conditions;
  c->nconditions = R.nconditions;
  c->documents = R.documents;
  c->ndocuments = R.ndocuments;
  c->procedures = R.procedures;
  c->nprocedures = R.nprocedures;
  c->notes = R.notes;
  c->nnotes = R.nnotes;
  c->groups = R.groups;
  c->ngroups = R.ngroups;
  c->services = R.services;
  c->nservices = R.nservices;
  c->categories = R.categories;
  c->ncategories = R.ncategories;
  c->fines = R.fines;
  c->nfines = R.nfines;
  c->lists = R.lists;
  c->nlists = R.nlists;
  c->changes = R.changes;
  c->nchanges = R.nchanges;
  c->category_names = R.category_names;
  c->ncategory_names = R.ncategory_names;
  c->calendars = R.calendars;
  c->ncalendars = R.ncalendars;
done:
  return st;
}
