/* SPDX-License-Identifier: MIT */
/* What the tests of qujat's own TrueType path share: reading a font
 * (test_ttf_*.c), one PDF's use of a font and its text (test_pdf_font*.c,
 * test_pdf_text.c, test_pdf_fonts_whole.c) and the catalog's fonts
 * (test_fonts.c).
 *
 * Expected values come from the font files' bytes, read here by a small
 * reader of our own (ref_*), not from the library's parse. The bundled
 * fonts have units per em 1000, no composite glyphs and one hmtx entry per
 * glyph; ttf_synth.h builds a font with what they lack. */
#ifndef QUJAT_TEST_TTF_HELPERS_H
#define QUJAT_TEST_TTF_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "fixture.h"
#include "pdf/pdf_internal.h"
#include "qujat/qujat.h"

#define FONTS_DIR QUJAT_TEST_DATA_DIR "/fonts"
#define REGULAR_FILE "QujatSans-Regular.ttf"
#define BOLD_FILE "QujatSans-Bold.ttf"

/* A Kazakh sentence with quotation marks, numero sign and dash. */
#define TEXT_KK "Қазақстан Республикасының көші-қоны: «Өтініш» № 12 — ұлт"

#define TAG(a, b, c, d)                                                        \
  ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 |            \
   (uint32_t)(d))
#define T_HEAD TAG('h', 'e', 'a', 'd')
#define T_HHEA TAG('h', 'h', 'e', 'a')
#define T_MAXP TAG('m', 'a', 'x', 'p')
#define T_HMTX TAG('h', 'm', 't', 'x')
#define T_LOCA TAG('l', 'o', 'c', 'a')
#define T_GLYF TAG('g', 'l', 'y', 'f')
#define T_CMAP TAG('c', 'm', 'a', 'p')
#define T_NAME TAG('n', 'a', 'm', 'e')
#define T_POST TAG('p', 'o', 's', 't')
#define T_OS2 TAG('O', 'S', '/', '2')
#define T_CVT TAG('c', 'v', 't', ' ')
#define T_FPGM TAG('f', 'p', 'g', 'm')
#define T_PREP TAG('p', 'r', 'e', 'p')
#define T_GSUB TAG('G', 'S', 'U', 'B')
#define T_KERN TAG('k', 'e', 'r', 'n')

/* ------------------------------------------------------------------------
 * The bundled fonts, parsed by the library, and their bytes: loaded before
 * each test (.init = ttf_setup), freed after it with the test's temporary
 * files (.fini = ttf_teardown).
 * ------------------------------------------------------------------------ */

extern struct ttf *reg, *bold;
extern unsigned char *reg_bytes, *bold_bytes;
extern size_t reg_len, bold_len;

void ttf_setup(void);
void ttf_teardown(void);

/* ------------------------------------------------------------------------
 * Bytes and files
 * ------------------------------------------------------------------------ */

unsigned be16(const unsigned char *p);
int sbe16(const unsigned char *p);
uint32_t be32(const unsigned char *p);
void put16(unsigned char *p, unsigned v);
void put32(unsigned char *p, uint32_t v);

/* The sum of big-endian 32-bit words, the last padded with zeros. */
uint32_t word_sum(const unsigned char *p, size_t len);

/* A copy in a buffer of exactly `len` bytes (so that ASan sees every read
 * past it), which qujat_ttf_parse() takes over. */
unsigned char *exact_copy(const unsigned char *d, size_t len);

/* qujat_ttf_parse() of an exact copy of `d`, named "test.ttf"; the error
 * goes to `err`. */
qujat_status parse_copy(const unsigned char *d, size_t len, struct ttf **out);

/* The same, asserting success; qujat_ttf_free() it. */
struct ttf *parse_ok(const unsigned char *d, size_t len);

/* bytes= and crc32= of `file` in fonts/fonts.xml. */
void font_spec(const char *file, long *bytes, uint32_t *crc);

/* Loads `path` expecting a font error with `want` (and `want2`, unless
 * NULL) in the message. */
void expect_load_error(const char *path, long bytes, uint32_t crc,
                       const char *want, const char *want2);

/* Writes `len` bytes to a new file `name` in the test's temporary
 * directory and returns its path (valid until the next call). */
const char *write_tmp(const char *name, const void *data, size_t len);

uint32_t crc_of(const void *d, size_t len);

/* A deterministic pseudo-random sequence (xorshift32), the same in every
 * test. */
uint32_t rnd(void);

/* ------------------------------------------------------------------------
 * A reader of our own, for the expected values (valid fonts only)
 * ------------------------------------------------------------------------ */

/* Offset and length of table `tag`; 0 when absent. */
int ref_table(const unsigned char *d, size_t len, uint32_t tag, uint32_t *off,
              uint32_t *tlen);

/* Table `tag`, which must be there; its length in *tlen (may be NULL). */
const unsigned char *ref_need(const unsigned char *d, size_t len, uint32_t tag,
                              uint32_t *tlen);

unsigned ref_upem(const unsigned char *d, size_t len);
unsigned ref_nglyphs(const unsigned char *d, size_t len);
unsigned ref_nmetrics(const unsigned char *d, size_t len);

/* The advance of `gid` in font units. */
unsigned ref_advance(const unsigned char *d, size_t len, unsigned gid);

/* The advance of `gid` in 1/1000 em, truncated. */
unsigned ref_width(const unsigned char *d, size_t len, unsigned gid);

/* The left side bearing of `gid` in font units. */
int ref_lsb(const unsigned char *d, size_t len, unsigned gid);

/* Where glyph `gid` lies in the file. */
void ref_glyph_at(const unsigned char *d, size_t len, unsigned gid, size_t *off,
                  size_t *glen);

/* The glyph of `cp` by the Windows Unicode BMP (3, 1) format-4 cmap. */
unsigned ref_glyph(const unsigned char *d, size_t len, uint32_t cp);

/* The same by the Windows (3, `encoding`) format-4 cmap: 0 is Symbol, as
 * in the program of a simple font (codes 0xF000 + c). */
unsigned ref_glyph_in(const unsigned char *d, size_t len, unsigned encoding,
                      uint32_t cp);

/* The kerning of glyph `left` before `right` in font units, by a linear
 * scan of the format-0 subtables of the kern table; 0 when not kerned. */
int ref_kern(const unsigned char *d, size_t len, unsigned left,
             unsigned right);

/* The number of pairs in those subtables. */
size_t ref_kern_pairs(const unsigned char *d, size_t len);

/* ------------------------------------------------------------------------
 * Characters
 * ------------------------------------------------------------------------ */

/* A code point as UTF-8; returns the length. */
size_t utf8(char *out, uint32_t cp);

/* The code points of UTF-8 `s`, decoded here for independence from
 * utf8.c; returns their number. */
size_t code_points(const char *s, uint32_t *cps);

/* qsort()/bsearch() order of uint32_t code points. */
int by_code_point(const void *a, const void *b);

/* The different code points of `s` in increasing order: the characters of
 * CIDs 1, 2, 3... when `s` is all a font use draws. */
size_t distinct_code_points(const char *s, uint32_t *cps);

/* The glyph list a PDF embeds for the text `s`: .notdef, then the glyph
 * of each different character in code point order (by our cmap reader);
 * returns its length. */
size_t text_gids(const unsigned char *d, size_t len, const char *s,
                 uint16_t *gids);

/* The first `n` code points with a glyph in the regular font from U+0020,
 * by our cmap reader; they are in increasing order. */
void first_code_points(size_t n, uint32_t *cps);

/* ------------------------------------------------------------------------
 * Font uses (pdf_font.c)
 * ------------------------------------------------------------------------ */

/* qujat_font_use_add() of `s`, asserting success. */
void add_ok(struct font_use *u, const char *s);

/* A frozen use of font `f` for the text `s`. */
void use_text(struct font_use *u, const struct ttf *f, const char *s);

/* Appends `s` through qujat_font_use_string and decodes what it wrote into
 * CIDs; returns their number. */
size_t string_cids(const struct font_use *u, const char *s, struct buf *out,
                   unsigned *cids, size_t cap);

#endif
