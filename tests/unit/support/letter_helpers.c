/* SPDX-License-Identifier: MIT */
/* What the letter tests share (letter_helpers.h). */
#include "letter_helpers.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "helpers.h"

struct diags D;

void use_xml(const char *xml, int schema) {
  test_use_profile_xml(&prof, schema ? cat : NULL, xml, NAME);
}

void collect(const qujat_error *e, void *user) {
  struct diags *d = user;
  if (d->n < MAX_DIAGS) {
    d->code[d->n] = e->code;
    d->line[d->n] = e->line;
    snprintf(d->file[d->n], sizeof d->file[0], "%s", e->file);
    snprintf(d->msg[d->n], sizeof d->msg[0], "%s", e->msg);
  }
  d->n++;
}

qujat_request request(const char *service, const char *date, qujat_lang lang,
                      int copies) {
  qujat_request req = request_of(QUJAT_DOC_LETTER, service, date, lang);
  req.copies = copies;
  return req;
}

qujat_status check_full(const char *service, const char *date, int copies) {
  memset(&D, 0, sizeof D);
  memset(&err, 0, sizeof err);
  qujat_request req = request(service, date, QUJAT_LANG_EN, copies);
  return qujat_letter_check(cat, &req, collect, &D, &err);
}

qujat_status check(const char *service) { return check_full(service, DATE, 0); }

void dump(void) {
  for (int i = 0; i < D.n && i < MAX_DIAGS; i++)
    fprintf(stderr, "  %s:%d: %s\n", D.file[i], D.line[i], D.msg[i]);
}

void expect_passes(const char *service) {
  qujat_status st = check(service);
  if (st != QUJAT_OK || D.n)
    dump();
  cr_expect_eq(st, QUJAT_OK, "%s: %s", service, err.msg);
  cr_expect_eq(D.n, 0, "%s: %d problems", service, D.n);
}

int problem_with(const char *part) {
  for (int i = 0; i < D.n && i < MAX_DIAGS; i++)
    if (strstr(D.msg[i], part))
      return i;
  return -1;
}

void build_full(const char *service, const char *date, qujat_lang lang,
                int copies) {
  qujat_request req = request(service, date, lang, copies);
  qujat_status st = build_into(cat, &req, &doc);
  cr_assert_eq(st, QUJAT_OK, "%s (%s): %s:%d: %s", service,
               qujat_lang_code(lang), err.file, err.line, err.msg);
  cr_assert_not_null(doc);
  cr_assert_not_null(doc->letter, "no letter in the document");
}

void build(const char *service, qujat_lang lang) {
  build_full(service, DATE, lang, 0);
}

const char *cell(size_t row, int col) {
  cr_assert_leq(row, doc->letter->npersons);
  return doc->letter->cells[row * LETTER_COLUMNS + col];
}

void dump_warnings(void) {
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    fprintf(stderr, "  warning: %s\n", qujat_document_warning(doc, i));
}

void expect_text(const char *what, const char *s, const char *part) {
  cr_assert_not_null(s, "%s is NULL", what);
  cr_expect(strstr(s, part) != NULL, "%s lacks '%s': %s", what, part, s);
}
