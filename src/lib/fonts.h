/* The catalog's fonts, parsed once, on the first PDF (fonts.c). */
#ifndef QUJAT_FONTS_H
#define QUJAT_FONTS_H

#include "model.h"
#include "ttf.h"

/*
 * Gives the parsed fonts of `c` (regular, bold), loading and checking them
 * on the first call; later calls, from any thread, get the same fonts or
 * the same error. A catalog without PDF output, or with a damaged font,
 * still serves text and JSON: fonts matter only to PDFs.
 * Errors: QUJAT_ERR_FONT, QUJAT_ERR_NOMEM.
 */
qujat_status qujat_fonts_get(const struct qujat_catalog *c,
                             const struct ttf *out[NFONTS], qujat_error *err);

/* Frees the parsed fonts of `c` (at qujat_catalog_free). */
void qujat_fonts_release(struct qujat_catalog *c);

#endif
