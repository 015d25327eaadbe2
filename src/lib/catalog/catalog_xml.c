/* SPDX-License-Identifier: MIT */
/*
 * Loading the data directory: the catalog files, their schema, the profile
 * schema and the locales; and `qujat validate` for single files.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_internal.h"
#include "catalog/profile_doc.h"
#include "catalog/catalog.h"


/* Frees what the loader attached to the catalog outside its arena: the
 * compiled XPath expressions and schemas (registered with the catalog as
 * its owner, so that the model need not know of libxml2). */
static void release_xml(struct qujat_catalog *c) {
  for (size_t i = 0; i < c->nxpaths; i++)
    qujat_xpath_free(c->xpaths[i]);
  free(c->xpaths);
  c->xpaths = NULL;
  c->nxpaths = 0;
  if (c->profile_schema)
    xmlSchemaFree(c->profile_schema);
  if (c->catalog_schema)
    xmlSchemaFree(c->catalog_schema);
  if (c->fees_schema)
    xmlSchemaFree(c->fees_schema);
  if (c->jobs_schema)
    xmlSchemaFree(c->jobs_schema);
  c->profile_schema = c->catalog_schema = c->fees_schema = NULL;
  c->jobs_schema = NULL;
}

static struct qujat_catalog *catalog_new(void) {
  struct qujat_catalog *c = calloc(1, sizeof *c);
  if (c) {
    qujat_arena_init(&c->arena);
    /* The first owner of a new catalog: cannot hit the cap. */
    (void)qujat_catalog_on_free(c, release_xml);
  }
  return c;
}

/* The parsed files of one load, freed together. */
struct file_set {
  xmlDocPtr *docs;
  char **names;
  size_t n;
};

static void file_set_free(struct file_set *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    xmlFreeDoc(fs->docs[i]);
    free(fs->names[i]);
  }
  free(fs->docs);
  free(fs->names);
  fs->docs = NULL;
  fs->names = NULL;
  fs->n = 0;
}

static char *path_join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *p = malloc(la + lb + 2);
  if (!p)
    return NULL;
  memcpy(p, a, la);
  p[la] = '/';
  memcpy(p + la + 1, b, lb + 1);
  return p;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* Parses one catalog file into the set: safe parse, root check, schema. */
static qujat_status add_file(struct file_set *fs, const char *path,
                             const char *buf, size_t len, xmlSchemaPtr schema,
                             qujat_diag_fn diag, void *user,
                             qujat_error *err) {
  xmlDocPtr doc = NULL;
  qujat_status st =
      qujat_xml_parse(buf, len, path, QUJAT_MAX_XML_BYTES, &doc, err);
  if (st != QUJAT_OK)
    return st;
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!qujat_xml_is(root, NS, "catalog")) {
    st = qujat_err_set(err, QUJAT_ERR_CATALOG, path, root->line, 0,
                       "expected <catalog xmlns=\"%s\">, found <%s>", NS,
                       (const char *)root->name);
    xmlFreeDoc(doc);
    return st;
  }
  if (schema) {
    st = qujat_xml_validate(schema, doc, path, diag, user, err);
    if (st != QUJAT_OK) {
      xmlFreeDoc(doc);
      return st;
    }
  }
  xmlDocPtr *docs = realloc(fs->docs, (fs->n + 1) * sizeof *docs);
  if (docs)
    fs->docs = docs;
  char **names = realloc(fs->names, (fs->n + 1) * sizeof *names);
  if (names)
    fs->names = names;
  char *name = strdup(path);
  if (!docs || !names || !name) {
    free(name);
    xmlFreeDoc(doc);
    return qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
  }
  fs->docs[fs->n] = doc;
  fs->names[fs->n] = name;
  fs->n++;
  return QUJAT_OK;
}

static qujat_status add_path(struct file_set *fs, const char *path,
                             xmlSchemaPtr schema, qujat_error *err) {
  char *buf = NULL;
  size_t len = 0;
  qujat_status st = qujat_read_file(path, QUJAT_MAX_XML_BYTES, &buf, &len, err);
  if (st == QUJAT_OK)
    st = add_file(fs, path, buf, len, schema, NULL, NULL, err);
  free(buf);
  return st;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.xml files of `dir`, sorted, as malloc'ed full paths. */
static qujat_status list_xml(const char *dir, char ***out, size_t *nout,
                             qujat_error *err) {
  DIR *d = opendir(dir);
  if (!d)
    return qujat_err_set(err, QUJAT_ERR_IO, dir, 0, 0,
                         "cannot read the catalog directory");
  char **v = NULL;
  size_t n = 0;
  qujat_status st = QUJAT_OK;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 5 || e->d_name[0] == '.' ||
        strcmp(e->d_name + len - 4, ".xml") != 0)
      continue;
    if (n >= QUJAT_MAX_CATALOG_FILES) {
      st = qujat_err_set(err, QUJAT_ERR_LIMIT, dir, 0, 0,
                         "more than %d catalog files",
                         QUJAT_MAX_CATALOG_FILES);
      break;
    }
    char **nv = realloc(v, (n + 1) * sizeof *nv);
    char *p = nv ? path_join(dir, e->d_name) : NULL;
    if (nv)
      v = nv;
    if (!p) {
      st = qujat_err_set(err, QUJAT_ERR_NOMEM, dir, 0, 0, "out of memory");
      break;
    }
    v[n++] = p;
  }
  closedir(d);
  if (st == QUJAT_OK && n == 0)
    st = qujat_err_set(err, QUJAT_ERR_CATALOG, dir, 0, 0,
                       "no catalog files (*.xml) here");
  if (st != QUJAT_OK) {
    for (size_t i = 0; i < n; i++)
      free(v[i]);
    free(v);
    return st;
  }
  qsort(v, n, sizeof *v, compare_names);
  *out = v;
  *nout = n;
  return QUJAT_OK;
}

static void free_list(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

/* The latest `updated` date of the files: the date of the data. */
static void note_updated(struct qujat_catalog *c, const struct file_set *fs) {
  for (size_t i = 0; i < fs->n; i++) {
    xmlChar *v = xmlGetProp(xmlDocGetRootElement(fs->docs[i]),
                            BAD_CAST "updated");
    struct date d;
    if (v && qujat_date_parse((const char *)v, &d) &&
        (c->updated.y == 0 || qujat_date_cmp(d, c->updated) > 0))
      c->updated = d;
    xmlFree(v);
  }
}

static qujat_status build(struct qujat_catalog *c, struct file_set *fs,
                          qujat_error *err) {
  qujat_status st = qujat_catalog_build(c, fs->docs,
                                        (const char *const *)fs->names, fs->n,
                                        err);
  if (st == QUJAT_OK)
    note_updated(c, fs);
  return st;
}

/* The data files other than services/: part of the compiled catalog's key
 * (a file that is missing counts as such; its loader says what is wrong). */
static const char *const other_files[] = {
    "locales/kk.xml",        "locales/ru.xml",        "locales/en.xml",
    "fonts/fonts.xml",       "locales/countries.xml", "templates/letter-kk.xml",
    "templates/letter-ru.xml", "templates/letter-en.xml"};

static void hash_other_files(struct qujat_stamp *key, const char *dir) {
  for (size_t i = 0; i < sizeof other_files / sizeof *other_files; i++) {
    char *path = path_join(dir, other_files[i]), *buf = NULL;
    size_t len = 0;
    qujat_error ignored;
    if (path && qujat_read_file(path, QUJAT_MAX_XML_BYTES, &buf, &len,
                                &ignored) == QUJAT_OK)
      qujat_stamp_add(key, other_files[i], buf, len);
    else
      qujat_stamp_add(key, other_files[i], "", 0);
    free(buf);
    free(path);
  }
}

/* The states of every file the key is made from, in the key's order. */
static void files_state(struct qujat_files_state *s, const char *dir,
                        const char *xsd, char *const *files, size_t n) {
  qujat_files_state_begin(s, dir);
  qujat_files_state_add(s, xsd);
  for (size_t i = 0; i < n; i++)
    qujat_files_state_add(s, files[i]);
  for (size_t i = 0; i < sizeof other_files / sizeof *other_files; i++) {
    char *path = path_join(dir, other_files[i]);
    if (path)
      qujat_files_state_add(s, path);
    else
      s->failed = 1;
    free(path);
  }
}

qujat_status qujat_catalog_load_dir(const char *dir, qujat_catalog **out,
                                    qujat_error *err) {
  qujat_xml_init();
  *out = NULL;
  struct qujat_catalog *c = NULL;
  struct file_set fs = {0};
  struct qujat_files_state state = {0};
  char **files = NULL, **bufs = NULL, *xsd_buf = NULL;
  size_t nfiles = 0, *lens = NULL, xsd_len = 0;
  char *services = path_join(dir, "services");
  char *xsd = path_join(dir, "services/catalog.xsd");
  qujat_status st;
  if (!services || !xsd) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, dir, 0, 0, "out of memory");
    goto done;
  }
  CHECK(list_xml(services, &files, &nfiles, err));
  /* The compiled catalog's name: the directory's tag, then the content's
   * hash (one file per directory, catalog_cache.c). */
  struct qujat_stamp tag;
  char name[96];
  qujat_stamp_begin(&tag);
  qujat_stamp_add(&tag, "dir", dir, strlen(dir));
  qujat_stamp_end(&tag);
  /* The files' states before a byte of them is read: when the index knows
   * them, it knows the name, and none of them need be read and hashed
   * (catalog_index.c). */
  files_state(&state, dir, xsd, files, nfiles);
  if (qujat_files_index_find(&state, tag.hex, name, sizeof name)) {
    c = catalog_new();
    int cached = c ? qujat_model_cache_load(c, name) : -1;
    if (cached == 1) {
      c->from_index = 1;
      *out = c;
      st = QUJAT_OK;
      goto done;
    }
    qujat_catalog_free(c);
    c = NULL;
  }
  /* All files read first: their hash says whether the schema has checked
   * these very bytes before (catalog_stamp.c), and with the other data
   * files and the directory's name, whether the cache holds the model
   * they make (catalog_cache.c). */
  bufs = calloc(nfiles, sizeof *bufs);
  lens = calloc(nfiles, sizeof *lens);
  if (!bufs || !lens) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, dir, 0, 0, "out of memory");
    goto done;
  }
  struct qujat_stamp stamp, key;
  qujat_stamp_begin(&stamp);
  CHECK(qujat_read_file(xsd, QUJAT_MAX_XML_BYTES, &xsd_buf, &xsd_len, err));
  qujat_stamp_add(&stamp, "catalog.xsd", xsd_buf, xsd_len);
  for (size_t i = 0; i < nfiles; i++) {
    CHECK(qujat_read_file(files[i], QUJAT_MAX_XML_BYTES, &bufs[i], &lens[i],
                          err));
    qujat_stamp_add(&stamp, base_name(files[i]), bufs[i], lens[i]);
  }
  qujat_stamp_end(&stamp);
  qujat_stamp_begin(&key);
  qujat_stamp_add(&key, "model", dir, strlen(dir));
  qujat_stamp_add(&key, "services", stamp.hex, strlen(stamp.hex));
  hash_other_files(&key, dir);
  qujat_stamp_end(&key);
  snprintf(name, sizeof name, "%.16s-%s", tag.hex, key.hex);
  c = catalog_new();
  int cached = c ? qujat_model_cache_load(c, name) : -1;
  if (cached == 1) {
    qujat_files_index_save(&state, tag.hex, name);
    *out = c;
    st = QUJAT_OK;
    goto done;
  }
  /* Not in the cache (or not usable): from the XML, into a new catalog. */
  qujat_catalog_free(c);
  c = catalog_new();
  if (!c || !(c->data_dir = qujat_arena_strdup(&c->arena, dir))) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, dir, 0, 0, "out of memory");
    goto done;
  }
  int validated = qujat_stamp_seen(&stamp);
  xmlSchemaPtr schema = NULL;
  if (!validated)
    CHECK(qujat_catalog_schema(c, QUJAT_SCHEMA_CATALOG, &schema, err));
  for (size_t i = 0; i < nfiles; i++)
    CHECK(add_file(&fs, files[i], bufs[i], lens[i], schema, NULL, NULL, err));
  if (!validated)
    qujat_stamp_write(&stamp);
  CHECK(build(c, &fs, err));
  if (c->nservices == 0 || c->neditions == 0 || c->nmcis == 0) {
    st = qujat_err_set(err, QUJAT_ERR_CATALOG, services, 0, 0,
                       "the catalog needs at least one service, edition and "
                       "MCI");
    goto done;
  }
  CHECK(qujat_locales_load(c, dir, err));
  CHECK(qujat_fonts_load(c, dir, err));
  CHECK(qujat_countries_load(c, dir, err));
  CHECK(qujat_templates_load(c, dir, err));
  qujat_model_cache_save(c, name);
  qujat_files_index_save(&state, tag.hex, name);
  *out = c;
done:
  qujat_files_state_free(&state);
  file_set_free(&fs);
  if (bufs)
    free_list(bufs, nfiles);
  free(lens);
  free(xsd_buf);
  free_list(files, nfiles);
  free(services);
  free(xsd);
  if (st != QUJAT_OK)
    qujat_catalog_free(c);
  return st;
}

qujat_status qujat_catalog_load_memory(const char *xml, size_t len,
                                       const char *name, qujat_catalog **out,
                                       qujat_error *err) {
  qujat_xml_init();
  *out = NULL;
  if (!name)
    name = "(memory)";
  struct qujat_catalog *c = catalog_new();
  if (!c)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  struct file_set fs = {0};
  qujat_status st;
  CHECK(add_file(&fs, name, xml, len, NULL, NULL, NULL, err));
  CHECK(build(c, &fs, err));
  *out = c;
done:
  file_set_free(&fs);
  if (st != QUJAT_OK)
    qujat_catalog_free(c);
  return st;
}

/* ------------------------------------------------------------------------
 * qujat validate
 * ------------------------------------------------------------------------ */

static void report(qujat_diag_fn diag, void *user, const qujat_error *e) {
  if (diag)
    diag(e, user);
}

/* A catalog file is checked with the rest of the loaded catalog around it
 * (it refers to documents and notes defined elsewhere), in place of the
 * file of the same name. */
static qujat_status validate_catalog_file(const qujat_catalog *cat,
                                          const char *path, const char *buf,
                                          size_t len, qujat_diag_fn diag,
                                          void *user, qujat_error *err) {
  struct file_set fs = {0};
  char **files = NULL;
  size_t nfiles = 0;
  struct qujat_catalog *tmp = NULL;
  qujat_status st;
  xmlSchemaPtr schema = NULL;
  CHECK(qujat_catalog_schema(cat, QUJAT_SCHEMA_CATALOG, &schema, err));
  CHECK(add_file(&fs, path, buf, len, schema, diag, user, err));
  if (cat->data_dir && *cat->data_dir) {
    char *services = path_join(cat->data_dir, "services");
    if (!services) {
      st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
      goto done;
    }
    st = list_xml(services, &files, &nfiles, err);
    free(services);
    if (st != QUJAT_OK)
      goto done;
    for (size_t i = 0; i < nfiles; i++)
      if (strcmp(base_name(files[i]), base_name(path)) != 0)
        CHECK(add_path(&fs, files[i], schema, err));
  }
  tmp = catalog_new();
  if (!tmp) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  st = build(tmp, &fs, err);
  if (st != QUJAT_OK)
    report(diag, user, err);
done:
  qujat_catalog_free(tmp);
  file_set_free(&fs);
  free_list(files, nfiles);
  return st;
}

/* One inline profile of a job file, through the profile loader (schema
 * and checks) as batch would load it; errors at the job file's lines. */
static qujat_status validate_inline_profile(const qujat_catalog *cat,
                                            xmlNodePtr p, const char *path,
                                            qujat_error *e) {
  long first = xmlGetLineNo(p);
  xmlDocPtr doc = NULL;
  qujat_status st =
      qujat_xml_copy_lines(p, first, QUJAT_MAX_PROFILE_BYTES, &doc);
  qujat_profile *profile = NULL;
  if (st == QUJAT_OK) {
    st = qujat_profile_load_doc(cat, doc, path, &profile, e);
    if (st != QUJAT_OK && e->line)
      e->line += (int)first - 1;
  } else if (st == QUJAT_ERR_LIMIT) {
    qujat_err_set(e, st, path, (int)first, 0,
                  "the inline profile is larger than %zu bytes",
                  QUJAT_MAX_PROFILE_BYTES);
  } else {
    qujat_err_set(e, st, path, (int)first, 0, "out of memory");
  }
  qujat_profile_free(profile);
  xmlFreeDoc(doc);
  return st;
}

/* A job file: its schema, then every inline profile (which the job schema
 * leaves alone). */
static qujat_status validate_jobs(const qujat_catalog *cat,
                                  xmlSchemaPtr schema, xmlDocPtr doc,
                                  const char *path, qujat_diag_fn diag,
                                  void *user, qujat_error *err) {
  qujat_status st = qujat_xml_validate(schema, doc, path, diag, user, err);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  for (xmlNodePtr job = qujat_xml_elem(root->children); job;
       job = qujat_xml_elem(job->next)) {
    for (xmlNodePtr p = qujat_xml_elem(job->children); p;
         p = qujat_xml_elem(p->next)) {
      if (!qujat_xml_is(p, "urn:qujat:profile:1", "profile"))
        continue;
      qujat_error e = {0};
      qujat_status ps = validate_inline_profile(cat, p, path, &e);
      if (ps == QUJAT_OK)
        continue;
      report(diag, user, &e);
      if (st == QUJAT_OK) {
        *err = e;
        st = ps;
      }
    }
  }
  return st;
}

qujat_status qujat_validate_file(const qujat_catalog *cat, const char *path,
                                 qujat_diag_fn diag, void *user,
                                 qujat_error *err) {
  qujat_xml_init();
  char *buf = NULL;
  size_t len = 0;
  xmlDocPtr doc = NULL;
  qujat_status st;
  qujat_error local;
  if (!err)
    err = &local;
  st = qujat_read_file(path, QUJAT_MAX_XML_BYTES, &buf, &len, err);
  if (st == QUJAT_OK)
    st = qujat_xml_parse(buf, len, path, QUJAT_MAX_XML_BYTES, &doc, err);
  if (st != QUJAT_OK) {
    report(diag, user, err);
    goto done;
  }
  xmlNodePtr root = xmlDocGetRootElement(doc);
  /* Fee slips and job files are known to catalogs of a data directory,
   * which has their schemas (compiled now, if not yet). */
  int has_dir = cat->data_dir && *cat->data_dir;
  int fees = has_dir && qujat_xml_is(root, "urn:qujat:fees:1", "fee-slip");
  int jobs = has_dir && qujat_xml_is(root, "urn:qujat:jobs:1", "jobs");
  int profile = qujat_xml_is(root, "urn:qujat:profile:1", "profile");
  xmlSchemaPtr schema = NULL;
  if (fees || jobs || profile) {
    st = qujat_catalog_schema(cat, fees   ? QUJAT_SCHEMA_FEES
                                   : jobs ? QUJAT_SCHEMA_JOBS
                                          : QUJAT_SCHEMA_PROFILE,
                              &schema, err);
    if (st != QUJAT_OK) {
      report(diag, user, err);
      goto done;
    }
  }
  if (qujat_xml_is(root, NS, "catalog")) {
    st = validate_catalog_file(cat, path, buf, len, diag, user, err);
  } else if (profile) {
    if (schema)
      st = qujat_xml_validate(schema, doc, path, diag, user, err);
    if (st == QUJAT_OK) {
      qujat_profile *p = NULL;
      st = qujat_profile_load_memory(cat, buf, len, path, &p, err);
      if (st != QUJAT_OK)
        report(diag, user, err);
      qujat_profile_free(p);
    }
  } else if (fees) {
    st = qujat_xml_validate(schema, doc, path, diag, user, err);
  } else if (jobs) {
    st = validate_jobs(cat, schema, doc, path, diag, user, err);
  } else {
    st = qujat_err_set(err, QUJAT_ERR_CATALOG, path, root->line, 0,
                       "not a qujat file: <%s> is not a catalog "
                       "(urn:qujat:catalog:1), a profile "
                       "(urn:qujat:profile:1), a fee slip "
                       "(urn:qujat:fees:1) or a job file (urn:qujat:jobs:1)",
                       (const char *)root->name);
    report(diag, user, err);
  }
done:
  xmlFreeDoc(doc);
  free(buf);
  return st;
}
