/* SPDX-License-Identifier: MIT */
/* A program that embeds libqujat and parses its own DTD-using documents
 * with libxml2 keeps working: loading and freeing a catalog (and building
 * a document, which evaluates XPath over a profile) leaves libxml2's
 * process-wide state alone: the external entity loader, the generic error
 * handler, and the host's DTD loading and entity substitution. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "qujat/qujat.h"

static char dir[64];
static int host_errors;

static void host_error(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
  host_errors++;
}

/* The host's document: an external DTD declaring an entity, loaded and
 * substituted as the host asks (DTDLOAD | NOENT). Returns the text of the
 * root, or NULL when the DTD could not be loaded. */
static char *host_parse(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/doc.xml", dir);
  xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_DTDLOAD | XML_PARSE_NOENT |
                                            XML_PARSE_NOERROR |
                                            XML_PARSE_NOWARNING);
  if (!d)
    return NULL;
  xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(d));
  char *s = t ? strdup((const char *)t) : NULL;
  xmlFree(t);
  xmlFreeDoc(d);
  return s;
}

static void write_file(const char *name, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert(f);
  fputs(text, f);
  fclose(f);
}

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/qujat-xmlhost-XXXXXX");
  cr_assert(mkdtemp(dir));
  write_file("host.dtd", "<!ELEMENT r (#PCDATA)>\n"
                         "<!ENTITY greeting \"hello from the host DTD\">\n");
  write_file("doc.xml", "<?xml version=\"1.0\"?>\n"
                        "<!DOCTYPE r SYSTEM \"host.dtd\">\n"
                        "<r>&greeting;</r>\n");
}

static void teardown(void) {
  char path[128];
  snprintf(path, sizeof path, "%s/doc.xml", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/host.dtd", dir);
  unlink(path);
  rmdir(dir);
}

TestSuite(xml_host, .init = setup, .fini = teardown);

Test(xml_host, dtd_parse_before_during_and_after_a_catalog) {
  xmlInitParser();
  int token = 42;
  xmlSetGenericErrorFunc(&token, host_error);
  xmlExternalEntityLoader loader = xmlGetExternalEntityLoader();

  char *before = host_parse();
  cr_assert_str_eq(before, "hello from the host DTD");
  free(before);

  qujat_catalog *c = NULL;
  qujat_error e;
  cr_assert_eq(qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &c, &e), QUJAT_OK,
               "%s", e.msg);
  /* A profile and a document: XPath conditions are evaluated. */
  static const char xml[] =
      "<profile xmlns=\"urn:qujat:profile:1\"><applicant surname=\"SMITH\" "
      "given-names=\"JOHN\"/><dependant relation=\"child\" surname=\"SMITH\" "
      "given-names=\"TOM\" birth-date=\"2010-01-01\"/></profile>";
  qujat_profile *p = NULL;
  cr_assert_eq(qujat_profile_load_memory(c, xml, sizeof xml - 1, "p", &p, &e),
               QUJAT_OK, "%s", e.msg);
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_CHECKLIST,
                       .service = "work-visa-in-kz",
                       .profile = p,
                       .lang = QUJAT_LANG_EN,
                       .date = "2026-11-21"};
  qujat_document *d = NULL;
  cr_assert_eq(qujat_document_build(c, &req, &d, &e), QUJAT_OK, "%s", e.msg);

  cr_assert_eq(xmlGetExternalEntityLoader(), loader,
               "the library replaced the external entity loader");
  cr_assert_eq(xmlGenericErrorContext, &token,
               "the library replaced the generic error handler");
  cr_assert_eq(xmlGenericError, host_error);
  char *during = host_parse();
  cr_assert_str_eq(during, "hello from the host DTD");
  free(during);

  /* A DOCTYPE in a profile is still refused, per parser. */
  static const char bad[] =
      "<!DOCTYPE profile SYSTEM \"host.dtd\"><profile "
      "xmlns=\"urn:qujat:profile:1\"/>";
  qujat_profile *q = NULL;
  cr_assert_eq(qujat_profile_load_memory(c, bad, sizeof bad - 1, "bad", &q, &e),
               QUJAT_ERR_XML);

  qujat_document_free(d);
  qujat_profile_free(p);
  qujat_catalog_free(c);

  char *after = host_parse();
  cr_assert_str_eq(after, "hello from the host DTD");
  free(after);
  cr_assert_eq(xmlGetExternalEntityLoader(), loader);
  cr_assert_eq(xmlGenericErrorContext, &token);
  cr_assert_eq(host_errors, 0, "qujat's errors reached the host's handler");
}
