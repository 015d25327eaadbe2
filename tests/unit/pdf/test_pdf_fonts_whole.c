/* SPDX-License-Identifier: MIT */
/* Unit tests of the fonts of a whole rendered PDF (render_pdf.c with
 * pdf_embed.c, pdf_font.c and pdf_text.c), read back by pdf_reader.h:
 * every font is a subset of a bundled font with a ToUnicode map in code
 * point order, the widths of its glyphs and a font program whose glyph i
 * is that of code i: a simple TrueType font of one-byte codes (its program
 * mapping 0xF000 + i to glyph i) when the faces have fewer than 256 glyphs
 * together, else an Identity-H Type0 font. Every code drawn is in its
 * font's map and every character of a map is drawn. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "helpers.h"
#include "pdf_reader.h"
#include "qujat/qujat.h"
#include "pdf/pdf_internal.h"
#include "ttf_check.h"
#include "ttf_helpers.h"

static void teardown(void) {
  ttf_teardown();
  fixture_teardown();
}

TestSuite(pdf_fonts_whole, .init = ttf_setup, .fini = teardown);

struct pdf_font {
  unsigned long obj;   /* the font */
  int simple;          /* a TrueType font of one-byte codes, not Type0 */
  const struct ttf *f; /* the bundled font it subsets */
  const unsigned char *d;
  size_t dlen;
  uint32_t *cps; /* CID - 1 - base -> code point, from the ToUnicode map */
  size_t n, base; /* its CIDs: base + 1 .. base + n (its W array) */
  unsigned char *used; /* CIDs drawn, by the content streams */
};

/* Reads the bfchar entries of a ToUnicode CMap: codes 1..n in order (both
 * faces', one after the other: pdf_embed.c), of one byte (`simple`) or
 * two, as its code space says. */
static size_t read_to_unicode(const char *cmap, int simple, uint32_t **out) {
  cr_expect_null(strstr(cmap, "bfrange"), "a bfrange");
  cr_expect_null(strstr(cmap, "cidrange"), "a cidrange");
  cr_expect_not_null(strstr(cmap, simple ? "begincodespacerange\n<00> <FF>\n"
                                         : "begincodespacerange\n<0000> <FFFF>\n"),
                     "the code space");
  size_t n = 0, cap = 64;
  uint32_t *cps = malloc(cap * sizeof *cps);
  cr_assert_not_null(cps);
  for (const char *s = cmap; (s = strstr(s, "beginbfchar\n")) != NULL;) {
    s += strlen("beginbfchar\n");
    unsigned cid, cp;
    int used;
    while (sscanf(s, simple ? "<%2X> <%4X>\n%n" : "<%4X> <%4X>\n%n", &cid,
                  &cp, &used) == 2) {
      if (n == cap)
        cr_assert_not_null(cps = realloc(cps, (cap *= 2) * sizeof *cps));
      cr_expect_eq(cid, n + 1, "<%04X> where CID %zu was due", cid, n + 1);
      cps[n++] = cp;
      s += used;
    }
    cr_assert_eq(strncmp(s, "endbfchar\n", 10), 0, "'%.20s'", s);
  }
  *out = cps;
  return n;
}

/* Checks the W array of CID font `dict` against the widths of the
 * glyphs of the code points `all` (CID - 1 -> code point, `nall` of both
 * faces) in font `d`: its CIDs are one run, every CID once, in code point
 * order; sets pf->base, pf->n and pf->cps from them. */
static void check_widths(const char *dict, struct pdf_font *pf,
                         const uint32_t *all, size_t nall) {
  const char *w = strstr(dict, "/W [");
  cr_assert_not_null(w, "no /W");
  w += 4;
  pf->base = strtoul(w, NULL, 10) - 1;
  cr_assert_lt(pf->base, nall);
  pf->n = nall - pf->base; /* at most; cut to the last CID seen below */
  pf->cps = (uint32_t *)all + pf->base;
  unsigned char *seen = calloc(pf->n + 1, 1);
  cr_assert_not_null(seen);
  char *e;
  for (;;) {
    while (*w == ' ' || *w == '\n' || *w == '\r')
      w++;
    if (*w == ']')
      break;
    unsigned long first = strtoul(w, &e, 10), last;
    cr_assert_neq(e, w, "W: '%.20s'", w);
    w = e;
    while (*w == ' ')
      w++;
    unsigned long widths[1024];
    size_t nw = 0;
    if (*w == '[') {
      for (w++;;) {
        while (*w == ' ' || *w == '\n' || *w == '\r')
          w++;
        if (*w == ']')
          break;
        cr_assert_lt(nw, 1024);
        widths[nw++] = strtoul(w, &e, 10);
        cr_assert_neq(e, w, "W: '%.20s'", w);
        w = e;
      }
      w++;
      last = first + nw - 1;
    } else {
      last = strtoul(w, &e, 10);
      w = e;
      unsigned long width = strtoul(w, &e, 10);
      cr_assert_neq(e, w, "W: '%.20s'", w);
      w = e;
      cr_expect_geq(last - first + 1, 3, "a range of %lu CIDs",
                    last - first + 1);
      for (unsigned long c = first; c <= last && nw < 1024; c++)
        widths[nw++] = width;
    }
    cr_assert(first > pf->base && last <= pf->base + pf->n && first <= last,
              "W: CIDs %lu..%lu of %zu", first, last, pf->base + pf->n);
    for (unsigned long c = first; c <= last; c++) {
      cr_expect_not(seen[c - pf->base], "CID %lu twice in W", c);
      seen[c - pf->base] = 1;
      unsigned g = ref_glyph(pf->d, pf->dlen, all[c - 1]);
      cr_expect_eq(widths[c - first], ref_width(pf->d, pf->dlen, g),
                   "width of CID %lu (U+%04X)", c, all[c - 1]);
    }
  }
  size_t n = 0;
  while (n < pf->n && seen[n + 1])
    n++;
  for (size_t c = n + 1; c <= pf->n; c++)
    cr_expect_not(seen[c], "CID %zu in W after a gap", pf->base + c);
  pf->n = n;
  for (size_t c = 1; c < n; c++)
    cr_expect_gt(pf->cps[c], pf->cps[c - 1], "CID %zu: U+%04X after U+%04X",
                 pf->base + c + 1, pf->cps[c], pf->cps[c - 1]);
  free(seen);
  unsigned long dw = 0;
  const char *at = strstr(dict, "/DW ");
  cr_assert_not_null(at);
  dw = strtoul(at + 4, NULL, 10);
  cr_expect_eq(dw, ref_width(pf->d, pf->dlen, 0), "DW");
}

/* Checks the widths of simple font `dict`: /FirstChar .. /LastChar (its
 * codes, one run of the CMap's), each the advance of its code's glyph in
 * font `d`; sets pf->base, pf->n and pf->cps from them. */
static void check_simple_widths(const char *dict, struct pdf_font *pf,
                                const uint32_t *all, size_t nall) {
  const char *fc = strstr(dict, "/FirstChar "), *lc = strstr(dict, "/LastChar ");
  const char *w = strstr(dict, "/Widths [");
  cr_assert(fc && lc && w, "no FirstChar, LastChar or Widths");
  unsigned long first = strtoul(fc + 11, NULL, 10);
  unsigned long last = strtoul(lc + 10, NULL, 10);
  cr_assert(first >= 1 && first <= last && last <= nall && last <= 255,
            "codes %lu..%lu of %zu", first, last, nall);
  pf->base = first - 1;
  pf->n = last - first + 1;
  pf->cps = (uint32_t *)all + pf->base;
  w += strlen("/Widths [");
  for (unsigned long c = first; c <= last; c++) {
    char *e;
    unsigned long width = strtoul(w, &e, 10);
    cr_assert_neq(e, w, "Widths: '%.20s'", w);
    w = e;
    unsigned g = ref_glyph(pf->d, pf->dlen, all[c - 1]);
    cr_expect_eq(width, ref_width(pf->d, pf->dlen, g),
                 "width of code %lu (U+%04X)", c, all[c - 1]);
  }
  while (*w == ' ' || *w == '\n' || *w == '\r')
    w++;
  cr_expect_eq(*w, ']', "Widths: more than %lu: '%.20s'", last - first + 1, w);
  for (size_t c = 1; c < pf->n; c++)
    cr_expect_gt(pf->cps[c], pf->cps[c - 1], "code %zu: U+%04X after U+%04X",
                 pf->base + c + 1, pf->cps[c], pf->cps[c - 1]);
}

/* Checks one font of the PDF: its widths, ToUnicode map and embedded
 * program, whose glyph i is that of code i; of a Type0 font, also its CID
 * font. */
static void check_pdf_font(const struct pdf_file *pdf, unsigned long num,
                           struct pdf_font *pf) {
  char *t0 = pdf_dict(pdf, num);
  char base[64], enc[64], sub[64];
  pdf_name(t0, "Subtype", sub, sizeof sub);
  pf->simple = strcmp(sub, "TrueType") == 0;
  pdf_name(t0, "BaseFont", base, sizeof base);
  pdf_name(t0, "Encoding", enc, sizeof enc);
  /* A symbolic simple font has no /Encoding (PDF/A-2 6.2.11.6). */
  cr_expect_str_eq(enc, pf->simple ? "" : "Identity-H");
  cr_expect_null(pf->simple ? strstr(t0, "/Encoding") : NULL, "an /Encoding");
  cr_assert_eq(strlen(base) > 7 && base[6] == '+', 1, "BaseFont %s", base);
  for (int i = 0; i < 6; i++)
    cr_expect(base[i] >= 'A' && base[i] <= 'Z', "BaseFont %s", base);
  pf->obj = num;
  if (strcmp(base + 7, "QujatSans-Regular") == 0) {
    pf->f = reg, pf->d = reg_bytes, pf->dlen = reg_len;
  } else {
    cr_assert_str_eq(base + 7, "QujatSans-Bold");
    pf->f = bold, pf->d = bold_bytes, pf->dlen = bold_len;
  }
  /* ToUnicode: CIDs 1..n, characters in code point order. */
  unsigned long tu = pdf_ref(t0, "ToUnicode");
  cr_assert_neq(tu, 0, "no ToUnicode");
  size_t len;
  char *cmap = (char *)pdf_stream(pdf, tu, &len);
  uint32_t *all;
  size_t nall = read_to_unicode(cmap, pf->simple, &all);
  free(cmap);
  char *cid = NULL;
  if (pf->simple) {
    check_simple_widths(t0, pf, all, nall);
  } else {
    /* The CID font: Identity map, widths. */
    cr_expect_str_eq(sub, "Type0");
    const char *dfs = strstr(t0, "/DescendantFonts [");
    cr_assert_not_null(dfs);
    unsigned long cid_num =
        strtoul(dfs + strlen("/DescendantFonts ["), NULL, 10);
    cid = pdf_dict(pdf, cid_num);
    pdf_name(cid, "Subtype", sub, sizeof sub);
    cr_expect_str_eq(sub, "CIDFontType2");
    char map[64];
    pdf_name(cid, "CIDToGIDMap", map, sizeof map);
    cr_expect_str_eq(map, "Identity", "%s: CIDToGIDMap '%s'", base, map);
    cr_expect_eq(pdf_ref(cid, "CIDToGIDMap"), 0, "a CIDToGIDMap stream");
    char cid_base[64];
    pdf_name(cid, "BaseFont", cid_base, sizeof cid_base);
    cr_expect_str_eq(cid_base, base);
    check_widths(cid, pf, all, nall);
  }
  cr_assert_gt(pf->n, 10, "%s: %zu characters", base, pf->n);
  uint32_t *own = malloc(pf->n * sizeof *own);
  cr_assert_not_null(own);
  memcpy(own, pf->cps, pf->n * sizeof *own);
  pf->cps = own;
  pf->used = calloc(pf->n + 1, 1);
  cr_assert_not_null(pf->used);
  /* The program: numGlyphs is the ToUnicode entries + 1, and glyph i is
   * the glyph of CID i's character. */
  unsigned long desc = pdf_ref(cid ? cid : t0, "FontDescriptor");
  char *dd = pdf_dict(pdf, desc);
  char fname[64];
  pdf_name(dd, "FontName", fname, sizeof fname);
  cr_expect_str_eq(fname, base);
  const char *flags = strstr(dd, "/Flags ");
  cr_assert_not_null(flags);
  cr_expect_eq(strtoul(flags + 7, NULL, 10), pf->simple ? 4u : 32u,
               "%s: Flags (symbolic 4, nonsymbolic 32)", base);
  unsigned long ff = pdf_ref(dd, "FontFile2");
  cr_assert_neq(ff, 0, "%s: no FontFile2", base);
  char *ffd = pdf_dict(pdf, ff);
  const char *l1 = strstr(ffd, "/Length1 ");
  cr_assert_not_null(l1);
  unsigned char *prog = pdf_stream(pdf, ff, &len);
  cr_expect_eq(strtoul(l1 + 9, NULL, 10), len, "Length1");
  /* One program for both faces: a glyph for every CID of the map. */
  cr_expect_eq(ref_nglyphs(prog, len), nall + 1,
               "%s: %u glyphs for %zu ToUnicode entries", base,
               ref_nglyphs(prog, len), nall);
  /* A simple font's codes: glyph c for 0xF000 + c (ISO 32000-1 9.6.6.4). */
  for (size_t c = 1; pf->simple && c <= nall; c++)
    cr_expect_eq(ref_glyph_in(prog, len, 0, 0xF000 + (uint32_t)c), c,
                 "%s: the (3,0) cmap of code %zu", base, c);
  if (pf->base == 0 && pf->n == nall) { /* one face only: all its own */
    uint16_t *gids = malloc((pf->n + 1) * sizeof *gids);
    cr_assert_not_null(gids);
    gids[0] = 0;
    for (size_t i = 0; i < pf->n; i++)
      gids[i + 1] = (uint16_t)ref_glyph(pf->d, pf->dlen, pf->cps[i]);
    check_subset(pf->d, pf->dlen, pf->f, prog, len, gids, pf->n + 1);
    free(gids);
  }
  /* This face's glyphs: the outlines and advances of its characters. */
  for (size_t i = 0; i < pf->n; i++) {
    unsigned g = ref_glyph(pf->d, pf->dlen, pf->cps[i]);
    cr_expect_neq(g, 0, "U+%04X has no glyph", pf->cps[i]);
    size_t so, sl, oo, ol;
    ref_glyph_at(prog, len, (unsigned)(pf->base + i + 1), &so, &sl);
    ref_glyph_at(pf->d, pf->dlen, g, &oo, &ol);
    cr_expect(sl == ((ol + 1) & ~(size_t)1) && memcmp(prog + so, pf->d + oo, ol) == 0,
              "%s: glyph %zu is not the outline of U+%04X", base,
              pf->base + i + 1, pf->cps[i]);
    cr_expect_eq(ref_advance(prog, len, (unsigned)(pf->base + i + 1)),
                 ref_advance(pf->d, pf->dlen, g), "advance of U+%04X",
                 pf->cps[i]);
  }
  free(all);
  free(prog);
  free(ffd);
  free(dd);
  free(cid);
  free(t0);
}

/* Appends the UTF-8 of `cp` to `text` (NUL-terminated, `cap` bytes). */
static void text_add(char *text, size_t cap, uint32_t cp) {
  size_t at = strlen(text);
  cr_assert_lt(at + 5, cap);
  text[at + utf8(text + at, cp)] = '\0';
}

/* The documents rendered: checklists, whose faces have fewer than 256
 * glyphs together (simple fonts), and a letter whose purpose holds every
 * letter of the fonts (385 glyphs: Type0 fonts of two-byte CIDs). */
static const struct {
  const char *profile, *service;
  qujat_doc_kind kind;
  qujat_lang lang;
  int simple;
  const char *words[2]; /* in the text read back through the maps */
} cases[] = {
    {"smith-family.xml", "work-visa-in-kz", QUJAT_DOC_CHECKLIST,
     QUJAT_LANG_KK, 1, {"Құжаттар", "тізбесі"}},
    {"smith-family.xml", "work-visa-in-kz", QUJAT_DOC_CHECKLIST,
     QUJAT_LANG_KK_RU, 1, {"Құжаттар", "тізбесі"}},
    {"letter-wide.xml", "business-visa-multi-invitation", QUJAT_DOC_LETTER,
     QUJAT_LANG_EN, 0, {"ÀÁÂÃ", "Ққ"}},
};

Test(pdf_fonts_whole, rendered_pdf_fonts_are_identity_mapped_subsets) {
  cat = test_catalog_load();
  for (size_t li = 0; li < sizeof cases / sizeof *cases; li++) {
    use_fixture(cases[li].profile);
    qujat_request req = request_of(cases[li].kind, cases[li].service,
                                   "2026-11-21", cases[li].lang);
    req.allow_mixed_language = 1; /* the wide letter's purpose */
    qujat_status st = build_into(cat, &req, &doc);
    cr_assert_eq(st, QUJAT_OK, "build: %s", err.msg);
    unsigned char *p = NULL;
    size_t plen = 0;
    st = qujat_render_pdf_memory(doc, &p, &plen, &err);
    cr_assert_eq(st, QUJAT_OK, "render: %s", err.msg);
    test_unpack_pdf(&p, &plen);
    struct pdf_file pdf;
    pdf_open(&pdf, p, plen);
    /* Every Type0 font: both bundled fonts, once each. */
    struct pdf_font fonts[4];
    memset(fonts, 0, sizeof fonts);
    size_t nfonts = 0;
    for (unsigned long i = 1; i < pdf.nobj; i++) {
      if (!pdf.obj[i])
        continue;
      char *dict = pdf_dict(&pdf, i);
      if (strstr(dict, "/Subtype /Type0") ||
          strstr(dict, "/Subtype /TrueType")) {
        cr_assert_lt(nfonts, 4);
        check_pdf_font(&pdf, i, &fonts[nfonts++]);
      }
      free(dict);
    }
    cr_expect_eq(nfonts, 2, "%zu fonts", nfonts);
    for (size_t j = 0; j < nfonts; j++)
      cr_expect_eq(fonts[j].simple, cases[li].simple, "case %zu: font %zu %s",
                   li, j, fonts[j].simple ? "simple" : "Type0");
    cr_expect(nfonts == 2 && fonts[0].f != fonts[1].f);
    /* The pages: every string's CIDs lie in its font's ToUnicode map, and
     * every character of the map is drawn. The text read back through
     * the maps holds the checklist's title. */
    static char text[1 << 17];
    text[0] = '\0';
    size_t pages = 0, kerned = 0;
    for (unsigned long i = 1; i < pdf.nobj; i++) {
      if (!pdf.obj[i])
        continue;
      char *dict = pdf_dict(&pdf, i);
      char type[64];
      pdf_name(dict, "Type", type, sizeof type);
      if (strcmp(type, "Page") != 0) {
        free(dict);
        continue;
      }
      pages++;
      const char *fd = strstr(dict, "/Font <<");
      cr_assert_not_null(fd, "page %lu has no fonts", i);
      struct pdf_font *by_name[2] = {NULL, NULL};
      for (int k = 0; k < 2; k++) {
        char key[8];
        snprintf(key, sizeof key, "F%d", k);
        unsigned long ref = pdf_ref(fd, key);
        for (size_t j = 0; j < nfonts; j++)
          if (fonts[j].obj == ref)
            by_name[k] = &fonts[j];
      }
      size_t clen;
      char *content =
          (char *)pdf_stream(&pdf, pdf_ref(dict, "Contents"), &clen);
      struct content c;
      parse_content(content, clen, &c);
      struct pdf_font *cur = NULL;
      int depth = 0;
      for (size_t k = 0; k < c.n; k++) {
        const struct cop *o = &c.ops[k];
        if (!strcmp(o->op, "BT"))
          cr_expect_eq(depth++, 0, "BT inside BT");
        else if (!strcmp(o->op, "ET"))
          cr_expect_eq(--depth, 0, "ET without BT");
        else if (!strcmp(o->op, "Tf")) {
          cr_assert(o->name[0] == 'F' &&
                        (o->name[1] == '0' || o->name[1] == '1'),
                    "font %s", o->name);
          cur = by_name[o->name[1] - '0'];
          cr_assert_not_null(cur, "page %lu: /%s is not a font of the PDF", i,
                             o->name);
        } else if (!strcmp(o->op, "Tj") || !strcmp(o->op, "TJ")) {
          cr_assert_not_null(cur, "Tj before Tf");
          cr_expect_eq(depth, 1, "Tj outside BT");
          cr_expect_eq(o->is_array, o->op[1] == 'J', "%s", o->op);
          cr_expect_eq(o->nadj > 0, o->op[1] == 'J', "TJ without kerning");
          kerned += o->nadj;
          unsigned cids[512];
          size_t n = cop_codes(o, cur->simple, cids, 512);
          for (size_t j = 0; j < n; j++) {
            cr_assert(cids[j] > cur->base && cids[j] <= cur->base + cur->n,
                      "CID %u drawn with CIDs %zu..%zu", cids[j],
                      cur->base + 1, cur->base + cur->n);
            unsigned cc = (unsigned)(cids[j] - cur->base);
            cur->used[cc] = 1;
            text_add(text, sizeof text, cur->cps[cc - 1]);
          }
          text_add(text, sizeof text, '\n');
        } else if (depth) {
          cr_expect(!strcmp(o->op, "Td") || !strcmp(o->op, "g"),
                    "'%s' inside BT", o->op);
        }
      }
      cr_expect_eq(depth, 0, "page %lu ends inside BT", i);
      content_free(&c);
      free(content);
      free(dict);
    }
    cr_expect_geq(pages, 1);
    cr_expect_gt(kerned, 0, "no kerned pair in the whole document");
    for (size_t j = 0; j < nfonts; j++)
      for (size_t cid = 1; cid <= fonts[j].n; cid++)
        /* Undrawn: only the digits and Latin capitals that round a face's
         * set up to whole groups (qujat_pdf_fonts_round_up). */
        cr_expect(fonts[j].used[cid] ||
                      (fonts[j].cps[cid - 1] >= '0' &&
                       fonts[j].cps[cid - 1] <= '9') ||
                      (fonts[j].f == reg && fonts[j].cps[cid - 1] >= 'A' &&
                       fonts[j].cps[cid - 1] <= 'Z'),
                  "font %zu: CID %zu (U+%04X) is not drawn", j, cid,
                  fonts[j].cps[cid - 1]);
    for (int w = 0; w < 2; w++)
      cr_expect_not_null(strstr(text, cases[li].words[w]), "no '%s' in:\n%.400s",
                         cases[li].words[w], text);
    for (size_t j = 0; j < nfonts; j++) {
      free(fonts[j].cps);
      free(fonts[j].used);
    }
    free(pdf.obj);
    qujat_free(p);
  }
}
