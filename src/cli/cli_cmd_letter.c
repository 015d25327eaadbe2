/* SPDX-License-Identifier: MIT */
/* qujat letter SERVICE --profile P.xml [--lang L] [--date D] [--copies N] */
#include <stdio.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

static void print_problem(const qujat_error *e, void *user) {
  (void)user;
  cli_report(e);
}

int cmd_letter(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse_operands(argc, argv,
                              OPT_LANG | OPT_DATE | OPT_FORMAT | OPT_PROFILE |
                                  OPT_OUTPUT | OPT_COPIES,
                              &o, 1, "letter needs exactly one SERVICE");
  if (rc != EXIT_OK)
    return rc;
  if (!o.profile)
    return cli_usagef("letter needs --profile P.xml: the company, the "
                      "invited persons and the request");
  if (o.format == FORMAT_DEFAULT)
    o.format = FORMAT_PDF;
  if (o.format == FORMAT_JSON)
    return cli_usagef("letter: the letter comes as pdf or text");
  if (o.lang == QUJAT_LANG_KK_RU)
    return cli_usagef("letter: a letter is written in one language (kk, ru "
                      "or en)");
  if ((rc = cli_check_pdf_target(&o, "letter")) != EXIT_OK)
    return rc;
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  qujat_profile *profile = NULL;
  qujat_document *doc = NULL;
  qujat_error err;
  qujat_status st = cli_load_profile(cat, o.profile, &profile, &err);
  qujat_request req = cli_service_request(&o, QUJAT_DOC_LETTER);
  req.profile = profile;
  req.copies = o.copies;
  req.allow_mixed_language = o.allow_mixed_language;
  req.no_letterhead = o.no_letterhead;
  if (st != QUJAT_OK) {
    cli_report(&err);
    rc = EXIT_FAIL;
  } else if ((st = qujat_letter_check(cat, &req, print_problem, NULL,
                                      &err)) != QUJAT_OK) {
    /* Every problem is printed; nothing is written. */
    if (st == QUJAT_ERR_ARG)
      cli_report(&err);
    rc = st == QUJAT_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
  } else if ((st = qujat_document_build(cat, &req, &doc, &err)) != QUJAT_OK) {
    cli_report(&err);
    rc = EXIT_FAIL;
  } else {
    rc = cli_render(doc, &o);
  }
  qujat_document_free(doc);
  qujat_profile_free(profile);
  qujat_catalog_free(cat);
  return rc;
}
