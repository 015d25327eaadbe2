/* Jobs as job files give them, and opening a job file of either kind. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "batch.h"

void qujat_job_clear(struct job *j) {
  char **fields[] = {&j->id,     &j->document,    &j->service,
                     &j->lang,   &j->date,        &j->output,
                     &j->copies, &j->fine,        &j->days,
                     &j->size,   &j->brief,   &j->profile_path,
                     &j->profile_xml, &j->problem};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    free(*fields[i]);
    *fields[i] = NULL;
  }
  j->profile_len = 0;
  j->profile_line = 0;
  j->line = 0;
  j->index = 0;
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

/* ".xml" or ".csv" decides; otherwise a first "<" (after a UTF-8 byte
 * order mark and white space) means XML. */
static int looks_like_xml(const char *path) {
  const char *dot = strrchr(path, '.');
  if (dot && strcasecmp(dot, ".xml") == 0)
    return 1;
  if (dot && strcasecmp(dot, ".csv") == 0)
    return 0;
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0; /* the CSV reader reports the error */
  unsigned char head[64];
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  size_t i = n >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf
                 ? 3
                 : 0;
  while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' ||
                   head[i] == '\n'))
    i++;
  return i < n && head[i] == '<';
}

qujat_status qujat_jobs_open(const char *path, const char *encoding,
                             struct job_reader **out, qujat_error *err) {
  if (looks_like_xml(path)) {
    if (encoding)
      return qujat_err_set(err, QUJAT_ERR_ARG, path, 0, 0,
                           "--encoding is for CSV job files; an XML job "
                           "file is UTF-8");
    return qujat_jobs_open_xml(path, out, err);
  }
  return qujat_jobs_open_csv(path, encoding, out, err);
}
