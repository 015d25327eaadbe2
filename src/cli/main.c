/* qujat: the command line, through the public API only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_cmds.h"
#include "cli_i18n.h"
#include "cli_msgs.h"

static const struct {
  const char *name;
  int (*run)(int argc, char **argv);
} commands[] = {{"list", cmd_list},
                {"show", cmd_show},
                {"checklist", cmd_checklist},
                {"fees", cmd_fees},
                {"letter", cmd_letter},
                {"batch", cmd_batch},
                {"validate", cmd_validate}};

int main(int argc, char **argv) {
  int i = 1;
  /* Messages in the language of --lang, wherever it stands. */
  cli_lang_from_args(argc, argv);
  /* --data DIR may also come before the command; it is passed on. */
  const char *data = NULL;
  while (i < argc && argv[i][0] == '-') {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      cli_print_help();
      return EXIT_OK;
    }
    if (strcmp(argv[i], "--version") == 0) {
      printf("qujat %s\n", qujat_version());
      return EXIT_OK;
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
  if (i >= argc)
    return cli_usagef("no command given");
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
