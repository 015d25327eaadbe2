/* SPDX-License-Identifier: MIT */
/* The subcommands: each takes argv from its own name on and returns an
 * exit status. */
#ifndef QUJAT_CLI_CMDS_H
#define QUJAT_CLI_CMDS_H

#include "cli_args.h"

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_fees(int argc, char **argv);
int cmd_letter(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_regime(int argc, char **argv);
int cmd_stay(int argc, char **argv);
int cmd_categories(int argc, char **argv);

/* Loads the catalog of the data directory chosen by `o`; prints the error
 * and returns NULL on failure. */
qujat_catalog *cli_load_catalog(const struct cli_opts *o);

/* cli_parse, then the count of operands: unless there are `nargs`, a
 * usage error saying `wrong` (English; translated as cli_usagef does).
 * Returns an exit status. */
int cli_parse_operands(int argc, char **argv, unsigned accepted,
                       struct cli_opts *o, int nargs, const char *wrong);

/* A request of `kind` for the service o->args[0] in o->lang on o->date. */
qujat_request cli_service_request(const struct cli_opts *o,
                                  qujat_doc_kind kind);

/* Loads the profile `path` ("-": standard input, named "<stdin>" in
 * errors) for `cat`. */
qujat_status cli_load_profile(const qujat_catalog *cat, const char *path,
                              qujat_profile **out, qujat_error *err);

/* Writes `data` to `output` ("-" or NULL: stdout) atomically; returns an
 * exit status after printing any error. */
int cli_emit(const char *output, const char *data, size_t len);

/* Refuses (usage error) to write a PDF to a terminal without -o. */
int cli_check_pdf_target(const struct cli_opts *o, const char *command);

/* Prints the document's warnings on stderr, renders it in o->format and
 * writes it to o->output; returns an exit status. */
int cli_render(const qujat_document *doc, const struct cli_opts *o);

/* Loads the catalog and the profile of `o` (if any), builds `req` (its
 * profile set here) and renders it; returns an exit status. */
int cli_build_and_render(const struct cli_opts *o, qujat_request *req);

#endif
