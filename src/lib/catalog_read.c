/*
 * Catalog XML -> model. The schema checks shapes when it is available; this
 * file checks everything the code relies on anyway (so that a catalog loaded
 * from memory without a schema cannot crash it) plus the semantics no schema
 * can express.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_read.h"
#include "money.h"
#include "xmlsafe.h"
#include "xpath.h"

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
  size_t nsources, neditions, nmcis, nconditions, ndocuments, nprocedures,
      nnotes, ngroups, nservices;
  size_t *service_group; /* group index of each service, for ordering */
  const char **same_as;  /* same-as id of each service, resolved last */
  int *same_as_line;
  int *service_line;
  const char **service_file;
};

/* ------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------ */

static qujat_status fail(struct reader *R, const xmlNode *n, const char *fmt,
                         ...) QUJAT_PRINTF(3, 4);

static qujat_status fail(struct reader *R, const xmlNode *n, const char *fmt,
                         ...) {
  char msg[QUJAT_ERROR_MSG_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->file, n ? n->line : 0, 0,
                       "%s", msg);
}

static qujat_status nomem(struct reader *R) {
  return qujat_err_set(R->err, QUJAT_ERR_NOMEM, R->file, 0, 0,
                       "out of memory");
}

static void *alloc(struct reader *R, size_t n, size_t size) {
  if (n == 0)
    return NULL;
  if (n > SIZE_MAX / size)
    return NULL;
  return qujat_arena_alloc(&R->c->arena, n * size);
}

static const char *attr(struct reader *R, xmlNodePtr n, const char *name) {
  return qujat_xml_attr(&R->c->arena, n, name);
}

static qujat_status req_attr(struct reader *R, xmlNodePtr n, const char *name,
                             const char **out) {
  return qujat_xml_required(&R->c->arena, n, name, R->file, out, R->err);
}

static int attr_is(struct reader *R, xmlNodePtr n, const char *name,
                   const char *value) {
  const char *v = attr(R, n, name);
  return v && strcmp(v, value) == 0;
}

/* A positive integer attribute; 0 when absent. */
static qujat_status int_attr(struct reader *R, xmlNodePtr n, const char *name,
                             int *out) {
  const char *v = attr(R, n, name);
  *out = 0;
  if (!v)
    return QUJAT_OK;
  char *end;
  long x = strtol(v, &end, 10);
  if (end == v || *end || x < 0 || x > 100000)
    return fail(R, n, "<%s %s=\"%s\">: expected a whole number",
                (const char *)n->name, name, v);
  *out = (int)x;
  return QUJAT_OK;
}

static qujat_status date_attr(struct reader *R, xmlNodePtr n,
                              const char *name, struct date *out) {
  const char *v;
  qujat_status st = req_attr(R, n, name, &v);
  if (st == QUJAT_OK && !qujat_date_parse(v, out))
    st = fail(R, n, "<%s %s=\"%s\">: not a calendar date (YYYY-MM-DD)",
              (const char *)n->name, name, v);
  return st;
}

static xmlNodePtr first_child(xmlNodePtr n, const char *name) {
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next))
    if (qujat_xml_is(c, NS, name))
      return c;
  return NULL;
}

static size_t count_children(xmlNodePtr n, const char *name) {
  size_t k = 0;
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next))
    if (qujat_xml_is(c, NS, name))
      k++;
  return k;
}

/* The element's text with runs of white space collapsed to one space and
 * trimmed: catalog texts may be wrapped over several lines. */
static const char *norm_text(struct reader *R, xmlNodePtr n) {
  xmlChar *raw = xmlNodeGetContent(n);
  if (!raw)
    return NULL;
  size_t len = strlen((const char *)raw);
  char *out = qujat_arena_alloc(&R->c->arena, len + 1);
  if (out) {
    size_t o = 0;
    int space = 0;
    for (const char *p = (const char *)raw; *p; p++) {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
        space = o > 0;
      } else {
        if (space)
          out[o++] = ' ';
        space = 0;
        out[o++] = *p;
      }
    }
    out[o] = '\0';
  }
  xmlFree(raw);
  return out;
}

/* <x><kk>..</kk><ru>..</ru><en>..</en></x>: all three, in that order. */
static qujat_status read_text3(struct reader *R, xmlNodePtr n,
                               struct text3 *t) {
  static const char *const langs[NLANGS] = {"kk", "ru", "en"};
  xmlNodePtr c = qujat_xml_elem(n->children);
  for (int i = 0; i < NLANGS; i++, c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, langs[i]))
      return fail(R, c ? c : n,
                  "<%s> needs <kk>, <ru> and <en> in that order; <%s> is "
                  "missing",
                  (const char *)n->name, langs[i]);
    t->s[i] = norm_text(R, c);
    if (!t->s[i])
      return nomem(R);
    if (!*t->s[i])
      return fail(R, c, "<%s> text is empty", langs[i]);
  }
  return QUJAT_OK;
}

static qujat_status read_text3_child(struct reader *R, xmlNodePtr n,
                                     const char *name, struct text3 *t) {
  xmlNodePtr c = first_child(n, name);
  if (!c)
    return fail(R, n, "<%s> lacks <%s>", (const char *)n->name, name);
  return read_text3(R, c, t);
}

static const struct source *find_source(struct reader *R, const char *id) {
  for (size_t i = 0; i < R->nsources; i++)
    if (strcmp(R->sources[i].id, id) == 0)
      return &R->sources[i];
  return NULL;
}

/* Every fact says where it comes from: at least one <source ref section>. */
static qujat_status read_cites(struct reader *R, xmlNodePtr n,
                               struct cites *out) {
  size_t k = count_children(n, "source");
  if (k == 0)
    return fail(R, n, "<%s> lacks a <source ref=\"...\" section=\"...\"/>: "
                      "every fact needs its source",
                (const char *)n->name);
  struct cite *v = alloc(R, k, sizeof *v);
  if (!v)
    return nomem(R);
  size_t i = 0;
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, "source"))
      continue;
    const char *ref;
    qujat_status st = req_attr(R, c, "ref", &ref);
    if (st == QUJAT_OK)
      st = req_attr(R, c, "section", &v[i].section);
    if (st != QUJAT_OK)
      return st;
    v[i].source = find_source(R, ref);
    if (!v[i].source)
      return fail(R, c, "unknown source '%s'", ref);
    i++;
  }
  out->v = v;
  out->n = k;
  return QUJAT_OK;
}

/* Ids are unique within their kind. */
#define FIND_BY_ID(arr, n, id)                                                 \
  do {                                                                         \
    for (size_t i_ = 0; i_ < (n); i_++)                                        \
      if (strcmp((arr)[i_].id, (id)) == 0)                                     \
        return &(arr)[i_];                                                     \
    return NULL;                                                               \
  } while (0)

static const struct condition *find_condition(struct reader *R,
                                              const char *id) {
  FIND_BY_ID(R->conditions, R->nconditions, id);
}
static const struct document *find_document(struct reader *R, const char *id) {
  FIND_BY_ID(R->documents, R->ndocuments, id);
}
static const struct procedure *find_procedure(struct reader *R,
                                              const char *id) {
  FIND_BY_ID(R->procedures, R->nprocedures, id);
}
static const struct note *find_note(struct reader *R, const char *id) {
  FIND_BY_ID(R->notes, R->nnotes, id);
}
static const struct edition *find_edition(struct reader *R, const char *id) {
  FIND_BY_ID(R->editions, R->neditions, id);
}

static qujat_status check_new_id(struct reader *R, xmlNodePtr n,
                                 const char *kind, const void *existing) {
  if (existing)
    return fail(R, n, "duplicate %s id", kind);
  return QUJAT_OK;
}

/* <note ref="..."/> children into an array of pointers. */
static qujat_status read_note_refs(struct reader *R, xmlNodePtr n,
                                   const struct note *const **out,
                                   size_t *nout) {
  size_t k = count_children(n, "note");
  const struct note **v = alloc(R, k, sizeof *v);
  if (k && !v)
    return nomem(R);
  size_t i = 0;
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, "note"))
      continue;
    const char *ref;
    qujat_status st = req_attr(R, c, "ref", &ref);
    if (st != QUJAT_OK)
      return st;
    v[i] = find_note(R, ref);
    if (!v[i])
      return fail(R, c, "unknown note '%s'", ref);
    i++;
  }
  *out = v;
  *nout = k;
  return QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * Definitions
 * ------------------------------------------------------------------------ */

static qujat_status read_source(struct reader *R, xmlNodePtr n) {
  struct source *s = &R->sources[R->nsources];
  qujat_status st;
  CHECK(req_attr(R, n, "id", &s->id));
  CHECK(check_new_id(R, n, "source", find_source(R, s->id)));
  CHECK(req_attr(R, n, "file", &s->file));
  CHECK(req_attr(R, n, "lang", &s->lang));
  CHECK(read_text3_child(R, n, "title", &s->title));
  R->nsources++;
done:
  return st;
}

static qujat_status read_edition(struct reader *R, xmlNodePtr n) {
  struct edition *e = &R->editions[R->neditions];
  const char *src;
  qujat_status st;
  CHECK(req_attr(R, n, "id", &e->id));
  CHECK(check_new_id(R, n, "edition", find_edition(R, e->id)));
  CHECK(date_attr(R, n, "from", &e->from));
  CHECK(date_attr(R, n, "to", &e->to));
  if (qujat_date_cmp(e->from, e->to) > 0)
    CHECK(fail(R, n, "edition '%s' ends before it starts", e->id));
  for (size_t i = 0; i < R->neditions; i++) {
    const struct edition *o = &R->editions[i];
    if (qujat_date_cmp(e->from, o->to) <= 0 &&
        qujat_date_cmp(o->from, e->to) <= 0)
      CHECK(fail(R, n, "edition '%s' overlaps edition '%s'", e->id, o->id));
  }
  CHECK(req_attr(R, n, "source", &src));
  e->source = find_source(R, src);
  if (!e->source)
    CHECK(fail(R, n, "unknown source '%s'", src));
  CHECK(read_text3_child(R, n, "title", &e->title));
  R->neditions++;
done:
  return st;
}

static qujat_status read_mci(struct reader *R, xmlNodePtr n) {
  struct mci *m = &R->mcis[R->nmcis];
  const char *kzt;
  qujat_status st;
  CHECK(int_attr(R, n, "year", &m->year));
  if (m->year < 1990)
    CHECK(fail(R, n, "<mci> needs a year from 1990"));
  for (size_t i = 0; i < R->nmcis; i++)
    if (R->mcis[i].year == m->year)
      CHECK(fail(R, n, "a second MCI for %d", m->year));
  CHECK(req_attr(R, n, "kzt", &kzt));
  if (!qujat_decimal_parse(kzt, 2, &m->tiyn) || m->tiyn == 0 ||
      strchr(kzt, '.') || strchr(kzt, ','))
    CHECK(fail(R, n, "<mci kzt=\"%s\">: expected whole tenge", kzt));
  CHECK(read_cites(R, n, &m->cites));
  R->nmcis++;
done:
  return st;
}

static qujat_status compile(struct reader *R, xmlNodePtr n, const char *src,
                            struct xpath **out) {
  char msg[200];
  qujat_status st = qujat_xpath_compile(src, out, msg, sizeof msg);
  if (st == QUJAT_ERR_CATALOG)
    return fail(R, n, "%s", msg);
  if (st != QUJAT_OK)
    return nomem(R);
  struct qujat_catalog *c = R->c;
  struct xpath **v = realloc(c->xpaths, (c->nxpaths + 1) * sizeof *v);
  if (!v) {
    qujat_xpath_free(*out);
    *out = NULL;
    return nomem(R);
  }
  c->xpaths = v;
  c->xpaths[c->nxpaths++] = *out;
  return QUJAT_OK;
}

/* Condition texts may only use the placeholders the rules fill in. */
static qujat_status check_placeholders(struct reader *R, xmlNodePtr n,
                                       const struct text3 *t) {
  static const char *const known[] = {"{names}", "{name}",     "{age}",
                                      "{date}",  "{category}", "{visa}"};
  for (int l = 0; l < NLANGS; l++) {
    for (const char *p = strchr(t->s[l], '{'); p; p = strchr(p + 1, '{')) {
      size_t i;
      for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strncmp(p, known[i], strlen(known[i])) == 0)
          break;
      if (i == sizeof known / sizeof known[0])
        return fail(R, n, "unknown placeholder in \"%.40s\": use {names}, "
                          "{name}, {age}, {date}, {category} or {visa}",
                    p);
    }
  }
  return QUJAT_OK;
}

static qujat_status read_condition(struct reader *R, xmlNodePtr n) {
  struct condition *k = &R->conditions[R->nconditions];
  qujat_status st;
  CHECK(req_attr(R, n, "id", &k->id));
  CHECK(check_new_id(R, n, "condition", find_condition(R, k->id)));
  const char *scope = attr(R, n, "scope");
  if (scope && strcmp(scope, "dependant") == 0)
    k->per_dependant = 1;
  else if (scope && strcmp(scope, "profile") != 0)
    CHECK(fail(R, n, "scope=\"%s\": expected profile or dependant", scope));
  CHECK(req_attr(R, n, "test", &k->test_src));
  CHECK(compile(R, n, k->test_src, &k->test));
  k->known_src = attr(R, n, "known");
  if (k->known_src)
    CHECK(compile(R, n, k->known_src, &k->known));
  CHECK(read_text3_child(R, n, "because", &k->because));
  CHECK(read_text3_child(R, n, "otherwise", &k->otherwise));
  CHECK(read_text3_child(R, n, "unknown", &k->unknown));
  CHECK(check_placeholders(R, n, &k->because));
  CHECK(check_placeholders(R, n, &k->otherwise));
  CHECK(check_placeholders(R, n, &k->unknown));
  R->nconditions++;
done:
  return st;
}

static qujat_status read_document(struct reader *R, xmlNodePtr n) {
  struct document *d = &R->documents[R->ndocuments];
  qujat_status st;
  CHECK(req_attr(R, n, "id", &d->id));
  CHECK(check_new_id(R, n, "document", find_document(R, d->id)));
  CHECK(read_cites(R, n, &d->cites));
  CHECK(read_text3_child(R, n, "text", &d->text));
  R->ndocuments++;
done:
  return st;
}

static qujat_status read_procedure(struct reader *R, xmlNodePtr n) {
  struct procedure *p = &R->procedures[R->nprocedures];
  qujat_status st;
  CHECK(req_attr(R, n, "id", &p->id));
  CHECK(check_new_id(R, n, "procedure", find_procedure(R, p->id)));
  CHECK(read_cites(R, n, &p->cites));
  CHECK(read_text3_child(R, n, "title", &p->title));
  size_t k = count_children(n, "bullet");
  if (k == 0)
    CHECK(fail(R, n, "<procedure> needs at least one <bullet>"));
  struct text3 *b = alloc(R, k, sizeof *b);
  if (!b)
    CHECK(nomem(R));
  size_t i = 0;
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next))
    if (qujat_xml_is(c, NS, "bullet"))
      CHECK(read_text3(R, c, &b[i++]));
  p->bullets = b;
  p->nbullets = k;
  R->nprocedures++;
done:
  return st;
}

static qujat_status read_note(struct reader *R, xmlNodePtr n) {
  struct note *t = &R->notes[R->nnotes];
  qujat_status st;
  CHECK(req_attr(R, n, "id", &t->id));
  CHECK(check_new_id(R, n, "note", find_note(R, t->id)));
  CHECK(read_cites(R, n, &t->cites));
  CHECK(read_text3_child(R, n, "text", &t->text));
  R->nnotes++;
done:
  return st;
}

static qujat_status read_group(struct reader *R, xmlNodePtr n) {
  struct group *g = &R->groups[R->ngroups];
  qujat_status st;
  CHECK(req_attr(R, n, "id", &g->id));
  for (size_t i = 0; i < R->ngroups; i++)
    if (strcmp(R->groups[i].id, g->id) == 0)
      CHECK(fail(R, n, "duplicate group id"));
  CHECK(read_cites(R, n, &g->cites));
  CHECK(read_text3_child(R, n, "title", &g->title));
  CHECK(read_note_refs(R, n, &g->notes, &g->nnotes));
  R->ngroups++;
done:
  return st;
}

/* ------------------------------------------------------------------------
 * Services
 * ------------------------------------------------------------------------ */

static qujat_status read_steps(struct reader *R, xmlNodePtr n,
                               struct service *s) {
  xmlNodePtr steps = first_child(n, "steps");
  if (!steps)
    return QUJAT_OK;
  size_t k = count_children(steps, "step");
  struct step *v = alloc(R, k, sizeof *v);
  if (k && !v)
    return nomem(R);
  size_t i = 0;
  for (xmlNodePtr c = qujat_xml_elem(steps->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, "step"))
      continue;
    const char *ref;
    qujat_status st = req_attr(R, c, "ref", &ref);
    if (st != QUJAT_OK)
      return st;
    v[i].proc = find_procedure(R, ref);
    if (!v[i].proc)
      return fail(R, c, "unknown procedure '%s'", ref);
    if (first_child(c, "title")) {
      v[i].has_title = 1;
      st = read_text3_child(R, c, "title", &v[i].title);
      if (st != QUJAT_OK)
        return st;
    }
    i++;
  }
  s->steps = v;
  s->nsteps = k;
  return QUJAT_OK;
}

static qujat_status read_items(struct reader *R, xmlNodePtr n,
                               struct service *s) {
  xmlNodePtr docs = first_child(n, "documents");
  if (!docs)
    return fail(R, n, "<service> lacks <documents>");
  const char *same = attr(R, docs, "same-as");
  size_t k = count_children(docs, "item");
  if (same) {
    if (k)
      return fail(R, docs, "<documents same-as=\"%s\"> cannot list items "
                           "of its own",
                  same);
    R->same_as[R->nservices] = same;
    R->same_as_line[R->nservices] = docs->line;
    return QUJAT_OK;
  }
  if (k == 0)
    return fail(R, docs, "<documents> lists no <item> and names no "
                         "same-as service");
  struct item *v = alloc(R, k, sizeof *v);
  if (!v)
    return nomem(R);
  size_t i = 0;
  for (xmlNodePtr c = qujat_xml_elem(docs->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, "item"))
      continue;
    const char *doc, *cond = attr(R, c, "if"), *per = attr(R, c, "per");
    qujat_status st = req_attr(R, c, "doc", &doc);
    if (st != QUJAT_OK)
      return st;
    v[i].doc = find_document(R, doc);
    if (!v[i].doc)
      return fail(R, c, "unknown document '%s'", doc);
    for (size_t j = 0; j < i; j++)
      if (v[j].doc == v[i].doc)
        return fail(R, c, "document '%s' is listed twice", doc);
    if (!per)
      v[i].per = PER_ONCE;
    else if (strcmp(per, "person") == 0)
      v[i].per = PER_PERSON;
    else if (strcmp(per, "dependant") == 0)
      v[i].per = PER_DEPENDANT;
    else
      return fail(R, c, "per=\"%s\": expected person or dependant", per);
    if (cond) {
      v[i].cond = find_condition(R, cond);
      if (!v[i].cond)
        return fail(R, c, "unknown condition '%s'", cond);
      if (v[i].cond->per_dependant && v[i].per != PER_DEPENDANT)
        return fail(R, c, "condition '%s' is about one dependant: use it "
                          "with per=\"dependant\"",
                    cond);
      if (!v[i].cond->per_dependant && v[i].per != PER_ONCE)
        return fail(R, c, "a repeated item takes a per-dependant "
                          "condition, not '%s'",
                    cond);
    }
    i++;
  }
  s->items = v;
  s->nitems = k;
  return QUJAT_OK;
}

static qujat_status read_fee(struct reader *R, xmlNodePtr n,
                             const struct edition *ed, struct fee *f) {
  static const char *const kinds[] = {"service", "personal-manager",
                                      "priority", "walk-in", "state"};
  const char *kind, *kzt = attr(R, n, "kzt"), *mci = attr(R, n, "mci");
  const char *printed = attr(R, n, "printed-kzt"), *mode = attr(R, n, "mode");
  const char *per = attr(R, n, "per"), *cond = attr(R, n, "if");
  const char *note = attr(R, n, "note");
  int not_stated = attr_is(R, n, "stated", "false");
  int none = attr_is(R, n, "none", "true");
  qujat_status st;
  CHECK(req_attr(R, n, "kind", &kind));
  size_t k;
  for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
    if (strcmp(kind, kinds[k]) == 0)
      break;
  if (k == sizeof kinds / sizeof kinds[0])
    CHECK(fail(R, n, "unknown fee kind '%s'", kind));
  f->kind = (enum fee_kind)k;
  if ((kzt != NULL) + (mci != NULL) + not_stated + none != 1)
    CHECK(fail(R, n, "a <fee> needs exactly one of kzt, mci, "
                     "stated=\"false\" or none=\"true\""));
  f->printed_tiyn = -1;
  if (kzt) {
    f->amount = AMOUNT_KZT;
    if (f->kind == FEE_STATE)
      CHECK(fail(R, n, "a state fee is given in MCI (mci=\"...\"), not kzt"));
    if (!qujat_decimal_parse(kzt, 2, &f->tiyn) || strchr(kzt, '.') ||
        strchr(kzt, ','))
      CHECK(fail(R, n, "kzt=\"%s\": expected whole tenge", kzt));
  } else if (mci) {
    f->amount = AMOUNT_MCI;
    if (f->kind != FEE_STATE)
      CHECK(fail(R, n, "only a state fee is given in MCI"));
    if (!qujat_decimal_parse(mci, 2, &f->mci_centi) || f->mci_centi == 0)
      CHECK(fail(R, n, "mci=\"%s\": expected a positive number with at "
                       "most two decimals",
                 mci));
  } else {
    f->amount = not_stated ? AMOUNT_NOT_STATED : AMOUNT_NONE;
  }
  if (printed) {
    /* The guidebooks print each state fee in tenge next to its MCI
     * multiple; recomputing it catches a typo in the MCI or the fee. */
    const struct mci *m = NULL;
    for (size_t i = 0; i < R->nmcis; i++)
      if (R->mcis[i].year == ed->from.y)
        m = &R->mcis[i];
    if (f->amount != AMOUNT_MCI)
      CHECK(fail(R, n, "printed-kzt only goes with mci"));
    if (!qujat_decimal_parse(printed, 2, &f->printed_tiyn))
      CHECK(fail(R, n, "printed-kzt=\"%s\": not an amount", printed));
    if (!m)
      CHECK(fail(R, n, "no MCI for %d to check printed-kzt against",
                 ed->from.y));
    int64_t computed = qujat_mci_amount(f->mci_centi, m->tiyn);
    if (computed != f->printed_tiyn) {
      char a[32], b[32];
      qujat_tiyn_plain(computed, a, sizeof a);
      qujat_tiyn_plain(f->printed_tiyn, b, sizeof b);
      CHECK(fail(R, n, "%s MCI of %d is %s KZT, but the source prints %s",
                 mci, ed->from.y, a, b));
    }
  }
  int option = f->kind == FEE_PERSONAL_MANAGER || f->kind == FEE_PRIORITY ||
               f->kind == FEE_WALK_IN;
  if (option && !mode)
    CHECK(fail(R, n, "a %s fee needs mode=\"replace\" or mode=\"add\"",
               kind));
  if (!option && mode)
    CHECK(fail(R, n, "mode only applies to optional fees"));
  if (mode && strcmp(mode, "add") == 0)
    f->add = 1;
  else if (mode && strcmp(mode, "replace") != 0)
    CHECK(fail(R, n, "mode=\"%s\": expected replace or add", mode));
  if (per && strcmp(per, "person") == 0)
    f->per_person = 1;
  else if (per && strcmp(per, "application") != 0)
    CHECK(fail(R, n, "per=\"%s\": expected application or person", per));
  if (cond) {
    f->cond = find_condition(R, cond);
    if (!f->cond)
      CHECK(fail(R, n, "unknown condition '%s'", cond));
    if (f->cond->per_dependant)
      CHECK(fail(R, n, "a fee cannot depend on a per-dependant condition"));
  }
  if (note) {
    f->note = find_note(R, note);
    if (!f->note)
      CHECK(fail(R, n, "unknown note '%s'", note));
  }
  if (first_child(n, "label")) {
    f->has_label = 1;
    CHECK(read_text3_child(R, n, "label", &f->label));
  }
done:
  return st;
}

static qujat_status read_fee_tables(struct reader *R, xmlNodePtr n,
                                    struct service *s) {
  size_t k = count_children(n, "fees");
  struct fee_table *v = alloc(R, k, sizeof *v);
  if (!v)
    return k ? nomem(R) : fail(R, n, "<service> lacks <fees>");
  size_t i = 0;
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, "fees"))
      continue;
    const char *ed;
    qujat_status st = req_attr(R, c, "edition", &ed);
    if (st != QUJAT_OK)
      return st;
    v[i].edition = find_edition(R, ed);
    if (!v[i].edition)
      return fail(R, c, "unknown edition '%s'", ed);
    for (size_t j = 0; j < i; j++)
      if (v[j].edition == v[i].edition)
        return fail(R, c, "a second fee table for edition '%s'", ed);
    if ((st = read_cites(R, c, &v[i].cites)) != QUJAT_OK)
      return st;
    size_t nf = count_children(c, "fee");
    struct fee *fees = alloc(R, nf, sizeof *fees);
    if (nf && !fees)
      return nomem(R);
    size_t j = 0;
    for (xmlNodePtr f = qujat_xml_elem(c->children); f;
         f = qujat_xml_elem(f->next))
      if (qujat_xml_is(f, NS, "fee"))
        if ((st = read_fee(R, f, v[i].edition, &fees[j++])) != QUJAT_OK)
          return st;
    v[i].fees = fees;
    v[i].nfees = nf;
    i++;
  }
  s->fee_tables = v;
  s->nfee_tables = k;
  return QUJAT_OK;
}

static qujat_status read_unit(struct reader *R, xmlNodePtr n,
                              enum time_unit *out) {
  const char *u;
  qujat_status st = req_attr(R, n, "unit", &u);
  if (st != QUJAT_OK)
    return st;
  if (strcmp(u, "business-day") == 0)
    *out = UNIT_BUSINESS_DAY;
  else if (strcmp(u, "calendar-day") == 0)
    *out = UNIT_CALENDAR_DAY;
  else if (strcmp(u, "minute") == 0)
    *out = UNIT_MINUTE;
  else
    return fail(R, n, "unit=\"%s\": expected business-day, calendar-day or "
                      "minute",
                u);
  return QUJAT_OK;
}

static qujat_status read_timing(struct reader *R, xmlNodePtr n,
                                struct service *s) {
  qujat_status st;
  xmlNodePtr t = first_child(n, "timeframe");
  if (!t)
    CHECK(fail(R, n, "<service> lacks <timeframe>"));
  CHECK(read_cites(R, t, &s->timeframe.cites));
  if (attr_is(R, t, "stated", "false")) {
    s->timeframe.stated = 0;
  } else {
    s->timeframe.stated = 1;
    CHECK(int_attr(R, t, "min", &s->timeframe.min));
    CHECK(int_attr(R, t, "max", &s->timeframe.max));
    CHECK(read_unit(R, t, &s->timeframe.unit));
    if (s->timeframe.min <= 0)
      CHECK(fail(R, t, "<timeframe> needs min=\"N\" or stated=\"false\""));
    if (s->timeframe.max == 0)
      s->timeframe.max = s->timeframe.min;
    if (s->timeframe.max < s->timeframe.min)
      CHECK(fail(R, t, "<timeframe> max is below min"));
  }
  xmlNodePtr w = first_child(n, "filing-window");
  if (w) {
    s->window.present = 1;
    CHECK(int_attr(R, w, "earliest", &s->window.earliest));
    CHECK(int_attr(R, w, "latest", &s->window.latest));
    CHECK(read_unit(R, w, &s->window.unit));
    CHECK(read_cites(R, w, &s->window.cites));
    if (s->window.earliest <= s->window.latest)
      CHECK(fail(R, w, "the window opens (earliest) after it closes "
                       "(latest)"));
  }
  xmlNodePtr p = first_child(n, "passport");
  if (p) {
    CHECK(int_attr(R, p, "months-after-visa", &s->passport.months_after_visa));
    CHECK(int_attr(R, p, "days-at-filing", &s->passport.days_at_filing));
    CHECK(read_cites(R, p, &s->passport.cites));
  }
done:
  return st;
}

static qujat_status read_service(struct reader *R, xmlNodePtr n) {
  struct service *s = &R->services[R->nservices];
  const char *group;
  qujat_status st;
  CHECK(req_attr(R, n, "id", &s->id));
  for (size_t i = 0; i < R->nservices; i++)
    if (strcmp(R->services[i].id, s->id) == 0)
      CHECK(fail(R, n, "duplicate service id '%s'", s->id));
  CHECK(req_attr(R, n, "group", &group));
  size_t g;
  for (g = 0; g < R->ngroups; g++)
    if (strcmp(R->groups[g].id, group) == 0)
      break;
  if (g == R->ngroups)
    CHECK(fail(R, n, "unknown group '%s'", group));
  s->group = &R->groups[g];
  R->service_group[R->nservices] = g;
  R->service_file[R->nservices] = R->file;
  R->service_line[R->nservices] = n->line;
  CHECK(read_cites(R, n, &s->cites));
  CHECK(read_text3_child(R, n, "title", &s->title));
  CHECK(read_text3_child(R, n, "description", &s->description));
  CHECK(read_steps(R, n, s));
  CHECK(read_items(R, n, s));
  CHECK(read_fee_tables(R, n, s));
  CHECK(read_timing(R, n, s));
  CHECK(read_note_refs(R, n, &s->notes, &s->nnotes));
  R->nservices++;
done:
  return st;
}

/* ------------------------------------------------------------------------
 * Driver
 * ------------------------------------------------------------------------ */

typedef qujat_status (*read_fn)(struct reader *, xmlNodePtr);

/* Reads every element `name` of every document with `fn`, in file order. */
static qujat_status read_all(struct reader *R, xmlDocPtr *docs,
                             const char *const *names, size_t ndocs,
                             const char *name, read_fn fn) {
  for (size_t d = 0; d < ndocs; d++) {
    R->file = names[d];
    xmlNodePtr root = xmlDocGetRootElement(docs[d]);
    for (xmlNodePtr c = qujat_xml_elem(root->children); c;
         c = qujat_xml_elem(c->next)) {
      if (qujat_xml_is(c, NS, name)) {
        qujat_status st = fn(R, c);
        if (st != QUJAT_OK)
          return st;
      }
    }
  }
  return QUJAT_OK;
}

static qujat_status count_all(struct reader *R, xmlDocPtr *docs,
                              const char *const *names, size_t ndocs,
                              const char *name, size_t *out) {
  *out = 0;
  for (size_t d = 0; d < ndocs; d++) {
    xmlNodePtr root = xmlDocGetRootElement(docs[d]);
    for (xmlNodePtr c = qujat_xml_elem(root->children); c;
         c = qujat_xml_elem(c->next)) {
      if (qujat_xml_is(c, NS, name)) {
        if (++*out > QUJAT_MAX_ELEMENTS)
          return qujat_err_set(R->err, QUJAT_ERR_LIMIT, names[d], c->line, 0,
                               "more than %d <%s> elements",
                               QUJAT_MAX_ELEMENTS, name);
      }
    }
  }
  return QUJAT_OK;
}

/* Unknown elements are the schema's business; without a schema (a catalog
 * from memory) they must still not pass silently. */
static qujat_status check_elements(struct reader *R, xmlDocPtr *docs,
                                   const char *const *names, size_t ndocs,
                                   const char *const *kinds, size_t nkinds) {
  for (size_t d = 0; d < ndocs; d++) {
    xmlNodePtr root = xmlDocGetRootElement(docs[d]);
    for (xmlNodePtr c = qujat_xml_elem(root->children); c;
         c = qujat_xml_elem(c->next)) {
      size_t i;
      for (i = 0; i < nkinds; i++)
        if (qujat_xml_is(c, NS, kinds[i]))
          break;
      if (i == nkinds)
        return qujat_err_set(R->err, QUJAT_ERR_CATALOG, names[d], c->line, 0,
                             "unexpected element <%s> in <catalog>",
                             (const char *)c->name);
    }
  }
  return QUJAT_OK;
}

/* Extensions point at the service whose list they keep. */
static qujat_status resolve_same_as(struct reader *R) {
  for (size_t i = 0; i < R->nservices; i++) {
    if (!R->same_as[i])
      continue;
    R->file = R->service_file[i];
    struct service *target = NULL;
    for (size_t j = 0; j < R->nservices; j++)
      if (strcmp(R->services[j].id, R->same_as[i]) == 0)
        target = &R->services[j];
    if (!target)
      return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->file,
                           R->same_as_line[i], 0,
                           "same-as names unknown service '%s'",
                           R->same_as[i]);
    R->services[i].same_as = target;
  }
  /* No cycles: following same-as must end within nservices steps. */
  for (size_t i = 0; i < R->nservices; i++) {
    const struct service *s = &R->services[i];
    size_t steps = 0;
    while (s->same_as && steps++ <= R->nservices)
      s = s->same_as;
    if (s->same_as)
      return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->service_file[i],
                           R->same_as_line[i], 0,
                           "same-as of '%s' goes round in a circle",
                           R->services[i].id);
  }
  return QUJAT_OK;
}

/* Every service has a fee table for every edition, so that any date an
 * edition covers gives fees. */
static qujat_status check_coverage(struct reader *R) {
  for (size_t i = 0; i < R->nservices; i++)
    for (size_t e = 0; e < R->neditions; e++)
      if (!qujat_find_fee_table(&R->services[i], &R->editions[e]))
        return qujat_err_set(R->err, QUJAT_ERR_CATALOG, R->service_file[i],
                             R->service_line[i], 0,
                             "service '%s' has no fee table for edition "
                             "'%s'",
                             R->services[i].id, R->editions[e].id);
  return QUJAT_OK;
}

/* Services in guidebook order: by the order their sections (groups) are
 * defined, then in file order. A stable insertion sort: n is small. */
static void order_services(struct reader *R) {
  for (size_t i = 1; i < R->nservices; i++) {
    struct service s = R->services[i];
    size_t g = R->service_group[i];
    const char *same = R->same_as[i], *file = R->service_file[i];
    int line = R->same_as_line[i], sline = R->service_line[i];
    size_t j = i;
    for (; j > 0 && R->service_group[j - 1] > g; j--) {
      R->services[j] = R->services[j - 1];
      R->service_group[j] = R->service_group[j - 1];
      R->same_as[j] = R->same_as[j - 1];
      R->same_as_line[j] = R->same_as_line[j - 1];
      R->service_file[j] = R->service_file[j - 1];
      R->service_line[j] = R->service_line[j - 1];
    }
    R->services[j] = s;
    R->service_group[j] = g;
    R->same_as[j] = same;
    R->same_as_line[j] = line;
    R->service_file[j] = file;
    R->service_line[j] = sline;
  }
}

qujat_status qujat_catalog_build(struct qujat_catalog *c, xmlDocPtr *docs,
                                 const char *const *names, size_t n,
                                 qujat_error *err) {
  struct reader R = {0};
  R.c = c;
  R.err = err;
  qujat_status st;
  size_t counts[9];
  static const char *const kinds[9] = {"source",    "edition",  "mci",
                                       "condition", "document", "procedure",
                                       "note",      "group",    "service"};
  CHECK(check_elements(&R, docs, names, n, kinds, 9));
  for (int k = 0; k < 9; k++)
    CHECK(count_all(&R, docs, names, n, kinds[k], &counts[k]));
  R.sources = alloc(&R, counts[0], sizeof *R.sources);
  R.editions = alloc(&R, counts[1], sizeof *R.editions);
  R.mcis = alloc(&R, counts[2], sizeof *R.mcis);
  R.conditions = alloc(&R, counts[3], sizeof *R.conditions);
  R.documents = alloc(&R, counts[4], sizeof *R.documents);
  R.procedures = alloc(&R, counts[5], sizeof *R.procedures);
  R.notes = alloc(&R, counts[6], sizeof *R.notes);
  R.groups = alloc(&R, counts[7], sizeof *R.groups);
  R.services = alloc(&R, counts[8], sizeof *R.services);
  R.service_group = alloc(&R, counts[8], sizeof *R.service_group);
  R.same_as = alloc(&R, counts[8], sizeof *R.same_as);
  R.same_as_line = alloc(&R, counts[8], sizeof *R.same_as_line);
  R.service_file = alloc(&R, counts[8], sizeof *R.service_file);
  R.service_line = alloc(&R, counts[8], sizeof *R.service_line);
  /* Definitions come before what refers to them, whatever the file. */
  static const read_fn readers[9] = {
      read_source,   read_edition,   read_mci,  read_condition, read_document,
      read_procedure, read_note,     read_group, read_service};
  if ((counts[0] && !R.sources) || (counts[1] && !R.editions) ||
      (counts[2] && !R.mcis) || (counts[3] && !R.conditions) ||
      (counts[4] && !R.documents) || (counts[5] && !R.procedures) ||
      (counts[6] && !R.notes) || (counts[7] && !R.groups) ||
      (counts[8] && (!R.services || !R.service_group || !R.same_as ||
                     !R.same_as_line || !R.service_file ||
                     !R.service_line)))
    CHECK(nomem(&R));
  for (int k = 0; k < 9; k++)
    CHECK(read_all(&R, docs, names, n, kinds[k], readers[k]));
  /* Order first: same-as pointers must point at the final places. */
  order_services(&R);
  CHECK(resolve_same_as(&R));
  CHECK(check_coverage(&R));
  if (c->arena.failed)
    CHECK(nomem(&R));
  c->sources = R.sources;
  c->nsources = R.nsources;
  c->editions = R.editions;
  c->neditions = R.neditions;
  c->mcis = R.mcis;
  c->nmcis = R.nmcis;
  c->conditions = R.conditions;
  c->nconditions = R.nconditions;
  c->documents = R.documents;
  c->ndocuments = R.ndocuments;
  c->procedures = R.procedures;
  c->nprocedures = R.nprocedures;
  c->notes = R.notes;
  c->nnotes = R.nnotes;
  c->groups = R.groups;
  c->ngroups = R.ngroups;
  c->services = R.services;
  c->nservices = R.nservices;
done:
  return st;
}
