/* SPDX-License-Identifier: MIT */
/* Loading the data and writing results: shared by the subcommands. The
 * lower of the two shared files: cli_render.c calls it, not the reverse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_cmds.h"
#include "cli_datadir.h"
#include "cli_i18n.h"
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

int cli_parse_operands(int argc, char **argv, unsigned accepted,
                       struct cli_opts *o, int nargs, const char *wrong) {
  int rc = cli_parse(argc, argv, accepted, o);
  if (rc == EXIT_OK && o->nargs != nargs)
    rc = cli_usagef("%s", cli_tr(wrong));
  return rc;
}

qujat_request cli_service_request(const struct cli_opts *o,
                                  qujat_doc_kind kind) {
  qujat_request req = {.struct_size = sizeof(qujat_request),
                       .kind = kind,
                       .service = o->args[0],
                       .lang = o->lang,
                       .date = o->date,
                       .pdf_standard = o->pdf_standard};
  return req;
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

int cli_emit(const char *output, const char *data, size_t len) {
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
