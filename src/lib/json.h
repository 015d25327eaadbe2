/* A tiny JSON writer over a capped buffer; errors stick until checked. */
#ifndef QUJAT_JSON_H
#define QUJAT_JSON_H

#include <stdint.h>

#include "buf.h"

struct json {
  struct buf b;
  qujat_status st;
};

void qujat_json_init(struct json *j);
void qujat_json_raw(struct json *j, const char *s);
/* A string, escaped; NULL is written as null. */
void qujat_json_str(struct json *j, const char *s);
/* ", " (unless first), the key, ": ". */
void qujat_json_key(struct json *j, const char *k, int first);
void qujat_json_int(struct json *j, long long v);
/* Finishes: hands the text to the caller or reports the sticky error. */
qujat_status qujat_json_finish(struct json *j, char **out, size_t *len,
                               qujat_error *err);

#endif
