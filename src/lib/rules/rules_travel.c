/* SPDX-License-Identifier: MIT */
/*
 * The dates of a checklist that come from the applicant's citizenship and
 * travel (issue 14): the entry regime in words with its source, the day by
 * which the host must notify the migration service of the arrival (the
 * working days of services/regimes.xml <arrival-notification>), the last
 * day of a visa-free stay from the planned arrival given the trips already
 * made, and the expected ready date from the service's timeframe. Working
 * days are counted by the calendar (rules_calendar.c).
 */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "rules/rules.h"

#define MAX_HITS 16
#define TEXT_MAX 2048

/* One formatted text of the document's language, kept in its arena. */
static const char *text_of(struct qujat_document *d, const char *key,
                           const struct farg *a, size_t n, qujat_error *err,
                           qujat_status *why) {
  struct buf b;
  qujat_buf_init(&b, 8192);
  const char *s = NULL;
  qujat_status st = qujat_format_key(&b, d->cat, d->lang, key, a, n, err);
  if (st == QUJAT_OK && !(s = qujat_arena_strdup(&d->arena, b.data)))
    st = QUJAT_ERR_NOMEM;
  if (st != QUJAT_OK)
    *why = st;
  qujat_buf_free(&b);
  return s;
}

/* A date of the document's language, kept in its arena; as text_of(). */
static const char *date_of(struct qujat_document *d, struct date x,
                           qujat_error *err, qujat_status *why) {
  struct buf b;
  qujat_buf_init(&b, 256);
  const char *s = NULL;
  qujat_status st = qujat_format_date(&b, d->cat, d->lang, x, err);
  if (st == QUJAT_OK && !(s = qujat_arena_strdup(&d->arena, b.data)))
    st = QUJAT_ERR_NOMEM;
  if (st != QUJAT_OK)
    *why = st;
  qujat_buf_free(&b);
  return s;
}

/* "WPK migration digest for Kazakhstan, January 2024, § 2": the source by
 * its title in the document's language and the number of the section it
 * cites, never the data's file name or the source's own words (a Russian
 * paper quotes no Kazakh). A section without a number gives the title. */
static void cite_text(const struct qujat_document *d, const struct cite *c,
                      char *dst, size_t size) {
  const char *title = c->source->title.s[d->lang];
  size_t n = strspn(c->section, "0123456789.");
  while (n > 0 && c->section[n - 1] == '.')
    n--;
  if (n > 0)
    snprintf(dst, size, "%s, § %.*s", title, (int)n, c->section);
  else
    snprintf(dst, size, "%s", title);
}

static void append(char *dst, size_t size, const char *sep, const char *s) {
  size_t len = strlen(dst);
  if (len < size)
    snprintf(dst + len, size - len, "%s%s", len ? sep : "", s);
}

/* "up to 30 days per entry; at most 90 days in any 180 days; ..." (and,
 * with `alternatives`, "or for the term of the TRP / visa"). */
qujat_status qujat_stay_words(const struct qujat_catalog *c, int lang,
                              const struct stay_rule *s, int alternatives,
                              char *dst, size_t size, qujat_error *err) {
  char n1[QUJAT_UINT_TEXT], n2[QUJAT_UINT_TEXT];
  dst[0] = '\0';
  struct {
    int on;
    const char *key;
    int a, b;
  } parts[] = {
      {s->per_entry != 0, "stay.per-entry", s->per_entry, 0},
      {s->window_days != 0, "stay.window", s->window_max, s->window_days},
      {s->year_max && !s->year_unspecified, "stay.year", s->year_max, 0},
      {s->year_max && s->year_unspecified, "stay.year-unspecified", s->year_max,
       0},
      {alternatives && s->or_term_of && strcmp(s->or_term_of, "trp") == 0,
       "stay.or-trp", 0, 0},
      {alternatives && s->or_term_of && strcmp(s->or_term_of, "visa") == 0,
       "stay.or-visa", 0, 0}};
  struct buf b;
  qujat_buf_init(&b, 1024);
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && i < sizeof parts / sizeof parts[0];
       i++) {
    if (!parts[i].on)
      continue;
    qujat_int_text(n1, parts[i].a);
    qujat_int_text(n2, parts[i].b);
    const struct farg a[] = {{"n", n1}, {"max", n1}, {"days", n2}};
    b.len = 0;
    st = qujat_format_key(&b, c, lang, parts[i].key, a, 3, err);
    if (st == QUJAT_OK)
      append(dst, size, "; ", b.data);
  }
  qujat_buf_free(&b);
  return st;
}

/* The entry regime of the applicant's citizenship, in words, with the
 * source of each list it comes from; where a visa-free list and an e-visa
 * list both name the country, both are said. */
static qujat_status regime_line(struct qujat_document *d, const char *code,
                                const struct regime_hit **vf_out,
                                qujat_error *err) {
  qujat_status why = QUJAT_OK; /* what a NULL text_of() met */
  const struct qujat_catalog *c = d->cat;
  struct regime_hit h[MAX_HITS];
  size_t n = qujat_regime_hits(c, code, h, MAX_HITS);
  const struct regime_hit *vf = qujat_regime_visa_free(h, n);
  char src[TEXT_MAX] = "", evisa[TEXT_MAX] = "", stay[1024], one[768];
  const char *line, *extra = NULL, *trp = NULL;
  *vf_out = vf;
  for (size_t i = 0; i < n; i++) {
    if (h[i].list->kind != LIST_E_VISA || h[i].list->unlisted)
      continue;
    cite_text(d, &h[i].list->cites.v[0], one, sizeof one);
    char item[1024];
    snprintf(item, sizeof item, "%s (%s; %s)",
             h[i].list->categories ? h[i].list->categories : "", one,
             h[i].list->dated ? h[i].list->dated : "");
    append(evisa, sizeof evisa, "; ", item);
  }
  if (vf) {
    qujat_status st = qujat_stay_words(d->cat, d->lang, qujat_hit_stay(vf), 0,
                                       stay, sizeof stay, err);
    if (st != QUJAT_OK)
      return st;
    cite_text(d, &vf->list->cites.v[0], src, sizeof src);
    const struct farg a[] = {{"stay", stay},
                             {"source", src},
                             {"dated", vf->list->dated ? vf->list->dated : ""}};
    line = text_of(d, "date.regime-visa-free", a, 3, err, &why);
    if (*evisa) {
      const struct farg e[] = {{"lists", evisa}};
      extra = text_of(d, "date.regime-differ", e, 1, err, &why);
    }
  } else if (*evisa) {
    const struct farg e[] = {{"lists", evisa}};
    line = text_of(d, "date.regime-e-visa", e, 1, err, &why);
  } else {
    /* The visa-free lists that do not name it. */
    for (size_t i = 0; i < c->nlists; i++)
      if (c->lists[i].kind == LIST_VISA_FREE) {
        cite_text(d, &c->lists[i].cites.v[0], one, sizeof one);
        append(src, sizeof src, "; ", one);
      }
    const struct farg a[] = {{"source", src}};
    line = text_of(d, "date.regime-visa", a, 1, err, &why);
  }
  for (size_t i = 0; i < n; i++)
    if (h[i].list->kind == LIST_TRP_INSTEAD) {
      cite_text(d, &h[i].list->cites.v[0], one, sizeof one);
      const struct farg a[] = {{"source", one}};
      trp = text_of(d, "date.regime-trp", a, 1, err, &why);
    }
  const char *check = text_of(d, "regime.check", NULL, 0, err, &why);
  if (!line || (*evisa && vf && !extra) || !check)
    return why;
  char all[3 * TEXT_MAX];
  snprintf(all, sizeof all, "%s%s%s%s%s %s", line, extra ? " " : "",
           extra ? extra : "", trp ? " " : "", trp ? trp : "", check);
  const char *kept = qujat_arena_strdup(&d->arena, all);
  const struct country *k = qujat_find_country(c, code);
  const struct farg a[] = {{"country", k ? k->name.s[d->lang] : code},
                           {"code", code}};
  if (!kept)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  struct date none = {0, 0, 0};
  return qujat_doc_add_date(d, "date.regime", a, 2, none, kept, NULL, err);
}

/* The planned arrival, the host's notification deadline and the last day
 * of a visa-free stay. */
static qujat_status arrival(struct qujat_document *d,
                            const struct regime_hit *vf, qujat_error *err) {
  qujat_status why = QUJAT_OK; /* what a NULL text_of() met */
  const struct qujat_profile *p = d->profile;
  const struct arrival_rule *r = &d->cat->arrival;
  qujat_status st;
  if (!p->has_arrival)
    return QUJAT_OK;
  if ((st = qujat_doc_add_date(d, "date.arrival", NULL, 0, p->arrival, NULL,
                               NULL, err)) != QUJAT_OK)
    return st;
  if (r->present) {
    struct cal_missing m = {0};
    struct date by =
        qujat_add_working_days(d->cat, p->arrival, r->working_days, &m);
    char n[16], src[768];
    snprintf(n, sizeof n, "%d", r->working_days);
    cite_text(d, &r->cites.v[0], src, sizeof src);
    const struct farg a[] = {{"n", n}, {"source", src}};
    const char *note = text_of(d, "date.notify-note", a, 2, err, &why);
    if (!note)
      return why;
    d->working_days = 1;
    if ((st = qujat_doc_calendar_missing(d, &m, err)) != QUJAT_OK ||
        (st = qujat_doc_add_date(d, "date.notify-by", NULL, 0, by, NULL, note,
                                 err)) != QUJAT_OK)
      return st;
  }
  if (!vf)
    return QUJAT_OK;
  struct trip past[PROFILE_MAX_TRIPS];
  for (size_t i = 0; i < p->ntrips; i++) {
    past[i].entry = p->trips[i].entry;
    past[i].exit = p->trips[i].exit;
  }
  struct date last;
  const char *on = date_of(d, p->arrival, err, &why);
  if (!on)
    return why;
  const struct farg a[] = {{"date", on}};
  if (!qujat_last_legal_day(qujat_hit_stay(vf), past, p->ntrips, p->arrival,
                            &last))
    return qujat_doc_warn_key(d, "stay.start-none", a, 1, err);
  return qujat_doc_add_date(d, "date.stay-until", NULL, 0, last, NULL, NULL,
                            err);
}

/* "5 business days" from the document date: the expected ready date. */
static qujat_status ready(struct qujat_document *d, qujat_error *err) {
  qujat_status why = QUJAT_OK; /* what a NULL text_of() met */
  const struct timeframe *t = &d->service->timeframe;
  int days = t->max ? t->max : t->min;
  struct date x;
  struct cal_missing m = {0};
  if (!t->stated || days <= 0 || t->unit == UNIT_MINUTE)
    return QUJAT_OK;
  if (t->unit == UNIT_BUSINESS_DAY) {
    x = qujat_add_working_days(d->cat, d->date, days, &m);
    d->working_days = 1;
  } else {
    x = qujat_date_add_days(d->date, days);
  }
  const struct farg a[] = {{"timeframe", d->timeframe}};
  const char *note = text_of(d, "date.ready-note", a, 1, err, &why);
  if (!note)
    return why;
  qujat_status st = qujat_doc_calendar_missing(d, &m, err);
  if (st == QUJAT_OK)
    st = qujat_doc_add_date(d, "date.ready", NULL, 0, x, NULL, note, err);
  return st;
}

qujat_status qujat_rules_travel(struct qujat_document *d, qujat_error *err) {
  const struct qujat_profile *p = d->profile;
  const struct regime_hit *vf = NULL;
  qujat_status st = QUJAT_OK;
  if (p && p->applicant.citizenship &&
      qujat_find_country(d->cat, p->applicant.citizenship))
    st = regime_line(d, p->applicant.citizenship, &vf, err);
  if (st == QUJAT_OK && p)
    st = arrival(d, vf, err);
  if (st == QUJAT_OK)
    st = ready(d, err);
  return st;
}
