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
 * Why it cannot be fooled by an edit: on a local file system every change
 * of a file's bytes sets its change time (ctime) to the clock of that moment,
 * and no call of a user can set ctime back. The states are taken before the
 * files are read, so an edit after that is a different ctime at the next
 * load. What remains:
 *  - an edit in the same tick of the file system's clock as the change the
 *    index records (timestamps are coarse: a few milliseconds, two seconds on
 *    FAT): the index is written only when every file's times are older than
 *    qujat_index_settle_ns before its states were taken, so a file changed
 *    moments ago is hashed until it has settled;
 *  - the clock set back (NTP, a machine without a clock battery): the index
 *    records when it was written, and one from the future is not used;
 *  - file systems where ctime is not that: on squashfs, iso9660 or erofs it
 *    is the stored time of the image, and NFS or FUSE may answer stat(2)
 *    from a cache filled before another machine's edit. The index is used
 *    only for files on the local file systems of local_fs(); each state is
 *    taken from an open descriptor (an open revalidates a network file's
 *    attributes) all the same.
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
#include <sys/vfs.h>
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

static long long now_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return ns_of(now);
}

/* The file systems whose change times mean what the index needs (their
 * statfs(2) magic numbers): any other, and the files are hashed. */
static int local_fs(int fd) {
  static const unsigned long local[] = {
      0xEF53UL,     /* ext2, ext3, ext4 */
      0x58465342UL, /* xfs */
      0x9123683EUL, /* btrfs */
      0x01021994UL, /* tmpfs */
      0xF2F52010UL, /* f2fs */
      0x2FC12FC1UL, /* zfs */
      0x794C7630UL, /* overlayfs, over one of these */
  };
  struct statfs fs;
  if (fstatfs(fd, &fs) != 0)
    return 0;
  for (size_t i = 0; i < sizeof local / sizeof *local; i++)
    if ((unsigned long)fs.f_type == local[i])
      return 1;
  return 0;
}

void qujat_files_state_begin(struct qujat_files_state *s, const char *dir) {
  s->settled_before = now_ns() - qujat_index_settle_ns;
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
  int fd = qujat_open_regular(AT_FDCWD, path, 0);
  if (fd < 0) {
    /* A file that is missing counts as such (its loader says so); any other
     * failure (not a regular file, no permission...) is no state at all. */
    if (errno != ENOENT ||
        qujat_buf_addf(&s->text, "%zu:%s -\n", strlen(path), path) !=
            QUJAT_OK)
      s->failed = 1;
    return;
  }
  int ok = fstat(fd, &st) == 0 && local_fs(fd);
  close(fd);
  if (!ok) {
    s->failed = 1;
    return;
  }
  long long m = ns_of(st.st_mtim), c = ns_of(st.st_ctim);
  if (!qujat_index_settled(m, c, s->settled_before))
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
  int fd = qujat_open_regular(dir, name, 1);
  close(dir);
  if (fd < 0)
    return 0;
  /* The states, "key " KEY "\n" with a key of at most key_size - 1 bytes,
   * "at " NS "\n" (when it was written, at most 20 digits); one byte more
   * than that says the file is longer. */
  size_t want = s->text.len + 5 + key_size + 24, done = 0;
  char *got = malloc(want);
  struct stat st;
  int ok = got && fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
           !(st.st_mode & (S_IWGRP | S_IWOTH));
  for (size_t k = 1; ok && k > 0 && done + 1 < want; done += k)
    ok = qujat_read_some(fd, got + done, want - 1 - done, -1, name, &k,
                         NULL) == QUJAT_OK;
  close(fd);
  if (!ok || done + 1 >= want || done <= s->text.len ||
      memcmp(got, s->text.data, s->text.len) != 0) {
    free(got);
    return 0;
  }
  got[done] = '\0';
  const char *rest = got + s->text.len;
  size_t n = strspn(rest + 4, "0123456789abcdef-");
  const char *at = rest + 4 + n + 1;
  char *end = NULL;
  errno = 0;
  long long written = strncmp(at, "at ", 3) == 0 && at[3] >= '0' &&
                              at[3] <= '9'
                          ? strtoll(at + 3, &end, 10)
                          : -1;
  ok = strncmp(rest, "key ", 4) == 0 && rest[4 + n] == '\n' &&
       n < key_size &&
       /* the name of this directory's compiled catalog, no other's */
       n > 17 && memcmp(rest + 4, tag, 16) == 0 && rest[4 + 16] == '-' &&
       /* written by a clock that has not gone back since */
       written >= 0 && errno == 0 && end && end[0] == '\n' && !end[1] &&
       written <= now_ns();
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
      qujat_buf_addf(&b, "key %s\nat %lld\n", key, now_ns()) == QUJAT_OK)
    qujat_cache_write(dir, name, b.data, b.len);
  qujat_buf_free(&b);
  close(dir);
}
