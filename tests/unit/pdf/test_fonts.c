/* SPDX-License-Identifier: MIT */
/* Unit tests of the catalog's fonts (fonts.c): loaded once, on the first
 * call, whatever the number of threads asking at once; a wrong path, a
 * damaged font or no fonts.xml gives the same error on every call. */
#include <criterion/criterion.h>

#include <pthread.h>
#include <string.h>

#include "pdf/pdf_internal.h"
#include "catalog/catalog.h"
#include "qujat/qujat.h"
#include "ttf_helpers.h"

TestSuite(fonts, .init = ttf_setup, .fini = ttf_teardown);

struct getter {
  const struct qujat_catalog *c;
  pthread_barrier_t *start;
  const struct ttf *fonts[NFONTS];
  qujat_status st;
  qujat_error err;
};

static void *get_fonts(void *arg) {
  struct getter *g = arg;
  pthread_barrier_wait(g->start);
  g->st = qujat_fonts_get(g->c, g->fonts, &g->err);
  return NULL;
}

/* Calls qujat_fonts_get on `c` from `n` threads at once. */
static void get_in_threads(const struct qujat_catalog *c, struct getter *g,
                           unsigned n) {
  pthread_barrier_t start;
  cr_assert_eq(pthread_barrier_init(&start, NULL, n), 0);
  pthread_t t[8];
  cr_assert_leq(n, 8);
  for (unsigned i = 0; i < n; i++) {
    memset(&g[i], 0, sizeof g[i]);
    g[i].c = c;
    g[i].start = &start;
    cr_assert_eq(pthread_create(&t[i], NULL, get_fonts, &g[i]), 0);
  }
  for (unsigned i = 0; i < n; i++)
    cr_assert_eq(pthread_join(t[i], NULL), 0);
  pthread_barrier_destroy(&start);
}

static qujat_catalog *load_catalog(void) {
  qujat_catalog *c = NULL;
  qujat_status st = qujat_catalog_load_dir(QUJAT_TEST_DATA_DIR, &c, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  cr_assert_null(((struct qujat_catalog *)c)->renderer_cache,
               "fonts loaded before the first PDF");
  return c;
}

Test(fonts, fonts_from_two_threads_are_the_same_fonts) {
  for (int round = 0; round < 3; round++) {
    qujat_catalog *c = load_catalog();
    unsigned n = round == 0 ? 2 : 8;
    struct getter g[8];
    get_in_threads(c, g, n);
    for (unsigned i = 0; i < n; i++) {
      cr_expect_eq(g[i].st, QUJAT_OK, "thread %u: %s", i, g[i].err.msg);
      for (int k = 0; k < NFONTS; k++) {
        cr_expect_not_null(g[i].fonts[k]);
        cr_expect_eq(g[i].fonts[k], g[0].fonts[k], "thread %u font %d", i, k);
      }
    }
    cr_assert_not_null(g[0].fonts[FONT_REGULAR]);
    cr_assert_not_null(g[0].fonts[FONT_BOLD]);
    cr_expect_neq(g[0].fonts[FONT_REGULAR], g[0].fonts[FONT_BOLD]);
    cr_expect_str_eq(g[0].fonts[FONT_REGULAR]->ps_name, "QujatSans-Regular");
    cr_expect_str_eq(g[0].fonts[FONT_BOLD]->ps_name, "QujatSans-Bold");
    /* And later calls, here without an error structure. */
    const struct ttf *again[NFONTS];
    cr_expect_eq(qujat_fonts_get(c, again, NULL), QUJAT_OK);
    cr_expect(again[0] == g[0].fonts[0] && again[1] == g[0].fonts[1]);
    qujat_catalog_free(c);
  }
}

/* Every call, from any thread, gives the same error and no font. */
static void expect_same_error(qujat_catalog *c, const char *want_file,
                              const char *want_msg) {
  qujat_error first;
  memset(&first, 0, sizeof first);
  for (int call = 0; call < 3; call++) {
    const struct ttf *out[NFONTS] = {reg, reg};
    qujat_error e;
    memset(&e, 0, sizeof e);
    qujat_status st = qujat_fonts_get(c, out, &e);
    cr_expect_eq(st, QUJAT_ERR_FONT, "call %d: %s", call, qujat_strerror(st));
    cr_expect_eq(e.code, QUJAT_ERR_FONT);
    cr_expect_null(out[0], "call %d: a font with the error", call);
    cr_expect_null(out[1], "call %d: a font with the error", call);
    cr_expect_str_eq(e.file, want_file);
    cr_expect(strstr(e.msg, want_msg) != NULL, "message '%s' lacks '%s'", e.msg,
              want_msg);
    if (call == 0)
      first = e;
    cr_expect(first.code == e.code && strcmp(first.file, e.file) == 0 &&
                  strcmp(first.msg, e.msg) == 0 && first.line == e.line,
              "call %d: '%s' after '%s'", call, e.msg, first.msg);
  }
  struct getter g[4];
  get_in_threads(c, g, 4);
  for (unsigned i = 0; i < 4; i++) {
    cr_expect_eq(g[i].st, QUJAT_ERR_FONT);
    cr_expect_str_eq(g[i].err.msg, first.msg);
    cr_expect_str_eq(g[i].err.file, first.file);
    cr_expect(!g[i].fonts[0] && !g[i].fonts[1]);
  }
  cr_expect_eq(
      qujat_fonts_get(c, (const struct ttf *[NFONTS]){NULL, NULL}, NULL),
      QUJAT_ERR_FONT);
}

Test(fonts, wrong_font_path_gives_the_same_error_on_every_call) {
  static const char bad[] = FONTS_DIR "/NoSuch-Bold.ttf";
  /* The bold font is wrong: the regular one, loaded first, is let go. */
  qujat_catalog *c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_BOLD].path = bad;
  expect_same_error(c, bad, "cannot open the font");
  qujat_catalog_free(c);
  /* The regular font is wrong, from threads first. */
  c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_REGULAR].path = bad;
  struct getter g[2];
  get_in_threads(c, g, 2);
  cr_expect(g[0].st == QUJAT_ERR_FONT && g[1].st == QUJAT_ERR_FONT);
  expect_same_error(c, bad, "cannot open the font");
  qujat_catalog_free(c);
  /* A damaged font: the CRC of fonts.xml does not match. */
  c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_BOLD].crc32 ^= 1;
  expect_same_error(c, ((struct qujat_catalog *)c)->fonts[FONT_BOLD].path,
                    "damaged");
  qujat_catalog_free(c);
  /* No fonts.xml at all. */
  c = load_catalog();
  ((struct qujat_catalog *)c)->fonts[FONT_REGULAR].path = NULL;
  expect_same_error(c, "", "fonts.xml");
  qujat_catalog_free(c);
}
