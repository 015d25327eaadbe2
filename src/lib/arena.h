/*
 * A string arena: the catalog and each document allocate their strings and
 * small records here and drop them all at once.
 */
#ifndef QUJAT_ARENA_H
#define QUJAT_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
  struct arena_block *head;
  int failed; /* an allocation failed: checked once at the end of a load */
};

void qujat_arena_init(struct arena *a);
void qujat_arena_free(struct arena *a);
/* Zeroed, max_align_t-aligned memory; NULL when out of memory. */
void *qujat_arena_alloc(struct arena *a, size_t size);
/* A NUL-terminated copy of `len` bytes of `s`; NULL when out of memory. */
char *qujat_arena_strndup(struct arena *a, const char *s, size_t len);
char *qujat_arena_strdup(struct arena *a, const char *s);

#endif
