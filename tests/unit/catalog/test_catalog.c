/* SPDX-License-Identifier: MIT */
/* Unit tests of the catalog loader (catalog_xml.c, catalog_read.c,
 * locale_xml.c): the real catalog, then small hand-written catalogs that
 * must be rejected with a message and a line number. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "helpers.h"
#include "catalog/catalog.h"
#include "qujat/qujat.h"
#include "catalog/catalog_internal.h"

TestSuite(catalog, .fini = fixture_teardown);

/* ========================================================================
 * The real catalog
 * ======================================================================== */

/* DESIGN.md, "Service ids", in guidebook order. */
static const char *const SERVICE_IDS[] = {
    "work-visa-invitation",
    "work-visa-in-kz",
    "work-visa-extension",
    "investor-visa-invitation",
    "investor-visa-in-kz",
    "investor-visa-extension",
    "trp-employment",
    "trp-business-immigrant",
    "trp-business-immigrant-extension",
    "permanent-residence",
    "business-visa-single-invitation",
    "business-visa-single-extension",
    "business-visa-multi-invitation",
    "business-visa-multi-in-kz",
    "business-immigrant-visa-extension",
    "business-visa-multi-extension",
    "visa-cancellation-abroad",
    "visa-cancellation-exit",
    "arrival-notification",
    "iin",
    "tax-residence-certificate",
    "digital-signature",
    "fingerprinting",
};
#define NSERVICES (sizeof SERVICE_IDS / sizeof SERVICE_IDS[0])

Test(catalog, real_catalog_has_the_23_services_in_guidebook_order,
     .init = fixture_setup) {
  cr_assert_eq(NSERVICES, 23);
  cr_assert_eq(qujat_catalog_service_count(cat), 23);
  for (size_t i = 0; i < NSERVICES; i++)
    cr_expect_str_eq(qujat_catalog_service_id(cat, i), SERVICE_IDS[i],
                     "service %zu", i);
  cr_expect_null(qujat_catalog_service_id(cat, 23));
  cr_expect_eq(qujat_catalog_find_service(cat, "iin"), 19);
  cr_expect_eq(qujat_catalog_find_service(cat, "no-such-service"), -1);
  cr_expect_str_eq(qujat_catalog_data_dir(cat), QUJAT_TEST_DATA_DIR);
}

Test(catalog, real_catalog_public_titles, .init = fixture_setup) {
  cr_expect_str_eq(qujat_catalog_service_title(cat, 1, QUJAT_LANG_EN),
                   "Obtaining an employment visa within Kazakhstan");
  cr_expect_str_eq(qujat_catalog_service_title(cat, 1, QUJAT_LANG_RU),
                   "Получение рабочей визы на территории Казахстана");
  cr_expect_str_eq(qujat_catalog_service_title(cat, 1, QUJAT_LANG_KK),
                   "Қазақстан аумағында жұмыс визасын алу");
  /* kk+ru gives the Kazakh title. */
  cr_expect_str_eq(qujat_catalog_service_title(cat, 1, QUJAT_LANG_KK_RU),
                   "Қазақстан аумағында жұмыс визасын алу");
  cr_expect_null(qujat_catalog_service_title(cat, 99, QUJAT_LANG_EN));
}

Test(catalog, every_service_has_fee_tables_for_2025_and_2026,
     .init = fixture_setup) {
  cr_assert_eq(cat->neditions, 2);
  const struct edition *e2025 = NULL, *e2026 = NULL;
  for (size_t i = 0; i < cat->neditions; i++) {
    if (strcmp(cat->editions[i].id, "2025") == 0)
      e2025 = &cat->editions[i];
    if (strcmp(cat->editions[i].id, "2026") == 0)
      e2026 = &cat->editions[i];
  }
  cr_assert(e2025 && e2026, "editions 2025 and 2026");
  for (size_t i = 0; i < cat->nservices; i++) {
    const struct service *s = &cat->services[i];
    cr_expect_not_null(qujat_find_fee_table(s, e2025), "%s: no 2025", s->id);
    cr_expect_not_null(qujat_find_fee_table(s, e2026), "%s: no 2026", s->id);
  }
  struct date d = {2026, 11, 21};
  cr_expect_eq(qujat_find_edition_on(cat, d), e2026);
  d.y = 2025;
  cr_expect_eq(qujat_find_edition_on(cat, d), e2025);
  d.y = 2024;
  cr_expect_null(qujat_find_edition_on(cat, d));
}

Test(catalog, mci_values_by_year, .init = fixture_setup) {
  cr_assert_eq(cat->nmcis, 3);
  static const struct {
    int year;
    int64_t tiyn;
  } want[] = {{2024, 369200}, {2025, 393200}, {2026, 432500}};
  for (size_t i = 0; i < 3; i++) {
    const struct mci *m = qujat_find_mci(cat, want[i].year);
    cr_assert_not_null(m, "no MCI for %d", want[i].year);
    cr_expect_eq(m->tiyn, want[i].tiyn, "MCI %d", want[i].year);
    cr_expect_gt(m->cites.n, 0, "MCI %d has no source", want[i].year);
  }
  cr_expect_null(qujat_find_mci(cat, 2027));
}

Test(catalog, extensions_keep_the_list_of_another_service,
     .init = fixture_setup) {
  static const char *const pairs[][2] = {
      {"work-visa-extension", "work-visa-in-kz"},
      {"investor-visa-extension", "investor-visa-in-kz"},
      {"business-visa-single-extension", "business-visa-single-invitation"},
      {"business-visa-multi-extension", "business-visa-multi-in-kz"},
  };
  for (size_t i = 0; i < 4; i++) {
    const struct service *ext = qujat_find_service(cat, pairs[i][0]);
    const struct service *target = qujat_find_service(cat, pairs[i][1]);
    cr_assert(ext && target, "%s / %s", pairs[i][0], pairs[i][1]);
    cr_assert_not_null(ext->same_as, "%s has no same-as", ext->id);
    cr_expect_str_eq(ext->same_as->id, target->id);
    cr_expect_eq(ext->nitems, 0, "%s lists items of its own", ext->id);
    size_t n_ext, n_target;
    const struct item *a = qujat_service_items(ext, &n_ext);
    const struct item *b = qujat_service_items(target, &n_target);
    cr_expect_eq(a, b, "%s does not share the list", ext->id);
    cr_expect_eq(n_ext, n_target);
    cr_expect_gt(n_ext, 0);
  }
  /* A service with its own list has no same-as. */
  cr_expect_null(qujat_find_service(cat, "work-visa-in-kz")->same_as);
}

/* --- every catalog text exists in all three languages ------------------ */

static size_t ntexts;

static void check_text3(const struct text3 *t, const char *kind,
                        const char *id) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  for (int l = 0; l < NLANGS; l++)
    cr_expect(t->s[l] && t->s[l][0], "%s of '%s' has no %s text", kind, id,
              codes[l]);
  ntexts++;
}

static void check_service_texts(const struct service *s) {
  check_text3(&s->title, "service title", s->id);
  check_text3(&s->description, "service description", s->id);
  for (size_t j = 0; j < s->nsteps; j++)
    if (s->steps[j].has_title)
      check_text3(&s->steps[j].title, "step title", s->id);
  for (size_t t = 0; t < s->nfee_tables; t++)
    for (size_t f = 0; f < s->fee_tables[t].nfees; f++)
      if (s->fee_tables[t].fees[f].has_label)
        check_text3(&s->fee_tables[t].fees[f].label, "fee label", s->id);
}

/* Adds the occurrences of "<kk>" in the file to *(size_t *)user. */
static void count_kk_in_file(const char *dir, const char *name, void *user) {
  char path[8192];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *buf = NULL;
  size_t blen = 0;
  cr_assert_eq(qujat_read_file(path, QUJAT_MAX_XML_BYTES, &buf, &blen, NULL),
               QUJAT_OK, "%s", path);
  for (const char *p = strstr(buf, "<kk>"); p; p = strstr(p + 1, "<kk>"))
    (*(size_t *)user)++;
  free(buf);
}

/* Occurrences of "<kk>" in the catalog files: one per text. */
static size_t count_kk_in_files(void) {
  size_t n = 0;
  test_each_xml_file(QUJAT_TEST_DATA_DIR "/services", count_kk_in_file, &n);
  return n;
}

Test(catalog, every_catalog_text_exists_in_all_three_languages,
     .init = fixture_setup) {
  const struct qujat_catalog *c = cat;
  for (size_t i = 0; i < c->nsources; i++)
    check_text3(&c->sources[i].title, "source title", c->sources[i].id);
  for (size_t i = 0; i < c->neditions; i++)
    check_text3(&c->editions[i].title, "edition title", c->editions[i].id);
  for (size_t i = 0; i < c->nconditions; i++) {
    const struct condition *k = &c->conditions[i];
    check_text3(&k->because, "condition because", k->id);
    check_text3(&k->otherwise, "condition otherwise", k->id);
    check_text3(&k->unknown, "condition unknown", k->id);
  }
  for (size_t i = 0; i < c->ndocuments; i++) {
    check_text3(&c->documents[i].text, "document text", c->documents[i].id);
    for (size_t k = 0; k < c->documents[i].nby_edition; k++)
      check_text3(&c->documents[i].by_edition[k].text,
                  "document text of an edition", c->documents[i].id);
  }
  for (size_t i = 0; i < c->nprocedures; i++) {
    const struct procedure *p = &c->procedures[i];
    check_text3(&p->title, "procedure title", p->id);
    for (size_t j = 0; j < p->nbullets; j++)
      check_text3(&p->bullets[j], "step bullet", p->id);
  }
  for (size_t i = 0; i < c->nnotes; i++) {
    check_text3(&c->notes[i].text, "note text", c->notes[i].id);
    for (size_t k = 0; k < c->notes[i].nby_edition; k++)
      check_text3(&c->notes[i].by_edition[k].text, "note text of an edition",
                  c->notes[i].id);
  }
  for (size_t i = 0; i < c->ngroups; i++)
    check_text3(&c->groups[i].title, "group title", c->groups[i].id);
  for (size_t i = 0; i < c->nservices; i++)
    check_service_texts(&c->services[i]);
  for (size_t i = 0; i < c->ncategories; i++)
    check_text3(&c->categories[i].title, "visa category title",
                c->categories[i].id);
  for (size_t i = 0; i < c->nfines; i++) {
    const struct fine *f = &c->fines[i];
    check_text3(&f->title, "fine title", f->id);
    if (f->has_also)
      check_text3(&f->also, "fine also", f->id);
    for (size_t j = 0; j < f->nbands; j++)
      if (f->bands[j].has_also)
        check_text3(&f->bands[j].also, "fine band also", f->id);
  }
  /* Issue 14: regimes, category changes, calendars. */
  for (size_t i = 0; i < c->nlists; i++) {
    check_text3(&c->lists[i].title, "list title", c->lists[i].id);
    for (size_t k = 0; k < c->lists[i].nremarks; k++)
      check_text3(&c->lists[i].remarks[k], "list remark", c->lists[i].id);
  }
  for (size_t k = 0; k < c->eta.nexempt; k++)
    check_text3(&c->eta.exempt[k], "eta exempt", "eta");
  for (size_t k = 0; k < c->eta.nremarks; k++)
    check_text3(&c->eta.remarks[k], "eta remark", "eta");
  for (size_t i = 0; i < c->ncategory_names; i++)
    check_text3(&c->category_names[i].title, "category name",
                c->category_names[i].id);
  for (size_t i = 0; i < c->nchanges; i++)
    for (size_t k = 0; k < c->changes[i].nfrom; k++)
      if (c->changes[i].from[k].has_note)
        check_text3(&c->changes[i].from[k].note, "change note",
                    c->changes[i].to);
  for (size_t i = 0; i < c->ncalendars; i++)
    for (size_t k = 0; k < c->calendars[i].nholidays; k++)
      check_text3(&c->calendars[i].holidays[k].title, "holiday", "calendar");
  /* The walk reached every text of the files (each has one <kk>). */
  cr_expect_eq(ntexts, count_kk_in_files(), "walked %zu texts", ntexts);
}

Test(catalog, load_dir_of_a_missing_directory_is_an_io_error) {
  qujat_status st =
      qujat_catalog_load_dir("/nonexistent/qujat-data", &cat, &err);
  cr_expect_eq(st, QUJAT_ERR_IO);
  cr_expect_eq(err.code, QUJAT_ERR_IO);
  cr_expect_null(cat);
  cr_expect_neq(err.msg[0], '\0');
  cr_expect_neq(strstr(err.file, "/nonexistent/qujat-data"), NULL, "%s",
                err.file);
}

/* ========================================================================
 * Hand-written catalogs (qujat_catalog_load_memory)
 * ======================================================================== */

#define T3(kk, ru, en) "<kk>" kk "</kk><ru>" ru "</ru><en>" en "</en>"
#define TXT T3("мәтін", "текст", "text")
#define CITE "<source ref=\"s1\" section=\"§1\"/>"
#define FEES_OK                                                                \
  "<fee kind=\"service\" kzt=\"1000\"/>"                                       \
  "<fee kind=\"state\" mci=\"0.5\" printed-kzt=\"2162.5\" per=\"person\"/>"
#define ITEMS_OK "<documents><item doc=\"d1\"/></documents>"
/* One service of group g1 on one line, with a 2026 fee table. */
#define SERVICE(id, docs, fees)                                                \
  "<service id=\"" id "\" group=\"g1\">" CITE "<title>" TXT "</title>"         \
  "<description>" TXT "</description>" docs                                    \
  "<fees edition=\"2026\">" CITE fees                                          \
  "</fees><timeframe min=\"5\" unit=\"business-day\">" CITE                    \
  "</timeframe></service>\n"
/* A condition c1 with `attrs` (test, known) and a `because` text. */
#define CONDITION(attrs, because)                                              \
  "<condition id=\"c1\" " attrs "><because>" because "</because>"              \
  "<otherwise>" TXT "</otherwise><unknown>" TXT "</unknown></condition>\n"
#define DOC_D1 "<document id=\"d1\">" CITE "<text>" TXT "</text></document>\n"

/* The variable parts of a catalog; NULL takes the default. */
struct parts {
  const char *prolog;    /* before <catalog> (a DOCTYPE) */
  const char *defs;      /* more editions, MCIs, conditions */
  const char *documents; /* default: document d1 */
  const char *services;  /* default: service svc asking for d1 */
};

static char xml[64 * 1024];

/* A catalog with one source s1, edition 2026, its MCI, group g1, and the
 * given parts, each definition on a line of its own. */
static const char *make(struct parts p) {
  int n = snprintf(xml, sizeof xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s"
                   "<catalog xmlns=\"urn:qujat:catalog:1\">\n"
                   "<source id=\"s1\" file=\"seed.txt\" lang=\"en\"><title>" TXT
                   "</title></source>\n"
                   "<edition id=\"2026\" from=\"2026-01-01\" to=\"2026-12-31\" "
                   "source=\"s1\"><title>" TXT "</title></edition>\n"
                   "<mci year=\"2026\" kzt=\"4325\">" CITE "</mci>\n"
                   "<group id=\"g1\">" CITE "<title>" TXT "</title></group>\n"
                   "%s%s%s</catalog>\n",
                   p.prolog ? p.prolog : "", p.defs ? p.defs : "",
                   p.documents ? p.documents : DOC_D1,
                   p.services ? p.services : SERVICE("svc", ITEMS_OK, FEES_OK));
  cr_assert(n > 0 && (size_t)n < sizeof xml, "catalog too long");
  return xml;
}

static qujat_status load_mem(const char *s, size_t len) {
  return qujat_catalog_load_memory(s, len, "test.xml", &cat, &err);
}

/* Asserts that `s` is rejected with `code`, a message containing `msg`,
 * the name "test.xml" and the line of `at` (the offending element). */
static void expect_rejected(const char *s, qujat_status code, const char *msg,
                            const char *at) {
  qujat_status st = load_mem(s, strlen(s));
  cr_expect_eq(st, code, "status %d (%s), expected %d", st, err.msg, code);
  cr_expect_eq(err.code, code);
  cr_expect_null(cat, "a catalog despite the error");
  cr_expect_str_eq(err.file, "test.xml");
  cr_expect_neq(strstr(err.msg, msg), NULL, "message '%s' lacks '%s'", err.msg,
                msg);
  cr_expect_eq(err.line, test_line_of(s, at),
               "line %d, expected the line of '%s'", err.line, at);
}

Test(catalog, minimal_catalog_loads) {
  const char *s = make((struct parts){0});
  cr_assert_eq(load_mem(s, strlen(s)), QUJAT_OK, "%s:%d: %s", err.file,
               err.line, err.msg);
  cr_assert_eq(cat->nservices, 1);
  const struct service *svc = &cat->services[0];
  cr_expect_str_eq(svc->id, "svc");
  cr_expect_str_eq(svc->group->id, "g1");
  cr_expect_str_eq(svc->title.s[LANG_KK], "мәтін");
  cr_assert_eq(svc->nitems, 1);
  cr_expect_str_eq(svc->items[0].doc->id, "d1");
  cr_expect_eq(svc->items[0].per, PER_ONCE);
  cr_expect_str_eq(svc->cites.v[0].source->id, "s1");
  cr_expect_str_eq(svc->cites.v[0].section, "§1");
  cr_assert_eq(svc->nfee_tables, 1);
  const struct fee_table *t = &svc->fee_tables[0];
  cr_expect_str_eq(t->edition->id, "2026");
  cr_assert_eq(t->nfees, 2);
  cr_expect_eq(t->fees[0].kind, FEE_SERVICE);
  cr_expect_eq(t->fees[0].amount, AMOUNT_KZT);
  cr_expect_eq(t->fees[0].tiyn, 100000);
  cr_expect_eq(t->fees[1].kind, FEE_STATE);
  cr_expect_eq(t->fees[1].amount, AMOUNT_MCI);
  cr_expect_eq(t->fees[1].mci_centi, 50);
  cr_expect_eq(t->fees[1].printed_tiyn, 216250);
  cr_expect_eq(t->fees[1].per_person, 1);
  cr_expect(svc->timeframe.stated && svc->timeframe.min == 5 &&
            svc->timeframe.max == 5 &&
            svc->timeframe.unit == UNIT_BUSINESS_DAY);
  cr_expect_eq(qujat_find_mci(cat, 2026)->tiyn, 432500);
  cr_expect_str_eq(qujat_catalog_data_dir(cat), "");
}

Test(catalog, conditions_with_age_prefix_and_known_placeholders_load) {
  const char *s = make((struct parts){
      .defs = CONDITION(
          "scope=\"dependant\" test=\"@relation = 'child' and $age &gt;= 14\""
          " known=\"boolean(/p:profile/p:dependant/@birth-date)\"",
          T3("{name} {age}", "{names} {date}", "{category} {visa}")),
      .services =
          SERVICE("svc",
                  "<documents><item doc=\"d1\" per=\"dependant\" if=\"c1\"/>"
                  "</documents>",
                  FEES_OK)});
  cr_assert_eq(load_mem(s, strlen(s)), QUJAT_OK, "%s:%d: %s", err.file,
               err.line, err.msg);
  cr_assert_eq(cat->nconditions, 1);
  cr_expect_eq(cat->conditions[0].per_dependant, 1);
  cr_expect_not_null(cat->conditions[0].known);
  cr_expect_eq(cat->services[0].items[0].cond, &cat->conditions[0]);
}

/* --- XML-level rejections ---------------------------------------------- */

#define LAUGHS                                                                 \
  "<!DOCTYPE catalog [\n"                                                      \
  " <!ENTITY l0 \"ha\">\n"                                                     \
  " <!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">\n"               \
  " <!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"               \
  " <!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">\n"               \
  " <!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">\n"               \
  " <!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">\n"               \
  " <!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">\n"               \
  " <!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">\n"               \
  " <!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">\n"               \
  " <!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">\n"               \
  "]>\n"

Test(catalog, billion_laughs_doctype_is_refused_fast, .timeout = 10) {
  const char *s =
      make((struct parts){.prolog = LAUGHS,
                          .documents = "<document id=\"d1\">" CITE "<text>" T3(
                              "&l9;", "&l9;", "&l9;") "</text></document>\n"});
  expect_rejected(s, QUJAT_ERR_XML, "DOCTYPE", "<!DOCTYPE");
}

Test(catalog, external_entity_is_refused) {
  const char *s = make((struct parts){
      .prolog = "<!DOCTYPE catalog [\n"
                "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n",
      .documents = "<document id=\"d1\">" CITE "<text>" T3(
          "&xxe;", "&xxe;", "&xxe;") "</text></document>\n"});
  expect_rejected(s, QUJAT_ERR_XML, "DOCTYPE", "<!DOCTYPE");
}

Test(catalog, external_dtd_is_refused) {
  const char *s = make((struct parts){
      .prolog = "<!DOCTYPE catalog SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"});
  expect_rejected(s, QUJAT_ERR_XML, "DOCTYPE", "<!DOCTYPE");
}

Test(catalog, undeclared_entity_reference_is_refused) {
  const char *s =
      make((struct parts){.documents = "<document id=\"d1\">" CITE "<text>" T3(
                              "a", "b", "&xxe;") "</text></document>\n"});
  expect_rejected(s, QUJAT_ERR_XML, "xxe", "&xxe;");
}

Test(catalog, invalid_utf8_is_refused_with_line_and_column) {
  /* Line 3, "  <!-- ә" is 8 characters: the bad byte is column 9. */
  static const char s[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<catalog xmlns=\"urn:qujat:catalog:1\">\n"
                          "  <!-- ә\xC3( -->\n"
                          "</catalog>\n";
  cr_expect_eq(load_mem(s, sizeof s - 1), QUJAT_ERR_XML);
  cr_expect_eq(err.line, 3);
  cr_expect_eq(err.column, 9);
  cr_expect_neq(strstr(err.msg, "UTF-8"), NULL, "%s", err.msg);
  cr_expect_null(cat);
}

Test(catalog, input_larger_than_the_cap_is_a_limit_error) {
  const char *s = make((struct parts){0});
  size_t len = strlen(s);
  /* Trailing white space after the root is well-formed XML: at exactly
   * the cap the catalog still loads, one byte more is refused. */
  char *big = malloc(QUJAT_MAX_XML_BYTES + 1);
  cr_assert_not_null(big);
  memcpy(big, s, len);
  memset(big + len, ' ', QUJAT_MAX_XML_BYTES + 1 - len);
  cr_expect_eq(load_mem(big, QUJAT_MAX_XML_BYTES), QUJAT_OK, "%s", err.msg);
  qujat_catalog_free(cat);
  cat = NULL;
  cr_expect_eq(load_mem(big, QUJAT_MAX_XML_BYTES + 1), QUJAT_ERR_LIMIT);
  cr_expect_eq(err.code, QUJAT_ERR_LIMIT);
  cr_expect_neq(err.msg[0], '\0');
  cr_expect_null(cat);
  free(big);
}

/* --- semantic rejections ----------------------------------------------- */

Test(catalog, text_without_ru_is_refused) {
  const char *s = make((struct parts){
      .documents = "<document id=\"d1\">" CITE "<text><kk>мәтін</kk>\n"
                   "<en>only kk and en</en></text></document>\n"});
  expect_rejected(s, QUJAT_ERR_CATALOG, "<ru>", "<en>only kk and en");
}

Test(catalog, duplicate_document_id_is_refused) {
  const char *s = make((struct parts){
      .documents = DOC_D1 "<document id=\"d1\">" CITE "<text>" T3(
          "екінші", "второй", "SECOND") "</text></document>\n"});
  expect_rejected(s, QUJAT_ERR_CATALOG, "duplicate document", "SECOND");
}

Test(catalog, unknown_document_reference_is_refused) {
  const char *s = make((struct parts){
      .services = SERVICE("svc",
                          "<documents><item doc=\"d1\"/>\n"
                          "<item doc=\"no-such-doc\"/></documents>",
                          FEES_OK)});
  expect_rejected(s, QUJAT_ERR_CATALOG, "unknown document 'no-such-doc'",
                  "doc=\"no-such-doc\"");
}

Test(catalog, unknown_source_reference_is_refused) {
  const char *s = make((struct parts){
      .documents = "<document id=\"d1\">\n"
                   "<source ref=\"no-such-source\" section=\"1\"/><text>" TXT
                   "</text></document>\n"});
  expect_rejected(s, QUJAT_ERR_CATALOG, "unknown source 'no-such-source'",
                  "ref=\"no-such-source\"");
}

Test(catalog, printed_kzt_must_equal_mci_times_the_mci_of_the_year) {
  /* 0.5 × 4 325 = 2 162.50, not 2 162. */
  const char *s = make((struct parts){
      .services = SERVICE("svc", ITEMS_OK,
                          "<fee kind=\"service\" kzt=\"1000\"/>\n"
                          "<fee kind=\"state\" mci=\"0.5\" "
                          "printed-kzt=\"2162\"/>")});
  expect_rejected(s, QUJAT_ERR_CATALOG, "2162.50", "printed-kzt=\"2162\"");
}

Test(catalog, fee_with_both_kzt_and_mci_is_refused) {
  const char *s = make((struct parts){
      .services = SERVICE("svc", ITEMS_OK,
                          "<fee kind=\"service\" kzt=\"1000\"/>\n"
                          "<fee kind=\"state\" kzt=\"2162\" mci=\"0.5\"/>")});
  expect_rejected(s, QUJAT_ERR_CATALOG, "exactly one of", "kzt=\"2162\" mci");
}

Test(catalog, xpath_that_does_not_compile_is_refused) {
  const char *s = make((struct parts){
      .defs = CONDITION("test=\"count(/p:profile/p:dependant\"", TXT)});
  expect_rejected(s, QUJAT_ERR_CATALOG, "XPath", "<condition");
}

Test(catalog, xpath_with_an_unknown_variable_is_refused) {
  const char *s =
      make((struct parts){.defs = CONDITION("test=\"$salary &gt; 1\"", TXT)});
  expect_rejected(s, QUJAT_ERR_CATALOG, "XPath", "<condition");
}

Test(catalog, xpath_with_an_unknown_prefix_is_refused) {
  const char *s = make(
      (struct parts){.defs = CONDITION("test=\"boolean(/q:profile)\"", TXT)});
  expect_rejected(s, QUJAT_ERR_CATALOG, "XPath", "<condition");
}

Test(catalog, unknown_placeholder_in_a_condition_text_is_refused) {
  const char *s = make((struct parts){
      .defs = CONDITION("test=\"true()\"",
                        T3("{names}", "{foo}", "Because {names}."))});
  expect_rejected(s, QUJAT_ERR_CATALOG, "{foo}", "<condition");
}

Test(catalog, same_as_cycle_is_refused) {
  const char *s = make((struct parts){
      .services = SERVICE("svc", ITEMS_OK, FEES_OK)
          SERVICE("a", "<documents same-as=\"b\"/>", FEES_OK)
              SERVICE("b", "<documents same-as=\"a\"/>", FEES_OK)});
  expect_rejected(s, QUJAT_ERR_CATALOG, "circle", "same-as=\"b\"");
}

Test(catalog, same_as_an_unknown_service_is_refused) {
  const char *s = make((struct parts){
      .services = SERVICE("svc", ITEMS_OK, FEES_OK)
          SERVICE("a", "<documents same-as=\"nowhere\"/>", FEES_OK)});
  expect_rejected(s, QUJAT_ERR_CATALOG, "unknown service 'nowhere'",
                  "same-as=\"nowhere\"");
}

/* Regression: a missing fee table was once reported with line 0. */
Test(catalog, service_without_a_fee_table_for_an_edition_is_refused) {
  const char *s = make((struct parts){
      .defs = "<edition id=\"2025\" from=\"2025-01-01\" to=\"2025-12-31\" "
              "source=\"s1\"><title>" TXT "</title></edition>\n"
              "<mci year=\"2025\" kzt=\"3932\">" CITE "</mci>\n"});
  expect_rejected(s, QUJAT_ERR_CATALOG, "'2025'", "<service id=\"svc\"");
}
