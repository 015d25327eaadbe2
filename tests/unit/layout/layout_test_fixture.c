/* SPDX-License-Identifier: MIT */
/* The fixture of layout_test_fixture.h, and the suite layout: every test
 * starts with empty block lists and no layout. */
#include "layout_test_fixture.h"

#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"

#define MAX_BLOCKS 512

/* ------------------------------------------------------------------------
 * The fake measure
 * ------------------------------------------------------------------------ */

/* Runs handed to the measure that start or end inside a UTF-8 sequence. */
static int bad_runs;

double fake_width(void *user, int font, double size, const char *s,
                  size_t len) {
  (void)user;
  (void)font;
  if (!qujat_utf8_valid(s, len, NULL, NULL))
    bad_runs++;
  return CHAR_EM * size * (double)qujat_utf8_length_n(s, len);
}

static const struct metrics fake = {.width = fake_width};

double op_width(const struct op *o) {
  return fake_width(NULL, o->font, o->size, o->text, o->len);
}

/* ------------------------------------------------------------------------
 * Fixture: two block lists (left, and right for kk+ru), the layout
 * ------------------------------------------------------------------------ */

static struct block left_v[MAX_BLOCKS], right_v[MAX_BLOCKS];
struct blocks left, right;
struct layout lay;
struct layout_info info;
qujat_error lay_err;

/* Texts made by the tests live here until the test ends. */
static char pool[512 * 1024];
static size_t pool_used;

static void setup(void) {
  memset(left_v, 0, sizeof left_v);
  memset(right_v, 0, sizeof right_v);
  left = (struct blocks){left_v, 0, MAX_BLOCKS};
  right = (struct blocks){right_v, 0, MAX_BLOCKS};
  memset(&lay, 0, sizeof lay);
  memset(&info, 0, sizeof info);
  memset(&lay_err, 0, sizeof lay_err);
  bad_runs = 0;
  pool_used = 0;
}

static void teardown(void) { qujat_layout_free(&lay); }

void reset(void) {
  qujat_layout_free(&lay);
  setup();
}

TestSuite(layout, .init = setup, .fini = teardown);

const char *fmt(const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  char *s = pool + pool_used;
  int n = vsnprintf(s, sizeof pool - pool_used, f, ap);
  va_end(ap);
  cr_assert(n >= 0 && (size_t)n < sizeof pool - pool_used, "pool full");
  pool_used += (size_t)n + 1;
  return s;
}

const char *repeat(const char *word, int n, const char *sep) {
  char *s = pool + pool_used;
  size_t len = 0, room = sizeof pool - pool_used;
  for (int i = 0; i < n; i++) {
    int k = snprintf(s + len, room - len, "%s%s", i ? sep : "", word);
    cr_assert(k >= 0 && (size_t)k < room - len, "pool full");
    len += (size_t)k;
  }
  s[len] = '\0';
  pool_used += len + 1;
  return s;
}

static const char *const kk_words[] = {
    "құжаттарды", "тапсыру",        "үшін",   "өтініш", "берушінің",
    "төлқұжаты",  "және",           "шақыру", "хаты",   "көшірмесі",
    "нотариалды", "куәландырылған", "әйелі",  "ұлы",    "Һ-белгісі"};
static const char *const ru_words[] = {
    "документы", "для",         "подачи", "заявления",   "паспорт",
    "копия",     "приглашения", "и",      "нотариально", "заверенная"};

/* A unique sentence "№<tag>" followed by `n` words of `words`. */
static const char *sentence(const char *const *words, size_t nwords, int tag,
                            int n) {
  char *s = pool + pool_used;
  size_t room = sizeof pool - pool_used;
  size_t len = (size_t)snprintf(s, room, "№%d", tag);
  for (int i = 0; i < n; i++) {
    int k =
        snprintf(s + len, room - len, " %s", words[(size_t)(tag + i) % nwords]);
    cr_assert(k >= 0 && (size_t)k < room - len, "pool full");
    len += (size_t)k;
  }
  pool_used += len + 1;
  return s;
}

const char *kk_sentence(int tag, int n) {
  return sentence(kk_words, sizeof kk_words / sizeof *kk_words, tag, n);
}

const char *ru_sentence(int tag, int n) {
  return sentence(ru_words, sizeof ru_words / sizeof *ru_words, tag, n);
}

struct block *add(struct blocks *b, enum block_kind kind, const char *text) {
  cr_assert_lt(b->n, b->cap, "too many blocks");
  struct block *k = &b->v[b->n++];
  memset(k, 0, sizeof *k);
  k->kind = kind;
  k->text = text;
  return k;
}

struct block *add_item(struct blocks *b, int number, const char *text) {
  struct block *k = add(b, BLK_ITEM, text);
  k->number = number;
  k->box = 1;
  return k;
}

/* ------------------------------------------------------------------------
 * Running the layout; (f) every op stays on the A4 page
 * ------------------------------------------------------------------------ */

static int on_page(double x, double y) {
  return x >= -EPS && x <= PAGE_WIDTH + EPS && y >= -EPS &&
         y <= PAGE_HEIGHT + EPS;
}

static void expect_on_page(void) {
  for (size_t p = 0; p < lay.npages; p++)
    for (size_t k = 0; k < lay.pages[p].n; k++) {
      const struct op *o = &lay.pages[p].ops[k];
      int ok = 1;
      switch (o->kind) {
      case OP_TEXT:
        cr_expect(qujat_utf8_valid(o->text, o->len, NULL, NULL),
                  "page %zu: text op cut inside a UTF-8 character: '%.*s'",
                  p + 1, (int)o->len, o->text);
        ok = on_page(o->x, o->y) && on_page(o->x + op_width(o), o->y + o->size);
        break;
      case OP_LINE:
        ok = on_page(o->x, o->y) && on_page(o->x + o->w, o->y + o->h);
        break;
      case OP_BOX:
      case OP_FILL:
        ok = o->w >= 0 && o->h >= 0 && on_page(o->x, o->y) &&
             on_page(o->x + o->w, o->y + o->h);
        break;
      }
      cr_expect(ok,
                "page %zu: op %zu (kind %d) at (%.2f, %.2f) size %.2f x "
                "%.2f is off the A4 page",
                p + 1, k, o->kind, o->x, o->y, o->w, o->h);
    }
}

qujat_status try_layout(int pair) {
  qujat_layout_free(&lay);
  return qujat_layout(&left, pair ? &right : NULL, &info, &fake, &lay,
                      &lay_err);
}

void do_layout(int pair) {
  qujat_status st = try_layout(pair);
  cr_assert_eq(st, QUJAT_OK, "qujat_layout: %s", lay_err.msg);
  cr_assert_gt(lay.npages, 0);
  expect_on_page();
  cr_expect_eq(bad_runs, 0, "the measure got %d runs cut inside a character",
               bad_runs);
}

/* ------------------------------------------------------------------------
 * Finding ops
 * ------------------------------------------------------------------------ */

int draws(const struct op *o, const char *s) {
  if (o->kind != OP_TEXT || !s)
    return 0;
  uintptr_t p = (uintptr_t)o->text, a = (uintptr_t)s;
  return p >= a && p + o->len <= a + strlen(s);
}

static int op_is(const struct op *o, const char *s) {
  return o->kind == OP_TEXT && o->len == strlen(s) &&
         memcmp(o->text, s, o->len) == 0;
}

const struct block *owner_in(const struct blocks *bl, const struct op *o) {
  for (size_t i = 0; i < bl->n; i++) {
    const struct block *b = &bl->v[i];
    if (draws(o, b->text) || draws(o, b->label) || draws(o, b->value) ||
        draws(o, b->sub) || draws(o, b->sub2))
      return b;
  }
  return NULL;
}

const struct block *owner(const struct op *o) {
  const struct block *b = owner_in(&left, o);
  return b ? b : owner_in(&right, o);
}

int is_body(const struct op *o) {
  const struct block *b = owner(o);
  return b && b->kind != BLK_FOOTER;
}

size_t hits_of(const char *s, struct hit *out) {
  size_t n = 0;
  for (size_t p = 0; p < lay.npages; p++)
    for (size_t k = 0; k < lay.pages[p].n; k++)
      if (draws(&lay.pages[p].ops[k], s)) {
        cr_assert_lt(n, MAX_HITS);
        out[n++] = (struct hit){p, &lay.pages[p].ops[k]};
      }
  return n;
}

void expect_tiles(const char *s, const struct hit *hits, size_t n, int gap_ok) {
  size_t pos = 0, len = strlen(s);
  cr_assert_gt(n, 0, "'%s' is not drawn", s);
  for (size_t i = 0; i < n; i++) {
    size_t off = (size_t)(hits[i].op->text - s);
    cr_assert_geq(off, pos, "'%s': line %zu overlaps the one before", s, i);
    for (size_t k = pos; k < off; k++)
      cr_assert(gap_ok && s[k] == ' ', "'%s': byte %zu is not drawn", s, k);
    pos = off + hits[i].op->len;
  }
  for (; pos < len; pos++)
    cr_assert(gap_ok && s[pos] == ' ', "'%s': the end is not drawn", s);
}

size_t expect_on_one_page(const char *s, struct hit *lines, size_t *nlines) {
  struct hit local[MAX_HITS];
  struct hit *h = lines ? lines : local;
  size_t n = hits_of(s, h);
  expect_tiles(s, h, n, 1);
  cr_expect_eq(h[0].page, h[n - 1].page, "'%s' is split: pages %zu to %zu", s,
               h[0].page + 1, h[n - 1].page + 1);
  if (nlines)
    *nlines = n;
  return h[0].page;
}

const struct op *find_on(size_t page, const char *s) {
  const struct op *found = NULL;
  for (size_t k = 0; k < lay.pages[page].n; k++)
    if (op_is(&lay.pages[page].ops[k], s)) {
      cr_expect_null(found, "'%s' twice on page %zu", s, page + 1);
      found = &lay.pages[page].ops[k];
    }
  return found;
}

size_t page_of_exact(const char *s) {
  size_t page = 0, count = 0;
  for (size_t p = 0; p < lay.npages; p++)
    if (find_on(p, s)) {
      page = p;
      count++;
    }
  cr_assert_eq(count, 1, "'%s' is drawn %zu times", s, count);
  return page;
}

const struct op *last_body_text(size_t page) {
  const struct op *last = NULL;
  for (size_t k = 0; k < lay.pages[page].n; k++)
    if (is_body(&lay.pages[page].ops[k]))
      last = &lay.pages[page].ops[k];
  return last;
}

double column_right(size_t page) {
  double edge = 0;
  for (size_t k = 0; k < lay.pages[page].n; k++) {
    const struct op *o = &lay.pages[page].ops[k];
    if (o->kind == OP_LINE && o->h == 0 && o->x + o->w > edge)
      edge = o->x + o->w;
  }
  cr_assert_gt(edge, 0, "no rule on page %zu", page + 1);
  return edge;
}

/* ------------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------------ */

void long_list(enum block_kind kind) {
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  for (int i = 1; i <= LIST_ITEMS; i++) {
    struct block *b = kind == BLK_ITEM
                          ? add_item(&left, i, KK(i, 3 + (i * 7) % 37))
                          : add(&left, kind, KK(i, 3 + (i * 7) % 37));
    if (kind == BLK_ITEM && i % 3 == 0)
      b->sub = fmt("SMITH JANE (әйелі) үшін, №%d", i);
    if (kind == BLK_ITEM && i % 4 == 0)
      b->sub2 = fmt("Себебі №%d: %s", i, KK(i + 1, 12));
    if (i == LIST_ITEMS / 2)
      add(&left, BLK_PARA, KK(1000, 30));
  }
  add(&left, BLK_FOOTER,
      "Дереккөз: Экспат орталығының нұсқаулығы, 2026 "
      "жылғы басылым.");
}
