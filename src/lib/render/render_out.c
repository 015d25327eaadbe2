/* SPDX-License-Identifier: MIT */
/*
 * The output of qujat regime, stay and categories: text wrapped at 78
 * columns or JSON, in one language (render_internal.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"
#include "layout/layout.h"
#include "render/render_internal.h"
#include "rules/rules.h"

void ro_key(struct out *o, const char *k, const struct farg *a, size_t n) {
  if (o->st == QUJAT_OK)
    o->st = qujat_format_key(&o->b, o->c, o->lang, k, a, n, o->err);
}

void ro_line(struct out *o, const char *indent, const char *k,
             const struct farg *a, size_t n) {
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_adds(&o->b, indent);
  ro_key(o, k, a, n);
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_addc(&o->b, '\n');
}

void ro_raw(struct out *o, const char *s) {
  if (o->st == QUJAT_OK)
    o->st = qujat_buf_adds(&o->b, s);
}

/* A formatted string of the output's language, kept in `dst`. */
const char *ro_fmt(struct out *o, char *dst, size_t size, const char *k,
                   const struct farg *a, size_t n) {
  struct buf t;
  qujat_buf_init(&t, size);
  if (o->st == QUJAT_OK)
    o->st = qujat_format_key(&t, o->c, o->lang, k, a, n, o->err);
  snprintf(dst, size, "%s", t.data ? t.data : "");
  qujat_buf_free(&t);
  return dst;
}

const char *ro_date_text(struct out *o, char *dst, size_t size, struct date d) {
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

/* The number of a heading such as "4.4 Электрондық виза" or "3. Екіжақты
 * келісім", without its final dot; 0 when the heading has none. */
static size_t heading_number(const char *h, char *dst, size_t size) {
  size_t n = 0;
  while (n + 1 < size && (isdigit((unsigned char)h[n]) ||
                          (n && h[n] == '.' && isdigit((unsigned char)h[n + 1]))))
    n++;
  if (!n || (h[n] != ' ' && h[n] != '.'))
    return 0;
  memcpy(dst, h, n);
  dst[n] = '\0';
  return n;
}

/* The section as a reader of the output's language can use it. A heading
 * is printed as the source prints it when the output is in the source's
 * language; in another language the heading's own words would be foreign
 * text, so it is cited by its number ("раздел 3", "Annex 1"), or not at
 * all when the source does not number it (the title still names the
 * source). Returns 0 when there is nothing to cite. */
int ro_in_source_language(const struct out *o, const struct source *s) {
  static const char *const codes[NLANGS] = {"kk", "ru", "en"};
  return !s->lang || !strcmp(s->lang, codes[o->lang]);
}

static int section_for_reader(struct out *o, const struct cite *c, char *dst,
                              size_t size) {
  char heading[512], num[32];
  short_section(c->section, heading, sizeof heading);
  if (ro_in_source_language(o, c->source)) {
    snprintf(dst, size, "%s", heading);
    return heading[0] != '\0';
  }
  if (!heading_number(heading, num, sizeof num))
    return 0;
  /* "1 қосымша" is the source's Annex 1. */
  const char *rest = heading + strlen(num);
  int annex = !strncmp(rest, " қосымша", strlen(" қосымша"));
  const struct farg a[] = {{"n", num}};
  ro_fmt(o, dst, size, annex ? "regime.annex" : "regime.section", a, 1);
  return 1;
}

void ro_source_lines(struct out *o, const char *indent, const struct cites *cs,
                     const char *dated) {
  char sec[512], when[128];
  if (!dated)
    ro_fmt(o, when, sizeof when, "regime.undated", NULL, 0);
  else
    snprintf(when, sizeof when, "%s", dated);
  for (size_t i = 0; i < cs->n; i++) {
    int has_section = section_for_reader(o, &cs->v[i], sec, sizeof sec);
    const struct farg a[] = {{"title", cs->v[i].source->title.s[o->lang]},
                             {"section", sec},
                             {"dated", when}};
    ro_line(o, indent, has_section ? "regime.source" : "regime.source-whole",
            a, 3);
  }
}

void ro_json_cites(struct json *j, const struct cites *cs) {
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
void ro_stay_text(struct out *o, const struct stay_rule *s, char *dst,
                  size_t size) {
  qujat_status st = qujat_stay_words(o->c, o->lang, s, 1, dst, size, o->err);
  if (st != QUJAT_OK && o->st == QUJAT_OK)
    o->st = st;
}

void ro_json_stay(struct json *j, const struct stay_rule *s) {
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
  qujat_json_raw(j, s->work == TRI_UNSET  ? "null"
                    : s->work == TRI_TRUE ? "true"
                                          : "false");
  qujat_json_key(j, "extendable", 0);
  qujat_json_raw(j, s->extendable == TRI_UNSET  ? "null"
                    : s->extendable == TRI_TRUE ? "true"
                                                : "false");
  qujat_json_key(j, "or_term_of", 0);
  qujat_json_str(j, s->or_term_of);
  qujat_json_raw(j, "}");
}

const struct regime_hit *ro_hit_of(const struct regime_hit *h, size_t n,
                                   const struct country_list *l) {
  for (size_t i = 0; i < n; i++)
    if (h[i].list == l)
      return &h[i];
  return NULL;
}

static double columns(const char *s, size_t len, void *user) {
  (void)user;
  return (double)qujat_utf8_length_n(s, len);
}

/* Appends s[0..len) with its no-break spaces as plain ones: the ties
 * steer the wrapping, the reader of plain text sees ordinary words. */
static qujat_status add_untied(struct buf *out, const char *s, size_t len) {
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; i < len && st == QUJAT_OK;) {
    const unsigned char *u = (const unsigned char *)s + i;
    if (i + 1 < len && u[0] == 0xc2 && u[1] == 0xa0) {
      st = qujat_buf_addc(out, ' ');
      i += 2;
    } else if (i + 2 < len && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf) {
      st = qujat_buf_addc(out, ' ');
      i += 3;
    } else {
      st = qujat_buf_add(out, s + i, 1);
      i++;
    }
  }
  return st;
}

/* The text wrapped at WIDTH columns like the other commands: a longer line
 * continues under its own indentation plus two spaces, and never breaks
 * where the typography of language `lang` ties two words (qujat_ties). */
static qujat_status rewrap(struct buf *in, int lang, struct buf *out) {
  const char *p = in->data ? in->data : "";
  qujat_status st = QUJAT_OK;
  struct wrap_line w[MAX_WRAP];
  struct arena ties;
  qujat_arena_init(&ties);
  char *line = NULL;
  while (*p && st == QUJAT_OK) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    size_t indent = strspn(p, " ");
    if (indent > len)
      indent = len;
    if (qujat_utf8_length_n(p, len) <= WIDTH || indent + 20 > WIDTH) {
      st = qujat_buf_add(out, p, len);
    } else {
      char *t = realloc(line, len - indent + 1);
      if (!t) {
        st = QUJAT_ERR_NOMEM;
        break;
      }
      line = t;
      memcpy(line, p + indent, len - indent);
      line[len - indent] = '\0';
      const char *tied = qujat_ties(&ties, line, lang);
      if (!tied) {
        st = QUJAT_ERR_NOMEM;
        break;
      }
      size_t n = qujat_wrap(tied, (double)(WIDTH - indent - 2), columns, NULL,
                            w, MAX_WRAP);
      if (n > MAX_WRAP)
        n = MAX_WRAP;
      for (size_t i = 0; i < n && st == QUJAT_OK; i++) {
        if (i)
          st = qujat_buf_addc(out, '\n');
        if (st == QUJAT_OK)
          st = qujat_buf_fill(out, ' ', i ? indent + 2 : indent);
        if (st == QUJAT_OK)
          st = add_untied(out, tied + w[i].start, w[i].len);
      }
    }
    if (st == QUJAT_OK && nl)
      st = qujat_buf_addc(out, '\n');
    p = nl ? nl + 1 : p + len;
  }
  free(line);
  qujat_arena_free(&ties);
  return st;
}

qujat_status ro_finish(struct out *o, char **out, size_t *len) {
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
  struct buf w;
  qujat_buf_init(&w, QUJAT_BUF_DEFAULT_LIMIT);
  o->st = rewrap(&o->b, o->lang, &w);
  qujat_buf_free(&o->b);
  if (o->st != QUJAT_OK) {
    qujat_buf_free(&w);
    return qujat_err_set(o->err, o->st, NULL, 0, 0, "cannot wrap the answer");
  }
  *out = qujat_buf_take(&w, len);
  return *out ? QUJAT_OK
              : qujat_err_set(o->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                              "out of memory");
}

void ro_out_init(struct out *o, const struct qujat_catalog *c, qujat_lang lang,
                 int json, qujat_error *err) {
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
