/* SPDX-License-Identifier: MIT */
/*
 * A job as a job file gives it: its fields, set and cleared, and the first
 * problem found in it. The lowest file of the job-file readers: the XML and
 * CSV readers fill jobs through it, and batch_jobs.c, which opens either
 * reader, is above them both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/batch.h"
#include "catalog/profile_doc.h"

void qujat_job_clear(struct job *j) {
  char **fields[] = {&j->id,     &j->document,    &j->service,
                     &j->lang,   &j->date,        &j->output,
                     &j->copies, &j->fine,        &j->days,
                     &j->size,   &j->brief,   &j->mixed,
                     &j->no_letterhead,       &j->profile_path,
                     &j->profile_xml, &j->problem};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    free(*fields[i]);
    *fields[i] = NULL;
  }
  qujat_job_drop_profile(j);
  j->profile_len = 0;
  j->profile_line = 0;
  j->line = 0;
  j->index = 0;
}

void qujat_job_drop_profile(struct job *j) {
  qujat_profile_doc_free(j->profile_doc);
  j->profile_doc = NULL;
}

qujat_status qujat_job_set(char **field, const char *s, size_t len) {
  char *copy = malloc(len + 1);
  if (!copy)
    return QUJAT_ERR_NOMEM;
  memcpy(copy, s, len);
  copy[len] = '\0';
  free(*field);
  *field = copy;
  return QUJAT_OK;
}

void qujat_job_problem(struct job *j, const char *fmt, ...) {
  if (j->problem)
    return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  j->problem = strdup(msg);
}
