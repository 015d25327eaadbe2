/* SPDX-License-Identifier: MIT */
/* What the tests of fee slips and fines share (fees_helpers.h). */
#include "fees_helpers.h"

#include <criterion/criterion.h>

#include <regex.h>
#include <string.h>

#include "helpers.h"

char *json;
unsigned char *pdf;
size_t pdf_len;

void fees_teardown(void) {
  qujat_free(pdf);
  pdf = NULL;
  qujat_free(json);
  json = NULL;
  fixture_teardown();
}

qujat_status build_slip_in(const qujat_catalog *c, qujat_document **out,
                           const char *service, const char *date,
                           qujat_lang lang) {
  qujat_request req = request_of(QUJAT_DOC_FEES, service, date, lang);
  return build_into(c, &req, out);
}

qujat_status build_slip(const char *service, const char *date,
                        qujat_lang lang) {
  return build_slip_in(cat, &doc, service, date, lang);
}

void slip(const char *service, const char *date) {
  qujat_status st = build_slip(service, date, QUJAT_LANG_EN);
  cr_assert_eq(st, QUJAT_OK, "%s on %s: %s", service, date, err.msg);
  cr_assert_not_null(doc);
}

qujat_status build_fine_lang(const char *fine, int days,
                             qujat_business_size size, const char *date,
                             qujat_lang lang) {
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_FINE,
                       .fine = fine,
                       .days = days,
                       .size = size,
                       .lang = lang,
                       .date = date};
  return build_into(cat, &req, &doc);
}

qujat_status build_fine(const char *fine, int days, qujat_business_size size,
                        const char *date) {
  return build_fine_lang(fine, days, size, date, QUJAT_LANG_EN);
}

void fine_ok(const char *fine, int days, qujat_business_size size,
             const char *date) {
  qujat_status st = build_fine(fine, days, size, date);
  cr_assert_eq(st, QUJAT_OK, "%s (%d days, size %d) on %s: %s", fine, days,
               (int)size, date, err.msg);
  cr_assert_not_null(doc);
}

void render_json(void) { test_render_json(doc, &json); }

void render_pdf(void) { test_render_pdf(doc, &pdf, &pdf_len); }

void expect_json_has(const char *fragment) { test_expect_has(json, fragment); }

void expect_json_lacks(const char *fragment) {
  test_expect_lacks(json, fragment);
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

int64_t json_fee_sum(size_t *quoted) {
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

void expect_reference_shape(const char *ref) {
  regex_t re;
  cr_assert_eq(regcomp(&re, "^QJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$",
                       REG_EXTENDED | REG_NOSUB),
               0);
  cr_expect_not_null(ref);
  if (ref)
    cr_expect_eq(regexec(&re, ref, 0, NULL, 0), 0, "reference '%s'", ref);
  regfree(&re);
}
