#include "cli_msgs.h"

#include <stdarg.h>
#include <stdio.h>

static void vmsg(const char *kind, const char *fmt, va_list ap) {
  fprintf(stderr, "qujat: %s: ", kind);
  vfprintf(stderr, fmt, ap);
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
  fputs("Try 'qujat --help'.\n", stderr);
  return EXIT_USAGE;
}

void cli_report(const qujat_error *e) {
  if (e->file[0] && e->line > 0 && e->column > 0)
    fprintf(stderr, "%s:%d:%d: error: %s\n", e->file, e->line, e->column,
            e->msg);
  else if (e->file[0] && e->line > 0)
    fprintf(stderr, "%s:%d: error: %s\n", e->file, e->line, e->msg);
  else if (e->file[0])
    fprintf(stderr, "%s: error: %s\n", e->file, e->msg);
  else
    fprintf(stderr, "qujat: error: %s\n", e->msg[0] ? e->msg
                                                   : qujat_strerror(e->code));
}
