/* SPDX-License-Identifier: MIT */
/*
 * The file index of a data directory: a shortcut past reading and hashing
 * its files. Naming the compiled catalog by the SHA-256 of every data file
 * (catalog_xml.c) means reading and hashing half a megabyte at every start;
 * without SHA instructions (valgrind, older processors) that was 60 % of a
 * one-document run's instructions (bench/README.md, "A one-document start").
 *
 * After a load, the index records what stat(2) says of each file the key
 * was made from (device, inode, type and mode, size, modification and
 * change times to the nanosecond), and the key. A later load whose files
 * all say exactly the same uses the key without reading them; any
 * difference, a file added to or removed from services/, or a damaged index
 * means the files are read and hashed as before, and the index is written
 * again. This is how make, git's index and ccache's direct mode trust a file
 * they have seen.
 *
 * Why it cannot be fooled by an edit: every change of a file's bytes sets
 * its change time (ctime) to the clock of that moment, and no call of a user
 * can set ctime back. The states are taken before the files are read, so an
 * edit after that is a different ctime at the next load. What remains is an
 * edit in the same tick of the file system's clock as the change the index
 * records (timestamps are coarse: a few milliseconds, two seconds on FAT);
 * the index is therefore written only when every file's times are older than
 * SETTLE_NS before its states were taken. A file changed moments ago is hashed
 * until it has settled.
 *
 * Named files-TAG (the tag of the directory's name) in the user's cache
 * directory under the validation stamp's rules; written whole to a temporary
 * file and renamed (qujat_cache_write). The index holds text: the states the
 * next load compares byte for byte, then the key.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlversion.h>

#include "catalog/catalog_internal.h"

#define INDEX_FORMAT "qujat file index 1 libxml2 " LIBXML_DOTTED_VERSION
#define INDEX_MAX_BYTES ((size_t)256 * 1024)

/* How old every file's times must be for the index to be written. */
UNITTEST long long qujat_index_settle_ns = 3000000000LL;

static long long ns_of(struct timespec t) {
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

void qujat_files_state_begin(struct qujat_files_state *s, const char *dir) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  s->settled_before = ns_of(now) - qujat_index_settle_ns;
  s->settled = 1;
  s->failed = 0;
  qujat_buf_init(&s->text, INDEX_MAX_BYTES);
  if (qujat_buf_addf(&s->text, "%s\ndir %zu:%s\n", INDEX_FORMAT, strlen(dir),
                     dir) != QUJAT_OK)
    s->failed = 1;
}

/* The settling rule alone: times at or after `before` are too recent. */
UNITTEST int qujat_index_settled(long long mtime_ns, long long ctime_ns,
                                 long long before) {
  return mtime_ns < before && ctime_ns < before;
}

void qujat_files_state_add(struct qujat_files_state *s, const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    /* A file that is missing counts as such (its loader says so); any other
     * failure is not a state to trust. */
    if (errno != ENOENT)
      s->settled = 0;
    if (qujat_buf_addf(&s->text, "%zu:%s -\n", strlen(path), path) !=
        QUJAT_OK)
      s->failed = 1;
    return;
  }
  long long m = ns_of(st.st_mtim), c = ns_of(st.st_ctim);
  if (!S_ISREG(st.st_mode) || !qujat_index_settled(m, c, s->settled_before))
    s->settled = 0;
  if (qujat_buf_addf(&s->text, "%zu:%s %llu %llu %o %lld %lld %lld\n",
                     strlen(path), path, (unsigned long long)st.st_dev,
                     (unsigned long long)st.st_ino, (unsigned)st.st_mode,
                     (long long)st.st_size, m, c) != QUJAT_OK)
    s->failed = 1;
}

void qujat_files_state_free(struct qujat_files_state *s) {
  qujat_buf_free(&s->text);
}

static void index_name(char *name, size_t size, const char *tag) {
  snprintf(name, size, "files-%.16s", tag);
}

int qujat_files_index_find(const struct qujat_files_state *s,
                           const char *tag, char *key, size_t key_size) {
  /* A state cut short (out of memory, past the cap) is no state. */
  if (s->failed || !s->text.data)
    return 0;
  int dir = qujat_cache_dir(0);
  if (dir < 0)
    return 0;
  char name[64];
  index_name(name, sizeof name, tag);
  int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  close(dir);
  if (fd < 0)
    return 0;
  /* The states, then "key " KEY "\n" with a key of at most key_size - 1
   * bytes: one byte more than that says the file is longer. */
  size_t want = s->text.len + 5 + key_size, done = 0;
  char *got = malloc(want);
  struct stat st;
  int ok = got && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
           st.st_uid == geteuid() && !(st.st_mode & (S_IWGRP | S_IWOTH));
  for (size_t k = 1; ok && k > 0 && done < want; done += k)
    ok = qujat_read_some(fd, got + done, want - done, -1, name, &k, NULL) ==
         QUJAT_OK;
  close(fd);
  const char *rest = got + s->text.len;
  size_t n = done > s->text.len + 5 ? done - s->text.len - 5 : 0;
  ok = ok && n > 0 && n < key_size && done < want &&
       memcmp(got, s->text.data, s->text.len) == 0 &&
       memcmp(rest, "key ", 4) == 0 && rest[4 + n] == '\n' &&
       strspn(rest + 4, "0123456789abcdef-") == n &&
       /* the name of this directory's compiled catalog, no other's */
       n > 17 && memcmp(rest + 4, tag, 16) == 0 && rest[4 + 16] == '-';
  if (ok) {
    memcpy(key, rest + 4, n);
    key[n] = '\0';
  }
  free(got);
  return ok;
}

void qujat_files_index_save(const struct qujat_files_state *s,
                            const char *tag, const char *key) {
  if (!s->settled || s->failed || !s->text.data)
    return;
  int dir = qujat_cache_dir(1);
  if (dir < 0)
    return;
  struct buf b;
  qujat_buf_init(&b, INDEX_MAX_BYTES + 128);
  char name[64];
  index_name(name, sizeof name, tag);
  if (qujat_buf_add(&b, s->text.data, s->text.len) == QUJAT_OK &&
      qujat_buf_addf(&b, "key %s\n", key) == QUJAT_OK)
    qujat_cache_write(dir, name, b.data, b.len);
  qujat_buf_free(&b);
  close(dir);
}
