/* SPDX-License-Identifier: MIT */
/* The list of services (qujat list), as text or JSON. */
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"

static qujat_status list_text(const struct qujat_catalog *c, int lang,
                              char **out, size_t *len, qujat_error *err) {
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = QUJAT_OK;
  size_t width = 0;
  for (size_t i = 0; i < c->nservices; i++)
    if (strlen(c->services[i].id) > width)
      width = strlen(c->services[i].id);
  const struct group *group = NULL;
  for (size_t i = 0; i < c->nservices && st == QUJAT_OK; i++) {
    const struct service *s = &c->services[i];
    if (s->group != group) {
      group = s->group;
      st = qujat_buf_addf(&b, "%s%s\n", i ? "\n" : "",
                          group->title.s[lang]);
    }
    if (st == QUJAT_OK)
      st = qujat_buf_addf(&b, "  %-*s  %s\n", (int)width, s->id,
                          s->title.s[lang]);
  }
  if (st != QUJAT_OK) {
    qujat_buf_free(&b);
    return qujat_err_set(err, st, NULL, 0, 0, "cannot list the services");
  }
  *out = qujat_buf_take(&b, len);
  return *out ? QUJAT_OK
              : qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                              "out of memory");
}

static qujat_status list_json(const struct qujat_catalog *c, int lang,
                              char **out, size_t *len, qujat_error *err) {
  struct json j;
  qujat_json_init(&j);
  qujat_json_raw(&j, "[");
  for (size_t i = 0; i < c->nservices; i++) {
    const struct service *s = &c->services[i];
    qujat_json_raw(&j, i ? ",\n {" : "\n {");
    qujat_json_key(&j, "id", 1);
    qujat_json_str(&j, s->id);
    qujat_json_key(&j, "group", 0);
    qujat_json_str(&j, s->group->id);
    qujat_json_key(&j, "section", 0);
    qujat_json_str(&j, s->group->title.s[lang]);
    qujat_json_key(&j, "title", 0);
    qujat_json_str(&j, s->title.s[lang]);
    qujat_json_raw(&j, "}");
  }
  qujat_json_raw(&j, "]\n");
  return qujat_json_finish(&j, out, len, err);
}

qujat_status qujat_render_list(const qujat_catalog *cat, qujat_lang lang,
                               int json, char **out, size_t *len,
                               qujat_error *err) {
  int l = qujat_lang_index(lang);
  return json ? list_json(cat, l, out, len, err)
              : list_text(cat, l, out, len, err);
}
