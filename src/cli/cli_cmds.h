/* The subcommands: each takes argv from its own name on and returns an
 * exit status. */
#ifndef QUJAT_CLI_CMDS_H
#define QUJAT_CLI_CMDS_H

#include "cli_args.h"

int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_checklist(int argc, char **argv);
int cmd_validate(int argc, char **argv);

/* Loads the catalog of the data directory chosen by `o`; prints the error
 * and returns NULL on failure. */
qujat_catalog *cli_load_catalog(const struct cli_opts *o);

/* Writes `data` to `output` ("-" or NULL: stdout) atomically; returns an
 * exit status after printing any error. */
int cli_emit(const char *output, const char *data, size_t len);

#endif
