/* SPDX-License-Identifier: MIT */
/* Unit tests of the manifest lines (batch_manifest.c, suite batch): JSON
 * and CSV escaping, and the cells a spreadsheet would take for a
 * formula. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>

#include "base/base.h"
#include "batch/batch.h"
#include "qujat/qujat.h"

#define SHA "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static char *line_of(int csv, const qujat_job_result *r) {
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_manifest_line(&b, csv, r), QUJAT_OK);
  return qujat_buf_take(&b, NULL);
}

Test(batch, manifest_json) {
  const char *warnings[] = {"passport \"expires\"", "line\nbreak"};
  qujat_job_result ok = {.id = "a\"b\\c",
                         .source = "jobs.xml",
                         .line = 12,
                         .status = QUJAT_JOB_OK,
                         .output = "dir/ж.pdf",
                         .bytes = 9120,
                         .pages = 2,
                         .sha256 = SHA,
                         .warnings = warnings,
                         .nwarnings = 2};
  char *s = line_of(0, &ok);
  cr_expect_str_eq(s, "{\"id\": \"a\\\"b\\\\c\", \"status\": \"ok\", "
                      "\"output\": \"dir/ж.pdf\", \"bytes\": 9120, "
                      "\"pages\": 2, \"sha256\": \"" SHA "\", \"line\": 12, "
                      "\"warnings\": [\"passport \\\"expires\\\"\", "
                      "\"line\\u000abreak\"]}\n");
  free(s);
  qujat_job_result skipped = ok;
  skipped.status = QUJAT_JOB_SKIPPED;
  skipped.nwarnings = 0;
  skipped.id = "7";
  s = line_of(0, &skipped);
  cr_expect_str_eq(s, "{\"id\": \"7\", \"status\": \"skipped\", "
                      "\"output\": \"dir/ж.pdf\", \"bytes\": 9120, "
                      "\"pages\": 2, \"sha256\": \"" SHA "\", \"line\": 12}\n");
  free(s);
  qujat_job_result bad = {.id = "",
                          .line = 3,
                          .status = QUJAT_JOB_ERROR,
                          .output = NULL,
                          .error = "jobs.xml:3: job (no id): a\tb\r\nc"};
  s = line_of(0, &bad);
  cr_expect_str_eq(s, "{\"id\": \"\", \"status\": \"error\", \"output\": null, "
                      "\"error\": \"jobs.xml:3: job (no id): "
                      "a\\u0009b\\u000d\\u000ac\", \"line\": 3}\n");
  free(s);
}

Test(batch, manifest_csv) {
  cr_expect_str_eq(qujat_manifest_csv_header(),
                   "id,status,output,bytes,pages,sha256,error,line,"
                   "warnings\n");
  const char *warnings[] = {"one, two", "three \"3\""};
  qujat_job_result ok = {.id = "=HYPERLINK(\"x\")",
                         .line = 2,
                         .status = QUJAT_JOB_OK,
                         .output = "a,b.pdf",
                         .bytes = 10,
                         .pages = 1,
                         .sha256 = SHA,
                         .warnings = warnings,
                         .nwarnings = 2};
  char *s = line_of(1, &ok);
  cr_expect_str_eq(s, "\"'=HYPERLINK(\"\"x\"\")\",ok,\"a,b.pdf\",10,1," SHA
                      ",,2,\"one, two | three \"\"3\"\"\"\n");
  free(s);
  const char *leading[] = {"+1", "-1", "@a", "=1"};
  for (int i = 0; i < 4; i++) {
    qujat_job_result r = {.id = leading[i],
                          .line = 1,
                          .status = QUJAT_JOB_SKIPPED,
                          .output = "x.pdf",
                          .bytes = 1,
                          .pages = 1,
                          .sha256 = SHA};
    s = line_of(1, &r);
    char want[200];
    snprintf(want, sizeof want, "'%s,skipped,x.pdf,1,1," SHA ",,1,\n",
             leading[i]);
    cr_expect_str_eq(s, want);
    free(s);
  }
  qujat_job_result bad = {.id = "plain",
                          .line = 40,
                          .status = QUJAT_JOB_ERROR,
                          .output = "o.pdf",
                          .error = "jobs.csv:40: job plain: a \"b\"\nc,d"};
  s = line_of(1, &bad);
  cr_expect_str_eq(s, "plain,error,o.pdf,,,,\"jobs.csv:40: job plain: a "
                      "\"\"b\"\"\nc,d\",40,\n");
  free(s);
  qujat_job_result none = {.id = "",
                           .line = 5,
                           .status = QUJAT_JOB_ERROR,
                           .output = NULL,
                           .error = "-x"};
  s = line_of(1, &none);
  cr_expect_str_eq(s, ",error,,,,,'-x,5,\n");
  free(s);
}
