/* SPDX-License-Identifier: MIT */
/*
 * An object of each thread's own, made on its first use and freed when the
 * thread ends: the caches that spare work from one document to the next
 * (the layout's wrapped lines, the PDF's font programs) without a lock.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "base/base.h"

/* Taken only until a slot's key exists: once per slot and process. */
static pthread_mutex_t make_lock = PTHREAD_MUTEX_INITIALIZER;

static int make_key(struct qujat_thread_slot *s) {
  pthread_mutex_lock(&make_lock);
  if (!atomic_load_explicit(&s->made, memory_order_relaxed)) {
    s->failed = pthread_key_create(&s->key, s->destroy) != 0;
    atomic_store_explicit(&s->made, 1, memory_order_release);
  }
  pthread_mutex_unlock(&make_lock);
  return !s->failed;
}

void *qujat_thread_slot_get(struct qujat_thread_slot *s) {
  if (!atomic_load_explicit(&s->made, memory_order_acquire) && !make_key(s))
    return NULL;
  if (s->failed)
    return NULL;
  void *p = pthread_getspecific(s->key);
  if (!p && (p = calloc(1, s->size)) != NULL &&
      pthread_setspecific(s->key, p) != 0) {
    free(p);
    p = NULL;
  }
  return p;
}
