/* SPDX-License-Identifier: MIT */
/*
 * The fonts of one PDF as PDF objects, for render_pdf.c only
 * (pdf_embed.c): one TrueType program holding the glyphs of both faces,
 * one ToUnicode CMap, a font per face over them (simple of one-byte codes
 * under 256 glyphs, else Type0), and the cache of the compressed program
 * and CMap per glyph set.
 */
#ifndef QUJAT_PDF_PDF_EMBED_H
#define QUJAT_PDF_PDF_EMBED_H

#include <stddef.h>

#include <hpdf.h>

#include "pdf/pdf_bodies.h"
#include "pdf/pdf_internal.h"

/* Rounds the faces' glyph sets up to whole groups, so that documents that
 * differ in a name or a date share their fonts (the cache, pdf_embed.c):
 * all ten digits to a face that prints one, all 26 Latin capitals to the
 * regular face when it prints one. Call before the uses are frozen.
 * Errors: QUJAT_ERR_NOMEM. */
qujat_status qujat_pdf_fonts_round_up(struct font_use use[NFONTS]);

/* Numbers the faces' CIDs one after the other (use[i].base), so that one
 * program holds them all, and makes their codes one byte when they are
 * fewer than 256 (use[i].one_byte). Call after the uses are frozen, before
 * drawing. */
void qujat_pdf_fonts_number(struct font_use use[NFONTS]);

/*
 * Adds the fonts `use` drew with to `doc` and to the resources of its
 * `npages` pages (as /F0, /F1: the names pdf_text.c writes), the bodies of
 * their streams to `B`; `archival`
 * adds the CIDSet PDF/A-1 wants of Type0 fonts. Returns a libharu status
 * (HPDF_FAILD_TO_ALLOC_MEM when qujat's own part fails).
 */
HPDF_STATUS qujat_pdf_fonts_embed(HPDF_Doc doc, struct pdf_bodies *B,
                                  struct font_use use[NFONTS],
                                  HPDF_Page *pages, size_t npages,
                                  int archival);

#endif
