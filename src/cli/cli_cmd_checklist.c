/* qujat checklist SERVICE [--profile P.xml] [--lang L] [--date D] ... */
#include <stdio.h>
#include <unistd.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

int cmd_checklist(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse(argc, argv,
                     OPT_LANG | OPT_DATE | OPT_FORMAT | OPT_PROFILE |
                         OPT_OUTPUT,
                     &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.nargs != 1)
    return cli_usagef("checklist needs exactly one SERVICE (qujat list "
                      "shows them)");
  if (o.format == FORMAT_DEFAULT)
    o.format = FORMAT_PDF;
  if (o.lang == QUJAT_LANG_KK_RU && o.format != FORMAT_PDF)
    return cli_usagef("checklist: --lang kk+ru is only for PDF output");
  if (o.format == FORMAT_PDF && !o.output && isatty(STDOUT_FILENO))
    return cli_usagef("checklist: will not write a PDF to a terminal; use "
                      "-o FILE (or -o - to force), or --format text");
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  qujat_profile *profile = NULL;
  qujat_document *doc = NULL;
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  qujat_status st = QUJAT_OK;
  if (o.profile)
    st = qujat_profile_load_file(cat, o.profile, &profile, &err);
  if (st == QUJAT_OK) {
    qujat_request req = {QUJAT_DOC_CHECKLIST, o.args[0], profile, o.lang,
                         o.date};
    st = qujat_document_build(cat, &req, &doc, &err);
  }
  if (st == QUJAT_OK) {
    for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
      cli_warnf("%s", qujat_document_warning(doc, i));
    if (o.format == FORMAT_PDF)
      st = qujat_render_pdf_memory(doc, (unsigned char **)&out, &len, &err);
    else if (o.format == FORMAT_JSON)
      st = qujat_render_json(doc, &out, &len, &err);
    else
      st = qujat_render_text(doc, &out, &len, &err);
  }
  if (st != QUJAT_OK) {
    cli_report(&err);
    rc = st == QUJAT_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
  } else {
    rc = cli_emit(o.output, out, len);
  }
  qujat_free(out);
  qujat_document_free(doc);
  qujat_profile_free(profile);
  qujat_catalog_free(cat);
  return rc;
}
