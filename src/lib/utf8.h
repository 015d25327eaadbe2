/* Strict UTF-8: validation with a location, decoding, measuring. */
#ifndef QUJAT_UTF8_H
#define QUJAT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Checks that `s[0..len)` is strict UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF) without NUL bytes. Returns 1 when valid; otherwise
 * 0 with the 1-based line and column (in characters) of the first bad byte.
 */
int qujat_utf8_valid(const char *s, size_t len, int *line, int *column);

/*
 * Decodes the code point at `*p` (valid UTF-8 assumed, as checked at input)
 * and advances `*p`. Returns 0 at the terminating NUL without advancing.
 */
uint32_t qujat_utf8_next(const char **p);

/* Number of code points in the NUL-terminated string `s`. */
size_t qujat_utf8_length(const char *s);

/* Number of code points in `s[0..len)`. */
size_t qujat_utf8_length_n(const char *s, size_t len);

/* Cuts a NUL-terminated UTF-8 string `s` before a sequence that a full
 * buffer cut short at its end, so that it stays valid UTF-8. */
void qujat_utf8_trim_cut(char *s);

/* The length of `s` up to `max` bytes, not ending inside a character: for
 * "%.*s" in messages. */
int qujat_utf8_prefix(const char *s, size_t max);

/* Strict UTF-8 checking of a stream that arrives in pieces: a sequence may
 * be split between two calls. Zero-initialise. */
struct utf8_stream {
  unsigned need;         /* continuation bytes still due */
  unsigned char lo, hi;  /* the range of the next one */
  int bad;               /* an error was found */
  long line;             /* lines seen so far, from 1 (0 means 1) */
};

/* Checks `len` more bytes. Returns the number of bytes that are good
 * before the first bad one (`len` when all are), and sets `s->bad` at an
 * invalid byte or a NUL. `s->line` counts the newlines passed. */
size_t qujat_utf8_stream(struct utf8_stream *s, const unsigned char *p,
                         size_t len);

/* Whether the stream ended between sequences (call at end of input). */
int qujat_utf8_stream_done(const struct utf8_stream *s);

/* Writes `cp` as UTF-8 into `out` (room for 4 bytes); returns the length. */
size_t qujat_utf8_encode(uint32_t cp, char *out);

#endif
