/* SPDX-License-Identifier: MIT */
/* Unit tests of qujat_output_name_ok (batch_output.c, suite batch): the
 * relative paths a job may write its PDF to, and the reason given for
 * every other. */
#include <criterion/criterion.h>

#include <string.h>

#include "batch/batch.h"
#include "batch_test_helpers.h"
#include "qujat/qujat.h"

Test(batch, output_names) {
  static const char *const good[] = {"a.pdf",
                                     "a/b.pdf",
                                     "A.PDF",
                                     "x.Pdf",
                                     "a b/c d.pdf",
                                     "a..b.pdf",
                                     "a/b/c/d/e.pdf",
                                     "-x.pdf",
                                     "деректер/құжат.pdf",
                                     "2026/11/0001-kk.pdf",
                                     "a.b/c.pdf",
                                     "x.pdf.pdf"};
  static const char *const bad[] = {"",
                                    "/a.pdf",
                                    "//a.pdf",
                                    "../a.pdf",
                                    "a/../b.pdf",
                                    "./a.pdf",
                                    "a/./b.pdf",
                                    ".hidden.pdf",
                                    "a/.b/c.pdf",
                                    "a//b.pdf",
                                    "a/b.pdf/",
                                    "a.txt",
                                    ".pdf",
                                    "pdf",
                                    "a.pdf ",
                                    "a\\b.pdf",
                                    "a\nb.pdf",
                                    "a\tb.pdf",
                                    "a\x7f"
                                    "b.pdf",
                                    "\xff.pdf",
                                    "\xc0\xaf.pdf",
                                    "a\xd0.pdf",
                                    "..",
                                    ".",
                                    "a/..",
                                    "a/.pdf",
                                    "d.pdf/x.pdf",
                                    "a/B.PDF/c.pdf",
                                    "C:\\x.pdf"};
  char why[160];
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    why[0] = '\0';
    cr_expect(qujat_output_name_ok(good[i], why, sizeof why),
              "'%s' should be accepted: %s", good[i], why);
  }
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    why[0] = '\0';
    cr_expect(!qujat_output_name_ok(bad[i], why, sizeof why),
              "'%s' should be refused", bad[i]);
    cr_expect(why[0] != '\0', "no reason for refusing '%s'", bad[i]);
  }
  /* A part of 200 bytes is the most; a name of 1024 bytes too. */
  char name[1100];
  memset(name, 'a', 196);
  strcpy(name + 196, ".pdf");
  cr_expect(qujat_output_name_ok(name, why, sizeof why), "%s", why);
  memset(name, 'a', 197);
  strcpy(name + 197, ".pdf");
  cr_expect(!qujat_output_name_ok(name, why, sizeof why));
  cr_expect(strstr(why, "200") != NULL, "%s", why);
  size_t n = 0;
  while (n + 101 < 1021) {
    memset(name + n, 'b', 100);
    name[n + 100] = '/';
    n += 101;
  }
  memset(name + n, 'c', 1020 - n);
  strcpy(name + 1020, ".pdf");
  cr_assert_eq(strlen(name), 1024);
  cr_expect(qujat_output_name_ok(name, why, sizeof why), "%s", why);
  memmove(name + 1, name, 1025);
  name[0] = 'd';
  cr_expect(!qujat_output_name_ok(name, why, sizeof why));
}
