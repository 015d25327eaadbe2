/*
 * UTF-8 aware line breaking, shared by the text and PDF renderers: breaks
 * at spaces, and inside a word only between characters when the word alone
 * is wider than the line. The width of a run is measured by the caller
 * (code points for text, font metrics for PDF).
 */
#ifndef QUJAT_WRAP_H
#define QUJAT_WRAP_H

#include <stddef.h>

/* Width of s[0..len) in the caller's unit. */
typedef double (*wrap_measure_fn)(const char *s, size_t len, void *user);

struct wrap_line {
  size_t start, len; /* byte range in the text, without trailing space */
};

/*
 * Breaks `text` into lines no wider than `width`, storing up to `max`
 * lines in `lines`. Returns the number of lines needed (which may exceed
 * `max`; call again with more room). Explicit newlines force a break.
 */
size_t qujat_wrap(const char *text, double width, wrap_measure_fn measure,
                  void *user, struct wrap_line *lines, size_t max);

#endif
