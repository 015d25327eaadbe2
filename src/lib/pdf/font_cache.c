/* SPDX-License-Identifier: MIT */
/*
 * The compressed font program and ToUnicode CMap of a PDF's glyph set
 * (pdf_embed.c explains their form), and a small cache of them per thread.
 *
 * They depend on nothing but the fonts and the code points each face
 * draws, so a batch that prints the same texts makes them once: every
 * thread keeps the last CACHE_SLOTS it made, keyed by the whole glyph set
 * (each face's code points and its font's identity), and gives the bytes
 * it would have made. A hit and a miss give the same bytes, so the output
 * does not depend on the order of the jobs or on the number of threads.
 * One cache per thread: no lock, and memory bounded by the threads
 * (CACHE_SLOTS sets of about 9 KB each, under 2 MB), freed when a thread
 * ends.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

/* A real intake of 1 000 jobs has some 180 glyph sets (bench/README.md):
 * on 3 000 of them 64 slots missed 45 % of the time, 192 slots 18 %
 * (callgrind: 7 % fewer instructions in all); 192 slots fill up within the
 * first thousand jobs, so memory does not grow with a longer batch. */
#define CACHE_SLOTS 192

/* The ToUnicode CMap of all CIDs, both faces one after the other: that of
 * one use whose characters are theirs in that order (its bfchar entries;
 * no bfrange, which Ghostscript 10 misreads, tested again here). */
static qujat_status to_unicode(const struct font_use use[NFONTS],
                               struct buf *out) {
  struct font_use all = {.ttf = use[0].ttf, .frozen = 1,
                         .one_byte = use[0].one_byte};
  for (int i = 0; i < NFONTS; i++)
    all.n += use[i].n;
  if (all.n && !(all.cps = malloc(all.n * sizeof *all.cps)))
    return QUJAT_ERR_NOMEM;
  for (int i = 0, at = 0; i < NFONTS; at += (int)use[i++].n)
    if (use[i].n)
      memcpy(all.cps + at, use[i].cps, use[i].n * sizeof *all.cps);
  qujat_status st = qujat_font_use_to_unicode(&all, out);
  free(all.cps);
  return st;
}

static qujat_status program(const struct font_use use[NFONTS],
                            struct buf *out) {
  size_t n = 1;
  for (int i = 0; i < NFONTS; i++)
    n += use[i].n;
  uint16_t *gids = malloc(n * sizeof *gids);
  unsigned char *font_of = malloc(n);
  const struct ttf *fonts[NFONTS];
  qujat_status st = gids && font_of ? QUJAT_OK : QUJAT_ERR_NOMEM;
  size_t k = 0;
  if (st == QUJAT_OK) {
    gids[k] = 0; /* CID 0 is .notdef */
    font_of[k++] = 0;
  }
  for (int i = 0; st == QUJAT_OK && i < NFONTS; i++) {
    fonts[i] = use[i].ttf;
    for (size_t c = 0; c < use[i].n; c++, k++) {
      gids[k] = (uint16_t)qujat_ttf_glyph(use[i].ttf, use[i].cps[c]);
      font_of[k] = (unsigned char)i;
    }
  }
  if (st == QUJAT_OK)
    st = qujat_ttf_subset_fonts(fonts, NFONTS, gids, font_of, n,
                                use[0].one_byte, out);
  free(gids);
  free(font_of);
  return st;
}


struct slot {
  uint64_t hash;
  uint32_t *key;
  size_t keylen;
  unsigned long used; /* 0: empty */
  struct font_blob blob;
};

struct cache {
  struct slot slot[CACHE_SLOTS];
  unsigned long clock;
};

static void slot_clear(struct slot *s) {
  free(s->key);
  qujat_buf_free(&s->blob.program);
  qujat_buf_free(&s->blob.cmap);
  memset(s, 0, sizeof *s);
}

static void cache_free(void *p) {
  struct cache *c = p;
  for (int i = 0; i < CACHE_SLOTS; i++)
    slot_clear(&c->slot[i]);
  free(c);
}

static struct qujat_thread_slot cache_slot =
    QUJAT_THREAD_SLOT(struct cache, cache_free);

/* The key of a glyph set: for each face, its font's serial number (which
 * no other font this process loads has: a font freed and another loaded
 * at its address is not taken for it), its number of code points and the
 * code points. */
static uint32_t *make_key(const struct font_use use[NFONTS], size_t *len) {
  size_t n = 0;
  for (int i = 0; i < NFONTS; i++)
    n += 3 + use[i].n;
  uint32_t *k = malloc(n * sizeof *k);
  if (!k)
    return NULL;
  size_t at = 0;
  for (int i = 0; i < NFONTS; i++) {
    k[at] = (uint32_t)use[i].ttf->serial;
    k[at + 1] = (uint32_t)(use[i].ttf->serial >> 32);
    k[at + 2] = (uint32_t)use[i].n;
    at += 3;
    if (use[i].n)
      memcpy(k + at, use[i].cps, use[i].n * sizeof *k);
    at += use[i].n;
  }
  *len = n;
  return k;
}

static uint64_t hash(const uint32_t *k, size_t n) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (size_t i = 0; i < n; i++) {
    h ^= k[i];
    h *= 1099511628211ull;
  }
  return h;
}

static qujat_status build(const struct font_use use[NFONTS],
                          struct font_blob *b) {
  struct buf raw;
  qujat_buf_init(&raw, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&b->program, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_buf_init(&b->cmap, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = program(use, &raw);
  b->program_len = raw.len;
  if (st == QUJAT_OK)
    st = qujat_pdf_deflate(raw.data, raw.len, &b->program);
  qujat_buf_reset(&raw);
  if (st == QUJAT_OK)
    st = to_unicode(use, &raw);
  if (st == QUJAT_OK)
    st = qujat_pdf_deflate(raw.data, raw.len, &b->cmap);
  qujat_buf_free(&raw);
  return st;
}

const struct font_blob *qujat_font_cache_get(const struct font_use use[NFONTS]) {
  struct cache *c = qujat_thread_slot_get(&cache_slot);
  size_t len = 0;
  uint32_t *key = c ? make_key(use, &len) : NULL;
  if (!key)
    return NULL;
  uint64_t h = hash(key, len);
  struct slot *victim = &c->slot[0];
  for (int i = 0; i < CACHE_SLOTS; i++) {
    struct slot *s = &c->slot[i];
    if (s->used && s->hash == h && s->keylen == len &&
        memcmp(s->key, key, len * sizeof *key) == 0) {
      free(key);
      s->used = ++c->clock;
      return &s->blob;
    }
    if (s->used < victim->used)
      victim = s; /* the least recently used, or an empty slot */
  }
  slot_clear(victim);
  if (build(use, &victim->blob) != QUJAT_OK) {
    free(key);
    slot_clear(victim);
    return NULL;
  }
  victim->hash = h;
  victim->key = key;
  victim->keylen = len;
  victim->used = ++c->clock;
  return &victim->blob;
}
