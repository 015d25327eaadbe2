/* SPDX-License-Identifier: MIT */
/* qujat serve: the web page and the HTTP API (libmicrohttpd), on the public
 * API of libqujat only. The program qujat-serve (serve_main.c) parses the
 * options and calls serve_run(). */
#ifndef QUJAT_SERVE_H
#define QUJAT_SERVE_H

#include "qujat/qujat.h"

struct serve_opts {
  const char *listen;        /* "ADDR:PORT", "[V6]:PORT"; NULL: 127.0.0.1:8080 */
  unsigned threads;          /* 0: 2 */
  unsigned max_connections;  /* 0: 256 */
  unsigned per_ip;           /* 0: 32 connections from one address */
  unsigned timeout;          /* idle seconds before a connection is cut; 0: 15 */
  unsigned request_timeout;  /* seconds one request may take in all, from the
                                connection's start or the previous answer's
                                end to the last byte of its answer; 0: 30 */
  const char *date;          /* a fixed document date (tests); NULL: today */
  int quiet;                 /* no access log */
};

/* Serves `cat` until SIGTERM or SIGINT; in-flight requests finish first.
 * Returns 0, or 1 after printing why the server could not start. */
int serve_run(const qujat_catalog *cat, const struct serve_opts *o);

#endif
