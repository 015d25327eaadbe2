/* SPDX-License-Identifier: MIT */
/*
 * qujat stay and qujat categories (issue 14), as text or JSON: the days
 * of the trips in the rolling window and the year, the last legal day and
 * the overstay fine; the visa categories and the change matrix. The rules
 * come from rules/ (rules_regime.c, rules_calendar.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"
#include "layout/layout.h"
#include "render/render_internal.h"
#include "rules/rules.h"

/* ------------------------------------------------------------------------
 * qujat stay
 * ------------------------------------------------------------------------ */

#define MAX_TRIPS 64

/* The overstay fine of `days` late on `exit` (services/fines.xml). */
static void fine_lines(struct out *o, int days, struct date exit) {
  const struct fine *f = qujat_find_fine(o->c, "overstay");
  char n[16], amount[128], mci[32], mv[128], year[8];
  if (!f)
    return;
  const struct fine_band *b = NULL;
  for (size_t i = 0; i < f->nbands; i++) {
    const struct fine_band *x = &f->bands[i];
    if ((!x->min_days || days >= x->min_days) &&
        (!x->max_days || days <= x->max_days))
      b = x;
  }
  if (!b)
    return;
  snprintf(n, sizeof n, "%d", days);
  snprintf(year, sizeof year, "%d", exit.y);
  if (b->warning) {
    const struct farg a[] = {{"days", n}, {"article", f->article}};
    ro_line(o, "  ", "stay.fine-warning", a, 2);
    return;
  }
  snprintf(mci, sizeof mci, "%lld.%02lld", (long long)(b->mci_centi / 100),
           (long long)(b->mci_centi % 100));
  if (b->mci_centi % 100 == 0)
    snprintf(mci, sizeof mci, "%lld", (long long)(b->mci_centi / 100));
  const struct mci *m = qujat_find_mci(o->c, exit.y);
  if (!m) {
    const struct farg a[] = {
        {"mci", mci}, {"year", year}, {"article", f->article}};
    ro_line(o, "  ", "stay.fine-no-mci", a, 3);
    return;
  }
  struct buf t;
  qujat_buf_init(&t, 256);
  if (o->st == QUJAT_OK)
    o->st = qujat_format_money(&t, o->c, o->lang, m->tiyn * b->mci_centi / 100,
                               o->err);
  snprintf(amount, sizeof amount, "%s", t.data ? t.data : "");
  qujat_buf_reset(&t);
  if (o->st == QUJAT_OK)
    o->st = qujat_format_money(&t, o->c, o->lang, m->tiyn, o->err);
  snprintf(mv, sizeof mv, "%s", t.data ? t.data : "");
  qujat_buf_free(&t);
  const struct farg a[] = {{"article", f->article},
                           {"amount", amount},
                           {"mci", mci},
                           {"mci_value", mv},
                           {"year", year}};
  ro_line(o, "  ", "stay.fine", a, 5);
  if (b->has_also) {
    char also[512];
    snprintf(also, sizeof also, "  %s\n", b->also.s[o->lang]);
    ro_raw(o, also);
  }
}

qujat_status qujat_render_stay(const qujat_catalog *cat,
                               const qujat_stay_request *req, char **out,
                               size_t *len, qujat_error *err) {
  *out = NULL;
  struct trip trips[MAX_TRIPS];
  struct date on, start, exit;
  if (req->lang == QUJAT_LANG_KK_RU)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--lang kk+ru is only for PDF documents");
  if (req->ntrips > MAX_TRIPS)
    return qujat_err_set(err, QUJAT_ERR_LIMIT, NULL, 0, 0, "more than %d trips",
                         MAX_TRIPS);
  if (!req->on || !qujat_date_parse(req->on, &on))
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--on must be YYYY-MM-DD");
  for (size_t i = 0; i < req->ntrips; i++) {
    if (!qujat_date_parse(req->trips[i].entry, &trips[i].entry) ||
        !qujat_date_parse(req->trips[i].exit, &trips[i].exit))
      return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                           "trip %zu: --entry and --exit must be YYYY-MM-DD",
                           i + 1);
    if (qujat_date_cmp(trips[i].exit, trips[i].entry) < 0)
      return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                           "trip %zu: the exit is before the entry", i + 1);
    for (size_t k = 0; k < i; k++)
      if (qujat_date_cmp(trips[i].entry, trips[k].exit) <= 0 &&
          qujat_date_cmp(trips[k].entry, trips[i].exit) <= 0)
        return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                             "trips %zu and %zu overlap", k + 1, i + 1);
  }
  int has_start = req->start != NULL, has_exit = req->exit_on != NULL;
  if ((has_start && !qujat_date_parse(req->start, &start)) ||
      (has_exit && !qujat_date_parse(req->exit_on, &exit)))
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--start and --exit-on must be YYYY-MM-DD");
  if (has_exit && !has_start)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--exit-on needs --start (the stay it ends)");
  const struct country *k = qujat_find_country_any(cat, req->citizenship);
  if (!k)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0, "unknown country '%s'",
                         req->citizenship ? req->citizenship : "");
  struct regime_hit h[MAX_REGIME_HITS];
  size_t nh = qujat_regime_hits(cat, k->code, h, MAX_REGIME_HITS);
  const struct regime_hit *vf = qujat_regime_visa_free(h, nh);
  const struct stay_rule *r = vf ? qujat_hit_stay(vf) : NULL;
  struct out o;
  ro_out_init(&o, cat, req->lang, req->json, err);
  char d1[128], d2[128], n1[16], n2[16], n3[16], n4[16], s[1024];
  int wused = 0, yused = 0, lastok = 0, late = 0;
  struct date last = {0, 0, 0};
  if (r) {
    if (r->window_days)
      wused = qujat_days_in(trips, req->ntrips,
                            qujat_date_add_days(on, 1 - r->window_days), on);
    struct date jan1 = {on.y, 1, 1}, dec31 = {on.y, 12, 31};
    yused = qujat_days_in(trips, req->ntrips, jan1, dec31);
    if (has_start)
      lastok = qujat_last_legal_day(r, trips, req->ntrips, start, &last);
    if (has_exit)
      late =
          lastok
              ? (int)(qujat_date_to_days(exit) - qujat_date_to_days(last))
              : (int)(qujat_date_to_days(exit) - qujat_date_to_days(start) + 1);
  }
  if (req->json) {
    struct json *j = &o.j;
    char buf[11];
    qujat_json_raw(j, "{");
    qujat_json_key(j, "citizenship", 1);
    qujat_json_str(j, k->code);
    qujat_json_key(j, "on", 0);
    qujat_json_str(j, req->on);
    qujat_json_key(j, "regime", 0);
    qujat_json_str(j, vf ? vf->list->id : NULL);
    qujat_json_key(j, "rule", 0);
    ro_json_stay(j, r);
    if (r) {
      qujat_json_key(j, "window_used", 0);
      qujat_json_int(j, wused);
      qujat_json_key(j, "window_left", 0);
      qujat_json_int(j,
                     r->window_days
                         ? (wused < r->window_max ? r->window_max - wused : 0)
                         : -1);
      qujat_json_key(j, "year", 0);
      qujat_json_int(j, on.y);
      qujat_json_key(j, "year_used", 0);
      qujat_json_int(j, yused);
      qujat_json_key(j, "year_left", 0);
      qujat_json_int(j, r->year_max
                            ? (yused < r->year_max ? r->year_max - yused : 0)
                            : -1);
      if (has_start) {
        qujat_json_key(j, "start", 0);
        qujat_json_str(j, req->start);
        qujat_json_key(j, "last_legal_day", 0);
        if (lastok) {
          qujat_date_format(last, buf);
          qujat_json_str(j, buf);
        } else {
          qujat_json_raw(j, "null");
        }
      }
      if (has_exit) {
        qujat_json_key(j, "exit_on", 0);
        qujat_json_str(j, req->exit_on);
        qujat_json_key(j, "days_late", 0);
        qujat_json_int(j, late > 0 ? late : 0);
      }
      qujat_json_key(j, "sources", 0);
      ro_json_cites(j, &vf->list->cites);
    }
    qujat_json_raw(j, "}\n");
    return ro_finish(&o, out, len);
  }
  const struct farg head[] = {{"country", k->name.s[o.lang]},
                              {"code", k->code}};
  ro_line(&o, "", "stay.heading", head, 2);
  if (!r) {
    ro_line(&o, "", "stay.no-regime", NULL, 0);
    ro_raw(&o, "\n");
    ro_line(&o, "", "regime.check", NULL, 0);
    return ro_finish(&o, out, len);
  }
  ro_stay_text(&o, r, s, sizeof s);
  const struct farg rule[] = {{"title", vf->list->title.s[o.lang]},
                              {"stay", s}};
  ro_line(&o, "", "regime.visa-free-yes", rule, 2);
  ro_source_lines(&o, "  ", &vf->list->cites, vf->list->dated);
  ro_line(&o, "", "stay.counting", NULL, 0);
  for (size_t i = 0; i < req->ntrips; i++) {
    snprintf(n1, sizeof n1, "%d",
             qujat_days_in(&trips[i], 1, trips[i].entry, trips[i].exit));
    const struct farg a[] = {
        {"entry", ro_date_text(&o, d1, sizeof d1, trips[i].entry)},
        {"exit", ro_date_text(&o, d2, sizeof d2, trips[i].exit)},
        {"n", n1}};
    ro_line(&o, "  ", "stay.trip", a, 3);
  }
  ro_raw(&o, "\n");
  const struct farg ond[] = {{"date", ro_date_text(&o, d1, sizeof d1, on)}};
  ro_line(&o, "", "stay.on", ond, 1);
  if (r->window_days) {
    snprintf(n1, sizeof n1, "%d", r->window_days);
    snprintf(n2, sizeof n2, "%d", wused);
    snprintf(n3, sizeof n3, "%d", r->window_max);
    snprintf(n4, sizeof n4, "%d",
             wused < r->window_max ? r->window_max - wused : 0);
    const struct farg a[] = {
        {"days", n1}, {"used", n2}, {"max", n3}, {"left", n4}};
    ro_line(&o, "  ", "stay.window-used", a, 4);
  }
  if (r->year_max) {
    snprintf(n1, sizeof n1, "%d", on.y);
    snprintf(n2, sizeof n2, "%d", yused);
    snprintf(n3, sizeof n3, "%d", r->year_max);
    snprintf(n4, sizeof n4, "%d",
             yused < r->year_max ? r->year_max - yused : 0);
    const struct farg a[] = {
        {"year", n1}, {"used", n2}, {"max", n3}, {"left", n4}};
    ro_line(&o, "  ", "stay.year-used", a, 4);
  }
  if (has_start) {
    ro_raw(&o, "\n");
    const struct farg a[] = {
        {"date", ro_date_text(&o, d1, sizeof d1, start)},
        {"last", lastok ? ro_date_text(&o, d2, sizeof d2, last) : ""}};
    ro_line(&o, "", lastok ? "stay.start" : "stay.start-none", a, 2);
  }
  if (has_exit) {
    snprintf(n1, sizeof n1, "%d", late);
    const struct farg a[] = {{"date", ro_date_text(&o, d1, sizeof d1, exit)},
                             {"n", n1}};
    ro_line(&o, "", late > 0 ? "stay.exit-late" : "stay.exit-ok", a, 2);
    if (late > 0)
      fine_lines(&o, late, exit);
  }
  ro_raw(&o, "\n");
  ro_line(&o, "", "regime.check", NULL, 0);
  return ro_finish(&o, out, len);
}

/* ------------------------------------------------------------------------
 * qujat categories
 * ------------------------------------------------------------------------ */

static const struct text3 *category_title(const struct qujat_catalog *c,
                                          const char *id) {
  const struct visa_category *v = qujat_find_category(c, id);
  if (v)
    return &v->title;
  for (size_t i = 0; i < c->ncategory_names; i++)
    if (strcmp(c->category_names[i].id, id) == 0)
      return &c->category_names[i].title;
  return NULL;
}

static void entries_text(struct out *o, const struct entries_rule *e, char *dst,
                         size_t size) {
  char part[128], n[16];
  dst[0] = '\0';
  struct {
    int v;
    const char *key;
  } parts[] = {{e->min_days, "categories.from-days"},
               {e->min_months, "categories.from-months"},
               {e->max_days, "categories.up-to-days"},
               {e->max_months, "categories.up-to-months"},
               {e->stay_days, "categories.stay"}};
  for (size_t i = 0; i < 5; i++) {
    if (!parts[i].v)
      continue;
    snprintf(n, sizeof n, "%d", parts[i].v);
    const struct farg a[] = {{"n", n}};
    ro_fmt(o, part, sizeof part, parts[i].key, a, 1);
    size_t len = strlen(dst);
    snprintf(dst + len, size - len, "%s%s", len ? ", " : "", part);
  }
}

qujat_status qujat_render_categories(const qujat_catalog *cat, qujat_lang lang,
                                     int json, char **out, size_t *len,
                                     qujat_error *err) {
  *out = NULL;
  if (lang == QUJAT_LANG_KK_RU)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--lang kk+ru is only for PDF documents");
  struct out o;
  ro_out_init(&o, cat, lang, json, err);
  char s[512], t[1024], kind[64];
  if (json) {
    struct json *j = &o.j;
    qujat_json_raw(j, "{\"categories\": [");
    for (size_t i = 0; i < cat->ncategories; i++) {
      const struct visa_category *v = &cat->categories[i];
      qujat_json_raw(j, i ? ",\n  {" : "\n  {");
      qujat_json_key(j, "id", 1);
      qujat_json_str(j, v->id);
      qujat_json_key(j, "title", 0);
      qujat_json_str(j, v->title.s[o.lang]);
      for (int e = 0; e < 2; e++) {
        const struct entries_rule *r = &v->entries[e];
        qujat_json_key(j, e ? "multiple" : "single", 0);
        if (!r->present) {
          qujat_json_raw(j, "null");
          continue;
        }
        qujat_json_raw(j, "{");
        qujat_json_key(j, "min_months", 1);
        qujat_json_int(j, r->min_months);
        qujat_json_key(j, "max_months", 0);
        qujat_json_int(j, r->max_months);
        qujat_json_key(j, "max_days", 0);
        qujat_json_int(j, r->max_days);
        qujat_json_key(j, "stay_days", 0);
        qujat_json_int(j, r->stay_days);
        qujat_json_raw(j, "}");
      }
      qujat_json_key(j, "sources", 0);
      ro_json_cites(j, &v->cites);
      qujat_json_raw(j, "}");
    }
    qujat_json_raw(j, "],\n \"changes\": [");
    for (size_t i = 0; i < cat->nchanges; i++) {
      const struct category_change *c = &cat->changes[i];
      qujat_json_raw(j, i ? ",\n  {" : "\n  {");
      qujat_json_key(j, "to", 1);
      qujat_json_str(j, c->to);
      qujat_json_key(j, "from", 0);
      qujat_json_raw(j, "[");
      for (size_t f = 0; f < c->nfrom; f++) {
        qujat_json_raw(j, f ? ", " : "");
        qujat_json_str(j, c->from[f].category);
      }
      qujat_json_raw(j, "]");
      qujat_json_key(j, "sources", 0);
      ro_json_cites(j, &c->cites);
      qujat_json_raw(j, "}");
    }
    qujat_json_raw(j, "]}\n");
    return ro_finish(&o, out, len);
  }
  ro_line(&o, "", "categories.heading", NULL, 0);
  for (size_t i = 0; i < cat->ncategories; i++) {
    const struct visa_category *v = &cat->categories[i];
    snprintf(t, sizeof t, "  %-4s %s\n", v->id, v->title.s[o.lang]);
    ro_raw(&o, t);
    for (int e = 0; e < 2; e++) {
      if (!v->entries[e].present)
        continue;
      entries_text(&o, &v->entries[e], s, sizeof s);
      ro_fmt(&o, kind, sizeof kind,
             e ? "categories.multiple" : "categories.single", NULL, 0);
      snprintf(t, sizeof t, "       %s: %s\n", kind, s);
      ro_raw(&o, t);
    }
  }
  ro_raw(&o, "\n");
  ro_line(&o, "", "categories.change-heading", NULL, 0);
  for (size_t i = 0; i < cat->nchanges; i++) {
    const struct category_change *c = &cat->changes[i];
    const struct text3 *title = category_title(cat, c->to);
    snprintf(t, sizeof t, "  %-4s %s\n", c->to, title ? title->s[o.lang] : "");
    ro_raw(&o, t);
    ro_line(&o, "       ", "categories.change-from", NULL, 0);
    for (size_t f = 0; f < c->nfrom; f++) {
      const struct change_from *x = &c->from[f];
      const struct text3 *ft = category_title(cat, x->category);
      if (strcmp(x->category, "all") == 0 ||
          strcmp(x->category, "visa-free") == 0) {
        ro_fmt(&o, s, sizeof s,
               x->category[0] == 'a' ? "categories.all"
                                     : "categories.visa-free",
               NULL, 0);
        snprintf(t, sizeof t, "         - %s", s);
      } else {
        snprintf(t, sizeof t, "         - %s %s", x->category,
                 ft ? ft->s[o.lang] : "");
      }
      ro_raw(&o, t);
      if (x->has_note) {
        snprintf(t, sizeof t, " (%s)", x->note.s[o.lang]);
        ro_raw(&o, t);
      }
      ro_raw(&o, "\n");
    }
  }
  ro_raw(&o, "\n");
  if (cat->nchanges)
    ro_source_lines(&o, "", &cat->changes[0].cites, "2024-01");
  ro_line(&o, "", "regime.check", NULL, 0);
  return ro_finish(&o, out, len);
}
