/* SPDX-License-Identifier: MIT */
/* qujat fees SERVICE ... and qujat fees --fine KIND ... */
#include <stdio.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

static int fine(struct cli_opts *o) {
  if (o->nargs > 0)
    return cli_usagef("fees --fine takes no SERVICE");
  if (o->profile)
    return cli_usagef("fees --fine does not take --profile");
  if (o->format == FORMAT_DEFAULT)
    o->format = FORMAT_TEXT;
  if (o->lang == QUJAT_LANG_KK_RU)
    return cli_usagef("fees: --lang kk+ru is not available for fines");
  int rc = cli_check_pdf_target(o, "fees");
  if (rc != EXIT_OK)
    return rc;
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_FINE,
                       .lang = o->lang,
                       .date = o->date,
                       .fine = o->fine,
                       .days = o->days,
                       .size = o->size,
                       .pdf_standard = o->pdf_standard};
  return cli_build_and_render(o, &req);
}

int cmd_fees(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse(argc, argv,
                     OPT_LANG | OPT_DATE | OPT_FORMAT | OPT_PROFILE |
                         OPT_OUTPUT | OPT_FINE,
                     &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.fine)
    return fine(&o);
  if (o.days || o.size != QUJAT_SIZE_NONE)
    return cli_usagef("--days and --size go with --fine KIND");
  if (o.nargs != 1)
    return cli_usagef("fees needs exactly one SERVICE, or --fine KIND");
  if (o.format == FORMAT_DEFAULT)
    o.format = FORMAT_PDF;
  if (o.lang == QUJAT_LANG_KK_RU)
    return cli_usagef("fees: --lang kk+ru is not available for fee slips");
  if ((rc = cli_check_pdf_target(&o, "fees")) != EXIT_OK)
    return rc;
  qujat_request req = cli_service_request(&o, QUJAT_DOC_FEES);
  return cli_build_and_render(&o, &req);
}
