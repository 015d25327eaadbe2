/*
 * A text file in any of the encodings spreadsheets write (UTF-8 with or
 * without a byte order mark, UTF-16 as Excel's "Unicode text", the Cyrillic
 * code pages CP1251 and KZ-1048), read as UTF-8 through iconv. Never
 * //TRANSLIT or //IGNORE: a byte that does not decode is reported, with
 * where it sits in the decoded text, so that only its row is lost.
 */
#ifndef QUJAT_BATCH_DECODE_H
#define QUJAT_BATCH_DECODE_H

#include <iconv.h>
#include <stddef.h>

#include "err.h"

struct decode_bad {
  size_t at; /* offset in the decoded text */
  char what[96];
};

struct decoder {
  int fd;
  const char *path;
  iconv_t cd;
  char name[16];  /* the encoding read: "UTF-8", "CP1251"... */
  unsigned unit;  /* bytes of one code unit: skipped at a bad one */
  unsigned char in[64 * 1024];
  size_t in_len, in_pos;
  int eof;
  long long offset; /* of in[0] in the file */
  size_t out_total; /* decoded bytes handed out so far */
  int first;        /* nothing handed out yet (a U+FEFF there is a BOM) */
  struct decode_bad *bad; /* not yet taken, in order */
  size_t nbad, capbad;
};

/*
 * Opens `path` for reading as `encoding` (NULL: detected from the byte
 * order mark, the zero bytes of UTF-16, UTF-8 validity, or else the code
 * page whose letters the bytes make). Errors: QUJAT_ERR_IO, QUJAT_ERR_ARG
 * (an encoding qujat does not read), QUJAT_ERR_NOMEM.
 */
qujat_status qujat_decoder_open(struct decoder *d, const char *path,
                                const char *encoding, qujat_error *err);

/* Reads up to `cap` bytes of UTF-8 into `out`; `*got` is 0 at the end.
 * Bytes that do not decode are skipped and recorded in d->bad. */
qujat_status qujat_decoder_read(struct decoder *d, char *out, size_t cap,
                                size_t *got, qujat_error *err);

/* Removes the bad spots before decoded offset `at`, giving the first one
 * at or after `from` in `what` (size `n`); returns whether there was one. */
int qujat_decoder_take_bad(struct decoder *d, size_t from, size_t at,
                           char *what, size_t n);

void qujat_decoder_close(struct decoder *d);

#endif
