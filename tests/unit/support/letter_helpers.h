/* SPDX-License-Identifier: MIT */
/* What the letter tests (test_letter*.c) share, on the fixture of
 * fixture.h: profiles built in memory, qujat_letter_check with every
 * problem it reports (counted through the diag callback, with its line in
 * the profile), and letters built. */
#ifndef QUJAT_TEST_LETTER_HELPERS_H
#define QUJAT_TEST_LETTER_HELPERS_H

#include <stddef.h>

#include "fixture.h"
#include "qujat/qujat.h"

#define DATE "2026-11-21"
#define NAME "letter.xml" /* the name of in-memory profiles */
#define MAX_DIAGS 16

/* The problems qujat_letter_check passed to the callback. */
struct diags {
  int n;
  qujat_status code[MAX_DIAGS];
  int line[MAX_DIAGS];
  char file[MAX_DIAGS][QUJAT_ERROR_FILE_SIZE];
  char msg[MAX_DIAGS][QUJAT_ERROR_MSG_SIZE];
};

/* Those of the last check_full() or check(). */
extern struct diags D;

/* Loads `xml` as the profile, validated by the catalog's schema (`schema`)
 * or with no schema (qujat_profile_load_memory(NULL, ...)). */
void use_xml(const char *xml, int schema);

/* The diag callback: appends the problem to the struct diags `user`. */
void collect(const qujat_error *e, void *user);

/* A letter of `service` for the profile. */
qujat_request request(const char *service, const char *date, qujat_lang lang,
                      int copies);

/* qujat_letter_check of the profile, the problems in D. */
qujat_status check_full(const char *service, const char *date, int copies);
qujat_status check(const char *service);

/* Prints the problems in D. */
void dump(void);

/* The check of `service` passes with no problem. */
void expect_passes(const char *service);

/* The index of the problem in D containing `part`, or -1. */
int problem_with(const char *part);

/* Builds the letter of `service` into `doc` and asserts success. */
void build_full(const char *service, const char *date, qujat_lang lang,
                int copies);
void build(const char *service, qujat_lang lang);

/* Cell `col` of row `row` of the letter's table (row 0: the titles). */
const char *cell(size_t row, int col);

/* Prints the warnings of `doc`. */
void dump_warnings(void);

/* `s`, the text `what` of the letter, contains `part`. */
void expect_text(const char *what, const char *s, const char *part);

#endif
