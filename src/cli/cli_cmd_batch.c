/* SPDX-License-Identifier: MIT */
/* qujat batch JOBS.xml|JOBS.csv [-o DIR] [-j N] [--resume] [--shard K/N]
 *             [--manifest FILE] [--encoding E] [--date D] [--sync] */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli_cmds.h"
#include "cli_msgs.h"

struct batch_view {
  int tty;       /* stderr is a terminal: show the progress line */
  int plain;     /* --progress off a terminal: plain lines now and then */
  int line_shown; /* a progress line is on screen, to clear first */
  double next;   /* plain: when the next line is due (seconds) */
};

/* Seconds between two plain progress lines (CI and Kubernetes logs). */
#define PLAIN_PROGRESS_EVERY 5.0

/* The names qujat_batch_run() accepts for --encoding (batch_decode.c). */
static int known_encoding(const char *e) {
  static const char *const names[] = {
      "UTF-8",  "UTF8",         "UTF-16",  "UTF-16LE",      "UTF-16BE",
      "CP1251", "WINDOWS-1251", "KZ-1048", "RK1048", "STRK1048-2002"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcasecmp(e, names[i]) == 0)
      return 1;
  return 0;
}

static void clear_line(struct batch_view *v) {
  if (v->line_shown) {
    fputs("\r\033[K", stderr);
    v->line_shown = 0;
  }
}

/* Every failed job on stderr, as "JOBS.xml:12: error: job 0002: ...". */
static void on_job(const qujat_job_result *r, void *user) {
  struct batch_view *v = user;
  if (r->status != QUJAT_JOB_ERROR)
    return;
  clear_line(v);
  char prefix[512];
  int n = snprintf(prefix, sizeof prefix, "%s:%d: ", r->source, r->line);
  const char *what = r->error;
  if (n > 0 && strncmp(what, prefix, (size_t)n) == 0)
    what += n;
  fprintf(stderr, "%serror: %s\n", prefix, what);
}

static void on_progress(const qujat_batch_progress *p, void *user) {
  struct batch_view *v = user;
  if (!v->tty && !v->plain)
    return;
  if (!v->tty && p->seconds < v->next)
    return;
  double rate = p->seconds > 0 ? (double)p->done / p->seconds : 0;
  long eta = rate > 0 ? (long)((double)(p->total - p->done) / rate + 0.5) : 0;
  if (!v->tty) {
    /* One whole line at a time, no control characters. */
    fprintf(stderr, "qujat: batch: %zu/%zu done, %zu failed, %.0f docs/s, "
                    "ETA %ld:%02ld\n",
            p->done, p->total, p->failed, rate, eta / 60, eta % 60);
    fflush(stderr);
    v->next = p->seconds + PLAIN_PROGRESS_EVERY;
    return;
  }
  fprintf(stderr, "\r\033[K%zu/%zu done, %zu failed, %.0f docs/s, ETA %ld:%02ld",
          p->done, p->total, p->failed, rate, eta / 60, eta % 60);
  v->line_shown = 1;
}

int cmd_batch(int argc, char **argv) {
  struct cli_opts o = {0};
  int rc = cli_parse_operands(argc, argv, OPT_DATE | OPT_OUTPUT | OPT_BATCH,
                              &o, 1,
                              "batch needs exactly one job file (JOBS.xml or "
                              "JOBS.csv)");
  if (rc != EXIT_OK)
    return rc;
  if (o.output && strcmp(o.output, "-") == 0)
    return cli_usagef("batch writes files: -o names a directory");
  if (o.encoding && !known_encoding(o.encoding))
    return cli_usagef("unknown encoding '%s': expected UTF-8, UTF-16, "
                      "UTF-16LE, UTF-16BE, CP1251 or KZ-1048",
                      o.encoding);
  qujat_catalog *cat = cli_load_catalog(&o);
  if (!cat)
    return EXIT_FAIL;
  struct batch_view view = {.tty = isatty(STDERR_FILENO)};
  view.plain = !view.tty && o.progress;
  qujat_batch_options opt = {.struct_size = sizeof opt,
                             .jobs = o.args[0],
                             .out_dir = o.output,
                             .manifest = o.manifest,
                             .encoding = o.encoding,
                             .date = o.date,
                             .threads = o.threads,
                             .resume = o.resume,
                             .shard = o.shard,
                             .shards = o.shards,
                             .sync_each = o.sync_each,
                             .allow_outside_profiles = o.allow_outside,
                             .pdf_standard = o.pdf_standard,
                             .on_job = on_job,
                             .on_progress = on_progress,
                             .user = &view};
  qujat_batch_progress sum = {0};
  qujat_error err = {0};
  qujat_status st = qujat_batch_run(cat, &opt, &sum, &err);
  clear_line(&view);
  if (st != QUJAT_OK) {
    cli_report(&err);
    rc = EXIT_FAIL;
  } else {
    if (view.tty || view.plain)
      fprintf(stderr, "%zu written, %zu already complete, %zu failed, in "
                      "%.1f s\n",
              sum.done - sum.failed - sum.skipped, sum.skipped, sum.failed,
              sum.seconds);
    rc = sum.failed ? EXIT_FAIL : EXIT_OK;
  }
  qujat_catalog_free(cat);
  return rc;
}
