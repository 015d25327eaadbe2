/* SPDX-License-Identifier: MIT */
/*
 * What a thread keeps from one document to the next: the answers to the
 * questions its documents ask again (the layout's wrapped lines, the PDF's
 * shaped runs of text). A question is a head of a few words (whose measure,
 * which font, what size) and a text's bytes; an answer is bytes.
 *
 * A question is kept only the second time it is offered, so that what one
 * document asks once (the applicant's name and dates) does not push out
 * what every document asks (the catalog's texts). A hit gives exactly the
 * bytes that were offered: the output never depends on the order of the
 * jobs or on the number of threads.
 *
 * Memory is bounded: one entry per slot of a direct-mapped table, at most
 * the memo's budget of bytes in all (the table is emptied when an entry
 * would pass it, and what comes back is kept again), besides the table's
 * own 96 KB; one table per thread and memo (qujat_thread_slot_get), freed
 * when the thread ends.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

#define SLOTS 4096 /* a power of two */
#define SEEN 8192  /* a power of two */

struct entry {
  size_t bytes; /* of the whole entry */
  uint64_t hash;
  size_t head_words, text_len, answer_len;
  size_t answer_at; /* where the answer starts, from the entry's start */
  unsigned char data[]; /* the head, the text, then the answer, aligned */
};

struct qujat_memo_table {
  struct entry *slot[SLOTS];
  size_t bytes;        /* of the entries kept */
  uint64_t seen[SEEN]; /* hashes of questions offered once; 0: none */
};

_Static_assert(sizeof(struct qujat_memo_table) == QUJAT_MEMO_TABLE_SIZE,
               "QUJAT_MEMO_TABLE_SIZE in base.h is the table's size");

/* Empties the table (the questions seen stay seen). */
static void forget(struct qujat_memo_table *t) {
  for (size_t i = 0; i < SLOTS; i++) {
    free(t->slot[i]);
    t->slot[i] = NULL;
  }
  t->bytes = 0;
}

void qujat_memo_table_free(void *table) {
  forget(table);
  free(table);
}

static uint64_t mix(uint64_t h, uint64_t v) {
  h = (h ^ v) * 0x9E3779B97F4A7C15ull;
  return h ^ h >> 31;
}

/* The question's hash, never 0 (the empty mark of `seen`). */
static uint64_t question_hash(const struct qujat_memo_question *q) {
  uint64_t h = mix(0, q->head_words);
  for (size_t i = 0; i < q->head_words; i++)
    h = mix(h, q->head[i]);
  size_t i = 0;
  for (; i + 8 <= q->text_len; i += 8) {
    uint64_t w;
    memcpy(&w, q->text + i, sizeof w);
    h = mix(h, w);
  }
  uint64_t tail = q->text_len; /* the length: "a" and "a\0" differ */
  for (; i < q->text_len; i++)
    tail = tail << 8 | (unsigned char)q->text[i];
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

static int same_question(const struct entry *e,
                         const struct qujat_memo_question *q) {
  size_t head = q->head_words * sizeof *q->head;
  return e && e->hash == q->hash && e->head_words == q->head_words &&
         e->text_len == q->text_len && memcmp(e->data, q->head, head) == 0 &&
         memcmp(e->data + head, q->text, q->text_len) == 0;
}

const void *qujat_memo_find(struct qujat_memo *memo,
                            struct qujat_memo_question *q, size_t *len) {
  q->hash = question_hash(q);
  struct qujat_memo_table *t = qujat_thread_slot_get(&memo->slot);
  const struct entry *e = t ? t->slot[q->hash & (SLOTS - 1)] : NULL;
  if (!same_question(e, q))
    return NULL;
  *len = e->answer_len;
  return (const unsigned char *)e + e->answer_at;
}

void qujat_memo_offer(struct qujat_memo *memo,
                      const struct qujat_memo_question *q, const void *answer,
                      size_t len) {
  struct qujat_memo_table *t = qujat_thread_slot_get(&memo->slot);
  if (!t)
    return;
  uint64_t *seen = &t->seen[q->hash & (SEEN - 1)];
  if (*seen != q->hash) {
    *seen = q->hash; /* the first time: kept the next */
    return;
  }
  size_t head = q->head_words * sizeof *q->head;
  const size_t align = _Alignof(max_align_t);
  size_t at = (offsetof(struct entry, data) + head + q->text_len + align -
               1) / align * align;
  size_t bytes = at + len;
  if (bytes > memo->budget)
    return;
  struct entry **slot = &t->slot[q->hash & (SLOTS - 1)];
  size_t freed = *slot ? (*slot)->bytes : 0;
  if (t->bytes - freed + bytes > memo->budget) {
    forget(t); /* full: what comes back is kept again */
    freed = 0;
  }
  struct entry *e = malloc(bytes);
  if (!e)
    return;
  *e = (struct entry){bytes, q->hash, q->head_words, q->text_len, len, at};
  memcpy(e->data, q->head, head);
  memcpy(e->data + head, q->text, q->text_len);
  if (len)
    memcpy((unsigned char *)e + at, answer, len);
  free(*slot);
  *slot = e;
  t->bytes += bytes - freed;
}
