/* SPDX-License-Identifier: MIT */
/* Unit tests of qujat_xml_copy_lines (xmlsafe.c): a part of a document
 * copied into a document of its own, standing alone, with every element on
 * the line it had in the original counted from the part's first line; and
 * qujat_profile_load_doc (profile_xml.c) reading such a copy, its errors at
 * those lines. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fixture.h"
#include "catalog/profile_doc.h"
#include "qujat/qujat.h"

static xmlDocPtr original;

static void teardown(void) {
  xmlFreeDoc(original);
  original = NULL;
  fixture_teardown();
}

TestSuite(xmlcopy, .init = fixture_setup, .fini = teardown);

/* Parses `xml` as the job reader does (CDATA kept as CDATA here, to see it
 * become text) and returns the first <profile> element. */
static xmlNodePtr profile_in(const char *xml) {
  xmlFreeDoc(original);
  original = xmlReadMemory(xml, (int)strlen(xml), "jobs.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR |
                               XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  cr_assert_not_null(original);
  xmlNodePtr job = xmlFirstElementChild(xmlDocGetRootElement(original));
  cr_assert_not_null(job);
  xmlNodePtr p = xmlFirstElementChild(job);
  cr_assert_not_null(p);
  return p;
}

static void expect_element(xmlNodePtr n, const char *name, const char *ns,
                           int line) {
  cr_assert_not_null(n, "no <%s>", name);
  cr_expect_str_eq((const char *)n->name, name);
  cr_expect_not_null(n->ns, "<%s> has no namespace", name);
  if (n->ns)
    cr_expect_str_eq((const char *)n->ns->href, ns);
  cr_expect_eq(n->line, line, "<%s> at line %d, expected %d", name, n->line,
               line);
}

/* An element's line, for libxml2, is the one its start tag ends on. */
static const char JOBS[] =
    "<jobs xmlns=\"urn:qujat:jobs:1\" xmlns:x=\"urn:x\">\n" /* 1 */
    "  <job id=\"a\">\n"
    "    <profile xmlns=\"urn:qujat:profile:1\"><!-- a\n" /* 3 */
    "comment -->\n"
    "      <applicant surname=\"A &amp; B\" given-names=\"\"\n"
    "                 x:note=\"n\"/>\n" /* 6 */
    "      <note><![CDATA[a<b]]> and text</note>\n" /* 7 */
    "      <?pi data?>\n"
    "      <x:ext/>\n" /* 9 */
    "    </profile>\n"
    "  </job>\n"
    "</jobs>\n";

Test(xmlcopy, lines_namespaces_and_content) {
  xmlDocPtr copy = NULL;
  cr_assert_eq(qujat_xml_copy_lines(profile_in(JOBS), 3, 1 << 20, &copy),
               QUJAT_OK);
  xmlNodePtr root = xmlDocGetRootElement(copy);
  expect_element(root, "profile", "urn:qujat:profile:1", 1);
  xmlNodePtr applicant = xmlFirstElementChild(root);
  expect_element(applicant, "applicant", "urn:qujat:profile:1", 4);
  xmlChar *surname = xmlGetNoNsProp(applicant, BAD_CAST "surname");
  cr_expect_str_eq((const char *)surname, "A & B");
  xmlFree(surname);
  xmlChar *given = xmlGetNoNsProp(applicant, BAD_CAST "given-names");
  cr_expect_str_eq((const char *)given, ""); /* empty, not left out */
  xmlFree(given);
  /* The prefix declared on <jobs> comes with the part. */
  xmlChar *note = xmlGetNsProp(applicant, BAD_CAST "note", BAD_CAST "urn:x");
  cr_expect_str_eq((const char *)note, "n");
  xmlFree(note);
  xmlNodePtr text = xmlNextElementSibling(applicant);
  expect_element(text, "note", "urn:qujat:profile:1", 5);
  /* CDATA and text: one text node, as the parser of a dump would give. */
  cr_assert_not_null(text->children);
  cr_expect_eq(text->children->type, XML_TEXT_NODE);
  cr_expect_null(text->children->next);
  cr_expect_str_eq((const char *)text->children->content, "a<b and text");
  expect_element(xmlNextElementSibling(text), "ext", "urn:x", 7);
  /* No comment, no processing instruction. */
  for (xmlNodePtr c = root->children; c; c = c->next)
    cr_expect(c->type == XML_ELEMENT_NODE || c->type == XML_TEXT_NODE,
              "a node of type %d", (int)c->type);
  xmlFreeDoc(copy);
}

Test(xmlcopy, limit) {
  xmlDocPtr copy = (xmlDocPtr)1;
  cr_expect_eq(qujat_xml_copy_lines(profile_in(JOBS), 3, 30, &copy),
               QUJAT_ERR_LIMIT);
  cr_expect_null(copy);
}

/* Past line 65 535 libxml2 2.9 no longer knows an element's line: the copy
 * counts the line breaks of the text before it instead, and an element
 * after a start tag of several lines comes earlier than it was. */
Test(xmlcopy, past_line_65535) {
  size_t blank = 70000;
  const char *tail = "<job>\n"
                     "<profile xmlns=\"urn:qujat:profile:1\">\n"
                     "  <applicant surname=\"A\"\n"
                     "             given-names=\"B\"/>\n"
                     "  <passport/>\n"
                     "</profile></job></jobs>\n";
  const char *head = "<jobs xmlns=\"urn:qujat:jobs:1\">";
  size_t n = strlen(head) + blank + strlen(tail) + 1;
  char *xml = malloc(n);
  cr_assert_not_null(xml);
  memcpy(xml, head, strlen(head));
  memset(xml + strlen(head), '\n', blank);
  strcpy(xml + strlen(head) + blank, tail);
  xmlNodePtr p = profile_in(xml);
  long first = (long)blank + 2;
  xmlDocPtr copy = NULL;
  cr_assert_eq(qujat_xml_copy_lines(p, first, 1 << 20, &copy), QUJAT_OK);
  xmlNodePtr root = xmlDocGetRootElement(copy);
  expect_element(root, "profile", "urn:qujat:profile:1", 1);
  xmlNodePtr applicant = xmlFirstElementChild(root);
  expect_element(applicant, "applicant", "urn:qujat:profile:1", 2);
  expect_element(xmlNextElementSibling(applicant), "passport",
                 "urn:qujat:profile:1", 3);
  xmlFreeDoc(copy);
  free(xml);
}

/* The loader reads the copy as it reads a file; its errors are at the
 * copy's lines, which the caller moves by first - 1. */
Test(xmlcopy, loaded_with_errors_at_its_lines) {
  const char *xml =
      "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
      "  <job id=\"a\">\n"
      "    <profile xmlns=\"urn:qujat:profile:1\">\n"
      "      <applicant surname=\"SMITH\" given-names=\"JOHN\"\n"
      "                 birth-date=\"1985-03-14\" citizenship=\"GB\">\n"
      "        <passport number=\"123456789\" expires=\"2029-13-01\"/>\n"
      "      </applicant>\n"
      "    </profile>\n"
      "  </job>\n"
      "</jobs>\n";
  xmlDocPtr copy = NULL;
  cr_assert_eq(qujat_xml_copy_lines(profile_in(xml), 3, 1 << 20, &copy),
               QUJAT_OK);
  qujat_status st = qujat_profile_load_doc(cat, copy, "jobs.xml", &prof, &err);
  cr_expect_neq(st, QUJAT_OK);
  cr_expect_null(prof);
  cr_expect_eq(err.line, 4, "line %d: %s", err.line, err.msg);
  cr_expect(strstr(err.msg, "passport") != NULL, "%s", err.msg);
  /* The document is the caller's: still whole after the failed load. */
  cr_expect_str_eq((const char *)xmlDocGetRootElement(copy)->name, "profile");
  qujat_profile_doc_free(copy);

  const char *good =
      "<jobs xmlns=\"urn:qujat:jobs:1\">\n"
      "  <job id=\"a\">\n"
      "    <profile xmlns=\"urn:qujat:profile:1\">\n"
      "      <applicant surname=\"SMITH\" given-names=\"JOHN\"/>\n"
      "    </profile>\n"
      "  </job>\n"
      "</jobs>\n";
  cr_assert_eq(qujat_xml_copy_lines(profile_in(good), 3, 1 << 20, &copy),
               QUJAT_OK);
  cr_assert_eq(qujat_profile_load_doc(cat, copy, "jobs.xml", &prof, &err),
               QUJAT_OK, "%s", err.msg);
  qujat_profile_free(prof);
  prof = NULL;
  /* Freed after the profile that borrowed it, not with it. */
  cr_expect_str_eq((const char *)xmlDocGetRootElement(copy)->name, "profile");
  qujat_profile_doc_free(copy);
}

/* A part longer than 65 535 lines: its elements there keep line 65 535,
 * their text its own line (in psvi, as XML_PARSE_BIG_LINES keeps it), and
 * xmlGetLineNo, which schema errors use, finds the element's line through
 * it. */
Test(xmlcopy, lines_of_the_part_past_65535) {
  size_t blank = 70000;
  const char *head = "<jobs xmlns=\"urn:qujat:jobs:1\">\n<job>\n"
                     "<profile xmlns=\"urn:qujat:profile:1\">";
  const char *tail = "<applicant surname=\"A\"/>\n</profile></job></jobs>\n";
  size_t n = strlen(head) + blank + strlen(tail) + 1;
  char *xml = malloc(n);
  cr_assert_not_null(xml);
  memcpy(xml, head, strlen(head));
  memset(xml + strlen(head), '\n', blank);
  strcpy(xml + strlen(head) + blank, tail);
  xmlNodePtr p = profile_in(xml);
  xmlDocPtr copy = NULL;
  cr_assert_eq(qujat_xml_copy_lines(p, 3, 1 << 20, &copy), QUJAT_OK);
  xmlNodePtr root = xmlDocGetRootElement(copy);
  expect_element(root, "profile", "urn:qujat:profile:1", 1);
  xmlNodePtr applicant = xmlFirstElementChild(root);
  expect_element(applicant, "applicant", "urn:qujat:profile:1", 65535);
  cr_expect_eq(xmlGetLineNo(applicant), (long)blank + 1);
  cr_assert_not_null(root->children);
  cr_expect_eq(xmlGetLineNo(root->children), 1, "the text before it");
  xmlFreeDoc(copy);
  free(xml);
}
