/* SPDX-License-Identifier: MIT */
/* Unit tests of the PDF renderer (render_pdf.c) with the real catalog and
 * the profiles of tests/data/profiles: the file's frame, determinism, the
 * repaired ToUnicode maps, glyph coverage, damaged data directories and
 * writing files. Damaged data lives in a temporary copy of the data
 * directory (services/, locales/, fonts/). */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "helpers.h"
#include "qujat/qujat.h"
#include "pdf/pdf.h"

#define SERVICE "work-visa-in-kz"
#define DATE "2026-11-21"
#define MAX_CMAPS 8

static unsigned char *pdf, *pdf2;
static size_t pdf_len, pdf2_len;
static char *cmaps[MAX_CMAPS];
static size_t ncmaps;
static char copy_dir[1024]; /* the temporary data directory, or "" */

static void setup(void) {
  fixture_setup();
  use_fixture("smith-family.xml");
}

static void remove_copy(void);

static void teardown(void) {
  for (size_t i = 0; i < ncmaps; i++)
    free(cmaps[i]);
  qujat_free(pdf);
  qujat_free(pdf2);
  remove_copy();
  fixture_teardown();
}

TestSuite(pdf, .init = setup, .fini = teardown);

/* ------------------------------------------------------------------------
 * Rendering
 * ------------------------------------------------------------------------ */

/* Builds the checklist of SERVICE for the Smith family from `c` (with no
 * profile when `c` is not the fixture's catalog) and renders it as PDF. */
static qujat_status render_from(const qujat_catalog *c, qujat_lang lang,
                                const char *date, unsigned char **out,
                                size_t *len) {
  qujat_request req = request_of(QUJAT_DOC_CHECKLIST, SERVICE, date, lang);
  req.profile = c == cat ? prof : NULL;
  qujat_document *d = NULL;
  qujat_status st = qujat_document_build(c, &req, &d, &err);
  cr_assert_eq(st, QUJAT_OK, "build: %s", err.msg);
  memset(&err, 0, sizeof err);
  st = qujat_render_pdf_memory(d, out, len, &err);
  if (st == QUJAT_OK)
    test_unpack_pdf(out, len);
  qujat_document_free(d);
  return st;
}

static void render_ok(qujat_lang lang, const char *date, unsigned char **out,
                      size_t *len) {
  qujat_status st = render_from(cat, lang, date, out, len);
  cr_assert_eq(st, QUJAT_OK, "render: %s", err.msg);
  cr_assert_gt(*len, 1000);
}

/* ------------------------------------------------------------------------
 * (a) The file's frame
 * ------------------------------------------------------------------------ */

static void expect_pdf_frame(const unsigned char *p, size_t len) {
  cr_assert_gt(len, 16);
  cr_expect_eq(memcmp(p, "%PDF-1.", 7), 0, "starts '%.8s'", p);
  size_t end = len;
  while (end > 0 && (p[end - 1] == '\n' || p[end - 1] == '\r'))
    end--;
  cr_expect_leq(len - end, 2, "%zu bytes after %%%%EOF", len - end);
  cr_expect(end >= 5 && memcmp(p + end - 5, "%%EOF", 5) == 0,
            "does not end with %%%%EOF: '%.*s'", 8, p + len - 8);
}

Test(pdf, checklist_is_a_pdf_with_both_fonts_embedded) {
  for (int lang = QUJAT_LANG_EN; lang <= QUJAT_LANG_KK_RU; lang++) {
    render_ok((qujat_lang)lang, DATE, &pdf, &pdf_len);
    expect_pdf_frame(pdf, pdf_len);
    /* Two fonts, regular and bold, over one embedded program. */
    cr_expect_eq(test_count_bytes(pdf, pdf_len, "/FontFile2"), 2,
                 "%s: not two fonts", qujat_lang_code(lang));
    cr_expect_eq(test_count_bytes(pdf, pdf_len, "/Length1 "), 1,
                 "%s: not one program", qujat_lang_code(lang));
    qujat_free(pdf);
    pdf = NULL;
  }
}

/* ------------------------------------------------------------------------
 * (b) Determinism
 * ------------------------------------------------------------------------ */

Test(pdf, same_request_gives_the_same_bytes) {
  render_ok(QUJAT_LANG_KK, DATE, &pdf, &pdf_len);
  render_ok(QUJAT_LANG_KK, DATE, &pdf2, &pdf2_len);
  cr_assert_eq(pdf_len, pdf2_len);
  cr_expect_eq(memcmp(pdf, pdf2, pdf_len), 0, "two renders differ");
}

Test(pdf, another_date_gives_other_bytes) {
  render_ok(QUJAT_LANG_KK, DATE, &pdf, &pdf_len);
  render_ok(QUJAT_LANG_KK, "2026-11-22", &pdf2, &pdf2_len);
  cr_expect(pdf_len != pdf2_len || memcmp(pdf, pdf2, pdf_len) != 0,
            "the date changes nothing");
  /* The date is in the metadata: D:20261121 against D:20261122. */
  cr_expect_gt(test_count_bytes(pdf, pdf_len, "D:20261121"), 0);
  cr_expect_gt(test_count_bytes(pdf2, pdf2_len, "D:20261122"), 0);
}

/* ------------------------------------------------------------------------
 * (c) ToUnicode maps
 * ------------------------------------------------------------------------ */

/* Collects the CMaps among the PDF's compressed streams into `cmaps`. */
static void collect_cmaps(const unsigned char *p, size_t len) {
  size_t at = 0;
  char *text;
  while ((text = test_pdf_next_stream(p, len, &at, NULL)) != NULL) {
    if (strstr(text, "begincmap")) {
      cr_assert_lt(ncmaps, MAX_CMAPS);
      cmaps[ncmaps++] = text;
    } else {
      free(text);
    }
  }
}

/* Checks the ToUnicode CMap: only bfchar blocks of at most 100 entries,
 * mapping the CIDs 1, 2, 3... in order, each face's to different
 * characters: both faces share one CMap (pdf_embed.c), so a character is
 * mapped at most twice, by a regular and a bold CID.
 * Marks the mapped code points in `mapped`. */
static void check_cmap(const char *cmap, unsigned char *mapped) {
  static unsigned char seen[0x10000];
  memset(seen, 0, sizeof seen);
  unsigned next_cid = 1;
  cr_expect_not_null(strstr(cmap, "beginbfchar"), "no bfchar:\n%s", cmap);
  cr_expect_null(strstr(cmap, "begincidrange"), "cidrange in:\n%.400s", cmap);
  cr_expect_null(strstr(cmap, "beginbfrange"), "bfrange in:\n%.400s", cmap);
  const char *s = cmap;
  size_t blocks = 0;
  while ((s = strstr(s, "beginbfchar")) != NULL) {
    const char *line = s;
    while (line > cmap && line[-1] != '\n')
      line--;
    unsigned count = 0;
    cr_assert_eq(sscanf(line, "%u beginbfchar", &count), 1);
    cr_expect(count >= 1 && count <= 100, "a block of %u entries", count);
    s = strchr(s, '\n');
    cr_assert_not_null(s);
    s++;
    for (unsigned k = 0; k < count; k++) {
      unsigned from, to;
      int used = 0;
      cr_assert_eq(sscanf(s, "<%4X> <%4X>\n%n", &from, &to, &used), 2,
                   "entry %u of block %zu: '%.20s'", k, blocks, s);
      cr_expect_eq(from, next_cid, "<%04X> where CID %u was due", from,
                   next_cid);
      next_cid = from + 1;
      cr_expect_lt(seen[to], 2, "U+%04X mapped three times", to);
      seen[to]++;
      mapped[to] = 1;
      s += used;
    }
    cr_expect_eq(strncmp(s, "endbfchar", 9), 0,
                 "block %zu: more entries "
                 "than its count: '%.20s'",
                 blocks, s);
    blocks++;
  }
  cr_expect_gt(blocks, 0);
}

/* Every code point of the UTF-8 string `s` is mapped. */
static void expect_mapped(const unsigned char *mapped, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    unsigned cp = *p;
    int extra = cp < 0x80 ? 0 : cp < 0xE0 ? 1 : 2;
    cp &= extra == 0 ? 0x7F : extra == 1 ? 0x1F : 0x0F;
    p++;
    for (int k = 0; k < extra; k++)
      cp = (cp << 6) | (*p++ & 0x3F);
    cr_expect(mapped[cp], "U+%04X of '%s' is not in any ToUnicode map", cp, s);
  }
}

Test(pdf, to_unicode_maps_are_bfchar_only_in_every_language) {
  for (int lang = QUJAT_LANG_EN; lang <= QUJAT_LANG_KK_RU; lang++) {
    static unsigned char mapped[0x10000];
    memset(mapped, 0, sizeof mapped);
    render_ok((qujat_lang)lang, DATE, &pdf, &pdf_len);
    collect_cmaps(pdf, pdf_len);
    cr_expect_eq(ncmaps, 1, "%s: %zu CMaps for the two faces",
                 qujat_lang_code(lang), ncmaps);
    for (size_t i = 0; i < ncmaps; i++) {
      check_cmap(cmaps[i], mapped);
      free(cmaps[i]);
    }
    ncmaps = 0;
    qujat_free(pdf);
    pdf = NULL;
  }
}

/* A face that prints one digit has all ten, the regular face that prints
 * one Latin capital all 26 (the Smith family's names), so that documents
 * that differ only in a name or a date share their fonts (font_cache.c). */
Test(pdf, glyph_sets_are_rounded_up_to_whole_groups) {
  static unsigned char mapped[0x10000];
  render_ok(QUJAT_LANG_KK, DATE, &pdf, &pdf_len);
  collect_cmaps(pdf, pdf_len);
  cr_assert_eq(ncmaps, 1);
  check_cmap(cmaps[0], mapped);
  expect_mapped(mapped, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  cr_expect_not(mapped['q'] && mapped['x'] && mapped['z'],
                "Latin small letters rounded up too");
}

Test(pdf, kazakh_letters_are_mapped_back_to_their_code_points) {
  static unsigned char mapped[0x10000];
  render_ok(QUJAT_LANG_KK, DATE, &pdf, &pdf_len);
  collect_cmaps(pdf, pdf_len);
  cr_assert_eq(ncmaps, 1);
  for (size_t i = 0; i < ncmaps; i++)
    check_cmap(cmaps[i], mapped);
  int has_qa = 0;
  for (size_t i = 0; i < ncmaps; i++)
    has_qa |= strstr(cmaps[i], "> <049B>\n") != NULL;
  cr_expect(has_qa, "no CID maps to <049B> (қ)");
  /* Texts the Kazakh checklist prints: its title, the service and the
   * first heading, with ә ғ қ ң ө ұ ү і between them. */
  expect_mapped(mapped, "Құжаттар тізбесі");
  expect_mapped(mapped,
                qujat_catalog_service_title(
                    cat, (size_t)qujat_catalog_find_service(cat, SERVICE),
                    QUJAT_LANG_KK));
  expect_mapped(mapped, "Тапсырылатын құжаттар");
  expect_mapped(mapped, "әғқңөұүі");
}

/* ------------------------------------------------------------------------
 * (d) Glyph coverage of the shipped data
 * ------------------------------------------------------------------------ */

/* The test that every character of any catalog or locale text has a glyph
 * in both bundled fonts. */
Test(pdf, shipped_catalog_has_a_glyph_for_every_character) {
  qujat_status st = qujat_pdf_check_coverage(cat, &err);
  cr_expect_eq(st, QUJAT_OK, "%s: %s", err.file, err.msg);
}

/* ------------------------------------------------------------------------
 * (e) Damaged data directories
 * ------------------------------------------------------------------------ */

static void copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb");
  cr_assert_not_null(in, "%s: %s", from, strerror(errno));
  FILE *out = fopen(to, "wb");
  cr_assert_not_null(out, "%s: %s", to, strerror(errno));
  char buf[16384];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0)
    cr_assert_eq(fwrite(buf, 1, n, out), n, "%s", to);
  cr_assert_eq(ferror(in), 0, "%s", from);
  fclose(in);
  cr_assert_eq(fclose(out), 0, "%s", to);
}

static const char *const data_subdirs[] = {"services", "locales", "fonts",
                                           "color"};

/* Copies services/, locales/, fonts/ and color/ (flat directories) of the data
 * directory into a new temporary directory, `copy_dir`. */
static void make_copy(void) {
  test_make_temp_dir(copy_dir, sizeof copy_dir, "pdf");
  for (size_t i = 0; i < sizeof data_subdirs / sizeof *data_subdirs; i++) {
    char from[4096], to[4096];
    snprintf(from, sizeof from, "%s/%s", QUJAT_TEST_DATA_DIR, data_subdirs[i]);
    snprintf(to, sizeof to, "%s/%s", copy_dir, data_subdirs[i]);
    cr_assert_eq(mkdir(to, 0700), 0, "%s: %s", to, strerror(errno));
    DIR *d = opendir(from);
    cr_assert_not_null(d, "%s", from);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
      char src[8192], dst[8192];
      struct stat sb;
      snprintf(src, sizeof src, "%s/%s", from, e->d_name);
      snprintf(dst, sizeof dst, "%s/%s", to, e->d_name);
      if (stat(src, &sb) == 0 && S_ISREG(sb.st_mode))
        copy_file(src, dst);
    }
    closedir(d);
  }
}

static void remove_copy(void) {
  if (!copy_dir[0])
    return;
  for (size_t i = 0; i < sizeof data_subdirs / sizeof *data_subdirs; i++) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", copy_dir, data_subdirs[i]);
    test_remove_dir(dir);
  }
  rmdir(copy_dir);
  copy_dir[0] = '\0';
}

/* A path inside the copy. */
static const char *in_copy(const char *rel) {
  static char path[8192];
  snprintf(path, sizeof path, "%s/%s", copy_dir, rel);
  return path;
}

/* Replaces the first `from` in the copy's file `rel` by `to`. */
static void edit_copy(const char *rel, const char *from, const char *to) {
  const char *path = in_copy(rel);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s", path);
  static char buf[1 << 20], out[(1 << 20) + 256];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  char *at = strstr(buf, from);
  cr_assert_not_null(at, "'%s' not in %s", from, rel);
  int len = snprintf(out, sizeof out, "%.*s%s%s", (int)(at - buf), buf, to,
                     at + strlen(from));
  f = fopen(path, "wb");
  cr_assert_not_null(f, "%s", path);
  cr_assert_eq(fwrite(out, 1, (size_t)len, f), (size_t)len);
  cr_assert_eq(fclose(f), 0);
}

static qujat_catalog *load_copy(void) {
  qujat_catalog *c = NULL;
  qujat_status st = qujat_catalog_load_dir(copy_dir, &c, &err);
  cr_assert_eq(st, QUJAT_OK, "%s:%d: %s", err.file, err.line, err.msg);
  return c;
}

static int ends_with(const char *s, const char *tail) {
  size_t a = strlen(s), b = strlen(tail);
  return a >= b && strcmp(s + a - b, tail) == 0;
}

Test(pdf, truncated_font_is_a_font_error_naming_the_file) {
  make_copy();
  const char *bold = in_copy("fonts/QujatSans-Bold.ttf");
  struct stat sb;
  cr_assert_eq(stat(bold, &sb), 0);
  cr_assert_eq(truncate(bold, sb.st_size / 2), 0, "%s", strerror(errno));
  qujat_catalog *c = load_copy();
  qujat_status st = render_from(c, QUJAT_LANG_KK, DATE, &pdf, &pdf_len);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s", qujat_strerror(st), err.msg);
  cr_expect_eq(err.code, QUJAT_ERR_FONT);
  cr_expect(ends_with(err.file, "fonts/QujatSans-Bold.ttf"),
            "the error names '%s'", err.file);
  cr_expect_null(pdf, "a PDF came out");
  memset(&err, 0, sizeof err);
  cr_expect_eq(qujat_pdf_check_coverage(c, &err), QUJAT_ERR_FONT);
  qujat_catalog_free(c);
}

/* A font of the right size with damaged bytes inside: libharu would embed
 * it without a word; the checksum in fonts.xml must catch it. */
Test(pdf, font_with_changed_bytes_is_a_font_error_naming_the_file) {
  make_copy();
  const char *regular = in_copy("fonts/QujatSans-Regular.ttf");
  struct stat sb;
  cr_assert_eq(stat(regular, &sb), 0);
  FILE *f = fopen(regular, "r+b");
  cr_assert_not_null(f);
  cr_assert_eq(fseek(f, sb.st_size / 2, SEEK_SET), 0);
  unsigned char junk[64];
  memset(junk, 0x5A, sizeof junk);
  cr_assert_eq(fwrite(junk, 1, sizeof junk, f), sizeof junk);
  cr_assert_eq(fclose(f), 0);
  qujat_catalog *c = load_copy();
  qujat_status st = render_from(c, QUJAT_LANG_KK, DATE, &pdf, &pdf_len);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s", qujat_strerror(st), err.msg);
  cr_expect(ends_with(err.file, "fonts/QujatSans-Regular.ttf"),
            "the error names '%s'", err.file);
  cr_expect_null(pdf, "a PDF came out");
  qujat_catalog_free(c);
}

Test(pdf, without_fonts_xml_pdf_fails_and_text_still_works) {
  make_copy();
  cr_assert_eq(unlink(in_copy("fonts/fonts.xml")), 0);
  qujat_catalog *c = load_copy();
  qujat_status st = render_from(c, QUJAT_LANG_EN, DATE, &pdf, &pdf_len);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s", qujat_strerror(st), err.msg);
  cr_expect_not_null(strstr(err.msg, "fonts.xml"), "message: %s", err.msg);

  qujat_request req = QUJAT_REQUEST_INIT;
  req.kind = QUJAT_DOC_CHECKLIST;
  req.service = SERVICE;
  req.lang = QUJAT_LANG_EN;
  req.date = DATE;
  qujat_document *d = NULL;
  cr_assert_eq(qujat_document_build(c, &req, &d, &err), QUJAT_OK);
  char *text = NULL;
  size_t len = 0;
  st = qujat_render_text(d, &text, &len, &err);
  cr_expect_eq(st, QUJAT_OK, "%s", err.msg);
  cr_expect_not_null(text ? strstr(text, "Checklist of documents") : NULL,
                     "the text lacks its title");
  qujat_free(text);
  qujat_document_free(d);
  qujat_catalog_free(c);
}

Test(pdf, character_missing_from_the_font_is_named) {
  make_copy();
  /* ₸ (U+20B8): the bundled fonts have no glyph for it. */
  edit_copy("locales/en.xml", "Checklist of documents</s>",
            "Checklist of documents, ₸</s>");
  qujat_catalog *c = load_copy();
  qujat_status st = qujat_pdf_check_coverage(c, &err);
  cr_expect_eq(st, QUJAT_ERR_FONT);
  cr_expect_not_null(strstr(err.msg, "U+20B8"), "message: %s", err.msg);

  /* The English checklist prints that title: no PDF with an invisible
   * character. The Kazakh one does not and still renders. */
  st = render_from(c, QUJAT_LANG_EN, DATE, &pdf, &pdf_len);
  cr_expect_eq(st, QUJAT_ERR_FONT, "%s: %s", qujat_strerror(st), err.msg);
  cr_expect_not_null(strstr(err.msg, "U+20B8"), "message: %s", err.msg);
  cr_expect_null(pdf);
  st = render_from(c, QUJAT_LANG_KK, DATE, &pdf2, &pdf2_len);
  cr_expect_eq(st, QUJAT_OK, "%s", err.msg);
  qujat_catalog_free(c);
}

/* ------------------------------------------------------------------------
 * (f) Files
 * ------------------------------------------------------------------------ */

/* The Kazakh checklist of SERVICE for the Smith family in `doc`. */
static void build_doc(void) {
  qujat_request req =
      request_of(QUJAT_DOC_CHECKLIST, SERVICE, DATE, QUJAT_LANG_KK);
  cr_assert_eq(build_into(cat, &req, &doc), QUJAT_OK, "%s", err.msg);
}

Test(pdf, file_in_a_missing_directory_is_an_io_error_and_leaves_nothing) {
  make_copy();
  build_doc();
  const char *dir = in_copy("no-such-dir");
  char path[8192];
  cr_assert_lt(snprintf(path, sizeof path, "%s/out.pdf", dir),
               (int)sizeof path);
  qujat_status st = qujat_render_pdf_file(doc, path, &err);
  cr_expect_eq(st, QUJAT_ERR_IO, "%s", qujat_strerror(st));
  cr_expect_eq(err.code, QUJAT_ERR_IO);
  cr_expect_not_null(strstr(err.file, "no-such-dir/out.pdf"), "%s", err.file);
  struct stat sb;
  cr_expect_neq(stat(dir, &sb), 0, "the directory appeared");
  /* Nothing beside the data either. */
  DIR *d = opendir(copy_dir);
  cr_assert_not_null(d);
  struct dirent *e;
  size_t entries = 0;
  while ((e = readdir(d)) != NULL)
    entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  closedir(d);
  cr_expect_eq(entries, sizeof data_subdirs / sizeof *data_subdirs,
               "%zu entries in the directory", entries);
}

Test(pdf, file_has_the_bytes_of_the_memory_render) {
  make_copy();
  build_doc();
  const char *path = in_copy("out.pdf");
  qujat_status st = qujat_render_pdf_file(doc, path, &err);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  st = qujat_render_pdf_memory(doc, &pdf, &pdf_len, &err);
  cr_assert_eq(st, QUJAT_OK, "%s", err.msg);
  size_t len = 0;
  unsigned char *file = test_read_whole(path, &len);
  cr_expect_eq(len, pdf_len);
  cr_expect(len == pdf_len && memcmp(file, pdf, len) == 0,
            "the file differs from the memory render");
  free(file);
  unlink(path);
}
