/* SPDX-License-Identifier: MIT */
/*
 * The bytes of an XML job file on their way to libxml2 (batch_jobs_xml.c):
 * the prolog checked by hand before libxml2 sees a byte (libxml2 offers no
 * hook for the DOCTYPE that would come before its entity declarations),
 * every byte checked as strict UTF-8, and a small scanner that keeps the
 * caps on a job's size and an element's attributes, and the lines of the
 * start tags of jobs and of their children (libxml2 2.9 keeps an element's
 * line in 16 bits).
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch/batch.h"
#include "base/base.h"

#define PROLOG_MAX (64 * 1024)
#define MAX_ATTRIBUTES 64                   /* on any element */
#define MAX_TAG (64 * 1024)                 /* one start tag */
#define JOB_MAX_ELEMENT (JOB_MAX_PROFILE + 64 * 1024) /* one <job> */

/* ------------------------------------------------------------------------
 * The scanner: lines, depth, caps
 * ------------------------------------------------------------------------ */

int qujat_xml_bytes_fail(struct xml_bytes *X, qujat_status status, long line,
                         const char *fmt, ...) {
  if (X->failed)
    return -1; /* the first problem is the one */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(X->msg, sizeof X->msg, fmt, ap);
  va_end(ap);
  X->failed = 1;
  X->status = status;
  X->line = line > 0 && line < 0x7fffffff ? (int)line : 0;
  return -1;
}

static int push_line(struct scan *S, int depth, long line) {
  if (S->first > 0 && S->first == S->n)
    S->first = S->n = 0;
  if (S->n == S->cap) {
    if (S->first > 0) {
      memmove(S->lines, S->lines + S->first,
              (S->n - S->first) * sizeof *S->lines);
      S->n -= S->first;
      S->first = 0;
    }
    if (S->n == S->cap) {
      size_t cap = S->cap ? 2 * S->cap : 64;
      struct tag_line *more = realloc(S->lines, cap * sizeof *more);
      if (!more)
        return -1;
      S->lines = more;
      S->cap = cap;
    }
  }
  S->lines[S->n++] = (struct tag_line){depth, line};
  return 0;
}

/* The line of the next start tag at `depth` the parser meets, or 0
 * (batch.h). */
int qujat_xml_bytes_line(struct xml_bytes *X, int depth) {
  struct scan *S = &X->scan;
  while (S->first < S->n && S->lines[S->first].depth > depth)
    S->first++; /* deeper tags no one asked the line of */
  if (S->first < S->n && S->lines[S->first].depth == depth) {
    long line = S->lines[S->first++].line;
    return line < 0x7fffffff ? (int)line : 0x7fffffff;
  }
  return 0;
}

/* The end of a start tag (`empty`: it was "<x/>"). */
static int tag_done(struct xml_bytes *X, int empty) {
  struct scan *S = &X->scan;
  if ((S->depth == 1 || S->depth == 2) &&
      push_line(S, S->depth, S->tag_line) != 0)
    return qujat_xml_bytes_fail(X, QUJAT_ERR_NOMEM, S->tag_line,
                                "out of memory");
  if (S->depth == 1) {
    S->job_start = S->tag_start;
    S->job_line = S->tag_line;
  }
  if (!empty)
    S->depth++;
  return 0;
}

/* How many of the bytes p[0..n) the text, tag or quoted state can take
 * at once: those before the next byte with a meaning there ('<', a quote,
 * '=', '>' or '/', the closing quote), never as far as an offset at which
 * a size limit would fail (those bytes go the byte-by-byte way, which
 * reports it). Counts their lines. Most of a job file is attribute values
 * and names: this is most of the scan, a table lookup a byte (the runs are
 * too short for memchr to pay for the calls). */
static size_t plain_run(struct scan *S, const unsigned char *p, size_t n) {
  /* The bytes that end a run, by state: in text '<' (1); in a tag a
   * quote, '=', '>' and '/', whose effect is on the next byte (2); in a
   * value its quote (4, 8); a NUL in all. Line ends (16) are counted. */
  static const unsigned char stop[256] = {
      [0] = 15, ['<'] = 1, ['"'] = 2 | 4, ['\''] = 2 | 8,
      ['='] = 2, ['>'] = 2, ['/'] = 2, ['\n'] = 16, ['\r'] = 16};
  unsigned mask = S->state == SC_TEXT  ? 1
                  : S->state == SC_TAG ? 2
                  : S->quote == '"'    ? 4
                                       : 8;
  unsigned long long limit = S->job_start + JOB_MAX_ELEMENT;
  if (S->state != SC_TEXT && S->tag_start + MAX_TAG < limit)
    limit = S->tag_start + MAX_TAG;
  if (S->offset >= limit)
    return 0;
  if (n > limit - S->offset)
    n = (size_t)(limit - S->offset);
  size_t j = 0;
  long lines = 0;
  for (; j < n; j++) {
    unsigned k = stop[p[j]];
    if (!k)
      continue;
    if (k & mask)
      break;
    /* A line ends at a CR, and at an LF but the one of a CR LF. */
    if (k & 16)
      lines += p[j] == '\r' || !(j > 0 ? p[j - 1] == '\r' : S->prev_cr);
  }
  S->line += lines;
  if (j > 0) {
    S->prev_cr = p[j - 1] == '\r';
    if (S->state == SC_TAG)
      S->slash = 0; /* the run's last byte was not '/' */
  }
  return j;
}

/* Whether the start tag is past its cap (then refused). */
static int tag_too_long(struct xml_bytes *X) {
  const struct scan *S = &X->scan;
  return S->offset - S->tag_start > MAX_TAG &&
         qujat_xml_bytes_fail(X, QUJAT_ERR_LIMIT, S->tag_line,
                              "a start tag is longer than %d KiB",
                              MAX_TAG / 1024) != 0;
}

static int scan_bytes(struct xml_bytes *X, const unsigned char *p, size_t n) {
  struct scan *S = &X->scan;
  for (size_t i = 0; i < n; i++, S->offset++) {
    if (S->state == SC_TEXT || S->state == SC_TAG || S->state == SC_QUOTE) {
      size_t run = plain_run(S, p + i, n - i);
      i += run;
      S->offset += run;
      if (i == n)
        break;
    }
    unsigned char c = p[i];
    if (c == '\r' || (c == '\n' && !S->prev_cr))
      S->line++;
    S->prev_cr = c == '\r';
    S->tail = (S->tail << 8 | c) & 0xffffff;
    switch (S->state) {
    case SC_TEXT:
      if (c == '<')
        S->state = SC_LT;
      break;
    case SC_LT:
      if (c == '/') {
        S->state = SC_END_TAG;
      } else if (c == '!') {
        S->state = SC_BANG;
      } else if (c == '?') {
        S->state = SC_PI;
        S->tail = 0;
      } else {
        S->state = SC_TAG;
        S->attributes = 0;
        S->slash = 0;
        S->tag_line = S->line;
        S->tag_start = S->offset - 1;
      }
      break;
    case SC_TAG:
      if (c == '"' || c == '\'') {
        S->quote = (char)c;
        S->state = SC_QUOTE;
      } else if (c == '=' && ++S->attributes > MAX_ATTRIBUTES) {
        return qujat_xml_bytes_fail(X, QUJAT_ERR_LIMIT, S->tag_line,
                                    "an element has more than %d attributes",
                                    MAX_ATTRIBUTES);
      } else if (c == '>') {
        S->state = SC_TEXT;
        if (tag_done(X, S->slash) != 0)
          return -1;
      }
      S->slash = c == '/';
      if (tag_too_long(X))
        return -1;
      break;
    case SC_QUOTE:
      if (c == (unsigned char)S->quote)
        S->state = SC_TAG;
      if (tag_too_long(X))
        return -1;
      break;
    case SC_END_TAG:
      if (c == '>') {
        S->state = SC_TEXT;
        if (S->depth > 0)
          S->depth--;
      }
      break;
    case SC_BANG:
      S->state = c == '-' ? SC_COMMENT : c == '[' ? SC_CDATA : SC_DECL;
      S->tail = 0;
      break;
    case SC_COMMENT:
      if ((S->tail & 0xffffff) == ('-' << 16 | '-' << 8 | '>'))
        S->state = SC_TEXT;
      break;
    case SC_CDATA:
      if ((S->tail & 0xffffff) == (']' << 16 | ']' << 8 | '>'))
        S->state = SC_TEXT;
      break;
    case SC_DECL:
      if (c == '>')
        S->state = SC_TEXT;
      break;
    case SC_PI:
      if ((S->tail & 0xffff) == ('?' << 8 | '>'))
        S->state = SC_TEXT;
      break;
    }
    /* Inside a job (or its start tag): its size so far. */
    if ((S->depth >= 2 || (S->depth == 1 && S->state != SC_TEXT &&
                           S->tag_start >= S->job_start &&
                           S->job_line == S->tag_line)) &&
        S->offset - S->job_start > JOB_MAX_ELEMENT)
      return qujat_xml_bytes_fail(X, QUJAT_ERR_LIMIT, S->job_line,
                                  "a <job> is larger than %d KiB",
                                  JOB_MAX_ELEMENT / 1024);
  }
  return 0;
}

int qujat_xml_bytes_read(struct xml_bytes *X, char *buf, int len) {
  if (X->pending) { /* what was wrong after the bytes handed out last */
    X->pending = 0;
    X->failed = 1;
    return -1;
  }
  ssize_t n;
  if (X->head_pos < X->head_len) {
    n = (ssize_t)(X->head_len - X->head_pos) < len
            ? (ssize_t)(X->head_len - X->head_pos)
            : len;
    memcpy(buf, X->head + X->head_pos, (size_t)n);
    X->head_pos += (size_t)n;
  } else {
    do
      n = read(X->fd, buf, (size_t)len);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
      X->failed = 1;
      snprintf(X->msg, sizeof X->msg, "cannot read: %s",
               strerror(errno));
      return -1;
    }
  }
  size_t good = qujat_utf8_stream(&X->utf8, (unsigned char *)buf, (size_t)n);
  unsigned long long start = X->scan.offset;
  size_t k = good; /* bytes before the first problem */
  if (scan_bytes(X, (const unsigned char *)buf, good) != 0) {
    k = (size_t)(X->scan.offset - start);
  } else if (good < (size_t)n ||
             (n == 0 && !qujat_utf8_stream_done(&X->utf8))) {
    X->failed = 1;
    X->line = X->utf8.line > 0 ? (int)X->utf8.line : 1;
    snprintf(X->msg, sizeof X->msg,
             "invalid UTF-8 or a NUL byte (a job file is UTF-8)");
  }
  if (!X->failed)
    return (int)n;
  /* The bytes before the problem go to libxml2 first, so that what it
   * finds wrong in them, earlier in the file, is what is reported (the
   * reader's own problems are recorded over this one: qujat_xml_bytes_fail
   * sees it pending, not failed). */
  if (k == 0)
    return -1;
  X->failed = 0;
  X->pending = 1;
  return (int)k;
}

/* ------------------------------------------------------------------------
 * The prolog, checked before libxml2 sees a byte
 * ------------------------------------------------------------------------ */

static int has_prefix(const unsigned char *p, const unsigned char *end,
                      const char *s) {
  size_t n = strlen(s);
  return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

static int line_at(const unsigned char *from, const unsigned char *at) {
  int line = 1;
  for (; from < at; from++)
    line += *from == '\n';
  return line;
}

/* The XML declaration may name only UTF-8. */
static qujat_status check_declaration(struct xml_bytes *X,
                                      const unsigned char *p,
                                      const unsigned char *close,
                                      qujat_error *err) {
  const char *enc = memmem(p, (size_t)(close - p), "encoding", 8);
  const char *stop = (const char *)close;
  if (!enc)
    return QUJAT_OK;
  const char *q = enc + 8;
  while (q < stop && (*q == ' ' || *q == '=' || *q == '"' ||
                                     *q == '\''))
    q++;
  if (stop - q > 5 && strncasecmp(q, "UTF-8", 5) == 0 &&
      (q[5] == '"' || q[5] == '\''))
    return QUJAT_OK;
  return qujat_err_set(err, QUJAT_ERR_XML, X->path, 1, 0,
                       "a job file must be UTF-8: the XML declaration names "
                       "another encoding");
}

/* Reads the first bytes and walks the prolog: declaration, comments,
 * processing instructions; a DOCTYPE is refused before libxml2 would read
 * its entity declarations. */
static qujat_status check_prolog(struct xml_bytes *X, qujat_error *err) {
  X->head = malloc(PROLOG_MAX);
  if (!X->head)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  while (X->head_len < PROLOG_MAX) {
    size_t n;
    qujat_status st = qujat_read_some(X->fd, X->head + X->head_len,
                                      PROLOG_MAX - X->head_len, -1, X->path,
                                      &n, err);
    if (st != QUJAT_OK)
      return st;
    if (n == 0)
      break;
    X->head_len += n;
  }
  const unsigned char *p = X->head, *end = X->head + X->head_len;
  if (has_prefix(p, end, "\xef\xbb\xbf"))
    p += 3;
  for (;;) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
      p++;
    const char *close = NULL;
    size_t close_len = 2; /* "?>"; a comment ends with "-->" */
    if (has_prefix(p, end, "<!--")) {
      close = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
      close_len = 3;
    } else if (has_prefix(p, end, "<?")) {
      close = memmem(p, (size_t)(end - p), "?>", 2);
      if (close && has_prefix(p, end, "<?xml ")) {
        qujat_status st = check_declaration(X, p, (const unsigned char *)close,
                                            err);
        if (st != QUJAT_OK)
          return st;
      }
    } else if (has_prefix(p, end, "<!")) {
      return qujat_err_set(err, QUJAT_ERR_XML, X->path,
                           line_at(X->head, p), 0,
                           "a DOCTYPE is not allowed (no DTDs or entities)");
    } else {
      break;
    }
    if (!close)
      return qujat_err_set(err, QUJAT_ERR_XML, X->path, line_at(X->head, p),
                           0, "the prolog is unfinished or longer than %d "
                              "KiB",
                           PROLOG_MAX / 1024);
    p = (const unsigned char *)close + close_len;
  }
  return QUJAT_OK;
}

qujat_status qujat_xml_bytes_open(struct xml_bytes *X, const char *path,
                                  qujat_error *err) {
  memset(X, 0, sizeof *X);
  X->fd = -1;
  X->path = path;
  X->scan.line = 1;
  qujat_status st = qujat_jobs_open_fd(path, &X->fd, err);
  return st == QUJAT_OK ? check_prolog(X, err) : st;
}

void qujat_xml_bytes_close(struct xml_bytes *X) {
  if (X->fd >= 0)
    close(X->fd);
  free(X->head);
  free(X->scan.lines);
  memset(X, 0, sizeof *X);
  X->fd = -1;
}
