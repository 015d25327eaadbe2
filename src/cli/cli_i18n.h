/* SPDX-License-Identifier: MIT */
/* The command line's own messages in the language of the command (--lang):
 * its usage messages, and the library's errors (which are in English, with
 * libxml2's schema wording for a profile) retold in plain words. Both are
 * tables: one row per message, a text per language. */
#ifndef QUJAT_CLI_I18N_H
#define QUJAT_CLI_I18N_H

#include <stddef.h>

#include "qujat/qujat.h"

/* The language of the messages: the --lang of the command line, found
 * before the options are parsed so that a usage error in front of --lang
 * is also in that language. kk+ru gives Kazakh. Default English. */
/* A text in each language, in the order of enum lang_index. */
enum lang_index { L_EN, L_RU, L_KK, NL };
typedef const char *text3[NL];

/* The index into a text3 of the messages' language (kk+ru speaks
 * Kazakh). */
int cli_lang_index(void);

void cli_lang_from_args(int argc, char **argv);
void cli_set_lang(qujat_lang lang);
qujat_lang cli_lang(void);

/* The printf format `fmt` (an English usage or error message of the CLI)
 * in the messages' language, with the same conversions in the same order;
 * `fmt` itself when the table has no row for it. */
const char *cli_tr(const char *fmt);

/* A word of the message frame: "error", "warning", "Try 'qujat --help'." */
const char *cli_word(const char *en);

/* The library's message `e->msg` in the messages' language and in plain
 * words, into `out` (the place, file:line, is the caller's to print). */
void cli_explain(const qujat_error *e, char *out, size_t size);

#endif
