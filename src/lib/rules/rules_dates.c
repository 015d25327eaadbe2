/* SPDX-License-Identifier: MIT */
/*
 * The dates that matter for this applicant and the warnings a person should
 * see: the window to file an extension, counted in working days back from
 * the expiry of the current visa; passport validity against the requested
 * visa or the filing date.
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"

#define MAX_DATES 12

/* One formatted message built from a locale key, appended as a warning
 * (as_warning) or returned in `*out`. */
static qujat_status message(struct qujat_document *d, const char *key,
                            const struct farg *args, size_t nargs,
                            int as_warning, const char **out,
                            qujat_error *err) {
  struct buf b;
  qujat_buf_init(&b, 4096);
  qujat_status st = qujat_format_key(&b, d->cat, d->lang, key, args, nargs, err);
  if (st == QUJAT_OK) {
    if (as_warning) {
      st = qujat_doc_warn(d, b.data);
    } else {
      *out = qujat_arena_strdup(&d->arena, b.data);
      if (!*out)
        st = QUJAT_ERR_NOMEM;
    }
  }
  qujat_buf_free(&b);
  if (st == QUJAT_ERR_NOMEM || st == QUJAT_ERR_LIMIT)
    return qujat_err_set(err, st, NULL, 0, 0, "cannot add a message");
  return st;
}

/* A date formatted in the document's language, kept in its arena. */
static const char *fmt_date(struct qujat_document *d, struct date x,
                            qujat_error *err) {
  struct buf b;
  qujat_buf_init(&b, 256);
  const char *s = NULL;
  if (qujat_format_date(&b, d->cat, d->lang, x, err) == QUJAT_OK)
    s = qujat_arena_strdup(&d->arena, b.data);
  qujat_buf_free(&b);
  return s;
}

qujat_status qujat_doc_add_date(struct qujat_document *d, const char *key,
                                const struct farg *args, size_t nargs,
                                struct date x, const char *text,
                                const char *note, qujat_error *err) {
  if (!d->dates) {
    d->dates = qujat_arena_alloc(&d->arena, MAX_DATES * sizeof *d->dates);
    if (!d->dates)
      return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                           "out of memory");
  }
  if (d->ndates == MAX_DATES)
    return qujat_err_set(err, QUJAT_ERR_LIMIT, NULL, 0, 0, "too many dates");
  struct rdate *r = &d->dates[d->ndates];
  memset(r, 0, sizeof *r);
  qujat_status st = message(d, key, args, nargs, 0, &r->label, err);
  if (st == QUJAT_OK) {
    r->date = x;
    r->text = text;
    r->note = note;
    d->ndates++;
  }
  return st;
}

static qujat_status add_date(struct qujat_document *d, const char *key,
                             struct date x, qujat_error *err) {
  return qujat_doc_add_date(d, key, NULL, 0, x, NULL, NULL, err);
}

qujat_status qujat_doc_warn_key(struct qujat_document *d, const char *key,
                                const struct farg *args, size_t nargs,
                                qujat_error *err) {
  return message(d, key, args, nargs, 1, NULL, err);
}

/* Working days by the calendar of Kazakhstan (rules_calendar.c); a year
 * without calendar data is counted Monday to Friday and said in a
 * warning. */
static struct date back(struct qujat_document *d, struct date from, int n,
                        enum time_unit unit, struct cal_missing *m) {
  return unit == UNIT_BUSINESS_DAY
             ? qujat_add_working_days(d->cat, from, -n, m)
             : qujat_date_add_days(from, -n);
}

qujat_status qujat_doc_calendar_missing(struct qujat_document *d,
                                        const struct cal_missing *m,
                                        qujat_error *err) {
  if (m->n)
    d->working_days = 1;
  for (size_t i = 0; i < m->n; i++) {
    char y[16];
    snprintf(y, sizeof y, "%d", m->years[i]);
    const struct farg args[] = {{"year", y}};
    qujat_status st = message(d, "calendar.no-data", args, 1, 1, NULL, err);
    if (st != QUJAT_OK)
      return st;
  }
  return QUJAT_OK;
}

/* "Not earlier than 30 and not later than 5 working days before the visa
 * expires": the first and the last day to file. */
static qujat_status filing_window(struct qujat_document *d, qujat_error *err) {
  const struct filing_window *w = &d->service->window;
  const struct qujat_profile *p = d->profile;
  qujat_status st;
  if (!w->present || !p)
    return QUJAT_OK;
  if (!p->has_visa) {
    char earliest[16], latest[16];
    snprintf(earliest, sizeof earliest, "%d", w->earliest);
    snprintf(latest, sizeof latest, "%d", w->latest);
    const struct farg args[] = {{"earliest", earliest}, {"latest", latest}};
    return message(d, "warning.no-current-visa", args, 2, 1, NULL, err);
  }
  struct cal_missing m = {0};
  struct date opens = back(d, p->visa_expires, w->earliest, w->unit, &m);
  struct date closes = back(d, p->visa_expires, w->latest, w->unit, &m);
  if (w->unit == UNIT_BUSINESS_DAY)
    d->working_days = 1;
  if ((st = qujat_doc_calendar_missing(d, &m, err)) != QUJAT_OK)
    return st;
  if ((st = add_date(d, "date.window-opens", opens, err)) != QUJAT_OK ||
      (st = add_date(d, "date.window-closes", closes, err)) != QUJAT_OK ||
      (st = add_date(d, "date.visa-expires", p->visa_expires, err)) !=
          QUJAT_OK)
    return st;
  const char *o = fmt_date(d, opens, err), *c = fmt_date(d, closes, err);
  const char *e = fmt_date(d, p->visa_expires, err);
  if (!o || !c || !e)
    return qujat_err_set(err, QUJAT_ERR_LOCALE, NULL, 0, 0,
                         "cannot format a date");
  const struct farg args[] = {{"opens", o}, {"closes", c}, {"expires", e}};
  if (qujat_date_cmp(d->date, closes) > 0)
    return message(d, "warning.window-closed", args, 3, 1, NULL, err);
  if (qujat_date_cmp(d->date, opens) < 0)
    return message(d, "warning.window-not-open", args, 3, 1, NULL, err);
  return QUJAT_OK;
}

/* Each person's passport against the service's rule. */
static qujat_status passport_of(struct qujat_document *d,
                                const struct person *who, qujat_error *err) {
  const struct passport_rule *rule = &d->service->passport;
  const struct qujat_profile *p = d->profile;
  if (!who->passport.present)
    return QUJAT_OK;
  const char *name = qujat_person_name(d, who, 0);
  const char *expires = fmt_date(d, who->passport.expires, err);
  if (!name || !expires)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  char n[16];
  if (rule->months_after_visa && p->has_to) {
    struct date need = qujat_date_add_months(p->to, rule->months_after_visa);
    if (qujat_date_cmp(who->passport.expires, need) < 0) {
      const char *to = fmt_date(d, p->to, err), *nd = fmt_date(d, need, err);
      if (!to || !nd)
        return QUJAT_ERR_LOCALE;
      snprintf(n, sizeof n, "%d", rule->months_after_visa);
      const struct farg args[] = {{"name", name}, {"expires", expires},
                                  {"months", n},  {"to", to},
                                  {"need", nd}};
      return message(d, "warning.passport-after-visa", args, 5, 1, NULL, err);
    }
  }
  if (rule->days_at_filing) {
    struct date need = qujat_date_add_days(d->date, rule->days_at_filing);
    if (qujat_date_cmp(who->passport.expires, need) <= 0) {
      const char *nd = fmt_date(d, need, err);
      if (!nd)
        return QUJAT_ERR_LOCALE;
      snprintf(n, sizeof n, "%d", rule->days_at_filing);
      const struct farg args[] = {
          {"name", name}, {"expires", expires}, {"days", n}, {"need", nd}};
      return message(d, "warning.passport-at-filing", args, 4, 1, NULL, err);
    }
  }
  return QUJAT_OK;
}

static qujat_status passports(struct qujat_document *d, qujat_error *err) {
  const struct qujat_profile *p = d->profile;
  const struct passport_rule *rule = &d->service->passport;
  qujat_status st;
  if (!p || (!rule->months_after_visa && !rule->days_at_filing))
    return QUJAT_OK;
  if (rule->months_after_visa && p->has_to) {
    struct date need = qujat_date_add_months(p->to, rule->months_after_visa);
    if ((st = add_date(d, "date.passport-until", need, err)) != QUJAT_OK)
      return st;
  }
  if ((st = passport_of(d, &p->applicant, err)) != QUJAT_OK)
    return st;
  for (size_t i = 0; i < p->ndependants; i++)
    if ((st = passport_of(d, &p->dependants[i], err)) != QUJAT_OK)
      return st;
  return QUJAT_OK;
}

qujat_status qujat_rules_dates(struct qujat_document *d, qujat_error *err) {
  qujat_status st = filing_window(d, err);
  if (st == QUJAT_OK)
    st = passports(d, err);
  return st;
}
