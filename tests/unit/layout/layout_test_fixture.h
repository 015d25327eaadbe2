/* SPDX-License-Identifier: MIT */
/* What the tests of the page layout (test_layout_*.c, suite layout)
 * share. The layout (layout.c) runs with a fake measure: every character
 * is CHAR_EM × size points wide, so that line breaks can be worked out by
 * hand. Blocks are built by hand. The layout draws the blocks' own bytes,
 * so every text op is traced back to its block through its text pointer;
 * texts the layout makes itself (item numbers, page numbers) are found by
 * their content. The suite's init empties the block lists and the layout,
 * its fini frees the layout. */
#ifndef QUJAT_TEST_LAYOUT_TEST_FIXTURE_H
#define QUJAT_TEST_LAYOUT_TEST_FIXTURE_H

#include <stddef.h>

#include "layout/layout.h"
#include "qujat/qujat.h"

#define CHAR_EM 0.5    /* the fake measure: every character is 0.5 em */
#define ITEM_SIZE 10.0 /* the type size of an item's text */
#define EPS 0.01

#define MAX_HITS 256

/* ------------------------------------------------------------------------
 * The fake measure
 * ------------------------------------------------------------------------ */

/* The width of s[0..len) in the fake measure (`user` and `font` unused). */
double fake_width(void *user, int font, double size, const char *s, size_t len);

/* The width of the text op `o`. */
double op_width(const struct op *o);

/* ------------------------------------------------------------------------
 * The fixture: two block lists (left, and right for kk+ru), the layout
 * ------------------------------------------------------------------------ */

extern struct blocks left, right;
extern struct layout lay;
extern struct layout_info info;
extern qujat_error lay_err; /* of the last try_layout() */

/* Starts a new document within a test. */
void reset(void);

/* Texts made by the tests, which live until the test ends. */
const char *fmt(const char *f, ...);

/* `n` copies of `word` joined by `sep`. */
const char *repeat(const char *word, int n, const char *sep);

/* A unique sentence "№<tag>" followed by `n` Kazakh (KK) or Russian (RU)
 * words. */
const char *kk_sentence(int tag, int n);
const char *ru_sentence(int tag, int n);
#define KK(tag, n) kk_sentence(tag, n)
#define RU(tag, n) ru_sentence(tag, n)

/* A block of `kind` with `text` at the end of `b`. */
struct block *add(struct blocks *b, enum block_kind kind, const char *text);

/* An item in a box, numbered `number`. */
struct block *add_item(struct blocks *b, int number, const char *text);

/* ------------------------------------------------------------------------
 * Running the layout
 * ------------------------------------------------------------------------ */

/* Lays out `left` (with `right` beside it when `pair`) into `lay`. */
qujat_status try_layout(int pair);

/* try_layout(), which must succeed; every op must stay on the A4 page,
 * every text op whole UTF-8, and the measure never get a run cut inside a
 * character. */
void do_layout(int pair);

/* ------------------------------------------------------------------------
 * Finding ops
 * ------------------------------------------------------------------------ */

struct hit {
  size_t page;
  const struct op *op;
};

/* Whether `o` draws bytes of the string `s`. */
int draws(const struct op *o, const char *s);

/* The block of `bl` whose texts `o` draws, or NULL. */
const struct block *owner_in(const struct blocks *bl, const struct op *o);

/* The block of `left` or `right` whose texts `o` draws, or NULL. */
const struct block *owner(const struct op *o);

/* Body text: drawn from a block other than the footer. */
int is_body(const struct op *o);

/* The text ops that draw bytes of `s`, in page order. */
size_t hits_of(const char *s, struct hit *out);

/* Asserts that the ops of `hits` draw `s` once, whole, in order: between
 * two lines only spaces are left out (`gap_ok` 0: nothing at all, for a
 * word broken between characters). */
void expect_tiles(const char *s, const struct hit *hits, size_t n, int gap_ok);

/* Asserts that `s` is drawn once, whole, on one page; returns that page
 * and (optional) its lines. */
size_t expect_on_one_page(const char *s, struct hit *lines, size_t *nlines);

/* The one op on `page` that is exactly `s`, or NULL. */
const struct op *find_on(size_t page, const char *s);

/* The page an exact text (e.g. an item number) is on; asserts it is drawn
 * exactly once in the whole layout. */
size_t page_of_exact(const char *s);

/* The last body text op on `page`. */
const struct op *last_body_text(size_t page);

/* The right end of the widest horizontal rule on `page`: the right edge of
 * the text column (heading rules and the footer rule span it). */
double column_right(size_t page);

/* ------------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------------ */

#define LIST_ITEMS 120

/* A title, a heading, LIST_ITEMS Kazakh items of 3 to 39 words (1 to 5
 * lines) as `kind` (BLK_ITEM, or BLK_PARA to compare), some with a person
 * (sub) and a reason (sub2), a paragraph in the middle and a footer. */
void long_list(enum block_kind kind);

#endif
