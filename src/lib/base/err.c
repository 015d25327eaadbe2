/* SPDX-License-Identifier: MIT */
#include "base/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

qujat_status qujat_err_set(qujat_error *err, qujat_status code,
                           const char *file, int line, int column,
                           const char *fmt, ...) {
  if (!err)
    return code;
  err->code = code;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  err->line = line;
  err->column = column;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return code;
}

void qujat_err_clear(qujat_error *err) {
  if (err)
    memset(err, 0, sizeof *err);
}

const char *qujat_strerror(qujat_status code) {
  switch (code) {
  case QUJAT_OK:
    return "no error";
  case QUJAT_ERR_NOMEM:
    return "out of memory";
  case QUJAT_ERR_IO:
    return "input/output error";
  case QUJAT_ERR_XML:
    return "malformed XML";
  case QUJAT_ERR_CATALOG:
    return "invalid catalog or profile";
  case QUJAT_ERR_RULE:
    return "the rules give no answer";
  case QUJAT_ERR_LOCALE:
    return "missing locale text";
  case QUJAT_ERR_FONT:
    return "font error";
  case QUJAT_ERR_PDF:
    return "PDF error";
  case QUJAT_ERR_LIMIT:
    return "a size limit was exceeded";
  case QUJAT_ERR_ARG:
    return "invalid argument";
  }
  return "unknown error";
}

void qujat_free(void *ptr) { free(ptr); }

const char *qujat_version(void) { return QUJAT_VERSION_STRING; }
