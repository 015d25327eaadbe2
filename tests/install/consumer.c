/* SPDX-License-Identifier: MIT */
/* A program built against an installed libqujat (tests/cli/test_install.sh):
 * checks the version it runs with, loads the data directory (argv[1], or
 * the library's own default), builds a checklist and renders it as PDF. */
#include <qujat/qujat.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if ((qujat_version_number() >> 8) != (QUJAT_VERSION_NUMBER >> 8)) {
    fprintf(stderr, "built against %s, running with %s\n", QUJAT_VERSION_STRING,
            qujat_version());
    return 3;
  }
  const char *dir = argc > 1 ? argv[1] : qujat_default_data_dir();
  qujat_catalog *cat = NULL;
  qujat_document *doc = NULL;
  qujat_error err;
  unsigned char *pdf = NULL;
  size_t len = 0;
  if (qujat_catalog_load_dir(dir, &cat, &err) != QUJAT_OK) {
    fprintf(stderr, "%s: %s\n", dir, err.msg);
    return 1;
  }
  qujat_request req = QUJAT_REQUEST_INIT;
  req.kind = QUJAT_DOC_CHECKLIST;
  req.service = "iin";
  req.date = "2026-03-03";
  int rc = 1;
  if (qujat_document_build(cat, &req, &doc, &err) == QUJAT_OK &&
      qujat_render_pdf_memory(doc, &pdf, &len, &err) == QUJAT_OK) {
    printf("qujat %s: %s: %zu bytes of PDF\n", qujat_version(), dir, len);
    rc = 0;
  } else {
    fprintf(stderr, "%s\n", err.msg);
  }
  qujat_free(pdf);
  qujat_document_free(doc);
  qujat_catalog_free(cat);
  return rc;
}
