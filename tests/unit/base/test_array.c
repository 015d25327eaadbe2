/* SPDX-License-Identifier: MIT */
/* Unit tests of qujat_array_room (src/lib/base/buf.c): an array grows to
 * the first capacity, then doubles, keeps its elements, and is left as it
 * was when the size would overflow. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>

#include "base/base.h"

Test(array, grows_from_first_then_doubles_keeping_elements) {
  int *v = NULL;
  size_t n = 0, cap = 0;
  size_t caps[] = {4, 8, 16, 32};
  int k = 0;
  for (int i = 0; i < 20; i++) {
    int *room = qujat_array_room(v, &cap, n, sizeof *v, 4);
    cr_assert_not_null(room);
    v = room; /* moved or not */
    if (n == 0 || n == caps[k])
      cr_expect_eq(cap, caps[n == 0 ? 0 : ++k], "after %zu: %zu", n, cap);
    v[n++] = i * 3;
  }
  cr_expect_eq(cap, 32);
  for (int i = 0; i < 20; i++)
    cr_expect_eq(v[i], i * 3);
  free(v);
}

Test(array, not_full_is_the_same_array) {
  int a[4];
  size_t cap = 4;
  cr_expect_eq(qujat_array_room(a, &cap, 3, sizeof *a, 1), (void *)a);
  cr_expect_eq(cap, 4);
}

Test(array, an_overflowing_size_leaves_it_unchanged) {
  size_t cap = SIZE_MAX / 16 + 1;
  char *v = malloc(1);
  cr_assert_not_null(v);
  cr_expect_null(qujat_array_room(v, &cap, cap, 16, 1));
  cr_expect_eq(cap, SIZE_MAX / 16 + 1);
  free(v);
}
