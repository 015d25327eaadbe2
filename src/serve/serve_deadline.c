/* SPDX-License-Identifier: MIT */
/* The total deadline of a request (--request-timeout). libmicrohttpd's
 * connection timeout is an idle timeout: a client that sends one byte of
 * its headers every few seconds is never idle and never cut. Here every
 * connection is stamped when it opens and again when a request on it
 * completes (the next request's clock starts then); the main thread sweeps
 * the connections a few times a second and shuts down the socket of any
 * whose request has taken longer than the limit, whatever it is doing:
 * sending its headers, its body, or reading the answer. libmicrohttpd then
 * sees the end of the stream and closes the connection itself.
 *
 * The list is guarded by one mutex, taken when a connection opens and
 * closes and by the sweep; libmicrohttpd reports a connection closed
 * (MHD_CONNECTION_NOTIFY_CLOSED) before it closes its socket, so the sweep
 * never shuts down a descriptor that was closed and reused. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "serve_internal.h"

struct conn {
  struct conn *prev, *next;
  int fd;
  _Atomic long long since_ms; /* when the current request's clock started */
  atomic_int cut;
};

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int deadline_init(struct deadlines *d, unsigned seconds) {
  d->limit_ms = (long long)seconds * 1000;
  d->head = NULL;
  return pthread_mutex_init(&d->mu, NULL) == 0 ? 0 : -1;
}

void deadline_destroy(struct deadlines *d) { pthread_mutex_destroy(&d->mu); }

void deadline_started(struct deadlines *d, int fd, void **socket_context) {
  struct conn *k = calloc(1, sizeof *k);
  *socket_context = k;
  if (!k) /* not watched: the idle timeout still cuts it */
    return;
  k->fd = fd;
  atomic_store_explicit(&k->since_ms, now_ms(), memory_order_relaxed);
  pthread_mutex_lock(&d->mu);
  k->next = d->head;
  if (d->head)
    d->head->prev = k;
  d->head = k;
  pthread_mutex_unlock(&d->mu);
}

void deadline_closed(struct deadlines *d, void **socket_context) {
  struct conn *k = *socket_context;
  if (!k)
    return;
  pthread_mutex_lock(&d->mu);
  if (k->prev)
    k->prev->next = k->next;
  else
    d->head = k->next;
  if (k->next)
    k->next->prev = k->prev;
  pthread_mutex_unlock(&d->mu);
  free(k);
  *socket_context = NULL;
}

void deadline_restart(void *socket_context) {
  struct conn *k = socket_context;
  if (k)
    atomic_store_explicit(&k->since_ms, now_ms(), memory_order_relaxed);
}

int deadline_passed(const struct deadlines *d, void *socket_context) {
  struct conn *k = socket_context;
  if (!k)
    return 0;
  long long since = atomic_load_explicit(&k->since_ms, memory_order_relaxed);
  return now_ms() - since > d->limit_ms || atomic_load(&k->cut);
}

int deadline_was_cut(void *socket_context) {
  struct conn *k = socket_context;
  return k && atomic_load(&k->cut);
}

unsigned deadline_sweep(struct deadlines *d) {
  unsigned n = 0;
  long long now = now_ms();
  pthread_mutex_lock(&d->mu);
  for (struct conn *k = d->head; k; k = k->next) {
    long long since = atomic_load_explicit(&k->since_ms, memory_order_relaxed);
    if (now - since <= d->limit_ms || atomic_load(&k->cut))
      continue;
    /* Both ways: the worker reads the end of the stream and closes. */
    shutdown(k->fd, SHUT_RDWR);
    atomic_store(&k->cut, 1);
    n++;
  }
  pthread_mutex_unlock(&d->mu);
  return n;
}
