/* SPDX-License-Identifier: MIT */
/*
 * The resolved document as an object: its warnings, the people's names as
 * documents print them, and the accessors of the public API. The lowest
 * file of the rules: rules.c and rules_*.c call it, it calls none of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

qujat_status qujat_doc_warn(struct qujat_document *d, const char *text) {
  /* One warning says a thing once (e.g. the year without a calendar that
   * two dates count in). */
  for (size_t i = 0; i < d->nwarnings; i++)
    if (strcmp(d->warnings[i], text) == 0)
      return QUJAT_OK;
  if (d->nwarnings == QUJAT_MAX_WARNINGS)
    return QUJAT_ERR_LIMIT;
  const char *s = qujat_arena_strdup(&d->arena, text);
  if (!s)
    return QUJAT_ERR_NOMEM;
  d->warnings[d->nwarnings++] = s;
  return QUJAT_OK;
}

qujat_status qujat_person_name_add(struct buf *b, const struct person *p) {
  /* NULL as printf's "%s" would print it: the schema makes both required. */
  qujat_status st = qujat_buf_adds(b, p->surname ? p->surname : "(null)");
  if (st == QUJAT_OK)
    st = qujat_buf_addc(b, ' ');
  return st == QUJAT_OK
             ? qujat_buf_adds(b, p->given_names ? p->given_names : "(null)")
             : st;
}

const char *qujat_person_name(struct qujat_document *d,
                              const struct person *p, int with_relation) {
  struct buf b;
  qujat_buf_init(&b, 1024);
  const char *rel = NULL;
  if (with_relation && p->relation) {
    /* "wife", "son" when the profile gives the sex, else "spouse". */
    char key[64];
    snprintf(key, sizeof key, "relation.%s.%s", p->relation,
             p->sex ? p->sex : "");
    rel = qujat_locale_find(d->cat, d->lang, key);
    if (!rel) {
      snprintf(key, sizeof key, "relation.%s", p->relation);
      rel = qujat_locale_find(d->cat, d->lang, key);
    }
  }
  const char *s = NULL;
  qujat_status st = qujat_person_name_add(&b, p);
  if (st == QUJAT_OK && rel && (st = qujat_buf_adds(&b, " (")) == QUJAT_OK &&
      (st = qujat_buf_adds(&b, rel)) == QUJAT_OK)
    st = qujat_buf_addc(&b, ')');
  if (st == QUJAT_OK)
    s = qujat_arena_strndup(&d->arena, b.data ? b.data : "", b.len);
  qujat_buf_free(&b);
  return s;
}

void qujat_document_free(qujat_document *d) {
  if (!d)
    return;
  qujat_document_free(d->pair);
  qujat_arena_free(&d->arena);
  free(d);
}

size_t qujat_document_warning_count(const qujat_document *d) {
  return d->nwarnings;
}

const char *qujat_document_warning(const qujat_document *d, size_t i) {
  return i < d->nwarnings ? d->warnings[i] : NULL;
}

const char *qujat_document_reference(const qujat_document *d) {
  return d->reference;
}
