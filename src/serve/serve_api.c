/* SPDX-License-Identifier: MIT */
/* The API for portals: JSON, text and PDF; every error a JSON object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

void api_problem(const struct server *s, const struct problem *pb,
                 qujat_lang lang, struct reply *r) {
  (void)s;
  (void)lang;
  r->status = pb->status ? pb->status : 400;
  r->ctype = "application/json; charset=utf-8";
  sb_addf(&r->body, "{\"status\": %d, \"error\": ", r->status);
  sb_json(&r->body, pb->code ? pb->code : "bad-request");
  if (pb->param) {
    sb_adds(&r->body, ", \"parameter\": ");
    sb_json(&r->body, pb->param);
  }
  sb_adds(&r->body, ", \"message\": ");
  sb_json(&r->body, pb->msg);
  sb_adds(&r->body, "}\n");
}

/* A file name for a download: ASCII "KIND-SERVICE-LANG.pdf" and the UTF-8
 * "Service title (LANG).pdf". */
void download_name(const struct server *s, const struct answers *a,
                   const char *kind, qujat_lang lang, struct reply *r) {
  char ascii[160], utf8[400];
  const char *code = qujat_lang_code(lang);
  snprintf(ascii, sizeof ascii, "%s-%s-%s.pdf", kind, a->v[P_SERVICE],
           strcmp(code, "kk+ru") == 0 ? "kk-ru" : code);
  const char *title = qujat_catalog_service_title(
      s->cat, (size_t)a->service, lang);
  char t[300];
  size_t n = 0;
  for (const char *p = title ? title : ""; *p && n + 1 < sizeof t; p++)
    t[n++] = (*p == '/' || *p == '\\' || *p == '"' ||
              (unsigned char)*p < 0x20) ? '_' : *p;
  /* Do not cut a UTF-8 character in two. */
  while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
    n--;
  t[n] = '\0';
  const char *what = tr(s->cat, lang == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK : lang,
                        strcmp(kind, "fees") == 0     ? "file.fees"
                        : strcmp(kind, "letter") == 0 ? "file.letter"
                                                      : "file.checklist");
  snprintf(utf8, sizeof utf8, "%s - %s (%s).pdf", what, t, code);
  content_disposition(r->disposition, sizeof r->disposition, ascii, utf8);
}

/* Renders `doc` in `format` into `r`. */
void render_into(const struct server *s, const struct answers *a,
                 qujat_document *doc, const char *format, const char *kind,
                 qujat_lang lang, struct reply *r) {
  qujat_error err = {0};
  qujat_status st;
  if (strcmp(format, "pdf") == 0) {
    unsigned char *pdf = NULL;
    size_t len = 0;
    st = qujat_render_pdf_memory(doc, &pdf, &len, &err);
    if (st == QUJAT_OK) {
      r->status = 200;
      r->ctype = "application/pdf";
      r->raw = pdf;
      r->raw_len = len;
      download_name(s, a, kind, lang, r);
      return;
    }
  } else {
    char *out = NULL;
    size_t len = 0;
    if (strcmp(format, "text") == 0)
      st = qujat_render_text(doc, &out, &len, &err);
    else if (strcmp(format, "html") == 0)
      st = qujat_render_html(doc, &out, &len, &err);
    else
      st = qujat_render_json(doc, &out, &len, &err);
    if (st == QUJAT_OK) {
      r->status = 200;
      r->ctype = strcmp(format, "text") == 0 ? "text/plain; charset=utf-8"
                 : strcmp(format, "html") == 0
                     ? "text/html; charset=utf-8"
                     : "application/json; charset=utf-8";
      r->raw = (const unsigned char *)out;
      r->raw_len = len;
      return;
    }
  }
  struct problem pb = {.status = st == QUJAT_ERR_ARG ? 400 : 500,
                       .code = st == QUJAT_ERR_ARG ? "bad-parameter"
                                                   : "internal",
                       .param = st == QUJAT_ERR_ARG ? "format" : NULL};
  snprintf(pb.msg, sizeof pb.msg, "%s", err.msg);
  api_problem(s, &pb, lang, r);
}

struct problems {
  struct sbuf json;
  size_t n;
};

static void on_problem(const qujat_error *e, void *user) {
  struct problems *p = user;
  if (p->n++ >= 100)
    return;
  sb_adds(&p->json, p->n > 1 ? ",\n  " : "\n  ");
  sb_addf(&p->json, "{\"line\": %d, \"message\": ", e->line);
  sb_json(&p->json, e->msg);
  sb_adds(&p->json, "}");
}

/* A C_FLAG parameter: "true" or "false". */
static int flag(const struct answers *a, enum param p) {
  return a->v[p] && strcmp(a->v[p], "true") == 0;
}

static void letter(const struct server *s, const struct answers *a,
                   const char *xml, size_t len, struct reply *r) {
  struct problem pb = {0};
  if (!xml) {
    pb = (struct problem){.status = 415, .code = "unsupported-media-type"};
    snprintf(pb.msg, sizeof pb.msg,
             "POST the profile as application/xml");
    api_problem(s, &pb, a->lang, r);
    return;
  }
  qujat_error err = {0};
  qujat_profile *profile = NULL;
  if (qujat_profile_load_memory(s->cat, xml, len, "profile", &profile, &err) !=
      QUJAT_OK) {
    pb = (struct problem){.status = 400, .code = "bad-profile"};
    int cut = snprintf(pb.msg, sizeof pb.msg, "%.60s:%d:%d: %.200s", err.file,
                       err.line, err.column, err.msg);
    (void)cut; /* a longer message is cut: it is only read by people */
    api_problem(s, &pb, a->lang, r);
    return;
  }
  char db[11];
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = QUJAT_DOC_LETTER,
                       .service = a->v[P_SERVICE],
                       .profile = profile,
                       .lang = a->lang,
                       .date = request_date(s, a, db),
                       .copies = a->v[P_COPIES] ? atoi(a->v[P_COPIES]) : 0,
                       .allow_mixed_language = flag(a, P_MIXED),
                       .no_letterhead = flag(a, P_NO_LETTERHEAD)};
  if (a->lang == QUJAT_LANG_KK_RU) {
    qujat_profile_free(profile);
    pb = (struct problem){.status = 400, .code = "bad-parameter",
                          .param = "lang"};
    snprintf(pb.msg, sizeof pb.msg, "a letter is written in kk, ru or en");
    api_problem(s, &pb, a->lang, r);
    return;
  }
  struct problems probs = {0};
  qujat_status st = qujat_letter_check(s->cat, &req, on_problem, &probs, &err);
  if (st != QUJAT_OK) {
    qujat_profile_free(profile);
    r->status = st == QUJAT_ERR_RULE ? 422 : 400;
    r->ctype = "application/json; charset=utf-8";
    sb_addf(&r->body, "{\"status\": %d, \"error\": \"%s\", \"message\": ",
            r->status, st == QUJAT_ERR_RULE ? "letter-check" : "bad-request");
    sb_json(&r->body, err.msg);
    sb_adds(&r->body, ", \"problems\": [");
    if (probs.json.d)
      sb_add(&r->body, probs.json.d, probs.json.n);
    sb_adds(&r->body, "\n]}\n");
    sb_free(&probs.json);
    return;
  }
  sb_free(&probs.json);
  qujat_document *doc = NULL;
  st = qujat_document_build(s->cat, &req, &doc, &err);
  if (st != QUJAT_OK) {
    qujat_profile_free(profile);
    pb = (struct problem){.status = st == QUJAT_ERR_NOMEM ? 500 : 422,
                          .code = "cannot-build"};
    snprintf(pb.msg, sizeof pb.msg, "%s", err.msg);
    api_problem(s, &pb, a->lang, r);
    return;
  }
  render_into(s, a, doc, "pdf", "letter", a->lang, r);
  qujat_document_free(doc);
  qujat_profile_free(profile);
}

void api_handle(const struct server *s, int route, const struct answers *a,
                const char *xml, size_t xml_len, struct reply *r) {
  struct problem pb = {0};
  if (route == R_HEALTH) {
    r->status = 200;
    r->ctype = "application/json; charset=utf-8";
    sb_addf(&r->body, "{\"status\": \"ok\", \"services\": %zu}\n",
            s->nservices);
    return;
  }
  if (route == R_SERVICES) {
    char *out = NULL;
    size_t len = 0;
    qujat_error err = {0};
    qujat_lang lang = a->lang == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK : a->lang;
    if (qujat_render_list(s->cat, lang, 1, &out, &len, &err) != QUJAT_OK) {
      pb = (struct problem){.status = 500, .code = "internal"};
      snprintf(pb.msg, sizeof pb.msg, "%s", err.msg);
      api_problem(s, &pb, a->lang, r);
      return;
    }
    r->status = 200;
    r->ctype = "application/json; charset=utf-8";
    r->raw = (const unsigned char *)out;
    r->raw_len = len;
    return;
  }
  if (route == R_LETTER) {
    letter(s, a, xml, xml_len, r);
    return;
  }
  int fees = route == R_FEES;
  if (fees && a->lang == QUJAT_LANG_KK_RU) {
    pb = (struct problem){.status = 400, .code = "bad-parameter",
                          .param = "lang"};
    snprintf(pb.msg, sizeof pb.msg,
             "a fee slip is written in kk, ru or en, not kk+ru");
    api_problem(s, &pb, a->lang, r);
    return;
  }
  int brief = a->v[P_BRIEF] && strcmp(a->v[P_BRIEF], "true") == 0;
  if (xml && answers_any_fact(a)) {
    pb = (struct problem){.status = 400, .code = "bad-request"};
    snprintf(pb.msg, sizeof pb.msg,
             "give either a profile XML or answers as parameters, not both");
    api_problem(s, &pb, a->lang, r);
    return;
  }
  qujat_profile *profile = NULL;
  qujat_document *doc =
      build_document(s, a, fees ? QUJAT_DOC_FEES : QUJAT_DOC_CHECKLIST,
                     a->lang, brief, xml, xml_len, &profile, &pb);
  if (!doc) {
    api_problem(s, &pb, a->lang, r);
    return;
  }
  render_into(s, a, doc, a->v[P_FORMAT] ? a->v[P_FORMAT] : "json",
              fees ? "fees" : "checklist", a->lang, r);
  qujat_document_free(doc);
  qujat_profile_free(profile);
}
