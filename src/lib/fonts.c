/* The catalog's fonts, parsed once, on the first PDF. */
#include <pthread.h>
#include <string.h>

#include "fonts.h"

/* One lock for every catalog: taken once per PDF, for a moment. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void load(struct qujat_catalog *c) {
  for (int i = 0; i < NFONTS; i++) {
    const struct font_file *f = &c->fonts[i];
    qujat_status st;
    if (!f->path)
      st = qujat_err_set(&c->fonts_error, QUJAT_ERR_FONT, NULL, 0, 0,
                         "no font configured: the data directory lacks "
                         "fonts/fonts.xml");
    else
      st = qujat_ttf_load(f->path, f->bytes, f->crc32, &c->ttf[i],
                          &c->fonts_error);
    if (st != QUJAT_OK) {
      qujat_fonts_release(c);
      return;
    }
  }
}

qujat_status qujat_fonts_get(const struct qujat_catalog *cat,
                             const struct ttf *out[NFONTS], qujat_error *err) {
  /* The catalog is shared read-only by the renderers; these fields are
   * its one lazily filled part, and only under the lock. */
  struct qujat_catalog *c = (struct qujat_catalog *)cat;
  pthread_mutex_lock(&lock);
  if (!c->fonts_tried) {
    c->fonts_tried = 1;
    load(c);
  }
  qujat_status st = c->fonts_error.code;
  if (st != QUJAT_OK && err)
    *err = c->fonts_error;
  for (int i = 0; i < NFONTS; i++)
    out[i] = c->ttf[i];
  pthread_mutex_unlock(&lock);
  return st;
}

void qujat_fonts_release(struct qujat_catalog *c) {
  for (int i = 0; i < NFONTS; i++) {
    qujat_ttf_free(c->ttf[i]);
    c->ttf[i] = NULL;
  }
}
