/* SPDX-License-Identifier: MIT */
/*
 * The first pass of qujat batch: reads the job file to the end once, counts
 * the jobs of this shard and finds the jobs that claim another's id or
 * output, in n log n (hashes sorted, then the suspects compared exactly).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "batch/batch.h"
#include "base/base.h"

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 16777619u;
  }
  return h;
}

/* The hashes of every job are kept in pages of their own, not the
 * allocator's, and given back to the system (munmap) once the repeated
 * ones are picked out: the allocator keeps what a thread frees for that
 * thread, the rendering's threads never used it, and the hashes of
 * 100 000 jobs (over a megabyte, with the doubling) stayed in the peak
 * RSS of the whole batch. */
static void unmap_keys(struct keys *k) {
  if (k->v)
    munmap(k->v, k->cap * sizeof *k->v);
  *k = (struct keys){0};
}

static int push_key(struct keys *k, const char *s) {
  if (k->n == k->cap) {
    size_t cap = k->cap ? 2 * k->cap : 4096; /* 16 KB, whole pages */
    void *v = mmap(NULL, cap * sizeof *k->v, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (v == MAP_FAILED)
      return 0;
    if (k->n)
      memcpy(v, k->v, k->n * sizeof *k->v);
    size_t n = k->n;
    unmap_keys(k);
    *k = (struct keys){v, n, cap};
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
 * comparing the strings themselves), in the allocator's memory; the pages
 * of all the hashes go back to the system. */
static int repeated(struct keys *k) {
  if (k->n > 1) /* qsort(NULL, 0, ...) is undefined */
    qsort(k->v, k->n, sizeof *k->v, by_value);
  size_t n = 0;
  for (size_t i = 1; i < k->n; i++)
    if (k->v[i] == k->v[i - 1] && (n == 0 || k->v[n - 1] != k->v[i]))
      k->v[n++] = k->v[i];
  uint32_t *small = malloc((n ? n : 1) * sizeof *small);
  if (small && n)
    memcpy(small, k->v, n * sizeof *small);
  unmap_keys(k);
  if (!small)
    return 0;
  *k = (struct keys){small, n, n ? n : 1};
  return 1;
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

/* `nids`: the duplicates of ids found before, sorted by index; a job that
 * repeats an id and an output is reported for its id (one reason is
 * enough). A job has one id and one output, so it comes at most once as
 * the later of each kind. */
static int add_dup(struct first_pass *F, size_t nids,
                   const struct suspect *first, const struct suspect *later,
                   int output) {
  struct duplicate key = {.index = later->index};
  if (output && nids &&
      bsearch(&key, F->dups, nids, sizeof *F->dups, by_dup_index))
    return 1;
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
  if (n < 2)
    return 1;
  qsort(s, n, sizeof *s, by_key);
  size_t nids = F->ndups;
  for (size_t i = 1; i < n; i++) {
    size_t first = i - 1;
    while (i < n && strcmp(s[i].key, s[first].key) == 0)
      if (!add_dup(F, nids, &s[first], &s[i++], output))
        return 0;
  }
  if (!output && F->ndups > 1) /* for the outputs' bsearch */
    qsort(F->dups, F->ndups, sizeof *F->dups, by_dup_index);
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

/* Reads the file again for the jobs whose hashes repeat. */
static qujat_status rescan(const qujat_batch_options *o, struct first_pass *F,
                           qujat_error *err) {
  struct job_reader *r = NULL;
  qujat_status st = qujat_jobs_open_for(o, 1, &r, err);
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
  if (st == QUJAT_OK && F->ndups > 1)
    qsort(F->dups, F->ndups, sizeof *F->dups, by_dup_index);
  qujat_job_clear(&j);
  free_suspects(si, ni);
  free_suspects(so, no);
  if (r)
    r->close(r);
  return st;
}

int qujat_in_shard(const qujat_batch_options *o, size_t index) {
  return o->shards == 0 || index % o->shards == o->shard - 1;
}

qujat_status qujat_first_pass(const qujat_batch_options *o,
                               struct first_pass *F, qujat_error *err) {
  struct job_reader *r = NULL;
  qujat_status st = qujat_jobs_open_for(o, 1, &r, err);
  struct job j = {0};
  int end = 0;
  char why[160];
  while (st == QUJAT_OK && (st = r->next(r, &j, &end, err)) == QUJAT_OK &&
         !end) {
    F->jobs++;
    F->in_shard += qujat_in_shard(o, j.index);
    int ok = (!j.id || push_key(&F->ids, j.id)) &&
             (!j.output || !qujat_output_name_ok(j.output, why, sizeof why) ||
              push_key(&F->outputs, j.output));
    if (!ok)
      st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  }
  qujat_job_clear(&j);
  if (r)
    r->close(r);
  if (st == QUJAT_OK && !repeated(&F->ids))
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (st != QUJAT_OK) {
    unmap_keys(&F->ids); /* still mapped, or given back by repeated() */
    unmap_keys(&F->outputs);
    return st;
  }
  if (!repeated(&F->outputs)) /* the ids are the allocator's now */
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return F->ids.n || F->outputs.n ? rescan(o, F, err) : QUJAT_OK;
}

const struct duplicate *qujat_find_dup(const struct first_pass *F,
                                        size_t index) {
  struct duplicate key = {.index = index};
  return F->dups ? bsearch(&key, F->dups, F->ndups, sizeof *F->dups,
                           by_dup_index)
                 : NULL;
}

void qujat_first_pass_free(struct first_pass *F) {
  for (size_t i = 0; i < F->ndups; i++)
    free(F->dups[i].first_id);
  free(F->dups);
  free(F->ids.v);
  free(F->outputs.v);
}

