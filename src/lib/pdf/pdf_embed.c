/* SPDX-License-Identifier: MIT */
/*
 * The fonts of one PDF as PDF objects (libharu's object API).
 *
 * Both faces share one embedded TrueType program and one ToUnicode CMap:
 * codes 1..n are the regular face's characters in code point order, then
 * the bold face's (font_use.base), and glyph i of the program is code i.
 * When the faces have fewer than 256 glyphs together, as every ordinary
 * document does (a kk+ru checklist about 200), each face is a simple
 * symbolic TrueType font of one-byte codes: the program's (3,0) cmap maps
 * 0xF000 + i to glyph i, the font lists the widths of its own codes, and
 * the page strings are half as long as with two-byte CIDs (a one-page
 * checklist 260 bytes smaller, a tenth fewer instructions; bench/README.md).
 * Beyond that, each face is a Type0 font whose CIDFontType2 says
 * /CIDToGIDMap /Identity and lists only its own widths. Regular and bold PT Sans outlines have much in common, and
 * one deflate stream finds it: a one-page checklist's fonts are about
 * 1.1 KB smaller than as two programs, and one CMap 0.3 KB smaller than
 * two (bench/README.md). pdffonts and every extractor still see two
 * fonts, QujatSans-Regular and QujatSans-Bold.
 *
 * The compressed program and CMap are a fifth of the instructions of a
 * batch (bench/README.md). They depend only on the glyph set (the code
 * points of each face), and each thread keeps the last ones it made
 * (font_cache.c). On a real intake the glyph set of the regular face
 * changes with nearly every applicant, by the Latin capitals of the names
 * and the digits of dates and passports: so a face that prints one digit
 * gets all ten, and the regular face that prints one Latin capital gets
 * all 26 (qujat_pdf_fonts_round_up). That costs about 14 glyphs a
 * document, 1.1 KB on a one-page checklist, and lets two thirds of the
 * documents of a 1 000-job intake find their fonts made (bench/README.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_archive.h"
#include "pdf/pdf_embed.h"

/* The most glyphs a PDF's fonts may have together and be simple fonts of
 * one-byte codes: codes 1..255 (0 is .notdef's). */
#define MAX_ONE_BYTE 255

/* Adds every character of `group` to `u` when `u` has one of them and the
 * font has them all. */
static qujat_status round_up(struct font_use *u, const char *group) {
  int any = 0;
  for (const char *c = group; *c; c++) {
    const uint16_t *page = u->cids[0];
    any |= page && page[(unsigned char)*c];
    if (!qujat_ttf_glyph(u->ttf, (unsigned char)*c))
      return QUJAT_OK;
  }
  uint32_t missing;
  return any ? qujat_font_use_add(u, group, strlen(group), &missing)
             : QUJAT_OK;
}

qujat_status qujat_pdf_fonts_round_up(struct font_use use[NFONTS]) {
  static const char digits[] = "0123456789";
  static const char capitals[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  qujat_status st = QUJAT_OK;
  for (int i = 0; st == QUJAT_OK && i < NFONTS; i++)
    st = round_up(&use[i], digits);
  if (st == QUJAT_OK)
    st = round_up(&use[FONT_REGULAR], capitals);
  return st;
}

void qujat_pdf_fonts_number(struct font_use use[NFONTS]) {
  unsigned base = 0;
  for (int i = 0; i < NFONTS; i++) {
    use[i].base = base;
    base += (unsigned)use[i].n;
  }
  for (int i = 0; i < NFONTS; i++)
    use[i].one_byte = base <= MAX_ONE_BYTE;
}

static HPDF_Dict descriptor(HPDF_Doc doc, const struct ttf *f,
                            const char *name, int symbolic,
                            HPDF_Dict program) {
  HPDF_MMgr mm = doc->mmgr;
  HPDF_Dict d = HPDF_Dict_New(mm);
  if (!d || HPDF_Xref_Add(doc->xref, d) != HPDF_OK)
    return NULL;
  HPDF_Box box = {(HPDF_REAL)f->bbox[0], (HPDF_REAL)f->bbox[1],
                  (HPDF_REAL)f->bbox[2], (HPDF_REAL)f->bbox[3]};
  HPDF_STATUS rc = HPDF_Dict_AddName(d, "Type", "FontDescriptor");
  rc |= HPDF_Dict_AddName(d, "FontName", name);
  /* A simple font whose codes are glyph numbers is symbolic (4); a CID
   * font of Latin and Cyrillic text, nonsymbolic (32). */
  rc |= HPDF_Dict_AddNumber(d, "Flags", symbolic ? 4 : 32);
  rc |= HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(mm, box));
  rc |= HPDF_Dict_AddNumber(d, "ItalicAngle", f->italic_angle);
  rc |= HPDF_Dict_AddNumber(d, "Ascent", f->ascent);
  rc |= HPDF_Dict_AddNumber(d, "Descent", f->descent);
  rc |= HPDF_Dict_AddNumber(d, "CapHeight", f->cap_height);
  rc |= HPDF_Dict_AddNumber(d, "StemV", 80);
  rc |= HPDF_Dict_Add(d, "FontFile2", program);
  return rc == HPDF_OK ? d : NULL;
}

/* Appends `v` and the space libharu writes after each element of an
 * array. */
static qujat_status element(struct buf *out, unsigned long v) {
  qujat_status st = qujat_buf_add_uint(out, v);
  return st == QUJAT_OK ? qujat_buf_addc(out, ' ') : st;
}

/* The W array as text, as libharu would write it ("[ " and each element
 * with a space after it, then "]"): "first last width" for runs of three
 * or more CIDs of one width (digits, most often), "first [ w w w ]" for
 * the rest. */
static qujat_status widths_array(const struct font_use *u, struct buf *out) {
  qujat_status st = qujat_buf_adds(out, "[ ");
  int in_list = 0;
  for (size_t cid = 1; cid <= u->n && st == QUJAT_OK;) {
    unsigned width = qujat_font_use_width(u, cid);
    size_t run = 1;
    while (cid + run <= u->n && qujat_font_use_width(u, cid + run) == width)
      run++;
    if (run >= 3) {
      if (in_list)
        st = qujat_buf_adds(out, "] ");
      in_list = 0;
      if (st == QUJAT_OK)
        st = element(out, u->base + cid);
      if (st == QUJAT_OK)
        st = element(out, u->base + cid + run - 1);
      if (st == QUJAT_OK)
        st = element(out, width);
      cid += run;
      continue;
    }
    if (!in_list) {
      st = element(out, u->base + cid);
      if (st == QUJAT_OK)
        st = qujat_buf_adds(out, "[ ");
      in_list = 1;
    }
    if (st == QUJAT_OK)
      st = element(out, width);
    cid++;
  }
  if (st == QUJAT_OK && in_list)
    st = qujat_buf_adds(out, "] ");
  return st == QUJAT_OK ? qujat_buf_addc(out, ']') : st;
}

/* The Widths array of a simple font as text: one width a code. */
static qujat_status simple_widths(const struct font_use *u, struct buf *out) {
  qujat_status st = qujat_buf_adds(out, "[ ");
  for (size_t cid = 1; cid <= u->n && st == QUJAT_OK; cid++)
    st = element(out, qujat_font_use_width(u, cid));
  return st == QUJAT_OK ? qujat_buf_addc(out, ']') : st;
}

/* Gives `font` the entry `key`: `widths` of `u` as text, kept out of
 * libharu (pdf_bodies.c), which makes an object of every number. */
static HPDF_STATUS add_widths(struct pdf_bodies *B, HPDF_Dict font,
                              const char *key, const struct font_use *u,
                              qujat_status (*widths)(const struct font_use *,
                                                     struct buf *)) {
  struct buf text;
  qujat_buf_init(&text, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = widths(u, &text);
  if (st == QUJAT_OK)
    st = qujat_pdf_value_set(B, font, key, text.data, text.len);
  qujat_buf_free(&text);
  return st == QUJAT_OK ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
}

/* The name of a face's subset: its tag, "+", the font's PostScript name. */
static void subset_name(const struct font_use *u, char *name, size_t cap) {
  char tag[7];
  qujat_font_use_tag(u, tag);
  snprintf(name, cap, "%s+%s", tag, u->ttf->ps_name);
}

/* The Type0 font of one face over the shared program and CMap. */
static HPDF_Dict type0_font(HPDF_Doc doc, struct pdf_bodies *B,
                            const struct font_use *u, HPDF_Dict program,
                            HPDF_Dict to_unicode, HPDF_Dict cidset) {
  HPDF_MMgr mm = doc->mmgr;
  char name[128];
  subset_name(u, name, sizeof name);
  HPDF_Dict c = HPDF_Dict_New(mm);
  HPDF_Dict info = HPDF_Dict_New(mm);
  HPDF_Dict t = HPDF_Dict_New(mm);
  HPDF_Array descendants = HPDF_Array_New(mm);
  if (!c || !info || !t || !descendants ||
      HPDF_Xref_Add(doc->xref, c) != HPDF_OK ||
      HPDF_Xref_Add(doc->xref, t) != HPDF_OK)
    return NULL;
  HPDF_Dict desc = descriptor(doc, u->ttf, name, 0, program);
  HPDF_STATUS rc = desc ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
  if (desc && cidset)
    rc |= HPDF_Dict_Add(desc, "CIDSet", cidset);
  rc |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
  rc |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
  rc |= HPDF_Dict_AddNumber(info, "Supplement", 0);
  rc |= HPDF_Dict_AddName(c, "Type", "Font");
  rc |= HPDF_Dict_AddName(c, "Subtype", "CIDFontType2");
  rc |= HPDF_Dict_AddName(c, "BaseFont", name);
  rc |= HPDF_Dict_Add(c, "CIDSystemInfo", info);
  if (desc)
    rc |= HPDF_Dict_Add(c, "FontDescriptor", desc);
  rc |= HPDF_Dict_AddNumber(c, "DW", (HPDF_INT32)qujat_font_use_width(u, 0));
  rc |= add_widths(B, c, "W", u, widths_array);
  rc |= HPDF_Dict_AddName(c, "CIDToGIDMap", "Identity");
  rc |= HPDF_Dict_AddName(t, "Type", "Font");
  rc |= HPDF_Dict_AddName(t, "Subtype", "Type0");
  rc |= HPDF_Dict_AddName(t, "BaseFont", name);
  rc |= HPDF_Dict_AddName(t, "Encoding", "Identity-H");
  rc |= HPDF_Array_Add(descendants, c);
  rc |= HPDF_Dict_Add(t, "DescendantFonts", descendants);
  rc |= HPDF_Dict_Add(t, "ToUnicode", to_unicode);
  return rc == HPDF_OK ? t : NULL;
}

/* The simple TrueType font of one face over the shared program and CMap:
 * its codes base + 1 .. base + n, each the glyph of that number (the
 * program's (3,0) cmap); symbolic, so no /Encoding (ISO 32000-1 9.6.6.4,
 * PDF/A-2 6.2.11.6). */
static HPDF_Dict truetype_font(HPDF_Doc doc, struct pdf_bodies *B,
                               const struct font_use *u, HPDF_Dict program,
                               HPDF_Dict to_unicode) {
  HPDF_MMgr mm = doc->mmgr;
  char name[128];
  subset_name(u, name, sizeof name);
  HPDF_Dict t = HPDF_Dict_New(mm);
  if (!t || HPDF_Xref_Add(doc->xref, t) != HPDF_OK)
    return NULL;
  HPDF_Dict desc = descriptor(doc, u->ttf, name, 1, program);
  HPDF_STATUS rc = desc ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
  rc |= HPDF_Dict_AddName(t, "Type", "Font");
  rc |= HPDF_Dict_AddName(t, "Subtype", "TrueType");
  rc |= HPDF_Dict_AddName(t, "BaseFont", name);
  rc |= HPDF_Dict_AddNumber(t, "FirstChar", (HPDF_INT32)(u->base + 1));
  rc |= HPDF_Dict_AddNumber(t, "LastChar", (HPDF_INT32)(u->base + u->n));
  rc |= add_widths(B, t, "Widths", u, simple_widths);
  if (desc)
    rc |= HPDF_Dict_Add(t, "FontDescriptor", desc);
  rc |= HPDF_Dict_Add(t, "ToUnicode", to_unicode);
  return rc == HPDF_OK ? t : NULL;
}

/* The shared streams: program, CMap and, for PDF/A, the CIDSet. */
static HPDF_STATUS shared_streams(HPDF_Doc doc, struct pdf_bodies *B,
                                  struct font_use use[NFONTS],
                                  int archival, HPDF_Dict *program,
                                  HPDF_Dict *to_unicode, HPDF_Dict *cidset) {
  const struct font_blob *b = qujat_font_cache_get(use);
  if (!b)
    return HPDF_FAILD_TO_ALLOC_MEM;
  *program = qujat_pdf_body_stream(doc, B, b->program.data, b->program.len,
                                   1);
  *to_unicode = qujat_pdf_body_stream(doc, B, b->cmap.data, b->cmap.len, 1);
  if (!*program || !*to_unicode ||
      HPDF_Dict_AddNumber(*program, "Length1",
                          (HPDF_INT32)b->program_len) != HPDF_OK)
    return HPDF_FAILD_TO_ALLOC_MEM;
  *cidset = NULL;
  if (archival && !use[0].one_byte) {
    /* PDF/A-1 wants the CIDs of a subset listed; 2 and 3 allow it. */
    size_t n = 0;
    for (int i = 0; i < NFONTS; i++)
      n += use[i].n;
    struct buf set, z;
    qujat_buf_init(&set, QUJAT_BUF_DEFAULT_LIMIT);
    qujat_buf_init(&z, QUJAT_BUF_DEFAULT_LIMIT);
    if (qujat_pdfa_cidset(n, &set) == QUJAT_OK &&
        qujat_pdf_deflate(set.data, set.len, &z) == QUJAT_OK)
      *cidset = qujat_pdf_body_stream(doc, B, z.data, z.len, 1);
    qujat_buf_free(&set);
    qujat_buf_free(&z);
    if (!*cidset)
      return HPDF_FAILD_TO_ALLOC_MEM;
  }
  return HPDF_OK;
}

HPDF_STATUS qujat_pdf_fonts_embed(HPDF_Doc doc, struct pdf_bodies *B,
                                  struct font_use use[NFONTS],
                                  HPDF_Page *pages, size_t npages,
                                  int archival) {
  HPDF_Dict fonts[NFONTS] = {NULL}, program, to_unicode, cidset;
  int any = 0;
  for (int i = 0; i < NFONTS; i++)
    any |= use[i].n != 0;
  if (!any)
    return HPDF_OK;
  HPDF_STATUS rc = shared_streams(doc, B, use, archival, &program,
                                  &to_unicode, &cidset);
  for (int i = 0; rc == HPDF_OK && i < NFONTS; i++)
    if (use[i].n &&
        !(fonts[i] = use[i].one_byte
                         ? truetype_font(doc, B, &use[i], program,
                                         to_unicode)
                         : type0_font(doc, B, &use[i], program, to_unicode,
                                      cidset)))
      rc = HPDF_FAILD_TO_ALLOC_MEM;
  for (size_t p = 0; rc == HPDF_OK && p < npages; p++) {
    HPDF_Dict res = HPDF_Page_GetInheritableItem(pages[p], "Resources",
                                                 HPDF_OCLASS_DICT);
    HPDF_Dict dict = HPDF_Dict_New(doc->mmgr);
    if (!res || !dict || HPDF_Dict_Add(res, "Font", dict) != HPDF_OK)
      return HPDF_FAILD_TO_ALLOC_MEM;
    /* The procedure sets libharu names are obsolete since PDF 1.4 (14.2)
     * and ignored by every reader: 24 bytes a page. */
    if (HPDF_Dict_GetItem(res, "ProcSet", HPDF_OCLASS_ARRAY))
      HPDF_Dict_RemoveElement(res, "ProcSet");
    for (int i = 0; rc == HPDF_OK && i < NFONTS; i++) {
      char key[8];
      snprintf(key, sizeof key, "F%d", i);
      if (fonts[i])
        rc = HPDF_Dict_Add(dict, key, fonts[i]);
    }
  }
  return rc;
}
