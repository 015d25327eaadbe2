/* SPDX-License-Identifier: MIT */
/* The command line: one option table for every subcommand, in the spirit of
 * md4c's cmdline.h; each subcommand says which options it accepts. */
#ifndef QUJAT_CLI_ARGS_H
#define QUJAT_CLI_ARGS_H

#include "qujat/qujat.h"

enum cli_format { FORMAT_DEFAULT = 0, FORMAT_TEXT, FORMAT_JSON, FORMAT_PDF };

/* Options a subcommand accepts (bit flags). */
enum {
  OPT_LANG = 1 << 0,
  OPT_DATE = 1 << 1,
  OPT_FORMAT = 1 << 2,
  OPT_PROFILE = 1 << 3,
  OPT_OUTPUT = 1 << 4,
  OPT_FINE = 1 << 5, /* --fine KIND, --days N, --size S */
  OPT_COPIES = 1 << 6,
  OPT_BATCH = 1 << 7, /* -j N, --resume, --shard, --manifest, --encoding,
                         --sync, --progress */
  OPT_BRIEF = 1 << 8
};

struct cli_opts {
  qujat_lang lang;
  int lang_set;
  char date[11]; /* YYYY-MM-DD: --date, SOURCE_DATE_EPOCH or today */
  enum cli_format format;
  const char *profile;
  const char *output;
  const char *data_dir;
  const char *fine;
  int days; /* 0: not given */
  qujat_business_size size;
  int copies; /* 0: not given */
  int allow_mixed_language, no_letterhead; /* letter */
  int brief;  /* checklist --brief */
  qujat_pdf_standard pdf_standard; /* --pdf-standard pdfa|none */
  /* qujat batch: */
  unsigned threads; /* -j N; 0: one per processor */
  int resume, sync_each, allow_outside;
  int progress; /* --progress: progress lines also off a terminal */
  unsigned shard, shards; /* --shard K/N */
  const char *manifest, *encoding;
  char **args; /* operands after the subcommand */
  int nargs;
};

/*
 * Parses argv after the subcommand name (argv[0] is the subcommand).
 * Returns EXIT_OK, or EXIT_USAGE after printing the problem.
 */
int cli_parse(int argc, char **argv, unsigned accepted, struct cli_opts *o);

/* The global options that may come before the subcommand. */
void cli_print_help(void);

/* The usage of the subcommand `name` on stdout; -1 if there is none. */
int cli_print_command_help(const char *name);

#endif
