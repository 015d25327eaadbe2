/* SPDX-License-Identifier: MIT */
/* Building a document and rendering it in the chosen format: shared by
 * checklist and fees. */
#include <stdio.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

int cli_render(const qujat_document *doc, const struct cli_opts *o) {
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  qujat_status st;
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    cli_warnf("%s", qujat_document_warning(doc, i));
  if (o->format == FORMAT_PDF)
    st = qujat_render_pdf_memory(doc, (unsigned char **)&out, &len, &err);
  else if (o->format == FORMAT_JSON)
    st = qujat_render_json(doc, &out, &len, &err);
  else
    st = qujat_render_text(doc, &out, &len, &err);
  int rc;
  if (st != QUJAT_OK) {
    cli_report(&err);
    rc = EXIT_FAIL;
  } else {
    rc = cli_emit(o->output, out, len);
  }
  qujat_free(out);
  return rc;
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
    st = cli_load_profile(cat, o->profile, &profile, &err);
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
