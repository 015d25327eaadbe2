/* SPDX-License-Identifier: MIT */
/* Unit tests of the CSV job reader (batch_jobs_csv.c, suite batch):
 * quoting, the problems of one row, line ends, separators and columns,
 * NUL and bad bytes, the errors of the header. Files live in the test's
 * temporary directory. */
#include <criterion/criterion.h>

#include <string.h>

#include "batch/batch.h"
#include "batch_test_helpers.h"
#include "qujat/qujat.h"

Test(batch, csv_quoting) {
  struct jobs J;
  const char *p = puts_file(
      "q.csv", "id;document;service;output;company;company-address\n"
               "1;checklist;iin;a.pdf;\"A; B\";\"line one\nline two\"\n"
               "2;checklist;iin;b.pdf;\"say \"\"hi\"\"\";\"\"\n"
               "\n"
               "   \n"
               ";;;;;\n"
               "3;checklist;iin;c.pdf;\"\";x\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 3);
  cr_expect_str_eq(str(J.v[0].id), "1");
  cr_expect_eq(J.v[0].line, 2);
  cr_expect_null(J.v[0].problem, "%s", J.v[0].problem);
  cr_assert_not_null(J.v[0].profile_xml);
  cr_expect(strstr(J.v[0].profile_xml, "name=\"A; B\"") != NULL, "%s",
            J.v[0].profile_xml);
  cr_expect(strstr(J.v[0].profile_xml,
                   "<address>line one\nline two</address>") != NULL,
            "%s", J.v[0].profile_xml);
  cr_expect_eq(J.v[0].profile_line, -1);
  /* The record with a line break inside quotes took two lines. */
  cr_expect_eq(J.v[1].line, 4);
  cr_expect_null(J.v[1].problem, "%s", J.v[1].problem);
  cr_expect(strstr(str(J.v[1].profile_xml), "name=\"say &quot;hi&quot;\"") !=
                NULL,
            "%s", str(J.v[1].profile_xml));
  /* Blank lines (and a row of empty cells) are no jobs; indexes count
   * jobs, lines count lines. */
  cr_expect_str_eq(str(J.v[2].id), "3");
  cr_expect_eq(J.v[2].index, 2);
  cr_expect_eq(J.v[2].line, 8);
  jobs_free(&J);
}

Test(batch, csv_record_problems) {
  struct jobs J;
  const char *p = puts_file("bad.csv", "id,document,service,output\n"
                                       "1,checklist,iin,a\"b.pdf\n"
                                       "2,checklist,\"iin\"x,b.pdf\n"
                                       "3,checklist,iin,c.pdf,extra\n"
                                       "4,checklist,iin\n"
                                       "5,checklist,iin,e.pdf\n"
                                       "6,checklist,iin,\"f.pdf\n"
                                       "7,checklist,iin,g.pdf\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 6, "%d jobs", J.n);
  expect_in(J.v[0].problem, "a quote in the middle of a cell");
  expect_in(J.v[1].problem, "a quote in the middle of a cell");
  expect_in(J.v[2].problem, "the row has 5 cells, the header 4");
  expect_in(J.v[3].problem, "the row has 3 cells, the header 4");
  cr_expect_null(J.v[4].problem, "%s", J.v[4].problem);
  cr_expect_str_eq(str(J.v[4].output), "e.pdf");
  /* An unclosed quote takes the rest of the file into its cell. */
  expect_in(J.v[5].problem, "not closed");
  cr_expect_eq(J.v[5].line, 7);
  jobs_free(&J);
  /* More than 64 cells. */
  char big[2048] = "id,document,service,output\n1,checklist,iin,a.pdf";
  for (int i = 0; i < 70; i++)
    strcat(big, ",x");
  strcat(big, "\n2,checklist,iin,b.pdf\n");
  cr_assert_eq(read_jobs(puts_file("wide.csv", big), 0, NULL, 0, &J), QUJAT_OK,
               "%s", J.err.msg);
  cr_assert_eq(J.n, 2);
  expect_in(J.v[0].problem, "more than 64 cells");
  cr_expect_null(J.v[1].problem, "%s", J.v[1].problem);
  jobs_free(&J);
}

Test(batch, csv_crlf_tab_and_columns) {
  struct jobs J;
  const char *p = puts_file(
      "crlf.csv",
      "ID\tDocument\tService\tOutput\tGiven names\tSURNAME\tbirth_date\t"
      "Date\tBrief\tby representative\r\n"
      "a\tchecklist\tiin\ta.pdf\tJOHN PAUL\tSMITH\t14.03.1985\t21.11.2026\t"
      "yes\tNo\r\n"
      "\r\n"
      "b\tchecklist\tiin\tb.pdf\t\"A\tB\"\tX & <Y>\t1985-03-14\t\tno\t1\r\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 2);
  struct job *a = &J.v[0], *b = &J.v[1];
  cr_expect_null(a->problem, "%s", a->problem);
  cr_expect_str_eq(str(a->output), "a.pdf"); /* no \r */
  cr_expect_str_eq(str(a->date), "2026-11-21");
  cr_expect_str_eq(str(a->brief), "true");
  const char *x = str(a->profile_xml);
  cr_expect(strstr(x, "given-names=\"JOHN PAUL\""), "%s", x);
  cr_expect(strstr(x, "surname=\"SMITH\""), "%s", x);
  cr_expect(strstr(x, "birth-date=\"1985-03-14\""), "%s", x);
  cr_expect(strstr(x, "by-representative=\"false\""), "%s", x);
  cr_expect(strstr(x, "\r") == NULL, "%s", x);
  cr_expect_eq(b->line, 4);
  cr_expect_str_eq(str(b->brief), "false");
  x = str(b->profile_xml);
  cr_expect(strstr(x, "given-names=\"A\tB\""), "%s", x);
  cr_expect(strstr(x, "surname=\"X &amp; &lt;Y&gt;\""), "%s", x);
  cr_expect(strstr(x, "by-representative=\"true\""), "%s", x);
  cr_expect_null(b->date); /* an empty cell gives nothing */
  jobs_free(&J);
  /* GIVEN_NAMES and given-names are one column. */
  p = puts_file("dup.csv", "document;service;output;GIVEN_NAMES;given-names\n"
                           "checklist;iin;a.pdf;A;B\n");
  cr_expect_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "'given-names' appears twice"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 1);
  /* Without an id column, the id is the job's number. */
  p = puts_file("noid.csv", "document,service,output\n\nchecklist,iin,a.pdf\n"
                            "checklist,iin,b.pdf\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 2);
  cr_expect_str_eq(str(J.v[0].id), "1");
  cr_expect_str_eq(str(J.v[1].id), "2");
  jobs_free(&J);
  /* Light: no profile is made. */
  p = puts_file("light.csv", "document,service,output,surname\n"
                             "checklist,iin,a.pdf,SMITH\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 1, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 1);
  cr_expect_null(J.v[0].profile_xml);
  jobs_free(&J);
}

/* A NUL would end a cell's string: the row fails instead of losing the
 * rest of the cell. */
Test(batch, csv_nul_fails_its_row) {
  struct jobs J;
  const char text[] = "id;document;service;output;surname\n"
                      "1;fees;iin;a.pdf;SMI\0TH\n"
                      "2;fees;iin;b\0.pdf;SMITH\n"
                      "3;fees;iin;c.pdf;SMITH\n";
  cr_assert_eq(read_jobs(put("nul.csv", text, sizeof text - 1), 0, NULL, 0, &J),
               QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 3);
  expect_in(J.v[0].problem, "NUL");
  expect_in(J.v[1].problem, "NUL");
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  expect_in(J.v[2].profile_xml, "surname=\"SMITH\"");
  jobs_free(&J);
}

Test(batch, csv_header_errors) {
  struct jobs J;
  cr_expect_eq(read_jobs(puts_file("h1.csv", "\n\nid;document;service;"
                                             "output;colour\n"),
                         0, NULL, 0, &J),
               QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "unknown column 'colour'"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  cr_expect_eq(
      read_jobs(puts_file("h2.csv", "id,document,output\n"), 0, NULL, 0, &J),
      QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "no 'service' column"), "%s", J.err.msg);
  cr_expect_eq(read_jobs(puts_file("h3.csv", ""), 0, NULL, 0, &J),
               QUJAT_ERR_ARG);
  cr_expect(strstr(J.err.msg, "no header row"), "%s", J.err.msg);
  cr_expect_eq(read_jobs(puts_file("h4.csv", "document,service,output\n"), 0,
                         "EBCDIC", 0, &J),
               QUJAT_ERR_ARG);
  cr_expect_eq(read_jobs(puts_file("h5.csv", "document,\"service,output\n"), 0,
                         NULL, 0, &J),
               QUJAT_ERR_ARG);
}

Test(batch, csv_bad_bytes_fail_their_row) {
  struct jobs J;
  const char *p = puts_file("cp.csv", "id;document;service;output;surname\n"
                                      "1;fees;iin;a.pdf;\xc8\xc2\xc0\xcd\n"
                                      "2;fees;iin;b.pdf;\xc8\x98\xc2\n"
                                      "3;fees;iin;c.pdf;\xcf\xc5\xd2\n");
  cr_assert_eq(read_jobs(p, 0, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 3);
  cr_expect_null(J.v[0].problem, "%s", J.v[0].problem);
  expect_in(J.v[0].profile_xml, "surname=\"ИВАН\"");
  expect_in(J.v[1].problem, "byte 0x98");
  expect_in(J.v[1].problem, "CP1251");
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  expect_in(J.v[2].profile_xml, "surname=\"ПЕТ\"");
  jobs_free(&J);
}
