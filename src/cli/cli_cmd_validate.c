/* SPDX-License-Identifier: MIT */
/* qujat validate FILE... */
#include <stdio.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

static void print_diag(const qujat_error *e, void *user) {
  int *count = user;
  (*count)++;
  cli_report(e);
}

int cmd_validate(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse(argc, argv, 0, &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.nargs < 1)
    return cli_usagef("validate needs at least one FILE");
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  for (int i = 0; i < o.nargs; i++) {
    int count = 0;
    qujat_error err;
    qujat_status st =
        qujat_validate_file(cat, o.args[i], print_diag, &count, &err);
    if (st == QUJAT_OK) {
      printf("%s: valid\n", o.args[i]);
    } else {
      if (count == 0)
        cli_report(&err);
      rc = EXIT_FAIL;
    }
  }
  if (fflush(stdout) != 0)
    rc = EXIT_FAIL;
  qujat_catalog_free(cat);
  return rc;
}
