/* Loading the data and writing results: shared by the subcommands. The
 * lower of the two shared files: cli_render.c calls it, not the reverse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cli_cmds.h"
#include "cli_datadir.h"
#include "cli_msgs.h"

qujat_catalog *cli_load_catalog(const struct cli_opts *o) {
  const char *dir = cli_data_dir(o->data_dir);
  if (!dir)
    return NULL;
  qujat_catalog *cat = NULL;
  qujat_error err;
  if (qujat_catalog_load_dir(dir, &cat, &err) != QUJAT_OK) {
    cli_report(&err);
    return NULL;
  }
  return cat;
}

int cli_check_pdf_target(const struct cli_opts *o, const char *command) {
  if (o->format == FORMAT_PDF && !o->output && isatty(STDOUT_FILENO))
    return cli_usagef("%s: will not write a PDF to a terminal; use -o FILE "
                      "(or -o - to force), or --format text",
                      command);
  return EXIT_OK;
}

qujat_status cli_load_profile(const qujat_catalog *cat, const char *path,
                              qujat_profile **out, qujat_error *err) {
  if (strcmp(path, "-") != 0)
    return qujat_profile_load_file(cat, path, out, err);
  /* Profiles are small (the loader caps them): read all of stdin. */
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  qujat_status st = QUJAT_OK;
  while (buf) {
    if (len == cap) {
      char *grown = cap < (64u << 20) ? realloc(buf, cap *= 2) : NULL;
      if (!grown) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = grown;
    }
    size_t n = fread(buf + len, 1, cap - len, stdin);
    len += n;
    if (n == 0)
      break;
  }
  if (!buf || ferror(stdin)) {
    snprintf(err->file, sizeof err->file, "<stdin>");
    err->line = err->column = 0;
    err->code = buf ? QUJAT_ERR_IO : QUJAT_ERR_NOMEM;
    snprintf(err->msg, sizeof err->msg, "%s",
             buf ? "cannot read the profile from standard input"
                 : "out of memory");
    free(buf);
    return err->code;
  }
  st = qujat_profile_load_memory(cat, buf, len, "<stdin>", out, err);
  free(buf);
  return st;
}

/* A device or a pipe (-o /dev/null, -o /dev/stdout) cannot be replaced by
 * renaming a temporary file over it: it is written straight. */
static int is_special(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode);
}

int cli_emit(const char *output, const char *data, size_t len) {
  if (output && strcmp(output, "-") != 0 && is_special(output)) {
    FILE *f = fopen(output, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    if (f && fclose(f) != 0)
      ok = 0;
    if (!ok) {
      cli_errorf("cannot write to %s", output);
      return EXIT_FAIL;
    }
    return EXIT_OK;
  }
  if (!output || strcmp(output, "-") == 0) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
      cli_errorf("cannot write to standard output");
      return EXIT_FAIL;
    }
    return EXIT_OK;
  }
  qujat_error err;
  if (qujat_write_file(output, data, len, &err) != QUJAT_OK) {
    cli_report(&err);
    return EXIT_FAIL;
  }
  return EXIT_OK;
}
