/* SPDX-License-Identifier: MIT */
#include "catalog/catalog_internal.h"
#include "catalog/profile_doc.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <unistd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "base/base.h"

/*
 * libxml2's process-wide state (the external entity loader, the generic
 * and structured error handlers) belongs to the program that embeds
 * libqujat, which may parse its own DTD-using documents: nothing here
 * changes it. Entities and DTDs are refused per parser context instead
 * (the SAX handlers below), errors go to per-context callbacks, and
 * XML_PARSE_NOERROR | NOWARNING keep the rest off the generic handler.
 */
void qujat_xml_init(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, xmlInitParser);
}

/* No external entity or DTD is ever resolved for qujat's parsers. */
static xmlParserInputPtr refuse_resolve(void *ctx, const xmlChar *public_id,
                                        const xmlChar *system_id) {
  (void)ctx;
  (void)public_id;
  (void)system_id;
  return NULL;
}

/* No entity but the five predefined ones (which the parser looks up
 * itself) exists: there is no DOCTYPE to declare any. */
static xmlEntityPtr refuse_entity(void *ctx, const xmlChar *name) {
  (void)ctx;
  (void)name;
  return NULL;
}

static void refuse_external_subset(void *ctx, const xmlChar *name,
                                   const xmlChar *external_id,
                                   const xmlChar *system_id) {
  (void)ctx;
  (void)name;
  (void)external_id;
  (void)system_id;
}

qujat_status qujat_read_file(const char *path, size_t cap, char **out,
                             size_t *len, qujat_error *err) {
  /* Only a regular file, checked before a byte is read: a FIFO planted
   * where a profile was expected cannot block the reader. */
  int fd = qujat_open_regular(AT_FDCWD, path, 0);
  if (fd < 0 && errno == EISDIR)
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                         "is a directory, expected a file");
  if (fd < 0)
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "cannot open: %s",
                         qujat_open_problem(errno));
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    close(fd);
    return qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  size_t size = 0, alloc = 64 * 1024;
  char *buf = malloc(alloc + 1);
  if (!buf) {
    fclose(f);
    return qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  for (;;) {
    if (size == alloc) {
      if (alloc > cap) {
        free(buf);
        fclose(f);
        return qujat_err_set(err, QUJAT_ERR_LIMIT, path, 0, 0,
                             "file is larger than %zu bytes", cap);
      }
      alloc *= 2;
      char *p = realloc(buf, alloc + 1);
      if (!p) {
        free(buf);
        fclose(f);
        return qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0,
                             "out of memory");
      }
      buf = p;
    }
    size_t n = fread(buf + size, 1, alloc - size, f);
    size += n;
    if (n == 0)
      break;
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(buf);
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "read error");
  }
  if (size > cap) {
    free(buf);
    return qujat_err_set(err, QUJAT_ERR_LIMIT, path, 0, 0,
                         "file is larger than %zu bytes", cap);
  }
  buf[size] = '\0';
  *out = buf;
  *len = size;
  return QUJAT_OK;
}

/* What one parse found out, through the parser context's _private. */
struct parse_state {
  int doctype_line; /* where a DOCTYPE started, or 0 */
  int have_error;   /* the first error is the useful one */
  int nomem;        /* an allocation failed: whatever else, that is it */
  int line, column;
  char msg[QUJAT_ERROR_MSG_SIZE];
};

static void copy_message(char *dst, size_t size, const char *msg);

/* Called by the parser when it meets "<!DOCTYPE name": stop right there,
 * before any entity declaration of the internal subset is read. */
static void refuse_doctype(void *ctx, const xmlChar *name,
                           const xmlChar *external_id,
                           const xmlChar *system_id) {
  (void)name;
  (void)external_id;
  (void)system_id;
  xmlParserCtxtPtr ctxt = ctx;
  struct parse_state *ps = ctxt->_private;
  ps->doctype_line = ctxt->input ? ctxt->input->line : 1;
  xmlStopParser(ctxt);
}

/* Keeps the first error: later ones are often consequences of it. */
static void first_error(void *ctx, xmlErrorPtr e) {
  xmlParserCtxtPtr ctxt = ctx;
  struct parse_state *ps = ctxt ? ctxt->_private : NULL;
  if (ps && e && e->code == XML_ERR_NO_MEMORY)
    ps->nomem = 1;
  if (!ps || !e || ps->have_error || e->level == XML_ERR_WARNING)
    return;
  ps->have_error = 1;
  ps->line = e->line;
  ps->column = e->int2;
  copy_message(ps->msg, sizeof ps->msg, e->message);
}

static void copy_message(char *dst, size_t size, const char *msg) {
  snprintf(dst, size, "%s", msg ? msg : "malformed XML");
  size_t n = strlen(dst);
  while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
    dst[--n] = '\0';
}

/* The encoding an XML declaration names when it is not UTF-8, or NULL (a
 * static copy of its first bytes). */
static const char *declared_encoding(const char *buf, size_t len) {
  static _Thread_local char named[24];
  size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  if (len - i < 6 || memcmp(buf + i, "<?xml", 5) != 0)
    return NULL;
  size_t end = i;
  while (end + 1 < len && end < i + 512 && !(buf[end] == '?' && buf[end + 1] == '>'))
    end++;
  for (size_t k = i; k + 8 < end; k++) {
    if (memcmp(buf + k, "encoding", 8) != 0)
      continue;
    size_t q = k + 8;
    while (q < end && (buf[q] == ' ' || buf[q] == '=' || buf[q] == '\t' ||
                       buf[q] == '\r' || buf[q] == '\n'))
      q++;
    if (q >= end || (buf[q] != '"' && buf[q] != '\''))
      return NULL;
    char quote = buf[q++];
    size_t v = q;
    while (q < end && buf[q] != quote)
      q++;
    size_t n = q - v;
    if (n == 5 && strncasecmp(buf + v, "UTF-8", 5) == 0)
      return NULL;
    snprintf(named, sizeof named, "%.*s", (int)(n < 20 ? n : 20), buf + v);
    return named;
  }
  return NULL;
}

qujat_status qujat_xml_parse(const char *buf, size_t len, const char *name,
                             size_t cap, xmlDocPtr *out, qujat_error *err) {
  qujat_xml_init();
  *out = NULL;
  if (len > cap)
    return qujat_err_set(err, QUJAT_ERR_LIMIT, name, 0, 0,
                         "input is larger than %zu bytes", cap);
  if (len > (size_t)0x7fffffff)
    return qujat_err_set(err, QUJAT_ERR_LIMIT, name, 0, 0, "input too large");
  int line = 0, col = 0;
  const char *named = declared_encoding(buf, len);
  if (named)
    return qujat_err_set(err, QUJAT_ERR_XML, name, 1, 0,
                         "the XML declaration names the encoding '%.20s': "
                         "qujat reads XML in UTF-8 only",
                         named);
  if (!qujat_utf8_valid(buf, len, &line, &col))
    return qujat_err_set(err, QUJAT_ERR_XML, name, line, col,
                         "invalid UTF-8 (qujat reads XML in UTF-8 only)");

  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  struct parse_state ps = {0};
  ctxt->_private = &ps;
  ctxt->sax->internalSubset = refuse_doctype;
  ctxt->sax->externalSubset = refuse_external_subset;
  ctxt->sax->resolveEntity = refuse_resolve;
  ctxt->sax->getEntity = refuse_entity;
  ctxt->sax->getParameterEntity = refuse_entity;
  ctxt->sax->serror = first_error;
  /* NONET: never fetch; no NOENT, DTDLOAD, HUGE, RECOVER or XINCLUDE. */
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
  xmlDocPtr doc =
      xmlCtxtReadMemory(ctxt, buf, (int)len, name ? name : "", "UTF-8",
                        options);
  qujat_status st = QUJAT_OK;
  /* libxml2 2.9 may go on after an allocation failed (a text or an
   * attribute value lost, the document still "well formed"): no document
   * then, out of memory. */
  const xmlError *last = xmlCtxtGetLastError(ctxt);
  if (ps.nomem || ctxt->errNo == XML_ERR_NO_MEMORY ||
      (last && last->code == XML_ERR_NO_MEMORY)) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  } else if (ps.doctype_line) {
    st = qujat_err_set(err, QUJAT_ERR_XML, name, ps.doctype_line, 0,
                       "a DOCTYPE is not allowed (no DTDs or entities)");
  } else if (!doc || !ctxt->wellFormed || ps.have_error) {
    if (!ps.have_error) {
      const xmlError *e = xmlCtxtGetLastError(ctxt);
      ps.line = e ? e->line : 0;
      ps.column = e ? e->int2 : 0;
      copy_message(ps.msg, sizeof ps.msg, e ? e->message : NULL);
    }
    st = qujat_err_set(err, QUJAT_ERR_XML, name, ps.line, ps.column, "%s",
                       ps.msg);
  } else if (doc->intSubset || doc->extSubset) {
    st = qujat_err_set(err, QUJAT_ERR_XML, name, 1, 0,
                       "a DOCTYPE is not allowed (no DTDs or entities)");
  } else if (!xmlDocGetRootElement(doc)) {
    st = qujat_err_set(err, QUJAT_ERR_XML, name, 1, 0, "no root element");
  }
  ctxt->_private = NULL;
  xmlFreeParserCtxt(ctxt);
  if (st != QUJAT_OK) {
    xmlFreeDoc(doc);
    return st;
  }
  *out = doc;
  return QUJAT_OK;
}

/* Collects schema errors (parsing or validation) into the caller's error
 * and diagnostics callback. */
struct diag_sink {
  const char *name;
  qujat_diag_fn diag;
  void *user;
  qujat_error *err;
  int count;
  int nomem; /* libxml2 ran out of memory (or says "Internal error") */
};

static void sink_error(void *user, xmlErrorPtr e) {
  struct diag_sink *s = user;
  /* libxml2 follows an invalid value under a uniqueness constraint with a
   * second, empty-handed "Warning" error: the first says it all. */
  if (e && (e->code == XML_ERR_NO_MEMORY || e->code == XML_SCHEMAV_INTERNAL ||
            (e->message && strncmp(e->message, "Internal error", 14) == 0)))
    s->nomem = 1; /* what libxml2 2.9 says when an allocation failed */
  if (!e || e->level == XML_ERR_WARNING ||
      (e->message && strstr(e->message, "No precomputed value available")))
    return;
  qujat_error tmp;
  char msg[QUJAT_ERROR_MSG_SIZE];
  copy_message(msg, sizeof msg, e->message);
  const char *file = e->file && *e->file ? e->file : s->name;
  qujat_err_set(&tmp, QUJAT_ERR_CATALOG, file, e->line, 0, "%s", msg);
  if (s->count == 0 && s->err)
    *s->err = tmp;
  s->count++;
  if (s->diag)
    s->diag(&tmp, s->user);
}

qujat_status qujat_xml_parse_file(const char *path, size_t cap,
                                  xmlDocPtr *out, qujat_error *err) {
  char *buf = NULL;
  size_t len = 0;
  *out = NULL;
  qujat_status st = qujat_read_file(path, cap, &buf, &len, err);
  if (st == QUJAT_OK)
    st = qujat_xml_parse(buf, len, path, cap, out, err);
  free(buf);
  return st;
}

qujat_status qujat_xml_schema_load(const char *path, xmlSchemaPtr *out,
                                   qujat_error *err) {
  xmlDocPtr doc = NULL;
  qujat_status st;
  CHECK(qujat_xml_parse_file(path, QUJAT_MAX_XML_BYTES, &doc, err));
  /* A schema of the data directory is self-contained: xs:include, import
   * and redefine would be fetched through the process-wide loader, which
   * is the host program's, not ours (and may go to the network). */
  for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE &&
        (xmlStrEqual(n->name, BAD_CAST "include") ||
         xmlStrEqual(n->name, BAD_CAST "import") ||
         xmlStrEqual(n->name, BAD_CAST "redefine"))) {
      st = qujat_err_set(err, QUJAT_ERR_CATALOG, path, xmlGetLineNo(n), 0,
                         "xs:%s is not allowed: a schema of the data "
                         "directory must be self-contained", n->name);
      goto done;
    }
  }
  xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewDocParserCtxt(doc);
  if (!pctxt) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  struct diag_sink sink = {path, NULL, NULL, err, 0, 0};
  xmlSchemaSetParserStructuredErrors(pctxt, sink_error, &sink);
  *out = xmlSchemaParse(pctxt);
  xmlSchemaFreeParserCtxt(pctxt);
  if (!*out) {
    if (sink.count == 0)
      qujat_err_set(err, QUJAT_ERR_CATALOG, path, 0, 0, "invalid schema");
    st = QUJAT_ERR_CATALOG;
  }
done:
  xmlFreeDoc(doc);
  return st;
}

qujat_status qujat_xml_validate(xmlSchemaPtr schema, xmlDocPtr doc,
                                const char *name, qujat_diag_fn diag,
                                void *user, qujat_error *err) {
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
  if (!vctxt)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  struct diag_sink sink = {name, diag, user, err, 0, 0};
  xmlSchemaSetValidStructuredErrors(vctxt, sink_error, &sink);
  int rc = xmlSchemaValidateDoc(vctxt, doc);
  xmlSchemaFreeValidCtxt(vctxt);
  if (sink.nomem)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  if (rc == 0)
    return QUJAT_OK;
  if (sink.count == 0)
    qujat_err_set(err, QUJAT_ERR_CATALOG, name, 0, 0,
                  "does not match the schema");
  return QUJAT_ERR_CATALOG;
}

int qujat_xml_is(const xmlNode *node, const char *ns, const char *name) {
  /* A node libxml2 built short of memory may lack its names. */
  return node && node->type == XML_ELEMENT_NODE && node->ns &&
         node->ns->href && node->name &&
         strcmp((const char *)node->ns->href, ns) == 0 &&
         strcmp((const char *)node->name, name) == 0;
}

xmlNodePtr qujat_xml_elem(xmlNodePtr node) {
  while (node && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

qujat_status qujat_xml_parse_root(const char *path, size_t cap,
                                  const char *ns, const char *name,
                                  const char *lang, qujat_status kind,
                                  xmlDocPtr *doc, xmlNodePtr *root,
                                  qujat_error *err) {
  qujat_status st = qujat_xml_parse_file(path, cap, doc, err);
  if (st != QUJAT_OK)
    return st;
  *root = xmlDocGetRootElement(*doc);
  int ok = qujat_xml_is(*root, ns, name);
  if (ok && lang) {
    xmlChar *l = xmlGetProp(*root, BAD_CAST "lang");
    ok = l && strcmp((const char *)l, lang) == 0;
    xmlFree(l);
  }
  if (ok)
    return QUJAT_OK;
  if (lang)
    return qujat_err_set(err, kind, path, (*root)->line, 0,
                         "expected <%s xmlns=\"%s\" lang=\"%s\">", name, ns,
                         lang);
  return qujat_err_set(err, kind, path, (*root)->line, 0,
                       "expected <%s xmlns=\"%s\">", name, ns);
}

xmlNodePtr qujat_xml_named(xmlNodePtr node, const char *ns, const char *name) {
  for (node = qujat_xml_elem(node); node && !qujat_xml_is(node, ns, name);
       node = qujat_xml_elem(node->next))
    ;
  return node;
}

const char *qujat_xml_attr(struct arena *arena, xmlNodePtr n,
                           const char *name) {
  /* Absent and out of memory are told apart: xmlGetProp returns NULL for
   * both. An allocation that fails marks the arena, which every loader
   * checks at its end (QUJAT_ERR_NOMEM), and "" stands in till then. */
  xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);
  if (!a)
    return NULL;
  /* Most values are one text node, read where it is; a value of several
   * (entities, as a tree may hold them) is joined by libxml2. */
  const xmlNode *one = a->children;
  if (one && !one->next && one->type == XML_TEXT_NODE && one->content) {
    const char *s = qujat_arena_strdup_nfc(arena, (const char *)one->content);
    return s ? s : "";
  }
  xmlChar *v = xmlGetProp(n, BAD_CAST name);
  if (!v) {
    arena->failed = 1;
    return "";
  }
  const char *s = qujat_arena_strdup_nfc(arena, (const char *)v);
  xmlFree(v);
  return s ? s : "";
}

qujat_status qujat_xml_required(struct arena *arena, xmlNodePtr n,
                                const char *name, const char *file,
                                const char **out, qujat_error *err) {
  *out = qujat_xml_attr(arena, n, name);
  if (arena->failed)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, file, 0, 0, "out of memory");
  if (!*out || !**out)
    return qujat_err_set(err, QUJAT_ERR_CATALOG, file, n->line, 0,
                         "<%s> lacks the attribute '%s'", (const char *)n->name,
                         name);
  return QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * Copying a part of a document with its line numbers
 * ------------------------------------------------------------------------ */

struct copy {
  xmlDocPtr doc;
  long first; /* the original's line that line 1 of the copy stands for */
  long line;  /* the original's line at the point copied */
  size_t size, limit;
  qujat_status st;
};

/* Counts `s` and `markup` bytes of the part against its limit. */
static void copy_count(struct copy *C, const xmlChar *s, size_t markup) {
  C->size += (s ? strlen((const char *)s) : 0) + markup;
  if (C->size > C->limit && C->st == QUJAT_OK)
    C->st = QUJAT_ERR_LIMIT;
}

/* Out of memory unless `ok`. libxml2 2.9's constructors keep going when a
 * copy of a name or a text fails, so what they made is checked too. */
static void copy_check(struct copy *C, int ok) {
  if (!ok && C->st == QUJAT_OK)
    C->st = QUJAT_ERR_NOMEM;
}

/* The line of the copy (from 1) for the original's line C->line, as a node
 * keeps it: 65 535 at most, the rest in a text node's psvi, where libxml2
 * keeps it with XML_PARSE_BIG_LINES (xmlGetLineNo reads it there). */
static long copy_line(const struct copy *C, xmlNodePtr node) {
  long line = C->line - C->first + 1;
  node->line = (unsigned short)(line < 65535 ? line : 65535);
  if (node->type == XML_TEXT_NODE && line >= 65535)
    node->psvi = (void *)(ptrdiff_t)line;
  return line;
}

/* The copy's namespace for the original's `ns` in scope at `el`: the one
 * declared there, or a declaration added to `el`. */
static xmlNsPtr copy_ns_of(struct copy *C, xmlNodePtr el, const xmlNs *ns) {
  if (!ns || C->st != QUJAT_OK)
    return NULL;
  xmlNsPtr found = xmlSearchNs(C->doc, el, ns->prefix);
  if (found && xmlStrEqual(found->href, ns->href))
    return found;
  copy_count(C, ns->href, 0);
  found = xmlNewNs(el, ns->href, ns->prefix);
  copy_check(C, found && found->href && (!ns->prefix || found->prefix));
  return found;
}

static void copy_node(struct copy *C, xmlNodePtr n, xmlNodePtr parent);

/* Whether an attribute's value, these nodes, is empty. */
static int empty(const xmlNode *value) {
  for (; value; value = value->next)
    if (value->content && value->content[0])
      return 0;
  return 1;
}

/* Element `n` as a child of `parent` (NULL: the root). The part stands
 * alone: the root declares every namespace in scope at `n` in the
 * original, e.g. a prefix declared on <jobs>. */
static void copy_element(struct copy *C, xmlNodePtr n, xmlNodePtr parent) {
  xmlNodePtr el = xmlNewDocNode(C->doc, NULL, n->name, NULL);
  if (!el || !el->name) {
    xmlFreeNode(el);
    C->st = QUJAT_ERR_NOMEM;
    return;
  }
  if (parent)
    xmlAddChild(parent, el);
  else
    xmlDocSetRootElement(C->doc, el);
  /* An element's own line is exact below 65 535 only (libxml2 2.9 keeps
   * it in 16 bits and guesses the rest from its neighbours): past it, the
   * line the text before it has come to, never a guess. */
  if (n->line < 65535 && (long)n->line > C->line)
    C->line = n->line;
  copy_line(C, el);
  copy_count(C, n->name, 5);
  for (const xmlNs *ns = n->nsDef; ns && C->st == QUJAT_OK; ns = ns->next)
    copy_ns_of(C, el, ns);
  /* NULL when out of memory as when there is none: then only the
   * declarations no element of the part uses are missing, since each use
   * declares what it does not find (copy_ns_of). */
  xmlNsPtr *scope = parent ? NULL : xmlGetNsList(n->doc, n);
  for (size_t i = 0; scope && scope[i]; i++)
    copy_ns_of(C, el, scope[i]);
  xmlFree(scope);
  xmlSetNs(el, copy_ns_of(C, el, n->ns));
  for (xmlAttrPtr a = n->properties; a && C->st == QUJAT_OK; a = a->next) {
    /* The value: most often one text node, taken as it is. */
    const xmlNode *one = a->children;
    xmlChar *joined = NULL;
    if (one && (one->next || one->type != XML_TEXT_NODE)) {
      joined = xmlNodeListGetString(n->doc, a->children, 1);
      if (!joined && !empty(a->children)) /* out of memory */
        C->st = QUJAT_ERR_NOMEM;
    }
    const xmlChar *v = joined ? joined
                       : one && !one->next && one->content ? one->content
                                                           : BAD_CAST "";
    copy_count(C, a->name, 4);
    copy_count(C, v, 0);
    xmlNsPtr ns = copy_ns_of(C, el, a->ns);
    xmlAttrPtr copy =
        C->st == QUJAT_OK ? xmlNewNsProp(el, ns, a->name, v) : NULL;
    if (C->st == QUJAT_OK) /* its name, and its value's text if any */
      copy_check(C, copy && copy->name &&
                        (!*v || (copy->children && copy->children->content)));
    xmlFree(joined);
  }
  for (xmlNodePtr c = n->children; c && C->st == QUJAT_OK; c = c->next)
    copy_node(C, c, el);
}

/* Text and CDATA become text (adjacent ones one text, as when parsed),
 * on the line where it starts; comments and processing instructions are
 * left out. */
static void copy_node(struct copy *C, xmlNodePtr n, xmlNodePtr parent) {
  if (n->type == XML_ELEMENT_NODE) {
    copy_element(C, n, parent);
    return;
  }
  if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
    return;
  copy_count(C, n->content, 0);
  const char *s = (const char *)n->content;
  if (C->st != QUJAT_OK || !s || !*s)
    return;
  xmlNodePtr last = parent->last;
  if (last && last->type == XML_TEXT_NODE) {
    /* After text, whatever came between them left out: one text. */
    int before = xmlStrlen(last->content);
    xmlNodeAddContent(last, n->content);
    copy_check(C, xmlStrlen(last->content) == before + xmlStrlen(n->content));
  } else {
    xmlNodePtr text = xmlNewDocText(C->doc, n->content);
    copy_check(C, text && text->content);
    if (C->st != QUJAT_OK) {
      xmlFreeNode(text);
      return;
    }
    copy_line(C, text);
    xmlAddChild(parent, text);
  }
  for (const char *p = s; (p = strchr(p, '\n')) != NULL; p++)
    C->line++;
}

qujat_status qujat_xml_copy_lines(xmlNodePtr node, long first, size_t limit,
                                  xmlDocPtr *out) {
  struct copy C = {xmlNewDoc(BAD_CAST "1.0"), first, first, 0, limit,
                   QUJAT_OK};
  *out = NULL;
  if (!C.doc)
    return QUJAT_ERR_NOMEM;
  copy_element(&C, node, NULL);
  if (C.st != QUJAT_OK) {
    xmlFreeDoc(C.doc);
    return C.st;
  }
  *out = C.doc;
  return QUJAT_OK;
}
