/* SPDX-License-Identifier: MIT */
/*
 * The batch module: job files (XML, CSV in any encoding) -> jobs on a thread
 * pool -> outputs and a manifest. The top of the library: it may use every
 * module below it and nothing uses it but the public API.
 */
#ifndef QUJAT_BATCH_BATCH_H
#define QUJAT_BATCH_BATCH_H

#include <iconv.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

/*
 * A text file in any of the encodings spreadsheets write (UTF-8 with or
 * without a byte order mark, UTF-16 as Excel's "Unicode text", the Cyrillic
 * code pages CP1251 and KZ-1048), read as UTF-8 through iconv. Never
 * //TRANSLIT or //IGNORE: a byte that does not decode is reported, with
 * where it sits in the decoded text, so that only its row is lost.
 */

struct decode_bad {
  size_t at; /* offset in the decoded text */
  char what[96];
};

struct decoder {
  int fd;
  const char *path;
  iconv_t cd;
  char name[16];  /* the encoding read: "UTF-8", "CP1251"... */
  unsigned unit;  /* bytes of one code unit: skipped at a bad one */
  unsigned char in[64 * 1024];
  size_t in_len, in_pos;
  int eof;
  long long offset; /* of in[0] in the file */
  size_t out_total; /* decoded bytes handed out so far */
  int first;        /* nothing handed out yet (a U+FEFF there is a BOM) */
  struct decode_bad *bad; /* not yet taken, in order */
  size_t nbad, capbad;
};

/*
 * Opens `path` for reading as `encoding` (NULL: detected from the byte
 * order mark, the zero bytes of UTF-16, UTF-8 validity, or else the code
 * page whose letters the bytes make). Errors: QUJAT_ERR_IO, QUJAT_ERR_ARG
 * (an encoding qujat does not read), QUJAT_ERR_NOMEM.
 */
qujat_status qujat_decoder_open(struct decoder *d, const char *path,
                                const char *encoding, qujat_error *err);

/* Reads up to `cap` bytes of UTF-8 into `out`; `*got` is 0 at the end.
 * Bytes that do not decode are skipped and recorded in d->bad. */
qujat_status qujat_decoder_read(struct decoder *d, char *out, size_t cap,
                                size_t *got, qujat_error *err);

/* Removes the bad spots before decoded offset `at`, giving the first one
 * at or after `from` in `what` (size `n`); returns whether there was one. */
int qujat_decoder_take_bad(struct decoder *d, size_t from, size_t at,
                           char *what, size_t n);

void qujat_decoder_close(struct decoder *d);

/*
 * qujat batch, inside: job files are read by a job reader (XML or CSV, both
 * streamed), each job is run by batch_job.c through the public API,
 * outputs are written by batch_output.c, lines by batch_manifest.c, and
 * batch.c ties them together with a thread pool.
 */

/* Caps on what one job may hold. */
#define JOB_MAX_FIELD 4096                 /* any attribute or CSV cell */
#define JOB_MAX_PROFILE (256 * 1024)       /* an inline profile */
#define JOB_MAX_OUTPUT 1024                /* an output name */

/* One job as its job file gives it. Every string is owned by the job and
 * may be NULL when the file does not give it. */
struct job {
  size_t index; /* 0-based position among the jobs of the file */
  int line;     /* where it starts in the job file */
  char *id, *document, *service, *lang, *date, *output;
  char *copies, *fine, *days, *size, *brief;
  char *mixed, *no_letterhead; /* letters: allow-mixed-language, no-letterhead */
  char *profile_path; /* as given: relative to the job file's directory */
  char *profile_xml;  /* a profile made of CSV columns */
  size_t profile_len;
  void *profile_doc; /* an inline profile, as a document (an xmlDocPtr) */
  int profile_line; /* line of the inline profile in the job file; -1 for
                       one made of CSV columns */
  /* What is wrong with the entry itself (a CSV row that does not parse,
   * a bad byte): the job ends as this error. */
  char *problem;
};

void qujat_job_clear(struct job *j);

/* Frees the document of an inline profile, which only running the job
 * needs (the worker that ran it frees it). */
void qujat_job_drop_profile(struct job *j);

/* Sets `*field` to a copy of `len` bytes of `s`. */
qujat_status qujat_job_set(char **field, const char *s, size_t len);

/* The attribute `name` of a <job> (`namespaced`: in a namespace, which
 * no attribute of a job is) with `len` bytes of `value`: sets its field,
 * or records the problem of an unknown or too long one. */
qujat_status qujat_job_attribute(struct job *j, const char *name,
                                 int namespaced, const char *value,
                                 size_t len);

/* Records the first problem of the entry. */
void qujat_job_problem(struct job *j, const char *fmt, ...) QUJAT_PRINTF(2, 3);

/* A stream of jobs from one job file. */
struct job_reader {
  /* Fills `j` (cleared first) with the next job: QUJAT_OK, and *end = 1
   * when there is none. Any other status is fatal for the file. */
  qujat_status (*next)(struct job_reader *r, struct job *j, int *end,
                       qujat_error *err);
  void (*close)(struct job_reader *r);
  const char *path;
  const char *dir; /* the job file's directory, for relative profiles */
  int light;       /* skip inline profiles: the first pass needs ids and
                      outputs only */
};

/* Opens `path` as an XML job file (by its first bytes) or as CSV, with
 * `encoding` (NULL: detect) for CSV. */
qujat_status qujat_jobs_open(const char *path, const char *encoding,
                             struct job_reader **out, qujat_error *err);

/* Opens the job file `path` for reading, only if it is a regular file (a
 * batch reads it more than once: a pipe would give its jobs only once). */
qujat_status qujat_jobs_open_fd(const char *path, int *fd, qujat_error *err);

/* Copies of the job file's `path` and of its directory (relative profile
 * paths are taken from it) into *path_out and *dir_out, to be freed by the
 * caller even on failure (QUJAT_ERR_NOMEM). */
qujat_status qujat_jobs_path_dir(const char *path, char **path_out,
                                 char **dir_out, qujat_error *err);

/* ------------------------------------------------------------------------
 * The bytes of an XML job file (batch_jobs_scan.c)
 * ------------------------------------------------------------------------ */

/* Where the start tags of jobs and of their children are: libxml2 2.9
 * keeps an element's line in 16 bits (XML_PARSE_BIG_LINES helps text
 * nodes only), so the lines are counted here, on the bytes' way in. */
struct tag_line {
  int depth;
  long line;
};

/* A small scanner over the bytes handed to libxml2: lines, the depth of
 * elements, attributes per element and the size of a job, so that the caps
 * hold before libxml2 spends time on what they refuse (its check for
 * repeated attributes is quadratic). libxml2 refuses what is not well
 * formed; this only has to follow what is. */
enum scan_state {
  SC_TEXT, SC_LT, SC_TAG, SC_QUOTE, SC_END_TAG, SC_BANG, SC_COMMENT,
  SC_CDATA, SC_DECL, SC_PI
};

struct scan {
  enum scan_state state;
  char quote;
  int prev_cr, slash;
  unsigned tail; /* the last bytes, for "-->", "]]>", "?>" */
  long line;
  int depth;
  int attributes;
  long tag_line;
  unsigned long long offset, tag_start, job_start;
  long job_line;
  struct tag_line *lines; /* not yet taken, from `first` */
  size_t first, n, cap;
};

/* An XML job file's bytes on their way to libxml2. */
struct xml_bytes {
  int fd;
  const char *path; /* for messages; not owned */
  unsigned char *head; /* the first bytes, read to check the prolog */
  size_t head_len, head_pos;
  struct utf8_stream utf8;
  struct scan scan;
  int failed, line; /* line: where the problem is, or 0 */
  int pending;      /* a problem after the bytes handed out: failed next */
  qujat_status status; /* what kind of failure; 0: QUJAT_ERR_XML */
  char msg[200];
};

/* Opens the job file `path` (kept, not copied) and checks its prolog: the
 * XML declaration may name only UTF-8, and a DOCTYPE is refused. Close
 * with qujat_xml_bytes_close, also after a failure. */
qujat_status qujat_xml_bytes_open(struct xml_bytes *b, const char *path,
                                  qujat_error *err);

/* The next at most `len` bytes of the file into `buf`, checked: their
 * number, 0 at the end, -1 when they fail a check or cannot be read (then
 * b->failed, b->msg and b->line say why). The bytes before a problem are
 * given first, and the -1 comes with the next call. */
int qujat_xml_bytes_read(struct xml_bytes *b, char *buf, int len);

/* Records why the file cannot be read to its end (the first reason only,
 * in b->failed, status, line and msg), found here or by the XML reader;
 * returns -1. */
int qujat_xml_bytes_fail(struct xml_bytes *b, qujat_status status, long line,
                         const char *fmt, ...) QUJAT_PRINTF(4, 5);

/* The line of the next start tag at `depth` (1: a job, 2: a child of a
 * job) the parser meets, or 0: the tags are taken in order, a deeper one
 * whose line was not asked for is passed over. */
int qujat_xml_bytes_line(struct xml_bytes *b, int depth);

void qujat_xml_bytes_close(struct xml_bytes *b);

qujat_status qujat_jobs_open_xml(const char *path, struct job_reader **out,
                                 qujat_error *err);
qujat_status qujat_jobs_open_csv(const char *path, const char *encoding,
                                 struct job_reader **out, qujat_error *err);

/* ------------------------------------------------------------------------
 * Running one job (batch_job.c)
 * ------------------------------------------------------------------------ */

/* What every job of a batch shares; read-only while jobs run. */
struct job_env {
  const qujat_catalog *cat;
  int dirfd;                /* the output directory */
  int resume, sync_each;
  const char *default_date; /* for jobs that give none */
  const char *jobs_path;    /* the job file, for messages */
  const char *jobs_dir;     /* its directory, for relative profiles */
  int allow_outside;        /* profiles may lie outside jobs_dir */
  qujat_pdf_standard pdf_standard;
};

/* Another job of the file that claims the same id or output. */
struct duplicate {
  size_t index;       /* the job that loses */
  int output;         /* 1: the output; 0: the id */
  size_t first_index; /* the job that keeps it */
  int first_line;
  char *first_id;
};

/* The output directory and the last directory a worker wrote into, kept
 * open: consecutive jobs mostly write side by side. */
struct out_dirs {
  int root;     /* the output directory (not owned) */
  char *parent; /* the last parent directory, relative to root */
  int fd;       /* its descriptor (owned), or -1 */
};

/* What one worker keeps from job to job: its last profile file, loaded
 * once for the jobs that share it (a batch often renders several
 * documents for one applicant), and its output directories. */
struct worker_cache {
  char *path;
  unsigned long long dev, ino, size;
  long long mtime_sec, mtime_nsec;
  qujat_profile *profile;
  struct out_dirs dirs;
};

void qujat_worker_cache_init(struct worker_cache *c, int root);
void qujat_worker_cache_free(struct worker_cache *c);

struct job_outcome {
  qujat_job_status status;
  int disk_full; /* the output could not be written for want of room */
  char *output;
  size_t bytes;
  unsigned pages;
  char sha256[65];
  char *error;
  char **warnings;
  size_t nwarnings;
};

void qujat_job_outcome_clear(struct job_outcome *o);

/* Runs job `j` (`dup` says if another job claims its id or output) and
 * fills `out`; never fails as a whole: every problem is the job's error. */
void qujat_job_run(const struct job_env *env, struct worker_cache *cache,
                   const struct job *j, const struct duplicate *dup,
                   struct job_outcome *out);

/* ------------------------------------------------------------------------
 * Outputs (batch_output.c)
 * ------------------------------------------------------------------------ */

/* Checks an output name: relative, '/'-separated, no "." or ".." or hidden
 * component, no control characters or backslashes, ending in ".pdf";
 * writes the reason into `why` (size `n`) when it is not acceptable. */
int qujat_output_name_ok(const char *name, char *why, size_t n);

void qujat_out_dirs_init(struct out_dirs *d, int root);
void qujat_out_dirs_free(struct out_dirs *d);

/* Writes `len` bytes as `name` under the output directory: parent
 * directories are created (never through a symbolic link), the bytes go
 * to a temporary name beside the target, which is renamed when complete.
 * `sync`: fsync the file before the rename. `*full` is set when it failed
 * for want of room (ENOSPC, EDQUOT, EFBIG). */
qujat_status qujat_output_write(struct out_dirs *d, const char *name,
                                const void *data, size_t len, int sync,
                                int *full, qujat_error *err);

/* Whether `name` under the output directory is a complete PDF: its size,
 * pages and SHA-256 (hex) when it is. Returns 1 when complete, 0 when not
 * there or not complete. */
int qujat_output_complete(struct out_dirs *d, const char *name, size_t *bytes,
                          unsigned *pages, char sha256[65]);

/* Removes the temporary file of `name` if a killed batch left one. */
void qujat_output_forget_part(struct out_dirs *d, const char *name);

/* SHA-256 of `len` bytes as 64 hex digits. */
void qujat_sha256_hex(const void *data, size_t len, char out[65]);

/* ------------------------------------------------------------------------
 * The manifest (batch_manifest.c)
 * ------------------------------------------------------------------------ */

/* Appends the manifest line of `r` (JSON object or CSV row, with "\n"). */
qujat_status qujat_manifest_line(struct buf *b, int csv,
                                 const qujat_job_result *r);

/* The CSV header line. */
const char *qujat_manifest_csv_header(void);

/* ------------------------------------------------------------------------
 * The first pass (batch_first_pass.c)
 * ------------------------------------------------------------------------ */

/* The hashes of every id or every output of the file: four bytes a job,
 * so that 100 000 jobs cost 400 KB for a moment, less than rendering.
 * While the pass reads, `v` is pages mapped for it (mmap, given back
 * whole); once the pass is done, only the repeated hashes, from malloc,
 * which qujat_first_pass_free frees. */
struct keys {
  uint32_t *v;
  size_t n, cap;
};

struct first_pass {
  size_t jobs, in_shard;
  struct keys ids, outputs;
  struct duplicate *dups; /* sorted by index */
  size_t ndups, capdups;
};

/* Reads the job file of `o` once: counts, duplicates. Errors: those of the
 * job-file readers, QUJAT_ERR_NOMEM. Free with qujat_first_pass_free(). */
qujat_status qujat_first_pass(const qujat_batch_options *o,
                              struct first_pass *F, qujat_error *err);
/* The duplicate job `index` is, or NULL. */
const struct duplicate *qujat_find_dup(const struct first_pass *F,
                                       size_t index);
void qujat_first_pass_free(struct first_pass *F);
/* Opens the job file of `o` (batch_jobs.c); `light`: the first pass's
 * reading, which keeps no profiles. */
qujat_status qujat_jobs_open_for(const qujat_batch_options *o, int light,
                                 struct job_reader **r, qujat_error *err);
/* Whether job `index` (0-based) belongs to the shard `o` asks for. */
int qujat_in_shard(const qujat_batch_options *o, size_t index);

#endif
