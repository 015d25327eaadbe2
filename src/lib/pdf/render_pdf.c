/* SPDX-License-Identifier: MIT */
/*
 * Layout -> PDF with libharu 2.3.0. With pdf_archive.c (PDF/A) and
 * pdf_tags.c (the structure), the only files that include <hpdf.h>.
 *
 * libharu writes the document: pages, the metadata, attachments and the
 * file structure. The content of each page (text, rules and boxes, filled
 * rectangles, marked content) is qujat's own, gathered in one buffer and
 * written into the page's stream compressed (finish_page). The fonts are qujat's own
 * (fonts.c, ttf.c, pdf_font.c) and enter the PDF through libharu's object
 * API, because libharu's TrueType path costs most of the time of a small
 * PDF and writes an invalid ToUnicode CMap (PITFALLS.md, bench/README.md).
 *
 * What this file does about libharu's traps:
 *  - an error handler that records and never jumps; every status checked,
 *    and HPDF_GetError after drawing, since some calls report OK anyway;
 *  - the bundled fonts are checked (size, CRC-32) before use, and every
 *    character drawn must have a glyph;
 *  - the PDF is saved to memory; writing it out is qujat_write_file's job
 *    (HPDF_SaveToFile can report success on a full disk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_namedict.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "base/base.h"
#include "layout/layout.h"
#include "rules/rules.h"
#include "pdf/pdf_archive.h"
#include "pdf/pdf_embed.h"
#include "pdf/pdf_internal.h"
#include "pdf/pdf_tags.h"
#include "pdf/pdf.h"

struct pdf {
  HPDF_Doc doc;
  /* The first error libharu reported through the handler. */
  HPDF_STATUS error, detail;
  const struct ttf *ttf[NFONTS];
  struct font_use use[NFONTS];
  HPDF_Page *pages;
  size_t npages;
  struct buf ops; /* the page's whole content, until finish_page */
  struct pdf_bodies bodies; /* of every stream, for qujat_pdf_pack */
  struct text_state text;
  /* Every text op's characters, shaped once (qujat_shape) when they are
   * added to the fonts and drawn from here: runs[k] is the k-th text op's,
   * in the order both passes take the ops. */
  struct shaped_char *shaped;
  size_t nshaped, capshaped;
  struct shaped_run {
    size_t at, n;
  } *runs;
  size_t nruns, capruns, drawn;
  double fill_gray; /* < 0: no fill path open in ops */
  int archival; /* --pdf-standard pdfa: PDF/A (pdf_archive.c), tags */
  struct tags *tags; /* the structure (pdf_tags.c), when archival */
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

static qujat_status no_memory(struct pdf *P) {
  return qujat_err_set(P->err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

/* The width the text has as drawn: advances and kerning (qujat_text_run
 * writes the same kerning into the page). */
static double measure(void *user, int font, double size, const char *s,
                      size_t len) {
  const struct ttf *f = ((struct pdf *)user)->ttf[font];
  return (double)qujat_ttf_text_width(f, s, len) * size / 1000.0;
}

/* ------------------------------------------------------------------------
 * Drawing
 * ------------------------------------------------------------------------ */

/* Shapes text op `o`, keeps its characters (P->shaped, P->runs) and adds
 * them to its font. */
static qujat_status keep_run(struct pdf *P, const struct op *o,
                             uint32_t *missing) {
  struct shaping run;
  qujat_status st = qujat_shape(P->ttf[o->font], o->text, o->len, &run,
                                missing);
  while (st == QUJAT_OK && P->capshaped < P->nshaped + run.n) {
    struct shaped_char *more = qujat_array_room(
        P->shaped, &P->capshaped, P->capshaped, sizeof *more, 4096);
    if (more)
      P->shaped = more;
    else
      st = QUJAT_ERR_NOMEM;
  }
  struct shaped_run *runs =
      st == QUJAT_OK ? qujat_array_room(P->runs, &P->capruns, P->nruns,
                                        sizeof *runs, 256)
                     : NULL;
  if (st == QUJAT_OK && !runs)
    st = QUJAT_ERR_NOMEM;
  if (st == QUJAT_OK) {
    P->runs = runs;
    if (run.n)
      memcpy(P->shaped + P->nshaped, run.c, run.n * sizeof *run.c);
    P->runs[P->nruns++] = (struct shaped_run){P->nshaped, run.n};
    P->nshaped += run.n;
    st = qujat_font_use_mark(&P->use[o->font], run.c, run.n);
  }
  qujat_shaping_done(&run);
  return st;
}

/* Every character the document draws, added to its font before any is
 * drawn: the CIDs follow from the whole set. A character without a glyph
 * stops the document (libharu would have drawn it invisibly). */
static qujat_status collect_text(struct pdf *P, const struct layout *l,
                                 const struct qujat_profile *profile) {
  for (size_t i = 0; i < l->npages; i++)
    for (size_t k = 0; k < l->pages[i].n; k++) {
      const struct op *o = &l->pages[i].ops[k];
      uint32_t missing = 0;
      qujat_status st =
          o->kind != OP_TEXT ? QUJAT_OK : keep_run(P, o, &missing);
      if (st == QUJAT_ERR_FONT)
        return qujat_pdf_glyph_error(profile, missing, o->text, o->len,
                                     P->err);
      if (st != QUJAT_OK)
        return no_memory(P);
    }
  if (qujat_pdf_fonts_round_up(P->use) != QUJAT_OK)
    return no_memory(P);
  for (int i = 0; i < NFONTS; i++)
    if (qujat_font_use_freeze(&P->use[i]) != QUJAT_OK)
      return qujat_err_set(P->err, QUJAT_ERR_LIMIT, NULL, 0, 0,
                           "too many different characters in one document");
  qujat_pdf_fonts_number(P->use);
  return QUJAT_OK;
}

/* Ends the page: its whole content, gathered in P->ops (text, rules and
 * boxes, filled rectangles, marked content: libharu's text calls know only
 * its own fonts, and its path calls are slow), compressed with
 * qujat_pdf_deflate into the body of the page's stream (pdf_bodies.c),
 * which libharu leaves empty. libharu's own deflate would clear a
 * quarter-megabyte state for every stream. */
static qujat_status finish_page(struct pdf *P, HPDF_Page page) {
  if (qujat_text_end(&P->text, &P->ops) != QUJAT_OK)
    return no_memory(P);
  struct buf z;
  qujat_buf_init(&z, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_pdf_deflate(P->ops.data, P->ops.len, &z);
  qujat_buf_reset(&P->ops);
  if (st != QUJAT_OK) {
    qujat_buf_free(&z);
    return qujat_err_set(P->err, st, NULL, 0, 0, "cannot compress a page");
  }
  HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
  /* The compressed bytes must be all of the stream: a libharu drawing call
   * made on the page would have written raw operators into it (or would
   * add some when it is saved), and the page would be garbage. Its stream
   * must be empty now (qujat_pdf_body_set) and when saved
   * (qujat_pdf_pack). */
  st = attr->gmode == HPDF_GMODE_PAGE_DESCRIPTION
           ? qujat_pdf_body_set(&P->bodies, attr->contents, z.data, z.len, 1)
           : QUJAT_ERR_PDF;
  qujat_buf_free(&z);
  if (st == QUJAT_ERR_PDF)
    return qujat_err_set(P->err, st, NULL, 0, 0,
                         "a page's content was written by libharu too");
  return st == QUJAT_OK ? QUJAT_OK
                        : qujat_err_set(P->err, st, NULL, 0, 0,
                                        "cannot keep a page's content");
}

/* Ends the path of filled rectangles open in P->ops, if any. */
static qujat_status close_fill(struct pdf *P) {
  if (P->fill_gray < 0)
    return QUJAT_OK;
  P->fill_gray = -1;
  return qujat_buf_adds(&P->ops, "f\n");
}

/* A filled rectangle: consecutive ones of one gray are one path and one
 * fill (a QR code: hundreds of them), written with the text operators. */
static qujat_status fill_rect(struct pdf *P, const struct op *o) {
  qujat_status st = QUJAT_OK;
  if (P->fill_gray < 0 || P->fill_gray != o->gray) {
    if ((st = close_fill(P)) == QUJAT_OK &&
        (st = qujat_text_end(&P->text, &P->ops)) == QUJAT_OK &&
        (st = qujat_pdf_real(&P->ops, o->gray)) == QUJAT_OK)
      st = qujat_buf_adds(&P->ops, " g\n");
    qujat_text_fill_changed(&P->text);
    P->fill_gray = o->gray;
  }
  const double v[4] = {o->x, o->y, o->w, o->h};
  for (int i = 0; st == QUJAT_OK && i < 4; i++)
    if ((st = qujat_pdf_real(&P->ops, v[i])) == QUJAT_OK)
      st = qujat_buf_adds(&P->ops, i < 3 ? " " : " re\n");
  return st == QUJAT_OK ? QUJAT_OK : no_memory(P);
}

/* A rule or a box, stroked, into the page's content beside the text:
 * libharu's path calls clear a 512-byte buffer byte by byte for each of
 * their numbers, a few percent of a one-page checklist's time
 * (bench/README.md). */
static qujat_status stroke(struct pdf *P, const struct op *o) {
  const int line = o->kind == OP_LINE;
  const double v[6] = {o->stroke, o->gray, o->x, o->y,
                       line ? o->x + o->w : o->w, line ? o->y + o->h : o->h};
  static const char *const after_line[6] = {" w ", " G\n", " ", " m ", " ",
                                            " l S\n"};
  static const char *const after_box[6] = {" w ", " G\n", " ", " ", " ",
                                           " re S\n"};
  qujat_status st = qujat_text_end(&P->text, &P->ops);
  for (int i = 0; st == QUJAT_OK && i < 6; i++)
    if ((st = qujat_pdf_real(&P->ops, v[i])) == QUJAT_OK)
      st = qujat_buf_adds(&P->ops, line ? after_line[i] : after_box[i]);
  return st == QUJAT_OK ? QUJAT_OK : no_memory(P);
}

static qujat_status draw_op(struct pdf *P, const struct op *o) {
  int switching = P->tags && qujat_tags_wants_switch(P->tags, o);
  if (o->kind == OP_FILL && !switching)
    return fill_rect(P, o);
  if (close_fill(P) != QUJAT_OK)
    return no_memory(P);
  if (o->kind == OP_FILL) { /* the first of a new marked content */
    qujat_status st = qujat_text_end(&P->text, &P->ops);
    if (st == QUJAT_OK)
      st = qujat_tags_switch(P->tags, o, &P->ops);
    return st == QUJAT_OK ? fill_rect(P, o) : no_memory(P);
  }
  if (switching) {
    /* Marked content and text objects nest: end the text object, then
     * the marked content, and start the op's own. */
    qujat_status st = qujat_text_end(&P->text, &P->ops);
    if (st == QUJAT_OK)
      st = qujat_tags_switch(P->tags, o, &P->ops);
    if (st != QUJAT_OK)
      return no_memory(P);
  }
  if (o->kind == OP_TEXT) {
    if (P->drawn == P->nruns) /* collect_text shaped every text op */
      return qujat_err_set(P->err, QUJAT_ERR_PDF, NULL, 0, 0,
                           "a text op that was not shaped");
    const struct shaped_run *r = &P->runs[P->drawn++];
    qujat_status st = qujat_text_run_shaped(
        &P->text, &P->ops, &P->use[o->font], o->font, o->size, o->gray, o->x,
        o->y, P->shaped + r->at, r->n);
    return st == QUJAT_OK ? QUJAT_OK
                          : qujat_err_set(P->err, st, NULL, 0, 0,
                                          "cannot write the text");
  }
  switch (o->kind) {
  case OP_LINE:
  case OP_BOX:
    return stroke(P, o);
  case OP_TEXT:
  case OP_FILL:
    break; /* drawn above */
  }
  return qujat_err_set(P->err, QUJAT_ERR_PDF, NULL, 0, 0,
                       "an operation the PDF cannot draw");
}

static qujat_status draw_pages(struct pdf *P, const struct layout *l) {
  P->pages = calloc(l->npages ? l->npages : 1, sizeof *P->pages);
  if (!P->pages)
    return no_memory(P);
  qujat_status st = QUJAT_OK;
  for (size_t i = 0; st == QUJAT_OK && i < l->npages; i++) {
    HPDF_Page page = HPDF_AddPage(P->doc);
    if (!page || HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
                                   HPDF_PAGE_PORTRAIT) != HPDF_OK)
      return pdf_failed(P, "adding a page");
    P->pages[P->npages++] = page;
    qujat_text_page(&P->text);
    if (P->tags && qujat_tags_page(P->tags, page, i) != HPDF_OK)
      return pdf_failed(P, "tagging a page");
    P->fill_gray = -1;
    for (size_t k = 0; st == QUJAT_OK && k < l->pages[i].n; k++)
      st = draw_op(P, &l->pages[i].ops[k]);
    if (st == QUJAT_OK && close_fill(P) != QUJAT_OK)
      st = no_memory(P);
    if (st == QUJAT_OK && P->tags &&
        (qujat_text_end(&P->text, &P->ops) != QUJAT_OK ||
         qujat_tags_end_page(P->tags, &P->ops) != QUJAT_OK))
      st = no_memory(P);
    if (st == QUJAT_OK)
      st = finish_page(P, page);
  }
  return st;
}

/* The fonts the document drew with (pdf_embed.c), in every page's
 * resources. */
static qujat_status add_fonts(struct pdf *P) {
  if (qujat_pdf_fonts_embed(P->doc, &P->bodies, P->use, P->pages,
                            P->npages, P->archival) != HPDF_OK)
    return pdf_ok(P) ? no_memory(P) : pdf_failed(P, "embedding the fonts");
  return pdf_ok(P) ? QUJAT_OK : pdf_failed(P, "embedding the fonts");
}

/* Appends the bytes of libharu's memory stream `s` to `out`, straight from
 * its blocks: HPDF_Stream_Read copies them a byte at a time, which cost as
 * much as a tenth of a small document. QUJAT_ERR_PDF when the blocks do not
 * add up to the stream's size. */
static qujat_status mem_stream_copy(HPDF_Stream s, struct buf *out) {
  if (s->type != HPDF_STREAM_MEMORY)
    return QUJAT_ERR_PDF;
  size_t total = 0;
  for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(s); i < n; i++) {
    HPDF_UINT len = 0;
    HPDF_BYTE *block = HPDF_MemStream_GetBufPtr(s, i, &len);
    if (!block)
      return QUJAT_ERR_PDF;
    qujat_status st = qujat_buf_add(out, block, len);
    if (st != QUJAT_OK)
      return st;
    total += len;
  }
  return total == HPDF_Stream_Size(s) ? QUJAT_OK : QUJAT_ERR_PDF;
}

/* ------------------------------------------------------------------------
 * The XML twin of a fee slip
 * ------------------------------------------------------------------------ */

/* Attaches `data` as an embedded file named `name`. Built here from
 * libharu's object API rather than with HPDF_AttachFile, which takes the
 * file's full path as its name and reads the file only while saving. */
static qujat_status attach(struct pdf *P, const char *name, const char *desc,
                           const char *mime, HPDF_Date date,
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
  HPDF_Dict params = HPDF_Dict_New(mmgr);
  HPDF_Dict ef = HPDF_Dict_New(mmgr);
  HPDF_Dict spec = HPDF_Dict_New(mmgr);
  if (!params || !ef || !spec)
    return pdf_failed(P, "attaching the XML");
  /* Compressed by qujat_pdf_deflate like every other stream, not by
   * libharu's zlib. */
  struct buf z;
  qujat_buf_init(&z, QUJAT_BUF_DEFAULT_LIMIT);
  if (qujat_pdf_deflate(data, len, &z) != QUJAT_OK) {
    qujat_buf_free(&z);
    return pdf_failed(P, "compressing the XML");
  }
  HPDF_Dict file = qujat_pdf_body_stream(P->doc, &P->bodies, z.data, z.len,
                                         1);
  qujat_buf_free(&z);
  if (!file)
    return pdf_failed(P, "attaching the XML");
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
  if (P->archival) {
    /* PDF/A-3: an associated file of the document, the same facts in
     * another form (ISO 19005-3, 6.8). */
    HPDF_Array af = HPDF_Array_New(mmgr);
    char when[32];
    snprintf(when, sizeof when, "D:%04d%02d%02d%02d%02d%02dZ", date.year,
             date.month, date.day, date.hour, date.minutes, date.seconds);
    rc |= HPDF_Dict_AddName(file, "Subtype", mime);
    rc |= HPDF_Dict_Add(params, "CreationDate",
                        HPDF_String_New(mmgr, when, NULL));
    rc |= HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mmgr, when, NULL));
    rc |= HPDF_Dict_AddName(spec, "AFRelationship", "Alternative");
    rc |= af ? HPDF_Array_Add(af, spec) : HPDF_FAILD_TO_ALLOC_MEM;
    rc |= HPDF_Dict_Add(P->doc->catalog, "AF", af);
  }
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
                "qujat fee slip (urn:qujat:fees:1)", "text/xml",
                (HPDF_Date){d->date.y, d->date.m, d->date.d, 0, 0, 0, 'Z',
                            0, 0},
                xml.data, xml.len);
  else
    st = qujat_err_set(P->err, st, NULL, 0, 0, "cannot write the XML twin");
  qujat_buf_free(&xml);
  return st;
}

/* ------------------------------------------------------------------------
 * Metadata and output
 * ------------------------------------------------------------------------ */

/* Appends `utf8` as a PDF literal string of UTF-16BE with a byte order
 * mark, the PDF's form of Unicode text: raw bytes, with ( ) \ and line
 * ends escaped; half the size of the hex string libharu would write. */
static qujat_status literal_utf16(struct buf *b, const char *utf8) {
  qujat_status st = qujat_buf_adds(b, "(\xfe\xff");
  for (const char *s = utf8; st == QUJAT_OK && *s;) {
    uint32_t cp = qujat_utf8_next(&s);
    unsigned units[2] = {cp, 0};
    int n = 1;
    if (cp > 0xffff) {
      units[0] = 0xd800 + ((cp - 0x10000) >> 10);
      units[1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      n = 2;
    }
    for (int i = 0; st == QUJAT_OK && i < 2 * n; i++) {
      char c = (char)(i % 2 ? units[i / 2] & 0xff : units[i / 2] >> 8);
      if (c == '(' || c == ')' || c == '\\')
        st = qujat_buf_addc(b, '\\');
      else if ((c == '\r' || c == '\n') &&
               (st = qujat_buf_addc(b, '\\')) == QUJAT_OK)
        c = c == '\r' ? 'r' : 'n';
      if (st == QUJAT_OK)
        st = qujat_buf_addc(b, c);
    }
  }
  return st == QUJAT_OK ? qujat_buf_addc(b, ')') : st;
}

/* The document information's own entries, written by its dictionary's
 * write hook from the bytes kept in its attr, freed by its free hook:
 * libharu has no object for a literal string of raw bytes. */
static HPDF_STATUS write_info_text(HPDF_Dict obj, HPDF_Stream stream) {
  const size_t *len = obj->attr;
  return len ? HPDF_Stream_Write(stream, (const HPDF_BYTE *)(len + 1),
                                 (HPDF_UINT)*len)
             : HPDF_OK;
}

static void free_info_text(HPDF_Dict obj) {
  HPDF_FreeMem(obj->mmgr, obj->attr);
  obj->attr = NULL;
}

static HPDF_STATUS info_texts(struct pdf *P, const char *title,
                              const char *subject, const char *dates) {
  struct buf b;
  qujat_buf_init(&b, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status st = qujat_buf_adds(&b, "/Title ");
  if (st == QUJAT_OK)
    st = literal_utf16(&b, title);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(&b, "\n/Subject ");
  if (st == QUJAT_OK)
    st = literal_utf16(&b, subject);
  if (st == QUJAT_OK)
    st = qujat_buf_addc(&b, '\n');
  if (st == QUJAT_OK && dates)
    st = qujat_buf_adds(&b, dates);
  HPDF_Dict info = P->doc->info;
  size_t *mem = st == QUJAT_OK && info && !info->attr && !info->write_fn &&
                        !info->free_fn
                    ? HPDF_GetMem(P->doc->mmgr, sizeof *mem + b.len)
                    : NULL;
  if (mem) {
    *mem = b.len;
    memcpy(mem + 1, b.data, b.len);
    info->attr = mem;
    info->write_fn = write_info_text;
    info->free_fn = free_info_text;
  }
  qujat_buf_free(&b);
  return mem ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
}

/* The no-break spaces of the page (typography) as plain spaces, in place:
 * a title in a viewer's bar or a search index wraps nowhere. */
static void untie(char *s) {
  char *w = s;
  for (const unsigned char *r = (const unsigned char *)s; *r;) {
    if (r[0] == 0xc2 && r[1] == 0xa0) {
      *w++ = ' ';
      r += 2;
    } else if (r[0] == 0xe2 && r[1] == 0x80 && r[2] == 0xaf) {
      *w++ = ' ';
      r += 3;
    } else {
      *w++ = (char)*r++;
    }
  }
  *w = '\0';
}

/* Title, subject, language, creator; dates from the document date, so that
 * the same input and date give the same bytes. */
static qujat_status metadata(struct pdf *P, const struct qujat_document *d,
                             const char *kind_title) {
  char subject[512], creator[64], title[1024];
  snprintf(subject, sizeof subject, "%s%s%s",
           d->letter ? d->service->title.s[d->lang] : kind_title,
           d->applicant ? " — " : "", d->applicant ? d->applicant : "");
  snprintf(creator, sizeof creator, "qujat %s", qujat_version());
  HPDF_Date date = {d->date.y, d->date.m, d->date.d, 0, 0, 0, 'Z', 0, 0};
  HPDF_STATUS rc = HPDF_OK;
  /* A title per kind of paper, in the document's language: "Checklist —
   * service", "Fee slip — service", "Fine — fine", and for a letter its
   * subject and the company that writes it. */
  const char *what = d->letter    ? d->letter->company
                     : d->service ? d->service->title.s[d->lang]
                                  : d->fine->title.s[d->lang];
  snprintf(title, sizeof title, "%s%s%s",
           d->letter ? d->letter->subject : kind_title,
           what && *what ? " — " : "", what ? what : "");
  untie(title);
  untie(subject);
  const char *keywords = d->service ? d->service->id : d->fine->id;
  rc |= HPDF_SetInfoAttr(P->doc, HPDF_INFO_CREATOR, creator);
  rc |= HPDF_SetInfoAttr(P->doc, HPDF_INFO_KEYWORDS, keywords);
  /* libharu writes "D:20261121000000Z00'00'", which PDFBox does not read
   * as the XMP's date: archival PDFs write theirs, the same instant. */
  char dates[128];
  snprintf(dates, sizeof dates,
           "/CreationDate (D:%04d%02d%02d000000+00'00')\n"
           "/ModDate (D:%04d%02d%02d000000+00'00')\n",
           d->date.y, d->date.m, d->date.d, d->date.y, d->date.m, d->date.d);
  if (!P->archival) {
    rc |= HPDF_SetInfoDateAttr(P->doc, HPDF_INFO_CREATION_DATE, date);
    rc |= HPDF_SetInfoDateAttr(P->doc, HPDF_INFO_MOD_DATE, date);
  }
  rc |= info_texts(P, title, subject, P->archival ? dates : NULL);
  static const char *const langs[NLANGS] = {"kk", "ru", "en"};
  HPDF_String lang = HPDF_String_New(P->doc->mmgr, langs[d->lang], NULL);
  if (!lang || HPDF_Dict_Add(P->doc->catalog, "Lang", lang) != HPDF_OK)
    rc |= HPDF_FAILD_TO_ALLOC_MEM;
  if (rc == HPDF_OK && P->archival) {
    const unsigned char *icc;
    size_t icc_len;
    qujat_status st = qujat_pdf_icc_get(d->cat, &icc, &icc_len, P->err);
    if (st != QUJAT_OK)
      return st;
    const char *doc_langs[2] = {langs[d->lang],
                                d->pair ? langs[d->pair->lang] : NULL};
    struct pdfa_meta m = {.part = d->kind == QUJAT_DOC_FEES ? 3 : 2,
                          .title = title, .subject = subject,
                          .keywords = keywords, .creator = creator,
                          .langs = doc_langs, .nlangs = d->pair ? 2 : 1,
                          .date = d->date};
    rc |= qujat_pdfa_prepare(P->doc, &P->bodies, &m, icc, icc_len);
  }
  return rc == HPDF_OK && pdf_ok(P) ? QUJAT_OK
                                    : pdf_failed(P, "writing the metadata");
}

static qujat_status save(struct pdf *P, unsigned char **out, size_t *len) {
  if (HPDF_SaveToStream(P->doc) != HPDF_OK || !pdf_ok(P))
    return pdf_failed(P, "saving");
  struct buf saved;
  qujat_buf_init(&saved, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status read = mem_stream_copy(P->doc->stream, &saved);
  if (read != QUJAT_OK) {
    qujat_buf_free(&saved);
    return read == QUJAT_ERR_PDF ? pdf_failed(P, "reading the saved PDF")
                                 : qujat_err_set(P->err, read, NULL, 0, 0,
                                                 "cannot keep the saved PDF");
  }
  /* Object and cross-reference streams, the streams' bodies put in
   * (pdf_pack.c). */
  struct buf packed;
  qujat_buf_init(&packed, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_status packing = qujat_pdf_pack((const unsigned char *)saved.data,
                                        saved.len, &P->bodies, &packed);
  qujat_buf_free(&saved);
  unsigned char *buf = (unsigned char *)packed.data;
  size_t size = packed.len;
  if (packing != QUJAT_OK) {
    free(buf);
    return qujat_err_set(P->err, packing, NULL, 0, 0, "cannot pack the PDF");
  }
  /* The ID: the hash of the file as it is, bodies and all. */
  if (P->archival && qujat_pdfa_set_id(buf, size) != 0) {
    free(buf);
    return qujat_err_set(P->err, QUJAT_ERR_PDF, NULL, 0, 0,
                         "the saved PDF has no trailer /ID to fill in");
  }
  *out = buf;
  *len = size;
  return QUJAT_OK;
}

static void pdf_free(struct pdf *P) {
  if (P->doc)
    HPDF_Free(P->doc);
  for (int i = 0; i < NFONTS; i++)
    qujat_font_use_free(&P->use[i]);
  free(P->pages);
  free(P->shaped);
  free(P->runs);
  qujat_buf_free(&P->ops);
  qujat_pdf_bodies_free(&P->bodies);
  qujat_tags_free(P->tags);
}

static qujat_status pdf_new(struct pdf *P, const struct qujat_catalog *c,
                            qujat_error *err) {
  memset(P, 0, sizeof *P);
  P->err = err;
  qujat_buf_init(&P->ops, QUJAT_BUF_DEFAULT_LIMIT);
  qujat_pdf_bodies_init(&P->bodies);
  qujat_status st = qujat_fonts_get(c, P->ttf, err);
  if (st != QUJAT_OK)
    return st;
  for (int i = 0; i < NFONTS; i++)
    qujat_font_use_init(&P->use[i], P->ttf[i]);
  P->doc = HPDF_New(on_error, P);
  if (!P->doc)
    return no_memory(P);
  return QUJAT_OK;
}

qujat_status qujat_render_pdf_memory(const qujat_document *doc,
                                     unsigned char **out, size_t *len,
                                     qujat_error *err) {
  struct qujat_document *d = (struct qujat_document *)doc;
  struct pdf P;
  struct blocks left = {0}, right = {0};
  struct layout lay = {0};
  qujat_status st;
  *out = NULL;
  *len = 0;
  CHECK(pdf_new(&P, d->cat, err));
  P.archival = d->pdf_standard == QUJAT_PDF_ARCHIVAL;
  CHECK(qujat_compose(d, &left, err));
  if (d->pair)
    CHECK(qujat_compose(d->pair, &right, err));
  _Static_assert(NFONTS == 2, "the metrics name two fonts");
  struct metrics m = {measure, &P, {P.ttf[0]->serial, P.ttf[1]->serial}};
  struct layout_info info = {.running_left = left.n > 1 ? left.v[1].text
                                                       : NULL,
                             .running_right = d->applicant,
                             .bare = d->kind == QUJAT_DOC_LETTER,
                             .compact = d->brief};
  CHECK(qujat_layout(&left, d->pair ? &right : NULL, &info, &m, &lay, err));
  CHECK(collect_text(&P, &lay, d->profile));
  if (P.archival) {
    static const char *const codes[NLANGS] = {"kk", "ru", "en"};
    P.tags = qujat_tags_new(P.doc, &left, d->pair ? &right : NULL,
                            codes[d->lang],
                            d->pair ? codes[d->pair->lang] : NULL);
    if (!P.tags) {
      st = pdf_ok(&P) ? no_memory(&P) : pdf_failed(&P, "tagging");
      goto done;
    }
  }
  CHECK(draw_pages(&P, &lay));
  if (P.tags && qujat_tags_finish(P.tags) != HPDF_OK) {
    st = pdf_failed(&P, "writing the structure");
    goto done;
  }
  CHECK(add_fonts(&P));
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
