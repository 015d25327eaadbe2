/* SPDX-License-Identifier: MIT */
/* Catalog readers of issue 14: the country lists of the entry regimes
 * (services/regimes.xml), the QazETA travel authorisation, the
 * category-change matrix (services/category-changes.xml) and the
 * working-day calendars (services/calendar-YEAR.xml). */
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_internal.h"
#include "base/base.h"

static enum tristate tri_attr(struct reader *R, xmlNodePtr n,
                              const char *name) {
  const char *v = qujat_cr_attr(R, n, name);
  if (!v)
    return TRI_UNSET;
  return strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ? TRI_TRUE
                                                       : TRI_FALSE;
}

static qujat_status read_stay(struct reader *R, xmlNodePtr n,
                              struct stay_rule *s) {
  qujat_status st;
  s->present = 1;
  CHECK(qujat_cr_int_attr(R, n, "per-entry", &s->per_entry));
  CHECK(qujat_cr_int_attr(R, n, "window-days", &s->window_days));
  CHECK(qujat_cr_int_attr(R, n, "window-max", &s->window_max));
  CHECK(qujat_cr_int_attr(R, n, "year-max", &s->year_max));
  s->year_unspecified = qujat_cr_attr_is(R, n, "year", "unspecified");
  s->work = tri_attr(R, n, "work");
  s->extendable = tri_attr(R, n, "extendable");
  s->or_term_of = qujat_cr_attr(R, n, "or-term-of");
  if ((s->window_days != 0) != (s->window_max != 0))
    CHECK(qujat_cr_fail(R, n, "window-days and window-max go together"));
  if (s->window_max > s->window_days)
    CHECK(qujat_cr_fail(R, n, "window-max is above window-days"));
  if (s->year_max > 366)
    CHECK(qujat_cr_fail(R, n, "year-max is above 366"));
done:
  return st;
}

/* Every <name> child read as text3 into a new array. */
static qujat_status read_text3_all(struct reader *R, xmlNodePtr n,
                                   const char *name,
                                   const struct text3 **out, size_t *nout) {
  size_t k = qujat_cr_count_children(n, name), i = 0;
  struct text3 *v = qujat_cr_alloc(R, k, sizeof *v);
  qujat_status st = QUJAT_OK;
  if (k && !v)
    return qujat_cr_nomem(R);
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next))
    if (qujat_xml_is(c, NS, name))
      CHECK(qujat_cr_read_text3(R, c, &v[i++]));
  *out = v;
  *nout = k;
done:
  return st;
}

static const char *const list_kinds[] = {"visa-free", "e-visa",
                                         "no-invitation",
                                         "trp-instead-of-visa"};

static qujat_status read_member(struct reader *R, xmlNodePtr n,
                                struct list_member *m) {
  const char *code;
  qujat_status st;
  CHECK(qujat_cr_req_attr(R, n, "code", &code));
  if (strlen(code) != 2)
    CHECK(qujat_cr_fail(R, n, "code=\"%s\": expected two letters", code));
  memcpy(m->code, code, 3);
  CHECK(qujat_cr_req_attr(R, n, "name", &m->name));
  m->also = qujat_cr_attr(R, n, "also");
  m->alt = qujat_cr_attr(R, n, "or");
  m->group = qujat_cr_attr(R, n, "group");
  m->pending = qujat_cr_attr_is(R, n, "pending", "true");
  m->rule_text = qujat_cr_attr(R, n, "rule");
  xmlNodePtr s = qujat_cr_first_child(n, "stay");
  if (s)
    CHECK(read_stay(R, s, &m->stay));
done:
  return st;
}

qujat_status qujat_cr_read_country_list(struct reader *R, xmlNodePtr n) {
  struct country_list *l = &R->lists[R->nlists];
  const char *kind;
  qujat_status st;
  CHECK(qujat_cr_req_attr(R, n, "id", &l->id));
  for (size_t i = 0; i < R->nlists; i++)
    if (strcmp(R->lists[i].id, l->id) == 0)
      CHECK(qujat_cr_fail(R, n, "duplicate country-list id '%s'", l->id));
  CHECK(qujat_cr_req_attr(R, n, "kind", &kind));
  size_t k;
  for (k = 0; k < 4; k++)
    if (strcmp(kind, list_kinds[k]) == 0)
      break;
  if (k == 4)
    CHECK(qujat_cr_fail(R, n, "kind=\"%s\": unknown list kind", kind));
  l->kind = (enum list_kind)k;
  CHECK(qujat_cr_int_attr(R, n, "count", &l->count));
  l->dated = qujat_cr_attr(R, n, "dated");
  l->categories = qujat_cr_attr(R, n, "categories");
  l->unlisted = qujat_cr_attr_is(R, n, "unlisted", "true");
  CHECK(qujat_cr_read_cites(R, n, &l->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &l->title));
  xmlNodePtr s = qujat_cr_first_child(n, "stay");
  if (s)
    CHECK(read_stay(R, s, &l->stay));
  CHECK(read_text3_all(R, n, "remark", &l->remarks, &l->nremarks));
  size_t nm = qujat_cr_count_children(n, "member"), i = 0;
  struct list_member *m = qujat_cr_alloc(R, nm, sizeof *m);
  if (nm && !m)
    CHECK(qujat_cr_nomem(R));
  for (xmlNodePtr c = qujat_xml_elem(n->children); c;
       c = qujat_xml_elem(c->next)) {
    if (!qujat_xml_is(c, NS, "member"))
      continue;
    CHECK(read_member(R, c, &m[i]));
    for (size_t j = 0; j < i; j++)
      if (strcmp(m[j].code, m[i].code) == 0)
        CHECK(qujat_cr_fail(R, c, "list '%s' names %s twice", l->id,
                            m[i].code));
    i++;
  }
  l->members = m;
  l->nmembers = nm;
  /* The count the source states must be the rows it lists, unless it
   * lists none. */
  if (l->unlisted ? nm != 0 : (size_t)l->count != nm)
    CHECK(qujat_cr_fail(R, n,
                        "list '%s': the source says %d countries, %zu are "
                        "listed",
                        l->id, l->count, nm));
  R->nlists++;
done:
  return st;
}

qujat_status qujat_cr_read_eta(struct reader *R, xmlNodePtr n) {
  struct travel_authorisation *t = &R->c->eta;
  qujat_status st;
  if (R->netas++)
    CHECK(qujat_cr_fail(R, n, "more than one <travel-authorisation>"));
  t->present = 1;
  CHECK(qujat_cr_int_attr(R, n, "hours-before", &t->hours_before));
  CHECK(qujat_cr_int_attr(R, n, "valid-days", &t->valid_days));
  t->mandatory = qujat_cr_attr_is(R, n, "mandatory", "true");
  CHECK(qujat_cr_read_cites(R, n, &t->cites));
  CHECK(read_text3_all(R, n, "exempt", &t->exempt, &t->nexempt));
  CHECK(read_text3_all(R, n, "remark", &t->remarks, &t->nremarks));
done:
  return st;
}

qujat_status qujat_cr_read_arrival(struct reader *R, xmlNodePtr n) {
  struct arrival_rule *a = &R->c->arrival;
  qujat_status st;
  if (R->narrivals++)
    CHECK(qujat_cr_fail(R, n, "more than one <arrival-notification>"));
  a->present = 1;
  CHECK(qujat_cr_int_attr(R, n, "working-days", &a->working_days));
  CHECK(qujat_cr_read_cites(R, n, &a->cites));
done:
  return st;
}

qujat_status qujat_cr_read_category_name(struct reader *R, xmlNodePtr n) {
  struct category_name *c = &R->category_names[R->ncategory_names];
  qujat_status st;
  CHECK(qujat_cr_req_attr(R, n, "id", &c->id));
  for (size_t i = 0; i < R->ncategories; i++)
    if (strcmp(R->categories[i].id, c->id) == 0)
      CHECK(qujat_cr_fail(R, n, "category-name %s is a visa-category already",
                          c->id));
  CHECK(qujat_cr_read_cites(R, n, &c->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &c->title));
  R->ncategory_names++;
done:
  return st;
}

static int known_category(struct reader *R, const char *id) {
  for (size_t i = 0; i < R->ncategories; i++)
    if (strcmp(R->categories[i].id, id) == 0)
      return 1;
  for (size_t i = 0; i < R->ncategory_names; i++)
    if (strcmp(R->category_names[i].id, id) == 0)
      return 1;
  return 0;
}

qujat_status qujat_cr_read_category_change(struct reader *R, xmlNodePtr n) {
  struct category_change *c = &R->changes[R->nchanges];
  qujat_status st;
  CHECK(qujat_cr_req_attr(R, n, "to", &c->to));
  if (!known_category(R, c->to))
    CHECK(qujat_cr_fail(R, n, "unknown visa category '%s'", c->to));
  CHECK(qujat_cr_read_cites(R, n, &c->cites));
  size_t k = qujat_cr_count_children(n, "from"), i = 0;
  struct change_from *f = qujat_cr_alloc(R, k, sizeof *f);
  if (!f)
    CHECK(k ? qujat_cr_nomem(R)
            : qujat_cr_fail(R, n, "<category-change> needs <from>"));
  for (xmlNodePtr e = qujat_xml_elem(n->children); e;
       e = qujat_xml_elem(e->next)) {
    if (!qujat_xml_is(e, NS, "from"))
      continue;
    CHECK(qujat_cr_req_attr(R, e, "category", &f[i].category));
    if (strcmp(f[i].category, "all") != 0 &&
        strcmp(f[i].category, "visa-free") != 0 &&
        !known_category(R, f[i].category))
      CHECK(qujat_cr_fail(R, e, "unknown visa category '%s'", f[i].category));
    if (qujat_cr_first_child(e, "note")) {
      f[i].has_note = 1;
      CHECK(qujat_cr_read_text3_child(R, e, "note", &f[i].note));
    }
    i++;
  }
  c->from = f;
  c->nfrom = k;
  R->nchanges++;
done:
  return st;
}

static int compare_holiday(const void *a, const void *b) {
  return qujat_date_cmp(((const struct holiday *)a)->date,
                        ((const struct holiday *)b)->date);
}

qujat_status qujat_cr_read_calendar(struct reader *R, xmlNodePtr n) {
  struct calendar *c = &R->calendars[R->ncalendars];
  qujat_status st;
  CHECK(qujat_cr_int_attr(R, n, "year", &c->year));
  for (size_t i = 0; i < R->ncalendars; i++)
    if (R->calendars[i].year == c->year)
      CHECK(qujat_cr_fail(R, n, "two calendars for %d", c->year));
  c->outside_guidebooks = qujat_cr_attr_is(R, n, "outside-guidebooks", "true");
  CHECK(qujat_cr_read_cites(R, n, &c->cites));
  size_t nh = qujat_cr_count_children(n, "holiday");
  size_t nt = qujat_cr_count_children(n, "transfer");
  struct holiday *h = qujat_cr_alloc(R, nh, sizeof *h);
  struct day_transfer *t = qujat_cr_alloc(R, nt, sizeof *t);
  if ((nh && !h) || (nt && !t))
    CHECK(qujat_cr_nomem(R));
  size_t ih = 0, it = 0;
  for (xmlNodePtr e = qujat_xml_elem(n->children); e;
       e = qujat_xml_elem(e->next)) {
    if (qujat_xml_is(e, NS, "holiday")) {
      struct holiday *x = &h[ih++];
      CHECK(qujat_cr_date_attr(R, e, "date", &x->date));
      if (x->date.y != c->year)
        CHECK(qujat_cr_fail(R, e, "a holiday of %d in the calendar of %d",
                            x->date.y, c->year));
      x->moves = qujat_cr_attr_is(R, e, "moves", "true");
      CHECK(qujat_cr_read_cites(R, e, &x->cites));
      CHECK(qujat_cr_read_text3_child(R, e, "title", &x->title));
    } else if (qujat_xml_is(e, NS, "transfer")) {
      struct day_transfer *x = &t[it++];
      CHECK(qujat_cr_date_attr(R, e, "from", &x->from));
      CHECK(qujat_cr_date_attr(R, e, "to", &x->to));
      CHECK(qujat_cr_read_cites(R, e, &x->cites));
    }
  }
  qsort(h, nh, sizeof *h, compare_holiday);
  for (size_t i = 1; i < nh; i++)
    if (qujat_date_cmp(h[i].date, h[i - 1].date) == 0)
      CHECK(qujat_cr_fail(R, n, "two holidays on one day in %d", c->year));
  c->holidays = h;
  c->nholidays = nh;
  c->transfers = t;
  c->ntransfers = nt;
  R->ncalendars++;
done:
  return st;
}
