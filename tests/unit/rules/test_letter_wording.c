/* SPDX-License-Identifier: MIT */
/* Unit tests of the wording of letters (rules_letter.c, template_xml.c):
 * the texts agree with the number of invited persons in the three
 * languages, both kinds of letter; text from the profile is only text (a
 * "|" or "{head}" of the profile is printed, never taken for the
 * template's line break or placeholder; line breaks and tabs of the
 * profile become spaces); templates with a wrong or missing number are
 * refused with their file and line. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/rules.h"
#include "fixture.h"
#include "letter_helpers.h"
#include "letter_profiles.h"
#include "qujat/qujat.h"

TestSuite(letter_wording, .init = fixture_setup, .fini = fixture_teardown);

static qujat_status try_build(const char *service, qujat_lang lang) {
  qujat_request req = request(service, DATE, lang, 0);
  req.allow_mixed_language = 1; /* the wording, not the profile's language */
  return build_into(cat, &req, &doc);
}

/* The letter of `service` for the profile. */
static const struct rletter *letter_of(const char *service, qujat_lang lang) {
  cr_assert_eq(try_build(service, lang), QUJAT_OK, "%s", err.msg);
  return doc->letter;
}

/* ------------------------------------------------------------------------
 * One person, several persons
 * ------------------------------------------------------------------------ */

#define ALONE PROFILE(APPLICANT COMPANY C3_YEAR)
#define WITH_SPOUSE PROFILE(APPLICANT SPOUSE COMPANY C3_YEAR)

/* `s` has `part` and not `wrong`. */
static void expect_form(const char *what, const char *s, const char *part,
                        const char *wrong) {
  cr_expect(strstr(s, part) != NULL, "%s lacks '%s': %s", what, part, s);
  cr_expect(strstr(s, wrong) == NULL, "%s has '%s': %s", what, wrong, s);
}

static const struct {
  qujat_lang lang;
  const char *service;
  const char *one, *many; /* of the body */
} bodies[] = {
    {QUJAT_LANG_EN, "work-visa-invitation", "issued to the foreign citizen listed",
     "issued to the foreign citizens listed"},
    {QUJAT_LANG_EN, "work-visa-in-kz",
     "to the foreign citizen listed below, who is in",
     "to the foreign citizens listed below, who are in"},
    {QUJAT_LANG_RU, "work-visa-invitation",
     "оформить приглашение иностранному гражданину, указанному ниже,",
     "оформить приглашение иностранным гражданам, указанным ниже,"},
    {QUJAT_LANG_RU, "work-visa-in-kz",
     "выдать находящемуся в Республике Казахстан иностранному гражданину, "
     "указанному ниже,",
     "выдать находящимся в Республике Казахстан иностранным гражданам, "
     "указанным ниже,"},
    {QUJAT_LANG_KK, "work-visa-invitation",
     "төменде көрсетілген шетел азаматына C3",
     "төменде көрсетілген шетел азаматтарына C3"},
    {QUJAT_LANG_KK, "work-visa-in-kz",
     "аумағында жүрген, төменде көрсетілген шетел азаматына C3",
     "аумағында жүрген, төменде көрсетілген шетел азаматтарына C3"},
};

Test(letter_wording, body_is_singular_for_one_person_plural_for_more) {
  for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
    const char *code = qujat_lang_code(bodies[i].lang);
    use_xml(ALONE, 1);
    const struct rletter *L = letter_of(bodies[i].service, bodies[i].lang);
    cr_expect_eq(L->npersons, 1);
    expect_form(code, L->body, bodies[i].one, bodies[i].many);
    use_xml(WITH_SPOUSE, 1);
    L = letter_of(bodies[i].service, bodies[i].lang);
    cr_expect_eq(L->npersons, 2);
    expect_form(code, L->body, bodies[i].many, bodies[i].one);
  }
}

Test(letter_wording, undertakings_agree_with_the_number_of_persons) {
  static const struct {
    qujat_lang lang;
    const char *one, *many;
  } forms[] = {
      {QUJAT_LANG_EN, "invited person", "invited persons"},
      {QUJAT_LANG_RU, "приглашённого лица", "приглашённых лиц"},
      {QUJAT_LANG_KK, "шақырылған адамның", "шақырылған адамдардың"},
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    for (int many = 0; many < 2; many++) {
      use_xml(many ? WITH_SPOUSE : ALONE, 1);
      const struct rletter *L =
          letter_of("work-visa-invitation", forms[i].lang);
      cr_assert_eq(L->nundertaking, 3);
      for (size_t k = 0; k < L->nundertaking; k++) {
        const char *u = L->undertaking[k];
        cr_expect(strstr(u, many ? forms[i].many : forms[i].one), "%s", u);
        if (!many)
          cr_expect_null(strstr(u, forms[i].many), "%s", u);
      }
    }
  }
}

Test(letter_wording, russian_singular_refers_to_the_person_as_his) {
  /* «со дня его прибытия» of one «лицо», «их» of several. */
  use_xml(ALONE, 1);
  expect_form("ru",
              letter_of("work-visa-invitation", QUJAT_LANG_RU)->undertaking[0],
              "со дня его прибытия", "со дня их прибытия");
  use_xml(ALONE, 1);
  expect_form("kk",
              letter_of("work-visa-invitation", QUJAT_LANG_KK)->undertaking[0],
              "ол келген күннен", "олар келген күннен");
}

/* ------------------------------------------------------------------------
 * Text from the profile is only text
 * ------------------------------------------------------------------------ */

#define ODD_HEAD                                                               \
  "    <head position=\"Director | CEO {head}\" name=\"Aigerim Sadykova\"/>\n"
#define ODD_ADDRESS                                                            \
  "    <address>\n\t\t55/18 Mangilik El Avenue,\n\t\tAstana | 010017\n"        \
  "    </address>\n"
#define ODD_REQUEST                                                            \
  REQUEST(                                                                     \
      "category=\"C3\" entries=\"single\" from=\"2027-01-01\" "                \
      "to=\"2027-12-31\" purpose=\"Employment&#10;as an&#9;engineer\" " ISSUE  \
      " " STAY " " NUMBER)
#define ODD                                                                    \
  PROFILE(APPLICANT COMPANY_WITH(" bin=\"123456789012\"",                      \
                                 ODD_ADDRESS ODD_HEAD) ODD_REQUEST)

Test(letter_wording, bar_and_braces_of_the_profile_are_printed_as_they_are) {
  use_xml(ODD, 1);
  for (int lang = QUJAT_LANG_EN; lang <= QUJAT_LANG_RU; lang++) {
    const struct rletter *L =
        letter_of("work-visa-invitation", (qujat_lang)lang);
    cr_expect_str_eq(L->position, "Director | CEO {head}");
    cr_expect_str_eq(L->head, "Aigerim Sadykova");
    cr_assert_eq(L->ndetails, 2, "BIN and address, no contacts");
    cr_expect_str_eq(L->details[1],
                     "55/18 Mangilik El Avenue, Astana | 010017");
    cr_expect(strstr(L->body, "Employment as an engineer."), "%s", L->body);
  }
  char *text = NULL;
  size_t len = 0;
  cr_assert_eq(qujat_render_text(doc, &text, &len, &err), QUJAT_OK, "%s",
               err.msg);
  cr_expect(strstr(text, "\nDirector | CEO {head}\nAigerim Sadykova\n"), "%s",
            text);
  cr_expect(strstr(text, "\n55/18 Mangilik El Avenue, Astana | 010017\n"), "%s",
            text);
  qujat_free(text);
  unsigned char *pdf = NULL;
  cr_expect_eq(qujat_render_pdf_memory(doc, &pdf, &len, &err), QUJAT_OK,
               "a tab of the profile stops the PDF: %s", err.msg);
  qujat_free(pdf);
}

/* A company name, a head's position and a purpose of white space only. */
#define BLANK_COMPANY                                                          \
  "  <company name=\"&#10;  \" bin=\"123456789012\">\n"                        \
  "    <head position=\" \t\" name=\"A B\"/>\n"                                \
  "  </company>\n"
#define BLANK_PURPOSE                                                          \
  REQUEST("category=\"C3\" entries=\"single\" from=\"2027-01-01\" "            \
          "to=\"2027-12-31\" purpose=\"&#10; \" " ISSUE)

Test(letter_wording, blank_name_position_or_purpose_is_missing) {
  static const char xml[] = PROFILE(APPLICANT BLANK_COMPANY BLANK_PURPOSE);
  use_xml(xml, 1);
  cr_expect_eq(try_build("work-visa-invitation", QUJAT_LANG_EN),
               QUJAT_ERR_RULE);
  cr_expect(strstr(err.msg, "<company>: the letter needs the name"), "%s",
            err.msg);
  static const char *const problems[] = {"<company>: the letter needs the name",
                                         "<head position name>",
                                         "the letter needs the purpose"};
  struct diags seen = {0};
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_LETTER,
                       .service = "work-visa-invitation",
                       .profile = prof,
                       .date = DATE};
  cr_expect_eq(qujat_letter_check(cat, &req, collect, &seen, &err),
               QUJAT_ERR_RULE);
  cr_expect_eq(seen.n, 3);
  for (size_t i = 0; i < 3; i++) {
    int found = 0;
    for (int k = 0; k < seen.n && k < 8; k++)
      found |= strstr(seen.msg[k], problems[i]) != NULL;
    cr_expect(found, "no problem '%s'", problems[i]);
  }
}

/* ------------------------------------------------------------------------
 * Templates
 * ------------------------------------------------------------------------ */

/* A data directory like the project's, with templates/letter-en.xml
 * changed: every `from` (there must be one) replaced by `to`. */
struct data_dir {
  char dir[64], templates[96], en[128];
};

static void make_data_dir(struct data_dir *data, const char *from,
                          const char *to) {
  static const char *const links[] = {"services", "locales", "fonts"};
  static const char *const others[] = {"letter-kk.xml", "letter-ru.xml"};
  char path[4096], target[4096];
  snprintf(data->dir, sizeof data->dir, "/tmp/qujat-template-XXXXXX");
  cr_assert_not_null(mkdtemp(data->dir));
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", data->dir, links[i]);
    snprintf(target, sizeof target, "%s/%s", QUJAT_TEST_DATA_DIR, links[i]);
    cr_assert_eq(symlink(target, path), 0, "%s", path);
  }
  snprintf(data->templates, sizeof data->templates, "%s/templates", data->dir);
  cr_assert_eq(mkdir(data->templates, 0700), 0);
  for (size_t i = 0; i < 2; i++) {
    snprintf(path, sizeof path, "%s/%s", data->templates, others[i]);
    snprintf(target, sizeof target, "%s/templates/%s", QUJAT_TEST_DATA_DIR,
             others[i]);
    cr_assert_eq(symlink(target, path), 0, "%s", path);
  }
  static char xml[64 * 1024];
  snprintf(path, sizeof path, "%s/templates/letter-en.xml",
           QUJAT_TEST_DATA_DIR);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f);
  size_t len = fread(xml, 1, sizeof xml - 1, f);
  fclose(f);
  xml[len] = '\0';
  cr_assert_not_null(strstr(xml, from), "'%s' not in letter-en.xml", from);
  snprintf(data->en, sizeof data->en, "%s/letter-en.xml", data->templates);
  f = fopen(data->en, "wb");
  cr_assert_not_null(f);
  const char *p = xml;
  for (const char *at; (at = strstr(p, from)) != NULL; p = at + strlen(from)) {
    fwrite(p, 1, (size_t)(at - p), f);
    fputs(to, f);
  }
  fputs(p, f);
  fclose(f);
}

static void remove_data_dir(struct data_dir *data) {
  static const char *const files[] = {"services",
                                      "locales",
                                      "fonts",
                                      "templates/letter-kk.xml",
                                      "templates/letter-ru.xml",
                                      "templates/letter-en.xml"};
  char path[4096];
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", data->dir, files[i]);
    unlink(path);
  }
  rmdir(data->templates);
  rmdir(data->dir);
}

/* The catalog with letter-en.xml changed fails with `part` in the message,
 * at the line of `to` (0: any line). */
static void expect_refused(const char *from, const char *to, int at_to,
                           const char *part) {
  struct data_dir data;
  qujat_catalog *c = NULL;
  make_data_dir(&data, from, to);
  memset(&err, 0, sizeof err);
  qujat_status st = qujat_catalog_load_dir(data.dir, &c, &err);
  qujat_catalog_free(c);
  cr_expect_eq(st, QUJAT_ERR_LOCALE, "'%s': status %d (%s)", to, st, err.msg);
  cr_expect(strstr(err.msg, part), "'%s': %s", to, err.msg);
  cr_expect_str_eq(err.file, data.en);
  if (at_to) {
    FILE *f = fopen(data.en, "rb");
    char line[8192];
    int n = 0, found = 0;
    while (f && !found && fgets(line, sizeof line, f)) {
      n++;
      found = strstr(line, to) != NULL;
    }
    if (f)
      fclose(f);
    cr_expect_eq(err.line, n, "'%s' reported at line %d, expected %d", to,
                 err.line, n);
  }
  remove_data_dir(&data);
}

Test(letter_wording, templates_with_a_wrong_number_are_refused) {
  expect_refused("<body kind=\"invitation\" persons=\"one\">",
                 "<body kind=\"invitation\" persons=\"few\">", 1,
                 "persons=\"one|many\"");
  expect_refused("<subject kind=\"request\">",
                 "<subject kind=\"request\" persons=\"one\">", 1,
                 "persons=\"one|many\" is for <body> and <undertaking>");
  expect_refused("<body kind=\"request\" persons=\"one\">",
                 "<body kind=\"request\" persons=\"many\">", 0,
                 "for one and for many persons");
  expect_refused("<undertaking persons=\"one\">",
                 "<undertaking persons=\"many\">", 0,
                 "an <undertaking> for one and for many persons");
  expect_refused("<signature>{position}|{head}</signature>",
                 "<signature>{position} {head}</signature>", 0,
                 "one \"|\" in <signature>");
}

Test(letter_wording, a_text_without_a_number_is_for_both) {
  /* A <body kind="invitation"> without persons, after the one for one
   * person, serves one person and several. */
  struct data_dir data;
  qujat_catalog *c = NULL;
  make_data_dir(&data, "<body kind=\"invitation\" persons=\"many\">",
                "<body kind=\"invitation\">");
  qujat_status st = qujat_catalog_load_dir(data.dir, &c, &err);
  remove_data_dir(&data);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  const struct letter_template *t = &c->templates[LANG_EN];
  const char *many = cat->templates[LANG_EN].body[0][PERSONS_MANY];
  cr_expect_str_eq(t->body[0][PERSONS_MANY], many);
  cr_expect_str_eq(t->body[0][PERSONS_ONE], many);
  cr_expect_str_eq(t->body[1][PERSONS_ONE],
                   cat->templates[LANG_EN].body[1][PERSONS_ONE]);
  qujat_catalog_free(c);
}
