/* Internal entry points of the PDF renderer (render_pdf.c). */
#ifndef QUJAT_RENDER_PDF_H
#define QUJAT_RENDER_PDF_H

#include "model.h"

/* Checks that both fonts have a glyph for every character of every catalog
 * and locale text. QUJAT_ERR_FONT names the first one missing. */
qujat_status qujat_pdf_check_coverage(const struct qujat_catalog *c,
                                      qujat_error *err);

#endif
