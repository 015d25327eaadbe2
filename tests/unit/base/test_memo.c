/* SPDX-License-Identifier: MIT */
/* Unit tests of base's memo (src/lib/base/memo.c): a question is kept the
 * second time its answer is offered, found again with the very bytes; the
 * head and the text are the whole question; an empty answer is an answer;
 * a memo keeps at most its budget, emptied when full and then keeping the
 * newest; each thread has its own. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"

static struct qujat_memo small = QUJAT_MEMO(4096);
static struct qujat_memo big = QUJAT_MEMO((size_t)1 << 20);

static struct qujat_memo_question question(const uint64_t *head, size_t words,
                                           const char *text) {
  return (struct qujat_memo_question){head, words, text, strlen(text), 0};
}

/* Whether `text` under `head` finds `answer`; offers it when not. */
static int found(struct qujat_memo *m, uint64_t head, const char *text,
                 const char *answer) {
  uint64_t h[1] = {head};
  struct qujat_memo_question q = question(h, 1, text);
  size_t len = 0;
  const char *got = qujat_memo_find(m, &q, &len);
  if (got) {
    cr_expect_eq(len, strlen(answer), "%s", text);
    cr_expect(memcmp(got, answer, len) == 0, "%s", text);
    return 1;
  }
  qujat_memo_offer(m, &q, answer, strlen(answer));
  return 0;
}

Test(memo, keeps_an_answer_the_second_time_it_is_offered) {
  cr_expect_not(found(&big, 1, "Шетелдіктің паспорты", "A"));
  cr_expect_not(found(&big, 1, "Шетелдіктің паспорты", "A")); /* kept now */
  cr_expect(found(&big, 1, "Шетелдіктің паспорты", "A"));
  cr_expect(found(&big, 1, "Шетелдіктің паспорты", "A"));
}

Test(memo, the_head_and_the_text_are_the_question) {
  for (int twice = 0; twice < 2; twice++) {
    found(&big, 7, "a text of some length, long enough", "first");
    found(&big, 8, "a text of some length, long enough", "second");
    found(&big, 7, "a text of some length, long enougH", "third");
    found(&big, 7, "a text of some length, long enough ", "fourth");
  }
  cr_expect(found(&big, 7, "a text of some length, long enough", "first"));
  cr_expect(found(&big, 8, "a text of some length, long enough", "second"));
  cr_expect(found(&big, 7, "a text of some length, long enougH", "third"));
  cr_expect(found(&big, 7, "a text of some length, long enough ", "fourth"));
  /* More head words are another question. */
  uint64_t two[2] = {7, 0};
  struct qujat_memo_question q =
      question(two, 2, "a text of some length, long enough");
  size_t len;
  cr_expect_null(qujat_memo_find(&big, &q, &len));
}

Test(memo, an_empty_answer_is_an_answer) {
  found(&big, 3, "", "");
  found(&big, 3, "", "");
  cr_expect(found(&big, 3, "", ""));
}

/* 4 KB of budget: an answer larger is never kept; 60 answers of 100 bytes
 * empty the table and it keeps the newest, not the first. */
Test(memo, keeps_its_budget_and_then_the_newest) {
  static char answer[5000];
  memset(answer, 'x', sizeof answer - 1);
  for (int twice = 0; twice < 3; twice++)
    cr_expect_not(found(&small, 1, "too big", answer));
  answer[100] = '\0';
  char text[60][16];
  for (int i = 0; i < 60; i++) {
    snprintf(text[i], sizeof text[i], "text %d", i);
    found(&small, 1, text[i], answer);
    found(&small, 1, text[i], answer);
  }
  int kept = 0;
  while (kept < 60 && found(&small, 1, text[59 - kept], answer))
    kept++;
  cr_expect_geq(kept, 5, "only the %d newest kept", kept);
  cr_expect_lt(kept, 4096 / 100, "%d kept in 4 KB", kept);
}

static void *in_another_thread(void *arg) {
  *(int *)arg = found(&big, 1, "Шетелдіктің паспорты", "A");
  return NULL;
}

Test(memo, each_thread_keeps_its_own) {
  found(&big, 1, "Шетелдіктің паспорты", "A");
  found(&big, 1, "Шетелдіктің паспорты", "A");
  cr_assert(found(&big, 1, "Шетелдіктің паспорты", "A"));
  int other = -1;
  pthread_t t;
  cr_assert_eq(pthread_create(&t, NULL, in_another_thread, &other), 0);
  pthread_join(t, NULL);
  cr_expect_eq(other, 0, "another thread's answer was found");
}
