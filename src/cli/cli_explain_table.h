/* SPDX-License-Identifier: MIT */
/* The table of the library's messages and their retellings
 * (cli_explain_table.c), read by cli_explain.c. */
#ifndef QUJAT_CLI_EXPLAIN_TABLE_H
#define QUJAT_CLI_EXPLAIN_TABLE_H

#include <stddef.h>

#include "cli_i18n.h"

/* A library message and its retelling; say[L_EN] NULL keeps the
 * library's own English words. */
struct library_retelling {
  const char *pattern;
  text3 say;
};

extern const struct library_retelling cli_library[];
extern const size_t cli_nlibrary;

/* Words inside a capture: "single-entry" in "a category C3 %s visa". */
extern const text3 cli_capture_words[];
extern const size_t cli_ncapture_words;

#endif
