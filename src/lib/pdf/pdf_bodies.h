/* SPDX-License-Identifier: MIT */
/*
 * The bodies of a PDF's streams, kept by qujat rather than by libharu
 * (pdf_bodies.c): libharu writes each stream's dictionary with an empty
 * body, and qujat_pdf_pack() puts the body in when it writes the file
 * again. Shared by the files of src/lib/pdf/ only.
 */
#ifndef QUJAT_PDF_PDF_BODIES_H
#define QUJAT_PDF_PDF_BODIES_H

#include <stddef.h>

#include <hpdf.h>

#include "base/base.h"

/* The body of stream object `obj`, or the value of dictionary object
 * `obj` (qujat_pdf_value_set): `len` bytes at `at` in the bytes. */
struct pdf_body {
  unsigned long obj;
  size_t at, len;
};

/* The bodies of one PDF, by object number, and their bytes. */
struct pdf_bodies {
  struct pdf_body *v;
  size_t n, cap;
  struct buf bytes;
};

void qujat_pdf_bodies_init(struct pdf_bodies *B);
void qujat_pdf_bodies_free(struct pdf_bodies *B);

/* The write hook of a stream whose body is compressed already: names the
 * filter, which libharu would otherwise not write. */
HPDF_STATUS qujat_pdf_flate_hook(HPDF_Dict obj, HPDF_Stream stream);

/*
 * Gives stream object `s` (created by HPDF_DictStream_New, or a page's
 * contents) the body `data` of `len` bytes, copied, and with `flate` marks
 * it as deflated already (qujat_pdf_flate_hook). `s` must be an indirect
 * object whose libharu stream is empty, and stay empty: QUJAT_ERR_PDF
 * otherwise, as for a stream given a body twice. QUJAT_ERR_NOMEM.
 */
qujat_status qujat_pdf_body_set(struct pdf_bodies *B, HPDF_Dict s,
                                const void *data, size_t len, int flate);

/* A new stream object of `doc` with that body; NULL when out of memory
 * (or on libharu's error, which its handler reports). */
HPDF_Dict qujat_pdf_body_stream(HPDF_Doc doc, struct pdf_bodies *B,
                                const void *data, size_t len, int flate);

/* The name libharu writes where a value kept here goes. */
#define QUJAT_PDF_VALUE "QujatValue"

/*
 * Gives dictionary object `d` (indirect, not a stream, without another
 * value kept here) the entry `key` whose value is `len` bytes of PDF text
 * (e.g. "[ 1 2 3 ]"), copied: libharu writes the name QUJAT_PDF_VALUE,
 * which qujat_pdf_pack() replaces. QUJAT_ERR_PDF, QUJAT_ERR_NOMEM.
 */
qujat_status qujat_pdf_value_set(struct pdf_bodies *B, HPDF_Dict d,
                                 const char *key, const void *text,
                                 size_t len);

/* The body of stream object `obj` (or the value kept for dictionary
 * object `obj`), or NULL. */
const struct pdf_body *qujat_pdf_body_of(const struct pdf_bodies *B,
                                         unsigned long obj);

#endif
