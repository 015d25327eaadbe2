/* SPDX-License-Identifier: MIT */
/*
 * qujat regime (issue 14), as text or JSON: the entry regime of a
 * citizenship from every list of the data, with each list's source and date
 * and the places where the sources disagree (rules/rules_regime.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"
#include "layout/layout.h"
#include "render/render_internal.h"

static const char *const kind_ids[] = {"visa-free", "e-visa", "no-invitation",
                                       "trp-instead-of-visa"};
#include "rules/rules.h"

/* ------------------------------------------------------------------------
 * qujat regime
 * ------------------------------------------------------------------------ */

static void regime_json(struct out *o, const struct country *k,
                        const char *date, const struct regime_hit *h,
                        size_t nh) {
  struct json *j = &o->j;
  const struct qujat_catalog *c = o->c;
  qujat_json_raw(j, "{");
  qujat_json_key(j, "country", 1);
  qujat_json_str(j, k->code);
  qujat_json_key(j, "name", 0);
  qujat_json_str(j, k->name.s[o->lang]);
  qujat_json_key(j, "date", 0);
  qujat_json_str(j, date);
  qujat_json_key(j, "lists", 0);
  qujat_json_raw(j, "[");
  for (size_t i = 0; i < c->nlists; i++) {
    const struct country_list *l = &c->lists[i];
    const struct regime_hit *x = ro_hit_of(h, nh, l);
    qujat_json_raw(j, i ? ",\n  {" : "\n  {");
    qujat_json_key(j, "id", 1);
    qujat_json_str(j, l->id);
    qujat_json_key(j, "kind", 0);
    qujat_json_str(j, kind_ids[l->kind]);
    qujat_json_key(j, "count", 0);
    qujat_json_int(j, l->count);
    qujat_json_key(j, "dated", 0);
    qujat_json_str(j, l->dated);
    qujat_json_key(j, "listed", 0);
    qujat_json_raw(j, l->unlisted ? "null" : x ? "true" : "false");
    qujat_json_key(j, "categories", 0);
    qujat_json_str(j, l->categories);
    if (x) {
      qujat_json_key(j, "source_name", 0);
      qujat_json_str(j, x->member->name);
      qujat_json_key(j, "ambiguous", 0);
      qujat_json_raw(j, x->ambiguous ? "true" : "false");
      qujat_json_key(j, "pending", 0);
      qujat_json_raw(j, x->member->pending ? "true" : "false");
      qujat_json_key(j, "stay", 0);
      ro_json_stay(j, qujat_hit_stay(x));
    }
    qujat_json_key(j, "sources", 0);
    ro_json_cites(j, &l->cites);
    qujat_json_raw(j, "}");
  }
  qujat_json_raw(j, "]");
  const struct regime_hit *vf = qujat_regime_visa_free(h, nh);
  int evisa = 0;
  for (size_t i = 0; i < nh; i++)
    evisa |= h[i].list->kind == LIST_E_VISA;
  qujat_json_key(j, "visa_free", 0);
  qujat_json_raw(j, vf ? "true" : "false");
  qujat_json_key(j, "eta", 0);
  if (vf && c->eta.present) {
    qujat_json_raw(j, "{");
    qujat_json_key(j, "hours_before", 1);
    qujat_json_int(j, c->eta.hours_before);
    qujat_json_key(j, "valid_days", 0);
    qujat_json_int(j, c->eta.valid_days);
    qujat_json_key(j, "mandatory", 0);
    qujat_json_raw(j, c->eta.mandatory ? "true" : "false");
    qujat_json_key(j, "sources", 0);
    ro_json_cites(j, &c->eta.cites);
    qujat_json_raw(j, "}");
  } else {
    qujat_json_raw(j, "null");
  }
  qujat_json_key(j, "sources_disagree", 0);
  qujat_json_raw(j, vf && evisa ? "true" : "false");
  qujat_json_raw(j, "}\n");
}

static void regime_text(struct out *o, const struct country *k, struct date on,
                        const struct regime_hit *h, size_t nh) {
  const struct qujat_catalog *c = o->c;
  char d[128], s[1024], t[512];
  const struct farg head[] = {{"country", k->name.s[o->lang]},
                              {"code", k->code}};
  ro_line(o, "", "regime.heading", head, 2);
  const struct farg when[] = {{"date", ro_date_text(o, d, sizeof d, on)}};
  ro_line(o, "", "regime.date", when, 1);
  const struct regime_hit *vf = qujat_regime_visa_free(h, nh);
  static const enum list_kind order[] = {LIST_VISA_FREE, LIST_E_VISA,
                                         LIST_NO_INVITATION, LIST_TRP_INSTEAD};
  static const char *const heads[] = {"regime.visa-free", "regime.e-visa",
                                      "regime.invitation", "regime.trp"};
  for (int sct = 0; sct < 4; sct++) {
    ro_raw(o, "\n");
    ro_line(o, "", heads[sct], NULL, 0);
    int any = 0;
    for (size_t i = 0; i < c->nlists; i++) {
      const struct country_list *l = &c->lists[i];
      if (l->kind != order[sct])
        continue;
      const struct regime_hit *x = ro_hit_of(h, nh, l);
      const char *cats = l->categories ? l->categories : "";
      const struct farg a[] = {{"title", l->title.s[o->lang]},
                               {"categories", cats}};
      if (l->kind == LIST_E_VISA) {
        ro_line(o, "  ",
                l->unlisted ? "regime.e-visa-unlisted"
                : x         ? "regime.e-visa-yes"
                            : "regime.e-visa-no",
                a, 2);
      } else if (!x) {
        continue;
      } else if (l->kind == LIST_VISA_FREE) {
        ro_stay_text(o, qujat_hit_stay(x), s, sizeof s);
        const struct farg b[] = {{"title", l->title.s[o->lang]}, {"stay", s}};
        ro_line(o, "  ", "regime.visa-free-yes", b, 2);
        const struct stay_rule *r = qujat_hit_stay(x);
        if (r->work == TRI_FALSE)
          ro_line(o, "    ", "stay.work-no", NULL, 0);
        if (r->extendable == TRI_FALSE)
          ro_line(o, "    ", "stay.not-extendable", NULL, 0);
        if (x->member->pending)
          ro_line(o, "    ", "regime.pending", NULL, 0);
        /* The source's own words, where the output is in its language
         * (in another they would be foreign text; the rule above says
         * the same in the reader's words). */
        if (x->member->rule_text && l->cites.n &&
            ro_in_source_language(o, l->cites.v[0].source)) {
          const struct farg w[] = {{"text", x->member->rule_text}};
          ro_line(o, "    ", "regime.source-words", w, 1);
        }
      } else {
        ro_line(o, "  ",
                l->kind == LIST_NO_INVITATION ? "regime.no-invitation"
                                              : "regime.trp-yes",
                a, 2);
      }
      any = 1;
      if (x && (x->ambiguous || x->covered)) {
        const struct farg w[] = {{"name", x->member->name}};
        ro_line(o, "    ", x->ambiguous ? "regime.ambiguous" : "regime.covered",
                w, 1);
      }
      if (x || l->kind == LIST_E_VISA) {
        for (size_t r = 0; x && r < l->nremarks; r++) {
          snprintf(t, sizeof t, "    %s\n", l->remarks[r].s[o->lang]);
          ro_raw(o, t);
        }
        ro_source_lines(o, "    ", &l->cites, l->dated);
      }
    }
    if (!any) {
      static const char *const none[] = {"regime.visa-free-none", NULL,
                                         "regime.invitation-needed",
                                         "regime.trp-no"};
      if (none[sct])
        ro_line(o, "  ", none[sct], NULL, 0);
    }
  }
  /* ETA */
  ro_raw(o, "\n");
  ro_line(o, "", "regime.eta", NULL, 0);
  if (c->eta.present && vf) {
    char hrs[16], days[16], ex[1024] = "";
    snprintf(hrs, sizeof hrs, "%d", c->eta.hours_before);
    snprintf(days, sizeof days, "%d", c->eta.valid_days);
    const struct farg a[] = {{"hours", hrs}, {"days", days}};
    ro_line(o, "  ",
            c->eta.mandatory ? "regime.eta-mandatory" : "regime.eta-yes", a, 2);
    for (size_t i = 0; i < c->eta.nexempt; i++) {
      size_t len = strlen(ex);
      snprintf(ex + len, sizeof ex - len, "%s%s", i ? "; " : "",
               c->eta.exempt[i].s[o->lang]);
    }
    const struct farg e[] = {{"list", ex}};
    ro_line(o, "  ", "regime.eta-exempt", e, 1);
    for (size_t r = 0; r < c->eta.nremarks; r++) {
      snprintf(t, sizeof t, "  %s\n", c->eta.remarks[r].s[o->lang]);
      ro_raw(o, t);
    }
    ro_source_lines(o, "    ", &c->eta.cites, NULL);
  } else if (c->eta.present) {
    ro_line(o, "  ", "regime.eta-no", NULL, 0);
  }
  /* Where the sources disagree: visa-free in one, e-visa in another. */
  char evl[1024] = "";
  for (size_t i = 0; i < nh; i++)
    if (h[i].list->kind == LIST_E_VISA) {
      size_t len = strlen(evl);
      snprintf(evl + len, sizeof evl - len, "%s%s", len ? "; " : "",
               h[i].list->title.s[o->lang]);
    }
  /* Each list's title gives its number of countries and its year. */
  char counts[2048] = "";
  for (size_t i = 0; i < c->nlists; i++)
    if (c->lists[i].kind == LIST_E_VISA) {
      size_t len = strlen(counts);
      snprintf(counts + len, sizeof counts - len, "%s%s", len ? "; " : "",
               c->lists[i].title.s[o->lang]);
    }
  ro_raw(o, "\n");
  ro_line(o, "", "regime.disagree", NULL, 0);
  if (vf && *evl) {
    const struct farg a[] = {{"visa_free", vf->list->title.s[o->lang]},
                             {"e_visa", evl}};
    ro_line(o, "  ", "regime.disagree-line", a, 2);
  }
  const struct farg a[] = {{"counts", counts}};
  ro_line(o, "  ", "regime.counts", a, 1);
  ro_raw(o, "\n");
  ro_line(o, "", "regime.check", NULL, 0);
}

qujat_status qujat_render_regime(const qujat_catalog *cat, const char *query,
                                 qujat_lang lang, const char *date, int json,
                                 char **out, size_t *len, qujat_error *err) {
  struct date on;
  *out = NULL;
  if (lang == QUJAT_LANG_KK_RU)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--lang kk+ru is only for PDF documents");
  if (!date || !qujat_date_parse(date, &on))
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "the date must be YYYY-MM-DD");
  const struct country *k = qujat_find_country_any(cat, query);
  if (!k)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "unknown country '%s': give an ISO 3166 code (GB) "
                         "or a name in Kazakh, Russian or English",
                         query ? query : "");
  struct regime_hit h[MAX_REGIME_HITS];
  size_t nh = qujat_regime_hits(cat, k->code, h, MAX_REGIME_HITS);
  struct out o;
  ro_out_init(&o, cat, lang, json, err);
  if (json)
    regime_json(&o, k, date, h, nh);
  else
    regime_text(&o, k, on, h, nh);
  return ro_finish(&o, out, len);
}
