/* SPDX-License-Identifier: MIT */
#include "cli_datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_msgs.h"
#include "qujat/qujat.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* The data of the tree the program is in: <dir of the executable>/../share/
 * qujat once installed (whatever the prefix, also after a move), or
 * <dir>/share/qujat in a build directory, where CMake links it to the
 * sources. No path of the build machine is compiled in. */
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
  static const char *const rel[] = {QUJAT_DATA_FROM_BINDIR, "share/qujat"};
  for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
    int n2 = snprintf(out, size, "%s/%s", exe, rel[i]);
    if (n2 > 0 && (size_t)n2 < size && qujat_is_data_dir(out))
      return 1;
  }
  return 0;
}

/* A directory the user chose (--data, or QUJAT_DATA_DIR `from_env`):
 * `dir` if it holds the data, else NULL (said when `report`). */
static const char *chosen(const char *dir, int from_env, int report) {
  if (qujat_is_data_dir(dir))
    return dir;
  if (report && from_env)
    cli_errorf("QUJAT_DATA_DIR=%s is not a qujat data directory (no "
               "services/catalog.xsd)",
               dir);
  else if (report)
    cli_errorf("%s is not a qujat data directory (no "
               "services/catalog.xsd)",
               dir);
  return NULL;
}

const char *cli_data_dir(const char *explicit_dir) {
  return cli_data_dir_lookup(explicit_dir, 1);
}

const char *cli_data_dir_lookup(const char *explicit_dir, int report) {
  static char found[PATH_MAX];
  if (explicit_dir)
    return chosen(explicit_dir, 0, report);
  const char *env = getenv("QUJAT_DATA_DIR");
  if (env && *env)
    return chosen(env, 1, report);
  if (next_to_exe(found, sizeof found))
    return found;
  /* The library's own idea: next to libqujat.so, else where it was
   * configured to be installed. */
  const char *lib = qujat_default_data_dir();
  if (qujat_is_data_dir(lib))
    return lib;
  if (report)
    cli_errorf("cannot find the qujat data (tried next to the program and "
             "%s); use --data DIR or QUJAT_DATA_DIR",
             lib);
  return NULL;
}
