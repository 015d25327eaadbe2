/*
 * The catalog's fonts, parsed once, on the first PDF, and kept with the
 * catalog (its renderer_cache) until qujat_catalog_free, which calls back
 * release() here: the catalog module owns the slot, not what is in it.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

struct parsed_fonts {
  struct ttf *ttf[NFONTS];
  qujat_error error; /* code QUJAT_OK when both fonts loaded */
};

/* One lock for every catalog: taken once per PDF, for a moment. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void free_fonts(struct parsed_fonts *p) {
  for (int i = 0; i < NFONTS; i++) {
    qujat_ttf_free(p->ttf[i]);
    p->ttf[i] = NULL;
  }
}

static void release(struct qujat_catalog *c) {
  struct parsed_fonts *p = c->renderer_cache;
  if (!p)
    return;
  free_fonts(p);
  free(p);
  c->renderer_cache = NULL;
}

static void load(const struct qujat_catalog *c, struct parsed_fonts *p) {
  for (int i = 0; i < NFONTS; i++) {
    const struct font_file *f = &c->fonts[i];
    qujat_status st;
    if (!f->path)
      st = qujat_err_set(&p->error, QUJAT_ERR_FONT, NULL, 0, 0,
                         "no font configured: the data directory lacks "
                         "fonts/fonts.xml");
    else
      st = qujat_ttf_load(f->path, f->bytes, f->crc32, &p->ttf[i],
                          &p->error);
    if (st != QUJAT_OK) {
      free_fonts(p);
      return;
    }
  }
}

qujat_status qujat_fonts_get(const struct qujat_catalog *cat,
                             const struct ttf *out[NFONTS], qujat_error *err) {
  /* The catalog is shared read-only by the renderers; renderer_cache is
   * its one lazily filled part, and only under the lock. */
  struct qujat_catalog *c = (struct qujat_catalog *)cat;
  qujat_status st;
  pthread_mutex_lock(&lock);
  struct parsed_fonts *p = c->renderer_cache;
  if (!p) {
    p = calloc(1, sizeof *p);
    st = p ? qujat_catalog_on_free(c, release) : QUJAT_ERR_NOMEM;
    if (st != QUJAT_OK) {
      /* Nothing kept: the next PDF tries again. */
      free(p);
      pthread_mutex_unlock(&lock);
      return qujat_err_set(err, st, NULL, 0, 0,
                           "cannot keep the parsed fonts with the catalog");
    }
    c->renderer_cache = p;
    load(c, p);
  }
  st = p->error.code;
  if (st != QUJAT_OK && err)
    *err = p->error;
  for (int i = 0; i < NFONTS; i++)
    out[i] = p->ttf[i];
  pthread_mutex_unlock(&lock);
  return st;
}
