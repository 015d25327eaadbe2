/* SPDX-License-Identifier: MIT */
/* What several unit test files need: the fixtures of tests/data, the real
 * catalog of the data directory, profiles, documents, and a look into the
 * bytes of a PDF. Every function asserts (Criterion) instead of returning
 * an error; what a function returns malloc'ed is free()d by the caller. */
#ifndef QUJAT_TEST_HELPERS_H
#define QUJAT_TEST_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "rules/rules.h"
#include "qujat/qujat.h"

/* The fixture profiles. */
#define PROFILES QUJAT_TEST_FIXTURES "/profiles"

/* The MCI of the data files (services/sources.xml) in tiyn. */
#define MCI_2024 369200LL
#define MCI_2025 393200LL
#define MCI_2026 432500LL

/* ------------------------------------------------------------------------
 * The real catalog and the fixture profiles
 * ------------------------------------------------------------------------ */

/* The real catalog of QUJAT_TEST_DATA_DIR (qujat_catalog_free() it). */
qujat_catalog *test_catalog_load(void);

/* The text of the fixture profile `name` (tests/data/profiles), with a NUL
 * after it. */
char *test_profile_text(const char *name);

/* Replaces *prof by the profile `xml`, called `name` in errors, validated
 * by the schema of `cat` (NULL: no schema). */
void test_use_profile_xml(qujat_profile **prof, const qujat_catalog *cat,
                          const char *xml, const char *name);

/* Replaces *prof by the fixture profile `name`, loaded from its file (so
 * that errors name its path). */
void test_use_profile_file(qujat_profile **prof, const qujat_catalog *cat,
                           const char *name);

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

/* The whole file, with a NUL after it; its length in *len. */
unsigned char *test_read_whole(const char *path, size_t *len);

/* Writes `len` bytes to a new file `path`. */
void test_write_file(const char *path, const void *data, size_t len);

/* Makes a new directory $TMPDIR/qujat-`name`-XXXXXX (/tmp without TMPDIR)
 * and puts its path into dir[0..size). */
void test_make_temp_dir(char *dir, size_t size, const char *name);

/* Removes the files of the directory `dir`, then `dir`. */
void test_remove_dir(const char *dir);

/* Calls fn(dir, name, user) for each .xml file `name` of `dir`; returns
 * how many there were. */
size_t test_each_xml_file(const char *dir,
                          void (*fn)(const char *dir, const char *name,
                                     void *user),
                          void *user);

/* ------------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------------ */

/* Renders `doc` as JSON into *json (freeing what it held). */
void test_render_json(const qujat_document *doc, char **json);

/* Renders `doc` as PDF into *pdf (freeing what it held), of more than 1000
 * bytes. */
void test_render_pdf(const qujat_document *doc, unsigned char **pdf,
                     size_t *len);

/* "1234.50" for 123450 tiyn, as the JSON and the XML twin write amounts. */
void test_tiyn_text(int64_t tiyn, char *out, size_t size);

/* ------------------------------------------------------------------------
 * Text
 * ------------------------------------------------------------------------ */

/* The 1-based line of the first `needle` in `text`. */
int test_line_of(const char *text, const char *needle);

/* The occurrences of `needle` in `s`, one after the other. */
size_t test_count(const char *s, const char *needle);

/* Expects `part` in `text` / not in it. */
void test_expect_has(const char *text, const char *part);
void test_expect_lacks(const char *text, const char *part);

/* ------------------------------------------------------------------------
 * PDF bytes
 * ------------------------------------------------------------------------ */

/* Every occurrence of the bytes `s` in p[0..len), overlapping ones too. */
size_t test_count_bytes(const unsigned char *p, size_t len, const char *s);

/* The zlib stream at p[0..len) inflated, with a NUL after it and its
 * length in *out_len (may be NULL); NULL when it is not one. */
char *test_inflate(const unsigned char *p, size_t len, size_t *out_len);

/* The next stream of the PDF p[0..len) from *at on that inflates (start
 * with *at = 0), as test_inflate() gives it; NULL after the last one. */
char *test_pdf_next_stream(const unsigned char *p, size_t len, size_t *at,
                           size_t *out_len);

/* Replaces the packed PDF *p (object and cross-reference streams, as
 * qujat writes it: pdf_pack.c) with the same objects written out one by
 * one with a classic cross-reference table, as libharu wrote it before
 * packing, so that tests can read its dictionaries as bytes. *p is
 * malloc'ed before and after; a PDF without an object stream stays. */
void test_unpack_pdf(unsigned char **p, size_t *len);

/* The streams of the PDF that are XML of the namespace `ns` (an attached
 * XML twin); the first one goes to *first (NULL: freed) and its length to
 * *first_len. */
size_t test_pdf_xml_streams(const unsigned char *p, size_t len, const char *ns,
                            char **first, size_t *first_len);

#endif
