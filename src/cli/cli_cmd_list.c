/* SPDX-License-Identifier: MIT */
/* qujat list, qujat show */
#include <stdio.h>
#include <stdlib.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

/* The opening of list and show (argv[0]): their options, `nargs`
 * operands, one language (text or JSON), and the catalog; NULL after the
 * message, *rc the exit status. */
static qujat_catalog *open_catalog(int argc, char **argv, unsigned accepted,
                                   struct cli_opts *o, int nargs,
                                   const char *wrong, int *rc) {
  *rc = cli_parse_operands(argc, argv, accepted, o, nargs, wrong);
  if (*rc == EXIT_OK && o->lang == QUJAT_LANG_KK_RU)
    *rc = cli_usagef("%s: --lang kk+ru is only for PDF documents", argv[0]);
  if (*rc != EXIT_OK)
    return NULL;
  qujat_catalog *cat = cli_load_catalog(o);
  if (!cat)
    *rc = EXIT_FAIL;
  return cat;
}

int cmd_list(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc;
  qujat_catalog *cat = open_catalog(argc, argv, OPT_LANG | OPT_FORMAT, &o, 0,
                                    "list takes no arguments", &rc);
  if (!cat)
    return rc;
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  if (qujat_render_list(cat, o.lang, o.format == FORMAT_JSON, &out, &len,
                        &err) != QUJAT_OK) {
    cli_report(&err);
    rc = EXIT_FAIL;
  } else {
    rc = cli_emit(NULL, out, len);
  }
  qujat_free(out);
  qujat_catalog_free(cat);
  return rc;
}

int cmd_show(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc;
  qujat_catalog *cat = open_catalog(
      argc, argv, OPT_LANG | OPT_DATE | OPT_FORMAT, &o, 1,
      "show needs exactly one SERVICE (qujat list shows them)", &rc);
  if (!cat)
    return rc;
  qujat_request req = cli_service_request(&o, QUJAT_DOC_SERVICE);
  qujat_document *doc = NULL;
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  qujat_status st = qujat_document_build(cat, &req, &doc, &err);
  /* As checklist and fees do: e.g. a date past the newest edition. */
  for (size_t i = 0; st == QUJAT_OK && i < qujat_document_warning_count(doc);
       i++)
    cli_warnf("%s", qujat_document_warning(doc, i));
  if (st == QUJAT_OK)
    st = o.format == FORMAT_JSON ? qujat_render_json(doc, &out, &len, &err)
                                 : qujat_render_text(doc, &out, &len, &err);
  if (st != QUJAT_OK) {
    cli_report(&err);
    rc = st == QUJAT_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
  } else {
    rc = cli_emit(NULL, out, len);
  }
  qujat_free(out);
  qujat_document_free(doc);
  qujat_catalog_free(cat);
  return rc;
}
