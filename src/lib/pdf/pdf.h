/* SPDX-License-Identifier: MIT */
/*
 * The pdf module's interface to the others: pages -> PDF bytes. The only
 * module that includes <hpdf.h>; the fonts, their subsets, text runs and the
 * inspection of finished PDFs live here. Its main entry points are public
 * (qujat_render_pdf_*, qujat_pdf_inspect). Below it: layout, rules, catalog,
 * base.
 */
#ifndef QUJAT_PDF_PDF_H
#define QUJAT_PDF_PDF_H

#include "catalog/catalog.h"

/* render_pdf.c */

/* Checks that both fonts have a glyph for every character of every catalog
 * and locale text. QUJAT_ERR_FONT names the first one missing. */
qujat_status qujat_pdf_check_coverage(const struct qujat_catalog *c,
                                      qujat_error *err);

#endif
