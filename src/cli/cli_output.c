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

int cli_build_and_render(const struct cli_opts *o, qujat_request *req) {
  qujat_catalog *cat = cli_load_catalog(o);
  if (!cat)
    return EXIT_FAIL;
  qujat_profile *profile = NULL;
  qujat_document *doc = NULL;
  qujat_error err;
  qujat_status st = QUJAT_OK;
  int rc;
  if (o->profile)
    st = qujat_profile_load_file(cat, o->profile, &profile, &err);
  req->profile = profile;
  if (st == QUJAT_OK)
    st = qujat_document_build(cat, req, &doc, &err);
  if (st != QUJAT_OK) {
    cli_report(&err);
    /* An unknown service or fine is a usage error. */
    rc = st == QUJAT_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
  } else {
    rc = cli_render(doc, o);
  }
  qujat_document_free(doc);
  qujat_profile_free(profile);
  qujat_catalog_free(cat);
  return rc;
}
