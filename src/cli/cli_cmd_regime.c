/* SPDX-License-Identifier: MIT */
/* qujat regime COUNTRY, qujat categories, qujat stay (issue 14). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

static int emit_or_report(qujat_status st, char *out, size_t len,
                          qujat_error *err) {
  int rc;
  if (st != QUJAT_OK) {
    cli_report(err);
    rc = st == QUJAT_ERR_ARG ? EXIT_USAGE : EXIT_FAIL;
  } else {
    rc = cli_emit(NULL, out, len);
  }
  qujat_free(out);
  return rc;
}

int cmd_regime(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse(argc, argv, OPT_LANG | OPT_DATE | OPT_FORMAT, &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.nargs != 1)
    return cli_usagef("regime needs exactly one COUNTRY (an ISO code such "
                      "as GB, or a name)");
  if (o.format == FORMAT_PDF)
    return cli_usagef("regime: --format is text or json");
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  qujat_status st = qujat_render_regime(cat, o.args[0], o.lang, o.date,
                                        o.format == FORMAT_JSON, &out, &len,
                                        &err);
  rc = emit_or_report(st, out, len, &err);
  qujat_catalog_free(cat);
  return rc;
}

int cmd_categories(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse(argc, argv, OPT_LANG | OPT_FORMAT, &o);
  if (rc != EXIT_OK)
    return rc;
  if (o.nargs != 0)
    return cli_usagef("categories takes no arguments");
  if (o.format == FORMAT_PDF)
    return cli_usagef("categories: --format is text or json");
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  qujat_status st = qujat_render_categories(cat, o.lang,
                                            o.format == FORMAT_JSON, &out,
                                            &len, &err);
  rc = emit_or_report(st, out, len, &err);
  qujat_catalog_free(cat);
  return rc;
}

#define MAX_CLI_TRIPS 64

/* The value of "--name VALUE" or "--name=VALUE" at argv[*i], or NULL when
 * argv[*i] is not that option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
                             int *missing) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0)
    return NULL;
  if (argv[*i][n] == '=')
    return argv[*i] + n + 1;
  if (argv[*i][n] != '\0')
    return NULL;
  if (*i + 1 >= argc) {
    *missing = 1;
    return NULL;
  }
  return argv[++*i];
}

int cmd_stay(int argc, char **argv) {
  /* The options of stay are taken out first; the rest (--lang, --format,
   * --date, --data) go to the common parser. */
  char **rest = malloc(((size_t)argc + 1) * sizeof *rest);
  qujat_trip trips[MAX_CLI_TRIPS];
  size_t nentries = 0, nexits = 0;
  const char *citizenship = NULL, *on = NULL, *start = NULL, *exit_on = NULL;
  int nrest = 0, rc;
  if (!rest) {
    cli_errorf("out of memory");
    return EXIT_FAIL;
  }
  rest[nrest++] = argv[0];
  for (int i = 1; i < argc; i++) {
    int missing = 0;
    const char *v;
    if ((v = opt_value(argc, argv, &i, "--citizenship", &missing))) {
      citizenship = v;
    } else if ((v = opt_value(argc, argv, &i, "--entry", &missing))) {
      if (nentries == MAX_CLI_TRIPS) {
        free(rest);
        return cli_usagef("stay: at most %d trips", MAX_CLI_TRIPS);
      }
      trips[nentries++].entry = v;
    } else if ((v = opt_value(argc, argv, &i, "--exit-on", &missing))) {
      exit_on = v;
    } else if ((v = opt_value(argc, argv, &i, "--exit", &missing))) {
      if (nexits >= nentries) {
        free(rest);
        return cli_usagef("stay: --exit %s comes before its --entry", v);
      }
      trips[nexits++].exit = v;
    } else if ((v = opt_value(argc, argv, &i, "--on", &missing))) {
      on = v;
    } else if ((v = opt_value(argc, argv, &i, "--start", &missing))) {
      start = v;
    } else if (missing) {
      free(rest);
      return cli_usagef("stay: %s needs a value", argv[i]);
    } else {
      rest[nrest++] = argv[i];
    }
    if (missing) {
      free(rest);
      return cli_usagef("stay: %s needs a value", argv[i]);
    }
  }
  rest[nrest] = NULL;
  struct cli_opts o = {0};
  rc = cli_parse(nrest, rest, OPT_LANG | OPT_DATE | OPT_FORMAT, &o);
  if (rc != EXIT_OK) {
    free(rest);
    return rc;
  }
  if (!citizenship || o.nargs != 0 || nentries != nexits) {
    free(rest);
    return cli_usagef("stay needs --citizenship CC and an --exit for every "
                      "--entry");
  }
  if (o.format == FORMAT_PDF) {
    free(rest);
    return cli_usagef("stay: --format is text or json");
  }
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat) {
    free(rest);
    return EXIT_FAIL;
  }
  qujat_stay_request req = {.citizenship = citizenship,
                            .trips = trips,
                            .ntrips = nentries,
                            .on = on ? on : o.date,
                            .start = start,
                            .exit_on = exit_on,
                            .lang = o.lang,
                            .json = o.format == FORMAT_JSON};
  char *out = NULL;
  size_t len = 0;
  qujat_error err;
  qujat_status st = qujat_render_stay(cat, &req, &out, &len, &err);
  rc = emit_or_report(st, out, len, &err);
  qujat_catalog_free(cat);
  free(rest);
  return rc;
}
