/* SPDX-License-Identifier: MIT */
/* Unit tests of the XML job reader (batch_jobs_xml.c, suite batch): the
 * problems of one job, the errors that end the file, and qujat_jobs_open
 * (batch_jobs.c) choosing the reader by name and content. Files live in
 * the test's temporary directory. */
#include <criterion/criterion.h>

#include <string.h>

#include <libxml/tree.h>

#include "batch/batch.h"
#include "batch_test_helpers.h"
#include "qujat/qujat.h"

Test(batch, xml_job_problems) {
  struct jobs J;
  const char *p = puts_file(
      "j.xml",
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<!-- a comment -->\n"
      "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"" DATE "\">\n"
      "  <job id=\"a\" document=\"fees\" service=\"iin\" output=\"a.pdf\" "
      "colour=\"red\"/>\n"
      "  <jbo id=\"b\" document=\"fees\" service=\"iin\" output=\"b.pdf\"/>\n"
      "  <job id=\"c\" document=\"fees\" service=\"iin\" output=\"c.pdf\" "
      "date=\"2027-01-02\"/>\n"
      "  <job xmlns:x=\"urn:x\" x:id=\"d\" id=\"d\" document=\"fees\" "
      "service=\"iin\" output=\"d.pdf\"/>\n"
      "  <job id=\"e\" document=\"checklist\" service=\"iin\" "
      "output=\"e.pdf\">\n"
      "    <!-- the applicant -->\n"
      "    <profile xmlns=\"urn:qujat:profile:1\"><applicant surname=\"A\"/>"
      "</profile>\n"
      "  </job>\n"
      "  <job id=\"f\" document=\"checklist\" service=\"iin\" output=\"f.pdf\" "
      "profile=\"p.xml\"><profile xmlns=\"urn:qujat:profile:1\"/></job>\n"
      "  <job id=\"g\" document=\"checklist\" service=\"iin\" output=\"g.pdf\">"
      "text</job>\n"
      "</jobs>\n");
  cr_assert_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 7, "%d jobs", J.n);
  expect_in(J.v[0].problem, "unknown attribute 'colour'");
  cr_expect_eq(J.v[0].line, 4);
  cr_expect_str_eq(str(J.v[0].date), DATE);
  expect_in(J.v[1].problem, "<jbo> in <jobs>: expected <job>");
  cr_expect_str_eq(str(J.v[1].id), "b");
  cr_expect_eq(J.v[1].index, 1);
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  cr_expect_str_eq(str(J.v[2].date), "2027-01-02");
  expect_in(J.v[3].problem, "unknown attribute 'id'"); /* x:id is not id */
  cr_expect_null(J.v[4].problem, "%s", J.v[4].problem);
  cr_expect_eq(J.v[4].profile_line, 10);
  /* Copied into a document of its own, without the comment before it. */
  cr_assert_not_null(J.v[4].profile_doc);
  xmlNodePtr root = xmlDocGetRootElement(J.v[4].profile_doc);
  cr_assert_not_null(root);
  cr_expect_str_eq((const char *)root->name, "profile");
  cr_expect_eq(root->line, 1);
  cr_assert_not_null(root->children);
  cr_expect_str_eq((const char *)root->children->name, "applicant");
  cr_expect_null(root->children->next);
  cr_expect_null(J.v[4].profile_xml);
  expect_in(J.v[5].problem, "one profile");
  expect_in(J.v[6].problem, "text inside <job>");
  jobs_free(&J);
  /* Light: the inline profile is not kept, but is known to be there. */
  cr_assert_eq(read_jobs(p, 1, NULL, 1, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_not_null(J.v[4].profile_doc);
  cr_expect_null(J.v[4].profile_xml);
  jobs_free(&J);
}

/* Lines with every kind of line end (LF, CR LF, a CR alone) in tags,
 * attribute values and text: each job and child of a job at its own line,
 * also after text with the bytes that mean something in a tag, and a
 * profile's elements and a job's text too while the line ends are
 * LF or CR LF (libxml2 counts LFs only, so past a CR alone only jobs and
 * their children, whose lines the scanner counts, stay exact). */
Test(batch, xml_lines) {
  struct jobs J;
  const char *p = puts_file(
      "lines.xml",
      "<jobs xmlns=\"urn:qujat:jobs:1\">\r\n"                          /* 1 */
      "<job id=\"b\" output=\"b\r\n"                                   /* 2 */
      ".pdf\" document=\"checklist\" service=\"iin\">\r\n\n"           /* 3 */
      "<profile xmlns=\"urn:qujat:profile:1\">\n"                      /* 5 */
      "<applicant surname=\"A\"/></profile>\r\n"                       /* 6 */
      "</job>\n"                                                       /* 7 */
      "<job id=\"d\" document=\"fees\" service=\"iin\" output=\"d.pdf\">\r\n"
      "\r\n  some 'text' = \"a/b\" > c\r\n"                           /* 10 */
      "</job>\n"                                                       /* 11 */
      "<job id=\"a\" document=\"fees\"\r"                              /* 12 */
      " service=\"iin\" output=\"a.pdf\"/>\r\r"                        /* 13 */
      "<job id=\"c\" document=\"fees\" service=\"iin\" output=\"c.pdf\">\r"
      "<extra/>\r"                                                     /* 16 */
      "</job></jobs>\n");                                              /* 17 */
  cr_assert_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 4, "%d jobs", J.n);
  cr_expect_eq(J.v[0].line, 2);
  cr_expect_str_eq(str(J.v[0].output), "b .pdf"); /* a line end is a space */
  cr_expect_eq(J.v[0].profile_line, 5);
  cr_assert_not_null(J.v[0].profile_doc);
  xmlNodePtr root = xmlDocGetRootElement(J.v[0].profile_doc);
  cr_assert_not_null(root);
  cr_expect_eq(root->line, 1);
  cr_assert_not_null(root->children);
  cr_expect_str_eq((const char *)root->children->name, "text");
  cr_expect_eq(xmlGetLineNo(root->children->next), 2); /* <applicant> */
  cr_expect_eq(J.v[1].line, 8);
  expect_in(J.v[1].problem, "line 10: text inside <job>");
  cr_expect_eq(J.v[2].line, 12);
  cr_expect_null(J.v[2].problem, "%s", J.v[2].problem);
  cr_expect_eq(J.v[3].line, 15);
  expect_in(J.v[3].problem, "line 16: <extra> inside <job>");
  jobs_free(&J);
}

/* Text in CDATA, which the parser gives from its start: at the line of
 * its first character that is not white space. */
Test(batch, xml_cdata_lines) {
  struct jobs J;
  const char *p = puts_file(
      "cdata.xml",
      "<jobs xmlns=\"urn:qujat:jobs:1\">\n"                             /* 1 */
      "<job id=\"a\" document=\"fees\" service=\"iin\" output=\"a.pdf\">"
      "<![CDATA[\n"                                                     /* 2 */
      "\n"                                                              /* 3 */
      "  x]]></job>\n"                                                  /* 4 */
      "<![CDATA[\n"                                                     /* 5 */
      "y]]>\n"                                                          /* 6 */
      "</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_assert_eq(J.n, 1, "%d jobs", J.n);
  expect_in(J.v[0].problem, "line 4: text inside <job>");
  cr_expect(strstr(J.err.msg, "text between jobs"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 6);
  jobs_free(&J);
}

/* Values as the file means them: entities and character references in
 * attributes and text, CDATA, comments left out, prefixes declared on
 * <jobs> and used in the job and its profile, whose document stands
 * alone. */
Test(batch, xml_values) {
  struct jobs J;
  const char *p = puts_file(
      "values.xml",
      "<q:jobs xmlns:q=\"urn:qujat:jobs:1\" xmlns:p=\"urn:qujat:profile:1\""
      " xmlns:x=\"urn:x\">\n"
      "<q:job id=\"a&amp;b&#x41;&#38;&lt;\" document=\"checklist\" "
      "service=\"iin\" output=\"x&amp;amp;y.pdf\"><p:profile>"
      "<p:applicant surname=\"D&#x4F;E\" given-names=\"J &quot;&apos;\" "
      "x:note=\"n\"/><!-- c -->"
      "<p:note xml:lang=\"kk\">a<![CDATA[<b>&amp;]]>&gt;<?pi x?>c</p:note>"
      "</p:profile></q:job>\n"
      "</q:jobs>\n");
  cr_assert_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_assert_eq(J.n, 1, "%d jobs", J.n);
  cr_expect_null(J.v[0].problem, "%s", J.v[0].problem);
  cr_expect_str_eq(str(J.v[0].id), "a&bA&<");
  cr_expect_str_eq(str(J.v[0].output), "x&amp;y.pdf");
  cr_assert_not_null(J.v[0].profile_doc);
  xmlNodePtr root = xmlDocGetRootElement(J.v[0].profile_doc);
  cr_assert_not_null(root);
  cr_assert_not_null(root->ns);
  cr_expect_str_eq((const char *)root->ns->href, "urn:qujat:profile:1");
  /* The prefixes of <jobs> are declared on the profile's root. */
  cr_expect_not_null(xmlSearchNs(root->doc, root, BAD_CAST "x"));
  xmlNodePtr applicant = root->children;
  cr_assert_not_null(applicant);
  xmlChar *v = xmlGetProp(applicant, BAD_CAST "surname");
  cr_expect_str_eq((const char *)v, "DOE");
  xmlFree(v);
  v = xmlGetProp(applicant, BAD_CAST "given-names");
  cr_expect_str_eq((const char *)v, "J \"'");
  xmlFree(v);
  v = xmlGetNsProp(applicant, BAD_CAST "note", BAD_CAST "urn:x");
  cr_expect_str_eq((const char *)v, "n");
  xmlFree(v);
  xmlNodePtr note = applicant->next; /* the comment left out */
  cr_assert_not_null(note);
  cr_expect_str_eq((const char *)note->name, "note");
  cr_assert_not_null(note->children);
  cr_expect_null(note->children->next); /* one text, the PI left out */
  v = xmlNodeGetContent(note);
  cr_expect_str_eq((const char *)v, "a<b>&amp;>c");
  xmlFree(v);
  v = xmlNodeGetLang(note);
  cr_expect_str_eq((const char *)v, "kk");
  xmlFree(v);
  jobs_free(&J);
}

/* The job file NAME holding `xml` is refused for its DOCTYPE, which is at
 * line `line`. */
static void expect_doctype_refused(const char *name, const char *xml,
                                   int line) {
  struct jobs J;
  cr_expect_eq(read_jobs(puts_file(name, xml), 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "DOCTYPE"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, line);
}

Test(batch, xml_fatal) {
  struct jobs J;
  /* Text between jobs: fatal, at its line. */
  const char *p = puts_file(
      "text.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
                  "  <job id=\"a\" document=\"fees\" service=\"iin\" "
                  "output=\"a.pdf\"/>\n"
                  "  stray <job id=\"b\" document=\"fees\" service=\"iin\" "
                  "output=\"b.pdf\"/>\n"
                  "</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "text between jobs"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  cr_expect_eq(J.n, 1);
  jobs_free(&J);
  /* A DOCTYPE: refused when the file is opened. */
  expect_doctype_refused("dtd.xml",
                         "<?xml version=\"1.0\"?>\n"
                         "<!DOCTYPE jobs SYSTEM \"file:///etc/passwd\">\n"
                         "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n",
                         2);
  /* After a byte order mark and comments too. */
  expect_doctype_refused("dtd2.xml",
                         "\xef\xbb\xbf<!-- x -->\n<?pi x?>\n"
                         "<!DOCTYPE jobs [<!ENTITY a \"b\">]>\n"
                         "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n",
                         3);
  /* No root. */
  p = puts_file("empty.xml", "");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  p = puts_file("comment.xml", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  /* The wrong root, the wrong namespace. */
  p = puts_file("root.xml", "<catalog xmlns=\"urn:qujat:catalog:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "found <catalog>"), "%s", J.err.msg);
  p = puts_file("ns.xml", "<jobs xmlns=\"urn:qujat:jobs:2\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  /* Invalid UTF-8, at its line. */
  p = puts_file("utf8.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n\n"
                            "<job id=\"\xc0\xaf\"/>\n</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "UTF-8"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 3);
  jobs_free(&J);
  /* Another encoding declared. */
  p = puts_file("enc.xml", "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n"
                           "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "must be UTF-8"), "%s", J.err.msg);
  /* Not well-formed after good jobs: the jobs before come, then the
   * error with its line. */
  p = puts_file("late.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
                            "<job id=\"a\" document=\"fees\" service=\"iin\" "
                            "output=\"a.pdf\"/>\n"
                            "<job id=\"b\"></jb>\n</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  cr_expect_eq(J.err.line, 3);
  jobs_free(&J);
  /* A root date that is no date. */
  p = puts_file("date.xml", "<jobs xmlns=\"urn:qujat:jobs:1\" "
                            "date=\"2026-02-30\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_ERR_XML);
  /* An empty job file is fine: no jobs. */
  p = puts_file("none.xml", "<jobs xmlns=\"urn:qujat:jobs:1\"/>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_eq(J.n, 0);
}

/* Two problems close together, a tag that does not close and then bad
 * UTF-8: the first in the file is the one reported, though the bytes are
 * checked before libxml2 reads them. */
Test(batch, xml_the_first_of_two_problems) {
  struct jobs J;
  const char *p = puts_file(
      "two.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
                 "<job id=\"a\" document=\"fees\" service=\"iin\" "
                 "output=\"a.pdf\"/>\n"
                 "<job id=\"b\"></jb>\n"
                 "<job id=\"\xc0\xaf\"/>\n</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 1, &J), QUJAT_ERR_XML);
  cr_expect_eq(J.n, 1);
  cr_expect_eq(J.err.line, 3, "%d: %s", J.err.line, J.err.msg);
  cr_expect_null(strstr(J.err.msg, "UTF-8"), "%s", J.err.msg);
  jobs_free(&J);
  /* The other way round: the bad byte first. */
  p = puts_file("two2.xml", "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
                            "<job id=\"\xc0\xaf\"/>\n"
                            "<job id=\"b\"></jb>\n</jobs>\n");
  cr_expect_eq(read_jobs(p, 1, NULL, 1, &J), QUJAT_ERR_XML);
  cr_expect(strstr(J.err.msg, "UTF-8"), "%s", J.err.msg);
  cr_expect_eq(J.err.line, 2);
  jobs_free(&J);
}

Test(batch, jobs_open_by_content) {
  struct jobs J;
  /* No .xml or .csv: a first "<" means XML. */
  const char *p = puts_file("jobs.txt", "\xef\xbb\xbf  \n<jobs xmlns=\""
                                        "urn:qujat:jobs:1\"><job id=\"a\" "
                                        "document=\"fees\" service=\"iin\" "
                                        "output=\"a.pdf\"/></jobs>\n");
  struct job_reader *r = NULL;
  qujat_error err = {0};
  cr_assert_eq(qujat_jobs_open(p, NULL, &r, &err), QUJAT_OK, "%s", err.msg);
  struct job j = {0};
  int end = 0;
  cr_expect_eq(r->next(r, &j, &end, &err), QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(str(j.id), "a");
  qujat_job_clear(&j);
  r->close(r);
  /* --encoding is for CSV. */
  cr_expect_eq(qujat_jobs_open(p, "UTF-8", &r, &err), QUJAT_ERR_ARG);
  p = puts_file("jobs.dat", "document,service,output\nfees,iin,a.pdf\n");
  cr_assert_eq(read_jobs(p, 2, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_eq(J.n, 1);
  cr_expect_str_eq(str(J.v[0].output), "a.pdf");
  jobs_free(&J);
  /* .csv decides, whatever the content; .xml too. */
  p = puts_file("lt.csv", "document,service,output\nfees,iin,<a>.pdf\n");
  cr_assert_eq(read_jobs(p, 2, NULL, 0, &J), QUJAT_OK, "%s", J.err.msg);
  cr_expect_eq(J.n, 1);
  jobs_free(&J);
  p = puts_file("x.xml", "document,service,output\n");
  cr_expect_eq(read_jobs(p, 2, NULL, 0, &J), QUJAT_ERR_XML);
}
