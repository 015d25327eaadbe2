/* SPDX-License-Identifier: MIT */
/* What the tests of fee slips and fines (test_fees.c, test_fee_slip.c,
 * test_fines.c) share, on the fixture of fixture.h: building slips and
 * fines, and their JSON and PDF.
 *
 * Every amount in those tests is worked out by hand from the data files:
 * the fee tables of services/ files, the fines of services/fines.xml and
 * the MCI of services/sources.xml (helpers.h: MCI_2024, MCI_2025,
 * MCI_2026). Money is integer tiyn (1 KZT = 100 tiyn). */
#ifndef QUJAT_TEST_FEES_HELPERS_H
#define QUJAT_TEST_FEES_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "fixture.h"
#include "qujat/qujat.h"

/* The namespace of the XML twin a fee slip's PDF carries. */
#define FEES_NS "urn:qujat:fees:1"

/* The JSON of `doc` (render_json()) and its PDF (render_pdf()). */
extern char *json;
extern unsigned char *pdf;
extern size_t pdf_len;

/* Frees `json` and `pdf`, then the fixture. */
void fees_teardown(void);

/* Builds a fee slip of `service` from catalog `c` into *out. */
qujat_status build_slip_in(const qujat_catalog *c, qujat_document **out,
                           const char *service, const char *date,
                           qujat_lang lang);

/* The same from the real catalog into `doc`. */
qujat_status build_slip(const char *service, const char *date, qujat_lang lang);

/* Builds an English fee slip and asserts success. */
void slip(const char *service, const char *date);

/* Builds a fine into `doc`: in `lang`, in English, in English asserting
 * success. */
qujat_status build_fine_lang(const char *fine, int days,
                             qujat_business_size size, const char *date,
                             qujat_lang lang);
qujat_status build_fine(const char *fine, int days, qujat_business_size size,
                        const char *date);
void fine_ok(const char *fine, int days, qujat_business_size size,
             const char *date);

/* Renders `doc` as JSON into `json`, as PDF into `pdf`. */
void render_json(void);
void render_pdf(void);

void expect_json_has(const char *fragment);
void expect_json_lacks(const char *fragment);

/* The sum of the quoted "kzt" amounts of the JSON "fees" array; sets
 * *quoted to how many there were. */
int64_t json_fee_sum(size_t *quoted);

/* `ref` is a slip's reference: QJ-XXXXX-XXXXX in Crockford's base 32. */
void expect_reference_shape(const char *ref);

#endif
