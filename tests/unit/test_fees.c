/* Unit tests of fee slips (QUJAT_DOC_FEES) and fines (QUJAT_DOC_FINE):
 * rules_fees.c, rules_fine.c, fees_xml.c, render_json.c and the XML twin
 * that render_pdf.c attaches, with the real catalog and the profiles of
 * tests/data/profiles.
 *
 * Every amount below is worked out by hand from the data files: the fee
 * tables of services/ files, the fines of services/fines.xml and the MCI of
 * services/sources.xml (2024: 3 692, 2025: 3 932, 2026: 4 325 KZT). Money
 * is integer tiyn (1 KZT = 100 tiyn). */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <zlib.h>

#include "document.h"
#include "qujat/qujat.h"
#include "xmlsafe.h"

#define PROFILES QUJAT_TEST_FIXTURES "/profiles"
#define FEES_XSD QUJAT_TEST_DATA_DIR "/services/fees.xsd"
#define FEES_NS "urn:qujat:fees:1"

/* The MCI in tiyn. */
#define MCI_2024 369200LL
#define MCI_2025 393200LL
#define MCI_2026 432500LL

/* The work-visa-in-kz service fee, 730 000 KZT (both editions). */
#define WORK_VISA_SERVICE 73000000LL

static qujat_catalog *cat;
static qujat_catalog *mem; /* a hand-written catalog, see (b) */
static qujat_profile *prof;
static qujat_document *doc, *doc2;
static char *json;
static unsigned char *pdf;
static size_t pdf_len;
static char *twin; /* the XML twin found in `pdf` */
static qujat_error err;

static void setup(void) {
  qujat_status st = qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &cat, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
}

static void teardown(void) {
  free(twin);
  qujat_free(pdf);
  qujat_free(json);
  qujat_document_free(doc);
  qujat_document_free(doc2);
  qujat_profile_free(prof);
  if (mem) /* the borrowed locales belong to `cat` */
    memset(mem->locales, 0, sizeof mem->locales);
  qujat_catalog_free(mem);
  qujat_catalog_free(cat);
}

TestSuite(fees, .init = setup, .fini = teardown);

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static char *read_fixture(const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", PROFILES, name);
  char *buf = NULL;
  size_t len = 0;
  cr_assert_eq(qujat_read_file(path, 1 << 20, &buf, &len, NULL), QUJAT_OK, "%s",
               path);
  return buf;
}

static void use_profile_xml(const char *xml, const char *name) {
  qujat_profile_free(prof);
  prof = NULL;
  qujat_status st =
      qujat_profile_load_memory(cat, xml, strlen(xml), name, &prof, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
}

static void use_profile(const char *name) {
  char *xml = read_fixture(name);
  use_profile_xml(xml, name);
  free(xml);
}

/* A fixture profile with the first `from` replaced by `to`. */
static void use_profile_edited(const char *name, const char *from,
                               const char *to) {
  char *xml = read_fixture(name);
  char *at = strstr(xml, from);
  cr_assert_not_null(at, "'%s' not in %s", from, name);
  char edited[16 * 1024];
  int n = snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at - xml), xml, to,
                   at + strlen(from));
  free(xml);
  cr_assert(n > 0 && (size_t)n < sizeof edited);
  use_profile_xml(edited, name);
}

static void no_profile(void) {
  qujat_profile_free(prof);
  prof = NULL;
}

/* Builds a fee slip of `service` from catalog `c` into *out. */
static qujat_status build_slip_in(const qujat_catalog *c, qujat_document **out,
                                  const char *service, const char *date,
                                  qujat_lang lang) {
  qujat_document_free(*out);
  *out = NULL;
  memset(&err, 0, sizeof err);
  qujat_request req = {0};
  req.kind = QUJAT_DOC_FEES;
  req.service = service;
  req.profile = prof;
  req.lang = lang;
  req.date = date;
  return qujat_document_build(c, &req, out, &err);
}

static qujat_status build_slip(const char *service, const char *date,
                               qujat_lang lang) {
  return build_slip_in(cat, &doc, service, date, lang);
}

/* Builds an English fee slip and asserts success. */
static void slip(const char *service, const char *date) {
  qujat_status st = build_slip(service, date, QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s on %s: %s", service, date, err.msg);
  cr_assert_not_null(doc);
}

static qujat_status build_fine_lang(const char *fine, int days,
                                    qujat_business_size size,
                                    const char *date, qujat_lang lang) {
  qujat_document_free(doc);
  doc = NULL;
  memset(&err, 0, sizeof err);
  qujat_request req = {0};
  req.kind = QUJAT_DOC_FINE;
  req.fine = fine;
  req.days = days;
  req.size = size;
  req.lang = lang;
  req.date = date;
  return qujat_document_build(cat, &req, &doc, &err);
}

static qujat_status build_fine(const char *fine, int days,
                               qujat_business_size size, const char *date) {
  return build_fine_lang(fine, days, size, date, QUJAT_LANG_EN);
}

static void fine_ok(const char *fine, int days, qujat_business_size size,
                    const char *date) {
  qujat_status st = build_fine(fine, days, size, date);
  cr_assert_eq(st, QUJAT_OK, "%s (%d days, size %d) on %s: %s", fine, days,
               (int)size, date, err.msg);
  cr_assert_not_null(doc);
}

static size_t count_fees(const qujat_document *d, enum fee_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < d->nfees; i++)
    n += d->fees[i].kind == kind;
  return n;
}

/* The only fee of `kind` in `doc`. */
static const struct rfee *the_fee(enum fee_kind kind) {
  cr_assert_eq(count_fees(doc, kind), 1, "%zu fees of kind %d",
               count_fees(doc, kind), kind);
  for (size_t i = 0; i < doc->nfees; i++)
    if (doc->fees[i].kind == kind)
      return &doc->fees[i];
  return NULL;
}

static const char *warning_with(const char *needle) {
  for (size_t i = 0; i < qujat_document_warning_count(doc); i++)
    if (strstr(qujat_document_warning(doc, i), needle))
      return qujat_document_warning(doc, i);
  return NULL;
}

/* Renders `doc` as JSON into `json`. */
static void render_json(void) {
  qujat_free(json);
  json = NULL;
  size_t len = 0;
  qujat_status st = qujat_render_json(doc, &json, &len, &err);
  cr_assert_eq(st, QUJAT_OK, "json: %s", err.msg);
  cr_assert_not_null(json);
  cr_assert_eq(strlen(json), len);
}

static void expect_json_has(const char *fragment) {
  cr_expect_not_null(strstr(json, fragment), "no '%s' in\n%s", fragment, json);
}

static void expect_json_lacks(const char *fragment) {
  cr_expect_null(strstr(json, fragment), "'%s' in\n%s", fragment, json);
}

static size_t count_str(const char *s, const char *needle) {
  size_t n = 0, k = strlen(needle);
  for (const char *p = s; (p = strstr(p, needle)) != NULL; p += k)
    n++;
  return n;
}

/* "1845.50" -> 184550 tiyn; -1 when it is not an amount with two decimals. */
static int64_t parse_kzt(const char *s, size_t len) {
  int64_t v = 0;
  size_t i = 0, digits = 0;
  for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
    v = v * 10 + (s[i] - '0');
  if (digits == 0 || i + 3 != len || s[i] != '.' || s[i + 1] < '0' ||
      s[i + 1] > '9' || s[i + 2] < '0' || s[i + 2] > '9')
    return -1;
  return v * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
}

/* The sum of the quoted "kzt" amounts of the JSON "fees" array; sets
 * *quoted to how many there were. */
static int64_t json_fee_sum(size_t *quoted) {
  const char *start = strstr(json, "\"fees\": [");
  cr_assert_not_null(start, "no fees in\n%s", json);
  const char *end = strstr(start, "\"total_kzt\"");
  cr_assert_not_null(end, "no total_kzt in\n%s", json);
  int64_t sum = 0;
  *quoted = 0;
  for (const char *p = start; (p = strstr(p, "\"kzt\": \"")) && p < end;) {
    p += strlen("\"kzt\": \"");
    const char *q = strchr(p, '"');
    cr_assert_not_null(q);
    int64_t v = parse_kzt(p, (size_t)(q - p));
    cr_assert_geq(v, 0, "bad amount '%.*s'", (int)(q - p), p);
    sum += v;
    (*quoted)++;
    p = q;
  }
  return sum;
}

/* The quoted value of the first "key": "..." in the JSON. */
static const char *json_string(const char *key, char *out, size_t size) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\": \"", key);
  const char *p = strstr(json, pat);
  cr_assert_not_null(p, "no %s in\n%s", key, json);
  p += strlen(pat);
  const char *q = strchr(p, '"');
  cr_assert_not_null(q);
  cr_assert_lt((size_t)(q - p), size);
  memcpy(out, p, (size_t)(q - p));
  out[q - p] = '\0';
  return out;
}

static void tiyn_text(int64_t tiyn, char *out, size_t size) {
  snprintf(out, size, "%lld.%02lld", (long long)(tiyn / 100),
           (long long)(tiyn % 100));
}

static void expect_reference_shape(const char *ref) {
  regex_t re;
  cr_assert_eq(regcomp(&re,
                       "^QJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$",
                       REG_EXTENDED | REG_NOSUB),
               0);
  cr_expect_not_null(ref);
  if (ref)
    cr_expect_eq(regexec(&re, ref, 0, NULL, 0), 0, "reference '%s'", ref);
  regfree(&re);
}

/* The reference of the slip of `service` for the current profile. */
static void reference_of(const char *service, const char *date,
                         qujat_lang lang, char out[32]) {
  qujat_status st = build_slip(service, date, lang);
  cr_assert_eq(st, QUJAT_OK, "%s on %s (%s): %s", service, date,
               qujat_lang_code(lang), err.msg);
  const char *ref = qujat_document_reference(doc);
  expect_reference_shape(ref);
  snprintf(out, 32, "%s", ref ? ref : "");
}

/* ------------------------------------------------------------------------
 * (a) The edition and the MCI change on 1 January 2026
 * ------------------------------------------------------------------------ */

/* The state fee of work-visa-in-kz: 30 MCI per person. */
static void expect_state_30_mci(int64_t mci, int year, int persons) {
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->amount, AMOUNT_MCI);
  cr_expect_eq(f->mci_centi, 3000);
  cr_expect_eq(f->mci_tiyn, mci);
  cr_expect_eq(f->mci_year, year);
  cr_expect_eq(f->persons, persons);
  cr_expect_eq(f->unit_tiyn, 30 * mci);
  cr_expect_eq(f->tiyn, 30 * mci * persons);
  cr_expect_eq(f->counted, 1);
}

Test(fees, last_day_of_2025_uses_the_2025_edition_and_mci) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2025-12-31");
  cr_expect_str_eq(doc->edition->id, "2025");
  /* 30 MCI × 3 932 KZT × 3 persons = 353 880 KZT. */
  expect_state_30_mci(MCI_2025, 2025, 3);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 35388000);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, WORK_VISA_SERVICE);
  cr_expect_eq(the_fee(FEE_SERVICE)->persons, 1, "the service fee is one");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(doc->total, 73000000 + 35388000);
  cr_expect_eq(doc->total_complete, 1);
  render_json();
  expect_json_has("\"edition\": \"2025\"");
  expect_json_has("\"mci\": \"30\", \"mci_value\": \"3932.00\", "
                  "\"mci_year\": 2025, \"persons\": 3, \"kzt\": \"353880.00\"");
  expect_json_has("\"total_kzt\": \"1083880.00\"");
}

Test(fees, first_day_of_2026_uses_the_2026_edition_and_mci) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2026-01-01");
  cr_expect_str_eq(doc->edition->id, "2026");
  /* 30 MCI × 4 325 KZT × 3 persons = 389 250 KZT. */
  expect_state_30_mci(MCI_2026, 2026, 3);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 38925000);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, WORK_VISA_SERVICE);
  cr_expect_eq(doc->total, 111925000);
  render_json();
  expect_json_has("\"edition\": \"2026\"");
  expect_json_has("\"mci_value\": \"4325.00\", \"mci_year\": 2026, "
                  "\"persons\": 3, \"kzt\": \"389250.00\"");
  expect_json_has("\"total_kzt\": \"1119250.00\"");
}

Test(fees, dates_outside_both_editions_are_rule_errors) {
  use_profile("smith-family.xml");
  const char *dates[] = {"2024-12-31", "2027-01-01"};
  for (size_t i = 0; i < 2; i++) {
    cr_expect_eq(build_slip("work-visa-in-kz", dates[i], QUJAT_LANG_EN),
                 QUJAT_ERR_RULE, "%s", dates[i]);
    cr_expect_null(doc, "%s", dates[i]);
    cr_expect_eq(err.code, QUJAT_ERR_RULE);
    cr_expect_not_null(strstr(err.msg, dates[i]), "%s", err.msg);
    /* It says what the data covers: 2025-01-01 to 2026-12-31. */
    cr_expect_not_null(strstr(err.msg, "2025-01-01"), "%s", err.msg);
    cr_expect_not_null(strstr(err.msg, "2026-12-31"), "%s", err.msg);
  }
}

/* ------------------------------------------------------------------------
 * (b) Half an MCI of an odd number of tenge is exact to the tiyn
 * ------------------------------------------------------------------------ */

/* Adapted from fuzz/corpus/catalog/minimal.xml: an edition of 2026 whose
 * MCI is 3 691 KZT (odd), a service with 0.5 MCI per person and one with
 * 0.25 MCI per person and no service fee. */
static const char half_mci_catalog[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<catalog xmlns=\"urn:qujat:catalog:1\" updated=\"2026-11-21\">\n"
    "  <source id=\"g\" file=\"seed.txt\" lang=\"kk\">\n"
    "    <title><kk>Нұсқаулық</kk><ru>Руководство</ru><en>Guidebook</en>"
    "</title>\n"
    "  </source>\n"
    "  <edition id=\"2026\" from=\"2026-01-01\" to=\"2026-12-31\" "
    "source=\"g\">\n"
    "    <title><kk>2026</kk><ru>2026</ru><en>2026</en></title>\n"
    "  </edition>\n"
    "  <mci year=\"2026\" kzt=\"3691\"><source ref=\"g\" section=\"fees\"/>"
    "</mci>\n"
    "  <document id=\"passport\">\n"
    "    <source ref=\"g\" section=\"docs\"/>\n"
    "    <text><kk>Төлқұжат</kk><ru>Паспорт</ru><en>Passport</en></text>\n"
    "  </document>\n"
    "  <procedure id=\"p\"><source ref=\"g\" section=\"steps\"/>\n"
    "    <title><kk>Қадам</kk><ru>Шаг</ru><en>Step</en></title>\n"
    "    <bullet><kk>Бір</kk><ru>Один</ru><en>One</en></bullet>\n"
    "  </procedure>\n"
    "  <group id=\"g1\"><source ref=\"g\" section=\"group\"/>\n"
    "    <title><kk>Топ</kk><ru>Группа</ru><en>Group</en></title></group>\n"
    "  <service id=\"half\" group=\"g1\">\n"
    "    <source ref=\"g\" section=\"half\"/>\n"
    "    <title><kk>Жарты</kk><ru>Половина</ru><en>Half</en></title>\n"
    "    <description><kk>Сипат</kk><ru>Описание</ru><en>About</en>"
    "</description>\n"
    "    <steps><step ref=\"p\"/></steps>\n"
    "    <documents><item doc=\"passport\" per=\"person\"/></documents>\n"
    "    <fees edition=\"2026\"><source ref=\"g\" section=\"fees\"/>\n"
    "      <fee kind=\"service\" kzt=\"40000\"/>\n"
    "      <fee kind=\"state\" mci=\"0.5\" printed-kzt=\"1845.5\" "
    "per=\"person\"/>\n"
    "    </fees>\n"
    "    <timeframe min=\"3\" max=\"5\" unit=\"business-day\">"
    "<source ref=\"g\" section=\"t\"/></timeframe>\n"
    "  </service>\n"
    "  <service id=\"quarter\" group=\"g1\">\n"
    "    <source ref=\"g\" section=\"quarter\"/>\n"
    "    <title><kk>Ширек</kk><ru>Четверть</ru><en>Quarter</en></title>\n"
    "    <description><kk>Сипат</kk><ru>Описание</ru><en>About</en>"
    "</description>\n"
    "    <steps><step ref=\"p\"/></steps>\n"
    "    <documents><item doc=\"passport\" per=\"person\"/></documents>\n"
    "    <fees edition=\"2026\"><source ref=\"g\" section=\"fees\"/>\n"
    "      <fee kind=\"service\" none=\"true\"/>\n"
    "      <fee kind=\"state\" mci=\"0.25\" printed-kzt=\"922.75\" "
    "per=\"person\"/>\n"
    "    </fees>\n"
    "    <timeframe min=\"3\" max=\"5\" unit=\"business-day\">"
    "<source ref=\"g\" section=\"t\"/></timeframe>\n"
    "  </service>\n"
    "</catalog>\n";

/* qujat_catalog_load_memory() loads no locales, and a document needs them
 * (dates, timeframe, words): borrow those of the real catalog, which
 * outlives `mem`; teardown gives them back before freeing `mem`. */
static void load_half_mci_catalog(void) {
  qujat_status st = qujat_catalog_load_memory(
      half_mci_catalog, sizeof half_mci_catalog - 1, "half-mci.xml", &mem,
      &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  memcpy(mem->locales, cat->locales, sizeof mem->locales);
}

Test(fees, half_an_mci_of_3691_tenge_is_1845_50_exactly) {
  load_half_mci_catalog();
  qujat_status st = build_slip_in(mem, &doc, "half", "2026-05-05",
                                  QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  const struct rfee *f = the_fee(FEE_STATE);
  cr_expect_eq(f->mci_centi, 50);
  cr_expect_eq(f->mci_tiyn, 369100);
  cr_expect_eq(f->unit_tiyn, 184550, "0.5 × 3 691 = 1 845.50 KZT");
  cr_expect_eq(f->tiyn, 184550);
  cr_expect_eq(doc->total, 4000000 + 184550);
  cr_expect_str_eq(doc->in_words,
                   "Forty-one thousand eight hundred forty-five tenge 50 tiyn");
  render_json();
  expect_json_has("\"mci\": \"0.5\", \"mci_value\": \"3691.00\", "
                  "\"mci_year\": 2026, \"persons\": 1, \"kzt\": \"1845.50\"");
  expect_json_has("\"total_kzt\": \"41845.50\"");
  size_t n;
  cr_expect_eq(json_fee_sum(&n), 4184550);
  cr_expect_eq(n, 2);
}

Test(fees, a_quarter_mci_of_3691_tenge_is_922_75_per_person) {
  load_half_mci_catalog();
  qujat_status st = build_slip_in(mem, &doc, "quarter", "2026-05-05",
                                  QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 92275, "0.25 × 3 691 = 922.75");
  cr_expect_eq(doc->total, 92275);
  cr_expect_str_eq(doc->in_words, "Nine hundred twenty-two tenge 75 tiyn");
  render_json();
  expect_json_has("\"mci\": \"0.25\"");
  expect_json_has("\"kzt\": \"922.75\"");
  expect_json_has("\"total_kzt\": \"922.75\"");
  /* The service fee shown as a dash is not a fee to pay. */
  expect_json_lacks("\"kind\": \"service\"");
  /* Three persons: 3 × 922.75 = 2 768.25 KZT. */
  use_profile("smith-family.xml");
  st = build_slip_in(mem, &doc, "quarter", "2026-05-05", QUJAT_LANG_RU);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_eq(the_fee(FEE_STATE)->persons, 3);
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 276825);
  cr_expect_eq(doc->total, 276825);
  render_json();
  expect_json_has("\"persons\": 3, \"kzt\": \"2768.25\"");
  expect_json_has("\"total_kzt\": \"2768.25\"");
}

/* ------------------------------------------------------------------------
 * (c) The fee slip: reference, payees, total in words
 * ------------------------------------------------------------------------ */

Test(fees, reference_has_the_crockford_shape_and_is_stable) {
  use_profile("smith-family.xml");
  char a[32], b[32];
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, a);
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, b);
  cr_expect_str_eq(a, b, "the same request, another reference");
  /* The same request against another load of the same data. */
  qujat_status st = build_slip_in(cat, &doc2, "work-visa-in-kz", "2026-11-21",
                                  QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_str_eq(qujat_document_reference(doc2), a);
}

Test(fees, reference_is_the_same_in_every_language) {
  use_profile("smith-family.xml");
  char kk[32], ru[32], en[32];
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_KK, kk);
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU, ru);
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, en);
  cr_expect_str_eq(kk, en);
  cr_expect_str_eq(ru, en);
  /* Also with a fee that has its own label (an expert's TRP fee). */
  use_profile("expert-branch.xml");
  reference_of("trp-employment", "2026-11-21", QUJAT_LANG_KK, kk);
  reference_of("trp-employment", "2026-11-21", QUJAT_LANG_RU, ru);
  reference_of("trp-employment", "2026-11-21", QUJAT_LANG_EN, en);
  cr_expect_str_eq(kk, en);
  cr_expect_str_eq(ru, en);
}

Test(fees, reference_changes_with_the_date_and_the_persons) {
  use_profile("smith-family.xml");
  char base[32], other[32];
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, base);
  reference_of("work-visa-in-kz", "2026-11-22", QUJAT_LANG_EN, other);
  cr_expect_str_neq(base, other, "another date, same reference");
  reference_of("work-visa-in-kz", "2025-11-21", QUJAT_LANG_EN, other);
  cr_expect_str_neq(base, other, "another edition, same reference");
  /* The same applicant with two persons instead of three. */
  use_profile_edited("smith-family.xml",
                     "<dependant relation=\"child\" surname=\"SMITH\" "
                     "given-names=\"TOM\" birth-date=\"2012-06-01\" "
                     "sex=\"M\" citizenship=\"GB\">\n"
                     "    <passport number=\"555123456\" "
                     "expires=\"2031-06-01\"/>\n  </dependant>",
                     "");
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, other);
  cr_expect_eq(the_fee(FEE_STATE)->persons, 2);
  cr_expect_str_neq(base, other, "two persons, same reference as three");
  /* Another applicant; no applicant. */
  use_profile("minimal.xml");
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, other);
  cr_expect_str_neq(base, other, "another profile, same reference");
  char none[32];
  no_profile();
  reference_of("work-visa-in-kz", "2026-11-21", QUJAT_LANG_EN, none);
  cr_expect_str_neq(base, none);
  cr_expect_str_neq(other, none, "DOE ALEX and no profile, same reference");
  /* Another service. */
  reference_of("iin", "2026-11-21", QUJAT_LANG_EN, other);
  cr_expect_str_neq(none, other);
}

Test(fees, only_fee_slips_have_a_reference) {
  qujat_request req = {0};
  req.kind = QUJAT_DOC_CHECKLIST;
  req.service = "iin";
  req.lang = QUJAT_LANG_EN;
  req.date = "2026-11-21";
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_null(qujat_document_reference(doc));
  fine_ok("overstay", 4, QUJAT_SIZE_NONE, "2026-11-21");
  cr_expect_null(qujat_document_reference(doc));
}

Test(fees, slip_json_has_reference_payees_total_and_words) {
  use_profile("smith-family.xml");
  slip("work-visa-in-kz", "2026-11-21");
  render_json();
  char ref[32], words[256];
  cr_expect_str_eq(json_string("reference", ref, sizeof ref),
                   qujat_document_reference(doc));
  expect_json_has("\"service\": \"work-visa-in-kz\"");
  expect_json_has("\"applicant\": \"SMITH JOHN\"");
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"730000.00\"}");
  expect_json_has("{\"kind\": \"state\", \"payee\": \"state-budget\", "
                  "\"mci\": \"30\", \"mci_value\": \"4325.00\", "
                  "\"mci_year\": 2026, \"persons\": 3, "
                  "\"kzt\": \"389250.00\"}");
  expect_json_has("\"total_kzt\": \"1119250.00\"");
  expect_json_has("\"total_complete\": true");
  size_t n;
  cr_expect_eq(json_fee_sum(&n), 111925000, "total_kzt is not the sum");
  cr_expect_eq(n, 2);
  cr_expect_str_eq(json_string("total_in_words", words, sizeof words),
                   "One million one hundred nineteen thousand two hundred "
                   "fifty tenge 00 tiyn");
  cr_expect_str_eq(doc->in_words, words);
  /* A slip has no document list. */
  expect_json_lacks("\"documents\"");
}

Test(fees, total_in_words_in_russian) {
  use_profile("smith-family.xml");
  cr_assert_eq(build_slip("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  cr_expect_eq(doc->total, 111925000);
  cr_expect_str_eq(doc->in_words, "Один миллион сто девятнадцать тысяч "
                                  "двести пятьдесят тенге 00 тиынов");
  render_json();
  expect_json_has("\"total_in_words\": \"Один миллион сто девятнадцать "
                  "тысяч двести пятьдесят тенге 00 тиынов\"");
  expect_json_has("\"lang\": \"ru\"");
  /* The payees are ids, the same in every language. */
  expect_json_has("\"payee\": \"expat-centre\"");
  expect_json_has("\"payee\": \"state-budget\"");
}

Test(fees, the_total_is_the_sum_of_the_lines_for_several_services) {
  static const struct {
    const char *profile, *service, *date;
    int64_t total;
  } cases[] = {
      /* 730 000 + 30 × 3 932 × 3 */
      {"smith-family.xml", "work-visa-in-kz", "2025-06-02", 108388000},
      /* iin 2026, no profile: 20 000. */
      {NULL, "iin", "2026-11-21", 2000000},
      /* business-visa-multi-invitation 2026, personal manager 270 000 and
       * 0.5 × 4 325 = 2 162.50. */
      {"business-b2-pm.xml", "business-visa-multi-invitation", "2026-11-21",
       27000000 + 216250},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (cases[i].profile)
      use_profile(cases[i].profile);
    else
      no_profile();
    slip(cases[i].service, cases[i].date);
    cr_expect_eq(doc->total, cases[i].total, "%s", cases[i].service);
    render_json();
    size_t n;
    cr_expect_eq(json_fee_sum(&n), cases[i].total, "%s", cases[i].service);
    char want[64], got[32];
    tiyn_text(cases[i].total, want, sizeof want);
    cr_expect_str_eq(json_string("total_kzt", got, sizeof got), want, "%s",
                     cases[i].service);
  }
}

/* ------------------------------------------------------------------------
 * (d) Options: walk-in, «Priority Service», personal manager
 * ------------------------------------------------------------------------ */

Test(fees, iin_walk_in_replaces_the_standard_fee_in_2025) {
  use_profile("priority-iin.xml");
  slip("iin", "2025-06-02");
  cr_expect_eq(doc->nfees, 1);
  cr_expect_eq(count_fees(doc, FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_WALK_IN)->tiyn, 4000000);
  cr_expect_eq(doc->total, 4000000);
  render_json();
  expect_json_has("{\"kind\": \"walk-in\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"40000.00\"}");
  expect_json_lacks("\"kind\": \"service\"");
  expect_json_has("\"total_kzt\": \"40000.00\"");
  expect_json_has("\"total_in_words\": \"Forty thousand tenge 00 tiyn\"");
}

Test(fees, iin_priority_service_is_paid_on_top_in_2026) {
  use_profile("priority-iin.xml");
  slip("iin", "2026-11-21");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  cr_expect_eq(the_fee(FEE_PRIORITY)->tiyn, 2000000);
  cr_expect_eq(doc->total, 4000000);
  cr_expect_eq(qujat_document_warning_count(doc), 0);
  render_json();
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"20000.00\"}");
  expect_json_has("{\"kind\": \"priority\", \"payee\": \"expat-centre\", "
                  "\"kzt\": \"20000.00\"}");
  expect_json_has("\"total_kzt\": \"40000.00\"");
}

Test(fees, tax_residence_with_a_personal_manager) {
  use_profile("tax-company.xml");
  slip("tax-residence-certificate", "2025-06-02");
  cr_expect_eq(count_fees(doc, FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_PERSONAL_MANAGER)->tiyn, 28000000);
  cr_expect_eq(doc->total, 28000000);
  slip("tax-residence-certificate", "2026-11-21");
  cr_expect_eq(count_fees(doc, FEE_SERVICE), 0);
  cr_expect_eq(the_fee(FEE_PERSONAL_MANAGER)->tiyn, 30000000);
  cr_expect_eq(doc->total, 30000000);
  render_json();
  expect_json_has("{\"kind\": \"personal-manager\", "
                  "\"payee\": \"expat-centre\", \"kzt\": \"300000.00\"}");
  expect_json_has("\"total_kzt\": \"300000.00\"");
  expect_json_has("\"total_in_words\": \"Three hundred thousand tenge 00 "
                  "tiyn\"");
}

Test(fees, a_personal_manager_the_service_lacks_warns_and_keeps_the_fee) {
  /* arrival-notification has only a service fee of 20 000 KZT. */
  use_profile("tax-company.xml");
  slip("arrival-notification", "2026-11-21");
  cr_expect_eq(count_fees(doc, FEE_PERSONAL_MANAGER), 0);
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  cr_expect_eq(doc->total, 2000000);
  cr_expect_eq(qujat_document_warning_count(doc), 1);
  cr_expect_str_eq(warning_with("personal manager"),
                   "The 2026 edition offers no personal manager for this "
                   "service: the standard service fee applies.");
  slip("arrival-notification", "2025-06-02");
  cr_expect_eq(the_fee(FEE_SERVICE)->tiyn, 2000000);
  cr_expect_not_null(warning_with("2025 edition"));
}

/* ------------------------------------------------------------------------
 * (e) Fees the source does not state
 * ------------------------------------------------------------------------ */

Test(fees, work_visa_extension_fees_are_not_stated) {
  use_profile("smith-family.xml");
  slip("work-visa-extension", "2026-11-21");
  cr_expect_eq(doc->nfees, 2);
  cr_expect_eq(the_fee(FEE_SERVICE)->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(the_fee(FEE_STATE)->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(the_fee(FEE_SERVICE)->counted, 0);
  cr_expect_eq(the_fee(FEE_STATE)->counted, 0);
  cr_expect_eq(doc->total_complete, 0);
  expect_reference_shape(qujat_document_reference(doc));
  render_json();
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"stated\": false, \"kzt\": null}");
  expect_json_has("{\"kind\": \"state\", \"payee\": \"state-budget\", "
                  "\"stated\": false, \"kzt\": null}");
  cr_expect_eq(count_str(json, "\"stated\": false"), 2);
  expect_json_has("\"total_complete\": false");
}

Test(fees, nothing_stated_is_not_zero_tenge_in_words) {
  /* When the source states none of the fees, the total is "not stated by
   * the source": the slip must not say "Zero tenge 00 tiyn" in words, in
   * its JSON or in its XML twin (DESIGN.md: never invent a fee). */
  slip("work-visa-extension", "2026-11-21");
  cr_expect_eq(doc->total_complete, 0);
  cr_expect(doc->in_words == NULL || strstr(doc->in_words, "Zero") == NULL,
            "in words: '%s'", doc->in_words);
  render_json();
  expect_json_lacks("Zero");
  expect_json_has("\"total_in_words\": null");
  char *text = NULL;
  cr_assert_eq(qujat_render_text(doc, &text, NULL, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_null(strstr(text, "Zero"), "%s", text);
  cr_expect_not_null(strstr(text, "not stated by the source"), "%s", text);
  qujat_free(text);
}

Test(fees, business_multi_extension_has_the_digest_state_fee_only) {
  slip("business-visa-multi-extension", "2026-11-21");
  const struct rfee *state = the_fee(FEE_STATE);
  cr_expect_eq(state->amount, AMOUNT_MCI);
  cr_expect_eq(state->mci_centi, 3000);
  cr_expect_eq(state->tiyn, 30 * MCI_2026, "30 × 4 325 = 129 750 KZT");
  cr_expect_eq(state->counted, 1);
  cr_expect_eq(the_fee(FEE_SERVICE)->amount, AMOUNT_NOT_STATED);
  cr_expect_eq(doc->total, 12975000);
  cr_expect_eq(doc->total_complete, 0);
  render_json();
  expect_json_has("{\"kind\": \"service\", \"payee\": \"expat-centre\", "
                  "\"stated\": false, \"kzt\": null}");
  expect_json_has("\"mci\": \"30\", \"mci_value\": \"4325.00\", "
                  "\"mci_year\": 2026, \"persons\": 1, "
                  "\"kzt\": \"129750.00\"");
  expect_json_has("\"total_kzt\": \"129750.00\"");
  expect_json_has("\"total_complete\": false");
  /* 2025: 30 × 3 932 = 117 960 KZT. */
  slip("business-visa-multi-extension", "2025-03-03");
  cr_expect_eq(the_fee(FEE_STATE)->tiyn, 11796000);
  cr_expect_eq(doc->total, 11796000);
}

/* ------------------------------------------------------------------------
 * (f) The XML twin inside the PDF
 * ------------------------------------------------------------------------ */

/* Inflates the zlib stream at p[0..len); NULL when it is not one. */
static char *inflate_at(const unsigned char *p, size_t len, size_t *out_len) {
  z_stream z = {0};
  if (inflateInit(&z) != Z_OK)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *out = malloc(cap + 1);
  z.next_in = (unsigned char *)p;
  z.avail_in = (uInt)len;
  int rc = Z_OK;
  while (out && rc == Z_OK) {
    if (n == cap) {
      char *more = realloc(out, 2 * cap + 1);
      if (!more) {
        free(out);
        out = NULL;
        break;
      }
      out = more;
      cap *= 2;
    }
    z.next_out = (unsigned char *)out + n;
    z.avail_out = (uInt)(cap - n);
    rc = inflate(&z, Z_NO_FLUSH);
    n = cap - z.avail_out;
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    free(out);
    return NULL;
  }
  out[n] = '\0';
  *out_len = n;
  return out;
}

/* The number of FlateDecode streams of the PDF that are an XML fee slip;
 * the first one goes to `twin`. */
static size_t find_twins(const unsigned char *p, size_t len,
                         size_t *twin_len) {
  size_t found = 0;
  for (size_t i = 0; i + 6 <= len; i++) {
    if (memcmp(p + i, "stream", 6) != 0 ||
        (i >= 3 && !memcmp(p + i - 3, "end", 3)))
      continue;
    size_t at = i + 6;
    if (at < len && p[at] == '\r')
      at++;
    if (at < len && p[at] == '\n')
      at++;
    size_t n = 0;
    char *text = inflate_at(p + at, len - at, &n);
    if (text && strncmp(text, "<?xml", 5) == 0 && strstr(text, FEES_NS)) {
      if (found++ == 0) {
        twin = text;
        *twin_len = n;
        continue;
      }
    }
    free(text);
  }
  return found;
}

static void render_pdf(void) {
  qujat_free(pdf);
  pdf = NULL;
  qujat_status st = qujat_render_pdf_memory(doc, &pdf, &pdf_len, &err);
  cr_assert_eq(st, QUJAT_OK, "pdf: %s", err.msg);
  cr_assert_gt(pdf_len, 1000);
}

static xmlChar *attr_of(xmlNodePtr n, const char *name) {
  return xmlGetProp(n, (const xmlChar *)name);
}

static void expect_attr(xmlNodePtr n, const char *name, const char *want) {
  xmlChar *v = attr_of(n, name);
  cr_expect_not_null(v, "<%s> has no %s", (const char *)n->name, name);
  if (v)
    cr_expect_str_eq((const char *)v, want, "<%s %s>", (const char *)n->name,
                     name);
  xmlFree(v);
}

/* Renders `doc` as PDF, finds its XML twin, validates it against
 * services/fees.xsd and checks it against the document. */
static void check_twin(void) {
  render_pdf();
  free(twin);
  twin = NULL;
  size_t len = 0;
  cr_assert_eq(find_twins(pdf, pdf_len, &len), 1, "not one XML twin");
  /* /Params << /Size N >> gives the XML's length. */
  char size[64];
  snprintf(size, sizeof size, "/Size %zu", len);
  cr_expect(memmem(pdf, pdf_len, size, strlen(size)) != NULL,
            "no '%s' in the PDF", size);
  cr_expect(memmem(pdf, pdf_len, "qujat-fees.xml", 14) != NULL,
            "the attachment is not named qujat-fees.xml");

  xmlDocPtr x = xmlReadMemory(twin, (int)len, "qujat-fees.xml", "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING);
  cr_assert_not_null(x, "the twin is not XML:\n%s", twin);
  /* qujat refuses every external entity load, so the schema is read the
   * way the catalog reads it, from memory. */
  xmlSchemaPtr schema = NULL;
  qujat_error serr = {0};
  cr_assert_eq(qujat_xml_schema_load(FEES_XSD, &schema, &serr), QUJAT_OK,
               "cannot parse %s: %s", FEES_XSD, serr.msg);
  xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
  cr_assert_not_null(vc);
  int valid = xmlSchemaValidateDoc(vc, x);
  cr_expect_eq(valid, 0, "the twin is not valid against fees.xsd:\n%s",
               twin);
  xmlSchemaFreeValidCtxt(vc);
  xmlSchemaFree(schema);

  xmlNodePtr root = xmlDocGetRootElement(x);
  cr_assert_not_null(root);
  cr_expect_str_eq((const char *)root->name, "fee-slip");
  cr_expect(root->ns && !strcmp((const char *)root->ns->href, FEES_NS));
  expect_attr(root, "reference", qujat_document_reference(doc));
  expect_attr(root, "service", doc->service->id);
  expect_attr(root, "edition", doc->edition->id);
  char date[11];
  snprintf(date, sizeof date, "%04d-%02d-%02d", doc->date.y, doc->date.m,
           doc->date.d);
  expect_attr(root, "date", date);
  static const char *const langs[] = {"kk", "ru", "en"};
  expect_attr(root, "lang", langs[doc->lang]);
  size_t nfee = 0;
  int total_seen = 0;
  for (xmlNodePtr c = root->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    if (!strcmp((const char *)c->name, "fee")) {
      nfee++;
    } else if (!strcmp((const char *)c->name, "total")) {
      char total[32];
      tiyn_text(doc->total, total, sizeof total);
      expect_attr(c, "kzt", total);
      expect_attr(c, "complete", doc->total_complete ? "true" : "false");
      xmlChar *words = xmlNodeGetContent(c);
      cr_expect_str_eq((const char *)words,
                       doc->in_words ? doc->in_words : "");
      xmlFree(words);
      total_seen = 1;
    } else if (!strcmp((const char *)c->name, "applicant")) {
      xmlChar *name = xmlNodeGetContent(c);
      cr_expect_str_eq((const char *)name,
                       doc->applicant ? doc->applicant : "(none)");
      xmlFree(name);
    }
  }
  cr_expect_eq(nfee, doc->nfees);
  cr_expect(total_seen, "no <total>");
  xmlFreeDoc(x);
}

Test(fees, the_pdf_carries_a_valid_xml_twin) {
  use_profile("smith-family.xml");
  cr_assert_eq(build_slip("work-visa-in-kz", "2026-11-21", QUJAT_LANG_RU),
               QUJAT_OK, "%s", err.msg);
  check_twin();
  cr_expect_not_null(strstr(twin, "total kzt=\"1119250.00\""), "%s", twin);
  cr_expect_not_null(strstr(twin, "<fee kind=\"state\" payee=\"state-budget\" "
                                  "mci=\"30\" mci-value=\"4325.00\" "
                                  "mci-year=\"2026\" persons=\"3\" "
                                  "kzt=\"389250.00\"/>"),
                     "%s", twin);
}

Test(fees, xml_twins_of_options_and_unstated_fees_are_valid) {
  use_profile("priority-iin.xml");
  slip("iin", "2025-06-02");
  check_twin();
  cr_expect_not_null(strstr(twin, "kind=\"walk-in\""), "%s", twin);
  slip("iin", "2026-11-21");
  check_twin();
  use_profile("expert-branch.xml");
  slip("trp-employment", "2026-11-21"); /* a labelled fee */
  check_twin();
  cr_expect_not_null(strstr(twin, "label=\""), "%s", twin);
  slip("work-visa-extension", "2026-11-21"); /* nothing stated */
  check_twin();
  cr_expect_not_null(strstr(twin, "stated=\"false\""), "%s", twin);
  no_profile();
  slip("business-visa-multi-extension", "2026-11-21");
  check_twin();
}

Test(fees, a_checklist_has_no_xml_twin) {
  qujat_request req = {0};
  req.kind = QUJAT_DOC_CHECKLIST;
  req.service = "iin";
  req.lang = QUJAT_LANG_EN;
  req.date = "2026-11-21";
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  render_pdf();
  size_t len;
  cr_expect_eq(find_twins(pdf, pdf_len, &len), 0);
  cr_expect(memmem(pdf, pdf_len, "EmbeddedFile", 12) == NULL);
}

/* ------------------------------------------------------------------------
 * (g) Fines
 * ------------------------------------------------------------------------ */

struct fine_case {
  const char *fine;
  int days;
  qujat_business_size size;
  const char *date;
  int64_t mci_centi; /* 0: a warning */
  int64_t mci;       /* the MCI of the date's year, tiyn */
  const char *also;  /* English, or NULL */
};

static const struct fine_case fine_cases[] = {
    /* Overstay: up to 3 days a warning, 4-5 10 MCI, 6-10 15, 11+ 25. */
    {"overstay", 1, QUJAT_SIZE_NONE, "2026-11-21", 0, MCI_2026, NULL},
    {"overstay", 2, QUJAT_SIZE_NONE, "2026-11-21", 0, MCI_2026, NULL},
    {"overstay", 3, QUJAT_SIZE_NONE, "2026-11-21", 0, MCI_2026, NULL},
    {"overstay", 4, QUJAT_SIZE_NONE, "2026-11-21", 1000, MCI_2026, NULL},
    {"overstay", 5, QUJAT_SIZE_NONE, "2026-11-21", 1000, MCI_2026, NULL},
    {"overstay", 6, QUJAT_SIZE_NONE, "2026-11-21", 1500, MCI_2026, NULL},
    {"overstay", 10, QUJAT_SIZE_NONE, "2026-11-21", 1500, MCI_2026, NULL},
    {"overstay", 11, QUJAT_SIZE_NONE, "2026-11-21", 2500, MCI_2026,
     "or expulsion from the country"},
    {"overstay", 100, QUJAT_SIZE_NONE, "2026-11-21", 2500, MCI_2026,
     "or expulsion from the country"},
    /* Late notification by the host's size: 10 / 15 / 20 MCI. */
    {"late-notification", 0, QUJAT_SIZE_SMALL, "2026-11-21", 1000, MCI_2026,
     NULL},
    {"late-notification", 0, QUJAT_SIZE_MEDIUM, "2026-11-21", 1500, MCI_2026,
     NULL},
    {"late-notification", 0, QUJAT_SIZE_LARGE, "2026-11-21", 2000, MCI_2026,
     NULL},
    /* Repeated: 40 / 70 / 100 MCI and a ban on invitations. */
    {"late-notification-repeat", 0, QUJAT_SIZE_LARGE, "2025-06-15", 10000,
     MCI_2025, "and a ban on issuing invitations"},
    {"late-notification-repeat", 0, QUJAT_SIZE_SMALL, "2025-06-15", 4000,
     MCI_2025, "and a ban on issuing invitations"},
    /* No edition covers 2024, but the digest's MCI does. */
    {"late-notification", 0, QUJAT_SIZE_SMALL, "2024-05-05", 1000, MCI_2024,
     NULL},
    {"overstay-repeat", 0, QUJAT_SIZE_NONE, "2026-11-21", 1500, MCI_2026,
     "or expulsion from the country"},
    {"work-without-permit", 0, QUJAT_SIZE_NONE, "2026-11-21", 2500, MCI_2026,
     "or 10 days of administrative arrest, or expulsion from the country"},
};

Test(fees, fines_by_days_and_by_size) {
  for (size_t i = 0; i < sizeof fine_cases / sizeof fine_cases[0]; i++) {
    const struct fine_case *c = &fine_cases[i];
    fine_ok(c->fine, c->days, c->size, c->date);
    cr_expect_null(doc->service, "a fine has no service");
    cr_assert_eq(doc->nfees, 1);
    const struct rfee *f = &doc->fees[0];
    cr_expect_eq(f->kind, FEE_FINE);
    render_json();
    char want[128];
    snprintf(want, sizeof want, "\"fine\": \"%s\"", c->fine);
    expect_json_has(want);
    if (c->days)
      snprintf(want, sizeof want, "\"days\": %d,", c->days);
    else
      snprintf(want, sizeof want, "\"days\": null,");
    expect_json_has(want);
    if (c->mci_centi == 0) {
      cr_expect_eq(f->amount, AMOUNT_NONE, "%s %d days", c->fine, c->days);
      cr_expect_eq(f->counted, 0);
      cr_expect_eq(doc->total, 0);
      expect_json_has("\"warning\": true");
      expect_json_has("\"kzt\": null");
      expect_json_lacks("\"mci\"");
    } else {
      int64_t tiyn = c->mci_centi * c->mci / 100;
      cr_expect_eq(f->amount, AMOUNT_MCI, "%s", c->fine);
      cr_expect_eq(f->mci_centi, c->mci_centi, "%s %d days", c->fine,
                   c->days);
      cr_expect_eq(f->mci_tiyn, c->mci);
      cr_expect_eq(f->tiyn, tiyn, "%s %d days", c->fine, c->days);
      cr_expect_eq(doc->total, tiyn);
      expect_json_has("\"warning\": false");
      char kzt[32];
      tiyn_text(tiyn, kzt, sizeof kzt);
      snprintf(want, sizeof want, "\"kzt\": \"%s\"", kzt);
      expect_json_has(want);
      snprintf(want, sizeof want, "\"mci_year\": %.4s", c->date);
      expect_json_has(want);
    }
    if (c->also) {
      snprintf(want, sizeof want, "\"also\": \"%s\"", c->also);
      expect_json_has(want);
    } else {
      expect_json_has("\"also\": null");
    }
  }
}

Test(fees, repeated_late_notification_of_a_large_business_in_2025) {
  fine_ok("late-notification-repeat", 0, QUJAT_SIZE_LARGE, "2025-06-15");
  /* 100 × 3 932 = 393 200 KZT. */
  cr_expect_eq(doc->total, 39320000);
  render_json();
  expect_json_has("\"size\": \"large\"");
  expect_json_has("\"mci\": \"100\", \"mci_value\": \"3932.00\", "
                  "\"mci_year\": 2025, \"kzt\": \"393200.00\"");
  expect_json_has("\"article\": \"518\"");
}

Test(fees, fines_render_as_text_and_pdf_in_every_language) {
  for (int lang = QUJAT_LANG_KK; lang <= QUJAT_LANG_EN; lang++) {
    cr_assert_eq(build_fine_lang("overstay", 11, QUJAT_SIZE_NONE, "2026-11-21",
                                 (qujat_lang)lang),
                 QUJAT_OK, "%s", err.msg);
    char *text = NULL;
    cr_expect_eq(qujat_render_text(doc, &text, NULL, &err), QUJAT_OK, "%s",
                 err.msg);
    /* 25 × 4 325 = 108 125 KZT, grouped with a space. */
    cr_expect_not_null(text ? strstr(text, "108 125") : NULL, "%s", text);
    qujat_free(text);
    render_pdf();
    size_t len;
    cr_expect_eq(find_twins(pdf, pdf_len, &len), 0, "a fine has no twin");
  }
}

Test(fees, fine_arguments_are_checked) {
  /* Overstay depends on the days: 0 or missing is an argument error. */
  cr_expect_eq(build_fine("overstay", 0, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_null(doc);
  cr_expect_not_null(strstr(err.msg, "days"), "%s", err.msg);
  cr_expect_eq(build_fine("overstay", -5, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_eq(build_fine("overstay", 4, QUJAT_SIZE_SMALL, "2026-11-21"),
               QUJAT_ERR_ARG, "overstay does not depend on the size");
  /* Late notification depends on the size, not on the days. */
  cr_expect_eq(build_fine("late-notification", 0, QUJAT_SIZE_NONE,
                          "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "size"), "%s", err.msg);
  cr_expect_eq(build_fine("late-notification", 3, QUJAT_SIZE_SMALL,
                          "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "days"), "%s", err.msg);
  cr_expect_eq(build_fine("late-notification", 3, QUJAT_SIZE_NONE,
                          "2026-11-21"),
               QUJAT_ERR_ARG);
  /* A bad date. */
  cr_expect_eq(build_fine("overstay", 4, QUJAT_SIZE_NONE, "2026-02-30"),
               QUJAT_ERR_ARG);
}

Test(fees, an_unknown_fine_lists_the_known_kinds) {
  cr_expect_eq(build_fine("no-such", 0, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_null(doc);
  cr_expect_not_null(strstr(err.msg, "no-such"), "%s", err.msg);
  static const char *const kinds[] = {
      "overstay", "overstay-repeat", "work-without-permit",
      "late-notification", "late-notification-repeat"};
  for (size_t i = 0; i < 5; i++)
    cr_expect_not_null(strstr(err.msg, kinds[i]), "%s not in: %s", kinds[i],
                       err.msg);
  cr_expect_eq(build_fine(NULL, 0, QUJAT_SIZE_NONE, "2026-11-21"),
               QUJAT_ERR_ARG);
  cr_expect_not_null(strstr(err.msg, "late-notification"), "%s", err.msg);
}

Test(fees, a_fine_in_a_year_without_mci_is_a_rule_error) {
  cr_expect_eq(build_fine("late-notification", 0, QUJAT_SIZE_SMALL,
                          "2027-03-01"),
               QUJAT_ERR_RULE);
  cr_expect_null(doc);
  cr_expect_not_null(strstr(err.msg, "2027"), "%s", err.msg);
  static const char *const years[] = {"2024", "2025", "2026"};
  for (size_t i = 0; i < 3; i++)
    cr_expect_not_null(strstr(err.msg, years[i]), "%s not in: %s", years[i],
                       err.msg);
  cr_expect_eq(build_fine("overstay", 11, QUJAT_SIZE_NONE, "2023-12-31"),
               QUJAT_ERR_RULE);
}

Test(fees, a_fine_needs_no_service) {
  qujat_request req = {0};
  req.kind = QUJAT_DOC_FINE;
  req.fine = "overstay";
  req.days = 5;
  req.lang = QUJAT_LANG_EN;
  req.date = "2026-11-21";
  cr_assert_eq(qujat_document_build(cat, &req, &doc, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect_null(doc->service);
  cr_expect_eq(doc->total, 10 * MCI_2026);
  render_json();
  expect_json_lacks("\"service\"");
}
