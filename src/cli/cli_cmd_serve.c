/* SPDX-License-Identifier: MIT */
/* qujat serve ...: executes the program qujat-serve (src/serve/), which has
 * the server and is the only qujat program to load libmicrohttpd (and with
 * it GnuTLS and its libraries: some milliseconds at every start). It is
 * looked for beside this program (a build tree, a copied pair), then in the
 * libexec directory of the tree this program is in (an installed or moved
 * tree), then in the configured one. The process stays the same (exec): its
 * pid, exit status and signals are the server's. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

#define SERVE_PROGRAM "qujat-serve"

#if QUJAT_HAVE_SERVE
/* Executes `path` with `argv`; returns 0 when it does not exist, else
 * (it exists but cannot be run) an exit status after saying why. */
static int try_exec(const char *path, char **argv) {
  execv(path, argv);
  if (errno == ENOENT || errno == ENOTDIR)
    return 0;
  cli_errorf("cannot run %s: %s", path, strerror(errno));
  return EXIT_FAIL;
}
#endif

int cmd_serve(int argc, char **argv) {
  (void)argc;
#if QUJAT_HAVE_SERVE
  char beside[PATH_MAX], tree[PATH_MAX];
  const char *const installed = QUJAT_LIBEXEC_DIR "/" SERVE_PROGRAM;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
  beside[0] = tree[0] = '\0';
  if (slash) {
    *slash = '\0';
    int a = snprintf(beside, sizeof beside, "%s/" SERVE_PROGRAM, exe);
    int b = snprintf(tree, sizeof tree,
                     "%s/" QUJAT_LIBEXEC_FROM_BINDIR "/" SERVE_PROGRAM, exe);
    if (a < 0 || (size_t)a >= sizeof beside)
      beside[0] = '\0';
    if (b < 0 || (size_t)b >= sizeof tree)
      tree[0] = '\0';
  }
  /* argv[0] names the program in ps; the rest is as the command got it. */
  argv[0] = SERVE_PROGRAM;
  const char *const paths[] = {beside, tree, installed};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    int rc = paths[i][0] ? try_exec(paths[i], argv) : 0;
    if (rc != 0)
      return rc;
  }
  cli_errorf("serve: the server program " SERVE_PROGRAM " was not found "
             "(tried %s, %s and %s); install it with qujat, or build qujat "
             "with libmicrohttpd",
             beside[0] ? beside : "-", tree[0] ? tree : "-", installed);
  return EXIT_FAIL;
#else
  (void)argv;
  cli_errorf("this qujat was built without libmicrohttpd: no serve");
  return EXIT_FAIL;
#endif
}
