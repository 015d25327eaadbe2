/* SPDX-License-Identifier: MIT */
/*
 * The rules: profile + service + date -> a resolved document. Which
 * documents apply and why (this file), the fees (rules_fees.c), the dates
 * and warnings (rules_dates.c), fines (rules_fine.c) and letters
 * (rules_letter.c), all of them writing into the document that document.c
 * keeps. No I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"
#include "base/base.h"
#define MAX_WARNINGS 32

static qujat_status nomem(qujat_error *err) {
  return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* A copy of the buffer's text in the document's arena. */
static const char *keep(struct qujat_document *d, struct buf *b) {
  return qujat_arena_strndup(&d->arena, b->data ? b->data : "", b->len);
}

/* ------------------------------------------------------------------------
 * Condition texts
 * ------------------------------------------------------------------------ */

/* Appends `before`, then the person's surname and given names. */
static qujat_status add_name(struct buf *b, const char *before,
                             const struct person *who) {
  qujat_status st = qujat_buf_adds(b, before);
  return st == QUJAT_OK ? qujat_person_name_add(b, who) : st;
}

/* Fills a condition text's placeholders: {names} {name} {age} {date}
 * {category} {visa}. `who` is the dependant in scope or NULL. */
static qujat_status expand(struct qujat_document *d, const char *tmpl,
                           const struct person *who, int age,
                           const char **out, qujat_error *err) {
  const struct qujat_profile *p = d->profile;
  struct buf names, date, b;
  qujat_buf_init(&names, 4096);
  qujat_buf_init(&date, 256);
  qujat_buf_init(&b, 8192);
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; p && i < p->ndependants && st == QUJAT_OK; i++)
    st = add_name(&names, i ? ", " : "", &p->dependants[i]);
  if (st == QUJAT_OK)
    st = qujat_format_date(&date, d->cat, d->lang, d->date, err);
  char agebuf[QUJAT_UINT_TEXT + 1] = "-";
  qujat_uint_text(agebuf + (age < 0),
                  age < 0 ? 0U - (unsigned)age : (unsigned)age, 0);
  struct buf name;
  qujat_buf_init(&name, 255); /* what the name's fixed buffer held */
  if (who && st == QUJAT_OK && add_name(&name, "", who) == QUJAT_ERR_NOMEM)
    st = QUJAT_ERR_NOMEM;
  const struct farg args[] = {
      {"names", names.data},
      {"name", name.data ? name.data : ""},
      {"age", agebuf},
      {"date", date.data},
      {"category", p && p->category ? p->category : "—"},
      {"visa", p && p->visa_category ? p->visa_category : "—"}};
  if (st == QUJAT_OK)
    st = qujat_format(&b, tmpl, args, sizeof args / sizeof args[0]);
  if (st == QUJAT_OK && !(*out = keep(d, &b)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&names);
  qujat_buf_free(&name);
  qujat_buf_free(&date);
  qujat_buf_free(&b);
  return st == QUJAT_ERR_NOMEM ? nomem(err) : st;
}

/* What a condition says about the applicant (dependant < 0) or one
 * dependant: 1 applies, 0 does not, -1 the profile does not say. */
static int decide(struct qujat_document *d, struct xpath_env *env,
                  const struct condition *k, int dependant, int age,
                  qujat_error *err, qujat_status *st) {
  if (!d->profile)
    return -1;
  int r = 0;
  if (k->known) {
    int known = qujat_xpath_bool(env, k->known, dependant, age);
    if (known < 0) {
      r = known;
      goto failed;
    }
    if (!known)
      return -1;
  }
  r = qujat_xpath_bool(env, k->test, dependant, age);
  if (r >= 0)
    return r;
failed:
  if (r == -2) {
    *st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    return -1;
  }
  *st = qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                      "condition '%s' could not be evaluated on the profile",
                      k->id);
  return -1;
}

/* ------------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------------ */

/* A document's wording in the edition in force on the date. */
static const char *doc_text(const struct qujat_document *d,
                            const struct document *doc) {
  return qujat_edition_text(&doc->text, doc->by_edition, doc->nby_edition,
                            d->edition)
      ->s[d->lang];
}

static void add_item(struct qujat_document *d, const struct item *it,
                     enum item_status status, const char *because,
                     const char *person) {
  struct ritem *r = &d->items[d->nitems++];
  r->doc = it->doc;
  r->text = doc_text(d, it->doc);
  r->status = status;
  r->because = because;
  r->person = person;
}

static void add_omitted(struct qujat_document *d, const struct item *it,
                        const char *because) {
  struct romitted *r = &d->omitted[d->nomitted++];
  r->doc = it->doc;
  r->text = doc_text(d, it->doc);
  r->because = because;
}

static qujat_status resolve_once(struct qujat_document *d,
                                 struct xpath_env *env, const struct item *it,
                                 qujat_error *err) {
  const struct condition *k = it->cond;
  qujat_status st = QUJAT_OK;
  const char *text;
  if (!k) {
    add_item(d, it, ITEM_REQUIRED, NULL, NULL);
    return QUJAT_OK;
  }
  int r = decide(d, env, k, -1, 0, err, &st);
  if (st != QUJAT_OK)
    return st;
  const struct text3 *t = r < 0 ? &k->unknown : r ? &k->because : &k->otherwise;
  st = expand(d, t->s[d->lang], NULL, 0, &text, err);
  if (st != QUJAT_OK)
    return st;
  if (r == 0)
    add_omitted(d, it, text);
  else
    add_item(d, it, r < 0 ? ITEM_IF_APPLICABLE : ITEM_REQUIRED, text, NULL);
  return QUJAT_OK;
}

/* Items the guidebook asks of each person: the applicant and each
 * dependant, by name when there is more than one person. A per-dependant
 * condition (children under 16 need no TRP) decides for each dependant;
 * the applicant is always asked. The dependants it leaves out are said,
 * with the reason, in one omitted row. */
static qujat_status resolve_per_person(struct qujat_document *d,
                                       struct xpath_env *env,
                                       const struct item *it,
                                       qujat_error *err) {
  const struct qujat_profile *p = d->profile;
  const struct condition *k = it->cond;
  if (!p || p->ndependants == 0) {
    add_item(d, it, ITEM_REQUIRED, NULL, NULL);
    return QUJAT_OK;
  }
  const char *name = qujat_person_name(d, &p->applicant, 0);
  if (!name)
    return nomem(err);
  add_item(d, it, ITEM_REQUIRED, NULL, name);
  struct buf why_not;
  qujat_buf_init(&why_not, 16384);
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; i < p->ndependants && st == QUJAT_OK; i++) {
    const struct person *who = &p->dependants[i];
    if (!(name = qujat_person_name(d, who, 1))) {
      st = nomem(err);
      break;
    }
    if (!k) {
      add_item(d, it, ITEM_REQUIRED, NULL, name);
      continue;
    }
    int age = who->has_birth ? qujat_date_age(who->birth, d->date) : -1;
    int r = decide(d, env, k, (int)i, age, err, &st);
    if (st != QUJAT_OK)
      break;
    const char *text;
    const struct text3 *t = r < 0   ? &k->unknown
                            : r > 0 ? &k->because
                                    : &k->otherwise;
    if ((st = expand(d, t->s[d->lang], who, age, &text, err)) != QUJAT_OK)
      break;
    if (r == 0)
      st = qujat_buf_addf(&why_not, "%s%s", why_not.len ? " " : "", text);
    else
      add_item(d, it, r < 0 ? ITEM_IF_APPLICABLE : ITEM_REQUIRED, text, name);
  }
  if (st == QUJAT_OK && why_not.len) {
    const char *text = keep(d, &why_not);
    if (!text)
      st = nomem(err);
    else
      add_omitted(d, it, text);
  }
  qujat_buf_free(&why_not);
  return st;
}

/* Items for each dependant, possibly under a per-dependant condition
 * (a child aged 14 to 18) evaluated with the dependant's age on the date. */
static qujat_status resolve_per_dependant(struct qujat_document *d,
                                          struct xpath_env *env,
                                          const struct item *it,
                                          qujat_error *err) {
  const struct qujat_profile *p = d->profile;
  const struct condition *k = it->cond;
  const char *text;
  qujat_status st = QUJAT_OK;
  if (!p) {
    const char *why = k ? k->unknown.s[d->lang] : NULL;
    if (!why &&
        (st = qujat_locale_get(d->cat, d->lang, "item.per-dependant", &why,
                               err)) != QUJAT_OK)
      return st;
    if ((st = expand(d, why, NULL, 0, &text, err)) != QUJAT_OK)
      return st;
    add_item(d, it, ITEM_IF_APPLICABLE, text, NULL);
    return QUJAT_OK;
  }
  if (p->ndependants == 0) {
    if ((st = qujat_locale_get(d->cat, d->lang, "item.no-dependants", &text,
                               err)) != QUJAT_OK)
      return st;
    add_omitted(d, it, text);
    return QUJAT_OK;
  }
  struct buf why_not;
  qujat_buf_init(&why_not, 16384);
  size_t added = 0;
  for (size_t i = 0; i < p->ndependants && st == QUJAT_OK; i++) {
    const struct person *who = &p->dependants[i];
    const char *name = qujat_person_name(d, who, 1);
    if (!name) {
      st = nomem(err);
      break;
    }
    if (!k) {
      add_item(d, it, ITEM_REQUIRED, NULL, name);
      added++;
      continue;
    }
    int age = who->has_birth ? qujat_date_age(who->birth, d->date) : -1;
    int r = decide(d, env, k, (int)i, age, err, &st);
    if (st != QUJAT_OK)
      break;
    const struct text3 *t = r < 0   ? &k->unknown
                            : r > 0 ? &k->because
                                    : &k->otherwise;
    if ((st = expand(d, t->s[d->lang], who, age, &text, err)) != QUJAT_OK)
      break;
    if (r == 0) {
      st = qujat_buf_addf(&why_not, "%s%s", why_not.len ? " " : "", text);
    } else {
      add_item(d, it, r < 0 ? ITEM_IF_APPLICABLE : ITEM_REQUIRED, text, name);
      added++;
    }
  }
  if (st == QUJAT_OK && added == 0) {
    if (!(text = keep(d, &why_not)))
      st = nomem(err);
    else
      add_omitted(d, it, text);
  }
  qujat_buf_free(&why_not);
  return st;
}

static qujat_status resolve_items(struct qujat_document *d,
                                  struct xpath_env *env, qujat_error *err) {
  size_t n;
  const struct item *items = qujat_service_items(d->service, &n);
  size_t persons = 1 + (d->profile ? d->profile->ndependants : 0);
  d->items = qujat_arena_alloc(&d->arena, n * persons * sizeof *d->items);
  d->omitted = qujat_arena_alloc(&d->arena, n * sizeof *d->omitted);
  if (!d->items || !d->omitted)
    return nomem(err);
  for (size_t i = 0; i < n; i++) {
    qujat_status st;
    /* Each edition's own list applies on its dates. */
    if (items[i].edition && items[i].edition != d->edition)
      continue;
    switch (items[i].per) {
    case PER_PERSON:
      st = resolve_per_person(d, env, &items[i], err);
      break;
    case PER_DEPENDANT:
      st = resolve_per_dependant(d, env, &items[i], err);
      break;
    default:
      st = resolve_once(d, env, &items[i], err);
      break;
    }
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * Steps, notes, timeframe
 * ------------------------------------------------------------------------ */

static qujat_status resolve_steps(struct qujat_document *d,
                                  qujat_error *err) {
  const struct service *s = d->service;
  d->steps = qujat_arena_alloc(&d->arena, (s->nsteps + 1) * sizeof *d->steps);
  if (!d->steps)
    return nomem(err);
  for (size_t i = 0; i < s->nsteps; i++) {
    const struct step *st = &s->steps[i];
    if (st->edition && st->edition != d->edition)
      continue;
    struct rstep *r = &d->steps[d->nsteps++];
    r->title = st->has_title ? st->title.s[d->lang]
                             : st->proc->title.s[d->lang];
    const char **b =
        qujat_arena_alloc(&d->arena, st->proc->nbullets * sizeof *b);
    if (!b)
      return nomem(err);
    for (size_t j = 0; j < st->proc->nbullets; j++)
      b[j] = st->proc->bullets[j].s[d->lang];
    r->bullets = b;
    r->nbullets = st->proc->nbullets;
  }
  return QUJAT_OK;
}

/* A note in the wording of the edition in force: a copy in the document's
 * arena when that edition words it differently. */
static qujat_status add_note(struct qujat_document *d, const struct note *n) {
  for (size_t i = 0; i < d->nnotes; i++)
    if (d->notes[i] == n || strcmp(d->notes[i]->id, n->id) == 0)
      return QUJAT_OK;
  const struct text3 *t =
      qujat_edition_text(&n->text, n->by_edition, n->nby_edition, d->edition);
  if (t != &n->text) {
    struct note *copy = qujat_arena_alloc(&d->arena, sizeof *copy);
    if (!copy)
      return QUJAT_ERR_NOMEM;
    *copy = *n;
    copy->text = *t;
    n = copy;
  }
  d->notes[d->nnotes++] = n;
  return QUJAT_OK;
}

/* The section's notes, the service's, and those of the fee options shown. */
static qujat_status resolve_notes(struct qujat_document *d,
                                  qujat_error *err) {
  const struct service *s = d->service;
  size_t cap = s->group->nnotes + s->nnotes + d->nfees;
  d->notes = qujat_arena_alloc(&d->arena, (cap + 1) * sizeof *d->notes);
  if (!d->notes)
    return nomem(err);
  /* A fee slip keeps to what explains the fees. */
  int slip = d->kind == QUJAT_DOC_FEES;
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && !slip && i < s->group->nnotes; i++)
    st = add_note(d, s->group->notes[i]);
  for (size_t i = 0; st == QUJAT_OK && !slip && i < s->nnotes; i++)
    if (!s->note_editions || !s->note_editions[i] ||
        s->note_editions[i] == d->edition)
      st = add_note(d, s->notes[i]);
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++)
    if (d->fees[i].note)
      st = add_note(d, d->fees[i].note);
  return st == QUJAT_OK ? QUJAT_OK : nomem(err);
}

/* ------------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------------ */

/* A date past the period of the newest edition: that edition stays in
 * force until a newer one is in the data, and the document says so. */
static qujat_status warn_past_edition(struct qujat_document *d,
                                      qujat_error *err) {
  if (!qujat_edition_past(d->edition, d->date))
    return QUJAT_OK;
  struct buf date, b;
  qujat_buf_init(&date, 256);
  qujat_buf_init(&b, 4096);
  qujat_status st = qujat_format_date(&date, d->cat, d->lang, d->date, err);
  if (st == QUJAT_OK) {
    const struct farg args[] = {{"edition", d->edition->id},
                                {"date", date.data}};
    st = qujat_format_key(&b, d->cat, d->lang, "warning.edition-past", args,
                          2, err);
  }
  if (st == QUJAT_OK && (st = qujat_doc_warn(d, b.data)) != QUJAT_OK)
    qujat_err_set(err, st, NULL, 0, 0, "cannot add a warning");
  if (st == QUJAT_OK)
    d->past_edition = d->warnings[d->nwarnings - 1];
  qujat_buf_free(&date);
  qujat_buf_free(&b);
  return st;
}

static qujat_status build_one(const qujat_catalog *cat,
                              const qujat_request *req, qujat_lang lang,
                              struct qujat_document **out, qujat_error *err) {
  struct qujat_document *d = calloc(1, sizeof *d);
  if (!d)
    return nomem(err);
  qujat_arena_init(&d->arena);
  d->cat = cat;
  d->profile = req->profile;
  d->kind = req->kind;
  d->out_lang = req->lang;
  d->brief = req->kind == QUJAT_DOC_CHECKLIST && req->brief;
  d->pdf_standard = req->pdf_standard;
  d->lang = qujat_lang_index(lang);
  struct xpath_env *env = NULL;
  struct buf b;
  qujat_buf_init(&b, 4096);
  qujat_status st = QUJAT_OK;

  if (req->pdf_standard != QUJAT_PDF_STANDARD_DEFAULT &&
      req->pdf_standard != QUJAT_PDF_ARCHIVAL &&
      req->pdf_standard != QUJAT_PDF_NONE) {
    st = qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                       "pdf_standard %d: QUJAT_PDF_STANDARD_DEFAULT, "
                       "QUJAT_PDF_NONE or QUJAT_PDF_ARCHIVAL",
                       (int)req->pdf_standard);
    goto done;
  }
  if (!qujat_date_parse(req->date, &d->date)) {
    st = qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                       "'%s' is not a date: expected YYYY-MM-DD",
                       req->date ? req->date : "");
    goto done;
  }
  d->edition = qujat_find_edition_on(cat, d->date);
  if (req->kind == QUJAT_DOC_FINE || req->kind == QUJAT_DOC_LETTER) {
    /* A fine needs no price list, only the MCI; a letter neither. */
    d->warnings = qujat_arena_alloc(&d->arena, QUJAT_MAX_WARNINGS * sizeof(char *));
    d->service = qujat_find_service(cat, req->service ? req->service : "");
    if (!d->warnings)
      st = nomem(err);
    else if (req->kind == QUJAT_DOC_LETTER &&
             (st = warn_past_edition(d, err)) != QUJAT_OK)
      ;
    else if (req->kind == QUJAT_DOC_FINE)
      st = qujat_rules_fine(d, req, err);
    else
      st = qujat_rules_letter(d, req, err);
    if (st == QUJAT_OK)
      *out = d;
    goto done;
  }
  d->service = qujat_find_service(cat, req->service ? req->service : "");
  if (!d->service) {
    st = qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                       "unknown service '%s' (qujat list shows the services)",
                       req->service ? req->service : "");
    goto done;
  }
  if (!d->edition) {
    /* Before the first edition: the data says nothing of those rules. */
    char from[11];
    qujat_date_format(cat->neditions ? cat->editions[0].from
                                     : (struct date){0, 0, 0},
                      from);
    st = qujat_err_set(err, QUJAT_ERR_RULE, NULL, 0, 0,
                       "no edition of the price list covers %s: the first "
                       "edition in the data is in force from %s",
                       req->date, from);
    goto done;
  }
  d->warnings = qujat_arena_alloc(&d->arena, QUJAT_MAX_WARNINGS * sizeof(char *));
  if (!d->warnings) {
    st = nomem(err);
    goto done;
  }
  CHECK(warn_past_edition(d, err));
  if (d->profile) {
    d->applicant = qujat_person_name(d, &d->profile->applicant, 0);
    if (!d->applicant) {
      st = nomem(err);
      goto done;
    }
  }
  if (qujat_xpath_env_new(d->profile, &env) != QUJAT_OK) {
    st = nomem(err);
    goto done;
  }
  CHECK(resolve_items(d, env, err));
  CHECK(resolve_steps(d, err));
  CHECK(qujat_rules_fees(d, env, err));
  CHECK(resolve_notes(d, err));
  CHECK(qujat_format_timeframe(&b, cat, d->lang, &d->service->timeframe, err));
  if (!(d->timeframe = keep(d, &b))) {
    st = nomem(err);
    goto done;
  }
  if (d->kind == QUJAT_DOC_CHECKLIST) {
    CHECK(qujat_rules_travel(d, err));
    CHECK(qujat_rules_request(d, err));
  }
  CHECK(qujat_rules_dates(d, err));
  if (d->kind == QUJAT_DOC_FEES)
    CHECK(qujat_rules_slip(d, err));
  *out = d;
done:
  qujat_buf_free(&b);
  qujat_xpath_env_free(env);
  if (st != QUJAT_OK)
    qujat_document_free(d);
  return st;
}

qujat_status qujat_document_build(const qujat_catalog *cat,
                                  const qujat_request *caller,
                                  qujat_document **out, qujat_error *err) {
  *out = NULL;
  qujat_request r;
  const qujat_request *req = &r;
  if (!cat || !caller)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "no request");
  qujat_status st = qujat_abi_request(caller, &r, err);
  if (st != QUJAT_OK)
    return st;
  st =
      build_one(cat, req, req->lang == QUJAT_LANG_KK_RU ? QUJAT_LANG_KK
                                                        : req->lang,
                out, err);
  if (st == QUJAT_OK && req->lang == QUJAT_LANG_KK_RU) {
    st = build_one(cat, req, QUJAT_LANG_RU, &(*out)->pair, err);
    if (st != QUJAT_OK) {
      qujat_document_free(*out);
      *out = NULL;
    }
  }
  return st;
}
