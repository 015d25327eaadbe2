/* SPDX-License-Identifier: MIT */
/*
 * PDF/A for the files of src/lib/pdf/ only (pdf_archive.c): the parts of an
 * archival PDF that libharu 2.3.0 does not write. PDF/A-2b for checklists,
 * letters and fines, PDF/A-3b for fee slips (their XML twin is an associated
 * file, which PDF/A-2 forbids).
 */
#ifndef QUJAT_PDF_PDF_ARCHIVE_H
#define QUJAT_PDF_PDF_ARCHIVE_H

#include <stddef.h>

#include <hpdf.h>

#include "base/base.h"
#include "pdf/pdf_bodies.h"

struct pdfa_meta {
  int part; /* 2 or 3 (conformance B) */
  const char *title, *subject, *keywords, *creator;
  const char *const *langs; /* the document's languages, first the main */
  size_t nlangs;
  struct date date; /* creation and modification, midnight UTC */
};

/*
 * Makes `doc` an archival PDF before it is saved: version 1.7, the XMP
 * metadata (the same title, subject, keywords, creator, producer and dates
 * as the document information, the PDF/A identification, the languages),
 * the sRGB output intent from `icc` (an ICC profile compressed for
 * /FlateDecode, `icc_len` bytes),
 * /ViewerPreferences /DisplayDocTitle, and a placeholder trailer /ID that
 * qujat_pdfa_set_id() fills in after saving; the streams' bodies go to `B`.
 * The document information must be set already. Returns a libharu status.
 */
HPDF_STATUS qujat_pdfa_prepare(HPDF_Doc doc, struct pdf_bodies *B,
                               const struct pdfa_meta *m,
                               const unsigned char *icc, size_t icc_len);

/*
 * Fills the placeholder /ID of a PDF, saved and packed, with the first 16
 * bytes of the SHA-256 of the whole file (as it was with the placeholder):
 * the same content gives the same ID, a different content another. The
 * length does not change, so the cross-reference offsets stay right.
 * Returns 0, or -1 when the placeholder is not in the file's trailer.
 */
int qujat_pdfa_set_id(unsigned char *pdf, size_t len);

/* The CIDSet of a subset with CIDs 0..last: one bit per CID, first CID in
 * the high bit of the first byte. */
qujat_status qujat_pdfa_cidset(size_t last, struct buf *out);

#endif
