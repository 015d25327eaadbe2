/* SPDX-License-Identifier: MIT */
/*
 * XML job files (urn:qujat:jobs:1), streamed with libxml2's reader so that
 * memory does not grow with the number of jobs. The reader offers no hook
 * for the DOCTYPE, so the prolog is checked by hand before libxml2 sees a
 * byte; every byte is checked as strict UTF-8 on its way in.
 *
 * A job with a problem (an unknown attribute, a misspelt element) becomes
 * that job's error and the batch goes on; what makes the rest of the file
 * unreadable (not well-formed XML, a DOCTYPE, bad UTF-8, the wrong root) is
 * fatal, and found by the first of the batch's two passes, before anything
 * is rendered.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "batch/batch.h"
#include "base/base.h"
#include "catalog/catalog.h"
#include "catalog/profile_doc.h"

#define JOBS_NS "urn:qujat:jobs:1"
#define PROFILE_NS "urn:qujat:profile:1"
#define PROLOG_MAX (64 * 1024)
#define MAX_ATTRIBUTES 64                   /* on any element */
#define MAX_TAG (64 * 1024)                 /* one start tag */
#define JOB_MAX_ELEMENT (JOB_MAX_PROFILE + 64 * 1024) /* one <job> */

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
 * repeated attributes is quadratic). The reader refuses what is not well
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

struct xml_jobs {
  struct job_reader base;
  int fd;
  char *path, *dir;
  unsigned char *head; /* the first bytes, read to check the prolog */
  size_t head_len, head_pos;
  struct utf8_stream utf8;
  int io_failed, io_line; /* io_line: where bad UTF-8 is, or 0 */
  char io_msg[200];
  xmlTextReaderPtr reader;
  int started, finished;
  struct scan scan;
  qujat_status io_status;
  char *date; /* the root's date, for jobs without one */
  size_t index;
  int have_error, error_line;
  char error_msg[QUJAT_ERROR_MSG_SIZE];
};

/* ------------------------------------------------------------------------
 * Bytes in: the prolog check and strict UTF-8
 * ------------------------------------------------------------------------ */

static int scan_fail(struct xml_jobs *X, long line, const char *fmt, ...)
    QUJAT_PRINTF(3, 4);

static int scan_fail(struct xml_jobs *X, long line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(X->io_msg, sizeof X->io_msg, fmt, ap);
  va_end(ap);
  X->io_failed = 1;
  X->io_status = QUJAT_ERR_LIMIT;
  X->io_line = line > 0 && line < 0x7fffffff ? (int)line : 0;
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

/* The line of the next start tag at `depth` the reader meets, or 0. */
static int take_line(struct xml_jobs *X, int depth) {
  struct scan *S = &X->scan;
  while (S->first < S->n && S->lines[S->first].depth > depth)
    S->first++; /* children the reader skipped */
  if (S->first < S->n && S->lines[S->first].depth == depth) {
    long line = S->lines[S->first++].line;
    return line < 0x7fffffff ? (int)line : 0x7fffffff;
  }
  return 0;
}

/* The end of a start tag (`empty`: it was "<x/>"). */
static int tag_done(struct xml_jobs *X, int empty) {
  struct scan *S = &X->scan;
  if ((S->depth == 1 || S->depth == 2) &&
      push_line(S, S->depth, S->tag_line) != 0)
    return scan_fail(X, S->tag_line, "out of memory");
  if (S->depth == 1) {
    S->job_start = S->tag_start;
    S->job_line = S->tag_line;
  }
  if (!empty)
    S->depth++;
  return 0;
}

/* How many of the bytes p[0..n) the text or quoted state can take at once:
 * those before the next byte with a meaning there ('<', or the closing
 * quote), never as far as an offset at which a size limit would fail
 * (those bytes go the byte-by-byte way, which reports it). Counts their
 * lines. Most of a job file is attribute values and text: this is most of
 * the scan. */
static size_t plain_run(struct scan *S, const unsigned char *p, size_t n) {
  /* The bytes that end a run, by state: in text '<' (1); in a tag a
   * quote, '=', '>' and '/', whose effect is on the next byte (2); in a
   * value its quote (4, 8). */
  static const unsigned char stop[256] = {
      [0] = 15, ['<'] = 1, ['"'] = 2 | 4, ['\''] = 2 | 8,
      ['='] = 2, ['>'] = 2, ['/'] = 2};
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
  if (mask != 2) {
    /* Text or a value ends at one byte ('<' or its quote), or a NUL:
     * found with memchr, as are the line feeds of a run without a CR. */
    const unsigned char *end = memchr(p, mask == 1 ? '<' : S->quote, n);
    j = end ? (size_t)(end - p) : n;
    const unsigned char *nul = memchr(p, 0, j);
    if (nul)
      j = (size_t)(nul - p);
    if (j > 0 && !memchr(p, '\r', j)) {
      for (const unsigned char *lf = p, *stop_at = p + j;
           (lf = memchr(lf, '\n', (size_t)(stop_at - lf))) != NULL; lf++)
        S->line += !(lf == p && S->prev_cr); /* CR LF is one line */
      S->prev_cr = 0;
      return j;
    }
    n = j; /* with a CR: byte by byte, below */
    j = 0;
  }
  for (; j < n && !(stop[p[j]] & mask); j++) {
    if (p[j] == '\r' || (p[j] == '\n' && !S->prev_cr))
      S->line++;
    S->prev_cr = p[j] == '\r';
  }
  if (j > 0 && S->state == SC_TAG)
    S->slash = 0; /* the run's last byte was not '/' */
  return j;
}

static int scan_bytes(struct xml_jobs *X, const unsigned char *p, size_t n) {
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
        return scan_fail(X, S->tag_line,
                         "an element has more than %d attributes",
                         MAX_ATTRIBUTES);
      } else if (c == '>') {
        S->state = SC_TEXT;
        if (tag_done(X, S->slash) != 0)
          return -1;
      }
      S->slash = c == '/';
      if (S->offset - S->tag_start > MAX_TAG)
        return scan_fail(X, S->tag_line, "a start tag is longer than %d KiB",
                         MAX_TAG / 1024);
      break;
    case SC_QUOTE:
      if (c == (unsigned char)S->quote)
        S->state = SC_TAG;
      if (S->offset - S->tag_start > MAX_TAG)
        return scan_fail(X, S->tag_line, "a start tag is longer than %d KiB",
                         MAX_TAG / 1024);
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
      return scan_fail(X, S->job_line, "a <job> is larger than %d KiB",
                       JOB_MAX_ELEMENT / 1024);
  }
  return 0;
}

static int read_cb(void *ctx, char *buf, int len) {
  struct xml_jobs *X = ctx;
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
      X->io_failed = 1;
      snprintf(X->io_msg, sizeof X->io_msg, "cannot read: %s",
               strerror(errno));
      return -1;
    }
  }
  size_t good = qujat_utf8_stream(&X->utf8, (unsigned char *)buf, (size_t)n);
  if (good < (size_t)n || (n == 0 && !qujat_utf8_stream_done(&X->utf8))) {
    X->io_failed = 1;
    X->io_line = X->utf8.line > 0 ? (int)X->utf8.line : 1;
    snprintf(X->io_msg, sizeof X->io_msg,
             "invalid UTF-8 or a NUL byte (a job file is UTF-8)");
    return -1;
  }
  if (scan_bytes(X, (const unsigned char *)buf, (size_t)n) != 0)
    return -1;
  return (int)n;
}

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
static qujat_status check_declaration(struct xml_jobs *X,
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
static qujat_status check_prolog(struct xml_jobs *X, qujat_error *err) {
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

/* ------------------------------------------------------------------------
 * Errors of the reader
 * ------------------------------------------------------------------------ */

static void on_error(void *user, xmlErrorPtr e) {
  struct xml_jobs *X = user;
  if (X->have_error || !e || e->level == XML_ERR_WARNING)
    return;
  X->have_error = 1;
  X->error_line = e->line;
  snprintf(X->error_msg, sizeof X->error_msg, "%s",
           e->message ? e->message : "malformed XML");
  size_t n = strlen(X->error_msg);
  while (n && (X->error_msg[n - 1] == '\n' || X->error_msg[n - 1] == ' '))
    X->error_msg[--n] = '\0';
}

/* The fatal error after the reader stopped. */
static qujat_status reader_failed(struct xml_jobs *X, qujat_error *err) {
  if (X->io_failed)
    return qujat_err_set(err, X->io_status ? X->io_status : QUJAT_ERR_XML,
                         X->path, X->io_line, 0, "%s", X->io_msg);
  if (X->have_error)
    return qujat_err_set(err, QUJAT_ERR_XML, X->path, X->error_line, 0, "%s",
                         X->error_msg);
  return qujat_err_set(err, QUJAT_ERR_XML, X->path, 0, 0, "malformed XML");
}

static int node_line(xmlTextReaderPtr r) {
  xmlNodePtr n = xmlTextReaderCurrentNode(r);
  return n ? (int)xmlGetLineNo(n) : 0;
}

static int is(xmlTextReaderPtr r, const char *ns, const char *name) {
  const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);
  const xmlChar *local = xmlTextReaderConstLocalName(r);
  return uri && local && strcmp((const char *)uri, ns) == 0 &&
         strcmp((const char *)local, name) == 0;
}

/* ------------------------------------------------------------------------
 * Jobs
 * ------------------------------------------------------------------------ */

/* The attributes of <job>. */
static qujat_status read_attributes(struct xml_jobs *X, struct job *j) {
  static const char *const names[] = {
      "id",    "document", "service", "lang", "date", "output",
      "copies", "fine",    "days",    "size", "profile", "brief",
      "allow-mixed-language", "no-letterhead"};
  xmlTextReaderPtr r = X->reader;
  qujat_status st = QUJAT_OK;
  for (int more = xmlTextReaderMoveToFirstAttribute(r); st == QUJAT_OK &&
                                                        more == 1;
       more = xmlTextReaderMoveToNextAttribute(r)) {
    if (xmlTextReaderIsNamespaceDecl(r))
      continue;
    const char *name = (const char *)xmlTextReaderConstLocalName(r);
    const char *value = (const char *)xmlTextReaderConstValue(r);
    char **fields[] = {&j->id,     &j->document, &j->service, &j->lang,
                       &j->date,   &j->output,   &j->copies,  &j->fine,
                       &j->days,   &j->size,     &j->profile_path,
                       &j->brief,  &j->mixed,    &j->no_letterhead};
    size_t k = 0;
    while (k < sizeof names / sizeof *names && strcmp(names[k], name) != 0)
      k++;
    if (k == sizeof names / sizeof *names || xmlTextReaderConstNamespaceUri(r))
      qujat_job_problem(j, "<job> has an unknown attribute '%s' (expected id, "
                           "document, service, lang, date, output, profile, "
                           "copies, fine, days, size, brief, "
                           "allow-mixed-language, no-letterhead)",
                        name);
    else if (strlen(value) > JOB_MAX_FIELD)
      qujat_job_problem(j, "the attribute '%s' is longer than %d bytes", name,
                        JOB_MAX_FIELD);
    else
      st = qujat_job_set(fields[k], value, strlen(value));
  }
  xmlTextReaderMoveToElement(r);
  return st;
}

/* The inline <profile> of a job, copied into a document of its own for
 * the profile loader, each element with its line (qujat_xml_copy_lines), so
 * that the loader's errors point into the job file. */
static qujat_status inline_profile(struct xml_jobs *X, struct job *j) {
  int line = take_line(X, 2);
  if (j->profile_doc || j->profile_path || j->profile_xml) {
    qujat_job_problem(j, "a job has one profile: a profile attribute or one "
                         "<profile> element");
    return QUJAT_OK;
  }
  j->profile_line = line;
  if (!j->profile_line)
    j->profile_line = node_line(X->reader);
  if (X->base.light) {
    /* Only counted: an empty document stands for it. */
    j->profile_doc = xmlNewDoc(BAD_CAST "1.0");
    return j->profile_doc ? QUJAT_OK : QUJAT_ERR_NOMEM;
  }
  xmlNodePtr node = xmlTextReaderExpand(X->reader);
  if (!node)
    return QUJAT_ERR_XML;
  xmlDocPtr doc = NULL;
  qujat_status st =
      qujat_xml_copy_lines(node, j->profile_line, JOB_MAX_PROFILE, &doc);
  if (st == QUJAT_ERR_LIMIT) {
    qujat_job_problem(j, "the inline profile is larger than %d bytes",
                      JOB_MAX_PROFILE);
    st = QUJAT_OK;
  }
  j->profile_doc = doc;
  return st;
}

/* The content of a non-empty <job>: at most an inline profile. Leaves the
 * reader on the job's end tag. */
static qujat_status read_content(struct xml_jobs *X, struct job *j) {
  xmlTextReaderPtr r = X->reader;
  int ret = xmlTextReaderRead(r);
  while (ret == 1) {
    int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
    if (depth <= 1 && type == XML_READER_TYPE_END_ELEMENT)
      return QUJAT_OK;
    if (type == XML_READER_TYPE_ELEMENT && depth == 2) {
      if (!is(r, PROFILE_NS, "profile")) {
        int line = take_line(X, 2);
        qujat_job_problem(j, "line %d: <%s> inside <job>: a job holds only "
                             "a <profile xmlns=\"" PROFILE_NS "\">",
                          line ? line : node_line(r),
                          (const char *)xmlTextReaderConstName(r));
      } else {
        qujat_status st = inline_profile(X, j);
        if (st != QUJAT_OK)
          return st;
      }
      ret = xmlTextReaderNext(r);
      continue;
    }
    if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
        depth == 2)
      qujat_job_problem(j, "line %d: text inside <job>", node_line(r));
    ret = xmlTextReaderRead(r);
  }
  return QUJAT_ERR_XML; /* the document ended inside the job */
}

/* The root element <jobs xmlns="urn:qujat:jobs:1" date="...">. */
static qujat_status read_root(struct xml_jobs *X, qujat_error *err) {
  xmlTextReaderPtr r = X->reader;
  int ret;
  while ((ret = xmlTextReaderRead(r)) == 1 &&
         xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
    if (xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE)
      return qujat_err_set(err, QUJAT_ERR_XML, X->path, node_line(r), 0,
                           "a DOCTYPE is not allowed (no DTDs or entities)");
  if (ret != 1)
    return reader_failed(X, err);
  if (!is(r, JOBS_NS, "jobs"))
    return qujat_err_set(err, QUJAT_ERR_XML, X->path, node_line(r), 0,
                         "expected <jobs xmlns=\"" JOBS_NS "\">, found <%s>",
                         (const char *)xmlTextReaderConstName(r));
  xmlChar *date = xmlTextReaderGetAttribute(r, BAD_CAST "date");
  if (date) {
    X->date = strdup((const char *)date);
    xmlFree(date);
    if (!X->date)
      return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    if (qujat_date_check(X->date) != QUJAT_OK)
      return qujat_err_set(err, QUJAT_ERR_XML, X->path, node_line(r), 0,
                           "<jobs date=\"%.20s\">: expected YYYY-MM-DD",
                           X->date);
  }
  X->finished = xmlTextReaderIsEmptyElement(r);
  return QUJAT_OK;
}

static qujat_status next_job(struct job_reader *base, struct job *j, int *end,
                             qujat_error *err) {
  struct xml_jobs *X = (struct xml_jobs *)base;
  xmlTextReaderPtr r = X->reader;
  qujat_job_clear(j);
  *end = 0;
  qujat_status st;
  if (!X->started) {
    X->started = 1;
    if ((st = read_root(X, err)) != QUJAT_OK)
      return st;
  }
  int ret;
  while (!X->finished && (ret = xmlTextReaderRead(r)) == 1) {
    int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
    if (type == XML_READER_TYPE_END_ELEMENT && depth == 0) {
      X->finished = 1;
      break;
    }
    if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
        depth == 1)
      return qujat_err_set(err, QUJAT_ERR_XML, X->path, node_line(r), 0,
                           "text between jobs: <jobs> holds only <job> "
                           "elements");
    if (type != XML_READER_TYPE_ELEMENT || depth != 1)
      continue;
    j->index = X->index++;
    j->line = take_line(X, 1);
    if (!j->line)
      j->line = node_line(r);
    if (!is(r, JOBS_NS, "job"))
      qujat_job_problem(j, "<%s> in <jobs>: expected <job>",
                        (const char *)xmlTextReaderConstName(r));
    if ((st = read_attributes(X, j)) != QUJAT_OK)
      return qujat_err_set(err, st, NULL, 0, 0, "out of memory");
    if (!j->date && X->date && (st = qujat_job_set(&j->date, X->date,
                                                   strlen(X->date))))
      return qujat_err_set(err, st, NULL, 0, 0, "out of memory");
    if (!xmlTextReaderIsEmptyElement(r) && (st = read_content(X, j)))
      return st == QUJAT_ERR_NOMEM
                 ? qujat_err_set(err, st, NULL, 0, 0, "out of memory")
                 : reader_failed(X, err);
    return QUJAT_OK;
  }
  /* After the root: only the end of the document, checked to the end. */
  while ((ret = xmlTextReaderRead(r)) == 1)
    ;
  if (ret != 0 || X->have_error || X->io_failed)
    return reader_failed(X, err);
  *end = 1;
  return QUJAT_OK;
}

static void close_jobs(struct job_reader *base) {
  struct xml_jobs *X = (struct xml_jobs *)base;
  if (!X)
    return;
  if (X->reader)
    xmlFreeTextReader(X->reader);
  if (X->fd >= 0)
    close(X->fd);
  free(X->head);
  free(X->scan.lines);
  free(X->path);
  free(X->dir);
  free(X->date);
  free(X);
}

qujat_status qujat_jobs_open_xml(const char *path, struct job_reader **out,
                                 qujat_error *err) {
  qujat_xml_init();
  *out = NULL;
  struct xml_jobs *X = calloc(1, sizeof *X);
  if (!X)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  X->fd = -1;
  X->scan.line = 1;
  X->base.next = next_job;
  X->base.close = close_jobs;
  qujat_status st;
  CHECK(qujat_jobs_path_dir(path, &X->path, &X->dir, err));
  X->base.path = X->path;
  X->base.dir = X->dir;
  CHECK(qujat_jobs_open_fd(path, &X->fd, err));
  CHECK(check_prolog(X, err));
  /* NONET: never fetch; no NOENT, DTDLOAD, HUGE or XINCLUDE. */
  X->reader = xmlReaderForIO(read_cb, NULL, X, path, "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
                                 XML_PARSE_NOCDATA);
  if (!X->reader) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    goto done;
  }
  xmlTextReaderSetStructuredErrorHandler(X->reader, on_error, X);
  *out = &X->base;
  X = NULL;
  st = QUJAT_OK;
done:
  close_jobs(X ? &X->base : NULL);
  return st;
}
