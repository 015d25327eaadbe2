/* SPDX-License-Identifier: MIT */
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
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch/batch.h"
#include "catalog/catalog.h"
#include "base/base.h"

#define MAX_THREADS 64
#define PROGRESS_EVERY 0.2 /* seconds */

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
  /* The main thread waits (on `done`) for the jobs [written, wake_at) to
   * be done, not for each: a handful of jobs per wake-up, not one (the
   * futex calls were some 5 % of a batch's time at -j 1). */
  int main_waits;
  size_t wake_at;
  size_t left; /* of those, the jobs not yet done */
  int stop;
  const struct job_env *env;
};

/* Waits until the next `n` jobs to write (at least one) are done. With
 * the lock held; `written` does not move while it waits. */
static void wait_done(struct pool *p, size_t n) {
  p->wake_at = p->written + (n ? n : 1);
  if (p->wake_at > p->added)
    p->wake_at = p->added;
  p->left = 0;
  for (size_t k = p->written; k < p->wake_at; k++)
    p->left += p->slots[k % p->cap].state != SLOT_DONE;
  p->main_waits = 1;
  while (p->left > 0)
    pthread_cond_wait(&p->done, &p->lock);
  p->main_waits = 0;
}

/* Job `seq` is done: wakes the main thread when it was the last it waits
 * for. With the lock held. */
static void job_done(struct pool *p, size_t seq) {
  p->slots[seq % p->cap].state = SLOT_DONE;
  if (p->main_waits && seq >= p->written && seq < p->wake_at &&
      --p->left == 0)
    pthread_cond_signal(&p->done);
}

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
    size_t seq = p->taken++;
    struct slot *s = &p->slots[seq % p->cap];
    s->state = SLOT_RUNNING;
    pthread_mutex_unlock(&p->lock);
    qujat_job_run(p->env, &cache, &s->job, s->dup, &s->out);
    /* Freed here, not with the rest of the job on the main thread, which
     * is the batch's serial part. */
    qujat_job_drop_profile(&s->job);
    pthread_mutex_lock(&p->lock);
    job_done(p, seq);
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
  int manifest;      /* the manifest's temporary file, or -1 */
  int manifest_dir;  /* its directory, or -1 */
  int shard_lock;    /* the lock file of this shard, or -1 */
  int shard_lock_dir;           /* where it is (the output directory) */
  char shard_lock_name[64];
  int csv;
  char *manifest_path, *manifest_part; /* for messages */
  char *manifest_base, *manifest_part_base; /* names in manifest_dir */
  struct buf line;
  struct buf pending; /* manifest lines not yet on disk: kept whole when
                         the disk is full, written when there is room */
  int disk_full;      /* no room for an output or the manifest: stop */
  long long written, reserved; /* the manifest's bytes; room kept ahead */
  int manifest_errno;
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

static int no_room(int e) {
  return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

/* Writes what is pending of the manifest. What a full disk refuses stays
 * pending, whole, to be written when there is room again. */
/* Room on disk kept ahead of the manifest (fallocate, KEEP_SIZE): when
 * the PDFs fill the disk, the lines of the jobs that finished still fit.
 * Failing to keep more room means the disk is nearly full: stop. */
#define MANIFEST_ROOM (64 * 1024)
static void keep_room(struct run *R) {
  if (R->reserved < 0 ||
      R->written + (long long)R->pending.len + MANIFEST_ROOM / 2 < R->reserved)
    return;
  if (fallocate(R->manifest, FALLOC_FL_KEEP_SIZE, (off_t)R->reserved,
                MANIFEST_ROOM) == 0)
    R->reserved += MANIFEST_ROOM;
  else if (no_room(errno))
    R->disk_full = 1;
  else
    R->reserved = -1; /* the file system cannot: write as it comes */
}

static int flush_manifest(struct run *R) {
  size_t done = 0;
  if (R->manifest < 0)
    return 0;
  keep_room(R);
  int ok = 1;
  while (done < R->pending.len) {
    ssize_t n = write(R->manifest, R->pending.data + done,
                      R->pending.len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      R->manifest_errno = n < 0 ? errno : ENOSPC;
      if (no_room(R->manifest_errno))
        R->disk_full = 1;
      else
        R->manifest_failed = 1;
      ok = 0;
      break;
    }
    done += (size_t)n;
    R->written += n;
  }
  if (done) {
    memmove(R->pending.data, R->pending.data + done, R->pending.len - done);
    R->pending.len -= done;
  }
  return ok;
}

/* Progress for the caller, and the manifest's lines so far to disk, a few
 * times a second rather than at every line. */
static void report(struct run *R, int force) {
  R->progress.seconds = elapsed(R);
  if (!force && R->progress.seconds - R->last_report < PROGRESS_EVERY)
    return;
  R->last_report = R->progress.seconds;
  flush_manifest(R);
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
      qujat_buf_add(&R->pending, R->line.data, R->line.len) != QUJAT_OK) {
    R->manifest_failed = 1;
    R->manifest_errno = ENOMEM;
  }
  if (out->disk_full)
    R->disk_full = 1;
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
      wait_done(p, 1);
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
      wait_done(p, p->cap / 2);
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
  if (!*dir)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the output directory needs a name");
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
  if (!o || !o->jobs || !*o->jobs)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no job file");
  if (o->out_dir && !*o->out_dir)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "-o '': the output directory needs a name");
  if (o->manifest && !*o->manifest)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--manifest '': the manifest needs a name");
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

/* The manifest's name, and its directory and file name apart. */
static qujat_status manifest_names(struct run *R, const char *out_dir,
                                   qujat_error *err) {
  const qujat_batch_options *o = R->o;
  char path[4096];
  int n;
  if (o->manifest)
    n = snprintf(path, sizeof path, "%s", o->manifest);
  else if (o->shards)
    n = snprintf(path, sizeof path, "%s/manifest-%u-of-%u.jsonl", out_dir,
                 o->shard, o->shards);
  else
    n = snprintf(path, sizeof path, "%s/manifest.jsonl", out_dir);
  if (n < 0 || (size_t)n >= sizeof path)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the manifest's name is too long");
  size_t len = strlen(path);
  R->csv = len > 4 && strcasecmp(path + len - 4, ".csv") == 0;
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
    return qujat_err_set(err, QUJAT_ERR_ARG, path, 0, 0,
                         "--manifest names a directory, not a file");
  R->manifest_path = strdup(path);
  R->manifest_part = malloc(len + 6);
  R->manifest_base = strdup(base);
  R->manifest_part_base = malloc(strlen(base) + 6);
  if (!R->manifest_path || !R->manifest_part || !R->manifest_base ||
      !R->manifest_part_base)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  snprintf(R->manifest_part, len + 6, "%s.part", path);
  snprintf(R->manifest_part_base, strlen(base) + 6, "%s.part", base);
  return QUJAT_OK;
}

/* The manifest's directory, opened (`must`: it has to exist now). */
static qujat_status open_manifest_dir(struct run *R, qujat_error *err) {
  char *dir = strdup(R->manifest_path);
  if (!dir)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  char *slash = strrchr(dir, '/');
  const char *d = ".";
  if (slash) {
    *slash = '\0';
    d = *dir ? dir : "/";
  }
  if (R->manifest_dir >= 0)
    close(R->manifest_dir);
  R->manifest_dir = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  qujat_status st = QUJAT_OK;
  if (R->manifest_dir < 0)
    st = qujat_err_set(err, QUJAT_ERR_IO, R->manifest_path, 0, 0,
                       "cannot write the manifest there: %s",
                       strerror(errno));
  free(dir);
  return st;
}

/* A --manifest that cannot be written is found before any job runs: its
 * directory must exist, and its name must not be a directory, a device or
 * a FIFO (the rename at the end would fail, or replace it). */
static qujat_status check_manifest(struct run *R, qujat_error *err) {
  if (!R->o->manifest)
    return QUJAT_OK;
  qujat_status st;
  CHECK(open_manifest_dir(R, err));
  struct stat sb;
  if (fstatat(R->manifest_dir, R->manifest_base, &sb, AT_SYMLINK_NOFOLLOW) ==
          0 &&
      !S_ISREG(sb.st_mode))
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_path, 0, 0,
                         "--manifest: exists and is not a regular file (%s); "
                         "refusing to replace it",
                         S_ISDIR(sb.st_mode)   ? "a directory"
                         : S_ISLNK(sb.st_mode) ? "a symbolic link"
                                               : "a device or a FIFO");
  if (faccessat(R->manifest_dir, ".", W_OK, AT_EACCESS) != 0)
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_path, 0, 0,
                         "cannot write the manifest there: %s",
                         strerror(errno));
done:
  return st;
}

/* FILE.part, created with O_CREAT|O_EXCL|O_NOFOLLOW: a symbolic link, hard
 * link or FIFO planted under that name is unlinked, never written through
 * (the output directory is locked, so the name is this batch's alone). */
static qujat_status open_manifest(struct run *R, qujat_error *err) {
  qujat_status st;
  CHECK(open_manifest_dir(R, err));
  R->manifest = qujat_create_excl(R->manifest_dir, R->manifest_part_base,
                                  0666);
  if (R->manifest < 0)
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_part, 0, 0,
                         "cannot write the manifest: %s", strerror(errno));
  keep_room(R);
  if (R->csv && qujat_buf_adds(&R->pending, qujat_manifest_csv_header()) !=
                    QUJAT_OK)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
done:
  return st;
}

/* Everything on disk, then the manifest under its name: whoever sees the
 * manifest can trust every output it lists. */
static qujat_status finish_manifest(struct run *R, int dirfd,
                                    qujat_error *err) {
  if (!R->o->sync_each && syncfs(dirfd) != 0) {
    R->manifest_failed = 1;
    R->manifest_errno = errno;
  }
  flush_manifest(R);
  if (R->reserved > 0) /* the room kept ahead goes back */
    (void)ftruncate(R->manifest, (off_t)R->written);
  if (!R->manifest_failed && !R->pending.len && fsync(R->manifest) != 0) {
    R->manifest_errno = errno;
    R->manifest_failed = 1;
  }
  if (close(R->manifest) != 0 && !R->manifest_failed) {
    R->manifest_errno = errno;
    R->manifest_failed = 1;
  }
  R->manifest = -1;
  if (R->manifest_failed || R->pending.len)
    /* FILE.part stays: it lists the jobs whose lines could be written. */
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_part, 0, 0,
                         "cannot write the manifest or sync the outputs: "
                         "%s; what it lists is done, --resume does the "
                         "rest",
                         strerror(R->manifest_errno));
  if (renameat(R->manifest_dir, R->manifest_part_base, R->manifest_dir,
               R->manifest_base) != 0)
    return qujat_err_set(err, QUJAT_ERR_IO, R->manifest_path, 0, 0,
                         "cannot rename the manifest: %s", strerror(errno));
  fsync(R->manifest_dir);
  return QUJAT_OK;
}

/* The second pass: every job of the shard through the pool. */
static qujat_status run_jobs(struct run *R, const struct first_pass *F,
                             qujat_error *err) {
  const qujat_batch_options *o = R->o;
  struct job_reader *r = NULL;
  qujat_status st = qujat_jobs_open_for(o, 0, &r, err);
  struct job j = {0};
  int end = 0;
  while (st == QUJAT_OK && !R->manifest_failed && !R->disk_full &&
         (st = r->next(r, &j, &end, err)) == QUJAT_OK && !end)
    if (qujat_in_shard(o, j.index))
      submit(R, &j, qujat_find_dup(F, j.index));
  qujat_job_clear(&j);
  if (r)
    r->close(r);
  pthread_mutex_lock(&R->pool.lock);
  drain(R, 1);
  pthread_mutex_unlock(&R->pool.lock);
  if (st == QUJAT_OK && R->manifest_failed)
    st = qujat_err_set(err, QUJAT_ERR_IO, R->manifest_part, 0, 0,
                       "cannot write the manifest: %s",
                       strerror(R->manifest_errno));
  else if (st == QUJAT_OK && R->disk_full)
    st = QUJAT_ERR_IO; /* reported once the manifest is out */
  else if (st == QUJAT_OK && R->progress.done != F->in_shard)
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

/* One batch at a time in a directory: two would share the temporary
 * names, and one's manifest could list a hash of the other's file. The
 * shards of one batch are the exception (docs/scale-out.md: N pods or array
 * tasks into one shared directory): their jobs, outputs and manifests are
 * disjoint, so each takes the directory's lock shared, and a lock file of
 * its own shard exclusively; a batch without shards takes the directory
 * alone. The locks go with the descriptors, also when a process is killed.
 * Where the file system refuses locks (NFS), the batch goes on without. */
static qujat_status lock_dir(struct run *R, int dirfd, const char *out_dir,
                             qujat_error *err) {
  const qujat_batch_options *o = R->o;
  int sharded = o->shards > 0;
  if (flock(dirfd, (sharded ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 &&
      errno == EWOULDBLOCK)
    return qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0,
                         "another qujat batch is writing into this "
                         "directory; wait for it to end, or give another -o");
  if (!sharded)
    return QUJAT_OK;
  snprintf(R->shard_lock_name, sizeof R->shard_lock_name,
           ".qujat-shard-%u-of-%u.lock", o->shard, o->shards);
  /* The lock file is removed when the shard ends: a run that opened it
   * just before may hold a lock on a name that is gone, so the lock counts
   * only while the name is still that file. */
  for (int tries = 0; tries < 8; tries++) {
    /* Only locked, never written: a planted link is refused (O_NOFOLLOW). */
    int fd = openat(dirfd, R->shard_lock_name,
                    O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
      return qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0,
                           "cannot create the lock of shard %u/%u: %s",
                           o->shard, o->shards, strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
      close(fd);
      return qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0,
                           "another qujat batch is writing shard %u/%u into "
                           "this directory; wait for it to end",
                           o->shard, o->shards);
    }
    struct stat held, named;
    if (fstat(fd, &held) == 0 &&
        fstatat(dirfd, R->shard_lock_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      R->shard_lock = fd;
      R->shard_lock_dir = dirfd;
      return QUJAT_OK;
    }
    close(fd);
  }
  return qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0,
                       "cannot lock shard %u/%u: its lock file keeps "
                       "changing", o->shard, o->shards);
}

qujat_status qujat_batch_run(const qujat_catalog *cat,
                             const qujat_batch_options *caller,
                             qujat_batch_progress *summary,
                             qujat_error *err) {
  qujat_batch_options opts;
  const qujat_batch_options *o = &opts;
  struct run R = {.o = o, .manifest = -1, .manifest_dir = -1,
                  .shard_lock = -1};
  struct first_pass F = {0};
  struct job_env env = {0};
  pthread_t threads[MAX_THREADS];
  unsigned nthreads = 0;
  int dirfd = -1;
  qujat_status st;
  clock_gettime(CLOCK_MONOTONIC, &R.start);
  qujat_buf_init(&R.line, QUJAT_BUF_DEFAULT_LIMIT);
  CHECK(qujat_abi_batch_options(caller, &opts, err));
  /* Lines wait here only while the disk is full: a manifest of every job
   * of the largest batches fits. */
  qujat_buf_init(&R.pending, (size_t)1 << 40);
  CHECK(check_options(o, err));
  const char *out_dir = o->out_dir ? o->out_dir : ".";
  CHECK(manifest_names(&R, out_dir, err));
  CHECK(check_manifest(&R, err));
  CHECK(qujat_first_pass(o, &F, err));
  R.progress.total = F.in_shard;
  CHECK(make_dirs(out_dir, err));
  dirfd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) {
    st = qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0, "cannot open: %s",
                       strerror(errno));
    goto done;
  }
  CHECK(lock_dir(&R, dirfd, out_dir, err));
  CHECK(open_manifest(&R, err));
  char *copy = strdup(o->jobs), *slash = copy ? strrchr(copy, '/') : NULL;
  if (slash)
    *slash = '\0';
  env = (struct job_env){cat,
                         dirfd,
                         o->resume,
                         o->sync_each,
                         o->date,
                         o->jobs,
                         slash ? copy : ".",
                         o->allow_outside_profiles,
                         o->pdf_standard};
  R.pool.env = &env;
  R.pool.cap = 8 * (size_t)thread_count(o);
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
  if (st == QUJAT_OK) {
    st = finish_manifest(&R, dirfd, err);
  } else if (R.disk_full) {
    /* The disk is full: the jobs that finished are in the manifest, under
     * its name once there is room for it (the failed output's temporary
     * file is gone), and --resume does the rest. */
    qujat_status fin = finish_manifest(&R, dirfd, err);
    st = qujat_err_set(err, QUJAT_ERR_IO, out_dir, 0, 0,
                       "the disk is full (%s): stopped after %zu of %zu "
                       "jobs; %s; make room and run again with --resume",
                       strerror(ENOSPC), R.progress.done, F.in_shard,
                       fin == QUJAT_OK
                           ? "the manifest lists every job that finished"
                           : "the manifest's temporary file lists those "
                             "that could be recorded");
  }
done:
  /* After a fatal error FILE.part stays: it lists the jobs that were done. */
  if (R.manifest >= 0) {
    flush_manifest(&R);
    close(R.manifest);
  }
  if (R.manifest_dir >= 0)
    close(R.manifest_dir);
  if (R.shard_lock >= 0) {
    /* Removed while still held: see lock_dir(). */
    unlinkat(R.shard_lock_dir, R.shard_lock_name, 0);
    close(R.shard_lock);
  }
  if (R.pool.slots) {
    pthread_mutex_destroy(&R.pool.lock);
    pthread_cond_destroy(&R.pool.work);
    pthread_cond_destroy(&R.pool.done);
  }
  free(R.pool.slots);
  free(R.manifest_path);
  free(R.manifest_part);
  free(R.manifest_base);
  free(R.manifest_part_base);
  qujat_buf_free(&R.pending);
  qujat_buf_free(&R.line);
  qujat_first_pass_free(&F);
  if (dirfd >= 0)
    close(dirfd);
  R.progress.seconds = elapsed(&R);
  if (summary)
    *summary = R.progress;
  return st;
}
