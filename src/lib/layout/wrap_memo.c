/* SPDX-License-Identifier: MIT */
/*
 * The measure the layout wraps with, and the wrapped lines it keeps from
 * one document to the next.
 *
 * Most of what a batch wraps is the catalog's own text (the documents'
 * names and notes, the warnings), the same in every document of a service
 * and language; only a few lines are the applicant's. Measuring is a fifth
 * of the layout's work, so each thread keeps the lines it wrapped, keyed
 * by the whole question: the measure's identity (struct metrics), the
 * font, its size, the width and the text's bytes. A text is kept only the
 * second time it is wrapped, so that the applicants' names and dates, each
 * wrapped once, do not push out the texts that come back. A hit gives the
 * lines qujat_wrap would give: the output does not depend on the order of
 * the jobs or on the number of threads.
 *
 * Memory is bounded: at most SLOTS texts of at most MAX_TEXT bytes each,
 * BUDGET bytes of them in all (the table is emptied when it would hold
 * more), besides the table's own 96 KB; one table per thread
 * (qujat_thread_slot_get), freed when the thread ends.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"

/* The catalog's texts of 1 000 one-page checklists are some 140 (22 KB).
 * Unbounded, a real intake of 5 000 jobs would keep 680 KB (the catalog's
 * texts in every service, language and form, and the names that come
 * back), and the table would go on growing to the peak RSS of 100 000
 * jobs. A quarter of a megabyte is full within the first 1 000 jobs, and
 * still answers 70 % of the wraps of 5 000 (a megabyte: 76 %). */
#define SLOTS 4096 /* a power of two */
#define SEEN 8192  /* a power of two */
#define MAX_TEXT 4096
#define MAX_KEPT_LINES 64
#define BUDGET ((size_t)256 << 10)

struct kept {
  size_t bytes; /* of the whole entry */
  uint64_t hash;
  uint64_t identity[2];
  int font;
  double size, width;
  size_t len;     /* of the text */
  size_t n;       /* lines */
  struct wrap_line *lines; /* in the same block, after the text */
  char text[];
};

struct memo {
  struct kept *slot[SLOTS];
  size_t bytes; /* of the kept entries */
  uint64_t seen[SEEN]; /* hashes of texts wrapped once, 0: none */
};

double qujat_lp_measure(const char *s, size_t len, void *user) {
  struct measure_ctx *c = user;
  return c->m->width(c->m->user, c->font, c->size, s, len);
}

/* Empties the table (the hashes seen stay). */
static void forget(struct memo *m) {
  for (size_t i = 0; i < SLOTS; i++) {
    free(m->slot[i]);
    m->slot[i] = NULL;
  }
  m->bytes = 0;
}

static void memo_free(void *p) {
  forget(p);
  free(p);
}

static struct qujat_thread_slot memo_slot =
    QUJAT_THREAD_SLOT(struct memo, memo_free);

static uint64_t mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ull;
  return h ^ h >> 31;
}

static uint64_t double_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, sizeof u);
  return u;
}

/* The question's hash, never 0 (the empty mark of `seen`). */
static uint64_t question_hash(const struct metrics *m, int font, double size,
                              double width, const char *text, size_t len) {
  uint64_t h = mix(mix(m->identity[0], m->identity[1]), (uint64_t)font);
  h = mix(mix(h, double_bits(size)), double_bits(width));
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, text + i, sizeof w);
    h = mix(h, w);
  }
  uint64_t tail = len; /* the length, so that "a" and "a\0" differ */
  for (; i < len; i++)
    tail = tail << 8 | (unsigned char)text[i];
  h = mix(h, tail);
  /* The finish of MurmurHash3: every bit of the last word reaches the low
   * bits that choose the slot. */
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h ? h : 1;
}

static int same_question(const struct kept *k, uint64_t hash,
                         const struct metrics *m, int font, double size,
                         double width, const char *text, size_t len) {
  return k && k->hash == hash && k->identity[0] == m->identity[0] &&
         k->identity[1] == m->identity[1] && k->font == font &&
         k->size == size && k->width == width && k->len == len &&
         memcmp(k->text, text, len) == 0;
}

static size_t give(const struct kept *k, struct wrap_line *lines,
                   size_t max) {
  memcpy(lines, k->lines, (k->n < max ? k->n : max) * sizeof *lines);
  return k->n;
}

static void keep(struct memo *memo, struct kept **slot, uint64_t hash,
                 const struct metrics *m, int font, double size, double width,
                 const char *text, size_t len, const struct wrap_line *lines,
                 size_t n) {
  /* The lines after the text, aligned for them. */
  size_t at = (offsetof(struct kept, text) + len + _Alignof(struct wrap_line) -
               1) / _Alignof(struct wrap_line) * _Alignof(struct wrap_line);
  size_t bytes = at + n * sizeof *lines;
  if (memo->bytes - (*slot ? (*slot)->bytes : 0) + bytes > BUDGET)
    forget(memo); /* full: the texts that come back are kept again */
  size_t freed = *slot ? (*slot)->bytes : 0;
  struct kept *k = malloc(bytes);
  if (!k)
    return;
  *k = (struct kept){bytes, hash, {m->identity[0], m->identity[1]}, font,
                     size, width, len, n,
                     (struct wrap_line *)((char *)k + at)};
  memcpy(k->text, text, len);
  memcpy(k->lines, lines, n * sizeof *lines);
  free(*slot);
  *slot = k;
  memo->bytes += bytes - freed;
}

size_t qujat_lp_wrap(const struct metrics *m, int font, double size,
                     const char *text, double width, struct wrap_line *lines,
                     size_t max) {
  struct measure_ctx c = {m, font, size};
  size_t len = strlen(text);
  struct memo *memo = m->identity[0] || m->identity[1]
                          ? qujat_thread_slot_get(&memo_slot)
                          : NULL;
  if (!memo || len > MAX_TEXT)
    return qujat_wrap(text, width, qujat_lp_measure, &c, lines, max);
  uint64_t hash = question_hash(m, font, size, width, text, len);
  struct kept **slot = &memo->slot[hash & (SLOTS - 1)];
  if (same_question(*slot, hash, m, font, size, width, text, len))
    return give(*slot, lines, max);
  size_t n = qujat_wrap(text, width, qujat_lp_measure, &c, lines, max);
  uint64_t *seen = &memo->seen[hash & (SEEN - 1)];
  if (*seen != hash)
    *seen = hash; /* the first time: kept the next */
  else if (n <= max && n <= MAX_KEPT_LINES)
    keep(memo, slot, hash, m, font, size, width, text, len, lines, n);
  return n;
}
