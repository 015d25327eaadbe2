/* SPDX-License-Identifier: MIT */
/*
 * Shared by the files of src/lib/catalog/ only: the safe libxml2 reader
 * and the catalog reader's helpers, which carry libxml2 types.
 */
#ifndef QUJAT_CATALOG_CATALOG_INTERNAL_H
#define QUJAT_CATALOG_CATALOG_INTERNAL_H

#include <stddef.h>
#include <nettle/sha2.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "base/base.h"
#include "catalog/catalog.h"

/*
 * Reading untrusted XML safely with libxml2 2.9 (PITFALLS.md): no network,
 * no DTD, no entity of any kind, strict UTF-8, size caps, locations in every
 * error. Only files that deal with XML include this header; the libxml2
 * types in it never leave them.
 */

/* Caps on what qujat reads. */
#define QUJAT_MAX_XML_BYTES ((size_t)4 * 1024 * 1024)
#define QUJAT_MAX_PROFILE_BYTES ((size_t)1024 * 1024)

/* Reads a whole file of at most `cap` bytes into a malloc'ed buffer. */
qujat_status qujat_read_file(const char *path, size_t cap, char **out,
                             size_t *len, qujat_error *err);

/*
 * Parses `buf[0..len)` (named `name` in errors) into `*out`: rejects more
 * than `cap` bytes, bytes that are not strict UTF-8, a DOCTYPE (before any
 * declaration in it is read) and any error or warning of the parser, with
 * file:line:col. Free `*out` with xmlFreeDoc.
 */
qujat_status qujat_xml_parse(const char *buf, size_t len, const char *name,
                             size_t cap, xmlDocPtr *out, qujat_error *err);

/* qujat_read_file and qujat_xml_parse of a file of at most `cap` bytes. */
qujat_status qujat_xml_parse_file(const char *path, size_t cap,
                                  xmlDocPtr *out, qujat_error *err);

/*
 * The validation stamp of the catalog files (catalog_stamp.c): begin, add
 * the schema and each file by name and bytes, end (s->hex is then the
 * SHA-256), then ask whether the user's cache holds a stamp of exactly
 * these bytes (1: they were validated before) or leave one after a load
 * that validated them. Failures only ever mean "not seen".
 */
struct qujat_stamp {
  struct sha256_ctx ctx;
  char hex[65];
};
void qujat_stamp_begin(struct qujat_stamp *s);
void qujat_stamp_add(struct qujat_stamp *s, const char *name,
                     const void *data, size_t len);
void qujat_stamp_end(struct qujat_stamp *s);
int qujat_stamp_seen(const struct qujat_stamp *s);
void qujat_stamp_write(const struct qujat_stamp *s);

/* The user's cache directory of stamps and compiled catalogs, opened
 * (O_DIRECTORY, O_NOFOLLOW), or -1 when there is none fit for use:
 * $QUJAT_CACHE_DIR (empty: none), else $XDG_CACHE_HOME/qujat, else
 * $HOME/.cache/qujat; it must be the user's own and not writable by
 * others. `create`: make it (0700) when it is missing. */
int qujat_cache_dir(int create);

/* Writes `len` bytes as `name` in the cache directory `dir`, whole or not
 * at all: to a temporary file (O_EXCL, O_NOFOLLOW, 0600) renamed over the
 * name. Returns 1 when written; a failure only means no file. */
int qujat_cache_write(int dir, const char *name, const void *data,
                      size_t len);

/*
 * The file index of a data directory (catalog_index.c): the stat(2) states
 * of the files a compiled catalog's key is made from, taken before they
 * are read (begin, then add each path in a fixed order), and the key they
 * gave. qujat_files_index_find: 1 and the key in `key` when the index of
 * the directory tagged `tag` holds exactly these states; 0 otherwise (then
 * read and hash the files). qujat_files_index_save records the key for
 * these states, unless a file changed too recently to be told apart from
 * a later change (`settled` is 0).
 */
struct qujat_files_state {
  struct buf text;
  long long settled_before; /* ns since the epoch */
  int settled, failed;
};
void qujat_files_state_begin(struct qujat_files_state *s, const char *dir);
void qujat_files_state_add(struct qujat_files_state *s, const char *path);
void qujat_files_state_free(struct qujat_files_state *s);
int qujat_files_index_find(const struct qujat_files_state *s,
                           const char *tag, char *key, size_t key_size);
void qujat_files_index_save(const struct qujat_files_state *s,
                            const char *tag, const char *key);

/*
 * The compiled catalog (catalog_cache.c): the whole model of a data
 * directory, in a file of the cache directory named by `key`: DIRTAG-HASH,
 * a tag of the directory's name and the SHA-256 of every file the load
 * reads; saving one removes the older ones of the same DIRTAG. qujat_model_cache_load fills the freshly
 * made catalog `c` from it and returns 1, or returns 0 and leaves `c` as
 * it was (no file, another build, a corrupt or truncated file...); -1: out
 * of memory. qujat_model_cache_save writes one after a load from the XML;
 * a failure only means no cache.
 */
int qujat_model_cache_load(struct qujat_catalog *c, const char *key);
void qujat_model_cache_save(const struct qujat_catalog *c, const char *key);

/*
 * What the compiled catalog knows of the model's types
 * (catalog_cache_types.c): for each struct its size and every field that
 * is not plain data, so that the structs can be copied as they are and
 * only these fields rewritten (pointers to offsets in the file and back).
 * A field the table does not name is copied byte for byte: every pointer
 * of the model must be named here (catalog.h says so where they are).
 */
enum cache_kind {
  CK_END = 0,
  CK_STR,   /* const char *, or NULL */
  CK_ARR,   /* an array of `sub`, its size_t count at `count` */
  CK_SUB,   /* a struct `sub` inside this one */
  CK_REF,   /* a pointer into one of the catalog's tables (`table`) */
  CK_REFS,  /* an array of such pointers, its count at `count` */
  CK_STRS,  /* an array of strings, its count at `count` */
  CK_NULL,  /* a pointer that is made again on load (compiled XPath) */
  CK_INT,   /* an int (or enum) that must lie in [min, max] */
  CK_COUNT  /* a size_t of at most `max` */
};

enum cache_table {
  CT_SOURCE, CT_EDITION, CT_CONDITION, CT_DOCUMENT, CT_PROCEDURE, CT_NOTE,
  CT_GROUP, CT_SERVICE, CT_CATEGORY, CT_NTABLES
};

struct cache_type;
struct cache_field {
  unsigned char kind;  /* enum cache_kind */
  unsigned char table; /* enum cache_table, for CK_REF and CK_REFS */
  unsigned char null_ok; /* CK_REFS: the array may be NULL with a count */
  int min, max;
  size_t off, count;
  const struct cache_type *sub;
};
struct cache_type {
  size_t size;
  const struct cache_field *fields; /* ends with CK_END */
};

#ifdef QUJAT_UNITTEST
/* The compiled catalog's checksum of its bytes after the header. */
uint64_t qujat_cache_checksum(const unsigned char *p, size_t n);
/* The file index's rule: a file whose times are not both before `before`
 * (ns since the epoch) has not settled; and the margin itself. */
int qujat_index_settled(long long mtime_ns, long long ctime_ns,
                        long long before);
extern long long qujat_index_settle_ns;
#endif

/* The model's root: struct qujat_catalog, its tables first. */
extern const struct cache_type qujat_cache_catalog_type;

/* The schemas of a data directory, compiled on first use and kept with the
 * catalog (catalog_schemas.c); thread-safe. NULL and QUJAT_OK when the
 * catalog has no data directory (qujat_catalog_load_memory). */
enum qujat_schema_kind {
  QUJAT_SCHEMA_CATALOG = 0,
  QUJAT_SCHEMA_PROFILE,
  QUJAT_SCHEMA_FEES,
  QUJAT_SCHEMA_JOBS
};
qujat_status qujat_catalog_schema(const struct qujat_catalog *c,
                                  enum qujat_schema_kind kind,
                                  xmlSchemaPtr *out, qujat_error *err);

/* Loads and compiles an XSD from a file (no includes, no network). */
qujat_status qujat_xml_schema_load(const char *path, xmlSchemaPtr *out,
                                   qujat_error *err);

/*
 * Validates `doc` against `schema`. Every problem goes to `diag` (may be
 * NULL) as QUJAT_ERR_CATALOG with file, line and message; the first is also
 * stored in `err`. Returns QUJAT_OK when valid.
 */
qujat_status qujat_xml_validate(xmlSchemaPtr schema, xmlDocPtr doc,
                                const char *name, qujat_diag_fn diag,
                                void *user, qujat_error *err);

/* The attribute `name` of `n` copied into `arena`, or NULL when absent
 * ("" when the copy fails: the arena's `failed` flag says so). */
const char *qujat_xml_attr(struct arena *arena, xmlNodePtr n,
                           const char *name);

/* A required, non-empty attribute; otherwise QUJAT_ERR_CATALOG
 * "<elem> lacks the attribute 'name'" at `file`:line. */
qujat_status qujat_xml_required(struct arena *arena, xmlNodePtr n,
                                const char *name, const char *file,
                                const char **out, qujat_error *err);


/* qujat_xml_parse_file, then its root: it must be <name xmlns="ns">, with
 * lang="lang" unless `lang` is NULL; else `kind` "expected <name
 * xmlns=...>" at the root's line. *doc is the caller's to free, also on
 * failure. */
qujat_status qujat_xml_parse_root(const char *path, size_t cap,
                                  const char *ns, const char *name,
                                  const char *lang, qujat_status kind,
                                  xmlDocPtr *doc, xmlNodePtr *root,
                                  qujat_error *err);

/* Whether `node` is an element named `name` in namespace `ns`. */
int qujat_xml_is(const xmlNode *node, const char *ns, const char *name);

/* The next element sibling starting at `node` itself (NULL at the end). */
xmlNodePtr qujat_xml_elem(xmlNodePtr node);

/* The next element sibling named `name` in `ns`, starting at `node`
 * itself (NULL at the end). */
xmlNodePtr qujat_xml_named(xmlNodePtr node, const char *ns, const char *name);

/* Each child element of `parent` named `name` in `ns`, in document order,
 * as `c`. */
#define QUJAT_XML_EACH(c, parent, ns, name)                                  \
  for (xmlNodePtr c = qujat_xml_named((parent)->children, ns, name); c;     \
       c = qujat_xml_named(c->next, ns, name))

/* Building the catalog model from parsed, validated XML documents. */

/* Caps: no real catalog comes near them; a hostile one stops here. */
#define QUJAT_MAX_CATALOG_FILES 256
#define QUJAT_MAX_ELEMENTS 4000 /* of each kind */

/*
 * Reads every definition of the documents `docs[0..n)` (each a <catalog>
 * root, named `names[i]` in errors) into `c`, resolves every reference and
 * checks the semantics the schema cannot express (unique ids, references,
 * fee arithmetic against the MCI, XPath that compiles, text placeholders).
 */
qujat_status qujat_catalog_build(struct qujat_catalog *c, xmlDocPtr *docs,
                                 const char *const *names, size_t n,
                                 qujat_error *err);

/*
 * The catalog reader, shared by the files that read the catalog's elements:
 * catalog_read_util.c (attributes, texts, sources, lookups), catalog_defs.c
 * (sources, editions, MCI, conditions, documents, procedures, notes,
 * groups), catalog_services.c, catalog_fines.c, and catalog_read.c (the
 * driver). Only these files include it.
 */

#define NS QUJAT_CATALOG_NS

struct reader {
  struct qujat_catalog *c;
  qujat_error *err;
  const char *file; /* the file being read */

  struct source *sources;
  struct edition *editions;
  struct mci *mcis;
  struct condition *conditions;
  struct document *documents;
  struct procedure *procedures;
  struct note *notes;
  struct group *groups;
  struct service *services;
  struct fine *fines;
  size_t nfines;
  struct visa_category *categories;
  size_t ncategories;
  struct country_list *lists;
  struct category_change *changes;
  struct category_name *category_names;
  struct calendar *calendars;
  size_t nlists, nchanges, ncategory_names, ncalendars, netas,
      narrivals;
  size_t nsources, neditions, nmcis, nconditions, ndocuments, nprocedures,
      nnotes, ngroups, nservices;
  size_t *service_group; /* group index of each service, for ordering */
  const char **same_as;  /* same-as id of each service, resolved last */
  int *same_as_line;
  int *service_line;
  const char **service_file;
};

/* Helpers (catalog_read_util.c) ------------------------------------------ */

/* QUJAT_ERR_CATALOG at the element's line in the current file. */
qujat_status qujat_cr_fail(struct reader *R, const xmlNode *n, const char *fmt,
                           ...) QUJAT_PRINTF(3, 4);
qujat_status qujat_cr_nomem(struct reader *R);
/* `n` zeroed elements of `size` bytes in the catalog's arena. */
void *qujat_cr_alloc(struct reader *R, size_t n, size_t size);
const char *qujat_cr_attr(struct reader *R, xmlNodePtr n, const char *name);
qujat_status qujat_cr_req_attr(struct reader *R, xmlNodePtr n,
                               const char *name, const char **out);
int qujat_cr_attr_is(struct reader *R, xmlNodePtr n, const char *name,
                     const char *value);
/* A whole number from 0 to 100000; 0 when absent. */
qujat_status qujat_cr_int_attr(struct reader *R, xmlNodePtr n,
                               const char *name, int *out);
qujat_status qujat_cr_date_attr(struct reader *R, xmlNodePtr n,
                                const char *name, struct date *out);
xmlNodePtr qujat_cr_first_child(xmlNodePtr n, const char *name);
size_t qujat_cr_count_children(xmlNodePtr n, const char *name);
/* <x><kk/><ru/><en/></x>, all three in that order. */
qujat_status qujat_cr_read_text3(struct reader *R, xmlNodePtr n,
                                 struct text3 *t);
qujat_status qujat_cr_read_text3_child(struct reader *R, xmlNodePtr n,
                                       const char *name, struct text3 *t);
/* The <source ref section/> children: at least one. */
qujat_status qujat_cr_read_cites(struct reader *R, xmlNodePtr n,
                                 struct cites *out);
/* <note ref/> children. */
qujat_status qujat_cr_read_note_refs(struct reader *R, xmlNodePtr n,
                                     const struct note *const **out,
                                     size_t *nout);
/* Reads the required id="..." of `n` into `*id` and fails if one of the
 * `count` items already read (an array of `stride`-byte structs whose first
 * member is `const char *id`) has it: ids are unique within their kind.
 * QUJAT_CR_NEW_ID passes the stride of the array's element type. */
qujat_status qujat_cr_read_new_id(struct reader *R, xmlNodePtr n,
                                  const char *kind, const void *items,
                                  size_t count, size_t stride,
                                  const char **id);
#define QUJAT_CR_NEW_ID(R, n, kind, items, count, id)                          \
  qujat_cr_read_new_id((R), (n), (kind), (items), (count), sizeof *(items),    \
                       (id))
/* An optional <name> child in three languages: `*has` says whether it was
 * there; read as qujat_cr_read_text3 when it is. */
qujat_status qujat_cr_read_optional_text3(struct reader *R, xmlNodePtr n,
                                          const char *name, int *has,
                                          struct text3 *t);
const struct source *qujat_cr_find_source(struct reader *R, const char *id);
const struct condition *qujat_cr_find_condition(struct reader *R,
                                                const char *id);
const struct document *qujat_cr_find_document(struct reader *R,
                                              const char *id);
const struct procedure *qujat_cr_find_procedure(struct reader *R,
                                                const char *id);
const struct note *qujat_cr_find_note(struct reader *R, const char *id);
const struct edition *qujat_cr_find_edition(struct reader *R,
                                            const char *id);

/* Element readers: each reads one element into the next free slot. */
qujat_status qujat_cr_read_source(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_edition(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_mci(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_condition(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_document(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_procedure(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_note(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_group(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_service(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_fine(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_category(struct reader *R, xmlNodePtr n);
/* catalog_regimes.c (issue 14). */
qujat_status qujat_cr_read_country_list(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_eta(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_arrival(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_category_change(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_category_name(struct reader *R, xmlNodePtr n);
qujat_status qujat_cr_read_calendar(struct reader *R, xmlNodePtr n);

/* The loaders of the data files other than the catalog (catalog_xml.c
 * calls them). */

/* Loads locales/{kk,ru,en}.xml under `dir` into `c->locales` (locale_xml.c):
 * every language must define exactly the same keys. */
qujat_status qujat_locales_load(struct qujat_catalog *c, const char *dir,
                                qujat_error *err);

/* Reads fonts/fonts.xml under `dir` into `c->fonts` (fonts_xml.c). A data
 * directory without it can still give text and JSON; PDF output then fails
 * with QUJAT_ERR_FONT. */
qujat_status qujat_fonts_load(struct qujat_catalog *c, const char *dir,
                              qujat_error *err);

/* Reads locales/countries.xml (countries_xml.c): sorted by code. Optional:
 * without it letters fail with QUJAT_ERR_LOCALE. */
qujat_status qujat_countries_load(struct qujat_catalog *c, const char *dir,
                                  qujat_error *err);

/* Reads templates/letter-{kk,ru,en}.xml (template_xml.c). Optional: without
 * them letters fail with QUJAT_ERR_LOCALE. */
qujat_status qujat_templates_load(struct qujat_catalog *c, const char *dir,
                                  qujat_error *err);

/* Declarations of catalog.h's types used only inside this folder. */

/* Compiles `src` (prefix p: = the profile namespace; the variable $age) and
 * checks it by evaluating it once on an empty profile. On failure returns
 * QUJAT_ERR_CATALOG with the reason in `msg`. */
qujat_status qujat_xpath_compile(const char *src, struct xpath **out,
                                 char *msg, size_t msg_size);
/* Compiles `src` again in `env` (an empty profile's) without the trial
 * run: for an expression that qujat_xpath_compile has accepted before with
 * the same libxml2 (the compiled catalog). QUJAT_ERR_CATALOG when it does
 * not compile after all, QUJAT_ERR_NOMEM. */
qujat_status qujat_xpath_compile_in(struct xpath_env *env, const char *src,
                                    struct xpath **out);
void qujat_xpath_free(struct xpath *x);

/* The part of it for regimes, category changes and calendars. */
int qujat_regimes_each_text(const struct qujat_catalog *c, text_fn fn,
                            void *user);
/* Whether two names are equal, ignoring the case of Latin, Cyrillic and
 * Kazakh letters. */
int qujat_name_equal(const char *a, const char *b);

#endif
