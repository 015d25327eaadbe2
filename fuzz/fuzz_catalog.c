/* SPDX-License-Identifier: MIT */
/* libFuzzer target: bytes -> qujat_catalog_load_memory -> free. Every
 * input must either load or fail with a status; nothing may crash, hang or
 * leak. */
#include <stddef.h>
#include <stdint.h>

#include "qujat/qujat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  qujat_catalog *cat = NULL;
  qujat_error err;
  if (qujat_catalog_load_memory((const char *)data, size, "fuzz", &cat,
                                &err) == QUJAT_OK) {
    /* Exercise what a loaded catalog offers. */
    char *out = NULL;
    if (qujat_render_list(cat, QUJAT_LANG_KK, 1, &out, NULL, &err) ==
        QUJAT_OK)
      qujat_free(out);
    qujat_catalog_free(cat);
  }
  return 0;
}
