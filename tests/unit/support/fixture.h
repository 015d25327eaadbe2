/* SPDX-License-Identifier: MIT */
/* The fixture most suites on the real catalog share: the catalog, loaded
 * before each test (.init = fixture_setup), the profile and the document a
 * test makes, and the error of the last call; fixture_teardown (.fini)
 * frees them. A suite that holds more frees that and then calls
 * fixture_teardown from its own .fini.
 *
 * They are globals, not statics of each file, so that the helpers of a
 * group of test files (letter_helpers.c, fees_helpers.c, ttf_helpers.c)
 * work on the same objects as the tests. Criterion runs every test in a
 * process of its own: no test sees what another left. */
#ifndef QUJAT_TEST_FIXTURE_H
#define QUJAT_TEST_FIXTURE_H

#include <stddef.h>

#include "rules/rules.h"
#include "qujat/qujat.h"

extern qujat_catalog *cat;
extern qujat_profile *prof;
extern qujat_document *doc;
extern qujat_error err;

void fixture_setup(void);
void fixture_teardown(void);

/* Replaces `prof` by the fixture profile `name` (tests/data/profiles) read
 * into memory, so that errors name it `name`. */
void use_profile(const char *name);

/* The same with the first `from` of the fixture replaced by `to`. */
void use_profile_edited(const char *name, const char *from, const char *to);

/* Replaces `prof` by the profile `xml`, called `name` in errors. */
void use_profile_xml(const char *xml, const char *name);

/* Replaces `prof` by the fixture profile `name` loaded from its file, so
 * that errors name its path. */
void use_fixture(const char *name);

/* No profile. */
void no_profile(void);

/* A request of the document `kind` of `service` for `prof`, on `date`, in
 * `lang`. */
qujat_request request_of(qujat_doc_kind kind, const char *service,
                         const char *date, qujat_lang lang);

/* Builds `req` from the catalog `c` into *out, freeing what *out held;
 * `err` is cleared first. */
qujat_status build_into(const qujat_catalog *c, const qujat_request *req,
                        qujat_document **out);

/* The first warning of `doc` containing `needle`, or NULL. */
const char *warning_with(const char *needle);

/* The number of fees of `kind` in `doc`; the only one. */
size_t count_fees(enum fee_kind kind);
const struct rfee *the_fee(enum fee_kind kind);

#endif
