/* qujat list, qujat show */
#include <stdio.h>
#include <stdlib.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

int cmd_list(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse(argc, argv, OPT_LANG | OPT_FORMAT, &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.nargs > 0)
    return cli_usagef("list takes no arguments");
  if (o.lang == QUJAT_LANG_KK_RU)
    return cli_usagef("list: --lang kk+ru is only for PDF documents");
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
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
  int rc = cli_parse(argc, argv, OPT_LANG | OPT_DATE | OPT_FORMAT, &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.nargs != 1)
    return cli_usagef("show needs exactly one SERVICE (qujat list shows "
                      "them)");
  if (o.lang == QUJAT_LANG_KK_RU)
    return cli_usagef("show: --lang kk+ru is only for PDF documents");
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_SERVICE,
                       .service = o.args[0],
                       .lang = o.lang,
                       .date = o.date};
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
