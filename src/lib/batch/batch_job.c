/* SPDX-License-Identifier: MIT */
/*
 * One job of a batch, from the entry of the job file to a PDF on disk, by
 * the public API (qujat.h) and, for an inline profile the job reader has
 * already parsed, the profile loader's entry for a parsed document
 * (catalog.h): whatever goes wrong becomes the job's error, with the job
 * file, line and id in front, and the batch goes on.
 */
#define _DEFAULT_SOURCE /* realpath */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch/batch.h"
#include "base/base.h"
#include "catalog/profile_doc.h"

void qujat_job_outcome_clear(struct job_outcome *o) {
  free(o->output);
  free(o->error);
  for (size_t i = 0; i < o->nwarnings; i++)
    free(o->warnings[i]);
  free(o->warnings);
  memset(o, 0, sizeof *o);
}

void qujat_worker_cache_init(struct worker_cache *c, int root) {
  memset(c, 0, sizeof *c);
  qujat_out_dirs_init(&c->dirs, root);
}

/* Forgets the cached profile. */
static void forget_profile(struct worker_cache *c) {
  free(c->path);
  qujat_profile_free(c->profile);
  c->path = NULL;
  c->profile = NULL;
}

void qujat_worker_cache_free(struct worker_cache *c) {
  forget_profile(c);
  qujat_out_dirs_free(&c->dirs);
}

/* The job's error: "JOBS.xml:12: job 0002: what". */
static void fail(const struct job_env *env, const struct job *j,
                 struct job_outcome *out, const char *fmt, ...)
    QUJAT_PRINTF(4, 5);

static void fail(const struct job_env *env, const struct job *j,
                 struct job_outcome *out, const char *fmt, ...) {
  char what[768], msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  qujat_utf8_trim_cut(what);
  snprintf(msg, sizeof msg, "%s:%d: job %s: %s", env->jobs_path, j->line,
           j->id && *j->id ? j->id : "(no id)", what);
  qujat_utf8_trim_cut(msg);
  /* Ids and names come from the job file: a control character in them
   * must not reach a terminal (escape sequences). */
  char safe[sizeof msg];
  size_t k = 0;
  for (const char *p = msg; *p && k + 5 < sizeof safe; p++) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20 || c == 0x7f)
      k += (size_t)snprintf(safe + k, sizeof safe - k, "\\x%02X", c);
    else
      safe[k++] = (char)c;
  }
  safe[k] = '\0';
  qujat_utf8_trim_cut(safe);
  memcpy(msg, safe, strlen(safe) + 1);
  out->status = QUJAT_JOB_ERROR;
  free(out->error);
  out->error = strdup(msg);
}

/* A library error as text: "file:line:col: message" where it has a place. */
static void fail_with(const struct job_env *env, const struct job *j,
                      struct job_outcome *out, const qujat_error *e) {
  if (e->file[0] && e->line)
    fail(env, j, out, "%s:%d: %s", e->file, e->line, e->msg);
  else if (e->file[0])
    fail(env, j, out, "%s: %s", e->file, e->msg);
  else
    fail(env, j, out, "%s", e->msg);
}

/* ------------------------------------------------------------------------
 * Profiles
 * ------------------------------------------------------------------------ */

static qujat_status cached_profile(const struct job_env *env,
                                   struct worker_cache *c, const char *path,
                                   const qujat_profile **out,
                                   qujat_error *err) {
  struct stat sb;
  if (stat(path, &sb) != 0)
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                         "cannot open the profile");
  if (c->profile && strcmp(c->path, path) == 0 &&
      c->dev == (unsigned long long)sb.st_dev &&
      c->ino == (unsigned long long)sb.st_ino &&
      c->size == (unsigned long long)sb.st_size &&
      c->mtime_sec == (long long)sb.st_mtim.tv_sec &&
      c->mtime_nsec == (long long)sb.st_mtim.tv_nsec) {
    *out = c->profile;
    return QUJAT_OK;
  }
  forget_profile(c);
  qujat_profile *p = NULL;
  qujat_status st = qujat_profile_load_file(env->cat, path, &p, err);
  if (st != QUJAT_OK)
    return st;
  if ((c->path = strdup(path)) == NULL) {
    qujat_profile_free(p);
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  c->profile = p;
  c->dev = (unsigned long long)sb.st_dev;
  c->ino = (unsigned long long)sb.st_ino;
  c->size = (unsigned long long)sb.st_size;
  c->mtime_sec = (long long)sb.st_mtim.tv_sec;
  c->mtime_nsec = (long long)sb.st_mtim.tv_nsec;
  *out = p;
  return QUJAT_OK;
}

/* Whether the profile `given` (as the job file names it; `path` with the
 * job file's directory in front) stays inside `dir`: relative, no ".."
 * part, and no symbolic link on the way that leads out. A file that does
 * not exist is "inside" here: opening it says it is not there. */
static int inside(const char *dir, const char *given, const char *path) {
  if (given[0] == '/')
    return 0;
  for (const char *c = given; *c;) {
    size_t n = strcspn(c, "/");
    if (n == 2 && c[0] == '.' && c[1] == '.')
      return 0;
    c += n + (c[n] == '/');
  }
  char *real_dir = realpath(dir, NULL), *real = realpath(path, NULL);
  int ok = !real || (real_dir && strncmp(real, real_dir, strlen(real_dir)) == 0 &&
                     (real[strlen(real_dir)] == '/' ||
                      strcmp(real_dir, "/") == 0));
  free(real_dir);
  free(real);
  return ok;
}

/* The job's profile: a file (relative to the job file), inline, or none.
 * `*owned` is set when the caller must free it. */
static qujat_status job_profile(const struct job_env *env,
                                struct worker_cache *cache,
                                const struct job *j,
                                const qujat_profile **out,
                                qujat_profile **owned, qujat_error *err) {
  *out = NULL;
  *owned = NULL;
  if (j->profile_path) {
    char path[4096];
    if (j->profile_path[0] == '/')
      snprintf(path, sizeof path, "%s", j->profile_path);
    else
      snprintf(path, sizeof path, "%s/%s", env->jobs_dir, j->profile_path);
    if (!env->allow_outside && !inside(env->jobs_dir, j->profile_path, path))
      /* Whether it exists, is readable or is a profile: not said. */
      return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                           "the profile '%.*s' is outside the job file's "
                           "directory (--allow-outside-profiles allows it)",
                           qujat_utf8_prefix(j->profile_path, 200),
                           j->profile_path);
    return cached_profile(env, cache, path, out, err);
  }
  if (!j->profile_doc && !j->profile_xml)
    return QUJAT_OK;
  char name[300];
  snprintf(name, sizeof name, "%s", env->jobs_path);
  /* An inline profile's document is the job's, which outlives the load. */
  qujat_status st =
      j->profile_doc
          ? qujat_profile_load_doc(env->cat, j->profile_doc, name, owned, err)
          : qujat_profile_load_memory(env->cat, j->profile_xml,
                                      j->profile_len, name, owned, err);
  if (st != QUJAT_OK && err && j->profile_line > 0 && err->line) {
    /* The inline profile starts at profile_line of the job file. */
    err->line += j->profile_line - 1;
    snprintf(err->file, sizeof err->file, "%s", env->jobs_path);
  } else if (st != QUJAT_OK && err && j->profile_line < 0) {
    /* Made of the row's columns: the message names the attribute, which
     * is the column's name. */
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    snprintf(err->msg, sizeof err->msg, "the profile columns: %.*s",
             (int)(sizeof err->msg - 24), msg);
    err->file[0] = '\0';
    err->line = 0;
  }
  *out = *owned;
  return st;
}

/* ------------------------------------------------------------------------
 * The request
 * ------------------------------------------------------------------------ */

/* A whole number from 1 to `max` in the field `s` into *out; 0: it is not
 * one (*out untouched). */
static int count_of(const char *s, long max, int *out) {
  char *end;
  long n = strtol(s, &end, 10);
  if (*end || n < 1 || n > max)
    return 0;
  *out = (int)n;
  return 1;
}

/* Fills `req` from the job's fields; 0 after recording the problem. */
static int make_request(const struct job_env *env, const struct job *j,
                        struct job_outcome *out, qujat_request *req) {
  static const char *const kinds[] = {"checklist", "letter", "fees"};
  static const qujat_doc_kind doc_kinds[] = {
      QUJAT_DOC_CHECKLIST, QUJAT_DOC_LETTER, QUJAT_DOC_FEES};
  int k = -1;
  for (int i = 0; j->document && i < 3; i++)
    if (strcmp(j->document, kinds[i]) == 0)
      k = i;
  if (k < 0) {
    fail(env, j, out, "document '%s': expected checklist, letter or fees",
         j->document ? j->document : "");
    return 0;
  }
  req->kind = doc_kinds[k];
  req->service = j->service;
  req->date = j->date ? j->date : env->default_date;
  if (j->lang && qujat_lang_parse(j->lang, &req->lang) != QUJAT_OK) {
    fail(env, j, out, "lang '%s': expected kk, ru, en or kk+ru", j->lang);
    return 0;
  }
  if (!j->lang)
    req->lang = QUJAT_LANG_EN;
  if (req->lang == QUJAT_LANG_KK_RU && req->kind != QUJAT_DOC_CHECKLIST) {
    fail(env, j, out, "kk+ru is for checklists; a %s is written in one "
                      "language",
         kinds[k]);
    return 0;
  }
  if (!req->date || qujat_date_check(req->date) != QUJAT_OK) {
    fail(env, j, out, "date '%s': expected YYYY-MM-DD",
         req->date ? req->date : "");
    return 0;
  }
  if (j->copies && req->kind != QUJAT_DOC_LETTER) {
    fail(env, j, out, "copies is for letters");
    return 0;
  }
  if (j->copies && !count_of(j->copies, 10, &req->copies)) {
    fail(env, j, out, "copies '%s': expected 1 to 10", j->copies);
    return 0;
  }
  int yes = j->brief && (!strcmp(j->brief, "true") || !strcmp(j->brief, "1"));
  int no = j->brief && (!strcmp(j->brief, "false") || !strcmp(j->brief, "0"));
  if (j->brief && (req->kind != QUJAT_DOC_CHECKLIST || !(yes || no))) {
    fail(env, j, out, "brief '%s': true or false, for checklists", j->brief);
    return 0;
  }
  req->brief = yes;
  /* The letter's flags, as --allow-mixed-language and --no-letterhead. */
  const struct {
    const char *name, *value;
    int *to;
  } flags[] = {{"allow-mixed-language", j->mixed, &req->allow_mixed_language},
               {"no-letterhead", j->no_letterhead, &req->no_letterhead}};
  for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
    const char *v = flags[f].value;
    if (!v)
      continue;
    int on = !strcmp(v, "true") || !strcmp(v, "1");
    int off = !strcmp(v, "false") || !strcmp(v, "0");
    if (req->kind != QUJAT_DOC_LETTER) {
      fail(env, j, out, "%s is for letters", flags[f].name);
      return 0;
    }
    if (!(on || off)) {
      fail(env, j, out, "%s '%s': expected true or false", flags[f].name, v);
      return 0;
    }
    *flags[f].to = on;
  }
  if ((j->fine || j->days || j->size) && req->kind != QUJAT_DOC_FEES) {
    fail(env, j, out, "fine, days and size are for fees");
    return 0;
  }
  if (j->fine) {
    if (j->service || j->profile_path || j->profile_xml ||
        j->profile_doc) {
      fail(env, j, out, "a fine takes no service and no profile");
      return 0;
    }
    req->kind = QUJAT_DOC_FINE;
    req->fine = j->fine;
  }
  if (j->days && !count_of(j->days, 100000, &req->days)) {
    fail(env, j, out, "days '%s': expected a number of days", j->days);
    return 0;
  }
  if (j->size) {
    static const char *const sizes[] = {"small", "medium", "large"};
    for (int i = 0; i < 3; i++)
      if (strcmp(j->size, sizes[i]) == 0)
        req->size = (qujat_business_size)(QUJAT_SIZE_SMALL + i);
    if (req->size == QUJAT_SIZE_NONE) {
      fail(env, j, out, "size '%s': expected small, medium or large",
           j->size);
      return 0;
    }
  }
  if (!j->fine && !j->service) {
    fail(env, j, out, "no service (qujat list shows the services)");
    return 0;
  }
  return 1;
}

/* The first problem of a letter and how many there are. */
struct letter_problems {
  int count;
  qujat_error first;
};

static void count_problem(const qujat_error *e, void *user) {
  struct letter_problems *p = user;
  if (p->count++ == 0)
    p->first = *e;
}

/* ------------------------------------------------------------------------
 * The job
 * ------------------------------------------------------------------------ */

static void take_warnings(const qujat_document *doc, struct job_outcome *out) {
  size_t n = qujat_document_warning_count(doc);
  if (!n || !(out->warnings = calloc(n, sizeof *out->warnings)))
    return;
  for (size_t i = 0; i < n; i++)
    if ((out->warnings[out->nwarnings] =
             strdup(qujat_document_warning(doc, i))) != NULL)
      out->nwarnings++;
}

/* Checks that do not need the catalog: entry, duplicates, output name. */
static int entry_ok(const struct job_env *env, const struct job *j,
                    const struct duplicate *dup, struct job_outcome *out) {
  char why[160];
  if (j->problem)
    fail(env, j, out, "%s", j->problem);
  else if (!j->id || !*j->id)
    fail(env, j, out, "the job has no id");
  else if (dup)
    fail(env, j, out, "%s '%s' is already %s job %s (line %d)",
         dup->output ? "the output" : "the id",
         dup->output ? j->output : j->id,
         dup->output ? "written by" : "used by", dup->first_id,
         dup->first_line);
  else if (!j->output)
    fail(env, j, out, "the job has no output name");
  else if (!qujat_output_name_ok(j->output, why, sizeof why))
    fail(env, j, out, "output '%.*s': %s", qujat_utf8_prefix(j->output, 200),
         j->output, why);
  else
    return 1;
  return 0;
}

static void render(const struct job_env *env, struct worker_cache *cache,
                   const struct job *j, const qujat_request *req,
                   struct job_outcome *out) {
  qujat_error err = {0};
  qujat_document *doc = NULL;
  unsigned char *pdf = NULL;
  size_t len = 0;
  struct letter_problems problems = {0};
  qujat_status st = QUJAT_OK;
  if (req->kind == QUJAT_DOC_LETTER &&
      (st = qujat_letter_check(env->cat, req, count_problem, &problems,
                               &err)) != QUJAT_OK) {
    if (problems.count > 1)
      fail(env, j, out, "%d problems; the first: %s:%d: %s", problems.count,
           problems.first.file, problems.first.line, problems.first.msg);
    else
      fail_with(env, j, out, problems.count ? &problems.first : &err);
    return;
  }
  if ((st = qujat_document_build(env->cat, req, &doc, &err)) == QUJAT_OK)
    st = qujat_render_pdf_memory(doc, &pdf, &len, &err);
  if (st == QUJAT_OK)
    st = qujat_pdf_inspect(pdf, len, &out->pages, &err);
  if (st == QUJAT_OK)
    st = qujat_output_write(&cache->dirs, j->output, pdf, len,
                            env->sync_each, &out->disk_full, &err);
  if (st == QUJAT_OK) {
    out->status = QUJAT_JOB_OK;
    out->bytes = len;
    qujat_sha256_hex(pdf, len, out->sha256);
    take_warnings(doc, out);
  } else {
    fail_with(env, j, out, &err);
  }
  qujat_free(pdf);
  qujat_document_free(doc);
}

void qujat_job_run(const struct job_env *env, struct worker_cache *cache,
                   const struct job *j, const struct duplicate *dup,
                   struct job_outcome *out) {
  memset(out, 0, sizeof *out);
  out->status = QUJAT_JOB_ERROR;
  if (j->output)
    out->output = strdup(j->output);
  if (!entry_ok(env, j, dup, out))
    return;
  qujat_request req = QUJAT_REQUEST_INIT;
  req.pdf_standard = env->pdf_standard;
  if (!make_request(env, j, out, &req))
    return;
  if (env->resume) {
    /* What a killed batch left half-written goes, whether the job runs
     * again or its output is complete already (a batch killed while it
     * wrote the output anew); without --resume, a new part file replaces
     * it. */
    qujat_output_forget_part(&cache->dirs, j->output);
    if (qujat_output_complete(&cache->dirs, j->output, &out->bytes,
                              &out->pages, out->sha256)) {
      out->status = QUJAT_JOB_SKIPPED;
      return;
    }
  }
  qujat_error err = {0};
  qujat_profile *owned = NULL;
  qujat_status st = job_profile(env, cache, j, &req.profile, &owned, &err);
  if (st != QUJAT_OK)
    fail_with(env, j, out, &err);
  else
    render(env, cache, j, &req, out);
  qujat_profile_free(owned);
}
