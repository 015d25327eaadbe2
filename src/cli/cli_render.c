/* Rendering a built document in the chosen format: shared by checklist
 * and fees. */
#include <stdio.h>
#include <unistd.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

int cli_check_pdf_target(const struct cli_opts *o, const char *command) {
  if (o->format == FORMAT_PDF && !o->output && isatty(STDOUT_FILENO))
    return cli_usagef("%s: will not write a PDF to a terminal; use -o FILE "
                      "(or -o - to force), or --format text",
                      command);
  return EXIT_OK;
}

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
