/* SPDX-License-Identifier: MIT */
/* Unit tests of the catalog's validation stamp (catalog_stamp.c): the hash
 * of the files, where stamps are kept and when they are believed, and a
 * load of the real data directory that writes one and then uses it. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

static char cache[4096];

static void setup(void) {
  test_make_temp_dir(cache, sizeof cache, "stamp");
  chmod(cache, 0700);
  setenv("QUJAT_CACHE_DIR", cache, 1);
}

static void teardown(void) {
  test_remove_dir(cache);
  unsetenv("QUJAT_CACHE_DIR");
}

TestSuite(catalog_stamp, .init = setup, .fini = teardown);

static void stamp_of(struct qujat_stamp *s, const char *name,
                     const char *text) {
  qujat_stamp_begin(s);
  qujat_stamp_add(s, "catalog.xsd", "<xs:schema/>", 12);
  qujat_stamp_add(s, name, text, strlen(text));
  qujat_stamp_end(s);
}

/* The stamps in the cache directory: their count; the last name in `name`. */
static int stamps(char *name, size_t size) {
  DIR *d = opendir(cache);
  cr_assert_not_null(d);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strncmp(e->d_name, "catalog-", 8) == 0) {
      n++;
      if (name)
        snprintf(name, size, "%s", e->d_name);
    }
  closedir(d);
  return n;
}

Test(catalog_stamp, hash_covers_names_and_bytes) {
  struct qujat_stamp a, b, c;
  stamp_of(&a, "fees.xml", "<catalog/>");
  stamp_of(&b, "fees.xml", "<catalog/> ");
  stamp_of(&c, "fines.xml", "<catalog/>");
  cr_assert_eq(strlen(a.hex), 64);
  cr_assert_str_neq(a.hex, b.hex);
  cr_assert_str_neq(a.hex, c.hex);
  stamp_of(&b, "fees.xml", "<catalog/>");
  cr_assert_str_eq(a.hex, b.hex);
}

Test(catalog_stamp, written_once_and_then_seen) {
  struct qujat_stamp s;
  stamp_of(&s, "fees.xml", "<catalog/>");
  cr_assert_eq(qujat_stamp_seen(&s), 0);
  qujat_stamp_write(&s);
  cr_assert_eq(qujat_stamp_seen(&s), 1);
  char name[256], path[8192];
  cr_assert_eq(stamps(name, sizeof name), 1);
  cr_assert_str_eq(name + 8, s.hex);
  snprintf(path, sizeof path, "%s/%s", cache, name);
  struct stat st;
  cr_assert_eq(stat(path, &st), 0);
  cr_assert_eq(st.st_mode & 0777, 0600);
  qujat_stamp_write(&s); /* O_EXCL: the stamp stays as it was */
  cr_assert_eq(qujat_stamp_seen(&s), 1);
  struct qujat_stamp other;
  stamp_of(&other, "fees.xml", "<catalog>changed</catalog>");
  cr_assert_eq(qujat_stamp_seen(&other), 0);
}

Test(catalog_stamp, tampered_or_linked_stamp_is_not_believed) {
  struct qujat_stamp s;
  stamp_of(&s, "fees.xml", "<catalog/>");
  char path[8192], target[8192];
  snprintf(path, sizeof path, "%s/catalog-%s", cache, s.hex);
  test_write_file(path, "qujat catalog stamp 1 0000\n", 27);
  cr_assert_eq(qujat_stamp_seen(&s), 0);
  unlink(path);
  /* A stamp with the right text, but a symbolic link to it. */
  qujat_stamp_write(&s);
  snprintf(target, sizeof target, "%s/real", cache);
  cr_assert_eq(rename(path, target), 0);
  cr_assert_eq(symlink(target, path), 0);
  cr_assert_eq(qujat_stamp_seen(&s), 0);
  unlink(path);
  unlink(target);
}

Test(catalog_stamp, shared_or_disabled_cache_is_not_used) {
  struct qujat_stamp s;
  stamp_of(&s, "fees.xml", "<catalog/>");
  chmod(cache, 0777);
  qujat_stamp_write(&s);
  cr_assert_eq(stamps(NULL, 0), 0, "a stamp in a directory others can write");
  chmod(cache, 0700);
  setenv("QUJAT_CACHE_DIR", "", 1);
  qujat_stamp_write(&s);
  cr_assert_eq(stamps(NULL, 0), 0, "a stamp with QUJAT_CACHE_DIR empty");
  cr_assert_eq(qujat_stamp_seen(&s), 0);
}

Test(catalog_stamp, real_catalog_loads_the_same_with_its_stamp) {
  qujat_catalog *a = test_catalog_load();
  cr_assert_eq(stamps(NULL, 0), 1, "the first load leaves a stamp");
  qujat_catalog *b = test_catalog_load();
  cr_assert_eq(stamps(NULL, 0), 1);
  cr_assert_eq(a->nservices, b->nservices);
  cr_assert_eq(a->neditions, b->neditions);
  for (size_t i = 0; i < a->nservices; i++)
    cr_assert_str_eq(a->services[i].id, b->services[i].id);
  qujat_catalog_free(a);
  qujat_catalog_free(b);
}
