/*
 * qujat regime, qujat stay and qujat categories (issue 14), as text or
 * JSON: the entry regime of a citizenship from every list of the data,
 * with each list's source and date and the places where the sources
 * disagree; the stay calculator; the visa categories and the change
 * matrix. The rules come from rules/ (rules_regime.c, rules_calendar.c).
 */
#include <stdio.h>
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"
#include "rules/rules.h"

/* One output under construction: text or JSON, one language. */
struct out {
  const struct qujat_catalog *c;
  int lang;
  struct buf b;
  struct json j;
  int json;
  qujat_error *err;
  qujat_status st;
};

static void key(struct out *o, const char *k, const struct farg *a, size_t n) {
  if (o->st == QUJAT_OK)
    o->st = qujat_format_key(&o->b, o->c, o->lang, k, a, n, o->err);
}

static void line(struct out *o, const char *indent, const char *k,
                 const struct farg *a, size_t n) {
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_adds(&o->b, indent);
  key(o, k, a, n);
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_addc(&o->b, '\n');
}

static void raw(struct out *o, const char *s) {
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_adds(&o->b, s);
}

/* A formatted string of the output's language, kept in `dst`. */
static const char *fmt(struct out *o, char *dst, size_t size, const char *k,
                       const struct farg *a, size_t n) {
  struct buf t;
  qujat_buf_init(&t, size);
  if (o->st == QUJAT_OK)
    o->st = qujat_format_key(&t, o->c, o->lang, k, a, n, o->err);
  snprintf(dst, size, "%s", t.data ? t.data : "");
  qujat_buf_free(&t);
  return dst;
}

static const char *date_text(struct out *o, char *dst, size_t size,
                             struct date d) {
  struct buf t;
  qujat_buf_init(&t, size);
  if (o->st == QUJAT_OK)
    o->st = qujat_format_date(&t, o->c, o->lang, d, o->err);
  snprintf(dst, size, "%s", t.data ? t.data : "");
  qujat_buf_free(&t);
  return dst;
}

/* The section of a cite up to its first ':' (the rest quotes the source;
 * JSON keeps all of it). */
static void short_section(const char *s, char *dst, size_t size) {
  const char *colon = strstr(s, ": ");
  size_t n = colon ? (size_t)(colon - s) : strlen(s);
  if (n >= size)
    n = size - 1;
  memcpy(dst, s, n);
  dst[n] = '\0';
}

static void source_lines(struct out *o, const char *indent,
                         const struct cites *cs, const char *dated) {
  char sec[512], when[128];
  if (!dated)
    fmt(o, when, sizeof when, "regime.undated", NULL, 0);
  else
    snprintf(when, sizeof when, "%s", dated);
  for (size_t i = 0; i < cs->n; i++) {
    short_section(cs->v[i].section, sec, sizeof sec);
    const struct farg a[] = {{"title", cs->v[i].source->title.s[o->lang]},
                             {"file", cs->v[i].source->file},
                             {"section", sec},
                             {"dated", when}};
    line(o, indent, dated || i == 0 ? "regime.source" : "regime.source", a, 4);
  }
}

static void json_cites(struct json *j, const struct cites *cs) {
  qujat_json_raw(j, "[");
  for (size_t i = 0; i < cs->n; i++) {
    qujat_json_raw(j, i ? ", {" : "{");
    qujat_json_key(j, "file", 1);
    qujat_json_str(j, cs->v[i].source->file);
    qujat_json_key(j, "section", 0);
    qujat_json_str(j, cs->v[i].section);
    qujat_json_raw(j, "}");
  }
  qujat_json_raw(j, "]");
}

/* "up to 30 days per entry; at most 90 days in any 180 days; ..." */
static void stay_text(struct out *o, const struct stay_rule *s, char *dst,
                      size_t size) {
  char part[256], n1[16], n2[16];
  dst[0] = '\0';
  struct {
    int on;
    const char *key;
    int a, b;
  } parts[] = {
      {s->per_entry != 0, "stay.per-entry", s->per_entry, 0},
      {s->window_days != 0, "stay.window", s->window_max, s->window_days},
      {s->year_max && !s->year_unspecified, "stay.year", s->year_max, 0},
      {s->year_max && s->year_unspecified, "stay.year-unspecified",
       s->year_max, 0},
      {s->or_term_of && strcmp(s->or_term_of, "trp") == 0, "stay.or-trp", 0,
       0},
      {s->or_term_of && strcmp(s->or_term_of, "visa") == 0, "stay.or-visa", 0,
       0}};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    if (!parts[i].on)
      continue;
    snprintf(n1, sizeof n1, "%d", parts[i].a);
    snprintf(n2, sizeof n2, "%d", parts[i].b);
    const struct farg a[] = {{"n", n1}, {"max", n1}, {"days", n2}};
    fmt(o, part, sizeof part, parts[i].key, a, 3);
    size_t len = strlen(dst);
    snprintf(dst + len, size - len, "%s%s", len ? "; " : "", part);
  }
}

static void json_stay(struct json *j, const struct stay_rule *s) {
  if (!s) {
    qujat_json_raw(j, "null");
    return;
  }
  qujat_json_raw(j, "{");
  qujat_json_key(j, "per_entry", 1);
  qujat_json_int(j, s->per_entry);
  qujat_json_key(j, "window_days", 0);
  qujat_json_int(j, s->window_days);
  qujat_json_key(j, "window_max", 0);
  qujat_json_int(j, s->window_max);
  qujat_json_key(j, "year_max", 0);
  qujat_json_int(j, s->year_max);
  qujat_json_key(j, "year", 0);
  qujat_json_str(j, s->year_unspecified ? "unspecified" : "calendar");
  qujat_json_key(j, "work", 0);
  qujat_json_raw(j, s->work == TRI_UNSET ? "null"
                    : s->work == TRI_TRUE ? "true" : "false");
  qujat_json_key(j, "extendable", 0);
  qujat_json_raw(j, s->extendable == TRI_UNSET ? "null"
                    : s->extendable == TRI_TRUE ? "true" : "false");
  qujat_json_key(j, "or_term_of", 0);
  qujat_json_str(j, s->or_term_of);
  qujat_json_raw(j, "}");
}

static const char *const kind_ids[] = {"visa-free", "e-visa", "no-invitation",
                                       "trp-instead-of-visa"};

static const struct regime_hit *hit_of(const struct regime_hit *h, size_t n,
                                       const struct country_list *l) {
  for (size_t i = 0; i < n; i++)
    if (h[i].list == l)
      return &h[i];
  return NULL;
}

static qujat_status finish(struct out *o, char **out, size_t *len) {
  if (o->json) {
    qujat_buf_free(&o->b);
    if (o->st != QUJAT_OK) {
      qujat_buf_free(&o->j.b);
      return o->st;
    }
    return qujat_json_finish(&o->j, out, len, o->err);
  }
  qujat_json_init(&o->j);
  qujat_buf_free(&o->j.b);
  if (o->st != QUJAT_OK) {
    qujat_buf_free(&o->b);
    if (o->err && o->err->code == QUJAT_OK)
      qujat_err_set(o->err, o->st, NULL, 0, 0, "cannot write the answer");
    return o->st;
  }
  *out = qujat_buf_take(&o->b, len);
  return *out ? QUJAT_OK
              : qujat_err_set(o->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                              "out of memory");
}

static void out_init(struct out *o, const struct qujat_catalog *c,
                     qujat_lang lang, int json, qujat_error *err) {
  memset(o, 0, sizeof *o);
  o->c = c;
  o->lang = qujat_lang_index(lang);
  o->json = json;
  o->err = err;
  if (err)
    memset(err, 0, sizeof *err);
  qujat_buf_init(&o->b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_json_init(&o->j);
}

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
    const struct regime_hit *x = hit_of(h, nh, l);
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
      json_stay(j, qujat_hit_stay(x));
    }
    qujat_json_key(j, "sources", 0);
    json_cites(j, &l->cites);
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
    json_cites(j, &c->eta.cites);
    qujat_json_raw(j, "}");
  } else {
    qujat_json_raw(j, "null");
  }
  qujat_json_key(j, "sources_disagree", 0);
  qujat_json_raw(j, vf && evisa ? "true" : "false");
  qujat_json_raw(j, "}\n");
}

static void regime_text(struct out *o, const struct country *k,
                        struct date on, const struct regime_hit *h,
                        size_t nh) {
  const struct qujat_catalog *c = o->c;
  char d[128], s[1024], t[512];
  const struct farg head[] = {{"country", k->name.s[o->lang]},
                              {"code", k->code}};
  line(o, "", "regime.heading", head, 2);
  const struct farg when[] = {{"date", date_text(o, d, sizeof d, on)}};
  line(o, "", "regime.date", when, 1);
  const struct regime_hit *vf = qujat_regime_visa_free(h, nh);
  static const enum list_kind order[] = {LIST_VISA_FREE, LIST_E_VISA,
                                         LIST_NO_INVITATION,
                                         LIST_TRP_INSTEAD};
  static const char *const heads[] = {"regime.visa-free", "regime.e-visa",
                                      "regime.invitation", "regime.trp"};
  for (int sct = 0; sct < 4; sct++) {
    raw(o, "\n");
    line(o, "", heads[sct], NULL, 0);
    int any = 0;
    for (size_t i = 0; i < c->nlists; i++) {
      const struct country_list *l = &c->lists[i];
      if (l->kind != order[sct])
        continue;
      const struct regime_hit *x = hit_of(h, nh, l);
      const char *cats = l->categories ? l->categories : "";
      const struct farg a[] = {{"title", l->title.s[o->lang]},
                               {"categories", cats}};
      if (l->kind == LIST_E_VISA) {
        line(o, "  ", l->unlisted ? "regime.e-visa-unlisted"
                      : x         ? "regime.e-visa-yes"
                                  : "regime.e-visa-no",
             a, 2);
      } else if (!x) {
        continue;
      } else if (l->kind == LIST_VISA_FREE) {
        stay_text(o, qujat_hit_stay(x), s, sizeof s);
        const struct farg b[] = {{"title", l->title.s[o->lang]},
                                 {"stay", s}};
        line(o, "  ", "regime.visa-free-yes", b, 2);
        const struct stay_rule *r = qujat_hit_stay(x);
        if (r->work == TRI_FALSE)
          line(o, "    ", "stay.work-no", NULL, 0);
        if (r->extendable == TRI_FALSE)
          line(o, "    ", "stay.not-extendable", NULL, 0);
        if (x->member->pending)
          line(o, "    ", "regime.pending", NULL, 0);
        if (x->member->rule_text) {
          const struct farg w[] = {{"text", x->member->rule_text}};
          line(o, "    ", "regime.source-words", w, 1);
        }
      } else {
        line(o, "  ", l->kind == LIST_NO_INVITATION ? "regime.no-invitation"
                                                    : "regime.trp-yes",
             a, 2);
      }
      any = 1;
      if (x && (x->ambiguous || x->covered)) {
        const struct farg w[] = {{"name", x->member->name}};
        line(o, "    ", x->ambiguous ? "regime.ambiguous" : "regime.covered",
             w, 1);
      }
      if (x || l->kind == LIST_E_VISA) {
        for (size_t r = 0; x && r < l->nremarks; r++) {
          snprintf(t, sizeof t, "    %s\n", l->remarks[r].s[o->lang]);
          raw(o, t);
        }
        source_lines(o, "    ", &l->cites, l->dated);
      }
    }
    if (!any) {
      static const char *const none[] = {"regime.visa-free-none", NULL,
                                         "regime.invitation-needed",
                                         "regime.trp-no"};
      if (none[sct])
        line(o, "  ", none[sct], NULL, 0);
    }
  }
  /* ETA */
  raw(o, "\n");
  line(o, "", "regime.eta", NULL, 0);
  if (c->eta.present && vf) {
    char hrs[16], days[16], ex[1024] = "";
    snprintf(hrs, sizeof hrs, "%d", c->eta.hours_before);
    snprintf(days, sizeof days, "%d", c->eta.valid_days);
    const struct farg a[] = {{"hours", hrs}, {"days", days}};
    line(o, "  ", c->eta.mandatory ? "regime.eta-mandatory" : "regime.eta-yes",
         a, 2);
    for (size_t i = 0; i < c->eta.nexempt; i++) {
      size_t len = strlen(ex);
      snprintf(ex + len, sizeof ex - len, "%s%s", i ? "; " : "",
               c->eta.exempt[i].s[o->lang]);
    }
    const struct farg e[] = {{"list", ex}};
    line(o, "  ", "regime.eta-exempt", e, 1);
    for (size_t r = 0; r < c->eta.nremarks; r++) {
      snprintf(t, sizeof t, "  %s\n", c->eta.remarks[r].s[o->lang]);
      raw(o, t);
    }
    source_lines(o, "    ", &c->eta.cites, NULL);
  } else if (c->eta.present) {
    line(o, "  ", "regime.eta-no", NULL, 0);
  }
  /* Where the sources disagree: visa-free in one, e-visa in another. */
  char evl[1024] = "";
  for (size_t i = 0; i < nh; i++)
    if (h[i].list->kind == LIST_E_VISA) {
      size_t len = strlen(evl);
      snprintf(evl + len, sizeof evl - len, "%s%s", len ? "; " : "",
               h[i].list->title.s[o->lang]);
    }
  char counts[512] = "";
  for (size_t i = 0; i < c->nlists; i++)
    if (c->lists[i].kind == LIST_E_VISA) {
      size_t len = strlen(counts);
      snprintf(counts + len, sizeof counts - len, "%s%s: %d",
               len ? "; " : "", c->lists[i].cites.v[0].source->file,
               c->lists[i].count);
    }
  raw(o, "\n");
  line(o, "", "regime.disagree", NULL, 0);
  if (vf && *evl) {
    const struct farg a[] = {{"visa_free", vf->list->title.s[o->lang]},
                             {"e_visa", evl}};
    line(o, "  ", "regime.disagree-line", a, 2);
  }
  const struct farg a[] = {{"counts", counts}};
  line(o, "  ", "regime.counts", a, 1);
  raw(o, "\n");
  line(o, "", "regime.check", NULL, 0);
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
  out_init(&o, cat, lang, json, err);
  if (json)
    regime_json(&o, k, date, h, nh);
  else
    regime_text(&o, k, on, h, nh);
  return finish(&o, out, len);
}

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
    line(o, "  ", "stay.fine-warning", a, 2);
    return;
  }
  snprintf(mci, sizeof mci, "%lld.%02lld", (long long)(b->mci_centi / 100),
           (long long)(b->mci_centi % 100));
  if (b->mci_centi % 100 == 0)
    snprintf(mci, sizeof mci, "%lld", (long long)(b->mci_centi / 100));
  const struct mci *m = qujat_find_mci(o->c, exit.y);
  if (!m) {
    const struct farg a[] = {{"mci", mci}, {"year", year},
                             {"article", f->article}};
    line(o, "  ", "stay.fine-no-mci", a, 3);
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
  const struct farg a[] = {{"article", f->article}, {"amount", amount},
                           {"mci", mci}, {"mci_value", mv}, {"year", year}};
  line(o, "  ", "stay.fine", a, 5);
  if (b->has_also) {
    char also[512];
    snprintf(also, sizeof also, "  %s\n", b->also.s[o->lang]);
    raw(o, also);
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
    return qujat_err_set(err, QUJAT_ERR_LIMIT, NULL, 0, 0,
                         "more than %d trips", MAX_TRIPS);
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
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "unknown country '%s'",
                         req->citizenship ? req->citizenship : "");
  struct regime_hit h[MAX_REGIME_HITS];
  size_t nh = qujat_regime_hits(cat, k->code, h, MAX_REGIME_HITS);
  const struct regime_hit *vf = qujat_regime_visa_free(h, nh);
  const struct stay_rule *r = vf ? qujat_hit_stay(vf) : NULL;
  struct out o;
  out_init(&o, cat, req->lang, req->json, err);
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
      late = lastok ? (int)(qujat_date_to_days(exit) -
                            qujat_date_to_days(last))
                    : (int)(qujat_date_to_days(exit) -
                            qujat_date_to_days(start) + 1);
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
    json_stay(j, r);
    if (r) {
      qujat_json_key(j, "window_used", 0);
      qujat_json_int(j, wused);
      qujat_json_key(j, "window_left", 0);
      qujat_json_int(j, r->window_days
                            ? (wused < r->window_max ? r->window_max - wused
                                                     : 0)
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
      json_cites(j, &vf->list->cites);
    }
    qujat_json_raw(j, "}\n");
    return finish(&o, out, len);
  }
  const struct farg head[] = {{"country", k->name.s[o.lang]},
                              {"code", k->code}};
  line(&o, "", "stay.heading", head, 2);
  if (!r) {
    line(&o, "", "stay.no-regime", NULL, 0);
    raw(&o, "\n");
    line(&o, "", "regime.check", NULL, 0);
    return finish(&o, out, len);
  }
  stay_text(&o, r, s, sizeof s);
  const struct farg rule[] = {{"title", vf->list->title.s[o.lang]},
                              {"stay", s}};
  line(&o, "", "regime.visa-free-yes", rule, 2);
  source_lines(&o, "  ", &vf->list->cites, vf->list->dated);
  line(&o, "", "stay.counting", NULL, 0);
  for (size_t i = 0; i < req->ntrips; i++) {
    snprintf(n1, sizeof n1, "%d",
             qujat_days_in(&trips[i], 1, trips[i].entry, trips[i].exit));
    const struct farg a[] = {
        {"entry", date_text(&o, d1, sizeof d1, trips[i].entry)},
        {"exit", date_text(&o, d2, sizeof d2, trips[i].exit)},
        {"n", n1}};
    line(&o, "  ", "stay.trip", a, 3);
  }
  raw(&o, "\n");
  const struct farg ond[] = {{"date", date_text(&o, d1, sizeof d1, on)}};
  line(&o, "", "stay.on", ond, 1);
  if (r->window_days) {
    snprintf(n1, sizeof n1, "%d", r->window_days);
    snprintf(n2, sizeof n2, "%d", wused);
    snprintf(n3, sizeof n3, "%d", r->window_max);
    snprintf(n4, sizeof n4, "%d", wused < r->window_max ? r->window_max - wused : 0);
    const struct farg a[] = {{"days", n1}, {"used", n2}, {"max", n3},
                             {"left", n4}};
    line(&o, "  ", "stay.window-used", a, 4);
  }
  if (r->year_max) {
    snprintf(n1, sizeof n1, "%d", on.y);
    snprintf(n2, sizeof n2, "%d", yused);
    snprintf(n3, sizeof n3, "%d", r->year_max);
    snprintf(n4, sizeof n4, "%d", yused < r->year_max ? r->year_max - yused : 0);
    const struct farg a[] = {{"year", n1}, {"used", n2}, {"max", n3},
                             {"left", n4}};
    line(&o, "  ", "stay.year-used", a, 4);
  }
  if (has_start) {
    raw(&o, "\n");
    const struct farg a[] = {{"date", date_text(&o, d1, sizeof d1, start)},
                             {"last", lastok ? date_text(&o, d2, sizeof d2,
                                                         last)
                                             : ""}};
    line(&o, "", lastok ? "stay.start" : "stay.start-none", a, 2);
  }
  if (has_exit) {
    snprintf(n1, sizeof n1, "%d", late);
    const struct farg a[] = {{"date", date_text(&o, d1, sizeof d1, exit)},
                             {"n", n1}};
    line(&o, "", late > 0 ? "stay.exit-late" : "stay.exit-ok", a, 2);
    if (late > 0)
      fine_lines(&o, late, exit);
  }
  raw(&o, "\n");
  line(&o, "", "regime.check", NULL, 0);
  return finish(&o, out, len);
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

static void entries_text(struct out *o, const struct entries_rule *e,
                         char *dst, size_t size) {
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
    fmt(o, part, sizeof part, parts[i].key, a, 1);
    size_t len = strlen(dst);
    snprintf(dst + len, size - len, "%s%s", len ? ", " : "", part);
  }
}

qujat_status qujat_render_categories(const qujat_catalog *cat,
                                     qujat_lang lang, int json, char **out,
                                     size_t *len, qujat_error *err) {
  *out = NULL;
  if (lang == QUJAT_LANG_KK_RU)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "--lang kk+ru is only for PDF documents");
  struct out o;
  out_init(&o, cat, lang, json, err);
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
      json_cites(j, &v->cites);
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
      json_cites(j, &c->cites);
      qujat_json_raw(j, "}");
    }
    qujat_json_raw(j, "]}\n");
    return finish(&o, out, len);
  }
  line(&o, "", "categories.heading", NULL, 0);
  for (size_t i = 0; i < cat->ncategories; i++) {
    const struct visa_category *v = &cat->categories[i];
    snprintf(t, sizeof t, "  %-4s %s\n", v->id, v->title.s[o.lang]);
    raw(&o, t);
    for (int e = 0; e < 2; e++) {
      if (!v->entries[e].present)
        continue;
      entries_text(&o, &v->entries[e], s, sizeof s);
      fmt(&o, kind, sizeof kind,
          e ? "categories.multiple" : "categories.single", NULL, 0);
      snprintf(t, sizeof t, "       %s: %s\n", kind, s);
      raw(&o, t);
    }
  }
  raw(&o, "\n");
  line(&o, "", "categories.change-heading", NULL, 0);
  for (size_t i = 0; i < cat->nchanges; i++) {
    const struct category_change *c = &cat->changes[i];
    const struct text3 *title = category_title(cat, c->to);
    snprintf(t, sizeof t, "  %-4s %s\n", c->to, title ? title->s[o.lang] : "");
    raw(&o, t);
    line(&o, "       ", "categories.change-from", NULL, 0);
    for (size_t f = 0; f < c->nfrom; f++) {
      const struct change_from *x = &c->from[f];
      const struct text3 *ft = category_title(cat, x->category);
      if (strcmp(x->category, "all") == 0 ||
          strcmp(x->category, "visa-free") == 0) {
        fmt(&o, s, sizeof s,
            x->category[0] == 'a' ? "categories.all" : "categories.visa-free",
            NULL, 0);
        snprintf(t, sizeof t, "         - %s", s);
      } else {
        snprintf(t, sizeof t, "         - %s %s", x->category,
                 ft ? ft->s[o.lang] : "");
      }
      raw(&o, t);
      if (x->has_note) {
        snprintf(t, sizeof t, " (%s)", x->note.s[o.lang]);
        raw(&o, t);
      }
      raw(&o, "\n");
    }
  }
  raw(&o, "\n");
  if (cat->nchanges)
    source_lines(&o, "", &cat->changes[0].cites, "2024-01");
  line(&o, "", "regime.check", NULL, 0);
  return finish(&o, out, len);
}
