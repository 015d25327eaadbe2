/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes -> a file -> the CSV decoder (encoding detected
 * on the whole file, or each named one in turn by the first byte) and the
 * CSV job reader. Every byte ends as decoded text or a recorded bad spot;
 * offsets stay inside the text. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "batch/batch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void decode(const char *path, const char *encoding) {
  static struct decoder d; /* 64 KiB of buffer: not on the stack */
  qujat_error err;
  if (qujat_decoder_open(&d, path, encoding, &err) == QUJAT_OK) {
    char out[4096], what[96];
    size_t got = 0, total = 0;
    while (qujat_decoder_read(&d, out, sizeof out, &got, &err) == QUJAT_OK &&
           got > 0) {
      total += got;
      while (qujat_decoder_take_bad(&d, 0, total, what, sizeof what))
        ;
    }
  }
  qujat_decoder_close(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const named[] = {NULL,     "UTF-8",  "UTF-16",
                                      "CP1251", "KZ-1048", "UTF-16BE"};
  char path[] = "/tmp/qujat-fuzz-csv-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0)
    return 0;
  int ok = qujat_write_all(fd, data, size) == 0;
  close(fd);
  if (ok) {
    decode(path, NULL);
    decode(path, named[size ? data[0] % 6 : 0]);
    struct job_reader *r = NULL;
    qujat_error err;
    if (qujat_jobs_open_csv(path, NULL, &r, &err) == QUJAT_OK) {
      struct job j = {0};
      int end = 0;
      for (int n = 0; n < 100000; n++)
        if (r->next(r, &j, &end, &err) != QUJAT_OK || end)
          break;
      qujat_job_clear(&j);
      r->close(r);
    }
  }
  unlink(path);
  return 0;
}
