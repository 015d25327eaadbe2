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
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "batch/batch.h"
#include "base/base.h"
#include "catalog/catalog.h"

#define JOBS_NS "urn:qujat:jobs:1"
#define PROFILE_NS "urn:qujat:profile:1"
#define PROLOG_MAX (64 * 1024)

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
  char *date; /* the root's date, for jobs without one */
  size_t index;
  int have_error, error_line;
  char error_msg[QUJAT_ERROR_MSG_SIZE];
};

/* ------------------------------------------------------------------------
 * Bytes in: the prolog check and strict UTF-8
 * ------------------------------------------------------------------------ */

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
    ssize_t n = read(X->fd, X->head + X->head_len, PROLOG_MAX - X->head_len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return qujat_err_set(err, QUJAT_ERR_IO, X->path, 0, 0,
                           "cannot read: %s", strerror(errno));
    if (n == 0)
      break;
    X->head_len += (size_t)n;
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
    return qujat_err_set(err, QUJAT_ERR_XML, X->path, X->io_line, 0, "%s",
                         X->io_msg);
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

/* The inline <profile> of a job, kept as text for the profile loader, each
 * element on its line (qujat_xml_dump_lines), so that the loader's errors
 * point into the job file. */
static qujat_status inline_profile(struct xml_jobs *X, struct job *j) {
  if (j->profile_xml || j->profile_path) {
    qujat_job_problem(j, "a job has one profile: a profile attribute or one "
                         "<profile> element");
    return QUJAT_OK;
  }
  j->profile_line = node_line(X->reader);
  if (X->base.light) {
    j->profile_xml = strdup("");
    return j->profile_xml ? QUJAT_OK : QUJAT_ERR_NOMEM;
  }
  xmlNodePtr node = xmlTextReaderExpand(X->reader);
  if (!node)
    return QUJAT_ERR_XML;
  struct buf b;
  qujat_buf_init(&b, JOB_MAX_PROFILE);
  qujat_status st = qujat_xml_dump_lines(node, j->profile_line, &b);
  if (st == QUJAT_ERR_LIMIT) {
    qujat_job_problem(j, "the inline profile is larger than %d bytes",
                      JOB_MAX_PROFILE);
    st = QUJAT_OK;
  } else if (st == QUJAT_OK) {
    j->profile_len = b.len;
    j->profile_xml = qujat_buf_take(&b, NULL);
    if (!j->profile_xml)
      st = QUJAT_ERR_NOMEM;
  }
  qujat_buf_free(&b);
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
      if (is(r, PROFILE_NS, "profile")) {
        qujat_status st = inline_profile(X, j);
        if (st != QUJAT_OK)
          return st;
      } else {
        qujat_job_problem(j, "line %d: <%s> inside <job>: a job holds only "
                             "a <profile xmlns=\"" PROFILE_NS "\">",
                          node_line(r),
                          (const char *)xmlTextReaderConstName(r));
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
  X->base.next = next_job;
  X->base.close = close_jobs;
  char *copy = strdup(path);
  X->path = strdup(path);
  X->dir = copy ? strdup(dirname(copy)) : NULL;
  free(copy);
  qujat_status st;
  if (!X->path || !X->dir) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    goto done;
  }
  X->base.path = X->path;
  X->base.dir = X->dir;
  X->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (X->fd < 0) {
    st = qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "cannot open: %s",
                       strerror(errno));
    goto done;
  }
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
