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

/* Writes `cp` as UTF-8 into `out` (room for 4 bytes); returns the length. */
size_t qujat_utf8_encode(uint32_t cp, char *out);

#endif
