/* SPDX-License-Identifier: MIT */
/*
 * Shared by the files of src/lib/render/ that print qujat regime, stay and
 * categories (render_regime.c, render_stay.c): one output under
 * construction, as text wrapped at 78 columns or as JSON.
 */
#ifndef QUJAT_RENDER_RENDER_INTERNAL_H
#define QUJAT_RENDER_RENDER_INTERNAL_H

#include "base/base.h"
#include "catalog/catalog.h"
#include "rules/rules.h"

#define WIDTH 78
#define MAX_WRAP 64

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

/* The helpers of render_out.c: labels and lines in the output's language,
 * sources, stay rules, and the finished output. */
void ro_key(struct out *o, const char *k, const struct farg *a, size_t n);
void ro_line(struct out *o, const char *indent, const char *k,
             const struct farg *a, size_t n);
void ro_raw(struct out *o, const char *s);
const char *ro_fmt(struct out *o, char *dst, size_t size, const char *k,
                   const struct farg *a, size_t n);
const char *ro_date_text(struct out *o, char *dst, size_t size, struct date d);
/* Whether the output is in the language source `s` is written in. */
int ro_in_source_language(const struct out *o, const struct source *s);
void ro_source_lines(struct out *o, const char *indent, const struct cites *cs,
                     const char *dated);
void ro_json_cites(struct json *j, const struct cites *cs);
void ro_stay_text(struct out *o, const struct stay_rule *s, char *dst,
                  size_t size);
void ro_json_stay(struct json *j, const struct stay_rule *s);
const struct regime_hit *ro_hit_of(const struct regime_hit *h, size_t n,
                                   const struct country_list *l);
qujat_status ro_finish(struct out *o, char **out, size_t *len);
void ro_out_init(struct out *o, const struct qujat_catalog *c, qujat_lang lang,
                 int json, qujat_error *err);

#endif
