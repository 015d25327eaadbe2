/* SPDX-License-Identifier: MIT */
/* Catalog reader helpers: attributes, texts in three languages, sources,
 * lookups by id. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "catalog/catalog_internal.h"

qujat_status qujat_cr_fail(struct reader *R, const xmlNode *n, const char *fmt,
                         ...) {
  char msg[QUJAT_ERROR_MSG_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->file, n ? n->line : 0, 0,
                       "%s", msg);
}

qujat_status qujat_cr_nomem(struct reader *R) {
  return qujat_err_set(R->err, QUJAT_ERR_NOMEM, R->file, 0, 0,
                       "out of memory");
}

void *qujat_cr_alloc(struct reader *R, size_t n, size_t size) {
  if (n == 0)
    return NULL;
  if (n > SIZE_MAX / size)
    return NULL;
  return qujat_arena_alloc(&R->c->arena, n * size);
}

const char *qujat_cr_attr(struct reader *R, xmlNodePtr n, const char *name) {
  return qujat_xml_attr(&R->c->arena, n, name);
}

qujat_status qujat_cr_req_attr(struct reader *R, xmlNodePtr n, const char *name,
                             const char **out) {
  return qujat_xml_required(&R->c->arena, n, name, R->file, out, R->err);
}

int qujat_cr_attr_is(struct reader *R, xmlNodePtr n, const char *name,
                   const char *value) {
  const char *v = qujat_cr_attr(R, n, name);
  return v && strcmp(v, value) == 0;
}

/* A positive integer attribute; 0 when absent. */
qujat_status qujat_cr_int_attr(struct reader *R, xmlNodePtr n, const char *name,
                             int *out) {
  const char *v = qujat_cr_attr(R, n, name);
  *out = 0;
  if (!v)
    return QUJAT_OK;
  char *end;
  long x = strtol(v, &end, 10);
  if (end == v || *end || x < 0 || x > 100000)
    return qujat_cr_fail(R, n, "<%s %s=\"%s\">: expected a whole number",
                (const char *)n->name, name, v);
  *out = (int)x;
  return QUJAT_OK;
}

qujat_status qujat_cr_date_attr(struct reader *R, xmlNodePtr n,
                              const char *name, struct date *out) {
  const char *v;
  qujat_status st = qujat_cr_req_attr(R, n, name, &v);
  if (st == QUJAT_OK && !qujat_date_parse(v, out))
    st = qujat_cr_fail(R, n, "<%s %s=\"%s\">: not a calendar date (YYYY-MM-DD)",
              (const char *)n->name, name, v);
  return st;
}

xmlNodePtr qujat_cr_first_child(xmlNodePtr n, const char *name) {
  return qujat_xml_named(n->children, NS, name);
}

size_t qujat_cr_count_children(xmlNodePtr n, const char *name) {
  size_t k = 0;
  QUJAT_XML_EACH(c, n, NS, name)
    k++;
  return k;
}

/* The element's text with runs of white space collapsed to one space and
 * trimmed: catalog texts may be wrapped over several lines. */
static const char *norm_text(struct reader *R, xmlNodePtr n) {
  xmlChar *raw = xmlNodeGetContent(n);
  if (!raw)
    return NULL;
  size_t len = strlen((const char *)raw);
  char *out = qujat_arena_alloc(&R->c->arena, len + 1);
  if (out) {
    size_t o = 0;
    int space = 0;
    for (const char *p = (const char *)raw; *p; p++) {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        space = o > 0;
      } else {
        if (space)
          out[o++] = ' ';
        space = 0;
        out[o++] = *p;
      }
    }
    out[o] = '\0';
  }
  xmlFree(raw);
  return out;
}

/* <x><kk>..</kk><ru>..</ru><en>..</en></x>: all three, in that order. */
qujat_status qujat_cr_read_text3(struct reader *R, xmlNodePtr n,
                               struct text3 *t) {
  static const char *const langs[NLANGS] = {"kk", "ru", "en"};
  xmlNodePtr c = qujat_xml_elem(n->children);
  for (int i = 0; i < NLANGS; i++, c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, langs[i]))
      return qujat_cr_fail(R, c ? c : n,
                  "<%s> needs <kk>, <ru> and <en> in that order; <%s> is "
                  "missing",
                  (const char *)n->name, langs[i]);
    t->s[i] = norm_text(R, c);
    if (!t->s[i])
      return qujat_cr_nomem(R);
    if (!*t->s[i])
      return qujat_cr_fail(R, c, "<%s> text is empty", langs[i]);
  }
  return QUJAT_OK;
}

qujat_status qujat_cr_read_text3_child(struct reader *R, xmlNodePtr n,
                                     const char *name, struct text3 *t) {
  xmlNodePtr c = qujat_cr_first_child(n, name);
  if (!c)
    return qujat_cr_fail(R, n, "<%s> lacks <%s>", (const char *)n->name, name);
  return qujat_cr_read_text3(R, c, t);
}

const struct source *qujat_cr_find_source(struct reader *R, const char *id) {
  for (size_t i = 0; i < R->nsources; i++)
    if (strcmp(R->sources[i].id, id) == 0)
      return &R->sources[i];
  return NULL;
}

/* Every fact says where it comes from: at least one <source ref section>. */
qujat_status qujat_cr_read_cites(struct reader *R, xmlNodePtr n,
                               struct cites *out) {
  size_t k = qujat_cr_count_children(n, "source");
  if (k == 0)
    return qujat_cr_fail(R, n, "<%s> lacks a <source ref=\"...\" section=\"...\"/>: "
                      "every fact needs its source",
                (const char *)n->name);
  struct cite *v = qujat_cr_alloc(R, k, sizeof *v);
  if (!v)
    return qujat_cr_nomem(R);
  size_t i = 0;
  QUJAT_XML_EACH(c, n, NS, "source") {
    const char *ref;
    qujat_status st = qujat_cr_req_attr(R, c, "ref", &ref);
    if (st == QUJAT_OK)
      st = qujat_cr_req_attr(R, c, "section", &v[i].section);
    if (st != QUJAT_OK)
      return st;
    v[i].source = qujat_cr_find_source(R, ref);
    if (!v[i].source)
      return qujat_cr_fail(R, c, "unknown source '%s'", ref);
    i++;
  }
  out->v = v;
  out->n = k;
  return QUJAT_OK;
}

/* Ids are unique within their kind. */
#define FIND_BY_ID(arr, n, id)                                                 \
  do {                                                                         \
    for (size_t i_ = 0; i_ < (n); i_++)                                        \
      if (strcmp((arr)[i_].id, (id)) == 0)                                     \
        return &(arr)[i_];                                                     \
    return NULL;                                                               \
  } while (0)

const struct condition *qujat_cr_find_condition(struct reader *R,
                                              const char *id) {
  FIND_BY_ID(R->conditions, R->nconditions, id);
}
const struct document *qujat_cr_find_document(struct reader *R, const char *id) {
  FIND_BY_ID(R->documents, R->ndocuments, id);
}
const struct procedure *qujat_cr_find_procedure(struct reader *R,
                                              const char *id) {
  FIND_BY_ID(R->procedures, R->nprocedures, id);
}
const struct note *qujat_cr_find_note(struct reader *R, const char *id) {
  FIND_BY_ID(R->notes, R->nnotes, id);
}
const struct edition *qujat_cr_find_edition(struct reader *R, const char *id) {
  FIND_BY_ID(R->editions, R->neditions, id);
}

/* Every element type read by id has it as its first member, so that one
 * loop checks them all. */
_Static_assert(offsetof(struct source, id) == 0, "id first");
_Static_assert(offsetof(struct edition, id) == 0, "id first");
_Static_assert(offsetof(struct condition, id) == 0, "id first");
_Static_assert(offsetof(struct document, id) == 0, "id first");
_Static_assert(offsetof(struct procedure, id) == 0, "id first");
_Static_assert(offsetof(struct note, id) == 0, "id first");
_Static_assert(offsetof(struct group, id) == 0, "id first");
_Static_assert(offsetof(struct service, id) == 0, "id first");
_Static_assert(offsetof(struct fine, id) == 0, "id first");
_Static_assert(offsetof(struct visa_category, id) == 0, "id first");

qujat_status qujat_cr_read_new_id(struct reader *R, xmlNodePtr n,
                                  const char *kind, const void *items,
                                  size_t count, size_t stride,
                                  const char **id) {
  qujat_status st = qujat_cr_req_attr(R, n, "id", id);
  if (st != QUJAT_OK)
    return st;
  const char *p = items;
  for (size_t i = 0; i < count; i++, p += stride) {
    const char *other = *(const char *const *)(const void *)p;
    if (strcmp(other, *id) == 0)
      return qujat_cr_fail(R, n, "duplicate %s id '%s'", kind, *id);
  }
  return QUJAT_OK;
}

qujat_status qujat_cr_read_optional_text3(struct reader *R, xmlNodePtr n,
                                          const char *name, int *has,
                                          struct text3 *t) {
  xmlNodePtr c = qujat_cr_first_child(n, name);
  *has = c != NULL;
  return c ? qujat_cr_read_text3(R, c, t) : QUJAT_OK;
}

/* <note ref="..."/> children into an array of pointers. */
qujat_status qujat_cr_read_note_refs(struct reader *R, xmlNodePtr n,
                                   const struct note *const **out,
                                   size_t *nout) {
  size_t k = qujat_cr_count_children(n, "note");
  const struct note **v = qujat_cr_alloc(R, k, sizeof *v);
  if (k && !v)
    return qujat_cr_nomem(R);
  size_t i = 0;
  QUJAT_XML_EACH(c, n, NS, "note") {
    const char *ref;
    qujat_status st = qujat_cr_req_attr(R, c, "ref", &ref);
    if (st != QUJAT_OK)
      return st;
    v[i] = qujat_cr_find_note(R, ref);
    if (!v[i])
      return qujat_cr_fail(R, c, "unknown note '%s'", ref);
    i++;
  }
  *out = v;
  *nout = k;
  return QUJAT_OK;
}
