/* templates/letter-{kk,ru,en}.xml -> the texts of invitation letters. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog_xml.h"
#include "xmlsafe.h"

#define TEMPLATE_NS "urn:qujat:template:1"
#define MAX_UNDERTAKINGS 10

struct tloader {
  struct qujat_catalog *c;
  const char *path;
  qujat_error *err;
};

static qujat_status missing(struct tloader *T, int line, const char *what) {
  return qujat_err_set(T->err, QUJAT_ERR_LOCALE, T->path, line, 0,
                       "the template lacks %s", what);
}

static const char *text_of(struct tloader *T, xmlNodePtr n) {
  xmlChar *v = xmlNodeGetContent(n);
  const char *s = v ? qujat_arena_strdup(&T->c->arena, (const char *)v) : "";
  xmlFree(v);
  return s;
}

/* The index of kind="invitation" (0) or kind="request" (1), or -1. */
static int kind_of(xmlNodePtr n) {
  xmlChar *k = xmlGetProp(n, BAD_CAST "kind");
  int r = !k                                         ? -1
          : strcmp((const char *)k, "invitation") == 0 ? 0
          : strcmp((const char *)k, "request") == 0    ? 1
                                                       : -1;
  xmlFree(k);
  return r;
}

static const char *attr(struct tloader *T, xmlNodePtr n, const char *name) {
  return qujat_xml_attr(&T->c->arena, n, name);
}

/* One element of the template into its field. */
static qujat_status read_element(struct tloader *T, struct letter_template *t,
                                 xmlNodePtr e, const char **undertaking,
                                 size_t *nu) {
  static const struct {
    const char *name;
    size_t offset;
  } singles[] = {
      {"copy-mark", offsetof(struct letter_template, copy_mark)},
      {"details", offsetof(struct letter_template, details)},
      {"outgoing", offsetof(struct letter_template, outgoing)},
      {"addressee", offsetof(struct letter_template, addressee)},
      {"columns", offsetof(struct letter_template, columns)},
      {"stay", offsetof(struct letter_template, stay)},
      {"undertakings", offsetof(struct letter_template, undertakings)},
      {"signature", offsetof(struct letter_template, signature)},
      {"stamp", offsetof(struct letter_template, stamp)}};
  for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++) {
    if (qujat_xml_is(e, TEMPLATE_NS, singles[i].name)) {
      *(const char **)((char *)t + singles[i].offset) = text_of(T, e);
      return QUJAT_OK;
    }
  }
  int k = kind_of(e);
  if (qujat_xml_is(e, TEMPLATE_NS, "subject") && k >= 0) {
    t->subject[k] = text_of(T, e);
  } else if (qujat_xml_is(e, TEMPLATE_NS, "body") && k >= 0) {
    t->body[k] = text_of(T, e);
  } else if (qujat_xml_is(e, TEMPLATE_NS, "entries") && k >= 0) {
    t->entries[k][ENTRY_SINGLE] = attr(T, e, "single");
    t->entries[k][ENTRY_MULTIPLE] = attr(T, e, "multiple");
  } else if (qujat_xml_is(e, TEMPLATE_NS, "sex")) {
    t->sex[0] = attr(T, e, "M");
    t->sex[1] = attr(T, e, "F");
  } else if (qujat_xml_is(e, TEMPLATE_NS, "undertaking")) {
    if (*nu == MAX_UNDERTAKINGS)
      return qujat_err_set(T->err, QUJAT_ERR_LIMIT, T->path, e->line, 0,
                           "more than %d undertakings", MAX_UNDERTAKINGS);
    undertaking[(*nu)++] = text_of(T, e);
  } else {
    return qujat_err_set(T->err, QUJAT_ERR_LOCALE, T->path, e->line, 0,
                         "unexpected <%s> (or a missing kind=\"invitation|"
                         "request\")",
                         (const char *)e->name);
  }
  return QUJAT_OK;
}

/* Every part a letter prints must be there. */
static qujat_status check_complete(struct tloader *T,
                                   const struct letter_template *t,
                                   int line) {
  const char *const must[] = {t->copy_mark, t->details, t->outgoing,
                              t->addressee, t->subject[0], t->subject[1],
                              t->body[0],   t->body[1],    t->columns,
                              t->stay,      t->undertakings, t->signature,
                              t->stamp,     t->sex[0],     t->sex[1]};
  for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
    if (!must[i] || !*must[i])
      return missing(T, line, "one of its parts (copy-mark, details, "
                              "outgoing, addressee, subject and body of both "
                              "kinds, columns, sex, stay, undertakings, "
                              "signature, stamp)");
  for (int k = 0; k < 2; k++)
    if (!t->entries[k][0] || !t->entries[k][1])
      return missing(T, line, "<entries kind single multiple> of both kinds");
  int bars = 0;
  for (const char *p = t->columns; *p; p++)
    bars += *p == '|';
  if (bars != 6)
    return missing(T, line, "seven <columns> separated by \"|\"");
  if (t->nundertaking == 0)
    return missing(T, line, "an <undertaking>");
  return QUJAT_OK;
}

static qujat_status load_one(struct qujat_catalog *c, const char *dir,
                             int lang, qujat_error *err) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  char path[4096];
  snprintf(path, sizeof path, "%s/templates/letter-%s.xml", dir,
           codes[lang]);
  struct stat sb;
  if (stat(path, &sb) != 0 && errno == ENOENT)
    return QUJAT_OK; /* no letters from this data directory */
  struct tloader T = {c, path, err};
  struct letter_template *t = &c->templates[lang];
  const char **undertaking =
      qujat_arena_alloc(&c->arena, MAX_UNDERTAKINGS * sizeof *undertaking);
  char *buf = NULL;
  size_t len = 0;
  xmlDocPtr doc = NULL;
  qujat_status st;
  if (!undertaking) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  CHECK(qujat_read_file(path, QUJAT_MAX_PROFILE_BYTES, &buf, &len, err));
  CHECK(qujat_xml_parse(buf, len, path, QUJAT_MAX_PROFILE_BYTES, &doc, err));
  xmlNodePtr root = xmlDocGetRootElement(doc);
  xmlChar *l = xmlGetProp(root, BAD_CAST "lang");
  int lang_ok = l && strcmp((const char *)l, codes[lang]) == 0;
  xmlFree(l);
  if (!qujat_xml_is(root, TEMPLATE_NS, "letter-template") || !lang_ok) {
    st = qujat_err_set(err, QUJAT_ERR_LOCALE, path, root->line, 0,
                       "expected <letter-template xmlns=\"%s\" lang=\"%s\">",
                       TEMPLATE_NS, codes[lang]);
    goto done;
  }
  for (xmlNodePtr e = qujat_xml_elem(root->children); e;
       e = qujat_xml_elem(e->next))
    CHECK(read_element(&T, t, e, undertaking, &t->nundertaking));
  t->undertaking = undertaking;
  CHECK(check_complete(&T, t, root->line));
  t->present = 1;
done:
  xmlFreeDoc(doc);
  free(buf);
  return st;
}

qujat_status qujat_templates_load(struct qujat_catalog *c, const char *dir,
                                  qujat_error *err) {
  for (int l = 0; l < NLANGS; l++) {
    qujat_status st = load_one(c, dir, l, err);
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}
