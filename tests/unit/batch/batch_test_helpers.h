/* SPDX-License-Identifier: MIT */
/* What the tests of batch/ (suite batch) share: a temporary directory
 * made for every test of the suite (the suite's init and fini) with files
 * written into it, and the job readers run to the end of a job file. */
#ifndef QUJAT_TEST_BATCH_TEST_HELPERS_H
#define QUJAT_TEST_BATCH_TEST_HELPERS_H

#include <stddef.h>

#include "batch/batch.h"
#include "qujat/qujat.h"

#define DATE "2026-11-21"

/* Writes `len` bytes as NAME in the test's directory; returns its path,
 * valid until the next call. */
const char *put(const char *name, const void *data, size_t len);

/* put() of the string `text`. */
const char *puts_file(const char *name, const char *text);

#define MAX_JOBS 16

struct jobs {
  struct job v[MAX_JOBS];
  int n;
  qujat_status st; /* of the last next() */
  qujat_error err;
};

/* Reads every job of the job file at `path`: CSV (`xml` 0), XML (1), or
 * as qujat_jobs_open() decides (2). */
qujat_status read_jobs(const char *path, int xml, const char *enc, int light,
                       struct jobs *out);

void jobs_free(struct jobs *J);

/* `s`, or "(null)". */
const char *str(const char *s);

/* `s`, a job's problem or profile (or NULL), contains `part`. */
void expect_in(const char *s, const char *part);

#endif
