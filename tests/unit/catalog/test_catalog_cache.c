/* SPDX-License-Identifier: MIT */
/* Unit tests of the compiled catalog (catalog_cache.c): a load from the
 * cache gives the model a load from the XML gives, field by field (every
 * byte that is not a pointer, every pointer to the same content or the
 * same table entry); a changed data file is a different cache; a damaged
 * file (truncated, bytes changed, bytes changed with the checksum made
 * right again) is never used to crash or to mislead; a cache directory or
 * file that is not the user's own, or a symbolic link, is not used. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"
#include "helpers.h"

static char cache[4096], data[4096];

static void setup(void) {
  test_make_temp_dir(cache, sizeof cache, "model");
  chmod(cache, 0700);
  setenv("QUJAT_CACHE_DIR", cache, 1);
  data[0] = '\0';
}

static void teardown(void) {
  test_remove_dir(cache);
  if (data[0])
    test_remove_dir(data);
  unsetenv("QUJAT_CACHE_DIR");
}

TestSuite(catalog_cache, .init = setup, .fini = teardown);

static qujat_catalog *load(const char *dir) {
  qujat_catalog *c = NULL;
  qujat_error err = {0};
  qujat_status st = qujat_catalog_load_dir(dir, &c, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  return c;
}

/* The compiled catalogs in the cache directory: their count, and the path
 * of the last one in `path`. */
static int models(char *path, size_t size) {
  DIR *d = opendir(cache);
  cr_assert_not_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strncmp(e->d_name, "model-", 6) == 0) {
      n++;
      if (path)
        snprintf(path, size, "%s/%s", cache, e->d_name);
    }
  closedir(d);
  return n;
}

/* Deep comparison of two models through the cache's own type tables: the
 * bytes of a struct that the tables do not name must be equal, so a
 * pointer the tables forgot (its two values differ) fails here. */
struct pair {
  const struct qujat_catalog *a, *b;
};

static long index_in(const struct qujat_catalog *c, int t, const void *p) {
  const char *base;
  size_t n, size;
  switch (t) {
#define T(id, f, nf)                                                           \
  case id:                                                                     \
    base = (const char *)c->f;                                                 \
    n = c->nf;                                                                 \
    size = sizeof *c->f;                                                       \
    break
    T(CT_SOURCE, sources, nsources);
    T(CT_EDITION, editions, neditions);
    T(CT_CONDITION, conditions, nconditions);
    T(CT_DOCUMENT, documents, ndocuments);
    T(CT_PROCEDURE, procedures, nprocedures);
    T(CT_NOTE, notes, nnotes);
    T(CT_GROUP, groups, ngroups);
    T(CT_SERVICE, services, nservices);
    T(CT_CATEGORY, categories, ncategories);
#undef T
  default:
    cr_assert_fail("table %d", t);
  }
  if (!p)
    return -1;
  long i = (long)(((const char *)p - base) / (long)size);
  cr_assert(i >= 0 && (size_t)i < n, "a pointer outside its table %d", t);
  return i;
}

static void *word(const char *at) {
  void *p;
  memcpy(&p, at, sizeof p);
  return p;
}

static void same_str(const char *a, const char *b, const char *what) {
  if (!a || !b)
    cr_assert(a == b, "%s: NULL on one side only", what);
  else
    cr_assert_str_eq(a, b, "%s", what);
}

static void same_struct(const struct pair *P, const struct cache_type *t,
                        const char *a, const char *b) {
  char *ca = malloc(t->size), *cb = malloc(t->size);
  cr_assert(ca && cb);
  memcpy(ca, a, t->size);
  memcpy(cb, b, t->size);
  for (const struct cache_field *f = t->fields; f->kind; f++) {
    const char *pa = word(a + f->off), *pb = word(b + f->off);
    size_t n = f->count ? *(const size_t *)(a + f->count) : 0;
    size_t clear = sizeof(void *);
    switch (f->kind) {
    case CK_STR:
      same_str(pa, pb, "a string");
      break;
    case CK_ARR:
    case CK_STRS:
    case CK_REFS:
      cr_assert_eq(n, *(const size_t *)(b + f->count));
      cr_assert_eq(!pa, !pb, "an array NULL on one side only");
      for (size_t i = 0; pa && i < n; i++) {
        if (f->kind == CK_ARR)
          same_struct(P, f->sub, pa + i * f->sub->size, pb + i * f->sub->size);
        else if (f->kind == CK_STRS)
          same_str(word(pa + i * sizeof(void *)), word(pb + i * sizeof(void *)),
                   "a string of an array");
        else
          cr_assert_eq(index_in(P->a, f->table, word(pa + i * sizeof(void *))),
                       index_in(P->b, f->table, word(pb + i * sizeof(void *))));
      }
      break;
    case CK_REF:
      cr_assert_eq(index_in(P->a, f->table, pa), index_in(P->b, f->table, pb),
                   "a reference into table %d", f->table);
      break;
    case CK_SUB:
      same_struct(P, f->sub, a + f->off, b + f->off);
      clear = f->sub->size;
      break;
    case CK_NULL:
      cr_assert_eq(!pa, !pb, "a compiled expression on one side only");
      break;
    default:
      continue; /* numbers: compared with the rest of the bytes */
    }
    memset(ca + f->off, 0, clear);
    memset(cb + f->off, 0, clear);
  }
  for (size_t i = 0; i < t->size; i++)
    cr_assert_eq(ca[i], cb[i], "byte %zu of a struct of %zu bytes differs", i,
                 t->size);
  free(ca);
  free(cb);
}

/* The model of `c` without the catalog's own members. */
static void model_of(const qujat_catalog *c, struct qujat_catalog *m) {
  memcpy(m, c, sizeof *m);
  memset(&m->arena, 0, sizeof m->arena);
  memset(m->owned, 0, sizeof m->owned);
  m->nowned = 0;
  m->renderer_cache = NULL;
  m->xpaths = NULL;
  m->nxpaths = 0;
  m->profile_schema = m->catalog_schema = m->fees_schema = m->jobs_schema =
      NULL;
  m->from_cache = m->from_index = 0;
}

static void same_model(const qujat_catalog *a, const qujat_catalog *b) {
  static struct qujat_catalog ma, mb;
  model_of(a, &ma);
  model_of(b, &mb);
  struct pair P = {a, b};
  same_struct(&P, &qujat_cache_catalog_type, (const char *)&ma,
              (const char *)&mb);
  cr_assert_eq(a->nxpaths, b->nxpaths);
}

Test(catalog_cache, cached_load_is_the_same_model) {
  qujat_catalog *a = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(a->from_cache, 0);
  char path[8192];
  cr_assert_eq(models(path, sizeof path), 1, "the load leaves its model");
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0600);
  qujat_catalog *b = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(b->from_cache, 1, "the second load reads the cache");
  cr_assert_null(b->catalog_schema, "no schema compiled for a cached load");
  cr_assert_null(b->profile_schema);
  same_model(a, b);
  /* The conditions were compiled again: the same answers. */
  struct xpath_env *env = NULL;
  cr_assert_eq(qujat_xpath_env_new(NULL, &env), QUJAT_OK);
  for (size_t i = 0; i < a->nconditions; i++) {
    cr_assert_not_null(b->conditions[i].test);
    cr_assert_eq(qujat_xpath_bool(env, a->conditions[i].test, -1, 30),
                 qujat_xpath_bool(env, b->conditions[i].test, -1, 30));
  }
  qujat_xpath_env_free(env);
  /* A profile is still checked against its schema, compiled on use. */
  qujat_profile *p = NULL;
  qujat_error err = {0};
  static const char bad[] =
      "<profile xmlns='urn:qujat:profile:1'><nonsense/></profile>";
  cr_assert_neq(
      qujat_profile_load_memory(b, bad, sizeof bad - 1, "p.xml", &p, &err),
      QUJAT_OK);
  cr_assert_not_null(b->profile_schema);
  qujat_profile_free(p);
  qujat_catalog_free(a);
  qujat_catalog_free(b);
}

/* A copy of the data directory in `data`. */
static void copy_data(void) {
  test_make_temp_dir(data, sizeof data, "modeldata");
  char cmd[9000];
  snprintf(cmd, sizeof cmd,
           "cp -r '%s/services' '%s/locales' '%s/fonts' '%s/templates' '%s'",
           QUJAT_TEST_DATA_DIR, QUJAT_TEST_DATA_DIR, QUJAT_TEST_DATA_DIR,
           QUJAT_TEST_DATA_DIR, data);
  cr_assert_eq(system(cmd), 0);
}

/* Replaces the first `from` in file `rel` of the copy by `to`. */
static void edit(const char *rel, const char *from, const char *to) {
  char path[8192];
  snprintf(path, sizeof path, "%s/%s", data, rel);
  size_t len;
  char *text = (char *)test_read_whole(path, &len);
  char *at = strstr(text, from);
  cr_assert_not_null(at, "%s has no '%s'", rel, from);
  size_t head = (size_t)(at - text), lf = strlen(from), lt = strlen(to);
  char *out = malloc(len - lf + lt);
  memcpy(out, text, head);
  memcpy(out + head, to, lt);
  memcpy(out + head + lt, at + lf, len - head - lf);
  test_write_file(path, out, len - lf + lt);
  free(out);
  free(text);
}

Test(catalog_cache, a_changed_file_is_another_model) {
  copy_data();
  qujat_catalog *a = load(data);
  qujat_catalog *b = load(data);
  cr_assert_eq(b->from_cache, 1);
  const char *old = qujat_locale_find(b, LANG_EN, "month.1");
  cr_assert_not_null(old);
  char from[512], to[600];
  snprintf(from, sizeof from, ">%s<", old);
  snprintf(to, sizeof to, ">%s (changed)<", old);
  edit("locales/en.xml", from, to);
  qujat_catalog *c = load(data);
  cr_assert_eq(c->from_cache, 0, "a changed locale is not the cached model");
  char want[600];
  snprintf(want, sizeof want, "%s (changed)", old);
  cr_assert_str_eq(qujat_locale_find(c, LANG_EN, "month.1"), want);
  qujat_catalog *d = load(data);
  cr_assert_eq(d->from_cache, 1);
  same_model(c, d);
  cr_assert_eq(models(NULL, 0), 1, "the older catalog of the copy removed");
  /* A catalog file too. */
  edit("services/fines.xml", "</catalog>", "<!-- changed --></catalog>");
  qujat_catalog *e = load(data);
  cr_assert_eq(e->from_cache, 0);
  cr_assert_eq(models(NULL, 0), 1);
  /* Another data directory's catalog stays. */
  qujat_catalog *f = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(models(NULL, 0), 2);
  qujat_catalog_free(f);
  qujat_catalog_free(a);
  qujat_catalog_free(b);
  qujat_catalog_free(c);
  qujat_catalog_free(d);
  qujat_catalog_free(e);
}

/* Writes `len` bytes of `bytes` as the cache file `path`, loads, and checks
 * that the load succeeds with the right model whether or not it used the
 * file; returns whether it did. */
static int load_damaged(const qujat_catalog *ref, const char *path,
                        const unsigned char *bytes, size_t len) {
  unlink(path);
  test_write_file(path, bytes, len);
  chmod(path, 0600);
  qujat_catalog *c = load(QUJAT_TEST_DATA_DIR);
  int used = c->from_cache;
  cr_assert_eq(c->nservices, ref->nservices);
  if (!used)
    same_model(ref, c);
  qujat_catalog_free(c);
  return used;
}

Test(catalog_cache, damaged_files_are_not_used) {
  qujat_catalog *ref = load(QUJAT_TEST_DATA_DIR);
  char path[8192];
  cr_assert_eq(models(path, sizeof path), 1);
  size_t len;
  unsigned char *good = test_read_whole(path, &len);
  unsigned char *bad = malloc(len + 16);
  /* struct header (format 1): magic[24], format, header_size (uint32 at
   * 28), size, top, check (uint64 at 48)... */
  uint32_t head32;
  memcpy(&head32, good + 28, sizeof head32);
  const size_t head = head32, check_at = 48;
  cr_assert_eq(head, 256);
  /* Truncated anywhere, or longer. */
  const size_t cuts[] = {0,        1,       23,      head - 1, head,
                         head + 8, len / 3, len / 2, len - 8,  len - 1};
  for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++)
    cr_assert_eq(load_damaged(ref, path, good, cuts[i]), 0, "cut at %zu",
                 cuts[i]);
  memcpy(bad, good, len);
  memset(bad + len, 0, 16);
  cr_assert_eq(load_damaged(ref, path, bad, len + 16), 0, "longer");
  /* One byte changed: the header or the checksum says so. */
  unsigned int seed = 12345;
  for (int i = 0; i < 40; i++) {
    seed = seed * 1103515245u + 12345u;
    size_t at = i < 8 ? (size_t)i * 29 : (seed >> 4) % len;
    memcpy(bad, good, len);
    bad[at] ^= (unsigned char)(1u << (seed % 8));
    cr_assert_eq(load_damaged(ref, path, bad, len), 0, "byte %zu", at);
  }
  /* Bytes changed and the checksum made right: the walk's own checks.
   * Where only a letter of a text changed nothing can tell, but no
   * change may crash or overrun (ASan), nor a pointer end elsewhere. */
  memcpy(bad, good, len);
  uint64_t sum = qujat_cache_checksum(bad + head, len - head);
  cr_assert_eq(memcmp(bad + check_at, &sum, sizeof sum), 0,
               "the test finds the checksum");
  int used = 0, runs = 0;
  for (int i = 0; i < 120; i++, runs++) {
    seed = seed * 1103515245u + 12345u;
    size_t at = head + (seed >> 4) % (len - head);
    memcpy(bad, good, len);
    bad[at] ^= (unsigned char)(1u << (seed % 8));
    if (i % 3 == 0) /* a word set to a large or a small number */
      memset(bad + (at & ~(size_t)7), i % 2 ? 0xff : 0x01, 1);
    sum = qujat_cache_checksum(bad + head, len - head);
    memcpy(bad + check_at, &sum, sizeof sum);
    used += load_damaged(ref, path, bad, len);
  }
  cr_assert_lt(used, runs, "some damage must be caught by the walk alone");
  /* And the good file is used again. */
  cr_assert_eq(load_damaged(ref, path, good, len), 1);
  free(bad);
  free(good);
  qujat_catalog_free(ref);
}

Test(catalog_cache, unsafe_places_are_not_used) {
  qujat_catalog *ref = load(QUJAT_TEST_DATA_DIR);
  char path[8192], target[8192];
  cr_assert_eq(models(path, sizeof path), 1);
  /* A file others may write. */
  chmod(path, 0666);
  qujat_catalog *c = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(c->from_cache, 0, "a file writable by others");
  qujat_catalog_free(c);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0600, "replaced by a file of our own");
  /* A symbolic link to a good file. */
  snprintf(target, sizeof target, "%s/real", cache);
  cr_assert_eq(rename(path, target), 0);
  cr_assert_eq(symlink(target, path), 0);
  c = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(c->from_cache, 0, "a symbolic link");
  qujat_catalog_free(c);
  cr_assert_eq(lstat(path, &st), 0);
  cr_assert(S_ISREG(st.st_mode), "the link is replaced, not followed");
  unlink(target);
  /* A file of another user (the tests may run as root). */
  if (geteuid() == 0) {
    cr_assert_eq(chown(path, 65534, 65534), 0);
    c = load(QUJAT_TEST_DATA_DIR);
    cr_assert_eq(c->from_cache, 0, "a file of another user");
    qujat_catalog_free(c);
  }
  /* A directory others may write: neither read nor written. */
  unlink(path);
  chmod(cache, 0777);
  c = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(c->from_cache, 0);
  qujat_catalog_free(c);
  cr_assert_eq(models(NULL, 0), 0, "nothing written where others may write");
  chmod(cache, 0700);
  /* A directory of another user. */
  if (geteuid() == 0) {
    cr_assert_eq(chown(cache, 65534, 65534), 0);
    c = load(QUJAT_TEST_DATA_DIR);
    qujat_catalog_free(c);
    cr_assert_eq(models(NULL, 0), 0,
                 "nothing written into another's directory");
    cr_assert_eq(chown(cache, 0, 0), 0);
  }
  /* No cache at all. */
  setenv("QUJAT_CACHE_DIR", "", 1);
  c = load(QUJAT_TEST_DATA_DIR);
  cr_assert_eq(c->from_cache, 0);
  qujat_catalog_free(c);
  cr_assert_eq(models(NULL, 0), 0, "QUJAT_CACHE_DIR empty: no cache");
  qujat_catalog_free(ref);
}

/* ------------------------------------------------------------------------
 * The file index (catalog_index.c): the compiled catalog's name found from
 * the files' states, without reading them.
 * ------------------------------------------------------------------------ */

static int index_files(char *path, size_t size) {
  DIR *d = opendir(cache);
  cr_assert_not_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strncmp(e->d_name, "files-", 6) == 0) {
      n++;
      if (path)
        snprintf(path, size, "%s/%s", cache, e->d_name);
    }
  closedir(d);
  return n;
}

Test(catalog_cache, the_settling_rule) {
  cr_assert(qujat_index_settled(1, 2, 3));
  cr_assert_not(qujat_index_settled(3, 2, 3), "modified at the bound");
  cr_assert_not(qujat_index_settled(1, 3, 3), "changed at the bound");
  cr_assert_not(qujat_index_settled(9, 1, 3), "modified in the future");
  cr_assert_eq(qujat_index_settle_ns, 3000000000LL, "three seconds");
}

/* Waits until a change of a file of the copy gets a later change time than
 * `rel` has now, whatever the granularity of the file system's times: a
 * probe file next to it is written until its change time is later. */
static void after_change_time(const char *rel) {
  char path[8192], probe[8192];
  snprintf(path, sizeof path, "%s/%s", data, rel);
  snprintf(probe, sizeof probe, "%s/probe", data);
  struct stat st, ps;
  cr_assert_eq(stat(path, &st), 0);
  for (;;) {
    test_write_file(probe, "x", 1);
    cr_assert_eq(stat(probe, &ps), 0);
    if (ps.st_ctim.tv_sec > st.st_ctim.tv_sec ||
        (ps.st_ctim.tv_sec == st.st_ctim.tv_sec &&
         ps.st_ctim.tv_nsec > st.st_ctim.tv_nsec))
      break;
    struct timespec pause = {0, 1000000};
    nanosleep(&pause, NULL);
  }
  unlink(probe);
}

static qujat_catalog *load_settled(const char *dir) {
  qujat_index_settle_ns = 0;
  return load(dir);
}

/* Loads as if every file had changed a moment ago, however slow the
 * machine: no index is written. */
static qujat_catalog *load_unsettled(const char *dir) {
  qujat_index_settle_ns = LLONG_MAX / 4;
  return load(dir);
}

Test(catalog_cache, the_file_index_names_the_model_of_unchanged_files) {
  copy_data();
  qujat_catalog *a = load_unsettled(data);
  cr_assert_eq(index_files(NULL, 0), 0, "files changed moments ago: no index");
  qujat_catalog *b = load_unsettled(data);
  cr_assert_eq(b->from_cache, 1);
  cr_assert_eq(b->from_index, 0, "not yet settled: read and hashed");
  qujat_catalog *c = load_settled(data);
  cr_assert_eq(c->from_index, 0);
  cr_assert_eq(index_files(NULL, 0), 1, "the index written");
  qujat_catalog *d = load_settled(data);
  cr_assert_eq(d->from_cache, 1);
  cr_assert_eq(d->from_index, 1, "unchanged files: found by the index");
  same_model(a, d);
  /* An edit in place that keeps the size and the inode. */
  const char *old = qujat_locale_find(d, LANG_EN, "month.1");
  cr_assert(old && old[0] > ' ' && old[0] < 0x7f && old[0] != 'X');
  char from[512], to[512], want[512];
  snprintf(from, sizeof from, ">%s<", old);
  snprintf(to, sizeof to, ">X%s<", old + 1);
  snprintf(want, sizeof want, "X%s", old + 1);
  after_change_time("locales/en.xml");
  edit("locales/en.xml", from, to);
  qujat_catalog *e = load_settled(data);
  cr_assert_eq(e->from_index, 0, "a changed file is read");
  cr_assert_str_eq(qujat_locale_find(e, LANG_EN, "month.1"), want);
  qujat_catalog *f = load_settled(data);
  cr_assert_eq(f->from_index, 1, "and indexed again");
  same_model(e, f);
  /* The same bytes under a new inode (an editor's save by rename). */
  char cmd[20000], src[8192];
  snprintf(cmd, sizeof cmd,
           "cp -p '%s/services/fines.xml' '%s/fines.new' && "
           "mv '%s/fines.new' '%s/services/fines.xml'",
           data, data, data, data);
  cr_assert_eq(system(cmd), 0);
  qujat_catalog *g = load_settled(data);
  cr_assert_eq(g->from_index, 0, "a file replaced by rename is read");
  same_model(f, g);
  /* A catalog file added to services/: here a copy, whose every id is
   * defined twice, so the index must not hide it. */
  snprintf(cmd, sizeof cmd, "cp '%s/services/fines.xml' '%s/services/zz.xml'",
           data, data);
  cr_assert_eq(system(cmd), 0);
  qujat_catalog *h = NULL;
  qujat_error err = {0};
  cr_assert_neq(qujat_catalog_load_dir(data, &h, &err), QUJAT_OK,
                "a new file is read");
  snprintf(src, sizeof src, "%s/services/zz.xml", data);
  cr_assert_eq(unlink(src), 0);
  qujat_catalog *i = load_settled(data);
  cr_assert_eq(i->from_index, 1, "the file gone, the same files again");
  /* An index others may write is not used. */
  char path[8192];
  cr_assert_eq(index_files(path, sizeof path), 1);
  cr_assert_eq(chmod(path, 0666), 0);
  qujat_catalog *j = load_settled(data);
  cr_assert_eq(j->from_index, 0, "an index others may write");
  cr_assert_eq(j->from_cache, 1);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0600, "replaced by one of our own");
  qujat_catalog *k = load_settled(data);
  cr_assert_eq(k->from_index, 1);
  qujat_catalog *all[] = {a, b, c, d, e, f, g, i, j, k};
  for (size_t n = 0; n < sizeof all / sizeof *all; n++)
    qujat_catalog_free(all[n]);
}

/* The index without its last line ("at" and when it was written). */
static size_t states_and_key(const char *index, size_t len) {
  const char *at = strstr(index, "\nat ");
  cr_assert_not_null(at);
  cr_assert_eq(index[len - 1], '\n');
  return (size_t)(at - index) + 1;
}

/* A damaged index: a key of no compiled catalog, the key of another
 * directory's compiled catalog (of the same data), bytes cut off or added,
 * a state changed, written in the future. The load is right all the same,
 * from the hash, and the index is written again. */
Test(catalog_cache, a_damaged_index_is_not_trusted) {
  copy_data();
  qujat_catalog *ref = load_settled(data);
  qujat_catalog_free(load_settled(data));
  char path[8192], other[8192];
  cr_assert_eq(index_files(path, sizeof path), 1);
  /* Another directory's compiled catalog: a copy of the same data. */
  char keep[4096];
  snprintf(keep, sizeof keep, "%s", data);
  copy_data();
  char data2[4096];
  snprintf(data2, sizeof data2, "%s", data);
  snprintf(data, sizeof data, "%s", keep);
  qujat_catalog_free(load_unsettled(data2));
  DIR *dir = opendir(cache);
  cr_assert_not_null(dir);
  struct dirent *de;
  other[0] = '\0';
  size_t len;
  char *good = (char *)test_read_whole(path, &len);
  char *key = strstr(good, "\nkey ");
  cr_assert_not_null(key);
  key += 5;
  while ((de = readdir(dir)))
    if (strncmp(de->d_name, "model-", 6) == 0 &&
        strncmp(de->d_name + 6, key, 16) != 0)
      snprintf(other, sizeof other, "%s\nat 1\n", de->d_name + 6);
  closedir(dir);
  cr_assert(other[0], "the copy's compiled catalog");
  size_t kept = states_and_key(good, len);
  char other_last[8];
  snprintf(other_last, sizeof other_last, "%c\nat 1\n",
           good[kept - 2] == '0' ? '1' : '0');
  /* The last digit of the first file's state (its change time; the third
   * line, after the format and the directory), the same length. */
  char *changed = strdup(good);
  char *eol = strchr(strchr(strchr(changed, '\n') + 1, '\n') + 1, '\n');
  cr_assert(eol && eol[-1] >= '0' && eol[-1] <= '9');
  eol[-1] = eol[-1] == '0' ? '1' : '0';
  struct {
    const char *what;
    size_t cut;       /* bytes kept of the good index */
    const char *tail; /* then these */
  } cases[] = {
      {"a key of no compiled catalog", kept - 2, other_last},
      {"another directory's key", (size_t)(key - good), other},
      {"a key cut short", kept - 2, "\nat 1\n"},
      {"a line more", len, "key 00\n"},
      {"no key", (size_t)(key - good) - 4, ""},
      {"no time", kept, ""},
      {"written in the future", kept, "at 9000000000000000000\n"},
      {"a state changed", 0, changed},
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    size_t tl = strlen(cases[k].tail);
    char *bad = malloc(cases[k].cut + tl);
    memcpy(bad, good, cases[k].cut);
    memcpy(bad + cases[k].cut, cases[k].tail, tl);
    unlink(path);
    test_write_file(path, bad, cases[k].cut + tl);
    chmod(path, 0600);
    free(bad);
    qujat_catalog *c = load_settled(data);
    cr_assert_eq(c->from_index, 0, "%s", cases[k].what);
    same_model(ref, c);
    qujat_catalog_free(c);
    size_t again_len;
    char *again = (char *)test_read_whole(path, &again_len);
    cr_assert(states_and_key(again, again_len) == kept &&
                  memcmp(again, good, kept) == 0,
              "%s: the index written again", cases[k].what);
    free(again);
    qujat_catalog *d = load_settled(data);
    cr_assert_eq(d->from_index, 1, "%s: then used", cases[k].what);
    qujat_catalog_free(d);
  }
  test_remove_dir(data2);
  free(changed);
  free(good);
  qujat_catalog_free(ref);
}
