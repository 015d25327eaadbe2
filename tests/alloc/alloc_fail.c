/* SPDX-License-Identifier: MIT */
/*
 * Allocation failures (issue 12, item 13): every allocation that fails
 * ends the call with QUJAT_ERR_NOMEM; never a different document with
 * success. For each N over the whole range, a child process makes the Nth
 * allocation fail (ours through the linker's --wrap, libxml2's through
 * xmlMemSetup, in this binary only) and runs: load a profile from memory,
 * build its checklist and its fee slip, render both as JSON; then the same
 * with the profile copied out of a parsed document as qujat validate
 * copies one (qujat_xml_copy_lines, qujat_profile_load_doc), and with the
 * profile inline in a job file read by the batch's XML job reader, which
 * builds its document as it parses (batch_jobs_xml.c). The child
 * reports: the reference output, an error QUJAT_ERR_NOMEM, another error,
 * or another output with success (the defect). Crashes inside libxml2
 * 2.9.14 itself under OOM, and values it loses without a word (a schema
 * error follows), are out of qujat's reach: they are counted and shown
 * when the failing allocation was libxml2's, and fail the test when it
 * was qujat's.
 *
 * Usage: alloc_fail DATA_DIR PROFILE.xml
 */
#define _GNU_SOURCE /* strnlen */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

#include "batch/batch.h"
#include "catalog/profile_doc.h"
#include "qujat/qujat.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);

static long counter = -1; /* allocations left before the failing one; -1: off */
static long seen;         /* allocations while armed */

static int report_fd = -1; /* the child tells the parent whose call failed */

static int fail_now_in(char who) {
  if (counter < 0)
    return 0;
  seen++;
  if (counter-- != 0)
    return 0;
  if (report_fd >= 0 && write(report_fd, &who, 1) != 1)
    report_fd = -1;
  return 1;
}

static int fail_now(void) { return fail_now_in('Q'); }

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) {
  return fail_now() ? NULL : __real_calloc(n, m);
}
void *__wrap_realloc(void *p, size_t n) {
  return fail_now() ? NULL : __real_realloc(p, n);
}
char *__wrap_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = __wrap_malloc(n);
  return p ? memcpy(p, s, n) : NULL;
}
char *__wrap_strndup(const char *s, size_t max) {
  size_t n = strnlen(s, max);
  char *p = __wrap_malloc(n + 1);
  if (!p)
    return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}
/* libxml2's allocator (xmlMemSetup): the same count, marked as libxml2's. */
static void *xml_malloc(size_t n) {
  return fail_now_in('L') ? NULL : __real_malloc(n);
}
static void *xml_realloc(void *p, size_t n) {
  return fail_now_in('L') ? NULL : __real_realloc(p, n);
}
static char *xml_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = xml_malloc(n);
  return p ? memcpy(p, s, n) : NULL;
}

enum { OK_SAME = 0, OK_NOMEM = 10, OTHER_ERROR = 11, DIFFERENT = 12 };

struct out {
  char *text;
  qujat_status st;
  qujat_error err;
};

/* The profile parsed before any allocation is armed, for the copy. */
static xmlDocPtr parsed;
/* Where the profile comes from: parsed from memory, copied out of
 * `parsed`, or read inline from `job_file` by the batch's job reader. */
static enum { FROM_MEMORY, VIA_COPY, VIA_JOB_FILE } via;
static char job_file[64];
static const char *const via_names[] = {"profile from memory",
                                        "copied profile",
                                        "profile inline in a job file"};

/* The profile's document as the batch reads it from a job file (`*doc`,
 * owned by the caller), or an error. */
static qujat_status read_job(xmlDocPtr *doc, qujat_error *err) {
  struct job_reader *r = NULL;
  struct job j = {0};
  int end = 0;
  qujat_status st = qujat_jobs_open_xml(job_file, &r, err);
  if (st == QUJAT_OK)
    st = r->next(r, &j, &end, err);
  if (st == QUJAT_OK && (end || j.problem || !j.profile_doc ||
                         !j.service || strcmp(j.service, "work-visa-in-kz")))
    st = qujat_err_set(err, QUJAT_ERR_ARG, job_file, 0, 0,
                       "the job is not the one written: %s",
                       j.problem ? j.problem : "no profile or service");
  if (st == QUJAT_OK) {
    *doc = j.profile_doc;
    j.profile_doc = NULL;
  }
  qujat_job_clear(&j);
  if (r)
    r->close(r);
  return st;
}

/* The work under test: everything is allocated while armed. */
static void work(const qujat_catalog *cat, const char *xml, size_t len,
                 struct out *o) {
  qujat_profile *p = NULL;
  qujat_document *doc = NULL;
  xmlDocPtr copy = NULL;
  char *a = NULL, *b = NULL;
  o->text = NULL;
  memset(&o->err, 0, sizeof o->err);
  if (via == FROM_MEMORY) {
    o->st = qujat_profile_load_memory(cat, xml, len, "profile.xml", &p,
                                      &o->err);
  } else {
    o->st = via == VIA_COPY
                ? qujat_xml_copy_lines(xmlDocGetRootElement(parsed), 1,
                                       1 << 20, &copy)
                : read_job(&copy, &o->err);
    if (o->st == QUJAT_OK)
      o->st = qujat_profile_load_doc(cat, copy, "profile.xml", &p, &o->err);
  }
  qujat_request req = QUJAT_REQUEST_INIT;
  req.service = "work-visa-in-kz";
  req.profile = p;
  req.lang = QUJAT_LANG_KK;
  req.date = "2026-11-21";
  req.kind = QUJAT_DOC_CHECKLIST;
  if (o->st == QUJAT_OK)
    o->st = qujat_document_build(cat, &req, &doc, &o->err);
  if (o->st == QUJAT_OK)
    o->st = qujat_render_json(doc, &a, NULL, &o->err);
  qujat_document_free(doc);
  doc = NULL;
  req.kind = QUJAT_DOC_FEES;
  if (o->st == QUJAT_OK)
    o->st = qujat_document_build(cat, &req, &doc, &o->err);
  if (o->st == QUJAT_OK)
    o->st = qujat_render_json(doc, &b, NULL, &o->err);
  qujat_document_free(doc);
  qujat_profile_free(p);
  qujat_profile_doc_free(copy); /* after the profile that borrowed it */
  if (o->st == QUJAT_OK) {
    size_t la = strlen(a), lb = strlen(b);
    o->text = __real_malloc(la + lb + 1);
    memcpy(o->text, a, la);
    memcpy(o->text + la, b, lb + 1);
  }
  qujat_free(a);
  qujat_free(b);
}

/* Runs `work` once for each allocation of a run, that one failing; prints
 * what came of them. Returns the number of failures (or -1). */
static long every_allocation(const qujat_catalog *cat, const char *xml,
                             size_t len) {
  struct out ref;
  counter = 1L << 40;
  seen = 0;
  work(cat, xml, len, &ref);
  long total = seen;
  counter = -1;
  if (ref.st != QUJAT_OK) {
    fprintf(stderr, "reference run failed: %s\n", ref.err.msg);
    return -1;
  }
  free(ref.text);
  work(cat, xml, len, &ref); /* warm: caches filled on the first call */
  counter = 1L << 40;
  seen = 0;
  struct out again;
  work(cat, xml, len, &again);
  total = seen;
  counter = -1;
  printf("%s: %ld allocations in a run\n", via_names[via], total);
  /* A failure inside libxml2 2.9.14 may crash it, or lose a value without
   * a word (a validation error follows): out of qujat's reach, counted and
   * shown. A failure of qujat's own allocation must give the reference
   * output or QUJAT_ERR_NOMEM; a different document with success is never
   * allowed, whoever failed. */
  long same = 0, nomem = 0, lib_errors = 0, lib_crashes = 0, bad = 0;
  for (long n = 0; n < total; n++) {
    int pipefd[2];
    if (pipe(pipefd) != 0)
      return 1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
      close(pipefd[0]);
      report_fd = pipefd[1];
      struct out o;
      counter = n;
      work(cat, xml, len, &o);
      counter = -1;
      if (o.st == QUJAT_OK)
        _exit(strcmp(o.text, ref.text) == 0 ? OK_SAME : DIFFERENT);
      if (o.st == QUJAT_ERR_NOMEM)
        _exit(OK_NOMEM);
      fprintf(stderr, "allocation %ld: status %d: %s\n", n, (int)o.st,
              o.err.msg);
      _exit(OTHER_ERROR);
    }
    close(pipefd[1]);
    char who = '?';
    int ws = 0;
    waitpid(pid, &ws, 0);
    if (read(pipefd[0], &who, 1) != 1)
      who = '?';
    close(pipefd[0]);
    int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
    if (code == OK_SAME) {
      same++;
    } else if (code == OK_NOMEM) {
      nomem++;
    } else if (code == DIFFERENT) {
      bad++;
      printf("FAIL: allocation %ld (%s): success with a different "
             "document\n",
             n, who == 'L' ? "libxml2's" : "qujat's");
    } else if (who == 'L' && code == OTHER_ERROR) {
      lib_errors++;
    } else if (who == 'L') {
      lib_crashes++;
      printf("note: allocation %ld (libxml2's): libxml2 2.9.14 died of "
             "signal %d\n",
             n, WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
    } else {
      bad++;
      printf("FAIL: allocation %ld (qujat's): %s\n", n,
             code == OTHER_ERROR ? "an error other than QUJAT_ERR_NOMEM"
                                 : "the child crashed");
    }
  }
  printf("%ld allocations failed one by one: %ld gave the same output, %ld "
         "QUJAT_ERR_NOMEM, %ld another error after libxml2 lost data "
         "silently, %ld crashes inside libxml2, %ld failures\n",
         total, same, nomem, lib_errors, lib_crashes, bad);
  free(ref.text);
  free(again.text);
  return bad;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: alloc_fail DATA_DIR PROFILE.xml\n");
    return 2;
  }
  xmlMemSetup(free, xml_malloc, xml_realloc, xml_strdup);
  qujat_catalog *cat = NULL;
  qujat_error err;
  if (qujat_catalog_load_dir(argv[1], &cat, &err) != QUJAT_OK) {
    fprintf(stderr, "catalog: %s\n", err.msg);
    return 1;
  }
  FILE *f = fopen(argv[2], "rb");
  static char xml[1 << 20];
  size_t len = f ? fread(xml, 1, sizeof xml, f) : 0;
  if (f)
    fclose(f);
  parsed = xmlReadMemory(xml, (int)len, "profile.xml", NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  if (!parsed) {
    fprintf(stderr, "%s does not parse\n", argv[2]);
    return 1;
  }
  /* The job file: the profile (from its root element on) inline. */
  const char *root = strstr(xml, "<profile");
  snprintf(job_file, sizeof job_file, "/tmp/qujat-alloc-jobs.XXXXXX");
  int fd = root ? mkstemp(job_file) : -1;
  FILE *jobs = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!jobs) {
    fprintf(stderr, "cannot write a job file\n");
    return 1;
  }
  fprintf(jobs,
          "<jobs xmlns=\"urn:qujat:jobs:1\">\n<job id=\"a\" "
          "document=\"checklist\" service=\"work-visa-in-kz\" "
          "output=\"a.pdf\">%.*s</job>\n</jobs>\n",
          (int)(len - (size_t)(root - xml)), root);
  fclose(jobs);
  long bad = 0;
  for (via = FROM_MEMORY; via <= VIA_JOB_FILE && bad == 0; via++)
    bad = every_allocation(cat, xml, len);
  unlink(job_file);
  xmlFreeDoc(parsed);
  qujat_catalog_free(cat);
  return bad ? 1 : 0;
}
