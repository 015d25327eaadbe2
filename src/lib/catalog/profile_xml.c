/* SPDX-License-Identifier: MIT */
/* Profile XML -> struct profile, validated by schema and by hand. */
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"
#include "catalog/profile_doc.h"

#define PROFILE_NS QUJAT_PROFILE_NS

struct loader {
  struct qujat_profile *p;
  const char *name;
  qujat_error *err;
};

static const char *attr(struct loader *L, xmlNodePtr n, const char *name) {
  return qujat_xml_attr(&L->p->arena, n, name);
}

static qujat_status required(struct loader *L, xmlNodePtr n, const char *name,
                             const char **out) {
  return qujat_xml_required(&L->p->arena, n, name, L->name, out, L->err);
}

static qujat_status date_attr(struct loader *L, xmlNodePtr n,
                              const char *name, int *has, struct date *out) {
  const char *v = attr(L, n, name);
  if (has)
    *has = 0;
  if (!v)
    return has ? QUJAT_OK
               : qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                               "<%s> lacks the attribute '%s'",
                               (const char *)n->name, name);
  if (!qujat_date_parse(v, out))
    return qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                         "<%s %s=\"%s\">: not a calendar date, expected "
                         "YYYY-MM-DD",
                         (const char *)n->name, name, v);
  if (has)
    *has = 1;
  return QUJAT_OK;
}

static qujat_status flag_attr(struct loader *L, xmlNodePtr n,
                              const char *name, enum tristate *out) {
  const char *v = attr(L, n, name);
  *out = TRI_UNSET;
  if (!v)
    return QUJAT_OK;
  if (strcmp(v, "true") == 0)
    *out = TRI_TRUE;
  else if (strcmp(v, "false") == 0)
    *out = TRI_FALSE;
  else
    return qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                         "<%s %s=\"%s\">: expected true or false",
                         (const char *)n->name, name, v);
  return QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * Free texts per language. A text's language is its xml:lang, inherited as
 * XML says (an attribute has its element's); none anywhere above: English.
 * "ru-KZ" counts as Russian. A language qujat does not write, or one field
 * given twice in one language, is an error that names the field.
 * ------------------------------------------------------------------------ */

static int lang_index(const char *code) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  for (int i = 0; i < NLANGS; i++) {
    size_t n = strlen(codes[i]);
    if (strncmp(code, codes[i], n) == 0 && (code[n] == '\0' || code[n] == '-'))
      return i;
  }
  return -1;
}

static qujat_status put_text(struct loader *L, struct ptext *t, xmlNodePtr n,
                             const char *field, const char *value) {
  xmlChar *code = xmlNodeGetLang(n);
  int lang = code ? lang_index((const char *)code) : LANG_EN;
  qujat_status st = QUJAT_OK;
  if (!t->line)
    t->line = n->line;
  if (lang < 0)
    st = qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                       "%s in xml:lang=\"%s\": the texts of a profile are in "
                       "kk, ru or en",
                       field, (const char *)code);
  else if (t->s[lang])
    st = qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                       "%s is given twice in %s", field,
                       lang == LANG_KK   ? "Kazakh (kk)"
                       : lang == LANG_RU ? "Russian (ru)"
                                         : "English (en)");
  else {
    t->s[lang] = value;
    t->lines[lang] = n->line;
  }
  xmlFree(code);
  return st;
}

/* The first text given, in the order en, ru, kk: for the checks that only
 * ask whether there is one. */
static const char *any_text(const struct ptext *t) {
  return t->s[LANG_EN] ? t->s[LANG_EN]
         : t->s[LANG_RU] ? t->s[LANG_RU]
                         : t->s[LANG_KK];
}

/* A field given as the attribute `name` of `n` and/or as child elements
 * <name xml:lang="..">. `field` names it in messages, e.g. "<request
 * purpose>". */
static qujat_status load_text(struct loader *L, xmlNodePtr n, const char *name,
                              const char *field, struct ptext *t) {
  qujat_status st = QUJAT_OK;
  const char *v = attr(L, n, name);
  if (v)
    CHECK(put_text(L, t, n, field, v));
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, PROFILE_NS, name))
      continue;
    xmlChar *x = xmlNodeGetContent(c);
    const char *s = x ? qujat_arena_strdup_nfc(&L->p->arena, (const char *)x)
                      : NULL;
    xmlFree(x);
    if (s)
      CHECK(put_text(L, t, c, field, s));
  }
done:
  return st;
}

static qujat_status load_passport(struct loader *L, xmlNodePtr n,
                                  struct passport *pp) {
  qujat_status st;
  pp->present = 1;
  CHECK(required(L, n, "number", &pp->number));
  CHECK(date_attr(L, n, "issued", &pp->has_issued, &pp->issued));
  CHECK(date_attr(L, n, "expires", NULL, &pp->expires));
  if (pp->has_issued && qujat_date_cmp(pp->issued, pp->expires) >= 0)
    st = qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                       "the passport expires before it was issued");
done:
  return st;
}

/* The fields the applicant and a dependant share; `first` is the first
 * child element. */
static qujat_status load_person(struct loader *L, xmlNodePtr n,
                                struct person *who, xmlNodePtr *first) {
  qujat_status st;
  who->line = n->line;
  CHECK(required(L, n, "surname", &who->surname));
  CHECK(required(L, n, "given-names", &who->given_names));
  CHECK(date_attr(L, n, "birth-date", &who->has_birth, &who->birth));
  who->sex = attr(L, n, "sex");
  who->citizenship = attr(L, n, "citizenship");
  *first = qujat_xml_elem(n->children);
  if (qujat_xml_is(*first, PROFILE_NS, "passport")) {
    CHECK(load_passport(L, *first, &who->passport));
    *first = qujat_xml_elem((*first)->next);
  }
done:
  return st;
}

static qujat_status load_applicant(struct loader *L, xmlNodePtr n) {
  struct qujat_profile *p = L->p;
  xmlNodePtr c;
  qujat_status st;
  CHECK(load_person(L, n, &p->applicant, &c));
  p->role = attr(L, n, "role");
  if (!p->role)
    p->role = "employee";
  if (qujat_xml_is(c, PROFILE_NS, "current-visa")) {
    p->has_visa = 1;
    CHECK(required(L, c, "category", &p->visa_category));
    p->visa_entries = attr(L, c, "entries");
    CHECK(date_attr(L, c, "expires", NULL, &p->visa_expires));
    c = qujat_xml_elem(c->next);
  }
  if (qujat_xml_is(c, PROFILE_NS, "current-trp")) {
    p->has_trp = 1;
    CHECK(date_attr(L, c, "expires", NULL, &p->trp_expires));
  }
done:
  return st;
}

static const char *child_text(struct loader *L, xmlNodePtr n,
                              const char *name) {
  xmlNodePtr c = qujat_xml_named(n->children, PROFILE_NS, name);
  if (!c)
    return NULL;
  xmlChar *v = xmlNodeGetContent(c);
  const char *s =
      v ? qujat_arena_strdup_nfc(&L->p->arena, (const char *)v) : NULL;
  xmlFree(v);
  return s;
}

static qujat_status load_company(struct loader *L, xmlNodePtr n) {
  struct qujat_profile *p = L->p;
  qujat_status st;
  p->has_company = 1;
  p->company_line = n->line;
  CHECK(load_text(L, n, "name", "<company name>", &p->company_name_t));
  p->company_name = any_text(&p->company_name_t);
  p->company_bin = attr(L, n, "bin");
  p->company_form = attr(L, n, "form");
  const char *head = attr(L, n, "letterhead");
  p->letterhead_kk_ru = head && strcmp(head, "kk+ru") == 0;
  CHECK(load_text(L, n, "address", "<company> <address>",
                  &p->company_address_t));
  p->company_address = any_text(&p->company_address_t);
  p->company_contacts = child_text(L, n, "contacts");
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (qujat_xml_is(c, PROFILE_NS, "head")) {
      CHECK(load_text(L, c, "position", "<head position>",
                      &p->head_position_t));
      CHECK(load_text(L, c, "name", "<head name>", &p->head_name_t));
      p->head_position = any_text(&p->head_position_t);
      p->head_name = any_text(&p->head_name_t);
    } else if (qujat_xml_is(c, PROFILE_NS, "prepared-by")) {
      CHECK(load_text(L, c, "name", "<prepared-by name>",
                      &p->prepared_by_t));
      p->prepared_phone = attr(L, c, "phone");
    }
  }
done:
  return st;
}

static qujat_status load_request(struct loader *L, xmlNodePtr n) {
  struct qujat_profile *p = L->p;
  qujat_status st;
  p->has_request = 1;
  p->request_line = n->line;
  p->category = attr(L, n, "category");
  p->entries = attr(L, n, "entries");
  CHECK(load_text(L, n, "purpose", "<request purpose>", &p->purpose_t));
  CHECK(load_text(L, n, "issue-place", "<request issue-place>",
                  &p->issue_place_t));
  CHECK(load_text(L, n, "stay-address", "<request stay-address>",
                  &p->stay_address_t));
  p->purpose = any_text(&p->purpose_t);
  p->issue_place = any_text(&p->issue_place_t);
  p->stay_address = any_text(&p->stay_address_t);
  p->letter_number = attr(L, n, "letter-number");
  CHECK(date_attr(L, n, "from", &p->has_from, &p->from));
  CHECK(date_attr(L, n, "to", &p->has_to, &p->to));
  if (p->has_from && p->has_to && qujat_date_cmp(p->from, p->to) > 0)
    st = qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, n->line, 0,
                       "<request>: 'from' (%04d-%02d-%02d) is after 'to'",
                       p->from.y, p->from.m, p->from.d);
done:
  return st;
}

static qujat_status load_filing(struct loader *L, xmlNodePtr n) {
  struct qujat_profile *p = L->p;
  qujat_status st;
  CHECK(flag_attr(L, n, "by-representative", &p->by_representative));
  CHECK(flag_attr(L, n, "work-permit-required", &p->work_permit_required));
  CHECK(flag_attr(L, n, "priority", &p->priority));
  CHECK(flag_attr(L, n, "personal-manager", &p->personal_manager));
  p->filing_for = attr(L, n, "for");
done:
  return st;
}

static qujat_status load_travel(struct loader *L, xmlNodePtr n) {
  struct qujat_profile *p = L->p;
  qujat_status st;
  size_t n_trips = 0;
  CHECK(date_attr(L, n, "arrival", &p->has_arrival, &p->arrival));
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next))
    if (qujat_xml_is(c, PROFILE_NS, "trip"))
      n_trips++;
  if (n_trips > PROFILE_MAX_TRIPS)
    return qujat_err_set(L->err, QUJAT_ERR_LIMIT, L->name, n->line, 0,
                         "<travel>: more than %d trips", PROFILE_MAX_TRIPS);
  if (!n_trips)
    return QUJAT_OK;
  struct profile_trip *t = qujat_arena_alloc(&p->arena, n_trips * sizeof *t);
  if (!t)
    return qujat_err_set(L->err, QUJAT_ERR_NOMEM, L->name, 0, 0,
                         "out of memory");
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, PROFILE_NS, "trip"))
      continue;
    struct profile_trip *x = &t[p->ntrips];
    CHECK(date_attr(L, c, "entry", NULL, &x->entry));
    CHECK(date_attr(L, c, "exit", NULL, &x->exit));
    if (qujat_date_cmp(x->entry, x->exit) > 0)
      return qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, c->line, 0,
                           "<trip>: 'entry' (%04d-%02d-%02d) is after "
                           "'exit'",
                           x->entry.y, x->entry.m, x->entry.d);
    p->ntrips++;
  }
  p->trips = t;
done:
  return st;
}

/* The schema fixes the order; this walk tolerates any order so that it
 * stays safe when the schema is not available (from memory, fuzzing). */
static qujat_status load_root(struct loader *L, xmlNodePtr root) {
  struct qujat_profile *p = L->p;
  qujat_status st = QUJAT_OK;
  size_t ndep = 0;
  QUJAT_XML_EACH(c, root, PROFILE_NS, "dependant")
    ndep++;
  if (ndep > 20)
    return qujat_err_set(L->err, QUJAT_ERR_LIMIT, L->name, root->line, 0,
                         "more than 20 dependants");
  struct person *deps = NULL;
  if (ndep) {
    deps = qujat_arena_alloc(&p->arena, ndep * sizeof *deps);
    p->xml_dependants = qujat_arena_alloc(&p->arena, ndep * sizeof(void *));
    if (!deps || !p->xml_dependants)
      return qujat_err_set(L->err, QUJAT_ERR_NOMEM, L->name, 0, 0,
                           "out of memory");
  }
  int seen_applicant = 0;
  for (xmlNodePtr c = qujat_xml_elem(root->children); c;
       c = qujat_xml_elem(c->next)) {
    if (qujat_xml_is(c, PROFILE_NS, "applicant")) {
      if (seen_applicant++)
        return qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, c->line, 0,
                             "a second <applicant>: one profile is for one "
                             "applicant");
      CHECK(load_applicant(L, c));
    } else if (qujat_xml_is(c, PROFILE_NS, "dependant")) {
      struct person *d = &deps[p->ndependants];
      xmlNodePtr rest;
      CHECK(required(L, c, "relation", &d->relation));
      CHECK(load_person(L, c, d, &rest));
      p->xml_dependants[p->ndependants++] = c;
    } else if (qujat_xml_is(c, PROFILE_NS, "company")) {
      CHECK(load_company(L, c));
    } else if (qujat_xml_is(c, PROFILE_NS, "request")) {
      CHECK(load_request(L, c));
    } else if (qujat_xml_is(c, PROFILE_NS, "filing")) {
      CHECK(load_filing(L, c));
    } else if (qujat_xml_is(c, PROFILE_NS, "travel")) {
      CHECK(load_travel(L, c));
    }
  }
  p->dependants = deps;
  if (!seen_applicant)
    st = qujat_err_set(L->err, QUJAT_ERR_CATALOG, L->name, root->line, 0,
                       "the profile has no <applicant>");
done:
  return st;
}

void qujat_profile_free(qujat_profile *p) {
  if (!p)
    return;
  if (p->owns_xml_doc)
    xmlFreeDoc(p->xml_doc);
  qujat_arena_free(&p->arena);
  free(p);
}

/* Reads the profile of `doc`, which `p` then holds. */
static qujat_status load_doc(const qujat_catalog *cat, xmlDocPtr doc,
                             const char *name, qujat_profile **out,
                             qujat_error *err) {
  qujat_status st;
  *out = NULL;
  qujat_profile *p = calloc(1, sizeof *p);
  if (!p)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  qujat_arena_init(&p->arena);
  p->by_representative = p->work_permit_required = p->priority =
      p->personal_manager = TRI_UNSET;
  struct loader L = {p, name, err};
  p->xml_doc = doc;
  p->name = qujat_arena_strdup(&p->arena, name);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!qujat_xml_is(root, PROFILE_NS, "profile")) {
    st = qujat_err_set(err, QUJAT_ERR_CATALOG, name, root ? root->line : 0, 0,
                       "expected <profile xmlns=\"%s\">, found <%s>",
                       PROFILE_NS,
                       root && root->name ? (const char *)root->name : "?");
    goto done;
  }
  xmlSchemaPtr schema = NULL;
  CHECK(qujat_catalog_schema(cat, QUJAT_SCHEMA_PROFILE, &schema, err));
  if (schema)
    CHECK(qujat_xml_validate(schema, doc, name, NULL, NULL, err));
  CHECK(load_root(&L, root));
  if (p->arena.failed) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
    goto done;
  }
  *out = p;
done:
  /* A value the arena could not keep reads as "" till the end of the load:
   * what it made fail (a missing attribute, an empty date) was memory. */
  if (st != QUJAT_OK && st != QUJAT_ERR_NOMEM && p->arena.failed)
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, name, 0, 0, "out of memory");
  if (st != QUJAT_OK)
    qujat_profile_free(p);
  return st;
}

qujat_status qujat_profile_load_memory(const qujat_catalog *cat,
                                       const char *xml, size_t len,
                                       const char *name, qujat_profile **out,
                                       qujat_error *err) {
  if (!name)
    name = "(profile)";
  *out = NULL;
  xmlDocPtr doc = NULL;
  qujat_status st = qujat_xml_parse(xml, len, name, QUJAT_MAX_PROFILE_BYTES,
                                    &doc, err);
  if (st == QUJAT_OK)
    st = load_doc(cat, doc, name, out, err);
  if (st == QUJAT_OK)
    (*out)->owns_xml_doc = 1;
  else
    xmlFreeDoc(doc);
  return st;
}

qujat_status qujat_profile_load_doc(const qujat_catalog *cat, void *doc,
                                    const char *name, qujat_profile **out,
                                    qujat_error *err) {
  return load_doc(cat, doc, name ? name : "(profile)", out, err);
}

void qujat_profile_doc_free(void *doc) { xmlFreeDoc(doc); }

qujat_status qujat_profile_load_file(const qujat_catalog *cat,
                                     const char *path, qujat_profile **out,
                                     qujat_error *err) {
  char *buf = NULL;
  size_t len = 0;
  qujat_status st =
      qujat_read_file(path, QUJAT_MAX_PROFILE_BYTES, &buf, &len, err);
  if (st == QUJAT_OK)
    st = qujat_profile_load_memory(cat, buf, len, path, out, err);
  free(buf);
  return st;
}
