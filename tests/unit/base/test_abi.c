/* SPDX-License-Identifier: MIT */
/* The ABI promises of qujat.h: the version number, the zero language, the
 * size field of the growable structs, the installed data directory. */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"

TestSuite(abi, .init = fixture_setup, .fini = fixture_teardown);

Test(abi, version_number_matches_the_header_and_the_string) {
  cr_expect_eq(qujat_version_number(), QUJAT_VERSION_NUMBER);
  char s[32];
  snprintf(s, sizeof s, "%d.%d.%d", QUJAT_VERSION_NUMBER >> 16,
           (QUJAT_VERSION_NUMBER >> 8) & 0xff, QUJAT_VERSION_NUMBER & 0xff);
  cr_expect_str_eq(s, qujat_version());
}

Test(abi, a_request_without_a_language_is_in_english) {
  qujat_request req = QUJAT_REQUEST_INIT;
  req.kind = QUJAT_DOC_CHECKLIST;
  req.service = "iin";
  req.date = "2026-11-21";
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_eq(doc->lang, LANG_EN);
  cr_expect_str_eq(qujat_lang_code((qujat_lang)0), "en");
  qujat_lang l = QUJAT_LANG_KK;
  cr_expect_eq(qujat_lang_parse("en", &l), QUJAT_OK);
  cr_expect_eq(l, 0);
}

Test(abi, every_language_keeps_its_own_texts) {
  static const struct {
    qujat_lang lang;
    int index;
    const char *code;
  } langs[] = {{QUJAT_LANG_EN, LANG_EN, "en"},
               {QUJAT_LANG_KK, LANG_KK, "kk"},
               {QUJAT_LANG_RU, LANG_RU, "ru"}};
  for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
    qujat_request req =
        request_of(QUJAT_DOC_CHECKLIST, "iin", "2026-11-21", langs[i].lang);
    cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "%s", err.msg);
    cr_expect_eq(doc->lang, langs[i].index, "%s", langs[i].code);
    cr_expect_str_eq(qujat_lang_code(langs[i].lang), langs[i].code);
  }
}

Test(abi, a_request_without_its_size_is_refused_with_the_initialiser_named) {
  qujat_request req = QUJAT_REQUEST_INIT;
  req.kind = QUJAT_DOC_CHECKLIST;
  req.service = "iin";
  req.date = "2026-11-21";
  req.struct_size = 0;
  cr_expect_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_ERR_ARG);
  cr_expect_null(doc);
  cr_expect(strstr(err.msg, "QUJAT_REQUEST_INIT") != NULL, "%s", err.msg);
  req.struct_size = sizeof req + 8; /* from a newer header */
  cr_expect_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_ERR_ARG);
  cr_expect_eq(qujat_letter_check(cat, &req, NULL, NULL, &err), QUJAT_ERR_ARG);
  req.struct_size = sizeof req;
  cr_expect_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
}

Test(abi, batch_options_without_their_size_are_refused) {
  qujat_batch_options opt = QUJAT_BATCH_OPTIONS_INIT;
  cr_expect_eq(opt.struct_size, sizeof opt);
  opt.struct_size = 0;
  opt.jobs = "/nonexistent/jobs.xml";
  qujat_batch_progress sum;
  cr_expect_eq(qujat_batch_run(cat, &opt, &sum, &err), QUJAT_ERR_ARG);
  cr_expect(strstr(err.msg, "QUJAT_BATCH_OPTIONS_INIT") != NULL, "%s", err.msg);
  opt.struct_size = sizeof opt;
  /* Past the size check: the job file is what fails now. */
  cr_expect_eq(qujat_batch_run(cat, &opt, &sum, &err), QUJAT_ERR_IO, "%s",
               err.msg);
}

Test(abi, the_default_data_dir_is_a_path_and_stable) {
  const char *d = qujat_default_data_dir();
  cr_assert_not_null(d);
  cr_expect(d[0] == '/', "%s", d);
  cr_expect_eq(qujat_default_data_dir(), d, "one static string");
  cr_expect(strstr(d, "qujat") != NULL, "%s", d);
}
