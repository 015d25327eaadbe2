/*
 * A growable byte buffer with a hard cap (curl's dynbuf): appending past the
 * cap fails with QUJAT_ERR_LIMIT instead of growing without bound. The
 * contents are always NUL-terminated.
 */
#ifndef QUJAT_BUF_H
#define QUJAT_BUF_H

#include <stddef.h>

#include "err.h"

struct buf {
  char *data;
  size_t len;
  size_t cap;   /* allocated bytes */
  size_t limit; /* maximum len */
};

/* Default cap for rendered text and JSON: far above any real document. */
#define QUJAT_BUF_DEFAULT_LIMIT ((size_t)64 * 1024 * 1024)

void qujat_buf_init(struct buf *b, size_t limit);
void qujat_buf_free(struct buf *b);
void qujat_buf_reset(struct buf *b);
qujat_status qujat_buf_add(struct buf *b, const void *data, size_t len);
qujat_status qujat_buf_adds(struct buf *b, const char *s);
qujat_status qujat_buf_addc(struct buf *b, char c);
qujat_status qujat_buf_addf(struct buf *b, const char *fmt, ...)
    QUJAT_PRINTF(2, 3);
/* Appends `n` copies of byte `c`. */
qujat_status qujat_buf_fill(struct buf *b, char c, size_t n);
/* Hands the data over to the caller (free with free()) and resets `b`. */
char *qujat_buf_take(struct buf *b, size_t *len);

#endif
