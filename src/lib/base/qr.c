/* SPDX-License-Identifier: MIT */
/* The only file that includes <qrencode.h>. */
#include "base/base.h"

#include <string.h>

#include <qrencode.h>

qujat_status qujat_qr_encode(const char *text, struct arena *arena,
                             struct qr *out, qujat_error *err) {
  out->size = 0;
  out->modules = NULL;
  /* 8-bit mode, case-sensitive, automatic version. */
  QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!code)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "cannot encode the QR code of \"%.60s\"", text);
  size_t n = (size_t)code->width * (size_t)code->width;
  unsigned char *m = qujat_arena_alloc(arena, n);
  if (!m) {
    QRcode_free(code);
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  /* Bit 0 of each byte is the module; the other bits describe it. */
  for (size_t i = 0; i < n; i++)
    m[i] = code->data[i] & 1;
  out->size = code->width;
  out->modules = m;
  QRcode_free(code);
  return QUJAT_OK;
}
