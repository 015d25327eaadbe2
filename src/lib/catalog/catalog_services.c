/* SPDX-License-Identifier: MIT */
/* Catalog services: steps, documents, fee tables (checked against the
 * MCI), timeframes, filing windows, passport rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog_internal.h"
#include "base/base.h"

static qujat_status read_steps(struct reader *R, xmlNodePtr n,
                               struct service *s) {
  xmlNodePtr steps = qujat_cr_first_child(n, "steps");
  if (!steps)
    return QUJAT_OK;
  size_t k = qujat_cr_count_children(steps, "step");
  struct step *v = qujat_cr_alloc(R, k, sizeof *v);
  if (k && !v)
    return qujat_cr_nomem(R);
  size_t i = 0;
  QUJAT_XML_EACH(c, steps, NS, "step") {
    const char *ref;
    qujat_status st = qujat_cr_req_attr(R, c, "ref", &ref);
    if (st != QUJAT_OK)
      return st;
    v[i].proc = qujat_cr_find_procedure(R, ref);
    if (!v[i].proc)
      return qujat_cr_fail(R, c, "unknown procedure '%s'", ref);
    const char *ed = qujat_cr_attr(R, c, "edition");
    if (ed && !(v[i].edition = qujat_cr_find_edition(R, ed)))
      return qujat_cr_fail(R, c, "unknown edition '%s'", ed);
    if (qujat_cr_first_child(c, "title")) {
      v[i].has_title = 1;
      st = qujat_cr_read_text3_child(R, c, "title", &v[i].title);
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
  xmlNodePtr docs = qujat_cr_first_child(n, "documents");
  if (!docs)
    return qujat_cr_fail(R, n, "<service> lacks <documents>");
  const char *same = qujat_cr_attr(R, docs, "same-as");
  size_t k = qujat_cr_count_children(docs, "item");
  if (same) {
    if (k)
      return qujat_cr_fail(R, docs, "<documents same-as=\"%s\"> cannot list items "
                           "of its own",
                  same);
    R->same_as[R->nservices] = same;
    R->same_as_line[R->nservices] = docs->line;
    return QUJAT_OK;
  }
  if (k == 0)
    return qujat_cr_fail(R, docs, "<documents> lists no <item> and names no "
                         "same-as service");
  struct item *v = qujat_cr_alloc(R, k, sizeof *v);
  if (!v)
    return qujat_cr_nomem(R);
  size_t i = 0;
  QUJAT_XML_EACH(c, docs, NS, "item") {
    const char *doc, *cond = qujat_cr_attr(R, c, "if"), *per = qujat_cr_attr(R, c, "per");
    const char *ed = qujat_cr_attr(R, c, "edition");
    qujat_status st = qujat_cr_req_attr(R, c, "doc", &doc);
    if (st != QUJAT_OK)
      return st;
    v[i].doc = qujat_cr_find_document(R, doc);
    if (!v[i].doc)
      return qujat_cr_fail(R, c, "unknown document '%s'", doc);
    /* An edition's own list: the item is asked for only on its dates. */
    if (ed && !(v[i].edition = qujat_cr_find_edition(R, ed)))
      return qujat_cr_fail(R, c, "unknown edition '%s'", ed);
    for (size_t j = 0; j < i; j++)
      if (v[j].doc == v[i].doc &&
          (!v[j].edition || !v[i].edition || v[j].edition == v[i].edition))
        return qujat_cr_fail(R, c, "document '%s' is listed twice", doc);
    if (!per)
      v[i].per = PER_ONCE;
    else if (strcmp(per, "person") == 0)
      v[i].per = PER_PERSON;
    else if (strcmp(per, "dependant") == 0)
      v[i].per = PER_DEPENDANT;
    else
      return qujat_cr_fail(R, c, "per=\"%s\": expected person or dependant", per);
    if (cond) {
      v[i].cond = qujat_cr_find_condition(R, cond);
      if (!v[i].cond)
        return qujat_cr_fail(R, c, "unknown condition '%s'", cond);
      /* per="person" with a per-dependant condition: the applicant always,
         each dependant when the condition holds for them. */
      if (v[i].cond->per_dependant && v[i].per == PER_ONCE)
        return qujat_cr_fail(R, c, "condition '%s' is about one dependant: use it "
                          "with per=\"dependant\" or per=\"person\"",
                    cond);
      if (!v[i].cond->per_dependant && v[i].per != PER_ONCE)
        return qujat_cr_fail(R, c, "a repeated item takes a per-dependant "
                          "condition, not '%s'",
                    cond);
    }
    i++;
  }
  s->items = v;
  s->nitems = k;
  return QUJAT_OK;
}

/* <note ref="..." edition="..."/>: a note of one edition's text only. Runs
 * after qujat_cr_read_note_refs, over the same <note> children. */
static qujat_status read_note_editions(struct reader *R, xmlNodePtr n,
                                       struct service *s) {
  const struct edition **v = NULL;
  size_t i = 0;
  QUJAT_XML_EACH(c, n, NS, "note") {
    const char *ed = qujat_cr_attr(R, c, "edition");
    if (ed) {
      if (!v && !(v = qujat_cr_alloc(R, s->nnotes, sizeof *v)))
        return qujat_cr_nomem(R);
      if (!(v[i] = qujat_cr_find_edition(R, ed)))
        return qujat_cr_fail(R, c, "unknown edition '%s'", ed);
    }
    i++;
  }
  s->note_editions = v;
  return QUJAT_OK;
}

static qujat_status read_fee(struct reader *R, xmlNodePtr n,
                             const struct edition *ed, struct fee *f) {
  static const char *const kinds[] = {"service", "personal-manager",
                                      "priority", "walk-in", "state"};
  const char *kind, *kzt = qujat_cr_attr(R, n, "kzt"), *mci = qujat_cr_attr(R, n, "mci");
  const char *printed = qujat_cr_attr(R, n, "printed-kzt"), *mode = qujat_cr_attr(R, n, "mode");
  const char *per = qujat_cr_attr(R, n, "per"), *cond = qujat_cr_attr(R, n, "if");
  const char *note = qujat_cr_attr(R, n, "note");
  int not_stated = qujat_cr_attr_is(R, n, "stated", "false");
  int none = qujat_cr_attr_is(R, n, "none", "true");
  qujat_status st;
  CHECK(qujat_cr_req_attr(R, n, "kind", &kind));
  size_t k;
  for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
    if (strcmp(kind, kinds[k]) == 0)
      break;
  if (k == sizeof kinds / sizeof kinds[0])
    CHECK(qujat_cr_fail(R, n, "unknown fee kind '%s'", kind));
  f->kind = (enum fee_kind)k;
  if ((kzt != NULL) + (mci != NULL) + not_stated + none != 1)
    CHECK(qujat_cr_fail(R, n, "a <fee> needs exactly one of kzt, mci, "
                     "stated=\"false\" or none=\"true\""));
  f->printed_tiyn = -1;
  if (kzt) {
    f->amount = AMOUNT_KZT;
    if (f->kind == FEE_STATE)
      CHECK(qujat_cr_fail(R, n, "a state fee is given in MCI (mci=\"...\"), not kzt"));
    if (!qujat_decimal_parse(kzt, 2, &f->tiyn) || strchr(kzt, '.') ||
        strchr(kzt, ','))
      CHECK(qujat_cr_fail(R, n, "kzt=\"%s\": expected whole tenge", kzt));
  } else if (mci) {
    f->amount = AMOUNT_MCI;
    if (f->kind != FEE_STATE)
      CHECK(qujat_cr_fail(R, n, "only a state fee is given in MCI"));
    if (!qujat_decimal_parse(mci, 2, &f->mci_centi) || f->mci_centi == 0)
      CHECK(qujat_cr_fail(R, n, "mci=\"%s\": expected a positive number with at "
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
      CHECK(qujat_cr_fail(R, n, "printed-kzt only goes with mci"));
    if (!qujat_decimal_parse(printed, 2, &f->printed_tiyn))
      CHECK(qujat_cr_fail(R, n, "printed-kzt=\"%s\": not an amount", printed));
    if (!m)
      CHECK(qujat_cr_fail(R, n, "no MCI for %d to check printed-kzt against",
                 ed->from.y));
    int64_t computed = qujat_mci_amount(f->mci_centi, m->tiyn);
    if (computed != f->printed_tiyn) {
      char a[32], b[32];
      qujat_tiyn_plain(computed, a, sizeof a);
      qujat_tiyn_plain(f->printed_tiyn, b, sizeof b);
      CHECK(qujat_cr_fail(R, n, "%s MCI of %d is %s KZT, but the source prints %s",
                 mci, ed->from.y, a, b));
    }
  }
  int option = f->kind == FEE_PERSONAL_MANAGER || f->kind == FEE_PRIORITY ||
               f->kind == FEE_WALK_IN;
  if (option && !mode)
    CHECK(qujat_cr_fail(R, n, "a %s fee needs mode=\"replace\" or mode=\"add\"",
               kind));
  if (!option && mode)
    CHECK(qujat_cr_fail(R, n, "mode only applies to optional fees"));
  if (mode && strcmp(mode, "add") == 0)
    f->add = 1;
  else if (mode && strcmp(mode, "replace") != 0)
    CHECK(qujat_cr_fail(R, n, "mode=\"%s\": expected replace or add", mode));
  if (per && strcmp(per, "person") == 0)
    f->per_person = 1;
  else if (per && strcmp(per, "application") != 0)
    CHECK(qujat_cr_fail(R, n, "per=\"%s\": expected application or person", per));
  if (cond) {
    f->cond = qujat_cr_find_condition(R, cond);
    if (!f->cond)
      CHECK(qujat_cr_fail(R, n, "unknown condition '%s'", cond));
    if (f->cond->per_dependant)
      CHECK(qujat_cr_fail(R, n, "a fee cannot depend on a per-dependant condition"));
  }
  if (note) {
    f->note = qujat_cr_find_note(R, note);
    if (!f->note)
      CHECK(qujat_cr_fail(R, n, "unknown note '%s'", note));
  }
  CHECK(qujat_cr_read_optional_text3(R, n, "label", &f->has_label, &f->label));
done:
  return st;
}

static qujat_status read_fee_tables(struct reader *R, xmlNodePtr n,
                                    struct service *s) {
  size_t k = qujat_cr_count_children(n, "fees");
  struct fee_table *v = qujat_cr_alloc(R, k, sizeof *v);
  if (!v)
    return k ? qujat_cr_nomem(R) : qujat_cr_fail(R, n, "<service> lacks <fees>");
  size_t i = 0;
  QUJAT_XML_EACH(c, n, NS, "fees") {
    const char *ed;
    qujat_status st = qujat_cr_req_attr(R, c, "edition", &ed);
    if (st != QUJAT_OK)
      return st;
    v[i].edition = qujat_cr_find_edition(R, ed);
    if (!v[i].edition)
      return qujat_cr_fail(R, c, "unknown edition '%s'", ed);
    for (size_t j = 0; j < i; j++)
      if (v[j].edition == v[i].edition)
        return qujat_cr_fail(R, c, "a second fee table for edition '%s'", ed);
    if ((st = qujat_cr_read_cites(R, c, &v[i].cites)) != QUJAT_OK)
      return st;
    size_t nf = qujat_cr_count_children(c, "fee");
    struct fee *fees = qujat_cr_alloc(R, nf, sizeof *fees);
    if (nf && !fees)
      return qujat_cr_nomem(R);
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
  qujat_status st = qujat_cr_req_attr(R, n, "unit", &u);
  if (st != QUJAT_OK)
    return st;
  if (strcmp(u, "business-day") == 0)
    *out = UNIT_BUSINESS_DAY;
  else if (strcmp(u, "calendar-day") == 0)
    *out = UNIT_CALENDAR_DAY;
  else if (strcmp(u, "minute") == 0)
    *out = UNIT_MINUTE;
  else
    return qujat_cr_fail(R, n, "unit=\"%s\": expected business-day, calendar-day or "
                      "minute",
                u);
  return QUJAT_OK;
}

static qujat_status read_timing(struct reader *R, xmlNodePtr n,
                                struct service *s) {
  qujat_status st;
  xmlNodePtr t = qujat_cr_first_child(n, "timeframe");
  if (!t)
    CHECK(qujat_cr_fail(R, n, "<service> lacks <timeframe>"));
  CHECK(qujat_cr_read_cites(R, t, &s->timeframe.cites));
  if (qujat_cr_attr_is(R, t, "stated", "false")) {
    s->timeframe.stated = 0;
  } else {
    s->timeframe.stated = 1;
    CHECK(qujat_cr_int_attr(R, t, "min", &s->timeframe.min));
    CHECK(qujat_cr_int_attr(R, t, "max", &s->timeframe.max));
    CHECK(read_unit(R, t, &s->timeframe.unit));
    if (s->timeframe.min <= 0)
      CHECK(qujat_cr_fail(R, t, "<timeframe> needs min=\"N\" or stated=\"false\""));
    if (s->timeframe.max == 0)
      s->timeframe.max = s->timeframe.min;
    if (s->timeframe.max < s->timeframe.min)
      CHECK(qujat_cr_fail(R, t, "<timeframe> max is below min"));
  }
  xmlNodePtr w = qujat_cr_first_child(n, "filing-window");
  if (w) {
    s->window.present = 1;
    CHECK(qujat_cr_int_attr(R, w, "earliest", &s->window.earliest));
    CHECK(qujat_cr_int_attr(R, w, "latest", &s->window.latest));
    CHECK(read_unit(R, w, &s->window.unit));
    CHECK(qujat_cr_read_cites(R, w, &s->window.cites));
    if (s->window.earliest <= s->window.latest)
      CHECK(qujat_cr_fail(R, w, "the window opens (earliest) after it closes "
                       "(latest)"));
  }
  xmlNodePtr p = qujat_cr_first_child(n, "passport");
  if (p) {
    CHECK(qujat_cr_int_attr(R, p, "months-after-visa", &s->passport.months_after_visa));
    CHECK(qujat_cr_int_attr(R, p, "days-at-filing", &s->passport.days_at_filing));
    CHECK(qujat_cr_read_cites(R, p, &s->passport.cites));
  }
done:
  return st;
}

static qujat_status read_letter(struct reader *R, xmlNodePtr n,
                                struct service *s) {
  xmlNodePtr l = qujat_cr_first_child(n, "letter");
  if (!l)
    return QUJAT_OK;
  struct letter_rule *r = &s->letter;
  const char *cats;
  qujat_status st;
  r->present = 1;
  r->request = qujat_cr_attr_is(R, l, "kind", "request");
  if (!r->request && !qujat_cr_attr_is(R, l, "kind", "invitation"))
    CHECK(qujat_cr_fail(R, l, "<letter kind>: expected invitation or "
                              "request"));
  CHECK(qujat_cr_req_attr(R, l, "categories", &cats));
  /* A space-separated list of category ids, each defined. */
  for (const char *p = cats; *p;) {
    while (*p == ' ')
      p++;
    size_t len = strcspn(p, " ");
    if (!len)
      break;
    char id[8];
    if (len >= sizeof id || r->ncategories == MAX_LETTER_CATEGORIES)
      CHECK(qujat_cr_fail(R, l, "<letter categories=\"%s\">: too long",
                          cats));
    memcpy(id, p, len);
    id[len] = '\0';
    const struct visa_category *v = NULL;
    for (size_t i = 0; i < R->ncategories; i++)
      if (strcmp(R->categories[i].id, id) == 0)
        v = &R->categories[i];
    if (!v)
      CHECK(qujat_cr_fail(R, l, "unknown visa category '%s'", id));
    r->categories[r->ncategories++] = v;
    p += len;
  }
  r->entries = qujat_cr_attr_is(R, l, "entries", "single")     ? ENTRY_SINGLE
               : qujat_cr_attr_is(R, l, "entries", "multiple") ? ENTRY_MULTIPLE
                                                               : -1;
  CHECK(qujat_cr_int_attr(R, l, "max-months", &r->max_months));
  CHECK(qujat_cr_read_cites(R, l, &r->cites));
done:
  return st;
}

qujat_status qujat_cr_read_service(struct reader *R, xmlNodePtr n) {
  struct service *s = &R->services[R->nservices];
  const char *group;
  qujat_status st;
  CHECK(QUJAT_CR_NEW_ID(R, n, "service", R->services, R->nservices, &s->id));
  CHECK(qujat_cr_req_attr(R, n, "group", &group));
  size_t g;
  for (g = 0; g < R->ngroups; g++)
    if (strcmp(R->groups[g].id, group) == 0)
      break;
  if (g == R->ngroups)
    CHECK(qujat_cr_fail(R, n, "unknown group '%s'", group));
  s->group = &R->groups[g];
  R->service_group[R->nservices] = g;
  R->service_file[R->nservices] = R->file;
  R->service_line[R->nservices] = n->line;
  CHECK(qujat_cr_read_cites(R, n, &s->cites));
  CHECK(qujat_cr_read_text3_child(R, n, "title", &s->title));
  CHECK(qujat_cr_read_text3_child(R, n, "description", &s->description));
  CHECK(read_steps(R, n, s));
  CHECK(read_items(R, n, s));
  CHECK(read_fee_tables(R, n, s));
  CHECK(read_timing(R, n, s));
  CHECK(read_letter(R, n, s));
  CHECK(qujat_cr_read_note_refs(R, n, &s->notes, &s->nnotes));
  CHECK(read_note_editions(R, n, s));
  R->nservices++;
done:
  return st;
}
