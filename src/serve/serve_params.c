/* SPDX-License-Identifier: MIT */
/* Parameters of a request: every name known, every value checked by
 * length and by what it may be; answers -> a profile; small buffers. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_explain.h"
#include "serve_internal.h"

/* ---- buffers ---- */

void sb_add(struct sbuf *b, const char *s, size_t n) {
  if (b->oom)
    return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->n + n + 1)
      cap *= 2;
    char *d = realloc(b->d, cap);
    if (!d) {
      b->oom = 1;
      return;
    }
    b->d = d;
    b->cap = cap;
  }
  memcpy(b->d + b->n, s, n);
  b->n += n;
  b->d[b->n] = '\0';
}

void sb_adds(struct sbuf *b, const char *s) { sb_add(b, s, strlen(s)); }

void sb_addf(struct sbuf *b, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  sb_add(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* The reference that stands for `c` in HTML text (`xml` 0) or in an XML
 * attribute value (`xml` 1); NULL: `c` stands as it is. */
static const char *entity(char c, int xml) {
  switch (c) {
  case '&': return "&amp;";
  case '<': return "&lt;";
  case '>': return "&gt;";
  case '"': return "&quot;";
  case '\'': return xml ? NULL : "&#39;";
  case '\n': return xml ? "&#10;" : NULL;
  case '\t': return xml ? "&#9;" : NULL;
  case '\r': return xml ? "&#13;" : NULL;
  default: return NULL;
  }
}

static void sb_escaped(struct sbuf *b, const char *s, int xml) {
  for (; s && *s; s++) {
    const char *e = entity(*s, xml);
    if (e)
      sb_adds(b, e);
    else
      sb_add(b, s, 1);
  }
}

void sb_html(struct sbuf *b, const char *s) { sb_escaped(b, s, 0); }

void sb_xml(struct sbuf *b, const char *s) { sb_escaped(b, s, 1); }

void sb_json(struct sbuf *b, const char *s) {
  sb_adds(b, "\"");
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      sb_adds(b, c == '"' ? "\\\"" : "\\\\");
    } else if (c < 0x20) {
      sb_addf(b, "\\u%04x", c);
    } else {
      sb_add(b, s, 1);
    }
  }
  sb_adds(b, "\"");
}

void sb_free(struct sbuf *b) {
  free(b->d);
  memset(b, 0, sizeof *b);
}

/* ---- decoding ---- */

static int hexval(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

size_t serve_unescape(char *s, int plus) {
  char *w = s;
  for (char *r = s; *r;) {
    if (*r == '%') {
      int h = hexval((unsigned char)r[1]);
      int l = h >= 0 ? hexval((unsigned char)r[2]) : -1;
      if (h < 0 || l < 0) {
        *w++ = '\x01';
        r++;
        continue;
      }
      int c = h * 16 + l;
      *w++ = c == 0 ? '\x01' : (char)c;
      r += 3;
    } else if (plus && *r == '+') {
      *w++ = ' ';
      r++;
    } else {
      *w++ = *r++;
    }
  }
  *w = '\0';
  return (size_t)(w - s);
}

/* Strict UTF-8, no control characters (tabs and newlines neither). */
static int clean_utf8(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned c = *p;
    if (c < 0x20 || c == 0x7f)
      return 0;
    if (c < 0x80) {
      p++;
      continue;
    }
    int n;
    unsigned cp;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return 0;
    }
    for (int i = 1; i <= n; i++) {
      if ((p[i] & 0xc0) != 0x80)
        return 0;
      cp = cp << 6 | (p[i] & 0x3f);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return 0;
    p += n + 1;
  }
  return 1;
}

/* ---- the parameters ---- */

enum check { C_SERVICE, C_LANG, C_DATE, C_ENUM, C_FLAG, C_NAME, C_CATEGORY,
             C_COPIES };

#define ANSWERS (R_RESULT | R_DOWNLOAD | R_CHECKLIST | R_FEES)

static const struct spec {
  const char *name;
  enum check check;
  const char *values; /* C_ENUM: "a|b|c" */
  int routes;
} specs[NPARAMS] = {
    [P_SERVICE] = {"service", C_SERVICE, NULL,
                   R_PAGE | ANSWERS | R_LETTER},
    [P_LANG] = {"lang", C_LANG, NULL, 0x1ff},
    [P_DATE] = {"date", C_DATE, NULL, ANSWERS | R_LETTER},
    [P_FORMAT] = {"format", C_ENUM, "json|pdf|text|html",
                  R_CHECKLIST | R_FEES},
    [P_BRIEF] = {"brief", C_FLAG, NULL, R_CHECKLIST},
    [P_DOC] = {"doc", C_ENUM, "checklist|brief|kk+ru|fees", R_DOWNLOAD},
    [P_COPIES] = {"copies", C_COPIES, NULL, R_LETTER},
    [P_MIXED] = {"allow-mixed-language", C_FLAG, NULL, R_LETTER},
    [P_NO_LETTERHEAD] = {"no-letterhead", C_FLAG, NULL, R_LETTER},
    [P_SURNAME] = {"surname", C_NAME, NULL, ANSWERS},
    [P_GIVEN] = {"given-names", C_NAME, NULL, ANSWERS},
    [P_COMPANY_FORM] = {"company-form", C_ENUM,
                        "legal-entity|branch|representative-office", ANSWERS},
    [P_BY_REP] = {"by-representative", C_FLAG, NULL, ANSWERS},
    [P_WORK_PERMIT] = {"work-permit-required", C_FLAG, NULL, ANSWERS},
    [P_PRIORITY] = {"priority", C_FLAG, NULL, ANSWERS},
    [P_PM] = {"personal-manager", C_FLAG, NULL, ANSWERS},
    [P_FOR] = {"for", C_ENUM, "individual|legal-entity", ANSWERS},
    [P_ROLE] = {"role", C_ENUM, "employee|expert", ANSWERS},
    [P_CATEGORY] = {"category", C_CATEGORY, NULL, ANSWERS},
    [P_VISA] = {"visa", C_FLAG, NULL, ANSWERS},
    [P_VISA_CATEGORY] = {"visa-category", C_CATEGORY, NULL, ANSWERS},
    [P_VISA_EXPIRES] = {"visa-expires", C_DATE, NULL, ANSWERS},
    [P_TRP] = {"trp", C_FLAG, NULL, ANSWERS},
    [P_TRP_EXPIRES] = {"trp-expires", C_DATE, NULL, ANSWERS},
};

static const char *const dep_fields[ND_FIELDS] = {"relation", "surname",
                                                  "given-names",
                                                  "birth-date"};

static int in_list(const char *v, const char *list) {
  size_t n = strlen(v);
  for (const char *p = list; *p;) {
    const char *e = strchr(p, '|');
    size_t k = e ? (size_t)(e - p) : strlen(p);
    if (k == n && memcmp(p, v, n) == 0)
      return 1;
    if (!e)
      break;
    p = e + 1;
  }
  return 0;
}

/* Latin names as the profile schema has them: letters, single spaces,
 * hyphens, apostrophes between letters; at most 100 bytes. */
static int latin_name(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > 100 || !isalpha((unsigned char)s[0]) ||
      !isalpha((unsigned char)s[n - 1]))
    return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80)
      return 0;
    if (isalpha(c))
      continue;
    if ((c == ' ' || c == '-' || c == '\'') && isalpha((unsigned char)s[i + 1]))
      continue;
    return 0;
  }
  return 1;
}

static int check_value(const qujat_catalog *cat, enum check c,
                       const char *values, const char *v) {
  switch (c) {
  case C_SERVICE:
    return strlen(v) <= 64 && qujat_catalog_find_service(cat, v) >= 0;
  case C_LANG: {
    qujat_lang l;
    return strlen(v) <= 5 && qujat_lang_parse(v, &l) == QUJAT_OK;
  }
  case C_DATE:
    return strlen(v) == 10 && qujat_date_check(v) == QUJAT_OK;
  case C_ENUM:
    return in_list(v, values);
  case C_FLAG:
    return strcmp(v, "true") == 0 || strcmp(v, "false") == 0;
  case C_NAME:
    return latin_name(v);
  case C_CATEGORY:
    return (v[0] >= 'A' && v[0] <= 'C') && isdigit((unsigned char)v[1]) &&
           (v[2] == '\0' || (isdigit((unsigned char)v[2]) && v[3] == '\0'));
  case C_COPIES:
    return (v[0] >= '1' && v[0] <= '9' && v[1] == '\0') ||
           strcmp(v, "10") == 0;
  }
  return 0;
}

int problem_say(struct problem *pb, int status, const char *code,
                const char *param, const char *say, const char *arg) {
  *pb = (struct problem){
      .status = status, .code = code, .param = param, .say = say};
  snprintf(pb->arg, sizeof pb->arg, "%s", arg ? arg : "");
  return -1;
}

int problem_lib(struct problem *pb, int status, const char *code,
                const char *param, const qujat_error *err, const char *say) {
  problem_say(pb, status, code, param, say, NULL);
  pb->has_err = 1;
  pb->err = *err;
  return -1;
}

void problem_text(const qujat_catalog *cat, const struct problem *pb,
                  qujat_lang lang, char *out, size_t size) {
  if (lang == QUJAT_LANG_KK_RU)
    lang = QUJAT_LANG_KK;
  if (pb->has_err && cli_explain_in(&pb->err, lang, out, size))
    return;
  const char *t = tr(cat, lang, pb->say ? pb->say : "error.bad-request");
  size_t n = 0;
  for (; *t && n + 1 < size; t++) {
    if (t[0] == '{' && t[1] == '1' && t[2] == '}') {
      n += (size_t)snprintf(out + n, size - n, "%s", pb->arg);
      if (n >= size)
        n = size - 1;
      t += 2;
    } else {
      out[n++] = *t;
    }
  }
  out[n] = '\0';
}

/* Fills `pb` and returns -1, so that a check reads "return fail(...)". */
static int fail(struct problem *pb, int status, const char *code,
                const char *param, const char *say, const char *arg) {
  return problem_say(pb, status, code, param, say, arg);
}

/* A parameter name for messages: printable ASCII only, cut short. */
static const char *shown(const char *name, char buf[48]) {
  size_t i = 0;
  for (; name[i] && i < 40; i++)
    buf[i] = (name[i] > 0x20 && name[i] < 0x7f) ? name[i] : '?';
  buf[i] = '\0';
  return buf;
}

int answers_add(const qujat_catalog *cat, struct answers *a, int route,
                const char *name, const char *value,
                unsigned long long *seen, unsigned char seen_dep[][ND_FIELDS],
                struct problem *pb) {
  char nb[48];
  if (strlen(name) > 40 || !clean_utf8(name))
    return fail(pb, 400, "unknown-parameter", NULL, "say.unknown-parameter",
                shown(name, nb));
  if (strlen(value) > SERVE_MAX_VALUE)
    return fail(pb, 400, "bad-parameter", specs[0].name, "say.too-long",
                shown(name, nb));
  if (!clean_utf8(value))
    return fail(pb, 400, "bad-parameter", NULL, "say.not-utf8",
                shown(name, nb));
  /* d1-relation ... d20-birth-date: the dependants */
  if (name[0] == 'd' && isdigit((unsigned char)name[1]) &&
      (route & (R_RESULT | R_DOWNLOAD | R_CHECKLIST | R_FEES))) {
    char *end;
    long k = strtol(name + 1, &end, 10);
    if (*end == '-' && k >= 1 && k <= SERVE_MAX_DEPENDANTS &&
        (name[1] != '0')) {
      for (int f = 0; f < ND_FIELDS; f++) {
        if (strcmp(end + 1, dep_fields[f]) != 0)
          continue;
        if (seen_dep[k - 1][f])
          return fail(pb, 400, "duplicate-parameter", NULL, "say.twice",
                      shown(name, nb));
        seen_dep[k - 1][f] = 1;
        if (!*value)
          return 0;
        int ok = f == D_RELATION ? in_list(value, "spouse|child")
                 : f == D_BIRTH  ? check_value(cat, C_DATE, NULL, value)
                                 : latin_name(value);
        if (!ok)
          return fail(pb, 400, "bad-parameter", NULL, "say.not-allowed",
                      shown(name, nb));
        a->dep[k - 1][f] = value;
        if ((size_t)k > a->ndep)
          a->ndep = (size_t)k;
        return 0;
      }
    }
  }
  for (int p = 0; p < NPARAMS; p++) {
    if (strcmp(name, specs[p].name) != 0)
      continue;
    if (!(specs[p].routes & route))
      break;
    if (*seen & (1ull << p))
      return fail(pb, 400, "duplicate-parameter", specs[p].name, "say.twice",
                  specs[p].name);
    *seen |= 1ull << p;
    if (!*value) /* an empty field: not answered */
      return 0;
    if (!check_value(cat, specs[p].check, specs[p].values, value))
      return fail(pb, p == P_SERVICE ? 404 : 400,
                  p == P_SERVICE ? "unknown-service" : "bad-parameter",
                  specs[p].name, "say.not-allowed", specs[p].name);
    a->v[p] = value;
    if (p == P_LANG)
      qujat_lang_parse(value, &a->lang);
    if (p == P_SERVICE)
      a->service = qujat_catalog_find_service(cat, value);
    return 0;
  }
  return fail(pb, 400, "unknown-parameter", NULL, "say.unknown-parameter",
              shown(name, nb));
}

int answers_any_fact(const struct answers *a) {
  for (int p = P_COMPANY_FORM; p < NPARAMS; p++)
    if (a->v[p])
      return 1;
  return a->ndep > 0;
}

int answers_finish(const qujat_catalog *cat, struct answers *a, int route,
                   struct problem *pb) {
  (void)cat;
  if ((route & (R_RESULT | R_DOWNLOAD | R_CHECKLIST | R_FEES | R_LETTER)) &&
      !a->v[P_SERVICE])
    return fail(pb, 400, "missing-parameter", "service", "say.required",
                "service");
  if (a->v[P_VISA] && strcmp(a->v[P_VISA], "true") == 0 &&
      (!a->v[P_VISA_CATEGORY] || !a->v[P_VISA_EXPIRES]))
    return fail(pb, 400, "missing-parameter",
                a->v[P_VISA_CATEGORY] ? "visa-expires" : "visa-category",
                "say.visa-needs", NULL);
  if (a->v[P_TRP] && strcmp(a->v[P_TRP], "true") == 0 && !a->v[P_TRP_EXPIRES])
    return fail(pb, 400, "missing-parameter", "trp-expires", "say.trp-needs",
                NULL);
  for (size_t k = 0; k < a->ndep; k++) {
    const char *const *d = a->dep[k];
    int any = d[D_RELATION] || d[D_SURNAME] || d[D_GIVEN] || d[D_BIRTH];
    if (any && (!d[D_RELATION] || !d[D_GIVEN])) {
      char row[24];
      snprintf(row, sizeof row, "%zu", k + 1);
      return fail(pb, 400, "missing-parameter", "dependant",
                  "say.dependant-needs", row);
    }
  }
  if (answers_any_fact(a) && (!a->v[P_SURNAME] || !a->v[P_GIVEN]))
    return fail(pb, 400, "missing-parameter",
                a->v[P_SURNAME] ? "given-names" : "surname",
                "say.name-needed", NULL);
  return 0;
}

/* ---- answers -> profile ---- */

static void attr(struct sbuf *b, const char *name, const char *v) {
  if (!v)
    return;
  sb_addf(b, " %s=\"", name);
  sb_xml(b, v);
  sb_adds(b, "\"");
}

void answers_profile_xml(const struct answers *a, struct sbuf *b) {
  const char *const *v = a->v;
  sb_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<profile xmlns=\"urn:qujat:profile:1\">\n  <applicant");
  attr(b, "surname", v[P_SURNAME]);
  attr(b, "given-names", v[P_GIVEN]);
  attr(b, "role", v[P_ROLE]);
  sb_adds(b, ">\n");
  if (v[P_VISA] && strcmp(v[P_VISA], "true") == 0) {
    sb_adds(b, "    <current-visa");
    attr(b, "category", v[P_VISA_CATEGORY]);
    attr(b, "expires", v[P_VISA_EXPIRES]);
    sb_adds(b, "/>\n");
  }
  if (v[P_TRP] && strcmp(v[P_TRP], "true") == 0) {
    sb_adds(b, "    <current-trp");
    attr(b, "expires", v[P_TRP_EXPIRES]);
    sb_adds(b, "/>\n");
  }
  sb_adds(b, "  </applicant>\n");
  for (size_t k = 0; k < a->ndep; k++) {
    const char *const *d = a->dep[k];
    if (!d[D_RELATION])
      continue;
    sb_adds(b, "  <dependant");
    attr(b, "relation", d[D_RELATION]);
    attr(b, "surname", d[D_SURNAME] ? d[D_SURNAME] : v[P_SURNAME]);
    attr(b, "given-names", d[D_GIVEN]);
    attr(b, "birth-date", d[D_BIRTH]);
    sb_adds(b, "/>\n");
  }
  if (v[P_COMPANY_FORM]) {
    /* The name is what the letter prints; a checklist needs the form. */
    sb_adds(b, "  <company name=\"-\"");
    attr(b, "form", v[P_COMPANY_FORM]);
    sb_adds(b, "/>\n");
  }
  if (v[P_CATEGORY]) {
    sb_adds(b, "  <request");
    attr(b, "category", v[P_CATEGORY]);
    sb_adds(b, "/>\n");
  }
  if (v[P_BY_REP] || v[P_WORK_PERMIT] || v[P_PRIORITY] || v[P_PM] ||
      v[P_FOR]) {
    sb_adds(b, "  <filing");
    attr(b, "by-representative", v[P_BY_REP]);
    attr(b, "work-permit-required", v[P_WORK_PERMIT]);
    attr(b, "priority", v[P_PRIORITY]);
    attr(b, "personal-manager", v[P_PM]);
    attr(b, "for", v[P_FOR]);
    sb_adds(b, "/>\n");
  }
  sb_adds(b, "</profile>\n");
}

/* ---- forms ---- */

int form_parse(const qujat_catalog *cat, struct answers *a, int route,
               char *body, size_t len, unsigned long long *seen,
               unsigned char seen_dep[][ND_FIELDS], struct problem *pb) {
  if (memchr(body, '\0', len))
    return fail(pb, 400, "bad-body", NULL, "say.form-nul", NULL);
  body[len] = '\0';
  size_t count = 0;
  char *save = NULL;
  for (char *pair = strtok_r(body, "&", &save); pair;
       pair = strtok_r(NULL, "&", &save)) {
    if (++count > SERVE_MAX_PARAMS)
      return fail(pb, 400, "bad-body", NULL, "say.too-many", NULL);
    char *eq = strchr(pair, '=');
    if (!eq)
      return fail(pb, 400, "bad-body", NULL, "say.form-no-eq", NULL);
    *eq = '\0';
    serve_unescape(pair, 1);
    serve_unescape(eq + 1, 1);
    if (answers_add(cat, a, route, pair, eq + 1, seen, seen_dep, pb) != 0)
      return -1;
  }
  return 0;
}

/* ---- odds and ends ---- */

const char *tr(const qujat_catalog *cat, qujat_lang lang, const char *key) {
  char k[96];
  snprintf(k, sizeof k, "serve.%s", key);
  const char *s = qujat_catalog_string(cat, lang, k);
  return s ? s : key;
}

void content_disposition(char *out, size_t cap, const char *ascii,
                         const char *utf8) {
  struct sbuf b = {0};
  sb_adds(&b, "attachment; filename=\"");
  for (const char *p = ascii; *p; p++) {
    char c = *p;
    sb_add(&b, (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? &c : "_",
           1);
  }
  sb_adds(&b, "\"; filename*=UTF-8''");
  for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
    if (isalnum(*p) || strchr("!#$&+-.^_`|~", *p))
      sb_add(&b, (const char *)p, 1);
    else
      sb_addf(&b, "%%%02X", *p);
  }
  snprintf(out, cap, "%s", b.oom || !b.d ? "attachment" : b.d);
  if (b.n >= cap)
    snprintf(out, cap, "attachment; filename=\"%s\"", "qujat.pdf");
  sb_free(&b);
}

const char *request_date(const struct server *s, const struct answers *a,
                         char buf[11]) {
  if (a->v[P_DATE])
    return a->v[P_DATE];
  if (s->opts->date)
    return s->opts->date;
  time_t t = time(NULL) + 5 * 3600; /* Astana, UTC+5 */
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(buf, 11, "%Y-%m-%d", &tm);
  return buf;
}

int service_has_fact(const struct server *s, size_t i, const char *path,
                     const char **values, size_t *values_len) {
  const char *f = s->services[i].facts;
  size_t n = strlen(path);
  while (f && *f) {
    const char *e = strchr(f, '\n');
    size_t len = e ? (size_t)(e - f) : strlen(f);
    if (len >= n && memcmp(f, path, n) == 0 && (len == n || f[n] == '=')) {
      if (values) {
        *values = len > n ? f + n + 1 : "";
        *values_len = len > n ? len - n - 1 : 0;
      }
      return 1;
    }
    f = e ? e + 1 : NULL;
  }
  return 0;
}

static int status_of(qujat_status st) {
  switch (st) {
  case QUJAT_ERR_XML:
  case QUJAT_ERR_CATALOG:
  case QUJAT_ERR_LIMIT:
    return 400;
  case QUJAT_ERR_ARG:
  case QUJAT_ERR_RULE:
    return 422;
  default:
    return 500;
  }
}

qujat_document *build_document(const struct server *s,
                               const struct answers *a, qujat_doc_kind kind,
                               qujat_lang lang, int brief, const char *xml,
                               size_t xml_len, qujat_profile **profile_out,
                               struct problem *pb) {
  qujat_error err = {0};
  qujat_profile *profile = NULL;
  *profile_out = NULL;
  struct sbuf px = {0};
  if (!xml && answers_any_fact(a)) {
    answers_profile_xml(a, &px);
    if (px.oom) {
      fail(pb, 500, "internal", NULL, "error.internal", NULL);
      return NULL;
    }
    xml = px.d;
    xml_len = px.n;
  }
  if (xml) {
    qujat_status st = qujat_profile_load_memory(s->cat, xml, xml_len,
                                                "profile", &profile, &err);
    sb_free(&px);
    if (st != QUJAT_OK) {
      if (st == QUJAT_ERR_NOMEM)
        fail(pb, 500, "internal", NULL, "error.internal", NULL);
      else
        problem_lib(pb, 400, "bad-profile", NULL, &err, "say.bad-profile");
      return NULL;
    }
  }
  char db[11];
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = kind,
                       .service = a->v[P_SERVICE],
                       .profile = profile,
                       .lang = lang,
                       .date = request_date(s, a, db),
                       .brief = brief,
                       .copies = a->v[P_COPIES] ? atoi(a->v[P_COPIES]) : 0};
  qujat_document *doc = NULL;
  qujat_status st = qujat_document_build(s->cat, &req, &doc, &err);
  if (st != QUJAT_OK) {
    qujat_profile_free(profile);
    int status = status_of(st);
    problem_lib(pb, status, status == 500 ? "internal" : "cannot-build", NULL,
                &err, status == 500 ? "error.internal" : "say.cannot-build");
    return NULL;
  }
  *profile_out = profile;
  return doc;
}
