/* SPDX-License-Identifier: MIT */
#include "cli_msgs.h"

#include <stdarg.h>
#include <stdio.h>

#include "cli_i18n.h"

/* The format is the English text; cli_tr() gives it in the language of the
 * command, with the same conversions. */
static void vmsg(const char *kind, const char *fmt, va_list ap) {
  fprintf(stderr, "qujat: %s: ", cli_word(kind));
  vfprintf(stderr, cli_tr(fmt), ap);
  fputc('\n', stderr);
}

void cli_errorf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg("error", fmt, ap);
  va_end(ap);
}

void cli_warnf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg("warning", fmt, ap);
  va_end(ap);
}

int cli_usagef(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg("error", fmt, ap);
  va_end(ap);
  fprintf(stderr, "%s\n", cli_word("Try 'qujat --help'."));
  return EXIT_USAGE;
}

void cli_report(const qujat_error *e) {
  char msg[2 * QUJAT_ERROR_MSG_SIZE + 256];
  const char *error = cli_word("error");
  cli_explain(e, msg, sizeof msg);
  if (e->file[0] && e->line > 0 && e->column > 0)
    fprintf(stderr, "%s:%d:%d: %s: %s\n", e->file, e->line, e->column, error,
            msg);
  else if (e->file[0] && e->line > 0)
    fprintf(stderr, "%s:%d: %s: %s\n", e->file, e->line, error, msg);
  else if (e->file[0])
    fprintf(stderr, "%s: %s: %s\n", e->file, error, msg);
  else
    fprintf(stderr, "qujat: %s: %s\n", error, msg);
}
