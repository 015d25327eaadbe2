/* SPDX-License-Identifier: MIT */
/* Diagnostics on stderr, in the form tools and editors understand:
 * "file:line:col: error: message" (curl's tool_msgs idea), in the language
 * of the command's --lang (cli_i18n.h): a format given here is the English
 * key of the table there. */
#ifndef QUJAT_CLI_MSGS_H
#define QUJAT_CLI_MSGS_H

#include "qujat/qujat.h"

#if defined(__GNUC__)
#define CLI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CLI_PRINTF(a, b)
#endif

/* Exit statuses (documented in man/qujat.1). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

void cli_errorf(const char *fmt, ...) CLI_PRINTF(1, 2);
void cli_warnf(const char *fmt, ...) CLI_PRINTF(1, 2);

/* A usage error: the message, then "Try 'qujat --help'."; returns
 * EXIT_USAGE. */
int cli_usagef(const char *fmt, ...) CLI_PRINTF(1, 2);

/* Prints a library error with its place: "file:line:col: error: msg". */
void cli_report(const qujat_error *e);

#endif
