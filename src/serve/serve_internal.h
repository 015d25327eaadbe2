/* SPDX-License-Identifier: MIT */
/* The server's own pieces, shared by the files of src/serve/ only. */
#ifndef QUJAT_SERVE_INTERNAL_H
#define QUJAT_SERVE_INTERNAL_H

#include <pthread.h>
#include <stddef.h>

#include "qujat/qujat.h"
#include "serve.h"

/* Caps: nothing a real request comes near. */
#define SERVE_MAX_BODY (256 * 1024)  /* a profile XML or a form */
/* A larger body up to this size is read to its end before the 413. */
#define SERVE_DRAIN_BODY (4 * SERVE_MAX_BODY)
#define SERVE_MAX_VALUE 500          /* one parameter's value, bytes */
#define SERVE_MAX_PARAMS 128         /* parameters in one request */
#define SERVE_MAX_DEPENDANTS 20      /* as the profile schema allows */
#define SERVE_FORM_DEPENDANTS 4      /* rows the page offers */

/* A growable output buffer; `oom` sticks after a failed allocation. */
struct sbuf {
  char *d;
  size_t n, cap;
  int oom;
};
void sb_add(struct sbuf *b, const char *s, size_t n);
void sb_adds(struct sbuf *b, const char *s);
void sb_addf(struct sbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_html(struct sbuf *b, const char *s);  /* escaped for text/attributes */
void sb_json(struct sbuf *b, const char *s);  /* a quoted JSON string */
void sb_xml(struct sbuf *b, const char *s);   /* escaped for an attribute */
void sb_free(struct sbuf *b);

/* Parameters: every name the server knows. */
enum param {
  P_SERVICE, P_LANG, P_DATE, P_FORMAT, P_BRIEF, P_DOC, P_COPIES,
  P_MIXED, P_NO_LETTERHEAD,
  P_SURNAME, P_GIVEN,
  P_COMPANY_FORM, P_BY_REP, P_WORK_PERMIT, P_PRIORITY, P_PM, P_FOR, P_ROLE,
  P_CATEGORY, P_VISA, P_VISA_CATEGORY, P_VISA_EXPIRES, P_TRP, P_TRP_EXPIRES,
  NPARAMS
};
enum dep_field { D_RELATION, D_SURNAME, D_GIVEN, D_BIRTH, ND_FIELDS };

/* Which endpoint a request is for; a parameter lists where it is allowed. */
enum route {
  R_PAGE = 1 << 0,      /* GET /           the services, the questions */
  R_RESULT = 1 << 1,    /* GET|POST /checklist  the checklist as HTML */
  R_DOWNLOAD = 1 << 2,  /* POST /download  a PDF of the result page */
  R_SERVICES = 1 << 3,  /* GET /api/services */
  R_CHECKLIST = 1 << 4, /* GET|POST /api/checklist */
  R_FEES = 1 << 5,      /* GET|POST /api/fees */
  R_LETTER = 1 << 6,    /* POST /api/letter */
  R_HEALTH = 1 << 7,    /* GET /healthz */
  R_STYLE = 1 << 8      /* GET /style.css */
};

/* What the parameters of one request said, all checked. Strings borrow from
 * the request (query) or its body. */
struct answers {
  const char *v[NPARAMS];
  const char *dep[SERVE_MAX_DEPENDANTS][ND_FIELDS];
  size_t ndep; /* highest dependant row used */
  qujat_lang lang;
  long service; /* index in the catalog, or -1 */
};

/* A failure to report: HTTP status, a stable code, the parameter, and what
 * to tell the reader, in the reader's language when the reply is made:
 * either a message of the server (`say`, a locales key after "serve.",
 * with {1} standing for `arg`) or a library error (`err`, in English),
 * retold in kk, ru or en (cli_explain_in); when a library message has no
 * retelling in the reader's language, `say` is told instead. */
struct problem {
  int status;
  const char *code;  /* "bad-parameter", "unknown-parameter"... */
  const char *param; /* may be NULL */
  const char *say;   /* "error.not-found", "say.unknown-parameter"... */
  char arg[48];
  int has_err;
  qujat_error err;
};

/* Fills `pb` with a message of the server; returns -1. */
int problem_say(struct problem *pb, int status, const char *code,
                const char *param, const char *say, const char *arg);
/* Fills `pb` with the library error `err` (`say` if it cannot be retold);
 * returns -1. */
int problem_lib(struct problem *pb, int status, const char *code,
                const char *param, const qujat_error *err, const char *say);
/* The message of `pb` in `lang` (kk+ru: Kazakh). */
void problem_text(const qujat_catalog *cat, const struct problem *pb,
                  qujat_lang lang, char *out, size_t size);

/* Adds one name=value (already decoded) to `a` for `route`. Returns 0 or
 * fills `pb`. `seen` tracks duplicates (a bit per parameter). */
int answers_add(const qujat_catalog *cat, struct answers *a, int route,
                const char *name, const char *value, unsigned long long *seen,
                unsigned char seen_dep[][ND_FIELDS], struct problem *pb);

/* Checks what only the whole set can tell (visa without its expiry...).
 * Returns 0 or fills `pb`. */
int answers_finish(const qujat_catalog *cat, struct answers *a, int route,
                   struct problem *pb);

/* Whether any answer about the applicant was given. */
int answers_any_fact(const struct answers *a);

/* The profile XML the answers describe (urn:qujat:profile:1). */
void answers_profile_xml(const struct answers *a, struct sbuf *out);

/* Strict decoding of application/x-www-form-urlencoded `body` in place,
 * calling answers_add for each pair. Returns 0 or fills `pb`. */
int form_parse(const qujat_catalog *cat, struct answers *a, int route,
               char *body, size_t len, unsigned long long *seen,
               unsigned char seen_dep[][ND_FIELDS], struct problem *pb);

/* Percent-decoding as the server does it for paths and query values:
 * "+" is a space in queries, a bad escape or %00 becomes byte 0x01, which
 * no route and no parameter check accepts. Returns the new length. */
size_t serve_unescape(char *s, int plus);

/* A localised UI string of the server (locales key "serve.KEY"); the key
 * itself when missing, so a gap shows rather than crashes. */
const char *tr(const qujat_catalog *cat, qujat_lang lang, const char *key);

/* The response a handler builds. */
struct reply {
  int status;
  const char *ctype;
  struct sbuf body;
  char disposition[512]; /* Content-Disposition, or "" */
  const unsigned char *raw; /* instead of body: qujat-owned bytes */
  size_t raw_len;
};

struct server;
/* The API: fills `r` for `route` with the answers (and an XML body). */
void api_handle(const struct server *s, int route, const struct answers *a,
                const char *xml, size_t xml_len, struct reply *r);
/* A problem as the API reports it: JSON. */
void api_problem(const struct server *s, const struct problem *pb,
                 qujat_lang lang, struct reply *r);
/* The pages. */
void page_handle(const struct server *s, int route, const struct answers *a,
                 struct reply *r);
void page_problem(const struct server *s, const struct problem *pb,
                  qujat_lang lang, struct reply *r);
void page_style(struct reply *r);

/* The server's shared, read-only state. */
struct serve_service {
  const char *id;
  char *facts; /* qujat_catalog_service_facts(), one per line */
};
struct server {
  const qujat_catalog *cat;
  const struct serve_opts *opts;
  struct serve_service *services;
  size_t nservices;
  struct deadlines *deadlines;
};

/* Whether service `i` asks about the fact `path` (a line of its facts,
 * before any "="); `values` (may be NULL) gets what follows "=" or "". */
int service_has_fact(const struct server *s, size_t i, const char *path,
                     const char **values, size_t *values_len);

/* The document date of a request: the date parameter, the server's --date,
 * or today (UTC+5, Kazakhstan). */
const char *request_date(const struct server *s, const struct answers *a,
                         char buf[11]);

/* Builds the document for `kind` from the answers or `xml`; on failure
 * fills `pb` and returns NULL. `*profile_out` must be freed by the caller. */
qujat_document *build_document(const struct server *s,
                               const struct answers *a, qujat_doc_kind kind,
                               qujat_lang lang, int brief, const char *xml,
                               size_t xml_len, qujat_profile **profile_out,
                               struct problem *pb);

/* Renders `doc` as json, text, html or pdf into `r` (a PDF gets its
 * Content-Disposition, named after `kind`: checklist, fees, letter). */
void render_into(const struct server *s, const struct answers *a,
                 qujat_document *doc, const char *format, const char *kind,
                 qujat_lang lang, struct reply *r);
void download_name(const struct server *s, const struct answers *a,
                   const char *kind, qujat_lang lang, struct reply *r);

/* Content-Disposition: attachment with an ASCII fallback and an RFC 5987
 * UTF-8 filename* (RFC 6266). */
void content_disposition(char *out, size_t cap, const char *ascii,
                         const char *utf8);

/* The total deadline of a request (serve_deadline.c): a watch per
 * connection, kept in socket_context. */
struct conn;
struct deadlines {
  pthread_mutex_t mu;
  struct conn *head;
  long long limit_ms;
};
int deadline_init(struct deadlines *d, unsigned seconds);
void deadline_destroy(struct deadlines *d);
/* A connection opened on socket `fd` / closed (before its socket is). */
void deadline_started(struct deadlines *d, int fd, void **socket_context);
void deadline_closed(struct deadlines *d, void **socket_context);
/* A request on the connection completed: the next one's clock starts. */
void deadline_restart(void *socket_context);
/* Whether the request on the connection is past the deadline (or cut). */
int deadline_passed(const struct deadlines *d, void *socket_context);
int deadline_was_cut(void *socket_context);
/* Shuts down the sockets of the connections past the deadline; returns
 * how many. */
unsigned deadline_sweep(struct deadlines *d);

#endif
