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

qujat_status qujat_job_attribute(struct job *j, const char *name,
                                 int namespaced, const char *value,
                                 size_t len) {
  static const char *const names[] = {
      "id",    "document", "service", "lang", "date", "output",
      "copies", "fine",    "days",    "size", "profile", "brief",
      "allow-mixed-language", "no-letterhead"};
  char **fields[] = {&j->id,     &j->document, &j->service, &j->lang,
                     &j->date,   &j->output,   &j->copies,  &j->fine,
                     &j->days,   &j->size,     &j->profile_path,
                     &j->brief,  &j->mixed,    &j->no_letterhead};
  size_t k = 0;
  while (k < sizeof names / sizeof *names && strcmp(names[k], name) != 0)
    k++;
  if (k == sizeof names / sizeof *names || namespaced)
    qujat_job_problem(j, "<job> has an unknown attribute '%s' (expected id, "
                         "document, service, lang, date, output, profile, "
                         "copies, fine, days, size, brief, "
                         "allow-mixed-language, no-letterhead)",
                      name);
  else if (len > JOB_MAX_FIELD)
    qujat_job_problem(j, "the attribute '%s' is longer than %d bytes", name,
                      JOB_MAX_FIELD);
  else
    return qujat_job_set(fields[k], value, len);
  return QUJAT_OK;
}
