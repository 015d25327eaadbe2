/* SPDX-License-Identifier: MIT */
/* qujat: the command line, through the public API only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_cmds.h"
#include "cli_datadir.h"
#include "cli_i18n.h"
#include "cli_msgs.h"

/* --version: the library version and what the data covers (the editions
 * of the guidebook and the years of the MCI), or that it was not found. */
static int print_version(const char *data) {
  printf("qujat %s\n", qujat_version());
  const char *dir = cli_data_dir_lookup(data, 0);
  if (!dir) {
    printf("data: not found (use --data DIR or QUJAT_DATA_DIR)\n");
    return EXIT_OK;
  }
  qujat_catalog *cat = NULL;
  qujat_error err;
  if (qujat_catalog_load_dir(dir, &cat, &err) != QUJAT_OK) {
    printf("data: %s (cannot be loaded: %s)\n", dir, err.msg);
    return EXIT_OK;
  }
  printf("data: %s\n", dir);
  size_t n = qujat_catalog_edition_count(cat);
  printf("guidebook editions:");
  for (size_t i = 0; i < n; i++)
    printf("%s %s", i ? "," : "", qujat_catalog_edition_id(cat, i));
  if (n)
    printf(" (the newest, %s, stays in force for later dates, with a warning)",
           qujat_catalog_edition_id(cat, n - 1));
  printf("\nMCI years:");
  for (size_t i = 0; i < qujat_catalog_mci_count(cat); i++)
    printf("%s %d", i ? "," : "", qujat_catalog_mci_year(cat, i));
  printf(" (other years: fees in MCI only, out of the total)\n");
  qujat_catalog_free(cat);
  return EXIT_OK;
}

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
} commands[] = {{"list", cmd_list},
                {"show", cmd_show},
                {"checklist", cmd_checklist},
                {"fees", cmd_fees},
                {"letter", cmd_letter},
                {"batch", cmd_batch},
                {"validate", cmd_validate},
                {"serve", cmd_serve},
                {"regime", cmd_regime},
                {"stay", cmd_stay},
                {"categories", cmd_categories}};

int main(int argc, char **argv) {
  int i = 1;
  /* Messages in the language of --lang, wherever it stands. */
  cli_lang_from_args(argc, argv);
  /* --data DIR may also come before the command; it is passed on. */
  const char *data = NULL;
  int version = 0;
  while (i < argc && argv[i][0] == '-') {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      cli_print_help();
      return EXIT_OK;
    }
    if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
      /* After the loop, so that a --data DIR after it counts too. */
      version = 1;
      i++;
      continue;
    }
    if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
      data = argv[i + 1];
      i += 2;
      continue;
    }
    if (strncmp(argv[i], "--data=", 7) == 0) {
      data = argv[i] + 7;
      i++;
      continue;
    }
    return cli_usagef("unknown option '%s'", argv[i]);
  }
  if (version)
    return print_version(data);
  if (i >= argc)
    return cli_usagef("no command given");
  /* qujat help [CMD], and CMD --help / -h anywhere before "--". */
  if (strcmp(argv[i], "help") == 0) {
    if (i + 1 >= argc) {
      cli_print_help();
      return EXIT_OK;
    }
    if (i + 2 < argc)
      return cli_usagef("help takes at most one COMMAND");
    const char *of = argv[i + 1];
    if (strcmp(of, "--help") == 0 || strcmp(of, "-h") == 0)
      of = "help";
    if (cli_print_command_help(of) != 0)
      return cli_usagef("unknown command '%s'", argv[i + 1]);
    return EXIT_OK;
  }
  for (int j = i + 1; j < argc && strcmp(argv[j], "--") != 0; j++)
    if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
      if (cli_print_command_help(argv[i]) != 0)
        return cli_usagef("unknown command '%s'", argv[i]);
      return EXIT_OK;
    }
  for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
    if (strcmp(argv[i], commands[k].name) != 0)
      continue;
    /* Rebuild argv as: command [--data DIR] rest... */
    char **args = malloc(((size_t)argc + 3) * sizeof *args);
    if (!args) {
      cli_errorf("out of memory");
      return EXIT_FAIL;
    }
    int n = 0;
    args[n++] = argv[i];
    if (data) {
      args[n++] = "--data";
      args[n++] = (char *)data;
    }
    for (int j = i + 1; j < argc; j++)
      args[n++] = argv[j];
    args[n] = NULL;
    int rc = commands[k].run(n, args);
    free(args);
    return rc;
  }
  return cli_usagef("unknown command '%s'", argv[i]);
}
