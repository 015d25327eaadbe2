/* SPDX-License-Identifier: MIT */
/*
 * Invitation and request letters: the checks before anything is written,
 * then the letter's texts from the template of its language.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"
#include "base/base.h"

struct checker {
  const struct qujat_catalog *cat;
  const struct qujat_profile *p;
  const struct service *s;
  struct date date;
  qujat_diag_fn diag;
  void *user;
  qujat_error *err;
  int problems;
  int lang;                 /* LANG_* of the letter */
  int allow_mixed;          /* qujat_request.allow_mixed_language */
  struct qujat_document *d; /* collects the warnings; NULL: check only */
  qujat_status wst;         /* the first failure to write a warning */
};

static void problem(struct checker *K, int line, const char *fmt, ...)
    QUJAT_PRINTF(3, 4);

/* A problem that makes the letter impossible, at a line of the profile. */
static void problem(struct checker *K, int line, const char *fmt, ...) {
  qujat_error e;
  char msg[QUJAT_ERROR_MSG_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  qujat_err_set(&e, QUJAT_ERR_RULE, K->p ? K->p->name : NULL, line, 0, "%s",
                msg);
  if (K->problems++ == 0 && K->err)
    *K->err = e;
  if (K->diag)
    K->diag(&e, K->user);
}

/* Something a person should see that does not stop the letter, in the
 * letter's language: the locale string `key` filled with `args`. */
static void warning(struct checker *K, const char *key,
                    const struct farg *args, size_t n) {
  if (!K->d || K->wst != QUJAT_OK)
    return;
  struct buf b;
  qujat_buf_init(&b, 4096);
  K->wst = qujat_format_key(&b, K->cat, K->d->lang, key, args, n, K->err);
  if (K->wst == QUJAT_OK)
    K->wst = qujat_doc_warn(K->d, b.data);
  qujat_buf_free(&b);
}

/* Whether the profile gives a text: present and not only white space. */
static int given(const char *s) { return s && s[strspn(s, " \t\r\n")]; }

static int latin(const char *s) {
  for (; *s; s++)
    if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == ' ' ||
          *s == '-' || *s == '\''))
      return 0;
  return 1;
}

/* What the letter says of each invited person. */
static void check_person(struct checker *K, const struct person *w,
                         const char *role) {
  const struct passport_rule *rule = &K->s->passport;
  int months = rule->months_after_visa ? rule->months_after_visa : 3;
  if (!latin(w->surname) || !latin(w->given_names))
    problem(K, w->line, "%s %s %s: names must be in Latin letters, as in "
                        "the passport",
            role, w->surname, w->given_names);
  if (!w->has_birth)
    problem(K, w->line, "%s %s %s: the letter needs the birth-date", role,
            w->surname, w->given_names);
  if (!w->sex)
    problem(K, w->line, "%s %s %s: the letter needs the sex (M or F)", role,
            w->surname, w->given_names);
  if (!w->citizenship)
    problem(K, w->line, "%s %s %s: the letter needs the citizenship", role,
            w->surname, w->given_names);
  else if (!qujat_find_country(K->cat, w->citizenship))
    problem(K, w->line, "%s %s %s: citizenship '%s' is not an ISO 3166-1 "
                        "country code",
            role, w->surname, w->given_names, w->citizenship);
  if (!w->passport.present) {
    problem(K, w->line, "%s %s %s: the letter needs the <passport number "
                        "expires>",
            role, w->surname, w->given_names);
    return;
  }
  if (!K->p->has_to)
    return;
  struct date need = qujat_date_add_months(K->p->to, months);
  if (qujat_date_cmp(w->passport.expires, need) < 0) {
    char exp[11], nd[11];
    qujat_date_format(w->passport.expires, exp);
    qujat_date_format(need, nd);
    problem(K, w->line, "%s %s %s: the passport expires on %s; it must be "
                        "valid at least %d months after the visa ends, "
                        "until %s",
            role, w->surname, w->given_names, exp, months, nd);
  }
}

static void check_company(struct checker *K) {
  const struct qujat_profile *p = K->p;
  if (!p->has_company) {
    problem(K, 1, "the letter needs the <company name bin> that invites");
    return;
  }
  if (!given(p->company_name))
    problem(K, p->company_line, "<company>: the letter needs the name");
  int ok_bin = p->company_bin && strlen(p->company_bin) == 12 &&
               strspn(p->company_bin, "0123456789") == 12;
  if (!ok_bin)
    problem(K, p->company_line, "<company>: the letter needs the bin, the "
                                "12-digit business identification number");
  if (!given(p->head_position) || !given(p->head_name))
    problem(K, p->company_line, "<company>: the letter needs the <head "
                                "position name> who signs it");
}

/* The number of whole months from `from` to `to`, as a visa counts them. */
static int months_between(struct date from, struct date to) {
  int m = (to.y - from.y) * 12 + (to.m - from.m);
  if (to.d + 1 < from.d)
    m--;
  return m;
}

/* The last day of a visa of `months` months from `from`. */
static struct date last_day(struct date from, int months) {
  return qujat_date_add_days(qujat_date_add_months(from, months), -1);
}

/* Whether a visa from `from` to `to` lasts more than `months` months. */
static int longer_than(struct date from, struct date to, int months) {
  return qujat_date_cmp(to, last_day(from, months)) > 0;
}

/* Whether it lasts less than `months` months. */
static int shorter_than(struct date from, struct date to, int months) {
  return qujat_date_cmp(to, last_day(from, months)) < 0;
}

static void check_period(struct checker *K, const struct visa_category *v,
                         int entries) {
  const struct qujat_profile *p = K->p;
  const struct letter_rule *l = &K->s->letter;
  static const char *const kinds[] = {"single-entry", "multiple-entry"};
  static const char *const only[] = {"warning.letter-single-only",
                                     "warning.letter-multiple-only"};
  const struct entries_rule *e = &v->entries[entries];
  const struct farg cat[] = {{"category", v->id}};
  int kind = entries; /* the kind whose limits apply */
  if (!e->present) {
    warning(K, only[!entries], cat, 1);
    kind = !entries;
    e = &v->entries[kind];
  }
  long days = (long)(qujat_date_to_days(p->to) - qujat_date_to_days(p->from)) +
              1;
  if (l->max_months && longer_than(p->from, p->to, l->max_months))
    problem(K, p->request_line, "the visa would run %d months; the Expat "
                                "Centre arranges this service for up to %d",
            months_between(p->from, p->to) + 1, l->max_months);
  if (e->max_days && days > e->max_days)
    problem(K, p->request_line, "the visa would run %ld days; the digest "
                                "gives a category %s %s visa up to %d days",
            days, v->id, kinds[kind], e->max_days);
  if (e->max_months && longer_than(p->from, p->to, e->max_months))
    problem(K, p->request_line, "the visa would run more than %d months; "
                                "the digest gives a category %s %s visa up "
                                "to %d months",
            e->max_months, v->id, kinds[kind], e->max_months);
  if (e->min_months && shorter_than(p->from, p->to, e->min_months)) {
    char months[16];
    snprintf(months, sizeof months, "%d", e->min_months);
    const struct farg args[] = {{"category", v->id}, {"months", months}};
    warning(K, "warning.letter-shorter", args, 2);
  }
}

static const struct visa_category *check_request(struct checker *K,
                                                 int *entries) {
  const struct qujat_profile *p = K->p;
  const struct letter_rule *l = &K->s->letter;
  if (!p->has_request) {
    problem(K, 1, "the letter needs the <request category entries from to "
                  "purpose>");
    return NULL;
  }
  int line = p->request_line;
  const struct visa_category *v = NULL;
  char allowed[64] = "";
  for (size_t i = 0; i < l->ncategories; i++) {
    snprintf(allowed + strlen(allowed), sizeof allowed - strlen(allowed),
             "%s%s", i ? ", " : "", l->categories[i]->id);
    if (p->category && strcmp(p->category, l->categories[i]->id) == 0)
      v = l->categories[i];
  }
  if (!p->category)
    problem(K, line, "<request>: the letter needs the visa category (%s)",
            allowed);
  else if (!v)
    problem(K, line, "<request category=\"%s\">: this service is for "
                     "category %s",
            p->category, allowed);
  *entries = !p->entries                          ? -1
             : strcmp(p->entries, "single") == 0 ? ENTRY_SINGLE
                                                 : ENTRY_MULTIPLE;
  if (*entries < 0)
    problem(K, line, "<request>: the letter needs entries (single or "
                     "multiple)");
  else if (l->entries >= 0 && *entries != l->entries)
    problem(K, line, "<request entries=\"%s\">: this service arranges %s "
                     "visas",
            p->entries, l->entries == ENTRY_SINGLE ? "single-entry"
                                                   : "multiple-entry");
  if (!p->has_from || !p->has_to)
    problem(K, line, "<request>: the letter needs the dates from and to");
  if (!given(p->purpose))
    problem(K, line, "<request>: the letter needs the purpose of the trip");
  if (!l->request && !given(p->issue_place))
    problem(K, line, "<request>: an invitation needs the issue-place (the "
                     "embassy or the airport)");
  if (!given(p->stay_address))
    warning(K, "warning.letter-no-stay-address", NULL, 0);
  if (!given(p->letter_number))
    warning(K, "warning.letter-no-number", NULL, 0);
  if (p->has_from && qujat_date_cmp(p->from, K->date) < 0)
    warning(K, "warning.letter-starts-early", NULL, 0);
  return v;
}

/* The text of a field in language `lang`, else (with
 * --allow-mixed-language) the nearest one: Kazakh falls back to Russian,
 * Russian and English to each other, then Kazakh. NULL: none given. */
static const char *text_in(const struct ptext *t, int lang) {
  static const int order[NLANGS][NLANGS] = {
      [LANG_KK] = {LANG_KK, LANG_RU, LANG_EN},
      [LANG_RU] = {LANG_RU, LANG_EN, LANG_KK},
      [LANG_EN] = {LANG_EN, LANG_RU, LANG_KK}};
  for (int i = 0; i < NLANGS; i++)
    if (given(t->s[order[lang][i]]))
      return t->s[order[lang][i]];
  return NULL;
}

/* Every free text the letter prints is in the letter's language: one given
 * only in other languages is a problem naming the field and the language,
 * or a warning with --allow-mixed-language. */
static void check_languages(struct checker *K) {
  static const char *const names[NLANGS] = {"Kazakh", "Russian", "English"};
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  const struct qujat_profile *p = K->p;
  const struct {
    const struct ptext *t;
    const char *field, *elem;
  } f[] = {{&p->company_name_t, "<company name>", "name"},
           {&p->company_address_t, "<company> <address>", "address"},
           {&p->head_position_t, "<head position>", "position"},
           {&p->head_name_t, "<head name>", "name"},
           {&p->prepared_by_t, "<prepared-by name>", "name"},
           {&p->purpose_t, "<request purpose>", "purpose"},
           {&p->issue_place_t, "<request issue-place>", "issue-place"},
           {&p->stay_address_t, "<request stay-address>", "stay-address"}};
  int l = K->lang;
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
    const struct ptext *t = f[i].t;
    if (!text_in(t, l) || given(t->s[l]))
      continue; /* not given at all (checked elsewhere), or in its language */
    if (K->allow_mixed) {
      const struct farg args[] = {{"field", f[i].field},
                                  {"lang", codes[l]}};
      warning(K, "warning.letter-mixed-language", args, 2);
    } else {
      problem(K, t->line, "%s: no %s text for a letter in %s; add <%s "
                          "xml:lang=\"%s\">...</%s> (or --allow-mixed-language "
                          "to print another language's text)",
              f[i].field, names[l], names[l], f[i].elem, codes[l],
              f[i].elem);
    }
  }
}

/* <company letterhead="kk+ru">: the letterhead prints the name (and the
 * address, when the profile gives one) in Kazakh and in Russian, whatever
 * the letter's language; --allow-mixed-language does not lift this. */
static void check_letterhead(struct checker *K) {
  static const char *const names[NLANGS] = {"Kazakh", "Russian", "English"};
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  const struct qujat_profile *p = K->p;
  if (!p->has_company || !p->letterhead_kk_ru)
    return;
  const struct {
    const struct ptext *t;
    const char *field, *elem;
  } f[] = {{&p->company_name_t, "<company name>", "name"},
           {&p->company_address_t, "<company> <address>", "address"}};
  static const int langs[] = {LANG_KK, LANG_RU};
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    for (size_t k = 0; k < 2; k++) {
      int l = langs[k];
      if (!text_in(f[i].t, l) || given(f[i].t->s[l]))
        continue;
      problem(K, f[i].t->line ? f[i].t->line : p->company_line,
              "%s: no %s text for the letterhead in Kazakh and Russian "
              "(<company letterhead=\"kk+ru\">); add <%s xml:lang=\"%s\">..."
              "</%s>",
              f[i].field, names[l], f[i].elem, codes[l], f[i].elem);
    }
  for (size_t k = 0; k < 2; k++)
    if (!K->cat->templates[langs[k]].present)
      problem(K, 0, "the letterhead in Kazakh and Russian needs the letter "
                    "template in %s (templates/letter-%s.xml)",
              names[langs[k]], codes[langs[k]]);
}

/* Two persons never share a passport: one number twice is a typing
 * mistake the officer would reject the letter for. */
static void check_passports(struct checker *K) {
  const struct qujat_profile *p = K->p;
  size_t n = 1 + p->ndependants;
  for (size_t i = 0; i < n; i++) {
    const struct person *a = i ? &p->dependants[i - 1] : &p->applicant;
    for (size_t j = i + 1; a->passport.present && j < n; j++) {
      const struct person *b = &p->dependants[j - 1];
      if (b->passport.present &&
          strcmp(a->passport.number, b->passport.number) == 0)
        problem(K, b->line, "%s %s and %s %s have one passport number, %s: "
                            "each person has their own passport",
                a->surname, a->given_names, b->surname, b->given_names,
                b->passport.number);
    }
  }
}

/* All the checks; the number of problems found. */
static int check_all(struct checker *K, const qujat_request *req) {
  const struct qujat_profile *p = K->p;
  int entries = -1;
  check_company(K);
  const struct visa_category *v = check_request(K, &entries);
  check_languages(K);
  check_letterhead(K);
  check_passports(K);
  check_person(K, &p->applicant, "applicant");
  for (size_t i = 0; i < p->ndependants; i++)
    check_person(K, &p->dependants[i], "dependant");
  if (v && entries >= 0 && p->has_from && p->has_to)
    check_period(K, v, entries);
  if (req->copies < 0 || req->copies > 10)
    problem(K, 0, "copies: expected 1 to 10, got %d", req->copies);
  return K->problems;
}

/* The error for a service without a letter, naming the services that
 * have one: as many whole ids as the message holds, then "...", so that no
 * id is ever cut in the middle. */
static qujat_status no_letter(const qujat_catalog *cat, const char *id,
                              qujat_error *err) {
  static const char more[] = ", ...";
  char msg[QUJAT_ERROR_MSG_SIZE];
  size_t last = 0;
  for (size_t i = 0; i < cat->nservices; i++)
    if (cat->services[i].letter.present)
      last = i;
  int n = snprintf(msg, sizeof msg, "'%.64s' has no letter; letters are for ",
                   id);
  size_t len = n > 0 ? (size_t)n : 0;
  const char *sep = "";
  for (size_t i = 0; i < cat->nservices; i++) {
    const char *next = cat->services[i].id;
    if (!cat->services[i].letter.present)
      continue;
    /* Room for this id, and for ", ..." after it unless it is the last. */
    size_t need = strlen(sep) + strlen(next) + (i < last ? strlen(more) : 0);
    if (len + need >= sizeof msg) {
      snprintf(msg + len, sizeof msg - len, "%s...", sep);
      break;
    }
    len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", sep, next);
    sep = ", ";
  }
  return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "%s", msg);
}

/* The common start of a check: the service, its letter, the profile. */
static qujat_status setup(struct checker *K, const qujat_catalog *cat,
                          const qujat_request *req, qujat_error *err) {
  K->cat = cat;
  K->p = req->profile;
  K->err = err;
  K->s = qujat_find_service(cat, req->service ? req->service : "");
  if (!K->s)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "unknown service '%s' (qujat list shows the services)",
                         req->service ? req->service : "");
  if (!K->s->letter.present)
    return no_letter(cat, K->s->id, err);
  if (req->lang == QUJAT_LANG_KK_RU)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "a letter is written in one language (kk, ru or "
                         "en), not kk+ru");
  if (!K->p)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "a letter needs a profile (--profile P.xml)");
  K->lang = req->lang == QUJAT_LANG_KK   ? LANG_KK
            : req->lang == QUJAT_LANG_RU ? LANG_RU
                                         : LANG_EN;
  K->allow_mixed = req->allow_mixed_language;
  if (!qujat_date_parse(req->date, &K->date))
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "'%s' is not a date: expected YYYY-MM-DD",
                         req->date ? req->date : "");
  return QUJAT_OK;
}

qujat_status qujat_letter_check(const qujat_catalog *cat,
                                const qujat_request *caller, qujat_diag_fn diag,
                                void *user, qujat_error *err) {
  struct checker K = {0};
  qujat_request r;
  const qujat_request *req = &r;
  qujat_status st = qujat_abi_request(caller, &r, err);
  if (st != QUJAT_OK)
    return st;
  st = setup(&K, cat, req, err);
  if (st != QUJAT_OK)
    return st;
  K.diag = diag;
  K.user = user;
  return check_all(&K, req) ? QUJAT_ERR_RULE : QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * The texts
 * ------------------------------------------------------------------------ */

static const char *fill(struct qujat_document *d, const char *tmpl,
                        const struct farg *args, size_t n) {
  struct buf b;
  qujat_buf_init(&b, 1 << 16);
  const char *s = NULL;
  if (qujat_format(&b, tmpl, args, n) == QUJAT_OK)
    s = qujat_arena_strndup(&d->arena, b.data ? b.data : "", b.len);
  qujat_buf_free(&b);
  return s;
}

/* The lines of a template text: split at "|" first and then filled, so
 * that a "|" in the profile's text (a position "Director | CEO") is only
 * text. With `drop_empty`, lines that come out empty (no address in the
 * profile) are left out. NULL when out of memory. */
static const char *const *lines_of(struct qujat_document *d, const char *tmpl,
                                   const struct farg *args, size_t n,
                                   int drop_empty, size_t *count) {
  size_t max = 1;
  for (const char *c = tmpl; *c; c++)
    max += *c == '|';
  const char **v = qujat_arena_alloc(&d->arena, max * sizeof *v);
  *count = 0;
  for (const char *part = tmpl; v; part++) {
    size_t len = strcspn(part, "|");
    const char *line_tmpl = qujat_arena_strndup(&d->arena, part, len);
    const char *line = line_tmpl ? fill(d, line_tmpl, args, n) : NULL;
    if (!line)
      return NULL;
    if (*line || !drop_empty)
      v[(*count)++] = line;
    part += len;
    if (!*part)
      break;
  }
  return v;
}

/* A text of the profile as the letter prints it, on one line: each run of
 * white space (the line breaks and tabs of an indented <address>) one
 * space, none at the ends. The font has no glyph for a tab, and a line
 * break in the middle of a sentence is not the profile's to make. */
static const char *one_line(struct qujat_document *d, const char *s) {
  if (!s)
    return NULL;
  char *o = qujat_arena_alloc(&d->arena, strlen(s) + 1);
  size_t n = 0;
  for (; o && *s; s++) {
    int space = *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n';
    if (!space)
      o[n++] = *s;
    else if (n > 0 && o[n - 1] != ' ')
      o[n++] = ' ';
  }
  if (!o)
    return NULL;
  if (n > 0 && o[n - 1] == ' ')
    n--;
  o[n] = '\0';
  return o;
}

/* The profile's text on one line, or `blank` to fill in by hand. */
static const char *or_blank(struct qujat_document *d, const char *s,
                            const char *blank) {
  return given(s) ? one_line(d, s) : blank;
}

/* "01.05.2029": dates in the table are numeric, as in passports. */
static const char *numeric_date(struct qujat_document *d, struct date x) {
  char s[16];
  snprintf(s, sizeof s, "%02d.%02d.%04d", x.d, x.m, x.y);
  return qujat_arena_strdup(&d->arena, s);
}

/* "21 November 2026" with no-break spaces: a date in a letter is never
 * split between two lines ("2028 жылғы 31 | желтоқсан"). */
static const char *long_date_form(struct qujat_document *d, struct date x,
                                  const char *form) {
  struct buf b, nb;
  qujat_buf_init(&b, 256);
  qujat_buf_init(&nb, 512);
  const char *s = NULL;
  qujat_status st = qujat_format_date_form(&b, d->cat, d->lang, x, form, NULL);
  for (size_t i = 0; st == QUJAT_OK && i < b.len; i++)
    st = b.data[i] == ' ' ? qujat_buf_adds(&nb, "\xc2\xa0")
                          : qujat_buf_addc(&nb, b.data[i]);
  if (st == QUJAT_OK)
    s = qujat_arena_strndup(&d->arena, nb.data ? nb.data : "", nb.len);
  qujat_buf_free(&nb);
  qujat_buf_free(&b);
  return s;
}

static const char *long_date(struct qujat_document *d, struct date x) {
  return long_date_form(d, x, NULL);
}

/* A person's relation to the invited applicant, as the table names it:
 * the applicant by role (employee, expert), a husband or wife, a son or
 * daughter (by the sex the letter requires of everyone). */
static const char *relation_of(const struct letter_template *t,
                               const struct person *w, const char *role) {
  if (!w->relation)
    return t->relation[role && strcmp(role, "expert") == 0 ? REL_EXPERT
                                                           : REL_EMPLOYEE];
  int f = w->sex && strcmp(w->sex, "F") == 0;
  if (strcmp(w->relation, "spouse") == 0)
    return t->relation[f ? REL_WIFE : REL_HUSBAND];
  return t->relation[f ? REL_DAUGHTER : REL_SON];
}

static void person_row(struct qujat_document *d, const struct person *w,
                       size_t n, const char **row) {
  const struct letter_template *t = d->letter->t;
  char num[24];
  snprintf(num, sizeof num, "%zu", n);
  row[0] = qujat_arena_strdup(&d->arena, num);
  row[1] = one_line(d, w->surname);
  row[2] = one_line(d, w->given_names);
  row[3] = relation_of(t, w, d->profile->role);
  row[4] = t->sex[w->sex && strcmp(w->sex, "F") == 0];
  row[5] = numeric_date(d, w->birth);
  row[6] = qujat_find_country(d->cat, w->citizenship)->name.s[d->lang];
  row[7] = one_line(d, w->passport.number);
  /* No issue date in the profile: an empty cell to fill in by hand. */
  row[8] = w->passport.has_issued ? numeric_date(d, w->passport.issued) : "";
  row[9] = numeric_date(d, w->passport.expires);
}

/* The column titles, split at "|" into the arena. */
static void title_row(struct qujat_document *d, const char **row) {
  const char *p = d->letter->t->columns;
  for (int i = 0; i < LETTER_COLUMNS; i++) {
    size_t len = strcspn(p, "|");
    row[i] = qujat_arena_strndup(&d->arena, p, len);
    p += len + (p[len] == '|');
  }
}

static qujat_status texts(struct qujat_document *d,
                          const struct visa_category *v, int entries) {
  const struct qujat_profile *p = d->profile;
  struct rletter *L = d->letter;
  const struct letter_template *t = L->t;
  int k = L->request;
  /* The wording agrees with the number of persons in the table. */
  int number = p->ndependants > 0 ? PERSONS_MANY : PERSONS_ONE;
  const char *date = long_date(d, d->date);
  const char *from = long_date(d, p->from), *to = long_date(d, p->to);
  /* The period in the forms its words take: "{since} бастап {until} қоса
   * алғанға дейін" (locale keys month.N.since and month.N.until). */
  const char *since = long_date_form(d, p->from, "since");
  const char *until = long_date_form(d, p->to, "until");
  if (!date || !from || !to || !since || !until)
    return QUJAT_ERR_NOMEM;
  const struct farg args[] = {
      {"company", one_line(d, text_in(&p->company_name_t, d->lang))},
      {"bin", one_line(d, p->company_bin)},
      {"address", one_line(d, text_in(&p->company_address_t, d->lang))},
      {"contacts", one_line(d, p->company_contacts)},
      {"entries", t->entries[k][entries]},
      {"category", v->id},
      {"category-title", v->title.s[d->lang]},
      {"from", from},
      {"to", to},
      {"since", since},
      {"until", until},
      {"purpose", one_line(d, text_in(&p->purpose_t, d->lang))},
      {"issue-place",
       or_blank(d, text_in(&p->issue_place_t, d->lang), "________")},
      {"stay-address", or_blank(d, text_in(&p->stay_address_t, d->lang),
                                "________________")},
      {"number", or_blank(d, p->letter_number, "________")},
      {"date", date},
      {"position", one_line(d, text_in(&p->head_position_t, d->lang))},
      {"head", one_line(d, text_in(&p->head_name_t, d->lang))}};
  size_t n = sizeof args / sizeof args[0], nsign;
  L->company = args[0].value;
  L->details = lines_of(d, t->details, args, n, 1, &L->ndetails);
  /* The letterhead in Kazakh and Russian: each with its own template's
   * details (БСН / БИН) and the company's texts in that language. */
  for (int h = 0; p->letterhead_kk_ru && h < 2; h++) {
    int l = h == 0 ? LANG_KK : LANG_RU;
    const struct farg head[] = {
        {"company", one_line(d, text_in(&p->company_name_t, l))},
        {"bin", args[1].value},
        {"address", one_line(d, text_in(&p->company_address_t, l))},
        {"contacts", args[3].value}};
    L->head_company[h] = head[0].value;
    L->head_details[h] = lines_of(d, d->cat->templates[l].details, head, 4, 1,
                                  &L->head_ndetails[h]);
    if (!L->head_company[h] || !L->head_details[h])
      return QUJAT_ERR_NOMEM;
  }
  L->head_kk_ru = p->letterhead_kk_ru;
  L->addressee = lines_of(d, t->addressee, args, n, 1, &L->naddressee);
  L->outgoing = fill(d, t->outgoing, args, n);
  L->subject = t->subject[k];
  L->body = fill(d, t->body[k][number], args, n);
  L->stay = fill(d, t->stay, args, n);
  L->undertakings = fill(d, t->undertakings, args, n);
  L->undertaking = t->undertaking[number];
  L->nundertaking = t->nundertaking[number];
  /* "{position}|{head}": the template has the one "|" (template_xml.c). */
  const char *const *sign = lines_of(d, t->signature, args, n, 0, &nsign);
  L->position = sign ? sign[0] : NULL;
  L->head = sign && nsign > 1 ? sign[1] : "";
  /* "Исп.: name" and "Тел.: phone": who prepared the letter, when the
   * profile says. */
  const char *by = text_in(&p->prepared_by_t, d->lang);
  L->nfoot = 0;
  if (given(by)) {
    const struct farg who[] = {{"name", one_line(d, by)},
                               {"phone", one_line(d, p->prepared_phone)}};
    L->foot[L->nfoot++] = fill(d, t->prepared_by, who, 2);
    if (given(p->prepared_phone))
      L->foot[L->nfoot++] = fill(d, t->phone, who, 2);
    if (!L->foot[0] || !L->foot[L->nfoot - 1])
      return QUJAT_ERR_NOMEM;
  }
  L->npersons = 1 + p->ndependants;
  const char **cells = qujat_arena_alloc(
      &d->arena, (L->npersons + 1) * LETTER_COLUMNS * sizeof *cells);
  if (!cells)
    return QUJAT_ERR_NOMEM;
  title_row(d, cells);
  person_row(d, &p->applicant, 1, cells + LETTER_COLUMNS);
  for (size_t i = 0; i < p->ndependants; i++)
    person_row(d, &p->dependants[i], i + 2, cells + (i + 2) * LETTER_COLUMNS);
  L->cells = cells;
  return d->arena.failed || !L->details || !L->addressee || !L->outgoing ||
                 !L->body || !L->stay || !L->undertakings || !L->position
             ? QUJAT_ERR_NOMEM
             : QUJAT_OK;
}

qujat_status qujat_rules_letter(struct qujat_document *d,
                                const qujat_request *req, qujat_error *err) {
  struct checker K = {0};
  qujat_status st = setup(&K, d->cat, req, err);
  if (st != QUJAT_OK)
    return st;
  K.d = d;
  if (check_all(&K, req))
    return QUJAT_ERR_RULE; /* err holds the first problem */
  if (K.wst != QUJAT_OK)
    return K.wst; /* err says which locale string */
  const struct letter_template *t = &d->cat->templates[d->lang];
  if (!t->present)
    return qujat_err_set(err, QUJAT_ERR_LOCALE, NULL, 0, 0,
                         "no letter template for this language in the data "
                         "directory (templates/letter-LANG.xml)");
  d->letter = qujat_arena_alloc(&d->arena, sizeof *d->letter);
  if (!d->letter)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  d->letter->t = t;
  d->letter->request = K.s->letter.request;
  d->letter->copies = req->copies ? req->copies : 2;
  d->letter->no_letterhead = req->no_letterhead;
  const struct visa_category *v = NULL;
  for (size_t i = 0; i < K.s->letter.ncategories; i++)
    if (strcmp(K.s->letter.categories[i]->id, d->profile->category) == 0)
      v = K.s->letter.categories[i];
  int entries = strcmp(d->profile->entries, "single") == 0 ? ENTRY_SINGLE
                                                           : ENTRY_MULTIPLE;
  st = texts(d, v, entries);
  if (st != QUJAT_OK)
    return qujat_err_set(err, st, NULL, 0, 0, "cannot write the letter: %s",
                         qujat_strerror(st));
  return QUJAT_OK;
}
