/* SPDX-License-Identifier: MIT */
/*
 * The compiled catalog: the model a load of the data directory builds
 * (services, documents, fees, conditions, locales, templates, regimes...),
 * kept in the user's cache directory so that the next run of the same data
 * reads one file instead of parsing and validating thirty (bench/README.md,
 * "A one-document start").
 *
 * The file: a header (format, library version, the build's signature of
 * the catalog sources, the layout of the types, the key, the size and a
 * checksum of the rest), then the structs of the model as they are in
 * memory, with every pointer replaced by the offset of what it points to
 * (strings, arrays) or by the index of the table entry it names
 * (catalog_cache_types.c lists them). Everything is laid out in the order
 * a walk of the model meets it, and read back by the same walk, which
 * checks that each piece starts exactly where the previous one ended and
 * fits in the file: a piece out of place, out of bounds or overlapping
 * another, an index past its table, a number out of range, a wrong size,
 * header or checksum, and the file is not used (the caller loads the XML
 * and writes a new one). Nothing of a file is trusted before all of it has
 * been checked.
 *
 * Named by `key`: a tag of the data directory's name and the SHA-256 of
 * every file the load reads (catalog_xml.c), so that a changed file is a
 * different name; a new file of a directory removes its older ones. Written to
 * a temporary file (O_EXCL, O_NOFOLLOW, 0600) and renamed over the name, so
 * that a reader never sees half a file; the directory rules are the validation
 * stamp's.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlversion.h>

#include "catalog/catalog_internal.h"
#include "qujat_model_sig.h"

#define CACHE_MAGIC "qujat compiled catalog\n"
#define CACHE_FORMAT 1
#define CACHE_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define ALIGN 8

_Static_assert(sizeof(uintptr_t) == sizeof(void *), "pointers fit uintptr_t");

struct header {
  char magic[24];
  uint32_t format, header_size;
  uint64_t size;   /* of the whole file */
  uint64_t top;    /* offset of the struct qujat_catalog */
  uint64_t check;  /* checksum of bytes [sizeof header, size) */
  uint64_t layout; /* of the types (layout_of) */
  char version[32];
  char build[72]; /* the build's signature of the catalog sources */
  char key[88];   /* DIRTAG-HASH (catalog_xml.c) */
};
_Static_assert(sizeof(struct header) == 256, "the header of format 1");

/* A checksum against a damaged file (the key says what it holds): four
 * lanes of 64-bit words, each step a bijection of the lane, so that any
 * one changed word always changes the sum. */
UNITTEST uint64_t qujat_cache_checksum(const unsigned char *p, size_t n) {
  uint64_t h[4] = {0x243f6a8885a308d3u, 0x13198a2e03707344u,
                   0xa4093822299f31d0u, 0x082efa98ec4e6c89u};
  const uint64_t k = 0x9e3779b97f4a7c15u;
  size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int l = 0; l < 4; l++) {
      uint64_t w;
      memcpy(&w, p + i + 8 * l, 8);
      h[l] = (h[l] ^ w) * k;
      h[l] ^= h[l] >> 29;
    }
  for (; i < n; i++) {
    h[i & 3] = (h[i & 3] ^ p[i]) * k;
    h[i & 3] ^= h[i & 3] >> 29;
  }
  uint64_t r = n;
  for (int l = 0; l < 4; l++) {
    r = (r ^ h[l]) * k;
    r ^= r >> 31;
  }
  return r;
}

/* The layout of the types: every size, offset and kind the walk uses. */
static uint64_t mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x100000001b3u;
  return h ^ (h >> 32);
}

static uint64_t layout_of(const struct cache_type *t, int depth) {
  uint64_t h = mix(0xcbf29ce484222325u, t->size);
  for (const struct cache_field *f = t->fields; depth < 16 && f->kind; f++) {
    h = mix(h, f->kind | (uint64_t)f->table << 8 | (uint64_t)f->off << 16);
    h = mix(h, f->count ^ (uint64_t)(unsigned)f->min << 32 ^ (unsigned)f->max);
    if (f->sub)
      h = mix(h, layout_of(f->sub, depth + 1));
  }
  return h;
}

static void header_base(struct header *h, const char *key) {
  memset(h, 0, sizeof *h);
  memcpy(h->magic, CACHE_MAGIC, sizeof CACHE_MAGIC);
  h->format = CACHE_FORMAT;
  h->header_size = sizeof *h;
  h->layout = layout_of(&qujat_cache_catalog_type, 0);
  snprintf(h->version, sizeof h->version, "%s libxml2 %s", qujat_version(),
           LIBXML_DOTTED_VERSION);
  snprintf(h->build, sizeof h->build, "%s", QUJAT_MODEL_SOURCES);
  snprintf(h->key, sizeof h->key, "%s", key);
}

static void file_name(char *name, size_t size, const char *key) {
  snprintf(name, size, "model-%s", key);
}

/* Removes the other compiled catalogs of the same data directory (the
 * same DIRTAG before the key's '-'): one file per directory. */
static void prune(int dir, const char *name) {
  const char *dash = strchr(name + sizeof "model-" - 1, '-');
  int fd = dash ? dup(dir) : -1;
  DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
  if (!d) {
    if (fd >= 0)
      close(fd);
    return;
  }
  size_t len = (size_t)(dash - name) + 1;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strncmp(e->d_name, name, len) == 0 && strcmp(e->d_name, name) != 0)
      unlinkat(dir, e->d_name, 0);
  closedir(d);
}

/* A table the model points into: its first entry, count and stride. */
static const char *table(const struct qujat_catalog *c, int t, size_t *n,
                         size_t *size) {
#define TABLE(field, count)                                                    \
  *n = c->count;                                                               \
  *size = sizeof *c->field;                                                    \
  return (const char *)c->field
  switch ((enum cache_table)t) {
  case CT_SOURCE:
    TABLE(sources, nsources);
  case CT_EDITION:
    TABLE(editions, neditions);
  case CT_CONDITION:
    TABLE(conditions, nconditions);
  case CT_DOCUMENT:
    TABLE(documents, ndocuments);
  case CT_PROCEDURE:
    TABLE(procedures, nprocedures);
  case CT_NOTE:
    TABLE(notes, nnotes);
  case CT_GROUP:
    TABLE(groups, ngroups);
  case CT_SERVICE:
    TABLE(services, nservices);
  case CT_CATEGORY:
    TABLE(categories, ncategories);
  case CT_NTABLES:
    break;
  }
#undef TABLE
  *n = 0;
  *size = 1;
  return NULL;
}

static uintptr_t get_word(const void *at) {
  uintptr_t v;
  memcpy(&v, at, sizeof v);
  return v;
}

static void set_word(void *at, uintptr_t v) { memcpy(at, &v, sizeof v); }

static size_t get_count(const void *at) {
  size_t v;
  memcpy(&v, at, sizeof v);
  return v;
}

/* ------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------ */

struct writer {
  const struct qujat_catalog *c;
  unsigned char *b;
  size_t len, cap;
  int failed;
};

/* Appends `n` bytes at the next multiple of `align`: their offset. */
static size_t put(struct writer *w, const void *p, size_t n, size_t align) {
  size_t at = (w->len + align - 1) & ~(align - 1);
  if (w->failed || at + n > CACHE_MAX_BYTES) {
    w->failed = 1;
    return 0;
  }
  if (at + n > w->cap) {
    size_t cap = w->cap ? w->cap : 256 * 1024;
    while (cap < at + n)
      cap *= 2;
    unsigned char *b = realloc(w->b, cap);
    if (!b) {
      w->failed = 1;
      return 0;
    }
    w->b = b;
    w->cap = cap;
  }
  memset(w->b + w->len, 0, at - w->len);
  if (n)
    memcpy(w->b + at, p, n);
  w->len = at + n;
  return at;
}

static uintptr_t put_str(struct writer *w, const char *s) {
  return s ? put(w, s, strlen(s) + 1, 1) : 0;
}

static uintptr_t ref_index(struct writer *w, int t, const void *p) {
  size_t n, size;
  const char *base = table(w->c, t, &n, &size);
  const char *q = p;
  if (!p)
    return 0;
  if (!base || q < base || q >= base + n * size ||
      (size_t)(q - base) % size != 0) {
    w->failed = 1; /* not into its table: no file rather than a wrong one */
    return 0;
  }
  return (uintptr_t)((size_t)(q - base) / size) + 1;
}

/* The struct of type `t` at `src` has been copied to offset `dst`: its
 * pointers become offsets and indices, what they point to follows. */
static size_t count_of(const struct cache_field *f, const char *s) {
  return f->count ? get_count(s + f->count) : 0;
}

/* An array of `n` (structs, string pointers or table pointers): its copy,
 * the table pointers as indices. */
static uintptr_t write_array(struct writer *w, const struct cache_field *f,
                             const void *p, size_t n) {
  size_t elem = f->kind == CK_ARR ? f->sub->size : sizeof(void *);
  if (!p) {
    w->failed |= n && !f->null_ok;
    return 0;
  }
  uintptr_t v = put(w, p, n * elem, ALIGN);
  for (size_t i = 0; v && f->kind == CK_REFS && i < n; i++)
    set_word(w->b + v + i * sizeof(void *),
             ref_index(w, f->table, ((const void *const *)p)[i]));
  return v;
}

/* The struct of type `t` at `src` has been copied to offset `dst`: its
 * pointers become offsets and indices, what they point to follows. */
static void write_struct(struct writer *w, const struct cache_type *t,
                         const char *src, size_t dst) {
  for (const struct cache_field *f = t->fields; f->kind && !w->failed; f++) {
    const void *p = (const void *)get_word(src + f->off);
    uintptr_t v = 0; /* CK_NULL: made again on load */
    if (f->kind == CK_SUB) {
      write_struct(w, f->sub, src + f->off, dst + f->off);
      continue;
    }
    if (f->kind == CK_INT || f->kind == CK_COUNT)
      continue;
    if (f->kind == CK_STR)
      v = put_str(w, p);
    else if (f->kind == CK_REF)
      v = ref_index(w, f->table, p);
    else if (f->kind != CK_NULL)
      v = write_array(w, f, p, count_of(f, src));
    if (!w->failed)
      set_word(w->b + dst + f->off, v);
  }
  /* Then what the arrays hold, in the same order. */
  for (const struct cache_field *f = t->fields; f->kind && !w->failed; f++) {
    if (f->kind != CK_ARR && f->kind != CK_STRS)
      continue;
    const char *p = (const char *)get_word(src + f->off);
    uintptr_t v = get_word(w->b + dst + f->off);
    for (size_t i = 0; p && i < count_of(f, src) && !w->failed; i++) {
      if (f->kind == CK_ARR) {
        write_struct(w, f->sub, p + i * f->sub->size, v + i * f->sub->size);
      } else {
        uintptr_t s = put_str(w, ((const char *const *)p)[i]);
        if (!w->failed)
          set_word(w->b + v + i * sizeof(void *), s);
      }
    }
  }
}

void qujat_model_cache_save(const struct qujat_catalog *c, const char *key) {
  struct writer w = {c, NULL, 0, 0, 0};
  struct header h;
  header_base(&h, key);
  put(&w, &h, sizeof h, ALIGN);
  size_t top = put(&w, c, sizeof *c, ALIGN);
  if (!w.failed) {
    /* The catalog's own things outside the model are not in the file. */
    struct qujat_catalog *m = (struct qujat_catalog *)(w.b + top);
    memset(&m->arena, 0, sizeof m->arena);
    memset(m->owned, 0, sizeof m->owned);
    m->nowned = 0;
    m->renderer_cache = NULL;
    m->xpaths = NULL;
    m->nxpaths = 0;
    m->profile_schema = m->catalog_schema = NULL;
    m->fees_schema = m->jobs_schema = NULL;
    m->from_cache = m->from_index = 0;
  }
  write_struct(&w, &qujat_cache_catalog_type, (const char *)c, top);
  int dir = w.failed ? -1 : qujat_cache_dir(1);
  if (dir >= 0) {
    h.size = w.len;
    h.top = top;
    h.check = qujat_cache_checksum(w.b + sizeof h, w.len - sizeof h);
    memcpy(w.b, &h, sizeof h);
    char name[120];
    file_name(name, sizeof name, key);
    if (qujat_cache_write(dir, name, w.b, w.len))
      prune(dir, name);
    close(dir);
  }
  free(w.b);
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------ */

struct reader_state {
  const struct qujat_catalog *m; /* the model being read: its tables */
  char *b;
  size_t size, cur;
};

/* The piece of `n` bytes that must start at offset `v`: the next one. */
static int take(struct reader_state *r, uintptr_t v, size_t n, size_t align) {
  size_t at = (r->cur + align - 1) & ~(align - 1);
  if (v != at || at > r->size || n > r->size - at)
    return 0;
  r->cur = at + n;
  return 1;
}

static int read_str(struct reader_state *r, char *slot) {
  uintptr_t v = get_word(slot);
  if (!v)
    return 1;
  if (v != r->cur || v >= r->size)
    return 0;
  const char *end = memchr(r->b + v, '\0', r->size - v);
  if (!end)
    return 0;
  r->cur = (size_t)(end - r->b) + 1;
  set_word(slot, (uintptr_t)(r->b + v));
  return 1;
}

static int read_ref(struct reader_state *r, int t, char *slot) {
  uintptr_t v = get_word(slot);
  size_t n, size;
  const char *base = table(r->m, t, &n, &size);
  if (!v)
    return 1;
  if (!base || v - 1 >= n)
    return 0;
  set_word(slot, (uintptr_t)(base + (v - 1) * size));
  return 1;
}

static int read_struct(struct reader_state *r, const struct cache_type *t,
                       char *dst);

static int read_int(const struct cache_field *f, const char *at) {
  int v;
  memcpy(&v, at, sizeof v);
  return v >= f->min && v <= f->max;
}

/* The array at `slot` of `n` (structs, strings or table pointers): the
 * next piece of the file; its table pointers checked and made. */
static int read_array(struct reader_state *r, const struct cache_field *f,
                      char *slot, size_t n) {
  uintptr_t v = get_word(slot);
  size_t elem = f->kind == CK_ARR ? f->sub->size : sizeof(void *);
  if (!v)
    return n == 0 || (f->kind == CK_REFS && f->null_ok);
  if (n > r->size / elem || !take(r, v, n * elem, ALIGN))
    return 0;
  set_word(slot, (uintptr_t)(r->b + v));
  for (size_t i = 0; f->kind == CK_REFS && i < n; i++)
    if (!read_ref(r, f->table, r->b + v + i * sizeof(void *)))
      return 0;
  return 1;
}

static int read_field(struct reader_state *r, const struct cache_field *f,
                      char *dst) {
  char *slot = dst + f->off;
  switch ((enum cache_kind)f->kind) {
  case CK_STR:
    return read_str(r, slot);
  case CK_ARR:
  case CK_STRS:
  case CK_REFS:
    return read_array(r, f, slot, count_of(f, dst));
  case CK_REF:
    return read_ref(r, f->table, slot);
  case CK_SUB:
    return read_struct(r, f->sub, slot);
  case CK_NULL:
    return get_word(slot) == 0;
  case CK_INT:
    return read_int(f, slot);
  case CK_COUNT:
    return get_count(slot) <= (size_t)f->max;
  case CK_END:
    break;
  }
  return 1;
}

/* The struct of type `t` at `dst` (in the file's memory, or the catalog):
 * offsets and indices become pointers again, each checked. */
static int read_struct(struct reader_state *r, const struct cache_type *t,
                       char *dst) {
  for (const struct cache_field *f = t->fields; f->kind; f++)
    if (!read_field(r, f, dst))
      return 0;
  for (const struct cache_field *f = t->fields; f->kind; f++) {
    if (f->kind != CK_ARR && f->kind != CK_STRS)
      continue;
    char *p = (char *)get_word(dst + f->off);
    for (size_t i = 0; p && i < count_of(f, dst); i++)
      if (f->kind == CK_ARR ? !read_struct(r, f->sub, p + i * f->sub->size)
                            : !read_str(r, p + i * sizeof(void *)))
        return 0;
  }
  return 1;
}

/* The whole file `name` of the cache directory into `c`'s arena, if it is
 * a regular file of the user's own of a plausible size; NULL otherwise. */
static char *read_whole(struct qujat_catalog *c, const char *name,
                        size_t *size) {
  int dir = qujat_cache_dir(0);
  if (dir < 0)
    return NULL;
  int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  close(dir);
  if (fd < 0)
    return NULL;
  struct stat st;
  char *b = NULL;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
      !(st.st_mode & (S_IWGRP | S_IWOTH)) &&
      st.st_size >= (off_t)sizeof(struct header) &&
      (size_t)st.st_size <= CACHE_MAX_BYTES) {
    size_t want = (size_t)st.st_size, done = 0;
    b = qujat_arena_alloc(&c->arena, want + 1);
    while (b && done <= want) { /* one byte more: the file did not grow */
      ssize_t k = read(fd, b + done, want + 1 - done);
      if (k < 0 && errno == EINTR)
        continue;
      if (k <= 0)
        break;
      done += (size_t)k;
    }
    if (done != want)
      b = NULL;
    *size = want;
  }
  close(fd);
  return b;
}

/* Compiles the conditions again from their text (the XML load compiled
 * and tried them, with the libxml2 the header names). */
static int compile_conditions(struct qujat_catalog *c) {
  size_t most = 2 * c->nconditions;
  struct xpath_env *env = NULL;
  if (!most)
    return 1;
  c->xpaths = calloc(most, sizeof *c->xpaths);
  if (!c->xpaths || qujat_xpath_env_new(NULL, &env) != QUJAT_OK)
    return -1;
  int r = 1;
  for (size_t i = 0; r == 1 && i < c->nconditions; i++) {
    struct condition *k = (struct condition *)&c->conditions[i];
    const char *src[2] = {k->test_src, k->known_src};
    struct xpath **out[2] = {&k->test, &k->known};
    for (int j = 0; r == 1 && j < 2; j++) {
      if (!src[j])
        continue;
      qujat_status st = qujat_xpath_compile_in(env, src[j], out[j]);
      if (st != QUJAT_OK)
        r = st == QUJAT_ERR_NOMEM ? -1 : 0;
      else
        c->xpaths[c->nxpaths++] = *out[j];
    }
    if (r == 1 && !k->test)
      r = 0;
  }
  qujat_xpath_env_free(env);
  return r;
}

int qujat_model_cache_load(struct qujat_catalog *c, const char *key) {
  char name[120];
  size_t size = 0;
  file_name(name, sizeof name, key);
  char *b = read_whole(c, name, &size);
  if (!b)
    return c->arena.failed ? -1 : 0;
  struct header want, got;
  header_base(&want, key);
  memcpy(&got, b, sizeof got);
  want.size = got.size;
  want.top = got.top;
  want.check = got.check;
  if (memcmp(&want, &got, sizeof got) != 0 || got.size != size ||
      got.top != sizeof got ||
      got.check != qujat_cache_checksum((unsigned char *)b + sizeof got,
                                        size - sizeof got) ||
      size - sizeof got < sizeof *c)
    return 0;
  /* The model from the file, checked piece by piece in a copy; the
   * catalog's own members (arena, owners) are kept. */
  struct qujat_catalog m;
  memcpy(&m, b + got.top, sizeof m);
  struct reader_state r = {&m, b, size, got.top + sizeof m};
  if (!read_struct(&r, &qujat_cache_catalog_type, (char *)&m) || r.cur != size)
    return 0;
  m.arena = c->arena;
  memcpy(m.owned, c->owned, sizeof m.owned);
  m.nowned = c->nowned;
  m.renderer_cache = NULL;
  m.xpaths = NULL;
  m.nxpaths = 0;
  m.profile_schema = m.catalog_schema = m.fees_schema = m.jobs_schema = NULL;
  m.from_cache = 1;
  m.from_index = 0;
  *c = m;
  return compile_conditions(c);
}
