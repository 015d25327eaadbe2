/* SPDX-License-Identifier: MIT */
/* The version at run time, the installed data directory, and the checks of
 * the size field of the public structs. */
#define _GNU_SOURCE /* dladdr */
#include "base/base.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "qujat_config.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

int qujat_version_number(void) { return QUJAT_VERSION_NUMBER; }

/* ------------------------------------------------------------------------
 * The data directory
 * ------------------------------------------------------------------------ */

static char data_dir[PATH_MAX];
static pthread_once_t data_dir_once = PTHREAD_ONCE_INIT;

int qujat_is_data_dir(const char *dir) {
  char path[PATH_MAX];
  struct stat sb;
  int n = snprintf(path, sizeof path, "%s/services/catalog.xsd", dir);
  return n > 0 && (size_t)n < sizeof path && stat(path, &sb) == 0 &&
         S_ISREG(sb.st_mode);
}

/* DIR/REL when it holds the data. */
static int try_dir(const char *dir, const char *rel) {
  int n = snprintf(data_dir, sizeof data_dir, "%s/%s", dir, rel);
  return n > 0 && (size_t)n < sizeof data_dir && qujat_is_data_dir(data_dir);
}

static void find_data_dir(void) {
  /* The file this function is in: libqujat.so, or the program a static
   * libqujat is linked into. Its tree wins over the configured prefix, so
   * that a moved install tree uses its own data. */
  Dl_info info;
  if (dladdr(data_dir, &info) && info.dli_fname &&
      strchr(info.dli_fname, '/')) {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", info.dli_fname);
    *strrchr(dir, '/') = '\0';
    if (try_dir(dir, QUJAT_CONFIG_DATA_FROM_LIBDIR) ||
        try_dir(dir, QUJAT_CONFIG_DATA_FROM_BINDIR))
      return;
  }
  snprintf(data_dir, sizeof data_dir, "%s", QUJAT_CONFIG_DATA_DIR);
}

const char *qujat_default_data_dir(void) {
  pthread_once(&data_dir_once, find_data_dir);
  return data_dir;
}

/* ------------------------------------------------------------------------
 * Sizes of the public structs
 * ------------------------------------------------------------------------ */

/* The smallest struct a caller may pass: the one of the first release
 * with a size field (0.1), which ends with the last field listed here. */
#define MIN_REQUEST_SIZE (offsetof(qujat_request, brief) + sizeof(int))
#define MIN_BATCH_OPTIONS_SIZE                                                 \
  (offsetof(qujat_batch_options, user) + sizeof(void *))

static qujat_status copy_sized(const void *in, size_t size, size_t min,
                               size_t max, void *out, const char *what,
                               const char *init, qujat_error *err) {
  memset(out, 0, max);
  if (!in)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no %s", what);
  if (size < min || size > max)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "%s of %zu bytes: this libqujat %s takes %zu to %zu "
                         "(initialise it with %s)",
                         what, size, QUJAT_VERSION_STRING, min, max, init);
  memcpy(out, in, size);
  return QUJAT_OK;
}

qujat_status qujat_abi_request(const qujat_request *in, qujat_request *out,
                               qujat_error *err) {
  return copy_sized(in, in ? in->struct_size : 0, MIN_REQUEST_SIZE, sizeof *out,
                    out, "qujat_request", "QUJAT_REQUEST_INIT", err);
}

qujat_status qujat_abi_batch_options(const qujat_batch_options *in,
                                     qujat_batch_options *out,
                                     qujat_error *err) {
  return copy_sized(in, in ? in->struct_size : 0, MIN_BATCH_OPTIONS_SIZE,
                    sizeof *out, out, "qujat_batch_options",
                    "QUJAT_BATCH_OPTIONS_INIT", err);
}
