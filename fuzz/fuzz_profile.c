/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes -> a profile (validated against the real
 * catalog's schema) -> checklists of several services in every language,
 * as text and JSON. The catalog is loaded once, from QUJAT_DATA_DIR or the
 * source tree. */
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
    abort(); /* the harness cannot run without the catalog */
  return 0;
}

static void render(const qujat_document *doc) {
  char *out = NULL;
  qujat_error err;
  if (qujat_render_text(doc, &out, NULL, &err) == QUJAT_OK)
    qujat_free(out);
  if (qujat_render_json(doc, &out, NULL, &err) == QUJAT_OK)
    qujat_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const services[] = {
      "work-visa-in-kz", "work-visa-extension", "permanent-residence",
      "trp-employment", "iin", "business-visa-multi-invitation"};
  static const char *const dates[] = {"2025-03-01", "2026-11-21"};
  qujat_profile *p = NULL;
  qujat_error err;
  if (!cat)
    LLVMFuzzerInitialize(NULL, NULL);
  if (qujat_profile_load_memory(cat, (const char *)data, size, "fuzz", &p,
                                &err) != QUJAT_OK)
    return 0;
  for (size_t s = 0; s < sizeof services / sizeof services[0]; s++) {
    for (int l = QUJAT_LANG_EN; l <= QUJAT_LANG_RU; l++) {
      qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_CHECKLIST,
                           .service = services[s],
                           .profile = p,
                           .lang = (qujat_lang)l,
                           .date = dates[(s + (size_t)l) % 2]};
      qujat_document *doc = NULL;
      if (qujat_document_build(cat, &req, &doc, &err) == QUJAT_OK)
        render(doc);
      qujat_document_free(doc);
    }
  }
  qujat_profile_free(p);
  return 0;
}
