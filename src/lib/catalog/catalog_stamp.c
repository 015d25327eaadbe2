/* SPDX-License-Identifier: MIT */
/*
 * The validation stamp of a data directory: checking the catalog files
 * against services/catalog.xsd is a third of the start of every run
 * (bench/README.md), and the files seldom change. After a load that
 * validated them, a stamp named by the SHA-256 of the schema and of every
 * file's name and bytes (and the libxml2 version) is left in the user's
 * cache directory; a later load of the very same bytes finds it and skips
 * the schema (the semantic checks of catalog_read.c always run, so a
 * catalog read without its schema cannot crash them either).
 *
 * Where: $QUJAT_CACHE_DIR (empty: no stamps), else $XDG_CACHE_HOME/qujat,
 * else $HOME/.cache/qujat. The directory must be the user's own and not
 * writable by others; stamps are opened with O_NOFOLLOW, written with
 * O_EXCL, and their content must repeat the hash. Nothing is ever written
 * into the data directory, and any failure only means "validate".
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
#include <nettle/sha2.h>

#include "catalog/catalog_internal.h"

#define STAMP_FORMAT "qujat catalog stamp 1"

void qujat_stamp_begin(struct qujat_stamp *s) {
  sha256_init(&s->ctx);
  const char *head = STAMP_FORMAT " libxml2 " LIBXML_DOTTED_VERSION;
  sha256_update(&s->ctx, strlen(head) + 1, (const uint8_t *)head);
}

void qujat_stamp_add(struct qujat_stamp *s, const char *name,
                     const void *data, size_t len) {
  /* The name and length first, so that no two file lists hash alike. */
  char head[64];
  int n = snprintf(head, sizeof head, "%zu:", len);
  sha256_update(&s->ctx, strlen(name) + 1, (const uint8_t *)name);
  sha256_update(&s->ctx, (size_t)n, (const uint8_t *)head);
  sha256_update(&s->ctx, len, (const uint8_t *)data);
}

void qujat_stamp_end(struct qujat_stamp *s) {
  uint8_t d[SHA256_DIGEST_SIZE];
  sha256_digest(&s->ctx, sizeof d, d);
  for (size_t i = 0; i < sizeof d; i++)
    snprintf(s->hex + 2 * i, 3, "%02x", d[i]);
}

/* The cache directory, opened, if it is fit for stamps and compiled
 * catalogs; -1 otherwise. */
int qujat_cache_dir(int create) {
  const char *env = getenv("QUJAT_CACHE_DIR");
  char path[4096];
  if (env) {
    if (!*env || strlen(env) >= sizeof path)
      return -1;
    snprintf(path, sizeof path, "%s", env);
  } else {
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && *xdg == '/')
      n = snprintf(path, sizeof path, "%s", xdg);
    else if (home && *home == '/')
      n = snprintf(path, sizeof path, "%s/.cache", home);
    else
      return -1;
    if (n < 0 || (size_t)n + sizeof "/qujat" > sizeof path)
      return -1;
    if (create && mkdir(path, 0700) != 0 && errno != EEXIST)
      return -1;
    strcat(path, "/qujat");
  }
  if (create && mkdir(path, 0700) != 0 && errno != EEXIST)
    return -1;
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
                  (st.st_mode & (S_IWGRP | S_IWOTH)))) {
    close(fd);
    fd = -1;
  }
  return fd;
}

static void stamp_text(const struct qujat_stamp *s, char *name, size_t nsize,
                       char *text, size_t tsize) {
  snprintf(name, nsize, "catalog-%s", s->hex);
  snprintf(text, tsize, "%s %s\n", STAMP_FORMAT, s->hex);
}

int qujat_stamp_seen(const struct qujat_stamp *s) {
  int dir = qujat_cache_dir(0);
  if (dir < 0)
    return 0;
  char name[80], want[128], got[128];
  stamp_text(s, name, sizeof name, want, sizeof want);
  int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  close(dir);
  if (fd < 0)
    return 0;
  struct stat st;
  size_t len = strlen(want);
  ssize_t n = -1;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
      (size_t)st.st_size == len)
    n = read(fd, got, sizeof got);
  close(fd);
  return n == (ssize_t)len && memcmp(got, want, len) == 0;
}

void qujat_stamp_write(const struct qujat_stamp *s) {
  int dir = qujat_cache_dir(1);
  if (dir < 0)
    return;
  char name[80], text[128];
  stamp_text(s, name, sizeof name, text, sizeof text);
  int fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                 O_CLOEXEC, 0600);
  if (fd >= 0) {
    size_t len = strlen(text);
    int ok = write(fd, text, len) == (ssize_t)len;
    if (close(fd) != 0 || !ok)
      unlinkat(dir, name, 0); /* a partial stamp would never match anyway */
  }
  close(dir);
}

int qujat_cache_write(int dir, const char *name, const void *data,
                      size_t len) {
  /* A temporary name no other writer uses at the same time. */
  struct timespec ts;
  char tmp[256];
  clock_gettime(CLOCK_REALTIME, &ts);
  if (snprintf(tmp, sizeof tmp, ".%s.%ld.%lx.tmp", name, (long)getpid(),
               (unsigned long)ts.tv_nsec) >= (int)sizeof tmp)
    return 0;
  int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                O_CLOEXEC, 0600);
  if (fd < 0)
    return 0;
  int written = qujat_write_all(fd, data, len) == 0;
  int ok = close(fd) == 0 && written;
  if (!ok || renameat(dir, tmp, dir, name) != 0) {
    unlinkat(dir, tmp, 0);
    return 0;
  }
  return 1;
}
