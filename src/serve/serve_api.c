/* SPDX-License-Identifier: MIT */
/* The API for portals: JSON, text and PDF; every error a JSON object. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

void api_problem(const struct server *s, const struct problem *pb,
                 qujat_lang lang, struct reply *r) {
  char msg[2 * QUJAT_ERROR_MSG_SIZE];
  problem_text(s->cat, pb, lang, msg, sizeof msg);
  r->status = pb->status ? pb->status : 400;
  r->ctype = "application/json; charset=utf-8";
  sb_addf(&r->body, "{\"status\": %d, \"error\": ", r->status);
  sb_json(&r->body, pb->code ? pb->code : "bad-request");
  if (pb->param) {
    sb_adds(&r->body, ", \"parameter\": ");
    sb_json(&r->body, pb->param);
  }
  if (pb->has_err && pb->err.line > 0) /* a place in a POSTed profile */
    sb_addf(&r->body, ", \"line\": %d", pb->err.line);
  if (pb->has_err && pb->err.line > 0 && pb->err.column > 0)
    sb_addf(&r->body, ", \"column\": %d", pb->err.column);
  sb_adds(&r->body, ", \"message\": ");
  sb_json(&r->body, msg);
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
  struct problem pb;
  if (st == QUJAT_ERR_ARG)
    problem_lib(&pb, 400, "bad-parameter", "format", &err, "say.not-allowed");
  else
    problem_lib(&pb, 500, "internal", NULL, &err, "error.internal");
  snprintf(pb.arg, sizeof pb.arg, "format");
  api_problem(s, &pb, lang, r);
}

struct problems {
  const qujat_catalog *cat;
  qujat_lang lang;
  struct sbuf json;
  size_t n;
};

/* One problem of a letter, retold in the request's language. */
static void on_problem(const qujat_error *e, void *user) {
  struct problems *p = user;
  if (p->n++ >= 100)
    return;
  struct problem pb;
  problem_lib(&pb, 422, "letter-check", NULL, e, "say.letter-problem");
  char msg[2 * QUJAT_ERROR_MSG_SIZE];
  problem_text(p->cat, &pb, p->lang, msg, sizeof msg);
  sb_adds(&p->json, p->n > 1 ? ",\n  " : "\n  ");
  sb_addf(&p->json, "{\"line\": %d, \"message\": ", e->line);
  sb_json(&p->json, msg);
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
    problem_say(&pb, 415, "unsupported-media-type", NULL, "error.media-type",
                NULL);
    api_problem(s, &pb, a->lang, r);
    return;
  }
  qujat_error err = {0};
  qujat_profile *profile = NULL;
  if (qujat_profile_load_memory(s->cat, xml, len, "profile", &profile, &err) !=
      QUJAT_OK) {
    if (err.code == QUJAT_ERR_NOMEM)
      problem_say(&pb, 500, "internal", NULL, "error.internal", NULL);
    else
      problem_lib(&pb, 400, "bad-profile", NULL, &err, "say.bad-profile");
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
    problem_say(&pb, 400, "bad-parameter", "lang", "say.letter-lang", NULL);
    api_problem(s, &pb, a->lang, r);
    return;
  }
  struct problems probs = {.cat = s->cat, .lang = a->lang};
  qujat_status st = qujat_letter_check(s->cat, &req, on_problem, &probs, &err);
  if (st != QUJAT_OK) {
    qujat_profile_free(profile);
    problem_lib(&pb, st == QUJAT_ERR_RULE ? 422 : 400,
                st == QUJAT_ERR_RULE ? "letter-check" : "bad-request", NULL,
                &err,
                st == QUJAT_ERR_RULE ? "say.letter-check" : "error.bad-request");
    char msg[2 * QUJAT_ERROR_MSG_SIZE];
    problem_text(s->cat, &pb, a->lang, msg, sizeof msg);
    r->status = pb.status;
    r->ctype = "application/json; charset=utf-8";
    sb_addf(&r->body, "{\"status\": %d, \"error\": \"%s\", \"message\": ",
            r->status, pb.code);
    sb_json(&r->body, msg);
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
    if (st == QUJAT_ERR_NOMEM)
      problem_say(&pb, 500, "internal", NULL, "error.internal", NULL);
    else
      problem_lib(&pb, 422, "cannot-build", NULL, &err, "say.cannot-build");
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
      problem_lib(&pb, 500, "internal", NULL, &err, "error.internal");
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
    problem_say(&pb, 400, "bad-parameter", "lang", "say.fees-lang", NULL);
    api_problem(s, &pb, a->lang, r);
    return;
  }
  int brief = a->v[P_BRIEF] && strcmp(a->v[P_BRIEF], "true") == 0;
  if (xml && answers_any_fact(a)) {
    problem_say(&pb, 400, "bad-request", NULL, "say.both", NULL);
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
