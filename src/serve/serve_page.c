/* SPDX-License-Identifier: MIT */
/* The page: services by guidebook group, then for the chosen service the
 * questions its conditions read (qujat_catalog_service_facts), then the
 * checklist as HTML with its downloads. Plain forms, no script; every text
 * escaped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

static const char style[] =
    "*{box-sizing:border-box}\n"
    "html{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',"
    "Arial,sans-serif;font-size:19px;line-height:1.45;color:#0b0c0c;"
    "background:#fff}\n"
    "body{margin:0}\n"
    ".q-head{background:#0b0c0c;color:#fff;padding:.6rem 1rem;display:flex;"
    "flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:"
    "space-between}\n"
    ".q-head a,.q-head a:visited{color:#fff}\n"
    ".q-brand{font-weight:700;font-size:1.2rem;text-decoration:none}\n"
    ".q-langs{list-style:none;margin:0;padding:0;display:flex;gap:1rem}\n"
    ".q-langs [aria-current]{font-weight:700;text-decoration:none}\n"
    "main{max-width:42rem;margin:0 auto;padding:1rem 1rem 3rem}\n"
    "h1{font-size:1.9rem;line-height:1.2;margin:1.2rem 0 1rem}\n"
    "h2{font-size:1.35rem;margin:1.6rem 0 .6rem}\n"
    "h3{font-size:1.15rem;margin:1.4rem 0 .5rem}\n"
    "a{color:#1d70b8}a:visited{color:#4c2c92}\n"
    "a:focus,button:focus,input:focus,select:focus{outline:3px solid #fd0;"
    "outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}\n"
    ".q-services{padding-left:1.2rem}.q-services li{margin:.35rem 0}\n"
    "fieldset{border:0;margin:0 0 1.4rem;padding:0}\n"
    "legend{font-weight:700;margin-bottom:.4rem;font-size:1.05rem}\n"
    "label{display:block;margin:.25rem 0}\n"
    ".q-choice{display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}\n"
    ".q-choice input{width:1.3rem;height:1.3rem;margin:.15rem 0 0;"
    "flex:none}\n"
    "input[type=text],input[type=date],select{font:inherit;padding:.3rem;"
    "border:2px solid #0b0c0c;width:100%;max-width:20rem;background:#fff}\n"
    ".q-hint{color:#505a5f;margin:.1rem 0 .5rem}\n"
    ".q-row{border-left:4px solid #b1b4b6;padding-left:.8rem;margin:.8rem 0}\n"
    "button{font:inherit;font-weight:700;background:#00703c;color:#fff;"
    "border:0;border-bottom:2px solid #002d18;padding:.5rem 1rem;"
    "margin:.3rem .5rem .3rem 0;cursor:pointer}\n"
    "button.q-secondary{background:#f3f2f1;color:#0b0c0c;"
    "border-bottom-color:#929191}\n"
    ".q-error{border:4px solid #d4351c;padding:1rem;margin:1rem 0}\n"
    ".q-doc{border-top:1px solid #b1b4b6;margin-top:1rem}\n"
    ".q-items li{margin:.5rem 0}.q-why,.q-for{color:#505a5f;font-size:.9rem}\n"
    ".q-weak .q-text{font-style:italic}\n"
    ".q-warning{border-left:6px solid #d4351c;padding-left:.8rem;"
    "font-weight:700}\n"
    ".q-fields{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;"
    "gap:.2rem 1rem}.q-fields dt{font-weight:700}.q-fields dd{margin:0}\n"
    ".q-fees{border-collapse:collapse;width:100%}.q-fees th,.q-fees td{"
    "text-align:left;vertical-align:top;padding:.4rem .3rem;border-bottom:"
    "1px solid #b1b4b6}.q-fees td{text-align:right;white-space:nowrap}\n"
    ".q-total th,.q-total td{font-weight:700}.q-fees .q-why{font-weight:400}\n"
    ".q-footer{color:#505a5f;font-size:.85rem}\n"
    ".q-downloads{background:#f3f2f1;padding:1rem;margin:1.5rem 0}\n"
    "@media (max-width:40rem){html{font-size:17px}.q-fields{display:block}"
    ".q-fields dd{margin:0 0 .4rem}button{width:100%}}\n"
    "@media print{.q-head,.q-downloads,.q-nav{display:none}}\n";

void page_style(struct reply *r) {
  r->status = 200;
  r->ctype = "text/css; charset=utf-8";
  sb_adds(&r->body, style);
}

static void head(const struct server *s, struct sbuf *b, qujat_lang lang,
                 const char *title, const char *service) {
  const char *code = qujat_lang_code(lang);
  sb_adds(b, "<!DOCTYPE html>\n<html lang=\"");
  sb_adds(b, code);
  sb_adds(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
             "content=\"width=device-width, initial-scale=1\">\n<title>");
  sb_html(b, title);
  sb_adds(b, " – ");
  sb_html(b, tr(s->cat, lang, "title"));
  sb_adds(b, "</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n"
             "</head>\n<body>\n<header class=\"q-head\">\n<a class=\"q-brand\" "
             "href=\"/?lang=");
  sb_adds(b, code);
  sb_adds(b, "\">");
  sb_html(b, tr(s->cat, lang, "title"));
  sb_adds(b, "</a>\n<nav aria-label=\"");
  sb_html(b, tr(s->cat, lang, "lang-switch"));
  sb_adds(b, "\"><ul class=\"q-langs\">");
  static const struct {
    qujat_lang l;
    const char *name;
  } langs[] = {{QUJAT_LANG_KK, "Қазақша"},
               {QUJAT_LANG_RU, "Русский"},
               {QUJAT_LANG_EN, "English"}};
  for (size_t i = 0; i < 3; i++) {
    const char *lc = qujat_lang_code(langs[i].l);
    sb_addf(b, "<li><a lang=\"%s\" hreflang=\"%s\" href=\"/?lang=%s", lc, lc,
            lc);
    if (service) {
      sb_adds(b, "&amp;service=");
      sb_html(b, service);
    }
    sb_adds(b, "\"");
    if (langs[i].l == lang)
      sb_adds(b, " aria-current=\"true\"");
    sb_adds(b, ">");
    sb_adds(b, langs[i].name);
    sb_adds(b, "</a></li>");
  }
  sb_adds(b, "</ul></nav>\n</header>\n<main id=\"main\">\n");
}

static void foot(const struct server *s, struct sbuf *b, qujat_lang lang) {
  sb_adds(b, "<p class=\"q-footer\">");
  sb_html(b, tr(s->cat, lang, "footer"));
  sb_adds(b, "</p>\n</main>\n</body>\n</html>\n");
}

static void html_reply(struct reply *r, int status) {
  r->status = status;
  r->ctype = "text/html; charset=utf-8";
}

/* ---- the services ---- */

static void services(const struct server *s, qujat_lang lang,
                     struct reply *r) {
  struct sbuf *b = &r->body;
  head(s, b, lang, tr(s->cat, lang, "choose"), NULL);
  sb_adds(b, "<h1>");
  sb_html(b, tr(s->cat, lang, "choose"));
  sb_adds(b, "</h1>\n<p>");
  sb_html(b, tr(s->cat, lang, "intro"));
  sb_adds(b, "</p>\n");
  const char *group = NULL;
  for (size_t i = 0; i < s->nservices; i++) {
    const char *g = qujat_catalog_service_group(s->cat, i, lang);
    if (!group || strcmp(g, group) != 0) {
      if (group)
        sb_adds(b, "</ul>\n");
      sb_adds(b, "<h2>");
      sb_html(b, g);
      sb_adds(b, "</h2>\n<ul class=\"q-services\">\n");
      group = g;
    }
    sb_addf(b, "<li><a href=\"/?lang=%s&amp;service=", qujat_lang_code(lang));
    sb_html(b, s->services[i].id);
    sb_adds(b, "\">");
    sb_html(b, qujat_catalog_service_title(s->cat, i, lang));
    sb_adds(b, "</a></li>\n");
  }
  if (group)
    sb_adds(b, "</ul>\n");
  foot(s, b, lang);
  html_reply(r, 200);
}

/* ---- the questions ---- */

static void hidden(struct sbuf *b, const char *name, const char *value) {
  if (!value)
    return;
  sb_adds(b, "<input type=\"hidden\" name=\"");
  sb_html(b, name);
  sb_adds(b, "\" value=\"");
  sb_html(b, value);
  sb_adds(b, "\">\n");
}

static void choice(struct sbuf *b, const char *name, const char *value,
                   const char *label, int checked) {
  sb_adds(b, "<div class=\"q-choice\"><input type=\"radio\" id=\"");
  sb_html(b, name);
  sb_adds(b, "-");
  sb_html(b, value[0] ? value : "unknown");
  sb_adds(b, "\" name=\"");
  sb_html(b, name);
  sb_adds(b, "\" value=\"");
  sb_html(b, value);
  sb_adds(b, checked ? "\" checked>" : "\">");
  sb_adds(b, "<label for=\"");
  sb_html(b, name);
  sb_adds(b, "-");
  sb_html(b, value[0] ? value : "unknown");
  sb_adds(b, "\">");
  sb_html(b, label);
  sb_adds(b, "</label></div>\n");
}

/* A radio question: the values "a|b", labelled serve.v.VALUE, and "do not
 * know" (an empty value: the checklist then says "only if..."). */
static void radios(const struct server *s, struct sbuf *b, qujat_lang lang,
                   const char *name, const char *values, size_t vlen,
                   int labelled_values) {
  char key[64];
  snprintf(key, sizeof key, "q.%s", name);
  sb_adds(b, "<fieldset>\n<legend>");
  sb_html(b, tr(s->cat, lang, key));
  sb_adds(b, "</legend>\n");
  char v[48];
  for (const char *p = values; p < values + vlen;) {
    const char *e = memchr(p, '|', (size_t)(values + vlen - p));
    size_t n = e ? (size_t)(e - p) : (size_t)(values + vlen - p);
    if (n < sizeof v) {
      memcpy(v, p, n);
      v[n] = '\0';
      snprintf(key, sizeof key, "v.%s", v);
      const char *label = labelled_values ? tr(s->cat, lang, key) : v;
      choice(b, name, v, label, 0);
    }
    p = e ? e + 1 : values + vlen;
  }
  choice(b, name, "", tr(s->cat, lang, "dontknow"), 1);
  sb_adds(b, "</fieldset>\n");
}

static void flag(const struct server *s, struct sbuf *b, qujat_lang lang,
                 const char *name) {
  char key[64];
  snprintf(key, sizeof key, "q.%s", name);
  sb_adds(b, "<fieldset>\n<legend>");
  sb_html(b, tr(s->cat, lang, key));
  sb_adds(b, "</legend>\n");
  choice(b, name, "true", tr(s->cat, lang, "yes"), 0);
  choice(b, name, "false", tr(s->cat, lang, "no"), 0);
  choice(b, name, "", tr(s->cat, lang, "dontknow"), 1);
  sb_adds(b, "</fieldset>\n");
}

static void input(const struct server *s, struct sbuf *b, qujat_lang lang,
                  const char *name, const char *type, const char *label_key,
                  const char *extra) {
  sb_adds(b, "<label for=\"");
  sb_html(b, name);
  sb_adds(b, "\">");
  sb_html(b, tr(s->cat, lang, label_key));
  sb_adds(b, "</label>\n<input type=\"");
  sb_adds(b, type);
  sb_adds(b, "\" id=\"");
  sb_html(b, name);
  sb_adds(b, "\" name=\"");
  sb_html(b, name);
  sb_adds(b, "\"");
  sb_adds(b, extra);
  sb_adds(b, ">\n");
}

static int has(const struct server *s, size_t i, const char *path) {
  return service_has_fact(s, i, path, NULL, NULL);
}

static void questions(const struct server *s, const struct answers *a,
                      struct reply *r) {
  struct sbuf *b = &r->body;
  qujat_lang lang = a->lang;
  size_t i = (size_t)a->service;
  const char *title = qujat_catalog_service_title(s->cat, i, lang);
  head(s, b, lang, title, a->v[P_SERVICE]);
  sb_adds(b, "<p class=\"q-nav\"><a href=\"/?lang=");
  sb_adds(b, qujat_lang_code(lang));
  sb_adds(b, "\">");
  sb_html(b, tr(s->cat, lang, "back"));
  sb_adds(b, "</a></p>\n<h1>");
  sb_html(b, title);
  sb_adds(b, "</h1>\n<form method=\"post\" action=\"/checklist\">\n");
  hidden(b, "service", a->v[P_SERVICE]);
  hidden(b, "lang", qujat_lang_code(lang));

  struct sbuf q = {0};
  const char *vals;
  size_t vlen;
  if (has(s, i, "company/@form")) {
    static const char forms[] = "legal-entity|branch|representative-office";
    radios(s, &q, lang, "company-form", forms, sizeof forms - 1, 1);
  }
  static const char *const flags[][2] = {
      {"filing/@by-representative", "by-representative"},
      {"filing/@work-permit-required", "work-permit-required"}};
  for (size_t k = 0; k < 2; k++)
    if (has(s, i, flags[k][0]))
      flag(s, &q, lang, flags[k][1]);
  if (has(s, i, "filing/@for")) {
    static const char v[] = "individual|legal-entity";
    radios(s, &q, lang, "for", v, sizeof v - 1, 1);
  }
  if (has(s, i, "applicant/@role")) {
    static const char v[] = "employee|expert";
    radios(s, &q, lang, "role", v, sizeof v - 1, 1);
  }
  if (service_has_fact(s, i, "request/@category", &vals, &vlen))
    radios(s, &q, lang, "category", vals, vlen, 0);
  if (has(s, i, "applicant/current-visa") ||
      has(s, i, "applicant/current-visa/@category") ||
      has(s, i, "applicant/current-visa/@expires")) {
    flag(s, &q, lang, "visa");
    sb_adds(&q, "<div class=\"q-row\">\n");
    input(s, &q, lang, "visa-category", "text", "q.visa-category",
          " maxlength=\"3\" pattern=\"[A-C][0-9]{1,2}\" autocomplete=\"off\" "
          "aria-describedby=\"visa-category-hint\"");
    sb_adds(&q, "<p class=\"q-hint\" id=\"visa-category-hint\">");
    sb_html(&q, tr(s->cat, lang, "hint.visa-category"));
    sb_adds(&q, "</p>\n");
    input(s, &q, lang, "visa-expires", "date", "q.visa-expires", "");
    sb_adds(&q, "</div>\n");
  }
  if (has(s, i, "applicant/current-trp")) {
    flag(s, &q, lang, "trp");
    sb_adds(&q, "<div class=\"q-row\">\n");
    input(s, &q, lang, "trp-expires", "date", "q.trp-expires", "");
    sb_adds(&q, "</div>\n");
  }
  if (has(s, i, "filing/@priority"))
    flag(s, &q, lang, "priority");
  if (has(s, i, "filing/@personal-manager"))
    flag(s, &q, lang, "personal-manager");
  if (has(s, i, "dependant") || has(s, i, "dependant/@relation")) {
    int births = has(s, i, "dependant/@birth-date");
    sb_adds(&q, "<fieldset>\n<legend>");
    sb_html(&q, tr(s->cat, lang, "q.dependants"));
    sb_adds(&q, "</legend>\n<p class=\"q-hint\">");
    sb_html(&q, tr(s->cat, lang, "hint.dependants"));
    sb_adds(&q, "</p>\n");
    for (int k = 1; k <= SERVE_FORM_DEPENDANTS; k++) {
      char name[32];
      sb_adds(&q, "<div class=\"q-row\">\n");
      sb_addf(&q, "<p><b>");
      sb_html(&q, tr(s->cat, lang, "d.row"));
      sb_addf(&q, " %d</b></p>\n", k);
      snprintf(name, sizeof name, "d%d-relation", k);
      sb_addf(&q, "<label for=\"%s\">", name);
      sb_html(&q, tr(s->cat, lang, "d.relation"));
      sb_addf(&q, "</label>\n<select id=\"%s\" name=\"%s\">"
                  "<option value=\"\"></option>", name, name);
      sb_adds(&q, "<option value=\"spouse\">");
      sb_html(&q, tr(s->cat, lang, "v.spouse"));
      sb_adds(&q, "</option><option value=\"child\">");
      sb_html(&q, tr(s->cat, lang, "v.child"));
      sb_adds(&q, "</option></select>\n");
      snprintf(name, sizeof name, "d%d-given-names", k);
      input(s, &q, lang, name, "text", "d.given-names",
            " maxlength=\"100\" autocomplete=\"off\" spellcheck=\"false\"");
      snprintf(name, sizeof name, "d%d-surname", k);
      input(s, &q, lang, name, "text", "d.surname",
            " maxlength=\"100\" autocomplete=\"off\" spellcheck=\"false\"");
      if (births) {
        snprintf(name, sizeof name, "d%d-birth-date", k);
        input(s, &q, lang, name, "date", "d.birth-date", "");
      }
      sb_adds(&q, "</div>\n");
    }
    sb_adds(&q, "</fieldset>\n");
  }
  if (q.n) {
    sb_adds(b, "<p>");
    sb_html(b, tr(s->cat, lang, "questions-intro"));
    sb_adds(b, "</p>\n<fieldset>\n<legend>");
    sb_html(b, tr(s->cat, lang, "q.name"));
    sb_adds(b, "</legend>\n<p class=\"q-hint\">");
    sb_html(b, tr(s->cat, lang, "hint.name"));
    sb_adds(b, "</p>\n");
    input(s, b, lang, "surname", "text", "q.surname",
          " maxlength=\"100\" autocomplete=\"family-name\" spellcheck=\"false\"");
    input(s, b, lang, "given-names", "text", "q.given-names",
          " maxlength=\"100\" autocomplete=\"given-name\" spellcheck=\"false\"");
    sb_adds(b, "</fieldset>\n");
    if (q.d)
      sb_add(b, q.d, q.n);
  } else {
    sb_adds(b, "<p>");
    sb_html(b, tr(s->cat, lang, "no-questions"));
    sb_adds(b, "</p>\n");
  }
  if (q.oom)
    b->oom = 1;
  sb_free(&q);
  sb_adds(b, "<button type=\"submit\">");
  sb_html(b, tr(s->cat, lang, "submit"));
  sb_adds(b, "</button>\n</form>\n");
  foot(s, b, lang);
  html_reply(r, 200);
}

/* ---- the result ---- */

static const char *const param_names[NPARAMS] = {
    [P_SURNAME] = "surname", [P_GIVEN] = "given-names",
    [P_COMPANY_FORM] = "company-form", [P_BY_REP] = "by-representative",
    [P_WORK_PERMIT] = "work-permit-required", [P_PRIORITY] = "priority",
    [P_PM] = "personal-manager", [P_FOR] = "for", [P_ROLE] = "role",
    [P_CATEGORY] = "category", [P_VISA] = "visa",
    [P_VISA_CATEGORY] = "visa-category", [P_VISA_EXPIRES] = "visa-expires",
    [P_TRP] = "trp", [P_TRP_EXPIRES] = "trp-expires", [P_DATE] = "date"};

static void answers_hidden(struct sbuf *b, const struct answers *a) {
  static const char *const dep[ND_FIELDS] = {"relation", "surname",
                                            "given-names", "birth-date"};
  hidden(b, "service", a->v[P_SERVICE]);
  for (int p = 0; p < NPARAMS; p++)
    if (param_names[p])
      hidden(b, param_names[p], a->v[p]);
  for (size_t k = 0; k < a->ndep; k++)
    for (int f = 0; f < ND_FIELDS; f++) {
      char name[32];
      snprintf(name, sizeof name, "d%zu-%s", k + 1, dep[f]);
      hidden(b, name, a->dep[k][f]);
    }
}

static void result(const struct server *s, const struct answers *a,
                   struct reply *r) {
  qujat_lang lang = a->lang == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK : a->lang;
  struct problem pb = {0};
  qujat_profile *profile = NULL;
  qujat_document *doc = build_document(s, a, QUJAT_DOC_CHECKLIST, lang, 0,
                                       NULL, 0, &profile, &pb);
  if (!doc) {
    page_problem(s, &pb, lang, r);
    return;
  }
  char *html = NULL;
  size_t len = 0;
  qujat_error err = {0};
  if (qujat_render_html(doc, &html, &len, &err) != QUJAT_OK) {
    qujat_document_free(doc);
    qujat_profile_free(profile);
    problem_lib(&pb, 500, "internal", NULL, &err, "error.internal");
    page_problem(s, &pb, lang, r);
    return;
  }
  struct sbuf *b = &r->body;
  const char *title = qujat_catalog_service_title(s->cat, (size_t)a->service,
                                                  lang);
  head(s, b, lang, title, a->v[P_SERVICE]);
  sb_adds(b, "<p class=\"q-nav\"><a href=\"/?lang=");
  sb_adds(b, qujat_lang_code(lang));
  sb_adds(b, "&amp;service=");
  sb_html(b, a->v[P_SERVICE]);
  sb_adds(b, "\">");
  sb_html(b, tr(s->cat, lang, "change"));
  sb_adds(b, "</a></p>\n<h1>");
  sb_html(b, tr(s->cat, lang, "result"));
  sb_adds(b, "</h1>\n<form class=\"q-downloads\" method=\"post\" "
             "action=\"/download\">\n<h2>");
  sb_html(b, tr(s->cat, lang, "download"));
  sb_adds(b, "</h2>\n");
  hidden(b, "lang", qujat_lang_code(lang));
  answers_hidden(b, a);
  static const char *const docs[][2] = {{"checklist", "dl.checklist"},
                                        {"brief", "dl.brief"},
                                        {"kk+ru", "dl.kkru"},
                                        {"fees", "dl.fees"}};
  for (size_t k = 0; k < 4; k++) {
    sb_adds(b, k ? "<button type=\"submit\" class=\"q-secondary\" name=\"doc\" "
                   "value=\""
                 : "<button type=\"submit\" name=\"doc\" value=\"");
    sb_adds(b, docs[k][0]);
    sb_adds(b, "\">");
    sb_html(b, tr(s->cat, lang, docs[k][1]));
    sb_adds(b, "</button>\n");
  }
  sb_adds(b, "</form>\n");
  sb_add(b, html, len);
  foot(s, b, lang);
  html_reply(r, 200);
  qujat_free(html);
  qujat_document_free(doc);
  qujat_profile_free(profile);
}

static void download(const struct server *s, const struct answers *a,
                     struct reply *r) {
  const char *d = a->v[P_DOC] ? a->v[P_DOC] : "checklist";
  qujat_lang lang = a->lang == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK : a->lang;
  int fees = strcmp(d, "fees") == 0;
  qujat_lang out = strcmp(d, "kk+ru") == 0 ? QUJAT_LANG_KK_RU : lang;
  struct problem pb = {0};
  qujat_profile *profile = NULL;
  qujat_document *doc =
      build_document(s, a, fees ? QUJAT_DOC_FEES : QUJAT_DOC_CHECKLIST, out,
                     strcmp(d, "brief") == 0, NULL, 0, &profile, &pb);
  if (!doc) {
    page_problem(s, &pb, lang, r);
    return;
  }
  render_into(s, a, doc, "pdf", fees ? "fees" : "checklist", out, r);
  qujat_document_free(doc);
  qujat_profile_free(profile);
}

void page_handle(const struct server *s, int route, const struct answers *a,
                 struct reply *r) {
  if (route == R_PAGE) {
    if (a->service < 0)
      services(s, a->lang == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK : a->lang, r);
    else
      questions(s, a, r);
  } else if (route == R_RESULT) {
    result(s, a, r);
  } else {
    download(s, a, r);
  }
}

void page_problem(const struct server *s, const struct problem *pb,
                  qujat_lang lang, struct reply *r) {
  if (lang == QUJAT_LANG_KK_RU)
    lang = QUJAT_LANG_KK;
  sb_free(&r->body);
  struct sbuf *b = &r->body;
  const char *key = pb->status == 404   ? "error.not-found"
                    : pb->status == 405 ? "error.method"
                    : pb->status == 413 ? "error.too-large"
                    : pb->status == 408 ? "error.request-timeout"
                    : pb->status == 415 ? "error.media-type"
                    : pb->status >= 500 ? "error.internal"
                                        : "error.bad-request";
  head(s, b, lang, tr(s->cat, lang, "error.title"), NULL);
  sb_adds(b, "<div class=\"q-error\" role=\"alert\">\n<h1>");
  sb_html(b, tr(s->cat, lang, "error.title"));
  sb_adds(b, "</h1>\n<p>");
  sb_html(b, tr(s->cat, lang, key));
  sb_adds(b, "</p>\n");
  /* What exactly was wrong, in the page's language, unless it is the
   * sentence above. */
  char msg[2 * QUJAT_ERROR_MSG_SIZE];
  problem_text(s->cat, pb, lang, msg, sizeof msg);
  if (strcmp(msg, tr(s->cat, lang, key)) != 0) {
    sb_adds(b, "<p class=\"q-hint\">");
    sb_html(b, msg);
    sb_adds(b, "</p>\n");
  }
  sb_adds(b, "</div>\n<p><a href=\"/?lang=");
  sb_adds(b, qujat_lang_code(lang));
  sb_adds(b, "\">");
  sb_html(b, tr(s->cat, lang, "back"));
  sb_adds(b, "</a></p>\n");
  foot(s, b, lang);
  html_reply(r, pb->status ? pb->status : 400);
}
