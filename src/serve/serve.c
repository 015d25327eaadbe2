/* SPDX-License-Identifier: MIT */
/* The HTTP side: libmicrohttpd on a thread pool (poll), the request lifecycle
 * (method, path, parameters, body caps), security headers, the access log,
 * and a clean stop on SIGTERM/SIGINT. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "serve_internal.h"

struct ctx {
  struct timespec start;
  char method[8];
  char path[96];
  int route;
  int is_post, is_xml, is_form;
  int early; /* a reply was queued before the body was read */
  struct sbuf body;
  int too_large;
  int status;
  size_t bytes;
};

/* Requests begun and not yet completed, for the stop. */
static atomic_int active;

static double ms_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
         (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The path as logged: printable ASCII, the rest as '?'. */
static void log_path(char *out, size_t cap, const char *url) {
  size_t i = 0;
  for (; url[i] && i + 1 < cap; i++)
    out[i] = (url[i] > 0x20 && url[i] < 0x7f) ? url[i] : '?';
  out[i] = '\0';
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
  const struct server *s = cls;
  struct ctx *x = *con_cls;
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  void *watch = ci ? ci->socket_context : NULL;
  int cut = deadline_was_cut(watch);
  deadline_restart(watch);
  if (!x)
    return;
  if (!s->opts->quiet) {
    char line[256];
    int n = snprintf(line, sizeof line, "%s %s %d %zu %.1fms%s\n", x->method,
                     x->path, x->status, x->bytes, ms_since(&x->start),
                     toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
                     : cut || x->status == 408 ? " request-timeout"
                     : toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED
                         ? " timeout"
                         : " aborted");
    if (n > 0)
      (void)!write(2, line, (size_t)n < sizeof line ? (size_t)n
                                                    : sizeof line - 1);
  }
  sb_free(&x->body);
  free(x);
  *con_cls = NULL;
  atomic_fetch_sub(&active, 1);
}

static void notify_connection(void *cls, struct MHD_Connection *c,
                              void **socket_context,
                              enum MHD_ConnectionNotificationCode toe) {
  const struct server *s = cls;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (ci)
      deadline_started(s->deadlines, ci->connect_fd, socket_context);
  } else {
    deadline_closed(s->deadlines, socket_context);
  }
}

/* Whether the connection's request has outlived --request-timeout. */
static int past_deadline(const struct server *s, struct MHD_Connection *c) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci && deadline_passed(s->deadlines, ci->socket_context);
}

static size_t unescape_cb(void *cls, struct MHD_Connection *c, char *uri) {
  (void)cls;
  (void)c;
  /* MHD calls this for the path and each query value; '+' is already a
   * space in query arguments. */
  return serve_unescape(uri, 0);
}

static int route_of(const char *url) {
  static const struct {
    const char *path;
    int route;
  } routes[] = {{"/", R_PAGE},
                {"/checklist", R_RESULT},
                {"/download", R_DOWNLOAD},
                {"/api/services", R_SERVICES},
                {"/api/checklist", R_CHECKLIST},
                {"/api/fees", R_FEES},
                {"/api/letter", R_LETTER},
                {"/healthz", R_HEALTH},
                {"/style.css", R_STYLE}};
  for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
    if (strcmp(url, routes[i].path) == 0)
      return routes[i].route;
  return 0;
}

static int is_api(int route) {
  return route & (R_SERVICES | R_CHECKLIST | R_FEES | R_LETTER | R_HEALTH);
}

/* The language of the reader: "lang" if valid, else Accept-Language (the
 * first of kk, ru, en it names), else English. */
static qujat_lang reader_lang(struct MHD_Connection *c) {
  const char *l = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
  qujat_lang out;
  if (l && qujat_lang_parse(l, &out) == QUJAT_OK)
    return out == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK : out;
  const char *al =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
  if (!al)
    return QUJAT_LANG_EN;
  size_t n = strnlen(al, 512);
  for (size_t i = 0; i + 1 < n; i++) {
    if (i > 0 && al[i - 1] != ',' && al[i - 1] != ' ')
      continue;
    if (strncasecmp(al + i, "kk", 2) == 0 && !isalpha((unsigned char)al[i + 2]))
      return QUJAT_LANG_KK;
    if (strncasecmp(al + i, "ru", 2) == 0 && !isalpha((unsigned char)al[i + 2]))
      return QUJAT_LANG_RU;
    if (strncasecmp(al + i, "en", 2) == 0 && !isalpha((unsigned char)al[i + 2]))
      return QUJAT_LANG_EN;
  }
  return QUJAT_LANG_EN;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct ctx *x,
                                  struct reply *r, qujat_lang lang,
                                  int close) {
  struct MHD_Response *resp;
  if (r->raw) {
    resp = MHD_create_response_from_buffer(r->raw_len, (void *)r->raw,
                                           MHD_RESPMEM_MUST_FREE);
    x->bytes = r->raw_len;
  } else {
    if (r->body.oom) {
      sb_free(&r->body);
      r->status = 500;
      r->ctype = "text/plain; charset=utf-8";
      sb_adds(&r->body, "out of memory\n");
    }
    x->bytes = r->body.n;
    resp = MHD_create_response_from_buffer(r->body.n, r->body.d ? r->body.d
                                                                : (char *)"",
                                           r->body.d ? MHD_RESPMEM_MUST_FREE
                                                     : MHD_RESPMEM_PERSISTENT);
    if (resp)
      r->body.d = NULL;
  }
  if (!resp) {
    sb_free(&r->body);
    return MHD_NO;
  }
  x->status = r->status;
  MHD_add_response_header(resp, "Content-Type", r->ctype);
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(resp, "X-Frame-Options", "DENY");
  MHD_add_response_header(
      resp, "Content-Security-Policy",
      "default-src 'none'; style-src 'self'; img-src 'self'; "
      "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  MHD_add_response_header(resp, "Cache-Control",
                          x->route == R_STYLE ? "public, max-age=3600"
                                              : "no-store");
  MHD_add_response_header(resp, "Content-Language",
                          qujat_lang_code(lang == QUJAT_LANG_KK_RU
                                              ? QUJAT_LANG_KK
                                              : lang));
  if (r->disposition[0])
    MHD_add_response_header(resp, "Content-Disposition", r->disposition);
  if (r->status == 405)
    MHD_add_response_header(resp, "Allow", "GET, HEAD, POST");
  if (close)
    MHD_add_response_header(resp, "Connection", "close");
  enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result problem(const struct server *s, struct MHD_Connection *c,
                               struct ctx *x, const struct problem *pb,
                               qujat_lang lang, int close) {
  struct reply r = {0};
  if (is_api(x->route) || strncmp(x->path, "/api/", 5) == 0)
    api_problem(s, pb, lang, &r);
  else
    page_problem(s, pb, lang, &r);
  return send_reply(c, x, &r, lang, close);
}

struct arg_walk {
  const struct server *s;
  struct answers *a;
  int route;
  unsigned long long seen;
  unsigned char seen_dep[SERVE_MAX_DEPENDANTS][ND_FIELDS];
  struct problem pb;
  int failed;
  size_t count;
};

static enum MHD_Result each_arg(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value) {
  struct arg_walk *w = cls;
  (void)kind;
  if (w->failed)
    return MHD_NO;
  if (++w->count > SERVE_MAX_PARAMS) {
    problem_say(&w->pb, 400, "bad-parameter", NULL, "say.too-many", NULL);
    w->failed = 1;
    return MHD_NO;
  }
  if (answers_add(w->s->cat, w->a, w->route, key, value ? value : "",
                  &w->seen, w->seen_dep, &w->pb) != 0) {
    w->failed = 1;
    return MHD_NO;
  }
  return MHD_YES;
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *c,
                               const char *url, const char *method,
                               const char *version, const char *upload,
                               size_t *upload_size, void **con_cls) {
  const struct server *s = cls;
  struct ctx *x = *con_cls;
  (void)version;
  if (!x) {
    x = calloc(1, sizeof *x);
    if (!x)
      return MHD_NO;
    *con_cls = x;
    atomic_fetch_add(&active, 1);
    clock_gettime(CLOCK_MONOTONIC, &x->start);
    snprintf(x->method, sizeof x->method, "%s",
             strlen(method) < sizeof x->method ? method : "?");
    log_path(x->path, sizeof x->path, url);
    x->route = route_of(url);
    qujat_lang lang = reader_lang(c);
    struct problem pb = {0};
    int is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    x->is_post = strcmp(method, "POST") == 0;
    if (past_deadline(s, c)) { /* headers that took longer than allowed */
      pb = (struct problem){.status = 408, .code = "request-timeout",
                          .say = "error.request-timeout"};
    } else if (!x->route) {
      pb = (struct problem){.status = 404, .code = "not-found",
                          .say = "error.not-found"};
    } else if (!is_get && !x->is_post) {
      pb = (struct problem){.status = 405, .code = "method-not-allowed",
                          .say = "error.method"};
    } else if (x->is_post && !(x->route & (R_RESULT | R_DOWNLOAD | R_CHECKLIST |
                                           R_FEES | R_LETTER))) {
      pb = (struct problem){.status = 405, .code = "method-not-allowed",
                          .say = "error.method"};
    } else if (is_get && (x->route & (R_LETTER | R_DOWNLOAD))) {
      pb = (struct problem){.status = 405, .code = "method-not-allowed",
                          .say = "error.method"};
    }
    if (!pb.status && x->is_post) {
      const char *ct =
          MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
      const char *cl =
          MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
      size_t ctn = ct ? strcspn(ct, ";") : 0;
      while (ctn > 0 && ct[ctn - 1] == ' ')
        ctn--;
      if (ct && ctn == 33 &&
          strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0 &&
          !(x->route & R_LETTER))
        x->is_form = 1;
      else if (ct && ((ctn == 15 && strncasecmp(ct, "application/xml", 15) == 0) ||
                      (ctn == 8 && strncasecmp(ct, "text/xml", 8) == 0)) &&
               (x->route & (R_CHECKLIST | R_FEES | R_LETTER)))
        x->is_xml = 1;
      if (!x->is_form && !x->is_xml) {
        pb = (struct problem){.status = 415, .code = "unsupported-media-type",
                          .say = "error.media-type"};
      } else if (cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > SERVE_MAX_BODY)) {
        /* A body a little too large is read and thrown away, and the 413
         * comes after it: a reply sent while the client is still sending
         * ends in a reset that often loses the reply. Past the drain limit
         * the reply goes at once. */
        if (strlen(cl) <= 9 && strtoul(cl, NULL, 10) <= SERVE_DRAIN_BODY)
          x->too_large = 1;
        else
          pb = (struct problem){.status = 413, .code = "too-large",
                                .say = "error.too-large"};
      }
    }
    if (pb.status) {
      x->early = 1;
      return problem(s, c, x, &pb, lang, 1);
    }
    return MHD_YES;
  }
  if (x->early) { /* discard whatever body follows a queued reply */
    *upload_size = 0;
    return MHD_YES;
  }
  if (*upload_size) {
    if (past_deadline(s, c)) { /* a body that trickles in */
      x->status = 408;
      return MHD_NO;
    }
    if (x->body.n + *upload_size > SERVE_MAX_BODY)
      x->too_large = 1;
    else
      sb_add(&x->body, upload, *upload_size);
    *upload_size = 0;
    return MHD_YES;
  }

  /* The whole request is here. */
  struct answers a = {.lang = QUJAT_LANG_EN, .service = -1};
  qujat_lang lang = reader_lang(c);
  a.lang = lang;
  struct arg_walk w = {.s = s, .a = &a, .route = x->route};
  if (x->too_large || x->body.oom) {
    w.pb = (struct problem){.status = 413, .code = "too-large",
                          .say = "error.too-large"};
    return problem(s, c, x, &w.pb, lang, 1);
  }
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, each_arg, &w);
  if (!w.failed && x->is_form && x->body.n) {
    if (form_parse(s->cat, &a, x->route, x->body.d, x->body.n, &w.seen,
                   w.seen_dep, &w.pb) != 0)
      w.failed = 1;
  }
  if (!w.failed && x->is_post && !x->body.n && x->is_xml) {
    w.pb = (struct problem){.status = 400, .code = "bad-body",
                          .say = "error.no-body"};
    w.failed = 1;
  }
  if (!w.failed && answers_finish(s->cat, &a, x->route, &w.pb) != 0)
    w.failed = 1;
  if (a.v[P_LANG])
    lang = a.lang;
  if (w.failed)
    return problem(s, c, x, &w.pb, lang, 0);

  struct reply r = {0};
  if (x->route == R_STYLE)
    page_style(&r);
  else if (x->route & (R_PAGE | R_RESULT | R_DOWNLOAD))
    page_handle(s, x->route, &a, &r);
  else
    api_handle(s, x->route, &a, x->is_xml ? x->body.d : NULL,
               x->is_xml ? x->body.n : 0, &r);
  return send_reply(c, x, &r, lang, 0);
}

static int parse_listen(const char *spec, struct sockaddr_storage *ss,
                        socklen_t *len, int *v6) {
  char host[128];
  const char *colon = strrchr(spec, ':');
  if (!colon || colon == spec || strlen(spec) >= sizeof host)
    return -1;
  size_t hl = (size_t)(colon - spec);
  memcpy(host, spec, hl);
  host[hl] = '\0';
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end || port < 1 || port > 65535 || colon[1] == '\0')
    return -1;
  memset(ss, 0, sizeof *ss);
  if (host[0] == '[' && host[hl - 1] == ']') {
    host[hl - 1] = '\0';
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)port);
    if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
      return -1;
    *len = sizeof *a;
    *v6 = 1;
    return 0;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
    return -1;
  *len = sizeof *a;
  *v6 = 0;
  return 0;
}

static void mhd_log(void *cls, const char *fmt, va_list ap) {
  const struct server *s = cls;
  if (s->opts->quiet)
    return;
  char line[512];
  int n = vsnprintf(line, sizeof line - 1, fmt, ap);
  if (n <= 0)
    return;
  size_t len = (size_t)n < sizeof line - 1 ? (size_t)n : sizeof line - 2;
  if (line[len - 1] != '\n')
    line[len++] = '\n';
  static const char pre[] = "qujat serve: ";
  (void)!write(2, pre, sizeof pre - 1);
  (void)!write(2, line, len);
}

/* Cuts off the requests past --request-timeout and says so. */
static void sweep(const struct server *s) {
  unsigned n = deadline_sweep(s->deadlines);
  if (n && !s->opts->quiet) {
    char line[160];
    int len = snprintf(line, sizeof line,
                       "qujat serve: cut off %u connection%s: no whole request "
                       "and answer within %lld s (--request-timeout)\n",
                       n, n == 1 ? "" : "s", s->deadlines->limit_ms / 1000);
    if (len > 0)
      (void)!write(2, line, (size_t)len < sizeof line ? (size_t)len
                                                      : sizeof line - 1);
  }
}

int serve_run(const qujat_catalog *cat, const struct serve_opts *o) {
  struct server s = {.cat = cat, .opts = o};
  const char *listen = o->listen ? o->listen : "127.0.0.1:8080";
  struct sockaddr_storage ss;
  socklen_t sl;
  int v6;
  if (parse_listen(listen, &ss, &sl, &v6) != 0) {
    fprintf(stderr, "qujat serve: --listen '%s' is not ADDR:PORT "
                    "(e.g. 127.0.0.1:8080 or [::1]:8080)\n", listen);
    return 2;
  }
  s.nservices = qujat_catalog_service_count(cat);
  s.services = calloc(s.nservices ? s.nservices : 1, sizeof *s.services);
  if (!s.services) {
    fprintf(stderr, "qujat serve: out of memory\n");
    return 1;
  }
  for (size_t i = 0; i < s.nservices; i++) {
    qujat_error err;
    s.services[i].id = qujat_catalog_service_id(cat, i);
    if (qujat_catalog_service_facts(cat, s.services[i].id, &s.services[i].facts,
                                    NULL, &err) != QUJAT_OK) {
      fprintf(stderr, "qujat serve: %s\n", err.msg);
      return 1;
    }
  }

  struct deadlines deadlines;
  if (deadline_init(&deadlines, o->request_timeout ? o->request_timeout
                                                   : 30u) != 0) {
    fprintf(stderr, "qujat serve: cannot create a mutex\n");
    return 1;
  }
  s.deadlines = &deadlines;

  /* SIGTERM and SIGINT are taken by sigtimedwait below: block them before the
   * server's threads start, so that they inherit the mask. */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  unsigned threads = o->threads ? o->threads : 2;
  /* poll(), not epoll: each thread of the pool owns the connections it
   * accepts, and with epoll libmicrohttpd 0.9.75 accepts up to ten at a
   * time, so a client that opens its kept-alive connections together (wrk,
   * a proxy's pool) had them all on one thread, the others idle; with poll
   * a thread accepts one per turn and they spread (bench/README.md). */
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
                   MHD_USE_ITC | MHD_USE_ERROR_LOG |
                   (v6 ? MHD_USE_IPv6 : 0);
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, NULL, NULL, handler, &s,
      MHD_OPTION_EXTERNAL_LOGGER, mhd_log, &s,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
      MHD_OPTION_THREAD_POOL_SIZE, threads,
      MHD_OPTION_CONNECTION_LIMIT, o->max_connections ? o->max_connections : 256u,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_ip ? o->per_ip : 32u,
      MHD_OPTION_CONNECTION_TIMEOUT, o->timeout ? o->timeout : 15u,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32 * 1024,
      MHD_OPTION_NOTIFY_COMPLETED, completed, &s,
      MHD_OPTION_NOTIFY_CONNECTION, notify_connection, &s,
      MHD_OPTION_UNESCAPE_CALLBACK, unescape_cb, &s,
      MHD_OPTION_LISTEN_BACKLOG_SIZE, 128u,
      MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "qujat serve: cannot listen on %s: %s\n", listen,
            strerror(errno ? errno : EADDRINUSE));
    deadline_destroy(&deadlines);
    for (size_t i = 0; i < s.nservices; i++)
      qujat_free(s.services[i].facts);
    free(s.services);
    return 1;
  }
  fprintf(stderr, "qujat serve: listening on http://%s/ (%u threads)\n",
          listen, threads);

  /* The main thread waits for the signal and, meanwhile, cuts off the
   * requests past --request-timeout, four times a second. */
  int sig;
  do {
    struct timespec tick = {0, 250 * 1000 * 1000};
    sig = sigtimedwait(&sigs, NULL, &tick);
    if (sig < 0)
      sweep(&s);
  } while (sig < 0);
  fprintf(stderr, "qujat serve: %s: finishing requests in flight\n",
          sig == SIGTERM ? "SIGTERM" : "SIGINT");
  /* Stop accepting; let the requests in flight finish (each within
   * --request-timeout, the sweep goes on), then stop. */
  MHD_quiesce_daemon(d);
  for (long long i = 0;
       i <= deadlines.limit_ms / 100 && atomic_load(&active) > 0; i++) {
    struct timespec t = {0, 100 * 1000 * 1000};
    nanosleep(&t, NULL);
    sweep(&s);
  }
  MHD_stop_daemon(d);
  deadline_destroy(&deadlines);
  for (size_t i = 0; i < s.nservices; i++)
    qujat_free(s.services[i].facts);
  free(s.services);
  fprintf(stderr, "qujat serve: stopped\n");
  return 0;
}
