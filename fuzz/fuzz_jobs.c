/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes -> a job file on disk -> the streaming job-file
 * reader (XML or CSV, by the first byte: '<' or a BOM then '<' is XML),
 * every job read, in the batch's light first pass and its full second
 * pass. The reader must end every input with a job list or an error:
 * never crash, hang or leak. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "batch/batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(const char *path, int light) {
  struct job_reader *r = NULL;
  qujat_error err;
  if (qujat_jobs_open(path, NULL, &r, &err) != QUJAT_OK)
    return;
  r->light = light;
  struct job j = {0};
  int end = 0;
  for (int n = 0; n < 100000; n++)
    if (r->next(r, &j, &end, &err) != QUJAT_OK || end)
      break;
  qujat_job_clear(&j);
  r->close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[] = "/tmp/qujat-fuzz-jobs-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return 0;
  int ok = qujat_write_all(fd, data, size) == 0;
  close(fd);
  if (ok) {
    read_all(path, 1);
    read_all(path, 0);
  }
  unlink(path);
  return 0;
}
