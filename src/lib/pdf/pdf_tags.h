/* SPDX-License-Identifier: MIT */
/*
 * The tagged structure of a PDF (pdf_tags.c), for the files of src/lib/pdf/
 * only: a structure tree built from the blocks of the document, marked
 * content in the pages' streams, artifacts for the page furniture.
 *
 * Reading order: the tree holds the blocks in their order and, for kk+ru,
 * each block's Kazakh element before its Russian twin; the drawing order on
 * the page (row by row across both columns) does not matter to it.
 */
#ifndef QUJAT_PDF_PDF_TAGS_H
#define QUJAT_PDF_PDF_TAGS_H

#include <hpdf.h>

#include "base/base.h"
#include "layout/layout.h"

struct tags;

/* The structure of `left` (and `right`, its twin in the other column) in
 * the languages `lang_left`, `lang_right` (NULL without a twin). Release
 * with qujat_tags_free(). NULL when out of memory or libharu failed. */
struct tags *qujat_tags_new(HPDF_Doc doc, const struct blocks *left,
                            const struct blocks *right,
                            const char *lang_left, const char *lang_right);
void qujat_tags_free(struct tags *t);

/* A new page, `page` the index-th of the document. */
HPDF_STATUS qujat_tags_page(struct tags *t, HPDF_Page page, size_t index);

/* Appends to `out` what must come before op `o` is drawn: the end of the
 * marked content open and the start of the op's own, when they differ.
 * Returns 1 when something was appended (the caller closes its text
 * object first: marked content and text objects must nest). */
int qujat_tags_wants_switch(const struct tags *t, const struct op *o);
qujat_status qujat_tags_switch(struct tags *t, const struct op *o,
                               struct buf *out);

/* Closes the marked content open at the end of a page. */
qujat_status qujat_tags_end_page(struct tags *t, struct buf *out);

/* Writes the tree: /StructTreeRoot with its /ParentTree, /MarkInfo, the
 * pages' /StructParents. */
HPDF_STATUS qujat_tags_finish(struct tags *t);

#endif
