/* SPDX-License-Identifier: MIT */
/*
 * Writing the outputs of a batch inside its output directory, and nowhere
 * else: names are checked, every directory on the way is opened relative
 * to the one before with O_NOFOLLOW (a symbolic link planted in the output
 * tree cannot send a PDF elsewhere), and a PDF appears under its name only
 * complete, renamed from a temporary file beside it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "batch/batch.h"
#include "base/base.h"

#define PART_SUFFIX ".qujat-part"
#define MAX_COMPONENT 200 /* leaves room for "." and PART_SUFFIX */

int qujat_output_name_ok(const char *name, char *why, size_t n) {
  size_t len = strlen(name);
  const char *problem = NULL;
  int line, col;
  if (len == 0)
    problem = "it is empty";
  else if (len > JOB_MAX_OUTPUT)
    problem = "it is too long";
  else if (!qujat_utf8_valid(name, len, &line, &col))
    problem = "it is not valid UTF-8";
  else if (name[0] == '/')
    problem = "it is absolute: outputs stay inside the output directory";
  else if (len < 5 || strcasecmp(name + len - 4, ".pdf") != 0)
    problem = "it does not end in .pdf";
  for (const char *p = name; !problem && *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
      problem = "it holds a control character or a backslash";
  for (const char *c = name; !problem && *c;) {
    const char *slash = strchr(c, '/');
    size_t clen = slash ? (size_t)(slash - c) : strlen(c);
    if (clen == 0)
      problem = "it has an empty part (\"//\" or a trailing \"/\")";
    else if (c[0] == '.')
      problem = "a part of it is \".\", \"..\" or hidden (starts with a "
                "dot): outputs stay inside the output directory";
    else if (clen > MAX_COMPONENT)
      problem = "a part of it is longer than 200 bytes";
    else if (slash && clen >= 4 && strncasecmp(slash - 4, ".pdf", 4) == 0)
      /* Outputs end in .pdf, directories may not: one job's file can then
       * never be another's directory, whatever order the threads take. */
      problem = "a directory in it ends in .pdf, as outputs do";
    c += clen + (slash != NULL);
    if (slash && !*c)
      problem = "it ends in \"/\"";
  }
  if (problem)
    snprintf(why, n, "%s", problem);
  return problem == NULL;
}

/* Opens (creating if `create`) the directory `parent` under `root`,
 * component by component, never following a symbolic link. Returns the
 * descriptor, or -1 with errno. */
static int open_chain(int root, const char *parent, int create) {
  int fd = dup(root);
  for (const char *c = parent; fd >= 0 && *c;) {
    const char *slash = strchr(c, '/');
    size_t len = slash ? (size_t)(slash - c) : strlen(c);
    char part[MAX_COMPONENT + 1];
    snprintf(part, sizeof part, "%.*s", (int)len, c);
    int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                                    O_CLOEXEC);
    if (next < 0 && errno == ENOENT && create) {
      if (mkdirat(fd, part, 0777) != 0 && errno != EEXIST) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
      }
      next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                                  O_CLOEXEC);
    }
    int e = errno;
    close(fd);
    errno = e;
    fd = next;
    c += len + (slash != NULL);
  }
  return fd;
}

void qujat_out_dirs_init(struct out_dirs *d, int root) {
  d->root = root;
  d->parent = NULL;
  d->fd = -1;
}

void qujat_out_dirs_free(struct out_dirs *d) {
  if (d->fd >= 0)
    close(d->fd);
  free(d->parent);
  d->parent = NULL;
  d->fd = -1;
}

/* The directory of `name`, from the cache when it is the last one; points
 * `*base` at the file name. The descriptor stays owned by `d`. */
static int parent_of(struct out_dirs *d, const char *name, int create,
                     const char **base) {
  const char *slash = strrchr(name, '/');
  *base = slash ? slash + 1 : name;
  size_t len = slash ? (size_t)(slash - name) : 0;
  if (d->fd >= 0 && strlen(d->parent) == len &&
      strncmp(d->parent, name, len) == 0)
    return d->fd;
  qujat_out_dirs_free(d);
  char *parent = malloc(len + 1);
  if (!parent) {
    errno = ENOMEM;
    return -1;
  }
  memcpy(parent, name, len);
  parent[len] = '\0';
  int fd = open_chain(d->root, parent, create);
  if (fd < 0) {
    free(parent);
    return -1;
  }
  d->parent = parent;
  d->fd = fd;
  return fd;
}

static void part_name(const char *base, char *out, size_t n) {
  snprintf(out, n, ".%s" PART_SUFFIX, base);
}

static const char *why_parent(int e) {
  return e == ELOOP || e == ENOTDIR
             ? "a directory on the way is a symbolic link or a file"
             : strerror(e);
}

/* Whether `e` says the disk (or the quota, or the file size limit) is
 * full: the batch stops there instead of failing every job after. */
static int no_room(int e) {
  return e == ENOSPC || e == EDQUOT || e == EFBIG;
}

qujat_status qujat_output_write(struct out_dirs *d, const char *name,
                                const void *data, size_t len, int sync,
                                int *full, qujat_error *err) {
  const char *base;
  *full = 0;
  int dir = parent_of(d, name, 1, &base);
  if (dir < 0) {
    *full = no_room(errno);
    return qujat_err_set(err, QUJAT_ERR_IO, NULL, 0, 0,
                         "cannot create the directory of '%s': %s", name,
                         why_parent(errno));
  }
  char part[MAX_COMPONENT + 32];
  part_name(base, part, sizeof part);
  qujat_status st = QUJAT_OK;
  /* The directory is locked by this batch: the temporary name is its own;
   * whatever a killed run or someone else left there is unlinked, never
   * written through (a symbolic or hard link, a FIFO). */
  int fd = qujat_create_excl(dir, part, 0666);
  if (fd < 0) {
    *full = no_room(errno);
    st = qujat_err_set(err, QUJAT_ERR_IO, NULL, 0, 0,
                       "cannot write '%s': %s", name, strerror(errno));
  } else {
    int failed = qujat_write_all(fd, data, len) != 0 || (sync && fsync(fd) != 0);
    int e = failed ? errno : 0;
    if (close(fd) != 0 && !failed) {
      failed = 1;
      e = errno;
    }
    if (failed) {
      *full = no_room(e);
      st = qujat_err_set(err, QUJAT_ERR_IO, NULL, 0, 0,
                         "cannot write '%s': %s", name, strerror(e));
    } else if (renameat(dir, part, dir, base) != 0) {
      st = qujat_err_set(err, QUJAT_ERR_IO, NULL, 0, 0,
                         "cannot rename to '%s': %s", name, strerror(errno));
    }
    if (st != QUJAT_OK)
      unlinkat(dir, part, 0);
  }
  return st;
}

void qujat_output_forget_part(struct out_dirs *d, const char *name) {
  const char *base;
  int dir = parent_of(d, name, 0, &base);
  if (dir < 0)
    return;
  char part[MAX_COMPONENT + 32];
  part_name(base, part, sizeof part);
  unlinkat(dir, part, 0);
}

void qujat_sha256_hex(const void *data, size_t len, char out[65]) {
  struct sha256_ctx ctx;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  sha256_digest(&ctx, sizeof digest, digest);
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  out[64] = '\0';
}

int qujat_output_complete(struct out_dirs *d, const char *name, size_t *bytes,
                          unsigned *pages, char sha256[65]) {
  const char *base;
  int dir = parent_of(d, name, 0, &base);
  if (dir < 0)
    return 0;
  /* Not through a link, and never blocking on a FIFO planted there. */
  int fd = qujat_open_regular(dir, base, 1);
  struct stat sb;
  if (fd < 0)
    return 0;
  int ok = 0;
  unsigned char *data = NULL;
  if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 &&
      sb.st_size < 256L * 1024 * 1024 &&
      (data = malloc((size_t)sb.st_size))) {
    size_t got = 0;
    ssize_t n;
    while (got < (size_t)sb.st_size &&
           ((n = read(fd, data + got, (size_t)sb.st_size - got)) > 0 ||
            (n < 0 && errno == EINTR)))
      got += n > 0 ? (size_t)n : 0;
    if (got == (size_t)sb.st_size &&
        qujat_pdf_inspect(data, got, pages, NULL) == QUJAT_OK) {
      *bytes = got;
      qujat_sha256_hex(data, got, sha256);
      ok = 1;
    }
  }
  free(data);
  close(fd);
  return ok;
}
