/*
 * Layout -> PDF with libharu 2.3.0. The only file that includes <hpdf.h>.
 *
 * What this file does about libharu's traps (PITFALLS.md):
 *  - UTF-8 mode with embedded TrueType fonts: the only way to Kazakh text;
 *  - an error handler that records and never jumps; every status checked,
 *    and HPDF_GetError after drawing, since some calls report OK anyway;
 *  - the bundled fonts are checked (size, CRC-32) before libharu sees them,
 *    and every character drawn must have a glyph (libharu would draw a
 *    missing one invisibly);
 *  - the invalid ToUnicode CMap libharu writes is replaced by bfchar
 *    entries for the characters the document uses, so that text extraction
 *    is exact in every extractor;
 *  - the PDF is saved to memory; writing it out is qujat_write_file's job
 *    (HPDF_SaveToFile can report success on a full disk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_namedict.h>
#include <zlib.h>

#include "buf.h"
#include "compose.h"
#include "err.h"
#include "fees_xml.h"
#include "layout.h"
#include "render_pdf.h"
#include "utf8.h"

#define MAX_CODEPOINT 0x10000 /* libharu's UTF-8 mode: the BMP only */

struct pdf {
  HPDF_Doc doc;
  HPDF_Font fonts[NFONTS];
  /* The first error libharu reported through the handler. */
  HPDF_STATUS error, detail;
  /* Characters drawn, per font, for the ToUnicode maps. */
  unsigned char *used[NFONTS];
  /* Advance widths in 1/1000 em, per font and code point; -1 unknown. */
  short *widths[NFONTS];
  qujat_error *err;
};

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                     void *user) {
  struct pdf *P = user;
  if (P->error == HPDF_OK) {
    P->error = error_no;
    P->detail = detail_no;
  }
}

/* The recorded libharu error, or the document's, as a qujat error. */
static qujat_status pdf_failed(struct pdf *P, const char *what) {
  HPDF_STATUS e = P->error ? P->error : HPDF_GetError(P->doc);
  HPDF_STATUS d = P->error ? P->detail : HPDF_GetErrorDetail(P->doc);
  return qujat_err_set(P->err, QUJAT_ERR_PDF, NULL, 0, 0,
                       "libharu failed while %s: error 0x%04X, detail %u",
                       what, (unsigned)e, (unsigned)d);
}

static int pdf_ok(struct pdf *P) {
  return P->error == HPDF_OK && HPDF_GetError(P->doc) == HPDF_OK;
}

/* ------------------------------------------------------------------------
 * Fonts
 * ------------------------------------------------------------------------ */

/* A bundled font must be exactly the file fonts.xml describes: libharu
 * would embed nothing from a truncated font and still say OK. */
static qujat_status check_font_file(const struct font_file *f,
                                    qujat_error *err) {
  if (!f->path)
    return qujat_err_set(err, QUJAT_ERR_FONT, NULL, 0, 0,
                         "no font configured: the data directory lacks "
                         "fonts/fonts.xml");
  FILE *in = fopen(f->path, "rb");
  if (!in)
    return qujat_err_set(err, QUJAT_ERR_FONT, f->path, 0, 0,
                         "cannot open the font");
  unsigned char buf[16384];
  uLong crc = crc32(0L, Z_NULL, 0);
  long total = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    crc = crc32(crc, buf, (uInt)n);
    total += (long)n;
  }
  int bad = ferror(in);
  fclose(in);
  if (bad || total != f->bytes || (uint32_t)crc != f->crc32)
    return qujat_err_set(err, QUJAT_ERR_FONT, f->path, 0, 0,
                         "the font is damaged: %ld bytes, CRC-32 %08lx; "
                         "fonts.xml expects %ld bytes, %08lx",
                         total, (unsigned long)crc, f->bytes,
                         (unsigned long)f->crc32);
  return QUJAT_OK;
}

static qujat_status load_fonts(struct pdf *P, const struct qujat_catalog *c) {
  for (int i = 0; i < NFONTS; i++) {
    qujat_status st = check_font_file(&c->fonts[i], P->err);
    if (st != QUJAT_OK)
      return st;
    const char *name = HPDF_LoadTTFontFromFile(P->doc, c->fonts[i].path,
                                               HPDF_TRUE);
    P->fonts[i] = name ? HPDF_GetFont(P->doc, name, "UTF-8") : NULL;
    if (!P->fonts[i] || !pdf_ok(P))
      return qujat_err_set(P->err, QUJAT_ERR_FONT, c->fonts[i].path, 0, 0,
                           "libharu cannot load the font (error 0x%04X)",
                           (unsigned)(P->error ? P->error
                                               : HPDF_GetError(P->doc)));
    P->used[i] = calloc(MAX_CODEPOINT, 1);
    P->widths[i] = malloc(MAX_CODEPOINT * sizeof(short));
    if (!P->used[i] || !P->widths[i])
      return qujat_err_set(P->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                           "out of memory");
    memset(P->widths[i], 0xff, MAX_CODEPOINT * sizeof(short));
  }
  return QUJAT_OK;
}

/* Whether `font` has a glyph for `cp` (libharu draws a missing one as an
 * invisible .notdef while the text layer still says the character). */
static int has_glyph(HPDF_Font font, uint32_t cp) {
  HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
  return cp < MAX_CODEPOINT &&
         HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp) != 0;
}

static double char_width(struct pdf *P, int font, uint32_t cp) {
  if (cp >= MAX_CODEPOINT)
    return 0;
  short w = P->widths[font][cp];
  if (w < 0) {
    w = (short)HPDF_Font_GetUnicodeWidth(P->fonts[font], (HPDF_UNICODE)cp);
    P->widths[font][cp] = w;
  }
  return w;
}

static double measure(void *user, int font, double size, const char *s,
                      size_t len) {
  struct pdf *P = user;
  double w = 0;
  const char *end = s + len;
  while (s < end)
    w += char_width(P, font, qujat_utf8_next(&s));
  return w * size / 1000.0;
}

/* ------------------------------------------------------------------------
 * Drawing
 * ------------------------------------------------------------------------ */

/* Draws one text run; every character must have a glyph. */
static qujat_status draw_text(struct pdf *P, HPDF_Page page,
                              const struct op *o, char *scratch) {
  memcpy(scratch, o->text, o->len);
  scratch[o->len] = '\0';
  for (const char *s = scratch; *s;) {
    uint32_t cp = qujat_utf8_next(&s);
    if (!has_glyph(P->fonts[o->font], cp))
      return qujat_err_set(P->err, QUJAT_ERR_FONT, NULL, 0, 0,
                           "the font has no glyph for U+%04X in \"%.60s\"",
                           (unsigned)cp, scratch);
    P->used[o->font][cp] = 1;
  }
  HPDF_STATUS rc = HPDF_Page_BeginText(page);
  rc |= HPDF_Page_SetFontAndSize(page, P->fonts[o->font], (HPDF_REAL)o->size);
  rc |= HPDF_Page_SetGrayFill(page, (HPDF_REAL)o->gray);
  rc |= HPDF_Page_TextOut(page, (HPDF_REAL)o->x, (HPDF_REAL)o->y, scratch);
  rc |= HPDF_Page_EndText(page);
  return rc == HPDF_OK && pdf_ok(P) ? QUJAT_OK : pdf_failed(P, "drawing text");
}

static qujat_status draw_op(struct pdf *P, HPDF_Page page, const struct op *o,
                            char *scratch) {
  HPDF_STATUS rc = HPDF_OK;
  switch (o->kind) {
  case OP_TEXT:
    return draw_text(P, page, o, scratch);
  case OP_LINE:
    rc |= HPDF_Page_SetLineWidth(page, (HPDF_REAL)o->stroke);
    rc |= HPDF_Page_SetGrayStroke(page, (HPDF_REAL)o->gray);
    rc |= HPDF_Page_MoveTo(page, (HPDF_REAL)o->x, (HPDF_REAL)o->y);
    rc |= HPDF_Page_LineTo(page, (HPDF_REAL)(o->x + o->w),
                           (HPDF_REAL)(o->y + o->h));
    rc |= HPDF_Page_Stroke(page);
    break;
  case OP_BOX:
    rc |= HPDF_Page_SetLineWidth(page, (HPDF_REAL)o->stroke);
    rc |= HPDF_Page_SetGrayStroke(page, (HPDF_REAL)o->gray);
    rc |= HPDF_Page_Rectangle(page, (HPDF_REAL)o->x, (HPDF_REAL)o->y,
                              (HPDF_REAL)o->w, (HPDF_REAL)o->h);
    rc |= HPDF_Page_Stroke(page);
    break;
  case OP_FILL:
    rc |= HPDF_Page_SetGrayFill(page, (HPDF_REAL)o->gray);
    rc |= HPDF_Page_Rectangle(page, (HPDF_REAL)o->x, (HPDF_REAL)o->y,
                              (HPDF_REAL)o->w, (HPDF_REAL)o->h);
    rc |= HPDF_Page_Fill(page);
    break;
  }
  return rc == HPDF_OK && pdf_ok(P) ? QUJAT_OK : pdf_failed(P, "drawing");
}

static qujat_status draw_pages(struct pdf *P, const struct layout *l) {
  size_t longest = 1;
  for (size_t i = 0; i < l->npages; i++)
    for (size_t k = 0; k < l->pages[i].n; k++)
      if (l->pages[i].ops[k].len + 1 > longest)
        longest = l->pages[i].ops[k].len + 1;
  char *scratch = malloc(longest);
  if (!scratch)
    return qujat_err_set(P->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                         "out of memory");
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && i < l->npages; i++) {
    HPDF_Page page = HPDF_AddPage(P->doc);
    if (!page || HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
                                   HPDF_PAGE_PORTRAIT) != HPDF_OK) {
      st = pdf_failed(P, "adding a page");
      break;
    }
    for (size_t k = 0; st == QUJAT_OK && k < l->pages[i].n; k++)
      st = draw_op(P, page, &l->pages[i].ops[k], scratch);
  }
  free(scratch);
  return st;
}

/* ------------------------------------------------------------------------
 * The ToUnicode fix
 * ------------------------------------------------------------------------ */

/* libharu 2.3.0 writes `begincidrange` into the ToUnicode CMap, which is
 * invalid there. In UTF-8 mode a CID is the Unicode code point, so the
 * right map says exactly that for every character used, in bfchar blocks
 * of at most 100 entries. */
static qujat_status fix_to_unicode(struct pdf *P, int font) {
  HPDF_Dict cmap = HPDF_Dict_GetItem(P->fonts[font], "ToUnicode",
                                     HPDF_OCLASS_DICT);
  if (!cmap || !cmap->stream)
    return qujat_err_set(P->err, QUJAT_ERR_PDF, NULL, 0, 0,
                         "the font has no ToUnicode map to repair");
  size_t count = 0;
  for (size_t cp = 0; cp < MAX_CODEPOINT; cp++)
    count += P->used[font][cp];
  char *text = malloc(600 + count * 16 + (count / 100 + 1) * 32);
  if (!text)
    return qujat_err_set(P->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                         "out of memory");
  size_t n = (size_t)sprintf(
      text, "/CIDInit /ProcSet findresource begin\n"
            "12 dict begin\n"
            "begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
            "/Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t left = count, cp = 0;
  while (left > 0) {
    size_t block = left < 100 ? left : 100;
    n += (size_t)sprintf(text + n, "%zu beginbfchar\n", block);
    for (size_t k = 0; k < block; cp++) {
      if (!P->used[font][cp])
        continue;
      n += (size_t)sprintf(text + n, "<%04zX> <%04zX>\n", cp, cp);
      k++;
    }
    n += (size_t)sprintf(text + n, "endbfchar\n");
    left -= block;
  }
  sprintf(text + n, "endcmap\n"
                    "CMapName currentdict /CMap defineresource pop\n"
                    "end\nend\n");
  HPDF_MemStream_FreeData(cmap->stream);
  HPDF_STATUS rc = HPDF_Stream_WriteStr(cmap->stream, text);
  free(text);
  return rc == HPDF_OK && pdf_ok(P) ? QUJAT_OK
                                     : pdf_failed(P, "repairing ToUnicode");
}

/* ------------------------------------------------------------------------
 * The XML twin of a fee slip
 * ------------------------------------------------------------------------ */

/* Attaches `data` as an embedded file named `name`. Built here from
 * libharu's object API rather than with HPDF_AttachFile, which takes the
 * file's full path as its name and reads the file only while saving. */
static qujat_status attach(struct pdf *P, const char *name, const char *desc,
                           const char *data, size_t len) {
  HPDF_MMgr mmgr = P->doc->mmgr;
  HPDF_Xref xref = P->doc->xref;
  HPDF_STATUS rc = HPDF_OK;
  HPDF_NameDict names = HPDF_Catalog_GetNames(P->doc->catalog);
  if (!names) {
    names = HPDF_NameDict_New(mmgr, xref);
    if (!names || HPDF_Catalog_SetNames(P->doc->catalog, names) != HPDF_OK)
      return pdf_failed(P, "attaching the XML");
  }
  HPDF_NameTree tree = HPDF_NameDict_GetNameTree(names,
                                                 HPDF_NAME_EMBEDDED_FILES);
  if (!tree) {
    tree = HPDF_NameTree_New(mmgr, xref);
    if (!tree || HPDF_NameDict_SetNameTree(names, HPDF_NAME_EMBEDDED_FILES,
                                           tree) != HPDF_OK)
      return pdf_failed(P, "attaching the XML");
  }
  HPDF_Dict file = HPDF_DictStream_New(mmgr, xref);
  HPDF_Dict params = HPDF_Dict_New(mmgr);
  HPDF_Dict ef = HPDF_Dict_New(mmgr);
  HPDF_Dict spec = HPDF_Dict_New(mmgr);
  if (!file || !params || !ef || !spec)
    return pdf_failed(P, "attaching the XML");
  file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  rc |= HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)data,
                          (HPDF_UINT)len);
  rc |= HPDF_Dict_AddName(file, "Type", "EmbeddedFile");
  rc |= HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)len);
  rc |= HPDF_Dict_Add(file, "Params", params);
  rc |= HPDF_Dict_Add(ef, "F", file);
  rc |= HPDF_Xref_Add(xref, spec);
  rc |= HPDF_Dict_AddName(spec, "Type", "Filespec");
  rc |= HPDF_Dict_Add(spec, "F", HPDF_String_New(mmgr, name, NULL));
  rc |= HPDF_Dict_Add(spec, "UF", HPDF_String_New(mmgr, name, NULL));
  rc |= HPDF_Dict_Add(spec, "Desc", HPDF_String_New(mmgr, desc, NULL));
  rc |= HPDF_Dict_Add(spec, "EF", ef);
  rc |= HPDF_NameTree_Add(tree, HPDF_String_New(mmgr, name, NULL), spec);
  return rc == HPDF_OK && pdf_ok(P) ? QUJAT_OK
                                    : pdf_failed(P, "attaching the XML");
}

static qujat_status attach_fees_xml(struct pdf *P,
                                    const struct qujat_document *d) {
  struct buf xml;
  qujat_buf_init(&xml, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_fees_xml(d, &xml);
  if (st == QUJAT_OK)
    st = attach(P, QUJAT_FEES_ATTACHMENT,
                "qujat fee slip (urn:qujat:fees:1)", xml.data, xml.len);
  else
    st = qujat_err_set(P->err, st, NULL, 0, 0, "cannot write the XML twin");
  qujat_buf_free(&xml);
  return st;
}

/* ------------------------------------------------------------------------
 * Metadata and output
 * ------------------------------------------------------------------------ */

/* Title, subject, language, creator; dates from the document date, so that
 * the same input and date give the same bytes. */
static qujat_status metadata(struct pdf *P, const struct qujat_document *d,
                             const char *kind_title) {
  char subject[512], creator[64];
  snprintf(subject, sizeof subject, "%s%s%s",
           d->letter ? d->service->title.s[d->lang] : kind_title,
           d->applicant ? " — " : "", d->applicant ? d->applicant : "");
  snprintf(creator, sizeof creator, "qujat %s", qujat_version());
  HPDF_Date date = {d->date.y, d->date.m, d->date.d, 0, 0, 0, 'Z', 0, 0};
  HPDF_STATUS rc = HPDF_OK;
  const char *title = d->letter    ? d->letter->subject
                      : d->service ? d->service->title.s[d->lang]
                                   : d->fine->title.s[d->lang];
  const char *keywords = d->service ? d->service->id : d->fine->id;
  rc |= HPDF_SetInfoAttr(P->doc, HPDF_INFO_TITLE, title);
  rc |= HPDF_SetInfoAttr(P->doc, HPDF_INFO_SUBJECT, subject);
  rc |= HPDF_SetInfoAttr(P->doc, HPDF_INFO_CREATOR, creator);
  rc |= HPDF_SetInfoAttr(P->doc, HPDF_INFO_KEYWORDS, keywords);
  rc |= HPDF_SetInfoDateAttr(P->doc, HPDF_INFO_CREATION_DATE, date);
  rc |= HPDF_SetInfoDateAttr(P->doc, HPDF_INFO_MOD_DATE, date);
  static const char *const langs[NLANGS] = {"kk", "ru", "en"};
  HPDF_String lang = HPDF_String_New(P->doc->mmgr, langs[d->lang], NULL);
  if (!lang || HPDF_Dict_Add(P->doc->catalog, "Lang", lang) != HPDF_OK)
    rc |= HPDF_FAILD_TO_ALLOC_MEM;
  return rc == HPDF_OK && pdf_ok(P) ? QUJAT_OK
                                    : pdf_failed(P, "writing the metadata");
}

static qujat_status save(struct pdf *P, unsigned char **out, size_t *len) {
  if (HPDF_SaveToStream(P->doc) != HPDF_OK || !pdf_ok(P))
    return pdf_failed(P, "saving");
  HPDF_UINT32 size = HPDF_GetStreamSize(P->doc);
  unsigned char *buf = malloc(size ? size : 1);
  if (!buf)
    return qujat_err_set(P->err, QUJAT_ERR_NOMEM, NULL, 0, 0,
                         "out of memory");
  HPDF_UINT32 got = 0;
  while (got < size) {
    HPDF_UINT32 n = size - got;
    HPDF_STATUS rc = HPDF_ReadFromStream(P->doc, buf + got, &n);
    got += n;
    if (rc == HPDF_STREAM_EOF || n == 0)
      break;
    if (rc != HPDF_OK) {
      free(buf);
      return pdf_failed(P, "reading the saved PDF");
    }
  }
  if (got != size) {
    free(buf);
    return qujat_err_set(P->err, QUJAT_ERR_PDF, NULL, 0, 0,
                         "the saved PDF is %u bytes, %u were read",
                         (unsigned)size, (unsigned)got);
  }
  *out = buf;
  *len = size;
  return QUJAT_OK;
}

static void pdf_free(struct pdf *P) {
  if (P->doc)
    HPDF_Free(P->doc);
  for (int i = 0; i < NFONTS; i++) {
    free(P->used[i]);
    free(P->widths[i]);
  }
}

qujat_status qujat_render_pdf_memory(const qujat_document *doc,
                                     unsigned char **out, size_t *len,
                                     qujat_error *err) {
  struct qujat_document *d = (struct qujat_document *)doc;
  struct pdf P = {0};
  struct blocks left = {0}, right = {0};
  struct layout lay = {0};
  qujat_status st;
  *out = NULL;
  *len = 0;
  P.err = err;
  CHECK(qujat_compose(d, &left, err));
  if (d->pair)
    CHECK(qujat_compose(d->pair, &right, err));
  P.doc = HPDF_New(on_error, &P);
  if (!P.doc) {
    st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
    goto done;
  }
  if (HPDF_SetCompressionMode(P.doc, HPDF_COMP_ALL) != HPDF_OK ||
      HPDF_UseUTFEncodings(P.doc) != HPDF_OK ||
      HPDF_SetCurrentEncoder(P.doc, "UTF-8") != HPDF_OK) {
    st = pdf_failed(&P, "setting up UTF-8");
    goto done;
  }
  CHECK(load_fonts(&P, d->cat));
  struct metrics m = {measure, &P};
  struct layout_info info = {.running_left = left.n > 1 ? left.v[1].text
                                                       : NULL,
                             .running_right = d->applicant,
                             .bare = d->kind == QUJAT_DOC_LETTER};
  CHECK(qujat_layout(&left, d->pair ? &right : NULL, &info, &m, &lay, err));
  CHECK(draw_pages(&P, &lay));
  for (int i = 0; i < NFONTS; i++)
    CHECK(fix_to_unicode(&P, i));
  if (d->kind == QUJAT_DOC_FEES)
    CHECK(attach_fees_xml(&P, d));
  CHECK(metadata(&P, d, left.n ? left.v[0].text : ""));
  CHECK(save(&P, out, len));
done:
  qujat_layout_free(&lay);
  qujat_blocks_free(&left);
  qujat_blocks_free(&right);
  pdf_free(&P);
  return st;
}

/* ------------------------------------------------------------------------
 * Glyph coverage of the whole catalog
 * ------------------------------------------------------------------------ */

struct coverage {
  struct pdf *P;
  uint32_t missing;
  int font;
  const char *text;
};

static int first_missing(const char *text, void *user) {
  struct coverage *c = user;
  for (const char *s = text; *s;) {
    uint32_t cp = qujat_utf8_next(&s);
    for (int f = 0; f < NFONTS; f++) {
      if (!has_glyph(c->P->fonts[f], cp)) {
        c->missing = cp;
        c->font = f;
        c->text = text;
        return 1;
      }
    }
  }
  return 0;
}

qujat_status qujat_pdf_check_coverage(const struct qujat_catalog *c,
                                      qujat_error *err) {
  struct pdf P = {0};
  P.err = err;
  qujat_status st = QUJAT_OK;
  P.doc = HPDF_New(on_error, &P);
  if (!P.doc)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  if (HPDF_UseUTFEncodings(P.doc) != HPDF_OK ||
      HPDF_SetCurrentEncoder(P.doc, "UTF-8") != HPDF_OK)
    st = pdf_failed(&P, "setting up UTF-8");
  if (st == QUJAT_OK)
    st = load_fonts(&P, c);
  struct coverage cov = {&P, 0, 0, NULL};
  if (st == QUJAT_OK && qujat_catalog_each_text(c, first_missing, &cov))
    st = qujat_err_set(err, QUJAT_ERR_FONT, c->fonts[cov.font].path, 0, 0,
                       "no glyph for U+%04X, needed by \"%.80s\"",
                       (unsigned)cov.missing, cov.text);
  pdf_free(&P);
  return st;
}

qujat_status qujat_render_pdf_file(const qujat_document *doc,
                                   const char *path, qujat_error *err) {
  unsigned char *pdf = NULL;
  size_t len = 0;
  qujat_status st = qujat_render_pdf_memory(doc, &pdf, &len, err);
  if (st == QUJAT_OK)
    st = qujat_write_file(path, pdf, len, err);
  free(pdf);
  return st;
}
