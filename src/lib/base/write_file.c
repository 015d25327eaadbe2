/*
 * Atomic file output: temporary file, checked writes, fsync, rename. A full
 * disk or a killed process never leaves a half-written file under the
 * final name (PITFALLS.md: HPDF_SaveToFile does not check its fclose).
 */
#include <errno.h>
#include <fcntl.h>
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
  int fd = open(dir, O_RDONLY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  free(copy);
}

qujat_status qujat_write_file(const char *path, const void *data, size_t len,
                              qujat_error *err) {
  if (!path || !*path)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no output file");
  struct stat sb;
  if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                         "exists and is not a regular file; refusing to "
                         "replace it");
  size_t plen = strlen(path);
  char *tmp = malloc(plen + sizeof ".tmp-XXXXXX");
  if (!tmp)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
  int fd = mkstemp(tmp);
  if (fd < 0) {
    qujat_status st = io_error(err, path, "cannot create", errno);
    free(tmp);
    return st;
  }
  /* mkstemp makes 0600; an output file gets the usual permissions. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  const char *p = data;
  size_t left = len;
  qujat_status st = QUJAT_OK;
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      st = io_error(err, path, "cannot write", n < 0 ? errno : ENOSPC);
      break;
    }
    p += n;
    left -= (size_t)n;
  }
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
  return st;
}
