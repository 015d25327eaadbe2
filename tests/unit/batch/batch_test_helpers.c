/* SPDX-License-Identifier: MIT */
/* The helpers of batch_test_helpers.h, and the suite batch: every test of
 * it runs in a temporary directory of its own. */
#include "batch_test_helpers.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static char dir[256];
static char path_buf[512];

static void make_dir(void) { test_make_temp_dir(dir, sizeof dir, "batch"); }

static void remove_dir(void) {
  if (!dir[0])
    return;
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0)
    fprintf(stderr, "cannot remove %s\n", dir);
  dir[0] = '\0';
}

TestSuite(batch, .init = make_dir, .fini = remove_dir);

const char *put(const char *name, const void *data, size_t len) {
  snprintf(path_buf, sizeof path_buf, "%s/%s", dir, name);
  test_write_file(path_buf, data, len);
  return path_buf;
}

const char *puts_file(const char *name, const char *text) {
  return put(name, text, strlen(text));
}

qujat_status read_jobs(const char *path, int xml, const char *enc, int light,
                       struct jobs *out) {
  memset(out, 0, sizeof *out);
  struct job_reader *r = NULL;
  qujat_status st = xml == 2 ? qujat_jobs_open(path, enc, &r, &out->err)
                    : xml    ? qujat_jobs_open_xml(path, &r, &out->err)
                             : qujat_jobs_open_csv(path, enc, &r, &out->err);
  if (st != QUJAT_OK) {
    cr_expect_null(r);
    return out->st = st;
  }
  r->light = light;
  int end = 0;
  struct job j = {0};
  while ((st = r->next(r, &j, &end, &out->err)) == QUJAT_OK && !end) {
    cr_assert_lt(out->n, MAX_JOBS);
    out->v[out->n++] = j;
    memset(&j, 0, sizeof j);
  }
  qujat_job_clear(&j);
  r->close(r);
  return out->st = st;
}

void jobs_free(struct jobs *J) {
  for (int i = 0; i < J->n; i++)
    qujat_job_clear(&J->v[i]);
}

const char *str(const char *s) { return s ? s : "(null)"; }

void expect_in(const char *s, const char *part) {
  cr_expect(strstr(str(s), part), "%s", str(s));
}
