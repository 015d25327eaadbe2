/* Loading the data and writing results: shared by the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli_cmds.h"
#include "cli_datadir.h"
#include "cli_msgs.h"

qujat_catalog *cli_load_catalog(const struct cli_opts *o) {
  const char *dir = cli_data_dir(o->data_dir);
  if (!dir)
    return NULL;
  qujat_catalog *cat = NULL;
  qujat_error err;
  if (qujat_catalog_load_dir(dir, &cat, &err) != QUJAT_OK) {
    cli_report(&err);
    return NULL;
  }
  return cat;
}

int cli_emit(const char *output, const char *data, size_t len) {
  if (!output || strcmp(output, "-") == 0) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
      cli_errorf("cannot write to standard output");
      return EXIT_FAIL;
    }
    return EXIT_OK;
  }
  qujat_error err;
  if (qujat_write_file(output, data, len, &err) != QUJAT_OK) {
    cli_report(&err);
    return EXIT_FAIL;
  }
  return EXIT_OK;
}
