/* SPDX-License-Identifier: MIT */
/* qujat checklist SERVICE [--profile P.xml] [--lang L] [--date D]
 *                 [--brief] [--format F] [-o FILE] */
#include <stdio.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

int cmd_checklist(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse_operands(argc, argv,
                              OPT_LANG | OPT_DATE | OPT_FORMAT | OPT_PROFILE |
                                  OPT_OUTPUT | OPT_BRIEF,
                              &o, 1,
                              "checklist needs exactly one SERVICE (qujat "
                              "list shows them)");
  if (rc != EXIT_OK)
    return rc;
  if (o.format == FORMAT_DEFAULT)
    o.format = FORMAT_PDF;
  if (o.lang == QUJAT_LANG_KK_RU && o.format != FORMAT_PDF)
    return cli_usagef("checklist: --lang kk+ru is only for PDF output");
  if ((rc = cli_check_pdf_target(&o, "checklist")) != EXIT_OK)
    return rc;
  qujat_request req = cli_service_request(&o, QUJAT_DOC_CHECKLIST);
  req.brief = o.brief;
  return cli_build_and_render(&o, &req);
}
