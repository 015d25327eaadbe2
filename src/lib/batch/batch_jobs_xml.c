/* SPDX-License-Identifier: MIT */
/*
 * XML job files (urn:qujat:jobs:1), parsed by libxml2's SAX2 push parser
 * from the bytes batch_jobs_scan.c checks, so that memory does not grow
 * with the number of jobs. A job is made as its elements are parsed: its
 * attributes, and its inline profile built straight into a document of its
 * own for the profile loader, each element on its line. libxml2's reader,
 * used before, built a tree of every job that was then copied out and
 * freed: that was most of the main thread's work in a batch, which runs
 * beside the workers and alone in the first pass.
 *
 * A job with a problem (an unknown attribute, a misspelt element) becomes
 * that job's error and the batch goes on; what makes the rest of the file
 * unreadable (not well-formed XML, a DOCTYPE, bad UTF-8, the wrong root) is
 * fatal, and found by the first of the batch's two passes, before anything
 * is rendered.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "batch/batch.h"
#include "base/base.h"
#include "catalog/catalog.h"
#include "catalog/profile_doc.h"

#define JOBS_NS "urn:qujat:jobs:1"
#define PROFILE_NS "urn:qujat:profile:1"
#define CHUNK (16 * 1024) /* bytes handed to the parser at a time */

/* A namespace declared on <jobs> or <job>: the inline profile's document
 * stands alone, so its root declares them. The strings are the parser's
 * (its dictionary's), alive as long as it is. */
struct declared {
  const xmlChar *prefix, *uri;
};

/* The inline profile being built. */
struct building {
  xmlDocPtr doc; /* NULL when none is built (light, too large) */
  xmlNodePtr at; /* the element whose content comes next */
  long first;    /* the profile's line in the job file: line 1 of doc */
  long line;     /* the line the content has come to */
  size_t count;  /* names, values and text so far */
};

struct xml_jobs {
  struct job_reader base;
  char *path, *dir;
  struct xml_bytes bytes;
  xmlParserCtxtPtr ctxt;
  char *chunk;
  int depth;    /* of the elements open */
  int in_profile;
  int eof;      /* every byte went to the parser */
  struct job job; /* the job being read */
  struct building profile;
  struct declared *ns; /* those of <jobs>, then those of the job */
  size_t nroot_ns, nns, capns;
  struct job *queue; /* made, not yet handed out, from `first` */
  size_t first, nqueue, capqueue;
  char *date; /* the root's date, for jobs without one */
  size_t index;
  char *value; /* a scratch copy of an attribute's value */
  size_t capvalue;
  /* What ended the reading, besides a problem of the file (in bytes, with
   * the checks' own): no memory, or libxml2's first error. */
  int nomem, have_error, error_line;
  char error_msg[QUJAT_ERROR_MSG_SIZE];
};

/* ------------------------------------------------------------------------
 * What stops the reading
 * ------------------------------------------------------------------------ */

static int input_line(const struct xml_jobs *X) {
  return X->ctxt && X->ctxt->input ? X->ctxt->input->line : 0;
}

static void stop(struct xml_jobs *X) { xmlStopParser(X->ctxt); }

/* A problem that makes the rest of the file unreadable: recorded beside
 * those of the bytes' checks, and the parser stops. */
#define FATAL(X, line, ...)                                                   \
  (qujat_xml_bytes_fail(&(X)->bytes, QUJAT_ERR_XML, (line), __VA_ARGS__),    \
   stop(X))


static void no_memory(struct xml_jobs *X) {
  X->nomem = 1;
  stop(X);
}

static void on_error(void *user, xmlErrorPtr e) {
  struct xml_jobs *X = user;
  if (e && e->code == XML_ERR_NO_MEMORY)
    X->nomem = 1;
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

/* The error that ended the file, once the jobs before it are out. */
static qujat_status reading_failed(struct xml_jobs *X, qujat_error *err) {
  if (X->bytes.failed)
    return qujat_err_set(err,
                         X->bytes.status ? X->bytes.status : QUJAT_ERR_XML,
                         X->path, X->bytes.line, 0, "%s", X->bytes.msg);
  if (X->nomem)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (X->have_error)
    return qujat_err_set(err, QUJAT_ERR_XML, X->path, X->error_line, 0, "%s",
                         X->error_msg);
  return qujat_err_set(err, QUJAT_ERR_XML, X->path, 0, 0, "malformed XML");
}

/* ------------------------------------------------------------------------
 * Names
 * ------------------------------------------------------------------------ */

static int is(const xmlChar *uri, const xmlChar *local, const char *ns,
              const char *name) {
  return uri && strcmp((const char *)uri, ns) == 0 &&
         strcmp((const char *)local, name) == 0;
}

/* "prefix:local" or "local", for messages. */
static const char *qname(const xmlChar *prefix, const xmlChar *local,
                         char *out, size_t n) {
  snprintf(out, n, "%s%s%s", prefix ? (const char *)prefix : "",
           prefix ? ":" : "", (const char *)local);
  return out;
}

/* Whether this libxml2 gives SAX2 every '&' of an attribute's value as
 * "&#38;", as 2.9 does (for its tree builder, which parses values again
 * when entities are not substituted): asked once, of a one-element
 * document. Where it cannot be asked (no memory), 2.9's answer. */
static int amp_as_reference = 1;
static pthread_once_t amp_once = PTHREAD_ONCE_INIT;

static void amp_seen(void *ctx, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nns, const xmlChar **namespaces,
                     int nattrs, int ndefaulted, const xmlChar **attrs) {
  (void)local;
  (void)prefix;
  (void)uri;
  (void)nns;
  (void)namespaces;
  (void)ndefaulted;
  if (nattrs == 1)
    *(int *)ctx =
        attrs[4] - attrs[3] == 5 && memcmp(attrs[3], "&#38;", 5) == 0;
}

static void ask_amp(void) {
  static const char doc[] = "<a b=\"&amp;\"/>";
  xmlSAXHandler sax = {0};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = amp_seen;
  int answer = -1;
  xmlParserCtxtPtr c = xmlCreatePushParserCtxt(&sax, &answer, NULL, 0, NULL);
  if (!c)
    return;
  xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING);
  xmlParseChunk(c, doc, (int)sizeof doc - 1, 1);
  xmlFreeParserCtxt(c);
  if (answer >= 0)
    amp_as_reference = answer;
}

/* The value of attribute `i` of a SAX2 start tag, NUL-terminated, in the
 * scratch buffer; its length in `*len`. A "&#38;" libxml2 made of an '&'
 * (amp_as_reference) is turned back into '&': no other can come, since a
 * value's own "&#38;" is written "&amp;#38;". */
static const char *value_of(struct xml_jobs *X, const xmlChar **attrs, int i,
                            size_t *len) {
  const char *v = (const char *)attrs[5 * i + 3];
  size_t n = (size_t)((const char *)attrs[5 * i + 4] - v);
  if (n + 1 > X->capvalue) {
    size_t cap = n + 1 > 2 * X->capvalue ? n + 1 : 2 * X->capvalue;
    char *more = realloc(X->value, cap);
    if (!more)
      return NULL;
    X->value = more;
    X->capvalue = cap;
  }
  size_t k = 0;
  for (const char *p = v, *end = v + n; p < end;) {
    const char *amp = memchr(p, '&', (size_t)(end - p));
    size_t plain = (size_t)((amp ? amp : end) - p);
    memcpy(X->value + k, p, plain);
    k += plain;
    p += plain;
    if (amp) {
      X->value[k++] = '&';
      p += amp_as_reference && (size_t)(end - p) >= 5 &&
                   memcmp(p, "&#38;", 5) == 0
               ? 5
               : 1;
    }
  }
  X->value[k] = '\0';
  *len = k;
  return X->value;
}

static int declare(struct xml_jobs *X, int n, const xmlChar **namespaces) {
  for (int i = 0; i < n; i++) {
    struct declared *room =
        qujat_array_room(X->ns, &X->capns, X->nns, sizeof *room, 8);
    if (!room)
      return 0;
    X->ns = room;
    X->ns[X->nns++] = (struct declared){namespaces[2 * i],
                                        namespaces[2 * i + 1]};
  }
  return 1;
}

/* ------------------------------------------------------------------------
 * The inline profile, built as it is parsed
 * ------------------------------------------------------------------------ */

/* The line a node of the profile's document gets, counted from the
 * profile's first line as line 1: libxml2 2.9 keeps 65 535 at most, the
 * rest of a text's in its psvi, where xmlGetLineNo reads it (as it does
 * with XML_PARSE_BIG_LINES). */
static void set_line(const struct building *B, xmlNodePtr node) {
  long line = B->line - B->first + 1;
  node->line = (unsigned short)(line < 65535 ? line : 65535);
  if (node->type == XML_TEXT_NODE && line >= 65535)
    node->psvi = (void *)(ptrdiff_t)line;
}

/* The profile grew by `n` bytes: past the cap it is dropped, the job's
 * problem. */
static int count(struct xml_jobs *X, size_t n) {
  struct building *B = &X->profile;
  B->count += n;
  if (B->count <= JOB_MAX_PROFILE)
    return 1;
  qujat_job_problem(&X->job, "the inline profile is larger than %d bytes",
                    JOB_MAX_PROFILE);
  xmlFreeDoc(B->doc);
  B->doc = NULL;
  B->at = NULL;
  return 0;
}

/* The namespace `prefix` means at `el` of the profile's document, which
 * declares what the job file declares (NULL: no namespace). */
static xmlNsPtr ns_at(xmlNodePtr el, const xmlChar *prefix,
                      const xmlChar *uri) {
  return uri ? xmlSearchNs(el->doc, el, prefix) : NULL;
}

/* Declares `prefix` as `uri` on `el`, unless `el` declares the prefix
 * already (a nearer declaration of it) or it means `uri` there already. 0
 * when the profile was dropped or memory ran out. */
static int declare_at(struct xml_jobs *X, xmlNodePtr el,
                      const xmlChar *prefix, const xmlChar *uri) {
  for (xmlNsPtr d = el->nsDef; d; d = d->next)
    if (xmlStrEqual(d->prefix, prefix))
      return 1;
  /* An ancestor's own declaration, repeated: not again (as a copy of the
   * parsed tree would not). */
  xmlNsPtr found = el->parent ? xmlSearchNs(el->doc, el->parent, prefix)
                              : NULL;
  if (found && xmlStrEqual(found->href, uri))
    return 1;
  if (!count(X, (size_t)xmlStrlen(uri)))
    return 0;
  if (xmlNewNs(el, uri, prefix))
    return 1;
  no_memory(X);
  return 0;
}

/* An element of the profile: its declarations (at the root also those of
 * <jobs> and <job>, nearest first), its namespace and its attributes. */
static void profile_element(struct xml_jobs *X, const xmlChar *local,
                            const xmlChar *prefix, const xmlChar *uri,
                            int nns, const xmlChar **namespaces, int nattrs,
                            const xmlChar **attrs) {
  struct building *B = &X->profile;
  if (!B->doc || !count(X, strlen((const char *)local) + 5))
    return;
  int is_root = B->at == NULL;
  xmlNodePtr el = xmlNewDocNode(B->doc, NULL, local, NULL);
  if (!el || !el->name) {
    xmlFreeNode(el);
    no_memory(X);
    return;
  }
  if (B->at)
    xmlAddChild(B->at, el);
  else
    xmlDocSetRootElement(B->doc, el);
  long line = input_line(X);
  if (line > B->line)
    B->line = line;
  set_line(B, el);
  B->at = el;
  int ok = 1;
  for (int i = 0; ok && i < nns; i++)
    ok = declare_at(X, el, namespaces[2 * i], namespaces[2 * i + 1]);
  /* The root: what <job>, then <jobs>, declare, the nearest first. */
  for (size_t i = X->nns; ok && is_root && i-- > 0;)
    ok = declare_at(X, el, X->ns[i].prefix, X->ns[i].uri);
  if (!ok)
    return;
  xmlSetNs(el, ns_at(el, prefix, uri));
  for (int i = 0; i < nattrs; i++) {
    size_t len;
    const char *v = value_of(X, attrs, i, &len);
    if (!v) {
      no_memory(X);
      return;
    }
    if (!count(X, xmlStrlen(attrs[5 * i]) + 4 + len))
      return;
    xmlAttrPtr a = xmlNewNsProp(el, ns_at(el, attrs[5 * i + 1],
                                          attrs[5 * i + 2]),
                                attrs[5 * i], BAD_CAST v);
    if (!a || !a->name || (len && (!a->children || !a->children->content))) {
      no_memory(X);
      return;
    }
  }
}

/* Text of the profile: one text node for adjacent text, as when parsed. */
static void profile_text(struct xml_jobs *X, const xmlChar *s, int len) {
  struct building *B = &X->profile;
  if (!B->doc || !B->at || len <= 0 || !count(X, (size_t)len))
    return;
  xmlNodePtr last = B->at->last;
  if (last && last->type == XML_TEXT_NODE) {
    int before = xmlStrlen(last->content);
    xmlNodeAddContentLen(last, s, len);
    if (xmlStrlen(last->content) != before + len)
      no_memory(X);
  } else {
    xmlNodePtr text = xmlNewDocTextLen(B->doc, s, len);
    if (!text || !text->content) {
      xmlFreeNode(text);
      no_memory(X);
      return;
    }
    set_line(B, text);
    xmlAddChild(B->at, text);
  }
  for (const xmlChar *p = s, *end = s + len;
       (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
    B->line++;
}

/* ------------------------------------------------------------------------
 * Jobs
 * ------------------------------------------------------------------------ */

static void root(struct xml_jobs *X, const xmlChar *local,
                 const xmlChar *prefix, const xmlChar *uri, int nns,
                 const xmlChar **namespaces, int nattrs,
                 const xmlChar **attrs) {
  char name[200];
  if (!is(uri, local, JOBS_NS, "jobs")) {
    FATAL(X, input_line(X), "expected <jobs xmlns=\"" JOBS_NS "\">, found <%s>",
          qname(prefix, local, name, sizeof name));
    return;
  }
  if (!declare(X, nns, namespaces)) {
    no_memory(X);
    return;
  }
  X->nroot_ns = X->nns;
  for (int i = 0; i < nattrs; i++) {
    size_t len;
    if (attrs[5 * i + 1] || strcmp((const char *)attrs[5 * i], "date") != 0)
      continue;
    const char *v = value_of(X, attrs, i, &len);
    if (!v || !(X->date = strdup(v))) {
      no_memory(X);
      return;
    }
    if (qujat_date_check(X->date) != QUJAT_OK)
      FATAL(X, input_line(X), "<jobs date=\"%.20s\">: expected YYYY-MM-DD",
            X->date);
  }
}

static void job_start(struct xml_jobs *X, const xmlChar *local,
                      const xmlChar *prefix, const xmlChar *uri, int nns,
                      const xmlChar **namespaces, int nattrs,
                      const xmlChar **attrs) {
  struct job *j = &X->job;
  char name[200];
  qujat_job_clear(j);
  j->index = X->index++;
  j->line = qujat_xml_bytes_line(&X->bytes, 1);
  if (!j->line)
    j->line = input_line(X);
  if (!is(uri, local, JOBS_NS, "job"))
    qujat_job_problem(j, "<%s> in <jobs>: expected <job>",
                      qname(prefix, local, name, sizeof name));
  qujat_status st = QUJAT_OK;
  for (int i = 0; st == QUJAT_OK && i < nattrs; i++) {
    size_t len;
    const char *v = value_of(X, attrs, i, &len);
    st = v ? qujat_job_attribute(j, (const char *)attrs[5 * i],
                                 attrs[5 * i + 2] != NULL, v, len)
           : QUJAT_ERR_NOMEM;
  }
  if (st == QUJAT_OK && !j->date && X->date)
    st = qujat_job_set(&j->date, X->date, strlen(X->date));
  X->nns = X->nroot_ns;
  if (st != QUJAT_OK || !declare(X, nns, namespaces))
    no_memory(X);
}

/* An element in a job: its inline profile, or a problem. */
static void job_child(struct xml_jobs *X, const xmlChar *local,
                      const xmlChar *prefix, const xmlChar *uri) {
  struct job *j = &X->job;
  int line = qujat_xml_bytes_line(&X->bytes, 2);
  char name[200];
  if (!is(uri, local, PROFILE_NS, "profile")) {
    qujat_job_problem(j, "line %d: <%s> inside <job>: a job holds only "
                         "a <profile xmlns=\"" PROFILE_NS "\">",
                      line ? line : input_line(X),
                      qname(prefix, local, name, sizeof name));
    return;
  }
  X->in_profile = 1;
  if (j->profile_doc || j->profile_path || j->profile_xml) {
    qujat_job_problem(j, "a job has one profile: a profile attribute or one "
                         "<profile> element");
    return;
  }
  j->profile_line = line ? line : input_line(X);
  /* Light: only counted, an empty document stands for it. */
  xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
  if (!doc) {
    no_memory(X);
    return;
  }
  if (X->base.light) {
    j->profile_doc = doc;
    return;
  }
  X->profile = (struct building){doc, NULL, j->profile_line,
                                 j->profile_line, 0};
}

/* The end of the inline profile: the job has it, unless it was dropped. */
static void profile_done(struct xml_jobs *X) {
  X->in_profile = 0;
  if (X->profile.doc && X->profile.doc->children)
    X->job.profile_doc = X->profile.doc;
  else
    xmlFreeDoc(X->profile.doc);
  X->profile = (struct building){0};
}

/* The job is complete: queued for next(). */
static void job_done(struct xml_jobs *X) {
  if (X->first > 0 && X->first + X->nqueue == X->capqueue) {
    memmove(X->queue, X->queue + X->first, X->nqueue * sizeof *X->queue);
    X->first = 0;
  }
  struct job *room = qujat_array_room(X->queue, &X->capqueue,
                                      X->first + X->nqueue, sizeof *room, 16);
  if (!room) {
    no_memory(X);
    return;
  }
  X->queue = room;
  X->queue[X->first + X->nqueue++] = X->job;
  memset(&X->job, 0, sizeof X->job);
}

/* ------------------------------------------------------------------------
 * The parser's events
 * ------------------------------------------------------------------------ */

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nns, const xmlChar **namespaces,
                     int nattrs, int ndefaulted, const xmlChar **attrs) {
  (void)ndefaulted; /* none: there is no DTD */
  struct xml_jobs *X = ctx;
  int depth = X->depth++;
  if (X->bytes.failed || X->nomem)
    return;
  if (depth == 0)
    root(X, local, prefix, uri, nns, namespaces, nattrs, attrs);
  else if (depth == 1)
    job_start(X, local, prefix, uri, nns, namespaces, nattrs, attrs);
  else if (depth == 2)
    job_child(X, local, prefix, uri);
  if (X->in_profile && depth >= 2)
    profile_element(X, local, prefix, uri, nns, namespaces, nattrs, attrs);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                   const xmlChar *uri) {
  (void)local;
  (void)prefix;
  (void)uri;
  struct xml_jobs *X = ctx;
  int depth = --X->depth;
  if (X->bytes.failed || X->nomem)
    return;
  if (X->in_profile && depth > 2) {
    if (X->profile.at) /* NULL once the profile was dropped */
      X->profile.at = X->profile.at->parent;
  } else if (X->in_profile && depth == 2) {
    profile_done(X);
  } else if (depth == 1) {
    job_done(X);
  }
}

/* The line of the first character of `s` that is not white space, or 0
 * when all are. The parser gives character data when it is at its end (its
 * line ends made LFs), and a CDATA section (`cdata`) when it is at its
 * start. */
static int text_line(const struct xml_jobs *X, const xmlChar *s, int len,
                     int cdata) {
  int i = 0, before = 0;
  for (; i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
                     s[i] == '\r');
       i++)
    before += s[i] == '\n';
  if (i == len)
    return 0;
  int line = input_line(X);
  if (cdata)
    return line + before;
  for (; i < len; i++)
    line -= s[i] == '\n';
  return line > 0 ? line : 1;
}

static void text(struct xml_jobs *X, const xmlChar *s, int len, int cdata) {
  if (X->bytes.failed || X->nomem)
    return;
  int line;
  if (X->in_profile)
    profile_text(X, s, len);
  else if (X->depth == 1 && (line = text_line(X, s, len, cdata)) != 0)
    FATAL(X, line, "text between jobs: <jobs> holds only <job> elements");
  else if (X->depth == 2 && (line = text_line(X, s, len, cdata)) != 0)
    qujat_job_problem(&X->job, "line %d: text inside <job>", line);
}

static void on_text(void *ctx, const xmlChar *s, int len) {
  text(ctx, s, len, 0);
}

/* CDATA is text (a profile's, one text with what is next to it). */
static void on_cdata(void *ctx, const xmlChar *s, int len) {
  text(ctx, s, len, 1);
}

/* No entity but the five of XML: there is no DTD to declare one. */
static xmlEntityPtr no_entity(void *ctx, const xmlChar *name) {
  (void)ctx;
  (void)name;
  return NULL;
}

/* ------------------------------------------------------------------------
 * The reader
 * ------------------------------------------------------------------------ */

static qujat_status next_job(struct job_reader *base, struct job *j, int *end,
                             qujat_error *err) {
  struct xml_jobs *X = (struct xml_jobs *)base;
  qujat_job_clear(j);
  *end = 0;
  while (X->nqueue == 0 && !X->eof && !X->bytes.failed && !X->nomem &&
         !X->have_error) {
    int n = qujat_xml_bytes_read(&X->bytes, X->chunk, CHUNK);
    if (n < 0)
      break;
    X->eof = n == 0;
    xmlParseChunk(X->ctxt, X->chunk, n, X->eof);
  }
  if (X->nqueue > 0) {
    *j = X->queue[X->first++];
    if (--X->nqueue == 0)
      X->first = 0;
    return QUJAT_OK;
  }
  if (X->bytes.failed || X->nomem || X->have_error ||
      !X->ctxt->wellFormed)
    return reading_failed(X, err);
  *end = 1;
  return QUJAT_OK;
}

static void close_jobs(struct job_reader *base) {
  struct xml_jobs *X = (struct xml_jobs *)base;
  if (!X)
    return;
  if (X->ctxt)
    xmlFreeParserCtxt(X->ctxt);
  xmlFreeDoc(X->profile.doc);
  qujat_job_clear(&X->job);
  for (size_t i = 0; i < X->nqueue; i++)
    qujat_job_clear(&X->queue[X->first + i]);
  free(X->queue);
  free(X->ns);
  free(X->value);
  free(X->chunk);
  qujat_xml_bytes_close(&X->bytes);
  free(X->path);
  free(X->dir);
  free(X->date);
  free(X);
}

qujat_status qujat_jobs_open_xml(const char *path, struct job_reader **out,
                                 qujat_error *err) {
  qujat_xml_init();
  pthread_once(&amp_once, ask_amp);
  *out = NULL;
  struct xml_jobs *X = calloc(1, sizeof *X);
  if (!X)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  X->bytes.fd = -1;
  X->base.next = next_job;
  X->base.close = close_jobs;
  qujat_status st;
  CHECK(qujat_jobs_path_dir(path, &X->path, &X->dir, err));
  X->base.path = X->path;
  X->base.dir = X->dir;
  CHECK(qujat_xml_bytes_open(&X->bytes, X->path, err));
  xmlSAXHandler sax = {0};
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;
  sax.cdataBlock = on_cdata;
  sax.getEntity = no_entity;
  sax.getParameterEntity = no_entity;
  sax.serror = on_error;
  X->chunk = malloc(CHUNK);
  X->ctxt = X->chunk ? xmlCreatePushParserCtxt(&sax, X, NULL, 0, X->path)
                     : NULL;
  if (!X->ctxt) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    goto done;
  }
  /* NONET: never fetch; no NOENT, DTDLOAD, HUGE or XINCLUDE. */
  xmlCtxtUseOptions(X->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING);
  *out = &X->base;
  X = NULL;
  st = QUJAT_OK;
done:
  close_jobs(X ? &X->base : NULL);
  return st;
}
