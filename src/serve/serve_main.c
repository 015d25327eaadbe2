/* SPDX-License-Identifier: MIT */
/* qujat-serve, the program behind `qujat serve [--listen ADDR:PORT]
 * [--threads N] ...`: the page and the API (src/serve/). A program of its
 * own so that no other qujat process loads libmicrohttpd and GnuTLS; `qujat
 * serve` executes it (src/cli/cli_cmd_serve.c) with the arguments from
 * "serve" on, so that options, messages, exit codes and signals are those
 * of this process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmds.h"
#include "cli_i18n.h"
#include "cli_msgs.h"
#include "serve.h"

static int number(const char *opt, const char *v, unsigned max, unsigned *out) {
  char *end;
  unsigned long n = v ? strtoul(v, &end, 10) : 0;
  if (!v || !*v || *end || n < 1 || n > max)
    return cli_usagef("%s needs a number from 1 to %u", opt, max);
  *out = (unsigned)n;
  return EXIT_OK;
}

static int cmd_serve_run(int argc, char **argv) {
  struct cli_opts o = {0};
  struct serve_opts so = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    int rc = EXIT_OK;
    if (!v && strcmp(a, "--quiet") != 0)
      return cli_usagef("serve: unknown option or missing value: '%s'", a);
    if (strcmp(a, "--data") == 0)
      o.data_dir = v;
    else if (strcmp(a, "--listen") == 0)
      so.listen = v;
    else if (strcmp(a, "--threads") == 0)
      rc = number(a, v, 256, &so.threads);
    else if (strcmp(a, "--max-connections") == 0)
      rc = number(a, v, 100000, &so.max_connections);
    else if (strcmp(a, "--per-ip") == 0)
      rc = number(a, v, 100000, &so.per_ip);
    else if (strcmp(a, "--timeout") == 0)
      rc = number(a, v, 3600, &so.timeout);
    else if (strcmp(a, "--request-timeout") == 0)
      rc = number(a, v, 3600, &so.request_timeout);
    else if (strcmp(a, "--date") == 0) {
      if (qujat_date_check(v) != QUJAT_OK)
        return cli_usagef("--date needs YYYY-MM-DD, not '%s'", v);
      so.date = v;
    } else if (strcmp(a, "--quiet") == 0) {
      so.quiet = 1;
      continue;
    } else
      return cli_usagef("serve: unknown option '%s'", a);
    if (rc != EXIT_OK)
      return rc;
    i++;
  }
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  int rc = serve_run(cat, &so);
  qujat_catalog_free(cat);
  return rc;
}

/* argv as `qujat serve` passes it: "serve" (or this program's name), then
 * the options; --help and --lang as the qujat command reads them. */
int main(int argc, char **argv) {
  cli_lang_from_args(argc, argv);
  for (int j = 1; j < argc && strcmp(argv[j], "--") != 0; j++)
    if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
      cli_print_command_help("serve");
      return EXIT_OK;
    }
  return cmd_serve_run(argc, argv);
}
