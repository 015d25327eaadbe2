/* SPDX-License-Identifier: MIT */
#include "base/base.h"

void qujat_json_init(struct json *j) {
  qujat_buf_init(&j->b, QUJAT_BUF_DEFAULT_LIMIT);
  j->st = QUJAT_OK;
}

void qujat_json_raw(struct json *j, const char *s) {
  if (j->st == QUJAT_OK)
    j->st = qujat_buf_adds(&j->b, s);
}

/* Quotes, backslashes and control characters are escaped; UTF-8 passes
 * through (it was validated at input). */
void qujat_json_str(struct json *j, const char *s) {
  if (!s) {
    qujat_json_raw(j, "null");
    return;
  }
  qujat_json_raw(j, "\"");
  for (const char *p = s; *p && j->st == QUJAT_OK; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\')
      j->st = qujat_buf_addf(&j->b, "\\%c", c);
    else if (c < 0x20)
      j->st = qujat_buf_addf(&j->b, "\\u%04x", c);
    else
      j->st = qujat_buf_addc(&j->b, (char)c);
  }
  qujat_json_raw(j, "\"");
}

void qujat_json_key(struct json *j, const char *k, int first) {
  qujat_json_raw(j, first ? "" : ", ");
  qujat_json_str(j, k);
  qujat_json_raw(j, ": ");
}

void qujat_json_int(struct json *j, long long v) {
  if (j->st == QUJAT_OK)
    j->st = qujat_buf_add_int(&j->b, v);
}

qujat_status qujat_json_finish(struct json *j, char **out, size_t *len,
                               qujat_error *err) {
  *out = NULL;
  if (j->st != QUJAT_OK) {
    qujat_buf_free(&j->b);
    return qujat_err_set(err, j->st, NULL, 0, 0, "cannot write JSON: %s",
                         qujat_strerror(j->st));
  }
  *out = qujat_buf_take(&j->b, len);
  return *out ? QUJAT_OK
              : qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                              "out of memory");
}
