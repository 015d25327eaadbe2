/* SPDX-License-Identifier: MIT */
/* The library's errors (in English, with libxml2's schema wording for a
 * profile) retold in plain words in kk, ru or en: cli_explain.c, on the
 * public API only. The command line uses it through cli_explain() in the
 * language of the command; qujat serve (in the same executable) in the
 * language of each request. Reentrant: no state. */
#ifndef QUJAT_CLI_EXPLAIN_H
#define QUJAT_CLI_EXPLAIN_H

#include <stddef.h>

#include "qujat/qujat.h"

/* `e->msg` retold in `lang` (kk+ru: Kazakh) into `out`; a message without
 * a retelling is copied as it is (English). Returns whether it was
 * retold (or is English and needs none). */
int cli_explain_in(const qujat_error *e, qujat_lang lang, char *out,
                   size_t size);

#endif
