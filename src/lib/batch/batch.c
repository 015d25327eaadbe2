/*
 * qujat batch: the job file is read twice, streaming. The first pass
 * checks that it can be read to the end, counts the jobs and finds jobs
 * that claim another's id or output (by hashes, then exactly); the second
 * hands the jobs of this shard to a pool of threads through a bounded ring
 * and writes the manifest in job order as results come back, so memory
 * stays flat however long the file is.
 */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch.h"
#include "catalog/catalog.h"
#include "base/base.h"

#define MAX_THREADS 64
#define PROGRESS_EVERY 0.2 /* seconds */

/* ------------------------------------------------------------------------
 * First pass: counts and duplicates
 * ------------------------------------------------------------------------ */

/* The hashes of every id or every output of the file: four bytes a job,
 * so that 100 000 jobs cost 400 KB for a moment, less than rendering. */
struct keys {
  uint32_t *v;
  size_t n, cap;
};

struct first_pass {
  size_t jobs, in_shard;
  struct keys ids, outputs;
  struct duplicate *dups; /* sorted by index */
  size_t ndups, capdups;
};

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 16777619u;
  }
  return h;
}

static int push_key(struct keys *k, const char *s) {
  if (k->n == k->cap) {
    size_t cap = k->cap ? 2 * k->cap : 1024;
    uint32_t *v = realloc(k->v, cap * sizeof *v);
    if (!v)
      return 0;
    k->v = v;
    k->cap = cap;
  }
  k->v[k->n++] = hash(s);
  return 1;
}

static int by_value(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* Keeps in `k` only the hashes that occur more than once, each once,
 * sorted: the keys that may repeat (a collision is sorted out later by
 * comparing the strings themselves). */
static void repeated(struct keys *k) {
  qsort(k->v, k->n, sizeof *k->v, by_value);
  size_t n = 0;
  for (size_t i = 1; i < k->n; i++)
    if (k->v[i] == k->v[i - 1] && (n == 0 || k->v[n - 1] != k->v[i]))
      k->v[n++] = k->v[i];
  k->n = n;
  /* The rest is done with before any rendering: give it back. */
  uint32_t *small = realloc(k->v, (n ? n : 1) * sizeof *k->v);
  if (small) {
    k->v = small;
    k->cap = n ? n : 1;
  }
}

static int suspected(const struct keys *k, const char *s) {
  uint32_t h = hash(s);
  return k->n && bsearch(&h, k->v, k->n, sizeof *k->v, by_value) != NULL;
}

/* A job that may be a duplicate, kept from the rescan. */
struct suspect {
  size_t index;
  int line;
  char *key, *id;
};

static int by_key(const void *a, const void *b) {
  const struct suspect *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

static int by_dup_index(const void *a, const void *b) {
  const struct duplicate *x = a, *y = b;
  return (x->index > y->index) - (x->index < y->index);
}

static int add_dup(struct first_pass *F, const struct suspect *first,
                   const struct suspect *later, int output) {
  for (size_t i = 0; i < F->ndups; i++)
    if (F->dups[i].index == later->index)
      return 1; /* one reason is enough */
  if (F->ndups == F->capdups) {
    size_t cap = F->capdups ? 2 * F->capdups : 16;
    struct duplicate *v = realloc(F->dups, cap * sizeof *v);
    if (!v)
      return 0;
    F->dups = v;
    F->capdups = cap;
  }
  F->dups[F->ndups++] = (struct duplicate){later->index, output, first->index,
                                           first->line, strdup(first->id)};
  return F->dups[F->ndups - 1].first_id != NULL;
}

/* Among the suspects, the real duplicates: equal strings. */
static int resolve(struct first_pass *F, struct suspect *s, size_t n,
                   int output) {
  qsort(s, n, sizeof *s, by_key);
  for (size_t i = 1; i < n; i++) {
    size_t first = i - 1;
    while (i < n && strcmp(s[i].key, s[first].key) == 0)
      if (!add_dup(F, &s[first], &s[i++], output))
        return 0;
  }
  return 1;
}

static void free_suspects(struct suspect *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(s[i].key);
    free(s[i].id);
  }
  free(s);
}

static int add_suspect(struct suspect **v, size_t *n, size_t *cap,
                       const struct job *j, const char *key) {
  if (*n == *cap) {
    size_t c = *cap ? 2 * *cap : 16;
    struct suspect *more = realloc(*v, c * sizeof *more);
    if (!more)
      return 0;
    *v = more;
    *cap = c;
  }
  struct suspect *s = &(*v)[*n];
  *s = (struct suspect){j->index, j->line, strdup(key),
                        strdup(j->id ? j->id : "")};
  (*n)++;
  return s->key && s->id;
}

static qujat_status open_jobs(const qujat_batch_options *o, int light,
                              struct job_reader **r, qujat_error *err) {
  qujat_status st = qujat_jobs_open(o->jobs, o->encoding, r, err);
  if (st == QUJAT_OK)
    (*r)->light = light;
  return st;
}

/* Reads the file again for the jobs whose hashes repeat. */
static qujat_status rescan(const qujat_batch_options *o, struct first_pass *F,
                           qujat_error *err) {
  struct job_reader *r = NULL;
  qujat_status st = open_jobs(o, 1, &r, err);
  struct suspect *si = NULL, *so = NULL;
  size_t ni = 0, no = 0, capi = 0, capo = 0;
  struct job j = {0};
  int end = 0;
  char why[160];
  while (st == QUJAT_OK && (st = r->next(r, &j, &end, err)) == QUJAT_OK &&
         !end) {
    if (j.id && suspected(&F->ids, j.id) &&
        !add_suspect(&si, &ni, &capi, &j, j.id))
      st = QUJAT_ERR_NOMEM;
    if (st == QUJAT_OK && j.output &&
        qujat_output_name_ok(j.output, why, sizeof why) &&
        suspected(&F->outputs, j.output) &&
        !add_suspect(&so, &no, &capo, &j, j.output))
      st = QUJAT_ERR_NOMEM;
  }
  if (st == QUJAT_OK && (!resolve(F, si, ni, 0) || !resolve(F, so, no, 1)))
    st = QUJAT_ERR_NOMEM;
  if (st == QUJAT_ERR_NOMEM)
    qujat_err_set(err, st, NULL, 0, 0, "out of memory");
  if (st == QUJAT_OK)
    qsort(F->dups, F->ndups, sizeof *F->dups, by_dup_index);
  qujat_job_clear(&j);
  free_suspects(si, ni);
  free_suspects(so, no);
  if (r)
    r->close(r);
  return st;
}

static int in_shard(const qujat_batch_options *o, size_t index) {
  return o->shards == 0 || index % o->shards == o->shard - 1;
}

static qujat_status first_pass(const qujat_batch_options *o,
                               struct first_pass *F, qujat_error *err) {
  struct job_reader *r = NULL;
  qujat_status st = open_jobs(o, 1, &r, err);
  struct job j = {0};
  int end = 0;
  char why[160];
  while (st == QUJAT_OK && (st = r->next(r, &j, &end, err)) == QUJAT_OK &&
         !end) {
    F->jobs++;
    F->in_shard += in_shard(o, j.index);
    int ok = (!j.id || push_key(&F->ids, j.id)) &&
             (!j.output || !qujat_output_name_ok(j.output, why, sizeof why) ||
              push_key(&F->outputs, j.output));
    if (!ok)
      st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  qujat_job_clear(&j);
  if (r)
    r->close(r);
  if (st != QUJAT_OK)
    return st;
  repeated(&F->ids);
  repeated(&F->outputs);
  return F->ids.n || F->outputs.n ? rescan(o, F, err) : QUJAT_OK;
}

static const struct duplicate *find_dup(const struct first_pass *F,
                                        size_t index) {
  struct duplicate key = {.index = index};
  return F->dups ? bsearch(&key, F->dups, F->ndups, sizeof *F->dups,
                           by_dup_index)
                 : NULL;
}

static void first_pass_free(struct first_pass *F) {
  for (size_t i = 0; i < F->ndups; i++)
    free(F->dups[i].first_id);
  free(F->dups);
  free(F->ids.v);
  free(F->outputs.v);
}

/* ------------------------------------------------------------------------
 * The pool
 * ------------------------------------------------------------------------ */

enum { SLOT_FREE, SLOT_READY, SLOT_RUNNING, SLOT_DONE };

struct slot {
  int state;
  struct job job;
  const struct duplicate *dup;
  struct job_outcome out;
};

struct pool {
  pthread_mutex_t lock;
  pthread_cond_t work, done;
  struct slot *slots;
  size_t cap;
  size_t added, taken, written; /* job sequence numbers */
  int stop;
  const struct job_env *env;
};

static void *worker(void *arg) {
  struct pool *p = arg;
  struct worker_cache cache;
  qujat_worker_cache_init(&cache, p->env->dirfd);
  qujat_xml_init(); /* libxml2's error handler is per thread */
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (!p->stop && p->taken == p->added)
      pthread_cond_wait(&p->work, &p->lock);
    if (p->taken == p->added)
      break;
    struct slot *s = &p->slots[p->taken++ % p->cap];
    s->state = SLOT_RUNNING;
    pthread_mutex_unlock(&p->lock);
    qujat_job_run(p->env, &cache, &s->job, s->dup, &s->out);
    pthread_mutex_lock(&p->lock);
    s->state = SLOT_DONE;
    pthread_cond_broadcast(&p->done);
  }
  pthread_mutex_unlock(&p->lock);
  qujat_worker_cache_free(&cache);
  return NULL;
}

/* ------------------------------------------------------------------------
 * The manifest and the caller's callbacks
 * ------------------------------------------------------------------------ */

struct run {
  const qujat_batch_options *o;
  struct pool pool;
  FILE *manifest;
  int csv;
  char *manifest_path, *manifest_part;
  struct buf line;
  qujat_batch_progress progress;
  struct timespec start;
  double last_report;
  int manifest_failed;
};

static double elapsed(const struct run *R) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - R->start.tv_sec) +
         (double)(now.tv_nsec - R->start.tv_nsec) / 1e9;
}

/* Progress for the caller, and the manifest's lines so far to disk, a few
 * times a second rather than at every line. */
static void report(struct run *R, int force) {
  R->progress.seconds = elapsed(R);
  if (!force && R->progress.seconds - R->last_report < PROGRESS_EVERY)
    return;
  R->last_report = R->progress.seconds;
  if (fflush(R->manifest) != 0)
    R->manifest_failed = 1;
  if (R->o->on_progress)
    R->o->on_progress(&R->progress, R->o->user);
}

/* The manifest line and callback of a finished slot, then frees it. */
static void emit(struct run *R, struct slot *s) {
  const struct job *j = &s->job;
  const struct job_outcome *out = &s->out;
  qujat_job_result r = {.id = j->id ? j->id : "",
                        .source = R->o->jobs,
                        .line = j->line,
                        .status = out->status,
                        .output = out->output,
                        .bytes = out->bytes,
                        .pages = out->pages,
                        .sha256 = out->sha256,
                        .error = out->error ? out->error : "out of memory",
                        .warnings = (const char *const *)out->warnings,
                        .nwarnings = out->nwarnings};
  qujat_buf_reset(&R->line);
  if (qujat_manifest_line(&R->line, R->csv, &r) != QUJAT_OK ||
      fwrite(R->line.data, 1, R->line.len, R->manifest) != R->line.len)
    R->manifest_failed = 1;
  if (R->o->on_job)
    R->o->on_job(&r, R->o->user);
  R->progress.done++;
  R->progress.failed += out->status == QUJAT_JOB_ERROR;
  R->progress.skipped += out->status == QUJAT_JOB_SKIPPED;
  qujat_job_clear(&s->job);
  qujat_job_outcome_clear(&s->out);
  s->state = SLOT_FREE;
  report(R, 0);
}

/* Writes what is finished, in order; with `all`, waits for the rest. Called
 * with the lock held. */
static void drain(struct run *R, int all) {
  struct pool *p = &R->pool;
  while (p->written < p->added) {
    struct slot *s = &p->slots[p->written % p->cap];
    if (s->state != SLOT_DONE) {
      if (!all)
        return;
      pthread_cond_wait(&p->done, &p->lock);
      continue;
    }
    pthread_mutex_unlock(&p->lock);
    emit(R, s);
    pthread_mutex_lock(&p->lock);
    p->written++;
  }
}

/* Hands `j` (moved, left empty) to the pool, waiting for room. */
static void submit(struct run *R, struct job *j, const struct duplicate *d) {
  struct pool *p = &R->pool;
  pthread_mutex_lock(&p->lock);
  while (p->added - p->written == p->cap) {
    drain(R, 0);
    if (p->added - p->written == p->cap)
      pthread_cond_wait(&p->done, &p->lock);
  }
  struct slot *s = &p->slots[p->added % p->cap];
  s->job = *j;
  s->dup = d;
  s->state = SLOT_READY;
  memset(j, 0, sizeof *j);
  p->added++;
  pthread_cond_signal(&p->work);
  drain(R, 0);
  pthread_mutex_unlock(&p->lock);
}

/* ------------------------------------------------------------------------
 * Setting up and finishing
 * ------------------------------------------------------------------------ */

/* mkdir -p: the output directory is the user's choice, so this walks the
 * path as given. */
static qujat_status make_dirs(const char *dir, qujat_error *err) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path)
    return qujat_err_set(err, QUJAT_ERR_ARG, dir, 0, 0, "path too long");
  for (char *p = path + 1;; p++) {
    if (*p == '/' || !*p) {
      char c = *p;
      *p = '\0';
      if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                             "cannot create the directory: %s",
                             strerror(errno));
      *p = c;
      if (!c)
        break;
    }
  }
  return QUJAT_OK;
}

static qujat_status check_options(const qujat_batch_options *o,
                                  qujat_error *err) {
  if (!o || !o->jobs)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no job file");
  if (o->shards && (o->shard < 1 || o->shard > o->shards))
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "shard %u of %u: expected K/N with 1 <= K <= N",
                         o->shard, o->shards);
  if (o->threads > MAX_THREADS)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "%u threads: at most %d", o->threads, MAX_THREADS);
  if (o->date && qujat_date_check(o->date) != QUJAT_OK)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "'%s' is not a date: expected YYYY-MM-DD", o->date);
  return QUJAT_OK;
}

static qujat_status open_manifest(struct run *R, const char *out_dir,
                                  qujat_error *err) {
  const qujat_batch_options *o = R->o;
  char path[4096];
  if (o->manifest)
    snprintf(path, sizeof path, "%s", o->manifest);
  else if (o->shards)
    snprintf(path, sizeof path, "%s/manifest-%u-of-%u.jsonl", out_dir,
             o->shard, o->shards);
  else
    snprintf(path, sizeof path, "%s/manifest.jsonl", out_dir);
  size_t n = strlen(path);
  R->csv = n > 4 && strcasecmp(path + n - 4, ".csv") == 0;
  R->manifest_path = strdup(path);
  R->manifest_part = malloc(n + 6);
  if (!R->manifest_path || !R->manifest_part)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  snprintf(R->manifest_part, n + 6, "%s.part", path);
  R->manifest = fopen(R->manifest_part, "w");
  if (!R->manifest)
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_part, 0, 0,
                         "cannot write the manifest: %s", strerror(errno));
  if (R->csv && fputs(qujat_manifest_csv_header(), R->manifest) == EOF)
    R->manifest_failed = 1;
  return QUJAT_OK;
}

/* Everything on disk, then the manifest under its name: whoever sees the
 * manifest can trust every output it lists. */
static qujat_status finish_manifest(struct run *R, int dirfd,
                                    qujat_error *err) {
  if (!R->o->sync_each && syncfs(dirfd) != 0)
    R->manifest_failed = 1;
  int fd = fileno(R->manifest);
  if (fflush(R->manifest) != 0 || fsync(fd) != 0)
    R->manifest_failed = 1;
  if (fclose(R->manifest) != 0)
    R->manifest_failed = 1;
  R->manifest = NULL;
  if (R->manifest_failed) {
    unlink(R->manifest_part);
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_part, 0, 0,
                         "cannot write the manifest or sync the outputs: %s",
                         strerror(errno));
  }
  if (rename(R->manifest_part, R->manifest_path) != 0)
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_path, 0, 0,
                         "cannot rename the manifest: %s", strerror(errno));
  return QUJAT_OK;
}

/* The second pass: every job of the shard through the pool. */
static qujat_status run_jobs(struct run *R, const struct first_pass *F,
                             qujat_error *err) {
  const qujat_batch_options *o = R->o;
  struct job_reader *r = NULL;
  qujat_status st = open_jobs(o, 0, &r, err);
  struct job j = {0};
  int end = 0;
  while (st == QUJAT_OK && !R->manifest_failed &&
         (st = r->next(r, &j, &end, err)) == QUJAT_OK && !end)
    if (in_shard(o, j.index))
      submit(R, &j, find_dup(F, j.index));
  qujat_job_clear(&j);
  if (r)
    r->close(r);
  pthread_mutex_lock(&R->pool.lock);
  drain(R, 1);
  pthread_mutex_unlock(&R->pool.lock);
  if (st == QUJAT_OK && R->progress.done != F->in_shard)
    st = qujat_err_set(err, QUJAT_ERR_IO, o->jobs, 0, 0,
                       "the job file changed while the batch ran: %zu jobs "
                       "counted, %zu read",
                       F->in_shard, R->progress.done);
  return st;
}

static unsigned thread_count(const qujat_batch_options *o) {
  if (o->threads)
    return o->threads;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

qujat_status qujat_batch_run(const qujat_catalog *cat,
                             const qujat_batch_options *caller,
                             qujat_batch_progress *summary,
                             qujat_error *err) {
  qujat_batch_options opts;
  const qujat_batch_options *o = &opts;
  struct run R = {.o = o};
  struct first_pass F = {0};
  struct job_env env = {0};
  pthread_t threads[MAX_THREADS];
  unsigned nthreads = 0;
  int dirfd = -1;
  qujat_status st;
  clock_gettime(CLOCK_MONOTONIC, &R.start);
  qujat_buf_init(&R.line, QUJAT_BUF_DEFAULT_LIMIT);
  CHECK(qujat_abi_batch_options(caller, &opts, err));
  CHECK(check_options(o, err));
  const char *out_dir = o->out_dir ? o->out_dir : ".";
  CHECK(first_pass(o, &F, err));
  R.progress.total = F.in_shard;
  CHECK(make_dirs(out_dir, err));
  dirfd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    st = qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0, "cannot open: %s",
                       strerror(errno));
    goto done;
  }
  CHECK(open_manifest(&R, out_dir, err));
  char *copy = strdup(o->jobs), *slash = copy ? strrchr(copy, '/') : NULL;
  if (slash)
    *slash = '\0';
  env = (struct job_env){cat, dirfd, o->resume, o->sync_each, o->date,
                         o->jobs, slash ? copy : ".", o->pdf_standard};
  R.pool.env = &env;
  R.pool.cap = 4 * (size_t)thread_count(o);
  R.pool.slots = calloc(R.pool.cap, sizeof *R.pool.slots);
  pthread_mutex_init(&R.pool.lock, NULL);
  pthread_cond_init(&R.pool.work, NULL);
  pthread_cond_init(&R.pool.done, NULL);
  if (!R.pool.slots || !copy) {
    free(copy);
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    goto done;
  }
  for (unsigned i = 0; i < thread_count(o); i++)
    if (pthread_create(&threads[nthreads], NULL, worker, &R.pool) == 0)
      nthreads++;
  if (nthreads == 0)
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                       "cannot start a thread");
  else
    st = run_jobs(&R, &F, err);
  pthread_mutex_lock(&R.pool.lock);
  R.pool.stop = 1;
  pthread_cond_broadcast(&R.pool.work);
  pthread_mutex_unlock(&R.pool.lock);
  for (unsigned i = 0; i < nthreads; i++)
    pthread_join(threads[i], NULL);
  free(copy);
  report(&R, 1);
  if (st == QUJAT_OK)
    st = finish_manifest(&R, dirfd, err);
done:
  /* After a fatal error FILE.part stays: it lists the jobs that were done. */
  if (R.manifest)
    fclose(R.manifest);
  if (R.pool.slots) {
    pthread_mutex_destroy(&R.pool.lock);
    pthread_cond_destroy(&R.pool.work);
    pthread_cond_destroy(&R.pool.done);
  }
  free(R.pool.slots);
  free(R.manifest_path);
  free(R.manifest_part);
  qujat_buf_free(&R.line);
  first_pass_free(&F);
  if (dirfd >= 0)
    close(dirfd);
  R.progress.seconds = elapsed(&R);
  if (summary)
    *summary = R.progress;
  return st;
}
