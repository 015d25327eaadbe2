/* SPDX-License-Identifier: MIT */
/*
 * Shared by the files of src/lib/pdf/ only (and white-box unit tests): the
 * TrueType reader and subsetter, the PDF font objects and text runs, and the
 * catalog's parsed fonts.
 */
#ifndef QUJAT_PDF_PDF_INTERNAL_H
#define QUJAT_PDF_PDF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "catalog/catalog.h"

/*
 * The bundled TrueType fonts, read once: metrics for measuring text, the
 * character map, and subsets to embed in each PDF.
 *
 * Why qujat reads the fonts itself instead of through libharu: libharu 2.3.0
 * builds, for every document and every font, a glyph map over all 65 536
 * code points and a 128 KiB CIDToGIDMap that it then compresses; that is
 * three quarters of the time of a one-page PDF (bench/README.md). A font
 * parsed once per catalog and a subset of just the glyphs a document draws
 * cost a small fraction of it and give smaller files.
 */

struct ttf_table {
  uint32_t tag, offset, length;
};

struct ttf {
  unsigned char *data; /* the whole file */
  size_t len;
  char *path;    /* for messages */
  char *ps_name; /* PostScript name, e.g. "QujatSans-Regular" */
  struct ttf_table *tables;
  unsigned ntables;
  unsigned units_per_em;
  unsigned nglyphs;
  /* Font-wide metrics in 1/1000 em, as the PDF font descriptor wants. */
  int bbox[4], ascent, descent, cap_height, italic_angle;
  /* Advance width of each glyph in 1/1000 em (truncated, as libharu). */
  uint16_t *advance;
  /* Offsets of each glyph in the glyf table; nglyphs + 1 entries. */
  uint32_t *loca;
  uint32_t glyf_offset;
  /* Unicode (BMP) -> glyph: cmap_pages[cp >> 8][cp & 0xff], NULL pages
   * have no glyph. */
  uint16_t *cmap_pages[256];
  /* Kerning pairs from a legacy kern table of format 0 (fonts/make-fonts.py
   * writes it from PT Sans's GPOS): kern_pairs[i] = left << 16 | right, by
   * glyph, strictly increasing, with kern_values[i] in 1/1000 em (negative:
   * closer). nkern is 0 when the font has no usable kern table. */
  uint32_t *kern_pairs;
  int16_t *kern_values;
  uint32_t *kern_first; /* nglyphs + 1: where each left glyph's pairs start */
  /* A bit for each hash of a kerned pair (KERN_FILTER_BITS of them): most
   * neighbours are not kerned, and a clear bit says so without a search. */
  uint64_t *kern_filter;
  size_t nkern;
  /* A number no other font this process parses has (from 1): the caches
   * keyed by a font name it by this, never by its address, which a font
   * freed and another parsed may share (serve reloads its catalogs). */
  uint64_t serial;
};

/*
 * Reads the TrueType font `path`, which must be `bytes` long with CRC-32
 * `crc32` (fonts/fonts.xml): a damaged font is refused rather than embedded
 * half. Release `*out` with qujat_ttf_free().
 * Errors: QUJAT_ERR_FONT (missing, damaged, not a TrueType font with a
 * Unicode cmap), QUJAT_ERR_NOMEM.
 */
qujat_status qujat_ttf_load(const char *path, long bytes, uint32_t crc32,
                            struct ttf **out, qujat_error *err);

/* Parses a font already in memory; takes ownership of `data` (malloc'ed),
 * also on failure. `name` is used in messages. */
qujat_status qujat_ttf_parse(unsigned char *data, size_t len,
                             const char *name, struct ttf **out,
                             qujat_error *err);

void qujat_ttf_free(struct ttf *f);

/* The glyph of code point `cp`, 0 (.notdef) when the font has none. */
static inline unsigned qujat_ttf_glyph(const struct ttf *f, uint32_t cp) {
  if (cp > 0xffff || !f->cmap_pages[cp >> 8])
    return 0;
  return f->cmap_pages[cp >> 8][cp & 0xff];
}

/* Advance width of glyph `gid` in 1/1000 em. */
static inline unsigned qujat_ttf_width(const struct ttf *f, unsigned gid) {
  return gid < f->nglyphs ? f->advance[gid] : 0;
}

/* The kerning of glyph `left` followed by glyph `right`, in 1/1000 em; 0
 * when the pair is not kerned. A binary search. */
int qujat_ttf_kern(const struct ttf *f, unsigned left, unsigned right);

/* The width of `len` bytes of UTF-8 text in 1/1000 em as drawn: the sum of
 * the advances plus the kerning of each pair of neighbours. The layout
 * measures with it and qujat_font_use_show() draws the same width. */
long qujat_ttf_text_width(const struct ttf *f, const char *s, size_t len);

/* A run of text as font `f` sets it (pdf_shape.c): each character's code
 * point (the fonts' cmap is of the Basic Multilingual Plane only), and its
 * kerning against the one before in 1/1000 em (0 for the first; at most an
 * em either way). */
struct shaped_char {
  uint16_t cp;
  int16_t kern;
};

struct shaping {
  const struct shaped_char *c; /* n of them */
  size_t n;
  struct shaped_char *own; /* when not kept by this thread: freed by done */
};

/* Shapes `len` bytes of UTF-8 with `f`, or gives the shape this thread
 * kept: valid until qujat_shaping_done and this thread's next
 * qujat_shape. Errors: QUJAT_ERR_FONT with `*missing`, the first
 * character without a glyph (a NUL has none); QUJAT_ERR_NOMEM. */
qujat_status qujat_shape(const struct ttf *f, const char *s, size_t len,
                         struct shaping *out, uint32_t *missing);
void qujat_shaping_done(struct shaping *s);

/*
 * Appends to `out` a TrueType font of `n` glyphs: glyph i is glyph
 * `gids[i]` of `f` (gids[0] must be 0, .notdef). Deterministic: the same
 * glyphs give the same bytes. Errors: QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
qujat_status qujat_ttf_subset(const struct ttf *f, const uint16_t *gids,
                              size_t n, struct buf *out);

/* The same with glyph i taken from font `fonts[font_of[i]]` (`nfonts`
 * fonts of the same units per em; font_of NULL: all from the first). The
 * font-wide tables are the first font's, widened to hold every glyph's
 * extremes. With `with_cmap` (n <= 256), also a cmap of one Microsoft
 * Symbol (3,0) subtable that maps 0xF000 + c to glyph c for c from 1, as a
 * symbolic simple TrueType font wants (ISO 32000-1 9.6.6.4). QUJAT_ERR_LIMIT
 * also for fonts of different units per em. */
qujat_status qujat_ttf_subset_fonts(const struct ttf *const *fonts,
                                    size_t nfonts, const uint16_t *gids,
                                    const unsigned char *font_of, size_t n,
                                    int with_cmap, struct buf *out);

/*
 * How one PDF uses one font: every character the document draws is added
 * first; then the characters get CIDs 1, 2, 3... in code point order, and
 * the embedded subset has glyph i for CID i (so the PDF says /CIDToGIDMap
 * /Identity). From that follow the strings of the content stream, the
 * ToUnicode CMap (exact text extraction) and the widths. Code point order
 * makes the maps regular, so they compress well. No libharu here:
 * render_pdf.c wraps these bytes into PDF objects.
 */

struct font_use {
  const struct ttf *ttf;
  uint16_t *cids[256]; /* code point -> CID by page of 256; 0: unused */
  uint32_t *cps;       /* CID - 1 -> code point, once frozen */
  size_t n;            /* characters added */
  int frozen;
  /* Added to every CID in the content stream: the fonts of a PDF share
   * one program, in which this font's glyphs follow the others'
   * (pdf_embed.c); 0 for the first font. */
  unsigned base;
  /* The codes of the content stream and the ToUnicode CMap are one byte
   * (a simple TrueType font, pdf_embed.c), not two: when all the faces'
   * CIDs are below 256. Set by qujat_pdf_fonts_number; 0 by default. */
  int one_byte;
};

void qujat_font_use_init(struct font_use *u, const struct ttf *f);
void qujat_font_use_free(struct font_use *u);

/* Adds the characters of `s` (`len` bytes of valid UTF-8) to those the
 * document draws. A character without a glyph in the font gives
 * QUJAT_ERR_FONT with its code point in `*missing`; adding after the
 * freeze, QUJAT_ERR_ARG. */
qujat_status qujat_font_use_add(struct font_use *u, const char *s, size_t len,
                                uint32_t *missing);

/* The same for a run shaped already (qujat_shape), whose characters all
 * have glyphs: QUJAT_ERR_ARG after the freeze, QUJAT_ERR_NOMEM. */
qujat_status qujat_font_use_mark(struct font_use *u,
                                 const struct shaped_char *c, size_t n);

/* Numbers the characters added, in code point order. No more may be
 * added. Errors: QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT, QUJAT_ERR_ARG (frozen
 * already). */
qujat_status qujat_font_use_freeze(struct font_use *u);

/*
 * Appends `s` to `out` as a PDF literal string of two-byte CIDs, in raw
 * bytes ("(\0\1\0\2)"; one byte each with `one_byte`), escaping ( ) \
 * and CR. Every character must
 * have been added before the freeze (QUJAT_ERR_ARG otherwise).
 * Errors: QUJAT_ERR_ARG, QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
qujat_status qujat_font_use_string(const struct font_use *u, const char *s,
                                   size_t len, struct buf *out);

/*
 * Appends the operator that shows `s` with its kerning: "(..) Tj\n" when no
 * pair of neighbours is kerned, else "[(..) 128 (..)] TJ\n", each number
 * being -kern in thousandths of text space (qujat_ttf_kern), between the
 * characters it moves. Errors as qujat_font_use_string().
 */
qujat_status qujat_font_use_show(const struct font_use *u, const char *s,
                                 size_t len, struct buf *out);

/* The same for a run shaped already (qujat_shape): `n` characters `c`. */
qujat_status qujat_font_use_show_shaped(const struct font_use *u,
                                        const struct shaped_char *c,
                                        size_t n, struct buf *out);

/* The ToUnicode CMap: one bfchar entry per CID, in blocks of 100; codes
 * of one byte with `one_byte`. */
qujat_status qujat_font_use_to_unicode(const struct font_use *u,
                                       struct buf *out);

/* The advance width of each CID from 1, in 1/1000 em. */
unsigned qujat_font_use_width(const struct font_use *u, size_t cid);

/* The subset font program: glyph i for CID i (see qujat_ttf_subset). */
qujat_status qujat_font_use_program(const struct font_use *u,
                                    struct buf *out);

/* The six capital letters that mark a subset font's name ("ABCDEF+"),
 * derived from the glyphs used, so that the same text gives the same tag. */
void qujat_font_use_tag(const struct font_use *u, char tag[7]);

/*
 * What a PDF embeds for its glyph set (font_cache.c): one TrueType
 * program of both faces' glyphs (CID i is glyph i: the regular face's
 * characters, then the bold face's, see font_use.base), compressed, and
 * the ToUnicode CMap of all those CIDs, compressed.
 */
struct font_blob {
  struct buf program; /* compressed for /FlateDecode */
  size_t program_len; /* uncompressed: /Length1 */
  struct buf cmap;    /* compressed */
};

/* The blob of the frozen uses `use`, made or taken from this thread's
 * cache: valid until the thread's next call. NULL: out of memory, or the
 * fonts cannot share one program (qujat_ttf_subset_fonts). */
const struct font_blob *qujat_font_cache_get(const struct font_use use[NFONTS]);

/* Appends `v` with at most three decimals, locale-independent, as PDF
 * content streams want numbers ("12.5", "-3", "0.125"). */
qujat_status qujat_pdf_real(struct buf *out, double v);

/* Appends `len` bytes compressed for a /FlateDecode stream (a zlib stream,
 * made by libdeflate at level 6, one compressor per thread) to `out`. */
qujat_status qujat_pdf_deflate(const void *data, size_t len,
                               struct buf *out);

/*
 * Appends to `out` the PDF `pdf` (`len` bytes as libharu saved it: one
 * xref table, every object uncompressed) packed: its objects but the
 * streams and the page tree's root in one compressed object stream, the
 * cross-reference table as a compressed stream, the trailer's entries in
 * its dictionary, PDF 1.5 (pdf_pack.c). Each stream that has a body in
 * `bodies` (may be NULL) gets it in place of its empty one, and its length
 * (pdf_bodies.h). The same input, the same bytes. Errors: QUJAT_ERR_PDF
 * (not in libharu's form, a kept body whose stream is not empty or that
 * no stream took), QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT.
 */
struct pdf_bodies;
qujat_status qujat_pdf_pack(const unsigned char *pdf, size_t len,
                            const struct pdf_bodies *bodies, struct buf *out);

/*
 * Text in a page's content stream, written compactly: consecutive runs
 * share one BT ... ET block, the font and the fill are set only when they
 * change, and each run is placed relative to the one before (Td). Half the
 * bytes of one block per run, for the same text.
 */

struct text_state {
  int in_block;      /* inside BT ... ET */
  int font;          /* -1: none set on this page */
  double size, gray; /* gray < 0: unknown */
  double x, y;       /* start of the last run, within the block */
};

/* A new page: nothing is set. */
void qujat_text_page(struct text_state *t);

/* Something outside text (a filled box) may have changed the fill. */
void qujat_text_fill_changed(struct text_state *t);

/* Appends one run of `len` bytes of text at (x, y) to `out`. */
qujat_status qujat_text_run(struct text_state *t, struct buf *out,
                            const struct font_use *use, int font,
                            double size, double gray, double x, double y,
                            const char *text, size_t len);

/* The same for a run shaped already: its `n` characters `c`. */
qujat_status qujat_text_run_shaped(struct text_state *t, struct buf *out,
                                   const struct font_use *use, int font,
                                   double size, double gray, double x,
                                   double y, const struct shaped_char *c,
                                   size_t n);

/* Closes the open block, if any ("ET"). */
qujat_status qujat_text_end(struct text_state *t, struct buf *out);

/* The error for the character `cp` the fonts lack, met in text[0..len):
 * told by the field of profile `p` (NULL: none) it comes from, with the
 * profile's file and line, when it comes from one (pdf_glyphs.c). */
qujat_status qujat_pdf_glyph_error(const struct qujat_profile *p, uint32_t cp,
                                   const char *text, size_t len,
                                   qujat_error *err);

/* The catalog's fonts, parsed once, on the first PDF (fonts.c). */

/*
 * Gives the parsed fonts of `c` (regular, bold), loading and checking them
 * on the first call; later calls, from any thread, get the same fonts or
 * the same error. A catalog without PDF output, or with a damaged font,
 * still serves text and JSON: fonts matter only to PDFs.
 * Errors: QUJAT_ERR_FONT, QUJAT_ERR_NOMEM.
 */
qujat_status qujat_fonts_get(const struct qujat_catalog *c,
                             const struct ttf *out[NFONTS], qujat_error *err);


/* The sRGB profile of archival PDFs (color/README.md), read once per
 * catalog and checked: DATA_DIR/color/sRGB.icc of this size and CRC-32.
 * `*icc` is the profile compressed for a /FlateDecode stream.
 * Errors: QUJAT_ERR_FONT (missing or damaged), QUJAT_ERR_NOMEM, and those
 * of qujat_fonts_get. */
#define QUJAT_ICC_PATH "color/sRGB.icc"
#define QUJAT_ICC_SYSTEM_PATH "/usr/share/color/icc/sRGB.icc"
#define QUJAT_ICC_BYTES 6922u
#define QUJAT_ICC_CRC32 0xa9faa88bu
qujat_status qujat_pdf_icc_get(const struct qujat_catalog *c,
                               const unsigned char **icc, size_t *len,
                               qujat_error *err);

#endif
