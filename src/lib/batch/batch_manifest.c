/* SPDX-License-Identifier: MIT */
/*
 * Manifest lines: one per job, as JSON (one object per line) or CSV with
 * the columns id, status, output, bytes, pages, sha256, error, line,
 * warnings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/batch.h"
#include "base/base.h"

static const char *const status_names[] = {"ok", "skipped", "error"};

const char *qujat_manifest_csv_header(void) {
  return "id,status,output,bytes,pages,sha256,error,line,warnings\n";
}

static qujat_status json_line(struct buf *b, const qujat_job_result *r) {
  struct json j;
  qujat_json_init(&j);
  qujat_json_raw(&j, "{");
  qujat_json_key(&j, "id", 1);
  qujat_json_str(&j, r->id);
  qujat_json_key(&j, "status", 0);
  qujat_json_str(&j, status_names[r->status]);
  qujat_json_key(&j, "output", 0);
  qujat_json_str(&j, r->output);
  if (r->status != QUJAT_JOB_ERROR) {
    qujat_json_key(&j, "bytes", 0);
    qujat_json_int(&j, (long long)r->bytes);
    qujat_json_key(&j, "pages", 0);
    qujat_json_int(&j, r->pages);
    qujat_json_key(&j, "sha256", 0);
    qujat_json_str(&j, r->sha256);
  } else {
    qujat_json_key(&j, "error", 0);
    qujat_json_str(&j, r->error);
  }
  qujat_json_key(&j, "line", 0);
  qujat_json_int(&j, r->line);
  if (r->nwarnings) {
    qujat_json_key(&j, "warnings", 0);
    qujat_json_raw(&j, "[");
    for (size_t i = 0; i < r->nwarnings; i++) {
      if (i)
        qujat_json_raw(&j, ", ");
      qujat_json_str(&j, r->warnings[i]);
    }
    qujat_json_raw(&j, "]");
  }
  qujat_json_raw(&j, "}\n");
  char *text = NULL;
  size_t len = 0;
  qujat_status st = qujat_json_finish(&j, &text, &len, NULL);
  if (st == QUJAT_OK)
    st = qujat_buf_add(b, text, len);
  free(text);
  return st;
}

/* One CSV cell: quoted when it holds a separator, a quote or a line
 * break; a leading = + - @ TAB CR is prefixed with ' so that a spreadsheet does
 * not take the cell for a formula. */
static qujat_status csv_cell(struct buf *b, const char *s, int last) {
  qujat_status st = QUJAT_OK;
  if (s && *s) {
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
      st = qujat_buf_addc(b, '"');
    if (st == QUJAT_OK && strchr("=+-@\t\r", s[0]))
      st = qujat_buf_addc(b, '\'');
    for (const char *p = s; st == QUJAT_OK && *p; p++)
      st = *p == '"' ? qujat_buf_adds(b, "\"\"") : qujat_buf_addc(b, *p);
    if (st == QUJAT_OK && quote)
      st = qujat_buf_addc(b, '"');
  }
  return st == QUJAT_OK ? qujat_buf_addc(b, last ? '\n' : ',') : st;
}

static qujat_status csv_line(struct buf *b, const qujat_job_result *r) {
  int ok = r->status != QUJAT_JOB_ERROR;
  char bytes[32] = "", pages[16] = "", line[16];
  if (ok) {
    snprintf(bytes, sizeof bytes, "%zu", r->bytes);
    snprintf(pages, sizeof pages, "%u", r->pages);
  }
  snprintf(line, sizeof line, "%d", r->line);
  struct buf warnings;
  qujat_buf_init(&warnings, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && i < r->nwarnings; i++)
    st = qujat_buf_addf(&warnings, "%s%s", i ? " | " : "", r->warnings[i]);
  const char *cells[] = {r->id,  status_names[r->status],
                         r->output, bytes, pages, ok ? r->sha256 : "",
                         ok ? "" : r->error, line, warnings.data};
  size_t n = sizeof cells / sizeof *cells;
  for (size_t i = 0; st == QUJAT_OK && i < n; i++)
    st = csv_cell(b, cells[i], i + 1 == n);
  qujat_buf_free(&warnings);
  return st;
}

qujat_status qujat_manifest_line(struct buf *b, int csv,
                                 const qujat_job_result *r) {
  return csv ? csv_line(b, r) : json_line(b, r);
}
