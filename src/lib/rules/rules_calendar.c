/* SPDX-License-Identifier: MIT */
/*
 * Working days by the calendar of Kazakhstan (issue 14): Monday to Friday,
 * less the public holidays of the year's calendar, less the day off that a
 * holiday falling on a Saturday or Sunday moves to the next working day
 * (article 5 of the Law "On holidays"), with the days off an act of the
 * year moved. A year without a calendar counts Monday to Friday and says
 * so through `missing`; nothing is guessed for it.
 */
#include <string.h>

#include "rules/rules.h"
#include "catalog/catalog.h"

#define MAX_MOVED 40

static int same(struct date a, struct date b) {
  return qujat_date_cmp(a, b) == 0;
}

static int is_holiday(const struct calendar *c, struct date d) {
  for (size_t i = 0; c && i < c->nholidays; i++)
    if (same(c->holidays[i].date, d))
      return 1;
  return 0;
}

/* A weekend day, or the working day a transfer made of one. */
static int weekend(const struct calendar *c, struct date d) {
  for (size_t i = 0; c && i < c->ntransfers; i++)
    if (same(c->transfers[i].from, d))
      return 0;
  return qujat_date_weekday(d) >= 6;
}

static int transferred_off(const struct calendar *c, struct date d) {
  for (size_t i = 0; c && i < c->ntransfers; i++)
    if (same(c->transfers[i].to, d))
      return 1;
  return 0;
}

/* The days off that article 5 moves in the year of `c`, in order: for each
 * holiday on a weekend, the next day after it that is not a weekend day, a
 * holiday, a transferred day off, or a day already moved to. A moved day
 * may fall in January of the next year. */
size_t qujat_calendar_moved(const struct calendar *c, struct date *out,
                            size_t cap) {
  size_t n = 0;
  for (size_t i = 0; c && i < c->nholidays && n < cap; i++) {
    const struct holiday *h = &c->holidays[i];
    if (!h->moves || !weekend(c, h->date))
      continue;
    struct date d = qujat_date_add_days(h->date, 1);
    for (;;) {
      int taken = weekend(c, d) || is_holiday(c, d) || transferred_off(c, d);
      for (size_t k = 0; !taken && k < n; k++)
        taken = same(out[k], d);
      if (!taken)
        break;
      d = qujat_date_add_days(d, 1);
    }
    out[n++] = d;
  }
  return n;
}

/* The days off article 5 moved in the years a count of working days
 * crosses, worked out once per year rather than once per day asked. */
struct moved_memo {
  struct {
    const struct calendar *c;
    size_t n;
    struct date v[MAX_MOVED];
  } year[3];
  size_t n;
};

static int moved_off(struct moved_memo *memo, const struct calendar *c,
                     struct date d) {
  size_t k = 0;
  while (k < memo->n && memo->year[k].c != c)
    k++;
  if (k == memo->n) {
    k = memo->n < 3 ? memo->n++ : 2; /* the oldest year is done with */
    memo->year[k].c = c;
    memo->year[k].n = qujat_calendar_moved(c, memo->year[k].v, MAX_MOVED);
  }
  for (size_t i = 0; i < memo->year[k].n; i++)
    if (same(memo->year[k].v[i], d))
      return 1;
  return 0;
}

static void note_missing(struct cal_missing *m, int year) {
  if (!m)
    return;
  for (size_t i = 0; i < m->n; i++)
    if (m->years[i] == year)
      return;
  if (m->n < CAL_MISSING_MAX)
    m->years[m->n++] = year;
}

static int working_day(const struct qujat_catalog *cat, struct date d,
                       struct cal_missing *missing, struct moved_memo *memo) {
  const struct calendar *c = qujat_find_calendar(cat, d.y);
  const struct calendar *prev = qujat_find_calendar(cat, d.y - 1);
  if (!c)
    note_missing(missing, d.y);
  if (weekend(c, d) || is_holiday(c, d) || transferred_off(c, d))
    return 0;
  if (c && moved_off(memo, c, d))
    return 0;
  /* A day off moved from late December of the year before. */
  if (prev && d.m == 1 && moved_off(memo, prev, d))
    return 0;
  return 1;
}

int qujat_is_working_day(const struct qujat_catalog *cat, struct date d,
                         struct cal_missing *missing) {
  struct moved_memo memo = {.n = 0};
  return working_day(cat, d, missing, &memo);
}

struct date qujat_add_working_days(const struct qujat_catalog *cat,
                                   struct date d, int n,
                                   struct cal_missing *missing) {
  int step = n < 0 ? -1 : 1;
  if (n < 0)
    n = -n;
  struct moved_memo memo = {.n = 0};
  while (n > 0) {
    d = qujat_date_add_days(d, step);
    if (working_day(cat, d, missing, &memo))
      n--;
  }
  return d;
}
