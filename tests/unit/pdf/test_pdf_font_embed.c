/* SPDX-License-Identifier: MIT */
/* Unit tests of what a PDF embeds for one use of a font (pdf_font.c): the
 * ToUnicode CMap, in blocks of at most 100 entries and with surrogate
 * pairs, of two-byte or one-byte codes, the choice between them
 * (pdf_embed.c), and the font program, whose glyph i is the glyph of CID i
 * (a subset checked by ttf_check.h), up to every character of the BMP. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "pdf/pdf_embed.h"
#include "pdf/pdf_internal.h"
#include "qujat/qujat.h"
#include "ttf_check.h"
#include "ttf_helpers.h"
#include "ttf_synth.h"

TestSuite(pdf_font_embed, .init = ttf_setup, .fini = ttf_teardown);

/* UTF-16BE of `cp` in upper-case hex. */
static void utf16_hex(uint32_t cp, char *out, size_t cap) {
  if (cp < 0x10000)
    snprintf(out, cap, "%04X", (unsigned)cp);
  else
    snprintf(out, cap, "%04X%04X", 0xd800 + ((cp - 0x10000) >> 10),
             0xdc00 + ((cp - 0x10000) & 0x3ff));
}

/* Checks the ToUnicode CMap `cmap` for the code points `cps` (code 1 on),
 * of codes of two bytes or (`one_byte`) one. */
static void check_to_unicode_of(const char *cmap, const uint32_t *cps,
                                size_t n, int one_byte) {
  char head[512];
  snprintf(head, sizeof head,
           "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
           "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement "
           "0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
           "1 begincodespacerange\n%s\nendcodespacerange\n",
           one_byte ? "<00> <FF>" : "<0000> <FFFF>");
  static const char tail[] =
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  cr_assert_eq(strncmp(cmap, head, strlen(head)), 0, "header: %.200s", cmap);
  const char *p = cmap + strlen(head);
  size_t blocks = 0;
  for (size_t done = 0; done < n; blocks++) {
    size_t block = n - done < 100 ? n - done : 100;
    char line[64];
    snprintf(line, sizeof line, "%zu beginbfchar\n", block);
    cr_assert_eq(strncmp(p, line, strlen(line)), 0, "block %zu: %.40s", blocks,
                 p);
    p += strlen(line);
    for (size_t k = 0; k < block; k++, done++) {
      char u16[16];
      utf16_hex(cps[done], u16, sizeof u16);
      snprintf(line, sizeof line, one_byte ? "<%02zX> <%s>\n" : "<%04zX> <%s>\n",
               done + 1, u16);
      cr_assert_eq(strncmp(p, line, strlen(line)), 0, "CID %zu: %.30s",
                   done + 1, p);
      p += strlen(line);
    }
    cr_assert_eq(strncmp(p, "endbfchar\n", 10), 0, "after block %zu: %.30s",
                 blocks, p);
    p += 10;
  }
  cr_expect_eq(blocks, (n + 99) / 100);
  cr_expect_str_eq(p, tail);
  /* Independently: no block has more than 100 entries. */
  for (const char *q = cmap; (q = strstr(q, "beginbfchar")) != NULL; q++) {
    const char *num = q - 2;
    while (num > cmap && num[-1] >= '0' && num[-1] <= '9')
      num--;
    cr_expect_leq(strtol(num, NULL, 10), 100);
  }
}

static void check_to_unicode(const char *cmap, const uint32_t *cps, size_t n) {
  check_to_unicode_of(cmap, cps, n, 0);
}

/* A frozen use of the first `n` code points with a glyph from U+0020
 * (`cps`), added backwards one by one. */
static void use_n(struct font_use *u, size_t n, uint32_t *cps) {
  first_code_points(n, cps);
  qujat_font_use_init(u, reg);
  for (size_t i = n; i-- > 0;) {
    char one[5];
    one[utf8(one, cps[i])] = '\0';
    add_ok(u, one);
  }
  cr_assert_eq(qujat_font_use_freeze(u), QUJAT_OK);
  cr_assert_eq(u->n, n);
}

Test(pdf_font_embed, to_unicode_in_blocks_of_at_most_100) {
  static const size_t sizes[] = {0, 1, 99, 100, 101, 200, 250, 350, 415};
  uint32_t cps[415];
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    struct font_use u;
    use_n(&u, sizes[i], cps);
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
    check_to_unicode(out.data, cps, sizes[i]);
    size_t blocks = 0;
    for (const char *q = out.data; (q = strstr(q, "endbfchar")) != NULL; q++)
      blocks++;
    cr_expect_eq(blocks, (sizes[i] + 99) / 100, "%zu CIDs", sizes[i]);
    cr_expect_null(strstr(out.data, "bfrange"), "%zu CIDs: a bfrange",
                   sizes[i]);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
  }
}

/* The CMap of simple fonts (pdf_embed.c): codes of one byte, 1..255. */
Test(pdf_font_embed, to_unicode_of_one_byte_codes) {
  static const size_t sizes[] = {1, 100, 101, 255};
  uint32_t cps[255];
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    struct font_use u;
    use_n(&u, sizes[i], cps);
    u.one_byte = 1;
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
    check_to_unicode_of(out.data, cps, sizes[i], 1);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
  }
}

/* Simple fonts while the faces have 255 glyphs together at most; then
 * Type0 (qujat_pdf_fonts_number). */
Test(pdf_font_embed, one_byte_codes_up_to_255_glyphs) {
  static const struct {
    size_t regular, bold;
    int one_byte;
  } cases[] = {{1, 0, 1}, {200, 55, 1}, {200, 56, 0}, {0, 255, 1},
               {256, 0, 0}, {0, 0, 1}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    struct font_use use[NFONTS];
    memset(use, 0, sizeof use);
    use[FONT_REGULAR].n = cases[i].regular;
    use[FONT_BOLD].n = cases[i].bold;
    qujat_pdf_fonts_number(use);
    cr_expect_eq(use[FONT_BOLD].base, cases[i].regular, "case %zu", i);
    for (int k = 0; k < NFONTS; k++)
      cr_expect_eq(use[k].one_byte, cases[i].one_byte, "case %zu, face %d",
                   i, k);
  }
}

Test(pdf_font_embed, to_unicode_writes_surrogate_pairs) {
  /* No bundled glyph lies outside the BMP: put two in by hand. */
  struct font_use u;
  uint32_t cps[4];
  use_n(&u, 2, cps);
  uint32_t *more = realloc(u.cps, 4 * sizeof *more);
  cr_assert_not_null(more);
  u.cps = more;
  u.cps[u.n++] = cps[2] = 0x1F600;
  u.cps[u.n++] = cps[3] = 0x10FFFF;
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
  cr_expect_not_null(strstr(out.data, "<0003> <D83DDE00>\n"), "%s", out.data);
  cr_expect_not_null(strstr(out.data, "<0004> <DBFFDFFF>\n"), "%s", out.data);
  check_to_unicode(out.data, cps, 4);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
}
Test(pdf_font_embed, font_program_has_glyph_i_for_cid_i) {
  const struct ttf *fonts[] = {reg, bold};
  const unsigned char *bytes[] = {reg_bytes, bold_bytes};
  size_t lens[] = {reg_len, bold_len};
  for (int i = 0; i < 2; i++) {
    struct font_use u;
    use_text(&u, fonts[i], TEXT_KK);
    struct buf out;
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
    /* {0, glyph of CID 1, glyph of CID 2, ...}, by our own cmap reader. */
    uint16_t gids[128];
    size_t n = text_gids(bytes[i], lens[i], TEXT_KK, gids);
    cr_assert_eq(n, u.n + 1);
    check_subset(bytes[i], lens[i], fonts[i], (unsigned char *)out.data,
                 out.len, gids, n);
    /* The same bytes as the subset of those glyphs. */
    struct buf direct;
    qujat_buf_init(&direct, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_ttf_subset(fonts[i], gids, n, &direct), QUJAT_OK);
    cr_expect(direct.len == out.len &&
              memcmp(direct.data, out.data, out.len) == 0);
    qujat_buf_free(&direct);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
    /* A font nothing was drawn with: .notdef alone. */
    qujat_font_use_init(&u, fonts[i]);
    cr_assert_eq(qujat_font_use_freeze(&u), QUJAT_OK);
    qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
    cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
    check_subset(bytes[i], lens[i], fonts[i], (unsigned char *)out.data,
                 out.len, gids, 1);
    qujat_buf_free(&out);
    qujat_font_use_free(&u);
  }
}

/* Every character a font can map: 63485 CIDs (U+0001..U+FFFD but the
 * surrogates), so that both bytes of a CID need escapes, and the most
 * glyphs a subset gets from a font use. */
Test(pdf_font_embed, every_bmp_character_gets_a_cid) {
  size_t flen;
  unsigned char *d = wide_font(&flen);
  struct ttf *f = parse_ok(d, flen);
  cr_assert_eq(f->nglyphs, WIDE_GLYPHS);
  size_t n = 0;
  uint32_t *cps = malloc(WIDE_LAST_CP * sizeof *cps);
  char *text = malloc(3 * (size_t)WIDE_LAST_CP + 1);
  cr_assert(cps && text);
  size_t len = 0;
  for (uint32_t cp = WIDE_LAST_CP; cp >= 1; cp--) /* backwards */
    if (cp < 0xd800 || cp > 0xdfff)
      len += utf8(text + len, cp);
  text[len] = '\0';
  for (uint32_t cp = 1; cp <= WIDE_LAST_CP; cp++)
    if (cp < 0xd800 || cp > 0xdfff)
      cps[n++] = cp;
  cr_assert_eq(n, WIDE_LAST_CP - 2048);
  struct font_use u;
  use_text(&u, f, text);
  cr_assert_eq(u.n, n);
  cr_expect_eq(memcmp(u.cps, cps, n * sizeof *cps), 0,
               "not in code point order");
  /* The text backwards: CIDs n, n - 1, ..., 1. */
  struct buf out;
  qujat_buf_init(&out, QUJAT_BUF_DEFAULT_LIMIT);
  unsigned *cids = malloc(n * sizeof *cids);
  cr_assert_not_null(cids);
  cr_assert_eq(string_cids(&u, text, &out, cids, n), n);
  size_t escapes = 0, high = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned want = (unsigned)(n - i);
    cr_expect_eq(cids[i], want, "character %zu: CID %u", i, cids[i]);
    unsigned hi = want >> 8, lo = want & 0xff;
    high += hi == 0x28 || hi == 0x29 || hi == 0x5c || hi == 0x0d;
    escapes += (hi == 0x28 || hi == 0x29 || hi == 0x5c || hi == 0x0d) +
               (lo == 0x28 || lo == 0x29 || lo == 0x5c || lo == 0x0d);
  }
  cr_expect_eq(high, 4 * 256, "CIDs with an escaped high byte");
  cr_expect_eq(out.len, 2 + 2 * n + escapes);
  cr_expect_null(memchr(out.data, '\r', out.len), "a raw CR");
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_to_unicode(&u, &out), QUJAT_OK);
  check_to_unicode(out.data, cps, n);
  for (size_t cid = 1; cid <= n; cid += 997)
    cr_expect_eq(qujat_font_use_width(&u, cid), 600, "CID %zu", cid);
  /* The program: glyph cp + 1 for each character. */
  qujat_buf_reset(&out);
  cr_assert_eq(qujat_font_use_program(&u, &out), QUJAT_OK);
  uint16_t *gids = malloc((n + 1) * sizeof *gids);
  cr_assert_not_null(gids);
  gids[0] = 0;
  for (size_t i = 0; i < n; i++)
    gids[i + 1] = (uint16_t)(cps[i] + 1);
  check_subset(d, flen, f, (unsigned char *)out.data, out.len, gids, n + 1);
  free(gids);
  free(cids);
  qujat_buf_free(&out);
  qujat_font_use_free(&u);
  free(text);
  free(cps);
  qujat_ttf_free(f);
  free(d);
}
