/* SPDX-License-Identifier: MIT */
/* Opening a job file of either kind: XML or CSV. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <unistd.h>

#include "batch/batch.h"

/* ".xml" or ".csv" decides; otherwise a first "<" (after a UTF-8 byte
 * order mark and white space) means XML. */
static int looks_like_xml(const char *path) {
  const char *dot = strrchr(path, '.');
  if (dot && strcasecmp(dot, ".xml") == 0)
    return 1;
  if (dot && strcasecmp(dot, ".csv") == 0)
    return 0;
  int fd = qujat_open_regular(AT_FDCWD, path, 0);
  if (fd < 0)
    return 0; /* the CSV reader reports the error */
  unsigned char head[64];
  ssize_t got = read(fd, head, sizeof head);
  close(fd);
  size_t n = got > 0 ? (size_t)got : 0;
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

qujat_status qujat_jobs_open_for(const qujat_batch_options *o, int light,
                                 struct job_reader **r, qujat_error *err) {
  qujat_status st = qujat_jobs_open(o->jobs, o->encoding, r, err);
  if (st == QUJAT_OK)
    (*r)->light = light;
  return st;
}
