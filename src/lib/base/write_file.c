/* SPDX-License-Identifier: MIT */
/*
 * Files qujat creates and reads, safely in directories others can write to.
 *
 * Atomic output: temporary file, checked writes, fsync, rename. A full disk
 * or a killed process never leaves a half-written file under the final
 * name (PITFALLS.md: HPDF_SaveToFile does not check its fclose). Every file
 * is created with O_CREAT|O_EXCL|O_NOFOLLOW: a symbolic link or a hard link
 * planted at the temporary name is never written through. An existing
 * target that is a symbolic link is followed (the link stays, its file gets
 * the bytes); one that is a device or a FIFO is written to in place.
 *
 * Reading: a file is opened with O_NONBLOCK and checked to be a regular
 * file before a byte is read, so a FIFO planted where a file was expected
 * cannot block the reader.
 */
#define _DEFAULT_SOURCE /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

static qujat_status io_error(qujat_error *err, const char *path,
                             const char *what, int e) {
  return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "%s: %s", what,
                       strerror(e));
}

int qujat_open_regular(int dirfd, const char *path, int nofollow) {
  int fd = openat(dirfd, path,
                  O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
                      (nofollow ? O_NOFOLLOW : 0));
  if (fd < 0)
    return -1;
  struct stat sb = {0};
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    int e = S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
    close(fd);
    errno = e;
    return -1;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

const char *qujat_open_problem(int e) {
  return e == EINVAL ? "not a regular file (a FIFO, a device or a socket)"
         : e == EISDIR ? "is a directory, expected a file"
         : e == ELOOP  ? "is a symbolic link"
                       : strerror(e);
}

int qujat_create_excl(int dirfd, const char *name, unsigned mode) {
  for (int attempt = 0; attempt < 3; attempt++) {
    int fd = openat(dirfd, name,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC |
                        O_NOCTTY,
                    mode);
    if (fd >= 0 || errno != EEXIST)
      return fd;
    /* A leftover of a killed run, or something planted: the name goes,
     * whatever it points to is not touched. */
    if (unlinkat(dirfd, name, 0) != 0 && errno != ENOENT) {
      errno = EEXIST;
      return -1;
    }
  }
  errno = EEXIST;
  return -1;
}

qujat_status qujat_read_some(int fd, void *buf, size_t len, long long at,
                             const char *path, size_t *got,
                             qujat_error *err) {
  ssize_t n;
  do
    n = at < 0 ? read(fd, buf, len) : pread(fd, buf, len, (off_t)at);
  while (n < 0 && errno == EINTR);
  *got = n > 0 ? (size_t)n : 0;
  if (n < 0)
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "cannot read: %s",
                         strerror(errno));
  return QUJAT_OK;
}

int qujat_write_all(int fd, const void *data, size_t len) {
  const unsigned char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      if (n == 0)
        errno = ENOSPC;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Directories are synced after the rename where the platform allows, so
 * that the new name survives a crash too. */
static void sync_dir(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return;
  char *slash = strrchr(copy, '/');
  const char *dir = ".";
  if (slash) {
    *slash = '\0';
    dir = *copy ? copy : "/";
  }
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  free(copy);
}

/* Writes into an existing device or FIFO: there is nothing to rename. A
 * FIFO nobody reads is an error at once (O_NONBLOCK), not a hang. */
static qujat_status write_in_place(const char *path, const void *data,
                                   size_t len, qujat_error *err) {
  int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return io_error(err, path,
                    errno == ENXIO ? "cannot write (nothing reads the FIFO)"
                                   : "cannot write",
                    errno == ENXIO ? ENXIO : errno);
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  qujat_status st = QUJAT_OK;
  if (qujat_write_all(fd, data, len) != 0)
    st = io_error(err, path, "cannot write", errno);
  if (close(fd) != 0 && st == QUJAT_OK)
    st = io_error(err, path, "cannot write (close)", errno);
  return st;
}

qujat_status qujat_write_file(const char *path, const void *data, size_t len,
                              qujat_error *err) {
  if (!path || !*path)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no output file");
  struct stat sb;
  char *resolved = NULL;
  /* A symbolic link is followed by design: the link stays and its file
   * gets the bytes (-o /dev/stdout). Its file may not exist yet. */
  for (int hops = 0; lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode); hops++) {
    char target[PATH_MAX];
    ssize_t n = hops < 40 ? readlink(path, target, sizeof target - 1) : -1;
    if (n < 0) {
      free(resolved);
      return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                           "is a symbolic link that cannot be followed");
    }
    target[n] = '\0';
    const char *slash = strrchr(path, '/');
    size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
    char *next = malloc(dir + (size_t)n + 1);
    if (!next) {
      free(resolved);
      return qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    memcpy(next, path, dir);
    memcpy(next + dir, target, (size_t)n + 1);
    free(resolved);
    path = resolved = next;
  }
  if (lstat(path, &sb) != 0)
    sb.st_mode = S_IFREG; /* a new file */
  qujat_status st = QUJAT_OK;
  if (S_ISDIR(sb.st_mode)) {
    st = qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                       "is a directory; refusing to replace it");
    goto done;
  }
  if (!S_ISREG(sb.st_mode)) {
    st = write_in_place(path, data, len, err);
    goto done;
  }
  size_t plen = strlen(path);
  char *tmp = malloc(plen + sizeof ".tmp-XXXXXX");
  if (!tmp) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
  /* mkstemp: O_CREAT|O_EXCL under a name no one can guess. */
  int fd = mkstemp(tmp);
  if (fd < 0) {
    st = io_error(err, path, "cannot create", errno);
    free(tmp);
    goto done;
  }
  /* mkstemp makes 0600; an output file gets the usual permissions. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (qujat_write_all(fd, data, len) != 0)
    st = io_error(err, path, "cannot write", errno);
  if (st == QUJAT_OK && fsync(fd) != 0)
    st = io_error(err, path, "cannot write (fsync)", errno);
  if (close(fd) != 0 && st == QUJAT_OK)
    st = io_error(err, path, "cannot write (close)", errno);
  if (st == QUJAT_OK && rename(tmp, path) != 0)
    st = io_error(err, path, "cannot rename the finished file into place",
                  errno);
  if (st != QUJAT_OK)
    unlink(tmp);
  else
    sync_dir(path);
  free(tmp);
done:
  free(resolved);
  return st;
}
