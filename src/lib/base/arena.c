/* SPDX-License-Identifier: MIT */
#include "base/base.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
  struct arena_block *next;
  size_t used;
  size_t size;
  alignas(max_align_t) unsigned char data[];
};

#define BLOCK_SIZE ((size_t)64 * 1024)

void qujat_arena_init(struct arena *a) {
  a->head = NULL;
  a->failed = 0;
}

void qujat_arena_free(struct arena *a) {
  struct arena_block *b = a->head;
  while (b) {
    struct arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}

void *qujat_arena_alloc(struct arena *a, size_t size) {
  const size_t align = alignof(max_align_t);
  if (size > SIZE_MAX - align) {
    a->failed = 1;
    return NULL;
  }
  size = (size + align - 1) & ~(align - 1);
  struct arena_block *b = a->head;
  if (!b || b->size - b->used < size) {
    size_t bsize = size > BLOCK_SIZE ? size : BLOCK_SIZE;
    b = malloc(sizeof *b + bsize);
    if (!b) {
      a->failed = 1;
      return NULL;
    }
    b->used = 0;
    b->size = bsize;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += size;
  memset(p, 0, size);
  return p;
}

char *qujat_arena_strndup(struct arena *a, const char *s, size_t len) {
  char *p = qujat_arena_alloc(a, len + 1);
  if (!p)
    return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *qujat_arena_strdup(struct arena *a, const char *s) {
  return qujat_arena_strndup(a, s, strlen(s));
}
