#include "cli_datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_msgs.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static int has_catalog(const char *dir) {
  char path[PATH_MAX];
  struct stat sb;
  snprintf(path, sizeof path, "%s/services/catalog.xsd", dir);
  return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* <dir of the executable>/../share/qujat, from /proc/self/exe. */
static int next_to_exe(char *out, size_t size) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return 0;
  exe[n] = '\0';
  char *slash = strrchr(exe, '/');
  if (!slash)
    return 0;
  *slash = '\0';
  /* bin/qujat -> share/qujat, whatever the prefix. */
  int n2 = snprintf(out, size, "%s/../%s", exe, QUJAT_INSTALL_REL_DATA_DIR);
  return n2 > 0 && (size_t)n2 < size;
}

const char *cli_data_dir(const char *explicit_dir) {
  return cli_data_dir_lookup(explicit_dir, 1);
}

const char *cli_data_dir_lookup(const char *explicit_dir, int report) {
  static char found[PATH_MAX];
  if (explicit_dir) {
    if (!has_catalog(explicit_dir)) {
      if (report)
        cli_errorf("%s is not a qujat data directory (no "
                 "services/catalog.xsd)",
                 explicit_dir);
      return NULL;
    }
    return explicit_dir;
  }
  const char *env = getenv("QUJAT_DATA_DIR");
  if (env && *env) {
    if (!has_catalog(env)) {
      if (report)
        cli_errorf("QUJAT_DATA_DIR=%s is not a qujat data directory (no "
                 "services/catalog.xsd)",
                 env);
      return NULL;
    }
    return env;
  }
  if (next_to_exe(found, sizeof found) && has_catalog(found))
    return found;
  if (has_catalog(QUJAT_SOURCE_DATA_DIR))
    return QUJAT_SOURCE_DATA_DIR;
  if (has_catalog(QUJAT_INSTALL_DATA_DIR))
    return QUJAT_INSTALL_DATA_DIR;
  if (report)
    cli_errorf("cannot find the qujat data (tried next to the program, %s "
             "and %s); use --data DIR or QUJAT_DATA_DIR",
             QUJAT_SOURCE_DATA_DIR, QUJAT_INSTALL_DATA_DIR);
  return NULL;
}
