/* SPDX-License-Identifier: MIT */
/*
 * The catalog's fonts, parsed once, on the first PDF, and kept with the
 * catalog (its renderer_cache) until qujat_catalog_free, which calls back
 * release() here: the catalog module owns the slot, not what is in it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pdf/pdf_internal.h"

struct parsed_fonts {
  struct ttf *ttf[NFONTS];
  qujat_error error; /* code QUJAT_OK when both fonts loaded */
  /* The sRGB profile of archival PDFs, read on the first one, compressed
   * for /FlateDecode. */
  int icc_tried;
  unsigned char *icc;
  size_t icc_len;
  qujat_error icc_error;
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
  free(p->icc);
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

/* Reads DATA_DIR/color/sRGB.icc, or where a data directory of its own
 * lacks it, Debian's copy (icc-profiles-free); it must be the profile
 * shipped (color/README.md): its size, CRC-32 and ICC signature. */
static void load_icc(const struct qujat_catalog *c, struct parsed_fonts *p) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", c->data_dir ? c->data_dir : ".",
           QUJAT_ICC_PATH);
  FILE *in = fopen(path, "rb");
  if (!in && (in = fopen(QUJAT_ICC_SYSTEM_PATH, "rb")) != NULL)
    snprintf(path, sizeof path, "%s", QUJAT_ICC_SYSTEM_PATH);
  if (!in) {
    qujat_err_set(&p->icc_error, QUJAT_ERR_FONT, path, 0, 0,
                  "cannot open the colour profile of archival PDFs "
                  "(needed by --pdf-standard pdfa only)");
    return;
  }
  unsigned char *data = malloc(QUJAT_ICC_BYTES + 1);
  size_t len = data ? fread(data, 1, QUJAT_ICC_BYTES + 1, in) : 0;
  int bad = ferror(in);
  fclose(in);
  if (!data) {
    qujat_err_set(&p->icc_error, QUJAT_ERR_NOMEM, NULL, 0, 0,
                  "out of memory");
    return;
  }
  uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), data, (uInt)len);
  if (bad || len != QUJAT_ICC_BYTES || crc != QUJAT_ICC_CRC32 ||
      memcmp(data + 36, "acsp", 4) || memcmp(data + 16, "RGB ", 4)) {
    free(data);
    qujat_err_set(&p->icc_error, QUJAT_ERR_FONT, path, 0, 0,
                  "the colour profile is damaged: %zu bytes, CRC-32 "
                  "%08lx; expected %u bytes, %08lx",
                  len, (unsigned long)crc, (unsigned)QUJAT_ICC_BYTES,
                  (unsigned long)QUJAT_ICC_CRC32);
    return;
  }
  /* Kept compressed: every archival PDF embeds these bytes as they are. */
  struct buf z;
  qujat_buf_init(&z, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_pdf_deflate(data, len, &z);
  free(data);
  if (st != QUJAT_OK) {
    qujat_buf_free(&z);
    qujat_err_set(&p->icc_error, QUJAT_ERR_NOMEM, NULL, 0, 0,
                  "cannot compress the colour profile");
    return;
  }
  p->icc = (unsigned char *)z.data; /* owned from here: freed in release */
  p->icc_len = z.len;
}

qujat_status qujat_pdf_icc_get(const struct qujat_catalog *cat,
                               const unsigned char **icc, size_t *len,
                               qujat_error *err) {
  struct qujat_catalog *c = (struct qujat_catalog *)cat;
  const struct ttf *unused[NFONTS];
  qujat_status st = qujat_fonts_get(cat, unused, err);
  if (st != QUJAT_OK)
    return st;
  pthread_mutex_lock(&lock);
  struct parsed_fonts *p = c->renderer_cache;
  if (!p->icc_tried) {
    p->icc_tried = 1;
    load_icc(c, p);
  }
  st = p->icc ? QUJAT_OK : p->icc_error.code;
  if (st != QUJAT_OK && err)
    *err = p->icc_error;
  *icc = p->icc;
  *len = p->icc_len;
  pthread_mutex_unlock(&lock);
  return st;
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
