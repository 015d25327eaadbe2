/* SPDX-License-Identifier: MIT */
/* templates/letter-{kk,ru,en}.xml -> the texts of invitation letters. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

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

/* The numbers of persons a text is for: persons="one" (PERSONS_ONE),
 * "many" (PERSONS_MANY) or, without the attribute, both: [*first, *last].
 * Returns 1 with the attribute, 0 without, -1 when it has another value. */
static int persons_of(xmlNodePtr n, int *first, int *last) {
  xmlChar *v = xmlGetProp(n, BAD_CAST "persons");
  int r = v != NULL;
  *first = PERSONS_ONE;
  *last = PERSONS_MANY;
  if (v && strcmp((const char *)v, "one") == 0)
    *last = PERSONS_ONE;
  else if (v && strcmp((const char *)v, "many") == 0)
    *first = PERSONS_MANY;
  else if (v)
    r = -1;
  xmlFree(v);
  return r;
}

static const char *attr(struct tloader *T, xmlNodePtr n, const char *name) {
  return qujat_xml_attr(&T->c->arena, n, name);
}

/* An <undertaking> into the lists of the numbers it is for. */
static qujat_status add_undertaking(struct tloader *T,
                                    struct letter_template *t, xmlNodePtr e,
                                    const char **undertaking[2], int first,
                                    int last) {
  const char *text = text_of(T, e);
  for (int n = first; n <= last; n++) {
    if (t->nundertaking[n] == MAX_UNDERTAKINGS)
      return qujat_err_set(T->err, QUJAT_ERR_LIMIT, T->path, e->line, 0,
                           "more than %d undertakings", MAX_UNDERTAKINGS);
    undertaking[n][t->nundertaking[n]++] = text;
  }
  return QUJAT_OK;
}

/* One element of the template into its field. */
static qujat_status read_element(struct tloader *T, struct letter_template *t,
                                 xmlNodePtr e, const char **undertaking[2]) {
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
      {"stamp", offsetof(struct letter_template, stamp)},
      {"prepared-by", offsetof(struct letter_template, prepared_by)},
      {"phone", offsetof(struct letter_template, phone)},
      {"copies-of", offsetof(struct letter_template, copies_of)}};
  int k = kind_of(e), first, last;
  int persons = persons_of(e, &first, &last);
  int numbered = qujat_xml_is(e, TEMPLATE_NS, "body") ||
                 qujat_xml_is(e, TEMPLATE_NS, "undertaking");
  if (persons < 0 || (persons && !numbered))
    return qujat_err_set(T->err, QUJAT_ERR_LOCALE, T->path, e->line, 0,
                         "persons=\"one|many\" is for <body> and "
                         "<undertaking> only");
  for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++) {
    if (qujat_xml_is(e, TEMPLATE_NS, singles[i].name)) {
      *(const char **)((char *)t + singles[i].offset) = text_of(T, e);
      return QUJAT_OK;
    }
  }
  if (qujat_xml_is(e, TEMPLATE_NS, "subject") && k >= 0) {
    t->subject[k] = text_of(T, e);
  } else if (qujat_xml_is(e, TEMPLATE_NS, "body") && k >= 0) {
    const char *text = text_of(T, e);
    for (int n = first; n <= last; n++)
      t->body[k][n] = text;
  } else if (qujat_xml_is(e, TEMPLATE_NS, "entries") && k >= 0) {
    t->entries[k][ENTRY_SINGLE] = attr(T, e, "single");
    t->entries[k][ENTRY_MULTIPLE] = attr(T, e, "multiple");
  } else if (qujat_xml_is(e, TEMPLATE_NS, "sex")) {
    t->sex[0] = attr(T, e, "M");
    t->sex[1] = attr(T, e, "F");
  } else if (qujat_xml_is(e, TEMPLATE_NS, "relation")) {
    static const char *const names[NRELATIONS] = {
        [REL_EMPLOYEE] = "employee", [REL_EXPERT] = "expert",
        [REL_HUSBAND] = "husband",   [REL_WIFE] = "wife",
        [REL_SON] = "son",           [REL_DAUGHTER] = "daughter"};
    for (int r = 0; r < NRELATIONS; r++)
      t->relation[r] = attr(T, e, names[r]);
  } else if (qujat_xml_is(e, TEMPLATE_NS, "undertaking")) {
    return add_undertaking(T, t, e, undertaking, first, last);
  } else {
    return qujat_err_set(T->err, QUJAT_ERR_LOCALE, T->path, e->line, 0,
                         "unexpected <%s> (or a missing kind=\"invitation|"
                         "request\")",
                         (const char *)e->name);
  }
  return QUJAT_OK;
}

static int bars(const char *s) {
  int n = 0;
  for (; *s; s++)
    n += *s == '|';
  return n;
}

/* Every part a letter prints must be there. */
static qujat_status check_complete(struct tloader *T,
                                   const struct letter_template *t,
                                   int line) {
  const char *const must[] = {t->copy_mark,    t->details,    t->outgoing,
                              t->addressee,    t->subject[0], t->subject[1],
                              t->body[0][0],   t->body[0][1], t->body[1][0],
                              t->body[1][1],   t->columns,    t->stay,
                              t->undertakings, t->signature,  t->stamp,
                              t->sex[0],       t->sex[1],
                              t->prepared_by,  t->phone,
                              t->relation[REL_EMPLOYEE],
                              t->relation[REL_EXPERT],
                              t->relation[REL_HUSBAND],
                              t->relation[REL_WIFE],
                              t->relation[REL_SON],
                              t->relation[REL_DAUGHTER]};
  for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
    if (!must[i] || !*must[i])
      return missing(T, line, "one of its parts (copy-mark, details, "
                              "outgoing, addressee, subject of both kinds, "
                              "body of both kinds for one and for many "
                              "persons, columns, sex, relation employee "
                              "expert husband wife son daughter, stay, "
                              "undertakings, signature, stamp, prepared-by, "
                              "phone)");
  for (int k = 0; k < 2; k++)
    if (!t->entries[k][0] || !t->entries[k][1])
      return missing(T, line, "<entries kind single multiple> of both kinds");
  if (bars(t->columns) != LETTER_TEMPLATE_COLUMNS - 1)
    return missing(T, line, "ten <columns> separated by \"|\" (No., "
                            "surname, given names, relation, sex, date of "
                            "birth, citizenship, passport No., issued, valid "
                            "until)");
  if (bars(t->signature) != 1)
    return missing(T, line, "one \"|\" in <signature>, between the "
                            "position and the name");
  if (t->nundertaking[PERSONS_ONE] == 0 || t->nundertaking[PERSONS_MANY] == 0)
    return missing(T, line, "an <undertaking> for one and for many persons");
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
  const char **undertaking[2];
  for (int n = 0; n < 2; n++)
    undertaking[n] =
        qujat_arena_alloc(&c->arena, MAX_UNDERTAKINGS * sizeof **undertaking);
  xmlDocPtr doc = NULL;
  qujat_status st;
  if (!undertaking[0] || !undertaking[1]) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, path, 0, 0, "out of memory");
    goto done;
  }
  xmlNodePtr root;
  CHECK(qujat_xml_parse_root(path, QUJAT_MAX_PROFILE_BYTES, TEMPLATE_NS,
                             "letter-template", codes[lang], QUJAT_ERR_LOCALE,
                             &doc, &root, err));
  for (xmlNodePtr e = qujat_xml_elem(root->children); e;
       e = qujat_xml_elem(e->next))
    CHECK(read_element(&T, t, e, undertaking));
  t->undertaking[PERSONS_ONE] = undertaking[PERSONS_ONE];
  t->undertaking[PERSONS_MANY] = undertaking[PERSONS_MANY];
  CHECK(check_complete(&T, t, root->line));
  t->present = 1;
done:
  xmlFreeDoc(doc);
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
