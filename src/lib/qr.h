/* QR codes (libqrencode): a square of dark and light modules. */
#ifndef QUJAT_QR_H
#define QUJAT_QR_H

#include "arena.h"
#include "err.h"

struct qr {
  int size;                      /* modules per side; 0: no code */
  const unsigned char *modules; /* size × size, 1 = dark, row by row */
};

/* Encodes `text` (ASCII) at error correction level M into `out`, the
 * modules kept in `arena`. The same text gives the same code. */
qujat_status qujat_qr_encode(const char *text, struct arena *arena,
                             struct qr *out, qujat_error *err);

#endif
