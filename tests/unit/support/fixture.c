/* SPDX-License-Identifier: MIT */
/* The fixture most suites on the real catalog share (fixture.h). */
#include "fixture.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

qujat_catalog *cat;
qujat_profile *prof;
qujat_document *doc;
qujat_error err;

void fixture_setup(void) { cat = test_catalog_load(); }

void fixture_teardown(void) {
  qujat_document_free(doc);
  doc = NULL;
  no_profile();
  qujat_catalog_free(cat);
  cat = NULL;
}

void use_profile(const char *name) {
  char *xml = test_profile_text(name);
  use_profile_xml(xml, name);
  free(xml);
}

void use_profile_edited(const char *name, const char *from, const char *to) {
  char *xml = test_profile_text(name);
  char *at = strstr(xml, from);
  cr_assert_not_null(at, "'%s' not in %s", from, name);
  char edited[16 * 1024];
  int n = snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - xml), xml, to,
                   at + strlen(from));
  free(xml);
  cr_assert(n > 0 && (size_t)n < sizeof edited);
  use_profile_xml(edited, name);
}

void use_profile_xml(const char *xml, const char *name) {
  test_use_profile_xml(&prof, cat, xml, name);
}

void use_fixture(const char *name) { test_use_profile_file(&prof, cat, name); }

void no_profile(void) {
  qujat_profile_free(prof);
  prof = NULL;
}

qujat_request request_of(qujat_doc_kind kind, const char *service,
                         const char *date, qujat_lang lang) {
  qujat_request req = QUJAT_REQUEST_INIT;
  req.kind = kind;
  req.service = service;
  req.profile = prof;
  req.lang = lang;
  req.date = date;
  return req;
}

qujat_status build_into(const qujat_catalog *c, const qujat_request *req,
                        qujat_document **out) {
  qujat_document_free(*out);
  *out = NULL;
  memset(&err, 0, sizeof err);
  return qujat_document_build(c, req, out, &err);
}

const char *warning_with(const char *needle) {
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    if (strstr(qujat_document_warning(doc, i), needle))
      return qujat_document_warning(doc, i);
  return NULL;
}

size_t count_fees(enum fee_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < doc->nfees; i++)
    n += doc->fees[i].kind == kind;
  return n;
}

const struct rfee *the_fee(enum fee_kind kind) {
  cr_assert_eq(count_fees(kind), 1, "%zu fees of kind %d", count_fees(kind),
               kind);
  for (size_t i = 0; i < doc->nfees; i++)
    if (doc->fees[i].kind == kind)
      return &doc->fees[i];
  return NULL;
}
