/* Unit tests of the page layout (layout.c) with a fake measure: every
 * character is 0.5 × size points wide, so that line breaks can be worked
 * out by hand. Blocks are built by hand. The layout draws the blocks' own
 * bytes, so every text op is traced back to its block through its text
 * pointer; texts the layout makes itself (item numbers, page numbers) are
 * found by their content. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "layout/layout.h"
#include "base/base.h"

#define CHAR_EM 0.5    /* the fake measure: every character is 0.5 em */
#define ITEM_SIZE 10.0 /* the type size of an item's text */
#define EPS 0.01

#define MAX_BLOCKS 512
#define MAX_HITS 256

/* ------------------------------------------------------------------------
 * The fake measure
 * ------------------------------------------------------------------------ */

/* Runs handed to the measure that start or end inside a UTF-8 sequence. */
static int bad_runs;

static double fake_width(void *user, int font, double size, const char *s,
                         size_t len) {
  (void)user;
  (void)font;
  if (!qujat_utf8_valid(s, len, NULL, NULL))
    bad_runs++;
  return CHAR_EM * size * (double)qujat_utf8_length_n(s, len);
}

static const struct metrics fake = {fake_width, NULL};

static double op_width(const struct op *o) {
  return fake_width(NULL, o->font, o->size, o->text, o->len);
}

/* ------------------------------------------------------------------------
 * Fixture: two block lists (left, and right for kk+ru), the layout
 * ------------------------------------------------------------------------ */

static struct block left_v[MAX_BLOCKS], right_v[MAX_BLOCKS];
static struct blocks left, right;
static struct layout lay;
static struct layout_info info;
static qujat_error err;

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
  memset(&err, 0, sizeof err);
  bad_runs = 0;
  pool_used = 0;
}

static void teardown(void) { qujat_layout_free(&lay); }

/* Starts a new document within a test. */
static void reset(void) {
  qujat_layout_free(&lay);
  setup();
}

TestSuite(layout, .init = setup, .fini = teardown);

static const char *fmt(const char *f, ...) {
  va_list ap;
  va_start(ap, f);
  char *s = pool + pool_used;
  int n = vsnprintf(s, sizeof pool - pool_used, f, ap);
  va_end(ap);
  cr_assert(n >= 0 && (size_t)n < sizeof pool - pool_used, "pool full");
  pool_used += (size_t)n + 1;
  return s;
}

/* `n` copies of `word` joined by `sep`. */
static const char *repeat(const char *word, int n, const char *sep) {
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

#define KK(tag, n)                                                             \
  sentence(kk_words, sizeof kk_words / sizeof *kk_words, tag, n)
#define RU(tag, n)                                                             \
  sentence(ru_words, sizeof ru_words / sizeof *ru_words, tag, n)

static struct block *add(struct blocks *b, enum block_kind kind,
                         const char *text) {
  cr_assert_lt(b->n, b->cap, "too many blocks");
  struct block *k = &b->v[b->n++];
  memset(k, 0, sizeof *k);
  k->kind = kind;
  k->text = text;
  return k;
}

static struct block *add_item(struct blocks *b, int number, const char *text) {
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

static qujat_status try_layout(int pair) {
  qujat_layout_free(&lay);
  return qujat_layout(&left, pair ? &right : NULL, &info, &fake, &lay, &err);
}

static void do_layout(int pair) {
  qujat_status st = try_layout(pair);
  cr_assert_eq(st, QUJAT_OK, "qujat_layout: %s", err.msg);
  cr_assert_gt(lay.npages, 0);
  expect_on_page();
  cr_expect_eq(bad_runs, 0, "the measure got %d runs cut inside a character",
               bad_runs);
}

/* ------------------------------------------------------------------------
 * Finding ops
 * ------------------------------------------------------------------------ */

/* Whether `o` draws bytes of the string `s`. */
static int draws(const struct op *o, const char *s) {
  if (o->kind != OP_TEXT || !s)
    return 0;
  uintptr_t p = (uintptr_t)o->text, a = (uintptr_t)s;
  return p >= a && p + o->len <= a + strlen(s);
}

static int op_is(const struct op *o, const char *s) {
  return o->kind == OP_TEXT && o->len == strlen(s) &&
         memcmp(o->text, s, o->len) == 0;
}

/* The block of `bl` whose texts `o` draws, or NULL. */
static const struct block *owner_in(const struct blocks *bl,
                                    const struct op *o) {
  for (size_t i = 0; i < bl->n; i++) {
    const struct block *b = &bl->v[i];
    if (draws(o, b->text) || draws(o, b->label) || draws(o, b->value) ||
        draws(o, b->sub) || draws(o, b->sub2))
      return b;
  }
  return NULL;
}

static const struct block *owner(const struct op *o) {
  const struct block *b = owner_in(&left, o);
  return b ? b : owner_in(&right, o);
}

/* Body text: drawn from a block other than the footer. */
static int is_body(const struct op *o) {
  const struct block *b = owner(o);
  return b && b->kind != BLK_FOOTER;
}

struct hit {
  size_t page;
  const struct op *op;
};

/* The text ops that draw bytes of `s`, in page order. */
static size_t hits_of(const char *s, struct hit *out) {
  size_t n = 0;
  for (size_t p = 0; p < lay.npages; p++)
    for (size_t k = 0; k < lay.pages[p].n; k++)
      if (draws(&lay.pages[p].ops[k], s)) {
        cr_assert_lt(n, MAX_HITS);
        out[n++] = (struct hit){p, &lay.pages[p].ops[k]};
      }
  return n;
}

/* Asserts that the ops of `hits` draw `s` once, whole, in order: between
 * two lines only spaces are left out (`gap_ok` 0: nothing at all, for a
 * word broken between characters). */
static void expect_tiles(const char *s, const struct hit *hits, size_t n,
                         int gap_ok) {
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

/* Asserts that `s` is drawn once, whole, on one page; returns that page
 * and (optional) its lines. */
static size_t expect_on_one_page(const char *s, struct hit *lines,
                                 size_t *nlines) {
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

/* The one op on `page` that is exactly `s`, or NULL. */
static const struct op *find_on(size_t page, const char *s) {
  const struct op *found = NULL;
  for (size_t k = 0; k < lay.pages[page].n; k++)
    if (op_is(&lay.pages[page].ops[k], s)) {
      cr_expect_null(found, "'%s' twice on page %zu", s, page + 1);
      found = &lay.pages[page].ops[k];
    }
  return found;
}

/* The page an exact text (e.g. an item number) is on; asserts it is drawn
 * exactly once in the whole layout. */
static size_t page_of_exact(const char *s) {
  size_t page = 0, count = 0;
  for (size_t p = 0; p < lay.npages; p++)
    if (find_on(p, s)) {
      page = p;
      count++;
    }
  cr_assert_eq(count, 1, "'%s' is drawn %zu times", s, count);
  return page;
}

/* The last body text op on `page`. */
static const struct op *last_body_text(size_t page) {
  const struct op *last = NULL;
  for (size_t k = 0; k < lay.pages[page].n; k++)
    if (is_body(&lay.pages[page].ops[k]))
      last = &lay.pages[page].ops[k];
  return last;
}

/* The right end of the widest horizontal rule on `page`: the right edge of
 * the text column (heading rules and the footer rule span it). */
static double column_right(size_t page) {
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

#define LIST_ITEMS 120

/* A title, a heading, LIST_ITEMS Kazakh items of 3 to 39 words (1 to 5
 * lines) as `kind` (BLK_ITEM, or BLK_PARA to compare), some with a person
 * (sub) and a reason (sub2), a paragraph in the middle and a footer. */
static void long_list(enum block_kind kind) {
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

/* ------------------------------------------------------------------------
 * (a) Page breaks keep items whole
 * ------------------------------------------------------------------------ */

Test(layout, long_list_makes_pages_and_never_splits_an_item) {
  long_list(BLK_ITEM);
  do_layout(0);
  cr_assert_geq(lay.npages, 4, "only %zu pages", lay.npages);

  size_t prev_page = 0;
  double prev_y = PAGE_HEIGHT;
  size_t box_index = 0;
  for (size_t i = 0; i < left.n; i++) {
    const struct block *b = &left.v[i];
    if (b->kind != BLK_ITEM)
      continue;
    struct hit lines[MAX_HITS];
    size_t n;
    size_t page = expect_on_one_page(b->text, lines, &n);
    if (b->sub)
      cr_expect_eq(expect_on_one_page(b->sub, NULL, NULL), page,
                   "item %d: its person is on another page", b->number);
    if (b->sub2)
      cr_expect_eq(expect_on_one_page(b->sub2, NULL, NULL), page,
                   "item %d: its reason is on another page", b->number);
    cr_expect_eq(page_of_exact(fmt("%d.", b->number)), page,
                 "item %d: its number is on another page", b->number);
    /* In reading order: after the item before it. */
    double y = lines[0].op->y;
    cr_expect(page > prev_page || (page == prev_page && y < prev_y),
              "item %d is out of order", b->number);
    prev_page = page;
    prev_y = y;
    /* Its box: the next box in page order, beside the first line. */
    size_t seen = 0;
    const struct op *box = NULL;
    for (size_t p = 0; p < lay.npages && !box; p++)
      for (size_t k = 0; k < lay.pages[p].n && !box; k++)
        if (lay.pages[p].ops[k].kind == OP_BOX && seen++ == box_index) {
          box = &lay.pages[p].ops[k];
          cr_expect_eq(p, page, "item %d: its box is on page %zu", b->number,
                       p + 1);
        }
    box_index++;
    cr_assert_not_null(box, "item %d has no box", b->number);
    cr_expect(box->y < y && y < box->y + box->h,
              "item %d: box %.1f..%.1f is not beside the baseline %.1f",
              b->number, box->y, box->y + box->h, y);
  }
  cr_expect_eq(box_index, LIST_ITEMS);
}

/* The control for the test above: the same texts as paragraphs, which may
 * break between lines, do cross page ends, so the fixture does put page
 * breaks where a multi-line item would be split. */
Test(layout, paragraphs_of_the_same_list_break_between_lines) {
  long_list(BLK_PARA);
  do_layout(0);
  size_t split = 0;
  for (size_t i = 0; i < left.n; i++) {
    if (left.v[i].kind != BLK_PARA)
      continue;
    struct hit lines[MAX_HITS];
    size_t n = hits_of(left.v[i].text, lines);
    expect_tiles(left.v[i].text, lines, n, 1);
    split += lines[0].page != lines[n - 1].page;
  }
  cr_expect_gt(split, 0, "no paragraph crosses a page end");
}

Test(layout, item_taller_than_a_page_is_split_between_lines) {
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  add_item(&left, 1, KK(1, 1200)); /* about 150 lines */
  add(&left, BLK_FOOTER, "Дереккөз");
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n = hits_of(left.v[1].text, lines);
  expect_tiles(left.v[1].text, lines, n, 1);
  cr_expect_geq(lay.npages, 2);
  cr_expect_eq(lines[n - 1].page, lay.npages - 1);
}

/* ------------------------------------------------------------------------
 * (b) Headings stay with what follows
 * ------------------------------------------------------------------------ */

enum tail {
  TAIL_NONE,    /* the heading is the last block before the footer */
  TAIL_ITEM,    /* heading, a 3-line item, more items */
  TAIL_SUBHEAD, /* heading, a step title, a 3-line bullet (compose's steps) */
  TAIL_HUGE     /* heading, an item taller than a page */
};

struct heading_doc {
  const char *heading, *subhead, *first; /* the texts after the heading */
  const char *before;                    /* the item just before it */
};

/* A title, `before` one-line items, a heading and `tail`. */
static struct heading_doc heading_doc(int before, enum tail tail) {
  struct heading_doc d = {0};
  reset();
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  for (int i = 1; i <= before; i++)
    d.before = add_item(&left, i, KK(i, 2))->text;
  d.heading = add(&left, BLK_HEADING, "Алымдар мен баждар")->text;
  if (tail == TAIL_SUBHEAD) {
    d.subhead = add(&left, BLK_SUBHEAD, "1-қадам: өтінім беру")->text;
    /* 3 lines of 9.5 pt bullets */
    d.first = add(&left, BLK_BULLET, KK(500, 30))->text;
  } else if (tail == TAIL_ITEM) {
    d.first = add_item(&left, before + 1, KK(500, 20))->text; /* 3 lines */
  } else if (tail == TAIL_HUGE) {
    d.first = add_item(&left, before + 1, KK(500, 800))->text; /* 90 lines */
  }
  for (int i = 0; tail != TAIL_NONE && i < 5; i++)
    add_item(&left, before + 2 + i, KK(600 + i, 2));
  add(&left, BLK_FOOTER, "Дереккөз");
  do_layout(0);
  return d;
}

static size_t page_of(const char *s) {
  struct hit h[MAX_HITS];
  cr_assert_gt(hits_of(s, h), 0, "'%s' is not drawn", s);
  return h[0].page;
}

static void expect_no_heading_last(int before) {
  for (size_t p = 0; p < lay.npages; p++) {
    const struct op *last = last_body_text(p);
    cr_assert_not_null(last, "%d items: page %zu has no text", before, p + 1);
    const struct block *b = owner(last);
    cr_assert(b->kind != BLK_HEADING && b->kind != BLK_SUBHEAD,
              "%d items before the heading: '%s' is the last text of page "
              "%zu of %zu",
              before, b->text, p + 1, lay.npages);
  }
}

Test(layout, heading_near_the_bottom_moves_with_its_first_item) {
  /* Find the number of items before the heading for which the heading
   * alone still fits on page 1 but not with its 3-line item. */
  int before = 0;
  for (int j = 1; j <= 80 && !before; j++) {
    struct heading_doc alone = heading_doc(j, TAIL_NONE);
    if (page_of(alone.heading) != 0)
      break;
    struct heading_doc d = heading_doc(j, TAIL_ITEM);
    if (page_of(d.heading) == 1)
      before = j;
  }
  cr_assert_gt(before, 0, "no case where the heading had to move");

  struct heading_doc d = heading_doc(before, TAIL_ITEM);
  cr_expect_eq(page_of(d.before), 0, "the item before the heading moved");
  cr_expect_eq(owner(last_body_text(0))->text, d.before,
               "page 1 does not end with the item before the heading");
  cr_expect(draws(&lay.pages[1].ops[0], d.heading),
            "the heading does not open page 2");
  cr_expect_eq(expect_on_one_page(d.first, NULL, NULL), 1,
               "the heading's first item is not on page 2 with it");
}

Test(layout, heading_is_never_the_last_text_of_a_page) {
  for (int j = 1; j <= 80; j++) {
    struct heading_doc d = heading_doc(j, TAIL_ITEM);
    expect_no_heading_last(j);
    cr_assert_eq(page_of(d.heading), expect_on_one_page(d.first, NULL, NULL),
                 "%d items: the heading and its item are apart", j);
  }
}

/* compose.c emits the steps of a procedure as a heading, a step title
 * (BLK_SUBHEAD) and bullets. */
Test(layout, heading_followed_by_a_step_title_is_never_left_alone) {
  /* Regression: keep-with-next once looked only one piece ahead, so a
   * heading could stay alone at the bottom of a page while its step title
   * and first bullet moved on. layout.h promises it never stays there. */
  for (int j = 1; j <= 80; j++) {
    struct heading_doc d = heading_doc(j, TAIL_SUBHEAD);
    expect_no_heading_last(j);
    size_t hp = page_of(d.heading);
    cr_assert(hp == page_of(d.subhead) && hp == page_of(d.first),
              "%d items: heading on page %zu, step title on %zu, its first "
              "bullet on %zu",
              j, hp + 1, page_of(d.subhead) + 1, page_of(d.first) + 1);
  }
}

Test(layout, heading_before_an_item_taller_than_a_page_is_not_left_alone) {
  /* Regression: a heading before an item taller than a page once never
   * fitted "with its item" and stayed behind; only the item's first line
   * needs to stay with the heading. */
  for (int j = 1; j <= 60; j++) {
    struct heading_doc d = heading_doc(j, TAIL_HUGE);
    expect_no_heading_last(j);
    cr_assert_eq(page_of(d.heading), page_of(d.first),
                 "%d items: the heading and its item start on different "
                 "pages",
                 j);
  }
}

/* ------------------------------------------------------------------------
 * (c) Page furniture
 * ------------------------------------------------------------------------ */

Test(layout, every_page_has_footer_page_number_and_running_header) {
  long_list(BLK_ITEM);
  info.running_left = "Қазақстан аумағында жұмыс визасын алу";
  info.running_right = "SMITH JOHN";
  do_layout(0);
  const char *footer = left.v[left.n - 1].text;
  size_t npages = lay.npages;
  cr_assert_geq(npages, 3);
  for (size_t p = 0; p < npages; p++) {
    /* The footer, whole, once per page, below all the body text. */
    struct hit h[MAX_HITS], on_p[MAX_HITS];
    size_t n = hits_of(footer, h), k = 0;
    for (size_t i = 0; i < n; i++)
      if (h[i].page == p)
        on_p[k++] = h[i];
    expect_tiles(footer, on_p, k, 1);
    double body_low = PAGE_HEIGHT, body_high = 0;
    for (size_t i = 0; i < lay.pages[p].n; i++) {
      const struct op *o = &lay.pages[p].ops[i];
      if (is_body(o)) {
        body_low = fmin(body_low, o->y);
        body_high = fmax(body_high, o->y + o->size);
      }
    }
    cr_expect_lt(on_p[0].op->y + on_p[0].op->size, body_low,
                 "page %zu: the footer reaches into the body", p + 1);

    /* "p / N", at the bottom right. */
    const struct op *num = find_on(p, fmt("%zu / %zu", p + 1, npages));
    cr_assert_not_null(num, "page %zu has no '%zu / %zu'", p + 1, p + 1,
                       npages);
    cr_expect_lt(num->y, body_low, "page %zu: the number is not at the bottom",
                 p + 1);
    cr_expect_gt(num->x, PAGE_WIDTH / 2, "page %zu: the number is not right",
                 p + 1);

    /* The running header from page 2 on, above the body. */
    size_t nl = 0, nr = 0;
    for (size_t i = 0; i < lay.pages[p].n; i++) {
      const struct op *o = &lay.pages[p].ops[i];
      if (o->kind == OP_TEXT && o->text == info.running_left) {
        nl++;
        cr_expect_eq(o->len, strlen(info.running_left), "cut although short");
        cr_expect_gt(o->y, body_high, "page %zu: header below the body", p + 1);
      }
      if (o->kind == OP_TEXT && o->text == info.running_right) {
        nr++;
        cr_expect_gt(o->y, body_high, "page %zu: header below the body", p + 1);
      }
    }
    cr_expect_eq(nl, p == 0 ? 0 : 1, "page %zu: %zu running titles", p + 1, nl);
    cr_expect_eq(nr, p == 0 ? 0 : 1, "page %zu: %zu running names", p + 1, nr);
  }
}

Test(layout, long_running_title_is_cut_between_characters) {
  long_list(BLK_ITEM);
  info.running_left = repeat("ӘҒҚҢӨҰҮҺІ", 30, ""); /* 270 letters, no space */
  info.running_right = "SMITH JOHN";
  do_layout(0);
  cr_assert_geq(lay.npages, 2);
  const struct op *title = NULL, *name = NULL;
  for (size_t i = 0; i < lay.pages[1].n; i++) {
    const struct op *o = &lay.pages[1].ops[i];
    if (o->kind == OP_TEXT && o->text == info.running_left)
      title = o;
    if (o->kind == OP_TEXT && o->text == info.running_right)
      name = o;
  }
  cr_assert_not_null(title);
  cr_assert_not_null(name);
  cr_expect_lt(title->len, strlen(info.running_left), "not cut");
  cr_expect_gt(title->len, 0);
  cr_expect(qujat_utf8_valid(title->text, title->len, NULL, NULL),
            "cut inside a letter");
  cr_expect_lt(title->x + op_width(title), name->x,
               "the title runs into the applicant's name");
}

/* ------------------------------------------------------------------------
 * (d) Wrapping
 * ------------------------------------------------------------------------ */

/* The number of words in s[0..len). */
static size_t words_in(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
  return n;
}

Test(layout, long_item_wraps_into_lines_of_whole_words) {
  const char *word = "құжаттарды"; /* 10 letters: 50 pt at 10 pt */
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  const char *text = add_item(&left, 1, repeat(word, 20, " "))->text;
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n;
  expect_on_one_page(text, lines, &n);
  /* By hand: the column holds floor(room / 5 pt) characters; a line of k
   * words takes 11k - 1 of them. (Today: 462.08 pt, 92 characters, 8
   * words per line, so 20 words make lines of 8, 8 and 4.) */
  double room = column_right(0) - lines[0].op->x;
  size_t chars = (size_t)floor(room / (CHAR_EM * ITEM_SIZE) + EPS);
  size_t per_line = (chars + 1) / 11;
  cr_assert_geq(per_line, 2);
  cr_expect_eq(n, (20 + per_line - 1) / per_line, "%zu lines", n);
  for (size_t i = 0; i < n; i++) {
    const struct op *o = lines[i].op;
    size_t want = i + 1 < n ? per_line : 20 - (n - 1) * per_line;
    cr_expect_eq(o->x, lines[0].op->x, "line %zu is not aligned", i);
    cr_expect_eq(o->len, want * 21 - 1, "line %zu is '%.*s'", i, (int)o->len,
                 o->text);
    cr_expect_eq(words_in(o->text, o->len), want);
    cr_expect_leq(o->x + op_width(o), column_right(0) + EPS,
                  "line %zu is wider than the column", i);
  }
}

Test(layout, lines_are_filled_as_far_as_the_column_allows) {
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  const char *text = add_item(&left, 1, KK(7, 90))->text;
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n;
  expect_on_one_page(text, lines, &n);
  cr_assert_geq(n, 5);
  double edge = column_right(0);
  for (size_t i = 0; i < n; i++) {
    const struct op *o = lines[i].op;
    cr_expect_leq(o->x + op_width(o), edge + EPS, "line %zu too wide", i);
    cr_expect(o->len > 0 && o->text[0] != ' ' && o->text[o->len - 1] != ' ',
              "line %zu has spaces at an end", i);
    if (i + 1 == n)
      continue;
    /* The first word of the next line would not have fitted. */
    const char *next = lines[i + 1].op->text;
    size_t word = strcspn(next, " ");
    double with_next = op_width(o) + CHAR_EM * o->size +
                       fake_width(NULL, o->font, o->size, next, word);
    cr_expect_gt(o->x + with_next, edge, "line %zu could take '%.*s'", i,
                 (int)word, next);
  }
}

Test(layout, word_wider_than_the_column_breaks_between_letters) {
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  /* 198 two-byte letters, no space: more than twice the column. */
  const char *text = add_item(&left, 1, repeat("әғқңөұүһіӘҒ", 18, ""))->text;
  do_layout(0);
  struct hit lines[MAX_HITS];
  size_t n = hits_of(text, lines);
  expect_tiles(text, lines, n, 0);
  cr_assert_geq(n, 3, "%zu pieces", n);
  double edge = column_right(0);
  for (size_t i = 0; i < n; i++) {
    const struct op *o = lines[i].op;
    cr_expect(qujat_utf8_valid(o->text, o->len, NULL, NULL),
              "piece %zu is cut inside a letter", i);
    cr_expect_leq(o->x + op_width(o), edge + EPS, "piece %zu too wide", i);
    if (i + 1 < n) /* full: one more letter would not fit */
      cr_expect_gt(o->x + op_width(o) + CHAR_EM * o->size, edge,
                   "piece %zu is short", i);
  }
}

/* ------------------------------------------------------------------------
 * (e) kk+ru side by side
 * ------------------------------------------------------------------------ */

#define PAIR_ITEMS 40

/* The same blocks in Kazakh (left) and Russian (right); the Russian items
 * ask for boxes too, which only the Kazakh column may draw. */
static void pair_doc(const char *kk_footer) {
  add(&left, BLK_TITLE, "Құжаттар тізбесі");
  add(&right, BLK_TITLE, "Перечень документов");
  add(&left, BLK_HEADING, "Тапсырылатын құжаттар");
  add(&right, BLK_HEADING, "Документы, которые нужно представить");
  for (int i = 1; i <= PAIR_ITEMS; i++) {
    add_item(&left, i, KK(i, 4 + (i * 5) % 23));
    add_item(&right, i, RU(i, 3 + (i * 3) % 29));
  }
  add(&left, BLK_PARA, KK(900, 25));
  add(&right, BLK_PARA, RU(900, 25));
  add(&left, BLK_FOOTER, kk_footer);
  add(&right, BLK_FOOTER, "Источник: руководство Экспат-центра, 2026.");
}

/* Where the texts of the two languages are on `page`: the body, or the
 * footer. */
struct columns {
  size_t nleft, nright;
  double left_min, left_end, right_min;
};

static struct columns columns_of(size_t page, int footer) {
  struct columns c = {0, 0, PAGE_WIDTH, 0, PAGE_WIDTH};
  for (size_t k = 0; k < lay.pages[page].n; k++) {
    const struct op *o = &lay.pages[page].ops[k];
    const struct block *kk = owner_in(&left, o), *ru = owner_in(&right, o);
    if (kk && (kk->kind == BLK_FOOTER) == footer) {
      c.nleft++;
      c.left_min = fmin(c.left_min, o->x);
      c.left_end = fmax(c.left_end, o->x + op_width(o));
    } else if (ru && (ru->kind == BLK_FOOTER) == footer) {
      c.nright++;
      c.right_min = fmin(c.right_min, o->x);
    }
  }
  return c;
}

Test(layout, kk_ru_lays_the_languages_out_in_two_columns) {
  pair_doc("Дереккөз: Экспат орталығының нұсқаулығы, 2026.");
  do_layout(1);
  cr_assert_geq(lay.npages, 2);
  size_t boxes = 0;
  for (size_t p = 0; p < lay.npages; p++) {
    /* The body and the footer (narrower: room for the page number) each
     * have their two columns. */
    for (int footer = 0; footer < 2; footer++) {
      struct columns c = columns_of(p, footer);
      cr_expect(c.nleft > 0 && c.nright > 0, "page %zu: %zu kk, %zu ru texts",
                p + 1, c.nleft, c.nright);
      cr_expect_lt(c.left_end, c.right_min,
                   "page %zu%s: the Kazakh column (to %.1f) runs into the "
                   "Russian one (from %.1f)",
                   p + 1, footer ? " (footer)" : "", c.left_end, c.right_min);
    }
    double left_min = columns_of(p, 0).left_min;
    for (size_t k = 0; k < lay.pages[p].n; k++) {
      const struct op *o = &lay.pages[p].ops[k];
      if (o->kind != OP_BOX)
        continue;
      boxes++;
      cr_expect_leq(o->x + o->w, left_min,
                    "page %zu: a box is not in the left margin", p + 1);
    }
  }
  cr_expect_eq(boxes, PAIR_ITEMS, "%zu boxes for %d items", boxes, PAIR_ITEMS);
  /* One number per item, and both languages of an item start on one
   * line. */
  for (size_t i = 0; i < left.n; i++) {
    if (left.v[i].kind != BLK_ITEM)
      continue;
    page_of_exact(fmt("%d.", left.v[i].number));
    struct hit kk[MAX_HITS], ru[MAX_HITS];
    size_t nk, nr;
    size_t pk = expect_on_one_page(left.v[i].text, kk, &nk);
    size_t pr = expect_on_one_page(right.v[i].text, ru, &nr);
    cr_expect_eq(pk, pr, "item %d: kk on page %zu, ru on %zu", left.v[i].number,
                 pk + 1, pr + 1);
    cr_expect_eq(kk[0].op->y, ru[0].op->y, "item %d: the columns disagree",
                 left.v[i].number);
  }
}

Test(layout, kk_ru_with_different_blocks_is_an_argument_error) {
  pair_doc("Дереккөз");
  right.n--; /* the Russian footer is missing */
  cr_expect_eq(try_layout(1), QUJAT_ERR_ARG);
  cr_expect_eq(err.code, QUJAT_ERR_ARG);
  cr_expect_eq(lay.npages, 0, "pages left after an error");
}

/* (f) in the tightest place: a long Kazakh footer in half the width. */
Test(layout, kk_ru_long_footer_stays_on_the_page) {
  pair_doc("Дереккөз: Экспат орталығының нұсқаулығы, 2026 жылғы басылым "
           "(expat-guide-2026.pdf). Деректер дереккөзбен салыстырылған "
           "күн: 2026 жылғы 21 қараша. Барар алдында қолданыстағы "
           "талаптарды Экспат орталығынан нақтылаңыз.");
  do_layout(1); /* checks every op against the page */
  const char *footer = left.v[left.n - 1].text;
  struct hit h[MAX_HITS];
  size_t n = hits_of(footer, h);
  cr_expect_eq(n % lay.npages, 0);
  cr_expect_geq(n / lay.npages, 3, "the footer should wrap here");
}
