/* SPDX-License-Identifier: MIT */
/* qujat serve when libmicrohttpd was not found at build time. */
#include <stdio.h>

#include "serve.h"

int serve_available(void) { return 0; }

int serve_run(const qujat_catalog *cat, const struct serve_opts *o) {
  (void)cat;
  (void)o;
  fprintf(stderr, "qujat serve: built without libmicrohttpd\n");
  return 1;
}
