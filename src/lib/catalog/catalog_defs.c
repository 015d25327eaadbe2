/* SPDX-License-Identifier: MIT */
/* Catalog definitions: sources, editions, the MCI, conditions (compiled
 * XPath), documents, procedures, notes and groups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_internal.h"
#include "base/base.h"
#include "catalog/catalog.h"

qujat_status qujat_cr_read_source(struct reader *R, xmlNodePtr n) {
  struct source *s = &R->sources[R->nsources];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "source", R->sources, R->nsources, &s->id));
  CHECK(qujat_cr_req_attr(R, n, "file", &s->file));
  CHECK(qujat_cr_req_attr(R, n, "lang", &s->lang));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &s->title));
  R->nsources++;
done:
  return st;
}

qujat_status qujat_cr_read_edition(struct reader *R, xmlNodePtr n) {
  struct edition *e = &R->editions[R->neditions];
  const char *src;
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "edition", R->editions, R->neditions, &e->id));
  CHECK(qujat_cr_date_attr(R, n, "from", &e->from));
  CHECK(qujat_cr_date_attr(R, n, "to", &e->to));
  if (qujat_date_cmp(e->from, e->to) > 0)
    CHECK(qujat_cr_fail(R, n, "edition '%s' ends before it starts", e->id));
  for (size_t i = 0; i < R->neditions; i++) {
    const struct edition *o = &R->editions[i];
    if (qujat_date_cmp(e->from, o->to) <= 0 &&
        qujat_date_cmp(o->from, e->to) <= 0)
      CHECK(qujat_cr_fail(R, n, "edition '%s' overlaps edition '%s'", e->id, o->id));
  }
  CHECK(qujat_cr_req_attr(R, n, "source", &src));
  e->source = qujat_cr_find_source(R, src);
  if (!e->source)
    CHECK(qujat_cr_fail(R, n, "unknown source '%s'", src));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &e->title));
  R->neditions++;
done:
  return st;
}

qujat_status qujat_cr_read_mci(struct reader *R, xmlNodePtr n) {
  struct mci *m = &R->mcis[R->nmcis];
  const char *kzt;
  qujat_status st;
  CHECK(qujat_cr_int_attr(R, n, "year", &m->year));
  if (m->year < 1990)
    CHECK(qujat_cr_fail(R, n, "<mci> needs a year from 1990"));
  for (size_t i = 0; i < R->nmcis; i++)
    if (R->mcis[i].year == m->year)
      CHECK(qujat_cr_fail(R, n, "a second MCI for %d", m->year));
  CHECK(qujat_cr_req_attr(R, n, "kzt", &kzt));
  if (!qujat_decimal_parse(kzt, 2, &m->tiyn) || m->tiyn == 0 ||
      strchr(kzt, '.') || strchr(kzt, ','))
    CHECK(qujat_cr_fail(R, n, "<mci kzt=\"%s\">: expected whole tenge", kzt));
  CHECK(qujat_cr_read_cites(R, n, &m->cites));
  R->nmcis++;
done:
  return st;
}

static qujat_status compile(struct reader *R, xmlNodePtr n, const char *src,
                            struct xpath **out) {
  char msg[200];
  qujat_status st = qujat_xpath_compile(src, out, msg, sizeof msg);
  if (st == QUJAT_ERR_CATALOG)
    return qujat_cr_fail(R, n, "%s", msg);
  if (st != QUJAT_OK)
    return qujat_cr_nomem(R);
  struct qujat_catalog *c = R->c;
  struct xpath **v = realloc(c->xpaths, (c->nxpaths + 1) * sizeof *v);
  if (!v) {
    qujat_xpath_free(*out);
    *out = NULL;
    return qujat_cr_nomem(R);
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
        return qujat_cr_fail(R, n, "unknown placeholder in \"%.40s\": use {names}, "
                          "{name}, {age}, {date}, {category} or {visa}",
                    p);
    }
  }
  return QUJAT_OK;
}

qujat_status qujat_cr_read_condition(struct reader *R, xmlNodePtr n) {
  struct condition *k = &R->conditions[R->nconditions];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "condition", R->conditions, R->nconditions,
                        &k->id));
  const char *scope = qujat_cr_attr(R, n, "scope");
  if (scope && strcmp(scope, "dependant") == 0)
    k->per_dependant = 1;
  else if (scope && strcmp(scope, "profile") != 0)
    CHECK(qujat_cr_fail(R, n, "scope=\"%s\": expected profile or dependant", scope));
  CHECK(qujat_cr_req_attr(R, n, "test", &k->test_src));
  CHECK(compile(R, n, k->test_src, &k->test));
  k->known_src = qujat_cr_attr(R, n, "known");
  if (k->known_src)
    CHECK(compile(R, n, k->known_src, &k->known));
  CHECK(qujat_cr_read_text3_child(R, n, "because", &k->because));
  CHECK(qujat_cr_read_text3_child(R, n, "otherwise", &k->otherwise));
  CHECK(qujat_cr_read_text3_child(R, n, "unknown", &k->unknown));
  CHECK(check_placeholders(R, n, &k->because));
  CHECK(check_placeholders(R, n, &k->otherwise));
  CHECK(check_placeholders(R, n, &k->unknown));
  R->nconditions++;
done:
  return st;
}

/* <text> (the default) and any <text edition="ID"> after it: the wording
 * of that edition where it differs. */
static qujat_status read_texts(struct reader *R, xmlNodePtr n,
                               struct text3 *dflt,
                               const struct edition_text **out,
                               size_t *nout) {
  qujat_status st = QUJAT_OK;
  size_t k = qujat_cr_count_children(n, "text");
  struct edition_text *v = k > 1 ? qujat_cr_alloc(R, k - 1, sizeof *v) : NULL;
  if (k > 1 && !v)
    return qujat_cr_nomem(R);
  size_t i = 0;
  int seen_default = 0;
  QUJAT_XML_EACH(c, n, NS, "text") {
    const char *ed = qujat_cr_attr(R, c, "edition");
    if (!ed) {
      if (seen_default)
        return qujat_cr_fail(R, c, "a second <text> without edition");
      seen_default = 1;
      CHECK(qujat_cr_read_text3(R, c, dflt));
      continue;
    }
    if (!seen_default)
      return qujat_cr_fail(R, c, "the <text> without edition comes first");
    if (!(v[i].edition = qujat_cr_find_edition(R, ed)))
      return qujat_cr_fail(R, c, "unknown edition '%s'", ed);
    for (size_t j = 0; j < i; j++)
      if (v[j].edition == v[i].edition)
        return qujat_cr_fail(R, c, "a second <text> for edition '%s'", ed);
    CHECK(qujat_cr_read_text3(R, c, &v[i].text));
    i++;
  }
  if (!seen_default)
    return qujat_cr_fail(R, n, "<%s> lacks <text>", (const char *)n->name);
  *out = v;
  *nout = i;
done:
  return st;
}

qujat_status qujat_cr_read_document(struct reader *R, xmlNodePtr n) {
  struct document *d = &R->documents[R->ndocuments];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "document", R->documents, R->ndocuments,
                        &d->id));
  CHECK(qujat_cr_read_cites(R, n, &d->cites));
  CHECK(read_texts(R, n, &d->text, &d->by_edition, &d->nby_edition));
  R->ndocuments++;
done:
  return st;
}

qujat_status qujat_cr_read_procedure(struct reader *R, xmlNodePtr n) {
  struct procedure *p = &R->procedures[R->nprocedures];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "procedure", R->procedures, R->nprocedures,
                        &p->id));
  CHECK(qujat_cr_read_cites(R, n, &p->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &p->title));
  size_t k = qujat_cr_count_children(n, "bullet");
  if (k == 0)
    CHECK(qujat_cr_fail(R, n, "<procedure> needs at least one <bullet>"));
  struct text3 *b = qujat_cr_alloc(R, k, sizeof *b);
  if (!b)
    CHECK(qujat_cr_nomem(R));
  size_t i = 0;
  QUJAT_XML_EACH(c, n, NS, "bullet")
    CHECK(qujat_cr_read_text3(R, c, &b[i++]));
  p->bullets = b;
  p->nbullets = k;
  R->nprocedures++;
done:
  return st;
}

qujat_status qujat_cr_read_note(struct reader *R, xmlNodePtr n) {
  struct note *t = &R->notes[R->nnotes];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "note", R->notes, R->nnotes, &t->id));
  CHECK(qujat_cr_read_cites(R, n, &t->cites));
  CHECK(read_texts(R, n, &t->text, &t->by_edition, &t->nby_edition));
  R->nnotes++;
done:
  return st;
}

qujat_status qujat_cr_read_group(struct reader *R, xmlNodePtr n) {
  struct group *g = &R->groups[R->ngroups];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "group", R->groups, R->ngroups, &g->id));
  CHECK(qujat_cr_read_cites(R, n, &g->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &g->title));
  CHECK(qujat_cr_read_note_refs(R, n, &g->notes, &g->nnotes));
  R->ngroups++;
done:
  return st;
}

/* <visa-category id="B2"><entries kind="single" max-days="90"/>...: the
 * periods the digest gives. */
qujat_status qujat_cr_read_category(struct reader *R, xmlNodePtr n) {
  struct visa_category *v = &R->categories[R->ncategories];
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "visa category", R->categories, R->ncategories,
                        &v->id));
  CHECK(qujat_cr_read_cites(R, n, &v->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &v->title));
  QUJAT_XML_EACH(c, n, NS, "entries") {
    int k = qujat_cr_attr_is(R, c, "kind", "single")     ? ENTRY_SINGLE
            : qujat_cr_attr_is(R, c, "kind", "multiple") ? ENTRY_MULTIPLE
                                                         : -1;
    if (k < 0)
      CHECK(qujat_cr_fail(R, c, "kind: expected single or multiple"));
    struct entries_rule *e = &v->entries[k];
    if (e->present)
      CHECK(qujat_cr_fail(R, c, "a second <entries kind> for '%s'", v->id));
    e->present = 1;
    CHECK(qujat_cr_int_attr(R, c, "min-months", &e->min_months));
    CHECK(qujat_cr_int_attr(R, c, "max-months", &e->max_months));
    CHECK(qujat_cr_int_attr(R, c, "max-days", &e->max_days));
    CHECK(qujat_cr_int_attr(R, c, "stay-days", &e->stay_days));
    CHECK(qujat_cr_int_attr(R, c, "min-days", &e->min_days));
    if (!e->max_months && !e->max_days)
      CHECK(qujat_cr_fail(R, c, "<entries> needs max-months or max-days"));
  }
  if (!v->entries[0].present && !v->entries[1].present)
    CHECK(qujat_cr_fail(R, n, "visa category '%s' has no <entries>", v->id));
  R->ncategories++;
done:
  return st;
}
