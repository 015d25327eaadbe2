/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the render path. The first byte chooses the document
 * (checklist, letter, fee slip), the language and brief; the rest is a
 * profile. A profile the loader accepts is built into a document and
 * rendered as a PDF in memory, which must then pass qujat's own check of a
 * complete PDF. The catalog and its fonts are loaded once. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "qujat/qujat.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static qujat_catalog *cat;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *dir = getenv("QUJAT_DATA_DIR");
  qujat_error err;
  if (qujat_catalog_load_dir(dir ? dir : QUJAT_FUZZ_DATA_DIR, &cat, &err) !=
      QUJAT_OK)
    abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const qujat_doc_kind kinds[] = {QUJAT_DOC_CHECKLIST, QUJAT_DOC_LETTER,
                                         QUJAT_DOC_FEES};
  static const char *const services[] = {"work-visa-in-kz",
                                         "work-visa-invitation"};
  if (!cat)
    LLVMFuzzerInitialize(NULL, NULL);
  if (size < 1)
    return 0;
  unsigned sel = data[0];
  qujat_profile *p = NULL;
  qujat_error err;
  if (qujat_profile_load_memory(cat, (const char *)data + 1, size - 1, "fuzz",
                                &p, &err) != QUJAT_OK)
    return 0;
  qujat_request req = {.kind = kinds[sel % 3],
                       .service = services[(sel / 3) % 2],
                       .profile = p,
                       .lang = (qujat_lang)(QUJAT_LANG_KK + (sel / 6) % 3),
                       .date = "2026-11-21",
                       .brief = (sel / 18) % 2};
  if (req.kind == QUJAT_DOC_LETTER)
    req.service = "work-visa-invitation";
  qujat_document *doc = NULL;
  if (qujat_document_build(cat, &req, &doc, &err) == QUJAT_OK) {
    unsigned char *pdf = NULL;
    size_t len = 0;
    unsigned pages = 0;
    if (qujat_render_pdf_memory(doc, &pdf, &len, &err) == QUJAT_OK &&
        qujat_pdf_inspect(pdf, len, &pages, &err) != QUJAT_OK)
      abort(); /* a PDF qujat made that qujat would not trust */
    qujat_free(pdf);
  }
  qujat_document_free(doc);
  qujat_profile_free(p);
  return 0;
}
