/* SPDX-License-Identifier: MIT */
/* Unit tests of shaping (pdf_shape.c): each character's code point and its
 * kerning against the one before, as qujat_ttf_glyph and qujat_ttf_kern
 * give them, the same when the thread gives the run it kept; a character
 * without a glyph, or a NUL, is refused with it; the fonts' own kerning is
 * kept apart. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "pdf/pdf_internal.h"
#include "ttf_helpers.h"

TestSuite(pdf_shape, .init = ttf_setup, .fini = ttf_teardown);

static void expect_shaped(const struct ttf *f, const char *s) {
  uint32_t cps[512];
  size_t n = code_points(s, cps);
  struct shaping run;
  uint32_t missing = 0;
  cr_assert_eq(qujat_shape(f, s, strlen(s), &run, &missing), QUJAT_OK, "%s",
               s);
  cr_assert_eq(run.n, n, "%s: %zu characters, not %zu", s, run.n, n);
  for (size_t i = 0; i < n; i++) {
    cr_expect_eq(run.c[i].cp, cps[i], "%s: character %zu", s, i);
    int kern = i ? qujat_ttf_kern(f, qujat_ttf_glyph(f, cps[i - 1]),
                                  qujat_ttf_glyph(f, cps[i]))
                 : 0;
    cr_expect_eq(run.c[i].kern, kern, "%s: the kerning before %zu", s, i);
  }
  qujat_shaping_done(&run);
}

static const char *const runs[] = {
    "AVATAR Тут Уа Г. Те", "Шетелдіктің жеке басын куәландыратын құжаты",
    "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І", "Заграничный паспорт иностранца",
    "", "№ 5: 1 119 250,00 тенге — «ТОО»"};

Test(pdf_shape, every_run_as_glyphs_and_pairs_give_it_and_again_kept) {
  for (int round = 0; round < 4; round++) /* the later rounds kept */
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
      expect_shaped(reg, runs[r]);
      expect_shaped(bold, runs[r]);
    }
}

Test(pdf_shape, a_character_without_a_glyph_is_refused_with_it) {
  for (int round = 0; round < 3; round++) {
    struct shaping run;
    uint32_t missing = 0;
    const char *s = "Паспорт \xe2\x9c\x88 (a plane)"; /* U+2708 */
    cr_expect_eq(qujat_shape(reg, s, strlen(s), &run, &missing),
                 QUJAT_ERR_FONT);
    cr_expect_eq(missing, 0x2708);
    cr_expect_null(run.own);
    const char nul[] = {'a', '\0', 'b'};
    missing = 1;
    cr_expect_eq(qujat_shape(reg, nul, sizeof nul, &run, &missing),
                 QUJAT_ERR_FONT);
    cr_expect_eq(missing, 0);
  }
}
