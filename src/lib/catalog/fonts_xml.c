/* SPDX-License-Identifier: MIT */
/* fonts/fonts.xml -> which font files to draw with and what they must be. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

#define FONTS_NS "urn:qujat:fonts:1"

qujat_status qujat_fonts_load(struct qujat_catalog *c, const char *dir,
                              qujat_error *err) {
  static const char *const roles[NFONTS] = {"regular", "bold"};
  char path[4096];
  snprintf(path, sizeof path, "%s/fonts/fonts.xml", dir);
  struct stat sb;
  if (stat(path, &sb) != 0 && errno == ENOENT)
    return QUJAT_OK; /* no PDF output from this data directory */
  xmlDocPtr doc = NULL;
  qujat_status st;
  xmlNodePtr root;
  CHECK(qujat_xml_parse_root(path, QUJAT_MAX_PROFILE_BYTES, FONTS_NS, "fonts",
                             NULL, QUJAT_ERR_FONT, &doc, &root, err));
  for (xmlNodePtr n = qujat_xml_elem(root->children); n;
       n = qujat_xml_elem(n->next)) {
    xmlChar *role = xmlGetProp(n, BAD_CAST "role");
    xmlChar *file = xmlGetProp(n, BAD_CAST "file");
    xmlChar *bytes = xmlGetProp(n, BAD_CAST "bytes");
    xmlChar *crc = xmlGetProp(n, BAD_CAST "crc32");
    int r = -1;
    for (int i = 0; role && i < NFONTS; i++)
      if (strcmp((const char *)role, roles[i]) == 0)
        r = i;
    char *end1 = NULL, *end2 = NULL;
    long nbytes = bytes ? strtol((const char *)bytes, &end1, 10) : -1;
    unsigned long ncrc = crc ? strtoul((const char *)crc, &end2, 16) : 0;
    int ok = qujat_xml_is(n, FONTS_NS, "font") && r >= 0 && file &&
             !strchr((const char *)file, '/') && nbytes > 0 && !*end1 &&
             crc && !*end2;
    if (ok) {
      snprintf(path, sizeof path, "%s/fonts/%s", dir, (const char *)file);
      c->fonts[r].path = qujat_arena_strdup(&c->arena, path);
      c->fonts[r].bytes = nbytes;
      c->fonts[r].crc32 = (uint32_t)ncrc;
    }
    int line = n->line;
    xmlFree(role);
    xmlFree(file);
    xmlFree(bytes);
    xmlFree(crc);
    if (!ok) {
      snprintf(path, sizeof path, "%s/fonts/fonts.xml", dir);
      st = qujat_err_set(err, QUJAT_ERR_FONT, path, line, 0,
                         "expected <font role=\"regular|bold\" file=\"NAME\" "
                         "bytes=\"N\" crc32=\"HEX\"/>");
      goto done;
    }
    if (!c->fonts[r].path) {
      st = qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
      goto done;
    }
  }
done:
  xmlFreeDoc(doc);
  return st;
}
